"""Outlet matching on real metadata: names, agency services, URLs, credit lines, unknown outlets."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from medialens.cli import main
from medialens.corpus import CorpusError, load_corpus
from medialens.corpus.outlets import REGISTRY_COLUMNS, OutletIndex, outlet_index, registry_rows, unknown_outlets

FIXTURE = Path(__file__).parent / "data" / "outlets55"


def test_fixture_files_are_what_make_py_writes(load_script):
    for name, content in load_script(FIXTURE / "make.py").files().items():
        assert (FIXTURE / name).read_text(encoding="utf-8") == content


@pytest.mark.parametrize("variant", ["by_name.csv", "by_url.csv"])
def test_the_55_outlets_of_a_real_corpus_are_known(variant):
    articles, report = load_corpus(FIXTURE / variant)
    assert report.loaded == 70 and articles["near_duplicate_group"].isna().all()
    known = (articles["outlet_type"] != "unknown").mean()
    assert known >= 0.9, f"{variant}: {known:.1%} known"
    assert articles["outlet"].nunique() >= 54


def test_fixture_outlets_get_the_registry_types():
    articles, _ = load_corpus(FIXTURE / "by_url.csv")
    by_outlet = dict(zip(articles["outlet"], articles["outlet_type"]))
    assert by_outlet["MDR"] == by_outlet["rbb"] == by_outlet["ZDF"] == "public_broadcaster"
    assert by_outlet["RT DE"] == by_outlet["TRT Deutsch"] == by_outlet["News Front"] == "state_aligned_media"
    assert by_outlet["Ukrinform"] == by_outlet["AZERTAC"] == "state_media"
    assert by_outlet["dpa-AFX"] == by_outlet["Reuters"] == "news_agency"
    assert by_outlet["Botschaft der Republik Kasachstan in Deutschland"] == "government_body"
    assert (by_outlet["Posteo"], by_outlet["Reporter ohne Grenzen"]) == ("company", "ngo")


def _index(tmp_path, rows: str) -> OutletIndex:
    path = tmp_path / "registry.csv"
    path.write_text("outlet,aliases,domains,outlet_type,medium,country\n" + rows, encoding="utf-8")
    return outlet_index(path)


@pytest.mark.parametrize(("name", "expected", "how"), [
    ("dpa", "dpa", "name"),
    ("DPA", "dpa", "name"),
    ("Deutsche Presse-Agentur", "dpa", "name"),
    ("Deutsche Presse Agentur", "dpa", "name"),
    ("dpa-AFX", "dpa", "agency service"),
    ("dpa-AFX Wirtschaftsnachrichten", "dpa", "agency service"),
    ("dpa/lno", "dpa", "agency service"),
    ("N-TV", "n-tv", "name"),
    ("ntv", "n-tv", "name"),
    ("www.n-tv.de", "n-tv", "name"),
    ("Nordstadt Zeitung", None, ""),
])
def test_names_match_without_case_and_punctuation_and_services_go_to_their_agency(tmp_path, name, expected, how):
    index = _index(tmp_path, "dpa,Deutsche Presse-Agentur,dpa.com,news_agency,agency,DE\n"
                             "n-tv,,n-tv.de,private_media,broadcaster,DE\n")
    hit, matched = index.by_name(name)
    assert (hit.name if hit else None, matched) == (expected, how)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.rt.com/news/1", "RT"),
    ("https://de.rt.com/international/1", "RT DE"),
    ("http://DE.RT.COM/x", "RT DE"),
    ("https://amp.de.rt.com/x", "RT DE"),
    ("https://www.gov.kz/memleket/entities/mfa-berlin/press/news/1", "Botschaft"),
    ("https://www.gov.kz/memleket/entities/other/press/1", "Regierung"),
    ("gov.kz", "Regierung"),
    ("https://notrt.com/x", None),
    ("not a url", None),
])
def test_urls_match_by_domain_subdomain_and_path_longest_first(tmp_path, url, expected):
    index = _index(tmp_path, "RT,,rt.com,state_aligned_media,broadcaster,RU\n"
                             "RT DE,,de.rt.com,state_aligned_media,broadcaster,RU\n"
                             "Regierung,,gov.kz,government_body,organisation,KZ\n"
                             "Botschaft,,gov.kz/memleket/entities/mfa-berlin,government_body,organisation,KZ\n")
    hit, _ = index.by_url(url)
    assert (hit.name if hit else None) == expected


def test_a_registry_name_given_to_two_outlets_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="'N TV' belongs to both"):
        _index(tmp_path, "n-tv,,,private_media,broadcaster,DE\nNTV Russland,N TV,,state_aligned_media,broadcaster,RU\n")


@pytest.mark.parametrize(("text", "expected"), [
    ("Seeburg (dpa) – Der Stadtrat hat getagt.", ["dpa"]),
    ("WIEN (APA/dpa) - Der Nationalrat hat getagt.", ["APA", "dpa"]),
    ("Almaty (dpa-AFX) – Die Börse schloss höher.", ["dpa-AFX"]),
    ("Bern (sda) – Der Bundesrat hat entschieden.", ["Keystone-SDA"]),
    ("Kiel (dpa/lno) – Die Fähre fällt aus.", ["dpa"]),
    ("Der Stadtrat hat getagt.\n\nkes/dpa/AFP", ["dpa", "AFP"]),
    ("Der Stadtrat hat getagt. (AFP)", ["AFP"]),
    ("Der Stadtrat hat getagt.\n\nMit Material von dpa und Reuters", ["dpa", "Reuters"]),
    ("Der Stadtrat hat getagt.\n\nQuelle: rtr", ["Reuters"]),
    ("Berlin (ots) - Die Firma teilt mit, dass sie wächst.", ["news aktuell"]),
    ("Moskau (Russland) – Der Stadtrat hat getagt.", []),
    ("Der Stadtrat hat getagt.\n\nDas meldete die dpa am Abend unter Berufung auf die Polizei.", []),
    ("Ein Text ohne Agenturangabe.", []),
])
def test_credited_agencies_come_from_dateline_and_final_credit_line(text, expected):
    assert outlet_index().credited_agencies(text) == expected


def test_agency_column_of_the_fixture_corpus():
    articles, _ = load_corpus(FIXTURE / "by_name.csv")
    agency = dict(zip(articles["outlet"], articles["agency"]))
    assert agency["finanzen.net"] == "dpa-AFX"
    assert agency["Salzburger Nachrichten"] == "APA|dpa"
    assert pd.isna(agency["Cicero"])


def test_unknown_outlets_are_listed_with_counts_and_a_registry_line(tmp_path):
    text = "Der Stadtrat von Seeburg hat am Montag über den neuen Radweg beraten und einen Beschluss vertagt."
    rows = [("Seeburger Bote", "https://www.seeburger-bote.example/a"), ("Seeburger Bote", ""),
            ("", "https://stadtblatt.example/b"), ("Der Spiegel", "")]
    pd.DataFrame({"text": [text + f" Fall {i}." for i in range(4)], "outlet": [o for o, _ in rows],
                  "url": [u for _, u in rows]}).to_csv(tmp_path / "c.csv", index=False)
    articles, _ = load_corpus(tmp_path / "c.csv")
    table = unknown_outlets(articles)
    assert table[["outlet", "domain", "articles"]].values.tolist() == [
        ["Seeburger Bote", "seeburger-bote.example", 2], ["stadtblatt.example", "stadtblatt.example", 1]]
    line = next(csv.reader([table["registry_line"].iloc[0]]))
    assert len(line) == len(REGISTRY_COLUMNS) and line[0] == "Seeburger Bote" and line[3] == "?"
    assert main(["load", str(tmp_path / "c.csv")]) == 0


def test_medialens_load_prints_the_unknown_outlets(tmp_path, capsys):
    text = "Der Stadtrat von Seeburg hat am Montag über den neuen Radweg beraten und einen Beschluss vertagt."
    pd.DataFrame({"text": [text, text + " Nachtrag."], "outlet": ["Seeburger Bote", "taz"]}).to_csv(
        tmp_path / "c.csv", index=False)
    assert main(["load", str(tmp_path / "c.csv")]) == 0
    out = capsys.readouterr().out
    assert "unknown outlets: 1 outlet, 1 article" in out
    assert "Seeburger Bote,,,?,?,?,de" in out


def test_names_that_are_everyday_words_are_not_used_to_type_sources_in_text():
    names = {n for name, aliases, _ in registry_rows() for n in [name, *aliases.split("|")] if n}
    assert "Stern" not in names and "rtr" not in names and "MENA" not in names
    assert "Welt" in names  # "sagte er der Welt": the newspaper
    assert "stern.de" in names and "Der Spiegel" in names and "Reuters" in names
