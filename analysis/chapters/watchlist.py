"""Chapter: watchlist encounters, gotaways and smuggling money (Byers and Warner 2024), with the
overdose figure (Sluys 2023) and the Central America aid figure (World Politics Review 2019).

CBP's Terrorist Screening Data Set table, gotaways summed source by source, the congressional
report on released watchlist encounters, a small model of smuggling revenue, the individual cases
the essay cites, CDC's overdose counts, daily traffic at the ports and foreign-aid data.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim, present
from analysis.core.data import derived, load, resource
from analysis.core.fmt import number
from analysis.core.params import Param, Parameters
from analysis.core.plotting import finish, new_figure
from analysis.core.series import crossing_years, crossings, reported

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
COUNT_KINDS = ("final", "provisional", "twelve-month")
# The thesis cites the commission's report of February 2022 for deaths "in the prior year".
COMMISSION_REPORT_YEAR = 2022


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


def _rate_years() -> tuple[int, int]:
    years = load("overdose_deaths").dropna(subset=["age_adjusted_rate"]).query("status == 'final'")["year"]
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
        Param("tsds_baseline_fy", int, 2019, "fiscal year the rise in TSDS encounters is measured from (the first "
              "year of CBP's table, before the pandemic's fall in travel; 'the last few years' fixes no year)",
              **_bounds(_tsds_full_years, "the full fiscal years of CBP's TSDS table"), grid=(2020, 2021)),
        Param("tsds_end_fy", int, present("byers2024"), "fiscal year the rise is measured to (the essay's present)",
              **_bounds(_tsds_full_years, "the full fiscal years of CBP's TSDS table"), grid=(2022, 2024)),
        Param("tsds_location", str, "all", "which TSDS encounters the rise counts: all, at ports, or between ports",
              choices=tuple(TSDS_LOCATIONS), grid=("ports", "between")),
        Param("comparison_border", str, "both", "border(s) over which encounters between ports and at ports are "
              "compared (the essay lists both)", choices=tuple(COMPARISON_BORDERS), grid=("southwest",)),
        Param("gotaway_source", str, "house-hsc", "whose gotaway counts to sum (default: the House Homeland Security "
              "Committee, whose release the essay cites)", choices=tuple(GOTAWAY_SOURCES),
              grid=("cato", "fox-foia")),
        Param("gotaway_first_fy", int, 2021, "first fiscal year of the gotaway total ('since 2021')",
              **_bounds(_gotaway_span, "the fiscal years of the gotaway sources")),
        Param("gotaway_last_fy", int, 2023, "last fiscal year of the gotaway total (the release is of December "
              "2023)", **_bounds(_gotaway_span, "the fiscal years of the gotaway sources")),
        # defaults read from the claims registry and the data, never typed: the essay's undercount, the analysts'
        # share and the newspaper's typical fees
        Param("undercount_low", float, lambda: _stated_undercount("low"), "low end of the share by which true "
              "gotaways exceed the count (by default the essay's)", minimum=0.0, maximum=1.0),
        Param("undercount_high", float, lambda: _stated_undercount("high"), "high end of that share (by default the "
              "essay's)", minimum=0.0, maximum=1.0),
        Param("smuggling_year", int, 2021, "fiscal year of the smuggling-revenue model (the essay's 'in 2021 alone')",
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
        Param("overdose_year", int, COMMISSION_REPORT_YEAR - 1, "calendar year of the overdose count (the year "
              "before the February 2022 report)", **_bounds(_overdose_years, "the years of the overdose data"),
              grid=(2020,)),
        Param("overdose_count", str, "final", "which count: the final annual count, the provisional annual count, or "
              "the latest provisional count for twelve months ending in that year (the period the commission "
              "used)", choices=COUNT_KINDS, grid=("provisional", "twelve-month")),
        Param("overdose_rate_year", int, present("sluys2023"), "year whose overdose death rate the thesis calls "
              "unprecedented (its present)", **_bounds(_rate_years, "the years with a final age-adjusted rate"),
              grid=(2021,)),
        Param("poe_year", int, present("sluys2023"), "calendar year of the port traffic (the thesis's present)",
              **_bounds(crossing_years, "the complete calendar years of the crossings data"), grid=(2021,)),
        Param("poe_border", str, "us-mexico", "ports counted: the U.S.-Mexico border or both land borders",
              choices=tuple(POE_BORDERS), grid=("both",)),
        Param("aid_measure", str, "disbursements", "which aid measure to sum (the column says the U.S. "
              "\"provided\" the money: paid out)", choices=AID_MEASURES, grid=("obligations", "appropriated-and-planned")),
        Param("aid_countries", str, "central-america", "which recipients count as Central America",
              choices=tuple(AID_COUNTRIES), grid=("northern-triangle", "seven-countries")),
        Param("aid_first_fy", int, 2015, "first fiscal year of the aid total",
              **_bounds(_aid_years, "the fiscal years of the foreign-aid data"), grid=(2014, 2016)),
        Param("aid_last_fy", int, 2018, "last fiscal year of the aid total",
              **_bounds(_aid_years, "the fiscal years of the foreign-aid data"), grid=(2017, 2019)),
    ),
    checks=(_ranges, _gotaway_years),
)


# --- where the figures come from ------------------------------------------------------------------------

def _origin(name: str) -> str:
    """The original publisher and publication of a data set, from the catalogue."""
    entry = resource(name)
    return f"{entry['publisher']}, {entry['publication']}"


CBP_TSDS = "U.S. Customs and Border Protection (CBP), CBP Enforcement Statistics, Terrorist Screening Data Set Encounters"
JUDICIARY = ("U.S. House of Representatives, Committee on the Judiciary, interim staff report "
             "'Terror at Our Door' (5 August 2024)")
JUDICIARY_NOTE = ("The report itself was not found: its figures are read from published summaries of it, and no "
                  "public data count what became of the people it describes, so only the report's faithful "
                  "rendering can be tested.")


def _recent(measure: str) -> pd.DataFrame:
    rows = reported(measure, RECENT)
    if rows.empty:
        raise ValueError(f"no reported figure for {measure!r} in {RECENT}")
    return rows


def latest(measure: str) -> pd.Series:
    """The most recently reported figure for a measure (e.g. a death toll as it was revised)."""
    rows = _recent(measure)
    return rows.sort_values(["period_end", "value"]).iloc[-1]


def _reported(figure, row: pd.Series, basis: str) -> verdicts.Evidence:
    """A figure read from a text publication, with that publication's publisher and tier."""
    return verdicts.measured(figure, float(row["value"]), basis=f"{basis} (\u201c{row['as_printed']}\u201d)",
                             source=row["publisher"], tier=row["tier"])


def _cited(figure, row: pd.Series, source: str) -> verdicts.Evidence:
    """The figure of the report the essay cites, as the data give it."""
    return verdicts.cited(figure, source=source, value=float(row["value"]),
                          basis=f"{source} (\u201c{row['as_printed']}\u201d)")


# --- the individual cases ------------------------------------------------------------------------------

def _attack_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-isis-k-attacks")
    kabul, attackers, killed, year = c.stated
    toll = latest("crocus_deaths")
    first = _recent("crocus_deaths").sort_values("value").iloc[0]  # tolls only rose as victims were found
    return verdicts.judge(c.id, [
        verdicts.missing(kabul, "no casualty data on the Kabul airport attack are in the book's data"),
        verdicts.missing(attackers, "the number of attackers is not in the book's data"),
        _reported(killed, toll, f"Latest reported death toll of the Crocus City Hall attack ({toll['period_end']})"),
        verdicts.measured(year, int(str(toll["period_end"])[:4]), basis="Year of the attack, from the reports of its toll",
                          source=toll["publisher"], tier=toll["tier"])],
        p["tolerance"], note=f"Reports rose from {first['as_printed']} on {first['period_end']} as victims were found.")


def _tajik_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-tajik-eight-entry-routes")
    total, *routes = c.stated
    arrests = _recent("tajik_isis_arrests").iloc[0]
    return verdicts.judge(c.id, [
        _reported(total, arrests, "Tajik nationals with suspected ISIS ties arrested by ICE, as reported"),
        verdicts.implied(total, sum(f.value for f in routes), basis="The three routes the essay lists add up to"),
        *[verdicts.missing(f, "no public record gives each man's route") for f in routes]], p["tolerance"])


def _uzbeks_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-uzbeks-august-2023")
    group, held = c.stated
    row = _recent("uzbek_isis_smuggled").iloc[0]
    return verdicts.judge(c.id, [
        _cited(group, row, f"{row['publisher']}, {row['published']}"),
        verdicts.missing(held, "detention decisions for the group are not public")], p["tolerance"],
        note="No official count of the group was found, so the figure can be compared with its source only.")


def network_figures() -> dict:
    return {m: _recent(f"isis_network_{m}").iloc[0] for m in ("entrants", "arrested", "not_located")}


def _network_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-central-asians-isis-network")
    entrants, arrested, not_located = c.stated
    rows = network_figures()
    rest = rows["entrants"]["value"] - rows["arrested"]["value"] - rows["not_located"]["value"]
    return verdicts.judge(c.id, [
        _cited(entrants, rows["entrants"], f"{rows['entrants']['publisher']}, {rows['entrants']['period_end']}"),
        _reported(arrested, rows["arrested"], "Reported as arrested since"),
        _reported(not_located, rows["not_located"], "Reported as not located")], p["tolerance"],
        note=f"The parts leave {number(rest)} of the {number(rows['entrants']['value'])} neither arrested nor said to be "
             "missing; the reports do not say what became of them.")


# --- TSDS encounters ---------------------------------------------------------------------------------

def _rise_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-tsds-encounters-rising")
    locations = TSDS_LOCATIONS[p["tsds_location"]]
    start, end = tsds_total(p["tsds_baseline_fy"], locations=locations), tsds_total(p["tsds_end_fy"], locations=locations)
    if start == 0:
        raise ValueError(f"no TSDS encounters {p['tsds_location']} in FY{p['tsds_baseline_fy']}: a rise from zero has "
                         "no ratio; choose another 'tsds_baseline_fy'")
    where = {"all": "at and between land ports", "ports": "at land ports", "between": "between land ports"}
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], end / start, source=CBP_TSDS,
        basis=f"TSDS encounters {where[p['tsds_location']]}, both borders, FY{p['tsds_baseline_fy']} ({number(start)}) "
              f"to FY{p['tsds_end_fy']} ({number(end)})")], p["tolerance"])


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


def _tsds_counts(c, component: str, location: str) -> list[verdicts.Evidence]:
    """One check per count the essay gives: a full year against CBP's table; a year to date against the
    range between the last earlier release of that year (or zero) and the full year."""
    evidence = []
    for figure in c.stated:
        if figure.unit != "encounters":
            continue
        border, fy, to_date = _figure_key(figure)
        full = tsds_count(fy, border, location)
        what = f"CBP's {component.upper()} count, {border} border, FY{fy}"
        if not to_date:
            evidence.append(verdicts.measured(figure, full, basis=what, source=CBP_TSDS))
            continue
        floor = _ytd_lower_bound(component, border, fy)
        if floor is None:
            evidence.append(verdicts.bracketed(figure, 0, full, source=CBP_TSDS,
                                               basis=f"{what} to date: no earlier count of that year is in the data, and "
                                                     f"the full year is {number(full)}"))
        else:
            evidence.append(verdicts.bracketed(
                figure, float(floor["value"]), full, source=CBP_TSDS, tier=floor["tier"],
                basis=f"{what} to date: between the count for {floor['period_start']} to {floor['period_end']} "
                      f"({number(floor['value'])}, as reported) and the full year ({number(full)})"))
    return evidence


def _ports_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-tsds-encounters-ports-of-entry")
    return verdicts.judge(c.id, _tsds_counts(c, "ofo", "ports"), p["tolerance"])


def essay_tsds_numbers() -> pd.DataFrame:
    """The essay's own TSDS figures, by location, border and period."""
    rows = []
    for claim_id, location in (("byers-tsds-encounters-ports-of-entry", "ports"),
                               ("byers-tsds-encounters-between-ports", "between")):
        for figure in claim(claim_id).stated:
            if figure.unit == "encounters":
                border, fy, to_date = _figure_key(figure)
                rows.append({"location": location, "border": border, "fiscal_year": fy, "period": figure.period,
                             "encounters": figure.value})
    return pd.DataFrame(rows)


def between_over_ports(borders: tuple[str, ...], years) -> tuple[int, int]:
    """CBP's full-year TSDS encounters between ports and at ports, summed over borders and fiscal years."""
    return (sum(tsds_count(fy, b, "between") for fy in years for b in borders),
            sum(tsds_count(fy, b, "ports") for fy in years for b in borders))


def _between_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-tsds-encounters-between-ports")
    borders = COMPARISON_BORDERS[p["comparison_border"]]
    own = essay_tsds_numbers()
    own = own[own["border"].isin(borders)]
    years = sorted(set(own["fiscal_year"]))
    own = own.groupby("location")["encounters"].sum()
    between, ports = between_over_ports(borders, years)
    which = " and ".join(borders) + (" borders" if len(borders) > 1 else " border")
    span = f"FY{years[0]}-FY{years[-1]}"
    return verdicts.judge(c.id, [
        verdicts.implied(c.stated[0], own["between"] / own["ports"],
                         basis=f"The essay's own counts on the {which}, between ports ({number(own['between'])}) over at "
                               f"ports ({number(own['ports'])})"),
        verdicts.measured(c.stated[0], between / ports, source=CBP_TSDS,
                          basis=f"CBP's full-year counts on the {which}, {span}, between ports ({number(between)}) over "
                                f"at ports ({number(ports)})"),
        *_tsds_counts(c, "usbp", "between")], p["tolerance"])


# --- the watchlisted people who were released -----------------------------------------------------------

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


# --- gotaways --------------------------------------------------------------------------------------

def gotaway_origin(source: str) -> tuple[str, str]:
    """Who published a gotaway source's figures, and the tier of that publication."""
    if source == "cato":
        return resource("gotaways_monthly")["publisher"], resource("gotaways_monthly")["tier"]
    row = load("gotaways_reported").query("source == @source").iloc[0]
    return row["publisher"], row["tier"]


def undercount_range(known: float, p: dict) -> tuple[int, int]:
    return round(known * (1 + p["undercount_low"])), round(known * (1 + p["undercount_high"]))


def _gotaways_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-gotaways-since-2021")
    at_least, rounded = c.stated
    source = p["gotaway_source"]
    publisher, tier = gotaway_origin(source)
    total, span = gotaways_sum(source, p["gotaway_first_fy"], p["gotaway_last_fy"])
    to_date, to_date_span = gotaways_sum(source, p["gotaway_first_fy"])
    release = _recent("gotaways_cumulative_sw").iloc[0]
    low, high = undercount_range(at_least.value, p)
    return verdicts.judge(c.id, [
        _cited(at_least, release, f"{release['publisher']}, release of {release['published']}"),
        verdicts.measured(at_least, total, basis=f"Known gotaways, {span}, from {GOTAWAY_SOURCES[source]}",
                          source=publisher, tier=tier),
        verdicts.measured(rounded, to_date, basis=f"Known gotaways, {to_date_span}, all that source holds",
                          source=publisher, tier=tier)], p["tolerance"],
        note=f"Raising the stated total by the {p['undercount_low']:.0%} to {p['undercount_high']:.0%} undercount the "
             f"essay reports next gives {number(low)} to {number(high)}.")


def gotaway_sources_supporting(p: dict) -> pd.DataFrame:
    """For each source: its total over the chosen years and to the end of its data, and how each of
    the essay's totals grades against it (prose, not a verdict)."""
    at_least, rounded = claim("byers-gotaways-since-2021").stated
    rows = []
    for source in GOTAWAY_SOURCES:
        years = set(gotaways(source)["fiscal_year"])
        if not set(range(p["gotaway_first_fy"], p["gotaway_last_fy"] + 1)) <= years:
            continue
        total, span = gotaways_sum(source, p["gotaway_first_fy"], p["gotaway_last_fy"])
        to_date, to_date_span = gotaways_sum(source, p["gotaway_first_fy"])
        rows.append({"source": source, "tier": gotaway_origin(source)[1], "years summed": span, "total": number(total),
                     f"'{at_least.as_printed}'": verdicts.grade(at_least, total, total, p["tolerance"])[0],
                     "to the end of its data": f"{number(to_date)} ({to_date_span})",
                     "'two million'": verdicts.grade(rounded, to_date, to_date, p["tolerance"])[0]})
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


def hsi_estimate(value_usd: float) -> pd.Series:
    """The published estimate of smugglers' revenue equal to the essay's figure (the figure's origin)."""
    rows = _recent("smuggling_revenue")
    rows = rows[rows["value"] == value_usd]
    if rows.empty:
        raise ValueError(f"no published estimate of {number(value_usd, 'usd')} in {RECENT}")
    return rows.iloc[0]


def _revenue_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-cartel-smuggling-revenue-2021")
    revenue, year = c.stated
    low, high, people = revenue_interval(p)
    publisher, tier = gotaway_origin(p["gotaway_source"])
    origin = hsi_estimate(revenue.value * 1e9)
    need = revenue.value * 1e9 / people["total"]
    return verdicts.judge(c.id, [
        verdicts.bracketed(revenue, low / 1e9, high / 1e9, tier="secondary",
                           source=f"{_origin('usbp_encounters_by_region')}; gotaways: {publisher}; fees and share "
                                  "paying: The Washington Times",
                           basis=(f"{number(people['total'])} people crossing between ports in FY{p['smuggling_year']} "
                                  f"({number(people['encounters'])} encounters + {number(people['gotaways'])} gotaways), "
                                  f"{p['paid_share_low']:.0%} to {p['paid_share_high']:.0%} paying "
                                  f"{number(p['fee_low_usd'], 'usd')} to {number(p['fee_high_usd'], 'usd')} each")),
        verdicts.missing(year, f"the {number(revenue.value * 1e9, 'usd')} estimate, as first reported on "
                               f"{origin['published']}, is a yearly rate stated at that time without the year of the "
                               "data behind it, so whether it is the figure for 2021 cannot be told",
                         source=origin["publisher"])], p["tolerance"],
        note=f"Reaching {number(revenue.value * 1e9, 'usd')} needs an average of {number(need, 'usd')} a head if everyone "
             f"paid, or {number(need / p['paid_share_low'], 'usd')} if {p['paid_share_low']:.0%} did. The model's "
             "share paying and fees are assumptions from press reports, not official figures.")


# --- overdoses (Sluys 2023) ------------------------------------------------------------------------

def overdoses() -> pd.DataFrame:
    return load("overdose_deaths")


def twelve_month_counts() -> pd.DataFrame:
    return _recent("overdose_deaths_12_months").sort_values("period_end")


def overdose_reading(year: int, kind: str) -> dict | None:
    """The count of deaths of one kind for a calendar year: the final or provisional annual count, or the
    latest provisional count for twelve months ending in that year; None when the data have none."""
    if kind == "twelve-month":
        rows = twelve_month_counts()
        rows = rows[rows["period_end"].str.startswith(str(year))]
        if rows.empty:
            return None
        row = rows.iloc[-1]
        return {"deaths": float(row["value"]), "source": row["publisher"], "tier": row["tier"],
                "what": f"CDC provisional count for the 12 months ending {row['period_end']}"}
    rows = overdoses()
    rows = rows[(rows["year"] == year) & (rows["status"] == kind) & rows["deaths"].notna()]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return {"deaths": float(row["deaths"]), "source": f"{row['publisher']}, {row['publication']}", "tier": row["tier"],
            "what": f"CDC {kind} count of drug overdose deaths in {year}"}


def first_year_over(threshold: float, kind: str) -> int | None:
    """The first calendar year whose count of that kind is above the threshold (None if none is)."""
    if kind == "twelve-month":
        rows = twelve_month_counts()
        over = rows[rows["value"] > threshold]
        return None if over.empty else int(over.iloc[0]["period_end"][:4])
    rows = overdoses()
    over = rows[(rows["status"] == kind) & (rows["deaths"] > threshold)]
    return None if over.empty else int(over["year"].min())


def rate_rank(year: int) -> tuple[int, int] | None:
    """Rank of a year's final age-adjusted death rate among the years up to it that have one."""
    rows = overdoses()
    rates = rows[(rows["status"] == "final") & rows["age_adjusted_rate"].notna() & (rows["year"] <= year)]
    rates = rates.set_index("year")["age_adjusted_rate"]
    if year not in rates.index:
        return None
    return int((rates > rates[year]).sum() + 1), len(rates)


def years_over(threshold: float) -> pd.DataFrame:
    rows = overdoses()
    return rows[rows["deaths"] > threshold][["year", "status", "deaths"]]


def _overdose_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("sluys-overdose-deaths-over-100000")
    deaths, year, rank = c.stated
    kind = p["overdose_count"]
    reading = overdose_reading(p["overdose_year"], kind)
    evidence = [verdicts.measured(deaths, reading["deaths"], basis=reading["what"], source=reading["source"],
                                  tier=reading["tier"]) if reading else
                verdicts.missing(deaths, f"no {kind} count for {p['overdose_year']} is in the data")]
    first = first_year_over(deaths.value, kind)
    evidence.append(verdicts.measured(year, first, basis=f"First year whose {kind} count is above "
                                                          f"{number(deaths.value)}",
                                      source=reading["source"] if reading else "CDC National Center for Health "
                                      "Statistics", tier=reading["tier"] if reading else "official")
                    if first else verdicts.missing(year, f"no {kind} count in the data is above {number(deaths.value)}"))
    ranked = rate_rank(p["overdose_rate_year"])
    evidence.append(verdicts.measured(
        rank, ranked[0], source="CDC National Center for Health Statistics (NCHS), final age-adjusted death rates",
        basis=f"Rank of {p['overdose_rate_year']}'s age-adjusted overdose death rate among the {ranked[1]} years from "
              f"{int(overdoses()['year'].min())} with a final rate") if ranked else
        verdicts.missing(rank, f"no final age-adjusted rate for {p['overdose_rate_year']} is in the data"))
    months = twelve_month_counts()
    over = months[months["value"] > deaths.value]
    note = (f"The provisional count for twelve months first passed it for the period ending "
            f"{over.iloc[0]['period_end']} ({number(over.iloc[0]['value'])}), the period the commission's report "
            "used." if not over.empty else "")
    return verdicts.judge(c.id, evidence, p["tolerance"], note=note)


# --- traffic at the ports (Sluys 2023) --------------------------------------------------------------

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


def aid_readings_accurate(p: dict) -> str:
    """The readings that would grade accurate against the stated total (prose, not a verdict)."""
    figure = claim("wpr-central-america-aid-2015-2018").stated[0]
    readings = aid_readings(p["aid_first_fy"], p["aid_last_fy"]).melt(["measure", "recipients"], var_name="years",
                                                                      value_name="usd_billion")
    close = [r for r in readings.itertuples()
             if verdicts.grade(figure, r.usd_billion, r.usd_billion, p["tolerance"])[0] == verdicts.ACCURATE]
    return "; ".join(f"{r.measure.replace('-', ' ')} to {r.recipients.replace('-', ' ')}, {r.years} "
                     f"({number(r.usd_billion, 'usd billion')})" for r in close) or "none"


def _aid_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("wpr-central-america-aid-2015-2018")
    total = aid_total(p["aid_measure"], p["aid_countries"], p["aid_first_fy"], p["aid_last_fy"])
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], total / 1e9, source=_origin("central_america_aid"),
        basis=f"U.S. {p['aid_measure'].replace('-', ' ')} to {p['aid_countries'].replace('-', ' ')}, "
              f"FY{p['aid_first_fy']}-FY{p['aid_last_fy']}, nominal dollars")], p["tolerance"],
        note=f"Readings within the tolerance: {aid_readings_accurate(p)}.")


# --- all claims --------------------------------------------------------------------------------------

def check_claims(**params) -> list[verdicts.ClaimResult]:
    """Every checked claim of this chapter, recomputed with the given parameters (the registry's
    unverifiable claims are published from their search by the notebook)."""
    p = PARAMETERS.validate(params)
    return [_rise_claim(p), _ports_claim(p), _between_claim(p), _gotaways_claim(p), _released_claim(p),
            _nationalities_claim(p), _outcomes_claim(p), _revenue_claim(p), _attack_claim(p), _tajik_claim(p),
            _uzbeks_claim(p), _network_claim(p), _overdose_claim(p), _poe_claim(p), _aid_claim(p)]


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
    milestone = claim("sluys-overdose-deaths-over-100000").stated[0]
    ax.axhline(milestone.value, color="C1", linestyle="--", label=number(milestone.value))
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


def figures(**params) -> dict:
    """The chapter's figures, by glue key."""
    p = PARAMETERS.validate(params)
    return {"fig-tsds": tsds_figure(), "fig-gotaways": gotaways_figure(**p), "fig-smuggling": smuggling_figure(**p),
            "fig-overdoses": overdose_figure(), "fig-aid": aid_figure(**p)}


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
    milestone = claim("sluys-overdose-deaths-over-100000").stated[0].value
    first_over = twelve_month_counts().query("value > @milestone").iloc[0]
    full = tsds().query("months == 12")["fiscal_year"]
    southwest = _between_claim(p | {"comparison_border": "southwest"})
    own_sw = essay_tsds_numbers().query("border == 'southwest'")
    sw_between, sw_ports = between_over_ports(("southwest",), sorted(set(own_sw["fiscal_year"])))
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
                                         for r in years_over(milestone).itertuples()),
        "poe_stated": (lambda t: t[:1].lower() + t[1:])(claim("sluys-poe-daily-traffic").stated[0].as_printed),
        "poe_year": p["poe_year"],
        "poe_per_day_mexico": number(round(travellers_per_day(p["poe_year"], POE_BORDERS["us-mexico"]))),
        "poe_per_day_both": number(round(travellers_per_day(p["poe_year"], POE_BORDERS["both"]))),
        "aid_window": f"FY{p['aid_first_fy']}-FY{p['aid_last_fy']}",
        "between_sw_verdict": southwest.verdict, "between_sw_ratio": number(sw_between / sw_ports, "ratio"),
        "fee_needed_all": number(essay_revenue / people["total"], "usd"),
        "fee_needed_low_share": number(essay_revenue / people["total"] / p["paid_share_low"], "usd"),
        "fee_range_reported": f"{number(fees['value'].min(), 'usd')} to {number(fees['value'].max(), 'usd')}",
    }
