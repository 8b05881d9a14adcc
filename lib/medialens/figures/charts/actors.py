"""Actor charts: actors per day, voice vs mention, the co-occurrence network (notebook 02)."""

from __future__ import annotations

import math
from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import PercentFormatter

from medialens.tables import ALL_GROUPS, ordered_groups
from medialens.figures.style import CONTEXT_GREY, MIN_FONT_SIZE, colours_for, label, labels


def plot_actors_per_day(daily: pd.DataFrame, *, ax=None, volume_ax=None, title: str = "", value: str = "mentions"):
    """Lines of daily mentions per actor; optionally the number of articles per day as bars above.

    Args:
        daily: an :func:`actors_per_day` table.
        ax: Axes for the lines.
        volume_ax: optional Axes (e.g. a small panel above, ``sharex=ax``) for grey bars of
            ``n_articles`` per day, the volume each day's counts rest on.
        value: the column drawn as lines.

    Returns:
        The Axes with the lines (actors in the table's order, legend outside on the right).
    """
    import matplotlib.dates as mdates

    if ax is None:
        _, ax = plt.subplots()
    dates = pd.to_datetime(daily["date"], format="%Y-%m-%d")
    actors = list(dict.fromkeys(daily["actor"].astype(str)))
    for colour, name in zip(colours_for(actors), actors):
        rows = daily["actor"].astype(str) == name
        ax.plot(dates[rows], daily.loc[rows, value], marker="o", markersize=3, linewidth=1.3, color=colour,
                label=name)
    ax.set_ylabel(value.replace("_", " ") + " per day")
    ax.grid(axis="y", visible=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="actor")
    locator = mdates.AutoDateLocator(minticks=5, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if volume_ax is not None:
        volume = daily.drop_duplicates("date")
        volume_ax.bar(pd.to_datetime(volume["date"], format="%Y-%m-%d"), volume["n_articles"], color=CONTEXT_GREY,
                      width=0.8)
        volume_ax.set_ylabel("articles\nper day")
        volume_ax.grid(axis="y", visible=True)
        volume_ax.grid(axis="x", visible=False)
        volume_ax.tick_params(axis="x", labelbottom=False)
        volume_ax.set_title(title)
    else:
        ax.set_title(title)
    return ax


def plot_voice_bars(voice: pd.DataFrame, *, by: str = "outlet_type", group: str = ALL_GROUPS, n: int = 12,
                    ax=None, title: str = ""):
    """Stacked horizontal bars per actor: mentions as source (quoted) and only mentioned.

    Args:
        voice: a :func:`voice_table`.
        by: its group column.
        group: which group's rows to draw (default the all-outlets rows).
        n: the ``n`` most mentioned actors of that group, most mentioned on top.

    Returns:
        The matplotlib Axes.
    """
    if ax is None:
        _, ax = plt.subplots()
    rows = voice[voice[by] == group].sort_values(["mentions", "actor_id"], ascending=[False, True]).head(n)
    rows = rows.iloc[::-1]
    names = rows["actor"].astype(str).tolist()
    ax.barh(names, rows["source"], color="#0072B2", label="as source (quoted or paraphrased)")
    ax.barh(names, rows["mentioned"], left=rows["source"], color=CONTEXT_GREY, label="only mentioned")
    for y, (k, m) in enumerate(zip(rows["source"], rows["mentions"])):
        ax.text(m, y, f" {k / m:.0%}" if m else "", va="center", fontsize=MIN_FONT_SIZE, color="#333333")
    ax.set_xlabel("mentions")
    ax.set_title(title)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="mentions (label: % as source)")
    return ax


def plot_voice_matrix(voice: pd.DataFrame, actor_ids: Sequence[str], *, by: str = "outlet_type", ax=None,
                      title: str = "", cmap: str = "Blues"):
    """Heat map of the source share per actor (rows) and group (columns), annotated ``source/mentions``.

    Cells where the group never mentions the actor stay blank; the colour is the share quoted, the text
    says how many mentions it rests on (``1/2`` and ``10/20`` have the same colour).

    Args:
        voice: a :func:`voice_table`.
        actor_ids: rows, in this order.
        by: its group column.

    Returns:
        The matplotlib Axes.
    """
    if ax is None:
        _, ax = plt.subplots()
    groups = ordered_groups(voice[by]) if len(voice) else []
    cells = zip(voice["actor_id"], voice[by], voice["source"], voice["mentions"])
    index = {(a, g): (int(k), int(m)) for a, g, k, m in cells}
    names = dict(zip(voice["actor_id"], voice["actor"]))
    share = np.full((len(actor_ids), len(groups)), np.nan)
    for r, a in enumerate(actor_ids):
        for c, g in enumerate(groups):
            k, m = index.get((a, g), (0, 0))
            if m:
                share[r, c] = k / m
    colormap = plt.get_cmap(cmap).with_extremes(bad="#f5f5f5")
    im = ax.imshow(np.ma.masked_invalid(share), cmap=colormap, vmin=0, vmax=1, aspect="auto")
    for r, a in enumerate(actor_ids):
        for c, g in enumerate(groups):
            k, m = index.get((a, g), (0, 0))
            if m:
                ax.text(c, r, f"{k}/{m}", ha="center", va="center", fontsize=MIN_FONT_SIZE,
                        color="white" if share[r, c] > 0.6 else "black")
    ax.set_xticks(range(len(groups)), labels(groups), rotation=45, ha="right")
    ax.set_yticks(range(len(actor_ids)), [names.get(a, a) for a in actor_ids])
    if groups and groups[-1] == ALL_GROUPS:
        ax.axvline(len(groups) - 1.5, color="white", linewidth=3)
    ax.grid(False)
    ax.set_title(title)
    bar = ax.figure.colorbar(im, ax=ax, shrink=0.8, label="share of mentions as source (cell: quoted / all)")
    bar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0, symbol=" %"))
    return ax


def _circle_order(graph) -> list[str]:
    """Nodes grouped by category (categories by their total mentions), most mentioned first inside."""
    cat_total: dict[str, int] = {}
    for _, d in graph.nodes(data=True):
        cat = str(d.get("category", ""))
        cat_total[cat] = cat_total.get(cat, 0) + int(d.get("mentions", 0))
    return sorted(
        graph.nodes,
        key=lambda n: (
            -cat_total[str(graph.nodes[n].get("category", ""))],
            str(graph.nodes[n].get("category", "")),
            -int(graph.nodes[n].get("mentions", 0)),
            str(n),
        ),
    )


def _network_positions(graph, order: list[str], layout: str, seed: int) -> dict[str, tuple[float, float]]:
    import networkx as nx

    if layout == "circular":
        k = len(order)
        return {n: (math.sin(2 * math.pi * i / k), math.cos(2 * math.pi * i / k)) for i, n in enumerate(order)}
    sub = nx.Graph()
    sub.add_nodes_from(order)
    sub.add_edges_from(sorted(tuple(sorted(e)) for e in graph.edges))
    for a, b in sub.edges:
        sub[a][b]["weight"] = graph[a][b].get("weight", 1)
    return {n: tuple(p) for n, p in nx.spring_layout(sub, seed=seed, weight="weight").items()}


def _edge_style(w: int, wmax: int, max_edge_width: float) -> dict:
    return {"color": "#7f7f7f", "linewidth": 0.4 + max_edge_width * w / wmax, "alpha": 0.25 + 0.5 * w / wmax,
            "solid_capstyle": "round"}


def _network_legend(ax, categories: list[str], colours: dict[str, str], top: int, wmax: int,
                    max_node_size: float, max_edge_width: float) -> None:
    """Three legends under the network: colour = category, node area = mentions, line width = sentences
    naming both actors."""
    from matplotlib.lines import Line2D

    cats = [Line2D([], [], marker="o", linestyle="", markersize=6, color=colours[c], label=label(c, "category"))
            for c in categories]
    sizes = [Line2D([], [], marker="o", linestyle="", markersize=(40 + max_node_size * m / top) ** 0.5,
                    color="#999999", markeredgecolor="white", label=f"{m}")
             for m in sorted({1, max(1, top // 2), top})]
    widths = [Line2D([], [], label=f"{w}", **_edge_style(w, wmax, max_edge_width))
              for w in sorted({1, max(1, wmax // 2), wmax})]
    common = {"loc": "upper left", "borderaxespad": 0, "alignment": "left"}
    legends = [ax.legend(handles=cats, bbox_to_anchor=(0.0, -0.02), title="colour: category",
                         ncols=2 if len(cats) > 4 else 1, **common),
               ax.legend(handles=sizes, bbox_to_anchor=(0.62, -0.02), title="node area: mentions",
                         labelspacing=1.2, **common),
               ax.legend(handles=widths, bbox_to_anchor=(0.82, -0.02), title="line width:\nsentences naming both",
                         **common)]
    for legend in legends[:-1]:
        ax.add_artist(legend)


def plot_network(graph, *, ax=None, layout: str = "circular", seed: int = 1, title: str = "",
                 max_node_size: float = 700.0, max_edge_width: float = 6.0):
    """Draw a co-occurrence network: node area ~ mentions, colour = category, edge width ~ sentences.

    Categories get their colours from the labels file (``category`` family); three legends explain
    colour, node area and line width. The layout is deterministic: ``"circular"`` places the nodes on a
    circle grouped by category (the most mentioned category first, clockwise from the top) with labels
    outside the circle; ``"spring"`` uses ``networkx.spring_layout`` with the given ``seed``.

    Args:
        graph: from :func:`cooccurrence_network`.
        layout: ``"circular"`` or ``"spring"``.
        seed: seed of the spring layout.

    Returns:
        The matplotlib Axes.

    Raises:
        ValueError: an unknown layout.
    """
    if layout not in ("circular", "spring"):
        raise ValueError(f"layout must be 'circular' or 'spring', not {layout!r}")
    if ax is None:
        _, ax = plt.subplots()
    order = _circle_order(graph)
    ax.set_axis_off()
    ax.set_title(title)
    if not order:
        return ax
    pos = _network_positions(graph, order, layout, seed)
    categories = list(dict.fromkeys(str(graph.nodes[n].get("category", "")) for n in order))
    colours = dict(zip(categories, colours_for(categories, "category")))
    mentions = [int(graph.nodes[n].get("mentions", 0)) for n in order]
    top = max(mentions) or 1
    weights = {tuple(sorted((a, b))): int(d.get("weight", 1)) for a, b, d in graph.edges(data=True)}
    wmax = max(weights.values(), default=1)
    for (a, b), w in sorted(weights.items(), key=lambda item: (item[1], item[0])):
        ax.plot([pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]], zorder=1, **_edge_style(w, wmax, max_edge_width))
    ax.scatter([pos[n][0] for n in order], [pos[n][1] for n in order],
               s=[40 + max_node_size * m / top for m in mentions],
               c=[colours[str(graph.nodes[n].get("category", ""))] for n in order],
               edgecolors="white", linewidths=0.8, zorder=2)
    for n in order:
        x, y = pos[n]
        name = str(graph.nodes[n].get("label", n))
        if layout == "circular":
            ha = "left" if x > 0.15 else "right" if x < -0.15 else "center"
            va = "bottom" if y > 0.9 else "top" if y < -0.9 else "center"
            ax.text(1.16 * x, 1.16 * y, name, ha=ha, va=va, fontsize=MIN_FONT_SIZE, zorder=3)
        else:
            ax.text(x, y, name, ha="center", va="center", fontsize=MIN_FONT_SIZE, zorder=3)
    _network_legend(ax, categories, colours, top, wmax, max_node_size, max_edge_width)
    ax.set_aspect("equal")
    if layout == "circular":  # room for the labels outside the circle, inside the axes (the legend is beside them)
        ax.set_xlim(-2.25, 2.25)
        ax.set_ylim(-1.35, 1.35)
    else:
        ax.set_xlim(-1.25, 1.25)
        ax.set_ylim(-1.25, 1.25)
    return ax
