"""Stored evaluation results (``medialens eval KIND --save``)."""

import json
import types

import pytest

from medialens import cli
from medialens.evaluation import results


def test_save_and_load_roundtrip(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text('{"x": 1}', encoding="utf-8")
    path = results.save_result("toy", {"f1": 0.5, "missing": float("nan"), "per_type": {"a": (1, 2)}},
                               command="medialens eval toy --save", data=[gold], folder=tmp_path / "out",
                               date="2026-12-01")
    stored = results.load_result("toy", folder=tmp_path / "out")
    assert path.name == "toy.json"
    assert stored["metrics"] == {"f1": 0.5, "missing": None, "per_type": {"a": [1, 2]}}
    assert stored["data"][0]["files"] == 1 and len(stored["data"][0]["sha256"]) == 64
    assert stored["command"] == "medialens eval toy --save" and stored["date"] == "2026-12-01"


def test_fingerprint_changes_with_the_data(tmp_path):
    f = tmp_path / "gold.tsv"
    f.write_text("a\n", encoding="utf-8")
    before = results.data_fingerprint([f])[0]["sha256"]
    f.write_text("b\n", encoding="utf-8")
    assert results.data_fingerprint([f])[0]["sha256"] != before


def test_missing_result_names_the_command(tmp_path):
    with pytest.raises(FileNotFoundError, match="medialens eval nothing --save"):
        results.load_result("nothing", folder=tmp_path)


def test_cli_save_stores_what_evaluate_returned(tmp_path, monkeypatch, capsys):
    gold = tmp_path / "gold.txt"
    gold.write_text("gold\n", encoding="utf-8")
    module = types.SimpleNamespace(
        evaluate=lambda args: {"accuracy": 0.75},
        format_result=lambda result: f"accuracy {result['accuracy']:.2f}",
        data_paths=lambda args: [gold],
    )
    monkeypatch.setattr(results, "RESULTS_DIR", tmp_path / "stored")
    args = types.SimpleNamespace(eval_module=module, kind="toy", save=True, argv=["eval", "toy", "--save"])
    assert cli._cmd_eval(args) == 0
    out = capsys.readouterr().out
    assert "accuracy 0.75" in out
    stored = json.loads((tmp_path / "stored" / "toy.json").read_text(encoding="utf-8"))
    assert stored["metrics"] == {"accuracy": 0.75} and stored["command"] == "medialens eval toy --save"


def test_cli_refuses_save_for_a_module_without_evaluate():
    module = types.SimpleNamespace(run=lambda args: 0)
    args = types.SimpleNamespace(eval_module=module, kind="old", save=True, argv=["eval", "old", "--save"])
    with pytest.raises(ValueError, match="cannot --save"):
        cli._cmd_eval(args)
