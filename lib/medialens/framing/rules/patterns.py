"""Pattern matching over tagged tokens: the one matcher behind labels, cause words, cues, markers and topics.

A pattern (``data/lexicons/frames/README.md``, "Pattern syntax") is compiled once into a
:class:`Pattern`; :class:`PatternSet` indexes many of them so that a sentence is matched in one pass
over its tokens, and :func:`resolve_overlaps` keeps, of overlapping matches, the longest.

Comparison is on normalised strings (:func:`normalise`: case folding, hyphens removed, umlauts and ß
folded), so ``Antiterroreinsatz`` matches *Anti-Terror-Einsätze*.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

#: Pattern kinds (``data/lexicons/frames/README.md``, "Pattern syntax"); ``token`` = the surface form
#: exactly (abbreviations such as *sog.*).
KINDS = ("lemma", "prefix", "head", "phrase", "token")
GAP = "..."
#: A gap of any length inside the clause (separable verbs with a long middle field: *führen ... auf ...
#: zurück*); it still stops at a comma or a full stop.
GAP_ANY = "...*"
MAX_GAP = 5
MAX_GAP_ANY = 40
#: Context word prefixes: ``@word`` may stand anywhere in the article, ``!word`` vetoes the match when it
#: stands in the matched words or within :data:`VETO_WINDOW` tokens of them (same clause).
ARTICLE_CONTEXT, VETO = "@", "!"
VETO_WINDOW = 3
#: Tags a gap may not cross: a discontinuous phrase stays inside its clause.
GAP_STOP = frozenset({"$.", "$,"})
MIN_AFFIX = 3
#: Endings a ``head`` pattern may carry on the surface form (Massenprotest-e, -en, -es ...).
HEAD_ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern")
#: Distinct tokens whose candidate patterns a :class:`PatternSet` remembers (bounds a worker's memory)
CANDIDATE_MEMO = 5_000
#: Distinct (surface, lemma) pairs whose forms a worker remembers (about 0.5 KB each).
TOKEN_FORMS_MEMO = 20_000
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "-": "", "\u00ad": ""})
_TAGGED = re.compile(r"^(?P<word>[^<>]*)<(?P<tag>[A-Z$(,.]+)>$")


def normalise(text: str) -> str:
    """Case-folded, hyphens removed, ä/ö/ü/ß folded: the form every comparison uses."""
    return text.casefold().translate(_FOLD)


@lru_cache(maxsize=TOKEN_FORMS_MEMO)
def token_forms(text: str, lemma: str) -> frozenset[str]:
    """Normalised surface form and lemma, plus every tail of a hyphenated compound.

    ``OVKS-Friedenstruppen`` -> ``ovksfriedenstruppen``, ``friedenstruppen`` (and the lemma's forms),
    so a hyphenated modifier in front of a word does not hide it.
    """
    forms = set()
    for word in (text, lemma):
        parts = [p for p in word.split("-") if p]
        for i in range(len(parts)):
            forms.add(normalise("".join(parts[i:])))
    forms.discard("")
    return frozenset(forms)


@dataclass(frozen=True)
class Word:
    """One word of a phrase: exact (lemma or surface), prefix (``x*``), tag-restricted, or a gap."""

    text: str = ""
    prefix: bool = False
    tag: str = ""
    gap: bool = False
    scope: str = ""  # context words: "" (the sentence), "article" (@word) or "veto" (!word)
    any_gap: bool = False

    def matches(self, forms: frozenset[str], pos: str) -> bool:
        if self.tag and not pos.startswith(self.tag):
            return False
        if not self.text:
            return True
        if self.prefix:
            return any(f.startswith(self.text) for f in forms)
        return self.text in forms


def parse_word(raw: str) -> Word:
    """``Protest*`` -> prefix word; ``da<KOUS>`` -> word with a tag; ``<CARD>`` -> any CARD token."""
    if raw == GAP:
        return Word(gap=True)
    if raw == GAP_ANY:
        return Word(gap=True, any_gap=True)
    scope = ""
    if raw[:1] in (ARTICLE_CONTEXT, VETO):
        scope, raw = ("article" if raw[0] == ARTICLE_CONTEXT else "veto"), raw[1:]
    tag = ""
    m = _TAGGED.match(raw)
    if m:
        raw, tag = m.group("word"), m.group("tag")
    prefix = raw.endswith("*")
    return Word(normalise(raw.rstrip("*")), prefix, tag, scope=scope)


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern. ``owner`` is what a match means (a label, a category, a cue); ``order`` its
    position in the file (the last tie-breaker); ``context`` words of which one must occur elsewhere in
    the sentence."""

    owner: tuple
    raw: str
    kind: str
    words: tuple[Word, ...]
    context: tuple[Word, ...] = ()
    order: int = 0
    excludes: tuple[Word, ...] = ()

    @property
    def stem(self) -> str:
        return self.words[0].text


def compile_pattern(owner: tuple, raw: str, kind: str, context: str = "", order: int = 0,
                    where: str = "", excludes: str = "") -> Pattern:
    """Compile one pattern row.

    Raises:
        ValueError: an unknown kind, an empty pattern, an affix shorter than four letters, or a phrase
            that starts or ends with a gap (``where`` names the file and line).
    """
    raw = raw.strip()
    if kind not in KINDS:
        raise ValueError(f"{where}: kind {kind!r} is not one of {KINDS}")
    if not raw:
        raise ValueError(f"{where}: empty pattern")
    ctx = tuple(parse_word(w) for w in context.split("|") if w.strip())
    exc = tuple(parse_word(w) for w in excludes.split("|") if w.strip())
    if kind == "phrase":
        words = tuple(parse_word(w) for w in raw.split())
        if words[0].gap or words[-1].gap:
            raise ValueError(f"{where}: a phrase cannot start or end with {GAP!r}")
        return Pattern(owner, raw, kind, words, ctx, order, exc)
    word = Word(normalise(raw) if kind != "token" else raw.casefold(), kind == "prefix")
    if kind in ("prefix", "head") and len(word.text) < MIN_AFFIX:
        raise ValueError(f"{where}: {kind} {raw!r} is shorter than {MIN_AFFIX} letters")
    return Pattern(owner, raw, kind, (word,), ctx, order, exc)


@dataclass(frozen=True)
class Match:
    """A match in one sentence: token indices relative to the sentence (``tokens`` = the matched
    ones, gaps excluded; ``first``/``last`` the span)."""

    pattern: Pattern
    tokens: tuple[int, ...]

    @property
    def first(self) -> int:
        return self.tokens[0]

    @property
    def last(self) -> int:
        return self.tokens[-1]

    def gap_tokens(self) -> tuple[int, ...]:
        inside = set(self.tokens)
        return tuple(k for k in range(self.first, self.last + 1) if k not in inside)


@dataclass
class PatternSet:
    """Patterns indexed for one pass over a sentence."""

    exact: dict = field(default_factory=lambda: defaultdict(list))
    prefix: dict = field(default_factory=lambda: defaultdict(list))
    head: dict = field(default_factory=lambda: defaultdict(list))
    token: dict = field(default_factory=lambda: defaultdict(list))
    phrase_any: list = field(default_factory=list)
    size: int = 0
    #: (forms, casefolded surface) -> candidate patterns: word forms repeat, so most tokens are looked up once
    memo: dict = field(default_factory=dict, repr=False, compare=False)
    older: dict = field(default_factory=dict, repr=False, compare=False)  # the memo before the last one filled up
    _added: set = field(default_factory=set, repr=False, compare=False)  # ids of the patterns in the pools

    @classmethod
    def of(cls, patterns: Iterable[Pattern]) -> "PatternSet":
        out = cls()
        for p in patterns:
            out.add(p)
        return out

    def add(self, p: Pattern) -> None:
        self.size += 1
        if id(p) in self._added:
            return  # the same pattern object again: it stays one candidate
        self._added.add(id(p))
        self.memo.clear()
        self.older.clear()
        first = p.words[0]
        if p.kind == "lemma":
            self.exact[first.text].append(p)
        elif p.kind == "token":
            self.token[first.text].append(p)
        elif p.kind == "prefix":
            self.prefix[first.text[:MIN_AFFIX]].append(p)
        elif p.kind == "head":
            self.head[first.text[-MIN_AFFIX:]].append(p)
        elif first.text and not first.prefix and not first.tag:
            self.exact[first.text].append(p)
        elif first.text and len(first.text) >= MIN_AFFIX and not first.tag:
            self.prefix[first.text[:MIN_AFFIX]].append(p)
        else:
            self.phrase_any.append(p)

    def candidates(self, forms: frozenset[str], surface: str) -> tuple[Pattern, ...]:
        """The patterns that may start at a token with these forms and surface, each once, in pool order."""
        return self.candidates_folded(forms, surface.casefold())

    def candidates_folded(self, forms: frozenset[str], folded: str) -> tuple[Pattern, ...]:
        """:meth:`candidates` given the case-folded surface (memoised: the :data:`CANDIDATE_MEMO` tokens
        last looked up, and those of the memo before, which is set aside whenever it fills up)."""
        key = (forms, folded) if self.token else forms  # the surface only matters to token patterns
        found = self.memo.get(key)
        if found is None:
            found = self.older.get(key)
            if found is None:
                found = self._candidates(forms, folded)
            if len(self.memo) >= CANDIDATE_MEMO:
                self.older, self.memo = self.memo, {}
            self.memo[key] = found
        return found

    def _candidates(self, forms: frozenset[str], folded: str) -> tuple[Pattern, ...]:
        pools = [pool for f in forms if (pool := self.exact.get(f))]
        pools += [pool for f in forms if len(f) >= MIN_AFFIX and (pool := self.prefix.get(f[:MIN_AFFIX]))]
        if pool := self.token.get(folded):
            pools.append(pool)
        if self.head:
            for f in forms:
                for ending in HEAD_ENDINGS:
                    if f.endswith(ending) and len(f) - len(ending) >= MIN_AFFIX:
                        if pool := self.head.get(f[: len(f) - len(ending)][-MIN_AFFIX:]):
                            pools.append(pool)
        if self.phrase_any:  # phrases whose first word is tagged or short: kept if that word's text fits
            fitting = [p for p in self.phrase_any if _may_start(p.words[0], forms)]
            if fitting:
                pools.append(fitting)
        if len(pools) <= 1:  # one pool holds each pattern once
            return tuple(pools[0]) if pools else ()
        seen: set[int] = set()
        out = []
        for pool in pools:
            for p in pool:
                if id(p) not in seen:
                    seen.add(id(p))
                    out.append(p)
        return tuple(out)


def _may_start(word: Word, forms: frozenset[str]) -> bool:
    """Whether a token with these forms can be ``word`` as far as its text goes (its tag is checked when
    the phrase is matched)."""
    if not word.text:
        return True
    if word.prefix:
        return any(f.startswith(word.text) for f in forms)
    return word.text in forms


def _single_match(p: Pattern, forms: frozenset[str], surface: str) -> bool:
    word = p.words[0]
    if p.kind == "lemma":
        return word.text in forms
    if p.kind == "token":
        return surface.casefold() == word.text
    if p.kind == "prefix":
        return any(f.startswith(word.text) for f in forms)
    for f in forms:  # head
        for ending in HEAD_ENDINGS:
            if f.endswith(ending) and f[: len(f) - len(ending)].endswith(word.text):
                return True
    return False


def _phrase_tokens(words: Sequence[Word], forms: Sequence[frozenset[str]], tags: Sequence[str], k: int,
                   w: int = 0) -> tuple[int, ...] | None:
    """Matched token indices of ``words[w:]`` starting at token ``k`` (gaps skipped), else ``None``.

    Words are matched one after the other; at a gap every number of skipped tokens is tried, fewest
    first, and the first that lets the rest match wins.
    """
    used: list[int] = []
    n = len(forms)
    while w < len(words):
        word = words[w]
        if word.gap:
            for skip in range((MAX_GAP_ANY if word.any_gap else MAX_GAP) + 1):
                if skip and (k + skip - 1 >= len(tags) or tags[k + skip - 1] in GAP_STOP):
                    return None
                rest = _phrase_tokens(words, forms, tags, k + skip, w + 1)
                if rest is not None:
                    return (*used, *rest)
            return None
        if k >= n:
            return None
        if word.tag or word.prefix or not word.text:
            if not word.matches(forms[k], tags[k]):
                return None
        elif word.text not in forms[k]:
            return None
        used.append(k)
        k += 1
        w += 1
    return tuple(used)


def _vetoed(vetoes: Sequence[Word], forms: Sequence[frozenset[str]], tags: Sequence[str], used: Sequence[int]) -> bool:
    """A veto word in the matched tokens or within :data:`VETO_WINDOW` tokens of them, not across a comma or
    a full stop."""
    lo, hi = used[0], used[-1]
    while lo > 0 and used[0] - lo < VETO_WINDOW and tags[lo - 1] not in GAP_STOP:
        lo -= 1
    while hi + 1 < len(forms) and hi - used[-1] < VETO_WINDOW and tags[hi + 1] not in GAP_STOP:
        hi += 1
    return any(word.matches(forms[k], tags[k]) for k in range(lo, hi + 1) for word in vetoes)


def _in_article(word: Word, article: frozenset[str]) -> bool:
    if word.prefix:
        return any(f.startswith(word.text) for f in article)
    return word.text in article


def _context_ok(p: Pattern, view: "SentenceView", used: Sequence[int]) -> bool:
    """The pattern's context: no veto word near the match, and (when it lists any) one positive context
    word elsewhere in the sentence or, for ``@`` words, anywhere in the article."""
    if not p.context:
        return True
    forms, tags = view.forms, view.tags
    vetoes = [w for w in p.context if w.scope == "veto"]
    if vetoes and _vetoed(vetoes, forms, tags, used):
        return False
    wanted = [w for w in p.context if w.scope != "veto"]
    if not wanted:
        return True
    taken = set(used)
    if any(word.matches(forms[k], tags[k]) for k in range(len(forms)) if k not in taken for word in wanted):
        return True
    return any(_in_article(word, view.article) for word in wanted if word.scope == "article")


@dataclass(frozen=True)
class SentenceView:
    """What the matcher needs of a sentence: per token its forms, surface and STTS tag."""

    forms: tuple[frozenset[str], ...]
    surfaces: tuple[str, ...]
    tags: tuple[str, ...]
    article: frozenset[str] = frozenset()  # every form of the article: for ``@`` context words
    folded: tuple[str, ...] = ()  # the case-folded surfaces (computed from ``surfaces`` when not given)

    def __post_init__(self) -> None:
        if len(self.folded) != len(self.surfaces):
            object.__setattr__(self, "folded", tuple(s.casefold() for s in self.surfaces))

    @classmethod
    def of(cls, tokens: Sequence, article: frozenset[str] = frozenset()) -> "SentenceView":
        return cls(
            tuple(token_forms(t.text, t.lemma) for t in tokens),
            tuple(t.text for t in tokens),
            tuple(t.pos for t in tokens),
            article,
        )


def article_views(doc) -> list["SentenceView"]:
    """One :class:`SentenceView` per sentence of ``doc``, each knowing the forms of the whole article."""
    views = [SentenceView.of(doc.sentence_tokens(s.index)) for s in doc.sentences]
    every = frozenset(f for v in views for forms in v.forms for f in forms)
    return [SentenceView(v.forms, v.surfaces, v.tags, every, v.folded) for v in views]


def excluded(m: Match, view: SentenceView, lo: int, hi: int) -> bool:
    """Whether one of the pattern's ``excludes`` words stands in tokens ``lo..hi`` outside the match."""
    used = set(m.tokens)
    return any(
        word.matches(view.forms[k], view.tags[k]) for k in range(lo, hi) if k not in used for word in m.pattern.excludes
    )


def find_matches(view: SentenceView, patterns: PatternSet) -> list[Match]:
    """Every match of ``patterns`` in one sentence (overlaps not yet resolved)."""
    found: list[Match] = []
    all_forms, tags, surfaces = view.forms, view.tags, view.surfaces
    candidates = patterns.candidates_folded
    for k, (forms, folded) in enumerate(zip(all_forms, view.folded)):
        for p in candidates(forms, folded):
            if p.kind == "phrase":
                used = _phrase_tokens(p.words, all_forms, tags, k)
            else:
                used = (k,) if _single_match(p, forms, surfaces[k]) else None
            if used and (not p.context or _context_ok(p, view, used)):
                found.append(Match(p, used))
    return found


def resolve_overlaps(matches: Iterable[Match], key=lambda m: ()) -> list[Match]:
    """Keep, among matches sharing a token (within the same ``key``), the longest: most matched
    tokens, then the longest pattern text, then the earlier file row; result in text order."""
    ranked = sorted(matches, key=lambda m: (-len(m.tokens), -len(m.pattern.raw), m.pattern.order, m.first))
    kept: list[Match] = []
    taken: dict = defaultdict(set)
    for m in ranked:
        bucket = taken[key(m)]
        if bucket.isdisjoint(m.tokens):
            bucket.update(m.tokens)
            kept.append(m)
    return sorted(kept, key=lambda m: (m.first, m.pattern.order))
