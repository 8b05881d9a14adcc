"""textblob-de baseline: the polarity researchers recognise.

``TextBlobDE(text, tokenizer=PatternTokenizer()).polarity`` with the German polarity lexicon of
Klenner, Clematide, Wiegand & Peters (2010) bundled with textblob-de. Kept as the documented reference
point. On news it is weak: pattern lower-cases every word before the lexicon lookup, so the
capitalised noun entries ("Terror", "Gewalt", "Krise") never match, casualty words ("Tote", "Opfer")
are missing, and some entries mislead ("erschüttert" +0.7).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _textblob_parts():
    """One PatternTokenizer and one PatternAnalyzer reused for every sentence."""
    from textblob_de import PatternTokenizer
    from textblob_de.sentiments import PatternAnalyzer

    tokenizer = PatternTokenizer()
    return tokenizer, PatternAnalyzer(tokenizer=tokenizer)


def textblob_polarity(text: str) -> float:
    """textblob-de polarity of ``text`` in [-1, 1] (baseline; no NLTK data needed).

    Uses ``TextBlobDE(text, tokenizer=PatternTokenizer())`` with a shared analyzer; for a text of
    several sentences textblob-de averages the sentence polarities.
    """
    from textblob_de import TextBlobDE

    tokenizer, analyzer = _textblob_parts()
    if not text.strip():
        return 0.0
    return float(TextBlobDE(text, tokenizer=tokenizer, analyzer=analyzer).polarity)
