"""Framing: naming choices, causal frames and distancing -- and, apart from them, topics.

Three measures of how a text frames events (Entman 1993; codebook ``data/lexicons/frames/CODEBOOK.md``):

* **naming choices** -- which label of a case names which referent (*Demonstranten* or *Terroristen*),
  in the outlet's own voice or inside attributed speech, distanced or not (``naming`` table);
* **causal frames** -- what the text says caused the events (fuel prices, an elite power struggle,
  foreign-backed terrorists …), own voice or attributed (``causal`` table);
* **distancing proper** -- *sogenannt*, *angeblich*, scare quotes, *nach eigenen Angaben*, and
  Konjunktiv I only where no attribution licenses it (``distancing`` table).

The ``topics`` table is a separate measure: topic-dictionary words say what a sentence is about, not
how it frames it.

:mod:`~medialens.framing.rows` builds the tables from the passes in :mod:`~medialens.framing.rules`
and the lexicons of :mod:`~medialens.framing.lexicon`; :mod:`~medialens.framing.summary` (the three
measures) and :mod:`~medialens.framing.topics` aggregate them for notebook 04. Charts are in
:mod:`medialens.figures.charts.framing`.
"""

from __future__ import annotations

from medialens.framing.lexicon import (  # noqa: F401
    DEFAULT_CASE, STANCES, Case, Label, DistancingLexicon, Marker, TopicLexicon, case_names, load_case,
    load_causal_cues, load_distancing, load_topic_lexicon, topic_names,
)
from medialens.framing.rows import COLUMNS, FramingRows, annotate_document, annotate_documents, framing_tables  # noqa: F401
from medialens.framing.summary import (  # noqa: F401
    MARKER_KINDS, VOICE_CLASSES, causal_shares, distancing_rates, distancing_targets, naming_shares,
    naming_voices, stance_shares, voice_class,
)
from medialens.framing.topics import (  # noqa: F401
    CONTENT_POS, comparison_note, content_lemmas, date_periods, distinctive_terms, term_counts, term_spans,
    topic_scores, topic_shares, topic_shares_over_time,
)
from medialens.steps import Step

#: Framing step of :mod:`medialens.annotate`: naming, causal, distancing and topic rows (reads the
#: attributions to tell the outlet's voice from attributed speech).
STEP = Step(
    name="framing",
    run=annotate_documents,
    writes=("naming", "causal", "distancing", "topics"),
    reads=("attributions",),
    data=("lexicons/frames/*.csv", "lexicons/frames/cases/*/*.csv", "lexicons/frames/cases/*/*.txt",
          "lexicons/language/konjunktiv.tsv"),
    code=("medialens.framing.rows",),
)
