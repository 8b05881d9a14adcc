"""The loader under hostile input (issue 18): every item counted, nothing lost, nothing aborts the load.

Each test builds a folder of files written for the purpose (German sentences written by us) and checks
what :func:`medialens.corpus.load_corpus` loads, skips, ignores and notes -- against the count a careful
reader of the folder would give (see ``tests/test_loader_hypothesis.py`` for generated folders).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from medialens.corpus import load_corpus

SENTENCES = (
    "Die Regierung hat am Mittwoch neue Maßnahmen gegen die steigenden Preise angekündigt, wie ein Sprecher "
    "mitteilte. Nach Angaben der Behörden sollen die Hilfen noch in diesem Monat ausgezahlt werden, und die "
    "Opposition kritisierte das Vorhaben als zu spät und zu gering."
)


def article(n: int) -> str:
    """A German text, different for each ``n``."""
    return f"Meldung {n}: {SENTENCES} Die Zahl {n} wurde am Abend bestätigt."


def cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(objects) -> str:
    return "".join(json.dumps(o, ensure_ascii=True) + "\n" for o in objects)


def check_invariant(report) -> None:
    assert report.found == report.loaded + len(report.skipped)


def notes_of(report, source: str | None = None) -> list[str]:
    return [n.note for n in report.notes if source is None or n.source == source]


# --------------------------------------------------------------------------- column names (item 2)


def test_csv_columns_named_like_loader_internals_are_kept(tmp_path):
    write(tmp_path / "a.csv", "text,source,item\n" + "".join(f"{cell(article(i))},Agentur {i},{i}\n" for i in range(3)))
    articles, report = load_corpus(tmp_path)
    assert report.loaded == 3 and report.found == 3
    assert articles["source"].tolist() == ["Agentur 0", "Agentur 1", "Agentur 2"]
    assert articles["item"].tolist() == ["0", "1", "2"]
    assert articles["source_file"].tolist() == ["a.csv"] * 3


def test_jsonl_keys_named_like_loader_internals_are_kept(tmp_path):
    write(tmp_path / "a.jsonl", jsonl({"text": article(i), "source": "Agentur", "item": i} for i in range(2)))
    articles, report = load_corpus(tmp_path)
    assert report.loaded == 2
    assert articles["source"].tolist() == ["Agentur", "Agentur"] and articles["item"].tolist() == [0, 1]


def test_input_columns_the_loader_computes_are_renamed_with_a_note(tmp_path):
    write(tmp_path / "a.jsonl", jsonl([{"text": article(1), "source_file": "original.txt", "outlet_type": "wire",
                                        "duplicate_of": "x"}]))
    articles, report = load_corpus(tmp_path)
    row = articles.iloc[0]
    assert row["source_file"] == "a.jsonl" and row["outlet_type"] == "unknown" and pd.isna(row["duplicate_of"])
    assert (row["input_source_file"], row["input_outlet_type"], row["input_duplicate_of"]) == ("original.txt", "wire", "x")
    notes = notes_of(report, "a.jsonl")
    assert any("'source_file'" in n and "'input_source_file'" in n for n in notes)
    assert len(notes) == 3


def test_csv_text_column_chosen_and_another_column_named_text(tmp_path):
    from medialens.corpus import CsvOptions

    write(tmp_path / "a.csv", f"body,text\n{cell(article(1))},Kurzfassung\n")
    articles, report = load_corpus(tmp_path / "a.csv", csv_options=CsvOptions(text_column="body"))
    assert articles.loc[0, "text"] == article(1) and articles.loc[0, "input_text"] == "Kurzfassung"
    assert report.loaded == 1


def test_sidecar_with_a_text_column_does_not_replace_the_file_text(tmp_path):
    write(tmp_path / "b.txt", article(2))
    write(tmp_path / "articles.csv", "file,title,text\nb.txt,Titel,Kurzfassung\n")
    articles, report = load_corpus(tmp_path)
    row = articles.iloc[0]
    assert (row["text"], row["title"], row["input_text"]) == (article(2), "Titel", "Kurzfassung")
    check_invariant(report)


# --------------------------------------------------------------------------- metadata types (item 5)


def test_extra_field_of_mixed_types_becomes_text_with_a_note(tmp_path):
    from medialens.annotate import AnnotatedCorpus, write_tables

    write(tmp_path / "c" / "a.jsonl", jsonl([{"text": article(1), "tags": ["Politik", "Asien"]},
                                             {"text": article(2), "tags": "Wirtschaft"},
                                             {"text": article(3), "tags": 3}, {"text": article(4)}]))
    articles, report = load_corpus(tmp_path / "c")
    assert articles["tags"].tolist()[:3] == ['["Politik", "Asien"]', "Wirtschaft", "3"]
    assert pd.isna(articles["tags"].iloc[3])
    assert any("'tags'" in n and "list" in n and "str" in n for n in notes_of(report))
    write_tables(AnnotatedCorpus(articles, report, {}), tmp_path / "out")
    assert pd.read_parquet(tmp_path / "out" / "articles.parquet")["tags"].tolist()[:3] == articles["tags"].tolist()[:3]


def test_extra_fields_of_one_type_keep_their_type(tmp_path):
    write(tmp_path / "a.jsonl", jsonl([{"text": article(1), "n": 1, "big": 2**70}, {"text": article(2), "n": 2, "big": 1}]))
    articles, report = load_corpus(tmp_path)
    assert articles["n"].tolist() == [1, 2]
    assert articles["big"].tolist() == [str(2**70), "1"]  # too large for a Parquet integer column
    assert [n for n in notes_of(report) if "'n'" in n] == [] and any("'big'" in n for n in notes_of(report))


def test_standard_columns_given_as_numbers_or_lists_become_text(tmp_path):
    from medialens.annotate import AnnotatedCorpus, write_tables

    write(tmp_path / "a.jsonl", jsonl([{"text": article(1), "title": ["Teil", "Eins"], "outlet": 7, "url": 1.5},
                                       {"text": article(2), "title": "Zwei", "outlet": "Blatt"}]))
    articles, report = load_corpus(tmp_path)
    assert articles["title"].tolist() == ['["Teil", "Eins"]', "Zwei"]
    assert articles["outlet"].tolist() == ["7", "Blatt"] and articles.loc[0, "url"] == "1.5"
    write_tables(AnnotatedCorpus(articles, report, {}), tmp_path / "out")
