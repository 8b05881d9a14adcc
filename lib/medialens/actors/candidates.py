"""Candidates: recognised names the dictionary does not know, with counts and an example.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

import pandas as pd

from medialens import nlp
from medialens.actors.lexicon import ActorDictionary, load_actors
from medialens.actors.rules.dictionary import _dictionary_matches
from medialens.actors.rules.names import _recognize


#: Columns of the actor-candidates table.
CANDIDATE_COLUMNS = ["name", "type_guess", "count", "n_articles", "variants", "cue", "example_article_id", "example"]


def actor_candidates(
    docs: Iterable[nlp.Document], *, dictionary: ActorDictionary | None = None, min_count: int = 1
) -> pd.DataFrame:
    """Names recognised generically but not in the dictionary, with counts and an example.

    A surname linked to an earlier full name counts for the full name. The type guess is the most
    frequent type over the occurrences.

    Args:
        docs: processed documents.
        dictionary: actor dictionary (default ``data/actors.jsonl``).
        min_count: drop names seen fewer times.

    Returns:
        Columns :data:`CANDIDATE_COLUMNS`, most frequent first.
    """
    dictionary = dictionary or load_actors()
    counts: Counter = Counter()
    types: dict[str, Counter] = defaultdict(Counter)
    cues: dict[str, Counter] = defaultdict(Counter)
    variants: dict[str, set] = defaultdict(set)
    articles: dict[str, set] = defaultdict(set)
    example: dict[str, tuple[str, str]] = {}
    for doc in docs:
        if not doc.tokens:
            continue
        covered = set()
        raw = _dictionary_matches(doc, dictionary)
        for m in raw:
            covered.update(range(m.start, m.end))
        for s in _recognize(doc, False, dictionary, raw):
            if covered.intersection(range(s.start, s.end)):
                continue
            cstart, cend = doc.tokens[s.start].start, doc.tokens[s.end - 1].end
            counts[s.key] += 1
            types[s.key][s.label] += 1
            cues[s.key][s.cue] += 1
            variants[s.key].add(doc.text[cstart:cend])
            articles[s.key].add(doc.article_id)
            if s.key not in example:
                sent = doc.tokens[s.start].sentence
                example[s.key] = (doc.article_id, doc.sentence_text(sent))
    rows = []
    for key, n in counts.items():
        if n < min_count:
            continue
        rows.append(
            (
                key,
                types[key].most_common(1)[0][0],
                n,
                len(articles[key]),
                "|".join(sorted(variants[key])),
                cues[key].most_common(1)[0][0],
                example[key][0],
                example[key][1],
            )
        )
    frame = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    return frame.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)


def merge_candidates(per_article: pd.DataFrame) -> pd.DataFrame:
    """Corpus-wide candidates from per-article (or per-chunk) candidate rows in corpus order.

    Counts and article counts are summed and variants united; the type guess and cue come from the
    rows where the name is most frequent (earliest on ties); the example is the name's first occurrence
    in corpus order -- what one :func:`actor_candidates` call over the whole corpus gives. Vectorised
    (a loop over names took seconds on 1,000 articles).

    Args:
        per_article: concatenated :func:`actor_candidates` tables, in corpus order.

    Returns:
        One row per name (columns :data:`CANDIDATE_COLUMNS`), most frequent first.
    """
    columns = list(per_article.columns)
    if per_article.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    rows = per_article.reset_index(drop=True)
    rows["_row"] = range(len(rows))
    top = rows.sort_values(["count", "_row"], ascending=[False, True], kind="stable").drop_duplicates("name")
    top = top.set_index("name")
    first = rows.drop_duplicates("name").set_index("name")
    sums = rows.groupby("name", sort=False)[["count", "n_articles"]].sum()
    variants = (
        rows[["name", "variants"]]
        .assign(variants=rows["variants"].astype(str).str.split("|"))
        .explode("variants")
    )
    variants = variants[variants["variants"].notna() & (variants["variants"] != "")]
    variants = variants.drop_duplicates().sort_values(["name", "variants"]).groupby("name", sort=False)["variants"]
    joined = variants.agg("|".join)
    names = sums.index
    merged = pd.DataFrame(
        {
            "name": names.to_numpy(),
            "type_guess": top.loc[names, "type_guess"].to_numpy(),
            "count": sums["count"].astype("int64").to_numpy(),
            "n_articles": sums["n_articles"].astype("int64").to_numpy(),
            "variants": joined.reindex(names).fillna("").to_numpy(),
            "cue": top.loc[names, "cue"].to_numpy(),
            "example_article_id": first.loc[names, "example_article_id"].to_numpy(),
            "example": first.loc[names, "example"].to_numpy(),
        }
    )[columns]
    merged = merged.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)
    return merged.astype({c: "str" for c in columns if c not in ("count", "n_articles")})
