"""The notebooks' aggregations over a :class:`~medialens.tables.TableSet`, computed in DuckDB.

For corpora larger than memory the annotation tables live in Parquet datasets
(:func:`medialens.annotate.annotate_to_folder`); these functions compute what the notebooks chart from
them without loading the rows into pandas -- DuckDB reads the files and pandas receives only the result
(one row per group, actor, category, pair …). Each equals the pandas summary it names on the same
tables (``tests/test_tableset.py`` compares them on the demo corpus), so a notebook can call either:

* 00 corpus: :func:`articles_by` (``corpus.summary.articles_by``);
* 01 attribution: :func:`attribution_shares` (``attribution.summary.source_type_shares`` / ``form_shares``);
* 02 actors: :func:`group_sizes` (``tables.group_sizes``), :func:`actor_counts`
  (``actors.summary.actor_counts``), :func:`voice_counts` (the counts of ``actors.summary.voice_table``),
  :func:`cooccurrence` (``actors.summary.cooccurrence``);
* 03 sentiment: :func:`tone_ci` (``sentiment.tone_ci`` with its cluster bootstrap: DuckDB reduces the
  sentences to one sum and count per article, the units the bootstrap resamples);
* 03 sentiment and 04 framing: :func:`label_counts` (rows per group and label -- sentence and target tone,
  naming labels, causal categories, distancing markers, topics -- with the articles they come from).

The articles' metadata (no text) is small and stays a DataFrame; the summaries' pandas helpers that work
on it (outlet groups, display order, labels) are reused.
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from medialens.tables import UNKNOWN, TableSet, ordered_groups


def _sorted_groups(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    order = {g: k for k, g in enumerate(ordered_groups(frame[by]))}
    return frame.sort_values(by, key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def _in_list(column: str, values: Sequence[str] | None) -> str | None:
    if values is None:
        return None
    quoted = ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)
    return f'"{column}" IN ({quoted})' if quoted else "false"


def _mentions_counted(tables: TableSet, types: Sequence[str] | None) -> str:
    """SQL filter of the mentions the actor charts count (``actors.summary._filter_types``): the given
    actor types, no pronoun links."""
    from medialens.actors import summary

    parts = [_in_list("actor_type", summary.ACTOR_TYPES if types is None else types)]
    if "link" in tables.columns("mentions"):
        parts.append("(link IS NULL OR link <> 'pronoun')")
    return " AND ".join(p for p in parts if p)


def _mention_names(tables: TableSet, joined: str) -> dict[str, str]:
    """``actors.summary.mention_names`` of the mentions ``joined`` selects: each actor's most frequent
    ``name`` (ties: alphabetically first)."""
    if "name" not in tables.columns("mentions"):
        return {}
    names = tables.sql(f"SELECT actor_id, name FROM (SELECT actor_id, name, count(*) AS n FROM ({joined}) "
                       "WHERE name IS NOT NULL GROUP BY 1, 2) QUALIFY row_number() OVER "
                       "(PARTITION BY actor_id ORDER BY n DESC, name) = 1")
    return dict(zip(names["actor_id"], names["name"]))


def articles_by(tables: TableSet, by: str = "outlet_type") -> pd.DataFrame:
    """Article counts per value of ``by`` (``by, articles``), largest first, ties by name."""
    out = tables.sql(f'SELECT "{by}", count(*) AS articles FROM articles GROUP BY "{by}"')
    out = out.astype({"articles": "int64"})
    return out.sort_values(["articles", by], ascending=[False, True], kind="stable").reset_index(drop=True)


def group_sizes(tables: TableSet, by: str = "outlet_type") -> pd.DataFrame:
    """Articles and sentences per group (``by, n_articles, n_sentences``), groups in display order."""
    query = (f"SELECT COALESCE(CAST(a.\"{by}\" AS VARCHAR), '{UNKNOWN}') AS \"{by}\", count(*) AS n_articles, "
             "CAST(COALESCE(sum(s.n), 0) AS BIGINT) AS n_sentences FROM articles a LEFT JOIN "
             "(SELECT CAST(article_id AS VARCHAR) AS article_id, count(*) AS n FROM sentences GROUP BY 1) s "
             f"ON CAST(a.article_id AS VARCHAR) = s.article_id GROUP BY 1")
    out = tables.sql(query).astype({"n_articles": "int64", "n_sentences": "int64"})
    return _sorted_groups(out, by)


def actor_counts(tables: TableSet, *, by: str = "outlet_type", types: Sequence[str] | None = None,
                 dictionary=None) -> pd.DataFrame:
    """``actors.summary.actor_counts`` from the tables (default types: ``actors.summary.ACTOR_TYPES``)."""
    from medialens.actors import summary

    joined = tables._joined("mentions", [by], _mentions_counted(tables, types))
    out = tables.sql(f'SELECT "{by}", actor_id, first(actor_type) AS actor_type, first(category) AS category, '
                     f"count(*) AS mentions, count(DISTINCT article_id) AS articles_mentioning "
                     f'FROM ({joined}) GROUP BY "{by}", actor_id')
    if out.empty:
        return pd.DataFrame(columns=[by, *summary.COUNT_COLUMNS])
    labels = summary.actor_labels(out["actor_id"].unique(), dictionary, names=_mention_names(tables, joined))
    return summary.finish_counts(out, group_sizes(tables, by), by, labels)


def voice_counts(tables: TableSet, *, by: str = "outlet_type", types: Sequence[str] | None = None) -> pd.DataFrame:
    """Mentions and mentions as a source per group and actor (``by, actor_id, mentions, source``), the
    counts ``actors.summary.voice_table`` shares are made of."""
    joined = tables._joined("mentions", [by], _mentions_counted(tables, types))
    out = tables.sql(f'SELECT "{by}", actor_id, count(*) AS mentions, '
                     f"CAST(sum(CASE WHEN role = 'source' THEN 1 ELSE 0 END) AS BIGINT) AS source "
                     f'FROM ({joined}) GROUP BY "{by}", actor_id ORDER BY "{by}", actor_id')
    return out.astype({"mentions": "int64", "source": "int64"})


def cooccurrence(tables: TableSet, *, where: str | None = None) -> pd.DataFrame:
    """``actors.summary.cooccurrence``: pairs of actors in the same sentence (``actor_a < actor_b``),
    sentences and articles together, most frequent first."""
    filt = f" WHERE {where}" if where else ""
    pairs = (f"WITH m AS (SELECT DISTINCT CAST(article_id AS VARCHAR) AS article_id, sentence_index, actor_id "
             f"FROM mentions{filt}) "
             "SELECT a.actor_id AS actor_a, b.actor_id AS actor_b, count(*) AS sentences, "
             "count(DISTINCT a.article_id) AS articles FROM m a JOIN m b ON a.article_id = b.article_id "
             "AND a.sentence_index = b.sentence_index AND a.actor_id < b.actor_id GROUP BY 1, 2")
    out = tables.sql(pairs).astype({"sentences": "int64", "articles": "int64"})
    return out.sort_values(["sentences", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True)


def attribution_shares(tables: TableSet, column: str = "source_type", *, by: str = "outlet_group",
                       categories: Sequence[str] | None = None) -> pd.DataFrame:
    """``attribution.summary.source_type_shares`` (``column="source_type"``) or ``form_shares``
    (``column="form"``): the full grid of groups and categories with counts and shares."""
    from medialens.attribution import summary

    if categories is None:
        categories = summary.SOURCE_TYPES if column == "source_type" else summary.FORMS
    counts = tables.sql(f"SELECT \"{by}\", COALESCE(CAST(\"{column}\" AS VARCHAR), 'other') AS \"{column}\", "
                        f"count(*) AS n FROM ({tables._joined('attributions', [by], None)}) GROUP BY 1, 2")
    groups = tables.sql(f"SELECT \"{by}\", count(*) AS n FROM ({tables._article_view([by])}) GROUP BY 1")
    cats = [*categories, *sorted(set(counts[column]) - set(categories))]
    found = {(g, c): int(n) for g, c, n in zip(counts[by], counts[column], counts["n"])}
    n_att = counts.groupby(by)["n"].sum()
    n_art = dict(zip(groups[by], groups["n"]))
    rows = [(g, c, found.get((g, c), 0), int(n_att.get(g, 0)), int(n_art.get(g, 0)))
            for g in ordered_groups(groups[by], summary.GROUP_ORDER) for c in cats]
    out = pd.DataFrame(rows, columns=[by, column, "attributions", "group_attributions", "group_articles"])
    out["share"] = out["attributions"] / out["group_attributions"].where(out["group_attributions"] > 0)
    return out[[by, column, "attributions", "share", "group_attributions", "group_articles"]]


def label_counts(tables: TableSet, table: str, label: str, *, by: str = "outlet_type",
                 where: str | None = None) -> pd.DataFrame:
    """Rows of ``table`` per group and ``label`` (``by, label, n, n_articles``) with the group's share
    of rows (``share``): tone labels (03), naming labels, causal categories, distancing markers (04)."""
    out = tables.count(table, [label], article_columns=[by], where=where, distinct_articles=True)
    out = out.astype({"n": "int64", "n_articles": "int64"})
    out["share"] = out["n"] / out.groupby(by)["n"].transform("sum")
    return _sorted_groups(out, by)


def tone_ci(tables: TableSet, by: str = "outlet_type", *, table: str = "sentence_tone", value: str = "polarity",
            n: int = 2000, seed: int = 0, level: float = 0.95) -> pd.DataFrame:
    """``sentiment.tone_ci`` of ``table`` joined to the articles' ``by`` (``by, n, n_articles, mean, ci_low,
    ci_high``): the rows are summed per article in DuckDB, and pandas receives one sum and count per
    article -- the clusters the bootstrap resamples -- never the rows. Means and interval ends equal the
    pandas ones up to the order of floating-point additions."""
    from medialens.stats import pooled_mean_ci

    where = f'"{value}" IS NOT NULL AND NOT isnan("{value}")'
    per_article = tables.sql(f'SELECT CAST("{by}" AS VARCHAR) AS "{by}", article_id, sum("{value}") AS total, '
                             f'count(*) AS n FROM ({tables._joined(table, [by], where)}) GROUP BY 1, 2 ORDER BY 1, 2')
    rows = []
    for group, part in per_article.groupby(by, sort=False):
        sums, counts = part["total"].to_numpy(float), part["n"].to_numpy(float)
        lo, hi = pooled_mean_ci(sums, counts, key=group, n=n, seed=seed, level=level)
        rows.append((group, int(counts.sum()), len(part), float(sums.sum() / counts.sum()), lo, hi))
    out = pd.DataFrame(rows, columns=[by, "n", "n_articles", "mean", "ci_low", "ci_high"])
    return out.sort_values(by, kind="stable").reset_index(drop=True)
