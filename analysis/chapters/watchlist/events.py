"""Events and findings the three recent essays name: testimony, arrests and attacks (Byers and Warner), the
opioid commission's report and the wall pledge (Sluys), the 2019 emergency and the wall (World Politics Review),
each against the record that states it; the wall's length against the President's own statements."""
from __future__ import annotations

from datetime import date

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.chapters.common import record, record_date, record_source, record_value, record_year

NO_COUNT = "the FBI publishes no count of warning signs of attacks, before or after 7 October 2023"


def _wray_claim(p: dict) -> verdicts.ClaimResult:
    """The FBI Director's testimony: its year, and whether he said what the essay reports (no count exists to
    say whether warning signs rose)."""
    c = claim("byers-wray-threats-december-2023")
    year, rising = c.stated
    return verdicts.judge(c.id, [
        record(year, "wray_testimony_senate_judiciary", basis="The Director's statement to the Senate Judiciary Committee"),
        record(rising, "wray_threats_rising_since_october_7", basis="The Director's statement of that day", cited=True),
        verdicts.missing(rising, NO_COUNT)], p["tolerance"])


def _tajik_cities_claim(p: dict) -> verdicts.ClaimResult:
    """The cities where ICE arrested the eight Tajiks."""
    c = claim("byers-tajiks-rearrested-three-cities")
    return verdicts.judge(c.id, [record(c.stated[0], "tajik_rearrest_cities",
                                        basis="Cities of the arrests named in the reports of 11 June 2024")],
                          p["tolerance"], note="The joint DHS-FBI statement on the arrests names no cities.")


def _tajik_release_claim(p: dict) -> verdicts.ClaimResult:
    """The eight Tajiks' release after CBP's screening, with notices to appear, as the reports of June 2024 give it
    ("nominally" is the authors' judgement of that screening, not a checkable fact)."""
    c = claim("byers-tajiks-released-notices-to-appear")
    released, notices = c.stated
    return verdicts.judge(c.id, [
        record(released, "tajiks_released_after_vetting", basis="Federal sources on the men's screening and release"),
        record(notices, "tajiks_released_notices_to_appear", basis="A senior DHS official, as CBS News reported")],
        p["tolerance"], note="No DHS or CBP record of the releases is public; both rest on officials quoted in the press.")


ISIS_K_ABROAD = ("isisk_attack_uzbekistan", "isisk_attack_tajikistan", "isisk_attack_iran")


def _isis_k_abroad_claim(p: dict) -> verdicts.ClaimResult:
    """ISIS-K attacks outside Afghanistan and Pakistan, one country a figure."""
    c = claim("byers-isis-k-attacks-abroad")
    evidence = []
    for figure, measure in zip(c.stated, ISIS_K_ABROAD):
        day = record_date(measure)
        evidence.append(record(figure, measure, basis=f"The attack of {day}, claimed by or attributed to ISIS-K"))
    return verdicts.judge(c.id, evidence, p["tolerance"])


def _eagle_pass_claim(p: dict) -> verdicts.ClaimResult:
    """The watchlisted Colombian detained near Eagle Pass: the year, that it was one person, and how many days
    before Trump's visit to the area."""
    c = claim("byers-eagle-pass-colombian-2024")
    year, people, days = c.stated
    day = record_date("eagle_pass_watchlist_detention")
    visit = record_date("trump_eagle_pass_visit")
    gap = (date.fromisoformat(visit) - date.fromisoformat(day)).days
    source, tier = record_source("eagle_pass_watchlist_detention", "trump_eagle_pass_visit")
    return verdicts.judge(c.id, [
        record_year(year, "eagle_pass_watchlist_detention", basis=f"He crossed and was detained on {day}"),
        record(people, "eagle_pass_watchlist_detention", basis="People detained in the case as reported"),
        verdicts.measured(days, gap, source=source, tier=tier,
                          basis=f"Days from the detention ({day}) to Trump's visit to Eagle Pass ({visit})")],
        p["tolerance"], note="No statement of the Texas Department of Public Safety or of CBP on the case was found.")


def _patriot_act_claim(p: dict) -> verdicts.ClaimResult:
    """The USA PATRIOT Act's year, and what it did as the Justice Department describes it; Jenkins's commentary,
    which the essay quotes, was not read, so whether he is reported faithfully stays open."""
    c = claim("byers-patriot-act-2001")
    year, tools = c.stated
    return verdicts.judge(c.id, [
        record(year, "patriot_act_enacted", basis="The act became Public Law 107-56"),
        verdicts.missing(tools, "Jenkins's RAND commentary itself was not read", cited=True),
        record(tools, "patriot_act_organized_crime_tools", basis="The Justice Department's own summary of the act")],
        p["tolerance"])


def _commission_report_claim(p: dict) -> verdicts.ClaimResult:
    """The year of the opioid commission's final report."""
    c = claim("sluys-commission-report-february-2022")
    day = record_date("opioid_commission_final_report")
    return verdicts.judge(c.id, [record(c.stated[0], "opioid_commission_final_report",
                                        basis=f"The co-chairs released the final report on {day}")], p["tolerance"])


def _emergency_claim(p: dict) -> verdicts.ClaimResult:
    """The year of the national emergency at the southern border (Proclamation 9844)."""
    c = claim("wpr-emergency-declaration-2019")
    day = record_date("southern_border_emergency_declared")
    return verdicts.judge(c.id, [record(c.stated[0], "southern_border_emergency_declared",
                                        basis=f"Proclamation 9844 is dated {day}")], p["tolerance"])


def _candidate_wall_claim(p: dict) -> verdicts.ClaimResult:
    """How much of the border the candidate's wall was to span, by his own statements as reported in 2016."""
    c = claim("sluys-wall-entire-border-promise")
    return verdicts.judge(c.id, [record(c.stated[0], "trump_wall_share_of_border",
                                        basis="The candidate said a wall was needed on about half the border, "
                                              "natural barriers guarding the rest (PolitiFact, July 2016)")],
                          p["tolerance"])


def _president_wall_claim(p: dict) -> verdicts.ClaimResult:
    """How much of the border the President's wall was to span, from the miles of wall he said were needed
    and the border's length as he gave it (July 2017)."""
    c = claim("wpr-wall-full-length")
    border = record_value("trump_border_miles_stated")
    low, high = (100 * record_value(m) / border for m in ("trump_wall_miles_low", "trump_wall_miles_high"))
    source, tier = record_source("trump_wall_miles_low", "trump_wall_miles_high", "trump_border_miles_stated")
    return verdicts.judge(c.id, [verdicts.bracketed(
        c.stated[0], low, high, source=source, tier=tier,
        basis=f"The President said {record_value('trump_wall_miles_low'):,} to {record_value('trump_wall_miles_high'):,} "
              f"miles of wall were needed on a border of {border:,} miles")], p["tolerance"])


def _cartel_fees_claim(p: dict) -> verdicts.ClaimResult:
    """What the Border Patrol's sector chiefs told the House Homeland Security Committee about paying the cartels,
    as the essay reports it; no count of crossers who paid exists to test it."""
    c = claim("byers-cartels-charge-every-crosser")
    paying, violence = c.stated
    return verdicts.judge(c.id, [
        record(paying, "usbp_chiefs_nobody_crosses_without_paying",
               basis="The committee's release of the chief patrol agents' transcribed interviews", cited=True),
        verdicts.missing(paying, "no count of crossers who paid the cartels exists"),
        record(violence, "usbp_chiefs_crossers_beaten_or_shot", cited=True,
               basis="The Laredo sector chief's transcribed interview of June 2023, as a news report quotes it"),
        verdicts.missing(violence, "no count of crossers beaten or killed for crossing without the cartels exists")],
        p["tolerance"], note="The chiefs spoke in transcribed interviews the committee released, not at a public hearing; "
                             "the Laredo chief said crossers without the cartels' permission can be beaten or shot, "
                             "not that every one is.")


def _asylum_claim(p: dict) -> verdicts.ClaimResult:
    """Whether the administration restricted access to asylum at the southern border before the column."""
    c = claim("wpr-asylum-made-harder")
    day = record_date("southern_border_entry_limited_2018")
    return verdicts.judge(c.id, [record(c.stated[0], "southern_border_entry_limited_2018",
                                        basis=f"The proclamation of {day}, extended in February 2019, limiting entry "
                                              "between ports on the southern border")], p["tolerance"])


def _yuma_sheriff_claim(p: dict) -> verdicts.ClaimResult:
    """The Yuma County sheriff's remark: when he made it (the essay's note gives a date two years later than the
    interview it links to), and whether the essay reports it faithfully; no count of crossers who paid exists."""
    c = claim("byers-yuma-sheriff-remark")
    year, remark = c.stated
    return verdicts.judge(c.id, [
        record(year, "yuma_sheriff_cartel_remark", basis="The interview the essay's note links to"),
        record(remark, "yuma_sheriff_cartels_control_crossing", basis="The sheriff's words in that interview", cited=True),
        verdicts.missing(remark, "no count of crossers who paid the cartels exists")], p["tolerance"])
