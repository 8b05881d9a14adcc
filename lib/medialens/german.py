"""German: the language facts every analysis shares.

* STTS tag sets (Schiller et al. 1999, *Guidelines für das Tagging deutscher Textcorpora mit STTS*) as
  the pipeline produces them (:mod:`medialens.nlp`: HanTa tags, punctuation as ``$.``/``$,``/``$(``);
* quotation marks: which mark closes which (:data:`QUOTE_PAIRS`), the set of all marks and
  :func:`quotation_spans`, the quotations of a text as character spans;
* Konjunktiv: the listed irregular Konjunktiv I forms and the Konjunktiv II forms German news uses for
  reported speech (one data file, ``data/lexicons/language/konjunktiv.tsv``) and :func:`konjunktiv_mood`,
  the one rule that tells a finite verb's mood from its form and lemma.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from medialens import config
from medialens.datafiles import data_rows

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


# ------------------------------------------------------------------------------------ Konjunktiv


@dataclass(frozen=True)
class KonjunktivForms:
    """Listed finite forms: Konjunktiv I forms the stem rule cannot derive (or a reviewer should see),
    Konjunktiv II forms that German news uses as a reported-speech marker."""

    k1: frozenset[str]
    k2: frozenset[str]
    k2_modal: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def konjunktiv_forms(path: Path | None = None) -> KonjunktivForms:
    """Read ``data/lexicons/language/konjunktiv.tsv`` (columns ``form``, ``mood`` = k1/k2/k2m).

    Raises:
        ValueError: a mood other than ``k1``/``k2``/``k2m``.
    """
    path = Path(path) if path else config.lexicon_path("language", "konjunktiv.tsv")
    moods: dict[str, set[str]] = {"k1": set(), "k2": set(), "k2m": set()}
    for row in data_rows(path):
        mood = row["mood"]
        if mood not in moods:
            raise ValueError(f"{path}: form {row['form']!r} has mood {mood!r}, expected k1, k2 or k2m")
        moods[mood].add(row["form"].casefold())
    return KonjunktivForms(*(frozenset(moods[m]) for m in ("k1", "k2", "k2m")))


def konjunktiv_mood(form: str, lemma: str, tag: str, forms: KonjunktivForms | None = None) -> int:
    """1 for a Konjunktiv I form, 2 for a listed Konjunktiv II reported-speech form, 3 for a listed modal
    Konjunktiv II form (*könnte*: reported speech or the reporter's own conjecture), else 0.

    Only finite verbs count. A form is Konjunktiv I when it is listed, or when it is the infinitive
    stem + ``-e`` (``unterstützen`` -> ``unterstütze``; ``handeln`` -> ``handele``/``handle``; a
    separable verb whose lemma carries the particle: ``ankündigen`` -> ``kündige``), the 3rd person
    singular that never coincides with an indicative form. Forms and lemmas are compared case-folded,
    so Swiss spelling matches (``schiesse`` of ``schießen``).

    Args:
        form: the word as written.
        lemma: its lemma.
        tag: its STTS tag.
        forms: the listed forms (default :func:`konjunktiv_forms`).
    """
    if tag not in FINITE_VERB_TAGS:
        return 0
    listed = forms or konjunktiv_forms()
    word = form.casefold()
    if word in listed.k1:
        return 1
    if word in listed.k2:
        return 2
    if word in listed.k2_modal:
        return 3
    if len(word) <= 2 or not word.endswith("e"):
        return 0
    lem = lemma.casefold()
    if lem.endswith("en"):
        stem = lem[:-2]
    elif lem.endswith(("eln", "ern")):
        stem = lem[:-1]
    else:
        return 0
    if word == stem + "e" or (lem.endswith(("eln", "ern")) and word == stem[:-2] + stem[-1] + "e"):
        return 1
    if len(word) > 4 and stem.endswith(word[:-1]):  # separable verb, lemma with particle
        return 1
    return 0
