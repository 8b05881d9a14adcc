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
