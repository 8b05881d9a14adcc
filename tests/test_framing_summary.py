"""Framing summaries, charts and evaluation: shares with intervals, the naming chart on two corpora, scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from medialens import framing, stats
from medialens.evaluation import frames as frame_eval
from medialens.figures.charts import framing as charts

CASE = "kazakhstan-2022"


def naming_rows(spec):
    """``(article_id, label, voice, distanced)`` tuples -> a naming table for the people referent."""
    stance = {lab.label: lab.stance for lab in framing.load_case(CASE).labels.values() if lab.referent == "people"}
    rows = [dict(case=CASE, article_id=a, sentence_index=0, referent="people", label=lab, stance=stance[lab],
                 matched=lab, start=0, end=1, pattern=lab, voice=v, source_type="", distanced=d, distanced_by="")
            for a, lab, v, d in spec]
    return pd.DataFrame(rows, columns=framing.COLUMNS["naming"])


ARTICLES = pd.DataFrame({"article_id": ["s1", "s2", "s3", "i1", "i2", "i3"],
                         "outlet_type": ["state_media"] * 3 + ["independent_media"] * 3})
SPEC = ([("s1", "Terroristen", "own", False), ("s1", "Terroristen", "own", False), ("s2", "Banditen", "own", False),
         ("s3", "Terroristen", "own", False), ("s3", "Demonstranten", "own", False)]
        + [("i1", "Demonstranten", "own", False), ("i2", "Demonstranten", "own", False), ("i3", "Protestierende", "own", False),
           ("i3", "Terroristen", "attributed", False), ("i2", "Terroristen", "own", True)])


def test_naming_shares_are_pooled_mention_shares_with_intervals():
    shares = framing.naming_shares(naming_rows(SPEC), ARTICLES, "people", n_boot=500)
    state = shares[shares["outlet_type"] == "state_media"].set_index("label")
    assert state["share"].sum() == pytest.approx(1.0)
    assert state.loc["Terroristen", "share"] == pytest.approx(3 / 5)
    assert state.loc["Terroristen", "articles_with_label"] == 2 and state.loc["Terroristen", "n_articles"] == 3
    assert (shares["ci_low"] <= shares["share"] + 1e-9).all() and (shares["share"] <= shares["ci_high"] + 1e-9).all()
    indep = shares[shares["outlet_type"] == "independent_media"].set_index("label")
    assert indep.loc["Terroristen", "mentions"] == 0  # attributed and distanced uses are not the outlet's own
    assert list(shares["outlet_type"].drop_duplicates()) == ["state_media", "independent_media"]


def test_voice_classes_select_attributed_and_distanced_uses():
    table = naming_rows(SPEC)
    attributed = framing.naming_shares(table, ARTICLES, "people", voice="attributed", n_boot=100)
    assert attributed.groupby("label")["mentions"].sum()["Terroristen"] == 1
    distanced = framing.naming_shares(table, ARTICLES, "people", voice="distanced", n_boot=100)
    assert distanced.groupby("label")["mentions"].sum()["Terroristen"] == 1


def test_a_groups_interval_does_not_move_when_another_group_is_added():
    table = naming_rows(SPEC)
    two = framing.naming_shares(table, ARTICLES, "people", n_boot=300)
    extra = pd.concat([ARTICLES, pd.DataFrame({"article_id": ["x1"], "outlet_type": ["news_agency"]})])
    three = framing.naming_shares(pd.concat([table, naming_rows([("x1", "Banditen", "own", False)])]), extra, "people", n_boot=300)
    key = ["outlet_type", "label"]
    merged = two.merge(three, on=key, suffixes=("_two", "_three"))
    assert np.allclose(merged["ci_low_two"], merged["ci_low_three"]) and np.allclose(merged["ci_high_two"], merged["ci_high_three"])


def test_stance_shares_and_naming_voices():
    table = naming_rows(SPEC)
    st = framing.stance_shares(table, ARTICLES, n_boot=100)
    state = st[(st["outlet_type"] == "state_media") & (st["referent"] == "people")].set_index("stance")
    assert state.loc["official", "share"] == pytest.approx(4 / 5)
    voices = framing.naming_voices(table, ARTICLES, "people")
    terror = voices[(voices["outlet_type"] == "independent_media") & (voices["label"] == "Terroristen")].set_index("voice")
    assert terror.loc["attributed", "mentions"] == 1 and terror.loc["distanced", "mentions"] == 1


def test_causal_shares_count_articles_without_claims_in_the_denominator():
    causal = pd.DataFrame([dict(case=CASE, article_id="s1", sentence_index=0, category="terror_coup", cue="wegen",
                                cue_text="wegen", cue_start=0, cue_end=1, matched="Terror", start=2, end=3,
                                cause_start=2, cause_end=3, voice="own", source_type="", distanced=False)])
    shares = framing.causal_shares(causal, ARTICLES, n_boot=100)
    row = shares[(shares["outlet_type"] == "state_media") & (shares["category"] == "terror_coup")].iloc[0]
    assert (row.n_articles, row.articles_with, row.share) == (3, 1, pytest.approx(1 / 3))
    assert shares[shares["outlet_type"] == "independent_media"]["articles_with"].sum() == 0


def test_distancing_rates_and_targets():
    doc_rows = framing.framing_tables(
        [framing_doc("s1", "Die sogenannte Anti-Terror-Operation dauerte an. Die Lage sei ruhig."),
         framing_doc("i1", "Nach eigenen Angaben hat das Ministerium 300 Menschen festgenommen.")], cases=[CASE])
    sentences = pd.DataFrame({"article_id": ["s1", "s1", "i1"], "sentence_index": [0, 1, 0]})
    articles = ARTICLES[ARTICLES["article_id"].isin(["s1", "i1"])]
    rates = framing.distancing_rates(doc_rows["distancing"], sentences, articles, n_boot=100).set_index(["outlet_type", "kind"])
    assert rates.loc[("state_media", "lexical"), "per_100_sentences"] == pytest.approx(50.0)
    assert rates.loc[("state_media", "konjunktiv1"), "markers"] == 1
    targets = framing.distancing_targets(doc_rows["distancing"], doc_rows["naming"], articles)
    got = set(zip(targets["outlet_type"], targets["target_type"], targets["target"]))
    assert ("state_media", "label", "operation: Anti-Terror-Operation") in got
    assert ("state_media", "claim", "") in got
    assert ("independent_media", "source", "unknown source") in got


def framing_doc(article_id: str, text: str):
    from medialens import nlp

    return nlp.process(article_id, text, cache=False)


def separated(shares: pd.DataFrame, a: str, b: str) -> list[str]:
    """Labels whose intervals for groups ``a`` and ``b`` do not overlap."""
    wide = shares.pivot_table(index="label", columns="outlet_type", values=["ci_low", "ci_high"])
    out = []
    for label in wide.index:
        lo, hi = wide.loc[label, "ci_low"], wide.loc[label, "ci_high"]
        if lo[a] > hi[b] or lo[b] > hi[a]:
            out.append(label)
    return out


def draw(shares):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    charts.plot_naming_shares(shares, ax=ax)
    lines = sum(len(c.get_segments()) for c in ax.collections)
    plt.close(fig)
    return lines


def test_naming_chart_separates_groups_on_the_demo_corpus():
    from medialens import corpus
    from medialens.annotate import annotate_corpus

    annotated = annotate_corpus(progress=False)
    articles = corpus.deduplicate_articles(annotated.articles, within="outlet_type")
    shares = framing.naming_shares(annotated.tables["naming"], articles, "events", voice=None, n_boot=1000)
    assert {"Farbrevolution", "Proteste"} <= set(separated(shares, "state_aligned_media", "independent_media"))
    assert draw(shares) > 0  # one interval line per group and label drawn


def test_naming_chart_separates_groups_on_the_real_style_sample():
    items = frame_eval.read_sample()
    articles, tables = frame_eval.sample_tables(items, CASE)
    shares = framing.naming_shares(tables["naming"], articles, "events", voice="own", n_boot=1000)
    assert "Proteste" in separated(shares, "state_media", "independent_media")
    assert draw(shares) > 0


def test_charts_say_when_there_is_nothing_to_draw():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    empty = framing.distinctive_terms(pd.DataFrame(columns=["article_id", "term", "count"]), ARTICLES)
    charts.plot_log_odds(empty, ax=ax, note=framing.comparison_note(ARTICLES, "outlet_type", "state_media", "news_agency"))
    assert any("No articles of news_agency" in t.get_text() for t in ax.texts)
    plt.close(fig)


def test_alpha_closed_form_equals_the_general_alpha():
    rng = np.random.default_rng(3)
    g, p = rng.random(400) < 0.1, rng.random(400) < 0.12
    assert frame_eval.alpha_binary(g, p) == pytest.approx(stats.krippendorff_alpha_nominal(list(zip(g, p))))


def test_score_counts_item_level_presence():
    gold = {"a": {("x",)}, "b": {("y",)}}
    pred = {"a": {("x",)}, "b": {("x",)}}
    s = frame_eval.score(["a", "b"], gold, pred, [("x",), ("y",)], n_boot=50)
    assert (s["true_positive"], s["precision"], s["recall"]) == (1, 0.5, 0.5)


def test_score_with_a_grid_per_item_equals_the_alpha_of_the_pooled_decisions():
    # item a belongs to a case with codes x, y; item b to a case with code z only: b's decisions are z alone
    gold = {"a": {("x",)}, "b": {("z",)}}
    pred = {"a": {("y",)}, "b": {("z",), ("x",)}}  # x is no code of b's case: not a decision, not counted
    s = frame_eval.score(["a", "b"], gold, pred, {"a": [("x",), ("y",)], "b": [("z",)]}, n_boot=50)
    pooled_gold, pooled_pred = np.array([1, 0, 1], bool), np.array([0, 1, 1], bool)
    assert s["alpha"] == pytest.approx(frame_eval.alpha_binary(pooled_gold, pooled_pred))
    assert (s["gold"], s["predicted"], s["true_positive"]) == (2, 2, 1)


def test_hand_codes_are_checked_against_items_and_lexicon(tmp_path):
    items = pd.DataFrame({"item_id": ["i1"], "split": ["dev"], "outlet_type": ["state_media"],
                          "text": ["Die Terroristen griffen an."]})
    codes = tmp_path / "codes.csv"
    codes.write_text("item_id,measure,code,voice,distanced,target,span,note\n"
                     "i1,naming,people:Terroristen,own,0,,Banditen,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="codes.csv:2: span 'Banditen' is not in the text"):
        frame_eval.read_codes(codes, items, CASE)
    codes.write_text("item_id,measure,code,voice,distanced,target,span,note\n"
                     "i1,naming,people:Rebellen,own,0,,Terroristen,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown naming code"):
        frame_eval.read_codes(codes, items, CASE)


def test_codes_come_from_the_items_own_case(tmp_path):
    items = pd.DataFrame({"item_id": ["k1", "u1"], "split": ["test", "test"], "case": [CASE, "russia-ukraine-2022"],
                          "outlet_type": ["news_agency"] * 2,
                          "text": ["Die Terroristen griffen an.", "Der Krieg dauert an. Die Terroristen griffen an."]})
    codes = tmp_path / "codes.csv"
    codes.write_text("item_id,measure,code,voice,distanced,target,span,note\n"
                     "k1,naming,people:Terroristen,own,0,,Terroristen,\n"
                     "u1,naming,war:Krieg,own,0,,Krieg,\n", encoding="utf-8")
    assert len(frame_eval.read_codes(codes, items)) == 2
    codes.write_text("item_id,measure,code,voice,distanced,target,span,note\n"
                     "u1,naming,people:Terroristen,own,0,,Terroristen,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="codes.csv:2: unknown naming code 'people:Terroristen'"):
        frame_eval.read_codes(codes, items)
    bad = tmp_path / "items.csv"
    items.assign(case=["no-such-case", CASE]).to_csv(bad, index=False)
    with pytest.raises(ValueError, match="items.csv:2: unknown case 'no-such-case'"):
        frame_eval.read_sample(bad)


def test_the_shipped_codes_are_valid_and_rules_code_the_items():
    for sample, codes in ((frame_eval.SAMPLE, frame_eval.CODES), (frame_eval.FRESH_SAMPLE, frame_eval.FRESH_CODES)):
        items = frame_eval.read_sample(sample)
        gold = frame_eval.read_codes(codes, items)
        assert set(gold["measure"]) == set(frame_eval.MEASURES) and len(items) >= 80
    fresh = frame_eval.read_sample(frame_eval.FRESH_SAMPLE)
    assert set(fresh["case"]) == {CASE, "russia-ukraine-2022"} and set(fresh["split"]) == {"test"}
    pred = frame_eval.rule_codes(fresh.groupby("case").head(3))
    assert set(pred.columns) == set(frame_eval.CODE_COLUMNS)
    assert any(code.startswith("war:") for code in pred["code"])  # Russia-Ukraine items coded with their case


def test_stored_result_is_what_the_notebook_reads():
    from medialens.evaluation.results import load_result

    result = load_result("frames")
    samples = result["metrics"]["samples"]
    fresh_groups = {"all", *frame_eval.read_sample(frame_eval.FRESH_SAMPLE)["case"]}
    for sample, groups in ((frame_eval.HELD_OUT, fresh_groups), (frame_eval.EARLIER, set(frame_eval.SPLITS))):
        assert set(samples[sample]["rules_vs_coding"]) == groups
        for group in groups:
            for measure in frame_eval.MEASURES:
                assert set(samples[sample]["rules_vs_coding"][group][measure]) == set(frame_eval.VIEWS[measure])
    assert samples[frame_eval.HELD_OUT]["sample"]["items"] == len(frame_eval.read_sample(frame_eval.FRESH_SAMPLE))
    assert samples[frame_eval.EARLIER]["sample"]["items"] == len(frame_eval.read_sample())
    table = frame_eval.comparison_table(result)
    assert table["sample"].iloc[0] == "fresh (all)" and {"alpha", "ci_low", "ci_high"} <= set(table.columns)
    assert "held-out" in frame_eval.agreement_note(result, "causal")


def test_topic_shares_have_intervals_and_comparison_note():
    topics = pd.DataFrame({"article_id": ["s1", "i1"], "sentence_index": [0, 0], "topic": ["security_order"] * 2,
                           "voice": ["own", "own"]})
    sentences = pd.DataFrame({"article_id": ["s1", "s1", "i1"], "sentence_index": [0, 1, 0]})
    shares = framing.topic_shares(framing.topic_scores(topics, sentences), ARTICLES, n_boot=100)
    row = shares[(shares["outlet_type"] == "state_media") & (shares["topic"] == "security_order")].iloc[0]
    assert row.sentence_share == pytest.approx(0.5) and row.ci_low <= 0.5 <= row.ci_high
    assert framing.comparison_note(ARTICLES, "outlet_type", "state_media", "independent_media") is None
