"""The loader under hostile input (issue 18): every item counted, nothing lost, nothing aborts the load.

Each test builds a folder of files written for the purpose (German sentences written by us) and checks
what :func:`medialens.corpus.load_corpus` loads, skips, ignores and notes -- against the count a careful
reader of the folder would give (see ``tests/test_loader_hypothesis.py`` for generated folders).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from hostile import SENTENCES, article, cell, jsonl, write

from medialens.corpus import load_corpus

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


# --------------------------------------------------------------------------- characters and encodings (item 4)


def test_lone_surrogates_are_replaced_and_noted_per_article(tmp_path):
    from medialens.annotate import AnnotatedCorpus, write_tables

    lines = '{"text": "%s"}\n{"text": "%s \\ud800 Ende.", "tag\\udc80": "x\\udfff"}\n' % (article(1), article(2))
    write(tmp_path / "c" / "a.jsonl", lines)
    write(tmp_path / "c" / "b.json", '{"text": "%s \\udc80"}' % article(3))
    articles, report = load_corpus(tmp_path / "c")
    assert report.loaded == 3 and report.found == 3
    assert articles.loc[1, "text"].endswith("\ufffd Ende.") and articles.loc[1, "tag\ufffd"] == "x\ufffd"
    assert articles.loc[2, "text"].endswith("\ufffd") and "\ufffd" not in articles.loc[0, "text"]
    noted = {(n.source, n.item) for n in report.notes if "surrogate" in n.note}
    assert noted == {("a.jsonl", "line 2"), ("b.json", "")}
    write_tables(AnnotatedCorpus(articles, report, {}), tmp_path / "out")


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                        ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff")])
def test_utf16_and_utf32_with_bom_are_read(tmp_path, codec, bom):
    text = f"Größere Proteste „in Almaty“ – {article(5)}"
    write(tmp_path / "a.txt", bom + text.encode(codec))
    write(tmp_path / "b.csv", bom + f"id,text\n1,{cell(article(6))}\n".encode(codec))
    articles, report = load_corpus(tmp_path)
    assert articles["text"].tolist() == [text, article(6)]
    assert report.encodings["a.txt"].startswith(codec[:6])


def test_json_nested_too_deeply_is_skipped_not_fatal(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    write(tmp_path / "deep.json", deep)
    write(tmp_path / "a.jsonl", deep + "\n" + json.dumps({"text": article(7)}) + "\n")
    articles, report = load_corpus(tmp_path)
    reasons = {(s.source, s.item): s.reason for s in report.skipped}
    assert set(reasons) == {("deep.json", ""), ("a.jsonl", "line 1")}
    assert all("nested too deeply" in r for r in reasons.values())
    assert report.loaded == 1 and report.found == 3


def test_an_unexpected_error_in_one_file_names_it_and_keeps_the_rest(tmp_path, monkeypatch):
    from medialens.corpus import readers

    write(tmp_path / "a.txt", article(8))
    write(tmp_path / "b.txt", "FEHLER " + article(9))
    real = readers._parse_txt

    def parse(raw):
        if raw.startswith("FEHLER"):
            raise RuntimeError("kaputt")
        return real(raw)

    monkeypatch.setattr(readers, "_parse_txt", parse)
    articles, report = load_corpus(tmp_path)
    assert articles["source_file"].tolist() == ["a.txt"]
    assert [(s.source, s.reason) for s in report.skipped] == [("b.txt", "cannot be read: RuntimeError: kaputt")]


# --------------------------------------------------------------------------- CSV records (item 3)


def rows_csv(n: int, header: str = "id,text") -> list[str]:
    return [header] + [f"{i},{cell(article(i))}" for i in range(1, n + 1)]


def test_unclosed_quote_is_reported_where_it_starts_and_later_rows_are_read(tmp_path):
    lines = rows_csv(10)
    lines[4] = f'4,"{article(4)}'  # the quote opened on line 5 never closes
    write(tmp_path / "a.csv", "\n".join(lines) + "\n")
    articles, report = load_corpus(tmp_path)
    assert report.found == 10 and report.loaded == 9
    [skipped] = report.skipped
    assert (skipped.source, skipped.item) == ("a.csv", "line 5") and "quote" in skipped.reason
    assert articles["id"].tolist() == ["1", "2", "3", "5", "6", "7", "8", "9", "10"]
    assert articles["text"].tolist()[3] == article(5)


def test_unclosed_quote_with_no_quote_after_it(tmp_path):
    plain = [article(n).replace(",", "") for n in range(5)]  # no quote after the one opened on line 3
    write(tmp_path / "a.csv", f"id,text\n1,{plain[1]}\n2,\"{plain[2]}\n3,{plain[3]}\n4,{plain[4]}\n")
    articles, report = load_corpus(tmp_path)
    assert articles["id"].tolist() == ["1", "3", "4"]
    assert [(s.item, "quote" in s.reason) for s in report.skipped] == [("line 3", True)]


def test_unclosed_quote_on_the_last_line(tmp_path):
    write(tmp_path / "a.csv", f"id,text\n1,{cell(article(1))}\n2,\"{article(2)}\n")
    articles, report = load_corpus(tmp_path)
    assert articles["id"].tolist() == ["1"] and [s.item for s in report.skipped] == ["line 3"]


def test_unclosed_quote_closed_by_a_stray_quote_is_caught_by_the_field_count(tmp_path):
    write(tmp_path / "a.csv", f'id,text\n1,"Anfang\n2,Er sagte ja",x\n3,{cell(article(3))}\n')
    articles, report = load_corpus(tmp_path, check_language=False)
    assert articles["id"].tolist() == ["3"]
    assert [s.item for s in report.skipped] == ["line 2", "line 3"]
    assert "quote opened on line 2" in report.skipped[0].reason


def test_multi_line_texts_are_one_record_named_by_their_first_line(tmp_path):
    two_paragraphs = article(1) + "\n\nZweiter Absatz, mit Komma."
    write(tmp_path / "a.csv", f"id,text\n1,{cell(two_paragraphs)}\n2,{cell(article(2))}\n3,oops,extra\n")
    articles, report = load_corpus(tmp_path)
    assert articles["text"].tolist() == [two_paragraphs, article(2)]
    assert [(s.item, s.reason) for s in report.skipped] == [("line 6", "row has 3 fields, the header 2")]


def test_header_only_csv_is_listed(tmp_path):
    write(tmp_path / "a.csv", "id,text\n")
    write(tmp_path / "b.txt", article(1))
    articles, report = load_corpus(tmp_path)
    assert [(s.source, s.reason) for s in report.skipped] == [("a.csv", "header row only, no data rows")]
    assert report.found == 2


def test_field_over_the_csv_limit_skips_that_row_only(tmp_path):
    from medialens.corpus import CsvOptions

    long_text = article(2) + (" " + SENTENCES) * 600  # 175,000 characters
    write(tmp_path / "a.csv", f"id,text\n1,{cell(article(1))}\n2,{cell(long_text)}\n3,{cell(article(3))}\n")
    articles, report = load_corpus(tmp_path)
    assert articles["id"].tolist() == ["1", "3"] and report.found == 3
    [skipped] = report.skipped
    assert skipped.item == "line 3" and "131,072" in skipped.reason and "CsvOptions" in skipped.reason
    articles, report = load_corpus(tmp_path, csv_options=CsvOptions(max_field=200_000))
    assert articles["id"].tolist() == ["1", "2", "3"]


def test_blank_lines_are_not_rows_but_rows_of_empty_fields_are(tmp_path):
    write(tmp_path / "a.csv", f"id,text\n\n1,{cell(article(1))}\n   \n,\n2,{cell(article(2))}\n")
    articles, report = load_corpus(tmp_path)
    assert report.found == 3 and report.loaded == 2
    assert [(s.item, s.reason) for s in report.skipped] == [("line 5", "empty row (every field blank)")]


def test_csv_without_the_text_column_lists_every_row(tmp_path):
    write(tmp_path / "a.csv", "title,url\nA,https://example.org/a\nB,https://example.org/b\n")
    write(tmp_path / "b.txt", article(1))
    _, report = load_corpus(tmp_path)
    assert [s.item for s in report.skipped] == ["line 2", "line 3"] and report.found == 3
    assert report.skipped[0].reason.startswith("missing text column 'text'")


def test_duplicate_and_empty_header_names_are_kept_apart(tmp_path):
    write(tmp_path / "a.csv", f"tag,tag,,text\nA,B,C,{cell(article(1))}\n")
    articles, report = load_corpus(tmp_path)
    assert articles.loc[0, ["tag", "tag_2", "column_3"]].tolist() == ["A", "B", "C"]
    assert len(notes_of(report, "a.csv")) == 2


# --------------------------------------------------------------------------- files in a folder (item 3)


def ignored_of(report) -> dict[str, str]:
    return {i.source: i.reason for i in report.ignored}


def test_hidden_and_unsupported_entries_are_listed_as_ignored(tmp_path):
    write(tmp_path / "a.txt", article(1))
    write(tmp_path / ".versteckt.txt", article(2))
    write(tmp_path / ".ipynb_checkpoints" / "a-checkpoint.txt", article(1))
    write(tmp_path / "notes.pdf", b"%PDF-1.4")
    write(tmp_path / "sub" / "README", "Liesmich")
    articles, report = load_corpus(tmp_path)
    assert articles["source_file"].tolist() == ["a.txt"] and report.found == 1
    ignored = ignored_of(report)
    assert set(ignored) == {".versteckt.txt", ".ipynb_checkpoints/", "notes.pdf", "sub/README"}
    assert ignored[".ipynb_checkpoints/"] == "hidden folder, not searched"
    assert ignored["notes.pdf"].startswith("not a corpus file type (.pdf")
    assert "ignored notes.pdf" in report.summary()


def test_dangling_links_and_link_loops_are_listed(tmp_path):
    write(tmp_path / "a.txt", article(1))
    (tmp_path / "gone.txt").symlink_to("missing.txt")
    (tmp_path / "gone").symlink_to("missing")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    articles, report = load_corpus(tmp_path)
    assert report.found == 3 and report.loaded == 1
    reasons = {s.source: s.reason for s in report.skipped}
    assert reasons["gone.txt"] == "dangling link (to missing.txt)"
    assert reasons["loop.txt"].startswith("link loop")
    assert ignored_of(report) == {"gone": "dangling link (to missing)"}


def test_folder_links_are_followed_once_and_loops_are_not(tmp_path):
    outside = write(tmp_path / "outside" / "b.txt", article(2)).parent
    corpus = tmp_path / "corpus"
    write(corpus / "sub" / "a.txt", article(1))
    (corpus / "sub" / "back").symlink_to("..")
    (corpus / "extern").symlink_to(outside)
    (corpus / "extern2").symlink_to(outside)
    (corpus / "same.txt").symlink_to("sub/a.txt")
    articles, report = load_corpus(corpus)
    assert articles["source_file"].tolist() == ["extern/b.txt", "sub/a.txt"]
    ignored = ignored_of(report)
    assert ignored["sub/back"].startswith("link to a folder inside the corpus folder")
    assert ignored["same.txt"].startswith("link to a file inside the corpus folder")
    assert ignored["extern2"].startswith("link to a folder already searched (extern)")
    check_invariant(report)


def test_fifo_is_listed_and_does_not_block(tmp_path):
    import os

    write(tmp_path / "a.txt", article(1))
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe")
    articles, report = load_corpus(tmp_path)
    assert [(s.source, s.reason) for s in report.skipped] == [("pipe.txt", "not a regular file (FIFO)")]
    assert ignored_of(report) == {"pipe": "not a regular file (FIFO)"}


def test_articles_csv_without_txt_beside_it_is_data(tmp_path):
    write(tmp_path / "articles.csv", "id,text\n" + "".join(f"A{i},{cell(article(i))}\n" for i in range(3)))
    write(tmp_path / "sub" / "b.txt", article(9))
    articles, report = load_corpus(tmp_path)
    assert articles["source_file"].tolist() == ["articles.csv"] * 3 + ["sub/b.txt"]
    assert any("read as data" in n for n in notes_of(report, "articles.csv"))


def test_sidecar_use_is_explained(tmp_path):
    write(tmp_path / "a.txt", article(1))
    write(tmp_path / "articles.csv", "file,title\na.txt,Eins\nfehlt.txt,Zwei\n")
    articles, report = load_corpus(tmp_path)
    assert articles.loc[0, "title"] == "Eins" and report.found == 1
    [note] = notes_of(report, "articles.csv")
    assert "metadata for the .txt files beside it" in note and "fehlt.txt" in note


def test_articles_csv_with_text_and_no_file_column_beside_txt_is_data(tmp_path):
    write(tmp_path / "a.txt", article(1))
    write(tmp_path / "articles.csv", f"id,text\nA1,{cell(article(2))}\n")
    articles, report = load_corpus(tmp_path)
    assert sorted(articles["source_file"]) == ["a.txt", "articles.csv"]
    assert any("no 'file' column" in n for n in notes_of(report, "articles.csv"))


def test_no_corpus_files_names_what_was_ignored(tmp_path):
    from medialens.corpus import CorpusError

    write(tmp_path / "notes.pdf", b"%PDF")
    with pytest.raises(CorpusError, match=r"no corpus files found .*notes.pdf: not a corpus file type"):
        load_corpus(tmp_path)


# --------------------------------------------------------------------------- JSON files: every element counted


def test_json_array_is_read_element_by_element(tmp_path):
    elements = [{"text": article(1), "title": "Eins"}, {"title": "ohne Text"}, "kein Objekt", {"text": article(2)}]
    write(tmp_path / "a.json", json.dumps(elements))
    write(tmp_path / "leer.json", "[]")
    articles, report = load_corpus(tmp_path)
    assert articles["title"].tolist()[0] == "Eins" and len(articles) == 2 and report.found == 5
    assert [(s.source, s.item) for s in report.skipped] == [("a.json", "element 2"), ("a.json", "element 3"),
                                                             ("leer.json", "")]
    assert report.skipped[-1].reason == "empty JSON array"


def test_jsonl_file_without_any_line_is_listed(tmp_path):
    write(tmp_path / "a.jsonl", "\x1c\n\u2028\n")  # not blank bytes, but no line with content
    write(tmp_path / "b.txt", article(1))
    _, report = load_corpus(tmp_path)
    assert [(s.source, s.reason) for s in report.skipped] == [("a.jsonl", "no JSON lines (only blank lines)")]


# --------------------------------------------------------------------------- the report


def test_summary_groups_runs_of_the_same_reason_and_the_table_lists_everything(tmp_path):
    write(tmp_path / "a.csv", "title,url\n" + "".join(f"T{i},https://example.org/{i}\n" for i in range(500)))
    write(tmp_path / "b.txt", article(1))
    write(tmp_path / "notes.pdf", b"%PDF")
    write(tmp_path / "c.jsonl", jsonl([{"text": article(2), "source_file": "x"}]))
    _, report = load_corpus(tmp_path)
    summary = report.summary().splitlines()
    assert "  skipped a.csv line 2 to line 501 (500 items): missing text column 'text' (columns: title, url)" in summary
    assert len(summary) == 4  # the counts, the run of 500, the ignored file, the note
    table = report.table()
    assert list(table.columns) == ["outcome", "source", "item", "reason"]
    assert table["outcome"].value_counts().to_dict() == {"skipped": 500, "ignored": 1, "note": 1}
    assert list(report.to_frame().columns) == ["source", "item", "reason"] and len(report.to_frame()) == 500


# --------------------------------------------------------------------------- odd folders


def test_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    import os

    from medialens.annotate import AnnotatedCorpus, write_tables

    write(tmp_path / "c" / "ok.txt", article(1))
    with open(os.path.join(os.fsencode(tmp_path / "c"), b"Pr\xe4sident.txt"), "wb") as handle:
        handle.write(article(2).encode())
    articles, report = load_corpus(tmp_path / "c")
    assert articles["source_file"].tolist() == ["Pr\\xe4sident.txt", "ok.txt"]
    assert any("not valid UTF-8" in n for n in notes_of(report, "Pr\\xe4sident.txt"))
    write_tables(AnnotatedCorpus(articles, report, {}), tmp_path / "out")


def test_deeply_nested_folders_are_searched(tmp_path, monkeypatch):
    import os

    write(tmp_path / "c" / "a.txt", article(1))
    monkeypatch.chdir(tmp_path / "c")
    for _ in range(1200):  # deeper than Python's recursion limit
        os.mkdir("d")
        os.chdir("d")
    write(Path.cwd() / "tief.txt", article(2))
    try:
        articles, report = load_corpus(tmp_path / "c")
        assert report.loaded == 2 and articles["source_file"].iloc[1].endswith("d/d/tief.txt")
    finally:  # rm, not shutil.rmtree (pytest's clean-up): the folders are deeper than its recursion
        subprocess.run(["rm", "-rf", str(tmp_path / "c")], check=False)
