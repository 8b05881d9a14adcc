"""Text from office files: RTF and DOCX as lines, with page breaks kept.

Database exports (Nexis Uni, Factiva) arrive as RTF or Word files. Both readers here return the
document as a list of lines -- one per paragraph -- and mark a hard page break with the line
:data:`PAGE_BREAK`, because the export layouts start each article on a new page. Only the standard
library is used: ``zipfile`` and ``xml.etree`` for DOCX (Office Open XML, ECMA-376), a small
tokenizer for RTF 1.x (Microsoft's *Rich Text Format Specification* 1.9.1): groups, control words,
``\\'hh`` and ``\\uN`` escapes, skipped destinations. Pictures, fonts, styles and document info are
dropped; the text is what is left.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from xml.etree import ElementTree

#: Line that marks a hard page break.
PAGE_BREAK = "\f"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: RTF destinations whose content is not document text.
_SKIP_DESTINATIONS = frozenset({
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "footer", "headerl", "headerr",
    "footerl", "footerr", "footnote", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl",
    "themedata", "colorschememapping", "latentstyles", "datastore", "fldinst", "filetbl", "revtbl", "pgptbl",
    "mmathPr", "bkmkstart", "bkmkend", "nonshppict", "shppict", "field_instruction",
})
#: RTF control words that stand for a character.
_RTF_CHARS = {
    "par": "\n", "line": "\n", "sect": "\n", "row": "\n", "cell": "\t", "tab": "\t", "page": "\n\f\n",
    "emdash": "\u2014", "endash": "\u2013", "bullet": "\u2022", "lquote": "\u2018", "rquote": "\u2019",
    "ldblquote": "\u201c", "rdblquote": "\u201d", "emspace": " ", "enspace": " ", "qmspace": " ",
}
_RTF_TOKEN = re.compile(r"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([^\\{}\r\n]+)|[\r\n]+")


class OfficeFileError(ValueError):
    """The file is not a readable RTF or DOCX document (the message says what is wrong)."""


def docx_lines(data: bytes) -> list[str]:
    """The paragraphs of a DOCX file as lines; a hard page break becomes a :data:`PAGE_BREAK` line.

    Raises:
        OfficeFileError: not a zip archive, damaged (e.g. truncated) or without ``word/document.xml``.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, EOFError) as exc:
        raise OfficeFileError(f"damaged DOCX (not a complete zip archive: {exc})") from exc
    except KeyError as exc:
        raise OfficeFileError("DOCX without word/document.xml") from exc
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise OfficeFileError(f"damaged DOCX (document.xml: {exc})") from exc
    lines: list[str] = []
    for paragraph in root.iter(f"{_W}p"):
        text, breaks_before = _docx_paragraph(paragraph)
        if breaks_before:
            lines.append(PAGE_BREAK)
        lines.append(text)
    return lines


def _docx_paragraph(paragraph) -> tuple[str, bool]:
    """Text of one ``w:p`` and whether a page break comes first (``w:br type=page`` or ``pageBreakBefore``)."""
    page_break = paragraph.find(f"{_W}pPr/{_W}pageBreakBefore") is not None
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag == f"{_W}br":
            if node.get(f"{_W}type") == "page":
                page_break = page_break or not "".join(parts).strip()
            else:
                parts.append("\n")
    return "".join(parts), page_break


def rtf_lines(raw: str) -> list[str]:
    """The text of an RTF document as lines; ``\\page`` becomes a :data:`PAGE_BREAK` line.

    Raises:
        OfficeFileError: the text does not start with ``{\\rtf``.
    """
    if not raw.lstrip().startswith("{\\rtf"):
        raise OfficeFileError("not an RTF document (no {\\rtf header)")
    return rtf_text(raw).split("\n")


def rtf_text(raw: str) -> str:
    """Plain text of RTF source (unclosed groups at the end -- a truncated file -- are tolerated)."""
    out: list[str] = []
    stack: list[tuple[bool, int]] = []
    skip, uc, pending_skip = False, 1, 0
    codepage = "cp1252"
    for word, arg, hexcode, symbol, brace, text in _RTF_TOKEN.findall(raw):
        if pending_skip and (text or hexcode):  # characters after \uN that stand in for it
            if text:
                take = min(pending_skip, len(text))
                text, pending_skip = text[take:], pending_skip - take
            else:
                pending_skip -= 1
                continue
        if brace == "{":
            stack.append((skip, uc))
        elif brace == "}":
            skip, uc = stack.pop() if stack else (skip, uc)
        elif symbol:
            skip = skip or symbol == "*"
            if not skip and symbol in "\\{}":
                out.append(symbol)
            elif not skip and symbol == "~":
                out.append("\u00a0")
        elif word:
            skip, uc, pending_skip, codepage = _rtf_control(word, arg, out, skip, uc, codepage)
        elif hexcode and not skip:
            out.append(bytes([int(hexcode, 16)]).decode(codepage, errors="replace"))
        elif text and not skip:
            out.append(text)
    return "".join(out)


def _rtf_control(word: str, arg: str, out: list[str], skip: bool, uc: int, codepage: str):
    """Apply one control word; returns the new ``(skip, uc, pending_skip, codepage)``."""
    if word in _SKIP_DESTINATIONS:
        return True, uc, 0, codepage
    if word == "ansicpg" and arg:
        return skip, uc, 0, f"cp{arg}"
    if word == "uc" and arg:
        return skip, int(arg), 0, codepage
    if skip:
        return skip, uc, 0, codepage
    if word == "u" and arg:
        code = int(arg)
        out.append(chr(code + 65536 if code < 0 else code))
        return skip, uc, uc, codepage
    if word in _RTF_CHARS:
        out.append(_RTF_CHARS[word])
    return skip, uc, 0, codepage
