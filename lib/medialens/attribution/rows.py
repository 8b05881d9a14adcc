"""The attributions table: one row per attributed statement, built from processed documents."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import pandas as pd

from medialens import nlp
from medialens.attribution.lexicons import AttributionLexicon, load_lexicon
from medialens.attribution.coreference import MentionSpan
from medialens.attribution.resolve import Resolver
from medialens.attribution.rules import find_attributions
from medialens.attribution.sources import DEFAULT_HOME_COUNTRY, get_typer
from medialens.steps import Remap

#: The attribution forms (column ``form``).
FORMS = ("direct", "indirect", "according_to", "reported")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attributed statement. Offsets are character offsets into the article text."""

    article_id: str
    sentence_index: int
    form: str
    #: the rule that produced the row (see the README of ``data/lexicons/attribution``)
    rule: str
    quote_text: str | None
    quote_start: int | None
    quote_end: int | None
    source_text: str | None
    source_start: int | None
    source_end: int | None
    cue_text: str | None
    cue_start: int | None
    cue_end: int | None
    #: the recipient of the statement ("sagte der Zeitung", "gegenüber Reuters")
    addressee_text: str | None
    addressee_start: int | None
    addressee_end: int | None
    source_type: str
    source_actor: str | None
    via_text: str | None
    via_start: int | None
    via_end: int | None
    via_type: str | None
    anonymous: bool


#: Columns of the attributions table, in order.
COLUMNS = [f.name for f in fields(Attribution)]
_INT_COLUMNS = ("sentence_index", "quote_start", "quote_end", "source_start", "source_end", "cue_start", "cue_end",
                "addressee_start", "addressee_end", "via_start", "via_end")


def extract_attributions(
    doc: nlp.Document,
    *,
    outlets: pd.DataFrame | None = None,
    home_country: str | None = DEFAULT_HOME_COUNTRY,
    actors_file: Path | None = None,
    lexicon: AttributionLexicon | None = None,
    mentions: Sequence[MentionSpan] | None = None,
) -> Iterator[Attribution]:
    """Extract the attributions of one processed document.

    Args:
        doc: a document from :func:`medialens.nlp.process`.
        outlets: outlet registry (columns ``outlet``, ``aliases``, ``outlet_type``) used to type
            sources; ``None`` reads ``data/outlets.csv`` if present.
        home_country: ISO code of the country whose government counts as ``government``; other
            governments are ``foreign_government``.
        actors_file: actor dictionary JSONL for ``source_actor`` (default ``data/actors.jsonl`` if present).
        lexicon: attribution lexicons (default: ``data/lexicons/attribution``).
        mentions: ``(start, end, actor, link, actor_type)`` of the actors step's speaking mentions in this article
            (:func:`mention_spans`); a source phrase takes the actor of the mention it contains (titles,
            organisation nouns and pronouns are linked there). ``None``: the actors step is run on
            ``doc`` here (:mod:`medialens.attribution.coreference`).

    Yields:
        :class:`Attribution` rows in text order.

    Raises:
        ValueError: if ``doc`` is not a processed document.
    """
    if not isinstance(doc, nlp.Document):
        raise ValueError(f"extract_attributions needs an nlp.Document, got {type(doc).__name__}")
    if not doc.tokens:
        return
    lex = lexicon or load_lexicon()
    typer = get_typer(outlets, home_country=home_country, actors_file=actors_file)
    if mentions is None:
        from medialens.actors import load_actors, mentions_frame

        dictionary = load_actors(actors_file) if actors_file is not None else None
        mentions = mention_spans(mentions_frame([doc], dictionary=dictionary)).get(str(doc.article_id), [])
    resolver = Resolver(doc, typer, lex, mentions)
    for found in find_attributions(doc, lex):
        if resolver.keep(found):
            yield Attribution(**resolver.row(found))



def attributions_frame(docs: Iterable[nlp.Document], **kwargs) -> pd.DataFrame:
    """All attributions of the documents as a tidy table (one row per attribution).

    Args:
        docs: processed documents.
        **kwargs: passed to :func:`extract_attributions` (``outlets``, ``home_country``, ...).

    Returns:
        A DataFrame with :data:`COLUMNS`; offsets are nullable integers, missing spans are ``<NA>``.
    """
    return _frame([a for doc in docs for a in extract_attributions(doc, **kwargs)])


def _frame(attributions: Sequence[Attribution]) -> pd.DataFrame:
    """The table of some attributions (:data:`COLUMNS`, typed)."""
    df = pd.DataFrame([tuple(getattr(a, c) for c in COLUMNS) for a in attributions], columns=COLUMNS)
    for col in _INT_COLUMNS:
        df[col] = df[col].astype("Int64")
    for col in COLUMNS:
        if col not in _INT_COLUMNS and col != "anonymous":
            df[col] = df[col].astype("string")
    df["anonymous"] = df["anonymous"].astype(bool)
    return df


#: Actor types of the mentions table a source phrase can take its actor from (places and states only
#: as the head of the phrase: "Moskau warnte", see :meth:`medialens.attribution.resolve.Resolver.mention_at`).
SPEAKING_ACTOR_TYPES = frozenset({"person", "organisation", "media", "group", "place", "state"})


def mention_spans(mentions: pd.DataFrame | None) -> dict[str, list[MentionSpan]]:
    """The speaking actors' mentions per article (:class:`MentionSpan`), actors as ``mentions.actor_id``."""
    if mentions is None or mentions.empty:
        return {}
    rows = mentions[mentions["actor_type"].isin(SPEAKING_ACTOR_TYPES) & mentions["actor_id"].notna()]
    links = rows["link"] if "link" in rows else pd.Series("name", index=rows.index)
    surfaces = rows["surface"] if "surface" in rows else pd.Series("", index=rows.index)
    names = rows["name"] if "name" in rows else surfaces
    out: dict[str, list[MentionSpan]] = {}
    for article_id, start, end, actor, link, kind, surface, name in zip(
            rows["article_id"], rows["start"], rows["end"], rows["actor_id"], links, rows["actor_type"], surfaces, names):
        out.setdefault(str(article_id), []).append(
            MentionSpan(int(start), int(end), str(actor), str(link), str(kind), genitive_form(surface, name)))
    return out


def genitive_form(surface, name) -> bool:
    """Whether a mention is its actor's name with a genitive ending (*Strauss-Kahns*, *Tokajews*, *Paris'*)."""
    if not isinstance(surface, str) or not isinstance(name, str) or not surface or not name:
        return False
    word, base = surface.split()[-1], name.split()[-1]
    return word != base and word in (base + "s", base + "es", base + "'", base + "’", base + "'s")


def _source_facts(attributions: pd.DataFrame) -> set[str]:
    if attributions.empty or "source_actor" not in attributions:
        return set()
    return set(attributions["source_actor"].dropna().astype(str))


def _mention_facts(mentions: pd.DataFrame | None) -> set[str]:
    if mentions is None or "actor_id" not in mentions:
        return set()
    return set(mentions["actor_id"].dropna().astype(str))


def _source_mapping(facts: list[set[str]], mention_facts: Sequence[set[str]] = ()) -> dict[str, str]:
    from medialens.actors.merge import surname_targets

    return surname_targets(sorted(set().union(*facts, *mention_facts)))


def _apply_sources(attributions: pd.DataFrame, targets: dict[str, str]) -> pd.DataFrame:
    if attributions.empty or "source_actor" not in attributions:
        return attributions
    actors = attributions["source_actor"]
    moved = actors.isin(list(targets))
    if not moved.any():
        return attributions
    out = attributions.copy()
    out.loc[moved, "source_actor"] = actors[moved].map(targets)
    return out


#: The merge in parts, so that a corpus larger than memory is merged batch by batch.
SOURCE_ACTORS = Remap(_source_facts, _source_mapping, _apply_sources, read_facts=_mention_facts)


def merge_source_actors(attributions: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """The attributions table with the actors step's corpus-level surname merge applied to ``source_actor``.

    A bare surname (``person:faiman``) becomes the corpus's only full name with that surname
    (``person:v.faiman``), exactly as :func:`medialens.actors.merge_corpus_variants` merges the mentions,
    so both tables keep joining on the actor id.
    """
    return SOURCE_ACTORS.merge(attributions, mentions)


def annotate_documents(
    docs: Sequence[nlp.Document], articles: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Annotate protocol step: ``{"attributions": table}`` for a chunk of documents.

    Args:
        docs: processed documents of this chunk.
        articles: the articles table (unused: sources are typed from the text and the registry).
        tables: outputs of earlier steps: ``mentions`` (actors step) gives source phrases their actors.

    Returns:
        ``{"attributions": DataFrame}`` with :data:`COLUMNS` (empty, with the columns, for no documents).
    """
    by_article = mention_spans(tables.get("mentions"))
    return {"attributions": _frame([a for doc in docs
                                    for a in extract_attributions(doc, mentions=by_article.get(str(doc.article_id), []))])}
