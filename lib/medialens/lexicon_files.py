"""Lexicon files: the one reader of the project's one-entry-a-line data files.

Every list under ``data/lexicons`` (and the actor dictionary) follows the same convention: UTF-8, one
entry a line, blank lines and lines starting with ``#`` ignored. CSV/TSV lists have a header line.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator


def data_lines(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, stripped line)`` of every entry line (not blank, not a ``#`` comment)."""
    with Path(path).open(encoding="utf-8") as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.strip()
            if line and not line.startswith("#"):
                yield number, line


def data_list(path: Path) -> tuple[str, ...]:
    """The entries of a one-word-a-line list, in file order."""
    return tuple(line for _, line in data_lines(path))


def data_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    """Rows of a CSV (or, with ``delimiter="\\t"``, TSV) lexicon with a header line.

    Raises:
        ValueError: naming the file and line, when a row has more or fewer cells than the header.
    """
    numbered = list(data_lines(path))
    if not numbered:
        return []
    parsed = csv.reader([line for _, line in numbered], delimiter=delimiter)
    header = next(parsed)
    rows = []
    for (number, _), cells in zip(numbered[1:], parsed):
        if len(cells) != len(header):
            raise ValueError(f"{path}:{number}: {len(cells)} cells, header has {len(header)} ({', '.join(header)})")
        rows.append(dict(zip(header, cells)))
    return rows
