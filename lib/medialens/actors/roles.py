"""Mention roles: is an actor given a voice (the source of an attribution) or only talked about?

A mention has ``role="source"`` when it overlaps the source span of an attribution of the same article
(*Tokajew sagte …*, *laut dem Innenministerium …*) and ``"mentioned"`` otherwise. This runs as its own
annotation step after attribution (actors run before attribution, which will resolve its sources to the
actors found).
"""

from __future__ import annotations

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
    out["role"] = [
        "source" if any(a < end and start < b for a, b in spans.get(str(aid), ())) else "mentioned"
        for aid, start, end in zip(out["article_id"], out["start"], out["end"])
    ]
    return out


def annotate_roles(docs: Sequence, articles: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Annotate step: the mentions table again, with the roles from ``tables["attributions"]``."""
    return {"mentions": assign_roles(tables["mentions"], tables.get("attributions"))}
