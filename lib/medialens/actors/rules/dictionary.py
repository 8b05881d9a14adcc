"""Dictionary matching: actor dictionary lines compiled to phrase tables, longest match wins.

String patterns are expanded for German inflection (genitive ``-s``/``-es`` on the last word, adjective
endings ``-e/-en/-er/-es/-em``, upper-case headline forms); token patterns are used as written.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache


from medialens import nlp
from medialens.actors.variants import ACRONYM
from medialens.actors.lexicon import ActorDictionary, _load_actors, _words, gazetteer
from medialens.actors.rules.phrase_table import PhraseTable


_ADJ_ENDINGS = ("e", "en", "er", "es", "em")


_ADJ_STEM_SUFFIXES = ("isch", "al", "ig", "lich", "ell", "iv", "är", "ar", "an", "ös", "os")


_FUNCTION_WORDS = frozenset(
    "der die das des dem den ein eine einer eines einem einen für über und von vom zur zum zu in im am an "
    "auf aus bei mit nach unter gegen ohne".split()
)


_ACRONYM = ACRONYM  # one definition (medialens.actors.variants)


@lru_cache(maxsize=1)
def _gazetteer_matcher() -> PhraseTable:
    """Phrase table (words as written) of all gazetteer names plus their genitive forms, keyed by the
    NER label; where two labels share a form (*Hamas*, and *Hama* + genitive s) the label listed first
    in the gazetteer comes first."""
    by_label: dict[str, list] = defaultdict(list)
    for name, label in gazetteer().items():
        words = _words(name)
        by_label[label].append(words)
        last = words[-1]
        if last[-1].isalpha() and last[-1] not in "sxzß":
            by_label[label].append(words[:-1] + [last + "s"])
    table = PhraseTable()
    for label, sequences in by_label.items():
        table.add(label, sequences)
    return table


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
    orth: PhraseTable  # words as written, for phrase lines (keys: line numbers)
    lower: PhraseTable  # lower-cased words, for LOWER/ORTH token patterns
    matcher: object | None  # spaCy's Matcher for any other token pattern (keys: "actorline<k>")
    exact: dict[int, dict[int, frozenset[str]]]  # line -> token position -> required exact forms


def _variant_count(forms: list[set[str]]) -> int:
    n = 1
    for f in forms:
        n *= len(f)
    return n


@lru_cache(maxsize=4)
def _dictionary_matchers(path: str) -> _CompiledDictionary:
    """Compile the dictionary once: phrase tables where possible, spaCy's token Matcher otherwise (no
    line of the shipped dictionary needs it)."""
    from itertools import product

    dictionary = _load_actors(path)
    orth, lower = PhraseTable(), PhraseTable(lower=True)
    matcher = None
    exact: dict[int, dict[int, frozenset[str]]] = {}
    for k, line in enumerate(dictionary.lines):
        pattern = line.pattern
        if isinstance(pattern, str) and pattern.startswith("["):
            token_pattern = json.loads(pattern)
            compiled = _token_pattern_forms(token_pattern)
            if compiled is None or _variant_count(compiled[0]) > _MAX_VARIANTS:
                matcher = _spacy_matcher(matcher, k, [token_pattern])
                continue
            forms, required = compiled
            if required:
                exact[k] = required
            lower.add(k, product(*map(sorted, forms)))
            continue
        forms = _phrase_word_forms(pattern)
        if _variant_count(forms) > _MAX_VARIANTS:
            matcher = _spacy_matcher(matcher, k, expand_pattern(pattern))
            continue
        variants = [list(words) for words in product(*map(sorted, forms))]
        variants.append([w.upper() for w in _words(pattern)])
        orth.add(k, variants)
    return _CompiledDictionary(orth, lower, matcher, exact)


def _spacy_matcher(matcher, line: int, patterns: list):
    """spaCy's token ``Matcher`` (made on first use) with the patterns of dictionary line ``line`` added."""
    if matcher is None:
        from spacy.matcher import Matcher

        matcher = Matcher(nlp.blank_german().vocab)
    matcher.add(f"actorline{line}", patterns)
    return matcher


@dataclass(frozen=True, slots=True)
class _RawMatch:
    start: int
    end: int
    lines: tuple[int, ...]


def _dictionary_matches(doc: nlp.Document, dictionary: ActorDictionary) -> list[_RawMatch]:
    """Longest non-overlapping dictionary matches, each with all lines matching that exact span
    (computed once per document and dictionary: the actors' candidates and mentions both ask for them)."""
    if not doc.tokens:
        return []
    return list(doc.remember(("dictionary_matches", id(dictionary)), lambda: _matches(doc, dictionary), dictionary))


def _matches(doc: nlp.Document, dictionary: ActorDictionary) -> tuple[_RawMatch, ...]:
    compiled = _dictionary_matchers(dictionary.path)
    by_span: dict[tuple[int, int], list[int]] = defaultdict(list)
    found = compiled.orth(doc.words) + compiled.lower(doc.words)
    if compiled.matcher is not None:
        strings = nlp.blank_german().vocab.strings
        found += [(int(strings[m][len("actorline") :]), a, b) for m, a, b in compiled.matcher(doc.spacy_doc)]
    for k, start, end in found:
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
    return tuple(sorted(chosen, key=lambda m: m.start))
