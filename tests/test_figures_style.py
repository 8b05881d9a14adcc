"""House style: display labels from one data file, colour-blind-safe colours, sizes, fonts, notes, explorer."""

from __future__ import annotations

import itertools
import json
import sys

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from medialens import config, figures
from medialens.attribution.sources import SOURCE_TYPES
from medialens.corpus import read_registry
from medialens.figures.charts.framing import STANCE_ORDER
from medialens.framing import MARKER_KINDS, topic_names
from medialens.sentiment import SOURCE_GROUPS

style = sys.modules["medialens.figures.style"]
save = sys.modules["medialens.figures.save"]

# --------------------------------------------------------------------------- colour vision simulation

#: Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color vision
#: deficiency", IEEE TVCG 15(6): matrices for severity 1.0, applied to linear RGB.
CVD = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
#: Smallest CIE76 colour difference between two categories of one family, in every vision simulated.
MIN_DELTA_E = 9.0


def _lab(hex_colour: str, vision: str | None = None) -> np.ndarray:
    rgb = np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    if vision:
        linear = np.clip(CVD[vision] @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


COLOURED_FAMILIES = ["outlet_type", "outlet_group", "source_type", "source_group", "form", "frame", "voice",
                     "measure", "tone", "stance", "category"]


@pytest.mark.parametrize("family", COLOURED_FAMILIES)
@pytest.mark.parametrize("vision", [None, *CVD])
def test_every_category_of_a_family_is_distinct_also_for_colour_blind_readers(family, vision):
    colours = {cid: style.colour(cid, family_name=family) for cid in style.family(family)}
    assert all(colours.values()), f"{family}: ids without a colour"
    assert len(set(colours.values())) == len(colours), f"{family}: two categories share a colour"
    worst = min(((float(np.linalg.norm(_lab(ca, vision) - _lab(cb, vision))), a, b)
                 for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2)))
    assert worst[0] >= MIN_DELTA_E, f"{family} under {vision or 'normal vision'}: {worst}"


def test_every_category_the_analyses_produce_has_a_label_and_colour():
    outlet_types = {row["outlet_type"] for row in read_registry().to_dict("records")} | {"unknown"}
    expected = {
        "outlet_type": outlet_types,
        "source_type": set(SOURCE_TYPES),
        "source_group": set(SOURCE_GROUPS.values()),
        "frame": set(topic_names()),
        "marker": set(MARKER_KINDS),
        "stance": set(STANCE_ORDER),
    }
    for family, ids in expected.items():
        missing = ids - set(style.family(family))
        assert not missing, f"{family} ids without a display label in data/display/labels.csv: {sorted(missing)}"


def test_shared_ids_look_the_same_in_every_family():
    for cid in set(style.family("outlet_type")) & set(style.family("source_type")):
        assert style.label(cid, "outlet_type") == style.label(cid, "source_type")
        assert style.colour(cid, family_name="outlet_type") == style.colour(cid, family_name="source_type")


def test_labels_are_readable_and_tables_keep_numbers():
    assert figures.label("state_aligned_media") == "State-aligned media"
    assert figures.label("state", "category") == "States"
    assert figures.label("state", "source_group") == "State sources"
    assert figures.label("state_media\n(3 art., 40 sent.)") == "State media\n(3 art., 40 sent.)"
    assert figures.label("Tokajew") == "Tokajew" and figures.label("some_term") == "some term"
    table = pd.DataFrame({"outlet_type": ["state_media", "Zeitung X"], "share": [0.5, 0.25]})
    shown = figures.readable(table)
    assert shown.columns.tolist() == ["outlet type", "share"]
    assert shown["outlet type"].tolist() == ["State media", "Zeitung X"]
    assert shown["share"].tolist() == [0.5, 0.25]


def test_fallback_colours_never_repeat_a_fixed_colour_of_the_chart():
    colours = figures.colours_for(["state_media", "Tokajew", "Putin", "independent_media"])
    assert len(set(colours)) == 4


# --------------------------------------------------------------------------- sizes, fonts, stamp


def _wide_chart():
    fig, ax = plt.subplots(figsize=(10, 6))
    table = pd.DataFrame({"direct": [2, 1], "indirect": [0, 3]}, index=["state_media", "independent_media"])
    figures.plot_stacked_shares(table, ax=ax, title="Forms")
    ax.text(0.5, 0.5, "tiny", fontsize=4)
    return fig


def test_saved_chart_fits_two_columns_with_no_text_below_7_pt(tmp_path):
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "date": ["2022-01"], "text": ["Text."],
                             "synthetic": [True], "date_precision": ["month"]})
    fig = _wide_chart()
    paths = figures.save_figure(fig, "wide", pd.DataFrame({"x": [1]}), "A caption.", corpus=articles,
                                out_dir=tmp_path, close=False)
    assert tuple(fig.get_size_inches()) == pytest.approx((7.2, 6 * 7.2 / 10))
    sizes = [t.get_fontsize() for t in fig.findobj(plt.Text) if t.get_visible() and t.get_text()]
    assert min(sizes) >= style.MIN_FONT_SIZE
    png = paths["png"].read_bytes()
    width_px = int.from_bytes(png[16:20], "big")
    assert width_px <= 7.2 * 300 + 15
    texts = [t.get_text() for t in fig.texts]
    assert style.SYNTHETIC_STAMP in texts
    meta = json.loads(paths["json"].read_text())
    assert meta["size"] == {"preset": "two_column", "width_in": 7.2}
    assert meta["corpus"]["date_range"] == ["2022-01", "2022-01"] and meta["corpus"]["date_precision"] == "month"
    plt.close(fig)


def test_text_beside_the_axes_does_not_widen_the_saved_image(tmp_path):
    fig, ax = plt.subplots(figsize=(9, 4))
    ax.plot([0, 1], [0, 1])
    ax.annotate("a long label written beside the last point", (1, 1), xytext=(3, 0), textcoords="offset points")
    paths = figures.save_figure(fig, "beside", pd.DataFrame({"x": [1]}), "Beside.", out_dir=tmp_path)
    png = paths["png"].read_bytes()
    assert int.from_bytes(png[16:20], "big") <= 7.2 * 300 + 15


def test_narrow_chart_becomes_one_column(tmp_path):
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot([0, 1], [0, 1])
    figures.save_figure(fig, "narrow", pd.DataFrame({"x": [1]}), "Narrow.", out_dir=tmp_path, close=False)
    assert tuple(fig.get_size_inches()) == pytest.approx((3.5, 3.5))
    assert style.SYNTHETIC_STAMP not in [t.get_text() for t in fig.texts]
    plt.close(fig)


def test_captions_and_notes_never_end_in_two_full_stops(tmp_path):
    fig, ax = plt.subplots()
    paths = figures.save_figure(fig, "dots", pd.DataFrame({"x": [1]}), "Shares per group..", out_dir=tmp_path,
                                notes="Measured on held-out data.")
    meta = json.loads(paths["json"].read_text())
    assert meta["caption"] == "Shares per group." and meta["notes"] == "Measured on held-out data."
    assert ".." not in meta["suggested_citation"]
    assert save.join_sentences("A.", "B", "C..") == "A. B. C."


def test_synthetic_citation_names_the_figure_not_the_warning():
    caption = f"{figures.SYNTHETIC_NOTE} Articles per outlet type. More text."
    citation = figures.suggested_citation("00-x", caption)
    assert "Articles per outlet type." in citation and "illustrative only" not in citation
    assert "Synthetic demo corpus." in citation


def test_other_corpora_get_their_own_figure_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIALENS_FIGURES_DIR", str(tmp_path))
    assert figures.corpus_figures_dir(None) == tmp_path
    assert figures.corpus_figures_dir(config.DEMO_CORPUS_DIR) == tmp_path
    assert figures.corpus_figures_dir("somewhere/my corpus") == tmp_path / "my-corpus"
    assert figures.corpus_figures_dir("x/news.csv") == tmp_path / "news"
    assert figures.corpus_figures_dir("x/news.csv", tmp_path / "given") == tmp_path / "given"


def test_percent_axis_and_heatmap_colorbar_label():
    fig, ax = plt.subplots()
    figures.plot_heatmap(pd.DataFrame([[1, 2]], index=["state_media"], columns=["a", "b"]), ax=ax,
                         colorbar_label="attributions")
    assert fig.axes[-1].get_ylabel() == "attributions"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["State media"]
    fig2, ax2 = plt.subplots()
    figures.plot_bar(pd.DataFrame({"g": ["state_media"], "share": [0.25]}), "g", "share", ax=ax2, percent=True)
    assert ax2.xaxis.get_major_formatter()(0.25, 0) == "25 %"
    plt.close("all")


# --------------------------------------------------------------------------- notebook display


def test_notebook_shows_a_saved_chart_exactly_once(monkeypatch, tmp_path):
    from medialens import notebooks

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "date": [None], "text": ["T."],
                             "synthetic": [False]})
    session = notebooks.NotebookSession(config.DEMO_CORPUS_DIR, articles, None, tmp_path, "mine")
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    assert session.save(fig, "once", pd.DataFrame({"x": [1]}), "Once.") is None
    assert len(shown) == 1 and shown[0].format == "png" and shown[0].data[:4] == b"\x89PNG"
    assert not plt.get_fignums(), "the saved figure must be closed so the inline backend does not show it again"
    assert json.loads((tmp_path / "once.json").read_text())["corpus"]["name"] == "mine"


def test_enough_shows_a_note_instead_of_an_empty_chart(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    assert figures.enough(pd.DataFrame({"x": [1, 2]}), "rows", minimum=2)
    assert not figures.enough(pd.DataFrame({"x": []}), "articles dated to the day")
    assert not figures.enough(False, "the corpus has no state_media articles")
    texts = [repr(n) for n in shown]
    assert not figures.enough(pd.DataFrame({"x": [1]}), "sentences", minimum=3)
    assert texts[:2] == ["Note: No chart here: this corpus has no articles dated to the day.",
                         "Note: No chart here: the corpus has no state_media articles."]
    assert repr(shown[2]) == "Note: No chart here: it needs at least 3 sentences, and this corpus has only 1."
    assert "medialens-note" in shown[0]._repr_html_()


# --------------------------------------------------------------------------- KWIC and explorer

TEXT = "Die Regierung erklärte am Abend, die Lage sei unter Kontrolle. Augenzeugen berichteten anderes."
ARTICLES = pd.DataFrame({"article_id": ["a1"], "text": [TEXT]})


def test_kwic_contexts_are_whole_words_and_display_aligned():
    start = TEXT.index("Lage")
    spans = pd.DataFrame({"article_id": ["a1"], "start": [start], "end": [start + 4], "kind": ["state_media"]})
    row = figures.kwic(spans, ARTICLES, window=20, keep=["kind"]).iloc[0]
    assert row["left"] == "am Abend, die " and row["match"] == "Lage" and row["right"] == " sei unter Kontrolle"
    html = figures.kwic(spans, ARTICLES, window=20, keep=["kind"]).head(1)._repr_html_()
    assert "text-align:right" in html and "<b>Lage</b>" in html and "State media" in html
    missing = figures.kwic(spans.assign(kind=[None]), ARTICLES, keep=["kind"])._repr_html_()
    assert ">nan<" not in missing and ">None<" not in missing


def test_explorer_shows_sentences_and_degrades_to_a_static_table():
    start = TEXT.index("Augenzeugen")
    rows = pd.DataFrame({"article_id": ["a1", "a1"], "sentence_index": [1, 1], "group": ["independent_media"] * 2,
                         "source_type": ["witness_or_public", "witness_or_public"],
                         "start": [start, start], "end": [start + 11, start + 11]})
    sentences = pd.DataFrame({"article_id": ["a1"], "sentence_index": [1], "start": [TEXT.index("Augen")],
                              "end": [len(TEXT)]})
    explorer = figures.explorer(rows, ARTICLES, by="group", category="source_type", sentences=sentences)
    html = explorer.view("independent_media", "witness_or_public")
    assert "<mark><b>Augenzeugen</b></mark> berichteten anderes." in html and "2 rows" in html
    bundle = explorer._repr_mimebundle_()
    assert "Static view" in bundle["text/html"] and "Independent media" in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    menus = explorer.widget.children[0].children
    assert menus[0].value == "independent_media" and menus[1].value == "witness_or_public"
