"""Actors: who appears in German news, under which names, and whether they speak.

Two layers over a processed :class:`~medialens.nlp.Document`:

1. **Dictionary matching** (``data/actors.jsonl``, spaCy EntityRuler pattern lines with ``id``,
   ``label``, ``pattern`` plus ``canonical``, ``type``, ``category``, ``country``). String patterns are
   expanded for German inflection (genitive ``-s``/``-es`` on the last word, adjective endings
   ``-e/-en/-er/-es/-em``, upper-case headline forms); token patterns are used as written. The
   dictionary is compiled once into phrase tables (:mod:`medialens.actors.rules.phrase_table`: the
   matches of spaCy's ``PhraseMatcher`` without a spaCy ``Doc``; words as written for phrases,
   lower-cased for ``LOWER``/``ORTH`` token patterns; spaCy's token ``Matcher`` over ``doc.spacy_doc``
   only for patterns with other keys). Resolution rules, in this order:

   * longest match wins (``russische Präsidialamt`` beats ``Präsidialamt``);
   * a *role* line (``Präsident``, ``Kremlchef``) directly followed by a person name is a title and is
     dropped: ``Präsident Tokajew`` counts once, as Tokajew; so is a role followed, before any finite
     verb, by ``, <person>`` (apposition: ``Der Präsident der Republik, Kassym-Schomart Tokajew``);
   * an *anaphoric* line (``der Präsident``, a surname such as ``Michel`` that is only safe after the
     full name) counts only if one of its actors was mentioned earlier in the same article, and then
     resolves to the first of those actors in file order (``der Präsident`` is Tokajew once Tokajew
     was named; it is Putin only in an article that names Putin but not Tokajew);
   * a role line with a term of office (``valid_from``/``valid_to``) counts only for articles dated
     within it, and in an undated article only where the article names the holder
     (:mod:`~medialens.actors.offices`: *der US-Präsident* in 2016 is not Biden);
   * a repeat of the same actor inside parentheses right after a mention (``nationale
     Sicherheitskomitee (KNB)``) is the same mention and counts once;
   * case scope: a *common-noun* line of a national actor (``Regierung``, ``Innenministerium``,
     ``Demonstranten`` -> Kazakhstan) counts only in an article that names an actor of that country
     (``Kasachstan``, ``Tokajew``, ``Almaty`` ...), so Austrian news about "die Regierung" is not
     counted as the Kazakh government.

2. **Generic recognition** of names that are not in the dictionary, typed PER / ORG / LOC without a
   trained NER model: HanTa ``NE``/``FM`` tags form candidate runs; gazetteers (pycountry's German
   ISO 3166 names, the project's own city, region, organisation and first-name lists under
   ``data/lexicons/names/``), title and role cues, organisation and place suffixes, acronyms and
   a list of capitalised words that are not names type them. A surname that repeats a full person
   name found earlier in the article is linked to it. These spans feed the candidate list a
   researcher uses to extend the dictionary, and ``medialens eval ner`` (GermEval 2014, Benikova et
   al. 2014) measures them.

Tables: ``mentions`` (``article_id, sentence_index, start, end, surface, actor_id, actor_type,
category, role``), ``actor_candidates`` and sentence co-occurrence counts (CSV and GraphML).

Package layout: :mod:`~medialens.actors.lexicon` (the dictionary and the name lexicons),
:mod:`~medialens.actors.rules` (``dictionary`` matching, name ``cues``, generic recognition in ``names``,
GermEval's ``derived`` classes), :mod:`~medialens.actors.words` (recognition over pre-tokenised
sentences), :mod:`~medialens.actors.rows` (the ``mentions`` table and the annotate step),
:mod:`~medialens.actors.candidates`, :mod:`~medialens.actors.roles` (source/mentioned, after
attribution) and :mod:`~medialens.actors.summary` (aggregations for notebook 02; charts are in
:mod:`medialens.figures.charts.actors`). Annotation steps: :data:`STEP` (before attribution) and
:data:`ROLES_STEP` (after it).
"""

from __future__ import annotations

from medialens.actors.candidates import CANDIDATE_COLUMNS, actor_candidates, merge_candidates  # noqa: F401
from medialens.actors.lexicon import ACTORS_FILE, Actor, ActorDictionary, PatternLine, demonyms, gazetteer, load_actors  # noqa: F401
from medialens.actors.merge import VARIANTS, merge_corpus_variants  # noqa: F401
from medialens.actors.rows import LINKS, MENTION_COLUMNS, Mention, annotate_documents, extract_mentions, mentions_frame  # noqa: F401
from medialens.actors.rules.cues import NameSpan  # noqa: F401
from medialens.actors.rules.dictionary import expand_pattern  # noqa: F401
from medialens.actors.rules.names import NER_TYPES, recognize  # noqa: F401
from medialens.actors.words import recognize_entities, recognize_sentences  # noqa: F401
from medialens.actors.roles import (  # noqa: F401
    assign_roles, annotate_roles,
)
from medialens.steps import Aggregate, Step

#: Actors step: mentions (role "mentioned") and per-article candidates, merged over the corpus.
STEP = Step(
    name="actors",
    run=annotate_documents,
    writes=("mentions", "actor_candidates"),
    data=("actors.jsonl", "lexicons/names/*.txt", "lexicons/actors/*.tsv", "outlets.csv", "lexicons/attribution/verbs.tsv"),
    code=("medialens.actors.rows", "medialens.actors.candidates", "medialens.actors.merge"),
    aggregates=(
        Aggregate("actor_candidates", "example_article_id", merge_candidates, key="name", top="count"),
        Aggregate("mentions", "article_id", merge_corpus_variants, remap=VARIANTS),
    ),
)
#: Roles step (after attribution): a mention inside an attributed source span is ``role="source"``.
ROLES_STEP = Step(
    name="mention_roles",
    run=annotate_roles,
    writes=("mentions",),
    reads=("mentions", "attributions"),
    code=("medialens.actors.roles",),
)
