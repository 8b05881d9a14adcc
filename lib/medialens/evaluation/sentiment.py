"""Sentiment evaluation: target-oriented tone on GerNTSA, textblob-de and the news scorer side by side.

``medialens eval sentiment --gold FILE [--split test|tune|all] [--json]`` reads the GerNTSA JSON
(Goerlich, *GerNTSA: German News Topic Sentiment Analysis dataset*, repository cgoer/GerNTSA,
CC BY 4.0): one news sentence per item with a ``target`` (character range ``target_anchor``) and the
crowd-majority polarity toward it. Both scorers label every item in the same run; the command prints
accuracy, macro-F1, per-class F1 and the confusion matrix (gold rows x predicted columns).

Held-out reporting. The items are split deterministically by the SHA-256 of the sentence text
(even -> ``tune``, odd -> ``test``; duplicated sentences stay on one side). Lexicon additions,
thresholds and the target scope were developed looking only at the ``tune`` half; the command
reports the held-out ``test`` half by default and says so.

Target orientation. A GerNTSA item is often two sentences (the snippet around the target). Three
scopes were measured on the tune half: the whole snippet, the target's own sentence (SoMaJo), and
windows of 3 to 20 tokens around the target inside that sentence. Windows were no better than the
sentence (narrow windows were clearly worse: the evaluative words are often far from the target
in German news syntax), and the snippet was no better either. The default ``--scope sentence``
scores the target's sentence: it is the target-oriented unit, and the one
``medialens.sentiment.target_tone`` joins actor mentions to. Both scorers get the same text, so the
comparison isolates the scorers, not the scope. ``--scope window --window N`` and ``--scope
snippet`` remain available. A paired bootstrap (1,000 resamples, seed 0) gives 95% intervals for
each macro-F1 and for the difference.

``--ablation`` adds a third column: the news scorer's machinery (lemma + POS lookup, negation,
intensifiers) with the bundled baseline lexicon only, i.e. without the project's additions,
overrides and compound heads, to show what the news vocabulary contributes on this data set.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import NamedTuple, Sequence

from medialens import config, stats
from medialens import sentiment as sent

CITATION = (
    "Goerlich, GerNTSA: German News Topic Sentiment Analysis dataset "
    "(repository cgoer/GerNTSA), CC BY 4.0"
)
DEFAULT_GOLD = config.EVAL_DIR / "sentiment-gerntsa-dev.json"
#: Tokens either side of the target for ``--scope window``.
DEFAULT_WINDOW = 8
SCOPES = ("sentence", "window", "snippet")
#: Neutral band of the textblob-de baseline, chosen for it on the tune split (its best band there;
#: a fair baseline gets its own threshold rather than the news scorer's).
TEXTBLOB_BAND = 0.3
SPLITS = ("test", "tune", "all")
SCORERS = ("textblob_de", "news")
ABLATION = "news_baseline_lexicon"


class GoldItem(NamedTuple):
    """One GerNTSA item: sentence, target and its character range, gold label."""

    id: str
    text: str
    target: str
    start: int
    end: int
    label: str


def read_gerntsa(path: Path | str) -> list[GoldItem]:
    """Read a GerNTSA JSON list (``id, opinion_snippet, target, target_anchor{from,to},
    sentiment{polarity}``).

    Raises:
        ValueError: on a malformed item or a label outside negative/neutral/positive.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of items")
    items = []
    for k, raw in enumerate(data):
        try:
            text = raw["opinion_snippet"]
            start, end = int(raw["target_anchor"]["from"]), int(raw["target_anchor"]["to"])
            label = raw["sentiment"]["polarity"]
            item = GoldItem(str(raw.get("id", k)), text, raw["target"], start, end, label)
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{path}: item {k} lacks a field: {exc}") from exc
        if label not in sent.LABELS:
            raise ValueError(f"{path}: item {k} has label {label!r}")
        if not 0 <= start < end <= len(text):
            raise ValueError(f"{path}: item {k} has target_anchor [{start}, {end}) outside its text")
        items.append(item)
    return items


def split_of(item: GoldItem) -> str:
    """Deterministic half of an item: SHA-256 of its sentence text, even -> "tune", odd -> "test"."""
    return stats.hash_split(item.text)


def select_split(items: Sequence[GoldItem], split: str) -> list[GoldItem]:
    """Items of one split ("test", "tune" or "all")."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose from {SPLITS}")
    return list(items) if split == "all" else [it for it in items if split_of(it) == split]


def metrics(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix.

    Macro-F1 is the unweighted mean of the three class F1 scores (a class never predicted has
    precision 0 and F1 0).
    """
    if len(gold) != len(pred):
        raise ValueError("gold and predictions differ in length")
    pairs = Counter(zip(gold, pred))
    confusion = {g: {p: pairs.get((g, p), 0) for p in sent.LABELS} for g in sent.LABELS}
    per_class = {}
    for lab in sent.LABELS:
        tp = confusion[lab][lab]
        n_pred = sum(confusion[g][lab] for g in sent.LABELS)
        n_gold = sum(confusion[lab].values())
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_class[lab] = {"precision": p, "recall": r, "f1": f, "support": n_gold}
    n = len(gold)
    return {
        "n": n,
        "accuracy": sum(confusion[l][l] for l in sent.LABELS) / n if n else 0.0,
        "macro_f1": sum(c["f1"] for c in per_class.values()) / len(sent.LABELS),
        "per_class": per_class,
        "confusion": confusion,
    }


def _baseline_only_lexicon() -> sent.SentimentLexicon:
    """The news scorer's lexicon without the project's additions, overrides and compound heads."""
    full = sent.load_lexicon()
    return sent.SentimentLexicon(
        words={}, baseline=full.baseline, phrases={}, negators=full.negators,
        negation_exceptions=full.negation_exceptions, intensifiers=full.intensifiers, compound_heads={},
    )


def _macro_f1_codes(gold: "np.ndarray", pred: "np.ndarray") -> "np.ndarray":
    """Macro-F1 per bootstrap row; gold/pred are (resamples, n) arrays of label codes 0..2."""
    import numpy as np

    f1s = []
    for lab in range(len(sent.LABELS)):
        tp = ((gold == lab) & (pred == lab)).sum(axis=1)
        n_pred = (pred == lab).sum(axis=1)
        n_gold = (gold == lab).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            f1s.append(np.where(n_pred + n_gold > 0, 2 * tp / (n_pred + n_gold), 0.0))
    return np.mean(f1s, axis=0)


def bootstrap_macro_f1(
    gold: Sequence[str], preds: dict[str, Sequence[str]], *, n: int = 1000, seed: int = 0, level: float = 0.95
) -> dict:
    """Paired percentile bootstrap of macro-F1 per scorer and of news minus textblob-de.

    The same resampled items are scored for every scorer (paired), with
    ``numpy.random.default_rng(seed)``; deterministic.
    """
    import numpy as np

    code = {lab: k for k, lab in enumerate(sent.LABELS)}
    g = np.array([code[x] for x in gold])
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(g), size=(n, len(g)))
    tail = (1 - level) / 2 * 100
    scores = {}
    for name, pred in preds.items():
        p = np.array([code[x] for x in pred])
        scores[name] = _macro_f1_codes(g[idx], p[idx])
    out = {name: [float(v) for v in np.percentile(x, [tail, 100 - tail])] for name, x in scores.items()}
    diff = scores["news"] - scores["textblob_de"]
    out["news_minus_textblob_de"] = [float(v) for v in np.percentile(diff, [tail, 100 - tail])]
    out["resamples"], out["seed"], out["level"] = n, seed, level
    return out


def predict(
    items: Sequence[GoldItem],
    *,
    scope: str = "sentence",
    window: int = DEFAULT_WINDOW,
    ablation: bool = False,
    cache: bool = False,
) -> dict[str, list]:
    """Labels and polarities of both scorers (and the ablation, if asked) for every item.

    Returns:
        ``{"news": [labels], "textblob_de": [labels], "news_polarity": [...],
        "textblob_polarity": [...]}`` (+ ``news_baseline_lexicon`` with ``ablation``).
    """
    from medialens import nlp

    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; choose from {SCOPES}")
    lexicon = sent.load_lexicon()
    reduced = _baseline_only_lexicon() if ablation else None
    out: dict[str, list] = {"news": [], "textblob_de": [], "news_polarity": [], "textblob_polarity": []}
    if ablation:
        out[ABLATION] = []
    for item in items:
        doc = nlp.process(f"gerntsa-{item.id}", item.text, cache=cache)
        if scope == "snippet":
            tokens = doc.tokens
        else:
            tokens = sent.target_window(doc, item.start, item.end, window if scope == "window" else None)
        text = doc.text[tokens[0].start : tokens[-1].end]
        news = sent.score_tokens(tokens, lexicon)
        tb = sent.textblob_polarity(text)
        out["news"].append(news.label)
        out["news_polarity"].append(news.polarity)
        out["textblob_de"].append(sent.label_for(tb, TEXTBLOB_BAND))
        out["textblob_polarity"].append(tb)
        if reduced is not None:
            out[ABLATION].append(sent.score_tokens(tokens, reduced).label)
    return out


def evaluate(
    path: Path | str = DEFAULT_GOLD,
    *,
    split: str = "test",
    scope: str = "sentence",
    window: int = DEFAULT_WINDOW,
    ablation: bool = False,
) -> dict:
    """Score both scorers on one split of a GerNTSA file; the dict that ``--json`` prints."""
    items = select_split(read_gerntsa(path), split)
    if not items:
        raise ValueError(f"no items in split {split!r} of {path}")
    pred = predict(items, scope=scope, window=window, ablation=ablation)
    gold = [it.label for it in items]
    names = SCORERS + ((ABLATION,) if ablation else ())
    return {
        "dataset": str(path),
        "citation": CITATION,
        "split": split,
        "split_rule": "sha256(opinion_snippet) even -> tune, odd -> test; developed on tune only",
        "scope": scope,
        "window": window if scope == "window" else None,
        "neutral_band": {"news": sent.NEUTRAL_BAND, "textblob_de": TEXTBLOB_BAND},
        "gold_distribution": {lab: gold.count(lab) for lab in sent.LABELS},
        "scorers": {name: metrics(gold, pred[name]) for name in names},
        "bootstrap_macro_f1_ci": bootstrap_macro_f1(gold, {name: pred[name] for name in names}),
    }


_TITLES = {"textblob_de": "textblob-de", "news": "news scorer", ABLATION: "news, base lex"}


def format_report(result: dict) -> str:
    """Readable side-by-side table of :func:`evaluate` output."""
    scorers = result["scorers"]
    names = list(scorers)
    tb, nw = scorers["textblob_de"], scorers["news"]
    held = {
        "test": " (held-out half: not used to develop the lexicon, rules or thresholds)",
        "tune": " (development half: lexicon and thresholds were tuned on it, optimistic)",
        "all": " (both halves: includes the development half, optimistic)",
    }[result["split"]]
    scope = {
        "sentence": "the target's sentence",
        "window": f"+-{result['window']} tokens around the target in its sentence",
        "snippet": "the whole snippet",
    }[result["scope"]]
    band = result["neutral_band"]
    head = "".join(f"{_TITLES[n]:>16}" for n in names)
    lines = [
        "Sentiment toward a target - GerNTSA",
        f"  data:   {result['dataset']}",
        f"  cite:   {result['citation']}",
        f"  split:  {result['split']}{held}",
        f"          n = {tb['n']}, gold {result['gold_distribution']}",
        f"  scope:  {scope}; neutral band |p| < {band['news']} (news), < {band['textblob_de']} (textblob-de)",
        "",
        f"  {'':20}{head}",
        f"  {'accuracy':20}" + "".join(f"{scorers[n]['accuracy']:>16.3f}" for n in names),
        f"  {'macro-F1':20}" + "".join(f"{scorers[n]['macro_f1']:>16.3f}" for n in names),
    ]
    ci = result["bootstrap_macro_f1_ci"]
    lines.append(f"  {'macro-F1 95% CI':20}" + "".join(f"{'[%.3f, %.3f]' % tuple(ci[n]):>16}" for n in names))
    for lab in sent.LABELS:
        lines.append(f"  {'F1 ' + lab:20}" + "".join(f"{scorers[n]['per_class'][lab]['f1']:>16.3f}" for n in names))
    lo, hi = ci["news_minus_textblob_de"]
    lines.append(
        f"  macro-F1 news scorer - textblob-de: {nw['macro_f1'] - tb['macro_f1']:+.3f} "
        f"(paired bootstrap 95% CI [{lo:+.3f}, {hi:+.3f}], {ci['resamples']} resamples, seed {ci['seed']})"
    )
    for name in names:
        conf = scorers[name]["confusion"]
        lines += ["", f"  confusion {_TITLES[name]} (rows gold, columns predicted)",
                  "  " + f"{'':10}" + "".join(f"{p:>10}" for p in sent.LABELS)]
        for g in sent.LABELS:
            lines.append("  " + f"{g:10}" + "".join(f"{conf[g][p]:>10}" for p in sent.LABELS))
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``medialens eval sentiment``."""
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="GerNTSA JSON file (default: %(default)s)")
    parser.add_argument("--split", choices=SPLITS, default="test",
                        help="test = held-out half (default), tune = development half, all = both")
    parser.add_argument("--scope", choices=SCOPES, default="sentence",
                        help="text scored per item: the target's sentence (default), a window around "
                        "the target, or the whole snippet")
    parser.add_argument("--window", type=int, default=DEFAULT_WINDOW,
                        help="tokens either side of the target for --scope window (default %(default)s)")
    parser.add_argument("--ablation", action="store_true",
                        help="also score with the baseline lexicon only (no project additions)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    """Run the evaluation; returns 0, or 2 when the gold file is missing or malformed."""
    try:
        result = evaluate(
            args.gold, split=args.split, scope=args.scope, window=args.window,
            ablation=getattr(args, "ablation", False),
        )
    except (FileNotFoundError, ValueError) as exc:
        print(f"medialens eval sentiment: {exc}")
        return 2
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else format_report(result))
    return 0
