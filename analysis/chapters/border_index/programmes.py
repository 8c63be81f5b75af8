"""The programmes and bodies the presentation names as examples (a DHS contract, FAST, SBInet, RECSA), each
against the record that states what it is or what became of it."""
from __future__ import annotations

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.chapters.common import TOLERANCE, record, record_date, record_year

# this chapter declares no relative tolerance (its own figures are years); the contract's value is graded with
# the one every other chapter uses by default
TOLERANCE_OF_VALUES = TOLERANCE.default


def _cwmd_contract_claim(p: dict) -> verdicts.ClaimResult:
    """The value and year of the DHS CWMD radiation-detector order the slides cite (a year is graded in years)."""
    c = claim("caune-cwmd-contract-19-9-million")
    value, year = c.stated
    day = record_date("cwmd_rad_nuc_detection_award")
    return verdicts.judge(c.id, [
        record(value, "cwmd_rad_nuc_detection_award", basis="The task order DHS announced"),
        record_year(year, "cwmd_rad_nuc_detection_award", basis=f"The award was reported on {day}")],
        TOLERANCE_OF_VALUES, year_tolerance=p["year_tolerance"])


def _fast_claim(p: dict) -> verdicts.ClaimResult:
    """What FAST is, as the Canadian border agency describes it."""
    c = claim("caune-fast-us-canada")
    return verdicts.judge(c.id, [record(c.stated[0], "fast_us_canada_program", basis="The CBSA's page on FAST")],
                          TOLERANCE_OF_VALUES, note="CBP runs FAST at the U.S.-Mexico border as well.")


def _sbinet_claim(p: dict) -> verdicts.ClaimResult:
    """What became of SBInet, as DHS's own assessment put it when ending it."""
    c = claim("caune-sbinet-lessons")
    return verdicts.judge(c.id, [record(c.stated[0], "sbinet_ended", basis="DHS's assessment of SBInet")],
                          TOLERANCE_OF_VALUES)


def _recsa_claim(p: dict) -> verdicts.ClaimResult:
    """That the regional centre on small arms the slides name exists, as the body itself describes it."""
    c = claim("caune-recsa-small-arms-centre")
    return verdicts.judge(c.id, [record(c.stated[0], "recsa_established", basis="RECSA's own page")], TOLERANCE_OF_VALUES,
                          note="Its acronym is RECSA; the slide writes RESCA.")
