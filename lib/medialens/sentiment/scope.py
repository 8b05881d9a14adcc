"""Target scope: which words of a sentence are tied to a target, from STTS tags and lemmas alone.

No parser is available, so the scope is built from clause boundaries and a few attachment rules:

1. **Clauses** (:func:`clauses`). A sentence is cut at sentence-internal punctuation (comma, colon,
   semicolon, dashes and brackets; not at quotation marks) and before clause-opening words: a
   subordinating conjunction (KOUS/KOUI: *weil, dass, während, um … zu*), a relative pronoun or a
   question word right after a boundary (*, die …*, *, warum …*), and a coordinating conjunction
   (KON) that is followed by a finite verb before the next boundary (*und die Regierung trat zurück*).
   A piece without any verb (an enumeration, an apposition, *laut Polizei*) joins the clause before it.
2. **Weights** (:func:`target_weights`). Every token of the target's sentence gets a weight:
   * 1.0 in the target's own clause and in a relative clause that follows the target (*die Polizei,
     die auf Demonstranten schoss*); the words of the target's noun phrase (attached adjectives,
     *der umstrittene Präsident*; name parts) always 1.0;
   * :data:`SUBORDINATE_WEIGHT` in a subordinate clause after the target's clause (what the target
     says, wants, fears: often not about the target);
   * :data:`OTHER_CLAUSE_WEIGHT` in every other clause;
   * :data:`ADJUNCT_WEIGHT` for the rest of its own clause when the target only sits in a
     prepositional phrase that places it (*in Almaty*, *bei der Polizei*); prepositions that tie an
     evaluation to their noun (*gegen, für, ohne, wegen*; ``target_prepositions.txt``) keep 1.0.
3. Negation and contrast are applied before weighting, inside the clause they belong to (see
   :mod:`medialens.sentiment.rules`), so *nicht* and *aber* keep their scope.

The weights were chosen on the development half of GerNTSA (Goerlich, CC BY 4.0) only; see
``data/lexicons/sentiment/README.md`` for the measured effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from medialens import nlp

#: Weight of a subordinate clause that follows the target's clause.
SUBORDINATE_WEIGHT = 0.25
#: Weight of every other clause of the target's sentence.
OTHER_CLAUSE_WEIGHT = 0.25
#: Weight of the target's own clause when the target is only placed by a preposition.
ADJUNCT_WEIGHT = 0.5
#: Weight of nouns and attributive adjectives of another noun phrase (*die brutalen Angreifer* is about
#: the attackers, even in the target's clause).
OTHER_PHRASE_WEIGHT = 0.5
#: Neutral band of target tone (weights shrink sums, so the band is narrower than the sentence's).
TARGET_BAND = 0.3

FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN", "VVIMP", "VAIMP"})
VERB_TAGS = FINITE_TAGS | frozenset({"VVINF", "VAINF", "VMINF", "VVPP", "VAPP", "VMPP", "VVIZU"})
_SUBORDINATORS = frozenset({"KOUS", "KOUI"})
_RELATIVES = frozenset({"PRELS", "PRELAT"})
_QUESTION_WORDS = frozenset({"PWS", "PWAV", "PWAT"})
_QUOTE_CHARS = frozenset('"„“”»«‚‘’\'')
_PHRASE_WORD_TAGS = frozenset({"NN", "NE", "ADJA"})
_NOUN_PHRASE_TAGS = frozenset({"ART", "ADJA", "PIAT", "PPOSAT", "PDAT", "CARD", "NN", "NE", "TRUNC"})


@dataclass(frozen=True)
class Clause:
    """A clause as a half-open token range of the sequence it was cut from."""

    start: int
    end: int
    kind: str  # "main", "subordinate" or "relative"


def is_boundary(token: nlp.Token) -> bool:
    """Sentence-internal punctuation that ends a clause (quotation marks do not)."""
    return token.pos in ("$.", "$,") or (token.pos == "$(" and token.text not in _QUOTE_CHARS)


def _finite_before_boundary(tokens: Sequence[nlp.Token], k: int) -> bool:
    for token in tokens[k:]:
        if is_boundary(token) or token.pos in _SUBORDINATORS:
            return False
        if token.pos in FINITE_TAGS:
            return True
    return False


def _opens(tokens: Sequence[nlp.Token], k: int, after_boundary: bool) -> str | None:
    """The kind of clause token ``k`` opens, or ``None``."""
    pos = tokens[k].pos
    if pos in _SUBORDINATORS or (after_boundary and pos in _QUESTION_WORDS):
        return "subordinate"
    if after_boundary and pos in _RELATIVES:
        return "relative"
    if pos == "KON" and _finite_before_boundary(tokens, k + 1):
        return "main"
    return None


def _pieces(tokens: Sequence[nlp.Token]) -> list[list]:
    pieces: list[list] = []
    start, kind, after_boundary = 0, "main", True
    for k, token in enumerate(tokens):
        opened = _opens(tokens, k, after_boundary)
        if opened and k > start:
            pieces.append([start, k, kind])
            start = k
        if opened:
            kind = opened
        if is_boundary(token) and k + 1 < len(tokens):
            pieces.append([start, k + 1, kind])
            start, kind = k + 1, "main"
        after_boundary = is_boundary(token)
    if start < len(tokens):
        pieces.append([start, len(tokens), kind])
    return [p for p in pieces if p[1] > p[0]]


def clauses(tokens: Sequence[nlp.Token]) -> list[Clause]:
    """Clauses of one sentence; indices are positions in ``tokens``; punctuation ends the clause before it."""
    merged: list[list] = []
    for start, end, kind in _pieces(tokens):
        has_verb = any(t.pos in VERB_TAGS for t in tokens[start:end])
        if merged and not has_verb:
            merged[-1][1] = end  # enumeration, apposition, "laut Polizei": part of the clause before
        elif merged and merged[-1][2] == "main" and not any(t.pos in VERB_TAGS for t in tokens[merged[-1][0]:merged[-1][1]]):
            merged[-1][1], merged[-1][2] = end, kind  # a verbless opening ("Tote, Verletzte, ...") joins the next
        else:
            merged.append([start, end, kind])
    return [Clause(*piece) for piece in merged]


def sentence_clauses(tokens: Sequence[nlp.Token]) -> list[Clause]:
    """Clauses of a token sequence that may span several sentences (indices into ``tokens``)."""
    out: list[Clause] = []
    start = 0
    for k in range(1, len(tokens) + 1):
        if k == len(tokens) or tokens[k].sentence != tokens[start].sentence:
            out += [Clause(c.start + start, c.end + start, c.kind) for c in clauses(tokens[start:k])]
            start = k
    return out


def clause_of(parts: Sequence[Clause], k: int) -> Clause:
    """The clause containing token position ``k``."""
    for clause in parts:
        if clause.start <= k < clause.end:
            return clause
    raise ValueError(f"token {k} lies in no clause")


def noun_phrase(tokens: Sequence[nlp.Token], first: int, last: int) -> tuple[int, int]:
    """Half-open range of the noun phrase around target tokens ``first..last``: determiners and
    attached adjectives before it, name parts after it (*Präsident Tokajew*)."""
    lo = first
    while lo > 0 and tokens[lo - 1].pos in _NOUN_PHRASE_TAGS:
        lo -= 1
    hi = last + 1
    while hi < len(tokens) and tokens[hi].pos in ("NE", "NN") and tokens[hi].text[:1].isupper():
        hi += 1
    return lo, hi


def governing_preposition(tokens: Sequence[nlp.Token], lo: int) -> nlp.Token | None:
    """The preposition (APPR/APPRART) directly before the noun phrase starting at ``lo``."""
    return tokens[lo - 1] if lo > 0 and tokens[lo - 1].pos in ("APPR", "APPRART") else None


def target_weights(
    tokens: Sequence[nlp.Token], first: int, last: int, tie_prepositions: frozenset[str] = frozenset(),
    parts: Sequence[Clause] | None = None,
) -> list[float]:
    """Weight of every token of one sentence for a target at token positions ``first..last``.

    Args:
        tokens: the tokens of the target's sentence.
        first, last: positions (in ``tokens``) of the first and last token of the target.
        tie_prepositions: lower-case prepositions that tie an evaluation to their noun (``gegen``).
        parts: ``clauses(tokens)`` when the caller has them already.
    """
    parts = clauses(tokens) if parts is None else parts
    home = clause_of(parts, first)
    lo, hi = noun_phrase(tokens, first, last)
    prep = governing_preposition(tokens, lo)
    placed = prep is not None and prep.lemma.lower() not in tie_prepositions and prep.text.lower() not in tie_prepositions
    weights: list[float] = []
    for clause in parts:
        if clause == home:
            weight = ADJUNCT_WEIGHT if placed else 1.0
        elif clause.kind == "relative" and home.start < clause.start <= hi + 1:
            weight = 1.0
        elif clause.kind == "subordinate" and clause.start > home.start:
            weight = SUBORDINATE_WEIGHT
        else:
            weight = OTHER_CLAUSE_WEIGHT
        weights += [weight] * (clause.end - clause.start)
    for k, token in enumerate(tokens):
        if token.pos in _PHRASE_WORD_TAGS and not lo <= k < hi:
            weights[k] *= OTHER_PHRASE_WEIGHT
    for k in range(max(lo - (prep is not None), 0), hi):
        weights[k] = 1.0
    if prep is not None and not placed:
        for k in range(_phrase_start(tokens, lo - 1), lo - 1):
            weights[k] = 1.0  # "Proteste gegen die Regierung": the noun the preposition hangs on
    for k in apposition(tokens, hi):
        weights[k] = 1.0
    return weights


def _phrase_start(tokens: Sequence[nlp.Token], end: int) -> int:
    """Start of the noun phrase ending just before position ``end`` (``end`` when there is none)."""
    if end <= 0 or tokens[end - 1].pos not in ("NN", "NE"):
        return end
    start = end - 1
    while start > 0 and tokens[start - 1].pos in _NOUN_PHRASE_TAGS:
        start -= 1
    return start


def apposition(tokens: Sequence[nlp.Token], hi: int) -> range:
    """Token range of a verbless apposition right after a noun phrase ending at ``hi``:
    *Tokajew, der frühere Diplomat, …* (from the comma to the next comma)."""
    if hi >= len(tokens) or tokens[hi].pos != "$,":
        return range(0)
    for k in range(hi + 1, len(tokens)):
        if tokens[k].pos in VERB_TAGS or tokens[k].pos in _RELATIVES or tokens[k].pos in _SUBORDINATORS:
            return range(0)
        if is_boundary(tokens[k]):
            return range(hi + 1, k) if tokens[k].pos == "$," and k > hi + 1 else range(0)
    return range(0)
