"""Generic name recognition without a trained model: name runs, their boundaries and types.

HanTa ``NE``/``FM`` tags and the cues of :mod:`medialens.actors.rules.cues` form candidate runs; gazetteers
and the actor dictionary give known spans; lists of names share a type; a surname repeating an earlier
full name is linked to it.
"""

from __future__ import annotations

from typing import Sequence


from medialens import nlp
from medialens.actors import resources
from medialens.corpus.outlets import name_key, outlet_index
from medialens.attribution.lexicons import load_lexicon as load_attribution_lexicon
from medialens.german import QUOTE_MARKS
from medialens.actors.learned import load_model, relabel
from medialens.actors.lexicon import ActorDictionary, _TYPE_TO_NER, _ambiguous_names, _first_names, _legal_forms, _name_openers, _place_named_heads, _place_heads, _place_prefixes, gazetteer, load_actors
from medialens.actors.rules.cues import NameSpan, _cue, _ends_with, _is_acronym, _is_org_word, _name_token, _not_a_name, _noun_place_name, _type_run
from medialens.actors.rules.derived import _derived_spans
from medialens.actors.rules.dictionary import _RawMatch, _dictionary_matches, _gazetteer_matcher


NER_TYPES = ("PER", "ORG", "LOC")


_NER_TO_TYPE = {"PER": "person", "ORG": "organisation", "LOC": "place"}


_NAME_PARTICLES = frozenset(
    "von van de der den zu vom da di du la le del della des do dos bin ibn al el ter ten "
    "of the and y & et af av ben abu".split()
)


_OPEN_QUOTES = frozenset({"„", "“", '"', "«", "»", "‚", "'", "(", "[", ":", "–", "-"})


#: STTS tags of function words: a single gazetteer word with one of these is not the place.
_CLOSED_CLASS_TAGS = frozenset({"ART", "PPOSAT", "PPER", "PDS", "PDAT", "PIS", "PIAT", "PRELS", "APPR", "APPRART",
                                "KON", "KOUS", "ADV", "PTKNEG", "VAFIN", "VMFIN", "VVFIN"})


def _sentence_initial_flags(doc: nlp.Document) -> list[bool]:
    flags = [False] * len(doc.tokens)
    for s in doc.sentences:
        k = s.token_start
        while k < s.token_end and doc.tokens[k].text in _OPEN_QUOTES:
            k += 1
        if k < s.token_end:
            flags[k] = True
    return flags


def _known_spans(
    doc: nlp.Document, dictionary: ActorDictionary | None, raw: list[_RawMatch] | None = None
) -> dict[int, tuple[int, str, str]]:
    """Gazetteer and (named) dictionary spans: start -> (end, label, cue), longest first."""
    found: list[tuple[int, int, str, str]] = []
    if doc.tokens:
        ambiguous = _ambiguous_names()
        for label, start, end in _gazetteer_matcher()(doc.words):
            if end - start == 1:
                tok = doc.tokens[start]
                if tok.pos in _CLOSED_CLASS_TAGS:
                    continue  # "Seine Mutter": a possessive pronoun, not the river
                word = tok.text
                if word in ambiguous or (word[:-1] in ambiguous and word.endswith("s")):
                    prev = doc.tokens[start - 1] if start > 0 else None
                    # "das Essen", "der Zug": an article or adjective before an ambiguous entry makes it a noun
                    if tok.pos not in ("NE", "FM") or (prev is not None and prev.pos in ("ART", "ADJA")):
                        continue
            found.append((start, end, label, "gazetteer"))
        if dictionary is not None:
            for m in raw if raw is not None else _dictionary_matches(doc, dictionary):
                lines = [dictionary.lines[k] for k in m.lines]
                named = [ln for ln in lines if not ln.common_noun and not ln.anaphoric]
                if named:
                    label = _TYPE_TO_NER.get(dictionary.actors[named[0].id].type)
                    if label:
                        found.append((m.start, m.end, label, "dictionary"))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[3] != "dictionary", f[0]))
    taken: set[int] = set()
    out: dict[int, tuple[int, str, str]] = {}
    for start, end, label, cue in found:
        if taken.intersection(range(start, end)):
            continue
        taken.update(range(start, end))
        out[start] = (end, label, cue)
    return out


def _norm_key(words: Sequence[str]) -> str:
    return " ".join(words)


def recognize(doc: nlp.Document, *, derived: bool = False, dictionary: ActorDictionary | None = None,
              learned: bool = True) -> list[NameSpan]:
    """Generic name recognition over a processed document (no trained NER model).

    Args:
        doc: the processed document.
        derived: also return derived place adjectives (``LOCderiv``: ``russische``) and hyphenated
            compounds whose first part is a name (``ORGpart``/``LOCpart``/``PERpart``: ``KNB-Chef``).
        dictionary: actor dictionary whose named entries (not common nouns, not anaphoric lines) act as
            an extra gazetteer; default: the project dictionary.
        learned: re-label with the learned layer (:mod:`medialens.actors.learned`) when its model file
            ships; ``False`` gives the rules' spans.

    Returns:
        Name spans in document order (token offsets), typed PER / ORG / LOC (plus derived types).
    """
    if dictionary is None:
        dictionary = load_actors()
    return _recognize(doc, derived, dictionary, learned=learned)


def _recognize(
    doc: nlp.Document, derived: bool, dictionary: ActorDictionary | None, raw: list[_RawMatch] | None = None,
    learned: bool = True,
) -> list[NameSpan]:
    if not doc.tokens:
        return []
    key = ("recognize", derived, id(dictionary), None if raw is None else tuple(raw), learned)
    return list(doc.remember(key, lambda: tuple(_recognize_once(doc, derived, dictionary, raw, learned)), dictionary))


def _recognize_once(doc: nlp.Document, derived: bool, dictionary: ActorDictionary | None,
                    raw: list[_RawMatch] | None, learned: bool) -> list[NameSpan]:
    """:func:`_recognize` computed (it remembers the result per document and arguments)."""
    spans, untyped = rule_spans(doc, dictionary, raw)
    model = load_model() if learned else None
    if model is not None:
        spans = _link_surnames(doc, relabel(doc, spans, untyped, model))
    if derived:
        spans = sorted(spans + _derived_spans(doc, spans), key=lambda s: s.start)
    return spans


def rule_spans(
    doc: nlp.Document, dictionary: ActorDictionary | None, raw: list[_RawMatch] | None = None
) -> tuple[list[NameSpan], list[NameSpan]]:
    """The rules' typed name spans and the name runs they left untyped (both in document order)."""
    known = _known_spans(doc, dictionary, raw)
    initial = _sentence_initial_flags(doc)
    spans: list[NameSpan] = []
    untyped: list[NameSpan] = []
    for sentence in doc.sentences:
        k = sentence.token_start
        while k < sentence.token_end:
            found = _run_at(doc, k, sentence, known, initial)
            if found is None:
                k += 1
                continue
            start, end, label, cue, trim = found
            if trim:
                parts = _trim_split(doc, start, end, label, cue, sentence.token_start, known)
                spans += parts
                untyped += [] if parts else [NameSpan(start, end, "", cue, "")]
            elif label:
                spans.append(NameSpan(start, end, label, cue, ""))
            k = max(end, k + 1)
    spans = _known_surnames(doc, spans, untyped)
    spans = _defined_acronyms(doc, spans)
    spans = _quoted_outlets(doc, spans)
    spans = _propagate_in_lists(doc, spans)
    return _link_surnames(doc, spans), untyped


def _long_form_start(tokens, start: int, end: int, acronym: str) -> int | None:
    """Start of the words before ``end`` that spell ``acronym`` (Schwartz & Hearst 2003), or ``None``.

    The acronym's letters are matched right to left against the words' letters; its first letter must
    open a word. At most ``min(len + 5, 2 * len)`` words are looked at.
    """
    letters = [c.lower() for c in acronym if c.isalnum()]
    budget = min(len(letters) + 5, 2 * len(letters))
    first = max(start, end - budget)
    text = " ".join(t.text for t in tokens[first:end]).lower()
    offsets, pos = [], 0
    for t in tokens[first:end]:
        offsets.append(pos)
        pos += len(t.text) + 1
    i, li = len(text) - 1, len(letters) - 1
    while li >= 0:
        while i >= 0 and (text[i] != letters[li] or (li == 0 and i > 0 and text[i - 1] not in " -")):
            i -= 1
        if i < 0:
            return None
        i, li = i - 1, li - 1
    word = max(k for k, o in enumerate(offsets) if o <= i + 1)
    return first + word if tokens[first + word].text[:1].isupper() else None


def _defined_acronyms(doc: nlp.Document, spans: list[NameSpan]) -> list[NameSpan]:
    """``Bundesverband deutscher Banken (BdB)``: the words an acronym in parentheses spells are one name,
    typed like the acronym (ORG) unless the recogniser typed that exact phrase already."""
    tokens = doc.tokens
    out = list(spans)
    for span in spans:
        if span.end - span.start != 1 or span.start < 2 or not _is_acronym(tokens[span.start].text):
            continue
        k = span.start
        if tokens[k - 1].text != "(" or k + 1 >= len(tokens) or tokens[k + 1].text != ")":
            continue
        sentence_start = doc.sentences[tokens[k].sentence].token_start
        start = _long_form_start(tokens, sentence_start, k - 1, tokens[k].text)
        if start is None or start >= k - 2 or any(s.start == start and s.end == k - 1 for s in spans):
            continue
        out = [s for s in out if not (s.start < k - 1 and start < s.end)]
        out.append(NameSpan(start, k - 1, span.label, "acronym-definition", ""))
    return sorted(out, key=lambda s: s.start)


def _quoted_outlets(doc: nlp.Document, spans: list[NameSpan]) -> list[NameSpan]:
    """A name of the outlet registry (``data/outlets.csv``: names and aliases) standing alone in
    quotation marks is the outlet (*der „Spiegel“ berichtete*), even when it is an everyday word."""
    tokens = doc.tokens
    covered = {k for s in spans for k in range(s.start, s.end)}
    registry = outlet_index().by_key  # the cached index (outlet_registry() builds a new dict per call)
    out = list(spans)
    for k, tok in enumerate(tokens):
        if tok.text not in QUOTE_MARKS or k + 2 >= len(tokens):
            continue
        close = next((j for j in range(k + 2, min(k + 5, len(tokens))) if tokens[j].text in QUOTE_MARKS), None)
        if close is None or covered.intersection(range(k + 1, close)) or not tokens[k + 1].text[:1].isupper():
            continue
        words = " ".join(t.text for t in tokens[k + 1 : close])
        key = name_key(words)
        if key in registry or (key.endswith("s") and key[:-1] in registry):
            out.append(NameSpan(k + 1, close, "ORG", "outlet", ""))
    return sorted(out, key=lambda s: s.start) if len(out) > len(spans) else spans


def _first_name_over_known(doc: nlp.Document, index: int, sentence_end: int, known) -> bool:
    """A first name that is also a place or company name (``Sofia``, ``Otto``) before a surname."""
    k = index
    tokens = doc.tokens
    return (
        k in known
        and known[k][0] == k + 1
        and tokens[k].text in _first_names()
        and k + 1 < sentence_end
        and _name_token(tokens[k + 1])
        and (k + 1) not in known
    )


def _opens_name(doc: nlp.Document, index: int, sentence_end: int) -> bool:
    """A name token, or a first name / place prefix directly before one."""
    k = index
    tok = doc.tokens[k]
    if _name_token(tok):
        return True
    return (
        (tok.text in _first_names() or tok.text in _place_prefixes())
        and k + 1 < sentence_end
        and _name_token(doc.tokens[k + 1])
    )


def _run_at(doc: nlp.Document, index: int, sentence, known, initial) -> tuple[int, int, str | None, str, bool] | None:
    """The name run starting at token ``index``: (start, end, label or None, cue, trim?), or ``None``.

    Runs opened by a capitalised adjective (*Europäische Zentralbank*) are not trimmed (``trim`` False).
    """
    k = index
    tokens = doc.tokens
    text = tokens[k].text
    if k not in known and not text[:1].isupper() and text not in _first_names() and text not in _place_prefixes():
        return None  # every rule below needs a known span, a capitalised word, a first name or a place prefix
    sentence_end = sentence.token_end
    if _first_name_over_known(doc, k, sentence_end, known):
        return k, _extend_run(doc, k + 1, sentence_end, known), "PER", "first-name", True
    if k in known:
        end0, known_label, known_cue = known[k]
        end = _extend_run(doc, end0, sentence_end, known)
        if end == end0:
            return k, end, known_label, known_cue, True
        typed = known_label if not any(_name_token(t) for t in tokens[end0:end]) else None
        return (k, end, *_type_run(doc, k, end, sentence.token_start, typed), True)
    if _opens_name(doc, k, sentence_end):
        end = _extend_run(doc, k + 1, sentence_end, known)
        end = _extend_after_first_name(doc, k, end, sentence_end, known)
        end = _extend_after_opener(doc, k, end, sentence_end, known)
        # a first name inside the run starts the person name ("Hostess Silvia Sommerlath")
        first_names = _first_names()
        for j in range(k + 1, end - 1):
            if tokens[j].text in first_names and tokens[k].text not in first_names and j not in known:
                k = j
                break
        return (k, end, *_type_run(doc, k, end, sentence.token_start, None), True)
    if _institution_head(tokens[k]):
        end = _fuer_complement(doc, k + 1, sentence_end)
        if end > k + 1:
            return k, end, "ORG", "institution+für", False
    if _place_named_head(tokens[k]) and _place_word(doc, k + 1, sentence_end):
        return k, k + 2, "ORG", "institution+place", False
    if _noun_place_name(tokens[k]):
        return k, _extend_run(doc, k + 1, sentence_end, known), "LOC", "noun+place-suffix", True
    if _postposed_speaker(doc, k, sentence_end):
        return k, k + 1, "PER", "speaker", False
    if _capitalised_adjective(doc, k, sentence_end, initial):
        end, label, cue = _adjective_name(doc, k, sentence_end, known)
        # an adjective phrase that is no name (*Regierender Bürgermeister*) may hold one: go on inside it
        return (k, end, label, cue, False) if label else None
    return None


def _institution_head(tok: nlp.Token) -> bool:
    """A capitalised noun that names an institution with a ``für`` complement (*Bundesamt*, *Zentrum*)."""
    return tok.pos == "NN" and tok.text[:1].isupper() and _cue(tok.text, "institution_heads.txt")


def _postposed_speaker(doc: nlp.Document, index: int, sentence_end: int) -> bool:
    """``…“, sagte Ketterer.`` / ``…, so Ketterer.``: a capitalised word the tagger read as a noun right
    after a postposed reporting verb (``say`` verbs of the attribution lexicon) or ``so``, closing the
    clause, that is no known common noun: the speaker's surname."""
    k = index
    tokens = doc.tokens
    tok = tokens[k]
    if tok.pos != "NN" or not tok.text[:1].isupper() or k < 2 or k + 1 >= sentence_end:
        return False
    if tokens[k + 1].pos not in ("$.", "$,") or tok.text in resources.common_nouns() or _not_a_name(tok.text):
        return False
    prev, before = tokens[k - 1], tokens[k - 2]
    if before.text != "," and before.text not in QUOTE_MARKS:
        return False
    if prev.text == "so":
        return True
    verb = load_attribution_lexicon().verbs.get(prev.lemma)
    return prev.pos == "VVFIN" and verb is not None and verb.use in ("say", "both")


def _place_named_head(tok: nlp.Token) -> bool:
    """*Universität*, *Landgericht*, *Realschule*: a head that names one body with a place after it."""
    return tok.pos == "NN" and tok.text[:1].isupper() and tok.text.lower().endswith(_place_named_heads())


def _place_word(doc: nlp.Document, index: int, sentence_end: int) -> bool:
    """A place name in the nominative (gazetteer, GeoNames or a noun with a place ending) at ``index``."""
    if index >= sentence_end:
        return False
    tok = doc.tokens[index]
    if not tok.text[:1].isupper() or tok.pos not in ("NE", "NN", "FM") or tok.text in _first_names():
        return False
    return gazetteer().get(tok.text) == "LOC" or tok.text in resources.places() or _noun_place_name(tok)


def _fuer_complement(doc: nlp.Document, end: int, sentence_end: int) -> int:
    """End of ``für (ADJA)* Noun ((und|,) (ADJA)* Noun)*`` starting at ``end``; ``end`` if there is none."""
    tokens = doc.tokens
    if end >= sentence_end or tokens[end].text != "für":
        return end
    k, last = end + 1, end
    while k < sentence_end:
        j = k
        while j < sentence_end and tokens[j].pos == "ADJA" and tokens[j].text[:1].isupper():
            j += 1
        if j >= sentence_end or tokens[j].pos not in ("NN", "NE") or not tokens[j].text[:1].isupper():
            break
        last = j + 1
        if j + 2 < sentence_end and tokens[j + 1].text in ("und", ",") and tokens[j + 2].text[:1].isupper():
            k = j + 2
            continue
        break
    return last


def _descriptor_noun(tok: nlp.Token) -> bool:
    """A frequent German common noun that describes the name after it (*Neuling Ungarn*, *Einfluss Chinas*).

    Common nouns come from textblob-de's lexicon, frequency from wordfreq (German Zipf >= 3, English < 3,
    so English words in names -- *Bank*, *Open* -- stay).
    """
    text = tok.text
    if not text[:1].isupper() or text in _first_names() or text in gazetteer() or _is_acronym(text):
        return False
    if _is_org_word(text) or _ends_with(text, "place_suffixes.txt") or text in _place_prefixes():
        return False
    return text in resources.common_nouns() and resources.zipf(text) >= 3 and resources.zipf(text, "en") < 3


def _trim_split(doc: nlp.Document, start: int, end: int, label: str | None, cue: str, sentence_start: int,
                known) -> list[NameSpan]:
    """The run without leading descriptor nouns, split after an inner genitive place (*Napoleons Regensburg*)."""
    tokens = doc.tokens
    trimmed = start
    while end - trimmed >= 2 and _descriptor_noun(tokens[trimmed]) and trimmed not in known:
        trimmed += 1
    if trimmed != start:
        start = trimmed
        label, cue = _type_run(doc, start, end, sentence_start, _known_label(known, start, end))
    gaz = gazetteer()
    for j in range(start, end - 1):
        word = tokens[j].text
        if word.endswith("s") and len(word) > 3 and gaz.get(word[:-1]) == "LOC" and tokens[j + 1].text[:1].isupper():
            left = "LOC" if j == start else _type_run(doc, start, j + 1, sentence_start, None)[0]
            out = [NameSpan(start, j + 1, left, "gazetteer" if j == start else "split", "")] if left else []
            right, right_cue = _type_run(doc, j + 1, end, sentence_start, _known_label(known, j + 1, end))
            return out + ([NameSpan(j + 1, end, right, right_cue, "")] if right else [])
    return [NameSpan(start, end, label, cue, "")] if label else []


def _known_label(known, start: int, end: int) -> str | None:
    return known[start][1] if start in known and known[start][0] == end else None


#: Tags of a capitalised word after a given name that is the surname misread (a verb or adjective form).
_MISREAD_SURNAME_TAGS = frozenset({"VVFIN", "VVINF", "VVPP", "VVIMP", "ADJD", "ADJA", "ADV"})


def _extend_after_first_name(
    doc: nlp.Document, start: int, end: int, sentence_end: int, known: dict[int, tuple[int, str, str]]
) -> int:
    """A first name followed by a surname the tagger took for a noun (``Hans Fischer``) or, capitalised
    inside the sentence, for a verb or adjective (``Roland Kocht``, ``Anna Schön``)."""
    tokens = doc.tokens
    if tokens[end - 1].text not in _first_names() or end >= sentence_end:
        return end
    nxt = tokens[end]
    if not nxt.text[:1].isupper() or _not_a_name(nxt.text) or _cue(nxt.text, "person_titles.txt"):
        return end
    noun_surname = nxt.pos == "NN" and not _is_org_word(nxt.text) and (
        nxt.text not in resources.common_nouns() or nxt.text in resources.person_names()[2])
    if noun_surname or nxt.pos in _MISREAD_SURNAME_TAGS:
        return _extend_run(doc, end + 1, sentence_end, known)
    return end


def _extend_after_opener(
    doc: nlp.Document, start: int, end: int, sentence_end: int, known: dict[int, tuple[int, str, str]]
) -> int:
    """A club prefix followed by a place the tagger took for a noun (``SV Musterhausen``, ``FC Dorfen``)."""
    tokens = doc.tokens
    if end != start + 1 or tokens[start].text not in _name_openers() or end >= sentence_end:
        return end
    nxt = tokens[end]
    if nxt.pos in ("NN", "NE", "FM") and nxt.text[:1].isupper() and not _not_a_name(nxt.text):
        return _extend_run(doc, end + 1, sentence_end, known)
    return end


def _adjective_name(
    doc: nlp.Document, index: int, sentence_end: int, known: dict[int, tuple[int, str, str]]
) -> tuple[int, str | None, str]:
    """A name opened by a capitalised adjective: ``Europäische Zentralbank``, ``Freie Universität Berlin``."""
    k = index
    tokens = doc.tokens
    end = k
    while end < sentence_end and tokens[end].pos == "ADJA" and tokens[end].text[:1].isupper():
        end += 1
    if end >= sentence_end or not tokens[end].text[:1].isupper() or tokens[end].pos not in ("NN", "NE"):
        return end, None, ""
    head = tokens[end].text
    if _institution_head(tokens[end]) and _fuer_complement(doc, end + 1, sentence_end) > end + 1:
        return _fuer_complement(doc, end + 1, sentence_end), "ORG", "adjective+institution+für"
    head_end = end + 1
    end = _extend_run(doc, head_end, sentence_end, known)
    if end == head_end + 1 and _genitive_place(tokens[end - 1].text):
        end = head_end  # *Oberste Gerichtshof Kanadas*: the country is a place of its own
    text = " ".join(t.text for t in tokens[k:end])
    if gazetteer().get(text):
        return end, gazetteer()[text], "gazetteer"
    if _is_org_word(head):
        return end, "ORG", "adjective+org-head"
    if _ends_with(head, "place_suffixes.txt") or head in _place_heads():
        return end, "LOC", "adjective+place-head"
    return end, None, ""


def _genitive_place(word: str) -> bool:
    """A gazetteer place in the genitive (*Kanadas*, *Österreichs*)."""
    return word.endswith("s") and gazetteer().get(word[:-1]) == "LOC" and gazetteer().get(word) is None


def _capitalised_adjective(doc: nlp.Document, index: int, sentence_end: int, initial: list[bool]) -> bool:
    k = index
    tok = doc.tokens[k]
    return (
        tok.pos == "ADJA"
        and tok.text[:1].isupper()
        and not initial[k]
        and k + 1 < sentence_end
        and doc.tokens[k + 1].text[:1].isupper()
        and doc.tokens[k + 1].pos in ("NN", "NE", "ADJA")
    )


#: Particles of German names; inside a run they need a given name or another particle before them
#: (*Alexander Van der Bellen*, *Joseph von Eichendorff*), so *Gericht von Paris* stays apart.
_GERMAN_PARTICLES = frozenset({"von", "zu", "vom", "der", "den"})


def _particle_link(doc: nlp.Document, end: int, sentence_end: int) -> int | None:
    """End of ``particle(s) + name`` starting at ``end`` (*van der Bellen*), or ``None``."""
    tokens = doc.tokens
    lower = tokens[end].text.lower()
    if lower not in _NAME_PARTICLES or not tokens[end].text[0].islower():
        return None
    before = tokens[end - 1].text
    if lower in _GERMAN_PARTICLES and before not in _first_names() and before.lower() not in _NAME_PARTICLES:
        return None
    j = end + 1
    while j < sentence_end and tokens[j].text.lower() in _NAME_PARTICLES and tokens[j].text[0].islower():
        j += 1
    if j >= sentence_end or j - end > 2 or not tokens[j].text[:1].isupper():
        return None
    after_particle = j - end == 2 or before.lower() in _NAME_PARTICLES or before in _first_names()
    if tokens[j].pos in ("NE", "FM") or (tokens[j].pos == "NN" and after_particle):
        return j + 1
    return None


def _misread_name_word(doc: nlp.Document, index: int) -> bool:
    """A capitalised word inside a sentence that the tagger read as a question word or adverb right
    after a name (*Li Wen*: "Wen" as *wen*): mid-sentence capitals make it part of the name."""
    k = index
    tok = doc.tokens[k]
    return (
        tok.pos in ("PWS", "PWAV", "PIS", "ADV")
        and tok.text[:1].isupper()
        and k > doc.sentences[tok.sentence].token_start
        and _name_token(doc.tokens[k - 1])
    )


def _extend_run(doc: nlp.Document, end: int, sentence_end: int, known: dict[int, tuple[int, str, str]]) -> int:
    """Extend a name run over following name tokens, legal forms and name particles."""
    tokens = doc.tokens
    while end < sentence_end:
        tok = tokens[end]
        if end in known or _name_token(tok):
            end = known[end][0] if end in known else end + 1
            continue
        if tok.text in _legal_forms() or _misread_name_word(doc, end):
            end += 1
            continue
        linked = _particle_link(doc, end, sentence_end)
        if linked is None:
            break
        end = linked
    return end


_WEAK_CUES = frozenset({"default", "multiword", "preposition"})


_LIST_SEPARATORS = frozenset({",", "und", "oder", "sowie", "bzw.", "/", "&", "–", "(", "nach", "bis"})
_ROUTE_WORDS = frozenset({"nach", "bis", "–"})


def _propagate_in_lists(doc: nlp.Document, spans: list[NameSpan]) -> list[NameSpan]:
    """In a list of names (``Almaty, Aktobe und Schangaösen``) weakly typed members take the type of
    the strongly typed ones, when those agree."""
    if len(spans) < 2:
        return spans
    tokens = doc.tokens
    chains: list[list[int]] = [[0]]
    for i in range(1, len(spans)):
        a, b = spans[i - 1], spans[i]
        gap = tokens[a.end : b.start]
        linked = (
            tokens[a.start].sentence == tokens[b.start].sentence
            and 1 <= len(gap) <= 2
            and all(t.text in _LIST_SEPARATORS for t in gap)
        )
        if linked:
            chains[-1].append(i)
        else:
            chains.append([i])
    out = list(spans)
    for chain in chains:
        if len(chain) < 2:
            continue
        strong = {spans[i].label for i in chain if spans[i].cue not in _WEAK_CUES}
        if len(strong) != 1:
            continue
        label = strong.pop()
        if label != "LOC" and any(_route_linked(doc, spans[i - 1], spans[i]) for i in chain[1:]):
            continue
        for i in chain:
            if spans[i].cue in _WEAK_CUES and spans[i].label != label:
                out[i] = spans[i]._replace(label=label, cue="list")
    return out


def _known_surnames(doc: nlp.Document, spans: list[NameSpan], untyped: list[NameSpan]) -> list[NameSpan]:
    """An untyped one-word name that is the surname of a person named before it in the document
    (*Johanna Mikl-Leitner … Mikl-Leitner reiste ab*, where a long single word is otherwise no name)."""
    if not untyped:
        return spans
    tokens = doc.tokens
    surnames = {tokens[s.end - 1].text: s.start for s in spans if s.label == "PER" and s.end - s.start >= 2}
    added = []
    for span in untyped:
        word = tokens[span.start].text
        base = word[:-1] if word.endswith("s") and word[:-1] in surnames else word
        if span.end - span.start == 1 and surnames.get(base, span.start) < span.start:
            added.append(span._replace(label="PER", cue="surname"))
    return sorted(spans + added, key=lambda s: s.start) if added else spans


def _route_linked(doc: nlp.Document, first: NameSpan, second: NameSpan) -> bool:
    """``von Almaty nach Astana``: names joined by a route word (a list of places only)."""
    return any(t.text in _ROUTE_WORDS for t in doc.tokens[first.end : second.start])


def _link_surnames(doc: nlp.Document, spans: list[NameSpan]) -> list[NameSpan]:
    """Link single-token names to earlier multi-token PER names ending in the same word."""
    surnames: dict[str, str] = {}
    out = []
    for span in spans:
        words = [t.text for t in doc.tokens[span.start : span.end]]
        key = _norm_key(words)
        if span.label == "PER" and len(words) >= 2:
            surnames[words[-1]] = key
            out.append(span._replace(key=key))
            continue
        if len(words) == 1:
            word = words[0]
            base = word[:-1] if word.endswith("s") and word[:-1] in surnames else word
            if base in surnames and span.cue not in ("gazetteer", "dictionary"):
                out.append(span._replace(label="PER", cue="surname", key=surnames[base]))
                continue
        if span.cue == "gazetteer" and key.endswith("s") and key[:-1] in gazetteer():
            key = key[:-1]
        out.append(span._replace(key=key))
    return out
