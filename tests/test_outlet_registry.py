"""The outlet registry (data/outlets.csv) as data: complete rows, unique names, known types."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest

from medialens import config
from medialens.corpus import read_registry

TYPES = {
    "state_media", "state_aligned_media", "public_broadcaster", "news_agency", "independent_media", "private_media",
    "aggregator", "portal", "press_release_service", "government_body", "international_organisation", "ngo", "company",
}
MEDIA = {"agency", "broadcaster", "newspaper", "magazine", "online", "organisation"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_registry().to_dict("records")


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name).casefold())


def test_registry_has_at_least_400_real_outlets_with_a_reason_and_a_source(rows):
    real = [r for r in rows if r["synthetic"] != "true"]
    assert len(real) >= 400
    for r in real:
        assert r["basis"].strip() and r["source"].strip(), r["outlet"]
        assert r["confidence"] in {"high", "medium", "low"}, r["outlet"]
    assert Counter(r["synthetic"] for r in rows)["true"] == 17


def test_types_media_and_parents_are_known(rows):
    names = {r["outlet"] for r in rows}
    for r in rows:
        assert r["outlet_type"] in TYPES, r["outlet"]
        assert r["medium"] in MEDIA, r["outlet"]
        assert not r["parent"] or r["parent"] in names, r["outlet"]
        assert re.fullmatch(r"[A-Z]{2}|", r["country"]), r["outlet"]


def test_names_aliases_and_domains_are_unique_without_case_and_punctuation(rows):
    owner: dict[str, str] = {}
    for r in rows:
        names = [r["outlet"], *r["aliases"].split("|"), *r["domains"].split("|")]
        for name in filter(None, names):
            key = _key(name)
            assert owner.setdefault(key, r["outlet"]) == r["outlet"], f"{name!r}: {owner[key]} / {r['outlet']}"


def test_domains_are_bare_hosts_or_host_paths(rows):
    for r in rows:
        for domain in filter(None, r["domains"].split("|")):
            assert re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}(/[\w./-]+)?", domain), (r["outlet"], domain)
            assert not domain.startswith("www."), domain


def test_every_outlet_type_maps_to_a_source_type(rows):
    path = config.LEXICON_DIR / "sources" / "outlet_types.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    mapped = {ln.split("\t")[0] for ln in lines[1:]}
    assert {r["outlet_type"] for r in rows} <= mapped
