"""GermEval's derived classes (``LOCderiv``, ``*part``) for the evaluation output.
"""

from __future__ import annotations

from medialens import nlp
from medialens.actors.lexicon import demonyms, gazetteer
from medialens.actors.rules.cues import NameSpan, _is_acronym, _not_a_name
from medialens.actors.rules.dictionary import _ADJ_ENDINGS


def _derived_spans(doc: nlp.Document, spans: list[NameSpan]) -> list[NameSpan]:
    """GermEval's derived classes, for the evaluation output only.

    ``LOCderiv``: adjectives and nationality nouns of origin (``russische``, ``Deutschen``) and city
    adjectives in ``-er`` (``Berliner``). ``LOCpart``/``ORGpart``: hyphenated compounds whose first part
    is a known place or an acronym (``Russland-Reise``, ``KNB-Chef``).
    """
    covered = {i for s in spans for i in range(s.start, s.end)}
    stems = demonyms()
    gaz = gazetteer()
    out = []
    for tok in doc.tokens:
        if tok.i in covered:
            continue
        lower = tok.text.lower()
        if tok.pos in ("ADJA", "ADJD", "NN", "NE"):
            # nouns need an ending ("Deutsche", "Deutschen"); adjectives may be bare ("deutsch")
            bases = {lower[: -len(e)] for e in _ADJ_ENDINGS if lower.endswith(e)}
            if tok.pos.startswith("ADJ"):
                bases.add(lower)
            if not bases.isdisjoint(stems):
                out.append(NameSpan(tok.i, tok.i + 1, "LOCderiv", "demonym", ""))
                continue
            if tok.text[:1].isupper() and lower.endswith("er") and gaz.get(tok.text[:-2]) == "LOC":
                out.append(NameSpan(tok.i, tok.i + 1, "LOCderiv", "city-adjective", ""))
                continue
        if "-" in tok.text[1:-1] and tok.text[:1].isupper() and tok.pos in ("NN", "FM", "NE"):
            head, tail = tok.text.split("-", 1)[0], tok.text.rsplit("-", 1)[1]
            if tail[:1].isupper() and not _not_a_name(head) and not gaz.get(tok.text):
                label = gaz.get(head) or ("ORG" if _is_acronym(head) else None)
                if label:
                    out.append(NameSpan(tok.i, tok.i + 1, label + "part", "compound", ""))
    return out
