"""CSV records one by one, each with the line it starts on, so that one broken row never costs the rest.

Python's ``csv`` reader, left to itself, lets a quote that is opened and never closed swallow every later
line into one field (ten rows read as four articles, without a word), and stops the whole file at one
field over its size limit. :func:`csv_rows` reads the text record by record and checks each record that
runs over more than one line: when it is not valid CSV (the quoted field does not end where a field may
end) or has a different number of fields than the header, the quote that opened on its first line is
taken as unclosed -- that record is reported with its first line, and reading starts again on the line
after it. A record of one line with a quote still open at the end of the file is reported the same way.

What cannot be told apart: an unclosed quote whose field happens to close at a later quote that stands
where a field may end (``…text",``), with the right number of fields -- that is valid CSV with a text
running over several lines, and is read as one.

Blank lines are not records. A field longer than ``max_field`` characters (by default the ``csv``
module's own limit, 131,072) makes its record a problem, not the file.
"""

from __future__ import annotations

import csv
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Sequence

#: The ``csv`` module's default field size limit; fields over it are reported, not read.
FIELD_LIMIT = 131_072


@dataclass(frozen=True)
class CsvRow:
    """One record: the line it starts on (1-based), its fields, and why it cannot be used (or None)."""

    line: int
    fields: list[str]
    problem: str | None = None


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """Raise the ``csv`` module's (process-wide) field limit while reading one text; restored afterwards
    (the limit is then applied per field by :func:`_problem`)."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line + "\n" for line in lines]


def _strict_problem(lines: Sequence[str], delimiter: str, quotechar: str) -> str | None:
    """Why ``lines`` are not one valid CSV record (``None`` when they are)."""
    try:
        rows = list(csv.reader(lines, delimiter=delimiter, quotechar=quotechar, strict=True))
    except csv.Error as exc:
        return str(exc)
    return None if len(rows) == 1 else f"{len(rows)} records"


def _blank(fields: list[str]) -> bool:
    return not fields or (len(fields) == 1 and not fields[0].strip())


@dataclass
class _Format:
    delimiter: str
    quotechar: str
    width: int | None  # fields per record, set by the first record when not given
    max_field: int
    restart: int | None = None  # where reading starts again after a broken record (index into lines)


def _records(lines: list[str], start: int, fmt: _Format) -> Iterator[tuple[int, int, list[str], str | None]]:
    """``(first line, last line, fields, csv error)`` of each record of ``lines[start:]``, non-strict."""
    rest = (lines[i] for i in range(start, len(lines)))
    reader = csv.reader(rest, delimiter=fmt.delimiter, quotechar=fmt.quotechar)
    while True:
        before = reader.line_num
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start + before + 1, start + reader.line_num, [], str(exc)
            return
        yield start + before + 1, start + reader.line_num, fields, None


def _unclosed(lines: list[str], first: int, last: int, fmt: _Format) -> str | None:
    """Why the record on ``lines[first-1:last]`` looks like an unclosed quote (``None`` when it does not)."""
    if last == first and fmt.quotechar not in lines[first - 1]:
        return None
    problem = _strict_problem(lines[first - 1 : last], fmt.delimiter, fmt.quotechar)
    if problem is None or (last == first and "end of data" not in problem):
        return None  # valid, or a stray quote inside one line, which the non-strict reading keeps
    return f"quote opened on line {first} is not closed ({problem}); the lines after it are read again"


def _problem(first: int, last: int, fields: list[str], fmt: _Format) -> str | None:
    if fmt.width is not None and len(fields) != fmt.width:
        if last > first:
            return (f"record from line {first} to {last} has {len(fields)} fields, the header {fmt.width}: a "
                    f"quote opened on line {first} is probably not closed; the lines after it are read again")
        return f"row has {len(fields)} fields, the header {fmt.width}"
    longest = max((len(f) for f in fields), default=0)
    if longest > fmt.max_field:
        return (f"a field of {longest:,} characters is over the CSV field limit of {fmt.max_field:,} "
                "(raise it with --max-field or CsvOptions(max_field=...))")
    return None


def _rows_from(lines: list[str], start: int, fmt: _Format) -> Iterator[CsvRow]:
    """Rows of ``lines[start:]`` until the end, or until a broken record; then ``fmt.restart`` is set."""
    fmt.restart = None
    for first, last, fields, error in _records(lines, start, fmt):
        if error is not None:
            yield CsvRow(first, [], f"broken CSV from line {first}: {error}")
            fmt.restart = first
            return
        if _blank(fields):
            continue
        unclosed = _unclosed(lines, first, last, fmt)
        if unclosed:
            yield CsvRow(first, fields, unclosed)
            fmt.restart = first
            return
        if fmt.width is None:
            fmt.width = len(fields)
        problem = _problem(first, last, fields, fmt)
        yield CsvRow(first, fields, problem)
        if problem and last > first and len(fields) != fmt.width:
            fmt.restart = first
            return


def csv_rows(text: str, *, delimiter: str = ",", quotechar: str = '"', width: int | None = None,
             max_field: int = FIELD_LIMIT) -> list[CsvRow]:
    """The records of ``text``, each with its first line; broken ones carry a ``problem``.

    Args:
        width: fields per record; ``None`` takes the first record's (the header's).
        max_field: longest field accepted (characters).
    """
    lines = _lines(text)
    fmt = _Format(delimiter, quotechar, width, max_field)
    rows: list[CsvRow] = []
    start: int | None = 0
    with _field_limit(len(text) + 1):
        while start is not None:
            rows.extend(_rows_from(lines, start, fmt))
            start = fmt.restart
    return rows
