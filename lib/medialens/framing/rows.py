"""Framing rows: the ``naming``, ``causal``, ``distancing`` and ``topics`` tables of the annotate step.

Three framing measures (Entman 1993; definitions and hand-coding rules in
``data/lexicons/frames/CODEBOOK.md``) and one topic measure, each a table with one row per observation
and character offsets into the article text:

* naming: ``case, article_id, sentence_index, referent, label, stance, matched, start, end, pattern,
  voice, source_type, distanced, distanced_by`` -- which label names which referent, in the outlet's
  own voice or inside attributed speech, distanced or not;
* causal: ``case, article_id, sentence_index, category, cue, cue_text, cue_start, cue_end, matched,
  start, end, cause_start, cause_end, voice, source_type, distanced`` -- what the text says caused the
  events;
* distancing: ``article_id, sentence_index, marker, kind, matched, start, end, attached_to,
  attached_start, attached_end, attaches, voice, source_type, licensed, counts`` -- *sogenannt*, scare
  quotes, unlicensed Konjunktiv I …; ``counts`` marks the rows that are distancing;
* topics: ``article_id, sentence_index, topic, matched, start, end, pattern, kind, voice, source_type``
  -- topic-dictionary words (what a sentence is about; not a frame).

Naming and causal rows are made for every case under ``data/lexicons/frames/cases`` (column ``case``);
a notebook picks one. ``voice`` is ``own`` or ``attributed`` and needs the attributions table: without
it every row is ``own``.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field
from typing import Iterable, Sequence

import pandas as pd

from medialens import nlp
from medialens.framing.lexicon import (
    DistancingLexicon, TopicLexicon, case_names, load_case, load_causal_cues, load_distancing, load_topic_lexicon,
)
from medialens.framing.rules.causal import CAUSAL_COLUMNS, causal_rows
from medialens.framing.rules.distancing import DISTANCING_COLUMNS, distancers, distancing_rows, name_spans
from medialens.framing.rules.naming import NAMING_COLUMNS, naming_rows
from medialens.framing.rules.patterns import article_views
from medialens.framing.rules.topics import TOPIC_COLUMNS, topic_rows
from medialens.framing.rules.voice import attribution_rows, build_voice
from medialens.german import quotation_spans

#: Columns of each table the step writes.
COLUMNS = {"naming": NAMING_COLUMNS, "causal": CAUSAL_COLUMNS, "distancing": DISTANCING_COLUMNS, "topics": TOPIC_COLUMNS}
_BOOL = {"distanced", "licensed", "counts"}
_INT = {"sentence_index", "start", "end", "cue_start", "cue_end", "cause_start", "cause_end", "attached_start",
        "attached_end"}


@dataclass
class FramingRows:
    """The rows of some documents, per table."""

    naming: list = field(default_factory=list)
    causal: list = field(default_factory=list)
    distancing: list = field(default_factory=list)
    topics: list = field(default_factory=list)

    def extend(self, other: "FramingRows") -> None:
        for name in COLUMNS:
            getattr(self, name).extend(getattr(other, name))

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: typed_table(getattr(self, name), COLUMNS[name]) for name in COLUMNS}


def typed_table(rows: Iterable, columns: list[str]) -> pd.DataFrame:
    """A table of dataclass rows with fixed dtypes (booleans, integers, strings), even when empty."""
    df = pd.DataFrame([astuple(r) for r in rows], columns=columns)
    for c in columns:
        if c in _BOOL:
            df[c] = df[c].astype(bool)
        elif c in _INT:
            df[c] = df[c].astype("int64")
        else:
            df[c] = df[c].astype(object).where(df[c].notna(), "").astype(str)
    return df


def annotate_document(doc: nlp.Document, attributions: pd.DataFrame | Sequence | None = None, *,
                      cases: Sequence[str] | None = None, distancing: DistancingLexicon | None = None,
                      topics: TopicLexicon | None = None) -> FramingRows:
    """The framing rows of one document.

    Args:
        doc: a processed document.
        attributions: its rows of the attributions table, as a frame or as named row tuples (``None``:
            every row is in the outlet's voice).
        cases: case names (default: every case folder).
        distancing: the marker lists (default :func:`load_distancing`).
        topics: the topic dictionary (default :func:`load_topic_lexicon`).
    """
    lex = distancing or load_distancing()
    views = article_views(doc)
    voice = build_voice(doc, attributions, lex.labelling, lex.views, views)
    quotes = quotation_spans(doc.text)
    out = FramingRows()
    out.distancing = distancing_rows(doc, lex, voice, quotes, views)
    spans, names = distancers(out.distancing), name_spans(doc, lex, quotes)
    for name in cases if cases is not None else case_names():
        case = load_case(name)
        out.naming += naming_rows(doc, case, voice, views, distancers=spans, names=names)
        out.causal += causal_rows(doc, case, load_causal_cues(), voice, views, distancers=spans)
    out.topics = topic_rows(doc, topics or load_topic_lexicon(), voice, views)
    return out


def framing_tables(docs: Iterable[nlp.Document], attributions: pd.DataFrame | None = None, *,
                   cases: Sequence[str] | None = None) -> dict[str, pd.DataFrame]:
    """``{"naming", "causal", "distancing", "topics"}`` for ``docs`` (the attributions table may hold
    other articles too)."""
    by_article: dict[str, list] = {}
    for row in attribution_rows(attributions):  # one pass over the table, not one frame per article
        by_article.setdefault(str(row.article_id), []).append(row)
    rows = FramingRows()
    for doc in docs:
        rows.extend(annotate_document(doc, by_article.get(str(doc.article_id)), cases=cases))
    return rows.tables()


def annotate_documents(docs: list[nlp.Document], articles: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Annotate step (:data:`medialens.framing.STEP`): the four tables for one chunk of documents,
    reading ``tables["attributions"]`` to tell the outlet's voice from attributed speech."""
    return framing_tables(docs, tables.get("attributions"))
