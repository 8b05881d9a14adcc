"""Attribution evaluation: quotations, speakers and cues against German Wikinews gold annotations.

``medialens eval attribution --gold DIR [--json]`` reads the JSON files of Petersen-Frey & Biemann
(2024), *Dataset of Quotation Attribution in German News Articles*, LREC-COLING 2024 (repository
uhh-lt/german-news-quotation-attribution-2024, CC BY-NC-SA 4.0): one article per file with
``originalText`` and ``annotations`` (``quote``, ``speaker``, ``cue`` with character ``spans``, and a
``type``: Direct, Indirect, Reported, FreeIndirect, IndirectFreeIndirect). The pipeline
(:func:`medialens.nlp.process` with the cache, then :func:`medialens.attribution.extract_attributions`)
runs on ``originalText``; the command prints:

* quote precision, recall and F1 where a predicted and a gold quote match one-to-one when the Jaccard
  overlap of their character sets (whitespace ignored) is at least 0.5, and the same at 0.9. Pairs are
  matched greedily, highest overlap first, within each article;
* speaker accuracy: among quotes matched at 0.5 whose gold annotation has a speaker, the share whose
  predicted source span overlaps a gold speaker span (a pronoun speaker counts as written: "Er");
* cue accuracy: the same for the cue span against gold cue spans;
* recall by gold type.

Span conventions. A gold quote is the union of its annotation's spans: the gold data splits a quote
into several spans when an according-to phrase interrupts it ("Die Firma plant [nach Angaben der
Gewerkschaft] den Abbau ..."), and the union leaves out what lies between. A predicted quote is its
``quote_start:quote_end`` span; for form ``according_to`` the cue, source and via spans inside it are
removed, because the rows' span for that form is the clause the attribution phrase is embedded in
(documented in :mod:`medialens.attribution`). Quotations that a predicted row and a quote nested in
it share are scored as separate quotes, as the gold data annotates nested direct quotes separately.

Held-out reporting. Articles are split by the SHA-256 of ``documentName`` (last hex digit even ->
``tune``, odd -> ``test``). The rules were developed looking at aggregate errors on the ``tune``
half; the table shows both halves and the whole folder.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from medialens import config, nlp, stats

CITATION = (
    "Petersen-Frey & Biemann (2024), Dataset of Quotation Attribution in German News Articles, "
    "LREC-COLING 2024 (repository uhh-lt/german-news-quotation-attribution-2024), CC BY-NC-SA 4.0"
)
DEFAULT_GOLD = config.EVAL_DIR / "attribution-wikinews-dev"
GOLD_TYPES = ("Direct", "Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect")
THRESHOLDS = (0.5, 0.9)
SPLITS = ("all", "tune", "test")


@dataclass(frozen=True)
class GoldQuote:
    """One gold annotation: quote, speaker and cue spans (character offsets) and its type."""

    type: str
    quote: tuple[tuple[int, int], ...]
    speaker: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldDocument:
    """One gold article."""

    name: str
    text: str
    quotes: tuple[GoldQuote, ...]

    @property
    def split(self) -> str:
        """``tune`` or ``test`` (SHA-256 of the document name, last hex digit even -> tune)."""
        return stats.hash_split(self.name)


@dataclass(frozen=True)
class Predicted:
    """A predicted quote reduced to what the scorer needs."""

    form: str
    chars: frozenset[int]
    source: tuple[int, int] | None
    cue: tuple[int, int] | None


def _spans(part: dict | None) -> tuple[tuple[int, int], ...]:
    if not part:
        return ()
    return tuple((int(s["charBegin"]), int(s["charEnd"])) for s in part.get("spans", []) if s["charEnd"] > s["charBegin"])


def read_gold_file(path: Path) -> GoldDocument:
    """Read one gold JSON file.

    Raises:
        ValueError: if ``originalText`` or ``annotations`` is missing.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if "originalText" not in data or "annotations" not in data:
        raise ValueError(f"{path}: not a quotation-attribution gold file (needs originalText and annotations)")
    quotes = []
    for ann in data["annotations"]:
        q = _spans(ann.get("quote"))
        if not q:
            continue
        quotes.append(GoldQuote(str(ann.get("type", "")), q, _spans(ann.get("speaker")), _spans(ann.get("cue"))))
    return GoldDocument(str(data.get("documentName") or Path(path).stem), data["originalText"], tuple(quotes))


def read_gold(path: Path | str) -> list[GoldDocument]:
    """Read a gold folder (every ``*.json``) or a single gold file, sorted by file name.

    Raises:
        FileNotFoundError: if the path does not exist or the folder has no JSON files.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"gold data not found: {path}")
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise FileNotFoundError(f"no *.json gold files in {path}")
    return [read_gold_file(f) for f in files]


def char_set(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Character positions covered by ``spans``, whitespace ignored."""
    return frozenset(k for a, b in spans for k in range(max(a, 0), min(b, len(text))) if not text[k].isspace())


def predicted_quotes(text: str, rows: Iterable) -> list[Predicted]:
    """Reduce attribution rows to scorable quotes (see the module docstring for the conventions)."""
    out = []
    for r in rows:
        if r.quote_start is None:
            continue
        chars = set(char_set(text, [(r.quote_start, r.quote_end)]))
        if r.form == "according_to":
            for a, b in ((r.cue_start, r.cue_end), (r.source_start, r.source_end)):
                if a is not None:
                    chars -= set(range(a, b))
        if not chars:
            continue
        # the dataset's speaker is the one who speaks in the sentence: a relay's relaying source
        via = getattr(r, "via_start", None)
        if via is not None:
            source = (r.via_start, r.via_end)
        else:
            source = (r.source_start, r.source_end) if r.source_start is not None else None
        cue = (r.cue_start, r.cue_end) if r.cue_start is not None else None
        out.append(Predicted(r.form, frozenset(chars), source, cue))
    return out


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard overlap of two character sets."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


def match(gold: Sequence[frozenset[int]], pred: Sequence[frozenset[int]], threshold: float) -> list[tuple[int, int]]:
    """Greedy one-to-one matching (highest Jaccard first) of gold and predicted quotes at ``threshold``."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            j = jaccard(g, p)
            if j >= threshold:
                pairs.append((j, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def _overlaps(span: tuple[int, int] | None, spans: Sequence[tuple[int, int]]) -> bool:
    return span is not None and any(span[0] < b and a < span[1] for a, b in spans)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p, r, f = stats.prf(tp, n_pred, n_gold)
    return {"tp": tp, "predicted": n_pred, "gold": n_gold, "precision": p, "recall": r, "f1": f}


def score(docs: Sequence[GoldDocument], predictions: Sequence[Sequence[Predicted]]) -> dict:
    """Scores for gold documents and their predicted quotes (same order)."""
    counts = {t: Counter() for t in THRESHOLDS}
    speaker = Counter()
    cue = Counter()
    by_type = {t: Counter() for t in GOLD_TYPES}
    by_form = Counter()
    for doc, pred in zip(docs, predictions):
        gold_sets = [char_set(doc.text, q.quote) for q in doc.quotes]
        pred_sets = [p.chars for p in pred]
        for t in THRESHOLDS:
            m = match(gold_sets, pred_sets, t)
            counts[t].update(tp=len(m), predicted=len(pred), gold=len(gold_sets))
            if t != 0.5:
                continue
            matched_pred = {pi for _, pi in m}
            for pi, p in enumerate(pred):
                by_form[(p.form, pi in matched_pred)] += 1
            for gi, q in enumerate(doc.quotes):
                if q.type in by_type:
                    by_type[q.type]["gold"] += 1
            for gi, pi in m:
                q, p = doc.quotes[gi], pred[pi]
                if q.type in by_type:
                    by_type[q.type]["found"] += 1
                if q.speaker:
                    speaker["n"] += 1
                    speaker["ok"] += _overlaps(p.source, q.speaker)
                if q.cue:
                    cue["n"] += 1
                    cue["ok"] += _overlaps(p.cue, q.cue)
    return {
        "documents": len(docs),
        "quotes": {str(t): _prf(c["tp"], c["predicted"], c["gold"]) for t, c in counts.items()},
        "speaker_accuracy": {"n": speaker["n"], "correct": speaker["ok"],
                             "accuracy": speaker["ok"] / speaker["n"] if speaker["n"] else 0.0},
        "cue_accuracy": {"n": cue["n"], "correct": cue["ok"], "accuracy": cue["ok"] / cue["n"] if cue["n"] else 0.0},
        "recall_by_type": {t: {"gold": c["gold"], "found": c["found"],
                               "recall": c["found"] / c["gold"] if c["gold"] else 0.0} for t, c in by_type.items()},
        "precision_by_form": {
            form: {"predicted": by_form[(form, True)] + by_form[(form, False)], "matched": by_form[(form, True)],
                   "precision": by_form[(form, True)] / (by_form[(form, True)] + by_form[(form, False)])
                   if by_form[(form, True)] + by_form[(form, False)] else 0.0}
            for form in ("direct", "indirect", "according_to", "reported")
        },
    }


def predict(docs: Sequence[GoldDocument], *, cache: bool = True) -> list[list[Predicted]]:
    """Run the pipeline on each gold article's ``originalText``."""
    from medialens.attribution import extract_attributions

    out = []
    for doc in docs:
        processed = nlp.process(doc.name, doc.text, cache=cache)
        out.append(predicted_quotes(doc.text, extract_attributions(processed)))
    return out


def evaluate(path: Path | str = DEFAULT_GOLD, *, cache: bool = True) -> dict:
    """Score the attribution pipeline on a gold folder; the dict that ``--json`` prints."""
    docs = read_gold(path)
    preds = predict(docs, cache=cache)
    result = {
        "dataset": str(path),
        "citation": CITATION,
        "split_rule": "sha256(documentName) last hex digit even -> tune, odd -> test; rules developed on tune",
        "matching": "one-to-one, greedy by Jaccard of character sets (whitespace ignored)",
    }
    for split in SPLITS:
        idx = [i for i, d in enumerate(docs) if split == "all" or d.split == split]
        result[split] = score([docs[i] for i in idx], [preds[i] for i in idx])
    return result


def format_report(result: dict) -> str:
    """Readable table of :func:`evaluate` output."""
    cols = SPLITS
    head = "".join(f"{c:>10}" for c in cols)

    def line(label: str, get) -> str:
        return f"  {label:34}" + "".join(f"{get(result[c]):>10.3f}" for c in cols)

    lines = [
        "Quotation attribution - German Wikinews gold",
        f"  data:  {result['dataset']}",
        f"  cite:  {result['citation']}",
        f"  split: {result['split_rule']}",
        "         all = whole folder; test = held-out half; tune = development half (optimistic)",
        "",
        f"  {'':34}{head}",
        f"  {'documents':34}" + "".join(f"{result[c]['documents']:>10}" for c in cols),
        f"  {'gold quotes':34}" + "".join(f"{result[c]['quotes']['0.5']['gold']:>10}" for c in cols),
        f"  {'predicted quotes':34}" + "".join(f"{result[c]['quotes']['0.5']['predicted']:>10}" for c in cols),
    ]
    for t in THRESHOLDS:
        k = str(t)
        lines.append(line(f"quote precision (Jaccard >= {t})", lambda r: r["quotes"][k]["precision"]))
        lines.append(line(f"quote recall    (Jaccard >= {t})", lambda r: r["quotes"][k]["recall"]))
        lines.append(line(f"quote F1        (Jaccard >= {t})", lambda r: r["quotes"][k]["f1"]))
    lines.append(line("speaker accuracy (matched, 0.5)", lambda r: r["speaker_accuracy"]["accuracy"]))
    lines.append(line("cue accuracy     (matched, 0.5)", lambda r: r["cue_accuracy"]["accuracy"]))
    lines.append("")
    lines.append("  recall by gold type (Jaccard >= 0.5)")
    for t in GOLD_TYPES:
        lines.append(f"  {'  ' + t:34}" + "".join(
            f"{result[c]['recall_by_type'][t]['recall']:>6.3f}/{result[c]['recall_by_type'][t]['gold']:<3}" for c in cols))
    lines.append("  precision by predicted form (Jaccard >= 0.5)")
    for form in result["all"]["precision_by_form"]:
        cells = [result[c]["precision_by_form"][form] for c in cols]
        lines.append(f"  {'  ' + form:34}" + "".join(f"{x['precision']:>6.3f}/{x['predicted']:<3}" for x in cells))
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``medialens eval attribution``."""
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD,
                        help="folder of gold JSON files, or one file (default: %(default)s)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the pipeline cache")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    """Run the evaluation; returns 0, or 2 when the gold data is missing or malformed."""
    try:
        result = evaluate(args.gold, cache=not getattr(args, "no_cache", False))
    except (FileNotFoundError, ValueError) as exc:
        print(f"medialens eval attribution: {exc}")
        return 2
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else format_report(result))
    return 0
