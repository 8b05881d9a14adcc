"""Name variants: one key for the spellings of one name.

German news spells the same person in several ways: inflected (*Tokajews*, genitive), transliterated
from Cyrillic by German or English conventions (*Nasarbajew* / *Nazarbajew* / *Nazarbayev* /
*Nasarbaev*; *Schoigu* / *Shoigu*), with and without the first name, with a title. This module
computes a **variant key** per name so that spellings of one name fall together, and nothing else:

1. :func:`fold` -- a transliteration-folded form. Lower case, diacritics removed, then the letter groups
   that differ between the German (Duden) and the English transliteration of Russian are mapped to one
   form (``sch``/``sh``/``ch``... see :data:`FOLDS`), a ``j`` between vowels is dropped (``-ajew``/``-aev``),
   and doubled letters are written once (``Massimow``/``Masimov``). The mapping is the table of the
   two transliteration standards side by side (Duden/ARD for German media, BGN/PCGN for English wires),
   not a general phonetic code: German names that merely sound alike (*Meier*/*Maier*) keep distinct keys.
2. :func:`base_form` -- the uninflected form of a name word: a genitive ``-s`` (``Tokajews``) or ``'``
   (``Borис'``) is removed when the shorter form is also seen, or when the word ends in a name ending
   that takes the genitive ``-s`` (:func:`strip_genitive`).

A *person* key is the folded surname plus the folded first letter of the first name when one is known
(``n|nasarbaev``), so two people with one surname stay apart (*Ralf* and *Michael Schumacher*) and a
bare surname joins the full name of the same article (see :mod:`medialens.actors.merge`).
"""

from __future__ import annotations

import re
import unicodedata

#: Ordered replacements applied to the lower-cased, accent-free word (German Duden/ARD transliteration
#: on the left where the two standards differ, English BGN/PCGN and Kazakh Latin beside it).
FOLDS: tuple[tuple[str, str], ...] = (
    ("schtsch", "sh"),  # Chruschtschow / Khrushchev
    ("shch", "sh"),
    ("tsch", "c"),  # Tschernomyrdin / Chernomyrdin (Russian ч)
    ("tch", "c"),
    ("sch", "sh"),  # Schoigu / Shoigu (ш)
    ("zh", "sh"),  # Zhanaozen / Schangaösen (ж: German sch or sh)
    ("kh", "c"),  # Khodorkovsky / Chodorkowski (х: German ch)
    ("ch", "c"),
    ("ts", "s"),  # Yeltsin / Jelzin (ц: German z, English ts)
    ("tz", "s"),
    ("z", "s"),  # Nazarbayev / Nasarbajew (з: German s, English z)
    ("w", "v"),  # Lawrow / Lavrov (в)
    ("ck", "k"),
    ("q", "k"),  # Toqaev (Kazakh Latin)
    ("ph", "f"),
    ("x", "ks"),
)
_VOWELS = "aeiou"
_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des"})


def strip_accents(text: str) -> str:
    """``Schangaösen`` -> ``Schangaosen``; ``Łódź`` -> ``Lodz`` (NFKD, combining marks dropped)."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(word: str) -> str:
    """Transliteration-folded form of a name word (see the module docstring).

    >>> fold("Nasarbajew") == fold("Nazarbayev") == fold("Nasarbaev") == fold("Nazarbajew")
    True
    >>> fold("Schoigu") == fold("Shoigu")
    True
    """
    text = strip_accents(word.lower()).replace("ß", "ss")
    text = re.sub(r"[^a-z]", "", text)
    for old, new in FOLDS:
        text = text.replace(old, new)
    text = re.sub(r"(skyj|skyi|skij|skiy|sky|ski)$", "ski", text)  # Selenskyj / Zelensky
    text = re.sub(r"(yj|ij|iy|y)$", "i", text)
    text = text.replace("y", "j")  # Tokayev / Tokajew (й, ы)
    text = re.sub(rf"(?<=[{_VOWELS}])j(?=[{_VOWELS}])", "", text)  # Tokajew / Tokaev
    text = re.sub(r"[eo]v$", "ov", text)  # Gorbatschow / Gorbachev (ё after a sibilant)
    text = re.sub(r"[eo]va$", "ova", text)
    return re.sub(r"(.)\1+", r"\1", text)


def strip_genitive(word: str, known: set[str] | frozenset[str] = frozenset()) -> str:
    """``Tokajews`` -> ``Tokajew``, ``Boris'`` -> ``Boris``; a word ending in s whose stem is not known and
    that ends in a sibilant-free name ending keeps its s only when ``known`` says so."""
    if word.endswith("'") and len(word) > 2:
        return word[:-1]
    if word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is", "os", "as", "es", "x")):
        return word[:-1]
    if word.endswith("s") and word[:-1] in known:
        return word[:-1]
    return word


def person_key(words: list[str]) -> tuple[str, str]:
    """(first-name initial, folded surname) of a person name (``Kassym-Schomart Tokajew`` -> ``k``, ``tokaov``)."""
    surname = fold(strip_genitive(words[-1]))
    initial = fold(words[0])[:1] if len(words) > 1 else ""
    return initial, surname


def name_key(words: list[str], adjectives: frozenset[str] = frozenset()) -> str:
    """Key of an organisation, group or place name: a leading article dropped, words folded, genitive and
    adjective endings removed (``Die Grünen``/``Grüne``, ``SPÖs``/``SPÖ``)."""
    out = []
    while len(words) > 1 and words[0].lower() in _ARTICLES:
        words = words[1:]  # "Die Grünen" / "Grünen"
    for k, word in enumerate(words):
        word = strip_genitive(word) if k == len(words) - 1 else word
        lower = word.lower()
        for ending in ("en", "er", "es", "em", "e"):
            if lower.endswith(ending) and lower[: -len(ending)] in adjectives:
                word = word[: -len(ending)]
                break
        out.append(acronym_key(word) if ACRONYM.match(word) and word.upper() == word else fold(word))
    return " ".join(w for w in out if w)


#: An acronym: 2-7 characters, at least two capitals, at most two lower-case letters (*ISS*, *ZDF*, *AfD*, *G20*).
ACRONYM = re.compile(r"^(?=(?:.*[A-ZÄÖÜ]){2})(?!(?:.*[a-zäöü]){3})[A-ZÄÖÜ][A-Za-zÄÖÜäöü0-9&]{1,6}$")


def acronym_key(word: str) -> str:
    """Key of an acronym in capitals: its letters and digits, lower-cased, without accents -- not :func:`fold`ed, whose
    transliteration rules would merge different acronyms (*ISS* and *IS*, *ZDF* and *SDF*).

    >>> acronym_key("ISS") != acronym_key("IS") and acronym_key("ZDF") != acronym_key("SDF")
    True
    """
    return re.sub(r"[^a-z0-9]", "", strip_accents(word.lower()))
