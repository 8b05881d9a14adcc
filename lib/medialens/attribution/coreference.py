"""Who a source phrase stands for: names, role nouns and pronouns resolved to the actor the article established.

"Der Präsident Arman Beketow … Der Präsident sagte, … Er kündigte … an": all three rows speak for
Arman Beketow, so counts merge and the type carries over. Two ways to resolve:

* with the actors step's ``mentions`` table (issue 14), a source phrase takes the actor of the mention
  it covers -- that step links titles, roles and pronouns with its own rules;
* without it, :class:`LocalReferents` resolves within the article: a name to the earlier full name
  it shortens ("Sarsenowa" -> "Aigerim Sarsenowa"), a pronoun or a definite role noun ("er", "die
  Frau", "der Präsident", "das Ministerium") to the nearest earlier referent that is compatible --
  person or body, singular or plural, gender (from a feminine role noun, "Frau"/"Herr", the pronoun),
  and the role noun itself (the head of "Der Präsident" must be a role of the referent).

A person's actor is their name as written (without genitive -s), or the actor dictionary's id when the
dictionary knows the name; a body's actor is its dictionary id, else its phrase without article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from medialens import nlp

#: Words that make a person female or male ("Frau Keller", "Herr Brandt", "die Frau").
FEMALE_NOUNS = frozenset({"frau", "mutter", "tochter", "schwester", "dame", "witwe"})
MALE_NOUNS = frozenset({"herr", "mann", "vater", "sohn", "bruder", "witwer"})
#: Role-noun endings of the feminine form ("Anwältin", "Ministerinnen").
FEMININE_ENDINGS = ("in", "innen")
#: Nouns too generic to carry a role of their own (they resolve by gender only).
GENERIC_PERSONS = FEMALE_NOUNS | MALE_NOUNS | frozenset({"mensch", "person"})
#: How many sentences back a pronoun or role noun may find its referent.
WINDOW = 6


@dataclass(frozen=True)
class Referent:
    """An actor the article introduced: where, who, and what can refer to it."""

    token: int  # first token of the mention
    sentence: int
    actor: str
    kind: str  # "person" or "body"
    gender: str | None = None  # "f", "m" or None (unknown)
    roles: tuple[str, ...] = ()  # lower-case lemmas of its role nouns ("präsident", "anwältin")
    names: tuple[str, ...] = ()  # lower-case name words ("arman", "beketow")
    source_type: str | None = None


@dataclass
class LocalReferents:
    """The referents of one document, collected from titled names and typed source phrases."""

    doc: nlp.Document
    referents: list[Referent] = field(default_factory=list)

    def add(self, referent: Referent) -> None:
        """Record a referent (kept in text order)."""
        self.referents.append(referent)
        self.referents.sort(key=lambda r: r.token)

    def before(self, token: int) -> list[Referent]:
        """Referents introduced before ``token`` within the window, nearest first."""
        sentence = self.doc.tokens[token].sentence
        return [r for r in reversed(self.referents) if r.token < token and sentence - r.sentence <= WINDOW]


def name_words(tokens, start: int, end: int) -> tuple[int, int] | None:
    """The person-name run (STTS NE, also HanTa's NN for unknown surnames after an NE) of a phrase.

    Skips a name that modifies the next noun ("Polens Außenminister") and names inside a genitive or
    von-complement ("der Sprecher des Senders Westwelle"); prefers a name after a comma (apposition).
    """
    runs: list[tuple[int, int]] = []
    k = start
    complement = False
    while k < end:
        word = tokens[k]
        if word.text == ",":
            complement = False
        elif word.pos in ("APPR", "APPRART") or (word.pos == "ART" and word.text.lower() in ("des", "eines")):
            complement = True
        if word.pos == "NE" and not complement:
            run_end = k + 1
            while run_end < end and (tokens[run_end].pos in ("NE", "FM") or (
                    tokens[run_end].text[:1].isupper() and tokens[run_end].pos in ("PWS", "PWAV", "PPER", "PIS", "ADV"))):
                run_end += 1  # "Li Wen": the tagger reads "Wen" as a pronoun
            if not (run_end < end and tokens[run_end].pos.startswith("NN")):
                runs.append((k, run_end))
            k = run_end
            continue
        k += 1
    return runs[-1] if runs else None


def gender_of(role_lemmas: list[str], article: str | None) -> str | None:
    """Gender of a person from role nouns ("Anwältin" f, "Richter" m, "Frau" f) and its article.

    A feminine role noun or "die"/"eine" before a role ("die Abgeordnete") is female; another role noun
    is male (the masculine form is the one German uses for a man); no role noun: unknown.
    """
    for lemma in role_lemmas:
        if lemma in FEMALE_NOUNS or (lemma.endswith(FEMININE_ENDINGS) and len(lemma) > 4):
            return "f"
        if lemma in MALE_NOUNS:
            return "m"
    if not role_lemmas:
        return None
    return "f" if article in ("die", "eine") else "m"


def compatible(referent: Referent, *, kind: str | None, gender: str | None, role: str | None) -> bool:
    """Whether a referent can be what a pronoun or role noun refers to."""
    if kind is not None and referent.kind != kind:
        return False
    if gender is not None and referent.gender is not None and referent.gender != gender:
        return False
    if role is None or role in GENERIC_PERSONS:
        return True
    return any(r == role or r.endswith(role) for r in referent.roles)
