"""Saving figures: ``save_figure``, the manifest and the corpus description of every sidecar.

Every exported chart goes through :func:`save_figure`, which writes ``NAME.png`` (300 dpi), ``NAME.svg``,
``NAME.pdf``, ``NAME.csv`` (the data behind the chart) and ``NAME.json`` (caption, corpus description and
fingerprint, package and pipeline version, suggested citation), and refreshes ``MANIFEST.csv`` in the
same folder. The same inputs give byte-identical files: no timestamps in PNG/SVG/PDF, fixed SVG id salt,
sorted manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Sequence

import matplotlib.pyplot as plt
import pandas as pd

from medialens import config
from medialens.corpus.summary import date_range
from medialens.figures.style import HOUSE_STYLE, SYNTHETIC_NOTE


def figures_dir() -> Path:
    """Output folder for figures: ``MEDIALENS_FIGURES_DIR`` or ``<project>/figures``."""
    return Path(os.environ.get("MEDIALENS_FIGURES_DIR", config.FIGURES_DIR))


# --------------------------------------------------------------------------- corpus description


def corpus_fingerprint(articles: pd.DataFrame) -> str:
    """SHA-256 over the sorted ``article_id`` and text hashes: changes when any article changes."""
    h = hashlib.sha256()
    for aid, text in sorted(zip(articles["article_id"].astype(str), articles["text"])):
        h.update(aid.encode())
        h.update(hashlib.sha256(text.encode()).digest())
    return h.hexdigest()


def describe_corpus(articles: pd.DataFrame, name: str | None = None) -> dict:
    """What a figure's sidecar says about its corpus."""
    span = date_range(articles)  # one precision: a month-only date makes the range months
    synthetic = bool(len(articles)) and bool(articles["synthetic"].astype(bool).all())
    return {
        "name": name or ("medialens synthetic demo corpus" if synthetic else "user corpus"),
        "articles": int(len(articles)),
        "outlets": int(articles["outlet"].nunique()),
        "date_range": list(span[:2]) if span else None,
        "date_precision": span[2] if span else None,
        "synthetic": synthetic,
        "fingerprint": corpus_fingerprint(articles),
    }


# --------------------------------------------------------------------------- saving


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def suggested_citation(name: str, caption: str) -> str:
    from medialens import __version__

    return (f"medialens developers (2026). medialens {__version__}, figure \"{name}\": {caption.split('. ')[0]}. "
            "Software and figure, see CITATION.cff.")


def save_figure(fig, name: str, data: pd.DataFrame, caption: str, *, corpus: pd.DataFrame | dict | None = None,
                out_dir: str | Path | None = None, notes: str = "", sources: Sequence[str] = ()) -> dict[str, Path]:
    """Write a chart, its data and its caption sidecar.

    Args:
        fig: the matplotlib Figure (closed afterwards).
        name: file stem, e.g. ``"01-source-types-by-outlet"``.
        data: the tidy table the chart was drawn from (written as ``NAME.csv``).
        caption: what the chart shows and how to read it. When the corpus is synthetic,
            :data:`SYNTHETIC_NOTE` is prepended.
        corpus: the articles table (described and fingerprinted) or an already built description.
        out_dir: output folder (default :func:`figures_dir`).
        notes: e.g. the measured accuracy that bounds how far the chart can be trusted.
        sources: citations of data or methods used (e.g. evaluation datasets).

    Returns:
        Paths written, by kind (``png, svg, pdf, csv, json``).
    """
    from medialens import __version__
    from medialens.nlp import PIPELINE_VERSION

    if not name or any(ch in name for ch in "/\\ "):
        raise ValueError(f"figure name must be a plain file stem without spaces or slashes: {name!r}")
    out = Path(out_dir) if out_dir is not None else figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    description = corpus if isinstance(corpus, dict) else (describe_corpus(corpus) if corpus is not None else None)
    if description and description.get("synthetic") and not caption.startswith(SYNTHETIC_NOTE):
        caption = f"{SYNTHETIC_NOTE} {caption}"
    paths = {kind: out / f"{name}.{kind}" for kind in ("png", "svg", "pdf", "csv", "json")}
    with plt.rc_context(HOUSE_STYLE):
        fig.savefig(paths["png"], dpi=300, metadata={"Software": None})
        fig.savefig(paths["svg"], metadata={"Date": None, "Creator": None})
        fig.savefig(paths["pdf"], metadata={"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None})
    plt.close(fig)
    data.to_csv(paths["csv"], index=False, lineterminator="\n", float_format="%.6g")
    sidecar = {
        "figure": name,
        "caption": caption,
        "notes": notes,
        "corpus": description,
        "medialens_version": __version__,
        "pipeline_version": PIPELINE_VERSION,
        "sources": list(sources),
        "suggested_citation": suggested_citation(name, caption),
        "files": {kind: {"file": p.name, "sha256": _sha256(p)} for kind, p in paths.items() if kind != "json"},
    }
    paths["json"].write_text(json.dumps(sidecar, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    write_manifest(out)
    return paths


def write_manifest(folder: Path) -> Path:
    """Rebuild ``MANIFEST.csv`` (one row per figure sidecar, sorted by name) in ``folder``."""
    rows = []
    for sidecar in sorted(Path(folder).glob("*.json")):
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            continue
        if "figure" not in meta:
            continue
        corpus = meta.get("corpus") or {}
        rows.append({
            "figure": meta["figure"],
            "caption": meta["caption"],
            "corpus": corpus.get("name", ""),
            "corpus_fingerprint": corpus.get("fingerprint", ""),
            "synthetic": corpus.get("synthetic", ""),
            "medialens_version": meta.get("medialens_version", ""),
            "png_sha256": meta["files"]["png"]["sha256"],
        })
    path = Path(folder) / "MANIFEST.csv"
    pd.DataFrame(rows, columns=["figure", "caption", "corpus", "corpus_fingerprint", "synthetic",
                                "medialens_version", "png_sha256"]).to_csv(path, index=False, lineterminator="\n")
    return path
