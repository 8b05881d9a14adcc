"""Framing evaluation: the rules against the hand-coded framing samples (and the topic dictionary).

``medialens eval frames [--save]`` codes every item of the two written validation samples with the framing
rules (each item processed as one article: German pipeline, attribution step, framing passes, the item's
case) and compares the result with their hand coding (``data/lexicons/frames/CODEBOOK.md``), per measure
and view:

* naming -- ``label`` (referent:label present in the item), ``label+voice``, ``label+voice+distanced``;
* causal -- ``category``, ``category+voice``;
* distancing -- ``marker`` (a counting marker), ``marker+voice``.

The samples (``data/validation/README.md``):

* **fresh** (``framing_fresh_sample.csv`` + ``framing_fresh_codes.csv``): written and coded before the
  last round of rule changes and never developed on -- the held-out figure to quote; scored on all items
  and per case (Kazakhstan, Russia-Ukraine);
* **first** (``framing_sample.csv`` + ``framing_codes.csv``): the first sample, split dev/test by a hash;
  both halves have since been developed on, so its figures are kept for comparison only. Its second coding
  (``framing_codes_recode.csv``, same coder) is an intra-coder check, not reliability.

The unit is an item x code decision over the codebook's whole grid of the item's case (every label,
every cause category, every marker; x voice): precision, recall and F1 of the rules, and Krippendorff's
alpha (nominal; Krippendorff 2011) between rules and coding, each with a 95% bootstrap interval over
items. The topic dictionary is scored on its own sample (:mod:`medialens.evaluation.topics`).
"""

from __future__ import annotations

import argparse
import math
from functools import lru_cache
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
FRESH_SAMPLE = VALIDATION_DIR / "framing_fresh_sample.csv"
FRESH_CODES = VALIDATION_DIR / "framing_fresh_codes.csv"
MEASURES = ("naming", "causal", "distancing")
VIEWS = {
    "naming": ("label", "label+voice", "label+voice+distanced"),
    "causal": ("category", "category+voice"),
    "distancing": ("marker", "marker+voice"),
}
VOICES = ("own", "attributed")
CODE_COLUMNS = ["item_id", "measure", "code", "voice", "distanced", "target", "span", "note"]
SPLITS = ("dev", "test", "all")
#: The sample whose figures are quoted (held out from rule development), and the one kept beside it.
HELD_OUT, EARLIER = "fresh", "first"
#: The view of each measure quoted in captions and summaries.
HEADLINE_VIEWS = {"naming": "label+voice", "causal": "category+voice", "distancing": "marker+voice"}


# ------------------------------------------------------------------------------------ readers


def read_sample(path: str | Path = SAMPLE, case: str | None = None) -> pd.DataFrame:
    """The items: ``item_id, split, case, outlet_type, text`` (``case`` filled with ``case`` -- default the
    Kazakhstan case -- when the file has no such column).

    Raises:
        ValueError: a missing column, a duplicated item, a split other than dev/test or an unknown case.
    """
    from medialens.framing import DEFAULT_CASE, case_names

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("item_id", "split", "outlet_type", "text") if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}")
    if df["item_id"].duplicated().any():
        raise ValueError(f"{path}: duplicated item(s) {sorted(df.loc[df['item_id'].duplicated(), 'item_id'])[:5]}")
    bad = df.index[~df["split"].isin(["dev", "test"])]
    if len(bad):
        raise ValueError(f"{path}:{int(bad[0]) + 2}: split must be dev or test")
    if "case" not in df.columns:
        df.insert(2, "case", case or DEFAULT_CASE)
    unknown = df.index[~df["case"].isin(case_names())]
    if len(unknown):
        raise ValueError(f"{path}:{int(unknown[0]) + 2}: unknown case {df.loc[unknown[0], 'case']!r} "
                         f"(known: {list(case_names())})")
    return df[["item_id", "split", "case", "outlet_type", "text"]]


@lru_cache(maxsize=8)
def _code_universe(case_name: str) -> dict[str, frozenset[str]]:
    """Every code the codebook allows in an item of ``case_name``, per measure."""
    from medialens.framing import load_case, load_distancing

    case, lex = load_case(case_name), load_distancing()
    markers = set(lex.rules) | {p.owner[0].marker for p in _all_patterns(lex.lexical)}
    return {"naming": frozenset(f"{r}:{lab}" for r, lab in case.labels), "causal": frozenset(case.categories),
            "distancing": frozenset(markers)}


def _all_patterns(patterns) -> list:
    pools = [*patterns.exact.values(), *patterns.prefix.values(), *patterns.head.values(), *patterns.token.values(),
             patterns.phrase_any]
    return [p for pool in pools for p in pool]


def _check_code(row: Mapping[str, str], where: str, universe: Mapping[str, frozenset[str]], text: str) -> None:
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


def _item_cases(items: pd.DataFrame, case: str | None) -> dict[str, str]:
    if "case" in items.columns:
        return dict(zip(items["item_id"], items["case"]))
    from medialens.framing import DEFAULT_CASE

    return {item: case or DEFAULT_CASE for item in items["item_id"]}


def read_codes(path: str | Path, items: pd.DataFrame, case: str | None = None) -> pd.DataFrame:
    """Hand codes (CODEBOOK.md section 1), checked against the items and the codes of each item's case
    (``case``: the case of items without a ``case`` column).

    Raises:
        ValueError: naming file and line -- an unknown item, measure, code or voice, a distanced flag
            other than 0/1 on a naming code, or a span that does not occur in its item.
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in CODE_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}")
    texts = dict(zip(items["item_id"], items["text"]))
    cases = _item_cases(items, case)
    for k, row in enumerate(df.to_dict("records")):
        where = f"{path}:{k + 2}"
        if row["item_id"] not in texts:
            raise ValueError(f"{where}: unknown item {row['item_id']!r}")
        _check_code(row, where, _code_universe(cases[row["item_id"]]), texts[row["item_id"]])
    return df[CODE_COLUMNS]


# ------------------------------------------------------------------------------------ rules


def sample_tables(items: pd.DataFrame, case: str | None = None, *,
                  cache: bool | Path = True) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Annotate the items as a small corpus (each item one article, coded with its own case; ``case`` for
    items without a ``case`` column): ``(articles, tables)`` with the articles table (``article_id`` = item
    id, ``outlet_type``, ``case``, ``split``, ``text``, ``synthetic``) and the ``sentences``,
    ``attributions``, ``naming``, ``causal``, ``distancing`` and ``topics`` tables -- the real-style sample
    the notebook can draw the framing charts on besides the demo corpus."""
    from medialens import attribution
    from medialens.framing import FramingRows, annotate_document

    cases = _item_cases(items, case)
    docs = [nlp.process(i, t, cache=cache) for i, t in zip(items["item_id"], items["text"])]
    attributions = attribution.attributions_frame(docs)
    by_item = {k: g for k, g in attributions.groupby(attributions["article_id"].astype(str))}
    rows = FramingRows()
    for doc in docs:
        rows.extend(annotate_document(doc, by_item.get(doc.article_id), cases=[cases[doc.article_id]]))
    articles = pd.DataFrame({"article_id": items["item_id"], "outlet_type": items["outlet_type"],
                             "case": [cases[i] for i in items["item_id"]], "text": items["text"],
                             "split": items["split"], "synthetic": True})
    return articles, {"sentences": nlp.sentences_frame(docs), "attributions": attributions, **rows.tables()}


def rule_codes(items: pd.DataFrame, case: str | None = None, *, cache: bool | Path = True) -> pd.DataFrame:
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


def _alpha(units: int, ones: int, disagreements: int) -> float:
    """Krippendorff's alpha (nominal) of two complete binary codings of ``units`` units, in closed form:
    1 - (n - 1) * D / (n_0 * n_1), with n = 2 x units, D = disagreeing units, n_0/n_1 the value counts."""
    n = 2 * units
    zeros = n - ones
    if n < 2 or ones == 0 or zeros == 0:
        return math.nan
    return 1.0 - (n - 1) * disagreements / (zeros * ones)


def alpha_binary(gold: np.ndarray, pred: np.ndarray) -> float:
    """Krippendorff's alpha (nominal) of two complete binary codings (equal to
    :func:`medialens.stats.krippendorff_alpha_nominal`; closed form, see :func:`_alpha`)."""
    return _alpha(int(gold.size), int(gold.sum() + pred.sum()), int((gold != pred).sum()))


#: Columns of the per-item counts every score is a sum of.
_COUNTS = ("units", "gold", "predicted", "true_positive", "disagreements")


def item_counts(item_ids: Sequence[str], gold: Mapping[str, set], pred: Mapping[str, set],
                cells: Sequence[tuple] | Mapping[str, Sequence[tuple]]) -> np.ndarray:
    """Per item (rows, in ``item_ids`` order): decisions (cells), gold codes, predicted codes, both, and
    disagreements -- over ``cells`` (one grid for all items, or a grid per item: an item's case decides
    which codes exist). A predicted code outside the item's grid is not counted."""
    out = np.zeros((len(item_ids), len(_COUNTS)), dtype=np.int64)
    for i, item in enumerate(item_ids):
        allowed = set(cells[item] if isinstance(cells, Mapping) else cells)
        g, p = gold.get(item, set()) & allowed, pred.get(item, set()) & allowed
        out[i] = (len(allowed), len(g), len(p), len(g & p), len(g ^ p))
    return out


def _metrics(totals: np.ndarray) -> tuple[float, float, float, float]:
    units, n_gold, n_pred, tp, disagreements = (int(v) for v in totals)
    return (*prf(tp, n_pred, n_gold, undefined=math.nan), _alpha(units, n_gold + n_pred, disagreements))


def score(item_ids: Sequence[str], gold: Mapping[str, set], pred: Mapping[str, set],
          cells: Sequence[tuple] | Mapping[str, Sequence[tuple]], *, n_boot: int = 1000, seed: int = 0,
          key: object = "") -> dict:
    """Precision, recall, F1 and alpha of ``pred`` against ``gold`` over items x ``cells`` (one grid, or
    a grid per item), with 95% intervals from resampling items (``n_boot`` resamples, generator seeded by
    ``key``)."""
    counts = item_counts(item_ids, gold, pred, cells)
    point = _metrics(counts.sum(axis=0))
    rng = group_rng(seed, key)
    draws = rng.integers(0, len(item_ids), (n_boot, len(item_ids))) if len(item_ids) else np.zeros((0, 0), int)
    boots = np.array([_metrics(counts[idx].sum(axis=0)) for idx in draws]).reshape(-1, 4)
    totals = counts.sum(axis=0)
    out = {"items": len(item_ids), "gold": int(totals[1]), "predicted": int(totals[2]), "true_positive": int(totals[3])}
    for k, name in enumerate(("precision", "recall", "f1", "alpha")):
        col = boots[:, k][~np.isnan(boots[:, k])]
        out[name] = point[k]
        out[f"{name}_ci"] = [float(np.quantile(col, 0.025)), float(np.quantile(col, 0.975))] if len(col) else [None, None]
    return out


def item_grids(items: pd.DataFrame, measure: str, view: str, case: str | None = None) -> dict[str, list[tuple]]:
    """Per item: the grid of decisions of its case for ``measure`` in ``view``."""
    cases = _item_cases(items, case)
    grids = {c: grid(sorted(_code_universe(c)[measure]), view) for c in set(cases.values())}
    return {item: grids[c] for item, c in cases.items()}


def item_groups(items: pd.DataFrame, groups: Sequence[str]) -> dict[str, list[str]]:
    """Item ids of each named group: ``all``, a split (``dev``/``test``) or a case name."""
    out = {}
    for name in groups:
        if name == "all":
            out[name] = list(items["item_id"])
        elif name in ("dev", "test"):
            out[name] = list(items.loc[items["split"] == name, "item_id"])
        else:
            out[name] = list(items.loc[items["case"] == name, "item_id"])
    return out


def compare(items: pd.DataFrame, gold: pd.DataFrame, pred: pd.DataFrame, case: str | None = None, *,
            splits: Sequence[str] = SPLITS, n_boot: int = 1000, seed: int = 0) -> dict:
    """``{group: {measure: {view: score}}}`` of ``pred`` against ``gold``; a group is ``all``, a split or a
    case name (:func:`item_groups`)."""
    out: dict = {}
    for split, ids in item_groups(items, splits).items():
        out[split] = {
            m: {view: score(ids, code_sets(gold, m, view), code_sets(pred, m, view), item_grids(items, m, view, case),
                            n_boot=n_boot, seed=seed, key=(split, m, view)) for view in VIEWS[m]}
            for m in MEASURES
        }
    return out


def per_code(items: pd.DataFrame, gold: pd.DataFrame, pred: pd.DataFrame, split: str = "test") -> list[dict]:
    """Counts per measure and code group (referent, category, marker) on one group of items, code view."""
    ids = set(item_groups(items, [split])[split])
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

    parser.add_argument("--fresh-sample", type=Path, default=FRESH_SAMPLE,
                        help=f"held-out items (default {FRESH_SAMPLE})")
    parser.add_argument("--fresh-codes", type=Path, default=FRESH_CODES, help=f"their hand codes (default {FRESH_CODES})")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help=f"first sample's items (default {SAMPLE})")
    parser.add_argument("--codes", type=Path, default=CODES, help=f"first sample's hand codes (default {CODES})")
    parser.add_argument("--recode", type=Path, default=RECODE, help=f"second coding (default {RECODE}; '' to skip)")
    parser.add_argument("--case", default=DEFAULT_CASE,
                        help=f"case of items without a case column (default {DEFAULT_CASE})")
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap resamples for the intervals (default 1000)")


def data_paths(args: argparse.Namespace) -> list[Path]:
    """The files scored: both samples and their codes, the second coding, the topic sample, and the
    lexicons the rules read."""
    from medialens.evaluation.topics import DEFAULT_GOLD

    paths = [args.fresh_sample, args.fresh_codes, args.sample, args.codes, DEFAULT_GOLD, config.LEXICON_DIR / "frames"]
    return paths + ([args.recode] if str(args.recode) else [])


def _sample_summary(items: pd.DataFrame, gold: pd.DataFrame) -> dict:
    return {"items": len(items), "dev": int((items["split"] == "dev").sum()), "test": int((items["split"] == "test").sum()),
            "cases": {c: int(n) for c, n in items["case"].value_counts().sort_index().items()},
            "coded_items": int(gold["item_id"].nunique()),
            "codes": {m: int((gold["measure"] == m).sum()) for m in MEASURES}}


def evaluate(args: argparse.Namespace) -> dict:
    """Score the rules against both samples (and the first sample's second coding); the topic dictionary
    on its sample. Returns the JSON-serialisable result ``medialens eval frames --save`` stores."""
    from medialens.evaluation.topics import topic_agreement

    fresh_items = read_sample(args.fresh_sample, args.case)
    fresh_gold = read_codes(args.fresh_codes, fresh_items, args.case)
    fresh_pred = rule_codes(fresh_items, args.case)
    cases = sorted(fresh_items["case"].unique())
    items = read_sample(args.sample, args.case)
    gold = read_codes(args.codes, items, args.case)
    pred = rule_codes(items, args.case)
    first = {
        "sample": _sample_summary(items, gold),
        "rules_vs_coding": compare(items, gold, pred, args.case, n_boot=args.boot),
        "per_code": per_code(items, gold, pred, "all"),
    }
    if str(args.recode):
        recode = read_codes(args.recode, items, args.case)
        first["intra_coder"] = compare(items, gold, recode, args.case, splits=("all",), n_boot=args.boot)["all"]
    table = topic_agreement()
    return {
        "case": args.case,
        "held_out": HELD_OUT,
        "samples": {
            HELD_OUT: {
                "sample": _sample_summary(fresh_items, fresh_gold),
                "rules_vs_coding": compare(fresh_items, fresh_gold, fresh_pred, args.case, splits=("all", *cases),
                                           n_boot=args.boot),
                "per_code": per_code(fresh_items, fresh_gold, fresh_pred, "all"),
            },
            EARLIER: first,
        },
        "topics": table.astype(object).where(table.notna(), None).to_dict(orient="records"),
    }


def _metrics_of(result: Mapping) -> Mapping:
    """The metrics of a stored result (``load_result``) or of :func:`evaluate`'s return value."""
    return result["metrics"] if "metrics" in result else result


def agreement_note(result: Mapping, measure: str, view: str | None = None) -> str:
    """One sentence for a chart caption: the stored agreement of ``measure`` (``view``: default the headline
    view) on the held-out fresh sample, with the first sample's figure beside it.

    Args:
        result: :func:`medialens.evaluation.results.load_result` of ``"frames"``.
    """
    m = _metrics_of(result)
    view = view or HEADLINE_VIEWS[measure]
    s = m["samples"][HELD_OUT]["rules_vs_coding"]["all"][measure][view]
    old = m["samples"][EARLIER]["rules_vs_coding"]["all"][measure][view]
    return (f"Rules vs hand coding ({view}) on the held-out written sample ({s['items']} items, written and coded "
            f"by one engineer before the rules were last changed): precision {_f(s['precision'])}, recall "
            f"{_f(s['recall'])}, Krippendorff's alpha {_f(s['alpha'])} {_ci(s['alpha_ci'])}; on the first sample, "
            f"developed on, alpha {_f(old['alpha'])} ({result.get('command', 'medialens eval frames')}, "
            f"{result.get('date', 'not stored')}).")


def result_table(result: Mapping, sample: str = HELD_OUT, group: str = "all") -> pd.DataFrame:
    """The stored scores of one sample and group of items (``all``, a split or a case) as a table:
    measure, view, gold, predicted, P, R, F1, alpha and its interval."""
    rows = []
    for measure, views in _metrics_of(result)["samples"][sample]["rules_vs_coding"][group].items():
        for view, s in views.items():
            rows.append({"measure": measure, "view": view, "gold": s["gold"], "predicted": s["predicted"],
                         "precision": s["precision"], "recall": s["recall"], "f1": s["f1"], "alpha": s["alpha"],
                         "alpha_ci": _ci(s["alpha_ci"]).strip("[]")})
    return pd.DataFrame(rows)


def comparison_table(result: Mapping) -> pd.DataFrame:
    """The headline view of each measure on every scored group of items, held-out sample first: ``sample,
    items, measure, view, precision, recall, alpha, ci_low, ci_high``."""
    m = _metrics_of(result)
    rows = []
    for sample, groups in ((HELD_OUT, None), (EARLIER, ("test", "all"))):
        scored = m["samples"][sample]["rules_vs_coding"]
        for group in groups or scored:
            for measure, view in HEADLINE_VIEWS.items():
                s = scored[group][measure][view]
                rows.append({"sample": f"{sample} ({group})", "items": s["items"], "measure": measure, "view": view,
                             "precision": s["precision"], "recall": s["recall"], "alpha": s["alpha"],
                             "ci_low": s["alpha_ci"][0], "ci_high": s["alpha_ci"][1]})
    return pd.DataFrame(rows)


def _f(value) -> str:
    return "  n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.3f}"


def _ci(pair) -> str:
    return f"[{_f(pair[0])}, {_f(pair[1])}]" if pair and pair[0] is not None else "[n/a]"


def _score_lines(scored: Mapping) -> list[str]:
    lines = []
    for group, measures in scored.items():
        lines.append(f"== {group}")
        for m in MEASURES:
            for view, s in measures[m].items():
                lines.append(f"  {m:<10} {view:<24} gold {s['gold']:>3} pred {s['predicted']:>3}  "
                             f"P {_f(s['precision'])} {_ci(s['precision_ci'])}  R {_f(s['recall'])} {_ci(s['recall_ci'])}  "
                             f"alpha {_f(s['alpha'])} {_ci(s['alpha_ci'])}")
    return lines


def format_result(result: dict) -> str:
    """The result as the table ``medialens eval frames`` prints."""
    fresh, first = result["samples"][HELD_OUT], result["samples"][EARLIER]
    lines = ["Framing rules vs hand coding. P/R/F1 of the rules, alpha = Krippendorff's alpha (rules vs coding), "
             "95% item-bootstrap intervals", "",
             f"### HELD-OUT: fresh sample ({fresh['sample']['items']} items; cases {fresh['sample']['cases']}; "
             "written and coded before the last rule changes, never developed on)"]
    lines += _score_lines(fresh["rules_vs_coding"])
    lines += ["", f"### first sample ({first['sample']['items']} items, dev {first['sample']['dev']} / test "
              f"{first['sample']['test']}; case {result['case']}; both halves developed on since -- for comparison only)"]
    lines += _score_lines(first["rules_vs_coding"])
    if "intra_coder" in first:
        lines += ["", "== intra-coder check (first vs second coding of the first sample by the same coder; not reliability)"]
        for m in MEASURES:
            for view, s in first["intra_coder"][m].items():
                lines.append(f"  {m:<10} {view:<24} alpha {_f(s['alpha'])} ({s['gold']} vs {s['predicted']} codes)")
    lines += ["", "== topic dictionary vs hand coding (demo-corpus sample)"]
    for row in result["topics"]:
        lines.append(f"  {row['topic']:<26} kappa {_f(row['kappa'])}  alpha {_f(row['alpha'])}  "
                     f"P {_f(row['precision'])}  R {_f(row['recall'])}")
    return "\n".join(lines)


__all__ = ["read_sample", "read_codes", "sample_tables", "rule_codes", "compare", "per_code", "score", "item_counts",
           "item_grids", "item_groups", "alpha_binary", "evaluate", "format_result", "data_paths", "add_arguments",
           "agreement_note", "result_table", "comparison_table"]
