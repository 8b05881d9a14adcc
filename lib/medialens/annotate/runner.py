"""Running the steps over a corpus in chunks, serially or through any executor, with the store.

:func:`run_annotation` keys every article by its content and every step by its declarations
(:mod:`medialens.annotate.keys`), looks each article up in each step's store, annotates only what is
missing -- per step, so an edited lexicon re-runs its step (and the steps reading its tables) and reuses
the others -- in chunks through a process pool or a ``dask.distributed`` executor, writes each finished
chunk as a part, and assembles the tables from the parts, rows in corpus order.
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
import os
import shutil
import tempfile
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

import pandas as pd

from medialens import config, nlp
from medialens.annotate.keys import ARTICLE_KEY_COLUMNS, article_keys, code_modules, step_keys
from medialens.annotate.pipeline import STEPS, annotate_documents, final_writers, merge_aggregates, producers, run_steps, table_names
from medialens.annotate.store import DatasetWriter, Store, assemble, stream_table
from medialens.progress import progress_bar
from medialens.steps import Step

#: Default articles per chunk: small enough to balance two workers and bound memory, large enough that
#: a 10,000-article corpus is a few hundred part files.
CHUNK_SIZE = 50
#: With a progress bar, chunks hold at most 1/PROGRESS_STEPS of the articles to annotate, so the bar
#: moves in steps of a few articles on a small corpus instead of jumping from 0 to 100 %.
PROGRESS_STEPS = 20
_STATS = "_stats"


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
    #: articles each step annotated (the others came from its store)
    steps_run: dict[str, int] = field(default_factory=dict)
    #: article id -> tokens longer than ``nlp.MAX_TOKEN_CHARS`` (tagged ``XY``, not analysed)
    long_tokens: dict[str, int] = field(default_factory=dict)


@dataclass
class AnnotationRun:
    """Tables and run statistics of :func:`run_annotation`."""

    tables: dict[str, pd.DataFrame]
    stats: RunStats


@dataclass(frozen=True)
class Task:
    """One chunk to annotate: its articles, which steps to run on which of them, stored inputs."""

    articles: pd.DataFrame
    keys: tuple[str, ...]
    plan: dict[str, list[str]]
    inputs: dict[str, pd.DataFrame]
    nlp_cache: Path | bool | None
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class ChunkResult:
    """A finished chunk: per step its tables, and the number of tokens processed."""

    tables: dict[str, dict[str, pd.DataFrame]]
    tokens: int


def annotate_chunk(task: Task) -> ChunkResult:
    """Worker task: process the chunk's texts (NLP cache) and run the planned steps."""
    chunk = task.articles
    docs = [nlp.process(aid, text, cache=task.nlp_cache) for aid, text in zip(chunk["article_id"], chunk["text"])]
    nlp.flush_words()  # new word analyses go to the learned store once per chunk
    tables = run_steps(docs, chunk, task.plan, task.inputs, task.steps)
    result = ChunkResult(tables, sum(len(d.tokens) for d in docs))
    if _worker["freeze"]:
        _freeze_loaded()
    return result


def _keep_name_lists() -> None:
    from medialens.actors import resources

    for loader in (resources.person_names, resources.places, resources.given_names):
        loader()


def keep_worker_files() -> None:
    """Write what a new worker reads instead of computing it -- the kept name lists
    (:mod:`medialens.actors.resources`, computed in a process of their own, so that nothing they load
    stays in this one for workers forked from it to inherit) and the store keys' memo of import
    statements. ``medialens seed`` and the bench's seed phase call it; any first run writes them too."""
    with process_pool(1) as pool:
        pool.submit(_keep_name_lists).result()
    step_keys(STEPS)
    code_modules.cache_clear()


#: Garbage collection in the worker processes of :func:`run_annotation`'s own pool: the first
#: generation is collected after this many net allocations (Python's default: 700).
WORKER_GC_THRESHOLD = 10_000
_worker = {"freeze": False}


def _worker_start() -> None:
    """Initializer of the annotation pool's workers (processes that run chunks only): fewer young
    collections, and after the first chunk :func:`_freeze_loaded`. Results cannot change (collection only
    frees unreachable objects); time does: every full collection traversed the loaded models -- HanTa's
    tables and the lexicons, millions of entries -- about 8 % of a worker's time."""
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])
    _worker["freeze"] = True


def _freeze_loaded() -> None:
    """Move what the first chunk loaded (models, lexicons, name lists) out of the collector's sight
    (``gc.freeze``: they live as long as the worker; garbage is collected first, so none is kept)."""
    _worker["freeze"] = False
    gc.collect()
    gc.freeze()


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


#: From this many articles local workers start from a fork server instead of the calling process: a
#: forked worker would carry (and count) the caller's copy of the corpus, ~400 MB for 100,000 articles.
FORKSERVER_ARTICLES = 20_000


#: Seconds between a worker's checks that the process which started its pool still runs.
WATCH_INTERVAL = 1.0


def _caller_gone(caller: int, parent: int) -> bool:
    """Whether the pool's process ``caller`` has ended (or this worker's ``parent`` changed: the orphan of
    a forked worker is handed to another process)."""
    if os.getppid() != parent:
        return True
    try:
        os.kill(caller, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists
        pass
    return False


def _watch_caller(caller: int, parent: int) -> None:
    while not _caller_gone(caller, parent):
        time.sleep(WATCH_INTERVAL)
    os._exit(1)


def _pool_worker_start(caller: int, initializer) -> None:
    """First thing in every pool worker: a daemon thread ends the worker when the process that started
    the pool has ended -- a killed notebook kernel or script would otherwise leave its workers waiting for
    work forever, each holding the loaded models (300-600 MB). Then the pool's own ``initializer``."""
    import threading

    threading.Thread(target=_watch_caller, args=(caller, os.getppid()), daemon=True,
                     name="medialens-watch-caller").start()
    if initializer is not None:
        initializer()


def process_pool(n_jobs: int, *, lean: bool = False, initializer=None) -> Executor:
    """A local process pool of ``n_jobs`` workers, started the platform's default way.

    On Linux (Python < 3.14) workers are forked, so loaded models are shared and plain scripts work;
    where processes are spawned (macOS, Windows), a script must call ``annotate`` under
    ``if __name__ == "__main__":``, as for any ``multiprocessing`` code. ``lean=True`` starts workers from
    a fork server where there is one (they load the models themselves and hold none of the caller's data).
    ``initializer`` runs once in each worker when it starts. Workers end by themselves within about
    :data:`WATCH_INTERVAL` seconds when the calling process ends without shutting the pool down.
    """
    import multiprocessing as mp

    start = {"initializer": _pool_worker_start, "initargs": (os.getpid(), initializer)}
    if lean and "forkserver" in mp.get_all_start_methods():
        return cf.ProcessPoolExecutor(max_workers=n_jobs, mp_context=mp.get_context("forkserver"), **start)
    return cf.ProcessPoolExecutor(max_workers=n_jobs, **start)


def _run_tasks(
    tasks: Iterator[Task],
    n_tasks: int,
    executor: Executor | None,
    n_jobs: int,
    lean: bool = False,
) -> Iterator[tuple[Task, ChunkResult]]:
    """Yield ``(task, result)`` as chunks finish; at most two tasks per worker are in flight."""
    if executor is None and (n_jobs <= 1 or (n_tasks == 1 and not lean)):  # no pool start-up for one chunk
        for task in tasks:
            yield task, annotate_chunk(task)
        return
    own = executor is None
    pool = process_pool(n_jobs, lean=lean, initializer=_worker_start) if own else executor
    try:
        window = 2 * _executor_slots(pool, n_jobs)
        pending: dict[cf.Future, Task] = {}

        def submit_next() -> None:
            task = next(tasks, None)
            if task is not None:
                pending[pool.submit(annotate_chunk, task)] = task

        for _ in range(window):
            submit_next()
        while pending:
            done, _ = cf.wait(list(pending), return_when=cf.FIRST_COMPLETED)
            for future in done:
                task = pending.pop(future)
                result = future.result()
                submit_next()
                yield task, result
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)


def store_root(cache: Path | bool = True) -> Path:
    """Folder of the annotation store (one sub-folder per step and step key)."""
    root = config.cache_dir() if cache is True else Path(cache)
    return root / "annotations"


def _rows(frame: pd.DataFrame, positions: list[int]) -> pd.DataFrame:
    """``frame.iloc[positions]`` (positions ascending), read as slices of consecutive positions: taking rows
    from an Arrow-backed column of many chunks first joins its chunks -- a copy of the whole column, about
    270 MB of text for 100,000 articles, at every chunk."""
    runs, start = [], 0
    for k in range(1, len(positions) + 1):
        if k == len(positions) or positions[k] != positions[k - 1] + 1:
            runs.append(frame.iloc[positions[start] : positions[k - 1] + 1])
            start = k
    return runs[0] if len(runs) == 1 else pd.concat(runs)


class _Plan:
    """Which articles each step must annotate, and the stored rows the chunks need."""

    def __init__(self, sub: pd.DataFrame, root: Path, steps: Sequence[Step], *, keep: bool = False) -> None:
        self.sub, self.steps = sub, tuple(steps)
        self.keys = article_keys(sub)
        skeys = step_keys(self.steps)
        self.stores = {s.name: Store(root / s.name / skeys[s.name], keep=keep) for s in self.steps}
        self.found = {name: store.lookup(self.keys) for name, store in self.stores.items()}
        self.producers = producers(self.steps)
        self.by_name = {s.name: s for s in self.steps}

    def todo(self) -> list[int]:
        """Positions of the articles some step must annotate."""
        return [i for i, k in enumerate(self.keys) if any(k not in f for f in self.found.values())]

    def task(self, positions: list[int], nlp_cache: Path | bool | None) -> Task:
        chunk = _rows(self.sub, positions)
        keys = [self.keys[i] for i in positions]
        ids = chunk["article_id"].astype(str).tolist()
        plan = {name: [a for a, k in zip(ids, keys) if k not in f] for name, f in self.found.items()}
        return Task(chunk, tuple(keys), plan, self._inputs(plan, ids, keys), nlp_cache, self.steps)

    def _inputs(self, plan: dict[str, list[str]], ids: list[str], keys: list[str]) -> dict[str, pd.DataFrame]:
        """Stored rows of the tables planned steps read, for the articles their producer does not re-run."""
        needed: dict[tuple[str, str], set[str]] = {}
        for name, planned in plan.items():
            for table, producer in self.producers[name].items():
                if planned:
                    needed.setdefault((table, producer), set()).update(set(planned) - set(plan[producer]))
        if len({t for t, _ in needed}) != len(needed):
            raise NotImplementedError("two steps read the same table from different producers")
        inputs = {}
        key_of = dict(zip(ids, keys))
        for (table, producer), wanted in needed.items():
            locations = [self.found[producer][key_of[a]] for a in ids if a in wanted]
            step = self.by_name[producer]
            rows = assemble(self.stores[producer], locations, [table], {table: step.article_column(table)},
                            progress_bar(0, False)) if locations else {}
            inputs[table] = rows.get(table, _empty(self.stores[producer], table))
        return inputs

    def record(self, task: Task, result: ChunkResult) -> None:
        """Write the chunk's rows as one part per step and remember where they are."""
        key_of = dict(zip(task.articles["article_id"].astype(str), task.keys))
        for name, tables in result.tables.items():
            ids = task.plan[name]
            keys = [key_of[a] for a in ids]
            part = self.stores[name].write_part(keys, ids, tables)
            for key, aid in zip(keys, ids):
                self.found[name][key] = (part, aid)

    def assemble(self, progress: bool) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, int]:
        """The tables (final writers' rows, aggregates merged), the per-article stats, parts read."""
        writers = final_writers(self.steps)
        locations = {name: [f[k] for k in self.keys] for name, f in self.found.items()}
        n_parts = sum(len({p for p, _ in locs}) for locs in locations.values())
        bar = progress_bar(n_parts, progress and n_parts > 20, desc="Reading cached parts", unit="part")
        tables: dict[str, pd.DataFrame] = {}
        for step in self.steps:
            names = [t for t in step.writes if writers[t] == step.name]
            columns = {t: step.article_column(t) for t in names}
            tables.update(assemble(self.stores[step.name], locations[step.name], names, columns, bar))
        bar.close()
        stats = tables.pop(_STATS, pd.DataFrame({"article_id": [], "tokens": [], "sentences": []}))
        tables = merge_aggregates(tables, self.steps)
        order = table_names(self.steps)
        return {t: tables[t] for t in order if t in tables}, stats, n_parts

    def write_folder(self, out: Path, progress: bool) -> tuple[pd.DataFrame, int]:
        """Write every table as a Parquet dataset under ``out`` (:func:`write_tables_folder`); returns the
        per-article stats and the parts read."""
        writers = final_writers(self.steps)
        aggregates = {a.table: a for s in self.steps for a in s.aggregates}
        locations = {name: [f[k] for k in self.keys] for name, f in self.found.items()}
        n_parts = sum(len({p for p, _ in locs}) for locs in locations.values())
        written = [t for s in self.steps for t in s.writes if writers[t] == s.name]
        # one unit per pass over a table's stored rows (two for a merge in parts); the bar names the table
        passes = sum(2 if t in aggregates and aggregates[t].remap is not None else 1 for t in written)
        bar = progress_bar(passes, progress and n_parts > 20, desc="Writing tables", unit="pass")
        quiet = progress_bar(0, False)
        stats = pd.DataFrame({"article_id": [], "tokens": [], "sentences": []})
        readers = {t: [a for a in aggregates.values() if t in a.reads] for t in writers}
        # what later merges need of a merged table: its rows (kept) or, when every merge reading it comes
        # in parts, the facts each of them draws from its rows, batch by batch (never the whole table)
        facts: dict[tuple[str, str], list] = {(a.table, t): [] for t, rs in readers.items() for a in rs}
        kept: dict[str, pd.DataFrame] = {}
        deferred = []  # merges that read other merged tables run after those are written

        def keep(table: str, frame: pd.DataFrame) -> None:
            for reader in readers[table]:
                if reader.remap is not None:
                    facts[(reader.table, table)].append(reader.remap.facts_of_read(frame))
            if any(reader.remap is None for reader in readers[table]):
                kept[table] = pd.concat([kept[table], frame], ignore_index=True) if table in kept else frame

        for step in self.steps:
            for table in [t for t in step.writes if writers[t] == step.name]:
                column = step.article_column(table)
                bar.set_postfix_str(table)
                if table == _STATS:  # one small row per article
                    rows = assemble(self.stores[step.name], locations[step.name], [table], {table: column}, quiet)
                    stats = rows.get(table, stats)
                elif table in aggregates and aggregates[table].reads:
                    deferred.append((step, table, column))  # written after the tables it reads
                    continue
                elif table in aggregates and aggregates[table].remap is not None:
                    self._write_remapped(out, aggregates[table], step, column, locations[step.name], (), keep, bar)
                elif table in aggregates:
                    frame = self._merged(aggregates[table], step, table, column, locations[step.name], quiet)
                    if readers[table]:
                        keep(table, frame)
                    _write_dataset(out, table, lambda w, f=frame: w.add(f))
                else:
                    _write_dataset(out, table, lambda w, st=self.stores[step.name], loc=locations[step.name],
                                   t=table, c=column: stream_table(st, loc, t, c, w))
                    if readers[table]:
                        keep(table, pd.read_parquet(out / table))
                bar.update(1)
                release_memory()
        for step, table, column in deferred:
            aggregate = aggregates[table]
            bar.set_postfix_str(table)
            if aggregate.remap is not None:
                others = [facts[(table, t)] for t in aggregate.reads]
                self._write_remapped(out, aggregate, step, column, locations[step.name], others, keep, bar)
            else:
                frame = self._merged(aggregate, step, table, column, locations[step.name], quiet,
                                     [kept.get(t) for t in aggregate.reads])
                _write_dataset(out, table, lambda w, f=frame: w.add(f))
            bar.update(1)
            release_memory()
        bar.close()
        return stats, n_parts

    def _write_remapped(self, out: Path, aggregate, step: Step, column: str, locations, others, keep, bar) -> None:
        """Write an aggregate merged in parts (:class:`medialens.steps.Remap`): one pass over its stored rows
        for the facts of the mapping, one applying it batch by batch; ``keep(table, rows)`` sees every
        merged batch (for merges that read this table). ``bar`` advances after the first pass (the caller
        advances it after the second)."""
        remap, table = aggregate.remap, aggregate.table
        store = self.stores[step.name]

        def batches():
            return _batches(store, locations, table, column, MERGE_BATCH_ROWS)

        bar.set_postfix_str(f"{table}: reading for the merge")
        mapping = remap.mapping([remap.facts(batch) for batch in batches()], *others)
        bar.update(1)
        bar.set_postfix_str(f"{table}: merging")

        def fill(writer) -> None:
            empty = True
            for batch in batches():
                merged = remap.apply(batch, mapping)
                keep(table, merged)
                writer.add(merged)
                empty = False
            if empty:  # no stored rows at all: the table keeps its article column
                writer.add(pd.DataFrame(columns=[column]))

        _write_dataset(out, table, fill)

    def _merged(self, aggregate, step: Step, table: str, column: str, locations, bar,
                others: Sequence[pd.DataFrame | None] = ()) -> pd.DataFrame:
        """An aggregate table merged over the corpus: batch by batch when its merge composes (such merges
        read no other table); ``others`` are the merged tables named in ``aggregate.reads``."""
        store = self.stores[step.name]
        if aggregate.key and aggregate.top:
            return merge_in_batches(aggregate, _batches(store, locations, table, column, MERGE_BATCH_ROWS))
        rows = assemble(store, locations, [table], {table: column}, bar)
        return aggregate.merge(rows.get(table, pd.DataFrame(columns=[column])), *others)

    def save_indexes(self) -> None:
        for store in self.stores.values():
            if store.parts.exists():
                store.save_index()


#: Per-article rows of an aggregate table merged at a time out of core.
MERGE_BATCH_ROWS = 100_000


def _compact(aggregate, partials: list[pd.DataFrame]) -> pd.DataFrame:
    """Merged batches (each with ``_top``, the batch's largest ``top``) merged into one row per key."""
    rows = pd.concat(partials, ignore_index=True)
    key, top = aggregate.key, aggregate.top
    sums = rows.groupby(key, sort=False)[top].sum()
    tops = rows.groupby(key, sort=False)["_top"].max()
    merged = aggregate.merge(rows.assign(**{top: rows["_top"]}).drop(columns="_top"))  # picks by batch maximum
    merged[top] = merged[key].map(sums).astype(rows[top].dtype)
    return merged.assign(_top=merged[key].map(tops))


def merge_in_batches(aggregate, batches) -> pd.DataFrame:
    """``aggregate.merge`` of per-article rows given as DataFrames in corpus order, batch by batch.

    Exact for merges declared with ``key`` and ``top`` (:class:`medialens.steps.Aggregate`): each batch
    is merged and remembers its largest ``top`` per key; merged batches are merged again with that
    maximum standing in for ``top`` (so the fields come from the earliest row with the overall largest
    ``top``) and the true sums restored; a last merge of the one-row-per-key table gives the order.
    """
    partials: list[pd.DataFrame] = []
    held = 0
    for batch in batches:
        if not len(batch):
            continue
        merged = aggregate.merge(batch)
        tops = batch.groupby(aggregate.key, sort=False)[aggregate.top].max()
        partials.append(merged.assign(_top=merged[aggregate.key].map(tops)))
        held += len(merged)
        if held > MERGE_BATCH_ROWS:
            partials = [_compact(aggregate, partials)]
            held = len(partials[0])
    if not partials:
        return aggregate.merge(pd.DataFrame(columns=[aggregate.key, aggregate.top]))
    return aggregate.merge(_compact(aggregate, partials).drop(columns="_top"))


class _Collect:
    """A writer stand-in that keeps the frames :func:`stream_table` adds."""

    def __init__(self) -> None:
        self.frames: list[pd.DataFrame] = []
        self.rows = 0

    def add(self, frame: pd.DataFrame) -> None:
        self.frames.append(frame)
        self.rows += len(frame)


def _batches(store: Store, locations: list[tuple[str, str]], table: str, column: str, rows: int,
             articles: int = 2_000):
    """Per-article rows of ``table`` at ``locations`` in corpus order, as DataFrames of about ``rows`` rows
    (read ``articles`` articles at a time)."""
    collect = _Collect()
    for k in range(0, len(locations), articles):
        stream_table(store, locations[k : k + articles], table, column, collect)
        if collect.rows >= rows:
            yield pd.concat(collect.frames, ignore_index=True)
            collect = _Collect()
    if collect.frames:
        yield pd.concat(collect.frames, ignore_index=True)


def release_memory() -> None:
    """Give freed memory back to the system (Arrow's pool, glibc's heap), so resident memory falls after a
    large step instead of staying at its peak."""
    import ctypes

    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except (ImportError, AttributeError):
        pass
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _write_dataset(out: Path, table: str, fill, rows_per_file: int | None = None) -> None:
    """Write one table's dataset into a temporary folder and put it in place of the old one."""
    tmp = out / f".{table}.{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    writer = DatasetWriter(tmp, rows_per_file)
    fill(writer)
    writer.close()
    final = out / table
    shutil.rmtree(final, ignore_errors=True)
    tmp.rename(final)


def _empty(store: Store, table: str) -> pd.DataFrame:
    return pd.DataFrame(columns=["article_id"])


def _check_articles(articles: pd.DataFrame) -> None:
    missing = [c for c in ("article_id", "text") if c not in articles.columns]
    if missing:
        raise ValueError(f"articles table lacks columns {missing} (load it with medialens.corpus.load_corpus)")
    if articles["article_id"].duplicated().any():
        raise ValueError("article_id values must be unique")


def _write_folder(plan: _Plan, articles: pd.DataFrame, out: Path, progress: bool):
    """The tables as Parquet datasets under ``out`` (rewritten only when the articles or a step key
    changed since the last write, which ``_manifest.json`` records); returns a TableSet over them."""
    import hashlib
    import json

    from medialens.tables import TableSet

    out.mkdir(parents=True, exist_ok=True)
    skeys = step_keys(plan.steps)
    fingerprint = hashlib.sha256(json.dumps([skeys, plan.keys]).encode()).hexdigest()
    manifest = out / "_manifest.json"
    stats_file = out / "_stats.parquet"
    if manifest.exists() and stats_file.exists() and json.loads(manifest.read_text())["fingerprint"] == fingerprint:
        return TableSet.from_folder(out), pd.read_parquet(stats_file), 0
    manifest.unlink(missing_ok=True)
    article_stats, n_parts = plan.write_folder(out, progress)
    step = 5_000  # the articles carry their texts: small files, never a copy of the whole table
    _write_dataset(out, "articles", lambda w: [w.add(articles.iloc[k : k + step].reset_index(drop=True))
                                               for k in range(0, len(articles), step)], rows_per_file=step)
    article_stats.to_parquet(stats_file, index=False)
    (out / "_tables.txt").write_text("\n".join(table_names(plan.steps)) + "\n", encoding="utf-8")
    manifest.write_text(json.dumps({"fingerprint": fingerprint, "articles": len(plan.keys), "steps": skeys}))
    return TableSet.from_folder(out), article_stats, n_parts


def run_annotation(
    articles: pd.DataFrame,
    *,
    executor: Executor | None = None,
    n_jobs: int = 1,
    chunk_size: int = CHUNK_SIZE,
    cache: Path | bool | None = True,
    progress: bool = True,
    steps: Sequence[Step] = STEPS,
    out: Path | None = None,
) -> AnnotationRun:
    """:func:`medialens.annotate.annotate` plus what the run did (articles annotated or reused, tokens, timings).

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
        steps: the steps to run (default: all, :data:`medialens.annotate.pipeline.STEPS`).
        out: with a folder, the tables are not assembled in memory: each is written as a Parquet dataset
            under ``out`` (:func:`medialens.annotate.annotate_to_folder`) and ``tables`` is a
            :class:`medialens.tables.TableSet` over them.
    """
    stats = RunStats(articles=len(articles))
    _check_articles(articles)
    sub = articles[[c for c in ARTICLE_KEY_COLUMNS if c in articles.columns]].reset_index(drop=True)
    if sub.empty:
        return AnnotationRun(annotate_documents([], articles.iloc[0:0], steps), stats)
    temporary = None if cache else tempfile.mkdtemp(prefix="medialens-annotate-")
    root = store_root(cache) if cache else Path(temporary) / "annotations"
    nlp_cache: Path | bool | None = cache if cache else False
    try:
        t0 = time.perf_counter()
        lean = len(sub) >= FORKSERVER_ARTICLES
        plan = _Plan(sub, root, steps, keep=out is None and not lean)  # new rows assembled from memory
        todo = plan.todo()
        stats.reused = len(sub) - len(todo)
        stats.seconds_lookup = time.perf_counter() - t0

        t0 = time.perf_counter()
        _annotate_missing(plan, todo, stats, nlp_cache, executor, n_jobs, chunk_size, progress, lean=lean)
        stats.seconds_annotate = time.perf_counter() - t0

        t0 = time.perf_counter()
        tables = _tables(plan, articles, out, progress, stats)
        stats.seconds_assemble = time.perf_counter() - t0
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    return AnnotationRun(tables, stats)


#: The smallest tail chunk, as a fraction of the chunk size (see :func:`chunk_sizes`).
TAIL_FRACTION = 5


def chunk_sizes(n: int, size: int, slots: int) -> list[int]:
    """Sizes of the consecutive chunks of ``n`` articles run by ``slots`` workers at once.

    Chunks hold ``size`` articles while at least ``slots`` full chunks remain; after that each holds at
    most ``1/slots`` of what remains (but at least ``size // TAIL_FRACTION``), so the workers run out of
    work at about the same time instead of one finishing a whole chunk while the others wait.
    """
    smallest = max(1, size // TAIL_FRACTION)
    out = []
    while n > 0:
        k = min(size, n, max(smallest, -(-n // max(1, slots))))
        out.append(k)
        n -= k
    return out


def _annotate_missing(plan: _Plan, todo: list[int], stats: RunStats, nlp_cache: Path | bool | None,
                      executor: Executor | None, n_jobs: int, chunk_size: int, progress: bool, lean: bool) -> None:
    """Annotate the articles at the positions ``todo`` in chunks, record every finished chunk in the store
    and count it into ``stats``; ``lean`` (a large corpus) returns freed memory to the system as it goes."""
    size = max(1, chunk_size)
    if progress and todo:  # the bar moves in at least PROGRESS_STEPS steps (a few articles each on small corpora)
        size = min(size, -(-len(todo) // PROGRESS_STEPS))
    slots = _executor_slots(executor, n_jobs) if executor is not None else max(1, n_jobs)
    batches, start = [], 0
    for k in chunk_sizes(len(todo), size, slots):
        batches.append(todo[start : start + k])
        start += k
    stats.chunks = len(batches)
    bar = progress_bar(len(todo), progress and bool(todo))
    tasks = (plan.task(b, nlp_cache) for b in batches)
    for done, (task, result) in enumerate(_run_tasks(tasks, len(batches), executor, n_jobs, lean)
                                          if batches else (), start=1):
        plan.record(task, result)
        for name, ids in task.plan.items():
            if ids:
                stats.steps_run[name] = stats.steps_run.get(name, 0) + len(ids)
        stats.annotated += len(task.articles)
        stats.tokens_annotated += result.tokens
        bar.update(len(task.articles))
        if lean and done % 20 == 0:
            release_memory()
    bar.close()
    if lean:
        release_memory()
    if batches:
        plan.save_indexes()


def _tables(plan: _Plan, articles: pd.DataFrame, out: Path | None, progress: bool, stats: RunStats):
    """The tables from the store -- in memory, or with ``out`` as Parquet datasets there -- and their
    token, sentence and long-token counts into ``stats``."""
    if out is None:
        tables, article_stats, stats.parts_read = plan.assemble(progress)
    else:
        tables, article_stats, stats.parts_read = _write_folder(plan, articles, Path(out), progress)
    stats.tokens = int(article_stats["tokens"].sum()) if len(article_stats) else 0
    stats.sentences = int(article_stats["sentences"].sum()) if len(article_stats) else 0
    if "long_tokens" in article_stats:
        hits = article_stats[article_stats["long_tokens"] > 0]
        stats.long_tokens = dict(zip(hits["article_id"].astype(str), hits["long_tokens"].astype(int)))
    return tables
