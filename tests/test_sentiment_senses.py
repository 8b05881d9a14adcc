"""Word senses and news idiom of the news scorer, sentence by sentence (sentences written for medialens).

Each rule of ``data/lexicons/sentiment/senses.tsv``, ``change_words.tsv``/``change_themes.tsv``,
``reversers.txt`` and ``descriptive.txt`` is checked on a sentence where it applies and on one where
the other sense holds.
"""

from __future__ import annotations

import pytest

from medialens import nlp
from medialens import sentiment as sent


def score(text: str) -> sent.SentimentScore:
    return sent.score_tokens(nlp.process("t", text, cache=False).tokens)


def contribution(text: str, word: str) -> float:
    """Summed contribution of the driver(s) whose display word contains ``word`` (0 if none)."""
    return sum(d.contribution for d in score(text).drivers if word in d.word)


# ------------------------------------------------------------------------------------- senses.tsv


@pytest.mark.parametrize(
    "text, word",
    [
        ("Russland hätte Friedenstruppen geschickt.", "geschickt"),
        ("Die Regierung hat weitere Soldaten in die Hauptstadt geschickt.", "geschickt"),
        ("Die Verletzten wurden in ein Krankenhaus geschickt.", "geschickt"),
        ("Die Opposition hat sich mit einem Brief an die Vereinten Nationen gewandt.", "gewandt"),
        ("Die Festgenommenen wurden am Abend wieder frei gelassen.", "gelassen"),
        ("Der mutmaßliche Täter wurde am Bahnhof gefasst.", "gefasst"),
        ("Die Truppen sollen das Land bis Ende der Woche verlassen.", "verlassen"),
        ("Die Proteste entzündeten sich an den gestiegenen Gaspreisen.", "entzündeten"),
        ("Bei der Versteigerung wurden zwei Millionen Euro erlöst.", "erlöst"),
        ("Übereinstimmenden Berichten zufolge traf der Minister in Moskau ein.", "Übereinstimmenden"),
        ("Zwei Zeugen schilderten übereinstimmend den Ablauf des Abends.", "übereinstimmend"),
        ("Der Stürmer schoss in der Nachspielzeit das Tor zum 2:1.", "schoss"),
        ("Im Angriff fehlte der Mannschaft gegen den Tabellenführer die Idee.", "Angriff"),
        ("Die Vermittler haben eine wichtige Rolle gespielt.", "gespielt"),
        ("Der Einsatz der Truppen bleibt auf den Flughafen beschränkt.", "beschränkt"),
        ("Seit dem Ausbruch der Proteste sind zwei Wochen vergangen.", "Ausbruch"),
    ],
)
def test_participle_verb_and_idiom_senses_carry_no_tone(text, word):
    assert contribution(text, word) == 0.0


@pytest.mark.parametrize(
    "text, word",
    [
        ("Der geschickte Unterhändler erreichte einen Kompromiss.", "geschickte"),
        ("Die Ministerin hat geschickt verhandelt.", "geschickt"),
        ("Die verlassenen Dörfer an der Grenze sind leer.", "verlassenen"),
    ],
)
def test_adjective_senses_keep_their_tone(text, word):
    value = contribution(text, word)
    assert value != 0.0
    assert (value > 0) == word.startswith("geschickt")


def test_positive_test_result_is_bad_news():
    assert contribution("Der Minister wurde positiv auf das Coronavirus getestet.", "positiv") < 0
    assert contribution("Der Minister wurde negativ auf das Coronavirus getestet.", "negativ") > 0
    assert contribution("Die Bilanz des Jahres fiel positiv aus.", "positiv") > 0


def test_explosion_of_prices_is_adverse_without_a_blast():
    assert contribution("Die Explosion der Energiepreise trifft Familien.", "Explosion") == pytest.approx(-0.4)


def test_verantwortung_for_violence_is_blame_not_virtue():
    assert contribution("Die Regierung trägt die Verantwortung für die Gewalt.", "Verantwortung") == 0.0
    assert contribution("Wer zu Gewalt aufruft, wird zur Verantwortung gezogen.", "Verantwortung") < 0
    assert contribution("Sie zeigte in der Krise viel Verantwortung.", "Verantwortung") > 0


def test_weakness_is_not_praise():
    assert contribution("Viele deuten das Schweigen als Zeichen der Schwäche.", "Schwäche") < 0


def test_propaganda_is_a_charge():
    assert contribution("Die Opposition nannte die Rede reine Propaganda.", "Propaganda") < 0


# ---------------------------------------------------------------------------------- change words


@pytest.mark.parametrize(
    "text, word, sign",
    [
        ("Eine starke Erhöhung der Treibstoffpreise löste Proteste aus.", "Erhöhung", -1),
        ("Die Regierung beschloss eine Erhöhung der Renten.", "Erhöhung", 1),
        ("Die Preiserhöhung trifft vor allem Rentner.", "Preiserhöhung", -1),
        ("Die Löhne stiegen im vergangenen Jahr um drei Prozent.", "stiegen", 1),
        ("Die Mieten stiegen im vergangenen Jahr um drei Prozent.", "stiegen", -1),
        ("Die Zahl der Neuinfektionen ging deutlich zurück.", "ging", 1),
        ("Die Exporte gingen deutlich zurück.", "gingen", -1),
        ("Der Rückgang der Arbeitslosigkeit überraschte die Fachleute.", "Rückgang", 1),
    ],
)
def test_rise_and_fall_take_their_tone_from_what_changes(text, word, sign):
    value = contribution(text, word)
    assert value * sign > 0


def test_change_without_a_listed_theme_has_no_tone():
    assert contribution("Die Erhöhung des Zauns dauerte zwei Tage.", "Erhöhung") == 0.0


def test_the_theme_word_loses_its_own_tone():
    # "Inflation" alone is adverse; in "Rückgang der Inflation" only the (good) fall counts
    drivers = {d.word: d.contribution for d in score("Der Rückgang der Inflation entlastet die Haushalte.").drivers}
    assert "Inflation" not in drivers
    assert drivers["Rückgang"] > 0


# ------------------------------------------------------------------------------------- reversers


@pytest.mark.parametrize(
    "text",
    [
        "Die Truppen haben ein Blutvergießen verhindert.",
        "Die Polizei konnte eine Katastrophe in letzter Minute abwenden.",
        "Die Regierung will die Korruption entschlossen bekämpfen.",
        "Der Kampf gegen die Armut bleibt das wichtigste Ziel.",
        "Das schnelle Eingreifen hat verhindert, dass die Stadt im Chaos versinkt.",
    ],
)
def test_preventing_something_bad_is_not_bad(text):
    result = score(text)
    assert result.polarity > 0
    assert all(d.contribution > 0 for d in result.drivers)


def test_preventing_something_good_is_not_good():
    assert score("Die Hardliner haben eine Einigung verhindert.").polarity < 0


# ---------------------------------------------------------------------------------- descriptive


def test_reported_casualties_count_less_than_evaluative_words():
    reported = contribution("Bei dem Unglück gab es drei Tote.", "Tote")
    judged = contribution("Es war ein grausames Verbrechen.", "grausames")
    assert reported == pytest.approx(-1.0 * sent.DESCRIPTIVE_FACTOR)
    assert judged < reported


def test_descriptive_compound_heads_are_damped_too():
    assert contribution("Die Zahl der Verkehrstoten sank nicht.", "Verkehrstoten") != -1.0
