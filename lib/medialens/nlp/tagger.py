"""HanTa's German tagger, run fast: its sentence Viterbi re-implemented over memoised word analyses.

:class:`Tagger` gives exactly ``HanoverTagger.tag_sent(words, taglevel=1)`` (tested against HanTa on
the demo corpus and, by ``medialens bench --agreement --exact-check``, on the 10kGNAD articles):

* the per-word analyses -- ``analyze_forward`` of a lower-cased form, ``_analyze`` (the lemma) of a
  form and tag -- are pure functions of the word, memoised in the process and persisted in the word
  stores of :mod:`medialens.nlp.words` (HanTa's model key; a seed of frequent forms built once); a
  form analysed anew goes through :mod:`medialens.nlp.morph` (HanTa's programmes, same results, faster);
* the sentence Viterbi is HanTa's algorithm with the same arithmetic in the same order; it only visits
  the tags a word can have instead of every tag a state can be followed by (ties keep HanTa's order).

**Approximation** (``approximate=True``, the default pipeline; ``MEDIALENS_NLP=exact`` turns it off): a
capitalised word that is neither in HanTa's lexicon nor among the known forms (the seed's list) and is
a German compound of a known first part (a known form, with a linking element, or before a hyphen) and
a known *noun* of at least :data:`MIN_HEAD` letters -- ``Gaspreiserhöhungen`` -- takes the tag
probabilities of that head (``erhöhungen``) instead of HanTa's forward analysis of the whole word, whose
time grows with the square of the word's length. The lemma stays HanTa's own (``_analyze`` of the whole
word with the chosen tag: a third of the forward analysis' time, persisted like it): modifier + head's
lemma differs from it on about a third of such words (HanTa: ``Corona-Krise`` -> ``Corona-kris``,
``Corona-Pandemie`` -> ``Corona-pandemium``), enough to move lexicon look-ups and learned features.
Only words of :data:`MIN_APPROXIMATED` letters or more qualify (short capitalised unknowns are often
names), and a lower-case word needs an adjective or verb head (``regierungs|kritischer``).
Measured on the 10kGNAD articles: ``medialens bench --agreement``.
"""

from __future__ import annotations

import math
import os
from functools import lru_cache
from operator import itemgetter
from typing import Sequence

from medialens.nlp import words as wordstore
from medialens.nlp.morph import FastMorphology

#: Letters a compound's head must have to stand for the whole word.
MIN_HEAD = 4
#: Shorter words are always analysed exactly: HanTa's time grows with the square of the length, so the
#: long compounds are where the time goes, while short capitalised unknowns are often names
#: (``Lippendorf``, ``Rusterholz``) that HanTa recognises as such and a noun head would not.
MIN_APPROXIMATED = 12
#: Letters before the head (the modifier: ``Gaspreis-`` of ``Gaspreiserhöhung``).
MIN_MODIFIER = 3
#: Memo entries kept per table in a process before the memos are emptied (bounds memory: ~3 KB an entry
#: over all tables; a form looked up again after that comes from the word stores).
MEMO_SIZE = 50_000
#: New analyses buffered before they are written to the learned store.
FLUSH_AFTER = 20_000

_MODEL_FILE = "morphmodel_ger.pgz"
_CUTOFF = 5
_LOWERBOUND = -1e6
_UNKNOWN = 3  # HanTa's UNKNOWN tag; 0 = EMPTY, 1 = START, 2 = END
#: Linking elements between the parts of a German compound (Fugenelemente).
_LINKS = ("s", "es", "n", "en", "er", "e", "ns")
#: HanTa tags a lower-case compound's head may have (adjectives, participles, verb forms).
_HEAD_TAGS_LOWER = ("ADJ(A)", "ADJ(D)", "VV(PP)", "VV(FIN)", "VV(INF)", "VV(IZU)")


@lru_cache(maxsize=1)
def hanta_model():
    """HanTa's German tagger (the plain one; loaded once per process)."""
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger(_MODEL_FILE)


@lru_cache(maxsize=1)
def fast_morphology() -> FastMorphology:
    """HanTa's word analyses over the loaded model, computed faster (:mod:`medialens.nlp.morph`; one per
    process: its morpheme index is built once, not for every tagger)."""
    return FastMorphology.sharing(hanta_model())


def model_path() -> str:
    import HanTa

    return os.path.join(os.path.dirname(HanTa.__file__), _MODEL_FILE)


@lru_cache(maxsize=1)
def _global_tag_order(model) -> dict[int, int]:
    """Tag -> rank in the one order all of HanTa's word transition tables list their tags in (checked:
    a table out of that order raises, and the tagger would no longer equal HanTa's)."""
    from graphlib import TopologicalSorter

    firsts: dict[int, None] = {}
    pairs: dict[tuple[int, int], None] = {}  # each (tag, next tag) once, in the order first met (~55 of 180,000)
    for table in model.LP_trans_word.values():
        tags = list(table)
        if tags:
            firsts[tags[0]] = None
        pairs.update(dict.fromkeys(zip(tags, tags[1:])))
    sorter: TopologicalSorter = TopologicalSorter()
    for tag in firsts:
        sorter.add(tag)
    for a, b in pairs:
        sorter.add(b, a)
    rank = {t: k for k, t in enumerate(sorter.static_order())}
    for table in model.LP_trans_word.values():
        ranks = [rank[t] for t in table]
        if ranks != sorted(ranks):
            raise ValueError("HanTa's transition tables do not share one tag order")
    return rank


class Tagger:
    """``tag_sent`` equal to HanTa's (exact), or with compound heads for unknown words (approximate)."""

    def __init__(self, *, approximate: bool, known: frozenset[str] = frozenset(),
                 stores: Sequence[wordstore.WordStore] = (), learned: wordstore.WordStore | None = None) -> None:
        self.model = hanta_model()
        self.morphology = fast_morphology()  # HanTa's word analyses, same results, faster
        self.approximate = approximate
        self.known = known | frozenset(self.model.cache)
        self.stores = tuple(stores)
        self.learned = learned
        tag = self.model.tag2int
        self._noun_heads = frozenset({tag["NN"]})
        self._other_heads = frozenset(tag[t] for t in _HEAD_TAGS_LOWER if t in tag)
        self._upcase_table = self.model.LP_case_t
        self._forward: dict[str, list] = {}
        self._lemma: dict[tuple[str, int], tuple[str, str]] = {}
        self._probs: dict[tuple[str, bool, bool], dict] = {}
        self._heads: dict[str, tuple[str, str] | None] = {}
        self._order: dict[tuple, list] = {}
        self._absent: set[str] = set()
        self._rank = _global_tag_order(self.model)
        self._new_forward: dict[str, list] = {}
        self._new_lemma: dict[tuple[str, int], tuple[str, str]] = {}

    # ------------------------------------------------------------------ word analyses

    def prefetch(self, forms: set[str]) -> None:
        """Look the lower-cased ``forms`` up in the word stores at once (one query per store)."""
        wanted = {w for w in forms if w not in self._forward and w not in self.model.cache and w not in self._absent}
        missing = self._look_up(wanted, "forward", self._forward)
        self._absent.update(missing)  # stored nowhere: analysed when needed, never looked up again

    def prefetch_lemmas(self, keys: set[tuple[str, int]]) -> None:
        """Look the ``(form, tag)`` lemma analyses up in the word stores at once."""
        self._look_up({k for k in keys if k not in self._lemma}, "lemmas", self._lemma)

    def _look_up(self, wanted: set, kind: str, memo: dict) -> set:
        """Fill ``memo`` with the ``wanted`` keys the stores hold (``store.forward`` or ``store.lemmas``,
        first store first); returns the keys no store holds."""
        for store in self.stores:
            if not wanted:
                break
            found = getattr(store, kind)(wanted)
            memo.update(found)
            wanted = wanted - found.keys()
        return wanted

    def forward(self, form: str) -> list:
        """HanTa's ``analyze_forward(form)`` (exact; memoised and persisted)."""
        found = self._forward.get(form)
        if found is None:
            self._trim()
            self.prefetch({form})  # a word not prefetched with its sentence (a compound's head)
            found = self._forward.get(form)
        if found is None:
            found = self._forward[form] = self.morphology.analyze_forward(form)
            self._new_forward[form] = found
            self._maybe_flush()
        return found

    def lemma(self, form: str, tag: int) -> tuple[str, str]:
        """HanTa's ``_analyze(form, tag, taglevel=1)`` (exact; memoised and persisted)."""
        key = (form, tag)
        found = self._lemma.get(key)
        if found is None:
            self._trim()
            found = self._lemma[key] = tuple(self.morphology._analyze(form, tag, taglevel=1))
            self._new_lemma[key] = found
            self._maybe_flush()
        return found

    def head(self, form: str, capitalized: bool = True) -> tuple[str, str] | None:
        """``(modifier, head)`` when the word ``form`` (lower-cased; capitalised in the text or not) is
        approximated by its compound head, else ``None``. A capitalised word needs a noun head
        (``Gaspreis|erhöhungen``), a lower-case one an adjective or verb head (``regierungs|kritischer``)."""
        key = (form, capitalized)
        if key in self._heads:
            return self._heads[key]
        self._trim()
        found = None
        if self.approximate and len(form) >= MIN_APPROXIMATED and form not in self.known:
            heads = self._noun_heads if capitalized else self._other_heads
            for k in range(MIN_MODIFIER, len(form) - MIN_HEAD + 1):
                tail = form[k:]
                if tail in self.known and self._is_modifier(form[:k]) and self._p_tags(tail)[0][0][0] in heads:
                    found = (form[:k], tail)
                    break
        self._heads[key] = found
        return found

    def _is_modifier(self, part: str) -> bool:
        """A compound's first part: a known form, one followed by a linking element (``Regierung-s-``,
        ``Straße-n-``), or anything before a hyphen (``CDU-``)."""
        if part.endswith("-") or part in self.known:
            return True
        return any(part.endswith(link) and part[: -len(link)] in self.known for link in _LINKS)

    def _p_tags(self, form: str, capitalized: bool = False) -> tuple[list, bool]:
        """Tag log probabilities of a lower-cased form and whether they come from HanTa's lexicon."""
        cached = self.model.cache.get(form)
        if cached is not None:
            return cached, True
        head = self.head(form, capitalized) if self.approximate else None
        if head is not None:
            return self._p_tags(head[1])[0], False
        return self.forward(form), False

    def word_probs(self, word: str, casesensitive: bool) -> dict:
        """HanTa's ``dict(_tag_word(word, cutoff=5, casesensitive, conditional=True))`` (memoised)."""
        return self.word_probs_keyed(word, casesensitive)[1]

    def word_probs_keyed(self, word: str, casesensitive: bool) -> tuple[tuple, dict]:
        """:meth:`word_probs` and its memo key ``(form, capitalised, casesensitive)``."""
        capitalized = word[0].isupper()
        form = word.lower() if len(word) > 2 else self.model.normalize(word)
        key = (form, capitalized, casesensitive)
        found = self._probs.get(key)
        if found is not None:
            return key, found
        upcase = casesensitive and capitalized
        p_tags, cached = self._p_tags(form, capitalized)
        adjusted = []
        for tag, p in p_tags:
            if tag != _UNKNOWN:
                if casesensitive:
                    p += self._upcase_table[tag][upcase]
                p -= self.model.LP_wtag[tag]
            adjusted.append((tag, p))
        adjusted.sort(key=itemgetter(1), reverse=True)
        if not cached and adjusted:
            limit = adjusted[0][1] - _CUTOFF
            adjusted = [(tag, p) for tag, p in adjusted if p >= limit]
        self._trim()
        found = self._probs[key] = dict(adjusted)
        return key, found

    def word_lemma(self, word: str, tag: int) -> str:
        """HanTa's lemma of ``word`` tagged ``tag`` (also for a word whose tag came from its head)."""
        return self.lemma(word.lower(), tag)[0]

    # ------------------------------------------------------------------ sentences

    def _ordered(self, key, wprobs: dict) -> list:
        """The word's ``(tag, lp)`` in the order HanTa's transition tables list tags (one order for all
        states, :func:`_global_tag_order`), so iterating them visits a state's tags in HanTa's order."""
        found = self._order.get(key)
        if found is None:
            rank = self._rank
            found = self._order[key] = sorted(((c, w) for c, w in wprobs.items() if c != 2), key=lambda x: rank[x[0]])
        return found

    def _row(self, prevrow: dict, key, wprobs: dict, backpointer: dict) -> dict:
        """One step of HanTa's ``tag_sent_viterbi`` (same sums, same order of insertion)."""
        if len(prevrow) > 5:
            rowbound = sorted(prevrow.values(), reverse=True)[5] - 1
        else:
            rowbound = _LOWERBOUND
        transitions = self.model.LP_trans_word
        ordered = self._ordered(key, wprobs) if wprobs else None
        row: dict = {}
        for state, lp0 in prevrow.items():
            if lp0 < rowbound:
                continue
            table = transitions[state]
            s1 = state[1]
            steps = ordered if ordered is not None else [(c, 0) for c in table if c != 2]
            for c, lpwc in steps:
                lp_tc = table.get(c)
                if lp_tc is None:
                    continue
                lp = lp0 + lp_tc + lpwc
                if lp > _LOWERBOUND:
                    newstate = (s1, c)
                    old = row.get(newstate)
                    if old is None or lp > old:
                        row[newstate] = lp
                        backpointer[newstate] = state
        return row

    def viterbi(self, sent: Sequence[str]) -> list[int]:
        """HanTa's ``tag_sent_viterbi(sent, casesensitive=True)``: the tag of every word."""
        backpointers: list[dict] = []
        prevrow: dict = {(0, 1): 0.0}  # (EMPTY, START)
        for i, word in enumerate(sent):
            key, wprobs = self.word_probs_keyed(word, i > 0)
            if len(wprobs) == 1 and _UNKNOWN in wprobs:
                wprobs = {}
            backpointers.append({})
            prevrow = self._row(prevrow, key, wprobs, backpointers[-1])
        final, best, last = (2, 0), -math.inf, None  # (END, EMPTY)
        for state, lp0 in prevrow.items():
            lp = lp0 + self.model.LP_trans_word[state].get(2, -math.inf)
            if lp > best:
                best, last = lp, state
        tags = []
        state = last
        if state is None:
            raise KeyError(final)
        for bp in reversed(backpointers):
            tags.append(state[1])
            state = bp[state]
        return tags[::-1]

    def tag_sent(self, sent: Sequence[str]) -> list[tuple[str, str, str]]:
        """``[(word, lemma, HanTa tag), ...]`` as ``HanoverTagger.tag_sent(sent, taglevel=1)``."""
        if not sent:
            return []
        tags = self.viterbi(sent)
        int2tag = self.model.int2tag
        return [(w, self.word_lemma(w, t), int2tag[t]) for w, t in zip(sent, tags)]

    def tag_sents(self, sents: Sequence[Sequence[str]]) -> list[list[tuple[str, str, str]]]:
        """:meth:`tag_sent` of many sentences, with one store query for their words and one for their lemmas."""
        self.prefetch({self.model.normalize(w) for s in sents for w in s})
        tagged = [self.viterbi(s) if s else [] for s in sents]
        self.prefetch_lemmas({(w.lower(), t) for sent, tags in zip(sents, tagged) for w, t in zip(sent, tags)})
        int2tag = self.model.int2tag
        return [[(w, self.word_lemma(w, t), int2tag[t]) for w, t in zip(s, tags)] for s, tags in zip(sents, tagged)]

    # ------------------------------------------------------------------ persistence

    def _trim(self) -> None:
        """Empty every memo when one is full (they hold pure functions of the word, so nothing changes)."""
        memos = (self._forward, self._lemma, self._probs, self._heads, self._order, self._absent)
        if max(map(len, memos)) >= MEMO_SIZE:
            for memo in memos:
                memo.clear()

    def _maybe_flush(self) -> None:
        if len(self._new_forward) + len(self._new_lemma) >= FLUSH_AFTER:
            self.flush()

    def flush(self) -> None:
        """Write the analyses computed since the last flush to the learned store."""
        if self.learned is not None and (self._new_forward or self._new_lemma):
            self.learned.put(self._new_forward, self._new_lemma)
        self._new_forward, self._new_lemma = {}, {}
