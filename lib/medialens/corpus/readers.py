"""Corpus readers: one reader per input format, each yielding article records.

A :class:`Record` holds the cleaned ``text``, the ``source_file``, the ``item`` (where in the file:
``line 3``) and, apart from them, whatever metadata the input gives, under the input's own names (a
column called ``source`` or ``item`` is metadata like any other); a reader reports every item it cannot
read to the :class:`~medialens.corpus.report.LoadReport` with a reason. :func:`records` picks the reader
by file suffix (see :mod:`medialens.corpus`).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Mapping

import numpy as np
import pandas as pd

from medialens import config
from medialens.corpus.csvrows import csv_rows
from medialens.corpus.exports import (
    ExportArticle, ExportError, docx_articles, factiva_html_articles, is_factiva_html, rtf_articles,
)
from medialens.corpus.report import CorpusError, LoadReport
from medialens.corpus.scan import SIDECAR_NAME, Scan, scan
from medialens.datafiles import data_list

if TYPE_CHECKING:  # pragma: no cover
    from medialens.corpus.load import CsvOptions

SUFFIXES = {".txt", ".jsonl", ".csv", ".tsv", ".html", ".htm", ".json", ".docx", ".rtf"}

_SEED_HEADER = re.compile(r"\A\s?date\s+(\d{4}(?:-\d{2}){0,2})\s+")
_KV_LINE = re.compile(r"^(title|outlet|date|url|id|article_id|synthetic)\s*:\s*(.*)$", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_MEDIA_CLOUD = {"stories_id": "article_id", "publish_date": "date", "media_name": "outlet"}


# --------------------------------------------------------------------------- reading bytes


#: Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8-sig"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes: by their byte-order mark (UTF-8, UTF-16, UTF-32), else as UTF-8, else the best
    charset-normalizer guess among Western European legacy encodings.

    Returns:
        ``(text, encoding)``. Raises ``UnicodeError`` when no encoding fits.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec.replace("-sig", "")), codec
            except UnicodeDecodeError as exc:
                raise UnicodeError(f"starts with a {codec} byte-order mark but is not {codec} ({exc.reason} "
                                   f"at byte {exc.start + len(bom)})") from exc
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
    return b"\x00" in head and not head.startswith(tuple(bom for bom, _ in _BOMS))


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


@dataclass
class Record:
    """One article as a reader found it; ``meta`` keeps the input's metadata under the input's names."""

    text: str
    source_file: str
    item: str = ""
    meta: dict[str, object] = field(default_factory=dict)


def _data_record(text: str, source_file: str, item: str, meta: Mapping[str, object]) -> Record:
    """A record with metadata named by the input (CSV columns, JSON keys, sidecar columns)."""
    kept = {str(k): v for k, v in meta.items() if v is not None and not (isinstance(v, float) and np.isnan(v))}
    return Record(clean_text(text), source_file, item, kept)


def _record(text: str, source_file: str, /, item: str = "", **meta: object) -> Record:
    """A record with metadata of fixed names (``title=...``) from readers that pick them."""
    return _data_record(text, source_file, item, meta)


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


def _read_sidecar(folder: Path, report: LoadReport) -> dict[str, dict] | None:
    """The metadata rows of ``folder/articles.csv`` by file name (``{}`` when there is none); ``None``
    when it has no ``file`` column but a ``text`` column: then it is data, not a sidecar."""
    path = folder / SIDECAR_NAME
    if not os.path.lexists(path):
        return {}
    if not path.is_file():
        raise CorpusError(f"{path}: sidecar metadata cannot be read (a dangling link or not a regular file)")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except Exception as exc:  # a broken sidecar is an error the user must fix, not a silent skip
        raise CorpusError(f"{path}: cannot read sidecar metadata: {exc}") from exc
    if "file" not in table.columns:
        if "text" in table.columns:
            return None
        raise CorpusError(f"{path}: sidecar metadata needs a 'file' column (has {list(table.columns)})")
    return {row["file"]: {k: v for k, v in row.items() if k != "file" and v != ""} for row in table.to_dict("records")}


def _sidecars(found: Scan, report: LoadReport) -> dict[Path, dict | None]:
    """The sidecars of the scanned folders, read first, each explained in a note (``None``: read as data)."""
    sidecars: dict[Path, dict | None] = {}
    for file in found.files:
        if not file.sidecar:
            if file.path.name == SIDECAR_NAME:
                report.note(file.rel, "read as data: no .txt files beside it, so it is not their metadata (sidecar)")
            continue
        folder = file.path.parent
        sidecars[folder] = rows = _read_sidecar(folder, report)
        if rows is None:
            report.note(file.rel, "read as data: it has no 'file' column but a 'text' column, so it is not "
                                  "metadata for the .txt files beside it")
            continue
        texts = {f.path.name for f in found.files if f.path.parent == folder and f.path.suffix.lower() == ".txt"}
        unmatched = sorted(set(rows) - texts)
        extra = f"; {len(unmatched)} row(s) name no .txt file here: {', '.join(unmatched[:5])}" if unmatched else ""
        report.note(file.rel, f"metadata for the .txt files beside it (sidecar), not read as articles{extra}")
    return sidecars


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


def _txt_records(path: Path, rel: str, sidecar: dict, report: LoadReport) -> Iterator[Record]:
    raw = _read_bytes(path, rel, report)
    if raw is None:
        return
    body, meta = _parse_txt(raw)
    meta.update(sidecar.get(path.name, {}))
    yield _data_record(body, rel, "", meta)


def _jsonl_records(path: Path, rel: str, report: LoadReport) -> Iterator[Record]:
    raw = _read_bytes(path, rel, report)
    if raw is None:
        return
    lines = 0  # lines with content, each an item
    for n, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            report.skip(rel, f"broken JSON line {n}: {exc.msg}", f"line {n}")
        except RecursionError:
            report.skip(rel, f"JSON line {n} is nested too deeply to read", f"line {n}")
        else:
            yield from _object_records(obj, rel, f"line {n}", f"JSON line {n}", report)
        lines += 1
    if not lines:
        report.skip(rel, "no JSON lines (only blank lines)")


def _object_records(obj: object, rel: str, item: str, what: str, report: LoadReport) -> Iterator[Record]:
    """The record of one JSON object with a ``text`` string (a JSONL line, an element of a JSON array)."""
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        report.skip(rel, f"{what} has no 'text' string", item)
        return
    meta = {k: v for k, v in obj.items() if k != "text"}
    if "article_id" not in meta and "id" in meta:
        meta["article_id"] = meta.pop("id")
    yield _data_record(obj["text"], rel, item, meta)


def _column_names(names: list[str], rel: str, report: LoadReport) -> list[str]:
    """Header names made usable: Media Cloud names mapped, empty names numbered, repeated names suffixed."""
    out: list[str] = []
    for k, given in enumerate(names, start=1):
        name = given.strip().lstrip("\ufeff")
        name = _MEDIA_CLOUD.get(name, name)
        if name and name not in out:
            out.append(name)
            continue
        base, n = (name, 2) if name else (f"column_{k}", 1)
        new = base if n == 1 else f"{base}_{n}"
        while new in out or new in names:
            n += 1
            new = f"{base}_{n}"
        why = f"repeats the name {name!r}" if name else "has no name"
        report.note(rel, f"column {k} of the header {why}; read as {new!r}")
        out.append(new)
    return out


def _csv_records(path: Path, rel: str, options: CsvOptions, report: LoadReport) -> Iterator[Record]:
    """One record per CSV row; every row is loaded or reported by the line it starts on
    (:mod:`medialens.corpus.csvrows`: unclosed quotes, fields over the limit, wrong field counts)."""
    raw = _read_bytes(path, rel, report)
    if raw is None:
        return
    if not options.header and not options.columns:
        raise CorpusError(f"{rel}: CsvOptions(header=False) needs 'columns' naming each column")
    delimiter = options.delimiter or ("\t" if path.suffix.lower() == ".tsv" else ",")
    rows = csv_rows(raw, delimiter=delimiter, quotechar=options.quotechar,
                    width=None if options.header else len(options.columns), max_field=options.max_field)
    names = list(options.columns or ())
    if options.header:
        if not rows or rows[0].problem:
            report.skip(rel, f"header row (line {rows[0].line}): {rows[0].problem}" if rows else "no header row")
            return
        names, rows = rows[0].fields, rows[1:]
    names = _column_names(names, rel, report)
    if not rows:
        report.skip(rel, "header row only, no data rows" if options.header else "no data rows")
        return
    text_col = options.text_column
    for row in rows:
        item = f"line {row.line}"
        if row.problem:
            report.skip(rel, row.problem, item)
        elif text_col not in names:
            report.skip(rel, f"missing text column {text_col!r} (columns: {', '.join(names)})", item)
        elif not any(field.strip() for field in row.fields):
            report.skip(rel, "empty row (every field blank)", item)
        else:
            rec = dict(zip(names, row.fields))
            text = rec.pop(text_col)
            yield _data_record(text, rel, item, {k: (v if v != "" else None) for k, v in rec.items()})


def _html_records(path: Path, rel: str, report: LoadReport) -> Iterator[Record]:
    raw = _read_bytes(path, rel, report)
    if raw is None:
        return
    if is_factiva_html(raw):
        yield from _export_records(factiva_html_articles(raw), rel, report)
        return
    import trafilatura

    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, as_dict=True)
    if not doc or not (doc.get("text") or "").strip():
        report.skip(rel, "no main text found in HTML")
        return
    yield _record(
        doc["text"], rel, title=doc.get("title"), date=doc.get("date"), url=doc.get("url"), outlet=doc.get("sitename")
    )


def _json_records(path: Path, rel: str, report: LoadReport) -> Iterator[Record]:
    raw = _read_bytes(path, rel, report)
    if raw is None:
        return
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        report.skip(rel, f"broken JSON (line {exc.lineno}): {exc.msg}")
        return
    except RecursionError:
        report.skip(rel, "JSON nested too deeply to read")
        return
    if isinstance(obj, list):  # an array of articles: one item per element
        if not obj:
            report.skip(rel, "empty JSON array")
        for k, element in enumerate(obj, start=1):
            yield from _object_records(element, rel, f"element {k}", f"element {k}", report)
        return
    if not isinstance(obj, dict):
        report.skip(rel, "JSON is not an object with 'originalText' or 'text', nor an array of objects")
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


def _export_records(articles: list[ExportArticle], rel: str, report: LoadReport) -> Iterator[Record]:
    """Records of the articles of a database export; an article with a problem is reported."""
    for article in articles:
        if article.problem:
            report.skip(rel, article.problem, article.item)
            continue
        fields = dict(article.fields)
        yield _data_record(fields.pop("text"), rel, article.item, fields)


def _office_records(path: Path, rel: str, report: LoadReport) -> Iterator[Record]:
    """Articles of a DOCX or RTF file (a Nexis Uni or Factiva export, or a plain document)."""
    try:
        if path.suffix.lower() == ".docx":
            articles = docx_articles(path.read_bytes())
        else:
            raw = _read_bytes(path, rel, report)
            if raw is None:
                return
            articles = rtf_articles(raw)
    except OSError as exc:
        report.skip(rel, f"unreadable: {exc.strerror or exc}")
        return
    except ExportError as exc:
        report.skip(rel, str(exc))
        return
    yield from _export_records(articles, rel, report)


def files(path: Path) -> list[Path]:
    """The corpus files under ``path`` in reading order (sidecars and ignored entries left out)."""
    return [f.path for f in scan(path, SUFFIXES).files if not f.sidecar]


def _file_records(file: Path, rel: str, csv_options: CsvOptions, sidecars: dict[Path, dict | None],
                  report: LoadReport) -> Iterator[Record]:
    """The records of one file, by its suffix."""
    suffix = file.suffix.lower()
    if suffix == ".txt":
        if file.parent not in sidecars:
            sidecars[file.parent] = _read_sidecar(file.parent, report)
        yield from _txt_records(file, rel, sidecars[file.parent] or {}, report)
    elif suffix == ".jsonl":
        yield from _jsonl_records(file, rel, report)
    elif suffix in (".csv", ".tsv"):
        yield from _csv_records(file, rel, csv_options, report)
    elif suffix in (".html", ".htm"):
        yield from _html_records(file, rel, report)
    elif suffix == ".json":
        yield from _json_records(file, rel, report)
    elif suffix in (".docx", ".rtf"):
        yield from _office_records(file, rel, report)


def records(path: Path, csv_options: CsvOptions, report: LoadReport, found: Scan | None = None) -> Iterator[Record]:
    """The records of every corpus file under ``path`` (as :func:`~medialens.corpus.scan.scan` finds
    them, or ``found``), in path order; a file that cannot be read is reported as skipped.

    An error no reader expected (a bug, or a library failing on odd input) does not abort the load: the
    file is reported as skipped with the error, and the rest is read. A :class:`CorpusError` (a
    broken sidecar, wrong CSV options: something the user must fix) still stops the load, naming the file.
    """
    found = found or scan(path, SUFFIXES)
    sidecars = _sidecars(found, report)
    for file in found.files:
        if file.sidecar and sidecars.get(file.path.parent) is not None:
            continue
        if file.rel != str(file.path)[-len(file.rel):]:  # shown() escaped bytes that are not UTF-8
            report.note(file.rel, "the path is not valid UTF-8; shown with \\x escapes")
        if file.problem:
            report.skip(file.rel, file.problem)
            continue
        try:
            yield from _file_records(file.path, file.rel, csv_options, sidecars, report)
        except CorpusError:
            raise
        except Exception as exc:  # noqa: BLE001 - reported with the file, never silent
            report.skip(file.rel, f"cannot be read: {type(exc).__name__}: {exc}")
