"""Database exports: Nexis Uni (DOCX, RTF) and Factiva (HTML, RTF) files with many articles each.

Researchers get their corpora from news databases as downloads of 10 to 500 articles per file. This
module splits such a file into articles and reads each article's metadata from the lines the export
prints: outlet, date, title, byline, section and word count. Every article of a file is either
returned or returned with a ``problem`` (missing text, truncated file, undated), so the loader can
account for it; nothing is dropped silently.

Layouts (learned from public documentation and public parsers' descriptions, see
``tests/data/exports/make.py``):

* **Nexis Uni** -- a cover page (``Documents (N)`` and the list of titles), then one document per
  page: title, publication, date line, labelled metadata lines (``Section:``, ``Length: 523 words``,
  ``Byline:`` ...), the heading ``Body``, the paragraphs, a classification block and the closing line
  ``End of Document``.
* **Factiva**, exported as "Full Article/Report plus Indexing" -- per article a list of two-letter
  field codes (``HD`` headline, ``BY``, ``WC``, ``PD``, ``SN``, ``SE``, ``LP``/``TD`` paragraphs, ``AN``
  accession number, last). In HTML each article is a ``div`` of class ``article``; in RTF each field
  is a line ``CODE<tab>value``.

The labels, field codes and month names are data files in ``data/lexicons/exports/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from medialens import config
from medialens.corpus.office import PAGE_BREAK, OfficeFileError, docx_lines, rtf_lines
from medialens.datafiles import data_rows

#: The values of :attr:`ExportArticle.kind`.
KINDS = ("nexis", "factiva")
_DECLARED = re.compile(r"^Documents?\s*\((\d+)\)\s*$|^Dokumente?\s*\((\d+)\)\s*$", re.IGNORECASE)
_LABELLED = re.compile(r"^([^\W\d][\w -]{1,30}?)\s*:\s*(.*)$")
_FACTIVA_LINE = re.compile(r"^([A-Z]{2,4})\t(.*)$")
_FACTIVA_ID = re.compile(r"^(?:Document|Dokument)\s+([A-Za-z0-9]{12,})\s*$")
_NUMBER = re.compile(r"\d[\d.,'\u2009\u00a0]*")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.?\s+([^\W\d_]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([^\W\d_]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


@dataclass
class ExportArticle:
    """One article of an export file: its metadata and text, or the reason it cannot be loaded."""

    item: str
    fields: dict[str, str] = field(default_factory=dict)
    problem: str | None = None


# --------------------------------------------------------------------------- data files


def _lexicon(name: str) -> list[dict[str, str]]:
    return data_rows(config.LEXICON_DIR / "exports" / name, "\t")


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Month name (lower case, German and English, with abbreviations) -> month number."""
    return {row["name"].casefold(): int(row["month"]) for row in _lexicon("months.tsv")}


@lru_cache(maxsize=1)
def nexis_labels() -> dict[str, str]:
    """Nexis Uni line label (case-folded) -> field."""
    return {row["label"].casefold(): row["field"] for row in _lexicon("nexis_labels.tsv")}


@lru_cache(maxsize=1)
def factiva_codes() -> dict[str, str]:
    """Factiva field code -> field."""
    return {row["code"]: row["field"] for row in _lexicon("factiva_codes.tsv")}


# --------------------------------------------------------------------------- values


def export_date(text: str) -> str | None:
    """The first date in a metadata line as ISO ``YYYY-MM-DD``, or ``None``.

    Reads ``February 7, 2023 Tuesday``, ``7 February 2023``, ``7. Februar 2023``, ``Jänner``,
    ``2023-02-07`` and ``07.02.2023``.
    """
    for match in _DAY_MONTH_YEAR.finditer(text):
        day, month = int(match.group(1)), months().get(match.group(2).casefold())
        if month and 1 <= day <= 31:
            return f"{match.group(3)}-{month:02d}-{day:02d}"
    for match in _MONTH_DAY_YEAR.finditer(text):
        month, day = months().get(match.group(1).casefold()), int(match.group(2))
        if month and 1 <= day <= 31:
            return f"{match.group(3)}-{month:02d}-{day:02d}"
    match = _NUMERIC_DATE.search(text)
    if match and match.group(1):
        return f"{match.group(1)}-{match.group(2)}-{match.group(3)}"
    if match:
        return f"{match.group(6)}-{int(match.group(5)):02d}-{int(match.group(4)):02d}"
    return None


def word_count(text: str) -> str | None:
    """The number in ``Length: 1,234 words`` / ``523 Wörter`` as digits, or ``None``."""
    match = _NUMBER.search(text)
    return re.sub(r"\D", "", match.group()) if match else None


# --------------------------------------------------------------------------- Nexis Uni


def is_nexis(lines: list[str]) -> bool:
    """Whether the lines look like a Nexis Uni download (an ``End of Document`` line)."""
    return any(_nexis_label(line)[0] == "end_document" for line in lines)


def _nexis_label(line: str) -> tuple[str | None, str]:
    """``(field, value)`` of a labelled metadata line (``Length: 523 words``) or a bare label line."""
    stripped = line.strip()
    field_name = nexis_labels().get(stripped.casefold())
    if field_name:
        return field_name, ""
    match = _LABELLED.match(stripped)
    if match:
        return nexis_labels().get(match.group(1).strip().casefold()), match.group(2).strip()
    return None, ""


def nexis_articles(lines: list[str]) -> list[ExportArticle]:
    """Split a Nexis Uni download into its documents (see the module docstring for the layout)."""
    declared = _declared_documents(lines)
    chunks: list[list[str]] = [[]]
    for line in lines:
        if _nexis_label(line)[0] == "end_document":
            chunks.append([])
        else:
            chunks[-1].append(line)
    *complete, tail = chunks
    articles = [_nexis_document(_last_page(chunk), f"document {n}") for n, chunk in enumerate(complete, 1)]
    if any(line.strip() for line in _last_page(tail)):
        articles.append(ExportArticle(f"document {len(articles) + 1}",
                                      problem="incomplete: no 'End of Document' line (file truncated?)"))
    for n in range(len(articles) + 1, (declared or 0) + 1):
        articles.append(ExportArticle(f"document {n}", problem=f"listed on the cover page (Documents ({declared})) "
                                                               "but missing from the file (truncated?)"))
    return articles


def _declared_documents(lines: list[str]) -> int | None:
    for line in lines:
        if line == PAGE_BREAK:
            return None
        match = _DECLARED.match(line.strip())
        if match:
            return int(match.group(1) or match.group(2))
    return None


def _last_page(chunk: list[str]) -> list[str]:
    """The lines after the last page break (a document starts a page; the cover page comes before)."""
    breaks = [k for k, line in enumerate(chunk) if line == PAGE_BREAK]
    return chunk[breaks[-1] + 1:] if breaks else chunk


def _nexis_document(lines: list[str], item: str) -> ExportArticle:
    lines = [line.strip() for line in lines if line.strip()]
    fields_at = [_nexis_label(line)[0] for line in lines]
    if "body" not in fields_at:
        return ExportArticle(item, _nexis_head(lines), "no 'Body' heading: the document has no text")
    start = fields_at.index("body")
    end = next((k for k in range(start + 1, len(lines)) if fields_at[k] in ("end_body", "end_document")), len(lines))
    meta = _nexis_head(lines[:start])
    return _article(item, meta, lines[start + 1:end], "no text under the 'Body' heading",
                    "no date line after the title and the publication")


def _article(item: str, fields: dict[str, str], body: list[str], no_text: str, no_date: str) -> ExportArticle:
    """The article with its paragraphs as text, or with the problem that keeps it from loading."""
    if not body:
        return ExportArticle(item, fields, no_text)
    fields["text"] = "\n\n".join(body)
    if "date" not in fields:
        return ExportArticle(item, fields, no_date)
    return ExportArticle(item, fields)


def _nexis_head(lines: list[str]) -> dict[str, str]:
    """Title, outlet, date and the labelled fields from the lines above ``Body``."""
    meta: dict[str, str] = {}
    plain = [line for line in lines if _nexis_label(line)[0] is None]
    if plain:
        meta["title"] = plain[0]
    if len(plain) > 1:
        meta["outlet"] = plain[1]
    for line in plain[2:5]:
        date = export_date(line)
        if date:
            meta["date"] = date
            break
    for line in lines:
        field_name, value = _nexis_label(line)
        if field_name == "length":
            meta["word_count"] = word_count(value) or ""
        elif field_name in ("section", "byline", "dateline") and value:
            meta[field_name] = value
    return meta


# --------------------------------------------------------------------------- Factiva


def is_factiva_html(text: str) -> bool:
    """Whether an HTML page is a Factiva export (article ``div`` with field-code tables)."""
    return 'class="article' in text and ("articleParagraph" in text or ">HD<" in text or "<b>HD</b>" in text)


def factiva_html_articles(text: str) -> list[ExportArticle]:
    """The articles of a Factiva HTML export ("plus Indexing": one field-code table per article)."""
    parser = _FactivaHTML()
    parser.feed(text)
    parser.close()
    return [_factiva_article(entries, f"article {n}") for n, entries in enumerate(parser.articles, start=1)]


class _FactivaHTML(HTMLParser):
    """Collects ``(code, paragraphs)`` rows of every ``<div class="article ...">`` (stdlib parser)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.articles: list[list[tuple[str, list[str]]]] = []
        self._cells: list[list[str]] | None = None  # cells of the current row, each a list of paragraphs

    def handle_starttag(self, tag: str, attrs) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and classes[:1] == ["article"]:
            self.articles.append([])
        elif not self.articles:
            return
        elif tag == "tr":
            self._cells = []
        elif tag == "td" and self._cells is not None:
            self._cells.append([""])
        elif tag in ("p", "br") and self._cells:
            self._cells[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._cells is not None and self.articles:
            if len(self._cells) >= 2:
                code = " ".join(self._cells[0]).replace("\u00a0", " ").strip()
                paragraphs = [" ".join(p.split()) for p in self._cells[1] if p.strip()]
                self.articles[-1].append((code, paragraphs))
            self._cells = None

    def handle_data(self, data: str) -> None:
        if self._cells:
            self._cells[-1][-1] += data


def factiva_rtf_articles(lines: list[str]) -> list[ExportArticle]:
    """The articles of a Factiva RTF export: ``CODE<tab>value`` lines, an article from ``HD`` to ``AN``."""
    groups: list[list[tuple[str, list[str]]]] = []
    for line in lines:
        match = _FACTIVA_LINE.match(line)
        if match and match.group(1) == "HD":
            groups.append([])
        if not groups or line == PAGE_BREAK or not line.strip():
            continue
        if match:
            groups[-1].append((match.group(1), [match.group(2).strip()]))
        elif groups[-1]:
            groups[-1][-1][1].append(line.strip())
    return [_factiva_article(entries, f"article {n}") for n, entries in enumerate(groups, start=1)]


def is_factiva_lines(lines: list[str]) -> bool:
    """Whether RTF lines are a Factiva export with field codes (``HD`` and ``AN`` lines)."""
    codes = {m.group(1) for m in map(_FACTIVA_LINE.match, lines) if m}
    return {"HD", "AN"} <= codes


def is_factiva_without_codes(lines: list[str]) -> bool:
    """A Factiva export without indexing: ``Document ABC0000...`` lines but no field codes."""
    return any(_FACTIVA_ID.match(line.strip()) for line in lines) and not is_factiva_lines(lines)


def _factiva_article(entries: list[tuple[str, list[str]]], item: str) -> ExportArticle:
    codes = factiva_codes()
    meta: dict[str, str] = {}
    body: list[str] = []
    for code, values in entries:
        name = codes.get(code)
        if name == "body":
            body += [v for v in values if v]
        elif name and values and values[0]:
            meta[name] = " ".join(v for v in values if v)
    fields = _factiva_fields(meta)
    if "accession" not in meta:
        return ExportArticle(item, fields, "incomplete: no AN (accession number) line (file truncated?)")
    return _article(item, fields, body, "no text (no LP or TD paragraphs)", "no readable date (PD)")


def _factiva_fields(meta: dict[str, str]) -> dict[str, str]:
    fields = {k: meta[k] for k in ("title", "outlet", "section") if meta.get(k)}
    if meta.get("byline"):
        fields["byline"] = re.sub(r"^(?:By|Von)\s+", "", meta["byline"])
    if meta.get("length"):
        fields["word_count"] = word_count(meta["length"]) or ""
    date = export_date(meta.get("date", ""))
    if date:
        fields["date"] = date
    accession = _FACTIVA_ID.match(meta.get("accession", ""))
    if accession:
        fields["article_id"] = accession.group(1)
    return fields


# --------------------------------------------------------------------------- files -> articles


class ExportError(ValueError):
    """A whole export file cannot be read (damaged, or exported without the fields medialens needs)."""


def docx_articles(data: bytes) -> list[ExportArticle]:
    """The articles of a DOCX file: a Nexis Uni download, else the document as one article.

    Raises:
        ExportError: the file is not a complete DOCX (see :func:`medialens.corpus.office.docx_lines`).
    """
    try:
        lines = docx_lines(data)
    except OfficeFileError as exc:
        raise ExportError(str(exc)) from exc
    return nexis_articles(lines) if is_nexis(lines) else [_plain_document(lines)]


def rtf_articles(raw: str) -> list[ExportArticle]:
    """The articles of an RTF file: a Nexis Uni or Factiva export, else the document as one article.

    Raises:
        ExportError: not RTF, or a Factiva export without field codes (which cannot be split reliably).
    """
    try:
        lines = rtf_lines(raw)
    except OfficeFileError as exc:
        raise ExportError(str(exc)) from exc
    if is_nexis(lines):
        return nexis_articles(lines)
    if is_factiva_lines(lines):
        return factiva_rtf_articles(lines)
    if is_factiva_without_codes(lines):
        raise ExportError("Factiva export without field codes: export it again with the display option "
                          "'Full Article/Report plus Indexing'")
    return [_plain_document(lines)]


def _plain_document(lines: list[str]) -> ExportArticle:
    """A document that is not a database export: its paragraphs are one article."""
    paragraphs = [line.strip() for line in lines if line.strip() and line != PAGE_BREAK]
    return ExportArticle("", {"text": "\n\n".join(paragraphs)} if paragraphs else {}, None if paragraphs else "no text")
