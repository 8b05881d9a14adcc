"""Clause boundaries over STTS-tagged tokens: how far a cause span, a marker's claim or a labelling
complement runs.

A clause ends at a hard break (full stop, colon, semicolon, dash) or at a comma followed by a word that
opens a new clause (a subordinator, relative or interrogative pronoun, finite verb or coordinating
conjunction); a comma before an article or adjective continues a list (*wegen der Preise, der Inflation
und der Korruption*).
"""

from __future__ import annotations

from typing import Sequence

from medialens import nlp
from medialens.german import CONJUNCTION_TAGS, FINITE_VERB_TAGS, SUBORDINATOR_TAGS

#: Tags of a word that opens a new clause after a comma.
CLAUSE_OPENERS = SUBORDINATOR_TAGS | FINITE_VERB_TAGS | CONJUNCTION_TAGS
#: Tokens that end a clause whatever follows (besides the sentence-final ``$.`` tag).
HARD_BREAKS = frozenset({";", ":", "–", "—", "-"})


def is_hard_break(tok: nlp.Token) -> bool:
    """Full stop, colon, semicolon or dash."""
    return tok.pos == "$." or tok.text in HARD_BREAKS


def clause_end(toks: Sequence[nlp.Token], k: int) -> int:
    """Index after the clause that continues at token ``k`` (``k`` itself if it is a break)."""
    while k < len(toks):
        if is_hard_break(toks[k]):
            return k
        if toks[k].pos == "$," and (k + 1 >= len(toks) or toks[k + 1].pos in CLAUSE_OPENERS):
            return k
        k += 1
    return k


def clause_start(toks: Sequence[nlp.Token], k: int) -> int:
    """Index of the first token of the clause holding token ``k``."""
    while k > 0:
        prev = toks[k - 1]
        if is_hard_break(prev) or (prev.pos == "$," and toks[k].pos in CLAUSE_OPENERS):
            return k
        k -= 1
    return 0
