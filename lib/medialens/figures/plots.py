"""Generic plots: bar, stacked shares, lines, daily counts, heat map (tidy DataFrame in, Axes out).

Category ids in the data are drawn with their display names (:func:`medialens.figures.style.label`) and
fixed colours; shares are shown in per cent.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from medialens.tables import ordered_groups
from medialens.figures.style import FALLBACK_COLOURS, MIN_FONT_SIZE, colours_for, label, labels, percent_axis


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def _legend_outside(ax, title: str | None = None) -> None:
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title=title)


def plot_bar(data: pd.DataFrame, label_column: str, value: str, *, ax=None, title: str = "", xlabel: str = "",
             colour_by: str | None = None, ci: tuple[str, str] | None = None, percent: bool = False):
    """Horizontal bar chart, largest on top.

    Args:
        data: one row per bar.
        label_column: column with bar labels (ids are shown by their display names).
        value: column with bar lengths.
        colour_by: column whose values pick the fixed category colours.
        ci: ``(low_column, high_column)`` drawn as error bars.
        percent: ``value`` is a share in [0, 1], drawn on a per-cent axis.

    Returns:
        The matplotlib Axes.
    """
    ax = _axes(ax)
    d = data.sort_values(value, ascending=True, kind="stable")
    colours = colours_for(d[colour_by].astype(str).tolist()) if colour_by else FALLBACK_COLOURS[0]
    xerr = None
    if ci:
        xerr = [(d[value] - d[ci[0]]).clip(lower=0), (d[ci[1]] - d[value]).clip(lower=0)]
    ax.barh(labels(d[label_column]), d[value], color=colours, xerr=xerr,
            error_kw={"elinewidth": 0.8, "capsize": 2})
    ax.set_title(title)
    ax.set_xlabel(xlabel or value.replace("_", " "))
    ax.grid(axis="y", visible=False)
    if percent:
        percent_axis(ax, "x")
        ends = d[ci[1]] if ci else d[value]
        ax.set_xlim(0, max(float(ends.max()) * 1.15, 0.01))  # room for the value written after each bar
        for y, (v, end) in enumerate(zip(d[value], ends)):
            ax.annotate(f"{v:.0%}".replace("%", " %"), (end, y), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=MIN_FONT_SIZE, color="#333333")
    elif pd.api.types.is_integer_dtype(d[value]):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return ax


def plot_stacked_shares(table: pd.DataFrame, *, ax=None, title: str = "", xlabel: str = "share",
                        legend_title: str | None = None):
    """Horizontal 100 % stacked bars: rows = groups, columns = categories, values = counts or shares.

    The x axis is in per cent; the legend names every category (display names, fixed colours).
    """
    ax = _axes(ax)
    shares = table.div(table.sum(axis=1).where(lambda s: s > 0, 1), axis=0)
    left = pd.Series(0.0, index=shares.index)
    rows = labels(shares.index)
    for colour, column in zip(colours_for([str(c) for c in shares.columns]), shares.columns):
        ax.barh(rows, shares[column].to_numpy(), left=left.to_numpy(), color=colour, label=label(column))
        left += shares[column]
    ax.set_xlim(0, 1)
    percent_axis(ax, "x")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    _legend_outside(ax, legend_title)
    ax.grid(axis="y", visible=False)
    return ax


def plot_lines(data: pd.DataFrame, x: str, y: str, hue: str, *, ax=None, title: str = "", ylabel: str = "",
               percent: bool = False):
    """One line per ``hue`` value over ``x``, markers on the observations.

    ``x`` values that are ISO date strings are placed on a real time axis (gaps stay gaps).
    """
    ax = _axes(ax)
    data = data.copy()
    if data[x].dtype == object or str(data[x].dtype) in ("string", "str"):
        parsed = pd.to_datetime(data[x], errors="coerce", format="ISO8601")
        if parsed.notna().all():
            data[x] = parsed
    groups = ordered_groups(data[hue].astype(str))
    for colour, name in zip(colours_for(groups), groups):
        d = data[data[hue].astype(str) == name].sort_values(x)
        ax.plot(d[x], d[y], marker="o", markersize=3, linewidth=1.2, color=colour, label=label(name))
    ax.set_title(title)
    ax.set_ylabel(ylabel or y.replace("_", " "))
    ax.grid(axis="y", visible=True)
    _legend_outside(ax, label(hue))
    ax.tick_params(axis="x", labelrotation=45)
    if percent:
        percent_axis(ax, "y")
    return ax


def plot_daily_counts(data: pd.DataFrame, date: str, value: str, hue: str, *, ax=None, title: str = "",
                      ylabel: str = ""):
    """Stacked bars per day (every day of the range shown, empty days as gaps), one colour per ``hue``.

    Raises:
        ValueError: ``data`` has no rows (no article dated to the day).
    """
    if data.empty:
        raise ValueError("no rows to draw: no article is dated to the day")
    ax = _axes(ax)
    table = data.pivot_table(index=date, columns=hue, values=value, aggfunc="sum", fill_value=0)
    table = table[ordered_groups(table.columns)]
    days = pd.date_range(pd.Timestamp(min(table.index)), pd.Timestamp(max(table.index)), freq="D")
    table = table.reindex([d.strftime("%Y-%m-%d") for d in days], fill_value=0)
    bottom = pd.Series(0.0, index=table.index)
    ticks = [d[5:] for d in table.index]
    for colour, column in zip(colours_for([str(c) for c in table.columns]), table.columns):
        ax.bar(ticks, table[column].to_numpy(), bottom=bottom.to_numpy(), color=colour, label=label(column), width=0.8)
        bottom += table[column]
    ax.set_title(title)
    ax.set_ylabel(ylabel or value)
    ax.set_xlabel(f"day ({table.index[0][:4]}, month-day)")
    ax.grid(axis="x", visible=False)
    ax.grid(axis="y", visible=True)
    ax.tick_params(axis="x", labelrotation=90)
    _legend_outside(ax, label(hue))
    return ax


def plot_heatmap(table: pd.DataFrame, *, ax=None, title: str = "", fmt: str = "{:.0f}", cmap: str = "Blues",
                 colorbar_label: str = ""):
    """Annotated heat map of a small matrix (rows x columns) with a labelled colour bar.

    Args:
        table: the matrix; index and column ids are shown by their display names.
        fmt: format of the number written in each cell.
        colorbar_label: what the colour encodes (e.g. ``"attributions"``); default: the title.
    """
    ax = _axes(ax)
    values = table.to_numpy(dtype=float)
    im = ax.imshow(values, cmap=cmap, aspect="auto")
    ax.set_xticks(range(table.shape[1]), labels(table.columns), rotation=45, ha="right")
    ax.set_yticks(range(table.shape[0]), labels(table.index))
    vmax = float(values.max()) if table.size else 0.0
    for (r, c), v in pd.DataFrame(values).stack().items():
        ax.text(c, r, fmt.format(v), ha="center", va="center", fontsize=MIN_FONT_SIZE,
                color="white" if v > 0.6 * vmax else "black")
    ax.set_title(title)
    ax.grid(False)
    ax.figure.colorbar(im, ax=ax, shrink=0.8, label=colorbar_label or title)
    return ax
