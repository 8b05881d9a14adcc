"""Framing rows: the ``frames`` and ``distancing`` tables of the annotate step.

Finds the words through which an article frames the January 2022 events -- as a matter of security
and order, of protest and civil rights, of economic grievance, of geopolitics, of an elite power
struggle or of its human cost -- and the markers by which an outlet keeps its distance from a
wording (``sogenannt-``, ``angeblich``, ``vermeintlich``, scare quotes, Konjunktiv I), with what each
marker is attached to. The aggregations over these tables (scores, shares by group, voice, time,
distinctive vocabulary) are in :mod:`medialens.framing.summary`.

A frame is understood as in Entman (1993, "Framing: Toward clarification of a fractured paradigm",
*Journal of Communication* 43(4)): selecting aspects of events and making them salient so as to
promote a problem definition, a causal interpretation, a moral evaluation or a remedy. A word
dictionary captures only the vocabulary through which a frame is invoked; how far that reaches is
measured against hand coding (``medialens eval frames``, ``data/validation/README.md``).
Dictionaries and marker lists are data (``data/lexicons/frames/``, see its README).

Tables (documented columns; extra columns are additions, never renames):

* frames: ``article_id, sentence_index, frame, matched, start, end`` + ``pattern, kind, in_quote,
  distanced, attributed, source_type, own_voice``
* distancing: ``article_id, sentence_index, marker, matched, start, end, attached_to`` +
  ``attached_start, attached_end, distances, touches_frames, distances_frame``
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import astuple, dataclass
from typing import Iterable, Iterator

import pandas as pd

from medialens import nlp
from medialens.framing.lexicon import (
    DistancingLexicon, FrameLexicon, load_distancing_lexicon, load_frame_lexicon,
)
from medialens.framing.rules.dictionary import _raw_matches
from medialens.framing.rules.markers import _inside, _marker_tuples
from medialens.german import quotation_spans

FRAME_COLUMNS = [
    "article_id", "sentence_index", "frame", "matched", "start", "end",
    "pattern", "kind", "in_quote", "distanced", "attributed", "source_type", "own_voice",
]
DISTANCING_COLUMNS = [
    "article_id", "sentence_index", "marker", "matched", "start", "end", "attached_to",
    "attached_start", "attached_end", "distances", "touches_frames", "distances_frame",
]


# --------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FrameMatch:
    """One dictionary match. ``start``/``end`` are character offsets into the article text.

    ``in_quote``: inside quotation marks (a direct quote or a scare quote). ``distanced``: inside
    quotation marks or inside what a distancing marker with ``distances=1`` is attached to.
    ``attributed``/``source_type``: filled from the attributions table by :func:`frames_frame`
    (``False``/``""`` when only the document is known). ``own_voice``: none of the three -- the
    outlet uses the frame in its own words.
    """

    article_id: str
    sentence_index: int
    frame: str
    matched: str
    start: int
    end: int
    pattern: str
    kind: str
    in_quote: bool
    distanced: bool
    attributed: bool
    source_type: str
    own_voice: bool


@dataclass(frozen=True, slots=True)
class DistancingMarker:
    """One distancing marker and the span it is attached to (offsets into the article text)."""

    article_id: str
    sentence_index: int
    marker: str
    matched: str
    start: int
    end: int
    attached_to: str
    attached_start: int
    attached_end: int
    distances: bool
    touches_frames: str
    distances_frame: bool



def _annotate_doc(
    doc: nlp.Document, lexicon: FrameLexicon | None, distancing: DistancingLexicon | None
) -> tuple[list[FrameMatch], list[DistancingMarker]]:
    lex = lexicon or load_frame_lexicon()
    dlex = distancing or load_distancing_lexicon()
    quotes = quotation_spans(doc.text)
    markers = _marker_tuples(doc, dlex)
    raw = _raw_matches(doc, lex)
    matches: list[FrameMatch] = []
    for frame, sent, k0, k1, p in raw:
        start, end = doc.tokens[k0].start, doc.tokens[k1 - 1].end
        in_quote = _inside(start, end, quotes)
        distanced = in_quote or any(m[6] and start < m[5] and end > m[4] for m in markers)
        matches.append(
            FrameMatch(doc.article_id, sent, frame, doc.text[start:end], start, end, p.pattern, p.kind,
                       in_quote, distanced, False, "", not distanced)
        )
    out_markers = []
    for sent, marker, ms, me, a0, a1, distances in markers:
        touched = sorted({m.frame for m in matches if m.start < a1 and m.end > a0})
        out_markers.append(
            DistancingMarker(doc.article_id, sent, marker, doc.text[ms:me], ms, me, doc.text[a0:a1], a0, a1,
                             distances, ";".join(touched), bool(distances and touched))
        )
    return matches, out_markers


def match_frames(
    doc: nlp.Document,
    *,
    lexicon: FrameLexicon | None = None,
    distancing: DistancingLexicon | None = None,
) -> Iterator[FrameMatch]:
    """Frame dictionary matches in one document, with quotation and distancing flags.

    Within one frame overlapping matches are resolved to the longest span (a phrase beats the single
    words inside it); one token may carry several frames.

    Args:
        doc: a processed document.
        lexicon: a frame lexicon (default: the project dictionary).
        distancing: a distancing lexicon (default: the project lists).

    Yields:
        :class:`FrameMatch` rows in text order. ``attributed`` is ``False`` here; join the
        attributions table with :func:`attach_attributions`.
    """
    yield from _annotate_doc(doc, lexicon, distancing)[0]


def distancing_markers(
    doc: nlp.Document,
    *,
    lexicon: FrameLexicon | None = None,
    distancing: DistancingLexicon | None = None,
) -> Iterator[DistancingMarker]:
    """Distancing markers in one document and what each is attached to.

    Attachment rules (README "Distancing markers"): ``sogenannt-``/``angeblich``/``vermeintlich``/
    ``mutmaßlich`` attach to the following noun phrase (or the following quotation), an adverbial
    use without a noun phrase to the rest of its clause; a scare quote to the quoted words; a
    Konjunktiv I verb to its whole sentence.
    """
    yield from _annotate_doc(doc, lexicon, distancing)[1]


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


def _frame(rows: Iterable, columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame([astuple(r) for r in rows], columns=columns)
    return _typed(df, columns)


_BOOL = {"in_quote", "distanced", "attributed", "own_voice", "distances", "distances_frame"}
_INT = {"sentence_index", "start", "end", "attached_start", "attached_end"}


def _typed(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    df = df.reindex(columns=columns)
    for c in columns:
        if c in _BOOL:
            df[c] = df[c].astype(bool)
        elif c in _INT:
            df[c] = df[c].astype("int64")
        else:
            df[c] = df[c].astype(object).where(df[c].notna(), "").astype(str)
    return df


def attach_attributions(frames: pd.DataFrame, attributions: pd.DataFrame | None) -> pd.DataFrame:
    """Mark frame matches that lie in attributed content and give them the source type.

    A match is ``attributed`` when an attribution of the same article has a content span
    (``quote_start``..``quote_end``) containing it, or -- for attributions without a content span --
    when it is in the attribution's sentence. The innermost content span wins; its ``source_type``
    is copied. Inside the content span of a ``direct`` attribution (e.g. a quote over several
    paragraphs that the quotation-mark scan does not pair) the match is also ``in_quote`` and
    ``distanced``. ``own_voice`` is then ``not (in_quote or distanced or attributed)``.
    """
    out = frames.copy()
    if attributions is None or attributions.empty or out.empty:
        return _typed(out, FRAME_COLUMNS)
    by_article: dict[str, list[tuple]] = defaultdict(list)
    cols = ["article_id", "sentence_index", "form", "quote_start", "quote_end", "source_type"]
    att = attributions.reindex(columns=cols)
    for aid, sent, form, qs, qe, st in att.itertuples(index=False, name=None):
        has_span = pd.notna(qs) and pd.notna(qe) and float(qe) > float(qs)
        by_article[str(aid)].append((
            int(sent) if pd.notna(sent) else -1,
            int(qs) if has_span else None,
            int(qe) if has_span else None,
            "" if pd.isna(st) else str(st),
            has_span and str(form) == "direct",
        ))
    attributed, source, direct = [], [], []
    for aid, sent, start, end in zip(out["article_id"], out["sentence_index"], out["start"], out["end"]):
        best = None
        for a_sent, qs, qe, st, is_direct in by_article.get(str(aid), ()):
            if qs is not None and qs <= start and end <= qe:
                width = qe - qs
            elif qs is None and a_sent == sent:
                width = 10**9
            else:
                continue
            if best is None or width < best[0]:
                best = (width, st, is_direct)
        attributed.append(best is not None)
        source.append(best[1] if best else "")
        direct.append(bool(best and best[2]))
    out["attributed"] = attributed
    out["source_type"] = source
    out["in_quote"] = out["in_quote"].astype(bool) | pd.Series(direct, index=out.index)
    out["distanced"] = out["distanced"].astype(bool) | out["in_quote"]
    out["own_voice"] = ~(out["in_quote"] | out["distanced"] | out["attributed"])
    return _typed(out, FRAME_COLUMNS)


def frames_frame(
    docs: Iterable[nlp.Document],
    attributions: pd.DataFrame | None = None,
    *,
    lexicon: FrameLexicon | None = None,
) -> pd.DataFrame:
    """All frame matches of ``docs`` as a tidy table (:data:`FRAME_COLUMNS`).

    Args:
        docs: processed documents.
        attributions: optional attributions table; fills ``attributed``/``source_type``/``own_voice``.
        lexicon: a frame lexicon (default: the project dictionary).
    """
    rows = [m for doc in docs for m in match_frames(doc, lexicon=lexicon)]
    return attach_attributions(_frame(rows, FRAME_COLUMNS), attributions)


def distancing_frame(docs: Iterable[nlp.Document], *, lexicon: FrameLexicon | None = None) -> pd.DataFrame:
    """All distancing markers of ``docs`` as a tidy table (:data:`DISTANCING_COLUMNS`)."""
    rows = [m for doc in docs for m in distancing_markers(doc, lexicon=lexicon)]
    return _frame(rows, DISTANCING_COLUMNS)


def annotate_documents(
    docs: list[nlp.Document], articles: pd.DataFrame, tables: dict[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Annotate protocol step: ``{"frames": …, "distancing": …}`` for one chunk of documents.

    Reads ``tables["attributions"]`` (if present) to separate the outlet's own voice from
    attributed content.
    """
    frames, markers = [], []
    for doc in docs:
        f, m = _annotate_doc(doc, None, None)
        frames.extend(f)
        markers.extend(m)
    return {
        "frames": attach_attributions(_frame(frames, FRAME_COLUMNS), tables.get("attributions")),
        "distancing": _frame(markers, DISTANCING_COLUMNS),
    }
