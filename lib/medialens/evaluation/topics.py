"""Topic dictionary vs hand coding: the demo-corpus sample ``data/validation/frames_handcoded.csv``.

The topic dictionary (``data/lexicons/frames/topics.csv``) says what a sentence is about; this sample
(60 demo-corpus sentences, coded for the six topics) measures how far its words reach. Part of
``medialens eval topics`` (:mod:`medialens.evaluation.topics`), which also scores the three framing
measures. Agreement: Cohen's kappa (Cohen 1960) and Krippendorff's alpha for nominal data
(Krippendorff 2011), precision and recall of the dictionary against the hand coding.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from medialens import config, nlp
from medialens.stats import cohen_kappa, krippendorff_alpha_nominal, prf

#: Default hand-coded topic sample (the columns keep the historical name "frames" of the topics).
DEFAULT_GOLD = config.DATA_DIR / "validation" / "frames_handcoded.csv"
GOLD_KEYS = ["article_id", "sentence_index", "text"]
#: Seed of the stratified sample (the first day of the January 2022 protests).
DEFAULT_SEED = 20220102


def _topics() -> list[str]:
    from medialens.framing import topic_names

    return list(topic_names())


def _topics_of(doc: nlp.Document) -> pd.DataFrame:
    from medialens.framing import annotate_document

    return annotate_document(doc, None, cases=()).tables()["topics"]


def read_gold(path: str | Path, topics: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a hand-coded topic sample.

    Args:
        path: CSV with ``article_id, sentence_index, text`` and a 0/1 column per topic (extra
            columns such as ``outlet_type`` or ``stratum`` are kept).
        topics: the topic columns required (default: the dictionary's topics).

    Returns:
        The table with ``sentence_index`` and the topic columns as integers.

    Raises:
        ValueError: a missing column, a code other than 0/1, or a duplicated sentence.
    """
    path = Path(path)
    topics = list(topics or _topics())
    df = pd.read_csv(path, dtype={"article_id": str, "text": str}, keep_default_na=False)
    missing = [c for c in GOLD_KEYS + topics if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}")
    df["sentence_index"] = pd.to_numeric(df["sentence_index"], errors="raise").astype("int64")
    for f in topics:
        codes = pd.to_numeric(df[f].astype(str).str.strip(), errors="coerce")
        bad = df.index[~codes.isin([0, 1])]
        if len(bad):
            raise ValueError(f"{path}: column {f!r} must hold 0 or 1; row(s) {[int(i) + 2 for i in bad[:5]]}")
        df[f] = codes.astype("int64")
    dup = df.duplicated(["article_id", "sentence_index"])
    if dup.any():
        pairs = df.loc[dup, ["article_id", "sentence_index"]].values.tolist()[:5]
        raise ValueError(f"{path}: duplicated sentence(s) {pairs}")
    return df


def topic_codes(
    gold: pd.DataFrame, topics: Sequence[str] | None = None, *, cache: bool | Path = True
) -> pd.DataFrame:
    """Code each sentence text of ``gold`` with the topic dictionary (1 = at least one match).

    Each sentence is processed on its own through :func:`medialens.nlp.process`; the dictionary is
    sentence-local, so this equals the coding of the sentence inside its article.
    """
    topics = list(topics or _topics())
    rows = []
    for aid, sid, text in zip(gold["article_id"], gold["sentence_index"], gold["text"]):
        doc = nlp.process(f"{aid}#{sid}", str(text), cache=cache)
        found = set(_topics_of(doc)["topic"])
        rows.append([aid, sid] + [int(f in found) for f in topics])
    return pd.DataFrame(rows, columns=["article_id", "sentence_index"] + topics)


def _prf(gold: Sequence[int], pred: Sequence[int]) -> tuple[float, float, float]:
    tp = sum(bool(g and p) for g, p in zip(gold, pred))
    return tuple(prf(tp, sum(bool(p) for p in pred), sum(bool(g) for g in gold), undefined=math.nan))


def agreement_table(gold: pd.DataFrame, predicted: pd.DataFrame, topics: Sequence[str] | None = None) -> pd.DataFrame:
    """Per-topic and overall agreement between hand coding (``gold``) and the dictionary.

    Rows: one per topic, then ``overall (pooled)`` -- all sentence x topic decisions as one
    binary coding -- and ``overall (mean of topics)`` -- the unweighted mean of the topic rows.

    Returns:
        ``topic, n, gold_positive, dictionary_positive, agreement, kappa, alpha, precision,
        recall, f1``.
    """
    topics = list(topics or _topics())
    keys = ["article_id", "sentence_index"]
    merged = gold[keys + topics].merge(predicted[keys + topics], on=keys, suffixes=("_gold", "_dict"), how="inner")
    if len(merged) != len(gold):
        raise ValueError(f"{len(gold) - len(merged)} gold sentence(s) have no dictionary coding")
    rows = []
    pooled_g: list[int] = []
    pooled_d: list[int] = []
    for f in topics:
        g = merged[f"{f}_gold"].astype(int).tolist()
        d = merged[f"{f}_dict"].astype(int).tolist()
        pooled_g += g
        pooled_d += d
        rows.append(_row(f, g, d))
    table = pd.DataFrame(rows)
    pooled = _row("overall (pooled)", pooled_g, pooled_d)
    mean = {"topic": "overall (mean of topics)", "n": len(merged)}
    for c in ["gold_positive", "dictionary_positive"]:
        mean[c] = int(table[c].sum())
    for c in ["agreement", "kappa", "alpha", "precision", "recall", "f1"]:
        mean[c] = float(table[c].mean(skipna=True))
    return pd.concat([table, pd.DataFrame([pooled, mean])], ignore_index=True)


def _row(name: str, g: list[int], d: list[int]) -> dict:
    prec, rec, f1 = _prf(g, d)
    return {
        "topic": name,
        "n": len(g),
        "gold_positive": int(sum(g)),
        "dictionary_positive": int(sum(d)),
        "agreement": sum(x == y for x, y in zip(g, d)) / len(g) if g else math.nan,
        "kappa": cohen_kappa(g, d),
        "alpha": krippendorff_alpha_nominal(list(zip(g, d))),
        "precision": prec,
        "recall": rec,
        "f1": f1,
    }


# ------------------------------------------------------------------------------------------
# Stratified sample
# ------------------------------------------------------------------------------------------


def sample_sentences(
    docs: Sequence[nlp.Document],
    articles: pd.DataFrame,
    n: int = 60,
    seed: int = DEFAULT_SEED,
    min_words: int = 5,
) -> pd.DataFrame:
    """Draw a stratified, seeded sentence sample for hand coding.

    Strata: ``outlet_type`` x topic-rich (the frozen dictionary finds at least one topic in the
    sentence) / topic-poor (none). Sentences with fewer than ``min_words`` word tokens (headings,
    datelines) and repeated sentence texts (wire copies) are excluded first, keeping the first
    occurrence in corpus order. Each stratum gets ``n // strata`` sentences; a stratum with too
    few sentences gives all it has and the remainder goes, one at a time, to the strata with the
    most sentences left (ties by name). Within a stratum sentences are drawn with
    ``numpy.random.default_rng(seed)``; the output is sorted by article and sentence, so the coder
    does not see the strata in order.

    Returns:
        ``article_id, sentence_index, text, outlet_type, stratum``.
    """
    types = dict(zip(articles["article_id"].astype(str), articles["outlet_type"].astype(str)))
    rows, seen = [], set()
    for doc in docs:
        framed = set(_topics_of(doc)["sentence_index"])
        for s in doc.sentences:
            text = doc.sentence_text(s.index)
            words = sum(any(ch.isalnum() for ch in t.text) for t in doc.sentence_tokens(s.index))
            key = " ".join(text.split())
            if words < min_words or key in seen:
                continue
            seen.add(key)
            rich = "frame_rich" if s.index in framed else "frame_poor"
            outlet_type = types.get(str(doc.article_id), "unknown")
            rows.append((str(doc.article_id), s.index, " ".join(text.split()), outlet_type, rich))
    pool = pd.DataFrame(rows, columns=["article_id", "sentence_index", "text", "outlet_type", "stratum"])
    if len(pool) < n:
        raise ValueError(f"only {len(pool)} eligible sentences for a sample of {n}")
    strata = sorted(pool.groupby(["outlet_type", "stratum"]).groups)
    sizes = {k: len(pool[(pool.outlet_type == k[0]) & (pool.stratum == k[1])]) for k in strata}
    alloc = {k: min(n // len(strata), sizes[k]) for k in strata}
    while sum(alloc.values()) < n:
        k = min(strata, key=lambda s: (alloc[s] - sizes[s], s))
        alloc[k] += 1
    rng = np.random.default_rng(seed)
    parts = []
    for k in strata:
        sub = pool[(pool.outlet_type == k[0]) & (pool.stratum == k[1])]
        pick = rng.choice(len(sub), size=alloc[k], replace=False)
        parts.append(sub.iloc[sorted(pick)])
    out = pd.concat(parts).sort_values(["article_id", "sentence_index"]).reset_index(drop=True)
    return out


def _load_docs(corpus: Path) -> tuple[list[nlp.Document], pd.DataFrame]:
    from medialens.corpus import load_corpus

    articles, _ = load_corpus(corpus)
    docs = [nlp.process(a, t) for a, t in zip(articles["article_id"], articles["text"])]
    return docs, articles


def topic_agreement(path: Path = DEFAULT_GOLD) -> pd.DataFrame:
    """The agreement table of the topic dictionary on the hand-coded sample at ``path``."""
    gold = read_gold(path)
    return agreement_table(gold, topic_codes(gold))
