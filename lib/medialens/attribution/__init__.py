"""Source attribution: who is cited, how, and as what kind of source.

Finds, in a processed German news article (:func:`medialens.nlp.process`), every statement attributed
to a source and returns one row per attribution with the source phrase, the cue, the content span,
the form (``direct``, ``indirect``, ``according_to``, ``reported``), the source type, relay chains
("A unter Berufung auf B": source B, via A) and an anonymity flag. Rules work on STTS tags and HanTa
lemmas; every word list is a data file in ``data/lexicons/attribution`` and ``data/lexicons/sources``.

The approach follows rule-based quotation extraction over tagged text (cf. the English quote
extractors of the Gender Gap Tracker, Asr et al. 2021, PLoS ONE 16(1)); the categories of the gold
data used to measure it are those of Petersen-Frey & Biemann (2024), LREC-COLING.

Spans (character offsets into the article text, end exclusive):

* ``quote_start``/``quote_end`` -- the content. ``direct``: the quotation including its marks.
  ``indirect``: the content clause without the final full stop (the dass/ob/w-clause, the Konjunktiv
  clause, the zu-infinitive, or for a postposed cue the clause before it); a Konjunktiv continuation
  covers whole sentences including their full stops, consecutive ones merged into one row.
  ``according_to``: the clause the cue is embedded in (the subordinate clause when the cue stands in
  one) -- it may include the cue and source phrase themselves (``laut X``, ``X zufolge``), which are
  not part of the content. ``reported``: the whole sentence.
* ``source_start``/``source_end`` -- the source phrase as written (may be a pronoun, "er", or a role
  noun, "der Präsident"; its actor and type then come from the referent it stands for, see
  :mod:`medialens.attribution.coreference`). Empty when the text names no source.
* ``cue_start``/``cue_end`` -- from the first to the last cue word. ``cue_text`` joins the cue words
  with " … " where they are not adjacent ("teilte … mit", "wie … berichtete").
* ``via_text``/``via_start``/``via_end``/``via_type`` -- the relaying source of a chain (``A unter
  Berufung auf B``, ``B laut A``, ``A zitierte B mit den Worten``).
* ``addressee_text``/``addressee_start``/``addressee_end`` -- the recipient ("sagte der Zeitung",
  "gegenüber Reuters", "im Gespräch mit X").

``rule`` names the rule that produced the row (see ``data/lexicons/attribution/README.md``);
``source_actor`` is the actor of the source phrase's head with the ids of ``mentions.actor_id`` (a
person when a person speaks, else the body; see :mod:`medialens.attribution.coreference`).

``anonymous`` is true when the text names no identifiable source: impersonal cues ("hieß es"),
agentless passives ("wurde mitgeteilt"), "wie bekannt wurde", unnamed circles and insiders
("aus Regierungskreisen"), and bare information nouns ("Berichten zufolge", "nach ersten Meldungen").
"""

from medialens.attribution.rows import (
    COLUMNS,
    FORMS,
    SOURCE_ACTORS,
    Attribution,
    annotate_documents,
    attributions_frame,
    extract_attributions,
    merge_source_actors,
)
from medialens.attribution.sources import SOURCE_TYPES
from medialens.steps import Aggregate, Step

__all__ = [
    "STEP",
    "Attribution",
    "COLUMNS",
    "FORMS",
    "SOURCE_TYPES",
    "annotate_documents",
    "attributions_frame",
    "extract_attributions",
    "merge_source_actors",
]


#: Attribution step of :mod:`medialens.annotate` (after actors, whose mentions give sources their actors).
STEP = Step(
    name="attribution",
    run=annotate_documents,
    writes=("attributions",),
    reads=("mentions",),
    data=("lexicons/attribution/*.tsv", "lexicons/sources/*.tsv", "lexicons/language/konjunktiv.tsv",
          "outlets.csv", "lexicons/outlets/ambiguous_names.txt", "actors.jsonl"),
    code=("medialens.attribution",),
    aggregates=(Aggregate("attributions", "article_id", merge_source_actors, reads=("mentions",),
                          remap=SOURCE_ACTORS),),
)
