"""Cues that make a capitalised word a name and type it (PER / ORG / LOC).

First names, titles and role nouns, organisation and place endings, acronyms, words that are not names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


from medialens import nlp
from medialens.actors import resources
from medialens.actors.lexicon import _cue_sets, _first_names, _not_names, _org_suffixes, _place_prefixes, _simple_suffixes, _strict_place_suffixes, gazetteer
from medialens.actors.rules.dictionary import _ACRONYM


_ROMAN = re.compile(r"^[IVXLCDM]+$")
#: Distinct words whose cue look-ups a worker remembers (pure functions of the word and the word lists;
#: about 0.15 KB each).
WORD_MEMO = 20_000


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


#: Noun plurals that look like town names in -ingen (Flüchtlingen, Häftlingen, Skispringen).
_NOT_PLACE_ENDINGS = ("lingen", "springen")


def _noun_place_name(tok: nlp.Token) -> bool:
    """A capitalised noun with an unambiguous place ending (``Sindelfingen``, ``Goethestraße``)."""
    return tok.pos == "NN" and _noun_place_text(tok.text)


@lru_cache(maxsize=WORD_MEMO)
def _noun_place_text(text: str) -> bool:
    """:func:`_noun_place_name` of a word tagged NN (a pure function of the word: memoised)."""
    if not text[:1].isupper() or _not_a_name(text) or "-" in text:
        return False
    lower = text.lower()
    if not lower.endswith(_NOT_PLACE_ENDINGS) and any(
        lower.endswith(e) and len(lower) >= len(e) + 3 for e in _strict_place_suffixes()
    ):
        return True
    # a noun the tagger did not know that is a town of GeoNames (Schwelm, Völklingen)
    places = resources.places()
    base = text[:-1] if text.endswith("s") and text[:-1] in places else text
    return base in places and resources.unknown_noun(base) and text not in _first_names()


def _geonames_place(word: str) -> bool:
    """A single untyped name that is a GeoNames place (genitive -s allowed) and no given name or surname."""
    places = resources.places()
    if word not in places and not (word.endswith("s") and word[:-1] in places):
        return False
    return word not in _first_names() and word not in resources.person_names()[2]


def _strip_inflection(lower: str) -> list[str]:
    """Candidate base forms of a lower-cased role noun (``präsidenten`` -> ``präsident``)."""
    forms = [lower]
    for ending in ("innen", "in", "en", "n", "s", "es", "e"):
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            forms.append(lower[: -len(ending)])
    return forms


@lru_cache(maxsize=WORD_MEMO)
def _cue(word: str, list_name: str) -> bool:
    """``word`` (or a form of it without an inflection ending) is in the cue list or has one of its endings."""
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



def _dateline_agency(doc: nlp.Document, start: int, end: int, prev: nlp.Token | None) -> bool:
    """The agency of a dateline: ``Berlin (dpa) -``, ``Wien (APA) –``."""
    tokens = doc.tokens
    return (
        prev is not None
        and prev.text == "("
        and end + 1 < len(tokens)
        and tokens[end].text == ")"
        and tokens[end + 1].text in ("-", "–", "—")
    )


#: English word frequency (wordfreq Zipf) from which an uncued capitalised word is taken for a title word.
ENGLISH_WORD_ZIPF = 3.0


def _english_word(word: str) -> bool:
    """A frequent English word that is no known surname (*Young Men*, *Special Edition*, *Gallery*):
    without a cue such a run is a title of a work, product or event more often than a person."""
    return word not in resources.person_names()[2] and resources.zipf(word, "en") >= ENGLISH_WORD_ZIPF


class _Run(NamedTuple):
    """A name run being typed: its tokens, words and neighbours (``prev``/``nxt`` inside the sentence)."""

    doc: nlp.Document
    start: int
    end: int
    sentence_start: int
    known_label: str | None
    words: list[str]
    prev: nlp.Token | None
    nxt: nlp.Token | None


def _inner_cues(run: _Run) -> tuple[str | None, str] | None:
    """Organisation markers inside the run, a known (gazetteer) type, a first name opening it."""
    words = run.words
    _, org_markers = _org_suffixes()
    if words[0] in org_markers or words[-1] in org_markers or any(_is_org_word(w) for w in words[1:] if not _is_acronym(w)):
        return "ORG", "org-suffix"
    if run.known_label is not None:
        return run.known_label, "gazetteer"
    if len(words) >= 2 and words[0] in _first_names():
        return "PER", "first-name"
    return None


def _left_cues(run: _Run) -> tuple[str | None, str] | None:
    """The word before the run: a title, an organisation or place noun, a dateline, a parenthesis."""
    prev, doc = run.prev, run.doc
    if prev is None:
        return None
    if prev.text[:1].isupper() and prev.pos in ("NN", "NE") and _cue(prev.text, "person_titles.txt"):
        return "PER", "title"
    if prev.text.lower() in ("herr", "herrn", "frau", "dr.", "prof."):
        return "PER", "title"
    if prev.pos == "NN" and _cue(prev.text, "org_cues.txt"):
        return "ORG", "org-cue"
    if _dateline_agency(doc, run.start, run.end, prev):
        return "ORG", "dateline"
    if prev.text == "(" and run.start - 2 >= run.sentence_start:
        before = doc.tokens[run.start - 2]
        if before.pos == "NN" and before.text[:1].isupper() and _is_org_word(before.text):
            return "ORG", "org-parenthesis"
    if prev.pos == "NN" and _cue(prev.text, "place_cues.txt"):
        return "LOC", "place-cue"
    return None


def _form_cues(run: _Run) -> tuple[str | None, str] | None:
    """The form of the words: acronyms, organisation/surname/place endings, an age in parentheses."""
    words, prev, nxt, doc = run.words, run.prev, run.nxt, run.doc
    first, last = words[0], words[-1]
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
    if nxt is not None and nxt.text == "(" and run.end + 2 < len(doc.tokens) and doc.tokens[run.end + 1].pos == "CARD":
        return "PER", "age"
    return None


def _weak_cues(run: _Run) -> tuple[str | None, str] | None:
    """Foreign words, a place preposition, a place prefix, a name followed by a city."""
    words, prev = run.words, run.prev
    if any(t.pos == "FM" for t in run.doc.tokens[run.start : run.end]):
        return None, "foreign"
    if prev is not None and prev.text.lower() in ("in", "nach", "aus", "im", "bei", "gen", "zwischen"):
        return "LOC", "preposition"
    if len(words) >= 2 and words[0] in _place_prefixes():
        return "LOC", "place-prefix"
    if len(words) >= 2 and gazetteer().get(words[-1]) == "LOC" and gazetteer().get(words[0]) != "LOC":
        return "ORG", "name+city"
    return None


def _no_cue(run: _Run) -> tuple[str | None, str]:
    """No cue left. Persons are rarely preceded by an article, an adjective or an opening quote in
    German; after those an unknown name is more often a work title, organisation or place."""
    words = run.words
    first, last = words[0], words[-1]
    prev_pos = run.prev.pos if run.prev is not None else ""
    if len(words) >= 2:
        if prev_pos == "ART":
            return "ORG", "article+multiword"
        if prev_pos == "$(":
            return None, "quoted"
        return (None, "english-word") if _english_word(last) else ("PER", "multiword")
    if first in _first_names():
        return "PER", "first-name"
    if _ends_with(first, "noun_endings.txt"):
        return None, "noun-ending"
    if prev_pos in ("ART", "ADJA", "$(") or len(first) <= 2 or len(first) >= 12:
        return None, "unlikely-person"
    if _geonames_place(first):
        return "LOC", "geonames"
    return (None, "english-word") if _english_word(first) else ("PER", "default")


#: The cue passes in order; the first that answers types the run.
_CUE_PASSES = (_inner_cues, _left_cues, _form_cues, _weak_cues)


def _type_run(
    doc: nlp.Document, start: int, end: int, sentence_start: int, known_label: str | None
) -> tuple[str | None, str]:
    """Type a name run ``[start, end)`` from its cues; returns (label or None, cue)."""
    tokens = doc.tokens
    prev = tokens[start - 1] if start > sentence_start else None
    nxt = tokens[end] if end < len(tokens) and tokens[end].sentence == tokens[start].sentence else None
    run = _Run(doc, start, end, sentence_start, known_label, [t.text for t in tokens[start:end]], prev, nxt)
    for cue_pass in _CUE_PASSES:
        typed = cue_pass(run)
        if typed is not None:
            return typed
    return _no_cue(run)
