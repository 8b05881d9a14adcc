"""Statistics shared by every analysis: intervals, agreement, scores, distinctive terms, splits.

* :func:`bootstrap_ci` -- group means with percentile (cluster) bootstrap intervals; ONE seeding
  rule (the generator of a group is seeded from the base seed and the group's key, so a group's
  interval never moves when another group is added) and ONE column naming (``ci_low``/``ci_high``);
  :func:`bootstrap_ratio` the same for pooled ratios (shares);
* :func:`wilson_interval` -- Wilson score interval of a binomial share (Wilson 1927);
* :func:`log_odds_dirichlet` -- weighted log-odds with an informative Dirichlet prior (Monroe,
  Colaresi & Quinn 2008);
* :func:`cohen_kappa`, :func:`krippendorff_alpha_nominal` -- agreement between coders;
* :func:`prf` -- precision, recall and F1 from counts;
* :func:`hash_split` -- a deterministic split of evaluation items by a hash of their key.
"""

from __future__ import annotations

import hashlib
import math
import warnings
import zlib
from collections import Counter
from typing import Hashable, Mapping, NamedTuple, Sequence

import numpy as np
import pandas as pd

# ------------------------------------------------------------------------------------ bootstrap

CI_COLUMNS = ["group", "n", "mean", "ci_low", "ci_high"]


def group_rng(seed: int, key: object) -> np.random.Generator:
    """The one seeding rule of every bootstrap here: one generator per group, seeded from the base
    ``seed`` and the group's key (CRC-32 of its string form), so the resamples of a group -- and its
    interval -- do not change when other groups are added or removed."""
    return np.random.default_rng([seed, zlib.crc32(str(key).encode("utf-8"))])


def resampled_ratios(numerators, denominators, rng: np.random.Generator, n: int) -> np.ndarray:
    """Pooled ratios ``sum(numerators) / sum(denominators)`` over ``n`` resamples of the clusters.

    Args:
        numerators: per cluster, shape ``(k,)`` or ``(k, m)`` (``m`` ratios share each resample).
        denominators: per cluster, shape ``(k,)``.
        rng: the generator (:func:`group_rng`).
        n: resamples (clusters drawn with replacement, ``k`` per resample).

    Returns:
        Shape ``(n,)`` or ``(n, m)``; ``nan`` where a resample's denominator is 0.
    """
    num = np.asarray(numerators, dtype=float)
    den = np.asarray(denominators, dtype=float)
    k = len(den)
    width = num.shape[1] if num.ndim > 1 else 1
    out = np.empty((n, *num.shape[1:]))
    batch = max(1, min(n, 2_000_000 // max(1, k * width)))  # bounds memory on large groups
    for b in range(0, n, batch):
        size = min(batch, n - b)
        idx = rng.integers(0, k, size=(size, k))
        top, bottom = num[idx].sum(axis=1), den[idx].sum(axis=1)
        if num.ndim > 1:
            bottom = bottom[:, None]
        out[b : b + size] = np.divide(top, bottom, out=np.full(top.shape, np.nan), where=bottom > 0)
    return out


def bootstrap_ratio(numerators, denominators, *, key: object, n: int = 2000, seed: int = 0,
                    level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile cluster-bootstrap interval of pooled ratios (shares) of one group.

    The clusters (e.g. articles, each with its count of anonymous attributions and of all
    attributions) are resampled with replacement; the interval is the ``(1 - level) / 2`` and
    ``(1 + level) / 2`` quantiles of the pooled ratio (Efron & Tibshirani 1993, ch. 13), resamples
    with a zero denominator left out. Seeded by :func:`group_rng` (``seed``, ``key``).

    Returns:
        ``(ci_low, ci_high)``: arrays of shape ``()`` or ``(m,)`` as the numerators.
    """
    if not 0 < level < 1 or n < 1:
        raise ValueError("level must be in (0, 1) and n positive")
    ratios = resampled_ratios(numerators, denominators, group_rng(seed, key), n)
    with warnings.catch_warnings():  # a ratio with no defined resample is nan, said by the caller
        warnings.simplefilter("ignore", RuntimeWarning)
        lo, hi = np.nanquantile(ratios, [(1 - level) / 2, (1 + level) / 2], axis=0)
    return lo, hi


def pooled_mean_ci(sums, counts, *, key: object, n: int = 2000, seed: int = 0,
                   level: float = 0.95) -> tuple[float, float]:
    """Percentile interval of a group's pooled mean when its clusters (given by their value ``sums``
    and ``counts``, clusters in sorted order) are resampled: the interval of :func:`bootstrap_ci`,
    seeded by :func:`group_rng` (``seed``, ``key``)."""
    means = resampled_ratios(sums, counts, group_rng(seed, key), n)
    tail = (1 - level) / 2 * 100
    lo, hi = np.percentile(means, [tail, 100 - tail])
    return float(lo), float(hi)


def bootstrap_ci(
    values: Sequence[float] | pd.Series | np.ndarray,
    groups: Sequence | pd.Series | np.ndarray | None = None,
    n: int = 2000,
    seed: int = 0,
    level: float = 0.95,
    clusters: Sequence | pd.Series | np.ndarray | None = None,
) -> pd.DataFrame:
    """Group means with percentile bootstrap confidence intervals (Efron & Tibshirani 1993).

    Deterministic: each group resamples from :func:`group_rng` (``seed``, the group), so a group's
    interval does not change when other groups are added or removed.

    With ``clusters`` (e.g. the article id of every sentence) the bootstrap resamples whole
    clusters within each group and recomputes the pooled mean (cluster bootstrap; Davison &
    Hinkley 1997, section 3.8). Sentences of one article share an author, a topic and a day, so
    they are not independent; resampling sentences one by one would give intervals that are too
    narrow. The point estimate is the same pooled mean either way.

    Args:
        values: numeric values (NaN dropped).
        groups: group label per value; ``None`` puts everything in one group "all".
        n: bootstrap resamples.
        seed: base seed.
        level: confidence level of the percentile interval.
        clusters: optional cluster label per value (resampling unit).

    Returns:
        DataFrame with columns :data:`CI_COLUMNS` (plus ``n_clusters`` when ``clusters`` is
        given), groups sorted by their string form.
    """
    vals = np.asarray(values, dtype=float)
    labels = np.asarray(["all"] * len(vals) if groups is None else list(groups), dtype=object)
    if len(labels) != len(vals):
        raise ValueError(f"values ({len(vals)}) and groups ({len(labels)}) differ in length")
    units = None if clusters is None else np.asarray([str(c) for c in clusters], dtype=object)
    if units is not None and len(units) != len(vals):
        raise ValueError(f"values ({len(vals)}) and clusters ({len(units)}) differ in length")
    if n < 1:
        raise ValueError("n must be positive")
    ok = ~np.isnan(vals)
    vals, labels = vals[ok], labels[ok]
    units = units[ok] if units is not None else None
    rows = []
    for group in sorted(set(labels.tolist()), key=str):
        mask = labels == group
        x = vals[mask]
        if units is None:  # every value is its own cluster
            sums, counts = x, np.ones(len(x))
        else:
            codes, _ = pd.factorize(units[mask], sort=True)
            sums, counts = np.bincount(codes, weights=x), np.bincount(codes).astype(float)
        k = len(sums)
        lo, hi = pooled_mean_ci(sums, counts, key=group, n=n, seed=seed, level=level)
        row = (group, len(x), float(x.mean()), lo, hi)
        rows.append(row + ((k,) if units is not None else ()))
    return pd.DataFrame(rows, columns=CI_COLUMNS + (["n_clusters"] if units is not None else []))


# ------------------------------------------------------------------------------------ distinctive terms

LOG_ODDS_COLUMNS = ["term", "count_a", "count_b", "prior", "log_odds", "variance", "z", "favours"]


def _float_series(counts: Mapping[str, float] | pd.Series) -> pd.Series:
    return pd.Series(dict(counts) if not isinstance(counts, pd.Series) else counts, dtype=float)


def _prior_counts(a: pd.Series, b: pd.Series, prior: Mapping[str, float] | pd.Series | None,
                  alpha0: float) -> pd.Series:
    """Pseudo-counts α_w over the vocabulary of ``a`` and ``b`` (see :func:`log_odds_dirichlet`)."""
    if prior is None:
        if alpha0 <= 0:
            raise ValueError("alpha0 must be positive")
        pooled = a + b
        return pooled / pooled.sum() * alpha0
    alpha = _float_series(prior).reindex(a.index)
    if alpha.isna().any() or (alpha <= 0).any():
        bad = list(alpha[alpha.isna() | (alpha <= 0)].index[:5])
        raise ValueError(f"prior needs a positive pseudo-count for every term, missing/invalid: {bad}")
    return alpha


def log_odds_dirichlet(
    counts_a: Mapping[str, int] | pd.Series,
    counts_b: Mapping[str, int] | pd.Series,
    prior: Mapping[str, float] | pd.Series | None = None,
    alpha0: float = 500.0,
    min_count: int = 1,
) -> pd.DataFrame:
    """Weighted log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    For term w with counts y_a, y_b, group totals n_a, n_b and prior pseudo-counts α_w summing to α0:

        δ_w = log((y_a + α_w) / (n_a + α0 − y_a − α_w)) − log((y_b + α_w) / (n_b + α0 − y_b − α_w))
        σ²(δ_w) ≈ 1 / (y_a + α_w) + 1 / (y_b + α_w)          z_w = δ_w / √σ²(δ_w)

    Positive z: the term is characteristic of group a; negative: of group b.

    Args:
        counts_a: term counts of group a.
        counts_b: term counts of group b.
        prior: pseudo-counts α_w per term, used as given (α0 = their sum over the vocabulary);
            default: the pooled counts y_a + y_b scaled to sum to ``alpha0``.
        alpha0: total prior pseudo-count when ``prior`` is not given.
        min_count: drop terms with y_a + y_b below this from the output (totals, prior and α0 are
            computed over the full vocabulary first).

    Returns:
        ``term, count_a, count_b, prior, log_odds, variance, z, favours`` sorted by z (descending).

    Raises:
        ValueError: on an empty group, a non-positive ``alpha0`` or a vocabulary term without a
            positive prior.
    """
    a, b = _float_series(counts_a), _float_series(counts_b)
    vocab = a.index.union(b.index)
    a, b = a.reindex(vocab, fill_value=0.0), b.reindex(vocab, fill_value=0.0)
    n_a, n_b = float(a.sum()), float(b.sum())
    if n_a <= 0 or n_b <= 0:
        raise ValueError(f"both groups need counts (n_a={n_a:g}, n_b={n_b:g})")
    alpha = _prior_counts(a, b, prior, alpha0)
    a0 = float(alpha.sum())
    delta = (
        ((a + alpha) / (n_a + a0 - a - alpha)).map(math.log)
        - ((b + alpha) / (n_b + a0 - b - alpha)).map(math.log)
    )
    var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
    z = delta / var.map(math.sqrt)
    df = pd.DataFrame({
        "term": vocab.astype(str), "count_a": a.astype("int64").values, "count_b": b.astype("int64").values,
        "prior": alpha.values, "log_odds": delta.values, "variance": var.values, "z": z.values,
    })
    df["favours"] = ["a" if v > 0 else ("b" if v < 0 else "") for v in df["z"]]
    df = df[(df["count_a"] + df["count_b"]) >= min_count]
    return df.sort_values(["z", "term"], ascending=[False, True]).reset_index(drop=True)[LOG_ODDS_COLUMNS]


# ------------------------------------------------------------------------------------ binomial shares


def wilson_interval(k: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for ``k`` successes in ``n`` trials (``(nan, nan)`` for ``n == 0``)."""
    if not 0 < level < 1:
        raise ValueError("level must be in (0, 1)")
    if k < 0 or n < 0 or k > n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return math.nan, math.nan
    from statistics import NormalDist

    z = NormalDist().inv_cdf((1 + level) / 2)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


# ------------------------------------------------------------------------------------ agreement


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's kappa for two coders over the same units: (p_o − p_e) / (1 − p_e) (Cohen 1960).

    Returns ``nan`` when chance agreement is 1 (both coders used a single, identical category:
    kappa is undefined).
    """
    if len(a) != len(b):
        raise ValueError("both codings need the same number of units")
    n = len(a)
    if n == 0:
        return math.nan
    p_o = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    p_e = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    if p_e >= 1.0:
        return math.nan
    return (p_o - p_e) / (1.0 - p_e)


def krippendorff_alpha_nominal(units: Sequence[Sequence[Hashable | None]]) -> float:
    """Krippendorff's alpha for nominal data: 1 − D_o / D_e from the coincidence matrix.

    Args:
        units: one sequence of values per unit (one value per coder; ``None`` = missing). Units
            with fewer than two values are not pairable and are ignored.

    Returns:
        Alpha, or ``nan`` when expected disagreement is 0 (a single value used throughout).
    """
    coincidence: Counter[tuple[Hashable, Hashable]] = Counter()
    for unit in units:
        values = [v for v in unit if v is not None and not (isinstance(v, float) and math.isnan(v))]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidence[(c, k)] += 1.0 / (m - 1)
    n_c: Counter[Hashable] = Counter()
    for (c, _), w in coincidence.items():
        n_c[c] += w
    n = sum(n_c.values())
    if n <= 1:
        return math.nan
    d_o = sum(w for (c, k), w in coincidence.items() if c != k) / n
    d_e = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n * (n - 1))
    if d_e == 0:
        return math.nan
    return 1.0 - d_o / d_e


# ------------------------------------------------------------------------------------ scores and splits


class PRF(NamedTuple):
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float


def prf(tp: int, n_pred: int, n_gold: int, *, undefined: float = 0.0) -> PRF:
    """Precision, recall and F1 from the number of true positives, predictions and gold items.

    A ratio with a zero denominator is ``undefined`` (0.0 by default, ``math.nan`` to tell "nothing to
    measure" from "all wrong"); F1 is 0.0 when there were predictions or gold items but no true
    positive.
    """
    precision = tp / n_pred if n_pred else undefined
    recall = tp / n_gold if n_gold else undefined
    if tp:
        f1 = 2 * precision * recall / (precision + recall)
    else:
        f1 = 0.0 if n_pred or n_gold else undefined
    return PRF(precision, recall, f1)


def hash_split(key: str, parts: Sequence[str] = ("tune", "test"), *, byte: int = -1) -> str:
    """A deterministic part for an evaluation item: SHA-256 of ``key``, one byte of it modulo the parts.

    Args:
        key: the item's stable key (a document name, a sentence text).
        parts: the part names.
        byte: which digest byte decides (``-1`` = the last, i.e. the parity of the whole digest).
    """
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return parts[digest[byte] % len(parts)]
