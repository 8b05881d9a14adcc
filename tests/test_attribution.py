"""Tests for medialens.attribution and its evaluation command.

Every German sentence here was written for these tests (none is taken from the evaluation data).
"""

from __future__ import annotations

import argparse
import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medialens import config, german, nlp
from medialens.attribution import (
    COLUMNS,
    FORMS,
    SOURCE_TYPES,
    annotate_documents,
    attributions_frame,
    extract_attributions,
)
from medialens.attribution.lexicons import load_lexicon
from medialens.evaluation import attribution as ev

SEED = config.SEEDS_DIR / "000_43dd2978da3373e8.txt"


def extract(text: str, **kwargs):
    doc = nlp.process("test", text, cache=False)
    rows = list(extract_attributions(doc, **kwargs))
    for r in rows:  # offsets always point into the text
        assert r.form in FORMS and r.source_type in SOURCE_TYPES
        assert text[r.quote_start : r.quote_end] == r.quote_text
        if r.source_start is not None:
            assert text[r.source_start : r.source_end] == r.source_text
    return rows


# (text, form, quote_text, source_text, cue_text, source_type)
CASES = [
    # direct quotations, one per quotation-mark style
    ("„Die Lage ist unter Kontrolle“, sagte Tokajew am Montag.",
     "direct", "„Die Lage ist unter Kontrolle“", "Tokajew", "sagte", "government"),
    ('"Wir werden nicht nachgeben", erklärte der Innenminister.',
     "direct", '"Wir werden nicht nachgeben"', "der Innenminister", "erklärte", "government"),
    ("Der Sprecher der Polizei sagte: »Die Straßen sind wieder frei.«",
     "direct", "»Die Straßen sind wieder frei.«", "Der Sprecher der Polizei", "sagte", "security_forces"),
    ("«Wir haben keine Informationen», so ein Sprecher des Außenministeriums in Moskau.",
     "direct", "«Wir haben keine Informationen»", "ein Sprecher des Außenministeriums in Moskau", "so",
     "foreign_government"),
    ("‚Das ist ein Angriff auf unser Land‘, sagte der Präsident.",
     "direct", "‚Das ist ein Angriff auf unser Land‘", "der Präsident", "sagte", "government"),
    # a quotation over two sentences, with a separable verb as cue
    ("„Die Armee hat die Kontrolle übernommen. Die Flughäfen bleiben geschlossen“, teilte das "
     "Verteidigungsministerium mit.",
     "direct", "„Die Armee hat die Kontrolle übernommen. Die Flughäfen bleiben geschlossen“",
     "das Verteidigungsministerium", "teilte … mit", "government"),
    ("Tokajew: „Wir werden die Ordnung wiederherstellen.“",
     "direct", "„Wir werden die Ordnung wiederherstellen.“", "Tokajew", ":", "government"),
    # indirect speech
    ("Die Regierung erklärte, dass die Proteste von Terroristen gesteuert worden seien.",
     "indirect", "dass die Proteste von Terroristen gesteuert worden seien", "Die Regierung", "erklärte",
     "government"),
    ("Der Politologe Dosym Satpajew sagte, Tokajew wolle seine Macht festigen.",
     "indirect", "Tokajew wolle seine Macht festigen", "Der Politologe Dosym Satpajew", "sagte", "expert"),
    ("Die Grenzen blieben geschlossen, gab die Regierung am Montag bekannt.",
     "indirect", "Die Grenzen blieben geschlossen", "die Regierung", "gab … bekannt", "government"),
    ("Ein Journalist fragte, ob die Armee eingreifen werde.",
     "indirect", "ob die Armee eingreifen werde", "Ein Journalist", "fragte", "witness_or_public"),
    ("Die Opposition rief die Bürger auf, friedlich zu demonstrieren.",
     "indirect", "friedlich zu demonstrieren", "Die Opposition", "rief … auf", "opposition"),
    ("Augenzeugen berichteten, dass Soldaten in die Menge geschossen hätten.",
     "indirect", "dass Soldaten in die Menge geschossen hätten", "Augenzeugen", "berichteten",
     "witness_or_public"),
    ("In Almaty fielen erneut Schüsse. Das berichtete die Nachrichtenagentur Interfax.",
     "indirect", "In Almaty fielen erneut Schüsse", "die Nachrichtenagentur Interfax", "berichtete",
     "news_agency"),
    ("Das russische Außenministerium erklärte, die Truppen würden das Land bald verlassen.",
     "indirect", "die Truppen würden das Land bald verlassen", "Das russische Außenministerium", "erklärte",
     "foreign_government"),
    ("Das Außenministerium in Moskau erklärte, die Mission sei erfüllt.",
     "indirect", "die Mission sei erfüllt", "Das Außenministerium in Moskau", "erklärte", "foreign_government"),
    ("Der Kreml teilte mit, Putin habe mit Tokajew telefoniert.",
     "indirect", "Putin habe mit Tokajew telefoniert", "Der Kreml", "teilte mit", "foreign_government"),
    ("Das unabhängige Portal Vlast.kz berichtete, dass das Internet in Almaty abgeschaltet worden sei.",
     "indirect", "dass das Internet in Almaty abgeschaltet worden sei", "Das unabhängige Portal Vlast.kz",
     "berichtete", "independent_media"),
    ("Die staatliche Nachrichtenagentur Kazinform meldete, der Präsident habe den Sicherheitsrat einberufen.",
     "indirect", "der Präsident habe den Sicherheitsrat einberufen", "Die staatliche Nachrichtenagentur Kazinform",
     "meldete", "state_media"),
    # according to
    ("Laut der Polizei wurden mehr als 100 Menschen verletzt.",
     "according_to", "Laut der Polizei wurden mehr als 100 Menschen verletzt", "der Polizei", "Laut",
     "security_forces"),
    ("Dem Gesundheitsministerium zufolge starben 225 Menschen.",
     "according_to", "Dem Gesundheitsministerium zufolge starben 225 Menschen", "Dem Gesundheitsministerium",
     "zufolge", "government"),
    ("Nach Angaben des Innenministeriums wurden 5800 Menschen festgenommen.",
     "according_to", "Nach Angaben des Innenministeriums wurden 5800 Menschen festgenommen",
     "des Innenministeriums", "Nach Angaben", "government"),
    ("Nach Informationen von Reuters hat die Armee den Flughafen besetzt.",
     "according_to", "Nach Informationen von Reuters hat die Armee den Flughafen besetzt", "Reuters",
     "Nach Informationen", "news_agency"),
    ("Nach Darstellung der Opposition schossen Soldaten auf friedliche Demonstranten.",
     "according_to", "Nach Darstellung der Opposition schossen Soldaten auf friedliche Demonstranten",
     "der Opposition", "Nach Darstellung", "opposition"),
    ("Der Flughafen von Almaty wurde wieder geöffnet, wie das Staatsfernsehen berichtete.",
     "according_to", "Der Flughafen von Almaty wurde wieder geöffnet", "das Staatsfernsehen", "wie … berichtete",
     "state_media"),
    ("Die Armee habe die Kontrolle über alle Regionen zurückgewonnen, so der Verteidigungsminister.",
     "according_to", "Die Armee habe die Kontrolle über alle Regionen zurückgewonnen", "der Verteidigungsminister",
     "so", "government"),
    ("Die Lage sei angespannt, hieß es in unabhängigen Telegram-Kanälen.",
     "according_to", "Die Lage sei angespannt", "unabhängigen Telegram-Kanälen", "hieß es", "independent_media"),
    # reported statements without content
    ("Präsident Tokajew kündigte weitere Reformen an.",
     "reported", "Präsident Tokajew kündigte weitere Reformen an.", "Präsident Tokajew", "kündigte … an",
     "government"),
    ("Die Opposition warf der Regierung Wahlbetrug vor.",
     "reported", "Die Opposition warf der Regierung Wahlbetrug vor.", "Die Opposition", "warf … vor", "opposition"),
    ("Das kasachische Außenministerium warnte vor Reisen in die Region.",
     "reported", "Das kasachische Außenministerium warnte vor Reisen in die Region.", "Das kasachische Außenministerium",
     "warnte", "government"),
    ("Die Vereinten Nationen forderten eine unabhängige Untersuchung.",
     "reported", "Die Vereinten Nationen forderten eine unabhängige Untersuchung.", "Die Vereinten Nationen",
     "forderten", "international_organisation"),
]


@pytest.mark.parametrize("text,form,quote,source,cue,source_type", CASES, ids=[c[0][:40] for c in CASES])
def test_single_attribution(text, form, quote, source, cue, source_type):
    rows = extract(text)
    assert len(rows) == 1, rows
    r = rows[0]
    assert (r.form, r.quote_text, r.source_text, r.cue_text, r.source_type) == (form, quote, source, cue, source_type)
    assert r.via_text is None and r.anonymous is False


# anonymous attributions: (text, form, quote_text, source_text, cue_text, source_type)
ANONYMOUS = [
    ("Die Verhandlungen seien gescheitert, hieß es am Abend.",
     "according_to", "Die Verhandlungen seien gescheitert", None, "hieß es", "anonymous"),
    ("Die Lage sei angespannt, hieß es aus Diplomatenkreisen.",
     "according_to", "Die Lage sei angespannt", "Diplomatenkreisen", "hieß es", "government"),
    ("Berichten zufolge wurden mehrere Journalisten festgenommen.",
     "according_to", "Berichten zufolge wurden mehrere Journalisten festgenommen", "Berichten", "zufolge",
     "anonymous"),
    ("Aus Regierungskreisen verlautete, der Präsident wolle das Kabinett umbilden.",
     "according_to", "der Präsident wolle das Kabinett umbilden", "Regierungskreisen", "verlautete", "government"),
    ("Der Ministerpräsident ist zurückgetreten, wie am Mittwoch bekannt wurde.",
     "according_to", "Der Ministerpräsident ist zurückgetreten", None, "wie … bekannt wurde", "anonymous"),
    ("Es wurde mitgeteilt, dass die Ausgangssperre verlängert werde.",
     "indirect", "dass die Ausgangssperre verlängert werde", None, "mitgeteilt", "anonymous"),
]


@pytest.mark.parametrize("text,form,quote,source,cue,source_type", ANONYMOUS, ids=[c[0][:40] for c in ANONYMOUS])
def test_anonymous_attribution(text, form, quote, source, cue, source_type):
    rows = extract(text)
    assert len(rows) == 1, rows
    r = rows[0]
    assert (r.form, r.quote_text, r.source_text, r.cue_text, r.source_type) == (form, quote, source, cue, source_type)
    assert r.anonymous is True


@pytest.mark.parametrize(
    "text,form,source,via,via_type,cue",
    [
        ("Die Agentur Interfax meldete unter Berufung auf das Gesundheitsministerium, dass mehr als 2000 Menschen "
         "verletzt worden seien.", "indirect", "das Gesundheitsministerium", "Die Agentur Interfax", "news_agency",
         "meldete"),
        ("Soldaten hätten in die Menge geschossen, berichtete ein unabhängiger Telegram-Kanal unter Berufung auf "
         "Augenzeugen.", "indirect", "Augenzeugen", "ein unabhängiger Telegram-Kanal", "independent_media",
         "berichtete"),
        ("Laut Interfax sagte der Minister, die Lage sei stabil.", "indirect", "der Minister", "Interfax",
         "news_agency", "sagte"),
    ],
)
def test_relay_chain(text, form, source, via, via_type, cue):
    rows = extract(text)
    assert len(rows) == 1, rows
    r = rows[0]
    assert (r.form, r.source_text, r.via_text, r.via_type, r.cue_text) == (form, source, via, via_type, cue)


def test_konjunktiv_continuation_carries_the_source():
    text = ("Das Innenministerium teilte am Sonntag mit, die Polizei habe mehr als 5000 Menschen festgenommen. "
            "Unter ihnen seien auch ausländische Staatsbürger. Die meisten von ihnen seien inzwischen wieder frei. "
            "Die Ermittlungen dauern an.")
    first, cont = extract(text)
    assert (first.form, first.quote_text, first.source_text, first.cue_text) == (
        "indirect", "die Polizei habe mehr als 5000 Menschen festgenommen", "Das Innenministerium", "teilte … mit")
    # two Konjunktiv sentences without a cue: one continuation row with the same source, no cue
    assert cont.form == "indirect" and cont.cue_text is None
    assert cont.quote_text == ("Unter ihnen seien auch ausländische Staatsbürger. "
                               "Die meisten von ihnen seien inzwischen wieder frei.")
    assert (cont.source_text, cont.source_start, cont.source_type) == (
        "Das Innenministerium", first.source_start, "government")
    assert cont.sentence_index == 1


def test_split_quote_and_nested_quote():
    split = extract("„Wir sind bereit“, sagte der Minister, „aber wir brauchen Zeit.“")
    assert [(r.form, r.quote_text, r.source_text, r.cue_text) for r in split] == [
        ("direct", "„Wir sind bereit“", "der Minister", "sagte"),
        ("direct", "„aber wir brauchen Zeit.“", "der Minister", "sagte"),
    ]
    nested = extract("Ein Sprecher sagte, die Lage sei „vollständig unter Kontrolle“.")
    assert [(r.form, r.quote_text, r.source_text) for r in nested] == [
        ("indirect", "die Lage sei „vollständig unter Kontrolle“", "Ein Sprecher"),
        ("direct", "„vollständig unter Kontrolle“", "Ein Sprecher"),
    ]


def test_quoted_names_are_not_quotations():
    rows = extract("Der Fernsehsender „Channel One“ zeigte einen Film über die Stadt.")
    assert rows == []


def test_home_country_outlets_and_actor_dictionary_are_parameters(tmp_path):
    text = "Das russische Außenministerium erklärte, die Mission sei erfüllt."
    assert extract(text)[0].source_type == "foreign_government"
    assert extract(text, home_country="RU")[0].source_type == "government"
    outlets = pd.DataFrame({"outlet": ["Steppenbote"], "aliases": ["Steppen-Bote"], "outlet_type": ["independent_media"]})
    r = extract("Die Zeitung Steppenbote berichtete, dass die Schulen geschlossen seien.", outlets=outlets)[0]
    assert r.source_type == "independent_media"
    actors = tmp_path / "actors.jsonl"
    actors.write_text(json.dumps({"id": "petrow", "label": "PER", "pattern": "Iwan Petrow", "type": "person",
                                  "category": "ru_government", "country": "RU"}) + "\n", encoding="utf-8")
    r = extract("Iwan Petrow sagte, die Verhandlungen gingen weiter.", actors_file=actors)[0]
    assert (r.source_text, r.source_actor, r.source_type) == ("Iwan Petrow", "petrow", "foreign_government")


def test_frame_columns_and_empty_input():
    empty = annotate_documents([], pd.DataFrame(), {})["attributions"]
    assert list(empty.columns) == COLUMNS and empty.empty
    docs = [nlp.process("a1", "Nach Angaben der Polizei ist die Lage ruhig.", cache=False),
            nlp.process("a2", "Es regnet.", cache=False)]
    df = attributions_frame(docs)
    assert list(df.columns) == COLUMNS
    assert df["article_id"].tolist() == ["a1"]
    assert str(df["quote_start"].dtype) == "Int64" and df["via_text"].isna().all()


def test_lexicons_load_and_cover_common_verbs():
    lex = load_lexicon()
    assert len(lex.verbs) >= 80
    assert lex.particles["teilen"]["mit"] == "mitteilen" and lex.particles["geben"]["bekannt"] == "bekanntgeben"
    assert {"sagen", "erklären", "betonen", "warnen", "vorwerfen", "bestätigen"} <= set(lex.verbs)
    assert "sei" in german.konjunktiv_forms().k1 and "würde" in german.konjunktiv_forms().k2


WORDS = ("„ “ \" » « ‚ ‘ : , . – ( ) sagte teilte mit laut zufolge nach Angaben der Polizei so Tokajew "
         "hieß es wie bekannt wurde unter Berufung auf das Ministerium dass er sei habe Das berichtete "
         "demnach soll worden Berichten aus Kreisen\n\n").split(" ")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=80), st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)))
def test_arbitrary_text_never_crashes(text):
    doc = nlp.process("fuzz", text, cache=False)
    df = attributions_frame([doc])
    assert list(df.columns) == COLUMNS
    for r in df.itertuples():
        assert 0 <= r.quote_start <= r.quote_end <= len(text)
        assert text[r.quote_start : r.quote_end] == r.quote_text


# ---------------------------------------------------------------------------------------- seed article
# Every attribution a careful reader finds in the seed article:
# (start of the content, form, source_text, cue_text, source_type, via_text, via_type, anonymous)
SEED_EXPECTED = {
    ("In Kasachstan sind", "according_to", "staatlichen Angaben", "nach", "government", None, None, True),
    ("In Kasachstan sind", "indirect", "das Innenministerium des zentralasiatischen Landes", "berichtete",
     "government", "das Staatsfernsehen", "state_media", False),
    ("Am Montag solle", "indirect", "mehrere kasachische Staatsmedien", "berichteten", "state_media", None, None,
     False),
    ("„der vielen Opfer", "direct", "mehrere kasachische Staatsmedien", "berichteten", "state_media", None, None,
     False),
    ("dass die Zahl", "indirect", None, "Befürchtet", "anonymous", None, None, True),
    ("In der Millionenstadt Almaty", "according_to", "unabhängigen kasachischen Nachrichtenkanälen", "hieß es",
     "independent_media", None, None, False),
    ("Am Samstag entließ", "according_to", "das kasachische Staatsfernsehen", "wie … berichtete", "state_media",
     None, None, False),
    ("dass Tokajew die aktuelle Krise nutze", "indirect", "Einige Experten", "argumentieren", "expert", None, None,
     False),
    ("Der frühere Geheimdienstchef", "according_to", None, "wie … bekannt wurde", "anonymous", None, None, True),
    ("Massimow werde des Landesverrats", "indirect", "das nationale Sicherheitskomitee (KNB)", "teilte … mit",
     "security_forces", None, None, False),
    ("Tokajew habe mit dem russischen", "indirect", "Das russische Präsidialamt", "teilte … mit",
     "foreign_government", None, None, False),
    ("Tokajew habe Putin", "according_to", "das russische Präsidialamt", "so", "foreign_government", None, None,
     False),
    ("Putin unterstütze", "indirect", "das russische Präsidialamt", None, "foreign_government", None, None, False),
    # "Tokajew … bat ein … Militärbündnis um Hilfe" was a reported statement until issue 11: a request for
    # help is an act, not a statement (class 2 of the issue)
}


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article_attributions():
    from medialens.corpus import load_corpus

    articles, _ = load_corpus(SEED.parent)
    article = articles[articles["source_file"].astype(str).str.endswith(SEED.name)].iloc[0]
    doc = nlp.process(article["article_id"], article["text"], cache=False)
    found = set()
    for r in extract_attributions(doc):
        start = next(p for p, *_ in SEED_EXPECTED if r.quote_text.startswith(p)) if any(
            r.quote_text.startswith(p) for p, *_ in SEED_EXPECTED) else r.quote_text
        found.add((start, r.form, r.source_text, r.cue_text, r.source_type, r.via_text, r.via_type, r.anonymous))
    assert found == SEED_EXPECTED


# ---------------------------------------------------------------------------------------- evaluation
def _gold_file(path, text, annotations):
    def span(sub, occurrence=0):
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(sub, start + 1)
        return {"spans": [{"charBegin": start, "charEnd": start + len(sub)}], "text": sub}

    data = {"documentName": path.stem, "originalText": text, "annotations": [
        {"type": t, "quote": span(q), "speaker": span(s) if s else {"spans": []}, "cue": span(c) if c else {"spans": []}}
        for t, q, s, c in annotations]}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_eval_reader_and_scores(tmp_path):
    text = ("„Wir bleiben hier“, sagte der Bürgermeister. Die Lage sei ruhig, teilte die Polizei mit. "
            "Die Feuerwehr löschte den Brand.")
    _gold_file(tmp_path / "a.json", text, [
        ("Direct", "„Wir bleiben hier“", "der Bürgermeister", "sagte"),
        ("Indirect", "Die Lage sei ruhig", "die Polizei", "teilte"),
        ("Reported", "Die Feuerwehr löschte den Brand.", "Die Feuerwehr", None),
    ])
    docs = ev.read_gold(tmp_path)
    assert len(docs) == 1 and [q.type for q in docs[0].quotes] == ["Direct", "Indirect", "Reported"]
    result = ev.score_folder(tmp_path, cache=False)["all"]
    q = result["quotes"]["0.5"]
    assert (q["tp"], q["predicted"], q["gold"]) == (2, 2, 3)
    assert q["precision"] == 1.0 and q["recall"] == pytest.approx(2 / 3)
    assert result["speaker_accuracy"] == {"n": 2, "correct": 2, "accuracy": 1.0}
    assert result["cue_accuracy"]["accuracy"] == 1.0
    assert result["recall_by_type"]["Reported"]["recall"] == 0.0


def test_eval_a_relay_row_is_scored_against_either_speaker_the_dataset_annotates(tmp_path):
    text = "Die Zeitung zitierte den Minister mit den Worten: „Wir halten an dem Plan fest.“"
    quote = "„Wir halten an dem Plan fest.“"
    for name, speaker in (("outer", "Die Zeitung"), ("nested", "den Minister")):
        _gold_file(tmp_path / f"{name}.json", text, [("Direct", quote, speaker, "zitierte")])
    result = ev.score_folder(tmp_path, cache=False)["all"]
    # the row names the minister as source and the paper as relay: right against both annotations
    assert result["speaker_accuracy"] == {"n": 2, "correct": 2, "accuracy": 1.0}
    row = ev.predicted_quotes(text, [r for r in ev.predict_rows(ev.read_gold(tmp_path / "outer.json"), cache=False)[0]])[0]
    assert not row.speaker_in([(text.index("Plan"), text.index("Plan") + 4)])


def test_eval_matching_ignores_whitespace_and_is_one_to_one():
    text = "a b  c d"
    g = ev.char_set(text, [(0, 5)])  # "a b  " -> {a, b}
    p = ev.char_set(text, [(0, 3)])
    assert ev.jaccard(g, p) == 1.0
    assert ev.match([g, g], [p], 0.5) == [(0, 0)]
    assert ev.match([g], [ev.char_set(text, [(6, 8)])], 0.5) == []


def test_eval_command_reports_missing_gold(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    assert ev.run(parser.parse_args(["--gold", str(tmp_path / "missing")])) == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert ev.run(parser.parse_args(["--gold", str(bad)])) == 2
    assert "medialens eval attribution" in capsys.readouterr().out


@pytest.mark.parametrize("text, source, source_type", [
    ("Eine Lehrerin sagte, sie habe seit Tagen kein Internet.", "Eine Lehrerin", "witness_or_public"),
    ("„Wir haben Angst“, sagte ein Taxifahrer.", "ein Taxifahrer", "witness_or_public"),
    ("Mehrere Teilnehmer berichteten, die Polizei habe Tränengas eingesetzt.", "Mehrere Teilnehmer", "witness_or_public"),
    ("Ein Mitarbeiter des Innenministeriums sagte, die Lage sei ruhig.", "Ein Mitarbeiter des Innenministeriums", "government"),
    ("Moskau erklärte, die Truppen blieben nur wenige Tage.", "Moskau", "foreign_government"),
])
def test_people_by_role_and_capitals_are_typed(text, source, source_type):
    rows = extract(text)
    assert [(r.source_text, r.source_type) for r in rows] == [(source, source_type)]


# rules added after the first evaluation round: (text, [(form, quote_text, source_text, cue_text), ...])
MORE_RULES = [
    # a clause with a named subject ends in a colon before the quotation
    ("Ministerin Sadykowa wandte sich am Abend an die Presse: „Wir lassen niemanden im Stich.“",
     [("direct", "„Wir lassen niemanden im Stich.“", "Ministerin Sadykowa", ":")]),
    ("Am Abend wandte sich Nasarbajew an die Presse: „Wir lassen niemanden im Stich.“",
     [("direct", "„Wir lassen niemanden im Stich.“", "Nasarbajew", ":")]),
    # elliptical cues with an adverb
    ("Dazu Tokajew: „Die Ordnung ist wiederhergestellt.“",
     [("direct", "„Die Ordnung ist wiederhergestellt.“", "Tokajew", ":")]),
    ("Tokajew wörtlich: „Die Ordnung ist wiederhergestellt.“",
     [("direct", "„Die Ordnung ist wiederhergestellt.“", "Tokajew", ":")]),
    # a label before the colon is not a speaker
    ("Das Motto des Abends lautete: „Wir bleiben hier und wir bleiben laut.“",
     [("direct", "„Wir bleiben hier und wir bleiben laut.“", None, None)]),
    # "sprach von „…“ und forderte …": the content belongs to the second predicate only
    ("Die Abgeordneten sprachen von einem „gefährlichen Präzedenzfall“ und forderten die Regierung auf, "
     "das Gesetz zurückzuziehen.",
     [("direct", "„gefährlichen Präzedenzfall“", "Die Abgeordneten", "sprachen"),
      ("indirect", "das Gesetz zurückzuziehen", "Die Abgeordneten", "forderten … auf")]),
    # a reported statement stops where a coordinated reporting predicate begins
    ("Der Bürgermeister warnte vor weiteren Bränden und sagte, die Feuerwehr sei schnell vor Ort gewesen.",
     [("reported", "Der Bürgermeister warnte vor weiteren Bränden", "Der Bürgermeister", "warnte"),
      ("indirect", "die Feuerwehr sei schnell vor Ort gewesen", "Der Bürgermeister", "sagte")]),
    # a reason clause in Konjunktiv I is the speaker's stated reason
    ("Die Gewerkschaft warnte vor dem Beschluss, weil er die Beschäftigten benachteilige.",
     [("reported", "Die Gewerkschaft warnte vor dem Beschluss", "Die Gewerkschaft", "warnte"),
      ("indirect", "weil er die Beschäftigten benachteilige", "Die Gewerkschaft", "warnte")]),
    # ... but an indicative reason clause is the reporter's own
    ("Die Gewerkschaft warnte vor dem Beschluss, weil er die Beschäftigten benachteiligt.",
     [("reported", "Die Gewerkschaft warnte vor dem Beschluss, weil er die Beschäftigten benachteiligt.",
       "Die Gewerkschaft", "warnte")]),
    # an evaluative reaction reports no statement content; it counts only with content (issue 11)
    ("Die Gewerkschaft kritisierte den Beschluss.", []),
    ("Die Gewerkschaft kritisierte, der Beschluss benachteilige die Beschäftigten.",
     [("indirect", "der Beschluss benachteilige die Beschäftigten", "Die Gewerkschaft", "kritisierte")]),
    # an anaphoric pronominal adverb points back to the previous sentence
    ("Die Grenze bleibt bis Freitag geschlossen. Davon geht der Zollchef der Region aus.",
     [("indirect", "Die Grenze bleibt bis Freitag geschlossen", "der Zollchef der Region", "geht … aus")]),
    # ... but not when the adverb belongs to an object noun ("darauf … eine Antwort")
    ("Warum schlafen Menschen in Hotels schlecht? Darauf haben Forscher aus Wien eine Antwort gefunden.", []),
    # a verbless quoted sentence after a statement is still a quotation
    ("Die Bürgermeisterin ist enttäuscht. „Ein schwarzer Tag für unsere Stadt.“",
     [("direct", "„Ein schwarzer Tag für unsere Stadt.“", None, None)]),
    # a reporting clause ends in a colon, the quotation follows in its own paragraph
    ("Der Bürgermeister sagte am Montag:\n\n„Die Feuerwehr war nach zehn Minuten da.“",
     [("direct", "„Die Feuerwehr war nach zehn Minuten da.“", "Der Bürgermeister", "sagte")]),
    # hearsay "soll … haben" across coordinated participles continues the previous source
    ("Die Polizei teilte mit, der Mann sei geflohen. Zuvor soll er die Tür aufgebrochen, das Geld genommen "
     "und das Haus verlassen haben.",
     [("indirect", "der Mann sei geflohen", "Die Polizei", "teilte mit"),
      ("indirect", "Zuvor soll er die Tür aufgebrochen, das Geld genommen und das Haus verlassen haben.",
       "Die Polizei", None)]),
    # a quotation over two paragraphs: only the last paragraph has a closing mark
    ("Die Sprecherin sagte: „Wir haben alle Familien erreicht. Die Schulen bleiben offen.\n\n"
     "„Am Montag beginnt der Unterricht wieder.“",
     [("direct", "„Wir haben alle Familien erreicht. Die Schulen bleiben offen.", "Die Sprecherin", "sagte"),
      ("direct", "„Am Montag beginnt der Unterricht wieder.“", "Die Sprecherin", None)]),
]


@pytest.mark.parametrize("text,expected", MORE_RULES, ids=[c[0][:40] for c in MORE_RULES])
def test_more_rules(text, expected):
    rows = extract(text)
    assert [(r.form, r.quote_text, r.source_text, r.cue_text) for r in rows] == expected
