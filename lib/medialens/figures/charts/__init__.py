"""Topic charts: one module per analysis (``corpus``, ``attribution``, ``actors``, ``sentiment``,
``framing``), each drawing that analysis's summary tables onto matplotlib Axes. The analyses never plot;
the generic plots are in :mod:`medialens.figures.plots`."""
