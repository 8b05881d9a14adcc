"""Project set-up: environment.yml and pyproject.toml name the same pinned packages; CLI and CI wiring."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from medialens import config
from medialens.cli import build_parser


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins() -> dict[str, str]:
    deps = tomllib.loads((config.PROJECT_ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = {}
    for dep in deps:
        name, _, version = dep.partition("==")
        assert version, f"pyproject dependency not pinned with ==: {dep}"
        pins[_norm(name)] = version
    return pins


def environment_pins() -> dict[str, str]:
    pins = {}
    for line in (config.PROJECT_ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"\s*-\s+([A-Za-z0-9_.\-]+)\s*(==|=)\s*([^\s#]+)", line)
        if m and _norm(m.group(1)) != "python":
            pins[_norm(m.group(1))] = m.group(3)
    return pins


def test_environment_yml_matches_pyproject():
    assert environment_pins() == pyproject_pins()


def test_textblob_pinned_below_0_18():
    assert pyproject_pins()["textblob"] == "0.17.1"


def test_ci_runs_the_readme_test_command():
    ci = (config.PROJECT_ROOT / ".ci" / "run").read_text()
    readme = (config.PROJECT_ROOT / "README.md").read_text()
    assert "make test" in ci and "make test" in readme and "make figures" in readme


def test_console_script_help():
    out = subprocess.run([sys.executable, "-m", "medialens.cli", "--help"], capture_output=True, text=True, check=True)
    assert "annotate" in out.stdout and "eval" in out.stdout and "figures" in out.stdout


def test_eval_kinds_are_all_wired():
    parser = build_parser()
    sub = next(a for a in parser._subparsers._group_actions)  # noqa: SLF001 - argparse has no public API
    kinds = sub.choices["eval"]._subparsers._group_actions[0].choices  # noqa: SLF001
    assert set(kinds) == {"attribution", "ner", "sentiment", "frames"}


def test_notebooks_use_python3_kernel_and_have_parameters():
    import json

    notebooks = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = json.loads(path.read_text())
        assert nb["metadata"]["kernelspec"]["name"] == "python3", path.name
        first_code = next(c for c in nb["cells"] if c["cell_type"] == "code")
        assert "parameters" in first_code["metadata"].get("tags", []), path.name


def test_annotate_command_writes_every_table(tmp_path):
    from medialens.cli import main

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        " date 2022-01-06 Das Innenministerium teilte mit, dass in Almaty 200 Menschen festgenommen worden "
        "seien. „Die Lage ist unter Kontrolle“, sagte Präsident Tokajew am Abend im Staatsfernsehen.",
        encoding="utf-8")
    assert main(["annotate", str(corpus), "--out", str(tmp_path / "out"), "--no-cache"]) == 0
    import pandas as pd

    from medialens.attribution import COLUMNS

    written = {p.stem for p in (tmp_path / "out").glob("*.csv")}
    assert written == {"articles", "load_report", "sentences", "sentence_tone", "target_tone", "attributions",
                       "mentions", "actor_candidates", "naming", "causal", "distancing", "topics"}
    attributions = pd.read_csv(tmp_path / "out" / "attributions.csv")
    assert list(attributions.columns) == list(COLUMNS)
    assert set(attributions["source_text"]) >= {"Das Innenministerium", "Präsident Tokajew"}
    text = pd.read_csv(tmp_path / "out" / "articles.csv")["text"][0]
    row = attributions[attributions["form"] == "direct"].iloc[0]
    assert text[int(row["quote_start"]) : int(row["quote_end"])] == row["quote_text"]
