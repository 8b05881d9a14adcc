"""Source attribution: who is cited, how, and as what kind of source.

Finds, in a processed German news article (:func:`medialens.nlp.process`), every statement attributed
to a source and returns one row per attribution with the source phrase, the cue, the content span,
the form (``direct``, ``indirect``, ``according_to``, ``reported``), the source type, relay chains
("A unter Berufung auf B": source B, via A) and an anonymity flag. Rules work on STTS tags and HanTa
lemmas; every word list is a data file in ``data/lexicons/attribution`` and ``data/lexicons/sources``.

The approach follows rule-based quotation extraction over tagged text (cf. the English quote
extractors of the Gender Gap Tracker, Asr et al. 2021, PLoS ONE 16(1)); the categories of the gold
data used to measure it are those of Petersen-Frey & Biemann (2024), LREC-COLING.

Spans (character offsets into the article text, end exclusive):

* ``quote_start``/``quote_end`` -- the content. ``direct``: the quotation including its marks.
  ``indirect``: the content clause without the final full stop (the dass/ob/w-clause, the Konjunktiv
  clause, the zu-infinitive, or for a postposed cue the clause before it); a Konjunktiv continuation
  covers whole sentences including their full stops, consecutive ones merged into one row.
  ``according_to``: the clause the cue is embedded in -- it may include the cue and source phrase
  themselves (``laut X``, ``X zufolge``), which are not part of the content. ``reported``: the whole
  sentence.
* ``source_start``/``source_end`` -- the source phrase as written (may be a pronoun, "er"; its type
  then comes from the previous source). Empty when the text names no source.
* ``cue_start``/``cue_end`` -- from the first to the last cue word. ``cue_text`` joins the cue words
  with " … " where they are not adjacent ("teilte … mit", "wie … berichtete").
* ``via_text``/``via_type`` -- the relaying source of a chain (``A unter Berufung auf B``, ``B laut A``).

``anonymous`` is true when the text names no identifiable source: impersonal cues ("hieß es"),
agentless passives ("wurde mitgeteilt"), "wie bekannt wurde", unnamed circles and insiders
("aus Regierungskreisen"), and bare information nouns ("Berichten zufolge", "nach ersten Meldungen").
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import pandas as pd

from medialens import nlp
from medialens.german import PRONOUN_TAGS as _PRONOUN_TAGS
from medialens.steps import Step
from medialens.attribution.lexicons import AttributionLexicon, load_lexicon
from medialens.attribution.rules import Found, find_attributions
from medialens.attribution.sources import (
    DEFAULT_HOME_COUNTRY,
    SOURCE_TYPES,
    SourceTyper,
    get_typer,
)

__all__ = [
    "STEP",
    "Attribution",
    "COLUMNS",
    "FORMS",
    "SOURCE_TYPES",
    "annotate_documents",
    "attributions_frame",
    "extract_attributions",
]

#: The attribution forms (column ``form``).
FORMS = ("direct", "indirect", "according_to", "reported")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attributed statement. Offsets are character offsets into the article text."""

    article_id: str
    sentence_index: int
    form: str
    quote_text: str | None
    quote_start: int | None
    quote_end: int | None
    source_text: str | None
    source_start: int | None
    source_end: int | None
    cue_text: str | None
    cue_start: int | None
    cue_end: int | None
    source_type: str
    source_actor: str | None
    via_text: str | None
    via_type: str | None
    anonymous: bool


#: Columns of the attributions table, in order.
COLUMNS = [f.name for f in fields(Attribution)]
_INT_COLUMNS = ("sentence_index", "quote_start", "quote_end", "source_start", "source_end", "cue_start", "cue_end")
#: Rule kinds whose source phrase stands for an earlier source ("Demnach", "nach eigenen Angaben").
_ANAPHORIC = frozenset({"carry", "info_anaphor"})


def extract_attributions(
    doc: nlp.Document,
    *,
    outlets: pd.DataFrame | None = None,
    home_country: str | None = DEFAULT_HOME_COUNTRY,
    actors_file: Path | None = None,
    lexicon: AttributionLexicon | None = None,
) -> Iterator[Attribution]:
    """Extract the attributions of one processed document.

    Args:
        doc: a document from :func:`medialens.nlp.process`.
        outlets: outlet registry (columns ``outlet``, ``aliases``, ``outlet_type``) used to type
            sources; ``None`` reads ``data/outlets.csv`` if present.
        home_country: ISO code of the country whose government counts as ``government``; other
            governments are ``foreign_government``.
        actors_file: actor dictionary JSONL for ``source_actor`` (default ``data/actors.jsonl`` if present).
        lexicon: attribution lexicons (default: ``data/lexicons/attribution``).

    Yields:
        :class:`Attribution` rows in text order.

    Raises:
        ValueError: if ``doc`` is not a processed document.
    """
    if not isinstance(doc, nlp.Document):
        raise ValueError(f"extract_attributions needs an nlp.Document, got {type(doc).__name__}")
    if not doc.tokens:
        return
    lex = lexicon or load_lexicon()
    typer = get_typer(outlets, home_country=home_country, actors_file=actors_file)
    found = find_attributions(doc, lex)
    resolver = _Resolver(doc, typer)
    for f in found:
        yield resolver.row(f)


class _Resolver:
    """Turns token-level findings into typed rows with character offsets."""

    def __init__(self, doc: nlp.Document, typer: SourceTyper):
        self.doc = doc
        self.typer = typer
        self.toks = doc.tokens
        self._types: dict[tuple[int, int], tuple[str | None, str | None]] = {}
        self._titles: dict[str, tuple[str, str | None]] | None = None

    def words(self, span: tuple[int, int]) -> list[tuple[str, str, str]]:
        return [(t.text, t.lemma, t.pos) for t in self.toks[span[0] : span[1]]]

    def text(self, span: tuple[int, int] | None) -> tuple[str | None, int | None, int | None]:
        if span is None or span[1] <= span[0]:
            return None, None, None
        a, b = self.toks[span[0]].start, self.toks[span[1] - 1].end
        return self.doc.text[a:b], a, b

    def cue(self, idx: tuple[int, ...]) -> tuple[str | None, int | None, int | None]:
        if not idx:
            return None, None, None
        idx = tuple(sorted(set(idx)))
        parts = [self.toks[idx[0]].text]
        for prev, k in zip(idx, idx[1:]):
            parts.append((" " if k == prev + 1 else " … ") + self.toks[k].text)
        return "".join(parts), self.toks[idx[0]].start, self.toks[idx[-1]].end

    def titles(self) -> dict[str, tuple[str, str | None]]:
        """Names typed by a titled mention in the article ("Präsident Tokajew" -> Tokajew: government)."""
        if self._titles is None:
            titles: dict[str, tuple[str, str | None]] = {}
            toks = self.toks
            for k, t in enumerate(toks):
                if t.pos != "NE" or k == 0 or not toks[k - 1].pos.startswith("NN"):
                    continue
                a = k - 1
                while a > 0 and toks[a - 1].pos in ("ADJA", "NN") and toks[a - 1].sentence == t.sentence:
                    a -= 1
                st = self.typer.type_phrase(self.words((a, k)))
                if st is None:
                    continue
                m = k
                while m < len(toks) and toks[m].pos == "NE":
                    titles.setdefault(_name_key(toks[m].text), (st.source_type, st.actor_id))
                    m += 1
            self._titles = titles
        return self._titles

    def type_span(self, span: tuple[int, int] | None) -> tuple[str | None, str | None]:
        """(source type, actor id) of a phrase; ``(None, None)`` for a pronoun (resolved by the caller)."""
        if span is None:
            return None, None
        if span in self._types:
            return self._types[span]
        words = self.words(span)
        st = self.typer.type_phrase(words)
        result: tuple[str | None, str | None]
        if st is not None:
            result = (st.source_type, st.actor_id)
        elif all(p in _PRONOUN_TAGS or p.startswith("$") for _, _, p in words) or any(
            p == "PPOSAT" for _, _, p in words
        ):
            result = (None, None)  # resolved from the antecedent by the caller
        else:
            names = [w for w, _, p in words if p == "NE"]
            hit = next((self.titles()[_name_key(w)] for w in names if _name_key(w) in self.titles()), None)
            result = hit if hit else ("other", None)
        self._types[span] = result
        return result

    def row(self, f: Found) -> Attribution:
        quote, qa, qb = self.text(f.content)
        source, sa, sb = self.text(f.source)
        cue, ca, cb = self.cue(f.cue + f.extra_cue if f.kind == "relay" else f.cue)
        via, _, _ = self.text(f.via)
        source_type, actor = self.type_span(f.source)
        if f.source is not None and (source_type is None or (source_type == "other" and f.kind in _ANAPHORIC)):
            source_type, actor = self._from_antecedent(f)
        if f.source is None:
            if f.anonymous:
                source_type = "anonymous"
            elif f.antecedent is not None:
                source_type = self._from_antecedent(f)[0]
            else:
                source_type = "other"
        if f.anonymous and f.info_only and source_type in (None, "other"):
            source_type = "anonymous"  # "Berichten zufolge": an information noun that names no one
        via_type = self.type_span(f.via)[0] if f.via else None
        if f.via and via_type is None:
            via_type = "other"
        sentence = self.toks[f.content[0]].sentence if f.content else f.sentence
        return Attribution(
            article_id=self.doc.article_id,
            sentence_index=sentence,
            form=f.form,
            quote_text=quote,
            quote_start=qa,
            quote_end=qb,
            source_text=source,
            source_start=sa,
            source_end=sb,
            cue_text=cue,
            cue_start=ca,
            cue_end=cb,
            source_type=source_type or "other",
            source_actor=actor,
            via_text=via,
            via_type=via_type,
            anonymous=bool(f.anonymous),
        )

    def _from_antecedent(self, f: Found) -> tuple[str, str | None]:
        """Type of an anaphoric source: the antecedent's, else the nearest earlier typed source."""
        seen = 0
        g = f.antecedent
        while g is not None and seen < 5:
            if g.source is not None:
                t, actor = self.type_span(g.source)
                if t is not None:
                    return t, actor
            g = g.antecedent
            seen += 1
        return "other", None


def _name_key(word: str) -> str:
    w = word.lower()
    return w[:-1] if len(w) > 4 and w.endswith("s") else w


def attributions_frame(docs: Iterable[nlp.Document], **kwargs) -> pd.DataFrame:
    """All attributions of the documents as a tidy table (one row per attribution).

    Args:
        docs: processed documents.
        **kwargs: passed to :func:`extract_attributions` (``outlets``, ``home_country``, ...).

    Returns:
        A DataFrame with :data:`COLUMNS`; offsets are nullable integers, missing spans are ``<NA>``.
    """
    rows = [astuple(a) for doc in docs for a in extract_attributions(doc, **kwargs)]
    df = pd.DataFrame(rows, columns=COLUMNS)
    for col in _INT_COLUMNS:
        df[col] = df[col].astype("Int64")
    for col in COLUMNS:
        if col not in _INT_COLUMNS and col != "anonymous":
            df[col] = df[col].astype("string")
    df["anonymous"] = df["anonymous"].astype(bool)
    return df


def annotate_documents(
    docs: Sequence[nlp.Document], articles: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Annotate protocol step: ``{"attributions": table}`` for a chunk of documents.

    Args:
        docs: processed documents of this chunk.
        articles: the articles table (unused: sources are typed from the text and the registry).
        tables: outputs of earlier steps (unused; attribution runs first).

    Returns:
        ``{"attributions": DataFrame}`` with :data:`COLUMNS` (empty, with the columns, for no documents).
    """
    return {"attributions": attributions_frame(docs)}


#: Attribution step of :mod:`medialens.annotate` (after actors; reads no table yet).
STEP = Step(
    name="attribution",
    run=annotate_documents,
    writes=("attributions",),
    data=("lexicons/attribution/*.tsv", "lexicons/sources/*.tsv", "lexicons/language/konjunktiv.tsv",
          "outlets.csv", "actors.jsonl"),
    code=("medialens.attribution",),
)
