"""After all cues are known: relay chains ("A unter Berufung auf B", "X sagte laut Y"), reported
statements inside other content, and the quotations left over."""

from __future__ import annotations

from medialens.attribution.rules.context import CLAUSE_BOUNDARY, Context, Found, cue_sentence
from medialens.attribution.rules.clauses import clause_start, content_end, coordination_end
from medialens.attribution.rules.according import add_according
from medialens.attribution.rules.unattributed import attach_quotes


def attach_relays_and_quotes(ctx: Context) -> None:
    """Relay chains, "X sagte laut Y", and quotations without a cue of their own."""
    attach_berufung_relays(ctx)
    nested_according_to(ctx)
    drop = laut_relays(ctx) + reported_inside_content(ctx)
    if drop:
        ctx.found = [f for f in ctx.found if all(f is not d for d in drop)]
    trim_reported(ctx)
    attach_quotes(ctx)


def attach_berufung_relays(ctx: Context) -> None:
    """``A meldete unter Berufung auf B``: B becomes the source and A the relay of A's attribution."""
    for sent, start, end, token, span in ctx.pending_relays:
        if token in ctx.used:
            continue
        cue = (token, token + 1, token + 2)
        candidates = [f for f in ctx.found if f.cue and cue_sentence(ctx, f) == sent and f.via is None]
        if not candidates:
            content = (start, content_end(ctx, start, end))
            if content[1] > content[0]:
                add_according(ctx, sent, start, end, content, span, cue, kind="relay")
            continue
        found = min(candidates, key=lambda f: abs(f.cue[0] - token))
        found.via, found.source = found.source, span
        found.anonymous = False
        found.extra_cue = found.extra_cue + cue
        ctx.used.update(cue)
        for other in ctx.found:  # a quote split off the same cue follows the relay
            if other is not found and other.cue == found.cue and other.via is None:
                other.via, other.source = found.via, found.source


#: Kinds of according-to rows that a speaker can relay inside their statement.
RELAYABLE = frozenset({"laut", "zufolge", "info"})


def nested_according_to(ctx: Context) -> None:
    """``X sagte, Meldungen zufolge seien …``: the inner cue names the source, X relays it.

    The according-to row keeps only the speaker's content and takes the speaker as its relay.
    """
    for inner in ctx.found:
        if inner.kind not in RELAYABLE or not inner.cue or inner.via is not None:
            continue
        sent = cue_sentence(ctx, inner)
        outer = next((g for g in ctx.found if g is not inner and g.kind in ("verb", "noun") and g.content
                      and g.source is not None and g.content[0] <= inner.cue[0] < g.content[1]
                      and cue_sentence(ctx, g) == sent), None)
        if outer is not None:
            inner.content = outer.content
            inner.via = outer.source
            inner.rule = "nested_according_to"


def laut_relays(ctx: Context) -> list[Found]:
    """``X sagte laut Y``: Y relays X; the laut/zufolge rows that became relays (to drop)."""
    drop: list[Found] = []
    for relay in ctx.found:
        if relay.kind not in ("laut", "zufolge") or relay.info_only or relay.source is None:
            continue
        sent = cue_sentence(ctx, relay)
        for found in ctx.found:
            if found is relay or found.kind not in ("verb", "so") or found.source is None or found.via is not None:
                continue
            if cue_sentence(ctx, found) != sent or (
                    found.content and found.content[0] <= relay.cue[0] < found.content[1]):
                continue
            found.via = relay.source
            drop.append(relay)
            break
    return drop


def reported_inside_content(ctx: Context) -> list[Found]:
    """Reported statements inside another attribution's content (part of that content; to drop)."""
    return [f for f in ctx.found if f.kind == "reported" and f.cue and any(
        g is not f and g.content and g.kind != "reported" and g.content[0] <= f.cue[0] < g.content[1]
        for g in ctx.found)]


def trim_reported(ctx: Context) -> None:
    """A reported statement ends where a later attribution of the same sentence begins.

    ``X forderte das Verbot nach einer Erklärung, in der Y vorgeworfen wird, …`` and
    ``X bezeichnete … und kündigte an, …``: the second predicate has its own row, so the reported
    row keeps only the clause(s) before it (up to the "und" or comma that joins them).
    """
    for f in ctx.found:
        if f.kind != "reported" or not f.cue or not f.content:
            continue
        a, b = f.content
        later = [min((g.cue[0],) if g.cue else (g.content[0],)) for g in ctx.found
                 if g is not f and g.content and g.kind != "reported" and g.form in ("indirect", "direct")
                 and a <= g.content[0] < b and g.cue and g.cue[0] > f.cue[-1]
                 and ctx.sent_of[g.cue[0]] == ctx.sent_of[f.cue[0]]]
        if not later:
            continue
        k = min(later)
        cut = clause_start(ctx, k, f.cue[-1] + 1)
        if cut <= f.cue[-1] + 1:  # no boundary between the two predicates: look for "und" + verb
            cut = coordination_end(ctx, f.cue[-1], k + 1)
        while cut > f.cue[-1] + 1 and (ctx.lower[cut - 1] in CLAUSE_BOUNDARY or ctx.tag[cut - 1] == "KON"):
            cut -= 1
        if f.cue[-1] < cut < b:
            f.content = (a, cut)
