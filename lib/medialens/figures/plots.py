"""Generic plots: bar, stacked shares, lines, daily counts, heat map (tidy DataFrame in, Axes out)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from medialens.figures.style import FALLBACK_COLOURS, colours_for


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def plot_bar(data: pd.DataFrame, label: str, value: str, *, ax=None, title: str = "", xlabel: str = "",
             colour_by: str | None = None, ci: tuple[str, str] | None = None):
    """Horizontal bar chart, largest on top.

    Args:
        data: one row per bar.
        label: column with bar labels.
        value: column with bar lengths.
        colour_by: column whose values pick colours from :data:`TYPE_COLOURS`.
        ci: ``(low_column, high_column)`` drawn as error bars.

    Returns:
        The matplotlib Axes.
    """
    ax = _axes(ax)
    d = data.sort_values(value, ascending=True, kind="stable")
    colours = colours_for(d[colour_by].astype(str).tolist()) if colour_by else FALLBACK_COLOURS[0]
    xerr = None
    if ci:
        xerr = [(d[value] - d[ci[0]]).clip(lower=0), (d[ci[1]] - d[value]).clip(lower=0)]
    ax.barh(d[label].astype(str), d[value], color=colours, xerr=xerr, error_kw={"elinewidth": 0.8, "capsize": 2})
    ax.set_title(title)
    ax.set_xlabel(xlabel or value)
    ax.grid(axis="y", visible=False)
    return ax


def plot_stacked_shares(table: pd.DataFrame, *, ax=None, title: str = "", xlabel: str = "share"):
    """Horizontal 100 % stacked bars: rows = groups, columns = categories, values = counts or shares."""
    ax = _axes(ax)
    shares = table.div(table.sum(axis=1).where(lambda s: s > 0, 1), axis=0)
    left = pd.Series(0.0, index=shares.index)
    for colour, column in zip(colours_for([str(c) for c in shares.columns]), shares.columns):
        ax.barh(shares.index.astype(str), shares[column], left=left, color=colour, label=str(column))
        left += shares[column]
    ax.set_xlim(0, 1)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
    ax.grid(axis="y", visible=False)
    return ax


def plot_lines(data: pd.DataFrame, x: str, y: str, hue: str, *, ax=None, title: str = "", ylabel: str = ""):
    """One line per ``hue`` value over ``x``, markers on the observations.

    ``x`` values that are ISO date strings are placed on a real time axis (gaps stay gaps).
    """
    ax = _axes(ax)
    data = data.copy()
    if data[x].dtype == object or str(data[x].dtype) == "string":
        parsed = pd.to_datetime(data[x], errors="coerce", format="ISO8601")
        if parsed.notna().all():
            data[x] = parsed
    groups = sorted(data[hue].astype(str).unique())
    for colour, name in zip(colours_for(groups), groups):
        d = data[data[hue].astype(str) == name].sort_values(x)
        ax.plot(d[x], d[y], marker="o", markersize=3, linewidth=1.2, color=colour, label=name)
    ax.set_title(title)
    ax.set_ylabel(ylabel or y)
    ax.grid(axis="y", visible=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
    ax.tick_params(axis="x", labelrotation=45)
    return ax


def plot_daily_counts(data: pd.DataFrame, date: str, value: str, hue: str, *, ax=None, title: str = "",
                      ylabel: str = ""):
    """Stacked bars per day (every day of the range shown, empty days as gaps), one colour per ``hue``."""
    ax = _axes(ax)
    table = data.pivot_table(index=date, columns=hue, values=value, aggfunc="sum", fill_value=0)
    days = pd.date_range(pd.Timestamp(min(table.index)), pd.Timestamp(max(table.index)), freq="D")
    table = table.reindex([d.strftime("%Y-%m-%d") for d in days], fill_value=0)
    bottom = pd.Series(0.0, index=table.index)
    labels = [d[5:] for d in table.index]
    for colour, column in zip(colours_for([str(c) for c in table.columns]), table.columns):
        ax.bar(labels, table[column], bottom=bottom, color=colour, label=str(column), width=0.8)
        bottom += table[column]
    ax.set_title(title)
    ax.set_ylabel(ylabel or value)
    ax.grid(axis="x", visible=False)
    ax.grid(axis="y", visible=True)
    ax.tick_params(axis="x", labelrotation=90)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
    return ax


def plot_heatmap(table: pd.DataFrame, *, ax=None, title: str = "", fmt: str = "{:.0f}", cmap: str = "Blues"):
    """Annotated heat map of a small matrix (rows x columns)."""
    ax = _axes(ax)
    im = ax.imshow(table.to_numpy(dtype=float), cmap=cmap, aspect="auto")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=45, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    vmax = float(table.to_numpy(dtype=float).max()) if table.size else 0.0
    for (r, c), v in pd.DataFrame(table.to_numpy(dtype=float)).stack().items():
        ax.text(c, r, fmt.format(v), ha="center", va="center", fontsize=7, color="white" if v > 0.6 * vmax else "black")
    ax.set_title(title)
    ax.grid(False)
    ax.figure.colorbar(im, ax=ax, shrink=0.8)
    return ax
