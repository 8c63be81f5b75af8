"""The individual cases the essay cites: the ISIS-K attacks, the Tajik men, the Uzbek group and the
network of Central Asians, each against the reports of it."""
from __future__ import annotations

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.fmt import number
from analysis.chapters.watchlist.sources import _cited, _recent, _reported, latest


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
