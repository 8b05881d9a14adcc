"""Attribution summaries: who is cited, how, and through whom, per group of outlets.

Pure aggregations over the attributions table of :mod:`medialens.attribution` and the articles table of
:func:`medialens.corpus.load_corpus`, each returning a tidy DataFrame for a chart in
``notebooks/01-source-attribution.ipynb``: the most cited sources, source-type and form shares per outlet
group, relay chains (``via_type`` -> ``source_type``) and the share of anonymous attributions with a
confidence interval. Every function joins attributions to the articles it is given (inner join on
``article_id``), so passing a de-duplicated articles table restricts every summary to the same articles.

Intervals: Wilson score interval for a binomial share (Wilson 1927, JASA 22(158)); percentile cluster
bootstrap that resamples articles within a group (Efron & Tibshirani 1993, *An Introduction to the
Bootstrap*, ch. 13) -- attributions of one article are not independent, so the cluster bootstrap is the
honest default.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Mapping, Sequence

import pandas as pd

from medialens.attribution import FORMS, SOURCE_TYPES
from medialens import tables
from medialens.stats import bootstrap_ratio, wilson_interval
from medialens.tables import ordered_groups

__all__ = [
    "GERMAN_LANGUAGE_COUNTRIES",
    "GERMAN_LANGUAGE_GROUP",
    "GROUP_ORDER",
    "OWN_GROUPS",
    "anonymous_shares",
    "attach_articles",
    "evidence_spans",
    "form_shares",
    "normalise_source",
    "outlet_groups",
    "relay_table",
    "source_keys",
    "source_type_shares",
    "to_wide",
    "top_sources",
    "wilson_interval",
]

#: Outlet types that form a group of their own in :func:`outlet_groups`.
OWN_GROUPS = ("state_media", "state_aligned_media", "independent_media")
#: Countries whose remaining outlets form the German-language group.
GERMAN_LANGUAGE_COUNTRIES = ("DE", "AT", "CH", "LI", "LU")
GERMAN_LANGUAGE_GROUP = "german_language_media"
#: Display order of outlet groups: the one order of :data:`medialens.tables.GROUP_ORDER`.
GROUP_ORDER = tables.GROUP_ORDER

_DETERMINERS = frozenset("der die das des dem den ein eine einer eines einem einen".split())
#: Words of a source phrase that names nobody by itself (pronouns, possessives, anaphoric cues):
#: a source made only of these ("er", "seinen Worten", "Demnach") is not counted as a named source.
_UNNAMED_WORDS = frozenset(
    """er sie es ihm ihr ihn ihnen wir uns ich man sein seine seinem seinen seiner ihre ihrem ihren ihrer
    unser unsere unserem unseren unserer eigenen eigener worten angaben meinung ansicht darstellung
    auffassung demnach dieser diese dieses derselbe dieselbe""".split()
)


# --------------------------------------------------------------------------------------------
# Outlet groups and joins
# --------------------------------------------------------------------------------------------


def outlet_groups(
    articles: pd.DataFrame,
    *,
    own_groups: Sequence[str] = OWN_GROUPS,
    german_countries: Sequence[str] = GERMAN_LANGUAGE_COUNTRIES,
) -> pd.Series:
    """The outlet group of each article, for comparisons between kinds of outlets.

    An article whose ``outlet_type`` is in ``own_groups`` keeps it as its group; any other outlet based
    in a German-speaking country (``country`` in ``german_countries``: public broadcasters, private
    papers, agencies) is in :data:`GERMAN_LANGUAGE_GROUP`; the rest keep their ``outlet_type`` (missing:
    ``unknown``). Ownership comes first: a Russian state-aligned service writing German stays
    ``state_aligned_media``.

    Args:
        articles: the articles table (``outlet_type``, ``country``).
        own_groups: outlet types that form their own group.
        german_countries: ISO country codes of the German-language group.

    Returns:
        A string Series named ``outlet_group`` aligned with ``articles``.
    """
    for col in ("outlet_type", "country"):
        if col not in articles.columns:
            raise ValueError(f"articles has no column {col!r}")
    otype = articles["outlet_type"].astype(object).where(articles["outlet_type"].notna(), "unknown")
    country = articles["country"].astype(object).where(articles["country"].notna(), "")
    german = country.astype(str).str.upper().isin(set(german_countries))
    group = otype.where(otype.isin(set(own_groups)) | ~german, GERMAN_LANGUAGE_GROUP)
    return group.astype("string").rename("outlet_group")


def attach_articles(
    attributions: pd.DataFrame, articles: pd.DataFrame, columns: Sequence[str] = ("outlet_group",)
) -> pd.DataFrame:
    """Attributions with article columns added; attributions of articles not in ``articles`` are dropped.

    Args:
        attributions: the attributions table.
        articles: articles to keep (e.g. de-duplicated), with ``article_id`` and ``columns``.
        columns: article columns to add (``outlet_group`` is computed with :func:`outlet_groups` when
            ``articles`` lacks it).

    Returns:
        The attribution rows of the given articles, in their original order, plus ``columns``
        (a missing value becomes ``unknown``).
    """
    meta = articles
    if "outlet_group" in columns and "outlet_group" not in meta.columns:
        meta = meta.assign(outlet_group=outlet_groups(meta))
    return tables.with_articles(attributions, meta, columns)


def _group_rank(values: pd.Series) -> pd.Series:
    rank = {g: k for k, g in enumerate(ordered_groups(values, GROUP_ORDER))}
    return values.map(lambda g: rank[str(g)])


def _group_articles(articles: pd.DataFrame, by: str) -> pd.DataFrame:
    meta = articles
    if by == "outlet_group" and by not in meta.columns:
        meta = meta.assign(outlet_group=outlet_groups(meta))
    return tables.article_values(meta, [by])


# --------------------------------------------------------------------------------------------
# Who is cited
# --------------------------------------------------------------------------------------------


def normalise_source(text: str | None) -> str | None:
    """A counting key for a source phrase as written, or ``None`` when it names nobody.

    Strips leading articles ("der Präsident" and "Der Präsident" -> "Präsident"), the genitive *-s* of
    the noun after *des/eines* ("des Innenministeriums" -> "Innenministerium"), and a role noun before a
    two-word name ("der Politologe Igor Sawelin" -> "Igor Sawelin"). Returns ``None`` for a source made
    only of pronouns, possessives and anaphoric words ("er", "seinen Worten", "Demnach"). A heuristic:
    other case forms of unlisted sources still count separately; add the source to the actor dictionary
    to merge them reliably.
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return None
    words = str(text).split()
    if not words or all(w.lower().strip(".,;:") in _UNNAMED_WORDS for w in words):
        return None
    genitive = False
    while len(words) > 1 and words[0].lower() in _DETERMINERS:
        genitive = words[0].lower() in ("des", "eines")
        words = words[1:]
    head = words[0]
    if genitive and head[:1].isupper() and len(head) > 4 and head.endswith("s") and not head.endswith("ss"):
        words[0] = head[:-1]
    if len(words) >= 3 and all(_capitalised(w) for w in words[-3:]):
        words = words[-2:]  # role noun + first name + surname
    return " ".join(words)


def _capitalised(word: str) -> bool:
    return bool(re.match(r"[A-ZÄÖÜ][\w\-]*$", word))


def _merge_surnames(keys: pd.Series) -> pd.Series:
    """Map a one-word key ("Brandner") to the only name key ending with it ("Lukas Brandner").

    A name key has two or more words, all capitalised; "russische Präsident" is none, so a bare
    "Präsident" stays on its own.
    """
    distinct = set(keys.dropna())
    by_last: dict[str, set[str]] = {}
    for k in distinct:
        parts = k.split()
        if len(parts) >= 2 and all(_capitalised(w) for w in parts):
            by_last.setdefault(parts[-1], set()).add(k)
    mapping = {k: next(iter(by_last[k])) for k in distinct if " " not in k and len(by_last.get(k, ())) == 1}
    return keys.map(lambda k: mapping.get(k, k) if isinstance(k, str) else k)


def source_keys(attributions: pd.DataFrame, names: Mapping[str, str] | None = None) -> pd.Series:
    """Who each attribution cites: a counting key per row, ``<NA>`` when no source is named.

    The key is the actor dictionary's name for ``source_actor`` when there is one (``names`` maps actor
    ids to display names, e.g. ``{a.id: a.canonical for a in actors.load_actors().actors.values()}``;
    without it the id is used), otherwise :func:`normalise_source` of ``source_text`` with bare surnames
    merged into the only longer key ending in them. Anonymous attributions ("hieß es", "aus
    Regierungskreisen") and pronoun sources without a resolved actor get ``<NA>``.

    Args:
        attributions: the attributions table.
        names: actor id -> display name.

    Returns:
        A string Series aligned with ``attributions``, named ``source``.
    """
    names = names or {}
    actor = attributions["source_actor"].astype(object)
    text = attributions["source_text"].astype(object)
    anonymous = attributions["anonymous"].astype(bool)
    from_text = _merge_surnames(
        pd.Series([normalise_source(t) if pd.notna(t) else None for t in text], index=attributions.index,
                  dtype=object).where(~anonymous & actor.isna(), None)
    )
    keys = [
        names.get(a, a) if isinstance(a, str) else t
        for a, t in zip(actor.where(actor.notna(), None), from_text)
    ]
    return pd.Series(keys, index=attributions.index, dtype="string", name="source")


def top_sources(
    attributions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str | None = "outlet_group",
    n: int = 15,
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The ``n`` most cited named sources, with their count per group.

    Args:
        attributions: the attributions table.
        articles: the articles to count (with ``by`` or the columns :func:`outlet_groups` needs).
        by: grouping column (``None``: one row per source).
        n: how many sources (ranked by attributions, then articles, then name).
        names: actor id -> display name (see :func:`source_keys`).

    Returns:
        ``rank, source, source_type, [by,] attributions, articles, total_attributions, total_articles``
        with one row per source (and group where it is cited), by rank then group order.
        ``source_type`` is the source's most frequent type (ties: alphabetical); ``articles`` counts
        distinct articles citing it.
    """
    columns = ["rank", "source", "source_type", *([by] if by else []), "attributions", "articles",
               "total_attributions", "total_articles"]
    att = attach_articles(attributions, articles, columns=(by,) if by else ())
    att = att.assign(source=source_keys(att, names))
    att = att[att["source"].notna()]
    if att.empty:
        return pd.DataFrame(columns=columns)
    totals = att.groupby("source").agg(total_attributions=("article_id", "size"),
                                       total_articles=("article_id", "nunique")).reset_index()
    types = (att.groupby(["source", "source_type"]).size().rename("k").reset_index()
             .sort_values(["source", "k", "source_type"], ascending=[True, False, True], kind="stable")
             .drop_duplicates("source")[["source", "source_type"]])
    totals = totals.merge(types, on="source")
    totals = totals.sort_values(["total_attributions", "total_articles", "source"],
                                ascending=[False, False, True], kind="stable").head(n)
    totals["rank"] = range(1, len(totals) + 1)
    keys = ["source", by] if by else ["source"]
    per = att[att["source"].isin(totals["source"])].groupby(keys).agg(
        attributions=("article_id", "size"), articles=("article_id", "nunique")).reset_index()
    out = per.merge(totals, on="source")
    order = ["rank"] + ([by] if by else [])
    if by:
        out = out.assign(_g=_group_rank(out[by])).sort_values(["rank", "_g"], kind="stable").drop(columns="_g")
    else:
        out = out.sort_values(order, kind="stable")
    return out[columns].astype({"source": "string", "source_type": "string"}).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Shares per group
# --------------------------------------------------------------------------------------------


def _shares(attributions: pd.DataFrame, articles: pd.DataFrame, by: str, column: str,
            categories: Sequence[str]) -> pd.DataFrame:
    meta = _group_articles(articles, by)
    att = tables.with_articles(attributions, meta, [by])
    values = att[column].astype(object).where(att[column].notna(), "other").astype(str)
    extra = sorted(set(values) - set(categories))
    cats = [*categories, *extra]
    groups = ordered_groups(meta[by], GROUP_ORDER)
    counts = Counter(zip(att[by], values))
    n_att = Counter(att[by])
    n_art = meta.groupby(by)["article_id"].nunique()
    rows = [
        (g, c, counts.get((g, c), 0), n_att.get(g, 0), int(n_art.get(g, 0)))
        for g in groups
        for c in cats
    ]
    out = pd.DataFrame(rows, columns=[by, column, "attributions", "group_attributions", "group_articles"])
    out["share"] = out["attributions"] / out["group_attributions"].where(out["group_attributions"] > 0)
    return out[[by, column, "attributions", "share", "group_attributions", "group_articles"]]


def source_type_shares(
    attributions: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_group",
    types: Sequence[str] = SOURCE_TYPES,
) -> pd.DataFrame:
    """Share of each source type among a group's attributions.

    Args:
        attributions: the attributions table.
        articles: the articles to count (with ``by``, or the columns :func:`outlet_groups` needs).
        by: grouping column of the articles.
        types: source types in display order (types found in the data but not listed are appended).

    Returns:
        ``by, source_type, attributions, share, group_attributions, group_articles``: the full grid
        (zero rows included), groups in :data:`GROUP_ORDER`; ``share`` is ``NaN`` for a group without
        attributions. ``group_articles`` counts the group's articles, with or without attributions.
    """
    return _shares(attributions, articles, by, "source_type", types)


def form_shares(
    attributions: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_group",
    forms: Sequence[str] = FORMS,
) -> pd.DataFrame:
    """Share of each attribution form (direct, indirect, according_to, reported) per group.

    Returns:
        ``by, form, attributions, share, group_attributions, group_articles`` (see
        :func:`source_type_shares`).
    """
    return _shares(attributions, articles, by, "form", forms)


def to_wide(table: pd.DataFrame, column: str, *, by: str = "outlet_group", values: str = "attributions",
            drop_empty: bool = True, label_n: bool = True) -> pd.DataFrame:
    """A long share table (:func:`source_type_shares`, :func:`form_shares`) as a group x category matrix.

    Args:
        table: long table with ``by``, ``column``, ``values`` (and ``group_articles``,
            ``group_attributions`` for the labels).
        column: the category column (``source_type``, ``form``).
        by: the group column.
        values: the cell values.
        drop_empty: leave out categories that are zero in every group.
        label_n: label rows "group (A articles, N attributions)".

    Returns:
        Rows in the table's group order, columns in its category order.
    """
    rows = list(dict.fromkeys(table[by]))
    wide = table.pivot(index=by, columns=column, values=values).reindex(
        index=rows, columns=list(dict.fromkeys(table[column])))
    if drop_empty:
        wide = wide.loc[:, wide.fillna(0).sum() > 0]
    if label_n:
        n = table.drop_duplicates(by).set_index(by)
        wide.index = [f"{g} ({n.loc[g, 'group_articles']} art., {n.loc[g, 'group_attributions']} attr.)"
                      for g in wide.index]
    wide.index.name, wide.columns.name = by, column
    return wide


def relay_table(attributions: pd.DataFrame, articles: pd.DataFrame | None = None, *,
                by: str | None = None) -> pd.DataFrame:
    """Relay chains counted by the type of the relaying source and of the original source.

    A relay is an attribution with a ``via`` ("Das Staatsfernsehen meldete unter Berufung auf das
    Innenministerium": via ``state_media``, source ``government``).

    Args:
        attributions: the attributions table.
        articles: restrict to these articles (required with ``by``).
        by: optional grouping column of the articles.

    Returns:
        ``[by,] via_type, source_type, relays``: one row per observed combination, most frequent first
        (ties by group order and name).
    """
    keys = ([by] if by else []) + ["via_type", "source_type"]
    if articles is not None:
        att = attach_articles(attributions, articles, columns=(by,) if by else ())
    elif by:
        raise ValueError("relay_table needs articles to group by")
    else:
        att = attributions
    att = att[att["via_text"].notna()]
    if att.empty:
        return pd.DataFrame(columns=[*keys, "relays"])
    att = att.assign(via_type=att["via_type"].astype(object).where(att["via_type"].notna(), "other").astype(str),
                     source_type=att["source_type"].astype(str))
    out = att.groupby(keys).size().rename("relays").reset_index()
    sort = ["relays", *keys]
    if by:
        out = out.assign(_g=_group_rank(out[by]))
        sort = ["relays", "_g", "via_type", "source_type"]
    out = out.sort_values(sort, ascending=[False] + [True] * (len(sort) - 1), kind="stable")
    return out.drop(columns="_g", errors="ignore").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Anonymous attributions with uncertainty
# --------------------------------------------------------------------------------------------


def anonymous_shares(
    attributions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str = "outlet_group",
    method: str = "bootstrap",
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 1,
) -> pd.DataFrame:
    """Share of anonymous attributions per group with a confidence interval.

    Args:
        attributions: the attributions table (``anonymous``).
        articles: the articles to count (with ``by``, or the columns :func:`outlet_groups` needs).
        by: grouping column of the articles.
        method: ``"bootstrap"`` -- percentile interval of the pooled share over ``n_boot`` resamples of
            the group's articles (with replacement, articles without attributions included); a group of
            one article gets a zero-width interval. ``"wilson"`` -- Wilson interval treating
            attributions as independent (ignores that one article's attributions are alike, so it
            understates the uncertainty when anonymous attributions cluster in a few articles).
        level: confidence level.
        n_boot: bootstrap resamples.
        seed: random seed of the bootstrap.

    Returns:
        ``by, group_articles, attributions, anonymous, share, ci_low, ci_high``, groups in
        :data:`GROUP_ORDER`; ``share``/``ci_low``/``ci_high`` are ``NaN`` for a group without
        attributions. The bootstrap is :func:`medialens.stats.bootstrap_ratio`, seeded per group, so a
        group's interval does not move when another group is added.
    """
    if method not in ("bootstrap", "wilson"):
        raise ValueError(f"method must be 'bootstrap' or 'wilson', got {method!r}")
    if not 0 < level < 1 or n_boot < 1:
        raise ValueError("level must be in (0, 1) and n_boot positive")
    meta = _group_articles(articles, by)
    att = attributions.assign(article_id=attributions["article_id"].astype(str))
    att = att[att["article_id"].isin(set(meta["article_id"]))]
    per = pd.DataFrame({"n": att.groupby("article_id").size(),
                        "k": att.groupby("article_id")["anonymous"].sum()})
    per = meta.set_index("article_id").join(per).fillna({"n": 0, "k": 0})
    rows = []
    for g in ordered_groups(meta[by], GROUP_ORDER):
        part = per[per[by] == g]
        k, n = int(part["k"].sum()), int(part["n"].sum())
        share = k / n if n else math.nan
        if method == "wilson":
            lo, hi = wilson_interval(k, n, level)
        elif n == 0:
            lo = hi = math.nan
        else:
            lo, hi = (float(v) for v in bootstrap_ratio(part["k"], part["n"], key=g, n=n_boot, seed=seed, level=level))
        rows.append((g, len(part), n, k, share, lo, hi))
    return pd.DataFrame(rows, columns=[by, "group_articles", "attributions", "anonymous", "share", "ci_low", "ci_high"])


# --------------------------------------------------------------------------------------------
# Evidence for keyword-in-context tables and plots
# --------------------------------------------------------------------------------------------


def evidence_spans(attributions: pd.DataFrame, prefer: Sequence[str] = ("cue", "source", "quote")) -> pd.DataFrame:
    """Attributions with ``start``/``end`` set to the first span present in the order ``prefer``.

    For :func:`medialens.figures.kwic`: an anonymous "hieß es" has a cue but no source, a Konjunktiv
    continuation may have neither, a quotation always has its content span.

    Args:
        attributions: the attributions table.
        prefer: span names (``cue``, ``source``, ``quote``) tried in order.

    Returns:
        A copy with ``start``, ``end`` (nullable integers) and ``span`` (which span was used).
    """
    bad = [p for p in prefer if p not in ("cue", "source", "quote")]
    if bad:
        raise ValueError(f"unknown span names {bad}")
    out = attributions.copy()
    start = pd.Series(pd.NA, index=out.index, dtype="Int64")
    end = pd.Series(pd.NA, index=out.index, dtype="Int64")
    span = pd.Series(pd.NA, index=out.index, dtype="string")
    for p in prefer:
        take = start.isna() & out[f"{p}_start"].notna() & out[f"{p}_end"].notna()
        start = start.mask(take, out[f"{p}_start"].astype("Int64"))
        end = end.mask(take, out[f"{p}_end"].astype("Int64"))
        span = span.mask(take, p)
    return out.assign(start=start, end=end, span=span)


def measured_precision(result: dict, by: str = "form") -> pd.DataFrame:
    """Precision measured on gold data, per predicted form or source type, from a stored result.

    Args:
        result: a stored evaluation result (:func:`medialens.evaluation.results.load_result`
            ``("attribution")``), written by ``medialens eval attribution --save``.
        by: ``"form"`` or ``"source_type"``.

    Returns:
        One row per form / type: ``rows`` scored, ``precision`` (share that matches a gold quotation,
        Jaccard ≥ 0.5) and, per source type, ``speaker_accuracy`` (share of matched rows with the right
        speaker). Empty when the result has no such figures.
    """
    if by not in ("form", "source_type"):
        raise ValueError(f"by must be 'form' or 'source_type', got {by!r}")
    metrics = result.get("metrics", result).get("all", {})
    table = metrics.get(f"precision_by_{by}", {})
    rows = [{by: key, "rows": value["predicted"], "precision": value["precision"],
             **({"speaker_accuracy": value.get("speaker_accuracy")} if by == "source_type" else {})}
            for key, value in table.items()]
    columns = [by, "rows", "precision"] + (["speaker_accuracy"] if by == "source_type" else [])
    return pd.DataFrame(rows, columns=columns)
