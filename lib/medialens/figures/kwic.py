"""Keyword in context: the sentences behind a number, for any table with character offsets."""

from __future__ import annotations

import re
from typing import Sequence

import pandas as pd

_SPACE = re.compile(r"\s+")


def kwic(spans: pd.DataFrame, articles: pd.DataFrame, *, start: str = "start", end: str = "end",
         window: int = 60, keep: Sequence[str] = ()) -> pd.DataFrame:
    """Keyword-in-context rows for any table with character offsets into article texts.

    Args:
        spans: rows with ``article_id`` and the offset columns ``start``/``end`` (e.g. attributions with
            ``start="source_start", end="source_end"``, mentions, frames).
        articles: the corpus table (``article_id``, ``text``).
        window: characters of context on each side (white space, line breaks included, is collapsed
            to single spaces).
        keep: extra columns of ``spans`` to carry into the result.

    Returns:
        ``article_id, left, match, right`` (+ ``keep``), one row per span with offsets.
    """
    texts = dict(zip(articles["article_id"], articles["text"]))
    rows = []
    for rec in spans.to_dict("records"):
        a, b = rec.get(start), rec.get(end)
        if pd.isna(a) or pd.isna(b) or rec["article_id"] not in texts:
            continue
        text, a, b = texts[rec["article_id"]], int(a), int(b)
        left = _SPACE.sub(" ", text[max(0, a - window) : a])
        right = _SPACE.sub(" ", text[b : b + window])
        rows.append({"article_id": rec["article_id"], "left": left, "match": text[a:b], "right": right,
                     **{k: rec.get(k) for k in keep}})
    return pd.DataFrame(rows, columns=["article_id", "left", "match", "right", *keep])
