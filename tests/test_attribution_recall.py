"""Recall rules of issue 11 (quotation attribution on the Wikinews train split), one group per rule class.

Every German sentence here was written for these tests; none is taken from the evaluation data.
"""

from __future__ import annotations

import pytest

from medialens import nlp
from medialens.attribution import extract_attributions


def rows_of(text: str) -> list[tuple]:
    return [(r.form, r.quote_text, r.source_text, r.cue_text)
            for r in extract_attributions(nlp.process("test", text, cache=False))]


#: stance and pointing verbs: "rechnen mit" (an expectation), "hinweisen auf" (without a content clause),
#: "verlautbaren" (a formal statement verb)
VERBS = [
    ("Der Bauernverband rechnet mit einer schlechten Ernte.",
     [("reported", "Der Bauernverband rechnet mit einer schlechten Ernte.", "Der Bauernverband", "rechnet")]),
    ("Die Stadtwerke rechnen damit, dass die Preise im Winter steigen.",
     [("indirect", "dass die Preise im Winter steigen", "Die Stadtwerke", "rechnen")]),
    ("Die Polizei wies auf die Gefahr von Glatteis hin.",
     [("reported", "Die Polizei wies auf die Gefahr von Glatteis hin.", "Die Polizei", "wies … hin")]),
    ("Die Ministerin weist auf die hohen Kosten hin.",
     [("reported", "Die Ministerin weist auf die hohen Kosten hin.", "Die Ministerin", "weist … hin")]),
    ("Die Ursache sei ein defektes Kabel gewesen, verlautbarte der Betreiber.",
     [("indirect", "Die Ursache sei ein defektes Kabel gewesen", "der Betreiber", "verlautbarte")]),
    ("Der Betreiber verlautbarte, die Strecke sei wieder frei.",
     [("indirect", "die Strecke sei wieder frei", "Der Betreiber", "verlautbarte")]),
    # without the preposition the verbs are no cue
    ("Wir rechnen die Kosten zusammen.", []),
    ("Das Schild weist den Weg.", []),
]


@pytest.mark.parametrize("text,expected", VERBS, ids=[c[0][:40] for c in VERBS])
def test_stance_and_pointing_verbs(text, expected):
    assert rows_of(text) == expected


#: "wurde bekannt, dass …" in verb-second order (the cue list had only the verb-final "bekannt wurde");
#: a time phrase ("im Juni", "am Montag") dates a statement and is never its source
AGENTLESS = [
    ("Im Juni wurde bekannt, dass der Konzern seine Sparte verkauft.",
     [("according_to", "dass der Konzern seine Sparte verkauft", None, "wurde bekannt")]),
    ("Es wurde bekannt, dass die Brücke bis zum Herbst gesperrt bleibt.",
     [("according_to", "dass die Brücke bis zum Herbst gesperrt bleibt", None, "wurde bekannt")]),
    ("Am Montag hieß es, die Lage sei ruhig.",
     [("according_to", "die Lage sei ruhig", None, "hieß es")]),
    # "bekannt gegeben" is the verb "bekanntgeben" with its own agent
    ("Vom Ministerium wurde bekannt gegeben, dass die Schulen schließen.",
     [("indirect", "dass die Schulen schließen", "Ministerium", "bekannt gegeben")]),
    # "wurde bekannt" = became famous: no statement
    ("Die Schauspielerin wurde bekannt, als sie einen Preis gewann.", []),
]


@pytest.mark.parametrize("text,expected", AGENTLESS, ids=[c[0][:40] for c in AGENTLESS])
def test_agentless_wurde_bekannt_and_time_phrases(text, expected):
    assert rows_of(text) == expected
