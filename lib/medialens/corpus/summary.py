"""Corpus summary: what is in a loaded corpus, as tidy tables for the first notebook (was ``overview``)."""

from __future__ import annotations

import pandas as pd


def articles_by(articles: pd.DataFrame, by: str = "outlet_type") -> pd.DataFrame:
    """Article counts per value of ``by`` (``by, articles``), largest first, ties by name."""
    counts = articles.groupby(by, dropna=False).size().rename("articles").reset_index()
    return counts.sort_values(["articles", by], ascending=[False, True], kind="stable").reset_index(drop=True)


def articles_per_day(articles: pd.DataFrame, by: str = "outlet_type") -> pd.DataFrame:
    """Counts per day and ``by`` (``date, by, articles``) for articles dated to the day; others are left out
    and counted by :func:`date_precision_counts`."""
    daily = articles[articles["date_precision"] == "day"]
    counts = daily.groupby(["date", by]).size().rename("articles").reset_index()
    return counts.sort_values(["date", by], kind="stable").reset_index(drop=True)


def date_precision_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """How many articles are dated to the day, month, year, or not at all."""
    precision = articles["date_precision"].astype("object").where(articles["date_precision"].notna(), "undated")
    return precision.value_counts().rename_axis("date_precision").rename("articles").reset_index()


def lengths(articles: pd.DataFrame) -> pd.DataFrame:
    """Length of each article in characters and whitespace-separated words."""
    return pd.DataFrame({
        "article_id": articles["article_id"],
        "outlet_type": articles["outlet_type"],
        "characters": articles["text"].str.len(),
        "words": articles["text"].str.split().str.len(),
    })


def duplicate_clusters(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles in near-duplicate groups (wire copies) with their exact-duplicate flag."""
    cols = ["near_duplicate_group", "article_id", "outlet", "outlet_type", "date", "title", "duplicate_of"]
    found = articles[articles["near_duplicate_group"].notna()][cols]
    return found.sort_values(["near_duplicate_group", "article_id"], kind="stable").reset_index(drop=True)

