"""Events the essay names to set borders beside terrorism: how the 9/11 attackers entered, and the year of
the first World Trade Center bombing, each against the record that states it."""
from __future__ import annotations

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.chapters.common import record, records


def _911_entry_claim(p: dict) -> verdicts.ClaimResult:
    """The 9/11 attackers' route into the country, as the 9/11 Commission's staff established it."""
    c = claim("heyman-911-attackers-entered-by-air")
    land, visas = c.stated
    return verdicts.judge(c.id, [
        record(land, "attack_911_land_border_entries",
               basis="The 9/11 Commission's staff: attackers who entered or tried to enter over a land border"),
        record(visas, "attack_911_hijackers_admitted_with_visas",
               basis="The 9/11 Commission's staff report on terrorist travel")], p["tolerance"])


def _wtc_1993_claim(p: dict) -> verdicts.ClaimResult:
    """The year of the first World Trade Center bombing (a year is graded in years, not by the tolerance)."""
    c = claim("heyman-wtc-bombing-1993")
    day = records("wtc_bombing_1993")["date"].iloc[0]
    return verdicts.judge(c.id, [record(c.stated[0], "wtc_bombing_1993",
                                        basis=f"The bomb in the World Trade Center's garage went off on {day}")],
                          p["tolerance"])
