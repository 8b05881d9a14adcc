"""Titles, role nouns and pronouns linked to the actors an article has named.

The one coreference implementation of medialens: attribution reads the linked rows of the mentions
table to resolve "er sagte", "der Präsident erklärte". Input: a processed document and its name
mentions in text order; output: extra mentions with ``link`` = ``title`` / ``role`` / ``pronoun``. The rules, in the spirit of
"nearest compatible antecedent" (Hobbs 1978; Lappin & Leass 1994, without a parser):

* **title** -- a role noun the article itself attached to a person: ``Präsident Tokajew`` or
  ``Der Präsident der Republik, Kassym-Schomart Tokajew`` makes *Präsident* Tokajew's role in this
  article; a later definite ``der Präsident`` (not followed by a name or a genitive that names someone
  else's office) links to the most recent person who held that role, with the same qualifier when one
  is given (``der russische Präsident`` needs a holder introduced as *russische Präsident*).
* **role** -- a definite organisation noun (``das Ministerium``, ``die Partei``) links to the most recent
  organisation whose name has that head (*Innenministerium*) or whose subtype it names (*Partei* ->
  party), within :data:`WINDOW` sentences.
* **pronoun** -- a personal pronoun (``er``, ``sie``, ``ihn``, ``ihm``, ``ihr``, ``ihnen``) links to the
  nearest preceding person or organisation mention within :data:`WINDOW` sentences whose gender and number
  agree: persons by first name (gendered first-name lists) or feminine role noun, organisations by the
  article before their first mention (*der KNB*, *die OVKS*, *das Ministerium*); ``sie`` with a plural
  verb (*sie forderten*) refers to groups and plural names only. ``es`` is never linked (expletive in
  *es gibt*, *es sei*).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from medialens.actors.lexicon import PronounEntry
from medialens.german import FINITE_VERB_TAGS as _FINITE

#: Sentences back (the mention's own sentence included) in which an antecedent is looked for.
WINDOW = 3

_DEFINITE = frozenset("der die das des dem den".split())
_SINGULAR_FORMS = frozenset("ist war hat hatte sei wäre habe hätte wird wurde würde kann konnte muss musste soll sollte will wollte darf".split())
_PLURAL_FORMS = frozenset("sind waren haben hatten seien wären hätten werden wurden würden können konnten müssen mussten sollen sollten wollen wollten dürfen".split())


@dataclass(frozen=True, slots=True)
class Anchor:
    """A named mention that later titles, role nouns and pronouns can point to (token offsets)."""

    start: int
    end: int
    actor_id: str
    actor_type: str  # person / organisation / group / place
    gender: str  # m / f / n / "" (unknown)
    plural: bool
    name: str  # the name as written (its last word is the head for organisation role nouns)
    roles: frozenset[str] = frozenset()  # role nouns the article attached to it ("präsident")


@dataclass(frozen=True, slots=True)
class Link:
    """A title, role noun or pronoun linked to an anchor's actor (token offsets)."""

    start: int
    end: int
    actor_id: str
    actor_type: str
    link: str  # title / role / pronoun


def verb_number(tokens: Sequence, index: int, sentence_end: int) -> bool | None:
    """Plural (True), singular (False) or unknown (None) from the finite verb next to a pronoun.

    ``sie sagten`` / ``sagten sie`` -> plural; ``sie sagte`` -> singular. Only the verb directly after
    (or, in inverted order, directly before) the pronoun is read.
    """
    k = index
    for j in (k + 1, k - 1):
        if not 0 <= j < sentence_end:
            continue
        tok = tokens[j]
        if tok.pos not in _FINITE:
            continue
        word = tok.text.lower()
        if word in _PLURAL_FORMS:
            return True
        if word in _SINGULAR_FORMS:
            return False
        if word.endswith("en") or word.endswith("ten"):
            return True
        if word.endswith("t") or word.endswith("te"):
            return False
    return None


def compatible(anchor: Anchor, entry: PronounEntry, plural: bool | None) -> bool:
    """Gender and number agreement between a pronoun and an anchor."""
    if anchor.actor_type == "place":
        return False
    number = plural if plural is not None else entry.plural
    if number is True:
        return anchor.plural
    if anchor.plural:
        return number is None and "f" in entry.genders  # "sie" with unknown number
    if not anchor.gender:
        return anchor.actor_type == "person" and bool(entry.genders & {"m", "f"})
    return anchor.gender in entry.genders


def _recent(anchors: Sequence[Anchor], sentence_of: Callable[[int], int], index: int) -> list[Anchor]:
    """Anchors that end before token ``k``, within the window, nearest first."""
    k = index
    here = sentence_of(k)
    found = [a for a in anchors if a.end <= k and here - sentence_of(a.start) < WINDOW]
    return sorted(found, key=lambda a: -a.start)


def link_pronouns(doc, anchors: Sequence[Anchor], pronouns: dict[str, PronounEntry], taken: set[int]) -> list[Link]:
    """Personal pronouns (STTS ``PPER``) linked to the nearest compatible anchor."""
    tokens = doc.tokens
    out: list[Link] = []
    linked: list[Anchor] = list(anchors)
    for tok in tokens:
        if tok.pos != "PPER" or tok.i in taken:
            continue
        entry = pronouns.get(tok.text.lower())
        if entry is None:
            continue
        if tok.text == "Sie" and tok.i != doc.sentences[tok.sentence].token_start:
            continue  # formal address
        sentence = doc.sentences[tok.sentence]
        plural = verb_number(tokens, tok.i, sentence.token_end)
        for anchor in _recent(linked, lambda i: tokens[i].sentence, tok.i):
            if compatible(anchor, entry, plural):
                out.append(Link(tok.i, tok.i + 1, anchor.actor_id, anchor.actor_type, "pronoun"))
                linked.append(Anchor(tok.i, tok.i + 1, anchor.actor_id, anchor.actor_type, anchor.gender,
                                     anchor.plural, anchor.name, anchor.roles))
                break
    return out


def _qualifiers(tokens: Sequence, start: int, end: int) -> tuple[str, ...]:
    """Adjectives between ``start`` and ``end`` (``russischen`` -> ``russisch``): what a role noun is qualified by."""
    out = []
    for tok in tokens[start:end]:
        if tok.pos == "ADJA":
            word = tok.text.lower()
            for ending in ("en", "er", "es", "em", "e"):
                if word.endswith(ending) and len(word) - len(ending) >= 4:
                    word = word[: -len(ending)]
                    break
            out.append(word)
    return tuple(out)


def definite_role_nouns(doc, role_of: Callable[[str], str | None], taken: set[int]):
    """``der (russische) Präsident``: (start, end, role key, qualifiers) for definite role noun phrases.

    The phrase starts at a definite article and may hold adjectives; it is skipped when the noun is
    directly followed by a capitalised word (a name the noun is the title of: *die Organisation Reporter
    ohne Grenzen*) or by a genitive article (``der Sprecher des Ministeriums`` is another person than
    *der Sprecher*).
    """
    tokens = doc.tokens
    for sentence in doc.sentences:
        for k in range(sentence.token_start, sentence.token_end):
            if tokens[k].text.lower() not in _DEFINITE:
                continue
            j = k + 1
            while j < sentence.token_end and tokens[j].pos == "ADJA":
                j += 1
            if j >= sentence.token_end or tokens[j].pos != "NN" or j in taken:
                continue
            key = role_of(tokens[j].text)
            if key is None:
                continue
            nxt = tokens[j + 1] if j + 1 < sentence.token_end else None
            if nxt is not None and (nxt.text[:1].isupper() or nxt.text in ("des", "der")):
                continue  # a name follows (*die Organisation Reporter ohne Grenzen*) or a genitive
            yield j, j + 1, key, _qualifiers(tokens, k + 1, j)


def link_titles(doc, anchors: Sequence[Anchor], role_of: Callable[[str], str | None], taken: set[int],
                qualifiers_of: Callable[[Anchor], tuple[str, ...]] = lambda a: ()) -> list[Link]:
    """Definite role nouns linked to the most recent anchor that holds that role in this article.

    Args:
        doc: the processed document.
        anchors: named mentions with the roles the article (or the dictionary) gave them.
        role_of: role key of a noun (``Präsidentin`` -> ``präsident``), ``None`` for other nouns.
        taken: token indices already part of a mention.
        qualifiers_of: the qualifiers an anchor's role was introduced with.
    """
    tokens = doc.tokens
    out: list[Link] = []
    for start, end, key, quals in definite_role_nouns(doc, role_of, taken):
        for anchor in sorted((a for a in anchors if a.end <= start), key=lambda a: -a.start):
            if not any(role == key or role.endswith(key) for role in anchor.roles):
                continue
            if quals and not set(quals) <= set(qualifiers_of(anchor)):
                continue
            if tokens[start].sentence - tokens[anchor.start].sentence >= 12:
                break
            out.append(Link(start, end, anchor.actor_id, anchor.actor_type, "title"))
            break
    return out


#: Generic person nouns and the gender they give: *die Frau* refers back to the nearest woman (or
#: person of unknown gender) named before, *der Mann* to the nearest man.
GENERIC_PERSONS = {"frau": "f", "mann": "m"}


def link_generic_persons(doc, anchors: Sequence[Anchor], taken: set[int]) -> list[Link]:
    """``die Frau`` / ``der Mann`` linked to the nearest person anchor of compatible gender in the window."""
    tokens = doc.tokens
    out: list[Link] = []
    generic = lambda word: word.lower() if word.lower() in GENERIC_PERSONS else None  # noqa: E731
    for start, end, key, _ in definite_role_nouns(doc, generic, taken):
        gender = GENERIC_PERSONS[key]
        for anchor in _recent([a for a in anchors if a.actor_type == "person"], lambda i: tokens[i].sentence, start):
            if anchor.gender in ("", gender):
                out.append(Link(start, end, anchor.actor_id, anchor.actor_type, "title"))
                break
    return out
