"""The fast pipeline: tokeniser and sentence splitter against SoMaJo, the tagger against HanTa, the
persistent word store, compound heads, and switching pipelines (sentences written for these tests)."""

from __future__ import annotations

import pytest

from medialens import config, nlp
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


def _somajo_chunk(context: str, chunk: str) -> list[tuple[int, int]] | None:
    """SoMaJo's token spans of ``chunk`` (its first occurrence in ``context``), or ``None`` when SoMaJo
    calls one of them an emoticon (the sentence splitter reads that class)."""
    a = context.index(chunk)
    toks = tokenizer.somajo_tokens(context, [(a, a + len(chunk))], nlp._sentence_splitter(), [(0, len(context))])
    if any(cls == "emoticon" for *_, cls in toks):
        return None
    return [(s - a, e - a) for s, e, _ in toks]


@pytest.mark.parametrize("context, chunk", [
    ("Astana – die Hauptstadt", "–"), ("Nord - Süd", "-"), ("Müller & Söhne", "&"),
    ("rund 10.000 Menschen", "10.000"), ("über 2.500.000,", "2.500.000,"), ("„1.200“ Festnahmen", "„1.200“"),
    ("3,5 Prozent", "3,5"), ("um 3,5 km", "3,5"), ("ab 21.00 Uhr", "21.00"), ("(227,5 Punkte)", "(227,5"),
    ("der 20-Jährige sagte", "20-Jährige"), ("die 90er-Jahre", "90er-Jahre"),
    ("beim G20-Gipfel", "G20-Gipfel"), ("der CO2-Ausstoß", "CO2-Ausstoß"), ("die U5 fährt", "U5"),
    ("Ein- und Ausreise", "Ein-"), ("Polizei- oder Armeeeinheiten", "Polizei-"),
])
def test_chunks_decided_without_somajo_equal_somajo(context, chunk):
    assert tokenizer._split_plain(chunk, 0) is None  # once a hard chunk
    assert tokenizer._split_whole(chunk, 0) == _somajo_chunk(context, chunk)


@pytest.mark.parametrize("context, chunk", [
    ("ab 20:15 min", "20:15"), ("Saison 2021/22 km", "2021/22"), ("Endstand 3:0 für", "3:0"),  # context decides
    ("Gruppe (G8) traf", "(G8)"), ("nur 1,8) und", "1,8)"),  # "8)" is an emoticon to SoMaJo
    ("das 5G-Netz", "5G-Netz"), ("am 10.000.", "10.000."), ("die CDU/CSU sagte", "CDU/CSU"),
])
def test_chunks_somajo_decides_stay_with_somajo(context, chunk):
    assert tokenizer.split_chunk(chunk, 0) is None


@pytest.mark.skipif(not (config.EVAL_DIR / "corpus-10kgnad-test.csv").exists(), reason="eval data not present")
def test_whole_chunks_of_real_articles_equal_somajo():
    """Every chunk of the first 10kGNAD test articles that this module decides and SoMaJo once decided,
    tokenised as SoMaJo tokenises it with its neighbours (the rules hold in any context)."""
    from medialens.bench import tenkgnad_options
    from medialens.corpus.load import load_corpus

    articles, _ = load_corpus(config.EVAL_DIR / "corpus-10kgnad-test.csv", csv_options=tenkgnad_options())
    checked = 0
    for text in articles["text"].iloc[:300]:
        chunks = [(m.start(), m.end()) for m in tokenizer._CHUNK.finditer(text)]
        for k, (a, b) in enumerate(chunks):
            spans = tokenizer._split_whole(text[a:b], 0) if tokenizer._split_plain(text[a:b], 0) is None else None
            if spans is not None:
                context = text[chunks[max(k - 1, 0)][0] : chunks[min(k + 1, len(chunks) - 1)][1]]
                assert spans == _somajo_chunk(context, text[a:b]), context
                checked += 1
    assert checked > 1_000


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
