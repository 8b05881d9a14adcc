"""The learned name layer (medialens.actors.learned): decoding, fitting, the model file.

Sentences and features here are written for the tests; no GermEval text.
"""

from __future__ import annotations

from medialens import actors, nlp
from medialens.actors import learned
from medialens.actors.rules.names import rule_spans


def _index(label: str) -> int:
    return learned.LABELS.index(label)


def test_decode_never_opens_with_inside_label():
    # the emissions prefer I-PER everywhere; BIO allows it only after B-PER / I-PER
    weights = {"w": [0.0] * len(learned.LABELS)}
    weights["w"][_index("I-PER")] = 2.0
    weights["w"][_index("B-PER")] = 1.0
    path = learned.LinearTagger(weights, {}).decode([["w"], ["w"], ["w"]])
    assert [learned.LABELS[j] for j in path] == ["B-PER", "I-PER", "I-PER"]
    assert learned.label_spans(path, offset=5) == [(5, 8, "PER")]


def _toy_examples() -> list:
    # "cap" words after "herr" are persons, "cap" words after "in" are places, the rest is O
    sentences = [
        (["herr", "cap", "kam"], ["O", "B-PER", "O"]),
        (["in", "cap", "regnet"], ["O", "B-LOC", "O"]),
        (["herr", "cap", "cap", "ging"], ["O", "B-PER", "I-PER", "O"]),
        (["wir", "fuhren", "in", "cap"], ["O", "O", "O", "B-LOC"]),
    ] * 3
    out = []
    for words, tags in sentences:
        feats = [[f"w={w}", f"w-1={words[k - 1] if k else '<s>'}"] for k, w in enumerate(words)]
        out.append((feats, [_index(t) for t in tags]))
    return out


def test_fit_is_deterministic_and_learns_the_context():
    examples = _toy_examples()
    first, second = learned.fit(examples, c=10.0, min_count=1), learned.fit(examples, c=10.0, min_count=1)
    assert first.weights == second.weights
    feats = [["w=in", "w-1=<s>"], ["w=cap", "w-1=in"], ["w=und", "w-1=cap"], ["w=herr", "w-1=und"], ["w=cap", "w-1=herr"]]
    labels = [learned.LABELS[j] for j in first.decode(feats)]
    assert labels == ["O", "B-LOC", "O", "O", "B-PER"]


def test_model_file_round_trip(tmp_path):
    model = learned.fit(_toy_examples(), c=1.0, min_count=1)
    path = tmp_path / "model.json"
    learned.save_model(model, path, {"note": "toy"})
    loaded = learned.load_model(str(path))
    assert loaded.weights == model.weights and loaded.transitions == model.transitions
    assert learned.load_model(str(tmp_path / "missing.json")) is None


def test_relabel_keeps_the_rules_cue_for_the_same_span():
    doc = nlp.process("t", "Die Ärztin Jelena Baranowa fuhr nach Pawlodar.", cache=False)
    spans, untyped = rule_spans(doc, actors.load_actors())
    # a model that has learned nothing but to copy the rules' labels
    weights = {f"r={label}": [5.0 * (j == i) for j in range(len(learned.LABELS))] for i, label in enumerate(learned.LABELS)}
    out = learned.relabel(doc, spans, untyped, learned.LinearTagger(weights, {}))
    assert [(s.start, s.end, s.label, s.cue) for s in out] == [(s.start, s.end, s.label, s.cue) for s in spans]


def test_token_features_name_the_rules_answer():
    doc = nlp.process("t", "Der Konvoi fuhr nach Sindelfingen.", cache=False)
    spans, untyped = rule_spans(doc, actors.load_actors())
    feats = learned.token_features(doc, spans, untyped)
    k = next(t.i for t in doc.tokens if t.text == "Sindelfingen")
    assert "r=B-LOC" in feats[k] and "w-1=nach" in feats[k] and len(feats) == len(doc.tokens)
