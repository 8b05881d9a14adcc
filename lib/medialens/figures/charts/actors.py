"""Actor charts: actors per day, voice vs mention, the co-occurrence network (notebook 02)."""

from __future__ import annotations

import math
from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from medialens.tables import ALL_GROUPS, ordered_groups
from medialens.figures.style import colours_for


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
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
    locator = mdates.AutoDateLocator(minticks=5, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if volume_ax is not None:
        volume = daily.drop_duplicates("date")
        volume_ax.bar(pd.to_datetime(volume["date"], format="%Y-%m-%d"), volume["n_articles"], color="#bdbdbd",
                      width=0.8)
        volume_ax.set_ylabel("articles")
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
    labels = rows["actor"].astype(str).tolist()
    ax.barh(labels, rows["source"], color="#2166ac", label="as source (quoted or paraphrased)")
    ax.barh(labels, rows["mentioned"], left=rows["source"], color="#bdbdbd", label="only mentioned")
    for y, (k, m) in enumerate(zip(rows["source"], rows["mentions"])):
        ax.text(m, y, f" {k / m:.0%}" if m else "", va="center", fontsize=7, color="#333333")
    ax.set_xlabel("mentions")
    ax.set_title(title)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=7)
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
    labels = dict(zip(voice["actor_id"], voice["actor"]))
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
                ax.text(c, r, f"{k}/{m}", ha="center", va="center", fontsize=7,
                        color="white" if share[r, c] > 0.6 else "black")
    ax.set_xticks(range(len(groups)), groups, rotation=45, ha="right")
    ax.set_yticks(range(len(actor_ids)), [labels.get(a, a) for a in actor_ids])
    if groups and groups[-1] == ALL_GROUPS:
        ax.axvline(len(groups) - 1.5, color="white", linewidth=3)
    ax.grid(False)
    ax.set_title(title)
    ax.figure.colorbar(im, ax=ax, shrink=0.8, label="share of mentions as source")
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


def plot_network(graph, *, ax=None, layout: str = "circular", seed: int = 1, title: str = "",
                 max_node_size: float = 1400.0, max_edge_width: float = 6.0):
    """Draw a co-occurrence network: node area ~ mentions, colour = category, edge width ~ sentences.

    Categories get ``tab10`` colours in circle order (categories are not outlet types, so the house type
    colours are not used).

    The layout is deterministic: ``"circular"`` places the nodes on a circle grouped by category (the
    most mentioned category first, clockwise from the top) with labels outside the circle;
    ``"spring"`` uses ``networkx.spring_layout`` with the given ``seed``.

    Args:
        graph: from :func:`cooccurrence_network`.
        layout: ``"circular"`` or ``"spring"``.
        seed: seed of the spring layout.

    Returns:
        The matplotlib Axes.

    Raises:
        ValueError: an unknown layout.
    """
    import networkx as nx
    from matplotlib.lines import Line2D

    if layout not in ("circular", "spring"):
        raise ValueError(f"layout must be 'circular' or 'spring', not {layout!r}")
    if ax is None:
        _, ax = plt.subplots()
    order = _circle_order(graph)
    if not order:
        ax.set_axis_off()
        ax.set_title(title)
        return ax
    if layout == "circular":
        k = len(order)
        pos = {n: (math.sin(2 * math.pi * i / k), math.cos(2 * math.pi * i / k)) for i, n in enumerate(order)}
    else:
        sub = nx.Graph()
        sub.add_nodes_from(order)
        sub.add_edges_from(sorted(tuple(sorted(e)) for e in graph.edges))
        for a, b in sub.edges:
            sub[a][b]["weight"] = graph[a][b].get("weight", 1)
        pos = {n: tuple(p) for n, p in nx.spring_layout(sub, seed=seed, weight="weight").items()}
    categories = list(dict.fromkeys(str(graph.nodes[n].get("category", "")) for n in order))
    palette = plt.get_cmap("tab10" if len(categories) <= 10 else "tab20").colors
    colour = {c: palette[k % len(palette)] for k, c in enumerate(categories)}
    mentions = [int(graph.nodes[n].get("mentions", 0)) for n in order]
    top = max(mentions) or 1
    weights = {tuple(sorted((a, b))): int(d.get("weight", 1)) for a, b, d in graph.edges(data=True)}
    wmax = max(weights.values(), default=1)
    for (a, b), w in sorted(weights.items(), key=lambda item: (item[1], item[0])):
        (x0, y0), (x1, y1) = pos[a], pos[b]
        ax.plot([x0, x1], [y0, y1], color="#7f7f7f", linewidth=0.4 + max_edge_width * w / wmax,
                alpha=0.25 + 0.5 * w / wmax, zorder=1, solid_capstyle="round")
    ax.scatter([pos[n][0] for n in order], [pos[n][1] for n in order],
               s=[40 + max_node_size * m / top for m in mentions],
               c=[colour[str(graph.nodes[n].get("category", ""))] for n in order],
               edgecolors="white", linewidths=0.8, zorder=2)
    for n in order:
        x, y = pos[n]
        label = str(graph.nodes[n].get("label", n))
        if layout == "circular":
            r = 1.16
            ha = "left" if x > 0.15 else "right" if x < -0.15 else "center"
            va = "bottom" if y > 0.9 else "top" if y < -0.9 else "center"
            ax.text(r * x, r * y, label, ha=ha, va=va, fontsize=7, zorder=3)
        else:
            ax.text(x, y, label, ha="center", va="center", fontsize=7, zorder=3)
    handles = [Line2D([], [], marker="o", linestyle="", markersize=6, color=colour[c], label=c) for c in categories]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7, title="category",
              title_fontsize=7)
    ax.set_aspect("equal")
    lim = 1.55 if layout == "circular" else 1.25
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim * 0.85 if layout == "circular" else -lim, lim * 0.85 if layout == "circular" else lim)
    ax.set_axis_off()
    ax.set_title(title)
    return ax
