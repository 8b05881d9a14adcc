"""Who speaks: continuation speech, speakers outside the cue sentence, subjects the tagger hides.

Every German sentence here was written for these tests (none comes from the evaluation data or from
real coverage). Each rule is a general German pattern; the tests vary words and word order.
"""

from __future__ import annotations

import pytest

from medialens import nlp
from medialens.attribution import attributions_frame


def rows(text: str) -> list[dict]:
    frame = attributions_frame([nlp.process("test", text, cache=False)])
    out = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for r in out:
        assert text[r["quote_start"] : r["quote_end"]] == r["quote_text"]
    return out


def row_at(text: str, content_start: str) -> dict:
    """The row whose content starts with ``content_start``."""
    found = [r for r in rows(text) if r["quote_text"] and r["quote_text"].startswith(content_start)]
    assert len(found) == 1, rows(text)
    return found[0]


# ---------------------------------------------------------------- continuation (free indirect speech)
@pytest.mark.parametrize("text, content, source", [
    # the previous sentence names a new speaker with a stance verb that is no reporting verb
    ("Die Ministerin Anna Berg sagte, die Schulen blieben offen. Die Gewerkschaft zeigte sich dagegen "
     "enttäuscht. Man habe deutlich mehr erwartet.", "Man habe", "Die Gewerkschaft"),
    ("Der Bürgermeister erklärte, die Brücke werde saniert. Der Verkehrsclub sieht das Vorhaben gelassen. "
     "Die Umleitung sei gut ausgeschildert.", "Die Umleitung", "Der Verkehrsclub"),
    # an event sentence in between keeps the earlier speaker
    ("Der Polizeisprecher Jan Kurz sagte, der Fahrer sei geflohen. Auf der Kreuzung wurden zwei Autos "
     "beschädigt. Der Schaden liege bei mehreren tausend Euro.", "Der Schaden", "Der Polizeisprecher Jan Kurz"),
    # after "Demnach" the continuation names the source "Demnach" stands for
    ("Laut der Zeitung „Abendpost“ ist der Vertrag gescheitert. Demnach haben beide Seiten die Gespräche "
     "abgebrochen. Eine Einigung sei nicht in Sicht.", "Eine Einigung", "der Zeitung „Abendpost“"),
    ("Nach Angaben der Feuerwehr brannte die Halle vollständig aus. Demnach wurde niemand verletzt. "
     "Die Ursache sei noch unklar.", "Die Ursache", "der Feuerwehr"),
])
def test_a_konjunktiv_continuation_takes_the_speaker_before_it(text, content, source):
    assert row_at(text, content)["source_text"] == source


# ---------------------------------------------------------------- subjects the tagger or word order hides
@pytest.mark.parametrize("text, source", [
    # a participle the tagger may read as finite ("betont", "erklärt" are also 3rd person present)
    ("Im Vorfeld hatte das Komitee der Meisterschaft betont, dass die Karten wichtig seien.",
     "das Komitee der Meisterschaft"),
    ("Am Montag hat die Stadtverwaltung erklärt, dass der Markt verlegt werde.", "die Stadtverwaltung"),
    # a temporal clause the tagger reads as a preposition phrase
    ("Als der Bürgermeister Peter Paul am Sonntag sagte, dass die Proteste friedlich seien, widersprach "
     "niemand.", "der Bürgermeister Peter Paul"),
    # a relative clause opened by a preposition
    ("Der Täter hinterließ einen Brief, in dem er verlangte, dass keine Polizei eingeschaltet werde.", "er"),
    ("Die Firma verschickte ein Schreiben, mit dem sie ankündigte, dass sie das Werk schließe.", "sie"),
    # a demonstrative pronoun as subject
    ("Im Gespräch mit dem Anwalt der Familie sagte dieser, dass der Mann schwer krank sei.", "dieser"),
])
def test_the_subject_of_the_reporting_clause_is_the_source(text, source):
    found = [r for r in rows(text) if r["rule"] == "verb_content"]
    assert [r["source_text"] for r in found] == [source]


@pytest.mark.parametrize("text, source", [
    ("Die Pläne der Regierung lobte er mit den Worten: „Das ist ein guter Anfang.“", "er"),
    ("Die neue Regel stellte der Vorsitzende Franz Müller ebenfalls in Frage: „Sie ist nicht durchdacht.“",
     "der Vorsitzende Franz Müller"),
    ("Den Vorschlag der Kommission nannte die Sprecherin der Grünen einen „faulen Kompromiss“.",
     "die Sprecherin der Grünen"),
])
def test_a_fronted_object_is_not_the_source(text, source):
    assert [r["source_text"] for r in rows(text)] == [source]


def test_a_preposition_attached_to_a_noun_does_not_cancel_the_verb():
    text = "Der Forscher vom Institut für Astronomie erklärte, die Entdeckung sei eine Überraschung."
    assert row_at(text, "die Entdeckung")["source_text"] == "Der Forscher vom Institut für Astronomie"
    assert rows("Das Gericht erklärte die Wahl für ungültig.") == []


# ---------------------------------------------------------------- relays through zitieren
@pytest.mark.parametrize("text, source, via", [
    ("Der Minister wird von der Zeitung „Abendpost“ mit den Worten zitiert, es habe eine gute Resonanz gegeben.",
     "Der Minister", "der Zeitung „Abendpost“"),
    ("Peter Paul, Sprecher der Partei, wurde vom Sender mit dem Satz zitiert, er habe nichts gewusst.",
     "Peter Paul, Sprecher der Partei", "Sender"),
])
def test_a_passive_zitieren_names_the_cited_subject_via_the_agent(text, source, via):
    r = rows(text)[0]
    assert (r["source_text"], r["via_text"], r["rule"]) == (source, via, "relay_zitieren")


def test_a_cited_thing_is_not_a_relay():
    r = rows("Der Satz wird von der Zeitung zitiert, er sei falsch.")[0]
    assert r["via_text"] is None


# ---------------------------------------------------------------- cues without a verb of their own
def test_an_impersonal_cue_in_the_pluperfect_takes_the_quotation_after_the_colon():
    r = rows("In einer Erklärung der Minister vom Dienstag hatte es geheißen: „Es gibt keine einfache Lösung.“")[0]
    assert (r["form"], r["rule"], r["source_text"]) == ("direct", "impersonal_cue", "einer Erklärung der Minister vom Dienstag")


def test_so_with_a_trailing_adverb_is_a_cue():
    r = rows("„Die Lage ist ernst, aber beherrschbar“, so Müller wörtlich.")[0]
    assert (r["form"], r["source_text"]) == ("direct", "Müller")


# ---------------------------------------------------------------- cues added for recall
@pytest.mark.parametrize("text, source", [
    ("Der Unfall kostete gemäß der Zeitung „Abendpost“ vierzig Menschen das Leben.", "der Zeitung „Abendpost“"),
    ("Die Baustelle ruhe gemäß einem Sprecher des Unternehmens bis Montag.", "einem Sprecher des Unternehmens"),
    ("Zu dem Anschlag bekannte sich nach örtlichen Medien eine Gruppe aus dem Norden.", "örtlichen Medien"),
])
def test_according_to_cues_that_name_a_speaker(text, source):
    assert [r["source_text"] for r in rows(text)] == [source]


@pytest.mark.parametrize("text", [
    "Die Preise werden gemäß der Inflation angepasst.",
    "Die Firma handelte gemäß dem Vertrag.",
])
def test_gemaess_with_a_rule_or_a_quantity_is_no_cue(text):
    assert rows(text) == []


@pytest.mark.parametrize("text, source", [
    ("Die Gewerkschaft wertet den Abschluss als großen Erfolg.", "Die Gewerkschaft"),
    ("Die Versicherer beziffern den Schaden auf zwei Millionen Euro.", "Die Versicherer"),
    ("Der Minister verglich die Lage mit der Krise vor zehn Jahren.", "Der Minister"),
    ("Die Forscherin führt den Rückgang auf den warmen Winter zurück.", "Die Forscherin"),
])
def test_evaluations_with_their_complement_are_reported_statements(text, source):
    assert [(r["form"], r["source_text"]) for r in rows(text)] == [("reported", source)]


@pytest.mark.parametrize("text", [
    "Der Chef schätzt seine Mitarbeiter sehr.",
    "Die Kundin vergleicht die Preise.",
])
def test_evaluation_verbs_without_their_complement_are_no_statements(text):
    assert rows(text) == []


def test_quotation_after_konjunktiv_continuations_keeps_the_speaker():
    """A quotation after Konjunktiv sentences that continue a speaker is that speaker's."""
    text = ("Der Arzt sagte: „Wir müssen abwarten.“ Die Lage sei ernst. Es gebe kaum noch freie Betten. "
            "„Aber wir geben nicht auf.“")
    assert row_at(text, "„Aber wir")["source_text"] == "Der Arzt"
