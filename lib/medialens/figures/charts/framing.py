"""Framing charts: frame shares, distinctive terms, distancing rates, frames over time (notebook 04)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from medialens.figures.style import FALLBACK_COLOURS, MARKER_KIND_COLOURS
from medialens.framing.summary import _SHARE_COLUMNS, MARKER_GROUPS


def plot_frame_shares(
    df: pd.DataFrame, ax: Axes | None = None, *, value: str = "sentence_share", by: str | None = None
) -> Axes:
    """Grouped horizontal bars: one group of bars per frame, one bar per group (outlet type …).

    Args:
        df: output of :func:`frame_shares` or :func:`frame_shares_by_source`.
        ax: axes to draw on (default: a new figure).
        value: the column to plot (``sentence_share``, ``article_share``, ``per_100_tokens``).
        by: the grouping column (default: the first column that is not a score column).
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    by = by or next(c for c in df.columns if c not in _SHARE_COLUMNS)
    frames = list(dict.fromkeys(df["frame"]))
    groups = list(dict.fromkeys(df[by]))
    height = 0.8 / max(len(groups), 1)
    y = np.arange(len(frames))
    for i, g in enumerate(groups):
        sub = df[df[by] == g].set_index("frame").reindex(frames)[value].fillna(0.0)
        ax.barh(y + i * height - 0.4 + height / 2, sub.values, height=height, label=str(g))
    ax.set_yticks(y)
    ax.set_yticklabels([f.replace("_", " ") for f in frames])
    ax.invert_yaxis()
    ax.set_xlabel(value.replace("_", " "))
    ax.legend(title=by.replace("_", " "), fontsize="small", frameon=False)
    return ax


def plot_log_odds(df: pd.DataFrame, top: int = 15, ax: Axes | None = None) -> Axes:
    """Top ``top`` terms on each side of a :func:`log_odds_dirichlet` table as bars of z-scores."""

    if ax is None:
        _, ax = plt.subplots(figsize=(6, max(3.0, 0.28 * 2 * top)))
    df = df.astype({"z": float})  # an empty table (no comparison possible) draws empty axes
    pos = df[df["z"] > 0].nlargest(top, "z")
    neg = df[df["z"] < 0].nsmallest(top, "z")
    sel = pd.concat([pos, neg.iloc[::-1]])
    colors = ["#b2182b" if z > 0 else "#2166ac" for z in sel["z"]]
    ax.barh(range(len(sel)), sel["z"], color=colors)
    ax.set_yticks(range(len(sel)))
    ax.set_yticklabels(sel["term"])
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    for q in (-1.96, 1.96):
        ax.axvline(q, color="grey", linewidth=0.6, linestyle=":")
    label_a = str(df["group_a"].iloc[0]) if "group_a" in df and len(df) else "a"
    label_b = str(df["group_b"].iloc[0]) if "group_b" in df and len(df) else "b"
    ax.set_xlabel(f"z-score (← {label_b} | {label_a} →)")
    return ax




def plot_distancing_rates(
    df: pd.DataFrame, ax: Axes | None = None, *, value: str = "per_100_sentences", by: str | None = None
) -> Axes:
    """Stacked horizontal bars: one bar per group, one segment per marker kind (:func:`distancing_rates`)."""

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    by = by or df.columns[0]
    wide = df.pivot_table(index=by, columns="kind", values=value, aggfunc="sum", fill_value=0.0)
    wide = wide.reindex(columns=[k for k in MARKER_GROUPS if k in wide.columns])
    wide = wide.loc[wide.sum(axis=1).sort_values(kind="stable").index]
    left = pd.Series(0.0, index=wide.index)
    for kind in wide.columns:
        ax.barh(wide.index.astype(str), wide[kind], left=left, color=MARKER_KIND_COLOURS.get(kind, "#999999"),
                edgecolor="white", linewidth=0.5, label=kind.replace("_", " "))
        left += wide[kind]
    ax.set_xlabel(value.replace("_", " "))
    ax.grid(axis="y", visible=False)
    ax.legend(title="marker", loc="lower right", fontsize="small")
    return ax


def plot_frames_over_time(df: pd.DataFrame, ax: Axes | None = None, *, value: str = "sentence_share") -> Axes:
    """One line per frame over the periods of :func:`frame_shares_over_time` (pooled over groups).

    The x axis is ordinal (one step per period, whatever its length); tick labels carry the number of
    articles in each period.
    """


    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    periods = df.drop_duplicates("period_start").sort_values("period_start")
    x = {p: i for i, p in enumerate(periods["period"])}
    for k, frame in enumerate(dict.fromkeys(df["frame"])):
        d = df[df["frame"] == frame].sort_values("period_start")
        ax.plot([x[p] for p in d["period"]], d[value], marker="o", markersize=3.5, linewidth=1.4,
                color=FALLBACK_COLOURS[k % len(FALLBACK_COLOURS)], label=str(frame).replace("_", " "))
    ax.set_xticks(range(len(x)), [f"{p}\n(n={n})" for p, n in zip(periods["period"], periods["n_articles"])])
    ax.set_ylabel(value.replace("_", " "))
    ax.grid(axis="y", visible=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    return ax
