"""Distancing proper: where an outlet marks a word, a claim or a source as not its own.

Four passes (CODEBOOK.md section 5; marker list ``distancing_markers.csv``):

* :func:`lexical_markers` -- *sogenannt, angeblich, vermeintlich, vorgeblich, selbsternannt, nach
  eigenen Angaben, offiziell* (as distance), *mutmaßlich* (recorded only), each attached to the noun
  phrase after it (used as an adverb: the rest of its clause), its clause or the source;
* :func:`scare_quotes` -- one to three words in quotation marks in the outlet's own voice (not a name,
  not a short quote with its speaker, not a word quoted after *sprach von*);
* :func:`konjunktiv_markers` -- Konjunktiv I, distancing only where no found attribution licenses it;
* :func:`modal_markers` -- *sollen* / *wollen* in the present with a perfect infinitive (hearsay,
  doubted self-report); *sollen* licensed like Konjunktiv I.

Every pass yields :class:`Distancing` rows; ``counts`` is true for a marker that counts as distancing
(a counting marker not licensed by an attribution).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Iterator, Sequence

from medialens import nlp
from medialens.framing.lexicon import DistancingLexicon, Marker
from medialens.framing.rules.clauses import clause_end, clause_start
from medialens.framing.rules.patterns import SentenceView, find_matches, resolve_overlaps
from medialens.framing.rules.voice import Voice, not_reported_k1
from medialens.german import NOUN_TAGS, QUOTE_MARKS, konjunktiv_mood

#: Tags skipped between a marker and the noun that heads the phrase it is attached to.
NP_SKIP = frozenset({"ADJA", "ADJD", "ADV", "CARD", "ART", "PIAT", "PPOSAT", "PDAT", "TRUNC", "KON"})
PARTICIPLES = frozenset({"VVPP", "VAPP", "VMPP"})
#: Present-tense forms of the hearsay modals (*sollte*, *wollten* are plans, wishes or the past).
MODAL_PRESENT = {f: "sollen_perfekt" for f in ("soll", "sollen", "sollst", "sollt")} | {
    f: "wollen_perfekt" for f in ("will", "wollen", "willst", "wollt")
}
#: Tags of a capitalised first word that marks a quotation as a title (*„Der Pate“*).
TITLE_FIRST_TAGS = frozenset({"ART", "APPR", "APPRART", "PPER", "KON", "ADV", "VAFIN", "PDAT"})

DISTANCING_COLUMNS = [
    "article_id", "sentence_index", "marker", "kind", "matched", "start", "end", "attached_to",
    "attached_start", "attached_end", "attaches", "voice", "source_type", "licensed", "counts",
]


@dataclass(frozen=True, slots=True)
class Distancing:
    """One marker: where it is (``start``/``end``), what it is attached to, whose voice it is in,
    whether an attribution licenses it (reported-speech grammar only) and whether it counts."""

    article_id: str
    sentence_index: int
    marker: str
    kind: str
    matched: str
    start: int
    end: int
    attached_to: str
    attached_start: int
    attached_end: int
    attaches: str
    voice: str
    source_type: str
    licensed: bool
    counts: bool


def _row(doc: nlp.Document, sentence: int, marker: Marker, kind: str, span: tuple[int, int],
         attached: tuple[int, int], voice: Voice) -> Distancing:
    start, end = span
    att = voice.attributed(start, end)
    licensed = marker.reporting_grammar and voice.licenses(start, end, sentence)
    return Distancing(
        doc.article_id, sentence, marker.marker, kind, doc.text[start:end], start, end,
        doc.text[attached[0]:attached[1]], attached[0], attached[1], marker.attaches,
        "attributed" if att else "own", att.source_type if att else "", licensed, marker.counts and not licensed,
    )


def np_after(toks: Sequence[nlp.Token], k: int, quotes: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """Token range of the noun phrase (or the quotation) right after ``toks[k]``, extended over a
    genitive attribute (*Anführer der Extremisten*); ``None`` when no noun follows within six tokens."""
    j = k + 1
    if j < len(toks) and toks[j].text in QUOTE_MARKS:
        quote = next(((a, b) for a, b in quotes if a == toks[j].start), None)
        if quote:
            end = j
            while end < len(toks) and toks[end].end <= quote[1]:
                end += 1
            return j, end
    first = j
    while j < len(toks) and j <= k + 6:
        if toks[j].pos in NOUN_TAGS:
            return first, _genitive_end(toks, j + 1)
        if toks[j].pos not in NP_SKIP and toks[j].text not in QUOTE_MARKS:
            return None
        j += 1
    return None


def _genitive_end(toks: Sequence[nlp.Token], j: int) -> int:
    if j < len(toks) and toks[j].pos == "ART" and toks[j].text.casefold() in ("der", "des"):
        m = j + 1
        while m < len(toks) and toks[m].pos in ("ADJA", "CARD"):
            m += 1
        if m < len(toks) and toks[m].pos in NOUN_TAGS:
            return m + 1
    return j


def _attached(toks: Sequence[nlp.Token], first: int, last: int, attaches: str, quotes) -> tuple[int, int]:
    """Token range a lexical marker spanning ``toks[first..last]`` is attached to."""
    rng = None
    if attaches == "np":
        rng = np_after(toks, last, quotes)
        if rng is None and toks[last].pos != "ADJA":  # adverbial: the rest of the clause
            end = clause_end(toks, last + 1)
            rng = (last + 1, end) if end > last + 1 else None
    elif attaches == "clause":
        rng = (clause_start(toks, first), clause_end(toks, last + 1))
    return rng if rng and rng[1] > rng[0] else (first, last + 1)


#: Words that open an explanation of the term a *sogenannt* introduces (*der sogenannte LIDAR, ein
#: Laser-Messgerät*; *..., also ...*; *..., das heißt ...*; a bracket).
EXPLAINERS = frozenset({"ein", "eine", "einer", "eines", "einem", "einen", "also", "d.", "d.h.", "das", "("})


def explanatory(toks: Sequence[nlp.Token], a: int, b: int) -> bool:
    """*sogenannt* introducing a term rather than distancing a name (CODEBOOK.md 5.1): the term is an
    abbreviation or a foreign word (*der sogenannte LIDAR*), or an explanation follows it (an apposition
    with an indefinite article, *also*, *das heißt*, a bracket)."""
    head = toks[b - 1]
    if head.pos in ("FM", "XY") or (len(head.text) >= 2 and head.text.isupper()):
        return True
    if b < len(toks) and toks[b].text == "(":
        return True
    if b + 1 < len(toks) and toks[b].pos == "$,":
        nxt = toks[b + 1].text.casefold()
        if nxt in ("also", "d.", "d.h.") or (nxt == "das" and b + 2 < len(toks) and toks[b + 2].text.casefold() == "heißt"):
            return True
        return toks[b + 1].pos == "ART" and nxt in EXPLAINERS
    return False


def lexical_markers(doc: nlp.Document, lex: DistancingLexicon, voice: Voice, quotes,
                    views: Sequence[SentenceView]) -> Iterator[Distancing]:
    """The listed word markers and what each is attached to; an explanatory *sogenannt* is recorded with
    ``counts`` false."""
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        for m in resolve_overlaps(find_matches(views[sent.index], lex.lexical)):
            marker = m.pattern.owner[0]
            a, b = _attached(toks, m.first, m.last, marker.attaches, quotes)
            row = _row(doc, sent.index, marker, "lexical", (toks[m.first].start, toks[m.last].end),
                       (toks[a].start, toks[b - 1].end), voice)
            if marker.marker == "sogenannt" and b > a + 0 and explanatory(toks, a, b):
                row = replace(row, counts=False)
            yield row


def _token_before(doc: nlp.Document, offset: int) -> nlp.Token | None:
    starts = doc.token_starts
    idx = bisect.bisect_right(starts, offset) - 1
    while idx >= 0 and doc.tokens[idx].end > offset:  # step back over the opening mark
        idx -= 1
    return doc.tokens[idx] if idx >= 0 else None


def _after_title(doc: nlp.Document, lex: DistancingLexicon, quote_start: int) -> bool:
    prev = _token_before(doc, quote_start)
    return prev is not None and any(prev.text.casefold().startswith(t) for t in lex.title_nouns)


def name_spans(doc: nlp.Document, lex: DistancingLexicon, quotes) -> list[tuple[int, int]]:
    """Quotations right after a title noun -- names (*der Telegram-Kanal „Qandy Qantar“*), whose words
    are neither a scare quote nor a naming choice (CODEBOOK.md 3.2)."""
    return [(a, b) for a, b in quotes if _after_title(doc, lex, a)]


def _looks_like_name(doc: nlp.Document, words: Sequence[nlp.Token], quote_end: int) -> bool:
    """Glued to a compound (*„Falter“-Journalistin*), or opening with a capitalised function word that
    German capitalises only at the start of a title (*„Der Pate“*)."""
    return doc.text[quote_end:quote_end + 1] == "-" or (
        words[0].text[:1].isupper() and words[0].pos in TITLE_FIRST_TAGS
    )


def _short_quote_words(doc: nlp.Document, a: int, b: int) -> list[nlp.Token]:
    starts = doc.token_starts
    lo, hi = bisect.bisect_right(starts, a), bisect.bisect_left(starts, b)
    return [t for t in doc.tokens[lo:hi] if t.end < b and any(ch.isalnum() for ch in t.text)]


def _is_speech(doc: nlp.Document, lex: DistancingLexicon, a: int, b: int) -> bool:
    """Introduced as speech: after a colon, ending in . ! ?, or followed by ``, sagte`` (a cue word)."""
    content = doc.text[a + 1 : b - 1].strip()
    after = re.match(r"\s*,\s*(\w+)", doc.text[b:])
    return (not content or content[-1] in ".!?" or doc.text[:a].rstrip().endswith(":")
            or bool(after and after.group(1).casefold() in lex.speech_cues))


def scare_quotes(doc: nlp.Document, lex: DistancingLexicon, voice: Voice, quotes) -> Iterator[Distancing]:
    """One to three quoted words in the outlet's own voice that are neither speech nor a name."""
    marker = lex.rules.get("scare_quote")
    if marker is None:
        return
    for a, b in quotes:
        words = _short_quote_words(doc, a, b)
        if not 1 <= len(words) <= 3 or _is_speech(doc, lex, a, b):
            continue
        if _after_title(doc, lex, a) or _looks_like_name(doc, words, b):
            continue
        if voice.attributed(a, b) or voice.attributed(words[0].start, words[-1].end):
            continue
        yield _row(doc, words[0].sentence, marker, "scare_quote", (a, b), (words[0].start, words[-1].end), voice)


def konjunktiv_markers(doc: nlp.Document, lex: DistancingLexicon, voice: Voice) -> Iterator[Distancing]:
    """One row per clause with a Konjunktiv I verb (licensed rows included, with ``counts`` false)."""
    marker = lex.rules.get("konjunktiv1")
    if marker is None:
        return
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        seen: set[tuple[int, int]] = set()
        for k, tok in enumerate(toks):
            if konjunktiv_mood(tok.text, tok.lemma, tok.pos) != 1 or not_reported_k1(toks, k):
                continue
            clause = (clause_start(toks, k), clause_end(toks, k + 1))
            if clause in seen:
                continue
            seen.add(clause)
            last = max(clause[1] - 1, clause[0])
            yield _row(doc, sent.index, marker, "konjunktiv1", (tok.start, tok.end),
                       (toks[clause[0]].start, toks[last].end), voice)


def _perfect_infinitive(toks: Sequence[nlp.Token], j: int) -> bool:
    """A perfect infinitive ending at ``toks[j]``: participle + *haben*, or participle + *worden/gewesen
    sein*. The tagger may read the auxiliary as finite (*soll ... gehindert haben*: VAFIN), so both tags
    count. Participle + bare *sein* is left out: as often a state (*soll bis Mai fertiggestellt sein*, a
    plan) as a perfect (*soll geflohen sein*)."""
    word = toks[j].text.casefold()
    if j < 1 or toks[j].pos not in ("VAINF", "VAFIN") or toks[j - 1].pos not in PARTICIPLES:
        return False
    return word == "haben" or (word == "sein" and toks[j - 1].text.casefold() in ("worden", "gewesen"))


def _perfect_modal(toks: Sequence[nlp.Token], k: int, end: int) -> bool:
    """The modal ``toks[k]`` governs a perfect infinitive: later in its clause (*soll ... getötet haben*),
    or right before it in verb-final order (*..., der zwei Polizisten getötet haben soll*)."""
    return any(_perfect_infinitive(toks, j) for j in range(k + 2, end)) or (k >= 2 and _perfect_infinitive(toks, k - 1))


def modal_markers(doc: nlp.Document, lex: DistancingLexicon, voice: Voice) -> Iterator[Distancing]:
    """*sollen* / *wollen* (present) with a perfect infinitive in the same clause."""
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        for k, tok in enumerate(toks):
            name = MODAL_PRESENT.get(tok.text.casefold())
            if tok.pos != "VMFIN" or name not in lex.rules:
                continue
            end = clause_end(toks, k + 1)
            if _perfect_modal(toks, k, end):
                start = clause_start(toks, k)
                yield _row(doc, sent.index, lex.rules[name], "modal", (tok.start, tok.end),
                           (toks[start].start, toks[end - 1].end), voice)


def distancing_rows(doc: nlp.Document, lex: DistancingLexicon, voice: Voice, quotes,
                    views: Sequence[SentenceView]) -> list[Distancing]:
    """All markers of one document, in text order."""
    rows = [
        *lexical_markers(doc, lex, voice, quotes, views),
        *scare_quotes(doc, lex, voice, quotes),
        *konjunktiv_markers(doc, lex, voice),
        *modal_markers(doc, lex, voice),
    ]
    return sorted(rows, key=lambda r: (r.start, r.marker))


def distancers(rows: Sequence[Distancing]) -> list[tuple[int, int, str]]:
    """``(start, end, marker)`` spans that make a label or a cause inside them distanced: what counting
    lexical markers and scare quotes are attached to (noun phrases and quoted words, not sources)."""
    return [
        (r.attached_start, r.attached_end, r.marker)
        for r in rows
        if r.counts and r.kind in ("lexical", "scare_quote") and r.attaches in ("np", "quoted")
    ]
