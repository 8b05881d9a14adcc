"""Voice: which character spans of an article are a source's words and which are the outlet's own.

Built from the attributions table (:mod:`medialens.attribution`) and from labelling verbs
(``labelling_cues.csv``), following CODEBOOK.md section 2:

* the content of every attribution (``quote_start..quote_end``) is attributed, minus its source phrase
  and its cue (*Die Demonstranten forderten ...*: the outlet calls them *Demonstranten*);
* of a ``reported`` attribution (whose content is its whole sentence) only the part after the cue is
  attributed, and when the cue is a labelling verb only the verb's complement (*Tokajew bezeichnete die
  Demonstranten als Banditen*: *Banditen* attributed, *Demonstranten* own);
* the complement of a labelling verb is attributed even where no attribution was found (*die als
  Terroristen verfolgten Männer*); a labelling noun takes only its noun phrase (*die Rede von einer
  „hybriden Aggression“*), a noun before a colon what follows the colon (*Ihre Forderung: ...*);
* the claim of a view or blame verb (``view_cues.csv``: *machte X für Y verantwortlich*, *führen X auf Y
  zurück*, *..., glauben mehrere Analysten*) is attributed, minus its effect phrase (*für die Unruhen*),
  which stays the outlet's (CODEBOOK.md section 2);
* an attribution whose content ends at a colon continues after it (*Nach Ansicht von Beobachtern folgen
  die Ereignisse einem Drehbuch: ...*), and a sentence in Konjunktiv I that continues a report later in
  the paragraph is attributed as a whole (*..., sagte X. Die Drahtzieher säßen im Westen.*).

Reported-speech grammar (Konjunktiv I, reportive *sollen*) is **licensed** inside an attribution's
content, in a sentence holding an attribution cue, and later in the paragraph of one (indirect speech
runs on over sentences until the paragraph ends). An attribution row with neither a cue nor a source
phrase (hearsay the attribution step found by its grammar alone, *Die Angreifer sollen … worden sein*)
neither attributes nor licenses anything: no source is named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import pandas as pd

from medialens import nlp
from medialens.framing.rules.clauses import attached_end, clause_end, clause_start, main_clause_end, np_end
from medialens.framing.rules.patterns import SentenceView, Word, normalise
from medialens.german import FINITE_VERB_TAGS, QUOTE_MARKS, konjunktiv_mood


@dataclass(frozen=True)
class ViewCue:
    """A view or blame verb (``view_cues.csv``): its lemma, the words one of which must stand in its
    clause, the words opening its effect phrase (``("object",)`` = the noun phrase after the verb) and
    where its claim is (``after`` the verb, or ``before`` a postposed verb)."""

    verb: str
    with_words: tuple[Word, ...]
    effect: tuple[str, ...]
    where: str


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
    #: Source phrases of the attributions (*die OVKS* in *nannte die OVKS eine Bedrohung*): who speaks.
    sources: list[tuple[int, int]] = field(default_factory=list)
    #: Reporting cues of the attributions: ``(sentence, start, end)``.
    cues: list[tuple[int, int, int]] = field(default_factory=list)

    def in_source(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies in the source phrase of an attribution."""
        return any(a <= start and end <= b for a, b in self.sources)

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
    """Token range of the complement of the labelling verb or noun ``toks[k]``."""
    noun = toks[k].pos.startswith("N")
    if introducer == ":":
        if not noun or k + 1 >= len(toks) or toks[k + 1].text != ":":
            return None
        end = clause_end(toks, k + 2)
        return (k + 2, end) if end > k + 2 else None
    if not introducer:
        end = main_clause_end(toks, k + 1)
        return (k + 1, end) if end > k + 1 else None
    after = next((m for m in range(k + 1, clause_end(toks, k + 1)) if toks[m].text.casefold() == introducer), None)
    if after is not None and noun:  # a labelling noun: its noun phrase only (die Rede von X soll ...)
        end = np_end(toks, after + 1)
        return (after + 1, end) if end > after + 1 else None
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
            introducer = labelling.get(normalise(tok.lemma), labelling.get(normalise(tok.text)))
            rng = None if introducer is None else _complement(toks, k, introducer)
            if rng:
                out.append((toks[rng[0]].start, toks[rng[1] - 1].end, tok.start, tok.end))
    return out


def _effect(toks, k: int, end: int, effect: tuple[str, ...]) -> tuple[int, int] | None:
    """Token range of the effect phrase of the view verb ``toks[k]`` inside ``k+1 .. end``."""
    if effect == ("object",):
        stop = np_end(toks, k + 1)
        return (k + 1, stop) if stop > k + 1 else None
    for j in range(k + 1, end):
        if normalise(toks[j].text) in effect:
            stop = np_end(toks, j + 1) if toks[j].pos.startswith("APPR") else np_end(toks, j)
            return (j, max(stop, j + 1))
    return None


def _has_word(view: SentenceView, words: tuple[Word, ...], lo: int, hi: int, skip: int) -> bool:
    return any(w.matches(view.forms[j], view.tags[j]) for j in range(lo, hi) if j != skip for w in words)


def _view_claim(toks, view: SentenceView, k: int, cue: ViewCue) -> list[tuple[int, int]]:
    """Token ranges of the claim of the view verb ``toks[k]`` (empty when it is no view verb here)."""
    lo, hi = clause_start(toks, k), clause_end(toks, k + 1)
    if cue.with_words and not _has_word(view, cue.with_words, lo, hi, k):
        return []
    if cue.where == "before":
        postposed = lo == k and k >= 2 and toks[k - 1].pos == "$," and (hi >= len(toks) or toks[hi].pos == "$.")
        return [(0, k - 1)] if postposed else []
    end = attached_end(toks, hi)
    hole = _effect(toks, k, end, cue.effect) if cue.effect else None
    pieces = [(k + 1, end)] if hole is None else [(k + 1, hole[0]), (hole[1], end)]
    return [(a, b) for a, b in pieces if b > a]


def view_spans(doc: nlp.Document, views: Mapping[str, tuple[ViewCue, ...]],
               sentence_views=None) -> list[tuple[int, int, int, int, int]]:
    """``(start, end, sentence, verb_start, verb_end)`` of every claim of a view or blame verb in ``doc``."""
    out = []
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        view = sentence_views[sent.index] if sentence_views is not None else SentenceView.of(toks)
        for k, tok in enumerate(toks):
            cues = views.get(normalise(tok.lemma)) if tok.pos in FINITE_VERB_TAGS else None
            for cue in cues or ():
                for a, b in _view_claim(toks, view, k, cue):
                    out.append((toks[a].start, toks[b - 1].end, sent.index, tok.start, tok.end))
    return out


def not_reported_k1(toks, k: int) -> bool:
    """First person (*ich habe*), or a formula that is no reported speech: *es sei denn*, *sei es*, *als
    sei*, *als ob … sei*, *wie dem auch sei*."""
    word = toks[k].text.casefold()
    nxt = toks[k + 1].text.casefold() if k + 1 < len(toks) else ""
    prev = [t.text.casefold() for t in toks[max(0, k - 2):k]]
    if (word.startswith("sei") and nxt in ("denn", "es")) or (prev and prev[-1] in ("als", "ob")) or prev == ["dem", "auch"]:
        return True
    j = k - 1
    while j >= 0 and toks[j].pos not in ("$,", "$.") and toks[j].text not in QUOTE_MARKS:
        if toks[j].text.casefold() == "ich":
            return True
        j -= 1
    return any(t.text.casefold() == "ich" for t in toks[k + 1 : k + 4])


def _continuations(doc: nlp.Document, voice: "Voice") -> list[AttributedSpan]:
    """Whole sentences in the subjunctive (Konjunktiv I, or II as its substitute) that continue a report of
    an earlier sentence of the paragraph."""
    out = []
    for sent in doc.sentences:
        if sent.index in voice.cue_sentences or not voice.licenses(sent.start, sent.start, sent.index):
            continue
        toks = doc.sentence_tokens(sent.index)
        if any(konjunktiv_mood(t.text, t.lemma, t.pos) in (1, 2) and not not_reported_k1(toks, k) for k, t in enumerate(toks)):
            out.append(AttributedSpan(sent.start, sent.end, "", "continuation"))
    return out


def so_parentheticals(doc: nlp.Document) -> list[tuple[int, int, int, int, int]]:
    """``(start, end, sentence, so_start, source_end)``: sentences with an according-to *so X* between commas
    or at the end (*In Almaty, so die offizielle Lesart, hätten ...*; *..., so der Sprecher.*): the rest of
    the sentence is X's claim."""
    out = []
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        for k in range(1, len(toks) - 2):
            if toks[k - 1].pos != "$," or toks[k].text.casefold() != "so" or toks[k + 1].pos not in ("ART", "PPOSAT", "NE", "NN"):
                continue
            end = np_end(toks, k + 1)
            if end <= k + 1 or end >= len(toks) or not (toks[end].pos == "$," or toks[end].pos == "$."):
                continue
            first, last = toks[0], toks[-1]
            pieces = [(first.start, toks[k - 1].start)] + ([(toks[end].end, last.end)] if toks[end].pos == "$," else [])
            out += [(a, b, sent.index, toks[k].start, toks[end - 1].end) for a, b in pieces if b > a]
    return out


def _through_colon(doc: nlp.Document, start: int, end: int) -> int:
    """``end``, or the end of its sentence when the content stops right before a colon."""
    if doc.text[end:end + 2].strip()[:1] != ":":
        return end
    sentence = next((s for s in doc.sentences if s.start <= start < s.end), None)
    return sentence.end if sentence is not None and sentence.end > end else end


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


def _add_attribution(voice: Voice, doc: nlp.Document, row, complements) -> None:
    qs, qe = _int(getattr(row, "quote_start", None)), _int(getattr(row, "quote_end", None))
    sentence = _int(getattr(row, "sentence_index", None))
    cs, ce = _int(getattr(row, "cue_start", None)), _int(getattr(row, "cue_end", None))
    ss, se = _int(getattr(row, "source_start", None)), _int(getattr(row, "source_end", None))
    if cs is None and ss is None:
        return  # hearsay found by its grammar alone (soll ... haben): no source licenses it
    if cs is not None and sentence is not None:
        voice.cue_sentences.add(sentence)
        voice.cues.append((sentence, cs, ce))
    if ss is not None and se is not None:
        voice.sources.append((ss, se))
    if qs is not None and qe is not None and qe > qs:
        end = _through_colon(doc, qs, qe)
        voice.contents.append((qs, end))
        spans = _attribution_spans(row, complements)
        if end > qe:  # the content goes on after a colon
            spans.append(AttributedSpan(qe, end, spans[0].source_type if spans else "", str(getattr(row, "form", ""))))
        voice.spans += spans


def attribution_rows(attributions: pd.DataFrame | Sequence | None) -> Sequence:
    """An attributions frame as a list of named row tuples (a sequence of rows is returned as it is)."""
    if attributions is None or not len(attributions):
        return ()
    if isinstance(attributions, pd.DataFrame):
        return list(attributions.itertuples(index=False))
    return attributions


def build_voice(doc: nlp.Document, attributions: pd.DataFrame | Sequence | None, labelling: Mapping[str, str],
                views: Mapping[str, tuple[ViewCue, ...]] | None = None, sentence_views=None) -> Voice:
    """The :class:`Voice` of one article from its attribution rows (a frame, or its rows as tuples with the
    column names), its labelling verbs and nouns, and its view and blame verbs."""
    voice = Voice(paragraph_of={s.index: s.paragraph for s in doc.sentences})
    complements = labelling_complements(doc, labelling)
    rows = attribution_rows(attributions)
    for row in rows:
        _add_attribution(voice, doc, row, complements)
    for c0, c1, _, _ in complements:
        source = next((s.source_type for s in voice.spans if s.start <= c0 < s.end), "")
        voice.spans.append(AttributedSpan(c0, c1, source, "labelling"))
        voice.contents.append((c0, c1))
    for start, end, sentence, v0, v1 in view_spans(doc, views or {}, sentence_views) + so_parentheticals(doc):
        voice.spans.append(AttributedSpan(start, end, "", "view"))
        voice.contents.append((start, end))
        voice.cue_sentences.add(sentence)
        voice.cues.append((sentence, v0, v1))
    voice.spans += _continuations(doc, voice)
    return voice
