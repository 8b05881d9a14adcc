"""Attribution charts: the most cited sources, stacked by outlet group (notebook 01)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import numpy as np

from medialens.attribution.summary import GROUP_ORDER
from medialens.tables import ordered_groups
from medialens.figures.style import colours_for, label


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
    names = [f"{s} ({label(t)})" for s, t in zip(ranked["source"], ranked["source_type"])]
    wide = table.pivot_table(index="source", columns=by, values="attributions", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=ranked["source"], columns=ordered_groups(table[by], GROUP_ORDER), fill_value=0)
    left = np.zeros(len(wide))
    y = np.arange(len(wide))[::-1]
    for colour, group in zip(colours_for([str(g) for g in wide.columns]), wide.columns):
        values = wide[group].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colour, label=label(group), height=0.75)
        left += values
    ax.set_yticks(y, names)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", title=label(by))
    return ax
