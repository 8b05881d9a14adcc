"""Topic matches: which topic-dictionary words a sentence contains (the "topics" measure -- what a
sentence is about, not how it frames it). Overlaps are resolved per topic to the longest span; one
token may belong to two topics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from medialens import nlp
from medialens.framing.lexicon import TopicLexicon
from medialens.framing.rules.patterns import SentenceView, find_matches, resolve_overlaps
from medialens.framing.rules.voice import Voice

TOPIC_COLUMNS = [
    "article_id", "sentence_index", "topic", "matched", "start", "end", "pattern", "kind", "voice", "source_type",
]


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """One topic word (``start``/``end``: character offsets into the article)."""

    article_id: str
    sentence_index: int
    topic: str
    matched: str
    start: int
    end: int
    pattern: str
    kind: str
    voice: str
    source_type: str


def topic_rows(doc: nlp.Document, lexicon: TopicLexicon, voice: Voice, views: Sequence[SentenceView]) -> list[TopicMatch]:
    """The topic matches of one document, in text order."""
    rows = []
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent.index)
        found = resolve_overlaps(find_matches(views[sent.index], lexicon.patterns), key=lambda m: m.pattern.owner)
        for m in found:
            start, end = toks[m.first].start, toks[m.last].end
            att = voice.attributed(start, end)
            rows.append(TopicMatch(doc.article_id, sent.index, m.pattern.owner[0], doc.text[start:end], start, end,
                                   m.pattern.raw, m.pattern.kind, "attributed" if att else "own",
                                   att.source_type if att else ""))
    return sorted(rows, key=lambda r: (r.start, r.topic))
