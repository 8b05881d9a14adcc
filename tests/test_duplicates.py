"""Exact, near-duplicate and edited copies; linear work on templated texts (issues 12 and 18)."""

from __future__ import annotations

import random
import time

import pandas as pd
import pytest

from medialens import config
from medialens.corpus import deduplicate_articles, load_corpus
from medialens.corpus.duplicates import LshSettings, find_similar, flag_duplicates, shingle_set, similarity

# A wire story written for this test (fictional place and people), three paragraphs.
ORIGINAL = (
    "Seeburg (Reuters) – Der Stadtrat von Seeburg hat am Montag einen Notfallplan für die Wasserversorgung "
    "beschlossen, nachdem zwei Brunnen wegen Verunreinigungen geschlossen werden mussten. Bürgermeisterin "
    "Hanna Kessler sagte, die Versorgung sei bis auf Weiteres über Tankwagen gesichert.\n\n"
    "Nach Angaben der Stadtwerke sind rund 4000 Haushalte betroffen. Die Proben würden derzeit in einem "
    "Labor in der Landeshauptstadt untersucht, Ergebnisse würden frühestens am Donnerstag erwartet.\n\n"
    "Die Opposition im Stadtrat warf der Verwaltung vor, Hinweise auf die Probleme monatelang ignoriert zu "
    "haben. Ein Sprecher der Stadt wies das zurück und verwies auf regelmäßige Kontrollen."
)
# The same story as a republishing outlet edited it: one framing clause added, the last paragraph dropped.
EDITED = (
    "Seeburg (Reuters) – Der Stadtrat von Seeburg hat am Montag einen Notfallplan für die Wasserversorgung "
    "beschlossen, nachdem zwei Brunnen wegen Verunreinigungen geschlossen werden mussten, was Kritiker seit "
    "Jahren befürchtet hatten. Bürgermeisterin Hanna Kessler sagte, die Versorgung sei bis auf Weiteres über "
    "Tankwagen gesichert.\n\n"
    "Nach Angaben der Stadtwerke sind rund 4000 Haushalte betroffen. Die Proben würden derzeit in einem "
    "Labor in der Landeshauptstadt untersucht, Ergebnisse würden frühestens am Donnerstag erwartet."
)
OTHER = (
    "Hollbach – Der Sportverein Hollbach hat seinen Trainer nach drei Niederlagen in Folge entlassen. Der "
    "Vorstand teilte mit, man wolle vor der Winterpause einen Neuanfang wagen. Ein Nachfolger soll in der "
    "kommenden Woche vorgestellt werden."
)


def _table(texts, outlets=None, dates=None):
    n = len(texts)
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(n)], "text": texts,
                         "outlet": outlets or [f"Outlet {i}" for i in range(n)],
                         "outlet_type": ["private_media"] * n, "date": dates or ["2023-02-07"] * n})


def test_an_edited_wire_copy_is_flagged_as_copy_of_its_original():
    jac, contained = similarity(shingle_set(ORIGINAL), shingle_set(EDITED))
    assert jac < 0.9 and contained >= 0.8  # not a near-duplicate, but a copy
    out = flag_duplicates(_table([ORIGINAL, OTHER, EDITED]))
    assert out["copy_of"].isna().tolist() == [True, True, False]
    assert out.loc[2, "copy_of"] == "a0" and out.loc[2, "copy_similarity"] == pytest.approx(contained, abs=1e-4)
    assert out["near_duplicate_group"].isna().all()


def test_the_agency_article_is_the_original_on_the_same_day():
    out = flag_duplicates(_table([EDITED, ORIGINAL], outlets=["Zeitung", "Reuters"]), agencies={"Reuters"})
    assert out["copy_of"].tolist()[0] == "a1" and pd.isna(out["copy_of"].tolist()[1])


def test_copies_count_once_per_outlet_type():
    table = flag_duplicates(_table([ORIGINAL, EDITED, OTHER]))
    assert deduplicate_articles(table)["article_id"].tolist() == ["a0", "a2"]
    table["outlet_type"] = ["news_agency", "private_media", "private_media"]
    assert deduplicate_articles(table)["article_id"].tolist() == ["a0", "a1", "a2"]


def test_demo_corpus_groups_are_the_documented_wire_copies():
    articles, _ = load_corpus(config.DEMO_CORPUS_DIR)
    groups = articles.groupby("near_duplicate_group")["article_id"].apply(list).tolist()
    assert groups == [["demo-007", "demo-008", "demo-009"], ["demo-017", "demo-018"]]
    copies = articles.dropna(subset=["copy_of"]).set_index("article_id")["copy_of"].to_dict()
    assert copies == {"demo-008": "demo-007", "demo-009": "demo-007", "demo-018": "demo-017"}


def _templated(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    towns = ["Wendelstadt", "Seeburg", "Hollbach", "Kirchwald", "Altmoor", "Brunnfeld"]
    return [f"Die Feuerwehr in {rng.choice(towns)} meldet für den {rng.randint(1, 28)}. Februar insgesamt "
            f"{rng.randint(1, 999)} Einsätze. Ein Sprecher sagte, die Lage sei ruhig geblieben. Am Abend habe es "
            f"{rng.randint(1, 99)} Unfälle gegeben, darunter {rng.randint(1, 20)} mit Verletzten in "
            f"{rng.choice(towns)}." for _ in range(n)]


def test_work_per_text_is_bounded_by_the_bucket_cap():
    settings = LshSettings(cap=10)
    result = find_similar(_templated(3000), settings=settings)
    # every text meets at most `cap` earlier texts per band, however many share its boilerplate
    assert result.stats["max_candidates"] <= settings.bands * settings.cap
    assert result.stats["capped"] > 0  # the cap was reached: without it the buckets would hold thousands
    uncapped = find_similar(_templated(3000), settings=LshSettings(cap=10**9))
    assert uncapped.stats["max_candidates"] > settings.bands * settings.cap


def test_ten_thousand_templated_texts_in_seconds():
    started = time.perf_counter()
    find_similar(_templated(10_000))
    assert time.perf_counter() - started < 30


def test_bench_load_only_reports_the_duplicate_step(tmp_path):
    from medialens.bench import format_report, run_bench

    path = tmp_path / "templated.jsonl"
    path.write_text("".join(f'{{"article_id": "t{k}", "text": "{text}"}}\n' for k, text in enumerate(_templated(300))),
                    encoding="utf-8")
    report = run_bench(path, load_only=True, progress=False)
    assert report["articles"] == 300 and report["phases"] == {}
    assert report["duplicates"]["total_s"] >= report["duplicates"]["candidates_s"] > 0
    assert report["targets"] == {"load + duplicate step < 60 s (up to 10,000 texts)": True}
    assert "duplicate step (inside load_corpus)" in format_report(report)
