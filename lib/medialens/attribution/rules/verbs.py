"""The reporting-verb rule, one function per case.

A reporting verb (``verbs.tsv``, separable particles included) is placed in its clause
(:class:`VerbClause`); the source comes from one case -- passive agent, relative or subordinate clause,
coordinated predicate, postposed cue ("…, sagte X."), fronted clause, verb-first clause, prefield or
an anaphoric "Das/Davon …" -- and the content from :mod:`.content`; a verb without content reports a
statement (form ``reported``).
"""

from __future__ import annotations

from dataclasses import dataclass

from medialens.attribution.rules.context import (
    ANAPHORIC_ADVERBS,
    Context,
    FINITE,
    Found,
    NON_SOURCES,
    OPENERS,
    REASON_CONJUNCTIONS,
    SUBORD,
    add,
    is_noun,
    konjunktiv,
    mark_quote_used,
    quote_used,
    sent_range,
)
from medialens.attribution.rules.quotes import quote_in_clause, quote_opens_content
from medialens.attribution.rules.clauses import (
    clause_end,
    clause_start,
    content_end,
    coordination_end,
    finite_of,
    has_finite,
    is_passive,
)
from medialens.attribution.rules.phrases import (
    np_right,
    agent,
    antecedent_of_relative,
    coordinated_subject,
    main_subject,
    object_noun,
    prefield_subject,
    speaker_phrase,
    subject_after,
)
from medialens.attribution.rules.content import find_content, indicative_clause, left_is_content
from medialens.attribution.lexicons import VerbEntry
from medialens.attribution.rules.addressees import find_addressee
from medialens.attribution.rules.info_nouns import info_head


#: Clause-final words HanTa may tag as a separable particle that are adverbs after a reporting verb
#: ("erklärte weiter", "sagte dazu").
ADVERB_PARTICLES = frozenset({"weiter", "dazu", "zudem", "ebenfalls"})
PARTICLE_END = frozenset({",", ".", ":", ";", "!", "?", "–", "—", "(", ")"})


def verb_entry(ctx: Context, token: int, s_end: int):
    """The lexicon entry of a reporting verb at ``token`` and its particle token, or ``(None, None)``."""
    pos, lem = ctx.tag[token], ctx.lemma[token]
    verbs, particles = ctx.lexicon.verbs, ctx.lexicon.particles
    entry = verbs.get(lem)
    if pos == "VVFIN":
        if entry is not None and entry.particle:
            return entry, None  # verb-final clause: the lemma includes the particle ("mitteilte")
        part = find_particle(ctx, token, s_end)
        if part is not None:
            full = particles.get(lem, {}).get(ctx.lower[part])
            if full is not None:
                return verbs[full], part
            if ctx.tag[part] == "PTKVZ" and ctx.lower[part] not in ADVERB_PARTICLES:
                return None, None  # a particle that makes another verb ("sagte ... ab")
        return (entry, None) if entry is not None else (None, None)
    if pos in ("VVPP", "VVINF", "VVIZU"):
        if entry is not None:
            return entry, None
        if token > 0 and lem in particles and ctx.lower[token - 1] in particles[lem]:
            return verbs[particles[lem][ctx.lower[token - 1]]], token - 1
    return None, None


def find_particle(ctx: Context, token: int, s_end: int) -> int | None:
    """The clause-final separable particle of the finite verb ``token`` (may lie after an apposition)."""
    lem_particles = ctx.lexicon.particles.get(ctx.lemma[token], {})
    k = token + 1
    limit = min(s_end, token + 30)
    while k < limit:
        if ctx.quote_of[k] >= 0:
            k = ctx.quotes[ctx.quote_of[k]][1] + 1
            continue
        p, w = ctx.tag[k], ctx.lower[k]
        if p in FINITE or p == "KOUS" or w in ("dass", "daß") or p == "$.":
            return None
        if p == "PTKVZ" or (w in lem_particles and p in ("ADJD", "ADV", "APPR")):
            nxt = k + 1
            if nxt >= s_end or ctx.lower[nxt] in PARTICLE_END or ctx.word[nxt] in OPENERS:
                return k
        k += 1
    return None


@dataclass(frozen=True)
class VerbClause:
    """A reporting verb in its clause: what every case of the verb rule reads.

    ``first`` is the first token of the clause, ``stop`` the boundary after it (before a coordinated
    "und" + finite verb), ``finite`` its finite verb; ``subordinate`` marks a verb-final clause
    (relative or conjunctional) and ``passive`` an agentless or von-agent passive.
    """

    sent: int
    start: int
    end: int
    verb: int
    entry: VerbEntry
    cue: tuple[int, ...]
    first: int
    stop: int
    finite: int
    passive: bool
    subordinate: bool


#: What the subject cases decide: a source span, no source, or "handled" (the case added its own row).
HANDLED = "handled"


def verb_rule(ctx: Context, sent: int, start: int, end: int, verb: int, entry: VerbEntry,
              particle: int | None) -> None:
    """A reporting verb: its source (subject or agent) and content (clause, colon, quotation) or none."""
    clause = find_verb_clause(ctx, sent, start, end, verb, entry, particle)
    if clause is None:
        return
    source = verb_source(ctx, clause)
    if source == HANDLED:
        return
    if source is not None and ctx.tag[source[0]] in ("PPER", "PIS") and ctx.lower[source[0]] in NON_SOURCES:
        if ctx.lower[source[0]] != "es":
            return
        source = None
    if not clause.subordinate and konjunktiv(ctx, clause.finite) == 1 and (
            source is None or ctx.tag[source[0]] in ("PPER", "PDS", "PIS")):
        return  # "Sie habe stets betont, dass …": part of a reported-speech run
    content = verb_content(ctx, clause)
    if content is None:
        add_reported(ctx, clause, source)
        return
    found = add_verb_content(ctx, clause, source, content)
    if found is None or clause.entry.lemma != "zitieren":
        return
    cited = cited_subject(ctx, clause, source) if clause.passive else cited_object(ctx, clause, source)
    if cited is not None:  # "Die Zeitung zitierte einen Sprecher mit den Worten: …": the Sprecher, via the paper
        found.via, found.source, found.rule = source, cited, "relay_zitieren"


def cited_subject(ctx: Context, clause: VerbClause, agent_span) -> tuple[int, int] | None:
    """``X wird von der Zeitung mit den Worten zitiert``: the subject X is cited, the agent relays."""
    if agent_span is None or clause.subordinate or agent_span[0] == 0 or ctx.lower[agent_span[0] - 1] not in (
            "von", "vom"):
        return None
    subject = main_subject(ctx, clause.finite, clause.start, clause.stop)
    if subject is None or subject[0] <= agent_span[0] < subject[1]:
        return None
    head = next((k for k in range(*subject) if ctx.tag[k].startswith("N")), None)
    speaks = ctx.tag[subject[0]] == "PPER" or (head is not None and (
        ctx.tag[head] == "NE" or ctx.lexicon.can_speak(ctx.lemma[head])))
    return subject if speaks else None


def find_verb_clause(ctx: Context, sent: int, start: int, end: int, verb: int, entry: VerbEntry,
                particle: int | None) -> VerbClause | None:
    """The clause of a reporting verb, or ``None`` when the verb does not report here."""
    last = max(verb, particle if particle is not None else verb)
    clause = clause_start(ctx, verb, start)
    stop = coordination_end(ctx, last, clause_end(ctx, last, end))
    finite = auxiliary_before(ctx, verb, clause) or finite_of(ctx, verb, clause, stop)
    if finite is None or modal_passive(ctx, verb, finite):
        return None
    if any(excluding(ctx, k, entry) for k in range(clause, stop) if k != verb):
        return None
    subordinate = (ctx.tag[clause] in SUBORD or prepositional_relative(ctx, clause)
                   or verb_final_clause(ctx, clause, finite, stop)) and clause != finite
    if subordinate and (ctx.lower[clause] == "wie" or ctx.tag[clause] in ("PWS", "PWAV", "PWAT")):
        return None  # wie-clauses are according-to cues; w-clauses are content
    cue = (verb,) if particle is None else tuple(sorted((verb, particle)))
    return VerbClause(sent, start, end, verb, entry, cue, clause, stop, finite,
                      is_passive(ctx, verb, clause, stop) or (finite != verb and ctx.tag[verb] == "VVFIN"
                                                                  and ctx.lemma[finite] == "werden"), subordinate)


#: Auxiliaries whose finite form makes a later verb of the clause a participle or infinitive.
AUXILIARIES = frozenset({"haben", "sein", "werden"})
#: Subordinating conjunctions the tagger may read as a preposition or adverb ("Als X sagte, …").
CLAUSE_CONJUNCTIONS = frozenset({"als", "nachdem", "während", "bevor", "seit", "seitdem"})


def auxiliary_before(ctx: Context, verb: int, clause: int) -> int | None:
    """``hatte X betont`` / ``wird X zitiert``: a participle the tagger read as finite ("betont" is both).

    In a main clause the finite verb is the second constituent; a finite auxiliary or modal earlier in
    the same clause makes ``verb`` (tagged VVFIN) its participle or infinitive. Returns that finite verb.
    """
    if ctx.tag[verb] != "VVFIN":
        return None
    for k in range(clause, verb):
        if ctx.quote_of[k] >= 0 or ctx.tag[k] == "KON":
            return None
        if ctx.tag[k] == "VMFIN" or (ctx.tag[k] == "VAFIN" and ctx.lemma[k] in AUXILIARIES):
            return k
    return None


def prepositional_relative(ctx: Context, clause: int) -> bool:
    """A relative clause opened by a preposition: ``ein Brief, in dem er forderte, …``."""
    return (ctx.tag[clause] in ("APPR", "APPRART") and clause + 1 < ctx.n_tokens
            and ctx.tag[clause + 1] in ("PRELS", "PRELAT", "PWS", "PWAV"))


def verb_final_clause(ctx: Context, clause: int, finite: int, stop: int) -> bool:
    """A clause opened by a temporal conjunction the tagger did not tag as one, with its finite verb
    last (``Als der Minister am Montag sagte, …``)."""
    return ctx.lower[clause] in CLAUSE_CONJUNCTIONS and ctx.tag[clause] != "KOUS" and finite > clause + 1 and all(
        ctx.tag[k].startswith("V") or ctx.tag[k] in ("PTKVZ", "PTKNEG") for k in range(finite, stop))


def excluding(ctx: Context, token: int, entry: VerbEntry) -> bool:
    """A word of the verb's ``excludes`` that changes its meaning ("erklärte die Wahl für ungültig").

    A preposition that opens a noun phrase attached to a noun ("der Forscher vom Institut für
    Astronomie") belongs to that noun, not to the verb.
    """
    if not entry.excludes or not (ctx.lower[token] in entry.excludes or ctx.lemma[token] in entry.excludes):
        return False
    if ctx.tag[token] == "APPR" and token > 0 and token + 1 < ctx.n_tokens:
        after, before = ctx.tag[token + 1], ctx.tag[token - 1]
        if (before.startswith("N") or before == "FM") and (after.startswith("N") or after in ("ART", "ADJA")):
            return False
    return True


def modal_passive(ctx: Context, verb: int, finite: int) -> bool:
    """"sein" + zu-infinitive ("Tote waren zu beklagen", "ist zu befürchten"): no one speaks."""
    return verb > 0 and ctx.lower[verb - 1] == "zu" and ctx.lemma[finite] == "sein"


def verb_source(ctx: Context, clause: VerbClause):
    """The source span of a reporting clause, ``None``, or :data:`HANDLED` (postposed or anaphoric cue)."""
    if clause.passive:
        return passive_source(ctx, clause)
    if clause.subordinate:
        if ctx.tag[clause.first] == "PRELS":
            return antecedent_of_relative(ctx, clause.first, clause.start) or (clause.first, clause.first + 1)
        opener = clause.first + 2 if prepositional_relative(ctx, clause.first) else clause.first + 1
        return subject_after(ctx, opener, clause.finite)
    finite = clause.finite
    if finite > clause.start and ctx.lower[finite - 1] in ("und", "oder", "sowie") and ctx.tag[finite - 1] == "KON":
        return coordinated_subject(ctx, clause.start, finite)
    if finite == clause.verb and (finite - 1) in ctx.close_to_quote and quote_opens_content(
            ctx, ctx.close_to_quote[finite - 1], clause.start):
        postposed(ctx, clause, (clause.start, finite))  # „…“ sagte X.
        return HANDLED
    if clause.first == finite and clause.first > clause.start and ctx.lower[clause.first - 1] in (",", "–"):
        return after_fronted_clause(ctx, clause)
    if clause.first == finite:
        return subject_after(ctx, finite + 1, clause.stop)
    return prefield_source(ctx, clause)


def passive_source(ctx: Context, clause: VerbClause):
    """The agent of a passive ("von X mitgeteilt"); "X wird mit dem Satz zitiert" names X."""
    source = agent(ctx, clause.first, clause.stop)
    if source is None and clause.entry.lemma == "zitieren" and not clause.subordinate:
        return main_subject(ctx, clause.finite, clause.start, clause.stop)
    return source or document_source(ctx, clause.first, clause.stop)


#: Prepositions of a document that speaks in an agentless passive ("in einer Erklärung wurde gefordert").
DOCUMENT_PREPOSITIONS = frozenset({"in", "im"})


def document_source(ctx: Context, first: int, stop: int) -> tuple[int, int] | None:
    """``In einer Pressemitteilung der Organisation wird gefordert, …``: the document is the source."""
    for at in range(first, stop - 1):
        if ctx.lower[at] in DOCUMENT_PREPOSITIONS and ctx.tag[at] in ("APPR", "APPRART") and ctx.quote_of[at] < 0:
            end = np_right(ctx, at + 1, stop)
            head = next((k for k in range(at + 1, end or at) if is_noun(ctx, k)), None)
            if end and head is not None and info_head(ctx, head):
                return at + 1, end
    return None


def after_fronted_clause(ctx: Context, clause: VerbClause):
    """``<clause>, sagte X`` or ``X, der …, sagte``: a postposed cue or a subject with a relative clause."""
    left = (clause.start, clause.first - 1)
    if left_is_content(ctx, left) and (
        (clause.first - 2) in ctx.close_to_quote or find_content(ctx, clause.stop, clause.end, clause.entry.use) is None
    ):
        postposed(ctx, clause, left)
        return HANDLED
    subject = prefield_subject(ctx, clause.start, clause.first - 1)
    if isinstance(subject, tuple):
        return subject
    after = subject_after(ctx, clause.finite + 1, clause.stop)
    if after is not None:
        return after
    # "Die UN bestätigten den Vorfall, teilten jedoch mit, …": a second predicate shares the subject
    earlier = next((k for k in range(clause.start, clause.first - 1) if ctx.tag[k] in FINITE and ctx.quote_of[k] < 0), None)
    if earlier is not None and not (ctx.tag[clause.start] in SUBORD and clause.start != earlier):
        return main_subject(ctx, earlier, clause.start, clause.first - 1)
    return None


def prefield_source(ctx: Context, clause: VerbClause):
    """The subject before the finite verb, after it, or an anaphoric "Das/Davon …" (previous sentence)."""
    subject = prefield_subject(ctx, clause.first, clause.finite)
    if subject == "anaphor" or anaphoric_adverb(ctx, clause):
        anaphoric(ctx, clause)  # "Davon geht X aus." / "Darauf wies X hin.": about the previous sentence
        return HANDLED
    return subject if isinstance(subject, tuple) else subject_after(ctx, clause.finite + 1, clause.stop)


def anaphoric_adverb(ctx: Context, clause: VerbClause) -> bool:
    """A lone pronominal adverb before the verb that the verb governs and no content follows."""
    first, entry = clause.first, clause.entry
    return (clause.finite - first == 1 and ctx.lower[first] in ANAPHORIC_ADVERBS
            and (not entry.needs or ctx.lower[first] in entry.needs)
            and (clause.stop >= clause.end - 1 or find_content(ctx, clause.stop, clause.end, entry.use) is None)
            and quote_in_clause(ctx, clause.verb, first, clause.stop) is None
            and not object_noun(ctx, clause.finite + 1, clause.stop))


def verb_content(ctx: Context, clause: VerbClause) -> tuple[str, tuple[int, int]] | None:
    """The content of a reporting clause: ``(form, token span)`` or ``None``."""
    use = clause.entry.use
    content = find_content(ctx, clause.stop, clause.end, use, sub=clause.subordinate) if clause.stop < clause.end else None
    if use == "report" and content and content[0] == "indirect":
        first = ctx.lower[content[1][0]]
        if first not in ("dass", "daß", "ob", *REASON_CONJUNCTIONS) and not any(
            ctx.tag[k] in ("VVIZU", "PTKZU") for k in range(*content[1])
        ):
            content = None
    if content is None:
        content = bare_zu_infinitive(ctx, clause)
    if content is None and use == "say":
        quote = quote_in_clause(ctx, clause.verb, clause.first, clause.stop)
        if quote is not None:
            content = ("direct", quote)
    return content


def bare_zu_infinitive(ctx: Context, clause: VerbClause) -> tuple[str, tuple[int, int]] | None:
    """``X hat angekündigt die Preise zu erhöhen``: a zu-infinitive group right after the non-finite
    reporting verb, without the comma (the content runs from the verb to the zu-infinitive that ends it)."""
    verb = clause.verb
    if ctx.tag[verb] not in ("VVPP", "VVINF") or verb + 2 >= clause.stop:
        return None
    last = content_end(ctx, verb + 1, clause.stop) - 1
    if ctx.tag[last] not in ("VVINF", "VAINF", "VMINF", "VVIZU") or ctx.quote_of[last] >= 0:
        return None
    if ctx.tag[last] != "VVIZU" and not any(ctx.tag[k] == "PTKZU" for k in range(last - 2, last)):
        return None
    if has_finite(ctx, verb + 1, last + 1) or ctx.tag[verb + 1] in ("PTKZU", "VAFIN", "VMFIN", "VAINF", "VMINF"):
        return None  # "… angekündigt worden", "… gesagt zu haben": not a complement of the verb
    return "indirect", (verb + 1, last + 1)


def add_verb_content(ctx: Context, clause: VerbClause, source,
                     content: tuple[str, tuple[int, int]]) -> Found | None:
    """Add the row of a reporting verb with content (and the reported criticism of a reason clause)."""
    form, span = content
    if source is None and not clause.passive and clause.entry.use == "report":
        return None
    if form == "indirect" and indicative_clause(ctx, span) and (source is None or not (
            ctx.tag[source[0]] == "PPER" or speaker_phrase(ctx, source))):
        return None  # "Zwei Waffen wurden gefunden, der Zugriff erfolgte schnell": the reporter's narrative
    found = add(ctx, Found(form, ctx.sent_of[span[0]], span, source, clause.cue,
                           anonymous=clause.passive and source is None, kind="verb",
                           rule="verb_quote" if form == "direct" else "verb_content",
                           addressee=find_addressee(ctx, clause.first, clause.stop, [source, span])))
    if (form == "indirect" and ctx.lower[span[0]] in REASON_CONJUNCTIONS and clause.entry.use in ("report", "both")
            and not clause.subordinate and source is not None and clause.start < span[0] - 1):
        # "X kritisierte Y, weil Y … sei": the criticism itself is a reported statement too
        add(ctx, Found("reported", clause.sent, (clause.start, span[0] - 1), source, clause.cue, kind="reported"))
    if form == "direct":
        mark_quote_used(ctx, span)
        split_quote_followers(ctx, found, span, clause.end)
    return found


#: Articles of an accusative object ("zitierte einen Sprecher", "zitiert den Minister").
ACCUSATIVE_ARTICLES = frozenset({"den", "einen", "die", "das", "eine", "diesen", "dessen", "deren"})


def cited_object(ctx: Context, clause: VerbClause, subject) -> tuple[int, int] | None:
    """The person an active "zitieren" cites: its accusative object in the clause, if it can speak."""
    if subject is None or clause.passive:
        return None
    at = clause.finite + 1
    while at < clause.stop:
        if subject[0] <= at < subject[1] or ctx.quote_of[at] >= 0:
            at += 1
            continue
        if ctx.tag[at] in ("APPR", "APPRART", "KOUS", "$,") or ctx.tag[at].startswith("V"):
            return None
        if (ctx.lower[at] in ACCUSATIVE_ARTICLES and ctx.tag[at] == "ART") or ctx.tag[at] == "NE":
            end = np_right(ctx, at, clause.stop)
            head = next((k for k in range(at, end or at) if ctx.tag[k].startswith("N")), None)
            if end and head is not None and (ctx.tag[head] == "NE" or ctx.lexicon.can_speak(ctx.lemma[head])):
                return at, end
            return None
        at += 1
    return None


def add_reported(ctx: Context, clause: VerbClause, source) -> None:
    """A statement reported without content ("Die UN forderten eine Untersuchung.")."""
    if clause.entry.use not in ("report", "both") or clause.subordinate or source is None:
        return
    if any(g.kind == "reported" and g.sentence == clause.sent for g in ctx.found):
        return
    if clause.entry.needs and not any(
            ctx.lower[k] in clause.entry.needs for k in range(min(clause.finite, clause.verb) + 1, clause.stop)):
        return
    if ctx.lower[clause.start] == "(" or ctx.lower[source[0]] == "(":
        return
    if negated(ctx, clause):
        return  # "Zahlen nannte die Behörde nicht": no statement was made
    add(ctx, Found("reported", clause.sent, (clause.start, clause.end), source, clause.cue, anonymous=False,
                   kind="reported", addressee=find_addressee(ctx, clause.first, clause.stop, [source])))


#: Negation words that deny that a statement was made ("nannte keine Zahlen", "äußerte sich nicht").
NEGATIONS = frozenset({"nicht", "nie", "niemals", "kein", "keine", "keinen", "keinem", "keiner", "keines"})


def negated(ctx: Context, clause: VerbClause) -> bool:
    """Whether the reporting clause is negated ("nicht nur" is not a negation)."""
    return any(ctx.lower[k] in NEGATIONS and ctx.quote_of[k] < 0 and ctx.lower[k + 1] != "nur"
               for k in range(clause.first, min(clause.stop, ctx.n_tokens - 1)))


def split_quote_followers(ctx: Context, att: Found, span: tuple[int, int], end: int) -> None:
    """``„A“, sagte X, „B“``: a quote right after the cue clause shares its source."""
    last = max(att.cue + ((att.source[1] - 1,) if att.source else ()))
    k = last + 1
    while k < ctx.n_tokens and ctx.sent_of[k] == ctx.sent_of[last] and ctx.lower[k] in (",", "–", ":") or (
        k < ctx.n_tokens and ctx.tag[k] == "ADV" and ctx.sent_of[k] == ctx.sent_of[last] and ctx.lower[k] in ("weiter", "dann")
    ):
        k += 1
    if k < ctx.n_tokens and ctx.quote_of[k] >= 0 and ctx.quotes[ctx.quote_of[k]][0] == k and k > span[1]:
        q = ctx.quote_of[k]
        if not quote_used(ctx, q):
            o, c = ctx.quotes[q]
            add(ctx, Found("direct", ctx.sent_of[o], (o, c + 1), att.source, att.cue, via=att.via,
                           anonymous=att.anonymous, kind="split"))
            ctx.used.add(-(q + 1))


def postposed(ctx: Context, clause: VerbClause, left: tuple[int, int]) -> None:
    """``<content>, sagte X.`` -- the content is the clause before the cue."""
    left_start, left_end = left
    finite, stop = clause.finite, clause.stop
    source = agent(ctx, finite + 1, stop) if clause.passive else subject_after(ctx, finite + 1, stop)
    source = with_closing_apposition(ctx, source, clause)
    anonymous = clause.passive and source is None
    addressee = find_addressee(ctx, finite, clause.end, [source])
    quote = ctx.close_to_quote.get(left_end - 1)
    if quote is not None and quote_opens_content(ctx, quote, left_start):
        opener, closer = ctx.quotes[quote]
        found = add(ctx, Found("direct", ctx.sent_of[opener], (opener, closer + 1), source, clause.cue,
                               anonymous=anonymous, kind="verb", rule="verb_postposed", addressee=addressee))
        ctx.used.add(-(quote + 1))
        split_quote_followers(ctx, found, (opener, closer + 1), clause.end)
        return
    end = content_end(ctx, left_start, left_end)
    if end > left_start:
        add(ctx, Found("indirect", clause.sent, (left_start, end), source, clause.cue, anonymous=anonymous,
                       kind="verb", rule="verb_postposed", addressee=addressee))


def with_closing_apposition(ctx: Context, source, clause: VerbClause):
    """``…, sagte der Sprecher des Senders, Igor Petrow.``: a name in apposition that ends the sentence."""
    if source is None or source[1] != clause.stop or clause.stop >= clause.end or ctx.lower[clause.stop] != ",":
        return source
    end = np_right(ctx, source[0], clause.end, apposition=True)
    if end is not None and end > source[1] and (end >= clause.end or ctx.lower[end] in (",", ".", "!", "?")):
        return source[0], end
    return source


def anaphoric(ctx: Context, clause: VerbClause) -> None:
    """``Das berichtete X.`` -- the content is the previous sentence."""
    if clause.entry.use == "report" or clause.sent == 0:
        return
    source = subject_after(ctx, clause.finite + 1, clause.stop)
    prev_start, prev_end = sent_range(ctx, clause.sent - 1)
    close = ctx.close_to_quote
    quote = close.get(prev_end - 1) if prev_end - 1 in close else close.get(prev_end - 2)
    if quote is not None and quote_opens_content(ctx, quote, prev_start):
        opener, closer = ctx.quotes[quote]
        add(ctx, Found("direct", ctx.sent_of[opener], (opener, closer + 1), source, clause.cue, kind="verb",
                       rule="verb_anaphoric"))
        ctx.used.add(-(quote + 1))
        return
    end = content_end(ctx, prev_start, prev_end)
    if end > prev_start:
        add(ctx, Found("indirect", clause.sent - 1, (prev_start, end), source, clause.cue, kind="verb",
                       rule="verb_anaphoric"))


#: Tags that may follow the speaker of a postposed cue up to the sentence end ("…, ergänzte X am Montag
#: in einer Mitteilung.").
CUE_TAIL_TAGS = frozenset({"APPR", "APPRART", "ART", "NN", "NE", "FM", "ADJA", "ADJD", "ADV", "CARD", "PPOSAT", "PIAT"})


def unlisted_postposed(ctx: Context, sent: int, start: int, end: int) -> None:
    """``Die Ursache sei unklar, verlautbarte der Betreiber.``: a Konjunktiv I clause followed by a comma,
    a finite verb and a subject that can speak, and nothing else, is a postposed cue even when the verb
    is not in the lexicon (the Konjunktiv marks the clause as reported speech)."""
    if any(f.content and ctx.sent_of[f.content[0]] == sent for f in ctx.found):
        return
    comma = next((k for k in range(start + 1, end - 2) if ctx.lower[k] == "," and ctx.quote_of[k] < 0
                  and ctx.tag[k + 1] == "VVFIN"), None)
    if comma is None or ctx.tag[comma + 1] != "VVFIN" or comma + 1 in ctx.used:
        return
    stop = content_end(ctx, comma + 2, end)
    subject = subject_after(ctx, comma + 2, stop)
    if subject is None or subject[0] != comma + 2 and ctx.tag[comma + 2] not in ("ADV", "PTKVZ"):
        return
    if not (ctx.tag[subject[0]] == "PPER" and ctx.lower[subject[0]] in ("er", "sie")) and not speaker_phrase(ctx, subject):
        return
    if any(ctx.tag[k] not in CUE_TAIL_TAGS and not ctx.tag[k].startswith("$") and ctx.tag[k] != "PTKVZ"
           for k in range(subject[1], stop)):
        return
    left = content_end(ctx, start, comma)
    if left <= start or not left_is_content(ctx, (start, comma)) or not any(
            konjunktiv(ctx, k) == 1 and ctx.quote_of[k] < 0 and ctx.tag[clause_start(ctx, k, start)] not in SUBORD
            for k in range(start, left) if ctx.tag[k] in FINITE):
        return
    add(ctx, Found("indirect", sent, (start, left), subject, (comma + 1,), kind="verb", rule="verb_postposed"))
