"""The news scorer: small named passes over the tokens of a sentence, clause or window.

A :class:`Tokens` state holds, per token, its lexicon value, display word, lemma, a factor and a
negation flag. :func:`analyse_tokens` runs the passes in this order:

1. :func:`lexicon_values` - lexicon value by HanTa lemma and STTS tag (:class:`SentimentLexicon`);
2. :func:`apply_phrases` - multi-word entries ("ums Leben"), value on the last word;
3. :func:`apply_particle_verbs` - "nahm ... fest" takes the value of *festnehmen*;
4. :func:`apply_senses` - the sense of an ambiguous word from its tag, an auxiliary or its sentence
   (``senses.tsv``: *geschickt* sent vs skilful);
5. :func:`apply_change_words` - *Erhöhung, sinken …* take their tone from what rises or falls;
6. :func:`apply_descriptive` - event words that report (*Tote, Festnahme*) count
   :data:`DESCRIPTIVE_FACTOR`;
7. :func:`apply_intensifiers` - *sehr, kaum …* scale the next sentiment word;
8. :func:`apply_negation` - *nicht, kein, ohne …* flip and dampen (:data:`NEGATION_FACTOR`);
9. :func:`apply_reversers` - *verhindern, stoppen …* flip the rest of their clause;
10. :func:`apply_contrast` - VADER's "but" rule (sentence tone only; target tone uses clause weights).

Aggregation follows VADER (Hutto & Gilbert 2014, ICWSM): ``S = sum(c_i)``,
``polarity = S / sqrt(S**2 + ALPHA)``; neutral when ``abs(polarity) < band``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple, Sequence

from medialens import nlp
from medialens.german import CONJUNCTION_TAGS, PUNCTUATION_TAGS
from medialens.sentiment import scope
from medialens.sentiment.lexicon import SentimentLexicon, compound_part, load_lexicon

#: Polarity multiplier for a word inside a negation scope (flip and dampen: "keine Gewalt" is mildly
#: good news, not as good as "Frieden"). VADER uses -0.74; news negation is more often
#: factual ("keine Toten") than evaluative, so we dampen more.
NEGATION_FACTOR = -0.5
#: A negator negates the sentiment words among the next this-many tokens of its clause.
NEGATION_WINDOW = 4
#: An intensifier modifies the first sentiment word among the next this-many tokens of its clause.
INTENSIFIER_WINDOW = 2
#: Squashing constant of the VADER-style normalisation ``S / sqrt(S**2 + ALPHA)``.
ALPHA = 1.0
#: ``abs(polarity) < NEUTRAL_BAND`` is labelled neutral (sentence tone); chosen on the tune half of GerNTSA.
NEUTRAL_BAND = 0.5
#: Labels in a fixed order (also the order of confusion matrices).
LABELS = ("negative", "neutral", "positive")
#: VADER's "but" rule: before a contrastive conjunction words count CONTRAST_BEFORE, after it CONTRAST_AFTER.
CONTRAST_BEFORE = 0.5
CONTRAST_AFTER = 1.5
#: Value of a rise or fall whose theme is known: direction x theme sign x CHANGE_VALUE.
CHANGE_VALUE = 0.6
#: Multiplier of descriptive event words (``descriptive.txt``); chosen on the tune half of GerNTSA.
DESCRIPTIVE_FACTOR = 0.5

# Clause boundaries for negation and intensifier scope: punctuation and conjunctions.
_BOUNDARY_POS = PUNCTUATION_TAGS | CONJUNCTION_TAGS
_NP_NEGATORS = frozenset({"kein", "keiner", "keinerlei", "ohne"})
_POSTPOSED_NEGATORS = frozenset({"nicht", "nie", "niemals", "keineswegs", "keinesfalls", "nimmer"})
_NO_INTENSIFIER_POS = frozenset({"APPR", "APPRART", "PTKZU", "PTKVZ", "KON", "KOUS", "ART"})
_AUXILIARIES = frozenset({"haben", "sein", "werden"})
_PARTICIPLES = frozenset({"VVPP", "VAPP", "VMPP"})
_NOUNS = frozenset({"NN", "NNA", "NNI"})


class Driver(NamedTuple):
    """A word that moved the score: surface form, lemma and its signed contribution."""

    word: str
    lemma: str
    contribution: float


@dataclass(frozen=True)
class SentimentScore:
    """Tone of a token sequence.

    Attributes:
        polarity: normalised score in [-1, 1].
        label: "negative", "neutral" or "positive".
        drivers: the words with a non-zero contribution, in text order.
        raw: the unnormalised sum of contributions.
    """

    polarity: float
    label: str
    drivers: tuple[Driver, ...]
    raw: float

    def drivers_text(self) -> str:
        """Compact form used in tables: ``"Tote:-1.00; friedlich:+0.70"``."""
        return format_drivers(self.drivers)


@dataclass
class Tokens:
    """Per-token working state of the passes (one list entry per token)."""

    tokens: Sequence[nlp.Token]
    values: list
    words: list
    lemmas: list
    factors: list = field(default_factory=list)
    negated: list = field(default_factory=list)
    senses: list = field(default_factory=list)
    clauses: list = field(default_factory=list)
    lower: list = field(default_factory=list)  # the tokens' words in lower case (fixed)
    lemma_lower: list = field(default_factory=list)  # their lemmas in lower case (fixed)

    def __post_init__(self) -> None:
        self.factors = [1.0] * len(self.tokens)
        self.negated = [False] * len(self.tokens)
        self.senses = [""] * len(self.tokens)
        self.clauses = scope.sentence_clauses(self.tokens)
        self.lower = [t.text.lower() for t in self.tokens]
        self.lemma_lower = [t.lemma.lower() for t in self.tokens]

    def clause(self, k: int) -> scope.Clause:
        return scope.clause_of(self.clauses, k)

    def contributions(self, factors: Sequence[float] | None = None) -> list[tuple[float, str, str]]:
        """Per token (contribution, display word, lemma); ``factors`` in place of the state's own."""
        factors = self.factors if factors is None else factors
        return [((v or 0.0) * f * (NEGATION_FACTOR if neg else 1.0), w, lem)
                for v, f, neg, w, lem in zip(self.values, factors, self.negated, self.words, self.lemmas)]


def label_for(polarity: float, band: float = NEUTRAL_BAND) -> str:
    """Label of a polarity: neutral when ``abs(polarity) < band``."""
    if polarity <= -band:
        return "negative"
    if polarity >= band:
        return "positive"
    return "neutral"


def normalise(raw: float, alpha: float = ALPHA) -> float:
    """VADER-style squashing of a sum of contributions into [-1, 1] (Hutto & Gilbert 2014)."""
    return raw / math.sqrt(raw * raw + alpha) if raw else 0.0


def format_drivers(drivers: Iterable[Driver]) -> str:
    """``"word:+0.70; word:-1.00"`` (text order; '; ' separates entries, the last ':' the value)."""
    return "; ".join(f"{d.word}:{d.contribution:+.2f}" for d in drivers)


def parse_drivers(text: str) -> list[tuple[str, float]]:
    """Inverse of :func:`format_drivers` (lemmas are not kept in the compact form)."""
    out = []
    for part in (text or "").split("; "):
        if part:
            word, _, value = part.rpartition(":")
            out.append((word, float(value)))
    return out


def _is_boundary(token: nlp.Token) -> bool:
    return token.pos in _BOUNDARY_POS


# ------------------------------------------------------------------------------------------ passes


def lexicon_values(tokens: Sequence[nlp.Token], lex: SentimentLexicon) -> Tokens:
    """Start state: each token's lexicon value (``None`` when unknown)."""
    values = []
    for t in tokens:
        hit = lex.value(t.lemma, t.text, t.pos)
        values.append(hit[0] if hit else None)
    return Tokens(tokens, values, [t.text for t in tokens], [t.lemma for t in tokens])


def apply_phrases(state: Tokens, lex: SentimentLexicon) -> None:
    """Multi-word entries, matched on lower-case surface words or lemmas; value on the last word.

    Entries are applied in lexicon order, each at every place it matches from left to right (a later
    entry overwrites an earlier one where they overlap); matching reads the words, never the values.
    """
    lower, lemmas = state.lower, state.lemma_lower
    n = len(state.tokens)
    found = []
    for i in range(n):
        starting = lex.phrases_starting(lower[i])
        if lemmas[i] != lower[i]:
            starting = starting + lex.phrases_starting(lemmas[i])
        for order, phrase, value in starting:
            m = len(phrase)
            if i + m <= n and all(lower[i + k] == w or lemmas[i + k] == w for k, w in enumerate(phrase)):
                found.append((order, i, phrase, value))
    for _, i, phrase, value in sorted(found):
        m = len(phrase)
        for k in range(m - 1):
            state.values[i + k] = None
        state.values[i + m - 1] = value
        state.words[i + m - 1] = " ".join(t.text for t in state.tokens[i : i + m])
        state.lemmas[i + m - 1] = " ".join(phrase)


def apply_particle_verbs(state: Tokens, lex: SentimentLexicon) -> None:
    """"schlug ... nieder" -> *niederschlagen*: the finite verb takes the particle verb's value (none if
    the particle verb is unknown: "hörte auf" is not "hören") and its lemma."""
    tokens = state.tokens
    for i, t in enumerate(tokens):
        if t.pos != "PTKVZ":
            continue
        for j in range(i - 1, -1, -1):
            if tokens[j].pos in ("$,", "$.", "KOUS"):
                break
            if tokens[j].pos in ("VVFIN", "VVIMP"):
                compound = t.lemma.lower() + tokens[j].lemma
                hit = lex.value(compound, compound, "VVINF")
                state.values[j] = hit[0] if hit else None
                state.words[j] = f"{tokens[j].text} {t.text}"
                state.lemmas[j] = compound
                break


def _has_auxiliary(state: Tokens, k: int) -> bool:
    """A form of haben/sein/werden in token k's clause and no other participle: k is the participle."""
    clause = state.clause(k)
    span = range(clause.start, clause.end)
    tokens = state.tokens
    auxiliary = any(tokens[j].pos.startswith("VA") and tokens[j].lemma in _AUXILIARIES for j in span)
    return auxiliary and not any(tokens[j].pos in _PARTICIPLES and j != k for j in span)


def apply_senses(state: Tokens, lex: SentimentLexicon) -> None:
    """The sense of an ambiguous word (``senses.tsv``): the first row whose tags, auxiliary condition
    and sentence context match sets the value."""
    context = {t.lemma for t in state.tokens} | {t.text for t in state.tokens}
    for k, t in enumerate(state.tokens):
        rows = lex.senses.get(t.lemma) or lex.senses.get(state.lower[k]) or lex.senses.get(t.text) or ()
        for rule in rows:
            if rule.tags and t.pos not in rule.tags:
                continue
            if rule.context and not rule.context & context:
                continue
            if rule.needs_aux and not _has_auxiliary(state, k):
                continue
            state.values[k] = rule.polarity
            state.senses[k] = rule.sense
            break


def _theme_sign(lemma: str, lex: SentimentLexicon) -> int | None:
    if lemma in lex.change_themes:
        return lex.change_themes[lemma]
    head = compound_part(lemma, lex.change_themes)
    return lex.change_themes[head] if head else None


def _change_theme(state: Tokens, k: int, lex: SentimentLexicon) -> tuple[int | None, int | None]:
    """(theme sign, theme position) of the change word at k: the next noun of its clause within four
    tokens for a noun ("Erhöhung der Preise"), the nearest theme noun of its clause for a verb."""
    clause = state.clause(k)
    tokens = state.tokens
    if tokens[k].pos in _NOUNS:
        for j in range(k + 1, min(clause.end, k + 5)):
            if tokens[j].pos in _NOUNS:
                sign = _theme_sign(tokens[j].lemma, lex)
                return (sign, j) if sign is not None else (None, None)
        return None, None
    for j in sorted(range(clause.start, clause.end), key=lambda j: (abs(j - k), j)):
        if tokens[j].pos in _NOUNS and (sign := _theme_sign(tokens[j].lemma, lex)) is not None:
            return sign, j
    return None, None


def apply_change_words(state: Tokens, lex: SentimentLexicon) -> None:
    """Rise and fall words (``change_words.tsv``) take their tone from their theme
    (``change_themes.tsv``), which loses its own value; without a theme they have none."""
    for k, t in enumerate(state.tokens):
        if not (t.pos in _NOUNS or t.pos.startswith("VV")):
            continue
        lemma = state.lemmas[k] if t.pos.startswith("VV") else t.lemma
        word = lemma if lemma in lex.change_words else compound_part(lemma, lex.change_words, 3, 5)
        if word is None:
            continue
        modifier = lemma[: len(lemma) - len(word)].capitalize() if word != lemma else ""
        sign, at = (_theme_sign(modifier, lex), None) if modifier else (None, None)
        if sign is None:
            sign, at = _change_theme(state, k, lex)
        if at is not None:
            state.values[at] = None  # "Rückgang der Inflation": the theme's tone is the change's
        state.values[k] = 0.0 if sign is None else lex.change_words[word] * sign * CHANGE_VALUE
        state.senses[k] = "change"


def apply_descriptive(state: Tokens, lex: SentimentLexicon) -> None:
    """Event words that report (``descriptive.txt``: *Tote, Festnahme, Schüsse*) count DESCRIPTIVE_FACTOR."""
    for k, t in enumerate(state.tokens):
        if state.senses[k]:
            continue  # a sense rule already chose this word's reading ("Explosion der Preise")
        if state.values[k] and (lex.is_descriptive(t.lemma) or lex.is_descriptive(state.lemmas[k])):
            state.factors[k] *= DESCRIPTIVE_FACTOR


def apply_intensifiers(state: Tokens, lex: SentimentLexicon) -> None:
    """An intensifier scales the first sentiment word among the next INTENSIFIER_WINDOW tokens of its
    clause; its own value is then dropped."""
    tokens = state.tokens
    for i, t in enumerate(tokens):
        factor = lex.intensifiers.get(state.lemma_lower[i], lex.intensifiers.get(state.lower[i]))
        if factor is None or t.pos in _NO_INTENSIFIER_POS:
            continue
        for j in range(i + 1, min(len(tokens), i + 1 + INTENSIFIER_WINDOW)):
            if _is_boundary(tokens[j]):
                break
            if state.values[j]:
                state.factors[j] *= factor
                state.values[i] = None
                break


def _negates(state: Tokens, i: int, word: str) -> bool:
    """Mark the words negated by the negator at i; False when nothing followed it in its scope."""
    tokens = state.tokens
    hit = False
    for j in range(i + 1, min(len(tokens), i + 1 + NEGATION_WINDOW)):
        if _is_boundary(tokens[j]):
            break
        if state.values[j]:
            state.negated[j] = hit = True
        if word in _NP_NEGATORS and tokens[j].pos in ("NN", "NNA", "NNI", "NE"):
            break
    return hit


def apply_negation(state: Tokens, lex: SentimentLexicon) -> None:
    """Negators flip the sentiment words among the next NEGATION_WINDOW tokens of their clause (*kein,
    ohne*: up to the first noun); a postposed *nicht* with nothing after it negates the word before it."""
    tokens = state.tokens
    seen_weder = False
    for i, t in enumerate(tokens):
        lemma, lower = state.lemma_lower[i], state.lower[i]
        word = lemma if lemma in lex.negators else lower
        seen_weder = seen_weder or word == "weder"
        if not (word in lex.negators or (word == "noch" and seen_weder and t.pos == "KON")):
            continue
        if i + 1 < len(tokens) and (word, state.lower[i + 1]) in lex.negation_exceptions:
            continue
        if _negates(state, i, word) or word not in _POSTPOSED_NEGATORS:
            continue
        for j in range(i - 1, -1, -1):
            if _is_boundary(tokens[j]):
                break
            if state.values[j]:
                state.negated[j] = True
                break


def _is_reverser(state: Tokens, k: int, lex: SentimentLexicon) -> bool:
    t = state.tokens[k]
    if t.lemma in lex.reversers or state.lemmas[k] in lex.reversers:
        return True
    following = state.lower[k + 1] if k + 1 < len(state.tokens) else ""
    return (state.lemma_lower[k], following) in lex.reverser_pairs or (state.lower[k], following) in lex.reverser_pairs


def apply_reversers(state: Tokens, lex: SentimentLexicon) -> None:
    """*verhindern, stoppen, Kampf gegen …* (``reversers.txt``): no value of their own; the other
    sentiment words of their clause, and of a *dass*-clause right after it, are flipped like a negation."""
    for k in range(len(state.tokens)):
        if not _is_reverser(state, k, lex):
            continue
        state.values[k] = None
        clause = state.clause(k)
        span = range(clause.start, clause.end)
        if state.tokens[k].pos in _NOUNS:  # "Bekämpfung der Korruption": its complement up to the next noun
            end = next((j for j in range(k + 1, clause.end) if state.tokens[j].pos in _NOUNS), clause.end - 1)
            span = range(k + 1, end + 1)
        following = next((c for c in state.clauses if c.start == clause.end), None)
        if following is not None and state.lemma_lower[following.start] == "dass":
            span = [*span, *range(following.start, following.end)]  # "verhinderte, dass ... ins Chaos stürze"
        for j in span:
            if j != k and state.values[j]:
                state.negated[j] = not state.negated[j]


def apply_contrast(state: Tokens, lex: SentimentLexicon) -> None:
    """The last *aber/doch/jedoch …* (KON or ADV) of each sentence: words before it count
    CONTRAST_BEFORE, after it CONTRAST_AFTER."""
    state.factors = contrast_factors(state, lex)


def contrast_factors(state: Tokens, lex: SentimentLexicon) -> list[float]:
    """The state's factors with :func:`apply_contrast`'s rule applied (the state is left unchanged)."""
    factors = list(state.factors)
    last: dict[int, int] = {}
    for k, t in enumerate(state.tokens):
        if state.lemma_lower[k] in lex.contrast and t.pos in ("KON", "ADV"):
            last[t.sentence] = k
    for j, t in enumerate(state.tokens):
        k = last.get(t.sentence)
        if k is not None and j != k:
            factors[j] *= CONTRAST_BEFORE if j < k else CONTRAST_AFTER
    return factors


PASSES = (apply_phrases, apply_particle_verbs, apply_senses, apply_change_words, apply_descriptive,
          apply_intensifiers, apply_negation, apply_reversers)


def analyse_tokens(
    tokens: Sequence[nlp.Token], lexicon: SentimentLexicon | None = None, *, contrast: bool = True
) -> list[tuple[float, str, str]]:
    """Per token: (contribution, display word, lemma), after every pass of :data:`PASSES` and, with
    ``contrast``, VADER's contrast rule. Multi-word and particle-verb hits are shown as the whole
    expression ("ums Leben", "nahm fest") on the token that carries the value."""
    lex = lexicon or load_lexicon()
    state = run_passes(tokens, lex)
    return state.contributions(contrast_factors(state, lex) if contrast else None)


def run_passes(tokens: Sequence[nlp.Token], lex: SentimentLexicon) -> Tokens:
    """The state after :func:`lexicon_values` and every pass of :data:`PASSES` (not the contrast rule)."""
    state = lexicon_values(tokens, lex)
    for step in PASSES:
        step(state, lex)
    return state


def sentence_passes(doc: nlp.Document, index: int, lex: SentimentLexicon) -> Tokens:
    """:func:`run_passes` over sentence ``index`` of ``doc``, once per document, sentence and lexicon (the
    sentence's tone and the tone toward each target in it start from the same state; do not change it)."""
    return doc.remember(("sentiment-passes", index, id(lex)), lambda: run_passes(doc.sentence_tokens(index), lex), lex)


def score_sentence(doc: nlp.Document, index: int, lexicon: SentimentLexicon | None = None, *,
                   band: float = NEUTRAL_BAND) -> SentimentScore:
    """:func:`score_tokens` of sentence ``index`` of ``doc`` (its passes shared with :func:`score_toward`)."""
    lex = lexicon or load_lexicon()
    state = sentence_passes(doc, index, lex)
    return _score(state.contributions(contrast_factors(state, lex)), None, band)


def contributions(tokens: Sequence[nlp.Token], lexicon: SentimentLexicon | None = None) -> list[float]:
    """Signed contribution of every token (0.0 for tokens without sentiment)."""
    return [c for c, _, _ in analyse_tokens(tokens, lexicon)]


def _score(analysed: Iterable[tuple[float, str, str]], weights: Sequence[float] | None, band: float) -> SentimentScore:
    raw = 0.0
    drivers = []
    for k, (c, word, lemma) in enumerate(analysed):
        c = c * (weights[k] if weights is not None else 1.0)
        if c:
            raw += c
            drivers.append(Driver(word, lemma, round(c, 4)))
    polarity = normalise(raw)
    return SentimentScore(round(polarity, 6), label_for(polarity, band), tuple(drivers), round(raw, 6))


def score_tokens(
    tokens: Sequence[nlp.Token], lexicon: SentimentLexicon | None = None, *, band: float = NEUTRAL_BAND
) -> SentimentScore:
    """News-scorer tone of a token sequence (a sentence, clause or window); deterministic."""
    return _score(analyse_tokens(tokens, lexicon), None, band)


# ---------------------------------------------------------------------------------- spans, targets


def span_tokens(doc: nlp.Document, start: int, end: int) -> tuple[nlp.Token, ...]:
    """Tokens lying (at least partly) within the character span ``[start, end)``."""
    return tuple(doc.tokens_between(start, end))


def score_span(doc: nlp.Document, start: int, end: int, lexicon: SentimentLexicon | None = None) -> SentimentScore:
    """News-scorer tone of the character span ``[start, end)`` (a clause, a quote).

    Raises:
        ValueError: if the span is empty or outside the text.
    """
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"invalid span [{start}, {end}) for a text of length {len(doc.text)}")
    return score_tokens(span_tokens(doc, start, end), lexicon)


def target_window(doc: nlp.Document, start: int, end: int, window: int | None = None) -> tuple[nlp.Token, ...]:
    """Tokens of the target's sentence, or only those within ``window`` tokens of the target span.

    Raises:
        ValueError: if no token overlaps ``[start, end)``.
    """
    inside = [t.i for t in doc.tokens_between(start, end)]
    if not inside:
        raise ValueError(f"no token in target span [{start}, {end})")
    sent = doc.sentences[doc.tokens[inside[0]].sentence]
    if window is None:
        return doc.tokens[sent.token_start : sent.token_end]
    lo = max(sent.token_start, inside[0] - window)
    hi = min(sent.token_end, inside[-1] + window + 1)
    return doc.tokens[lo:hi]


def score_target(
    doc: nlp.Document, start: int, end: int, *, window: int | None = None, lexicon: SentimentLexicon | None = None
) -> SentimentScore:
    """Sentence tone of a target's sentence (default) or of a window of tokens around it."""
    return score_tokens(target_window(doc, start, end, window), lexicon)


def target_tokens(doc: nlp.Document, start: int, end: int) -> tuple[tuple[nlp.Token, ...], int, int]:
    """The target's sentence and the positions (in it) of the target's first and last token."""
    tokens = target_window(doc, start, end)
    inside = [k for k, t in enumerate(tokens) if t.end > start and t.start < end]
    return tokens, inside[0], inside[-1]


def score_toward(
    doc: nlp.Document, start: int, end: int, lexicon: SentimentLexicon | None = None, *, band: float | None = None
) -> SentimentScore:
    """Tone toward the target at characters ``[start, end)``: the word contributions of its sentence
    (every pass but the contrast rule) weighted by :func:`scope.target_weights`; drivers carry the
    weighted contributions. Labelled with ``scope.TARGET_BAND`` unless ``band`` is given.

    Raises:
        ValueError: if no token overlaps the span.
    """
    lex = lexicon or load_lexicon()
    tokens, first, last = target_tokens(doc, start, end)
    state = sentence_passes(doc, tokens[first].sentence, lex)  # the tokens are the target's sentence
    weights = scope.target_weights(tokens, first, last, lex.tie_prepositions, state.clauses)
    return _score(state.contributions(), weights, scope.TARGET_BAND if band is None else band)
