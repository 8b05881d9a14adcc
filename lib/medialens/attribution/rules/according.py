"""According-to cues: laut, zufolge, so, wie-clauses, hieß es, demnach, "unter Berufung auf"."""

from __future__ import annotations

from medialens.attribution.rules.context import (
    QUOTE_MARKS,
    SUBORD,
    ANAPHORS,
    Context,
    DET,
    ELLIPTICAL_CUE_ADVERBS,
    FINITE,
    Found,
    add,
    is_noun,
    is_punct,
    previous_attribution,
    sent_range,
)
from medialens.attribution.rules.quotes import quote_opens_content, title_like
from medialens.attribution.rules.clauses import clause_end, clause_start, content_end, has_finite
from medialens.attribution.rules.phrases import np_left, np_right, phrase_head, speaker_phrase
from medialens.attribution.rules.cue_phrases import anonymous_span, relay_in, source_pp, wie_end, wie_predicate
from medialens.attribution.rules.content import find_content, fronted_phrase_only, left_is_content
from medialens.attribution.rules.verbs import split_quote_followers
from medialens.attribution.rules.info_nouns import bare_info, info_head, info_preps, info_source


def content_around(ctx: Context, sent: int, start: int, end: int, token: int, cue_end: int) -> tuple[int, int] | None:
    """Content for a cue embedded in a clause: the sentence, or the part before/after it."""
    lo = start
    for k in range(token - 1, start - 1, -1):
        if ctx.lower[k] in (";", ":") and ctx.quote_of[k] < 0:
            lo = k + 1
            break
    hi = content_end(ctx, start, end)
    for k in range(cue_end, end):
        if ctx.lower[k] in (";", ":") and ctx.quote_of[k] < 0:
            hi = content_end(ctx, lo, k)
            break
    if lo >= hi:
        return None
    sub = subordinate_clause_of(ctx, token, lo, hi)
    return sub or (lo, hi)


def subordinate_clause_of(ctx: Context, token: int, floor: int, ceiling: int) -> tuple[int, int] | None:
    """The subordinate or relative clause a cue stands in ("…, da nach Angaben der Firma … war"), if any.

    An according-to phrase inside such a clause qualifies only that clause, not the main clause.
    """
    first = clause_start(ctx, token, floor)
    if first <= floor or ctx.tag[first] not in SUBORD or ctx.lower[first] == "wie":
        return None
    stop = clause_end(ctx, token, ceiling)
    while stop < ceiling and not any(ctx.tag[k] in FINITE for k in range(first, stop)):
        stop = clause_end(ctx, stop, ceiling)  # the clause runs on to its verb-final finite verb
    stop = content_end(ctx, first, min(stop, ceiling))
    return (first, stop) if stop > token else None


def direct_or_content(ctx: Context, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """If the content span is exactly one quotation, return it as direct."""
    lo, hi = span
    while lo < hi and is_punct(ctx, lo) and ctx.quote_of[lo] < 0:
        lo += 1
    if lo < hi and ctx.quote_of[lo] >= 0 and ctx.quotes[ctx.quote_of[lo]][0] == lo:
        o, c = ctx.quotes[ctx.quote_of[lo]]
        if c + 1 >= hi or all(is_punct(ctx, k) for k in range(c + 1, hi)):
            return "direct", (o, c + 1)
    return "according_to", span


def add_according(ctx: Context, sent, start, end, span, source, cue, *, anonymous=False, info_only=False, kind="",
                   antecedent=None, extra=()):
    if kind == "info_anaphor" and antecedent is None:
        antecedent = previous_attribution(ctx, sent)  # "nach eigenen Angaben", "seiner Meinung nach"
    form, span2 = direct_or_content(ctx, span)
    relayed = relative_relay(ctx, source, end) if source is not None else None
    via = None
    if relayed is not None:  # "laut Berichten russischer Medien, die sich auf das Ministerium berufen"
        via, source, anonymous, info_only = source, relayed, False, False
    f = add(ctx, Found(form, ctx.sent_of[span2[0]], span2, source, cue, anonymous=anonymous, info_only=info_only,
                       kind=kind, antecedent=antecedent, extra_cue=extra, via=via))
    if form == "direct":
        ctx.used.add(-(ctx.quote_of[span2[0]] + 1))
    return f


#: Verbs of a relative clause that names the source a relay relies on ("die sich auf X berufen").
RELYING_VERBS = frozenset({"berufen", "stützen", "beziehen"})


def relative_relay(ctx: Context, source: tuple[int, int], end: int) -> tuple[int, int] | None:
    """``X, die sich auf Y berufen``: Y, the source that X relays; else ``None``."""
    at = source[1]
    if at + 4 >= end or ctx.lower[at] != "," or ctx.tag[at + 1] != "PRELS" or ctx.lower[at + 2] != "sich":
        return None
    if ctx.lower[at + 3] != "auf":
        return None
    np_end = np_right(ctx, at + 4, end)
    stop = clause_end(ctx, at + 1, end)
    if np_end is None or not any(ctx.lemma[k] in RELYING_VERBS for k in range(np_end, stop)):
        return None
    ctx.used.update(range(at, stop))
    return at + 4, np_end


def content_for_clause_cue(ctx: Context, start: int, sent_end: int, cue_start: int, cue_end: int) -> tuple[int, int] | None:
    """Content of a sentence with a subordinate cue clause ``[cue_start, cue_end)`` (a wie-clause)."""
    end = content_end(ctx, start, sent_end)
    if cue_start <= start + 1 and cue_end < end:  # cue clause first: content follows
        lo = cue_end + 1 if cue_end < sent_end and ctx.lower[cue_end] == "," else cue_end
        return (lo, end) if end > lo else None
    if cue_end >= end:  # cue clause last
        hi = content_end(ctx, start, cue_start)
        return (start, hi) if hi > start else None
    return (start, end)


def name_token_end(ctx: Context, token: int, end: int) -> int | None:
    """A source written as a quoted name ("laut „Welt“") or a web address ("laut bildblog.de")."""
    if token >= end:
        return None
    quote = ctx.quote_of[token]
    if quote >= 0 and ctx.quotes[quote][0] == token and ctx.quotes[quote][1] < end and title_like(ctx, quote):
        return ctx.quotes[quote][1] + 1
    word = ctx.word[token]
    if "." in word.strip(".") and any(ch.isalpha() for ch in word):
        return token + 1
    return None


def cue_relative(ctx: Context, sent, start, sent_end, token, tokens) -> None:
    """``Berichte, wonach …`` / ``Umfragen, nach denen …`` / ``…, denen zufolge …``: the noun before the
    comma is the source, the clause after the cue the content."""
    if token < start + 2 or ctx.lower[token - 1] != ",":
        return
    src_start = np_left(ctx, token - 2, start)
    first = token + len(tokens)
    end = content_end(ctx, first, clause_end(ctx, first, sent_end) if ctx.lower[first - 1] != "wonach" else sent_end)
    if src_start is None or end <= first or legal_basis(ctx, (src_start, token - 1)):
        return
    source = (src_start, token - 1)
    head = next((k for k in range(*source) if is_noun(ctx, k)), None)
    info_only = head is not None and info_head(ctx, head)
    add_according(ctx, sent, start, sent_end, (first, end), source, tuple(range(token, first)),
                  anonymous=info_only and bare_info(ctx, source), info_only=info_only, kind="relative")
    ctx.used.update(range(token, first))


def legal_basis(ctx: Context, span: tuple[int, int]) -> bool:
    """Whether a phrase names a legal text (its first noun, see ``legal_bases.tsv``)."""
    head = next((k for k in range(*span) if is_noun(ctx, k) or ctx.word[k] == "§"), None)
    numbered = head is not None and head + 1 < ctx.n_tokens and ctx.tag[head + 1] == "CARD"
    return head is not None and ctx.lexicon.is_legal_basis(ctx.lemma[head], numbered=numbered)


def own_reporting(ctx: Context, token: int, end: int) -> bool:
    """"Wie (bereits) berichtet" / "wie gemeldet": adverbs and one full verb, no subject, no auxiliary."""
    inside = range(token + 1, end)
    verbs = [k for k in inside if ctx.tag[k].startswith("V")]
    return (len(verbs) == 1 and ctx.tag[verbs[0]] in ("VVPP", "VVFIN")
            and all(ctx.tag[k] in ("ADV", "ADJD") for k in inside if k != verbs[0]))


def cue_wie(ctx: Context, sent, start, sent_end, token, tokens) -> None:
    if token > start and ctx.lower[token - 1] not in (",", "–", "(") and not (ctx.quote_of[token - 1] >= 0):
        return
    end = wie_end(ctx, token, sent_end)
    pred = wie_predicate(ctx, token, end)
    if pred is None:
        return
    cue_tokens, source, anonymous, relay = pred
    if source is None and own_reporting(ctx, token, end):
        return  # "Wie (bereits) berichtet, …": the outlet refers to its own reporting
    content = content_for_clause_cue(ctx, start, sent_end, token, end)
    if content is None:
        return
    via = None
    if relay is not None:
        via, source = source, relay
    f = add_according(ctx, sent, start, sent_end, content, source, (token,) + cue_tokens, anonymous=anonymous, kind="wie")
    f.via = via
    ctx.used.update(range(token, end))


def cue_impersonal(ctx: Context, sent, start, sent_end, token, tokens) -> None:
    """``hieß es (in/aus X)``; ``es hieß``."""
    k_verb = token if ctx.lemma[token] == "heißen" else token + 1
    c0 = clause_start(ctx, k_verb, start)
    r = clause_end(ctx, max(token + 1, k_verb), sent_end)  # "hieß es: …" and "hatte es geheißen: …"
    if ctx.lower[c0] == "wie":
        return
    fronted = c0 > start and ctx.lower[c0 - 1] == "," and fronted_phrase_only(ctx, start, c0 - 1)
    if fronted:  # "In dem Bericht, der am Montag erschien, heißt es, …": the phrase before names the source
        c0 = start
    src = source_pp(ctx, c0, clause_end(ctx, c0, r) if fronted else r)
    relay = relay_in(ctx, c0, r)
    anonymous = src is None or anonymous_span(ctx, src)
    cue = (token, token + 1)
    if c0 > start and ctx.lower[c0 - 1] == "," and c0 == min(cue):
        left = (start, c0 - 1)
        q = ctx.close_to_quote.get(c0 - 2)
        if q is not None and quote_opens_content(ctx, q, start):
            o, c = ctx.quotes[q]
            add(ctx, Found("direct", ctx.sent_of[o], (o, c + 1), src, cue, anonymous=anonymous, kind="impersonal"))
            ctx.used.add(-(q + 1))
            return
        end = content_end(ctx, *left)
        if end > start:
            f = add(ctx, Found("according_to", sent, (start, end), src, cue, anonymous=anonymous, kind="impersonal"))
            if relay:
                f.via, f.source, f.anonymous = src, relay, False
        return
    content = find_content(ctx, r, sent_end, "say") if r < sent_end else None
    if content is None:
        return
    form, span = content
    form = "direct" if form == "direct" else "according_to"
    f = add(ctx, Found(form, ctx.sent_of[span[0]], span, src, cue, anonymous=anonymous, kind="impersonal"))
    if form == "direct":
        ctx.used.add(-(ctx.quote_of[span[0]] + 1))
    if relay:
        f.via, f.source, f.anonymous = src, relay, False


def cue_anonymous(ctx: Context, sent, start, sent_end, token, tokens) -> None:
    """``Es wurde bekannt, dass …`` / ``…, verlautete aus X``."""
    k = token + len(tokens) - 1
    if k + 1 < sent_end and ctx.tag[k + 1] == "VVPP":
        return  # "wurde bekannt gegeben": the verb rule reads the participle (and its agent)
    c0 = clause_start(ctx, token, start)
    if ctx.lower[c0] == "wie":
        return
    r = clause_end(ctx, k, sent_end)
    src = source_pp(ctx, c0, r)
    anonymous = src is None or anonymous_span(ctx, src)
    cue = tuple(range(token, k + 1))
    if ctx.lemma[token] != "verlauten" and not any(ctx.lower[m] == "es" for m in range(c0, r)) and not (
            r + 1 < sent_end and ctx.lower[r] == "," and ctx.lower[r + 1] in ("dass", "daß", "ob")):
        return  # "X ist bekannt geworden" is not an attribution; "Es wurde bekannt, dass …" / "wurde bekannt, dass" is
    if c0 > start and ctx.lower[c0 - 1] == "," and left_is_content(ctx, (start, c0 - 1)) and ctx.tag[c0].startswith("V"):
        end = content_end(ctx, start, c0 - 1)
        if end > start:
            add(ctx, Found("according_to", sent, (start, end), src, cue, anonymous=anonymous, kind="anonymous"))
        return
    content = find_content(ctx, r, sent_end, "say") if r < sent_end else None
    if content is None:
        return
    form, span = content
    if form == "direct":
        ctx.used.add(-(ctx.quote_of[span[0]] + 1))
    add(ctx, Found("direct" if form == "direct" else "according_to", ctx.sent_of[span[0]], span, src, cue,
                   anonymous=anonymous, kind="anonymous"))


def cue_relay(ctx: Context, sent, start, sent_end, token, tokens) -> None:
    """``unter Berufung auf B`` without another cue in the sentence: source B."""
    end = np_right(ctx, token + len(tokens), sent_end)
    if not end or legal_basis(ctx, (token + len(tokens), end)):
        return  # "unter Berufung auf Artikel 4 der Verfassung": a legal basis, not a source
    ctx.pending_relays.append((sent, start, sent_end, token, (token + len(tokens), end)))


def cue_so(ctx: Context, sent, start, sent_end, token, tokens) -> None:
    """``…, so X.`` / ``„…“, so X weiter.``"""
    if token == start or ctx.lower[token - 1] not in (",", "–") and not (token - 1 in ctx.close_to_quote):
        return
    c0 = clause_start(ctx, token, start)
    r = clause_end(ctx, token, sent_end)
    end = np_right(ctx, token + 1, r, apposition=True)
    if end is None:
        return
    tail = [k for k in range(end, r) if not is_punct(ctx, k)]
    rest_ok = all(ctx.tag[k] in ("ADV", "APPRART", "NN", "ADJA", "CARD", "ART", "APPR", "NE", "PTKVZ")
                  or ctx.lower[k] in ELLIPTICAL_CUE_ADVERBS
                  or ctx.word[k] in QUOTE_MARKS for k in tail)  # ", so der Minister weiter am Montag."
    if not rest_ok or any(ctx.tag[k] in FINITE for k in tail):
        return
    source = (token + 1, end)
    lb = token - 1 if ctx.lower[token - 1] in (",", "–") else token
    q = ctx.close_to_quote.get(lb - 1)
    if q is not None and quote_opens_content(ctx, q, start):
        o, c = ctx.quotes[q]
        att = add(ctx, Found("direct", ctx.sent_of[o], (o, c + 1), source, (token,), kind="so"))
        ctx.used.add(-(q + 1))
        split_quote_followers(ctx, att, (o, c + 1), sent_end)
        return
    hi = content_end(ctx, start, lb)
    if inserted_so(ctx, r, sent_end):  # "Die Lage sei, so der Minister, weiter angespannt."
        hi = content_end(ctx, start, sent_end)
    if hi <= start or not has_finite(ctx, start, hi):
        return
    add(ctx, Found("according_to", sent, (start, hi), source, (token,), kind="so"))


def inserted_so(ctx: Context, r: int, sent_end: int) -> bool:
    """Whether a "so X" phrase ending at token ``r`` is inserted in its sentence: a comma or dash closes
    it and the sentence goes on ("Der Plan sei, so die Ministerin, nicht zu halten"); the content is
    then the whole sentence (the cue and source are not content, see the package docstring)."""
    if r + 1 >= sent_end or ctx.lower[r] not in (",", "–", "-") or ctx.quote_of[r] >= 0:
        return False
    stop = content_end(ctx, r + 1, clause_end(ctx, r + 1, sent_end))
    finite = [k for k in range(r + 1, stop) if ctx.tag[k] in FINITE and ctx.quote_of[k] < 0]
    if ctx.tag[r + 1] in ("VVPP", "PRELS", "PRELAT") or (finite and finite[-1] == stop - 1 and finite[0] > r + 2):
        return False  # "…, so X, verbunden mit …", "…, so X, der/in der … war": an addition to the source
    k = r + 1
    while k < sent_end:  # the sentence goes on with a verb of its own (not a relative clause's)
        if ctx.tag[k] in ("PRELS", "PRELAT"):
            k = clause_end(ctx, k, sent_end)
        elif ctx.quote_of[k] < 0 and ctx.tag[k].startswith("V"):
            return True
        k += 1
    return False


def cue_prep(ctx: Context, sent, start, sent_end, token, tokens) -> None:
    """``laut X`` / ``laut Angaben von X``."""
    if ctx.tag[token] not in ("APPR", "ADJD", "ADV", "NN") and ctx.lower[token] != "laut":
        return
    k = token + 1
    while k < sent_end and (ctx.tag[k] in DET or ctx.tag[k] in ("ADJA", "ADJD", "CARD")):
        k += 1
    if k < sent_end and info_head(ctx, k):
        src, info_only, possessive = info_source(ctx, token + 1, k, sent_end)
        cue = (token, k) if not info_only else (token,)
        anonymous = info_only and not possessive and bare_info(ctx, src)
        kind = "info_anaphor" if possessive else "laut"
    else:
        end = np_right(ctx, token + 1, sent_end) or name_token_end(ctx, token + 1, sent_end)
        if end is None or legal_basis(ctx, (token + 1, end)):
            return  # "laut Artikel 5": a legal basis
        if ctx.lower[token] != "laut" and not names_a_speaker(ctx, (token + 1, end)):
            return  # "gemäß der Inflation": only "laut" makes any noun phrase a source
        src, cue, info_only, anonymous, kind = (token + 1, end), (token,), False, False, "laut"
    content = content_around(ctx, sent, start, sent_end, token, k)
    if content is None:
        return
    add_according(ctx, sent, start, sent_end, content, src, cue, anonymous=anonymous, info_only=info_only, kind=kind)
    ctx.used.add(token)


def names_a_speaker(ctx: Context, span: tuple[int, int]) -> bool:
    """A name, a person or body noun, or an outlet noun ("gemäß der Zeitung", "gemäß einem Sprecher")."""
    head = phrase_head(ctx, span)
    return speaker_phrase(ctx, span) or (head is not None and ctx.lexicon.is_media(ctx.lemma[head]))


def cue_postp(ctx: Context, sent, sent_start, end, token, tokens) -> None:
    """``X zufolge`` / ``Angaben der Polizei zufolge`` / ``Berichten zufolge``."""
    if token == sent_start:
        return
    start = np_left(ctx, token - 1, sent_start)
    if start is None:
        return
    head = next((k for k in range(start, token) if is_noun(ctx, k)), None)
    if head is None:
        return
    if info_head(ctx, head):
        src, info_only, possessive = info_source(ctx, start, head, token)
        cue = (head, token) if not info_only else (token,)
        anonymous = info_only and not possessive and bare_info(ctx, src)
        kind = "info_anaphor" if possessive or (info_only and ctx.lower[start] in ("den", "diesen")) else "zufolge"
    else:
        src, cue, info_only, anonymous, kind = (start, token), (token,), False, False, "zufolge"
    if info_only and src is not None:
        src = (start, token)
    content = content_around(ctx, sent, sent_start, end, start, token + 1)
    if content is None:
        return
    add_according(ctx, sent, sent_start, end, content, src, cue, anonymous=anonymous, info_only=info_only, kind=kind)
    ctx.used.update(range(start, token + 1))


def cue_emerge(ctx: Context, sent, start, end, token, tokens) -> None:
    """``Aus dem Bericht geht hervor, dass …`` / ``Das geht aus dem Bericht hervor.``: the aus-phrase
    (a document) is the source; the content is the dass/ob-clause or, after "Das/Dies", the previous sentence."""
    c0 = clause_start(ctx, token, start)
    if c0 == token and c0 - 2 > start and ctx.lower[c0 - 1] == ",":  # "aus X, die …, hervor": skip the insertion
        inserted = clause_start(ctx, c0 - 2, start)
        c0 = clause_start(ctx, inserted - 2, start) if inserted - 2 > start else c0
    finite = next((k for k in range(c0, token) if ctx.tag[k] in FINITE and ctx.lemma[k] == "gehen"), None)
    aus = next((k for k in range(c0, token) if ctx.lower[k] == "aus" and ctx.tag[k] == "APPR"), None)
    if finite is None or aus is None or ctx.quote_of[token] >= 0 or any(
            ctx.lower[k] in ("nicht", "nie") for k in range(finite, token)):
        return  # "Aus der Statistik geht nicht hervor, ob …": nothing is stated
    src_end = np_right(ctx, aus + 1, token + 1 if aus > finite else finite)
    if src_end is None:
        return
    cue, source = (finite, token), (aus + 1, src_end)
    if ctx.lower[c0] in ANAPHORS and finite == c0 + 1 and sent > 0:
        prev_start, prev_end = sent_range(ctx, sent - 1)
        hi = content_end(ctx, prev_start, prev_end)
        if hi > prev_start:
            add(ctx, Found("according_to", sent - 1, (prev_start, hi), source, cue, kind="emerge"))
        return
    if token + 2 < end and ctx.lower[token + 1] == "," and ctx.lower[token + 2] in ("dass", "ob"):
        hi = content_end(ctx, token + 2, clause_end(ctx, token + 2, end))
        add(ctx, Found("according_to", sent, (token + 2, hi), source, cue, kind="emerge"))


def cue_carry_document(ctx: Context, sent, start, end, token, tokens) -> None:
    """``Die Stiftung stellte eine Studie vor. Danach …``: "danach" opening a sentence stands for the
    document or finding named in the sentence just before (same paragraph; the nouns with "danach" in
    ``info_nouns.tsv``); otherwise it is temporal."""
    if token != start or sent == 0 or ctx.sentences[sent - 1].paragraph != ctx.sentences[sent].paragraph:
        return
    if token + 1 < end and is_punct(ctx, token + 1):
        return
    before, _ = sent_range(ctx, sent - 1)
    if any("danach" in info_preps(ctx, k) for k in range(before, start) if ctx.quote_of[k] < 0):
        cue_carry(ctx, sent, start, end, token, tokens)


def cue_carry(ctx: Context, sent, start, end, token, tokens) -> None:
    """``Demnach …``: the previous source continues."""
    prev = previous_attribution(ctx, sent)
    content = content_around(ctx, sent, start, end, token, token + 1)
    if content is None:
        return
    # the adverb stands for the previous source, like a pronoun: its type comes from there
    add_according(ctx, sent, start, end, content, (token, token + 1), (token,), anonymous=prev is None or prev.anonymous,
                        kind="carry", antecedent=prev)
    ctx.used.add(token)
