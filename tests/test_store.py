"""The annotation store under damage and faults (issue 18): it heals, never exits with rows missing."""

from __future__ import annotations

import errno
import os
import warnings

import pandas as pd
import pytest

from medialens import annotate, config
from medialens.annotate.store import StoreWarning
from medialens.corpus import load_demo_corpus


@pytest.fixture(scope="module")
def demo():
    articles, _ = load_demo_corpus()
    return articles.head(6).reset_index(drop=True)


@pytest.fixture(scope="module")
def reference(demo, tmp_path_factory):
    return annotate.run_annotation(demo, cache=tmp_path_factory.mktemp("ref"), chunk_size=3, progress=False).tables


def _stored(tmp_path, demo, step="attribution"):
    annotate.run_annotation(demo, cache=tmp_path, chunk_size=3, progress=False)
    parts = sorted(p for p in (annotate.store_dir(tmp_path, step) / "parts").iterdir())
    assert len(parts) == 2
    return parts


def _rerun(tmp_path, demo, reference):
    with pytest.warns(StoreWarning, match="damaged"):
        run = annotate.run_annotation(demo, cache=tmp_path, chunk_size=3, progress=False)
    for name, table in reference.items():
        pd.testing.assert_frame_equal(run.tables[name], table, obj=name)
    return run


def test_truncated_table_file_reannotates_its_part(demo, reference, tmp_path):
    part = _stored(tmp_path, demo)[0]
    path = part / "attributions.parquet"
    path.write_bytes(path.read_bytes()[:100])
    run = _rerun(tmp_path, demo, reference)
    assert run.stats.steps_run["attribution"] == 3


def test_deleted_table_file_reannotates_its_part(demo, reference, tmp_path):
    part = _stored(tmp_path, demo, "framing")[1]
    (part / "topics.parquet").unlink()
    run = _rerun(tmp_path, demo, reference)
    assert run.stats.steps_run == {"framing": 3}


def test_table_list_missing_a_line_or_an_unlisted_file_invalidates_the_part(demo, reference, tmp_path):
    first, second = _stored(tmp_path, demo, "actors")
    order = first / "_tables.txt"
    order.write_text(order.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    (second / "notes.parquet").write_bytes(b"stray")
    run = _rerun(tmp_path, demo, reference)
    assert run.stats.steps_run["actors"] == 6


def test_truncated_index_is_rebuilt(demo, reference, tmp_path):
    _stored(tmp_path, demo)
    index = annotate.store_dir(tmp_path) / "index.parquet"
    index.write_bytes(index.read_bytes()[:50])
    with pytest.warns(StoreWarning, match="unreadable"):
        run = annotate.run_annotation(demo, cache=tmp_path, chunk_size=3, progress=False)
    assert run.stats.annotated == 0


def test_disk_full_names_the_path_and_leaves_the_store_valid(demo, reference, tmp_path, monkeypatch):
    annotate.run_annotation(demo.head(3), cache=tmp_path, chunk_size=3, progress=False)
    real = pd.DataFrame.to_parquet

    def full(self, path, *args, **kwargs):
        if "annotations" in str(path) and "framing" in str(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    with pytest.raises(config.CacheError, match=r"annotations/framing/.*No space left on device"):
        annotate.run_annotation(demo, cache=tmp_path, chunk_size=3, progress=False)
    monkeypatch.setattr(pd.DataFrame, "to_parquet", real)
    leftovers = [p for p in (tmp_path / "annotations").rglob(".*")]
    assert leftovers == []
    with warnings.catch_warnings():
        warnings.simplefilter("error", StoreWarning)
        run = annotate.run_annotation(demo, cache=tmp_path, chunk_size=3, progress=False)
    assert run.stats.steps_run == {"framing": 3, "sentiment": 3, "mention_roles": 3}  # the run stopped at framing
    for name, table in reference.items():
        pd.testing.assert_frame_equal(run.tables[name], table, obj=name)


def test_stale_temporary_parts_are_cleaned(demo, tmp_path):
    parts = annotate.store_dir(tmp_path) / "parts"
    _stored(tmp_path, demo)
    dead = parts / ".0123456789abcdef01234567.999999999.deadbeef"
    live = parts / f".0123456789abcdef01234567.{os.getpid()}.cafecafe"
    for folder in (dead, live):
        folder.mkdir()
        (folder / "attributions.parquet").write_bytes(b"half")
    run = annotate.run_annotation(demo, cache=tmp_path, chunk_size=3, progress=False)
    assert run.stats.annotated == 0
    assert not dead.exists() and live.exists()


def test_annotate_command_reports_a_full_disk(tmp_path, monkeypatch, capsys):
    from medialens.cli import main

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(" date 2022-01-06 Die Regierung teilte mit, die Lage sei ruhig. " * 3, encoding="utf-8")
    real = pd.DataFrame.to_parquet
    monkeypatch.setenv("MEDIALENS_CACHE", str(tmp_path / "cache"))

    def full(self, path, *args, **kwargs):
        if "cache" in str(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    assert main(["annotate", str(corpus), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and str(tmp_path / "cache") in err and "Traceback" not in err


def test_new_rows_assembled_from_memory_equal_the_stored_parts(demo, tmp_path):
    """A run keeps the parts it writes in memory and assembles from them; a later run reads the files."""
    cold = annotate.run_annotation(demo, cache=tmp_path, chunk_size=2, progress=False)
    warm = annotate.run_annotation(demo, cache=tmp_path, chunk_size=2, progress=False)
    assert cold.stats.annotated == len(demo) and warm.stats.reused == len(demo)
    assert any(t.empty for t in cold.tables.values()) or any(  # an empty part is among the cases covered
        len(t["article_id"].unique()) < len(demo) for t in cold.tables.values() if "article_id" in t)
    for name, table in cold.tables.items():
        pd.testing.assert_frame_equal(warm.tables[name], table, obj=name)


def test_chunks_shrink_at_the_end_so_that_workers_finish_together():
    from medialens.annotate.runner import chunk_sizes

    sizes = chunk_sizes(1028, 50, 2)
    assert sum(sizes) == 1028 and sizes[:19] == [50] * 19
    assert sizes[19:] == [39, 20, 10, 9]  # at most half of what remains, at least a fifth of a chunk
    assert chunk_sizes(6, 4, 1) == [4, 2]  # one worker: nothing to balance
    assert chunk_sizes(0, 50, 2) == []


def test_only_frames_whose_parquet_round_trip_is_exact_are_read_from_memory(tmp_path):
    from medialens.annotate.store import Store

    store = Store(tmp_path, keep=True)
    loose = pd.DataFrame({"article_id": pd.Series(["a"], dtype=object), "n": [1]})  # Parquet gives back str
    typed = pd.DataFrame({"article_id": ["a"], "n": [1], "x": [0.5], "b": [True]})
    part = store.write_part(["k"], ["a"], {"loose": loose, "typed": typed, "empty": typed.iloc[0:0]})
    assert store.read(part, "typed") is typed
    from_file = Store(tmp_path)
    for name in ("loose", "empty"):
        assert store.read(part, name) is not None
        pd.testing.assert_frame_equal(store.read(part, name), from_file.read(part, name))
    assert store.read(part, "loose")["article_id"].dtype != object
