"""The annotation pipeline: declared steps, per-step store keys, what an edit re-runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from medialens import annotate, config
from medialens.annotate import keys as store_keys
from medialens.annotate.pipeline import STEPS, check_steps, producers
from medialens.corpus import load_demo_corpus
from medialens.steps import Step


@pytest.fixture(scope="module")
def demo():
    articles, _ = load_demo_corpus()
    return articles.head(4).reset_index(drop=True)


@pytest.fixture()
def data_copy(tmp_path, monkeypatch):
    """A copy of data/ (without the corpus) that the store keys read instead of the repository's."""
    copy = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, copy, ignore=shutil.ignore_patterns("corpus"))
    monkeypatch.setattr(config, "DATA_DIR", copy)
    return copy


def test_steps_are_declared_in_order():
    check_steps()
    assert [s.name for s in STEPS] == ["sentences", "actors", "attribution", "framing", "sentiment", "mention_roles"]
    assert producers()["mention_roles"] == {"mentions": "actors", "attributions": "attribution"}
    assert producers()["sentiment"] == {"mentions": "actors", "naming": "framing"}
    with pytest.raises(ValueError, match="no earlier step writes"):
        check_steps([STEPS[0], STEPS[4]])


def test_every_declared_data_glob_matches_and_code_module_exists():
    for step in STEPS:
        store_keys.data_files(step.data)
        assert store_keys.code_modules(step.code)


def test_no_step_depends_on_figures_code():
    for step in STEPS:
        assert not any(m.startswith("medialens.figures") for m in store_keys.code_modules(step.code)), step.name


def test_editing_a_tsv_lexicon_reannotates_the_steps_that_read_it(demo, data_copy, tmp_path):
    """The stale-cache bug of issue 16: .tsv lexicon edits used to reuse old rows."""
    first = annotate.run_annotation(demo, cache=tmp_path / "cache", progress=False)
    assert first.stats.annotated == 4
    with (data_copy / "lexicons" / "sources" / "patterns.tsv").open("a", encoding="utf-8") as fh:
        fh.write("# a reviewer's note\n")
    run = annotate.run_annotation(demo, cache=tmp_path / "cache", progress=False)
    assert run.stats.annotated == 4
    # attribution reads the file; mention roles and framing read the attributions table
    assert run.stats.steps_run == {"attribution": 4, "framing": 4, "sentiment": 4, "mention_roles": 4}
    for name, table in first.tables.items():
        pd.testing.assert_frame_equal(run.tables[name], table, obj=name)


def test_editing_a_sentiment_lexicon_reruns_only_sentiment(demo, data_copy, tmp_path):
    annotate.run_annotation(demo, cache=tmp_path / "cache", progress=False)
    with (data_copy / "lexicons" / "sentiment" / "contrast.txt").open("a", encoding="utf-8") as fh:
        fh.write("# comment\n")
    run = annotate.run_annotation(demo, cache=tmp_path / "cache", progress=False)
    assert run.stats.steps_run == {"sentiment": 4}


def _edited_module(monkeypatch, tmp_path: Path, module: str) -> None:
    """Let the store keys read an edited copy of one module's source (a comment appended)."""
    original = store_keys._module_file
    path = original(module)
    copy = tmp_path / f"{module}.py"
    copy.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(store_keys, "_module_file", lambda name: copy if name == module else original(name))
    store_keys.code_modules.cache_clear()


def test_import_statements_are_parsed_once_per_source(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALENS_CACHE", str(tmp_path))
    monkeypatch.setattr(store_keys, "_imports_memo", {})
    source = b"import os, medialens.nlp\nfrom medialens import config\ndef f():\n    from .rules import x\n"
    expected = [(None, 0, ["os", "medialens.nlp"]), ("medialens", 0, ["config"]), ("rules", 1, ["x"])]
    assert store_keys._import_statements(source) == expected
    store_keys._write_imports_memo()
    monkeypatch.setattr(store_keys, "_imports_memo", {})  # a new process: the memo is read from the cache
    parsed = []
    parse = store_keys.ast.parse
    monkeypatch.setattr(store_keys.ast, "parse", lambda text: parsed.append(text) or parse(text))
    assert store_keys._import_statements(source) == expected
    assert parsed == []
    assert store_keys._import_statements(source + b"import sys\n")[-1] == (None, 0, ["sys"])  # edited: parsed
    assert len(parsed) == 1


def test_editing_a_plot_colour_reannotates_nothing(demo, tmp_path, monkeypatch):
    annotate.run_annotation(demo, cache=tmp_path / "cache", progress=False)
    _edited_module(monkeypatch, tmp_path, "medialens.figures.style")
    run = annotate.run_annotation(demo, cache=tmp_path / "cache", progress=False)
    assert (run.stats.annotated, run.stats.reused, run.stats.steps_run) == (0, 4, {})


def test_editing_scorer_code_reruns_its_step_only(demo, tmp_path, monkeypatch):
    annotate.run_annotation(demo, cache=tmp_path / "cache", progress=False)
    _edited_module(monkeypatch, tmp_path, "medialens.sentiment.rules")
    run = annotate.run_annotation(demo, cache=tmp_path / "cache", progress=False)
    assert run.stats.steps_run == {"sentiment": 4}
    store_keys.code_modules.cache_clear()


def test_a_step_added_at_the_end_reuses_every_other_step(demo, tmp_path):
    def count_words(docs, articles, tables):
        rows = [(d.article_id, len(d.tokens)) for d in docs]
        return {"word_counts": pd.DataFrame(rows, columns=["article_id", "words"])}

    extra = Step("word_counts", count_words, writes=("word_counts",), code=("medialens.nlp",))
    annotate.run_annotation(demo, cache=tmp_path / "cache", progress=False)
    run = annotate.run_annotation(demo, cache=tmp_path / "cache", progress=False, steps=(*STEPS, extra))
    assert run.stats.steps_run == {"word_counts": 4}
    assert run.tables["word_counts"]["article_id"].tolist() == demo["article_id"].tolist()
