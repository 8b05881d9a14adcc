"""Figures: house style and display labels, ``save_figure``, generic plots, topic charts, KWIC and the explorer.

* :mod:`~medialens.figures.style` -- house style (rc parameters, sizes for one and two columns), display
  names and colour-blind-safe colours of every category from ``data/display/labels.csv``;
* :mod:`~medialens.figures.save` -- :func:`save_figure` (PNG, SVG, PDF, the data as CSV and a caption
  sidecar), the manifest, the corpus fingerprint, one figure folder per corpus;
* :mod:`~medialens.figures.display` -- showing a chart once in a notebook, notes where data is missing;
* :mod:`~medialens.figures.plots` -- generic plots (bar, stacked shares, lines, daily counts, heat map);
* :mod:`~medialens.figures.kwic` -- keyword in context (whole words, aligned) for any table with offsets;
* :mod:`~medialens.figures.explorer` -- the notebook explorer (ipywidgets; a static table elsewhere);
* :mod:`~medialens.figures.charts` -- one module of charts per analysis.

matplotlib's backend is never forced here: JupyterLab keeps its inline backend, and a headless run
(``medialens figures``, tests) falls back to Agg by itself.
"""

from __future__ import annotations

from medialens.figures import charts  # noqa: F401
from medialens.figures.display import enough, note, show_figure  # noqa: F401
from medialens.figures.explorer import Explorer, explorer  # noqa: F401
from medialens.figures.kwic import KwicTable, kwic  # noqa: F401
from medialens.figures.plots import (  # noqa: F401
    plot_bar, plot_daily_counts, plot_heatmap, plot_lines, plot_stacked_shares,
)
from medialens.figures.save import (  # noqa: F401
    corpus_figures_dir, corpus_fingerprint, describe_corpus, figures_dir, save_figure, suggested_citation,
    write_manifest,
)
from medialens.figures.style import (  # noqa: F401
    FALLBACK_COLOURS, HOUSE_STYLE, MARKER_KIND_COLOURS, SIZES, SOURCE_GROUP_COLOURS, SYNTHETIC_NOTE, TYPE_COLOURS,
    apply_style, colour, colours_for, figure, label, labels, percent_axis, readable, style,
)
