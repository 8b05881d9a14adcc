"""Dictionary matching: which dictionary patterns match which tokens of a sentence (lemma, prefix,
suffix and phrase patterns; overlaps resolved per frame to the longest span)."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator, Sequence

from medialens import nlp
from medialens.framing.lexicon import (
    _GAP, _INFLECTIONS, _MAX_GAP, _MIN_AFFIX, FRAME_KINDS, FrameLexicon, _fold, _Pattern,
)

def _forms(tok: nlp.Token) -> tuple[str, ...]:
    """Case-folded surface form and lemma (distinct)."""
    a, b = _fold(tok.text), _fold(tok.lemma)
    return (a,) if a == b else (a, b)


def _segments(tok: nlp.Token) -> set[str]:
    """Whole forms plus their hyphen-separated parts ("anti-terror-einsätze" -> anti, terror, einsätze)."""
    out: set[str] = set()
    for f in _forms(tok):
        out.add(f)
        out.update(s for s in f.split("-") if s)
    return out


def _word_matches(word: str, tok: nlp.Token) -> bool:
    """One phrase word against one token: exact lemma/surface, or prefix when the word ends in ``*``."""
    if word.endswith("*"):
        stem = word[:-1]
        return any(s.startswith(stem) for s in _segments(tok))
    return word in _forms(tok)


def _token_patterns(tok: nlp.Token, lex: FrameLexicon) -> Iterator[_Pattern]:
    seen: set[_Pattern] = set()
    for f in _forms(tok):
        for p in lex.lemma.get(f, ()):
            if p not in seen:
                seen.add(p)
                yield p
    for seg in _segments(tok):
        for p in lex.prefix.get(seg[:_MIN_AFFIX], ()):
            if p not in seen and seg.startswith(p.words[0]):
                seen.add(p)
                yield p
    for f in _forms(tok):
        for ending in _INFLECTIONS:
            if ending and not f.endswith(ending):
                continue
            base = f[: len(f) - len(ending)] if ending else f
            for p in lex.suffix.get(base[-_MIN_AFFIX:], ()):
                if p not in seen and base.endswith(p.words[0]):
                    seen.add(p)
                    yield p


def _phrase_end(words: tuple[str, ...], toks: Sequence[nlp.Token], k: int, w: int = 0) -> int | None:
    """Token index after a match of ``words[w:]`` starting at ``toks[k]``, else ``None``."""
    if w == len(words):
        return k
    if words[w] == _GAP:
        for skip in range(_MAX_GAP + 1):
            end = _phrase_end(words, toks, k + skip, w + 1)
            if end is not None:
                return end
        return None
    if k >= len(toks) or not _word_matches(words[w], toks[k]):
        return None
    return _phrase_end(words, toks, k + 1, w + 1)


_KIND_RANK = {kind: rank for rank, kind in enumerate(FRAME_KINDS)}


def _candidate_order(c: tuple[int, int, _Pattern]) -> tuple:
    return (-(c[1] - c[0]), c[0], _KIND_RANK[c[2].kind], -len(c[2].pattern), c[2].pattern)


def _raw_matches(doc: nlp.Document, lex: FrameLexicon) -> list[tuple[str, int, int, int, _Pattern]]:
    """(frame, sentence, first token, end token, pattern) for every match, overlaps resolved per frame."""
    found: list[tuple[str, int, int, int, _Pattern]] = []
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        cands: list[tuple[int, int, _Pattern]] = []
        for k, tok in enumerate(toks):
            for p in _token_patterns(tok, lex):
                cands.append((k, k + 1, p))
            phrases = [p for f in _forms(tok) for p in lex.phrase.get(f, ())] + list(lex.phrase_any)
            for p in dict.fromkeys(phrases):
                end = _phrase_end(p.words, toks, k)
                if end is not None:
                    cands.append((k, end, p))
        # per frame keep the longest non-overlapping spans (earliest first on ties); among patterns
        # matching the same span: lemma, prefix, suffix, phrase entries in that order, then the longer
        # pattern ("Nasarbajew" before "Clan" in "Nasarbajew-Clan"), independent of set iteration order
        by_frame: dict[str, list[tuple[int, int, _Pattern]]] = defaultdict(list)
        for c in sorted(cands, key=_candidate_order):
            kept = by_frame[c[2].frame]
            if all(c[1] <= o[0] or c[0] >= o[1] for o in kept):
                kept.append(c)
        for frame, kept in by_frame.items():
            for a, b, p in kept:
                found.append((frame, sent.index, sent.token_start + a, sent.token_start + b, p))
    found.sort(key=lambda m: (m[2], m[0]))
    return found
