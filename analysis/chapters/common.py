"""What several chapters share."""
from __future__ import annotations

from typing import Callable

from analysis.core.params import Param

# the same relative tolerance, and the same alternatives, in every chapter that grades figures
TOLERANCE = Param("tolerance", float, 0.10, "relative difference within which a figure counts as accurate",
                  minimum=0.0, maximum=1.0, grid=(0.05, 0.15))


def data_years(years: Callable[[], tuple[int, int]], note: str) -> dict:
    """A parameter's bounds, the first and last of the years some data cover, read when the parameter is
    checked (so a changed data file moves them); ``note`` says which data (``Param``'s arguments)."""
    return dict(minimum=lambda: years()[0], maximum=lambda: years()[1], range_note=note)
