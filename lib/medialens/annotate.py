"""Annotation: run every analysis over a corpus and keep the resulting tables.

``annotate(articles)`` runs the analyses in their fixed order -- attribution, actors, sentiment,
framing, each reading the earlier ones' rows -- over chunks of articles, serially or through any
``concurrent.futures.Executor`` (a local process pool with ``n_jobs > 1``, or a ``dask.distributed``
cluster via ``client.get_executor()``), and returns the tables. ``annotate_corpus(path)`` adds loading.

Results are cached **per article** in an on-disk store (``<cache>/annotations/<analysis fingerprint>/``):
each finished chunk is written at once as a *part* (one Parquet file per table, plus the content keys
of its articles), so memory is bounded by the chunks in flight, not by the corpus. An article's key is
the SHA-256 of its id, outlet metadata and text; the store's folder is named by the analysis fingerprint
(code, lexicons, registry, pipeline version). A rerun looks every key up and annotates only the articles
it does not find -- after editing one article, only that article -- and assembles the tables from the
parts, rows in corpus order. Because rows are per article, the tables are the same whatever the chunk
size or executor.

The one table that is not per article, ``actor_candidates`` (names the dictionary lacks, with counts),
is stored per article and merged over the corpus with :func:`medialens.actors.merge_candidates`:
counts, article counts and variants are exact; the example is the name's first occurrence in corpus
order; the type guess and cue come from the article where the name is most frequent.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import importlib
import os
import shutil
import tempfile
import time
import uuid
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from medialens import config, nlp
from medialens.corpus import CsvOptions, LoadReport, load_corpus

#: Analysis modules in the order they run; each exposes ``annotate_documents(docs, articles, tables)``.
STEPS = ("attribution", "actors", "sentiment", "framing")

#: Tables written by ``medialens annotate`` besides ``articles`` and ``load_report``.
TABLES = ("sentences", "attributions", "mentions", "actor_candidates", "frames", "distancing")

#: Articles columns the analyses see (and that key an article in the store).
ARTICLE_KEY_COLUMNS = ("article_id", "outlet", "outlet_type", "country", "date", "text")

#: Default articles per chunk: small enough to balance two workers and bound memory, large enough that
#: a 10,000-article corpus is a few hundred part files.
CHUNK_SIZE = 50

#: Tables that are aggregates over articles: name -> column holding the article id in per-article rows.
_AGGREGATES = {"actor_candidates": "example_article_id"}
_STATS = "_stats"
_KEYS = "_keys"
_ORDER = "_tables.txt"


@dataclass
class AnnotatedCorpus:
    """A loaded corpus with its load report and analysis tables (``tables["attributions"]`` …)."""

    articles: pd.DataFrame
    report: LoadReport | None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def documents(self) -> list[nlp.Document]:
        """Processed documents (from the NLP cache) for KWIC and drill-downs."""
        return nlp.process_corpus(self.articles, progress=False)


@dataclass
class RunStats:
    """What one :func:`run_annotation` did (the bench reports these)."""

    articles: int = 0
    annotated: int = 0
    reused: int = 0
    tokens: int = 0
    tokens_annotated: int = 0
    sentences: int = 0
    chunks: int = 0
    parts_read: int = 0
    seconds_lookup: float = 0.0
    seconds_annotate: float = 0.0
    seconds_assemble: float = 0.0


@dataclass
class AnnotationRun:
    """Tables and run statistics of :func:`run_annotation`."""

    tables: dict[str, pd.DataFrame]
    stats: RunStats


def _step(name: str):
    return importlib.import_module(f"medialens.{name}")


def annotate_documents(docs: list[nlp.Document], articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Run every analysis step on already processed documents of one chunk."""
    tables: dict[str, pd.DataFrame] = {}
    for name in STEPS:
        tables.update(_step(name).annotate_documents(docs, articles, tables))
    return tables


def _per_article_candidates(docs: list[nlp.Document]) -> pd.DataFrame:
    actors = _step("actors")
    frames = [actors.actor_candidates([doc]) for doc in docs]
    non_empty = [f for f in frames if len(f)]
    if non_empty:
        return pd.concat(non_empty, ignore_index=True)
    return frames[0] if frames else actors.actor_candidates([])


def _annotate_chunk(chunk: pd.DataFrame, cache: Path | bool | None) -> dict[str, pd.DataFrame]:
    """Worker task: process and annotate one chunk; per-article rows plus a ``_stats`` table."""
    docs = [nlp.process(aid, text, cache=cache) for aid, text in zip(chunk["article_id"], chunk["text"])]
    tables = annotate_documents(docs, chunk)
    if "actor_candidates" in tables:
        tables["actor_candidates"] = _per_article_candidates(docs)
    tables[_STATS] = pd.DataFrame(
        {
            "article_id": [d.article_id for d in docs],
            "tokens": pd.array([len(d.tokens) for d in docs], dtype="int64"),
            "sentences": pd.array([len(d.sentences) for d in docs], dtype="int64"),
        }
    )
    return tables


def _chunks(articles: pd.DataFrame, size: int) -> Iterable[pd.DataFrame]:
    for start in range(0, len(articles), size):
        yield articles.iloc[start : start + size]


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int, progress: bool, desc: str = "Annotating", unit: str = "article"):
    """A tqdm bar (terminal or Jupyter widget) when ``progress``; a silent stand-in otherwise."""
    if not progress:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit)


# ------------------------------------------------------------------------------------ the store


def article_keys(articles: pd.DataFrame) -> list[str]:
    """Content key per article: SHA-256 over :data:`ARTICLE_KEY_COLUMNS` (missing values included)."""
    columns = [articles[c].tolist() if c in articles.columns else [None] * len(articles) for c in ARTICLE_KEY_COLUMNS]
    keys = []
    for values in zip(*columns):
        h = hashlib.sha256()
        for value in values:
            h.update(b"\x00" if value is None or value is pd.NA or (isinstance(value, float) and value != value)
                     else str(value).encode("utf-8"))
            h.update(b"\x1f")
        keys.append(h.hexdigest())
    return keys


class _Store:
    """Per-article annotation rows in Parquet parts: ``parts/<id>/<table>.parquet`` and ``_keys.parquet``.

    ``index.parquet`` (key, part, article_id) lists the parts' articles so a lookup reads one file;
    parts written after the index (a concurrent or interrupted run) are found by listing ``parts/``.
    Every file is written to a temporary name and renamed, so readers never see half a part.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.parts = root / "parts"

    def _index_frame(self) -> pd.DataFrame:
        index_file = self.root / "index.parquet"
        frames = []
        indexed: set[str] = set()
        if index_file.exists():
            index = pd.read_parquet(index_file)
            frames.append(index)
            indexed = set(index["part"].unique())
        if self.parts.exists():
            for entry in os.scandir(self.parts):
                if entry.is_dir() and entry.name not in indexed and not entry.name.startswith("."):
                    keys_file = Path(entry.path) / f"{_KEYS}.parquet"
                    if keys_file.exists():
                        keys = pd.read_parquet(keys_file)
                        keys["part"] = entry.name
                        frames.append(keys[["key", "part", "article_id"]])
        if not frames:
            return pd.DataFrame({"key": [], "part": [], "article_id": []}, dtype="str")
        index = pd.concat(frames, ignore_index=True).drop_duplicates("key", keep="last")
        existing = {e.name for e in os.scandir(self.parts)} if self.parts.exists() else set()
        return index[index["part"].isin(existing)]

    def lookup(self, keys: list[str]) -> dict[str, tuple[str, str]]:
        """``key -> (part, article_id)`` for the keys already stored."""
        index = self._index_frame()
        wanted = index[index["key"].isin(set(keys))]
        return {k: (p, a) for k, p, a in zip(wanted["key"], wanted["part"], wanted["article_id"])}

    def write_part(self, keys: list[str], article_ids: list[str], tables: dict[str, pd.DataFrame]) -> str:
        """Write one chunk's tables as a part; returns the part id (a hash of its keys)."""
        name = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:24]
        final = self.parts / name
        if final.exists():
            return name
        tmp = self.parts / f".{name}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
        tmp.mkdir(parents=True)
        for table_name, table in tables.items():
            table.to_parquet(tmp / f"{table_name}.parquet", index=False)
        (tmp / _ORDER).write_text("\n".join(tables) + "\n", encoding="utf-8")
        pd.DataFrame({"key": keys, "article_id": [str(a) for a in article_ids]}).to_parquet(
            tmp / f"{_KEYS}.parquet", index=False
        )
        try:
            tmp.rename(final)
        except OSError:  # another process wrote the same part first
            shutil.rmtree(tmp, ignore_errors=True)
        return name

    def save_index(self) -> None:
        """Rewrite ``index.parquet`` from the index plus any unindexed parts."""
        index = self._index_frame()
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".index.{os.getpid()}.{uuid.uuid4().hex[:8]}.parquet"
        index.to_parquet(tmp, index=False)
        tmp.replace(self.root / "index.parquet")

    def read(self, part: str, table: str) -> pd.DataFrame | None:
        path = self.parts / part / f"{table}.parquet"
        return pd.read_parquet(path) if path.exists() else None

    def table_names(self, part: str) -> list[str]:
        """Table names of a part in the order the analyses produced them."""
        return (self.parts / part / _ORDER).read_text(encoding="utf-8").split()


def _assemble(
    store: _Store,
    locations: list[tuple[str, str]],
    progress: bool,
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Tables for the articles at ``locations`` ((part, article_id) in corpus order), rows in that order."""
    order: dict[str, dict[str, int]] = {}
    for position, (part, aid) in enumerate(locations):
        order.setdefault(part, {})[aid] = position
    parts = list(order)
    names = [n for n in store.table_names(parts[0])] if parts else []
    pieces: dict[str, list[pd.DataFrame]] = {name: [] for name in names}
    bar = _progress_bar(len(parts), progress and len(parts) > 20, desc="Reading cached parts", unit="part")
    for part in parts:
        wanted = order[part]
        for name in names:
            table = store.read(part, name)
            if table is None:
                continue
            id_column = _AGGREGATES.get(name, "article_id")
            positions = table[id_column].astype(str).map(wanted)
            keep = positions.notna().to_numpy()
            piece = table[keep] if not keep.all() else table
            pieces[name].append(piece.assign(_position=positions[keep].astype("int64").to_numpy()))
        bar.update(1)
    bar.close()
    out: dict[str, pd.DataFrame] = {}
    for name, frames in pieces.items():
        non_empty = [f for f in frames if len(f)]
        table = pd.concat(non_empty, ignore_index=True) if non_empty else frames[0]
        table = table.sort_values("_position", kind="stable").drop(columns="_position").reset_index(drop=True)
        out[name] = table
    stats = out.pop(_STATS, pd.DataFrame({"article_id": [], "tokens": [], "sentences": []}))
    if "actor_candidates" in out:
        out["actor_candidates"] = _step("actors").merge_candidates(out["actor_candidates"])
    return out, stats


# ------------------------------------------------------------------------------------ executors


def _executor_slots(executor: Executor, n_jobs: int) -> int:
    """How many tasks the executor runs at once (process pool workers, dask threads, else ``n_jobs``)."""
    workers = getattr(executor, "_max_workers", None)
    if workers:
        return int(workers)
    client = getattr(executor, "_client", None)
    if client is not None:
        try:
            return max(1, sum(client.nthreads().values()))
        except Exception:  # a client that cannot answer yet
            pass
    return max(1, n_jobs, os.cpu_count() or 1)


def process_pool(n_jobs: int) -> Executor:
    """A local process pool of ``n_jobs`` workers, started the platform's default way.

    On Linux (Python < 3.14) workers are forked, so loaded models are shared and plain scripts work;
    where processes are spawned (macOS, Windows), a script must call ``annotate`` under
    ``if __name__ == "__main__":``, as for any ``multiprocessing`` code.
    """
    return cf.ProcessPoolExecutor(max_workers=n_jobs)


def _run_chunks(
    chunks: list[pd.DataFrame],
    nlp_cache: Path | bool | None,
    executor: Executor | None,
    n_jobs: int,
) -> Iterator[tuple[pd.DataFrame, dict[str, pd.DataFrame]]]:
    """Yield ``(chunk, tables)`` as chunks finish; at most two tasks per worker are in flight."""
    if executor is None and (n_jobs <= 1 or len(chunks) == 1):  # no pool start-up for one chunk
        for chunk in chunks:
            yield chunk, _annotate_chunk(chunk, nlp_cache)
        return
    own = executor is None
    pool = process_pool(n_jobs) if own else executor
    try:
        window = 2 * _executor_slots(pool, n_jobs)
        todo = iter(chunks)
        pending: dict[cf.Future, pd.DataFrame] = {}

        def submit_next() -> None:
            chunk = next(todo, None)
            if chunk is not None:
                pending[pool.submit(_annotate_chunk, chunk, nlp_cache)] = chunk

        for _ in range(window):
            submit_next()
        while pending:
            done, _ = cf.wait(list(pending), return_when=cf.FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future)
                tables = future.result()
                submit_next()
                yield chunk, tables
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)


# ------------------------------------------------------------------------------------ entry points


@lru_cache(maxsize=1)
def analysis_fingerprint() -> str:
    """Hash of everything that shapes the tables: package code, lexicons, registry, actor dictionary."""
    h = hashlib.sha256(nlp.PIPELINE_VERSION.encode())
    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py")) + sorted(p for p in config.DATA_DIR.rglob("*") if p.is_file()
                                                   and config.DEMO_CORPUS_DIR not in p.parents
                                                   and p.suffix in {".txt", ".csv", ".jsonl", ".json", ".yml", ".yaml"})
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def store_dir(cache: Path | bool = True) -> Path:
    """Folder of the per-article annotation store for the current analysis fingerprint."""
    root = config.cache_dir() if cache is True else Path(cache)
    return root / "annotations" / analysis_fingerprint()


def run_annotation(
    articles: pd.DataFrame,
    *,
    executor: Executor | None = None,
    n_jobs: int = 1,
    chunk_size: int = CHUNK_SIZE,
    cache: Path | bool | None = True,
    progress: bool = True,
) -> AnnotationRun:
    """:func:`annotate` plus what the run did (articles annotated or reused, tokens, timings)."""
    stats = RunStats(articles=len(articles))
    missing = [c for c in ("article_id", "text") if c not in articles.columns]
    if missing:
        raise ValueError(f"articles table lacks columns {missing} (load it with medialens.corpus.load_corpus)")
    if articles["article_id"].duplicated().any():
        raise ValueError("article_id values must be unique")
    sub = articles[[c for c in ARTICLE_KEY_COLUMNS if c in articles.columns]].reset_index(drop=True)
    if sub.empty:
        return AnnotationRun(annotate_documents([], articles.iloc[0:0]), stats)
    temporary = None
    if cache:
        root = store_dir(cache)
        nlp_cache: Path | bool | None = cache
    else:
        temporary = tempfile.mkdtemp(prefix="medialens-annotate-")
        root = Path(temporary) / "annotations"
        nlp_cache = False
    try:
        store = _Store(root)
        t0 = time.perf_counter()
        keys = article_keys(sub)
        found = store.lookup(keys)
        todo = [i for i, k in enumerate(keys) if k not in found]
        stats.reused = len(keys) - len(todo)
        stats.seconds_lookup = time.perf_counter() - t0

        t0 = time.perf_counter()
        chunks = list(_chunks(sub.iloc[todo], max(1, chunk_size))) if todo else []
        stats.chunks = len(chunks)
        bar = _progress_bar(len(todo), progress and bool(todo))
        for chunk, tables in _run_chunks(chunks, nlp_cache, executor, n_jobs) if chunks else ():
            chunk_keys = [keys[i] for i in chunk.index]
            part = store.write_part(chunk_keys, chunk["article_id"].tolist(), tables)
            for key, aid in zip(chunk_keys, chunk["article_id"].astype(str)):
                found[key] = (part, aid)
            stats.annotated += len(chunk)
            stats.tokens_annotated += int(tables[_STATS]["tokens"].sum())
            bar.update(len(chunk))
        bar.close()
        if chunks:
            store.save_index()
        stats.seconds_annotate = time.perf_counter() - t0

        t0 = time.perf_counter()
        tables, article_stats = _assemble(store, [found[k] for k in keys], progress)
        stats.parts_read = len({found[k][0] for k in keys})
        stats.tokens = int(article_stats["tokens"].sum()) if len(article_stats) else 0
        stats.sentences = int(article_stats["sentences"].sum()) if len(article_stats) else 0
        stats.seconds_assemble = time.perf_counter() - t0
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    return AnnotationRun(tables, stats)


def annotate(
    articles: pd.DataFrame,
    *,
    executor: Executor | None = None,
    n_jobs: int = 1,
    chunk_size: int = CHUNK_SIZE,
    cache: Path | bool | None = True,
    progress: bool = True,
) -> dict[str, pd.DataFrame]:
    """Annotate a loaded corpus, reusing the stored rows of every unchanged article.

    Args:
        articles: the table from :func:`medialens.corpus.load_corpus` (``article_id`` and ``text``
            required; ``outlet``, ``outlet_type``, ``country``, ``date`` are passed to the analyses).
        executor: any ``concurrent.futures.Executor`` -- a process pool, or a ``dask.distributed``
            cluster through ``Client(...).get_executor()``. It is used, not shut down.
        n_jobs: without an executor, ``n_jobs > 1`` runs the chunks in that many local processes;
            ``1`` runs them in this process.
        chunk_size: articles per task and per stored part (bounds memory per task).
        cache: ``True`` for the default cache folder, a path for another one; ``False``/``None``
            annotates everything in a temporary store that is removed afterwards.
        progress: tqdm progress bars (terminal or JupyterLab).

    Returns:
        The analysis tables by name (see :data:`TABLES`), rows in corpus order; the same tables
        whatever the executor, ``n_jobs`` or ``chunk_size``.
    """
    return run_annotation(
        articles, executor=executor, n_jobs=n_jobs, chunk_size=chunk_size, cache=cache, progress=progress
    ).tables


def annotate_corpus(
    path: str | Path | None = None,
    *,
    csv_options: CsvOptions | None = None,
    cache: bool | Path = True,
    progress: bool = True,
    executor: Executor | None = None,
    n_jobs: int = 1,
) -> AnnotatedCorpus:
    """Load and annotate a corpus (default: the demo corpus), reusing stored rows of unchanged articles."""
    articles, report = load_corpus(path or config.DEMO_CORPUS_DIR, csv_options=csv_options)
    tables = annotate(articles, executor=executor, n_jobs=n_jobs, cache=cache, progress=progress)
    return AnnotatedCorpus(articles, report, tables)


def write_tables(annotated: AnnotatedCorpus, out: str | Path) -> dict[Path, int]:
    """Write ``articles``, ``load_report`` and every analysis table as CSV (and Parquet) into ``out``.

    Returns:
        Rows written per CSV path.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[Path, int] = {}
    tables = {"articles": annotated.articles, **annotated.tables}
    if annotated.report is not None:
        tables["load_report"] = annotated.report.to_frame()
    for name, table in tables.items():
        csv_path = out / f"{name}.csv"
        table.to_csv(csv_path, index=False, lineterminator="\n")
        table.to_parquet(out / f"{name}.parquet", index=False)
        written[csv_path] = len(table)
    return written
