"""The ports of entry: inspectors against Border Patrol agents (context for the port-staffing claim,
which the registry marks unverifiable), ports against the land between them as the route for drugs, and the
scenario of officers moved to the ports."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.fmt import number
from analysis.core.series import agents as agents_series
from analysis.core.series import agents_in, relay_note, reported, reported_in
from analysis.chapters.guns_money.records import EVIDENCE, record

ROUTE_FY = 2011  # the first fiscal year of the Border Patrol's sector profiles, and the year of the essay


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


def ports_share_bound(fy: int = ROUTE_FY) -> dict:
    """The most the ports can have seized of all drugs (by weight) on the southwest border in one fiscal year:
    everything CBP seized anywhere, less what the Border Patrol seized between the southwest ports."""
    total = reported_in("cbp_narcotics_seized", fy, allow_secondary=True, resource=EVIDENCE)
    between = reported_in("usbp_sw_drugs_seized", fy, allow_secondary=True, resource=EVIDENCE)
    ports_max = float(total["value"]) - float(between["value"])
    return {"fy": fy, "total": total, "between": float(between["value"]), "ports_max": ports_max,
            "share_max": ports_max / float(total["value"])}


def _ports_route_claim(p: dict) -> verdicts.ClaimResult:
    """"The main route for illegal drugs": ports against the land between them, by the weight of all drugs seized
    on the southwest border (the essay's "illegal drugs", marijuana included). Seizures stand in for the flow,
    which nobody measures; outbound guns and money by route were not found."""
    c = claim("heyman-ports-main-route")
    drugs, outbound = c.stated
    b = ports_share_bound()
    hard = record("hard_drugs_seized_sw_ports_share")
    note = (f"Hard drugs alone rank the other way: of the cocaine, heroin and methamphetamine seized on the border in "
            f"FY{int(hard['fy_start'])}-FY{int(hard['fy_end'])}, {hard['as_printed']} were seized at ports ({hard['publisher']}). "
            "By weight, marijuana, which the Border Patrol seized mostly between ports, decides the ranking; seizures "
            "measure interdiction, not the flow of drugs. " + relay_note([b["total"], hard])).strip()
    if b["share_max"] >= 0.5:
        found = verdicts.missing(drugs, f"the ports' share of FY{b['fy']} seizures is bounded only from above, at "
                                        f"{b['share_max']:.1%}, which does not decide the rank")
    else:
        found = verdicts.measured(drugs, 2, source=b["total"]["publisher"], tier=b["total"]["tier"], basis=(
            f"Rank of the ports among the two routes across the southwest border by weight of drugs seized, FY{b['fy']}: "
            f"the Border Patrol seized {number(b['between'])} lb between the ports and all of CBP "
            f"\u201c{b['total']['as_printed']}\u201d everywhere, so officers at the southwest ports seized at most "
            f"{number(b['ports_max'])} lb, {b['share_max']:.1%} of the border's total"))
    return verdicts.judge(c.id, [found, verdicts.missing(
        outbound, "no count of guns or cash smuggled south by route was found; outbound seizures are made at ports "
                  "only, so they cannot rank the routes")], p["tolerance"], note=note)
