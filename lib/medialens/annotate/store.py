"""The annotation store: per-article rows of each step, in Parquet parts on disk.

``<cache>/annotations/<step>/<step key>/`` holds one folder per finished chunk (*part*): a Parquet file
per table, ``_keys.parquet`` (the content keys and ids of its articles) and ``_tables.txt``; an
``index.parquet`` lists the parts' articles so a lookup reads one file. Every file is written to a
temporary name and renamed, so readers never see half a part.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import uuid
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from medialens.config import CacheError, read_parquet_file

_KEYS = "_keys"
_ORDER = "_tables.txt"
_CHECKSUMS = "_checksums.tsv"


class StoreWarning(UserWarning):
    """A damaged part of the store was found and set aside; its articles are annotated again."""


class Store:
    """Per-article annotation rows in Parquet parts: ``parts/<id>/<table>.parquet`` and ``_keys.parquet``.

    ``index.parquet`` (key, part, article_id) lists the parts' articles so a lookup reads one file;
    parts written after the index (a concurrent or interrupted run) are found by listing ``parts/``.
    Every file is written to a temporary name and renamed, so readers never see half a part. Each part
    lists its files with size and SHA-256 (``_checksums.tsv``); a part with a missing, changed
    (truncated) or unlisted file is invalid: it is removed with a :class:`StoreWarning` and its
    articles are annotated again. Temporary folders of runs that died are removed.

    With ``keep=True`` the tables of the parts this object writes stay in memory as well, and reading
    them back returns those frames instead of parsing the files again (for a run that assembles its
    tables in memory anyway). Only frames whose Parquet round trip is known to give them back unchanged
    are kept (:func:`_round_trips`); the others are read from their files as before.
    """

    def __init__(self, root: Path, *, keep: bool = False) -> None:
        self.root = root
        self.parts = root / "parts"
        self.keep = keep
        self._checked: dict[str, bool] = {}
        self._kept: dict[str, dict[str, pd.DataFrame]] = {}

    # ------------------------------------------------------------------ validity

    def problem(self, part: str) -> str | None:
        """Why a part is invalid (a missing, changed or unlisted file), or ``None`` when it is sound."""
        folder = self.parts / part
        listing = folder / _CHECKSUMS
        if not listing.exists():
            return f"{_CHECKSUMS} is missing"
        expected: dict[str, tuple[int, str]] = {}
        for line in listing.read_text(encoding="utf-8").splitlines():
            name, size, digest = line.split("\t")
            expected[name] = (int(size), digest)
        present = {e.name for e in os.scandir(folder)} - {_CHECKSUMS}
        if present - set(expected):
            return f"unlisted file(s) {sorted(present - set(expected))}"
        for name, (size, digest) in expected.items():
            path = folder / name
            if not path.exists():
                return f"{name} is missing"
            if path.stat().st_size != size or _sha256(path) != digest:
                return f"{name} differs from its checksum (truncated or edited)"
        listed = set((folder / _ORDER).read_text(encoding="utf-8").split())
        if {f"{t}.parquet" for t in listed} | {f"{_KEYS}.parquet", _ORDER} != set(expected):
            return f"{_ORDER} does not list the part's tables"
        return None

    def _valid(self, part: str) -> bool:
        if part not in self._checked:
            reason = self.problem(part)
            if reason is not None:
                warnings.warn(f"annotation store part {self.parts / part} is damaged ({reason}); it is removed "
                              "and its articles are annotated again", StoreWarning, stacklevel=4)
                shutil.rmtree(self.parts / part, ignore_errors=True)
            self._checked[part] = reason is None
        return self._checked[part]

    def clean_temporary(self, max_age_seconds: float = 86_400.0) -> list[Path]:
        """Remove temporary part folders and index files left by runs that died; returns what was removed.

        A temporary name carries the writer's process id: it is removed when that process no longer
        exists, or when it is older than ``max_age_seconds`` (a process id reused by another program).
        """
        removed = []
        candidates = list(self.parts.glob(".*")) if self.parts.exists() else []
        candidates += list(self.root.glob(".index.*")) if self.root.exists() else []
        for path in candidates:
            pid = _pid_of(path.name)
            stale = pid is None or not _alive(pid) or time.time() - path.stat().st_mtime > max_age_seconds
            if stale and pid != os.getpid():
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
                removed.append(path)
        return removed

    # ------------------------------------------------------------------ reading

    def _read_index(self) -> pd.DataFrame | None:
        index_file = self.root / "index.parquet"
        if not index_file.exists():
            return None
        try:
            return pd.read_parquet(index_file)
        except Exception as exc:  # a damaged index is rebuilt from the parts
            warnings.warn(f"annotation store index {index_file} is unreadable ({exc}); rebuilt from the parts",
                          StoreWarning, stacklevel=4)
            index_file.unlink(missing_ok=True)
            return None

    def _index_frame(self) -> pd.DataFrame:
        frames = []
        indexed: set[str] = set()
        index = self._read_index()
        if index is not None:
            frames.append(index)
            indexed = set(index["part"].unique())
        if self.parts.exists():
            for entry in os.scandir(self.parts):
                if entry.is_dir() and entry.name not in indexed and not entry.name.startswith(".") \
                        and self._valid(entry.name):
                    keys = pd.read_parquet(Path(entry.path) / f"{_KEYS}.parquet")
                    keys["part"] = entry.name
                    frames.append(keys[["key", "part", "article_id"]])
        if not frames:
            return pd.DataFrame({"key": [], "part": [], "article_id": []}, dtype="str")
        index = pd.concat(frames, ignore_index=True).drop_duplicates("key", keep="last")
        existing = {e.name for e in os.scandir(self.parts)} if self.parts.exists() else set()
        sound = {p for p in set(index["part"]) if p in existing and self._valid(p)}
        return index[index["part"].isin(sound)]

    def lookup(self, keys: list[str]) -> dict[str, tuple[str, str]]:
        """``key -> (part, article_id)`` for the keys stored in sound parts (damaged parts are removed)."""
        self.clean_temporary()
        index = self._index_frame()
        stored = dict(zip(index["key"].tolist(), zip(index["part"].tolist(), index["article_id"].tolist())))
        parts: dict[str, str] = {}  # one string object per part (100,000 articles: ~2,000 parts)
        out = {}
        for key in keys:  # the caller's key objects, shared by every step's lookup
            found = stored.get(key)
            if found is not None:
                part = parts.setdefault(found[0], found[0])
                out[key] = (part, found[1])
        return out

    def read(self, part: str, table: str) -> pd.DataFrame | None:
        found = self.read_piece(part, table)
        return found.to_pandas() if isinstance(found, pa.Table) else found

    def read_piece(self, part: str, table: str) -> pd.DataFrame | pa.Table | None:
        """A part's table as kept in memory (a DataFrame), else as read from its file (an Arrow table,
        which ``to_pandas()`` turns into what ``pd.read_parquet`` gives), else ``None``."""
        kept = self._kept.get(part, {}).get(table)
        if kept is not None:
            return kept
        path = self.parts / part / f"{table}.parquet"
        return read_parquet_file(path) if path.exists() else None

    def table_names(self, part: str) -> list[str]:
        """Table names of a part in the order the analyses produced them."""
        return (self.parts / part / _ORDER).read_text(encoding="utf-8").split()

    # ------------------------------------------------------------------ writing

    def write_part(self, keys: list[str], article_ids: list[str], tables: dict[str, pd.DataFrame]) -> str:
        """Write one chunk's tables as a part; returns the part id (a hash of its keys).

        Raises:
            CacheError: the part cannot be written (disk full, no permission); the message names the
                folder. Nothing half-written stays behind, so the store remains valid.
        """
        name = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:24]
        final = self.parts / name
        if final.exists():
            return name
        tmp = self.parts / f".{name}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
        try:
            tmp.mkdir(parents=True)
            for table_name, table in tables.items():
                table.to_parquet(tmp / f"{table_name}.parquet", index=False)
            (tmp / _ORDER).write_text("\n".join(tables) + "\n", encoding="utf-8")
            pd.DataFrame({"key": keys, "article_id": [str(a) for a in article_ids]}).to_parquet(
                tmp / f"{_KEYS}.parquet", index=False
            )
            lines = [f"{p.name}\t{p.stat().st_size}\t{_sha256(p)}" for p in sorted(tmp.iterdir())]
            (tmp / _CHECKSUMS).write_text("\n".join(lines) + "\n", encoding="utf-8")
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise CacheError(f"cannot write the annotation store under {self.parts}: {exc.strerror or exc}. "
                             "Parts written before stay valid; free disk space or run without the cache "
                             "(medialens annotate --no-cache).") from exc
        try:
            tmp.rename(final)
        except OSError:  # another process wrote the same part first
            shutil.rmtree(tmp, ignore_errors=True)
            return name
        self._checked[name] = True
        if self.keep:
            self._kept[name] = {t: frame for t, frame in tables.items() if _round_trips(frame)}
        return name

    def save_index(self) -> None:
        """Rewrite ``index.parquet`` from the index plus any unindexed parts (skipped when the disk is full:
        the parts are found without it)."""
        index = self._index_frame()
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".index.{os.getpid()}.{uuid.uuid4().hex[:8]}.parquet"
        try:
            index.to_parquet(tmp, index=False)
            tmp.replace(self.root / "index.parquet")
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            warnings.warn(f"annotation store index not written under {self.root}: {exc.strerror or exc}",
                          StoreWarning, stacklevel=2)


def _round_trips(frame: pd.DataFrame) -> bool:
    """Whether reading the frame back from Parquet gives it unchanged: a non-empty frame whose columns are
    all strings, integers, floats or booleans (an ``object`` column may come back as strings)."""
    return len(frame) > 0 and all(
        isinstance(dtype, pd.StringDtype) or dtype.kind in "ifb" for dtype in frame.dtypes
    )


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _pid_of(name: str) -> int | None:
    """The process id in a temporary name (``.<part>.<pid>.<random>`` or ``.index.<pid>.<random>.parquet``)."""
    fields = name.split(".")
    return int(fields[2]) if len(fields) > 2 and fields[2].isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def assemble(store: Store, locations: list[tuple[str, str]], names: list[str], article_columns: dict[str, str],
             bar) -> dict[str, pd.DataFrame]:
    """Tables ``names`` for the articles at ``locations`` ((part, article_id) in corpus order), rows in that order.

    Args:
        store: the step's store.
        locations: where each article's rows are.
        names: the tables to read.
        article_columns: table -> column with the article id (default ``article_id``).
        bar: a progress bar advanced once per part.
    """
    order: dict[str, dict[str, int]] = {}
    for position, (part, aid) in enumerate(locations):
        order.setdefault(part, {})[aid] = position
    pieces: dict[str, list] = {name: [] for name in names}
    for part, wanted in order.items():
        for name in names:
            piece = store.read_piece(part, name)
            if piece is not None:
                pieces[name].append((piece, wanted))
        bar.update(1)
    out: dict[str, pd.DataFrame] = {}
    for name, found in pieces.items():
        if found:
            out[name] = _in_corpus_order(found, article_columns.get(name, "article_id"))
    return out


def _in_corpus_order(pieces: list[tuple[pd.DataFrame | pa.Table, dict[str, int]]], column: str) -> pd.DataFrame:
    """One table from the parts' pieces (each with ``wanted``: article id -> corpus position): the rows of
    the wanted articles, ordered by position (an article's rows in their stored order).

    Pieces read from files whose columns have the same types are joined in Arrow and converted to pandas
    once; otherwise (or with pieces kept in memory) each is converted and the frames are joined."""
    non_empty = [(p, w) for p, w in pieces if len(p)] or pieces[:1]
    joined = _joined_arrow(non_empty)
    if joined is None:
        frames = [(p.to_pandas() if isinstance(p, pa.Table) else p, w) for p, w in non_empty]
        table = pd.concat([f for f, _ in frames], ignore_index=True) if len(frames) > 1 else frames[0][0]
    else:
        table, frames = joined.to_pandas(), [(p, w) for p, w in non_empty]
    ids = table[column].astype(str).tolist()
    positions = np.empty(len(ids), dtype="int64")
    start = 0
    for piece, wanted in frames:
        end = start + len(piece)
        positions[start:end] = [wanted.get(a, -1) for a in ids[start:end]]
        start = end
    keep = positions >= 0
    if not keep.all():
        table, positions = table[keep], positions[keep]
    table = table.assign(_position=positions)
    return table.sort_values("_position", kind="stable").drop(columns="_position").reset_index(drop=True)


def _joined_arrow(pieces: list) -> pa.Table | None:
    """The Arrow pieces concatenated when all pieces are Arrow tables with the same column names and types
    (``string`` read as ``large_string``: both become pandas ``str``), else ``None``."""
    if not pieces or not all(isinstance(p, pa.Table) for p, _ in pieces):
        return None
    tables = [_large_strings(p) for p, _ in pieces]
    first = tables[0].schema
    if any(not t.schema.equals(first, check_metadata=False) for t in tables[1:]):
        return None
    return pa.concat_tables([t.replace_schema_metadata(first.metadata) for t in tables])


def _large_strings(table: pa.Table) -> pa.Table:
    if not any(pa.types.is_string(f.type) for f in table.schema):
        return table
    schema = pa.schema([f.with_type(pa.large_string()) if pa.types.is_string(f.type) else f for f in table.schema],
                       metadata=table.schema.metadata)
    return table.cast(schema)


#: Rows per file of a table written as a Parquet dataset (bounds the memory of writing one).
ROWS_PER_FILE = 250_000


class DatasetWriter:
    """One table written as a Parquet dataset (``<folder>/part-00000.parquet`` ...) in corpus order, a
    file whenever ``rows_per_file`` rows have gathered, so memory holds at most one file's rows."""

    def __init__(self, folder: Path, rows_per_file: int | None = None) -> None:
        self.folder = folder
        self.rows_per_file = rows_per_file or ROWS_PER_FILE
        self.files = 0
        self.rows = 0
        self._schema = None
        self._buffer: list[pd.DataFrame] = []
        self._buffered = 0
        folder.mkdir(parents=True, exist_ok=True)

    def add(self, frame: pd.DataFrame) -> None:
        if len(frame):
            self._buffer.append(frame)
            self._buffered += len(frame)
        elif self._schema is None and not self._buffer:
            self._buffer.append(frame)  # an empty table still gets its columns
        if self._buffered >= self.rows_per_file:
            self._write()

    def _write(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        frames = [f for f in self._buffer if len(f)]
        if not frames and not self.files:
            frames = self._buffer[:1]  # an empty table: one empty file that keeps its columns
        self._buffer, self._buffered = [], 0
        if not frames:
            return
        table = pa.Table.from_pandas(pd.concat(frames, ignore_index=True), preserve_index=False)
        if self._schema is None:
            self._schema = table.schema
        elif table.schema != self._schema:
            table = table.cast(self._schema)
        path = self.folder / f"part-{self.files:05d}.parquet"
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        pq.write_table(table, tmp)
        tmp.replace(path)
        self.files += 1
        self.rows += table.num_rows

    def close(self) -> int:
        """Write what is left; returns the rows written."""
        if self._buffer:
            self._write()
        return self.rows


def stream_table(store: Store, locations: list[tuple[str, str]], name: str, article_column: str,
                 writer: DatasetWriter) -> None:
    """Rows of table ``name`` for the articles at ``locations`` (corpus order) appended to ``writer``,
    reading each part once per run of consecutive articles stored in it."""
    start = 0
    while start < len(locations):
        part = locations[start][0]
        end = start
        while end < len(locations) and locations[end][0] == part:
            end += 1
        table = store.read(part, name)
        if table is not None:
            wanted = {aid: k for k, (_, aid) in enumerate(locations[start:end])}
            positions = table[article_column].astype(str).map(wanted)
            keep = positions.notna().to_numpy()
            piece = table[keep].assign(_position=positions[keep].astype("int64").to_numpy())
            piece = piece.sort_values("_position", kind="stable").drop(columns="_position")
            writer.add(piece.reset_index(drop=True))
        start = end
