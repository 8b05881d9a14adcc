"""Topic summaries: what the articles are about (topic shares, over time) and which words distinguish
two groups of outlets -- aggregations over the ``topics`` table for notebook 04.

Topics are not frames: a topic word (*Proteste*, *Gaspreis*) says what a sentence is about, whoever tells
it and how. The framing measures are in :mod:`medialens.framing.summary`. Intervals come from
:func:`medialens.stats.bootstrap_ratio`, distinctive vocabulary from
:func:`medialens.stats.log_odds_dirichlet` (Monroe, Colaresi & Quinn 2008).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator, Sequence

import pandas as pd

from medialens import nlp, tables
from medialens.framing.lexicon import topic_names
from medialens.framing.rules.patterns import PatternSet, SentenceView, compile_pattern, find_matches
from medialens.stats import LOG_ODDS_COLUMNS, bootstrap_ratio, log_odds_dirichlet

#: STTS tags counted as content words for distinctive vocabulary (``NN`` also covers HanTa's NNA/NNI).
CONTENT_POS = ("NN", "NE", "ADJA", "ADJD", "VV")
SPAN_COLUMNS = ["article_id", "sentence_index", "start", "end"]
TERM_COUNT_COLUMNS = ["article_id", "term", "count"]
SHARE_COLUMNS = ["topic", "n_articles", "articles_with_topic", "article_share", "n_sentences",
                 "sentences_with_topic", "sentence_share", "ci_low", "ci_high", "matches"]


def _sentence_base(sentences: pd.DataFrame) -> pd.DataFrame:
    """``article_id, sentence_index`` of every sentence (the denominators)."""
    base = sentences[["article_id", "sentence_index"]].drop_duplicates()
    return base.astype({"article_id": str, "sentence_index": "int64"})


def topic_scores(topics: pd.DataFrame, sentences: pd.DataFrame, *, voice: str | None = None) -> pd.DataFrame:
    """Per article and topic: sentences, sentences with the topic, matches (zero-filled).

    Args:
        topics: the topics table.
        sentences: the sentences table (``article_id, sentence_index``).
        voice: ``"own"`` or ``"attributed"`` to count only matches in that voice; ``None``: all.

    Returns:
        ``article_id, topic, n_sentences, sentences_with_topic, matches``.
    """
    rows = topics if voice is None else topics[topics["voice"] == voice]
    base = _sentence_base(sentences)
    per_sentence = rows.astype({"article_id": str}).groupby(["article_id", "sentence_index", "topic"]).size()
    per_sentence = per_sentence.rename("matches").reset_index()
    grid = base.groupby("article_id").size().rename("n_sentences").reset_index()
    grid = grid.merge(pd.DataFrame({"topic": list(topic_names())}), how="cross")
    agg = per_sentence.groupby(["article_id", "topic"]).agg(sentences_with_topic=("sentence_index", "nunique"),
                                                             matches=("matches", "sum")).reset_index()
    out = grid.merge(agg, on=["article_id", "topic"], how="left").fillna({"sentences_with_topic": 0, "matches": 0})
    return out.astype({"sentences_with_topic": "int64", "matches": "int64"})


def topic_shares(scores: pd.DataFrame, articles: pd.DataFrame, by: str | Sequence[str] = "outlet_type", *,
                 n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Share of each group's sentences that contain each topic, with a cluster-bootstrap interval.

    ``sentence_share`` = sentences with the topic / sentences of the group (pooled); ``ci_low``/``ci_high``
    resample articles within the group (:func:`medialens.stats.bootstrap_ratio`, seeded per group and
    topic); ``article_share`` = articles with at least one match / articles of the group.

    Returns:
        ``<by…>,`` + :data:`SHARE_COLUMNS`, groups in :func:`medialens.tables.ordered_groups` order.
    """
    keys = [by] if isinstance(by, str) else list(by)
    df = tables.with_articles(scores, articles, keys)
    if df.empty:
        return pd.DataFrame(columns=[*keys, *SHARE_COLUMNS])
    rows = []
    for group, part in df.groupby(keys, sort=False):
        group = group if isinstance(group, tuple) else (group,)
        for topic, t in part.groupby("topic", sort=False):
            lo, hi = bootstrap_ratio(t["sentences_with_topic"].to_numpy(), t["n_sentences"].to_numpy(),
                                     key=(*group, topic), n=n_boot, seed=seed)
            n_sent, with_topic = int(t["n_sentences"].sum()), int(t["sentences_with_topic"].sum())
            rows.append((*group, topic, len(t), int((t["matches"] > 0).sum()), (t["matches"] > 0).mean(), n_sent,
                         with_topic, with_topic / n_sent if n_sent else 0.0, float(lo), float(hi), int(t["matches"].sum())))
    out = pd.DataFrame(rows, columns=[*keys, *SHARE_COLUMNS])
    group_rank = {g: k for k, g in enumerate(tables.ordered_groups(out[keys[-1]]))}
    topic_rank = {t: k for k, t in enumerate(topic_names())}
    out = out.assign(_g=out[keys[-1]].map(group_rank), _t=out["topic"].map(topic_rank))
    out = out.sort_values([*keys[:-1], "_g", "_t"], kind="stable").drop(columns=["_g", "_t"])
    return out.reset_index(drop=True)


def date_periods(articles: pd.DataFrame, breaks: Sequence[str] | None = None,
                 labels: Sequence[str] | None = None) -> pd.DataFrame:
    """Assign each article dated to the day to a period.

    Args:
        articles: the articles table (``date``; with ``date_precision`` only ``day`` dates are used).
        breaks: ISO start dates of the periods, ascending; the last one is open-ended; ``None``: one
            period per day. Articles before the first break get no period.
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


def topic_shares_over_time(scores: pd.DataFrame, articles: pd.DataFrame, *, breaks: Sequence[str] | None = None,
                           labels: Sequence[str] | None = None, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """:func:`topic_shares` per period (:func:`date_periods`), all groups pooled, in chronological order.
    Articles without a day date (or before the first break) are left out."""
    periods = date_periods(articles, breaks, labels)
    meta = periods.merge(tables.article_values(articles, ()), on="article_id")
    out = topic_shares(scores, meta, by=["period_start", "period"], n_boot=n_boot, seed=seed)
    return out.sort_values(["period_start"], kind="stable").reset_index(drop=True)


def content_lemmas(doc: nlp.Document, pos: Sequence[str] = CONTENT_POS) -> Iterator[str]:
    """Lemmas of the content words of ``doc`` (STTS tag starting with one of ``pos``)."""
    for t in doc.tokens:
        if t.pos.startswith(tuple(pos)) and any(ch.isalpha() for ch in t.lemma):
            yield t.lemma


def term_counts(source: Sequence[nlp.Document] | pd.DataFrame, *, column: str = "pattern",
                pos: Sequence[str] = CONTENT_POS) -> pd.DataFrame:
    """Term counts per article, the input of :func:`distinctive_terms`: content-word lemmas of processed
    documents, or the values of ``column`` of an annotated table (e.g. ``label`` of the naming table).

    Returns:
        ``article_id, term, count`` sorted by article and term.
    """
    if isinstance(source, pd.DataFrame):
        if "article_id" not in source.columns or column not in source.columns:
            raise ValueError(f"table needs 'article_id' and {column!r} columns")
        df = source[["article_id", column]].dropna().rename(columns={column: "term"}).astype({"article_id": str, "term": str})
        out = df[df["term"].str.strip() != ""].groupby(["article_id", "term"]).size().rename("count").reset_index()
    else:
        rows = [(str(doc.article_id), term, n) for doc in source for term, n in Counter(content_lemmas(doc, pos)).items()]
        out = pd.DataFrame(rows, columns=TERM_COUNT_COLUMNS)
    out = out.astype({"article_id": str, "term": str, "count": "int64"})
    return out.sort_values(["article_id", "term"], kind="stable").reset_index(drop=True)[TERM_COUNT_COLUMNS]


def comparison_note(articles: pd.DataFrame, by: str, a: str, b: str) -> str | None:
    """Why two groups cannot be compared (one of them has no articles), else ``None``."""
    present = tables.ordered_groups(tables.article_values(articles, [by])[by])
    missing = [g for g in (a, b) if g not in present]
    if not missing:
        return None
    return f"No articles of {' or '.join(missing)} in this corpus; its {by} groups are: {', '.join(present) or 'none'}."


def distinctive_terms(counts: pd.DataFrame, articles: pd.DataFrame, by: str = "outlet_type", a: str = "state_media",
                      b: str = "independent_media", *, min_count: int = 3, alpha0: float = 500.0) -> pd.DataFrame:
    """Terms that distinguish group ``a`` (positive z) from group ``b`` (negative z): the weighted log-odds
    ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), prior = the pooled counts
    scaled to ``alpha0``. Only articles of ``articles`` count (pass de-duplicated articles so wire copies
    do not count twice). A group without terms gives an empty table (see :func:`comparison_note`).

    Returns:
        The :func:`medialens.stats.log_odds_dirichlet` columns plus ``group_a``, ``group_b``.
    """
    df = tables.with_articles(counts, articles, [by])
    ca = df[df[by] == a].groupby("term")["count"].sum()
    cb = df[df[by] == b].groupby("term")["count"].sum()
    if ca.sum() == 0 or cb.sum() == 0:
        return pd.DataFrame(columns=LOG_ODDS_COLUMNS).assign(group_a=a, group_b=b)
    return log_odds_dirichlet(ca, cb, alpha0=alpha0, min_count=min_count).assign(group_a=a, group_b=b)


def term_spans(docs: Iterable[nlp.Document], term: str) -> pd.DataFrame:
    """Where a word or phrase occurs (pattern syntax of the lexicons: ``Terrorist*``, ``der Westen``,
    ``schlagen ... nieder``): the spans behind a keyword-in-context table (:func:`medialens.figures.kwic`).

    Returns:
        ``article_id, sentence_index, start, end`` in document order.
    """
    if not term.split():
        raise ValueError("term_spans needs a word or a phrase")
    patterns = PatternSet.of([compile_pattern(("term",), term, "phrase", where="term_spans")])
    rows = []
    for doc in docs:
        for sent in doc.sentences:
            toks = doc.sentence_tokens(sent.index)
            for m in find_matches(SentenceView.of(toks), patterns):
                rows.append((doc.article_id, sent.index, toks[m.first].start, toks[m.last].end))
    return pd.DataFrame(rows, columns=SPAN_COLUMNS).astype({"article_id": str, "sentence_index": "int64",
                                                             "start": "int64", "end": "int64"})
