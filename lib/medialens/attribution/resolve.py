"""Turning token-level findings into typed rows: character offsets, source types, antecedents."""

from __future__ import annotations

from typing import Sequence

from bisect import bisect_right

from medialens import nlp
from medialens.german import PRONOUN_TAGS
from medialens.attribution.coreference import ANAPHORIC_LINKS, MentionSpan, Referent
from medialens.attribution.lexicons import AttributionLexicon
from medialens.attribution.rules import Found
from medialens.attribution.sources import SourceTyper

#: Indefinite articles: "ein Sprecher" introduces someone new, "der Sprecher" refers back.
INDEFINITE_ARTICLES = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})
#: Rule kinds whose source phrase stands for an earlier source ("Demnach", "nach eigenen Angaben").
ANAPHORIC = frozenset({"carry", "info_anaphor"})

Span = tuple[int, int]
Typed = tuple[str | None, str | None]  # (source type, actor id)


class Resolver:
    """Types the source phrases of one document and turns findings into row values."""

    def __init__(self, doc: nlp.Document, typer: SourceTyper, lexicon: AttributionLexicon,
                 mentions: Sequence[MentionSpan] | None = None):
        self.doc = doc
        self.typer = typer
        self.lexicon = lexicon
        #: (start, end, actor, link) character spans of the actors step's mentions
        self.mentions = mentions
        self._actor_types: dict[str, str | None] = {}
        self.tokens = doc.tokens
        self._starts = doc.token_starts
        self._types: dict[Span, Typed] = {}
        self._titles: dict[str, Typed] | None = None

    def words(self, span: Span) -> list[tuple[str, str, str]]:
        """``(text, lemma, tag)`` of the tokens of a span."""
        return [(t.text, t.lemma, t.pos) for t in self.tokens[span[0] : span[1]]]

    def text(self, span: Span | None) -> tuple[str | None, int | None, int | None]:
        """Text and character offsets of a token span (``None`` three times for no span)."""
        if span is None or span[1] <= span[0]:
            return None, None, None
        start, end = self.tokens[span[0]].start, self.tokens[span[1] - 1].end
        return self.doc.text[start:end], start, end

    def cue(self, indices: tuple[int, ...]) -> tuple[str | None, int | None, int | None]:
        """Cue words joined by " " where adjacent and " … " where not, with the outer offsets."""
        if not indices:
            return None, None, None
        indices = tuple(sorted(set(indices)))
        parts = [self.tokens[indices[0]].text]
        for prev, token in zip(indices, indices[1:]):
            parts.append((" " if token == prev + 1 else " … ") + self.tokens[token].text)
        return "".join(parts), self.tokens[indices[0]].start, self.tokens[indices[-1]].end

    def titles(self) -> dict[str, Typed]:
        """Names typed by a titled mention in the article ("Präsident Tokajew" -> Tokajew: government)."""
        if self._titles is None:
            self._titles = {}
            tokens = self.tokens
            for k, token in enumerate(tokens):
                if token.pos != "NE" or k == 0 or not tokens[k - 1].pos.startswith("NN"):
                    continue
                first = k - 1
                while first > 0 and tokens[first - 1].pos in ("ADJA", "NN") and tokens[first - 1].sentence == token.sentence:
                    first -= 1
                typed = self.typer.type_phrase(self.words((first, k)))
                if typed is None:
                    continue
                name = k
                while name < len(tokens) and tokens[name].pos == "NE":
                    self._titles.setdefault(name_key(tokens[name].text), (typed.source_type, typed.actor_id))
                    name += 1
        return self._titles

    def type_span(self, span: Span | None) -> Typed:
        """(source type, actor id) of a phrase; ``(None, None)`` for a pronoun (resolved by the caller).

        The actor is the head mention's (:meth:`actor_of`), never a dictionary alias the typer found in
        a genitive or in an article the actors step did not link it in.
        """
        if span is None:
            return None, None
        if span not in self._types:
            source_type = self._type_words(self.words(span))[0]
            self._types[span] = (source_type, self.actor_of(span) if source_type is not None else None)
        return self._types[span]

    def _type_words(self, words: list[tuple[str, str, str]]) -> Typed:
        typed = self.typer.type_phrase(words)
        if typed is not None:
            return typed.source_type, typed.actor_id
        if all(p in PRONOUN_TAGS or p.startswith("$") for _, _, p in words) or any(p == "PPOSAT" for _, _, p in words):
            return None, None  # resolved from the antecedent by the caller
        names = [w for w, _, p in words if p == "NE"]
        titles = self.titles()
        return next((titles[name_key(w)] for w in names if name_key(w) in titles), ("other", None))

    def source_type(self, found: Found) -> Typed:
        """The type and actor of a finding's source (antecedent for pronouns and anaphors)."""
        source_type, actor = self.type_span(found.source)
        if found.source is not None and (source_type is None or (source_type == "other" and found.kind in ANAPHORIC)):
            source_type, actor = self.from_antecedent(found)
        if found.source is None:
            if found.anonymous:
                source_type = "anonymous"
            elif found.antecedent is not None:
                source_type = self.from_antecedent(found)[0]
            else:
                source_type = "other"
        if found.anonymous and found.info_only and source_type in (None, "other"):
            source_type = "anonymous"  # "Berichten zufolge": an information noun that names no one
        if found.source is not None and not found.info_only:
            referred, anaphoric = self.refer(found, source_type)
            if referred is not None:
                actor = referred.actor or actor
                if referred.source_type and (anaphoric or source_type in (None, "other")):
                    source_type = referred.source_type  # "das Ministerium" is the ministry named before
        return source_type or "other", actor

    def row(self, found: Found) -> dict:
        """The column values of one finding (see :class:`medialens.attribution.rows.Attribution`)."""
        quote, quote_start, quote_end = self.text(found.content)
        source, source_start, source_end = self.text(found.source)
        cue, cue_start, cue_end = self.cue(found.cue + found.extra_cue if found.kind == "relay" else found.cue)
        via, via_start, via_end = self.text(found.via)
        addressee, addressee_start, addressee_end = self.text(found.addressee)
        source_type, actor = self.source_type(found)
        via_type = (self.type_span(found.via)[0] or "other") if found.via else None
        sentence = self.tokens[found.content[0]].sentence if found.content else found.sentence
        return dict(
            article_id=self.doc.article_id, sentence_index=sentence, form=found.form, rule=found.rule,
            quote_text=quote, quote_start=quote_start, quote_end=quote_end,
            source_text=source, source_start=source_start, source_end=source_end,
            cue_text=cue, cue_start=cue_start, cue_end=cue_end,
            addressee_text=addressee, addressee_start=addressee_start, addressee_end=addressee_end,
            source_type=source_type, source_actor=actor, via_text=via, via_start=via_start, via_end=via_end,
            via_type=via_type,
            anonymous=bool(found.anonymous),
        )

    # ------------------------------------------------------------------ coreference (the actors step's links)
    def mention_at(self, span: Span) -> MentionSpan | None:
        """The actors step's mention that heads a source phrase (see :mod:`.coreference`).

        Mentions that depend on the head -- a prenominal genitive (*Usbekistans* Außenminister), a
        genitive or von-phrase after it (die Verteidiger *Strauss-Kahns*, der Sprecher *des
        Ministeriums*) -- are left out; of the others the first person (*John Sifton* von Human Rights
        Watch), else the first mention. With none left, a member role (*Sprecher*, *Chef*) speaks for
        the organisation in its genitive or von-phrase.
        """
        if not self.mentions:
            return None
        start, end = self.tokens[span[0]].start, self.tokens[span[1] - 1].end
        inside = [m for m in self.mentions if start <= m.start and m.end <= end and m.actor]
        heads = [m for m in inside if not self._dependent(m, span)]
        persons = [m for m in heads if m.actor_type == "person"]
        speakers = [m for m in heads if m.actor_type not in PLACE_TYPES]
        if persons or speakers:
            return (persons or speakers)[0]
        head = self._head_lemma(span)
        if head is None:  # a place named as the speaker ("Moskau warnte"): metonymy for its government
            return heads[0] if heads else None
        if self.lexicon.is_member_role(head) or info_noun(self.lexicon, head):
            # "ein Sprecher Nasarbajews", "eine Erklärung des Ministeriums": whom the head speaks for
            return next((m for m in inside if m.actor_type not in PLACE_TYPES), None)
        if self.lexicon.is_body(head):  # "das Büro der Vereinten Nationen": a part of the body
            return next((m for m in inside if m.actor_type not in PLACE_TYPES | {"person"}), None)
        return None

    def _dependent(self, mention: MentionSpan, span: Span) -> bool:
        """Whether a mention inside a source phrase depends on another noun of it (genitive, von-phrase)."""
        first, last = self._token_at(mention.start), self._token_at(mention.end - 1)
        tokens = self.tokens
        genitive = mention.genitive or (mention.link != "dictionary" and mention.actor_type == "person"
                                        and first == last and genitive_token(tokens[last].text, tokens[last].lemma))
        if last + 1 < span[1] and tokens[last + 1].pos.startswith("NN") and (
                genitive or tokens[last].text.endswith(("s", "'", "’"))):
            return True  # "Usbekistans Außenminister", "Obamas Sprecher"
        before = [t for t in tokens[span[0]:first]]
        if not before:
            return False
        if genitive and before[-1].pos.startswith("NN") and (mention.genitive or self._person_noun(before[-1].lemma)):
            return True  # "die Verteidiger Strauss-Kahns" (not "die Beobachtungsstelle NetBlocks")
        k = first - 1
        while k >= span[0] and tokens[k].pos in ("ADJA", "ART", "CARD", "PPOSAT"):
            if tokens[k].pos == "ART":  # "der Sprecher des Ministeriums"; not "des Ministeriums" alone
                return tokens[k].text.lower() in ("des", "der", "eines", "einer") and any(
                    t.pos.startswith("N") for t in tokens[span[0]:k])
            k -= 1
        return k > span[0] and tokens[k].text.lower() in ("von", "vom")

    def _person_noun(self, lemma: str) -> bool:
        """A noun naming people (*Verteidiger*, *Sprecher*), not a body (*Beobachtungsstelle*, *Partei*)."""
        return self.lexicon.can_speak(lemma) and not self.lexicon.is_body(lemma)

    def _head_lemma(self, span: Span) -> str | None:
        """Lemma of the first common noun of a phrase (its head noun)."""
        return next((t.lemma for t in self.tokens[span[0]:span[1]] if t.pos in ("NN", "NNA", "NNI")), None)

    def actor_of(self, span: Span | None) -> str | None:
        """The actor id (``mentions.actor_id``) of a source phrase's head, if the actors step found one."""
        if span is None:
            return None
        mention = self.mention_at(span)
        return mention.actor if mention is not None else None

    def refer(self, found: Found, source_type: str | None) -> tuple[Referent | None, bool]:
        """Who a source phrase stands for -- the actor of the mention it contains -- and whether the
        phrase refers back (a pronoun, title or organisation noun the actors step linked).

        Coreference is done once, by the actors step (:mod:`medialens.actors.rules.coref`); here the
        linked actor also brings the type its named mention has (*Der Präsident Arman Beketow* ->
        government, so a later *er* is government too).
        """
        mention = self.mention_at(found.source)
        if mention is None:
            return None, False
        actor, link = mention.actor, mention.link
        anaphoric = link in ANAPHORIC_LINKS
        if not anaphoric and source_type not in (None, "other", "anonymous"):
            self._actor_types.setdefault(actor, source_type)
        return Referent(actor, self.actor_type(actor)), anaphoric

    def actor_type(self, actor: str) -> str | None:
        """The source type of an actor: of its first typed source phrase, else of the first of its named
        mentions that types with the title words before it (*Die Anwohnerin Aigerim Sarsenowa*)."""
        if actor not in self._actor_types:
            named = [m for m in self.mentions or () if m.actor == actor and m.link not in ANAPHORIC_LINKS]
            self._actor_types[actor] = next(filter(None, map(self._titled_type, named)), None)
        return self._actor_types[actor]

    def _titled_type(self, mention: MentionSpan) -> str | None:
        """Source type of a named mention together with the article, adjectives and nouns before it."""
        start = self._token_at(mention.start)
        end = self._token_at(mention.end - 1) + 1
        first = self._title_start(start, ("ADJA", "NN", "ART"))
        if first == start and start > 1 and self.tokens[start - 1].text == ",":
            # apposition: "Der Innenminister Frankreichs, Nicolas Sarkozy"
            first = self._title_start(start - 1, ("ADJA", "NN", "NE", "ART", "APPR", "APPRART", "$("), limit=8)
        typed = self.typer.type_phrase(self.words((first, end)))
        return typed.source_type if typed is not None and typed.source_type != "other" else None

    def _title_start(self, start: int, tags: tuple[str, ...], limit: int = 6) -> int:
        """First token of the words with ``tags`` directly before ``start`` in its sentence (at most ``limit``)."""
        first = start
        while first > 0 and start - first < limit and self.tokens[first - 1].pos in tags and \
                self.tokens[first - 1].sentence == self.tokens[start].sentence:
            first -= 1
        return first

    def _token_at(self, char: int) -> int:
        """Index of the token that starts (or contains) character ``char``."""
        starts = self._starts
        return max(0, bisect_right(starts, char) - 1)

    def can_speak(self, span: Span | None) -> bool:
        """Whether a source phrase names someone who can make a statement (see ``speaker_heads.tsv``)."""
        if span is None:
            return True
        words = self.words(span)
        if self.type_span(span)[0] not in (None, "other") or any(tag in ("NE", "FM") for _, _, tag in words):
            return True
        if any(tag in PRONOUN_TAGS for _, _, tag in words[:1]):
            return True
        heads = [lemma for _, lemma, tag in words if tag.startswith("NN")]
        return bool(heads) and self.lexicon.can_speak(heads[0] if len(heads) == 1 else heads[-1])

    def keep(self, found: Found) -> bool:
        """A statement reported without content needs a source that can speak ("Die Gewalt ging … aus")."""
        return found.form != "reported" or self.can_speak(found.source)

    def from_antecedent(self, found: Found) -> Typed:
        """Type of an anaphoric source: the antecedent's, else the nearest earlier typed source."""
        seen = 0
        previous = found.antecedent
        while previous is not None and seen < 5:
            if previous.source is not None:
                source_type, actor = self.type_span(previous.source)
                if source_type is not None:
                    return source_type, actor
            previous = previous.antecedent
            seen += 1
        return "other", None


def name_key(word: str) -> str:
    """A name without a genitive -s, lower-cased ("Tokajews" -> "tokajew")."""
    lower = word.lower()
    return lower[:-1] if len(lower) > 4 and lower.endswith("s") else lower


#: Actor types of places: a source only as the head of its phrase ("Moskau warnte"), never "aus Almaty".
PLACE_TYPES = frozenset({"place", "state"})


def info_noun(lexicon: AttributionLexicon, lemma: str) -> bool:
    """An information noun or a compound of one (*Erklärung*, *Pressemitteilung*): a document speaks for its author."""
    low = lemma.lower()
    return low in lexicon.info_nouns or any(
        compound and low.endswith(noun) for noun, (compound, _, _) in lexicon.info_nouns.items())


def genitive_token(text: str, lemma: str) -> bool:
    """A name written with a genitive ending its lemma does not have (*Strauss-Kahns* of *Strauss-Kahn*)."""
    low, lem = text.lower(), lemma.lower()
    return low != lem and any(low == lem + ending for ending in ("s", "es", "'", "’"))
