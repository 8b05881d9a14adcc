"""Corpus loading.

Reads German news articles from a file or a folder into one tidy table and accounts for every item it
found: each is either loaded or listed in the :class:`LoadReport` with a reason, so that
``report.found == report.loaded + len(report.skipped)`` always holds.

Formats (chosen by file suffix):

* ``.txt`` -- the seed format (an inline header `` date 2022-01 `` before the body on the same line),
  or ``key: value`` header lines (``title``, ``outlet``, ``date``, ``url``, ``id``) and a blank line, or
  plain text. An ``articles.csv`` sidecar in the same folder (column ``file`` plus any of
  ``article_id, outlet, date, title, url, synthetic``) adds or overrides metadata.
* ``.jsonl`` -- one JSON object per line with a ``text`` field (other fields as in :data:`ARTICLE_COLUMNS`).
* ``.csv`` / ``.tsv`` -- a header row with a ``text`` column, including Media Cloud story exports
  (``stories_id, publish_date, title, url, media_name``). Files without a header row are read with
  :class:`CsvOptions` (e.g. 10kGNAD: ``CsvOptions(delimiter=";", quotechar="'", header=False,
  columns=("label", "text"))``).
* ``.html`` / ``.htm`` -- saved web pages; main text and metadata are extracted offline by trafilatura.
* ``.json`` -- one article per file with ``originalText`` (the German Wikinews quotation-attribution
  format) or ``text``.

Texts are NFC-normalised and line endings unified; quotation marks and dashes are kept as they are.
Encodings: UTF-8 with or without BOM, else detected (cp1252, latin-1 …) by charset-normalizer.
Exact duplicates and near-duplicate wire copies (word 5-shingle Jaccard >= 0.9, MinHash candidates
verified exactly) are flagged in ``duplicate_of`` and ``near_duplicate_group``, never deleted.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

import numpy as np
import pandas as pd

from medialens import config
from medialens.lexicon_files import data_list
from medialens.nlp import text_hash

#: Columns of the articles table, in order (extra metadata columns of CSV/JSONL inputs follow them).
ARTICLE_COLUMNS = [
    "article_id",
    "outlet",
    "outlet_type",
    "country",
    "date",
    "date_precision",
    "title",
    "url",
    "text",
    "source_file",
    "synthetic",
    "duplicate_of",
    "near_duplicate_group",
]
SUFFIXES = {".txt", ".jsonl", ".csv", ".tsv", ".html", ".htm", ".json"}
SIDECAR_NAME = "articles.csv"
UNKNOWN = "unknown"

_SEED_HEADER = re.compile(r"\A\s?date\s+(\d{4}(?:-\d{2}){0,2})\s+")
_KV_LINE = re.compile(r"^(title|outlet|date|url|id|article_id|synthetic)\s*:\s*(.*)$", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_MEDIA_CLOUD = {"stories_id": "article_id", "publish_date": "date", "media_name": "outlet"}


class CorpusError(ValueError):
    """Nothing usable could be loaded; the message names the file(s) and what is wrong."""


@dataclass(frozen=True)
class Skipped:
    """One item that was found but not loaded."""

    source: str
    reason: str
    item: str = ""


@dataclass
class LoadReport:
    """What :func:`load_corpus` found, loaded and skipped (and why)."""

    root: str
    found: int = 0
    loaded: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    encodings: dict[str, str] = field(default_factory=dict)

    def skip(self, source: str, reason: str, item: str = "") -> None:
        self.found += 1
        self.skipped.append(Skipped(source, reason, item))

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
        return "\n".join(lines)


class LoadedCorpus(NamedTuple):
    """``articles, report = load_corpus(path)``."""

    articles: pd.DataFrame
    report: LoadReport


@dataclass(frozen=True)
class CsvOptions:
    """How to read a CSV file; the defaults read a comma-separated file with a header row.

    Args:
        delimiter: field separator (``","``; ``";"`` for 10kGNAD; tab for ``.tsv`` unless given).
        quotechar: quote character (``'"'``; ``"'"`` for 10kGNAD).
        header: whether the first row names the columns.
        columns: column names to use when ``header`` is False (must include ``text``).
        text_column: name of the column holding the article text.
    """

    delimiter: str | None = None
    quotechar: str = '"'
    header: bool = True
    columns: tuple[str, ...] | None = None
    text_column: str = "text"


# --------------------------------------------------------------------------- reading bytes


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM or not), else the best charset-normalizer guess.

    Returns:
        ``(text, encoding)``. Raises ``UnicodeError`` when no encoding fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # Western European legacy encodings first: they are what German news files use.
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman"]).best()
    if best is None:
        raise UnicodeError("no text encoding fits (not UTF-8, cp1252 or latin-1)")
    return str(best), best.encoding


def clean_text(text: str) -> str:
    """NFC-normalise, unify line endings, strip outer whitespace (quotes/dashes kept as they are)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\ufeff", "").strip()


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in data_list(config.lexicon_path("language", "german_function_words.txt")))


def german_share(text: str) -> float:
    """Share of word tokens that are German function words (0 for no words)."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if not words:
        return 0.0
    vocab = _function_words()
    return sum(w in vocab for w in words) / len(words)


def language_problem(text: str, min_share: float = 0.12) -> str | None:
    """A reason string when ``text`` does not look German (needs >= 20 words to judge)."""
    if len(_WORD.findall(text[:5000])) < 20:
        return None
    share = german_share(text)
    if share < min_share:
        return f"not German (German function words are {share:.0%} of words, need {min_share:.0%})"
    return None


# --------------------------------------------------------------------------- dates


def parse_date(value: object) -> tuple[str | None, str | None]:
    """Normalise a date to ISO at the precision given: ``("2022-01", "month")``.

    Accepts ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (with an optional time part), ``DD.MM.YYYY``.
    Returns ``(None, None)`` for missing values; raises ``ValueError`` for text that is not a date.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)) or str(value).strip() == "":
        return None, None
    s = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[ T].*)?", s)
    if m is None:
        g = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", s)
        if g is None:
            raise ValueError(f"not a date: {s!r}")
        m_day, m_month, year = g.groups()
        parts = (year, f"{int(m_month):02d}", f"{int(m_day):02d}")
    else:
        parts = tuple(p for p in m.groups() if p)
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    iso = "-".join(parts)
    pd.Timestamp(iso + ("-01" * (3 - len(parts))))  # validates month/day ranges
    return iso, precision


# --------------------------------------------------------------------------- records from files


def _record(text: str, source: str, **meta: object) -> dict:
    rec = {"text": clean_text(text), "source_file": source}
    rec.update({k: v for k, v in meta.items() if v is not None and not (isinstance(v, float) and np.isnan(v))})
    return rec


def _parse_txt(raw: str) -> tuple[str, dict]:
    """Split a .txt file into body and header metadata (seed header or key: value lines)."""
    meta: dict = {}
    raw = raw.lstrip("\ufeff")
    m = _SEED_HEADER.match(raw)
    if m:
        meta["date"] = m.group(1)
        return raw[m.end() :], meta
    lines = raw.split("\n")
    k = 0
    while k < len(lines) and (kv := _KV_LINE.match(lines[k].strip())):
        key = kv.group(1).lower()
        meta["article_id" if key == "id" else key] = kv.group(2).strip()
        k += 1
    if meta and (k == len(lines) or lines[k].strip() == ""):
        return "\n".join(lines[k:]), meta
    return raw, {}


def _read_sidecar(folder: Path, report: LoadReport) -> dict[str, dict]:
    path = folder / SIDECAR_NAME
    if not path.exists():
        return {}
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except Exception as exc:  # a broken sidecar is an error the user must fix, not a silent skip
        raise CorpusError(f"{path}: cannot read sidecar metadata: {exc}") from exc
    if "file" not in table.columns:
        raise CorpusError(f"{path}: sidecar metadata needs a 'file' column (has {list(table.columns)})")
    return {row["file"]: {k: v for k, v in row.items() if k != "file" and v != ""} for row in table.to_dict("records")}


def _read_bytes(path: Path, rel: str, report: LoadReport) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.skip(rel, f"unreadable: {exc.strerror or exc}")
        return None
    if not data.strip():
        report.skip(rel, "empty file")
        return None
    if _looks_binary(data):
        report.skip(rel, "binary file (NUL bytes), not text")
        return None
    try:
        text, encoding = decode(data)
    except UnicodeError as exc:
        report.skip(rel, f"unreadable: {exc}")
        return None
    report.encodings[rel] = encoding
    return text


def _txt_records(path: Path, rel: str, sidecar: dict, report: LoadReport) -> Iterator[dict]:
    raw = _read_bytes(path, rel, report)
    if raw is None:
        return
    body, meta = _parse_txt(raw)
    meta.update(sidecar.get(path.name, {}))
    yield _record(body, rel, **meta)


def _jsonl_records(path: Path, rel: str, report: LoadReport) -> Iterator[dict]:
    raw = _read_bytes(path, rel, report)
    if raw is None:
        return
    for n, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            report.skip(rel, f"broken JSON line {n}: {exc.msg}", f"line {n}")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            report.skip(rel, f"JSON line {n} has no 'text' string", f"line {n}")
            continue
        meta = {k: v for k, v in obj.items() if k != "text"}
        meta.setdefault("article_id", meta.pop("id", None))
        yield _record(obj["text"], rel, item=f"line {n}", **meta)


def _csv_records(path: Path, rel: str, options: CsvOptions, report: LoadReport) -> Iterator[dict]:
    raw = _read_bytes(path, rel, report)
    if raw is None:
        return
    delimiter = options.delimiter or ("\t" if path.suffix == ".tsv" else ",")
    try:
        rows = list(csv.reader(io.StringIO(raw), delimiter=delimiter, quotechar=options.quotechar))
    except csv.Error as exc:
        report.skip(rel, f"broken CSV: {exc}")
        return
    rows = [r for r in rows if any(c.strip() for c in r)]
    if options.header:
        if not rows:
            report.skip(rel, "CSV has no header row")
            return
        names, rows = [c.strip().lstrip("\ufeff") for c in rows[0]], rows[1:]
        first_line = 2
    else:
        if not options.columns:
            raise CorpusError(f"{rel}: CsvOptions(header=False) needs 'columns' naming each column")
        names, first_line = list(options.columns), 1
    names = [_MEDIA_CLOUD.get(n, n) if n not in ("text",) else n for n in names]
    text_col = options.text_column
    if text_col not in names:
        report.skip(rel, f"missing text column {text_col!r} (columns: {', '.join(names)})", f"{len(rows)} rows")
        return
    for n, row in enumerate(rows, start=first_line):
        if len(row) != len(names):
            report.skip(rel, f"row {n} has {len(row)} fields, header has {len(names)}", f"row {n}")
            continue
        rec = dict(zip(names, row))
        text = rec.pop(text_col)
        yield _record(text, rel, item=f"row {n}", **{k: (v if v != "" else None) for k, v in rec.items()})


def _html_records(path: Path, rel: str, report: LoadReport) -> Iterator[dict]:
    raw = _read_bytes(path, rel, report)
    if raw is None:
        return
    import trafilatura

    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, as_dict=True)
    if not doc or not (doc.get("text") or "").strip():
        report.skip(rel, "no main text found in HTML")
        return
    yield _record(
        doc["text"], rel, title=doc.get("title"), date=doc.get("date"), url=doc.get("url"), outlet=doc.get("sitename")
    )


def _json_records(path: Path, rel: str, report: LoadReport) -> Iterator[dict]:
    raw = _read_bytes(path, rel, report)
    if raw is None:
        return
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        report.skip(rel, f"broken JSON (line {exc.lineno}): {exc.msg}")
        return
    if not isinstance(obj, dict):
        report.skip(rel, "JSON is not an object with 'originalText' or 'text'")
        return
    text = obj.get("originalText", obj.get("text"))
    if not isinstance(text, str):
        report.skip(rel, "JSON has no 'originalText' or 'text' string")
        return
    meta = {k: obj.get(k) for k in ("article_id", "outlet", "date", "title", "url") if isinstance(obj.get(k), str)}
    name = obj.get("documentName")
    if isinstance(name, str):  # Wikinews: "11059 - Title (2005-08-20)"
        m = re.fullmatch(r"(\d+) - (.*?)(?: \((\d{4}-\d{2}-\d{2})\))?", name)
        if m:
            meta.setdefault("article_id", f"wikinews-{m.group(1)}")
            meta.setdefault("title", m.group(2))
            if m.group(3):
                meta.setdefault("date", m.group(3))
        meta.setdefault("outlet", "Wikinews")
    yield _record(text, rel, **meta)


# --------------------------------------------------------------------------- outlet registry


@lru_cache(maxsize=4)
def _registry(path: str) -> dict[str, tuple[str, str, str]]:
    if not Path(path).exists():
        raise CorpusError(f"{path}: outlet registry not found (pass outlets=... or restore data/outlets.csv)")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"outlet", "outlet_type", "country"} - set(table.columns)
    if missing:
        raise CorpusError(f"{path}: outlet registry lacks columns {sorted(missing)}")
    lookup: dict[str, tuple[str, str, str]] = {}
    for row in table.to_dict("records"):
        value = (row["outlet"], row["outlet_type"], row["country"])
        for name in [row["outlet"], *row.get("aliases", "").split("|")]:
            if name.strip():
                lookup[_outlet_key(name)] = value
    return lookup


def _outlet_key(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().casefold()


def outlet_registry(path: Path | None = None) -> dict[str, tuple[str, str, str]]:
    """Map normalised outlet names and aliases to ``(canonical name, outlet_type, country)``."""
    return _registry(str(path or config.OUTLETS_FILE))


def join_outlets(articles: pd.DataFrame, registry_path: Path | None = None) -> pd.DataFrame:
    """Fill ``outlet`` (canonical name), ``outlet_type`` and ``country`` from the registry.

    Unknown outlets keep their name and get ``outlet_type = "unknown"``.
    """
    registry = outlet_registry(registry_path)
    out = articles.copy()
    hits = [registry.get(_outlet_key(str(o))) if isinstance(o, str) else None for o in out["outlet"]]
    out["outlet"] = [h[0] if h else (o if isinstance(o, str) else UNKNOWN) for h, o in zip(hits, out["outlet"])]
    out["outlet_type"] = [h[1] if h else UNKNOWN for h in hits]
    out["country"] = [h[2] if h else (c if isinstance(c, str) else None) for h, c in zip(hits, out["country"])]
    return out


# --------------------------------------------------------------------------- duplicates


def _shingles(text: str, n: int = 5) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + n]).encode()) for i in range(len(words) - n + 1)}


def jaccard(a: set, b: set) -> float:
    """Jaccard similarity of two sets (0 when both are empty)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def near_duplicate_groups(texts: list[str], threshold: float = 0.9, *, bands: int = 32, rows: int = 2) -> list[int | None]:
    """Group texts whose word 5-shingle Jaccard is >= ``threshold``.

    MinHash signatures (``bands * rows`` permutations) propose candidate pairs by banding (Broder 1997;
    Leskovec et al., *Mining of Massive Datasets*, ch. 3); every candidate is verified with the exact
    Jaccard, so the result does not depend on the hashing. Returns a group number per text (groups of
    two or more, numbered from 1 in order of first member) or ``None``.
    """
    shingles = [_shingles(t) for t in texts]
    k = bands * rows
    rng = np.random.default_rng(20220105)
    prime = np.uint64((1 << 61) - 1)
    a = rng.integers(1, 1 << 31, size=k, dtype=np.uint64)
    b = rng.integers(0, 1 << 31, size=k, dtype=np.uint64)
    buckets: dict[tuple, list[int]] = {}
    for idx, sh in enumerate(shingles):
        if not sh:
            continue
        x = np.fromiter(sh, dtype=np.uint64)
        sig = ((np.outer(x, a) + b) % prime).min(axis=0)
        for band in range(bands):
            key = (band, *sig[band * rows : (band + 1) * rows].tolist())
            buckets.setdefault(key, []).append(idx)
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i_pos, i in enumerate(members):
            for j in members[i_pos + 1 :]:
                if (i, j) in checked or find(i) == find(j):
                    continue
                checked.add((i, j))
                if jaccard(shingles[i], shingles[j]) >= threshold:
                    parent[find(j)] = find(i)
    roots = [find(i) for i in range(len(texts))]
    sizes: dict[int, int] = {}
    for r in roots:
        sizes[r] = sizes.get(r, 0) + 1
    numbers: dict[int, int] = {}
    out: list[int | None] = []
    for r in roots:
        if sizes[r] < 2:
            out.append(None)
            continue
        numbers.setdefault(r, len(numbers) + 1)
        out.append(numbers[r])
    return out


def flag_duplicates(articles: pd.DataFrame, threshold: float = 0.9) -> pd.DataFrame:
    """Add ``duplicate_of`` (first article with the identical text) and ``near_duplicate_group``."""
    out = articles.copy()
    first: dict[str, str] = {}
    dup = []
    for aid, text in zip(out["article_id"], out["text"]):
        h = text_hash(text)
        dup.append(first.get(h))
        first.setdefault(h, aid)
    out["duplicate_of"] = pd.array(dup, dtype="string")
    out["near_duplicate_group"] = pd.array(near_duplicate_groups(out["text"].tolist(), threshold), dtype="Int64")
    return out


def deduplicate_articles(articles: pd.DataFrame, within: str | None = "outlet_type") -> pd.DataFrame:
    """Keep one article per wire story (per value of ``within``).

    A wire story is a ``near_duplicate_group`` of the loader (an exact copy, ``duplicate_of``, without
    a group joins the group of its original). Per story -- and, with ``within``, per value of that
    column -- the first article is kept: originals before exact copies, then by date and
    ``article_id``. Articles outside any group are all kept. With ``within="outlet_type"`` a wire
    story counts once for every outlet type that carried it, so two private outlets printing the
    same agency text do not double its weight, while the type still counts as having carried it.

    Args:
        articles: the articles table (``article_id``; ``duplicate_of``, ``near_duplicate_group``,
            ``date`` are used when present).
        within: a column to de-duplicate within, or ``None`` for one article per story overall.

    Returns:
        The kept rows of ``articles`` in their original order.
    """
    if within is not None and within not in articles.columns:
        raise ValueError(f"articles has no column {within!r}")
    if articles.empty:
        return articles.copy()
    na = pd.Series(pd.NA, index=articles.index)
    ids = articles["article_id"].astype(str)
    group = articles.get("near_duplicate_group", na)
    dup_of = articles.get("duplicate_of", na)
    key = pd.Series([f"a:{i}" if pd.isna(g) else f"g:{g}" for i, g in zip(ids, group)], index=articles.index)
    key_of = dict(zip(ids, key))
    orphan = group.isna() & dup_of.notna()
    key[orphan] = [key_of.get(str(d), f"a:{d}") for d in dup_of[orphan]]
    order = pd.DataFrame({
        "_key": key, "_copy": dup_of.notna(), "_date": articles.get("date", na).astype(object).fillna("~"),
        "_id": ids, "_within": articles[within].astype(object).fillna("unknown") if within else "",
    })
    first = order.sort_values(["_copy", "_date", "_id"], kind="stable").drop_duplicates(["_key", "_within"])
    return articles.loc[articles.index.isin(first.index)]


# --------------------------------------------------------------------------- public entry point


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
        and not (p.name == SIDECAR_NAME)
    )


def _records(path: Path, csv_options: CsvOptions, report: LoadReport) -> Iterator[dict]:
    root = path if path.is_dir() else path.parent
    sidecars: dict[Path, dict] = {}
    for file in _files(path):
        rel = file.relative_to(root).as_posix()
        suffix = file.suffix.lower()
        if suffix == ".txt":
            if file.parent not in sidecars:
                sidecars[file.parent] = _read_sidecar(file.parent, report)
            yield from _txt_records(file, rel, sidecars[file.parent], report)
        elif suffix == ".jsonl":
            yield from _jsonl_records(file, rel, report)
        elif suffix in (".csv", ".tsv"):
            yield from _csv_records(file, rel, csv_options, report)
        elif suffix in (".html", ".htm"):
            yield from _html_records(file, rel, report)
        elif suffix == ".json":
            yield from _json_records(file, rel, report)


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "ja", "y"}


def load_corpus(
    path: str | Path,
    *,
    csv_options: CsvOptions | None = None,
    outlets: Path | None = None,
    check_language: bool = True,
    near_duplicate_threshold: float = 0.9,
) -> LoadedCorpus:
    """Load every article under ``path`` (a file or a folder, searched recursively).

    Args:
        path: a corpus file or folder.
        csv_options: how to read CSV files (see :class:`CsvOptions`).
        outlets: outlet registry CSV (default ``data/outlets.csv``).
        check_language: skip texts that do not look German (function-word share).
        near_duplicate_threshold: word 5-shingle Jaccard at or above which texts are grouped.

    Returns:
        ``LoadedCorpus(articles, report)``; ``articles`` has :data:`ARTICLE_COLUMNS` (plus any extra
        metadata columns of the input) in input order.

    Raises:
        CorpusError: the path does not exist, holds no readable file, or nothing usable was loaded.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    if path.is_file() and path.suffix.lower() not in SUFFIXES:
        raise CorpusError(f"{path}: unsupported file type {path.suffix!r} (use one of {sorted(SUFFIXES)})")
    report = LoadReport(root=str(path))
    if not _files(path):
        raise CorpusError(f"{path}: no corpus files found (looked for {', '.join(sorted(SUFFIXES))})")
    records: list[dict] = []
    seen_ids: dict[str, str] = {}
    derived: set[str] = set()
    for rec in _records(path, csv_options or CsvOptions(), report):
        where = rec["source_file"] + (f" {rec['item']}" if rec.get("item") else "")
        item = str(rec.pop("item", ""))
        if not rec["text"]:
            report.skip(rec["source_file"], "empty text", item)
            continue
        if check_language and (problem := language_problem(rec["text"])):
            report.skip(rec["source_file"], problem, item)
            continue
        try:
            rec["date"], rec["date_precision"] = parse_date(rec.get("date"))
        except ValueError as exc:
            report.skip(rec["source_file"], f"bad date: {exc}", item)
            continue
        given = rec.get("article_id")
        if given is not None and str(given).strip():
            aid = str(given).strip()
            if aid in seen_ids:
                report.skip(rec["source_file"], f"duplicate id {aid!r} (first in {seen_ids[aid]})", item)
                continue
        else:
            base = "h" + text_hash(rec["text"])[:16]
            aid, n = base, 1
            while aid in seen_ids:
                n += 1
                aid = f"{base}-{n}"
            derived.add(aid)
        seen_ids[aid] = where
        rec["article_id"] = aid
        rec["synthetic"] = _truthy(rec.get("synthetic", False))
        records.append(rec)
        report.load()
    if not records:
        reasons = "; ".join(f"{s.source}{' ' + s.item if s.item else ''}: {s.reason}" for s in report.skipped[:5])
        raise CorpusError(f"{path}: no usable articles ({report.found} found, all skipped: {reasons})")
    table = pd.DataFrame.from_records(records)
    for column in ARTICLE_COLUMNS:
        if column not in table.columns:
            table[column] = None
    table = join_outlets(table, outlets)
    table = flag_duplicates(table, near_duplicate_threshold)
    extra = [c for c in table.columns if c not in ARTICLE_COLUMNS]
    table = table[ARTICLE_COLUMNS + extra].reset_index(drop=True)
    for column in ("date", "date_precision", "title", "url", "country"):
        table[column] = table[column].astype("string")
    assert report.found == report.loaded + len(report.skipped)
    return LoadedCorpus(table, report)


def load_demo_corpus() -> LoadedCorpus:
    """The synthetic demo corpus shipped in ``data/corpus``."""
    return load_corpus(config.DEMO_CORPUS_DIR)


def iter_texts(articles: pd.DataFrame) -> Iterable[tuple[str, str]]:
    """``(article_id, text)`` pairs of a loaded corpus."""
    return zip(articles["article_id"], articles["text"])
