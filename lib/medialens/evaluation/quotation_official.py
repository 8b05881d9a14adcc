"""The quotation dataset's own scoring scheme, reimplemented, and predictions in its JSON format.

Petersen-Frey & Biemann (2024), *Dataset of Quotation Attribution in German News Articles*,
LREC-COLING 2024 (repository uhh-lt/german-news-quotation-attribution-2024), score a system on
tokens rather than characters. This module follows the scheme the repository describes; the code is
our own:

1. Every annotation (gold or predicted) is a *group*: the token ids of its quotation and of each
   role (``speaker``, ``cue``, ``addressee``, ``frame``), a ``type`` (Direct, Indirect, Reported,
   FreeIndirect, IndirectFreeIndirect) and optionally a ``medium``.
2. Per document, predicted and gold groups are aligned one-to-one so that the summed quotation
   token-overlap F1 is maximal (an assignment problem, solved with the Hungarian method in
   :func:`max_weight_assignment`). Equal type adds 0.01 and equal medium 0.001 to a pair's weight as
   tie-breakers, only when the quotations overlap.
3. Inside each aligned pair, token-level precision and recall are computed for the quotation and for
   each role. An unmatched prediction is compared with an empty group (precision 0, recall
   undefined); an unmatched gold group with an empty prediction (recall 0, precision undefined).
   Undefined values (no tokens on either side) are left out of the averages.
4. Precision and recall are macro-averaged over groups — for the quotation, for each role, for all
   roles pooled (``roles``) and for quotation and roles pooled (``joint``); F1 is the harmonic mean
   of the two averages. The type is scored micro over groups (a pair with equal types is a true
   positive; otherwise the predicted type is a false positive and the gold type a false negative).

One deliberate difference: pairs whose quotations share no token are treated as unmatched. The
published script lets its solver pair such leftovers arbitrarily, which can credit role tokens by
chance; quotation scores are the same either way.

Our rows are mapped onto the dataset's tokens by character overlap (:func:`annotation_from_row`):
the quotation of an ``according_to`` row leaves out its cue and source tokens (the row's span is the
whole clause, see :mod:`medialens.attribution`); the dataset's *speaker* is the one who speaks in the
sentence, so a relay row (``via_text``) contributes its relaying source as speaker, and a relay that
reproduces its source's words (``relay_zitieren``, a relayed direct quotation) a second, nested group
with the original source as speaker, as the dataset annotates them (:func:`annotations_from_row`); the
*frame* is
the smallest token range covering speaker, cue and relay, outside the quotation.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pandas as pd

from medialens import stats
from medialens.evaluation import json_files

#: Role names of the dataset (besides the quotation itself).
ROLES = ("speaker", "cue", "addressee", "frame")
#: Quotation types of the dataset.
TYPES = ("Direct", "Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect")
#: Weight added to an aligned pair of overlapping quotations with the same type / medium.
TYPE_BONUS = 0.01
MEDIUM_BONUS = 0.001
#: What :func:`score` counts of the alignment (its ``groups``).
GROUP_COUNTS = ("aligned", "unmatched_predicted", "unmatched_gold")
#: Row form (column ``form``) -> dataset type. Rules may refine this (see :func:`dataset_type`).
FORM_TYPES = {"direct": "Direct", "indirect": "Indirect", "according_to": "Indirect", "reported": "Reported"}
#: Rule names (column ``rule``) whose rows are the dataset's free indirect types.
RULE_TYPES = {"konjunktiv_continuation": "IndirectFreeIndirect", "hearsay_continuation": "FreeIndirect"}


@dataclass(frozen=True)
class Group:
    """One quotation annotation as token ids (sorted, unique)."""

    quote: tuple[int, ...]
    roles: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    type: str | None = None
    medium: str | None = None

    def role(self, name: str) -> tuple[int, ...]:
        """Token ids of role ``name`` (empty when absent)."""
        return self.roles.get(name, ())


@dataclass(frozen=True)
class DatasetToken:
    """A token of the dataset: id and character span in ``originalText``."""

    id: int
    start: int
    end: int


def _ids(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(int(v) for v in values)))


def group_from_annotation(annotation: Mapping) -> Group:
    """A :class:`Group` from one annotation of a dataset JSON file."""
    roles = {r: _ids((annotation.get(r) or {}).get("tokenIds", [])) for r in ROLES}
    quote = _ids((annotation.get("quote") or {}).get("tokenIds", []))
    return Group(quote, roles, annotation.get("type"), annotation.get("medium"))


def read_groups(path: Path | str) -> dict[str, list[Group]]:
    """Groups per ``documentName`` from a folder of dataset JSON files (or one file).

    Raises:
        FileNotFoundError: if the path does not exist or holds no JSON file.
        ValueError: if a file has no ``annotations``.
    """
    docs: dict[str, list[Group]] = {}
    for file in json_files(path):
        data = json.loads(file.read_text(encoding="utf-8"))
        if "annotations" not in data:
            raise ValueError(f"{file}: no 'annotations' (not a quotation dataset file)")
        name = str(data.get("documentName") or file.stem)
        docs[name] = [group_from_annotation(a) for a in data["annotations"] if (a.get("quote") or {}).get("tokenIds")]
    return docs


# ------------------------------------------------------------------------------------- alignment
def overlap_f1(gold: Sequence[int], predicted: Sequence[int]) -> float:
    """Token-overlap F1 of two token-id sets (0 when either is empty)."""
    both = len(set(gold) & set(predicted))
    if not both:
        return 0.0
    precision, recall = both / len(set(predicted)), both / len(set(gold))
    return 2 * precision * recall / (precision + recall)


def max_weight_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """One-to-one assignment of rows to columns with maximal summed weight (Hungarian method).

    Args:
        weights: a rectangular matrix (rows × columns) of non-negative weights.

    Returns:
        ``(row, column)`` pairs with a positive weight, sorted by row. Zero-weight pairs are left out.
    """
    n_rows = len(weights)
    n_cols = len(weights[0]) if n_rows else 0
    if not n_rows or not n_cols:
        return []
    size = max(n_rows, n_cols)
    top = max(max(row) for row in weights)
    # minimise (top - weight) on a square matrix padded with "weight 0" cells
    cost = [[top - (weights[i][j] if i < n_rows and j < n_cols else 0.0) for j in range(size)] for i in range(size)]
    column_of_row = _hungarian_min_cost(cost)
    return [(i, j) for i, j in enumerate(column_of_row) if i < n_rows and j < n_cols and weights[i][j] > 0]


def _hungarian_min_cost(cost: list[list[float]]) -> list[int]:
    """Column assigned to each row of a square cost matrix, minimising the total (O(n³), potentials)."""
    size = len(cost)
    row_potential = [0.0] * (size + 1)
    col_potential = [0.0] * (size + 1)
    row_of_col = [0] * (size + 1)  # 1-based; 0 = free
    way = [0] * (size + 1)
    for row in range(1, size + 1):
        row_of_col[0] = row
        col = 0
        min_slack = [float("inf")] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[col] = True
            current_row, delta, next_col = row_of_col[col], float("inf"), 0
            for j in range(1, size + 1):
                if used[j]:
                    continue
                slack = cost[current_row - 1][j - 1] - row_potential[current_row] - col_potential[j]
                if slack < min_slack[j]:
                    min_slack[j], way[j] = slack, col
                if min_slack[j] < delta:
                    delta, next_col = min_slack[j], j
            for j in range(size + 1):
                if used[j]:
                    row_potential[row_of_col[j]] += delta
                    col_potential[j] -= delta
                else:
                    min_slack[j] -= delta
            col = next_col
            if row_of_col[col] == 0:
                break
        while col:
            previous = way[col]
            row_of_col[col] = row_of_col[previous]
            col = previous
    column_of_row = [0] * size
    for j in range(1, size + 1):
        column_of_row[row_of_col[j] - 1] = j - 1
    return column_of_row


def align(gold: Sequence[Group], predicted: Sequence[Group]) -> list[tuple[int, int]]:
    """``(gold index, predicted index)`` pairs of one document (see the module docstring)."""
    weights = []
    for g in gold:
        row = []
        for p in predicted:
            f1 = overlap_f1(g.quote, p.quote)
            if f1 > 0:
                f1 += TYPE_BONUS * (g.type is not None and g.type == p.type)
                f1 += MEDIUM_BONUS * (g.medium is not None and g.medium == p.medium)
            row.append(f1)
        weights.append(row)
    return max_weight_assignment(weights)


# ------------------------------------------------------------------------------------- scoring
@dataclass
class _Tally:
    """Per-group precision/recall values (``None`` = undefined), type counts and alignment counts."""

    precision: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in ("quote", *ROLES)})
    recall: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in ("quote", *ROLES)})
    #: the type of a group: ``tp`` (gold and predicted agree), ``fp`` (a predicted type that is not the
    #: gold one), ``fn`` (a gold type not predicted)
    types: Counter = field(default_factory=Counter)
    #: groups ``aligned``, ``unmatched_predicted`` and ``unmatched_gold`` (the result's ``groups``)
    groups: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUP_COUNTS, 0))

    def add_part(self, part: str, gold: Sequence[int], predicted: Sequence[int]) -> None:
        both = len(set(gold) & set(predicted))
        if predicted:
            self.precision[part].append(both / len(set(predicted)))
        if gold:
            self.recall[part].append(both / len(set(gold)))

    def add_group(self, gold: Group | None, predicted: Group | None) -> None:
        empty = Group(())
        g, p = gold or empty, predicted or empty
        self.add_part("quote", g.quote, p.quote)
        for role in ROLES:
            self.add_part(role, g.role(role), p.role(role))
        if g.type is not None and g.type == p.type:
            self.types["tp"] += 1
        else:
            self.types["fp"] += p.type is not None
            self.types["fn"] += g.type is not None


def _prf(precisions: Sequence[float], recalls: Sequence[float]) -> dict:
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "n_precision": len(precisions), "n_recall": len(recalls)}


def score(gold: Mapping[str, Sequence[Group]], predicted: Mapping[str, Sequence[Group]]) -> dict:
    """Official-scheme scores of predicted groups against gold groups, per document name.

    Documents missing from ``predicted`` count as having no predictions; predicted documents that
    are not in ``gold`` are ignored.

    Returns:
        ``{"quote": {precision, recall, f1, ...}, "speaker": …, "cue": …, "addressee": …, "frame": …,
        "roles": …, "joint": …, "type": {precision, recall, f1}, "groups": {...}}``.
    """
    tally = _Tally()
    for name in sorted(gold):
        gold_groups, predicted_groups = list(gold[name]), list(predicted.get(name, ()))
        pairs = align(gold_groups, predicted_groups)
        for gi, pi in pairs:
            tally.add_group(gold_groups[gi], predicted_groups[pi])
        matched_gold, matched_predicted = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
        for pi, p in enumerate(predicted_groups):
            if pi not in matched_predicted:
                tally.add_group(None, p)
        for gi, g in enumerate(gold_groups):
            if gi not in matched_gold:
                tally.add_group(g, None)
        tally.groups["aligned"] += len(pairs)
        tally.groups["unmatched_predicted"] += len(predicted_groups) - len(pairs)
        tally.groups["unmatched_gold"] += len(gold_groups) - len(pairs)
    result = {part: _prf(tally.precision[part], tally.recall[part]) for part in ("quote", *ROLES)}
    result["roles"] = _prf([v for r in ROLES for v in tally.precision[r]], [v for r in ROLES for v in tally.recall[r]])
    parts = ("quote", *ROLES)
    result["joint"] = _prf([v for r in parts for v in tally.precision[r]], [v for r in parts for v in tally.recall[r]])
    tp, fp, fn = tally.types["tp"], tally.types["fp"], tally.types["fn"]
    result["type"] = stats.prf(tp, tp + fp, tp + fn)._asdict()
    result["groups"] = dict(tally.groups)
    return result


# ------------------------------------------------------------------------------------- our rows
def dataset_tokens(data: Mapping) -> list[DatasetToken]:
    """The tokens of a dataset JSON document."""
    return [DatasetToken(int(t["id"]), int(t["charBegin"]), int(t["charEnd"])) for t in data.get("tokens", [])]


def tokens_in(tokens: Sequence[DatasetToken], spans: Iterable[tuple[int | None, int | None]]) -> tuple[int, ...]:
    """Ids of the tokens that share at least one character with one of the character spans."""
    ids = set()
    for start, end in spans:
        if start is None or end is None or end <= start:
            continue
        ids.update(t.id for t in tokens if t.start < end and start < t.end)
    return tuple(sorted(ids))


def _present(value) -> bool:
    return value is not None and not pd.isna(value)


def _span(row: Mapping, name: str) -> tuple[int | None, int | None]:
    start, end = row.get(f"{name}_start"), row.get(f"{name}_end")
    if not (_present(start) and _present(end)):
        return None, None
    return int(start), int(end)


def dataset_type(row: Mapping) -> str:
    """Dataset type of one of our rows: by its ``rule`` where that decides, else by its ``form``."""
    rule = row.get("rule")
    if isinstance(rule, str) and rule in RULE_TYPES:
        return RULE_TYPES[rule]
    return FORM_TYPES.get(str(row.get("form")), "Indirect")


def annotation_from_row(row: Mapping, tokens: Sequence[DatasetToken]) -> Group | None:
    """Our attribution row (a mapping with the attributions-table columns) as a dataset group.

    Returns ``None`` when the row's quotation covers no dataset token.
    """
    source, cue, via = _span(row, "source"), _span(row, "cue"), _span(row, "via")
    speaker_span = via if via[0] is not None else source
    quote = set(tokens_in(tokens, [_span(row, "quote")]))
    if row.get("form") == "according_to":
        quote -= set(tokens_in(tokens, [source, cue, via]))
    if not quote:
        return None
    speaker = tokens_in(tokens, [speaker_span])
    cue_ids = tokens_in(tokens, [cue])
    addressee = tokens_in(tokens, [_span(row, "addressee")])
    framed = set(speaker) | set(cue_ids) | set(tokens_in(tokens, [via, source]))
    frame: tuple[int, ...] = ()
    if framed:
        frame = tuple(k for k in range(min(framed), max(framed) + 1) if k not in quote)
    roles = {"speaker": speaker, "cue": cue_ids, "addressee": addressee, "frame": frame}
    return Group(tuple(sorted(quote)), roles, dataset_type(row))


#: Rules whose relay row reproduces the original source's words ("A zitiert B mit den Worten …").
REPRODUCING_RELAYS = frozenset({"relay_zitieren"})


def annotations_from_row(row: Mapping, tokens: Sequence[DatasetToken]) -> list[Group]:
    """The dataset groups of one of our rows: one, or two for a relay that reproduces its source's words.

    The dataset annotates reproduced words twice: once with the relaying source as speaker, once nested
    with the original speaker ("A zitiert B mit den Worten: …", a direct quotation relayed by A). A plain
    relay ("A berichtet unter Berufung auf B, …") has the relaying source as its only speaker.
    """
    group = annotation_from_row(row, tokens)
    if group is None or _span(row, "via")[0] is None or _span(row, "source")[0] is None:
        return [group] if group is not None else []
    if row.get("rule") not in REPRODUCING_RELAYS and row.get("form") != "direct":
        return [group]
    nested = annotation_from_row({**row, "via_start": None, "via_end": None}, tokens)
    return [group, nested] if nested is not None else [group]


def _span_json(ids: Sequence[int], tokens_by_id: Mapping[int, DatasetToken], text: str) -> dict:
    runs: list[list[int]] = []
    for k in sorted(ids):
        if runs and k == runs[-1][-1] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    spans = [{"begin": run[0], "end": run[-1] + 1, "charBegin": tokens_by_id[run[0]].start,
              "charEnd": tokens_by_id[run[-1]].end} for run in runs]
    return {"spans": spans, "text": " ".join(text[s["charBegin"]:s["charEnd"]] for s in spans),
            "tokenIds": list(sorted(ids))}


def prediction_document(data: Mapping, groups: Sequence[Group]) -> dict:
    """A dataset JSON document with our groups as its ``annotations`` (text and tokens from ``data``)."""
    tokens = dataset_tokens(data)
    by_id = {t.id: t for t in tokens}
    text = data["originalText"]
    annotations = []
    for k, group in enumerate(groups):
        annotation = {"id": k, "type": group.type, "medium": group.medium, "isNested": False, "hasNested": False,
                      "quote": _span_json(group.quote, by_id, text)}
        for role in ROLES:
            annotation[role] = _span_json(group.role(role), by_id, text)
        annotations.append(annotation)
    out = {"documentName": data.get("documentName"), "originalText": text, "annotations": annotations}
    for key in ("sentences", "tokens"):
        if key in data:
            out[key] = data[key]
    return out


def write_predictions(folder: Path | str, documents: Sequence[tuple[Path, Mapping, Sequence[Group]]]) -> list[Path]:
    """Write one dataset JSON file per document (same file name as its gold file) into ``folder``.

    Args:
        folder: output folder (created).
        documents: ``(gold file, gold JSON data, predicted groups)`` per document.

    Returns:
        The written paths.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for gold_file, data, groups in documents:
        path = folder / Path(gold_file).name
        path.write_text(json.dumps(prediction_document(data, groups), ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written


def document_name(file: Path, data: Mapping) -> str:
    """The name a document is scored under (its ``documentName``, else the file stem)."""
    return str(data.get("documentName") or Path(file).stem)


def documents_from_rows(files: Sequence[Path], rows_per_file: Sequence[Sequence]) -> list[tuple[Path, dict, list[Group]]]:
    """``(gold file, gold JSON data, predicted groups)`` from our attribution rows, one list per file."""
    from dataclasses import asdict, is_dataclass

    out = []
    for file, rows in zip(files, rows_per_file):
        data = json.loads(Path(file).read_text(encoding="utf-8"))
        tokens = dataset_tokens(data)
        records = [asdict(r) if is_dataclass(r) else dict(r) for r in rows]
        groups = [g for r in records for g in annotations_from_row(r, tokens)]
        out.append((Path(file), data, groups))
    return out


def predict_documents(gold_folder: Path | str, *, cache: bool = True) -> list[tuple[Path, dict, list[Group]]]:
    """Run the attribution pipeline on each gold file's ``originalText``; groups over its tokens."""
    from medialens import nlp
    from medialens.attribution import extract_attributions

    gold_folder = Path(gold_folder)
    files = sorted(gold_folder.glob("*.json")) if gold_folder.is_dir() else [gold_folder]
    rows = []
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        doc = nlp.process(document_name(file, data), data["originalText"], cache=cache)
        rows.append(list(extract_attributions(doc)))
    return documents_from_rows(files, rows)


def evaluate_official(gold_folder: Path | str, *, cache: bool = True,
                      write_to: Path | str | None = None) -> dict:
    """Run the pipeline on a gold folder and score it with the official scheme.

    Args:
        gold_folder: folder of dataset JSON files.
        cache: use the NLP cache.
        write_to: if given, also write the predictions there in the dataset's format.
    """
    predicted = predict_documents(gold_folder, cache=cache)
    if write_to is not None:
        write_predictions(write_to, predicted)
    gold = read_groups(gold_folder)
    return score(gold, {document_name(file, data): groups for file, data, groups in predicted})


def format_official(result: Mapping) -> str:
    """Readable lines of :func:`score` output."""
    lines = ["  official scheme (token overlap, one-to-one alignment, macro over quotations)",
             f"  {'':12}{'P':>8}{'R':>8}{'F1':>8}"]
    for part in ("quote", "speaker", "cue", "addressee", "frame", "roles", "joint", "type"):
        r = result[part]
        lines.append(f"  {part:12}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}")
    return "\n".join(lines)
