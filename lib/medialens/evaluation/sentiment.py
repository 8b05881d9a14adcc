"""Sentiment evaluation: tone toward a target on GerNTSA; rules, learned model and textblob-de side by side.

``medialens eval sentiment [--gold FILE] [--items test|all] [--folds 5] [--save]`` reads the
GerNTSA JSON (Goerlich, *GerNTSA: German News Topic Sentiment Analysis dataset*, repository
cgoer/GerNTSA, CC BY 4.0): one news snippet per item with a ``target`` (character range
``target_anchor``) and the crowd-majority polarity toward it.

Scorers, all on the target's sentence (the same text for every scorer):

* ``textblob_de`` - the baseline, neutral band :data:`TEXTBLOB_BAND`;
* ``rules_sentence`` - the news scorer's sentence tone (``score_tokens``);
* ``rules_target`` - the news scorer's tone toward the target (``score_toward``: clause scope,
  attachment, band ``TARGET_BAND``), the tone the actor charts use;
* ``learned`` - logistic regression over lemma features only (:mod:`medialens.sentiment.learned`);
* ``combined`` - the same with the rules' lexicon features added.

What is held out. Two things could leak: rule development and model fitting.

1. Rules, lexicons, bands and scope weights were developed on the ``tune`` half of the file only
   (SHA-256 of the snippet even); the ``test`` half was never read item by item. Figures are reported
   on the ``test`` items by default (``--items all`` adds the tune half: optimistic for the rules).
2. The learned models are cross-validated in ``--folds`` grouped folds over **all** items: items with
   the same target (case-folded) or near-identical text (5-word shingles, Jaccard >= 0.5, or at
   least 8 shared shingles: boilerplate, agency copies) form one group, and a group never straddles
   folds (``StratifiedGroupKFold``, seed 0). For each fold the models are fitted on all other folds
   (both halves) and predict that fold. Their hyper-parameters were chosen inside the tune half.

Intervals: per-fold macro-F1 (mean and a t-interval over folds) and, for the pooled figure, a paired
cluster bootstrap over item groups (1,000 resamples, seed 0) for every scorer and for the differences.
The learned model may ship as a data file only if it beats the rules (``rules_target``) on these
held-out items with a difference interval above zero; the result says whether it does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy as np

from medialens import config
from medialens import sentiment as sent

CITATION = (
    "Goerlich, GerNTSA: German News Topic Sentiment Analysis dataset "
    "(repository cgoer/GerNTSA), CC BY 4.0"
)
DEFAULT_GOLD = config.EVAL_DIR / "sentiment-gerntsa-dev.json"
#: Neutral band of the textblob-de baseline, chosen for it on the tune half.
TEXTBLOB_BAND = 0.3
SCORERS = ("textblob_de", "rules_sentence", "rules_target", "learned", "combined")
TITLES = {"textblob_de": "textblob-de", "rules_sentence": "rules sentence", "rules_target": "rules target",
          "learned": "learned", "combined": "combined"}
ITEM_SETS = ("test", "all")
#: Shingle size and thresholds of the near-duplicate grouping.
SHINGLE = 5
NEAR_JACCARD = 0.5
NEAR_SHARED = 8


class GoldItem(NamedTuple):
    """One GerNTSA item: snippet, target and its character range, gold label."""

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
    """Development half of an item: SHA-256 of its snippet, even -> "tune", odd -> "test"."""
    return "tune" if int(hashlib.sha256(item.text.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


def select_split(items: Sequence[GoldItem], split: str) -> list[GoldItem]:
    """Items of one development half ("tune" or "test") or "all"."""
    if split not in ("tune", "test", "all"):
        raise ValueError(f"unknown split {split!r}; choose from tune, test, all")
    return list(items) if split == "all" else [it for it in items if split_of(it) == split]


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def item_groups(items: Sequence[GoldItem]) -> list[int]:
    """Group id per item: same target (case-folded) or near-identical snippet, joined transitively."""
    parent = list(range(len(items)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)

    first_of: dict[str, int] = {}
    for i, item in enumerate(items):
        union(first_of.setdefault(item.target.lower(), i), i)
    shingles = [_shingles(item.text) for item in items]
    holders: dict[tuple, list[int]] = defaultdict(list)
    for i, grams in enumerate(shingles):
        shared: Counter = Counter(j for g in grams for j in holders[g])
        for j, count in shared.items():
            if count >= NEAR_SHARED or count / len(grams | shingles[j]) >= NEAR_JACCARD:
                union(i, j)
        for g in grams:
            holders[g].append(i)
    return [find(i) for i in range(len(items))]


def grouped_folds(items: Sequence[GoldItem], k: int = 5, seed: int = 0) -> np.ndarray:
    """Fold number per item: stratified by label, a group of :func:`item_groups` never split."""
    from sklearn.model_selection import StratifiedGroupKFold

    labels = [it.label for it in items]
    folds = np.empty(len(items), dtype=int)
    splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    for f, (_, test) in enumerate(splitter.split(np.zeros(len(items)), labels, item_groups(items))):
        folds[test] = f
    return folds


def metrics(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix (gold x predicted)."""
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
        per_class[lab] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": n_gold}
    n = len(gold)
    return {
        "n": n,
        "accuracy": sum(confusion[lab][lab] for lab in sent.LABELS) / n if n else 0.0,
        "macro_f1": sum(c["f1"] for c in per_class.values()) / len(sent.LABELS),
        "per_class": per_class,
        "confusion": confusion,
    }


def _macro_f1_rows(gold: np.ndarray, pred: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Macro-F1 per bootstrap row; ``weights`` (rows x items) counts how often an item was drawn."""
    f1s = []
    for lab in range(len(sent.LABELS)):
        tp = weights @ ((gold == lab) & (pred == lab))
        both = weights @ (gold == lab) + weights @ (pred == lab)
        with np.errstate(divide="ignore", invalid="ignore"):
            f1s.append(np.where(both > 0, 2 * tp / both, 0.0))
    return np.mean(f1s, axis=0)


def bootstrap_macro_f1(
    gold: Sequence[str], preds: dict[str, Sequence[str]], groups: Sequence, *, pairs: Sequence[tuple[str, str]] = (),
    n: int = 1000, seed: int = 0, level: float = 0.95,
) -> dict:
    """Paired cluster bootstrap of macro-F1: whole item groups are resampled (the same draws for every
    scorer). Returns ``{scorer: [low, high], "a - b": [low, high], …}`` for the scorers and ``pairs``."""
    code = {lab: k for k, lab in enumerate(sent.LABELS)}
    g = np.array([code[x] for x in gold])
    _, group_codes = np.unique(np.asarray([str(x) for x in groups]), return_inverse=True)
    n_groups = int(group_codes.max()) + 1
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(n_groups, np.full(n_groups, 1 / n_groups), size=n)
    weights = draws[:, group_codes].astype(float)
    tail = (1 - level) / 2 * 100
    scores = {name: _macro_f1_rows(g, np.array([code[x] for x in p]), weights) for name, p in preds.items()}
    out = {name: [float(v) for v in np.percentile(s, [tail, 100 - tail])] for name, s in scores.items()}
    for a, b in pairs:
        out[f"{a} - {b}"] = [float(v) for v in np.percentile(scores[a] - scores[b], [tail, 100 - tail])]
    out["resamples"], out["seed"], out["level"], out["unit"] = n, seed, level, "item group"
    return out


def fold_interval(values: Sequence[float], level: float = 0.95) -> dict:
    """Mean of per-fold figures with a t-interval over folds."""
    from scipy.stats import t

    x = np.asarray(values, dtype=float)
    half = t.ppf(0.5 + level / 2, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x)) if len(x) > 1 else float("nan")
    return {"folds": [float(v) for v in x], "mean": float(x.mean()), "ci": [float(x.mean() - half), float(x.mean() + half)]}


def rule_predictions(items: Sequence[GoldItem], docs: Sequence) -> dict[str, list]:
    """Labels of textblob-de and both rule scorers for every item (the target's sentence for all)."""
    from medialens.sentiment import baseline

    lexicon = sent.load_lexicon()
    out: dict[str, list] = {name: [] for name in ("textblob_de", "rules_sentence", "rules_target")}
    for item, doc in zip(items, docs):
        tokens = sent.target_window(doc, item.start, item.end)
        text = doc.text[tokens[0].start : tokens[-1].end]
        out["textblob_de"].append(sent.label_for(baseline.textblob_polarity(text), TEXTBLOB_BAND))
        out["rules_sentence"].append(sent.score_tokens(tokens, lexicon).label)
        out["rules_target"].append(sent.score_toward(doc, item.start, item.end, lexicon).label)
    return out


def learned_predictions(items: Sequence[GoldItem], docs: Sequence, folds: np.ndarray) -> dict[str, list]:
    """Out-of-fold labels of the learned and the combined model (fitted on the other folds)."""
    from medialens.sentiment import learned

    lexicon = sent.load_lexicon()
    features = [learned.target_features(doc, it.start, it.end, lexicon) for it, doc in zip(items, docs)]
    labels = [it.label for it in items]
    out = {"learned": [""] * len(items), "combined": [""] * len(items)}
    for fold in sorted(set(folds.tolist())):
        train = [i for i in range(len(items)) if folds[i] != fold]
        test = [i for i in range(len(items)) if folds[i] == fold]
        for name, use_lex in (("learned", False), ("combined", True)):
            examples = [(features[i][0] if use_lex else {}, features[i][1]) for i in train]
            C, term_weight = learned.SETTINGS[name]
            model = learned.fit(examples, [labels[i] for i in train], C=C, term_weight=term_weight)
            for i in test:
                out[name][i] = model.predict(features[i][0] if use_lex else {}, features[i][1])
    return out


def score_gerntsa(path: Path | str = DEFAULT_GOLD, *, items: str = "test", k: int = 5, cache: bool = True) -> dict:
    """Every scorer on the GerNTSA file: the dict ``medialens eval sentiment`` prints and saves."""
    from medialens import nlp

    if items not in ITEM_SETS:
        raise ValueError(f"unknown item set {items!r}; choose from {ITEM_SETS}")
    gold_items = read_gerntsa(path)
    docs = [nlp.process(f"gerntsa-{it.id}", it.text, cache=cache) for it in gold_items]
    folds = grouped_folds(gold_items, k)
    groups = item_groups(gold_items)
    pred = {**rule_predictions(gold_items, docs), **learned_predictions(gold_items, docs, folds)}
    keep = [i for i, it in enumerate(gold_items) if items == "all" or split_of(it) == "test"]
    gold = [gold_items[i].label for i in keep]
    shown = {name: [pred[name][i] for i in keep] for name in SCORERS}
    per_fold = {
        name: fold_interval([metrics([gold_items[i].label for i in keep if folds[i] == f],
                                     [pred[name][i] for i in keep if folds[i] == f])["macro_f1"] for f in range(k)])
        for name in SCORERS
    }
    pairs = [(name, "textblob_de") for name in SCORERS if name != "textblob_de"]
    pairs += [("learned", "rules_target"), ("combined", "rules_target")]
    ci = bootstrap_macro_f1(gold, shown, [groups[i] for i in keep], pairs=pairs)
    scores = {name: metrics(gold, shown[name]) for name in SCORERS}
    best = max(("learned", "combined"), key=lambda name: scores[name]["macro_f1"])
    return {
        "dataset": Path(path).name,
        "citation": CITATION,
        "items": items,
        "item_rule": "test = sha256(opinion_snippet) odd: never used to develop rules, lexicons or bands",
        "folds": {"k": k, "rule": "StratifiedGroupKFold(seed 0) over all items; groups = same target or "
                  f"near-identical snippet ({SHINGLE}-word shingles, Jaccard >= {NEAR_JACCARD} or >= {NEAR_SHARED} shared)",
                  "groups": len(set(groups))},
        "neutral_band": {"rules_sentence": sent.NEUTRAL_BAND, "rules_target": sent.TARGET_BAND, "textblob_de": TEXTBLOB_BAND},
        "gold_distribution": {lab: gold.count(lab) for lab in sent.LABELS},
        "scorers": scores,
        "per_fold_macro_f1": per_fold,
        "bootstrap_macro_f1_ci": ci,
        "learned_decision": {
            "best": best,
            "beats_rules": ci[f"{best} - rules_target"][0] > 0,
            "rule": "ship the learned model only if its macro-F1 minus rules_target has a 95% interval above 0",
        },
    }


def data_paths(args: argparse.Namespace) -> list[Path]:
    """The gold file scored (fingerprinted in the saved result)."""
    return [Path(args.gold)]


def evaluate(args: argparse.Namespace) -> dict:
    """``medialens eval sentiment``: the figures of :func:`score_gerntsa` for the command's options."""
    return score_gerntsa(args.gold, items=args.items, k=args.folds)


def _fmt_ci(pair: Sequence[float]) -> str:
    return "[%.3f, %.3f]" % tuple(pair)


def format_result(result: dict) -> str:
    """Readable side-by-side table of :func:`score_gerntsa` output (``--save`` stores the full dict as JSON)."""
    scorers, ci, folds = result["scorers"], result["bootstrap_macro_f1_ci"], result["per_fold_macro_f1"]
    names = list(scorers)
    held = {"test": "held-out half (never used to develop rules; learned models out-of-fold)",
            "all": "all items (includes the half the rules were developed on: optimistic for the rules)"}
    band = result["neutral_band"]
    lines = [
        "Sentiment toward a target - GerNTSA",
        f"  data:   {result['dataset']}  ({result['citation']})",
        f"  items:  {held[result['items']]}; n = {scorers[names[0]]['n']}, gold {result['gold_distribution']}",
        f"  folds:  {result['folds']['k']} grouped folds, {result['folds']['groups']} item groups; {result['folds']['rule']}",
        f"  bands:  |p| < {band['rules_sentence']} rules sentence, < {band['rules_target']} rules target, "
        f"< {band['textblob_de']} textblob-de",
        "",
        f"  {'':24}" + "".join(f"{TITLES[n]:>17}" for n in names),
        f"  {'macro-F1 (pooled)':24}" + "".join(f"{scorers[n]['macro_f1']:>17.3f}" for n in names),
        f"  {'  95% CI, group bootstr.':24}" + "".join(f"{_fmt_ci(ci[n]):>17}" for n in names),
        f"  {'macro-F1 mean of folds':24}" + "".join(f"{folds[n]['mean']:>17.3f}" for n in names),
        f"  {'  95% t-interval':24}" + "".join(f"{_fmt_ci(folds[n]['ci']):>17}" for n in names),
        f"  {'accuracy':24}" + "".join(f"{scorers[n]['accuracy']:>17.3f}" for n in names),
    ]
    for lab in sent.LABELS:
        lines.append(f"  {'F1 ' + lab:24}" + "".join(f"{scorers[n]['per_class'][lab]['f1']:>17.3f}" for n in names))
    lines.append("  per fold: " + "; ".join(f"{TITLES[n]} " + " ".join(f"{v:.3f}" for v in folds[n]["folds"]) for n in names))
    lines.append("")
    for key in (k for k in ci if " - " in k):
        a, b = key.split(" - ")
        diff = scorers[a]["macro_f1"] - scorers[b]["macro_f1"]
        lines.append(f"  {TITLES[a]} - {TITLES[b]}: {diff:+.3f}  95% CI [{ci[key][0]:+.3f}, {ci[key][1]:+.3f}]")
    decision = result["learned_decision"]
    verdict = "beats the rules: may ship" if decision["beats_rules"] else "does NOT beat the rules: not used"
    lines += ["", f"  learned model ({TITLES[decision['best']]}) {verdict} ({decision['rule']})"]
    for name in ("rules_target", decision["best"]):
        conf = scorers[name]["confusion"]
        lines += ["", f"  confusion {TITLES[name]} (rows gold, columns predicted)",
                  "  " + f"{'':10}" + "".join(f"{p:>10}" for p in sent.LABELS)]
        lines += ["  " + f"{g:10}" + "".join(f"{conf[g][p]:>10}" for p in sent.LABELS) for g in sent.LABELS]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``medialens eval sentiment``."""
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="GerNTSA JSON file (default: %(default)s)")
    parser.add_argument("--items", choices=ITEM_SETS, default="test",
                        help="test = held-out half (default); all = both halves (optimistic for the rules)")
    parser.add_argument("--folds", type=int, default=5, help="grouped cross-validation folds (default %(default)s)")


def result_table(result: dict) -> "pd.DataFrame":
    """One row per scorer of a stored result (``load_result("sentiment")["metrics"]``): pooled macro-F1
    with its group-bootstrap interval, the mean of folds with its t-interval, accuracy, n."""
    import pandas as pd

    rows = []
    for name, scores in result["scorers"].items():
        ci, folds = result["bootstrap_macro_f1_ci"][name], result["per_fold_macro_f1"][name]
        rows.append({"scorer": TITLES.get(name, name), "n": scores["n"], "macro_f1": scores["macro_f1"],
                     "ci_low": ci[0], "ci_high": ci[1], "fold_mean": folds["mean"], "fold_ci_low": folds["ci"][0],
                     "fold_ci_high": folds["ci"][1], "accuracy": scores["accuracy"]})
    return pd.DataFrame(rows)


def decision_text(result: dict) -> str:
    """Whether the learned model may replace or join the rules, with the figure that decides it."""
    decision = result["learned_decision"]
    best = decision["best"]
    key = f"{best} - rules_target"
    diff = result["scorers"][best]["macro_f1"] - result["scorers"]["rules_target"]["macro_f1"]
    low, high = result["bootstrap_macro_f1_ci"][key]
    verdict = "beats the rules and may ship" if decision["beats_rules"] else "does not beat the rules: not used"
    return (f"Learned model ({TITLES[best]}) {verdict}; macro-F1 {TITLES[best]} - rules target = {diff:+.3f} "
            f"(95% CI {low:+.3f} to {high:+.3f}).")


def accuracy_note(stored: dict) -> str:
    """One sentence for figure notes, from a stored result (the whole ``load_result`` record)."""
    m = stored["metrics"]
    s, ci = m["scorers"], m["bootstrap_macro_f1_ci"]
    return (f"GerNTSA held-out items (n = {s['rules_target']['n']}): macro-F1 toward the target "
            f"{s['rules_target']['macro_f1']:.3f} [{ci['rules_target'][0]:.3f}, {ci['rules_target'][1]:.3f}] "
            f"(medialens rules) vs {s['textblob_de']['macro_f1']:.3f} [{ci['textblob_de'][0]:.3f}, "
            f"{ci['textblob_de'][1]:.3f}] (textblob-de); {stored['command']}, {stored['date']}")
