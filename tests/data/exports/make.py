"""Build small Nexis Uni and Factiva export files with synthetic articles, plus broken variants.

The layouts follow what public documentation and public parsers describe (never their code):

* **Nexis Uni DOCX/RTF** (a download of several documents as one file; R package LexisNexisTools,
  the ``seolub/Nexis_uni_parser`` description): a cover page (user, date, job number,
  ``Documents (N)`` and the numbered list of titles), then one document per page: title,
  publication, date line (``January 7, 2022 Friday``), optional copyright, ``Section:``, ``Length:
  N words``, ``Byline:``, then the heading ``Body``, the paragraphs, a ``Classification`` block with
  ``Language:`` and ``Load-Date:``, and the closing line ``End of Document``.
* **Factiva HTML/RTF** exported as "Full Article/Report plus Indexing" (R package tm.plugin.factiva):
  per article a table of two-letter field codes with values — ``HD`` headline, ``BY`` byline, ``WC``
  word count, ``PD`` date (``7 January 2022``), ``SN`` source name, ``SC`` source code, ``SE``
  section, ``LA`` language, ``CY`` copyright, ``LP`` lead paragraphs, ``TD`` text paragraphs, ``AN``
  accession number (``Document FAZ0000020220107ei170001l``). In HTML each article is a
  ``<div class="article deArticle">`` whose paragraphs are ``<p class="articleParagraph ...">``; in
  RTF each field is a line ``CODE<tab>value`` and each article ends a page.

Every text is synthetic (a fictional storm in fictional towns, written for medialens). Run
``python tests/data/exports/make.py`` to rewrite the files; the tests check that the committed files
equal this script's output (zip entries carry a fixed timestamp, so the bytes are reproducible).
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
DE_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

ARTICLES = [
    {
        "title": "Sturmtief Xandra legt Wendelstadt lahm",
        "outlet": "Frankfurter Allgemeine Zeitung", "code": "FAZ", "date": date(2023, 2, 7),
        "byline": "Hanna Vogt, Wendelstadt", "section": "Politik; S. 4",
        "paragraphs": [
            "Wendelstadt – In der Nacht zum Dienstag hat das Sturmtief Xandra in Wendelstadt Dutzende Bäume "
            "entwurzelt und Dächer abgedeckt. Verletzt wurde nach Angaben der Polizei niemand.",
            "Bürgermeisterin Hanna Kessler sprach am Morgen von dem schwersten Unwetter seit zwanzig Jahren. "
            "Die Stadt richtete ein Bürgertelefon ein, bei dem in den ersten Stunden mehr als 200 Anrufe eingingen.",
            "Der Bahnverkehr nach Seeburg blieb bis zum Mittag unterbrochen; Pendler mussten auf Busse umsteigen.",
        ],
    },
    {
        "title": "Kreis fordert Räumfahrzeuge an",
        "outlet": "Süddeutsche Zeitung", "code": "SDDZ", "date": date(2023, 2, 8),
        "byline": "", "section": "Panorama",
        "paragraphs": [
            "Seeburg (dpa) – Nach dem Sturm über dem Landkreis hat der Katastrophenschutzstab zusätzliche "
            "Räumfahrzeuge aus den Nachbarkreisen angefordert. Mehrere Straßen im Altmoorer Forst seien weiter "
            "gesperrt, teilte die Kreisverwaltung mit.",
            "Landrat Peter Olbrich kündigte an, ein Hilfsfonds für betroffene Familien werde geprüft. Über die "
            "Einzelheiten soll der Kreistag in seiner nächsten Sitzung beraten.",
        ],
    },
    {
        "title": "Strom fließt wieder in Brunnfeld",
        "outlet": "Der Standard", "code": "STANDA", "date": date(2023, 2, 9),
        "byline": "Lukas Eder", "section": "Chronik",
        "paragraphs": [
            "Brunnfeld – Zwei Tage nach dem Sturm sind alle Haushalte in Brunnfeld wieder mit Strom versorgt. "
            "Der Energieversorger hatte zeitweise rund 3000 Kunden ohne Anschluss gemeldet.",
            "Auch das Mobilfunknetz funktioniert wieder; ein beschädigter Sendemast wurde ersetzt. Die "
            "Aufräumarbeiten im Ort werden nach Schätzung der Gemeinde noch mindestens eine Woche dauern.",
            "Freiwillige können sich beim Bauhof melden, um beim Sägen und Räumen zu helfen.",
        ],
    },
    {
        "title": "Tierheim Hollbach dankt Helfern",
        "outlet": "Neue Zürcher Zeitung", "code": "NZZ", "date": date(2023, 2, 10),
        "byline": "Reto Baumann", "section": "Vermischtes",
        "paragraphs": [
            "Hollbach – Im Tierheim von Hollbach wurden die Gehege während der Sturmnacht vorsorglich in feste "
            "Gebäude verlegt. Die Leiterin bedankte sich bei den Freiwilligen, die nachts mit angepackt hatten.",
            "Schäden gab es nur an einem Zaun. Der Heimatverein will die Sturmnacht nun in einer kleinen "
            "Ausstellung dokumentieren und sammelt dafür Fotos aus der Bevölkerung.",
        ],
    },
]


def words(article: dict) -> int:
    return sum(len(p.split()) for p in article["paragraphs"])


def nexis_date(day: date) -> str:
    return f"{EN_MONTHS[day.month - 1]} {day.day}, {day.year} {EN_DAYS[day.weekday()]}"


def factiva_date(day: date, german: bool) -> str:
    return f"{day.day} {(DE_MONTHS if german else EN_MONTHS)[day.month - 1]} {day.year}"


# --------------------------------------------------------------------------- Nexis Uni (lines)


def nexis_cover(articles: list[dict]) -> list[str]:
    lines = ["User Name: medialens test", "Date and Time: Feb 11, 2023 09:15", "Job Number: 190023417",
             f"Documents ({len(articles)})"]
    for n, article in enumerate(articles, start=1):
        lines += [f"{n}. {article['title']}", "Client/Matter: -None-", "Search Terms: Sturmtief Xandra",
                  "Search Type: Terms and Connectors", "Narrowed by:", "Content Type: News"]
    return lines


def nexis_document(article: dict, *, body: bool = True) -> list[str]:
    lines = [article["title"], article["outlet"], nexis_date(article["date"]),
             f"Copyright {article['date'].year} {article['outlet']} All Rights Reserved"]
    if article["section"]:
        lines.append(f"Section: {article['section']}")
    lines.append(f"Length: {words(article)} words")
    if article["byline"]:
        lines.append(f"Byline: {article['byline']}")
    lines.append("Body")
    if body:
        lines += article["paragraphs"]
    lines += ["Classification", "Language: GERMAN", "Publication-Type: Newspaper", "Subject: STORMS (90%)",
              f"Load-Date: {nexis_date(article['date'])}", "End of Document"]
    return lines


def nexis_pages(articles: list[dict], missing_body: int | None = None) -> list[list[str]]:
    pages = [nexis_cover(articles)]
    pages += [nexis_document(a, body=(n != missing_body)) for n, a in enumerate(articles)]
    return pages


# --------------------------------------------------------------------------- DOCX


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_paragraph(text: str, *, bold: bool = False, page_break: bool = False) -> str:
    brk = '<w:r><w:br w:type="page"/></w:r>' if page_break else ""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    # Long paragraphs are split into two runs, as word processors do.
    cut = text.find(" ", len(text) // 2) if len(text) > 80 else -1
    parts = [text] if cut < 0 else [text[:cut], text[cut:]]
    runs = "".join(f'<w:r>{props}<w:t xml:space="preserve">{escape(p)}</w:t></w:r>' for p in parts)
    return f"<w:p>{brk}{runs}</w:p>"


def docx_bytes(pages: list[list[str]]) -> bytes:
    body = []
    for number, page in enumerate(pages):
        for k, line in enumerate(page):
            body.append(_docx_paragraph(line, bold=(number > 0 and k == 0), page_break=(number > 0 and k == 0)))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}"><w:body>'
                + "".join(body) + "<w:sectPr/></w:body></w:document>")
    return _zip({"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "word/document.xml": document})


def _zip(members: dict[str, str]) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=(2023, 2, 11, 9, 15, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))
    return buffer.getvalue()


# --------------------------------------------------------------------------- RTF


def rtf_escape(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if char in "\\{}":
            out.append("\\" + char)
        elif code < 128:
            out.append(char)
        elif code < 256 and char in "äöüÄÖÜß":
            out.append(f"\\'{code:02x}")  # cp1252/latin-1 hex escape
        else:
            out.append(f"\\u{code if code < 32768 else code - 65536}?")  # Unicode escape with fallback
    return "".join(out)


def rtf_document(pages: list[list[str]], *, codes: bool = False) -> str:
    head = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\froman Times New Roman;}}"
            "{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator medialens test;}"
            "{\\info{\\title Export}{\\author medialens}}\n")
    parts = []
    for number, page in enumerate(pages):
        if number:
            parts.append("\\page\n")
        for line in page:
            if codes and "\t" in line:
                code, value = line.split("\t", 1)
                parts.append(f"{{\\b {code}}}\\tab {rtf_escape(value)}\\par\n")
            else:
                parts.append(f"\\pard\\plain\\f0\\fs22 {rtf_escape(line)}\\par\n")
    return head + "".join(parts) + "}"


# --------------------------------------------------------------------------- Factiva


def factiva_fields(article: dict, n: int, *, body: bool = True) -> list[tuple[str, list[str]]]:
    german = n % 2 == 0
    stamp = article["date"].strftime("%Y%m%d")
    fields = [("HD", [article["title"]])]
    if article["byline"]:
        fields.append(("BY", [("Von " if german else "By ") + article["byline"]]))
    fields += [
        ("WC", [f"{words(article)} {'Wörter' if german else 'words'}"]),
        ("PD", [factiva_date(article["date"], german)]),
        ("SN", [article["outlet"]]),
        ("SC", [article["code"]]),
        ("SE", [article["section"]]),
        ("LA", ["Deutsch" if german else "German"]),
        ("CY", [f"(c) {article['date'].year} {article['outlet']}"]),
    ]
    if body:
        fields += [("LP", article["paragraphs"][:1]), ("TD", article["paragraphs"][1:])]
    fields += [("NS", ["gwea : Wetter | gcat : Politik/Allgemeines"]), ("RE", ["germ : Deutschland"]),
               ("AN", [f"{'Dokument' if german else 'Document'} {article['code']}{'0' * 6}{stamp}ej2b000{n + 1}l"])]
    return fields


def factiva_html(articles: list[dict], *, missing_body: int | None = None, cut_at: float | None = None) -> str:
    blocks = []
    for n, article in enumerate(articles):
        lang = "de"
        rows = []
        for code, values in factiva_fields(article, n, body=(n != missing_body)):
            if code in ("LP", "TD"):
                cell = "".join(f'<p class="articleParagraph {lang}articleParagraph">{escape(v)}</p>' for v in values)
            else:
                cell = escape(values[0])
            rows.append(f'<tr><td class="index" valign="top"><b>{code}</b>&nbsp;</td><td>{cell}</td></tr>')
        blocks.append(f'<div class="article {lang}Article"><table border="0">{"".join(rows)}</table></div>')
    html = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Factiva</title></head><body>"
            '<div id="headlines">Suchergebnis: 3 Artikel</div>' + "\n".join(blocks) + "</body></html>")
    return html[: int(len(html) * cut_at)] if cut_at else html


def factiva_rtf(articles: list[dict]) -> str:
    pages = []
    for n, article in enumerate(articles):
        lines = []
        for code, values in factiva_fields(article, n):
            lines.append(f"{code}\t{values[0]}")
            lines += values[1:]
        pages.append(lines)
    return rtf_document(pages, codes=True)


def files() -> dict[str, bytes]:
    three = ARTICLES[:3]
    rtf_articles = ARTICLES[1:4]
    nexis_rtf = rtf_document(nexis_pages(rtf_articles)).encode("ascii")
    return {
        "nexis_uni.docx": docx_bytes(nexis_pages(three)),
        "nexis_uni.rtf": nexis_rtf,
        "factiva.html": factiva_html(ARTICLES[:3]).encode("utf-8"),
        "factiva.rtf": factiva_rtf(ARTICLES[1:4]).encode("ascii"),
        "broken/nexis_missing_body.docx": docx_bytes(nexis_pages(three, missing_body=1)),
        "broken/nexis_truncated.docx": docx_bytes(nexis_pages(three))[:900],
        "broken/nexis_truncated.rtf": nexis_rtf[: int(len(nexis_rtf) * 0.8)],
        "broken/factiva_missing_body.html": factiva_html(ARTICLES[:3], missing_body=1).encode("utf-8"),
        "broken/factiva_truncated.html": factiva_html(ARTICLES[:3], cut_at=0.8).encode("utf-8"),
    }


if __name__ == "__main__":
    for name, content in files().items():
        (HERE / name).parent.mkdir(parents=True, exist_ok=True)
        (HERE / name).write_bytes(content)
        print(f"wrote {HERE / name} ({len(content)} bytes)")
