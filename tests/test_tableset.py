"""Out-of-core tables: Parquet datasets streamed from the store, and the notebooks' aggregations in DuckDB
equal to the pandas summaries on the same tables."""

from __future__ import annotations

import pandas as pd
import pytest

from medialens import aggregate, annotate, tables
from medialens.actors import summary as actor_summary
from medialens.attribution import summary as attribution_summary
from medialens.corpus import load_demo_corpus
from medialens.corpus import summary as corpus_summary


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    articles, _ = load_demo_corpus()
    root = tmp_path_factory.mktemp("ooc")
    in_memory = annotate.annotate(articles, cache=root / "cache", progress=False)
    on_disk = annotate.annotate_to_folder(articles, root / "tables", cache=root / "cache", progress=False)
    return articles, in_memory, on_disk, root


def values_equal(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False)


def test_datasets_hold_the_in_memory_tables(demo):
    articles, in_memory, on_disk, root = demo
    assert list(on_disk) == list(in_memory) and not on_disk.in_memory
    for name, table in in_memory.items():
        values_equal(on_disk[name], table)
    assert len(on_disk.frame("articles", ["article_id"])) == len(articles)


def test_a_rerun_of_unchanged_articles_keeps_the_folder(demo):
    articles, _, _, root = demo
    before = {p: p.stat().st_mtime_ns for p in (root / "tables").rglob("*.parquet")}
    annotate.annotate_to_folder(articles, root / "tables", cache=root / "cache", progress=False)
    assert {p: p.stat().st_mtime_ns for p in (root / "tables").rglob("*.parquet")} == before


def test_small_files_make_many_parts_in_corpus_order(demo, tmp_path, monkeypatch):
    from medialens.annotate import store

    articles, in_memory, _, root = demo
    monkeypatch.setattr(store, "ROWS_PER_FILE", 50)
    on_disk = annotate.annotate_to_folder(articles, tmp_path / "t", cache=tmp_path / "c", chunk_size=3,
                                          progress=False)
    assert len(list((tmp_path / "t" / "sentences").glob("*.parquet"))) > 3
    for name in ("sentences", "mentions", "attributions"):
        values_equal(on_disk[name], in_memory[name])


def test_counts_join_the_articles_like_with_articles(demo):
    articles, in_memory, on_disk, _ = demo
    kept = articles.head(10)
    subset = tables.TableSet(dict(on_disk._tables), kept)
    got = subset.count("mentions", ["actor_id"], article_columns=["outlet_type"])
    joined = tables.with_articles(in_memory["mentions"], kept, ["outlet_type"])
    expected = joined.groupby(["outlet_type", "actor_id"]).size().rename("n").reset_index()
    values_equal(got, expected)


def test_actor_aggregations_equal_the_summaries(demo):
    articles, in_memory, on_disk, _ = demo
    sentences, mentions = in_memory["sentences"], in_memory["mentions"]
    ts = tables.TableSet(dict(on_disk._tables), articles)
    values_equal(aggregate.group_sizes(ts), tables.group_sizes(articles, sentences))
    values_equal(aggregate.actor_counts(ts), actor_summary.actor_counts(mentions, articles, sentences))
    values_equal(aggregate.cooccurrence(ts), actor_summary.cooccurrence(mentions))
    voice = actor_summary.voice_table(mentions, articles, total=None)
    got = aggregate.voice_counts(ts).merge(voice[["outlet_type", "actor_id", "mentions", "source"]],
                                          on=["outlet_type", "actor_id"], suffixes=("", "_pandas"))
    assert len(got) == len(voice) and (got["mentions"] == got["mentions_pandas"]).all()
    assert (got["source"] == got["source_pandas"]).all()


def test_attribution_and_corpus_aggregations_equal_the_summaries(demo):
    articles, in_memory, on_disk, _ = demo
    meta = articles.drop(columns=["text"]).assign(outlet_group=attribution_summary.outlet_groups(articles))
    ts = tables.TableSet(dict(on_disk._tables), meta)
    attributions = in_memory["attributions"]
    values_equal(aggregate.attribution_shares(ts, "source_type"),
                 attribution_summary.source_type_shares(attributions, meta))
    values_equal(aggregate.attribution_shares(ts, "form"), attribution_summary.form_shares(attributions, meta))
    values_equal(aggregate.articles_by(ts), corpus_summary.articles_by(articles))


def test_label_counts_are_group_shares(demo):
    articles, in_memory, on_disk, _ = demo
    ts = tables.TableSet(dict(on_disk._tables), articles)
    got = aggregate.label_counts(ts, "sentence_tone", "label")
    joined = tables.with_articles(in_memory["sentence_tone"], articles, ["outlet_type"])
    expected = joined.groupby(["outlet_type", "label"]).size()
    assert dict(zip(zip(got["outlet_type"], got["label"]), got["n"])) == expected.to_dict()
    assert got.groupby("outlet_type")["share"].sum().round(9).eq(1).all()


def test_aggregate_merged_in_batches_equals_the_merge_at_once(monkeypatch):
    """Out of core, actor candidates are merged batch by batch; ties of per-article counts across batches
    keep the earliest row's type and cue, the first row's example, the summed counts."""
    from medialens import actors
    from medialens.annotate import runner

    rows = []
    for k in range(60):
        for name, count, guess in (("Anna Berg", 1 + k % 3, "PER" if k % 2 else "ORG"),
                                   ("Zeta AG", 2, "ORG"), (f"Ort {k % 7}", 1 + k % 2, "LOC")):
            rows.append((name, guess, count, 1, f"{name}|{name.split()[0]}", f"cue{k % 4}", f"a{k}",
                         f"{name} kam am Tag {k}."))
    per_article = pd.DataFrame(rows, columns=actors.CANDIDATE_COLUMNS)
    aggregate = actors.STEP.aggregates[0]
    monkeypatch.setattr(runner, "MERGE_BATCH_ROWS", 5)
    batches = (per_article.iloc[k : k + 13] for k in range(0, len(per_article), 13))
    pd.testing.assert_frame_equal(runner.merge_in_batches(aggregate, batches), actors.merge_candidates(per_article))


def test_tone_interval_from_per_article_sums_equals_the_pandas_one(demo):
    from medialens import sentiment

    articles, in_memory, on_disk, _ = demo
    ts = tables.TableSet(dict(on_disk._tables), articles)
    got = aggregate.tone_ci(ts, "outlet_type", n=300)
    rows = tables.with_articles(in_memory["sentence_tone"], articles, ["outlet_type"])
    expected = sentiment.tone_ci(rows, "outlet_type", n=300)
    assert len(got) > 1 and list(got.columns) == list(expected.columns)
    assert got["outlet_type"].tolist() == expected["outlet_type"].tolist()
    assert got[["n", "n_articles"]].values.tolist() == expected[["n", "n_articles"]].values.tolist()
    for column in ("mean", "ci_low", "ci_high"):
        assert got[column].to_numpy() == pytest.approx(expected[column].to_numpy(dtype=float), abs=1e-12)


def test_membership_reads_no_table(demo, monkeypatch):
    articles, _, on_disk, _ = demo
    ts = tables.TableSet(dict(on_disk._tables), articles)
    monkeypatch.setattr(tables.TableSet, "__getitem__", lambda self, name: pytest.fail("table read"))
    assert "sentence_tone" in ts and "no_such_table" not in ts


def test_surname_merges_in_parts_equal_the_merges_at_once(tmp_path, monkeypatch):
    """Out of core, the mentions' and attributions' surname merges run batch by batch (two passes over the
    stored rows); with batches of two articles, a bare surname in a later batch still joins the full name
    of an earlier one, and the folder holds the in-memory tables."""
    from medialens.annotate import runner

    texts = [
        "Die Ministerin Johanna Brandauer sagte am Montag in Wien, die Gespräche seien gut verlaufen.",
        "Der Bürgermeister der Stadt eröffnete die neue Brücke über den Fluss.",
        "Wie die Zeitung berichtete, wurde der Markt am Dienstag wieder geöffnet.",
        "Die Regierung will das Gesetz im Herbst beschließen, hieß es aus dem Ministerium.",
        "Brandauer sagte am Mittwoch, sie werde im Sommer nach Brüssel reisen.",
    ]
    articles = pd.DataFrame({"article_id": [f"t{k}" for k in range(len(texts))], "text": texts,
                             "outlet": "Testblatt", "date": "2022-01-05"})
    in_memory = annotate.annotate(articles, cache=tmp_path / "cache", progress=False)
    monkeypatch.setattr(runner, "MERGE_BATCH_ROWS", 1)
    batches = runner._batches
    monkeypatch.setattr(runner, "_batches", lambda *a, **k: batches(*a, **{**k, "articles": 2}))
    on_disk = annotate.annotate_to_folder(articles, tmp_path / "tables", cache=tmp_path / "cache", progress=False)
    mentions = in_memory["mentions"]
    assert (mentions["link"] == "variant").any()  # the bare surname of t4 joined t0's full name
    assert set(in_memory["attributions"]["source_actor"].dropna()) <= set(mentions["actor_id"])
    for name in ("mentions", "attributions"):  # a column without any value reads back as None, not <NA>
        got, expected = (t.astype(object).where(t.notna(), None) for t in (on_disk[name], in_memory[name]))
        values_equal(got, expected)


class _Bar:
    """A progress bar that records what it is told."""

    def __init__(self, total, enabled=True, desc="", unit=""):
        self.total, self.enabled, self.desc, self.done, self.labels = total, enabled, desc, 0, []

    def update(self, n=1):
        self.done += n

    def set_postfix_str(self, text="", refresh=True):
        self.labels.append(text)

    def close(self):
        pass


def test_writing_tables_out_of_core_shows_every_pass(demo, tmp_path, monkeypatch):
    """The "Writing tables" bar advances once per pass over a table's stored rows -- twice for the
    surname merges in parts -- names the table it is on, and ends at its total."""
    from medialens.annotate import runner

    bars = []
    monkeypatch.setattr(runner, "progress_bar", lambda *a, **k: bars.append(_Bar(*a, **k)) or bars[-1])
    articles, _ = load_demo_corpus()
    annotate.annotate_to_folder(articles, tmp_path / "tables", cache=tmp_path / "cache", chunk_size=1)
    bar = next(b for b in bars if b.desc == "Writing tables")
    assert bar.enabled and bar.done == bar.total
    assert {"mentions: reading for the merge", "mentions: merging", "attributions: merging"} <= set(bar.labels)
    assert {"sentences", "naming", "actor_candidates"} <= set(bar.labels)
