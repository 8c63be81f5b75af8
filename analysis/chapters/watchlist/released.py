"""The watchlisted people released into the country, as the House Judiciary Committee's report
counts them (read from published summaries of it)."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.fmt import number
from analysis.chapters.watchlist.encounters import tsds_count
from analysis.chapters.watchlist.sources import _cited, _recent


JUDICIARY = ("U.S. House of Representatives, Committee on the Judiciary, interim staff report "
             "'Terror at Our Door' (5 August 2024)")
JUDICIARY_NOTE = ("The report itself was not found: its figures are read from published summaries of it, and no "
                  "public data count what became of the people it describes, so only the report's faithful "
                  "rendering can be tested.")


def release_figures() -> dict:
    return {m: _recent(f"tsds_{m}").iloc[0] for m in
            ("released", "in_custody", "encountered_usbp_sw", "bond", "asylum", "terminated", "nationalities")}


def cbp_between_ports_sw(first_fy: int, last_fy: int) -> int:
    return sum(tsds_count(fy, "southwest", "between") for fy in range(first_fy, last_fy + 1))


def _released_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-watchlist-released-fy2021-2023")
    rows = release_figures()
    seen, cbp = rows["encountered_usbp_sw"]["value"], cbp_between_ports_sw(2021, 2023)
    return verdicts.judge(c.id, [_cited(f, rows[m], JUDICIARY) for f, m in zip(c.stated, ("released", "in_custody"))],
                          p["tolerance"], note=(
        f"{JUDICIARY_NOTE} The report counts {number(seen)} watchlisted people encountered by the Border Patrol on the "
        f"southwest border in FY2021-FY2023 (CBP's own table: {number(cbp)} encounters, which count events, not "
        f"people); the released are {rows['released']['value'] / seen:.0%} of them and those still held "
        f"{rows['in_custody']['value'] / seen:.0%}."))


def _nationalities_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-watchlist-nationalities")
    return verdicts.judge(c.id, [_cited(c.stated[0], release_figures()["nationalities"], JUDICIARY)], p["tolerance"],
                          note=JUDICIARY_NOTE)


def outcome_shares() -> pd.DataFrame:
    rows = release_figures()
    released = rows["released"]["value"]
    return pd.DataFrame([{"outcome": label, "people": int(rows[m]["value"]),
                          "share of the released": f"{rows[m]['value'] / released:.0%}"}
                         for m, label in (("bond", "granted bond"), ("asylum", "granted asylum"),
                                          ("terminated", "case terminated"))])


def _outcomes_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-watchlist-case-outcomes")
    rows = release_figures()
    known = sum(rows[m]["value"] for m in ("bond", "asylum", "terminated"))
    return verdicts.judge(c.id, [
        *[_cited(f, rows[m], JUDICIARY) for f, m in zip(c.stated[:3], ("bond", "asylum", "terminated"))],
        verdicts.missing(c.stated[3], "the summaries read do not describe individual bond hearings")], p["tolerance"],
        note=f"{JUDICIARY_NOTE} Together these are {number(known)} of the {number(rows['released']['value'])} released; "
             "the summaries do not say what happened to the others.")
