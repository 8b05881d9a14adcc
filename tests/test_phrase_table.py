"""The phrase table finds exactly what spaCy's PhraseMatcher found over a spaCy Doc (issue 17)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from medialens import nlp
from medialens.actors.lexicon import _words, gazetteer
from medialens.actors.rules.dictionary import _gazetteer_matcher
from medialens.actors.rules.phrase_table import PhraseTable
from medialens.corpus import load_demo_corpus


def test_every_occurrence_overlaps_and_shared_sequences_included():
    table = PhraseTable()
    table.add("A", [["Neue", "Zürcher", "Zeitung"], ["Zürcher"]])
    table.add("B", [["Zürcher", "Zeitung"], ["Zürcher"]])
    words = ["Die", "Neue", "Zürcher", "Zeitung", "und", "zürcher"]
    assert table(words) == [("A", 1, 4), ("A", 2, 3), ("B", 2, 3), ("B", 2, 4)]
    lower = PhraseTable(lower=True)
    lower.add(7, [["ZÜRCHER"]])
    assert lower(words) == [(7, 2, 3), (7, 5, 6)]
    assert table([]) == [] and len(table) == 3


@pytest.fixture(scope="module")
def demo_docs():
    articles, _ = load_demo_corpus()
    return [nlp.process(a, t, cache=False) for a, t in zip(articles["article_id"][:12], articles["text"][:12])]


def _spacy_gazetteer():
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    vocab = nlp.blank_german().vocab
    matcher = PhraseMatcher(vocab, attr="ORTH")
    by_label = defaultdict(list)
    for name, label in gazetteer().items():
        words = _words(name)
        by_label[label].append(Doc(vocab, words=words))
        last = words[-1]
        if last[-1].isalpha() and last[-1] not in "sxzß":
            by_label[label].append(Doc(vocab, words=words[:-1] + [last + "s"]))
    for label, docs in by_label.items():
        matcher.add(label, docs)
    return matcher


def test_gazetteer_table_matches_spacys_phrase_matcher(demo_docs):
    matcher, strings = _spacy_gazetteer(), nlp.blank_german().vocab.strings
    table = _gazetteer_matcher()
    hits = 0
    for doc in demo_docs:
        expected = [(strings[m], a, b) for m, a, b in matcher(doc.spacy_doc)]
        found = table([t.text for t in doc.tokens])
        assert sorted(found) == sorted(expected)
        hits += len(found)
    assert hits > 20
    # the one form two labels share: the label spaCy gave first comes first
    hamas = nlp.process("h", "Die Hamas griff an.", cache=False)
    assert [m[0] for m in table([t.text for t in hamas.tokens])] == [
        strings[m] for m, _, _ in matcher(hamas.spacy_doc)]


def test_lower_table_matches_spacys_lower_phrase_matcher(demo_docs):
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    vocab = nlp.blank_german().vocab
    matcher = PhraseMatcher(vocab, attr="LOWER")
    table = PhraseTable(lower=True)
    words = sorted({t.text for doc in demo_docs[:3] for t in doc.tokens if t.text.isalpha()})[:200]
    sequences = [[w] for w in words] + [list(p) for p in zip(words, words[1:])]
    matcher.add("K", [Doc(vocab, words=[w.lower() for w in s]) for s in sequences])
    table.add("K", [[w.lower() for w in s] for s in sequences])
    for doc in demo_docs:
        expected = sorted((a, b) for _, a, b in matcher(doc.spacy_doc))
        assert sorted((a, b) for _, a, b in table([t.text for t in doc.tokens])) == expected
