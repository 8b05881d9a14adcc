"""Discovery-first actors (issue 14): every recognised name is an actor, its spellings are one actor,
titles, organisation nouns and pronouns link to the actor the article named, and a researcher's review
edits apply. Every sentence here was written for these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from medialens import nlp
from medialens import actors
from medialens.actors import resources
from medialens.actors.merge import merge_corpus_variants
from medialens.actors.review import apply_review, read_review, review_table
from medialens.actors.variants import fold, name_key, person_key


def mentions(text: str) -> list[tuple[str, str, str]]:
    doc = nlp.process("t", text, cache=False)
    return [(m.surface, m.actor_id, m.link) for m in actors.extract_mentions(doc)]


def actor_of(text: str, surface: str) -> str:
    return next(a for s, a, _ in mentions(text) if s == surface)


# ------------------------------------------------------------------ variant class: transliteration
@pytest.mark.parametrize("spellings", [
    ["Nasarbajew", "Nazarbajew", "Nazarbayev", "Nasarbaev"],
    ["Tokajew", "Tokayev", "Tokaev", "Toqajew"],
    ["Schoigu", "Shoigu"],
    ["Lawrow", "Lavrov"],
    ["Jelzin", "Yeltsin"],
    ["Chodorkowski", "Khodorkovsky"],
    ["Gorbatschow", "Gorbachev"],
    ["Smailow", "Smajilow"],
])
def test_transliterations_share_a_key(spellings):
    assert len({fold(s) for s in spellings}) == 1


@pytest.mark.parametrize("first, second", [("Meier", "Maier"), ("Nasarbajew", "Nasarbajewa"), ("Müller", "Miller")])
def test_different_names_keep_different_keys(first, second):
    assert fold(first) != fold(second)


def test_a_transliterated_spelling_of_a_dictionary_person_is_that_person():
    found = mentions("Der frühere Staatschef Nursultan Nazarbayev schwieg. Nazarbajews Tochter Dariga Nasarbajewa sprach.")
    assert [a for _, a, _ in found][:2] == ["nasarbajew", "nasarbajew"]
    assert found[2][1] != "nasarbajew"  # the daughter is another person


# ------------------------------------------------------------------ variant class: inflection
def test_genitive_s_is_removed_only_where_it_is_a_genitive():
    doc = nlp.process("t", "Die Reederei Maersk meldete Verluste. Maersks Aktie fiel. Reuters meldete das.", cache=False)
    found = [(m.surface, m.actor_id, m.name) for m in actors.extract_mentions(doc)]
    maersk = [a for s, a, _ in found if s.startswith("Maersk")]
    assert len(maersk) == 2 and len(set(maersk)) == 1
    assert ("Reuters" in [n for _, _, n in found])  # "Reuters meldete": not a genitive


def test_adjectival_forms_of_a_party_name_share_a_key():
    stems = resources.adjective_stems()
    assert name_key(["Die", "Grünen"], stems) == name_key(["Grüne"], stems) == name_key(["Grünen"], stems)
    assert name_key(["SPÖs"]) == name_key(["SPÖ"])


@pytest.mark.parametrize("first, second", [("ISS", "IS"), ("ZDF", "SDF"), ("WWF", "WF"), ("TASS", "TAS")])
def test_acronyms_are_keyed_by_their_letters_not_by_transliteration(first, second):
    # transliteration folds (z -> s, w -> v, doubled letters) are for names, not for acronyms
    assert name_key([first]) != name_key([second])


# ------------------------------------------------------------------ variant class: full name, surname, title + surname
def test_surname_and_title_plus_surname_join_the_full_name_in_the_article():
    text = ("Die Ministerin Johanna Mikl-Leitner besuchte Traiskirchen. Ministerin Mikl-Leitner lobte die Helfer. "
            "Mikl-Leitner reiste am Abend ab.")
    people = [(s, a, link) for s, a, link in mentions(text) if a.startswith("person:")]
    assert {a for _, a, _ in people} == {person_actor(["Johanna", "Mikl-Leitner"])}
    assert [link for _, _, link in people] == ["name", "variant", "variant"]


def person_actor(words: list[str]) -> str:
    initial, surname = person_key(words)
    return f"person:{initial}.{surname}"


# ------------------------------------------------------------------ variant class: one surname, two people
def test_two_people_with_one_surname_stay_apart():
    assert person_key(["Ralf", "Schumacher"]) != person_key(["Michael", "Schumacher"])
    found = mentions("Ralf Schumacher fuhr schnell. Michael Schumacher gewann das Rennen.")
    assert len({a for _, a, _ in found}) == 2


def _rows(rows):
    cols = ["article_id", "sentence_index", "surface", "actor_id", "actor_type", "name", "link"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows])


def test_corpus_merge_joins_a_bare_surname_to_the_only_full_name_and_keeps_shared_surnames_apart():
    table = _rows([
        ("a", 0, "Werner Faymann", "person:v.faiman", "person", "Werner Faymann", "name"),
        ("b", 0, "Faymann", "person:faiman", "person", "Faymann", "name"),
        ("c", 0, "Ralf Schumacher", "person:r.shumacer", "person", "Ralf Schumacher", "name"),
        ("d", 0, "Michael Schumacher", "person:m.shumacer", "person", "Michael Schumacher", "name"),
        ("e", 0, "Schumacher", "person:shumacer", "person", "Schumacher", "name"),
    ])
    out = merge_corpus_variants(table)
    assert (out.loc[1, "actor_id"], out.loc[1, "name"], out.loc[1, "link"]) == ("person:v.faiman", "Werner Faymann", "variant")
    assert out.loc[4, "actor_id"] == "person:shumacer"


def test_the_mentions_step_declares_the_corpus_merge():
    assert any(a.table == "mentions" and a.merge is merge_corpus_variants for a in actors.STEP.aggregates)


# ------------------------------------------------------------------ titles and roles (issue 14 item 3)
def test_a_title_links_to_the_person_the_article_gave_it():
    found = mentions("Bundespräsident Heinz Fischer empfing die Gäste. Später sagte der Bundespräsident, es sei ein guter Tag.")
    fischer = person_actor(["Heinz", "Fischer"])
    assert ("Bundespräsident", fischer, "title") in found


def test_a_title_without_a_holder_in_the_article_links_to_no_one():
    found = mentions("Der Präsident schwieg am Montag. Die Opposition protestierte in Graz.")
    assert not any(s == "Präsident" for s, _, _ in found)


def test_a_qualified_title_needs_a_holder_with_that_qualifier():
    text = "Präsident Heinz Fischer traf Gäste aus Brüssel. Der französische Präsident sagte ab."
    assert not any(s == "Präsident" and link == "title" for s, _, link in mentions(text))


def test_a_fixed_office_of_the_dictionary_links_by_the_articles_date():
    text = "Der Kremlchef äußerte sich am Abend."
    doc = nlp.process("t", text, cache=False)
    linked = lambda date: [(m.surface, m.actor_id) for m in actors.extract_mentions(doc, date=date)]  # noqa: E731
    assert linked("2022-01-07") == [("Kremlchef", "putin")]
    assert linked("2010-05") == []  # another president was in office
    assert linked(None) == []  # undated: only where the article names the holder
    assert ("Kremlchef", "putin", "title") in mentions("Wladimir Putin reiste ab. Der Kremlchef äußerte sich am Abend.")


def test_an_organisation_noun_links_to_the_named_organisation():
    found = mentions("Das Verkehrsministerium kündigte eine Prüfung an. Das Ministerium nannte keinen Termin.")
    assert [(s, link) for s, _, link in found] == [("Verkehrsministerium", "name"), ("Ministerium", "role")]
    assert found[0][1] == found[1][1]


def test_pronouns_link_by_gender_from_first_names():
    found = mentions("Die Anwältin Maria Keller sprach mit dem Richter Paul Brandt. Sie lächelte. Er schwieg.")
    pronouns = {s: a for s, a, link in found if link == "pronoun"}
    assert pronouns == {"Sie": person_actor(["Maria", "Keller"]), "Er": person_actor(["Paul", "Brandt"])}


def test_the_outlet_naming_itself_is_the_media_outlet():
    doc = nlp.process("t", "Der Minister sagte dem STANDARD, er bleibe im Amt.", cache=False)
    found = [(m.surface, m.actor_type, m.name) for m in actors.extract_mentions(doc)]
    assert ("STANDARD", "media", "Der Standard") in found


# ------------------------------------------------------------------ the review loop (issue 14 item 5)
def test_review_edits_rename_retype_merge_and_drop(tmp_path):
    table = _rows([
        ("a", 0, "Grüne", "organisation:grune", "organisation", "Grüne", "name"),
        ("a", 1, "Grünen", "organisation:grunen", "organisation", "Grünen", "name"),
        ("b", 0, "Window", "person:vindov", "person", "Window", "name"),
        ("b", 1, "Rapid", "person:rapid", "person", "Rapid", "name"),
    ]).assign(subtype="", category="", role="mentioned")
    review = review_table(table)
    assert list(review.columns)[-5:] == ["name", "type", "subtype", "merge_into", "drop"]
    review.loc[review["actor_id"] == "organisation:grunen", "merge_into"] = "organisation:grune"
    review.loc[review["actor_id"] == "organisation:grune", ["name", "subtype"]] = ["Die Grünen", "party"]
    review.loc[review["actor_id"] == "person:vindov", "drop"] = "x"
    review.loc[review["actor_id"] == "person:rapid", ["type", "name"]] = ["organisation", "SK Rapid Wien"]
    path = tmp_path / "edited.csv"
    review.to_csv(path, index=False)
    out = apply_review(table, path)
    assert list(out["actor_id"]) == ["organisation:grune", "organisation:grune", "person:rapid"]
    assert list(out["name"]) == ["Die Grünen", "Die Grünen", "SK Rapid Wien"]
    assert out.loc[2, "actor_type"] == "organisation"


def test_a_broken_review_file_names_the_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("actor_id,name,type,subtype,merge_into,drop\nperson:x,,robot,,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.csv:2"):
        read_review(path)


def test_actors_command_writes_the_review_csv(tmp_path, monkeypatch, capsys):
    from medialens.cli import main

    monkeypatch.setenv("MEDIALENS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Bundeskanzler Werner Faymann traf die Ministerin Anna Berger in Wien. "
                                  "Faymann sagte, die Gespräche seien gut verlaufen.", encoding="utf-8")
    out = tmp_path / "actors.csv"
    assert main(["actors", "--corpus", str(folder), "--out", str(out)]) == 0
    table = read_review(out)
    row = table[table["name"] == "Werner Faymann"].iloc[0]
    assert (row["mentions"], row["type"]) == ("2", "person")
    assert "wrote" in capsys.readouterr().out
