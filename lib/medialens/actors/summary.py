"""Actor summaries: who appears where and when, who speaks, who appears together.

Pure aggregations over the ``mentions`` table of :mod:`medialens.actors` (joined to the articles and
sentences tables), each returning a tidy DataFrame for a chart in ``notebooks/02-actor-frequency.ipynb``,
drawn by :mod:`medialens.figures.charts.actors`:

* :func:`actor_counts` -- mentions per actor and outlet group, raw and normalised (per article, per
  1,000 sentences, share of articles naming the actor); :func:`top_actor_ids` and :func:`actor_matrix`
  pick and reshape the top actors of every group for a heat map;
* :func:`actors_per_day` -- daily mentions of the most mentioned actors, drawn by
  ``plot_actors_per_day``;
* :func:`voice_table` -- how many of an actor's mentions are as the *source* of an attribution (the actor
  is given a voice) and how many only talk *about* it, with ``plot_voice_bars`` and
  ``plot_voice_matrix``;
* :func:`cooccurrence_network` -- the sentence co-occurrence network of the main actors (networkx), with
  ``plot_network`` (a deterministic circular layout), :func:`network_table` and :func:`write_graphml`;
* :func:`surface_forms`, :func:`cooccurrence_sentences` and :func:`dictionary_stubs` for drill-downs and for
  extending ``data/actors.jsonl`` from the candidate list.

Every function joins the mentions to the articles it is given (inner join on ``article_id``), so passing
a de-duplicated articles table (e.g. :func:`medialens.corpus.deduplicate_articles`) restricts every
summary to the same articles. Counting actor mentions by outlet follows the usual content-analysis
practice of normalising by the amount of text (Krippendorff 2019, *Content Analysis*, ch. 10); the
co-occurrence network is a sentence-window actor network in the sense of van Atteveldt (2008), *Semantic
Network Analysis*.
"""

from __future__ import annotations

from collections import Counter, defaultdict
import re
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pandas as pd

from medialens.actors import lexicon as actors_mod
from medialens.actors.candidates import dictionary_stubs  # noqa: F401 (notebook 02 calls it here)
from medialens.tables import ALL_GROUPS, group_sizes, ordered_groups, with_articles

__all__ = [
    "ACTOR_TYPES",
    "COUNT_COLUMNS",
    "DAY_COLUMNS",
    "VOICE_COLUMNS",
    "actor_counts",
    "actor_labels",
    "mention_names",
    "compare_top_actors",
    "actor_matrix",
    "actors_per_day",
    "COOCCURRENCE_COLUMNS",
    "cooccurrence",
    "cooccurrence_graph",
    "cooccurrence_network",
    "cooccurrence_sentences",
    "dictionary_stubs",
    "group_sizes",
    "network_table",
    "ordered_groups",
    "surface_forms",
    "top_actor_ids",
    "voice_table",
    "write_graphml",
]

#: Actor types counted as "who" by default: people, organisations, collective groups and media. States
#: (*Kasachstan*, *Russland*) and places (*Almaty*) are mostly the scene of events or a metonym the
#: dictionary cannot tell from the scene; pass ``types=None`` to include them.
ACTOR_TYPES = ("person", "organisation", "group", "media")

#: Columns of :func:`actor_counts` (after the group column).
COUNT_COLUMNS = [
    "actor_id",
    "actor",
    "actor_type",
    "category",
    "mentions",
    "articles_mentioning",
    "n_articles",
    "n_sentences",
    "per_article",
    "per_1000_sentences",
    "article_share",
]
#: Columns of :func:`actors_per_day`.
DAY_COLUMNS = ["date", "actor_id", "actor", "mentions", "articles_mentioning", "n_articles"]
#: Columns of :func:`voice_table` (after the group column).
VOICE_COLUMNS = ["actor_id", "actor", "mentions", "source", "mentioned", "source_share"]

_CANDIDATE = "candidate:"
_BRACKETED = re.compile(r"\s*\([^()]*\)\s*$")


# --------------------------------------------------------------------------------------------
# Labels, groups, joins
# --------------------------------------------------------------------------------------------


def actor_labels(
    actor_ids: Iterable[str], dictionary: actors_mod.ActorDictionary | None = None, *, short: bool = True,
    names: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Display names: the mentions' name (``names``, from the ``name`` column: the dictionary's canonical
    name, a discovered name or a researcher's rename), else the dictionary's canonical name, else the
    name of a ``candidate:<name>`` id.

    Args:
        actor_ids: actor ids of a mentions table.
        dictionary: the actor dictionary (default ``data/actors.jsonl``).
        short: drop a trailing explanation in brackets, for chart labels (``OVKS (Organisation des
            Vertrags über kollektive Sicherheit)`` -> ``OVKS``).
        names: ``{actor_id: name}`` of discovered actors (see :func:`mention_names`).

    Returns:
        ``{actor_id: label}``; an id unknown to both is its own label.
    """
    dictionary = dictionary or actors_mod.load_actors()
    names = names or {}
    out = {}
    for actor_id in actor_ids:
        if actor_id in names or actor_id in dictionary.actors:
            name = names[actor_id] if actor_id in names else dictionary.actors[actor_id].canonical
            out[actor_id] = (_BRACKETED.sub("", name) or name) if short else name
        elif str(actor_id).startswith(_CANDIDATE):
            out[actor_id] = str(actor_id)[len(_CANDIDATE) :]
        else:
            out[actor_id] = str(actor_id)
    return out


def mention_names(mentions: pd.DataFrame) -> dict[str, str]:
    """``{actor_id: display name}``: each actor's most frequent ``name`` (ties: alphabetically first)."""
    if mentions.empty or "name" not in mentions:
        return {}
    counts = mentions.groupby(["actor_id", "name"]).size().reset_index(name="n")
    counts = counts.sort_values(["actor_id", "n", "name"], ascending=[True, False, True])
    return dict(zip(*counts.drop_duplicates("actor_id")[["actor_id", "name"]].T.values))


def _filter_types(mentions: pd.DataFrame, types: Sequence[str] | None) -> pd.DataFrame:
    """Mentions of the given actor types, without pronoun links (charts count named mentions,
    titles and organisation nouns; a pronoun is a mention for attribution, not a count)."""
    if "link" in mentions:
        mentions = mentions[mentions["link"] != "pronoun"]
    return mentions if types is None else mentions[mentions["actor_type"].isin(list(types))]


# --------------------------------------------------------------------------------------------
# Counts per group
# --------------------------------------------------------------------------------------------


def actor_counts(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    *,
    by: str = "outlet_type",
    types: Sequence[str] | None = ACTOR_TYPES,
    dictionary: actors_mod.ActorDictionary | None = None,
) -> pd.DataFrame:
    """Mentions per actor and group, raw and normalised.

    * ``mentions``: raw count (grows with the number and length of a group's articles);
    * ``per_article``: mentions divided by the group's number of articles (all of them, also those that
      do not name the actor);
    * ``per_1000_sentences``: mentions per 1,000 sentences of the group (corrects for article length);
    * ``article_share``: share of the group's articles that name the actor at least once (one article
      repeating a name ten times counts once).

    Args:
        mentions: the mentions table.
        articles: the articles table; only mentions of these articles count (inner join).
        sentences: the sentences table, for ``n_sentences`` and ``per_1000_sentences``.
        by: the articles column to group by.
        types: actor types to keep (default :data:`ACTOR_TYPES`); ``None`` keeps all.
        dictionary: for the ``actor`` display names.

    Returns:
        Columns ``by`` + :data:`COUNT_COLUMNS`, one row per group and actor with at least one mention,
        groups in display order, then most mentioned first (ties by ``actor_id``).
    """
    sizes = group_sizes(articles, sentences, by)
    columns = [by, *COUNT_COLUMNS]
    joined = with_articles(_filter_types(mentions, types), articles, [by])
    if joined.empty:
        return pd.DataFrame(columns=columns)
    grouped = joined.groupby([by, "actor_id"])
    out = grouped.agg(
        actor_type=("actor_type", "first"),
        category=("category", "first"),
        mentions=("article_id", "size"),
        articles_mentioning=("article_id", "nunique"),
    ).reset_index()
    return finish_counts(out, sizes, by, actor_labels(out["actor_id"].unique(), dictionary, names=mention_names(joined)))


def finish_counts(counts: pd.DataFrame, sizes: pd.DataFrame, by: str, labels: Mapping[str, str]) -> pd.DataFrame:
    """:func:`actor_counts`' rows from raw counts per group and actor (``mentions``, ``articles_mentioning``,
    ``actor_type``, ``category``), the groups' sizes (:func:`group_sizes`) and display names per actor id;
    shared by the pandas summary and its DuckDB twin (:func:`medialens.aggregate.actor_counts`)."""
    out = counts.merge(sizes, on=by, how="left")
    out["actor"] = out["actor_id"].map(labels)
    out["per_article"] = out["mentions"] / out["n_articles"]
    n_sent = pd.to_numeric(out["n_sentences"], errors="coerce")
    out["per_1000_sentences"] = (1000 * out["mentions"] / n_sent.where(n_sent > 0)).astype(float)
    out["article_share"] = out["articles_mentioning"] / out["n_articles"]
    order = {g: k for k, g in enumerate(ordered_groups(out[by]))}
    out["_g"] = out[by].map(order)
    out = out.sort_values(["_g", "mentions", "actor_id"], ascending=[True, False, True], kind="stable")
    out = out[[by, *COUNT_COLUMNS]].reset_index(drop=True)
    return out.astype({"mentions": "int64", "articles_mentioning": "int64", "n_articles": "int64"})


def top_actor_ids(
    counts: pd.DataFrame, *, by: str = "outlet_type", n: int = 5, rank_by: str = "per_1000_sentences"
) -> list[str]:
    """The union of every group's ``n`` highest-ranked actors, most mentioned overall first.

    Args:
        counts: an :func:`actor_counts` table.
        by: its group column.
        n: actors per group (ties broken by raw mentions, then ``actor_id``).
        rank_by: the column that ranks actors within a group.

    Returns:
        Actor ids, ordered by total mentions over all groups (ties by ``actor_id``).
    """
    if counts.empty:
        return []
    ranked = counts.sort_values([by, rank_by, "mentions", "actor_id"], ascending=[True, False, False, True])
    chosen = set(ranked.groupby(by, sort=False).head(n)["actor_id"])
    totals = counts[counts["actor_id"].isin(chosen)].groupby("actor_id")["mentions"].sum()
    return sorted(chosen, key=lambda a: (-int(totals[a]), a))


def actor_matrix(
    counts: pd.DataFrame, actor_ids: Sequence[str], *, by: str = "outlet_type", value: str = "per_1000_sentences"
) -> pd.DataFrame:
    """Wide table for a heat map: one row per actor (label), one column per group, ``value`` in the cells.

    An actor a group never mentions gets 0 for counts and rates.

    Args:
        counts: an :func:`actor_counts` table.
        actor_ids: the rows, in this order (e.g. from :func:`top_actor_ids`).
        by: the group column.
        value: the cell value column.

    Returns:
        DataFrame indexed by actor label, columns = groups in display order.
    """
    groups = ordered_groups(counts[by]) if len(counts) else []
    wide = counts.pivot_table(index="actor_id", columns=by, values=value, aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=list(actor_ids), columns=groups, fill_value=0).astype(float)
    labels = dict(zip(counts["actor_id"], counts["actor"]))
    wide.index = [labels.get(a, a) for a in wide.index]
    wide.index.name = "actor"
    wide.columns.name = by
    return wide


# --------------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------------


def actors_per_day(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    actor_ids: Sequence[str] | None = None,
    n: int = 6,
    types: Sequence[str] | None = ACTOR_TYPES,
    dictionary: actors_mod.ActorDictionary | None = None,
) -> pd.DataFrame:
    """Daily mentions of the most mentioned actors (articles dated to the day only).

    Every day between the first and the last dated article gets a row for every actor, with 0 when the
    actor is not mentioned, so lines drop to zero instead of bridging gaps.

    Args:
        mentions: the mentions table.
        articles: the articles table (``date`` as ISO ``YYYY-MM-DD``, ``date_precision``).
        actor_ids: the actors to follow; default the ``n`` most mentioned in articles dated to the day.
        n: number of actors when ``actor_ids`` is not given (ties by ``actor_id``).
        types: actor types to choose from (default :data:`ACTOR_TYPES`).
        dictionary: for the ``actor`` display names.

    Returns:
        Columns :data:`DAY_COLUMNS`: ``n_articles`` is the number of articles published that day (the
        volume a day's count rests on). Sorted by date, then by the actor's total mentions.
    """
    precision = articles["date_precision"] if "date_precision" in articles else pd.Series("day", index=articles.index)
    dated = articles[(precision == "day") & articles["date"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=DAY_COLUMNS)
    joined = with_articles(_filter_types(mentions, types), dated, ["date"])
    joined["date"] = joined["date"].astype(str)
    totals = joined.groupby("actor_id").size()
    if actor_ids is None:
        actor_ids = sorted(totals.index, key=lambda a: (-int(totals[a]), a))[:n]
    actor_ids = list(actor_ids)
    days = pd.date_range(min(dated["date"].astype(str)), max(dated["date"].astype(str)), freq="D").strftime("%Y-%m-%d")
    grid = pd.MultiIndex.from_product([list(days), actor_ids], names=["date", "actor_id"])
    chosen = joined[joined["actor_id"].isin(actor_ids)]
    stats = chosen.groupby(["date", "actor_id"]).agg(
        mentions=("article_id", "size"), articles_mentioning=("article_id", "nunique")
    )
    out = stats.reindex(grid, fill_value=0).reset_index()
    per_day = dated["date"].astype(str).value_counts()
    out["n_articles"] = out["date"].map(per_day).fillna(0).astype("int64")
    out["actor"] = out["actor_id"].map(actor_labels(actor_ids, dictionary, names=mention_names(joined)))
    rank = {a: k for k, a in enumerate(actor_ids)}
    out["_r"] = out["actor_id"].map(rank)
    out = out.sort_values(["date", "_r"], kind="stable")[DAY_COLUMNS].reset_index(drop=True)
    return out.astype({"mentions": "int64", "articles_mentioning": "int64"})


# --------------------------------------------------------------------------------------------
# Voice vs mention
# --------------------------------------------------------------------------------------------


def voice_table(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str = "outlet_type",
    types: Sequence[str] | None = ACTOR_TYPES,
    total: str | None = ALL_GROUPS,
    dictionary: actors_mod.ActorDictionary | None = None,
) -> pd.DataFrame:
    """Given a voice or only talked about: source vs mentioned counts per actor and group.

    A mention has ``role="source"`` when it lies in the source span of an attribution (the actor is
    quoted or paraphrased: *Tokajew sagte …*, *laut dem Innenministerium …*) and ``"mentioned"``
    otherwise.

    Args:
        mentions: the mentions table.
        articles: the articles table (inner join on ``article_id``).
        by: the grouping column of ``articles``.
        types: actor types to keep (default :data:`ACTOR_TYPES`).
        total: also add one row per actor over all groups, with this value in the group column
            (``None``: no total rows).
        dictionary: for the ``actor`` display names.

    Returns:
        Columns ``by`` + :data:`VOICE_COLUMNS`; ``source_share`` = source / mentions. Actors ordered by
        total mentions (ties by ``actor_id``), groups in display order with the total last.
    """
    columns = [by, *VOICE_COLUMNS]
    joined = with_articles(_filter_types(mentions, types), articles, [by])
    if joined.empty:
        return pd.DataFrame(columns=columns)
    joined["_source"] = (joined["role"] == "source").astype("int64")
    stats = {"mentions": ("_source", "size"), "source": ("_source", "sum")}
    parts = [joined.groupby([by, "actor_id"]).agg(**stats).reset_index()]
    if total is not None:
        all_rows = joined.groupby("actor_id").agg(**stats).reset_index()
        parts.append(all_rows.assign(**{by: total}))
    out = pd.concat(parts, ignore_index=True)
    out["mentioned"] = out["mentions"] - out["source"]
    out["source_share"] = out["source"] / out["mentions"]
    out["actor"] = out["actor_id"].map(actor_labels(out["actor_id"].unique(), dictionary, names=mention_names(joined)))
    totals = joined.groupby("actor_id").size()
    order = {g: k for k, g in enumerate(ordered_groups(out[by]))}
    out["_a"] = out["actor_id"].map(lambda a: (-int(totals[a]), a))
    out["_g"] = out[by].map(order)
    out = out.sort_values(["_a", "_g"], kind="stable")[columns].reset_index(drop=True)
    return out.astype({"mentions": "int64", "source": "int64", "mentioned": "int64"})


# --------------------------------------------------------------------------------------------
# Co-occurrence network
# --------------------------------------------------------------------------------------------


#: Columns of the co-occurrence table.
COOCCURRENCE_COLUMNS = ["actor_a", "actor_b", "sentences", "articles"]


def cooccurrence(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors mentioned in the same sentence.

    Args:
        mentions: a mentions table.

    Returns:
        Columns ``actor_a, actor_b, sentences, articles`` (``actor_a < actor_b``): number of
        sentences and of articles in which both occur together; most frequent first.
    """
    if mentions.empty:
        return pd.DataFrame(columns=COOCCURRENCE_COLUMNS).astype({"sentences": "int64", "articles": "int64"})
    pairs: Counter = Counter()
    pair_articles: dict[tuple[str, str], set] = defaultdict(set)
    for (article, _), group in mentions.groupby(["article_id", "sentence_index"], sort=False):
        ids = sorted(set(group["actor_id"]))
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pairs[(a, b)] += 1
                pair_articles[(a, b)].add(article)
    rows = [(a, b, n, len(pair_articles[(a, b)])) for (a, b), n in pairs.items()]
    frame = pd.DataFrame(rows, columns=COOCCURRENCE_COLUMNS).astype({"sentences": "int64", "articles": "int64"})
    return frame.sort_values(["sentences", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True)


def cooccurrence_graph(cooc: pd.DataFrame, mentions: pd.DataFrame | None = None):
    """A ``networkx.Graph``: actors as nodes (with mention counts and metadata), pairs as weighted edges."""
    import networkx as nx

    graph = nx.Graph()
    if mentions is not None and not mentions.empty:
        for actor_id, group in mentions.groupby("actor_id"):
            graph.add_node(
                actor_id,
                mentions=int(len(group)),
                actor_type=str(group["actor_type"].iloc[0]),
                category=str(group["category"].iloc[0]),
                source=int((group["role"] == "source").sum()),
            )
    for a, b, n, k in cooc[COOCCURRENCE_COLUMNS].itertuples(index=False):
        graph.add_edge(a, b, weight=int(n), articles=int(k))
    return graph


def cooccurrence_network(
    mentions: pd.DataFrame,
    *,
    types: Sequence[str] | None = ACTOR_TYPES,
    n: int | None = 15,
    min_sentences: int = 1,
    dictionary: actors_mod.ActorDictionary | None = None,
):
    """The sentence co-occurrence network of the ``n`` most mentioned actors.

    Nodes carry ``label`` (canonical name), ``mentions``, ``source`` (mentions as a source),
    ``actor_type`` and ``category``; an edge joins two actors named in the same sentence, with
    ``weight`` (sentences) and ``articles``. Actors of the top ``n`` without an edge stay as isolated
    nodes.

    Args:
        mentions: the mentions table (restrict it to the articles you analyse first).
        types: actor types to keep (default :data:`ACTOR_TYPES`).
        n: keep the ``n`` most mentioned actors (ties by ``actor_id``); ``None`` keeps all.
        min_sentences: drop edges seen in fewer sentences.
        dictionary: for the node labels.

    Returns:
        A ``networkx.Graph``.
    """
    chosen = _filter_types(mentions, types)
    totals = chosen.groupby("actor_id").size()
    keep = sorted(totals.index, key=lambda a: (-int(totals[a]), a))
    if n is not None:
        keep = keep[:n]
    chosen = chosen[chosen["actor_id"].isin(keep)]
    cooc = cooccurrence(chosen)
    cooc = cooc[cooc["sentences"] >= min_sentences]
    graph = cooccurrence_graph(cooc, chosen)
    labels = actor_labels(graph.nodes, dictionary, names=mention_names(chosen))
    for node in graph.nodes:
        graph.nodes[node]["label"] = labels[node]
    return graph


def network_table(graph) -> pd.DataFrame:
    """The network as one tidy table: a row per node (``kind="node"``) and per edge (``kind="edge"``).

    Returns:
        Columns ``kind, actor_a, actor_b, label_a, label_b, category, mentions, source, sentences,
        articles`` (node rows leave the ``*_b`` and edge columns empty; edge rows leave ``category``,
        ``mentions`` and ``source`` empty). Nodes by mentions, edges by sentences, ties by id.
    """
    columns = ["kind", "actor_a", "actor_b", "label_a", "label_b", "category", "mentions", "source", "sentences",
               "articles"]
    nodes = [
        ("node", n, pd.NA, d.get("label", n), pd.NA, d.get("category", ""), d.get("mentions", 0), d.get("source", 0),
         pd.NA, pd.NA)
        for n, d in graph.nodes(data=True)
    ]
    nodes.sort(key=lambda r: (-r[6], r[1]))
    edges = []
    for a, b, d in graph.edges(data=True):
        a, b = sorted((a, b))
        edges.append(("edge", a, b, graph.nodes[a].get("label", a), graph.nodes[b].get("label", b), pd.NA, pd.NA,
                      pd.NA, d.get("weight", 1), d.get("articles", pd.NA)))
    edges.sort(key=lambda r: (-r[8], r[1], r[2]))
    frame = pd.DataFrame(nodes + edges, columns=columns)
    for c in ("mentions", "source", "sentences", "articles"):
        frame[c] = frame[c].astype("Int64")
    return frame


def write_graphml(graph, path: str | Path) -> Path:
    """Write a co-occurrence network as GraphML (Gephi, networkx, igraph read it); node ``label`` is the
    canonical name.

    Args:
        graph: from :func:`cooccurrence_network`.
        path: the output file (its folder is created).

    Returns:
        The written path.
    """
    import networkx as nx

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(graph, path)
    return path


def cooccurrence_sentences(
    mentions: pd.DataFrame, sentences: pd.DataFrame, actor_a: str, actor_b: str
) -> pd.DataFrame:
    """The sentences that name both actors (the evidence behind one network edge).

    Args:
        mentions: the mentions table.
        sentences: the sentences table (``article_id, sentence_index, start, end, text``).
        actor_a: one actor id.
        actor_b: the other.

    Returns:
        Columns ``article_id, sentence_index, start, end, text`` in corpus order.
    """
    ids = mentions[mentions["actor_id"].isin([actor_a, actor_b])]
    both = ids.groupby(["article_id", "sentence_index"])["actor_id"].nunique()
    keys = both[both == 2].reset_index()[["article_id", "sentence_index"]]
    cols = ["article_id", "sentence_index", "start", "end", "text"]
    out = sentences[cols].merge(keys, on=["article_id", "sentence_index"], how="inner")
    return out.sort_values(["article_id", "sentence_index"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Name forms and dictionary extension
# --------------------------------------------------------------------------------------------


def surface_forms(mentions: pd.DataFrame, actor_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """How each actor was named: counts of the surface forms normalised to one actor id.

    Args:
        mentions: the mentions table.
        actor_ids: restrict to these actors (and this order); default all, most mentioned first.

    Returns:
        Columns ``actor_id, surface, mentions, share`` (share of the actor's mentions), most frequent
        form first within an actor (ties by surface).
    """
    rows = mentions if actor_ids is None else mentions[mentions["actor_id"].isin(list(actor_ids))]
    columns = ["actor_id", "surface", "mentions", "share"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    out = rows.groupby(["actor_id", "surface"]).size().rename("mentions").reset_index()
    totals = out.groupby("actor_id")["mentions"].transform("sum")
    out["share"] = out["mentions"] / totals
    if actor_ids is None:
        overall = out.groupby("actor_id")["mentions"].sum()
        actor_ids = sorted(overall.index, key=lambda a: (-int(overall[a]), a))
    rank = {a: k for k, a in enumerate(actor_ids)}
    out["_r"] = out["actor_id"].map(rank)
    out = out.sort_values(["_r", "mentions", "surface"], ascending=[True, False, True], kind="stable")
    return out[columns].reset_index(drop=True).astype({"mentions": "int64"})


def compare_top_actors(
    before: pd.DataFrame,
    after: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    n: int = 15,
    types: Sequence[str] | None = ACTOR_TYPES,
    dictionary: actors_mod.ActorDictionary | None = None,
) -> pd.DataFrame:
    """The ``n`` most mentioned actors side by side: as found, and after a researcher's review edits.

    Args:
        before: the mentions table as the actors step found it.
        after: the same table with the edits applied (:func:`medialens.actors.review.apply_review`).
        articles: the analysed articles (inner join).
        n: rows.
        types: actor types counted (default :data:`ACTOR_TYPES`).
        dictionary: for display names.

    Returns:
        Columns ``rank, actor_as_found, mentions_as_found, actor_edited, mentions_edited``.
    """
    columns = ["rank", "actor_as_found", "mentions_as_found", "actor_edited", "mentions_edited"]
    parts = []
    for table in (before, after):
        counts = actor_counts(table, articles.assign(_all="all"), by="_all", types=types, dictionary=dictionary)
        top = counts.head(n).reset_index(drop=True)
        parts.append(top[["actor", "mentions"]])
    out = pd.concat([parts[0].add_suffix("_a"), parts[1].add_suffix("_b")], axis=1)
    out.insert(0, "rank", range(1, len(out) + 1))
    out.columns = columns
    return out
