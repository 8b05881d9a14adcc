"""Framing: frame dictionaries, distancing markers and distinctive vocabulary.

Finds the words through which an article frames the January 2022 events -- as a matter of security
and order, of protest and civil rights, of economic grievance, of geopolitics, of an elite power
struggle or of its human cost -- and the markers by which an outlet keeps its distance from a
wording (``sogenannt-``, ``angeblich``, ``vermeintlich``, scare quotes, Konjunktiv I). Scores frames
per sentence and article, aggregates them by outlet type, by attributed source type, by voice and
over time, counts distancing markers and what they are attached to, finds the vocabulary that
distinguishes two groups of outlets, and returns keyword-in-context rows behind every number. The
aggregations take the annotated tables (frames, distancing, sentences, attributions, articles), so a
notebook needs the processed documents only for lemma counts and term KWIC.

A frame is understood as in Entman (1993, "Framing: Toward clarification of a fractured paradigm",
*Journal of Communication* 43(4)): selecting aspects of events and making them salient so as to
promote a problem definition, a causal interpretation, a moral evaluation or a remedy. A word
dictionary captures only the vocabulary through which a frame is invoked; how far that reaches is
measured against hand coding (``medialens eval frames``, ``data/validation/README.md``).
Dictionaries and marker lists are data (``data/lexicons/frames/``, see its README). Distinctive
vocabulary uses the weighted log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi & Quinn (2008), "Fightin' Words", *Political Analysis* 16(4).

Tables (documented columns; extra columns are additions, never renames):

* frames: ``article_id, sentence_index, frame, matched, start, end`` + ``pattern, kind, in_quote,
  distanced, attributed, source_type, own_voice``
* distancing: ``article_id, sentence_index, marker, matched, start, end, attached_to`` +
  ``attached_start, attached_end, distances, touches_frames, distances_frame``
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

import pandas as pd

from medialens import config, nlp
from medialens.lexicon_files import data_list, data_rows

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

FRAME_KINDS = ("lemma", "prefix", "suffix", "phrase")
MARKER_KINDS = ("prefix", "token", "phrase")
#: STTS tags counted as content words for distinctive vocabulary (``NN`` also covers HanTa's NNA/NNI).
CONTENT_POS = ("NN", "NE", "ADJA", "ADJD", "VV")
#: Inflection endings a ``suffix`` pattern may carry on the surface form (Gaspreis-e, Clan-s …).
_INFLECTIONS = ("", "e", "en", "n", "s", "es", "er", "ern")
_GAP = "..."
_MAX_GAP = 3
_MIN_AFFIX = 3
#: Opening quotation mark -> the closing marks it accepts.
_QUOTES = {"„": "“”\"", "»": "«", "«": "»", "“": "”", '"': '"', "‚": "‘’"}
_QUOTE_CHARS = frozenset("„“”\"»«‚‘’")
_NP_SKIP_POS = frozenset({"ADJA", "ADJD", "ADV", "CARD", "ART", "PIAT", "PPOSAT", "PDAT", "TRUNC", "KON"})
_FINITE_POS = frozenset({"VVFIN", "VAFIN", "VMFIN"})
_CLAUSE_END_POS = frozenset({"$,", "$.", "$("})
_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")

FRAME_COLUMNS = [
    "article_id", "sentence_index", "frame", "matched", "start", "end",
    "pattern", "kind", "in_quote", "distanced", "attributed", "source_type", "own_voice",
]
DISTANCING_COLUMNS = [
    "article_id", "sentence_index", "marker", "matched", "start", "end", "attached_to",
    "attached_start", "attached_end", "distances", "touches_frames", "distances_frame",
]
KWIC_COLUMNS = ["article_id", "sentence_index", "left", "match", "right", "start", "end"]
LOG_ODDS_COLUMNS = ["term", "count_a", "count_b", "prior", "log_odds", "variance", "z", "favours"]


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


@dataclass(frozen=True, slots=True)
class _Pattern:
    frame: str
    pattern: str
    kind: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class FrameLexicon:
    """Compiled frame dictionary: lookup tables per pattern kind (built once per file)."""

    frames: tuple[str, ...]
    lemma: Mapping[str, tuple[_Pattern, ...]]
    prefix: Mapping[str, tuple[_Pattern, ...]]
    suffix: Mapping[str, tuple[_Pattern, ...]]
    phrase: Mapping[str, tuple[_Pattern, ...]]
    phrase_any: tuple[_Pattern, ...]
    size: int


@dataclass(frozen=True)
class DistancingLexicon:
    """Lexical distancing markers plus the word lists of the two rule-based markers."""

    markers: tuple[tuple[str, tuple[str, ...], str, bool], ...]  # marker, words, kind, distances
    konjunktiv1: frozenset[str]
    title_nouns: tuple[str, ...]
    speech_cues: frozenset[str]


# --------------------------------------------------------------------------------------------
# Lexicons (data files, loaded lazily once)
# --------------------------------------------------------------------------------------------


def _fold(s: str) -> str:
    return s.casefold()


@lru_cache(maxsize=8)
def load_frame_lexicon(path: str | Path | None = None) -> FrameLexicon:
    """Read and compile the frame dictionary (``frame,pattern,kind`` CSV).

    Args:
        path: a CSV file; default ``data/lexicons/frames/frames.csv``.

    Returns:
        The compiled lexicon.

    Raises:
        ValueError: on an unknown kind, an empty pattern or an affix shorter than three letters.
    """
    path = Path(path) if path else config.lexicon_path("frames", "frames.csv")
    frames: list[str] = []
    tables: dict[str, dict[str, list[_Pattern]]] = {k: defaultdict(list) for k in FRAME_KINDS}
    phrase_any: list[_Pattern] = []
    size = 0
    for n, row in enumerate(data_rows(path), start=2):
        frame, pattern, kind = ((row.get(c) or "").strip() for c in ("frame", "pattern", "kind"))
        if kind not in FRAME_KINDS or not frame or not pattern:
            raise ValueError(f"{path}: bad row {n}: {row} (kind must be one of {FRAME_KINDS})")
        if frame not in frames:
            frames.append(frame)
        size += 1
        if kind == "phrase":
            words = tuple(_fold(w) for w in pattern.split())
            if words[0] == _GAP or words[-1] == _GAP:
                raise ValueError(f"{path}: row {n}: a phrase cannot start or end with {_GAP!r}")
            p = _Pattern(frame, pattern, kind, words)
            if words[0].endswith("*"):
                phrase_any.append(p)
            else:
                tables["phrase"][words[0]].append(p)
            continue
        word = _fold(pattern.rstrip("*"))
        if kind in ("prefix", "suffix") and len(word) < _MIN_AFFIX:
            raise ValueError(f"{path}: row {n}: {kind} {pattern!r} is shorter than {_MIN_AFFIX} letters")
        p = _Pattern(frame, pattern, kind, (word,))
        key = word if kind == "lemma" else (word[:_MIN_AFFIX] if kind == "prefix" else word[-_MIN_AFFIX:])
        tables[kind][key].append(p)
    freeze = lambda d: {k: tuple(v) for k, v in d.items()}  # noqa: E731
    return FrameLexicon(
        tuple(frames),
        freeze(tables["lemma"]),
        freeze(tables["prefix"]),
        freeze(tables["suffix"]),
        freeze(tables["phrase"]),
        tuple(phrase_any),
        size,
    )


def frame_names(lexicon: FrameLexicon | None = None) -> tuple[str, ...]:
    """The frames of the dictionary, in file order."""
    return (lexicon or load_frame_lexicon()).frames


@lru_cache(maxsize=4)
def load_distancing_lexicon(folder: str | Path | None = None) -> DistancingLexicon:
    """Read ``distancing.csv``, ``konjunktiv1.txt`` and ``scare_quote_exclusions.csv``.

    Args:
        folder: folder holding the three files; default ``data/lexicons/frames``.
    """
    folder = Path(folder) if folder else config.lexicon_path("frames")
    markers = []
    for n, row in enumerate(data_rows(folder / "distancing.csv"), start=2):
        kind = (row.get("kind") or "").strip()
        if kind not in MARKER_KINDS:
            raise ValueError(f"{folder / 'distancing.csv'}: bad row {n}: {row}")
        words = tuple(_fold(w) for w in row["pattern"].split())
        markers.append((row["marker"].strip(), words, kind, row.get("distances", "1").strip() == "1"))
    k1 = frozenset(_fold(word) for word in data_list(folder / "konjunktiv1.txt"))
    titles, cues = [], set()
    for row in data_rows(folder / "scare_quote_exclusions.csv"):
        word = _fold(row["word"].strip())
        if row["kind"].strip() == "title_noun":
            titles.append(word)
        else:
            cues.add(word)
    return DistancingLexicon(tuple(markers), k1, tuple(titles), frozenset(cues))


# --------------------------------------------------------------------------------------------
# Token-level matching
# --------------------------------------------------------------------------------------------


def _forms(tok: nlp.Token) -> tuple[str, ...]:
    """Case-folded surface form and lemma (distinct)."""
    a, b = _fold(tok.text), _fold(tok.lemma)
    return (a,) if a == b else (a, b)


def _segments(tok: nlp.Token) -> set[str]:
    """Whole forms plus their hyphen-separated parts ("anti-terror-einsätze" -> anti, terror, einsätze)."""
    out: set[str] = set()
    for f in _forms(tok):
        out.add(f)
        out.update(s for s in f.split("-") if s)
    return out


def _word_matches(word: str, tok: nlp.Token) -> bool:
    """One phrase word against one token: exact lemma/surface, or prefix when the word ends in ``*``."""
    if word.endswith("*"):
        stem = word[:-1]
        return any(s.startswith(stem) for s in _segments(tok))
    return word in _forms(tok)


def _token_patterns(tok: nlp.Token, lex: FrameLexicon) -> Iterator[_Pattern]:
    seen: set[_Pattern] = set()
    for f in _forms(tok):
        for p in lex.lemma.get(f, ()):
            if p not in seen:
                seen.add(p)
                yield p
    for seg in _segments(tok):
        for p in lex.prefix.get(seg[:_MIN_AFFIX], ()):
            if p not in seen and seg.startswith(p.words[0]):
                seen.add(p)
                yield p
    for f in _forms(tok):
        for ending in _INFLECTIONS:
            if ending and not f.endswith(ending):
                continue
            base = f[: len(f) - len(ending)] if ending else f
            for p in lex.suffix.get(base[-_MIN_AFFIX:], ()):
                if p not in seen and base.endswith(p.words[0]):
                    seen.add(p)
                    yield p


def _phrase_end(words: tuple[str, ...], toks: Sequence[nlp.Token], k: int, w: int = 0) -> int | None:
    """Token index after a match of ``words[w:]`` starting at ``toks[k]``, else ``None``."""
    if w == len(words):
        return k
    if words[w] == _GAP:
        for skip in range(_MAX_GAP + 1):
            end = _phrase_end(words, toks, k + skip, w + 1)
            if end is not None:
                return end
        return None
    if k >= len(toks) or not _word_matches(words[w], toks[k]):
        return None
    return _phrase_end(words, toks, k + 1, w + 1)


_KIND_RANK = {kind: rank for rank, kind in enumerate(FRAME_KINDS)}


def _candidate_order(c: tuple[int, int, _Pattern]) -> tuple:
    return (-(c[1] - c[0]), c[0], _KIND_RANK[c[2].kind], -len(c[2].pattern), c[2].pattern)


def _raw_matches(doc: nlp.Document, lex: FrameLexicon) -> list[tuple[str, int, int, int, _Pattern]]:
    """(frame, sentence, first token, end token, pattern) for every match, overlaps resolved per frame."""
    found: list[tuple[str, int, int, int, _Pattern]] = []
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        cands: list[tuple[int, int, _Pattern]] = []
        for k, tok in enumerate(toks):
            for p in _token_patterns(tok, lex):
                cands.append((k, k + 1, p))
            phrases = [p for f in _forms(tok) for p in lex.phrase.get(f, ())] + list(lex.phrase_any)
            for p in dict.fromkeys(phrases):
                end = _phrase_end(p.words, toks, k)
                if end is not None:
                    cands.append((k, end, p))
        # per frame keep the longest non-overlapping spans (earliest first on ties); among patterns
        # matching the same span: lemma, prefix, suffix, phrase entries in that order, then the longer
        # pattern ("Nasarbajew" before "Clan" in "Nasarbajew-Clan"), independent of set iteration order
        by_frame: dict[str, list[tuple[int, int, _Pattern]]] = defaultdict(list)
        for c in sorted(cands, key=_candidate_order):
            kept = by_frame[c[2].frame]
            if all(c[1] <= o[0] or c[0] >= o[1] for o in kept):
                kept.append(c)
        for frame, kept in by_frame.items():
            for a, b, p in kept:
                found.append((frame, sent.index, sent.token_start + a, sent.token_start + b, p))
    found.sort(key=lambda m: (m[2], m[0]))
    return found


# --------------------------------------------------------------------------------------------
# Quotations and distancing markers
# --------------------------------------------------------------------------------------------


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans ``[open, close + 1)`` of quotations in ``text``, quotation marks included.

    Recognises „…“ (also closed by ” or "), »…«, «…», “…”, "…" and ‚…‘. A quotation may run
    over several sentences but not over a paragraph break; an opening mark without a closing one in
    its paragraph is ignored. Quotations nested inside another are not listed separately.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closers = _QUOTES.get(ch)
        if closers is None:
            i += 1
            continue
        limit = text.find("\n\n", i)
        limit = n if limit < 0 else limit
        j = next((k for k in range(i + 1, limit) if text[k] in closers), -1)
        if j < 0:
            i += 1
            continue
        spans.append((i, j + 1))
        i = j + 1
    return spans


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _is_word(tok: nlp.Token) -> bool:
    return any(ch.isalnum() for ch in tok.text)


def _konjunktiv1(tok: nlp.Token, lex: DistancingLexicon) -> bool:
    """A finite verb in the 3rd person Konjunktiv I (listed form, or infinitive stem + ``-e``)."""
    if tok.pos not in _FINITE_POS:
        return False
    form, lemma = _fold(tok.text), _fold(tok.lemma)
    if form in lex.konjunktiv1:
        return True
    if lemma.endswith("en"):
        stem = lemma[:-2]
    elif lemma.endswith(("eln", "ern")):
        stem = lemma[:-1]
    else:
        return False
    return len(stem) >= 2 and form == stem + "e"


def _np_after(toks: Sequence[nlp.Token], k: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Token range of the noun phrase that starts after ``toks[k]``; ``None`` if none within 6 tokens."""
    j = k + 1
    if j < len(toks) and toks[j].text in _QUOTE_CHARS:
        q = next(((a, b) for a, b in quotes if a == toks[j].start), None)
        if q:
            end = j
            while end < len(toks) and toks[end].end <= q[1]:
                end += 1
            return j, end
    first = j
    while j < len(toks) and j <= k + 6:
        t = toks[j]
        if t.pos.startswith("NN") or t.pos == "NE":
            return first, _genitive_end(toks, j + 1)
        if t.pos in _NP_SKIP_POS or t.text in _QUOTE_CHARS:
            j += 1
            continue
        return None
    return None


def _genitive_end(toks: Sequence[nlp.Token], j: int) -> int:
    """Extend a noun phrase ending before ``toks[j]`` over a genitive attribute ("Anführer der Extremisten")."""
    if j < len(toks) and toks[j].pos == "ART" and _fold(toks[j].text) in ("der", "des"):
        m = j + 1
        while m < len(toks) and toks[m].pos in ("ADJA", "CARD"):
            m += 1
        if m < len(toks) and (toks[m].pos.startswith("NN") or toks[m].pos == "NE"):
            return m + 1
    return j


def _clause_after(toks: Sequence[nlp.Token], k: int) -> tuple[int, int] | None:
    j = k + 1
    end = j
    while end < len(toks) and toks[end].pos not in _CLAUSE_END_POS:
        end += 1
    return (j, end) if end > j else None


def _lexical_markers(doc: nlp.Document, lex: DistancingLexicon, quotes) -> Iterator[tuple]:
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        k = 0
        while k < len(toks):
            hit = None
            for marker, words, kind, distances in lex.markers:
                if kind == "token" and _fold(toks[k].text) == words[0]:
                    hit = (marker, k + 1, distances)
                elif kind == "prefix" and _fold(toks[k].text).startswith(words[0]):
                    hit = (marker, k + 1, distances)
                elif kind == "phrase" and k + len(words) <= len(toks) and all(
                    _fold(toks[k + w].text).startswith(words[w]) for w in range(len(words))
                ):
                    hit = (marker, k + len(words), distances)
                if hit:
                    break
            if not hit:
                k += 1
                continue
            marker, end, distances = hit
            last = end - 1
            rng = _np_after(toks, last, quotes)
            if rng is None and toks[last].pos != "ADJA":
                rng = _clause_after(toks, last)
            if rng is None:
                rng = (last + 1, min(last + 2, len(toks))) if last + 1 < len(toks) else (k, end)
            a0, a1 = toks[rng[0]].start, toks[rng[1] - 1].end
            yield (sent.index, marker, toks[k].start, toks[last].end, a0, a1, distances)
            k = end


def _scare_quotes(doc: nlp.Document, lex: DistancingLexicon, quotes) -> Iterator[tuple]:
    text = doc.text
    starts = [t.start for t in doc.tokens]
    for a, b in quotes:
        lo, hi = bisect.bisect_right(starts, a), bisect.bisect_left(starts, b)
        words = [t for t in doc.tokens[lo:hi] if t.end < b and _is_word(t)]
        if not 1 <= len(words) <= 3:
            continue
        content = text[a + 1 : b - 1].strip()
        if not content or content[-1] in ".!?":
            continue
        before = text[:a].rstrip()
        if before.endswith(":"):
            continue
        idx = lo - 1
        while idx >= 0 and doc.tokens[idx].end > a:  # step back over the opening mark
            idx -= 1
        prev = doc.tokens[idx] if idx >= 0 else None
        if prev is not None and any(_fold(prev.text).startswith(title) for title in lex.title_nouns):
            continue
        after = re.match(r"\s*,\s*(\w+)", text[b:])
        if after and _fold(after.group(1)) in lex.speech_cues:
            continue
        yield (words[0].sentence, "scare_quote", a, b, words[0].start, words[-1].end, True)


def _first_person(toks: Sequence[nlp.Token], folded: list[str], k: int) -> bool:
    """``ich`` in the clause before the verb (back to a comma, colon or quotation mark) or just after it."""
    j = k - 1
    while j >= 0 and toks[j].pos not in _CLAUSE_END_POS and toks[j].text not in _QUOTE_CHARS:
        if folded[j] == "ich":
            return True
        j -= 1
    return "ich" in folded[k + 1 : k + 4]


def _konjunktiv_markers(doc: nlp.Document, lex: DistancingLexicon) -> Iterator[tuple]:
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        folded = [_fold(t.text) for t in toks]
        for k, tok in enumerate(toks):
            if not _konjunktiv1(tok, lex):
                continue
            # 1st person singular present indicative has the same form ("ich habe", "Ich bin … und lebe")
            if _first_person(toks, folded, k):
                continue
            yield (sent.index, "konjunktiv1", tok.start, tok.end, sent.start, sent.end, True)


def _marker_tuples(doc: nlp.Document, lex: DistancingLexicon) -> list[tuple]:
    quotes = quotation_spans(doc.text)
    rows = list(_lexical_markers(doc, lex, quotes)) + list(_scare_quotes(doc, lex, quotes)) + list(
        _konjunktiv_markers(doc, lex)
    )
    rows.sort(key=lambda r: (r[2], r[1]))
    return rows


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


# --------------------------------------------------------------------------------------------
# Scores and shares
# --------------------------------------------------------------------------------------------


def _sentence_base(sentences: Sequence[nlp.Document] | pd.DataFrame) -> pd.DataFrame:
    """``article_id, sentence_index, n_tokens`` for every sentence (word tokens, punctuation excluded)."""
    if isinstance(sentences, pd.DataFrame):
        if sentences.empty:
            return pd.DataFrame({"article_id": pd.Series(dtype=str), "sentence_index": pd.Series(dtype="int64"),
                                 "n_tokens": pd.Series(dtype="int64")})
        base = sentences[["article_id", "sentence_index"]].copy()
        if "n_tokens" in sentences:
            base["n_tokens"] = sentences["n_tokens"].astype("int64")
        elif "text" in sentences:
            base["n_tokens"] = [len(_WORD_RE.findall(str(t))) for t in sentences["text"]]
        else:
            raise ValueError("sentences table needs an 'n_tokens' or a 'text' column")
        return base
    rows = [
        (doc.article_id, s.index, sum(_is_word(t) for t in doc.sentence_tokens(s.index)))
        for doc in sentences
        for s in doc.sentences
    ]
    return pd.DataFrame(rows, columns=["article_id", "sentence_index", "n_tokens"]).astype(
        {"article_id": str, "sentence_index": "int64", "n_tokens": "int64"}
    )


def frame_scores(
    frames: pd.DataFrame,
    sentences: Sequence[nlp.Document] | pd.DataFrame,
    *,
    level: str = "article",
    own_voice_only: bool = False,
    frame_list: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Frame scores per sentence or per article, zero-filled for every frame.

    Two measures: ``per_100_tokens`` = matches per 100 word tokens (punctuation excluded), and
    ``sentence_share`` = share of sentences with at least one match. A sentence-level row has
    ``n_sentences = 1`` and ``sentences_with_frame`` 0/1, so both levels aggregate the same way.

    Args:
        frames: the frames table.
        sentences: processed documents (exact token counts), or a sentences table with
            ``article_id, sentence_index`` and ``n_tokens`` or ``text`` (tokens then counted as
            word-character runs, an approximation of the pipeline's tokens).
        level: ``"sentence"`` or ``"article"``.
        own_voice_only: count only matches with ``own_voice`` (the outlet's own words).
        frame_list: frames to score (default: the dictionary's frames).

    Returns:
        sentence level: ``article_id, sentence_index, frame, n_tokens, matches, n_sentences,
        sentences_with_frame, per_100_tokens, sentence_share``; article level: the same without
        ``sentence_index``.
    """
    if level not in ("sentence", "article"):
        raise ValueError(f"level must be 'sentence' or 'article', got {level!r}")
    names = list(frame_list or frame_names())
    base = _sentence_base(sentences)
    f = frames
    if own_voice_only and len(f):
        f = f[f["own_voice"].astype(bool)]
    counts = (
        f.groupby(["article_id", "sentence_index", "frame"]).size().rename("matches").reset_index()
        if len(f) else pd.DataFrame(columns=["article_id", "sentence_index", "frame", "matches"])
    )
    grid = base.merge(pd.DataFrame({"frame": names}), how="cross")
    counts = counts.astype({"article_id": str, "sentence_index": "int64", "frame": str})
    grid = grid.merge(counts, on=["article_id", "sentence_index", "frame"], how="left")
    grid["matches"] = grid["matches"].fillna(0).astype("int64")
    grid["n_sentences"] = 1
    grid["sentences_with_frame"] = (grid["matches"] > 0).astype("int64")
    if level == "article":
        grid = grid.groupby(["article_id", "frame"], sort=False, as_index=False)[
            ["n_tokens", "matches", "n_sentences", "sentences_with_frame"]
        ].sum()
        keys = ["article_id", "frame"]
    else:
        keys = ["article_id", "sentence_index", "frame"]
    grid["per_100_tokens"] = _ratio(grid["matches"] * 100.0, grid["n_tokens"])
    grid["sentence_share"] = _ratio(grid["sentences_with_frame"].astype(float), grid["n_sentences"])
    cols = keys + ["n_tokens", "matches", "n_sentences", "sentences_with_frame", "per_100_tokens", "sentence_share"]
    return grid[cols].reset_index(drop=True)


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    den = den.astype(float)
    return (num.astype(float) / den.where(den > 0)).fillna(0.0)


_SHARE_COLUMNS = ["frame", "n_articles", "articles_with_frame", "article_share", "n_sentences",
                  "sentences_with_frame", "sentence_share", "n_tokens", "matches", "per_100_tokens"]


def frame_shares(
    frame_scores: pd.DataFrame, articles: pd.DataFrame, by: str | Sequence[str] = "outlet_type"
) -> pd.DataFrame:
    """Aggregate frame scores by one or more article columns (outlet type, outlet, period …).

    ``sentence_share`` = sentences with the frame / all sentences of the group (pooled);
    ``article_share`` = articles with at least one match / articles of the group;
    ``per_100_tokens`` = matches per 100 word tokens of the group (pooled).

    Args:
        frame_scores: output of :func:`frame_scores` (either level).
        articles: the articles table (``article_id`` and the ``by`` column(s)).
        by: the grouping column, or several (e.g. ``["period", "outlet_type"]``); missing values
            become ``"unknown"``.

    Returns:
        ``<by…>, frame, n_articles, articles_with_frame, article_share, n_sentences,
        sentences_with_frame, sentence_share, n_tokens, matches, per_100_tokens``.
    """
    keys = [by] if isinstance(by, str) else list(by)
    missing = [c for c in keys if c not in articles.columns]
    if missing:
        raise ValueError(f"articles has no column(s) {missing}")
    cols = keys + _SHARE_COLUMNS
    if frame_scores.empty:
        return pd.DataFrame(columns=cols)
    per_article = frame_scores.groupby(["article_id", "frame"], as_index=False, sort=False)[
        ["n_tokens", "matches", "n_sentences", "sentences_with_frame"]
    ].sum()
    meta = articles[["article_id", *keys]].drop_duplicates("article_id").astype({"article_id": str})
    df = per_article.astype({"article_id": str}).merge(meta, on="article_id", how="left")
    for c in keys:
        df[c] = df[c].astype(object).where(df[c].notna(), "unknown")
    df["has"] = (df["matches"] > 0).astype("int64")
    g = df.groupby([*keys, "frame"], sort=True)
    out = g.agg(
        n_articles=("article_id", "nunique"),
        articles_with_frame=("has", "sum"),
        n_sentences=("n_sentences", "sum"),
        sentences_with_frame=("sentences_with_frame", "sum"),
        n_tokens=("n_tokens", "sum"),
        matches=("matches", "sum"),
    ).reset_index()
    out["article_share"] = _ratio(out["articles_with_frame"].astype(float), out["n_articles"])
    out["sentence_share"] = _ratio(out["sentences_with_frame"].astype(float), out["n_sentences"])
    out["per_100_tokens"] = _ratio(out["matches"] * 100.0, out["n_tokens"])
    return out[cols]


def frame_shares_by_source(
    frames: pd.DataFrame,
    attributions: pd.DataFrame,
    sentences: Sequence[nlp.Document] | pd.DataFrame | None = None,
    *,
    frame_list: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Share of sentences attributed to each source type that carry each frame.

    Frames are joined to the attributions on ``article_id`` + ``sentence_index``: a sentence
    with an attribution of source type T counts once for T (a sentence citing two types counts
    for both). With ``sentences`` given, sentences without any attribution form the group
    ``"unattributed"``.

    Returns:
        ``source_type, frame, n_sentences, sentences_with_frame, sentence_share, matches``.
    """
    cols = ["source_type", "frame", "n_sentences", "sentences_with_frame", "sentence_share", "matches"]
    names = list(frame_list or frame_names())
    keys = ["article_id", "sentence_index"]
    att = attributions.reindex(columns=keys + ["source_type"]).dropna(subset=keys)
    att = att.astype({"article_id": str, "sentence_index": "int64"})
    att["source_type"] = att["source_type"].astype(object).where(att["source_type"].notna(), "unknown")
    groups = att.drop_duplicates()
    if sentences is not None:
        base = _sentence_base(sentences)[keys].astype({"article_id": str, "sentence_index": "int64"})
        missing = base.merge(groups[keys].drop_duplicates(), on=keys, how="left", indicator=True)
        missing = missing[missing["_merge"] == "left_only"][keys].assign(source_type="unattributed")
        groups = pd.concat([groups, missing], ignore_index=True)
    if groups.empty:
        return pd.DataFrame(columns=cols)
    if len(frames):
        counts = frames.groupby(keys + ["frame"]).size().rename("matches").reset_index()
    else:
        counts = pd.DataFrame({"article_id": [], "sentence_index": [], "frame": [], "matches": []})
    counts = counts.astype({"article_id": str, "sentence_index": "int64", "frame": str, "matches": "int64"})
    grid = groups.merge(pd.DataFrame({"frame": names}), how="cross").merge(counts, on=keys + ["frame"], how="left")
    grid["matches"] = grid["matches"].fillna(0).astype("int64")
    grid["has"] = (grid["matches"] > 0).astype("int64")
    out = grid.groupby(["source_type", "frame"], as_index=False).agg(
        n_sentences=("has", "size"), sentences_with_frame=("has", "sum"), matches=("matches", "sum")
    )
    out["sentence_share"] = _ratio(out["sentences_with_frame"].astype(float), out["n_sentences"])
    return out[cols]


# --------------------------------------------------------------------------------------------
# Wire copies, uncertainty, voice, distancing and time (aggregations over the annotated tables)
# --------------------------------------------------------------------------------------------


def bootstrap_frame_shares(
    frame_scores: pd.DataFrame,
    articles: pd.DataFrame,
    by: str = "outlet_type",
    *,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 1,
) -> pd.DataFrame:
    """:func:`frame_shares` with a percentile bootstrap interval for ``sentence_share``.

    Articles, not sentences, are resampled with replacement within each group (a cluster bootstrap:
    sentences of one article are not independent), the same resample for every frame; the interval
    is the ``(1 − level) / 2`` and ``(1 + level) / 2`` quantiles of the pooled share (Efron &
    Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 13). A group of one article gets a
    zero-width interval: the bootstrap cannot show between-article variation it has not seen.

    Returns:
        The :func:`frame_shares` table plus ``sentence_share_low, sentence_share_high``.
    """
    import numpy as np

    if not 0 < level < 1 or n_boot < 1:
        raise ValueError("level must be in (0, 1) and n_boot positive")
    shares = frame_shares(frame_scores, articles, by)
    if shares.empty:
        return shares.assign(sentence_share_low=pd.Series(dtype=float), sentence_share_high=pd.Series(dtype=float))
    per_article = frame_scores.groupby(["article_id", "frame"])[["n_sentences", "sentences_with_frame"]].sum()
    wide = per_article["sentences_with_frame"].unstack("frame", fill_value=0)
    n_sent = per_article["n_sentences"].groupby("article_id").max()
    meta = articles[["article_id", by]].drop_duplicates("article_id").astype({"article_id": str})
    group_of = dict(zip(meta["article_id"], meta[by].astype(object).where(meta[by].notna(), "unknown")))
    rng = np.random.default_rng(seed)
    q = [(1 - level) / 2, (1 + level) / 2]
    rows = []
    for g in sorted({group_of.get(str(a), "unknown") for a in wide.index}, key=str):
        ids = [a for a in wide.index if group_of.get(str(a), "unknown") == g]
        idx = rng.integers(0, len(ids), size=(n_boot, len(ids)))
        num = wide.loc[ids].to_numpy(dtype=float)[idx].sum(axis=1)
        den = n_sent.loc[ids].to_numpy(dtype=float)[idx].sum(axis=1)[:, None]
        ratio = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
        lo, hi = np.quantile(ratio, q, axis=0)
        rows += [(g, f, float(l), float(h)) for f, l, h in zip(wide.columns, lo, hi)]
    ci = pd.DataFrame(rows, columns=[by, "frame", "sentence_share_low", "sentence_share_high"])
    return shares.merge(ci, on=[by, "frame"], how="left")


#: Voice of a frame match, in order of precedence (see :func:`voice_of`).
VOICES = ("attributed", "distanced", "own_voice")


def voice_of(frames: pd.DataFrame) -> pd.Series:
    """Voice of each frame match: ``attributed`` (inside what a source says), else ``distanced``
    (quotation marks or a distancing marker without a known source), else ``own_voice``."""
    if frames.empty:
        return pd.Series([], index=frames.index, dtype=object)
    att = frames["attributed"].astype(bool)
    dist = frames["distanced"].astype(bool) | frames["in_quote"].astype(bool)
    return pd.Series(
        ["attributed" if a else ("distanced" if d else "own_voice") for a, d in zip(att, dist)],
        index=frames.index, dtype=object,
    )


def voice_shares(
    frames: pd.DataFrame, articles: pd.DataFrame, by: str = "outlet_type", *, frame_list: Sequence[str] | None = None
) -> pd.DataFrame:
    """How each group uses each frame: share of its matches by voice (:func:`voice_of`).

    Returns:
        ``<by>, frame, voice, matches, share`` (share within ``by`` x ``frame``; zero-filled over
        the three voices for every group and frame with at least one match).
    """
    cols = [by, "frame", "voice", "matches", "share"]
    if by not in articles.columns:
        raise ValueError(f"articles has no column {by!r}")
    if frames.empty:
        return pd.DataFrame(columns=cols)
    names = list(frame_list or frame_names())
    meta = articles[["article_id", by]].drop_duplicates("article_id").astype({"article_id": str})
    df = frames.assign(voice=voice_of(frames)).astype({"article_id": str}).merge(meta, on="article_id", how="left")
    df[by] = df[by].astype(object).where(df[by].notna(), "unknown")
    df = df[df["frame"].isin(names)]
    counts = df.groupby([by, "frame", "voice"]).size().rename("matches")
    pairs = counts.reset_index()[[by, "frame"]].drop_duplicates()
    grid = pairs.merge(pd.DataFrame({"voice": list(VOICES)}), how="cross")
    out = grid.merge(counts.reset_index(), on=[by, "frame", "voice"], how="left")
    out["matches"] = out["matches"].fillna(0).astype("int64")
    out["share"] = _ratio(out["matches"].astype(float), out.groupby([by, "frame"])["matches"].transform("sum"))
    out["frame"] = pd.Categorical(out["frame"], categories=names, ordered=True)
    out["voice"] = pd.Categorical(out["voice"], categories=list(VOICES), ordered=True)
    out = out.sort_values([by, "frame", "voice"]).astype({"frame": str, "voice": str})
    return out[cols].reset_index(drop=True)


#: Kinds of distancing marker: explicit lexical markers, scare quotes, reported speech.
MARKER_GROUPS = ("lexical", "scare_quote", "konjunktiv1")


def marker_kind(marker: str) -> str:
    """``konjunktiv1`` and ``scare_quote`` stay themselves; every listed word marker is ``lexical``."""
    return marker if marker in ("konjunktiv1", "scare_quote") else "lexical"


def distancing_rates(
    distancing: pd.DataFrame,
    sentences: Sequence[nlp.Document] | pd.DataFrame,
    articles: pd.DataFrame,
    by: str = "outlet_type",
    *,
    distances_only: bool = True,
) -> pd.DataFrame:
    """Distancing markers per 100 sentences of each group, by marker kind (:data:`MARKER_GROUPS`).

    Args:
        distancing: the distancing table.
        sentences: documents or the sentences table (the denominator: all sentences of the group's
            articles).
        articles: the articles table; only its articles are counted.
        by: the grouping column.
        distances_only: count only markers with ``distances`` (``mutmaßlich`` is recorded but does
            not distance).

    Returns:
        ``<by>, kind, n_articles, n_sentences, markers, sentences_with_marker, per_100_sentences,
        sentence_share``, zero-filled over the kinds.
    """
    if by not in articles.columns:
        raise ValueError(f"articles has no column {by!r}")
    cols = [by, "kind", "n_articles", "n_sentences", "markers", "sentences_with_marker", "per_100_sentences",
            "sentence_share"]
    meta = articles[["article_id", by]].drop_duplicates("article_id").astype({"article_id": str})
    meta[by] = meta[by].astype(object).where(meta[by].notna(), "unknown")
    base = _sentence_base(sentences).astype({"article_id": str}).merge(meta, on="article_id", how="inner")
    if base.empty:
        return pd.DataFrame(columns=cols)
    sizes = base.groupby(by).agg(n_articles=("article_id", "nunique"), n_sentences=("sentence_index", "size"))
    d = distancing.astype({"article_id": str}).merge(meta, on="article_id", how="inner")
    if distances_only and len(d):
        d = d[d["distances"].astype(bool)]
    d = d.assign(kind=[marker_kind(m) for m in d["marker"]])
    counts = pd.DataFrame({
        "markers": d.groupby([by, "kind"]).size(),
        "sentences_with_marker": d.drop_duplicates([by, "kind", "article_id", "sentence_index"])
        .groupby([by, "kind"]).size(),
    }).reset_index() if len(d) else pd.DataFrame(columns=[by, "kind", "markers", "sentences_with_marker"])
    grid = sizes.reset_index().merge(pd.DataFrame({"kind": list(MARKER_GROUPS)}), how="cross")
    out = grid.merge(counts, on=[by, "kind"], how="left")
    out[["markers", "sentences_with_marker"]] = out[["markers", "sentences_with_marker"]].fillna(0).astype("int64")
    out["per_100_sentences"] = _ratio(out["markers"] * 100.0, out["n_sentences"])
    out["sentence_share"] = _ratio(out["sentences_with_marker"].astype(float), out["n_sentences"])
    out["kind"] = pd.Categorical(out["kind"], categories=list(MARKER_GROUPS), ordered=True)
    return out.sort_values([by, "kind"]).astype({"kind": str})[cols].reset_index(drop=True)


def distancing_targets(
    distancing: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    by: str = "outlet_type",
    *,
    distances_only: bool = True,
    frame_list: Sequence[str] | None = None,
) -> pd.DataFrame:
    """What distancing markers are attached to: the frame(s) of the words they cover.

    A marker whose attached span covers a frame match counts once for each frame it touches
    (``touches_frames``); a marker covering no frame word counts as ``no_frame``.

    Args:
        distancing: the distancing table.
        articles: optional articles table; adds the ``by`` column and keeps only its articles.
        by: the grouping column taken from ``articles``.
        distances_only: count only markers with ``distances``.
        frame_list: frame order (default: the dictionary's frames).

    Returns:
        ``[<by>,] kind, target, markers`` -- zero-filled over the frames plus ``no_frame`` for every
        group and kind that has at least one marker.
    """
    keys = ([by] if articles is not None else []) + ["kind"]
    cols = keys + ["target", "markers"]
    d = distancing.astype({"article_id": str})
    if articles is not None:
        if by not in articles.columns:
            raise ValueError(f"articles has no column {by!r}")
        meta = articles[["article_id", by]].drop_duplicates("article_id").astype({"article_id": str})
        d = d.merge(meta, on="article_id", how="inner")
        d[by] = d[by].astype(object).where(d[by].notna(), "unknown")
    if distances_only and len(d):
        d = d[d["distances"].astype(bool)]
    if d.empty:
        return pd.DataFrame(columns=cols)
    d = d.assign(kind=[marker_kind(m) for m in d["marker"]],
                 target=[[t for t in str(x).split(";") if t] or ["no_frame"] for x in d["touches_frames"]])
    counts = d.explode("target").groupby(keys + ["target"]).size().rename("markers")
    targets = list(frame_list or frame_names()) + ["no_frame"]
    grid = counts.reset_index()[keys].drop_duplicates().merge(pd.DataFrame({"target": targets}), how="cross")
    out = grid.merge(counts.reset_index(), on=keys + ["target"], how="left")
    out["markers"] = out["markers"].fillna(0).astype("int64")
    out["kind"] = pd.Categorical(out["kind"], categories=list(MARKER_GROUPS), ordered=True)
    out["target"] = pd.Categorical(out["target"], categories=targets, ordered=True)
    return out.sort_values(keys + ["target"]).astype({"kind": str, "target": str})[cols].reset_index(drop=True)


def date_periods(
    articles: pd.DataFrame, breaks: Sequence[str] | None = None, labels: Sequence[str] | None = None
) -> pd.DataFrame:
    """Assign each article dated to the day to a period.

    Args:
        articles: the articles table (``date``; ``date_precision`` when present -- only ``day``
            dates are used, month-only dates get no period).
        breaks: ISO start dates of the periods, ascending; period *i* runs from ``breaks[i]`` to the
            day before ``breaks[i + 1]``, the last one open-ended. ``None``: one period per day.
            Articles before the first break get no period.
        labels: one label per break (default: the start date).

    Returns:
        ``article_id, period, period_start`` for the articles that fall into a period.
    """
    cols = ["article_id", "period", "period_start"]
    dates = pd.to_datetime(articles["date"].astype(object), errors="coerce", format="ISO8601")
    if "date_precision" in articles.columns:
        dates = dates.where(articles["date_precision"].astype(object) == "day")
    ok = dates.notna()
    ids, dates = articles.loc[ok, "article_id"].astype(str), dates[ok]
    if breaks is None:
        day = dates.dt.strftime("%Y-%m-%d")
        return pd.DataFrame({"article_id": ids, "period": day, "period_start": day})[cols].reset_index(drop=True)
    edges = pd.to_datetime(list(breaks), format="ISO8601")
    if not edges.is_monotonic_increasing or edges.has_duplicates:
        raise ValueError("breaks must be strictly ascending dates")
    labels = list(labels) if labels is not None else [e.strftime("%Y-%m-%d") for e in edges]
    if len(labels) != len(edges):
        raise ValueError(f"{len(labels)} labels for {len(edges)} breaks")
    pos = edges.searchsorted(dates, side="right") - 1
    keep = pos >= 0
    return pd.DataFrame({
        "article_id": ids[keep].values,
        "period": [labels[k] for k in pos[keep]],
        "period_start": [edges[k].strftime("%Y-%m-%d") for k in pos[keep]],
    })[cols]


def frame_shares_over_time(
    frame_scores: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    breaks: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
    by: str | None = None,
) -> pd.DataFrame:
    """Frame shares per period (:func:`date_periods`), optionally split by an article column.

    Articles without a day date (or before the first break) are left out; compare ``n_articles``
    with the corpus to see how many.

    Returns:
        ``period_start, period, [<by>,] frame`` + the :func:`frame_shares` score columns, in
        chronological order (frames in dictionary order).
    """
    periods = date_periods(articles, breaks, labels)
    extra = [by] if by else []
    meta = articles[["article_id", *extra]].astype({"article_id": str}).merge(periods, on="article_id")
    scores = frame_scores[frame_scores["article_id"].astype(str).isin(set(meta["article_id"]))]
    out = frame_shares(scores, meta, by=["period_start", "period", *extra])
    order = {f: k for k, f in enumerate(frame_names())}
    out["_order"] = [order.get(f, len(order)) for f in out["frame"]]
    out = out.sort_values(["period_start", *extra, "_order", "frame"], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Distinctive vocabulary (Monroe, Colaresi & Quinn 2008)
# --------------------------------------------------------------------------------------------


def log_odds_dirichlet(
    counts_a: Mapping[str, int] | pd.Series,
    counts_b: Mapping[str, int] | pd.Series,
    prior: Mapping[str, float] | pd.Series | None = None,
    alpha0: float = 500.0,
    min_count: int = 1,
) -> pd.DataFrame:
    """Weighted log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    For term w with counts y_a, y_b, group totals n_a, n_b and prior pseudo-counts α_w summing to α0:

        δ_w = log((y_a + α_w) / (n_a + α0 − y_a − α_w)) − log((y_b + α_w) / (n_b + α0 − y_b − α_w))
        σ²(δ_w) ≈ 1 / (y_a + α_w) + 1 / (y_b + α_w)          z_w = δ_w / √σ²(δ_w)

    Positive z: the term is characteristic of group a; negative: of group b.

    Args:
        counts_a: term counts of group a.
        counts_b: term counts of group b.
        prior: pseudo-counts α_w per term, used as given (α0 = their sum over the vocabulary);
            default: the pooled counts y_a + y_b scaled to sum to ``alpha0``.
        alpha0: total prior pseudo-count when ``prior`` is not given.
        min_count: drop terms with y_a + y_b below this from the output (totals, prior and α0 are
            computed over the full vocabulary first).

    Returns:
        ``term, count_a, count_b, prior, log_odds, variance, z, favours`` sorted by z (descending).

    Raises:
        ValueError: on an empty group, a non-positive ``alpha0`` or a vocabulary term without a
            positive prior.
    """
    a = pd.Series(dict(counts_a) if not isinstance(counts_a, pd.Series) else counts_a, dtype=float)
    b = pd.Series(dict(counts_b) if not isinstance(counts_b, pd.Series) else counts_b, dtype=float)
    vocab = a.index.union(b.index)
    a, b = a.reindex(vocab, fill_value=0.0), b.reindex(vocab, fill_value=0.0)
    n_a, n_b = float(a.sum()), float(b.sum())
    if n_a <= 0 or n_b <= 0:
        raise ValueError(f"both groups need counts (n_a={n_a:g}, n_b={n_b:g})")
    if prior is None:
        if alpha0 <= 0:
            raise ValueError("alpha0 must be positive")
        pooled = a + b
        alpha = pooled / pooled.sum() * alpha0
    else:
        alpha = pd.Series(dict(prior) if not isinstance(prior, pd.Series) else prior, dtype=float).reindex(vocab)
        if alpha.isna().any() or (alpha <= 0).any():
            bad = list(alpha[alpha.isna() | (alpha <= 0)].index[:5])
            raise ValueError(f"prior needs a positive pseudo-count for every term, missing/invalid: {bad}")
    a0 = float(alpha.sum())
    delta = (
        ((a + alpha) / (n_a + a0 - a - alpha)).map(math.log)
        - ((b + alpha) / (n_b + a0 - b - alpha)).map(math.log)
    )
    var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
    z = delta / var.map(math.sqrt)
    df = pd.DataFrame({
        "term": vocab.astype(str), "count_a": a.astype("int64").values, "count_b": b.astype("int64").values,
        "prior": alpha.values, "log_odds": delta.values, "variance": var.values, "z": z.values,
    })
    df["favours"] = ["a" if v > 0 else ("b" if v < 0 else "") for v in df["z"]]
    df = df[(df["count_a"] + df["count_b"]) >= min_count]
    return df.sort_values(["z", "term"], ascending=[False, True]).reset_index(drop=True)[LOG_ODDS_COLUMNS]


def content_lemmas(doc: nlp.Document, pos: Sequence[str] = CONTENT_POS) -> Iterator[str]:
    """Lemmas of the content words of ``doc`` (STTS tag starting with one of ``pos``)."""
    for t in doc.tokens:
        if t.pos.startswith(tuple(pos)) and any(ch.isalpha() for ch in t.lemma):
            yield t.lemma


TERM_COUNT_COLUMNS = ["article_id", "term", "count"]


def term_counts(
    source: Sequence[nlp.Document] | pd.DataFrame, *, column: str = "pattern", pos: Sequence[str] = CONTENT_POS
) -> pd.DataFrame:
    """Term counts per article as a tidy table, the input of :func:`distinctive_terms`.

    Args:
        source: processed documents -- terms are the HanTa lemmas of content words (:func:`content_lemmas`)
            -- or an annotated table with ``article_id`` and ``column`` (e.g. the frames table: terms are
            the dictionary entries that matched, so no documents are needed).
        column: the table column holding the term (``pattern`` = the dictionary entry, ``matched`` =
            the surface form); ignored for documents.
        pos: STTS tag prefixes of content words; ignored for a table.

    Returns:
        ``article_id, term, count`` sorted by article and term.
    """
    if isinstance(source, pd.DataFrame):
        if "article_id" not in source.columns or column not in source.columns:
            raise ValueError(f"table needs 'article_id' and {column!r} columns")
        df = source[["article_id", column]].dropna().rename(columns={column: "term"})
        df = df.astype({"article_id": str, "term": str})
        df = df[df["term"].str.strip() != ""]
        out = df.groupby(["article_id", "term"]).size().rename("count").reset_index()
    else:
        rows = [
            (str(doc.article_id), term, n) for doc in source for term, n in Counter(content_lemmas(doc, pos)).items()
        ]
        out = pd.DataFrame(rows, columns=TERM_COUNT_COLUMNS)
    out = out.astype({"article_id": str, "term": str, "count": "int64"})
    return out.sort_values(["article_id", "term"], kind="stable").reset_index(drop=True)[TERM_COUNT_COLUMNS]


def distinctive_terms(
    source: Sequence[nlp.Document] | pd.DataFrame,
    articles: pd.DataFrame,
    group_col: str = "outlet_type",
    a: str = "state_media",
    b: str = "independent_media",
    min_count: int = 3,
    alpha0: float = 500.0,
) -> pd.DataFrame:
    """Terms that distinguish group ``a`` from group ``b`` (weighted log-odds, see :func:`log_odds_dirichlet`).

    Only articles listed in ``articles`` are counted, so passing a de-duplicated articles table
    (:func:`medialens.corpus.deduplicate_articles`) keeps wire copies from counting several times. The prior is the
    pooled a+b counts scaled to ``alpha0``.

    Args:
        source: processed documents (content-word lemmas: nouns incl. HanTa's NNA/NNI, names,
            adjectives, full verbs), a :func:`term_counts` table (``article_id, term, count``), or the
            frames table (terms = the dictionary entries that matched, ``pattern``).
        articles: the articles table with ``article_id`` and ``group_col``.
        group_col: the column defining the two groups.
        a: the group with positive z-scores.
        b: the group with negative z-scores.
        min_count: drop terms with fewer occurrences in a and b together (output only).
        alpha0: total prior pseudo-count.

    Returns:
        The :func:`log_odds_dirichlet` table plus ``group_a``, ``group_b`` columns naming the groups.

    Raises:
        ValueError: an unknown ``group_col``, an unusable table, or a group without terms.
    """
    if group_col not in articles.columns:
        raise ValueError(f"articles has no column {group_col!r}")
    if isinstance(source, pd.DataFrame):
        if {"article_id", "term", "count"} <= set(source.columns):
            counts = source[TERM_COUNT_COLUMNS].astype({"article_id": str})
        elif {"article_id", "frame", "pattern"} <= set(source.columns):
            counts = term_counts(source, column="pattern")
        else:
            raise ValueError("source table needs 'article_id, term, count' (term_counts) or the frames table")
    else:
        counts = term_counts(source)
    meta = articles[["article_id", group_col]].drop_duplicates("article_id").astype({"article_id": str})
    df = counts.merge(meta, on="article_id", how="inner")
    ca = df[df[group_col] == a].groupby("term")["count"].sum()
    cb = df[df[group_col] == b].groupby("term")["count"].sum()
    if ca.sum() == 0 or cb.sum() == 0:
        raise ValueError(f"no terms for {group_col}={a!r} ({int(ca.sum())}) or {b!r} ({int(cb.sum())})")
    out = log_odds_dirichlet(ca, cb, alpha0=alpha0, min_count=min_count)
    return out.assign(group_a=a, group_b=b)


# --------------------------------------------------------------------------------------------
# Keyword in context
# --------------------------------------------------------------------------------------------


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def kwic(
    docs: Iterable[nlp.Document],
    term_or_frame: str,
    window: int = 60,
    *,
    lexicon: FrameLexicon | None = None,
) -> pd.DataFrame:
    """Keyword-in-context rows for a frame name, a term or a phrase.

    ``term_or_frame`` is a frame of the dictionary (all its matches), a word (matched on lemma or
    surface form, case-insensitive), a word ending in ``*`` (compound-aware prefix, as in the
    dictionary) or several words (a lemma sequence).

    Returns:
        ``article_id, sentence_index, left, match, right, start, end`` with ``window`` characters
        of context each side (whitespace collapsed).
    """
    lex = lexicon or load_frame_lexicon()
    rows = []
    words = tuple(_fold(w) for w in term_or_frame.split())
    if not words:
        raise ValueError("kwic needs a term or a frame name")
    for doc in docs:
        if term_or_frame in lex.frames:
            spans = [
                (m.sentence_index, m.start, m.end) for m in match_frames(doc, lexicon=lex) if m.frame == term_or_frame
            ]
        else:
            spans = []
            for s in doc.sentences:
                toks = doc.sentence_tokens(s.index)
                for k in range(len(toks)):
                    end = _phrase_end(words, toks, k)
                    if end is not None:
                        spans.append((s.index, toks[k].start, toks[end - 1].end))
        for sent, start, end in spans:
            rows.append((
                doc.article_id, sent, _clean(doc.text[max(0, start - window) : start]),
                doc.text[start:end], _clean(doc.text[end : end + window]), start, end,
            ))
    df = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return df.astype({"article_id": str, "sentence_index": "int64", "start": "int64", "end": "int64"})


# --------------------------------------------------------------------------------------------
# Plots
# --------------------------------------------------------------------------------------------


def plot_frame_shares(
    df: pd.DataFrame, ax: Axes | None = None, *, value: str = "sentence_share", by: str | None = None
) -> Axes:
    """Grouped horizontal bars: one group of bars per frame, one bar per group (outlet type …).

    Args:
        df: output of :func:`frame_shares` or :func:`frame_shares_by_source`.
        ax: axes to draw on (default: a new figure).
        value: the column to plot (``sentence_share``, ``article_share``, ``per_100_tokens``).
        by: the grouping column (default: the first column that is not a score column).
    """
    import matplotlib.pyplot as plt
    import numpy as np

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    by = by or next(c for c in df.columns if c not in _SHARE_COLUMNS)
    frames = list(dict.fromkeys(df["frame"]))
    groups = list(dict.fromkeys(df[by]))
    height = 0.8 / max(len(groups), 1)
    y = np.arange(len(frames))
    for i, g in enumerate(groups):
        sub = df[df[by] == g].set_index("frame").reindex(frames)[value].fillna(0.0)
        ax.barh(y + i * height - 0.4 + height / 2, sub.values, height=height, label=str(g))
    ax.set_yticks(y)
    ax.set_yticklabels([f.replace("_", " ") for f in frames])
    ax.invert_yaxis()
    ax.set_xlabel(value.replace("_", " "))
    ax.legend(title=by.replace("_", " "), fontsize="small", frameon=False)
    return ax


def plot_log_odds(df: pd.DataFrame, top: int = 15, ax: Axes | None = None) -> Axes:
    """Top ``top`` terms on each side of a :func:`log_odds_dirichlet` table as bars of z-scores."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6, max(3.0, 0.28 * 2 * top)))
    df = df.astype({"z": float})  # an empty table (no comparison possible) draws empty axes
    pos = df[df["z"] > 0].nlargest(top, "z")
    neg = df[df["z"] < 0].nsmallest(top, "z")
    sel = pd.concat([pos, neg.iloc[::-1]])
    colors = ["#b2182b" if z > 0 else "#2166ac" for z in sel["z"]]
    ax.barh(range(len(sel)), sel["z"], color=colors)
    ax.set_yticks(range(len(sel)))
    ax.set_yticklabels(sel["term"])
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    for q in (-1.96, 1.96):
        ax.axvline(q, color="grey", linewidth=0.6, linestyle=":")
    label_a = str(df["group_a"].iloc[0]) if "group_a" in df and len(df) else "a"
    label_b = str(df["group_b"].iloc[0]) if "group_b" in df and len(df) else "b"
    ax.set_xlabel(f"z-score (← {label_b} | {label_a} →)")
    return ax



#: Colours of the marker kinds (explicit markers dark, reported speech light).
_KIND_COLOURS = {"lexical": "#54278f", "scare_quote": "#9e9ac8", "konjunktiv1": "#dadaeb"}


def plot_distancing_rates(
    df: pd.DataFrame, ax: Axes | None = None, *, value: str = "per_100_sentences", by: str | None = None
) -> Axes:
    """Stacked horizontal bars: one bar per group, one segment per marker kind (:func:`distancing_rates`)."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    by = by or df.columns[0]
    wide = df.pivot_table(index=by, columns="kind", values=value, aggfunc="sum", fill_value=0.0)
    wide = wide.reindex(columns=[k for k in MARKER_GROUPS if k in wide.columns])
    wide = wide.loc[wide.sum(axis=1).sort_values(kind="stable").index]
    left = pd.Series(0.0, index=wide.index)
    for kind in wide.columns:
        ax.barh(wide.index.astype(str), wide[kind], left=left, color=_KIND_COLOURS.get(kind, "#999999"),
                edgecolor="white", linewidth=0.5, label=kind.replace("_", " "))
        left += wide[kind]
    ax.set_xlabel(value.replace("_", " "))
    ax.grid(axis="y", visible=False)
    ax.legend(title="marker", loc="lower right", fontsize="small")
    return ax


def plot_frames_over_time(df: pd.DataFrame, ax: Axes | None = None, *, value: str = "sentence_share") -> Axes:
    """One line per frame over the periods of :func:`frame_shares_over_time` (pooled over groups).

    The x axis is ordinal (one step per period, whatever its length); tick labels carry the number of
    articles in each period.
    """
    import matplotlib.pyplot as plt

    from medialens.figures import FALLBACK_COLOURS

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    periods = df.drop_duplicates("period_start").sort_values("period_start")
    x = {p: i for i, p in enumerate(periods["period"])}
    for k, frame in enumerate(dict.fromkeys(df["frame"])):
        d = df[df["frame"] == frame].sort_values("period_start")
        ax.plot([x[p] for p in d["period"]], d[value], marker="o", markersize=3.5, linewidth=1.4,
                color=FALLBACK_COLOURS[k % len(FALLBACK_COLOURS)], label=str(frame).replace("_", " "))
    ax.set_xticks(range(len(x)), [f"{p}\n(n={n})" for p, n in zip(periods["period"], periods["n_articles"])])
    ax.set_ylabel(value.replace("_", " "))
    ax.grid(axis="y", visible=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    return ax

__all__ = [
    "FrameMatch", "DistancingMarker", "FrameLexicon", "DistancingLexicon", "FRAME_COLUMNS",
    "DISTANCING_COLUMNS", "KWIC_COLUMNS", "load_frame_lexicon", "load_distancing_lexicon", "frame_names",
    "match_frames", "distancing_markers", "quotation_spans", "frames_frame", "distancing_frame",
    "attach_attributions", "annotate_documents", "frame_scores", "frame_shares", "frame_shares_by_source",
    "log_odds_dirichlet", "content_lemmas", "distinctive_terms", "kwic", "plot_frame_shares", "plot_log_odds",
    "TERM_COUNT_COLUMNS", "term_counts", "bootstrap_frame_shares", "VOICES", "voice_of",
    "voice_shares", "MARKER_GROUPS", "marker_kind", "distancing_rates", "distancing_targets", "date_periods",
    "frame_shares_over_time", "plot_distancing_rates", "plot_frames_over_time",
]
