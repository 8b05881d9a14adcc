"""Corpus loading: formats, metadata, bad inputs and the found = loaded + skipped invariant."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hostile import write

from medialens import config
from medialens.corpus import (
    ARTICLE_COLUMNS,
    CorpusError,
    CsvOptions,
    decode,
    load_corpus,
    near_duplicate_groups,
    parse_date,
)

BODY = (
    "Die Regierung in Nur-Sultan hat am Mittwoch den Rücktritt erklärt, wie das Präsidialamt mitteilte. "
    "Nach Angaben der Behörden wurden in Almaty mehrere Verwaltungsgebäude beschädigt, und die Polizei "
    "setzte Tränengas gegen die Demonstranten ein."
)
OTHER = (
    "In Almaty ist der Flughafen wieder geöffnet worden, teilte die Betreibergesellschaft mit. Die ersten "
    "Maschinen seien am Vormittag gelandet, hieß es, und der Zugverkehr in die Hauptstadt laufe wieder."
)
ENGLISH = (
    "The government in Nur-Sultan resigned on Wednesday after the protests over fuel prices spread "
    "across the country, officials said, and troops were deployed to restore order in the largest city."
)


def check_invariant(report) -> None:
    assert report.found == report.loaded + len(report.skipped)


# --------------------------------------------------------------------------- formats


def test_seed_header_is_parsed_and_not_part_of_text(tmp_path):
    write(tmp_path / "a.txt", f" date 2022-01 {BODY}\n\nZweiter Absatz.")
    articles, report = load_corpus(tmp_path)
    assert articles.loc[0, "date"] == "2022-01"
    assert articles.loc[0, "date_precision"] == "month"
    assert articles.loc[0, "text"].startswith("Die Regierung")
    assert articles.loc[0, "text"].endswith("Zweiter Absatz.")
    assert list(articles.columns[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS
    check_invariant(report)


def test_key_value_header_and_sidecar(tmp_path):
    write(tmp_path / "a.txt", f"title: Rücktritt\noutlet: Deutsche Welle\ndate: 05.01.2022\n\n{BODY}")
    write(tmp_path / "b.txt", OTHER)
    pd.DataFrame({"file": ["b.txt"], "article_id": ["B1"], "outlet": ["tagesschau"], "date": ["2022-01-12"],
                  "synthetic": ["true"]}).to_csv(tmp_path / "articles.csv", index=False)
    articles, report = load_corpus(tmp_path)
    a = articles.set_index("source_file")
    assert a.loc["a.txt", "title"] == "Rücktritt"
    assert a.loc["a.txt", "date"] == "2022-01-05" and a.loc["a.txt", "date_precision"] == "day"
    assert a.loc["b.txt", "article_id"] == "B1"
    assert bool(a.loc["b.txt", "synthetic"]) is True
    assert bool(a.loc["a.txt", "synthetic"]) is False
    assert report.loaded == 2
    check_invariant(report)


def test_outlet_registry_join_uses_aliases(tmp_path):
    registry = write(tmp_path / "reg.csv", "outlet,aliases,outlet_type,country,note\n"
                     "Staatssender Eins,SE1|Sender Eins,state_media,KZ,test\n")
    write(tmp_path / "c" / "x.jsonl", json.dumps({"text": BODY, "outlet": "sender eins"}) + "\n"
          + json.dumps({"text": OTHER, "outlet": "Unbekanntes Blatt"}) + "\n")
    articles, _ = load_corpus(tmp_path / "c", outlets=registry)
    assert articles["outlet"].tolist() == ["Staatssender Eins", "Unbekanntes Blatt"]
    assert articles["outlet_type"].tolist() == ["state_media", "unknown"]
    assert articles.loc[0, "country"] == "KZ"


def test_media_cloud_csv_export(tmp_path):
    write(tmp_path / "mc.csv", "stories_id,publish_date,title,url,media_name,text\n"
          f"101,2022-01-06 10:00:00,Titel,https://example.org/1,Der Standard,\"{BODY}\"\n")
    articles, report = load_corpus(tmp_path / "mc.csv")
    row = articles.iloc[0]
    assert (row["article_id"], row["date"], row["outlet"]) == ("101", "2022-01-06", "Der Standard")
    check_invariant(report)


def test_csv_without_header_with_documented_options(tmp_path):
    write(tmp_path / "k.csv", f"Politik;'{BODY}'\nPolitik;'{OTHER}'\n")
    options = CsvOptions(delimiter=";", quotechar="'", header=False, columns=("label", "text"))
    articles, report = load_corpus(tmp_path / "k.csv", csv_options=options)
    assert len(articles) == 2 and articles["label"].tolist() == ["Politik", "Politik"]
    assert articles["article_id"].str.startswith("h").all()


def test_html_page(tmp_path):
    html = (f"<html><head><title>Unruhen in Almaty</title><meta name='date' content='2022-01-07'></head>"
            f"<body><nav>Menü Start Kontakt</nav><article><h1>Unruhen in Almaty</h1><p>{BODY}</p><p>{OTHER}</p>"
            "</article><footer>Impressum</footer></body></html>")
    write(tmp_path / "page.html", html)
    articles, report = load_corpus(tmp_path)
    assert "Präsidialamt mitteilte" in articles.loc[0, "text"]
    assert "Impressum" not in articles.loc[0, "text"]
    assert articles.loc[0, "title"] == "Unruhen in Almaty"


def test_wikinews_json_format(tmp_path):
    write(tmp_path / "1 - Titel der Meldung (2005-08-20).json",
          json.dumps({"documentName": "1 - Titel der Meldung (2005-08-20)", "originalText": BODY, "annotations": []}))
    articles, _ = load_corpus(tmp_path)
    assert articles.loc[0, ["article_id", "title", "date"]].tolist() == ["wikinews-1", "Titel der Meldung", "2005-08-20"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_encodings_are_detected(tmp_path, encoding):
    text = f"Größere Proteste „in Almaty“ – {BODY} Überall Straßensperren, äußerst angespannte Lage."
    write(tmp_path / "a.txt", text.encode(encoding) if encoding != "latin-1" else text.replace("„", '"')
          .replace("“", '"').replace("–", "-").encode("latin-1"))
    articles, report = load_corpus(tmp_path)
    assert "Größere" in articles.loc[0, "text"] and "Straßensperren" in articles.loc[0, "text"]
    assert not articles.loc[0, "text"].startswith("\ufeff")


def test_text_is_nfc_normalised_and_quotes_kept():
    decomposed = "Zu\u0308rich"
    text, encoding = decode(f"„{decomposed}“ – gut".encode())
    from medialens.corpus import clean_text

    assert clean_text(text) == "„Zürich“ – gut" and encoding == "utf-8"


# --------------------------------------------------------------------------- bad input


def test_bad_inputs_are_reported_and_nothing_else_is_lost(tmp_path):
    write(tmp_path / "ok.txt", f" date 2022-01-03 {BODY}")
    write(tmp_path / "empty.txt", "   \n")
    write(tmp_path / "binary.txt", b"\x00\x01\x02PNG\x00" * 20)
    write(tmp_path / "english.txt", ENGLISH)
    write(tmp_path / "lines.jsonl", json.dumps({"text": OTHER, "id": "J1"}) + "\n{broken\n"
          + json.dumps({"title": "ohne Text"}) + "\n" + json.dumps({"text": BODY, "id": "J1"}) + "\n")
    write(tmp_path / "notext.csv", "title,url\nA,https://example.org\n")
    write(tmp_path / "baddate.txt", f"date: gestern\n\n{OTHER} Noch ein Satz.")
    write(tmp_path / "broken.json", "{\"originalText\": ")
    articles, report = load_corpus(tmp_path)
    reasons = {(s.source, s.item): s.reason for s in report.skipped}
    assert reasons[("empty.txt", "")] == "empty file"
    assert reasons[("binary.txt", "")].startswith("binary")
    assert reasons[("english.txt", "")].startswith("not German")
    assert reasons[("lines.jsonl", "line 2")].startswith("broken JSON line 2")
    assert reasons[("lines.jsonl", "line 3")] == "JSON line 3 has no 'text' string"
    assert reasons[("lines.jsonl", "line 4")].startswith("duplicate id 'J1'")
    assert reasons[("notext.csv", "line 2")].startswith("missing text column 'text'")
    assert reasons[("baddate.txt", "")].startswith("bad date")
    assert reasons[("broken.json", "")].startswith("broken JSON")
    assert sorted(articles["source_file"]) == ["lines.jsonl", "ok.txt"]
    assert report.found == 11 and report.loaded == 2
    check_invariant(report)


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    write(tmp_path / "ok.txt", BODY)
    locked = write(tmp_path / "locked.txt", OTHER)
    real_read = Path.read_bytes

    def read_bytes(self):  # file permissions do not stop root, so the OS error is simulated
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    articles, report = load_corpus(tmp_path)
    assert [(s.source, s.reason) for s in report.skipped] == [("locked.txt", "unreadable: Permission denied")]
    assert articles["source_file"].tolist() == ["ok.txt"]
    check_invariant(report)


def test_nothing_usable_raises_clear_error(tmp_path):
    write(tmp_path / "empty.txt", "")
    with pytest.raises(CorpusError, match=r"no usable articles .*empty.txt: empty file"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "missing")
    with pytest.raises(CorpusError, match="unsupported file type"):
        load_corpus(write(tmp_path / "x.pdf", "x"))
    (tmp_path / "none").mkdir()
    with pytest.raises(CorpusError, match="no corpus files found"):
        load_corpus(tmp_path / "none")


def test_broken_sidecar_names_the_file(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "articles.csv", "name,outlet\na.txt,X\n")
    with pytest.raises(CorpusError, match=r"articles.csv: sidecar metadata needs a 'file' column"):
        load_corpus(tmp_path)


# --------------------------------------------------------------------------- duplicates and dates


def test_exact_and_near_duplicates_are_flagged_not_deleted(tmp_path):
    wire = " ".join([BODY, OTHER, BODY.replace("Mittwoch", "Dienstag"), OTHER.replace("ersten", "frühen")] * 2)
    edited = wire.replace("mehrere", "zahlreiche", 1)
    write(tmp_path / "a.jsonl", "\n".join(json.dumps({"text": t, "id": i}) for i, t in
                                          [("w1", wire), ("w2", wire), ("w3", edited), ("x", ENGLISH + " " + BODY)]))
    articles, _ = load_corpus(tmp_path, check_language=False)
    assert len(articles) == 4
    assert pd.isna(articles.loc[0, "duplicate_of"]) and articles.loc[1, "duplicate_of"] == "w1"
    assert pd.isna(articles.loc[2, "duplicate_of"])
    groups = articles["near_duplicate_group"].tolist()
    assert groups[0] == groups[1] == groups[2] == 1 and pd.isna(groups[3])


def test_near_duplicate_threshold_is_exact():
    base = " ".join(f"wort{i}" for i in range(100))
    close = base.replace("wort50", "anders")  # 5 of 96 shingles change -> Jaccard 91/101 = 0.90099
    far = base.replace("wort20", "x").replace("wort60", "y")  # Jaccard 86/106 = 0.81
    assert near_duplicate_groups([base, close, far]) == [1, 1, None]


@pytest.mark.parametrize("value, expected", [
    ("2022", ("2022", "year")), ("2022-01", ("2022-01", "month")), ("2022-01-05", ("2022-01-05", "day")),
    ("2022-01-05T10:00:00Z", ("2022-01-05", "day")), ("5.1.2022", ("2022-01-05", "day")), ("", (None, None)),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["gestern", "2022-13", "2022-02-30"])
def test_parse_date_rejects(value):
    with pytest.raises(ValueError):
        parse_date(value)


# --------------------------------------------------------------------------- shared data (skip when absent)

SEED = config.SEEDS_DIR
EVAL = config.EVAL_DIR


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds not present")
def test_seed_article():
    articles, report = load_corpus(SEED)
    assert len(articles) == 1 and report.found == 1
    row = articles.iloc[0]
    assert (row["date"], row["date_precision"]) == ("2022-01", "month")
    assert row["text"].startswith("In Kasachstan") and "date 2022" not in row["text"]


@pytest.mark.skipif(not (EVAL / "attribution-wikinews-dev").exists(), reason="eval data not present")
def test_wikinews_folder():
    articles, report = load_corpus(EVAL / "attribution-wikinews-dev")
    assert len(articles) == 150 and report.loaded == report.found == 150


@pytest.mark.skipif(not (EVAL / "corpus-10kgnad-test.csv").exists(), reason="eval data not present")
def test_10kgnad_csv():
    options = CsvOptions(delimiter=";", quotechar="'", header=False, columns=("label", "text"))
    articles, report = load_corpus(EVAL / "corpus-10kgnad-test.csv", csv_options=options)
    assert len(articles) == 1028 and report.found == 1028
    assert articles["article_id"].is_unique


def test_demo_corpus_is_synthetic_and_fully_loaded():
    articles, report = load_corpus(config.DEMO_CORPUS_DIR)
    assert report.skipped == [] and 30 <= len(articles) <= 40
    assert articles["synthetic"].all()
    assert (articles["outlet_type"] != "unknown").all()
    assert articles["near_duplicate_group"].notna().sum() >= 3
    assert articles["duplicate_of"].notna().sum() >= 1
    dates = articles.loc[articles["date_precision"] == "day", "date"]
    assert dates.min() >= "2022-01-02" and dates.max() <= "2022-01-20"
