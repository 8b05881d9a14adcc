"""Benchmark: how fast annotation runs cold, warm and after one edit, against a naive pipeline.

``medialens bench`` loads a corpus (default: the 1,028 real 10kGNAD test articles in
``../shared/eval/corpus-10kgnad-test.csv``; Block, *10k German News Articles Dataset*, from the One
Million Posts corpus, Schabus et al. 2017), then in one process tree:

1. **cold** -- :func:`medialens.annotate.run_annotation` with an empty temporary cache (store and
   NLP cache, passed as ``cache=``), fresh tagger memo;
2. **warm** -- the same call again (every article's rows come from the store);
3. **edit** -- one article's text changed: only that article is annotated again;
4. **naive** -- the reference pipeline on the same articles with the same number of processes:
   SoMaJo sentences, HanTa ``tag_sent`` on every sentence (no memo), ``TextBlobDE(sentence,
   tokenizer=PatternTokenizer()).sentiment`` per sentence.

It reports tokens/s, articles/s and peak resident memory (the process and all its children, sampled
every 0.1 s with psutil when installed, else ``getrusage`` maxima) per phase, and the ratio of the cold
rate to the naive rate. ``--replicate K`` annotates K copies of the corpus, each copy made distinct by
a marker sentence prepended to every text (so the store cannot reuse rows), for the memory figure.
Numbers are measured and printed, never stored in code.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from medialens import config

#: The real corpus the issue's targets refer to.
DEFAULT_CORPUS = config.EVAL_DIR / "corpus-10kgnad-test.csv"

#: Targets of issue 7 (checked and printed as met/missed, never assumed).
TARGET_COLD_TOKENS_PER_S = 40_000
TARGET_RATIO = 10.0
TARGET_WARM_SECONDS = 2.0
TARGET_PEAK_RSS_MB = 1536.0


def tenkgnad_options():
    """How 10kGNAD is read: ``label;'text'`` rows without a header."""
    from medialens.corpus import CsvOptions

    return CsvOptions(delimiter=";", quotechar="'", header=False, columns=("label", "text"))


# ------------------------------------------------------------------------------------ memory


class PeakMemory:
    """Peak resident memory of this process plus its children while the ``with`` block runs (MB)."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_mb = 0.0
        self.method = "psutil"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _sample(self) -> float:
        import psutil

        me = psutil.Process()
        total = 0
        for proc in [me, *me.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakMemory":
        try:
            import psutil  # noqa: F401
        except ImportError:
            self.method = "getrusage"
            return self
        self.peak_mb = self._sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self.peak_mb = max(self.peak_mb, self._sample())
        else:
            import resource

            # Linux reports kilobytes: the maximum of this process, plus the largest finished child.
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            self.peak_mb = (own + children) / 1024


# ------------------------------------------------------------------------------------ naive pipeline


def _naive_texts(texts: list[str]) -> tuple[int, int]:
    """The naive reference on some texts; returns (tokens, sentences)."""
    from textblob_de import PatternTokenizer, TextBlobDE

    from medialens import nlp

    splitter, tagger = nlp.reference_parts()  # the pipeline's SoMaJo, HanTa without the per-word memo
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


# ------------------------------------------------------------------------------------ the bench


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

    def __post_init__(self) -> None:
        if self.seconds > 0:
            self.tokens_per_s = self.tokens / self.seconds
            self.articles_per_s = self.articles / self.seconds


def replicate(articles: pd.DataFrame, copies: int) -> pd.DataFrame:
    """``copies`` copies of the corpus; copy k > 0 gets a marker sentence before each text and new ids."""
    frames = [articles]
    for k in range(1, copies):
        copy = articles.copy()
        copy["article_id"] = copy["article_id"].astype(str) + f"-copy{k}"
        copy["text"] = [f"Dies ist die Kopie Nummer {k} des Artikels. {text}" for text in copy["text"]]
        frames.append(copy)
    return pd.concat(frames, ignore_index=True)


def machine() -> dict:
    """What the numbers ran on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "memory_sampler": "psutil" if _has_psutil() else "getrusage",
    }


def _has_psutil() -> bool:
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True


def _timed_annotation(name, articles, cache, n_jobs, executor, chunk_size, progress) -> Phase:
    from medialens.annotate import run_annotation

    with PeakMemory() as memory:
        t0 = time.perf_counter()
        run = run_annotation(articles, cache=cache, n_jobs=n_jobs, executor=executor, chunk_size=chunk_size,
                             progress=progress)
        seconds = time.perf_counter() - t0
    s = run.stats
    tokens = s.tokens_annotated if name == "cold" else s.tokens
    detail = {"reused": s.reused, "chunks": s.chunks, "parts_read": s.parts_read, "total_tokens": s.tokens,
              "sentences": s.sentences, "seconds_lookup": round(s.seconds_lookup, 3),
              "seconds_annotate": round(s.seconds_annotate, 3), "seconds_assemble": round(s.seconds_assemble, 3),
              "rows": {k: int(len(v)) for k, v in run.tables.items()}}
    return Phase(name, len(articles), s.annotated, tokens, seconds, memory.peak_mb, detail=detail)


def _annotation_phases(table: pd.DataFrame, reload, n_jobs: int, executor: Executor | None, chunk: int,
                       progress: bool) -> tuple[dict[str, Phase], float]:
    """Cold, warm and edit runs in a temporary cache; also the warm run's seconds with loading."""
    from medialens import nlp

    cache = Path(tempfile.mkdtemp(prefix="medialens-bench-"))  # store and NLP cache of this run only
    try:
        nlp.reset_tagger_memo()  # a cold run starts without the per-word memo
        phases = {"cold": _timed_annotation("cold", table, cache, n_jobs, executor, chunk, progress)}
        phases["warm"] = _timed_annotation("warm", table, cache, n_jobs, executor, chunk, progress)
        edited = table.copy()
        edited.loc[0, "text"] = edited.loc[0, "text"] + " Dieser Satz wurde für den Benchmark angefügt."
        phases["edit"] = _timed_annotation("edit", edited, cache, n_jobs, executor, chunk, progress)
        t0 = time.perf_counter()
        reload()
        return phases, round(time.perf_counter() - t0 + phases["warm"].seconds, 3)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def _naive_phase(texts: list[str], n_jobs: int, progress: bool) -> Phase:
    with PeakMemory() as memory:
        t0 = time.perf_counter()
        tokens, _ = naive_reference(texts, n_jobs=n_jobs, progress=progress)
        seconds = time.perf_counter() - t0
    return Phase("naive", len(texts), len(texts), tokens, seconds, memory.peak_mb)


def _targets(phases: dict[str, Phase], ratio: float | None) -> dict[str, bool | None]:
    cold = phases["cold"]
    return {
        "cold_tokens_per_s >= 40000": cold.tokens_per_s >= TARGET_COLD_TOKENS_PER_S,
        "cold >= 10x naive": None if ratio is None else ratio >= TARGET_RATIO,
        "warm < 2 s": phases["warm"].seconds < TARGET_WARM_SECONDS,
        "edit re-annotates 1 article": phases["edit"].annotated == 1,
        "peak RSS < 1.5 GB (cold)": cold.peak_rss_mb < TARGET_PEAK_RSS_MB,
    }


def run_bench(
    corpus: Path = DEFAULT_CORPUS,
    *,
    csv_options=None,
    articles: int | None = None,
    replicate_k: int = 1,
    n_jobs: int = 1,
    executor: Executor | None = None,
    chunk_size: int | None = None,
    naive: bool = True,
    naive_articles: int | None = None,
    progress: bool = True,
    load_only: bool = False,
) -> dict:
    """Run the benchmark and return its report (see the module docstring)."""
    from medialens import annotate
    from medialens.corpus import load_corpus

    corpus = Path(corpus)
    if csv_options is None and corpus.resolve() == DEFAULT_CORPUS.resolve():
        csv_options = tenkgnad_options()
    t0 = time.perf_counter()
    base, _ = load_corpus(corpus, csv_options=csv_options)
    load_seconds = time.perf_counter() - t0
    duplicate_stats = base.attrs.get("duplicate_stats", {})
    base = base.head(articles).reset_index(drop=True) if articles else base
    table = replicate(base, replicate_k) if replicate_k > 1 else base
    chunk = chunk_size or annotate.CHUNK_SIZE
    report: dict = {
        "command": None, "machine": machine(), "corpus": str(corpus), "articles": int(len(table)),
        "replicate": replicate_k, "jobs": n_jobs,
        "executor": type(executor).__name__ if executor is not None else ("process pool" if n_jobs > 1 else "serial"),
        "chunk_size": chunk, "load_seconds": round(load_seconds, 3),
        "duplicates": {k: round(v, 3) for k, v in duplicate_stats.items()},
    }
    if load_only:  # the loader alone: load_corpus with its duplicate step (issue 18)
        within = load_seconds < 60 if len(table) <= 10_000 else None  # the target is for 10,000 texts
        report.update(phases={}, ratio_cold_to_naive=None,
                      targets={"load + duplicate step < 60 s (up to 10,000 texts)": within})
        return report
    phases, report["warm_with_load_seconds"] = _annotation_phases(
        table, lambda: load_corpus(corpus, csv_options=csv_options), n_jobs, executor, chunk, progress)
    if naive:
        phases["naive"] = _naive_phase(base["text"].tolist()[: naive_articles or None], n_jobs, progress)
    ratio = phases["cold"].tokens_per_s / phases["naive"].tokens_per_s if naive and phases["naive"].tokens_per_s else None
    report["phases"] = {k: asdict(v) for k, v in phases.items()}
    report["ratio_cold_to_naive"] = ratio
    report["targets"] = _targets(phases, ratio)
    return report


def _duplicate_line(stats: dict) -> str:
    if not stats:
        return "duplicate step: not measured"
    return (f"duplicate step (inside load_corpus): {stats.get('total_s', 0):.2f} s -- shingles "
            f"{stats.get('shingles_s', 0):.2f} s, MinHash {stats.get('minhash_s', 0):.2f} s, candidates "
            f"{stats.get('candidates_s', 0):.2f} s; {stats.get('candidates', 0):.0f} candidate pairs, "
            f"{stats.get('verified', 0):.0f} verified, {stats.get('capped', 0):.0f} bucket entries over the cap")


def format_report(report: dict) -> str:
    """The report as a readable table."""
    m = report["machine"]
    lines = [
        f"corpus {report['corpus']}: {report['articles']} articles"
        + (f" ({report['replicate']}x replicated)" if report["replicate"] > 1 else "")
        + f", jobs {report['jobs']} ({report['executor']}), chunk size {report['chunk_size']}",
        f"machine: {m['cores']} cores, {m['cpu']}, Python {m['python']}; memory by {m['memory_sampler']}",
        f"load_corpus: {report['load_seconds']:.2f} s",
        _duplicate_line(report.get("duplicates") or {}),
        "",
        f"{'phase':<7} {'articles':>8} {'annotated':>9} {'tokens':>9} {'seconds':>9} {'tokens/s':>9}"
        f" {'articles/s':>10} {'peak RSS MB':>11}",
    ]
    for p in report["phases"].values():
        lines.append(
            f"{p['name']:<7} {p['articles']:>8} {p['annotated']:>9} {p['tokens']:>9} {p['seconds']:>9.2f}"
            f" {p['tokens_per_s']:>9.0f} {p['articles_per_s']:>10.1f} {p['peak_rss_mb']:>11.0f}"
        )
    lines.append("")
    if "warm_with_load_seconds" in report:
        lines.append(f"warm rerun including load_corpus: {report['warm_with_load_seconds']:.2f} s")
    if report["ratio_cold_to_naive"] is not None:
        lines.append(f"cold / naive tokens per second: {report['ratio_cold_to_naive']:.2f}x")
    lines.append("targets:")
    for name, met in report["targets"].items():
        lines.append(f"  {'met   ' if met else ('n/a   ' if met is None else 'MISSED')} {name}")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``medialens bench``."""
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="corpus to time (default: ../shared/eval/corpus-10kgnad-test.csv)")
    parser.add_argument("--articles", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--replicate", type=int, default=1, metavar="K",
                        help="annotate K distinct copies of the corpus (memory figure)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--dask", default=None, metavar="ADDRESS",
                        help="run on a dask.distributed scheduler (tcp://host:8786) or 'local' for a "
                             "LocalCluster of --jobs single-threaded worker processes")
    parser.add_argument("--chunk-size", type=int, default=None, help="articles per task")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive reference pipeline")
    parser.add_argument("--naive-articles", type=int, default=None,
                        help="time the naive reference on the first N articles only (rates are compared)")
    parser.add_argument("--load-only", action="store_true",
                        help="time only load_corpus and its duplicate step (no annotation)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")


def run(args: argparse.Namespace, csv_options=None) -> int:
    """``medialens bench``: prints the report; returns 0."""
    if not Path(args.corpus).exists():
        raise FileNotFoundError(f"{args.corpus}: benchmark corpus not found")
    client = cluster = None
    executor = None
    if args.dask:
        from dask.distributed import Client, LocalCluster

        if args.dask == "local":
            cluster = LocalCluster(n_workers=max(1, args.jobs), threads_per_worker=1, processes=True)
            client = Client(cluster)
        else:
            client = Client(args.dask)
        executor = client.get_executor()
    try:
        report = run_bench(
            args.corpus, csv_options=csv_options, articles=args.articles, replicate_k=max(1, args.replicate),
            n_jobs=args.jobs, executor=executor, chunk_size=args.chunk_size, naive=not args.no_naive,
            naive_articles=args.naive_articles, progress=not args.no_progress, load_only=args.load_only,
        )
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    report["command"] = " ".join(["medialens", *sys.argv[1:]])
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0
