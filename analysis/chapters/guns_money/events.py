"""Events and findings the essay names, each against the record that states it: how the 9/11 attackers entered,
the year of the first World Trade Center bombing, what reports found (GAO's covert tests at the ports, spillover
violence), what the experts it cites advised."""
from __future__ import annotations

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.chapters.common import record, record_date, records


def _911_entry_claim(p: dict) -> verdicts.ClaimResult:
    """The 9/11 attackers' route into the country, as the 9/11 Commission's staff established it."""
    c = claim("heyman-911-attackers-entered-by-air")
    land, visas = c.stated
    return verdicts.judge(c.id, [
        record(land, "attack_911_land_border_entries",
               basis="The 9/11 Commission's staff: attackers who entered or tried to enter over a land border"),
        record(visas, "attack_911_hijackers_admitted_with_visas",
               basis="The 9/11 Commission's staff report on terrorist travel")], p["tolerance"])


def _wtc_1993_claim(p: dict) -> verdicts.ClaimResult:
    """The year of the first World Trade Center bombing (a year is graded in years, not by the tolerance)."""
    c = claim("heyman-wtc-bombing-1993")
    day = record_date("wtc_bombing_1993")
    return verdicts.judge(c.id, [record(c.stated[0], "wtc_bombing_1993",
                                        basis=f"The bomb in the World Trade Center's garage went off on {day}")],
                          p["tolerance"])


def _payan_claim(p: dict) -> verdicts.ClaimResult:
    """Payan's "three wars", as the essay reports them: judged on whether it reports the book faithfully; that
    border enforcement blends three such conflicts is an analyst's framing no data can test."""
    c = claim("heyman-payan-three-wars")
    figure = c.stated[0]
    return verdicts.judge(c.id, [
        record(figure, "payan_three_border_wars", basis="The publisher's description of Payan's book", cited=True),
        verdicts.missing(figure, "a framing of border enforcement, which no data can test")], p["tolerance"])


def _police_chiefs_claim(p: dict) -> verdicts.ClaimResult:
    """What the big-city police chiefs advised on local immigration enforcement, as the essay reports it; no
    measure of immigrants' trust in police by enforcement regime was found to test the advice itself."""
    c = claim("heyman-police-chiefs-trust")
    figure = c.stated[0]
    return verdicts.judge(c.id, [
        record(figure, "mcca_local_enforcement_undermines_trust", basis="The Major Cities Chiefs' statement of 2006",
               cited=True),
        verdicts.missing(figure, "no measure of immigrants' trust in police under local immigration enforcement was found")],
        p["tolerance"], note="The chiefs asked that any local role be voluntary rather than ruling it out; the Police "
                             "Foundation's report was not read.")


def _spillover_claim(p: dict) -> verdicts.ClaimResult:
    """Violence spilling over from Mexico: no agency counts it (GAO-13-175 found no common definition and no
    data), so what the border counties' own police told GAO they had seen is the test."""
    c = claim("heyman-spillover-violence-rare")
    said = records("spillover_violence_not_observed")["as_printed"].iloc[0]
    return verdicts.judge(c.id, [record(
        c.stated[0], "spillover_violence_not_observed",
        basis=f"GAO's interviews of 2012 with state and local law enforcement in the border counties ({said})")],
        p["tolerance"],
        note="No agency counts spillover crime, and GAO says its interviews are not generalizable; the count was "
             "read in Justice in Mexico's account of the report, not in GAO's own text.")


def _covert_tests_claim(p: dict) -> verdicts.ClaimResult:
    """The ports' failure rate in GAO's covert tests, as the essay reports it. Its note is not in the text copy, so
    which GAO product it cites is unknown; GAO's published covert crossings are the record, and nothing but GAO's
    own tests measures how often the ports miss a disguised entrant."""
    c = claim("heyman-gao-covert-test-failure")
    figure = c.stated[0]
    return verdicts.judge(c.id, [
        record(figure, "gao_covert_crossings_documents_unquestioned", cited=True,
               basis="GAO's covert crossings of 2006 (GAO-06-976T): share of the land ports tested where officers did "
                     "not question its investigators' counterfeit documents"),
        verdicts.missing(figure, "no measure of how often ports miss disguised entrants exists besides GAO's own tests")],
        p["tolerance"], note="The essay's note is not in the text copy, and no GAO product giving the essay's rate was "
                             "found; GAO's earlier covert entries, in 2003 and 2004, were refused only once.")


def _port_testimony_claim(p: dict) -> verdicts.ClaimResult:
    """What congressional testimony said of the ports, as the essay reports it: judged on whether it reports the
    hearing faithfully (its note is not in the text copy; the El Paso field hearing of January 2008 is the testimony
    found that names every problem it lists); no measure of the ports' morale or turnover in those years was found."""
    c = claim("heyman-port-testimony-problems")
    conditions, morale = c.stated
    unmeasured = "no measure of staffing, training, morale or turnover at the ports in those years was found"
    return verdicts.judge(c.id, [
        record(conditions, "ports_hearing_staffing_training_workload", cited=True,
               basis="The House Homeland Security Committee's field hearing of January 2008, as reported"),
        verdicts.missing(conditions, unmeasured),
        record(morale, "ports_hearing_morale_turnover", cited=True,
               basis="The officers' union's testimony at the same hearing, as reported"),
        verdicts.missing(morale, unmeasured)], p["tolerance"],
        note="Read in news reports of the hearing; the hearing record itself was not read. GAO's reports of the time "
             "(GAO-08-219) describe the staffing shortfall but give no percentage.")


def _residents_poll_claim(p: dict) -> verdicts.ClaimResult:
    """The survey of border residents, as the essay reports it: most likely the poll the Border Network for Human
    Rights commissioned in July 2010 (the essay's note is not in the text copy); no other survey of how safe border
    residents feel was found to say whether the finding holds."""
    c = claim("heyman-border-residents-feel-safe")
    figure = c.stated[0]
    return verdicts.judge(c.id, [
        record(figure, "border_residents_feel_safe_poll", cited=True,
               basis="The Border Network for Human Rights' poll of residents of ten border cities (the Reuel Group, "
                     "July 2010)"),
        verdicts.missing(figure, "no other survey of border residents' sense of safety was found")], p["tolerance"],
        note="An advocacy group's commissioned poll, not an official survey; the share feeling safe varied by question, "
             "and was lowest, a bare majority, for letting a child play in a neighbourhood park.")


def _terrorist_routes_claim(p: dict) -> verdicts.ClaimResult:
    """Ginsburg's ranking of terrorists' routes, as the essay reports it: her book was located but its text on routes
    was not read; whether ports are the likelier route is tested on the border crossings found in the court records
    of people indicted on terrorism charges."""
    c = claim("heyman-ginsburg-terrorist-routes")
    figure = c.stated[0]
    return verdicts.judge(c.id, [
        verdicts.missing(figure, "Ginsburg's book (Migration Policy Institute, 2010) was located, but not the passage "
                                 "ranking terrorists' routes", cited=True),
        record(figure, "terrorist_border_crossings_mostly_via_airports",
               basis="START's study for DHS of the border crossings of people indicted on terrorism charges, 1980-2004")],
        p["tolerance"], note="The study counts only the crossings that court records mention, and was published in "
                             "2012, after the essay.")


def _desert_routes_claim(p: dict) -> verdicts.ClaimResult:
    """Patrolling pushed crossings onto deadlier routes: GAO found at the time that the first build-ups shifted the
    traffic elsewhere, and later that the doubling of border-crossing deaths came mostly from the Arizona desert."""
    c = claim("heyman-patrolling-pushed-routes-to-desert")
    shifted, deadlier = c.stated
    return verdicts.judge(c.id, [
        record(shifted, "sw_buildups_first_san_diego_el_paso",
               basis="GAO (December 1994): traffic shifted to other areas once the first build-ups began"),
        record(deadlier, "migrant_deaths_rise_in_arizona_desert",
               basis="GAO (August 2006): border-crossing deaths doubled from 1995 with no matching rise in entries, "
                     "most of the rise in the Arizona desert")], p["tolerance"],
        note="GAO's 2006 highlights do not themselves name patrolling as the cause of the deaths.")
