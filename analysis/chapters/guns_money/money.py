"""The money: cash seized against cash smuggled, the fence's cost, what smugglers charge and what
enforcement against migration costs, mostly as the GAO reports the essay cites give them."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.fmt import number
from analysis.core.growth import ratio
from analysis.core.inflation import price_ratio
from analysis.core.plotting import finish, new_figure
from analysis.core.series import relay_note, reported, reported_in


# Operation Hold the Line (El Paso, September 1993) opened the build-up the essay dates to 1993
BUILDUP_START = 1993
FEE_SERIES = {"mmp": "Mexican Migration Project", "ccis": "Center for Comparative Immigration Studies"}
GAO = "U.S. Government Accountability Office (GAO)"


def interdiction_rate(seized_usd: float, months_covered: int, flow_usd: float) -> float:
    """Share (percent) of a year's smuggled cash that the seizures, annualized, amount to."""
    return seized_usd * 12 / months_covered / flow_usd * 100


def _gao_figure(measure: str) -> pd.Series:
    rows = reported(measure)
    if rows.empty:
        raise ValueError(f"no reported figure for {measure!r} in reported_figures")
    return rows.iloc[0]


def gao_seizures() -> pd.Series:
    """GAO-11-73's count of outbound cash CBP seized at land ports, March 2009 to June 2010."""
    rows = reported("cash_seized_outbound")
    rows = rows[(rows["citation"] == "gao_11_73")]
    if len(rows) != 1:
        raise ValueError(f"expected one GAO-11-73 row of cash_seized_outbound in reported_figures, found {len(rows)}")
    return rows.iloc[0]


def _report(row: pd.Series) -> str:
    """The report number in a publication title: "... (GAO-11-73)" -> "GAO-11-73"."""
    return row["publication"].rsplit("(", 1)[-1].rstrip(")")


def months_spanned(row: pd.Series) -> int:
    """Months from a reported figure's first month to its last, both counted ("2009-03" to "2010-06": 16)."""
    (first_year, first_month), (last_year, last_month) = (map(int, row[end].split("-")[:2])
                                                          for end in ("period_start", "period_end"))
    return (last_year - first_year) * 12 + last_month - first_month + 1


def _cash_claim(p: dict) -> verdicts.ClaimResult:
    """Both figures against the GAO report the essay cites (faithful to its source?). The flow itself is an
    estimate of the National Drug Intelligence Center that no measurement can test."""
    c = claim("heyman-cash-seized-vs-smuggled")
    seized, flow = c.stated
    row = gao_seizures()
    low, high = _gao_figure("cash_flow_estimate_low"), _gao_figure("cash_flow_estimate_high")
    report = _report(low)
    rates = [interdiction_rate(p["seized_usd"], p["months_covered"], f) for f in (p["flow_high_usd"], p["flow_low_usd"])]
    months = [pd.Period(row[k], "M").strftime("%B %Y") for k in ("period_start", "period_end")]
    note = (f"GAO's seizure figure covers {months[0]} to {months[1]} and was read from a newspaper "
            f"summary of {report}, not from the report itself. Annualized over {p['months_covered']} months, the "
            f"seizures are {rates[0]:.2f}% to {rates[1]:.2f}% of the estimated flow.")
    return verdicts.judge(c.id, [
        verdicts.cited(seized, source=f"{GAO}, {report}", value=row["value"] / 1e6,
                       basis=f"{report}'s count of outbound cash CBP seized at land ports"),
        verdicts.cited(flow, source=f"{GAO}, {report}, quoting the National Drug Intelligence Center",
                       low=low["value"] / 1e9, high=high["value"] / 1e9,
                       basis=f"{report}'s figure, from the National Drug Intelligence Center, for the cash "
                             "smuggled south each year"),
        verdicts.missing(flow, "no measurement of the cash smuggled south exists beside the National Drug "
                               "Intelligence Center's estimate itself"),
    ], p["tolerance"], note=note)


def fence_costs() -> dict:
    """GAO-09-896's fence figures and what follows per mile and per year."""
    build, upkeep = _gao_figure("fence_construction_cost"), _gao_figure("fence_maintenance_cost")
    horizon, miles = _gao_figure("fence_maintenance_horizon"), _gao_figure("fence_miles_built")
    per_year = upkeep["value"] / horizon["value"]
    return {"build": build, "upkeep": upkeep, "horizon_years": int(horizon["value"]), "miles": miles["value"],
            "build_per_mile": build["value"] / miles["value"], "upkeep_per_year": per_year,
            "upkeep_per_mile_year": per_year / miles["value"]}


def _fence_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("heyman-fence-cost")
    costs = fence_costs()
    build, upkeep = costs["build"], costs["upkeep"]
    return verdicts.judge(c.id, [
        verdicts.measured(c.stated[0], build["value"] / 1e9, basis=f"{_report(build)}, construction to date",
                          source=f"{GAO}, {_report(build)}", tier=build["tier"]),
        verdicts.measured(c.stated[1], upkeep["value"] / 1e9,
                          basis=f"{_report(upkeep)}, maintenance over {costs['horizon_years']} years",
                          source=f"{GAO}, {_report(upkeep)}", tier=upkeep["tier"]),
    ], p["tolerance"])


def _spending_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("heyman-billions-on-migration-enforcement")
    budget = reported_in("bp_budget", p["year"], allow_secondary=True)
    if budget is None:
        evidence = verdicts.missing(c.stated[0], f"no Border Patrol budget figure for FY{p['year']}")
    else:
        evidence = verdicts.measured(
            c.stated[0], budget["value"] / 1e9, source=budget["publisher"], tier=budget["tier"],
            basis=f"Border Patrol budget in FY{p['year']}, the agency that makes the arrests (removals are funded "
                  "separately, through ICE)")
    return verdicts.judge(c.id, [evidence], p["tolerance"], note=relay_note([budget]))


def smuggling_fees(source: str) -> pd.Series:
    fees = load("smuggling_fees")
    return fees[fees["source"] == source].set_index("year")["fee_usd"].astype(float)


def _fees_claim(p: dict) -> verdicts.ClaimResult:
    """Fees from the start of the build-up to the last year of the survey series. The share of migrants who
    hire smugglers is not in the data."""
    c = claim("heyman-smuggler-use-and-price")
    use, price = c.stated
    series = smuggling_fees(p["fee_series"])
    start, end = BUILDUP_START, int(series.index.max())
    prices = price_ratio(start, end, "cpi-u", basis="calendar")
    grew = ratio(series[start], series[end])
    note = (f"The source does not say whether these dollars are nominal or constant; were they nominal, consumer "
            f"prices rose {number(prices, 'ratio')} over the same years, leaving a real rise of "
            f"{number(grew / prices, 'ratio')}.")
    return verdicts.judge(c.id, [
        verdicts.missing(use, "no series of the share of migrants who hire smugglers is among the book's data"),
        verdicts.measured(price, grew, source=FEE_SERIES[p["fee_series"]], tier="secondary",
                          basis=f"Average fee reported to the {FEE_SERIES[p['fee_series']]}, {start} "
                                f"({number(series[start], 'usd')}) to {end} ({number(series[end], 'usd')})"),
    ], p["tolerance"], note=note)


def cash_figure(seized_usd: float, months_covered: int, flow_low_usd: float, flow_high_usd: float, **_):
    """The interdiction rate across the whole range of flow estimates."""
    import numpy as np
    essay = claim("heyman-cash-seized-vs-smuggled").stated[1]
    low = min(flow_low_usd, essay.low * 1e9) * 0.5
    high = max(flow_high_usd, essay.high * 1e9) * 1.3
    flows = np.linspace(low, high, 200)
    fig, ax = new_figure("Cash seized as a share of cash smuggled",
                         "Estimated cash smuggled south in a year (billion US dollars, nominal)",
                         "Annualized seizures (% of the flow)")
    ax.plot(flows / 1e9, [interdiction_rate(seized_usd, months_covered, f) for f in flows], color="C0",
            gid="Seizures as a share of the flow")  # the curve's name in the figure's data
    ax.axvspan(flow_low_usd / 1e9, flow_high_usd / 1e9, color="C0", alpha=0.15, label="Flow range used (by default, GAO's)")
    ax.axvspan(essay.low, essay.high, color="C1", alpha=0.15, label="Range the essay states")
    ax.legend(loc="upper right", fontsize="small")
    return finish(fig)
