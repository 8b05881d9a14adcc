"""Tests for medialens.sentiment and the GerNTSA evaluation reader (sentences written for the project)."""

from __future__ import annotations

import argparse
import json

import numpy as np
import pandas as pd
import pytest

from medialens.datafiles import data_rows
from medialens import nlp
from medialens import config, figures
from medialens import sentiment as sent
from medialens.figures.charts import sentiment as charts
from medialens.evaluation import sentiment as ev


def doc_of(text: str, article_id: str = "t") -> nlp.Document:
    return nlp.process(article_id, text, cache=False)


def score(text: str) -> sent.SentimentScore:
    return sent.score_tokens(doc_of(text).tokens)


def driver_map(result: sent.SentimentScore) -> dict[str, float]:
    return {d.word: d.contribution for d in result.drivers}


# ----------------------------------------------------------------------------- vocabulary


@pytest.mark.parametrize(
    "text, word, value",
    [
        ("Bei den Zusammenstößen gab es zahlreiche Tote.", "Tote", -1.0),
        ("Die Behörden meldeten Hunderte Festnahmen.", "Festnahmen", -0.7),
        ("Der Präsident erteilte einen Schießbefehl.", "Schießbefehl", -1.0),
        ("Seit Tagen gilt eine landesweite Internetsperre.", "Internetsperre", -0.7),
        ("Die Polizei nahm mehrere Journalisten fest.", "nahm fest", -0.6),
        ("Mindestens zwölf Menschen kamen ums Leben.", "ums Leben", -0.9),
        ("Die Energiekrise trifft vor allem Rentner.", "Energiekrise", -1.0),
        ("Die Menschen in Almaty sind erschüttert.", "erschüttert", -0.7),
    ],
)
def test_casualty_and_repression_vocabulary_is_negative(text, word, value):
    result = score(text)
    lemma = next(d.lemma for d in result.drivers if d.word == word)
    descriptive = sent.load_lexicon().is_descriptive(lemma)
    # reported events (descriptive.txt: Tote, Festnahme) count DESCRIPTIVE_FACTOR; the rest fully
    expected = value * (sent.DESCRIPTIVE_FACTOR if descriptive else 1.0)
    assert driver_map(result)[word] == pytest.approx(expected)
    assert result.polarity < 0
    if not descriptive:
        assert result.label == "negative"
        assert result.polarity < -0.5


@pytest.mark.parametrize(
    "text, word",
    [
        ("Die Lage in der Stadt ist wieder stabil.", "stabil"),
        ("Hilfslieferungen erreichten die Region.", "Hilfslieferungen"),
        ("Die Waffenruhe hält seit Sonntag.", "Waffenruhe"),
        ("Nach der Einigung wurde der Flughafen wiedereröffnet.", "wiedereröffnet"),
    ],
)
def test_stability_and_aid_vocabulary_is_positive(text, word):
    result = score(text)
    assert result.label == "positive"
    assert driver_map(result)[word] > 0


def test_baseline_sign_error_is_overridden_and_textblob_keeps_it():
    text = "Die Menschen in Almaty sind erschüttert."
    assert sent.textblob_polarity(text) > 0  # the documented baseline weakness
    assert score(text).polarity < 0


def test_suffix_lookalike_compounds_get_no_score():
    # "-schaft" must not match "Haft", "-helfer" not "Elfer"
    result = score("Die Mannschaft und die Wahlhelfer trafen sich in der Botschaft.")
    assert result.drivers == ()
    assert result.label == "neutral"


# ------------------------------------------------------------------------------- negation


@pytest.mark.parametrize(
    "plain, negated",
    [
        ("Es gab Gewalt.", "Es gab keine Gewalt."),
        ("Die Lage ist gefährlich.", "Die Lage ist nicht gefährlich."),
        ("Es gab Gewalt und Plünderungen.", "Es gab weder Gewalt noch Plünderungen."),
        ("Die Proteste verliefen friedlich.", "Die Proteste verliefen nicht friedlich."),
        ("Die Wirtschaft erholte sich.", "Die Wirtschaft erholte sich nicht."),
    ],
)
def test_negation_flips_and_dampens(plain, negated):
    a, b = score(plain), score(negated)
    assert np.sign(a.polarity) == -np.sign(b.polarity)
    assert abs(b.polarity) < abs(a.polarity) or b.label != a.label


def test_keine_gewalt_is_not_negative():
    assert score("Es gab Gewalt.").label == "negative"
    result = score("Es gab keine Gewalt.")
    assert result.label != "negative"
    assert driver_map(result)["Gewalt"] == pytest.approx(-1.0 * sent.NEGATION_FACTOR)


def test_ohne_negates_its_noun_phrase_only():
    contributions = driver_map(score("Ohne Hilfe droht eine Hungersnot."))
    assert contributions["Hilfe"] < 0  # negated aid
    assert contributions["droht"] < 0  # outside the scope of "ohne": not flipped
    assert contributions["Hungersnot"] == pytest.approx(-1.0)


def test_nicht_nur_is_not_a_negation():
    contributions = driver_map(score("Die Reform ist nicht nur gut, sondern auch gerecht."))
    assert contributions["gut"] > 0


# ---------------------------------------------------------------------------- intensifiers


def test_intensifiers_scale():
    values = {
        text: driver_map(score(f"Die Lage ist {text} gefährlich."))["gefährlich"]
        for text in ("etwas", "sehr", "äußerst")
    }
    plain = driver_map(score("Die Lage ist gefährlich."))["gefährlich"]
    assert values["äußerst"] < values["sehr"] < plain < values["etwas"] < 0
    assert values["sehr"] == pytest.approx(plain * 1.3)
    assert score("Die Lage ist sehr gefährlich.").polarity < score("Die Lage ist gefährlich.").polarity


def test_kaum_is_a_near_negation():
    assert driver_map(score("Es gibt kaum Hoffnung."))["Hoffnung"] < 0


def test_contrast_rule_weights_the_second_clause():
    result = score("Die Regierung sprach von Stabilität, doch in der Nacht gab es brutale Gewalt.")
    contributions = driver_map(result)
    assert contributions["Stabilität"] == pytest.approx(0.7 * sent.CONTRAST_BEFORE)
    assert contributions["Gewalt"] == pytest.approx(-1.0 * sent.CONTRAST_AFTER)
    assert result.label == "negative"


# ------------------------------------------------------------------- band, drivers, determinism


@pytest.mark.parametrize(
    "text",
    ["Der Präsident traf am Montag den Außenminister.", "Am Rande gab es Proteste."],
)
def test_neutral_band(text):
    result = score(text)
    assert result.label == "neutral"
    assert abs(result.polarity) < sent.NEUTRAL_BAND


def test_label_for_band_edges():
    band = sent.NEUTRAL_BAND
    assert sent.label_for(band) == "positive"
    assert sent.label_for(-band) == "negative"
    assert sent.label_for(band - 1e-6) == "neutral"
    assert sent.label_for(0.0) == "neutral"


def test_normalisation_is_vader_style():
    assert sent.normalise(0.0) == 0.0
    assert sent.normalise(1.0) == pytest.approx(1 / np.sqrt(1 + sent.ALPHA))
    assert -1 < sent.normalise(-50.0) < -0.99


def test_drivers_listed_with_contributions_and_compact_string():
    result = score("Bei den Zusammenstößen gab es zahlreiche Tote.")  # both descriptive: x 0.5
    assert result.drivers == (
        sent.Driver("Zusammenstößen", "Zusammenstoß", -0.35),
        sent.Driver("Tote", "Tote", -0.5),
    )
    assert result.drivers_text() == "Zusammenstößen:-0.35; Tote:-0.50"
    assert sent.parse_drivers(result.drivers_text()) == [("Zusammenstößen", -0.35), ("Tote", -0.5)]
    assert result.raw == pytest.approx(-0.85)


def test_scores_are_deterministic():
    text = "Die Polizei nahm Dutzende Demonstranten fest, die Lage blieb jedoch friedlich."
    a, b = score(text), score(text)
    assert a == b
    docs = [doc_of(text, "a"), doc_of("Es gab keine Toten.", "b")]
    pd.testing.assert_frame_equal(sent.sentences_frame(docs), sent.sentences_frame(docs))


def test_score_span_scores_a_clause():
    text = "Die Regierung versprach Stabilität, in der Nacht gab es brutale Gewalt."
    doc = doc_of(text)
    comma = text.index(",")
    assert sent.score_span(doc, 0, comma).label == "positive"
    assert sent.score_span(doc, comma + 1, len(text)).label == "negative"
    with pytest.raises(ValueError):
        sent.score_span(doc, 10, 10)


def test_score_target_uses_the_target_sentence():
    text = "Der Präsident lobte die Polizei. Bei den Protesten gab es viele Tote."
    doc = doc_of(text)
    start = text.index("Protesten")
    assert sent.score_target(doc, start, start + len("Protesten")).label == "negative"
    start = text.index("Polizei")
    assert sent.score_target(doc, start, start + len("Polizei")).label == "positive"


# ------------------------------------------------------------------------ tables and baseline


def test_sentences_frame_columns_and_baseline_without_nltk_data(monkeypatch, tmp_path):
    nltk = pytest.importorskip("nltk")
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])  # no NLTK data reachable
    doc = doc_of("Das Wetter ist gut. Bei den Unruhen gab es brutale Gewalt.", "art-1")
    frame = sent.sentences_frame([doc])
    assert list(frame.columns) == sent.SENTENCE_COLUMNS
    assert "polarity_textblob" not in frame.columns  # the baseline is not part of the annotation
    assert frame["sentence_index"].tolist() == [0, 1]
    assert sent.with_textblob(frame, cache=tmp_path)["polarity_textblob"].iloc[0] > 0
    assert frame["label"].tolist() == ["positive", "negative"]
    assert frame["drivers"].iloc[1] == "Unruhen:-0.35; brutale:-1.00; Gewalt:-1.00"
    assert (frame["text"] == [doc.text[s:e] for s, e in zip(frame["start"], frame["end"])]).all()


def test_annotate_documents_empty_has_columns():
    out = sent.annotate_documents([], pd.DataFrame(), {})
    assert list(out) == ["sentence_tone", "target_tone"]
    assert out["sentence_tone"].empty and out["target_tone"].empty
    assert list(out["sentence_tone"].columns) == sent.SENTENCE_TONE_COLUMNS
    assert list(out["target_tone"].columns) == sent.TARGET_TONE_COLUMNS


def test_target_tone_joins_mentions_attributions_and_outlets():
    doc = doc_of("Die Regierung sorgte für Stabilität. Demonstranten berichten von brutaler Gewalt.", "a1")
    sentences = sent.sentences_frame([doc])
    mentions = pd.DataFrame(
        {
            "article_id": ["a1", "a1", "a1"],
            "sentence_index": [0, 0, 1],
            "start": [4, 4, 37],
            "end": [13, 13, 50],
            "surface": ["Regierung", "Regierung", "Demonstranten"],
            "actor_id": ["government", "government", "protesters"],
        }
    )
    attributions = pd.DataFrame({"article_id": ["a1"], "sentence_index": [1], "source_type": ["independent"]})
    articles = pd.DataFrame({"article_id": ["a1"], "outlet": ["Beispielblatt"], "outlet_type": ["independent"]})
    tone = sent.target_tone(sentences, mentions=mentions, attributions=attributions, articles=articles)
    assert tone["kind"].tolist() == ["mention", "mention", "attribution"]  # duplicate mention dropped
    by_actor = tone[tone["kind"] == "mention"].set_index("actor_id")
    assert by_actor.loc["government", "label"] == "positive"
    assert by_actor.loc["protesters", "label"] == "negative"
    assert by_actor.loc["protesters", "polarity"] == sentences.loc[1, "polarity"]
    attribution = tone[tone["kind"] == "attribution"].iloc[0]
    assert attribution["source_type"] == "independent" and attribution["label"] == "negative"
    assert set(tone["outlet_type"]) == {"independent"}
    with pytest.raises(ValueError):
        sent.target_tone(sentences)


def test_quote_tone_scores_the_quote_span():
    text = 'Der Minister sagte: "Die Lage ist stabil." Später gab es Tote.'
    doc = doc_of(text, "q1")
    q0 = text.index("Die Lage")
    rows = pd.DataFrame({"article_id": ["q1"], "quote_start": [q0], "quote_end": [text.index('."') + 1]})
    out = sent.quote_tone([doc], rows)
    assert out.loc[0, "quote_label"] == "positive"
    assert out.loc[0, "quote_drivers"] == "stabil:+0.60"


# ------------------------------------------------------------------------------- statistics


def test_top_drivers_sums_contributions():
    table = sent.top_drivers(["Tote:-1.00; friedlich:+0.70", "Tote:-1.00", ""], k=5)
    assert table.to_dict("records") == [
        {"word": "Tote", "total": -2.0, "count": 2},
        {"word": "friedlich", "total": 0.7, "count": 1},
    ]


# ---------------------------------------------------------------------------- lexicon data


def test_lexicon_files_are_consistent():
    lex = sent.load_lexicon()
    base = sent.load_baseline()
    rows = data_rows(config.lexicon_path("sentiment", "overrides.csv"))
    missing = [r["lemma"] for r in rows if r["lemma"] not in base]
    assert missing == [], "overrides must name baseline entries"
    additions = data_rows(config.lexicon_path("sentiment", "news_additions.csv"))
    assert [r["lemma"] for r in additions if r["lemma"] in base] == [], "additions must be new"
    assert all(-1 <= v <= 1 for v in lex.words.values())
    assert {"nicht", "kein", "ohne", "weder", "nie", "niemals"} <= lex.negators
    assert lex.intensifiers["sehr"] > 1 > lex.intensifiers["etwas"] > 0 > lex.intensifiers["kaum"]


# ------------------------------------------------------------------------- evaluation reader


def _gold_file(tmp_path):
    items = [
        {"id": "1", "opinion_snippet": "Die Polizei setzte Gewalt gegen Demonstranten ein.",
         "target": "Polizei", "target_anchor": {"from": 4, "to": 11}, "sentiment": {"polarity": "negative"}},
        {"id": "2", "opinion_snippet": "Die Waffenruhe hält, die Lage ist stabil.",
         "target": "Waffenruhe", "target_anchor": {"from": 4, "to": 14}, "sentiment": {"polarity": "positive"}},
        {"id": "3", "opinion_snippet": "Der Minister reiste am Montag nach Berlin.",
         "target": "Minister", "target_anchor": {"from": 4, "to": 12}, "sentiment": {"polarity": "neutral"}},
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def test_read_gerntsa_and_split(tmp_path):
    items = ev.read_gerntsa(_gold_file(tmp_path))
    assert [it.label for it in items] == ["negative", "positive", "neutral"]
    assert items[0].text[items[0].start : items[0].end] == "Polizei"
    splits = [ev.split_of(it) for it in items]
    assert splits == [ev.split_of(it) for it in items]  # deterministic
    assert set(splits) <= {"tune", "test"}
    assert len(ev.select_split(items, "tune")) + len(ev.select_split(items, "test")) == 3


def test_read_gerntsa_rejects_bad_items(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "x", "opinion_snippet": "Text", "target": "T",
                                "target_anchor": {"from": 0, "to": 4}, "sentiment": {"polarity": "mixed"}}]))
    with pytest.raises(ValueError):
        ev.read_gerntsa(bad)


def test_metrics_on_known_confusion():
    gold = ["negative", "negative", "neutral", "positive"]
    pred = ["negative", "neutral", "neutral", "negative"]
    result = ev.metrics(gold, pred)
    assert result["accuracy"] == pytest.approx(0.5)
    assert result["confusion"]["negative"] == {"negative": 1, "neutral": 1, "positive": 0}
    # F1: negative 0.5, neutral 2/3, positive 0
    assert result["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 0) / 3)


def _larger_gold_file(tmp_path):
    """Fifteen items written for the project, five per label, each with its own target."""
    rows = [
        ("Die Polizei ging brutal gegen friedliche Demonstranten vor.", "Polizei", "negative"),
        ("Der Konzern steht wegen Betrugs vor Gericht.", "Konzern", "negative"),
        ("Die Angreifer zerstörten mehrere Geschäfte.", "Angreifer", "negative"),
        ("Der Minister wurde für seine Lügen scharf kritisiert.", "Minister", "negative"),
        ("Die Miliz verbreitet in der Region Angst und Schrecken.", "Miliz", "negative"),
        ("Der Ausschuss tagt am Dienstag im Rathaus.", "Ausschuss", "neutral"),
        ("Die Ministerin reiste am Montag nach Brüssel.", "Ministerin", "neutral"),
        ("Der Verein veröffentlichte den Spielplan für die neue Saison.", "Verein", "neutral"),
        ("Die Stadt liegt am Ufer eines großen Sees.", "Stadt", "neutral"),
        ("Das Gericht verhandelt den Fall im Frühjahr.", "Gericht", "neutral"),
        ("Die Helfer retteten viele Menschen aus den Trümmern.", "Helfer", "positive"),
        ("Die Einigung wurde von allen Seiten begrüßt.", "Einigung", "positive"),
        ("Der Trainer lobte seine Mannschaft für den verdienten Sieg.", "Trainer", "positive"),
        ("Die Ärztin erhielt einen Preis für ihre hervorragende Arbeit.", "Ärztin", "positive"),
        ("Die Waffenruhe hält, die Lage ist stabil.", "Waffenruhe", "positive"),
    ]
    items = [{"id": str(k), "opinion_snippet": text, "target": target,
              "target_anchor": {"from": text.index(target), "to": text.index(target) + len(target)},
              "sentiment": {"polarity": label}} for k, (text, target, label) in enumerate(rows)]
    path = tmp_path / "gold15.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def test_eval_command_scores_every_scorer_on_the_same_items(tmp_path):
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    args = parser.parse_args(["--gold", str(_larger_gold_file(tmp_path)), "--items", "all", "--folds", "3"])
    result = ev.evaluate(args)
    assert set(result["scorers"]) == set(ev.SCORERS)
    assert {m["n"] for m in result["scorers"].values()} == {15}
    assert "GerNTSA" in result["citation"]
    for name in ev.SCORERS:
        low, high = result["bootstrap_macro_f1_ci"][name]
        assert low <= result["scorers"][name]["macro_f1"] <= high
        assert len(result["per_fold_macro_f1"][name]["folds"]) == 3
    assert result["learned_decision"]["best"] in ("learned", "combined")
    text = ev.format_result(result)
    assert "rules target" in text and "textblob-de" in text
    assert "held-out half" not in text  # "all" is not presented as held-out
    assert ev.data_paths(args) == [args.gold]
    table = ev.result_table(result)
    assert list(table["scorer"]) == [ev.TITLES[name] for name in ev.SCORERS]
    note = ev.accuracy_note({"metrics": result, "command": "medialens eval sentiment", "date": "2026-12-01"})
    assert "textblob-de" in note and "medialens eval sentiment" in note
    assert ev.decision_text(result).startswith("Learned model")


# --------------------------------------------- aggregation helpers (used by notebooks/03-sentiment.ipynb)


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _tone_rows():
    return pd.DataFrame(
        {
            "article_id": ["s1", "s1", "s2", "i1", "i1", "i2", "i3", "x1"],
            "sentence_index": [0, 1, 0, 0, 1, 0, 0, 0],
            "outlet_type": ["state_media"] * 3 + ["independent_media"] * 4 + [None],
            "actor_id": ["tokajew", "tokajew", "polizei", "tokajew", "polizei", "tokajew", "polizei", "tokajew"],
            "polarity": [0.6, 0.2, -0.4, -0.5, -0.7, -0.1, 0.0, 0.9],
            "polarity_textblob": [0.0, 0.3, 0.0, 0.0, -0.2, 0.0, 0.1, 0.0],
        }
    )


def test_tone_ci_groups_by_one_or_more_columns_and_counts_articles():
    rows = _tone_rows()
    by_type = sent.tone_ci(rows, "outlet_type", n=200)
    assert list(by_type.columns) == ["outlet_type", "n", "n_articles", "mean", "ci_low", "ci_high"]
    assert by_type["outlet_type"].tolist() == ["independent_media", "state_media"]  # missing type left out
    assert by_type["n"].tolist() == [4, 3] and by_type["n_articles"].tolist() == [3, 2]
    assert by_type["mean"].tolist() == pytest.approx([-0.325, 0.4 / 3])
    assert ((by_type["ci_low"] <= by_type["mean"]) & (by_type["mean"] <= by_type["ci_high"])).all()
    both = sent.tone_ci(rows, ["actor_id", "outlet_type"], n=200)
    assert both[["actor_id", "outlet_type", "n"]].values.tolist() == [
        ["polizei", "independent_media", 2],
        ["polizei", "state_media", 1],
        ["tokajew", "independent_media", 2],
        ["tokajew", "state_media", 2],
    ]
    single = both[(both["actor_id"] == "polizei") & (both["outlet_type"] == "state_media")].iloc[0]
    assert single["ci_low"] == single["ci_high"] == single["mean"] == pytest.approx(-0.4)  # one value: no spread
    textblob = sent.tone_ci(rows, "outlet_type", value="polarity_textblob", n=200)
    assert textblob["mean"].tolist() == pytest.approx([-0.025, 0.1])
    pd.testing.assert_frame_equal(by_type, sent.tone_ci(rows, "outlet_type", n=200))  # deterministic


def test_tone_ci_rejects_missing_columns_and_handles_empty_tables():
    with pytest.raises(ValueError):
        sent.tone_ci(_tone_rows(), "source_type")
    empty = sent.tone_ci(_tone_rows().iloc[0:0], "outlet_type")
    assert empty.empty and list(empty.columns) == ["outlet_type", "n", "n_articles", "mean", "ci_low", "ci_high"]


def test_source_group_maps_types_and_refuses_unknown_ones():
    groups = sent.source_group(["government", "security_forces", "expert", "independent_media",
                                "international_organisation", "news_agency", None])
    assert groups.tolist() == ["state", "state", "independent", "independent", "foreign/international",
                               "other/unclear", "other/unclear"]
    with pytest.raises(ValueError, match="clergy"):
        sent.source_group(["government", "clergy"])
    assert sent.source_group(["clergy"], {"clergy": "independent"}).tolist() == ["independent"]
    from medialens.attribution.sources import SOURCE_TYPES

    assert set(SOURCE_TYPES) <= set(sent.SOURCE_GROUPS)  # every type the attribution step emits has a group
    assert set(sent.SOURCE_GROUPS.values()) == set(figures.SOURCE_GROUP_COLOURS)


def test_group_drivers_sums_per_group_and_normalises_per_100_rows():
    rows = pd.DataFrame(
        {
            "outlet_type": ["state_media", "state_media", "state_media", "state_media", "independent_media"],
            "drivers": ["Stabilität:+0.70", "Terroristen:-0.90; Stabilität:+0.70", "", None, "Tote:-1.00"],
        }
    )
    table = sent.group_drivers(rows, "outlet_type", k=None)
    assert list(table.columns) == ["outlet_type", "word", "total", "count", "n_rows", "per_100"]
    assert table.to_dict("records") == [
        {"outlet_type": "independent_media", "word": "Tote", "total": -1.0, "count": 1, "n_rows": 1, "per_100": -100.0},
        {"outlet_type": "state_media", "word": "Stabilität", "total": pytest.approx(1.4), "count": 2, "n_rows": 4,
         "per_100": pytest.approx(35.0)},
        {"outlet_type": "state_media", "word": "Terroristen", "total": -0.9, "count": 1, "n_rows": 4,
         "per_100": pytest.approx(-22.5)},
    ]
    assert sent.group_drivers(rows, "outlet_type", k=1)["word"].tolist() == ["Tote", "Stabilität"]
    assert sent.top_drivers(["a:+0.10; b:-0.20; c:+0.30"], k=None)["word"].tolist() == ["c", "b", "a"]


def test_driver_words_take_each_groups_strongest_then_the_overall_ones():
    drivers = pd.DataFrame(
        {
            "g": ["x", "x", "x", "y", "y"],
            "word": ["Gewalt", "Tote", "Hilfe", "Gewalt", "Frieden"],
            "per_100": [-10.0, -8.0, 1.0, -2.0, 0.5],
        }
    )
    assert sent.driver_words(drivers, "g", top=3, per_group=1) == ["Gewalt", "Tote", "Hilfe"]
    assert sent.driver_words(drivers, "g", top=2, per_group=2) == ["Gewalt", "Tote", "Frieden"]  # per_group wins


def test_extreme_sentences_picks_the_ends_of_each_group():
    rows = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "b", "c", "d"],
            "sentence_index": [0, 1, 0, 1, 0, 0],
            "outlet_type": ["state_media"] * 4 + ["independent_media"] * 2,
            "text": ["Es gab Tote.", "Die Lage ist stabil.", "Es gab Tote.", "Ein Treffen.", "Gewalt.", "Gewalt!"],
            "polarity": [-0.7, 0.5, -0.7, 0.0, -0.7, -0.6],
            "outlet": ["A", "A", "B", "B", "C", "D"],
        }
    )
    out = sent.extreme_sentences(rows, "outlet_type", keep=["outlet"])
    assert list(out.columns) == ["outlet_type", "extreme", "polarity", "text", "outlet"]
    assert out[["outlet_type", "extreme", "text", "outlet"]].values.tolist() == [
        ["independent_media", "most negative", "Gewalt.", "C"],  # no positive sentence: no "most positive" row
        ["state_media", "most negative", "Es gab Tote.", "A"],  # tie broken by article_id
        ["state_media", "most positive", "Die Lage ist stabil.", "A"],
    ]
    two = sent.extreme_sentences(rows, "outlet_type", k=2)
    state_negative = two[(two["outlet_type"] == "state_media") & (two["extreme"] == "most negative")]
    assert state_negative["text"].tolist() == ["Es gab Tote."]  # the repeated text is shown once
    assert two[two["outlet_type"] == "independent_media"]["text"].tolist() == ["Gewalt.", "Gewalt!"]


def test_scorer_agreement_and_kappa_on_known_labels():
    rows = pd.DataFrame(
        {
            "polarity": [-0.8, -0.6, 0.0, 0.1, 0.7, 0.6],
            "polarity_textblob": [-0.5, 0.0, 0.0, 0.0, 0.5, -0.4],
        }
    )
    # news labels (band 0.5): neg, neg, neu, neu, pos, pos; textblob (band 0.3): neg, neu, neu, neu, pos, neg
    table = sent.scorer_agreement(rows, textblob_band=0.3)
    assert list(table.columns) == ["news_label", "textblob_label", "sentences", "share"]
    assert len(table) == 9 and table["sentences"].sum() == 6
    counts = {(a, b): n for a, b, n in table[["news_label", "textblob_label", "sentences"]].values}
    assert counts[("negative", "negative")] == 1 and counts[("negative", "neutral")] == 1
    assert counts[("neutral", "neutral")] == 2 and counts[("positive", "negative")] == 1
    assert counts[("positive", "positive")] == 1 and counts[("neutral", "positive")] == 0
    stats = sent.agreement_stats(rows, textblob_band=0.3)
    assert stats["n"] == 6
    assert stats["agreement"] == pytest.approx(4 / 6)
    expected = (2 / 6) * (2 / 6) + (2 / 6) * (3 / 6) + (2 / 6) * (1 / 6)
    assert stats["kappa"] == pytest.approx((4 / 6 - expected) / (1 - expected))
    assert stats["opposite_sign"] == pytest.approx(1 / 6)
    assert stats["zero_news"] == pytest.approx(1 / 6) and stats["zero_textblob"] == pytest.approx(3 / 6)
    assert -1 <= stats["spearman"] <= 1 and stats["pearson"] == pytest.approx(rows.corr().iloc[0, 1])
    with pytest.raises(ValueError):
        sent.agreement_stats(rows.iloc[0:0], textblob_band=0.3)


def _rows_top_down(ax) -> list[str]:
    ticks = sorted(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())), reverse=True)
    return [text for _, text in ticks]


def test_plot_tone_ci_rows_order_hue_and_palette():
    plt = _plt()
    ci = pd.DataFrame(
        {
            "outlet_type": ["state_media", "state_media", "independent_media"],
            "source_group": ["state", "independent", "state"],
            "n": [12, 4, 7],
            "n_articles": [3, 2, 3],
            "mean": [0.1, -0.2, -0.3],
            "ci_low": [0.0, -0.4, -0.5],
            "ci_high": [0.2, 0.1, -0.1],
        }
    )
    ax = charts.plot_tone_ci(ci[ci["source_group"] == "state"], label="outlet_type")
    assert _rows_top_down(ax) == ["State media (n=12, 3 art.)", "Independent media (n=7, 3 art.)"]  # table order
    ax = charts.plot_tone_ci(ci, label="outlet_type", hue="source_group", hue_order=["state", "independent"],
                           palette=figures.SOURCE_GROUP_COLOURS, order=["news_agency", "state_media", "independent_media"])
    assert _rows_top_down(ax) == ["News agencies", "State media", "Independent media"]  # empty row kept
    state_row = ax.get_yticks()[[t.get_text() for t in ax.get_yticklabels()].index("State media")]
    points = sorted((y, x) for c in ax.containers for x, y in zip(c.lines[0].get_xdata(), c.lines[0].get_ydata()))
    assert [x for y, x in points if abs(y - state_row) < 0.5] == [-0.2, 0.1]  # independent below, state above
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["State sources", "Independent sources"]
    assert [a.get_text() for a in ax.texts] == ["12", "7", "4"]  # n written next to each point
    plt.close("all")


def test_scatter_and_driver_heatmap_draw_their_data():
    plt = _plt()
    rows = pd.DataFrame({"polarity": [-0.8, 0.0, 0.7], "polarity_textblob": [0.0, 0.0, 0.5]})
    ax = charts.plot_scorer_scatter(rows, textblob_band=0.3)
    assert ax.collections[0].get_offsets().shape == (3, 2)
    drivers = pd.DataFrame(
        {"g": ["x", "x", "y"], "word": ["Tote", "Hilfe", "Tote"], "per_100": [-20.0, 5.0, -10.0]}
    )
    ax = charts.plot_driver_heatmap(drivers, "g", top=5)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Tote", "Hilfe"]  # most negative total first
    assert sorted(t.get_text() for t in ax.texts) == ["-10.0", "-20.0", "5.0"]  # blank where a word is absent
    plt.close("all")


def test_target_tone_keeps_only_the_given_articles():
    sentences = pd.DataFrame({"article_id": ["a", "b"], "sentence_index": [0, 0], "text": ["x", "y"],
                              "polarity": [0.5, -0.5], "polarity_textblob": [0.0, 0.0], "label": ["positive", "negative"],
                              "drivers": ["", ""]})
    mentions = pd.DataFrame({"article_id": ["a", "b"], "sentence_index": [0, 0], "actor_id": ["p", "p"]})
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["O"], "outlet_type": ["state_media"]})
    out = sent.target_tone(sentences, mentions=mentions, articles=articles)
    assert out["article_id"].tolist() == ["a"] and out["outlet_type"].tolist() == ["state_media"]


def test_textblob_table_is_cached_by_sentence_text(tmp_path, monkeypatch):
    from medialens.sentiment import baseline

    sentences = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_index": [0, 1, 0],
                              "text": ["Die Menschen sind erschüttert.", "Es regnet.", "Die Menschen sind erschüttert."]})
    first = sent.textblob_table(sentences, cache=tmp_path)
    assert list(first.columns) == baseline.TEXTBLOB_COLUMNS
    assert first["polarity_textblob"].tolist()[0] == first["polarity_textblob"].tolist()[2] > 0
    calls = []
    monkeypatch.setattr(baseline, "textblob_polarity", lambda text: calls.append(text) or 0.0)
    again = sent.textblob_table(sentences, cache=tmp_path)
    pd.testing.assert_frame_equal(again, first)
    assert calls == []  # nothing scored twice
    more = pd.concat([sentences, pd.DataFrame({"article_id": ["c"], "sentence_index": [0], "text": ["Neu."]})])
    sent.textblob_table(more, cache=tmp_path)
    assert calls == ["Neu."]  # only the new sentence


def test_textblob_words_show_what_the_baseline_reads():
    words = dict(sent.textblob_words("Die Menschen sind erschüttert, es gab Gewalt."))
    assert words["erschüttert"] > 0  # the baseline's sign error
    assert "Gewalt" not in words  # capitalised nouns never match in textblob-de


def test_disagreements_name_the_reason_and_both_scorers_words():
    rows = pd.DataFrame({
        "text": ["Es gab Gewalt.", "Die Menschen sind erschüttert.", "Der Rat tagt.", "Alles gut."],
        "polarity": [-0.7, -0.57, 0.0, 0.6],
        "drivers": ["Gewalt:-1.00", "erschüttert:-0.70", "", "gut:+1.00"],
        "polarity_textblob": [0.0, 0.7, 0.7, 0.5],
    })
    out = sent.disagreements(rows)
    assert out["text"].tolist() == ["Die Menschen sind erschüttert.", "Es gab Gewalt.", "Der Rat tagt."]
    assert out["reason"].tolist() == ["opposite words", "textblob finds no word", "news scorer finds no word"]
    assert set(out["reason"]) <= set(sent.DISAGREEMENT_REASONS)
    assert out["textblob_words"].iloc[0] == "erschüttert:+0.70"


def test_phrases_apply_in_lexicon_order_wherever_they_match():
    """Phrases are found through their first word (surface or lemma); where two overlap, the entry listed
    later in the lexicon wins, as when every entry is tried at every place in lexicon order."""
    from medialens.sentiment.lexicon import SentimentLexicon
    from medialens.sentiment.rules import apply_phrases, lexicon_values

    lex = SentimentLexicon(words={}, baseline={}, negators=frozenset(), negation_exceptions=frozenset(),
                           intensifiers={}, phrases={("ums", "leben"): -0.9, ("leben", "retten"): 0.6,
                                                     ("kommen", "ums"): -0.2})
    tokens = nlp.document_from_words("Sie kamen fast ums Leben retten".split()).tokens
    state = lexicon_values(tokens, lex)
    apply_phrases(state, lex)
    assert state.values == [None, None, None, None, None, 0.6]
    assert state.lemmas[-1] == "leben retten" and state.words[-1] == "Leben retten"
    tokens = nlp.document_from_words("Sie kamen ums Leben .".split()).tokens  # "kamen" matches by its lemma
    state = lexicon_values(tokens, lex)
    apply_phrases(state, lex)
    assert state.values[1:4] == [None, -0.2, -0.9] and state.words[2:4] == ["kamen ums", "ums Leben"]
