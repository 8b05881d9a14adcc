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

Everything here works on token indices; :mod:`medialens.attribution` turns the results into
character offsets and typed rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from medialens.attribution.lexicons import AttributionLexicon
from medialens.german import DETERMINER_TAGS as DET
from medialens.german import FINITE_VERB_TAGS as FINITE
from medialens.german import QUOTE_MARKS
from medialens.german import QUOTE_PAIRS as OPENERS
from medialens.german import SUBORDINATOR_TAGS as SUBORD
from medialens.german import konjunktiv_forms, konjunktiv_mood

# Closed-class German function words and STTS tag sets the rules are written in (grammar, not lexicon).
ADJ = frozenset({"ADJA", "ADJD", "CARD"})
PRONOUN_SUBJECTS = frozenset({"er", "sie", "wir", "ich", "ihr", "man", "beide", "einige", "viele", "alle", "andere"})
OBLIQUE_ARTICLES = frozenset({"dem", "den", "einem", "einen", "des", "eines", "diesem", "diesen", "keinem", "keinen"})
GENITIVE_ARTICLES = frozenset({"des", "der", "eines", "einer"})
CLAUSE_BOUNDARY = frozenset({",", ";", ":", "–", "—"})
SENTENCE_PUNCT = frozenset({".", "!", "?", ";", ":", "…"})
FOCUS_WORDS = frozenset({"auch", "selbst", "sogar", "nur", "zudem", "außerdem", "ebenfalls", "und", "aber", "doch", "so"})
QUANTIFIER_ADVERBS = frozenset({"rund", "etwa", "fast", "knapp", "mehr", "über", "mindestens", "zahlreiche"})
ANAPHORS = frozenset({"das", "dies", "dieses"})
ANAPHORIC_ADVERBS = frozenset({"davon", "darauf", "darüber", "hierzu", "hiervon", "hierüber"})
W_WORDS = frozenset({"was", "wer", "wen", "wem", "wessen", "warum", "weshalb", "wieso", "wann", "wo", "woher", "wohin",
                     "wie", "welche", "welcher", "welches", "welchen", "inwieweit", "ob"})
PP_PREPOSITIONS = frozenset({"von", "vom"})
PLACE_PREPOSITIONS = frozenset({"in", "aus"})
SOURCE_PREPOSITIONS = frozenset({"in", "im", "aus", "von", "vom", "bei", "beim", "seitens"})
#: a causal clause in Konjunktiv I after a reporting verb is the reason as the speaker gives it
REASON_CONJUNCTIONS = ("weil", "da")
#: adverbs that may follow the speaker in an elliptical cue ("Müller weiter: „…“")
ELLIPTICAL_CUE_ADVERBS = frozenset({"weiter", "wörtlich", "dazu", "abschließend", "ergänzend", "später", "zuletzt"})
NON_SOURCES = frozenset({"es", "keiner", "niemand", "nichts"})  # "es hieß"; "keiner könne sagen, …"

#: A Konjunktiv sentence without a cue continues an attribution at most this many sentences back.
CONTINUATION_WINDOW = 3


@dataclass
class Found:
    """One attribution in token indices (internal; see :class:`medialens.attribution.Attribution`)."""

    form: str
    sentence: int
    content: tuple[int, int] | None  # half-open token range
    source: tuple[int, int] | None = None
    cue: tuple[int, ...] = ()
    via: tuple[int, int] | None = None
    anonymous: bool = False
    antecedent: "Found | None" = None  # for anaphoric/pronoun sources and continuations
    info_only: bool = False  # the source phrase is only an information noun ("Berichten")
    kind: str = ""
    extra_cue: tuple[int, ...] = field(default_factory=tuple)


class Rules:
    """Runs the attribution rules over one document. Create one per document."""

    def __init__(self, doc, lexicon: AttributionLexicon):
        self.doc = doc
        self.lex = lexicon
        self.konjunktiv_forms = konjunktiv_forms()
        toks = doc.tokens
        self.n = len(toks)
        self.w = [t.text for t in toks]
        self.lw = [t.text.lower() for t in toks]
        self.pos = [t.pos for t in toks]
        self.lem = [t.lemma.lower() for t in toks]
        self.sent = [t.sentence for t in toks]
        self.para = [t.paragraph for t in toks]
        self.sentences = doc.sentences
        self.inq = [-1] * self.n  # index into self.quotes of the enclosing top-level quote
        self.quotes: list[tuple[int, int]] = []  # (open token, close token), inclusive
        self.close_to_quote: dict[int, int] = {}
        self.used: set[int] = set()  # cue tokens already used by an attribution
        self.found: list[Found] = []
        #: "unter Berufung auf" cues, attached once all cues of the document are known
        self._pending_relays: list[tuple[int, int, int, int, tuple[int, int]]] = []

    # ------------------------------------------------------------------ basic predicates
    def is_noun(self, i: int) -> bool:
        p = self.pos[i]
        return p.startswith("N") or p == "FM"

    def is_punct(self, i: int) -> bool:
        return self.pos[i].startswith("$") or self.w[i] in QUOTE_MARKS

    def sent_range(self, s: int) -> tuple[int, int]:
        sen = self.sentences[s]
        return sen.token_start, sen.token_end

    def konjunktiv(self, i: int) -> int:
        """1 for a Konjunktiv I form, 2 for a Konjunktiv II reported-speech form, else 0."""
        return konjunktiv_mood(self.lw[i], self.lem[i], self.pos[i], self.konjunktiv_forms)

    # ------------------------------------------------------------------ quotations
    def find_quotes(self) -> None:
        """Pair quotation marks within each paragraph; record top-level quotes."""
        stack: list[tuple[str, int]] = []
        para = -1
        for i, w in enumerate(self.w):
            if self.para[i] != para:
                if len(stack) == 1 and i > 0:
                    self._close_at_paragraph_end(stack[0][1], i - 1)
                stack = []
                para = self.para[i]
            if w not in QUOTE_MARKS:
                continue
            if stack and w in OPENERS[stack[-1][0]]:
                _, o = stack.pop()
                if not stack:
                    self._add_quote(o, i)
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
            self._close_at_paragraph_end(stack[0][1], self.n - 1)

    def _close_at_paragraph_end(self, o: int, last: int) -> None:
        """A quotation left open at the end of its paragraph runs to the paragraph end.

        German typesetting opens every paragraph of a multi-paragraph quotation with a quotation
        mark and closes only the last one; a missing closing mark is also treated this way. Only an
        opener at the start of a sentence or after a colon, followed by a clause with a verb, counts.
        """
        if self.w[o] not in ("„", "»", "«", "“", '"'):
            return
        a, _ = self.sent_range(self.sent[o])
        if not (o == a or self.lw[o - 1] == ":"):
            return
        words = [k for k in range(o + 1, last + 1) if not self.is_punct(k)]
        if len(words) < 3 or not any(self.pos[k].startswith("V") for k in words):
            return
        while last > o and self.w[last] in QUOTE_MARKS:
            last -= 1
        self._add_quote(o, last)

    def _add_quote(self, o: int, c: int) -> None:
        if c - o < 2:
            return
        q = len(self.quotes)
        self.quotes.append((o, c))
        self.close_to_quote[c] = q
        for k in range(o, c + 1):
            self.inq[k] = q

    def quote_has_verb(self, q: int) -> bool:
        o, c = self.quotes[q]
        return any(self.pos[k].startswith("V") for k in range(o + 1, c))

    def quote_words(self, q: int) -> int:
        o, c = self.quotes[q]
        return sum(1 for k in range(o + 1, c) if not self.is_punct(k))

    # ------------------------------------------------------------------ noun phrases
    def np_right(self, k: int, limit: int, *, depth: int = 0, apposition: bool = False) -> int | None:
        """End (exclusive) of a noun phrase starting at ``k``, or ``None``."""
        if k >= limit:
            return None
        pos, lw = self.pos, self.lw
        if pos[k] in ("PPER", "PIS", "PDS", "PRELS"):
            return k + 1
        j = k
        while j < limit and (
            pos[j] in DET
            or pos[j] in ADJ
            or pos[j] == "TRUNC"
            or (pos[j] == "ADV" and lw[j] in QUANTIFIER_ADVERBS)
            or (pos[j] == "KON" and j > k and pos[j - 1] == "TRUNC")
            or (lw[j] == "als" and j > k and lw[j - 1] == "mehr")
        ):
            j += 1
        h = j
        while j < limit and (self.is_noun(j) or (pos[j] == "TRUNC")):
            j += 1
        if j == h:
            if j > k and pos[j - 1] == "ADJA" and pos[k] in DET:
                return j  # nominalised adjective: "der Vorsitzende", "die Verletzte"
            return None
        for _ in range(4):
            if j >= limit:
                break
            w = lw[j]
            if w in OPENERS and self.inq[j] >= 0 and self.quotes[self.inq[j]][0] == j:
                q = self.inq[j]
                c = self.quotes[q][1]
                if c < limit and self.name_quote(q):
                    j = c + 1
                    continue
                break
            if w in GENITIVE_ARTICLES and pos[j] == "ART" and depth < 3:
                sub = self.np_right(j, limit, depth=depth + 1)
                if sub:
                    j = sub
                    continue
                break
            if w == "(":
                close = next((m for m in range(j + 1, min(limit, j + 8)) if lw[m] == ")"), None)
                if close is not None:
                    j = close + 1
                    continue
                break
            if w in PP_PREPOSITIONS and depth < 2:
                sub = self.np_right(j + 1, limit, depth=depth + 1)
                if sub and pos[j + 1] not in ("PPER", "PIS", "PDS", "PRELS"):
                    j = sub
                    continue
                break
            if w in PLACE_PREPOSITIONS and j + 1 < limit and pos[j + 1] == "NE":
                j += 2
                while j < limit and pos[j] == "NE":
                    j += 1
                continue
            if w in ("und", "sowie") and depth == 0 and j + 1 < limit and pos[j + 1] not in ("PPER", "PIS"):
                sub = self.np_right(j + 1, limit, depth=depth + 1)
                if sub and (self.is_noun(sub - 1)):
                    j = sub
                    continue
                break
            if apposition and w == "," and j + 1 < limit:
                sub = self.np_right(j + 1, limit, depth=depth + 1)
                if sub and (sub >= limit or lw[sub] in (",", ".", "!", "?")) and (
                    pos[j + 1] == "NE" or pos[j + 1] in DET
                ):
                    j = sub
                    continue
                break
            break
        return j

    def np_left(self, j: int, floor: int) -> int | None:
        """Start of a noun phrase that ends at token ``j`` (inclusive), walking left; or ``None``."""
        pos, lw = self.pos, self.lw
        if j < floor or not (self.is_noun(j) or lw[j] in (")",) or self.w[j] in QUOTE_MARKS):
            if j >= floor and pos[j] in ("PPER", "PIS", "PDS"):
                return j
            return None
        k = j
        start = None
        while k >= floor:
            p = pos[k]
            if self.is_noun(k) or p in DET or p in ADJ or p == "TRUNC":
                start = k
                k -= 1
                continue
            if lw[k] in (")", "(") or (self.w[k] in QUOTE_MARKS and self.inq[k] >= 0):
                k -= 1
                continue
            if (p == "KON" and lw[k] in ("und", "sowie") and k - 1 >= floor
                    and (self.is_noun(k - 1) or pos[k - 1] == "TRUNC")):
                k -= 1
                continue
            if lw[k] in PP_PREPOSITIONS and start is not None and k - 1 >= floor and self.is_noun(k - 1):
                k -= 1
                continue
            break
        if start is None:
            return None
        while start <= j and (lw[start] in ("(", ")") or self.w[start] in QUOTE_MARKS) and self.inq[start] < 0:
            start += 1
        return start

    def _oblique_der(self, j: int) -> bool:
        """"der" + adjective in -en is dative/genitive ("der kasachischen Zeitung"), not a subject."""
        return (self.lw[j] == "der" and j + 1 < self.n and self.pos[j + 1] == "ADJA"
                and self.lw[j + 1].endswith("en"))

    def skip_pp(self, k: int, limit: int) -> int:
        """End of a prepositional phrase starting at ``k`` (a preposition)."""
        sub = self.np_right(k + 1, limit, depth=1)
        return sub if sub else k + 1

    def subject_after(self, k: int, limit: int, *, apposition: bool = True) -> tuple[int, int] | None:
        """First nominative-looking noun phrase in ``[k, limit)``, skipping adverbs, objects, PPs."""
        pos, lw = self.pos, self.lw
        j = k
        while j < limit:
            p, w = pos[j], lw[j]
            if self.inq[j] >= 0 and self.quotes[self.inq[j]][0] == j:
                j = self.quotes[self.inq[j]][1] + 1
                continue
            if w in CLAUSE_BOUNDARY or w in (".", "!", "?") or p.startswith("V") or p in ("KOUS", "KON", "PRELS"):
                return None
            if p in ("APPR", "APPRART", "APPO"):
                j = self.skip_pp(j, limit)
                continue
            if p == "PPER":
                if w in PRONOUN_SUBJECTS:
                    return (j, j + 1)
                j += 1
                continue
            if p == "PIS":
                if w in PRONOUN_SUBJECTS or w in ("man", "jemand", "niemand"):
                    return (j, j + 1)
                j += 1
                continue
            if p in DET and (w in OBLIQUE_ARTICLES or self._oblique_der(j)):
                end = self.np_right(j, limit)
                j = end if end else j + 1
                continue
            if p in DET or p in ADJ or self.is_noun(j) or p == "TRUNC":
                end = self.np_right(j, limit, apposition=apposition)
                if end:
                    if self._time_np(j, end):
                        j = end
                        continue
                    return (j, end)
                j += 1
                continue
            j += 1
        return None

    _TIME_NOUNS = frozenset(
        {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "sonnabend",
         "tag", "woche", "monat", "jahr", "abend", "morgen", "nacht", "mittag", "vormittag", "nachmittag",
         "wochenende", "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
         "oktober", "november", "dezember", "zeit", "uhr", "mal", "ende", "anfang", "beginn"}
    )

    def _time_np(self, a: int, b: int) -> bool:
        heads = [k for k in range(a, b) if self.is_noun(k)]
        return bool(heads) and all(self.lem[k] in self._TIME_NOUNS for k in heads)

    def clause_start(self, i: int, floor: int) -> int:
        """First token of the clause that contains ``i`` (after the last boundary to the left)."""
        k = i - 1
        while k >= floor:
            if self.inq[k] >= 0 and self.inq[i] != self.inq[k]:
                k = self.quotes[self.inq[k]][0] - 1
                continue
            if self.lw[k] in CLAUSE_BOUNDARY:
                return k + 1
            k -= 1
        return floor

    def clause_end(self, i: int, limit: int) -> int:
        """Index of the first boundary token (or ``limit``) to the right of ``i``, outside quotes."""
        k = i + 1
        while k < limit:
            if self.inq[k] >= 0 and self.inq[k] != self.inq[i]:
                k = self.quotes[self.inq[k]][1] + 1
                continue
            if self.lw[k] in CLAUSE_BOUNDARY or (self.lw[k] in (".", "!", "?") and self.pos[k] == "$."):
                return k
            if self.lw[k] == "(":
                close = next((m for m in range(k + 1, min(limit, k + 10)) if self.lw[m] == ")"), None)
                k = (close + 1) if close is not None else k + 1
                continue
            k += 1
        return limit

    def content_stop(self, t: int, s_end: int, *, sub: bool = False) -> int:
        """End of a content clause starting at ``t``.

        Stops before a colon or semicolon, before ", denn", before ", und/oder" + finite verb (a new
        coordinated statement) and, when the reporting clause is a fronted subordinate clause
        (``sub``), before ", <finite verb>" (the main clause resumes).
        """
        k = t
        while k < s_end:
            if self.inq[k] >= 0:
                k = self.quotes[self.inq[k]][1] + 1
                continue
            w = self.lw[k]
            if w in (";", ":") and k > t:
                return self.content_end(t, k)
            if w == "," and k > t and k + 1 < s_end:
                n1 = self.lw[k + 1]
                if n1 == "denn" or (sub and self.pos[k + 1] in FINITE):
                    return self.content_end(t, k)
                if n1 in ("und", "oder") and k + 2 < s_end and self.pos[k + 2] in FINITE:
                    return self.content_end(t, k)
            k += 1
        return self.content_end(t, s_end)

    def has_finite(self, a: int, b: int) -> bool:
        return any(self.pos[k] in FINITE and self.inq[k] < 0 for k in range(a, b))

    def content_end(self, a: int, b: int) -> int:
        """Strip trailing punctuation from the token range ``[a, b)``; returns the new end."""
        while b > a and (self.lw[b - 1] in SENTENCE_PUNCT or self.lw[b - 1] in (",", "–", "-")) and self.inq[b - 1] < 0:
            b -= 1
        return b

    # ------------------------------------------------------------------ reporting verbs
    def verb_entry(self, i: int, s_end: int):
        """The lexicon entry of a reporting verb at ``i`` and its particle token, or ``(None, None)``."""
        pos, lem = self.pos[i], self.lem[i]
        verbs, particles = self.lex.verbs, self.lex.particles
        entry = verbs.get(lem)
        if pos == "VVFIN":
            if entry is not None and entry.particle:
                return entry, None  # verb-final clause: the lemma includes the particle ("mitteilte")
            part = self.find_particle(i, s_end)
            if part is not None:
                full = particles.get(lem, {}).get(self.lw[part])
                if full is not None:
                    return verbs[full], part
                if self.pos[part] == "PTKVZ":
                    return None, None  # a particle that makes another verb ("sagte ... ab")
            return (entry, None) if entry is not None else (None, None)
        if pos in ("VVPP", "VVINF", "VVIZU"):
            if entry is not None:
                return entry, None
            if i > 0 and lem in particles and self.lw[i - 1] in particles[lem]:
                return verbs[particles[lem][self.lw[i - 1]]], i - 1
        return None, None

    _PARTICLE_END = frozenset({",", ".", ":", ";", "!", "?", "–", "—", "(", ")"})

    def find_particle(self, i: int, s_end: int) -> int | None:
        """The clause-final separable particle of the finite verb ``i`` (may lie after an apposition)."""
        lem_particles = self.lex.particles.get(self.lem[i], {})
        k = i + 1
        limit = min(s_end, i + 30)
        while k < limit:
            if self.inq[k] >= 0:
                k = self.quotes[self.inq[k]][1] + 1
                continue
            p, w = self.pos[k], self.lw[k]
            if p in FINITE or p == "KOUS" or w in ("dass", "daß") or p == "$.":
                return None
            if p == "PTKVZ" or (w in lem_particles and p in ("ADJD", "ADV", "APPR")):
                nxt = k + 1
                if nxt >= s_end or self.lw[nxt] in self._PARTICLE_END or self.w[nxt] in OPENERS:
                    return k
            k += 1
        return None

    def finite_of(self, i: int, a: int, b: int) -> int | None:
        """The finite verb of the clause ``[a, b)`` that contains the non-finite verb ``i``."""
        if self.pos[i] in FINITE:
            return i
        for k in range(a, b):
            if self.pos[k] in FINITE and self.inq[k] < 0:
                return k
        if self.pos[i] == "VVINF" and (i == 0 or self.pos[i - 1] != "PTKZU"):
            return i  # plural present tagged as infinitive ("Experten argumentieren")
        return None

    def is_passive(self, i: int, a: int, b: int) -> bool:
        if self.pos[i] != "VVPP":
            return False
        return any(self.lem[k] == "werden" and self.pos[k] in ("VAFIN", "VAPP", "VAINF") for k in range(a, b) if k != i)

    def agent(self, a: int, b: int) -> tuple[int, int] | None:
        for k in range(a, b):
            if self.lw[k] in ("von", "vom", "seitens") and self.pos[k] in ("APPR", "APPRART"):
                end = self.np_right(k + 1, b)
                if end:
                    return (k + 1, end)
        return None

    def find_content(self, r: int, s_end: int, use: str, *, sub: bool = False) -> tuple[str, tuple[int, int]] | None:
        """Content of a reporting clause ending at boundary ``r``, looking past appositions.

        ``sagte Oberst X, Sprecher der Armee, ohne Details zu nennen, dass …``: later boundaries are tried
        when the segments skipped contain no finite verb.
        """
        r0 = r
        for attempt in range(4):
            if r0 >= s_end - 1:
                return None
            res = self.content_after(r0, s_end, use, sub=sub)
            if res is not None and (attempt == 0 or res[2]):
                return res[:2]
            if self.lw[r0] not in (",",):
                return None
            nxt = self.clause_end(r0, s_end)
            if nxt >= s_end or self.has_finite(r0 + 1, nxt) or any(self.inq[k] >= 0 for k in range(r0 + 1, nxt)):
                return None
            r0 = nxt
        return None

    def content_after(self, r: int, s_end: int, use: str, *, sub: bool = False) -> tuple[str, tuple[int, int], bool] | None:
        """Content introduced after the boundary token ``r`` of a reporting clause.

        Returns ``(form, token range, strong)``: ``("direct", quote range, True)`` or
        ``("indirect", content range, strong)``, where *strong* marks an unambiguous introduction
        (quotation, colon, dass/ob/w-clause); or ``None``.
        """
        if r >= s_end - 1:
            return None
        sep = self.lw[r]
        t = r + 1
        if sep == ":" or sep == ",":
            if self.inq[t] >= 0 and self.quotes[self.inq[t]][0] == t and not self.title_like(self.inq[t]):
                o, c = self.quotes[self.inq[t]]
                nxt = c + 1
                if nxt >= s_end or self.is_punct(nxt) or sep == ":":
                    return "direct", (o, c + 1), True
        if sep == ":":
            end = self.content_end(t, s_end)
            return ("indirect", (t, end), True) if end > t else None
        if sep not in (",", "–", "—"):
            return None
        end = self.content_stop(t, s_end, sub=sub)
        if end <= t:
            return None
        first = self.lw[t]
        w_clause = self.pos[t] in ("PWS", "PWAV", "PWAT") and first in W_WORDS and first != "wie"
        if first in ("dass", "daß", "ob") or w_clause:
            return "indirect", (t, end), True
        if first == "wie" and not self._wie_is_cue(t, s_end):
            return "indirect", (t, end), True
        seg_end = self.clause_end(t, s_end)
        if first in REASON_CONJUNCTIONS and self.pos[t] == "KOUS" and any(
            self.konjunktiv(k) == 1 and self.inq[k] < 0 for k in range(t + 1, min(seg_end, end))
        ):
            return "indirect", (t, end), True  # ", weil die Firma es versäumt habe, …": the stated reason
        if self.pos[t] in ("PRELS", "PRELAT", "KON", "KOUS", "KOKOM", "KOUI") or first == "wie":
            return None
        if any(self.pos[k] in ("VVIZU", "PTKZU") for k in range(t, seg_end)):
            return "indirect", (t, end), False
        fin = next((k for k in range(t, seg_end) if self.pos[k] in FINITE and self.inq[k] < 0), None)
        if fin is None:
            if use in ("say", "both") and any(self.inq[k] >= 0 for k in range(t, seg_end)):
                return "indirect", (t, end), False
            return None
        if self.konjunktiv(fin):
            return "indirect", (t, end), False
        if use in ("say", "both") and fin < seg_end - 1 and fin - t <= 6 and not self.pos[t].startswith("V"):
            # indicative V2 clause ("sagte, die Lage ist ruhig")
            if not any(self.lex.verbs.get(self.lem[k]) for k in range(t, seg_end) if self.pos[k].startswith("VV")):
                return "indirect", (t, end), False
        return None

    def _wie_is_cue(self, t: int, s_end: int) -> bool:
        return self._wie_predicate(t, self.wie_end(t, s_end)) is not None

    def wie_end(self, i: int, s_end: int) -> int:
        """End of a wie-clause: the first boundary after its first verb (appositions are crossed)."""
        seen_verb = False
        k = i + 1
        while k < s_end:
            if self.inq[k] >= 0:
                k = self.quotes[self.inq[k]][1] + 1
                continue
            if self.pos[k].startswith("V"):
                seen_verb = True
            elif self.lw[k] in CLAUSE_BOUNDARY or (self.pos[k] == "$." and self.lw[k] in (".", "!", "?")):
                if seen_verb or self.lw[k] != ",":
                    return k
            k += 1
        return s_end

    # ------------------------------------------------------------------ subjects
    def prefield_subject(self, c0: int, f: int) -> tuple[int, int] | None | str:
        """Subject in the prefield ``[c0, f)``; ``"after"`` when the subject must follow the verb."""
        a = c0
        while a < f and (self.lw[a] in FOCUS_WORDS and self.pos[a] in ("ADV", "KON", "PTKVZ")):
            a += 1
        if a >= f:
            return "after"
        p, w = self.pos[a], self.lw[a]
        unknown_name = p in ("ADV", "ADJD") and a + 1 < f and self.pos[a + 1] == "NE" and self.w[a][:1].isupper()
        if not unknown_name and (
            p in ("APPR", "APPRART", "ADV", "PROAV", "KOUS", "PWAV", "ADJD", "PTKNEG", "PAV", "KOKOM")
            or p.startswith("V")
        ):
            return "after"
        if p == "PDS" and f - a == 1:
            return "anaphor" if w in ANAPHORS else (a, f)
        if p in DET and (w in OBLIQUE_ARTICLES or self._oblique_der(a)):
            return "after"
        if self.has_finite(a, f):
            np_end = self.np_right(a, f)
            if np_end and np_end + 1 < f and self.lw[np_end] == "," and self.pos[np_end + 1] in ("PRELS", "PRELAT"):
                return (a, np_end)
            return "after"
        end = f
        while end > a and self.lw[end - 1] in (",",):
            end -= 1
        if not any(self.is_noun(k) or self.pos[k] in ("PPER", "PIS", "PDS") for k in range(a, end)) and not (
            self.pos[a] in DET and self.pos[end - 1] == "ADJA"
        ):
            return "after"
        if self.pos[a] == "PPER" and w not in PRONOUN_SUBJECTS:
            return "after"
        return (a, end)

    def antecedent_of_relative(self, k: int, floor: int) -> tuple[int, int] | None:
        if k - 1 >= floor and self.lw[k - 1] == ",":
            start = self.np_left(k - 2, floor)
            if start is not None:
                return (start, k - 1)
        return None

    # ------------------------------------------------------------------ main entry
    def run(self) -> list[Found]:
        self.find_quotes()
        for s in range(len(self.sentences)):
            a, b = self.sent_range(s)
            self.sentence_rules(s, a, b)
        self.attach_relays_and_quotes()
        self.continuations()
        self.found.sort(key=lambda f: (f.content[0] if f.content else 0, f.cue[0] if f.cue else 0))
        return self.found

    _PRONOUN_TAGS = frozenset({"PPER", "PDS", "PIS"})

    def add(self, f: Found) -> Found:
        if f.antecedent is None and f.source is not None and f.source[1] - f.source[0] == 1 and (
            self.pos[f.source[0]] in self._PRONOUN_TAGS
        ):
            f.antecedent = self.previous_named(f.source[0])  # "er sagte": typed like the last named source
        self.found.append(f)
        self.used.update(f.cue)
        self.used.update(f.extra_cue)
        if f.source is not None and f.kind not in ("continuation", "carried", "nested", "split", "carry"):
            self.used.update(range(*f.source))
            if f.source[0] > 0 and self.pos[f.source[0] - 1] in ("APPR", "APPRART"):
                self.used.add(f.source[0] - 1)
        return f

    def sentence_rules(self, s: int, a: int, b: int) -> None:
        lw, lem = self.lw, self.lem
        cues = self.lex.cues
        events: list[tuple[int, str, tuple[str, ...]]] = []
        for i in range(a, b):
            if self.inq[i] >= 0:
                continue
            for key in (lw[i], lem[i]):
                for tokens, kind in cues.get(key, ()):
                    if self._match_cue(i, tokens, b):
                        events.append((i, kind, tokens))
        # order: wie-clauses and impersonal first (they contain verbs), then the prepositional cues
        order = {"wie": 0, "impersonal": 1, "anonymous": 2, "relay": 3, "so": 4, "prep": 5, "postp": 5,
                 "info": 5, "info_post": 5, "carry": 6}
        events.sort(key=lambda e: (order[e[1]], e[0]))
        for i, kind, tokens in events:
            if i in self.used:
                continue
            getattr(self, f"cue_{kind}")(s, a, b, i, tokens)  # one method per cue kind (CUE_KINDS)
        for i in range(a, b):
            if self.inq[i] >= 0 or i in self.used or not self.pos[i].startswith("VV"):
                continue
            entry, particle = self.verb_entry(i, b)
            if entry is not None:
                self.verb_rule(s, a, b, i, entry, particle)
        self.speech_noun_rule(s, a, b)

    _NOUN_TAIL = frozenset({"ART", "ADJA", "CARD", "PTKVZ", "PPOSAT", "PROAV", "$("})

    def speech_noun_rule(self, s: int, a: int, b: int) -> None:
        """``X ist der Meinung, dass …`` / ``mit der Begründung, …`` / ``die Warnung der Behörden, dass …``."""
        for k in range(a, b):
            if self.inq[k] >= 0 or k in self.used or not self.pos[k].startswith("NN"):
                continue
            if self.lem[k] not in self.lex.speech_nouns:
                continue
            r = self.clause_end(k, b)
            if r >= b - 1 or self.lw[r] != ",":
                continue
            if not all(
                self.is_noun(m) or self.pos[m] in self._NOUN_TAIL or self.lw[m] in ("von", "vom", "(", ")")
                for m in range(k + 1, r)
            ):
                continue
            if any(f.content and f.content[0] == r + 1 for f in self.found):
                continue
            c0 = self.clause_start(k, a)
            if any(self.konjunktiv(x) == 1 for x in range(c0, r) if self.inq[x] < 0):
                continue  # "Es gebe Berichte, dass …": reported content itself
            res = self.content_after(r, b, "report")
            if res is None or res[0] != "indirect":
                continue
            span = res[1]
            source = None
            m = k + 1
            if m < r and self.lw[m] in GENITIVE_ARTICLES and self.pos[m] == "ART":
                end = self.np_right(m, r)
                source = (m, end) if end else None
            elif m < r and self.lw[m] in ("von", "vom"):
                end = self.np_right(m + 1, r)
                source = (m + 1, end) if end else None
            if source is None:
                f = self.main_finite_before(r, a)
                if f is not None:
                    subj = self.main_subject(f, a, self.clause_end(f, r + 1))
                    if subj is not None and not (subj[0] <= k < subj[1]) and self.lw[subj[0]] != "es":
                        source = subj
            self.add(Found("indirect", self.sent[span[0]], span, source, (k,), anonymous=source is None, kind="noun"))

    def _match_cue(self, i: int, tokens: tuple[str, ...], b: int) -> bool:
        if i + len(tokens) > b:
            return False
        for k, t in enumerate(tokens):
            if self.lw[i + k] != t and self.lem[i + k] != t:
                return False
        return True

    # ------------------------------------------------------------------ verb rule
    def verb_rule(self, s: int, a: int, b: int, v: int, entry, particle: int | None) -> None:
        pos = self.pos
        c0 = self.clause_start(v, a)
        r = self.clause_end(max(v, particle if particle is not None else v), b)
        r = self.coordination_end(max(v, particle if particle is not None else v), r)
        f = self.finite_of(v, c0, r)
        if f is None:
            return
        cue = (v,) if particle is None else tuple(sorted((v, particle)))
        if entry.excludes and any(
            (self.lw[k] in entry.excludes or self.lem[k] in entry.excludes) for k in range(c0, r) if k != v
        ):
            return
        passive = self.is_passive(v, c0, r)
        source: tuple[int, int] | None = None
        mode = "main"
        if pos[c0] in SUBORD and c0 != f:
            mode = "sub"
            if self.lw[c0] == "wie" or pos[c0] in ("PWS", "PWAV", "PWAT"):
                return  # wie-clauses are according-to cues; w-clauses are content
        if passive:
            source = self.agent(c0, r)
            if source is None and entry.lemma == "zitieren" and mode == "main":
                source = self.main_subject(f, a, r)  # "Der Minister wird mit dem Satz zitiert: …"
                passive = source is None
        elif mode == "sub":
            if pos[c0] == "PRELS":
                source = self.antecedent_of_relative(c0, a) or (c0, c0 + 1)
            else:
                source = self.subject_after(c0 + 1, f)
        elif f > a and self.lw[f - 1] in ("und", "oder", "sowie") and pos[f - 1] == "KON":
            source = self.coordinated_subject(a, f)
        elif f == v and (f - 1) in self.close_to_quote and self._quote_opens_content(self.close_to_quote[f - 1], a):
            self.postposed(s, a, b, v, f, cue, (a, f), entry, r, passive)  # „…“ sagte X.
            return
        elif c0 == f and c0 > a and self.lw[c0 - 1] in (",", "–"):
            left = (a, c0 - 1)
            if self._left_is_content(left) and (
                (c0 - 2) in self.close_to_quote or self.find_content(r, b, entry.use) is None
            ):
                self.postposed(s, a, b, v, f, cue, left, entry, r, passive)
                return
            subj = self.prefield_subject(a, c0 - 1)
            source = subj if isinstance(subj, tuple) else self.subject_after(f + 1, r)
        elif c0 == f:
            source = self.subject_after(f + 1, r)
        else:
            subj = self.prefield_subject(c0, f)
            if (f - c0 == 1 and self.lw[c0] in ANAPHORIC_ADVERBS and (not entry.needs or self.lw[c0] in entry.needs)
                    and (r >= b - 1 or self.find_content(r, b, entry.use) is None)
                    and self._quote_in_clause(v, c0, r) is None and not self._object_noun(f + 1, r)):
                subj = "anaphor"  # "Davon geht X aus." / "Darauf wies X hin.": about the previous sentence
            if subj == "anaphor":
                self.anaphoric(s, a, b, v, f, cue, entry, r)
                return
            source = subj if isinstance(subj, tuple) else self.subject_after(f + 1, r)
        if source is not None and pos[source[0]] in ("PPER", "PIS") and self.lw[source[0]] in NON_SOURCES:
            if self.lw[source[0]] != "es":
                return
            source = None
        if mode == "main" and self.konjunktiv(f) == 1 and (source is None or pos[source[0]] in ("PPER", "PDS", "PIS")):
            return  # "Sie habe stets betont, dass …": part of a reported-speech run
        content = self.find_content(r, b, entry.use, sub=mode == "sub") if r < b else None
        if entry.use == "report" and content and content[0] == "indirect":
            first_c = self.lw[content[1][0]]
            if first_c not in ("dass", "daß", "ob", *REASON_CONJUNCTIONS) and not any(
                pos[k] in ("VVIZU", "PTKZU") for k in range(*content[1])
            ):
                content = None
        if content is None and entry.use == "say":
            q = self._quote_in_clause(v, c0, r)
            if q is not None:
                content = ("direct", q)
        if content is not None:
            form, span = content
            if source is None and not passive and entry.use == "report":
                return
            att = self.add(Found(form, self.sent[span[0]], span, source, cue,
                                 anonymous=passive and source is None, kind="verb"))
            if (form == "indirect" and self.lw[span[0]] in REASON_CONJUNCTIONS and entry.use in ("report", "both")
                    and mode == "main" and source is not None and a < span[0] - 1):
                # "X kritisierte Y, weil Y … sei": the criticism itself is a reported statement too
                self.add(Found("reported", s, (a, span[0] - 1), source, cue, kind="reported"))
            if form == "direct":
                self._mark_quote_used(span)
                self._split_quote_followers(att, span, b)
            return
        if entry.use in ("report", "both") and mode == "main" and source is not None:
            if any(g.kind == "reported" and g.sentence == s for g in self.found):
                return
            if entry.needs and not any(self.lw[k] in entry.needs for k in range(min(f, v) + 1, r)):
                return
            if self.lw[a] == "(" or (source is not None and self.lw[source[0]] == "("):
                return
            self.add(Found("reported", s, (a, b), source, cue, anonymous=source is None, kind="reported"))

    def _object_noun(self, k: int, r: int) -> bool:
        """Whether ``[k, r)`` has a second noun phrase outside prepositional phrases besides the subject.

        "Darauf haben Forscher eine Antwort gefunden": "darauf" belongs to "Antwort", not to the verb.
        """
        subj = self.subject_after(k, r)
        j = k
        while j < r and self.lw[j] != ",":  # an apposition after a comma is not an object
            if self.pos[j] in ("APPR", "APPRART"):
                j = self.skip_pp(j, r)
                continue
            if self.is_noun(j) and not (subj and subj[0] <= j < subj[1]):
                return True
            j += 1
        return False

    def coordination_end(self, v: int, r: int) -> int:
        """``X sprach von „…“ und forderte …, dass …``: a clause ends before "und" + a new finite verb.

        The content after the second predicate belongs to that predicate's cue, not to ``v``.
        """
        for k in range(v + 1, r - 1):
            if (self.inq[k] < 0 and self.pos[k] == "KON" and self.lw[k] in ("und", "oder", "sowie")
                    and self.pos[k + 1] in FINITE and self.inq[k + 1] < 0):
                return k
        return r

    def main_finite_before(self, k: int, a: int) -> int | None:
        """The last finite verb before ``k`` that is not in a subordinate or relative clause."""
        for x in range(k - 1, a - 1, -1):
            if self.pos[x] in FINITE and self.inq[x] < 0:
                c0 = self.clause_start(x, a)
                if not (self.pos[c0] in SUBORD and c0 != x):
                    return x
        return None

    def coordinated_subject(self, a: int, f: int) -> tuple[int, int] | None:
        """Subject of ``X entließ …, verhängte … und bat …``: the first clause's subject."""
        first = next((k for k in range(a, f) if self.pos[k] in FINITE and self.inq[k] < 0), None)
        if first is None:
            return None
        return self.main_subject(first, a, self.clause_end(first, f))

    def main_subject(self, f: int, a: int, r: int) -> tuple[int, int] | None:
        """Subject of the main clause whose finite verb is ``f`` (prefield, apposition or after ``f``)."""
        if f > a and self.lw[f - 1] in ("und", "oder", "sowie") and self.pos[f - 1] == "KON":
            return self.coordinated_subject(a, f - 1)
        c0 = self.clause_start(f, a)
        if c0 == f and c0 > a and self.lw[c0 - 1] in (",", "–"):
            subj = self.prefield_subject(a, c0 - 1)
        elif c0 < f:
            subj = self.prefield_subject(c0, f)
        else:
            subj = "after"
        return subj if isinstance(subj, tuple) else self.subject_after(f + 1, r)

    def _left_is_content(self, left: tuple[int, int]) -> bool:
        la, lb = left
        if lb <= la:
            return False
        if self.lw[lb - 1] in (".", "!", "?") or (lb - 1 in self.close_to_quote):
            return True
        if self.pos[la] in ("KOUS", "PWAV") and self.lw[la] != "wie":
            return False
        np_end = self.np_right(la, lb)
        if np_end and np_end + 1 < lb and self.lw[np_end] == "," and self.pos[np_end + 1] in ("PRELS", "PRELAT"):
            return False  # "Tokajew, der seit 2019 regiert, erklärte …": subject with a relative clause
        return self.has_finite(la, lb) or any(self.inq[k] >= 0 for k in range(la, lb))

    def _quote_in_clause(self, v: int, c0: int, r: int) -> tuple[int, int] | None:
        for k in range(v + 1, r):
            q = self.inq[k]
            if q >= 0 and self.quotes[q][0] == k and not self.title_like(q):
                o, c = self.quotes[q]
                return (o, c + 1)
        return None

    def _mark_quote_used(self, span: tuple[int, int]) -> None:
        q = self.inq[span[0]]
        if q >= 0:
            self.used.add(-(q + 1))

    def quote_used(self, q: int) -> bool:
        return -(q + 1) in self.used

    def _split_quote_followers(self, att: Found, span: tuple[int, int], b: int) -> None:
        """``„A“, sagte X, „B“``: a quote right after the cue clause shares its source."""
        last = max(att.cue + ((att.source[1] - 1,) if att.source else ()))
        k = last + 1
        while k < self.n and self.sent[k] == self.sent[last] and self.lw[k] in (",", "–", ":") or (
            k < self.n and self.pos[k] == "ADV" and self.sent[k] == self.sent[last] and self.lw[k] in ("weiter", "dann")
        ):
            k += 1
        if k < self.n and self.inq[k] >= 0 and self.quotes[self.inq[k]][0] == k and k > span[1]:
            q = self.inq[k]
            if not self.quote_used(q):
                o, c = self.quotes[q]
                self.add(Found("direct", self.sent[o], (o, c + 1), att.source, att.cue, via=att.via,
                               anonymous=att.anonymous, kind="split"))
                self.used.add(-(q + 1))

    def postposed(self, s, a, b, v, f, cue, left, entry, r, passive) -> None:
        """``<content>, sagte X.`` -- the content is the clause before the cue."""
        la, lb = left
        source = self.agent(f + 1, r) if passive else self.subject_after(f + 1, r)
        q = self.close_to_quote.get(lb - 1)
        if q is not None and self._quote_opens_content(q, la):
            o, c = self.quotes[q]
            att = self.add(Found("direct", self.sent[o], (o, c + 1), source, cue,
                                 anonymous=passive and source is None, kind="verb"))
            self.used.add(-(q + 1))
            self._split_quote_followers(att, (o, c + 1), b)
            return
        end = self.content_end(la, lb)
        if end <= la:
            return
        self.add(Found("indirect", s, (la, end), source, cue, anonymous=passive and source is None, kind="verb"))

    def _quote_opens_content(self, q: int, la: int) -> bool:
        o, _ = self.quotes[q]
        if o < la:
            return True
        return all(self.is_punct(k) for k in range(la, o))

    def anaphoric(self, s, a, b, v, f, cue, entry, r) -> None:
        """``Das berichtete X.`` -- the content is the previous sentence."""
        if entry.use == "report" or s == 0:
            return
        source = self.subject_after(f + 1, r)
        pa, pb = self.sent_range(s - 1)
        q = self.close_to_quote.get(pb - 1) if pb - 1 in self.close_to_quote else self.close_to_quote.get(pb - 2)
        if q is not None and self._quote_opens_content(q, pa):
            o, c = self.quotes[q]
            self.add(Found("direct", self.sent[o], (o, c + 1), source, cue, kind="verb"))
            self.used.add(-(q + 1))
            return
        end = self.content_end(pa, pb)
        if end > pa:
            self.add(Found("indirect", s - 1, (pa, end), source, cue, kind="verb"))

    # ------------------------------------------------------------------ according-to cues
    def _content_around(self, s: int, a: int, b: int, i: int, cue_end: int) -> tuple[int, int] | None:
        """Content for a cue embedded in a clause: the sentence, or the part before/after it."""
        lo = a
        for k in range(i - 1, a - 1, -1):
            if self.lw[k] in (";", ":") and self.inq[k] < 0:
                lo = k + 1
                break
        hi = self.content_end(a, b)
        for k in range(cue_end, b):
            if self.lw[k] in (";", ":") and self.inq[k] < 0:
                hi = self.content_end(lo, k)
                break
        if lo >= hi:
            return None
        return (lo, hi)

    def _direct_or_content(self, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
        """If the content span is exactly one quotation, return it as direct."""
        lo, hi = span
        while lo < hi and self.is_punct(lo) and self.inq[lo] < 0:
            lo += 1
        if lo < hi and self.inq[lo] >= 0 and self.quotes[self.inq[lo]][0] == lo:
            o, c = self.quotes[self.inq[lo]]
            if c + 1 >= hi or all(self.is_punct(k) for k in range(c + 1, hi)):
                return "direct", (o, c + 1)
        return "according_to", span

    def _add_according(self, s, a, b, span, source, cue, *, anonymous=False, info_only=False, kind="",
                       antecedent=None, extra=()):
        if kind == "info_anaphor" and antecedent is None:
            antecedent = self.previous_attribution(s)  # "nach eigenen Angaben", "seiner Meinung nach"
        form, span2 = self._direct_or_content(span)
        f = self.add(Found(form, self.sent[span2[0]], span2, source, cue, anonymous=anonymous, info_only=info_only,
                           kind=kind, antecedent=antecedent, extra_cue=extra))
        if form == "direct":
            self.used.add(-(self.inq[span2[0]] + 1))
        return f

    def _content_for_clause_cue(self, a: int, b: int, ca: int, cb: int) -> tuple[int, int] | None:
        """Content of a sentence with a subordinate cue clause ``[ca, cb)`` (a wie-clause)."""
        end = self.content_end(a, b)
        if ca <= a + 1 and cb < end:  # cue clause first: content follows
            lo = cb + 1 if cb < b and self.lw[cb] == "," else cb
            return (lo, end) if end > lo else None
        if cb >= end:  # cue clause last
            hi = self.content_end(a, ca)
            return (a, hi) if hi > a else None
        return (a, end)

    def cue_wie(self, s, a, b, i, tokens) -> None:
        if i > a and self.lw[i - 1] not in (",", "–", "(") and not (self.inq[i - 1] >= 0):
            return
        end = self.wie_end(i, b)
        pred = self._wie_predicate(i, end)
        if pred is None:
            return
        cue_tokens, source, anonymous, relay = pred
        content = self._content_for_clause_cue(a, b, i, end)
        if content is None:
            return
        via = None
        if relay is not None:
            via, source = source, relay
        f = self._add_according(s, a, b, content, source, (i,) + cue_tokens, anonymous=anonymous, kind="wie")
        f.via = via
        self.used.update(range(i, end))

    def _wie_predicate(self, i: int, end: int):
        """``wie X berichtete`` / ``wie bekannt wurde`` / ``wie es in X hieß``: (cue, source, anonymous, relay)."""
        lw, lem, pos = self.lw, self.lem, self.pos
        verbs = [k for k in range(i + 1, end) if pos[k].startswith("V") and self.inq[k] < 0]
        if not verbs:
            return None
        relay = self._relay_in(i + 1, end)
        for k in range(i + 1, end):
            if lw[k] == "bekannt" and k + 1 < end and lem[k + 1] == "werden":
                src = self._source_pp(i + 1, k)
                return (k, k + 1), src, src is None, None
            if lem[k] == "verlauten":
                src = self._source_pp(i + 1, k)
                return (k,), src, src is None or self._anonymous_span(src), None
            if lem[k] == "heißen" and (lw[k - 1] == "es" or (k + 1 < end and lw[k + 1] == "es")):
                src = self._source_pp(i + 1, end)
                return (k,), src, src is None, None
        main = None
        for k in reversed(verbs):
            if pos[k].startswith("VV"):
                entry = self.lex.verbs.get(lem[k])
                if entry is None and k > 0 and lem[k] in self.lex.particles and lw[k - 1] in self.lex.particles[lem[k]]:
                    entry = self.lex.verbs.get(self.lex.particles[lem[k]][lw[k - 1]])
                if entry is not None:
                    main = k
                break
        if main is None:
            return None
        passive = self.is_passive(main, i, end)
        if passive:
            src = self.agent(i + 1, main)
        else:
            src = self.subject_after(i + 1, main, apposition=False)
        if relay is not None and src is not None and src[1] > relay[0] - 3:
            src = (src[0], relay[0] - 3)  # the relaying source ends before "unter Berufung auf"
        return (main,), src, src is None, relay

    def _relay_in(self, a: int, b: int) -> tuple[int, int] | None:
        for k in range(a, b - 3):
            if self.lw[k] in ("unter", "mit") and self.lem[k + 1] in ("berufung", "verweis") and self.lw[k + 2] == "auf":
                end = self.np_right(k + 3, b)
                if end:
                    self.used.update((k, k + 1, k + 2))
                    return (k + 3, end)
        return None

    def _source_pp(self, a: int, b: int) -> tuple[int, int] | None:
        for k in range(a, b):
            if self.lw[k] in SOURCE_PREPOSITIONS and self.pos[k] in ("APPR", "APPRART"):
                end = self.np_right(k + 1, b)
                if end:
                    return (k + 1, end)
        return None

    def _anonymous_span(self, span: tuple[int, int] | None) -> bool:
        if span is None:
            return True
        heads = [k for k in range(*span) if self.is_noun(k) or self.pos[k] in ("PIS", "PPER")]
        if not heads:
            return False
        h = self.lem[heads[-1]] if self.pos[heads[-1]] != "PIS" else self.lw[heads[-1]]
        h0 = self.lem[heads[0]]
        return (
            any(x in self.lex.anonymous_words for x in (h, h0))
            or any(h.endswith(suf) or h0.endswith(suf) for suf in self.lex.anonymous_suffixes)
        ) and not any(self.pos[k] == "NE" for k in range(*span))

    def cue_impersonal(self, s, a, b, i, tokens) -> None:
        """``hieß es (in/aus X)``; ``es hieß``."""
        k_verb = i if self.lem[i] == "heißen" else i + 1
        c0 = self.clause_start(k_verb, a)
        r = self.clause_end(k_verb + 1, b)
        if self.lw[c0] == "wie":
            return
        src = self._source_pp(c0, r)
        relay = self._relay_in(c0, r)
        anonymous = src is None or self._anonymous_span(src)
        cue = (i, i + 1)
        if c0 > a and self.lw[c0 - 1] == "," and c0 == min(cue):
            left = (a, c0 - 1)
            q = self.close_to_quote.get(c0 - 2)
            if q is not None and self._quote_opens_content(q, a):
                o, c = self.quotes[q]
                self.add(Found("direct", self.sent[o], (o, c + 1), src, cue, anonymous=anonymous, kind="impersonal"))
                self.used.add(-(q + 1))
                return
            end = self.content_end(*left)
            if end > a:
                f = self.add(Found("according_to", s, (a, end), src, cue, anonymous=anonymous, kind="impersonal"))
                if relay:
                    f.via, f.source, f.anonymous = src, relay, False
            return
        content = self.find_content(r, b, "say") if r < b else None
        if content is None:
            return
        form, span = content
        form = "direct" if form == "direct" else "according_to"
        f = self.add(Found(form, self.sent[span[0]], span, src, cue, anonymous=anonymous, kind="impersonal"))
        if form == "direct":
            self.used.add(-(self.inq[span[0]] + 1))
        if relay:
            f.via, f.source, f.anonymous = src, relay, False

    def cue_anonymous(self, s, a, b, i, tokens) -> None:
        """``Es wurde bekannt, dass …`` / ``…, verlautete aus X``."""
        k = i + len(tokens) - 1
        c0 = self.clause_start(i, a)
        if self.lw[c0] == "wie":
            return
        r = self.clause_end(k, b)
        src = self._source_pp(c0, r)
        anonymous = src is None or self._anonymous_span(src)
        cue = tuple(range(i, k + 1))
        if self.lem[i] != "verlauten" and not any(self.lw[m] == "es" for m in range(c0, r)):
            return  # "X ist bekannt geworden" is not an attribution; "Es wurde bekannt, dass …" is
        if c0 > a and self.lw[c0 - 1] == "," and self._left_is_content((a, c0 - 1)) and self.pos[c0].startswith("V"):
            end = self.content_end(a, c0 - 1)
            if end > a:
                self.add(Found("according_to", s, (a, end), src, cue, anonymous=anonymous, kind="anonymous"))
            return
        content = self.find_content(r, b, "say") if r < b else None
        if content is None:
            return
        form, span = content
        if form == "direct":
            self.used.add(-(self.inq[span[0]] + 1))
        self.add(Found("direct" if form == "direct" else "according_to", self.sent[span[0]], span, src, cue,
                       anonymous=anonymous, kind="anonymous"))

    def cue_relay(self, s, a, b, i, tokens) -> None:
        """``unter Berufung auf B`` without another cue in the sentence: source B."""
        end = self.np_right(i + len(tokens), b)
        if not end:
            return
        self._pending_relays.append((s, a, b, i, (i + len(tokens), end)))

    def cue_so(self, s, a, b, i, tokens) -> None:
        """``…, so X.`` / ``„…“, so X weiter.``"""
        if i == a or self.lw[i - 1] not in (",", "–") and not (i - 1 in self.close_to_quote):
            return
        c0 = self.clause_start(i, a)
        r = self.clause_end(i, b)
        end = self.np_right(i + 1, r, apposition=True)
        if end is None:
            return
        tail = [k for k in range(end, r) if not self.is_punct(k)]
        rest_ok = all(self.pos[k] in ("ADV", "APPRART", "NN", "ADJA", "CARD", "ART", "APPR", "NE", "PTKVZ")
                      for k in tail)  # ", so der Minister weiter am Montag."
        if not rest_ok or any(self.pos[k] in FINITE for k in tail):
            return
        source = (i + 1, end)
        lb = i - 1 if self.lw[i - 1] in (",", "–") else i
        q = self.close_to_quote.get(lb - 1)
        if q is not None and self._quote_opens_content(q, a):
            o, c = self.quotes[q]
            att = self.add(Found("direct", self.sent[o], (o, c + 1), source, (i,), kind="so"))
            self.used.add(-(q + 1))
            self._split_quote_followers(att, (o, c + 1), b)
            return
        hi = self.content_end(a, lb)
        if hi <= a or not self.has_finite(a, hi):
            return
        self.add(Found("according_to", s, (a, hi), source, (i,), kind="so"))

    def _info_entry(self, k: int) -> tuple[str, bool, frozenset[str]] | None:
        """(noun, is compound, prepositions) when token ``k`` is an information noun."""
        if not self.is_noun(k):
            return None
        lem = self.lem[k]
        hit = None
        if lem in self.lex.info_nouns:
            hit = (lem, False)
        else:
            for noun, (compound, _, _) in self.lex.info_nouns.items():
                if compound and lem.endswith(noun) and len(lem) > len(noun) + 2:
                    hit = (noun, True)
                    break
        if hit is None:
            return None
        _, preps, plural = self.lex.info_nouns[hit[0]]
        if plural and not self.lw[k].endswith(("n", "e")):
            return None
        return hit[0], hit[1], preps

    def _info_head(self, k: int) -> bool:
        return self._info_entry(k) is not None

    def _info_preps(self, k: int) -> frozenset[str]:
        e = self._info_entry(k)
        return e[2] if e else frozenset()

    def _info_source(self, np_start: int, head: int, limit: int) -> tuple[tuple[int, int] | None, bool, bool]:
        """Source of an information-noun phrase: (span, info_only, possessive)."""
        lw, pos = self.lw, self.pos
        k = head + 1
        entry = self._info_entry(head)
        if entry is not None and entry[1]:  # a compound names its source ("Polizeiangaben")
            return (np_start, head + 1), True, False
        if k < limit and lw[k] in GENITIVE_ARTICLES and pos[k] == "ART":
            end = self.np_right(k, limit)
            if end:
                return (k, end), False, False
        if k < limit and lw[k] in ("von", "vom"):
            end = self.np_right(k + 1, limit)
            if end:
                return (k + 1, end), False, False
        if k < limit and pos[k] == "NE":
            end = k
            while end < limit and pos[end] == "NE":
                end += 1
            return (k, end), False, False
        possessive = any(pos[m] == "PPOSAT" or lw[m].startswith("eigen") for m in range(np_start, head))
        return (np_start, head + 1), True, possessive

    def cue_info(self, s, a, b, i, tokens) -> None:
        """``nach Angaben der Polizei`` / ``nach Polizeiangaben`` / ``aus Regierungskreisen``."""
        prep = self.lw[i]
        k = i + 1
        genitive_name = None
        while k < b and k - i <= 4 and (self.pos[k] in DET or self.pos[k] in ("ADJA", "ADJD", "CARD", "ADV", "NE")):
            if self.pos[k] == "NE":
                genitive_name = k
            k += 1
        if k >= b or not self._info_head(k) or prep not in self._info_preps(k):
            return
        src, info_only, possessive = self._info_source(i + 1, k, b)
        if genitive_name is not None and info_only:
            src, info_only = (genitive_name, genitive_name + 1), False  # "nach Tokajews Angaben"
        anonymous = info_only and not possessive and (self._anonymous_span(src) or self._bare_info(src))
        content = self._content_around(s, a, b, i, k + 1)
        if content is None:
            return
        antecedent = None
        cue = (i, k) if not info_only else (i,)
        kind = "info_possessive" if possessive else "info"
        if possessive or (info_only and self.pos[i + 1] == "ART" and self.lw[i + 1] in ("den", "dem", "diesen")):
            kind = "info_anaphor"
        self._add_according(s, a, b, content, src, cue, anonymous=anonymous, info_only=info_only, kind=kind)
        self.used.update(range(i, k + 1))

    def _bare_info(self, span: tuple[int, int] | None) -> bool:
        """An information noun without any typed complement ("Berichten", "ersten Meldungen")."""
        if span is None:
            return True
        return not any(self.pos[k] == "NE" for k in range(*span))

    def cue_info_post(self, s, a, b, i, tokens) -> None:
        """``seiner Meinung nach`` / ``Ansicht der Regierung nach``."""
        if self.pos[i] not in ("APPO", "PTKVZ", "ADV", "APPR") or i == a or not self._info_head(i - 1):
            return
        if i + 1 < b and (self.pos[i + 1] in DET or self.is_noun(i + 1)):
            return  # "nach" as a preposition of the following phrase
        start = self.np_left(i - 1, a)
        if start is None:
            return
        content = self._content_around(s, a, b, i, i + 1)
        if content is None:
            return
        self._add_according(s, a, b, content, (start, i), (i,), kind="info_anaphor")
        self.used.update(range(start, i + 1))

    def cue_prep(self, s, a, b, i, tokens) -> None:
        """``laut X`` / ``laut Angaben von X``."""
        if self.pos[i] not in ("APPR", "ADJD", "ADV", "NN") and self.lw[i] != "laut":
            return
        k = i + 1
        while k < b and (self.pos[k] in DET or self.pos[k] in ("ADJA", "ADJD", "CARD")):
            k += 1
        if k < b and self._info_head(k):
            src, info_only, possessive = self._info_source(i + 1, k, b)
            cue = (i, k) if not info_only else (i,)
            anonymous = info_only and not possessive and self._bare_info(src)
            kind = "info_anaphor" if possessive else "laut"
        else:
            end = self.np_right(i + 1, b)
            if end is None:
                return
            src, cue, info_only, anonymous, kind = (i + 1, end), (i,), False, False, "laut"
        content = self._content_around(s, a, b, i, k)
        if content is None:
            return
        self._add_according(s, a, b, content, src, cue, anonymous=anonymous, info_only=info_only, kind=kind)
        self.used.add(i)

    def cue_postp(self, s, a, b, i, tokens) -> None:
        """``X zufolge`` / ``Angaben der Polizei zufolge`` / ``Berichten zufolge``."""
        if i == a:
            return
        start = self.np_left(i - 1, a)
        if start is None:
            return
        head = next((k for k in range(start, i) if self.is_noun(k)), None)
        if head is None:
            return
        if self._info_head(head):
            src, info_only, possessive = self._info_source(start, head, i)
            cue = (head, i) if not info_only else (i,)
            anonymous = info_only and not possessive and self._bare_info(src)
            kind = "info_anaphor" if possessive or (info_only and self.lw[start] in ("den", "diesen")) else "zufolge"
        else:
            src, cue, info_only, anonymous, kind = (start, i), (i,), False, False, "zufolge"
        if info_only and src is not None:
            src = (start, i)
        content = self._content_around(s, a, b, start, i + 1)
        if content is None:
            return
        self._add_according(s, a, b, content, src, cue, anonymous=anonymous, info_only=info_only, kind=kind)
        self.used.update(range(start, i + 1))

    def cue_carry(self, s, a, b, i, tokens) -> None:
        """``Demnach …``: the previous source continues."""
        prev = self.previous_attribution(s)
        content = self._content_around(s, a, b, i, i + 1)
        if content is None:
            return
        # the adverb stands for the previous source, like a pronoun: its type comes from there
        self._add_according(s, a, b, content, (i, i + 1), (i,), anonymous=prev is None or prev.anonymous,
                            kind="carry", antecedent=prev)
        self.used.add(i)

    def previous_named(self, k: int, max_back: int = 5) -> Found | None:
        """The last attribution before token ``k`` whose source is not a pronoun."""
        best = None
        for f in self.found:
            if f.source is None or f.source[0] >= k or self.sent[k] - self.sent[f.source[0]] > max_back:
                continue
            if f.source[1] - f.source[0] == 1 and self.pos[f.source[0]] in self._PRONOUN_TAGS:
                continue
            if best is None or f.source[0] > best.source[0]:
                best = f
        return best

    def previous_attribution(self, s: int, max_back: int = 3) -> Found | None:
        best = None
        for f in self.found:
            if f.content is None:
                continue
            fs = self.sent[f.content[1] - 1]
            if s - max_back <= fs < s and (best is None or f.content[1] >= best.content[1]):
                best = f
        return best

    # ------------------------------------------------------------------ post-processing
    def cue_sentence(self, f: Found) -> int:
        return self.sent[f.cue[0]] if f.cue else (self.sent[f.content[0]] if f.content else -1)

    def attach_relays_and_quotes(self) -> None:
        """Relay chains, "X sagte laut Y", and quotations without a cue of their own."""
        # A unter Berufung auf B
        for s, a, b, i, span in self._pending_relays:
            if i in self.used:
                continue
            cands = [f for f in self.found if f.cue and self.cue_sentence(f) == s and f.via is None]
            if cands:
                f = min(cands, key=lambda f: abs(f.cue[0] - i))
                f.via, f.source = f.source, span
                f.anonymous = False
                f.extra_cue = f.extra_cue + (i, i + 1, i + 2)
                self.used.update((i, i + 1, i + 2))
                for g in self.found:  # a quote split off the same cue follows the relay
                    if g is not f and g.cue == f.cue and g.via is None:
                        g.via, g.source = f.via, f.source
            else:
                content = (a, self.content_end(a, b))
                if content[1] > content[0]:
                    self._add_according(s, a, b, content, span, (i, i + 1, i + 2), kind="relay")
        # "X sagte laut Y": Y relays X
        drop: list[Found] = []
        for g in self.found:
            if g.kind not in ("laut", "zufolge") or g.info_only or g.source is None:
                continue
            s = self.cue_sentence(g)
            for f in self.found:
                if f is g or f.kind not in ("verb", "so") or f.source is None or f.via is not None:
                    continue
                if self.cue_sentence(f) != s or (f.content and f.content[0] <= g.cue[0] < f.content[1]):
                    continue
                f.via = g.source
                drop.append(g)
                break
        # a reported statement inside another attribution's content is part of that content
        for f in self.found:
            if f.kind != "reported" or not f.cue:
                continue
            if any(g is not f and g.content and g.kind != "reported" and g.content[0] <= f.cue[0] < g.content[1]
                   for g in self.found):
                drop.append(f)
        if drop:
            self.found = [f for f in self.found if all(f is not d for d in drop)]
        self.trim_reported()
        self.attach_quotes()

    def trim_reported(self) -> None:
        """A reported statement ends where a later attribution of the same sentence begins.

        ``X forderte das Verbot nach einer Erklärung, in der Y vorgeworfen wird, …`` and
        ``X bezeichnete … und kündigte an, …``: the second predicate has its own row, so the reported
        row keeps only the clause(s) before it (up to the "und" or comma that joins them).
        """
        for f in self.found:
            if f.kind != "reported" or not f.cue or not f.content:
                continue
            a, b = f.content
            later = [min((g.cue[0],) if g.cue else (g.content[0],)) for g in self.found
                     if g is not f and g.content and g.kind != "reported" and g.form in ("indirect", "direct")
                     and a <= g.content[0] < b and g.cue and g.cue[0] > f.cue[-1]
                     and self.sent[g.cue[0]] == self.sent[f.cue[0]]]
            if not later:
                continue
            k = min(later)
            cut = self.clause_start(k, f.cue[-1] + 1)
            if cut <= f.cue[-1] + 1:  # no boundary between the two predicates: look for "und" + verb
                cut = self.coordination_end(f.cue[-1], k + 1)
            while cut > f.cue[-1] + 1 and (self.lw[cut - 1] in CLAUSE_BOUNDARY or self.pos[cut - 1] == "KON"):
                cut -= 1
            if f.cue[-1] < cut < b:
                f.content = (a, cut)

    def spans_of_sources(self) -> list[tuple[int, int]]:
        spans = []
        for f in self.found:
            for sp in (f.source, f.via):
                if sp is not None:
                    spans.append(sp)
        return spans

    def title_like(self, q: int) -> bool:
        """A quoted name or scare-quoted term rather than a quotation ("die „Washington Post“")."""
        o, c = self.quotes[q]
        words = [k for k in range(o + 1, c) if not self.is_punct(k)]
        if not words:
            return True
        if self.quote_has_verb(q):
            return False
        before = self.pos[o - 1] if o > 0 else "$."
        if len(words) == 1:
            return not (self.lw[o - 1] == "als" or self.w[words[0]][:1].islower())
        if before in DET or before.startswith("N") or before in ("APPR", "APPRART", "ADJA"):
            return self.name_quote(q)
        return False

    def name_quote(self, q: int) -> bool:
        """A short quotation whose words are all capitalised: a name or title ("„Silverbird“")."""
        o, c = self.quotes[q]
        words = [k for k in range(o + 1, c) if not self.is_punct(k)]
        if not 0 < len(words) <= 8 or self.quote_has_verb(q) or not self.w[words[0]][:1].isupper():
            return False
        named = any(self.pos[k] in ("NE", "FM") for k in words) or (c + 1 < self.n and self.lw[c + 1] == "(")
        return all(
            self.w[k][:1].isupper() or self.pos[k] in ("NE", "CARD", "FM") or not self.w[k][:1].isalpha()
            or (named and self.pos[k] in ("ART", "APPR", "APPRART", "KON"))
            for k in words
        )

    def attach_quotes(self) -> None:
        source_spans = self.spans_of_sources()
        containers = [f for f in self.found if f.content and f.form != "direct"]
        for q, (o, c) in enumerate(self.quotes):
            if self.quote_used(q):
                continue
            if any(sa <= o < sb or sa <= c < sb or (o <= sa and sb <= c + 1) for sa, sb in source_spans):
                continue
            speaker = self.colon_speaker(o)
            if speaker is not None:
                speaker, cue = speaker
                self.add(Found("direct", self.sent[o], (o, c + 1), speaker, cue, kind="colon"))
                self.used.add(-(q + 1))
                continue
            host = None
            for f in containers:
                if f.content[0] <= o and c < f.content[1] + 1:
                    if host is None or (f.content[1] - f.content[0]) < (host.content[1] - host.content[0]):
                        host = f
            if host is not None:
                if self.title_like(q):
                    continue
                self.add(Found("direct", self.sent[o], (o, c + 1), host.source, host.cue, via=host.via,
                               anonymous=host.anonymous, antecedent=host.antecedent, kind="nested"))
                self.used.add(-(q + 1))
                continue
            s = self.sent[o]
            a, _ = self.sent_range(s)
            starts_clause = all(self.is_punct(k) for k in range(a, o)) or (o > 0 and self.lw[o - 1] in (":",))
            if not starts_clause or not (
                (self.quote_has_verb(q) and self.quote_words(q) >= 3) or self.quoted_sentence(q)
            ):
                continue
            prev = self.previous_attribution(s, max_back=2)
            if prev is not None and self.para[prev.content[0]] in (self.para[o], self.para[o] - 1):
                self.add(Found("direct", s, (o, c + 1), prev.source, (), via=prev.via, anonymous=prev.anonymous,
                               antecedent=prev, kind="carried"))
            else:
                self.add(Found("direct", s, (o, c + 1), None, (), kind="unattributed"))
            self.used.add(-(q + 1))

    def quoted_sentence(self, q: int) -> bool:
        """A verbless quoted sentence standing alone: „Ein schwarzer Tag für das Land.“ / „Niemals!“."""
        o, c = self.quotes[q]
        return (c - 1 > o and self.lw[c - 1] in (".", "!", "?", "…") and self.quote_words(q) >= 1
                and not self.title_like(q) and (c + 1 >= self.n or self.sent[c + 1] != self.sent[o]
                                                or self.is_punct(c + 1)))

    def colon_speaker(self, o: int) -> tuple[tuple[int, int], tuple[int, ...]] | None:
        """``Tokajew: „…“`` -- a noun phrase and a colon directly before a quotation.

        Returns the speaker span and the cue tokens (the colon, or the reporting verb of a clause
        before the colon), or ``None``.
        """
        if o < 2 or self.lw[o - 1] != ":" or self.inq[o - 2] >= 0:
            return None
        a, _ = self.sent_range(self.sent[o - 1])
        c0 = self.clause_start(o - 1, a)
        if c0 >= o - 1:
            return None
        if any(self.pos[k].startswith("V") for k in range(c0, o - 1)):
            return self.colon_clause_speaker(c0, o - 1)
        # elliptical cues: "Dazu Müller: „…“", "Müller weiter: „…“", "Er wörtlich: „…“"
        while c0 < o - 2 and self.pos[c0] in ("ADV", "PROAV", "PAV") and self.lw[c0] not in ("so",):
            c0 += 1
        stop = o - 1
        while stop > c0 + 1 and self.lw[stop - 1] in ELLIPTICAL_CUE_ADVERBS:
            stop -= 1
        end = self.np_right(c0, stop, apposition=True)
        if end != stop or not any(self.pos[k] in ("NE", "PPER") or self.is_noun(k) for k in range(c0, end)):
            return None
        if self.pos[c0] == "PPER" and self.lw[c0] not in PRONOUN_SUBJECTS:
            return None
        if self.typeless_heading(c0, end):
            return None
        return (c0, end), (o - 1,)

    def colon_clause_speaker(self, c0: int, colon: int) -> tuple[tuple[int, int], tuple[int, ...]] | None:
        """``Müller wandte sich an die Presse: „…“`` -- the subject of a main clause ending in a colon.

        With a reporting verb in the clause (``Der Minister sagte am Montag:`` and the quotation in the
        next paragraph) any subject counts and the verb is the cue; otherwise only a subject with a
        proper name or a personal pronoun, so that "Das Motto lautete: „…“" keeps no speaker.
        """
        f = next((k for k in range(c0, colon) if self.pos[k] in FINITE and self.inq[k] < 0), None)
        if f is None or (self.pos[c0] in SUBORD and c0 != f):
            return None
        subj = self.main_subject(f, c0, colon)
        if subj is None:
            return None
        sa, sb = subj
        if self.pos[sa] in ("PPER", "PIS") and self.lw[sa] in NON_SOURCES:
            return None
        for v in range(c0, colon):
            if self.pos[v].startswith("VV") and self.inq[v] < 0:
                entry, particle = self.verb_entry(v, colon + 1)
                if entry is not None and entry.use in ("say", "both"):
                    return subj, (v,) if particle is None else tuple(sorted((v, particle)))
        if sb - sa == 1 and self.pos[sa] == "PPER":
            return (subj, (colon,)) if self.lw[sa] in ("er", "sie", "ich", "wir") else None
        if not any(self.pos[k] == "NE" for k in range(sa, sb)) or self.typeless_heading(sa, sb):
            return None
        return subj, (colon,)

    def typeless_heading(self, a: int, b: int) -> bool:
        """A label such as "Motto", "Titel", "Zitat" before a colon, not a speaker."""
        return self.lem[b - 1] in ("motto", "titel", "zitat", "überschrift", "slogan", "aufschrift", "wortlaut",
                                    "thema", "parole", "devise")

    def sentence_touched(self) -> set[int]:
        touched: set[int] = set()
        for f in self.found:
            if f.content:
                touched.update(range(self.sent[f.content[0]], self.sent[f.content[1] - 1] + 1))
            for k in f.cue:
                touched.add(self.sent[k])
        return touched

    def reported_speech_marker(self, a: int, b: int) -> str | None:
        """``"konjunktiv"``, ``"hearsay"`` or ``None`` for a sentence without a cue.

        Konjunktiv: a Konjunktiv I verb outside quotations and outside subordinate clauses, or a
        Konjunktiv II stand-in as the first finite verb. Hearsay: "soll/sollen" with a perfect
        infinitive ("Er soll Gelder veruntreut haben").
        """
        first = True
        for k in range(a, b):
            if self.inq[k] >= 0 or self.pos[k] not in FINITE:
                continue
            c0 = self.clause_start(k, a)
            end = self.clause_end(k, b)
            subordinate = (self.pos[c0] in SUBORD and c0 != k) or (k - c0 >= 2 and all(
                self.pos[m].startswith("$") and self.inq[m] < 0 for m in range(k + 1, end)))
            mood = self.konjunktiv(k)
            if not subordinate and (mood == 1 or (mood == 2 and first)):
                return "konjunktiv"
            if first and not subordinate and self.lw[k] in ("soll", "sollen"):
                tail = self.hearsay_tail(k, b)
                if len(tail) >= 2 and self.lw[tail[-1]] in ("haben", "sein"):
                    if self.lw[tail[-1]] == "haben" or self.lw[tail[-2]] in ("worden", "gewesen"):
                        return "hearsay"
                    return "hearsay_weak"  # "soll … gewesen sein": only after a cue
            if not subordinate:
                first = False
        return None

    def hearsay_tail(self, k: int, b: int) -> list[int]:
        """Verbs of the clause of modal "soll" at ``k``, across coordinated participles.

        ``Er soll die Tür aufgebrochen, das Geld genommen und das Haus verlassen haben``: the commas join
        coordinated participles, so the clause runs on to the infinitive at its end; a comma before a
        subordinating word (or a new finite verb) ends it.
        """
        tail = []
        for m in range(k + 1, b):
            if self.inq[m] >= 0:
                continue
            if self.lw[m] in (";", ":") or (self.lw[m] == "," and m + 1 < b and self.pos[m + 1] in SUBORD):
                break
            if self.pos[m].startswith("V"):
                if self.pos[m] in FINITE and not (m + 1 >= b or self.is_punct(m + 1)):
                    break  # a new finite clause, not the clause-final infinitive (tagged finite by HanTa)
                tail.append(m)
        return tail

    def continuations(self) -> None:
        """Konjunktiv sentences without a cue carry the previous sentence's source."""
        touched = self.sentence_touched()
        by_end: dict[int, Found] = {}
        for f in self.found:
            if f.content:
                s_last = max(self.sent[f.content[1] - 1], self.cue_sentence(f))
                if s_last not in by_end or f.content[1] >= by_end[s_last].content[1]:
                    by_end[s_last] = f
        for s in range(len(self.sentences)):
            if s in touched:
                continue
            a, b = self.sent_range(s)
            if all(self.inq[k] >= 0 or self.is_punct(k) for k in range(a, b)):
                continue
            marker = self.reported_speech_marker(a, b)
            if marker is None:
                continue
            back = next((s - d for d in range(1, CONTINUATION_WINDOW + 1) if s - d in by_end), None)
            if back is None or self.sentences[back].paragraph < self.sentences[s].paragraph - 1:
                if marker == "hearsay":  # "Er soll Gelder veruntreut haben": an unnamed claim
                    f = self.add(Found("indirect", s, (a, b), None, (), anonymous=True, kind="continuation"))
                    by_end[s] = f
                continue
            prev = by_end[back]
            if back == s - 1 and prev.kind == "continuation" and prev.content[1] == self.sent_range(s - 1)[1]:
                prev.content = (prev.content[0], b)
                by_end[s] = prev
                continue
            f = self.add(Found("indirect", s, (a, b), prev.source, (), via=prev.via, anonymous=prev.anonymous,
                               antecedent=prev, kind="continuation"))
            by_end[s] = f
            for q in {self.inq[k] for k in range(a, b) if self.inq[k] >= 0}:
                if not self.quote_used(q) and not self.title_like(q):
                    o, c = self.quotes[q]
                    if o >= a:
                        self.add(Found("direct", self.sent[o], (o, c + 1), prev.source, (), via=prev.via,
                                       anonymous=prev.anonymous, antecedent=prev, kind="nested"))
                        self.used.add(-(q + 1))
