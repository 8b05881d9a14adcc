"""Candidates: recognised names the dictionary does not know, with counts and an example.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from typing import Iterable

import pandas as pd

from medialens import nlp
from medialens.actors.lexicon import ActorDictionary, load_actors
from medialens.actors.rules.dictionary import _dictionary_matches
from medialens.actors.rules.names import _NER_TO_TYPE, _recognize


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
    return _frame(candidate_rows(docs, dictionary or load_actors(), min_count))


def candidates_per_article(docs: Iterable[nlp.Document], dictionary: ActorDictionary | None = None) -> pd.DataFrame:
    """:func:`actor_candidates` of each document on its own, concatenated in document order (one table
    built for all of them: the annotation step's per-article rows)."""
    dictionary = dictionary or load_actors()
    return _frame([row for doc in docs for row in candidate_rows([doc], dictionary)])


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


def candidate_rows(docs: Iterable[nlp.Document], dictionary: ActorDictionary, min_count: int = 1) -> list[tuple]:
    """The rows of :func:`actor_candidates` (:data:`CANDIDATE_COLUMNS`), most frequent first, then by name."""
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
    return sorted(rows, key=lambda row: (-row[2], row[0]))


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
    variants = variants.drop_duplicates().sort_values(["name", "variants"])
    by_name: dict[str, list[str]] = {}  # a plain loop: pandas joins group by group (0.5 s on 1,000 articles)
    for name, variant in zip(variants["name"].tolist(), variants["variants"].tolist()):
        by_name.setdefault(name, []).append(variant)
    names = sums.index
    merged = pd.DataFrame(
        {
            "name": names.to_numpy(),
            "type_guess": top.loc[names, "type_guess"].to_numpy(),
            "count": sums["count"].astype("int64").to_numpy(),
            "n_articles": sums["n_articles"].astype("int64").to_numpy(),
            "variants": ["|".join(by_name.get(name, ())) for name in names],
            "cue": top.loc[names, "cue"].to_numpy(),
            "example_article_id": first.loc[names, "example_article_id"].to_numpy(),
            "example": first.loc[names, "example"].to_numpy(),
        }
    )[columns]
    merged = merged.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)
    return merged.astype({c: "str" for c in columns if c not in ("count", "n_articles")})


def _slug(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
    return re.sub(r"[^a-z0-9]+", "_", name.translate(table).lower()).strip("_")


def dictionary_stubs(candidates: pd.DataFrame, n: int = 20) -> list[str]:
    """Draft ``data/actors.jsonl`` lines for the ``n`` most frequent candidates, one per name variant.

    The drafts are for review, not for pasting blindly: ``category`` and ``country`` are left empty,
    ``type`` is guessed from the recognizer's ``type_guess`` (PER -> person, ORG -> organisation, LOC
    -> place), and a wrong candidate (a common noun typed PER) is simply left out by the reviewer.
    Genitive forms need no line of their own (the matcher adds *-s*), so variants that are another
    variant plus ``s`` are skipped. A variant that is the surname of a multi-word person name gets
    ``"anaphoric": true`` (it then counts only after the full name, see ``data/actors/README.md``).

    Args:
        candidates: the ``actor_candidates`` table (most frequent first).
        n: how many candidates.

    Returns:
        JSON lines (strings).
    """
    lines = []
    for row in candidates.head(n).itertuples(index=False):
        name = str(row.name)
        actor_type = _NER_TO_TYPE.get(str(row.type_guess), "organisation")
        label = str(row.type_guess) if str(row.type_guess) in _NER_TO_TYPE else "ORG"
        variants = [v for v in str(row.variants).split("|") if v] or [name]
        forms = set(variants)
        kept = [name] + [v for v in variants if not (v.endswith("s") and v[:-1] in forms) and v != name]
        surname = name.split()[-1] if actor_type == "person" and len(name.split()) > 1 else None
        for pattern in dict.fromkeys(kept):
            entry = {"id": _slug(name), "label": label, "canonical": name, "type": actor_type, "category": "",
                     "country": "", "pattern": pattern}
            if pattern == surname:
                entry["anaphoric"] = True
            lines.append(json.dumps(entry, ensure_ascii=False))
    return lines
