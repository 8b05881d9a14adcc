"""Discovery: every name the recogniser finds becomes an actor; its spellings share one id.

The actor dictionary (``data/actors.jsonl``) refines discovery: a discovered name that is a spelling of
a dictionary actor (*Nazarbajew*, *Nursultan Nazarbayev* -> ``nasarbajew``) takes the dictionary's id,
type and category. Other names get a key-based id (``person:k.tokaov``, ``organisation:spo``,
``place:wien``) from :mod:`medialens.actors.variants`, so the spellings of one name fall together in an
article and across the corpus:

* a person's full name has the id ``person:<initial>.<surname key>``; a bare surname in the same
  article joins the full name with that surname seen before it (*Werner Faymann … Faymann*), else
  it keeps ``person:<surname key>`` (the corpus merge, :mod:`medialens.actors.merge`, joins it to the
  one full name of the corpus with that surname, if there is exactly one);
* organisations and places: the key of their words (genitive and adjective endings removed:
  *Grünen*/*Grüne*, *SPÖs*/*SPÖ*); a name of the outlet registry (``data/outlets.csv``) is the outlet
  (*STANDARD* -> *Der Standard*, type ``media``).

Each row says how it was linked (``link``): ``dictionary`` (a dictionary pattern), ``name`` (the first
mention of a discovered actor in the article), ``variant`` (another spelling or a shortened form).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from medialens import nlp
from medialens.actors import resources
from medialens.actors.lexicon import ActorDictionary, _load_actors, _words, actor_lexicon
from medialens.actors.rules.cues import NameSpan
from medialens.actors.variants import fold, name_key, person_key

NER_TYPE = {"PER": "person", "ORG": "organisation", "LOC": "place"}
#: Subtypes of dictionary organisations from their category.
CATEGORY_SUBTYPES = {
    "kz_government": "government", "kz_security": "government", "ru_government": "government",
    "foreign_government": "government", "international_organisation": "international",
    "media": "media", "civil_society": "ngo",
}


@dataclass(frozen=True, slots=True)
class Found:
    """A mention before offsets: token span, actor and how it was linked."""

    start: int
    end: int
    link: str  # dictionary / name / variant / title / role / pronoun
    actor_id: str
    actor_type: str
    subtype: str
    category: str
    name: str


@dataclass(frozen=True)
class DictionaryNames:
    """Folded spellings of the dictionary's persons and organisations (for variants of their names)."""

    full: dict[tuple[str, str], str]  # (first-name initial, surname key) -> actor id
    surnames: dict[str, frozenset[str]]  # surname key -> actor ids having it
    safe: dict[str, str]  # surname key of a non-anaphoric one-word pattern -> actor id
    bodies: dict[str, str]  # name key of an organisation or place phrase -> actor id


def dictionary_names(dictionary: ActorDictionary) -> DictionaryNames:
    """The folded spellings of a dictionary (computed once per dictionary file)."""
    return _dictionary_names(dictionary.path)


@lru_cache(maxsize=4)
def _dictionary_names(path: str) -> DictionaryNames:
    dictionary = _load_actors(path)
    full: dict[tuple[str, str], str] = {}
    surnames: dict[str, set[str]] = defaultdict(set)
    safe: dict[str, str] = {}
    bodies: dict[str, str] = {}
    for line in dictionary.lines:
        if line.pattern.startswith("[") or line.role or line.common_noun:
            continue
        actor = dictionary.actors[line.id]
        words = _words(line.pattern)
        if actor.type != "person":
            bodies.setdefault(name_key(words, resources.adjective_stems()), line.id)
            continue
        initial, surname = person_key(words)
        surnames[surname].add(line.id)
        if len(words) >= 2:
            full.setdefault((initial, surname), line.id)
        elif not line.anaphoric:
            safe.setdefault(surname, line.id)
    return DictionaryNames(full, {k: frozenset(v) for k, v in surnames.items()}, safe, bodies)


def genitive_stem(doc: nlp.Document, end: int, word: str, seen: set[str]) -> str:
    """The name word without a genitive ``-s``: only before a noun (*Putins Sprecher*) or when the
    article also has the bare form (*Tokajew … Tokajews*); *Reuters meldete* keeps its ``s``."""
    if not word.endswith("s") or len(word) <= 3 or word.endswith(("ss", "'s")):
        return word[:-1] if word.endswith("'") else word
    if word[:-1] in seen:
        return word[:-1]
    nxt = doc.tokens[end] if end < len(doc.tokens) else None
    if nxt is not None and nxt.sentence == doc.tokens[end - 1].sentence and nxt.pos in ("NN", "NE"):
        return word[:-1]
    return word


class ArticleActors:
    """Links the discovered names of one article to actors (see the module docstring)."""

    def __init__(self, doc: nlp.Document, dictionary: ActorDictionary, named: Iterable[str],
                 outlets: Mapping[str, tuple[str, str, str]]):
        self.doc = doc
        self.dictionary = dictionary
        self.names = dictionary_names(dictionary)
        self.named = set(named)  # dictionary actors named in the article (by a dictionary pattern)
        self.outlets = outlets
        self.full_by_surname: dict[str, tuple[str, str]] = {}
        self.seen_ids: set[str] = set()
        self.by_key: dict[str, Found] = {}
        self.seen_words = {t.text for t in doc.tokens if t.pos in ("NE", "FM", "NN")}

    def words(self, span: NameSpan) -> list[str]:
        tokens = self.doc.tokens[span.start : span.end]
        words = [t.text for t in tokens]
        words[-1] = genitive_stem(self.doc, span.end, words[-1], self.seen_words)
        return words

    def link(self, span: NameSpan) -> Found | None:
        """The actor of a discovered name span (``None`` for derived or untyped spans)."""
        kind = NER_TYPE.get(span.label)
        if kind is None:
            return None
        words = self.words(span)
        key = name_key(words, resources.adjective_stems())
        if key in self.by_key:  # the same name typed otherwise before (*die Reederei Maersk … Maersks*)
            earlier = self.by_key[key]
            return replace(earlier, start=span.start, end=span.end, link="variant")
        found = self._person(span, words) if kind == "person" else self._body(span, words, kind)
        self.by_key.setdefault(key, found)
        return found

    def _found(self, span: NameSpan, actor_id: str, kind: str, subtype: str, name: str, link: str = "") -> Found:
        if not link:
            link = "variant" if actor_id in self.seen_ids else "name"
        self.seen_ids.add(actor_id)
        return Found(span.start, span.end, link, actor_id, kind, subtype, "", name)

    def _dictionary(self, span: NameSpan, actor_id: str) -> Found:
        actor = self.dictionary.actors[actor_id]
        subtype = "media" if actor.type == "media" else CATEGORY_SUBTYPES.get(actor.category, "")
        self.named.add(actor_id)
        return Found(span.start, span.end, "variant", actor_id, actor.type,
                     subtype if actor.type != "person" else "", actor.category, actor.canonical)

    def _person(self, span: NameSpan, words: list[str]) -> Found:
        outlet = self._outlet(words)
        if outlet is not None:
            return self._found(span, *outlet)
        initial, surname = person_key(words)
        known = self._dictionary_person(initial, surname, len(words))
        if known is not None:
            return self._dictionary(span, known)
        if len(words) >= 2:
            actor_id = f"person:{initial}.{surname}"
            self.full_by_surname[surname] = (actor_id, " ".join(words))
            return self._found(span, actor_id, "person", "", " ".join(words))
        if surname in self.full_by_surname:
            actor_id, name = self.full_by_surname[surname]
            return self._found(span, actor_id, "person", "", name, "variant")
        return self._found(span, f"person:{surname}", "person", "", words[0])

    def _dictionary_person(self, initial: str, surname: str, n_words: int) -> str | None:
        names = self.names
        if n_words >= 2:
            return names.full.get((initial, surname))
        if surname in names.safe:
            return names.safe[surname]
        named = [a for a in names.surnames.get(surname, ()) if a in self.named]
        return named[0] if len(named) == 1 else None

    def _body(self, span: NameSpan, words: list[str], kind: str) -> Found:
        outlet = self._outlet(words) if kind == "organisation" else None
        if outlet is not None:
            return self._found(span, *outlet)
        key = name_key(words, resources.adjective_stems())
        if key in self.names.bodies:
            return self._dictionary(span, self.names.bodies[key])
        subtype = org_subtype(words) if kind == "organisation" else ""
        actor_type = "media" if subtype == "media" else kind
        return self._found(span, f"{kind}:{key}", actor_type, subtype, " ".join(words))

    def institutions(self, covered: set[int]) -> list[Found]:
        """Institution nouns: a compound naming a body by an organisation head of ``org_nouns.tsv``
        (*das Gesundheitsministerium*, *die Bundesregierung*, *im Landesgericht*) after an article,
        adjective or preposition with article; a plain head (*das Ministerium*) refers back instead."""
        out = []
        tokens = self.doc.tokens
        for k, tok in enumerate(tokens):
            if k in covered or k == 0 or tok.pos != "NN" or tokens[k - 1].pos not in ("ART", "ADJA", "APPRART"):
                continue
            word = tok.text[:-1] if tok.text.endswith("s") and not tok.text.endswith("ss") else tok.text
            head = institution_head(word)
            if head is None or len(word) < len(head) + 4 or "-" in word:
                continue
            span = NameSpan(k, k + 1, "ORG", "institution", "")
            out.append(self._found(span, f"organisation:{fold(word)}", "organisation", org_subtype([word]), word))
        return out

    def _outlet(self, words: Sequence[str]) -> tuple[str, str, str, str] | None:
        hit = self.outlets.get(" ".join(words).casefold())
        if hit is None:
            return None
        return f"media:{name_key(_words(hit[0]))}", "media", "media", hit[0]


def institution_head(word: str) -> str | None:
    """The organisation head (``head:`` line of ``org_nouns.tsv``) a capitalised compound ends in."""
    lower = word.lower()
    for _, kind, value in actor_lexicon().org_nouns.values():
        if kind == "head" and lower.endswith(value):
            return value
    return None


def org_subtype(words: Sequence[str]) -> str:
    """Subtype of an organisation from the words of its name (``data/lexicons/actors/org_subtypes.tsv``)."""
    lowered = [w.lower()[:-1] if w.lower().endswith("s") and len(w) > 4 else w.lower() for w in words]
    exact = {w.lower() for w in words} | set(lowered)
    for cue, subtype in actor_lexicon().subtype_cues:
        if cue.startswith("-"):
            if any(w.endswith(cue[1:]) for w in lowered):
                return subtype
        elif cue in exact:
            return subtype
    return ""
