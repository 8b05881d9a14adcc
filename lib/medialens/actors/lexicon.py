"""Actor dictionary and name lexicons: the data files of the actors analysis, loaded once.

``data/actors.jsonl`` (see ``data/actors/README.md``) and the name lists under
``data/lexicons/names/`` (see its README), plus pycountry's German country and subdivision names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from medialens import config
from medialens.actors import resources
from medialens.datafiles import data_list, jsonl_rows


ACTORS_FILE = config.DATA_DIR / "actors.jsonl"


_TYPE_TO_NER = {"person": "PER", "organisation": "ORG", "media": "ORG", "state": "LOC", "place": "LOC"}


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of the dictionary."""

    id: str
    canonical: str
    type: str
    category: str
    country: str
    label: str


@dataclass(frozen=True, slots=True)
class PatternLine:
    """One line of the actor dictionary (one alias or pattern of an actor)."""

    id: str
    pattern: str  # a phrase, or a spaCy token pattern serialised as JSON (starts with "[")
    anaphoric: bool = False
    role: bool = False
    common_noun: bool = False
    #: term of office of a role line (ISO dates, inclusive; "" = open), see :mod:`medialens.actors.offices`
    valid_from: str = ""
    valid_to: str = ""


@dataclass(frozen=True)
class ActorDictionary:
    """The actor dictionary: actors by id and the pattern lines in file order."""

    actors: dict[str, Actor]
    lines: tuple[PatternLine, ...]
    path: str


def _read_list(*parts: str) -> tuple[str, ...]:
    return data_list(config.lexicon_path(*parts))


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    """The project's given names plus faker's (see :func:`medialens.actors.resources.given_names`)."""
    return frozenset(_read_list("names", "first_names.txt")) | resources.given_names()


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(_read_list("names", "not_names.txt"))


@lru_cache(maxsize=1)
def _cue_sets() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Word lists with '-suffix' entries split off: name -> (whole words, endings)."""
    out = {}
    for name in ("person_titles.txt", "org_cues.txt", "place_cues.txt", "institution_heads.txt"):
        words, endings = set(), []
        for entry in _read_list("names", name):
            if entry.startswith("@"):
                continue  # place-named heads (_place_named_heads)
            if entry.startswith("-"):
                endings.append(entry[1:])
            else:
                words.add(entry)
        out[name] = (frozenset(words), tuple(endings))
    return out


@lru_cache(maxsize=1)
def _org_suffixes() -> tuple[tuple[str, ...], frozenset[str]]:
    """(endings of organisation words, whole-token markers: legal forms and name-opening prefixes)."""
    endings, markers = [], set()
    for entry in _read_list("names", "org_suffixes.txt"):
        if entry[0] in "=^":
            markers.add(entry[1:])
        else:
            endings.append(entry)
    return tuple(endings), frozenset(markers)


@lru_cache(maxsize=1)
def _place_named_heads() -> tuple[str, ...]:
    """Institution heads that name one body with a place after them (``@`` lines of ``institution_heads.txt``)."""
    return tuple(e[1:] for e in _read_list("names", "institution_heads.txt") if e.startswith("@"))


@lru_cache(maxsize=1)
def _name_openers() -> frozenset[str]:
    """Tokens that open an organisation name (club prefixes ``FC``, ``SV``; ``Radio``): ``^`` lines."""
    return frozenset(e[1:] for e in _read_list("names", "org_suffixes.txt") if e.startswith("^"))


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    """Tokens that end an organisation name (``AG``, ``GmbH``, ``e.V.``): they extend a name run."""
    return frozenset(e[1:] for e in _read_list("names", "org_suffixes.txt") if e.startswith("="))


@lru_cache(maxsize=8)
def _simple_suffixes(name: str) -> tuple[str, ...]:
    return tuple(sorted((e.lstrip("!") for e in _read_list("names", name)), key=len, reverse=True))


@lru_cache(maxsize=1)
def _strict_place_suffixes() -> tuple[str, ...]:
    return tuple(e[1:] for e in _read_list("names", "place_suffixes.txt") if e.startswith("!"))


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Adjective stems of origin (``russisch``) -> ISO code (``RU``; ``-`` for regions)."""
    out = {}
    for entry in _read_list("names", "demonyms.txt"):
        stem, _, code = entry.partition("\t")
        out[stem.strip()] = code.strip()
    return out


def _pycountry_german_names() -> set[str]:
    """German country names from pycountry's gettext catalogue (empty if unavailable offline)."""
    try:
        import gettext

        import pycountry

        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    except (ImportError, OSError):
        return set()
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                german = translation.gettext(value)
                if "," not in german and "(" not in german:
                    names.add(german)
    return names


#: Countries whose top-level ISO 3166-2 subdivisions join the place gazetteer (German-speaking
#: countries, the Kazakhstan case and its neighbours, and large federations often in the news).
_SUBDIVISION_COUNTRIES = frozenset("DE AT CH KZ KG UZ TJ TM RU UA BY US CA AU IN CN".split())


def _pycountry_subdivision_names() -> set[str]:
    """Names of ISO 3166-2 subdivisions (states, provinces, regions), local and German forms.

    Only names whose words are all capitalised and at least four letters long, and which are not
    also listed as first names, are kept (``Bayern``, ``Texas``, ``Almaty``; not ``Aqtöbe oblysy``).
    """
    try:
        import gettext

        import pycountry

        translation = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
    except (ImportError, OSError):
        return set()
    first = _first_names()
    names: set[str] = set()
    for sub in pycountry.subdivisions:
        if sub.country_code not in _SUBDIVISION_COUNTRIES or sub.parent_code:
            continue
        for name in {sub.name, translation.gettext(sub.name)}:
            words = name.split()
            if (
                len(name) >= 4
                and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
                and name not in first
            ):
                names.add(name)
    return names


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Name -> NER type (LOC/ORG) from pycountry and the project's name lists."""
    out: dict[str, str] = {}
    for name in _pycountry_subdivision_names() - _not_names():
        out[name] = "LOC"
    for name in _pycountry_german_names():
        out[name] = "LOC"
    for file in ("countries_extra.txt", "regions.txt", "cities.txt"):
        for name in _read_list("names", file):
            out[name.rstrip("?")] = "LOC"
    for name in _read_list("names", "organisations.txt"):
        out[name.rstrip("?")] = "ORG"
    return out


@lru_cache(maxsize=1)
def _ambiguous_names() -> frozenset[str]:
    """Gazetteer entries marked ``?``: also common words or person names (``Essen``, ``Zug``,
    ``Darwin``); they count as places only where the tagger says ``NE``/``FM``."""
    out = set()
    for file in ("countries_extra.txt", "regions.txt", "cities.txt", "organisations.txt"):
        out.update(name[:-1] for name in _read_list("names", file) if name.endswith("?"))
    return frozenset(out)


def _words(phrase: str) -> list[str]:
    """Split a dictionary phrase the way SoMaJo splits text (whitespace; brackets and slashes apart)."""
    return [w for w in re.split(r"\s+|([()/\[\]])", phrase) if w]


def load_actors(path: str | Path | None = None) -> ActorDictionary:
    """Read the actor dictionary (JSONL, one pattern line per alias).

    Args:
        path: the JSONL file; default ``data/actors.jsonl``.

    Returns:
        The parsed dictionary.

    Raises:
        ValueError: a line lacks ``id``/``pattern`` or an actor's metadata differs between lines.
    """
    return _load_actors(str(path or ACTORS_FILE))


@lru_cache(maxsize=4)
def _load_actors(path: str) -> ActorDictionary:
    actors: dict[str, Actor] = {}
    lines: list[PatternLine] = []
    for number, row in jsonl_rows(Path(path)):
        if "id" not in row or "pattern" not in row:
            raise ValueError(f"{path}:{number}: every line needs 'id' and 'pattern'")
        actor = Actor(
            row["id"],
            row.get("canonical", row["id"]),
            row.get("type", ""),
            row.get("category", ""),
            row.get("country", ""),
            row.get("label", _TYPE_TO_NER.get(row.get("type", ""), "")),
        )
        if actors.setdefault(actor.id, actor) != actor:
            raise ValueError(f"{path}:{number}: metadata of actor {actor.id!r} differs from its earlier lines")
        pattern = row["pattern"]
        pattern = json.dumps(pattern, ensure_ascii=False) if isinstance(pattern, list) else pattern
        lines.append(
            PatternLine(
                actor.id,
                pattern,
                bool(row.get("anaphoric")),
                bool(row.get("role")),
                bool(row.get("common_noun")),
                *_term(row, f"{path}:{number}"),
            )
        )
    return ActorDictionary(actors, tuple(lines), path)


def _term(row: dict, where: str) -> tuple[str, str]:
    """``(valid_from, valid_to)`` of a dictionary line, checked (a term only on role lines, from <= to)."""
    from medialens.actors.offices import parse_bound

    valid_from, valid_to = str(row.get("valid_from") or ""), str(row.get("valid_to") or "")
    if not valid_from and not valid_to:
        return "", ""
    if not row.get("role"):
        raise ValueError(f"{where}: valid_from/valid_to belong on role lines (an office), not on names")
    try:
        start, stop = parse_bound(valid_from), parse_bound(valid_to, end=True)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    if start is not None and stop is not None and stop < start:
        raise ValueError(f"{where}: valid_to {valid_to} is before valid_from {valid_from}")
    return valid_from, valid_to


@lru_cache(maxsize=1)
def _place_prefixes() -> frozenset[str]:
    return frozenset(_read_list("names", "place_prefixes.txt"))


@lru_cache(maxsize=1)
def _place_heads() -> frozenset[str]:
    return frozenset(_read_list("names", "place_heads.txt"))


# ------------------------------------------------------------------ discovery and coreference lexicons


@dataclass(frozen=True)
class PronounEntry:
    """A personal pronoun: the genders it can refer to and its number (``None``: either)."""

    genders: frozenset[str]
    plural: bool | None


@dataclass(frozen=True)
class ActorLexicon:
    """``data/lexicons/actors/``: pronouns, organisation role nouns, organisation subtype cues."""

    pronouns: dict[str, PronounEntry]
    org_nouns: dict[str, tuple[str, str, str]]  # noun -> (gender, "head"/"subtype", value)
    subtype_cues: tuple[tuple[str, str], ...]  # (cue, subtype) in file order


def _actor_lexicon_path(name: str) -> Path:
    return config.lexicon_path("actors", name)


@lru_cache(maxsize=1)
def actor_lexicon() -> ActorLexicon:
    """Read ``data/lexicons/actors/*.tsv`` (see the README there)."""
    from medialens.datafiles import data_rows

    number = {"sg": False, "pl": True}
    pronouns = {
        row["form"]: PronounEntry(frozenset(row["genders"].split(",")), number.get(row["number"]))
        for row in data_rows(_actor_lexicon_path("pronouns.tsv"))
    }
    org_nouns = {}
    for row in data_rows(_actor_lexicon_path("org_nouns.tsv")):
        kind, _, value = row["matches"].partition(":")
        org_nouns[row["noun"]] = (row["gender"], kind, value)
    cues = tuple((row["cue"], row["subtype"]) for row in data_rows(_actor_lexicon_path("org_subtypes.tsv")))
    return ActorLexicon(pronouns, org_nouns, cues)
