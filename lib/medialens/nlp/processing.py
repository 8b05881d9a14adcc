"""Processing texts: paragraphs -> sentences and tokens -> STTS tags and lemmas, cached per text.

Two pipelines give the same table layout:

* **fast** (default): :mod:`medialens.nlp.tokenizer` (SoMaJo's decisions on plain text, SoMaJo itself
  for the rest) and :class:`medialens.nlp.tagger.Tagger` with compound heads for unknown words;
* **exact** (``MEDIALENS_NLP=exact`` or :func:`medialens.nlp.use_pipeline`): SoMaJo on every paragraph
  and HanTa's exact output (the reference; the tagger is still the fast exact re-implementation with
  persisted word analyses).

Processed documents are cached on disk as Parquet, keyed by the SHA-256 of the text and the pipeline
version, so a rerun only processes new or changed articles.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import pandas as pd

from medialens import config
from medialens.nlp import tokenizer, words
from medialens.nlp.document import MAX_TOKEN_CHARS, PARAGRAPH_BREAK, TOKEN_COLUMNS, Document, document_from_rows
from medialens.nlp.tagger import Tagger, hanta_model, model_path

#: Versions of the two pipelines (part of the NLP cache path and of every annotation store key).
VERSIONS = {"fast": "nlp-5", "exact": "nlp-3"}
#: SoMaJo's time grows faster than linearly with the length of one paragraph (measured: 200,000 chars
#: 2.9 s, 400,000 7.6 s, 800,000 22.9 s), so in the exact pipeline a longer paragraph (a one-line
#: article) is handed to it in pieces of at most this many characters, cut after a sentence end (". "
#: before a capital letter) where there is one, else at a space. Paragraphs of real news stay far below
#: it (10kGNAD: at most 32,600).
MAX_PIECE_CHARS = 50_000
_SPACE = re.compile(r"\s+")
_PIECE_END = re.compile(r"[.!?…][\"“”»«']?\s+(?=[A-ZÄÖÜ„\"»])")
#: What HanTa sees in place of a long token (a non-word, so its neighbours are tagged as around one).
_OPAQUE = "#"

_state = {"pipeline": os.environ.get("MEDIALENS_NLP", "fast")}
if _state["pipeline"] not in VERSIONS:
    raise ValueError(f"MEDIALENS_NLP must be one of {sorted(VERSIONS)}, not {_state['pipeline']!r}")


def pipeline() -> str:
    """The active pipeline: ``"fast"`` or ``"exact"``."""
    return _state["pipeline"]


def set_pipeline(name: str) -> None:
    if name not in VERSIONS:
        raise ValueError(f"pipeline must be one of {sorted(VERSIONS)}, not {name!r}")
    _state["pipeline"] = name


def text_hash(text: str) -> str:
    """Stable SHA-256 hex digest of a text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _sentence_splitter():
    from somajo import SoMaJo

    return SoMaJo("de_CMC", split_camel_case=False, split_sentences=True, character_offsets=True)


@lru_cache(maxsize=1)
def known_forms() -> frozenset[str]:
    """The seed's word forms (wordfreq's most frequent German forms), kept as a text file in the words
    folder after the first use (reading wordfreq's list takes a second)."""
    folder = words.words_dir()
    path = folder / f"known-wordfreq-{words.wordfreq_version()}-{words.SEED_WORDS}.txt"
    if path.exists():
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    forms = words.seed_forms(words.SEED_WORDS)
    config.keep_text(path, "\n".join(forms))  # a read-only cache: the list is used without keeping it
    return frozenset(forms)


def word_stores() -> tuple[words.WordStore, words.WordStore]:
    """The seed store (read-only) and the learned store of the current words folder and HanTa model."""
    folder = words.words_dir()
    key = words.model_key(model_path())
    seed = words.WordStore(folder / f"hanta-{key}-seed-{words.SEED_WORDS}.sqlite", writable=False)
    learned = words.WordStore(folder / f"hanta-{key}-learned.sqlite")
    return seed, learned


_TAGGERS: dict[str, Tagger] = {}


def _tagger_for(name: str) -> Tagger:
    found = _TAGGERS.get(name)
    if found is None:
        seed, learned = word_stores()
        known = known_forms() if name == "fast" else frozenset()
        found = _TAGGERS[name] = Tagger(approximate=name == "fast", known=known, stores=(seed, learned),
                                        learned=learned)
    return found


def _tagger() -> Tagger:
    """The tagger of the active pipeline (one per process)."""
    return _tagger_for(pipeline())


def _plain_tagger():
    """HanTa's own tagger (the reference the fast tagger is tested against)."""
    return hanta_model()


def reference_parts():
    """``(sentence splitter, tagger)``: SoMaJo and HanTa's own tagger without any memo (the naive
    reference ``medialens bench`` times)."""
    from HanTa import HanoverTagger as ht

    return _sentence_splitter(), ht.HanoverTagger("morphmodel_ger.pgz")


def reset_tagger_memo() -> None:
    """Forget the taggers' in-process memo and word stores (a cold benchmark run starts without them;
    the word stores are opened again from the current words folder)."""
    flush_words()
    for tagger in _TAGGERS.values():
        for store in tagger.stores:
            store.close()
    _TAGGERS.clear()
    known_forms.cache_clear()


def flush_words() -> None:
    """Write the word analyses computed so far to the learned store (called after every chunk)."""
    for tagger in _TAGGERS.values():
        tagger.flush()


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
    for m in list(PARAGRAPH_BREAK.finditer(text)) + [None]:
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


def _somajo_sentences(text: str, start: int, end: int) -> Iterator[list[tuple[int, int]]]:
    """SoMaJo's sentences of one paragraph (in pieces), as token spans."""
    splitter = _sentence_splitter()
    for piece_start, piece_end in pieces(text, start, end):
        for sent in splitter.tokenize_text([text[piece_start:piece_end]]):
            spans = [(piece_start + t.character_offset[0], piece_start + t.character_offset[1]) for t in sent]
            spans = [(a, b) for a, b in spans if b > a]
            if spans:
                yield spans


def _fast_sentences(text: str, start: int, end: int) -> Iterator[list[tuple[int, int]]]:
    tokens = tokenizer.tokenize(text, start, end, _sentence_splitter)
    for a, b in tokenizer.sentence_ranges(text, tokens):
        yield [(s, e) for s, e, _ in tokens[a:b]]


def split_text(text: str) -> list[tuple[int, list[tuple[int, int]]]]:
    """``[(paragraph index, token spans of one sentence), ...]`` of the active pipeline."""
    split = _fast_sentences if pipeline() == "fast" else _somajo_sentences
    return [(p, spans) for p, (a, b) in enumerate(paragraphs(text)) for spans in split(text, a, b)]


def _process_uncached(article_id: str, text: str) -> list[tuple]:
    """Tokenise, split and tag one text; returns its token rows (:data:`TOKEN_COLUMNS` order)."""
    sentences = split_text(text)
    words_of = [[text[a:b] for a, b in spans] for _, spans in sentences]
    tagged = _tagger().tag_sents([[w if len(w) <= MAX_TOKEN_CHARS else _OPAQUE for w in ws] for ws in words_of])
    rows: list[tuple] = []
    for index, ((paragraph, spans), ws, tags) in enumerate(zip(sentences, words_of, tagged)):
        for (a, b), word, (_, lemma, tag) in zip(spans, ws, tags):
            if len(word) > MAX_TOKEN_CHARS:
                rows.append((word, a, b, "XY", word, index, paragraph))
            else:
                rows.append((word, a, b, _stts(tag, word), lemma, index, paragraph))
    return rows


_TYPES = {"text": "string", "start": "int64", "end": "int64", "pos": "string", "lemma": "string",
          "sentence": "int64", "paragraph": "int64"}


def _write_rows(rows: list[tuple], path: Path) -> None:
    """The token rows as the Parquet file of the NLP cache (written with Arrow, no DataFrame)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(zip(*rows)) if rows else [()] * len(TOKEN_COLUMNS)
    table = pa.table({c: pa.array(list(v), type=_TYPES[c]) for c, v in zip(TOKEN_COLUMNS, columns)})
    pq.write_table(table, path)


def _read_rows(path: Path):
    columns = config.read_parquet_file(path, TOKEN_COLUMNS).to_pydict()
    return zip(*(columns[c] for c in TOKEN_COLUMNS))


def _cache_file(text: str, cache: Path) -> Path:
    digest = text_hash(text)
    return cache / VERSIONS[pipeline()] / digest[:2] / f"{digest}.parquet"


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
        return document_from_rows(article_id, text, _process_uncached(article_id, text))
    path = _cache_file(text, folder)
    if path.exists():
        rows = _read_rows(path)
    else:
        rows = _process_uncached(article_id, text)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_rows(rows, tmp)
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise config.CacheError(f"cannot write the NLP cache under {path.parent}: {exc.strerror or exc}. "
                                    "Free disk space or run without the cache (cache=False).") from exc
    return document_from_rows(article_id, text, rows)


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
    docs = [
        process(aid, text, cache=cache)
        for aid, text in tqdm(pairs, desc="German pipeline", unit="article", disable=not progress or len(pairs) < 20)
    ]
    flush_words()
    return docs


def document_from_words(words_: Sequence[str], *, article_id: str = "test") -> Document:
    """Build a document from already tokenised text, tagged by HanTa (for tests and examples)."""
    text = " ".join(words_)
    return process(article_id, text, cache=False)
