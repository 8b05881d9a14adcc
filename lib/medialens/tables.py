"""Tables: the one join of analysis rows to their articles, the order of outlet groups, group sizes.

Every summary joins its rows (attributions, mentions, frames, sentence tone …) to the articles table it
is given through :func:`with_articles`: an **inner** join on ``article_id``, so rows of articles outside
the given articles are dropped -- never counted under ``unknown`` -- and passing a de-duplicated
articles table restricts every summary to the same articles. A missing article value (an outlet the
registry does not know, no country) becomes ``"unknown"``.
"""

from __future__ import annotations

from collections.abc import Mapping
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


# ------------------------------------------------------------------------------------ out of core


class TableSet(Mapping):
    """Analysis tables held in memory (DataFrames) or on disk (Parquet datasets), queried alike.

    ``tables[name]`` returns a whole table as a DataFrame (fine for small corpora). For corpora larger
    than memory use the DuckDB-backed methods, which read the Parquet files and hand pandas only the
    result: :meth:`count` (group counts joined to the articles, THE join's rule: inner, ``article_id`` as
    text, missing values ``"unknown"``), :meth:`per_article` (the counts cluster bootstraps resample),
    :meth:`frame` (chosen columns and rows), :meth:`sql` (any query; every table is a view of its name,
    the articles are ``articles``, their id and grouping columns ``article_values``).

    Args:
        tables: name -> DataFrame, or a folder of ``*.parquet`` files (one dataset per table).
        articles: the articles table (DataFrame or Parquet file/folder) the counts join to.
        memory_limit: DuckDB's memory limit (it spills to a temporary folder beyond it).
        threads: DuckDB threads (default: its own choice).
    """

    def __init__(self, tables, articles=None, *, memory_limit: str = "1GB", threads: int | None = None) -> None:
        self._tables = dict(tables)
        self._articles = articles
        self._memory_limit = memory_limit
        self._threads = threads
        self._con = None

    @classmethod
    def from_folder(cls, folder, **options) -> "TableSet":
        """The tables written by :func:`medialens.annotate.annotate_to_folder` (``<folder>/<table>/*.parquet``)."""
        from pathlib import Path

        folder = Path(folder)
        tables = {p.name: p for p in sorted(folder.iterdir()) if p.is_dir() and not p.name.startswith((".", "_"))}
        order = folder / "_tables.txt"
        if order.exists():
            names = order.read_text(encoding="utf-8").split()
            tables = {n: tables[n] for n in names if n in tables}
        articles = folder / "articles"
        return cls({n: p for n, p in tables.items() if n != "articles"},
                   articles if articles.exists() else None, **options)

    # ---------------------------------------------------------------- mapping

    def __getitem__(self, name: str) -> pd.DataFrame:
        value = self._tables[name]
        return value if isinstance(value, pd.DataFrame) else self.sql(f'SELECT * FROM "{name}"')

    def __contains__(self, name) -> bool:  # Mapping's default would read the whole table (self[name])
        return name in self._tables

    def __iter__(self):
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    @property
    def in_memory(self) -> bool:
        """True when every table is a DataFrame."""
        return all(isinstance(v, pd.DataFrame) for v in self._tables.values())

    @property
    def articles(self) -> pd.DataFrame:
        """The articles table (all columns; for a large corpus prefer :meth:`frame` of ``articles``)."""
        return self._articles if isinstance(self._articles, pd.DataFrame) else self.sql("SELECT * FROM articles")

    # ---------------------------------------------------------------- DuckDB

    @property
    def con(self):
        """The DuckDB connection with a view per table (opened on first use)."""
        if self._con is None:
            import duckdb

            con = duckdb.connect()
            con.execute(f"SET memory_limit = '{self._memory_limit}'")
            con.execute("SET preserve_insertion_order = true")
            if self._threads:
                con.execute(f"SET threads = {int(self._threads)}")
            for name, value in [*self._tables.items(), ("articles", self._articles)]:
                if value is not None:
                    _register(con, name, value)
            self._con = con
        return self._con

    def sql(self, query: str, params=None) -> pd.DataFrame:
        """Run ``query`` in DuckDB over the tables; the result as a DataFrame."""
        return self.con.execute(query, params or []).df()

    def columns(self, name: str) -> list[str]:
        value = self._tables.get(name, self._articles if name == "articles" else None)
        if isinstance(value, pd.DataFrame):
            return list(value.columns)
        return [r[0] for r in self.con.execute(f'DESCRIBE "{name}"').fetchall()]

    def frame(self, name: str, columns: Sequence[str] | None = None, where: str | None = None) -> pd.DataFrame:
        """Some columns (and rows) of a table, read without loading the rest."""
        cols = ", ".join(f'"{c}"' for c in columns) if columns else "*"
        return self.sql(f'SELECT {cols} FROM "{name}"' + (f" WHERE {where}" if where else ""))

    def _article_view(self, columns: Sequence[str]) -> str:
        """SQL of the articles' id (text) and ``columns`` (missing -> ``unknown``), once per article."""
        available = set(self.columns("articles"))
        missing = [c for c in ("article_id", *columns) if c not in available]
        if missing:
            raise ValueError(f"articles has no column(s) {missing}")
        values = ", ".join(f"COALESCE(CAST(\"{c}\" AS VARCHAR), '{UNKNOWN}') AS \"{c}\"" for c in columns)
        return (f"SELECT CAST(article_id AS VARCHAR) AS article_id{', ' + values if values else ''} FROM articles "
                "QUALIFY row_number() OVER (PARTITION BY CAST(article_id AS VARCHAR)) = 1")

    def count(self, name: str, by: Sequence[str] = (), *, article_columns: Sequence[str] = (),
              where: str | None = None, distinct_articles: bool = False) -> pd.DataFrame:
        """Rows of ``name`` per group: ``article_columns`` (joined from the articles) and ``by`` (its own
        columns), as ``n`` (and ``n_articles``, the distinct articles, with ``distinct_articles``)."""
        keys = [*article_columns, *by]
        select = ", ".join(f'"{k}"' for k in keys)
        extra = ", count(DISTINCT article_id) AS n_articles" if distinct_articles else ""
        query = (f"SELECT {select + ', ' if keys else ''}count(*) AS n{extra} "
                 f"FROM ({self._joined(name, article_columns, where)}) "
                 + (f"GROUP BY {select} ORDER BY {select}" if keys else ""))
        return self.sql(query)

    def per_article(self, name: str, by: Sequence[str] = (), *, article_columns: Sequence[str] = (),
                    where: str | None = None) -> pd.DataFrame:
        """Rows of ``name`` per article (and ``by``): the input of cluster bootstraps, one row per article."""
        keys = ["article_id", *article_columns, *by]
        select = ", ".join(f'"{k}"' for k in keys)
        return self.sql(f"SELECT {select}, count(*) AS n FROM ({self._joined(name, article_columns, where)}) "
                        f"GROUP BY {select} ORDER BY {select}")

    def _joined(self, name: str, article_columns: Sequence[str], where: str | None) -> str:
        """SQL of ``name``'s rows of the given articles (inner join), with ``article_columns`` added."""
        own = [c for c in self.columns(name) if c not in article_columns and c != "article_id"]
        cols = ", ".join(f't."{c}"' for c in own)
        added = "".join(f', a."{c}"' for c in article_columns)
        filt = f" WHERE {where}" if where else ""
        return (f'SELECT a.article_id{", " + cols if cols else ""}{added} FROM (SELECT * FROM "{name}"{filt}) t '
                f"JOIN ({self._article_view(article_columns)}) a ON CAST(t.article_id AS VARCHAR) = a.article_id")

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


def _register(con, name: str, value) -> None:
    from pathlib import Path

    if isinstance(value, pd.DataFrame):
        con.register(f"_df_{name}", value)
        con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM "_df_{name}"')
        return
    path = Path(value)
    pattern = str(path / "*.parquet") if path.is_dir() else str(path)
    con.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{pattern}')")
