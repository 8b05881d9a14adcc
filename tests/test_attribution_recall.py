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


#: "so X" inserted in the middle of its sentence: the content is the whole sentence (cue and source are
#: not content, see the package docstring); an apposition or relative clause after the source is not
#: a continuation of the content
INSERTED_SO = [
    ("Der Zeitplan sei, so die Ministerin, nicht mehr zu halten.",
     [("according_to", "Der Zeitplan sei, so die Ministerin, nicht mehr zu halten", "die Ministerin", "so")]),
    ("Die Gebühren würden – so der Verband – im Herbst erneut steigen.",
     [("according_to", "Die Gebühren würden – so der Verband – im Herbst erneut steigen", "der Verband", "so")]),
    ("Der Markt erhole sich, so der Händler, trotzdem blieben viele Geschäfte geschlossen.",
     [("according_to", "Der Markt erhole sich, so der Händler, trotzdem blieben viele Geschäfte geschlossen",
       "der Händler", "so")]),
    # a fronted adverb or subject before the inserted phrase
    ("Dennoch, so der Minister, habe der Bürgermeister seine Pflicht verletzt.",
     [("according_to", "Dennoch, so der Minister, habe der Bürgermeister seine Pflicht verletzt", "der Minister", "so")]),
    ("Sein Gegner, so die Kandidatin weiter, bekomme Geld von Konzernen.",
     [("according_to", "Sein Gegner, so die Kandidatin weiter, bekomme Geld von Konzernen", "die Kandidatin", "so")]),
    ("Die Preise steigen weiter, so der Verband, dessen Mitglieder vor allem Bäcker sind.",
     [("according_to", "Die Preise steigen weiter", "der Verband", "so")]),
    ("Die Ernte fällt schlecht aus, so Anna Weber, die Sprecherin des Bauernverbands.",
     [("according_to", "Die Ernte fällt schlecht aus", "Anna Weber", "so")]),
    ("Die Lage bleibt angespannt, so das Fazit einer Studie der Universität, in der zwanzig Forscher "
     "mitgearbeitet haben.",
     [("according_to", "Die Lage bleibt angespannt", "das Fazit einer Studie der Universität", "so")]),
]


@pytest.mark.parametrize("text,expected", INSERTED_SO, ids=[c[0][:40] for c in INSERTED_SO])
def test_inserted_so_phrase_spans_the_whole_sentence(text, expected):
    assert rows_of(text) == expected


#: "Danach …" opening a sentence right after one that names a document or finding refers to it (like
#: "Demnach"); after any other sentence, or followed by a comma, it means "afterwards"
DANACH = [
    ("Die Stiftung stellte am Montag eine Studie vor. Danach leben immer mehr Kinder in Armut.",
     [("according_to", "Danach leben immer mehr Kinder in Armut", "Danach", "Danach")]),
    ("Der Verband legte seinen Jahresbericht vor. Danach sank die Zahl der Mitglieder um zehn Prozent.",
     [("according_to", "Danach sank die Zahl der Mitglieder um zehn Prozent", "Danach", "Danach")]),
    ("Die Polizei nahm den Mann am Bahnhof fest. Danach wurde er verhört.", []),
    ("Der Minister las den Bericht. Danach, am Abend, trat er zurück.", []),
]


@pytest.mark.parametrize("text,expected", DANACH, ids=[c[0][:40] for c in DANACH])
def test_danach_after_a_document(text, expected):
    assert rows_of(text) == expected


#: "hervorgehen aus": the aus-phrase (a document) is the source; after "Das/Dies" the content is the
#: previous sentence; "ging als Sieger aus der Wahl hervor" and a negated "geht nicht hervor" state nothing
HERVORGEHEN = [
    ("Aus dem Bericht der Kommission geht hervor, dass die Kosten gestiegen sind.",
     [("according_to", "dass die Kosten gestiegen sind", "dem Bericht der Kommission", "geht hervor")]),
    ("Die Kosten sind gestiegen. Das geht aus einem Bericht der Kommission hervor.",
     [("according_to", "Die Kosten sind gestiegen", "einem Bericht der Kommission", "geht … hervor")]),
    ("Die Kosten sind gestiegen. Dies geht aus einem Bericht der Kommission, der am Montag erschien, hervor.",
     [("according_to", "Die Kosten sind gestiegen", "einem Bericht der Kommission", "geht … hervor")]),
    ("Wie aus dem Bericht hervorgeht, sind die Kosten gestiegen.",
     [("according_to", "sind die Kosten gestiegen", "dem Bericht", "Wie … hervorgeht")]),
    ("Als Sieger ging die Partei des Präsidenten aus der Wahl hervor.", []),
    ("Aus der Statistik geht nicht hervor, ob die Zahl der Unfälle gesunken ist.", []),
]


@pytest.mark.parametrize("text,expected", HERVORGEHEN, ids=[c[0][:40] for c in HERVORGEHEN])
def test_hervorgehen_aus_a_document(text, expected):
    assert rows_of(text) == expected


#: a postposed cue takes the clause before it as content only when that is a clause: a fronted phrase
#: with a relative clause ("In einem Bericht, der … erschien, fordert X …") is not content
FRONTED_PHRASE = [
    ("In einem Bericht, der am Montag erschien, fordert die Kommission mehr Geld für die Schulen.",
     [("reported", "In einem Bericht, der am Montag erschien, fordert die Kommission mehr Geld für die Schulen.",
       "die Kommission", "fordert")]),
    ("In einem Referendum, das im Mai stattfand, sprach sich eine Mehrheit für die Reform aus.", []),
    ("Auch die Ärzte, in deren Klinik der Mann lag, bemerkten nichts, berichtete die Zeitung.",
     [("indirect", "Auch die Ärzte, in deren Klinik der Mann lag, bemerkten nichts", "die Zeitung", "berichtete")]),
    ("Der Hafen bleibt geschlossen, teilte die Behörde mit.",
     [("indirect", "Der Hafen bleibt geschlossen", "die Behörde", "teilte … mit")]),
]


@pytest.mark.parametrize("text,expected", FRONTED_PHRASE, ids=[c[0][:40] for c in FRONTED_PHRASE])
def test_fronted_phrase_is_no_postposed_content(text, expected):
    assert rows_of(text) == expected


#: a plan with "soll" (no perfect infinitive) continues a source only in the sentence right after it;
#: a hearsay "soll … haben" may continue it across a sentence of the author's own
SOLL_PLANS = [
    ("Der Bürgermeister kündigte am Montag den Bau einer Halle an. Sie soll im Jahr 2025 fertig werden.",
     [("reported", "Der Bürgermeister kündigte am Montag den Bau einer Halle an.", "Der Bürgermeister", "kündigte … an"),
      ("indirect", "Sie soll im Jahr 2025 fertig werden.", "Der Bürgermeister", None)]),
    ("Der Bürgermeister kündigte am Montag den Bau einer Halle an. Das Wetter war schlecht. "
     "Die Halle soll im Jahr 2025 fertig werden.",
     [("reported", "Der Bürgermeister kündigte am Montag den Bau einer Halle an.", "Der Bürgermeister", "kündigte … an")]),
    ("Der Bürgermeister kündigte am Montag den Bau einer Halle an. Das Wetter war schlecht. "
     "Der alte Bau soll Geld veruntreut haben.",
     [("reported", "Der Bürgermeister kündigte am Montag den Bau einer Halle an.", "Der Bürgermeister", "kündigte … an"),
      ("indirect", "Der alte Bau soll Geld veruntreut haben.", "Der Bürgermeister", None)]),
]


@pytest.mark.parametrize("text,expected", SOLL_PLANS, ids=[c[0][60:100] for c in SOLL_PLANS])
def test_soll_plans_continue_only_the_sentence_before(text, expected):
    assert rows_of(text) == expected


#: speech nouns: the content clause may follow the verb that closes the noun's clause ("mit der Begründung
#: abgelehnt, …") when a source that can speak is named; "Argument", "Information", "Nachricht" … are speech
#: nouns; with a verb of passing on, the von-phrase names who gave the information
SPEECH_NOUNS = [
    ("Die Stadt hat den Antrag mit der Begründung abgelehnt, die Kosten seien zu hoch.",
     [("indirect", "die Kosten seien zu hoch", "Die Stadt", "Begründung")]),
    ("Der Antrag wurde mit der Begründung abgelehnt, die Kosten seien zu hoch.", []),
    ("Die Firma begegnet der Kritik mit dem Argument, die Züge seien meist unterirdisch unterwegs.",
     [("indirect", "die Züge seien meist unterirdisch unterwegs", "Die Firma", "Argument")]),
    ("Von der Polizei kam die Information, bei den Toten handele es sich um zwei Brüder.",
     [("indirect", "bei den Toten handele es sich um zwei Brüder", "der Polizei", "Information")]),
    ("Der Pfarrer erhielt vom Bischof die Nachricht, dass die Kirche schließt.",
     [("indirect", "dass die Kirche schließt", "Bischof", "Nachricht")]),
]


@pytest.mark.parametrize("text,expected", SPEECH_NOUNS, ids=[c[0][:40] for c in SPEECH_NOUNS])
def test_speech_nouns_after_a_closing_verb_and_givers(text, expected):
    assert rows_of(text) == expected


#: "sich zeigen/geben" + stance adjective + content clause (stance_adjectives.tsv); without the clause,
#: or with an inanimate subject, no attribution
STANCE = [
    ("Die Ministerin zeigte sich zuversichtlich, dass die Verhandlungen bald enden.",
     [("indirect", "dass die Verhandlungen bald enden", "Die Ministerin", "zeigte … zuversichtlich")]),
    ("Der Verband gab sich optimistisch, die Zahlen würden im Herbst steigen.",
     [("indirect", "die Zahlen würden im Herbst steigen", "Der Verband", "gab … optimistisch")]),
    ("Die Aktivistin zeigte sich besonders darüber besorgt, dass viele Frauen keine Hilfe bekommen.",
     [("indirect", "dass viele Frauen keine Hilfe bekommen", "Die Aktivistin", "zeigte … besorgt")]),
    ("Der Trainer zeigte sich zufrieden.", []),
    ("Die Zahlen zeigen sich stabil, obwohl der Winter kalt war.", []),
]


@pytest.mark.parametrize("text,expected", STANCE, ids=[c[0][:40] for c in STANCE])
def test_stance_adjectives_with_content(text, expected):
    assert rows_of(text) == expected


#: a zu-infinitive right after the participle of a reporting verb, without the comma, is its content
BARE_ZU = [
    ("Der Konzern hat angekündigt die Preise ab Oktober zu erhöhen.",
     [("indirect", "die Preise ab Oktober zu erhöhen", "Der Konzern", "angekündigt")]),
    ("Die Partei hatte angekündigt mit allen Fraktionen verhandeln zu wollen.",
     [("indirect", "mit allen Fraktionen verhandeln zu wollen", "Die Partei", "angekündigt")]),
    ("Der Konzern hat die Erhöhung angekündigt.",
     [("reported", "Der Konzern hat die Erhöhung angekündigt.", "Der Konzern", "angekündigt")]),
]


@pytest.mark.parametrize("text,expected", BARE_ZU, ids=[c[0][:40] for c in BARE_ZU])
def test_zu_infinitive_without_comma(text, expected):
    assert rows_of(text) == expected


#: a Konjunktiv I clause followed by ", <finite verb> <speaker>" is a postposed cue even with a verb the
#: lexicon does not list; the speaker must be able to speak and end the sentence (with phrases after it)
UNLISTED_POSTPOSED = [
    ("Die Ursache des Unglücks sei noch unklar, verlautbarte der Direktor der Reederei, Peter Muster, "
     "in einer Mitteilung.",
     [("indirect", "Die Ursache des Unglücks sei noch unklar", "der Direktor der Reederei, Peter Muster",
       "verlautbarte")]),
    ("Man werde die Preise senken, verlautbarte er am Montag.",
     [("indirect", "Man werde die Preise senken", "er", "verlautbarte")]),
    # an indicative clause before the comma is the author's own statement
    ("Die Preise sinken, verlautbarte der Händler.", []),
    ("Die Ursache sei unklar, verlautbarte das Gebäude.", []),
]


@pytest.mark.parametrize("text,expected", UNLISTED_POSTPOSED, ids=[c[0][:40] for c in UNLISTED_POSTPOSED])
def test_postposed_cue_after_konjunktiv_with_unlisted_verb(text, expected):
    assert rows_of(text) == expected


#: Konjunktiv content ends before ", doch/jedoch" + an indicative clause (the reporter's addition) and
#: before ", so X" (the source named again)
CONTENT_END = [
    ("Der Präsident sagte, der Minister sei tot, doch ein Sprecher der UN erklärte, dies nicht bestätigen zu können.",
     [("indirect", "der Minister sei tot", "Der Präsident", "sagte"),
      ("indirect", "dies nicht bestätigen zu können", "ein Sprecher der UN", "erklärte")]),
    ("Der Anwalt sagte, sein Mandant sei müde, doch er wolle aussagen.",
     [("indirect", "sein Mandant sei müde, doch er wolle aussagen", "Der Anwalt", "sagte")]),
]


@pytest.mark.parametrize("text,expected", CONTENT_END, ids=[c[0][:40] for c in CONTENT_END])
def test_content_ends_before_the_reporters_addition(text, expected):
    assert rows_of(text) == expected


def test_chanted_slogans_are_speech():
    assert rows_of("Die Demonstranten skandierten: „Wir bleiben hier!“") == [
        ("direct", "„Wir bleiben hier!“", "Die Demonstranten", "skandierten")]


#: "nach deren/dessen Angaben" reads like "nach seinen Angaben"; "Erkenntnisstand" is an information noun
INFO_NOUNS = [
    ("Nach deren Angaben ist der Fluss sauber.",
     [("according_to", "Nach deren Angaben ist der Fluss sauber", "deren Angaben", "Nach")]),
    ("Nach bisherigem Erkenntnisstand wird als Ursache ein Defekt vermutet.",
     [("according_to", "Nach bisherigem Erkenntnisstand wird als Ursache ein Defekt vermutet",
       "bisherigem Erkenntnisstand", "Nach")]),
]


@pytest.mark.parametrize("text,expected", INFO_NOUNS, ids=[c[0][:40] for c in INFO_NOUNS])
def test_info_nouns_with_relative_possessive(text, expected):
    assert rows_of(text) == expected


#: a modal Konjunktiv II ("könnten", "müssten", "dürften") as the first finite verb continues a source only in
#: the sentence right after it (like a "soll" plan): further on it is the reporter's own conjecture
MODAL_K2 = [
    ("Die Gewerkschaft warnte am Dienstag vor den Folgen der Reform. Viele Betriebe könnten ihre Lehrstellen streichen.",
     [("reported", "Die Gewerkschaft warnte am Dienstag vor den Folgen der Reform.", "Die Gewerkschaft", "warnte"),
      ("indirect", "Viele Betriebe könnten ihre Lehrstellen streichen.", "Die Gewerkschaft", None)]),
    ("Die Gewerkschaft warnte am Dienstag vor den Folgen der Reform. Das Gesetz tritt im März in Kraft. "
     "Viele Betriebe könnten ihre Lehrstellen streichen.",
     [("reported", "Die Gewerkschaft warnte am Dienstag vor den Folgen der Reform.", "Die Gewerkschaft", "warnte")]),
    # beside a condition ("wenn", "im Falle") the modal is the reporter's own irrealis
    ("Die Gewerkschaft warnte am Dienstag vor den Folgen der Reform. Im Falle einer Klage müsste das Land "
     "die Zuschüsse zurückzahlen.",
     [("reported", "Die Gewerkschaft warnte am Dienstag vor den Folgen der Reform.", "Die Gewerkschaft", "warnte")]),
    # with its own cue the modal clause is content as any other
    ("Die Gewerkschaft warnte am Dienstag vor den Folgen der Reform. Das Gesetz tritt im März in Kraft. "
     "Viele Betriebe müssten dann ihre Lehrstellen streichen, sagte ihr Sprecher.",
     [("reported", "Die Gewerkschaft warnte am Dienstag vor den Folgen der Reform.", "Die Gewerkschaft", "warnte"),
      ("indirect", "Viele Betriebe müssten dann ihre Lehrstellen streichen", "ihr Sprecher", "sagte")]),
]


@pytest.mark.parametrize("text,expected", MODAL_K2, ids=[c[0][60:100] for c in MODAL_K2])
def test_modal_konjunktiv_two_continues_only_the_sentence_before(text, expected):
    assert rows_of(text) == expected


#: after a reporting verb and a comma, "der/die/das" opening a verb-second clause, a Konjunktiv I clause or a
#: zu-infinitive is the content (the tagger reads the article as a relative pronoun); a verb-final
#: indicative relative clause moved behind the verb is not
ARTICLE_AFTER_VERB = [
    ("Der Sprecher erklärte, die noch zu gründende Behörde werde die Zahl der Kontrollen erhöhen.",
     [("indirect", "die noch zu gründende Behörde werde die Zahl der Kontrollen erhöhen", "Der Sprecher", "erklärte")]),
    ("Die Verbände riefen die Mitglieder dazu auf, die Abgeordneten ihres Kreises anzuschreiben.",
     [("indirect", "die Abgeordneten ihres Kreises anzuschreiben", "Die Verbände", "riefen … auf")]),
    ("Der Konzern hat neue Pläne vorgelegt, die teurer sein werden als die alten.", []),
]


@pytest.mark.parametrize("text,expected", ARTICLE_AFTER_VERB, ids=[c[0][:40] for c in ARTICLE_AFTER_VERB])
def test_article_after_a_reporting_verb_opens_the_content(text, expected):
    assert rows_of(text) == expected


#: an apposition after a postposed cue ("sagte X, der Sprecher der „…“") names the speaker's role even when
#: it holds a quoted name; a quoted verb phrase after the cue is still a fragment of content
APPOSITION_WITH_QUOTE = [
    ("Die Verletzten seien außer Gefahr, sagte Tom O’Neill, der Sprecher der so genannten „Bürgerhilfe“.",
     [("indirect", "Die Verletzten seien außer Gefahr", "Tom O’Neill", "sagte")]),
    ("Der Sprecher sagte, das Treffen „sei sehr gut verlaufen“.",
     [("indirect", "das Treffen „sei sehr gut verlaufen“", "Der Sprecher", "sagte"),
      ("direct", "„sei sehr gut verlaufen“", "Der Sprecher", "sagte")]),
]


@pytest.mark.parametrize("text,expected", APPOSITION_WITH_QUOTE, ids=[c[0][:40] for c in APPOSITION_WITH_QUOTE])
def test_apposition_with_a_quoted_name_is_no_content(text, expected):
    assert rows_of(text) == expected


#: a bare indicative verb-second clause after a reporting verb is content only when someone who can speak
#: says it: after an agentless passive or a subject such as "das Wetter" it is the reporter's own narrative;
#: "soll/sollen" marks reported speech as Konjunktiv does
INDICATIVE_WITHOUT_SOURCE = [
    ("Zwei Pistolen wurden in der Wohnung gefunden, der Zugriff verlief ohne Zwischenfälle.", []),
    ("Das Wetter meinte es gut mit den Läufern, der Regen blieb bis zum Abend aus.", []),
    ("Die Zeitung berichtet, viele Stellen sollen gestrichen werden.",
     [("indirect", "viele Stellen sollen gestrichen werden", "Die Zeitung", "berichtet")]),
    ("Die Polizei sagte, der Zugriff verlief ohne Zwischenfälle.",
     [("indirect", "der Zugriff verlief ohne Zwischenfälle", "Die Polizei", "sagte")]),
    ("Es wurde bestätigt, dass der Zugriff ohne Zwischenfälle verlief.",
     [("indirect", "dass der Zugriff ohne Zwischenfälle verlief", None, "bestätigt")]),
]


@pytest.mark.parametrize("text,expected", INDICATIVE_WITHOUT_SOURCE, ids=[c[0][:40] for c in INDICATIVE_WITHOUT_SOURCE])
def test_indicative_clause_after_an_agentless_passive_is_no_content(text, expected):
    assert rows_of(text) == expected


#: "sich befinden" (to be located) is no statement; "befinden" alone (to judge) is
def test_sich_befinden_is_no_reporting_verb():
    assert rows_of("Die Kaserne befindet sich direkt am Strand, so dass die Explosion deutlich zu hören war.") == []
    assert rows_of("Das Gericht befand, dass die Kündigung unwirksam sei.") == [
        ("indirect", "dass die Kündigung unwirksam sei", "Das Gericht", "befand")]


#: "In <document>, <relative clause>, heißt es, …": the fronted phrase names the source and the content
#: follows the cue (the phrase before "heißt es" is no postposed content when it has no main clause)
FRONTED_HEISST_ES = [
    ("In dem Gutachten, das am Montag veröffentlicht wurde, heißt es, die Brücke sei nicht mehr sicher.",
     [("according_to", "die Brücke sei nicht mehr sicher", "dem Gutachten", "heißt es")]),
    ("Die Brücke sei nicht mehr sicher, heißt es in dem Gutachten.",
     [("according_to", "Die Brücke sei nicht mehr sicher", "dem Gutachten", "heißt es")]),
]


@pytest.mark.parametrize("text,expected", FRONTED_HEISST_ES, ids=[c[0][:40] for c in FRONTED_HEISST_ES])
def test_fronted_phrase_before_heisst_es(text, expected):
    assert rows_of(text) == expected


#: content before a postposed cue may open with a subordinate clause or carry a relative clause after its
#: subject when a main clause follows it; a subject with a relative clause before its own verb is no content
CONTENT_WITH_SUBCLAUSE = [
    ("Weil die Kosten steigen, werde die Firma die Preise erhöhen, sagte der Sprecher.",
     [("indirect", "Weil die Kosten steigen, werde die Firma die Preise erhöhen", "der Sprecher", "sagte")]),
    ("Die Lage, die sich seit Tagen zuspitzt, bleibe angespannt, sagte der Minister.",
     [("indirect", "Die Lage, die sich seit Tagen zuspitzt, bleibe angespannt", "der Minister", "sagte")]),
    ("Der Minister, der seit 2019 im Amt ist, erklärte, die Lage sei ruhig.",
     [("indirect", "die Lage sei ruhig", "Der Minister", "erklärte")]),
]


@pytest.mark.parametrize("text,expected", CONTENT_WITH_SUBCLAUSE, ids=[c[0][:40] for c in CONTENT_WITH_SUBCLAUSE])
def test_postposed_cue_after_content_with_a_subordinate_clause(text, expected):
    assert rows_of(text) == expected
