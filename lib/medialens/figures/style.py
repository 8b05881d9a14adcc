"""House style: rc parameters, the fixed colour of every outlet and source type, palettes.

Every chart uses these colours, so a type keeps its colour across figures. Analyses never import this
module; colour and display choices live here only.
"""

from __future__ import annotations

import contextlib
from types import MappingProxyType
from typing import Iterator, Mapping, Sequence

import matplotlib.pyplot as plt

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
    "civil_society": "#35978f",
    "opposition": "#c51b7d",
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

#: Colours of the coarse source groups of :data:`medialens.sentiment.SOURCE_GROUPS` (state red and
#: independent blue, as the outlet types).
SOURCE_GROUP_COLOURS: Mapping[str, str] = MappingProxyType(
    {"state": "#b2182b", "independent": "#2166ac", "foreign/international": "#f4a582", "other/unclear": "#999999"}
)
#: Colours of the distancing marker kinds (explicit markers dark, reported speech light).
MARKER_KIND_COLOURS: Mapping[str, str] = MappingProxyType(
    {"lexical": "#54278f", "scare_quote": "#9e9ac8", "konjunktiv1": "#dadaeb", "modal": "#807dba"}
)
#: Colours of the stances of a naming choice (official red as state media, critical blue as independent).
STANCE_COLOURS: Mapping[str, str] = MappingProxyType(
    {"official": "#b2182b", "pejorative": "#ef8a62", "neutral": "#969696", "sympathetic": "#67a9cf",
     "critical": "#2166ac"}
)


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
