"""Sentiment rows: the tidy tables the sentiment step of ``medialens annotate`` writes.

* ``sentence_tone`` (:data:`SENTENCE_TONE_COLUMNS`): the tone of every sentence by the news scorer
  (:mod:`medialens.sentiment.rules`); join it to the sentences table of :mod:`medialens.nlp` on
  ``article_id, sentence_index`` (:func:`with_tone`). The textblob-de baseline is not annotated:
  :func:`medialens.sentiment.baseline.with_textblob` adds it where it is shown (issue 17).
* ``target_tone`` (:data:`TARGET_TONE_COLUMNS`): the tone toward every target in its sentence
  (:func:`medialens.sentiment.rules.score_toward`: the words tied to the target by clause and
  attachment, :mod:`medialens.sentiment.scope`). Targets are the actor mentions of the actors step
  (``target_kind`` "actor", ``target`` = ``actor_id``) and the referent labels of the framing step
  (``target_kind`` "referent", ``target`` = the referent, e.g. "people": tone toward the people in the
  streets whatever label names them); one row per article, sentence and target (the first mention when a
  target is named twice in a sentence).
"""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd

from medialens import nlp
from medialens.sentiment.lexicon import SentimentLexicon, load_lexicon
from medialens.sentiment.rules import score_sentence, score_toward

#: Columns of the ``sentence_tone`` table written by ``medialens annotate`` (join it to the generic
#: sentences table of :mod:`medialens.nlp` on ``article_id, sentence_index``).
SENTENCE_TONE_COLUMNS = ["article_id", "sentence_index", "polarity", "label", "drivers"]
#: Columns of the sentences table with tone (:func:`sentences_frame`, :func:`with_tone`).
SENTENCE_COLUMNS = [
    "article_id",
    "sentence_index",
    "start",
    "end",
    "text",
    "polarity",
    "label",
    "drivers",
]
TONE_COLUMNS = ["polarity", "polarity_textblob", "label", "drivers", "sentence_text"]
#: Columns of the ``target_tone`` table.
TARGET_TONE_COLUMNS = ["article_id", "sentence_index", "target_kind", "target", "start", "end",
                       "polarity", "label", "drivers"]
#: Targets the step scores: (table of an earlier step, target kind, column naming the target). A table
#: of referent labels from the framing step can be added here when that step runs before sentiment.
TARGET_SOURCES = (("mentions", "actor", "actor_id"), ("naming", "referent", "referent"))


def tone_frame(docs: Sequence[nlp.Document], lexicon: SentimentLexicon | None = None) -> pd.DataFrame:
    """One row per sentence with the news scorer's tone (columns :data:`SENTENCE_TONE_COLUMNS`).

    ``drivers`` is the compact string of :func:`format_drivers` ("Tote:-1.00; friedlich:+0.70").
    """
    lex = lexicon or load_lexicon()
    rows = []
    for doc in docs:
        for s in doc.sentences:
            score = score_sentence(doc, s.index, lex)
            rows.append((doc.article_id, s.index, score.polarity, score.label, score.drivers_text()))
    frame = pd.DataFrame(rows, columns=SENTENCE_TONE_COLUMNS)
    return frame.astype({"sentence_index": "int64", "polarity": "float64"})


def with_tone(sentences: pd.DataFrame, tone: pd.DataFrame) -> pd.DataFrame:
    """The sentences table with the tone columns joined (columns :data:`SENTENCE_COLUMNS` + extras)."""
    keys = ["article_id", "sentence_index"]
    merged = sentences.merge(tone[[c for c in tone.columns if c in keys or c not in sentences.columns]],
                             on=keys, how="inner", sort=False)
    return merged[SENTENCE_COLUMNS + [c for c in merged.columns if c not in SENTENCE_COLUMNS]]


def sentences_frame(docs: Sequence[nlp.Document], lexicon: SentimentLexicon | None = None) -> pd.DataFrame:
    """One row per sentence with its text and the news scorer's tone (columns :data:`SENTENCE_COLUMNS`)."""
    from medialens.nlp import sentences_frame as plain_sentences

    docs = list(docs)
    return with_tone(plain_sentences(docs), tone_frame(docs, lexicon))


def target_rows(
    docs: Sequence[nlp.Document], targets: pd.DataFrame, *, kind: str, id_column: str,
    lexicon: SentimentLexicon | None = None,
) -> pd.DataFrame:
    """Tone toward each target of ``targets`` (rows with ``article_id, start, end`` and ``id_column``).

    Returns:
        Columns :data:`TARGET_TONE_COLUMNS`, one row per article, sentence and target (first mention).

    Raises:
        ValueError: if ``targets`` lacks a column, or a target's article is not among ``docs``.
    """
    need = {"article_id", "start", "end", id_column}
    if not need <= set(targets.columns):
        raise ValueError(f"target table lacks columns {sorted(need - set(targets.columns))}")
    lex = lexicon or load_lexicon()
    by_id = {doc.article_id: doc for doc in docs}
    rows, seen = [], set()
    ordered = targets.sort_values(["article_id", "start", "end"], kind="stable")
    for aid, start, end, target in zip(ordered["article_id"], ordered["start"], ordered["end"], ordered[id_column]):
        if aid not in by_id:
            raise ValueError(f"target in article {aid!r}, which is not among the processed documents")
        doc = by_id[aid]
        sentence = doc.sentence_at(int(start))
        if (aid, sentence, target) in seen:
            continue
        seen.add((aid, sentence, target))
        score = score_toward(doc, int(start), int(end), lex)
        rows.append((aid, sentence, kind, target, int(start), int(end), score.polarity, score.label,
                     score.drivers_text()))
    frame = pd.DataFrame(rows, columns=TARGET_TONE_COLUMNS)
    return frame.astype({"sentence_index": "int64", "start": "int64", "end": "int64", "polarity": "float64"})


def annotate_documents(
    docs: Sequence[nlp.Document], articles: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Sentiment step: ``{"sentence_tone": …, "target_tone": …}`` for one chunk of documents."""
    lex = load_lexicon()
    parts = [target_rows(docs, tables[name], kind=kind, id_column=column, lexicon=lex)
             for name, kind, column in TARGET_SOURCES if name in tables]
    targets = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=TARGET_TONE_COLUMNS)
    position = {d.article_id: k for k, d in enumerate(docs)}  # rows in corpus order, whatever the chunking
    targets = targets.sort_values(["article_id", "start", "end", "target_kind"], kind="stable",
                                  key=lambda col: col.map(position) if col.name == "article_id" else col,
                                  ignore_index=True)
    return {"sentence_tone": tone_frame(docs, lex), "target_tone": targets.astype(
        {"sentence_index": "int64", "start": "int64", "end": "int64", "polarity": "float64"})}
