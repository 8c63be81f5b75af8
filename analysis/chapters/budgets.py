"""Chapter: Border Patrol vs ports of entry, budgets and staffing (Heyman 2011).

Recomputes the essay's staffing and budget claims from CBP's staffing and apprehension tables,
the reported budget figures (official where they exist, secondary otherwise, never interpolated)
and the price indexes.
"""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim, present
from analysis.core.data import load
from analysis.core.fmt import number, sentence
from analysis.core.growth import ratio
from analysis.core.inflation import DEFLATOR_SHORT, DEFLATORS, price_ratio, to_real
from analysis.core.params import Param, Parameters, start_before_end
from analysis.core.plotting import TIER_MARKERS, finish, new_figure
from analysis.core.series import agents, agents_in, apprehensions_in, relay_note, reported, reported_in
from analysis.chapters.common import TOLERANCE, data_years, record, record_source, records, records_between

TIME_NEEDED = "about an hour"  # for a class, in words (the teachers page and the chapter show it)
PREREQUISITES = ("reading a table; ratios and percentages; for re-running, opening a notebook and editing a line "
                 "of Python")

# Comparison years fixed by the essay's own wording ("to 2001", "since 2005", "since 1994").
TRIPLED_END, DOUBLED_START, QUINTUPLED_START = 2001, 2005, 1994


def staffing_years() -> tuple[int, int]:
    """First and last fiscal year of the staffing table."""
    fy = load("border_patrol_agents")["fy"]
    return int(fy.min()), int(fy.max())


def _fixed_years(values: dict) -> None:
    if values["start_year"] >= TRIPLED_END:
        raise ValueError(f"parameter 'start_year'={values['start_year']} must be before {TRIPLED_END}, "
                         "the end of the essay's 'tripled' comparison")
    if values["end_year"] <= DOUBLED_START:
        raise ValueError(f"parameter 'end_year'={values['end_year']} must be after {DOUBLED_START}, "
                         "the start of the essay's 'nearly doubled' comparison")
    if values["agents_first_fy"] >= present("wpr2019"):
        raise ValueError(f"parameter 'agents_first_fy'={values['agents_first_fy']} must be before "
                         f"{present('wpr2019')}, the World Politics Review column's present")


_years = data_years(staffing_years, "the fiscal years the Border Patrol staffing data cover")
PARAMETERS = Parameters(
    params=(
        Param("start_year", int, 1993, "fiscal year standing for the essay's 1993 baseline", **_years,
              grid=(1992, 1994)),
        Param("end_year", int, present("heyman2011"), "fiscal year standing for the essay's 2010 and its 'present'",
              **_years, grid=(2009, 2011)),
        Param("deflator", str, "cpi-u", "price index used to adjust dollars for inflation",
              choices=tuple(DEFLATORS), grid=("gdp",)),
        TOLERANCE,
        Param("agents_first_fy", int, 2001, "fiscal year the World Politics Review column's 'hiring more border "
              "control agents' is measured from (the start of the post-2001 build-up)", **_years, grid=(2015,)),
        Param("allow_secondary", bool, True,
              "whether secondary reports of official figures may stand in where no official figure was found",
              grid=(False,)),
    ),
    checks=(start_before_end("start_year", "end_year"), _fixed_years),
)


STAFFING = "CBP, U.S. Border Patrol staffing statistics"
APPREHENSIONS = "CBP, U.S. Border Patrol apprehension statistics"


def _source(row: pd.Series) -> str:
    return f"FY{row['fy_start']} {number(row['value'], 'usd')} [{row['publisher']}]"


def _staffing_claims(p: dict) -> list[verdicts.ClaimResult]:
    s, e, tol = p["start_year"], p["end_year"], p["tolerance"]
    a = {fy: agents_in(fy) for fy in {s, e, TRIPLED_END, DOUBLED_START, QUINTUPLED_START}}

    def span(y0, y1):
        return f"Nationwide agents, FY{y0} ({a[y0]:,}) to FY{y1} ({a[y1]:,})"

    def level(figure, fy):
        return verdicts.measured(figure, a[fy], basis=f"Nationwide agents in FY{fy}", source=STAFFING)

    def growth(figure, y0, y1):
        return verdicts.measured(figure, ratio(a[y0], a[y1]), basis=span(y0, y1), source=STAFFING)

    def build_up(claim_id: str, y0: int, y1: int) -> verdicts.ClaimResult:
        """A claim stating a start level, an end level and the growth between them."""
        start, end, grew = claim(claim_id).stated
        return verdicts.judge(claim_id, [level(start, y0), level(end, y1), growth(grew, y0, y1)], tol)

    c = claim("heyman-bp-staffing-1993-2010")
    staffing = verdicts.judge(c.id, [growth(c.stated[0], s, e)], tol)
    c = claim("heyman-bp-quintupled-since-1994")
    since_1994 = verdicts.judge(c.id, [growth(c.stated[0], QUINTUPLED_START, e)], tol)
    c = claim("heyman-bp-southwest-agents")
    southwest = verdicts.judge(c.id, [verdicts.measured(c.stated[0], agents_in(e, "southwest"),
                                                        basis=f"Southwest border agents in FY{e}", source=STAFFING)], tol)
    return [staffing, build_up("heyman-bp-growth-1993-2001", s, TRIPLED_END),
            build_up("heyman-bp-growth-2005-present", DOUBLED_START, e), since_1994, southwest]


def _reported_growth(figure, measure: str, what: str, p: dict) -> verdicts.Evidence:
    """A growth ratio between the reported figures for exactly start_year and end_year, or why there is none."""
    s, e = p["start_year"], p["end_year"]
    ends = {fy: reported_in(measure, fy, p["allow_secondary"]) for fy in (s, e)}
    missing = [f"FY{fy}" for fy, row in ends.items() if row is None]
    if missing:
        kinds = "official or secondary" if p["allow_secondary"] else "official"
        return verdicts.missing(figure, f"no {kinds} {what} figure for {' or '.join(missing)}")
    tier = "official" if {ends[s]["tier"], ends[e]["tier"]} == {"official"} else "secondary"
    return verdicts.measured(figure, ratio(ends[s]["value"], ends[e]["value"]),
                             basis=f"{sentence(what)}, {_source(ends[s])} to {_source(ends[e])}",
                             source="; ".join(dict.fromkeys([ends[s]["publisher"], ends[e]["publisher"]])), tier=tier)


def _budget_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("heyman-bp-budget-1993-2010")
    ends = [reported_in("bp_budget", fy, p["allow_secondary"]) for fy in (p["start_year"], p["end_year"])]
    return verdicts.judge(c.id, [_reported_growth(c.stated[0], "bp_budget", "Border Patrol budget", p)], p["tolerance"],
                          note=relay_note(ends))


def implied_real_growth(nominal_ratio: float, start_year: int, end_year: int, deflator: str) -> float:
    """Real growth in percent implied by a nominal growth ratio over a period."""
    return (nominal_ratio / price_ratio(start_year, end_year, deflator) - 1) * 100


def _port_budget_claim(p: dict) -> verdicts.ClaimResult:
    """The doubling against the reported port budgets, and the stated real growth against what a
    doubling implies once prices are taken into account (the claim's own arithmetic)."""
    s, e = p["start_year"], p["end_year"]
    c = claim("heyman-port-budget-1993-2010")
    nominal, real = c.stated
    prices = price_ratio(s, e, p["deflator"])
    arithmetic = verdicts.implied(real, implied_real_growth(nominal.value, s, e, p["deflator"]),
                                  basis=f"Real growth implied by doubling from FY{s} to FY{e}, "
                                        f"while prices ({DEFLATORS[p['deflator']]}) rose {prices:.2f}-fold")
    return verdicts.judge(c.id, [_reported_growth(nominal, "land_port_budget", "land-port budget", p), arithmetic],
                          p["tolerance"])


def _arrests_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("heyman-southwest-arrests")
    e = p["end_year"]
    return verdicts.judge(c.id, [verdicts.measured(c.stated[0], apprehensions_in(e),
                                                   basis=f"Southwest border apprehensions in FY{e}",
                                                   source=APPREHENSIONS)], p["tolerance"])


def check_claims(**params) -> list[verdicts.ClaimResult]:
    """Every checked claim of this chapter, recomputed with the given parameters."""
    p = PARAMETERS.validate(params)
    staffing = _staffing_claims(p)
    return [staffing[0], _budget_claim(p), _port_budget_claim(p), *staffing[1:], _arrests_claim(p), _buildups_claim(p),
            _gunrunner_review_claim(p), _gunrunner_resources_claim(p), _guard_claim(p), _hiring_claim(p),
            _barriers_claim(p)]


def _barriers_claim(p: dict) -> verdicts.ClaimResult:
    """"Building physical barriers" (World Politics Review, 2019): the primary barrier CBP counted on the southwest
    border at the end of FY2019, the months after the column (the table has no earlier edition here)."""
    c = claim("wpr-physical-barriers")
    total = load("barrier_mileage").query("area == 'southwest border'")["total_primary_miles"].iloc[0]
    return verdicts.judge(c.id, [verdicts.recorded(
        c.stated[0], bool(total > 0), source=BARRIERS,
        basis=f"CBP counted {total:,} miles of primary barrier on the southwest border at the end of FY2019")],
        p["tolerance"], note="Most of it was built under the Secure Fence Act of 2006, before the column.")


BARRIERS = "U.S. Customs and Border Protection, U.S. Border Patrol: Mileage of Pedestrian and Vehicle Barrier by State"


def _buildups_claim(p: dict) -> verdicts.ClaimResult:
    """Where the build-ups after 1993 began, as GAO described the strategy at the time, and where the new resources
    went: the share of the agents added to the end of the "tripled" comparison who were on the southwest border
    (agents are the one border resource counted by region)."""
    c = claim("heyman-southwest-buildups-sequence")
    sequence, most = c.stated
    first, last = p["start_year"], TRIPLED_END
    added = agents_in(last) - agents_in(first)
    southwest = agents_in(last, "southwest") - agents_in(first, "southwest")
    return verdicts.judge(c.id, [
        record(sequence, "sw_buildups_first_san_diego_el_paso",
               basis="GAO (December 1994) on the first prevention build-ups and their spread"),
        verdicts.measured(most, southwest / added * 100, source=STAFFING, basis=(
            f"Of the {added:,} agents added nationwide from FY{first} to FY{last}, {southwest:,} were on the southwest "
            "border"))], p["tolerance"],
        note="Agents stand here for all border security resources: they are the one resource the book's data count "
             "by border for every year of the period.")


def _gunrunner_resources_claim(p: dict) -> verdicts.ClaimResult:
    """Whether Project Gunrunner had lately been given more resources: the Recovery Act's money for it, in 2009."""
    c = claim("heyman-gunrunner-more-resources")
    plan = records("gunrunner_recovery_act_resources").iloc[0]
    return verdicts.judge(c.id, [record(
        c.stated[0], "gunrunner_recovery_act_resources",
        basis=f"The Justice Department's Recovery Act plan of {plan['date']}: \u201c{plan['as_printed']}\u201d for new "
              "Project Gunrunner offices and staff on the southwest border and in Mexico")], p["tolerance"],
        note="The Inspector General's interim review (September 2009) counted this money with the project's FY2009 "
             "appropriations.")


def _gunrunner_review_claim(p: dict) -> verdicts.ClaimResult:
    """What the Justice Department's Inspector General reported on Project Gunrunner: judged on whether the
    essay reports it faithfully; no other evaluation of the project was found to say whether it holds."""
    c = claim("heyman-doj-ig-gunrunner-findings")
    low_level, mexico = c.stated
    unchecked = "no evaluation of Project Gunrunner other than the Inspector General's was found"
    return verdicts.judge(c.id, [
        record(low_level, "oig_gunrunner_low_level_focus", basis="The OIG's review, as quoted", cited=True),
        verdicts.missing(low_level, unchecked),
        record(mexico, "oig_gunrunner_mexico_coordination", basis="The OIG's summary of its review", cited=True),
        verdicts.missing(mexico, unchecked)], p["tolerance"])


def _guard_claim(p: dict) -> verdicts.ClaimResult:
    """National Guard deployments to the southwest border from 2005 (the essay's "2005-present") to its present."""
    c = claim("heyman-national-guard-deployments")
    last = present("heyman2011")
    found = records_between("national_guard_sw_deployment", DOUBLED_START, last)
    named = "; ".join(f"{r.date[:7]}, up to {r.value:,} troops" for r in found.itertuples())
    source, tier = record_source("national_guard_sw_deployment")
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], len(found), basis=f"Deployments {DOUBLED_START}-{last} in DoD and DHS announcements ({named})",
        source=source, tier=tier)], p["tolerance"])


def _hiring_claim(p: dict) -> verdicts.ClaimResult:
    """"Hiring more border control agents" (World Politics Review, 2019): agents on board from the chosen first
    year to the column's present; the column names no window, and over its own 2015-2018 the count fell."""
    c = claim("wpr-hiring-more-agents")
    first, last = p["agents_first_fy"], present("wpr2019")
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], ratio(agents_in(first), agents_in(last)), source=STAFFING,
        basis=f"Nationwide agents, FY{first} ({agents_in(first):,}) to FY{last} ({agents_in(last):,})")],
        p["tolerance"], note="Agents on board count hires net of departures; hiring can go on while the number falls.")


def budget_points(end_year: int, deflator: str) -> pd.DataFrame:
    """Border Patrol budget figures for single fiscal years, nominal and in FY``end_year`` dollars."""
    rows = reported("bp_budget")
    rows = rows[rows["fy_start"].notna() & (rows["fy_start"] == rows["fy_end"])].copy()
    rows["fy"] = rows["fy_start"].astype(int)
    rows["real"] = [to_real(value, fy, end_year, deflator) for fy, value in zip(rows["fy"], rows["value"])]
    return rows.sort_values(["fy", "tier", "publisher"])[["fy", "value", "real", "tier", "publisher", "citation"]]


def budget_table(end_year: int, deflator: str) -> pd.DataFrame:
    """The budget figures for the chapter's table, formatted for readers."""
    points = budget_points(end_year, deflator)
    return pd.DataFrame({
        "fiscal year": points["fy"].map(lambda fy: f"FY{fy}"),
        "nominal": points["value"].map(lambda v: number(v, "usd")),
        f"FY{end_year} dollars ({DEFLATOR_SHORT[deflator]})": points["real"].map(lambda v: number(v, "usd")),
        "tier": points["tier"],
        "reported by": points["publisher"],
    }).reset_index(drop=True)


def agents_figure(start_year: int, end_year: int, **_):
    """Agents by fiscal year, nationwide and southwest, with the levels the essay states marked."""
    fig, ax = new_figure("U.S. Border Patrol agents on board", "Fiscal year", "Agents (persons)")
    for region, label in (("nationwide", "Nationwide"), ("southwest", "Southwest border")):
        series = agents(region)
        ax.plot(series.index, series.values, marker=".", label=label)
    tripled, doubled = claim("heyman-bp-growth-1993-2001"), claim("heyman-bp-growth-2005-present")
    southwest = claim("heyman-bp-southwest-agents").stated[0]
    stated = [(start_year, tripled.stated[0]), (TRIPLED_END, tripled.stated[1]),
              (DOUBLED_START, doubled.stated[0]), (end_year, doubled.stated[1])]
    ax.scatter([y for y, _ in stated], [f.value for _, f in stated], marker="X", s=90, color="black",
               zorder=3, label="Levels the essay states (nationwide)")
    ax.scatter([end_year], [southwest.value], marker="P", s=90, color="dimgray", zorder=3,
               label="Level the essay states (southwest)")
    ax.axvspan(start_year, end_year, color="grey", alpha=0.1, label=f"Comparison window FY{start_year}-FY{end_year}")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)


def budget_figure(end_year: int, deflator: str, **_):
    """Reported Border Patrol budget figures, nominal and adjusted for inflation, by source tier."""
    points = budget_points(end_year, deflator)
    fig, ax = new_figure("Border Patrol budget figures reported for single fiscal years", "Fiscal year",
                         "Budget (billion US dollars)")
    for (tier, marker), colour in zip(TIER_MARKERS.items(), ("C0", "C1")):
        chosen = points[points["tier"] == tier]
        if chosen.empty:
            continue
        ax.scatter(chosen["fy"], chosen["value"] / 1e9, marker=marker, color=colour,
                   label=f"Nominal dollars, {tier} source")
        ax.scatter(chosen["fy"], chosen["real"] / 1e9, marker=marker, facecolors="none", edgecolors=colour,
                   label=f"FY{end_year} dollars ({DEFLATOR_SHORT[deflator]}), {tier} source")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)


def figures(start_year: int, end_year: int, deflator: str, **_) -> dict:
    """The chapter's figures, by glue key."""
    return {"fig-agents": agents_figure(start_year, end_year), "fig-budget": budget_figure(end_year, deflator)}


def chapter_values(start_year: int, end_year: int, deflator: str, tolerance: float, **_) -> dict:
    """The numbers the chapter's prose cites, each computed here (glued, never typed)."""
    c = claim("heyman-port-budget-1993-2010")
    values = {"start_year": start_year, "end_year": end_year, "deflator": deflator,
              "deflator_name": DEFLATORS[deflator], "tolerance": f"{tolerance:.0%}",
              "staffing_first_fy": staffing_years()[0], "staffing_last_fy": staffing_years()[1],
              "tripled_end": TRIPLED_END, "doubled_start": DOUBLED_START, "quintupled_start": QUINTUPLED_START,
              "port_nominal_stated": c.stated[0].as_printed, "port_real_stated": c.stated[1].as_printed,
              "staffing_stated": claim("heyman-bp-staffing-1993-2010").stated[0].as_printed,
              "years_elapsed": end_year - start_year}
    for name in DEFLATORS:
        key = name.replace("-", "_")
        prices = price_ratio(start_year, end_year, name)
        values[f"prices_{key}"] = f"{prices:.2f}-fold"
        values[f"port_real_if_doubled_{key}"] = f"{implied_real_growth(c.stated[0].value, start_year, end_year, name):.0f}%"
        values[f"port_nominal_for_stated_real_{key}"] = f"{(1 + c.stated[1].value / 100) * prices:.2f}-fold"
    consistent = [name for name in DEFLATORS if verdicts.grade(
        c.stated[1], *[implied_real_growth(c.stated[0].value, start_year, end_year, name)] * 2, tolerance)[0]
        == verdicts.ACCURATE]
    values["port_consistent_under"] = " and ".join(consistent) if consistent else "neither index"
    land = reported("land_port_budget")
    values["land_port_reports"] = "; ".join(
        f"{number(r.value, 'usd')} for {('FY' + str(r.fy_start)) if pd.notna(r.fy_start) else 'a year not stated'}"
        f" [{r.publisher}]" for r in land.itertuples())
    missing = [fy for fy in (start_year, end_year) if reported_in("bp_budget", fy, allow_secondary=False) is None]
    values["bp_budget_missing_official"] = " and ".join(f"FY{fy}" for fy in missing) or "none"
    official = budget_points(end_year, deflator).query("tier == 'official'")["fy"]
    values["bp_budget_official_years"] = ", ".join(f"FY{fy}" for fy in sorted(set(official))) or "none"
    return values
