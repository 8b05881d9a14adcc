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
    {"prep", "postp", "info", "info_post", "relay", "impersonal", "so", "wie", "carry", "anonymous", "relative"}
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

    def table(name: str) -> list[dict[str, str]]:
        path = base / name
        if not path.exists():
            raise FileNotFoundError(f"lexicon file not found: {path}")
        return data_rows(path)

    verbs: dict[str, VerbEntry] = {}
    particles: dict[str, dict[str, str]] = {}
    for row in table("verbs.tsv"):
        lemma, particle, use = row["lemma"].lower(), row["particle"].lower(), row["use"]
        if use not in VERB_USES:
            raise ValueError(f"verbs.tsv: unknown use {use!r} for {lemma!r}")
        if particle and not lemma.startswith(particle):
            raise ValueError(f"verbs.tsv: {lemma!r} does not start with its particle {particle!r}")
        needs = frozenset(w for w in row["needs"].lower().split("|") if w)
        excludes = frozenset(w for w in row.get("excludes", "").lower().split("|") if w)
        entry = VerbEntry(lemma, particle, use, needs, excludes)
        verbs[lemma] = entry
        if particle:
            particles.setdefault(entry.base, {})[particle] = lemma

    cues: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for row in table("according_to.tsv"):
        tokens, kind = tuple(row["cue"].lower().split()), row["kind"]
        if kind not in CUE_KINDS:
            raise ValueError(f"according_to.tsv: unknown kind {kind!r}")
        cues.setdefault(tokens[0], []).append((tokens, kind))

    info: dict[str, tuple[bool, frozenset[str], bool]] = {}
    for row in table("info_nouns.tsv"):
        info[row["lemma"].lower()] = (
            row["compound"] == "yes",
            frozenset(row["preps"].lower().split("|")),
            row.get("plural", "") == "yes",
        )
    speech_nouns = frozenset(row["lemma"].lower() for row in table("speech_nouns.tsv"))

    anon_words: set[str] = set()
    anon_suffixes: list[str] = []
    for row in table("anonymous.tsv"):
        if row["match"] == "suffix":
            anon_suffixes.append(row["word"].lower())
        else:
            anon_words.add(row["word"].lower())

    speaker_endings = tuple(r["ending"].lower() for r in table("speaker_heads.tsv") if r["kind"] in ("person", "body"))
    non_speakers = frozenset(r["ending"].lower() for r in table("speaker_heads.tsv") if r["kind"] == "except")
    body_endings = tuple(r["ending"].lower() for r in table("speaker_heads.tsv") if r["kind"] == "body")
    member_roles = frozenset(r["ending"].lower() for r in table("speaker_heads.tsv") if r["kind"] == "member")
    media_endings = tuple(r["ending"].lower() for r in table("speaker_heads.tsv") if r["kind"] == "media")

    legal = table("legal_bases.tsv")
    legal_words = frozenset(r["lemma"].lower() for r in legal if r["match"] != "numbered")
    legal_numbered = frozenset(r["lemma"].lower() for r in legal if r["match"] == "numbered")
    legal_suffixes = tuple(r["lemma"].lower() for r in legal if r["match"] == "suffix")

    return AttributionLexicon(
        verbs=verbs,
        particles={k: dict(v) for k, v in particles.items()},
        cues={k: tuple(v) for k, v in cues.items()},
        info_nouns=info,
        speech_nouns=speech_nouns,
        anonymous_words=frozenset(anon_words),
        anonymous_suffixes=tuple(anon_suffixes),
        speaker_endings=speaker_endings,
        body_endings=body_endings,
        member_roles=member_roles,
        media_endings=media_endings,
        non_speakers=non_speakers,
        legal_words=legal_words,
        legal_suffixes=legal_suffixes,
        legal_numbered=legal_numbered,
    )
