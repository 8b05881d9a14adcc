"""Rows: the ``mentions`` table of the actors step.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Mapping, NamedTuple, Sequence

import pandas as pd

from medialens import nlp
from medialens.german import FINITE_VERB_TAGS as _FINITE
from medialens.actors.candidates import actor_candidates
from medialens.actors.lexicon import ActorDictionary, load_actors
from medialens.actors.rules.dictionary import _RawMatch, _dictionary_matches
from medialens.actors.rules.names import _NER_TO_TYPE, _recognize


#: Columns of the mentions table.
MENTION_COLUMNS = [
    "article_id",
    "sentence_index",
    "start",
    "end",
    "surface",
    "actor_id",
    "actor_type",
    "category",
    "role",
]


class Mention(NamedTuple):
    """One actor mention; ``start``/``end`` are character offsets into the article text."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    surface: str
    actor_id: str
    actor_type: str
    category: str
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
    include_candidates: bool = False,
) -> Iterator[Mention]:
    """Dictionary actor mentions in one document, in text order.

    Args:
        doc: the processed article.
        attributions: the attributions table (``article_id, source_start, source_end`` used); a
            mention overlapping a source span of the same article gets ``role="source"``.
        dictionary: actor dictionary (default ``data/actors.jsonl``).
        include_candidates: also yield generic names not in the dictionary, with
            ``actor_id="candidate:<name>"``, ``category="candidate"`` and type person/organisation/place.

    Yields:
        :class:`Mention` rows.
    """
    dictionary = dictionary or load_actors()
    tokens = doc.tokens
    if not tokens:
        return
    raw = _dictionary_matches(doc, dictionary)
    generic = _recognize(doc, False, dictionary, raw)
    person_starts = {s.start for s in generic if s.label == "PER"}
    for m in raw:
        lines = [dictionary.lines[k] for k in m.lines]
        if any(not ln.role and dictionary.actors[ln.id].type == "person" for ln in lines):
            person_starts.add(m.start)

    resolved: list[tuple[_RawMatch, str]] = []
    generic_noun: list[bool] = []
    last_seen: dict[str, int] = {}
    for m in raw:
        lines = [dictionary.lines[k] for k in m.lines]
        is_role = all(ln.role for ln in lines)
        if is_role and _title_or_apposition(doc, m, person_starts):
            continue
        firm = [ln for ln in lines if not ln.anaphoric]
        common = False
        if firm:
            actor_id = firm[0].id
            common = firm[0].common_noun and not firm[0].role
        else:
            # file order is priority: "der Präsident" is Tokajew once he was mentioned, even if Putin
            # was mentioned after him; it is Putin only in an article that has not named Tokajew
            candidates = [ln.id for ln in lines if ln.id in last_seen]
            if not candidates:
                continue
            actor_id = candidates[0]
        if resolved and _parenthesised_repeat(doc, resolved[-1], m, actor_id):
            continue
        resolved.append((m, actor_id))
        generic_noun.append(common)
        last_seen[actor_id] = m.start

    # Case scope: a common noun of a national actor ("Regierung", "Demonstranten" -> Kazakhstan) counts
    # only in an article that names something of that country (Kasachstan, Tokajew, Almaty, ...).
    named_countries = {dictionary.actors[a].country for (_, a), c in zip(resolved, generic_noun) if not c}
    sources = _source_spans(attributions, doc.article_id)
    rows: list[Mention] = []
    for (m, actor_id), common in zip(resolved, generic_noun):
        actor = dictionary.actors[actor_id]
        if common and actor.country and actor.country not in named_countries:
            continue
        rows.append(_mention(doc, m.start, m.end, actor_id, actor.type, actor.category, sources))
    if include_candidates:
        covered = set()
        for m in raw:
            covered.update(range(m.start, m.end))
        for s in generic:
            if covered.intersection(range(s.start, s.end)):
                continue
            rows.append(
                _mention(doc, s.start, s.end, f"candidate:{s.key}", _NER_TO_TYPE[s.label], "candidate", sources)
            )
        rows.sort(key=lambda r: r.start)
    yield from rows


def _mention(doc, start, end, actor_id, actor_type, category, sources) -> Mention:
    cstart, cend = doc.tokens[start].start, doc.tokens[end - 1].end
    role = "source" if any(a < cend and cstart < b for a, b in sources) else "mentioned"
    return Mention(
        doc.article_id,
        doc.tokens[start].sentence,
        cstart,
        cend,
        doc.text[cstart:cend],
        actor_id,
        actor_type,
        category,
        role,
        start,
        end,
    )


def _title_or_apposition(doc: nlp.Document, m: _RawMatch, person_starts: set[int]) -> bool:
    """Role directly before a person name, or followed by ``, <person>`` before any finite verb."""
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


def _parenthesised_repeat(doc: nlp.Document, previous: tuple[_RawMatch, str], m: _RawMatch, actor_id: str) -> bool:
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
    include_candidates: bool = False,
) -> pd.DataFrame:
    """The mentions table for a set of documents (columns :data:`MENTION_COLUMNS`)."""
    rows = [
        m[: len(MENTION_COLUMNS)]
        for doc in docs
        for m in extract_mentions(doc, attributions, dictionary=dictionary, include_candidates=include_candidates)
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
    per_article = [actor_candidates([doc]) for doc in docs]
    non_empty = [f for f in per_article if len(f)]
    candidates = pd.concat(non_empty, ignore_index=True) if non_empty else actor_candidates([])
    return {"mentions": mentions_frame(docs), "actor_candidates": candidates}
