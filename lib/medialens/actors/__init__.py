"""Actors: who appears in German news, under which names, and whether they speak.

:mod:`~medialens.actors.core` matches the actor dictionary and recognises names generically (the
``mentions`` and ``actor_candidates`` tables); :mod:`~medialens.actors.roles` marks the mentions that are
the source of an attribution; :mod:`~medialens.actors.summary` aggregates them for notebook 02. Charts
are in :mod:`medialens.figures.charts.actors`. Annotation steps: :data:`STEP` (before attribution) and
:data:`ROLES_STEP` (after it).
"""

from __future__ import annotations

from medialens.actors.core import (  # noqa: F401
    MENTION_COLUMNS, CANDIDATE_COLUMNS, ACTORS_FILE, NER_TYPES, Actor, PatternLine, Mention, NameSpan,
    ActorDictionary, demonyms, gazetteer, load_actors, expand_pattern, recognize, recognize_sentences,
    recognize_entities, extract_mentions, mentions_frame, actor_candidates, merge_candidates,
    annotate_documents,
)
from medialens.actors.roles import (  # noqa: F401
    assign_roles, annotate_roles,
)
from medialens.steps import Aggregate, Step

#: Actors step: mentions (role "mentioned") and per-article candidates, merged over the corpus.
STEP = Step(
    name="actors",
    run=annotate_documents,
    writes=("mentions", "actor_candidates"),
    data=("actors.jsonl", "lexicons/names/*.txt"),
    code=("medialens.actors.core",),
    aggregates=(Aggregate("actor_candidates", "example_article_id", merge_candidates),),
)
#: Roles step (after attribution): a mention inside an attributed source span is ``role="source"``.
ROLES_STEP = Step(
    name="mention_roles",
    run=annotate_roles,
    writes=("mentions",),
    reads=("mentions", "attributions"),
    code=("medialens.actors.roles",),
)
