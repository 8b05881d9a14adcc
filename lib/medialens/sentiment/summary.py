"""Sentiment summaries: tone per group, per actor and per source type, and what drives it.

Aggregations over the ``sentence_tone`` rows of :mod:`medialens.sentiment` (joined to the sentences,
mentions and attributions tables), each returning a tidy DataFrame for a chart in
``notebooks/03-sentiment.ipynb``: :func:`target_tone` joins sentence tone to actor mentions and
attributions, :func:`quote_tone` scores attributed quotations, :func:`tone_ci` gives group means with
cluster-bootstrap intervals (:func:`medialens.stats.bootstrap_ci`), :func:`group_drivers` and
:func:`extreme_sentences` show the words and sentences behind a number, :func:`scorer_agreement` and
:func:`agreement_stats` compare the news scorer with the textblob-de baseline.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from medialens import nlp, tables
from medialens.sentiment.rows import TONE_COLUMNS
from medialens.sentiment.rules import LABELS, NEUTRAL_BAND, label_for, parse_drivers, score_span
from medialens.stats import bootstrap_ci


def _tone_of(sentences: pd.DataFrame) -> pd.DataFrame:
    missing = {"article_id", "sentence_index", "polarity", "label"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences table lacks columns {sorted(missing)}")
    tone = sentences.rename(columns={"text": "sentence_text"})
    keep = ["article_id", "sentence_index"] + [c for c in TONE_COLUMNS if c in tone.columns]
    return tone[keep].drop_duplicates(["article_id", "sentence_index"])


def target_tone(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    attributions: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Tone of the sentences that mention an actor or carry an attribution.

    Each mention row (one per article, sentence and ``actor_id``: an actor named twice in a
    sentence counts once) and each attribution row gets the tone columns of its sentence
    (``polarity, polarity_textblob, label, drivers, sentence_text``), so tone can be grouped by
    ``actor_id``, ``source_type`` and - with ``articles`` - ``outlet`` / ``outlet_type``.

    Args:
        sentences: the sentences table (:func:`sentences_frame`).
        mentions: actors' mentions table (``article_id, sentence_index, actor_id, …``).
        attributions: attributions table (``article_id, sentence_index, source_type, …``).
        articles: optional articles table; adds ``outlet`` and ``outlet_type`` and keeps only the rows
            of these articles (:func:`medialens.tables.with_articles`).

    Returns:
        Rows of the given tables (a ``kind`` column says "mention" or "attribution") with the tone
        columns; sentences without a score are dropped.

    Raises:
        ValueError: if neither mentions nor attributions is given, or columns are missing.
    """
    if mentions is None and attributions is None:
        raise ValueError("give mentions and/or attributions")
    tone = _tone_of(sentences)
    parts = []
    for kind, table, key in (("mention", mentions, "actor_id"), ("attribution", attributions, None)):
        if table is None:
            continue
        need = {"article_id", "sentence_index"} | ({key} if key else set())
        if not need <= set(table.columns):
            raise ValueError(f"{kind} table lacks columns {sorted(need - set(table.columns))}")
        rows = table.drop(columns=[c for c in TONE_COLUMNS if c in table.columns])
        if key:
            rows = rows.drop_duplicates(["article_id", "sentence_index", key])
        merged = rows.merge(tone, on=["article_id", "sentence_index"], how="inner")
        merged.insert(0, "kind", kind)
        parts.append(merged)
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    if articles is not None:
        columns = [c for c in ("outlet", "outlet_type") if c in articles.columns]
        out = tables.with_articles(out, articles, columns)
    return out.reset_index(drop=True)


def actor_tone(
    target_tone: pd.DataFrame,
    mentions: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Tone toward actors: the ``target_tone`` rows of kind "actor" with the actor's columns.

    Unlike :func:`target_tone` (the tone of the whole sentence naming an actor), ``polarity``,
    ``label`` and ``drivers`` here are the tone toward the actor (:func:`score_toward`).

    Args:
        target_tone: the ``target_tone`` table of the sentiment step.
        mentions: the mentions table; its ``actor_type`` and ``category`` per ``actor_id`` are added.
        sentences: optional sentences table; adds ``sentence_text``.
        articles: optional articles table; adds ``outlet``/``outlet_type`` and keeps only the rows of
            these articles (:func:`medialens.tables.with_articles`).

    Returns:
        One row per article, sentence and actor: ``article_id, sentence_index, actor_id, start, end,
        polarity, label, drivers`` plus the added columns.
    """
    need = {"article_id", "sentence_index", "target_kind", "target", "polarity"}
    if not need <= set(target_tone.columns):
        raise ValueError(f"target_tone lacks columns {sorted(need - set(target_tone.columns))}")
    rows = target_tone[target_tone["target_kind"] == "actor"].drop(columns="target_kind")
    rows = rows.rename(columns={"target": "actor_id"})
    info = [c for c in ("actor_type", "category") if c in mentions.columns]
    if info:
        rows = rows.merge(mentions[["actor_id", *info]].drop_duplicates("actor_id"), on="actor_id", how="left")
    if sentences is not None:
        text = sentences[["article_id", "sentence_index", "text"]].rename(columns={"text": "sentence_text"})
        rows = rows.merge(text, on=["article_id", "sentence_index"], how="left")
    if articles is not None:
        rows = tables.with_articles(rows, articles, [c for c in ("outlet", "outlet_type") if c in articles.columns])
    return rows.reset_index(drop=True)


def quote_tone(docs: Sequence[nlp.Document], attributions: pd.DataFrame) -> pd.DataFrame:
    """Clause-level option: the news score of each attributed quotation span itself.

    Adds ``quote_polarity``, ``quote_label``, ``quote_drivers`` to the attributions rows (rows
    whose quote span is missing get NaN / empty values).
    """
    by_id = {d.article_id: d for d in docs}
    pol, lab, drv = [], [], []
    for aid, qs, qe in zip(attributions["article_id"], attributions["quote_start"], attributions["quote_end"]):
        doc = by_id.get(aid)
        if doc is None or pd.isna(qs) or pd.isna(qe) or int(qe) <= int(qs):
            pol.append(float("nan")), lab.append(""), drv.append("")
            continue
        score = score_span(doc, int(qs), int(qe))
        pol.append(score.polarity), lab.append(score.label), drv.append(score.drivers_text())
    out = attributions.copy()
    out["quote_polarity"], out["quote_label"], out["quote_drivers"] = pol, lab, drv
    return out


def top_drivers(drivers: Iterable[str], k: int | None = 10) -> pd.DataFrame:
    """Words that drive a group's tone: summed contributions over compact driver strings.

    Returns columns ``word, total, count`` sorted by ``abs(total)`` (ties by word); the first
    ``k`` rows, or all with ``k=None``.
    """
    totals: dict[str, list[float]] = {}
    for text in drivers:
        for word, value in parse_drivers(text):
            acc = totals.setdefault(word, [0.0, 0])
            acc[0] += value
            acc[1] += 1
    frame = pd.DataFrame([(w, t, c) for w, (t, c) in totals.items()], columns=["word", "total", "count"])
    if frame.empty:
        return frame
    frame["_abs"] = frame["total"].abs()
    frame = frame.sort_values(["_abs", "word"], ascending=[False, True]).drop(columns="_abs")
    return (frame if k is None else frame.head(k)).reset_index(drop=True)


#: Coarse grouping of the attribution step's source types (``attributions.source_type``) for the
#: question "state vs independent sources": the home state's government, security forces and
#: state media; non-state domestic voices and media (independent and other media, experts, civil
#: society, the opposition, witnesses and the public); foreign governments and international
#: organisations; and sources whose side the type does not tell (news agencies relay both sides;
#: anonymous; other). Pass your own mapping to :func:`source_group` for another case.
SOURCE_GROUPS: Mapping[str, str] = MappingProxyType(
    {
        "government": "state",
        "security_forces": "state",
        "state_media": "state",
        "independent_media": "independent",
        "other_media": "independent",
        "expert": "independent",
        "witness_or_public": "independent",
        "civil_society": "independent",
        "opposition": "independent",
        "foreign_government": "foreign/international",
        "international_organisation": "foreign/international",
        "news_agency": "other/unclear",
        "anonymous": "other/unclear",
        "other": "other/unclear",
    }
)


#: Group of an attribution whose source type is missing.
UNTYPED_GROUP = "other/unclear"


def source_group(source_types: Iterable, groups: Mapping[str, str] = SOURCE_GROUPS) -> pd.Series:
    """Map source types to the coarse groups of :data:`SOURCE_GROUPS` (missing -> "other/unclear").

    Returns:
        The groups in input order, as a Series with a fresh ``RangeIndex`` (use ``.to_numpy()`` to
        assign it to a filtered table).

    Raises:
        ValueError: for a source type the mapping does not know (extend ``groups`` rather than
            letting it fall into a default silently).
    """
    types = pd.Series(list(source_types), dtype=object)
    known = types.isna() | types.isin(list(groups))
    if not known.all():
        raise ValueError(f"source types without a group: {sorted(set(types[~known].astype(str)))}")
    return types.map(lambda t: UNTYPED_GROUP if pd.isna(t) else groups[t]).astype(object)


def _key_of(table: pd.DataFrame, by: Sequence[str]) -> pd.Series:
    return table[list(by)].astype(str).agg(" | ".join, axis=1) if len(table) else pd.Series([], dtype=object)


def tone_ci(
    table: pd.DataFrame,
    by: str | Sequence[str],
    *,
    value: str = "polarity",
    cluster: str | None = "article_id",
    n: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """Mean tone per group with a (cluster) bootstrap interval, as a tidy table.

    Args:
        table: rows with the ``by`` columns, ``value`` and ``cluster`` (sentences, or the output of
            :func:`target_tone`).
        by: one or more grouping columns (rows with a missing group value are left out).
        value: column to average (``polarity`` or ``polarity_textblob``).
        cluster: resampling unit column (default ``article_id``: articles are resampled within each
            group, see :func:`bootstrap_ci`); ``None`` resamples rows.
        n, seed, level: as in :func:`bootstrap_ci`.

    Returns:
        Columns ``*by, n, n_articles, mean, ci_low, ci_high`` (``n_articles`` = number of distinct
        clusters), sorted by the ``by`` columns.
    """
    by = [by] if isinstance(by, str) else list(by)
    need = set(by) | {value} | ({cluster} if cluster else set())
    if not need <= set(table.columns):
        raise ValueError(f"table lacks columns {sorted(need - set(table.columns))}")
    rows = table.dropna(subset=by)
    columns = by + ["n", "n_articles", "mean", "ci_low", "ci_high"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    keys = _key_of(rows, by)
    units = rows[cluster] if cluster else pd.Series(range(len(rows)), index=rows.index)
    ci = bootstrap_ci(rows[value], keys, n=n, seed=seed, level=level, clusters=units)
    first = rows.assign(_key=keys.to_numpy()).drop_duplicates("_key").set_index("_key")[by]
    out = first.loc[ci["group"]].reset_index(drop=True)
    out = pd.concat([out, ci.drop(columns="group").rename(columns={"n_clusters": "n_articles"})], axis=1)
    return out[columns].sort_values(by, kind="stable").reset_index(drop=True)


def group_drivers(
    table: pd.DataFrame, by: str | Sequence[str], k: int | None = 10, *, drivers: str = "drivers"
) -> pd.DataFrame:
    """The words that drive each group's tone (:func:`top_drivers` per group), normalised per sentence.

    Args:
        table: rows with a compact ``drivers`` string (sentences, or :func:`target_tone` rows).
        by: grouping column(s).
        k: words per group (largest absolute summed contribution first); ``None`` keeps every word.

    Returns:
        Columns ``*by, word, total, count, n_rows, per_100``: the summed contribution of the word
        in the group, how often it contributed, the group's number of rows and ``total`` per 100
        rows (comparable across groups of different size). Groups in sorted order.
    """
    by = [by] if isinstance(by, str) else list(by)
    columns = by + ["word", "total", "count", "n_rows", "per_100"]
    parts = []
    for key, rows in table.dropna(subset=by).groupby(by, sort=True):
        top = top_drivers(rows[drivers].fillna(""), k)
        if top.empty:
            continue
        for col, val in zip(by, key if isinstance(key, tuple) else (key,)):
            top[col] = val
        top["n_rows"] = len(rows)
        top["per_100"] = top["total"] / len(rows) * 100
        parts.append(top)
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def extreme_sentences(
    table: pd.DataFrame,
    by: str | Sequence[str],
    k: int = 1,
    *,
    value: str = "polarity",
    text: str = "text",
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """The sentences behind extreme values: per group the ``k`` most negative and ``k`` most positive.

    Only sentences with a negative (positive) value can be "most negative" ("most positive"); a
    text repeated in a group (wire copies, an actor named twice) is shown once. Ties are broken by
    ``article_id`` and ``sentence_index`` when present, so the selection is deterministic.

    Returns:
        Columns ``*by, extreme, value, text, *keep`` with ``extreme`` "most negative" or "most
        positive", ordered by group, then negative before positive, then by value (extreme first).
    """
    by = [by] if isinstance(by, str) else list(by)
    ties = [c for c in ("article_id", "sentence_index") if c in table.columns]
    columns = by + ["extreme", value, text, *keep]
    parts = []
    for name, sign in (("most negative", -1), ("most positive", 1)):
        rows = table[np.sign(table[value]) == sign].dropna(subset=by)
        rows = rows.assign(_v=rows[value] * -sign).sort_values(["_v", *ties], kind="stable")
        rows = rows.drop_duplicates(by + [text]).groupby(by, sort=False).head(k)
        parts.append(rows.assign(extreme=name, _order=sign))
    out = pd.concat(parts, ignore_index=True)
    if out.empty:
        return pd.DataFrame(columns=columns)
    out = out.sort_values(by + ["_order", "_v"], kind="stable")
    return out[columns].reset_index(drop=True)


def _scorer_labels(sentences: pd.DataFrame, textblob_band: float, band: float) -> tuple[pd.Series, pd.Series]:
    news = sentences["polarity"].map(lambda p: label_for(p, band))
    blob = sentences["polarity_textblob"].map(lambda p: label_for(p, textblob_band))
    return news, blob


def scorer_agreement(sentences: pd.DataFrame, *, textblob_band: float, band: float = NEUTRAL_BAND) -> pd.DataFrame:
    """How often the two scorers give a sentence the same label (a 3 x 3 table in long form).

    Args:
        sentences: the sentences table (``polarity``, ``polarity_textblob``).
        textblob_band: neutral band for textblob-de (use the one ``medialens eval sentiment``
            measured it with, ``evaluation.sentiment.TEXTBLOB_BAND``).
        band: neutral band of the news scorer.

    Returns:
        Columns ``news_label, textblob_label, sentences, share`` for all nine label pairs (share of
        all sentences), in the order of :data:`LABELS`.
    """
    news, blob = _scorer_labels(sentences, textblob_band, band)
    counts = pd.crosstab(news, blob).reindex(index=list(LABELS), columns=list(LABELS), fill_value=0)
    long = counts.stack().rename("sentences").reset_index()
    long.columns = ["news_label", "textblob_label", "sentences"]
    total = long["sentences"].sum()
    long["share"] = long["sentences"] / total if total else 0.0
    return long.astype({"sentences": "int64"})


def agreement_stats(sentences: pd.DataFrame, *, textblob_band: float, band: float = NEUTRAL_BAND) -> dict:
    """Summary of the two scorers on one corpus.

    Returns:
        ``n``; ``agreement`` (share of equal labels); ``kappa`` (Cohen's kappa of the labels,
        Cohen 1960); ``pearson`` and ``spearman`` correlations of the polarities; ``opposite_sign``
        (share of sentences scored non-zero by both with opposite signs); ``zero_news`` and
        ``zero_textblob`` (share of sentences a scorer gives exactly 0: no lexicon word found).
    """
    n = len(sentences)
    if n == 0:
        raise ValueError("no sentences")
    news, blob = _scorer_labels(sentences, textblob_band, band)
    agree = float((news.to_numpy() == blob.to_numpy()).mean())
    expected = sum((news == lab).mean() * (blob == lab).mean() for lab in LABELS)
    kappa = (agree - expected) / (1 - expected) if expected < 1 else float("nan")
    a, b = sentences["polarity"], sentences["polarity_textblob"]
    return {
        "n": n,
        "agreement": agree,
        "kappa": float(kappa),
        "pearson": float(a.corr(b)),
        "spearman": float(a.rank().corr(b.rank())),  # Spearman = Pearson of ranks (no SciPy)
        "opposite_sign": float(((np.sign(a) * np.sign(b)) < 0).mean()),
        "zero_news": float((a == 0).mean()),
        "zero_textblob": float((b == 0).mean()),
    }


def driver_words(
    drivers: pd.DataFrame, group: str, *, value: str = "per_100", top: int = 15, per_group: int = 3
) -> list[str]:
    """Words for a driver chart: every group's ``per_group`` strongest words (by ``abs(value)``), then
    the words with the largest summed ``abs(value)`` over all groups, up to ``top`` words in all
    (more if ``per_group`` times the number of groups exceeds ``top``). Deterministic (ties by word).
    """
    ranked = drivers.assign(_abs=drivers[value].abs())
    ranked = ranked.sort_values([group, "_abs", "word"], ascending=[True, False, True], kind="stable")
    words = list(dict.fromkeys(ranked.groupby(group, sort=True).head(per_group)["word"]))
    overall = ranked.groupby("word")["_abs"].sum().reset_index()
    overall = overall.sort_values(["_abs", "word"], ascending=[False, True], kind="stable")
    for word in overall["word"]:
        if len(words) >= top:
            break
        if word not in words:
            words.append(word)
    return words


#: Why the two scorers disagree on a sentence (:func:`disagreements`).
DISAGREEMENT_REASONS = MappingProxyType({
    "textblob finds no word": "textblob-de scores 0: its lexicon misses the words the news scorer scores "
                              "(capitalised nouns such as Gewalt or Krise, casualty words)",
    "news scorer finds no word": "the news scorer scores 0 where textblob-de finds a word (neutralised by the "
                                 "project's overrides or by a word-sense rule)",
    "opposite words": "both find words but weigh them in opposite directions (overrides, word senses, "
                      "negation, reversers such as verhindern)",
})


def disagreements(sentences: pd.DataFrame, *, band: float = 0.3) -> pd.DataFrame:
    """Sentences the two scorers read in opposite directions, with the reason and each scorer's words.

    A sentence counts when the polarities have opposite signs, or when one scorer gives 0 and the other
    at least ``band`` in absolute value. ``reason`` is one of :data:`DISAGREEMENT_REASONS`;
    ``textblob_words`` lists the words textblob-de's lexicon reads (``drivers`` those of the news scorer).

    Args:
        sentences: rows with ``text``, ``polarity``, ``drivers`` and ``polarity_textblob``.

    Returns:
        The disagreeing rows with ``reason``, ``textblob_words`` and ``gap`` (absolute difference),
        largest gap first (ties in table order).
    """
    from medialens.sentiment.baseline import textblob_words

    news, blob = sentences["polarity"], sentences["polarity_textblob"]
    mask = (news * blob < 0) | ((blob == 0) & (news.abs() >= band)) | ((news == 0) & (blob.abs() >= band))
    rows = sentences[mask].copy()
    rows["reason"] = ["textblob finds no word" if tb == 0 else "news scorer finds no word" if nw == 0
                      else "opposite words" for nw, tb in zip(rows["polarity"], rows["polarity_textblob"])]
    rows["textblob_words"] = ["; ".join(f"{w}:{v:+.2f}" for w, v in textblob_words(t)) for t in rows["text"]]
    rows["gap"] = (rows["polarity"] - rows["polarity_textblob"]).abs()
    return rows.sort_values("gap", ascending=False, kind="stable").reset_index(drop=True)
