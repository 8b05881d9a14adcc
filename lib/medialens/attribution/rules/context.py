"""The per-document state of the attribution rules and the word classes they are written in.

:class:`Context` holds the token attributes of one processed document, its quotations, the
attributions found so far (:class:`Found`, token indices) and the cue tokens already used. Every rule
is a function ``rule(ctx, ...)`` that reads the context and adds to ``ctx.found``; there is no other
shared state. The closed word classes below are German grammar (STTS tag sets, articles, pronouns),
not lexicon: the lexicons are data files (``data/lexicons/attribution``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from medialens.attribution.lexicons import AttributionLexicon
from medialens.german import DETERMINER_TAGS as DET
from medialens.german import FINITE_VERB_TAGS as FINITE
from medialens.german import QUOTE_MARKS
from medialens.german import QUOTE_PAIRS as OPENERS
from medialens.german import SUBORDINATOR_TAGS as SUBORD
from medialens.german import KonjunktivForms, konjunktiv_forms, konjunktiv_mood



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
#: the modal of hearsay and plans ("Er soll … haben", "sollen entlassen werden")
HEARSAY_MODALS = frozenset({"soll", "sollen"})
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
    #: the rule that produced the row (column ``rule``); derived from ``kind`` unless a rule sets it
    rule: str = ""
    #: the recipient of the statement ("sagte der Zeitung", "gegenüber Reuters")
    addressee: tuple[int, int] | None = None


#: Rule names (column ``rule``) of the internal kinds; the verb rule names its cases itself.
RULE_OF_KIND = {
    "verb": "verb_content", "reported": "reported_verb", "noun": "speech_noun", "colon": "colon_speaker",
    "nested": "nested_quote", "carried": "carried_quote", "unattributed": "unattributed_quote",
    "split": "split_quote", "continuation": "konjunktiv_continuation", "laut": "according_to_laut",
    "zufolge": "according_to_zufolge", "info": "according_to_info", "info_anaphor": "according_to_own_info",
    "info_possessive": "according_to_own_info", "wie": "according_to_wie", "so": "according_to_so",
    "impersonal": "impersonal_cue", "anonymous": "agentless_cue", "relay": "relay_berufung",
    "stance": "stance_adjective", "carry": "according_to_demnach", "relative": "according_to_relative", "emerge": "according_to_hervorgehen",
}


@dataclass
class Context:
    """Everything the rules know about one document while they run (one per document).

    Token attributes are parallel lists indexed by token number; ``quote_of[k]`` is the index in
    :attr:`quotes` of the top-level quotation containing token ``k`` (-1 outside quotations). The
    rules add to :attr:`found` and mark cue tokens in :attr:`used`; nothing else is shared.
    """

    doc: object
    lexicon: AttributionLexicon
    word: list[str] = field(init=False)
    lower: list[str] = field(init=False)
    tag: list[str] = field(init=False)
    lemma: list[str] = field(init=False)
    sent_of: list[int] = field(init=False)
    para_of: list[int] = field(init=False)
    quote_of: list[int] = field(init=False)
    #: (opening token, closing token) of each top-level quotation, inclusive
    quotes: list[tuple[int, int]] = field(default_factory=list)
    close_to_quote: dict[int, int] = field(default_factory=dict)
    #: cue tokens already used by an attribution; quotation q is marked used as -(q + 1)
    used: set[int] = field(default_factory=set)
    found: list[Found] = field(default_factory=list)
    #: "unter Berufung auf" cues, attached once all cues of the document are known
    pending_relays: list[tuple[int, int, int, int, tuple[int, int]]] = field(default_factory=list)
    konjunktiv_forms: KonjunktivForms = field(default_factory=konjunktiv_forms)

    def __post_init__(self) -> None:
        tokens = self.doc.tokens
        self.word = [t.text for t in tokens]
        self.lower = [t.text.lower() for t in tokens]
        self.tag = [t.pos for t in tokens]
        self.lemma = [t.lemma.lower() for t in tokens]
        self.sent_of = [t.sentence for t in tokens]
        self.para_of = [t.paragraph for t in tokens]
        self.quote_of = [-1] * len(tokens)

    @property
    def n_tokens(self) -> int:
        return len(self.word)

    @property
    def sentences(self):
        return self.doc.sentences


def is_noun(ctx: Context, token: int) -> bool:
    p = ctx.tag[token]
    return p.startswith("N") or p == "FM"


def is_punct(ctx: Context, token: int) -> bool:
    return ctx.tag[token].startswith("$") or ctx.word[token] in QUOTE_MARKS


def sent_range(ctx: Context, sent: int) -> tuple[int, int]:
    sen = ctx.sentences[sent]
    return sen.token_start, sen.token_end


def konjunktiv(ctx: Context, token: int) -> int:
    """1 for a Konjunktiv I form, 2 for a Konjunktiv II reported-speech form, else 0 (:mod:`medialens.german`)."""
    return konjunktiv_mood(ctx.lower[token], ctx.lemma[token], ctx.tag[token], ctx.konjunktiv_forms)


def add(ctx: Context, finding: Found) -> Found:
    """Record an attribution: its rule name, its pronoun antecedent, and its cue and source tokens as used."""
    if not finding.rule:
        finding.rule = RULE_OF_KIND.get(finding.kind, finding.kind)
    if finding.antecedent is None and finding.source is not None and finding.source[1] - finding.source[0] == 1 and (
        ctx.tag[finding.source[0]] in PRONOUN_TAGS
    ):
        finding.antecedent = previous_named(ctx, finding.source[0])  # "er sagte": typed like the last named source
    ctx.found.append(finding)
    ctx.used.update(finding.cue)
    ctx.used.update(finding.extra_cue)
    if finding.source is not None and finding.kind not in ("continuation", "carried", "nested", "split", "carry"):
        ctx.used.update(range(*finding.source))
        if finding.source[0] > 0 and ctx.tag[finding.source[0] - 1] in ("APPR", "APPRART"):
            ctx.used.add(finding.source[0] - 1)
    return finding


def match_cue(ctx: Context, token: int, tokens: tuple[str, ...], end: int) -> bool:
    if token + len(tokens) > end:
        return False
    for k, t in enumerate(tokens):
        if ctx.lower[token + k] != t and ctx.lemma[token + k] != t:
            return False
    return True


def cue_sentence(ctx: Context, found: Found) -> int:
    return ctx.sent_of[found.cue[0]] if found.cue else (ctx.sent_of[found.content[0]] if found.content else -1)


def previous_named(ctx: Context, token: int, max_back: int = 5) -> Found | None:
    """The last attribution before token ``token`` whose source is not a pronoun."""
    best = None
    for f in ctx.found:
        if f.source is None or f.source[0] >= token or ctx.sent_of[token] - ctx.sent_of[f.source[0]] > max_back:
            continue
        if f.source[1] - f.source[0] == 1 and ctx.tag[f.source[0]] in PRONOUN_TAGS:
            continue
        if best is None or f.source[0] > best.source[0]:
            best = f
    return best


def previous_attribution(ctx: Context, sent: int, max_back: int = 3) -> Found | None:
    best = None
    for f in ctx.found:
        if f.content is None:
            continue
        fs = ctx.sent_of[f.content[1] - 1]
        if sent - max_back <= fs < sent and (best is None or f.content[1] >= best.content[1]):
            best = f
    return best


PRONOUN_TAGS = frozenset({"PPER", "PDS", "PIS"})


def quote_used(ctx: Context, quote: int) -> bool:
    return -(quote + 1) in ctx.used


def mark_quote_used(ctx: Context, span: tuple[int, int]) -> None:
    q = ctx.quote_of[span[0]]
    if q >= 0:
        ctx.used.add(-(q + 1))


def spans_of_sources(ctx: Context) -> list[tuple[int, int]]:
    spans = []
    for f in ctx.found:
        for sp in (f.source, f.via):
            if sp is not None:
                spans.append(sp)
    return spans


def sentence_touched(ctx: Context) -> set[int]:
    touched: set[int] = set()
    for f in ctx.found:
        if f.content:
            touched.update(range(ctx.sent_of[f.content[0]], ctx.sent_of[f.content[1] - 1] + 1))
        for k in f.cue:
            touched.add(ctx.sent_of[k])
    return touched
