"""Tests for medialens.actors and the GermEval NER reader/scorer (German sentences written for the project)."""

from __future__ import annotations

import argparse
import json
from collections import Counter

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medialens import actors, config, nlp
from medialens.actors import summary as actor_summary
from medialens.evaluation import ner

SEED = config.SEEDS_DIR / "000_43dd2978da3373e8.txt"


def doc_of(text: str, article_id: str = "t") -> nlp.Document:
    return nlp.process(article_id, text, cache=False)


def ids(text: str) -> list[str]:
    """The dictionary's mentions only (discovery tests are in tests/test_actor_discovery.py)."""
    return [m.actor_id for m in actors.extract_mentions(doc_of(text), discover=False)]


def span_text(doc: nlp.Document, span: actors.NameSpan) -> str:
    return doc.text[doc.tokens[span.start].start : doc.tokens[span.end - 1].end]


def surfaces(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.actor_id) for m in actors.extract_mentions(doc_of(text), discover=False)]


# ----------------------------------------------------------------------------------- dictionary file


def test_dictionary_lines_are_valid_entityruler_patterns():
    path = actors.ACTORS_FILE
    types = {"person", "organisation", "state", "place", "media", "group"}
    metadata: dict[str, tuple] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert {"id", "label", "pattern", "canonical", "type", "category", "country"} <= set(row)
        assert row["type"] in types
        assert isinstance(row["pattern"], (str, list))
        meta = (row["label"], row["canonical"], row["type"], row["category"], row["country"])
        assert metadata.setdefault(row["id"], meta) == meta  # one actor, one set of metadata
    for actor_id in ("tokajew", "nasarbajew", "putin", "massimow", "abdymomunow", "ovks", "knb", "kreml"):
        assert actor_id in metadata


# ----------------------------------------------------------------------------------- forms -> actor id


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        # inflection (genitive -s / -es), transliteration, full names
        ("Die Rede Tokajews dauerte eine Stunde.", "Tokajews", "tokajew"),
        ("Kassym-Schomart Tokajew ordnete Staatstrauer an.", "Kassym-Schomart Tokajew", "tokajew"),
        ("Die Agentur schrieb Kassym-Jomart Tokayev.", "Kassym-Jomart Tokayev", "tokajew"),
        ("Andere schreiben Toqajew oder Tokaev.", "Toqajew", "tokajew"),
        ("Andere schreiben Tokaev.", "Tokaev", "tokajew"),
        ("Der Einfluss Nasarbajews schwindet.", "Nasarbajews", "nasarbajew"),
        ("Englische Medien schreiben Nazarbayev.", "Nazarbayev", "nasarbajew"),
        ("Auch Nasarbaew ist eine Schreibweise.", "Nasarbaew", "nasarbajew"),
        ("Der Elbasy schwieg.", "Elbasy", "nasarbajew"),
        ("Wladimir Putin sagte Hilfe zu.", "Wladimir Putin", "putin"),
        ("Wladimir Putin reiste an. Der Kremlchef sagte Hilfe zu.", "Kremlchef", "putin"),
        ("Der frühere Geheimdienstchef Karim Massimow wurde festgenommen.", "Karim Massimow", "massimow"),
        ("Die Festnahme Massimows überraschte.", "Massimows", "massimow"),
        ("Asamat Abdymomunow wurde entlassen.", "Asamat Abdymomunow", "abdymomunow"),
        ("Alichan Smailow wurde Regierungschef.", "Alichan Smailow", "smailow"),
        ("Sergej Lawrow äußerte sich.", "Sergej Lawrow", "lawrow"),
        ("US-Außenminister Blinken äußerte sich.", "Blinken", "blinken"),
        ("Xi Jinping gratulierte.", "Xi Jinping", "xi"),
        ("Josep Borrell forderte Zurückhaltung.", "Josep Borrell", "borrell"),
        ("António Guterres mahnte.", "António Guterres", "guterres"),
        ("Nikol Paschinjan leitet den Rat.", "Nikol Paschinjan", "paschinjan"),
        # states and places, with genitive and transliteration
        ("Die Nachbarn Russlands schwiegen.", "Russlands", "russland"),
        ("In Alma-Ata brannte das Rathaus.", "Alma-Ata", "almaty"),
        ("In Almaty brannte das Rathaus.", "Almaty", "almaty"),
        ("Die Proteste begannen in Schangaösen.", "Schangaösen", "schangaoesen"),
        ("Die Proteste begannen in Zhanaozen.", "Zhanaozen", "schangaoesen"),
        ("Die Hauptstadt hieß Nur-Sultan.", "Nur-Sultan", "nur_sultan"),
        ("Heute heißt sie wieder Astana.", "Astana", "nur_sultan"),
        ("Auch in Aktobe gab es Kundgebungen.", "Aktobe", "aktobe"),
        # acronyms and long forms
        ("Die OVKS schickte Truppen.", "OVKS", "ovks"),
        ("Russische Medien sprechen von der ODKB.", "ODKB", "ovks"),
        ("Englische Medien nennen sie CSTO.", "CSTO", "ovks"),
        (
            "Die Organisation des Vertrags über kollektive Sicherheit tagte.",
            "Organisation des Vertrags über kollektive Sicherheit",
            "ovks",
        ),
        ("Der KNB nahm ihn fest.", "KNB", "knb"),
        ("Das Komitee für Nationale Sicherheit schwieg.", "Komitee für Nationale Sicherheit", "knb"),
        ("Der Chef des Nationalen Sicherheitskomitees trat ab.", "Nationalen Sicherheitskomitees", "knb"),
        # institutions: unqualified = Kazakh, qualified by longest match
        ("Das Innenministerium in Kasachstan meldete Festnahmen.", "Innenministerium", "kz_innenministerium"),
        ("Das russische Innenministerium meldete nichts.", "russische Innenministerium", "ru_innenministerium"),
        ("Das russische Präsidialamt teilte mit, es helfe.", "russische Präsidialamt", "kreml"),
        ("Der Kreml teilte mit, er helfe.", "Kreml", "kreml"),
        ("Das Präsidialamt in Almaty dementierte.", "Präsidialamt", "kz_praesidialamt"),
        ("Der Vorsitz des Sicherheitsrates ging an Tokajew.", "Sicherheitsrates", "kz_sicherheitsrat"),
        ("Der UN-Sicherheitsrat tagte nicht.", "UN-Sicherheitsrat", "un_sicherheitsrat"),
        ("Die Partei Nur Otan verlor an Einfluss.", "Nur Otan", "nur_otan"),
        # groups and media
        ("Die Demonstranten blockierten in Aktau die Straße.", "Demonstranten", "demonstranten"),
        ("Protestierende zogen zum Rathaus von Almaty.", "Protestierende", "demonstranten"),
        ("Die Sicherheitskräfte schossen in Schangaösen.", "Sicherheitskräfte", "sicherheitskraefte"),
        ("Human Rights Watch forderte eine Untersuchung.", "Human Rights Watch", "hrw"),
        ("Amnesty International forderte eine Untersuchung.", "Amnesty International", "amnesty"),
        ("Das Staatsfernsehen zeigte Bilder aus Kasachstan.", "Staatsfernsehen", "kz_staatsfernsehen"),
        ("Der Sender Khabar zeigte Bilder.", "Khabar", "khabar"),
        ("Die Agentur Kazinform meldete dies.", "Kazinform", "kazinform"),
        ("Die Agentur TASS meldete dies.", "TASS", "tass"),
    ],
)
def test_form_resolves_to_actor(text, surface, actor_id):
    assert (surface, actor_id) in surfaces(text)


@pytest.mark.parametrize(
    "text",
    [
        "Die Lage ist ernst.",
        "Der Winter kommt früh.",
        "Das Feuer brennt seit Stunden.",
        "Die Preise für Flüssiggas stiegen.",
        "Das Essen war kalt.",
        "Der Zug kam nicht.",
        "Die Angst wächst.",
    ],
)
def test_capitalised_common_nouns_are_not_actors(text):
    doc = doc_of(text)
    assert list(actors.extract_mentions(doc)) == []
    assert actors.recognize(doc) == []


# ----------------------------------------------------------------------------------- resolution rules


def test_title_and_name_count_once():
    assert surfaces("Präsident Tokajew erteilte den Schießbefehl.") == [("Tokajew", "tokajew")]
    assert surfaces("Tokajew telefonierte mit dem russischen Präsidenten Wladimir Putin.") == [
        ("Tokajew", "tokajew"),
        ("Wladimir Putin", "putin"),
    ]


def test_apposition_title_counts_once():
    text = "Tokajew sprach. Der Präsident der Republik, Kassym-Schomart Tokajew, ordnete Trauer an."
    assert ids(text) == ["tokajew", "tokajew"]


def test_der_praesident_only_after_tokajew_was_mentioned():
    text = "Der Präsident schwieg lange. Dann sprach Tokajew. Später sagte der Präsident, er bleibe hart."
    found = surfaces(text)
    assert found == [("Tokajew", "tokajew"), ("Präsident", "tokajew")]


def test_der_praesident_is_the_holder_named_nearest_before():
    # a bare role line counts only for an actor the article named, and then for the nearest one
    # named before it (not the first in file order): two presidents named -> the later one
    text = "Tokajew telefonierte mit Putin. Der Präsident dankte für die Hilfe."
    assert ids(text) == ["tokajew", "putin", "putin"]
    text = "Putin rief an. Danach sprach Tokajew im Fernsehen. Der Präsident kündigte Reformen an."
    assert ids(text) == ["putin", "tokajew", "tokajew"]
    assert ids("Putin äußerte sich. Der Präsident sprach von Hilfe.") == ["putin", "putin"]
    assert ids("Der Präsident sprach von Hilfe.") == []


def test_unsafe_surname_only_after_full_name():
    assert ids("Michel schwieg.") == []
    assert ids("Charles Michel telefonierte. Michel sagte danach nichts.") == ["michel", "michel"]


def test_long_form_followed_by_acronym_counts_once():
    assert surfaces("Das nationale Sicherheitskomitee (KNB) teilte dies mit.") == [
        ("nationale Sicherheitskomitee", "knb")
    ]
    text = "Der Organisation des Vertrages für kollektive Sicherheit (OVKS) gehört Armenien an."
    assert ids(text) == ["ovks", "armenien"]


def test_national_common_nouns_need_the_country_in_the_article():
    # "Regierung" is the Kazakh government only in an article that names something Kazakh
    assert ids("Die Regierung in Wien plant eine Steuerreform.") == []
    assert ids("Die Demonstranten zogen vor das Parlament.") == []
    assert ids("Die Regierung trat zurück. Später ernannte Tokajew einen Nachfolger.") == ["kz_regierung", "tokajew"]
    # roles are not common nouns in this sense: the Kremlchef is Putin in any article of his term
    doc = doc_of("Der Kremlchef äußerte sich.")
    assert [m.actor_id for m in actors.extract_mentions(doc, discover=False, date="2022-01")] == ["putin"]


def test_hyphen_compounds_are_not_mentions():
    assert ids("Der frühere KNB-Chef gilt als Vertrauter.") == []


def test_mention_offsets_point_into_text():
    text = "Am Samstag entließ Präsident Tokajew den Sekretär des Sicherheitsrates."
    for m in actors.extract_mentions(doc_of(text)):
        assert text[m.start : m.end] == m.surface
        assert m.role == "mentioned"


# ----------------------------------------------------------------------------------- generic names


def test_surname_after_full_name_for_unknown_person():
    doc = doc_of("Die Ärztin Jelena Baranowa berichtete von Toten. Baranowa forderte eine Untersuchung.")
    spans = [(span_text(doc, s), s.label, s.key) for s in actors.recognize(doc)]
    assert spans == [
        ("Jelena Baranowa", "PER", "Jelena Baranowa"),
        ("Baranowa", "PER", "Jelena Baranowa"),
    ]
    cands = actors.actor_candidates([doc])
    row = cands.set_index("name").loc["Jelena Baranowa"]
    assert row["count"] == 2 and row["type_guess"] == "PER" and row["variants"] == "Baranowa|Jelena Baranowa"


@pytest.mark.parametrize(
    "text, name, label",
    [
        ("Der Reporter sprach mit Aigul Temirbekowa über die Lage.", "Aigul Temirbekowa", "PER"),
        ("Geheimdienstchef Sagatow trat zurück.", "Sagatow", "PER"),
        ("Der Sender Radio Stepnoj berichtete live.", "Radio Stepnoj", "ORG"),
        ("Die Deutsche Bank zog Mitarbeiter ab.", "Deutsche Bank", "ORG"),
        ("Auch in Pawlodar gingen Menschen auf die Straße.", "Pawlodar", "LOC"),
        ("Sie reisten über Taschkent nach Bischkek.", "Bischkek", "LOC"),
        ("Der Konvoi fuhr nach Sindelfingen.", "Sindelfingen", "LOC"),
        ("Die Siemens AG äußerte sich nicht.", "Siemens AG", "ORG"),
        # a club prefix takes the place after it, even one the tagger read as a noun
        ("Am Samstag verlor der SV Musterbach zu Hause.", "SV Musterbach", "ORG"),
        ("Der TuS Lindenau gewann das Derby.", "TuS Lindenau", "ORG"),
        # an institution head with a place after it names one body
        ("Sie studierte an der Universität Graz.", "Universität Graz", "ORG"),
        ("Das Landgericht Augsburg verurteilte ihn zu zwei Jahren.", "Landgericht Augsburg", "ORG"),
        ("Er besuchte die Realschule Bergheim.", "Realschule Bergheim", "ORG"),
        # ... but not a club noun: it describes the club named after it
        ("Der Traditionsverein Preußen Münster stieg ab.", "Preußen Münster", "ORG"),
        ("Der Klub spielt in der Europa League.", "Europa League", "ORG"),
        # "die Union" is a party alliance (or the European Union): a name also after the article
        ("Die Union lehnte den Antrag ab.", "Union", "ORG"),
        # a capitalised surname after a given name that the tagger read as a verb
        ("Gestern sprach Jonas Lacht im Landtag.", "Jonas Lacht", "PER"),
        # an acronym in parentheses after an organisation word still spells out its long form
        ("Der Bund kleiner Sparkassen (BkS) protestierte.", "Bund kleiner Sparkassen", "ORG"),
        # a country in the genitive after an organisation head is a place of its own
        ("Die Oberste Wahlkommission Russlands tagte.", "Oberste Wahlkommission", "ORG"),
        ("Die Oberste Wahlkommission Russlands tagte.", "Russlands", "LOC"),
    ],
)
def test_generic_recognition_types(text, name, label):
    doc = doc_of(text)
    spans = {span_text(doc, s): s.label for s in actors.recognize(doc)}
    assert spans.get(name) == label


def test_outlet_names_in_quotation_marks_are_organisations():
    # registry names that are everyday words name the outlet only when they stand alone in quotes
    for text, name in [("Das berichtete der „Spiegel“ am Montag.", "Spiegel"),
                       ('Wie der "Stern" meldet, ist der Vertrag unterschrieben.', "Stern")]:
        doc = doc_of(text)
        assert {span_text(doc, s): s.label for s in actors.recognize(doc)}.get(name) == "ORG"
    doc = doc_of("Der Stern leuchtete hell über dem Dorf.")
    assert [s for s in actors.recognize(doc) if s.label == "ORG"] == []


@pytest.mark.parametrize("text", ["„Das ist falsch“, sagte Brückenhauer.", "Die Lage sei ernst, so Kornhäuser."])
def test_surname_after_a_postposed_reporting_verb_is_a_person(text):
    # the tagger reads these invented surnames as nouns; after ", sagte" / ", so" closing the clause they name the speaker
    doc = doc_of(text)
    assert [(span_text(doc, s), s.label) for s in actors.recognize(doc)] == [(text.split()[-1].rstrip("."), "PER")]
    doc = doc_of("„Gut“, sagte Mutter.")  # a known common noun stays a noun
    assert actors.recognize(doc) == []


def test_geonames_town_in_lingen_read_as_a_noun_is_a_place():
    # "-lingen" is no place ending (Flüchtlingen), but a GeoNames town with it is still a place
    from medialens.actors.rules.cues import _noun_place_name

    def noun(text):
        return nlp.Token(0, text, 0, len(text), "NN", text, 0, 0)

    assert _noun_place_name(noun("Dillingen"))
    assert not _noun_place_name(noun("Flüchtlingen")) and not _noun_place_name(noun("Häftlingen"))


def test_known_organisation_is_not_taken_for_an_earlier_surname():
    doc = doc_of("Der Künstler Tom Reuters stellte in Linz aus. Nach Angaben von Reuters kamen viele Besucher.")
    spans = [(span_text(doc, s), s.label) for s in actors.recognize(doc)]
    assert spans[0] == ("Tom Reuters", "PER") and spans[-1] == ("Reuters", "ORG")


def test_candidates_exclude_dictionary_actors_and_merge_chunks():
    docs = [
        doc_of("Tokajew traf Igor Sawelin in Almaty.", "a1"),
        doc_of("Igor Sawelin sprach mit Journalisten. Sawelin blieb vage.", "a2"),
    ]
    one = actors.actor_candidates(docs)
    assert list(one.columns) == actors.CANDIDATE_COLUMNS
    assert "Tokajew" not in set(one["name"]) and "Almaty" not in set(one["name"])
    merged = actors.merge_candidates(pd.concat([actors.actor_candidates([d]) for d in docs], ignore_index=True))
    row = merged.set_index("name").loc["Igor Sawelin"]
    assert (row["count"], row["n_articles"]) == (3, 2)
    assert row["count"] == one.set_index("name").loc["Igor Sawelin", "count"]


def test_recognize_entities_on_words():
    words = "Angela Merkel traf Kassym-Schomart Tokajew in Almaty .".split()
    assert actors.recognize_entities(words) == [(0, 2, "PER"), (3, 5, "PER"), (6, 7, "LOC")]
    assert actors.recognize_entities([]) == []


# ----------------------------------------------------------------------------------- tables


def test_role_source_from_attributions():
    text = "Tokajew sagte, die Lage sei unter Kontrolle. Die Demonstranten widersprachen."
    doc = doc_of(text, "art1")
    start = text.index("Tokajew")
    attributions = pd.DataFrame(
        {
            "article_id": ["art1", "other"],
            "source_start": [start, 0],
            "source_end": [start + len("Tokajew"), 200],
        }
    )
    frame = actors.mentions_frame([doc], attributions)
    assert list(frame.columns) == actors.MENTION_COLUMNS
    roles = dict(zip(frame["actor_id"], frame["role"]))
    assert roles == {"tokajew": "source", "demonstranten": "mentioned"}


def test_missing_source_offsets_do_not_mark_sources():
    doc = doc_of("Tokajew sagte nichts.", "x")
    attributions = pd.DataFrame({"article_id": ["x"], "source_start": [pd.NA], "source_end": [pd.NA]})
    assert actors.mentions_frame([doc], attributions)["role"].tolist() == ["mentioned"]


def test_cooccurrence_and_graphml(tmp_path):
    docs = [
        doc_of("Tokajew sprach mit Putin. Putin sagte Hilfe zu.", "a"),
        doc_of("Tokajew dankte Putin und der OVKS.", "b"),
    ]
    mentions = actors.mentions_frame(docs)
    cooc = actor_summary.cooccurrence(mentions)
    assert list(cooc.columns) == actor_summary.COOCCURRENCE_COLUMNS
    pairs = {(a, b): (n, k) for a, b, n, k in cooc.itertuples(index=False)}
    assert pairs == {("putin", "tokajew"): (2, 2), ("ovks", "putin"): (1, 1), ("ovks", "tokajew"): (1, 1)}
    path = actor_summary.write_graphml(actor_summary.cooccurrence_graph(cooc, mentions), tmp_path / "net.graphml")
    graph = nx.read_graphml(path)
    assert graph["putin"]["tokajew"]["weight"] == 2
    assert graph.nodes["putin"]["mentions"] == 3
    assert graph.nodes["tokajew"]["category"] == "kz_government"


def test_annotate_documents_empty_and_chunk():
    empty = actors.annotate_documents([], pd.DataFrame(), {})
    assert list(empty["mentions"].columns) == actors.MENTION_COLUMNS
    assert list(empty["actor_candidates"].columns) == actors.CANDIDATE_COLUMNS
    assert empty["mentions"].empty and empty["actor_candidates"].empty
    out = actors.annotate_documents([doc_of("Putin rief Tokajew an.", "c")], pd.DataFrame(), {})
    assert sorted(out["mentions"]["actor_id"]) == ["putin", "tokajew"]
    assert actor_summary.cooccurrence(out["mentions"].iloc[0:0]).empty


# ----------------------------------------------------------------------------------- seed article
# Counted by reading the seed article (Kazakhstan, January 2022):
# - tokajew 12: "Kassym-Schomart Tokajew" (the apposition "Der Präsident der … Republik, K.-S. Tokajew"
#   counts once), "Präsident Tokajew" twice (title + name = one mention each), "Tokajews" twice (genitive
#   counts) and seven bare "Tokajew". "sein Schießbefehl" (pronoun) does not count.
# - nasarbajew 3: "dem ersten kasachischen Präsidenten Nursultan Nasarbajew" (one: title + name),
#   "Der 81 Jahre alte Nasarbajew", "Verbündeter Nasarbajews".
# - putin 4: headline "Telefonat mit Putin", "dem russischen Präsidenten Wladimir Putin" (one), two bare "Putin".
# - massimow 2: "Geheimdienstchef Karim Massimow" (one), "Massimow werde …". "Der frühere KNB-Chef" is a
#   role noun inside a compound and is not counted.
# - abdymomunow 1; kz_innenministerium 1 ("das Innenministerium des zentralasiatischen Landes").
# - ovks 2: "Militärallianz OVKS" and "Organisation des Vertrages für kollektive Sicherheit (OVKS)" (long form
#   + acronym in parentheses = once). "ein von Russland geführtes Militärbündnis" (indefinite) does not count.
# - knb 1: "das nationale Sicherheitskomitee (KNB)" once; "KNB-Chef" (compound) does not count.
# - Präsidialamt 2: both are "das russische Präsidialamt" -> actor id kreml; the Kazakh one (kz_praesidialamt) 0.
SEED_COUNTS = {
    "tokajew": 12,
    "nasarbajew": 3,
    "putin": 4,
    "massimow": 2,
    "abdymomunow": 1,
    "ovks": 2,
    "knb": 1,
    "kz_innenministerium": 1,
    "kreml": 2,
    "kz_praesidialamt": 0,
}


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article_counts():
    from medialens.corpus import load_corpus

    articles, _ = load_corpus(SEED.parent)
    article = articles[articles["source_file"].astype(str).str.endswith(SEED.name)].iloc[0]
    doc = nlp.process(article["article_id"], article["text"], cache=False)
    # named mentions (pronouns linked to an actor are rows too, but not counted in charts)
    counts = Counter(m.actor_id for m in actors.extract_mentions(doc) if m.link != "pronoun")
    assert {k: counts.get(k, 0) for k in SEED_COUNTS} == SEED_COUNTS


# ----------------------------------------------------------------------------------- GermEval reader


TINY_TSV = """# sentence written for the test
1\tAngela\tB-PER\tO
2\tMerkel\tI-PER\tO
3\tbesuchte\tO\tO
4\tAlmaty\tB-LOC\tO
5\t.\tO\tO

1\tDie\tO\tO
2\tEuropäische\tB-ORG\tB-LOCderiv
3\tUnion\tI-ORG\tO
4\ttagte\tO\tO
5\tin\tO\tO
6\tBrüssel\tB-LOC\tO
7\t.\tO\tO
"""


def test_germeval_reader(tmp_path):
    path = tmp_path / "tiny.tsv"
    path.write_text(TINY_TSV, encoding="utf-8")
    sentences = ner.read_germeval(path)
    assert [s.tokens for s in sentences] == [
        ("Angela", "Merkel", "besuchte", "Almaty", "."),
        ("Die", "Europäische", "Union", "tagte", "in", "Brüssel", "."),
    ]
    assert sentences[0].spans == ((0, 2, "PER"), (3, 4, "LOC"))
    assert sentences[1].spans == ((1, 3, "ORG"), (5, 6, "LOC"))
    assert sentences[1].nested == ((1, 2, "LOCderiv"),)
    bad = tmp_path / "bad.tsv"
    bad.write_text("1\tWort\tX-PER\tO\n", encoding="utf-8")
    with pytest.raises(ValueError):
        ner.read_germeval(bad)


def test_bio_spans_and_conlleval_scores():
    assert ner.bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"]) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
        (5, 6, "ORG"),
    ]
    gold = [[(0, 2, "PER"), (3, 4, "LOC")], [(1, 3, "ORG"), (5, 6, "OTH")]]
    pred = [[(0, 2, "PER"), (3, 4, "PER")], [(1, 2, "ORG"), (5, 6, "LOC")]]
    result = ner.score(gold, pred)
    assert result["per_type"]["PER"] == pytest.approx(
        {"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "tp": 1, "pred": 2, "gold": 1}
    )
    assert result["micro"]["tp"] == 1 and result["micro"]["pred"] == 4 and result["micro"]["gold"] == 3
    assert result["other"]["OTH"] == {"gold": 1, "predicted_as_main_type": 1}


def test_eval_command_on_tiny_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MEDIALENS_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "tiny.tsv"
    path.write_text(TINY_TSV, encoding="utf-8")
    parser = argparse.ArgumentParser()
    ner.add_arguments(parser)
    args = parser.parse_args(["--gold", str(path), "--split", "all"])
    result = ner.evaluate(args)
    json.dumps(result)  # what --save stores
    assert result["micro"]["gold"] == 4 and result["micro"]["tp"] == 4
    assert "Benikova" in result["citation"]
    assert "micro" in ner.format_result(result)
    assert ner.data_paths(args) == [path]
    with pytest.raises(FileNotFoundError):
        ner.evaluate(parser.parse_args(["--gold", str(tmp_path / "missing.tsv")]))


# ----------------------------------------------------------------------------------- robustness

WORDS = (
    "Tokajew Präsident der die Regierung ( ) KNB , . „ “ Kasachstan Russlands OVKS-Truppen AG GmbH "
    "Müller Hans in nach Frau Dr. Europäische Union des Vertrags über kollektive Sicherheit\n\n"
).split(" ")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=80), st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)))
def test_arbitrary_text_never_crashes(text):
    doc = nlp.process("fuzz", text, cache=False)
    frame = actors.mentions_frame([doc])
    assert list(frame.columns) == actors.MENTION_COLUMNS
    for r in frame.itertuples():
        assert text[r.start : r.end] == r.surface
    for span in actors.recognize(doc, derived=True):
        assert 0 <= span.start < span.end <= len(doc.tokens)


def test_given_names_quick_frequency_test_keeps_the_definition():
    """``given_names`` asks wordfreq only for names that may be frequent; the set equals the definition
    (faker's given names that are neither common nouns nor German words of Zipf 4.5 or more)."""
    from medialens.actors import resources

    male, female, _ = resources.person_names()
    nouns = resources.common_nouns()
    defined = {n for n in male | female if n not in nouns and resources.zipf(n) < resources.GIVEN_NAME_MAX_ZIPF}
    assert resources.given_names() == defined
    maybe = resources._maybe_frequent(resources.GIVEN_NAME_MAX_ZIPF)
    assert maybe("Will") and maybe("Mark") and maybe("Jean-Luc")  # frequent words; a hyphen: asked
    assert not maybe("Aigerim")


def test_kept_name_lists_equal_the_computed_ones(tmp_path, monkeypatch):
    from medialens.actors import resources

    for loader in (resources.person_names, resources.places, resources.given_names):
        computed = loader.compute()
        assert loader() == computed  # the process' list (kept elsewhere or computed)
        monkeypatch.setenv("MEDIALENS_CACHE", str(tmp_path / loader.__name__))  # an empty cache
        calls = []

        def counted():
            calls.append(1)
            return computed

        counted.__name__ = loader.__name__
        assert resources._kept(counted)() == computed and len(calls) == 1  # computed and written
        assert resources._kept(counted)() == computed and len(calls) == 1  # read from the file
        kept = list((tmp_path / loader.__name__ / "resources").glob("*.json"))
        assert [p.name.split("-")[0] for p in kept] == [loader.__name__]
        kept[0].write_text("{damaged", encoding="utf-8")
        assert resources._kept(counted)() == computed and len(calls) == 2  # damaged: computed again
