"""Sentiment charts: tone with intervals, scorer agreement, driver words (notebook 03)."""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from medialens.figures.style import MIN_FONT_SIZE, colours_for, labels
from medialens.figures.style import label as display_label
from medialens.sentiment.rules import NEUTRAL_BAND
from medialens.sentiment.summary import driver_words


def _row_names(ci: pd.DataFrame, rows: Sequence[str], label: str, clusters: str | None) -> list[str]:
    """Display names of the rows with their ``n`` (and articles or clusters) where the row has data."""
    info = ci.set_index(ci[label].astype(str))
    return [
        f"{display_label(r)} (n={info.loc[r, 'n']}" + (f", {info.loc[r, clusters]} art.)" if clusters else ")")
        if r in info.index else display_label(r)
        for r in rows
    ]


def plot_tone_ci(
    ci: pd.DataFrame,
    ax: Axes | None = None,
    *,
    xlabel: str = "mean polarity (news scorer)",
    label: str = "group",
    hue: str | None = None,
    order: Sequence[str] | None = None,
    hue_order: Sequence[str] | None = None,
    palette: Mapping[str, str] | None = None,
    n_in_label: bool = True,
) -> Axes:
    """Horizontal dot-and-whisker plot of a :func:`bootstrap_ci` / :func:`tone_ci` table; returns the Axes.

    Args:
        ci: rows with ``label``, ``n``, ``mean``, ``ci_low``, ``ci_high`` (``n_articles`` or
            ``n_clusters`` is shown when present).
        label: column naming the rows (y axis), drawn top to bottom in table order or in ``order``
            (rows of ``order`` missing from ``ci`` stay empty, so panels can share a y axis).
        hue: optional column drawn as side-by-side coloured dots within each row, with a legend,
            in ``hue_order`` (default: order of appearance) and colours from ``palette`` (default
            :func:`medialens.figures.colours_for`).
        n_in_label: write ``n`` into the row label; otherwise (and always with ``hue``) next to
            each point.
    """
    rows = [str(r) for r in order] if order is not None else list(dict.fromkeys(ci[label].astype(str)))
    ci = ci[ci[label].astype(str).isin(rows)]
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.4 * max(3, len(rows)) + 1))
    clusters = next((c for c in ("n_articles", "n_clusters") if c in ci.columns), None)
    hues = ([str(h) for h in hue_order] if hue_order is not None else list(dict.fromkeys(ci[hue].astype(str)))) \
        if hue else [None]
    colours = [palette[h] for h in hues] if palette and hue else colours_for([str(h) for h in hues])
    point_n = bool(hue) or not n_in_label
    step = 0.8 / len(hues)
    for colour, h in zip(colours, hues):
        part = ci if h is None else ci[ci[hue].astype(str) == h]
        offset = 0.0 if h is None else 0.4 - step / 2 - hues.index(h) * step
        y = np.array([len(rows) - 1 - rows.index(str(v)) for v in part[label]], dtype=float) + offset
        ax.errorbar(
            part["mean"], y,
            xerr=[(part["mean"] - part["ci_low"]).clip(lower=0), (part["ci_high"] - part["mean"]).clip(lower=0)],
            fmt="o", capsize=3, markersize=4, color=colour, label=h and display_label(h),
        )
        if point_n:
            for x, yy, k in zip(part["ci_high"], y, part["n"]):
                ax.annotate(f"{k}", (x, yy), xytext=(3, 0), textcoords="offset points", va="center",
                            fontsize=MIN_FONT_SIZE)
    if hue:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title=display_label(hue))
    names = _row_names(ci, rows, label, clusters) if n_in_label and not hue else labels(rows)
    ax.set_yticks(np.arange(len(rows))[::-1], names)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel)
    return ax


def plot_scorer_scatter(
    sentences: pd.DataFrame, ax: Axes | None = None, *, textblob_band: float, band: float = NEUTRAL_BAND
) -> Axes:
    """Scatter of textblob-de (x) against the news scorer (y) per sentence, with both neutral bands."""

    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.scatter(sentences["polarity_textblob"], sentences["polarity"], s=9, alpha=0.35, linewidths=0, color="#0072B2",
               label="one sentence")
    for v in (-textblob_band, textblob_band):
        ax.axvline(v, color="grey", linewidth=0.7, linestyle="--")
    for v in (-band, band):
        ax.axhline(v, color="grey", linewidth=0.7, linestyle="--")
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("textblob-de polarity")
    ax.set_ylabel("news scorer polarity")
    ax.grid(axis="both", visible=True)
    return ax


def plot_driver_heatmap(
    drivers: pd.DataFrame, group: str, ax: Axes | None = None, *, value: str = "per_100", top: int = 15,
    per_group: int = 3,
) -> Axes:
    """Diverging heat map of :func:`group_drivers`: words (rows) x groups (columns), 0 = white.

    The words of :func:`driver_words` are shown, most negative total first; a blank cell means the
    word is not in that group's table (with ``group_drivers(..., k=None)``: the word never
    contributed in that group).
    """
    from matplotlib.colors import TwoSlopeNorm

    wide = drivers.pivot_table(index="word", columns=group, values=value, aggfunc="sum")
    wide = wide.loc[driver_words(drivers, group, value=value, top=top, per_group=per_group)]
    wide = wide.loc[wide.sum(axis=1).sort_values(kind="stable").index]
    if ax is None:
        _, ax = plt.subplots(figsize=(1 + 1.1 * wide.shape[1], 0.3 * len(wide) + 1.5))
    lim = float(np.nanmax(np.abs(wide.to_numpy()))) if wide.size else 1.0
    im = ax.imshow(wide.to_numpy(dtype=float), cmap="RdBu", norm=TwoSlopeNorm(0, -lim, lim), aspect="auto")
    for (r, c), v in np.ndenumerate(wide.to_numpy(dtype=float)):
        if not np.isnan(v):
            ax.text(c, r, f"{v:.1f}", ha="center", va="center", fontsize=MIN_FONT_SIZE,
                    color="white" if abs(v) > 0.6 * lim else "black")
    ax.set_xticks(range(wide.shape[1]), labels(wide.columns), rotation=30, ha="right")
    ax.set_yticks(range(len(wide)), list(wide.index))
    ax.grid(False)
    ax.figure.colorbar(im, ax=ax, shrink=0.8, label=f"summed contribution {value.replace('_', ' ')}")
    return ax
