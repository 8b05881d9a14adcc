"""Fitting the learned name layer (:mod:`medialens.actors.learned`) on the ``tune`` half of GermEval 2014.

The GermEval sentences are processed as in
:func:`medialens.evaluation.ner.score_file`, the rules run *without* the learned layer, and every
document token gets its features and its gold BIO label (outer layer, PER/ORG/LOC; ``deriv``,
``part`` and OTH spans are ``O``). Only sentences of the ``tune`` half are used. The number of epochs
is chosen by 5-fold cross-validation inside ``tune`` (folds by the SHA-256 of the sentence text);
the ``test`` half is only scored, after fitting, to report. ``benchmarks/ner_learned.py`` prints the
figures and writes :data:`medialens.actors.learned.MODEL_FILE` only when the model beats the rules
on the ``test`` half.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import NamedTuple, Sequence

from medialens import stats
from medialens.actors import learned
from medialens.actors.rules.names import rule_spans
from medialens.actors.lexicon import load_actors
from medialens.actors.words import join_sentences
from medialens.evaluation.ner import CITATION, MAIN_TYPES, GoldSentence, score, split_of

#: Inverse regularisation strengths tried by the cross-validation inside ``tune``.
C_GRID = (0.01, 0.03, 0.1, 0.3)
FOLDS = 5


class Example(NamedTuple):
    """One document sentence: token features, gold label indices, its GermEval sentence and offset."""

    feats: list[list[str]]
    gold: list[int]
    sentence: int
    token_start: int


def examples(sentences: Sequence[GoldSentence], *, cache: bool | Path = True) -> tuple[object, list[Example]]:
    """Features and gold labels of every document sentence (the joined document and its examples)."""
    joined = join_sentences([s.tokens for s in sentences], cache=cache)
    doc = joined.doc
    spans, untyped = rule_spans(doc, load_actors())
    feats = learned.token_features(doc, spans, untyped)
    words = joined.word_of_token()
    gold_word = _gold_word_labels(sentences)
    gold = []
    for k, w in enumerate(words):
        tag = gold_word[w]
        inside = k > 0 and words[k - 1] == w  # a second token of one word continues its label
        gold.append(learned.LABELS.index("I-" + tag[2:] if inside and tag != "O" else tag))
    out = []
    for s in doc.sentences:
        index = bisect_right(joined.boundaries, words[s.token_start])
        out.append(Example(feats[s.token_start : s.token_end], gold[s.token_start : s.token_end], index, s.token_start))
    return joined, out


def _gold_word_labels(sentences: Sequence[GoldSentence]) -> list[str]:
    labels: list[str] = []
    for s in sentences:
        tags = ["O"] * len(s.tokens)
        for start, end, kind in s.spans:
            if kind in MAIN_TYPES:
                tags[start : end] = [f"B-{kind}"] + [f"I-{kind}"] * (end - start - 1)
        labels += tags
    return labels


def fold_of(sentence: GoldSentence) -> int:
    """The cross-validation fold of a ``tune`` sentence (SHA-256 of its text, another byte than the split)."""
    return int(stats.hash_split(" ".join(sentence.tokens), tuple(str(k) for k in range(FOLDS)), byte=1))


def predict(model: learned.LinearTagger, joined, items: Sequence[Example], spans) -> list[list[tuple[int, int, str]]]:
    """Word spans per GermEval sentence for the document sentences ``items`` (model output)."""
    found = [learned.NameSpan(a, b, t, "", "") for ex in items
             for a, b, t in learned.label_spans(model.decode(ex.feats), ex.token_start)]
    return joined.per_sentence(found + list(spans))


def cross_validate(sentences: Sequence[GoldSentence], joined, items: Sequence[Example], c: float) -> dict:
    """Micro/per-type scores over the ``tune`` half, each fold predicted by a model fitted on the others."""
    tune = [ex for ex in items if split_of(sentences[ex.sentence]) == "tune"]
    folds = {ex.sentence: fold_of(sentences[ex.sentence]) for ex in tune}
    predicted: dict[int, list] = {}
    for fold in range(FOLDS):
        model = learned.fit([(ex.feats, ex.gold) for ex in tune if folds[ex.sentence] != fold], c=c)
        held = [ex for ex in tune if folds[ex.sentence] == fold]
        per = predict(model, joined, held, [])
        for ex in held:
            predicted[ex.sentence] = per[ex.sentence]
    keep = sorted(predicted)
    return score([sentences[i].spans for i in keep], [predicted[i] for i in keep])


def _half(sentences: Sequence[GoldSentence], per_sentence, half: str) -> dict:
    keep = [i for i, s in enumerate(sentences) if split_of(s) == half]
    return score([sentences[i].spans for i in keep], [per_sentence[i] for i in keep])


def _f1(result: dict) -> dict:
    return {"micro": result["micro"]["f1"], **{t: result["per_type"][t]["f1"] for t in MAIN_TYPES}}


def fit_tune(sentences: Sequence[GoldSentence], *, cache: bool | Path = True) -> tuple[learned.LinearTagger, dict]:
    """Choose ``C`` by cross-validation inside ``tune`` and fit on all of ``tune``.

    Returns:
        The model and ``{"c": chosen, "cv": {C: F1 micro and per type}, "rules_tune": …, "held_out": …}``;
        ``held_out`` scores the rules and the model on the ``test`` half (reported, never used to choose).
    """
    joined, items = examples(sentences, cache=cache)
    cv = {str(c): _f1(cross_validate(sentences, joined, items, c)) for c in C_GRID}
    best = max(C_GRID, key=lambda c: (cv[str(c)]["micro"], -c))
    model = learned.fit([(ex.feats, ex.gold) for ex in items if split_of(sentences[ex.sentence]) == "tune"], c=best)
    rules = joined.per_sentence(rule_spans(joined.doc, load_actors())[0])
    test = [ex for ex in items if split_of(sentences[ex.sentence]) == "test"]
    summary = {
        "c": best, "folds": FOLDS, "cv": cv, "rules_tune": _f1(_half(sentences, rules, "tune")),
        "held_out": {"rules": _f1(_half(sentences, rules, "test")),
                     "learned": _f1(_half(sentences, predict(model, joined, test, []), "test"))},
        "fitted_on": "GermEval 2014 dev, tune half (SHA-256 split of medialens.evaluation.ner)",
        "citation": CITATION,
    }
    return model, summary
