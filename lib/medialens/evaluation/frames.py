"""Framing evaluation: the rules against the hand-coded framing sample (and the topic dictionary).

``medialens eval frames [--split test|dev|all] [--save]`` codes every item of
``data/validation/framing_sample.csv`` with the framing rules (each item processed as one article:
German pipeline, attribution step, framing passes) and compares the result with the hand coding of
``framing_codes.csv`` (CODEBOOK.md), per measure and view:

* naming -- ``label`` (referent:label present in the item), ``label+voice``, ``label+voice+distanced``;
* causal -- ``category``, ``category+voice``;
* distancing -- ``marker`` (a counting marker), ``marker+voice``.

The unit is an item x code decision over the codebook's whole grid (every label of the case, every
cause category, every marker; x voice): precision, recall and F1 of the rules, and Krippendorff's
alpha (nominal; Krippendorff 2011) between rules and coding, each with a 95% bootstrap interval over
items. Figures are given for the ``dev`` half (rules were developed on it), the ``test`` half (held
out: the figure to quote) and all items. The same scores compare the first hand coding with the
second (``framing_codes_recode.csv``, same coder, shuffled order: an intra-coder check, not
reliability). The topic dictionary is scored on its own sample (:mod:`medialens.evaluation.topics`).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from medialens import config, nlp
from medialens.stats import group_rng, prf

VALIDATION_DIR = config.DATA_DIR / "validation"
SAMPLE = VALIDATION_DIR / "framing_sample.csv"
CODES = VALIDATION_DIR / "framing_codes.csv"
RECODE = VALIDATION_DIR / "framing_codes_recode.csv"
MEASURES = ("naming", "causal", "distancing")
VIEWS = {
    "naming": ("label", "label+voice", "label+voice+distanced"),
    "causal": ("category", "category+voice"),
    "distancing": ("marker", "marker+voice"),
}
VOICES = ("own", "attributed")
CODE_COLUMNS = ["item_id", "measure", "code", "voice", "distanced", "target", "span", "note"]
SPLITS = ("dev", "test", "all")


# ------------------------------------------------------------------------------------ readers


def read_sample(path: str | Path = SAMPLE) -> pd.DataFrame:
    """The items: ``item_id, split, outlet_type, text``.

    Raises:
        ValueError: a missing column, a duplicated item or a split other than dev/test.
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("item_id", "split", "outlet_type", "text") if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}")
    if df["item_id"].duplicated().any():
        raise ValueError(f"{path}: duplicated item(s) {sorted(df.loc[df['item_id'].duplicated(), 'item_id'])[:5]}")
    bad = df.index[~df["split"].isin(["dev", "test"])]
    if len(bad):
        raise ValueError(f"{path}:{int(bad[0]) + 2}: split must be dev or test")
    return df


def _code_universe(case_name: str) -> dict[str, set[str]]:
    from medialens.framing import load_case, load_distancing

    case, lex = load_case(case_name), load_distancing()
    markers = set(lex.rules) | {p.owner[0].marker for p in _all_patterns(lex.lexical)}
    return {"naming": {f"{r}:{lab}" for r, lab in case.labels}, "causal": set(case.categories), "distancing": markers}


def _all_patterns(patterns) -> list:
    pools = [*patterns.exact.values(), *patterns.prefix.values(), *patterns.head.values(), *patterns.token.values(),
             patterns.phrase_any]
    return [p for pool in pools for p in pool]


def _check_code(row: Mapping[str, str], where: str, universe: Mapping[str, set[str]], text: str) -> None:
    if row["measure"] not in MEASURES:
        raise ValueError(f"{where}: measure {row['measure']!r} is not one of {MEASURES}")
    if row["code"] not in universe[row["measure"]]:
        raise ValueError(f"{where}: unknown {row['measure']} code {row['code']!r}")
    if row["voice"] not in VOICES:
        raise ValueError(f"{where}: voice {row['voice']!r} is not one of {VOICES}")
    if row["measure"] == "naming" and row["distanced"] not in ("0", "1"):
        raise ValueError(f"{where}: distanced must be 0 or 1 for a naming code")
    pos = 0
    for piece in row["span"].split(" ... "):
        found = text.find(piece, pos)
        if found < 0:
            raise ValueError(f"{where}: span {row['span']!r} is not in the text of {row['item_id']}")
        pos = found + len(piece)


def read_codes(path: str | Path, items: pd.DataFrame, case: str) -> pd.DataFrame:
    """Hand codes (CODEBOOK.md section 1), checked against the items and the case's codes.

    Raises:
        ValueError: naming file and line -- an unknown item, measure, code or voice, a distanced flag
            other than 0/1 on a naming code, or a span that does not occur in its item.
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in CODE_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}")
    texts = dict(zip(items["item_id"], items["text"]))
    universe = _code_universe(case)
    for k, row in enumerate(df.to_dict("records")):
        where = f"{path}:{k + 2}"
        if row["item_id"] not in texts:
            raise ValueError(f"{where}: unknown item {row['item_id']!r}")
        _check_code(row, where, universe, texts[row["item_id"]])
    return df[CODE_COLUMNS]


# ------------------------------------------------------------------------------------ rules


def sample_tables(items: pd.DataFrame, case: str, *, cache: bool | Path = True) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Annotate the items as a small corpus (each item one article): ``(articles, tables)`` with the
    articles table (``article_id`` = item id, ``outlet_type``, ``text``, ``synthetic``) and the
    ``sentences``, ``attributions``, ``naming``, ``causal``, ``distancing`` and ``topics`` tables --
    the real-style sample the notebook draws the framing charts on besides the demo corpus."""
    from medialens import attribution
    from medialens.framing import FramingRows, annotate_document

    docs = [nlp.process(i, t, cache=cache) for i, t in zip(items["item_id"], items["text"])]
    attributions = attribution.attributions_frame(docs)
    by_item = {k: g for k, g in attributions.groupby(attributions["article_id"].astype(str))}
    rows = FramingRows()
    for doc in docs:
        rows.extend(annotate_document(doc, by_item.get(doc.article_id), cases=[case]))
    articles = pd.DataFrame({"article_id": items["item_id"], "outlet_type": items["outlet_type"], "text": items["text"],
                             "split": items["split"], "synthetic": True})
    return articles, {"sentences": nlp.sentences_frame(docs), "attributions": attributions, **rows.tables()}


def rule_codes(items: pd.DataFrame, case: str, *, cache: bool | Path = True) -> pd.DataFrame:
    """Code every item with the rules: one row per naming, causal and counting distancing row, in the
    columns of the hand codes (``span`` = the matched words)."""
    _, tables = sample_tables(items, case, cache=cache)
    rows = []
    for r in tables["naming"].itertuples(index=False):
        rows.append((r.article_id, "naming", f"{r.referent}:{r.label}", r.voice, str(int(r.distanced)), "", r.matched, ""))
    for r in tables["causal"].itertuples(index=False):
        rows.append((r.article_id, "causal", r.category, r.voice, "", "", r.matched, ""))
    for r in tables["distancing"][tables["distancing"]["counts"]].itertuples(index=False):
        rows.append((r.article_id, "distancing", r.marker, r.voice, "", "", r.matched, ""))
    return pd.DataFrame(rows, columns=CODE_COLUMNS)


# ------------------------------------------------------------------------------------ scoring


def _key(row, view: str) -> tuple:
    if view.endswith("+distanced"):
        return (row.code, row.voice, row.distanced)
    return (row.code, row.voice) if view.endswith("+voice") else (row.code,)


def code_sets(codes: pd.DataFrame, measure: str, view: str) -> dict[str, set[tuple]]:
    """Per item: the set of codes of ``measure`` in the key of ``view``."""
    out: dict[str, set[tuple]] = {}
    for r in codes[codes["measure"] == measure].itertuples(index=False):
        out.setdefault(r.item_id, set()).add(_key(r, view))
    return out


def grid(universe: Sequence[str], view: str) -> list[tuple]:
    """Every decision of the codebook for one item: each code, x voice, x distanced."""
    if view.endswith("+distanced"):
        return [(c, v, d) for c in universe for v in VOICES for d in ("0", "1")]
    return [(c, v) for c in universe for v in VOICES] if view.endswith("+voice") else [(c,) for c in universe]


def alpha_binary(gold: np.ndarray, pred: np.ndarray) -> float:
    """Krippendorff's alpha (nominal) of two complete binary codings, in closed form:
    1 - (n - 1) * D / (n_0 * n_1), with n = 2 x units, D = disagreeing units, n_0/n_1 the value counts
    (equal to :func:`medialens.stats.krippendorff_alpha_nominal`, vectorised for the bootstrap)."""
    n = 2 * gold.size
    ones = int(gold.sum() + pred.sum())
    zeros = n - ones
    if n < 2 or ones == 0 or zeros == 0:
        return math.nan
    return 1.0 - (n - 1) * float((gold != pred).sum()) / (zeros * ones)


def _metrics(g: np.ndarray, p: np.ndarray) -> tuple[float, float, float, float]:
    tp, n_pred, n_gold = int((g & p).sum()), int(p.sum()), int(g.sum())
    return (*prf(tp, n_pred, n_gold, undefined=math.nan), alpha_binary(g, p))


def score(item_ids: Sequence[str], gold: Mapping[str, set], pred: Mapping[str, set], cells: Sequence[tuple], *,
          n_boot: int = 1000, seed: int = 0, key: object = "") -> dict:
    """Precision, recall, F1 and alpha of ``pred`` against ``gold`` over items x ``cells``, with 95%
    intervals from resampling items (``n_boot`` resamples, generator seeded by ``key``)."""
    index = {c: k for k, c in enumerate(cells)}
    g = np.zeros((len(item_ids), len(cells)), dtype=bool)
    p = np.zeros_like(g)
    for i, item in enumerate(item_ids):
        for c in gold.get(item, ()):
            g[i, index[c]] = True
        for c in pred.get(item, ()):
            if c in index:
                p[i, index[c]] = True
    point = _metrics(g, p)
    rng = group_rng(seed, key)
    boots = np.array([_metrics(g[idx], p[idx]) for idx in rng.integers(0, len(item_ids), (n_boot, len(item_ids)))])
    out = {"items": len(item_ids), "gold": int(g.sum()), "predicted": int(p.sum()), "true_positive": int((g & p).sum())}
    for k, name in enumerate(("precision", "recall", "f1", "alpha")):
        col = boots[:, k][~np.isnan(boots[:, k])]
        out[name] = point[k]
        out[f"{name}_ci"] = [float(np.quantile(col, 0.025)), float(np.quantile(col, 0.975))] if len(col) else [None, None]
    return out


def compare(items: pd.DataFrame, gold: pd.DataFrame, pred: pd.DataFrame, case: str, *, splits: Sequence[str] = SPLITS,
            n_boot: int = 1000, seed: int = 0) -> dict:
    """``{split: {measure: {view: score}}}`` of ``pred`` against ``gold``."""
    universe = {m: sorted(v) for m, v in _code_universe(case).items()}
    out: dict = {}
    for split in splits:
        ids = list(items["item_id"] if split == "all" else items.loc[items["split"] == split, "item_id"])
        out[split] = {
            m: {view: score(ids, code_sets(gold, m, view), code_sets(pred, m, view), grid(universe[m], view),
                            n_boot=n_boot, seed=seed, key=(split, m, view)) for view in VIEWS[m]}
            for m in MEASURES
        }
    return out


def per_code(items: pd.DataFrame, gold: pd.DataFrame, pred: pd.DataFrame, split: str = "test") -> list[dict]:
    """Counts per measure and code group (referent, category, marker) on one split, code view."""
    ids = set(items["item_id"] if split == "all" else items.loc[items["split"] == split, "item_id"])
    rows = []
    for m in MEASURES:
        g, p = code_sets(gold, m, "x"), code_sets(pred, m, "x")
        group_of = (lambda c: c.split(":")[0]) if m == "naming" else (lambda c: c)
        groups = sorted({group_of(c[0]) for i in ids for c in g.get(i, set()) | p.get(i, set())})
        for grp in groups:
            gg = {(i, c) for i in ids for c in g.get(i, ()) if group_of(c[0]) == grp}
            pp = {(i, c) for i in ids for c in p.get(i, ()) if group_of(c[0]) == grp}
            pr = prf(len(gg & pp), len(pp), len(gg), undefined=math.nan)
            rows.append({"measure": m, "group": grp, "gold": len(gg), "predicted": len(pp), "true_positive": len(gg & pp),
                         "precision": pr.precision, "recall": pr.recall})
    return rows


# ------------------------------------------------------------------------------------ command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``medialens eval frames``."""
    from medialens.framing import DEFAULT_CASE

    parser.add_argument("--sample", type=Path, default=SAMPLE, help=f"items (default {SAMPLE})")
    parser.add_argument("--codes", type=Path, default=CODES, help=f"hand codes (default {CODES})")
    parser.add_argument("--recode", type=Path, default=RECODE, help=f"second coding (default {RECODE}; '' to skip)")
    parser.add_argument("--case", default=DEFAULT_CASE, help=f"case of the labels and causes (default {DEFAULT_CASE})")
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap resamples for the intervals (default 1000)")


def data_paths(args: argparse.Namespace) -> list[Path]:
    """The files scored: items, codes, second coding, topic sample, and the lexicons the rules read."""
    from medialens.evaluation.topics import DEFAULT_GOLD

    paths = [args.sample, args.codes, DEFAULT_GOLD, config.LEXICON_DIR / "frames"]
    return paths + ([args.recode] if str(args.recode) else [])


def evaluate(args: argparse.Namespace) -> dict:
    """Score the rules (and the second coding) against the hand coding; the topic dictionary on its
    sample. Returns the JSON-serialisable result ``medialens eval frames --save`` stores."""
    from medialens.evaluation.topics import topic_agreement

    items = read_sample(args.sample)
    gold = read_codes(args.codes, items, args.case)
    pred = rule_codes(items, args.case)
    result = {
        "case": args.case,
        "sample": {"items": len(items), "dev": int((items["split"] == "dev").sum()),
                   "test": int((items["split"] == "test").sum()),
                   "codes": {m: int((gold["measure"] == m).sum()) for m in MEASURES}},
        "rules_vs_coding": compare(items, gold, pred, args.case, n_boot=args.boot),
        "per_code_test": per_code(items, gold, pred, "test"),
        "per_code_all": per_code(items, gold, pred, "all"),
    }
    if str(args.recode):
        recode = read_codes(args.recode, items, args.case)
        result["intra_coder"] = compare(items, gold, recode, args.case, splits=("all",), n_boot=args.boot)["all"]
    table = topic_agreement()
    result["topics"] = table.astype(object).where(table.notna(), None).to_dict(orient="records")
    return result


def agreement_note(result: Mapping, measure: str, view: str, split: str = "test") -> str:
    """One sentence for a chart caption: the stored agreement of ``measure``/``view`` on ``split``.

    Args:
        result: :func:`medialens.evaluation.results.load_result` of ``"frames"``.
    """
    m = result["metrics"]
    s = m["rules_vs_coding"][split][measure][view]
    half = {"test": "held-out half", "dev": "development half", "all": "whole sample"}[split]
    return (f"Rules vs hand coding ({view}) on the {half} of the written framing sample ({s['items']} items, one "
            f"coder who also wrote the rules): precision {_f(s['precision'])}, recall {_f(s['recall'])}, "
            f"Krippendorff's alpha {_f(s['alpha'])} {_ci(s['alpha_ci'])} ({result['command']}, {result['date']}).")


def result_table(result: Mapping, split: str = "test") -> pd.DataFrame:
    """The stored scores of one split as a table (measure, view, gold, predicted, P, R, F1, alpha + intervals)."""
    rows = []
    for measure, views in result["metrics"]["rules_vs_coding"][split].items():
        for view, s in views.items():
            rows.append({"measure": measure, "view": view, "gold": s["gold"], "predicted": s["predicted"],
                         "precision": s["precision"], "recall": s["recall"], "f1": s["f1"], "alpha": s["alpha"],
                         "alpha_ci": _ci(s["alpha_ci"]).strip("[]")})
    return pd.DataFrame(rows)


def _f(value) -> str:
    return "  n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.3f}"


def _ci(pair) -> str:
    return f"[{_f(pair[0])}, {_f(pair[1])}]" if pair and pair[0] is not None else "[n/a]"


def format_result(result: dict) -> str:
    """The result as the table ``medialens eval frames`` prints."""
    lines = [f"Framing rules vs hand coding (case {result['case']}; {result['sample']['items']} items, "
             f"dev {result['sample']['dev']} / test {result['sample']['test']}; rules developed on dev only)",
             "P/R/F1 of the rules, alpha = Krippendorff's alpha (rules vs coding), 95% item-bootstrap intervals", ""]
    for split in SPLITS:
        lines.append(f"== {split}")
        for m in MEASURES:
            for view, s in result["rules_vs_coding"][split][m].items():
                lines.append(f"  {m:<10} {view:<24} gold {s['gold']:>3} pred {s['predicted']:>3}  "
                             f"P {_f(s['precision'])} {_ci(s['precision_ci'])}  R {_f(s['recall'])} {_ci(s['recall_ci'])}  "
                             f"alpha {_f(s['alpha'])} {_ci(s['alpha_ci'])}")
    if "intra_coder" in result:
        lines += ["", "== intra-coder check (first vs second coding by the same coder; not reliability)"]
        for m in MEASURES:
            for view, s in result["intra_coder"][m].items():
                lines.append(f"  {m:<10} {view:<24} alpha {_f(s['alpha'])} ({s['gold']} vs {s['predicted']} codes)")
    lines += ["", "== topic dictionary vs hand coding (demo-corpus sample)"]
    for row in result["topics"]:
        lines.append(f"  {row['topic']:<26} kappa {_f(row['kappa'])}  alpha {_f(row['alpha'])}  "
                     f"P {_f(row['precision'])}  R {_f(row['recall'])}")
    return "\n".join(lines)


__all__ = ["read_sample", "read_codes", "sample_tables", "rule_codes", "compare", "per_code", "score", "alpha_binary", "evaluate",
           "format_result", "data_paths", "add_arguments", "agreement_note", "result_table"]
