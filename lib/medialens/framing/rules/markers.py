"""Distancing markers: lexical markers and what they attach to, scare quotes, Konjunktiv I."""

from __future__ import annotations

import bisect
import re
from typing import Iterable, Iterator, Sequence

from medialens import nlp
from medialens.framing.lexicon import _NP_SKIP_POS, DistancingLexicon, _fold
from medialens.german import PUNCTUATION_TAGS, QUOTE_MARKS, konjunktiv_mood, quotation_spans

def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _is_word(tok: nlp.Token) -> bool:
    return any(ch.isalnum() for ch in tok.text)


def _konjunktiv1(tok: nlp.Token) -> bool:
    """A finite verb in Konjunktiv I (:func:`medialens.german.konjunktiv_mood`)."""
    return konjunktiv_mood(tok.text, tok.lemma, tok.pos) == 1


def _np_after(toks: Sequence[nlp.Token], k: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Token range of the noun phrase that starts after ``toks[k]``; ``None`` if none within 6 tokens."""
    j = k + 1
    if j < len(toks) and toks[j].text in QUOTE_MARKS:
        q = next(((a, b) for a, b in quotes if a == toks[j].start), None)
        if q:
            end = j
            while end < len(toks) and toks[end].end <= q[1]:
                end += 1
            return j, end
    first = j
    while j < len(toks) and j <= k + 6:
        t = toks[j]
        if t.pos.startswith("NN") or t.pos == "NE":
            return first, _genitive_end(toks, j + 1)
        if t.pos in _NP_SKIP_POS or t.text in QUOTE_MARKS:
            j += 1
            continue
        return None
    return None


def _genitive_end(toks: Sequence[nlp.Token], j: int) -> int:
    """Extend a noun phrase ending before ``toks[j]`` over a genitive attribute ("Anführer der Extremisten")."""
    if j < len(toks) and toks[j].pos == "ART" and _fold(toks[j].text) in ("der", "des"):
        m = j + 1
        while m < len(toks) and toks[m].pos in ("ADJA", "CARD"):
            m += 1
        if m < len(toks) and (toks[m].pos.startswith("NN") or toks[m].pos == "NE"):
            return m + 1
    return j


def _clause_after(toks: Sequence[nlp.Token], k: int) -> tuple[int, int] | None:
    j = k + 1
    end = j
    while end < len(toks) and toks[end].pos not in PUNCTUATION_TAGS:
        end += 1
    return (j, end) if end > j else None


def _lexical_markers(doc: nlp.Document, lex: DistancingLexicon, quotes) -> Iterator[tuple]:
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        k = 0
        while k < len(toks):
            hit = None
            for marker, words, kind, distances in lex.markers:
                if kind == "token" and _fold(toks[k].text) == words[0]:
                    hit = (marker, k + 1, distances)
                elif kind == "prefix" and _fold(toks[k].text).startswith(words[0]):
                    hit = (marker, k + 1, distances)
                elif kind == "phrase" and k + len(words) <= len(toks) and all(
                    _fold(toks[k + w].text).startswith(words[w]) for w in range(len(words))
                ):
                    hit = (marker, k + len(words), distances)
                if hit:
                    break
            if not hit:
                k += 1
                continue
            marker, end, distances = hit
            last = end - 1
            rng = _np_after(toks, last, quotes)
            if rng is None and toks[last].pos != "ADJA":
                rng = _clause_after(toks, last)
            if rng is None:
                rng = (last + 1, min(last + 2, len(toks))) if last + 1 < len(toks) else (k, end)
            a0, a1 = toks[rng[0]].start, toks[rng[1] - 1].end
            yield (sent.index, marker, toks[k].start, toks[last].end, a0, a1, distances)
            k = end


def _scare_quotes(doc: nlp.Document, lex: DistancingLexicon, quotes) -> Iterator[tuple]:
    text = doc.text
    starts = [t.start for t in doc.tokens]
    for a, b in quotes:
        lo, hi = bisect.bisect_right(starts, a), bisect.bisect_left(starts, b)
        words = [t for t in doc.tokens[lo:hi] if t.end < b and _is_word(t)]
        if not 1 <= len(words) <= 3:
            continue
        content = text[a + 1 : b - 1].strip()
        if not content or content[-1] in ".!?":
            continue
        before = text[:a].rstrip()
        if before.endswith(":"):
            continue
        idx = lo - 1
        while idx >= 0 and doc.tokens[idx].end > a:  # step back over the opening mark
            idx -= 1
        prev = doc.tokens[idx] if idx >= 0 else None
        if prev is not None and any(_fold(prev.text).startswith(title) for title in lex.title_nouns):
            continue
        after = re.match(r"\s*,\s*(\w+)", text[b:])
        if after and _fold(after.group(1)) in lex.speech_cues:
            continue
        yield (words[0].sentence, "scare_quote", a, b, words[0].start, words[-1].end, True)


def _first_person(toks: Sequence[nlp.Token], folded: list[str], k: int) -> bool:
    """``ich`` in the clause before the verb (back to a comma, colon or quotation mark) or just after it."""
    j = k - 1
    while j >= 0 and toks[j].pos not in PUNCTUATION_TAGS and toks[j].text not in QUOTE_MARKS:
        if folded[j] == "ich":
            return True
        j -= 1
    return "ich" in folded[k + 1 : k + 4]


def _konjunktiv_markers(doc: nlp.Document, lex: DistancingLexicon) -> Iterator[tuple]:
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        folded = [_fold(t.text) for t in toks]
        for k, tok in enumerate(toks):
            if not _konjunktiv1(tok):
                continue
            # 1st person singular present indicative has the same form ("ich habe", "Ich bin … und lebe")
            if _first_person(toks, folded, k):
                continue
            yield (sent.index, "konjunktiv1", tok.start, tok.end, sent.start, sent.end, True)


def _marker_tuples(doc: nlp.Document, lex: DistancingLexicon) -> list[tuple]:
    quotes = quotation_spans(doc.text)
    rows = list(_lexical_markers(doc, lex, quotes)) + list(_scare_quotes(doc, lex, quotes)) + list(
        _konjunktiv_markers(doc, lex)
    )
    rows.sort(key=lambda r: (r[2], r[1]))
    return rows
