"""German text pipeline.

Paragraphs -> sentences and tokens with character offsets into the article text -> STTS part-of-speech
tags and lemmas. The only package that loads SoMaJo, HanTa or spaCy; every loader is lazy and runs once
per process. Parts:

* :mod:`~medialens.nlp.document` -- :class:`Document`, :class:`Token`, :class:`Sentence`, the generic
  sentences table, documents built without a tagger (:func:`document_from_triples`);
* :mod:`~medialens.nlp.processing` -- :func:`process` / :func:`process_corpus`, the per-text cache, the
  two pipelines (``fast``, the default, and ``exact``);
* :mod:`~medialens.nlp.tokenizer` -- the fast tokeniser and SoMaJo's sentence-splitting rule;
* :mod:`~medialens.nlp.tagger` -- HanTa's Viterbi over memoised word analyses, compound heads for
  unknown words (fast pipeline only);
* :mod:`~medialens.nlp.words` -- the word analyses persisted on disk and the seed of frequent forms.

The fast pipeline is an approximation of the exact one (SoMaJo + HanTa), accepted because every
``medialens eval`` figure moves by at most 0.005 and POS/lemma agreement on content words of the 10kGNAD
articles is at least 98 % (``medialens bench --agreement``; README "Performance"). ``MEDIALENS_NLP=exact``
(or :func:`use_pipeline`) runs the exact pipeline, e.g. ``MEDIALENS_NLP=exact medialens eval attribution``.

Invariant (tested): ``doc.text[t.start:t.end] == t.text`` for every token ``t``.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator, Sequence

import pandas as pd

from medialens.nlp import processing
from medialens.nlp.document import (  # noqa: F401
    MAX_TOKEN_CHARS, SENTENCE_COLUMNS, TOKEN_COLUMNS, Document, Sentence, Token, blank_german,
    document_from_rows, document_from_table, document_from_triples, long_tokens, sentences_frame,
)
from medialens.nlp.processing import (  # noqa: F401
    MAX_PIECE_CHARS, VERSIONS, _plain_tagger, _sentence_splitter, _stts, _tagger, flush_words, paragraphs,
    pieces, pipeline, process, process_corpus, reference_parts, reset_tagger_memo, text_hash,
)
from medialens.nlp.processing import document_from_words  # noqa: F401
from medialens.steps import Step

#: Version of the active pipeline's output (``nlp-4`` fast, ``nlp-3`` exact): part of the NLP cache path
#: and of every annotation store key, so switching pipelines never mixes their rows.
PIPELINE_VERSION = VERSIONS[pipeline()]


def use_pipeline(name: str) -> None:
    """Switch this process to the ``"fast"`` or ``"exact"`` pipeline (also sets :data:`PIPELINE_VERSION`).

    Also sets ``MEDIALENS_NLP``, so worker processes started afterwards (forked, from a fork server or a
    local dask cluster) use it too; remote dask workers need ``MEDIALENS_NLP`` in their own environment.
    """
    global PIPELINE_VERSION
    processing.set_pipeline(name)
    os.environ["MEDIALENS_NLP"] = name
    PIPELINE_VERSION = VERSIONS[name]


@contextmanager
def pipeline_used(name: str) -> Iterator[None]:
    """``with nlp.pipeline_used("exact"): ...`` -- the given pipeline inside the block."""
    before = pipeline()
    use_pipeline(name)
    try:
        yield
    finally:
        use_pipeline(before)


def _sentences_step(docs: Sequence[Document], articles: pd.DataFrame, tables) -> dict[str, pd.DataFrame]:
    """Annotate step: the sentences table, plus per article the number of tokens, sentences and tokens
    too long to analyse (``_stats``; :func:`medialens.annotate.run_annotation` reports the latter)."""
    stats = pd.DataFrame({
        "article_id": [d.article_id for d in docs],
        "tokens": pd.array([len(d.tokens) for d in docs], dtype="int64"),
        "sentences": pd.array([len(d.sentences) for d in docs], dtype="int64"),
        "long_tokens": pd.array([len(long_tokens(d)) for d in docs], dtype="int64"),
    })
    return {"sentences": sentences_frame(docs), "_stats": stats}


#: The NLP step of :mod:`medialens.annotate`: sentences of every article (the pipeline version is part
#: of every step's store key).
STEP = Step(
    name="sentences",
    run=_sentences_step,
    writes=("sentences", "_stats"),
    code=("medialens.nlp",),
)
