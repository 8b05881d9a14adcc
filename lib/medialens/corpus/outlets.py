"""The outlet registry: the only reader of ``data/outlets.csv`` and the join of articles to it.

Each registry row names an outlet with its aliases and web domains (``|``-separated), its
``outlet_type``, ``medium``, ``country`` and ``parent`` (see ``data/README.md``). :func:`join_outlets`
gives every article the canonical outlet name, type and country -- matched on the outlet name as the
metadata spells it (case, spacing and punctuation ignored: ``N-TV`` = ``n-tv`` = ``ntv``), on a
service of a registered agency (``dpa-AFX Wirtschaftsnachrichten`` -> dpa when not listed itself),
or on the domain of the article URL (subdomains and ``www.`` included, the longest registered domain
wins) -- and the column ``agency``: the wire services the text credits in its dateline or its final
credit line. :func:`unknown_outlets` lists what the registry lacks, with a line to add;
:func:`registry_rows` gives the source typer of :mod:`medialens.attribution` the registry's names.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping
from urllib.parse import urlsplit

import pandas as pd

from medialens import config
from medialens.corpus.report import CorpusError
from medialens.datafiles import data_list, data_rows

UNKNOWN = "unknown"
#: Registry columns in file order (the line printed for an unknown outlet follows it).
REGISTRY_COLUMNS = ("outlet", "aliases", "domains", "outlet_type", "medium", "country", "language", "owner",
                    "parent", "basis", "source", "confidence", "synthetic")
_SEPARATOR = re.compile(r"[-/ ]")
_DATELINE = re.compile(r"\A[^\n()]{0,80}?\(([^()\n]{1,60})\)\s*[-\u2013\u2014:]")
_TRAILING = re.compile(r"\(([^()\n]{1,60})\)\s*\Z")
_CREDIT_SPLIT = re.compile(r"\s*(?:[/,;&+]|\bund\b|\band\b)\s*")


@dataclass(frozen=True)
class Outlet:
    """One registry row as the join uses it."""

    name: str
    outlet_type: str
    country: str
    medium: str = ""
    parent: str = ""


def name_key(name: str) -> str:
    """Matching key of an outlet name: NFKC, case-folded, without spaces and punctuation."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name).casefold())


def read_registry(path: Path | None = None) -> pd.DataFrame:
    """The registry table (all columns as strings; ``#`` lines and blank lines skipped).

    Raises:
        CorpusError: the file is missing or lacks ``outlet``, ``outlet_type`` or ``country``.
    """
    return _read_registry(str(path or config.OUTLETS_FILE)).copy()


@lru_cache(maxsize=4)
def _read_registry(path: str) -> pd.DataFrame:
    if not Path(path).exists():
        raise CorpusError(f"{path}: outlet registry not found (pass outlets=... or restore data/outlets.csv)")
    rows = data_rows(Path(path), ",")
    columns = list(rows[0]) if rows else ["outlet", "aliases", "outlet_type", "country"]
    table = pd.DataFrame(rows, columns=columns, dtype=str).fillna("")
    missing = {"outlet", "outlet_type", "country"} - set(table.columns)
    if missing:
        raise CorpusError(f"{path}: outlet registry lacks columns {sorted(missing)}")
    return table


def _split(value: str) -> list[str]:
    return [part.strip() for part in str(value or "").split("|") if part.strip()]


class OutletIndex:
    """Lookups over the registry: by name, by URL, and agency names for credit lines."""

    def __init__(self, table: pd.DataFrame, source: str = "registry") -> None:
        self.by_key: dict[str, Outlet] = {}
        self.domains: dict[str, list[tuple[str, Outlet]]] = {}
        self.agencies: dict[str, Outlet] = {}
        for row in table.to_dict("records"):
            outlet = Outlet(row["outlet"], row["outlet_type"], row["country"], row.get("medium", ""),
                            row.get("parent", ""))
            names = [row["outlet"], *_split(row.get("aliases", ""))]
            for name in names + _split(row.get("domains", "")):
                self._add_name(name, outlet, source)
            for domain in _split(row.get("domains", "")):
                host, _, path = domain.lower().removeprefix("www.").partition("/")
                self.domains.setdefault(host, []).append((path.strip("/"), outlet))
            if outlet.medium == "agency":
                self.agencies.update({name_key(name): outlet for name in names})

    def _add_name(self, name: str, outlet: Outlet, source: str) -> None:
        key = name_key(name)
        if not key:
            return
        other = self.by_key.setdefault(key, outlet)
        if other.name != outlet.name:
            raise CorpusError(f"{source}: the name {name!r} belongs to both {other.name!r} and {outlet.name!r}")

    def by_name(self, name: object) -> tuple[Outlet | None, str]:
        """The outlet a metadata name denotes and how it matched (``name``, ``agency service`` or ``""``)."""
        if not isinstance(name, str) or not name.strip():
            return None, ""
        hit = self.by_key.get(name_key(name))
        if hit:
            return hit, "name"
        stripped = name.strip()
        for cut in reversed([m.start() for m in _SEPARATOR.finditer(stripped)]):
            agency = self.agencies.get(name_key(stripped[:cut]))
            if agency:  # "dpa-AFX Analyser" -> dpa-AFX, "dpa/lno" -> dpa
                return agency, "agency service"
        if "." in name and " " not in name.strip():  # a bare domain as the outlet name
            return self.by_url(name)[0], "name"
        return None, ""

    def by_url(self, url: object) -> tuple[Outlet | None, str]:
        """The outlet whose registered domain is the longest match of the URL's host (and path)."""
        host, path = url_host(url)
        if not host:
            return None, ""
        labels = host.split(".")
        for start in range(len(labels) - 1):
            entries = self.domains.get(".".join(labels[start:]))
            matches = [(len(p), o) for p, o in entries or () if not p or path == p or path.startswith(p + "/")]
            if matches:
                return max(matches, key=lambda m: m[0])[1], "url"
        return None, ""

    def credited_agencies(self, text: object) -> list[str]:
        """Agencies the text credits: in its dateline ``Almaty (dpa) –``, a trailing ``(AFP)``, or a
        final credit line (``dpa/AFP/rtr``, ``Mit Material von dpa und Reuters``)."""
        if not isinstance(text, str) or not text:
            return []
        found: list[str] = []
        head = _DATELINE.match(text[:200])
        if head:
            found += self._agencies_in(head.group(1))
        tail = text.rstrip()[-240:]
        last_line = tail.rsplit("\n", 1)[-1].strip()
        trailing = _TRAILING.search(tail)
        if trailing:
            found += self._agencies_in(trailing.group(1))
        elif len(last_line) <= 80:
            found += self._agencies_in(_strip_credit_cue(last_line), strict=True)
        return list(dict.fromkeys(found))

    def _agencies_in(self, credit: str, strict: bool = False) -> list[str]:
        tokens = [t.strip(" ()[].:") for t in _CREDIT_SPLIT.split(credit) if t.strip(" ()[].:")]
        if strict and any(len(t) > 24 for t in tokens):
            return []  # a sentence, not a credit line
        hits = [self.agencies.get(name_key(t)) for t in tokens]
        return [h.name for h in hits if h]


@lru_cache(maxsize=1)
def _credit_cues() -> tuple[str, ...]:
    cues = data_list(config.LEXICON_DIR / "outlets" / "credit_cues.txt")
    return tuple(sorted((c.casefold() for c in cues), key=len, reverse=True))


def _strip_credit_cue(line: str) -> str:
    """``Mit Material von dpa und AFP`` -> ``dpa und AFP`` (cues from ``credit_cues.txt``)."""
    folded = line.casefold()
    for cue in _credit_cues():
        if folded.startswith(cue):
            return line[len(cue):].lstrip(" :")
    return line


def url_host(url: object) -> tuple[str, str]:
    """``(host without www., path without leading slash)`` of a URL or bare domain, lower-cased."""
    if not isinstance(url, str) or not url.strip():
        return "", ""
    text = url.strip()
    parts = urlsplit(text if "//" in text else "//" + text)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return host, parts.path.lower().strip("/")


@lru_cache(maxsize=4)
def _index(path: str) -> OutletIndex:
    return OutletIndex(_read_registry(path), source=path)


def outlet_index(path: Path | None = None) -> OutletIndex:
    """The (cached) :class:`OutletIndex` of a registry file (default ``data/outlets.csv``)."""
    return _index(str(path or config.OUTLETS_FILE))


def agency_outlets(path: Path | None = None) -> frozenset[str]:
    """Canonical names of the registry's agencies (``medium = agency``)."""
    return frozenset(o.name for o in outlet_index(path).agencies.values())


def outlet_registry(path: Path | None = None) -> dict[str, tuple[str, str, str]]:
    """Map name keys (names, aliases, domains) to ``(canonical name, outlet_type, country)`` (a new dict;
    :func:`outlet_registry_view` is the cached read-only one)."""
    return dict(outlet_registry_view(path))


def outlet_registry_view(path: Path | None = None) -> Mapping[str, tuple[str, str, str]]:
    """:func:`outlet_registry`, read-only and built once per registry file (asked for every article)."""
    return _registry_view(str(path or config.OUTLETS_FILE))


@lru_cache(maxsize=4)
def _registry_view(path: str) -> Mapping[str, tuple[str, str, str]]:
    return MappingProxyType({k: (o.name, o.outlet_type, o.country) for k, o in _index(path).by_key.items()})


@lru_cache(maxsize=1)
def ambiguous_names() -> frozenset[str]:
    """Name keys of registry names that are also everyday words or surnames (``Stern``, ``Welt``):
    they name an outlet in metadata but not reliably in running text (``ambiguous_names.txt``)."""
    return frozenset(name_key(n) for n in data_list(config.LEXICON_DIR / "outlets" / "ambiguous_names.txt"))


def registry_rows(outlets: pd.DataFrame | None = None) -> tuple[tuple[str, str, str], ...]:
    """``(outlet, aliases, outlet_type)`` rows, for typing sources by the outlets they name in text.

    Names in ``data/lexicons/outlets/ambiguous_names.txt`` are left out (a row whose canonical name is
    ambiguous gets its first other name, or ``""``); registered domains count as aliases.

    Args:
        outlets: a registry DataFrame (columns ``outlet``, ``outlet_type``, optional ``aliases`` and
            ``domains``, '|'-separated); ``None`` reads ``data/outlets.csv`` (no rows when it does not exist).

    Raises:
        ValueError: a DataFrame without ``outlet`` and ``outlet_type``.
    """
    if outlets is None:
        if not config.OUTLETS_FILE.exists():
            return ()
        outlets = _read_registry(str(config.OUTLETS_FILE))
    cols = {"outlet", "outlet_type"}
    if not cols <= set(outlets.columns):
        raise ValueError(f"outlet registry needs columns {sorted(cols)}; got {list(outlets.columns)}")
    skip = ambiguous_names()
    rows = []
    for row in outlets.to_dict("records"):
        if not isinstance(row["outlet"], str) or not row["outlet"]:
            continue
        names = [row["outlet"], *_split(_text(row.get("aliases"))), *_split(_text(row.get("domains")))]
        names = [n for n in names if name_key(n) not in skip]
        rows.append((names[0] if names else "", "|".join(names[1:]), _text(row["outlet_type"])))
    return tuple(rows)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def join_outlets(articles: pd.DataFrame, registry_path: Path | None = None) -> pd.DataFrame:
    """Fill ``outlet`` (canonical name), ``outlet_type``, ``country`` and ``agency`` from the registry.

    The outlet name is matched first (names, aliases, domains, agency services), then the article URL.
    An unknown outlet keeps its name (or, without a name, the URL's host) and gets ``outlet_type =
    "unknown"``. ``agency`` lists the credited agencies (``|``-separated, canonical names) or is empty.
    """
    index = outlet_index(registry_path)
    out = articles.copy()
    urls = out["url"] if "url" in out.columns else pd.Series(None, index=out.index, dtype=object)
    names, types, countries = [], [], []
    for given, url, country in zip(out["outlet"], urls, out["country"]):
        hit = index.by_name(given)[0] or index.by_url(url)[0]
        fallback = given if isinstance(given, str) and given.strip() else (url_host(url)[0] or UNKNOWN)
        names.append(hit.name if hit else fallback)
        types.append(hit.outlet_type if hit else UNKNOWN)
        countries.append(hit.country if hit and hit.country else (country if isinstance(country, str) else None))
    out["outlet"], out["outlet_type"], out["country"] = names, types, countries
    agencies = ["|".join(index.credited_agencies(text)) for text in out["text"]]
    out["agency"] = pd.array([a or pd.NA for a in agencies], dtype="string")
    return out


def unknown_outlets(articles: pd.DataFrame) -> pd.DataFrame:
    """Outlets the registry does not know, with their article count and a registry line to complete.

    Returns:
        ``outlet, domain, articles, registry_line`` sorted by article count; ``registry_line`` is a
        ``data/outlets.csv`` row with ``?`` where a researcher has to decide (type, medium, country,
        basis, source).
    """
    unknown = articles[articles["outlet_type"] == UNKNOWN]
    columns = ["outlet", "domain", "articles", "registry_line"]
    if unknown.empty:
        return pd.DataFrame(columns=columns)
    urls = unknown["url"] if "url" in unknown.columns else pd.Series(None, index=unknown.index, dtype=object)
    hosts = pd.Series([url_host(u)[0] for u in urls], index=unknown.index)
    rows = []
    for outlet, group in unknown.groupby("outlet", sort=False):
        domains = hosts[group.index]
        domain = domains[domains != ""].mode().iloc[0] if (domains != "").any() else ""
        nameless = outlet == UNKNOWN and not domain
        rows.append((outlet, domain, len(group), "" if nameless else registry_line(outlet, domain)))
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["articles", "outlet"], ascending=[False, True], kind="stable").reset_index(drop=True)


def registry_line(outlet: str, domain: str = "") -> str:
    """A ``data/outlets.csv`` line for a new outlet, ``?`` where the researcher decides."""
    values = {"outlet": outlet, "domains": domain, "outlet_type": "?", "medium": "?", "country": "?",
              "language": "de", "basis": "?", "source": "?", "confidence": "low", "synthetic": "false"}
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([values.get(c, "") for c in REGISTRY_COLUMNS])
    return buffer.getvalue()


def unknown_outlets_text(articles: pd.DataFrame) -> str:
    """What ``medialens load`` prints about outlets missing from the registry."""
    table = unknown_outlets(articles)
    if table.empty:
        return "unknown outlets: none (every article's outlet is in the registry)"
    n_articles = int(table["articles"].sum())
    lines = [f"unknown outlets: {len(table)} outlet{'s' * (len(table) != 1)}, {n_articles} "
             f"article{'s' * (n_articles != 1)} (outlet_type 'unknown'). Complete the '?' fields and add "
             "these lines to data/outlets.csv (see data/README.md for the types):"]
    for outlet, domain, count, line in table.itertuples(index=False):
        lines.append(f"  {count:>5} article{'s' if count != 1 else ' '}  {outlet}" + (f"  ({domain})" if domain else ""))
        lines.append(f"         {line}" if line else "         (no outlet name and no URL in the metadata: nothing to add)")
    return "\n".join(lines)
