"""Keyword in context: the sentences behind a number, for any table with character offsets.

:func:`kwic` returns a concordance table: the left context ends at the match and starts at a word
boundary, the right context starts after the match and ends at a word boundary -- never half a word.
In a notebook the table is shown as a concordance (left context right-aligned, match in bold, right
context left-aligned, category ids by their display names); the values stay ids and plain text.
"""

from __future__ import annotations

import html
import re
from typing import Sequence

import pandas as pd

from medialens.figures.style import readable

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w", re.UNICODE)


def _left_context(text: str, start: int, window: int) -> str:
    """Up to ``window`` characters before ``start``, starting at a word boundary."""
    begin = max(0, start - window)
    context = text[begin:start]
    if begin > 0 and _WORD.match(text[begin - 1]) and context and _WORD.match(context[0]):
        cut = re.search(r"\W", context)
        context = context[cut.start():] if cut else ""
    return _SPACE.sub(" ", context).lstrip()


def _right_context(text: str, end: int, window: int) -> str:
    """Up to ``window`` characters after ``end``, ending at a word boundary."""
    stop = min(len(text), end + window)
    context = text[end:stop]
    if stop < len(text) and _WORD.match(text[stop]) and context and _WORD.match(context[-1]):
        cut = max(context.rfind(" "), context.rfind("\n"), context.rfind("\t"))
        context = context[:cut] if cut > 0 else ""
    return _SPACE.sub(" ", context).rstrip()


def shown_value(value) -> str:
    """A table cell as text: missing values (``None``, ``NaN``) are empty, not ``nan``."""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # lists, arrays
        pass
    return str(value)


class KwicTable(pd.DataFrame):
    """A :func:`kwic` result: a DataFrame that a notebook shows as an aligned concordance."""

    @property
    def _constructor(self):
        return KwicTable

    def _repr_html_(self) -> str | None:
        if not {"left", "match", "right"} <= set(self.columns):
            return super()._repr_html_()
        return concordance_html(self)


def concordance_html(table: pd.DataFrame, *, highlight: str = "b", max_rows: int | None = 200) -> str:
    """HTML of a KWIC table: left context right-aligned, the match highlighted, right context left-aligned.

    Args:
        table: rows with ``left``, ``match``, ``right`` and any other columns (ids shown as display names).
        highlight: the HTML element around the match (``"b"`` bold, ``"mark"`` highlighted).
        max_rows: rows shown (a note says how many more there are).
    """
    shown = table.head(max_rows) if max_rows else table
    extra = [c for c in shown.columns if c not in ("left", "match", "right")]
    people = readable(pd.DataFrame(shown[extra]), headers=True) if extra else pd.DataFrame(index=shown.index)
    cell = "padding:1px 6px;vertical-align:top"
    head = "".join(f'<th style="{cell};text-align:left">{html.escape(str(c))}</th>' for c in people.columns)
    rows = []
    for k, rec in enumerate(shown.to_dict("records")):
        meta = "".join(f'<td style="{cell};text-align:left">{html.escape(shown_value(v))}</td>'
                       for v in people.iloc[k].tolist())
        rows.append(
            f'<tr>{meta}<td style="{cell};text-align:right;white-space:nowrap">{html.escape(str(rec["left"]))}</td>'
            f'<td style="{cell};text-align:center;white-space:nowrap"><{highlight}>{html.escape(str(rec["match"]))}'
            f'</{highlight}></td><td style="{cell};text-align:left;white-space:nowrap">'
            f'{html.escape(str(rec["right"]))}</td></tr>'
        )
    more = (f"<p><i>{len(table) - len(shown)} more rows not shown.</i></p>"
            if max_rows and len(table) > max_rows else "")
    if not rows:
        return "<p><i>No rows: nothing of this kind in the corpus.</i></p>"
    return (f'<table class="medialens-kwic"><thead><tr>{head}<th style="{cell};text-align:right">left</th>'
            f'<th style="{cell}">match</th><th style="{cell};text-align:left">right</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{more}')


def kwic(spans: pd.DataFrame, articles: pd.DataFrame, *, start: str = "start", end: str = "end",
         window: int = 60, keep: Sequence[str] = ()) -> KwicTable:
    """Keyword-in-context rows for any table with character offsets into article texts.

    Args:
        spans: rows with ``article_id`` and the offset columns ``start``/``end`` (e.g. attributions with
            ``start="source_start", end="source_end"``, mentions, frames).
        articles: the corpus table (``article_id``, ``text``).
        window: at most this many characters of context on each side, cut back to whole words (white
            space, line breaks included, is collapsed to single spaces).
        keep: extra columns of ``spans`` to carry into the result.

    Returns:
        ``article_id, left, match, right`` (+ ``keep``), one row per span with offsets; shown in a
        notebook as an aligned concordance.
    """
    texts = dict(zip(articles["article_id"], articles["text"]))
    rows = []
    for rec in spans.to_dict("records"):
        a, b = rec.get(start), rec.get(end)
        if pd.isna(a) or pd.isna(b) or rec["article_id"] not in texts:
            continue
        text, a, b = texts[rec["article_id"]], int(a), int(b)
        rows.append({"article_id": rec["article_id"], "left": _left_context(text, a, window),
                     "match": _SPACE.sub(" ", text[a:b]), "right": _right_context(text, b, window),
                     **{k: rec.get(k) for k in keep}})
    return KwicTable(pd.DataFrame(rows, columns=["article_id", "left", "match", "right", *keep]))
