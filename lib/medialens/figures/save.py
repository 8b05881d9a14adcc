"""Saving figures: ``save_figure``, the manifest, figure folders and the corpus description of every sidecar.

Every exported chart goes through :func:`save_figure`, which fits it to a publication width
(:data:`~medialens.figures.style.SIZES`), draws the synthetic-corpus warning on the image of a demo
chart, and writes ``NAME.png`` (300 dpi), ``NAME.svg``, ``NAME.pdf``, ``NAME.csv`` (the data behind the
chart) and ``NAME.json`` (caption, corpus description and fingerprint, package and pipeline version,
suggested citation), and refreshes ``MANIFEST.csv`` in the same folder. The same inputs give
byte-identical files: no timestamps in PNG/SVG/PDF, fixed SVG id salt, sorted manifest.

Charts of a corpus other than the demo corpus go to a folder of their own (:func:`corpus_figures_dir`),
so they never overwrite the demo figures or mix into their manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Sequence

import matplotlib.pyplot as plt
import pandas as pd

from medialens import config
from medialens.corpus.summary import date_range
from medialens.figures.style import HOUSE_STYLE, MIN_FONT_SIZE, SIZES, SYNTHETIC_NOTE, SYNTHETIC_STAMP, size_for

#: Name of the demo corpus in sidecars and the manifest.
DEMO_NAME = "medialens synthetic demo corpus"


def figures_dir() -> Path:
    """Output folder for figures of the demo corpus: ``MEDIALENS_FIGURES_DIR`` or ``<project>/figures``."""
    return Path(os.environ.get("MEDIALENS_FIGURES_DIR", config.FIGURES_DIR))


def corpus_name(path: str | Path | None) -> str:
    """A folder-safe name of a corpus: the file stem or folder name (``None`` or the demo corpus: ``""``)."""
    if path is None or Path(path).resolve() == config.DEMO_CORPUS_DIR.resolve():
        return ""
    path = Path(path)
    stem = path.stem if path.suffix else path.name
    return re.sub(r"[^\w.-]+", "-", stem).strip("-.") or "corpus"


def corpus_figures_dir(corpus: str | Path | None = None, out_dir: str | Path | None = None) -> Path:
    """Where the figures of a corpus go.

    ``out_dir`` when given; else :func:`figures_dir` for the demo corpus and ``figures_dir()/<corpus
    name>/`` for any other corpus, so a run on another corpus never writes over the demo figures.
    """
    if out_dir is not None:
        return Path(out_dir)
    name = corpus_name(corpus)
    return figures_dir() / name if name else figures_dir()


# --------------------------------------------------------------------------- corpus description


def corpus_fingerprint(articles: pd.DataFrame) -> str:
    """SHA-256 over the sorted ``article_id`` and text hashes: changes when any article changes."""
    h = hashlib.sha256()
    for aid, text in sorted(zip(articles["article_id"].astype(str), articles["text"])):
        h.update(aid.encode())
        h.update(hashlib.sha256(text.encode()).digest())
    return h.hexdigest()


def describe_corpus(articles: pd.DataFrame, name: str | None = None) -> dict:
    """What a figure's sidecar says about its corpus (dates at one precision, see ``corpus.summary.date_range``)."""
    span = date_range(articles)
    synthetic = bool(len(articles)) and bool(articles["synthetic"].astype(bool).all())
    return {
        "name": name or (DEMO_NAME if synthetic else "user corpus"),
        "articles": int(len(articles)),
        "outlets": int(articles["outlet"].nunique()),
        "date_range": list(span[:2]) if span else None,
        "date_precision": span[2] if span else None,
        "synthetic": synthetic,
        "fingerprint": corpus_fingerprint(articles),
    }


# --------------------------------------------------------------------------- text of the sidecar


def sentence(text: str) -> str:
    """``text`` stripped, ending in exactly one full stop (or its own ``?``/``!``/``…``)."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    text = re.sub(r"\.{2,}$", ".", text)
    if text and text[-1] not in ".?!…":
        text += "."
    return text


def join_sentences(*parts: str) -> str:
    """Sentences joined by one space, each ending in one full stop (never ``..``)."""
    return " ".join(sentence(p) for p in parts if p and str(p).strip())


def suggested_citation(name: str, caption: str) -> str:
    """How to cite a figure: its title sentence (the caption without the synthetic-corpus prefix)."""
    from medialens import __version__

    body = caption[len(SYNTHETIC_NOTE):].strip() if caption.startswith(SYNTHETIC_NOTE) else caption
    first = sentence(re.split(r"(?<=[.?!])\s", body, maxsplit=1)[0]) if body else ""
    demo = " Synthetic demo corpus." if body != caption else ""
    return (f"medialens developers (2026). medialens {__version__}, figure \"{name}\": {first}{demo} "
            "Software and figure, see CITATION.cff.").replace("  ", " ")


# --------------------------------------------------------------------------- the image


def fit_width(fig, size: str | None = None) -> str:
    """Resize ``fig`` to a publication width (keeping its aspect ratio) with constrained layout.

    Args:
        fig: the Figure.
        size: a key of :data:`SIZES`; default: one column for figures up to 5 in wide, else two.

    Returns:
        The size used.
    """
    width, height = fig.get_size_inches()
    size = size or size_for(width)
    target = SIZES[size]
    fig.set_size_inches(target, height * target / width)
    if fig.get_layout_engine() is None:
        fig.set_layout_engine("constrained")
    for ax in fig.axes:  # a title longer than the figure is wide breaks into lines instead of widening it
        for title in (ax.title, ax._left_title, ax._right_title):
            title.set_wrap(True)
    room = target - 2 * HOUSE_STYLE["savefig.pad_inches"]
    for _ in range(6):  # text outside the layout (labels beside points, legends) must not widen the saved image
        fig.draw_without_rendering()
        overflow = fig.get_tightbbox().width - room
        if overflow <= 0.005:
            break
        fig.set_size_inches(fig.get_figwidth() - overflow, fig.get_figheight())
    return size


def enforce_min_font(fig, minimum: float = MIN_FONT_SIZE) -> int:
    """Raise every visible text of ``fig`` smaller than ``minimum`` points to ``minimum``; returns how many."""
    from matplotlib.text import Text

    raised = 0
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text() and text.get_fontsize() < minimum:
            text.set_fontsize(minimum)
            raised += 1
    return raised


def stamp_synthetic(fig) -> None:
    """Draw the synthetic-corpus warning under everything else of the chart (once), so a pasted PNG keeps it."""
    if any(getattr(t, "_medialens_stamp", False) for t in fig.texts):
        return
    fig.draw_without_rendering()  # runs the layout, so the box below is where the chart ends
    box = fig.get_tightbbox()
    width, height = fig.get_size_inches()
    text = fig.text(max(0.0, box.x0 / width), min(0.0, box.y0 / height) - 0.01, SYNTHETIC_STAMP, ha="left",
                    va="top", fontsize=MIN_FONT_SIZE, color="#555555", style="italic", transform=fig.transFigure)
    text._medialens_stamp = True


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save_figure(fig, name: str, data: pd.DataFrame, caption: str, *, corpus: pd.DataFrame | dict | None = None,
                out_dir: str | Path | None = None, notes: str = "", sources: Sequence[str] = (),
                size: str | None = None, close: bool = True) -> dict[str, Path]:
    """Write a chart, its data and its caption sidecar.

    Args:
        fig: the matplotlib Figure (closed afterwards unless ``close=False``).
        name: file stem, e.g. ``"01-source-types-by-outlet"``.
        data: the tidy table the chart was drawn from (written as ``NAME.csv``; ids, not display names).
        caption: what the chart shows and how to read it. When the corpus is synthetic,
            :data:`SYNTHETIC_NOTE` is prepended and a short warning is drawn on the image.
        corpus: the articles table (described and fingerprinted) or an already built description.
        out_dir: output folder (default :func:`figures_dir`).
        notes: e.g. the measured accuracy that bounds how far the chart can be trusted.
        sources: citations of data or methods used (e.g. evaluation datasets).
        size: ``"one_column"`` (3.5 in) or ``"two_column"`` (7.2 in); default by the figure's width.

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
    caption = sentence(caption)
    size = fit_width(fig, size)
    enforce_min_font(fig)
    if description and description.get("synthetic"):
        stamp_synthetic(fig)
        if not caption.startswith(SYNTHETIC_NOTE):
            caption = f"{SYNTHETIC_NOTE} {caption}"
    paths = {kind: out / f"{name}.{kind}" for kind in ("png", "svg", "pdf", "csv", "json")}
    with plt.rc_context(HOUSE_STYLE):
        fig.savefig(paths["png"], dpi=300, metadata={"Software": None})
        fig.savefig(paths["svg"], metadata={"Date": None, "Creator": None})
        fig.savefig(paths["pdf"], metadata={"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None})
    if close:
        plt.close(fig)
    data.to_csv(paths["csv"], index=False, lineterminator="\n", float_format="%.6g")
    sidecar = {
        "figure": name,
        "caption": caption,
        "notes": join_sentences(notes),
        "size": {"preset": size, "width_in": SIZES[size]},
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
