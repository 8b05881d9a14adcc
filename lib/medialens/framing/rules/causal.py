"""Causal frames: what a text says caused the events, and in whose voice (Entman 1993: the causal
interpretation of a frame).

A causal cue (``causal_cues.csv``: *weil, wegen, hinter … stecken, ausgelöst durch, Proteste gegen …*)
opens a **cause span** -- the rest of its clause, its clause minus the cue, the gap of a discontinuous
cue, the clause before or the previous sentence; the case's cause words (``causes.csv``) inside that
span give the **category**. A cue without a cause word gives no row; the span runs over the clauses
attached to it (*ein Plan, die Führung zu stürzen*), and a cause word in the source phrase of an
attribution is the speaker, not a cause. Skipped (CODEBOOK.md 4.1): a cue right after *nicht* (not *nicht
nur*); a cue in a question or an indirect question (*ob*, *warum*; *wer*, *was*, *wo* only when the
sentence says that it is unknown or asked -- otherwise a free relative clause is a statement: *Was als
Protest gegen die Preise begann, ...*); a cue whose ``excludes`` words stand in its clause
(*Strafverfahren wegen Terrorismus*, *nur der Vorwand*); and a cue explaining a reported reaction -- in the
clause of a reporting cue, outside what is reported (*Wegen der Toten forderten Menschenrechtler eine
Untersuchung*), unless the cue verb is a protest (*Wegen der Preise protestierten Tausende*).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from medialens import nlp
from medialens.framing.lexicon import Case
from medialens.framing.rules.clauses import attached_end, clause_end, clause_start
from medialens.framing.rules.patterns import (
    Match, PatternSet, SentenceView, excluded, find_matches, normalise, resolve_overlaps,
)
from medialens.framing.rules.voice import Voice

#: Words after *nicht* that keep a cue affirmative (*nicht nur wegen der Preise*).
NEGATION_KEEP = frozenset({"nur", "allein", "bloß", "bloss"})
#: Words opening an indirect question; a cue in such a clause is not affirmed.
QUESTION_OPENERS = frozenset({"ob", "wer", "was", "warum", "wieso", "weshalb", "wie", "wodurch", "wofür", "wo"})
#: Openers that also open a free relative clause (*Was als Protest begann, ...*): a question only when the
#: sentence has a word of not knowing or asking (:data:`UNKNOWN_WORDS`).
FREE_RELATIVE_OPENERS = frozenset({"wer", "was", "wo"})
#: Stems (normalised) of words saying that something is unknown, disputed or asked.
UNKNOWN_WORDS = ("unklar", "offen", "ungeklart", "fraglich", "unbekannt", "umstritten", "ungewiss", "strittig",
                 "ratsel", "wissen", "weiss", "frage", "klar", "klaren", "gepruft", "prufen", "untersuch", "ermittel",
                 "widerspruch", "spekul", "niemand")
#: Reporting cues that are protests: a cause of them is a cause of the events (*Wegen der Preise
#: protestierten Tausende*), not of a reaction.
PROTEST_CUES = ("protest", "demonstr", "streik", "strasse")

CAUSAL_COLUMNS = [
    "case", "article_id", "sentence_index", "category", "cue", "cue_text", "cue_start", "cue_end",
    "matched", "start", "end", "cause_start", "cause_end", "voice", "source_type", "distanced",
]


@dataclass(frozen=True, slots=True)
class Causal:
    """One causal claim: the cue, the cause word that gave the category, the cause span searched, whose
    voice it is in, and whether a distancing marker covers it (*die vermeintlichen Drahtzieher*)."""

    case: str
    article_id: str
    sentence_index: int
    category: str
    cue: str
    cue_text: str
    cue_start: int
    cue_end: int
    matched: str
    start: int
    end: int
    cause_start: int
    cause_end: int
    voice: str
    source_type: str
    distanced: bool


def _negated(toks: Sequence[nlp.Token], m: Match) -> bool:
    before = toks[m.first - 1].text.casefold() if m.first > 0 else ""
    after = toks[m.last + 1].text.casefold() if m.last + 1 < len(toks) else ""
    return before == "nicht" and after not in NEGATION_KEEP


def _questioned(toks: Sequence[nlp.Token], m: Match) -> bool:
    if any(t.text == "?" for t in toks[m.last:]):
        return True
    start = clause_start(toks, m.first)
    opener = toks[start]
    word = opener.text.casefold()
    if word not in QUESTION_OPENERS or opener.pos not in ("KOUS", "PWS", "PWAV", "PWAT", "PRELS"):
        return False
    if word not in FREE_RELATIVE_OPENERS:
        return True
    inside = range(start, clause_end(toks, m.last + 1))
    return any(normalise(t.text).startswith(UNKNOWN_WORDS) or normalise(t.lemma).startswith(UNKNOWN_WORDS)
               for k, t in enumerate(toks) if k not in inside)


def _reaction(toks: Sequence[nlp.Token], m: Match, voice: Voice, sentence: int) -> bool:
    """The cue explains a reported reaction: it stands in the clause of a reporting cue (not a protest),
    outside every attributed span."""
    c0, c1 = toks[m.first].start, toks[m.last].end
    lo, hi = toks[clause_start(toks, m.first)].start, toks[clause_end(toks, m.last + 1) - 1].end
    for s, a, b in voice.cues:
        if s != sentence or not (lo <= a and b <= hi) or (a < c1 and c0 < b):
            continue
        cue = next((t for t in toks if t.start == a), None)
        if cue is not None and normalise(cue.lemma).startswith(PROTEST_CUES):
            continue
        if voice.attributed(c0, c1) is None:
            return True
    return False


def cause_span(toks: Sequence[nlp.Token], m: Match, side: str) -> tuple[int, ...]:
    """Token indices (within the sentence) where the cause of the cue match ``m`` is searched."""
    if side == "gap":
        return m.gap_tokens()
    if side == "after":
        return tuple(range(m.last + 1, attached_end(toks, clause_end(toks, m.last + 1))))
    start = clause_start(toks, m.first)
    if side == "before":
        if start == 0:
            return tuple(range(0, m.first))
        return tuple(range(clause_start(toks, max(start - 2, 0)), start - 1))
    if side == "previous":
        return tuple(range(0, m.first))
    inside = set(m.tokens) | set(m.gap_tokens())
    return tuple(k for k in range(start, attached_end(toks, clause_end(toks, m.last + 1))) if k not in inside)


def _cause_hits(doc: nlp.Document, case: Case, views: Sequence[SentenceView], sentence: int, m: Match, side: str):
    """``(tokens of the span's sentence, span token indices, cause matches inside the span)``."""
    toks = doc.sentence_tokens(sentence)
    if side == "previous" and m.first <= 1:  # sentence-initial "Deshalb": the cause is the sentence before
        if sentence == 0:
            return toks, (), []
        sentence -= 1
        toks = doc.sentence_tokens(sentence)
        span: tuple[int, ...] = tuple(range(len(toks)))
    else:
        span = cause_span(toks, m, side)
    inside = set(span)
    causes = resolve_overlaps(find_matches(views[sentence], case.cause_patterns))
    return toks, span, [c for c in causes if set(c.tokens) <= inside]


def _skip(toks: Sequence[nlp.Token], view: SentenceView, m: Match) -> bool:
    if _negated(toks, m) or _questioned(toks, m):
        return True
    return bool(m.pattern.excludes) and excluded(m, view, clause_start(toks, m.first), clause_end(toks, m.last + 1))


def _cause_words(hits, span_toks, voice: Voice) -> list:
    """The cause matches that are not in an attribution's source phrase (the speaker is no cause)."""
    return [c for c in hits if not voice.in_source(span_toks[c.first].start, span_toks[c.last].end)]


def causal_rows(doc: nlp.Document, case: Case, cues: PatternSet, voice: Voice, views: Sequence[SentenceView], *,
                distancers: Sequence[tuple[int, int, str]] = ()) -> list[Causal]:
    """The causal rows of one document: one per cue and category found in the cue's cause span."""
    rows = []
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        for m in resolve_overlaps(find_matches(views[sent.index], cues)):
            if _skip(toks, views[sent.index], m) or _reaction(toks, m, voice, sent.index):
                continue
            cue, side = m.pattern.owner
            span_toks, span, hits = _cause_hits(doc, case, views, sent.index, m, side)
            hits = _cause_words(hits, span_toks, voice)
            c0, c1 = toks[m.first].start, toks[m.last].end
            seen: set[str] = set()
            for c in hits:
                category, w0, w1 = c.pattern.owner[0], span_toks[c.first].start, span_toks[c.last].end
                if category in seen:
                    continue
                seen.add(category)
                att = voice.attributed(c0, c1, not_cued_by=(c0, c1)) or voice.attributed(w0, w1, not_cued_by=(c0, c1))
                rows.append(Causal(
                    case.name, doc.article_id, sent.index, category, cue, doc.text[c0:c1], c0, c1, doc.text[w0:w1],
                    w0, w1, span_toks[min(span)].start, span_toks[max(span)].end, "attributed" if att else "own",
                    att.source_type if att else "", any(a <= c0 < b or a <= w0 < b for a, b, _ in distancers),
                ))
    return rows
