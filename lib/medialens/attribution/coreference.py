"""Who a source phrase stands for: the actor the actors step linked it to.

Coreference exists once in medialens, in the actors step (:mod:`medialens.actors.rules.coref`): its
``mentions`` table links names to their variants, titles and organisation nouns to the actor the
article named (*der Präsident* -> Arman Beketow, *das Ministerium* -> the Gesundheitsministerium), and
pronouns to the nearest compatible antecedent (person/organisation, number, gender from first-name
lists and titles). Attribution reads those links: a source phrase takes the actor of the mention it
contains, and an anaphoric one (pronoun, title, organisation noun) also the source type of the
actor's named mention (:meth:`medialens.attribution.resolve.Resolver.refer`).

A person's actor is the dictionary's id when the dictionary knows the person, else the name as the
article wrote it (without genitive -s); a body's actor likewise.
"""

from __future__ import annotations

from typing import NamedTuple

#: ``link`` values of the mentions table whose phrase refers back to an actor named earlier.
ANAPHORIC_LINKS = frozenset({"title", "role", "pronoun"})

#: ``(start, end, actor, link, actor_type)``: character span of a mention, its actor (dictionary id
#: or display name), how the actors step linked it and the actor's type.
MentionSpan = tuple[int, int, str, str, str]


class Referent(NamedTuple):
    """The actor a source phrase stands for and that actor's source type (``None`` when untyped)."""

    actor: str
    source_type: str | None = None
