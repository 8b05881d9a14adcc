"""Framing: frame dictionaries, distancing markers and distinctive vocabulary.

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

import bisect
import re
from collections import defaultdict
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import pandas as pd

from medialens import config, nlp
from medialens.datafiles import data_rows
from medialens.german import PUNCTUATION_TAGS, QUOTE_MARKS, konjunktiv_mood, quotation_spans

FRAME_KINDS = ("lemma", "prefix", "suffix", "phrase")
MARKER_KINDS = ("prefix", "token", "phrase")
#: Inflection endings a ``suffix`` pattern may carry on the surface form (Gaspreis-e, Clan-s …).
_INFLECTIONS = ("", "e", "en", "n", "s", "es", "er", "ern")
_GAP = "..."
_MAX_GAP = 3
_MIN_AFFIX = 3
_NP_SKIP_POS = frozenset({"ADJA", "ADJD", "ADV", "CARD", "ART", "PIAT", "PPOSAT", "PDAT", "TRUNC", "KON"})

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
    """Read ``distancing.csv`` and ``scare_quote_exclusions.csv`` (Konjunktiv forms: :mod:`medialens.german`).

    Args:
        folder: folder holding the two files; default ``data/lexicons/frames``.
    """
    folder = Path(folder) if folder else config.lexicon_path("frames")
    markers = []
    for n, row in enumerate(data_rows(folder / "distancing.csv"), start=2):
        kind = (row.get("kind") or "").strip()
        if kind not in MARKER_KINDS:
            raise ValueError(f"{folder / 'distancing.csv'}: bad row {n}: {row}")
        words = tuple(_fold(w) for w in row["pattern"].split())
        markers.append((row["marker"].strip(), words, kind, row.get("distances", "1").strip() == "1"))
    titles, cues = [], set()
    for row in data_rows(folder / "scare_quote_exclusions.csv"):
        word = _fold(row["word"].strip())
        if row["kind"].strip() == "title_noun":
            titles.append(word)
        else:
            cues.add(word)
    return DistancingLexicon(tuple(markers), tuple(titles), frozenset(cues))


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


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _is_word(tok: nlp.Token) -> bool:
    return any(ch.isalnum() for ch in tok.text)


def _konjunktiv1(tok: nlp.Token) -> bool:
    """A finite verb in Konjunktiv I (:func:`medialens.german.konjunktiv_mood`)."""
    return konjunktiv_mood(tok.text, tok.lemma, tok.pos) == 1


def _np_after(toks: Sequence[nlp.Token], k: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Token range of the noun phrase that starts after ``toks[k]``; ``None`` if none within 6 tokens."""
    j = k + 1
    if j < len(toks) and toks[j].text in QUOTE_MARKS:
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
        if t.pos in _NP_SKIP_POS or t.text in QUOTE_MARKS:
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
    while end < len(toks) and toks[end].pos not in PUNCTUATION_TAGS:
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
    while j >= 0 and toks[j].pos not in PUNCTUATION_TAGS and toks[j].text not in QUOTE_MARKS:
        if folded[j] == "ich":
            return True
        j -= 1
    return "ich" in folded[k + 1 : k + 4]


def _konjunktiv_markers(doc: nlp.Document, lex: DistancingLexicon) -> Iterator[tuple]:
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        folded = [_fold(t.text) for t in toks]
        for k, tok in enumerate(toks):
            if not _konjunktiv1(tok):
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
