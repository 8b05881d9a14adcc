"""Tests for the quotation dataset's official scoring scheme (medialens.evaluation.quotation_official).

Every document here was written for these tests; none is taken from the evaluation data.
"""

from __future__ import annotations

import itertools
import json
import random
import re

import pytest

from medialens.evaluation import quotation_official as official


def _document(name: str, text: str, annotations: list[dict]) -> dict:
    """A document in the dataset's JSON layout; annotations give role -> substring (or (substring, nth))."""
    tokens = [{"id": k, "charBegin": m.start(), "charEnd": m.end(), "text": m.group()}
              for k, m in enumerate(re.finditer(r"\w+|[^\w\s]", text))]

    def ids(part) -> list[int]:
        if not part:
            return []
        sub, nth = part if isinstance(part, tuple) else (part, 0)
        start = -1
        for _ in range(nth + 1):
            start = text.index(sub, start + 1)
        end = start + len(sub)
        return [t["id"] for t in tokens if t["charBegin"] < end and start < t["charEnd"]]

    out = []
    for a in annotations:
        ann = {"type": a.get("type"), "medium": a.get("medium")}
        for role in ("quote", *official.ROLES):
            ann[role] = {"tokenIds": ids(a.get(role)), "spans": []}
        out.append(ann)
    return {"documentName": name, "originalText": text, "tokens": tokens, "annotations": out}


TEXT = ("Die Bürgermeisterin sagte, die Brücke bleibe bis Mai gesperrt. "
        "„Wir prüfen jeden Pfeiler“, erklärte der Baudezernent. "
        "Laut dem Wetterdienst kommt am Abend Regen.")


def _gold():
    return _document("brücke", TEXT, [
        {"type": "Indirect", "quote": "die Brücke bleibe bis Mai gesperrt", "speaker": "Die Bürgermeisterin",
         "cue": "sagte"},
        {"type": "Direct", "quote": "„Wir prüfen jeden Pfeiler“", "speaker": "der Baudezernent", "cue": "erklärte"},
        {"type": "Indirect", "quote": "kommt am Abend Regen", "speaker": "dem Wetterdienst", "cue": "Laut"},
    ])


def test_assignment_is_optimal_against_brute_force():
    rng = random.Random(7)
    for _ in range(300):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        weights = [[rng.choice([0.0, rng.random()]) for _ in range(cols)] for _ in range(rows)]
        pairs = official.max_weight_assignment(weights)
        assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
        got = sum(weights[i][j] for i, j in pairs)
        if rows <= cols:
            best = max(sum(weights[i][p[i]] for i in range(rows)) for p in itertools.permutations(range(cols), rows))
        else:
            best = max(sum(weights[p[j]][j] for j in range(cols)) for p in itertools.permutations(range(rows), cols))
        assert got == pytest.approx(best)


def test_assignment_prefers_the_globally_best_pairing_over_greedy():
    # greedy would take (0, 0) = 0.9 and leave row 1 with 0; the optimum pairs crosswise (0.8 + 0.8)
    assert official.max_weight_assignment([[0.9, 0.8], [0.8, 0.0]]) == [(0, 1), (1, 0)]
    assert official.max_weight_assignment([[0.0, 0.0]]) == []


def test_gold_against_itself_scores_one():
    gold = {"brücke": [official.group_from_annotation(a) for a in _gold()["annotations"]]}
    result = official.score(gold, gold)
    for part in ("quote", "speaker", "cue", "roles", "type"):
        assert result[part]["f1"] == pytest.approx(1.0), part
    assert result["groups"] == {"aligned": 3, "unmatched_predicted": 0, "unmatched_gold": 0}


def test_partial_spurious_and_missing_quotations_are_macro_averaged():
    gold = {"brücke": [official.group_from_annotation(a) for a in _gold()["annotations"]]}
    predicted_doc = _document("brücke", TEXT, [
        # the indirect quote found with one token too many ("sagte") and the right speaker
        {"type": "Indirect", "quote": "sagte, die Brücke bleibe bis Mai gesperrt", "speaker": "Die Bürgermeisterin",
         "cue": "sagte"},
        # a spurious prediction over the last sentence's cue phrase only
        {"type": "Reported", "quote": "Laut dem Wetterdienst", "speaker": "", "cue": ""},
    ])
    predicted = {"brücke": [official.group_from_annotation(a) for a in predicted_doc["annotations"]]}
    result = official.score(gold, predicted)
    # quote: pair 1 has P = 6/8 (the comma and "sagte" are extra), R = 1; the spurious group P = 0;
    # the two unmatched gold groups R = 0 -> P = (0.75 + 0) / 2, R = (1 + 0 + 0) / 3
    assert result["quote"]["precision"] == pytest.approx(0.375)
    assert result["quote"]["recall"] == pytest.approx(1 / 3)
    assert result["speaker"]["precision"] == pytest.approx(1.0)  # only the aligned pair has a speaker
    assert result["speaker"]["recall"] == pytest.approx(1 / 3)
    assert result["groups"] == {"aligned": 1, "unmatched_predicted": 1, "unmatched_gold": 2}
    assert result["type"]["precision"] == pytest.approx(0.5) and result["type"]["recall"] == pytest.approx(1 / 3)


def test_rows_map_to_dataset_tokens_with_relay_and_according_to_conventions():
    data = _gold()
    tokens = official.dataset_tokens(data)
    start = TEXT.index("Laut")
    end = TEXT.index("Regen") + len("Regen")
    src = TEXT.index("dem Wetterdienst")
    row = {"form": "according_to", "quote_start": start, "quote_end": end, "source_start": src,
           "source_end": src + len("dem Wetterdienst"), "cue_start": start, "cue_end": start + 4,
           "via_start": None, "via_end": None}
    group = official.annotation_from_row(row, tokens)
    assert [data["tokens"][k]["text"] for k in group.quote] == ["kommt", "am", "Abend", "Regen"]
    assert [data["tokens"][k]["text"] for k in group.role("speaker")] == ["dem", "Wetterdienst"]
    assert group.type == "Indirect"
    assert [data["tokens"][k]["text"] for k in group.role("frame")] == ["Laut", "dem", "Wetterdienst"]
    # a relay row: the relaying source is the dataset's speaker
    relay = dict(row, form="indirect", via_start=start + 5, via_end=start + 8)
    assert official.annotation_from_row(relay, tokens).role("speaker") == tuple(
        t.id for t in tokens if t.start < start + 8 and start + 5 < t.end)
    # a plain relay is one group; a relay that reproduces the source's words is annotated twice, the
    # second time nested with the original source as speaker
    assert len(official.annotations_from_row(relay, tokens)) == 1
    cited = official.annotations_from_row(dict(relay, rule="relay_zitieren"), tokens)
    assert [g.role("speaker") for g in cited] == [
        official.annotation_from_row(relay, tokens).role("speaker"), group.role("speaker")]
    # rule names pick the free indirect types
    assert official.dataset_type({"form": "indirect", "rule": "konjunktiv_continuation"}) == "IndirectFreeIndirect"
    assert official.dataset_type({"form": "reported"}) == "Reported"


def test_written_predictions_read_back_as_the_same_groups(tmp_path):
    data = _gold()
    groups = [official.group_from_annotation(a) for a in data["annotations"]]
    gold_file = tmp_path / "gold" / "brücke.pretty.json"
    gold_file.parent.mkdir()
    gold_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    written = official.write_predictions(tmp_path / "pred", [(gold_file, data, groups)])
    assert [p.name for p in written] == ["brücke.pretty.json"]
    back = official.read_groups(tmp_path / "pred")
    assert [(g.quote, dict(g.roles), g.type) for g in back["brücke"]] == [(g.quote, dict(g.roles), g.type) for g in groups]
    saved = json.loads(written[0].read_text(encoding="utf-8"))
    first = saved["annotations"][0]["quote"]
    assert first["text"] == "die Brücke bleibe bis Mai gesperrt"
    assert first["spans"][0]["charBegin"] == TEXT.index("die Brücke")


def test_pipeline_is_scored_and_written(tmp_path):
    data = _gold()
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "brücke.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = official.evaluate_official(folder, cache=False, write_to=tmp_path / "pred")
    assert result["quote"]["f1"] > 0.9 and result["speaker"]["f1"] > 0.9
    assert (tmp_path / "pred" / "brücke.json").exists()
    assert "quote" in official.format_official(result)


def test_missing_or_malformed_folders_raise(tmp_path):
    with pytest.raises(FileNotFoundError):
        official.read_groups(tmp_path / "missing")
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError):
        official.read_groups(tmp_path)
