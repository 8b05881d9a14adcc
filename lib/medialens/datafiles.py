"""Data files: the one reader of the project's lexicons, dictionaries and registries.

Every data file under ``data/`` follows the same conventions: UTF-8, one entry a line, blank lines
and lines starting with ``#`` ignored.

* one-entry-a-line lists (``.txt``): :func:`data_list` / :func:`data_lines`;
* tables with a header line: :func:`data_rows` -- CSV (``,``, standard quoting; every row has as
  many cells as the header) or TSV (tab, no quoting, cells stripped; trailing empty cells may be
  left out, the lexicon convention);
* JSON lines (``.jsonl``; ``//`` lines are comments too): :func:`jsonl_rows`;
* files shipped inside an installed package: :func:`package_file`.

Errors name the file and line (``verbs.tsv:12: …``).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterator


def package_file(package: str, *parts: str) -> Path:
    """Path of a file inside an installed package, found without importing the package (importing
    ``textblob_de`` loads NLTK: about 230 MB per process for two word lists).

    Raises:
        FileNotFoundError: the package is not installed.
    """
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {package!r} is not installed")
    return Path(list(spec.submodule_search_locations)[0]).joinpath(*parts)


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


def _tsv_rows(path: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with Path(path).open(encoding="utf-8") as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if header is None:
                header = cells
                continue
            if len(cells) > len(header):
                raise ValueError(f"{path}:{number}: {len(cells)} cells, header has {len(header)} ({', '.join(header)})")
            rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows


def data_rows(path: Path, delimiter: str | None = None) -> list[dict[str, str]]:
    """Rows of a CSV or TSV data file with a header line.

    Args:
        path: the file.
        delimiter: ``","`` (CSV) or ``"\\t"`` (TSV); default by suffix (``.tsv`` is TSV, else CSV).

    Returns:
        One dict per row, keyed by the header.

    Raises:
        ValueError: naming the file and line, when a CSV row has more or fewer cells than the
            header, or a TSV row more.
    """
    if delimiter is None:
        delimiter = "\t" if Path(path).suffix.lower() == ".tsv" else ","
    if delimiter == "\t":
        return _tsv_rows(path)
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


def jsonl_rows(path: Path) -> Iterator[tuple[int, dict]]:
    """``(line number, object)`` of every JSON line (blank, ``#`` and ``//`` lines skipped).

    Raises:
        ValueError: naming the file and line, for a line that is not a JSON object.
    """
    with Path(path).open(encoding="utf-8") as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.strip()
            if not line or line.startswith(("#", "//")):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            if not isinstance(obj, dict):
                raise ValueError(f"{path}:{number}: a JSON object per line expected")
            yield number, obj
