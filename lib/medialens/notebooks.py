"""Notebooks: the setup every notebook shares, and headless runs with papermill.

In a notebook, the cell after the ``parameters`` cell is::

    nb = open_notebook(corpus_path, figures_dir, csv_options)   # loads, annotates (progress bar), styles
    annotated, save = nb.annotated, nb.save                     # save(fig, name, data, caption) shows it once

:func:`open_notebook` resolves a relative ``corpus_path`` from the current folder or the project root
(errors name the absolute paths tried), reads CSV options given as a dict, sends the charts of any corpus
other than the demo corpus to ``figures/<corpus name>/`` and applies the house style.

``medialens figures`` (and ``make figures``) runs the numbered notebooks in order with
:func:`run_notebooks`: the parameters each notebook declares are read from its ``parameters`` cell,
unknown ones are rejected with the list of valid names, and each notebook gets only the parameters it
declares (so papermill never warns about an unknown parameter). Executed copies go to
``build/notebooks/`` so the committed notebooks stay unchanged.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from medialens import config

#: Parameters every notebook declares (``csv_options`` is passed only to notebooks that declare it).
COMMON_PARAMETERS = ("corpus_path", "figures_dir", "csv_options")


# --------------------------------------------------------------------------- corpus and options


def resolve_corpus(corpus_path: str | Path | None) -> Path:
    """The absolute corpus path: ``None`` is the demo corpus; a relative path is looked up in the current
    folder first, then in the project root.

    Raises:
        FileNotFoundError: naming every absolute path tried.
    """
    if corpus_path is None or str(corpus_path) == "":
        return config.DEMO_CORPUS_DIR
    path = Path(corpus_path).expanduser()
    tried = [path] if path.is_absolute() else [Path.cwd() / path, config.PROJECT_ROOT / path]
    for candidate in tried:
        if candidate.exists():
            return candidate.resolve()
    where = " or ".join(str(p.resolve()) for p in tried)
    raise FileNotFoundError(f"corpus not found: {where} does not exist (corpus_path = {str(corpus_path)!r})")


def csv_options(options: Any):
    """A :class:`medialens.corpus.CsvOptions` from ``None``, a ``CsvOptions`` or a dict of its fields.

    ``{"delimiter": ";", "quotechar": "'", "header": False, "columns": ["label", "text"]}`` reads a
    header-less 10kGNAD-style file.

    Raises:
        ValueError: a key that is not a field, naming the valid ones.
    """
    from medialens.corpus import CsvOptions

    if options is None or isinstance(options, CsvOptions):
        return options
    if not isinstance(options, Mapping):
        raise ValueError(f"csv_options must be None or a dict, not {type(options).__name__}")
    fields = [f.name for f in dataclasses.fields(CsvOptions)]
    unknown = sorted(set(options) - set(fields))
    if unknown:
        raise ValueError(f"unknown csv_options {unknown}; valid keys: {', '.join(fields)}")
    values = dict(options)
    if values.get("columns") is not None:
        values["columns"] = tuple(values["columns"])
    return CsvOptions(**values)


def figure_folder(corpus: Path | None, figures_dir: str | Path | None) -> Path:
    """Where a notebook's charts go: ``figures_dir`` (relative: from the project root), else the demo
    folder for the demo corpus and ``<figures>/<corpus name>/`` for any other corpus."""
    from medialens.figures.save import corpus_figures_dir

    if figures_dir is not None and str(figures_dir) != "":
        path = Path(figures_dir).expanduser()
        return path if path.is_absolute() else config.PROJECT_ROOT / path
    return corpus_figures_dir(corpus)


# --------------------------------------------------------------------------- the notebook session


@dataclasses.dataclass
class NotebookSession:
    """What the setup cell of a notebook gives the rest of it."""

    corpus: Path
    articles: pd.DataFrame
    report: Any
    out_dir: Path
    corpus_name: str
    annotated: Any = None

    def save(self, fig, name: str, data: pd.DataFrame, caption: str, **kwargs) -> None:
        """Save a chart with :func:`medialens.figures.save_figure` into :attr:`out_dir` and show it once."""
        from medialens.figures.display import show_figure
        from medialens.figures.save import describe_corpus, save_figure

        description = describe_corpus(self.articles, name=self.corpus_name or None)
        save_figure(fig, name, data, caption, corpus=description, out_dir=self.out_dir, close=False, **kwargs)
        show_figure(fig)

    @staticmethod
    def enough(data: Any, what: str, minimum: int = 1) -> bool:
        """:func:`medialens.figures.display.enough`: ``False`` (with a visible note) when a chart cannot be drawn."""
        from medialens.figures.display import enough

        return enough(data, what, minimum)

    @staticmethod
    def note(text: str) -> None:
        """Show a short visible note."""
        from medialens.figures.display import note

        note(text)

    @staticmethod
    def coverage(articles: pd.DataFrame, groups=None, *, by: str = "outlet_type") -> str:
        """Show, above a comparison chart, which compared groups are empty or small (< 5 articles) and why.

        ``articles`` are the articles the chart uses (after de-duplication); ``groups`` the groups it
        compares (``None``: those present). Returns the note ("" when every group has enough articles).
        """
        from medialens.corpus.summary import coverage_note, group_coverage
        from medialens.figures.display import note

        text = coverage_note(group_coverage(articles, groups, by=by))
        if text:
            note(text)
        return text

    @staticmethod
    def evaluation(kind: str) -> dict | None:
        """The stored result of ``medialens eval KIND --save`` (shown as its command prints it), or ``None``
        with a note saying how to produce it. Notebooks quote these, never re-computed or typed figures."""
        import importlib

        from medialens.evaluation.results import load_result
        from medialens.figures.display import note

        try:
            result = load_result(kind)
        except FileNotFoundError:
            note(f"No stored evaluation result for {kind!r} yet: run `medialens eval {kind} --save` to measure it. "
                 "Until then this notebook quotes no accuracy figure for it.")
            return None
        module = importlib.import_module(f"medialens.evaluation.{kind}")
        print(f"Measured {result['date']} with `{result['command']}` (medialens {result['package_version']}), "
              f"gold data: {', '.join(d['path'] for d in result.get('data', []))}")
        if hasattr(module, "format_result"):
            print(module.format_result(result["metrics"]))
        return result


def open_notebook(corpus_path: str | Path | None = None, figures_dir: str | Path | None = None,
                  csv_options_: Any = None, *, annotate: bool = True, progress: bool = True) -> NotebookSession:
    """Load (and annotate) the corpus of a notebook and apply the house style.

    Args:
        corpus_path: the ``parameters`` cell's ``corpus_path`` (``None``: the demo corpus).
        figures_dir: its ``figures_dir`` (``None``: ``figures/``, or ``figures/<corpus name>/`` for
            another corpus).
        csv_options_: its ``csv_options`` (a dict of :class:`medialens.corpus.CsvOptions` fields).
        annotate: run every analysis step (with a progress bar); ``False`` only loads.

    Returns:
        The :class:`NotebookSession`.
    """
    from medialens.annotate import AnnotatedCorpus
    from medialens.annotate import annotate as annotate_articles
    from medialens.corpus import load_corpus
    from medialens.figures.save import corpus_name
    from medialens.figures.style import apply_style

    corpus = resolve_corpus(corpus_path)
    articles, report = load_corpus(corpus, csv_options=csv_options(csv_options_))
    apply_style()
    session = NotebookSession(corpus, articles, report, figure_folder(corpus, figures_dir), corpus_name(corpus))
    if annotate:
        session.annotated = AnnotatedCorpus(articles, report, annotate_articles(articles, progress=progress))
    return session


# --------------------------------------------------------------------------- headless runs


def notebook_paths(pattern: str = "[0-9][0-9]-*.ipynb") -> list[Path]:
    """The numbered notebooks, in order."""
    paths = sorted(config.NOTEBOOKS_DIR.glob(pattern))
    if not paths:
        raise FileNotFoundError(f"no notebooks match {pattern!r} in {config.NOTEBOOKS_DIR}")
    return paths


def notebook_parameters(path: Path) -> dict[str, str]:
    """The parameters a notebook declares: ``{name: default as written}`` from its ``parameters`` cell.

    Raises:
        ValueError: the notebook has no cell tagged ``parameters``.
    """
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cell = next((c for c in nb.cells if "parameters" in c.metadata.get("tags", [])), None)
    if cell is None:
        raise ValueError(f"{path.name} has no cell tagged 'parameters'")
    tree = ast.parse(cell.source)
    return {node.targets[0].id: ast.get_source_segment(cell.source, node.value)
            for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}


def parse_parameter(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` → ``(name, value)``; the value is a Python literal (``3``, ``None``, ``{"a": 1}``)
    or else the text itself.

    Raises:
        ValueError: no ``=`` or an empty name.
    """
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ValueError(f"--param expects NAME=VALUE, not {text!r}")
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        parsed = value
    return name.strip(), parsed


def check_parameters(parameters: Mapping[str, Any], declared: Mapping[Path, Mapping[str, str]]) -> None:
    """Reject parameters no notebook declares.

    Raises:
        ValueError: naming the unknown parameters and listing every valid one with its notebooks.
    """
    valid: dict[str, list[str]] = {}
    for path, names in declared.items():
        for name in names:
            valid.setdefault(name, []).append(path.name[:2])
    unknown = sorted(set(parameters) - set(valid))
    if unknown:
        listing = "; ".join(f"{name} ({', '.join(nbs)})" for name, nbs in sorted(valid.items()))
        raise ValueError(f"unknown notebook parameter(s) {', '.join(unknown)}. Valid parameters (notebooks): "
                         f"{listing}")


def _kernel_manager_class():
    """A kernel manager on IPC sockets (no 'running over TCP without encryption' warning per notebook), each
    kernel's sockets under a path of its own in the Jupyter runtime folder, so runs in parallel never meet."""
    import uuid

    from jupyter_client.manager import KernelManager
    from jupyter_core.paths import jupyter_runtime_dir

    class IpcKernelManager(KernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            runtime = Path(jupyter_runtime_dir())
            runtime.mkdir(parents=True, exist_ok=True)
            kwargs.setdefault("ip", str(runtime / f"medialens-{uuid.uuid4().hex[:12]}-ipc"))
            super().__init__(**kwargs)

    return IpcKernelManager


def run_notebooks(*, corpus: str | Path | None = None, figures_dir: str | Path | None = None,
                  pattern: str = "[0-9][0-9]-*.ipynb", parameters: Mapping[str, Any] | None = None,
                  csv_options: Mapping[str, Any] | None = None, build: Path | None = None) -> list[Path]:
    """Execute the notebooks in order; returns the figure files present afterwards (sorted).

    Args:
        corpus: corpus file or folder (default: the demo corpus); relative to the current folder.
        figures_dir: where the charts go (default ``figures/``, or ``figures/<corpus name>/`` for
            another corpus).
        parameters: further notebook parameters by name (``group_a``, ``phases`` …); each notebook gets
            the ones its ``parameters`` cell declares.
        csv_options: :class:`medialens.corpus.CsvOptions` fields for a CSV corpus.
        build: folder of the executed copies (default ``build/notebooks``).

    Raises:
        ValueError: a parameter no notebook declares (the message lists the valid ones).
        papermill.PapermillExecutionError: a notebook failed (naming the failing cell).
    """
    import papermill

    from medialens.figures.save import corpus_figures_dir

    corpus_abs = Path(corpus).resolve() if corpus else None
    out_dir = (Path(figures_dir) if figures_dir else corpus_figures_dir(corpus_abs)).resolve()
    given = {"corpus_path": str(corpus_abs) if corpus_abs else None, "figures_dir": str(out_dir),
             "csv_options": dict(csv_options) if csv_options else None, **(parameters or {})}
    paths = notebook_paths(pattern)
    declared = {path: notebook_parameters(path) for path in paths}
    check_parameters(parameters or {}, declared)
    build = build or config.PROJECT_ROOT / "build" / "notebooks"
    build.mkdir(parents=True, exist_ok=True)
    for k, path in enumerate(paths, start=1):
        print(f"[{k}/{len(paths)}] running {path.name} …", flush=True)
        passed = {name: value for name, value in given.items()
                  if name in declared[path] and (value is not None or name in (parameters or {}))}
        papermill.execute_notebook(
            str(path), str(build / path.name), parameters=passed, kernel_name="python3",
            cwd=str(config.NOTEBOOKS_DIR), progress_bar=False, kernel_manager_class=_kernel_manager_class(),
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
        NotebookClient(nb, timeout=timeout, kernel_name="python3", kernel_manager_class=_kernel_manager_class(),
                       resources={"metadata": {"path": str(config.NOTEBOOKS_DIR)}}).execute()
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nb.metadata.pop("widgets", None)
        nb.metadata["language_info"] = {"name": "python"}
        nbformat.write(nb, path)
    return paths
