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

from medialens.steps import Remap

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


def _variant_facts(mentions: pd.DataFrame) -> tuple[set[str], dict]:
    """Of some mention rows: their actor ids (as text) and how often each (actor id, name) pair occurs."""
    if mentions.empty or "actor_id" not in mentions:
        return set(), {}
    ids = set(mentions["actor_id"].astype(str))
    names = mentions.groupby(["actor_id", "name"], sort=False).size().to_dict() if "name" in mentions else {}
    return ids, names


def _variant_mapping(facts: list[tuple[set[str], dict]]) -> tuple[dict[str, str], dict[str, str]]:
    """(bare surname id -> full-name id, full-name id -> its display name): the display name is the one
    its own rows (not the merged ones) give most often, then the alphabetically first."""
    targets = surname_targets(sorted(set().union(*(ids for ids, _ in facts))))
    wanted = set(targets.values()) - set(targets)
    counts: dict[tuple, int] = {}
    for _, names in facts:
        for pair, n in names.items():
            if pair[0] in wanted:
                counts[pair] = counts.get(pair, 0) + n
    best: dict[str, tuple[int, str]] = {}
    for (actor_id, name), n in counts.items():
        if actor_id not in best or (-n, name) < best[actor_id]:
            best[actor_id] = (-n, name)
    return targets, {actor_id: name for actor_id, (_, name) in best.items()}


def _apply_variants(mentions: pd.DataFrame, mapping: tuple[dict[str, str], dict[str, str]]) -> pd.DataFrame:
    targets, names = mapping
    if mentions.empty or "actor_id" not in mentions or not targets:
        return mentions
    out = mentions.copy()
    moved = out["actor_id"].isin(list(targets))
    out.loc[moved, "actor_id"] = out.loc[moved, "actor_id"].map(targets)
    if "link" in out:
        out.loc[moved & (out["link"] == "name"), "link"] = "variant"
    if "name" in out:
        display = pd.Series(names, dtype=object)
        out.loc[moved, "name"] = out.loc[moved, "actor_id"].map(display).fillna(out.loc[moved, "name"])
    return out.reset_index(drop=True)


#: The merge in parts, so that a corpus larger than memory is merged batch by batch.
VARIANTS = Remap(_variant_facts, _variant_mapping, _apply_variants)


def merge_corpus_variants(mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions table with bare surnames merged into their full names across articles.

    The merged rows take the full name's display ``name`` (its most frequent among its own rows, then the
    alphabetically first).
    """
    return VARIANTS.merge(mentions)
