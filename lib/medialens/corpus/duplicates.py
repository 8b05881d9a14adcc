"""Duplicates: exact copies and near-duplicate wire copies, flagged (never deleted).

Exact duplicates share a text hash (``duplicate_of``); near-duplicates are groups of texts whose word
5-shingle Jaccard is at least a threshold (``near_duplicate_group``), found with MinHash/LSH and
verified exactly. :func:`deduplicate_articles` keeps one article per wire story.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import pandas as pd

from medialens.nlp import text_hash

_WORD = re.compile(r"\w+")


def _shingles(text: str, n: int = 5) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + n]).encode()) for i in range(len(words) - n + 1)}


def jaccard(a: set, b: set) -> float:
    """Jaccard similarity of two sets (0 when both are empty)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def near_duplicate_groups(texts: list[str], threshold: float = 0.9, *, bands: int = 32, rows: int = 2) -> list[int | None]:
    """Group texts whose word 5-shingle Jaccard is >= ``threshold``.

    MinHash signatures (``bands * rows`` permutations) propose candidate pairs by banding (Broder 1997;
    Leskovec et al., *Mining of Massive Datasets*, ch. 3); every candidate is verified with the exact
    Jaccard, so the result does not depend on the hashing. Returns a group number per text (groups of
    two or more, numbered from 1 in order of first member) or ``None``.
    """
    shingles = [_shingles(t) for t in texts]
    k = bands * rows
    rng = np.random.default_rng(20220105)
    prime = np.uint64((1 << 61) - 1)
    a = rng.integers(1, 1 << 31, size=k, dtype=np.uint64)
    b = rng.integers(0, 1 << 31, size=k, dtype=np.uint64)
    buckets: dict[tuple, list[int]] = {}
    for idx, sh in enumerate(shingles):
        if not sh:
            continue
        x = np.fromiter(sh, dtype=np.uint64)
        sig = ((np.outer(x, a) + b) % prime).min(axis=0)
        for band in range(bands):
            key = (band, *sig[band * rows : (band + 1) * rows].tolist())
            buckets.setdefault(key, []).append(idx)
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i_pos, i in enumerate(members):
            for j in members[i_pos + 1 :]:
                if (i, j) in checked or find(i) == find(j):
                    continue
                checked.add((i, j))
                if jaccard(shingles[i], shingles[j]) >= threshold:
                    parent[find(j)] = find(i)
    roots = [find(i) for i in range(len(texts))]
    sizes: dict[int, int] = {}
    for r in roots:
        sizes[r] = sizes.get(r, 0) + 1
    numbers: dict[int, int] = {}
    out: list[int | None] = []
    for r in roots:
        if sizes[r] < 2:
            out.append(None)
            continue
        numbers.setdefault(r, len(numbers) + 1)
        out.append(numbers[r])
    return out


def flag_duplicates(articles: pd.DataFrame, threshold: float = 0.9) -> pd.DataFrame:
    """Add ``duplicate_of`` (first article with the identical text) and ``near_duplicate_group``."""
    out = articles.copy()
    first: dict[str, str] = {}
    dup = []
    for aid, text in zip(out["article_id"], out["text"]):
        h = text_hash(text)
        dup.append(first.get(h))
        first.setdefault(h, aid)
    out["duplicate_of"] = pd.array(dup, dtype="string")
    out["near_duplicate_group"] = pd.array(near_duplicate_groups(out["text"].tolist(), threshold), dtype="Int64")
    return out


def deduplicate_articles(articles: pd.DataFrame, within: str | None = "outlet_type") -> pd.DataFrame:
    """Keep one article per wire story (per value of ``within``).

    A wire story is a ``near_duplicate_group`` of the loader (an exact copy, ``duplicate_of``, without
    a group joins the group of its original). Per story -- and, with ``within``, per value of that
    column -- the first article is kept: originals before exact copies, then by date and
    ``article_id``. Articles outside any group are all kept. With ``within="outlet_type"`` a wire
    story counts once for every outlet type that carried it, so two private outlets printing the
    same agency text do not double its weight, while the type still counts as having carried it.

    Args:
        articles: the articles table (``article_id``; ``duplicate_of``, ``near_duplicate_group``,
            ``date`` are used when present).
        within: a column to de-duplicate within, or ``None`` for one article per story overall.

    Returns:
        The kept rows of ``articles`` in their original order.
    """
    if within is not None and within not in articles.columns:
        raise ValueError(f"articles has no column {within!r}")
    if articles.empty:
        return articles.copy()
    na = pd.Series(pd.NA, index=articles.index)
    ids = articles["article_id"].astype(str)
    group = articles.get("near_duplicate_group", na)
    dup_of = articles.get("duplicate_of", na)
    key = pd.Series([f"a:{i}" if pd.isna(g) else f"g:{g}" for i, g in zip(ids, group)], index=articles.index)
    key_of = dict(zip(ids, key))
    orphan = group.isna() & dup_of.notna()
    key[orphan] = [key_of.get(str(d), f"a:{d}") for d in dup_of[orphan]]
    order = pd.DataFrame({
        "_key": key, "_copy": dup_of.notna(), "_date": articles.get("date", na).astype(object).fillna("~"),
        "_id": ids, "_within": articles[within].astype(object).fillna("unknown") if within else "",
    })
    first = order.sort_values(["_copy", "_date", "_id"], kind="stable").drop_duplicates(["_key", "_within"])
    return articles.loc[articles.index.isin(first.index)]
