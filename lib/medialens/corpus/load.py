"""Corpus loading.

Reads German news articles from a file or a folder into one tidy table and accounts for every item it
found: each is either loaded or listed in the :class:`LoadReport` with a reason, so that
``report.found == report.loaded + len(report.skipped)`` always holds.

Which files are read (:mod:`medialens.corpus.scan`): every file with a corpus suffix under the folder,
in name order; hidden entries (``.ipynb_checkpoints``), other suffixes, links not followed (to something
inside the corpus folder, or a folder already searched) are listed in ``report.ignored`` with the reason
and not counted. A corpus file that cannot be read (a dangling link, a link loop, a FIFO) is a skipped
item. An ``articles.csv`` beside ``.txt`` files is their metadata (sidecar), otherwise data; which one it
was is noted.

Formats (chosen by file suffix):

* ``.txt`` -- the seed format (an inline header `` date 2022-01 `` before the body on the same line),
  or ``key: value`` header lines (``title``, ``outlet``, ``date``, ``url``, ``id``) and a blank line, or
  plain text. An ``articles.csv`` sidecar in the same folder (column ``file`` plus any of
  ``article_id, outlet, date, title, url, synthetic``) adds or overrides metadata.
* ``.jsonl`` -- one JSON object per line with a ``text`` field (other fields as in :data:`ARTICLE_COLUMNS`).
* ``.csv`` / ``.tsv`` -- a header row with a ``text`` column, including Media Cloud story exports
  (``stories_id, publish_date, title, url, media_name``). Files without a header row are read with
  :class:`CsvOptions` (e.g. 10kGNAD: ``CsvOptions(delimiter=";", quotechar="'", header=False,
  columns=("label", "text"))``). Every row is loaded or reported by the line it starts on
  (``line 5``): a quote opened and never closed, a wrong number of fields or a field over
  ``CsvOptions.max_field`` skip that row and the rest of the file is read (:mod:`medialens.corpus.csvrows`);
  a file with a header row only is listed; blank lines are not rows.
* ``.html`` / ``.htm`` -- saved web pages; main text and metadata are extracted offline by trafilatura.
* ``.json`` -- one article per file with ``originalText`` (the German Wikinews quotation-attribution
  format) or ``text``; or an array of objects with ``text`` (one item per element, as JSONL lines).
* ``.docx`` / ``.rtf`` -- database exports with many articles per file: Nexis Uni downloads (DOCX, RTF)
  and Factiva exports "plus Indexing" (RTF; Factiva HTML is recognised among ``.html`` files); each
  article is loaded or reported (:mod:`medialens.corpus.exports`). A Word or RTF file that is no export
  is one article.

Metadata keeps the input's names, whatever they are (a column ``source`` or ``item`` is metadata like
any other); a column the loader sets itself (``source_file``, ``outlet_type``, ``date_precision``,
``duplicate_of`` ...; see :data:`INPUT_COLUMNS`) is kept as ``input_<name>``. A metadata column whose
values have mixed types (a list in one line, text in another) is written as text
(:mod:`medialens.corpus.values`). Both are noted in ``report.notes``.

Texts are NFC-normalised and line endings unified; quotation marks and dashes are kept as they are.
Encodings: UTF-8 with or without BOM, else detected (cp1252, latin-1 …) by charset-normalizer.
Exact duplicates, near-duplicate wire copies (word 5-shingle Jaccard >= 0.9) and edited copies (shingle
containment >= 0.8 either way) are flagged in ``duplicate_of``, ``near_duplicate_group`` and ``copy_of``
(with ``copy_similarity``), never deleted (:mod:`medialens.corpus.duplicates`). Outlets are matched to the
registry by name, agency service or URL domain, and ``agency`` lists the wire services a text credits
(:mod:`medialens.corpus.outlets`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from medialens import config
from medialens.corpus.csvrows import FIELD_LIMIT
from medialens.corpus.duplicates import flag_duplicates
from medialens.corpus.outlets import agency_outlets, join_outlets
from medialens.corpus.readers import SUFFIXES, Record, language_problem, parse_date
from medialens.corpus.readers import records as read_records
from medialens.corpus.report import CorpusError, Ignored, LoadedCorpus, LoadReport
from medialens.corpus.scan import scan
from medialens.corpus.values import uniform_columns, without_surrogates
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
    "copy_of",
    "copy_similarity",
    "agency",
]


@dataclass(frozen=True)
class CsvOptions:
    """How to read a CSV file; the defaults read a comma-separated file with a header row.

    Args:
        delimiter: field separator (``","``; ``";"`` for 10kGNAD; tab for ``.tsv`` unless given).
        quotechar: quote character (``'"'``; ``"'"`` for 10kGNAD).
        header: whether the first row names the columns.
        columns: column names to use when ``header`` is False (must include ``text``).
        text_column: name of the column holding the article text.
        max_field: longest field read, in characters (the ``csv`` module's limit, 131,072); a row with a
            longer field is reported as skipped, the rest of the file is read.
    """

    delimiter: str | None = None
    quotechar: str = '"'
    header: bool = True
    columns: tuple[str, ...] | None = None
    text_column: str = "text"
    max_field: int = FIELD_LIMIT


#: Columns the input may set; the other :data:`ARTICLE_COLUMNS` are computed by the loader, and an input
#: column of the same name is kept as ``input_<name>`` (with a note in the load report).
INPUT_COLUMNS = frozenset({"article_id", "outlet", "country", "date", "title", "url", "synthetic"})


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "ja", "y"}


def _input_name(name: str, meta: dict, reserved: set[str]) -> str:
    """``input_<name>`` (numbered if the input also has that name) for a name the loader sets itself."""
    candidate, n = f"input_{name}", 1
    while candidate in meta or candidate in reserved:
        n += 1
        candidate = f"input_{name}_{n}"
    return candidate


def _columns(record: Record, report: LoadReport) -> dict:
    """The record as a row: the input's metadata (renamed where the loader sets that column), text, file."""
    reserved = set(ARTICLE_COLUMNS) - INPUT_COLUMNS
    row: dict = {}
    for name, value in record.meta.items():
        if name in reserved:
            kept = _input_name(name, record.meta, reserved)
            report.note(record.source_file, f"column {name!r} is set by the loader; the input's values are kept "
                        f"in column {kept!r}")
            name = kept
        row[name] = value
    row["text"] = record.text
    row["source_file"] = record.source_file
    return row


def _accept(record: Record, report: LoadReport, seen_ids: dict[str, str], check_language: bool) -> dict | None:
    """Check one record (text, language, date, id) and return its row with its ``article_id``; a rejected
    record is reported as skipped with the reason (and ``None`` returned)."""
    source, item = record.source_file, record.item
    where = source + (f" {item}" if item else "")
    (record.text, record.meta), replaced = without_surrogates([record.text, record.meta])
    if replaced:
        report.note(source, f"{replaced} lone surrogate code point(s) (\\ud800-\\udfff) replaced by U+FFFD", item)
    if not record.text:
        report.skip(source, "empty text", item)
        return None
    if check_language and (problem := language_problem(record.text)):
        report.skip(source, problem, item)
        return None
    row = _columns(record, report)
    try:
        row["date"], row["date_precision"] = parse_date(row.get("date"))
    except ValueError as exc:
        report.skip(source, f"bad date: {exc}", item)
        return None
    given = row.get("article_id")
    if given is not None and str(given).strip():
        aid = str(given).strip()
        if aid in seen_ids:
            report.skip(source, f"duplicate id {aid!r} (first in {seen_ids[aid]})", item)
            return None
    else:
        base = "h" + text_hash(record.text)[:16]
        aid, n = base, 1
        while aid in seen_ids:
            n += 1
            aid = f"{base}-{n}"
    seen_ids[aid] = where
    row["article_id"] = aid
    row["synthetic"] = _truthy(row.get("synthetic", False))
    return row


def _articles_table(rows: list[dict], outlets: Path | None, near_duplicate_threshold: float,
                    report: LoadReport) -> pd.DataFrame:
    """The articles table of the accepted rows: one type per column, registry join, duplicate flags,
    columns in order."""
    table = pd.DataFrame.from_records(rows)
    for column in ARTICLE_COLUMNS:
        if column not in table.columns:
            table[column] = None
    table = uniform_columns(table, [c for c in table.columns if c not in ARTICLE_COLUMNS], report)
    table = join_outlets(table, outlets)
    table = flag_duplicates(table, near_duplicate_threshold, agencies=agency_outlets(outlets))
    extra = [c for c in table.columns if c not in ARTICLE_COLUMNS]
    table = table[ARTICLE_COLUMNS + extra].reset_index(drop=True)
    for column in ("date", "date_precision", "title", "url", "country"):
        table[column] = table[column].astype("string")
    return table


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
    if not path.is_dir() and not path.is_file():
        raise CorpusError(f"{path}: not a regular file or folder")
    if path.is_file() and path.suffix.lower() not in SUFFIXES:
        raise CorpusError(f"{path}: unsupported file type {path.suffix!r} (use one of {sorted(SUFFIXES)})")
    report = LoadReport(root=str(path))
    found = scan(path, SUFFIXES)
    report.ignored = [Ignored(source, reason) for source, reason in found.ignored]
    if not found.files:
        ignored = "; ".join(f"{i.source}: {i.reason}" for i in report.ignored[:5])
        raise CorpusError(f"{path}: no corpus files found (looked for {', '.join(sorted(SUFFIXES))})"
                          + (f"; ignored {ignored}" if ignored else ""))
    rows: list[dict] = []
    seen_ids: dict[str, str] = {}
    for record in read_records(path, csv_options or CsvOptions(), report, found):
        row = _accept(record, report, seen_ids, check_language)
        if row is not None:
            rows.append(row)
            report.load()
    if not rows:
        reasons = "; ".join(f"{s.source}{' ' + s.item if s.item else ''}: {s.reason}" for s in report.skipped[:5])
        raise CorpusError(f"{path}: no usable articles ({report.found} found, all skipped: {reasons})")
    table = _articles_table(rows, outlets, near_duplicate_threshold, report)
    assert report.found == report.loaded + len(report.skipped)
    return LoadedCorpus(table, report)


def load_demo_corpus() -> LoadedCorpus:
    """The synthetic demo corpus shipped in ``data/corpus``."""
    return load_corpus(config.DEMO_CORPUS_DIR)


def iter_texts(articles: pd.DataFrame) -> Iterable[tuple[str, str]]:
    """``(article_id, text)`` pairs of a loaded corpus."""
    return zip(articles["article_id"], articles["text"])
