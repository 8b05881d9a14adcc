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


#: Tags skipped before the head noun of a noun phrase (articles, adjectives, numbers, quote marks ...).
NP_LEAD = frozenset({"ART", "PIAT", "PIDAT", "PPOSAT", "PDAT", "PWAT", "ADJA", "ADJD", "ADV", "CARD", "TRUNC", "KON",
                     "$("})
#: Tags of a noun (STTS plus HanTa's NNA/NNI) and of a relative pronoun.
NOUNS = frozenset({"NN", "NE", "NNA", "NNI", "FM", "XY"})
RELATIVES = frozenset({"PRELS", "PRELAT"})


def np_end(toks: Sequence[nlp.Token], k: int, limit: int = 8) -> int:
    """Index after the noun phrase starting at ``toks[k]`` (its head noun, a noun right after it, and a
    genitive attribute: *die Ursache der Unruhen*); ``k`` when no noun follows within ``limit`` tokens."""
    j = k
    while j < len(toks) and j < k + limit and toks[j].pos in NP_LEAD:
        j += 1
    if j >= len(toks) or toks[j].pos not in NOUNS:
        return k
    while j < len(toks) and toks[j].pos in NOUNS:
        j += 1
    while j < len(toks) and toks[j].text in ("“", "”", "\"", "»", "«", "‘", "’"):
        j += 1
    if j < len(toks) and toks[j].pos == "ART" and toks[j].text.casefold() in ("der", "des"):
        m = j + 1
        while m < len(toks) and toks[m].pos in ("ADJA", "CARD", "ADV"):
            m += 1
        if m < len(toks) and toks[m].pos in NOUNS:
            return m + 1
    return j


def relative_clause_end(toks: Sequence[nlp.Token], comma: int) -> int | None:
    """When a relative clause opens after the comma ``toks[comma]`` (*, die ... stürmten*, *, in dem ...*):
    the index after its finite verb; else ``None``."""
    k = comma + 1
    if k < len(toks) and toks[k].pos == "APPR":
        k += 1
    if comma >= len(toks) or toks[comma].pos != "$," or k >= len(toks) or toks[k].pos not in RELATIVES:
        return None
    for j in range(k + 1, len(toks)):
        if is_hard_break(toks[j]):
            return j
        if toks[j].pos in FINITE_VERB_TAGS:
            return j + 1
    return len(toks)


def main_clause_end(toks: Sequence[nlp.Token], k: int) -> int:
    """:func:`clause_end` from ``k``, skipping relative clauses embedded in it (*nennt die Männer, die
    das Rathaus stürmten, Terroristen*)."""
    end = clause_end(toks, k)
    while end < len(toks):
        rel = relative_clause_end(toks, end)
        if rel is None or rel >= len(toks) or toks[rel].pos != "$,":
            return end
        end = clause_end(toks, rel + 1)
    return end


def _infinitive_clause(toks: Sequence[nlp.Token], start: int, end: int) -> bool:
    return any(toks[j].pos in ("PTKZU", "VVIZU") for j in range(start, end))


def attached_end(toks: Sequence[nlp.Token], end: int) -> int:
    """Index after the clauses attached at ``end`` to the clause before it: relative clauses, *dass/ob*
    clauses and infinitive clauses (*ein Plan, die Führung zu stürzen*; *gekapert, um einen Umsturz
    herbeizuführen*; *der Präsident, der den Befehl gab, ohne Vorwarnung zu schießen*)."""
    while end < len(toks) and toks[end].pos == "$," and end + 1 < len(toks):
        nxt = toks[end + 1]
        rel = relative_clause_end(toks, end)
        if rel is not None:
            new = rel
        else:
            stop = clause_end(toks, end + 2) if end + 2 <= len(toks) else len(toks)
            if nxt.text.casefold() in ("dass", "ob") or nxt.pos == "KOUI" or _infinitive_clause(toks, end + 1, stop):
                new = stop
            else:
                return end
        if new <= end:
            return end
        end = new
    return end
