"""Framing lexicons: cases, causal cues, distancing markers, labelling verbs and the topic dictionary.

Everything is read from ``data/lexicons/frames`` (syntax and sources in its README; how to code the
same things by hand in its CODEBOOK) into frozen dataclasses, once per process:

* a **case** (``cases/<name>/``): referents and the labels that name them, cause categories and the
  words that put a cause into one -- :func:`load_case`, :func:`case_names`;
* the general German lists: causal cues (:func:`load_causal_cues`), distancing markers, scare-quote
  exclusions and labelling verbs (:func:`load_distancing`);
* the topic dictionary (``topics.csv``, :func:`load_topic_lexicon`) -- what a sentence is about, not
  how it frames it.

Every loader raises ``ValueError`` naming the file and line of a bad row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from medialens import config
from medialens.datafiles import data_lines, data_list, data_rows
from medialens.framing.rules.patterns import Pattern, PatternSet, compile_pattern, normalise, parse_word
from medialens.framing.rules.voice import ViewCue

#: Stances of a label, relative to the authorities who act in the case (CODEBOOK.md 3.1).
STANCES = ("official", "pejorative", "neutral", "sympathetic", "critical")
#: Where a causal cue's cause is (``causal_cues.csv``, column ``cause``).
CAUSE_SIDES = ("after", "clause", "gap", "before", "previous")
#: What a distancing marker is attached to (``distancing_markers.csv``, column ``attaches``).
ATTACHES = ("np", "clause", "source", "quoted")
#: The case the notebook and the evaluation use unless told otherwise.
DEFAULT_CASE = "kazakhstan-2022"


def frames_dir() -> Path:
    """``data/lexicons/frames``."""
    return config.lexicon_path("frames")


def numbered_rows(path: Path) -> list[tuple[str, dict[str, str]]]:
    """``("file:line", row)`` for every data row of a CSV data file (the tag names a bad row)."""
    lines = [number for number, _ in data_lines(path)][1:]
    return [(f"{path}:{number}", row) for number, row in zip(lines, data_rows(path))]


def _required(row: Mapping[str, str], where: str, *columns: str) -> list[str]:
    values = [(row.get(c) or "").strip() for c in columns]
    missing = [c for c, v in zip(columns, values) if not v]
    if missing:
        raise ValueError(f"{where}: empty {', '.join(missing)}")
    return values


# ------------------------------------------------------------------------------------ cases


@dataclass(frozen=True)
class Label:
    """A naming choice: ``label`` names ``referent`` with ``stance``."""

    referent: str
    label: str
    stance: str


@dataclass(frozen=True)
class Case:
    """One case folder: referents and their labels, cause categories and their words.

    ``referents``/``categories`` map ids to display names in file order; ``label_patterns`` and
    ``cause_patterns`` own ``(referent, label)`` and ``(category,)`` tuples.
    """

    name: str
    referents: Mapping[str, str]
    labels: Mapping[tuple[str, str], Label]
    label_patterns: PatternSet
    categories: Mapping[str, str]
    cause_patterns: PatternSet
    #: Patterns of expressions that name something else (``other_referents.csv``: *UN-Friedensmission*):
    #: a label inside one is not counted.
    other_patterns: PatternSet = field(default_factory=PatternSet)
    #: The years of the case's events (``years.txt``); a label of a ``dated`` referent in a clause naming
    #: another year is another event (*der Maidan 2014*, *der Streik von 2011*). Empty: no year check.
    years: frozenset[int] = frozenset()
    #: Referents that are events of the case's time (``referents.csv`` column ``dated``, default 1);
    #: persons and institutions (``dated`` 0) are the same referent in any year.
    dated: frozenset[str] = frozenset()


def _case_folder(name_or_path: str | Path) -> Path:
    folder = Path(name_or_path)
    if folder.is_dir() and (folder / "labels.csv").is_file():
        return folder
    folder = frames_dir() / "cases" / str(name_or_path)
    if not (folder / "labels.csv").is_file():
        raise ValueError(f"no case {name_or_path!r}: known cases are {list(case_names())} "
                         f"(folders with a labels.csv under {frames_dir() / 'cases'})")
    return folder


def _names(path: Path, key: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for where, row in numbered_rows(path):
        ident, name = _required(row, where, key, "name")
        if ident in out:
            raise ValueError(f"{where}: {key} {ident!r} listed twice")
        out[ident] = name
    return out


def _label_patterns(path: Path, referents: Mapping[str, str]) -> tuple[dict, list[Pattern]]:
    labels: dict[tuple[str, str], Label] = {}
    patterns = []
    for order, (where, row) in enumerate(numbered_rows(path)):
        referent, label, stance, pattern, kind = _required(row, where, "referent", "label", "stance", "pattern", "kind")
        if referent not in referents:
            raise ValueError(f"{where}: unknown referent {referent!r} (referents.csv has {list(referents)})")
        if stance not in STANCES:
            raise ValueError(f"{where}: stance {stance!r} is not one of {STANCES}")
        known = labels.setdefault((referent, label), Label(referent, label, stance))
        if known.stance != stance:
            raise ValueError(f"{where}: label {label!r} has stance {stance!r} here and {known.stance!r} above")
        patterns.append(compile_pattern((referent, label), pattern, kind, context=row.get("context", ""),
                                        order=order, where=where))
    return labels, patterns


def _other_referents(folder: Path) -> list[Pattern]:
    """``other_referents.csv`` (optional): expressions with a label that name something else."""
    path = folder / "other_referents.csv"
    out = []
    for order, (where, row) in enumerate(numbered_rows(path) if path.is_file() else ()):
        pattern, kind = _required(row, where, "pattern", "kind")
        out.append(compile_pattern(("other",), pattern, kind, context=row.get("context", ""), order=order, where=where))
    return out


def _years(folder: Path) -> frozenset[int]:
    """``years.txt`` (optional): the years of the case's events."""
    path = folder / "years.txt"
    entries = data_list(path) if path.is_file() else ()
    if not all(e.isdigit() and len(e) == 4 for e in entries):
        raise ValueError(f"{path}: one four-digit year a line")
    return frozenset(int(e) for e in entries)


@lru_cache(maxsize=16)
def load_case(name_or_path: str | Path = DEFAULT_CASE) -> Case:
    """Read a case: ``cases/<name>/`` under ``data/lexicons/frames``, or any folder with the four files.

    Raises:
        ValueError: an unknown case; a label row with an unknown referent or stance or a second stance
            for one label; a cause row with an unknown category; a bad pattern (file and line named).
    """
    folder = _case_folder(name_or_path)
    referents = _names(folder / "referents.csv", "referent")
    dated = frozenset(row["referent"].strip() for _, row in numbered_rows(folder / "referents.csv")
                      if (row.get("dated") or "1").strip() != "0")
    labels, patterns = _label_patterns(folder / "labels.csv", referents)
    categories = _names(folder / "cause_categories.csv", "category")
    others, years = _other_referents(folder), _years(folder)
    causes = []
    for order, (where, row) in enumerate(numbered_rows(folder / "causes.csv")):
        category, pattern, kind = _required(row, where, "category", "pattern", "kind")
        if category not in categories:
            raise ValueError(f"{where}: unknown category {category!r} (cause_categories.csv has {list(categories)})")
        causes.append(compile_pattern((category,), pattern, kind, context=row.get("context", ""), order=order,
                                      where=where))
    return Case(folder.name, MappingProxyType(referents), MappingProxyType(labels), PatternSet.of(patterns),
                MappingProxyType(categories), PatternSet.of(causes), PatternSet.of(others), years, dated)


def case_names() -> tuple[str, ...]:
    """The case folders under ``data/lexicons/frames/cases`` (those with a ``labels.csv``), sorted."""
    root = frames_dir() / "cases"
    return tuple(sorted(p.name for p in root.iterdir() if (p / "labels.csv").is_file()))


# ------------------------------------------------------------------------------------ causal cues


@lru_cache(maxsize=4)
def load_causal_cues(path: str | Path | None = None) -> PatternSet:
    """The causal cues (``causal_cues.csv``); each pattern's owner is ``(cue, cause side)``.

    Raises:
        ValueError: an unknown cause side or a bad pattern (file and line named).
    """
    path = Path(path) if path else frames_dir() / "causal_cues.csv"
    out = []
    for order, (where, row) in enumerate(numbered_rows(path)):
        cue, pattern, kind, side = _required(row, where, "cue", "pattern", "kind", "cause")
        if side not in CAUSE_SIDES:
            raise ValueError(f"{where}: cause {side!r} is not one of {CAUSE_SIDES}")
        out.append(compile_pattern((cue, side), pattern, kind, order=order, where=where,
                                   excludes=row.get("excludes", "")))
    return PatternSet.of(out)


# ------------------------------------------------------------------------------------ distancing


@dataclass(frozen=True)
class Marker:
    """A distancing marker (``distancing_markers.csv``)."""

    marker: str
    attaches: str
    reporting_grammar: bool
    counts: bool


@dataclass(frozen=True)
class DistancingLexicon:
    """Lexical markers (patterns owning ``(Marker,)``), the rule markers by name, the scare-quote
    exclusions, the labelling verbs and nouns (normalised lemma -> introducer, ``""`` = none) and the view
    and blame verbs (normalised lemma -> :class:`ViewCue` rows)."""

    lexical: PatternSet
    rules: Mapping[str, Marker]
    title_nouns: tuple[str, ...]
    speech_cues: frozenset[str]
    labelling: Mapping[str, str]
    views: Mapping[str, tuple[ViewCue, ...]] = field(default_factory=lambda: MappingProxyType({}))


#: The rule-based markers the code implements (kind ``rule`` in ``distancing_markers.csv``).
RULE_MARKERS = ("scare_quote", "konjunktiv1", "sollen_perfekt", "wollen_perfekt")


def _markers(path: Path) -> tuple[list[Pattern], dict[str, Marker]]:
    lexical, rules = [], {}
    for order, (where, row) in enumerate(numbered_rows(path)):
        name, pattern, kind, attaches = _required(row, where, "marker", "pattern", "kind", "attaches")
        if attaches not in ATTACHES:
            raise ValueError(f"{where}: attaches {attaches!r} is not one of {ATTACHES}")
        flags = [(row.get(c) or "").strip() for c in ("reporting_grammar", "counts")]
        if any(f not in ("0", "1") for f in flags):
            raise ValueError(f"{where}: reporting_grammar and counts must be 0 or 1")
        marker = Marker(name, attaches, flags[0] == "1", flags[1] == "1")
        if kind == "rule":
            if name not in RULE_MARKERS:
                raise ValueError(f"{where}: no rule implements marker {name!r} (rules: {RULE_MARKERS})")
            rules[name] = marker
        else:
            lexical.append(compile_pattern((marker,), pattern, kind, order=order, where=where))
    return lexical, rules


def _view_cues(path: Path) -> dict[str, tuple[ViewCue, ...]]:
    out: dict[str, list[ViewCue]] = {}
    for where, row in numbered_rows(path):
        verb, where_claim = _required(row, where, "verb", "where")
        if where_claim not in ("after", "before"):
            raise ValueError(f"{where}: where {where_claim!r} is not 'after' or 'before'")
        with_words = tuple(parse_word(w) for w in (row.get("with") or "").split("|") if w.strip())
        effect = tuple(w.strip() if w.strip() == "object" else normalise(w.strip())
                       for w in (row.get("effect") or "").split("|") if w.strip())
        out.setdefault(normalise(verb), []).append(ViewCue(normalise(verb), with_words, effect, where_claim))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4)
def load_distancing(folder: str | Path | None = None) -> DistancingLexicon:
    """``distancing_markers.csv``, ``scare_quote_exclusions.csv``, ``labelling_cues.csv`` and ``view_cues.csv``.

    Raises:
        ValueError: an unknown ``attaches`` value, a flag other than 0/1, a rule marker no code
            implements, or a bad pattern (file and line named).
    """
    root = Path(folder) if folder else frames_dir()
    lexical, rules = _markers(root / "distancing_markers.csv")
    titles, cues = [], set()
    for row in data_rows(root / "scare_quote_exclusions.csv"):
        word = row["word"].strip().casefold()
        (titles.append(word) if row["kind"].strip() == "title_noun" else cues.add(word))
    labelling = {normalise(r["verb"]): r["introducer"].strip().casefold() for r in data_rows(root / "labelling_cues.csv")}
    views = _view_cues(root / "view_cues.csv") if (root / "view_cues.csv").is_file() else {}
    return DistancingLexicon(PatternSet.of(lexical), MappingProxyType(rules), tuple(titles), frozenset(cues),
                             MappingProxyType(labelling), MappingProxyType(views))


# ------------------------------------------------------------------------------------ topics


@dataclass(frozen=True)
class TopicLexicon:
    """The topic dictionary: topic names in file order and their patterns (owner ``(topic,)``)."""

    topics: tuple[str, ...]
    patterns: PatternSet


@lru_cache(maxsize=8)
def load_topic_lexicon(path: str | Path | None = None) -> TopicLexicon:
    """Read the topic dictionary (``topics.csv``: ``topic,pattern,kind``).

    Raises:
        ValueError: an empty topic or pattern, an unknown kind, an affix under three letters, a phrase
            starting or ending with a gap (file and line named).
    """
    path = Path(path) if path else frames_dir() / "topics.csv"
    topics: list[str] = []
    patterns = []
    for order, (where, row) in enumerate(numbered_rows(path)):
        topic, pattern, kind = _required(row, where, "topic", "pattern", "kind")
        if topic not in topics:
            topics.append(topic)
        patterns.append(compile_pattern((topic,), pattern, kind, order=order, where=where))
    return TopicLexicon(tuple(topics), PatternSet.of(patterns))


def topic_names(lexicon: TopicLexicon | None = None) -> tuple[str, ...]:
    """The topics of the dictionary, in file order."""
    return (lexicon or load_topic_lexicon()).topics
