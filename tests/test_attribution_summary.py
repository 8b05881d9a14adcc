"""Tests for medialens.attribution.summary (aggregations behind notebook 01).

Tables are built by hand; the German sentences were written for these tests.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from medialens import nlp  # noqa: E402
from medialens.attribution import COLUMNS, FORMS, SOURCE_TYPES, attributions_frame  # noqa: E402
from medialens.attribution import summary as S  # noqa: E402
from medialens.stats import wilson_interval  # noqa: E402
from medialens.figures.charts import attribution as C  # noqa: E402


def articles(*rows) -> pd.DataFrame:
    """(article_id, outlet_type, country) rows."""
    return pd.DataFrame(rows, columns=["article_id", "outlet_type", "country"])


def att(*rows, **defaults) -> pd.DataFrame:
    """Attribution rows from dicts; unspecified columns are empty."""
    base = {c: None for c in COLUMNS} | {"form": "indirect", "source_type": "other", "anonymous": False,
                                          "sentence_index": 0}
    df = pd.DataFrame([base | defaults | r for r in rows], columns=COLUMNS)
    for c in ("sentence_index", "quote_start", "quote_end", "source_start", "source_end", "cue_start", "cue_end"):
        df[c] = df[c].astype("Int64")
    for c in COLUMNS:
        if c not in ("anonymous",) and df[c].dtype == object:
            df[c] = df[c].astype("string")
    df["anonymous"] = df["anonymous"].astype(bool)
    return df


ARTICLES = articles(
    ("s1", "state_media", "KZ"),
    ("s2", "state_media", "KZ"),
    ("r1", "state_aligned_media", "RU"),
    ("i1", "independent_media", "KZ"),
    ("d1", "public_broadcaster", "DE"),
    ("d2", "private_media", "AT"),
    ("d3", "news_agency", "CH"),
)


# ------------------------------------------------------------------------------- outlet groups


def test_outlet_groups_keep_ownership_types_and_pool_german_language_outlets():
    arts = pd.concat([ARTICLES, articles(("u1", "public_broadcaster", "US"), ("x1", None, "DE"),
                                         ("x2", None, None))], ignore_index=True)
    groups = S.outlet_groups(arts)
    assert groups.name == "outlet_group"
    assert groups.tolist() == [
        "state_media", "state_media", "state_aligned_media", "independent_media",
        "german_language_media", "german_language_media", "german_language_media",
        "public_broadcaster", "german_language_media", "unknown",
    ]


def test_outlet_groups_are_parameters():
    groups = S.outlet_groups(ARTICLES, own_groups=("state_media",), german_countries=("AT",))
    assert groups.tolist() == ["state_media", "state_media", "state_aligned_media", "independent_media",
                               "public_broadcaster", "german_language_media", "news_agency"]


def test_outlet_groups_need_their_columns():
    with pytest.raises(ValueError, match="country"):
        S.outlet_groups(ARTICLES.drop(columns="country"))


def test_attach_articles_drops_attributions_of_left_out_articles():
    table = att({"article_id": "s1"}, {"article_id": "gone"}, {"article_id": "d2"})
    out = S.attach_articles(table, ARTICLES, columns=("outlet_group", "outlet_type"))
    assert out["article_id"].tolist() == ["s1", "d2"]
    assert out["outlet_group"].tolist() == ["state_media", "german_language_media"]
    assert out["outlet_type"].tolist() == ["state_media", "private_media"]


# ------------------------------------------------------------------------------- source keys


@pytest.mark.parametrize(
    "text, key",
    [
        ("der Präsident", "Präsident"),
        ("Der Präsident", "Präsident"),
        ("des Innenministeriums", "Innenministerium"),
        ("eines Sprechers der Polizei", "Sprecher der Polizei"),
        ("ein Sprecher der Polizei", "Sprecher der Polizei"),
        ("der Politologe Igor Sawelin", "Igor Sawelin"),
        ("Die unabhängige Journalistin Aigul Temirbekowa", "Aigul Temirbekowa"),
        ("der Rentner Bolat Serikbajew in Almaty", "Rentner Bolat Serikbajew in Almaty"),
        ("die Vereinten Nationen", "Vereinten Nationen"),
        ("des Kongresses", "Kongresse"),  # only the genitive -s is removed (documented heuristic)
        ("Augenzeugen", "Augenzeugen"),
        ("er", None),
        ("Sie", None),
        ("seinen Worten", None),
        ("nach eigenen Angaben".split(maxsplit=1)[1], None),
        ("Demnach", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_source(text, key):
    assert S.normalise_source(text) == key


def test_source_keys_prefer_actor_names_and_skip_unnamed_sources():
    table = att(
        {"source_text": "Präsident Tokajew", "source_actor": "tokajew"},
        {"source_text": "er", "source_actor": "tokajew"},  # pronoun resolved to an actor by attribution
        {"source_text": "sie"},  # unresolved pronoun
        {"source_text": "Berichten", "anonymous": True},
        {"source_text": "aus Regierungskreisen", "anonymous": True},
        {"source_text": None},
        {"source_text": "der Präsident"},
        {"source_text": "Das Präsidialamt", "source_actor": "kz_praesidialamt"},
    )
    keys = S.source_keys(table, {"tokajew": "Kassym-Schomart Tokajew"})
    assert keys.name == "source"
    assert keys.tolist() == ["Kassym-Schomart Tokajew", "Kassym-Schomart Tokajew", pd.NA, pd.NA, pd.NA, pd.NA,
                             "Präsident", "kz_praesidialamt"]


def test_source_keys_merge_a_bare_surname_into_the_only_full_name():
    table = att(
        {"source_text": "der Politologe Lukas Brandner"},
        {"source_text": "Brandner"},
        {"source_text": "der russische Präsident"},
        {"source_text": "Der Präsident"},  # a role noun is no surname: not merged into "russische Präsident"
        {"source_text": "die Analystin Anna Weber"},
        {"source_text": "der Ökonom Jan Weber"},
        {"source_text": "Weber"},  # ambiguous: two full names end in Weber
    )
    assert S.source_keys(table).tolist() == ["Lukas Brandner", "Lukas Brandner", "russische Präsident",
                                             "Präsident", "Anna Weber", "Jan Weber", "Weber"]


# ------------------------------------------------------------------------------- top sources

CITED = att(
    {"article_id": "s1", "source_text": "Tokajew", "source_actor": "tokajew", "source_type": "government"},
    {"article_id": "s1", "source_text": "er", "source_actor": "tokajew", "source_type": "government"},
    {"article_id": "s2", "source_text": "Tokajew", "source_actor": "tokajew", "source_type": "government"},
    {"article_id": "d1", "source_text": "Tokajew", "source_actor": "tokajew", "source_type": "government"},
    {"article_id": "d1", "source_text": "Augenzeugen", "source_type": "witness_or_public"},
    {"article_id": "i1", "source_text": "Augenzeugen", "source_type": "witness_or_public"},
    {"article_id": "i1", "source_text": "die Augenzeugen", "source_type": "other"},
    {"article_id": "r1", "source_text": "Kremlsprecher Peskow", "source_actor": "peskow",
     "source_type": "foreign_government"},
    {"article_id": "r1", "source_text": "sie"},
    {"article_id": "gone", "source_text": "Niemand", "source_type": "other"},
)


def test_top_sources_overall():
    top = S.top_sources(CITED, ARTICLES, by=None, names={"tokajew": "Kassym-Schomart Tokajew"})
    assert top.columns.tolist() == ["rank", "source", "source_type", "attributions", "articles",
                                    "total_attributions", "total_articles"]
    assert top[["rank", "source", "source_type", "attributions", "articles"]].values.tolist() == [
        [1, "Kassym-Schomart Tokajew", "government", 4, 3],
        [2, "Augenzeugen", "witness_or_public", 3, 2],  # most frequent type wins
        [3, "peskow", "foreign_government", 1, 1],
    ]


def test_top_sources_by_group_and_limit():
    top = S.top_sources(CITED, ARTICLES, n=2)
    assert top[["rank", "source", "outlet_group", "attributions", "total_attributions"]].values.tolist() == [
        [1, "tokajew", "state_media", 3, 4],
        [1, "tokajew", "german_language_media", 1, 4],
        [2, "Augenzeugen", "independent_media", 2, 3],
        [2, "Augenzeugen", "german_language_media", 1, 3],
    ]


def test_top_sources_respects_the_articles_given():
    top = S.top_sources(CITED, ARTICLES[ARTICLES["article_id"] != "s1"], by=None)
    assert top.loc[top["source"] == "tokajew", "attributions"].item() == 2


def test_top_sources_empty():
    top = S.top_sources(CITED.iloc[0:0], ARTICLES)
    assert top.empty and "source" in top.columns


# ------------------------------------------------------------------------------- shares

MIXED = att(
    {"article_id": "s1", "source_type": "government", "form": "indirect"},
    {"article_id": "s1", "source_type": "government", "form": "direct"},
    {"article_id": "s2", "source_type": "security_forces", "form": "according_to"},
    {"article_id": "i1", "source_type": "witness_or_public", "form": "reported"},
    {"article_id": "i1", "source_type": "government", "form": "indirect"},
    {"article_id": "d1", "source_type": "news_agency", "form": "according_to"},
    {"article_id": "d1", "source_type": "mystery", "form": "indirect"},
)


def test_source_type_shares_full_grid():
    shares = S.source_type_shares(MIXED, ARTICLES)
    assert shares.columns.tolist() == ["outlet_group", "source_type", "attributions", "share",
                                       "group_attributions", "group_articles"]
    assert list(dict.fromkeys(shares["outlet_group"])) == list(S.GROUP_ORDER[:4])
    assert list(dict.fromkeys(shares["source_type"])) == [*SOURCE_TYPES, "mystery"]
    state = shares[shares["outlet_group"] == "state_media"].set_index("source_type")
    assert state.loc["government", "attributions"] == 2
    assert state.loc["government", "share"] == pytest.approx(2 / 3)
    assert state.loc["security_forces", "share"] == pytest.approx(1 / 3)
    assert state["group_articles"].iloc[0] == 2
    # a group without attributions: counted articles, no share
    aligned = shares[shares["outlet_group"] == "state_aligned_media"]
    assert aligned["group_articles"].iloc[0] == 1 and aligned["share"].isna().all()
    german = shares[shares["outlet_group"] == "german_language_media"]
    assert german["group_articles"].iloc[0] == 3
    for group, part in shares.groupby("outlet_group"):
        if part["group_attributions"].iloc[0]:
            assert part["share"].sum() == pytest.approx(1.0)


def test_form_shares():
    forms = S.form_shares(MIXED, ARTICLES, by="outlet_type")
    assert list(dict.fromkeys(forms["form"])) == list(FORMS)
    indep = forms[forms["outlet_type"] == "independent_media"].set_index("form")["share"]
    assert indep.to_dict() == {"direct": 0.0, "indirect": 0.5, "according_to": 0.0, "reported": 0.5}
    # every summary orders outlet types the same way (medialens.tables.GROUP_ORDER), as actors did
    assert list(dict.fromkeys(forms["outlet_type"])) == [
        "state_media", "state_aligned_media", "independent_media", "public_broadcaster", "private_media",
        "news_agency"]


def test_to_wide_orders_labels_and_drops_empty_categories():
    wide = S.to_wide(S.form_shares(MIXED, ARTICLES), "form")
    assert wide.index.tolist() == [
        "state_media (2 art., 3 attr.)", "state_aligned_media (1 art., 0 attr.)",
        "independent_media (1 art., 2 attr.)", "german_language_media (3 art., 2 attr.)"]
    assert wide.columns.tolist() == list(FORMS)
    assert wide.iloc[0].tolist() == [1, 1, 1, 0]
    types = S.to_wide(S.source_type_shares(MIXED, ARTICLES), "source_type", values="share", label_n=False)
    assert types.columns.tolist() == ["news_agency", "government", "security_forces", "witness_or_public", "mystery"]
    assert types.loc["independent_media", "government"] == pytest.approx(0.5)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ARTICLES["article_id"].tolist()), st.sampled_from(SOURCE_TYPES)),
                max_size=30))
def test_shares_sum_to_one_per_group(rows):
    table = att(*[{"article_id": a, "source_type": t} for a, t in rows])
    shares = S.source_type_shares(table, ARTICLES)
    assert shares["attributions"].sum() == len(rows)
    sums = shares.groupby("outlet_group")["share"].sum(min_count=1).dropna()
    assert all(math.isclose(v, 1.0) for v in sums)


# ------------------------------------------------------------------------------- relays

RELAYS = att(
    {"article_id": "d1", "via_text": "das Staatsfernsehen", "via_type": "state_media", "source_type": "government"},
    {"article_id": "d2", "via_text": "die Staatsagentur", "via_type": "state_media", "source_type": "government"},
    {"article_id": "i1", "via_text": "der Kanal", "via_type": "independent_media",
     "source_type": "witness_or_public"},
    {"article_id": "s1", "via_text": "dem Redetext", "via_type": None, "source_type": "government"},
    {"article_id": "s1", "source_type": "government"},  # no relay
)


def test_relay_table_counts_type_pairs():
    table = S.relay_table(RELAYS)
    assert table.values.tolist() == [
        ["state_media", "government", 2],
        ["independent_media", "witness_or_public", 1],
        ["other", "government", 1],
    ]


def test_relay_table_by_group():
    table = S.relay_table(RELAYS, ARTICLES, by="outlet_group")
    assert table.values.tolist() == [
        ["german_language_media", "state_media", "government", 2],
        ["state_media", "other", "government", 1],
        ["independent_media", "independent_media", "witness_or_public", 1],
    ]
    with pytest.raises(ValueError):
        S.relay_table(RELAYS, by="outlet_group")


def test_relay_table_empty():
    assert S.relay_table(RELAYS.iloc[4:]).columns.tolist() == ["via_type", "source_type", "relays"]


# ------------------------------------------------------------------------------- anonymous share


ANON = att(
    {"article_id": "s1", "anonymous": True}, {"article_id": "s1"}, {"article_id": "s1"}, {"article_id": "s1"},
    {"article_id": "s2", "anonymous": True}, {"article_id": "s2"},
    {"article_id": "r1", "anonymous": True}, {"article_id": "r1"},
    {"article_id": "i1"}, {"article_id": "i1"},
    {"article_id": "d1", "anonymous": True},
)


def test_anonymous_shares_bootstrap():
    table = S.anonymous_shares(ANON, ARTICLES, n_boot=500, seed=3)
    assert table.columns.tolist() == ["outlet_group", "group_articles", "attributions", "anonymous", "share",
                                      "ci_low", "ci_high"]
    rows = table.set_index("outlet_group")
    assert rows.loc["state_media", ["group_articles", "attributions", "anonymous"]].tolist() == [2, 6, 2]
    assert rows.loc["state_media", "share"] == pytest.approx(1 / 3)
    # two articles with shares 1/4 and 1/2: resamples give 1/4, 1/3 or 1/2
    assert rows.loc["state_media", "ci_low"] == pytest.approx(0.25)
    assert rows.loc["state_media", "ci_high"] == pytest.approx(0.5)
    # one article: the bootstrap cannot see variation between articles
    assert rows.loc["state_aligned_media", ["ci_low", "ci_high"]].tolist() == [0.5, 0.5]
    assert rows.loc["independent_media", ["share", "ci_low", "ci_high"]].tolist() == [0.0, 0.0, 0.0]
    # German-language: three articles, only d1 has an attribution -> resamples without d1 are skipped
    assert rows.loc["german_language_media", ["group_articles", "attributions", "share"]].tolist() == [3, 1, 1.0]
    assert table.equals(S.anonymous_shares(ANON, ARTICLES, n_boot=500, seed=3))


def test_anonymous_share_interval_of_a_group_does_not_move_when_another_group_is_added():
    state = ARTICLES[ARTICLES["outlet_type"] == "state_media"]
    alone = S.anonymous_shares(ANON, state, n_boot=300, seed=3)
    everyone = S.anonymous_shares(ANON, ARTICLES, n_boot=300, seed=3)
    cols = ["share", "ci_low", "ci_high"]
    assert alone.set_index("outlet_group").loc["state_media", cols].tolist() == \
        everyone.set_index("outlet_group").loc["state_media", cols].tolist()


def test_anonymous_shares_wilson_and_empty_groups():
    table = S.anonymous_shares(ANON, ARTICLES[ARTICLES["article_id"] != "d1"], method="wilson")
    rows = table.set_index("outlet_group")
    assert (rows.loc["state_media", "ci_low"], rows.loc["state_media", "ci_high"]) == wilson_interval(2, 6)
    assert rows.loc["german_language_media", "attributions"] == 0
    assert rows.loc["german_language_media", ["share", "ci_low", "ci_high"]].isna().all()
    with pytest.raises(ValueError):
        S.anonymous_shares(ANON, ARTICLES, method="jackknife")


# ------------------------------------------------------------------------------- evidence and plots


def test_evidence_spans_fall_back_in_order():
    table = att(
        {"cue_start": 5, "cue_end": 12, "source_start": 0, "source_end": 4, "quote_start": 14, "quote_end": 30},
        {"source_start": 0, "source_end": 4, "quote_start": 14, "quote_end": 30},
        {"quote_start": 14, "quote_end": 30},
        {},
    )
    out = S.evidence_spans(table)
    assert out["start"].tolist() == [5, 0, 14, pd.NA]
    assert out["end"].tolist() == [12, 4, 30, pd.NA]
    assert out["span"].tolist() == ["cue", "source", "quote", pd.NA]
    assert S.evidence_spans(table, prefer=("quote",))["start"].tolist() == [14, 14, 14, pd.NA]
    with pytest.raises(ValueError):
        S.evidence_spans(table, prefer=("via",))


def test_plot_top_sources_returns_axes_with_one_bar_row_per_source():
    top = S.top_sources(CITED, ARTICLES, names={"tokajew": "Tokajew"})
    fig, ax = plt.subplots()
    assert C.plot_top_sources(top, ax=ax) is ax
    bottom_to_top = [t.get_text() for _, t in sorted(zip(ax.get_yticks(), ax.get_yticklabels()), key=lambda p: p[0])]
    assert bottom_to_top == ["peskow (Foreign governments)", "Augenzeugen (Witnesses and public)", "Tokajew (Government)"]
    widths = sum(p.get_width() for p in ax.patches)
    assert widths == top["attributions"].sum()
    plt.close(fig)


# ------------------------------------------------------------------------------- end to end


def test_summaries_on_extracted_attributions():
    text = ("Die Agentur Interfax meldete unter Berufung auf das Gesundheitsministerium, dass mehr als "
            "2000 Menschen verletzt worden seien. Die Verhandlungen seien gescheitert, hieß es am Abend.")
    doc = nlp.process("d1", text, cache=False)
    table = attributions_frame([doc])
    relays = S.relay_table(table)
    assert relays.values.tolist() == [["news_agency", "government", 1]]
    anon = S.anonymous_shares(table, ARTICLES, method="wilson").set_index("outlet_group")
    assert anon.loc["german_language_media", ["attributions", "anonymous"]].tolist() == [2, 1]
    from medialens.actors import mentions_frame
    from medialens.actors.summary import mention_names

    keys = S.source_keys(table, names=mention_names(mentions_frame([doc]))).tolist()
    assert keys[0] == "Gesundheitsministerium" and pd.isna(keys[1])
