"""Drugs seized on the southwest border against those seized at air, sea and coastal points (Sluys 2023:
smuggling by air and sea is "not on the same scale"), from CBP's seizure statistics by region."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.series import reported
from analysis.chapters.watchlist.sources import _origin

SEIZURES = "cbp_drug_seizures_by_region"
# "narcotics" as the thesis's source uses the word: the major illicit drugs ONDCP's southwest border strategy
# names; khat, ketamine and the rest are left out by default (khat alone outweighs much of the coastal total)
DRUG_SETS = {
    "major": ("Cocaine", "Fentanyl", "Heroin", "Methamphetamine", "Marijuana"),
    "hard": ("Cocaine", "Fentanyl", "Heroin", "Methamphetamine"),
    "all": None,
}


def seizure_years() -> tuple[int, int]:
    """The complete fiscal years of the seizure data."""
    fy = load(SEIZURES).query("coverage == 'full'")["fy"]
    return int(fy.min()), int(fy.max())


def seizures_by_region(fy: int, drugs: str) -> pd.Series:
    """Pounds seized in one fiscal year by region (ports and between ports together)."""
    frame = load(SEIZURES).query("fy == @fy and coverage == 'full'")
    if frame.empty:
        first, last = seizure_years()
        raise ValueError(f"no complete seizure counts for FY{fy}; the data cover FY{first}-FY{last}")
    if DRUG_SETS[drugs] is not None:
        frame = frame[frame["drug"].isin(DRUG_SETS[drugs])]
    return frame.groupby("region")["quantity_lbs"].sum()


def _scale_claim(p: dict) -> verdicts.ClaimResult:
    """Southwest border seizures as a multiple of coastal and interior seizures (air and sea ports, mail and the
    coastal Border Patrol sectors): seizures measure interdiction, so this tests the claim only as far as
    seizures stand for what is smuggled."""
    c = claim("sluys-swb-dominant-smuggling-route")
    lbs = seizures_by_region(p["seizure_fy"], p["seizure_drugs"])
    which = "all drugs" if DRUG_SETS[p["seizure_drugs"]] is None else ", ".join(DRUG_SETS[p["seizure_drugs"]]).lower()
    note = "Seizures measure interdiction, not the flow of drugs: more inspection at the land border finds more."
    return verdicts.judge(c.id, [verdicts.missing(
        c.stated[0], "the 2022 edition of ONDCP's Southwest Border Counternarcotics Strategy, which the thesis cites, "
                     "was not located", source="Office of National Drug Control Policy", cited=True), verdicts.measured(
        c.stated[0], float(lbs["southwest"] / lbs["coastal-interior"]), source=_origin(SEIZURES),
        basis=f"Pounds of {which} seized by CBP on the southwest border ({lbs['southwest']:,.0f} lb) over those seized "
              f"at coastal and interior ports and sectors, air and sea included ({lbs['coastal-interior']:,.0f} lb), "
              f"FY{p['seizure_fy']}")], p["tolerance"], note=note)


def seizures_table(fy: int) -> pd.DataFrame:
    """Pounds seized by drug and region in one fiscal year, for readers."""
    frame = load(SEIZURES).query("fy == @fy and coverage == 'full'")
    table = frame.pivot_table(index="drug", columns="region", values="quantity_lbs", aggfunc="sum", fill_value=0.0)
    table = table[["southwest", "coastal-interior", "northern"]].round(0).astype(int).reset_index()
    table.columns.name = None
    return table.rename(columns={"southwest": "southwest border (lb)", "coastal-interior": "coastal and interior (lb)",
                                 "northern": "northern border (lb)"})


def _threat_claim(p: dict) -> verdicts.ClaimResult:
    """DEA's ranking of Mexican cartels among drug threats (its judgement, the only ranking published); the share of
    the market they control is stated by DEA in words, with no figure, and the thesis's own source was not found."""
    c = claim("sluys-mexican-tcos-top-drug-threat")
    rank, market = c.stated
    rows = reported("mexican_tco_threat_rank", "evidence_figures")
    dea = rows.iloc[0]
    return verdicts.judge(c.id, [
        verdicts.missing(rank, "the 2022 edition of ONDCP's Southwest Border Counternarcotics Strategy, which the "
                               "thesis cites, was not located", source="Office of National Drug Control Policy",
                         cited=True),
        verdicts.measured(rank, float(dea["value"]), source=dea["publisher"], tier=dea["tier"],
                          basis=f"DEA's rank of Mexican transnational criminal organizations among drug-trafficking "
                                f"threats, {dea['publication']} (\u201c{dea['as_printed']}\u201d)"),
        verdicts.missing(market, "DEA says they \u201ccontrol most of the U.S. drug market\u201d but publishes no "
                                 "share, and no data measure one")], p["tolerance"],
        note="A ranking is the agency's judgement, not a measurement.")
