"""Metadata values every table format can hold.

Input metadata comes with whatever types a JSON line or an export gives: a ``tags`` field that is a list
in one line and a string in the next cannot be written to Parquet (``Conversion failed for column
tags``) -- after the whole annotation has run. :func:`uniform_columns` makes each column hold one type:

* the text columns of the articles table (``article_id``, ``outlet``, ``title``, ``url``, ``country``,
  ``date``) hold text: numbers, lists and objects are written as JSON text (``7``, ``["a", "b"]``);
* in any other metadata column, lists and objects are written as JSON text (one form in CSV and
  Parquet alike; Parquet cannot store every shape, e.g. an empty object), and a column whose values have
  more than one type (number and text, true/false and number), or one type Parquet cannot store (an
  integer over 64 bits), is written as text the same way;
* each converted column gets one note in the load report naming the types and the files.

Columns of one scalar type (all numbers, all true/false, all text) are left as they are.

:func:`without_surrogates` replaces lone surrogate code points (``"\\ud800"`` in a JSON string decodes
to one; no UTF-8 file, Parquet table or CSV can hold it) by U+FFFD in texts, metadata names and values.
"""

from __future__ import annotations

import json
import re
from typing import Iterable

import pandas as pd
import pyarrow as pa

from medialens.corpus.report import LoadReport

#: Columns of the articles table that hold text whatever the input gives.
TEXT_COLUMNS = ("article_id", "outlet", "title", "url", "country", "date")

_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: object) -> tuple[object, int]:
    """``value`` (text, or JSON-like lists and objects holding text) with lone surrogates replaced by
    U+FFFD, and how many were replaced. Nested values go through the JSON encoder (no Python recursion,
    so any depth JSON itself accepted is fine)."""
    if isinstance(value, str):
        return _SURROGATE.subn("\ufffd", value)
    try:
        dumped = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):  # not JSON-like: nothing read from JSON
        return value, 0
    fixed, count = _SURROGATE.subn("\ufffd", dumped)
    return (json.loads(fixed) if count else value), count


def as_text(value: object) -> str:
    """``value`` as text: strings unchanged, everything else as JSON (``true``, ``1.5``, ``["a"]``)."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        return str(value)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "str"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _present(values: pd.Series) -> pd.Series:
    return values[[not _missing(v) for v in values]]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def _storable(values: pd.Series) -> bool:
    try:
        pa.array(values.tolist(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
        return False
    return True


def _files(table: pd.DataFrame, index: Iterable) -> str:
    files = sorted(set(table.loc[list(index), "source_file"].astype(str)))
    return ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")


def uniform_columns(table: pd.DataFrame, extra: Iterable[str], report: LoadReport) -> pd.DataFrame:
    """``table`` with :data:`TEXT_COLUMNS` as text and each ``extra`` column of one storable type."""
    out = table.copy()
    for column in [c for c in TEXT_COLUMNS if c in out.columns] + [c for c in extra if c in out.columns]:
        values = _present(out[column])
        if out[column].dtype != object or values.empty:
            continue
        kinds = sorted({_kind(v) for v in values})
        if column in TEXT_COLUMNS:
            if kinds == ["str"]:
                continue
            why = f"holds {' and '.join(kinds)} values; written as text"
        elif len(kinds) > 1:
            why = f"holds values of mixed types ({', '.join(kinds)}); all written as text"
        elif kinds[0] in ("list", "object"):
            why = f"holds {kinds[0]}s; written as JSON text"
        elif not _storable(values):
            why = f"holds {kinds[0]} values no table format can store as they are; written as text"
        else:
            continue
        changed = [i for i, v in values.items() if not isinstance(v, str)]
        out[column] = [v if _missing(v) else as_text(v) for v in out[column]]
        report.note(_files(out, changed), f"column {column!r} {why} (e.g. {as_text(values[changed[0]])[:40]})")
    return out
