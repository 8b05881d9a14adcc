"""German pipeline: offsets, sentences, tags, lemmas and the cache."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medialens import nlp

TEXT = (
    "Präsident Tokajew sagte: „Die Ordnung ist wiederhergestellt.“ Das teilte das Präsidialamt mit.\n\n"
    "Telefonat mit Putin\n\n"
    "In Almaty – der größten Stadt – blieben die Geschäfte geschlossen. Die Zahl der Festnahmen stieg auf 4400."
)


@pytest.fixture(scope="module")
def doc():
    return nlp.process("t1", TEXT, cache=False)


def test_every_token_points_into_the_text(doc):
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)
    assert [t.i for t in doc.tokens] == list(range(len(doc.tokens)))


def test_sentences_and_paragraphs(doc):
    texts = [doc.sentence_text(s.index) for s in doc.sentences]
    assert texts == [
        "Präsident Tokajew sagte: „Die Ordnung ist wiederhergestellt.“",
        "Das teilte das Präsidialamt mit.",
        "Telefonat mit Putin",
        "In Almaty – der größten Stadt – blieben die Geschäfte geschlossen.",
        "Die Zahl der Festnahmen stieg auf 4400.",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1, 2, 2]
    assert doc.sentence_at(TEXT.index("Präsidialamt")) == 1


@pytest.mark.parametrize("word, pos, lemma", [
    ("Tokajew", "NE", "Tokajew"), ("sagte", "VVFIN", "sagen"), ("Festnahmen", "NN", "Festnahme"),
    ("teilte", "VVFIN", "teilen"), ("größten", "ADJA", "groß"), ("„", "$(", "„"),
])
def test_pos_and_lemma(doc, word, pos, lemma):
    token = next(t for t in doc.tokens if t.text == word)
    assert (token.pos, token.lemma) == (pos, lemma)


def test_spacy_doc_is_aligned(doc):
    sdoc = doc.spacy_doc
    assert [t.text for t in sdoc] == [t.text for t in doc.tokens]
    assert [t.tag_ for t in sdoc] == [t.pos for t in doc.tokens]
    assert [s.start for s in sdoc.sents] == [s.token_start for s in doc.sentences]


def test_cache_round_trip(tmp_path):
    first = nlp.process("a", TEXT, cache=tmp_path)
    files = list(tmp_path.rglob("*.parquet"))
    assert len(files) == 1 and nlp.text_hash(TEXT) in files[0].name
    again = nlp.process("a", TEXT, cache=tmp_path)
    assert again.tokens == first.tokens and again.sentences == first.sentences
    nlp.process("b", TEXT + " Neu.", cache=tmp_path)
    assert len(list(tmp_path.rglob("*.parquet"))) == 2


def test_paragraph_spans():
    assert list(nlp.paragraphs("  A b.\n\n\nC d.  \n \nE")) == [(2, 6), (9, 13), (18, 19)]


def test_rejects_non_text():
    with pytest.raises(ValueError, match="text must be a string"):
        nlp.process("x", None, cache=False)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200))
def test_offsets_hold_for_arbitrary_unicode(text):
    doc = nlp.process("h", text, cache=False)
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)
    assert all(s.start < s.end for s in doc.sentences)


def test_punctuation_tags(doc):
    tags = {t.text: t.pos for t in doc.tokens if not t.text.isalnum()}
    assert tags["„"] == "$(" and tags["–"] == "$(" and tags["."] == "$." and tags[":"] == "$."


def test_document_from_triples_needs_no_tagger():
    doc = nlp.document_from_triples(
        [("Er", "PPER", "er"), ("sagte", "VVFIN", "sagen"), (",", "$,", ","), ("sie", "PPER", "sie"),
         ("sei", "VAFIN", "sein"), ("da", "ADV", "da"), (".", "$.", "."), ("Gut", "ADJD", "gut"), (".", "$.", ".")],
        "Er sagte, sie sei da. Gut.", article_id="t")
    assert [t.pos for t in doc.tokens][:2] == ["PPER", "VVFIN"] and doc.tokens[4].lemma == "sein"
    assert [doc.sentence_text(s.index) for s in doc.sentences] == ["Er sagte, sie sei da.", "Gut."]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.tokens)
    table = nlp.sentences_frame([doc])
    assert list(table.columns) == nlp.SENTENCE_COLUMNS and table["text"].tolist()[1] == "Gut."
    with pytest.raises(ValueError, match="not found"):
        nlp.document_from_triples([("Sie", "PPER", "sie")], "Er kam.")
