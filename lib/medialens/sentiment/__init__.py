"""Sentiment: tone per sentence, per actor and per source type, explained by its words.

The package has the parts every analysis has:

* :mod:`~medialens.sentiment.lexicon` - loads ``data/lexicons/sentiment`` and the textblob-de
  polarity lexicon into a frozen :class:`SentimentLexicon`;
* :mod:`~medialens.sentiment.rules` - the news scorer as small named passes (``score_tokens``),
  word senses and news idiom included (``senses.tsv``, change words, reversers, descriptive words);
* :mod:`~medialens.sentiment.scope` - clauses and the words tied to a target, from STTS tags;
* :mod:`~medialens.sentiment.baseline` - the textblob-de baseline, a cached table computed where shown;
* :mod:`~medialens.sentiment.rows` - the ``sentence_tone`` and ``target_tone`` tables of ``medialens annotate``;
* :mod:`~medialens.sentiment.summary` - aggregations for notebook 03 (charts are in
  :mod:`medialens.figures.charts.sentiment`).
"""

from __future__ import annotations

from medialens.sentiment.baseline import textblob_polarity, textblob_table, textblob_words, with_textblob  # noqa: F401
from medialens.sentiment.lexicon import (  # noqa: F401
    SentimentLexicon, baseline_lexicon_file, load_baseline, load_lexicon,
)
from medialens.sentiment.rows import (  # noqa: F401
    SENTENCE_COLUMNS, SENTENCE_TONE_COLUMNS, TARGET_TONE_COLUMNS, TONE_COLUMNS, annotate_documents, sentences_frame,
    target_rows, tone_frame, with_tone,
)
from medialens.sentiment.rules import (  # noqa: F401
    ALPHA, CHANGE_VALUE, CONTRAST_AFTER, CONTRAST_BEFORE, DESCRIPTIVE_FACTOR, INTENSIFIER_WINDOW, LABELS,
    NEGATION_FACTOR, NEGATION_WINDOW,
    NEUTRAL_BAND, Driver, SentimentScore, analyse_tokens, contributions, format_drivers, label_for, normalise,
    parse_drivers, score_span, score_target, score_tokens, score_toward, span_tokens, target_tokens, target_window,
)
from medialens.sentiment.scope import TARGET_BAND  # noqa: F401
from medialens.sentiment.summary import (  # noqa: F401
    actor_tone, target_tone, quote_tone, top_drivers, SOURCE_GROUPS, UNTYPED_GROUP, source_group, tone_ci, group_drivers,
    extreme_sentences, scorer_agreement, agreement_stats, driver_words, DISAGREEMENT_REASONS, disagreements,
)
from medialens.steps import Step

#: Sentiment step of :mod:`medialens.annotate`: the tone of every sentence (``sentence_tone``) and toward
#: every actor mention (``target_tone``, reads the actors step's ``mentions``).
STEP = Step(
    name="sentiment",
    run=annotate_documents,
    writes=("sentence_tone", "target_tone"),
    reads=("mentions", "naming"),
    data=("lexicons/sentiment/*.csv", "lexicons/sentiment/*.txt", "lexicons/sentiment/*.tsv"),
    code=("medialens.sentiment.rows",),
)
