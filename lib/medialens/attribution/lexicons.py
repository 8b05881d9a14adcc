"""Attribution lexicons: loaders for the data files in ``data/lexicons/attribution``.

Every list the rules use is a tab-separated data file with ``#`` comments and a header line (see the
README in that folder), read by :func:`medialens.datafiles.data_rows`. Files load lazily, once per process, into
immutable lookup structures. Konjunktiv forms are shared language data (:mod:`medialens.german`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from medialens import config
from medialens.datafiles import data_rows

#: Values of the ``use`` column of ``verbs.tsv``.
VERB_USES = frozenset({"say", "report", "both"})
#: Values of the ``kind`` column of ``according_to.tsv`` (each is interpreted by the rules).
CUE_KINDS = frozenset(
    {"prep", "postp", "info", "info_post", "relay", "impersonal", "so", "wie", "carry", "carry_document", "anonymous",
     "relative", "emerge"}
)


@dataclass(frozen=True)
class VerbEntry:
    """One reporting verb: full lemma, separable particle, use (say/report/both), required words."""

    lemma: str
    particle: str
    use: str
    needs: frozenset[str]
    excludes: frozenset[str] = frozenset()

    @property
    def base(self) -> str:
        """The verb without its separable particle (``mitteilen`` -> ``teilen``)."""
        return self.lemma[len(self.particle) :] if self.particle else self.lemma


@dataclass(frozen=True)
class AttributionLexicon:
    """All attribution lexicons, ready for lookups."""

    verbs: Mapping[str, VerbEntry]
    #: base lemma -> {particle: full lemma} for separable verbs ("teilen" -> {"mit": "mitteilen"})
    particles: Mapping[str, Mapping[str, str]]
    #: first cue token -> ((tokens, kind), ...)
    cues: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    #: information noun lemma -> (compound allowed, prepositions, plural only)
    info_nouns: Mapping[str, tuple[bool, frozenset[str], bool]]
    #: nouns that introduce content with a comma clause ("der Meinung, dass …")
    speech_nouns: frozenset[str]
    anonymous_words: frozenset[str]
    anonymous_suffixes: tuple[str, ...]
    #: endings of head nouns that name someone who can speak, and inanimate exceptions
    speaker_endings: tuple[str, ...] = ()
    non_speakers: frozenset[str] = frozenset()
    #: heads of legal texts ("Gesetz", "Artikel"): never a source (whole words, compound endings)
    legal_words: frozenset[str] = frozenset()
    legal_suffixes: tuple[str, ...] = ()
    legal_numbered: frozenset[str] = frozenset()
    #: predicative adjectives after "sich zeigen/geben" that introduce content ("zeigte sich besorgt, dass …")
    stance_adjectives: frozenset[str] = frozenset()

    def is_legal_basis(self, head_lemma: str, *, numbered: bool = False) -> bool:
        """Whether a head noun names a legal text ("das Versammlungsgesetz"; "Artikel 4" with ``numbered``)."""
        head = head_lemma.lower()
        if head in self.legal_numbered:
            return numbered
        return head in self.legal_words or head.endswith(self.legal_suffixes)

    body_endings: tuple[str, ...] = ()
    member_roles: frozenset[str] = frozenset()
    media_endings: tuple[str, ...] = ()

    def is_media(self, lemma: str) -> bool:
        """Whether a noun names a news outlet ("Zeitung", "Nachrichtenagentur")."""
        return lemma.lower().endswith(self.media_endings)

    def is_member_role(self, lemma: str) -> bool:
        """Whether a role noun belongs to an organisation ("Sprecher", "Korrespondentin", "Innenminister")."""
        low = lemma.lower()
        return any(low == r or low.endswith(r) for r in self.member_roles)

    def is_body(self, head_lemma: str) -> bool:
        """Whether a noun (lemma) names an organisation or institution ("Ministerium", "Partei")."""
        return head_lemma.lower().endswith(self.body_endings)

    def can_speak(self, head_lemma: str) -> bool:
        """Whether a head noun (lemma) names a person or body that can make a statement."""
        head = head_lemma.lower()
        return head not in self.non_speakers and head.endswith(self.speaker_endings)


def _folder(folder: Path | None) -> Path:
    return Path(folder) if folder is not None else config.LEXICON_DIR / "attribution"


def _table(base: Path, name: str) -> list[dict[str, str]]:
    path = base / name
    if not path.exists():
        raise FileNotFoundError(f"lexicon file not found: {path}")
    return data_rows(path)


def _split(cell: str) -> frozenset[str]:
    return frozenset(w for w in cell.lower().split("|") if w)


def _verbs(rows: list[dict[str, str]]) -> tuple[dict[str, VerbEntry], dict[str, dict[str, str]]]:
    """``verbs.tsv``: entries by lemma and separable particles by base verb."""
    verbs: dict[str, VerbEntry] = {}
    particles: dict[str, dict[str, str]] = {}
    for row in rows:
        lemma, particle, use = row["lemma"].lower(), row["particle"].lower(), row["use"]
        if use not in VERB_USES:
            raise ValueError(f"verbs.tsv: unknown use {use!r} for {lemma!r}")
        if particle and not lemma.startswith(particle):
            raise ValueError(f"verbs.tsv: {lemma!r} does not start with its particle {particle!r}")
        entry = VerbEntry(lemma, particle, use, _split(row["needs"]), _split(row.get("excludes", "")))
        verbs[lemma] = entry
        if particle:
            particles.setdefault(entry.base, {})[particle] = lemma
    return verbs, particles


def _cues(rows: list[dict[str, str]]) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """``according_to.tsv``: cues by their first token."""
    cues: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for row in rows:
        tokens, kind = tuple(row["cue"].lower().split()), row["kind"]
        if kind not in CUE_KINDS:
            raise ValueError(f"according_to.tsv: unknown kind {kind!r}")
        cues.setdefault(tokens[0], []).append((tokens, kind))
    return {k: tuple(v) for k, v in cues.items()}


def _info_nouns(rows: list[dict[str, str]]) -> dict[str, tuple[bool, frozenset[str], bool]]:
    """``info_nouns.tsv``: (compound allowed, prepositions, plural only) by lemma."""
    return {row["lemma"].lower(): (row["compound"] == "yes", _split(row["preps"]), row.get("plural", "") == "yes")
            for row in rows}


def _by_column(rows: list[dict[str, str]], key: str, column: str) -> dict[str, tuple[str, ...]]:
    """Lower-cased ``key`` values grouped by the value of ``column`` (file order kept)."""
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row[column], []).append(row[key].lower())
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4)
def load_lexicon(folder: Path | None = None) -> AttributionLexicon:
    """Load the attribution lexicons (cached per folder).

    Args:
        folder: a folder with the same files as ``data/lexicons/attribution`` (default: that one).

    Returns:
        The lexicon bundle.

    Raises:
        FileNotFoundError: if a file is missing.
        ValueError: on an unknown ``use`` or ``kind`` value.
    """
    base = _folder(folder)
    verbs, particles = _verbs(_table(base, "verbs.tsv"))
    anonymous = _by_column(_table(base, "anonymous.tsv"), "word", "match")
    heads = _by_column(_table(base, "speaker_heads.tsv"), "ending", "kind")
    legal = _by_column(_table(base, "legal_bases.tsv"), "lemma", "match")
    return AttributionLexicon(
        verbs=verbs,
        particles={k: dict(v) for k, v in particles.items()},
        cues=_cues(_table(base, "according_to.tsv")),
        info_nouns=_info_nouns(_table(base, "info_nouns.tsv")),
        speech_nouns=frozenset(row["lemma"].lower() for row in _table(base, "speech_nouns.tsv")),
        stance_adjectives=frozenset(row["word"].lower() for row in _table(base, "stance_adjectives.tsv")),
        anonymous_words=frozenset(anonymous.get("word", ())),
        anonymous_suffixes=anonymous.get("suffix", ()),
        speaker_endings=heads.get("person", ()) + heads.get("body", ()),
        body_endings=heads.get("body", ()),
        member_roles=frozenset(heads.get("member", ())),
        media_endings=heads.get("media", ()),
        non_speakers=frozenset(heads.get("except", ())),
        legal_words=frozenset(legal.get("word", ()) + legal.get("suffix", ())),
        legal_suffixes=legal.get("suffix", ()),
        legal_numbered=frozenset(legal.get("numbered", ())),
    )
