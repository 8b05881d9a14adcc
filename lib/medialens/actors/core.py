"""Actors: who appears in German news, under which names, and whether they speak.

Two layers over a processed :class:`~medialens.nlp.Document`:

1. **Dictionary matching** (``data/actors.jsonl``, spaCy EntityRuler pattern lines with ``id``,
   ``label``, ``pattern`` plus ``canonical``, ``type``, ``category``, ``country``). String patterns are
   expanded for German inflection (genitive ``-s``/``-es`` on the last word, adjective endings
   ``-e/-en/-er/-es/-em``, upper-case headline forms); token patterns are used as written. The
   dictionary is compiled once into spaCy ``PhraseMatcher`` lookups (``ORTH`` for phrases, ``LOWER`` for
   ``LOWER``/``ORTH`` token patterns; a token ``Matcher`` only for patterns with other keys) and run
   over ``doc.spacy_doc``. Resolution rules, in this order:

   * longest match wins (``russische Präsidialamt`` beats ``Präsidialamt``);
   * a *role* line (``Präsident``, ``Kremlchef``) directly followed by a person name is a title and is
     dropped: ``Präsident Tokajew`` counts once, as Tokajew; so is a role followed, before any finite
     verb, by ``, <person>`` (apposition: ``Der Präsident der Republik, Kassym-Schomart Tokajew``);
   * an *anaphoric* line (``der Präsident``, a surname such as ``Michel`` that is only safe after the
     full name) counts only if one of its actors was mentioned earlier in the same article, and then
     resolves to the first of those actors in file order (``der Präsident`` is Tokajew once Tokajew
     was named; it is Putin only in an article that names Putin but not Tokajew);
   * a repeat of the same actor inside parentheses right after a mention (``nationale
     Sicherheitskomitee (KNB)``) is the same mention and counts once;
   * case scope: a *common-noun* line of a national actor (``Regierung``, ``Innenministerium``,
     ``Demonstranten`` -> Kazakhstan) counts only in an article that names an actor of that country
     (``Kasachstan``, ``Tokajew``, ``Almaty`` ...), so Austrian news about "die Regierung" is not
     counted as the Kazakh government.

2. **Generic recognition** of names that are not in the dictionary, typed PER / ORG / LOC without a
   trained NER model: HanTa ``NE``/``FM`` tags form candidate runs; gazetteers (pycountry's German
   ISO 3166 names, the project's own city, region, organisation and first-name lists under
   ``data/lexicons/names/``), title and role cues, organisation and place suffixes, acronyms and
   a list of capitalised words that are not names type them. A surname that repeats a full person
   name found earlier in the article is linked to it. These spans feed the candidate list a
   researcher uses to extend the dictionary, and ``medialens eval ner`` (GermEval 2014, Benikova et
   al. 2014) measures them.

Tables: ``mentions`` (``article_id, sentence_index, start, end, surface, actor_id, actor_type,
category, role``), ``actor_candidates`` and sentence co-occurrence counts (CSV and GraphML).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping, NamedTuple, Sequence

import pandas as pd

from medialens import config, nlp
from medialens.datafiles import data_list, jsonl_rows
from medialens.german import FINITE_VERB_TAGS as _FINITE

#: Columns of the mentions table.
MENTION_COLUMNS = [
    "article_id",
    "sentence_index",
    "start",
    "end",
    "surface",
    "actor_id",
    "actor_type",
    "category",
    "role",
]
#: Columns of the actor-candidates table.
CANDIDATE_COLUMNS = ["name", "type_guess", "count", "n_articles", "variants", "cue", "example_article_id", "example"]

ACTORS_FILE = config.DATA_DIR / "actors.jsonl"
NER_TYPES = ("PER", "ORG", "LOC")
_TYPE_TO_NER = {"person": "PER", "organisation": "ORG", "media": "ORG", "state": "LOC", "place": "LOC"}
_NER_TO_TYPE = {"PER": "person", "ORG": "organisation", "LOC": "place"}
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
_ADJ_STEM_SUFFIXES = ("isch", "al", "ig", "lich", "ell", "iv", "är", "ar", "an", "ös", "os")
_FUNCTION_WORDS = frozenset(
    "der die das des dem den ein eine einer eines einem einen für über und von vom zur zum zu in im am an "
    "auf aus bei mit nach unter gegen ohne".split()
)
_NAME_PARTICLES = frozenset(
    "von van de der den zu vom da di du la le del della des do dos bin ibn al el ter ten "
    "of the and y & et af av ben abu".split()
)
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_PLACE_LINKS = frozenset({"am", "an", "ob", "im", "unter", "upon", "on"})
_OPEN_QUOTES = frozenset({"„", "“", '"', "«", "»", "‚", "'", "(", "[", ":", "–", "-"})
_ACRONYM = re.compile(r"^(?=(?:.*[A-ZÄÖÜ]){2})(?!(?:.*[a-zäöü]){3})[A-ZÄÖÜ][A-Za-zÄÖÜäöü0-9&]{1,6}$")


# --------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of the dictionary."""

    id: str
    canonical: str
    type: str
    category: str
    country: str
    label: str


@dataclass(frozen=True, slots=True)
class PatternLine:
    """One line of the actor dictionary (one alias or pattern of an actor)."""

    id: str
    pattern: str  # a phrase, or a spaCy token pattern serialised as JSON (starts with "[")
    anaphoric: bool = False
    role: bool = False
    common_noun: bool = False


class Mention(NamedTuple):
    """One actor mention; ``start``/``end`` are character offsets into the article text."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    surface: str
    actor_id: str
    actor_type: str
    category: str
    role: str
    token_start: int
    token_end: int


class NameSpan(NamedTuple):
    """A recognised name: half-open token range ``[start, end)`` of the document, its type and cue.

    ``key`` is the normalised full name the span refers to (for a surname linked to an earlier full
    name it is that full name).
    """

    start: int
    end: int
    label: str
    cue: str
    key: str


@dataclass(frozen=True)
class ActorDictionary:
    """The actor dictionary: actors by id and the pattern lines in file order."""

    actors: dict[str, Actor]
    lines: tuple[PatternLine, ...]
    path: str


# --------------------------------------------------------------------------------------------
# Lexicons (lazy, cached)
# --------------------------------------------------------------------------------------------


def _read_list(*parts: str) -> tuple[str, ...]:
    return data_list(config.lexicon_path(*parts))


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    return frozenset(_read_list("names", "first_names.txt"))


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(_read_list("names", "not_names.txt"))


@lru_cache(maxsize=1)
def _cue_sets() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Word lists with '-suffix' entries split off: name -> (whole words, endings)."""
    out = {}
    for name in ("person_titles.txt", "org_cues.txt", "place_cues.txt"):
        words, endings = set(), []
        for entry in _read_list("names", name):
            if entry.startswith("-"):
                endings.append(entry[1:])
            else:
                words.add(entry)
        out[name] = (frozenset(words), tuple(endings))
    return out


@lru_cache(maxsize=1)
def _org_suffixes() -> tuple[tuple[str, ...], frozenset[str]]:
    """(endings of organisation words, whole-token markers: legal forms and name-opening prefixes)."""
    endings, markers = [], set()
    for entry in _read_list("names", "org_suffixes.txt"):
        if entry[0] in "=^":
            markers.add(entry[1:])
        else:
            endings.append(entry)
    return tuple(endings), frozenset(markers)


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    """Tokens that end an organisation name (``AG``, ``GmbH``, ``e.V.``): they extend a name run."""
    return frozenset(e[1:] for e in _read_list("names", "org_suffixes.txt") if e.startswith("="))


@lru_cache(maxsize=8)
def _simple_suffixes(name: str) -> tuple[str, ...]:
    return tuple(sorted((e.lstrip("!") for e in _read_list("names", name)), key=len, reverse=True))


@lru_cache(maxsize=1)
def _strict_place_suffixes() -> tuple[str, ...]:
    return tuple(e[1:] for e in _read_list("names", "place_suffixes.txt") if e.startswith("!"))


#: Noun plurals that look like town names in -ingen (Flüchtlingen, Häftlingen, Skispringen).
_NOT_PLACE_ENDINGS = ("lingen", "springen")


def _noun_place_name(tok: nlp.Token) -> bool:
    """A capitalised noun with an unambiguous place ending (``Sindelfingen``, ``Goethestraße``)."""
    text = tok.text
    if tok.pos != "NN" or not text[:1].isupper() or _not_a_name(text) or "-" in text:
        return False
    lower = text.lower()
    if lower.endswith(_NOT_PLACE_ENDINGS):
        return False
    return any(lower.endswith(e) and len(lower) >= len(e) + 3 for e in _strict_place_suffixes())


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Adjective stems of origin (``russisch``) -> ISO code (``RU``; ``-`` for regions)."""
    out = {}
    for entry in _read_list("names", "demonyms.txt"):
        stem, _, code = entry.partition("\t")
        out[stem.strip()] = code.strip()
    return out


def _pycountry_german_names() -> set[str]:
    """German country names from pycountry's gettext catalogue (empty if unavailable offline)."""
    try:
        import gettext

        import pycountry

        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    except (ImportError, OSError):
        return set()
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                german = translation.gettext(value)
                if "," not in german and "(" not in german:
                    names.add(german)
    return names


#: Countries whose top-level ISO 3166-2 subdivisions join the place gazetteer (German-speaking
#: countries, the Kazakhstan case and its neighbours, and large federations often in the news).
_SUBDIVISION_COUNTRIES = frozenset("DE AT CH KZ KG UZ TJ TM RU UA BY US CA AU IN CN".split())


def _pycountry_subdivision_names() -> set[str]:
    """Names of ISO 3166-2 subdivisions (states, provinces, regions), local and German forms.

    Only names whose words are all capitalised and at least four letters long, and which are not
    also listed as first names, are kept (``Bayern``, ``Texas``, ``Almaty``; not ``Aqtöbe oblysy``).
    """
    try:
        import gettext

        import pycountry

        translation = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
    except (ImportError, OSError):
        return set()
    first = _first_names()
    names: set[str] = set()
    for sub in pycountry.subdivisions:
        if sub.country_code not in _SUBDIVISION_COUNTRIES or sub.parent_code:
            continue
        for name in {sub.name, translation.gettext(sub.name)}:
            words = name.split()
            if (
                len(name) >= 4
                and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
                and name not in first
            ):
                names.add(name)
    return names


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Name -> NER type (LOC/ORG) from pycountry and the project's name lists."""
    out: dict[str, str] = {}
    for name in _pycountry_subdivision_names() - _not_names():
        out[name] = "LOC"
    for name in _pycountry_german_names():
        out[name] = "LOC"
    for file in ("countries_extra.txt", "regions.txt", "cities.txt"):
        for name in _read_list("names", file):
            out[name.rstrip("?")] = "LOC"
    for name in _read_list("names", "organisations.txt"):
        out[name.rstrip("?")] = "ORG"
    return out


@lru_cache(maxsize=1)
def _ambiguous_names() -> frozenset[str]:
    """Gazetteer entries marked ``?``: also common words or person names (``Essen``, ``Zug``,
    ``Darwin``); they count as places only where the tagger says ``NE``/``FM``."""
    out = set()
    for file in ("countries_extra.txt", "regions.txt", "cities.txt", "organisations.txt"):
        out.update(name[:-1] for name in _read_list("names", file) if name.endswith("?"))
    return frozenset(out)


def _words(phrase: str) -> list[str]:
    """Split a dictionary phrase the way SoMaJo splits text (whitespace; brackets and slashes apart)."""
    return [w for w in re.split(r"\s+|([()/\[\]])", phrase) if w]


@lru_cache(maxsize=1)
def _gazetteer_matcher():
    """PhraseMatcher (ORTH) over all gazetteer names plus their genitive forms."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    vocab = nlp.blank_german().vocab
    matcher = PhraseMatcher(vocab, attr="ORTH")
    by_label: dict[str, list] = defaultdict(list)
    for name, label in gazetteer().items():
        words = _words(name)
        by_label[label].append(Doc(vocab, words=words))
        last = words[-1]
        if last[-1].isalpha() and last[-1] not in "sxzß":
            by_label[label].append(Doc(vocab, words=words[:-1] + [last + "s"]))
    for label, docs in by_label.items():
        matcher.add(label, docs)
    return matcher


# --------------------------------------------------------------------------------------------
# Actor dictionary
# --------------------------------------------------------------------------------------------


def load_actors(path: str | Path | None = None) -> ActorDictionary:
    """Read the actor dictionary (JSONL, one pattern line per alias).

    Args:
        path: the JSONL file; default ``data/actors.jsonl``.

    Returns:
        The parsed dictionary.

    Raises:
        ValueError: a line lacks ``id``/``pattern`` or an actor's metadata differs between lines.
    """
    return _load_actors(str(path or ACTORS_FILE))


@lru_cache(maxsize=4)
def _load_actors(path: str) -> ActorDictionary:
    actors: dict[str, Actor] = {}
    lines: list[PatternLine] = []
    for number, row in jsonl_rows(Path(path)):
        if "id" not in row or "pattern" not in row:
            raise ValueError(f"{path}:{number}: every line needs 'id' and 'pattern'")
        actor = Actor(
            row["id"],
            row.get("canonical", row["id"]),
            row.get("type", ""),
            row.get("category", ""),
            row.get("country", ""),
            row.get("label", _TYPE_TO_NER.get(row.get("type", ""), "")),
        )
        if actors.setdefault(actor.id, actor) != actor:
            raise ValueError(f"{path}:{number}: metadata of actor {actor.id!r} differs from its earlier lines")
        pattern = row["pattern"]
        pattern = json.dumps(pattern, ensure_ascii=False) if isinstance(pattern, list) else pattern
        lines.append(
            PatternLine(
                actor.id,
                pattern,
                bool(row.get("anaphoric")),
                bool(row.get("role")),
                bool(row.get("common_noun")),
            )
        )
    return ActorDictionary(actors, tuple(lines), path)


def _is_adjective_word(word: str, is_last: bool) -> str | None:
    """Stem of an inflectable adjective inside a name phrase (``russische`` -> ``russisch``)."""
    lower = word.lower()
    if is_last or lower in _FUNCTION_WORDS or not word.isalpha():
        return None
    for ending in ("en", "er", "es", "em", "e"):
        if lower.endswith(ending) and len(lower) - len(ending) >= 4:
            stem = lower[: -len(ending)]
            if word[0].islower() or stem.endswith(_ADJ_STEM_SUFFIXES):
                return stem
            return None
    return None


def expand_pattern(pattern: str | list) -> list[list[dict]]:
    """Token patterns for one dictionary pattern (string phrases get German inflection variants).

    Args:
        pattern: a phrase (``"Kassym-Schomart Tokajew"``) or a spaCy token pattern (list of dicts).

    Returns:
        A list of spaCy ``Matcher`` token patterns (one, with ``IN`` sets of the variant forms).
    """
    if isinstance(pattern, str) and pattern.startswith("["):
        pattern = json.loads(pattern)
    if isinstance(pattern, list):
        return [pattern]
    return [[{"ORTH": {"IN": sorted(forms)}} for forms in _phrase_word_forms(pattern)]]


def _phrase_word_forms(phrase: str) -> list[set[str]]:
    """Surface forms allowed for each word of a dictionary phrase.

    * adjectives (``russische``, ``Nationales``): all endings ``-e/-en/-er/-es/-em``, lower and capitalised;
    * function words (``des``, ``für``): lower and capitalised;
    * acronyms: as written, genitive ``-s`` on the last word;
    * other capitalised words: as written and upper-case; on the last word also ``-s``, ``-es``, ``'``.
    """
    words = _words(phrase)
    out: list[set[str]] = []
    for i, word in enumerate(words):
        last = i == len(words) - 1
        stem = _is_adjective_word(word, last)
        if stem is not None:
            forms = {stem + e for e in _ADJ_ENDINGS}
            out.append(forms | {f[0].upper() + f[1:] for f in forms})
        elif not word[0].isalpha():
            out.append({word})
        elif word[0].islower():
            out.append({word, word[0].upper() + word[1:]})
        elif _ACRONYM.match(word) and word.upper() == word:
            out.append({word, word + "s"} if last else {word})
        else:
            forms = {word}
            if last and word[-1].isalpha():
                if word[-1] not in "sxzß":
                    forms |= {word + "s", word + "es"}
                forms.add(word + "'")
            out.append(forms | {f.upper() for f in forms})
    return out


def _token_pattern_forms(pattern: list) -> tuple[list[set[str]], dict[int, frozenset[str]]] | None:
    """Lower-cased forms per token of a ``LOWER``/``ORTH`` token pattern, plus the exact forms required
    at ``ORTH`` positions; ``None`` if the pattern uses anything else (it then goes to the Matcher)."""
    forms: list[set[str]] = []
    exact: dict[int, frozenset[str]] = {}
    for i, spec in enumerate(pattern):
        if len(spec) != 1:
            return None
        ((key, value),) = spec.items()
        if isinstance(value, dict) and set(value) == {"IN"}:
            values = list(value["IN"])
        elif isinstance(value, str):
            values = [value]
        else:
            return None
        if key == "LOWER":
            forms.append({v.lower() for v in values})
        elif key in ("ORTH", "TEXT"):
            forms.append({v.lower() for v in values})
            exact[i] = frozenset(values)
        else:
            return None
    return forms, exact


_MAX_VARIANTS = 5000


@dataclass(frozen=True)
class _CompiledDictionary:
    orth: object  # PhraseMatcher(attr="ORTH") for phrase lines
    lower: object  # PhraseMatcher(attr="LOWER") for LOWER/ORTH token patterns
    matcher: object | None  # Matcher for everything else
    exact: dict[int, dict[int, frozenset[str]]]  # line -> token position -> required exact forms


def _variant_count(forms: list[set[str]]) -> int:
    n = 1
    for f in forms:
        n *= len(f)
    return n


@lru_cache(maxsize=4)
def _dictionary_matchers(path: str) -> _CompiledDictionary:
    """Compile the dictionary once: phrase lookups where possible, a token Matcher otherwise."""
    from itertools import product

    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc

    vocab = nlp.blank_german().vocab
    dictionary = _load_actors(path)
    orth = PhraseMatcher(vocab, attr="ORTH")
    lower = PhraseMatcher(vocab, attr="LOWER")
    matcher = Matcher(vocab)
    uses_matcher = False
    exact: dict[int, dict[int, frozenset[str]]] = {}
    for k, line in enumerate(dictionary.lines):
        key = f"actorline{k}"
        pattern = line.pattern
        if isinstance(pattern, str) and pattern.startswith("["):
            token_pattern = json.loads(pattern)
            compiled = _token_pattern_forms(token_pattern)
            if compiled is None or _variant_count(compiled[0]) > _MAX_VARIANTS:
                matcher.add(key, [token_pattern])
                uses_matcher = True
                continue
            forms, required = compiled
            if required:
                exact[k] = required
            lower.add(key, [Doc(vocab, words=list(w)) for w in product(*map(sorted, forms))])
            continue
        forms = _phrase_word_forms(pattern)
        if _variant_count(forms) > _MAX_VARIANTS:
            matcher.add(key, expand_pattern(pattern))
            uses_matcher = True
            continue
        variants = [list(words) for words in product(*map(sorted, forms))]
        variants.append([w.upper() for w in _words(pattern)])
        orth.add(key, [Doc(vocab, words=words) for words in variants])
    return _CompiledDictionary(orth, lower, matcher if uses_matcher else None, exact)


@dataclass(frozen=True, slots=True)
class _RawMatch:
    start: int
    end: int
    lines: tuple[int, ...]


def _dictionary_matches(doc: nlp.Document, dictionary: ActorDictionary) -> list[_RawMatch]:
    """Longest non-overlapping dictionary matches, each with all lines matching that exact span."""
    if not doc.tokens:
        return []
    compiled = _dictionary_matchers(dictionary.path)
    strings = nlp.blank_german().vocab.strings
    by_span: dict[tuple[int, int], list[int]] = defaultdict(list)
    sdoc = doc.spacy_doc
    found = list(compiled.orth(sdoc)) + list(compiled.lower(sdoc))
    if compiled.matcher is not None:
        found += list(compiled.matcher(sdoc))
    for match_id, start, end in found:
        k = int(strings[match_id][len("actorline") :])
        required = compiled.exact.get(k)
        if required and any(doc.tokens[start + i].text not in forms for i, forms in required.items()):
            continue
        by_span[(start, end)].append(k)
    ranked = sorted(by_span, key=lambda se: (-(se[1] - se[0]), se[0]))
    taken = [False] * len(doc.tokens)
    chosen = []
    for start, end in ranked:
        if any(taken[start:end]):
            continue
        taken[start:end] = [True] * (end - start)
        chosen.append(_RawMatch(start, end, tuple(sorted(set(by_span[(start, end)])))))
    return sorted(chosen, key=lambda m: m.start)


# --------------------------------------------------------------------------------------------
# Generic recognition
# --------------------------------------------------------------------------------------------


def _strip_inflection(lower: str) -> list[str]:
    """Candidate base forms of a lower-cased role noun (``präsidenten`` -> ``präsident``)."""
    forms = [lower]
    for ending in ("innen", "in", "en", "n", "s", "es", "e"):
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            forms.append(lower[: -len(ending)])
    return forms


def _cue(word: str, list_name: str) -> bool:
    words, endings = _cue_sets()[list_name]
    lower = word.lower()
    for form in _strip_inflection(lower):
        if form in words:
            return True
        for ending in endings:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                return True
    return False


def _is_org_word(word: str) -> bool:
    endings, markers = _org_suffixes()
    if word in markers:
        return True
    lower = word.lower()
    forms = [lower]
    forms += [lower[: -len(x)] for x in ("es", "s", "en", "n") if lower.endswith(x) and len(lower) > len(x) + 3]
    return any(form.endswith(e) for form in forms for e in endings)


def _ends_with(word: str, list_name: str) -> bool:
    lower = word.lower()
    return any(lower.endswith(e) and len(lower) > len(e) + 2 for e in _simple_suffixes(list_name))


def _is_acronym(word: str) -> bool:
    return bool(_ACRONYM.match(word)) and not _ROMAN.match(word) and word not in _not_names()


def _not_a_name(word: str) -> bool:
    stop = _not_names()
    return word in stop or (word.endswith("s") and word[:-1] in stop)


def _compound_part(text: str) -> bool:
    """``KNB-Chef``, ``Russland-Reise``: a hyphenated word whose first part is a name and last a noun."""
    if "-" not in text[1:-1]:
        return False
    head, tail = text.split("-", 1)[0], text.rsplit("-", 1)[1]
    if not tail[:1].isupper() or text in gazetteer():
        return False
    return head in gazetteer() or _is_acronym(head)


def _name_token(tok: nlp.Token) -> bool:
    """Is this token part of a name (before typing)?"""
    text = tok.text
    if len(text) < 2 or not text[:1].isupper() or _not_a_name(text) or _compound_part(text):
        return False
    if tok.pos in ("NE", "FM"):
        return True
    return _is_acronym(text) and tok.pos not in ("$(", "$.", "$,")


def _sentence_initial_flags(doc: nlp.Document) -> list[bool]:
    flags = [False] * len(doc.tokens)
    for s in doc.sentences:
        k = s.token_start
        while k < s.token_end and doc.tokens[k].text in _OPEN_QUOTES:
            k += 1
        if k < s.token_end:
            flags[k] = True
    return flags


def _known_spans(
    doc: nlp.Document, dictionary: ActorDictionary | None, raw: list[_RawMatch] | None = None
) -> dict[int, tuple[int, str, str]]:
    """Gazetteer and (named) dictionary spans: start -> (end, label, cue), longest first."""
    found: list[tuple[int, int, str, str]] = []
    if doc.tokens:
        strings = nlp.blank_german().vocab.strings
        ambiguous = _ambiguous_names()
        for match_id, start, end in _gazetteer_matcher()(doc.spacy_doc):
            if end - start == 1:
                tok = doc.tokens[start]
                word = tok.text
                if word in ambiguous or (word[:-1] in ambiguous and word.endswith("s")):
                    prev = doc.tokens[start - 1] if start > 0 else None
                    # "das Essen", "der Zug": an article or adjective before an ambiguous entry makes it a noun
                    if tok.pos not in ("NE", "FM") or (prev is not None and prev.pos in ("ART", "ADJA")):
                        continue
            found.append((start, end, strings[match_id], "gazetteer"))
        if dictionary is not None:
            for m in raw if raw is not None else _dictionary_matches(doc, dictionary):
                lines = [dictionary.lines[k] for k in m.lines]
                named = [ln for ln in lines if not ln.common_noun and not ln.anaphoric]
                if named:
                    label = _TYPE_TO_NER.get(dictionary.actors[named[0].id].type)
                    if label:
                        found.append((m.start, m.end, label, "dictionary"))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[3] != "dictionary", f[0]))
    taken: set[int] = set()
    out: dict[int, tuple[int, str, str]] = {}
    for start, end, label, cue in found:
        if taken.intersection(range(start, end)):
            continue
        taken.update(range(start, end))
        out[start] = (end, label, cue)
    return out


def _type_run(
    doc: nlp.Document, start: int, end: int, sentence_start: int, known_label: str | None
) -> tuple[str | None, str]:
    """Type a name run ``[start, end)`` from its cues; returns (label or None, cue)."""
    toks = doc.tokens[start:end]
    words = [t.text for t in toks]
    first, last = words[0], words[-1]
    prev = doc.tokens[start - 1] if start > sentence_start else None
    nxt = doc.tokens[end] if end < len(doc.tokens) and doc.tokens[end].sentence == toks[0].sentence else None
    _, org_markers = _org_suffixes()
    if first in org_markers or last in org_markers or any(_is_org_word(w) for w in words[1:] if not _is_acronym(w)):
        return "ORG", "org-suffix"
    if known_label is not None:
        return known_label, "gazetteer"
    if len(words) >= 2 and first in _first_names():
        return "PER", "first-name"
    if (
        prev is not None
        and prev.text[:1].isupper()
        and prev.pos in ("NN", "NE")
        and _cue(prev.text, "person_titles.txt")
    ):
        return "PER", "title"
    if prev is not None and prev.text.lower() in ("herr", "herrn", "frau", "dr.", "prof."):
        return "PER", "title"
    if prev is not None and prev.pos == "NN" and _cue(prev.text, "org_cues.txt"):
        return "ORG", "org-cue"
    if prev is not None and prev.text == "(" and start - 2 >= sentence_start:
        before = doc.tokens[start - 2]
        if before.pos == "NN" and before.text[:1].isupper() and _is_org_word(before.text):
            return "ORG", "org-parenthesis"
    if prev is not None and prev.pos == "NN" and _cue(prev.text, "place_cues.txt"):
        return "LOC", "place-cue"
    if all(_is_acronym(w) for w in words):
        if (prev is not None and prev.pos == "CARD") or (nxt is not None and nxt.pos == "CARD"):
            return None, "acronym+number"
        return "ORG", "acronym"
    if len(words) == 1 and _is_org_word(first) and not first.lower().endswith(("union",)):
        return "ORG", "org-suffix"
    if _ends_with(last, "person_suffixes.txt") and not _ends_with(last, "place_suffixes.txt"):
        return "PER", "surname-suffix"
    if _ends_with(last, "place_suffixes.txt"):
        return "LOC", "place-suffix"
    if nxt is not None and nxt.text == "(" and end + 2 < len(doc.tokens) and doc.tokens[end + 1].pos == "CARD":
        return "PER", "age"
    if any(t.pos == "FM" for t in toks):
        return None, "foreign"
    if prev is not None and prev.text.lower() in ("in", "nach", "aus", "im", "bei", "gen", "zwischen"):
        return "LOC", "preposition"
    if len(words) >= 2 and first in _place_prefixes():
        return "LOC", "place-prefix"
    if len(words) >= 2 and gazetteer().get(last) == "LOC" and gazetteer().get(first) != "LOC":
        return "ORG", "name+city"
    # No cue left. Persons are rarely preceded by an article, an adjective or an opening quote in
    # German; after those an unknown name is more often a work title, organisation or place.
    prev_pos = prev.pos if prev is not None else ""
    if len(words) >= 2:
        if prev_pos == "ART":
            return "ORG", "article+multiword"
        if prev_pos == "$(":
            return None, "quoted"
        return "PER", "multiword"
    if first in _first_names():
        return "PER", "first-name"
    if _ends_with(first, "noun_endings.txt"):
        return None, "noun-ending"
    if prev_pos in ("ART", "ADJA", "$(") or len(first) <= 2 or len(first) >= 12:
        return None, "unlikely-person"
    return "PER", "default"


def _norm_key(words: Sequence[str]) -> str:
    return " ".join(words)


def recognize(doc: nlp.Document, *, derived: bool = False, dictionary: ActorDictionary | None = None) -> list[NameSpan]:
    """Generic name recognition over a processed document (no trained NER model).

    Args:
        doc: the processed document.
        derived: also return derived place adjectives (``LOCderiv``: ``russische``) and hyphenated
            compounds whose first part is a name (``ORGpart``/``LOCpart``/``PERpart``: ``KNB-Chef``).
        dictionary: actor dictionary whose named entries (not common nouns, not anaphoric lines) act as
            an extra gazetteer; default: the project dictionary.

    Returns:
        Name spans in document order (token offsets), typed PER / ORG / LOC (plus derived types).
    """
    if dictionary is None:
        dictionary = load_actors()
    return _recognize(doc, derived, dictionary)


def _recognize(
    doc: nlp.Document, derived: bool, dictionary: ActorDictionary | None, raw: list[_RawMatch] | None = None
) -> list[NameSpan]:
    tokens = doc.tokens
    if not tokens:
        return []
    known = _known_spans(doc, dictionary, raw)
    initial = _sentence_initial_flags(doc)
    first_names = _first_names()
    spans: list[NameSpan] = []
    for sentence in doc.sentences:
        k = sentence.token_start
        while k < sentence.token_end:
            tok = tokens[k]
            if (
                k in known
                and known[k][0] == k + 1
                and tok.text in first_names
                and k + 1 < sentence.token_end
                and _name_token(tokens[k + 1])
                and (k + 1) not in known
            ):
                # a first name that is also a place or company name ("Sofia", "Otto") before a surname
                end = _extend_run(doc, k + 1, sentence.token_end, known)
                label, cue = "PER", "first-name"
            elif k in known:
                end0, known_label, known_cue = known[k]
                end = _extend_run(doc, end0, sentence.token_end, known)
                if end == end0:
                    label, cue = known_label, known_cue
                elif any(_name_token(t) for t in tokens[end0:end]):
                    label, cue = _type_run(doc, k, end, sentence.token_start, None)
                else:
                    label, cue = _type_run(doc, k, end, sentence.token_start, known_label)
            elif _name_token(tok) or (
                (tok.text in first_names or tok.text in _place_prefixes())
                and k + 1 < sentence.token_end
                and _name_token(tokens[k + 1])
            ):
                end = _extend_run(doc, k + 1, sentence.token_end, known)
                end = _extend_after_first_name(doc, k, end, sentence.token_end, known)
                # a first name inside the run starts the person name ("Hostess Silvia Sommerlath")
                for j in range(k + 1, end - 1):
                    if tokens[j].text in first_names and tokens[k].text not in first_names and j not in known:
                        k = j
                        break
                label, cue = _type_run(doc, k, end, sentence.token_start, None)
            elif _noun_place_name(tok):
                end = _extend_run(doc, k + 1, sentence.token_end, known)
                label, cue = "LOC", "noun+place-suffix"
            elif _capitalised_adjective(doc, k, sentence.token_end, initial):
                end, label, cue = _adjective_name(doc, k, sentence.token_end, known)
                if label:
                    spans.append(NameSpan(k, end, label, cue, ""))
                k = max(end, k + 1)
                continue
            else:
                k += 1
                continue
            start = k
            if label:
                spans.append(NameSpan(start, end, label, cue, ""))
            k = end
    spans = _propagate_in_lists(doc, spans)
    spans = _link_surnames(doc, spans)
    if derived:
        spans = sorted(spans + _derived_spans(doc, spans), key=lambda s: s.start)
    return spans


def _extend_after_first_name(
    doc: nlp.Document, start: int, end: int, sentence_end: int, known: dict[int, tuple[int, str, str]]
) -> int:
    """A first name followed by a surname the tagger took for a noun (``Hans Fischer``)."""
    tokens = doc.tokens
    if tokens[end - 1].text not in _first_names() or end >= sentence_end:
        return end
    nxt = tokens[end]
    if (
        nxt.pos == "NN"
        and nxt.text[:1].isupper()
        and not _not_a_name(nxt.text)
        and not _is_org_word(nxt.text)
        and not _cue(nxt.text, "person_titles.txt")
    ):
        return _extend_run(doc, end + 1, sentence_end, known)
    return end


def _adjective_name(
    doc: nlp.Document, k: int, sentence_end: int, known: dict[int, tuple[int, str, str]]
) -> tuple[int, str | None, str]:
    """A name opened by a capitalised adjective: ``Europäische Zentralbank``, ``Freie Universität Berlin``."""
    tokens = doc.tokens
    end = k
    while end < sentence_end and tokens[end].pos == "ADJA" and tokens[end].text[:1].isupper():
        end += 1
    if end >= sentence_end or not tokens[end].text[:1].isupper() or tokens[end].pos not in ("NN", "NE"):
        return end, None, ""
    head = tokens[end].text
    end = _extend_run(doc, end + 1, sentence_end, known)
    text = " ".join(t.text for t in tokens[k:end])
    if gazetteer().get(text):
        return end, gazetteer()[text], "gazetteer"
    if _is_org_word(head):
        return end, "ORG", "adjective+org-head"
    if _ends_with(head, "place_suffixes.txt") or head in _place_heads():
        return end, "LOC", "adjective+place-head"
    return end, None, ""


@lru_cache(maxsize=1)
def _place_prefixes() -> frozenset[str]:
    return frozenset(_read_list("names", "place_prefixes.txt"))


@lru_cache(maxsize=1)
def _place_heads() -> frozenset[str]:
    return frozenset(_read_list("names", "place_heads.txt"))


def _capitalised_adjective(doc: nlp.Document, k: int, sentence_end: int, initial: list[bool]) -> bool:
    tok = doc.tokens[k]
    return (
        tok.pos == "ADJA"
        and tok.text[:1].isupper()
        and not initial[k]
        and k + 1 < sentence_end
        and doc.tokens[k + 1].text[:1].isupper()
        and doc.tokens[k + 1].pos in ("NN", "NE", "ADJA")
    )


def _extend_run(doc: nlp.Document, end: int, sentence_end: int, known: dict[int, tuple[int, str, str]]) -> int:
    """Extend a name run over following name tokens, name particles and place links."""
    tokens = doc.tokens
    while end < sentence_end:
        tok = tokens[end]
        if end in known or _name_token(tok):
            end = known[end][0] if end in known else end + 1
            continue
        if tok.text in _legal_forms():
            end += 1
            continue
        lower = tok.text.lower()
        if (lower in _NAME_PARTICLES or lower in _PLACE_LINKS) and tok.text[0].islower():
            j = end + 1
            while j < sentence_end and tokens[j].text.lower() in _NAME_PARTICLES and tokens[j].text[0].islower():
                j += 1
            if j < sentence_end and tokens[j].pos in ("NE", "FM") and tokens[j].text[:1].isupper() and j - end <= 2:
                end = j + 1
                continue
        break
    return end


_WEAK_CUES = frozenset({"default", "multiword", "preposition"})
_LIST_SEPARATORS = frozenset({",", "und", "oder", "sowie", "bzw.", "/", "&", "–", "(", "nach", "bis"})


def _propagate_in_lists(doc: nlp.Document, spans: list[NameSpan]) -> list[NameSpan]:
    """In a list of names (``Almaty, Aktobe und Schangaösen``) weakly typed members take the type of
    the strongly typed ones, when those agree."""
    if len(spans) < 2:
        return spans
    tokens = doc.tokens
    chains: list[list[int]] = [[0]]
    for i in range(1, len(spans)):
        a, b = spans[i - 1], spans[i]
        gap = tokens[a.end : b.start]
        linked = (
            tokens[a.start].sentence == tokens[b.start].sentence
            and 1 <= len(gap) <= 2
            and all(t.text in _LIST_SEPARATORS for t in gap)
        )
        if linked:
            chains[-1].append(i)
        else:
            chains.append([i])
    out = list(spans)
    for chain in chains:
        if len(chain) < 2:
            continue
        strong = {spans[i].label for i in chain if spans[i].cue not in _WEAK_CUES}
        if len(strong) != 1:
            continue
        label = strong.pop()
        for i in chain:
            if spans[i].cue in _WEAK_CUES and spans[i].label != label:
                out[i] = spans[i]._replace(label=label, cue="list")
    return out


def _link_surnames(doc: nlp.Document, spans: list[NameSpan]) -> list[NameSpan]:
    """Link single-token names to earlier multi-token PER names ending in the same word."""
    surnames: dict[str, str] = {}
    out = []
    for span in spans:
        words = [t.text for t in doc.tokens[span.start : span.end]]
        key = _norm_key(words)
        if span.label == "PER" and len(words) >= 2:
            surnames[words[-1]] = key
            out.append(span._replace(key=key))
            continue
        if len(words) == 1:
            word = words[0]
            base = word[:-1] if word.endswith("s") and word[:-1] in surnames else word
            if base in surnames and span.cue not in ("gazetteer",):
                out.append(span._replace(label="PER", cue="surname", key=surnames[base]))
                continue
        if span.cue == "gazetteer" and key.endswith("s") and key[:-1] in gazetteer():
            key = key[:-1]
        out.append(span._replace(key=key))
    return out


def _derived_spans(doc: nlp.Document, spans: list[NameSpan]) -> list[NameSpan]:
    """GermEval's derived classes, for the evaluation output only.

    ``LOCderiv``: adjectives and nationality nouns of origin (``russische``, ``Deutschen``) and city
    adjectives in ``-er`` (``Berliner``). ``LOCpart``/``ORGpart``: hyphenated compounds whose first part
    is a known place or an acronym (``Russland-Reise``, ``KNB-Chef``).
    """
    covered = {i for s in spans for i in range(s.start, s.end)}
    stems = demonyms()
    gaz = gazetteer()
    out = []
    for tok in doc.tokens:
        if tok.i in covered:
            continue
        lower = tok.text.lower()
        if tok.pos in ("ADJA", "ADJD", "NN", "NE"):
            # nouns need an ending ("Deutsche", "Deutschen"); adjectives may be bare ("deutsch")
            bases = {lower[: -len(e)] for e in _ADJ_ENDINGS if lower.endswith(e)}
            if tok.pos.startswith("ADJ"):
                bases.add(lower)
            if not bases.isdisjoint(stems):
                out.append(NameSpan(tok.i, tok.i + 1, "LOCderiv", "demonym", ""))
                continue
            if tok.text[:1].isupper() and lower.endswith("er") and gaz.get(tok.text[:-2]) == "LOC":
                out.append(NameSpan(tok.i, tok.i + 1, "LOCderiv", "city-adjective", ""))
                continue
        if "-" in tok.text[1:-1] and tok.text[:1].isupper() and tok.pos in ("NN", "FM", "NE"):
            head, tail = tok.text.split("-", 1)[0], tok.text.rsplit("-", 1)[1]
            if tail[:1].isupper() and not _not_a_name(head) and not gaz.get(tok.text):
                label = gaz.get(head) or ("ORG" if _is_acronym(head) else None)
                if label:
                    out.append(NameSpan(tok.i, tok.i + 1, label + "part", "compound", ""))
    return out


def _align(doc: nlp.Document, offsets: Sequence[int], spans: Iterable[NameSpan]) -> list[tuple[int, int, str]]:
    """Map document-token spans to indices of words starting at ``offsets``."""
    out = []
    for s in spans:
        cstart, cend = doc.tokens[s.start].start, doc.tokens[s.end - 1].end
        w0 = bisect_right(offsets, cstart) - 1
        w1 = bisect_left(offsets, cend)
        if w1 > w0 >= 0:
            out.append((w0, w1, s.label))
    return out


def recognize_sentences(
    sentences: Sequence[Sequence[str]], *, cache: bool | Path = True, derived: bool = False
) -> list[list[tuple[int, int, str]]]:
    """Run the generic recognizer over pre-tokenised sentences (one document, one pipeline call).

    The sentences are joined into one text (words separated by spaces, sentences by blank lines, so
    each is its own paragraph), processed by :func:`medialens.nlp.process` and the spans are mapped
    back to word indices.

    Args:
        sentences: lists of words.
        cache: passed to :func:`medialens.nlp.process`.
        derived: also return ``LOCderiv`` and ``*part`` spans.

    Returns:
        Per sentence, ``(start_word, end_word, type)`` with ``end_word`` exclusive.
    """
    if not sentences:
        return []
    offsets_per_sentence: list[list[int]] = []
    parts: list[str] = []
    pos = 0
    for words in sentences:
        if any(not w or any(c.isspace() for c in w) for w in words):
            raise ValueError("words must be non-empty and contain no whitespace")
        offs = []
        for w in words:
            offs.append(pos)
            pos += len(w) + 1
        pos += 1  # blank line: "\n\n" replaces the last space + one more character
        offsets_per_sentence.append(offs)
        parts.append(" ".join(words))
    text = "\n\n".join(parts)
    doc = nlp.process("ner-words", text, cache=cache)
    spans = recognize(doc, derived=derived)
    flat = [o for offs in offsets_per_sentence for o in offs]
    boundaries = []
    total = 0
    for offs in offsets_per_sentence:
        total += len(offs)
        boundaries.append(total)
    out: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    for w0, w1, label in _align(doc, flat, spans):
        si = bisect_right(boundaries, w0)
        base = boundaries[si - 1] if si else 0
        out[si].append((w0 - base, min(w1, boundaries[si]) - base, label))
    return out


def recognize_entities(words: list[str], *, cache: bool | Path = False) -> list[tuple[int, int, str]]:
    """Generic PER/ORG/LOC recognition over a list of words.

    Args:
        words: the tokens of one sentence (or text).
        cache: passed to :func:`medialens.nlp.process` (the text is the words joined by spaces).

    Returns:
        ``(start_token, end_token, type)`` triples, ``end_token`` exclusive, type in PER/ORG/LOC.
    """
    return recognize_sentences([words], cache=cache)[0] if words else []


# --------------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------------


def _source_spans(attributions: pd.DataFrame | None, article_id: str) -> list[tuple[int, int]]:
    if attributions is None or attributions.empty or "source_start" not in attributions:
        return []
    rows = attributions[attributions["article_id"] == article_id]
    out = []
    for a, b in zip(rows["source_start"], rows["source_end"]):
        if pd.notna(a) and pd.notna(b):
            out.append((int(a), int(b)))
    return out


def extract_mentions(
    doc: nlp.Document,
    attributions: pd.DataFrame | None = None,
    *,
    dictionary: ActorDictionary | None = None,
    include_candidates: bool = False,
) -> Iterator[Mention]:
    """Dictionary actor mentions in one document, in text order.

    Args:
        doc: the processed article.
        attributions: the attributions table (``article_id, source_start, source_end`` used); a
            mention overlapping a source span of the same article gets ``role="source"``.
        dictionary: actor dictionary (default ``data/actors.jsonl``).
        include_candidates: also yield generic names not in the dictionary, with
            ``actor_id="candidate:<name>"``, ``category="candidate"`` and type person/organisation/place.

    Yields:
        :class:`Mention` rows.
    """
    dictionary = dictionary or load_actors()
    tokens = doc.tokens
    if not tokens:
        return
    raw = _dictionary_matches(doc, dictionary)
    generic = _recognize(doc, False, dictionary, raw)
    person_starts = {s.start for s in generic if s.label == "PER"}
    for m in raw:
        lines = [dictionary.lines[k] for k in m.lines]
        if any(not ln.role and dictionary.actors[ln.id].type == "person" for ln in lines):
            person_starts.add(m.start)

    resolved: list[tuple[_RawMatch, str]] = []
    generic_noun: list[bool] = []
    last_seen: dict[str, int] = {}
    for m in raw:
        lines = [dictionary.lines[k] for k in m.lines]
        is_role = all(ln.role for ln in lines)
        if is_role and _title_or_apposition(doc, m, person_starts):
            continue
        firm = [ln for ln in lines if not ln.anaphoric]
        common = False
        if firm:
            actor_id = firm[0].id
            common = firm[0].common_noun and not firm[0].role
        else:
            # file order is priority: "der Präsident" is Tokajew once he was mentioned, even if Putin
            # was mentioned after him; it is Putin only in an article that has not named Tokajew
            candidates = [ln.id for ln in lines if ln.id in last_seen]
            if not candidates:
                continue
            actor_id = candidates[0]
        if resolved and _parenthesised_repeat(doc, resolved[-1], m, actor_id):
            continue
        resolved.append((m, actor_id))
        generic_noun.append(common)
        last_seen[actor_id] = m.start

    # Case scope: a common noun of a national actor ("Regierung", "Demonstranten" -> Kazakhstan) counts
    # only in an article that names something of that country (Kasachstan, Tokajew, Almaty, ...).
    named_countries = {dictionary.actors[a].country for (_, a), c in zip(resolved, generic_noun) if not c}
    sources = _source_spans(attributions, doc.article_id)
    rows: list[Mention] = []
    for (m, actor_id), common in zip(resolved, generic_noun):
        actor = dictionary.actors[actor_id]
        if common and actor.country and actor.country not in named_countries:
            continue
        rows.append(_mention(doc, m.start, m.end, actor_id, actor.type, actor.category, sources))
    if include_candidates:
        covered = set()
        for m in raw:
            covered.update(range(m.start, m.end))
        for s in generic:
            if covered.intersection(range(s.start, s.end)):
                continue
            rows.append(
                _mention(doc, s.start, s.end, f"candidate:{s.key}", _NER_TO_TYPE[s.label], "candidate", sources)
            )
        rows.sort(key=lambda r: r.start)
    yield from rows


def _mention(doc, start, end, actor_id, actor_type, category, sources) -> Mention:
    cstart, cend = doc.tokens[start].start, doc.tokens[end - 1].end
    role = "source" if any(a < cend and cstart < b for a, b in sources) else "mentioned"
    return Mention(
        doc.article_id,
        doc.tokens[start].sentence,
        cstart,
        cend,
        doc.text[cstart:cend],
        actor_id,
        actor_type,
        category,
        role,
        start,
        end,
    )


def _title_or_apposition(doc: nlp.Document, m: _RawMatch, person_starts: set[int]) -> bool:
    """Role directly before a person name, or followed by ``, <person>`` before any finite verb."""
    tokens = doc.tokens
    sentence = doc.sentences[tokens[m.start].sentence]
    if m.end in person_starts:
        return True
    k = m.end
    while k < sentence.token_end and k < m.end + 10:
        tok = tokens[k]
        if tok.pos in _FINITE:
            return False
        if tok.text == "," and k + 1 in person_starts:
            return True
        k += 1
    return False


def _parenthesised_repeat(doc: nlp.Document, previous: tuple[_RawMatch, str], m: _RawMatch, actor_id: str) -> bool:
    prev, prev_id = previous
    tokens = doc.tokens
    return (
        prev_id == actor_id
        and m.start == prev.end + 1
        and tokens[prev.end].text == "("
        and m.end < len(tokens)
        and tokens[m.end].text == ")"
    )


def mentions_frame(
    docs: Iterable[nlp.Document],
    attributions: pd.DataFrame | None = None,
    *,
    dictionary: ActorDictionary | None = None,
    include_candidates: bool = False,
) -> pd.DataFrame:
    """The mentions table for a set of documents (columns :data:`MENTION_COLUMNS`)."""
    rows = [
        m[: len(MENTION_COLUMNS)]
        for doc in docs
        for m in extract_mentions(doc, attributions, dictionary=dictionary, include_candidates=include_candidates)
    ]
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return frame.astype({"sentence_index": "int64", "start": "int64", "end": "int64"})


# --------------------------------------------------------------------------------------------
# Candidates, co-occurrence
# --------------------------------------------------------------------------------------------


def actor_candidates(
    docs: Iterable[nlp.Document], *, dictionary: ActorDictionary | None = None, min_count: int = 1
) -> pd.DataFrame:
    """Names recognised generically but not in the dictionary, with counts and an example.

    A surname linked to an earlier full name counts for the full name. The type guess is the most
    frequent type over the occurrences.

    Args:
        docs: processed documents.
        dictionary: actor dictionary (default ``data/actors.jsonl``).
        min_count: drop names seen fewer times.

    Returns:
        Columns :data:`CANDIDATE_COLUMNS`, most frequent first.
    """
    dictionary = dictionary or load_actors()
    counts: Counter = Counter()
    types: dict[str, Counter] = defaultdict(Counter)
    cues: dict[str, Counter] = defaultdict(Counter)
    variants: dict[str, set] = defaultdict(set)
    articles: dict[str, set] = defaultdict(set)
    example: dict[str, tuple[str, str]] = {}
    for doc in docs:
        if not doc.tokens:
            continue
        covered = set()
        raw = _dictionary_matches(doc, dictionary)
        for m in raw:
            covered.update(range(m.start, m.end))
        for s in _recognize(doc, False, dictionary, raw):
            if covered.intersection(range(s.start, s.end)):
                continue
            cstart, cend = doc.tokens[s.start].start, doc.tokens[s.end - 1].end
            counts[s.key] += 1
            types[s.key][s.label] += 1
            cues[s.key][s.cue] += 1
            variants[s.key].add(doc.text[cstart:cend])
            articles[s.key].add(doc.article_id)
            if s.key not in example:
                sent = doc.tokens[s.start].sentence
                example[s.key] = (doc.article_id, doc.sentence_text(sent))
    rows = []
    for key, n in counts.items():
        if n < min_count:
            continue
        rows.append(
            (
                key,
                types[key].most_common(1)[0][0],
                n,
                len(articles[key]),
                "|".join(sorted(variants[key])),
                cues[key].most_common(1)[0][0],
                example[key][0],
                example[key][1],
            )
        )
    frame = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    return frame.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)


def merge_candidates(per_article: pd.DataFrame) -> pd.DataFrame:
    """Corpus-wide candidates from per-article (or per-chunk) candidate rows in corpus order.

    Counts and article counts are summed and variants united; the type guess and cue come from the
    rows where the name is most frequent (earliest on ties); the example is the name's first occurrence
    in corpus order -- what one :func:`actor_candidates` call over the whole corpus gives. Vectorised
    (a loop over names took seconds on 1,000 articles).

    Args:
        per_article: concatenated :func:`actor_candidates` tables, in corpus order.

    Returns:
        One row per name (columns :data:`CANDIDATE_COLUMNS`), most frequent first.
    """
    columns = list(per_article.columns)
    if per_article.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    rows = per_article.reset_index(drop=True)
    rows["_row"] = range(len(rows))
    top = rows.sort_values(["count", "_row"], ascending=[False, True], kind="stable").drop_duplicates("name")
    top = top.set_index("name")
    first = rows.drop_duplicates("name").set_index("name")
    sums = rows.groupby("name", sort=False)[["count", "n_articles"]].sum()
    variants = (
        rows[["name", "variants"]]
        .assign(variants=rows["variants"].astype(str).str.split("|"))
        .explode("variants")
    )
    variants = variants[variants["variants"].notna() & (variants["variants"] != "")]
    variants = variants.drop_duplicates().sort_values(["name", "variants"]).groupby("name", sort=False)["variants"]
    joined = variants.agg("|".join)
    names = sums.index
    merged = pd.DataFrame(
        {
            "name": names.to_numpy(),
            "type_guess": top.loc[names, "type_guess"].to_numpy(),
            "count": sums["count"].astype("int64").to_numpy(),
            "n_articles": sums["n_articles"].astype("int64").to_numpy(),
            "variants": joined.reindex(names).fillna("").to_numpy(),
            "cue": top.loc[names, "cue"].to_numpy(),
            "example_article_id": first.loc[names, "example_article_id"].to_numpy(),
            "example": first.loc[names, "example"].to_numpy(),
        }
    )[columns]
    merged = merged.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)
    return merged.astype({c: "str" for c in columns if c not in ("count", "n_articles")})


# --------------------------------------------------------------------------------------------
# Annotate protocol
# --------------------------------------------------------------------------------------------


def annotate_documents(
    docs: Sequence[nlp.Document], articles: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Annotate step: ``{"mentions": ..., "actor_candidates": ...}`` for some documents.

    Mentions get ``role="mentioned"`` here; the roles step (:mod:`medialens.actors.roles`) marks the
    mentions inside attributed sources after attribution has run. Candidates are per article (their
    ``example_article_id`` is the article); :func:`merge_candidates` merges them over the corpus.

    Returns:
        The mentions table (:data:`MENTION_COLUMNS`) and per-article candidates (:data:`CANDIDATE_COLUMNS`).
    """
    per_article = [actor_candidates([doc]) for doc in docs]
    non_empty = [f for f in per_article if len(f)]
    candidates = pd.concat(non_empty, ignore_index=True) if non_empty else actor_candidates([])
    return {"mentions": mentions_frame(docs), "actor_candidates": candidates}
