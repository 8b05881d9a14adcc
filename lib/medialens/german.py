"""German: the language facts every analysis shares.

* STTS tag sets (Schiller et al. 1999, *Guidelines für das Tagging deutscher Textcorpora mit STTS*) as
  the pipeline produces them (:mod:`medialens.nlp`: HanTa tags, punctuation as ``$.``/``$,``/``$(``);
* quotation marks: which mark closes which (:data:`QUOTE_PAIRS`), the set of all marks and
  :func:`quotation_spans`, the quotations of a text as character spans;
"""

from __future__ import annotations

# ------------------------------------------------------------------------------------ STTS tag sets

#: Finite verbs: full, auxiliary, modal.
FINITE_VERB_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})
#: Punctuation as the pipeline tags it: sentence-final, comma, other (brackets, dashes, quotes).
PUNCTUATION_TAGS = frozenset({"$,", "$.", "$("})
#: Determiners and determiner-like pronouns before a noun.
DETERMINER_TAGS = frozenset({"ART", "PDAT", "PIAT", "PIDAT", "PPOSAT", "PWAT", "PRELAT"})
#: Words opening a subordinate clause (conjunctions, relative and interrogative pronouns and adverbs).
SUBORDINATOR_TAGS = frozenset({"KOUS", "PRELS", "PRELAT", "PWAV", "PWS", "PWAT", "KOUI"})
#: Conjunctions (coordinating, subordinating with finite verb, with infinitive).
CONJUNCTION_TAGS = frozenset({"KON", "KOUS", "KOUI"})
#: Nouns as HanTa tags them (common nouns, proper nouns and HanTa's NNA/NNI).
NOUN_TAGS = frozenset({"NN", "NE", "NNA", "NNI"})
#: Pronouns that stand for a noun phrase (personal, demonstrative, relative, indefinite, possessive).
PRONOUN_TAGS = frozenset({"PPER", "PDS", "PRELS", "PPOSAT", "PIS"})

# ------------------------------------------------------------------------------------ quotation marks

#: Opening quotation mark -> the marks that close it: German „…“ (also closed by ” or "), »…« and the
#: Swiss «…», English “…”, straight "…", single ‚…‘ (or ’) and ‹…›/›…‹.
QUOTE_PAIRS: dict[str, tuple[str, ...]] = {
    "„": ("“", "”", '"'),
    "»": ("«",),
    "«": ("»",),
    "‚": ("‘", "’"),
    "“": ("”",),
    '"': ('"',),
    "‹": ("›",),
    "›": ("‹",),
}
#: Every quotation mark (opening or closing).
QUOTE_MARKS = frozenset("„“”\"»«‚‘’‹›")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans ``[open, close + 1)`` of quotations in ``text``, quotation marks included.

    Pairs are those of :data:`QUOTE_PAIRS`. A quotation may run over several sentences but not over a
    paragraph break; an opening mark without a closing one in its paragraph is ignored. Quotations
    nested inside another are not listed separately.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        closers = QUOTE_PAIRS.get(text[i])
        if closers is None:
            i += 1
            continue
        limit = text.find("\n\n", i)
        limit = n if limit < 0 else limit
        j = next((k for k in range(i + 1, limit) if text[k] in closers), -1)
        if j < 0:
            i += 1
            continue
        spans.append((i, j + 1))
        i = j + 1
    return spans
