"""Date-aware offices: a dictionary role line points to its holder only during the holder's term.

A role line of the actor dictionary (*US-Präsident*, *Kremlchef*, *Bundeskanzler*, *der Präsident*) may
carry ``valid_from``/``valid_to`` (ISO dates, inclusive; either may be missing for an open end): the
term during which that actor holds the office. For an article:

* dated inside the term, the line counts as usual;
* dated outside it, the line does not count: *der US-Präsident* in a 2016 article is not Biden;
* undated, or dated so coarsely that the term may start or end within the period (*2021-01* for a
  term starting 2021-01-20), the line counts only when the article names the holder (a name line of
  that actor matched in the article).

Lines without a term count as before. Dates are compared as intervals: ``2016`` is 2016-01-01 to
2016-12-31, ``2016-03`` the whole of March.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Iterable

#: ``in_term`` answers: inside the term, outside it, or undecided (no or too coarse a date).
INSIDE, OUTSIDE, UNDECIDED = "inside", "outside", "undecided"


def parse_bound(value: str, *, end: bool = False) -> date | None:
    """First (or with ``end`` last) day of an ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``None`` for "".

    Raises:
        ValueError: for anything else.
    """
    text = str(value or "").strip()
    if not text:
        return None
    parts = text[:10].split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(f"not an ISO date: {value!r}")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
    if len(parts) > 2:
        day = int(parts[2])
    else:
        day = calendar.monthrange(year, month)[1] if end else 1
    return date(year, month, day)


def article_period(value) -> tuple[date, date] | None:
    """The days an article date stands for (``2016-03`` -> March 2016); ``None`` when undated or unreadable."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    try:
        first, last = parse_bound(str(value)), parse_bound(str(value), end=True)
    except ValueError:
        return None
    return (first, last) if first is not None and last is not None else None


def in_term(valid_from: str, valid_to: str, period: tuple[date, date] | None) -> str:
    """Whether an article period lies inside a term: :data:`INSIDE`, :data:`OUTSIDE` or :data:`UNDECIDED`."""
    if not valid_from and not valid_to:
        return INSIDE
    if period is None:
        return UNDECIDED
    start, stop = parse_bound(valid_from), parse_bound(valid_to, end=True)
    first, last = period
    if (start is not None and last < start) or (stop is not None and first > stop):
        return OUTSIDE
    if (start is not None and first < start) or (stop is not None and last > stop):
        return UNDECIDED
    return INSIDE


def line_counts(line, period: tuple[date, date] | None, named: Iterable[str]) -> bool:
    """Whether a dictionary line counts in an article of ``period`` that names the actors ``named``."""
    answer = in_term(getattr(line, "valid_from", ""), getattr(line, "valid_to", ""), period)
    return answer == INSIDE or (answer == UNDECIDED and line.id in set(named))
