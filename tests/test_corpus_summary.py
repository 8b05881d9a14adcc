"""Corpus summaries that notebooks print: group coverage, date notes and ranges, copy clusters, agencies."""

from __future__ import annotations

import pandas as pd

from medialens import config
from medialens.corpus import load_corpus
from medialens.corpus import summary as S
from medialens.figures.save import describe_corpus


def _articles(types, dates=None, precision=None):
    n = len(types)
    dates = dates or ["2022-01-05"] * n
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(n)], "outlet": [f"O{i}" for i in range(n)],
                         "outlet_type": types, "date": dates,
                         "date_precision": precision or ["day" if isinstance(d, str) and len(d) == 10 else
                                                         ("month" if isinstance(d, str) else None) for d in dates],
                         "text": ["x"] * n, "synthetic": [True] * n})


def test_group_coverage_says_which_groups_are_empty_or_small_and_why():
    articles = _articles(["state_media"] * 6 + ["independent_media"] * 2 + ["unknown"] * 3)
    table = S.group_coverage(articles, ["state_media", "independent_media", "state_aligned_media"])
    assert table[["group", "articles", "status"]].values.tolist() == [
        ["state_media", 6, "ok"], ["independent_media", 2, "small"], ["state_aligned_media", 0, "empty"]]
    assert "3 of 11 articles are from outlets missing in the registry" in table["note"].iloc[2]
    note = S.coverage_note(table)
    assert note.startswith("Empty groups: state_aligned_media (0)") and "Small groups: independent_media (2)" in note
    assert S.coverage_note(S.group_coverage(articles, ["state_media"])) == ""


def test_date_range_has_one_precision():
    days = _articles(["x"] * 3, ["2022-01-05", "2022-01-02", "2022-01-20"])
    assert S.date_range(days) == ("2022-01-02", "2022-01-20", "day")
    mixed = _articles(["x"] * 3, ["2022-01-05", "2021-12", "2022-01-20"])
    assert S.date_range(mixed) == ("2021-12", "2022-01", "month")
    assert S.date_range(_articles(["x"], [None])) is None
    assert describe_corpus(mixed)["date_range"] == ["2021-12", "2022-01"]
    assert describe_corpus(mixed)["date_precision"] == "month"


def test_month_only_dates_are_listed_and_named_above_per_day_charts():
    articles, _ = load_corpus(config.DEMO_CORPUS_DIR)
    listed = S.imprecise_dates(articles)
    assert listed["article_id"].tolist() == ["demo-030", "demo-033"]
    assert set(listed["date_precision"]) == {"month"}
    note = S.per_day_note(articles)
    assert note.startswith("2 of 34 articles have no day") and "demo-030 (2022-01)" in note
    per_day = S.articles_per_day(articles)
    assert per_day["articles"].sum() == 32
    assert S.per_day_note(articles[articles["date_precision"] == "day"]) == ""


def test_copy_clusters_list_originals_and_copies_with_outlets_and_dates():
    articles, _ = load_corpus(config.DEMO_CORPUS_DIR)
    clusters = S.copy_clusters(articles)
    assert clusters["story"].tolist() == ["demo-007"] * 3 + ["demo-017"] * 2
    assert clusters["relation"].tolist() == ["original", "near-duplicate", "near-duplicate", "original", "exact copy"]
    assert clusters["outlet"].notna().all() and clusters["date"].notna().all()


def test_agency_counts_count_each_credited_agency():
    articles = pd.DataFrame({"agency": ["APA|dpa", "dpa", None, "AFP"]})
    assert S.agency_counts(articles).values.tolist() == [["dpa", 2], ["AFP", 1], ["APA", 1]]
