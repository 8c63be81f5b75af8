"""Daily traffic at the land ports (Sluys 2023): travellers entering a day, from the crossings data."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.series import crossings
from analysis.chapters.watchlist.sources import _origin


TRAVELLERS = ("Personal Vehicle Passengers", "Pedestrians", "Bus Passengers", "Train Passengers")
POE_BORDERS = {"us-mexico": ("us-mexico",), "both": ("us-mexico", "us-canada")}
POE_BORDER_LABELS = {"us-mexico": "the U.S.-Mexico border", "both": "both land borders"}  # as readers read them


def travellers_per_day(year: int, borders: tuple[str, ...]) -> float:
    days = pd.Timestamp(year=year, month=12, day=31).day_of_year
    total = sum(crossings(measure, border).get(year, 0.0) for measure in TRAVELLERS for border in borders)
    return total / days


def _poe_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("sluys-poe-daily-traffic")
    people, cargo = c.stated
    where = {"us-mexico": "U.S.-Mexico", "both": "U.S.-Mexico and U.S.-Canada"}[p["poe_border"]]
    return verdicts.judge(c.id, [
        verdicts.measured(people, round(travellers_per_day(p["poe_year"], POE_BORDERS[p["poe_border"]])),
                          source=_origin("border_crossings"),
                          basis=f"Travellers entering at {where} land ports in {p['poe_year']} (vehicle, bus and train "
                                "passengers and pedestrians), per day, to the nearest traveller"),
        verdicts.missing(cargo, "the crossings data count trucks and containers, not tons; air and sea ports are not "
                                "included either")], p["tolerance"])
