"""Encounters with people on the terrorist watchlist: CBP's Terrorist Screening Data Set (TSDS)
table, checked for its own consistency, against the counts and the comparison the essay gives."""
from __future__ import annotations

import re

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.fmt import number
from analysis.core.plotting import finish, new_figure
from analysis.core.series import reported
from analysis.chapters.watchlist.sources import RECENT


BORDERS = ("southwest", "northern")
COMPARISON_BORDERS = {"both": BORDERS, "southwest": ("southwest",), "northern": ("northern",)}
TSDS_LOCATIONS = {"all": ("ports", "between"), "ports": ("ports",), "between": ("between",)}


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


CBP_TSDS = "U.S. Customs and Border Protection (CBP), CBP Enforcement Statistics, Terrorist Screening Data Set Encounters"


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
    essay = essay_tsds_numbers()
    own = essay[essay["border"].isin(borders)]
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
        *_tsds_counts(c, "usbp", "between")], p["tolerance"], note=_southwest_alone(essay, borders))


def _southwest_alone(essay: pd.DataFrame, borders: tuple[str, ...]) -> str:
    """When the comparison spans more than the southwest border: the same comparison on the southwest border alone,
    where the essay's own counts and CBP's do show many more encounters between ports."""
    if borders == ("southwest",):
        return ""
    own = essay[essay["border"] == "southwest"].groupby("location")["encounters"].sum()
    between, ports = between_over_ports(("southwest",), sorted(set(essay["fiscal_year"])))
    return (f"On the southwest border alone the comparison holds: the essay's own counts are {number(own['between'])} "
            f"between ports against {number(own['ports'])} at ports ({number(own['between'] / own['ports'], 'ratio')}), "
            f"CBP's {number(between)} against {number(ports)} ({number(between / ports, 'ratio')}); the northern "
            "ports' matches are what reverse it.")


def tsds_figure(**_):
    """TSDS encounters by fiscal year, each border and location its own line (log scale: the counts
    run from a few to thousands). A log scale has no zero, so a year with none is marked by a cross on
    the axis floor in its line's colour, not drawn as a point."""
    frame = tsds()
    fig, ax = new_figure("Encounters with people on the terrorist watchlist (TSDS)", "Fiscal year",
                         "Encounters (events, log scale)")
    ax.set_yscale("log")
    for i, ((border, location), series) in enumerate(frame.groupby(["border", "location"])):
        series = series.sort_values("fiscal_year")
        label = f"{border.capitalize()} border, {'at ports' if location == 'ports' else 'between ports'}"
        ax.plot(series["fiscal_year"], series["encounters"].where(series["encounters"] > 0), marker="o", label=label,
                color=f"C{i}")
        none = series.loc[series["encounters"] == 0, "fiscal_year"]
        ax.plot(none, [0.02] * len(none), linestyle="none", marker="x", markersize=9, color=f"C{i}", clip_on=False,
                transform=ax.get_xaxis_transform(), gid=f"{label}: none that year")
    ax.plot([], [], linestyle="none", marker="x", color="dimgray", label="None that year (on the axis floor)")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")  # 1, 10, 100, 1,000: counts, not powers
    partial = frame.loc[frame["months"] < 12, "fiscal_year"].unique()
    for year in partial:
        ax.axvspan(year - 0.4, year + 0.4, color="grey", alpha=0.15)
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)
