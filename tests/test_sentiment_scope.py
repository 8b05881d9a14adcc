"""Target scope: clauses, attachment weights and tone toward a target (sentences written for medialens)."""

from __future__ import annotations

import pandas as pd
import pytest

from medialens import nlp
from medialens import sentiment as sent
from medialens.sentiment import scope


def doc_of(text: str) -> nlp.Document:
    return nlp.process("t", text, cache=False)


def toward(text: str, target: str, occurrence: int = 0) -> sent.SentimentScore:
    doc = doc_of(text)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(target, start + 1)
    return sent.score_toward(doc, start, start + len(target))


def clause_texts(text: str) -> list[tuple[str, str]]:
    doc = doc_of(text)
    return [(c.kind, " ".join(t.text for t in doc.tokens[c.start : c.end])) for c in scope.clauses(doc.tokens)]


def test_clauses_cut_at_subordinators_relatives_and_new_finite_verbs():
    parts = clause_texts("Er sagte, dass die Lage ruhig sei, und die Regierung trat zurück, die lange zögerte.")
    assert [kind for kind, _ in parts] == ["main", "subordinate", "main", "relative"]
    assert parts[1][1].startswith("dass")


def test_verbless_pieces_join_their_clause():
    parts = clause_texts("Tokajew, der frühere Diplomat, sprach von Terroristen, Banditen und Plünderern.")
    assert len(parts) == 1


@pytest.mark.parametrize(
    "text, good, bad",
    [
        ("Die Helfer retteten viele Menschen, während die Plünderer Geschäfte zerstörten.", "Helfer", "Plünderer"),
        ("Die Regierung lobte die friedlichen Demonstranten, die Polizei dagegen ging brutal gegen sie vor.",
         "Demonstranten", "Polizei"),
        ("Die Opposition feierte ihren erfolgreichen Kandidaten, der Amtsinhaber dagegen gilt als gescheitert.",
         "Kandidaten", "Amtsinhaber"),
    ],
)
def test_same_sentence_two_targets_opposite_tones(text, good, bad):
    assert toward(text, good).label == "positive"
    assert toward(text, bad).label == "negative"
    # the sentence tone is one number for both
    assert sent.score_tokens(doc_of(text).tokens).polarity == sent.score_tokens(doc_of(text).tokens).polarity


def test_attached_adjective_and_apposition_count_fully():
    text = "Der Bürgermeister, ein beliebter und erfahrener Politiker, verurteilte die brutalen Angreifer."
    mayor, attackers = toward(text, "Bürgermeister"), toward(text, "Angreifer")
    assert mayor.polarity > attackers.polarity
    assert attackers.label == "negative"


def test_a_target_only_placed_by_a_preposition_gets_half_its_clause():
    doc = doc_of("In Almaty kam es zu schweren Ausschreitungen.")
    weights = scope.target_weights(doc.tokens, 1, 1, frozenset({"gegen"}))
    assert weights[1] == 1.0 and max(weights[2:]) == scope.ADJUNCT_WEIGHT


def test_a_tying_preposition_keeps_the_clause():
    lex = sent.load_lexicon()
    doc = doc_of("Es gab heftige Proteste gegen die Regierung.")
    k = [t.text for t in doc.tokens].index("Regierung")
    weights = scope.target_weights(doc.tokens, k, k, lex.tie_prepositions)
    words = [t.text for t in doc.tokens]
    assert weights[words.index("Proteste")] == weights[words.index("heftige")] == 1.0
    assert toward("Es gab heftige Proteste gegen die Regierung.", "Regierung").polarity < 0


def test_negation_keeps_its_scope_inside_target_tone():
    assert toward("Die Armee hat die Lage nicht unter Kontrolle.", "Armee").polarity < 0


def test_target_span_without_tokens_is_an_error():
    doc = doc_of("Ein Satz.")
    with pytest.raises(ValueError):
        sent.score_toward(doc, 100, 105)


def test_target_rows_score_each_actor_once_per_sentence_toward_itself():
    text = "Die Helfer retteten viele Menschen, während die Plünderer Geschäfte zerstörten. Die Helfer blieben."
    doc = nlp.process("a1", text, cache=False)
    spans = [(text.index("Helfer"), "helpers"), (text.index("Plünderer"), "looters"),
             (text.rindex("Helfer"), "helpers")]
    mentions = pd.DataFrame({"article_id": ["a1"] * 3, "start": [s for s, _ in spans],
                             "end": [s + len(text[s:].split()[0]) for s, _ in spans],
                             "actor_id": [a for _, a in spans], "actor_type": ["group"] * 3})
    mentions = pd.concat([mentions, mentions.iloc[[0]]], ignore_index=True)  # the same mention twice
    out = sent.annotate_documents([doc], pd.DataFrame({"article_id": ["a1"]}), {"mentions": mentions})
    rows = out["target_tone"]
    assert list(rows.columns) == sent.TARGET_TONE_COLUMNS
    assert rows[["sentence_index", "target"]].values.tolist() == [[0, "helpers"], [0, "looters"], [1, "helpers"]]
    first = rows.set_index(["sentence_index", "target"])
    assert first.loc[(0, "helpers"), "label"] == "positive"
    assert first.loc[(0, "looters"), "label"] == "negative"
    sentences = nlp.sentences_frame([doc])
    articles = pd.DataFrame({"article_id": ["a1"], "outlet": ["Beispielblatt"], "outlet_type": ["independent"]})
    actors = sent.actor_tone(rows, mentions, sentences, articles)
    assert {"actor_id", "actor_type", "sentence_text", "outlet_type"} <= set(actors.columns)
    assert actors["sentence_text"].iloc[0].startswith("Die Helfer retteten")


def test_target_rows_reject_unknown_articles_and_missing_columns():
    doc = nlp.process("a1", "Ein Satz.", cache=False)
    with pytest.raises(ValueError, match="not among"):
        sent.target_rows([doc], pd.DataFrame({"article_id": ["b"], "start": [0], "end": [3], "actor_id": ["x"]}),
                         kind="actor", id_column="actor_id")
    with pytest.raises(ValueError, match="lacks columns"):
        sent.target_rows([doc], pd.DataFrame({"article_id": ["a1"]}), kind="actor", id_column="actor_id")


def test_target_tone_covers_framing_referents():
    """The sentiment step scores tone toward framing's referent labels as well as toward actors."""
    from medialens.annotate import pipeline
    from medialens.nlp import process

    text = ("Die friedlichen Demonstranten forderten niedrigere Preise. "
            "Die Regierung nannte sie gefährliche Terroristen.")
    doc = process("t1", text, cache=False)
    import pandas as pd

    articles = pd.DataFrame({"article_id": ["t1"], "outlet": ["x"], "outlet_type": ["unknown"], "country": [None],
                             "date": [None], "text": [text]})
    tables = pipeline.annotate_documents([doc], articles)
    referents = tables["target_tone"][tables["target_tone"]["target_kind"] == "referent"]
    # bare "Die Regierung" speaking for the state is framing's state power (CODEBOOK.md 3.2, issue 13 second round)
    assert set(referents["target"]) == {"people", "state_power"}
    assert (referents["target"] == "people").sum() == 2  # one row per sentence naming the people
