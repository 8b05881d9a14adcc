"""The fast pipeline: tokeniser and sentence splitter against SoMaJo, the tagger against HanTa, the
persistent word store, compound heads, and switching pipelines (sentences written for these tests)."""

from __future__ import annotations

import pytest

from medialens import nlp
from medialens.nlp import processing, tokenizer, words
from medialens.nlp.tagger import Tagger

PARAGRAPHS = [
    "Die Regierung (in Astana) verhängte am 5. Januar den Ausnahmezustand. Danach blieb es ruhig!",
    "Der Sprecher sagte: „Wir prüfen das.“ Die Opposition widersprach z. B. im Parlament.",
    "Im Jahr 2013. Dann folgte der 14. Mai mit 3,5 Prozent Inflation – und 1.000 Festnahmen?!",
    "Die CDU-Politikerin traf Dr. Berg um 20:15 Uhr; das Ergebnis: 2:1 für die Gäste... Schluss.",
    "Mehr unter www.beispiel.de oder per Mail an presse@beispiel.de. Das Ministerium bestätigte es.",
    "„Nein“, sagte sie. ‚Vielleicht‘ – so hieß es. Die Verhandlungen gehen weiter.",
]


def somajo_sentences(text: str) -> list[list[tuple[int, int]]]:
    out = []
    for sent in nlp._sentence_splitter().tokenize_text([text]):
        spans = [t.character_offset for t in sent if t.character_offset[1] > t.character_offset[0]]
        if spans:
            out.append([tuple(s) for s in spans])
    return out


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_fast_tokens_and_sentences_equal_somajo(text):
    tokens = tokenizer.tokenize(text, 0, len(text), nlp._sentence_splitter)
    sentences = [[(a, b) for a, b, _ in tokens[s:e]] for s, e in tokenizer.sentence_ranges(text, tokens)]
    assert sentences == somajo_sentences(text)


def test_plain_chunks_never_reach_somajo():
    calls = []

    def splitter():
        calls.append(1)
        return nlp._sentence_splitter()

    text = "Die Regierung verhängte den Ausnahmezustand, sagte der Sprecher. „Die Lage ist ruhig.“"
    tokenizer.tokenize(text, 0, len(text), splitter)
    assert calls == []
    tokenizer.tokenize("Das war z. B. so.", 0, 17, splitter)  # an abbreviation: SoMaJo decides
    assert calls == [1]


def test_a_huge_chunk_is_one_token_without_somajo():
    blob = "x" * (tokenizer.MAX_CHUNK_CHARS + 1)
    assert tokenizer.tokenize(f"Ein {blob} Ende", 0, len(blob) + 9, lambda: None)[1][:2] == (4, 4 + len(blob))


def test_fast_tagger_without_compounds_equals_hanta():
    plain = nlp._plain_tagger()
    tagger = Tagger(approximate=False)
    for text in PARAGRAPHS:
        for sent in somajo_sentences(text):
            sent_words = [text[a:b] for a, b in sent]
            assert tagger.tag_sent(sent_words) == plain.tag_sent(sent_words, taglevel=1)


def test_compound_head_stands_for_an_unknown_compound():
    tagger = Tagger(approximate=True, known=frozenset({"erhöhungen", "regierung", "gaspreis"}))
    assert tagger.head("gaspreiserhöhungen") == ("gaspreis", "erhöhungen")
    assert tagger.head("regierung") is None  # known forms are analysed, never approximated
    (word, lemma, tag), = tagger.tag_sent(["Gaspreiserhöhungen"])
    assert (tag, lemma) == ("NN", "Gaspreiserhöhung")


def test_only_noun_heads_stand_for_a_word():
    tagger = Tagger(approximate=True, known=frozenset({"packt"}))
    assert tagger.head("abgepackt") is None  # a verb form: HanTa analyses it


def test_word_store_round_trip_is_exact(tmp_path):
    store = words.WordStore(tmp_path / "w.sqlite")
    result = [(12, -3.141592653589793), (40, -1e-300)]
    store.put({"wort": result}, {("wort", 12): ("Wort", "NN")})
    again = words.WordStore(tmp_path / "w.sqlite", writable=False)
    assert again.forward(["wort", "fehlt"]) == {"wort": result}
    assert again.lemmas([("wort", 12), ("wort", 13)]) == {("wort", 12): ("Wort", "NN")}


def test_word_analyses_are_persisted_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALENS_WORDS", str(tmp_path))
    processing.reset_tagger_memo()
    try:
        text = "Die Wahlkampfrednerin sprach lange. Der Zuhörerschwund war groß."
        first = nlp.process("a", text, cache=False)
        nlp.flush_words()
        stored = processing.word_stores()[1].counts()
        assert stored[0] > 0 and stored[1] > 0
        processing.reset_tagger_memo()
        again = nlp.process("a", text, cache=False)
        assert again.tokens == first.tokens
    finally:
        processing.reset_tagger_memo()


def test_pipelines_have_their_own_versions_and_cache(tmp_path):
    text = "Die Regierung verhängte den Ausnahmezustand."
    fast = nlp.process("a", text, cache=tmp_path)
    with nlp.pipeline_used("exact"):
        assert nlp.PIPELINE_VERSION == nlp.VERSIONS["exact"]
        exact = nlp.process("a", text, cache=tmp_path)
    assert nlp.PIPELINE_VERSION == nlp.VERSIONS["fast"] != nlp.VERSIONS["exact"]
    assert {p.parent.parent.name for p in tmp_path.rglob("*.parquet")} == set(nlp.VERSIONS.values())
    assert [t.text for t in fast.tokens] == [t.text for t in exact.tokens]
