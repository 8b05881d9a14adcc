"""Framing summaries: frame scores and shares, voice, distancing rates, frames over time, distinctive terms.

Aggregations over the ``frames`` and ``distancing`` tables of :mod:`medialens.framing` (joined to the
articles, sentences and attributions tables), each returning a tidy DataFrame for a chart in
``notebooks/04-framing.ipynb``. Intervals come from :func:`medialens.stats.bootstrap_ratio`, the
distinctive vocabulary from :func:`medialens.stats.log_odds_dirichlet` (Monroe, Colaresi & Quinn 2008).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator, Sequence

import pandas as pd

from medialens import nlp, tables
from medialens.framing.lexicon import FrameLexicon, _fold, frame_names, load_frame_lexicon
from medialens.framing.rows import match_frames
from medialens.framing.rules.dictionary import _phrase_end
from medialens.framing.rules.markers import _is_word
from medialens.stats import bootstrap_ratio, log_odds_dirichlet


#: STTS tags counted as content words for distinctive vocabulary (``NN`` also covers HanTa's NNA/NNI).
CONTENT_POS = ("NN", "NE", "ADJA", "ADJD", "VV")


_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")


SPAN_COLUMNS = ["article_id", "sentence_index", "start", "end"]


def _sentence_base(sentences: Sequence[nlp.Document] | pd.DataFrame) -> pd.DataFrame:
    """``article_id, sentence_index, n_tokens`` for every sentence (word tokens, punctuation excluded)."""
    if isinstance(sentences, pd.DataFrame):
        if sentences.empty:
            return pd.DataFrame({"article_id": pd.Series(dtype=str), "sentence_index": pd.Series(dtype="int64"),
                                 "n_tokens": pd.Series(dtype="int64")})
        base = sentences[["article_id", "sentence_index"]].copy()
        if "n_tokens" in sentences:
            base["n_tokens"] = sentences["n_tokens"].astype("int64")
        elif "text" in sentences:
            base["n_tokens"] = [len(_WORD_RE.findall(str(t))) for t in sentences["text"]]
        else:
            raise ValueError("sentences table needs an 'n_tokens' or a 'text' column")
        return base
    rows = [
        (doc.article_id, s.index, sum(_is_word(t) for t in doc.sentence_tokens(s.index)))
        for doc in sentences
        for s in doc.sentences
    ]
    return pd.DataFrame(rows, columns=["article_id", "sentence_index", "n_tokens"]).astype(
        {"article_id": str, "sentence_index": "int64", "n_tokens": "int64"}
    )


def frame_scores(
    frames: pd.DataFrame,
    sentences: Sequence[nlp.Document] | pd.DataFrame,
    *,
    level: str = "article",
    own_voice_only: bool = False,
    frame_list: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Frame scores per sentence or per article, zero-filled for every frame.

    Two measures: ``per_100_tokens`` = matches per 100 word tokens (punctuation excluded), and
    ``sentence_share`` = share of sentences with at least one match. A sentence-level row has
    ``n_sentences = 1`` and ``sentences_with_frame`` 0/1, so both levels aggregate the same way.

    Args:
        frames: the frames table.
        sentences: processed documents (exact token counts), or a sentences table with
            ``article_id, sentence_index`` and ``n_tokens`` or ``text`` (tokens then counted as
            word-character runs, an approximation of the pipeline's tokens).
        level: ``"sentence"`` or ``"article"``.
        own_voice_only: count only matches with ``own_voice`` (the outlet's own words).
        frame_list: frames to score (default: the dictionary's frames).

    Returns:
        sentence level: ``article_id, sentence_index, frame, n_tokens, matches, n_sentences,
        sentences_with_frame, per_100_tokens, sentence_share``; article level: the same without
        ``sentence_index``.
    """
    if level not in ("sentence", "article"):
        raise ValueError(f"level must be 'sentence' or 'article', got {level!r}")
    names = list(frame_list or frame_names())
    base = _sentence_base(sentences)
    f = frames
    if own_voice_only and len(f):
        f = f[f["own_voice"].astype(bool)]
    counts = (
        f.groupby(["article_id", "sentence_index", "frame"]).size().rename("matches").reset_index()
        if len(f) else pd.DataFrame(columns=["article_id", "sentence_index", "frame", "matches"])
    )
    grid = base.merge(pd.DataFrame({"frame": names}), how="cross")
    counts = counts.astype({"article_id": str, "sentence_index": "int64", "frame": str})
    grid = grid.merge(counts, on=["article_id", "sentence_index", "frame"], how="left")
    grid["matches"] = grid["matches"].fillna(0).astype("int64")
    grid["n_sentences"] = 1
    grid["sentences_with_frame"] = (grid["matches"] > 0).astype("int64")
    if level == "article":
        grid = grid.groupby(["article_id", "frame"], sort=False, as_index=False)[
            ["n_tokens", "matches", "n_sentences", "sentences_with_frame"]
        ].sum()
        keys = ["article_id", "frame"]
    else:
        keys = ["article_id", "sentence_index", "frame"]
    grid["per_100_tokens"] = _ratio(grid["matches"] * 100.0, grid["n_tokens"])
    grid["sentence_share"] = _ratio(grid["sentences_with_frame"].astype(float), grid["n_sentences"])
    cols = keys + ["n_tokens", "matches", "n_sentences", "sentences_with_frame", "per_100_tokens", "sentence_share"]
    return grid[cols].reset_index(drop=True)


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    den = den.astype(float)
    return (num.astype(float) / den.where(den > 0)).fillna(0.0)


_SHARE_COLUMNS = ["frame", "n_articles", "articles_with_frame", "article_share", "n_sentences",
                  "sentences_with_frame", "sentence_share", "n_tokens", "matches", "per_100_tokens"]


def frame_shares(
    frame_scores: pd.DataFrame, articles: pd.DataFrame, by: str | Sequence[str] = "outlet_type"
) -> pd.DataFrame:
    """Aggregate frame scores by one or more article columns (outlet type, outlet, period …).

    ``sentence_share`` = sentences with the frame / all sentences of the group (pooled);
    ``article_share`` = articles with at least one match / articles of the group;
    ``per_100_tokens`` = matches per 100 word tokens of the group (pooled).

    Args:
        frame_scores: output of :func:`frame_scores` (either level).
        articles: the articles table (``article_id`` and the ``by`` column(s)).
        by: the grouping column, or several (e.g. ``["period", "outlet_type"]``); missing values
            become ``"unknown"``. Scores of articles not in ``articles`` are left out
            (:func:`medialens.tables.with_articles`).

    Returns:
        ``<by…>, frame, n_articles, articles_with_frame, article_share, n_sentences,
        sentences_with_frame, sentence_share, n_tokens, matches, per_100_tokens``.
    """
    keys = [by] if isinstance(by, str) else list(by)
    tables.article_values(articles.head(0), keys)  # names a missing column
    cols = keys + _SHARE_COLUMNS
    if frame_scores.empty:
        return pd.DataFrame(columns=cols)
    per_article = frame_scores.groupby(["article_id", "frame"], as_index=False, sort=False)[
        ["n_tokens", "matches", "n_sentences", "sentences_with_frame"]
    ].sum()
    df = tables.with_articles(per_article, articles, keys)
    df["has"] = (df["matches"] > 0).astype("int64")
    g = df.groupby([*keys, "frame"], sort=True)
    out = g.agg(
        n_articles=("article_id", "nunique"),
        articles_with_frame=("has", "sum"),
        n_sentences=("n_sentences", "sum"),
        sentences_with_frame=("sentences_with_frame", "sum"),
        n_tokens=("n_tokens", "sum"),
        matches=("matches", "sum"),
    ).reset_index()
    out["article_share"] = _ratio(out["articles_with_frame"].astype(float), out["n_articles"])
    out["sentence_share"] = _ratio(out["sentences_with_frame"].astype(float), out["n_sentences"])
    out["per_100_tokens"] = _ratio(out["matches"] * 100.0, out["n_tokens"])
    return out[cols]


def frame_shares_by_source(
    frames: pd.DataFrame,
    attributions: pd.DataFrame,
    sentences: Sequence[nlp.Document] | pd.DataFrame | None = None,
    *,
    frame_list: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Share of sentences attributed to each source type that carry each frame.

    Frames are joined to the attributions on ``article_id`` + ``sentence_index``: a sentence
    with an attribution of source type T counts once for T (a sentence citing two types counts
    for both). With ``sentences`` given, sentences without any attribution form the group
    ``"unattributed"``.

    Returns:
        ``source_type, frame, n_sentences, sentences_with_frame, sentence_share, matches``.
    """
    cols = ["source_type", "frame", "n_sentences", "sentences_with_frame", "sentence_share", "matches"]
    names = list(frame_list or frame_names())
    keys = ["article_id", "sentence_index"]
    att = attributions.reindex(columns=keys + ["source_type"]).dropna(subset=keys)
    att = att.astype({"article_id": str, "sentence_index": "int64"})
    att["source_type"] = att["source_type"].astype(object).where(att["source_type"].notna(), "unknown")
    groups = att.drop_duplicates()
    if sentences is not None:
        base = _sentence_base(sentences)[keys].astype({"article_id": str, "sentence_index": "int64"})
        missing = base.merge(groups[keys].drop_duplicates(), on=keys, how="left", indicator=True)
        missing = missing[missing["_merge"] == "left_only"][keys].assign(source_type="unattributed")
        groups = pd.concat([groups, missing], ignore_index=True)
    if groups.empty:
        return pd.DataFrame(columns=cols)
    if len(frames):
        counts = frames.groupby(keys + ["frame"]).size().rename("matches").reset_index()
    else:
        counts = pd.DataFrame({"article_id": [], "sentence_index": [], "frame": [], "matches": []})
    counts = counts.astype({"article_id": str, "sentence_index": "int64", "frame": str, "matches": "int64"})
    grid = groups.merge(pd.DataFrame({"frame": names}), how="cross").merge(counts, on=keys + ["frame"], how="left")
    grid["matches"] = grid["matches"].fillna(0).astype("int64")
    grid["has"] = (grid["matches"] > 0).astype("int64")
    out = grid.groupby(["source_type", "frame"], as_index=False).agg(
        n_sentences=("has", "size"), sentences_with_frame=("has", "sum"), matches=("matches", "sum")
    )
    out["sentence_share"] = _ratio(out["sentences_with_frame"].astype(float), out["n_sentences"])
    return out[cols]


def bootstrap_frame_shares(
    frame_scores: pd.DataFrame,
    articles: pd.DataFrame,
    by: str = "outlet_type",
    *,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 1,
) -> pd.DataFrame:
    """:func:`frame_shares` with a percentile bootstrap interval for ``sentence_share``.

    Articles, not sentences, are resampled with replacement within each group (a cluster bootstrap:
    sentences of one article are not independent), the same resample for every frame; the interval
    is the ``(1 − level) / 2`` and ``(1 + level) / 2`` quantiles of the pooled share (Efron &
    Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 13). A group of one article gets a
    zero-width interval: the bootstrap cannot show between-article variation it has not seen.

    Returns:
        The :func:`frame_shares` table plus ``ci_low, ci_high`` (the interval of ``sentence_share``;
        :func:`medialens.stats.bootstrap_ratio`, seeded per group, so a group's interval does not move
        when another group is added).
    """
    if not 0 < level < 1 or n_boot < 1:
        raise ValueError("level must be in (0, 1) and n_boot positive")
    shares = frame_shares(frame_scores, articles, by)
    if shares.empty:
        return shares.assign(ci_low=pd.Series(dtype=float), ci_high=pd.Series(dtype=float))
    per_article = frame_scores.groupby(["article_id", "frame"])[["n_sentences", "sentences_with_frame"]].sum()
    wide = per_article["sentences_with_frame"].unstack("frame", fill_value=0)
    n_sent = per_article["n_sentences"].groupby("article_id").max()
    meta = tables.article_values(articles, [by])
    group_of = dict(zip(meta["article_id"], meta[by]))
    rows = []
    for g in sorted({group_of[str(a)] for a in wide.index if str(a) in group_of}, key=str):
        ids = [a for a in wide.index if group_of.get(str(a)) == g]
        lo, hi = bootstrap_ratio(wide.loc[ids], n_sent.loc[ids], key=g, n=n_boot, seed=seed, level=level)
        rows += [(g, f, float(l), float(h)) for f, l, h in zip(wide.columns, lo, hi)]
    ci = pd.DataFrame(rows, columns=[by, "frame", "ci_low", "ci_high"])
    return shares.merge(ci, on=[by, "frame"], how="left")


#: Voice of a frame match, in order of precedence (see :func:`voice_of`).
VOICES = ("attributed", "distanced", "own_voice")


def voice_of(frames: pd.DataFrame) -> pd.Series:
    """Voice of each frame match: ``attributed`` (inside what a source says), else ``distanced``
    (quotation marks or a distancing marker without a known source), else ``own_voice``."""
    if frames.empty:
        return pd.Series([], index=frames.index, dtype=object)
    att = frames["attributed"].astype(bool)
    dist = frames["distanced"].astype(bool) | frames["in_quote"].astype(bool)
    return pd.Series(
        ["attributed" if a else ("distanced" if d else "own_voice") for a, d in zip(att, dist)],
        index=frames.index, dtype=object,
    )


def voice_shares(
    frames: pd.DataFrame, articles: pd.DataFrame, by: str = "outlet_type", *, frame_list: Sequence[str] | None = None
) -> pd.DataFrame:
    """How each group uses each frame: share of its matches by voice (:func:`voice_of`).

    Returns:
        ``<by>, frame, voice, matches, share`` (share within ``by`` x ``frame``; zero-filled over
        the three voices for every group and frame with at least one match).
    """
    cols = [by, "frame", "voice", "matches", "share"]
    if by not in articles.columns:
        raise ValueError(f"articles has no column {by!r}")
    if frames.empty:
        return pd.DataFrame(columns=cols)
    names = list(frame_list or frame_names())
    df = tables.with_articles(frames.assign(voice=voice_of(frames)), articles, [by])
    df = df[df["frame"].isin(names)]
    counts = df.groupby([by, "frame", "voice"]).size().rename("matches")
    pairs = counts.reset_index()[[by, "frame"]].drop_duplicates()
    grid = pairs.merge(pd.DataFrame({"voice": list(VOICES)}), how="cross")
    out = grid.merge(counts.reset_index(), on=[by, "frame", "voice"], how="left")
    out["matches"] = out["matches"].fillna(0).astype("int64")
    out["share"] = _ratio(out["matches"].astype(float), out.groupby([by, "frame"])["matches"].transform("sum"))
    out["frame"] = pd.Categorical(out["frame"], categories=names, ordered=True)
    out["voice"] = pd.Categorical(out["voice"], categories=list(VOICES), ordered=True)
    out = out.sort_values([by, "frame", "voice"]).astype({"frame": str, "voice": str})
    return out[cols].reset_index(drop=True)


#: Kinds of distancing marker: explicit lexical markers, scare quotes, reported speech.
MARKER_GROUPS = ("lexical", "scare_quote", "konjunktiv1")


def marker_kind(marker: str) -> str:
    """``konjunktiv1`` and ``scare_quote`` stay themselves; every listed word marker is ``lexical``."""
    return marker if marker in ("konjunktiv1", "scare_quote") else "lexical"


def distancing_rates(
    distancing: pd.DataFrame,
    sentences: Sequence[nlp.Document] | pd.DataFrame,
    articles: pd.DataFrame,
    by: str = "outlet_type",
    *,
    distances_only: bool = True,
) -> pd.DataFrame:
    """Distancing markers per 100 sentences of each group, by marker kind (:data:`MARKER_GROUPS`).

    Args:
        distancing: the distancing table.
        sentences: documents or the sentences table (the denominator: all sentences of the group's
            articles).
        articles: the articles table; only its articles are counted.
        by: the grouping column.
        distances_only: count only markers with ``distances`` (``mutmaßlich`` is recorded but does
            not distance).

    Returns:
        ``<by>, kind, n_articles, n_sentences, markers, sentences_with_marker, per_100_sentences,
        sentence_share``, zero-filled over the kinds.
    """
    if by not in articles.columns:
        raise ValueError(f"articles has no column {by!r}")
    cols = [by, "kind", "n_articles", "n_sentences", "markers", "sentences_with_marker", "per_100_sentences",
            "sentence_share"]
    base = tables.with_articles(_sentence_base(sentences), articles, [by])
    if base.empty:
        return pd.DataFrame(columns=cols)
    sizes = base.groupby(by).agg(n_articles=("article_id", "nunique"), n_sentences=("sentence_index", "size"))
    d = tables.with_articles(distancing, articles, [by])
    if distances_only and len(d):
        d = d[d["distances"].astype(bool)]
    d = d.assign(kind=[marker_kind(m) for m in d["marker"]])
    counts = pd.DataFrame({
        "markers": d.groupby([by, "kind"]).size(),
        "sentences_with_marker": d.drop_duplicates([by, "kind", "article_id", "sentence_index"])
        .groupby([by, "kind"]).size(),
    }).reset_index() if len(d) else pd.DataFrame(columns=[by, "kind", "markers", "sentences_with_marker"])
    grid = sizes.reset_index().merge(pd.DataFrame({"kind": list(MARKER_GROUPS)}), how="cross")
    out = grid.merge(counts, on=[by, "kind"], how="left")
    out[["markers", "sentences_with_marker"]] = out[["markers", "sentences_with_marker"]].fillna(0).astype("int64")
    out["per_100_sentences"] = _ratio(out["markers"] * 100.0, out["n_sentences"])
    out["sentence_share"] = _ratio(out["sentences_with_marker"].astype(float), out["n_sentences"])
    out["kind"] = pd.Categorical(out["kind"], categories=list(MARKER_GROUPS), ordered=True)
    return out.sort_values([by, "kind"]).astype({"kind": str})[cols].reset_index(drop=True)


def distancing_targets(
    distancing: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    by: str = "outlet_type",
    *,
    distances_only: bool = True,
    frame_list: Sequence[str] | None = None,
) -> pd.DataFrame:
    """What distancing markers are attached to: the frame(s) of the words they cover.

    A marker whose attached span covers a frame match counts once for each frame it touches
    (``touches_frames``); a marker covering no frame word counts as ``no_frame``.

    Args:
        distancing: the distancing table.
        articles: optional articles table; adds the ``by`` column and keeps only its articles.
        by: the grouping column taken from ``articles``.
        distances_only: count only markers with ``distances``.
        frame_list: frame order (default: the dictionary's frames).

    Returns:
        ``[<by>,] kind, target, markers`` -- zero-filled over the frames plus ``no_frame`` for every
        group and kind that has at least one marker.
    """
    keys = ([by] if articles is not None else []) + ["kind"]
    cols = keys + ["target", "markers"]
    d = distancing.astype({"article_id": str})
    if articles is not None:
        if by not in articles.columns:
            raise ValueError(f"articles has no column {by!r}")
        d = tables.with_articles(d, articles, [by])
    if distances_only and len(d):
        d = d[d["distances"].astype(bool)]
    if d.empty:
        return pd.DataFrame(columns=cols)
    d = d.assign(kind=[marker_kind(m) for m in d["marker"]],
                 target=[[t for t in str(x).split(";") if t] or ["no_frame"] for x in d["touches_frames"]])
    counts = d.explode("target").groupby(keys + ["target"]).size().rename("markers")
    targets = list(frame_list or frame_names()) + ["no_frame"]
    grid = counts.reset_index()[keys].drop_duplicates().merge(pd.DataFrame({"target": targets}), how="cross")
    out = grid.merge(counts.reset_index(), on=keys + ["target"], how="left")
    out["markers"] = out["markers"].fillna(0).astype("int64")
    out["kind"] = pd.Categorical(out["kind"], categories=list(MARKER_GROUPS), ordered=True)
    out["target"] = pd.Categorical(out["target"], categories=targets, ordered=True)
    return out.sort_values(keys + ["target"]).astype({"kind": str, "target": str})[cols].reset_index(drop=True)


def date_periods(
    articles: pd.DataFrame, breaks: Sequence[str] | None = None, labels: Sequence[str] | None = None
) -> pd.DataFrame:
    """Assign each article dated to the day to a period.

    Args:
        articles: the articles table (``date``; ``date_precision`` when present -- only ``day``
            dates are used, month-only dates get no period).
        breaks: ISO start dates of the periods, ascending; period *i* runs from ``breaks[i]`` to the
            day before ``breaks[i + 1]``, the last one open-ended. ``None``: one period per day.
            Articles before the first break get no period.
        labels: one label per break (default: the start date).

    Returns:
        ``article_id, period, period_start`` for the articles that fall into a period.
    """
    cols = ["article_id", "period", "period_start"]
    dates = pd.to_datetime(articles["date"].astype(object), errors="coerce", format="ISO8601")
    if "date_precision" in articles.columns:
        dates = dates.where(articles["date_precision"].astype(object) == "day")
    ok = dates.notna()
    ids, dates = articles.loc[ok, "article_id"].astype(str), dates[ok]
    if breaks is None:
        day = dates.dt.strftime("%Y-%m-%d")
        return pd.DataFrame({"article_id": ids, "period": day, "period_start": day})[cols].reset_index(drop=True)
    edges = pd.to_datetime(list(breaks), format="ISO8601")
    if not edges.is_monotonic_increasing or edges.has_duplicates:
        raise ValueError("breaks must be strictly ascending dates")
    labels = list(labels) if labels is not None else [e.strftime("%Y-%m-%d") for e in edges]
    if len(labels) != len(edges):
        raise ValueError(f"{len(labels)} labels for {len(edges)} breaks")
    pos = edges.searchsorted(dates, side="right") - 1
    keep = pos >= 0
    return pd.DataFrame({
        "article_id": ids[keep].values,
        "period": [labels[k] for k in pos[keep]],
        "period_start": [edges[k].strftime("%Y-%m-%d") for k in pos[keep]],
    })[cols]


def frame_shares_over_time(
    frame_scores: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    breaks: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
    by: str | None = None,
) -> pd.DataFrame:
    """Frame shares per period (:func:`date_periods`), optionally split by an article column.

    Articles without a day date (or before the first break) are left out; compare ``n_articles``
    with the corpus to see how many.

    Returns:
        ``period_start, period, [<by>,] frame`` + the :func:`frame_shares` score columns, in
        chronological order (frames in dictionary order).
    """
    periods = date_periods(articles, breaks, labels)
    extra = [by] if by else []
    meta = articles[["article_id", *extra]].astype({"article_id": str}).merge(periods, on="article_id")
    scores = frame_scores[frame_scores["article_id"].astype(str).isin(set(meta["article_id"]))]
    out = frame_shares(scores, meta, by=["period_start", "period", *extra])
    order = {f: k for k, f in enumerate(frame_names())}
    out["_order"] = [order.get(f, len(order)) for f in out["frame"]]
    out = out.sort_values(["period_start", *extra, "_order", "frame"], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def content_lemmas(doc: nlp.Document, pos: Sequence[str] = CONTENT_POS) -> Iterator[str]:
    """Lemmas of the content words of ``doc`` (STTS tag starting with one of ``pos``)."""
    for t in doc.tokens:
        if t.pos.startswith(tuple(pos)) and any(ch.isalpha() for ch in t.lemma):
            yield t.lemma


TERM_COUNT_COLUMNS = ["article_id", "term", "count"]


def term_counts(
    source: Sequence[nlp.Document] | pd.DataFrame, *, column: str = "pattern", pos: Sequence[str] = CONTENT_POS
) -> pd.DataFrame:
    """Term counts per article as a tidy table, the input of :func:`distinctive_terms`.

    Args:
        source: processed documents -- terms are the HanTa lemmas of content words (:func:`content_lemmas`)
            -- or an annotated table with ``article_id`` and ``column`` (e.g. the frames table: terms are
            the dictionary entries that matched, so no documents are needed).
        column: the table column holding the term (``pattern`` = the dictionary entry, ``matched`` =
            the surface form); ignored for documents.
        pos: STTS tag prefixes of content words; ignored for a table.

    Returns:
        ``article_id, term, count`` sorted by article and term.
    """
    if isinstance(source, pd.DataFrame):
        if "article_id" not in source.columns or column not in source.columns:
            raise ValueError(f"table needs 'article_id' and {column!r} columns")
        df = source[["article_id", column]].dropna().rename(columns={column: "term"})
        df = df.astype({"article_id": str, "term": str})
        df = df[df["term"].str.strip() != ""]
        out = df.groupby(["article_id", "term"]).size().rename("count").reset_index()
    else:
        rows = [
            (str(doc.article_id), term, n) for doc in source for term, n in Counter(content_lemmas(doc, pos)).items()
        ]
        out = pd.DataFrame(rows, columns=TERM_COUNT_COLUMNS)
    out = out.astype({"article_id": str, "term": str, "count": "int64"})
    return out.sort_values(["article_id", "term"], kind="stable").reset_index(drop=True)[TERM_COUNT_COLUMNS]


def distinctive_terms(
    source: Sequence[nlp.Document] | pd.DataFrame,
    articles: pd.DataFrame,
    group_col: str = "outlet_type",
    a: str = "state_media",
    b: str = "independent_media",
    min_count: int = 3,
    alpha0: float = 500.0,
) -> pd.DataFrame:
    """Terms that distinguish group ``a`` from group ``b`` (weighted log-odds, see :func:`log_odds_dirichlet`).

    Only articles listed in ``articles`` are counted, so passing a de-duplicated articles table
    (:func:`medialens.corpus.deduplicate_articles`) keeps wire copies from counting several times. The prior is the
    pooled a+b counts scaled to ``alpha0``.

    Args:
        source: processed documents (content-word lemmas: nouns incl. HanTa's NNA/NNI, names,
            adjectives, full verbs), a :func:`term_counts` table (``article_id, term, count``), or the
            frames table (terms = the dictionary entries that matched, ``pattern``).
        articles: the articles table with ``article_id`` and ``group_col``.
        group_col: the column defining the two groups.
        a: the group with positive z-scores.
        b: the group with negative z-scores.
        min_count: drop terms with fewer occurrences in a and b together (output only).
        alpha0: total prior pseudo-count.

    Returns:
        The :func:`log_odds_dirichlet` table plus ``group_a``, ``group_b`` columns naming the groups.

    Raises:
        ValueError: an unknown ``group_col``, an unusable table, or a group without terms.
    """
    if group_col not in articles.columns:
        raise ValueError(f"articles has no column {group_col!r}")
    if isinstance(source, pd.DataFrame):
        if {"article_id", "term", "count"} <= set(source.columns):
            counts = source[TERM_COUNT_COLUMNS].astype({"article_id": str})
        elif {"article_id", "frame", "pattern"} <= set(source.columns):
            counts = term_counts(source, column="pattern")
        else:
            raise ValueError("source table needs 'article_id, term, count' (term_counts) or the frames table")
    else:
        counts = term_counts(source)
    df = tables.with_articles(counts, articles, [group_col])
    ca = df[df[group_col] == a].groupby("term")["count"].sum()
    cb = df[df[group_col] == b].groupby("term")["count"].sum()
    if ca.sum() == 0 or cb.sum() == 0:
        raise ValueError(f"no terms for {group_col}={a!r} ({int(ca.sum())}) or {b!r} ({int(cb.sum())})")
    out = log_odds_dirichlet(ca, cb, alpha0=alpha0, min_count=min_count)
    return out.assign(group_a=a, group_b=b)


def term_spans(
    docs: Iterable[nlp.Document],
    term_or_frame: str,
    *,
    lexicon: FrameLexicon | None = None,
) -> pd.DataFrame:
    """Where a frame, a term or a phrase occurs: the spans behind a keyword-in-context table.

    ``term_or_frame`` is a frame of the dictionary (all its matches), a word (matched on lemma or
    surface form, case-insensitive), a word ending in ``*`` (compound-aware prefix, as in the
    dictionary) or several words (a lemma sequence). Pass the result to
    :func:`medialens.figures.kwic` for the context.

    Returns:
        ``article_id, sentence_index, start, end`` (character offsets), in document order.
    """
    lex = lexicon or load_frame_lexicon()
    rows = []
    words = tuple(_fold(w) for w in term_or_frame.split())
    if not words:
        raise ValueError("term_spans needs a term or a frame name")
    for doc in docs:
        if term_or_frame in lex.frames:
            spans = [
                (m.sentence_index, m.start, m.end) for m in match_frames(doc, lexicon=lex) if m.frame == term_or_frame
            ]
        else:
            spans = []
            for s in doc.sentences:
                toks = doc.sentence_tokens(s.index)
                for k in range(len(toks)):
                    end = _phrase_end(words, toks, k)
                    if end is not None:
                        spans.append((s.index, toks[k].start, toks[end - 1].end))
        rows += [(doc.article_id, sent, start, end) for sent, start, end in spans]
    df = pd.DataFrame(rows, columns=SPAN_COLUMNS)
    return df.astype({"article_id": str, "sentence_index": "int64", "start": "int64", "end": "int64"})

