"""Sentiment: tone per sentence, per actor and per source type, explained by its words.

Two scorers run side by side on every sentence:

* **textblob-de baseline** (:func:`textblob_polarity`): ``TextBlobDE(text,
  tokenizer=PatternTokenizer()).polarity`` with the German polarity lexicon of Klenner, Clematide,
  Wiegand & Peters (2010) bundled with textblob-de. Kept as the documented reference point. On news
  it is weak: pattern lower-cases every word before the lexicon lookup, so the capitalised noun
  entries ("Terror", "Gewalt", "Krise") never match, casualty words ("Tote", "Opfer") are missing,
  and some entries mislead ("erschüttert" +0.7).
* **medialens news scorer** (:func:`score_tokens`): the same bundled lexicon (read at run time from
  the installed ``textblob_de/data/de-sentiment.xml``, never copied), looked up by HanTa lemma and
  STTS part of speech, plus the project's own news-vocabulary additions and overrides, negation,
  intensifiers, VADER's contrast ("but") rule, particle verbs ("nahm ... fest" -> festnehmen),
  multi-word entries ("ums Leben") and a compound-head fallback for nouns ("Energiekrise" ->
  "Krise"). All lists are data files in ``data/lexicons/sentiment/`` (see the README there).

Aggregation follows the normalisation of VADER (Hutto & Gilbert 2014, *VADER: A Parsimonious
Rule-based Model for Sentiment Analysis of Social Media Text*, ICWSM): the word contributions are
summed, ``S = sum(c_i)``, and squashed to ``polarity = S / sqrt(S**2 + ALPHA)``. VADER uses
alpha = 15 on its -4..+4 word scale, i.e. 15/16 on our -1..+1 scale; we use :data:`ALPHA`.
A sentence is *neutral* when ``abs(polarity) < NEUTRAL_BAND``.

Target-oriented tone: :func:`target_tone` joins sentence tone to actor mentions and attributions
(grouped by actor, outlet type, source type), :func:`score_span` scores any character span (a
clause; :func:`quote_tone` a quotation), and :func:`score_target` scores a target's sentence or a
window around it (the scope ``medialens eval sentiment`` uses). :func:`bootstrap_ci` gives group
means with deterministic percentile intervals.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Iterable, Mapping, NamedTuple, Sequence

import numpy as np
import pandas as pd

from medialens import config
from medialens.lexicon_files import data_list, data_rows

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from medialens import nlp

#: Polarity multiplier for a word inside a negation scope (flip and dampen: "keine Gewalt" is mildly
#: good news, not as good as "Frieden"). VADER uses -0.74; news negation is more often
#: factual ("keine Toten") than evaluative, so we dampen more.
NEGATION_FACTOR = -0.5
#: A negator negates the sentiment words among the next this-many tokens of its clause.
NEGATION_WINDOW = 4
#: An intensifier modifies the first sentiment word among the next this-many tokens of its clause.
INTENSIFIER_WINDOW = 2
#: Squashing constant of the VADER-style normalisation ``S / sqrt(S**2 + ALPHA)``.
ALPHA = 1.0
#: ``abs(polarity) < NEUTRAL_BAND`` is labelled neutral. With ALPHA = 1 the band is reached by a sum
#: of contributions of at least 0.58: one clearly polar word ("Gewalt" -1.0, "stabil" +0.6, "Tote"
#: -1.0) or two milder ones; a lone mild or negated word ("Sicherheit" +0.5, "keine Gewalt" +0.5,
#: "Protest" -0.2) stays neutral. Chosen on the tune half of GerNTSA (flat optimum 0.45-0.55).
NEUTRAL_BAND = 0.5
#: Labels in a fixed order (also the order of confusion matrices).
LABELS = ("negative", "neutral", "positive")
#: Columns of the sentences table written by ``medialens annotate``.
SENTENCE_COLUMNS = [
    "article_id",
    "sentence_index",
    "start",
    "end",
    "text",
    "polarity_textblob",
    "polarity",
    "label",
    "drivers",
]
TONE_COLUMNS = ["polarity", "polarity_textblob", "label", "drivers", "sentence_text"]
CI_COLUMNS = ["group", "n", "mean", "ci_low", "ci_high"]

# STTS -> the coarse tags of the baseline lexicon (Penn-style NN/JJ/VB/RB). Other tags are not scored.
_COARSE = {
    "NN": "NN",
    "NNA": "NN",
    "NNI": "NN",
    "ADJA": "JJ",
    "ADJD": "JJ",
    "ADV": "RB",
    "VVFIN": "VB",
    "VVINF": "VB",
    "VVIZU": "VB",
    "VVPP": "VB",
    "VVIMP": "VB",
}
# Clause boundaries for negation and intensifier scope: punctuation and conjunctions.
_BOUNDARY_POS = frozenset({"$,", "$.", "$(", "KON", "KOUS", "KOUI"})
# Negators that negate a noun phrase: their scope ends at the first noun ("ohne Hilfe droht ...").
_NP_NEGATORS = frozenset({"kein", "keiner", "keinerlei", "ohne"})
#: VADER's "but" rule (Hutto & Gilbert 2014): before a contrastive conjunction words count
#: CONTRAST_BEFORE, after it CONTRAST_AFTER.
CONTRAST_BEFORE = 0.5
CONTRAST_AFTER = 1.5
# Negators that, with nothing to negate after them, negate the preceding word (German verb-final /
# V2 order: "Die Lage beruhigte sich nicht").
_POSTPOSED_NEGATORS = frozenset({"nicht", "nie", "niemals", "keineswegs", "keinesfalls", "nimmer"})
# Intensifier roles are ignored for these tags ("zu" as preposition, "ganz" as determiner …).
_NO_INTENSIFIER_POS = frozenset({"APPR", "APPRART", "PTKZU", "PTKVZ", "KON", "KOUS", "ART"})
_MIN_HEAD = 4  # shortest compound head tried ("Verkehrstote" -> "Tote")
_MIN_MODIFIER = 3  # shortest first part of a compound


class Driver(NamedTuple):
    """A word that moved the score: surface form, lemma and its signed contribution."""

    word: str
    lemma: str
    contribution: float


@dataclass(frozen=True)
class SentimentScore:
    """Tone of a token sequence.

    Attributes:
        polarity: normalised score in [-1, 1].
        label: "negative", "neutral" or "positive" (neutral band :data:`NEUTRAL_BAND`).
        drivers: the words with a non-zero contribution, in text order.
        raw: the unnormalised sum of contributions.
    """

    polarity: float
    label: str
    drivers: tuple[Driver, ...]
    raw: float

    def drivers_text(self) -> str:
        """Compact form used in tables: ``"Tote:-1.00; friedlich:+0.70"``."""
        return format_drivers(self.drivers)


@dataclass(frozen=True)
class SentimentLexicon:
    """Everything the news scorer looks up; built by :func:`load_lexicon`.

    Attributes:
        words: additions and overrides by lemma (they win over the baseline).
        baseline: the textblob-de lexicon: form -> {coarse POS or None: polarity}; ``None`` holds the
            average over parts of speech (as pattern does).
        phrases: multi-word entries as lower-case word tuples -> polarity.
        negators: negation lemmas (lower case).
        negation_exceptions: two-word sequences whose first word is not a negation.
        intensifiers: lemma -> factor.
        compound_heads: nouns allowed as compound heads -> polarity.
        contrast: contrastive conjunctions/adverbs for the "but" rule.
    """

    words: Mapping[str, float]
    baseline: Mapping[str, Mapping[str | None, float]]
    phrases: Mapping[tuple[str, ...], float]
    negators: frozenset[str]
    negation_exceptions: frozenset[tuple[str, str]]
    intensifiers: Mapping[str, float]
    compound_heads: Mapping[str, float] = field(default_factory=dict)
    contrast: frozenset[str] = frozenset()
    _memo: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def value(self, lemma: str, text: str, pos: str) -> tuple[float, str] | None:
        """Polarity of one token and the lexicon key that matched, or ``None`` when unknown.

        Order: project entries, then the baseline (POS-matched reading, else the average), first by
        lemma, then by surface form (lower-cased for non-nouns); nouns then try their compound head.
        """
        key = (lemma, text, pos)
        if key not in self._memo:
            self._memo[key] = self._lookup(lemma, text, pos)
        return self._memo[key]

    def _lookup(self, lemma: str, text: str, pos: str) -> tuple[float, str] | None:
        coarse = _COARSE.get(pos)
        if coarse is None or (coarse == "NN" and not text[:1].isupper()):
            return None  # a lower-case "noun" is a tagging error ("erfolge" tagged as Erfolg)
        candidates = [lemma, text]
        if coarse != "NN":
            candidates += [lemma.lower(), text.lower()]
        if "ß" in lemma:  # HanTa sometimes lemmatises to pre-1996 spelling ("Kompromisse" -> "Kompromiß")
            candidates.append(lemma.replace("ß", "ss"))
        for cand in dict.fromkeys(candidates):
            if cand in self.words:
                return self.words[cand], cand
            entry = self.baseline.get(cand)
            if entry is not None:
                return entry.get(coarse, entry[None]), cand
        if coarse == "NN":
            return self._compound_head(lemma)
        return None

    def _compound_head(self, lemma: str) -> tuple[float, str] | None:
        """Longest listed head noun that ends the compound ("Polizeigewalt" -> "Gewalt")."""
        for i in range(_MIN_MODIFIER, len(lemma) - _MIN_HEAD + 1):
            head = lemma[i].upper() + lemma[i + 1 :]
            if head in self.compound_heads:
                return self.compound_heads[head], head
        return None


# --------------------------------------------------------------------------------------- loading


def baseline_lexicon_file() -> Path:
    """Path of the polarity lexicon bundled with the installed textblob-de package."""
    path = Path(str(resources.files("textblob_de").joinpath("data", "de-sentiment.xml")))
    if not path.exists():
        raise FileNotFoundError(f"textblob-de lexicon not found at {path}; is textblob-de installed?")
    return path


@lru_cache(maxsize=4)
def load_baseline(path: Path | None = None) -> Mapping[str, Mapping[str | None, float]]:
    """Read the textblob-de XML lexicon: form -> {POS: mean polarity, None: mean over POS}."""
    root = ET.parse(path or baseline_lexicon_file()).getroot()
    senses: dict[str, dict[str, list[float]]] = {}
    for w in root.iter("word"):
        form = w.get("form")
        if form:
            senses.setdefault(form, {}).setdefault(w.get("pos") or "", []).append(float(w.get("polarity", 0)))
    table: dict[str, dict[str | None, float]] = {}
    for form, by_pos in senses.items():
        means = {pos: sum(v) / len(v) for pos, v in by_pos.items()}
        entry: dict[str | None, float] = dict(means)
        entry[None] = sum(means.values()) / len(means)
        table[form] = MappingProxyType(entry)
    return MappingProxyType(table)


def _polarity_rows(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for row in data_rows(path):
        value = float(row["polarity"])
        if not -1.0 <= value <= 1.0:
            raise ValueError(f"{path.name}: polarity of {row['lemma']!r} outside [-1, 1]: {value}")
        if row["lemma"] in out:
            raise ValueError(f"{path.name}: duplicate lemma {row['lemma']!r}")
        out[row["lemma"]] = value
    return out


@lru_cache(maxsize=4)
def load_lexicon(directory: Path | None = None) -> SentimentLexicon:
    """Load the news lexicon (baseline + ``data/lexicons/sentiment`` files); cached per directory.

    Args:
        directory: folder with ``news_additions.csv``, ``overrides.csv``, ``negators.txt``,
            ``intensifiers.csv``, ``compound_heads.txt`` and ``contrast.txt``; default
            ``config.LEXICON_DIR / "sentiment"``.

    Raises:
        ValueError: on malformed rows, duplicates, values outside [-1, 1], a lemma in both
            additions and overrides, or a compound head without a noun polarity.
    """
    folder = Path(directory) if directory else config.LEXICON_DIR / "sentiment"
    additions = _polarity_rows(folder / "news_additions.csv")
    overrides = _polarity_rows(folder / "overrides.csv")
    both = sorted(set(additions) & set(overrides))
    if both:
        raise ValueError(f"lemmas listed both as additions and overrides: {both}")
    merged = {**additions, **overrides}
    words = {k: v for k, v in merged.items() if " " not in k}
    phrases = {tuple(k.lower().split()): v for k, v in merged.items() if " " in k}
    negators, exceptions = set(), set()
    for line in data_list(folder / "negators.txt"):
        if line.startswith("!"):
            first, second = line[1:].lower().split()
            exceptions.add((first, second))
        else:
            negators.add(line.lower())
    intensifiers = {row["lemma"].lower(): float(row["factor"]) for row in data_rows(folder / "intensifiers.csv")}
    baseline = load_baseline()
    heads: dict[str, float] = {}
    for head in data_list(folder / "compound_heads.txt"):
        if head in words:
            heads[head] = words[head]
        elif head in baseline and "NN" in baseline[head]:
            heads[head] = baseline[head]["NN"]
        else:
            raise ValueError(f"compound_heads.txt: {head!r} has no noun polarity in the lexicon")
    return SentimentLexicon(
        words=words,
        baseline=baseline,
        phrases=phrases,
        negators=frozenset(negators),
        negation_exceptions=frozenset(exceptions),
        intensifiers=intensifiers,
        compound_heads=heads,
        contrast=frozenset(line.lower() for line in data_list(folder / "contrast.txt")),
    )


# ------------------------------------------------------------------------------------ baseline


@lru_cache(maxsize=1)
def _textblob_parts():
    """One PatternTokenizer and one PatternAnalyzer reused for every sentence."""
    from textblob_de import PatternTokenizer
    from textblob_de.sentiments import PatternAnalyzer

    tokenizer = PatternTokenizer()
    return tokenizer, PatternAnalyzer(tokenizer=tokenizer)


def textblob_polarity(text: str) -> float:
    """textblob-de polarity of ``text`` in [-1, 1] (baseline; no NLTK data needed).

    Uses ``TextBlobDE(text, tokenizer=PatternTokenizer())`` with a shared analyzer; for a text of
    several sentences textblob-de averages the sentence polarities.
    """
    from textblob_de import TextBlobDE

    tokenizer, analyzer = _textblob_parts()
    if not text.strip():
        return 0.0
    return float(TextBlobDE(text, tokenizer=tokenizer, analyzer=analyzer).polarity)


# ---------------------------------------------------------------------------------- news scorer


def label_for(polarity: float, band: float = NEUTRAL_BAND) -> str:
    """Label of a polarity: neutral when ``abs(polarity) < band``."""
    if polarity <= -band:
        return "negative"
    if polarity >= band:
        return "positive"
    return "neutral"


def normalise(raw: float, alpha: float = ALPHA) -> float:
    """VADER-style squashing of a sum of contributions into [-1, 1] (Hutto & Gilbert 2014)."""
    return raw / math.sqrt(raw * raw + alpha) if raw else 0.0


def format_drivers(drivers: Iterable[Driver]) -> str:
    """``"word:+0.70; word:-1.00"`` (text order; '; ' separates entries, the last ':' the value)."""
    return "; ".join(f"{d.word}:{d.contribution:+.2f}" for d in drivers)


def parse_drivers(text: str) -> list[tuple[str, float]]:
    """Inverse of :func:`format_drivers` (lemmas are not kept in the compact form)."""
    out = []
    for part in (text or "").split("; "):
        if part:
            word, _, value = part.rpartition(":")
            out.append((word, float(value)))
    return out


def _is_boundary(tok: nlp.Token) -> bool:
    return tok.pos in _BOUNDARY_POS


def contributions(
    tokens: Sequence[nlp.Token], lexicon: SentimentLexicon | None = None
) -> list[float]:
    """Signed contribution of every token (0.0 for tokens without sentiment).

    See :func:`analyse_tokens` for the steps.
    """
    return [c for c, _, _ in analyse_tokens(tokens, lexicon)]


def analyse_tokens(
    tokens: Sequence[nlp.Token], lexicon: SentimentLexicon | None = None
) -> list[tuple[float, str, str]]:
    """Per token: (contribution, display word, lemma); multi-word and particle-verb hits are shown
    as the whole expression ("ums Leben", "nahm fest") on the token that carries the value.

    Steps: lexicon value per token; multi-word entries (value on the last word); particle verbs
    (the finite verb takes the value of particle + lemma, e.g. "nahm ... fest" -> festnehmen);
    intensifiers (factor on the first sentiment word among the next :data:`INTENSIFIER_WINDOW`
    tokens of the clause, the intensifier's own value then dropped); negation (see
    :data:`NEGATION_FACTOR`; scope rule in ``data/lexicons/sentiment/README.md``); contrast
    (:data:`CONTRAST_BEFORE` / :data:`CONTRAST_AFTER` around the last "aber/doch/jedoch …" of a
    sentence).
    """
    lex = lexicon or load_lexicon()
    n = len(tokens)
    lower = [t.text.lower() for t in tokens]
    lemmas = [t.lemma.lower() for t in tokens]
    words = [t.text for t in tokens]
    lemma_out = [t.lemma for t in tokens]
    values: list[float | None] = []
    for t in tokens:
        hit = lex.value(t.lemma, t.text, t.pos)
        values.append(hit[0] if hit else None)

    # multi-word entries, matched on lower-case surface words or lemmas
    for phrase, value in lex.phrases.items():
        m = len(phrase)
        for i in range(n - m + 1):
            if all(lower[i + k] == w or lemmas[i + k] == w for k, w in enumerate(phrase)):
                for k in range(m - 1):
                    values[i + k] = None
                values[i + m - 1] = value
                words[i + m - 1] = " ".join(t.text for t in tokens[i : i + m])
                lemma_out[i + m - 1] = " ".join(phrase)

    # particle verbs: "schlug ... nieder" -> niederschlagen
    for i, t in enumerate(tokens):
        if t.pos != "PTKVZ":
            continue
        for j in range(i - 1, -1, -1):
            if tokens[j].pos in ("$,", "$.", "KOUS"):
                break
            if tokens[j].pos in ("VVFIN", "VVIMP"):
                # the particle verb's meaning replaces the simplex verb's ("hörte auf" is not "hören")
                compound = lemmas[i] + tokens[j].lemma
                hit = lex.value(compound, compound, "VVINF")
                values[j] = hit[0] if hit else None
                if hit:
                    words[j] = f"{tokens[j].text} {t.text}"
                    lemma_out[j] = compound
                break

    factors = [1.0] * n
    # intensifiers and diminishers
    for i, t in enumerate(tokens):
        f = lex.intensifiers.get(lemmas[i], lex.intensifiers.get(lower[i]))
        if f is None or t.pos in _NO_INTENSIFIER_POS:
            continue
        for j in range(i + 1, min(n, i + 1 + INTENSIFIER_WINDOW)):
            if _is_boundary(tokens[j]):
                break
            if values[j]:
                factors[j] *= f
                values[i] = None
                break

    # negation
    negated = [False] * n
    seen_weder = False
    for i in range(n):
        word = lemmas[i] if lemmas[i] in lex.negators else lower[i]
        if word == "weder":
            seen_weder = True
        is_neg = word in lex.negators or (word == "noch" and seen_weder and tokens[i].pos == "KON")
        if not is_neg:
            continue
        if i + 1 < n and (word, lower[i + 1]) in lex.negation_exceptions:
            continue
        hit = False
        for j in range(i + 1, min(n, i + 1 + NEGATION_WINDOW)):
            if _is_boundary(tokens[j]):
                break
            if values[j]:
                negated[j] = True
                hit = True
            if word in _NP_NEGATORS and tokens[j].pos in ("NN", "NNA", "NNI", "NE"):
                break
        if not hit and word in _POSTPOSED_NEGATORS:
            for j in range(i - 1, -1, -1):
                if _is_boundary(tokens[j]):
                    break
                if values[j]:
                    negated[j] = True
                    break

    # contrast ("aber", "doch", "jedoch" …): the last one of each sentence splits that sentence
    last: dict[int, int] = {}
    for k in range(n):
        if lemmas[k] in lex.contrast and tokens[k].pos in ("KON", "ADV"):
            last[tokens[k].sentence] = k
    for j in range(n):
        k = last.get(tokens[j].sentence)
        if k is not None and j != k:
            factors[j] *= CONTRAST_BEFORE if j < k else CONTRAST_AFTER

    return [
        ((values[k] or 0.0) * factors[k] * (NEGATION_FACTOR if negated[k] else 1.0), words[k], lemma_out[k])
        for k in range(n)
    ]


def score_tokens(
    tokens: Sequence[nlp.Token],
    lexicon: SentimentLexicon | None = None,
    *,
    band: float = NEUTRAL_BAND,
) -> SentimentScore:
    """News-scorer tone of a token sequence (a sentence, clause or window).

    Args:
        tokens: tokens of a processed document (HanTa lemma and STTS tag are used).
        lexicon: default :func:`load_lexicon` ().
        band: neutral band for the label.

    Returns:
        The :class:`SentimentScore`; deterministic for the same tokens and lexicon files.
    """
    raw = 0.0
    drivers = []
    for c, word, lemma in analyse_tokens(tokens, lexicon):
        if c:
            raw += c
            drivers.append(Driver(word, lemma, round(c, 4)))
    polarity = normalise(raw)
    return SentimentScore(round(polarity, 6), label_for(polarity, band), tuple(drivers), round(raw, 6))


def span_tokens(doc: nlp.Document, start: int, end: int) -> tuple[nlp.Token, ...]:
    """Tokens lying (at least partly) within the character span ``[start, end)``."""
    return tuple(t for t in doc.tokens if t.end > start and t.start < end)


def score_span(doc: nlp.Document, start: int, end: int, lexicon: SentimentLexicon | None = None) -> SentimentScore:
    """News-scorer tone of the character span ``[start, end)`` (a clause, a quote).

    Raises:
        ValueError: if the span is empty or outside the text.
    """
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"invalid span [{start}, {end}) for a text of length {len(doc.text)}")
    return score_tokens(span_tokens(doc, start, end), lexicon)


def target_window(
    doc: nlp.Document, start: int, end: int, window: int | None = None
) -> tuple[nlp.Token, ...]:
    """Tokens of the target's sentence, or only those within ``window`` tokens of the target span.

    Raises:
        ValueError: if no token overlaps ``[start, end)``.
    """
    inside = [t.i for t in doc.tokens if t.end > start and t.start < end]
    if not inside:
        raise ValueError(f"no token in target span [{start}, {end})")
    sent = doc.sentences[doc.tokens[inside[0]].sentence]
    if window is None:
        return doc.tokens[sent.token_start : sent.token_end]
    lo = max(sent.token_start, inside[0] - window)
    hi = min(sent.token_end, inside[-1] + window + 1)
    return doc.tokens[lo:hi]


def score_target(
    doc: nlp.Document,
    start: int,
    end: int,
    *,
    window: int | None = None,
    lexicon: SentimentLexicon | None = None,
) -> SentimentScore:
    """Tone toward a target mention: the news score of its sentence (default) or of a window.

    The sentence is the default because it scored as well as or better than +-3..20-token windows
    on the tune half of GerNTSA, and it is the unit :func:`target_tone` joins actors to.

    Args:
        doc: processed document.
        start, end: character span of the target mention.
        window: if given, only tokens within this many tokens of the target (inside its sentence).
        lexicon: default :func:`load_lexicon` ().
    """
    return score_tokens(target_window(doc, start, end, window), lexicon)


# ------------------------------------------------------------------------------------- tables


def sentences_frame(docs: Sequence[nlp.Document], lexicon: SentimentLexicon | None = None) -> pd.DataFrame:
    """One row per sentence with both scorers (columns :data:`SENTENCE_COLUMNS`).

    ``drivers`` is the compact string of :func:`format_drivers` ("Tote:-1.00; friedlich:+0.70").
    """
    lex = lexicon or load_lexicon()
    rows = []
    for doc in docs:
        for s in doc.sentences:
            text = doc.sentence_text(s.index)
            score = score_tokens(doc.sentence_tokens(s.index), lex)
            rows.append(
                (
                    doc.article_id,
                    s.index,
                    s.start,
                    s.end,
                    text,
                    round(textblob_polarity(text), 6),
                    score.polarity,
                    score.label,
                    score.drivers_text(),
                )
            )
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return frame.astype(
        {"sentence_index": "int64", "start": "int64", "end": "int64",
         "polarity_textblob": "float64", "polarity": "float64"}
    )


def annotate_documents(
    docs: list[nlp.Document], articles: pd.DataFrame, tables: dict[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Annotate protocol: ``{"sentences": sentences_frame(docs)}`` (articles/tables not needed)."""
    return {"sentences": sentences_frame(docs)}


def _tone_of(sentences: pd.DataFrame) -> pd.DataFrame:
    missing = {"article_id", "sentence_index", "polarity", "label"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences table lacks columns {sorted(missing)}")
    tone = sentences.rename(columns={"text": "sentence_text"})
    keep = ["article_id", "sentence_index"] + [c for c in TONE_COLUMNS if c in tone.columns]
    return tone[keep].drop_duplicates(["article_id", "sentence_index"])


def target_tone(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    attributions: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Tone of the sentences that mention an actor or carry an attribution.

    Each mention row (one per article, sentence and ``actor_id``: an actor named twice in a
    sentence counts once) and each attribution row gets the tone columns of its sentence
    (``polarity, polarity_textblob, label, drivers, sentence_text``), so tone can be grouped by
    ``actor_id``, ``source_type`` and - with ``articles`` - ``outlet`` / ``outlet_type``.

    Args:
        sentences: the sentences table (:func:`sentences_frame`).
        mentions: actors' mentions table (``article_id, sentence_index, actor_id, …``).
        attributions: attributions table (``article_id, sentence_index, source_type, …``).
        articles: optional articles table; adds ``outlet`` and ``outlet_type``.

    Returns:
        Rows of the given tables (a ``kind`` column says "mention" or "attribution") with the tone
        columns; sentences without a score are dropped.

    Raises:
        ValueError: if neither mentions nor attributions is given, or columns are missing.
    """
    if mentions is None and attributions is None:
        raise ValueError("give mentions and/or attributions")
    tone = _tone_of(sentences)
    parts = []
    for kind, table, key in (("mention", mentions, "actor_id"), ("attribution", attributions, None)):
        if table is None:
            continue
        need = {"article_id", "sentence_index"} | ({key} if key else set())
        if not need <= set(table.columns):
            raise ValueError(f"{kind} table lacks columns {sorted(need - set(table.columns))}")
        rows = table.drop(columns=[c for c in TONE_COLUMNS if c in table.columns])
        if key:
            rows = rows.drop_duplicates(["article_id", "sentence_index", key])
        merged = rows.merge(tone, on=["article_id", "sentence_index"], how="inner")
        merged.insert(0, "kind", kind)
        parts.append(merged)
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    if articles is not None:
        meta = articles[[c for c in ("article_id", "outlet", "outlet_type") if c in articles.columns]]
        out = out.drop(columns=[c for c in ("outlet", "outlet_type") if c in out.columns]).merge(
            meta.drop_duplicates("article_id"), on="article_id", how="left"
        )
    return out.reset_index(drop=True)


def quote_tone(docs: Sequence[nlp.Document], attributions: pd.DataFrame) -> pd.DataFrame:
    """Clause-level option: the news score of each attributed quotation span itself.

    Adds ``quote_polarity``, ``quote_label``, ``quote_drivers`` to the attributions rows (rows
    whose quote span is missing get NaN / empty values).
    """
    by_id = {d.article_id: d for d in docs}
    pol, lab, drv = [], [], []
    for aid, qs, qe in zip(attributions["article_id"], attributions["quote_start"], attributions["quote_end"]):
        doc = by_id.get(aid)
        if doc is None or pd.isna(qs) or pd.isna(qe) or int(qe) <= int(qs):
            pol.append(float("nan")), lab.append(""), drv.append("")
            continue
        score = score_span(doc, int(qs), int(qe))
        pol.append(score.polarity), lab.append(score.label), drv.append(score.drivers_text())
    out = attributions.copy()
    out["quote_polarity"], out["quote_label"], out["quote_drivers"] = pol, lab, drv
    return out


# ------------------------------------------------------------------------------------ statistics


def bootstrap_ci(
    values: Sequence[float] | pd.Series | np.ndarray,
    groups: Sequence | pd.Series | np.ndarray | None = None,
    n: int = 2000,
    seed: int = 0,
    level: float = 0.95,
    clusters: Sequence | pd.Series | np.ndarray | None = None,
) -> pd.DataFrame:
    """Group means with percentile bootstrap confidence intervals (Efron & Tibshirani 1993).

    Deterministic: each group resamples from ``numpy.random.default_rng([seed, crc32(group)])``,
    so a group's interval does not change when other groups are added or removed.

    With ``clusters`` (e.g. the article id of every sentence) the bootstrap resamples whole
    clusters within each group and recomputes the pooled mean (cluster bootstrap; Davison &
    Hinkley 1997, section 3.8). Sentences of one article share an author, a topic and a day, so
    they are not independent; resampling sentences one by one would give intervals that are too
    narrow. The point estimate is the same pooled mean either way.

    Args:
        values: numeric values (NaN dropped).
        groups: group label per value; ``None`` puts everything in one group "all".
        n: bootstrap resamples.
        seed: base seed.
        level: confidence level of the percentile interval.
        clusters: optional cluster label per value (resampling unit).

    Returns:
        DataFrame with columns :data:`CI_COLUMNS` (plus ``n_clusters`` when ``clusters`` is
        given), groups sorted by their string form.
    """
    vals = np.asarray(values, dtype=float)
    labels = np.asarray(["all"] * len(vals) if groups is None else list(groups), dtype=object)
    if len(labels) != len(vals):
        raise ValueError(f"values ({len(vals)}) and groups ({len(labels)}) differ in length")
    units = None if clusters is None else np.asarray([str(c) for c in clusters], dtype=object)
    if units is not None and len(units) != len(vals):
        raise ValueError(f"values ({len(vals)}) and clusters ({len(units)}) differ in length")
    if n < 1:
        raise ValueError("n must be positive")
    ok = ~np.isnan(vals)
    vals, labels = vals[ok], labels[ok]
    units = units[ok] if units is not None else None
    rows = []
    tail = (1 - level) / 2 * 100
    for group in sorted(set(labels.tolist()), key=str):
        mask = labels == group
        x = vals[mask]
        if units is None:  # every value is its own cluster
            sums, counts = x, np.ones(len(x))
        else:
            codes, _ = pd.factorize(units[mask], sort=True)
            sums, counts = np.bincount(codes, weights=x), np.bincount(codes).astype(float)
        rng = np.random.default_rng([seed, zlib.crc32(str(group).encode("utf-8"))])
        k = len(sums)
        means = np.empty(n)
        batch = max(1, min(n, 2_000_000 // max(1, k)))
        for b in range(0, n, batch):
            size = min(batch, n - b)
            idx = rng.integers(0, k, size=(size, k))
            means[b : b + size] = sums[idx].sum(axis=1) / counts[idx].sum(axis=1)
        lo, hi = np.percentile(means, [tail, 100 - tail])
        row = (group, len(x), float(x.mean()), float(lo), float(hi))
        rows.append(row + ((k,) if units is not None else ()))
    return pd.DataFrame(rows, columns=CI_COLUMNS + (["n_clusters"] if units is not None else []))


def top_drivers(drivers: Iterable[str], k: int | None = 10) -> pd.DataFrame:
    """Words that drive a group's tone: summed contributions over compact driver strings.

    Returns columns ``word, total, count`` sorted by ``abs(total)`` (ties by word); the first
    ``k`` rows, or all with ``k=None``.
    """
    totals: dict[str, list[float]] = {}
    for text in drivers:
        for word, value in parse_drivers(text):
            acc = totals.setdefault(word, [0.0, 0])
            acc[0] += value
            acc[1] += 1
    frame = pd.DataFrame([(w, t, c) for w, (t, c) in totals.items()], columns=["word", "total", "count"])
    if frame.empty:
        return frame
    frame["_abs"] = frame["total"].abs()
    frame = frame.sort_values(["_abs", "word"], ascending=[False, True]).drop(columns="_abs")
    return (frame if k is None else frame.head(k)).reset_index(drop=True)


#: Coarse grouping of the attribution step's source types (``attributions.source_type``) for the
#: question "state vs independent sources": the home state's government, security forces and
#: state media; non-state domestic voices and media (independent and other media, experts,
#: witnesses and the public); foreign governments and international organisations; and sources
#: whose side the type does not tell (news agencies relay both sides; anonymous; other). Pass
#: your own mapping to :func:`source_group` for another case.
SOURCE_GROUPS: Mapping[str, str] = MappingProxyType(
    {
        "government": "state",
        "security_forces": "state",
        "state_media": "state",
        "independent_media": "independent",
        "other_media": "independent",
        "expert": "independent",
        "witness_or_public": "independent",
        "foreign_government": "foreign/international",
        "international_organisation": "foreign/international",
        "news_agency": "other/unclear",
        "anonymous": "other/unclear",
        "other": "other/unclear",
    }
)
#: Colours of the source groups in charts (state red and independent blue, as the outlet types).
SOURCE_GROUP_COLOURS: Mapping[str, str] = MappingProxyType(
    {"state": "#b2182b", "independent": "#2166ac", "foreign/international": "#f4a582", "other/unclear": "#999999"}
)
#: Group of an attribution whose source type is missing.
UNTYPED_GROUP = "other/unclear"


def source_group(source_types: Iterable, groups: Mapping[str, str] = SOURCE_GROUPS) -> pd.Series:
    """Map source types to the coarse groups of :data:`SOURCE_GROUPS` (missing -> "other/unclear").

    Returns:
        The groups in input order, as a Series with a fresh ``RangeIndex`` (use ``.to_numpy()`` to
        assign it to a filtered table).

    Raises:
        ValueError: for a source type the mapping does not know (extend ``groups`` rather than
            letting it fall into a default silently).
    """
    types = pd.Series(list(source_types), dtype=object)
    known = types.isna() | types.isin(list(groups))
    if not known.all():
        raise ValueError(f"source types without a group: {sorted(set(types[~known].astype(str)))}")
    return types.map(lambda t: UNTYPED_GROUP if pd.isna(t) else groups[t]).astype(object)


def _key_of(table: pd.DataFrame, by: Sequence[str]) -> pd.Series:
    return table[list(by)].astype(str).agg(" | ".join, axis=1) if len(table) else pd.Series([], dtype=object)


def tone_ci(
    table: pd.DataFrame,
    by: str | Sequence[str],
    *,
    value: str = "polarity",
    cluster: str | None = "article_id",
    n: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """Mean tone per group with a (cluster) bootstrap interval, as a tidy table.

    Args:
        table: rows with the ``by`` columns, ``value`` and ``cluster`` (sentences, or the output of
            :func:`target_tone`).
        by: one or more grouping columns (rows with a missing group value are left out).
        value: column to average (``polarity`` or ``polarity_textblob``).
        cluster: resampling unit column (default ``article_id``: articles are resampled within each
            group, see :func:`bootstrap_ci`); ``None`` resamples rows.
        n, seed, level: as in :func:`bootstrap_ci`.

    Returns:
        Columns ``*by, n, n_articles, mean, ci_low, ci_high`` (``n_articles`` = number of distinct
        clusters), sorted by the ``by`` columns.
    """
    by = [by] if isinstance(by, str) else list(by)
    need = set(by) | {value} | ({cluster} if cluster else set())
    if not need <= set(table.columns):
        raise ValueError(f"table lacks columns {sorted(need - set(table.columns))}")
    rows = table.dropna(subset=by)
    columns = by + ["n", "n_articles", "mean", "ci_low", "ci_high"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    keys = _key_of(rows, by)
    units = rows[cluster] if cluster else pd.Series(range(len(rows)), index=rows.index)
    ci = bootstrap_ci(rows[value], keys, n=n, seed=seed, level=level, clusters=units)
    first = rows.assign(_key=keys.to_numpy()).drop_duplicates("_key").set_index("_key")[by]
    out = first.loc[ci["group"]].reset_index(drop=True)
    out = pd.concat([out, ci.drop(columns="group").rename(columns={"n_clusters": "n_articles"})], axis=1)
    return out[columns].sort_values(by, kind="stable").reset_index(drop=True)


def group_drivers(
    table: pd.DataFrame, by: str | Sequence[str], k: int | None = 10, *, drivers: str = "drivers"
) -> pd.DataFrame:
    """The words that drive each group's tone (:func:`top_drivers` per group), normalised per sentence.

    Args:
        table: rows with a compact ``drivers`` string (sentences, or :func:`target_tone` rows).
        by: grouping column(s).
        k: words per group (largest absolute summed contribution first); ``None`` keeps every word.

    Returns:
        Columns ``*by, word, total, count, n_rows, per_100``: the summed contribution of the word
        in the group, how often it contributed, the group's number of rows and ``total`` per 100
        rows (comparable across groups of different size). Groups in sorted order.
    """
    by = [by] if isinstance(by, str) else list(by)
    columns = by + ["word", "total", "count", "n_rows", "per_100"]
    parts = []
    for key, rows in table.dropna(subset=by).groupby(by, sort=True):
        top = top_drivers(rows[drivers].fillna(""), k)
        if top.empty:
            continue
        for col, val in zip(by, key if isinstance(key, tuple) else (key,)):
            top[col] = val
        top["n_rows"] = len(rows)
        top["per_100"] = top["total"] / len(rows) * 100
        parts.append(top)
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def extreme_sentences(
    table: pd.DataFrame,
    by: str | Sequence[str],
    k: int = 1,
    *,
    value: str = "polarity",
    text: str = "text",
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """The sentences behind extreme values: per group the ``k`` most negative and ``k`` most positive.

    Only sentences with a negative (positive) value can be "most negative" ("most positive"); a
    text repeated in a group (wire copies, an actor named twice) is shown once. Ties are broken by
    ``article_id`` and ``sentence_index`` when present, so the selection is deterministic.

    Returns:
        Columns ``*by, extreme, value, text, *keep`` with ``extreme`` "most negative" or "most
        positive", ordered by group, then negative before positive, then by value (extreme first).
    """
    by = [by] if isinstance(by, str) else list(by)
    ties = [c for c in ("article_id", "sentence_index") if c in table.columns]
    columns = by + ["extreme", value, text, *keep]
    parts = []
    for name, sign in (("most negative", -1), ("most positive", 1)):
        rows = table[np.sign(table[value]) == sign].dropna(subset=by)
        rows = rows.assign(_v=rows[value] * -sign).sort_values(["_v", *ties], kind="stable")
        rows = rows.drop_duplicates(by + [text]).groupby(by, sort=False).head(k)
        parts.append(rows.assign(extreme=name, _order=sign))
    out = pd.concat(parts, ignore_index=True)
    if out.empty:
        return pd.DataFrame(columns=columns)
    out = out.sort_values(by + ["_order", "_v"], kind="stable")
    return out[columns].reset_index(drop=True)


def _scorer_labels(sentences: pd.DataFrame, textblob_band: float, band: float) -> tuple[pd.Series, pd.Series]:
    news = sentences["polarity"].map(lambda p: label_for(p, band))
    blob = sentences["polarity_textblob"].map(lambda p: label_for(p, textblob_band))
    return news, blob


def scorer_agreement(sentences: pd.DataFrame, *, textblob_band: float, band: float = NEUTRAL_BAND) -> pd.DataFrame:
    """How often the two scorers give a sentence the same label (a 3 x 3 table in long form).

    Args:
        sentences: the sentences table (``polarity``, ``polarity_textblob``).
        textblob_band: neutral band for textblob-de (use the one ``medialens eval sentiment``
            measured it with, ``evaluation.sentiment.TEXTBLOB_BAND``).
        band: neutral band of the news scorer.

    Returns:
        Columns ``news_label, textblob_label, sentences, share`` for all nine label pairs (share of
        all sentences), in the order of :data:`LABELS`.
    """
    news, blob = _scorer_labels(sentences, textblob_band, band)
    counts = pd.crosstab(news, blob).reindex(index=list(LABELS), columns=list(LABELS), fill_value=0)
    long = counts.stack().rename("sentences").reset_index()
    long.columns = ["news_label", "textblob_label", "sentences"]
    total = long["sentences"].sum()
    long["share"] = long["sentences"] / total if total else 0.0
    return long.astype({"sentences": "int64"})


def agreement_stats(sentences: pd.DataFrame, *, textblob_band: float, band: float = NEUTRAL_BAND) -> dict:
    """Summary of the two scorers on one corpus.

    Returns:
        ``n``; ``agreement`` (share of equal labels); ``kappa`` (Cohen's kappa of the labels,
        Cohen 1960); ``pearson`` and ``spearman`` correlations of the polarities; ``opposite_sign``
        (share of sentences scored non-zero by both with opposite signs); ``zero_news`` and
        ``zero_textblob`` (share of sentences a scorer gives exactly 0: no lexicon word found).
    """
    n = len(sentences)
    if n == 0:
        raise ValueError("no sentences")
    news, blob = _scorer_labels(sentences, textblob_band, band)
    agree = float((news.to_numpy() == blob.to_numpy()).mean())
    expected = sum((news == lab).mean() * (blob == lab).mean() for lab in LABELS)
    kappa = (agree - expected) / (1 - expected) if expected < 1 else float("nan")
    a, b = sentences["polarity"], sentences["polarity_textblob"]
    return {
        "n": n,
        "agreement": agree,
        "kappa": float(kappa),
        "pearson": float(a.corr(b)),
        "spearman": float(a.rank().corr(b.rank())),  # Spearman = Pearson of ranks (no SciPy)
        "opposite_sign": float(((np.sign(a) * np.sign(b)) < 0).mean()),
        "zero_news": float((a == 0).mean()),
        "zero_textblob": float((b == 0).mean()),
    }


def plot_tone_ci(
    ci: pd.DataFrame,
    ax: Axes | None = None,
    *,
    xlabel: str = "mean polarity (news scorer)",
    label: str = "group",
    hue: str | None = None,
    order: Sequence[str] | None = None,
    hue_order: Sequence[str] | None = None,
    palette: Mapping[str, str] | None = None,
    n_in_label: bool = True,
) -> Axes:
    """Horizontal dot-and-whisker plot of a :func:`bootstrap_ci` / :func:`tone_ci` table; returns the Axes.

    Args:
        ci: rows with ``label``, ``n``, ``mean``, ``ci_low``, ``ci_high`` (``n_articles`` or
            ``n_clusters`` is shown when present).
        label: column naming the rows (y axis), drawn top to bottom in table order or in ``order``
            (rows of ``order`` missing from ``ci`` stay empty, so panels can share a y axis).
        hue: optional column drawn as side-by-side coloured dots within each row, with a legend,
            in ``hue_order`` (default: order of appearance) and colours from ``palette`` (default
            :func:`medialens.figures.colours_for`).
        n_in_label: write ``n`` into the row label; otherwise (and always with ``hue``) next to
            each point.
    """
    import matplotlib.pyplot as plt

    from medialens.figures import colours_for

    rows = [str(r) for r in order] if order is not None else list(dict.fromkeys(ci[label].astype(str)))
    ci = ci[ci[label].astype(str).isin(rows)]
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.4 * max(3, len(rows)) + 1))
    clusters = next((c for c in ("n_articles", "n_clusters") if c in ci.columns), None)
    hues = ([str(h) for h in hue_order] if hue_order is not None else list(dict.fromkeys(ci[hue].astype(str)))) \
        if hue else [None]
    colours = [palette[h] for h in hues] if palette and hue else colours_for([str(h) for h in hues])
    point_n = bool(hue) or not n_in_label
    step = 0.8 / len(hues)
    for colour, h in zip(colours, hues):
        part = ci if h is None else ci[ci[hue].astype(str) == h]
        offset = 0.0 if h is None else 0.4 - step / 2 - hues.index(h) * step
        y = np.array([len(rows) - 1 - rows.index(str(v)) for v in part[label]], dtype=float) + offset
        ax.errorbar(
            part["mean"], y,
            xerr=[(part["mean"] - part["ci_low"]).clip(lower=0), (part["ci_high"] - part["mean"]).clip(lower=0)],
            fmt="o", capsize=3, markersize=4, color=colour, label=h,
        )
        if point_n:
            for x, yy, k in zip(part["ci_high"], y, part["n"]):
                ax.annotate(f"{k}", (x, yy), xytext=(3, 0), textcoords="offset points", va="center", fontsize=6)
    names = rows
    if hue:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, title=hue, title_fontsize=7)
    elif n_in_label:
        info = ci.set_index(ci[label].astype(str))
        names = [
            f"{r} (n={info.loc[r, 'n']}" + (f", {info.loc[r, clusters]} art.)" if clusters else ")")
            if r in info.index else r
            for r in rows
        ]
    ax.set_yticks(np.arange(len(rows))[::-1], names)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel)
    return ax


def plot_scorer_scatter(
    sentences: pd.DataFrame, ax: Axes | None = None, *, textblob_band: float, band: float = NEUTRAL_BAND
) -> Axes:
    """Scatter of textblob-de (x) against the news scorer (y) per sentence, with both neutral bands."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.scatter(sentences["polarity_textblob"], sentences["polarity"], s=9, alpha=0.35, linewidths=0)
    for v in (-textblob_band, textblob_band):
        ax.axvline(v, color="grey", linewidth=0.7, linestyle="--")
    for v in (-band, band):
        ax.axhline(v, color="grey", linewidth=0.7, linestyle="--")
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("textblob-de polarity")
    ax.set_ylabel("news scorer polarity")
    ax.grid(axis="both", visible=True)
    return ax


def driver_words(
    drivers: pd.DataFrame, group: str, *, value: str = "per_100", top: int = 15, per_group: int = 3
) -> list[str]:
    """Words for a driver chart: every group's ``per_group`` strongest words (by ``abs(value)``), then
    the words with the largest summed ``abs(value)`` over all groups, up to ``top`` words in all
    (more if ``per_group`` times the number of groups exceeds ``top``). Deterministic (ties by word).
    """
    ranked = drivers.assign(_abs=drivers[value].abs())
    ranked = ranked.sort_values([group, "_abs", "word"], ascending=[True, False, True], kind="stable")
    words = list(dict.fromkeys(ranked.groupby(group, sort=True).head(per_group)["word"]))
    overall = ranked.groupby("word")["_abs"].sum().reset_index()
    overall = overall.sort_values(["_abs", "word"], ascending=[False, True], kind="stable")
    for word in overall["word"]:
        if len(words) >= top:
            break
        if word not in words:
            words.append(word)
    return words


def plot_driver_heatmap(
    drivers: pd.DataFrame, group: str, ax: Axes | None = None, *, value: str = "per_100", top: int = 15,
    per_group: int = 3,
) -> Axes:
    """Diverging heat map of :func:`group_drivers`: words (rows) x groups (columns), 0 = white.

    The words of :func:`driver_words` are shown, most negative total first; a blank cell means the
    word is not in that group's table (with ``group_drivers(..., k=None)``: the word never
    contributed in that group).
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import TwoSlopeNorm

    wide = drivers.pivot_table(index="word", columns=group, values=value, aggfunc="sum")
    wide = wide.loc[driver_words(drivers, group, value=value, top=top, per_group=per_group)]
    wide = wide.loc[wide.sum(axis=1).sort_values(kind="stable").index]
    if ax is None:
        _, ax = plt.subplots(figsize=(1 + 1.1 * wide.shape[1], 0.3 * len(wide) + 1.5))
    lim = float(np.nanmax(np.abs(wide.to_numpy()))) if wide.size else 1.0
    im = ax.imshow(wide.to_numpy(dtype=float), cmap="RdBu", norm=TwoSlopeNorm(0, -lim, lim), aspect="auto")
    for (r, c), v in np.ndenumerate(wide.to_numpy(dtype=float)):
        if not np.isnan(v):
            ax.text(c, r, f"{v:.1f}", ha="center", va="center", fontsize=7,
                    color="white" if abs(v) > 0.6 * lim else "black")
    ax.set_xticks(range(wide.shape[1]), [str(c) for c in wide.columns], rotation=30, ha="right")
    ax.set_yticks(range(len(wide)), list(wide.index))
    ax.grid(False)
    ax.figure.colorbar(im, ax=ax, shrink=0.8, label=f"summed contribution {value.replace('_', ' ')}")
    return ax
