"""Gotaways: the known count summed source by source over the essay's years, and the undercount
the essay adds to it."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import derived, load, resource
from analysis.core.fmt import number
from analysis.core.plotting import finish, new_figure
from analysis.core.series import relay_note, reported
from analysis.chapters.watchlist.sources import _cited, _recent


GOTAWAY_SOURCES = {
    "cato": "the Cato Institute's monthly series from Border Patrol data (southwest border)",
    "house-hsc": "the House Homeland Security Committee's September 2024 border report (southwest border)",
    "fox-foia": "Border Patrol figures released to Fox News under FOIA (nationwide)",
    "center-square": "Border Patrol data obtained by The Center Square (southwest border)",
    "mayorkas": "Secretary Mayorkas's testimony (southwest border)",
    "cbp-to-fox": "CBP figures given to Fox News (southwest border)",
}
GOTAWAY_LABELS = {  # each source as a legend or a column names it
    "cato": "Cato Institute (southwest)",
    "house-hsc": "House Homeland Security Committee (southwest)",
    "fox-foia": "Border Patrol via Fox News FOIA (nationwide)",
    "center-square": "The Center Square (southwest)",
    "mayorkas": "Secretary Mayorkas (southwest)",
    "cbp-to-fox": "CBP via Fox News (southwest)",
}


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
        columns[GOTAWAY_LABELS[source]] = [f"{g:,}" + ("" if m == 12 else f" ({m:.0f} months)" if m == m else " (part year)")
                           for g, m in zip(frame["gotaways"], frame["months"])]
        columns[GOTAWAY_LABELS[source]] = pd.Series(columns[GOTAWAY_LABELS[source]], index=frame.index)
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


def _gotaway_span() -> tuple[int, int]:
    """The first and last fiscal year any gotaway source covers."""
    years = pd.concat([gotaways(source)["fiscal_year"] for source in GOTAWAY_SOURCES])
    return int(years.min()), int(years.max())


def _stated_undercount(end: str) -> float:
    """The essay's undercount of gotaways, as a share (its low or high end)."""
    figure = claim("byers-gotaways-undercount").stated[0]
    return getattr(figure, end) / 100


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
        rows.append({"source": GOTAWAY_LABELS[source], "tier": gotaway_origin(source)[1], "years summed": span, "total": number(total),
                     f"'{at_least.as_printed}'": verdicts.grade(at_least, total, total, p["tolerance"])[0],
                     "to the end of its data": f"{number(to_date)} ({to_date_span})",
                     "'two million'": verdicts.grade(rounded, to_date, to_date, p["tolerance"])[0]})
    return pd.DataFrame(rows)


def gotaways_figure(gotaway_first_fy: int, gotaway_last_fy: int, **_):
    """Gotaways by fiscal year from each source; partial years hatched."""
    fig, ax = new_figure("Known gotaways by fiscal year, by source", "Fiscal year", "Gotaways (persons)")
    sources = [s for s in GOTAWAY_SOURCES if len(gotaways(s)) > 1]
    width = 0.8 / len(sources)
    for i, source in enumerate(sources):
        frame = gotaways(source)
        frame = frame[frame["fiscal_year"] >= 2017]
        bars = ax.bar(frame["fiscal_year"] + (i - (len(sources) - 1) / 2) * width, frame["gotaways"], width,
                      label=GOTAWAY_LABELS[source], color=f"C{i}")
        for bar, months in zip(bars, frame["months"]):
            if months != 12:
                bar.set_hatch("//")
                bar.set_alpha(0.5)
    ax.axvspan(gotaway_first_fy - 0.5, gotaway_last_fy + 0.5, color="grey", alpha=0.1, label="Years summed")
    ax.set_xticks(sorted({int(round(bar.get_x() + bar.get_width() / 2)) for bars in ax.containers for bar in bars}))  # each year
    ax.yaxis.set_major_formatter(lambda y, _: f"{y / 1e3:,.0f}k")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)


def _undercount_claim(p: dict) -> verdicts.ClaimResult:
    """What Chief Ortiz said, as reported, for "reported faithfully?"; no agency estimates the gotaways it does not
    detect, so whether the range holds cannot be tested."""
    c = claim("byers-gotaways-undercount")
    low, high = (_recent_evidence(f"gotaway_undercount_{end}") for end in ("low", "high"))
    return verdicts.judge(c.id, [
        verdicts.cited(c.stated[0], source=low["publisher"], low=float(low["value"]), high=float(high["value"]),
                       tier=low["tier"], basis=f"{low['publication']} (\u201c{low['as_printed']}\u201d)"),
        verdicts.missing(c.stated[0], "CBP publishes no estimate of the gotaways it does not detect; the range is "
                                      "the Chief's judgement")], p["tolerance"],
        note="The report paraphrases the Chief's answer; the hearing transcript was not found, and the committee's "
             "release the essay cites does not give the range. " + relay_note([low]))


def _recent_evidence(measure: str) -> pd.Series:
    rows = reported(measure, "evidence_figures")
    if len(rows) != 1:
        raise ValueError(f"evidence_figures: expected one row for {measure!r}, found {len(rows)}")
    return rows.iloc[0]
