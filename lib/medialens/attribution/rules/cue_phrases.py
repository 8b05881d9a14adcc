"""Cue phrases inside a clause: wie-clauses, "unter Berufung auf", source prepositions, unnamed sources."""

from __future__ import annotations

from medialens.attribution.rules.context import CLAUSE_BOUNDARY, Context, SOURCE_PREPOSITIONS, is_noun
from medialens.attribution.rules.clauses import is_passive
from medialens.attribution.rules.phrases import agent, np_right, subject_after, time_np


def wie_end(ctx: Context, token: int, s_end: int) -> int:
    """End of a wie-clause: the first boundary after its first verb (appositions are crossed)."""
    seen_verb = False
    k = token + 1
    while k < s_end:
        if ctx.quote_of[k] >= 0:
            k = ctx.quotes[ctx.quote_of[k]][1] + 1
            continue
        if ctx.tag[k].startswith("V"):
            seen_verb = True
        elif ctx.lower[k] in CLAUSE_BOUNDARY or (ctx.tag[k] == "$." and ctx.lower[k] in (".", "!", "?")):
            if seen_verb or ctx.lower[k] != ",":
                return k
        k += 1
    return s_end


def wie_predicate(ctx: Context, token: int, end: int):
    """``wie X berichtete`` / ``wie bekannt wurde`` / ``wie es in X hieß``: (cue, source, anonymous, relay)."""
    verbs = [k for k in range(token + 1, end) if ctx.tag[k].startswith("V") and ctx.quote_of[k] < 0]
    if not verbs:
        return None
    relay = relay_in(ctx, token + 1, end)
    impersonal = impersonal_wie_predicate(ctx, token, end)
    if impersonal is not None:
        return impersonal
    main = reporting_verb_among(ctx, verbs)
    if main is None:
        return None
    if is_passive(ctx, main, token, end):
        src = agent(ctx, token + 1, main)
    else:
        src = subject_after(ctx, token + 1, main, apposition=False)
    if relay is not None and src is not None and src[1] > relay[0] - 3:
        src = (src[0], relay[0] - 3)  # the relaying source ends before "unter Berufung auf"
    return (main,), src, src is None, relay


def impersonal_wie_predicate(ctx: Context, token: int, end: int):
    """``wie bekannt wurde`` / ``wie aus X verlautete`` / ``wie es in X hieß``, or ``None``."""
    lw, lem = ctx.lower, ctx.lemma
    for k in range(token + 1, end):
        if lw[k] == "bekannt" and k + 1 < end and lem[k + 1] == "werden":
            src = source_pp(ctx, token + 1, k)
            return (k, k + 1), src, src is None, None
        if lem[k] == "hervorgehen":  # "wie aus dem Bericht hervorgeht"
            src = source_pp(ctx, token + 1, k)
            return ((k,), src, False, None) if src is not None and lw[src[0] - 1] == "aus" else None
        if lem[k] == "verlauten":
            src = source_pp(ctx, token + 1, k)
            return (k,), src, src is None or anonymous_span(ctx, src), None
        if lem[k] == "heißen" and (lw[k - 1] == "es" or (k + 1 < end and lw[k + 1] == "es")):
            src = source_pp(ctx, token + 1, end)
            return (k,), src, src is None, None
    return None


def reporting_verb_among(ctx: Context, verbs: list[int]) -> int | None:
    """The last full verb of the clause if it is a reporting verb (also "mit-" + "geteilt" split)."""
    lexicon = ctx.lexicon
    for k in reversed(verbs):
        if not ctx.tag[k].startswith("VV"):
            continue
        lemma = ctx.lemma[k]
        entry = lexicon.verbs.get(lemma)
        if entry is None and k > 0 and lemma in lexicon.particles and ctx.lower[k - 1] in lexicon.particles[lemma]:
            entry = lexicon.verbs.get(lexicon.particles[lemma][ctx.lower[k - 1]])
        return k if entry is not None else None
    return None


def relay_in(ctx: Context, start: int, sent_end: int) -> tuple[int, int] | None:
    for k in range(start, sent_end - 3):
        if ctx.lower[k] in ("unter", "mit") and ctx.lemma[k + 1] in ("berufung", "verweis") and ctx.lower[k + 2] == "auf":
            end = np_right(ctx, k + 3, sent_end)
            if end:
                ctx.used.update((k, k + 1, k + 2))
                return (k + 3, end)
    return None


def source_pp(ctx: Context, start: int, sent_end: int) -> tuple[int, int] | None:
    for k in range(start, sent_end):
        if ctx.lower[k] in SOURCE_PREPOSITIONS and ctx.tag[k] in ("APPR", "APPRART"):
            end = np_right(ctx, k + 1, sent_end)
            if end and not time_np(ctx, k + 1, end):  # "im Juni", "am Montag" date the statement
                return (k + 1, end)
    return None


def anonymous_span(ctx: Context, span: tuple[int, int] | None) -> bool:
    if span is None:
        return True
    heads = [k for k in range(*span) if is_noun(ctx, k) or ctx.tag[k] in ("PIS", "PPER")]
    if not heads:
        return False
    h = ctx.lemma[heads[-1]] if ctx.tag[heads[-1]] != "PIS" else ctx.lower[heads[-1]]
    h0 = ctx.lemma[heads[0]]
    return (
        any(x in ctx.lexicon.anonymous_words for x in (h, h0))
        or any(h.endswith(suf) or h0.endswith(suf) for suf in ctx.lexicon.anonymous_suffixes)
    ) and not any(ctx.tag[k] == "NE" for k in range(*span))
