"""The learned scorer and the evaluation's grouping, folds and intervals (own sentences and synthetic items)."""

from __future__ import annotations

import numpy as np
import pytest

from medialens import nlp
from medialens.evaluation import sentiment as ev
from medialens.sentiment import learned

TRAIN = [
    ("Die Helfer retteten viele Menschen aus den Trümmern.", "Helfer", "positive"),
    ("Die Einigung wurde von allen Seiten begrüßt.", "Einigung", "positive"),
    ("Der Trainer lobte seine Mannschaft für den verdienten Sieg.", "Mannschaft", "positive"),
    ("Die Ärztin erhielt einen Preis für ihre hervorragende Arbeit.", "Ärztin", "positive"),
    ("Die Polizei ging brutal gegen friedliche Demonstranten vor.", "Polizei", "negative"),
    ("Der Konzern steht wegen Betrugs vor Gericht.", "Konzern", "negative"),
    ("Der Minister wurde für seine Lügen scharf kritisiert.", "Minister", "negative"),
    ("Die Angreifer zerstörten mehrere Geschäfte.", "Angreifer", "negative"),
    ("Der Ausschuss tagt am Dienstag im Rathaus.", "Ausschuss", "neutral"),
    ("Die Ministerin reiste am Montag nach Brüssel.", "Ministerin", "neutral"),
    ("Der Verein veröffentlichte den Spielplan für die neue Saison.", "Verein", "neutral"),
    ("Die Stadt liegt am Ufer eines großen Sees.", "Stadt", "neutral"),
]


def features(text: str, target: str):
    doc = nlp.process("t", text, cache=False)
    start = text.index(target)
    return learned.target_features(doc, start, start + len(target))


@pytest.fixture(scope="module")
def model():
    return learned.fit([features(t, g) for t, g, _ in TRAIN], [lab for _, _, lab in TRAIN], C=1.0, min_count=1)


def test_features_have_names_and_scope_terms():
    lex, terms = features("Die Polizei ging brutal gegen Demonstranten vor.", "Polizei")
    assert set(lex) == {f"lex:{name}" for name in learned.LEX_FEATURES}
    assert lex["lex:neg_sum"] < 0
    assert "lemma:brutal" in terms and "near:brutal" in terms
    assert "near:Polizei" not in terms  # the target itself is not its own context


def test_learned_model_separates_its_training_sentences(model):
    predictions = [model.predict(*features(t, g)) for t, g, _ in TRAIN]
    assert predictions == [lab for _, _, lab in TRAIN]
    probabilities = model.probabilities(*features(TRAIN[0][0], TRAIN[0][1]))
    assert probabilities.sum() == pytest.approx(1.0)


def test_each_prediction_is_explained_by_its_top_features(model):
    lex, terms = features("Die Angreifer zerstörten die Brücke.", "Angreifer")
    assert model.predict(lex, terms) == "negative"
    top = model.explain(lex, terms, k=3)
    assert 0 < len(top) <= 3
    assert all(push > 0 for _, push in top)
    assert [push for _, push in top] == sorted((push for _, push in top), reverse=True)
    assert top[0][0] in model.features


def test_fit_needs_every_label():
    examples = [features(t, g) for t, g, lab in TRAIN if lab != "neutral"]
    with pytest.raises(ValueError, match="every label"):
        learned.fit(examples, [lab for _, _, lab in TRAIN if lab != "neutral"])


def _item(k: int, text: str, target: str, label: str = "neutral") -> ev.GoldItem:
    return ev.GoldItem(str(k), text, target, 0, len(target), label)


def test_items_with_the_same_target_or_near_identical_text_share_a_group():
    boiler = " Um Inhalte anzuzeigen, brauchen wir Ihre Zustimmung zur Übermittlung Ihrer Daten an den Anbieter."
    items = [
        _item(0, "Ukraine meldet neue Angriffe.", "Ukraine"),
        _item(1, "ukraine erhält Hilfe.", "ukraine"),
        _item(2, "Berlin plant einen Neubau." + boiler, "Berlin"),
        _item(3, "Hamburg plant eine Brücke." + boiler, "Hamburg"),
        _item(4, "Wien feiert ein Fest.", "Wien"),
    ]
    groups = ev.item_groups(items)
    assert groups[0] == groups[1]
    assert groups[2] == groups[3]
    assert len({groups[0], groups[2], groups[4]}) == 3


def test_grouped_folds_never_split_a_group():
    items = [_item(k, f"Satz Nummer {k} über das Thema.", f"Ziel{k % 7}", ["negative", "neutral", "positive"][k % 3])
             for k in range(60)]
    folds = ev.grouped_folds(items, k=5)
    groups = ev.item_groups(items)
    for group in set(groups):
        assert len({folds[i] for i, g in enumerate(groups) if g == group}) == 1
    assert set(folds.tolist()) == set(range(5))
    assert (folds == ev.grouped_folds(items, k=5)).all()  # deterministic


def test_bootstrap_intervals_contain_the_estimate_and_pair_scorers():
    rng = np.random.default_rng(1)
    labels = ["negative", "neutral", "positive"]
    gold = [labels[i] for i in rng.integers(0, 3, 300)]
    good = [g if rng.random() < 0.8 else labels[(labels.index(g) + 1) % 3] for g in gold]
    bad = [labels[i] for i in rng.integers(0, 3, 300)]
    ci = ev.bootstrap_macro_f1(gold, {"good": good, "bad": bad}, list(range(300)), pairs=[("good", "bad")])
    for name, pred in (("good", good), ("bad", bad)):
        low, high = ci[name]
        assert low <= ev.metrics(gold, pred)["macro_f1"] <= high
    assert ci["good - bad"][0] > 0
    folds = ev.fold_interval([0.4, 0.5, 0.45, 0.42, 0.48])
    assert folds["ci"][0] < folds["mean"] < folds["ci"][1]
