"""Information- and speech-noun cues: "nach Angaben der Polizei", "seiner Ansicht nach",
"X ist der Meinung, dass …"."""

from __future__ import annotations

from medialens.attribution.rules.context import Context, DET, FINITE, Found, GENITIVE_ARTICLES, add, is_noun, konjunktiv
from medialens.attribution.rules.clauses import clause_end, clause_start, main_finite_before
from medialens.attribution.rules.phrases import main_subject, np_left, np_right, speaker_phrase
from medialens.attribution.rules.cue_phrases import anonymous_span
from medialens.attribution.rules.content import content_after
from medialens.attribution.rules.info_nouns import bare_info, info_head, info_preps, info_source
from medialens.attribution.rules.according import add_according, content_around


#: "deren/dessen" before an information noun ("nach deren Angaben"): a possessive like "seinen".
POSSESSIVE_RELATIVES = frozenset({"deren", "dessen"})


def cue_info(ctx: Context, sent, start, end, token, tokens) -> None:
    """``nach Angaben der Polizei`` / ``nach Polizeiangaben`` / ``aus Regierungskreisen``."""
    prep = ctx.lower[token]
    k = token + 1
    genitive_name = None
    while k < end and k - token <= 4 and (ctx.tag[k] in DET or ctx.tag[k] in ("ADJA", "ADJD", "CARD", "ADV", "NE")
                                          or ctx.lower[k] in POSSESSIVE_RELATIVES):
        if ctx.tag[k] == "NE":
            genitive_name = k
        k += 1
    if k >= end or not info_head(ctx, k) or prep not in info_preps(ctx, k):
        return
    src, info_only, possessive = info_source(ctx, token + 1, k, end)
    if genitive_name is not None and info_only:
        src, info_only = (genitive_name, genitive_name + 1), False  # "nach Tokajews Angaben"
    anonymous = info_only and not possessive and (anonymous_span(ctx, src) or bare_info(ctx, src))
    content = content_around(ctx, sent, start, end, token, k + 1)
    if content is None:
        return
    antecedent = None
    cue = (token, k) if not info_only else (token,)
    kind = "info_possessive" if possessive else "info"
    if possessive or (info_only and ctx.tag[token + 1] == "ART" and ctx.lower[token + 1] in ("den", "dem", "diesen")):
        kind = "info_anaphor"
    add_according(ctx, sent, start, end, content, src, cue, anonymous=anonymous, info_only=info_only, kind=kind)
    ctx.used.update(range(token, k + 1))


def cue_info_post(ctx: Context, sent, sent_start, end, token, tokens) -> None:
    """``seiner Meinung nach`` / ``Ansicht der Regierung nach``."""
    if ctx.tag[token] not in ("APPO", "PTKVZ", "ADV", "APPR") or token == sent_start or not info_head(ctx, token - 1):
        return
    if token + 1 < end and (ctx.tag[token + 1] in DET or is_noun(ctx, token + 1)):
        return  # "nach" as a preposition of the following phrase
    start = np_left(ctx, token - 1, sent_start)
    if start is None:
        return
    content = content_around(ctx, sent, sent_start, end, token, token + 1)
    if content is None:
        return
    add_according(ctx, sent, sent_start, end, content, (start, token), (token,), kind="info_anaphor")
    ctx.used.update(range(start, token + 1))


NOUN_TAIL = frozenset({"ART", "ADJA", "CARD", "PTKVZ", "PPOSAT", "PROAV", "$("})
#: Verb forms that close a clause after the speech noun ("mit der Begründung abgelehnt, …").
BRACKET_END = frozenset({"VVPP", "VAPP", "VMPP", "VVINF", "VAINF", "VMINF"})


def speech_noun_rule(ctx: Context, sent: int, start: int, sent_end: int) -> None:
    """``X ist der Meinung, dass …`` / ``mit der Begründung, …`` / ``die Warnung der Behörden, dass …``."""
    for noun in range(start, sent_end):
        if ctx.quote_of[noun] >= 0 or noun in ctx.used or not ctx.tag[noun].startswith("NN"):
            continue
        if ctx.lemma[noun] not in ctx.lexicon.speech_nouns:
            continue
        span = speech_noun_content(ctx, noun, start, sent_end)
        if span is None:
            continue
        comma = span[0] - 1
        source = (noun_complement(ctx, noun, comma) or giver_of(ctx, noun, start, comma)
                  or clause_subject_besides(ctx, noun, start, comma))
        if ctx.tag[comma - 1] in BRACKET_END and not (source is not None and (
                ctx.tag[source[0]] == "PPER" or speaker_phrase(ctx, source))):
            continue  # after a closing verb only with a source that can speak ("X hat mit der Begründung abgelehnt, …")
        add(ctx, Found("indirect", ctx.sent_of[span[0]], span, source, (noun,), anonymous=source is None,
                       kind="noun"))


#: Verbs of "sich zeigen/geben + stance adjective" ("zeigte sich besorgt, dass …").
STANCE_VERBS = frozenset({"zeigen", "geben"})


def stance_adjective_rule(ctx: Context, sent: int, start: int, sent_end: int) -> None:
    """``X zeigte sich besorgt, dass …`` / ``X gab sich zuversichtlich, die Lage werde …``: the clause
    after a stance adjective of ``stance_adjectives.tsv`` is X's content."""
    for adj in range(start, sent_end):
        if ctx.quote_of[adj] >= 0 or ctx.lower[adj] not in ctx.lexicon.stance_adjectives:
            continue
        comma = clause_end(ctx, adj, sent_end)
        if comma != adj + 1 or comma >= sent_end - 1 or ctx.lower[comma] != ",":
            continue  # the adjective must end its clause: "zeigte sich (darüber) besorgt, …"
        clause = clause_start(ctx, adj, start)
        finite = next((k for k in range(clause, adj) if ctx.tag[k] in FINITE and ctx.quote_of[k] < 0), None)
        if finite is None or "sich" not in ctx.lower[finite:adj] or not any(
                ctx.lemma[k] in STANCE_VERBS for k in range(clause, adj) if ctx.tag[k].startswith("VV")):
            continue
        found = content_after(ctx, comma, sent_end, "report")
        if found is None or found[0] != "indirect" or any(f.content == found[1] for f in ctx.found):
            continue
        subject = main_subject(ctx, finite, clause, comma)
        if subject is None or not (ctx.tag[subject[0]] == "PPER" or speaker_phrase(ctx, subject)):
            continue
        verb = next(k for k in range(clause, adj) if ctx.lemma[k] in STANCE_VERBS and ctx.tag[k].startswith("VV"))
        add(ctx, Found("indirect", ctx.sent_of[found[1][0]], found[1], subject, (verb, adj), kind="stance"))


def speech_noun_content(ctx: Context, noun: int, start: int, sent_end: int) -> tuple[int, int] | None:
    """The content clause after the comma that ends the speech noun's phrase, or ``None``."""
    comma = clause_end(ctx, noun, sent_end)
    if comma >= sent_end - 1 or ctx.lower[comma] != ",":
        return None
    tail = comma
    while tail > noun + 1 and ctx.tag[tail - 1] in BRACKET_END:
        tail -= 1  # "mit der Begründung abgelehnt, …": the verb that closes the clause
    if not all(
        is_noun(ctx, m) or ctx.tag[m] in NOUN_TAIL or ctx.lower[m] in ("von", "vom", "(", ")")
        for m in range(noun + 1, tail)
    ):
        return None
    if any(f.content and f.content[0] == comma + 1 for f in ctx.found):
        return None
    clause = clause_start(ctx, noun, start)
    if any(konjunktiv(ctx, x) == 1 for x in range(clause, comma) if ctx.quote_of[x] < 0):
        return None  # "Es gebe Berichte, dass …": reported content itself
    found = content_after(ctx, comma, sent_end, "report")
    return found[1] if found is not None and found[0] == "indirect" else None


#: Verbs of passing on a statement whose von-phrase names the one who gave it ("Von der Polizei kam die
#: Information, …", "Er erhielt vom Ministerium die Nachricht, …").
GIVING_VERBS = frozenset({"kommen", "erhalten", "bekommen", "stammen"})


def giver_of(ctx: Context, noun: int, start: int, comma: int) -> tuple[int, int] | None:
    """The von-phrase before the speech noun in a clause with a verb of passing on (see GIVING_VERBS)."""
    clause = clause_start(ctx, noun, start)
    if not any(ctx.lemma[k] in GIVING_VERBS for k in range(clause, comma) if ctx.tag[k].startswith("VV")):
        return None
    for at in range(clause, noun):
        if ctx.lower[at] in ("von", "vom") and ctx.tag[at] in ("APPR", "APPRART"):
            end = np_right(ctx, at + 1, noun)
            return (at + 1, end) if end else None
    return None


def noun_complement(ctx: Context, noun: int, limit: int) -> tuple[int, int] | None:
    """The genitive or von-phrase right after a noun ("die Warnung der Behörden")."""
    after = noun + 1
    if after < limit and ctx.lower[after] in GENITIVE_ARTICLES and ctx.tag[after] == "ART":
        end = np_right(ctx, after, limit)
        return (after, end) if end else None
    if after < limit and ctx.lower[after] in ("von", "vom"):
        end = np_right(ctx, after + 1, limit)
        return (after + 1, end) if end else None
    return None


def clause_subject_besides(ctx: Context, noun: int, start: int, comma: int) -> tuple[int, int] | None:
    """The subject of the main clause the noun stands in, unless it contains the noun or is "es"."""
    finite = main_finite_before(ctx, comma, start)
    if finite is None:
        return None
    subject = main_subject(ctx, finite, start, clause_end(ctx, finite, comma + 1))
    if subject is not None and not (subject[0] <= noun < subject[1]) and ctx.lower[subject[0]] != "es":
        return subject
    return None
