"""Recognition over pre-tokenised sentences (GermEval input) and GermEval's derived classes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence


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
    sentences: Sequence[Sequence[str]], *, cache: bool | Path = True, derived: bool = False, learned: bool = True
) -> list[list[tuple[int, int, str]]]:
    """Run the generic recognizer over pre-tokenised sentences (one document, one pipeline call).

    The sentences are joined into one text (words separated by spaces, sentences by blank lines, so
    each is its own paragraph), processed by :func:`medialens.nlp.process` and the spans are mapped
    back to word indices.

    Args:
        sentences: lists of words.
        cache: passed to :func:`medialens.nlp.process`.
        derived: also return ``LOCderiv`` and ``*part`` spans.
        learned: use the learned layer (see :func:`medialens.actors.rules.names.recognize`).

    Returns:
        Per sentence, ``(start_word, end_word, type)`` with ``end_word`` exclusive.
    """
    if not sentences:
        return []
    joined = join_sentences(sentences, cache=cache)
    return joined.per_sentence(recognize(joined.doc, derived=derived, learned=learned))


class JoinedSentences(NamedTuple):
    """Pre-tokenised sentences processed as one document: word start offsets and sentence ends."""

    doc: nlp.Document
    offsets: list[int]  # character offset of every word, all sentences in order
    boundaries: list[int]  # cumulative word count at the end of each sentence

    def per_sentence(self, spans: Iterable[NameSpan]) -> list[list[tuple[int, int, str]]]:
        """Document-token spans as ``(start_word, end_word, type)`` per sentence."""
        boundaries = self.boundaries
        out: list[list[tuple[int, int, str]]] = [[] for _ in boundaries]
        for w0, w1, label in _align(self.doc, self.offsets, spans):
            si = bisect_right(boundaries, w0)
            base = boundaries[si - 1] if si else 0
            out[si].append((w0 - base, min(w1, boundaries[si]) - base, label))
        return out

    def word_of_token(self) -> list[int]:
        """The index (over all sentences) of the word each document token starts in."""
        return [bisect_right(self.offsets, t.start) - 1 for t in self.doc.tokens]


def join_sentences(sentences: Sequence[Sequence[str]], *, cache: bool | Path = True) -> JoinedSentences:
    """Join and process pre-tokenised sentences (see :func:`recognize_sentences`)."""
    offsets: list[int] = []
    boundaries: list[int] = []
    parts: list[str] = []
    pos = 0
    for words in sentences:
        if any(not w or any(c.isspace() for c in w) for w in words):
            raise ValueError("words must be non-empty and contain no whitespace")
        for w in words:
            offsets.append(pos)
            pos += len(w) + 1
        pos += 1  # blank line: "\n\n" replaces the last space + one more character
        boundaries.append(len(offsets))
        parts.append(" ".join(words))
    doc = nlp.process("ner-words", "\n\n".join(parts), cache=cache)
    return JoinedSentences(doc, offsets, boundaries)


def recognize_entities(words: list[str], *, cache: bool | Path = False) -> list[tuple[int, int, str]]:
    """Generic PER/ORG/LOC recognition over a list of words.

    Args:
        words: the tokens of one sentence (or text).
        cache: passed to :func:`medialens.nlp.process` (the text is the words joined by spaces).

    Returns:
        ``(start_token, end_token, type)`` triples, ``end_token`` exclusive, type in PER/ORG/LOC.
    """
    return recognize_sentences([words], cache=cache)[0] if words else []
