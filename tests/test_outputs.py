"""Safe outputs (issue 18 item 8): ``--out`` never writes through links; CSV cells never run as formulas."""

from __future__ import annotations

import csv
import os

import pandas as pd
import pytest

from medialens.annotate import AnnotatedCorpus, write_tables
from medialens.corpus import LoadReport


def corpus(**columns) -> AnnotatedCorpus:
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "text": ["Erster Text.", "Zweiter Text."], **columns})
    tone = pd.DataFrame({"article_id": ["a1", "a2"], "polarity": [-0.5, 0.25], "label": ["negativ", "+positiv"]})
    return AnnotatedCorpus(articles, LoadReport(root="x"), {"sentence_tone": tone})


def cells(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_out_refuses_a_planted_link_and_writes_nothing(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("bleibt\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sentence_tone.parquet").symlink_to(victim)
    with pytest.raises(ValueError, match=r"sentence_tone.parquet is a symbolic link"):
        write_tables(corpus(), out)
    assert victim.read_text(encoding="utf-8") == "bleibt\n"
    assert sorted(p.name for p in out.iterdir()) == ["sentence_tone.parquet"]


def test_out_replaces_a_hard_link_instead_of_writing_into_it(tmp_path):
    victim = tmp_path / "victim.csv"
    victim.write_text("bleibt\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.link(victim, out / "articles.csv")
    write_tables(corpus(), out)
    assert victim.read_text(encoding="utf-8") == "bleibt\n"
    assert cells(out / "articles.csv")[0] == ["article_id", "text"]


def test_out_that_is_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "out").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="not a folder"):
        write_tables(corpus(), tmp_path / "out")


def test_formula_like_cells_are_neutralised_in_csv_only(tmp_path):
    titles = ["=HYPERLINK(\"http://example.org\",\"klick\")", "'Nein', sagte sie"]
    annotated = corpus(title=titles, outlet=["@dpa", "\tTab"], **{"=Spalte": ["+49 30", "-"]})
    write_tables(annotated, tmp_path)
    rows = cells(tmp_path / "articles.csv")
    assert rows[0] == ["article_id", "text", "title", "outlet", "'=Spalte"]
    assert rows[1][2:] == ["'=HYPERLINK(\"http://example.org\",\"klick\")", "'@dpa", "'+49 30"]
    assert rows[2][2:] == ["''Nein', sagte sie", "'\tTab", "'-"]
    tone = cells(tmp_path / "sentence_tone.csv")
    assert [r[1:] for r in tone[1:]] == [["-0.5", "negativ"], ["0.25", "'+positiv"]]  # numbers stay numbers
    exact = pd.read_parquet(tmp_path / "articles.parquet")
    assert exact["title"].tolist() == titles and exact["=Spalte"].tolist() == ["+49 30", "-"]


def test_csv_cells_read_back_exactly_with_the_documented_rule(tmp_path):
    from medialens.outputs import read_csv_table

    annotated = corpus(title=["=1+1", "'zitiert'"])
    write_tables(annotated, tmp_path)
    back = read_csv_table(tmp_path / "articles.csv")
    pd.testing.assert_frame_equal(back, annotated.articles)


def test_annotate_command_reports_a_planted_link(tmp_path, monkeypatch, capsys):
    from medialens import annotate
    from medialens.cli import main

    monkeypatch.setattr(annotate, "annotate_corpus", lambda *args, **kwargs: corpus())
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.csv").symlink_to(tmp_path / "elsewhere.csv")
    assert main(["annotate", str(tmp_path), "--out", str(out)]) == 2
    assert "articles.csv is a symbolic link" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere.csv").exists()
