"""Which files a corpus folder holds: the files to read, the sidecars, and every other entry with a reason.

The folder is searched in name order (files and sub-folders interleaved, as in a sorted listing).

* A **corpus file** has a corpus suffix (``.txt``, ``.csv`` ...): each is read, or -- when it cannot be
  (a dangling link, a link loop, a FIFO or other special file) -- reported as a skipped item by the
  loader, so it counts among the items found.
* An ``articles.csv`` beside ``.txt`` files is their **sidecar** (metadata), not articles; without
  ``.txt`` files beside it, it is a corpus file like any other.
* Every other entry is **ignored** and listed with the reason: hidden files and folders (names starting
  with ``.``, e.g. ``.ipynb_checkpoints``), other suffixes, dangling links and special files without a
  corpus suffix, and links the search does not follow.

Links: a link to a file or folder *outside* the corpus folder is followed (its target is read under the
link's name); a link to something *inside* the corpus folder is not (the target is read where it is), so
nothing is read twice and a link back to a parent folder cannot loop; a link to a folder already
searched through another link is not searched again. Nothing is ever opened but regular files, so a
FIFO cannot block the load. Folders are searched with a stack, so any depth is fine, and a name that is
not valid UTF-8 is shown with ``\\x`` escapes (``Pr\\xe4sident.txt``).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Iterator

SIDECAR_NAME = "articles.csv"

_SPECIAL = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
            (stat.S_ISBLK, "block device"))


@dataclass(frozen=True)
class CorpusFile:
    """A file to read (``problem`` is why it cannot be, e.g. a dangling link); ``sidecar`` marks an
    ``articles.csv`` beside ``.txt`` files."""

    path: Path
    rel: str
    problem: str | None = None
    sidecar: bool = False


@dataclass
class Scan:
    """The corpus files in reading order and the ignored entries (``(relative path, reason)``)."""

    files: list[CorpusFile] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Search:
    root: Path  # the corpus folder, links resolved
    suffixes: Collection[str]
    visited: dict[tuple[int, int], str] = field(default_factory=dict)  # folder (device, inode) -> where searched
    result: Scan = field(default_factory=Scan)


@dataclass(frozen=True)
class _Entry:
    kind: str  # "dir", "file", "unreadable" (dangling link, loop, FIFO ...) or "not followed" (a link)
    problem: str | None = None
    key: tuple[int, int] | None = None  # a folder's (device, inode)


def _special(mode: int) -> str:
    return next((f"not a regular file ({name})" for test, name in _SPECIAL if test(mode)), "not a regular file")


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _follow(entry: os.DirEntry, search: _Search) -> tuple[os.stat_result | None, _Entry | None]:
    """The target of a link, or the entry to report when it is not followed."""
    target = os.readlink(entry.path)
    try:
        info = os.stat(entry.path)
    except FileNotFoundError:
        return None, _Entry("unreadable", f"dangling link (to {target})")
    except OSError as exc:
        why = "link loop" if exc.errno == errno.ELOOP else f"cannot follow link ({exc.strerror})"
        return None, _Entry("unreadable", f"{why} (to {target})")
    if _inside(Path(os.path.realpath(entry.path)), search.root):
        kind = "folder" if stat.S_ISDIR(info.st_mode) else "file"
        return None, _Entry("not followed", f"link to a {kind} inside the corpus folder ({target}), read there")
    return info, None


def _entry(entry: os.DirEntry, search: _Search) -> _Entry:
    if entry.is_symlink():
        info, reported = _follow(entry, search)
        if reported is not None:
            return reported
    else:
        info = entry.stat(follow_symlinks=False)
    if stat.S_ISDIR(info.st_mode):
        return _Entry("dir", key=(info.st_dev, info.st_ino))
    if stat.S_ISREG(info.st_mode):
        return _Entry("file")
    return _Entry("unreadable", _special(info.st_mode))


def _hidden(entry: os.DirEntry, rel: str) -> tuple[str, str]:
    if entry.is_dir(follow_symlinks=False):
        return rel + shown(entry.name) + "/", "hidden folder, not searched"
    return rel + shown(entry.name), "hidden file"


def _list(folder: Path, rel: str, search: _Search) -> list[os.DirEntry] | None:
    try:
        return sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        search.result.ignored.append((rel or "./", f"folder cannot be listed: {exc.strerror or exc}"))
        return None


def shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as lone surrogates) as ``\\xe4``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _folder(folder: Path, rel: str, search: _Search) -> Iterator[tuple[Path, str]]:
    """Record the entries of one folder in name order; yields each sub-folder to search at its place."""
    entries = _list(folder, rel, search)
    if entries is None:
        return
    visible = [(e, _entry(e, search)) for e in entries if not e.name.startswith(".")]
    has_txt = any(found.kind == "file" and e.name.lower().endswith(".txt") for e, found in visible)
    search.result.ignored += [_hidden(e, rel) for e in entries if e.name.startswith(".")]
    for entry, found in visible:
        path = rel + shown(entry.name)
        if found.kind == "dir":
            if found.key in search.visited:
                search.result.ignored.append((path, f"link to a folder already searched ({search.visited[found.key]})"))
            else:
                search.visited[found.key] = path
                yield Path(entry.path), path + "/"
        elif found.kind == "not followed" or Path(entry.name).suffix.lower() not in search.suffixes:
            reason = found.problem or f"not a corpus file type ({Path(entry.name).suffix or 'no suffix'})"
            search.result.ignored.append((path, reason))
        else:
            sidecar = entry.name == SIDECAR_NAME and has_txt
            search.result.files.append(CorpusFile(Path(entry.path), path, found.problem, sidecar))


def scan(path: Path, suffixes: Collection[str]) -> Scan:
    """The corpus files under ``path`` (a folder, or one file) and the ignored entries."""
    if not path.is_dir():
        return Scan([CorpusFile(path, shown(path.name))])
    root = Path(os.path.realpath(path))
    info = root.stat()
    search = _Search(root, {s.lower() for s in suffixes}, {(info.st_dev, info.st_ino): "."})
    folders = [_folder(path, "", search)]  # a stack, not recursion: any depth of folders
    while folders:
        subfolder = next(folders[-1], None)
        if subfolder is None:
            folders.pop()
        else:
            folders.append(_folder(*subfolder, search))
    return search.result
