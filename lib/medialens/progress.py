"""Progress bars: a tqdm bar (terminal or JupyterLab widget) for long steps, or a silent stand-in."""

from __future__ import annotations


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, text: str = "", refresh: bool = True) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int, enabled: bool = True, desc: str = "Annotating", unit: str = "article"):
    """A ``tqdm.auto`` bar over ``total`` items when ``enabled``; an object with the same ``update``/
    ``close`` that prints nothing otherwise."""
    if not enabled:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit)
