"""Voice: which character spans of an article are a source's words and which are the outlet's own.

Built from the attributions table (:mod:`medialens.attribution`) and from labelling verbs
(``labelling_cues.csv``), following CODEBOOK.md section 2:

* the content of every attribution (``quote_start..quote_end``) is attributed, minus its source phrase
  and its cue (*Die Demonstranten forderten ...*: the outlet calls them *Demonstranten*);
* of a ``reported`` attribution (whose content is its whole sentence) only the part after the cue is
  attributed, and when the cue is a labelling verb only the verb's complement (*Tokajew bezeichnete die
  Demonstranten als Banditen*: *Banditen* attributed, *Demonstranten* own);
* the complement of a labelling verb is attributed even where no attribution was found (*die als
  Terroristen verfolgten Männer*).

Reported-speech grammar (Konjunktiv I, reportive *sollen*) is **licensed** inside an attribution's
content, in a sentence holding an attribution cue, and later in the paragraph of one (indirect speech
runs on over sentences until the paragraph ends). An attribution row with neither a cue nor a source
phrase (hearsay the attribution step found by its grammar alone, *Die Angreifer sollen … worden sein*)
neither attributes nor licenses anything: no source is named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

import pandas as pd

from medialens import nlp
from medialens.framing.rules.clauses import clause_end, clause_start
from medialens.framing.rules.patterns import normalise


@dataclass(frozen=True)
class AttributedSpan:
    """Characters ``[start, end)`` that are a source's words; ``form`` is the attribution's form or
    ``labelling``."""

    start: int
    end: int
    source_type: str
    form: str
    cue: tuple[int, int] | None = None


@dataclass
class Voice:
    """The attributed spans of one article and what licenses reported-speech grammar in it."""

    spans: list[AttributedSpan] = field(default_factory=list)
    contents: list[tuple[int, int]] = field(default_factory=list)
    cue_sentences: set[int] = field(default_factory=set)
    paragraph_of: Mapping[int, int] = field(default_factory=dict)

    def attributed(self, start: int, end: int, *, not_cued_by: tuple[int, int] | None = None) -> AttributedSpan | None:
        """The innermost attributed span holding ``[start, end)``, else ``None`` (the outlet's voice).

        ``not_cued_by``: ignore attributions whose cue overlaps this span -- when the cue of a causal
        claim is itself the reported act (*Tausende protestierten gegen die Preiserhöhung*), the
        protest's object is the outlet's statement of the grievance, not a report of someone's claim.
        """
        best = None
        for s in self.spans:
            if not (s.start <= start and end <= s.end):
                continue
            if not_cued_by and s.cue and s.cue[0] < not_cued_by[1] and not_cued_by[0] < s.cue[1]:
                continue
            if best is None or s.end - s.start < best.end - best.start:
                best = s
        return best

    def licenses(self, start: int, end: int, sentence: int) -> bool:
        """Whether reported-speech grammar at ``[start, end)`` in ``sentence`` is licensed by a found
        attribution."""
        if sentence in self.cue_sentences or any(a <= start and end <= b for a, b in self.contents):
            return True
        paragraph = self.paragraph_of.get(sentence)
        return any(s < sentence and self.paragraph_of.get(s) == paragraph for s in self.cue_sentences)


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def subtract(span: tuple[int, int], holes: Iterable[tuple[int | None, int | None]]) -> list[tuple[int, int]]:
    """``span`` minus the ``holes`` (``None`` holes ignored), as a list of non-empty pieces."""
    pieces = [span]
    for hole_start, hole_end in holes:
        if hole_start is None or hole_end is None or hole_end <= hole_start:
            continue
        rest = []
        for a, b in pieces:
            if hole_end <= a or hole_start >= b:
                rest.append((a, b))
                continue
            rest += [(a, hole_start)] if a < hole_start else []
            rest += [(hole_end, b)] if hole_end < b else []
        pieces = rest
    return [p for p in pieces if p[1] > p[0]]


def _complement(toks, k: int, introducer: str) -> tuple[int, int] | None:
    """Token range of the complement of the labelling verb ``toks[k]``."""
    if not introducer:
        end = clause_end(toks, k + 1)
        return (k + 1, end) if end > k + 1 else None
    after = next((m for m in range(k + 1, clause_end(toks, k + 1)) if toks[m].text.casefold() == introducer), None)
    if after is not None:
        end = clause_end(toks, after + 1)
        return (after + 1, end) if end > after + 1 else None
    before = next((m for m in range(k - 1, clause_start(toks, k) - 1, -1) if toks[m].text.casefold() == introducer), None)
    return (before + 1, k) if before is not None and before + 1 < k else None


def labelling_complements(doc: nlp.Document, labelling: Mapping[str, str]) -> list[tuple[int, int, int, int]]:
    """``(start, end, verb_start, verb_end)`` of every labelling complement in ``doc``.

    The complement opens after the introducer (*als*, *von*, *zu*) and runs to the verb when the verb
    follows (*die als Banditen bezeichneten Männer*), else to the end of the clause (*bezeichnete sie
    als Banditen*); a verb without introducer (*nennen*) takes the rest of its clause.
    """
    out = []
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        for k, tok in enumerate(toks):
            introducer = labelling.get(normalise(tok.lemma))
            rng = None if introducer is None else _complement(toks, k, introducer)
            if rng:
                out.append((toks[rng[0]].start, toks[rng[1] - 1].end, tok.start, tok.end))
    return out


def _attribution_spans(row, complements) -> list[AttributedSpan]:
    qs, qe = _int(getattr(row, "quote_start", None)), _int(getattr(row, "quote_end", None))
    if qs is None or qe is None or qe <= qs:
        return []
    cs, ce = _int(getattr(row, "cue_start", None)), _int(getattr(row, "cue_end", None))
    ss, se = _int(getattr(row, "source_start", None)), _int(getattr(row, "source_end", None))
    form = str(getattr(row, "form", ""))
    source_type = getattr(row, "source_type", "")
    source_type = "" if source_type is None or pd.isna(source_type) else str(source_type)
    start, end = qs, qe
    if form == "reported" and ce is not None:
        start = max(qs, ce)
        labelled = [(c0, c1) for c0, c1, v0, _ in complements if cs is not None and cs <= v0 < ce]
        if labelled:  # a labelling verb as cue: only its complement is the source's word
            start, end = labelled[0]
    cue = (cs, ce) if cs is not None and ce is not None else None
    return [AttributedSpan(a, b, source_type, form, cue) for a, b in subtract((start, end), [(ss, se), (cs, ce)])]


def build_voice(doc: nlp.Document, attributions: pd.DataFrame | None, labelling: Mapping[str, str]) -> Voice:
    """The :class:`Voice` of one article from its attribution rows and its labelling verbs."""
    voice = Voice(paragraph_of={s.index: s.paragraph for s in doc.sentences})
    complements = labelling_complements(doc, labelling)
    rows = attributions.itertuples(index=False) if attributions is not None and len(attributions) else ()
    for row in rows:
        qs, qe = _int(getattr(row, "quote_start", None)), _int(getattr(row, "quote_end", None))
        sentence = _int(getattr(row, "sentence_index", None))
        cued = _int(getattr(row, "cue_start", None)) is not None
        if not cued and _int(getattr(row, "source_start", None)) is None:
            continue  # hearsay found by its grammar alone (soll ... haben): no source licenses it
        if cued and sentence is not None:
            voice.cue_sentences.add(sentence)
        if qs is not None and qe is not None and qe > qs:
            voice.contents.append((qs, qe))
        voice.spans += _attribution_spans(row, complements)
    for c0, c1, _, _ in complements:
        source = next((s.source_type for s in voice.spans if s.start <= c0 < s.end), "")
        voice.spans.append(AttributedSpan(c0, c1, source, "labelling"))
    return voice
