"""Naming choices: which label of a case names which referent, where, in whose voice, distanced or not.

A label is matched by its patterns (overlaps resolved to the longest span, so *friedliche Demonstranten*
is one naming, not two); its voice comes from :mod:`~medialens.framing.rules.voice`; it is distanced
when a counting lexical marker or a scare quote is attached to a span holding it (*die sogenannte
Anti-Terror-Operation*). A label inside a name (a quotation after a title noun) is no naming choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from medialens import nlp
from medialens.framing.lexicon import Case
from medialens.framing.rules.patterns import SentenceView, find_matches, resolve_overlaps
from medialens.framing.rules.voice import Voice

NAMING_COLUMNS = [
    "case", "article_id", "sentence_index", "referent", "label", "stance", "matched", "start", "end",
    "pattern", "voice", "source_type", "distanced", "distanced_by",
]


@dataclass(frozen=True, slots=True)
class Naming:
    """One label naming one referent (``start``/``end``: character offsets into the article)."""

    case: str
    article_id: str
    sentence_index: int
    referent: str
    label: str
    stance: str
    matched: str
    start: int
    end: int
    pattern: str
    voice: str
    source_type: str
    distanced: bool
    distanced_by: str


def naming_rows(doc: nlp.Document, case: Case, voice: Voice, views: Sequence[SentenceView], *,
                distancers: Sequence[tuple[int, int, str]] = (), names: Sequence[tuple[int, int]] = ()) -> list[Naming]:
    """The naming rows of one document for one case.

    Args:
        doc: the processed document.
        case: the case whose labels are matched.
        voice: the document's attributed spans.
        views: one :class:`SentenceView` per sentence.
        distancers: ``(start, end, marker)`` spans that distance what they hold
            (:func:`~medialens.framing.rules.distancing.distancers`).
        names: spans of names (:func:`~medialens.framing.rules.distancing.name_spans`).
    """
    rows = []
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        for m in resolve_overlaps(find_matches(views[sent.index], case.label_patterns)):
            start, end = toks[m.first].start, toks[m.last].end
            if any(a <= start and end <= b for a, b in names):
                continue
            att = voice.attributed(start, end)
            by = next((marker for a, b, marker in distancers if a <= start and end <= b), "")
            referent, label = m.pattern.owner
            rows.append(Naming(
                case.name, doc.article_id, sent.index, referent, label, case.labels[(referent, label)].stance,
                doc.text[start:end], start, end, m.pattern.raw, "attributed" if att else "own",
                att.source_type if att else "", bool(by), by,
            ))
    return rows
