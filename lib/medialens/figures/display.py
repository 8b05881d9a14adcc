"""Showing charts and notes in a notebook: every chart exactly once, whatever the matplotlib backend.

The notebooks draw a chart, save it with :func:`medialens.figures.save_figure` (which closes it, so the
inline backend does not show it a second time) and show the saved chart with :func:`show_figure`: a PNG
rendered at screen resolution, the same picture in JupyterLab, in a stored notebook on GitHub and in a
headless run -- never a ``<Figure size …>`` line. Where a corpus has too little data for a chart,
:func:`note` shows a short visible note instead (:func:`enough` decides).
"""

from __future__ import annotations

import html
import io
from typing import Any

import matplotlib.pyplot as plt

from medialens.figures.style import HOUSE_STYLE

#: Resolution of the PNG shown in a notebook; it is displayed at 100 px per inch, sharp on HiDPI screens.
SCREEN_DPI = 150


def figure_png(fig) -> tuple[bytes, int]:
    """``(PNG bytes, display width in px)`` of a figure as the notebook shows it."""
    buffer = io.BytesIO()
    with plt.rc_context(HOUSE_STYLE):
        fig.savefig(buffer, format="png", dpi=SCREEN_DPI, metadata={"Software": None})
    data = buffer.getvalue()
    width_px = int.from_bytes(data[16:20], "big")
    return data, round(width_px * 100 / SCREEN_DPI)


def show_figure(fig) -> None:
    """Display ``fig`` once as a PNG (IPython), and close it so no backend shows it again."""
    from IPython.display import Image, display

    data, width = figure_png(fig)
    plt.close(fig)
    display(Image(data=data, format="png", width=width))


class Note:
    """A short note shown where a chart or table cannot be drawn (HTML in notebooks, text elsewhere)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Note: {self.text}"

    def _repr_html_(self) -> str:
        return ('<div class="medialens-note" style="border-left:4px solid #E69F00;padding:4px 10px;'
                f'background:#fff7e6;color:#333">{html.escape(self.text)}</div>')


def note(text: str) -> None:
    """Display a visible note (``Note: …``) in the notebook output."""
    from IPython.display import display

    display(Note(text))


def enough(data: Any, what: str, minimum: int = 1) -> bool:
    """Whether there is enough data for a chart; if not, show a note saying what is missing.

    Args:
        data: a table (its rows are counted), a number, or a bool.
        what: what the chart needs, in words: ``"articles dated to the day"``, ``"attributions"``;
            for a bool, the whole reason (``"the corpus has no state_media articles"``).
        minimum: the smallest number of rows (or the number) the chart needs.

    Returns:
        ``True`` when the chart can be drawn; ``False`` after showing the note.
    """
    if isinstance(data, bool):
        if not data:
            note(f"No chart here: {what}.")
        return data
    n = len(data) if hasattr(data, "__len__") else int(data)
    if n >= minimum:
        return True
    if n == 0:
        note(f"No chart here: this corpus has no {what}.")
    else:
        note(f"No chart here: it needs at least {minimum} {what}, and this corpus has only {n}.")
    return False
