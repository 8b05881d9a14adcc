"""Generic name recognition without a trained model: name runs, their boundaries and types.

HanTa ``NE``/``FM`` tags and the cues of :mod:`medialens.actors.rules.cues` form candidate runs; gazetteers
and the actor dictionary give known spans; lists of names share a type; a surname repeating an earlier
full name is linked to it.
"""

from __future__ import annotations

from typing import Sequence


from medialens import nlp
from medialens.actors.lexicon import ActorDictionary, _TYPE_TO_NER, _ambiguous_names, _first_names, _legal_forms, _place_heads, _place_prefixes, gazetteer, load_actors
from medialens.actors.rules.cues import NameSpan, _cue, _ends_with, _is_org_word, _name_token, _not_a_name, _noun_place_name, _type_run
from medialens.actors.rules.derived import _derived_spans
from medialens.actors.rules.dictionary import _RawMatch, _dictionary_matches, _gazetteer_matcher


NER_TYPES = ("PER", "ORG", "LOC")


_NER_TO_TYPE = {"PER": "person", "ORG": "organisation", "LOC": "place"}


_NAME_PARTICLES = frozenset(
    "von van de der den zu vom da di du la le del della des do dos bin ibn al el ter ten "
    "of the and y & et af av ben abu".split()
)


_PLACE_LINKS = frozenset({"am", "an", "ob", "im", "unter", "upon", "on"})


_OPEN_QUOTES = frozenset({"„", "“", '"', "«", "»", "‚", "'", "(", "[", ":", "–", "-"})


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
