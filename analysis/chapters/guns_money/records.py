"""What the public record says of three of the essay's statements with no series behind them: terrorists
crossing the U.S.-Mexico border, immigrants' violent crime and the size of the unauthorized population
(data/evidence/figures_from_text.csv, each row with its publisher and tier)."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.series import relay_note, reported, reported_in

EVIDENCE = "evidence_figures"


def record(measure: str) -> pd.Series:
    """The one row of a measure that has a single row (a case, a study's figure)."""
    rows = reported(measure, EVIDENCE)
    if len(rows) != 1:
        raise ValueError(f"{EVIDENCE}: expected one row for {measure!r}, found {len(rows)}")
    return rows.iloc[0]


def _terrorists_claim(p: dict) -> verdicts.ClaimResult:
    """Two figures, as the essay words them: no Salafi terrorists, and no outside terrorists at all, crossed the
    border. The public record the search found holds one outside terrorism supporter who entered through Mexico
    (Kourani, Hizballah) and no Salafi one."""
    c = claim("heyman-no-terrorists-via-southwest")
    salafi, outside = c.stated
    reports = reported("terrorist_groups_operating_in_mexico", EVIDENCE)
    years = " and ".join(str(int(y)) for y in sorted(reports["fy_start"]))
    kourani = record("terrorism_supporters_entered_via_mexico")
    state = f"{reports['publisher'].iloc[0]}, Country Reports on Terrorism {years}"
    return verdicts.judge(c.id, [
        verdicts.measured(salafi, 0, source=state, basis=(
            f"Salafi terrorists on the public record who crossed the border: none found (the State Department found no "
            f"international terrorist organization operating in Mexico in {years}, and the one terrorism supporter found "
            f"who entered through Mexico supported Hizballah, a Shia organization)")),
        verdicts.measured(outside, float(kourani["value"]), source=kourani["publisher"], tier=kourani["tier"], basis=(
            f"Terrorism supporters from abroad on the public record who entered through Mexico: Mahmoud Kourani, who "
            f"{kourani['as_printed']} and was later charged with providing material support to Hizballah"))],
        p["tolerance"], note="A search of the public record finds cases, not every crossing: absence from it is not "
                             "proof of absence.")


def _immigrant_crime_claim(p: dict) -> verdicts.ClaimResult:
    """"Significantly lower violent crime rates": undocumented immigrants' violent-felony arrest rate against the
    native-born rate, from the one study found that identifies immigration status in official arrest records."""
    c = claim("heyman-immigrant-violent-crime-lower")
    row = record("native_to_undocumented_violent_arrest_ratio")
    span = f"{int(row['fy_start'])}-{int(row['fy_end'])}"
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], 1 / float(row["value"]), source=row["publisher"], tier=row["tier"], basis=(
            f"Undocumented immigrants' violent-felony arrest rate as a share of US-born citizens' in Texas, {span}, at "
            f"most (US-born citizens were arrested \u201c{row['as_printed']}\u201d as often)"))], p["tolerance"],
        note=f"One state, and {span}, after the essay: the only study found that tells undocumented immigrants apart "
             "in official arrest records. Arrests are not offences.")


def unauthorized_population(year: int) -> pd.Series | None:
    """DHS's estimate of the unauthorized population on 1 January of one year (official copy first)."""
    return reported_in("unauthorized_population", year, allow_secondary=True, resource=EVIDENCE)


def _unauthorized_claim(p: dict) -> verdicts.ClaimResult:
    """"Millions of unauthorized migrants": DHS's estimate for January of the essay's present."""
    c = claim("heyman-millions-unauthorized-migrants")
    year = p["population_year"]
    row = unauthorized_population(year)
    if row is None:
        years = sorted(reported("unauthorized_population", EVIDENCE)["fy_start"].astype(int))
        return verdicts.judge(c.id, [verdicts.missing(
            c.stated[0], f"no DHS estimate for January {year} is in the book's data (it has {years[0]}-{years[-1]})")],
            p["tolerance"])
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], float(row["value"]), source=row["publisher"], tier=row["tier"],
        basis=f"Unauthorized immigrants residing in the United States in January {year}, DHS estimate "
              f"(\u201c{row['as_printed']}\u201d)")], p["tolerance"],
        note=f"{row['publication']}, published {row['published']}. {relay_note([row])}".strip())
