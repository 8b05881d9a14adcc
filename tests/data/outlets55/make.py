"""Build the 55-outlet test corpus (synthetic texts) in two variants.

``by_name.csv`` names each article's outlet exactly as the metadata of a real corpus on the January
2022 unrest in Kazakhstan spelled it (issue 12); ``by_url.csv`` gives only a plausible article URL on
the outlet's real web domain and no name. The texts are synthetic: three sentences from
``sentences.txt`` (a fictional storm in fictional towns) behind a dateline, some with the agency
credit line the outlet typically prints. No two articles share more than one sentence (the sentence
offsets 0, 7 and 23 form a difference set modulo 70), so the corpus has no wire copies.

Run ``python tests/data/outlets55/make.py`` to rewrite both files; the test suite checks that the
committed files are what this script writes.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: (outlet as the metadata spelled it, article URL prefix on its real domain or "" when unknown,
#:  credit line in the dateline or "").
OUTLETS = [
    ("ad-hoc-news.de", "https://www.ad-hoc-news.de/politik/", "dpa-AFX"),
    ("AFP", "https://www.afp.com/de/nachrichten/", "AFP"),
    ("almanyalilar.net", "https://www.almanyalilar.net/haber/", ""),
    ("Athen Nachrichten", "", ""),
    ("AZERTAC", "https://azertag.az/de/xeber/", ""),
    ("bbabo.net", "https://bbabo.net/de/news/", ""),
    ("Botschaft der Republik Kasachstan in Deutschland",
     "https://www.gov.kz/memleket/entities/mfa-berlin/press/news/details/", ""),
    ("Cicero", "https://www.cicero.de/aussenpolitik/", ""),
    ("Der Landbote", "https://www.landbote.ch/", "SDA"),
    ("Der Spiegel", "https://www.spiegel.de/ausland/", ""),
    ("Deutsche Allgemeine Zeitung", "https://daz.asia/blog/", ""),
    ("Deutsche Welle", "https://www.dw.com/de/", ""),
    ("Deutsche Wirtschafts Nachrichten", "https://deutsche-wirtschafts-nachrichten.de/", ""),
    ("Die Presse", "https://www.diepresse.com/", "APA"),
    ("Die Zeit", "https://www.zeit.de/news/", "dpa"),
    ("dpa-AFX", "https://www.dpa-afx.de/nachrichten/", "dpa-AFX"),
    ("epo.de", "https://www.epo.de/index.php/", ""),
    ("Euronews", "https://de.euronews.com/", ""),
    ("ExtremNews", "https://www.extremnews.com/nachrichten/", ""),
    ("finanzen.net", "https://www.finanzen.net/nachricht/", "dpa-AFX"),
    ("Frankfurter Allgemeine Zeitung", "https://www.faz.net/aktuell/politik/", ""),
    ("General-Anzeiger Bonn", "https://www.ga.de/news/politik/", "dpa"),
    ("junge Welt", "https://www.jungewelt.de/artikel/", ""),
    ("Kleine Zeitung", "https://www.kleinezeitung.at/politik/", "APA"),
    ("Kronen Zeitung", "https://www.krone.at/", ""),
    ("MDR", "https://www.mdr.de/nachrichten/", ""),
    ("Münstersche Zeitung", "https://www.muensterschezeitung.de/", ""),
    ("n-tv", "https://www.n-tv.de/politik/", ""),
    ("nd", "https://www.nd-aktuell.de/artikel/", ""),
    ("Neue Osnabrücker Zeitung", "https://www.noz.de/deutschland-welt/", ""),
    ("News Front", "https://de.news-front.info/", ""),
    ("Oberösterreichische Nachrichten", "https://www.nachrichten.at/politik/", "APA"),
    ("Posteo", "https://posteo.de/blog/", ""),
    ("Puls 24", "https://www.puls24.at/news/", ""),
    ("Qantara.de", "https://qantara.de/artikel/", ""),
    ("Radio Dreyeckland", "https://rdl.de/beitrag/", ""),
    ("rbb24", "https://www.rbb24.de/politik/", ""),
    ("Reporter ohne Grenzen", "https://www.reporter-ohne-grenzen.de/", ""),
    ("Reuters", "https://www.reuters.com/world/", "Reuters"),
    ("RT DE", "https://de.rt.com/international/", ""),
    ("Salzburger Nachrichten", "https://www.sn.at/politik/", "APA/dpa"),
    ("shz.de", "https://www.shz.de/deutschland-welt/", "dpa/lno"),
    ("SRF", "https://www.srf.ch/news/", ""),
    ("Stern", "https://www.stern.de/politik/", "AFP"),
    ("stol.it", "https://www.stol.it/artikel/", ""),
    ("Süddeutsche Zeitung", "https://www.sueddeutsche.de/politik/", ""),
    ("Südtirol News", "https://www.suedtirolnews.it/", ""),
    ("Tages-Anzeiger", "https://www.tagesanzeiger.ch/", "sda"),
    ("taz", "https://taz.de/", ""),
    ("Tiroler Tageszeitung", "https://www.tt.com/artikel/", "APA"),
    ("TRT Deutsch", "https://www.trtdeutsch.com/", ""),
    ("Ukrinform", "https://www.ukrinform.de/", ""),
    ("Vorarlberg Online", "https://www.vol.at/", "APA"),
    ("Westfälische Nachrichten", "https://www.wn.de/welt/", ""),
    ("ZDF", "https://www.zdf.de/nachrichten/", ""),
]
#: Outlets with a second article (87 articles from 55 outlets in the real corpus; 70 here).
SECOND = ["Reuters", "dpa-AFX", "Der Spiegel", "ZDF", "MDR", "RT DE", "Kronen Zeitung", "SRF", "taz", "Die Zeit",
          "Euronews", "n-tv", "Stern", "TRT Deutsch", "Ukrinform"]
PLACES = ["Wendelstadt", "Seeburg", "Hollbach", "Kirchwald", "Altmoor", "Brunnfeld"]
OFFSETS = (0, 7, 23)


def sentences() -> list[str]:
    lines = (HERE / "sentences.txt").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.replace("ß", "ss")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


def articles() -> list[dict[str, str]]:
    pool = sentences()
    plan = [entry for entry in OUTLETS] + [entry for name in SECOND for entry in OUTLETS if entry[0] == name]
    rows = []
    for n, (outlet, url_prefix, credit) in enumerate(plan):
        picked = [pool[(n + k) % len(pool)] for k in OFFSETS]
        place = PLACES[n % len(PLACES)]
        dateline = f"{place} ({credit}) – " if credit else f"{place} – "
        title = picked[0].rstrip(".")
        url = f"{url_prefix}{slug(title)}-{1000 + n}" if url_prefix else ""
        rows.append({
            "article_id": f"o55-{n + 1:03d}",
            "outlet": outlet,
            "url": url,
            "date": f"2023-02-{6 + n % 5:02d}",
            "title": title,
            "text": dateline + " ".join(picked),
            "synthetic": "true",
        })
    return rows


def render(rows: list[dict[str, str]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def files() -> dict[str, str]:
    rows = articles()
    return {
        "by_name.csv": render(rows, ["article_id", "outlet", "date", "title", "text", "synthetic"]),
        "by_url.csv": render(rows, ["article_id", "url", "date", "title", "text", "synthetic"]),
    }


if __name__ == "__main__":
    for name, content in files().items():
        (HERE / name).write_text(content, encoding="utf-8")
        print(f"wrote {HERE / name}")
