"""Corpus-level merge of discovered persons: a bare surname joins the one full name with that surname.

Within an article, *Faymann* after *Werner Faymann* is already the same actor (discovery links it).
Across the corpus, an article that only says *Faymann* has the id ``person:faiman``; when the corpus
has exactly one full name with that surname key (``person:v.faiman``), the bare surname is that person
(``link`` ``variant``). A surname shared by two full names of the corpus (*Ralf* and *Michael
Schumacher*) stays its own actor: the article did not say which of them it means.

This is the :class:`~medialens.steps.Aggregate` merge of the ``mentions`` table: it runs on the rows
of the whole corpus after annotation (stored per article), so the result does not depend on chunks.
"""

from __future__ import annotations

import pandas as pd

PERSON = "person:"


def surname_targets(actor_ids) -> dict[str, str]:
    """``person:faiman`` -> ``person:v.faiman`` when exactly one full-name id has that surname key."""
    full: dict[str, list[str]] = {}
    for actor_id in actor_ids:
        rest = actor_id[len(PERSON):] if actor_id.startswith(PERSON) else ""
        if "." in rest:
            full.setdefault(rest.split(".", 1)[1], []).append(actor_id)
    out = {}
    for actor_id in actor_ids:
        rest = actor_id[len(PERSON):] if actor_id.startswith(PERSON) else None
        if rest is not None and "." not in rest and len(full.get(rest, [])) == 1:
            out[actor_id] = full[rest][0]
    return out


def merge_corpus_variants(mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions table with bare surnames merged into their full names across articles.

    The merged rows take the full name's display ``name`` (its most frequent, then alphabetically first).
    """
    if mentions.empty or "actor_id" not in mentions:
        return mentions
    targets = surname_targets(sorted(set(mentions["actor_id"].astype(str))))
    if not targets:
        return mentions
    out = mentions.copy()
    moved = out["actor_id"].isin(list(targets))
    out.loc[moved, "actor_id"] = out.loc[moved, "actor_id"].map(targets)
    if "link" in out:
        out.loc[moved & (out["link"] == "name"), "link"] = "variant"
    if "name" in out:
        kept = out[~moved & out["actor_id"].isin(set(targets.values()))]
        names = kept.groupby("actor_id")["name"].agg(lambda s: sorted(s.value_counts().items(), key=lambda kv: (-kv[1], kv[0]))[0][0])
        out.loc[moved, "name"] = out.loc[moved, "actor_id"].map(names).fillna(out.loc[moved, "name"])
    return out.reset_index(drop=True)
