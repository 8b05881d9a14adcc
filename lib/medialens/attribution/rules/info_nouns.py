"""Information nouns ("Angaben", "Bericht", "Polizeiangaben") and the sources they name."""

from __future__ import annotations

from medialens.attribution.rules.context import Context, GENITIVE_ARTICLES, is_noun
from medialens.attribution.rules.phrases import np_right


def info_entry(ctx: Context, token: int) -> tuple[str, bool, frozenset[str]] | None:
    """(noun, is compound, prepositions) when token ``token`` is an information noun."""
    if not is_noun(ctx, token):
        return None
    lem = ctx.lemma[token]
    hit = None
    if lem in ctx.lexicon.info_nouns:
        hit = (lem, False)
    else:
        for noun, (compound, _, _) in ctx.lexicon.info_nouns.items():
            if compound and lem.endswith(noun) and len(lem) > len(noun) + 2:
                hit = (noun, True)
                break
    if hit is None:
        return None
    _, preps, plural = ctx.lexicon.info_nouns[hit[0]]
    if plural and not ctx.lower[token].endswith(("n", "e")):
        return None
    return hit[0], hit[1], preps


def info_head(ctx: Context, token: int) -> bool:
    return info_entry(ctx, token) is not None


def info_preps(ctx: Context, token: int) -> frozenset[str]:
    e = info_entry(ctx, token)
    return e[2] if e else frozenset()


def info_source(ctx: Context, np_start: int, head: int, limit: int) -> tuple[tuple[int, int] | None, bool, bool]:
    """Source of an information-noun phrase: (span, info_only, possessive)."""
    lw, pos = ctx.lower, ctx.tag
    k = head + 1
    entry = info_entry(ctx, head)
    if entry is not None and entry[1]:  # a compound names its source ("Polizeiangaben")
        return (np_start, head + 1), True, False
    if k < limit and lw[k] in GENITIVE_ARTICLES and pos[k] == "ART":
        end = np_right(ctx, k, limit)
        if end:
            return (k, end), False, False
    if k < limit and lw[k] in ("von", "vom"):
        end = np_right(ctx, k + 1, limit)
        if end:
            return (k + 1, end), False, False
    if k + 1 < limit and pos[k] == "ADJA" and lw[k].endswith("er") and is_noun(ctx, k + 1):
        end = np_right(ctx, k, limit)  # a genitive plural without article: "Berichten russischer Medien"
        if end:
            return (k, end), False, False
    if k < limit and pos[k] == "NE":
        end = k
        while end < limit and pos[end] == "NE":
            end += 1
        return (k, end), False, False
    possessive = any(pos[m] == "PPOSAT" or lw[m].startswith("eigen") or lw[m] in ("deren", "dessen")
                     for m in range(np_start, head))
    return (np_start, head + 1), True, possessive


def bare_info(ctx: Context, span: tuple[int, int] | None) -> bool:
    """An information noun without any typed complement ("Berichten", "ersten Meldungen")."""
    if span is None:
        return True
    return not any(ctx.tag[k] == "NE" for k in range(*span))
