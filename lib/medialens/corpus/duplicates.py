"""Duplicates: exact copies, near-duplicate wire copies and edited copies, flagged (never deleted).

Three relations between articles, all on sets of lower-cased word 5-shingles (words are ``\\w+`` runs):

* ``duplicate_of`` -- the first article with the identical text (text hash);
* ``near_duplicate_group`` -- groups of texts whose shingle **Jaccard** is at least 0.9 (wire copies
  with a word changed or two sentences swapped);
* ``copy_of`` / ``copy_similarity`` -- a text mostly contained in another (shingle **containment**,
  the shared share of the smaller set, at least 0.8 either way): a wire story republished with a
  framing clause added or a paragraph dropped, a press release lightly rewritten. ``copy_of`` names
  the cluster's original (the earliest article; on the same day a news agency's; then input order)
  and ``copy_similarity`` the containment between the two.

Candidates come from MinHash signatures and banding (Broder 1997; Leskovec, Rajaraman & Ullman,
*Mining of Massive Datasets*, ch. 3) and every candidate is verified exactly, so results do not
depend on the hashing. Work stays linear in the number of texts: a bucket keeps at most ``cap``
members for later texts to be compared with, and a candidate is verified only when its signature
agreement is within ``sigma`` standard errors of what the thresholds need. Templated texts that all
share their boilerplate therefore cost ``texts x bands x cap`` comparisons at most, not all pairs.
:func:`deduplicate_articles` keeps one article per story.
"""

from __future__ import annotations

import re
import time
import zlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from medialens.nlp import text_hash

_WORD = re.compile(r"\w+")
_BASE = np.uint64(1_000_003)
#: Seed of the MinHash mixers (fixed: the same texts always give the same candidates).
SEED = 20220105


def _word_ids(words: list[str], cache: dict[str, int]) -> np.ndarray:
    ids = [cache.get(w) or cache.setdefault(w, zlib.crc32(w.encode()) | 1) for w in words]
    return np.array(ids, dtype=np.uint64)


def shingle_set(text: str, n: int = 5, *, _cache: dict[str, int] | None = None) -> np.ndarray:
    """The word ``n``-shingles of a text as a sorted array of distinct 64-bit hashes.

    A text of fewer than ``n`` words is one shingle. Each shingle is a polynomial hash of its word
    hashes, so no shingle string is built.
    """
    words = _WORD.findall(text.lower())
    if not words:
        return np.empty(0, dtype=np.uint64)
    ids = _word_ids(words, _cache if _cache is not None else {})
    width = min(n, len(ids))
    acc = np.zeros(len(ids) - width + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(width):
            acc = acc * _BASE + ids[k : len(ids) - width + 1 + k]
    return np.unique(acc)


def jaccard(a: set, b: set) -> float:
    """Jaccard similarity of two sets (0 when both are empty)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """``(jaccard, containment)`` of two shingle sets; containment is the shared share of the smaller."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))


def minhash_signatures(sets: list[np.ndarray], k: int = 64, seed: int = SEED) -> np.ndarray:
    """MinHash signatures (one row per set): ``k`` independent 64-bit mixers (a random key xor-ed in,
    then the SplitMix64 finaliser), minimum over the set. Empty sets get all-ones rows."""
    keys = np.random.default_rng(seed).integers(0, np.iinfo(np.int64).max, size=k, dtype=np.int64).astype(np.uint64)
    out = np.full((len(sets), k), np.iinfo(np.uint64).max, dtype=np.uint64)
    c1, c2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
    with np.errstate(over="ignore"):
        for i, values in enumerate(sets):
            if len(values):
                mixed = values[:, None] ^ keys[None, :]
                mixed = (mixed ^ (mixed >> np.uint64(30))) * c1
                mixed = (mixed ^ (mixed >> np.uint64(27))) * c2
                out[i] = (mixed ^ (mixed >> np.uint64(31))).min(axis=0)
    return out


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def groups(self) -> list[int | None]:
        """Group number per item (groups of two or more, numbered from 1 by first member) or ``None``."""
        roots = [self.find(i) for i in range(len(self.parent))]
        sizes = pd.Series(roots).value_counts().to_dict()
        numbers: dict[int, int] = {}
        return [numbers.setdefault(r, len(numbers) + 1) if sizes[r] > 1 else None for r in roots]


@dataclass
class SimilarityResult:
    """What :func:`find_similar` found and what it cost."""

    near: _UnionFind
    copies: _UnionFind
    sets: list[np.ndarray]
    stats: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class LshSettings:
    """Banding and work limits of :func:`find_similar` (defaults: 32 bands of 2 rows, cap 50)."""

    bands: int = 32
    rows: int = 2
    cap: int = 50
    sigma: float = 4.0


def find_similar(texts: list[str], near_threshold: float = 0.9, copy_threshold: float = 0.8,
                 settings: LshSettings = LshSettings()) -> SimilarityResult:
    """Near-duplicate groups (Jaccard) and copy clusters (containment) of ``texts`` in linear time.

    Args:
        texts: the texts, in corpus order.
        near_threshold: Jaccard at or above which two texts are near-duplicates.
        copy_threshold: containment at or above which one text is a copy of the other.
        settings: banding and work limits (see :class:`LshSettings`).

    Returns:
        A :class:`SimilarityResult`; ``stats`` has the seconds per step and the numbers of candidate
        pairs verified, skipped by the signature check, and bucket members not stored (``capped``).
    """
    started = time.perf_counter()
    cache: dict[str, int] = {}
    sets = [shingle_set(t, _cache=cache) for t in texts]
    shingled = time.perf_counter()
    signatures = minhash_signatures(sets, settings.bands * settings.rows)
    hashed = time.perf_counter()
    result = SimilarityResult(_UnionFind(len(texts)), _UnionFind(len(texts)), sets)
    counts = {"candidates": 0, "max_candidates": 0, "verified": 0, "skipped": 0, "capped": 0}
    buckets: dict[bytes, list[int]] = {}
    sizes = np.array([len(s) for s in sets], dtype=np.float64)
    for i in range(len(texts)):
        if sizes[i]:
            candidates = _bucket_candidates(i, signatures, buckets, settings, counts)
            kept = _plausible(i, candidates, signatures, sizes, near_threshold, copy_threshold, settings.sigma)
            counts["candidates"] += len(candidates)
            counts["max_candidates"] = max(counts["max_candidates"], len(candidates))
            counts["skipped"] += len(candidates) - len(kept)
            _verify(i, kept, result, near_threshold, copy_threshold, counts)
    result.stats = {"shingles_s": shingled - started, "minhash_s": hashed - shingled,
                    "candidates_s": time.perf_counter() - hashed, **counts}
    return result


def _bucket_candidates(i: int, signatures: np.ndarray, buckets: dict, settings: LshSettings, counts: dict) -> np.ndarray:
    """Earlier texts sharing a band with text ``i``; ``i`` joins each bucket while it has room."""
    row = signatures[i]
    found: list[int] = []
    for band in range(settings.bands):
        key = band.to_bytes(2, "little") + row[band * settings.rows : (band + 1) * settings.rows].tobytes()
        members = buckets.get(key)
        if members is None:
            buckets[key] = [i]
            continue
        found.extend(members)
        if len(members) < settings.cap:
            members.append(i)
        else:
            counts["capped"] += 1
    return np.unique(np.array(found, dtype=np.int64))


def _plausible(i: int, candidates: np.ndarray, signatures: np.ndarray, sizes: np.ndarray, near: float,
               copy: float, sigma: float) -> list[int]:
    """Candidates whose signature agreement (an estimate of Jaccard) could reach either threshold.

    The Jaccard a pair needs is ``near`` or, for a copy, ``copy * s / (|A| + |B| - copy * s)`` with
    ``s`` the smaller set's size; a candidate is kept unless its estimate is more than ``sigma``
    binomial standard errors below the smaller of the two.
    """
    if not len(candidates):
        return []
    k = signatures.shape[1]
    estimate = (signatures[candidates] == signatures[i]).sum(axis=1) / k
    smaller = np.minimum(sizes[candidates], sizes[i])
    needed = np.minimum(near, copy * smaller / (sizes[candidates] + sizes[i] - copy * smaller))
    margin = sigma * np.sqrt(np.maximum(needed * (1 - needed), 0.01) / k)
    return candidates[estimate >= needed - margin].tolist()


def _verify(i: int, candidates: list[int], result: SimilarityResult, near: float, copy: float, counts: dict) -> None:
    for j in candidates:
        if result.near.find(i) == result.near.find(j) and result.copies.find(i) == result.copies.find(j):
            continue
        counts["verified"] += 1
        jac, contained = similarity(result.sets[i], result.sets[j])
        if jac >= near:
            result.near.union(i, j)
        if contained >= copy:
            result.copies.union(i, j)


def near_duplicate_groups(texts: list[str], threshold: float = 0.9, *, bands: int = 32, rows: int = 2) -> list[int | None]:
    """Group texts whose word 5-shingle Jaccard is >= ``threshold``.

    Returns a group number per text (groups of two or more, numbered from 1 in order of first member)
    or ``None``; see :func:`find_similar`.
    """
    return find_similar(texts, threshold, 1.1, LshSettings(bands=bands, rows=rows)).near.groups()


def flag_duplicates(articles: pd.DataFrame, threshold: float = 0.9, copy_threshold: float = 0.8,
                    *, agencies: set[str] | frozenset[str] = frozenset()) -> pd.DataFrame:
    """Add ``duplicate_of``, ``near_duplicate_group``, ``copy_of`` and ``copy_similarity``.

    Args:
        articles: the articles table (``article_id``, ``text``; ``date`` and ``outlet`` used to pick
            the original of a copy cluster when present).
        threshold: Jaccard of near-duplicates.
        copy_threshold: containment of copies.
        agencies: outlet names of news agencies: on the same day, an agency's article is the original.

    Returns:
        A copy of ``articles`` with the four columns; ``.attrs["duplicate_stats"]`` holds the
        timings and counts of :func:`find_similar`.
    """
    started = time.perf_counter()
    out = articles.copy()
    first: dict[str, str] = {}
    dup = []
    for aid, text in zip(out["article_id"], out["text"]):
        h = text_hash(text)
        dup.append(first.get(h))
        first.setdefault(h, aid)
    found = find_similar(out["text"].tolist(), threshold, copy_threshold)
    out["duplicate_of"] = pd.array(dup, dtype="string")
    out["near_duplicate_group"] = pd.array(found.near.groups(), dtype="Int64")
    copy_of, copy_sim = _copy_columns(out, found, agencies)
    out["copy_of"] = pd.array(copy_of, dtype="string")
    out["copy_similarity"] = pd.array(copy_sim, dtype="Float64")
    out.attrs["duplicate_stats"] = {"total_s": time.perf_counter() - started, **found.stats}
    return out


def _copy_columns(articles: pd.DataFrame, found: SimilarityResult, agencies) -> tuple[list, list]:
    """``copy_of`` (the cluster's original) and the containment between copy and original."""
    n = len(articles)
    roots = [found.copies.find(i) for i in range(n)]
    dates = [d if isinstance(d, str) else "~" for d in articles["date"]] if "date" in articles else ["~"] * n
    outlets = articles["outlet"].tolist() if "outlet" in articles else [None] * n
    members: dict[int, list[int]] = {}
    for i, root in enumerate(roots):
        members.setdefault(root, []).append(i)
    ids = articles["article_id"].astype(str).tolist()
    copy_of: list = [None] * n
    copy_sim: list = [None] * n
    for group in members.values():
        if len(group) < 2:
            continue
        original = min(group, key=lambda i: (str(dates[i]), outlets[i] not in agencies, i))
        for i in group:
            if i != original:
                copy_of[i] = ids[original]
                copy_sim[i] = round(similarity(found.sets[i], found.sets[original])[1], 4)
    return copy_of, copy_sim


def story_keys(articles: pd.DataFrame) -> pd.Series:
    """One key per story: the original of a copy cluster (``copy_of``), else the near-duplicate group
    (an exact copy without a group joins its original's), else the article itself."""
    na = pd.Series(pd.NA, index=articles.index)
    ids = articles["article_id"].astype(str)
    group = articles.get("near_duplicate_group", na)
    dup_of = articles.get("duplicate_of", na)
    copy_of = articles.get("copy_of", na)
    key = pd.Series([f"a:{i}" if pd.isna(g) else f"g:{g}" for i, g in zip(ids, group)], index=articles.index)
    key_of = dict(zip(ids, key))
    orphan = group.isna() & dup_of.notna()
    key[orphan] = [key_of.get(str(d), f"a:{d}") for d in dup_of[orphan]]
    copied = copy_of.notna()
    key[copied] = [f"a:{c}" for c in copy_of[copied]]
    originals = ids.isin(set(copy_of[copied].astype(str)))
    key[originals] = [f"a:{i}" for i in ids[originals]]
    return key


def deduplicate_articles(articles: pd.DataFrame, within: str | None = "outlet_type") -> pd.DataFrame:
    """Keep one article per story (per value of ``within``).

    A story is a copy cluster (``copy_of``: edited copies, near-duplicates and exact copies of one
    original) or, in tables without ``copy_of``, a ``near_duplicate_group`` (an exact copy without a
    group joins the group of its original). Per story -- and, with ``within``, per value of that
    column -- the first article is kept: originals before copies, then by date and ``article_id``.
    Articles outside any story are all kept. With ``within="outlet_type"`` a wire story counts once
    for every outlet type that carried it, so two private outlets printing the same agency text do
    not double its weight, while the type still counts as having carried it.

    Args:
        articles: the articles table (``article_id``; ``copy_of``, ``duplicate_of``,
            ``near_duplicate_group``, ``date`` are used when present).
        within: a column to de-duplicate within, or ``None`` for one article per story overall.

    Returns:
        The kept rows of ``articles`` in their original order.
    """
    if within is not None and within not in articles.columns:
        raise ValueError(f"articles has no column {within!r}")
    if articles.empty:
        return articles.copy()
    na = pd.Series(pd.NA, index=articles.index)
    is_copy = articles.get("duplicate_of", na).notna() | articles.get("copy_of", na).notna()
    order = pd.DataFrame({
        "_key": story_keys(articles), "_copy": is_copy,
        "_date": articles.get("date", na).astype(object).fillna("~"), "_id": articles["article_id"].astype(str),
        "_within": articles[within].astype(object).fillna("unknown") if within else "",
    })
    first = order.sort_values(["_copy", "_date", "_id"], kind="stable").drop_duplicates(["_key", "_within"])
    return articles.loc[articles.index.isin(first.index)]
