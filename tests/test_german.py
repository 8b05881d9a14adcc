"""Shared language facts: STTS tag sets, quotation marks and spans, Konjunktiv."""

from __future__ import annotations

from medialens import german


def test_quotation_spans_multi_sentence_and_unbalanced():
    text = "Er sagte: „Erstens. Zweitens.“ Dann »kurz« und „offen\n\nneu“."
    spans = german.quotation_spans(text)
    assert [text[a:b] for a, b in spans] == ["„Erstens. Zweitens.“", "»kurz«"]


def test_every_closing_mark_is_a_quotation_mark():
    for opener, closers in german.QUOTE_PAIRS.items():
        assert opener in german.QUOTE_MARKS and set(closers) <= german.QUOTE_MARKS


def test_konjunktiv_one_list_and_one_rule():
    forms = german.konjunktiv_forms()
    assert {"sei", "seien", "seist", "habe"} <= forms.k1 and {"hätte", "würden"} <= forms.k2
    assert german.konjunktiv_mood("sei", "sein", "VAFIN") == 1
    assert german.konjunktiv_mood("unterstütze", "unterstützen", "VVFIN") == 1
    assert german.konjunktiv_mood("handle", "handeln", "VVFIN") == 1
    assert german.konjunktiv_mood("kündige", "ankündigen", "VVFIN") == 1  # separable verb
    assert german.konjunktiv_mood("hätten", "haben", "VAFIN") == 2
    assert german.konjunktiv_mood("unterstützt", "unterstützen", "VVFIN") == 0
    assert german.konjunktiv_mood("sei", "sein", "NN") == 0  # only finite verbs


def test_framing_and_attribution_read_konjunktiv_the_same_way():
    """Before issue 16 framing missed "handle" (Konjunktiv I of handeln) that attribution found."""
    from medialens import framing, nlp

    doc = nlp.process("k", "Ein Sprecher sagte, die Regierung handle im Interesse aller Bürger.", cache=False)
    handle = next(t for t in doc.tokens if t.text == "handle")
    assert german.konjunktiv_mood(handle.text, handle.lemma, handle.pos) == 1
    markers = [m for m in framing.annotate_document(doc).distancing if m.marker == "konjunktiv1"]
    assert [m.matched for m in markers] == ["handle"]
