"""Framing charts (notebook 04): how each outlet group names a referent, which causal stories it tells,
how it distances itself -- each with its interval -- plus topic shares and distinctive terms.

Every function takes a tidy table of :mod:`medialens.framing.summary` / :mod:`medialens.framing.topics`
and returns the Axes. A chart without data says so on the axes (:func:`draw_note`) instead of staying
blank.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from medialens.figures.style import STANCE_COLOURS, colour, colours_for, label
from medialens.tables import ordered_groups

STANCE_ORDER = ("official", "pejorative", "neutral", "sympathetic", "critical")


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """``ax``, or the axes of a new figure ``figsize`` inches large."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def draw_note(ax: Axes, text: str) -> Axes:
    """Write ``text`` in the middle of empty axes (a chart that has nothing to show says why)."""
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.text(0.5, 0.5, text, ha="center", va="center", wrap=True, fontsize=8, transform=ax.transAxes)
    return ax


def plot_dot_intervals(df: pd.DataFrame, category: str, group: str, *, ax: Axes | None = None, value: str = "share",
                       low: str = "ci_low", high: str = "ci_high", labels: dict | None = None,
                       percent: bool = True, label_colours: dict | None = None,
                       group_labels: dict | None = None) -> Axes:
    """One row per category, one dot per group (dodged) with its interval as a line.

    Args:
        df: tidy rows with ``category``, ``group``, ``value``, ``low``, ``high``.
        labels: display text per category (default: the category).
        percent: scale values by 100 and label the axis in %.
        label_colours: colour of each category's tick label (e.g. by stance).
        group_labels: legend text per group (default: the group); colours follow the group's type colour.
    """
    ax = _axes(ax, (7, 0.45 * max(3, df[category].nunique()) + 1))
    categories = list(dict.fromkeys(df[category]))
    groups = ordered_groups(df[group])
    scale = 100.0 if percent else 1.0
    step = 0.7 / max(len(groups), 1)
    for k, (g, colour) in enumerate(zip(groups, colours_for(groups))):
        part = df[df[group] == g].set_index(category).reindex(categories)
        y = np.arange(len(categories)) - 0.35 + step * (k + 0.5)
        x = part[value].to_numpy(dtype=float) * scale
        ax.hlines(y, part[low].to_numpy(dtype=float) * scale, part[high].to_numpy(dtype=float) * scale,
                  color=colour, linewidth=1.4, alpha=0.8)
        ax.plot(x, y, "o", color=colour, markersize=4.5, label=(group_labels or {}).get(g, label(g)))
    ax.set_yticks(range(len(categories)), [(labels or {}).get(c, str(c)) for c in categories])
    for tick, c in zip(ax.get_yticklabels(), categories):
        tick.set_color((label_colours or {}).get(c, "black"))
    ax.invert_yaxis()
    ax.set_xlim(left=0)
    ax.set_xlabel("%" if percent else value)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title=label(group))
    return ax


def _with_counts(df: pd.DataFrame, by: str, count: str) -> dict:
    counts = df.groupby(by, sort=False)[count].first()
    return {g: f"{label(g)} ({counts[g]})" for g in counts.index}


def plot_naming_shares(shares: pd.DataFrame, *, ax: Axes | None = None, by: str = "outlet_type",
                       referent_name: str = "", min_mentions: int = 1) -> Axes:
    """How each group names one referent: share of its mentions per label with 95% intervals; labels
    ordered official → critical and coloured by stance; groups with fewer than ``min_mentions`` mentions
    are left out (said in the title)."""
    ax = _axes(ax, (7, 4.5))
    keep = shares[shares["n_mentions"] >= min_mentions]
    used = keep.groupby("label")["mentions"].sum()
    keep = keep[keep["label"].isin(used[used > 0].index)]
    if keep.empty:
        return draw_note(ax, f"No group names {referent_name or 'this referent'} in the selected voice.")
    rank = {s: k for k, s in enumerate(STANCE_ORDER)}
    keep = keep.assign(_s=keep["stance"].map(rank)).sort_values("_s", kind="stable")
    stance_of = dict(zip(keep["label"], keep["stance"]))
    plot_dot_intervals(keep, "label", by, ax=ax, labels={lab: f"{lab} ({st})" for lab, st in stance_of.items()},
                       label_colours={lab: STANCE_COLOURS.get(st, "black") for lab, st in stance_of.items()},
                       group_labels=_with_counts(keep, by, "n_mentions"))
    ax.set_xlabel("share of the group's mentions (%), 95% interval; in brackets: mentions")
    return ax


def _dot_chart(data: pd.DataFrame, category: str, by: str, ax: Axes | None, figsize: tuple[float, float], *,
               empty: bool, note: str, xlabel: str, counts: str | None = None, **options) -> Axes:
    """:func:`plot_dot_intervals` of ``data`` with ``xlabel`` on ``ax`` (or a new figure ``figsize`` large),
    or ``note`` when ``empty``; with ``counts``, each group's legend entry gives that column's count."""
    ax = _axes(ax, figsize)
    if empty:
        return draw_note(ax, note)
    if counts:
        options["group_labels"] = _with_counts(data, by, counts)
    plot_dot_intervals(data, category, by, ax=ax, **options)
    ax.set_xlabel(xlabel)
    return ax


def plot_stance_shares(stances: pd.DataFrame, stance: str = "official", *, ax: Axes | None = None,
                       by: str = "outlet_type", names: dict | None = None) -> Axes:
    """For every referent: the share of each group's mentions whose label has ``stance``, with 95% intervals."""
    part = stances[(stances["stance"] == stance) & (stances["n_mentions"] > 0)]
    return _dot_chart(part, "referent", by, ax, (7, 4), empty=part.empty, labels=names,
                      note="No naming choices in the selected voice.",
                      xlabel=f"share of mentions with a label of stance '{stance}' (%), 95% interval")


def plot_causal_shares(shares: pd.DataFrame, *, ax: Axes | None = None, by: str = "outlet_type") -> Axes:
    """Share of each group's articles telling each causal story, with 95% intervals."""
    empty = shares.empty or shares["articles_with"].sum() == 0
    return _dot_chart(shares, "category", by, ax, (7, 4.5), empty=empty, counts="n_articles",
                      labels=None if empty else dict(zip(shares["category"], shares["name"])),
                      note="No causal claim found in the selected voice.",
                      xlabel="share of the group's articles (%), 95% interval; in brackets: articles")


#: Display names of the distancing marker kinds.
MARKER_LABELS = {"lexical": "sogenannt, angeblich … (lexical)", "scare_quote": "scare quotes",
                 "konjunktiv1": "Konjunktiv I without attribution", "modal": "soll/will + perfect"}


def plot_distancing_rates(rates: pd.DataFrame, *, ax: Axes | None = None, by: str = "outlet_type") -> Axes:
    """Counting distancing markers per 100 sentences, by marker kind and group, with 95% intervals."""
    return _dot_chart(rates, "kind", by, ax, (7, 3.8), empty=rates.empty, value="per_100_sentences", percent=False,
                      labels=MARKER_LABELS, note="No sentences in the selected articles.",
                      xlabel="markers per 100 sentences, 95% interval")


def plot_distancing_targets(targets: pd.DataFrame, *, ax: Axes | None = None, by: str = "outlet_type") -> Axes:
    """Heat map of counting markers by target (a label, a source, a claim, another term) and group."""
    from medialens.figures.plots import plot_heatmap

    ax = _axes(ax, (7, 4))
    if targets.empty:
        return draw_note(ax, "No counting distancing marker in the selected voice.")
    names = {"claim": "a claim (Konjunktiv I, sollen, angeblich …)", "term": "other words"}
    rows = [f"{t}: {x}" if x else names.get(t, t) for t, x in zip(targets["target_type"], targets["target"])]
    wide = targets.assign(row=rows).pivot_table(index="row", columns=by, values="markers", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=ordered_groups(wide.columns))
    return plot_heatmap(wide, ax=ax, cmap="Purples", colorbar_label="markers")


def plot_log_odds(df: pd.DataFrame, top: int = 15, ax: Axes | None = None, *, note: str | None = None) -> Axes:
    """Top ``top`` terms on each side of a log-odds table as bars of z-scores; an empty table (one group
    has no articles) draws ``note`` instead."""
    ax = _axes(ax, (6, max(3.0, 0.28 * 2 * top)))
    df = df.astype({"z": float})
    if df.empty:
        return draw_note(ax, note or "Nothing to compare: one of the two groups has no terms.")
    pos = df[df["z"] > 0].nlargest(top, "z")
    neg = df[df["z"] < 0].nsmallest(top, "z")
    sel = pd.concat([pos, neg.iloc[::-1]])
    colour_a, colour_b = colour(df["group_a"].iloc[0], "#D55E00"), colour(df["group_b"].iloc[0], "#0072B2")
    if colour_a == colour_b:
        colour_b = "#0072B2" if colour_a != "#0072B2" else "#D55E00"
    ax.barh(range(len(sel)), sel["z"], color=[colour_a if z > 0 else colour_b for z in sel["z"]])
    ax.set_yticks(range(len(sel)), sel["term"])
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    for q in (-1.96, 1.96):
        ax.axvline(q, color="grey", linewidth=0.6, linestyle=":")
    ax.set_xlabel(f"z-score of the weighted log-odds (← {label(df['group_b'].iloc[0])} | {label(df['group_a'].iloc[0])} →)")
    return ax


def plot_topics_over_time(df: pd.DataFrame, ax: Axes | None = None, *, value: str = "sentence_share") -> Axes:
    """One line per topic over the periods of :func:`medialens.framing.topic_shares_over_time` (the x
    axis is ordinal, one step per period; tick labels carry the number of articles)."""
    ax = _axes(ax, (7, 4))
    if df.empty:
        return draw_note(ax, "No article is dated to the day: no periods to show.")
    periods = df.drop_duplicates("period_start").sort_values("period_start")
    x = {p: i for i, p in enumerate(periods["period"])}
    topics = list(dict.fromkeys(df["topic"]))
    for topic, line_colour in zip(topics, colours_for([str(t) for t in topics], "frame")):
        d = df[df["topic"] == topic].sort_values("period_start")
        ax.plot([x[p] for p in d["period"]], d[value] * 100, marker="o", markersize=3.5, linewidth=1.4,
                color=line_colour, label=label(topic, "frame"))
    ax.set_xticks(range(len(x)), [f"{p}\n(n={n})" for p, n in zip(periods["period"], periods["n_articles"])])
    ax.set_ylabel("sentences with the topic (%)")
    ax.grid(axis="y", visible=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="topic")
    return ax
