"""Headless notebook runs: execute the numbered notebooks in order with papermill.

Used by ``medialens figures`` (and ``make figures``). Each notebook's ``parameters`` cell takes
``corpus_path`` (``None`` = the demo corpus) and ``figures_dir`` (``None`` = ``figures/``); executed copies
go to ``build/notebooks/`` so the committed notebooks stay unchanged.
"""

from __future__ import annotations

from pathlib import Path

from medialens import config


def notebook_paths(pattern: str = "[0-9][0-9]-*.ipynb") -> list[Path]:
    """The numbered notebooks, in order."""
    paths = sorted(config.NOTEBOOKS_DIR.glob(pattern))
    if not paths:
        raise FileNotFoundError(f"no notebooks match {pattern!r} in {config.NOTEBOOKS_DIR}")
    return paths


def run_notebooks(*, corpus: str | Path | None = None, figures_dir: str | Path | None = None,
                  pattern: str = "[0-9][0-9]-*.ipynb") -> list[Path]:
    """Execute the notebooks in order; returns the figure files present afterwards (sorted).

    Raises ``papermill.PapermillExecutionError`` (naming the failing cell) when a notebook fails.
    """
    import papermill

    from medialens.figures import figures_dir as default_figures_dir

    # notebooks run with notebooks/ as working directory: pass absolute paths
    out_dir = (Path(figures_dir) if figures_dir else default_figures_dir()).resolve()
    build = config.PROJECT_ROOT / "build" / "notebooks"
    build.mkdir(parents=True, exist_ok=True)
    parameters = {"corpus_path": str(Path(corpus).resolve()) if corpus else None, "figures_dir": str(out_dir)}
    paths = notebook_paths(pattern)
    for k, path in enumerate(paths, start=1):
        print(f"[{k}/{len(paths)}] running {path.name} …", flush=True)
        papermill.execute_notebook(
            str(path), str(build / path.name), parameters=parameters, kernel_name="python3",
            cwd=str(config.NOTEBOOKS_DIR), progress_bar=False,
        )
    return sorted(p for p in out_dir.glob("*") if p.suffix in {".png", ".svg", ".pdf", ".csv", ".json", ".graphml"})


def refresh_outputs(pattern: str = "[0-9][0-9]-*.ipynb", timeout: int = 900) -> list[Path]:
    """Re-execute the committed notebooks in place so their stored outputs (which nbval compares in
    ``# NBVAL_CHECK_OUTPUT`` cells) match the current code and data. Figures go to ``build/`` here.

    Execution metadata (timestamps) is removed so that an unchanged notebook stays byte-identical.
    """
    import os

    import nbformat
    from nbclient import NotebookClient

    os.environ.setdefault("MEDIALENS_FIGURES_DIR", str(config.PROJECT_ROOT / "build" / "refresh-figures"))
    paths = notebook_paths(pattern)
    for path in paths:
        print(f"refreshing {path.name} …", flush=True)
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(config.NOTEBOOKS_DIR)}}).execute()
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nb.metadata.pop("widgets", None)
        nb.metadata["language_info"] = {"name": "python"}
        nbformat.write(nb, path)
    return paths
