"""What several chapters share."""
from __future__ import annotations

from typing import Callable


def data_years(years: Callable[[], tuple[int, int]], note: str) -> dict:
    """A parameter's bounds, the first and last of the years some data cover, read when the parameter is
    checked (so a changed data file moves them); ``note`` says which data (``Param``'s arguments)."""
    return dict(minimum=lambda: years()[0], maximum=lambda: years()[1], range_note=note)
