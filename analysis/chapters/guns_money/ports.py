"""The ports of entry: inspectors against Border Patrol agents (context for the port-staffing claim,
which the registry marks unverifiable), and the scenario of officers moved to the ports."""
from __future__ import annotations

import pandas as pd

from analysis.core.data import load
from analysis.core.series import agents as agents_series
from analysis.core.series import agents_in, reported, reported_in


def _present_years() -> tuple[int, int]:
    """The fiscal years the staffing (nationwide) and apprehension (southwest) data share."""
    apprehensions = load("border_patrol_apprehensions").query("region == 'southwest'")["fy"]
    shared = set(agents_series().index) & set(apprehensions)
    return int(min(shared)), int(max(shared))


def ondcp_series(measure: str) -> pd.Series:
    """One ONDCP southwest-border series by fiscal year: actual years only (its FY1998 was a plan)."""
    rows = reported(measure)
    rows = rows[(rows["citation"] == "ondcp_sw_ins") & ~rows["note"].fillna("").str.startswith("Planned")
                & ~rows["note"].fillna("").str.contains("planned", case=False)]
    return rows.set_index("fy_start")["value"].sort_index()


def inspectors() -> pd.Series:
    """INS inspectors at southwest land ports by fiscal year (ONDCP)."""
    return ondcp_series("ins_sw_land_port_inspectors")


def shift_scenario(officers_shifted: int, year: int) -> dict:
    """What moving Border Patrol officers to the ports would mean in one fiscal year."""
    patrol = agents_in(year)
    officers = reported_in("cbp_officers", year, allow_secondary=True)
    return {"patrol": patrol, "share_of_patrol": officers_shifted / patrol * 100,
            "cbp_officers": None if officers is None else float(officers["value"]),
            "cbp_officers_source": None if officers is None else officers["publisher"],
            "cbp_officers_tier": None if officers is None else f"{officers['tier']}",
            "added_to_ports": None if officers is None else officers_shifted / officers["value"] * 100}
