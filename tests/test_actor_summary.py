"""Tests for medialens.actor_summary: counts, normalisation, time, voice, network and dictionary stubs."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from medialens.actors import summary as S  # noqa: E402
from medialens.figures.charts import actors as C  # noqa: E402
from medialens import actors, nlp  # noqa: E402

COLS = ["article_id", "sentence_index", "start", "end", "surface", "actor_id", "actor_type", "category", "role"]
ACTOR_META = {
    "tokajew": ("person", "kz_government"),
    "putin": ("person", "ru_government"),
    "ovks": ("organisation", "international_organisation"),
    "kasachstan": ("state", "state"),
    "almaty": ("place", "place"),
}


def mention(article: str, sentence: int, actor_id: str, role: str = "mentioned", surface: str | None = None) -> tuple:
    actor_type, category = ACTOR_META[actor_id]
    return (article, sentence, 10 * sentence, 10 * sentence + 5, surface or actor_id.title(), actor_id, actor_type,
            category, role)


@pytest.fixture()
def articles() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": ["a1", "a2", "a3", "a4"],
        "outlet_type": ["state_media", "state_media", "independent_media", "independent_media"],
        "date": ["2022-01-05", "2022-01-07", "2022-01-05", "2022-01"],
        "date_precision": ["day", "day", "day", "month"],
    })


@pytest.fixture()
def sentences() -> pd.DataFrame:
    sizes = {"a1": 4, "a2": 6, "a3": 5, "a4": 5}
    rows = [(a, i, 10 * i, 10 * i + 9, f"Satz {i} in {a}.") for a, n in sizes.items() for i in range(n)]
    return pd.DataFrame(rows, columns=["article_id", "sentence_index", "start", "end", "text"])


@pytest.fixture()
def mentions() -> pd.DataFrame:
    rows = [
        mention("a1", 0, "tokajew", "source", "Tokajew"),
        mention("a1", 0, "putin", surface="Putin"),
        mention("a1", 1, "tokajew", surface="Präsident"),
        mention("a1", 2, "tokajew", surface="Tokajews"),
        mention("a1", 2, "kasachstan"),
        mention("a2", 0, "tokajew", surface="Tokajew"),
        mention("a2", 0, "ovks", "source", "OVKS"),
        mention("a3", 1, "putin", "source", "Putin"),
        mention("a3", 1, "tokajew", surface="Tokajew"),
        mention("a3", 3, "almaty"),
        mention("a4", 2, "putin", surface="Putin"),
        mention("zz", 0, "putin"),  # article not in the articles table: ignored everywhere
    ]
    return pd.DataFrame(rows, columns=COLS)


# ----------------------------------------------------------------------------------- labels, groups


def test_actor_labels_short_full_and_candidates():
    labels = S.actor_labels(["ovks", "tokajew", "candidate:Igor Sawelin", "nobody"])
    assert labels == {"ovks": "OVKS", "tokajew": "Kassym-Schomart Tokajew", "candidate:Igor Sawelin": "Igor Sawelin",
                      "nobody": "nobody"}
    assert S.actor_labels(["ovks"], short=False)["ovks"].startswith("OVKS (Organisation des Vertrag")


def test_ordered_groups_follow_the_type_colours_then_alphabet():
    values = ["zeta_media", "private_media", "all outlets", "state_media", "alpha_media", "independent_media"]
    assert S.ordered_groups(values) == ["state_media", "independent_media", "private_media", "alpha_media",
                                        "zeta_media", "all outlets"]


def test_group_sizes_count_articles_and_sentences(articles, sentences):
    sizes = S.group_sizes(articles, sentences)
    assert sizes.to_dict("records") == [
        {"outlet_type": "state_media", "n_articles": 2, "n_sentences": 10},
        {"outlet_type": "independent_media", "n_articles": 2, "n_sentences": 10},
    ]
    missing = articles.assign(outlet_type=[None, "state_media", "state_media", "state_media"])
    assert S.group_sizes(missing)["outlet_type"].tolist() == ["state_media", "unknown"]


# ----------------------------------------------------------------------------------- counts


def test_actor_counts_raw_and_normalised(mentions, articles, sentences):
    counts = S.actor_counts(mentions, articles, sentences)
    assert list(counts.columns) == ["outlet_type", *S.COUNT_COLUMNS]
    rows = {(r.outlet_type, r.actor_id): r for r in counts.itertuples(index=False)}
    # places and states are not actors by default; the article "zz" is not in the corpus
    assert set(rows) == {("state_media", "tokajew"), ("state_media", "putin"), ("state_media", "ovks"),
                         ("independent_media", "putin"), ("independent_media", "tokajew")}
    tok = rows[("state_media", "tokajew")]
    assert (tok.mentions, tok.articles_mentioning, tok.n_articles, tok.n_sentences) == (4, 2, 2, 10)
    assert tok.per_article == pytest.approx(2.0)
    assert tok.per_1000_sentences == pytest.approx(400.0)
    assert tok.article_share == pytest.approx(1.0)
    putin = rows[("independent_media", "putin")]
    assert (putin.mentions, putin.articles_mentioning) == (2, 2)
    assert putin.per_article == pytest.approx(1.0) and putin.article_share == pytest.approx(1.0)
    ovks = rows[("state_media", "ovks")]
    assert ovks.actor == "OVKS" and ovks.article_share == pytest.approx(0.5)
    # groups in display order, most mentioned first
    assert counts["actor_id"].tolist() == ["tokajew", "ovks", "putin", "putin", "tokajew"]


def test_actor_counts_types_none_keeps_states_and_places(mentions, articles, sentences):
    counts = S.actor_counts(mentions, articles, sentences, types=None)
    assert {"kasachstan", "almaty"} <= set(counts["actor_id"])


def test_actor_counts_without_sentences_and_empty(mentions, articles):
    counts = S.actor_counts(mentions, articles)
    assert counts["per_1000_sentences"].isna().all() and counts["per_article"].notna().all()
    empty = S.actor_counts(mentions.iloc[0:0], articles)
    assert empty.empty and list(empty.columns) == ["outlet_type", *S.COUNT_COLUMNS]


def test_deduplicated_articles_restrict_the_counts(mentions, articles, sentences):
    counts = S.actor_counts(mentions, articles[articles["article_id"] != "a2"], sentences)
    tok = counts[(counts["outlet_type"] == "state_media") & (counts["actor_id"] == "tokajew")].iloc[0]
    assert (tok.mentions, tok.n_articles, tok.n_sentences) == (3, 1, 4)
    assert "ovks" not in set(counts["actor_id"])


def test_top_actor_ids_union_of_groups_and_matrix(mentions, articles, sentences):
    counts = S.actor_counts(mentions, articles, sentences)
    # top 1 per group: tokajew in state media (400 per 1,000), putin in independent media (200 vs 100)
    assert S.top_actor_ids(counts, n=1) == ["tokajew", "putin"]
    assert S.top_actor_ids(counts, n=5) == ["tokajew", "putin", "ovks"]
    wide = S.actor_matrix(counts, ["tokajew", "putin", "ovks"])
    assert list(wide.columns) == ["state_media", "independent_media"]
    assert list(wide.index) == ["Kassym-Schomart Tokajew", "Wladimir Putin", "OVKS"]
    assert wide.loc["OVKS", "independent_media"] == 0.0  # never mentioned there
    assert wide.loc["Wladimir Putin", "independent_media"] == pytest.approx(200.0)
    raw = S.actor_matrix(counts, ["tokajew"], value="mentions")
    assert raw.loc["Kassym-Schomart Tokajew"].tolist() == [4.0, 1.0]
    assert S.top_actor_ids(counts.iloc[0:0]) == []


# ----------------------------------------------------------------------------------- time


def test_actors_per_day_fills_days_and_skips_month_dates(mentions, articles):
    daily = S.actors_per_day(mentions, articles, n=2)
    assert list(daily.columns) == S.DAY_COLUMNS
    assert daily["date"].unique().tolist() == ["2022-01-05", "2022-01-06", "2022-01-07"]
    assert daily["actor_id"].unique().tolist() == ["tokajew", "putin"]
    by = {(r.date, r.actor_id): (r.mentions, r.articles_mentioning, r.n_articles) for r in daily.itertuples()}
    assert by[("2022-01-05", "tokajew")] == (4, 2, 2)
    assert by[("2022-01-05", "putin")] == (2, 2, 2)
    assert by[("2022-01-06", "tokajew")] == (0, 0, 0)  # a day without articles stays in the table
    assert by[("2022-01-07", "putin")] == (0, 0, 1)  # a4 (month only) is not counted
    chosen = S.actors_per_day(mentions, articles, actor_ids=["ovks"])
    assert chosen["mentions"].tolist() == [0, 0, 1]
    assert S.actors_per_day(mentions, articles.assign(date_precision="month")).empty


# ----------------------------------------------------------------------------------- voice


def test_voice_table_counts_sources_per_group_and_overall(mentions, articles):
    voice = S.voice_table(mentions, articles)
    assert list(voice.columns) == ["outlet_type", *S.VOICE_COLUMNS]
    rows = {(r.outlet_type, r.actor_id): (r.mentions, r.source, r.mentioned) for r in voice.itertuples()}
    assert rows[("state_media", "tokajew")] == (4, 1, 3)
    assert rows[("independent_media", "putin")] == (2, 1, 1)
    assert rows[("all outlets", "tokajew")] == (5, 1, 4)
    assert rows[("all outlets", "putin")] == (3, 1, 2)
    assert rows[("all outlets", "ovks")] == (1, 1, 0)
    # actors by total mentions, the total row last within an actor
    assert voice["actor_id"].tolist()[:3] == ["tokajew"] * 3
    assert voice["outlet_type"].tolist()[:3] == ["state_media", "independent_media", "all outlets"]
    share = voice.set_index(["outlet_type", "actor_id"])["source_share"]
    assert share[("all outlets", "tokajew")] == pytest.approx(0.2)
    assert "all outlets" not in set(S.voice_table(mentions, articles, total=None)["outlet_type"])
    assert S.voice_table(mentions.iloc[0:0], articles).empty


def test_voice_plots_return_axes(mentions, articles):
    voice = S.voice_table(mentions, articles)
    fig, (ax1, ax2) = plt.subplots(1, 2)
    assert C.plot_voice_bars(voice, ax=ax1) is ax1
    assert [t.get_text() for t in ax1.get_yticklabels()] == ["OVKS", "Wladimir Putin", "Kassym-Schomart Tokajew"]
    assert C.plot_voice_matrix(voice, ["tokajew", "ovks"], ax=ax2) is ax2
    texts = sorted(t.get_text() for t in ax2.texts)
    assert texts == ["0/1", "1/1", "1/1", "1/4", "1/5"]  # ovks not in independent media: blank cell
    assert [t.get_text() for t in ax2.get_xticklabels()] == ["State media", "Independent media", "All outlets"]
    plt.close(fig)


# ----------------------------------------------------------------------------------- network


def test_cooccurrence_network_top_actors_and_labels(mentions):
    graph = S.cooccurrence_network(mentions, n=None)
    assert set(graph.nodes) == {"tokajew", "putin", "ovks"}
    assert graph["putin"]["tokajew"]["weight"] == 2 and graph["putin"]["tokajew"]["articles"] == 2
    assert graph.nodes["ovks"]["label"] == "OVKS" and graph.nodes["tokajew"]["mentions"] == 5
    assert graph.nodes["tokajew"]["source"] == 1
    top2 = S.cooccurrence_network(mentions, n=2)
    assert set(top2.nodes) == {"tokajew", "putin"}
    strong = S.cooccurrence_network(mentions, n=None, min_sentences=2)
    assert set(strong.edges) == {("tokajew", "putin")} or set(strong.edges) == {("putin", "tokajew")}
    assert "ovks" in strong.nodes  # isolated, still drawn
    with_places = S.cooccurrence_network(mentions, n=None, types=None)
    assert with_places.has_edge("kasachstan", "tokajew")


def test_network_table_and_graphml(mentions, tmp_path):
    graph = S.cooccurrence_network(mentions, n=None)
    table = S.network_table(graph)
    assert table["kind"].tolist() == ["node", "node", "node", "edge", "edge"]
    assert table.loc[0, "actor_a"] == "tokajew" and table.loc[0, "mentions"] == 5
    edge = table[table["kind"] == "edge"].iloc[0]
    assert (edge.actor_a, edge.actor_b, edge.sentences, edge.articles) == ("putin", "tokajew", 2, 2)
    path = S.write_graphml(graph, tmp_path / "sub" / "net.graphml")
    back = nx.read_graphml(path)
    assert back.nodes["putin"]["label"] == "Wladimir Putin"
    assert back["ovks"]["tokajew"]["weight"] == 1


def test_plot_network_is_deterministic(mentions):
    graph = S.cooccurrence_network(mentions, n=None)
    offsets = []
    for _ in range(2):
        fig, ax = plt.subplots()
        assert C.plot_network(graph, ax=ax) is ax
        offsets.append(ax.collections[0].get_offsets().tolist())
        labels = sorted(t.get_text() for t in ax.texts)
        plt.close(fig)
    assert offsets[0] == offsets[1]
    assert offsets[0][0] == pytest.approx([0.0, 1.0])  # the most mentioned category starts at the top
    assert labels == ["Kassym-Schomart Tokajew", "OVKS", "Wladimir Putin"]
    fig, ax = plt.subplots()
    C.plot_network(graph, ax=ax, layout="spring", seed=3)
    first = ax.collections[-1].get_offsets().tolist()
    fig2, ax2 = plt.subplots()
    C.plot_network(graph, ax=ax2, layout="spring", seed=3)
    assert ax2.collections[-1].get_offsets().tolist() == first
    with pytest.raises(ValueError):
        C.plot_network(graph, ax=ax, layout="random")
    C.plot_network(nx.Graph(), ax=ax)  # an empty network draws nothing, no error
    plt.close("all")


def test_cooccurrence_sentences(mentions, sentences):
    both = S.cooccurrence_sentences(mentions, sentences, "tokajew", "putin")
    assert both[["article_id", "sentence_index"]].values.tolist() == [["a1", 0], ["a3", 1]]
    assert both["text"].tolist() == ["Satz 0 in a1.", "Satz 1 in a3."]


# ----------------------------------------------------------------------------------- name forms, stubs


def test_surface_forms(mentions):
    forms = S.surface_forms(mentions, ["tokajew"])
    assert forms[["surface", "mentions"]].values.tolist() == [["Tokajew", 3], ["Präsident", 1], ["Tokajews", 1]]
    assert forms["share"].tolist() == pytest.approx([0.6, 0.2, 0.2])
    assert S.surface_forms(mentions)["actor_id"].iloc[0] == "tokajew"
    assert S.surface_forms(mentions.iloc[0:0]).empty


def test_dictionary_stubs_parse_and_match(tmp_path):
    candidates = pd.DataFrame(
        [
            ("Igor Sawelin", "PER", 4, 3, "Igor Sawelin|Sawelin|Sawelins", "first-name", "x", "."),
            ("Grüne Liga", "ORG", 2, 1, "Grüne Liga", "org-suffix", "x", "."),
            ("Zentralasien", "LOC", 1, 1, "Zentralasien|Zentralasiens", "gazetteer", "x", "."),
        ],
        columns=actors.CANDIDATE_COLUMNS,
    )
    lines = S.dictionary_stubs(candidates, n=2)
    rows = [json.loads(line) for line in lines]
    assert [(r["id"], r["pattern"], r.get("anaphoric", False)) for r in rows] == [
        ("igor_sawelin", "Igor Sawelin", False),
        ("igor_sawelin", "Sawelin", True),  # the genitive "Sawelins" needs no line
        ("gruene_liga", "Grüne Liga", False),
    ]
    assert rows[0]["type"] == "person" and rows[2]["type"] == "organisation" and rows[2]["label"] == "ORG"
    path = tmp_path / "actors.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dictionary = actors.load_actors(path)
    doc = nlp.process("s", "Igor Sawelin kritisierte die Grüne Liga. Sawelins Kritik blieb ohne Antwort.", cache=False)
    found = [(m.surface, m.actor_id) for m in actors.extract_mentions(doc, dictionary=dictionary)]
    assert found == [("Igor Sawelin", "igor_sawelin"), ("Grüne Liga", "gruene_liga"), ("Sawelins", "igor_sawelin")]


def test_summaries_on_mentions_from_written_sentences():
    docs = [
        nlp.process("s1", "Präsident Tokajew bat die OVKS um Hilfe. Der Präsident dankte Putin.", cache=False),
        nlp.process("s2", "Putin sagte, die OVKS werde helfen.", cache=False),
    ]
    attributions = pd.DataFrame({"article_id": ["s2"], "source_start": [0], "source_end": [5]})
    mentions = actors.mentions_frame(docs, attributions)
    articles = pd.DataFrame({"article_id": ["s1", "s2"], "outlet_type": ["state_media", "private_media"],
                             "date": ["2022-01-06", "2022-01-07"], "date_precision": ["day", "day"]})
    counts = S.actor_counts(mentions, articles)
    got = {(r.outlet_type, r.actor_id): r.mentions for r in counts.itertuples()}
    assert got == {("state_media", "tokajew"): 2, ("state_media", "ovks"): 1, ("state_media", "putin"): 1,
                   ("private_media", "putin"): 1, ("private_media", "ovks"): 1}
    voice = S.voice_table(mentions, articles).set_index(["outlet_type", "actor_id"])
    assert voice.loc[("private_media", "putin"), "source"] == 1
    assert voice.loc[("all outlets", "putin"), ["source", "mentioned"]].tolist() == [1, 1]


def test_plot_actors_per_day_lines_and_volume(mentions, articles):
    daily = S.actors_per_day(mentions, articles, n=2)
    fig, (top, ax) = plt.subplots(2, 1, sharex=True)
    assert C.plot_actors_per_day(daily, ax=ax, volume_ax=top) is ax
    assert [line.get_label() for line in ax.get_lines()] == ["Kassym-Schomart Tokajew", "Wladimir Putin"]
    assert ax.get_lines()[0].get_ydata().tolist() == [4, 0, 1]
    assert [p.get_height() for p in top.patches] == [2, 0, 1]
    plt.close(fig)
