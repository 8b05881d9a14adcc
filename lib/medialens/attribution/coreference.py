"""Who a source phrase stands for: the actor the actors step linked it to.

Coreference exists once in medialens, in the actors step (:mod:`medialens.actors.rules.coref`): its
``mentions`` table links names to their variants, titles and organisation nouns to the actor the
article named (*der Präsident* -> Arman Beketow, *das Ministerium* -> the Gesundheitsministerium), and
pronouns to the nearest compatible antecedent (person/organisation, number, gender from first-name
lists and titles). Attribution reads those links: a source phrase takes the actor of the mention it
contains, and an anaphoric one (pronoun, title, organisation noun) also the source type of the
actor's named mention (:meth:`medialens.attribution.resolve.Resolver.refer`).

``source_actor`` holds the same ids as ``mentions.actor_id`` (``tokajew`` for a dictionary actor,
``person:a.beketov`` for a discovered one), so the attributions and mentions tables join on it; the
corpus-level surname merge of the actors step applies to both (:func:`medialens.attribution.rows.merge_source_actors`).

The actor of a source phrase is the actor of its *head*: in *Usbekistans Außenminister Bachtijor
Saidow* the name after the title (not the prenominal genitive), in *Die Verteidiger Strauss-Kahns* no
one the article names (the defenders are not Strauss-Kahn: a genitive or von-phrase after the head
names whose the head is), in *der Sprecher des Ministeriums* the ministry (a member role speaks for
the body in its genitive).
"""

from __future__ import annotations

from typing import NamedTuple

#: ``link`` values of the mentions table whose phrase refers back to an actor named earlier.
ANAPHORIC_LINKS = frozenset({"title", "role", "pronoun"})

class MentionSpan(NamedTuple):
    """A speaking actor's mention: character span, actor id (``mentions.actor_id``), how the actors step
    linked it, the actor's type, and whether the mention is written in the genitive (*Strauss-Kahns*)."""

    start: int
    end: int
    actor: str
    link: str
    actor_type: str
    genitive: bool = False


class Referent(NamedTuple):
    """The actor a source phrase stands for and that actor's source type (``None`` when untyped)."""

    actor: str
    source_type: str | None = None
