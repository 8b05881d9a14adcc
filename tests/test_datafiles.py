"""The shared reader of data files: comments, blank lines, headers, malformed rows."""

from __future__ import annotations

import pytest

from medialens.datafiles import data_list, data_lines, data_rows


def test_lists_skip_comments_and_blank_lines(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text("# Verben des Sagens\n\nsagen\n  erklären  \n# warnen fehlt\nbetonen\n", encoding="utf-8")
    assert data_list(path) == ("sagen", "erklären", "betonen")
    assert [n for n, _ in data_lines(path)] == [3, 4, 6]


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_rows_use_the_header(tmp_path, delimiter):
    path = tmp_path / "lex.csv"
    path.write_text(f"# Kommentar\nlemma{delimiter}polarity\nTote{delimiter}-1.0\n\nFrieden{delimiter}0.8\n",
                    encoding="utf-8")
    assert data_rows(path, delimiter) == [{"lemma": "Tote", "polarity": "-1.0"},
                                          {"lemma": "Frieden", "polarity": "0.8"}]


def test_malformed_row_names_file_and_line(tmp_path):
    path = tmp_path / "lex.csv"
    path.write_text("lemma,polarity\nTote,-1.0\nFrieden\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"lex.csv:3: 1 cells, header has 2"):
        data_rows(path)


def test_empty_file_has_no_rows(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("# nur ein Kommentar\n", encoding="utf-8")
    assert data_rows(path) == []


def test_tsv_rows_keep_quotes_and_pad_missing_trailing_cells(tmp_path):
    from medialens.datafiles import jsonl_rows

    path = tmp_path / "verbs.tsv"
    path.write_text('# "quoted" comment\nlemma\tuse\tneeds\nsagen\tsay\n„betonen“\tsay\tdass\n', encoding="utf-8")
    assert data_rows(path) == [{"lemma": "sagen", "use": "say", "needs": ""},
                               {"lemma": "„betonen“", "use": "say", "needs": "dass"}]
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\n1\t2\t3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:2"):
        data_rows(bad)
    lines = tmp_path / "x.jsonl"
    lines.write_text('// note\n{"id": "a"}\n\n{"id": "b"}\n', encoding="utf-8")
    assert [(n, o["id"]) for n, o in jsonl_rows(lines)] == [(2, "a"), (4, "b")]
    lines.write_text('{"id": "a"}\n[1]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"x.jsonl:2"):
        list(jsonl_rows(lines))
