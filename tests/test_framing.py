"""Framing rules: naming choices, causal frames, distancing, topics (sentences written for these tests)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from medialens import attribution, framing, nlp
from medialens.framing.lexicon import load_case, load_causal_cues, load_distancing
from medialens.framing.rules.patterns import (
    SentenceView, compile_pattern, find_matches, normalise, resolve_overlaps, token_forms, PatternSet,
)

CASE = "kazakhstan-2022"


def annotate(text: str, case: str = CASE, *, with_attributions: bool = True) -> dict[str, pd.DataFrame]:
    """The framing tables of one text, with the attribution step run on it (as the annotate step does)."""
    doc = nlp.process("t", text, cache=False)
    att = attribution.attributions_frame([doc]) if with_attributions else None
    return framing.annotate_document(doc, att, cases=[case]).tables()


def namings(text: str, case: str = CASE) -> set[tuple]:
    n = annotate(text, case)["naming"]
    return {(r.referent, r.label, r.voice, bool(r.distanced)) for r in n.itertuples()}


def counted(text: str) -> list[str]:
    d = annotate(text)["distancing"]
    return list(d.loc[d["counts"], "marker"])


# ------------------------------------------------------------------------------------ patterns


def test_normalise_folds_case_hyphens_and_umlauts():
    assert normalise("Anti-Terror-Einsätze") == "antiterroreinsatze"
    assert normalise("Straße") == "strasse"
    assert token_forms("OVKS-Friedenstruppen", "Ovks-friedenstruppe") >= {"ovksfriedenstruppen", "friedenstruppen"}


def doc_of(triples):
    return nlp.document_from_triples(triples)


def matches(triples, *patterns) -> list[str]:
    doc = doc_of(triples)
    pset = PatternSet.of(compile_pattern((raw,), raw, kind, order=k) for k, (raw, kind) in enumerate(patterns))
    return [m.pattern.raw for m in resolve_overlaps(find_matches(SentenceView.of(doc.sentence_tokens(0)), pset))]


def test_prefix_head_and_lemma_kinds():
    toks = [("Die", "ART", "der"), ("Antiterroreinsätze", "NN", "Antiterroreinsätz"), ("gegen", "APPR", "gegen"),
            ("Massenproteste", "NN", "Massenprotest"), ("dauern", "VVFIN", "dauern"), (".", "$.", ".")]
    assert matches(toks, ("Antiterroreinsatz", "prefix"), ("protest", "head")) == ["Antiterroreinsatz", "protest"]
    verb = [("Sie", "PPER", "sie"), ("protestierten", "VVFIN", "protestieren"), (".", "$.", ".")]
    assert matches(verb, ("protest", "head"), ("Protest", "lemma")) == []  # the verb is no noun label


def test_phrase_gap_stays_inside_its_clause():
    inside = [("Polizisten", "NN", "Polizist"), ("schlugen", "VVFIN", "schlagen"), ("die", "ART", "der"),
              ("Proteste", "NN", "Protest"), ("in", "APPR", "in"), ("Almaty", "NE", "Almaty"), ("nieder", "PTKVZ", "nieder"),
              (".", "$.", ".")]
    assert matches(inside, ("schlagen ... nieder", "phrase")) == ["schlagen ... nieder"]
    across = [("Sie", "PPER", "sie"), ("schlugen", "VVFIN", "schlagen"), ("zu", "PTKVZ", "zu"), (",", "$,", ","),
              ("nieder", "ADV", "nieder"), (".", "$.", ".")]
    assert matches(across, ("schlagen ... nieder", "phrase")) == []


def test_tag_restricted_word_and_longest_match_wins():
    conj = [("Da", "KOUS", "da"), ("die", "ART", "der"), ("Preise", "NN", "Preis"), ("stiegen", "VVFIN", "steigen"),
            (",", "$,", ","), ("war", "VAFIN", "sein"), ("er", "PPER", "er"), ("da", "ADV", "da"), (".", "$.", ".")]
    doc = doc_of(conj)
    pset = PatternSet.of([compile_pattern(("da",), "da<KOUS>", "phrase")])
    found = find_matches(SentenceView.of(doc.sentence_tokens(0)), pset)
    assert [m.first for m in found] == [0]
    both = [("friedliche", "ADJA", "friedlich"), ("Demonstranten", "NN", "Demonstrant"), (".", "$.", ".")]
    assert matches(both, ("Demonstrant", "prefix"), ("friedlich* Demonstrant*", "phrase")) == ["friedlich* Demonstrant*"]


def test_bad_pattern_rows_name_file_and_line(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(framing.lexicon.frames_dir() / "cases" / "russia-ukraine-2022", folder)
    labels = folder / "labels.csv"
    labels.write_text(labels.read_text(encoding="utf-8") + "war,Krieg,critical,Kriegszustand,prefix,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels.csv:\d+: label 'Krieg' has stance 'critical'"):
        load_case(str(folder))
    labels.write_text("referent,label,stance,pattern,kind,context,note\nnobody,X,neutral,Xyz,prefix,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels.csv:2: unknown referent 'nobody'"):
        load_case(str(folder))
    labels.write_text("referent,label,stance,pattern,kind,context,note\nwar,X,neutral,Xy,prefix,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels.csv:2: prefix 'Xy' is shorter"):
        load_case(str(folder))


# ------------------------------------------------------------------------------------ naming


def test_quoted_label_inside_attributed_speech_is_attributed_not_own_voice():
    found = namings("Das Innenministerium erklärte: „Bewaffnete Terroristen haben den Flughafen besetzt.“")
    assert ("people", "Terroristen", "attributed", False) in found
    assert not any(v == "own" and lab == "Terroristen" for _, lab, v, _ in found)
    found = namings("Die Regierung sprach von „Banditen“, die Polizeiwachen angegriffen hätten.")
    assert ("people", "Banditen", "attributed", False) in found  # a quoted word after "sprach von": no scare quote


def test_the_same_label_in_the_outlets_own_words_is_own_voice():
    assert ("people", "Terroristen", "own", False) in namings("Terroristen haben in der Nacht das Rathaus besetzt.")


def test_sogenannte_anti_terror_operation_is_a_distanced_label():
    tables = annotate("Die sogenannte Anti-Terror-Operation dauerte bis zum 11. Januar.")
    row = tables["naming"].iloc[0]
    assert (row.referent, row.label, row.voice, bool(row.distanced), row.distanced_by) == (
        "operation", "Anti-Terror-Operation", "own", True, "sogenannt")
    marker = tables["distancing"].iloc[0]
    assert (marker.marker, marker.attached_to, bool(marker.counts)) == ("sogenannt", "Anti-Terror-Operation", True)


def test_labelling_verb_attributes_the_complement_and_leaves_the_object_to_the_outlet():
    found = namings("Der Präsident bezeichnete die Demonstranten als Banditen.")
    assert ("people", "Demonstranten", "own", False) in found
    assert ("people", "Banditen", "attributed", False) in found
    assert ("people", "Terroristen", "attributed", False) in namings("Wer protestiert hat, wird heute als Terrorist verfolgt.")


def test_context_words_decide_whether_a_label_names_the_referent():
    assert not namings("Die Bürger werden gebeten, zu Hause zu bleiben.")
    assert ("people", "Bürger", "own", False) in namings("Tausende Bürger versammelten sich auf dem Platz.")
    assert ("troops", "OVKS-Truppen", "own", False) in namings("Die OVKS hat Soldaten nach Almaty geschickt.")
    assert not namings("Kasachische Soldaten bewachten den Flughafen.")


def test_a_label_inside_a_name_is_no_naming_choice_and_no_scare_quote():
    tables = annotate("Der Telegram-Kanal „Qandy Qantar“ sammelt Namen von Opfern.")
    assert tables["naming"].empty
    assert not tables["distancing"]["counts"].any()


def test_scare_quotes_in_own_voice_distance_the_label():
    tables = annotate("Die „Friedenstruppen“ zogen nach zwei Wochen wieder ab.")
    assert ("troops", "Friedenstruppen", "own", True) in {
        (r.referent, r.label, r.voice, bool(r.distanced)) for r in tables["naming"].itertuples()}
    assert list(tables["distancing"].loc[tables["distancing"]["counts"], "marker"]) == ["scare_quote"]


def test_the_other_conflict_case_works_with_data_files_only(tmp_path):
    text = "Der Angriffskrieg gegen die Ukraine dauert an. Das Staatsfernsehen sprach von einer Spezialoperation."
    found = namings(text, "russia-ukraine-2022")
    assert ("war", "Angriffskrieg", "own", False) in found
    assert ("war", "Spezialoperation", "attributed", False) in found
    folder = tmp_path / "my-case"  # a case a researcher writes from scratch: four files, no code
    folder.mkdir()
    (folder / "referents.csv").write_text("referent,name,description\nstrike,the strike,the miners' strike\n", encoding="utf-8")
    (folder / "labels.csv").write_text(
        "referent,label,stance,pattern,kind,context,note\n"
        "strike,Arbeitskampf,neutral,Arbeitskampf,prefix,,\nstrike,Sabotage,official,Sabotage,prefix,,\n", encoding="utf-8")
    (folder / "cause_categories.csv").write_text("category,name,description\nwages,wages,pay\n", encoding="utf-8")
    (folder / "causes.csv").write_text("category,pattern,kind,context,note\nwages,Lohn,lemma,,\n", encoding="utf-8")
    doc = nlp.process("s", "Der Arbeitskampf begann wegen der niedrigen Löhne. Die Firma spricht von Sabotage.", cache=False)
    tables = framing.annotate_document(doc, attribution.attributions_frame([doc]), cases=[str(folder)]).tables()
    assert set(zip(tables["naming"]["label"], tables["naming"]["voice"])) == {("Arbeitskampf", "own"), ("Sabotage", "attributed")}
    assert list(tables["causal"]["category"]) == ["wages"]


# ------------------------------------------------------------------------------------ causal


def causes(text: str) -> set[tuple[str, str]]:
    return {(r.category, r.voice) for r in annotate(text)["causal"].itertuples()}


def test_protest_object_is_the_outlets_own_statement_of_the_grievance():
    assert causes("Tausende protestierten gegen die Verdopplung des Gaspreises.") == {("economic_grievance", "own")}
    assert causes("Die Demonstranten hatten gegen die Preiserhöhung protestiert.") == {("economic_grievance", "own")}


def test_a_causal_claim_in_reported_speech_is_attributed():
    assert causes("Der Präsident sagte, ausländische Terroristen hätten die Unruhen angezettelt.") == {("terror_coup", "attributed")}
    assert causes("Hinter den Unruhen steckt ein Machtkampf im Clan des Altpräsidenten.") == {("elite_struggle", "own")}


def test_negated_questioned_and_legal_causes_are_not_claims():
    found = causes("Die Menschen gingen nicht wegen Russland auf die Straße, sondern weil die Preise stiegen.")
    assert found == {("economic_grievance", "own")}
    assert causes("Steckt der Clan hinter den Unruhen?") == set()
    assert causes("Der Minister wurde wegen Hochverrats festgenommen.") == set()


def test_a_cue_without_a_cause_word_gives_no_row():
    assert causes("Wegen des Nebels blieb der Flughafen geschlossen.") == set()


# ------------------------------------------------------------------------------------ distancing


def test_konjunktiv_inside_a_found_attribution_is_not_distancing():
    d = annotate("Das Ministerium teilte mit, die Lage sei unter Kontrolle.")["distancing"]
    k1 = d[d["marker"] == "konjunktiv1"]
    assert len(k1) == 1 and bool(k1["licensed"].iloc[0]) and not bool(k1["counts"].iloc[0])


def test_konjunktiv_outside_any_attribution_is_distancing():
    d = annotate("Die Lage in Almaty sei inzwischen ruhig.")["distancing"]
    assert list(d.loc[d["counts"], "marker"]) == ["konjunktiv1"]
    assert d.loc[d["counts"], "voice"].tolist() == ["own"]


def test_konjunktiv_without_attributions_table_counts_and_formulas_never_do():
    assert counted("Es gebe keine Toten, es sei denn, man zähle die Angreifer mit.") == ["konjunktiv1"]
    assert counted("Alles ist ruhig, es sei denn, man fragt die Familien.") == []
    assert counted("Er tut so, als sei nichts geschehen.") == []
    assert counted("Ich habe nichts gesehen.") == []


def test_reportive_modals_need_a_perfect_infinitive():
    assert counted("Die Angreifer sollen im Ausland ausgebildet worden sein.") == ["sollen_perfekt"]
    assert counted("Die Truppen sollen bis Freitag abziehen.") == []
    assert counted("Die Behörden wollen 20.000 Angreifer gezählt haben.") == ["wollen_perfekt"]


def test_lexical_markers_and_their_targets():
    assert counted("Nach eigenen Angaben hat das Ministerium 300 Menschen festgenommen.") == ["nach_eigenen_angaben"]
    assert counted("Offiziell 225 Tote, doch die Listen der Angehörigen sind länger.") == ["offiziell"]
    assert counted("Die Zahl wurde offiziell bestätigt.") == []
    d = annotate("Mutmaßliche Plünderer wurden abgeführt.")["distancing"]
    assert list(d["marker"]) == ["mutmasslich"] and not d["counts"].any()
    assert ("people", "Plünderer", "own", False) in namings("Mutmaßliche Plünderer wurden abgeführt.")


def test_a_marker_inside_a_quotation_is_the_sources_distance():
    d = annotate("„Die sogenannten Friedenstruppen schützen nur den Präsidenten“, sagte eine Aktivistin.")["distancing"]
    row = d[d["marker"] == "sogenannt"].iloc[0]
    assert row.voice == "attributed" and bool(row.counts)


# ------------------------------------------------------------------------------------ tables and step


def test_tables_keep_their_columns_when_empty():
    doc = nlp.process("e", "Heute regnet es.", cache=False)
    tables = framing.annotate_document(doc, None).tables()
    for name, columns in framing.COLUMNS.items():
        assert list(tables[name].columns) == columns and tables[name].empty


def test_offsets_point_into_the_article_text():
    text = "Erster Absatz ohne Label.\n\nDie Demonstranten zogen zum Rathaus. Die Polizei sprach von Randalierern."
    doc = nlp.process("o", text, cache=False)
    tables = framing.annotate_document(doc, attribution.attributions_frame([doc]), cases=[CASE]).tables()
    for row in tables["naming"].itertuples():
        assert text[row.start:row.end] == row.matched


def test_step_declares_every_data_file_it_reads():
    step = framing.STEP
    assert set(step.writes) == {"naming", "causal", "distancing", "topics"} and step.reads == ("attributions",)
    assert "lexicons/frames/cases/*/*.csv" in step.data


def test_the_loaders_read_the_shipped_files():
    assert set(framing.case_names()) >= {"kazakhstan-2022", "russia-ukraine-2022"}
    case = load_case(CASE)
    assert set(case.referents) == {"people", "operation", "troops", "events", "first_president", "state_power", "shutdown"}
    assert {lab.stance for lab in case.labels.values()} <= set(framing.STANCES)
    assert load_causal_cues().size > 50
    assert set(load_distancing().rules) == {"scare_quote", "konjunktiv1", "sollen_perfekt", "wollen_perfekt"}
    assert framing.topic_names()[0] == "security_order"


def test_topics_are_matched_with_voice():
    t = annotate("Das Ministerium erklärte, Terroristen hätten den Flughafen besetzt.")["topics"]
    assert ("security_order", "attributed") in set(zip(t["topic"], t["voice"]))


# ------------------------------------------------------------------------------------ second round (issue 13)
# Each rule below is general German; the sentences were written for these tests.


def test_any_length_gap_stays_inside_the_clause():
    toks = [("Sie", "PPER", "sie"), ("führen", "VVFIN", "führen"), ("die", "ART", "der"), ("seit", "APPR", "seit"),
            ("Jahren", "NN", "Jahr"), ("wachsende", "ADJA", "wachsend"), ("Wut", "NN", "Wut"), ("vieler", "PIAT", "viel"),
            ("Menschen", "NN", "Mensch"), ("auf", "APPR", "auf"), ("die", "ART", "der"), ("Armut", "NN", "Armut"),
            ("zurück", "PTKVZ", "zurück"), (".", "$.", ".")]
    assert matches(toks, ("führen ...* auf ...* zurück<PTKVZ>", "phrase")) == ["führen ...* auf ...* zurück<PTKVZ>"]
    assert matches(toks, ("führen ... auf ... zurück<PTKVZ>", "phrase")) == []  # the short gap is too short
    broken = toks[:6] + [(",", "$,", ",")] + toks[6:]
    assert matches(broken, ("führen ...* auf ...* zurück<PTKVZ>", "phrase")) == []


def test_separable_cause_verb_with_a_long_middle_field_is_the_holders_view():
    found = causes("Fachleute führen die seit Jahren wachsende Wut vieler Menschen in der Provinz auf die Armut zurück.")
    assert found == {("economic_grievance", "attributed")}
    assert causes("Die Unruhen gehen auf die Korruption der Elite zurück.") == {("political_grievance", "own")}


def test_a_free_relative_clause_is_a_statement_an_indirect_question_is_not():
    assert causes("Was als Protest gegen die Benzinpreise anfing, endete in Gewalt.") == {("economic_grievance", "own")}
    assert causes("Wer die Unruhen aus dem Ausland gesteuert hat, weiß bis heute niemand.") == set()
    assert causes("Ob die Preiserhöhung die Unruhen ausgelöst hat, ist unklar.") == set()


def test_blame_is_the_blamers_view_and_the_effect_stays_the_outlets():
    text = "Der Minister machte islamistische Kämpfer für die Ausschreitungen verantwortlich."
    assert causes(text) == {("terror_coup", "attributed")}
    assert namings(text) >= {("people", "Extremisten", "attributed", False), ("events", "Unruhen", "own", False)}
    assert causes("Die Ausschreitungen sind auf die Armut in der Provinz zurückzuführen.") == {("economic_grievance", "own")}


def test_a_postposed_view_verb_attributes_the_sentence_before_it():
    assert causes("Weil der Gaspreis stieg, gingen die Menschen auf die Straße, glauben viele Beobachter.") == {
        ("economic_grievance", "attributed")}


def test_cause_spans_run_over_attached_relative_and_infinitive_clauses():
    assert causes("Die Preise stiegen. Dahinter steckte aber ein Plan, die Regierung zu stürzen.") == {("terror_coup", "own")}
    assert causes("Die Verantwortung trägt der General, der den Befehl gab, ohne Vorwarnung zu schießen.") == {
        ("state_violence", "own")}


def test_consequence_nouns_and_fuelling_verbs_are_causal_cues():
    assert causes("Die Ausschreitungen waren die Folge jahrzehntelanger Korruption.") == {("political_grievance", "own")}
    assert causes("Der Streit um die Ernte hatte in der Folge wenig Bedeutung.") == set()  # "in der Folge" = later
    assert causes("Ausländische Agenten hätten die Unruhen angeheizt, sagte der Minister.") == {("terror_coup", "attributed")}
    assert causes("Viele junge Männer gingen auf die Straße, weil sie keine Arbeit hatten.") == {("economic_grievance", "own")}


def test_a_pretext_is_not_a_cause():
    assert causes("Die Proteste gegen die Preiserhöhung waren nur ein Vorwand.") == set()
    assert causes("Die Proteste gegen die Preiserhöhung weiteten sich aus.") == {("economic_grievance", "own")}


def _with_attribution(text: str, cue: str, source: str, content: str) -> pd.DataFrame:
    doc = nlp.process("t", text, cache=False)
    c0, s0, q0 = text.index(cue), text.index(source), text.index(content)
    att = pd.DataFrame([{"article_id": "t", "sentence_index": 0, "form": "reported", "source_type": "",
                         "cue_start": c0, "cue_end": c0 + len(cue), "source_start": s0, "source_end": s0 + len(source),
                         "quote_start": q0, "quote_end": q0 + len(content)}])
    return framing.annotate_document(doc, att, cases=[CASE]).tables()["causal"]


def test_a_cause_of_a_reported_reaction_is_no_cause_of_the_events():
    text = "Wegen der Schüsse der Sicherheitskräfte verlangte die Opposition eine Untersuchung."
    assert _with_attribution(text, "verlangte", "die Opposition", "eine Untersuchung").empty
    protest = "Wegen der Preiserhöhung protestierten Tausende in der Provinz."
    assert set(_with_attribution(protest, "protestierten", "Tausende", "in der Provinz")["category"]) == {"economic_grievance"}


def test_the_speaker_is_not_a_cause():
    text = "Als Grund für die Entsendung nannte Moskau eine Gefahr für die Sicherheit der Region."
    assert _with_attribution(text, "nannte", "Moskau", "eine Gefahr für die Sicherheit der Region").empty


def test_bare_regierung_is_the_state_unless_another_state_or_the_cabinet_is_meant():
    assert ("state_power", "Führung", "own", False) in namings("Die Regierung senkte den Gaspreis.")
    for other in ("Westliche Regierungen kritisierten die Gewalt.", "Die Regierung trat geschlossen zurück.",
                  "Die russische Regierung schwieg.", "Die Regierung in Moskau schwieg."):
        assert not any(n[0] == "state_power" for n in namings(other)), other


def test_a_label_of_another_year_or_organisation_names_something_else():
    assert namings("Schon 2011 hatten Ölarbeiter in Schangaösen gestreikt und protestiert.") == set()
    assert ("people", "Arbeiter", "own", False) in namings("Im Januar streikten die Ölarbeiter erneut.")
    assert namings("Seit 2019 war der Ex-Präsident Nasarbajew nicht mehr im Amt.") == {
        ("first_president", "Ex-Präsident", "own", False)}  # a person is the same referent in any year
    assert namings("Die UN-Friedenstruppen im Libanon wurden verstärkt.") == set()
    assert ("troops", "Friedenstruppen", "own", False) in namings("Die OVKS-Friedenstruppen wurden verstärkt.")


def test_article_wide_context_names_the_contingent_later_in_the_text():
    assert ("troops", "OVKS-Truppen", "own", False) in namings(
        "Die OVKS schickte Fallschirmjäger. Das Kontingent bewacht den Flughafen.")
    assert namings("Das Kontingent bewacht den Flughafen.") == set()


def test_labelling_complements_skip_relative_clauses_and_nouns_take_their_phrase():
    assert ("people", "Banditen", "attributed", False) in namings(
        "Der Sender nennt die Männer, die das Gebäude besetzten, Banditen.")
    found = namings("Die Rede von einer Farbrevolution soll den Einsatz der OVKS rechtfertigen.")
    assert {("events", "Farbrevolution", "attributed", False), ("troops", "OVKS-Truppen", "own", False)} <= found
    assert ("people", "friedliche Demonstranten", "attributed", False) in namings(
        "Das passt nicht in ihr Narrativ von friedlichen Demonstranten.")
    assert ("people", "Terroristen", "attributed", False) in namings(
        "Das Ministerium dementierte Berichte, wonach Terroristen den Flughafen besetzt hätten.")


def test_speech_noun_colon_and_continuations_license_and_attribute():
    assert counted("Die Menschen versammelten sich vor dem Rathaus. Ihre Forderung: Der Gaspreis müsse sinken.") == []
    assert causes("„Das war geplant“, sagte der Analyst. Die Drahtzieher seien im Ausland zu suchen.") == {
        ("terror_coup", "attributed")}
    assert ("people", "Terroristen", "attributed", False) in namings(
        "In der Hauptstadt, so die amtliche Darstellung, hätten Terroristen Waffen erbeutet.")


def test_reportive_modals_in_verb_final_order_and_with_gewesen():
    assert counted("Es sind Männer, die zwei Polizisten getötet haben sollen.") == ["sollen_perfekt"]
    assert counted("Die Angreifer sollen an dem Sturm beteiligt gewesen sein.") == ["sollen_perfekt"]
    assert counted("Die Angreifer sollen bis Montag verhört worden sein.") == ["sollen_perfekt"]
    assert counted("Die Brücke soll bis Mai fertiggestellt sein.") == []


def test_explanatory_sogenannt_introduces_a_term_and_is_no_distance():
    assert counted("Die Polizei setzte die sogenannten Taser, also Elektroschockpistolen, gegen die Menge ein.") == []
    assert counted("Die Polizei nutzte den sogenannten LRAD gegen die Menge.") == []
    assert counted("Die Armee nutzte eine sogenannte Drohne (ein unbemanntes Flugzeug).") == []
    assert counted("Die sogenannten Friedenstruppen zogen ab.") == ["sogenannt"]


def test_offiziell_distances_only_as_an_adverb():
    assert counted("In den offiziellen Berichten ist seit Tagen nur noch von Banditen die Rede.") == []
    assert counted("Inzwischen ist offiziell nur noch von einer großen Tragödie die Rede.") == ["offiziell"]
