"""The pipeline: the annotation steps in their declared order, and running them on documents.

Order: sentences (NLP) -> actors -> attribution -> framing -> sentiment -> mention roles (sentiment
scores tone toward actor mentions and framing's referent labels). Each step is
the ``STEP`` an analysis package exports (:class:`medialens.steps.Step`); a step reads only tables that
earlier steps write, which :func:`check_steps` verifies.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd

from medialens import actors, attribution, framing, nlp, sentiment
from medialens.steps import Step

#: The steps in the order they run.
#: Sentiment runs right after actors: it reads the actors' ``mentions`` (the spans, not the roles), from the
#: same producer as the mention-roles step (the runner feeds one producer per table to a chunk).
STEPS: tuple[Step, ...] = (nlp.STEP, actors.STEP, attribution.STEP, framing.STEP, sentiment.STEP, actors.ROLES_STEP)


def check_steps(steps: Sequence[Step] = STEPS) -> None:
    """Raise ``ValueError`` when step names repeat or a step reads a table no earlier step writes."""
    written: set[str] = set()
    names: set[str] = set()
    for step in steps:
        if step.name in names:
            raise ValueError(f"two steps are named {step.name!r}")
        names.add(step.name)
        missing = [t for t in step.reads if t not in written]
        if missing:
            raise ValueError(f"step {step.name!r} reads {missing}, which no earlier step writes")
        written.update(step.writes)


def table_names(steps: Sequence[Step] = STEPS) -> tuple[str, ...]:
    """The output tables (every table some step writes, internal ``_`` tables left out), in first-write order."""
    return tuple(dict.fromkeys(t for s in steps for t in s.writes if not t.startswith("_")))


def producers(steps: Sequence[Step] = STEPS) -> dict[str, dict[str, str]]:
    """Per step, the step whose rows it reads for each table (the last writer before it)."""
    last: dict[str, str] = {}
    out: dict[str, dict[str, str]] = {}
    for step in steps:
        out[step.name] = {t: last[t] for t in step.reads}
        for t in step.writes:
            last[t] = step.name
    return out


def final_writers(steps: Sequence[Step] = STEPS) -> dict[str, str]:
    """Table -> the step whose rows are the table (the last one that writes it)."""
    return {t: s.name for s in steps for t in s.writes}


def rows_of(table: pd.DataFrame, article_ids: set[str], column: str = "article_id") -> pd.DataFrame:
    """The rows of ``table`` that belong to ``article_ids``."""
    return table[table[column].astype(str).isin(article_ids)]


def merge_aggregates(tables: dict[str, pd.DataFrame], steps: Sequence[Step] = STEPS) -> dict[str, pd.DataFrame]:
    """Per-article rows of aggregate tables merged over the corpus (the steps' declared merges)."""
    out = dict(tables)
    for step in steps:
        for agg in step.aggregates:
            if agg.table in out:
                out[agg.table] = agg.merge(out[agg.table], *(out.get(t) for t in agg.reads))
    return out


def annotate_documents(docs: Sequence[nlp.Document], articles: pd.DataFrame,
                       steps: Sequence[Step] = STEPS) -> dict[str, pd.DataFrame]:
    """Run every step on processed documents, in memory, in order; the tables by name (no store).

    The reference the stored, chunked and parallel runs of :mod:`medialens.annotate` equal.
    """
    tables: dict[str, pd.DataFrame] = {}
    for step in steps:
        tables.update(step.run(docs, articles, {t: tables[t] for t in step.reads}))
    tables = merge_aggregates(tables, steps)
    return {name: tables[name] for name in table_names(steps)}


def run_steps(docs: Sequence[nlp.Document], articles: pd.DataFrame, plan: Mapping[str, Sequence[str]],
              inputs: Mapping[str, pd.DataFrame], steps: Sequence[Step] = STEPS) -> dict[str, dict[str, pd.DataFrame]]:
    """Run each step on the articles ``plan`` lists for it (a chunk's worker task).

    Args:
        docs: processed documents of every article of the chunk.
        articles: the chunk's rows of the articles table.
        plan: step name -> ids of the articles to annotate with it (the others are stored).
        inputs: table -> stored rows of the chunk's articles, for tables a planned step reads but whose
            producer is not planned for every article.

    Returns:
        Step name -> its tables (rows of the planned articles only).
    """
    by_id = {d.article_id: d for d in docs}
    available = {t: df for t, df in inputs.items()}
    out: dict[str, dict[str, pd.DataFrame]] = {}
    for step in steps:
        ids = [str(a) for a in plan.get(step.name, ())]
        if not ids:
            continue
        wanted = set(ids)
        step_docs = [by_id[a] for a in ids]
        step_articles = articles[articles["article_id"].astype(str).isin(wanted)]
        reads = {t: rows_of(available[t], wanted) for t in step.reads}
        tables = step.run(step_docs, step_articles, reads)
        out[step.name] = tables
        for t, df in tables.items():
            old = available.get(t)
            column = step.article_column(t)
            kept = old[~old[column].astype(str).isin(wanted)] if old is not None else None
            available[t] = pd.concat([kept, df], ignore_index=True) if kept is not None and len(kept) else df
    return out
