"""Sentiment lexicon: loading ``data/lexicons/sentiment`` and the textblob-de baseline lexicon.

Everything the news scorer looks up is read here, once per folder, into the frozen
:class:`SentimentLexicon`: the bundled polarity lexicon of Klenner, Clematide, Wiegand & Peters (2010)
(read at run time from the installed textblob-de, never copied), the project's additions and overrides,
negators, intensifiers, compound heads, contrast words, and the word-sense files (senses, change words
and themes, reversers, descriptive event words, target prepositions). What each file holds and why is
in ``data/lexicons/sentiment/README.md``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from medialens import config
from medialens.datafiles import data_list, data_rows, package_file

# STTS -> the coarse tags of the baseline lexicon (Penn-style NN/JJ/VB/RB). Other tags are not scored.
COARSE_TAGS = MappingProxyType({
    "NN": "NN", "NNA": "NN", "NNI": "NN", "ADJA": "JJ", "ADJD": "JJ", "ADV": "RB",
    "VVFIN": "VB", "VVINF": "VB", "VVIZU": "VB", "VVPP": "VB", "VVIMP": "VB",
})
_MIN_HEAD = 4  # shortest compound head tried ("Verkehrstote" -> "Tote")
_MIN_MODIFIER = 3  # shortest first part of a compound


@dataclass(frozen=True)
class SenseRule:
    """One row of ``senses.tsv``: the sense of ``lemma`` selected by tag, auxiliary and context."""

    lemma: str
    sense: str
    tags: frozenset[str]  # empty = any tag
    needs_aux: bool
    context: frozenset[str]  # empty = no context needed
    polarity: float


def compound_part(word: str, table: Mapping[str, object], min_modifier: int = 1, min_head: int = _MIN_HEAD) -> str | None:
    """The longest capitalised last part of ``word`` that is a key of ``table`` ("Treibstoffpreis" ->
    "Preis"), or ``None``; the first part is at least ``min_modifier`` letters."""
    for i in range(min_modifier, len(word) - min_head + 1):
        head = word[i].upper() + word[i + 1 :]
        if head in table:
            return head
    return None


@dataclass(frozen=True)
class SentimentLexicon:
    """Everything the news scorer looks up; built by :func:`load_lexicon`.

    Attributes:
        words: additions and overrides by lemma (they win over the baseline).
        baseline: the textblob-de lexicon: form -> {coarse POS or None: polarity}; ``None`` holds the
            average over parts of speech (as pattern does).
        phrases: multi-word entries as lower-case word tuples -> polarity.
        negators: negation lemmas (lower case).
        negation_exceptions: two-word sequences whose first word is not a negation.
        intensifiers: lemma -> factor.
        compound_heads: nouns allowed as compound heads -> polarity.
        contrast: contrastive conjunctions/adverbs for the "but" rule.
        senses: lemma -> its :class:`SenseRule` rows in file order.
        change_words: lemma -> direction (+1 rise, -1 fall).
        change_themes: lemma -> +1 when more of it is good news, -1 when bad.
        reversers: lemmas that flip the tone of their clause (verhindern).
        reverser_pairs: two-word reversers as lower-case pairs (kampf, gegen).
        descriptive: event lemmas whose value is damped (Tote, Festnahme).
        tie_prepositions: prepositions that tie an evaluation to their noun (gegen, für).
    """

    words: Mapping[str, float]
    baseline: Mapping[str, Mapping[str | None, float]]
    phrases: Mapping[tuple[str, ...], float]
    negators: frozenset[str]
    negation_exceptions: frozenset[tuple[str, str]]
    intensifiers: Mapping[str, float]
    compound_heads: Mapping[str, float] = field(default_factory=dict)
    contrast: frozenset[str] = frozenset()
    senses: Mapping[str, tuple[SenseRule, ...]] = field(default_factory=dict)
    change_words: Mapping[str, int] = field(default_factory=dict)
    change_themes: Mapping[str, int] = field(default_factory=dict)
    reversers: frozenset[str] = frozenset()
    reverser_pairs: frozenset[tuple[str, str]] = frozenset()
    descriptive: frozenset[str] = frozenset()
    tie_prepositions: frozenset[str] = frozenset()
    _memo: dict = field(default_factory=dict, compare=False, repr=False, hash=False)
    _phrases_by_first: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def phrases_starting(self, word: str) -> list[tuple[int, tuple[str, ...], float]]:
        """The multi-word entries whose first word is ``word``: (position in :attr:`phrases`, phrase, polarity)."""
        index = self._phrases_by_first
        if not index and self.phrases:
            for order, (phrase, value) in enumerate(self.phrases.items()):
                index.setdefault(phrase[0], []).append((order, phrase, value))
        return index.get(word, [])

    def value(self, lemma: str, text: str, pos: str) -> tuple[float, str] | None:
        """Polarity of one token and the lexicon key that matched, or ``None`` when unknown.

        Order: project entries, then the baseline (POS-matched reading, else the average), first by
        lemma, then by surface form (lower-cased for non-nouns); nouns then try their compound head.
        """
        key = (lemma, text, pos)
        if key not in self._memo:
            self._memo[key] = self._lookup(lemma, text, pos)
        return self._memo[key]

    def _lookup(self, lemma: str, text: str, pos: str) -> tuple[float, str] | None:
        coarse = COARSE_TAGS.get(pos)
        if coarse is None or (coarse == "NN" and not text[:1].isupper()):
            return None  # a lower-case "noun" is a tagging error ("erfolge" tagged as Erfolg)
        candidates = [lemma, text]
        if coarse != "NN":
            candidates += [lemma.lower(), text.lower()]
        if "ß" in lemma:  # HanTa sometimes lemmatises to pre-1996 spelling ("Kompromisse" -> "Kompromiß")
            candidates.append(lemma.replace("ß", "ss"))
        for cand in dict.fromkeys(candidates):
            if cand in self.words:
                return self.words[cand], cand
            entry = self.baseline.get(cand)
            if entry is not None:
                return entry.get(coarse, entry[None]), cand
        if coarse == "NN":
            head = compound_part(lemma, self.compound_heads, _MIN_MODIFIER)
            return (self.compound_heads[head], head) if head else None
        return None

    def is_descriptive(self, lemma: str) -> bool:
        """An event word that reports (``descriptive.txt``), also as the head of a compound."""
        return lemma in self.descriptive or compound_part(lemma, self.descriptive, _MIN_MODIFIER) is not None


def baseline_lexicon_file() -> Path:
    """Path of the polarity lexicon bundled with the installed textblob-de package."""
    path = package_file("textblob_de", "data", "de-sentiment.xml")
    if not path.exists():
        raise FileNotFoundError(f"textblob-de lexicon not found at {path}; is textblob-de installed?")
    return path


@lru_cache(maxsize=4)
def load_baseline(path: Path | None = None) -> Mapping[str, Mapping[str | None, float]]:
    """Read the textblob-de XML lexicon: form -> {POS: mean polarity, None: mean over POS}."""
    root = ET.parse(path or baseline_lexicon_file()).getroot()
    senses: dict[str, dict[str, list[float]]] = {}
    for w in root.iter("word"):
        form = w.get("form")
        if form:
            senses.setdefault(form, {}).setdefault(w.get("pos") or "", []).append(float(w.get("polarity", 0)))
    table: dict[str, dict[str | None, float]] = {}
    for form, by_pos in senses.items():
        means = {pos: sum(v) / len(v) for pos, v in by_pos.items()}
        entry: dict[str | None, float] = dict(means)
        entry[None] = sum(means.values()) / len(means)
        table[form] = MappingProxyType(entry)
    return MappingProxyType(table)


def _polarity_rows(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for row in data_rows(path):
        value = float(row["polarity"])
        if not -1.0 <= value <= 1.0:
            raise ValueError(f"{path.name}: polarity of {row['lemma']!r} outside [-1, 1]: {value}")
        if row["lemma"] in out:
            raise ValueError(f"{path.name}: duplicate lemma {row['lemma']!r}")
        out[row["lemma"]] = value
    return out


def _signed_table(path: Path, column: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in data_rows(path):
        value = int(row[column])
        if value not in (-1, 1) or row["lemma"] in out:
            raise ValueError(f"{path.name}: {row['lemma']!r} needs {column} -1 or +1 and one row")
        out[row["lemma"]] = value
    return out


def load_senses(path: Path) -> dict[str, tuple[SenseRule, ...]]:
    """``senses.tsv``: lemma -> its rules in file order.

    Raises:
        ValueError: on an unknown ``needs`` value or a polarity outside [-1, 1].
    """
    rules: dict[str, list[SenseRule]] = {}
    for row in data_rows(path):
        if row["needs"] not in ("aux", "-"):
            raise ValueError(f"{path.name}: {row['lemma']!r}: needs must be 'aux' or '-', not {row['needs']!r}")
        polarity = float(row["polarity"])
        if not -1.0 <= polarity <= 1.0:
            raise ValueError(f"{path.name}: polarity of {row['lemma']!r} outside [-1, 1]: {polarity}")
        tags = frozenset() if row["tags"] == "*" else frozenset(row["tags"].split("|"))
        context = frozenset() if row["context"] == "-" else frozenset(row["context"].split("|"))
        rules.setdefault(row["lemma"], []).append(
            SenseRule(row["lemma"], row["sense"], tags, row["needs"] == "aux", context, polarity))
    return {lemma: tuple(rows) for lemma, rows in rules.items()}


@lru_cache(maxsize=4)
def load_lexicon(directory: Path | None = None) -> SentimentLexicon:
    """Load the news lexicon (baseline + ``data/lexicons/sentiment`` files); cached per directory.

    Args:
        directory: folder with the files described in its README; default
            ``config.LEXICON_DIR / "sentiment"``.

    Raises:
        ValueError: on malformed rows, duplicates, values outside [-1, 1], a lemma in both
            additions and overrides, or a compound head without a noun polarity.
    """
    folder = Path(directory) if directory else config.LEXICON_DIR / "sentiment"
    additions = _polarity_rows(folder / "news_additions.csv")
    overrides = _polarity_rows(folder / "overrides.csv")
    both = sorted(set(additions) & set(overrides))
    if both:
        raise ValueError(f"lemmas listed both as additions and overrides: {both}")
    merged = {**additions, **overrides}
    words = {k: v for k, v in merged.items() if " " not in k}
    negators, exceptions = set(), set()
    for line in data_list(folder / "negators.txt"):
        if line.startswith("!"):
            first, second = line[1:].lower().split()
            exceptions.add((first, second))
        else:
            negators.add(line.lower())
    baseline = load_baseline()
    heads: dict[str, float] = {}
    for head in data_list(folder / "compound_heads.txt"):
        if head in words:
            heads[head] = words[head]
        elif head in baseline and "NN" in baseline[head]:
            heads[head] = baseline[head]["NN"]
        else:
            raise ValueError(f"compound_heads.txt: {head!r} has no noun polarity in the lexicon")
    reversers = data_list(folder / "reversers.txt")
    return SentimentLexicon(
        words=words,
        baseline=baseline,
        phrases={tuple(k.lower().split()): v for k, v in merged.items() if " " in k},
        negators=frozenset(negators),
        negation_exceptions=frozenset(exceptions),
        intensifiers={row["lemma"].lower(): float(row["factor"]) for row in data_rows(folder / "intensifiers.csv")},
        compound_heads=heads,
        contrast=frozenset(line.lower() for line in data_list(folder / "contrast.txt")),
        senses=load_senses(folder / "senses.tsv"),
        change_words=_signed_table(folder / "change_words.tsv", "direction"),
        change_themes=_signed_table(folder / "change_themes.tsv", "more"),
        reversers=frozenset(w for w in reversers if " " not in w),
        reverser_pairs=frozenset(tuple(w.lower().split()) for w in reversers if " " in w),
        descriptive=frozenset(data_list(folder / "descriptive.txt")),
        tie_prepositions=frozenset(w.lower() for w in data_list(folder / "target_prepositions.txt")),
    )
