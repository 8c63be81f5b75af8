"""Chapter: the kingpin strategy and Mexico's homicides (Byers and Warner 2024).

National homicide series from both publishers (INEGI death certificates, SESNSP prosecutors'
files) and their vintages; Sinaloa around El Chapo's capture and extradition; and an approximate,
openly documented event-study replication of the kingpin effect on municipal monthly data.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim, present
from analysis.core.data import data_dir, derived, load
from analysis.core.fmt import number, sentence
from analysis.core.memo import on_disk
from analysis.core.params import Param, Parameters
from analysis.core.plotting import finish, new_figure

TIME_NEEDED = "about two hours"  # for a class, in words (the teachers page and the chapter show it)
PREREQUISITES = "the budgets chapter; some regression (a model with fixed effects) helps for the kingpin effect"

SERIES = {
    "sesnsp-homicidio-doloso-victims": "SESNSP, victims of intentional homicide in prosecutors' files",
    "inegi-homicides": "INEGI, homicides on death certificates (year of registration)",
    "inegi-homicides-occurrence": "INEGI death records by year of occurrence (Gargiulo et al. tabulation)",
}
# "latest" takes, for each year, the most recent release the data hold, in this order; "first" the
# earliest, in the reverse order (a year's figure as first published)
VINTAGES = ("current-file", "definitive", "definitive-unconfirmed", "preliminary", "as-quoted",
            "2019-01-release", "2018-table", "gargiulo-file")
POPULATION = ("conapo-2023-population", "2023-release")  # national mid-year population, for the murder rate
ESTIMATORS = {"poisson": "Poisson regression on counts with population as exposure",
              "log-rate": "least squares on the log of one plus the annualized rate per 100,000"}
EVENT_SETS = {"captures": ("captured", "recaptured"), "captures-and-killings": ("captured", "recaptured", "killed")}
SINALOA = "25"
# The study the essay cites (note 26) in its own words, from its Cato research brief: the capture of a leader
# "increases its homicide rate by 80 percent, and this effect persists for at least 12 months"; in
# "neighboring municipalities with the same DTO presence" homicide rates "rise 30 percent in the six months
# after a kingpin capture before returning to expected levels". Durations in the units the registry states.
STUDY = "Lindo and Padilla-Romo (2015), Cato Institute Research Briefs in Economic Policy No. 31"
STUDY_FIGURES = {"capture": 80, "capture_years": 1, "neighbours": 30, "neighbour_months": 6}
# Its sample: monthly homicides 2001-2010 (as Abrahms, 2020, reports it; the paper's tables were not read)


class _Samples(dict):
    """The samples' years by name; the whole panel's are read from the data when asked for."""

    def __getitem__(self, key: str) -> tuple[int, int]:
        years = super().__getitem__(key)
        return years() if callable(years) else years


# the whole panel's name is a copy of its years (tests/test_kingpin.py checks it against the data)
SAMPLES = _Samples({"2001-2010": (2001, 2010), "2000-2021": lambda: panel_years()})
DOUBLING_SAMPLES = {"all-removals": "captures and killings, every panel year (the strategy as the essay describes it)",
                    "as-kingpin": "the events and years of the capture claim"}
ESBERG_NOT_READ = ("only the opening paragraphs of Esberg's article were found (in a search index of public pages) "
                   "and they give no such figure, so whether the essay reports the study faithfully is open")
CFR_NOT_FOUND = ("the Council on Foreign Relations page the essay cites for it (note 27) was not found in the sources "
                 "searched, so whether the essay quotes it faithfully is open")


def _series_years() -> tuple[int, int]:
    years = load("national_homicides")["year"]
    return 2000, int(years[years < _sesnsp_last_complete_year() + 1].max())


def _sesnsp_last_complete_year() -> int:
    frame = load("state_month_victims_sesnsp")
    months = frame.groupby("year")["month"].nunique()
    return int(months[months == 12].index.max())


def _check(values: dict) -> None:
    if values["first_year"] >= values["last_year"]:
        raise ValueError(f"parameter 'first_year'={values['first_year']} must be before "
                         f"'last_year'={values['last_year']}")
    if values["chapo_before_year"] >= values["chapo_after_year"]:
        raise ValueError(f"parameter 'chapo_before_year'={values['chapo_before_year']} must be before "
                         f"'chapo_after_year'={values['chapo_after_year']}")


_years = dict(minimum=lambda: _series_years()[0], maximum=lambda: _series_years()[1],
              range_note="the complete years of the national series")
_panel = dict(minimum=lambda: panel_years()[0], maximum=lambda: panel_years()[1],
              range_note="the years of the municipal panel")
PARAMETERS = Parameters(
    params=(
        Param("tolerance", float, 0.10, "relative difference within which a figure counts as accurate",
              minimum=0.0, maximum=1.0, grid=(0.05, 0.15)),
        Param("series", str, "sesnsp-homicidio-doloso-victims", "national series the claim is checked against",
              choices=tuple(SERIES), grid=("inegi-homicides", "inegi-homicides-occurrence")),
        Param("vintage", str, "first", "release of that series: 'first' (each year as first published, as the "
              "essay prints it) or 'latest' (the most recent for each year), or one release",
              choices=("first", "latest") + VINTAGES, grid=("latest",)),
        Param("first_year", int, 2000, "first year shown and searched for the peak", **_years),
        Param("last_year", int, present("byers2024"), "the essay's present: the end of the 'since 2018' comparison",
              **_years, grid=(2024,)),
        Param("year_tolerance", int, 0, "years by which a stated year may differ and still count as accurate",
              minimum=0, maximum=5, grid=(1,)),
        Param("chapo_before_year", int, 2013, "year before El Chapo's capture, for Sinaloa", **_panel, grid=(2012,)),
        Param("chapo_after_year", int, 2017, "year after his extradition, for Sinaloa", **_panel, grid=(2018,)),
        Param("estimator", str, "poisson", "how the kingpin effect is estimated", choices=tuple(ESTIMATORS),
              grid=("log-rate",)),  # the chapter fits both estimators, so this alternative costs no refit
        Param("event_set", str, "captures", "which removals of leaders count as events (the study: captures)",
              choices=tuple(EVENT_SETS), grid=("captures-and-killings",)),
        Param("kingpin_years", str, "2001-2010", "years of the municipal panel for the capture claim (the study's, "
              "or all the panel's)", choices=tuple(SAMPLES), grid=("2000-2021",)),
        Param("doubling_sample", str, "all-removals", "events and years for the 'doubling' claim: "
              + "; ".join(f"'{k}': {v}" for k, v in DOUBLING_SAMPLES.items()), choices=tuple(DOUBLING_SAMPLES),
              grid=("as-kingpin",)),
        Param("capture_months", int, 12, "months after the event pooled for the capture municipality",
              minimum=1, maximum=36),
        Param("neighbour_months", int, 6, "months after the event pooled for neighbouring municipalities",
              minimum=1, maximum=36),
        Param("neighbour_ring", int, 1, "neighbours: 1 = sharing a border, 2 = also their neighbours",
              choices=(1, 2)),
        Param("window_before", int, 12, "months before the event shown in the event study", minimum=3, maximum=36),
        Param("window_after", int, 24, "months after the event shown in the event study", minimum=3, maximum=48),
    ),
    checks=(_check,),
)


# --- national series and vintages ------------------------------------------------------------------

def national(series: str, vintage: str) -> pd.DataFrame:
    """One national series by year, with the release each year's figure comes from."""
    frame = load("national_homicides")
    frame = frame[frame["series"] == series].copy()
    if vintage not in ("latest", "first"):
        frame = frame[frame["vintage"] == vintage]
    order = VINTAGES if vintage != "first" else VINTAGES[::-1]
    frame["rank"] = frame["vintage"].map({v: i for i, v in enumerate(order)})
    frame = frame.sort_values(["year", "rank"]).drop_duplicates("year")
    if series.startswith("sesnsp"):
        frame = frame[frame["year"] <= _sesnsp_last_complete_year()]
    return frame.set_index("year")[["value", "vintage", "publisher", "tier"]]


def matches(value: float) -> list[str]:
    """Every series and vintage in the data that prints exactly ``value``."""
    frame = load("national_homicides")
    hits = frame[frame["value"] == value]
    return [f"{r.series} ({r.vintage}, {r.year})" for r in hits.itertuples()]


def series_summary(first_year: int, last_year: int) -> pd.DataFrame:
    """For each series and vintage: the 2018 figure, the peak and the fall from it."""
    rows = []
    frame = load("national_homicides")
    for series in SERIES:
        for vintage in ["latest"] + sorted(set(frame[frame["series"] == series]["vintage"])):
            data = national(series, vintage)["value"].loc[first_year:last_year]
            if len(data) < 2:
                continue
            peak = int(data.idxmax())
            rows.append({"series": series, "vintage": vintage, "years": f"{data.index.min()}-{data.index.max()}",
                         "2018": f"{data[2018]:,.0f}" if 2018 in data.index else "",
                         "peak year": peak, "peak": f"{data[peak]:,.0f}",
                         "latest": f"{data.iloc[-1]:,.0f} ({data.index[-1]})",
                         "fall from peak": f"{(1 - data.iloc[-1] / data[peak]) * 100:.1f}%"})
    return pd.DataFrame(rows)


def vintage_label(vintage: str) -> str:
    return {"first": "each year as first published", "latest": "each year's latest revision"}.get(
        vintage, f"release {vintage}")


def national_population() -> pd.Series:
    """Mexico's mid-year population by year (CONAPO, 2023 release), for the murder rate."""
    frame = load("national_homicides")
    frame = frame[(frame["series"] == POPULATION[0]) & (frame["vintage"] == POPULATION[1])]
    return frame.set_index("year")["value"].astype(float)


def _peak_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-mexico-homicide-peak-2018")
    peaked, level, since = c.stated
    year, end = int(peaked.value), p["last_year"]
    table = national(p["series"], p["vintage"])
    data = table["value"].loc[p["first_year"]:end]
    named = f"{SERIES[p['series']]}, {vintage_label(p['vintage'])}"
    publisher = str(table["publisher"].iloc[0]) if len(table) else ""
    # a peak needs the years after it (as many as the release has); the fall since needs the present itself
    covered = year in data.index and end in data.index and end > year
    if year in data.index and data.index.max() > year:
        evidence = [verdicts.measured(peaked, int(data.idxmax()), source=publisher,
                                      basis=f"{named}, highest year of {data.index.min()}-{data.index.max()}")]
    else:
        evidence = [verdicts.missing(peaked, f"{named} has no years after {year} to compare it with")]
    if year in data.index:
        evidence.append(verdicts.measured(level, float(data[year]), basis=f"{named} in {year}", source=publisher,
                                          tier=table.loc[year, "tier"]))
    else:
        evidence.append(verdicts.missing(level, f"{named} has no figure for {year}"))
    evidence.append(verdicts.missing(level, CFR_NOT_FOUND, cited=True))
    if covered:
        people = national_population()
        rate = data / people.reindex(data.index)
        evidence.append(verdicts.measured(since, float(rate[end] / rate[year]), source=f"{publisher}; CONAPO",
                                          basis=f"Homicides per head ({named}; CONAPO population), {end} against "
                                                f"{year}"))
    else:
        evidence.append(verdicts.missing(since, f"{named} does not cover {year} to {end}"))
    exact = "; ".join(matches(level.value)) or "no series"
    return verdicts.judge(c.id, evidence, p["tolerance"], year_tolerance=p["year_tolerance"],
                          note=f"The printed figure matches exactly: {exact}.")


# --- Sinaloa and El Chapo ---------------------------------------------------------------------------

def state_annual(cve_ent: str) -> pd.DataFrame:
    """A state's homicides by year from both publishers (complete years only)."""
    inegi = load("state_month_homicides_inegi")
    inegi = inegi[inegi["cve_ent"] == cve_ent].groupby("year")["homicides"].agg(["sum", "count"])
    sesnsp = load("state_month_victims_sesnsp")
    sesnsp = sesnsp[(sesnsp["cve_ent"] == cve_ent) & (sesnsp["subtype"] == "homicidio-doloso")]
    sesnsp = sesnsp.groupby("year")["victims"].agg(["sum", "count"])
    return pd.DataFrame({"INEGI (occurrence)": inegi["sum"][inegi["count"] == 12],
                         "SESNSP (victims)": sesnsp["sum"][sesnsp["count"] == 12]})


def _chapo_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-el-chapo-violence")
    sinaloa = state_annual(SINALOA)["INEGI (occurrence)"]
    before, after = p["chapo_before_year"], p["chapo_after_year"]
    for year in (before, after):
        if year not in sinaloa.index:
            raise ValueError(f"no complete year {year} of homicides in Sinaloa in the data")
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], sinaloa[after] / sinaloa[before], source="INEGI, death records (Gargiulo et al. tabulation)",
        basis=f"Homicides in Sinaloa (INEGI), {before} ({sinaloa[before]:,.0f}) to {after} ({sinaloa[after]:,.0f})")],
        p["tolerance"])


# --- the municipal panel ---------------------------------------------------------------------------

@derived
def panel_years() -> tuple[int, int]:
    """The first and last year of the municipal homicide data (the panel's years)."""
    years = load("municipal_month_homicides")["year"]
    return int(years.min()), int(years.max())


@derived
def population_gap_years() -> tuple[int, ...]:
    """The years the CONAPO municipal series leaves empty, between its first and last year."""
    years = set(load("municipal_population")["year"])
    return tuple(year for year in range(min(years), max(years) + 1) if year not in years)


def population() -> pd.DataFrame:
    """CONAPO municipal population by year; the years empty in the source (population_gap_years) are
    interpolated linearly between the nearest years on either side (stated in the chapter: the only
    interpolation in the book)."""
    wide = load("municipal_population").pivot(index="cve_mun", columns="year", values="population").astype(float)
    observed = list(wide.columns)
    for year in population_gap_years():
        before, after = max(y for y in observed if y < year), min(y for y in observed if y > year)
        wide[year] = wide[before] + (wide[after] - wide[before]) * (year - before) / (after - before)
    return wide.stack().rename("population").reset_index()


def panel() -> pd.DataFrame:
    """Monthly homicides and population by municipality over the panel's years (built once per data folder)."""
    return _panel(data_dir()).copy()


@lru_cache(maxsize=2)
def _panel(folder) -> pd.DataFrame:
    """Monthly homicides and population by municipality over the panel's years.

    Municipalities created after the panel's first year are folded into the municipality they were
    split from, where a source states it, so every series covers the same territory throughout; the
    few with no stated parent are left out (both choices listed in municipality_changes).
    """
    counts = load("municipal_month_homicides")
    changes = load("municipality_changes").dropna(subset=["parent_cve_mun"])
    parent = dict(zip(changes["cve_mun"], changes["parent_cve_mun"]))
    counts["cve_mun"] = counts["cve_mun"].replace(parent)
    counts = counts.groupby(["cve_mun", "year", "month"], as_index=False)["homicides"].sum()
    frame = counts.merge(population(), on=["cve_mun", "year"], how="inner")
    frame = frame[frame["population"] > 0]
    frame["t"] = ((frame["year"] - panel_years()[0]) * 12 + frame["month"] - 1).astype("int64")
    frame["homicides"] = frame["homicides"].astype(float)
    frame["log_population"] = np.log(frame["population"])
    frame["log_rate"] = np.log1p(frame["homicides"] / frame["population"] * 1e5 * 12)
    return frame.reset_index(drop=True)


def month_index(date: str) -> int:
    return (int(date[:4]) - panel_years()[0]) * 12 + int(date[5:7]) - 1


def events(event_set: str, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Removals of leaders with a municipality stated by a source and at least a month given;
    a municipality's first such event in ``years`` is its event."""
    years = years or panel_years()
    frame = load("kingpin_events")
    frame = frame[frame["cve_mun"].notna() & frame["event_type"].isin(EVENT_SETS[event_set])
                  & frame["date_precision"].isin(["day", "month", "approx_day", "announcement"])].copy()
    frame["year"] = frame["event_date"].str[:4].astype(int)
    frame = frame[frame["year"].between(*years)]
    frame["t"] = frame["event_date"].map(month_index).astype("int64")
    return frame.sort_values("t").drop_duplicates("cve_mun")[
        ["event_id", "event_date", "person", "event_type", "organization", "cve_mun", "t"]]


def neighbours(treated: pd.Series, ring: int) -> pd.Series:
    """Event month for municipalities within ``ring`` borders of an event municipality (not themselves
    treated); a municipality near two events takes the earlier."""
    pairs = load("municipal_adjacency")
    adjacent = pd.concat([pairs.rename(columns={"cve_mun_a": "a", "cve_mun_b": "b"}),
                          pairs.rename(columns={"cve_mun_b": "a", "cve_mun_a": "b"})])[["a", "b"]]
    reached = treated.copy()
    for _ in range(ring):
        step = adjacent[adjacent["a"].isin(reached.index)]
        step = pd.Series(step["a"].map(reached).values, index=step["b"].values)
        reached = pd.concat([reached, step]).groupby(level=0).min()
    return reached.drop(treated.index, errors="ignore").astype("int64")


# --- the event study -----------------------------------------------------------------------------------

def design(event_set: str, neighbour_ring: int, capture_months: int, neighbour_months: int,
           years: tuple[int, int] | None = None) -> pd.DataFrame:
    """The panel in ``years`` with months since the event for capture and neighbouring municipalities;
    ``post`` marks the first ``months`` months from the event month on, ``later`` every month after."""
    years = years or panel_years()
    frame = panel()
    frame = frame[frame["year"].between(*years)].copy()
    treated = events(event_set, years).set_index("cve_mun")["t"]
    near = neighbours(treated, neighbour_ring)
    frame["rel_c"] = frame["t"] - frame["cve_mun"].map(treated).astype(float)
    frame["rel_n"] = frame["t"] - frame["cve_mun"].map(near).astype(float)
    for side, months in (("c", capture_months), ("n", neighbour_months)):
        rel = frame[f"rel_{side}"]
        frame[f"post_{side}"] = rel.between(0, months - 1).astype(int)
        frame[f"later_{side}"] = (rel >= months).astype(int)
    return frame


def _percent(b: float) -> float:
    return (np.exp(b) - 1) * 100


ESTIMATION_DATA = ("municipal_month_homicides", "municipality_changes", "municipal_population", "kingpin_events",
                   "municipal_adjacency")


@lru_cache(maxsize=8)
@on_disk(*ESTIMATION_DATA)
def pooled_effects(estimator: str, event_set: str, neighbour_ring: int, capture_months: int,
                   neighbour_months: int, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Change in homicides (percent, with 95% interval) in the capture municipality in its first
    ``capture_months`` months and in neighbours in their first ``neighbour_months``, against
    municipality and month fixed effects; standard errors clustered by municipality."""
    import pyfixest as pf
    frame = design(event_set, neighbour_ring, capture_months, neighbour_months, years)
    rhs = "post_c + later_c + post_n + later_n | cve_mun + t"
    if estimator == "poisson":
        fit = pf.fepois(f"homicides ~ {rhs}", frame, offset="log_population", vcov={"CRV1": "cve_mun"})
    else:
        fit = pf.feols(f"log_rate ~ {rhs}", frame, vcov={"CRV1": "cve_mun"})
    table = fit.tidy()
    return pd.DataFrame({"estimate": table["Estimate"].map(_percent), "low": table["2.5%"].map(_percent),
                         "high": table["97.5%"].map(_percent)}, index=table.index)


@lru_cache(maxsize=8)
@on_disk(*ESTIMATION_DATA)
def two_stage_effect(event_set: str, neighbour_ring: int, capture_months: int, neighbour_months: int,
                     years: tuple[int, int] | None = None) -> pd.Series:
    """Gardner's two-stage estimator (robust to staggered timing) for the capture municipality:
    fixed effects fitted on not-yet-treated observations, then the residual regressed on the
    post-event windows. Log-rate scale; its standard errors ignore the first stage."""
    import pyfixest as pf
    frame = design(event_set, neighbour_ring, capture_months, neighbour_months, years)
    frame = frame[frame["rel_n"].isna()]  # neighbours would contaminate the comparison
    untreated = frame[~(frame["rel_c"] >= 0)]
    first = pf.feols("log_rate ~ 1 | cve_mun + t", untreated)
    frame = frame[frame["cve_mun"].isin(untreated["cve_mun"])].copy()
    frame["residual"] = frame["log_rate"] - first.predict(newdata=frame)
    second = pf.feols("residual ~ post_c + later_c", frame, vcov={"CRV1": "cve_mun"}).tidy()
    row = second.loc["post_c"]
    return pd.Series({"estimate": _percent(row["Estimate"]), "low": _percent(row["2.5%"]),
                      "high": _percent(row["97.5%"])})


@lru_cache(maxsize=8)
@on_disk(*ESTIMATION_DATA)
def event_study(event_set: str, neighbour_ring: int, window_before: int, window_after: int,
                years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Quarterly event-study coefficients (log-rate scale, percent) for capture and neighbouring
    municipalities; the quarter before the event is the reference."""
    import pyfixest as pf
    frame = design(event_set, neighbour_ring, 12, 6, years)
    columns = []
    first, last = -(window_before // 3), window_after // 3
    for side in ("c", "n"):
        quarter = np.floor_divide(frame[f"rel_{side}"], 3)
        quarter = quarter.clip(first - 1, last + 1)  # the ends gather everything beyond the window
        for q in range(first - 1, last + 2):
            if q == -1:
                continue
            name = f"{side}_q{'m' if q < 0 else 'p'}{abs(q)}"
            frame[name] = (quarter == q).astype(np.int8)
            columns.append((side, q, name))
    fit = pf.feols("log_rate ~ " + " + ".join(c[2] for c in columns) + " | cve_mun + t", frame,
                   vcov={"CRV1": "cve_mun"}).tidy()
    rows = [{"group": "capture municipality" if side == "c" else "neighbours", "quarter": q,
             "estimate": _percent(fit.loc[name, "Estimate"]), "low": _percent(fit.loc[name, "2.5%"]),
             "high": _percent(fit.loc[name, "97.5%"])} for side, q, name in columns if first <= q <= last]
    reference = [{"group": g, "quarter": -1, "estimate": 0.0, "low": 0.0, "high": 0.0}
                 for g in ("capture municipality", "neighbours")]
    return pd.DataFrame(rows + reference).sort_values(["group", "quarter"]).reset_index(drop=True)


def raw_counts(event_set: str, years: tuple[int, int] | None = None, months: int = 12) -> pd.DataFrame:
    """Homicides in each event municipality in the months before and after its event."""
    frame = panel()
    rows = []
    for event in events(event_set, years).itertuples():
        own = frame[frame["cve_mun"] == event.cve_mun]
        before = own[own["t"].between(event.t - months, event.t - 1)]["homicides"].sum()
        after = own[own["t"].between(event.t, event.t + months - 1)]["homicides"].sum()
        rows.append({"event": f"{event.person} ({event.event_type})", "date": event.event_date,
                     "municipality": event.cve_mun, f"{months} months before": int(before),
                     f"{months} months after": int(after),
                     "change": f"{(after / before - 1) * 100:+.0f}%" if before else "n/a"})
    return pd.DataFrame(rows)


def rise_lasts(table: pd.DataFrame, group: str) -> tuple[int, int]:
    """Months the rise after the event lasts, as far as the event study's window shows: three times the
    quarters in a row from the event quarter on whose 95% interval lies above zero (the low end), and whose
    estimate does (the high end)."""
    rows = table[(table["group"] == group) & (table["quarter"] >= 0)].sort_values("quarter")

    def run(column: str) -> int:
        quarters = 0
        for value in rows[column]:
            if value <= 0:
                break
            quarters += 1
        return 3 * quarters
    return run("low"), run("estimate")


HOMICIDE_DATA = "INEGI, death records (Gargiulo et al. tabulation); CONAPO, population"


def _sample(p: dict) -> tuple:
    """Events, ring, windows and years of the capture claim's estimate."""
    return p["event_set"], p["neighbour_ring"], p["capture_months"], p["neighbour_months"], SAMPLES[p["kingpin_years"]]


def _doubling_sample(p: dict) -> tuple:
    if p["doubling_sample"] == "as-kingpin":
        return _sample(p)
    return "captures-and-killings", p["neighbour_ring"], p["capture_months"], p["neighbour_months"], panel_years()


def _describe(event_set: str, ring: int, years: tuple[int, int], estimator: str) -> str:
    treated = events(event_set, years)
    near = neighbours(treated.set_index("cve_mun")["t"], ring)
    return (f"Approximate replication ({estimator}, {years[0]}-{years[1]}, {len(treated)} {event_set.replace('-', ' ')} "
            f"with a sourced municipality, {len(near)} neighbours, all other municipalities as controls): not the "
            "published study's event list or cartel-specific neighbours.")


def _kingpin_claims(p: dict) -> list[verdicts.ClaimResult]:
    event_set, ring, capture_months, neighbour_months, years = _sample(p)
    effects = pooled_effects(p["estimator"], *_sample(p))
    capture, near = effects.loc["post_c"], effects.loc["post_n"]
    study = event_study(event_set, ring, p["window_before"], p["window_after"], years)
    c = claim("byers-kingpin-capture-homicide-effects")
    rise, lasts, near_rise, near_lasts = c.stated

    def interval(figure, row, who, months):
        return verdicts.estimated(figure, row["estimate"], row["low"], row["high"], no_effect=0, source=HOMICIDE_DATA,
                                  basis=f"{who}, first {months} months after the event, estimate and 95% interval")

    def duration(figure, group, per):
        low, high = rise_lasts(study, group)
        return verdicts.bracketed(figure, low / per, high / per, source=HOMICIDE_DATA,
                                  basis=f"{sentence(group)}, months the rise lasts in the quarterly event study "
                                        f"(log rate; interval above zero to estimate above zero; window "
                                        f"{p['window_after']} months), in {figure.unit}")

    cited = [verdicts.cited(f, source=STUDY, value=STUDY_FIGURES[key], basis="The study's own figure")
             for f, key in zip(c.stated, ("capture", "capture_years", "neighbours", "neighbour_months"))]
    found = verdicts.judge(c.id, [
        cited[0], interval(rise, capture, "Capture municipality", capture_months),
        cited[1], duration(lasts, "capture municipality", 12),
        cited[2], interval(near_rise, near, "Neighbours", neighbour_months),
        cited[3], duration(near_lasts, "neighbours", 1),
    ], p["tolerance"], note=_describe(event_set, ring, years, p["estimator"])
        + " The study's neighbours are those where the same cartel operates, and it says their rise ends after "
          "six months; the essay drops the first qualification and turns the second into \u201cat least\u201d.")
    d = claim("byers-kingpin-doubled-homicides")
    sample = _doubling_sample(p)
    doubling = pooled_effects(p["estimator"], *sample).loc["post_c"]
    doubled = verdicts.judge(d.id, [
        verdicts.missing(d.stated[0], ESBERG_NOT_READ, cited=True),
        verdicts.estimated(d.stated[0], *(1 + doubling[k] / 100 for k in ("estimate", "low", "high")), no_effect=1,
                           source=HOMICIDE_DATA,
                           basis=f"Homicide rate in the municipality of the event relative to before, first "
                                 f"{sample[2]} months, estimate and 95% interval"),
    ], p["tolerance"], note=_describe(sample[0], sample[1], sample[4], p["estimator"]))
    return [found, doubled]


def check_claims(**params) -> list[verdicts.ClaimResult]:
    """Every claim of this chapter, recomputed with the given parameters."""
    p = PARAMETERS.validate(params)
    return [_peak_claim(p), _chapo_claim(p), *_kingpin_claims(p)]


# --- figures and the numbers the prose cites ------------------------------------------------------------

def chapo_dates() -> pd.DataFrame:
    frame = load("el_chapo_timeline")
    return frame[frame["event_date"].str[:4].astype(int) >= 2014][["event_date", "event"]]


def _mark_chapo(ax, monthly: bool) -> None:
    for row in chapo_dates().itertuples():
        year = int(row.event_date[:4]) + ((int(row.event_date[5:7]) - 1) / 12 if monthly else 0)
        ax.axvline(year, color="grey", linestyle=":", linewidth=1)
        ax.annotate(row.event.split(" ")[0], (year, ax.get_ylim()[1]), rotation=90, va="top", ha="right",
                    fontsize="x-small", color="dimgray")


def national_figure(first_year: int, last_year: int, **_):
    fig, ax = new_figure("Homicides in Mexico by publisher", "Year", "Homicides or victims per year")
    for series, label in SERIES.items():
        data = national(series, "latest")["value"].loc[first_year:last_year]
        ax.plot(data.index, data.values, marker=".", label=label)
    ax.scatter([2018], [claim("byers-mexico-homicide-peak-2018").stated[0].value], marker="X", s=90, color="black",
               zorder=3, label="The essay's figure for 2018")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    _mark_chapo(ax, monthly=True)
    ax.legend(loc="lower right", fontsize="x-small")
    return finish(fig)


def sinaloa_figure(**_):
    fig, ax = new_figure("Homicides in Sinaloa by publisher", "Year", "Homicides or victims per year")
    data = state_annual(SINALOA)
    for column in data:
        series = data[column].dropna()
        ax.plot(series.index, series.values, marker=".", label=column)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    _mark_chapo(ax, monthly=True)
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)


def event_study_figure(event_set: str, neighbour_ring: int, window_before: int, window_after: int, kingpin_years: str,
                       **_):
    table = event_study(event_set, neighbour_ring, window_before, window_after, SAMPLES[kingpin_years])
    fig, ax = new_figure("Homicide rates around the removal of a cartel leader",
                         "Quarters since the event (quarter before = reference)",
                         "Change in the homicide rate (percent)")
    for offset, (group, rows) in zip((-0.1, 0.1), table.groupby("group")):
        ax.errorbar(rows["quarter"] + offset, rows["estimate"],
                    yerr=[rows["estimate"] - rows["low"], rows["high"] - rows["estimate"]],
                    fmt="o", capsize=3, label=group)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(-0.5, color="grey", linestyle=":")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)


def figures(**params) -> dict:
    """The chapter's figures, by glue key."""
    p = PARAMETERS.validate(params)
    return {"fig-national": national_figure(**p), "fig-sinaloa": sinaloa_figure(**p),
            "fig-event-study": event_study_figure(**p)}


def chapter_values(**params) -> dict:
    """The numbers the chapter's prose cites, each computed here (glued, never typed)."""
    p = PARAMETERS.validate(params)
    peak = claim("byers-mexico-homicide-peak-2018")
    year = int(peak.stated[0].value)
    data = national(p["series"], p["vintage"])["value"].loc[p["first_year"]:p["last_year"]]
    sample = _sample(p)
    effects = pooled_effects(p["estimator"], *sample)
    other_name = "log-rate" if p["estimator"] == "poisson" else "poisson"
    other = pooled_effects(other_name, *sample)
    two_stage = two_stage_effect(*sample)
    doubling = _doubling_sample(p)
    treated = events(p["event_set"], sample[4])
    sinaloa = state_annual(SINALOA)["INEGI (occurrence)"]
    people = national_population()
    fmt = lambda row: f"{row['estimate']:+.0f}% (95% interval {row['low']:+.0f}% to {row['high']:+.0f}%)"  # noqa: E731
    gaps = population_gap_years()
    study = event_study(p["event_set"], p["neighbour_ring"], p["window_before"], p["window_after"], sample[4])
    lasts = {g: rise_lasts(study, g) for g in ("capture municipality", "neighbours")}
    return {
        "tolerance": f"{p['tolerance']:.0%}", "year_tolerance": p["year_tolerance"],
        "series_name": SERIES[p["series"]], "vintage": vintage_label(p["vintage"]), "stated_year": year,
        "series_stated_year": f"{data[year]:,.0f}" if year in data.index else "none",
        "series_peak_year": int(data.idxmax()), "series_peak": f"{data.max():,.0f}",
        "series_last_year": int(data.index.max()), "series_last": f"{data.iloc[-1]:,.0f}",
        "present_year": p["last_year"],
        "rate_stated_year": f"{data[year] / people[year] * 1e5:.1f} per 100,000" if year in data.index else "none",
        "rate_last": f"{data[p['last_year']] / people[p['last_year']] * 1e5:.1f} per 100,000"
        if p["last_year"] in data.index else "none", "interval_level": "95%",
        "slightly_minimum": f"{peak.stated[2].magnitude.minimum:.2f}",
        "massively_minimum": f"{claim('byers-el-chapo-violence').stated[0].magnitude.minimum:.2f}",
        "exact_matches": "; ".join(matches(peak.stated[1].value)),
        "chapo_before_year": p["chapo_before_year"], "chapo_after_year": p["chapo_after_year"],
        "sinaloa_before": f"{sinaloa[p['chapo_before_year']]:,.0f}", "sinaloa_after": f"{sinaloa[p['chapo_after_year']]:,.0f}",
        "sinaloa_peak_year": int(sinaloa.idxmax()),
        "estimator_name": ESTIMATORS[p["estimator"]], "other_estimator": other_name,
        "kingpin_years": p["kingpin_years"], "study_first_year": SAMPLES["2001-2010"][0],
        "study_last_year": SAMPLES["2001-2010"][1],
        "n_events": len(treated), "n_neighbours": len(neighbours(treated.set_index("cve_mun")["t"], p["neighbour_ring"])),
        "event_set": p["event_set"].replace("-", " "),
        "doubling_events": doubling[0].replace("-", " "), "doubling_years": f"{doubling[4][0]}-{doubling[4][1]}",
        "n_doubling_events": len(events(doubling[0], doubling[4])),
        "n_municipalities": panel()["cve_mun"].nunique(), "capture_months": p["capture_months"],
        "neighbour_months": p["neighbour_months"],
        "capture_effect": fmt(effects.loc["post_c"]), "neighbour_effect": fmt(effects.loc["post_n"]),
        "capture_later": fmt(effects.loc["later_c"]), "neighbour_later": fmt(effects.loc["later_n"]),
        "capture_other": fmt(other.loc["post_c"]), "neighbour_other": fmt(other.loc["post_n"]),
        "capture_two_stage": fmt(two_stage),
        "population_gap_years": f"{gaps[0]} to {gaps[-1]}" if gaps == tuple(range(gaps[0], gaps[-1] + 1))
        else ", ".join(map(str, gaps)) if gaps else "none",
        "stated_doubling": claim("byers-kingpin-doubled-homicides").stated[0].as_printed,
        "capture_lasts": "{} to {} months".format(*lasts["capture municipality"]),
        "neighbour_lasts": "{} to {} months".format(*lasts["neighbours"]),
        "doubling_effect": fmt(pooled_effects(p["estimator"], *doubling).loc["post_c"]),
    }
