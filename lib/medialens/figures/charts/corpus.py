"""Corpus charts: article lengths per outlet group (notebook 00)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from medialens.figures.style import colours_for, labels


def plot_lengths(table: pd.DataFrame, *, ax=None, by: str = "outlet_type"):
    """Box plot of article length in words per ``by`` group; returns the Axes."""
    if ax is None:
        _, ax = plt.subplots()
    groups = sorted(table[by].astype(str).unique())
    parts = ax.boxplot([table.loc[table[by].astype(str) == g, "words"] for g in groups], vert=False,
                       tick_labels=labels(groups), patch_artist=True, widths=0.6)
    for patch, colour in zip(parts["boxes"], colours_for(groups)):
        patch.set_facecolor(colour)
        patch.set_alpha(0.7)
    ax.set_xlabel("words per article")
    ax.grid(axis="y", visible=False)
    return ax
