"""Every notebook on every kind of corpus a researcher brings (issue 10): ``make test-corpora``.

Runs ``medialens figures`` for each notebook on (a) one article with a month-only date and no known outlet,
(b) articles whose outlets the registry does not know, (c) a header-less ``;``-separated CSV read with CSV
options, (d) the demo corpus -- the fixtures are in ``tests/data/corpora/`` (README there). Each corpus is a
chain of the five notebooks in order; two chains run at once. Every run must finish without an error
output, show one image for every chart it saved (and no ``<Figure …>`` line), and leave ``figures/``
untouched: charts of the own corpora go to ``<figures>/<corpus name>/``, never into the demo folder.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.corpora

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "corpora"
CSV_FLAGS = ["--no-header", "--columns", "label,text", "--delimiter", ";", "--quotechar", "'"]
CORPORA = {
    "one-article": (DATA / "one-article", []),
    "unknown-outlets": (DATA / "unknown-outlets", []),
    "headerless-csv": (DATA / "headerless-csv", CSV_FLAGS),
    "demo": (None, []),
}
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _chain(name: str, tmp: Path) -> dict[str, subprocess.CompletedProcess]:
    """The five notebooks on one corpus, in order (a corpus's notebooks share its annotation store)."""
    corpus, flags = CORPORA[name]
    env = dict(os.environ, MEDIALENS_FIGURES_DIR=str(tmp / "default"))
    if corpus is not None:  # the own corpora get a store of their own; the demo reuses the project's
        env["MEDIALENS_CACHE"] = str(tmp / "cache" / name)
    results = {}
    for notebook in NOTEBOOKS:
        command = [sys.executable, "-m", "medialens.cli", "figures", "--notebooks", notebook,
                   "--executed", str(tmp / "executed" / name), *flags]
        command += ["--corpus", str(corpus)] if corpus is not None else ["--out", str(tmp / "demo")]
        results[notebook] = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    return results


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpora")
    before = _tree_hash(ROOT / "figures")
    order = ["demo", *[name for name in CORPORA if name != "demo"]]  # the longest chain first
    with ThreadPoolExecutor(max_workers=2) as pool:
        chains = dict(zip(order, pool.map(lambda name: _chain(name, tmp), order)))
    return {"tmp": tmp, "chains": chains, "figures_before": before, "figures_after": _tree_hash(ROOT / "figures")}


def _outputs(path: Path) -> dict[str, int]:
    counts = {"images": 0, "errors": 0, "figure_reprs": 0}
    for cell in nbformat.read(path, as_version=4).cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            counts["images"] += "image/png" in data
            counts["errors"] += out.get("output_type") == "error"
            counts["figure_reprs"] += str(data.get("text/plain", "")).startswith("<Figure")
    return counts


@pytest.mark.parametrize("notebook", NOTEBOOKS)
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_notebook_runs_to_the_end_and_shows_every_saved_chart(runs, corpus, notebook):
    result = runs["chains"][corpus][notebook]
    assert result.returncode == 0, result.stderr[-3000:]
    tmp = runs["tmp"]
    folder = tmp / "demo" if corpus == "demo" else tmp / "default" / corpus
    saved = sorted(p.name for p in folder.glob(f"{notebook[:2]}-*.png"))
    shown = _outputs(tmp / "executed" / corpus / notebook)
    assert shown["errors"] == 0 and shown["figure_reprs"] == 0, shown
    assert shown["images"] == len(saved), f"{shown['images']} images shown, {len(saved)} charts saved: {saved}"
    if corpus == "demo":
        assert saved, "the demo corpus draws every chart"
    assert "Passed unknown parameter" not in result.stderr
    assert "running over TCP without encryption" not in result.stderr


def test_own_corpora_never_write_into_the_demo_figures(runs):
    assert runs["figures_before"] == runs["figures_after"], "figures/ changed"
    default = runs["tmp"] / "default"
    assert sorted(p.name for p in default.iterdir() if p.is_file()) == [], "an own corpus wrote into the demo folder"
    assert sorted(p.name for p in default.iterdir()) == sorted(c for c in CORPORA if c != "demo")
