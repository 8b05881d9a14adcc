"""Figure export: files, sidecar, manifest, determinism, KWIC."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from medialens import figures

ARTICLES = pd.DataFrame({
    "article_id": ["a1", "a2"], "outlet": ["X", "Y"], "date": ["2022-01-05", "2022-01-06"],
    "text": ["Das Staatsfernsehen berichtete über Festnahmen.", "Ein Portal meldete Proteste in Almaty."],
    "synthetic": [True, True],
})
DATA = pd.DataFrame({"outlet_type": ["state_media", "independent_media"], "articles": [3, 5]})


def make_chart():
    with figures.style():
        fig, ax = plt.subplots()
        figures.plot_bar(DATA, "outlet_type", "articles", ax=ax, colour_by="outlet_type", title="Artikel")
    return fig


def test_save_figure_writes_all_files(tmp_path):
    paths = figures.save_figure(make_chart(), "demo-bar", DATA, "Articles per outlet type.", corpus=ARTICLES,
                                out_dir=tmp_path, notes="n=2")
    assert {p.name for p in paths.values()} == {f"demo-bar.{k}" for k in ("png", "svg", "pdf", "csv", "json")}
    assert pd.read_csv(paths["csv"]).equals(DATA)
    meta = json.loads(paths["json"].read_text())
    assert meta["caption"].startswith(figures.SYNTHETIC_NOTE)
    assert meta["corpus"]["articles"] == 2 and meta["corpus"]["synthetic"] is True
    assert meta["corpus"]["fingerprint"] == figures.corpus_fingerprint(ARTICLES)
    assert "CITATION.cff" in meta["suggested_citation"]
    manifest = pd.read_csv(tmp_path / "MANIFEST.csv")
    assert manifest["figure"].tolist() == ["demo-bar"]
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_same_input_gives_byte_identical_files(tmp_path):
    first = figures.save_figure(make_chart(), "same", DATA, "Caption.", corpus=ARTICLES, out_dir=tmp_path / "a")
    second = figures.save_figure(make_chart(), "same", DATA, "Caption.", corpus=ARTICLES, out_dir=tmp_path / "b")
    for kind in ("png", "svg", "pdf", "csv", "json"):
        assert first[kind].read_bytes() == second[kind].read_bytes(), kind
    svg = first["svg"].read_text()
    assert "<dc:date>" not in svg
    assert b"CreationDate" not in first["pdf"].read_bytes()


def test_fingerprint_changes_with_text():
    changed = ARTICLES.assign(text=["Das Staatsfernsehen berichtete.", ARTICLES.text[1]])
    assert figures.corpus_fingerprint(changed) != figures.corpus_fingerprint(ARTICLES)


def test_real_corpus_caption_has_no_synthetic_note(tmp_path):
    real = ARTICLES.assign(synthetic=[False, False])
    paths = figures.save_figure(make_chart(), "real", DATA, "Caption.", corpus=real, out_dir=tmp_path)
    assert json.loads(paths["json"].read_text())["caption"] == "Caption."


def test_bad_name_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="plain file stem"):
        figures.save_figure(make_chart(), "a/b", DATA, "c", out_dir=tmp_path)


def test_kwic_shows_context():
    spans = pd.DataFrame({"article_id": ["a1"], "start": [4], "end": [19], "kind": ["source"]})
    table = figures.kwic(spans, ARTICLES, window=14, keep=["kind"])
    assert table.iloc[0].tolist() == ["a1", "Das ", "Staatsfernsehen", " berichtete", "source"]


def test_other_plots_return_axes():
    table = pd.DataFrame({"direct": [2, 1], "indirect": [0, 3]}, index=["state_media", "independent_media"])
    assert figures.plot_stacked_shares(table).get_xlim() == (0.0, 1.0)
    lines = pd.DataFrame({"day": ["01-05", "01-06", "01-05"], "n": [1, 2, 3], "type": ["a", "a", "b"]})
    assert len(figures.plot_lines(lines, "day", "n", "type").get_lines()) == 2
    assert len(figures.plot_heatmap(table).texts) == 4
    plt.close("all")


def test_daily_counts_fill_the_whole_range():
    data = pd.DataFrame({"date": ["2022-01-02", "2022-01-05", "2022-01-05"], "n": [1, 2, 1],
                         "type": ["state_media", "state_media", "independent_media"]})
    ax = figures.plot_daily_counts(data, "date", "n", "type")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["01-02", "01-03", "01-04", "01-05"]
    assert sum(p.get_height() for p in ax.patches) == 4
    plt.close("all")
