"""Recognition over pre-tokenised sentences (GermEval input) and GermEval's derived classes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Iterable, Sequence


from medialens import nlp
from medialens.actors.rules.cues import NameSpan
from medialens.actors.rules.names import recognize


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
