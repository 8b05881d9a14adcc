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



#: Date precisions from coarse to fine.
PRECISIONS = ("year", "month", "day")


def date_range(articles: pd.DataFrame) -> tuple[str, str, str] | None:
    """``(first, last, precision)`` of the dated articles at one precision: the coarsest any article has.

    A corpus dated to the day gives days; one article dated only to the month makes the range months
    (``("2022-01", "2022-01", "month")``), so start and end never mix precisions. ``None`` when no
    article is dated. Figure sidecars use it.
    """
    dated = articles[articles["date"].notna()]
    if dated.empty:
        return None
    by_length = dated["date"].astype(str).str.len().map({4: "year", 7: "month"}).fillna("day")
    given = dated["date_precision"] if "date_precision" in dated else pd.Series(None, index=dated.index)
    precisions = given.astype(object).where(given.notna(), by_length)
    coarsest = min(precisions, key=lambda p: PRECISIONS.index(p) if p in PRECISIONS else len(PRECISIONS))
    width = {"year": 4, "month": 7}.get(coarsest, 10)
    dates = dated["date"].astype(str).str[:width]
    return dates.min(), dates.max(), coarsest


def imprecise_dates(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles not dated to the day (month, year or undated): ``article_id, outlet, date, date_precision``.

    Per-day charts leave these out (:func:`articles_per_day`); this is the list a notebook prints.
    """
    rows = articles[articles["date_precision"].astype(object).fillna("undated") != "day"]
    table = rows[["article_id", "outlet", "date", "date_precision"]].copy()
    table["date_precision"] = table["date_precision"].astype(object).fillna("undated")
    return table.reset_index(drop=True)


def per_day_note(articles: pd.DataFrame) -> str:
    """The note above a per-day chart: which articles it leaves out because they have no day, or ``""``."""
    missing = imprecise_dates(articles)
    if missing.empty:
        return ""
    listed = ", ".join(f"{a} ({d if isinstance(d, str) else 'undated'})"
                       for a, d in zip(missing["article_id"].head(10), missing["date"].head(10)))
    more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    return (f"{len(missing)} of {len(articles)} articles have no day (dated to the month or year, or undated) "
            f"and are not in per-day charts: {listed}{more}.")


def group_coverage(articles: pd.DataFrame, groups=None, *, by: str = "outlet_type", min_articles: int = 5) -> pd.DataFrame:
    """How many articles each compared group has, and why a group is empty or small.

    Args:
        articles: the articles table (after any de-duplication the chart uses).
        groups: the groups the chart compares (values of ``by``), e.g. ``["state_media",
            "state_aligned_media", "independent_media"]``; ``None`` takes the values present.
        by: the grouping column.
        min_articles: below this many articles a group is ``small``.

    Returns:
        ``group, articles, status, note`` with ``status`` in ``empty``/``small``/``ok``; the note says
        why (no outlet of that kind in the corpus, and how many articles are of unknown outlets).
    """
    values = articles[by].astype(object).fillna("unknown")
    counts = values.value_counts()
    wanted = list(groups) if groups is not None else sorted(counts.index)
    unknown = int((articles.get("outlet_type", values) == "unknown").sum())
    unknown_note = (f"; {unknown} of {len(articles)} articles are from outlets missing in the registry "
                    f"(outlet_type unknown, listed by `medialens load`)") if unknown else ""
    rows = []
    for group in wanted:
        n = int(counts.get(group, 0))
        if n == 0:
            rows.append((group, 0, "empty", f"no article in this corpus has {by} = {group}{unknown_note}"))
        elif n < min_articles:
            rows.append((group, n, "small", f"only {n} article{'s' if n > 1 else ''} (< {min_articles}): "
                                            "shares and intervals for this group are unreliable"))
        else:
            rows.append((group, n, "ok", ""))
    return pd.DataFrame(rows, columns=["group", "articles", "status", "note"])


def coverage_note(coverage: pd.DataFrame) -> str:
    """One paragraph for above a comparison chart: the empty and small groups of :func:`group_coverage`."""
    parts = []
    for status, label in (("empty", "Empty groups"), ("small", "Small groups")):
        rows = coverage[coverage["status"] == status]
        if not rows.empty:
            parts.append(f"{label}: " + "; ".join(f"{g} ({n}) - {note}" for g, n, note in
                                                   zip(rows["group"], rows["articles"], rows["note"])) + ".")
    return " ".join(parts)


def copy_clusters(articles: pd.DataFrame) -> pd.DataFrame:
    """Stories carried by several articles: each copy cluster with outlets, dates and relation.

    Returns:
        ``story, article_id, outlet, outlet_type, date, title, relation, similarity`` where
        ``relation`` is ``original``, ``exact copy``, ``near-duplicate`` (Jaccard >= 0.9) or ``edited
        copy`` (containment >= 0.8), ``story`` the original's ``article_id``.
    """
    cols = ["story", "article_id", "outlet", "outlet_type", "date", "title", "relation", "similarity"]
    if "copy_of" not in articles or articles["copy_of"].notna().sum() == 0:
        return pd.DataFrame(columns=cols)
    originals = set(articles["copy_of"].dropna().astype(str))
    ids = articles["article_id"].astype(str)
    member = articles[articles["copy_of"].notna() | ids.isin(originals)].copy()
    member["story"] = member["copy_of"].astype(object).where(member["copy_of"].notna(), member["article_id"])
    group_of = dict(zip(member["article_id"].astype(str), member["near_duplicate_group"]))
    member["relation"] = [_relation(r, group_of) for r in member.to_dict("records")]
    member["similarity"] = member["copy_similarity"].astype(object).where(member["copy_of"].notna(), 1.0)
    member = member.assign(_orig=member["copy_of"].notna())
    return member.sort_values(["story", "_orig", "date", "article_id"], kind="stable")[cols].reset_index(drop=True)


def _relation(row: dict, group_of: dict) -> str:
    if pd.isna(row["copy_of"]):
        return "original"
    if pd.notna(row.get("duplicate_of")):
        return "exact copy"
    group = row.get("near_duplicate_group")
    if pd.notna(group) and group_of.get(str(row["copy_of"])) == group:
        return "near-duplicate"
    return "edited copy"


def agency_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """How many articles credit each agency (an article crediting ``APA|dpa`` counts for both)."""
    credited = articles["agency"].dropna().astype(str).str.split("|").explode()
    counts = credited.value_counts().rename_axis("agency").rename("articles").reset_index()
    return counts.sort_values(["articles", "agency"], ascending=[False, True], kind="stable").reset_index(drop=True)
