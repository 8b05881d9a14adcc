"""Figures: house style, generic plots, ``save_figure`` and keyword-in-context tables.

Every exported chart goes through :func:`save_figure`, which writes ``NAME.png`` (300 dpi), ``NAME.svg``,
``NAME.pdf``, ``NAME.csv`` (the data behind the chart) and ``NAME.json`` (caption, corpus description and
fingerprint, package and pipeline version, suggested citation), and refreshes ``MANIFEST.csv`` in the
same folder. The same inputs give byte-identical files: no timestamps in PNG/SVG/PDF, fixed SVG id salt,
sorted manifest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Iterator, Sequence

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from medialens import config  # noqa: E402

#: One colour per outlet / source type, used by every chart so a type keeps its colour across figures.
TYPE_COLOURS = {
    "state_media": "#b2182b",
    "state_aligned_media": "#ef8a62",
    "independent_media": "#2166ac",
    "public_broadcaster": "#67a9cf",
    "private_media": "#5aae61",
    "news_agency": "#8c6bb1",
    "german_language_media": "#e6ab02",
    "other_media": "#7fbc41",
    "government": "#d6604d",
    "security_forces": "#762a83",
    "foreign_government": "#f4a582",
    "international_organisation": "#4393c3",
    "expert": "#1b7837",
    "witness_or_public": "#92c5de",
    "anonymous": "#999999",
    "other": "#bdbdbd",
    "unknown": "#d9d9d9",
}
FALLBACK_COLOURS = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"]

HOUSE_STYLE = {
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "axes.axisbelow": True,
    "grid.color": "#e5e5e5",
    "legend.frameon": False,
    "svg.hashsalt": "medialens",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
}

SYNTHETIC_NOTE = "Synthetic demo corpus written for medialens: illustrative only, not real coverage."


def figures_dir() -> Path:
    """Output folder for figures: ``MEDIALENS_FIGURES_DIR`` or ``<project>/figures``."""
    return Path(os.environ.get("MEDIALENS_FIGURES_DIR", config.FIGURES_DIR))


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Context manager applying the house style (``with figures.style(): ...``)."""
    with plt.rc_context(HOUSE_STYLE):
        yield


def apply_style() -> None:
    """Apply the house style globally (for notebooks)."""
    plt.rcParams.update(HOUSE_STYLE)


def colours_for(names: Sequence[str]) -> list[str]:
    """Colours for category names: the fixed type colour where there is one, else a cycling palette."""
    out, k = [], 0
    for n in names:
        if n in TYPE_COLOURS:
            out.append(TYPE_COLOURS[n])
        else:
            out.append(FALLBACK_COLOURS[k % len(FALLBACK_COLOURS)])
            k += 1
    return out


# --------------------------------------------------------------------------- generic plots


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def plot_bar(data: pd.DataFrame, label: str, value: str, *, ax=None, title: str = "", xlabel: str = "",
             colour_by: str | None = None, ci: tuple[str, str] | None = None):
    """Horizontal bar chart, largest on top.

    Args:
        data: one row per bar.
        label: column with bar labels.
        value: column with bar lengths.
        colour_by: column whose values pick colours from :data:`TYPE_COLOURS`.
        ci: ``(low_column, high_column)`` drawn as error bars.

    Returns:
        The matplotlib Axes.
    """
    ax = _axes(ax)
    d = data.sort_values(value, ascending=True, kind="stable")
    colours = colours_for(d[colour_by].astype(str).tolist()) if colour_by else FALLBACK_COLOURS[0]
    xerr = None
    if ci:
        xerr = [(d[value] - d[ci[0]]).clip(lower=0), (d[ci[1]] - d[value]).clip(lower=0)]
    ax.barh(d[label].astype(str), d[value], color=colours, xerr=xerr, error_kw={"elinewidth": 0.8, "capsize": 2})
    ax.set_title(title)
    ax.set_xlabel(xlabel or value)
    ax.grid(axis="y", visible=False)
    return ax


def plot_stacked_shares(table: pd.DataFrame, *, ax=None, title: str = "", xlabel: str = "share"):
    """Horizontal 100 % stacked bars: rows = groups, columns = categories, values = counts or shares."""
    ax = _axes(ax)
    shares = table.div(table.sum(axis=1).where(lambda s: s > 0, 1), axis=0)
    left = pd.Series(0.0, index=shares.index)
    for colour, column in zip(colours_for([str(c) for c in shares.columns]), shares.columns):
        ax.barh(shares.index.astype(str), shares[column], left=left, color=colour, label=str(column))
        left += shares[column]
    ax.set_xlim(0, 1)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
    ax.grid(axis="y", visible=False)
    return ax


def plot_lines(data: pd.DataFrame, x: str, y: str, hue: str, *, ax=None, title: str = "", ylabel: str = ""):
    """One line per ``hue`` value over ``x``, markers on the observations.

    ``x`` values that are ISO date strings are placed on a real time axis (gaps stay gaps).
    """
    ax = _axes(ax)
    data = data.copy()
    if data[x].dtype == object or str(data[x].dtype) == "string":
        parsed = pd.to_datetime(data[x], errors="coerce", format="ISO8601")
        if parsed.notna().all():
            data[x] = parsed
    groups = sorted(data[hue].astype(str).unique())
    for colour, name in zip(colours_for(groups), groups):
        d = data[data[hue].astype(str) == name].sort_values(x)
        ax.plot(d[x], d[y], marker="o", markersize=3, linewidth=1.2, color=colour, label=name)
    ax.set_title(title)
    ax.set_ylabel(ylabel or y)
    ax.grid(axis="y", visible=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
    ax.tick_params(axis="x", labelrotation=45)
    return ax


def plot_daily_counts(data: pd.DataFrame, date: str, value: str, hue: str, *, ax=None, title: str = "",
                      ylabel: str = ""):
    """Stacked bars per day (every day of the range shown, empty days as gaps), one colour per ``hue``."""
    ax = _axes(ax)
    table = data.pivot_table(index=date, columns=hue, values=value, aggfunc="sum", fill_value=0)
    days = pd.date_range(pd.Timestamp(min(table.index)), pd.Timestamp(max(table.index)), freq="D")
    table = table.reindex([d.strftime("%Y-%m-%d") for d in days], fill_value=0)
    bottom = pd.Series(0.0, index=table.index)
    labels = [d[5:] for d in table.index]
    for colour, column in zip(colours_for([str(c) for c in table.columns]), table.columns):
        ax.bar(labels, table[column], bottom=bottom, color=colour, label=str(column), width=0.8)
        bottom += table[column]
    ax.set_title(title)
    ax.set_ylabel(ylabel or value)
    ax.grid(axis="x", visible=False)
    ax.grid(axis="y", visible=True)
    ax.tick_params(axis="x", labelrotation=90)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
    return ax


def plot_heatmap(table: pd.DataFrame, *, ax=None, title: str = "", fmt: str = "{:.0f}", cmap: str = "Blues"):
    """Annotated heat map of a small matrix (rows x columns)."""
    ax = _axes(ax)
    im = ax.imshow(table.to_numpy(dtype=float), cmap=cmap, aspect="auto")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=45, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    vmax = float(table.to_numpy(dtype=float).max()) if table.size else 0.0
    for (r, c), v in pd.DataFrame(table.to_numpy(dtype=float)).stack().items():
        ax.text(c, r, fmt.format(v), ha="center", va="center", fontsize=7, color="white" if v > 0.6 * vmax else "black")
    ax.set_title(title)
    ax.grid(False)
    ax.figure.colorbar(im, ax=ax, shrink=0.8)
    return ax


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
    dates = articles["date"].dropna().astype(str)
    synthetic = bool(len(articles)) and bool(articles["synthetic"].astype(bool).all())
    return {
        "name": name or ("medialens synthetic demo corpus" if synthetic else "user corpus"),
        "articles": int(len(articles)),
        "outlets": int(articles["outlet"].nunique()),
        "date_range": [dates.min(), dates.max()] if len(dates) else None,
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


# --------------------------------------------------------------------------- keyword in context


def kwic(spans: pd.DataFrame, articles: pd.DataFrame, *, start: str = "start", end: str = "end",
         window: int = 60, keep: Sequence[str] = ()) -> pd.DataFrame:
    """Keyword-in-context rows for any table with character offsets into article texts.

    Args:
        spans: rows with ``article_id`` and the offset columns ``start``/``end`` (e.g. attributions with
            ``start="source_start", end="source_end"``, mentions, frames).
        articles: the corpus table (``article_id``, ``text``).
        window: characters of context on each side.
        keep: extra columns of ``spans`` to carry into the result.

    Returns:
        ``article_id, left, match, right`` (+ ``keep``), one row per span with offsets.
    """
    texts = dict(zip(articles["article_id"], articles["text"]))
    rows = []
    for rec in spans.to_dict("records"):
        a, b = rec.get(start), rec.get(end)
        if pd.isna(a) or pd.isna(b) or rec["article_id"] not in texts:
            continue
        text, a, b = texts[rec["article_id"]], int(a), int(b)
        left = text[max(0, a - window) : a].replace("\n", " ")
        right = text[b : b + window].replace("\n", " ")
        rows.append({"article_id": rec["article_id"], "left": left, "match": text[a:b], "right": right,
                     **{k: rec.get(k) for k in keep}})
    return pd.DataFrame(rows, columns=["article_id", "left", "match", "right", *keep])
