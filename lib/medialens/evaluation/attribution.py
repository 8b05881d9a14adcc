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
  predicted source span overlaps a gold speaker span (a pronoun speaker counts as written: "Er").
  A relay row ("A berichtet unter Berufung auf B", "A zitiert B mit den Worten …") names two speakers.
  The dataset annotates the one who speaks in the sentence, the relaying source A, as the speaker of
  the quotation, and where B's words are reproduced it annotates the same words a second time, nested,
  with B as speaker (its ``isNested``/``hasNested`` fields). A relay row therefore counts as right
  when the gold annotation it is matched with names either A or B (on the train split, 24 matched
  relay rows: A right 17, B right 10, either 24);
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
from medialens.evaluation import json_files

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
    source_type: str = "other"
    rule: str = ""
    #: the original source of a relay row (``source`` is then the relaying source)
    original: tuple[int, int] | None = None

    def speaker_in(self, spans: Sequence[tuple[int, int]]) -> bool:
        """Whether the row's speaker is one of ``spans``: a relay row names two (see the module docstring)."""
        return _overlaps(self.source, spans) or _overlaps(self.original, spans)


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
    return [read_gold_file(f) for f in json_files(path, missing="gold data not found", files="gold files")]


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
        # the dataset's speaker is the one who speaks in the sentence (a relay's relaying source); the
        # original source of reproduced words is the speaker of the nested annotation
        source = (r.source_start, r.source_end) if r.source_start is not None else None
        original = None
        if getattr(r, "via_start", None) is not None:
            source, original = (r.via_start, r.via_end), source
        cue = (r.cue_start, r.cue_end) if r.cue_start is not None else None
        out.append(Predicted(r.form, frozenset(chars), source, cue, r.source_type, getattr(r, "rule", ""), original))
    return out


def jaccard(first: frozenset[int], second: frozenset[int]) -> float:
    """Jaccard overlap of two character sets."""
    if not first or not second:
        return 0.0
    inter = len(first & second)
    return inter / (len(first) + len(second) - inter) if inter else 0.0


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


def _prf(matched: int, n_pred: int, n_gold: int) -> dict:
    p, r, f = stats.prf(matched, n_pred, n_gold)
    return {"tp": matched, "predicted": n_pred, "gold": n_gold, "precision": p, "recall": r, "f1": f}


class _Tally:
    """Counts of one scoring run (see :func:`score`)."""

    def __init__(self) -> None:
        self.counts = {t: Counter() for t in THRESHOLDS}
        self.speaker = Counter()
        self.cue = Counter()
        self.by_type = {t: Counter() for t in GOLD_TYPES}
        self.by_form = Counter()
        self.by_source_type = Counter()

    def add_document(self, doc: GoldDocument, pred: Sequence[Predicted]) -> None:
        gold_sets = [char_set(doc.text, q.quote) for q in doc.quotes]
        pred_sets = [p.chars for p in pred]
        for t in THRESHOLDS:
            pairs = match(gold_sets, pred_sets, t)
            self.counts[t].update(tp=len(pairs), predicted=len(pred), gold=len(gold_sets))
            if t == 0.5:
                self.add_matches(doc, pred, pairs)

    def add_matches(self, doc: GoldDocument, pred: Sequence[Predicted], pairs: list[tuple[int, int]]) -> None:
        matched = {pi: doc.quotes[gi] for gi, pi in pairs}
        for pi, p in enumerate(pred):
            gold = matched.get(pi)
            self.by_form[(p.form, gold is not None)] += 1
            self.by_source_type[(p.source_type, "predicted")] += 1
            self.by_source_type[(p.source_type, "matched")] += gold is not None
            if gold is not None and gold.speaker:
                self.by_source_type[(p.source_type, "with_speaker")] += 1
                self.by_source_type[(p.source_type, "speaker_ok")] += p.speaker_in(gold.speaker)
        for q in doc.quotes:
            if q.type in self.by_type:
                self.by_type[q.type]["gold"] += 1
        for gi, pi in pairs:
            q, p = doc.quotes[gi], pred[pi]
            if q.type in self.by_type:
                self.by_type[q.type]["found"] += 1
            if q.speaker:
                self.speaker["n"] += 1
                self.speaker["ok"] += p.speaker_in(q.speaker)
            if q.cue:
                self.cue["n"] += 1
                self.cue["ok"] += _overlaps(p.cue, q.cue)

    def source_types(self) -> dict:
        types = sorted({t for t, _ in self.by_source_type})
        out = {}
        for t in types:
            c = {k: self.by_source_type[(t, k)] for k in ("predicted", "matched", "with_speaker", "speaker_ok")}
            out[t] = {**c, "precision": c["matched"] / c["predicted"] if c["predicted"] else 0.0,
                      "speaker_accuracy": c["speaker_ok"] / c["with_speaker"] if c["with_speaker"] else None}
        return out

    def result(self, documents: int) -> dict:
        by_form = self.by_form
        return {
            "documents": documents,
            "quotes": {str(t): _prf(c["tp"], c["predicted"], c["gold"]) for t, c in self.counts.items()},
            "speaker_accuracy": _accuracy(self.speaker),
            "cue_accuracy": _accuracy(self.cue),
            "recall_by_type": {t: {"gold": c["gold"], "found": c["found"],
                                   "recall": c["found"] / c["gold"] if c["gold"] else 0.0}
                               for t, c in self.by_type.items()},
            "precision_by_form": {
                form: {"predicted": by_form[(form, True)] + by_form[(form, False)], "matched": by_form[(form, True)],
                       "precision": by_form[(form, True)] / (by_form[(form, True)] + by_form[(form, False)])
                       if by_form[(form, True)] + by_form[(form, False)] else 0.0}
                for form in ("direct", "indirect", "according_to", "reported")
            },
            "precision_by_source_type": self.source_types(),
        }


def _accuracy(counter: Counter) -> dict:
    return {"n": counter["n"], "correct": counter["ok"], "accuracy": counter["ok"] / counter["n"] if counter["n"] else 0.0}


def score(docs: Sequence[GoldDocument], predictions: Sequence[Sequence[Predicted]]) -> dict:
    """Scores for gold documents and their predicted quotes (same order).

    Besides quote P/R/F1, speaker and cue accuracy, recall by gold type and precision by form, the
    result has ``precision_by_source_type``: per predicted source type, the share of rows that match
    a gold quotation and, among those with a gold speaker, the share whose speaker is right.
    """
    tally = _Tally()
    for doc, pred in zip(docs, predictions):
        tally.add_document(doc, pred)
    return tally.result(len(docs))


def predict_rows(docs: Sequence[GoldDocument], *, cache: bool = True) -> list[list]:
    """Run the pipeline on each gold article's ``originalText``: the attribution rows per document."""
    from medialens.attribution import extract_attributions

    return [list(extract_attributions(nlp.process(doc.name, doc.text, cache=cache))) for doc in docs]


def predict(docs: Sequence[GoldDocument], *, cache: bool = True) -> list[list[Predicted]]:
    """Run the pipeline on each gold article's ``originalText``; scorable quotes per document."""
    return [predicted_quotes(doc.text, rows) for doc, rows in zip(docs, predict_rows(docs, cache=cache))]


def score_folder(path: Path | str = DEFAULT_GOLD, *, cache: bool = True, metric: str = "both",
                 write_predictions: Path | str | None = None) -> dict:
    """Score the attribution pipeline on a gold folder: our metric, the dataset's own scheme, or both.

    Args:
        path: gold folder (or one file).
        cache: use the NLP cache.
        metric: ``ours`` (Jaccard matching, speaker and cue accuracy), ``official``
            (:mod:`medialens.evaluation.quotation_official`) or ``both``.
        write_predictions: folder to write our output in the dataset's JSON format.
    """
    from medialens.evaluation import quotation_official as official

    docs = read_gold(path)
    rows = predict_rows(docs, cache=cache)
    result = {
        "dataset": _shown(path),
        "citation": CITATION,
        "split_rule": "sha256(documentName) last hex digit even -> tune, odd -> test (halves of the folder)",
        "matching": "one-to-one, greedy by Jaccard of character sets (whitespace ignored)",
    }
    if metric in ("ours", "both"):
        preds = [predicted_quotes(doc.text, r) for doc, r in zip(docs, rows)]
        for split in SPLITS:
            idx = [i for i, d in enumerate(docs) if split == "all" or d.split == split]
            result[split] = score([docs[i] for i in idx], [preds[i] for i in idx])
    if metric in ("official", "both") or write_predictions is not None:
        files = sorted(Path(path).glob("*.json")) if Path(path).is_dir() else [Path(path)]
        documents = official.documents_from_rows(files, rows)
        if write_predictions is not None:
            official.write_predictions(write_predictions, documents)
            result["predictions_written_to"] = str(write_predictions)
        if metric in ("official", "both"):
            gold = official.read_groups(path)
            result["official"] = official.score(gold, {official.document_name(f, d): g for f, d, g in documents})
    return result


def _shown(path: Path | str) -> str:
    """A gold path as shown in reports: relative to ``../shared`` when it lies there."""
    try:
        return Path(path).resolve().relative_to(config.SHARED_DIR.resolve()).as_posix()
    except ValueError:
        return str(path)


def evaluate(args: argparse.Namespace) -> dict:
    """``medialens eval attribution`` (the CLI protocol): the metrics dict that ``--save`` stores."""
    return score_folder(args.gold, cache=not getattr(args, "no_cache", False),
                        metric=getattr(args, "metric", "both"),
                        write_predictions=getattr(args, "write_predictions", None))


def data_paths(args: argparse.Namespace) -> list[Path]:
    """The gold data an evaluation read (fingerprinted by ``--save``)."""
    return [Path(args.gold)]


def format_report(result: dict) -> str:
    """Readable table of our metric in :func:`score_folder` output."""
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
    lines.append("  precision by predicted source type (Jaccard >= 0.5; all)")
    for source_type, x in result["all"]["precision_by_source_type"].items():
        speaker = "" if x["speaker_accuracy"] is None else f"   speaker right {x['speaker_accuracy']:.3f}"
        lines.append(f"  {'  ' + source_type:34}{x['precision']:>10.3f}/{x['predicted']:<5}{speaker}")
    return "\n".join(lines)



def format_result(result: dict) -> str:
    """Readable report of :func:`score_folder` output (our metric, then the official scheme)."""
    from medialens.evaluation import quotation_official as official

    parts = [format_report(result)] if "all" in result else [f"Quotation attribution - {result['dataset']}"]
    if "official" in result:
        parts.append(official.format_official(result["official"]))
    if "predictions_written_to" in result:
        parts.append(f"  predictions written to {result['predictions_written_to']} (dataset JSON format)")
    return "\n".join(parts)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``medialens eval attribution``."""
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD,
                        help="folder of gold JSON files, or one file (default: %(default)s)")
    parser.add_argument("--metric", choices=("both", "ours", "official"), default="both",
                        help="ours (Jaccard >= 0.5/0.9, speaker and cue accuracy), official (the dataset's own "
                             "token-overlap scheme) or both (default)")
    parser.add_argument("--write-predictions", type=Path, default=None, metavar="DIR",
                        help="also write our predictions in the dataset's JSON format into DIR")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the pipeline cache")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print it; returns 0, or 2 when the gold data is missing or malformed."""
    try:
        result = evaluate(args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"medialens eval attribution: {exc}")
        return 2
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else format_result(result))
    return 0
