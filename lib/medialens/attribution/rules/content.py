"""Content clauses: what a reporting clause introduces (a quotation, a colon, a dass/ob/w-clause,
a Konjunktiv or indicative V2 clause, a zu-infinitive, a reason in Konjunktiv I)."""

from __future__ import annotations

from medialens.attribution.rules.context import Context, FINITE, HEARSAY_MODALS, REASON_CONJUNCTIONS, W_WORDS, is_punct, konjunktiv
from medialens.attribution.rules.quotes import title_like
from medialens.attribution.rules.clauses import clause_end, content_end, has_finite
from medialens.attribution.rules.phrases import np_right, relative_clause_at
from medialens.attribution.rules.cue_phrases import wie_end, wie_predicate


def content_stop(ctx: Context, first: int, s_end: int, *, sub: bool = False) -> int:
    """End of a content clause starting at ``first``.

    Stops before a colon or semicolon, before ", denn", before ", und/oder" + finite verb (a new
    coordinated statement) and, when the reporting clause is a fronted subordinate clause
    (``sub``), before ", <finite verb>" (the main clause resumes).
    """
    k = first
    while k < s_end:
        if ctx.quote_of[k] >= 0:
            k = ctx.quotes[ctx.quote_of[k]][1] + 1
            continue
        w = ctx.lower[k]
        if w in (";", ":") and k > first:
            return content_end(ctx, first, k)
        if w in (",", "und") and k > first and k + 1 < s_end and main_clause_resumes(ctx, first, k):
            return content_end(ctx, first, k)
        if w == "," and k > first and k + 1 < s_end:
            n1 = ctx.lower[k + 1]
            if n1 == "denn" or (sub and ctx.tag[k + 1] in FINITE):
                return content_end(ctx, first, k)
            if n1 in ("und", "oder") and k + 2 < s_end and ctx.tag[k + 2] in FINITE:
                return content_end(ctx, first, k)
            if added_by_reporter(ctx, first, k, s_end):
                return content_end(ctx, first, k)
        k += 1
    return content_end(ctx, first, s_end)


#: Conjunctions that open a clause contrasting with reported content ("…, doch X erklärte …").
CONTRAST_OPENERS = frozenset({"doch", "jedoch"})


def added_by_reporter(ctx: Context, first: int, comma: int, s_end: int) -> bool:
    """After Konjunktiv content, ", doch/jedoch" + an indicative clause is the reporter's own addition
    ("er sei tot, doch ein Sprecher erklärte, …"), and ", so X." names the source again."""
    seg_end = clause_end(ctx, comma + 1, s_end)
    word = ctx.lower[comma + 1]
    if word == "so" and ctx.tag[comma + 1] == "ADV" and not has_finite(ctx, comma + 2, seg_end):
        return comma + 2 < seg_end and ctx.tag[comma + 2] in ("ART", "NE", "NN", "PPOSAT", "ADJA")
    if word not in CONTRAST_OPENERS:
        return False
    finite = [m for m in range(comma + 2, seg_end) if ctx.tag[m] in FINITE and ctx.quote_of[m] < 0]
    return bool(finite) and konjunktiv(ctx, finite[0]) == 0 and any(
        konjunktiv(ctx, m) == 1 and ctx.quote_of[m] < 0 for m in range(first, comma))


def main_clause_resumes(ctx: Context, first: int, joint: int) -> bool:
    """``sagte, er sei unschuldig, erkannte das Gericht nicht an``: after content in Konjunktiv, a comma
    or "und" followed by an indicative finite verb continues the reporting clause, not the content."""
    verb = joint + 1
    if ctx.tag[verb] not in FINITE or konjunktiv(ctx, verb) or ctx.quote_of[verb] >= 0:
        return False
    return any(konjunktiv(ctx, k) == 1 and ctx.quote_of[k] < 0 for k in range(first, joint))


def find_content(ctx: Context, boundary: int, s_end: int, use: str, *, sub: bool = False) -> tuple[str, tuple[int, int]] | None:
    """Content of a reporting clause ending at boundary ``boundary``, looking past appositions.

    ``sagte Oberst X, Sprecher der Armee, ohne Details zu nennen, dass …``: later boundaries are tried
    when the segments skipped contain no finite verb.
    """
    r0 = boundary
    for attempt in range(4):
        if r0 >= s_end - 1:
            return None
        res = content_after(ctx, r0, s_end, use, sub=sub)
        if res is not None and (attempt == 0 or res[2]):
            return res[:2]
        if ctx.lower[r0] not in (",",):
            return None
        nxt = clause_end(ctx, r0, s_end)
        if nxt >= s_end or has_finite(ctx, r0 + 1, nxt) or any(ctx.quote_of[k] >= 0 for k in range(r0 + 1, nxt)):
            return None
        r0 = nxt
    return None


def content_after(ctx: Context, boundary: int, s_end: int, use: str, *,
                  sub: bool = False) -> tuple[str, tuple[int, int], bool] | None:
    """Content introduced after the boundary token ``boundary`` of a reporting clause.

    Returns ``(form, token range, strong)``: ``("direct", quote range, True)`` or
    ``("indirect", content range, strong)``, where *strong* marks an unambiguous introduction
    (quotation, colon, dass/ob/w-clause); or ``None``.
    """
    if boundary >= s_end - 1:
        return None
    sep = ctx.lower[boundary]
    first = boundary + 1
    if sep in (":", ","):
        quote = quotation_after(ctx, first, s_end, colon=sep == ":")
        if quote is not None:
            return "direct", quote, True
    if sep == ":":
        end = content_end(ctx, first, s_end)
        return ("indirect", (first, end), True) if end > first else None
    if sep not in (",", "–", "—"):
        return None
    end = content_stop(ctx, first, s_end, sub=sub)
    if end <= first:
        return None
    if introduced_clause(ctx, first, s_end, end):
        return "indirect", (first, end), True
    if (ctx.tag[first] in ("PRELS", "PRELAT", "KON", "KOUS", "KOKOM", "KOUI") or ctx.lower[first] == "wie") and not (
            article_after_verb(ctx, boundary, s_end)):
        return None
    if not bare_content_clause(ctx, first, s_end, use):
        return None
    return "indirect", (first, infinitive_end(ctx, first, end)), False


#: Forms of the definite article that the tagger may read as a relative pronoun.
DEFINITE_ARTICLES = frozenset({"der", "die", "das", "den", "dem"})


def article_after_verb(ctx: Context, comma: int, s_end: int) -> bool:
    """``erklärte, die Lage sei ruhig``: after a reporting verb (or its particle) and a comma, "der/die/das"
    is the article of the content's subject when its clause has the finite verb second, not last (a relative
    clause moved behind the verb is verb-final: "hat Pläne vorgelegt, die teurer sein werden"), or when the
    clause is in Konjunktiv I (a relative clause in reported speech is reported too) or a zu-infinitive."""
    if not (ctx.lower[comma] == "," and comma > 0 and ctx.quote_of[comma - 1] < 0
            and ctx.tag[comma - 1] in ("VVFIN", "VVPP", "VVINF", "PTKVZ") and ctx.lower[comma + 1] in DEFINITE_ARTICLES):
        return False
    seg_end = clause_end(ctx, comma + 1, s_end)
    fin = next((k for k in range(comma + 2, seg_end) if ctx.tag[k] in FINITE and ctx.quote_of[k] < 0), None)
    if fin is None:  # "rief dazu auf, die Abgeordneten zu bitten": a zu-infinitive is no relative clause
        return any(ctx.tag[k] in ("VVIZU", "PTKZU") for k in range(comma + 2, seg_end))
    verb_second = not any(ctx.tag[k].startswith("V") for k in range(comma + 2, fin)) and not is_punct(ctx, fin + 1)
    return verb_second or konjunktiv(ctx, fin) == 1


#: Conjunctions of a clause the reporter adds after a reported zu-infinitive (time, circumstance).
ADDED_CLAUSE_OPENERS = frozenset({"wobei", "nachdem", "während", "als", "bevor", "seit", "seitdem", "zumal"})


def infinitive_end(ctx: Context, first: int, end: int) -> int:
    """``forderte, Informationen zu sammeln, wobei …``: a zu-infinitive ends before an adverbial or
    relative clause that follows it (the reporter's addition, not the demand)."""
    seg_end = clause_end(ctx, first, end)
    if not any(ctx.tag[k] in ("VVIZU", "PTKZU") for k in range(first, seg_end)) or has_finite(ctx, first, seg_end):
        return end
    at = seg_end
    if at + 1 < end and ctx.lower[at] == "," and ctx.lower[at + 1] in ADDED_CLAUSE_OPENERS:
        return content_end(ctx, first, at)
    return end


def quotation_after(ctx: Context, first: int, s_end: int, *, colon: bool) -> tuple[int, int] | None:
    """A quotation right after the boundary that ends the sentence or follows a colon."""
    quote = ctx.quote_of[first]
    if quote < 0 or ctx.quotes[quote][0] != first or title_like(ctx, quote):
        return None
    opener, closer = ctx.quotes[quote]
    if closer + 1 >= s_end or is_punct(ctx, closer + 1) or colon:
        return opener, closer + 1
    return None


def introduced_clause(ctx: Context, first: int, s_end: int, end: int) -> bool:
    """A dass/ob/w-clause, a content wie-clause, or a weil/da-clause in Konjunktiv I (the stated reason)."""
    word = ctx.lower[first]
    w_clause = ctx.tag[first] in ("PWS", "PWAV", "PWAT") and word in W_WORDS and word != "wie"
    if word in ("dass", "daß", "ob") or w_clause:
        return True
    if word == "wie" and not wie_is_cue(ctx, first, s_end):
        return True
    seg_end = clause_end(ctx, first, s_end)
    # ", weil die Firma es versäumt habe, …": the reason as the speaker gives it
    return word in REASON_CONJUNCTIONS and ctx.tag[first] == "KOUS" and any(
        konjunktiv(ctx, k) == 1 and ctx.quote_of[k] < 0 for k in range(first + 1, min(seg_end, end)))


def bare_content_clause(ctx: Context, first: int, s_end: int, use: str) -> bool:
    """A zu-infinitive, a Konjunktiv V2 clause, a quotation fragment or (for say verbs) an indicative V2 clause."""
    seg_end = clause_end(ctx, first, s_end)
    if any(ctx.tag[k] in ("VVIZU", "PTKZU") for k in range(first, seg_end)):
        return True
    fin = next((k for k in range(first, seg_end) if ctx.tag[k] in FINITE and ctx.quote_of[k] < 0), None)
    if fin is None:
        late = finite_after_relative(ctx, seg_end, s_end)
        if late is not None and konjunktiv(ctx, late) == 1:
            return True  # "sagte, in den Ländern, in denen …, sei die Zahl gestiegen"
        return use in ("say", "both") and any(ctx.quote_of[k] >= 0 for k in range(first, seg_end)) and not (
            apposition_with_quote(ctx, first, seg_end))
    if konjunktiv(ctx, fin):
        return True
    if use in ("say", "both") and fin < seg_end - 1 and fin - first <= 6 and not ctx.tag[first].startswith("V"):
        # indicative V2 clause ("sagte, die Lage ist ruhig")
        return not any(ctx.lexicon.verbs.get(ctx.lemma[k]) for k in range(first, seg_end) if ctx.tag[k].startswith("VV"))
    return False


def indicative_clause(ctx: Context, span: tuple[int, int]) -> bool:
    """Content that is a bare indicative verb-second clause ("…, die Lage ist ruhig"): no dass/ob/w-word,
    no zu-infinitive, no quotation and no Konjunktiv or "soll" in its first clause."""
    first, end = span
    seg_end = clause_end(ctx, first, end)
    if ctx.tag[first] in ("KOUS", "PWS", "PWAV", "PWAT") or ctx.lower[first] in ("dass", "daß", "ob"):
        return False
    if any(ctx.tag[k] in ("VVIZU", "PTKZU") or ctx.quote_of[k] >= 0 for k in range(first, seg_end)):
        return False
    finite = [k for k in range(first, seg_end) if ctx.tag[k] in FINITE]
    # "sollen entlassen werden": the modal of hearsay and plans marks reported speech as Konjunktiv does
    return bool(finite) and not any(konjunktiv(ctx, k) or ctx.lower[k] in HEARSAY_MODALS for k in finite)


def apposition_with_quote(ctx: Context, first: int, seg_end: int) -> bool:
    """``sagte Mark Weber, der Sprecher der „Bürgerhilfe“``: a noun phrase opened by an article, with
    quoted names but no quoted verb inside it, names the speaker's role; it is no fragment of content
    (``das Gespräch „sei gut verlaufen“`` is)."""
    return (ctx.tag[first] == "ART" and ctx.quote_of[first] < 0 and ctx.quote_of[first + 1] < 0
            and ctx.tag[first + 1] in ("NN", "ADJA")
            and not any(ctx.tag[k].startswith("V") for k in range(first, seg_end) if ctx.quote_of[k] >= 0))


def finite_after_relative(ctx: Context, boundary: int, s_end: int) -> int | None:
    """The finite verb that resumes a clause after an embedded relative clause.

    ``in den Ländern, in denen Gebühren erhoben werden, sei die Zahl gestiegen``: the first segment
    (a fronted phrase) has no finite verb; a relative clause follows, then ``, sei …``. Returns the
    finite verb right after the relative clause, or ``None``.
    """
    if boundary >= s_end - 1 or ctx.lower[boundary] != ",":
        return None
    opener = boundary + 1
    if not (ctx.tag[opener] in ("PRELS", "PRELAT") or (
            ctx.tag[opener] in ("APPR", "APPRART") and opener + 1 < s_end and ctx.tag[opener + 1] in ("PRELS", "PRELAT"))):
        return None
    close = clause_end(ctx, opener, s_end)
    if close + 1 >= s_end or ctx.lower[close] != ",":
        return None
    return close + 1 if ctx.tag[close + 1] in FINITE and ctx.quote_of[close + 1] < 0 else None


def wie_is_cue(ctx: Context, first: int, s_end: int) -> bool:
    return wie_predicate(ctx, first, wie_end(ctx, first, s_end)) is not None


def left_is_content(ctx: Context, left: tuple[int, int]) -> bool:
    """Whether the clause before a postposed cue ("<clause>, sagte X") is its content."""
    la, lb = left
    if lb <= la:
        return False
    if ctx.lower[lb - 1] in (".", "!", "?") or (lb - 1 in ctx.close_to_quote):
        return True
    if ctx.tag[la] in ("KOUS", "PWAV") and (ctx.lower[la] != "wie" or lb - la <= 4) and not (
            ctx.lower[la] != "wie" and finite_segment_follows(ctx, clause_end(ctx, la, lb), lb)):
        return False  # a subordinate clause, or a short wie-clause ("Wie berichtet, …") that is a cue itself
    np_end = np_right(ctx, la, lb)
    if np_end and np_end + 1 < lb and ctx.lower[np_end] == "," and relative_clause_at(ctx, np_end + 1, lb) and not (
            finite_segment_follows(ctx, clause_end(ctx, np_end + 1, lb), lb)):
        return False  # "Tokajew, der seit 2019 regiert, erklärte …": subject with a relative clause
    if any(ctx.quote_of[k] >= 0 for k in range(la, lb)):
        return True
    if plural_present_after_subject(ctx, la, np_end, lb):
        return True
    return has_finite(ctx, la, lb) and not fronted_phrase_only(ctx, la, lb)


def fronted_phrase_only(ctx: Context, start: int, end: int) -> bool:
    """A phrase with relative clauses but no main clause: "In einem Bericht, der am Montag erschien, …".

    The first comma-separated segment has no finite verb and no later segment opens with one (a main
    clause after a fronted subordinate clause does: "Weil die Kosten steigen, werde …").
    """
    first_end = clause_end(ctx, start, end) if ctx.lower[start] != "," else start
    return not has_finite(ctx, start, first_end) and not finite_segment_follows(ctx, first_end, end)


def finite_segment_follows(ctx: Context, boundary: int, end: int) -> bool:
    """Whether a comma-separated segment from ``boundary`` on opens with a finite verb: the main clause
    after a fronted subordinate clause or a subject's relative clause ("Die Lage, die sich zuspitzt, bleibe …")."""
    k = boundary
    while k < end:
        nxt = k + 1
        while nxt < end and is_punct(ctx, nxt) and ctx.quote_of[nxt] < 0:
            nxt += 1
        if nxt < end and ctx.tag[nxt] in FINITE and ctx.quote_of[nxt] < 0:
            return True
        k = clause_end(ctx, k, end)
    return False


def plural_present_after_subject(ctx: Context, start: int, np_end: int | None, end: int) -> bool:
    """"Die Schulen bleiben geschlossen": HanTa tags a plural present verb as infinitive."""
    return (np_end is not None and np_end < end and ctx.tag[np_end] in ("VVINF", "VAINF", "VMINF")
            and ctx.tag[start] in ("ART", "PDAT", "PIAT") and ctx.lower[np_end - 1] != "zu")
