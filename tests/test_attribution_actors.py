"""One actor id across tables: ``attributions.source_actor`` joins ``mentions.actor_id``.

Every German sentence here was written for these tests.
"""

from __future__ import annotations

import pandas as pd
import pytest

from medialens import attribution, nlp
from medialens.annotate.pipeline import annotate_documents
from medialens.attribution import merge_source_actors


def _articles(texts: dict[str, str]) -> tuple[list, pd.DataFrame]:
    docs = [nlp.process(article_id, text, cache=False) for article_id, text in texts.items()]
    articles = pd.DataFrame({"article_id": list(texts), "outlet": "Testblatt", "outlet_type": "private_media",
                             "date": "2016-03-01", "title": "", "text": list(texts.values())})
    return docs, articles


def test_source_actors_are_mention_ids_and_follow_the_corpus_surname_merge():
    docs, articles = _articles({
        "a": "Die Ministerin Vera Lindqvist sagte am Montag, die Schulen blieben geöffnet.",
        "b": "Lindqvist erklärte, der Unterricht beginne pünktlich.",
        "c": "Der Arzt Arman Beketow sagte, die Lage sei ernst. Er fügte hinzu, es fehle an Betten.",
    })
    tables = annotate_documents(docs, articles)
    sources, mentions = tables["attributions"], tables["mentions"]
    spoken = sources["source_actor"].dropna()
    assert len(spoken) == 4 and set(spoken) <= set(mentions["actor_id"])
    by_article = sources.groupby("article_id")["source_actor"].first()
    assert by_article["a"] == by_article["b"]  # the bare surname joins the corpus's only full name
    joined = sources.merge(mentions, left_on=["article_id", "source_actor"], right_on=["article_id", "actor_id"])
    assert set(joined["article_id"]) == {"a", "b", "c"}


def test_the_attribution_step_declares_the_merge_after_the_mentions():
    assert any(a.table == "attributions" and a.merge is merge_source_actors and a.reads == ("mentions",)
               for a in attribution.STEP.aggregates)


def test_merge_source_actors_keeps_shared_surnames_apart():
    sources = pd.DataFrame({"article_id": ["a", "b"], "source_actor": ["person:faiman", "person:shumacer"]})
    mentions = pd.DataFrame({"actor_id": ["person:v.faiman", "person:r.shumacer", "person:m.shumacer"]})
    assert merge_source_actors(sources, mentions)["source_actor"].tolist() == ["person:v.faiman", "person:shumacer"]


def _actor(text: str) -> tuple[str | None, dict[str, str]]:
    doc = nlp.process("t", text, cache=False)
    rows = attribution.attributions_frame([doc])
    from medialens.actors import mentions_frame

    mentions = mentions_frame([doc])
    actor = rows["source_actor"].iloc[0]
    return (None if pd.isna(actor) else actor), dict(zip(mentions["surface"], mentions["actor_id"]))


@pytest.mark.parametrize("text, head", [
    ("Usbekistans Außenminister Bachtijor Saidow erklärte, die Lage sei stabil.", "Bachtijor Saidow"),
    ("Der Anwalt Jonas Weber von der Kanzlei Weber und Partner sagte, das Urteil sei falsch.", "Jonas Weber"),
])
def test_the_head_of_the_source_phrase_is_its_actor(text, head):
    actor, ids = _actor(text)
    assert actor == ids[head]


@pytest.mark.parametrize("text", [
    "Die Verteidiger Strauss-Kahns erklärten, ihr Mandant sei unschuldig.",
    "Die Anwälte Hollmanns sagten, das Verfahren sei unfair.",
])
def test_a_genitive_name_after_the_head_is_not_the_speaker(text):
    actor, ids = _actor(text)
    assert actor is None and ids  # the name is a mention, but the defenders speak


def test_a_member_role_speaks_for_the_organisation_in_its_genitive():
    actor, ids = _actor("Der Sprecher von Human Rights Watch sagte, die Lage sei ernst.")
    assert actor == ids["Human Rights Watch"]
