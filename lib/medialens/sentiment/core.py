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

Target-oriented tone: :func:`score_span` scores any character span (a clause, a quotation) and
:func:`score_target` a target's sentence or a window around it (the scope ``medialens eval
sentiment`` uses). Aggregations (tone per group, per actor, drivers) are in
:mod:`medialens.sentiment.summary`.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Iterable, Mapping, NamedTuple, Sequence

import pandas as pd

from medialens import config
from medialens.datafiles import data_list, data_rows
from medialens.german import CONJUNCTION_TAGS, PUNCTUATION_TAGS

if TYPE_CHECKING:  # pragma: no cover
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
#: Columns of the ``sentence_tone`` table written by ``medialens annotate`` (join it to the generic
#: sentences table of :mod:`medialens.nlp` on ``article_id, sentence_index``).
SENTENCE_TONE_COLUMNS = ["article_id", "sentence_index", "polarity_textblob", "polarity", "label", "drivers"]
#: Columns of the sentences table with tone (:func:`sentences_frame`, :func:`with_tone`).
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
_BOUNDARY_POS = PUNCTUATION_TAGS | CONJUNCTION_TAGS
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


def tone_frame(docs: Sequence[nlp.Document], lexicon: SentimentLexicon | None = None) -> pd.DataFrame:
    """One row per sentence with both scorers (columns :data:`SENTENCE_TONE_COLUMNS`).

    ``drivers`` is the compact string of :func:`format_drivers` ("Tote:-1.00; friedlich:+0.70").
    """
    lex = lexicon or load_lexicon()
    rows = []
    for doc in docs:
        for s in doc.sentences:
            score = score_tokens(doc.sentence_tokens(s.index), lex)
            rows.append((doc.article_id, s.index, round(textblob_polarity(doc.sentence_text(s.index)), 6),
                         score.polarity, score.label, score.drivers_text()))
    frame = pd.DataFrame(rows, columns=SENTENCE_TONE_COLUMNS)
    return frame.astype({"sentence_index": "int64", "polarity_textblob": "float64", "polarity": "float64"})


def with_tone(sentences: pd.DataFrame, tone: pd.DataFrame) -> pd.DataFrame:
    """The sentences table with the tone columns joined (columns :data:`SENTENCE_COLUMNS` + extras)."""
    keys = ["article_id", "sentence_index"]
    merged = sentences.merge(tone[[c for c in tone.columns if c in keys or c not in sentences.columns]],
                             on=keys, how="inner", sort=False)
    return merged[SENTENCE_COLUMNS + [c for c in merged.columns if c not in SENTENCE_COLUMNS]]


def sentences_frame(docs: Sequence[nlp.Document], lexicon: SentimentLexicon | None = None) -> pd.DataFrame:
    """One row per sentence with its text and both scorers (columns :data:`SENTENCE_COLUMNS`)."""
    from medialens.nlp import sentences_frame as plain_sentences

    docs = list(docs)
    return with_tone(plain_sentences(docs), tone_frame(docs, lexicon))


def annotate_documents(
    docs: Sequence[nlp.Document], articles: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Annotate step: ``{"sentence_tone": tone_frame(docs)}`` (articles and tables not needed)."""
    return {"sentence_tone": tone_frame(docs)}
