"""Sentiment: tone per sentence, per actor and per source type, explained by its words.

:mod:`~medialens.sentiment.core` scores sentences (news scorer and the textblob-de baseline) and builds
the ``sentence_tone`` table; :mod:`~medialens.sentiment.summary` aggregates it for notebook 03.
Charts are in :mod:`medialens.figures.charts.sentiment`.
"""

from __future__ import annotations

from medialens.sentiment.core import (  # noqa: F401
    NEGATION_FACTOR, NEGATION_WINDOW, INTENSIFIER_WINDOW, ALPHA, NEUTRAL_BAND, LABELS, SENTENCE_TONE_COLUMNS,
    SENTENCE_COLUMNS, TONE_COLUMNS, CONTRAST_BEFORE, CONTRAST_AFTER, Driver, SentimentScore, SentimentLexicon,
    baseline_lexicon_file, load_baseline, load_lexicon, textblob_polarity, label_for, normalise,
    format_drivers, parse_drivers, contributions, analyse_tokens, score_tokens, span_tokens, score_span,
    target_window, score_target, tone_frame, with_tone, sentences_frame, annotate_documents,
)
from medialens.sentiment.summary import (  # noqa: F401
    target_tone, quote_tone, top_drivers, SOURCE_GROUPS, UNTYPED_GROUP, source_group, tone_ci, group_drivers,
    extreme_sentences, scorer_agreement, agreement_stats, driver_words,
)

from medialens.steps import Step

#: Sentiment step of :mod:`medialens.annotate`: the tone of every sentence (``sentence_tone``).
STEP = Step(
    name="sentiment",
    run=annotate_documents,
    writes=("sentence_tone",),
    data=("lexicons/sentiment/*.csv", "lexicons/sentiment/*.txt"),
    code=("medialens.sentiment.core",),
)
