"""Notebook setup and headless runs: corpus paths, CSV options, parameters, figure folders, progress steps."""

from __future__ import annotations

import pytest

from medialens import annotate, cli, config, notebooks
from medialens.corpus import CsvOptions

FIXTURES = config.PROJECT_ROOT / "tests" / "data" / "corpora"


def test_relative_corpus_path_resolves_from_the_current_folder_or_the_project_root(monkeypatch, tmp_path):
    monkeypatch.chdir(config.NOTEBOOKS_DIR)  # where JupyterLab and papermill run the notebooks
    assert notebooks.resolve_corpus("tests/data/corpora/one-article") == FIXTURES / "one-article"
    assert notebooks.resolve_corpus(None) == config.DEMO_CORPUS_DIR
    (tmp_path / "mine").mkdir()
    monkeypatch.chdir(tmp_path)
    assert notebooks.resolve_corpus("mine") == tmp_path / "mine"


def test_a_missing_corpus_names_the_absolute_paths_tried(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError) as err:
        notebooks.resolve_corpus("no/such/corpus")
    assert str(tmp_path / "no/such/corpus") in str(err.value)
    assert str(config.PROJECT_ROOT / "no/such/corpus") in str(err.value)


def test_csv_options_from_a_dict():
    options = notebooks.csv_options({"delimiter": ";", "quotechar": "'", "header": False, "columns": ["label", "text"]})
    assert options == CsvOptions(delimiter=";", quotechar="'", header=False, columns=("label", "text"))
    assert notebooks.csv_options(None) is None
    with pytest.raises(ValueError, match="valid keys: delimiter, quotechar, header, columns, text_column"):
        notebooks.csv_options({"sep": ";"})


def test_figure_folder_of_another_corpus_is_its_own(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIALENS_FIGURES_DIR", str(tmp_path))
    assert notebooks.figure_folder(config.DEMO_CORPUS_DIR, None) == tmp_path
    assert notebooks.figure_folder(FIXTURES / "headerless-csv", None) == tmp_path / "headerless-csv"
    assert notebooks.figure_folder(FIXTURES / "one-article", "build/x") == config.PROJECT_ROOT / "build/x"


def test_open_notebook_loads_a_headerless_csv_with_options(tmp_path):
    session = notebooks.open_notebook(FIXTURES / "headerless-csv", tmp_path,
                                      {"delimiter": ";", "quotechar": "'", "header": False,
                                       "columns": ["label", "text"]}, annotate=False)
    assert len(session.articles) == session.report.loaded > 0
    assert session.out_dir == tmp_path and session.corpus_name == "headerless-csv"


def test_every_notebook_declares_the_common_parameters():
    for path in notebooks.notebook_paths():
        declared = notebooks.notebook_parameters(path)
        assert set(notebooks.COMMON_PARAMETERS) <= set(declared), path.name


def test_papermill_reads_every_declared_parameter_with_its_help():
    # papermill's own parser skips (with a warning) a line whose comment it cannot read, e.g. one with '='
    from papermill.translators import PythonTranslator
    import nbformat

    for path in notebooks.notebook_paths():
        nb = nbformat.read(path, as_version=4)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        parsed = {p.name: p for p in PythonTranslator.inspect(cell)}
        assert set(parsed) == set(notebooks.notebook_parameters(path)), path.name
        assert all(p.help for p in parsed.values()), path.name


def test_parameters_are_parsed_and_unknown_ones_rejected_with_the_valid_names():
    assert notebooks.parse_parameter("group_a=news_agency") == ("group_a", "news_agency")
    assert notebooks.parse_parameter("phases=None") == ("phases", None)
    assert notebooks.parse_parameter('phases={"2022-01-02": "a"}') == ("phases", {"2022-01-02": "a"})
    with pytest.raises(ValueError, match="NAME=VALUE"):
        notebooks.parse_parameter("group_a")
    declared = {path: notebooks.notebook_parameters(path) for path in notebooks.notebook_paths()}
    notebooks.check_parameters({"group_a": "x", "corpus_path": None}, declared)
    with pytest.raises(ValueError) as err:
        notebooks.check_parameters({"grup_a": "x"}, declared)
    assert "grup_a" in str(err.value) and "group_a (04)" in str(err.value) and "csv_options (00, 01" in str(err.value)


def test_figures_command_rejects_an_unknown_parameter_before_running_anything(capsys):
    assert cli.main(["figures", "--param", "no_such=1", "--out", "/nonexistent/never-written"]) == 2
    assert "unknown notebook parameter(s) no_such" in capsys.readouterr().err


def test_figures_command_turns_csv_flags_into_csv_options():
    args = cli.build_parser().parse_args(["figures", "--no-header", "--columns", "label,text", "--delimiter", ";",
                                          "--quotechar", "'"])
    assert cli._csv_option_values(args) == {"delimiter": ";", "quotechar": "'", "header": False,
                                           "columns": ["label", "text"]}
    assert cli._csv_option_values(cli.build_parser().parse_args(["figures"])) == {}


def test_progress_moves_in_steps_of_a_few_articles(tmp_path):
    from medialens.corpus import load_corpus

    articles, _ = load_corpus(FIXTURES / "unknown-outlets")
    with_bar = annotate.run_annotation(articles, cache=tmp_path / "a", progress=True)
    without = annotate.run_annotation(articles, cache=tmp_path / "b", progress=False)
    assert with_bar.stats.chunks == len(articles)  # one article per step on a six-article corpus
    assert without.stats.chunks == 1
    for name, table in without.tables.items():
        assert with_bar.tables[name].reset_index(drop=True).equals(table.reset_index(drop=True)), name


def test_evaluation_shows_a_stored_result_or_says_how_to_make_one(monkeypatch, capsys):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    assert notebooks.NotebookSession.evaluation("frames")["kind"] == "frames"
    assert "medialens eval frames --save" in capsys.readouterr().out
    assert notebooks.NotebookSession.evaluation("no_such_kind") is None
    assert "run `medialens eval no_such_kind --save`" in repr(shown[-1])


def test_coverage_note_names_empty_and_small_groups(monkeypatch):
    import pandas as pd

    from medialens.figures import display
    from medialens.notebooks import NotebookSession

    shown = []
    monkeypatch.setattr(display, "note", shown.append)
    articles = pd.DataFrame({"article_id": list("abcdefg"),
                             "outlet_type": ["independent_media"] * 5 + ["state_media", "unknown"]})
    text = NotebookSession.coverage(articles, ["state_media", "independent_media", "state_aligned_media"])
    assert shown == [text]
    assert "state_aligned_media (0)" in text and "state_media (1)" in text
    assert "independent_media" not in text  # five articles: enough
    assert NotebookSession.coverage(articles, ["independent_media"]) == "" and len(shown) == 1
