"""Rows: the ``mentions`` table of the actors step.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator, Mapping, NamedTuple, Sequence

import pandas as pd

from medialens import nlp
from medialens.german import FINITE_VERB_TAGS as _FINITE
from medialens.actors.candidates import candidates_per_article
from medialens.actors.lexicon import ActorDictionary, actor_lexicon, load_actors
from medialens.actors.offices import article_period, line_counts
from medialens.actors.rules.anchors import anchors_of, role_of
from medialens.actors.rules.coref import Anchor, link_generic_persons, link_pronouns, link_titles
from medialens.actors.rules.cues import NameSpan
from medialens.actors.rules.dictionary import _RawMatch, _dictionary_matches
from medialens.actors.rules.discovery import CATEGORY_SUBTYPES, ArticleActors, Found
from medialens.actors.rules.names import _recognize
from medialens.corpus.outlets import outlet_registry_view


#: Columns of the mentions table.
MENTION_COLUMNS = [
    "article_id",
    "sentence_index",
    "start",
    "end",
    "surface",
    "actor_id",
    "actor_type",
    "subtype",
    "category",
    "name",
    "link",
    "role",
]
#: How a mention was linked to its actor (the ``link`` column).
LINKS = ("dictionary", "name", "variant", "title", "role", "pronoun")


class Mention(NamedTuple):
    """One actor mention; ``start``/``end`` are character offsets into the article text.

    ``name`` is the actor's display name (the dictionary's canonical name, or the discovered name as
    written without a genitive -s); ``link`` says how the mention was linked to the actor (:data:`LINKS`).
    """

    article_id: str
    sentence_index: int
    start: int
    end: int
    surface: str
    actor_id: str
    actor_type: str
    subtype: str
    category: str
    name: str
    link: str
    role: str
    token_start: int
    token_end: int


def _source_spans(attributions: pd.DataFrame | None, article_id: str) -> list[tuple[int, int]]:
    if attributions is None or attributions.empty or "source_start" not in attributions:
        return []
    rows = attributions[attributions["article_id"] == article_id]
    out = []
    for a, b in zip(rows["source_start"], rows["source_end"]):
        if pd.notna(a) and pd.notna(b):
            out.append((int(a), int(b)))
    return out


def extract_mentions(
    doc: nlp.Document,
    attributions: pd.DataFrame | None = None,
    *,
    dictionary: ActorDictionary | None = None,
    discover: bool = True,
    date: str | None = None,
) -> Iterator[Mention]:
    """Actor mentions in one document, in text order.

    Args:
        doc: the processed article.
        attributions: the attributions table (``article_id, source_start, source_end`` used); a
            mention overlapping a source span of the same article gets ``role="source"``.
        dictionary: actor dictionary (default ``data/actors.jsonl``).
        discover: also the names the recogniser finds outside the dictionary, with their titles, role
            nouns and pronouns linked (:mod:`medialens.actors.rules.discovery`, ``…coref``); ``False``
            gives the dictionary's mentions only.
        date: the article's date (ISO, any precision); role lines with a term of office count only
            inside it, and in an undated article only when it names the holder (:mod:`medialens.actors.offices`).

    Yields:
        :class:`Mention` rows.
    """
    dictionary = dictionary or load_actors()
    if not doc.tokens:
        return
    raw = in_office(dictionary, _dictionary_matches(doc, dictionary), article_period(date))
    generic = _recognize(doc, False, dictionary, raw)
    found = dictionary_rows(doc, dictionary, raw, generic)
    if discover:
        found = discovered_rows(doc, dictionary, raw, generic, found)
        found = found + linked_rows(doc, found, dictionary, article_period(date))
    sources = _source_spans(attributions, doc.article_id)
    for row in sorted(found, key=lambda f: f.start):
        yield _mention(doc, row, sources)


def in_office(dictionary: ActorDictionary, raw: list[_RawMatch], period) -> list[_RawMatch]:
    """Dictionary matches without the role lines whose holder is not in office at the article's date.

    An undated article keeps a role line only when it names the holder elsewhere (a name line of the
    same actor matched); a match left without lines is dropped (:mod:`medialens.actors.offices`).
    """
    named = {dictionary.lines[k].id for m in raw for k in m.lines if not dictionary.lines[k].role}
    out = []
    for m in raw:
        kept = tuple(k for k in m.lines if line_counts(dictionary.lines[k], period, named))
        if kept:
            out.append(m if kept == m.lines else _RawMatch(m.start, m.end, kept))
    return out


def dictionary_rows(doc: nlp.Document, dictionary: ActorDictionary, raw: list[_RawMatch],
                    generic: Sequence[NameSpan]) -> list[Found]:
    """The dictionary's mentions (resolution rules in the package docstring), ``link`` dictionary/title."""
    person_starts = {s.start for s in generic if s.label == "PER"}
    for m in raw:
        if any(not dictionary.lines[k].role and dictionary.actors[dictionary.lines[k].id].type == "person" for k in m.lines):
            person_starts.add(m.start)
    resolved: list[tuple[_RawMatch, str, bool, bool]] = []  # match, actor, common noun, role
    last_seen: dict[str, int] = {}
    for m in raw:
        lines = [dictionary.lines[k] for k in m.lines]
        is_role = all(ln.role for ln in lines)
        if is_role and _title_or_apposition(doc, m, person_starts):
            continue
        actor_id, common = _resolve_lines(lines, last_seen)
        if actor_id is None or (resolved and _parenthesised_repeat(doc, resolved[-1][:2], m, actor_id)):
            continue
        resolved.append((m, actor_id, common, is_role))
        last_seen[actor_id] = m.start
    # Case scope: a common noun of a national actor ("Regierung", "Demonstranten" -> Kazakhstan) counts
    # only in an article that names something of that country (Kasachstan, Tokajew, Almaty, ...).
    named_countries = {dictionary.actors[a].country for _, a, common, _ in resolved if not common}
    out = []
    for m, actor_id, common, is_role in resolved:
        actor = dictionary.actors[actor_id]
        if common and actor.country and actor.country not in named_countries:
            continue
        subtype = "" if actor.type in ("person", "place", "state") else CATEGORY_SUBTYPES.get(actor.category, "")
        subtype = "media" if actor.type == "media" else subtype
        out.append(Found(m.start, m.end, "title" if is_role else "dictionary", actor_id, actor.type, subtype,
                         actor.category, actor.canonical))
    return out


def _resolve_lines(lines, last_seen: dict[str, int]) -> tuple[str | None, bool]:
    """The actor of a match's lines: a firm line's; for anaphoric lines only (``der Präsident``, a
    surname that is only safe after the full name) the one of their actors named nearest before."""
    firm = [ln for ln in lines if not ln.anaphoric]
    if firm:
        return firm[0].id, firm[0].common_noun and not firm[0].role
    named = [ln.id for ln in lines if ln.id in last_seen]
    if not named:
        return None, False
    return max(named, key=lambda a: last_seen[a]), False


def discovered_rows(doc: nlp.Document, dictionary: ActorDictionary, raw: list[_RawMatch],
                    generic: Sequence[NameSpan], found: list[Found]) -> list[Found]:
    """``found`` plus the recognised names outside the dictionary's matches, linked to actors."""
    covered: set[int] = set()
    for m in raw:
        covered.update(range(m.start, m.end))
    article = ArticleActors(doc, dictionary, {f.actor_id for f in found}, outlet_registry_view())
    out = list(found)
    for span in generic:
        if covered.intersection(range(span.start, span.end)):
            continue
        row = article.link(span)
        if row is not None:
            out.append(row)
            covered.update(range(span.start, span.end))
    out += article.institutions(covered)
    return sorted(out, key=lambda f: f.start)


def linked_rows(doc: nlp.Document, rows: list[Found], dictionary: ActorDictionary, period=None) -> list[Found]:
    """Titles, organisation nouns and pronouns linked to the named mentions (:mod:`…rules.coref`).

    ``period`` (:func:`medialens.actors.offices.article_period`): the dictionary's role nouns of a person
    count only for offices held then.
    """
    taken = {k for r in rows for k in range(r.start, r.end)}
    anchors, qualifiers = anchors_of(doc, rows, dictionary, period)
    by_id = {r.actor_id: r for r in rows}
    titles = link_titles(doc, anchors, role_of, taken, lambda a: qualifiers.get(a, ()))
    titles += link_generic_persons(doc, anchors, taken | {k for t in titles for k in range(t.start, t.end)})
    for link in titles:
        taken.update(range(link.start, link.end))
    gender = {a.actor_id: a.gender for a in anchors if a.gender}
    anchors = anchors + [Anchor(t.start, t.end, t.actor_id, t.actor_type, gender.get(t.actor_id, ""), False, "")
                         for t in titles]
    pronouns = link_pronouns(doc, anchors, actor_lexicon().pronouns, taken)
    out = []
    for link in titles + pronouns:
        actor = by_id[link.actor_id]
        kind = link.link if link.link == "pronoun" or actor.actor_type == "person" else "role"
        out.append(replace(actor, start=link.start, end=link.end, link=kind))
    return out


def _mention(doc: nlp.Document, row: Found, sources) -> Mention:
    cstart, cend = doc.tokens[row.start].start, doc.tokens[row.end - 1].end
    role = "source" if any(a < cend and cstart < b for a, b in sources) else "mentioned"
    return Mention(doc.article_id, doc.tokens[row.start].sentence, cstart, cend, doc.text[cstart:cend],
                   row.actor_id, row.actor_type, row.subtype, row.category, row.name, row.link, role,
                   row.start, row.end)


def _title_or_apposition(doc: nlp.Document, match: _RawMatch, person_starts: set[int]) -> bool:
    """Role directly before a person name, or followed by ``, <person>`` before any finite verb."""
    m = match
    tokens = doc.tokens
    sentence = doc.sentences[tokens[m.start].sentence]
    if m.end in person_starts:
        return True
    k = m.end
    while k < sentence.token_end and k < m.end + 10:
        tok = tokens[k]
        if tok.pos in _FINITE:
            return False
        if tok.text == "," and k + 1 in person_starts:
            return True
        k += 1
    return False


def _parenthesised_repeat(doc: nlp.Document, previous: tuple, match: _RawMatch, actor_id: str) -> bool:
    m = match
    prev, prev_id = previous
    tokens = doc.tokens
    return (
        prev_id == actor_id
        and m.start == prev.end + 1
        and tokens[prev.end].text == "("
        and m.end < len(tokens)
        and tokens[m.end].text == ")"
    )


def mentions_frame(
    docs: Iterable[nlp.Document],
    attributions: pd.DataFrame | None = None,
    *,
    dictionary: ActorDictionary | None = None,
    discover: bool = True,
    dates: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The mentions table for a set of documents (columns :data:`MENTION_COLUMNS`).

    ``dates``: article id -> date (see :func:`extract_mentions`); articles missing from it are undated.
    """
    dates = dates or {}
    rows = [
        m[: len(MENTION_COLUMNS)]
        for doc in docs
        for m in extract_mentions(doc, attributions, dictionary=dictionary, discover=discover,
                                  date=dates.get(str(doc.article_id)))
    ]
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return frame.astype({"sentence_index": "int64", "start": "int64", "end": "int64"})


def annotate_documents(
    docs: Sequence[nlp.Document], articles: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Annotate step: ``{"mentions": ..., "actor_candidates": ...}`` for some documents.

    Mentions get ``role="mentioned"`` here; the roles step (:mod:`medialens.actors.roles`) marks the
    mentions inside attributed sources after attribution has run. Candidates are per article (their
    ``example_article_id`` is the article); :func:`merge_candidates` merges them over the corpus.

    Returns:
        The mentions table (:data:`MENTION_COLUMNS`) and per-article candidates (:data:`CANDIDATE_COLUMNS`).
    """
    return {"mentions": mentions_frame(docs, dates=article_dates(articles)),
            "actor_candidates": candidates_per_article(docs)}


def article_dates(articles: pd.DataFrame | None) -> dict[str, str]:
    """Article id -> date (ISO text) of the articles that have one."""
    if articles is None or "date" not in articles or "article_id" not in articles:
        return {}
    return {str(a): str(d) for a, d in zip(articles["article_id"], articles["date"]) if isinstance(d, str) and d}
