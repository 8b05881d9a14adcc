"""Store keys: what a step's stored rows depend on, hashed.

``key(step) = SHA-256(store version, pipeline version, the step's name and tables, its declared data
files (path and bytes), the source of its code modules and of the ``medialens`` modules they import,
and the keys of the steps whose tables it reads)``. So a lexicon edit changes the key of exactly the
steps that declare the file and of the steps that read their tables; a chart or colour edit (module
``medialens.figures``, which no analysis imports) changes no key. An article's rows are reused from the
store when its content key (:func:`article_keys`) is stored under the step's current key.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import pandas as pd

from medialens import config, nlp
from medialens.steps import Step

#: Bump when the layout of the store changes; every stored row is then annotated again.
STORE_VERSION = "store-3"

#: Articles columns the analyses see (and that key an article in the store).
ARTICLE_KEY_COLUMNS = ("article_id", "outlet", "outlet_type", "country", "date", "text")


def article_keys(articles: pd.DataFrame, batch: int = 5_000) -> list[str]:
    """Content key per article: SHA-256 over :data:`ARTICLE_KEY_COLUMNS` (missing values included).

    Rows are hashed in batches, so a corpus of 100,000 texts is never copied into Python strings at once.
    """
    keys = []
    for k in range(0, len(articles), batch):
        part = articles.iloc[k : k + batch]
        columns = [part[c].tolist() if c in part.columns else [None] * len(part) for c in ARTICLE_KEY_COLUMNS]
        for values in zip(*columns):
            h = hashlib.sha256()
            for value in values:
                h.update(b"\x00" if value is None or value is pd.NA or (isinstance(value, float) and value != value)
                         else str(value).encode("utf-8"))
                h.update(b"\x1f")
            keys.append(h.hexdigest())
    return keys


def _module_file(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):  # "medialens.steps.Step": a name in a module, not a module
        return None
    return Path(spec.origin) if spec is not None and spec.origin and spec.origin.endswith(".py") else None


def _imported_modules(name: str, path: Path) -> set[str]:
    """``medialens`` modules that module ``name`` imports (anywhere in it, also inside functions)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for module, level, names in _import_statements(path.read_bytes()):
        if module is None:  # "import medialens.x, y"
            found.update(n for n in names if n.split(".")[0] == "medialens")
            continue
        base = module
        if level:
            base = ".".join(package.split(".")[: len(package.split(".")) - level + 1] + ([base] if base else []))
        if base.split(".")[0] != "medialens":
            continue
        for alias in names:  # "from medialens import nlp" names a module; "from x import f" does not
            sub = f"{base}.{alias}"
            found.add(sub if _module_file(sub) is not None else base)
    return found


#: Source SHA-256 -> its import statements, kept in ``<cache>/code-imports.json``: parsing the ~130
#: modules took most of the second a process spends on its first :func:`step_keys`.
_IMPORTS_FILE = "code-imports.json"
_imports_memo: dict[str, list] = {}
_imports_new: set[str] = set()  # digests parsed since the memo was last written
_imports_used: set[str] = set()  # digests this process asked for
#: Beyond this many entries the written memo keeps only the sources this process read (old versions go).
IMPORTS_MEMO_SIZE = 2_000


def _import_statements(source: bytes) -> list[tuple[str | None, int, list[str]]]:
    """``(module, level, names)`` of every import statement of a module's source (``module`` is ``None``
    for ``import a, b``; ``""`` for ``from . import x``), memoised by the source's SHA-256."""
    digest = hashlib.sha256(source).hexdigest()
    _imports_used.add(digest)
    if not _imports_memo:
        _imports_memo.update(_read_imports_memo())
    found = _imports_memo.get(digest)
    if found is None:
        found = []
        for node in _statements(ast.parse(source.decode("utf-8")).body):
            if isinstance(node, ast.Import):
                found.append((None, 0, [a.name for a in node.names]))
            elif isinstance(node, ast.ImportFrom):
                found.append((node.module or "", node.level, [a.name for a in node.names]))
        _imports_memo[digest] = found
        _imports_new.add(digest)  # written by code_modules
    return [(m, level, list(names)) for m, level, names in found]


def _read_imports_memo() -> dict[str, list]:
    try:
        return json.loads((config.cache_dir() / _IMPORTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_imports_memo() -> None:
    if not _imports_new:
        return
    _imports_new.clear()
    kept = _imports_memo
    if len(kept) > IMPORTS_MEMO_SIZE:
        kept = {d: v for d, v in kept.items() if d in _imports_used}
    try:
        config.keep_text(config.cache_dir() / _IMPORTS_FILE, json.dumps(kept, sort_keys=True))
    except OSError:  # no cache folder: parsed again next time
        pass


def _statements(body: list):
    """Every statement in ``body`` and in the blocks nested in it (functions, classes, ``if``, ``try``,
    loops, ``with``, ``match``): where an import can stand, without visiting any expression."""
    todo = list(reversed(body))
    while todo:
        node = todo.pop()
        yield node
        nested = []
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                nested += block
        todo.extend(reversed(nested))


@lru_cache(maxsize=None)
def code_modules(entry_points: tuple[str, ...]) -> tuple[str, ...]:
    """The modules whose source shapes a step's rows: the entry points and every ``medialens`` module
    they import, transitively. Parent packages count with their own ``__init__`` file only (what they
    import is not followed, so ``medialens.sentiment``'s summary re-exports do not key the scorer)."""
    todo = list(entry_points)
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(name)
        if path is None:
            raise ValueError(f"step code module {name!r} not found")
        todo.extend(_imported_modules(name, path))
    _write_imports_memo()
    parents = {".".join(m.split(".")[:k]) for m in seen for k in range(1, len(m.split(".")))}
    return tuple(sorted(seen | parents))


def data_files(patterns: Sequence[str]) -> tuple[Path, ...]:
    """The files under ``data/`` matching a step's globs, sorted; a glob matching nothing is an error."""
    files: set[Path] = set()
    for pattern in patterns:
        hits = [p for p in config.DATA_DIR.glob(pattern) if p.is_file()]
        if not hits:
            raise ValueError(f"data glob {pattern!r} matches no file under {config.DATA_DIR}")
        files.update(hits)
    return tuple(sorted(files))


def _own_hash(step: Step) -> hashlib._Hash:
    h = hashlib.sha256()
    for part in (STORE_VERSION, nlp.PIPELINE_VERSION, step.name, ",".join(step.writes), ",".join(step.reads)):
        h.update(part.encode("utf-8") + b"\x1f")
    for path in data_files(step.data):
        h.update(path.relative_to(config.DATA_DIR).as_posix().encode("utf-8") + b"\x1f")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    for name in code_modules(tuple(step.code)):
        path = _module_file(name)
        h.update(name.encode("utf-8") + b"\x1f")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h


def step_keys(steps: Sequence[Step]) -> dict[str, str]:
    """Store key per step name (hex, 16 digits), computed from the files as they are now."""
    keys: dict[str, str] = {}
    last_writer: dict[str, str] = {}
    for step in steps:
        h = _own_hash(step)
        for table in step.reads:
            h.update(f"{table}={keys[last_writer[table]]}".encode("utf-8") + b"\x1f")
        keys[step.name] = h.hexdigest()[:16]
        for table in step.writes:
            last_writer[table] = step.name
    return keys
