"""Frame dictionary evaluation: agreement between the dictionary and a hand-coded sentence sample.

``medialens eval frames [--gold FILE] [--json]`` reads the hand-coded validation sample
(``data/validation/frames_handcoded.csv``: ``article_id, sentence_index, text`` and one 0/1 column
per frame), codes each sentence with the frame dictionary (a frame is present when the sentence
has at least one match of it, whatever its voice or distance) and prints per frame and overall:
Cohen's kappa (Cohen 1960) and Krippendorff's alpha for nominal data (Krippendorff 2011,
"Computing Krippendorff's Alpha-Reliability"), plus raw agreement, precision and recall of the
dictionary against the hand coding. ``--sample OUT`` draws the stratified sample itself (see
``data/validation/README.md``).

The sample was drawn from the synthetic demo corpus, which is project data; the frame gold file is
therefore kept in ``data/validation`` rather than in the shared evaluation folder.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from medialens import config, nlp
from medialens.stats import cohen_kappa, krippendorff_alpha_nominal, prf

#: Default hand-coded sample.
DEFAULT_GOLD = config.DATA_DIR / "validation" / "frames_handcoded.csv"
GOLD_KEYS = ["article_id", "sentence_index", "text"]
#: Seed of the stratified sample (the first day of the January 2022 protests).
DEFAULT_SEED = 20220102


def _frames() -> list[str]:
    from medialens.framing import frame_names

    return list(frame_names())


# ------------------------------------------------------------------------------------------
# Gold reader
# ------------------------------------------------------------------------------------------


def read_gold(path: str | Path, frames: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a hand-coded frame sample.

    Args:
        path: CSV with ``article_id, sentence_index, text`` and a 0/1 column per frame (extra
            columns such as ``outlet_type`` or ``stratum`` are kept).
        frames: the frame columns required (default: the dictionary's frames).

    Returns:
        The table with ``sentence_index`` and the frame columns as integers.

    Raises:
        ValueError: a missing column, a code other than 0/1, or a duplicated sentence.
    """
    path = Path(path)
    frames = list(frames or _frames())
    df = pd.read_csv(path, dtype={"article_id": str, "text": str}, keep_default_na=False)
    missing = [c for c in GOLD_KEYS + frames if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}")
    df["sentence_index"] = pd.to_numeric(df["sentence_index"], errors="raise").astype("int64")
    for f in frames:
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


def dictionary_codes(
    gold: pd.DataFrame, frames: Sequence[str] | None = None, *, cache: bool | Path = True
) -> pd.DataFrame:
    """Code each sentence text of ``gold`` with the frame dictionary (1 = at least one match).

    Each sentence is processed on its own through :func:`medialens.nlp.process`; the dictionary is
    sentence-local, so this equals the coding of the sentence inside its article.
    """
    from medialens.framing import match_frames

    frames = list(frames or _frames())
    rows = []
    for aid, sid, text in zip(gold["article_id"], gold["sentence_index"], gold["text"]):
        doc = nlp.process(f"{aid}#{sid}", str(text), cache=cache)
        found = {m.frame for m in match_frames(doc)}
        rows.append([aid, sid] + [int(f in found) for f in frames])
    return pd.DataFrame(rows, columns=["article_id", "sentence_index"] + frames)


def _prf(gold: Sequence[int], pred: Sequence[int]) -> tuple[float, float, float]:
    tp = sum(bool(g and p) for g, p in zip(gold, pred))
    return tuple(prf(tp, sum(bool(p) for p in pred), sum(bool(g) for g in gold), undefined=math.nan))


def agreement_table(gold: pd.DataFrame, predicted: pd.DataFrame, frames: Sequence[str] | None = None) -> pd.DataFrame:
    """Per-frame and overall agreement between hand coding (``gold``) and the dictionary.

    Rows: one per frame, then ``overall (pooled)`` -- all sentence x frame decisions as one
    binary coding -- and ``overall (mean of frames)`` -- the unweighted mean of the frame rows.

    Returns:
        ``frame, n, gold_positive, dictionary_positive, agreement, kappa, alpha, precision,
        recall, f1``.
    """
    frames = list(frames or _frames())
    keys = ["article_id", "sentence_index"]
    merged = gold[keys + frames].merge(predicted[keys + frames], on=keys, suffixes=("_gold", "_dict"), how="inner")
    if len(merged) != len(gold):
        raise ValueError(f"{len(gold) - len(merged)} gold sentence(s) have no dictionary coding")
    rows = []
    pooled_g: list[int] = []
    pooled_d: list[int] = []
    for f in frames:
        g = merged[f"{f}_gold"].astype(int).tolist()
        d = merged[f"{f}_dict"].astype(int).tolist()
        pooled_g += g
        pooled_d += d
        rows.append(_row(f, g, d))
    table = pd.DataFrame(rows)
    pooled = _row("overall (pooled)", pooled_g, pooled_d)
    mean = {"frame": "overall (mean of frames)", "n": len(merged)}
    for c in ["gold_positive", "dictionary_positive"]:
        mean[c] = int(table[c].sum())
    for c in ["agreement", "kappa", "alpha", "precision", "recall", "f1"]:
        mean[c] = float(table[c].mean(skipna=True))
    return pd.concat([table, pd.DataFrame([pooled, mean])], ignore_index=True)


def _row(name: str, g: list[int], d: list[int]) -> dict:
    prec, rec, f1 = _prf(g, d)
    return {
        "frame": name,
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

    Strata: ``outlet_type`` x frame-rich (the frozen dictionary finds at least one frame in the
    sentence) / frame-poor (none). Sentences with fewer than ``min_words`` word tokens (headings,
    datelines) and repeated sentence texts (wire copies) are excluded first, keeping the first
    occurrence in corpus order. Each stratum gets ``n // strata`` sentences; a stratum with too
    few sentences gives all it has and the remainder goes, one at a time, to the strata with the
    most sentences left (ties by name). Within a stratum sentences are drawn with
    ``numpy.random.default_rng(seed)``; the output is sorted by article and sentence, so the coder
    does not see the strata in order.

    Returns:
        ``article_id, sentence_index, text, outlet_type, stratum``.
    """
    from medialens.framing import match_frames

    types = dict(zip(articles["article_id"].astype(str), articles["outlet_type"].astype(str)))
    rows, seen = [], set()
    for doc in docs:
        framed = {m.sentence_index for m in match_frames(doc)}
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


# ------------------------------------------------------------------------------------------
# Command
# ------------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``medialens eval frames``."""
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help=f"hand-coded sample (default {DEFAULT_GOLD})")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--sample", type=Path, default=None, metavar="OUT",
                        help="draw a new stratified sample into OUT (empty code columns) and exit")
    parser.add_argument("--corpus", type=Path, default=config.DEMO_CORPUS_DIR, help="corpus for --sample")
    parser.add_argument("--n", type=int, default=60, help="sample size for --sample (default 60)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed for --sample (default {DEFAULT_SEED})")


def _fmt(v) -> str:
    if isinstance(v, float):
        return "  n/a" if math.isnan(v) else f"{v:5.3f}"
    return str(v)


def run(args: argparse.Namespace) -> int:
    """Run the evaluation (or draw a sample with ``--sample``); returns the exit code."""
    frames = _frames()
    if args.sample:
        docs, articles = _load_docs(args.corpus)
        sample = sample_sentences(docs, articles, n=args.n, seed=args.seed)
        for f in frames:
            sample[f] = ""
        cols = GOLD_KEYS + frames + ["outlet_type", "stratum"]
        args.sample.parent.mkdir(parents=True, exist_ok=True)
        sample[cols].to_csv(args.sample, index=False)
        print(f"wrote {len(sample)} sentences to {args.sample}")
        print(sample.groupby(["outlet_type", "stratum"]).size().to_string())
        return 0
    try:
        gold = read_gold(args.gold, frames)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}")
        return 2
    predicted = dictionary_codes(gold, frames)
    table = agreement_table(gold, predicted, frames)
    if args.json:
        clean = table.astype(object).where(table.notna(), None)
        print(json.dumps({"gold": str(args.gold), "n_sentences": len(gold), "rows": clean.to_dict(orient="records")},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"Frame dictionary vs hand coding: {args.gold} ({len(gold)} sentences)")
    print("presence per sentence; kappa = Cohen's kappa, alpha = Krippendorff's alpha (nominal)\n")
    cols = ["frame", "n", "gold_positive", "dictionary_positive", "agreement", "kappa", "alpha",
            "precision", "recall", "f1"]
    head = ["frame", "n", "gold+", "dict+", "agree", "kappa", "alpha", "prec", "recall", "f1"]
    width = max(len(str(f)) for f in table["frame"]) + 2
    print(f"{head[0]:<{width}}" + "".join(f"{h:>8}" for h in head[1:]))
    for rec in table[cols].itertuples(index=False):
        print(f"{rec[0]:<{width}}" + "".join(f"{_fmt(v):>8}" for v in rec[1:]))
    return 0
