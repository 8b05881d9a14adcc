"""House style: rc parameters, figure sizes, display labels and colours of every category.

Display names and colours come from one data file, ``data/display/labels.csv`` (``family, id, label,
colour``; README beside it): charts and tables shown to people say "State-aligned media" where the data
says ``state_aligned_media``; CSV files keep the ids. Every colour is from a colour-blind-safe set --
Okabe & Ito (2008), *Color Universal Design*, and Paul Tol (2021), *Colour Schemes*, SRON/EPS/TN/09-002
(muted and light sets) -- chosen so that the categories of one family (outlet types, source types …)
stay apart for normal vision and under simulated protanopia, deuteranopia and tritanopia
(``tests/test_figures_style.py`` measures it). A type keeps its colour across figures.

Sizes: :data:`SIZES` gives the width of a one-column (3.5 in) and a two-column (7.2 in) figure;
:func:`medialens.figures.save_figure` fits every chart to one of them, and no text is smaller than
7 pt at that size. Analyses never import this module.
"""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping, Sequence

import matplotlib.pyplot as plt
import pandas as pd

from medialens import config
from medialens.datafiles import data_rows

#: The data file of display names and colours.
LABELS_FILE = config.DATA_DIR / "display" / "labels.csv"

#: Okabe & Ito (2008) colour-universal-design set (black last).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
#: Paul Tol's muted qualitative set (2021), without its pale grey "bad data" colour.
TOL_MUTED = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499")
#: Colours of categories that have none in the labels file: Okabe-Ito, then Tol muted.
FALLBACK_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
                    "#882255", "#117733", "#332288", "#999933", "#AA4499", "#44AA99", "#CC6677"]
#: Grey of bars that are volume or context, not a category (articles per day behind actor lines).
CONTEXT_GREY = "#BBBBBB"

#: Figure widths in inches: one column of a two-column journal page, and the full text width.
SIZES: Mapping[str, float] = MappingProxyType({"one_column": 3.5, "two_column": 7.2})
#: The smallest font size (points) any text of a saved chart may have at its saved size.
MIN_FONT_SIZE = 7.0

HOUSE_STYLE = {
    "figure.figsize": (SIZES["two_column"], 4.0),
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.01,
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 8,
    "figure.titlesize": 9,
    "figure.titleweight": "bold",
    "figure.labelsize": 8,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "legend.fontsize": 7.5,
    "legend.title_fontsize": 7.5,
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

#: Caption prefix of every chart of the synthetic demo corpus (the sidecar and MANIFEST say it in full).
SYNTHETIC_NOTE = "Synthetic demo corpus written for medialens: illustrative only, not real coverage."
#: The same warning, short enough to be drawn on a one-column image.
SYNTHETIC_STAMP = "Synthetic demo corpus: illustrative only, not real coverage"


# --------------------------------------------------------------------------- labels and colours


@lru_cache(maxsize=4)
def _categories(path: str = str(LABELS_FILE)) -> dict[str, dict[str, tuple[str, str]]]:
    """``{family: {id: (label, colour)}}`` from the labels file, families and ids in file order.

    Raises:
        ValueError: naming the file and id when an id appears twice in one family.
    """
    families: dict[str, dict[str, tuple[str, str]]] = {}
    for row in data_rows(path):
        rows = families.setdefault(row["family"], {})
        if row["id"] in rows:
            raise ValueError(f"{path}: id {row['id']!r} twice in family {row['family']!r}")
        rows[row["id"]] = (row["label"], row["colour"].strip())
    return families


def _lookup(value, family_name: str | None) -> tuple[str, str] | None:
    """``(label, colour)`` of an id: from ``family_name`` when given, else from the first family listing it."""
    families = _categories()
    if family_name is not None:
        return families.get(family_name, {}).get(value)
    return next((rows[value] for rows in families.values() if value in rows), None)


_HEAD = re.compile(r"^(\S+?)(\s*[\n(].*)$", re.S)


def label(value, family_name: str | None = None) -> str:
    """The display name of a category id (``state_aligned_media`` → ``State-aligned media``).

    Args:
        value: the id. A value that starts with an id and adds a count (``"state_media (n=12)"``,
            ``"state_media\n(3 art.)"``) keeps the addition. Ids missing from the labels file (an
            actor's name, an outlet) are shown as they are, with ``_`` as a space.
        family_name: the family to look in (``"category"``: ``state`` = "States"; ``"source_group"``:
            ``state`` = "State sources"); default: the first family listing the id.
    """
    text = str(value)
    found = _lookup(text, family_name)
    if found:
        return found[0]
    head = _HEAD.match(text)
    if head and _lookup(head.group(1), family_name):
        return _lookup(head.group(1), family_name)[0] + head.group(2)
    return text.replace("_", " ")


def labels(values: Iterable, family_name: str | None = None) -> list[str]:
    """:func:`label` of every value."""
    return [label(v, family_name) for v in values]


def family(name: str) -> tuple[str, ...]:
    """The ids of one family of the labels file, in file order (``"outlet_type"``, ``"frame"`` …)."""
    families = _categories()
    if name not in families:
        raise KeyError(f"no family {name!r} in {LABELS_FILE} (families: {', '.join(sorted(families))})")
    return tuple(families[name])


def readable(table: pd.DataFrame, columns: Sequence[str] | None = None, *, headers: bool = True) -> pd.DataFrame:
    """A copy of ``table`` for people: category ids replaced by their labels, column names with spaces.

    Args:
        table: any tidy table (index kept).
        columns: the columns whose values are ids (default: every text column).
        headers: also write ``outlet_type`` as ``outlet type`` in the header.

    Returns:
        The relabelled copy; the numbers are untouched, CSV files keep the ids.
    """
    out = table.copy()
    chosen = columns if columns is not None else [c for c in out.columns if out[c].dtype == object
                                                      or str(out[c].dtype) in ("string", "str", "category")]
    for column in chosen:
        out[column] = out[column].map(lambda v: _known_label(v))
    if headers:
        out.columns = [str(c).replace("_", " ") for c in out.columns]
    return out


def _known_label(value):
    """The label of a known id, anything else unchanged (table cells: names and numbers stay)."""
    found = _lookup(value, None) if isinstance(value, str) else None
    return found[0] if found else value


def colour(value, default: str | None = None, family_name: str | None = None) -> str | None:
    """The fixed colour of a category id, or ``default``."""
    found = _lookup(str(value), family_name)
    return (found[1] or default) if found else default


def colours_for(names: Sequence[str], family_name: str | None = None) -> list[str]:
    """Colours for category ids: the fixed colour where there is one, else the next fallback colour.

    Fallback colours skip the fixed colours already used in ``names``, so every category of one
    chart gets its own colour (up to 14 categories without a fixed colour).
    """
    taken = {colour(n, family_name=family_name) for n in names} - {None}
    spare = [c for c in FALLBACK_COLOURS if c not in taken] or FALLBACK_COLOURS
    out, k = [], 0
    for n in names:
        fixed = colour(n, family_name=family_name)
        if fixed is None:
            fixed = spare[k % len(spare)]
            k += 1
        out.append(fixed)
    return out


def _family_colours(name: str) -> Mapping[str, str]:
    return MappingProxyType({cid: c for cid, (_, c) in _categories()[name].items() if c})


#: Colour of every outlet and source type, by id (from the labels file).
TYPE_COLOURS: Mapping[str, str] = MappingProxyType(
    {cid: c for f in ("outlet_type", "outlet_group", "source_type") for cid, c in _family_colours(f).items()}
)
#: Colours of the coarse source groups of :data:`medialens.sentiment.SOURCE_GROUPS`.
SOURCE_GROUP_COLOURS: Mapping[str, str] = _family_colours("source_group")
#: Colours of the distancing marker kinds (ColorBrewer Purples: explicit markers dark, reported speech light).
MARKER_KIND_COLOURS: Mapping[str, str] = _family_colours("marker")
#: Colours of the stances of a naming choice (official as state media, critical as independent media).
STANCE_COLOURS: Mapping[str, str] = _family_colours("stance")


# --------------------------------------------------------------------------- style and sizes


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Context manager applying the house style (``with figures.style(): ...``)."""
    with plt.rc_context(HOUSE_STYLE):
        yield


def apply_style() -> None:
    """Apply the house style globally (for notebooks)."""
    plt.rcParams.update(HOUSE_STYLE)


def figure(size: str = "two_column", height: float | None = None, **subplots):
    """``plt.subplots`` at a publication width: ``figure("one_column")`` is 3.5 in wide, ``"two_column"`` 7.2 in.

    Args:
        size: a key of :data:`SIZES`.
        height: inches (default 0.6 × the width, at least 2.4 in).
        subplots: passed to :func:`matplotlib.pyplot.subplots` (``nrows``, ``ncols``, ``sharex`` …).

    Returns:
        ``(fig, ax)`` as ``plt.subplots`` returns them, with constrained layout.
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, not {size!r}")
    width = SIZES[size]
    subplots.setdefault("layout", "constrained")
    return plt.subplots(figsize=(width, height or max(2.4, 0.6 * width)), **subplots)


def size_for(width: float) -> str:
    """The size preset a figure of ``width`` inches is fitted to: one column up to 5 in, else two."""
    return "one_column" if width <= 5.0 else "two_column"


def percent_axis(ax, axis: str = "x", *, share: bool = True) -> None:
    """Tick labels in per cent (``0.25`` → ``25 %`` when ``share``; ``25`` → ``25 %`` otherwise)."""
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    target = ax.xaxis if axis == "x" else ax.yaxis
    # at most six intervals (labels of 0-100 % never touch at print size); steps 2 %, 4 %: never a rounded 2.5 %
    target.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
    target.set_major_formatter(PercentFormatter(xmax=1.0 if share else 100.0, decimals=0, symbol=" %"))
