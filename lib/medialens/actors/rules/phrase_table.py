"""Exact phrase look-up over a document's tokens: what spaCy's ``PhraseMatcher`` finds, without a spaCy ``Doc``.

The gazetteer and the actor dictionary are lists of token sequences. :class:`PhraseTable` stores each
sequence under its key and finds every occurrence of every sequence in a list of words -- overlapping
occurrences and several keys for the same words included -- comparing the words as written
(``ORTH``) or lower-cased (``LOWER``, Python's ``str.lower`` as spaCy's attribute). Building a spaCy
``Doc`` per article only to match these lists cost a quarter of the actor step's time and grew the
vocabulary with every new word; loading spaCy cost each worker about a second.
"""

from __future__ import annotations

from typing import Hashable, Iterable, Sequence


class PhraseTable:
    """Token sequences under keys; ``table(words)`` lists every ``(key, start, end)`` occurrence.

    Occurrences come by start, then by length; keys sharing the same sequence in the order they were
    first added for it.
    """

    def __init__(self, *, lower: bool = False) -> None:
        self.lower = lower
        self._keys: dict[tuple[str, ...], list[Hashable]] = {}
        self._lengths: dict[str, list[int]] = {}  # first word -> the lengths of its sequences, ascending

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: Hashable, sequences: Iterable[Sequence[str]]) -> None:
        """Store each word sequence (an empty one is ignored) under ``key``."""
        for words in sequences:
            seq = tuple(w.lower() for w in words) if self.lower else tuple(words)
            if not seq:
                continue
            keys = self._keys.setdefault(seq, [])
            if key not in keys:
                keys.append(key)
            lengths = self._lengths.setdefault(seq[0], [])
            if len(seq) not in lengths:
                lengths.append(len(seq))
                lengths.sort()

    def __call__(self, words: Sequence[str]) -> list[tuple[Hashable, int, int]]:
        seq = [w.lower() for w in words] if self.lower else words
        n = len(seq)
        found = []
        lengths_of, keys_of = self._lengths, self._keys
        for i, word in enumerate(seq):
            lengths = lengths_of.get(word)
            if lengths is None:
                continue
            for length in lengths:
                if i + length > n:
                    break
                for key in keys_of.get(tuple(seq[i : i + length]), ()):
                    found.append((key, i, i + length))
        return found
