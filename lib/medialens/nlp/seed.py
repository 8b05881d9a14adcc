"""Building the seed of word analyses (``medialens seed``): HanTa's exact analyses of frequent forms.

For each of the :data:`~medialens.nlp.words.SEED_WORDS` most frequent German forms of wordfreq, the
seed stores HanTa's ``analyze_forward`` result (unless the form is in HanTa's own lexicon) and the
lemma for every tag the sentence tagger can give it (the tags within HanTa's cut-off, capitalised or
not). Built once per HanTa model (minutes on two cores), it makes a cold run of a new corpus look most
words up instead of analysing them. The file is written as ``<name>.partial`` and renamed when
complete, so an interrupted build resumes and a half-built seed is never used.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Sequence

from medialens.nlp import words

_BATCH = 2_000


def _analyse(forms: Sequence[str]) -> tuple[dict, dict]:
    """Worker: exact analyses of some forms (forward results and lemmas of their candidate tags)."""
    from medialens.nlp import processing
    from medialens.nlp.tagger import Tagger

    seed, learned = processing.word_stores()
    tagger = Tagger(approximate=False, stores=(learned,), learned=None)
    tagger.prefetch(set(forms))
    forward, lemmas = {}, {}
    for form in forms:
        tags: set[int] = set()
        for upcase, casesensitive in ((False, False), (False, True), (True, True)):
            word = form[0].upper() + form[1:] if upcase else form
            tags.update(tagger.word_probs(word, casesensitive))
        if form not in tagger.model.cache:
            forward[form] = tagger.forward(form)
        tagger.prefetch_lemmas({(form, t) for t in tags})
        for tag in sorted(tags):
            if tag > 3:  # a POS tag (not EMPTY/START/END/UNKNOWN)
                lemmas[(form, tag)] = tagger.lemma(form, tag)
    return forward, lemmas


def _path() -> Path:
    from medialens.nlp import processing

    return processing.word_stores()[0].path


def build_seed(*, n_jobs: int = 1, progress: bool = True, limit: int | None = None) -> dict:
    """Build (or finish) the seed store; returns what was done (forms, seconds, path)."""
    from medialens.annotate import process_pool
    from medialens.progress import progress_bar

    final = _path()
    if final.exists():
        return {"path": str(final), "built": False, "forms": words.WordStore(final, writable=False).counts()[0]}
    partial = final.with_name(final.name + ".partial")
    store = words.WordStore(partial)
    forms = list(words.seed_forms(words.SEED_WORDS))[:limit]
    done = store.stored_words(forms) if partial.exists() else set()
    todo = [f for f in forms if f not in done]
    batches = [todo[k : k + _BATCH] for k in range(0, len(todo), _BATCH)]
    bar = progress_bar(len(todo), progress and bool(todo), desc="Seeding word analyses", unit="form")
    t0 = time.perf_counter()
    if n_jobs > 1 and len(batches) > 1:
        with process_pool(n_jobs) as pool:
            for batch, (forward, lemmas) in zip(batches, pool.map(_analyse, batches)):
                store.put(forward, lemmas)
                bar.update(len(batch))
    else:
        for batch in batches:
            store.put(*_analyse(batch))
            bar.update(len(batch))
    bar.close()
    store.finish()
    if limit is None:
        os.replace(partial, final)
    return {"path": str(final if limit is None else partial), "built": True, "forms": len(forms),
            "analysed": len(todo), "seconds": round(time.perf_counter() - t0, 1)}
