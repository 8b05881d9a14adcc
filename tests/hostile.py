"""Texts and file helpers shared by the loader tests and ``benchmarks/hostile_inputs.py``.

Every sentence here was written for the project (no news text is copied).
"""

from __future__ import annotations

import json
from pathlib import Path

SENTENCES = (
    "Die Regierung hat am Mittwoch neue Maßnahmen gegen die steigenden Preise angekündigt, wie ein Sprecher "
    "mitteilte. Nach Angaben der Behörden sollen die Hilfen noch in diesem Monat ausgezahlt werden, und die "
    "Opposition kritisierte das Vorhaben als zu spät und zu gering."
)
ENGLISH = ("The government announced new measures against rising prices on Wednesday, a spokesman said, and the "
           "opposition criticised the plan as too late and too small for the families in the country.")


def article(n: int) -> str:
    """A German article text, different for each ``n`` (so no two are duplicates)."""
    return f"Meldung {n}: {SENTENCES} Die Zahl {n} wurde am Abend bestätigt."


def cell(text: str) -> str:
    """``text`` as a quoted CSV field."""
    return '"' + text.replace('"', '""') + '"'


def jsonl(objects) -> str:
    """JSON lines (non-ASCII escaped, so ``\\ud800`` stays an escape in the file)."""
    return "".join(json.dumps(o, ensure_ascii=True) + "\n" for o in objects)


def write(path: Path, content: str | bytes) -> Path:
    """Write ``content`` (UTF-8 for text) to ``path``, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
