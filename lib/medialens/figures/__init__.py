"""Figures: house style, ``save_figure``, generic plots, topic charts and keyword-in-context tables.

* :mod:`~medialens.figures.style` -- house style (rc parameters), the fixed colour of every outlet and
  source type, palettes;
* :mod:`~medialens.figures.save` -- :func:`save_figure` (PNG, SVG, PDF, the data as CSV and a caption
  sidecar), the manifest, the corpus fingerprint;
* :mod:`~medialens.figures.plots` -- generic plots (bar, stacked shares, lines, daily counts, heat map);
* :mod:`~medialens.figures.kwic` -- keyword in context for any table with character offsets;
* :mod:`~medialens.figures.charts` -- one module of charts per analysis.

matplotlib's backend is never forced here: JupyterLab keeps its inline backend, and a headless run
(``medialens figures``, tests) falls back to Agg by itself.
"""

from __future__ import annotations

from medialens.figures import charts  # noqa: F401
from medialens.figures.kwic import kwic  # noqa: F401
from medialens.figures.plots import (  # noqa: F401
    plot_bar, plot_daily_counts, plot_heatmap, plot_lines, plot_stacked_shares,
)
from medialens.figures.save import (  # noqa: F401
    corpus_fingerprint, describe_corpus, figures_dir, save_figure, suggested_citation, write_manifest,
)
from medialens.figures.style import (  # noqa: F401
    FALLBACK_COLOURS, HOUSE_STYLE, MARKER_KIND_COLOURS, SOURCE_GROUP_COLOURS, SYNTHETIC_NOTE, TYPE_COLOURS,
    apply_style, colours_for, style,
)
