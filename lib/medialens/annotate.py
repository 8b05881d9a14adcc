"""Annotation: run every analysis over a corpus and keep the resulting tables.

``annotate(articles)`` processes the articles in chunks (serially, or through any
``concurrent.futures.Executor``), runs the analyses in their fixed order -- attribution, actors, sentiment,
framing, each reading the earlier ones' rows -- and returns the tables. ``annotate_corpus(path)`` adds
loading and an on-disk Parquet cache keyed by the corpus fingerprint and the analysis fingerprint (code,
lexicons, registry), so notebooks that share a corpus annotate it once.
"""

from __future__ import annotations

import hashlib
import importlib
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from medialens import config, nlp
from medialens.corpus import CsvOptions, LoadReport, load_corpus

#: Analysis modules in the order they run; each exposes ``annotate_documents(docs, articles, tables)``.
STEPS = ("attribution", "actors", "sentiment", "framing")

#: Tables written by ``medialens annotate`` besides ``articles`` and ``load_report``.
TABLES = ("sentences", "attributions", "mentions", "actor_candidates", "frames", "distancing")


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


def _step(name: str):
    return importlib.import_module(f"medialens.{name}")


def annotate_documents(docs: list[nlp.Document], articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Run every analysis step on already processed documents of one chunk."""
    tables: dict[str, pd.DataFrame] = {}
    for name in STEPS:
        tables.update(_step(name).annotate_documents(docs, articles, tables))
    return tables


def _annotate_chunk(articles: pd.DataFrame, cache: Path | bool | None) -> dict[str, pd.DataFrame]:
    docs = [nlp.process(aid, text, cache=cache) for aid, text in zip(articles["article_id"], articles["text"])]
    return annotate_documents(docs, articles)


def _chunks(articles: pd.DataFrame, size: int) -> Iterable[pd.DataFrame]:
    for start in range(0, len(articles), size):
        yield articles.iloc[start : start + size]


def _concat(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    names = list(dict.fromkeys(name for part in parts for name in part))
    out = {}
    for name in names:
        frames = [part[name] for part in parts if name in part]
        non_empty = [f for f in frames if len(f)]
        out[name] = pd.concat(non_empty, ignore_index=True) if non_empty else frames[0].iloc[0:0]
    if "actor_candidates" in out and hasattr(_step("actors"), "merge_candidates"):
        out["actor_candidates"] = _step("actors").merge_candidates(out["actor_candidates"])
    return out


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int, progress: bool):
    """A tqdm bar (terminal or Jupyter widget) when ``progress``; a silent stand-in otherwise."""
    if not progress:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="Annotating", unit="article")


def annotate(
    articles: pd.DataFrame,
    *,
    executor: Executor | None = None,
    chunk_size: int = 100,
    cache: Path | bool | None = True,
    progress: bool = True,
) -> dict[str, pd.DataFrame]:
    """Annotate a loaded corpus.

    Args:
        articles: the table from :func:`medialens.corpus.load_corpus`.
        executor: any ``concurrent.futures.Executor`` (process pool, ``dask`` client executor); ``None``
            runs the chunks in this process.
        chunk_size: articles per chunk (bounds memory per task).
        cache: NLP cache location (see :func:`medialens.nlp.process`).
        progress: show a tqdm progress bar.

    Returns:
        The analysis tables by name (see :data:`TABLES`), rows in corpus order.
    """
    chunks = list(_chunks(articles[["article_id", "outlet", "outlet_type", "country", "date", "text"]], chunk_size))
    bar = _progress_bar(len(articles), progress)
    parts: list[dict[str, pd.DataFrame]] = []
    if executor is None:
        for chunk in chunks:
            parts.append(_annotate_chunk(chunk, cache))
            bar.update(len(chunk))
    else:
        futures = [executor.submit(_annotate_chunk, chunk, cache) for chunk in chunks]
        for chunk, future in zip(chunks, futures):
            parts.append(future.result())
            bar.update(len(chunk))
    bar.close()
    if not parts:
        parts = [annotate_documents([], articles.iloc[0:0])]
    return _concat(parts)


@lru_cache(maxsize=1)
def analysis_fingerprint() -> str:
    """Hash of everything that shapes the tables: package code, lexicons, registry, actor dictionary."""
    h = hashlib.sha256(nlp.PIPELINE_VERSION.encode())
    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py")) + sorted(p for p in config.DATA_DIR.rglob("*") if p.is_file()
                                                   and config.DEMO_CORPUS_DIR not in p.parents
                                                   and p.suffix != ".md")
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def annotate_corpus(
    path: str | Path | None = None,
    *,
    csv_options: CsvOptions | None = None,
    cache: bool = True,
    progress: bool = True,
    executor: Executor | None = None,
) -> AnnotatedCorpus:
    """Load and annotate a corpus (default: the demo corpus), reusing cached tables when unchanged."""
    from medialens.figures import corpus_fingerprint

    articles, report = load_corpus(path or config.DEMO_CORPUS_DIR, csv_options=csv_options)
    folder = config.cache_dir() / "tables" / f"{corpus_fingerprint(articles)[:16]}-{analysis_fingerprint()}"
    if cache and (folder / "done").exists():
        tables = {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}
        return AnnotatedCorpus(articles, report, tables)
    tables = annotate(articles, executor=executor, cache=cache, progress=progress)
    if cache:
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in tables.items():
            table.to_parquet(folder / f"{name}.parquet", index=False)
        (folder / "done").write_text("ok\n")
    return AnnotatedCorpus(articles, report, tables)


def write_tables(annotated: AnnotatedCorpus, out: str | Path) -> list[Path]:
    """Write ``articles``, ``load_report`` and every analysis table as CSV (and Parquet) into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    tables = {"articles": annotated.articles, **annotated.tables}
    if annotated.report is not None:
        tables["load_report"] = annotated.report.to_frame()
    for name, table in tables.items():
        csv_path = out / f"{name}.csv"
        table.to_csv(csv_path, index=False, lineterminator="\n")
        table.to_parquet(out / f"{name}.parquet", index=False)
        written.append(csv_path)
    return written
