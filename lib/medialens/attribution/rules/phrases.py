"""Noun phrases and subjects: the source phrase of a cue.

A source is a noun phrase (determiners, adjectives, nouns and their genitive, von-, place, quoted-name
and apposition attachments) found to the right (:func:`np_right`) or left (:func:`np_left`) of a
token, or the subject of a clause (prefield, after the finite verb, or the antecedent of a relative
pronoun).
"""

from __future__ import annotations

from medialens.attribution.rules.context import (
    ADJ,
    ANAPHORS,
    CLAUSE_BOUNDARY,
    Context,
    DET,
    FINITE,
    FOCUS_WORDS,
    GENITIVE_ARTICLES,
    OBLIQUE_ARTICLES,
    OPENERS,
    PLACE_PREPOSITIONS,
    PP_PREPOSITIONS,
    PRONOUN_SUBJECTS,
    QUANTIFIER_ADVERBS,
    QUOTE_MARKS,
    is_noun,
)
from medialens.attribution.rules.quotes import name_quote
from medialens.attribution.rules.clauses import clause_end, clause_start, has_finite


#: Demonstrative pronouns that refer back to a person as the subject ("sagte dieser").
DEMONSTRATIVE_SUBJECTS = frozenset({"dieser", "diese", "jener", "jene", "letzterer", "letztere"})
#: Pronoun heads that form a noun phrase on their own.
PRONOUN_HEADS = frozenset({"PPER", "PIS", "PDS", "PRELS"})


def np_right(ctx: Context, token: int, limit: int, *, depth: int = 0, apposition: bool = False) -> int | None:
    """End (exclusive) of a noun phrase starting at ``token``, or ``None``.

    The phrase is determiners and adjectives, one or more nouns, then up to four attachments: a quoted
    name, a genitive phrase, a parenthesis, a von-phrase, "in/aus" + place name, a coordinated phrase
    and (with ``apposition``) a comma apposition that ends the clause.
    """
    if token >= limit:
        return None
    if ctx.tag[token] in PRONOUN_HEADS:
        return token + 1
    end = np_head_end(ctx, token, limit)
    head = end - 1 if end is not None else None
    for _ in range(4):
        if end is None or end >= limit:
            break
        if ctx.lower[end] in GENITIVE_ARTICLES and head is not None and recipient_not_genitive(ctx, head, end, limit):
            break
        extended = np_attachment(ctx, end, limit, depth, apposition)
        if extended is None:
            break
        end = extended
    return end


def recipient_not_genitive(ctx: Context, head: int, article: int, limit: int) -> bool:
    """A "der"-phrase after a name or a non-member person noun that names an outlet is a recipient.

    "die Anwohnerin Aigul der Nachrichtenagentur APA", "ein Anwohner der Zeitung": a name takes no
    genitive attribute, and a witness does not belong to the outlet; "der Sprecher der Zeitung" does.
    """
    if ctx.tag[head] == "NE":
        return True
    media = next((k for k in range(article + 1, min(limit, article + 5)) if is_noun(ctx, k)), None)
    if media is None or not ctx.lexicon.is_media(ctx.lemma[media]):
        return False
    lemma = ctx.lemma[head]
    return ctx.lexicon.can_speak(lemma) and not ctx.lexicon.is_body(lemma) and not ctx.lexicon.is_member_role(lemma)


def name_continuation(ctx: Context, token: int) -> bool:
    """A capitalised word after a name that the tagger read as a function word ("Li Wen": "wen")."""
    return (token > 0 and ctx.tag[token - 1] == "NE" and ctx.word[token][:1].isupper()
            and ctx.sent_of[token - 1] == ctx.sent_of[token] and ctx.tag[token] in ("PWS", "PWAV", "PPER", "PIS", "ADV"))


def np_head_end(ctx: Context, token: int, limit: int) -> int | None:
    """End of determiners, adjectives and nouns from ``token`` (a nominalised adjective counts as head)."""
    pos, lw = ctx.tag, ctx.lower
    j = token
    while j < limit and (
        pos[j] in DET
        or pos[j] in ADJ
        or pos[j] == "TRUNC"
        or (pos[j] == "ADV" and lw[j] in QUANTIFIER_ADVERBS)
        or (pos[j] == "KON" and j > token and pos[j - 1] == "TRUNC")
        or (lw[j] == "als" and j > token and lw[j - 1] == "mehr")
    ):
        j += 1
    head = j
    while j < limit and (is_noun(ctx, j) or (pos[j] == "TRUNC") or name_continuation(ctx, j)):
        j += 1
    if j == head:
        if j > token and pos[j - 1] == "ADJA" and pos[token] in DET:
            return j  # nominalised adjective: "der Vorsitzende", "die Verletzte"
        return None
    return j


def np_attachment(ctx: Context, token: int, limit: int, depth: int, apposition: bool) -> int | None:
    """End of the attachment starting at ``token`` that extends a noun phrase, or ``None``."""
    word = ctx.lower[token]
    if word in OPENERS:
        return quoted_name_end(ctx, token, limit)
    if word in GENITIVE_ARTICLES and ctx.tag[token] == "ART":
        return (np_right(ctx, token, limit, depth=depth + 1) or None) if depth < 3 else None
    if word == "(":
        close = next((m for m in range(token + 1, min(limit, token + 8)) if ctx.lower[m] == ")"), None)
        return close + 1 if close is not None else None
    if word in PP_PREPOSITIONS:
        return von_phrase_end(ctx, token, limit, depth)
    if word in PLACE_PREPOSITIONS:
        return place_name_end(ctx, token, limit)
    if word in ("und", "sowie"):
        return coordinated_np_end(ctx, token, limit, depth)
    if apposition and word == ",":
        return apposition_end(ctx, token, limit, depth)
    return None


def quoted_name_end(ctx: Context, token: int, limit: int) -> int | None:
    """A quoted name after a noun ("die Zeitung „Kurier“")."""
    quote = ctx.quote_of[token]
    if quote < 0 or ctx.quotes[quote][0] != token:
        return None
    closer = ctx.quotes[quote][1]
    return closer + 1 if closer < limit and name_quote(ctx, quote) else None


def von_phrase_end(ctx: Context, token: int, limit: int, depth: int) -> int | None:
    """"der Sprecher von Amnesty": a von-phrase with a noun (not a pronoun) head."""
    if depth >= 2:
        return None
    sub = np_right(ctx, token + 1, limit, depth=depth + 1)
    return sub if sub and ctx.tag[token + 1] not in PRONOUN_HEADS else None


def place_name_end(ctx: Context, token: int, limit: int) -> int | None:
    """"das Außenministerium in Moskau": in/aus + a place name."""
    if token + 1 >= limit or ctx.tag[token + 1] != "NE":
        return None
    end = token + 2
    while end < limit and ctx.tag[end] == "NE":
        end += 1
    return end


def coordinated_np_end(ctx: Context, token: int, limit: int, depth: int) -> int | None:
    """"die EU und die USA": a second noun phrase after und/sowie (top level only)."""
    if depth != 0 or token + 1 >= limit or ctx.tag[token + 1] in ("PPER", "PIS"):
        return None
    sub = np_right(ctx, token + 1, limit, depth=depth + 1)
    return sub if sub and is_noun(ctx, sub - 1) else None


def apposition_end(ctx: Context, token: int, limit: int, depth: int) -> int | None:
    """"Igor Petrow, Sprecher der Armee,": a comma apposition that closes its clause."""
    if token + 1 >= limit:
        return None
    sub = np_right(ctx, token + 1, limit, depth=depth + 1)
    closes = sub and (sub >= limit or ctx.lower[sub] in (",", ".", "!", "?"))
    return sub if closes and (ctx.tag[token + 1] == "NE" or ctx.tag[token + 1] in DET) else None


def np_left(ctx: Context, token: int, floor: int) -> int | None:
    """Start of a noun phrase that ends at token ``token`` (inclusive), walking left; or ``None``."""
    if token < floor or not (is_noun(ctx, token) or ctx.lower[token] in (")",) or ctx.word[token] in QUOTE_MARKS):
        if token >= floor and ctx.tag[token] in ("PPER", "PIS", "PDS"):
            return token
        return None
    k = token
    start = None
    while k >= floor:
        if is_noun(ctx, k) or ctx.tag[k] in DET or ctx.tag[k] in ADJ or ctx.tag[k] == "TRUNC":
            start = k
            k -= 1
        elif crossable_leftwards(ctx, k, floor, start is not None):
            k -= 1
        else:
            break
    if start is None:
        return None
    while start <= token and (ctx.lower[start] in ("(", ")") or ctx.word[start] in QUOTE_MARKS) and ctx.quote_of[start] < 0:
        start += 1
    return start


def crossable_leftwards(ctx: Context, token: int, floor: int, has_head: bool) -> bool:
    """Whether a leftward noun-phrase walk may step over token ``token``.

    Brackets and quotation marks of a quotation; "und"/"sowie" between nouns; "von" after a noun
    once the walk has a head ("Sprecher von Amnesty").
    """
    word = ctx.lower[token]
    if word in (")", "(") or (ctx.word[token] in QUOTE_MARKS and ctx.quote_of[token] >= 0):
        return True
    before_is_noun = token - 1 >= floor and is_noun(ctx, token - 1)
    if ctx.tag[token] == "KON" and word in ("und", "sowie") and token - 1 >= floor and (
            before_is_noun or ctx.tag[token - 1] == "TRUNC"):
        return True
    return word in PP_PREPOSITIONS and has_head and before_is_noun


def oblique_der(ctx: Context, token: int) -> bool:
    """"der" + adjective in -en is dative/genitive ("der kasachischen Zeitung"), not a subject."""
    return (ctx.lower[token] == "der" and token + 1 < ctx.n_tokens and ctx.tag[token + 1] == "ADJA"
            and ctx.lower[token + 1].endswith("en"))


def skip_pp(ctx: Context, token: int, limit: int) -> int:
    """End of a prepositional phrase starting at ``token`` (a preposition)."""
    sub = np_right(ctx, token + 1, limit, depth=1)
    return sub if sub else token + 1


def pronoun_subject(tag: str, word: str) -> bool:
    """A pronoun that can be a subject: personal ("er"), indefinite ("man", "jemand") or demonstrative
    ("so schrieb diese", "sagte dieser")."""
    if tag == "PPER":
        return word in PRONOUN_SUBJECTS
    if tag == "PIS":
        return word in PRONOUN_SUBJECTS or word in ("man", "jemand", "niemand")
    return tag == "PDS" and word in DEMONSTRATIVE_SUBJECTS


def subject_after(ctx: Context, token: int, limit: int, *, apposition: bool = True) -> tuple[int, int] | None:
    """First nominative-looking noun phrase in ``[token, limit)``, skipping adverbs, objects, PPs."""
    pos, lw = ctx.tag, ctx.lower
    j = token
    while j < limit:
        p, w = pos[j], lw[j]
        if ctx.quote_of[j] >= 0 and ctx.quotes[ctx.quote_of[j]][0] == j:
            j = ctx.quotes[ctx.quote_of[j]][1] + 1
            continue
        if w in CLAUSE_BOUNDARY or w in (".", "!", "?") or p.startswith("V") or p in ("KOUS", "KON", "PRELS"):
            return None
        if p in ("APPR", "APPRART", "APPO"):
            j = skip_pp(ctx, j, limit)
            continue
        if pronoun_subject(p, w):
            return (j, j + 1)
        if p in ("PPER", "PIS"):  # an object pronoun
            j += 1
            continue
        if p in DET and (w in OBLIQUE_ARTICLES or oblique_der(ctx, j)):
            end = np_right(ctx, j, limit)
            j = end if end else j + 1
            continue
        if p in DET or p in ADJ or is_noun(ctx, j) or p == "TRUNC":
            end = np_right(ctx, j, limit, apposition=apposition)
            if end:
                if time_np(ctx, j, end):
                    j = end
                    continue
                return (j, end)
            j += 1
            continue
        j += 1
    return None


TIME_NOUNS = frozenset(
    {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "sonnabend",
     "tag", "woche", "monat", "jahr", "abend", "morgen", "nacht", "mittag", "vormittag", "nachmittag",
     "wochenende", "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
     "oktober", "november", "dezember", "zeit", "uhr", "mal", "ende", "anfang", "beginn"}
)


def time_np(ctx: Context, start: int, end: int) -> bool:
    heads = [k for k in range(start, end) if is_noun(ctx, k)]
    return bool(heads) and all(ctx.lemma[k] in TIME_NOUNS for k in heads)


#: Tags of a first prefield word that is not the subject (the subject then follows the verb).
NON_SUBJECT_STARTS = frozenset({"APPR", "APPRART", "ADV", "PROAV", "KOUS", "PWAV", "ADJD", "PTKNEG", "PAV", "KOKOM"})


#: Forms of the relative pronoun "der" (HanTa often tags them as articles).
RELATIVE_FORMS = frozenset({"der", "die", "das", "dem", "den", "deren", "dessen", "denen", "welcher", "welche",
                            "welches", "welchem", "welchen"})


def relative_clause_at(ctx: Context, token: int, end: int) -> bool:
    """Whether a relative clause starts at ``token`` (after a comma): a relative pronoun, also after a
    preposition ("in der", "auf deren"), in a clause that ends with its finite verb."""
    k = token + 1 if token < end and ctx.tag[token] in ("APPR", "APPRART") else token
    if k >= end or not (ctx.tag[k] in ("PRELS", "PRELAT") or ctx.lower[k] in RELATIVE_FORMS):
        return False
    if ctx.tag[k] in ("PRELS", "PRELAT") and k == token:
        return True
    stop = clause_end(ctx, k, end)
    while stop > k and ctx.tag[stop - 1].startswith("$") and ctx.quote_of[stop - 1] < 0:
        stop -= 1
    return stop - 1 > k + 1 and ctx.tag[stop - 1] in FINITE


def prefield_subject(ctx: Context, clause: int, finite: int) -> tuple[int, int] | None | str:
    """Subject in the prefield ``[clause, finite)``; ``"after"`` when the subject must follow the verb.

    Returns ``"anaphor"`` for a lone demonstrative ("Das berichtete X").
    """
    first = clause
    while first < finite and (ctx.lower[first] in FOCUS_WORDS and ctx.tag[first] in ("ADV", "KON", "PTKVZ")):
        first += 1
    if first >= finite or not prefield_may_be_subject(ctx, first, finite):
        return "after"
    tag, word = ctx.tag[first], ctx.lower[first]
    if tag == "PDS" and finite - first == 1:
        return "anaphor" if word in ANAPHORS else (first, finite)
    if has_finite(ctx, first, finite):
        np_end = np_right(ctx, first, finite)
        if np_end and np_end + 1 < finite and ctx.lower[np_end] == "," and relative_clause_at(ctx, np_end + 1, finite):
            return (first, np_end)  # "X, der …, sagte"
        return "after"
    end = finite
    while end > first and ctx.lower[end - 1] in (",",):
        end -= 1
    if not any(is_noun(ctx, k) or ctx.tag[k] in ("PPER", "PIS", "PDS") for k in range(first, end)) and not (
        tag in DET and ctx.tag[end - 1] == "ADJA"
    ):
        return "after"
    if tag == "PPER" and word not in PRONOUN_SUBJECTS:
        return "after"
    if fronted_object(ctx, (first, end), finite):
        return "after"
    return (first, end)


#: Personal pronouns that are nominative only: after the finite verb they are the subject.
NOMINATIVE_PRONOUNS = frozenset({"er", "ich", "wir", "du", "man"})


def fronted_object(ctx: Context, prefield: tuple[int, int], finite: int) -> bool:
    """``Die Pläne kritisierte er scharf`` / ``Die Anwendung stellte der Vorsitzende in Frage``: the
    prefield noun phrase is the object when the finite verb is followed by the subject.

    The subject after the verb is a nominative-only pronoun (*er*, *ich*, *wir*, *man*), or -- when the
    prefield names no one who can speak -- *sie* or a noun phrase that names a speaker.
    """
    after = finite + 1
    if after >= ctx.n_tokens or ctx.quote_of[after] >= 0:
        return False
    word = ctx.lower[after]
    if ctx.tag[after] in ("PPER", "PIS") and word in NOMINATIVE_PRONOUNS:
        return True
    if speaker_phrase(ctx, prefield) or ctx.tag[prefield[0]] in ("PPER", "PIS", "PDS"):
        return False
    if ctx.tag[after] == "PPER" and word == "sie":
        return True
    if not (ctx.tag[after] == "NE" or (ctx.tag[after] in DET and word not in OBLIQUE_ARTICLES
                                       and not oblique_der(ctx, after))):
        return False
    end = np_right(ctx, after, ctx.n_tokens)
    return end is not None and speaker_phrase(ctx, (after, end))


def phrase_head(ctx: Context, span: tuple[int, int]) -> int | None:
    """The head of a noun phrase: the last noun of its first run of nouns."""
    first = next((k for k in range(*span) if is_noun(ctx, k)), None)
    if first is None:
        return None
    while first + 1 < span[1] and is_noun(ctx, first + 1) and ctx.tag[first + 1] != "NE":
        first += 1
    return first


def speaker_phrase(ctx: Context, span: tuple[int, int]) -> bool:
    """A phrase with a name, or whose head names a person or body ("die Bewohner", "die Firma")."""
    if any(ctx.tag[k] == "NE" for k in range(*span)):
        return True
    head = phrase_head(ctx, span)
    return head is not None and ctx.lexicon.can_speak(ctx.lemma[head])


def prefield_may_be_subject(ctx: Context, first: int, finite: int) -> bool:
    """False when the prefield starts with a preposition, adverb, verb or oblique article."""
    tag, word = ctx.tag[first], ctx.lower[first]
    unknown_name = (tag in ("ADV", "ADJD") and first + 1 < finite and ctx.tag[first + 1] == "NE"
                    and ctx.word[first][:1].isupper())
    if not unknown_name and (tag in NON_SUBJECT_STARTS or tag.startswith("V")):
        return False
    return not (tag in DET and (word in OBLIQUE_ARTICLES or oblique_der(ctx, first)))


def antecedent_of_relative(ctx: Context, token: int, floor: int) -> tuple[int, int] | None:
    if token - 1 >= floor and ctx.lower[token - 1] == ",":
        start = np_left(ctx, token - 2, floor)
        if start is not None:
            return (start, token - 1)
    return None


def main_subject(ctx: Context, finite: int, start: int, boundary: int) -> tuple[int, int] | None:
    """Subject of the main clause whose finite verb is ``finite`` (prefield, apposition or after it)."""
    if finite > start and ctx.lower[finite - 1] in ("und", "oder", "sowie") and ctx.tag[finite - 1] == "KON":
        return coordinated_subject(ctx, start, finite - 1)
    c0 = clause_start(ctx, finite, start)
    if c0 == finite and c0 > start and ctx.lower[c0 - 1] in (",", "–"):
        subj = prefield_subject(ctx, start, c0 - 1)
    elif c0 < finite:
        subj = prefield_subject(ctx, c0, finite)
    else:
        subj = "after"
    return subj if isinstance(subj, tuple) else subject_after(ctx, finite + 1, boundary)


def coordinated_subject(ctx: Context, start: int, finite: int) -> tuple[int, int] | None:
    """Subject of ``X entließ …, verhängte … und bat …``: the first clause's subject."""
    first = next((k for k in range(start, finite) if ctx.tag[k] in FINITE and ctx.quote_of[k] < 0), None)
    if first is None:
        return None
    return main_subject(ctx, first, start, clause_end(ctx, first, finite))


def agent(ctx: Context, start: int, sent_end: int) -> tuple[int, int] | None:
    for k in range(start, sent_end):
        if ctx.lower[k] in ("von", "vom", "seitens") and ctx.tag[k] in ("APPR", "APPRART"):
            end = np_right(ctx, k + 1, sent_end)
            if end:
                return (k + 1, end)
    return None


def object_noun(ctx: Context, token: int, boundary: int) -> bool:
    """Whether ``[token, boundary)`` has a second noun phrase outside prepositional phrases besides the subject.

    "Darauf haben Forscher eine Antwort gefunden": "darauf" belongs to "Antwort", not to the verb.
    """
    subj = subject_after(ctx, token, boundary)
    j = token
    while j < boundary and ctx.lower[j] != ",":  # an apposition after a comma is not an object
        if ctx.tag[j] in ("APPR", "APPRART"):
            j = skip_pp(ctx, j, boundary)
            continue
        if is_noun(ctx, j) and not (subj and subj[0] <= j < subj[1]):
            return True
        j += 1
    return False
