"""Writing result tables safely: never through a planted link, never as a spreadsheet formula.

* **No writing through links.** :func:`write_table` refuses a path that is a symbolic link (an
  ``articles.csv`` planted in the output folder pointing elsewhere would otherwise be overwritten), and
  writes every file to a temporary name in the same folder that then *replaces* the entry, so a hard
  link is replaced too, never written into, and an interrupted run leaves no half-written table. The
  output folder itself may be a link (the user named it).
* **Spreadsheet-safe CSV.** A text cell (or column name) that starts with ``=``, ``+``, ``-``, ``@``, a
  tab or a carriage return runs as a formula when the CSV is opened in a spreadsheet; it is written with
  an apostrophe in front (``'=HYPERLINK(…)``), the usual neutralisation. So that the rule can be undone,
  a text cell that already starts with an apostrophe gets one more. Numbers are written as numbers
  (``-0.5`` is a number to a spreadsheet, not a formula). :func:`read_csv_table` reads a CSV back and
  removes the added apostrophes; the Parquet file next to each CSV is the exact copy, unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pandas as pd

#: First characters that make a spreadsheet evaluate a cell (OWASP "CSV injection"), and the apostrophe
#: that marks a neutralised cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MARK = "'"


class OutputError(ValueError):
    """A result file cannot be written safely; the message names the path."""


def neutralise(value: object) -> object:
    """A text that a spreadsheet cannot run as a formula (other values unchanged)."""
    if isinstance(value, str) and value.startswith((*FORMULA_START, MARK)):
        return MARK + value
    return value


def restore(value: object) -> object:
    """The text :func:`neutralise` was given."""
    if isinstance(value, str) and value.startswith(MARK):
        return value[1:]
    return value


def _text_column(values: pd.Series) -> bool:
    return values.dtype == object or pd.api.types.is_string_dtype(values.dtype)


def csv_safe(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell and column name neutralised (a copy only when something changes)."""
    out = table
    for position, column in enumerate(table.columns):
        values = table.iloc[:, position]
        if not _text_column(values):
            continue
        marked = values.map(lambda v: isinstance(v, str) and v.startswith((*FORMULA_START, MARK)))
        if marked.any():
            out = out.copy() if out is table else out
            out.iloc[:, position] = values.map(neutralise)
    names = [neutralise(c) for c in table.columns]
    if names != list(table.columns):
        out = out.copy() if out is table else out
        out.columns = names
    return out


def read_csv_table(path: str | Path, **read_csv: object) -> pd.DataFrame:
    """A CSV written by :func:`write_table` with the neutralising apostrophes removed."""
    table = pd.read_csv(path, **read_csv)
    table.columns = [restore(c) for c in table.columns]
    for position in range(table.shape[1]):
        if _text_column(table.iloc[:, position]):
            table.iloc[:, position] = table.iloc[:, position].map(restore)
    return table


def output_folder(out: str | Path) -> Path:
    """``out``, created if needed; an :class:`OutputError` when it is not a folder."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: not a folder (choose another --out)")
    out.mkdir(parents=True, exist_ok=True)
    return out


def refuse_links(paths: list[Path]) -> None:
    """An :class:`OutputError` naming the first of ``paths`` that is a symbolic link."""
    for path in paths:
        if path.is_symlink():
            raise OutputError(f"{path} is a symbolic link (to {os.readlink(path)}); medialens does not write "
                              "through links -- remove it or choose another --out")


def _replace_with(path: Path, write: Callable[[Path], None]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)  # replaces a link or hard link itself, never writes into its target
    finally:
        if temporary.exists():
            temporary.unlink()


def write_table(table: pd.DataFrame, csv_path: Path, parquet_path: Path | None = None) -> None:
    """Write ``table`` as spreadsheet-safe CSV (and as Parquet, the exact copy), never through a link."""
    refuse_links([p for p in (csv_path, parquet_path) if p is not None])
    _replace_with(csv_path, lambda p: csv_safe(table).to_csv(p, index=False, lineterminator="\n"))
    if parquet_path is not None:
        _replace_with(parquet_path, lambda p: table.to_parquet(p, index=False))
