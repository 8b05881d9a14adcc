"""Speed and scale: the per-article store, executors (serial, process pool, dask), the tagger memo, bench."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor

import pandas as pd
import pytest

from medialens import annotate, bench, config, nlp
from medialens.corpus import load_demo_corpus

SENTENCES = [
    ["Die", "Regierung", "verhängte", "am", "Mittwoch", "den", "Ausnahmezustand", "."],
    ["Nach", "Angaben", "der", "Polizei", "wurden", "4400", "Menschen", "festgenommen", "."],
    ["Die", "Proteste", "gegen", "die", "Gaspreiserhöhung", "weiteten", "sich", "aus", "."],
    ["Die", "Gaspreiserhöhung", "wurde", "zurückgenommen", ",", "sagte", "ein", "Sprecher", "."],
]


@pytest.fixture(scope="module")
def demo():
    articles, _ = load_demo_corpus()
    return articles.head(6).reset_index(drop=True)


@pytest.fixture(scope="module")
def reference(demo):
    """The tables computed the direct way: one chunk, in memory, no store."""
    docs = [nlp.process(a, t, cache=False) for a, t in zip(demo["article_id"], demo["text"])]
    return annotate.annotate_documents(docs, demo)


def assert_same_tables(got: dict, expected: dict) -> None:
    assert list(got) == list(expected)
    for name in expected:
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)


def test_exact_tagger_gives_hantas_output():
    exact, plain = nlp.processing._tagger_for("exact"), nlp._plain_tagger()
    for _ in range(2):  # second pass answers from the memo
        for words in SENTENCES:
            assert exact.tag_sent(words) == plain.tag_sent(words, taglevel=1)


def test_exact_pipeline_on_demo_corpus_equals_somajo_and_hanta(demo):
    plain = nlp._plain_tagger()
    with nlp.pipeline_used("exact"):
        doc = nlp.process("x", demo["text"].iloc[0], cache=False)
    splitter = nlp._sentence_splitter()
    expected = [[t.text for t in s] for p0, p1 in nlp.paragraphs(doc.text)
                for s in splitter.tokenize_text([doc.text[p0:p1]])]
    assert [[t.text for t in doc.sentence_tokens(s.index)] for s in doc.sentences] == expected
    for s in doc.sentences:
        words = [t.text for t in doc.sentence_tokens(s.index)]
        assert [(t.lemma, t.pos) for t in doc.sentence_tokens(s.index)] == [
            (lemma, nlp._stts(tag, w)) for w, lemma, tag in plain.tag_sent(words, taglevel=1)
        ]


def test_store_gives_the_direct_tables(demo, reference, tmp_path):
    cold = annotate.run_annotation(demo, cache=tmp_path, chunk_size=4, progress=False)
    assert cold.stats.annotated == 6 and cold.stats.reused == 0 and cold.stats.chunks == 2
    assert_same_tables(cold.tables, reference)
    warm = annotate.run_annotation(demo, cache=tmp_path, chunk_size=4, progress=False)
    assert warm.stats.annotated == 0 and warm.stats.reused == 6
    assert warm.stats.tokens == cold.stats.tokens_annotated > 0
    assert_same_tables(warm.tables, reference)


def test_chunk_size_does_not_change_the_tables(demo, reference):
    for size in (1, 5):
        assert_same_tables(annotate.annotate(demo, cache=False, chunk_size=size, progress=False), reference)


def test_changing_one_article_reannotates_only_it(demo, tmp_path):
    annotate.run_annotation(demo, cache=tmp_path, progress=False)
    edited = demo.copy()
    edited.loc[2, "text"] = edited.loc[2, "text"] + " Die Regierung sagte, die Lage sei ruhig."
    run = annotate.run_annotation(edited, cache=tmp_path, progress=False)
    assert (run.stats.annotated, run.stats.reused) == (1, 5)
    aid = edited.loc[2, "article_id"]
    expected = annotate.annotate(edited.iloc[[2]], cache=False, progress=False)
    got = run.tables["sentences"]
    pd.testing.assert_frame_equal(got[got["article_id"] == aid].reset_index(drop=True), expected["sentences"])
    assert got["article_id"].drop_duplicates().tolist() == [a for a in edited["article_id"] if a in set(got["article_id"])]
    # a subset of a stored corpus is answered from the store, rows in the subset's order
    subset = edited.iloc[[4, 0]]
    run = annotate.run_annotation(subset, cache=tmp_path, progress=False)
    assert run.stats.annotated == 0
    assert run.tables["sentences"]["article_id"].drop_duplicates().tolist() == subset["article_id"].tolist()


def test_missing_part_is_annotated_again(demo, tmp_path):
    annotate.run_annotation(demo, cache=tmp_path, chunk_size=3, progress=False)
    parts = sorted(p for p in (annotate.store_dir(tmp_path) / "parts").iterdir())
    assert len(parts) == 2
    import shutil

    shutil.rmtree(parts[0])
    run = annotate.run_annotation(demo, cache=tmp_path, chunk_size=3, progress=False)
    assert (run.stats.annotated, run.stats.reused) == (3, 3)


def test_empty_corpus_gives_documented_columns(demo):
    tables = annotate.annotate(demo.iloc[0:0], cache=False, progress=False)
    assert set(annotate.TABLES) <= set(tables)
    assert "article_id" in tables["sentences"].columns and tables["sentences"].empty


def test_rejects_duplicate_ids(demo):
    with pytest.raises(ValueError, match="unique"):
        annotate.annotate(pd.concat([demo.head(1), demo.head(1)]), cache=False, progress=False)


def test_process_pool_gives_the_serial_tables(demo, reference, tmp_path):
    with ProcessPoolExecutor(2) as pool:
        tables = annotate.annotate(demo, executor=pool, chunk_size=2, cache=tmp_path, progress=False)
    assert_same_tables(tables, reference)


def _collector_state():
    import gc

    from medialens.annotate import runner

    before = (gc.get_threshold()[0], runner._worker["freeze"])
    runner._freeze_loaded()
    return before, runner._worker["freeze"], gc.get_freeze_count() > 0


def test_annotation_workers_freeze_what_they_loaded():
    from medialens.annotate import runner

    with annotate.process_pool(1, initializer=runner._worker_start) as pool:
        before, after, frozen = pool.submit(_collector_state).result()
    assert before == (runner.WORKER_GC_THRESHOLD, True)  # set when the worker starts
    assert (after, frozen) == (False, True)  # frozen once, after the first chunk
    assert runner._worker["freeze"] is False  # the calling process is left alone


_KILLED_CALLER = """
import sys, time
from medialens.annotate import process_pool

if __name__ == "__main__":
    pool = process_pool(2, lean=sys.argv[1] == "lean")
    for _ in range(2):
        pool.submit(time.sleep, 120)
    time.sleep(0.5)
    print(" ".join(str(pid) for pid in pool._processes), flush=True)
    time.sleep(120)
"""


@pytest.mark.parametrize("start", ["fork", "lean"])
def test_workers_end_when_the_calling_process_is_killed(tmp_path, start):
    """A killed kernel or script (no shutdown of its pool) leaves no workers behind."""
    import subprocess
    import sys
    import time

    import psutil

    from medialens.annotate import runner

    script = tmp_path / "caller.py"
    script.write_text(_KILLED_CALLER, encoding="utf-8")
    caller = subprocess.Popen([sys.executable, str(script), start], stdout=subprocess.PIPE, text=True,
                              stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        workers = [int(pid) for pid in caller.stdout.readline().split()]
    finally:
        caller.kill()
        caller.wait()
    assert len(workers) == 2

    def running(pid: int) -> bool:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    deadline = time.monotonic() + 10 * runner.WATCH_INTERVAL + 5
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(running, workers))


def test_n_jobs_uses_local_processes(demo, reference):
    assert_same_tables(annotate.annotate(demo, n_jobs=2, chunk_size=2, cache=False, progress=False), reference)


def test_dask_local_cluster_gives_the_serial_tables(demo, reference, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            tables = annotate.annotate(demo, executor=client.get_executor(), chunk_size=2, cache=tmp_path,
                                       progress=False)
    assert_same_tables(tables, reference)


def test_task_rows_are_read_as_slices(demo):
    from medialens.annotate import runner

    copies = bench.replicate(demo, 3)  # an Arrow-backed text column of three chunks
    for positions in ([0, 1, 2], [4, 5, 6, 7], [1, 3, 4, 9, 10, 17], [17]):
        pd.testing.assert_frame_equal(runner._rows(copies, positions), copies.iloc[positions])


def test_replicate_makes_every_copy_distinct(demo):
    copies = bench.replicate(demo.head(2), 3)
    assert len(copies) == 6 and copies["article_id"].is_unique and copies["text"].is_unique
    assert copies["text"].iloc[3].endswith(demo["text"].iloc[1])


CORPUS = config.EVAL_DIR / "corpus-10kgnad-test.csv"


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/eval/corpus-10kgnad-test.csv not present")
def test_bench_on_a_tiny_subset(capsys):
    import argparse

    parser = argparse.ArgumentParser()
    bench.add_arguments(parser)
    # --no-seed: a clean checkout has no seed, and building it takes minutes (it changes speed, not tables)
    assert bench.run(parser.parse_args(["--articles", "3", "--json", "--no-progress", "--no-seed"])) == 0
    report = json.loads(capsys.readouterr().out)
    phases = report["phases"]
    assert (phases["cold"]["annotated"], phases["warm"]["annotated"], phases["edit"]["annotated"]) == (3, 0, 1)
    assert phases["cold"]["tokens"] == phases["warm"]["tokens"] > 0
    assert phases["naive"]["articles"] == 3 and phases["naive"]["tokens_per_s"] > 0
    assert report["ratio_cold_to_naive"] > 0 and report["machine"]["cores"] >= 1
    assert report["targets"]["edit re-annotates 1 article"] is True
    assert phases["seed"]["detail"]["skipped"] is True


def test_candidate_merge_sums_counts_and_keeps_the_first_example(demo):
    from medialens import actors

    docs = [nlp.process(a, t, cache=False) for a, t in zip(demo["article_id"], demo["text"])]
    per_article = pd.concat([actors.actor_candidates([d]) for d in docs], ignore_index=True)
    assert len(per_article) > 0
    pd.testing.assert_frame_equal(actors.merge_candidates(per_article), actors.actor_candidates(docs))
    ties = pd.DataFrame(
        [("Anna Berg", "PER", 2, 1, "Anna Berg|Berg", "sagte", "a1", "Anna Berg sagte."),
         ("Anna Berg", "ORG", 2, 1, "Anna Berg", "teilte mit", "a2", "Anna Berg teilte mit."),
         ("Zeta AG", "ORG", 1, 1, "", "", "a1", "Zeta AG."),
         ("Anna Berg", "LOC", 3, 1, "Frau Berg", "in", "a3", "In Anna Berg.")],
        columns=per_article.columns,
    ).astype({c: "str" for c in per_article.columns if c not in ("count", "n_articles")})
    merged = actors.merge_candidates(ties)
    assert merged.iloc[0].tolist() == ["Anna Berg", "LOC", 7, 3, "Anna Berg|Berg|Frau Berg", "in", "a1", "Anna Berg sagte."]


def _hold_memory(mb: int) -> None:
    import time

    block = bytearray(mb * 2**20)
    block[:: 4096] = b"x" * len(block[:: 4096])  # touch every page
    time.sleep(0.6)


def test_peak_memory_counts_the_cpu_of_a_fork_servers_workers():
    """A lean pool's workers are the fork server's children, waited for by it, and the fork server
    outlives the pool: their CPU seconds count all the same (out-of-core bench runs use such a pool)."""
    import time

    from medialens.annotate import process_pool
    from medialens.bench.memory import PeakMemory

    work = range(30_000_000)
    with PeakMemory(interval=0.05) as memory:
        with process_pool(1, lean=True) as pool:
            pool.submit(sum, work).result()
    started = time.process_time()
    sum(work)
    alone = time.process_time() - started
    assert memory.cpu_seconds >= 0.7 * alone


def test_peak_memory_counts_a_child_and_samples_pss_less_often():
    import multiprocessing

    from medialens.bench.memory import PeakMemory

    with PeakMemory(interval=0.02, pss_every=5) as alone:
        pass
    with PeakMemory(interval=0.02, pss_every=5) as memory:
        child = multiprocessing.get_context("fork").Process(target=_hold_memory, args=(300,))
        child.start()
        child.join()
    assert memory.peak_mb > alone.peak_mb + 250  # the child's 300 MB, seen by the RSS samples
    assert memory.peak_pss_mb > alone.peak_pss_mb + 200  # and by a PSS sample (new RSS peak or every fifth)
