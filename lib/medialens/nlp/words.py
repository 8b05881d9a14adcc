"""Persistent word analyses: HanTa's per-word results stored on disk, and the seed of known forms.

HanTa spends almost all its time in two pure functions of a word form: ``analyze_forward`` (the tag
probabilities of a lower-cased form outside its lexicon) and ``_analyze`` (the lemma of a lower-cased
form given its tag). Their results are kept in SQLite files under ``<cache>/words/`` keyed by the
SHA-256 of HanTa's model file, so they survive the process and serve every later corpus:

* ``hanta-<model>-seed-<n>.sqlite`` -- the **seed**: the analyses of the ``n`` most frequent German
  word forms of wordfreq's list (Speer 2022, read from the installed package, never copied here), built
  once by ``medialens seed`` (minutes; every later run only looks them up);
* ``hanta-<model>-learned.sqlite`` -- analyses of every other form met while annotating.

Both hold HanTa's exact output; a run looks words up in batches (one query per document) and writes
new analyses once per chunk. The *known forms* (HanTa's lexicon plus the seed's word list) also decide
which unknown words the fast pipeline approximates by their compound head (:mod:`medialens.nlp.tagger`),
so that list is fixed by the model and the wordfreq version, whether or not the seed has been built.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import struct
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

#: Word forms of wordfreq's German list that make up the seed (and the known forms).
SEED_WORDS = 200_000
_FORM = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_PAIR = struct.Struct("<hd")
_BATCH = 900  # SQLite host parameters per query

Forward = list  # [(tag, log probability), ...] as HanTa's analyze_forward returns it
Lemma = tuple  # (lemma, HanTa tag string) as HanTa's _analyze(word, tag, 1) returns it


def encode_forward(result: Forward) -> bytes:
    """``[(tag, lp), ...]`` as bytes (exact: the floats are stored as IEEE doubles)."""
    return b"".join(_PAIR.pack(int(t), float(p)) for t, p in result)


def decode_forward(blob: bytes) -> Forward:
    return [(t, p) for t, p in _PAIR.iter_unpack(blob)]


@lru_cache(maxsize=4)
def model_key(path: str) -> str:
    """First 12 hex digits of the SHA-256 of HanTa's model file (the analyses are functions of it)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


class WordStore:
    """One SQLite file of exact analyses: ``forward(word, result)`` and ``lemma(word, tag, lemma, pos)``."""

    def __init__(self, path: Path, *, writable: bool = True) -> None:
        self.path = Path(path)
        self.writable = writable
        self._connection: sqlite3.Connection | None = None
        self._pid = -1

    def _db(self) -> sqlite3.Connection | None:
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        if not self.writable and not self.path.exists():
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        uri = f"file:{self.path}{'' if self.writable else '?mode=ro'}"
        connection = sqlite3.connect(uri, uri=True, timeout=60)
        if self.writable:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("CREATE TABLE IF NOT EXISTS forward (word TEXT PRIMARY KEY, result BLOB) WITHOUT ROWID")
            connection.execute("CREATE TABLE IF NOT EXISTS lemma (word TEXT, tag INTEGER, lemma TEXT, pos TEXT, "
                               "PRIMARY KEY (word, tag)) WITHOUT ROWID")
            connection.commit()
        self._connection, self._pid = connection, os.getpid()
        return connection

    def forward(self, words: Iterable[str]) -> dict[str, Forward]:
        """Stored ``analyze_forward`` results of ``words`` (those found)."""
        db = self._db()
        found: dict[str, Forward] = {}
        if db is None:
            return found
        words = list(words)
        for k in range(0, len(words), _BATCH):
            part = words[k : k + _BATCH]
            query = f"SELECT word, result FROM forward WHERE word IN ({','.join('?' * len(part))})"
            found.update((w, decode_forward(b)) for w, b in db.execute(query, part))
        return found

    def lemmas(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Lemma]:
        """Stored ``_analyze`` results for ``(word, tag)`` keys (those found)."""
        db = self._db()
        found: dict[tuple[str, int], Lemma] = {}
        if db is None:
            return found
        by_word: dict[str, set[int]] = {}
        for word, tag in keys:
            by_word.setdefault(word, set()).add(tag)
        words = list(by_word)
        for k in range(0, len(words), _BATCH):
            part = words[k : k + _BATCH]
            query = f"SELECT word, tag, lemma, pos FROM lemma WHERE word IN ({','.join('?' * len(part))})"
            for word, tag, lemma, pos in db.execute(query, part):
                if tag in by_word[word]:
                    found[(word, tag)] = (lemma, pos)
        return found

    def put(self, forward: Mapping[str, Forward], lemmas: Mapping[tuple[str, int], Lemma]) -> None:
        """Store new analyses (existing keys are kept: they hold the same exact values)."""
        db = self._db()
        if db is None or not (forward or lemmas):
            return
        with db:
            db.executemany("INSERT OR IGNORE INTO forward VALUES (?, ?)",
                           [(w, encode_forward(r)) for w, r in forward.items()])
            db.executemany("INSERT OR IGNORE INTO lemma VALUES (?, ?, ?, ?)",
                           [(w, t, lemma, pos) for (w, t), (lemma, pos) in lemmas.items()])

    def stored_words(self, words: Iterable[str]) -> set[str]:
        """Those of ``words`` with a stored forward result or lemma."""
        db = self._db()
        found: set[str] = set()
        words = list(words)
        for k in range(0, len(words), _BATCH) if db is not None else ():
            part = words[k : k + _BATCH]
            marks = ",".join("?" * len(part))
            for table in ("forward", "lemma"):
                found.update(w for (w,) in db.execute(f"SELECT DISTINCT word FROM {table} WHERE word IN ({marks})", part))
        return found

    def finish(self) -> None:
        """Close a finished store so that it can be read from a read-only connection (no WAL files)."""
        db = self._db()
        if db is not None:
            db.execute("PRAGMA journal_mode=DELETE")
        self.close()

    def counts(self) -> tuple[int, int]:
        """Rows in ``forward`` and ``lemma`` (0, 0 for a missing file)."""
        db = self._db()
        if db is None:
            return 0, 0
        return (db.execute("SELECT count(*) FROM forward").fetchone()[0],
                db.execute("SELECT count(*) FROM lemma").fetchone()[0])

    def close(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None


def words_dir(cache: Path | None = None) -> Path:
    """Folder of the word stores (``MEDIALENS_WORDS`` overrides ``<cache>/words``)."""
    from medialens import config

    override = os.environ.get("MEDIALENS_WORDS")
    return Path(override) if override else (cache or config.cache_dir()) / "words"


@lru_cache(maxsize=2)
def seed_forms(n: int = SEED_WORDS) -> tuple[str, ...]:
    """The ``n`` most frequent German word forms of wordfreq (lower-cased words and hyphenated
    compounds only; digits and punctuation left out), most frequent first."""
    import wordfreq

    out: list[str] = []
    for word in wordfreq.iter_wordlist("de", wordlist="large"):
        if _FORM.fullmatch(word):
            out.append(word)
            if len(out) == n:
                break
    return tuple(out)


def wordfreq_version() -> str:
    from importlib.metadata import version

    return version("wordfreq")
