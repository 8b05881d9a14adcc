"""Agreement of the fast pipeline with the exact one (``medialens bench --agreement``).

Both pipelines process the same articles; tokens are aligned by their character span. Reported:

* tokens: share of the exact pipeline's tokens the fast one has with the same span, and sentence starts
  both pipelines put at the same character;
* POS / lemma / both on **content words** (the exact pipeline tags them ``NN NE ADJA ADJD ADV VVFIN VVIMP
  VVINF VVIZU VVPP``; a token the fast pipeline splits differently counts as a disagreement) and on all
  tokens.

The acceptance rule of issue 17: both-agreement on content words >= 98 % (and every ``medialens eval``
figure within 0.005 of the exact pipeline's, which ``benchmarks/eval_exact.py`` compares).
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

import pandas as pd

#: STTS tags of content words (nouns, names, adjectives, adverbs, full verbs).
CONTENT_TAGS = frozenset({"NN", "NE", "ADJA", "ADJD", "ADV", "VVFIN", "VVIMP", "VVINF", "VVIZU", "VVPP"})


def _tokens(pairs: Sequence[tuple[str, str]], name: str) -> dict:
    from medialens import nlp

    out = {}
    with nlp.pipeline_used(name):
        for aid, text in pairs:
            doc = nlp.process(aid, text, cache=False)
            out[aid] = ([(t.start, t.end, t.pos, t.lemma) for t in doc.tokens], [s.start for s in doc.sentences])
        nlp.flush_words()
    return out


def compare_texts(pairs: Sequence[tuple[str, str]]) -> Counter:
    """Counts comparing the two pipelines on ``(article_id, text)`` pairs (a worker task)."""
    exact, fast = _tokens(pairs, "exact"), _tokens(pairs, "fast")
    counts: Counter = Counter()
    for aid, (tokens, starts) in exact.items():
        fast_tokens, fast_starts = fast[aid]
        by_span = {(a, b): (pos, lemma) for a, b, pos, lemma in fast_tokens}
        counts["sentences_exact"] += len(starts)
        counts["sentences_fast"] += len(fast_starts)
        counts["sentence_starts_same"] += len(set(starts) & set(fast_starts))
        counts["tokens_fast"] += len(fast_tokens)
        for a, b, pos, lemma in tokens:
            got = by_span.get((a, b))
            scope = ("all", "content") if pos in CONTENT_TAGS else ("all",)
            for s in scope:
                counts[f"{s}_tokens"] += 1
                counts[f"{s}_span"] += got is not None
                counts[f"{s}_pos"] += got is not None and got[0] == pos
                counts[f"{s}_lemma"] += got is not None and got[1] == lemma
                counts[f"{s}_both"] += got is not None and got == (pos, lemma)
    return counts


def agreement(articles: pd.DataFrame, *, n_jobs: int = 1, batch: int = 25, progress: bool = True) -> dict:
    """Agreement figures of the fast pipeline with the exact one on ``articles`` (``article_id``, ``text``)."""
    from medialens.annotate import process_pool
    from medialens.progress import progress_bar

    pairs = list(zip(articles["article_id"].astype(str), articles["text"]))
    batches = [pairs[k : k + batch] for k in range(0, len(pairs), batch)]
    bar = progress_bar(len(pairs), progress, desc="Exact and fast pipelines", unit="article")
    total: Counter = Counter()
    if n_jobs > 1 and len(batches) > 1:
        with process_pool(n_jobs) as pool:
            for b, counts in zip(batches, pool.map(compare_texts, batches)):
                total.update(counts)
                bar.update(len(b))
    else:
        for b in batches:
            total.update(compare_texts(b))
            bar.update(len(b))
    bar.close()
    out: dict = {"articles": len(pairs), "tokens_exact": total["all_tokens"], "tokens_fast": total["tokens_fast"],
                 "sentences_exact": total["sentences_exact"], "sentences_fast": total["sentences_fast"],
                 "sentence_starts_same": total["sentence_starts_same"]}
    for scope in ("content", "all"):
        n = total[f"{scope}_tokens"] or 1
        out[scope] = {"tokens": total[f"{scope}_tokens"],
                      **{k: round(total[f"{scope}_{k}"] / n, 5) for k in ("span", "pos", "lemma", "both")}}
    return out


def format_agreement(result: dict) -> str:
    c, a = result["content"], result["all"]
    return "\n".join([
        f"fast vs exact pipeline on {result['articles']} articles",
        f"  tokens: exact {result['tokens_exact']}, fast {result['tokens_fast']}, same span {a['span']:.2%}",
        f"  sentences: exact {result['sentences_exact']}, fast {result['sentences_fast']}, "
        f"same start {result['sentence_starts_same'] / max(1, result['sentences_exact']):.2%}",
        f"  content words ({c['tokens']}): POS {c['pos']:.2%}, lemma {c['lemma']:.2%}, both {c['both']:.2%}"
        f"  (target >= 98%: {'met' if c['both'] >= 0.98 else 'MISSED'})",
        f"  all tokens ({a['tokens']}): POS {a['pos']:.2%}, lemma {a['lemma']:.2%}, both {a['both']:.2%}",
    ])
