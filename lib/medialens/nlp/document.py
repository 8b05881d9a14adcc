"""Processed documents: tokens with offsets, sentences, and documents built without a tagger.

Invariant (tested): ``doc.text[t.start:t.end] == t.text`` for every token ``t``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable, Iterable, Sequence

import pandas as pd

#: Tokens longer than this many characters (a base64 image, a URL-encoded blob, a run of characters
#: without spaces) are not sent to HanTa's morphological analysis, whose time grows with the square of
#: the word length: they are tagged ``XY`` (STTS: non-word) with the token itself as lemma, and
#: counted per article (:func:`long_tokens`). German words, compounds included, stay far below it.
MAX_TOKEN_CHARS = 100
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
TOKEN_COLUMNS = ["text", "start", "end", "pos", "lemma", "sentence", "paragraph"]


@dataclass(frozen=True, slots=True)
class Token:
    """One token. ``start``/``end`` are character offsets into the article text."""

    i: int
    text: str
    start: int
    end: int
    pos: str
    lemma: str
    sentence: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: character span and the half-open token range ``[token_start, token_end)``."""

    index: int
    start: int
    end: int
    paragraph: int
    token_start: int
    token_end: int


@dataclass(frozen=True)
class Document:
    """A processed article: its text, sentences and tokens (read-only)."""

    article_id: str
    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        """Tokens of sentence ``index``."""
        s = self.sentences[index]
        return self.tokens[s.token_start : s.token_end]

    def sentence_text(self, index: int) -> str:
        """Text of sentence ``index`` exactly as in the article."""
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing character ``offset`` (or the last one before it; 0 before
        the first). A binary search: long articles ask this for every span."""
        k = bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[k].index if k >= 0 else 0

    def tokens_between(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens overlapping the characters ``[start, end)`` (``t.end > start and t.start < end``),
        found by binary search over the token offsets (tokens are in text order and do not overlap)."""
        lo = bisect_right(self._token_ends, start)
        hi = bisect_left(self.token_starts, end)
        return self.tokens[lo:hi] if lo < hi else ()

    def remember(self, key: tuple, compute: Callable[[], object], *anchors: object) -> object:
        """``compute()`` once per document and ``key``, for analyses that several steps ask of the same
        document (pure functions of the document and of ``anchors``). ``key`` may hold ``id()`` of the
        ``anchors``: they are kept with the result, so no other object can take their ids meanwhile."""
        memo = self.__dict__.setdefault("_remembered", {})
        found = memo.get(key)
        if found is None:
            found = memo[key] = (compute(), anchors)
        return found[0]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def token_starts(self) -> list[int]:
        """The tokens' start offsets, in text order (computed once per document; for binary searches)."""
        return [t.start for t in self.tokens]

    @cached_property
    def _token_ends(self) -> list[int]:
        return [t.end for t in self.tokens]

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The tokens' texts, in order (computed once per document; for phrase look-ups)."""
        return tuple(t.text for t in self.tokens)

    @cached_property
    def spacy_doc(self):
        """A ``spacy.tokens.Doc`` aligned 1:1 with :attr:`tokens`, for Matcher/EntityRuler rules.

        ``token.tag_`` holds the STTS tag, ``token.lemma_`` the HanTa lemma, and sentence starts are
        set. Character offsets of the spaCy doc are *not* article offsets: map back through
        ``doc.tokens[spacy_token.i]``.
        """
        from spacy.tokens import Doc as SpacyDoc

        words = list(self.words)
        spaces = [
            self.tokens[k + 1].start > t.end if k + 1 < len(self.tokens) else False
            for k, t in enumerate(self.tokens)
        ]
        sdoc = SpacyDoc(
            blank_german().vocab,
            words=words,
            spaces=spaces,
            tags=[t.pos for t in self.tokens],
            lemmas=[t.lemma for t in self.tokens],
            sent_starts=[k == self.sentences[t.sentence].token_start for k, t in enumerate(self.tokens)],
        )
        return sdoc



@lru_cache(maxsize=1)
def blank_german():
    """The shared ``spacy.blank("de")`` pipeline (tokeniser and vocab only; no model download)."""
    import spacy

    return spacy.blank("de")



def long_tokens(doc: Document) -> list[Token]:
    """The tokens of ``doc`` longer than :data:`MAX_TOKEN_CHARS` (tagged ``XY``, not analysed)."""
    return [t for t in doc.tokens if t.end - t.start > MAX_TOKEN_CHARS]


def document_from_table(article_id: str, text: str, table: pd.DataFrame) -> Document:
    """A document from its token table (columns :data:`TOKEN_COLUMNS`)."""
    return document_from_rows(article_id, text, zip(*(table[c].tolist() for c in TOKEN_COLUMNS)))


def document_from_rows(article_id: str, text: str, rows) -> Document:
    """A document from token rows ``(text, start, end, pos, lemma, sentence, paragraph)`` in order."""
    tokens = tuple(Token(i, w, int(a), int(b), pos, lemma, int(s), int(p)) for i, (w, a, b, pos, lemma, s, p) in
                   enumerate(rows))
    sentences: list[Sentence] = []
    first = 0
    for k in range(1, len(tokens) + 1):
        if k == len(tokens) or tokens[k].sentence != tokens[first].sentence:
            sentences.append(
                Sentence(len(sentences), tokens[first].start, tokens[k - 1].end, tokens[first].paragraph, first, k)
            )
            first = k
    return Document(article_id, text, tokens, tuple(sentences))



_SENTENCE_END = frozenset({".", "!", "?", "…"})


def document_from_triples(
    triples: Sequence[tuple[str, str, str]], text: str | None = None, *, article_id: str = "test"
) -> Document:
    """Build a document from ``(word, STTS tag, lemma)`` triples, without the tagger (for rule tests).

    Args:
        triples: the tokens in order, e.g. ``[("Er", "PPER", "er"), ("sagte", "VVFIN", "sagen"), …]``.
        text: the text the words occur in, in order (default: the words joined by single spaces). A blank
            line in ``text`` starts a new paragraph.
        article_id: the document's id.

    Returns:
        A :class:`Document` whose sentences end after ``$.`` tokens (``. ! ? …``) and at paragraph ends.

    Raises:
        ValueError: a word does not occur in ``text`` after the previous one.
    """
    words = [w for w, _, _ in triples]
    text = " ".join(words) if text is None else text
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
    rows: list[tuple] = []
    pos = sentence = 0
    for k, (word, tag, lemma) in enumerate(triples):
        start = text.find(word, pos)
        if start < 0:
            raise ValueError(f"word {k} {word!r} not found in the text after offset {pos}")
        paragraph = sum(1 for b in breaks if b < start)
        if rows and paragraph != rows[-1][6]:
            sentence = rows[-1][5] + 1
        rows.append((word, start, start + len(word), tag, lemma, sentence, paragraph))
        pos = start + len(word)
        if tag == "$." or word in _SENTENCE_END:
            sentence += 1
    if rows:  # renumber: a sentence index is bumped only when a following token exists
        seen: dict[int, int] = {}
        rows = [(*r[:5], seen.setdefault(r[5], len(seen)), r[6]) for r in rows]
    return document_from_table(article_id, text, pd.DataFrame(rows, columns=TOKEN_COLUMNS))


# ------------------------------------------------------------------------------------ the sentences table

#: Columns of the sentences table (one row per sentence; offsets into the article text).
SENTENCE_COLUMNS = ["article_id", "sentence_index", "start", "end", "text"]


def sentences_frame(docs: Iterable[Document]) -> pd.DataFrame:
    """The generic sentences table of processed documents (columns :data:`SENTENCE_COLUMNS`)."""
    rows = [(d.article_id, s.index, s.start, s.end, d.text[s.start : s.end]) for d in docs for s in d.sentences]
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return frame.astype({"sentence_index": "int64", "start": "int64", "end": "int64"})

