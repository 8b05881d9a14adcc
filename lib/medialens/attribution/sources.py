"""Source typing: what kind of source a source phrase names.

Types a phrase such as "das russische Präsidialamt" or "unabhängigen kasachischen Nachrichtenkanälen"
as one of :data:`SOURCE_TYPES`, from (in this order of precedence) the outlet registry
(``data/outlets.csv``), the actor dictionary (``data/actors.jsonl``, optional) and the documented
patterns in ``data/lexicons/sources/`` (patterns, media modifiers, country cues). All mappings are
data files a user can extend; see the README in that folder.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from medialens import config
from medialens.corpus.outlets import registry_rows
from medialens.datafiles import data_rows

#: The closed set of source types (column ``source_type``/``via_type``).
SOURCE_TYPES = (
    "state_media",
    "independent_media",
    "other_media",
    "news_agency",
    "government",
    "security_forces",
    "foreign_government",
    "international_organisation",
    "civil_society",
    "opposition",
    "expert",
    "witness_or_public",
    "anonymous",
    "other",
)
#: The country whose government is "government" (others: "foreign_government"). The demo case is
#: the January 2022 unrest in Kazakhstan; pass ``home_country`` to analyse another case.
DEFAULT_HOME_COUNTRY = "KZ"

_MEDIA_TYPES = frozenset({"other_media", "news_agency", "independent_media", "state_media"})
#: Types that an "other" modifier overrides even at institution priority ("oppositionelle Partei").
_RETYPED_BY_MODIFIER = frozenset({"other"})
#: Adjectives that mark an office as a past one ("der frühere Präsident").
FORMER_MARKERS = frozenset({"früh", "früher", "ehemalig", "einstig", "vormalig", "abgesetzt", "gestürzt"})
_MATCH_KINDS = frozenset({"word", "prefix", "suffix", "contains", "phrase"})
#: Priority of a hit in the outlet registry (above every pattern).
REGISTRY_PRIORITY = 3
#: Priority of an actor-dictionary category: above weak patterns (roles such as "Korrespondent"),
#: below institution patterns, so "das Innenministerium" stays government whatever category the
#: actor dictionary gives the ministry, while a bare name ("Peskow") takes its actor's category.
ACTOR_PRIORITY = 1.5

Word = tuple[str, str, str]  # (text, lemma, STTS tag)


@dataclass(frozen=True)
class SourceType:
    """Result of typing a phrase."""

    source_type: str
    actor_id: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class _Alias:
    phrase: str  # lower-case, words joined by single spaces
    source_type: str | None
    actor_id: str | None = None
    country: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.phrase.split(" "))


def _index(aliases: Iterable[_Alias]) -> dict[str, tuple[_Alias, ...]]:
    """Aliases by their first word, longest first."""
    index: dict[str, list[_Alias]] = {}
    for alias in aliases:
        index.setdefault(alias.words[0], []).append(alias)
    return {k: tuple(sorted(v, key=lambda a: -len(a.words))) for k, v in index.items()}


def _first_hit(index: dict[str, tuple[_Alias, ...]], forms: Sequence[Sequence[str]]) -> tuple[int, _Alias] | None:
    """Leftmost, then longest alias occurring in one of the word sequences (same length each)."""
    n = len(forms[0])
    for i in range(n):
        best = None
        for seq in forms:
            for alias in index.get(seq[i], ()):
                w = alias.words
                if tuple(seq[i : i + len(w)]) == w and (best is None or len(w) > len(best.words)):
                    best = alias
                    break
        if best is not None:
            return i, best
    return None


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u00ad", "").split())


@dataclass(frozen=True)
class SourceTyper:
    """Types source phrases. Build with :func:`get_typer`; immutable and cheap to call."""

    patterns: tuple[tuple[str, str, str, int], ...]
    phrases: tuple[tuple[str, str, int], ...]
    modifiers: tuple[tuple[str, str, str], ...]
    countries: tuple[tuple[str, str, str], ...]
    outlets: tuple[_Alias, ...]
    actors: tuple[_Alias, ...]
    home_country: str | None
    #: head noun endings -> "journalist" / "member" (``complement_heads.tsv``)
    complement_heads: tuple[tuple[str, str], ...] = ()
    _word_cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    _outlet_index: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    _actor_index: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    _pattern_index: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        self._outlet_index.update(_index(self.outlets))
        self._actor_index.update(_index(self.actors))
        self._pattern_index.update(_pattern_index(self.patterns))

    def word_type(self, text: str, lemma: str) -> tuple[str, int] | None:
        """Type and priority of one word from the patterns (first matching line wins)."""
        key = (text, lemma)
        if key in self._word_cache:
            return self._word_cache[key]
        line = _first_line(self._pattern_index, {text.lower(), lemma.lower()})
        found = None if line is None else (self.patterns[line][2], self.patterns[line][3])
        if len(self._word_cache) < 50_000:
            self._word_cache[key] = found
        return found

    def country_of(self, words: Sequence[Word]) -> str | None:
        """First country cue in the phrase ("russische" -> RU, "in Moskau" -> RU), else ``None``."""
        for text, lemma, _ in words:
            key = ("country", text, lemma)
            if key not in self._word_cache:
                forms = (text.lower(), lemma.lower())
                found = None
                for cue, match, country in self.countries:
                    if any(_matches(f, cue, match) for f in forms):
                        found = country
                        break
                if len(self._word_cache) < 50_000:
                    self._word_cache[key] = found
                else:
                    return found
            if self._word_cache[key] is not None:
                return self._word_cache[key]
        return None

    def type_phrase(self, words: Sequence[Word]) -> SourceType | None:
        """Type a source phrase.

        Args:
            words: the phrase's words as ``(text, lemma, STTS tag)``.

        Returns:
            The source type (with actor id and country when known), or ``None`` when nothing in the
            phrase carries a type (the caller decides: pronoun resolution or ``"other"``).
        """
        if not words:
            return None
        words = _split_compounds(words)  # "Reuters-Reporter" -> also "Reuters", "Reporter"
        forms = _forms(words)
        outlet_hit = _first_hit(self._outlet_index, forms)
        actor_hit = _first_hit(self._actor_index, forms)
        candidates = self._head_decides(words, self._candidates(words, forms, outlet_hit, actor_hit))
        best = max((c[:3] for c in candidates), default=None)
        source_type = self._modified(best, words)
        if source_type is None:
            return None
        actor_id, actor_country = (actor_hit[1].actor_id, actor_hit[1].country) if actor_hit else (None, None)
        country = self.country_of(words) or actor_country
        if source_type == "government" and country and self.home_country and country != self.home_country:
            source_type = "foreign_government"
        return SourceType(source_type, actor_id, country)

    def _candidates(self, words, forms, outlet_hit, actor_hit) -> list[tuple[float, int, str, bool]]:
        """``(priority, -position, type, outlet)`` of every registry, dictionary, phrase and word hit
        (``outlet``: the hit names an outlet, from the registry)."""
        candidates = []
        if outlet_hit is not None and outlet_hit[1].source_type:
            candidates.append((REGISTRY_PRIORITY, -outlet_hit[0], outlet_hit[1].source_type, True))
        if actor_hit is not None and actor_hit[1].source_type:
            candidates.append((ACTOR_PRIORITY, -actor_hit[0], actor_hit[1].source_type, False))
        lemmas = " " + " ".join(forms[1]) + " "
        texts = " " + " ".join(forms[0]) + " "
        for phrase, source_type, priority in self.phrases:
            position = _find(phrase, texts, lemmas)
            if position is not None:
                candidates.append((priority, -position, source_type, False))
        former = _former_office_positions(words)
        for i, (text, lemma, _) in enumerate(words):
            hit = self.word_type(text, lemma)
            if hit is not None and i not in former:
                candidates.append((hit[1], -i, hit[0], False))
        return candidates

    def _head_decides(self, words: Sequence[Word], candidates: list) -> list:
        """Candidates without the outlets in complements that do not type the phrase.

        The head noun decides (see ``complement_heads.tsv``): an outlet -- a registry name or a media
        type -- in a genitive or prepositional complement counts for a journalist head in any
        complement and for a member head (*Sprecher*, *Chef*) in the first; otherwise it is the
        recipient or the relay of the statement, not its source.
        """
        head, complements = _head_and_complements(words)
        if not complements:
            return candidates
        kind = self._head_kind(words[head][1] if head is not None else "")
        if kind == "journalist":
            return candidates
        employer_end = complements[1] if kind == "member" and len(complements) > 1 else len(words)
        outlets_until = employer_end if kind == "member" else complements[0]
        return [c for c in candidates if -c[1] < outlets_until or not (c[3] or c[2] in _MEDIA_TYPES)]

    def _head_kind(self, lemma: str) -> str | None:
        low = lemma.lower()
        return next((kind for ending, kind in self.complement_heads if low.endswith(ending)), None)

    def _modified(self, best: tuple[float, int, str] | None, words: Sequence[Word]) -> str | None:
        """The best type after modifiers ("staatliche Nachrichtenagentur", "oppositionelle Partei")."""
        mod = next((m for m in (self._modifier(lem, tag) for _, lem, tag in words) if m), None)
        source_type = best[2] if best else None
        if mod is None:
            return source_type
        media_type, other_type = mod
        if source_type in _MEDIA_TYPES and best[0] < REGISTRY_PRIORITY and media_type:
            return media_type  # "staatliche Nachrichtenagentur", "unabhängige Kanäle"
        if other_type and (best is None or best[0] < 2 or source_type in _RETYPED_BY_MODIFIER):
            return other_type  # "nach staatlichen Angaben", "offizielle Stellen", "oppositionelle Partei"
        return source_type

    def _modifier(self, lemma: str, tag: str) -> tuple[str, str] | None:
        if not tag.startswith("ADJ"):
            return None
        low = lemma.lower()
        for adjective, media_type, other_type in self.modifiers:
            if low.startswith(adjective):
                return media_type, other_type
        return None


#: Articles that open a genitive complement after the head of a source phrase (any preposition or a
#: comma opens one too).
GENITIVE_OPENERS = frozenset({"des", "der", "eines", "einer"})


def _head_and_complements(words: Sequence[Word]) -> tuple[int | None, list[int]]:
    """Position of a phrase's head noun and the start of each complement after the head.

    The head is the last noun of the first run of nouns that is not a prenominal genitive
    ("*Usbekistans* Außenminister"); complements open with a genitive article or a preposition
    ("der Sprecher **des** Senders", "ein Reporter **von** Radio X").
    """
    k = 0
    while k < len(words) and not words[k][2].startswith("N"):
        k += 1
    while k + 1 < len(words) and words[k][2] == "NE" and words[k][0].endswith("s") and words[k + 1][2].startswith("NN"):
        k += 1  # a prenominal genitive name
    if k >= len(words):
        return None, []
    head = k
    while k + 1 < len(words) and words[k + 1][2].startswith("N"):
        k += 1
    complements = [i for i in range(k + 1, len(words)) if words[i][2] in ("APPR", "APPRART") or words[i][0] == ","
                   or (words[i][0].lower() in GENITIVE_OPENERS and words[i][2] == "ART")]
    return head, complements


def _forms(words: Sequence[Word]) -> tuple[list[str], list[str], list[str]]:
    """Lower-case text, lemma and genitive-less text of each word (same length, for alias matching)."""
    text_words = [_norm(t) or "_" for t, _, _ in words]
    lemma_words = [_norm(lem) or "_" for _, lem, _ in words]
    return text_words, lemma_words, [_strip_genitive(w) for w in text_words]


def _split_compounds(words: Sequence[Word]) -> list[Word]:
    """Hyphenated compounds followed by their parts ("Reuters-Reporter" -> + "Reuters", "Reporter")."""
    out: list[Word] = []
    for text, lemma, tag in words:
        out.append((text, lemma, tag))
        parts = [p for p in text.split("-") if p]
        if len(parts) > 1 and not text.startswith("-"):
            out.extend((part, part, tag) for part in parts)
    return out


def _former_office_positions(words: Sequence[Word]) -> set[int]:
    """Positions of office words that a "former" marks as past ("der frühere Präsident", "Ex-Präsident").

    A former office holder is typed by what they are now (another word of the phrase, the actor
    dictionary), not by the office they left.
    """
    former = set()
    for i, (text, lemma, tag) in enumerate(words):
        low = text.lower()
        if low.startswith(("ex-", "alt-")):
            former.add(i)
        elif lemma.lower() in FORMER_MARKERS and tag.startswith("ADJ"):
            nxt = next((k for k in range(i + 1, len(words)) if words[k][2].startswith("N")), None)
            if nxt is not None:
                former.add(nxt)
    return former


def _strip_genitive(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def _find(phrase: str, *haystacks: str) -> int | None:
    """Word index where ``phrase`` occurs (word-aligned) in one of the space-padded haystacks."""
    needle = f" {phrase} "
    for hay in haystacks:
        at = hay.find(needle)
        if at >= 0:
            return hay.count(" ", 0, at)
    return None


def _pattern_index(patterns: Sequence[tuple[str, str, str, int]]) -> dict:
    """The patterns by kind: ``word``/``prefix``/``suffix`` text -> the first line holding it (and the
    lengths of the prefixes and suffixes), ``contains`` lines in file order."""
    index: dict = {"word": {}, "prefix": {}, "suffix": {}, "contains": []}
    for line, (pattern, match, _, _) in enumerate(patterns):
        if match in ("word", "prefix", "suffix"):
            index[match].setdefault(pattern, line)
        else:
            index["contains"].append((line, pattern))
    index["prefix_lengths"] = sorted({len(p) for p in index["prefix"]})
    index["suffix_lengths"] = sorted({len(p) for p in index["suffix"]})
    return index


def _first_line(index: dict, forms: set[str]) -> int | None:
    """The first pattern line (file order) that one of ``forms`` matches, as :func:`_matches` decides."""
    best = None
    words, prefixes, suffixes = index["word"], index["prefix"], index["suffix"]
    for form in forms:
        candidates = [words.get(form)]
        candidates += [prefixes.get(form[:n]) for n in index["prefix_lengths"] if n <= len(form)]
        candidates += [suffixes.get(form[len(form) - n :]) for n in index["suffix_lengths"] if n <= len(form)]
        for line in candidates:
            if line is not None and (best is None or line < best):
                best = line
        for line, pattern in index["contains"]:
            if best is not None and line >= best:
                break
            if pattern in form:
                best = line
                break
    return best


def _matches(form: str, pattern: str, match: str) -> bool:
    if match == "word":
        return form == pattern
    if match == "prefix":
        return form.startswith(pattern)
    if match == "suffix":
        return form.endswith(pattern)
    return pattern in form  # contains


def _sources_dir(folder: Path | None) -> Path:
    return Path(folder) if folder is not None else config.LEXICON_DIR / "sources"


@lru_cache(maxsize=4)
def _pattern_tables(folder: Path | None = None):
    base = _sources_dir(folder)
    valid = set(SOURCE_TYPES)
    patterns, phrases = [], []
    for row in data_rows(base / "patterns.tsv"):
        pattern, match, source_type = _norm(row["pattern"]), row["match"], row["source_type"]
        if match not in _MATCH_KINDS or source_type not in valid:
            raise ValueError(f"patterns.tsv: bad row {row}")
        priority = int(row["priority"] or 2)
        if match == "phrase":
            phrases.append((pattern, source_type, priority))
        else:
            patterns.append((pattern, match, source_type, priority))
    modifiers = []
    for row in data_rows(base / "modifiers.tsv"):
        for key in ("media_type", "other_type"):
            if row[key] and row[key] not in valid:
                raise ValueError(f"modifiers.tsv: bad type in {row}")
        modifiers.append((row["adjective"].lower(), row["media_type"], row["other_type"]))
    countries = tuple((r["cue"].lower(), r["match"], r["country"].upper()) for r in data_rows(base / "countries.tsv"))
    outlet_map = {r["outlet_type"]: r["source_type"] for r in data_rows(base / "outlet_types.tsv")}
    actor_map = tuple((r["pattern"], r["source_type"]) for r in data_rows(base / "actor_categories.tsv"))
    return tuple(patterns), tuple(phrases), tuple(modifiers), countries, outlet_map, actor_map


def outlet_rows(outlets) -> tuple[tuple[str, str, str], ...]:
    """``(outlet, aliases, outlet_type)`` rows of the registry (see :func:`medialens.corpus.registry_rows`)."""
    return registry_rows(outlets)


def _actor_source_type(category: str, actor_type: str, mapping) -> str | None:
    for pattern, source_type in mapping:
        if not pattern.startswith("type:") and category and fnmatch.fnmatchcase(category, pattern):
            return None if source_type == "-" else source_type
    for pattern, source_type in mapping:
        if pattern.startswith("type:") and actor_type and fnmatch.fnmatchcase(actor_type, pattern[5:]):
            return None if source_type == "-" else source_type
    return None


def _pattern_phrase(pattern) -> str | None:
    if isinstance(pattern, str):
        return _norm(pattern)
    words = []
    for spec in pattern if isinstance(pattern, list) else []:
        if not isinstance(spec, dict):
            return None
        value = None
        for key in ("LOWER", "ORTH", "TEXT", "LEMMA", "NORM"):
            if isinstance(spec.get(key), str):
                value = spec[key]
                break
        if value is None:
            return None
        words.append(_norm(value))
    return " ".join(words) or None


@lru_cache(maxsize=2)
def _actor_aliases(path: Path, mtime: float, actor_map) -> tuple[_Alias, ...]:
    """Aliases of the actor dictionary, parsed (and validated) by :func:`medialens.actors.load_actors`."""
    from medialens.actors import load_actors

    dictionary = load_actors(path)
    aliases = []
    for line in dictionary.lines:
        pattern = json.loads(line.pattern) if line.pattern.startswith("[") else line.pattern
        phrase = _pattern_phrase(pattern)
        if not phrase:
            continue
        actor = dictionary.actors[line.id]
        source_type = _actor_source_type(actor.category, actor.type, actor_map)
        aliases.append(_Alias(phrase, source_type, actor.id, actor.country.upper() if actor.country else None))
    return tuple(aliases)


def actor_aliases(path: Path | None = None) -> tuple[_Alias, ...]:
    """Aliases from the actor dictionary (``data/actors.jsonl``); empty when the file is absent."""
    key = _actor_key(path)
    return _actor_aliases(*key, _pattern_tables()[5]) if key else ()


def _actor_key(path: Path | None) -> tuple[Path, float] | None:
    path = Path(path) if path is not None else config.DATA_DIR / "actors.jsonl"
    try:
        return path, path.stat().st_mtime
    except OSError:
        return None


@lru_cache(maxsize=8)
def _typer_for(outlets: tuple | None, actor_key: tuple[Path, float] | None, home_country: str | None) -> SourceTyper:
    rows = registry_rows() if outlets is None else outlets
    actors = _actor_aliases(*actor_key, _pattern_tables()[5]) if actor_key else ()
    return _build_typer(rows, actors, home_country)


def _build_typer(outlets: tuple, actors: tuple, home_country: str | None) -> SourceTyper:
    patterns, phrases, modifiers, countries, outlet_map, _ = _pattern_tables()
    heads = tuple((r["ending"].lower(), r["kind"]) for r in data_rows(_sources_dir(None) / "complement_heads.tsv"))
    outlet_aliases = []
    for name, aliases, outlet_type in outlets:
        source_type = outlet_map.get(outlet_type)
        for alias in [name, *str(aliases).split("|")]:
            phrase = _norm(alias)
            if phrase:
                outlet_aliases.append(_Alias(phrase, source_type))
    outlet_aliases.sort(key=lambda a: -len(a.phrase))
    return SourceTyper(patterns, phrases, modifiers, countries, tuple(outlet_aliases), actors, home_country, heads)


def get_typer(
    outlets=None, *, home_country: str | None = DEFAULT_HOME_COUNTRY, actors_file: Path | None = None
) -> SourceTyper:
    """A (cached) :class:`SourceTyper` for an outlet registry and home country.

    Args:
        outlets: outlet registry DataFrame, or ``None`` for ``data/outlets.csv``.
        home_country: ISO code of the country whose government is ``government``.
        actors_file: actor dictionary JSONL (default ``data/actors.jsonl`` when present).
    """
    return _typer_for(None if outlets is None else outlet_rows(outlets), _actor_key(actors_file), home_country)
