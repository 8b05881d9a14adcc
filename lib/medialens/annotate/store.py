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
import uuid
from pathlib import Path

import pandas as pd

_KEYS = "_keys"
_ORDER = "_tables.txt"


class Store:
    """Per-article annotation rows in Parquet parts: ``parts/<id>/<table>.parquet`` and ``_keys.parquet``.

    ``index.parquet`` (key, part, article_id) lists the parts' articles so a lookup reads one file;
    parts written after the index (a concurrent or interrupted run) are found by listing ``parts/``.
    Every file is written to a temporary name and renamed, so readers never see half a part.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.parts = root / "parts"

    def _index_frame(self) -> pd.DataFrame:
        index_file = self.root / "index.parquet"
        frames = []
        indexed: set[str] = set()
        if index_file.exists():
            index = pd.read_parquet(index_file)
            frames.append(index)
            indexed = set(index["part"].unique())
        if self.parts.exists():
            for entry in os.scandir(self.parts):
                if entry.is_dir() and entry.name not in indexed and not entry.name.startswith("."):
                    keys_file = Path(entry.path) / f"{_KEYS}.parquet"
                    if keys_file.exists():
                        keys = pd.read_parquet(keys_file)
                        keys["part"] = entry.name
                        frames.append(keys[["key", "part", "article_id"]])
        if not frames:
            return pd.DataFrame({"key": [], "part": [], "article_id": []}, dtype="str")
        index = pd.concat(frames, ignore_index=True).drop_duplicates("key", keep="last")
        existing = {e.name for e in os.scandir(self.parts)} if self.parts.exists() else set()
        return index[index["part"].isin(existing)]

    def lookup(self, keys: list[str]) -> dict[str, tuple[str, str]]:
        """``key -> (part, article_id)`` for the keys already stored."""
        index = self._index_frame()
        wanted = index[index["key"].isin(set(keys))]
        return {k: (p, a) for k, p, a in zip(wanted["key"], wanted["part"], wanted["article_id"])}

    def write_part(self, keys: list[str], article_ids: list[str], tables: dict[str, pd.DataFrame]) -> str:
        """Write one chunk's tables as a part; returns the part id (a hash of its keys)."""
        name = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:24]
        final = self.parts / name
        if final.exists():
            return name
        tmp = self.parts / f".{name}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
        tmp.mkdir(parents=True)
        for table_name, table in tables.items():
            table.to_parquet(tmp / f"{table_name}.parquet", index=False)
        (tmp / _ORDER).write_text("\n".join(tables) + "\n", encoding="utf-8")
        pd.DataFrame({"key": keys, "article_id": [str(a) for a in article_ids]}).to_parquet(
            tmp / f"{_KEYS}.parquet", index=False
        )
        try:
            tmp.rename(final)
        except OSError:  # another process wrote the same part first
            shutil.rmtree(tmp, ignore_errors=True)
        return name

    def save_index(self) -> None:
        """Rewrite ``index.parquet`` from the index plus any unindexed parts."""
        index = self._index_frame()
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".index.{os.getpid()}.{uuid.uuid4().hex[:8]}.parquet"
        index.to_parquet(tmp, index=False)
        tmp.replace(self.root / "index.parquet")

    def read(self, part: str, table: str) -> pd.DataFrame | None:
        path = self.parts / part / f"{table}.parquet"
        return pd.read_parquet(path) if path.exists() else None

    def table_names(self, part: str) -> list[str]:
        """Table names of a part in the order the analyses produced them."""
        return (self.parts / part / _ORDER).read_text(encoding="utf-8").split()


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
    pieces: dict[str, list[pd.DataFrame]] = {name: [] for name in names}
    for part, wanted in order.items():
        for name in names:
            table = store.read(part, name)
            if table is None:
                continue
            positions = table[article_columns.get(name, "article_id")].astype(str).map(wanted)
            keep = positions.notna().to_numpy()
            piece = table[keep] if not keep.all() else table
            pieces[name].append(piece.assign(_position=positions[keep].astype("int64").to_numpy()))
        bar.update(1)
    out: dict[str, pd.DataFrame] = {}
    for name, frames in pieces.items():
        if not frames:
            continue
        non_empty = [f for f in frames if len(f)]
        table = pd.concat(non_empty, ignore_index=True) if non_empty else frames[0]
        out[name] = table.sort_values("_position", kind="stable").drop(columns="_position").reset_index(drop=True)
    return out
