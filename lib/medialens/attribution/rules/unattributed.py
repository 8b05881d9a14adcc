"""Quotations and sentences without a cue of their own: a speaker before a colon, a quotation nested
in an attributed clause or following one, and Konjunktiv or "soll … haben" sentences that continue the
previous source."""

from __future__ import annotations

from medialens.attribution.rules.context import (
    CONTINUATION_WINDOW,
    Context,
    ELLIPTICAL_CUE_ADVERBS,
    FINITE,
    Found,
    HEARSAY_MODALS,
    NON_SOURCES,
    PRONOUN_SUBJECTS,
    SUBORD,
    add,
    cue_sentence,
    is_noun,
    is_punct,
    konjunktiv,
    previous_attribution,
    quote_used,
    sent_range,
    sentence_touched,
    spans_of_sources,
)
from medialens.attribution.rules.quotes import quote_has_verb, quote_words, quoted_sentence, title_like
from medialens.attribution.rules.clauses import clause_end, clause_start, main_finite_before
from medialens.attribution.rules.phrases import (
    antecedent_of_relative,
    main_subject,
    np_right,
    phrase_head,
    speaker_phrase,
    subject_after,
)
from medialens.attribution.rules.verbs import verb_entry


def attach_quotes(ctx: Context) -> None:
    """Quotations without a cue of their own: after a colon and a speaker, nested in an attributed
    clause, carried over from the previous attribution, or unattributed."""
    source_spans = spans_of_sources(ctx)
    containers = [f for f in ctx.found if f.content and f.form != "direct"]
    replaced: list[Found] = []
    for quote, (opener, closer) in enumerate(ctx.quotes):
        if quote_used(ctx, quote):
            continue
        if any(sa <= opener < sb or sa <= closer < sb or (opener <= sa and sb <= closer + 1)
               for sa, sb in source_spans):
            continue  # a quoted name inside a source phrase
        span = (opener, closer + 1)
        speaker = colon_speaker(ctx, opener) or postposed_clause_speaker(ctx, closer)
        host = smallest_container(containers, opener, closer)
        if speaker is None and host is None:
            speaker = quoting_clause_speaker(ctx, quote)
        if speaker is not None:
            add(ctx, Found("direct", ctx.sent_of[opener], span, speaker[0], speaker[1], kind="colon"))
        elif host is not None:
            if not quoted_content_of(ctx, quote, host):
                continue
            add(ctx, Found("direct", ctx.sent_of[opener], span, host.source, host.cue, via=host.via,
                           anonymous=host.anonymous, antecedent=host.antecedent, kind="nested"))
            if host.kind == "reported":
                replaced.append(host)
        elif not add_free_quote(ctx, quote):
            continue
        ctx.used.add(-(quote + 1))
    # "X nannte die Absage einen „Vertrauensbruch“": the quoted words are what X said; the reported
    # row of the same clause would count the statement twice
    ctx.found = [f for f in ctx.found if all(f is not r for r in replaced)]


def quoted_content_of(ctx: Context, quote: int, host: Found) -> bool:
    """Whether a quotation inside an attribution's content is a quotation (not a quoted name or title).

    Inside a statement reported without content ("nannte ihn einen „Verräter“", "warnte vor einem
    „Flächenbrand“") a quoted word is what the source said, unless it names something right after a
    noun ("den Film „Heimat“") or is a proper name.
    """
    if not title_like(ctx, quote):
        return True
    opener, closer = ctx.quotes[quote]
    named = any(ctx.tag[k] in ("NE", "FM") for k in range(opener + 1, closer))
    return host.kind == "reported" and opener > 0 and not is_noun(ctx, opener - 1) and not named


def smallest_container(containers: list[Found], opener: int, closer: int) -> Found | None:
    """The attribution with the shortest content that contains the quotation."""
    host = None
    for found in containers:
        if found.content[0] <= opener and closer < found.content[1] + 1:
            if host is None or (found.content[1] - found.content[0]) < (host.content[1] - host.content[0]):
                host = found
    return host


def add_free_quote(ctx: Context, quote: int) -> bool:
    """A quoted sentence standing alone: the previous attribution's source, else unattributed."""
    opener, closer = ctx.quotes[quote]
    sent = ctx.sent_of[opener]
    start, _ = sent_range(ctx, sent)
    starts_clause = all(is_punct(ctx, k) for k in range(start, opener)) or (
        opener > 0 and ctx.lower[opener - 1] in (":",))
    if not starts_clause or not (
        (quote_has_verb(ctx, quote) and quote_words(ctx, quote) >= 3) or quoted_sentence(ctx, quote)
    ):
        return False
    prev = previous_attribution(ctx, konjunktiv_run_start(ctx, sent), max_back=2)
    span = (opener, closer + 1)
    if prev is not None and ctx.para_of[prev.content[0]] in (ctx.para_of[opener], ctx.para_of[opener] - 1):
        add(ctx, Found("direct", sent, span, prev.source, (), via=prev.via, anonymous=prev.anonymous,
                       antecedent=prev, kind="carried"))
        return True
    speaker = previous_speaking_subject(ctx, sent)
    if speaker is not None:
        add(ctx, Found("direct", sent, span, speaker, (), kind="carried"))
    else:
        add(ctx, Found("direct", sent, span, None, (), kind="unattributed"))
    return True


def konjunktiv_run_start(ctx: Context, sent: int) -> int:
    """The first of the Konjunktiv sentences without a row right before ``sent`` (same paragraph), or ``sent``:
    they continue the source before them, so a quotation after them does too (at most the window back)."""
    touched = sentence_touched(ctx)
    first = sent
    while (first > 0 and sent - first < CONTINUATION_WINDOW and first - 1 not in touched
           and ctx.sentences[first - 1].paragraph == ctx.sentences[sent].paragraph
           and reported_speech_marker(ctx, *sent_range(ctx, first - 1)) == "konjunktiv"):
        first -= 1
    return first


def previous_speaking_subject(ctx: Context, sent: int) -> tuple[int, int] | None:
    """``X verurteilte die Haltung der Regierung. „…“``: the subject of a reporting verb in the sentence
    just before, in the same paragraph, speaks the quotation that follows."""
    if sent == 0 or ctx.sentences[sent - 1].paragraph != ctx.sentences[sent].paragraph:
        return None
    start, end = sent_range(ctx, sent - 1)
    for verb in range(start, end):
        if ctx.quote_of[verb] >= 0 or not ctx.tag[verb].startswith("VV") or verb_entry(ctx, verb, end)[0] is None:
            continue
        finite = main_finite_before(ctx, verb + 1, start)
        if finite is None:
            return None
        subject = main_subject(ctx, finite, start, clause_end(ctx, finite, end))
        return subject if subject is not None and (ctx.tag[subject[0]] == "PPER" or can_speak(ctx, subject)) else None
    return None


def topic_subject(ctx: Context, sent: int) -> tuple[int, int] | None:
    """EXPERIMENT: the speaking subject of the previous sentence's main clause, whatever its verb."""
    if sent == 0 or ctx.sentences[sent - 1].paragraph != ctx.sentences[sent].paragraph:
        return None
    start, end = sent_range(ctx, sent - 1)
    finite = next((k for k in range(start, end) if ctx.tag[k] in FINITE and ctx.quote_of[k] < 0
                   and not (ctx.tag[clause_start(ctx, k, start)] in SUBORD and clause_start(ctx, k, start) != k)), None)
    if finite is None:
        return None
    stop = clause_end(ctx, finite, end)
    if any(ctx.tag[k] == "VVPP" for k in range(finite, stop)) and (ctx.lemma[finite] == "werden" or any(ctx.lower[k] == "worden" for k in range(finite, stop))):
        return None
    subject = main_subject(ctx, finite, start, stop)
    if subject is None or ctx.lower[subject[0]] in NON_SOURCES:
        return None
    if ctx.tag[subject[0]] == "PPER" and subject[1] - subject[0] == 1:
        return subject if ctx.lower[subject[0]] in ("er", "sie") else None
    return subject if can_speak(ctx, subject) else None


def colon_speaker(ctx: Context, opener: int) -> tuple[tuple[int, int], tuple[int, ...]] | None:
    """``Tokajew: „…“`` -- a noun phrase and a colon directly before a quotation.

    Returns the speaker span and the cue tokens (the colon, or the reporting verb of a clause
    before the colon), or ``None``.
    """
    if opener < 2 or ctx.lower[opener - 1] != ":" or ctx.quote_of[opener - 2] >= 0:
        return None
    a, _ = sent_range(ctx, ctx.sent_of[opener - 1])
    c0 = clause_start(ctx, opener - 1, a)
    if c0 >= opener - 1:
        return None
    if any(ctx.tag[k].startswith("V") for k in range(c0, opener - 1)):
        return colon_clause_speaker(ctx, c0, opener - 1)
    # elliptical cues: "Dazu Müller: „…“", "Müller weiter: „…“", "Er wörtlich: „…“"
    while c0 < opener - 2 and ctx.tag[c0] in ("ADV", "PROAV", "PAV") and ctx.lower[c0] not in ("so",):
        c0 += 1
    stop = opener - 1
    while stop > c0 + 1 and ctx.lower[stop - 1] in ELLIPTICAL_CUE_ADVERBS:
        stop -= 1
    end = np_right(ctx, c0, stop, apposition=True)
    reach = end
    if end is not None and end < stop and ctx.tag[end] in ("APPR", "APPRART") and can_speak(ctx, (c0, end)):
        reach = skip_pps(ctx, end, stop)  # "Ein Kommissar nach der Festnahme: „…“"
    if reach != stop or not any(ctx.tag[k] in ("NE", "PPER") or is_noun(ctx, k) for k in range(c0, end)):
        return None
    if ctx.tag[c0] == "PPER" and ctx.lower[c0] not in PRONOUN_SUBJECTS:
        return None
    if typeless_heading(ctx, c0, end):
        return None
    return (c0, end), (opener - 1,)


#: Words before a quoted fragment that mark it as the source's own wording ("als „Fest“", "von einer „…“").
FRAGMENT_INTRODUCERS = frozenset({"als", "von", "vom", "einen", "eine", "einer", "einem", "ein"})


def quoting_clause_speaker(ctx: Context, quote: int) -> tuple[tuple[int, int], tuple[int, ...]] | None:
    """A quoted fragment in a clause with a reporting verb: ``X bezeichnete Y als „…“``, ``der … „…“ nannte``.

    The fragment is the source's wording even where the verb has no row of its own (a relative or
    subordinate clause, a reaction verb). The speaker is the clause's subject (or a relative pronoun's
    antecedent) and must be able to speak.
    """
    opener, closer = ctx.quotes[quote]
    start, end = sent_range(ctx, ctx.sent_of[opener])
    first = clause_start(ctx, opener, start)
    stop = clause_end(ctx, closer, end)
    verbs = [k for k in range(first, stop) if ctx.quote_of[k] < 0 and ctx.tag[k].startswith("VV")
             and verb_entry(ctx, k, stop)[0] is not None]
    if not verbs or (title_like(ctx, quote) and ctx.lower[opener - 1] not in FRAGMENT_INTRODUCERS):
        return None
    finite = next((k for k in range(first, stop) if ctx.tag[k] in FINITE and ctx.quote_of[k] < 0), verbs[0])
    if ctx.tag[first] == "PRELS":
        subject = antecedent_of_relative(ctx, first, start)
    else:
        subject = main_subject(ctx, finite, first, stop)
    if subject is None or subject[0] <= opener < subject[1] or not (
            ctx.tag[subject[0]] == "PPER" and ctx.lower[subject[0]] not in NON_SOURCES or can_speak(ctx, subject)):
        return None
    return subject, (verbs[0],)


def postposed_clause_speaker(ctx: Context, closer: int) -> tuple[tuple[int, int], tuple[int, ...]] | None:
    """``„…“, zeigte sich der Trainer zufrieden.``: a clause after the quotation whose subject can speak.

    The quotation must open its sentence; the finite verb right after the comma is the cue.
    """
    if closer + 3 >= ctx.n_tokens or ctx.lower[closer + 1] != "," or ctx.tag[closer + 2] not in FINITE:
        return None
    opener = ctx.quotes[ctx.quote_of[closer]][0]
    start, end = sent_range(ctx, ctx.sent_of[closer + 2])
    if not all(is_punct(ctx, k) for k in range(start, opener)) or ctx.sent_of[opener] != ctx.sent_of[closer + 2]:
        return None
    finite = closer + 2
    subject = subject_after(ctx, finite + 1, clause_end(ctx, finite, end))
    if subject is None or ctx.lower[subject[0]] in NON_SOURCES or not (
            ctx.tag[subject[0]] == "PPER" or can_speak(ctx, subject)):
        return None
    return subject, (finite,)


def colon_clause_speaker(ctx: Context, clause: int, colon: int) -> tuple[tuple[int, int], tuple[int, ...]] | None:
    """``Müller wandte sich an die Presse: „…“`` -- the subject of a main clause ending in a colon.

    With a reporting verb in the clause (``Der Minister sagte am Montag:`` and the quotation in the
    next paragraph) any subject counts and the verb is the cue; otherwise only a subject with a
    proper name or a personal pronoun, so that "Das Motto lautete: „…“" keeps no speaker.
    """
    f = next((k for k in range(clause, colon) if ctx.tag[k] in FINITE and ctx.quote_of[k] < 0), None)
    if f is None or (ctx.tag[clause] in SUBORD and clause != f):
        # "X zeigte sich besorgt, dass …: „…“": the main clause before the subordinate one speaks
        start, _ = sent_range(ctx, ctx.sent_of[colon])
        f = main_finite_before(ctx, clause, start) if clause > start else None
        if f is None:
            return None
        clause = clause_start(ctx, f, start)
    subj = main_subject(ctx, f, clause, colon)
    if subj is None:
        return None
    sa, sb = subj
    if ctx.tag[sa] in ("PPER", "PIS") and ctx.lower[sa] in NON_SOURCES:
        return None
    for v in range(clause, colon):
        if ctx.tag[v].startswith("VV") and ctx.quote_of[v] < 0:
            entry, particle = verb_entry(ctx, v, colon + 1)
            if entry is not None and entry.use in ("say", "both"):
                return subj, (v,) if particle is None else tuple(sorted((v, particle)))
    if sb - sa == 1 and ctx.tag[sa] == "PPER":
        return (subj, (colon,)) if ctx.lower[sa] in ("er", "sie", "ich", "wir") else None
    if typeless_heading(ctx, sa, sb):
        return None
    if not can_speak(ctx, subj) and not any(ctx.lemma[k] == "lauten" for k in range(clause, colon)):
        return None  # "Der Text lautete: „…“" names its source; other clauses need a speaker
    return subj, (colon,)


head_noun = phrase_head
can_speak = speaker_phrase


def skip_pps(ctx: Context, token: int, stop: int) -> int:
    """The end of prepositional phrases and adverbs from ``token``, if they reach ``stop``; else ``token``."""
    at = token
    while at < stop:
        if ctx.tag[at] in ("APPR", "APPRART"):
            end = np_right(ctx, at + 1, stop)
            if end is None:
                return token
            at = end
        elif ctx.tag[at] in ("ADV", "ADJD"):
            at += 1
        else:
            return token
    return stop


def typeless_heading(ctx: Context, start: int, end: int) -> bool:
    """A label such as "Motto", "Titel", "Zitat" before a colon, not a speaker."""
    head = head_noun(ctx, (start, end))
    return any(ctx.lemma[k] in HEADINGS for k in (end - 1, head) if k is not None)


#: Labels before a colon that introduce a text, not a speaker ("Das Motto lautete: „…“").
HEADINGS = frozenset({"motto", "titel", "zitat", "überschrift", "slogan", "aufschrift", "wortlaut", "thema",
                      "parole", "devise", "schlagzeile", "frage"})


def reported_speech_marker(ctx: Context, start: int, sent_end: int) -> str | None:
    """``"konjunktiv"``, ``"hearsay"`` or ``None`` for a sentence without a cue.

    Konjunktiv: a Konjunktiv I verb outside quotations and outside subordinate clauses, or a
    Konjunktiv II stand-in as the first finite verb. Hearsay: "soll/sollen" with a perfect
    infinitive ("Er soll Gelder veruntreut haben").
    """
    first = True
    for k in range(start, sent_end):
        if ctx.quote_of[k] >= 0 or ctx.tag[k] not in FINITE:
            continue
        c0 = clause_start(ctx, k, start)
        end = clause_end(ctx, k, sent_end)
        subordinate = (ctx.tag[c0] in SUBORD and c0 != k) or (k - c0 >= 2 and all(
            ctx.tag[m].startswith("$") and ctx.quote_of[m] < 0 for m in range(k + 1, end)))
        mood = konjunktiv(ctx, k)
        if not subordinate and (mood == 1 or (mood in (2, 3) and first)):
            if mood == 3 and conditional(ctx, start, sent_end):
                return None  # "Im Fall einer Klage müsste die Regierung …": the reporter's own irrealis
            # "Die Firmen könnten …": a modal Konjunktiv II is also the reporter's own conjecture
            return "konjunktiv_weak" if mood == 3 else "konjunktiv"
        if first and not subordinate and ctx.lower[k] in HEARSAY_MODALS:
            tail = hearsay_tail(ctx, k, sent_end)
            if len(tail) >= 2 and ctx.lower[tail[-1]] in ("haben", "sein"):
                if ctx.lower[tail[-1]] == "haben" or ctx.lower[tail[-2]] in ("worden", "gewesen"):
                    return "hearsay"
            return "hearsay_weak"  # "soll … gewesen sein", "soll … gebaut werden": only after a cue
        if not subordinate:
            first = False
    return None


#: Words that open a condition ("wenn", "falls", "im Falle"): a Konjunktiv II beside them is an irrealis.
CONDITION_WORDS = frozenset({"wenn", "falls", "sofern", "fall", "falle"})


def conditional(ctx: Context, start: int, end: int) -> bool:
    """A sentence with a condition: a wenn/falls-clause, "im Fall(e)", or a verb-first conditional clause
    ("Hätte er nur Bier getrunken, …")."""
    first = next((k for k in range(start, end) if not is_punct(ctx, k)), start)
    return ctx.tag[first] in FINITE or any(
        ctx.lower[k] in CONDITION_WORDS and ctx.quote_of[k] < 0 for k in range(start, end))


def hearsay_tail(ctx: Context, token: int, end: int) -> list[int]:
    """Verbs of the clause of modal "soll" at ``token``, across coordinated participles.

    ``Er soll die Tür aufgebrochen, das Geld genommen und das Haus verlassen haben``: the commas join
    coordinated participles, so the clause runs on to the infinitive at its end; a comma before a
    subordinating word (or a new finite verb) ends it.
    """
    tail = []
    for m in range(token + 1, end):
        if ctx.quote_of[m] >= 0:
            continue
        if ctx.lower[m] in (";", ":") or (ctx.lower[m] == "," and m + 1 < end and ctx.tag[m + 1] in SUBORD):
            break
        if ctx.tag[m].startswith("V"):
            if ctx.tag[m] in FINITE and not (m + 1 >= end or is_punct(ctx, m + 1)):
                break  # a new finite clause, not the clause-final infinitive (tagged finite by HanTa)
            tail.append(m)
    return tail


def continuations(ctx: Context) -> None:
    """Konjunktiv and "soll" sentences without a cue carry the previous sentence's source.

    Consecutive sentences of the same kind become one row; a quotation inside them is a direct row
    of the same source.
    """
    touched = sentence_touched(ctx)
    by_end = rows_by_last_sentence(ctx)
    for sent in range(len(ctx.sentences)):
        if sent in touched:
            continue
        start, end = sent_range(ctx, sent)
        if all(ctx.quote_of[k] >= 0 or is_punct(ctx, k) for k in range(start, end)):
            continue
        marker = reported_speech_marker(ctx, start, end)
        if marker is None:
            continue
        back = previous_row_sentence(ctx, sent, by_end)
        speaker = None
        if sent - 1 not in by_end:  # "X kritisierte die Pläne. Die Mittel seien unrealistisch."
            speaker = previous_speaking_subject(ctx, sent) or (topic_subject(ctx, sent) if back is not None else None)
        if speaker is not None:
            by_end[sent] = add(ctx, Found("indirect", sent, (start, end), speaker, (), kind="continuation",
                                          rule="konjunktiv_continuation" if marker.startswith("konjunktiv")
                                          else "hearsay_continuation"))
            continue
        if back is None:
            if marker == "hearsay":  # "Er soll Gelder veruntreut haben": an unnamed claim
                by_end[sent] = add(ctx, Found("indirect", sent, (start, end), None, (), anonymous=True,
                                              kind="continuation", rule="hearsay_continuation"))
            continue
        if marker in ("hearsay_weak", "konjunktiv_weak") and back != sent - 1:
            continue  # "Die Brücke soll 2025 fertig sein", "… könnte …" continue a source only right after it
        prev = by_end[back]
        if prev.kind in ANAPHORIC_KINDS and prev.antecedent is not None and prev.antecedent.source is not None:
            prev = prev.antecedent  # "Demnach …", "nach eigenen Angaben": the source they stand for
        rule = "konjunktiv_continuation" if marker.startswith("konjunktiv") else "hearsay_continuation"
        if (back == sent - 1 and prev.kind == "continuation" and prev.rule == rule
                and prev.content[1] == sent_range(ctx, sent - 1)[1]):
            prev.content = (prev.content[0], end)
            by_end[sent] = prev
        else:
            by_end[sent] = add(ctx, Found("indirect", sent, (start, end), prev.source, (), via=prev.via,
                                          anonymous=prev.anonymous, antecedent=prev, kind="continuation", rule=rule))
        quotes_in_continuation(ctx, start, end, prev)


#: Kinds of rows whose source phrase stands for an earlier source ("Demnach", "nach eigenen Angaben").
ANAPHORIC_KINDS = frozenset({"carry", "info_anaphor", "info_possessive"})


def previous_row_sentence(ctx: Context, sent: int, by_end: dict[int, Found]) -> int | None:
    """The nearest earlier sentence (within the window, at most one paragraph back) where a row ends."""
    back = next((sent - d for d in range(1, CONTINUATION_WINDOW + 1) if sent - d in by_end), None)
    if back is None or ctx.sentences[back].paragraph < ctx.sentences[sent].paragraph - 1:
        return None
    return back


def rows_by_last_sentence(ctx: Context) -> dict[int, Found]:
    """The attribution whose content (or cue) ends last in each sentence."""
    by_end: dict[int, Found] = {}
    for f in ctx.found:
        if f.content:
            last = max(ctx.sent_of[f.content[1] - 1], cue_sentence(ctx, f))
            if last not in by_end or f.content[1] >= by_end[last].content[1]:
                by_end[last] = f
    return by_end


def quotes_in_continuation(ctx: Context, start: int, end: int, prev: Found) -> None:
    """Quotations inside a continued sentence: direct rows of the continued source."""
    for quote in sorted({ctx.quote_of[k] for k in range(start, end) if ctx.quote_of[k] >= 0}):
        opener, closer = ctx.quotes[quote]
        if quote_used(ctx, quote) or title_like(ctx, quote) or opener < start:
            continue
        add(ctx, Found("direct", ctx.sent_of[opener], (opener, closer + 1), prev.source, (), via=prev.via,
                       anonymous=prev.anonymous, antecedent=prev, kind="nested"))
        ctx.used.add(-(quote + 1))
