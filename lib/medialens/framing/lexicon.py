"""Framing lexicons: the topic (frame) dictionary and the distancing marker lists, read from
``data/lexicons/frames`` into frozen dataclasses (see that folder's README for the syntax)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from medialens import config
from medialens.datafiles import data_rows

FRAME_KINDS = ("lemma", "prefix", "suffix", "phrase")
MARKER_KINDS = ("prefix", "token", "phrase")
#: Inflection endings a ``suffix`` pattern may carry on the surface form (Gaspreis-e, Clan-s …).
_INFLECTIONS = ("", "e", "en", "n", "s", "es", "er", "ern")
_GAP = "..."
_MAX_GAP = 3
_MIN_AFFIX = 3
_NP_SKIP_POS = frozenset({"ADJA", "ADJD", "ADV", "CARD", "ART", "PIAT", "PPOSAT", "PDAT", "TRUNC", "KON"})


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
