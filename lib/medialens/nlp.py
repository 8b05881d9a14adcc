"""German text pipeline.

Paragraphs -> sentences (SoMaJo) -> tokens with character offsets into the article text -> STTS
part-of-speech tags and lemmas (HanTa). The only module that loads SoMaJo, HanTa or spaCy; every
loader is lazy and runs once per process. Processed documents are cached on disk as Parquet, keyed
by the SHA-256 of the text and :data:`PIPELINE_VERSION`, so a rerun only processes new or changed
articles. HanTa's per-word analyses are memoised per word type within a process (:func:`_tagger`);
the output is the same as HanTa's without the memo.

Invariant (tested): ``doc.text[t.start:t.end] == t.text`` for every token ``t``.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import pandas as pd

from medialens import config
from medialens.steps import Step

#: Bump when tokenisation, tagging or the cached layout changes; old cache entries are then ignored.
PIPELINE_VERSION = "nlp-3"

#: Tokens longer than this many characters (a base64 image, a URL-encoded blob, a run of characters
#: without spaces) are not sent to HanTa's morphological analysis, whose time grows with the square of
#: the word length: they are tagged ``XY`` (STTS: non-word) with the token itself as lemma, and
#: counted per article (:func:`long_tokens`). German words, compounds included, stay far below it.
MAX_TOKEN_CHARS = 100
#: SoMaJo's time grows faster than linearly with the length of one paragraph (measured: 200,000 chars
#: 2.9 s, 400,000 7.6 s, 800,000 22.9 s), so a longer paragraph (a one-line article) is handed to it in
#: pieces of at most this many characters, cut after a sentence end (". " before a capital letter) where
#: there is one, else at a space. Paragraphs of real news stay far below it (10kGNAD: at most 32,600).
MAX_PIECE_CHARS = 50_000
_SPACE = re.compile(r"\s+")
_PIECE_END = re.compile(r"[.!?…][\"“”»«']?\s+(?=[A-ZÄÖÜ„\"»])")
#: What HanTa sees in place of a long token (a non-word, so its neighbours are tagged as around one).
_OPAQUE = "#"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_TOKEN_COLUMNS = ["text", "start", "end", "pos", "lemma", "sentence", "paragraph"]


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
        """Index of the sentence containing character ``offset`` (or the last one before it)."""
        found = 0
        for s in self.sentences:
            if s.start <= offset:
                found = s.index
            else:
                break
        return found

    @cached_property
    def spacy_doc(self):
        """A ``spacy.tokens.Doc`` aligned 1:1 with :attr:`tokens`, for Matcher/EntityRuler rules.

        ``token.tag_`` holds the STTS tag, ``token.lemma_`` the HanTa lemma, and sentence starts are
        set. Character offsets of the spaCy doc are *not* article offsets: map back through
        ``doc.tokens[spacy_token.i]``.
        """
        from spacy.tokens import Doc as SpacyDoc

        words = [t.text for t in self.tokens]
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


def text_hash(text: str) -> str:
    """Stable SHA-256 hex digest of a text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def blank_german():
    """The shared ``spacy.blank("de")`` pipeline (tokeniser and vocab only; no model download)."""
    import spacy

    return spacy.blank("de")


@lru_cache(maxsize=1)
def _sentence_splitter():
    from somajo import SoMaJo

    return SoMaJo("de_CMC", split_camel_case=False, split_sentences=True, character_offsets=True)


#: Entries kept per memo table of the tagger before it is emptied (bounds memory on huge corpora).
TAGGER_MEMO_SIZE = 400_000


@lru_cache(maxsize=1)
def _tagger():
    """HanTa's German tagger with its two per-word analyses memoised (one instance per process).

    HanTa spends almost all its time in two pure functions of a word: ``analyze_forward`` (tag
    probabilities of a word form not in the model's lexicon, by morphological segmentation) and
    ``_analyze`` (lemma of a word form given its tag). Both depend only on the lower-cased form (and
    the tag), so their results are memoised per word type; the sentence-level Viterbi runs as before.
    Output is identical to the unmemoised tagger (``tests/test_scale.py`` checks it); only repeated
    word types become cheap.
    """
    from HanTa import HanoverTagger as ht

    class MemoTagger(ht.HanoverTagger):
        def __init__(self, filename: str) -> None:
            super().__init__(filename)
            self._forward_memo: dict = {}
            self._analysis_memo: dict = {}

        def analyze_forward(self, word):
            found = self._forward_memo.get(word)
            if found is None:
                if len(self._forward_memo) >= TAGGER_MEMO_SIZE:
                    self._forward_memo.clear()
                found = self._forward_memo[word] = super().analyze_forward(word)
            return found

        def _analyze(self, word, pos, taglevel=1):
            key = (word.lower(), pos, taglevel)
            found = self._analysis_memo.get(key)
            if found is None:
                if len(self._analysis_memo) >= TAGGER_MEMO_SIZE:
                    self._analysis_memo.clear()
                found = self._analysis_memo[key] = super()._analyze(word, pos, taglevel)
            return found

    return MemoTagger("morphmodel_ger.pgz")


@lru_cache(maxsize=1)
def _plain_tagger():
    """HanTa's tagger without memoisation (the reference the memoised one is tested against)."""
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz")


def reference_parts():
    """``(sentence splitter, tagger)``: the pipeline's SoMaJo and HanTa without the per-word memo (the naive
    reference ``medialens bench`` times)."""
    return _sentence_splitter(), _plain_tagger()


def reset_tagger_memo() -> None:
    """Forget the tagger's per-word memo (a cold benchmark run starts without it)."""
    _tagger.cache_clear()


def _stts(tag: str, word: str) -> str:
    """STTS tag from HanTa's: ``VV(FIN)`` -> ``VVFIN``; punctuation HanTa calls ``XY`` -> ``$.``/``$,``/``$(``."""
    if tag.startswith("$"):
        return tag
    if not word or not all(unicodedata.category(ch)[0] in "PS" for ch in word):
        return tag.replace("(", "").replace(")", "")
    if word in {".", "!", "?", ";", ":", "...", "…"}:
        return "$."
    return "$," if word == "," else "$("


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of the paragraphs of ``text`` (blank-line separated, trimmed)."""
    pos = 0
    for m in list(_PARAGRAPH_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            yield pos + lead, pos + trail
        if m:
            pos = m.end()


def pieces(text: str, start: int, end: int, limit: int | None = None) -> Iterator[tuple[int, int]]:
    """``[start, end)`` cut into spans of at most ``limit`` characters (default :data:`MAX_PIECE_CHARS`)."""
    limit = limit or MAX_PIECE_CHARS
    while end - start > limit:
        window = text[start : start + limit]
        cut = None
        for m in _PIECE_END.finditer(window, limit // 2):
            cut = m.end()
        if cut is None:
            space = window.rfind(" ", limit // 2)
            if space > 0:
                cut = space + 1
            else:  # no space in the second half: cut after the token, never inside it
                m = _SPACE.search(text, start + limit, end)
                cut = (m.end() if m else end) - start
        yield start, start + cut
        start += cut
    if end > start:
        yield start, end


def _process_uncached(article_id: str, text: str) -> pd.DataFrame:
    """Tokenise, split and tag one text; returns the token table stored in the cache."""
    splitter = _sentence_splitter()
    tagger = _tagger()
    rows: list[tuple] = []
    sentence = 0
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        for piece_start, piece_end in pieces(text, p_start, p_end):
            rows, sentence = _tag_piece(text, piece_start, piece_end, p_index, sentence, rows, splitter, tagger)
    return pd.DataFrame(rows, columns=_TOKEN_COLUMNS)


def _tag_piece(text: str, start: int, end: int, paragraph: int, sentence: int, rows: list, splitter, tagger):
    """Split, tokenise and tag ``text[start:end]`` (part of paragraph ``paragraph``), appending token rows;
    returns the rows and the index of the next sentence."""
    for sent in splitter.tokenize_text([text[start:end]]):
        spans = [(start + tok.character_offset[0], start + tok.character_offset[1]) for tok in sent]
        spans = [(a, b) for a, b in spans if b > a]
        if not spans:
            continue
        words = [text[a:b] for a, b in spans]
        tagged = tagger.tag_sent([w if len(w) <= MAX_TOKEN_CHARS else _OPAQUE for w in words], taglevel=1)
        for (a, b), word, (_, lemma, tag) in zip(spans, words, tagged):
            if len(word) > MAX_TOKEN_CHARS:
                rows.append((word, a, b, "XY", word, sentence, paragraph))
            else:
                rows.append((word, a, b, _stts(tag, word), lemma, sentence, paragraph))
        sentence += 1
    return rows, sentence


def long_tokens(doc: Document) -> list[Token]:
    """The tokens of ``doc`` longer than :data:`MAX_TOKEN_CHARS` (tagged ``XY``, not analysed)."""
    return [t for t in doc.tokens if t.end - t.start > MAX_TOKEN_CHARS]


def _document_from_table(article_id: str, text: str, table: pd.DataFrame) -> Document:
    tokens = tuple(
        Token(i, w, int(a), int(b), pos, lemma, int(s), int(p))
        for i, (w, a, b, pos, lemma, s, p) in enumerate(
            zip(*(table[c].tolist() for c in _TOKEN_COLUMNS))
        )
    )
    sentences: list[Sentence] = []
    first = 0
    for k in range(1, len(tokens) + 1):
        if k == len(tokens) or tokens[k].sentence != tokens[first].sentence:
            sentences.append(
                Sentence(len(sentences), tokens[first].start, tokens[k - 1].end, tokens[first].paragraph, first, k)
            )
            first = k
    return Document(article_id, text, tokens, tuple(sentences))


def _cache_file(text: str, cache: Path) -> Path:
    digest = text_hash(text)
    return cache / PIPELINE_VERSION / digest[:2] / f"{digest}.parquet"


def process(article_id: str, text: str, *, cache: Path | None | bool = True) -> Document:
    """Process one article text into a :class:`Document`.

    Args:
        article_id: identifier carried into every row derived from this document.
        text: the article text as loaded (offsets refer to it).
        cache: ``True`` for the default cache directory, a path for another one, ``False``/``None``
            to bypass the cache.

    Returns:
        The processed document.
    """
    if not isinstance(text, str):
        raise ValueError(f"article {article_id!r}: text must be a string, got {type(text).__name__}")
    folder = config.cache_dir() if cache is True else (Path(cache) if cache else None)
    if folder is None:
        return _document_from_table(article_id, text, _process_uncached(article_id, text))
    path = _cache_file(text, folder)
    if path.exists():
        table = pd.read_parquet(path)
    else:
        table = _process_uncached(article_id, text)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            table.to_parquet(tmp, index=False)
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise config.CacheError(f"cannot write the NLP cache under {path.parent}: {exc.strerror or exc}. "
                                    "Free disk space or run without the cache (cache=False).") from exc
    return _document_from_table(article_id, text, table)


def process_corpus(
    articles: pd.DataFrame | Iterable[tuple[str, str]],
    *,
    cache: Path | None | bool = True,
    progress: bool = True,
) -> list[Document]:
    """Process every article; accepts a corpus DataFrame (``article_id``, ``text``) or pairs."""
    from tqdm.auto import tqdm

    if isinstance(articles, pd.DataFrame):
        pairs: Sequence[tuple[str, str]] = list(zip(articles["article_id"], articles["text"]))
    else:
        pairs = list(articles)
    return [
        process(aid, text, cache=cache)
        for aid, text in tqdm(pairs, desc="German pipeline", unit="article", disable=not progress or len(pairs) < 20)
    ]


def document_from_words(words: Sequence[str], *, article_id: str = "test") -> Document:
    """Build a document from already tokenised text, tagged by HanTa (for tests and examples)."""
    text = " ".join(words)
    return process(article_id, text, cache=False)


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
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
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
    return _document_from_table(article_id, text, pd.DataFrame(rows, columns=_TOKEN_COLUMNS))


# ------------------------------------------------------------------------------------ the sentences table

#: Columns of the sentences table (one row per sentence; offsets into the article text).
SENTENCE_COLUMNS = ["article_id", "sentence_index", "start", "end", "text"]


def sentences_frame(docs: Iterable[Document]) -> pd.DataFrame:
    """The generic sentences table of processed documents (columns :data:`SENTENCE_COLUMNS`)."""
    rows = [(d.article_id, s.index, s.start, s.end, d.text[s.start : s.end]) for d in docs for s in d.sentences]
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return frame.astype({"sentence_index": "int64", "start": "int64", "end": "int64"})


def _sentences_step(docs: Sequence[Document], articles: pd.DataFrame, tables) -> dict[str, pd.DataFrame]:
    """Annotate step: the sentences table, plus per article the number of tokens, sentences and tokens
    too long to analyse (``_stats``; :func:`medialens.annotate.run_annotation` reports the latter)."""
    stats = pd.DataFrame({
        "article_id": [d.article_id for d in docs],
        "tokens": pd.array([len(d.tokens) for d in docs], dtype="int64"),
        "sentences": pd.array([len(d.sentences) for d in docs], dtype="int64"),
        "long_tokens": pd.array([len(long_tokens(d)) for d in docs], dtype="int64"),
    })
    return {"sentences": sentences_frame(docs), "_stats": stats}


#: The NLP step of :mod:`medialens.annotate`: sentences of every article (the pipeline version is part
#: of every step's store key).
STEP = Step(
    name="sentences",
    run=_sentences_step,
    writes=("sentences", "_stats"),
    code=("medialens.nlp",),
)
