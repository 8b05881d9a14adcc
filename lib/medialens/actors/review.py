"""The review loop: discovered actors as a CSV a researcher edits, and the edits applied to mentions.

``medialens actors --corpus PATH --out actors.csv`` writes :func:`review_table`: one row per actor with
its counts, name variants, how its mentions were linked, a type guess and two example sentences. The
researcher edits a copy (any spreadsheet program; keep the columns):

* ``name`` -- rename (the display name of charts);
* ``type`` / ``subtype`` -- retype (``person``, ``organisation``, ``media``, ``group``, ``state``, ``place``);
* ``merge_into`` -- the ``actor_id`` of another row: both become one actor;
* ``drop`` -- any non-empty value removes the actor (a wrongly recognised name, the outlet's own name).

and passes the file to the analysis (notebook parameter ``actors_file``); :func:`apply_review` rewrites
the mentions table accordingly. Rows missing from the edited file are kept as they were, so a
researcher may delete the rows they do not care about.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: Columns of the review CSV (the last four are the ones a researcher edits).
REVIEW_COLUMNS = [
    "actor_id",
    "mentions",
    "articles",
    "variants",
    "links",
    "category",
    "example_1",
    "example_2",
    "name",
    "type",
    "subtype",
    "merge_into",
    "drop",
]
EDIT_COLUMNS = ("name", "type", "subtype", "merge_into", "drop")
TYPES = ("person", "organisation", "media", "group", "state", "place")


def _counts(values: pd.Series, top: int = 8) -> str:
    counts = values.value_counts()
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return "; ".join(f"{v} ({n})" for v, n in ordered[:top])


def review_table(mentions: pd.DataFrame, sentences: pd.DataFrame | None = None, *, min_mentions: int = 1,
                 include_pronouns: bool = False) -> pd.DataFrame:
    """Discovered and dictionary actors of a corpus, most mentioned first, ready for review.

    Args:
        mentions: the mentions table (``actor_id, actor_type, subtype, category, name, surface, link`` used).
        sentences: the sentences table; gives the example sentences (``article_id, sentence_index, text``).
        min_mentions: leave out actors with fewer mentions.
        include_pronouns: count pronoun links too (default: not, as in every chart).

    Returns:
        Columns :data:`REVIEW_COLUMNS`; ``merge_into`` and ``drop`` empty.
    """
    rows = mentions if include_pronouns else mentions[mentions["link"] != "pronoun"]
    if rows.empty:
        return pd.DataFrame(columns=REVIEW_COLUMNS)
    text = {}
    if sentences is not None and not sentences.empty:
        text = dict(zip(zip(sentences["article_id"], sentences["sentence_index"]), sentences["text"]))
    out = []
    for actor_id, group in rows.groupby("actor_id", sort=False):
        if len(group) < min_mentions:
            continue
        examples = group.drop_duplicates("article_id").head(2)
        ex = [" ".join(str(text.get((a, s), "")).split()) for a, s in zip(examples["article_id"], examples["sentence_index"])]
        ex += [""] * (2 - len(ex))
        out.append({
            "actor_id": actor_id,
            "mentions": len(group),
            "articles": group["article_id"].nunique(),
            "variants": _counts(group["surface"]),
            "links": _counts(group["link"]),
            "category": str(group["category"].iloc[0]) if "category" in group else "",
            "example_1": ex[0],
            "example_2": ex[1],
            "name": group["name"].mode().sort_values().iloc[0],
            "type": group["actor_type"].mode().sort_values().iloc[0],
            "subtype": group["subtype"].mode().sort_values().iloc[0] if group["subtype"].notna().any() else "",
            "merge_into": "",
            "drop": "",
        })
    frame = pd.DataFrame(out, columns=REVIEW_COLUMNS)
    return frame.sort_values(["mentions", "actor_id"], ascending=[False, True], ignore_index=True)


def read_review(path: str | Path) -> pd.DataFrame:
    """Read an edited review CSV; checks the columns, types and merge targets (errors name the row)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"actor_id", *EDIT_COLUMNS} - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)} (write the file with 'medialens actors')")
    ids = set(frame["actor_id"])
    for number, row in enumerate(frame.itertuples(index=False), 2):
        if row.type and row.type not in TYPES:
            raise ValueError(f"{path}:{number}: type {row.type!r} is not one of {TYPES}")
        if row.merge_into and row.merge_into not in ids:
            raise ValueError(f"{path}:{number}: merge_into {row.merge_into!r} is not an actor_id of the file")
    return frame


def _final_target(actor_id: str, merge: dict[str, str]) -> str:
    seen = set()
    while actor_id in merge and actor_id not in seen:
        seen.add(actor_id)
        actor_id = merge[actor_id]
    return actor_id


def apply_review(mentions: pd.DataFrame, review: pd.DataFrame | str | Path) -> pd.DataFrame:
    """The mentions table with a researcher's edits applied (rename, retype, merge, drop).

    Merges follow chains (A into B, B into C: all become C); the merged actor takes the name, type and
    subtype of the row it was merged into. Dropping a merge target drops what was merged into it.

    Args:
        mentions: the mentions table.
        review: an edited :func:`review_table` (a DataFrame or a CSV path).

    Returns:
        A new mentions table; ``actor_id``, ``name``, ``actor_type`` and ``subtype`` rewritten.
    """
    review = read_review(review) if not isinstance(review, pd.DataFrame) else review.fillna("").astype(str)
    merge = {a: m for a, m in zip(review["actor_id"], review["merge_into"]) if m}
    target = {a: _final_target(a, merge) for a in mentions["actor_id"].unique()}
    out = mentions.copy()
    out["actor_id"] = out["actor_id"].map(target)
    edits = review.set_index("actor_id")
    dropped = {a for a, d in zip(review["actor_id"], review["drop"]) if d.strip()}
    out = out[~out["actor_id"].isin(dropped)]
    for column, field in (("name", "name"), ("actor_type", "type"), ("subtype", "subtype")):
        values = {a: v for a, v in edits[field].items() if v}
        out[column] = [values.get(a, v) for a, v in zip(out["actor_id"], out[column])]
    return out.reset_index(drop=True)


def write_review(mentions: pd.DataFrame, sentences: pd.DataFrame | None, path: str | Path, *,
                 min_mentions: int = 1) -> pd.DataFrame:
    """Write :func:`review_table` as a UTF-8 CSV (``medialens actors``); returns the table written."""
    table = review_table(mentions, sentences, min_mentions=min_mentions)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n")
    return table
