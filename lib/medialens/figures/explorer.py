"""Notebook explorer: pick an outlet group and a category of a chart and read the sentences behind it.

``figures.explorer(rows, articles, by="outlet_group", category="source_type", ...)`` shows two drop-down
menus (ipywidgets) in JupyterLab -- the group and the category, each with its number of rows -- and
below them every matching sentence with the match highlighted. Where no widget can run (a stored
notebook on GitHub, a headless run) the same object shows a static table of the largest cell, so the
output is never empty.
"""

from __future__ import annotations

import html
from typing import Sequence

import pandas as pd

from medialens.figures.kwic import _left_context, _right_context, shown_value
from medialens.figures.style import label, readable
from medialens.tables import ordered_groups


def _sentence_bounds(rows: pd.DataFrame, sentences: pd.DataFrame | None) -> pd.DataFrame:
    """``rows`` with ``_from``/``_to``: the offsets of the sentence around each match, when known."""
    if sentences is None or "sentence_index" not in rows.columns:
        return rows.assign(_from=pd.NA, _to=pd.NA)
    bounds = sentences[["article_id", "sentence_index", "start", "end"]].rename(
        columns={"start": "_from", "end": "_to"})
    return rows.merge(bounds, on=["article_id", "sentence_index"], how="left")


class Explorer:
    """Drop-down explorer of the rows behind a chart (see :func:`explorer`)."""

    def __init__(self, rows: pd.DataFrame, articles: pd.DataFrame, *, by: str, category: str,
                 start: str = "start", end: str = "end", sentences: pd.DataFrame | None = None,
                 keep: Sequence[str] = (), window: int = 90, limit: int = 40) -> None:
        missing = [c for c in ("article_id", by, category, start, end) if c not in rows.columns]
        if missing:
            raise ValueError(f"explorer rows lack columns {missing}")
        usable = rows[rows[start].notna() & rows[end].notna()]
        self.rows = _sentence_bounds(usable, sentences).reset_index(drop=True)
        self.texts = dict(zip(articles["article_id"], articles["text"]))
        self.by, self.category, self.start, self.end = by, category, start, end
        self.keep, self.window, self.limit = list(keep), window, limit
        counts = self.rows.groupby([by, category]).size()
        self.counts = counts.sort_values(ascending=False, kind="stable")
        self._widget = None

    # ------------------------------------------------------------------ options

    def groups(self) -> list[str]:
        """Values of ``by`` in the house group order."""
        return ordered_groups(self.rows[self.by].astype(str)) if len(self.rows) else []

    def categories(self, group: str) -> list[str]:
        """Categories present in ``group``, most rows first."""
        if not len(self.rows):
            return []
        return [str(c) for c in self.counts.xs(group, level=0).index] if group in self.counts.index.get_level_values(0) else []

    def default(self) -> tuple[str, str] | None:
        """The largest cell (shown first and in the static view)."""
        return (str(self.counts.index[0][0]), str(self.counts.index[0][1])) if len(self.counts) else None

    # ------------------------------------------------------------------ views

    def _sentence_html(self, rec: dict) -> str:
        text, a, b = self.texts.get(rec["article_id"], ""), int(rec[self.start]), int(rec[self.end])
        if pd.notna(rec.get("_from")) and pd.notna(rec.get("_to")):
            left = " ".join(text[int(rec["_from"]):a].split())
            right = " ".join(text[b:int(rec["_to"])].split())
        else:
            left, right = _left_context(text, a, self.window), _right_context(text, b, self.window)
        match = " ".join(text[a:b].split())
        return f"{html.escape(left)} <mark><b>{html.escape(match)}</b></mark> {html.escape(right)}"

    def view(self, group: str, category: str) -> str:
        """HTML of the matching sentences of one group and category (at most ``limit``)."""
        sel = self.rows[(self.rows[self.by].astype(str) == group) & (self.rows[self.category].astype(str) == category)]
        head = (f"<p><b>{html.escape(label(group))} · {html.escape(label(category))}</b>: {len(sel)} rows"
                + (f", the first {self.limit} shown" if len(sel) > self.limit else "") + "</p>")
        if sel.empty:
            return head
        extra = readable(sel[["article_id", *self.keep]].head(self.limit), headers=True)
        cell = "padding:2px 6px;vertical-align:top;text-align:left"
        rows = []
        for k, rec in enumerate(sel.head(self.limit).to_dict("records")):
            meta = "".join(f'<td style="{cell}">{html.escape(shown_value(v))}</td>' for v in extra.iloc[k].tolist())
            rows.append(f'<tr>{meta}<td style="{cell}">{self._sentence_html(rec)}</td></tr>')
        header = "".join(f'<th style="{cell}">{html.escape(str(c))}</th>' for c in extra.columns)
        return (f'{head}<table class="medialens-explorer"><thead><tr>{header}<th style="{cell}">sentence</th>'
                f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')

    def static_html(self) -> str:
        """What a viewer without widgets sees: the largest cell, and how to explore the others."""
        first = self.default()
        if first is None:
            return "<p><i>Nothing to explore: the table behind this chart has no rows.</i></p>"
        cells = ", ".join(f"{label(g)} · {label(c)} ({n})" for (g, c), n in self.counts.head(8).items())
        return (f"<p><i>Static view of the largest cell. Run the notebook in JupyterLab to pick any outlet group and "
                f"category. Cells: {html.escape(cells)}{' …' if len(self.counts) > 8 else ''}.</i></p>"
                + self.view(*first))

    # ------------------------------------------------------------------ widget

    @property
    def widget(self):
        """The ipywidgets box: group menu, category menu, sentences."""
        if self._widget is None:
            self._widget = self._build()
        return self._widget

    def _build(self):
        import ipywidgets as widgets

        first = self.default() or ("", "")
        totals = self.rows.groupby(self.by).size() if len(self.rows) else pd.Series(dtype=int)
        group_menu = widgets.Dropdown(options=[(f"{label(g)} ({totals.get(g, 0)})", g) for g in self.groups()],
                                      value=first[0] or None, description=label(self.by).capitalize(),
                                      style={"description_width": "initial"})
        category_menu = widgets.Dropdown(description=label(self.category).capitalize(),
                                         style={"description_width": "initial"})
        out = widgets.HTML()

        def set_categories(*_):
            group = group_menu.value
            options = [(f"{label(c)} ({int(self.counts.get((group, c), 0))})", c) for c in self.categories(group)]
            category_menu.options = options
            if options:
                category_menu.value = first[1] if group == first[0] and first[1] in dict(map(reversed, options)) \
                    else options[0][1]

        def show(*_):
            out.value = self.view(group_menu.value, category_menu.value) if category_menu.value else ""

        group_menu.observe(set_categories, names="value")
        category_menu.observe(show, names="value")
        set_categories()
        show()
        return widgets.VBox([widgets.HBox([group_menu, category_menu]), out])

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": f"Explorer of {len(self.rows)} rows by {self.by} and {self.category}",
                  "text/html": self.static_html()}
        try:
            view = self.widget._repr_mimebundle_()
        except ImportError:  # no ipywidgets: the static table is all there is
            return bundle
        bundle.update({k: v for k, v in view.items() if k != "text/plain"})
        return bundle


def explorer(rows: pd.DataFrame, articles: pd.DataFrame, *, by: str, category: str, start: str = "start",
             end: str = "end", sentences: pd.DataFrame | None = None, keep: Sequence[str] = (), window: int = 90,
             limit: int = 40) -> Explorer:
    """An explorer of the rows behind a chart: choose a group (``by``) and a ``category``, read the sentences.

    Args:
        rows: one row per counted item with ``article_id``, ``by``, ``category`` and character offsets
            ``start``/``end`` of what to highlight (e.g. attributions with ``start="source_start"``).
        articles: the corpus table (``article_id``, ``text``).
        sentences: the sentences table (``article_id, sentence_index, start, end``); with it and a
            ``sentence_index`` column in ``rows`` the whole sentence is shown, else ``window`` characters
            of context on each side (whole words).
        keep: extra columns of ``rows`` shown beside each sentence.
        limit: sentences shown per cell.

    Returns:
        An :class:`Explorer`; displayed, it is a widget in JupyterLab and a static table elsewhere.
    """
    return Explorer(rows, articles, by=by, category=category, start=start, end=end, sentences=sentences,
                    keep=keep, window=window, limit=limit)
