"""The fast word analyses of :mod:`medialens.nlp.morph` give HanTa's own results, word by word.

The words are written for these tests: invented compounds, names, numbers, hyphenated forms, short
and long words, inflected forms -- the kinds of forms outside HanTa's lexicon that news text brings.
"""

from __future__ import annotations

import pytest
from HanTa import HanoverTagger as ht

from medialens.nlp.morph import FastMorphology, _endings
from medialens.nlp.tagger import hanta_model

WORDS = [
    "gaspreiserhöhungen", "steppenstadtverwaltung", "protestwelle", "treibstoffpreisdeckel", "ölarbeiterstreik",
    "internetsperren", "ausgangssperrenverlängerung", "sicherheitsratsbeschluss", "friedenstruppenentsendung",
    "nurbekow", "karaganda", "schymkent", "jermekowa", "tokajews", "nasarbajews", "ust-kamenogorsk",
    "kasachstan-krise", "csto-truppen", "us-außenamt", "eu-sonderbeauftragter", "corona-maßnahmen",
    "1.000", "36,5", "2:1", "12.01.", "90er-jahre", "x", "ab", "zzz", "qwrtz", "…",
    "demonstrierenden", "festgenommenen", "unübersichtlichsten", "verhandlungsbereit", "hinausgezögert",
    "wiederaufgebaut", "regierungskritischer", "staatsnahen", "umzuformulieren", "auseinandergesetzt",
    "grenzübergangsstellen", "plünderungsvorwürfe", "energiepreisproteste", "hauptstadtflughafen",
]


@pytest.fixture(scope="module")
def pair():
    plain = ht.HanoverTagger("morphmodel_ger.pgz")  # a model of its own: nothing shared with the fast one
    return plain, FastMorphology.sharing(hanta_model())


@pytest.mark.parametrize("word", WORDS)
def test_forward_equals_hanta(pair, word):
    plain, fast = pair
    assert repr(fast.analyze_forward(word)) == repr(plain.analyze_forward(word))


@pytest.mark.parametrize("word", WORDS)
def test_lemma_and_path_equal_hanta_for_every_candidate_tag(pair, word):
    plain, fast = pair
    tags = [t for t, _ in plain.analyze_forward(word)][:6] + [plain.tag2int["NN"], plain.tag2int["NE"]]
    for tag in dict.fromkeys(tags):
        if tag > 3:  # a part of speech, not one of HanTa's markers
            assert fast.analyze_viterbi(word, -tag) == plain.analyze_viterbi(word, -tag), (word, tag)
            assert fast._analyze(word, tag, 1) == plain._analyze(word, tag, 1), (word, tag)


@pytest.mark.parametrize("word", ["protestwelle", "kasachstan-krise", "ab", "x", "36,5", "unübersichtlichsten"])
def test_every_morpheme_probability_equals_hantas(pair, word):
    """The rows the fast programmes read are HanTa's ``lp_m_t`` of each piece, strict and loose."""
    plain, fast = pair
    wlen = len(word)
    for strict in (True, False):
        guesses = {} if strict else fast._guesses
        tables = {tag: fast._guess_table(word, guesses[tag], _endings(word)) for tag in guesses}
        for i in range(wlen):
            known = fast._known_at(word, i)
            for tag in plain.LP_m_t:
                expected = [(j, lp) for j in range(i + 1, wlen + 1)
                            if (lp := plain.lp_m_t(word[i:j], tag, wlen, strict)) != float("-inf")]
                row = known.get(tag, []) if tag not in guesses else fast._guessed_row(
                    word, i, tables[tag], known.get(tag, []))
                assert [(j, lp) for j, lp in row if lp != float("-inf")] == expected, (word, i, tag, strict)


def test_the_loaded_model_is_left_unchanged():
    model = hanta_model()
    before = set(vars(model))
    FastMorphology.sharing(model).analyze_forward("steppenstadtverwaltung")
    assert set(vars(model)) == before
