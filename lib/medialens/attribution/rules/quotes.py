"""Quotation marks: pairing them into quotations, and telling quotations from quoted names."""

from __future__ import annotations

from medialens.attribution.rules.context import Context, DET, OPENERS, QUOTE_MARKS, is_punct, sent_range


def find_quotes(ctx: Context) -> None:
    """Pair quotation marks within each paragraph; record top-level quotes."""
    stack: list[tuple[str, int]] = []
    para = -1
    for i, w in enumerate(ctx.word):
        if ctx.para_of[i] != para:
            if len(stack) == 1 and i > 0:
                close_at_paragraph_end(ctx, stack[0][1], i - 1)
            stack = []
            para = ctx.para_of[i]
        if w not in QUOTE_MARKS:
            continue
        if stack and w in OPENERS[stack[-1][0]]:
            _, o = stack.pop()
            if not stack:
                add_quote(ctx, o, i)
            continue
        if w in ("‘", "’", "”"):
            continue  # apostrophe or stray closer
        if w == "“" and stack and stack[-1][0] == "„":
            continue
        if w == "«" and stack and stack[-1][0] == "»":
            continue
        if len(stack) < 3:
            stack.append((w, i))
    if len(stack) == 1:
        close_at_paragraph_end(ctx, stack[0][1], ctx.n_tokens - 1)


def close_at_paragraph_end(ctx: Context, opener: int, last: int) -> None:
    """A quotation left open at the end of its paragraph runs to the paragraph end.

    German typesetting opens every paragraph of a multi-paragraph quotation with a quotation
    mark and closes only the last one; a missing closing mark is also treated this way. Only an
    opener at the start of a sentence or after a colon, followed by a clause with a verb, counts.
    """
    if ctx.word[opener] not in ("„", "»", "«", "“", '"'):
        return
    a, _ = sent_range(ctx, ctx.sent_of[opener])
    if not (opener == a or ctx.lower[opener - 1] == ":"):
        return
    words = [k for k in range(opener + 1, last + 1) if not is_punct(ctx, k)]
    if len(words) < 3 or not any(ctx.tag[k].startswith("V") for k in words):
        return
    while last > opener and ctx.word[last] in QUOTE_MARKS:
        last -= 1
    add_quote(ctx, opener, last)


def add_quote(ctx: Context, opener: int, closer: int) -> None:
    if closer - opener < 2:
        return
    q = len(ctx.quotes)
    ctx.quotes.append((opener, closer))
    ctx.close_to_quote[closer] = q
    for k in range(opener, closer + 1):
        ctx.quote_of[k] = q


def quote_has_verb(ctx: Context, quote: int) -> bool:
    o, c = ctx.quotes[quote]
    return any(ctx.tag[k].startswith("V") for k in range(o + 1, c))


def quote_words(ctx: Context, quote: int) -> int:
    o, c = ctx.quotes[quote]
    return sum(1 for k in range(o + 1, c) if not is_punct(ctx, k))


def title_like(ctx: Context, quote: int) -> bool:
    """A quoted name or scare-quoted term rather than a quotation ("die „Washington Post“")."""
    o, c = ctx.quotes[quote]
    words = [k for k in range(o + 1, c) if not is_punct(ctx, k)]
    if not words:
        return True
    if quote_has_verb(ctx, quote):
        return False
    before = ctx.tag[o - 1] if o > 0 else "$."
    if len(words) == 1:
        return not (ctx.lower[o - 1] == "als" or ctx.word[words[0]][:1].islower())
    if before in DET or before.startswith("N") or before in ("APPR", "APPRART", "ADJA"):
        return name_quote(ctx, quote)
    return False


def name_quote(ctx: Context, quote: int) -> bool:
    """A short quotation whose words are all capitalised: a name or title ("„Silverbird“")."""
    o, c = ctx.quotes[quote]
    words = [k for k in range(o + 1, c) if not is_punct(ctx, k)]
    if not 0 < len(words) <= 8 or quote_has_verb(ctx, quote) or not ctx.word[words[0]][:1].isupper():
        return False
    named = any(ctx.tag[k] in ("NE", "FM") for k in words) or (c + 1 < ctx.n_tokens and ctx.lower[c + 1] == "(")
    return all(
        ctx.word[k][:1].isupper() or ctx.tag[k] in ("NE", "CARD", "FM") or not ctx.word[k][:1].isalpha()
        or (named and ctx.tag[k] in ("ART", "APPR", "APPRART", "KON"))
        for k in words
    )


def quoted_sentence(ctx: Context, quote: int) -> bool:
    """A verbless quoted sentence standing alone: „Ein schwarzer Tag für das Land.“ / „Niemals!“."""
    o, c = ctx.quotes[quote]
    return (c - 1 > o and ctx.lower[c - 1] in (".", "!", "?", "…") and quote_words(ctx, quote) >= 1
            and not title_like(ctx, quote) and (c + 1 >= ctx.n_tokens or ctx.sent_of[c + 1] != ctx.sent_of[o]
                                            or is_punct(ctx, c + 1)))


def quote_in_clause(ctx: Context, verb: int, clause: int, boundary: int) -> tuple[int, int] | None:
    for k in range(verb + 1, boundary):
        q = ctx.quote_of[k]
        if q >= 0 and ctx.quotes[q][0] == k and not title_like(ctx, q):
            o, c = ctx.quotes[q]
            return (o, c + 1)
    return None


def quote_opens_content(ctx: Context, quote: int, left_start: int) -> bool:
    o, _ = ctx.quotes[quote]
    if o < left_start:
        return True
    return all(is_punct(ctx, k) for k in range(left_start, o))
