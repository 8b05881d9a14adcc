"""Clause boundaries: where a clause starts and ends, its finite verb, passives, coordination."""

from __future__ import annotations

from medialens.attribution.rules.context import CLAUSE_BOUNDARY, Context, FINITE, SENTENCE_PUNCT, SUBORD


def clause_start(ctx: Context, token: int, floor: int) -> int:
    """First token of the clause that contains ``token`` (after the last boundary to the left)."""
    k = token - 1
    while k >= floor:
        if ctx.quote_of[k] >= 0 and ctx.quote_of[token] != ctx.quote_of[k]:
            k = ctx.quotes[ctx.quote_of[k]][0] - 1
            continue
        if ctx.lower[k] in CLAUSE_BOUNDARY:
            return k + 1
        k -= 1
    return floor


def clause_end(ctx: Context, token: int, limit: int) -> int:
    """Index of the first boundary token (or ``limit``) to the right of ``token``, outside quotes."""
    k = token + 1
    while k < limit:
        if ctx.quote_of[k] >= 0 and ctx.quote_of[k] != ctx.quote_of[token]:
            k = ctx.quotes[ctx.quote_of[k]][1] + 1
            continue
        if ctx.lower[k] in CLAUSE_BOUNDARY or (ctx.lower[k] in (".", "!", "?") and ctx.tag[k] == "$."):
            return k
        if ctx.lower[k] == "(":
            close = next((m for m in range(k + 1, min(limit, k + 10)) if ctx.lower[m] == ")"), None)
            k = (close + 1) if close is not None else k + 1
            continue
        k += 1
    return limit


def content_end(ctx: Context, start: int, end: int) -> int:
    """Strip trailing punctuation from the token range ``[start, end)``; returns the new end."""
    while end > start and (ctx.lower[end - 1] in SENTENCE_PUNCT or ctx.lower[end - 1] in (",", "–", "-")) and ctx.quote_of[end - 1] < 0:
        end -= 1
    return end


def has_finite(ctx: Context, start: int, end: int) -> bool:
    return any(ctx.tag[k] in FINITE and ctx.quote_of[k] < 0 for k in range(start, end))


def finite_of(ctx: Context, token: int, start: int, end: int) -> int | None:
    """The finite verb of the clause ``[start, end)`` that contains the non-finite verb ``token``."""
    if ctx.tag[token] in FINITE:
        return token
    for k in range(start, end):
        if ctx.tag[k] in FINITE and ctx.quote_of[k] < 0:
            return k
    if ctx.tag[token] == "VVINF" and (token == 0 or ctx.tag[token - 1] != "PTKZU"):
        return token  # plural present tagged as infinitive ("Experten argumentieren")
    return None


def is_passive(ctx: Context, token: int, start: int, end: int) -> bool:
    if ctx.tag[token] != "VVPP":
        return False
    return any(ctx.lemma[k] == "werden" and ctx.tag[k] in ("VAFIN", "VAPP", "VAINF") for k in range(start, end) if k != token)


def coordination_end(ctx: Context, verb: int, boundary: int) -> int:
    """``X sprach von „…“ und forderte …, dass …``: a clause ends before "und" + a new finite verb.

    The content after the second predicate belongs to that predicate's cue, not to ``verb``.
    """
    for k in range(verb + 1, boundary - 1):
        if (ctx.quote_of[k] < 0 and ctx.tag[k] == "KON" and ctx.lower[k] in ("und", "oder", "sowie")
                and ctx.tag[k + 1] in FINITE and ctx.quote_of[k + 1] < 0):
            return k
    return boundary


def main_finite_before(ctx: Context, token: int, start: int) -> int | None:
    """The last finite verb before ``token`` that is not in a subordinate or relative clause."""
    for x in range(token - 1, start - 1, -1):
        if ctx.tag[x] in FINITE and ctx.quote_of[x] < 0:
            c0 = clause_start(ctx, x, start)
            if not (ctx.tag[c0] in SUBORD and c0 != x):
                return x
    return None
