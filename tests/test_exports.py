"""Database exports: Nexis Uni DOCX/RTF and Factiva HTML/RTF files (synthetic, tests/data/exports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialens.corpus import load_corpus
from medialens.corpus.exports import export_date, word_count
from medialens.corpus.office import OfficeFileError, docx_lines, rtf_text

EXPORTS = Path(__file__).parent / "data" / "exports"


def test_committed_export_files_are_what_make_py_writes(load_script):
    for name, content in load_script(EXPORTS / "make.py").files().items():
        assert (EXPORTS / name).read_bytes() == content, name


@pytest.mark.parametrize("name", ["nexis_uni.docx", "nexis_uni.rtf", "factiva.html", "factiva.rtf"])
def test_every_article_of_an_export_loads_with_its_metadata(name, load_script):
    articles, report = load_corpus(EXPORTS / name)
    expected = [a for a in load_script(EXPORTS / "make.py").ARTICLES if a["title"] in set(articles["title"])]
    assert report.found == report.loaded == 3 and not report.skipped
    assert len(expected) == 3
    for article, row in zip(expected, articles.to_dict("records")):
        assert row["title"] == article["title"]
        assert row["outlet"] == article["outlet"]  # canonical registry names
        assert row["date"] == article["date"].isoformat() and row["date_precision"] == "day"
        assert row["section"] == article["section"]
        assert row["word_count"] == str(sum(len(p.split()) for p in article["paragraphs"]))
        assert (row["byline"] if isinstance(row["byline"], str) else "") == article["byline"]
        assert row["text"].split("\n\n") == article["paragraphs"]
        assert row["outlet_type"] == "private_media"


def test_factiva_accession_numbers_become_article_ids():
    articles, _ = load_corpus(EXPORTS / "factiva.html")
    assert articles["article_id"].tolist()[0] == "FAZ00000020230207ej2b0001l"


def test_credited_agency_of_an_export_article():
    articles, _ = load_corpus(EXPORTS / "nexis_uni.docx")
    assert articles.set_index("title").loc["Kreis fordert Räumfahrzeuge an", "agency"] == "dpa"


@pytest.mark.parametrize(("name", "loaded", "item", "reason"), [
    ("nexis_missing_body.docx", 2, "document 2", "no text under the 'Body' heading"),
    ("nexis_truncated.rtf", 2, "document 3", "incomplete: no 'End of Document' line"),
    ("factiva_missing_body.html", 2, "article 2", "no text (no LP or TD paragraphs)"),
    ("factiva_truncated.html", 2, "article 3", "incomplete: no AN (accession number) line"),
])
def test_broken_exports_are_reported_by_article(name, loaded, item, reason):
    articles, report = load_corpus(EXPORTS / "broken" / name)
    assert report.loaded == loaded == len(articles)
    assert [(s.item, s.reason.split(" (file")[0]) for s in report.skipped] == [(item, reason)]
    assert report.found == report.loaded + len(report.skipped)


def test_a_truncated_docx_is_reported_as_damaged(tmp_path):
    (tmp_path / "a.txt").write_text("title: Kurz\n\n" + "Das ist ein kurzer Text über den Sturm in der Stadt. " * 4,
                                    encoding="utf-8")
    (tmp_path / "export.docx").write_bytes((EXPORTS / "broken" / "nexis_truncated.docx").read_bytes())
    articles, report = load_corpus(tmp_path)
    assert report.loaded == 1
    assert [(s.source, s.reason.split(" (")[0]) for s in report.skipped] == [("export.docx", "damaged DOCX")]


def test_a_plain_word_or_rtf_document_is_one_article(tmp_path, load_script):
    text = "Der Gemeinderat hat am Montag über den neuen Radweg entschieden, der im Sommer gebaut werden soll."
    content = load_script(EXPORTS / "make.py").rtf_document([[text, "Die Arbeiten beginnen im Juni und dauern zwei Monate."]])
    (tmp_path / "brief.rtf").write_text(content, encoding="ascii")
    articles, report = load_corpus(tmp_path / "brief.rtf")
    assert report.loaded == 1 and articles["text"].iloc[0].startswith("Der Gemeinderat")


def test_a_factiva_export_without_field_codes_is_explained(tmp_path, load_script):
    lines = ["Sturm in Seeburg", "120 Wörter", "8 Februar 2023", "Süddeutsche Zeitung", "SDDZ", "Deutsch",
             "Der Sturm hat in der Nacht die Stadt und die Dörfer der Umgebung getroffen, sagte die Polizei.",
             "Dokument SDDZ000000202302080001"]
    (tmp_path / "f.rtf").write_text(load_script(EXPORTS / "make.py").rtf_document([lines]), encoding="ascii")
    with pytest.raises(Exception, match="Indexing"):
        load_corpus(tmp_path / "f.rtf")


@pytest.mark.parametrize(("source", "expected"), [
    (r"{\rtf1\ansi Gr\'fc\'dfe\par}", "Grüße\n"),
    (r"{\rtf1\ansi\uc1 Almaty \u8211? Nur-Sultan}", "Almaty – Nur-Sultan"),
    (r"{\rtf1{\fonttbl{\f0 Arial;}}{\*\unknown hidden}Text \{in Klammern\}}", "Text {in Klammern}"),
    (r"{\rtf1{\info{\title Titel}}Eins\tab Zwei\line Drei}", "Eins\tZwei\nDrei"),
    (r"{\rtf1\ansi\ansicpg1251 \'cc\'ee\'f1\'ea\'e2\'e0}", "Москва"),
])
def test_rtf_text(source, expected):
    assert rtf_text(source) == expected


def test_docx_lines_rejects_what_is_not_a_docx():
    with pytest.raises(OfficeFileError, match="damaged DOCX"):
        docx_lines(b"not a zip archive")


@pytest.mark.parametrize(("line", "expected"), [
    ("February 7, 2023 Tuesday", "2023-02-07"),
    ("Tuesday, February 7, 2023 5:00 AM GMT", "2023-02-07"),
    ("7. Februar 2023 Dienstag", "2023-02-07"),
    ("7 Jänner 2022", "2022-01-07"),
    ("7 January 2022", "2022-01-07"),
    ("07.01.2022", "2022-01-07"),
    ("Load-Date: 2022-01-08", "2022-01-08"),
    ("Copyright 2022 Verlag", None),
])
def test_export_date(line, expected):
    assert export_date(line) == expected


@pytest.mark.parametrize(("text", "expected"), [("1,234 words", "1234"), ("523 Wörter", "523"), ("Länge", None)])
def test_word_count(text, expected):
    assert word_count(text) == expected
