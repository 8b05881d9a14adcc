"""Paths and settings.

The one module that knows where things live. Everything else asks here; no other module builds a
path from ``__file__`` or a ``"../data"`` string.
"""

from __future__ import annotations

import os
from pathlib import Path

from medialens import __version__

#: The repository root (``lib/medialens/config.py`` -> two levels up from ``lib``).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
LEXICON_DIR = DATA_DIR / "lexicons"
DEMO_CORPUS_DIR = DATA_DIR / "corpus"
OUTLETS_FILE = DATA_DIR / "outlets.csv"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
#: Evaluation data lives beside the repository and is never copied into it.
SHARED_DIR = PROJECT_ROOT.parent / "shared"
EVAL_DIR = SHARED_DIR / "eval"
SEEDS_DIR = SHARED_DIR / "seeds"

PACKAGE_VERSION = __version__


class CacheError(OSError):
    """Derived data (the NLP cache, the annotation store) cannot be written; the message names the folder."""


def cache_dir() -> Path:
    """Directory for derived data (processed documents, annotation tables).

    ``MEDIALENS_CACHE`` overrides the default ``<project>/.cache``; the folder is created on demand
    and is never committed.
    """
    path = Path(os.environ.get("MEDIALENS_CACHE", PROJECT_ROOT / ".cache"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep_text(path: Path, text: str) -> bool:
    """Write a derived text file of the cache (a list or memo other processes read) in one step: to a
    temporary file renamed over ``path``, so a reader sees the old file or the new one, never half of it.
    Returns ``False`` when the cache cannot be written (read-only, full): the caller goes on without it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        return False
    return True


def read_parquet_file(path: Path, columns: list[str] | None = None):
    """One Parquet file of the cache as an Arrow table: ``pq.read_table`` without its dataset layer, which
    cost about three times as much per small file as the reading itself (same table, schema metadata
    included; a warm rerun reads hundreds of such files)."""
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as file:
        return file.read(columns=columns, use_threads=False)


def lexicon_path(*parts: str) -> Path:
    """Path of a lexicon file under ``data/lexicons``; raises ``FileNotFoundError`` naming it."""
    path = LEXICON_DIR.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"lexicon file not found: {path}")
    return path
