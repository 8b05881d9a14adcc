"""Annotation: run every analysis step over a corpus and keep the resulting tables.

``annotate(articles)`` runs the steps of :mod:`medialens.annotate.pipeline` in their declared order --
sentences (NLP), actors, sentiment, attribution, mention roles, framing; each a ``STEP`` its analysis
package exports (:class:`medialens.steps.Step`) -- over chunks of articles, serially or through any
``concurrent.futures.Executor`` (a local process pool with ``n_jobs > 1``, or a ``dask.distributed``
cluster via ``client.get_executor()``), and returns the tables. ``annotate_corpus(path)`` adds loading.

Results are cached **per article and per step** in an on-disk store
(``<cache>/annotations/<step>/<step key>/``, :mod:`medialens.annotate.store`). A step's key hashes
exactly what its rows depend on (:mod:`medialens.annotate.keys`): its declared data files and code
modules, the pipeline version and the keys of the steps whose tables it reads. An article's key is the
SHA-256 of its id, outlet metadata and text. A rerun looks every article up in every step's store and
annotates only what is missing -- after editing one article, only that article; after editing a
lexicon, the steps that read it (and their readers); after editing a chart, nothing -- and assembles the
tables from the parts, rows in corpus order, the same whatever the chunk size or executor.

Tables whose final rows are merged over the corpus (``actor_candidates``) are stored per article and
merged by the merge their step declares (:class:`medialens.steps.Aggregate`).
"""

from __future__ import annotations

import warnings
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from medialens import config, nlp, outputs
from medialens.annotate.keys import ARTICLE_KEY_COLUMNS, article_keys, step_keys  # noqa: F401
from medialens.annotate.pipeline import STEPS, annotate_documents, table_names  # noqa: F401
from medialens.annotate.runner import CHUNK_SIZE, AnnotationRun, RunStats, process_pool, run_annotation, store_root  # noqa: F401
from medialens.corpus import CsvOptions, LoadReport, load_corpus

#: Tables written by ``medialens annotate`` besides ``articles`` and ``load_report``.
TABLES = table_names(STEPS)


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


def store_dir(cache: Path | bool = True, step: str = "attribution") -> Path:
    """Folder of one step's part of the store under the current step keys."""
    return store_root(cache) / step / step_keys(STEPS)[step]


def annotate(articles: pd.DataFrame, **options) -> dict[str, pd.DataFrame]:
    """Annotate a loaded corpus, reusing the stored rows of every unchanged article.

    ``articles`` is the table from :func:`medialens.corpus.load_corpus`; the keyword options ``executor``
    (default ``None``), ``n_jobs`` (``1``), ``chunk_size`` (:data:`CHUNK_SIZE`), ``cache`` (``True``) and
    ``progress`` (``True``) are those of :func:`medialens.annotate.runner.run_annotation`, documented there.

    Returns:
        The analysis tables by name (see :data:`TABLES`), rows in corpus order; the same tables
        whatever the executor, ``n_jobs`` or ``chunk_size``.
    """
    if "out" in options:
        raise TypeError("annotate() got an unexpected keyword argument 'out' (see annotate_to_folder)")
    run = run_annotation(articles, **options)
    if run.stats.long_tokens:
        listed = ", ".join(f"{a} ({n})" for a, n in list(run.stats.long_tokens.items())[:10])
        warnings.warn(f"{len(run.stats.long_tokens)} article(s) have tokens longer than {nlp.MAX_TOKEN_CHARS} "
                      f"characters, tagged XY and not analysed: {listed}", stacklevel=2)
    return run.tables


def annotate_to_folder(articles: pd.DataFrame, out: str | Path, **options):
    """:func:`annotate` for corpora larger than memory: every table is written as a Parquet dataset
    (``<out>/<table>/part-*.parquet``, rows in corpus order, a file per 250,000 rows; ``<out>/articles``)
    streamed from the store, never assembled in memory; returns a :class:`medialens.tables.TableSet`
    over them, whose DuckDB-backed counts hand pandas only aggregated results. A rerun rewrites the
    folder only when an article or a step key changed. The keyword options are :func:`annotate`'s.
    """
    return run_annotation(articles, out=Path(out), **options).tables


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

    Safely (:mod:`medialens.outputs`): a table file in ``out`` that is a symbolic link is refused
    (``OutputError``, nothing written); CSV cells that a spreadsheet would run as a formula (starting
    with ``=``, ``+``, ``-``, ``@``, tab or CR) get an apostrophe in front -- the Parquet files are the
    exact copy, and ``outputs.read_csv_table`` reads a CSV back exactly.

    Returns:
        Rows written per CSV path.
    """
    out = outputs.output_folder(out)
    written: dict[Path, int] = {}
    tables = {"articles": annotated.articles, **annotated.tables}
    if annotated.report is not None:
        tables["load_report"] = annotated.report.table()
    outputs.refuse_links([out / f"{name}.{suffix}" for name in tables for suffix in ("csv", "parquet")])
    for name, table in tables.items():
        csv_path = out / f"{name}.csv"
        outputs.write_table(table, csv_path, out / f"{name}.parquet")
        written[csv_path] = len(table)
    return written
