"""Load reports: what :func:`medialens.corpus.load_corpus` found, loaded and skipped (and why)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd


class CorpusError(ValueError):
    """Nothing usable could be loaded; the message names the file(s) and what is wrong."""


@dataclass(frozen=True)
class Skipped:
    """One item that was found but not loaded."""

    source: str
    reason: str
    item: str = ""


@dataclass(frozen=True)
class Ignored:
    """An entry of the corpus folder that is not a corpus file (hidden, another file type, a link that is
    not followed, a special file without a corpus suffix); not counted among the items found."""

    source: str
    reason: str


@dataclass(frozen=True)
class Note:
    """Something the loader changed or decided about a loaded item or a file (a renamed column, a
    replaced character, a sidecar read as data); ``item`` is empty when it concerns the whole file."""

    source: str
    note: str
    item: str = ""


@dataclass
class LoadReport:
    """What :func:`load_corpus` found, loaded and skipped (and why), and what it noted on the way."""

    root: str
    found: int = 0
    loaded: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    encodings: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    _noted: set[Note] = field(default_factory=set, repr=False, compare=False)

    def skip(self, source: str, reason: str, item: str = "") -> None:
        self.found += 1
        self.skipped.append(Skipped(source, reason, item))

    def note(self, source: str, note: str, item: str = "") -> None:
        """Record a note once (the same note on the same item is kept once)."""
        entry = Note(source, note, item)
        if entry not in self._noted:
            self._noted.add(entry)
            self.notes.append(entry)

    def load(self) -> None:
        self.found += 1
        self.loaded += 1

    def to_frame(self) -> pd.DataFrame:
        """The skipped items as a table (``source, item, reason``)."""
        return pd.DataFrame(
            [(s.source, s.item, s.reason) for s in self.skipped], columns=["source", "item", "reason"]
        )

    def summary(self) -> str:
        lines = [f"{self.root}: found {self.found}, loaded {self.loaded}, skipped {len(self.skipped)}"]
        lines += [f"  skipped {s.source}{' ' + s.item if s.item else ''}: {s.reason}" for s in self.skipped]
        lines += [f"  ignored {i.source}: {i.reason}" for i in self.ignored]
        lines += [f"  note {n.source}{' ' + n.item if n.item else ''}: {n.note}" for n in self.notes]
        return "\n".join(lines)


class LoadedCorpus(NamedTuple):
    """``articles, report = load_corpus(path)``."""

    articles: pd.DataFrame
    report: LoadReport
