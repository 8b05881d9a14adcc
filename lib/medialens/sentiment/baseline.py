"""textblob-de baseline: the polarity researchers recognise, computed where it is shown.

``TextBlobDE(text, tokenizer=PatternTokenizer()).polarity`` with the German polarity lexicon of
Klenner, Clematide, Wiegand & Peters (2010) bundled with textblob-de. On news it is weak: pattern
lower-cases every word before the lookup, so capitalised noun entries ("Terror", "Gewalt") never
match, casualty words ("Tote", "Opfer") are missing, and some entries mislead ("erschüttert" +0.7).

It is not part of the annotation (issue 17): notebook 03 and ``medialens eval sentiment`` call
:func:`textblob_table`, which caches the polarity of every sentence text it has seen in one Parquet
table (``<cache>/textblob/polarity.parquet``, keyed by the SHA-256 of the text and the textblob-de
version), so a rerun only scores new sentences.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from medialens import config

#: Columns of :func:`textblob_table`.
TEXTBLOB_COLUMNS = ["article_id", "sentence_index", "polarity_textblob"]


@lru_cache(maxsize=1)
def _textblob_parts():
    """One PatternTokenizer and one PatternAnalyzer reused for every sentence."""
    from textblob_de import PatternTokenizer
    from textblob_de.sentiments import PatternAnalyzer

    tokenizer = PatternTokenizer()
    return tokenizer, PatternAnalyzer(tokenizer=tokenizer)


def textblob_polarity(text: str) -> float:
    """textblob-de polarity of ``text`` in [-1, 1] (for several sentences textblob-de averages them)."""
    from textblob_de import TextBlobDE

    tokenizer, analyzer = _textblob_parts()
    if not text.strip():
        return 0.0
    return float(TextBlobDE(text, tokenizer=tokenizer, analyzer=analyzer).polarity)


def _key(text: str) -> str:
    return hashlib.sha256(f"textblob-de {version('textblob-de')}\x1f{text}".encode("utf-8")).hexdigest()


def textblob_table(sentences: pd.DataFrame, *, cache: Path | bool | None = True) -> pd.DataFrame:
    """textblob-de polarity of every sentence (columns :data:`TEXTBLOB_COLUMNS`), cached by text.

    Args:
        sentences: rows with ``article_id, sentence_index, text`` (the sentences table).
        cache: ``True`` for the default cache folder, a folder, or ``False``/``None`` for no cache.
    """
    missing = {"article_id", "sentence_index", "text"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences table lacks columns {sorted(missing)}")
    keys = [_key(t) for t in sentences["text"]]
    folder = config.cache_dir() if cache is True else (Path(cache) if cache else None)
    path = folder / "textblob" / "polarity.parquet" if folder else None
    known: dict[str, float] = {}
    if path is not None and path.exists():
        stored = pd.read_parquet(path)
        known = dict(zip(stored["key"], stored["polarity"]))
    new = {k: round(textblob_polarity(t), 6) for k, t in zip(keys, sentences["text"]) if k not in known}
    if path is not None and new:
        known.update(new)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        pd.DataFrame({"key": list(known), "polarity": list(known.values())}).to_parquet(tmp, index=False)
        tmp.replace(path)
    table = sentences[["article_id", "sentence_index"]].copy()
    table["polarity_textblob"] = [known.get(k, new.get(k)) for k in keys]
    return table.astype({"polarity_textblob": "float64"}).reset_index(drop=True)


def textblob_words(text: str) -> list[tuple[str, float]]:
    """The words textblob-de scored in ``text``, with their polarity, exactly as its analyzer reads them:
    after pattern's lemmatiser (which turns *hieß* into *hassen*) and with pattern's modifiers and
    negations (to explain where the baseline and the news scorer disagree)."""
    from textblob_de import sentiments

    _, analyzer = _textblob_parts()
    if not text.strip():
        return []
    score = sentiments.pattern_sentiment(analyzer._lemmatize(text))
    return [(" ".join(words), round(float(polarity), 2)) for words, polarity, *_ in score.assessments]


def with_textblob(sentences: pd.DataFrame, *, cache: Path | bool | None = True) -> pd.DataFrame:
    """``sentences`` (rows with ``article_id, sentence_index, text``) with ``polarity_textblob`` added."""
    table = textblob_table(sentences, cache=cache)
    return sentences.drop(columns=[c for c in ("polarity_textblob",) if c in sentences.columns]).merge(
        table, on=["article_id", "sentence_index"], how="left", sort=False)
