"""Turning token-level findings into typed rows: character offsets, source types, antecedents."""

from __future__ import annotations

from dataclasses import replace

from medialens import nlp
from medialens.german import PRONOUN_TAGS
from medialens.attribution.coreference import (
    GENERIC_PERSONS,
    LocalReferents,
    Referent,
    compatible,
    gender_of,
    name_words,
)
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
                 mentions: list[tuple[int, int, str]] | None = None):
        self.doc = doc
        self.typer = typer
        self.lexicon = lexicon
        #: (start, end, actor id) character spans of the actors step's mentions, if given
        self.mentions = mentions
        self.referents = LocalReferents(doc)
        self._seeded = False
        self.tokens = doc.tokens
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
        """(source type, actor id) of a phrase; ``(None, None)`` for a pronoun (resolved by the caller)."""
        if span is None:
            return None, None
        if span not in self._types:
            self._types[span] = self._type_words(self.words(span))
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

    # ------------------------------------------------------------------ coreference
    def seed_referents(self) -> None:
        """Referents from titled names anywhere in the article ("die Anwältin Maria Keller")."""
        if self._seeded:
            return
        self._seeded = True
        tokens = self.tokens
        k = 0
        while k < len(tokens):
            if tokens[k].pos != "NE" or k == 0 or not tokens[k - 1].pos.startswith("NN"):
                k += 1
                continue
            first = k - 1
            while first > 0 and tokens[first - 1].pos in ("ADJA", "NN") and tokens[first - 1].sentence == tokens[k].sentence:
                first -= 1
            end = k
            while end < len(tokens) and tokens[end].pos in ("NE", "FM"):
                end += 1
            self.referents.add(self.named_referent(first, end, (k, end)))
            k = end

    def named_referent(self, start: int, end: int, name: Span) -> Referent:
        """A referent for a phrase with a name: role nouns before it, gender, type, actor."""
        tokens = self.tokens
        roles = [tokens[k].lemma.lower() for k in range(start, name[0]) if tokens[k].pos.startswith("NN")]
        article = tokens[start - 1].text.lower() if start > 0 and tokens[start - 1].pos == "ART" else None
        if start < name[0] and tokens[start].pos == "ART":
            article = tokens[start].text.lower()
        kind = "body" if any(self.lexicon.is_body(r) for r in roles) else "person"
        typed = self.typer.type_phrase(self.words((start, end))) if start < end else None
        named = self.typer.type_phrase(self.words(name))
        actor = named.actor_id if named is not None and named.actor_id else self.name_text(name)
        return Referent(start, tokens[start].sentence, actor, kind, gender_of(roles, article) if kind == "person" else None,
                        tuple(roles), tuple(t.text.lower() for t in tokens[name[0]:name[1]]),
                        typed.source_type if typed is not None else None)

    def name_text(self, name: Span) -> str:
        """A name as written, without the genitive -s of its last word ("Tokajews" -> "Tokajew")."""
        words = [t.text for t in self.tokens[name[0]:name[1]]]
        if len(words[-1]) > 4 and words[-1].endswith("s") and not words[-1].endswith("ss"):
            words[-1] = words[-1][:-1]
        return " ".join(words)

    def refer(self, found: Found, source_type: str | None) -> tuple[Referent | None, bool]:
        """The referent a finding's source phrase stands for, and whether it refers back (pronoun, role noun).

        A named or newly typed source also becomes a referent for later phrases.
        """
        referent, anaphoric = self.refer_locally(found, source_type)
        mention = self.mention_actor(found.source)
        if mention is None:
            return referent, anaphoric
        if referent is None:  # the actors step knows who it is (a linked role noun or pronoun)
            return Referent(found.source[0], self.tokens[found.source[0]].sentence, mention, "person"), False
        return replace(referent, actor=mention), anaphoric

    def refer_locally(self, found: Found, source_type: str | None) -> tuple[Referent | None, bool]:
        """:meth:`refer` within the article, without the actors step's mentions."""
        span = found.source
        self.seed_referents()
        name = name_words(self.tokens, *span)
        if name is not None:
            return self.refer_name(span, name), False
        words = self.words(span)
        if len(words) == 1 and words[0][2] == "PPER":
            return self.refer_pronoun(found, words[0][0].lower()), True
        return self.refer_role(span, words, source_type)

    def mention_actor(self, span: Span) -> str | None:
        """The actor of the actors step's mention inside the source phrase (its last one), if any."""
        if not self.mentions:
            return None
        start, end = self.tokens[span[0]].start, self.tokens[span[1] - 1].end
        inside = [actor for a, b, actor in self.mentions if start <= a and b <= end and actor]
        return inside[-1] if inside else None

    def refer_name(self, span: Span, name: Span) -> Referent:
        """A name: the earlier referent whose name it shortens, else a new referent."""
        last = self.tokens[name[1] - 1].text.lower()
        bare = name_key(last)
        for referent in self.referents.before(span[0]):
            if referent.names and (last in referent.names or bare in map(name_key, referent.names)):
                return referent
        referent = self.named_referent(span[0], span[1], name)
        self.referents.add(referent)
        return referent

    def refer_pronoun(self, found: Found, pronoun: str) -> Referent | None:
        """"er" -> the nearest male or unknown person; "sie" with a singular verb -> female or body."""
        if pronoun not in ("er", "sie"):
            return None
        verb = self.tokens[found.cue[0]].text.lower() if found.cue else ""
        if pronoun == "sie" and verb.endswith("n"):
            return None  # plural "sie": groups are not resolved here
        gender = "m" if pronoun == "er" else "f"
        kind = "person" if pronoun == "er" else None
        return next((r for r in self.referents.before(found.source[0])
                     if compatible(r, kind=kind, gender=gender, role=None)), None)

    def refer_role(self, span: Span, words: list[tuple[str, str, str]],
                   source_type: str | None) -> tuple[Referent | None, bool]:
        """"der Präsident" / "das Ministerium" / "die Frau": the nearest referent with that role.

        A typed phrase that refers to nothing earlier becomes a new referent (a body gets an actor).
        """
        nouns = [lemma.lower() for _, lemma, tag in words if tag.startswith("NN")]
        earlier = self.earlier_with_role(span, words, nouns)
        if earlier is not None:
            return earlier, True
        if not nouns or source_type in (None, "other", "anonymous"):
            return None, False
        referent = self.new_referent(span, words, nouns, source_type)
        self.referents.add(referent)
        return (referent if referent.actor else None), False

    def earlier_with_role(self, span: Span, words: list[tuple[str, str, str]], nouns: list[str]) -> Referent | None:
        """For a definite phrase of one noun without a complement, the nearest referent of that role."""
        definite = words[0][2] in ("ART", "PDAT") and words[0][0].lower() not in INDEFINITE_ARTICLES
        if len(nouns) != 1 or not definite or any(tag in ("APPR", "APPRART", "$,") for _, _, tag in words):
            return None
        role = nouns[0]
        gender = "f" if role == "frau" or role.endswith("in") else ("m" if role in ("mann", "herr") else None)
        return next((r for r in self.referents.before(span[0]) if compatible(r, kind=None, gender=gender, role=role)),
                    None)

    def new_referent(self, span: Span, words: list[tuple[str, str, str]], nouns: list[str],
                     source_type: str | None) -> Referent:
        """A referent for a typed phrase: a body ("das Gesundheitsministerium von Kirgistan") or a person."""
        kind = "body" if self.lexicon.is_body(nouns[0]) else "person"
        start = next((k for k, (_, _, tag) in enumerate(words) if tag.startswith("N")), 0)
        head = start
        while head < len(words) and words[head][2].startswith("N"):
            head += 1
        actor = None
        if kind == "body":
            typed = self.typer.type_phrase(words[:head])  # without complements: not "… von Kirgistan"
            actor = typed.actor_id if typed is not None and typed.actor_id else " ".join(w for w, _, _ in words[start:])
        return Referent(span[0], self.tokens[span[0]].sentence, actor or "", kind, roles=tuple(nouns),
                        source_type=source_type)

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
