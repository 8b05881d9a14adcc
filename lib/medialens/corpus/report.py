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

    def table(self) -> pd.DataFrame:
        """Everything the report holds, one row each: ``outcome`` (``skipped``, ``ignored``, ``note``),
        ``source``, ``item``, ``reason`` -- the ``load_report`` table ``medialens annotate`` writes."""
        rows = [("skipped", s.source, s.item, s.reason) for s in self.skipped]
        rows += [("ignored", i.source, "", i.reason) for i in self.ignored]
        rows += [("note", n.source, n.item, n.note) for n in self.notes]
        return pd.DataFrame(rows, columns=["outcome", "source", "item", "reason"])

    def summary(self) -> str:
        """The counts, then every skipped item (a run of 3 or more items of one file skipped for the same
        reason on one line), every ignored entry and every note."""
        lines = [f"{self.root}: found {self.found}, loaded {self.loaded}, skipped {len(self.skipped)}"]
        lines += [_skipped_line(run) for run in _runs(self.skipped)]
        lines += [f"  ignored {i.source}: {i.reason}" for i in self.ignored]
        lines += [f"  note {n.source}{' ' + n.item if n.item else ''}: {n.note}" for n in self.notes]
        return "\n".join(lines)


def _runs(skipped: list[Skipped]) -> list[list[Skipped]]:
    runs: list[list[Skipped]] = []
    for s in skipped:
        if runs and (runs[-1][0].source, runs[-1][0].reason) == (s.source, s.reason):
            runs[-1].append(s)
        else:
            runs.append([s])
    return [run for r in runs for run in ([r] if len(r) >= 3 else [[s] for s in r])]


def _skipped_line(run: list[Skipped]) -> str:
    first = run[0]
    if len(run) == 1:
        return f"  skipped {first.source}{' ' + first.item if first.item else ''}: {first.reason}"
    return f"  skipped {first.source} {first.item} to {run[-1].item} ({len(run)} items): {first.reason}"


class LoadedCorpus(NamedTuple):
    """``articles, report = load_corpus(path)``."""

    articles: pd.DataFrame
    report: LoadReport
