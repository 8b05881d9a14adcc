"""Stored evaluation results: what ``medialens eval KIND --save`` writes and the notebooks read.

Figures quoted in notebooks and the README come from these files, never from numbers typed by hand and
never from re-scoring inside a notebook. One JSON file per evaluation kind,
``results/eval/<kind>.json``::

    {"kind": "attribution", "command": "medialens eval attribution --save", "date": "2026-12-01",
     "package_version": "0.1.0", "data": [{"path": "eval/attribution-wikinews-dev", "sha256": "…", "files": 150}],
     "metrics": {…}}

``data`` fingerprints the gold data that was scored (paths relative to ``../shared``), so a reader can
tell whether a stored result still describes the data beside the repository.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
from pathlib import Path
from typing import Any, Iterable

from medialens import config

__all__ = ["RESULTS_DIR", "data_fingerprint", "load_result", "result_path", "save_result"]

#: Folder of the stored results (committed: notebooks read them on a machine without ../shared).
RESULTS_DIR = config.PROJECT_ROOT / "results" / "eval"


def result_path(kind: str, folder: Path | None = None) -> Path:
    """Where the stored result of ``kind`` lives."""
    return Path(folder or RESULTS_DIR) / f"{kind}.json"


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def data_fingerprint(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """SHA-256 over the bytes of each data file or folder (files in sorted order) and the file count."""
    out = []
    for path in map(Path, paths):
        digest = hashlib.sha256()
        files = _files(path)
        for file in files:
            digest.update(file.relative_to(path).as_posix().encode() if path.is_dir() else b"")
            digest.update(file.read_bytes())
        try:
            shown = path.resolve().relative_to(config.SHARED_DIR.resolve()).as_posix()
        except ValueError:
            try:
                shown = path.resolve().relative_to(config.PROJECT_ROOT).as_posix()
            except ValueError:
                shown = str(path)
        out.append({"path": shown, "sha256": digest.hexdigest(), "files": len(files)})
    return out


def _clean(value: Any) -> Any:
    """JSON-safe copy: NaN becomes ``None``, numpy scalars become Python numbers, tuples lists."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def save_result(kind: str, metrics: dict[str, Any], *, command: str, data: Iterable[str | Path],
                folder: Path | None = None, date: str | None = None) -> Path:
    """Write ``results/eval/<kind>.json``; returns its path.

    Args:
        kind: evaluation kind (``attribution``, ``ner``, ``sentiment``, ``frames`` …).
        metrics: the figures, JSON-serialisable after NaN → ``null``.
        command: the command line that produced them, as a reader would type it.
        data: the gold files or folders scored (fingerprinted).
        folder: another folder than ``results/eval`` (tests).
        date: ISO date of the measurement (default: today).
    """
    record = {
        "kind": kind,
        "command": command,
        "date": date or _dt.date.today().isoformat(),
        "package_version": config.PACKAGE_VERSION,
        "data": data_fingerprint(data),
        "metrics": _clean(metrics),
    }
    path = result_path(kind, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return path


def load_result(kind: str, folder: Path | None = None) -> dict[str, Any]:
    """The stored result of ``kind``.

    Raises:
        FileNotFoundError: naming the command that writes it.
    """
    path = result_path(kind, folder)
    if not path.exists():
        raise FileNotFoundError(f"no stored evaluation result {path}: run `medialens eval {kind} --save`")
    return json.loads(path.read_text(encoding="utf-8"))
