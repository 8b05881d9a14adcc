"""Tables: the one join of analysis rows to their articles, the order of outlet groups, group sizes.

Every summary joins its rows (attributions, mentions, frames, sentence tone …) to the articles table it
is given through :func:`with_articles`: an **inner** join on ``article_id``, so rows of articles outside
the given articles are dropped -- never counted under ``unknown`` -- and passing a de-duplicated
articles table restricts every summary to the same articles. A missing article value (an outlet the
registry does not know, no country) becomes ``"unknown"``.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import pandas as pd

#: The value of a missing group (an article without outlet type, country …).
UNKNOWN = "unknown"
#: Column of the all-outlets rows some summaries add (always drawn last).
ALL_GROUPS = "all outlets"

#: Display order of outlet groups and outlet types: the comparison medialens exists for first (state,
#: state-aligned, independent media), then the German-language group and the other outlet types of the
#: registry; anything else follows alphabetically, ``unknown`` and :data:`ALL_GROUPS` last.
GROUP_ORDER = (
    "state_media",
    "state_aligned_media",
    "independent_media",
    "german_language_media",
    "public_broadcaster",
    "private_media",
    "news_agency",
    "other_media",
)


def article_values(articles: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``article_id`` (as string) and ``columns`` of each article once, missing values ``"unknown"``.

    Raises:
        ValueError: ``articles`` lacks ``article_id`` or one of ``columns``.
    """
    columns = [c for c in columns if c != "article_id"]
    missing = [c for c in ("article_id", *columns) if c not in articles.columns]
    if missing:
        raise ValueError(f"articles has no column(s) {missing}")
    meta = articles[["article_id", *columns]].drop_duplicates("article_id")
    meta = meta.assign(article_id=meta["article_id"].astype(str))
    for c in columns:
        meta[c] = meta[c].astype(object).where(meta[c].notna(), UNKNOWN).astype(str)
    return meta.reset_index(drop=True)


def with_articles(rows: pd.DataFrame, articles: pd.DataFrame, columns: Sequence[str] = ("outlet_type",)) -> pd.DataFrame:
    """THE join of analysis rows to their articles.

    Args:
        rows: any table with ``article_id`` (attributions, mentions, frames, sentences …).
        articles: the articles to keep, with ``article_id`` and ``columns``.
        columns: article columns to add; columns of ``rows`` with the same names are replaced.

    Returns:
        The rows of the given articles in their original order, ``article_id`` as string, plus
        ``columns`` (a missing value is ``"unknown"``).
    """
    meta = article_values(articles, columns)
    out = rows.drop(columns=[c for c in meta.columns if c != "article_id" and c in rows.columns])
    out = out.assign(article_id=out["article_id"].astype(str))
    return out.merge(meta, on="article_id", how="inner", sort=False)


def ordered_groups(values: Iterable, order: Sequence[str] = GROUP_ORDER) -> list[str]:
    """Distinct group names in display order: ``order`` first, then others alphabetically,
    ``unknown`` and :data:`ALL_GROUPS` last."""
    rank = {g: k for k, g in enumerate(order)}

    def key(name: str) -> tuple:
        return (name == ALL_GROUPS, name == UNKNOWN, rank.get(name, len(rank)), name)

    return sorted({str(v) for v in values}, key=key)


def group_sizes(articles: pd.DataFrame, sentences: pd.DataFrame | None = None, by: str = "outlet_type") -> pd.DataFrame:
    """Articles and sentences per group, the denominators of normalised counts and shares.

    Args:
        articles: the articles table (``article_id`` and ``by``); a missing group is ``"unknown"``.
        sentences: the sentences table (one row per sentence, ``article_id``); only sentences of the
            given articles count. Without it ``n_sentences`` is missing (``NA``).
        by: the grouping column.

    Returns:
        Columns ``by, n_articles, n_sentences``, one row per group, in :func:`ordered_groups` order.
    """
    groups = articles[by].astype(object).where(articles[by].notna(), UNKNOWN)
    frame = pd.DataFrame({by: groups.to_numpy(), "article_id": articles["article_id"].to_numpy()})
    out = frame.groupby(by).size().rename("n_articles").reset_index()
    if sentences is not None:
        per_article = sentences.groupby("article_id").size()
        frame["n_sentences"] = frame["article_id"].map(per_article).fillna(0).astype("int64")
        out = out.merge(frame.groupby(by)["n_sentences"].sum().reset_index(), on=by)
    else:
        out["n_sentences"] = pd.NA
    order = {g: k for k, g in enumerate(ordered_groups(out[by]))}
    out = out.sort_values(by, key=lambda s: s.map(order)).reset_index(drop=True)
    return out.astype({"n_articles": "int64"})
