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


def test_a_100k_character_token_is_not_analysed_and_finishes_in_seconds():
    """Issue 18: HanTa's analysis of one word grows with the square of its length (1,200 chars: 11 s)."""
    import time

    blob = "QmFzZTY0" * 12_500  # 100,000 characters, as a pasted base64 image
    text = f"Die Regierung sagte, die Lage sei ruhig. Ein Bild: {blob} folgt. Der Minister trat zurück."
    t0 = time.perf_counter()
    doc = nlp.process("blob", text, cache=False)
    assert time.perf_counter() - t0 < 10
    (long,) = nlp.long_tokens(doc)
    assert (long.pos, long.lemma, len(long.text)) == ("XY", blob, 100_000)
    assert [t.pos for t in doc.tokens if t.text in ("Regierung", "Minister")] == ["NN", "NN"]
    stats = nlp.STEP.run([doc], None, {})["_stats"]
    assert stats["long_tokens"].tolist() == [1]


def test_annotation_time_is_linear_in_text_length():
    """A one-line article of 400,000 characters is annotated by every step in well under a minute
    (about 10 s on 2 cores); mention roles use an interval index, not a loop over all source spans."""
    import time

    import pandas as pd

    from medialens.annotate.pipeline import annotate_documents

    sentence = "Präsident Tokajew sagte am Mittwoch in Almaty, die Lage sei nach den Protesten wieder ruhig. "
    text = (sentence * (400_000 // len(sentence) + 1))[:400_000]
    articles = pd.DataFrame({"article_id": ["long"], "text": [text], "outlet_type": ["unknown"]})
    t0 = time.perf_counter()
    doc = nlp.process("long", text, cache=False)
    tables = annotate_documents([doc], articles)
    assert time.perf_counter() - t0 < 120  # generous: other sessions share the two cores
    assert len(tables["attributions"]) > 3000 and (tables["mentions"]["role"] == "source").sum() > 3000


def test_mention_roles_scale_to_many_mentions_and_sources():
    import time

    import pandas as pd

    from medialens.actors.roles import assign_roles

    n = 40_000
    mentions = pd.DataFrame({"article_id": ["a"] * n, "start": range(0, 10 * n, 10), "end": range(5, 10 * n + 5, 10)})
    sources = pd.DataFrame({"article_id": ["a"] * n, "source_start": range(3, 10 * n, 10),
                            "source_end": range(4, 10 * n, 10)})
    t0 = time.perf_counter()
    roles = assign_roles(mentions, sources)["role"]
    assert time.perf_counter() - t0 < 5 and (roles == "source").all()
    assert (assign_roles(mentions, sources.assign(source_start=sources["source_start"] + 3,
                                                  source_end=sources["source_end"] + 4))["role"] == "mentioned").all()


def test_a_long_paragraph_is_cut_after_sentence_ends():
    sentence = "Die Regierung sagte am Mittwoch, die Lage sei ruhig. "
    text = sentence * 30
    cuts = list(nlp.pieces(text, 0, len(text), limit=200))
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(b - a <= 200 for a, b in cuts) and all(x[1] == y[0] for x, y in zip(cuts, cuts[1:]))
    assert all(text[a:b].startswith("Die Regierung") for a, b in cuts)
    assert list(nlp.pieces("x" * 450 + " y", 0, 452, limit=200)) == [(0, 451), (451, 452)]  # never inside a token


def test_somajo_never_gets_more_than_a_piece_of_a_one_line_article(monkeypatch):
    """SoMaJo's time grows faster than linearly with one paragraph (200,000 chars 2.9 s, 800,000 23 s, so a
    2-million-character one-line article took minutes); it now gets pieces of at most MAX_PIECE_CHARS."""
    from medialens.nlp import processing

    real = nlp._sentence_splitter()
    seen = []

    class Recording:
        def tokenize_text(self, paragraphs):
            seen.extend(len(p) for p in paragraphs)
            return real.tokenize_text(paragraphs)

    monkeypatch.setattr(processing, "_sentence_splitter", lambda: Recording())
    monkeypatch.setattr(processing, "MAX_PIECE_CHARS", 2_000)
    sentence = "Präsident Tokajew sagte am Mittwoch in Almaty, die Lage sei nach den Protesten wieder ruhig. "
    text = (sentence * 120).strip()
    with nlp.pipeline_used("exact"):  # the fast pipeline sends SoMaJo only chunks it cannot decide
        doc = nlp.process("long", text, cache=False)
    assert max(seen) <= 2_000 and sum(seen) <= len(text)
    assert [doc.sentence_text(s.index) for s in doc.sentences] == [sentence.strip()] * 120


def test_a_document_remembers_an_analysis_per_key():
    doc = nlp.document_from_words("Die Regierung tagte am Montag .".split())
    calls = []

    def compute():
        calls.append(1)
        return ("result",)

    anchor = object()
    assert doc.remember(("kind", id(anchor)), compute, anchor) == ("result",)
    assert doc.remember(("kind", id(anchor)), compute, anchor) == ("result",)
    assert doc.remember(("other",), compute) == ("result",)
    assert calls == [1, 1]
