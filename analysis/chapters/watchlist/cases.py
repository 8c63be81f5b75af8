"""The individual cases the essay cites: the ISIS-K attacks, the Tajik men, the Uzbek group, the network
of Central Asians, the San Diego detentions, the Jordanians at Quantico and the Uzbek man arrested in Baltimore,
each against the reports of it."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.fmt import number
from analysis.core.series import reported
from analysis.chapters.watchlist.sources import _cited, _recent, _reported, latest

EVIDENCE = "evidence_figures"
NO_RECORD = "No official record was found: the figures rest on press reports of unnamed officials."


def case_rows(measure: str) -> dict[str, pd.Series]:
    """A case's reported figure, by the citation of each report of it."""
    rows = reported(measure, EVIDENCE)
    if rows.empty:
        raise ValueError(f"no reported figure for {measure!r} in {EVIDENCE}")
    return {r["citation"]: r for _, r in rows.iterrows()}


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


def _san_diego_claim(p: dict) -> verdicts.ClaimResult:
    """The essay's source (The Jerusalem Post) for "reported faithfully?", the New York Post's original report for
    "does it hold?": both rest on the same unnamed federal sources."""
    c = claim("byers-san-diego-detentions-2024")
    evidence = []
    for figure, measure in zip(c.stated, ("san_diego_detainees_palestinian", "san_diego_detainees_turkish")):
        rows = case_rows(measure)
        cited_row, original = rows["jpost2024_san_diego"], rows["nypost2024_san_diego"]
        evidence += [verdicts.cited(figure, source=cited_row["publisher"], value=float(cited_row["value"]),
                                    tier=cited_row["tier"], basis=f"{cited_row['publication']} "
                                                                  f"(\u201c{cited_row['as_printed']}\u201d)"),
                     _reported(figure, original, "Detained in the San Diego Sector in July 2024, as first reported")]
    return verdicts.judge(c.id, evidence, p["tolerance"], note=NO_RECORD + " CBP publishes no detentions by "
                          "nationality, place and month, and no statement on the case was found.")


def _quantico_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-quantico-jordanians-2024")
    both, crossed = c.stated
    nationals = next(iter(case_rows("quantico_jordanians").values()))
    entered = next(iter(case_rows("quantico_entered_sw_illegally").values()))
    return verdicts.judge(c.id, [
        _reported(both, nationals, "Jordanian nationals arrested at the base's gate on 3 May 2024, per ICE"),
        _reported(crossed, entered, "Of them, those who had crossed the southwest border illegally, per DHS sources")],
        p["tolerance"], note="ICE's statement confirms the two men's nationality, not how either entered; the entry "
                             "rests on unnamed DHS sources, and no public record of it was found.")


def years_between(start: str, end: str) -> tuple[float, float]:
    """Years from a month or day to a day: the shortest and longest, when the start is given as a month only."""
    first = pd.Timestamp(start)
    last_start = first + pd.offsets.MonthEnd(0) if len(start) == 7 else first
    stop = pd.Timestamp(end)
    return (stop - last_start).days / 365.25, (stop - first).days / 365.25


def _uzbek_baltimore_claim(p: dict) -> verdicts.ClaimResult:
    """"For two years": from his crossing into Arizona (a month) to his arrest in Baltimore (a day)."""
    c = claim("byers-uzbek-baltimore-two-years")
    crossed = next(iter(case_rows("attoev_crossed_border").values()))
    arrested = next(iter(case_rows("attoev_arrested").values()))
    low, high = years_between(str(crossed["period_end"]), str(arrested["period_end"]))
    return verdicts.judge(c.id, [verdicts.bracketed(
        c.stated[0], low, high, source=arrested["publisher"], tier=arrested["tier"],
        basis=f"Years from his crossing ({crossed['as_printed']}) to his arrest ({arrested['as_printed']}), "
              "as reported")], p["tolerance"],
        note="He was released on bond after the Border Patrol caught him, so the two years were spent awaiting "
             "immigration proceedings. " + NO_RECORD)
