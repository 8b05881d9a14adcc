"""Attribution rules: token-level patterns over a processed document.

The rules read STTS tags and HanTa lemmas (``medialens.nlp``) and the data files in
``data/lexicons/attribution``. They find, per document:

1. direct quotations (paired quotation marks, also across sentences; a quotation left open at the
   end of its paragraph runs to the paragraph end, the convention for multi-paragraph quotations)
   with the cue next to them (``„…“, sagte X.`` / ``X sagte: „…“`` / ``„…“, so X.`` / elliptical
   ``Dazu X: „…“`` / a clause with a named subject before the colon, ``X wandte sich an …: „…“``);
2. reporting verbs (with separable particles, "teilte … mit") and their content: a dass/ob/w-clause,
   a Konjunktiv or indicative V2 clause, a zu-infinitive, a colon, a weil/da-clause in Konjunktiv I
   (the speaker's stated reason), or the clause before a postposed cue; an anaphoric "Das
   berichtete X" / "Davon geht X aus" takes the previous sentence as content; a verb's clause ends
   before "und" + a new finite verb ("sprach von …, und forderte …, dass …");
3. according-to cues (laut, zufolge, nach Angaben, unter Berufung auf, hieß es, wie X berichtete,
   so X, demnach);
4. reported statements without content ("X kritisierte Y."), ending where a later attribution of the
   same sentence begins;
5. Konjunktiv and hearsay ("soll … haben") continuations that carry the previous source;
6. quotations nested in an attributed clause, which inherit its source.

The passes live in one module each: :mod:`.quotes`, :mod:`.clauses`, :mod:`.phrases` (noun phrases
and subjects), :mod:`.content`, :mod:`.verbs` (the verb rule, one function per case),
:mod:`.according` and :mod:`.info` (according-to and noun cues), :mod:`.relays` and
:mod:`.unattributed` (relays, leftover quotations, continuations); :mod:`.context` holds the one
per-document state object they share. :func:`find_attributions` runs them in order.

Everything here works on token indices; :mod:`medialens.attribution` turns the results into
character offsets and typed rows.
"""

from __future__ import annotations

from medialens.attribution.rules.context import Context, Found, match_cue, sent_range
from medialens.attribution.rules.quotes import find_quotes
from medialens.attribution.rules.verbs import unlisted_postposed, verb_entry, verb_rule
from medialens.attribution.rules.according import (
    cue_anonymous,
    cue_carry,
    cue_carry_document,
    cue_emerge,
    cue_impersonal,
    cue_postp,
    cue_prep,
    cue_relay,
    cue_relative,
    cue_so,
    cue_wie,
)
from medialens.attribution.rules.info import cue_info, cue_info_post, speech_noun_rule, stance_adjective_rule
from medialens.attribution.rules.unattributed import continuations
from medialens.attribution.rules.relays import attach_relays_and_quotes
from medialens.attribution.lexicons import AttributionLexicon


#: Order of the cue kinds within a sentence: wie-clauses and impersonal cues first (they contain
#: verbs that the verb rule must not take), then the prepositional cues, then "demnach".
CUE_ORDER = {"wie": 0, "impersonal": 1, "anonymous": 2, "relay": 3, "so": 4, "prep": 5, "postp": 5,
             "info": 5, "info_post": 5, "relative": 5, "carry": 6,
             "carry_document": 6, "emerge": 5}


def find_attributions(doc, lexicon: AttributionLexicon) -> list[Found]:
    """Run every rule over one processed document; the attributions found, in text order."""
    ctx = Context(doc, lexicon)
    find_quotes(ctx)
    for sent in range(len(ctx.sentences)):
        start, end = sent_range(ctx, sent)
        sentence_rules(ctx, sent, start, end)
    attach_relays_and_quotes(ctx)
    continuations(ctx)
    ctx.found.sort(key=lambda f: (f.content[0] if f.content else 0, f.cue[0] if f.cue else 0))
    return ctx.found


def sentence_rules(ctx: Context, sent: int, start: int, end: int) -> None:
    """The cue rules of one sentence: according-to cues, reporting verbs, speech nouns."""
    events: list[tuple[int, str, tuple[str, ...]]] = []
    for token in range(start, end):
        if ctx.quote_of[token] >= 0:
            continue
        for key in (ctx.lower[token], ctx.lemma[token]):
            for words, kind in ctx.lexicon.cues.get(key, ()):
                if match_cue(ctx, token, words, end):
                    events.append((token, kind, words))
    events.sort(key=lambda e: (CUE_ORDER[e[1]], e[0]))
    for token, kind, words in events:
        if token not in ctx.used:
            CUE_RULES[kind](ctx, sent, start, end, token, words)
    for token in range(start, end):
        if ctx.quote_of[token] >= 0 or token in ctx.used or not ctx.tag[token].startswith("VV"):
            continue
        entry, particle = verb_entry(ctx, token, end)
        if entry is not None:
            verb_rule(ctx, sent, start, end, token, entry, particle)
    unlisted_postposed(ctx, sent, start, end)
    speech_noun_rule(ctx, sent, start, end)
    stance_adjective_rule(ctx, sent, start, end)


#: The rule for each cue kind of ``according_to.tsv`` (closed set, see lexicons.CUE_KINDS).
CUE_RULES = {"prep": cue_prep, "postp": cue_postp, "info": cue_info, "info_post": cue_info_post, "relay": cue_relay,
             "impersonal": cue_impersonal, "so": cue_so, "wie": cue_wie, "carry": cue_carry, "carry_document": cue_carry_document, "emerge": cue_emerge,
             "anonymous": cue_anonymous,
             "relative": cue_relative}
