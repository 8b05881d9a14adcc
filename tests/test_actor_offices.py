"""Date-aware offices (:mod:`medialens.actors.offices`): role lines of the actor dictionary point to the
office holder of the article's date. Every German sentence here was written for these tests."""

from __future__ import annotations

import json
from datetime import date

import pytest

from medialens import actors, nlp
from medialens.actors import offices
from medialens.actors.lexicon import _load_actors


def linked(text: str, date_: str | None) -> list[tuple[str, str]]:
    doc = nlp.process("t", text, cache=False)
    return [(m.surface, m.actor_id) for m in actors.extract_mentions(doc, date=date_) if m.link == "title"]


@pytest.mark.parametrize("period, answer", [
    ("2022-06", offices.INSIDE),
    ("2016-03-01", offices.OUTSIDE),
    ("2025-03", offices.OUTSIDE),
    ("2021-01", offices.UNDECIDED),  # the term starts within the month
    (None, offices.UNDECIDED),
])
def test_in_term_compares_the_article_period_with_the_term(period, answer):
    assert offices.in_term("2021-01-20", "2025-01-19", offices.article_period(period)) == answer


def test_article_period_reads_every_precision():
    assert offices.article_period("2016") == (date(2016, 1, 1), date(2016, 12, 31))
    assert offices.article_period("2016-02") == (date(2016, 2, 1), date(2016, 2, 29))
    assert offices.article_period("2016-02-03T10:00") == (date(2016, 2, 3), date(2016, 2, 3))
    assert offices.article_period("") is None and offices.article_period("gestern") is None


@pytest.mark.parametrize("text, date_, expected", [
    # a 2015-16 article: "der US-Präsident" is not the holder of a later term
    ("Der US-Präsident sagte am Montag, die Gespräche gingen weiter.", "2016-03-01", []),
    ("Der US-Präsident sagte am Montag, die Gespräche gingen weiter.", "2022-06-10", [("US-Präsident", "biden")]),
    ("Der Bundeskanzler sprach im Bundestag.", "2015-11", []),
    ("Der Bundeskanzler sprach im Bundestag.", "2023-02-01", [("Bundeskanzler", "scholz")]),
    # undated: only where the article names the holder
    ("Der US-Präsident sagte am Montag, die Gespräche gingen weiter.", None, []),
    ("Joe Biden reiste nach Berlin. Der US-Präsident sprach von Fortschritten.", None, [("US-Präsident", "biden")]),
])
def test_fixed_offices_depend_on_the_articles_date(text, date_, expected):
    assert linked(text, date_) == expected


def test_der_praesident_links_to_the_holder_of_that_date():
    text = "Nursultan Nasarbajew und Kassym-Schomart Tokajew trafen sich. Der Präsident dankte den Gästen."
    assert linked(text, "2015-05-01") == [("Präsident", "nasarbajew")]
    assert linked(text, "2022-01-10") == [("Präsident", "tokajew")]


def test_the_annotate_step_reads_the_article_date():
    import pandas as pd

    doc = nlp.process("a1", "Der US-Präsident sagte, die Gespräche gingen weiter.", cache=False)
    articles = pd.DataFrame({"article_id": ["a1"], "date": ["2016-03-01"]})
    assert actors.annotate_documents([doc], articles, {})["mentions"].empty
    articles["date"] = "2022-06-10"
    assert actors.annotate_documents([doc], articles, {})["mentions"]["actor_id"].tolist() == ["biden"]


def test_every_role_line_of_the_shipped_dictionary_has_a_term():
    dictionary = actors.load_actors()
    roles = [line for line in dictionary.lines if line.role]
    assert roles and all(line.valid_from for line in roles)


@pytest.mark.parametrize("extra, message", [
    ({"valid_from": "2020-13-01"}, "month must be"),
    ({"valid_from": "2020-01-01", "valid_to": "2019-01-01"}, "before valid_from"),
    ({"valid_from": "2020", "role": False}, "belong on role lines"),
])
def test_bad_terms_are_reported_with_file_and_line(tmp_path, extra, message):
    line = {"id": "x", "pattern": "Kanzler", "type": "person", "role": True, **extra}
    path = tmp_path / "actors.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        _load_actors(str(path))
