"""Mention roles: is an actor given a voice (the source of an attribution) or only talked about?

A mention has ``role="source"`` when it overlaps the source span of an attribution of the same article
(*Tokajew sagte …*, *laut dem Innenministerium …*) and ``"mentioned"`` otherwise. This runs as its own
annotation step after attribution (actors run before attribution, which will resolve its sources to the
actors found).
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from typing import Mapping, Sequence

import pandas as pd


def assign_roles(mentions: pd.DataFrame, attributions: pd.DataFrame | None) -> pd.DataFrame:
    """The mentions table with ``role`` set from the attributions' source spans.

    Args:
        mentions: the mentions table (``article_id, start, end`` character offsets).
        attributions: the attributions table (``article_id, source_start, source_end``) or ``None``.

    Returns:
        A copy of ``mentions`` with ``role`` "source" or "mentioned".
    """
    out = mentions.copy()
    spans: dict[str, list[tuple[int, int]]] = {}
    if attributions is not None and not attributions.empty and "source_start" in attributions:
        for aid, a, b in zip(attributions["article_id"], attributions["source_start"], attributions["source_end"]):
            if pd.notna(a) and pd.notna(b):
                spans.setdefault(str(aid), []).append((int(a), int(b)))
    index = {aid: _SpanIndex(s) for aid, s in spans.items()}
    out["role"] = [
        "source" if str(aid) in index and index[str(aid)].overlaps(start, end) else "mentioned"
        for aid, start, end in zip(out["article_id"], out["start"], out["end"])
    ]
    return out


class _SpanIndex:
    """Spans sorted by start with the running maximum of their ends: overlap queries in O(log n), so
    an article with tens of thousands of mentions and sources stays linear-logarithmic."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.max_end = list(accumulate((b for _, b in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Does some span ``[a, b)`` have ``a < end`` and ``start < b``?"""
        k = bisect_left(self.starts, end)  # spans[:k] start before `end`
        return k > 0 and self.max_end[k - 1] > start


def annotate_roles(docs: Sequence, articles: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Annotate step: the mentions table again, with the roles from ``tables["attributions"]``."""
    return {"mentions": assign_roles(tables["mentions"], tables.get("attributions"))}
