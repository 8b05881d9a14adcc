"""The outlet registry: the only reader of ``data/outlets.csv`` and the join of articles to it.

Each registry row names an outlet, its aliases (``|``-separated), its ``outlet_type`` and
``country``. :func:`join_outlets` gives every article the canonical outlet name, type and country;
:func:`registry_rows` gives the source typer of :mod:`medialens.attribution` the same rows.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd

from medialens import config
from medialens.corpus.report import CorpusError
from medialens.datafiles import data_rows

UNKNOWN = "unknown"


def read_registry(path: Path | None = None) -> pd.DataFrame:
    """The registry table (all columns as strings; ``#`` lines and blank lines skipped).

    Raises:
        CorpusError: the file is missing or lacks ``outlet``, ``outlet_type`` or ``country``.
    """
    return _read_registry(str(path or config.OUTLETS_FILE)).copy()


@lru_cache(maxsize=4)
def _read_registry(path: str) -> pd.DataFrame:
    if not Path(path).exists():
        raise CorpusError(f"{path}: outlet registry not found (pass outlets=... or restore data/outlets.csv)")
    rows = data_rows(Path(path), ",")
    columns = list(rows[0]) if rows else ["outlet", "aliases", "outlet_type", "country"]
    table = pd.DataFrame(rows, columns=columns, dtype=str)
    missing = {"outlet", "outlet_type", "country"} - set(table.columns)
    if missing:
        raise CorpusError(f"{path}: outlet registry lacks columns {sorted(missing)}")
    return table


@lru_cache(maxsize=4)
def _registry(path: str) -> dict[str, tuple[str, str, str]]:
    table = _read_registry(path)
    lookup: dict[str, tuple[str, str, str]] = {}
    for row in table.to_dict("records"):
        value = (row["outlet"], row["outlet_type"], row["country"])
        for name in [row["outlet"], *row.get("aliases", "").split("|")]:
            if name.strip():
                lookup[_outlet_key(name)] = value
    return lookup


def registry_rows(outlets: pd.DataFrame | None = None) -> tuple[tuple[str, str, str], ...]:
    """``(outlet, aliases, outlet_type)`` rows, for typing sources by the outlets they name.

    Args:
        outlets: a registry DataFrame (columns ``outlet``, ``outlet_type``, optional ``aliases``,
            '|'-separated); ``None`` reads ``data/outlets.csv`` (no rows when it does not exist).

    Raises:
        ValueError: a DataFrame without ``outlet`` and ``outlet_type``.
    """
    if outlets is None:
        if not config.OUTLETS_FILE.exists():
            return ()
        outlets = _read_registry(str(config.OUTLETS_FILE))
    cols = {"outlet", "outlet_type"}
    if not cols <= set(outlets.columns):
        raise ValueError(f"outlet registry needs columns {sorted(cols)}; got {list(outlets.columns)}")
    aliases = outlets["aliases"] if "aliases" in outlets.columns else [""] * len(outlets)
    return tuple(
        (str(o), "" if a is None or a != a else str(a), "" if t is None or t != t else str(t))
        for o, a, t in zip(outlets["outlet"], aliases, outlets["outlet_type"])
        if isinstance(o, str) and o
    )


def _outlet_key(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().casefold()


def outlet_registry(path: Path | None = None) -> dict[str, tuple[str, str, str]]:
    """Map normalised outlet names and aliases to ``(canonical name, outlet_type, country)``."""
    return _registry(str(path or config.OUTLETS_FILE))


def join_outlets(articles: pd.DataFrame, registry_path: Path | None = None) -> pd.DataFrame:
    """Fill ``outlet`` (canonical name), ``outlet_type`` and ``country`` from the registry.

    Unknown outlets keep their name and get ``outlet_type = "unknown"``.
    """
    registry = outlet_registry(registry_path)
    out = articles.copy()
    hits = [registry.get(_outlet_key(str(o))) if isinstance(o, str) else None for o in out["outlet"]]
    out["outlet"] = [h[0] if h else (o if isinstance(o, str) else UNKNOWN) for h, o in zip(hits, out["outlet"])]
    out["outlet_type"] = [h[1] if h else UNKNOWN for h in hits]
    out["country"] = [h[2] if h else (c if isinstance(c, str) else None) for h, c in zip(hits, out["country"])]
    return out
