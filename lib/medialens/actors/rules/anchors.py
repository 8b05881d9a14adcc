"""Anchors for coreference: what the named mentions of an article tell about gender, number and roles.

A person's gender comes from a first name that Faker lists for one gender only, or from a feminine
title (*Ministerin*); the roles from the title the article put before the name (*Präsident Tokajew*,
*Bundeskanzler Werner Faymann*) and, for dictionary actors, the role lines of the dictionary
(*Kremlchef*, *Präsident*). An organisation's gender is the article before its first mention
(*die OVKS*, *das Ministerium*; *der* is also the feminine genitive, so it gives none); its roles are the organisation nouns of
``data/lexicons/actors/org_nouns.tsv`` whose head or subtype it has (*das Ministerium* ->
*Innenministerium*; *die Partei* -> a party).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Sequence

from medialens import nlp
from medialens.actors import resources
from medialens.actors.lexicon import ActorDictionary, _load_actors, actor_lexicon
from medialens.actors.rules.coref import Anchor, _qualifiers
from medialens.actors.rules.cues import _cue

#: Forms of address: a title for a name, but no role another phrase can refer back with.
ADDRESS = frozenset("herr herrn frau fräulein dr. prof. professor sir lord lady mister mr. mrs. ms. monsieur madame don".split())
#: Gender from the article before an organisation's name; "der" is left out (masculine nominative or
#: feminine genitive/dative: *der Partei*).
_ARTICLE_GENDER = {"die": "f", "das": "n"}


def person_role(word: str) -> tuple[str, str] | None:
    """Role key and gender of a person role noun (``Präsidentin`` -> (``präsident``, ``f``)), else ``None``."""
    lower = word.lower()
    if lower in ADDRESS or not word[:1].isupper() or not _cue(word, "person_titles.txt"):
        return None
    gender = "f" if lower.endswith(("in", "innen")) else ""
    for ending in ("innen", "in", "en", "n", "s", "es"):
        stem = word[: len(word) - len(ending)]
        if lower.endswith(ending) and len(stem) >= 4 and _cue(stem, "person_titles.txt"):
            return lower[: -len(ending)], gender
    return lower, gender


def org_role(word: str) -> str | None:
    """Key of an organisation noun of ``org_nouns.tsv`` (``Ministeriums`` -> ``ministerium``), else ``None``."""
    lower = word.lower()
    nouns = actor_lexicon().org_nouns
    for form in (lower, lower[:-1] if lower.endswith("s") else lower, lower[:-2] if lower.endswith("es") else lower):
        if form in nouns:
            return form
    return None


def role_of(word: str) -> str | None:
    """Role key of a person role noun or organisation noun."""
    role = person_role(word)
    return role[0] if role else org_role(word)


def dictionary_roles(dictionary: ActorDictionary, period=None) -> dict[str, frozenset[str]]:
    """Actor id -> the role nouns its dictionary role lines give it (``tokajew`` -> ``präsident`` …).

    With an article ``period`` (:func:`medialens.actors.offices.article_period`), only offices held
    then; a line with a term and no period counts (the holder is named: the anchor is that name).
    """
    return _dictionary_roles(dictionary.path, period)


@lru_cache(maxsize=256)
def _dictionary_roles(path: str, period=None) -> dict[str, frozenset[str]]:
    from medialens.actors.offices import OUTSIDE, in_term

    out: dict[str, set[str]] = {}
    for line in _load_actors(path).lines:
        if not line.role or in_term(line.valid_from, line.valid_to, period) == OUTSIDE:
            continue
        if line.pattern.startswith("["):
            pattern = json.loads(line.pattern)
            if len(pattern) != 1:
                continue
            forms = list(pattern[0].values())[0]
            forms = forms["IN"] if isinstance(forms, dict) else [forms]
        else:
            forms = [line.pattern]
        out.setdefault(line.id, set()).add(min(forms, key=len).lower())
    return {k: frozenset(v) for k, v in out.items()}


def _person_anchor(doc: nlp.Document, row, words: list[str], dictionary: ActorDictionary,
                   period=None) -> tuple[Anchor, tuple]:
    tokens = doc.tokens
    gender = resources.name_gender(words[0]) if len(words) > 1 else ""
    roles: set[str] = set(dictionary_roles(dictionary, period).get(row.actor_id, ()))
    qualifiers: tuple[str, ...] = ()
    sentence_start = doc.sentences[tokens[row.start].sentence].token_start
    k = row.start - 1
    title = person_role(tokens[k].text) if k >= sentence_start else None
    if title:
        roles.add(title[0])
        gender = gender or title[1]
        j = k
        while j - 1 >= sentence_start and tokens[j - 1].pos == "ADJA":
            j -= 1
        qualifiers = _qualifiers(tokens, j, k)
    anchor = Anchor(row.start, row.end, row.actor_id, "person", gender, False, " ".join(words), frozenset(roles))
    return anchor, qualifiers


def _body_anchor(doc: nlp.Document, row, words: list[str]) -> Anchor:
    tokens = doc.tokens
    prev = tokens[row.start - 1].text.lower() if row.start else ""
    gender = _ARTICLE_GENDER.get(prev, "")
    plural = row.actor_type == "group" or (prev == "die" and words[-1].endswith("en"))
    roles = set()
    last = words[-1].lower()
    for noun, (_, kind, value) in actor_lexicon().org_nouns.items():
        if (kind == "head" and last.endswith(value)) or (kind == "subtype" and row.subtype == value):
            roles.add(noun)
    actor_type = "person" if row.actor_type == "person" else "organisation"
    return Anchor(row.start, row.end, row.actor_id, actor_type, gender, plural, " ".join(words), frozenset(roles))


def anchors_of(doc: nlp.Document, rows: Sequence, dictionary: ActorDictionary,
               period=None) -> tuple[list[Anchor], dict]:
    """Anchors of the named mentions (places left out) and the qualifiers of each person's title
    (dictionary roles only for offices held in the article's ``period``)."""
    out: list[Anchor] = []
    qualifiers: dict[Anchor, tuple[str, ...]] = {}
    for row in rows:
        if row.actor_type in ("place", "state"):
            continue
        words = [t.text for t in doc.tokens[row.start : row.end]]
        if row.actor_type == "person":
            anchor, quals = _person_anchor(doc, row, words, dictionary, period)
            qualifiers[anchor] = quals
        else:
            anchor = _body_anchor(doc, row, words)
        out.append(anchor)
    return out, qualifiers
