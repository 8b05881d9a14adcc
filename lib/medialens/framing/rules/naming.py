"""Naming choices: which label of a case names which referent, where, in whose voice, distanced or not.

A label is matched by its patterns (overlaps resolved to the longest span, so *friedliche Demonstranten*
is one naming, not two); its voice comes from :mod:`~medialens.framing.rules.voice`; it is distanced
when a counting lexical marker or a scare quote is attached to a span holding it (*die sogenannte
Anti-Terror-Operation*). A label inside a name (a quotation after a title noun) is no naming choice, and
neither is a label that names something else (CODEBOOK.md 3.2): one inside an expression of the case's
``other_referents.csv`` (*UN-Friedensmission*), or a label of an event-like (``dated``) referent in a
clause that names a year outside the case's ``years.txt`` (*der Maidan 2014*, *wo 2011 ein Streik
niedergeschlagen wurde*).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from medialens import nlp
from medialens.framing.lexicon import Case
from medialens.framing.rules.clauses import clause_end, clause_start
from medialens.framing.rules.patterns import Match, SentenceView, find_matches, resolve_overlaps
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


#: Words before a year that make it a starting or end point, not another time (*seit 2019*, *bis 2030*).
SINCE_UNTIL = frozenset({"seit", "bis", "ab"})


def other_year(toks: Sequence[nlp.Token], m: Match, years: frozenset[int]) -> bool:
    """Whether the clause of ``m`` names a year (1900-2099) outside ``years`` -- not after *seit/bis/ab*."""
    if not years:
        return False
    for k in range(clause_start(toks, m.first), clause_end(toks, m.last + 1)):
        word = toks[k].text
        if len(word) == 4 and word.isdigit() and 1900 <= int(word) <= 2099 and int(word) not in years:
            if not (k > 0 and toks[k - 1].text.casefold() in SINCE_UNTIL):
                return True
    return False


def names_something_else(toks: Sequence[nlp.Token], view: SentenceView, m: Match, case: Case) -> bool:
    """A label inside an expression naming another referent, or in a clause about another year."""
    if case.other_patterns.size:
        for other in find_matches(view, case.other_patterns):
            if other.first <= m.first and m.last <= other.last:
                return True
    return m.pattern.owner[0] in case.dated and other_year(toks, m, case.years)


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
            if any(a <= start and end <= b for a, b in names) or names_something_else(toks, views[sent.index], m, case):
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
