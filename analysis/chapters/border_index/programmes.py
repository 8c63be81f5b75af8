"""The programmes, tools and instruments the presentation names as examples (a DHS contract, FAST, SBInet, RECSA,
MOSAIC, risk-screening software, EU assistance on arms exports, arms-control instruments), and the events its source
list reports from a third party (metering's end, a GAO report on SBInet), each against the record that states what it
is, who runs it, what became of it or when it happened."""
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


def _mosaic_claim(p: dict) -> verdicts.ClaimResult:
    """What MOSAIC is and whose it is, as the UN's own page for it says (the slide calls it UNODC's)."""
    c = claim("caune-mosaic-publisher")
    compendium, publisher = c.stated
    return verdicts.judge(c.id, [
        record(compendium, "mosaic_un_small_arms_compendium", basis="UNODA's page on MOSAIC"),
        record(publisher, "mosaic_published_by_unodc", basis="UNODA's page on MOSAIC and UNODC's on its partnerships")],
        TOLERANCE_OF_VALUES,
        note="The UN's page for MOSAIC is UNODA's and calls it the result of coordinated work within the UN system: the "
             "UN's small-arms coordination mechanism (CASA), whose focal point is UNODA, set out to write it. UNODC is one "
             "of CASA's members and says it contributed to CASA's joint work, so the slides name one contributor as if "
             "it were the owner.")


def _risk_tools_claim(p: dict) -> verdicts.ClaimResult:
    """Whose the risk-screening tools the slides name are, each as its owner describes it."""
    c = claim("caune-risk-screening-tools")
    ats_g, gtas, ciram = c.stated
    return verdicts.judge(c.id, [
        record(ats_g, "ats_g_cbp_system", basis="CBP's page on its National Targeting Center"),
        record(gtas, "gtas_cbp_system", basis="DHS's page on its open-government initiatives"),
        record(ciram, "ciram_frontex_model", basis="Frontex's page on CIRAM")], TOLERANCE_OF_VALUES,
        note="A Council expert group drew CIRAM up in 2002; Frontex has kept and updated it since.")


def _eu_arms_assistance_claim(p: dict) -> verdicts.ClaimResult:
    """What the EU's arms-export outreach and iTrace do, from the Commission's page and the Council's decision."""
    c = claim("caune-coarm-itrace-assistance")
    coarm, itrace = c.stated
    return verdicts.judge(c.id, [
        record(coarm, "coarm_outreach_workshops_study_visits", basis="The Commission's page on the EU's arms-export outreach"),
        record(itrace, "itrace_export_control_support", basis="The Council's decision funding iTrace")],
        TOLERANCE_OF_VALUES,
        note="iTrace's support goes to EU Member States' export authorities, with evidence of diversion; the outreach "
             "programme's goes to other countries. Remote assistance is not named in either record.")


def _instruments_claim(p: dict) -> verdicts.ClaimResult:
    """Who runs the three instruments the slides attribute to an owner, each as that owner says."""
    c = claim("caune-instruments-and-owners")
    stce, protocol, poa = c.stated
    return verdicts.judge(c.id, [
        record(stce, "wco_stce_programme", basis="The WCO's page on its STCE programme"),
        record(protocol, "unodc_firearms_protocol_guardian", basis="UNODC's page on its Global Firearms Programme"),
        record(poa, "unoda_poa_support", basis="UNODA's page on its support for the Programme of Action")],
        TOLERANCE_OF_VALUES,
        note="The Protocol and the Programme bind or commit the states that adopted them; UNODC and UNODA serve them.")


def _metering_claim(p: dict) -> verdicts.ClaimResult:
    """That metering was formally ended, and when, as CBP's memorandum says (a year is graded in years)."""
    c = claim("caune-metering-ended-2021")
    ended, year = c.stated
    day = record_date("metering_policy_rescinded")
    return verdicts.judge(c.id, [
        record(ended, "metering_policy_rescinded", basis="CBP's memorandum rescinding its metering guidance"),
        record_year(year, "metering_policy_rescinded", basis=f"The memorandum is dated {day}")],
        TOLERANCE_OF_VALUES, year_tolerance=p["year_tolerance"])


def _sbinet_report_claim(p: dict) -> verdicts.ClaimResult:
    """That a critical report on SBInet came out in 2010: GAO's report on DHS's oversight of SBInet's contractor."""
    c = claim("caune-sbinet-critical-report-2010")
    critical, year = c.stated
    return verdicts.judge(c.id, [
        record(critical, "gao_sbinet_contractor_oversight_criticised", basis="GAO's report GAO-11-6"),
        record(year, "gao_sbinet_contractor_report_year", basis="The month on GAO-11-6's cover")],
        TOLERANCE_OF_VALUES, year_tolerance=p["year_tolerance"],
        note="The source list does not name the report; GAO-11-6, a GAO report on SBInet dated that month, fits it.")
