"""Chapter: watchlist encounters, gotaways and smuggling money (Byers and Warner 2024), with the
overdose figure (Sluys 2023) and the Central America aid figure (World Politics Review 2019).

CBP's Terrorist Screening Data Set table, gotaways summed source by source, the congressional
report on released watchlist encounters, a small model of smuggling revenue, the individual cases
the essay cites, CDC's overdose counts, daily traffic at the ports and foreign-aid data.
"""
from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from analysis import verdicts
from analysis.claims import claim
from analysis.data import derived, load
from analysis.fmt import number
from analysis.params import Param, Parameters
from analysis.plotting import finish, new_figure
from analysis.series import crossing_years, crossings, reported

TIME_NEEDED = "about two hours"  # for a class, in words (the teachers page and the chapter show it)
PREREQUISITES = "the budgets chapter; reading an official table; telling events from people"

RECENT = "recent_reported_figures"
BORDERS = ("southwest", "northern")
COMPARISON_BORDERS = {"both": BORDERS, "southwest": ("southwest",), "northern": ("northern",)}
TSDS_LOCATIONS = {"all": ("ports", "between"), "ports": ("ports",), "between": ("between",)}
GOTAWAY_SOURCES = {
    "cato": "the Cato Institute's monthly series from Border Patrol data (southwest border)",
    "house-hsc": "the House Homeland Security Committee's September 2024 border report (southwest border)",
    "fox-foia": "Border Patrol figures released to Fox News under FOIA (nationwide)",
    "center-square": "Border Patrol data obtained by The Center Square (southwest border)",
    "mayorkas": "Secretary Mayorkas's testimony (southwest border)",
    "cbp-to-fox": "CBP figures given to Fox News (southwest border)",
}
AID_COUNTRIES = {
    "central-america": ("Belize", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Nicaragua", "Panama",
                        "Central America Region"),
    "seven-countries": ("Belize", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Nicaragua", "Panama"),
    "northern-triangle": ("El Salvador", "Guatemala", "Honduras"),
}
AID_MEASURES = ("obligations", "disbursements", "appropriated-and-planned")
TRAVELLERS = ("Personal Vehicle Passengers", "Pedestrians", "Bus Passengers", "Train Passengers")
POE_BORDERS = {"us-mexico": ("us-mexico",), "both": ("us-mexico", "us-canada")}
COUNT_KINDS = ("final", "provisional")
# The thesis cites a commission report of February 2022, so "the previous year" is 2021.
OVERDOSE_THRESHOLD_LABEL = "U.S. drug overdose deaths"


# --- the data ---------------------------------------------------------------------------------------

def tsds() -> pd.DataFrame:
    """CBP's TSDS encounters at and between land ports, by fiscal year, component and border."""
    return load("tsds_encounters")


def tsds_table() -> pd.DataFrame:
    """CBP's table laid out for readers: one row per fiscal year, one column per border and location,
    with the land-border total and the months each year covers."""
    frame = tsds()
    wide = frame.pivot_table(index=["fiscal_year", "months"], columns=["border", "location"],
                             values="encounters", aggfunc="sum")
    wide.columns = [f"{border}, {'at ports' if loc == 'ports' else 'between ports'}" for border, loc in wide.columns]
    wide["all land borders"] = wide.sum(axis=1)
    return wide.reset_index().rename(columns={"fiscal_year": "fiscal year"})


def _tsds_full_years() -> tuple[int, int]:
    years = tsds().query("months == 12")["fiscal_year"]
    return int(years.min()), int(years.max())


def tsds_total(fy: int, borders=BORDERS, locations=("ports", "between")) -> int:
    frame = tsds()
    rows = frame[(frame["fiscal_year"] == fy) & frame["border"].isin(borders) & frame["location"].isin(locations)]
    if rows.empty:
        raise ValueError(f"no TSDS encounters for FY{fy}")
    return int(rows["encounters"].sum())


def tsds_count(fy: int, border: str, location: str) -> int:
    return tsds_total(fy, (border,), (location,))


def cbp_encounters() -> pd.DataFrame:
    return load("cbp_encounters").set_index("fiscal_year")


def totals_that_do_not_add_up() -> pd.DataFrame:
    """Years in which CBP's published total differs from the sum of its OFO and USBP rows."""
    frame = cbp_encounters()
    diff = frame["ofo_encounters"] + frame["usbp_encounters"] - frame["total_encounters"]
    out = frame.assign(difference=diff)[diff != 0]
    return out[["ofo_encounters", "usbp_encounters", "total_encounters", "difference"]].reset_index()


def usbp_share_mismatches() -> pd.DataFrame:
    """Years in which CBP's printed share of Border Patrol encounters that were TSDS matches does not
    follow, at its printed precision, from the counts on the same page."""
    frame = cbp_encounters().dropna(subset=["usbp_tsds_percent"])
    implied = (frame["usbp_tsds_encounters"] / frame["usbp_encounters"] * 100).round(4)
    out = frame.assign(implied_percent=implied)[implied != frame["usbp_tsds_percent"]]
    return out[["usbp_tsds_encounters", "usbp_encounters", "usbp_tsds_percent", "implied_percent"]].reset_index()


def likely_typos() -> str:
    """Years whose broken total and printed share are both mended by one change to the Border Patrol
    count: a typing error in that cell is then the simplest explanation."""
    shares = usbp_share_mismatches().set_index("fiscal_year")
    found = []
    for r in totals_that_do_not_add_up().itertuples():
        if r.fiscal_year in shares.index:
            mended = r.usbp_encounters - r.difference
            matches = shares.loc[r.fiscal_year, "usbp_tsds_encounters"]
            if round(matches / mended * 100, 4) == shares.loc[r.fiscal_year, "usbp_tsds_percent"]:
                found.append(f"in FY{r.fiscal_year} a Border Patrol count of {mended:,} instead of "
                             f"{r.usbp_encounters:,} would mend both the total and the share, so that cell "
                             "probably holds a typing error")
    return "; ".join(found) or "no single changed cell mends both a total and a share"


JUMP_FACTOR = 5.0  # a year-on-year change beyond this many times is flagged


def tsds_jumps(factor: float = JUMP_FACTOR) -> pd.DataFrame:
    """Series whose count changes more than ``factor``-fold from one fiscal year to the next
    (a jump the publication does not explain, or growth from a tiny base)."""
    frame = tsds().sort_values("fiscal_year")
    rows = []
    for (component, border), series in frame.groupby(["component", "border"]):
        counts = series.set_index("fiscal_year")["encounters"]
        for prev, year in zip(counts.index[:-1], counts.index[1:]):
            a, b = counts[prev], counts[year]
            if a >= 10 and (b > factor * a or b * factor < a):
                rows.append({"series": f"{component.upper()}, {border}", "from": f"FY{prev}", "to": f"FY{year}",
                             "before": int(a), "after": int(b), "multiple": round(b / a, 1)})
    return pd.DataFrame(rows)


def usbp_encounters(fy: int, region: str = "southwest") -> int:
    frame = load("usbp_encounters_by_region")
    row = frame[(frame["fiscal_year"] == fy) & (frame["region"] == region) & (frame["months"] == 12)]
    if row.empty:
        raise ValueError(f"no full-year {region} Border Patrol encounters for FY{fy}")
    return int(row["encounters"].iloc[0])


@derived
def gotaways(source: str) -> pd.DataFrame:
    """Gotaways by fiscal year from one source: fiscal_year, months covered, gotaways."""
    if source == "cato":
        monthly = load("gotaways_monthly")
        dates = pd.to_datetime(monthly["month"], format="%Y-%m")
        fy = dates.dt.year + (dates.dt.month >= 10)
        return (monthly.assign(fiscal_year=fy).groupby("fiscal_year")
                .agg(months=("month", "size"), gotaways=("gotaways", "sum")).reset_index())
    rows = load("gotaways_reported")
    rows = rows[rows["source"] == source]
    if rows.empty:
        raise ValueError(f"unknown gotaway source {source!r}; sources: {', '.join(GOTAWAY_SOURCES)}")
    return rows[["fiscal_year", "months", "gotaways"]].sort_values("fiscal_year").reset_index(drop=True)


def gotaways_table() -> pd.DataFrame:
    """Every source side by side, by fiscal year; partial years marked with their months."""
    columns = {}
    for source in GOTAWAY_SOURCES:
        frame = gotaways(source).set_index("fiscal_year")
        columns[source] = [f"{g:,}" + ("" if m == 12 else f" ({m:.0f} months)" if m == m else " (part year)")
                           for g, m in zip(frame["gotaways"], frame["months"])]
        columns[source] = pd.Series(columns[source], index=frame.index)
    table = pd.DataFrame(columns).sort_index().loc[2017:].fillna("")
    return table.rename_axis("fiscal year").reset_index()


def gotaways_sum(source: str, first_fy: int, last_fy: int | None = None) -> tuple[int, str]:
    """Gotaways summed over fiscal years (to the end of the source's data if ``last_fy`` is None),
    and the span in words."""
    frame = gotaways(source)
    last = int(frame["fiscal_year"].max()) if last_fy is None else last_fy
    window = frame[frame["fiscal_year"].between(first_fy, last)]
    end = window.iloc[-1]
    span = f"FY{first_fy}-FY{last}" + ("" if end["months"] == 12 else f" (FY{last}: {end['months']:.0f} months)")
    return int(window["gotaways"].sum()), span


def _gotaway_years(values: dict) -> None:
    if values["gotaway_first_fy"] > values["gotaway_last_fy"]:
        raise ValueError(f"parameter 'gotaway_first_fy'={values['gotaway_first_fy']} must not be after "
                         f"'gotaway_last_fy'={values['gotaway_last_fy']}")
    needed = set(range(values["gotaway_first_fy"], values["gotaway_last_fy"] + 1))
    covering = [s for s in GOTAWAY_SOURCES if needed <= set(gotaways(s)["fiscal_year"])]
    if values["gotaway_source"] not in covering:
        missing = sorted(needed - set(gotaways(values["gotaway_source"])["fiscal_year"]))
        raise ValueError(f"parameter 'gotaway_source'={values['gotaway_source']!r} has no figure for "
                         f"{', '.join(f'FY{y}' for y in missing)}; sources covering FY{min(needed)}-FY{max(needed)}: "
                         f"{', '.join(covering) or 'none'}")
    year = values["smuggling_year"]
    full = gotaways(values["gotaway_source"]).query("months == 12")["fiscal_year"]
    if year not in set(full):
        raise ValueError(f"parameter 'smuggling_year'={year} has no full-year gotaway figure from "
                         f"{values['gotaway_source']!r}; allowed: {', '.join(map(str, full))}")


def _ranges(values: dict) -> None:
    for low, high in (("undercount_low", "undercount_high"), ("paid_share_low", "paid_share_high"),
                      ("fee_low_usd", "fee_high_usd"), ("aid_first_fy", "aid_last_fy")):
        if values[low] > values[high]:
            raise ValueError(f"parameter {low!r}={values[low]} must not exceed {high!r}={values[high]}")
    if values["tsds_baseline_fy"] >= values["tsds_end_fy"]:
        raise ValueError(f"parameter 'tsds_baseline_fy'={values['tsds_baseline_fy']} must be before "
                         f"'tsds_end_fy'={values['tsds_end_fy']}")


def _bounds(years, note):
    return dict(minimum=lambda: years()[0], maximum=lambda: years()[1], range_note=note)


def _usbp_years() -> tuple[int, int]:
    years = load("usbp_encounters_by_region").query("months == 12")["fiscal_year"]
    return int(years.min()), int(years.max())


def _overdose_years() -> tuple[int, int]:
    years = load("overdose_deaths")["year"]
    return int(years.min()), int(years.max())


def _aid_years() -> tuple[int, int]:
    years = load("central_america_aid")["fiscal_year"]
    return int(years.min()), int(years.max())


def _gotaway_span() -> tuple[int, int]:
    """The first and last fiscal year any gotaway source covers."""
    years = pd.concat([gotaways(source)["fiscal_year"] for source in GOTAWAY_SOURCES])
    return int(years.min()), int(years.max())


def _typical_fee(measure: str, who: str) -> float:
    """The typical fee the Washington Times case database gives for a group of migrants (its low or high end)."""
    rows = reported(measure, RECENT)
    rows = rows[(rows["citation"] == "washtimes2021_smuggling") & rows["note"].str.contains("Typical")
                & rows["note"].str.contains(who)]
    if len(rows) != 1:
        raise ValueError(f"expected one typical {measure} for {who} in {RECENT}, found {len(rows)}")
    return float(rows["value"].iloc[0])


def _stated_undercount(end: str) -> float:
    """The essay's undercount of gotaways, as a share (its low or high end)."""
    figure = claim("byers-gotaways-undercount").stated[0]
    return getattr(figure, end) / 100


PARAMETERS = Parameters(
    params=(
        Param("tolerance", float, 0.10, "relative difference within which a figure counts as accurate",
              minimum=0.0, maximum=1.0, grid=(0.05, 0.15)),
        Param("tsds_baseline_fy", int, 2019, "fiscal year the rise in TSDS encounters is measured from",
              **_bounds(_tsds_full_years, "the full fiscal years of CBP's TSDS table"), grid=(2020,)),
        Param("tsds_end_fy", int, 2023, "fiscal year the rise is measured to (the essay's last full year)",
              **_bounds(_tsds_full_years, "the full fiscal years of CBP's TSDS table"), grid=(2022, 2024)),
        Param("tsds_location", str, "all", "which TSDS encounters the rise counts: all, at ports, or between ports",
              choices=tuple(TSDS_LOCATIONS)),
        Param("comparison_border", str, "both", "border(s) over which encounters between ports and at ports are "
              "compared", choices=tuple(COMPARISON_BORDERS), grid=("southwest",)),
        Param("gotaway_source", str, "cato", "whose gotaway counts to sum", choices=tuple(GOTAWAY_SOURCES),
              grid=("house-hsc", "fox-foia", "center-square", "mayorkas", "cbp-to-fox")),
        Param("gotaway_first_fy", int, 2021, "first fiscal year of the gotaway total",
              **_bounds(_gotaway_span, "the fiscal years of the gotaway sources")),
        Param("gotaway_last_fy", int, 2023, "last fiscal year of the gotaway total (the last full fiscal year before "
              "the release the essay cites)", **_bounds(_gotaway_span, "the fiscal years of the gotaway sources")),
        # defaults read from the claims registry and the data, never typed: the essay's undercount, the analysts'
        # share and the newspaper's typical fees
        Param("undercount_low", float, lambda: _stated_undercount("low"), "low end of the share by which true "
              "gotaways exceed the count (by default the essay's)", minimum=0.0, maximum=1.0),
        Param("undercount_high", float, lambda: _stated_undercount("high"), "high end of that share (by default the "
              "essay's)", minimum=0.0, maximum=1.0),
        Param("smuggling_year", int, 2021, "fiscal year of the smuggling-revenue model",
              **_bounds(_usbp_years, "the full fiscal years of the Border Patrol encounter data"), grid=(2022,)),
        Param("paid_share_low", float, lambda: float(_recent("smuggling_paid_share")["value"].iloc[0]),
              "low share of crossers who paid smugglers (by default the analysts' guess the Washington Times quotes)",
              minimum=0.0, maximum=1.0),
        Param("paid_share_high", float, 1.0, "high share (the Tucson sector chief: nobody crosses on their own)",
              minimum=0.0, maximum=1.0),
        Param("fee_low_usd", float, lambda: _typical_fee("smuggling_fee_low", "Mexicans"), "low average fee per "
              "person, US dollars (by default the typical fee for Mexicans in the Washington Times case database)",
              minimum=0.0),
        Param("fee_high_usd", float, lambda: _typical_fee("smuggling_fee_high", "Northern Triangle"), "high average "
              "fee per person, US dollars (by default the typical fee for Northern Triangle migrants, same database)",
              minimum=0.0),
        Param("overdose_year", int, 2021, "calendar year of the overdose count (the last full year before the report "
              "the thesis cites)", **_bounds(_overdose_years, "the years of the overdose data"), grid=(2020,)),
        Param("overdose_count", str, "final", "which annual count: final or provisional", choices=COUNT_KINDS,
              grid=("provisional",)),
        Param("poe_year", int, 2022, "calendar year of the port traffic (the last full year before the thesis)",
              **_bounds(crossing_years, "the complete calendar years of the crossings data"), grid=(2021,)),
        Param("poe_border", str, "us-mexico", "ports counted: the U.S.-Mexico border or both land borders",
              choices=tuple(POE_BORDERS), grid=("both",)),
        Param("aid_measure", str, "disbursements", "which aid measure to sum (the essay says the U.S. \"gave\": money paid out)", choices=AID_MEASURES,
              grid=("obligations",)),
        Param("aid_countries", str, "central-america", "which recipients count as Central America",
              choices=tuple(AID_COUNTRIES), grid=("northern-triangle", "seven-countries")),
        Param("aid_first_fy", int, 2015, "first fiscal year of the aid total",
              **_bounds(_aid_years, "the fiscal years of the foreign-aid data"), grid=(2014, 2016)),
        Param("aid_last_fy", int, 2018, "last fiscal year of the aid total",
              **_bounds(_aid_years, "the fiscal years of the foreign-aid data"), grid=(2017, 2019)),
    ),
    checks=(_ranges, _gotaway_years),
)


# --- the individual cases ------------------------------------------------------------------------------

def _recent(measure: str) -> pd.DataFrame:
    rows = reported(measure, RECENT)
    if rows.empty:
        raise ValueError(f"no reported figure for {measure!r} in {RECENT}")
    return rows


def latest(measure: str) -> pd.Series:
    """The most recently reported figure for a measure (e.g. a death toll as it was revised)."""
    rows = _recent(measure)
    return rows.sort_values(["period_end", "value"]).iloc[-1]


def _tested(result: verdicts.ClaimResult, claim_id: str, untested: dict[int, str]) -> verdicts.ClaimResult:
    """Show every stated figure, and say which ones no data test."""
    figures = claim(claim_id).stated
    notes = " ".join(f"Not tested: \u201c{figures[i].as_printed}\u201d ({why})." for i, why in untested.items())
    return replace(result, stated="; ".join(f.as_printed for f in figures),
                   reason=result.reason + (" " + notes if notes else ""))


def _attack_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-isis-k-attacks")
    toll = latest("crocus_deaths")
    first = _recent("crocus_deaths").sort_values("value").iloc[0]  # tolls only rose as victims were found
    result = verdicts.check(c.id, c.stated[2], toll["value"], p["tolerance"], tier=toll["tier"],
                            basis=f"Latest reported death toll of the Crocus City Hall attack ({toll['period_end']})")
    result = replace(result, reason=result.reason + f" Reports rose from {first['as_printed']} on "
                                                     f"{first['period_end']} as victims were found.")
    return _tested(result, c.id, {0: "no casualty data on the Kabul attack are in the book's data",
                                  1: "the number of attackers is not in the book's data"})


def _tajik_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-tajik-eight-entry-routes")
    total, *routes = c.stated
    inconsistent = verdicts.check_consistency(c.id, total, sum(f.value for f in routes), p["tolerance"],
                                              basis="The three routes the essay lists add up to")
    if inconsistent:
        return _tested(inconsistent, c.id, {})
    arrests = _recent("tajik_isis_arrests").iloc[0]
    result = verdicts.check(c.id, total, arrests["value"], p["tolerance"], tier=arrests["tier"],
                            basis=f"Tajik nationals with possible ISIS ties arrested by ICE ({arrests['publisher']})")
    result = replace(result, reason=result.reason + f" The routes add up: {' + '.join(number(f.value) for f in routes)}"
                                                    f" = {number(sum(f.value for f in routes))}.")
    return _tested(result, c.id, {i: "no public record gives each man's route" for i in (1, 2, 3)})


def _uzbeks_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-uzbeks-august-2023")
    row = _recent("uzbek_isis_smuggled").iloc[0]
    result = verdicts.check(c.id, c.stated[0], row["value"], p["tolerance"], tier=row["tier"],
                            basis=f"Uzbeks brought in by the smuggler, as reported (\u201c{row['as_printed']}\u201d)")
    return _tested(result, c.id, {1: "detention decisions for the group are not public"})


def network_figures() -> dict:
    return {m: _recent(f"isis_network_{m}").iloc[0] for m in ("entrants", "arrested", "not_located")}


def _network_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-central-asians-isis-network")
    rows = network_figures()
    tier = "secondary" if any(r["tier"] == "secondary" for r in rows.values()) else "official"
    result = verdicts.check_all(c.id, [(f, rows[m]["value"], f"reported {m.replace('_', ' ')}")
                                       for f, m in zip(c.stated, rows)], p["tolerance"], tier=tier)
    rest = rows["entrants"]["value"] - rows["arrested"]["value"] - rows["not_located"]["value"]
    return replace(result, reason=result.reason + f" The parts leave {number(rest)} of the "
                                                   f"{number(rows['entrants']['value'])} neither arrested nor said "
                                                   "to be missing; the reports do not say what became of them.")


UNTESTABLE = {
    "byers-san-diego-detentions-2024": "CBP publishes no detentions by nationality, place and month; the case is "
                                       "known from one press report",
    "byers-quantico-jordanians-2024": "the entry history of the two men is known only from press reports; no "
                                      "public record gives it",
    "byers-uzbek-baltimore-two-years": "the man's entry date is known only from press reports of his arrest",
    "byers-immigration-judges-top-secret": "the Chief Immigration Judge's figure was not found in any public copy "
                                           "of the report or its summaries, and the immigration courts publish no "
                                           "count of judges' clearances",
    "sluys-mexican-tcos-top-drug-threat": "the ranking is a judgement of the ONDCP strategy; no public data measure "
                                          "the share of the U.S. drug market each organisation controls",
    "sluys-swb-dominant-smuggling-route": "drug seizures by mode of entry (land, air, sea) are not among the book's "
                                          "data, and seizures measure enforcement as much as flows",
}


def _not_in_the_data(claim_id: str, missing: str) -> verdicts.ClaimResult:
    return _tested(verdicts.unverifiable(claim_id, claim(claim_id).stated[0], missing), claim_id, {})


# --- TSDS encounters ---------------------------------------------------------------------------------

def _rise_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-tsds-encounters-rising")
    locations = TSDS_LOCATIONS[p["tsds_location"]]
    start, end = tsds_total(p["tsds_baseline_fy"], locations=locations), tsds_total(p["tsds_end_fy"], locations=locations)
    where = {"all": "at and between land ports", "ports": "at land ports", "between": "between land ports"}
    return verdicts.check(c.id, c.stated[0], end / start, p["tolerance"], unit="ratio",
                          basis=f"TSDS encounters {where[p['tsds_location']]}, both borders, FY{p['tsds_baseline_fy']} "
                                f"({number(start)}) to FY{p['tsds_end_fy']} ({number(end)})")


def _figure_key(figure) -> tuple[str, int, bool]:
    """(border, fiscal year, year-to-date?) of one of the essay's TSDS figures, from its label and period."""
    border = "southwest" if "southwest" in figure.label.lower() else "northern"
    fy = int(re.search(r"FY(\d{4})", figure.period).group(1))
    return border, fy, "to date" in figure.period


def _ytd_lower_bound(component: str, border: str, fy: int) -> pd.Series | None:
    """The largest year-to-date count reported for that series and year, if any (a floor for a later
    year-to-date figure)."""
    measure = f"tsds_{component}_{border}"
    rows = reported(measure, RECENT) if measure in set(load(RECENT)["measure"]) else pd.DataFrame()
    if rows.empty:
        return None
    rows = rows[(rows["fy_start"] == fy) & rows["period_end"].notna()]
    return None if rows.empty else rows.sort_values("value").iloc[-1]


def _tsds_count_checks(c, component: str, location: str, p: dict) -> verdicts.ClaimResult:
    """Full-year figures against CBP's table; year-to-date ones against the releases that bracket them."""
    results = []
    for figure in c.stated:
        if figure.qualifier != "exact" or figure.unit != "encounters":
            continue
        border, fy, to_date = _figure_key(figure)
        full = tsds_count(fy, border, location)
        if not to_date:
            results.append(verdicts.check(c.id, figure, full, p["tolerance"],
                                          basis=f"CBP, {component.upper()} {border} FY{fy}"))
            continue
        floor = _ytd_lower_bound(component, border, fy)
        low = 0 if floor is None else floor["value"]
        source = "no earlier release is public" if floor is None else \
            f"{number(low)} reported for {floor['period_start']} to {floor['period_end']}"
        results.append(verdicts.check_within(c.id, figure, low, full, p["tolerance"],
                                             basis=f"CBP, {component.upper()} {border} FY{fy} to date, between the "
                                                   f"earlier count ({source}) and the full year"))
    worst = max(results, key=lambda r: verdicts.SEVERITY.get(r.verdict, 3))
    return replace(worst, stated="; ".join(f.as_printed for f in c.stated),
                   reason=" ".join(r.reason for r in results))


def _ports_claim(p: dict) -> verdicts.ClaimResult:
    return _tsds_count_checks(claim("byers-tsds-encounters-ports-of-entry"), "ofo", "ports", p)


def essay_tsds_numbers() -> pd.DataFrame:
    """The essay's own TSDS figures, by location, border and period."""
    rows = []
    for claim_id, location in (("byers-tsds-encounters-ports-of-entry", "ports"),
                               ("byers-tsds-encounters-between-ports", "between")):
        for figure in claim(claim_id).stated:
            if figure.unit == "encounters":
                border, fy, to_date = _figure_key(figure)
                rows.append({"location": location, "border": border, "period": figure.period, "encounters": figure.value})
    return pd.DataFrame(rows)


def _between_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-tsds-encounters-between-ports")
    borders = COMPARISON_BORDERS[p["comparison_border"]]
    own = essay_tsds_numbers()
    own = own[own["border"].isin(borders)].groupby("location")["encounters"].sum()
    which = " and ".join(borders) + (" borders" if len(borders) > 1 else " border")
    inconsistent = verdicts.check_consistency(
        c.id, c.stated[0], own["between"] / own["ports"], p["tolerance"],
        basis=f"The essay's own counts on the {which}, between ports ({number(own['between'])}) over at ports "
              f"({number(own['ports'])})")
    if inconsistent:
        return replace(inconsistent, stated="; ".join(f.as_printed for f in c.stated),
                       unit="ratio to encounters at ports of entry")
    counts = _tsds_count_checks(c, "usbp", "between", p)
    data_ratio = sum(tsds_count(2023, b, "between") for b in borders) / sum(tsds_count(2023, b, "ports") for b in borders)
    ratio_check = verdicts.check(c.id, c.stated[0], data_ratio, p["tolerance"], unit="ratio",
                                 basis=f"CBP's FY2023 counts on the {which}, between ports over at ports")
    worst = max((ratio_check, counts), key=lambda r: verdicts.SEVERITY.get(r.verdict, 3))
    return replace(worst, reason=f"{ratio_check.reason} {counts.reason}", stated=counts.stated)


# --- the watchlisted people who were released -----------------------------------------------------------

def release_figures() -> dict:
    return {m: _recent(f"tsds_{m}").iloc[0] for m in
            ("released", "in_custody", "encountered_usbp_sw", "bond", "asylum", "terminated", "nationalities")}


def cbp_between_ports_sw(first_fy: int, last_fy: int) -> int:
    return sum(tsds_count(fy, "southwest", "between") for fy in range(first_fy, last_fy + 1))


def _released_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-watchlist-released-fy2021-2023")
    rows = release_figures()
    result = verdicts.check_all(c.id, [(c.stated[0], rows["released"]["value"], "House Judiciary report, released"),
                                       (c.stated[1], rows["in_custody"]["value"], "still in custody")],
                                p["tolerance"], tier=rows["released"]["tier"])
    seen, cbp = rows["encountered_usbp_sw"]["value"], cbp_between_ports_sw(2021, 2023)
    return replace(result, reason=result.reason + (
        f" The report counts {number(seen)} watchlisted people encountered by the Border Patrol on the southwest "
        f"border in FY2021-FY2023 (CBP's own table: {number(cbp)} encounters, which count events, not people); "
        f"the released are {rows['released']['value'] / seen:.0%} of them and those still held "
        f"{rows['in_custody']['value'] / seen:.0%}."))


def _nationalities_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-watchlist-nationalities")
    row = release_figures()["nationalities"]
    return verdicts.check(c.id, c.stated[0], row["value"], p["tolerance"], tier=row["tier"],
                          basis="Countries of citizenship in the House Judiciary report")


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
    result = verdicts.check_all(c.id, [(f, rows[m]["value"], f"House Judiciary report, {m}")
                                       for f, m in zip(c.stated[:3], ("bond", "asylum", "terminated"))],
                                p["tolerance"], tier=rows["bond"]["tier"])
    known = sum(rows[m]["value"] for m in ("bond", "asylum", "terminated"))
    result = replace(result, reason=result.reason + f" Together these are {number(known)} of the "
                                                    f"{number(rows['released']['value'])} released; the summaries do "
                                                    "not say what happened to the others.")
    return _tested(result, c.id, {3: "the summaries read do not describe individual bond hearings"})


# --- gotaways --------------------------------------------------------------------------------------

def _gotaways_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-gotaways-since-2021")
    source = p["gotaway_source"]
    total, span = gotaways_sum(source, p["gotaway_first_fy"], p["gotaway_last_fy"])
    to_date, to_date_span = gotaways_sum(source, p["gotaway_first_fy"])
    result = verdicts.check_all(c.id, [(c.stated[0], total, f"Gotaways {span}"),
                                       (c.stated[1], to_date, f"gotaways {to_date_span}, all the source holds")],
                                p["tolerance"], tier="secondary")
    low, high = undercount_range(c.stated[0].value, p)
    return replace(result, reason=result.reason + (
        f" Source: {GOTAWAY_SOURCES[source]}. Raising the stated total by the {p['undercount_low']:.0%} to "
        f"{p['undercount_high']:.0%} undercount gives {number(low)} to {number(high)}."))


def undercount_range(known: float, p: dict) -> tuple[int, int]:
    return round(known * (1 + p["undercount_low"])), round(known * (1 + p["undercount_high"]))


def _undercount_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-gotaways-undercount")
    return verdicts.unverifiable(c.id, c.stated[0], (
        "CBP publishes no estimate of the gotaways it does not detect, and the testimony itself was not among the "
        "public copies read; the range is used below as an assumption, not a finding"))


def gotaway_sources_supporting(p: dict) -> pd.DataFrame:
    """For each source: its total over the chosen years and to the end of its data, and which of the
    essay's totals each supports within the tolerance."""
    c = claim("byers-gotaways-since-2021")
    rows = []
    for source in GOTAWAY_SOURCES:
        years = set(gotaways(source)["fiscal_year"])
        if not set(range(p["gotaway_first_fy"], p["gotaway_last_fy"] + 1)) <= years:
            continue
        total, span = gotaways_sum(source, p["gotaway_first_fy"], p["gotaway_last_fy"])
        to_date, to_date_span = gotaways_sum(source, p["gotaway_first_fy"])
        verdict = lambda figure, x: verdicts.grade(verdicts.stated_interval(figure), x, p["tolerance"])[0]  # noqa: E731
        rows.append({"source": source, "years summed": span, "total": number(total),
                     "'at least 1.7 million'": verdict(c.stated[0], total),
                     "to the end of its data": f"{number(to_date)} ({to_date_span})",
                     "'two million'": verdict(c.stated[1], to_date)})
    return pd.DataFrame(rows)


# --- smuggling money -------------------------------------------------------------------------------

def crossers(year: int, source: str) -> dict:
    """People crossing between ports in a fiscal year: Border Patrol encounters plus gotaways."""
    frame = gotaways(source).set_index("fiscal_year")
    encounters = usbp_encounters(year)
    got = int(frame.loc[year, "gotaways"])
    return {"encounters": encounters, "gotaways": got, "total": encounters + got}


def revenue_interval(p: dict) -> tuple[float, float, dict]:
    people = crossers(p["smuggling_year"], p["gotaway_source"])
    low = people["total"] * p["paid_share_low"] * p["fee_low_usd"]
    high = people["total"] * p["paid_share_high"] * p["fee_high_usd"]
    return low, high, people


def smuggling_estimates() -> pd.DataFrame:
    """Published estimates of smugglers' revenue, one row each (ranges as low and high)."""
    frame = load(RECENT)
    frame = frame[frame["measure"].str.startswith(("smuggling_revenue", "piso"))
                  & ~frame["measure"].str.contains("weekly")].copy()
    frame["kind"] = frame["measure"].str.replace(r"_(low|high)$", "", regex=True)
    # a range is a _low and a _high row from one publication; a single figure stands alone
    frame["figure"] = frame["value"].where(frame["kind"] == frame["measure"], -1)
    out = (frame.groupby(["kind", "citation", "figure"])
           .agg(low=("value", "min"), high=("value", "max"), published=("published", "first"),
                fy_start=("fy_start", "first"), publisher=("publisher", "first"))
           .reset_index().sort_values("high"))
    return out


ESTIMATE_LABELS = {"smuggling_revenue": "all smuggling revenue", "smuggling_revenue_nt": "Northern Triangle routes only",
                   "piso": "passage taxes paid to drug cartels"}


def estimates_table() -> pd.DataFrame:
    est = smuggling_estimates()
    return pd.DataFrame({
        "estimate": [f"{number(r.low, 'usd')}" + ("" if r.low == r.high else f" to {number(r.high, 'usd')}")
                     for r in est.itertuples()],
        "covers": [ESTIMATE_LABELS[r.kind] for r in est.itertuples()],
        "year it refers to": [str(int(r.fy_start)) if r.fy_start == r.fy_start else "not stated"
                              for r in est.itertuples()],
        "published": est["published"].tolist(), "by": est["publisher"].tolist()})


def _revenue_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-cartel-smuggling-revenue-2021")
    low, high, people = revenue_interval(p)
    figure = c.stated[0]
    result = verdicts.check_within(c.id, figure, low / 1e9, high / 1e9, p["tolerance"], unit="USD billion",
                                   basis=(f"{number(people['total'])} people crossing between ports in "
                                          f"FY{p['smuggling_year']} ({number(people['encounters'])} encounters + "
                                          f"{number(people['gotaways'])} gotaways), {p['paid_share_low']:.0%} to "
                                          f"{p['paid_share_high']:.0%} paying {number(p['fee_low_usd'], 'usd')} to "
                                          f"{number(p['fee_high_usd'], 'usd')} each"), tier="secondary")
    need = figure.value * 1e9 / people["total"]
    nyt = _recent("smuggling_revenue").sort_values("value").iloc[-1]
    return replace(result, reason=result.reason + (
        f" Reaching {number(figure.value * 1e9, 'usd')} needs an average of {number(need, 'usd')} a head if everyone "
        f"paid, or {number(need / p['paid_share_low'], 'usd')} if {p['paid_share_low']:.0%} did. The figure itself "
        f"was first reported on {nyt['published']}, attributed to {nyt['publisher']}, and refers to "
        f"{int(nyt['fy_start']) if nyt['fy_start'] == nyt['fy_start'] else 'an unstated year'}, not to 2021."))


# --- overdoses (Sluys 2023) ------------------------------------------------------------------------

def overdoses() -> pd.DataFrame:
    return load("overdose_deaths")


def overdose_count(year: int, kind: str) -> pd.Series | None:
    rows = overdoses()
    rows = rows[(rows["year"] == year) & (rows["status"] == kind) & rows["deaths"].notna()]
    return None if rows.empty else rows.iloc[0]


def rate_rank(year: int) -> tuple[int, int] | None:
    """Rank of a year's final age-adjusted death rate among the years up to it that have one."""
    rows = overdoses()
    rates = rows[(rows["status"] == "final") & rows["age_adjusted_rate"].notna() & (rows["year"] <= year)]
    rates = rates.set_index("year")["age_adjusted_rate"]
    if year not in rates.index:
        return None
    return int((rates > rates[year]).sum() + 1), len(rates)


def twelve_month_counts() -> pd.DataFrame:
    return _recent("overdose_deaths_12_months").sort_values("period_end")


def years_over(threshold: float) -> pd.DataFrame:
    rows = overdoses()
    return rows[rows["deaths"] > threshold][["year", "status", "deaths"]]


def _overdose_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("sluys-overdose-deaths-over-100000")
    year, kind = p["overdose_year"], p["overdose_count"]
    row = overdose_count(year, kind)
    if row is None:
        return _tested(verdicts.unverifiable(c.id, c.stated[0], f"no {kind} annual count for {year} is in the data"),
                       c.id, {})
    checks = [(c.stated[0], row["deaths"], f"CDC {kind} count of drug overdose deaths in {year}")]
    rank = rate_rank(year)
    if rank:
        checks.append((c.stated[1], rank[0], f"its age-adjusted death rate ranks {rank[0]} of the {rank[1]} years "
                                             f"from {int(overdoses()['year'].min())} with a final rate"))
    result = verdicts.check_all(c.id, checks, p["tolerance"], unit="deaths", tier=row["tier"])
    first = twelve_month_counts()
    first = first[first["value"] > c.stated[0].value]
    over = (f" The 12-month provisional count first passed it for the 12 months ending {first.iloc[0]['period_end']}"
            f" ({number(first.iloc[0]['value'])})." if not first.empty else "")
    return _tested(replace(result, reason=result.reason + over), c.id,
                   {} if rank else {1: f"no final age-adjusted rate for {year} is in the data"})


# --- traffic at the ports (Sluys 2023) --------------------------------------------------------------

def travellers_per_day(year: int, borders: tuple[str, ...]) -> float:
    days = pd.Timestamp(year=year, month=12, day=31).day_of_year
    total = sum(crossings(measure, border).get(year, 0.0) for measure in TRAVELLERS for border in borders)
    return total / days


def _poe_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("sluys-poe-daily-traffic")
    where = {"us-mexico": "U.S.-Mexico", "both": "U.S.-Mexico and U.S.-Canada"}[p["poe_border"]]
    result = verdicts.check(c.id, c.stated[0], round(travellers_per_day(p["poe_year"], POE_BORDERS[p["poe_border"]])),
                            p["tolerance"], unit="persons per day",
                            basis=f"Travellers entering at {where} land ports in {p['poe_year']} (vehicle, bus and "
                                  "train passengers and pedestrians), per day")
    return _tested(result, c.id, {1: "the crossings data count trucks and containers, not tons; air and sea ports "
                                     "are not included either"})


# --- aid to Central America (WPR 2019) ------------------------------------------------------------------

def aid_total(measure: str, countries: str, first_fy: int, last_fy: int) -> float:
    frame = load("central_america_aid")
    rows = frame[(frame["transaction_type"] == measure) & frame["country"].isin(AID_COUNTRIES[countries])
                 & frame["fiscal_year"].between(first_fy, last_fy)]
    return float(rows["current_usd"].sum())


def aid_readings(first_fy: int, last_fy: int) -> pd.DataFrame:
    """Every measure and definition of Central America over the chosen years and the same span a
    fiscal year later, in billions of dollars."""
    rows = []
    for measure in AID_MEASURES:
        for countries in AID_COUNTRIES:
            row = {"measure": measure, "recipients": countries}
            for first, last in ((first_fy, last_fy), (first_fy + 1, last_fy + 1)):
                row[f"FY{first}-FY{last}"] = aid_total(measure, countries, first, last) / 1e9
            rows.append(row)
    return pd.DataFrame(rows)


def _aid_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("wpr-central-america-aid-2015-2018")
    total = aid_total(p["aid_measure"], p["aid_countries"], p["aid_first_fy"], p["aid_last_fy"])
    result = verdicts.check(c.id, c.stated[0], total / 1e9, p["tolerance"], unit="USD billion",
                            basis=f"U.S. {p['aid_measure'].replace('-', ' ')} to {p['aid_countries'].replace('-', ' ')}"
                                  f", FY{p['aid_first_fy']}-FY{p['aid_last_fy']}, nominal dollars")
    readings = aid_readings(p["aid_first_fy"], p["aid_last_fy"]).melt(["measure", "recipients"], var_name="years",
                                                                      value_name="usd_billion")
    close = readings[(readings["usd_billion"] / c.stated[0].value - 1).abs() <= p["tolerance"]]
    matches = "; ".join(f"{r.measure.replace('-', ' ')} to {r.recipients.replace('-', ' ')}, {r.years} "
                        f"({number(r.usd_billion, 'usd billion')})" for r in close.itertuples()) or "none"
    return replace(result, reason=result.reason + f" Readings within the tolerance: {matches}.")


# --- all claims --------------------------------------------------------------------------------------

def check_claims(**params) -> list[verdicts.ClaimResult]:
    """Every factual claim of this chapter, recomputed with the given parameters."""
    p = PARAMETERS.validate(params)
    results = [_rise_claim(p), _ports_claim(p), _between_claim(p), _gotaways_claim(p), _undercount_claim(p),
               _released_claim(p), _nationalities_claim(p), _outcomes_claim(p), _revenue_claim(p),
               _attack_claim(p), _tajik_claim(p), _uzbeks_claim(p), _network_claim(p),
               _overdose_claim(p), _poe_claim(p), _aid_claim(p)]
    results += [_not_in_the_data(claim_id, missing) for claim_id, missing in UNTESTABLE.items()]
    return results


# --- figures and the numbers the prose cites ------------------------------------------------------------

def tsds_figure(**_):
    """TSDS encounters by fiscal year, each border and location its own line (log scale: the counts
    run from zero to thousands)."""
    frame = tsds()
    fig, ax = new_figure("Encounters with people on the terrorist watchlist (TSDS)", "Fiscal year",
                         "Encounters (events, log scale)")
    for (border, location), series in frame.groupby(["border", "location"]):
        series = series.sort_values("fiscal_year")
        label = f"{border.capitalize()} border, {'at ports' if location == 'ports' else 'between ports'}"
        ax.plot(series["fiscal_year"], series["encounters"], marker="o", label=label)
    ax.set_yscale("symlog", linthresh=10)
    partial = frame.loc[frame["months"] < 12, "fiscal_year"].unique()
    for year in partial:
        ax.axvspan(year - 0.4, year + 0.4, color="grey", alpha=0.15)
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)


def gotaways_figure(gotaway_first_fy: int, gotaway_last_fy: int, **_):
    """Gotaways by fiscal year from each source; partial years hatched."""
    fig, ax = new_figure("Known gotaways by fiscal year, by source", "Fiscal year", "Gotaways (persons)")
    sources = [s for s in GOTAWAY_SOURCES if len(gotaways(s)) > 1]
    width = 0.8 / len(sources)
    for i, source in enumerate(sources):
        frame = gotaways(source)
        frame = frame[frame["fiscal_year"] >= 2017]
        bars = ax.bar(frame["fiscal_year"] + (i - (len(sources) - 1) / 2) * width, frame["gotaways"], width,
                      label=source, color=f"C{i}")
        for bar, months in zip(bars, frame["months"]):
            if months != 12:
                bar.set_hatch("//")
                bar.set_alpha(0.5)
    ax.axvspan(gotaway_first_fy - 0.5, gotaway_last_fy + 0.5, color="grey", alpha=0.1, label="Years summed")
    ax.yaxis.set_major_formatter(lambda y, _: f"{y / 1e3:,.0f}k")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)


def smuggling_figure(**params):
    """The model's interval beside the published estimates and the essay's figure."""
    p = PARAMETERS.validate(params)
    low, high, _ = revenue_interval(p)
    est = smuggling_estimates()
    fig, ax = new_figure("Smugglers' yearly revenue: model and estimates",
                         "Revenue (billion US dollars a year, nominal)", "")
    labels = [f"Model, FY{p['smuggling_year']}"] + [
        f"{ESTIMATE_LABELS[r.kind]}, {int(r.fy_start) if r.fy_start == r.fy_start else 'year not stated'}"
        for r in est.itertuples()]
    spans = [(low, high)] + list(zip(est["low"], est["high"]))
    for y, (a, b) in enumerate(spans):
        ax.plot([a / 1e9, b / 1e9], [y, y], linewidth=8, solid_capstyle="butt", color="C0" if y == 0 else "C7")
        if a == b:
            ax.plot([a / 1e9], [y], "s", color="C7", markersize=10, zorder=3)
    essay = claim("byers-cartel-smuggling-revenue-2021").stated[0].value
    ax.axvline(essay, color="C1", linestyle="--", label=f"The essay's {number(essay * 1e9, 'usd')}")
    ax.set_yticks(range(len(labels)), labels)
    ax.legend(loc="center right", fontsize="small")
    return finish(fig)


def overdose_figure(**_):
    frame = overdoses()
    fig, ax = new_figure("Drug overdose deaths in the United States", "Calendar year", "Deaths (persons)")
    for kind, marker in (("final", "o"), ("provisional", "s")):
        rows = frame[(frame["status"] == kind) & frame["deaths"].notna()]
        ax.plot(rows["year"], rows["deaths"], marker=marker, linestyle="-" if kind == "final" else "none",
                label=f"{kind.capitalize()} annual count")
    months = twelve_month_counts()
    ax.plot([int(m[:4]) + int(m[5:]) / 12 for m in months["period_end"]], months["value"], "^", color="C3",
            label="12 months ending in the month shown (provisional)")
    ax.axhline(100000, color="C1", linestyle="--", label="100,000")
    ax.yaxis.set_major_formatter(lambda y, _: f"{y / 1e3:,.0f}k")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)


def aid_figure(aid_countries: str, aid_first_fy: int, aid_last_fy: int, **_):
    frame = load("central_america_aid")
    frame = frame[frame["country"].isin(AID_COUNTRIES[aid_countries])]
    fig, ax = new_figure(f"U.S. aid to Central America ({aid_countries.replace('-', ' ')})", "Fiscal year",
                         "Million US dollars (nominal)")
    for measure in AID_MEASURES:
        series = frame[frame["transaction_type"] == measure].groupby("fiscal_year")["current_usd"].sum()
        ax.plot(series.index, series / 1e6, marker=".", label=measure.replace("-", " "))
    ax.axvspan(aid_first_fy - 0.5, aid_last_fy + 0.5, color="C1", alpha=0.12, label="Years summed")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)


def chapter_values(**params) -> dict:
    """The numbers the chapter's prose cites, each computed here (glued, never typed)."""
    p = PARAMETERS.validate(params)
    rows = release_figures()
    low, high, people = revenue_interval(p)
    known, span = gotaways_sum(p["gotaway_source"], p["gotaway_first_fy"], p["gotaway_last_fy"])
    u_low, u_high = undercount_range(known, p)
    stated_low, stated_high = undercount_range(claim("byers-gotaways-since-2021").stated[0].value, p)
    own = essay_tsds_numbers().groupby(["border", "location"])["encounters"].sum()
    sw_ratio = own["southwest", "between"] / own["southwest", "ports"]
    both_ratio = own.xs("between", level="location").sum() / own.xs("ports", level="location").sum()
    mismatch = totals_that_do_not_add_up()
    jumps = tsds_jumps()
    first_over = twelve_month_counts().query("value > 100000").iloc[0]
    full = tsds().query("months == 12")["fiscal_year"]
    southwest = _between_claim(p | {"comparison_border": "southwest"})
    essay_revenue = claim("byers-cartel-smuggling-revenue-2021").stated[0].value * 1e9
    fees = load(RECENT)
    fees = fees[fees["measure"].str.startswith("smuggling_fee")]
    return {
        "tolerance": f"{p['tolerance']:.0%}",
        "tsds_first_fy": f"FY{int(full.min())}", "tsds_last_full_fy": f"FY{int(full.max())}",
        "tsds_mismatch_years": ", ".join(f"FY{y}" for y in mismatch["fiscal_year"]) or "none",
        "tsds_mismatch_text": "; ".join(f"FY{r.fiscal_year}: {r.ofo_encounters:,} + {r.usbp_encounters:,} against a "
                                        f"total of {r.total_encounters:,} ({r.difference:+,})"
                                        for r in mismatch.itertuples()) or "none",
        "share_mismatch_text": "; ".join(
            f"FY{r.fiscal_year}: {r.usbp_tsds_encounters:,.0f} of {r.usbp_encounters:,} is {r.implied_percent}%, "
            f"printed as {r.usbp_tsds_percent}%" for r in usbp_share_mismatches().itertuples()) or "none",
        "typo_text": likely_typos(),
        "jump_factor": f"{JUMP_FACTOR:g}-fold",
        "tsds_jump_text": "; ".join(f"{r.series} from {r.before:,} in {r._2} to {r.after:,} in {r.to}"
                                    for r in jumps.itertuples()) or "none",
        "own_sw_ratio": number(sw_ratio, "ratio"), "own_both_ratio": number(both_ratio, "ratio"),
        "own_between_total": number(own.xs("between", level="location").sum()),
        "own_ports_total": number(own.xs("ports", level="location").sum()),
        "comparison_border": p["comparison_border"],
        "gotaway_source": p["gotaway_source"], "gotaway_source_text": GOTAWAY_SOURCES[p["gotaway_source"]],
        "gotaway_span": span, "gotaway_known": number(known),
        "gotaway_adjusted": f"{number(u_low)} to {number(u_high)}",
        "stated_adjusted": f"{number(stated_low)} to {number(stated_high)}",
        "undercount": f"{p['undercount_low']:.0%} to {p['undercount_high']:.0%}",
        "tsds_seen_fy21_23": number(rows["encountered_usbp_sw"]["value"]),
        "cbp_between_sw_fy21_23": number(cbp_between_ports_sw(2021, 2023)),
        "released_share": f"{rows['released']['value'] / rows['encountered_usbp_sw']['value']:.0%}",
        "smuggling_year": f"FY{p['smuggling_year']}", "crossers": number(people["total"]),
        "crossers_encounters": number(people["encounters"]), "crossers_gotaways": number(people["gotaways"]),
        "revenue_low": number(low, "usd"), "revenue_high": number(high, "usd"),
        "paid_share": f"{p['paid_share_low']:.0%} to {p['paid_share_high']:.0%}",
        "fees": f"{number(p['fee_low_usd'], 'usd')} to {number(p['fee_high_usd'], 'usd')}",
        "overdose_first_12m_end": first_over["period_end"], "overdose_first_12m": number(first_over["value"]),
        "overdose_years_over": ", ".join(f"{int(r.year)} ({r.status}, {int(r.deaths):,})"
                                         for r in years_over(100000).itertuples()),
        "poe_stated": (lambda t: t[:1].lower() + t[1:])(claim("sluys-poe-daily-traffic").stated[0].as_printed),
        "poe_year": p["poe_year"],
        "poe_per_day_mexico": number(round(travellers_per_day(p["poe_year"], POE_BORDERS["us-mexico"]))),
        "poe_per_day_both": number(round(travellers_per_day(p["poe_year"], POE_BORDERS["both"]))),
        "aid_window": f"FY{p['aid_first_fy']}-FY{p['aid_last_fy']}",
        "between_sw_verdict": southwest.verdict, "between_sw_ratio": number(southwest.recomputed, "ratio"),
        "fee_needed_all": number(essay_revenue / people["total"], "usd"),
        "fee_needed_low_share": number(essay_revenue / people["total"] / p["paid_share_low"], "usd"),
        "fee_range_reported": f"{number(fees['value'].min(), 'usd')} to {number(fees['value'].max(), 'usd')}",
    }
