"""Framing: frame dictionaries, distancing markers and distinctive vocabulary.

:mod:`~medialens.framing.rows` builds the ``frames`` and ``distancing`` tables from the passes in
:mod:`~medialens.framing.rules` and the lexicons of :mod:`~medialens.framing.lexicon`; :mod:`~medialens.framing.summary` aggregates them for notebook 04. Charts are in
:mod:`medialens.figures.charts.framing`.
"""

from __future__ import annotations

from medialens.framing.lexicon import (  # noqa: F401
    FRAME_KINDS, MARKER_KINDS, FrameLexicon, DistancingLexicon, load_frame_lexicon, frame_names,
    load_distancing_lexicon,
)
from medialens.framing.rows import (  # noqa: F401
    FRAME_COLUMNS, DISTANCING_COLUMNS, FrameMatch, DistancingMarker, match_frames, distancing_markers,
    attach_attributions, frames_frame, distancing_frame, annotate_documents,
)
from medialens.german import quotation_spans  # noqa: F401
from medialens.framing.summary import (  # noqa: F401
    CONTENT_POS, SPAN_COLUMNS, frame_scores, frame_shares, frame_shares_by_source, bootstrap_frame_shares,
    VOICES, voice_of, voice_shares, MARKER_GROUPS, marker_kind, distancing_rates, distancing_targets,
    date_periods, frame_shares_over_time, content_lemmas, TERM_COUNT_COLUMNS, term_counts, distinctive_terms,
    term_spans,
)

from medialens.steps import Step

#: Framing step of :mod:`medialens.annotate`: frame matches (own voice vs attributed) and distancing markers.
STEP = Step(
    name="framing",
    run=annotate_documents,
    writes=("frames", "distancing"),
    reads=("attributions",),
    data=("lexicons/frames/*.csv", "lexicons/language/konjunktiv.tsv"),
    code=("medialens.framing.rows",),
)
