"""Steps: how an analysis declares itself to the annotation pipeline.

Every analysis package exports a :class:`Step` (``medialens.attribution.STEP`` …): the function that
turns processed documents into tidy per-article tables, the tables it reads and writes, and the data
files and code modules its rows depend on. :mod:`medialens.annotate` wires the steps in a declared
order and keys each step's stored rows by exactly these declarations, so editing a lexicon re-runs the
steps that read it (and the steps that read their tables) and editing a chart re-runs nothing.

This module imports nothing from the analyses, so each of them can import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from medialens.nlp import Document

#: ``run(docs, articles, tables) -> {table name: DataFrame}``: ``docs`` are the processed documents of
#: some articles, ``articles`` their rows of the articles table, ``tables`` the rows of these articles
#: in the tables the step reads. Every returned row belongs to one of the given articles.
StepFunction = Callable[["Sequence[Document]", "pd.DataFrame", "Mapping[str, pd.DataFrame]"], "dict[str, pd.DataFrame]"]


@dataclass(frozen=True)
class Remap:
    """A merge that only rewrites values of rows through a mapping drawn from the whole corpus, given in
    parts so that a corpus larger than memory is merged batch by batch (two passes over the stored rows,
    never the whole table in memory; :meth:`medialens.annotate.runner._Plan.write_folder`):

    * ``facts(rows)``: what the mapping needs to know of some rows (small: a set of ids, counts);
    * ``mapping(facts, *others)``: the mapping from the list of every batch's facts and, for each table
      in the aggregate's ``reads``, the list of ``read_facts`` of that table's merged rows;
    * ``apply(rows, mapping)``: the merged rows of a batch;
    * ``read_facts(rows)``: what the mapping needs to know of a read table's merged rows (or of ``None``).

    :meth:`merge` is the merge of the whole table at once; the aggregate's ``merge`` function returns it,
    so in memory and out of core the same code runs.
    """

    facts: Callable[["pd.DataFrame"], object]
    mapping: Callable[..., object]
    apply: Callable[["pd.DataFrame", object], "pd.DataFrame"]
    read_facts: Callable[["pd.DataFrame | None"], object] | None = None

    def merge(self, rows: "pd.DataFrame", *others: "pd.DataFrame | None") -> "pd.DataFrame":
        """The merged table from all its rows (and the merged tables the aggregate reads)."""
        return self.apply(rows, self.mapping([self.facts(rows)], *([self.facts_of_read(o)] for o in others)))

    def facts_of_read(self, rows: "pd.DataFrame | None") -> object:
        """``read_facts(rows)``, or ``None`` when the merge reads no other table."""
        return self.read_facts(rows) if self.read_facts is not None else None


@dataclass(frozen=True)
class Aggregate:
    """A table whose stored rows are per article but whose final rows are merged over the corpus.

    Attributes:
        table: the table name (e.g. ``actor_candidates``).
        article_column: the column holding the article id of a per-article row.
        merge: per-article rows in corpus order -> the corpus-wide table; called as
            ``merge(rows, *others)`` with the corpus-wide tables named in ``reads``.
        reads: other tables the merge needs, already merged (their aggregates are declared by earlier
            steps), e.g. the attributions' actor ids follow the mentions' surname merge.
        key, top: see the attributes' comment (``"name"``, ``"count"`` for ``actor_candidates``).
        remap: the merge in parts (:class:`Remap`) when it only rewrites values through a corpus-wide
            mapping (the surname merges of ``mentions`` and ``attributions``): then a corpus larger than
            memory is merged batch by batch; ``merge`` must return what ``remap.merge`` returns.
    """

    table: str
    article_column: str
    merge: Callable[..., "pd.DataFrame"]
    reads: tuple[str, ...] = ()
    #: When set (with ``key``), ``merge`` gives one row per ``key`` value: the numbers of its rows summed
    #: (``top`` among them), lists united, the first row's example, the other fields from the row with
    #: the largest ``top`` (earliest on ties). Such merges compose, so a corpus larger than memory is
    #: merged batch by batch (:func:`medialens.annotate.runner.merge_in_batches`); otherwise at once.
    key: str | None = None
    top: str | None = None
    remap: Remap | None = None


@dataclass(frozen=True)
class Step:
    """One annotation step.

    Attributes:
        name: unique step name (also the store folder).
        run: the :data:`StepFunction`.
        writes: tables it returns. A later step may write a table again (refining it, e.g. the mention
            roles after attribution); the last writer's rows are the table.
        reads: tables of earlier steps it needs (their rows for the same articles are passed in).
        data: globs of the data files it reads, relative to ``data/`` (``lexicons/attribution/*.tsv``).
        code: the modules that compute its rows (``medialens.attribution.rules`` …); the modules they
            import from ``medialens`` are followed, so list the entry points.
        aggregates: tables merged over the corpus after assembly (see :class:`Aggregate`).
    """

    name: str
    run: StepFunction
    writes: tuple[str, ...]
    reads: tuple[str, ...] = ()
    data: tuple[str, ...] = ()
    code: tuple[str, ...] = ()
    aggregates: tuple[Aggregate, ...] = ()

    def article_column(self, table: str) -> str:
        """Column with the article id of ``table``'s rows (``article_id`` unless an aggregate says so)."""
        return next((a.article_column for a in self.aggregates if a.table == table), "article_id")
