"""Sentiment rows: the tidy tables the sentiment step of ``medialens annotate`` writes.

``sentence_tone`` (:data:`SENTENCE_TONE_COLUMNS`): the tone of every sentence by the news scorer
(:mod:`medialens.sentiment.rules`) and the textblob-de baseline (:mod:`medialens.sentiment.baseline`);
join it to the sentences table of :mod:`medialens.nlp` on ``article_id, sentence_index``
(:func:`with_tone`).
"""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd

from medialens import nlp
from medialens.sentiment.baseline import textblob_polarity
from medialens.sentiment.lexicon import SentimentLexicon, load_lexicon
from medialens.sentiment.rules import score_tokens

#: Columns of the ``sentence_tone`` table written by ``medialens annotate`` (join it to the generic
#: sentences table of :mod:`medialens.nlp` on ``article_id, sentence_index``).
SENTENCE_TONE_COLUMNS = ["article_id", "sentence_index", "polarity_textblob", "polarity", "label", "drivers"]
#: Columns of the sentences table with tone (:func:`sentences_frame`, :func:`with_tone`).
SENTENCE_COLUMNS = [
    "article_id",
    "sentence_index",
    "start",
    "end",
    "text",
    "polarity_textblob",
    "polarity",
    "label",
    "drivers",
]
TONE_COLUMNS = ["polarity", "polarity_textblob", "label", "drivers", "sentence_text"]


def tone_frame(docs: Sequence[nlp.Document], lexicon: SentimentLexicon | None = None) -> pd.DataFrame:
    """One row per sentence with both scorers (columns :data:`SENTENCE_TONE_COLUMNS`).

    ``drivers`` is the compact string of :func:`format_drivers` ("Tote:-1.00; friedlich:+0.70").
    """
    lex = lexicon or load_lexicon()
    rows = []
    for doc in docs:
        for s in doc.sentences:
            score = score_tokens(doc.sentence_tokens(s.index), lex)
            rows.append((doc.article_id, s.index, round(textblob_polarity(doc.sentence_text(s.index)), 6),
                         score.polarity, score.label, score.drivers_text()))
    frame = pd.DataFrame(rows, columns=SENTENCE_TONE_COLUMNS)
    return frame.astype({"sentence_index": "int64", "polarity_textblob": "float64", "polarity": "float64"})


def with_tone(sentences: pd.DataFrame, tone: pd.DataFrame) -> pd.DataFrame:
    """The sentences table with the tone columns joined (columns :data:`SENTENCE_COLUMNS` + extras)."""
    keys = ["article_id", "sentence_index"]
    merged = sentences.merge(tone[[c for c in tone.columns if c in keys or c not in sentences.columns]],
                             on=keys, how="inner", sort=False)
    return merged[SENTENCE_COLUMNS + [c for c in merged.columns if c not in SENTENCE_COLUMNS]]


def sentences_frame(docs: Sequence[nlp.Document], lexicon: SentimentLexicon | None = None) -> pd.DataFrame:
    """One row per sentence with its text and both scorers (columns :data:`SENTENCE_COLUMNS`)."""
    from medialens.nlp import sentences_frame as plain_sentences

    docs = list(docs)
    return with_tone(plain_sentences(docs), tone_frame(docs, lexicon))


def annotate_documents(
    docs: Sequence[nlp.Document], articles: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Annotate step: ``{"sentence_tone": tone_frame(docs)}`` (articles and tables not needed)."""
    return {"sentence_tone": tone_frame(docs)}
