"""Evaluation against public human-annotated gold data (readers and scorers behind `medialens eval`)."""

from __future__ import annotations

from pathlib import Path


def json_files(path: Path | str, *, missing: str = "not found", files: str = "files") -> list[Path]:
    """The ``*.json`` files of a gold folder sorted by name, or ``[path]`` for a single file.

    Raises:
        FileNotFoundError: ``"<missing>: <path>"`` if the path does not exist, ``"no *.json <files> in
            <path>"`` if the folder holds no JSON file.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{missing}: {path}")
    found = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not found:
        raise FileNotFoundError(f"no *.json {files} in {path}")
    return found
