"""The timed phases of ``medialens bench``: seed, cold, warm, edit, naive reference, aggregation."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from medialens.bench.memory import PeakMemory


@dataclass
class Phase:
    """One timed phase."""

    name: str
    articles: int
    annotated: int
    tokens: int
    seconds: float
    peak_rss_mb: float
    tokens_per_s: float = 0.0
    articles_per_s: float = 0.0
    detail: dict = field(default_factory=dict)
    cpu_seconds: float = 0.0
    tokens_per_cpu_s: float = 0.0

    def __post_init__(self) -> None:
        if self.seconds > 0:
            self.tokens_per_s = self.tokens / self.seconds
            self.articles_per_s = self.articles / self.seconds
        if self.cpu_seconds > 0:
            self.tokens_per_cpu_s = self.tokens / self.cpu_seconds


# ------------------------------------------------------------------------------------ corpus


def replicate(articles: pd.DataFrame, copies: int) -> pd.DataFrame:
    """``copies`` copies of the corpus; copy k > 0 gets a marker sentence before each text and new ids.

    The texts are joined in Arrow memory (no Python string per article), so 100 copies of 1,028
    articles take about the size of their text.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if copies <= 1:
        return articles
    texts = pa.array(articles["text"].astype(str).tolist(), type=pa.large_string())
    ids = pa.array(articles["article_id"].astype(str).tolist(), type=pa.large_string())
    text_parts, id_parts = [texts], [ids]
    def scalar(value: str):
        return pa.scalar(value, type=pa.large_string())

    for k in range(1, copies):
        marker = scalar(f"Dies ist die Kopie Nummer {k} des Artikels. ")
        text_parts.append(pc.binary_join_element_wise(marker, texts, scalar("")))
        id_parts.append(pc.binary_join_element_wise(ids, scalar(f"-copy{k}"), scalar("")))
    others = articles.drop(columns=["article_id", "text"])
    frame = pd.concat([others] * copies, ignore_index=True)
    frame.insert(0, "article_id", pd.array(pa.chunked_array(id_parts), dtype=pd.ArrowDtype(pa.large_string())))
    frame.insert(1, "text", pd.array(pa.chunked_array(text_parts), dtype=pd.ArrowDtype(pa.large_string())))
    return frame[list(articles.columns)]


# ------------------------------------------------------------------------------------ word analyses


def seed_phase(n_jobs: int, progress: bool, build: bool = True) -> Phase:
    """Build the seed of word analyses if it is missing (once per HanTa model, minutes; not part of cold).
    ``build=False`` (``--no-seed``) leaves a missing seed missing: the cold run then analyses every word
    form itself (same tables, slower)."""
    from medialens.annotate.runner import keep_worker_files
    from medialens.nlp import processing, seed

    if not build:
        stored, _ = processing.word_stores()
        return Phase("seed", 0, 0, 0, 0.0, 0.0, detail={"built": False, "path": str(stored.path),
                                                           "skipped": True, "exists": stored.path.exists()})
    with PeakMemory() as memory:
        t0 = time.perf_counter()
        done = seed.build_seed(n_jobs=n_jobs, progress=progress)
        processing.known_forms()  # keeps the known forms' list beside the seed
        keep_worker_files()
        seconds = time.perf_counter() - t0
    return Phase("seed", done.get("analysed", 0), done.get("analysed", 0), 0, seconds, memory.peak_mb,
                 detail={"built": done["built"], "path": done["path"]})


def isolated_words(folder: Path) -> None:
    """Point this process (and workers started later) at a words folder holding only the seed: the cold
    run may look up the seed's analyses, not the analyses earlier runs learned."""
    from medialens.nlp import processing, words

    seed, _ = processing.word_stores()
    known = seed.path.parent / f"known-wordfreq-{words.wordfreq_version()}-{words.SEED_WORDS}.txt"
    folder.mkdir(parents=True, exist_ok=True)
    for path in (seed.path, known):
        if path.exists():
            (folder / path.name).symlink_to(path)
    os.environ["MEDIALENS_WORDS"] = str(folder)
    processing.reset_tagger_memo()


def restore_words(value: str | None) -> None:
    """Undo :func:`isolated_words` (``MEDIALENS_WORDS`` as it was; word stores opened again)."""
    from medialens.nlp import processing

    if value is None:
        os.environ.pop("MEDIALENS_WORDS", None)
    else:
        os.environ["MEDIALENS_WORDS"] = value
    processing.reset_tagger_memo()


# ------------------------------------------------------------------------------------ annotation


def timed_annotation(name, articles, cache, n_jobs, executor, chunk_size, progress, out=None) -> Phase:
    from medialens.annotate import run_annotation

    with PeakMemory() as memory:
        t0 = time.perf_counter()
        run = run_annotation(articles, cache=cache, n_jobs=n_jobs, executor=executor, chunk_size=chunk_size,
                             progress=progress, out=out)
        seconds = time.perf_counter() - t0
    s = run.stats
    tokens = s.tokens_annotated if name == "cold" else s.tokens
    if out is None:
        rows = {k: int(len(v)) for k, v in run.tables.items()}
    else:
        rows = {k: int(run.tables.sql(f'SELECT count(*) AS n FROM "{k}"')["n"].iloc[0]) for k in run.tables}
    detail = {"reused": s.reused, "chunks": s.chunks, "parts_read": s.parts_read, "total_tokens": s.tokens,
              "sentences": s.sentences, "seconds_lookup": round(s.seconds_lookup, 3),
              "seconds_annotate": round(s.seconds_annotate, 3), "seconds_assemble": round(s.seconds_assemble, 3),
              "rows": rows}
    detail["peak_pss_mb"] = round(memory.peak_pss_mb, 1)
    return Phase(name, len(articles), s.annotated, tokens, seconds, memory.peak_mb, detail=detail,
                 cpu_seconds=round(memory.cpu_seconds, 2))


def annotation_phases(table: pd.DataFrame, reload, n_jobs: int, executor: Executor | None, chunk: int,
                      progress: bool, workdir: Path, out_of_core: bool) -> tuple[dict[str, Phase], float]:
    """Cold, warm and edit runs in ``workdir`` (store, NLP cache, tables); also warm seconds with loading."""
    cache, out = workdir / "cache", (workdir / "tables" if out_of_core else None)
    phases = {"cold": timed_annotation("cold", table, cache, n_jobs, executor, chunk, progress, out)}
    phases["warm"] = timed_annotation("warm", table, cache, n_jobs, executor, chunk, progress, out)
    phases["edit"] = timed_annotation("edit", edit_first(table), cache, n_jobs, executor, chunk, progress, out)
    t0 = time.perf_counter()
    reload()
    return phases, round(time.perf_counter() - t0 + phases["warm"].seconds, 3)


def edit_first(table: pd.DataFrame) -> pd.DataFrame:
    """The corpus with a sentence added to the first article (the other texts are shared, not copied)."""
    import pyarrow as pa

    texts = pa.chunked_array([pa.array(table["text"].array)]) if not isinstance(
        pa.array(table["text"].array), pa.ChunkedArray) else pa.array(table["text"].array)
    texts = texts.cast(pa.large_string())
    first = pa.array([texts[0].as_py() + " Dieser Satz wurde für den Benchmark angefügt."], type=pa.large_string())
    column = pd.array(pa.chunked_array([first, *texts.slice(1).chunks]), dtype=pd.ArrowDtype(pa.large_string()))
    return table.assign(text=column)


def tables_for_aggregation(table: pd.DataFrame, workdir: Path, n_jobs: int, executor, chunk: int,
                           progress: bool) -> Path:
    """The tables of the (unedited) corpus as Parquet datasets (written from the store; no annotation)."""
    from medialens.annotate import run_annotation

    out = workdir / "tables"
    run_annotation(table, cache=workdir / "cache", n_jobs=n_jobs, executor=executor, chunk_size=chunk,
                   progress=progress, out=out)
    return out


# ------------------------------------------------------------------------------------ naive pipeline


def _naive_texts(texts: list[str]) -> tuple[int, int]:
    """The naive reference on some texts; returns (tokens, sentences)."""
    from textblob_de import PatternTokenizer, TextBlobDE

    from medialens import nlp

    splitter, tagger = nlp.reference_parts()  # SoMaJo, HanTa's own tagger without any memo
    tokenizer = PatternTokenizer()
    tokens = sentences = 0
    for text in texts:
        for sentence in splitter.tokenize_text([text]):
            words = [t.text for t in sentence]
            if not words:
                continue
            tagger.tag_sent(words, taglevel=1)
            TextBlobDE(" ".join(words), tokenizer=tokenizer).sentiment.polarity  # noqa: B018
            tokens += len(words)
            sentences += 1
    return tokens, sentences


def naive_reference(texts: list[str], *, n_jobs: int = 1, progress: bool = True, batch: int = 10) -> tuple[int, int]:
    """Run the naive pipeline over ``texts`` in ``n_jobs`` processes; returns (tokens, sentences)."""
    from medialens.annotate import process_pool
    from medialens.progress import progress_bar

    batches = [texts[i : i + batch] for i in range(0, len(texts), batch)]
    bar = progress_bar(len(texts), progress, desc="Naive reference")
    tokens = sentences = 0
    if n_jobs <= 1:
        for b in batches:
            t, s = _naive_texts(b)
            tokens, sentences = tokens + t, sentences + s
            bar.update(len(b))
    else:
        with process_pool(n_jobs) as pool:
            for b, (t, s) in zip(batches, pool.map(_naive_texts, batches)):
                tokens, sentences = tokens + t, sentences + s
                bar.update(len(b))
    bar.close()
    return tokens, sentences


def naive_phase(texts: list[str], n_jobs: int, progress: bool) -> Phase:
    with PeakMemory() as memory:
        t0 = time.perf_counter()
        tokens, _ = naive_reference(texts, n_jobs=n_jobs, progress=progress)
        seconds = time.perf_counter() - t0
    return Phase("naive", len(texts), len(texts), tokens, seconds, memory.peak_mb,
                 cpu_seconds=round(memory.cpu_seconds, 2))


# ------------------------------------------------------------------------------------ aggregation


#: DuckDB's memory limit and threads for the notebooks' aggregations in the bench (it spills beyond the limit)
AGGREGATION_MEMORY_LIMIT = "1GB"
AGGREGATION_THREADS: int | None = None


def notebook_aggregations_apart(folder: Path) -> dict[str, dict]:
    """:func:`notebook_aggregations` in a fresh process (started from a fork server where there is one,
    else spawned), as in a notebook's kernel: it reads the Parquet tables and holds neither the corpus
    nor the models of the process that annotated; the peaks are those of that process (and its children)."""
    from medialens.annotate import process_pool

    with process_pool(1, lean=True) as pool:
        return pool.submit(notebook_aggregations, folder, AGGREGATION_MEMORY_LIMIT, AGGREGATION_THREADS).result()


def notebook_aggregations(folder: Path, memory_limit: str = AGGREGATION_MEMORY_LIMIT,
                          threads: int | None = AGGREGATION_THREADS) -> dict[str, dict]:
    """Run every notebook's aggregations (:mod:`medialens.aggregate`) over the Parquet tables in
    ``folder`` (DuckDB with ``memory_limit`` and ``threads``): seconds, peak RSS of the process tree and
    result rows per notebook."""
    from medialens import aggregate
    from medialens.attribution import summary as attribution_summary
    from medialens.tables import TableSet

    ts = TableSet.from_folder(folder, memory_limit=memory_limit, threads=threads)
    meta_columns = [c for c in ts.columns("articles") if c != "text"]
    meta = ts.frame("articles", meta_columns)  # metadata only: one row per article, no text
    ts = TableSet(dict(ts._tables), meta.assign(outlet_group=attribution_summary.outlet_groups(meta)),
                  memory_limit=memory_limit, threads=threads)
    work = {
        "00-corpus-overview": lambda: [aggregate.articles_by(ts), aggregate.group_sizes(ts)],
        "01-source-attribution": lambda: [aggregate.attribution_shares(ts, "source_type"),
                                          aggregate.attribution_shares(ts, "form")],
        "02-actor-frequency": lambda: [aggregate.actor_counts(ts), aggregate.voice_counts(ts),
                                       aggregate.cooccurrence(ts)],
        "03-sentiment": lambda: [*_label_counts(ts, (("sentence_tone", "label"), ("target_tone", "label"))),
                                 aggregate.tone_ci(ts, "outlet_type")],
        "04-framing": lambda: _label_counts(ts, (("naming", "label"), ("causal", "category"),
                                                 ("distancing", "marker"), ("topics", "topic"))),
    }
    out = {}
    for notebook, run in work.items():
        with PeakMemory() as memory:
            t0 = time.perf_counter()
            results = run()
            seconds = time.perf_counter() - t0
        out[notebook] = {"seconds": round(seconds, 3), "peak_rss_mb": round(memory.peak_mb, 1),
                         "peak_pss_mb": round(memory.peak_pss_mb, 1),
                         "result_rows": [int(len(r)) for r in results]}
    ts.close()
    return out


def _label_counts(ts, pairs) -> list[pd.DataFrame]:
    """``aggregate.label_counts`` of each (table, label column) the tables have."""
    from medialens import aggregate

    return [aggregate.label_counts(ts, table, label) for table, label in pairs
            if table in ts and label in ts.columns(table)]


def workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="medialens-bench-"))


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
