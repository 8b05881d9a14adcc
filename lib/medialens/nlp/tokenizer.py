"""Fast tokeniser and sentence splitter that keep SoMaJo's decisions where text is plain.

SoMaJo (the reference) runs about 80 regular-expression passes over every paragraph; on news text
almost every whitespace-separated *chunk* is a word, a number or a word with punctuation around it,
which this module tokenises directly:

* a word (letters, hyphenated compounds such as ``CDU-Politiker``) or a number of digits is one token;
* opening quotes and brackets before it and closing punctuation after it are tokens of their own;
  ``...``/``…`` and runs of ``!``/``?`` stay together, as in SoMaJo;
* a number followed by a full stop is one token when SoMaJo's ordinal rule says so (``14.``, not the
  year in ``2013.``);
* a word followed by a full stop is handed to SoMaJo when it may be an abbreviation (single letters,
  entries of SoMaJo's own ``abbreviations_de.txt``, ``…str.``), otherwise the stop is split off.

* a few shapes SoMaJo keeps whole whatever surrounds them are decided here too: a dash or ``&`` standing
  alone, thousands with full stops (``10.000``), decimals (``3,5``, ``21.00``), a number joined to a word
  (``20-Jährige``), letters with digits (``G20``, ``CO2-Ausstoß``) and a truncated word before a
  conjunction (``Ein-`` in ``Ein- und Ausgang``) -- except
  before a full stop, and a number before a closing bracket (``8)`` is an emoticon to SoMaJo).

Every other chunk (URLs, dates, times, scores, ``CDU/CSU``, emoticons, apostrophes …) goes to SoMaJo,
all such chunks of a paragraph in one call, so SoMaJo decides them. Sentences are then split with
SoMaJo's own rule (a sentence ends at ``.``/``!``/``?``/``…`` or an end-of-sentence abbreviation when the
next word, after closing quotes and brackets, starts with a capital letter or a digit). On the 1,028
10kGNAD articles this reproduces 99.98 % of SoMaJo's tokens and > 99.9 % of its sentence starts
(``medialens bench --agreement`` measures it) at about 20 times SoMaJo's speed.

SoMaJo's data files are read from the installed package (never copied here).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

#: A chunk longer than this is one token without asking SoMaJo (bounded work; such tokens exceed
#: ``MAX_TOKEN_CHARS`` and are tagged ``XY`` anyway).
MAX_CHUNK_CHARS = 1_000
#: Hard chunks are sent to SoMaJo in batches of at most this many characters (its time grows faster
#: than linearly with the length of one paragraph).
MAX_BATCH_CHARS = 5_000

_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
_CORE = re.compile(rf"({_WORD})|(\d+)")
_LEAD = frozenset('([{„"»«“‚‘›‹')
_TRAIL = re.compile(r"\.{2,}|…+(?:\.{2,})?|[!?]+|[)\]},;:\"“”«»‘›‹.]")
#: SoMaJo's German ordinal rule (``tokenizer.py``: ``ordinal``), anchored to a whole chunk core.
_ORDINAL = re.compile(r"(?:\d{1,3}|\d{5,}|[3-9]\d{3})\.")
#: Roman numerals before a full stop ("Elizabeth II.") are handed to SoMaJo (its ordinal rule).
_ROMAN = re.compile(r"[IVXLCDM]+")
_CHUNK = re.compile(r"\S+")
#: Chunks SoMaJo tokenises the same whatever their neighbours (its rules that look across a space -- a
#: number before a unit, "46 min" -- cannot reach into them). Written from SoMaJo's rules and checked
#: against SoMaJo on every hard chunk of the Wikinews quotation texts, the 10kGNAD test articles and the
#: demo corpus (6,680 decided here, all equal) and of GerNTSA's snippets, GermEval's dev sentences and the
#: seed article (1,020, all equal); ``tests/test_fast_nlp.py`` repeats it on 300 10kGNAD articles.
_ALONE = frozenset("-–—&")  # a dash or an ampersand standing alone
_WHOLE = re.compile(
    r"(\d{1,3}(?:\.\d{3})+|\d+[,.]\d+)"  # 10.000, 3,5, 21.00 (not 20:15 or 2005/06: "46 min" is a measurement)
    rf"|\d+(?:er)?-{_WORD}"  # 20-Jährige, 20er-Jahre
    rf"|[^\W\d_]+\d+(?:-{_WORD})?"  # G20, CO2-Ausstoß
    rf"|{_WORD}-"  # Ein- (und Ausgang)
)
_SEPARATOR = " | "

Span = tuple[int, int, str]  # start, end, SoMaJo token class ("" where this module decided)


@lru_cache(maxsize=1)
def _somajo_lists() -> tuple[frozenset[str], frozenset[str]]:
    """SoMaJo's German abbreviations and end-of-sentence abbreviations (lower-cased), from its package."""
    import somajo

    folder = Path(somajo.__file__).parent / "data"

    def read(name: str) -> frozenset[str]:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        return frozenset(x.strip().lower() for x in lines if x.strip() and not x.startswith("#"))

    return read("abbreviations_de.txt"), read("eos_abbreviations.txt")


def split_chunk(chunk: str, offset: int) -> list[tuple[int, int]] | None:
    """Token spans of one whitespace-free chunk at ``offset``, or ``None`` when SoMaJo must decide it."""
    spans = _split_plain(chunk, offset)
    return spans if spans is not None else _split_whole(chunk, offset)


def _leading(chunk: str, offset: int) -> tuple[list[tuple[int, int]], int]:
    """The spans of the opening quotes and brackets a chunk starts with (one token each), and where its
    core starts."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(chunk) and chunk[i] in _LEAD:
        out.append((offset + i, offset + i + 1))
        i += 1
    return out, i


def _split_trailing(chunk: str, offset: int, end: int, out: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """``out`` with the closing punctuation from ``end`` to the chunk's end, or ``None`` if other text follows."""
    while end < len(chunk):
        t = _TRAIL.match(chunk, end)
        if t is None:
            return None
        out.append((offset + end, offset + t.end()))
        end = t.end()
    return out


def _split_whole(chunk: str, offset: int) -> list[tuple[int, int]] | None:
    """Spans of a chunk whose core is one of the :data:`_WHOLE` shapes (or a lone dash or ``&``), else ``None``."""
    if chunk in _ALONE:
        return [(offset, offset + len(chunk))]
    out, i = _leading(chunk, offset)
    n = len(chunk)
    m = _WHOLE.match(chunk, i)
    if m is None:
        return None
    end = m.end()
    if end < n and (chunk[end] == "." or (chunk[end] == ")" and chunk[end - 1].isdigit())):
        return None
    out.append((offset + i, offset + end))
    return _split_trailing(chunk, offset, end, out)


def _split_plain(chunk: str, offset: int) -> list[tuple[int, int]] | None:
    """Spans of a chunk whose core is a word or a number of digits, else ``None``."""
    out, i = _leading(chunk, offset)
    n = len(chunk)
    m = _CORE.match(chunk, i)
    if m is None:
        return None
    end = m.end()
    if end < n and chunk[end] == ".":
        if end + 1 < n and chunk[end + 1] == ".":
            if m.group(2) is not None:  # "2.." (SoMaJo: ordinal "2." + ".")
                return None
        else:
            candidate = chunk[i : end + 1]
            if m.group(2) is not None:
                if _ORDINAL.fullmatch(candidate):
                    end += 1
            elif (len(m.group(1)) == 1 or _ROMAN.fullmatch(m.group(1)) or candidate.lower() in _somajo_lists()[0]
                  or candidate.lower().endswith("str.")):
                return None
    out.append((offset + i, offset + end))
    return _split_trailing(chunk, offset, end, out)


def _somajo_batches(spans: list) -> list[list]:
    """``(chunk, context)`` span pairs in batches of at most :data:`MAX_BATCH_CHARS` context characters."""
    batches: list[list] = [[]]
    size = 0
    for chunk, (c, d) in spans:
        if batches[-1] and size + (d - c) > MAX_BATCH_CHARS:
            batches.append([])
            size = 0
        batches[-1].append((chunk, (c, d)))
        size += d - c + len(_SEPARATOR)
    return batches


def somajo_tokens(text: str, spans: list[tuple[int, int]], splitter,
                  context: list[tuple[int, int]] | None = None) -> list[Span]:
    """SoMaJo's tokens of the chunks ``text[a:b]`` (joined by a separator per batch), as text offsets.

    ``context``: per chunk, the span ``text[c:d]`` (``c <= a``, ``d >= b``) SoMaJo sees around it, so rules
    that look at the neighbouring words decide as on the whole paragraph ("1 Min." is a number and a unit
    before a full stop, "Min." alone an abbreviation); only tokens inside the chunk are kept."""
    out: list[Span] = []
    context = context or spans
    for batch in _somajo_batches(list(zip(spans, context))):
        starts, pos, parts = [], 0, []
        for (a, b), (c, d) in batch:
            if parts:
                parts.append(_SEPARATOR)
                pos += len(_SEPARATOR)
            starts.append((pos + a - c, pos + b - c, a))
            parts.append(text[c:d])
            pos += d - c
        k = 0
        for sentence in splitter.tokenize_text(["".join(parts)]):
            for token in sentence:
                s, e = token.character_offset
                while k < len(starts) and starts[k][1] <= s:
                    k += 1
                if k < len(starts) and e > starts[k][0] and e > s:
                    shift = starts[k][2] - starts[k][0]
                    out.append((max(s, starts[k][0]) + shift, min(e, starts[k][1]) + shift, token.token_class))
    return out


def tokenize(text: str, start: int, end: int, splitter: Callable[[], object]) -> list[Span]:
    """Tokens of ``text[start:end]`` (one paragraph): fast where plain, SoMaJo's (``splitter()``) elsewhere."""
    tokens: list[Span] = []
    chunks = [(m.start(), m.end()) for m in _CHUNK.finditer(text, start, end)]
    hard: list[tuple[int, int]] = []
    context: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(chunks):
        if b - a > MAX_CHUNK_CHARS:
            tokens.append((a, b, "regular"))
            continue
        spans = split_chunk(text[a:b], a)
        if spans is None:
            hard.append((a, b))
            # the neighbouring chunks (when not too long) as SoMaJo's context
            c = chunks[k - 1][0] if k and chunks[k - 1][1] - chunks[k - 1][0] <= MAX_CHUNK_CHARS else a
            d = chunks[k + 1][1] if k + 1 < len(chunks) and chunks[k + 1][1] - chunks[k + 1][0] <= MAX_CHUNK_CHARS else b
            context.append((c, d))
        else:
            tokens.extend((a, b, "") for a, b in spans)
    if hard:
        tokens.extend(somajo_tokens(text, hard, splitter(), context))
        tokens.sort()
    return tokens


# ------------------------------------------------------------------------------------ sentences

_EOS = re.compile(r"(?:\.+|…+\.*|[!?]+)")
#: German quotation marks whose direction is ambiguous (SoMaJo's ``problematic_quotes`` for German).
_AMBIGUOUS_QUOTES = frozenset({'"', "»", "«", "›", "‹", "“", "‘"})
_MENTION = re.compile(r"@\w+")
_HASHTAG = re.compile(r"#\w(?:[\w-]*\w)?")


@lru_cache(maxsize=1)
def _punct_classes():
    import regex

    opening = regex.compile(r"^(?:['\"¿¡\p{Pi}\p{Ps}–—]|-{2,})$")
    closing = regex.compile(r"^(?:['\"\p{Pf}\p{Pe}])$")
    return opening.search, closing.search


def _starts_sentence(word: str) -> bool:
    return word[0].isupper() or word.isnumeric() or bool(_MENTION.fullmatch(word) or _HASHTAG.fullmatch(word))


def _sentence_end_after(i: int, words: list[str], spaces: list[bool], classes: list[str]) -> int | None:
    """SoMaJo's look-ahead after a sentence-ending token ``i``: the index of the sentence's last token
    (``i`` or a closing quote/bracket/emoticon after it), or ``None`` when no sentence starts next."""
    opening_re, closing_re = _punct_classes()
    n = len(words)
    last, previous = i, None
    for j in range(i + 1, n):
        word = words[j]
        opening = closing = False
        if word in _AMBIGUOUS_QUOTES:
            if spaces[j - 1] or opening_re(words[j - 1]):
                opening = True
            elif j == n - 1 or spaces[j] or closing_re(words[j + 1]):
                closing = True
        if _starts_sentence(word):
            return last
        if classes[j] == "emoticon" and previous != "opening":
            last = j
        elif opening or (opening_re(word) and not closing):
            previous = "opening"
        elif (closing or (closing_re(word) and not opening)) and previous != "opening":
            last, previous = j, "closing"
        else:
            return None
    return None


def sentence_ranges(text: str, tokens: list[Span]) -> list[tuple[int, int]]:
    """Half-open token index ranges of the sentences of one paragraph, by SoMaJo's splitting rule."""
    n = len(tokens)
    if not n:
        return []
    words = [text[a:b] for a, b, _ in tokens]
    spaces = [tokens[k + 1][0] > tokens[k][1] if k + 1 < n else True for k in range(n)]
    classes = [c for _, _, c in tokens]
    eos_abbreviations = _somajo_lists()[1]
    ends: set[int] = {n - 1}
    for i, word in enumerate(words[:-1]):
        if i in ends:
            continue
        if _EOS.fullmatch(word) or word.lower() in eos_abbreviations:
            last = _sentence_end_after(i, words, spaces, classes)
            if last is not None:
                ends.add(last)
    ranges, start = [], 0
    for k in sorted(ends):
        ranges.append((start, k + 1))
        start = k + 1
    return ranges
