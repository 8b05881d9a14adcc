"""Tests for medialens.framing and medialens.evaluation.frames.

Every German sentence here was written for these tests (none is taken from a corpus or from the
evaluation data).
"""

from __future__ import annotations

import argparse
import json

import pandas as pd
import pytest

from medialens.corpus import deduplicate_articles
from medialens import figures, framing, nlp, stats
from medialens.figures.charts import framing as charts
from medialens.evaluation import frames as evalframes


@pytest.fixture(scope="module")
def process():
    cache: dict[str, nlp.Document] = {}

    def _process(text: str, article_id: str = "t") -> nlp.Document:
        key = f"{article_id}\x00{text}"
        if key not in cache:
            cache[key] = nlp.process(article_id, text, cache=False)
        return cache[key]

    return _process


def _matches(doc, frame=None):
    return [m for m in framing.match_frames(doc) if frame is None or m.frame == frame]


# ---------------------------------------------------------------------------------------------
# Frames: one positive and one negative sentence per frame
# ---------------------------------------------------------------------------------------------

FRAME_CASES = [
    ("security_order", "Spezialkräfte beendeten am Abend den Anti-Terror-Einsatz am Flughafen.", ["Anti-Terror-Einsatz"]),
    ("security_order", "Regierungstreue Medien sprachen von Plünderern und Banditen.", ["Plünderern", "Banditen"]),
    ("security_order", "Ziel sei die Wiederherstellung der Ordnung im ganzen Land.", ["Wiederherstellung der Ordnung"]),
    ("protest_civil_rights", "Hunderte Demonstranten versammelten sich zu einer Kundgebung auf dem Platz.",
     ["Demonstranten", "Kundgebung"]),
    ("protest_civil_rights", "Menschenrechtler kritisierten den Schießbefehl scharf.", ["Menschenrechtler", "Schießbefehl"]),
    ("economic_grievance", "Der Preis für Flüssiggas hatte sich zum Jahresbeginn verdoppelt.", ["Preis", "Flüssiggas"]),
    ("economic_grievance", "Viele Familien klagen über hohe Lebenshaltungskosten und niedrige Löhne.",
     ["Lebenshaltungskosten", "Löhne"]),
    ("geopolitics", "Die OVKS entsandte Friedenstruppen unter russischem Kommando.", ["OVKS", "Friedenstruppen", "russischem"]),
    ("geopolitics", "Manche Kommentatoren warnten vor dem Einfluss des Westens.", ["des Westens"]),
    ("elite_power_struggle", "Beobachter sprechen von einem Machtkampf im Clan des früheren Präsidenten.",
     ["Machtkampf", "Clan"]),
    ("elite_power_struggle", "Nasarbajews Vertraute verloren ihre Posten im Sicherheitsrat.", ["Nasarbajews", "Sicherheitsrat"]),
    ("humanitarian", "Nach Angaben der Ärzte wurden Dutzende Verletzte in Krankenhäuser gebracht.",
     ["Verletzte", "Krankenhäuser"]),
    ("humanitarian", "Wegen der Internetsperre konnten Angehörige die Festgenommenen nicht erreichen.",
     ["Internetsperre", "Angehörige", "Festgenommenen"]),
]

NEGATIVE_CASES = [
    ("security_order", "Die Lage in der Stadt ist wieder in Ordnung."),  # bare "Ordnung" is not the frame
    ("security_order", "Unter den Toten sind auch Sicherheitskräfte."),  # security forces as victims
    ("protest_civil_rights", "Der Minister wollte am Abend seine Entschlossenheit zeigen."),
    ("economic_grievance", "In der Ölstadt im Westen blieb es am Montag ruhig."),
    ("geopolitics", "Im Westen des Landes blieb die Lage angespannt."),  # direction, not "der Westen"
    ("elite_power_struggle", "Der UN-Sicherheitsrat befasste sich nicht mit der Lage."),
    ("humanitarian", "Die Polizei bat die Bevölkerung mit Hilfe von Lautsprechern um Ruhe."),  # bare "Hilfe"
]


@pytest.mark.parametrize("frame,text,expected", FRAME_CASES)
def test_frame_positive(process, frame, text, expected):
    doc = process(text)
    found = [m.matched for m in _matches(doc, frame)]
    assert found == expected
    for m in _matches(doc, frame):
        assert doc.text[m.start : m.end] == m.matched


@pytest.mark.parametrize("frame,text", NEGATIVE_CASES)
def test_frame_negative(process, frame, text):
    assert _matches(process(text), frame) == []


def test_compound_prefix_and_suffix(process):
    doc = process("Nach dem Terroranschlag stiegen die Flüssiggaspreise und die Massenproteste wuchsen.")
    got = {(m.frame, m.matched, m.kind) for m in _matches(doc)}
    assert ("security_order", "Terroranschlag", "prefix") in got
    assert ("economic_grievance", "Flüssiggaspreise", "prefix") in got
    assert ("protest_civil_rights", "Massenproteste", "suffix") in got


def test_phrase_with_gap_beats_single_words(process):
    doc = process("Die Regierung will die Ordnung in Almaty schnell wiederherstellen.")
    ms = _matches(doc, "security_order")
    assert [(m.matched, m.kind) for m in ms] == [("Ordnung in Almaty schnell wiederherstellen", "phrase")]


def test_same_span_prefers_the_more_specific_pattern(process):
    # two prefix entries of one frame match one hyphenated compound: the longer entry is reported,
    # whatever the hash seed of the process (set iteration order used to decide)
    doc = process("Ein Vertrauter des Nasarbajew-Clans wurde entlassen.")
    (m,) = _matches(doc, "elite_power_struggle")
    assert (m.matched, m.pattern, m.kind) == ("Nasarbajew-Clans", "Nasarbajew", "prefix")


def test_frame_offsets_are_article_offsets(process):
    text = "Erster Satz ohne Rahmen.\n\nDann kamen die Demonstranten."
    doc = process(text)
    (m,) = _matches(doc)
    assert (m.sentence_index, m.start, m.end) == (1, text.index("Demonstranten"), text.index("Demonstranten") + 13)


# ---------------------------------------------------------------------------------------------
# Distancing markers
# ---------------------------------------------------------------------------------------------

MARKER_CASES = [
    # marker, sentence, matched, attached_to, touched frames, distances the frame
    ("sogenannt", "Die sogenannten Friedenstruppen trafen am Donnerstag ein.", "sogenannten", "Friedenstruppen",
     "geopolitics", True),
    ("sogenannt", "Die sog. Terroristen wurden der Presse nie gezeigt.", "sog.", "Terroristen", "security_order", True),
    ("sogenannt", "Die so genannten Extremisten waren Studenten.", "so genannten", "Extremisten", "security_order", True),
    ("angeblich", "Die angeblichen Plünderer kamen aus den Nachbardörfern.", "angeblichen", "Plünderer",
     "security_order", True),
    ("vermeintlich", "Ein vermeintlicher Anführer der Extremisten wurde vorgeführt.", "vermeintlicher",
     "Anführer der Extremisten", "security_order", True),
    ("mutmasslich", "Die mutmaßlichen Plünderer wurden am Morgen gefasst.", "mutmaßlichen", "Plünderer",
     "security_order", False),
    ("scare_quote", "Die Regierung sprach von einem „Terrorangriff“ auf den Staat.", "„Terrorangriff“", "Terrorangriff",
     "security_order", True),
    ("scare_quote", "Der Sender nannte die Festgenommenen »ausländische Kämpfer«.", "»ausländische Kämpfer«",
     "ausländische Kämpfer", "geopolitics", True),
    ("konjunktiv1", "Der Minister erklärte, die Lage sei unter Kontrolle.", "sei",
     "Der Minister erklärte, die Lage sei unter Kontrolle.", "", False),
    ("konjunktiv1", "Ein Sprecher sagte, die Regierung unterstütze die Demonstranten nicht.", "unterstütze",
     "Ein Sprecher sagte, die Regierung unterstütze die Demonstranten nicht.", "protest_civil_rights", True),
]


@pytest.mark.parametrize("marker,text,matched,attached,touched,distances_frame", MARKER_CASES)
def test_distancing_marker(process, marker, text, matched, attached, touched, distances_frame):
    doc = process(text)
    rows = [r for r in framing.distancing_markers(doc) if r.marker == marker]
    assert len(rows) == 1
    (r,) = rows
    assert (r.matched, r.attached_to, r.touches_frames, r.distances_frame) == (matched, attached, touched, distances_frame)
    assert doc.text[r.start : r.end] == r.matched
    assert doc.text[r.attached_start : r.attached_end] == r.attached_to
    for m in framing.match_frames(doc):
        if r.attached_start <= m.start and m.end <= r.attached_end:
            assert m.distanced is distances_frame
            assert m.own_voice is (not distances_frame)


MARKER_NEGATIVES = [
    ("sogenannt", "Die Friedenstruppen trafen am Donnerstag ein."),
    ("angeblich", "Die Plünderer kamen aus den Nachbardörfern."),
    ("vermeintlich", "Ein Anführer der Extremisten wurde vorgeführt."),
    ("mutmasslich", "Die Plünderer wurden am Morgen gefasst."),
    # a direct quote introduced by a colon is speech, not a scare quote
    ("scare_quote", "Tokajew sagte: „Terroristen haben den Flughafen besetzt.“"),
    # a title after a title noun
    ("scare_quote", "Die Zeitung „Wremja“ berichtete über die Demonstranten."),
    # a one-word direct quote with its speaker
    ("scare_quote", "„Terroristen“, sagte der Sprecher knapp."),
    # 1st person singular indicative has the Konjunktiv I form
    ("konjunktiv1", "Ich habe die Demonstranten mit eigenen Augen gesehen."),
    ("konjunktiv1", "„Ich bin Rentner und lebe in der Hauptstadt.“"),
    ("konjunktiv1", "Die Regierung hat die Lage unter Kontrolle."),
    # Konjunktiv II is the outlet's own conditional, not reported speech
    ("konjunktiv1", "Die Zahl der Opfer könnte deutlich höher sein."),
]


@pytest.mark.parametrize("marker,text", MARKER_NEGATIVES)
def test_distancing_marker_negative(process, marker, text):
    doc = process(text)
    assert [r for r in framing.distancing_markers(doc) if r.marker == marker] == []


def test_unmarked_frame_is_own_voice(process):
    doc = process("Die Zahl der Opfer könnte deutlich höher sein.")
    (m,) = _matches(doc, "humanitarian")
    assert (m.matched, m.in_quote, m.distanced, m.own_voice) == ("Opfer", False, False, True)


def test_angeblich_adverbial_attaches_to_clause(process):
    doc = process("Die Unruhen wurden angeblich vom Ausland gesteuert, sagte er.")
    (r,) = [r for r in framing.distancing_markers(doc) if r.marker == "angeblich"]
    assert r.attached_to == "vom Ausland gesteuert"
    assert r.touches_frames == "geopolitics" and r.distances_frame


# ---------------------------------------------------------------------------------------------
# The negative case: "Terror" quoted and attributed to the government
# ---------------------------------------------------------------------------------------------

QUOTED = "Das Innenministerium erklärte: „Terroristische Banden haben Almaty angegriffen.“"
OWN = "Terroristische Banden haben Almaty angegriffen."


def test_quoted_government_terror_is_not_own_voice(process):
    doc = process(QUOTED, "q")
    q0 = QUOTED.index("„")
    attributions = pd.DataFrame([{
        "article_id": "q", "sentence_index": 0, "form": "direct",
        "quote_text": QUOTED[q0 + 1 : -1], "quote_start": q0 + 1, "quote_end": len(QUOTED) - 1,
        "source_text": "Das Innenministerium", "source_start": 0, "source_end": 20,
        "source_type": "government",
    }])
    df = framing.frames_frame([doc], attributions)
    row = df[df["frame"] == "security_order"].iloc[0]
    assert row["matched"] == "Terroristische"
    assert bool(row["in_quote"]) and bool(row["distanced"]) and bool(row["attributed"])
    assert row["source_type"] == "government"
    assert not bool(row["own_voice"])
    # without quotation marks, marker or attribution the same words are the outlet's own frame
    own = framing.frames_frame([process(OWN, "o")], attributions)
    row = own[own["frame"] == "security_order"].iloc[0]
    assert (bool(row["in_quote"]), bool(row["distanced"]), bool(row["attributed"]), bool(row["own_voice"])) == (
        False, False, False, True)


def test_indirect_attribution_without_quote_marks_is_attributed(process):
    text = "Laut Innenministerium wurden Hunderte Plünderer gefasst."
    doc = process(text, "i")
    att = pd.DataFrame([{"article_id": "i", "sentence_index": 0, "form": "according_to",
                         "quote_start": float("nan"), "quote_end": float("nan"), "source_type": "government"}])
    row = framing.frames_frame([doc], att).iloc[0]
    assert (row["frame"], bool(row["in_quote"]), bool(row["attributed"]), row["source_type"], bool(row["own_voice"])) == (
        "security_order", False, True, "government", False)


# ---------------------------------------------------------------------------------------------
# Tables, scores, shares
# ---------------------------------------------------------------------------------------------


def test_empty_inputs_keep_columns():
    assert list(framing.frames_frame([]).columns) == framing.FRAME_COLUMNS
    assert list(framing.distancing_frame([]).columns) == framing.DISTANCING_COLUMNS
    out = framing.annotate_documents([], pd.DataFrame(columns=["article_id", "outlet_type"]), {})
    assert set(out) == {"frames", "distancing"}
    assert list(out["frames"].columns) == framing.FRAME_COLUMNS
    assert list(out["distancing"].columns) == framing.DISTANCING_COLUMNS
    assert list(framing.term_spans([], "Terror").columns) == framing.SPAN_COLUMNS
    scores = framing.frame_scores(framing.frames_frame([]), [])
    assert scores.empty and "per_100_tokens" in scores.columns
    shares = framing.frame_shares(scores, pd.DataFrame(columns=["article_id", "outlet_type"]))
    assert shares.empty and "sentence_share" in shares.columns


def test_annotate_documents_reads_attributions(process):
    doc = process(QUOTED, "q")
    att = pd.DataFrame([{"article_id": "q", "sentence_index": 0, "quote_start": 31, "quote_end": len(QUOTED) - 1,
                         "source_type": "government"}])
    out = framing.annotate_documents([doc], pd.DataFrame({"article_id": ["q"]}), {"attributions": att})
    assert out["frames"]["attributed"].all() and (out["frames"]["source_type"] == "government").all()


def test_frame_scores_and_shares(process):
    d1 = process("Die Demonstranten protestierten. Es regnete.", "a1")
    d2 = process("Terroristen griffen an.", "a2")
    frames = framing.frames_frame([d1, d2])
    sent = framing.frame_scores(frames, [d1, d2], level="sentence")
    s0 = sent[(sent.article_id == "a1") & (sent.sentence_index == 0) & (sent.frame == "protest_civil_rights")].iloc[0]
    # "Die Demonstranten protestierten" = 3 word tokens, 2 matches -> 66.67 per 100 tokens
    assert (s0["n_tokens"], s0["matches"]) == (3, 2) and s0["per_100_tokens"] == pytest.approx(200 / 3)
    art = framing.frame_scores(frames, [d1, d2])
    a1 = art[(art.article_id == "a1") & (art.frame == "protest_civil_rights")].iloc[0]
    # 5 word tokens, 2 matches, 1 of 2 sentences
    assert a1["per_100_tokens"] == pytest.approx(40.0) and a1["sentence_share"] == pytest.approx(0.5)
    assert len(art) == 2 * len(framing.frame_names())
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet_type": ["independent_media", "state_media"]})
    shares = framing.frame_shares(art, articles)
    sec = shares[(shares.outlet_type == "state_media") & (shares.frame == "security_order")].iloc[0]
    assert (sec["n_articles"], sec["articles_with_frame"], sec["sentence_share"]) == (1, 1, 1.0)
    prot = shares[(shares.outlet_type == "state_media") & (shares.frame == "protest_civil_rights")].iloc[0]
    assert prot["sentence_share"] == 0.0
    # sentence-level scores aggregate to the same shares
    pd.testing.assert_frame_equal(framing.frame_shares(sent, articles), shares)


def test_frame_scores_from_sentences_table():
    frames = pd.DataFrame({"article_id": ["x"], "sentence_index": [0], "frame": ["humanitarian"], "own_voice": [True]})
    sents = pd.DataFrame({"article_id": ["x", "x"], "sentence_index": [0, 1], "text": ["Es gab viele Tote.", "Nichts."]})
    art = framing.frame_scores(frames, sents, frame_list=["humanitarian"])
    assert art.iloc[0][["n_tokens", "matches", "sentences_with_frame"]].tolist() == [5, 1, 1]


def test_frame_shares_by_source():
    frames = pd.DataFrame({"article_id": ["x", "x"], "sentence_index": [0, 2], "frame": ["security_order", "humanitarian"]})
    att = pd.DataFrame({"article_id": ["x", "x"], "sentence_index": [0, 1], "source_type": ["government", "witness_or_public"]})
    sents = pd.DataFrame({"article_id": ["x"] * 3, "sentence_index": [0, 1, 2], "text": ["a", "b", "c"]})
    out = framing.frame_shares_by_source(frames, att, sents, frame_list=["security_order", "humanitarian"])
    get = lambda st, f: out[(out.source_type == st) & (out.frame == f)].iloc[0]  # noqa: E731
    assert get("government", "security_order")["sentence_share"] == 1.0
    assert get("witness_or_public", "security_order")["sentence_share"] == 0.0
    assert get("unattributed", "humanitarian")[["n_sentences", "sentences_with_frame"]].tolist() == [1, 1]


# ---------------------------------------------------------------------------------------------
# Weighted log-odds with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)
# ---------------------------------------------------------------------------------------------


def test_distinctive_terms(process):
    d1 = process("Terroristen griffen an. Die Terroristen wurden eliminiert. Die Ordnung kehrt zurück.", "s1")
    d2 = process("Demonstranten protestierten friedlich. Die Demonstranten forderten niedrige Preise.", "i1")
    articles = pd.DataFrame({"article_id": ["s1", "i1"], "outlet_type": ["state_media", "independent_media"]})
    df = framing.distinctive_terms([d1, d2], articles, min_count=2)
    z = dict(zip(df["term"], df["z"]))
    assert z["Terrorist"] > 0 and z["Demonstrant"] < 0
    assert set(df["group_a"]) == {"state_media"}
    # function words never counted
    assert "der" not in z


# ---------------------------------------------------------------------------------------------
# KWIC and plots
# ---------------------------------------------------------------------------------------------


def test_kwic_term_prefix_and_frame(process):
    doc = process("Die Demonstranten riefen Parolen. Später kamen weitere Demonstranten hinzu.", "k")
    articles = pd.DataFrame({"article_id": ["k"], "text": [doc.text]})
    spans = framing.term_spans([doc], "Demonstrant")
    df = figures.kwic(spans, articles, window=10, keep=["sentence_index"])
    assert df[["sentence_index", "match"]].values.tolist() == [[0, "Demonstranten"], [1, "Demonstranten"]]
    assert df.iloc[0]["left"] == "Die " and df.iloc[0]["right"] == " riefen Pa"
    assert df.iloc[1]["left"] == "n weitere "
    assert figures.kwic(framing.term_spans([doc], "demonstr*"), articles)["match"].tolist() == ["Demonstranten", "Demonstranten"]
    by_frame = framing.term_spans([doc], "protest_civil_rights")
    assert by_frame[["start", "end"]].values.tolist() == spans[["start", "end"]].values.tolist()
    assert figures.kwic(framing.term_spans([doc], "weitere Demonstrant"), articles)["match"].tolist() == ["weitere Demonstranten"]


def test_plots_return_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shares = pd.DataFrame({"outlet_type": ["a", "a", "b", "b"], "frame": ["x", "y", "x", "y"],
                           "sentence_share": [0.1, 0.2, 0.3, 0.0]})
    ax = charts.plot_frame_shares(shares)
    assert len(ax.patches) == 4
    lo = stats.log_odds_dirichlet({"Terror": 6, "Protest": 2, "Gas": 1}, {"Terror": 1, "Protest": 3, "Gas": 1}, alpha0=6)
    ax2 = charts.plot_log_odds(lo, top=1)
    assert [t.get_text() for t in ax2.get_yticklabels()] == ["Terror", "Protest"]
    plt.close("all")


# ---------------------------------------------------------------------------------------------
# Lexicon files
# ---------------------------------------------------------------------------------------------


def test_lexicon_has_the_six_frames_and_valid_rows():
    lex = framing.load_frame_lexicon()
    assert lex.frames == ("security_order", "protest_civil_rights", "economic_grievance", "geopolitics",
                          "elite_power_struggle", "humanitarian")
    assert lex.size > 200
    assert framing.load_frame_lexicon() is lex  # built once


def test_bad_lexicon_row_is_rejected(tmp_path):
    p = tmp_path / "frames.csv"
    p.write_text("frame,pattern,kind\nx,ab,prefix\n", encoding="utf-8")
    with pytest.raises(ValueError, match="shorter"):
        framing.load_frame_lexicon(p)
    p.write_text("frame,pattern,kind\nx,Terror,regex\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kind"):
        framing.load_frame_lexicon(str(p) + "")


# ---------------------------------------------------------------------------------------------
# Evaluation: reader, coefficients, command
# ---------------------------------------------------------------------------------------------

FRAMES = list(framing.frame_names())


def _gold_csv(tmp_path, rows):
    df = pd.DataFrame(rows, columns=["article_id", "sentence_index", "text"] + FRAMES)
    p = tmp_path / "gold.csv"
    df.to_csv(p, index=False)
    return p


def test_read_gold_and_errors(tmp_path):
    zeros = [0] * len(FRAMES)
    p = _gold_csv(tmp_path, [["a", 0, "Satz eins.", *zeros], ["a", 1, "Satz zwei.", *zeros]])
    gold = evalframes.read_gold(p)
    assert gold["sentence_index"].tolist() == [0, 1] and gold[FRAMES].to_numpy().sum() == 0
    bad = _gold_csv(tmp_path, [["a", 0, "Satz.", 2] + zeros[1:]])
    with pytest.raises(ValueError, match="0 or 1"):
        evalframes.read_gold(bad)
    dup = _gold_csv(tmp_path, [["a", 0, "Satz.", *zeros], ["a", 0, "Satz.", *zeros]])
    with pytest.raises(ValueError, match="duplicated"):
        evalframes.read_gold(dup)
    (tmp_path / "short.csv").write_text("article_id,text\na,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing"):
        evalframes.read_gold(tmp_path / "short.csv")


def test_eval_command_on_tiny_gold(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MEDIALENS_CACHE", str(tmp_path / "cache"))
    code = lambda **on: [int(f in on) for f in FRAMES]  # noqa: E731
    p = _gold_csv(tmp_path, [
        ["g", 0, "Die Demonstranten forderten niedrigere Gaspreise.", *code(protest_civil_rights=1, economic_grievance=1)],
        ["g", 1, "Am Montag regnete es in Astana.", *code()],
        ["g", 2, "Russland schickte Soldaten.", *code(geopolitics=1)],
        ["g", 3, "Der Sprecher dankte allen Beteiligten.", *code(humanitarian=1)],  # the dictionary misses this
    ])
    parser = argparse.ArgumentParser()
    evalframes.add_arguments(parser)
    assert evalframes.run(parser.parse_args(["--gold", str(p), "--json"])) == 0
    out = json.loads(capsys.readouterr().out)
    rows = {r["frame"]: r for r in out["rows"]}
    assert out["n_sentences"] == 4
    assert rows["protest_civil_rights"]["kappa"] == pytest.approx(1.0)
    assert rows["geopolitics"]["alpha"] == pytest.approx(1.0)
    assert rows["humanitarian"]["recall"] == 0.0 and rows["humanitarian"]["gold_positive"] == 1
    assert rows["security_order"]["kappa"] is None  # both codings all 0: undefined
    # pooled: 24 decisions, one disagreement
    assert rows["overall (pooled)"]["agreement"] == pytest.approx(23 / 24)
    assert evalframes.run(parser.parse_args(["--gold", str(p)])) == 0
    assert "overall (pooled)" in capsys.readouterr().out
    assert evalframes.run(parser.parse_args(["--gold", str(tmp_path / "missing.csv")])) == 2


def test_direct_attribution_span_sets_in_quote(process):
    # a quote whose closing mark is missing in this paragraph: only the attribution table knows it
    text = "Der Sprecher sagte: „Die Plünderer werden bestraft."
    doc = process(text, "d")
    plain = framing.frames_frame([doc])
    assert not plain["in_quote"].any()
    att = pd.DataFrame([{"article_id": "d", "sentence_index": 0, "form": "direct", "quote_start": 21,
                         "quote_end": len(text), "source_type": "government"}])
    row = framing.frames_frame([doc], att).iloc[0]
    assert (row["matched"], bool(row["in_quote"]), bool(row["distanced"]), bool(row["own_voice"])) == (
        "Plünderer", True, True, False)


# ---------------------------------------------------------------------------------------------
# Aggregations over the annotated tables (used by notebooks/04-framing.ipynb)
# ---------------------------------------------------------------------------------------------


def _articles(rows):
    cols = ["article_id", "outlet_type", "date", "date_precision", "duplicate_of", "near_duplicate_group"]
    df = pd.DataFrame(rows, columns=cols)
    df["duplicate_of"] = df["duplicate_of"].astype("string")
    df["near_duplicate_group"] = df["near_duplicate_group"].astype("Int64")
    return df


WIRE = _articles([
    ["p1", "private_media", "2022-01-06", "day", None, 1],       # edited copy, printed before the agency text
    ["a1", "news_agency", "2022-01-06", "day", None, 1],         # agency original
    ["p2", "private_media", "2022-01-07", "day", None, 1],       # second private copy of the same story
    ["a2", "news_agency", "2022-01-08", "day", None, 2],
    ["p3", "private_media", "2022-01-08", "day", "a2", 2],       # exact copy of a2 in a private outlet
    ["p4", "private_media", "2022-01-08", "day", "a2", None],    # exact copy without a group joins a2's story
    ["s1", "state_media", "2022-01", "month", None, None],
])


def test_deduplicate_articles_once_per_outlet_type():
    kept = deduplicate_articles(WIRE)
    # group 1: a1 for the agency, p1 (earliest private copy) for private media; group 2: a2, and p3 (the
    # first private copy; p4 is the same story in the same type); s1 outside any group
    assert kept["article_id"].tolist() == ["p1", "a1", "a2", "p3", "s1"]
    overall = deduplicate_articles(WIRE, within=None)
    # one article per story: in group 1 the earliest (p1 and a1 share the date; ids sort a1 < p1),
    # in group 2 the original a2 before its copies
    assert overall["article_id"].tolist() == ["a1", "a2", "s1"]
    assert deduplicate_articles(WIRE.iloc[0:0]).empty
    with pytest.raises(ValueError):
        deduplicate_articles(WIRE, within="country")


def _scores(per_article):
    """Article-level frame scores from {article: (n_sentences, sentences_with_frame)} for one frame 'x'."""
    return pd.DataFrame([
        {"article_id": a, "frame": "x", "n_tokens": 10 * n, "matches": k, "n_sentences": n, "sentences_with_frame": k}
        for a, (n, k) in per_article.items()
    ])


def test_bootstrap_frame_shares_resamples_articles():
    scores = _scores({"u": (2, 2), "v": (2, 0), "w": (4, 1)})
    arts = pd.DataFrame({"article_id": ["u", "v", "w"], "outlet_type": ["g", "g", "solo"]})
    out = framing.bootstrap_frame_shares(scores, arts, n_boot=2000, seed=3)
    g = out[out.outlet_type == "g"].iloc[0]
    # resampling two articles of equal length: shares 0 (v,v), 0.5 (u,v / v,u), 1 (u,u) with probability
    # 1/4, 1/2, 1/4 -> the 95 % percentile interval is [0, 1] around the pooled 2/4
    assert (g["sentence_share"], g["ci_low"], g["ci_high"]) == (0.5, 0.0, 1.0)
    solo = out[out.outlet_type == "solo"].iloc[0]
    assert solo["sentence_share"] == solo["ci_low"] == solo["ci_high"] == 0.25
    again = framing.bootstrap_frame_shares(scores, arts, n_boot=2000, seed=3)
    pd.testing.assert_frame_equal(out, again)
    with pytest.raises(ValueError):
        framing.bootstrap_frame_shares(scores, arts, level=1.5)


def test_bootstrap_frame_share_interval_of_a_group_does_not_move_when_another_group_is_added():
    scores = _scores({"u": (2, 2), "v": (3, 0), "w": (4, 1), "x": (5, 3), "y": (1, 1)})
    one = pd.DataFrame({"article_id": ["u", "v", "w"], "outlet_type": ["g", "g", "g"]})
    two = pd.concat([one, pd.DataFrame({"article_id": ["x", "y"], "outlet_type": ["a", "a"]})])
    alone = framing.bootstrap_frame_shares(scores, one, n_boot=300, seed=5)
    both = framing.bootstrap_frame_shares(scores, two, n_boot=300, seed=5)
    cols = ["frame", "sentence_share", "ci_low", "ci_high"]
    pd.testing.assert_frame_equal(alone[alone.outlet_type == "g"][cols].reset_index(drop=True),
                                  both[both.outlet_type == "g"][cols].reset_index(drop=True))


def test_voice_of_and_voice_shares():
    frames = pd.DataFrame({
        "article_id": ["s", "s", "s", "i", "i"],
        "sentence_index": [0, 1, 2, 0, 1],
        "frame": ["security_order"] * 4 + ["protest_civil_rights"],
        "in_quote": [True, False, True, False, False],
        "distanced": [True, False, True, True, False],
        "attributed": [True, True, False, False, False],
        "own_voice": [False, False, False, False, True],
    })
    assert framing.voice_of(frames).tolist() == ["attributed", "attributed", "distanced", "distanced", "own_voice"]
    arts = pd.DataFrame({"article_id": ["s", "i"], "outlet_type": ["state_media", "independent_media"]})
    out = framing.voice_shares(frames, arts)
    get = lambda t, f, v: out[(out.outlet_type == t) & (out.frame == f) & (out.voice == v)].iloc[0]  # noqa: E731
    attributed = get("state_media", "security_order", "attributed")
    assert attributed[["matches", "share"]].tolist() == [2, pytest.approx(2 / 3)]
    assert get("state_media", "security_order", "own_voice")["matches"] == 0
    assert get("independent_media", "protest_civil_rights", "own_voice")["share"] == 1.0
    # zero-filled over the three voices only for (type, frame) pairs with a match
    assert len(out) == 3 * 3
    assert list(out.columns) == ["outlet_type", "frame", "voice", "matches", "share"]


def test_distancing_rates_and_targets_from_documents(process):
    d1 = process("Die sogenannten Terroristen waren Studenten. Der Minister sagte, die Lage sei ruhig. "
                 "Es regnete.", "i1")
    d2 = process("Die mutmaßlichen Plünderer wurden gefasst. Die Regierung sprach von „Banditen“.", "s1")
    dist = framing.distancing_frame([d1, d2])
    arts = pd.DataFrame({"article_id": ["i1", "s1"], "outlet_type": ["independent_media", "state_media"]})
    rates = framing.distancing_rates(dist, [d1, d2], arts)
    get = lambda t, k: rates[(rates.outlet_type == t) & (rates.kind == k)].iloc[0]  # noqa: E731
    # i1: 3 sentences, one "sogenannt" (lexical) and one Konjunktiv I ("sei")
    assert get("independent_media", "lexical")[["n_sentences", "markers"]].tolist() == [3, 1]
    assert get("independent_media", "lexical")["per_100_sentences"] == pytest.approx(100 / 3)
    assert get("independent_media", "konjunktiv1")["markers"] == 1
    assert get("independent_media", "scare_quote")["markers"] == 0
    # s1: "mutmaßlich" does not distance and is left out; the scare quote counts
    assert get("state_media", "lexical")["markers"] == 0
    assert get("state_media", "scare_quote")[["markers", "sentence_share"]].tolist() == [1, 0.5]
    assert framing.distancing_rates(dist, [d1, d2], arts, distances_only=False).query(
        "outlet_type == 'state_media' and kind == 'lexical'")["markers"].item() == 1
    targets = framing.distancing_targets(dist, arts)
    hit = targets[targets.markers > 0][["outlet_type", "kind", "target", "markers"]].values.tolist()
    assert hit == [
        ["independent_media", "lexical", "security_order", 1],
        ["independent_media", "konjunktiv1", "no_frame", 1],
        ["state_media", "scare_quote", "security_order", 1],
    ]
    assert set(targets["target"]) == set(framing.frame_names()) | {"no_frame"}


def test_distancing_targets_counts_each_touched_frame():
    dist = pd.DataFrame({
        "article_id": ["a", "a", "a"], "sentence_index": [0, 1, 2],
        "marker": ["konjunktiv1", "scare_quote", "angeblich"],
        "distances": [True, True, False], "touches_frames": ["geopolitics;security_order", "", "humanitarian"],
    })
    out = framing.distancing_targets(dist, frame_list=["security_order", "geopolitics"])
    assert out.values.tolist() == [
        ["scare_quote", "security_order", 0], ["scare_quote", "geopolitics", 0], ["scare_quote", "no_frame", 1],
        ["konjunktiv1", "security_order", 1], ["konjunktiv1", "geopolitics", 1], ["konjunktiv1", "no_frame", 0],
    ]
    assert framing.marker_kind("vermeintlich") == "lexical" and framing.marker_kind("konjunktiv1") == "konjunktiv1"


def test_date_periods():
    arts = pd.DataFrame({
        "article_id": ["a", "b", "c", "d", "e"],
        "date": ["2022-01-01", "2022-01-02", "2022-01-04", "2022-01-09", "2022-01"],
        "date_precision": ["day", "day", "day", "day", "month"],
    })
    daily = framing.date_periods(arts)
    assert daily.values.tolist() == [["a", "2022-01-01", "2022-01-01"], ["b", "2022-01-02", "2022-01-02"],
                                     ["c", "2022-01-04", "2022-01-04"], ["d", "2022-01-09", "2022-01-09"]]
    phases = framing.date_periods(arts, ["2022-01-02", "2022-01-05"], ["early", "late"])
    # a is before the first break, e is dated to the month only: both get no period
    assert phases.values.tolist() == [["b", "early", "2022-01-02"], ["c", "early", "2022-01-02"],
                                      ["d", "late", "2022-01-05"]]
    assert framing.date_periods(arts, ["2022-01-02"])["period"].tolist() == ["2022-01-02"] * 3
    with pytest.raises(ValueError):
        framing.date_periods(arts, ["2022-01-05", "2022-01-02"])
    with pytest.raises(ValueError):
        framing.date_periods(arts, ["2022-01-02"], ["x", "y"])


def test_frame_shares_over_time_and_two_grouping_columns():
    scores = _scores({"a": (4, 1), "b": (4, 3), "c": (2, 2), "d": (5, 5)})
    arts = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "outlet_type": ["s", "i", "s", "i"],
                         "date": ["2022-01-06", "2022-01-02", "2022-01-03", "2022-01"],
                         "date_precision": ["day", "day", "day", "month"]})
    out = framing.frame_shares_over_time(scores, arts, breaks=["2022-01-02", "2022-01-05"], labels=["P1", "P2"])
    # P1 = b + c (5 of 6 sentences), P2 = a (1 of 4); d has no day date
    assert out[["period_start", "period", "n_articles", "sentence_share"]].values.tolist() == [
        ["2022-01-02", "P1", 2, pytest.approx(5 / 6)], ["2022-01-05", "P2", 1, 0.25]]
    split = framing.frame_shares_over_time(scores, arts, breaks=["2022-01-02"], by="outlet_type")
    assert split[["outlet_type", "sentences_with_frame", "n_sentences"]].values.tolist() == [["i", 3, 4], ["s", 3, 6]]
    two = framing.frame_shares(scores, arts, by=["outlet_type", "date_precision"])
    assert list(two.columns[:3]) == ["outlet_type", "date_precision", "frame"] and len(two) == 3


def test_term_counts_and_distinctive_terms_from_tables(process):
    d1 = process("Terroristen griffen an. Die Terroristen wurden eliminiert.", "s1")
    d2 = process("Demonstranten protestierten friedlich. Die Demonstranten forderten niedrige Preise.", "i1")
    arts = pd.DataFrame({"article_id": ["s1", "i1"], "outlet_type": ["state_media", "independent_media"]})
    counts = framing.term_counts([d1, d2])
    # content lemmas only (no articles, auxiliaries, particles): "griffen an" is lemmatised without its particle
    assert counts[counts.article_id == "s1"].set_index("term")["count"].to_dict() == {
        "Terrorist": 2, "eliminieren": 1, "greifen": 1}
    from_docs = framing.distinctive_terms([d1, d2], arts, min_count=1)
    pd.testing.assert_frame_equal(framing.distinctive_terms(counts, arts, min_count=1), from_docs)
    # the frames table alone: terms are the dictionary entries that matched
    frames = framing.frames_frame([d1, d2])
    fc = framing.term_counts(frames)
    assert fc.query("article_id == 'i1' and term == 'Demonstr'")["count"].item() == 2
    z = dict(zip(*framing.distinctive_terms(frames, arts, min_count=1)[["term", "z"]].T.values))
    assert z["Terror"] > 0 and z["Demonstr"] < 0
    # only articles in the articles table count
    only_state = framing.distinctive_terms(counts, arts, a="state_media", b="independent_media", min_count=1)
    assert only_state["count_a"].sum() == counts.query("article_id == 's1'")["count"].sum()
    with pytest.raises(ValueError, match="no terms"):
        framing.distinctive_terms(counts, arts.iloc[:1])
    with pytest.raises(ValueError, match="needs"):
        framing.distinctive_terms(pd.DataFrame({"article_id": ["s1"]}), arts)


def test_new_plots_return_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rates = pd.DataFrame({"outlet_type": ["a", "a", "b", "b"], "kind": ["lexical", "konjunktiv1"] * 2,
                          "per_100_sentences": [1.0, 10.0, 0.0, 20.0]})
    ax = charts.plot_distancing_rates(rates)
    assert len(ax.patches) == 4 and [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    over = pd.DataFrame({"period_start": ["2022-01-02", "2022-01-05"] * 2, "period": ["P1", "P2"] * 2,
                         "frame": ["x", "x", "y", "y"], "n_articles": [3, 4, 3, 4],
                         "sentence_share": [0.1, 0.2, 0.3, 0.1]})
    ax2 = charts.plot_frames_over_time(over)
    assert len(ax2.lines) == 2 and [t.get_text() for t in ax2.get_xticklabels()] == ["P1\n(n=3)", "P2\n(n=4)"]
    plt.close("all")


def test_plot_log_odds_accepts_an_empty_table():
    import matplotlib.pyplot as plt

    empty = pd.DataFrame(columns=["term", "count_a", "count_b", "log_odds", "z", "favours"])
    ax = charts.plot_log_odds(empty)
    assert len(ax.patches) == 0
    plt.close("all")


def test_frame_shares_leave_out_articles_outside_the_given_articles():
    """One join rule (issue 16): an article outside the analysed set is dropped, never counted as 'unknown'."""
    scores = _scores({"u": (2, 2), "v": (2, 0), "w": (4, 1)})
    analysed = pd.DataFrame({"article_id": ["u", "v"], "outlet_type": ["g", "g"]})
    shares = framing.frame_shares(scores, analysed)
    assert shares["outlet_type"].tolist() == ["g"] and shares["n_articles"].tolist() == [2]
    ci = framing.bootstrap_frame_shares(scores, analysed, n_boot=50)
    assert ci["outlet_type"].tolist() == ["g"]
    frames = pd.DataFrame({"article_id": ["u", "w"], "sentence_index": [0, 0], "frame": ["x", "x"],
                           "in_quote": [False, False], "distanced": [False, False], "attributed": [False, False]})
    assert framing.voice_shares(frames, analysed, frame_list=["x"])["outlet_type"].unique().tolist() == ["g"]
