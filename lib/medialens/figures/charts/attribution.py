"""Attribution charts: the most cited sources, stacked by outlet group (notebook 01)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import numpy as np

from medialens.attribution.summary import GROUP_ORDER
from medialens.tables import ordered_groups
from medialens.figures.style import FALLBACK_COLOURS, TYPE_COLOURS


def plot_top_sources(table: pd.DataFrame, *, by: str = "outlet_group", ax=None, title: str = "",
                     xlabel: str = "attributions"):
    """Horizontal bars of the most cited sources, stacked by group, most cited on top.

    Args:
        table: the output of :func:`top_sources` with ``by``.
        by: the group column whose segments are stacked.
        ax: Axes to draw on (new figure when ``None``).

    Returns:
        The matplotlib Axes.
    """


    if ax is None:
        _, ax = plt.subplots()
    if table.empty:
        ax.set_title(title)
        return ax
    ranked = table.drop_duplicates("source").sort_values("rank")
    labels = [f"{s} ({t})" for s, t in zip(ranked["source"], ranked["source_type"])]
    wide = table.pivot_table(index="source", columns=by, values="attributions", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=ranked["source"], columns=ordered_groups(table[by], GROUP_ORDER), fill_value=0)
    colours = TYPE_COLOURS
    left = np.zeros(len(wide))
    y = np.arange(len(wide))[::-1]
    for k, group in enumerate(wide.columns):
        values = wide[group].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colours.get(group, FALLBACK_COLOURS[k % len(FALLBACK_COLOURS)]),
                label=str(group), height=0.75)
        left += values
    ax.set_yticks(y, labels)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=7)
    return ax
