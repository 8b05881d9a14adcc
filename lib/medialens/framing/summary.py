"""Framing summaries: naming choices, causal frames and distancing per outlet group, with intervals.

Aggregations over the ``naming``, ``causal`` and ``distancing`` tables (:mod:`medialens.framing.rows`)
joined to the articles (:func:`medialens.tables.with_articles`: rows of articles outside the given
articles are dropped), each a tidy table for a chart of notebook 04. Every interval is a cluster
bootstrap over articles (:func:`medialens.stats.bootstrap_ratio`: articles resampled within a group,
the generator seeded from the group's key, so a group's interval does not move when another group is
added); columns ``ci_low``/``ci_high``.

**Voice classes.** A naming or causal row is ``own`` (the outlet's words, not distanced), ``distanced``
(the outlet's words under *sogenannt*, scare quotes …) or ``attributed`` (inside a source's words).
Only ``own`` is the outlet adopting a label or a causal story.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from medialens import tables
from medialens.framing.lexicon import DEFAULT_CASE, STANCES, load_case
from medialens.stats import bootstrap_ratio

#: Voice classes of naming and causal rows, in display order.
VOICE_CLASSES = ("own", "distanced", "attributed")
#: Kinds of counting distancing markers, in display order.
MARKER_KINDS = ("lexical", "scare_quote", "konjunktiv1", "modal")
NAMING_SHARE_COLUMNS = ["referent", "label", "stance", "n_articles", "articles_with_label", "article_share",
                        "mentions", "n_mentions", "share", "ci_low", "ci_high"]


def voice_class(rows: pd.DataFrame) -> pd.Series:
    """``own``, ``distanced`` or ``attributed`` for each naming or causal row."""
    if rows.empty:
        return pd.Series([], index=rows.index, dtype=object)
    own = rows["voice"].astype(str) == "own"
    dist = rows["distanced"].astype(bool)
    return pd.Series(np.where(~own, "attributed", np.where(dist, "distanced", "own")), index=rows.index, dtype=object)


def _check_voice(voice: str | None) -> None:
    if voice is not None and voice not in VOICE_CLASSES:
        raise ValueError(f"voice must be one of {VOICE_CLASSES} or None, got {voice!r}")


def _select(rows: pd.DataFrame, case: str, voice: str | None, **equal) -> pd.DataFrame:
    _check_voice(voice)
    out = rows[rows["case"] == case] if "case" in rows.columns else rows
    for column, value in equal.items():
        out = out[out[column] == value]
    return out if voice is None else out[voice_class(out) == voice]


def _group_order(values) -> dict[str, int]:
    return {g: k for k, g in enumerate(tables.ordered_groups(values))}


def _pooled_shares(counts: pd.DataFrame, categories: Sequence[str], key: tuple, n_boot: int, seed: int):
    """Per category: pooled share of the mentions, bootstrap interval over the articles (rows of
    ``counts``: one per article, a column per category)."""
    num = counts.reindex(columns=list(categories), fill_value=0).to_numpy(dtype=float)
    den = num.sum(axis=1)
    lo, hi = bootstrap_ratio(num, den, key=key, n=n_boot, seed=seed)
    share = num.sum(axis=0) / den.sum() if den.sum() else np.zeros(len(categories))
    return num, share, np.atleast_1d(lo), np.atleast_1d(hi)


def naming_shares(naming: pd.DataFrame, articles: pd.DataFrame, referent: str, *, by: str = "outlet_type",
                  voice: str | None = "own", case: str = DEFAULT_CASE, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """How each group names ``referent``: the share of its mentions of the referent that use each label.

    The unit is the mention (one label occurrence); the share is pooled over the group's articles that
    name the referent in ``voice`` (an article naming it twice as *Terroristen* and once as
    *Demonstranten* adds 2 and 1); the interval resamples those articles. ``article_share`` is the share
    of those articles that use the label at least once.

    Args:
        naming: the naming table.
        articles: the analysed articles (``article_id`` and ``by``).
        referent: a referent of the case.
        by: the grouping column.
        voice: a voice class (:data:`VOICE_CLASSES`) or ``None`` for every mention.
        case: the case the rows belong to.

    Returns:
        ``<by>,`` + :data:`NAMING_SHARE_COLUMNS`: every label of the referent for every group with at
        least one such mention (zero-filled), groups in display order, labels in case-file order.

    Raises:
        ValueError: an unknown referent or voice.
    """
    lexicon = load_case(case)
    if referent not in lexicon.referents:
        raise ValueError(f"unknown referent {referent!r}; case {case!r} has {list(lexicon.referents)}")
    labels = [lab for (ref, lab) in lexicon.labels if ref == referent]
    rows = tables.with_articles(_select(naming, case, voice, referent=referent), articles, [by])
    out = []
    for group, part in rows.groupby(by, sort=False):
        counts = part.groupby(["article_id", "label"]).size().unstack("label", fill_value=0)
        num, share, lo, hi = _pooled_shares(counts, labels, (referent, voice, group), n_boot, seed)
        for k, label in enumerate(labels):
            users = int((num[:, k] > 0).sum())
            out.append((group, referent, label, lexicon.labels[(referent, label)].stance, len(counts), users,
                        users / len(counts), int(num[:, k].sum()), int(num.sum()), float(share[k]),
                        float(lo[k]), float(hi[k])))
    df = pd.DataFrame(out, columns=[by, *NAMING_SHARE_COLUMNS])
    rank = _group_order(df[by])
    return df.sort_values(by, key=lambda s: s.map(rank), kind="stable").reset_index(drop=True)


def stance_shares(naming: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_type", voice: str | None = "own",
                  case: str = DEFAULT_CASE, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """For every referent: the share of each group's mentions whose label has each stance (official,
    pejorative, neutral, sympathetic, critical), with intervals -- the overview of the naming choices.

    Returns:
        ``<by>, referent, stance, n_articles, mentions, n_mentions, share, ci_low, ci_high``.
    """
    lexicon = load_case(case)
    rows = tables.with_articles(_select(naming, case, voice), articles, [by])
    out = []
    for (group, referent), part in rows.groupby([by, "referent"], sort=False):
        counts = part.groupby(["article_id", "stance"]).size().unstack("stance", fill_value=0)
        num, share, lo, hi = _pooled_shares(counts, STANCES, (referent, "stance", voice, group), n_boot, seed)
        out += [(group, referent, st, len(counts), int(num[:, k].sum()), int(num.sum()), float(share[k]),
                 float(lo[k]), float(hi[k])) for k, st in enumerate(STANCES)]
    df = pd.DataFrame(out, columns=[by, "referent", "stance", "n_articles", "mentions", "n_mentions", "share",
                                    "ci_low", "ci_high"])
    rank, ref_rank = _group_order(df[by]), {r: k for k, r in enumerate(lexicon.referents)}
    df = df.assign(_r=df["referent"].map(ref_rank), _g=df[by].map(rank))
    return df.sort_values(["_r", "_g"], kind="stable").drop(columns=["_r", "_g"]).reset_index(drop=True)


def naming_voices(naming: pd.DataFrame, articles: pd.DataFrame, referent: str, *, by: str = "outlet_type",
                  case: str = DEFAULT_CASE) -> pd.DataFrame:
    """Whose label it is: for each group and label of ``referent``, its mentions in each voice class.

    Returns:
        ``<by>, label, stance, voice, mentions, share`` (share within group and label).
    """
    rows = _select(naming, case, None, referent=referent)
    rows = tables.with_articles(rows.assign(voice_class=voice_class(rows)), articles, [by])
    cols = [by, "label", "stance", "voice", "mentions", "share"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    counts = rows.groupby([by, "label", "stance", "voice_class"]).size().rename("mentions").reset_index()
    grid = counts[[by, "label", "stance"]].drop_duplicates().merge(pd.DataFrame({"voice_class": VOICE_CLASSES}), how="cross")
    out = grid.merge(counts, how="left").fillna({"mentions": 0}).rename(columns={"voice_class": "voice"})
    out["mentions"] = out["mentions"].astype("int64")
    out["share"] = out["mentions"] / out.groupby([by, "label"])["mentions"].transform("sum")
    return out[cols].reset_index(drop=True)


def _article_flags(rows: pd.DataFrame, articles: pd.DataFrame, by: str, column: str, values: Sequence[str]):
    """Per article of ``articles``: 0/1 per value of ``column`` (has at least one row), and the group."""
    meta = tables.article_values(articles, [by])
    has = rows.astype({"article_id": str}).groupby(["article_id", column]).size().unstack(column, fill_value=0)
    has = (has.reindex(index=meta["article_id"], columns=list(values), fill_value=0) > 0).astype(int)
    return meta, has


def causal_shares(causal: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_type", voice: str | None = "own",
                  case: str = DEFAULT_CASE, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """The share of each group's articles that state each causal frame (at least one claim in ``voice``).

    The denominator is every analysed article of the group (an article without any causal claim counts
    as 0), so shares compare how often groups tell each causal story at all.

    Returns:
        ``<by>, category, name, n_articles, articles_with, share, ci_low, ci_high, claims``.
    """
    lexicon = load_case(case)
    rows = _select(causal, case, voice)
    categories = list(lexicon.categories)
    meta, has = _article_flags(rows, articles, by, "category", categories)
    claims = tables.with_articles(rows, articles, [by]).groupby([by, "category"]).size()
    out = []
    for group in tables.ordered_groups(meta[by]):
        ids = meta.loc[meta[by] == group, "article_id"]
        num = has.loc[ids].to_numpy(dtype=float)
        lo, hi = bootstrap_ratio(num, np.ones(len(ids)), key=("causal", voice, group), n=n_boot, seed=seed)
        for k, cat in enumerate(categories):
            out.append((group, cat, lexicon.categories[cat], len(ids), int(num[:, k].sum()), float(num[:, k].mean()),
                        float(np.atleast_1d(lo)[k]), float(np.atleast_1d(hi)[k]), int(claims.get((group, cat), 0))))
    return pd.DataFrame(out, columns=[by, "category", "name", "n_articles", "articles_with", "share", "ci_low",
                                      "ci_high", "claims"])


def marker_kind(distancing: pd.DataFrame) -> pd.Series:
    """The marker kind shown in charts: ``lexical``, ``scare_quote``, ``konjunktiv1`` or ``modal``."""
    return distancing["kind"].astype(str)


def distancing_rates(distancing: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, *,
                     by: str = "outlet_type", voice: str = "own", n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Counting distancing markers per 100 sentences of each group, by marker kind, with intervals.

    Only rows with ``counts`` (Konjunktiv I and reportive *sollen* licensed by an attribution are
    reported speech, not distance; *mutmaßlich* is recorded only) in ``voice`` (``own``: the outlet's,
    ``attributed``: its sources'). ``licensed_konjunktiv1`` gives, for comparison, the Konjunktiv I
    clauses that were licensed (ordinary indirect speech) per 100 sentences.

    Returns:
        ``<by>, kind, n_articles, n_sentences, markers, per_100_sentences, ci_low, ci_high,
        licensed_konjunktiv1``.
    """
    meta = tables.article_values(articles, [by])
    n_sent = sentences.astype({"article_id": str}).groupby("article_id").size().reindex(meta["article_id"], fill_value=0)
    rows = distancing[distancing["article_id"].astype(str).isin(set(meta["article_id"]))]
    counting = rows[rows["counts"].astype(bool) & (rows["voice"] == voice)]
    per_kind = counting.astype({"article_id": str}).groupby(["article_id", "kind"]).size().unstack("kind", fill_value=0)
    per_kind = per_kind.reindex(index=meta["article_id"], columns=list(MARKER_KINDS), fill_value=0)
    licensed = rows[rows["licensed"].astype(bool) & (rows["kind"] == "konjunktiv1")].groupby(
        rows["article_id"].astype(str)).size().reindex(meta["article_id"], fill_value=0)
    out = []
    for group in tables.ordered_groups(meta[by]):
        ids = meta.loc[meta[by] == group, "article_id"]
        num, den = per_kind.loc[ids].to_numpy(dtype=float), n_sent.loc[ids].to_numpy(dtype=float)
        lo, hi = bootstrap_ratio(num, den, key=("distancing", voice, group), n=n_boot, seed=seed)
        total = den.sum()
        for k, kind in enumerate(MARKER_KINDS):
            rate = 100 * num[:, k].sum() / total if total else 0.0
            out.append((group, kind, len(ids), int(total), int(num[:, k].sum()), rate, 100 * float(np.atleast_1d(lo)[k]),
                        100 * float(np.atleast_1d(hi)[k]), 100 * licensed.loc[ids].sum() / total if total else 0.0))
    return pd.DataFrame(out, columns=[by, "kind", "n_articles", "n_sentences", "markers", "per_100_sentences",
                                      "ci_low", "ci_high", "licensed_konjunktiv1"])


def _source_types(markers: pd.DataFrame, attributions: pd.DataFrame | None) -> list[str]:
    """For source-attached markers: the type of the attribution whose cue or content holds the marker."""
    if attributions is None or attributions.empty:
        return [""] * len(markers)
    att = attributions.astype({"article_id": str})
    by_article = {aid: g for aid, g in att.groupby("article_id")}
    out = []
    for aid, start in zip(markers["article_id"].astype(str), markers["start"]):
        g = by_article.get(aid)
        hit = g[((g["cue_start"] <= start) & (start < g["cue_end"])) | ((g["quote_start"] <= start) & (start < g["quote_end"]))] \
            if g is not None else None
        out.append(str(hit["source_type"].iloc[0]) if hit is not None and len(hit) else "")
    return out


def distancing_targets(distancing: pd.DataFrame, naming: pd.DataFrame, articles: pd.DataFrame, *,
                       by: str = "outlet_type", voice: str = "own", case: str = DEFAULT_CASE,
                       attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """What each group distances itself from: labels of the case, sources, claims, other words.

    A counting marker whose attached span holds a naming row of ``case`` targets that label
    (``target_type = label``, ``target = referent: label``); a marker attached to a source (*nach eigenen
    Angaben*, *offizielle Lesart*, *wollen* + perfect) targets the source (``target`` = its source type
    from ``attributions`` when found); a marker attached to a clause (Konjunktiv I, *sollen*, adverbial
    *angeblich*) a claim; any other a term.

    Returns:
        ``<by>, target_type, target, markers`` sorted by group and count.
    """
    rows = distancing[distancing["counts"].astype(bool) & (distancing["voice"] == voice)]
    rows = tables.with_articles(rows, articles, [by]).reset_index(drop=True)
    labels = naming[naming["case"] == case].astype({"article_id": str})
    by_article = {aid: g for aid, g in labels.groupby("article_id")}
    types, targets = [], []
    sources = _source_types(rows, attributions)
    for k, rec in enumerate(rows.itertuples(index=False)):
        g = by_article.get(rec.article_id)
        inside = g[(g["start"] >= rec.attached_start) & (g["end"] <= rec.attached_end)] if g is not None else None
        if inside is not None and len(inside) and rec.attaches in ("np", "quoted"):
            types.append("label")
            targets.append(f"{inside['referent'].iloc[0]}: {inside['label'].iloc[0]}")
        elif rec.attaches == "source":
            types.append("source")
            targets.append(sources[k] or "unknown source")
        else:
            types.append("claim" if rec.attaches == "clause" or rec.kind in ("konjunktiv1", "modal") else "term")
            targets.append("")
    rows = rows.assign(target_type=types, target=targets)
    cols = [by, "target_type", "target", "markers"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = rows.groupby([by, "target_type", "target"]).size().rename("markers").reset_index()
    rank = _group_order(out[by])
    out = out.assign(_g=out[by].map(rank)).sort_values(["_g", "markers"], ascending=[True, False], kind="stable")
    return out.drop(columns="_g")[cols].reset_index(drop=True)
