"""Actors: who appears in German news, under which names, and whether they speak.

:mod:`~medialens.actors.core` matches the actor dictionary and recognises names generically (the
``mentions`` and ``actor_candidates`` tables); :mod:`~medialens.actors.summary` aggregates them for
notebook 02. Charts are in :mod:`medialens.figures.charts.actors`.
"""

from __future__ import annotations

from medialens.actors.core import (  # noqa: F401
    MENTION_COLUMNS, CANDIDATE_COLUMNS, ACTORS_FILE, NER_TYPES, Actor, PatternLine, Mention, NameSpan,
    ActorDictionary, demonyms, gazetteer, load_actors, expand_pattern, recognize, recognize_sentences,
    recognize_entities, extract_mentions, mentions_frame, actor_candidates, merge_candidates,
    annotate_documents,
)
