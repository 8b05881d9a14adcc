"""The recipient of a statement: "sagte der Zeitung", "erklärte gegenüber Reuters", "im Gespräch mit X".

The addressee is not the source: "…, erzählte die Anwohnerin Aigul der Nachrichtenagentur APA" is
Aigul's statement, made to the agency. Recipients are a dative noun phrase in the reporting clause
(not after a preposition or a noun, whose head names a person or body), "gegenüber" + phrase, and
"im Gespräch / Interview mit" + phrase.
"""

from __future__ import annotations

from medialens.attribution.rules.context import Context, is_noun
from medialens.attribution.rules.phrases import np_right

#: Articles that open a dative phrase ("der"/"einer" only where the subject is found elsewhere).
DATIVE_ARTICLES = frozenset({"dem", "einem", "der", "einer"})
#: Nouns of a conversation whose "mit"-phrase is the recipient ("im Interview mit der Zeitung").
CONVERSATION_NOUNS = frozenset({"gespräch", "interview", "telefongespräch", "telefoninterview", "unterhaltung"})


def find_addressee(ctx: Context, first: int, stop: int, taken: list[tuple[int, int] | None]) -> tuple[int, int] | None:
    """The recipient phrase in the token range ``[first, stop)``, outside the ``taken`` spans."""
    inside = [span for span in taken if span is not None]
    at = first
    while at < stop:
        if ctx.quote_of[at] >= 0 or any(a <= at < b for a, b in inside):
            at += 1
            continue
        found = recipient_at(ctx, at, stop, after_phrase=any(b == at for _, b in inside))
        if found is not None:
            return found
        at += 1
    return None


def recipient_at(ctx: Context, token: int, stop: int, *, after_phrase: bool = False) -> tuple[int, int] | None:
    """A recipient phrase starting at (or introduced at) token ``token``, or ``None``.

    ``after_phrase``: the token follows the source phrase, so a noun before it does not make the
    phrase a genitive attribute ("erzählte Aigul der Agentur APA").
    """
    word = ctx.lower[token]
    if word == "gegenüber" and ctx.tag[token] in ("APPR", "APPO", "ADV"):
        end = np_right(ctx, token + 1, stop)
        return (token + 1, end) if end else None
    if ctx.lemma[token] in CONVERSATION_NOUNS and token + 1 < stop and ctx.lower[token + 1] == "mit":
        end = np_right(ctx, token + 2, stop)
        return (token + 2, end) if end else None
    if word in DATIVE_ARTICLES and ctx.tag[token] == "ART" and token > 0 and not (
            (is_noun(ctx, token - 1) and not after_phrase) or ctx.tag[token - 1] in ("APPR", "APPRART", "KON", "ADJA")):
        end = np_right(ctx, token, stop)
        head = next((k for k in range(token, end or token) if is_noun(ctx, k)), None)
        if end and head is not None and (ctx.tag[head] == "NE" or ctx.lexicon.can_speak(ctx.lemma[head])
                                          or ctx.lexicon.is_media(ctx.lemma[head])):
            return token, end
    return None
