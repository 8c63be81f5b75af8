"""Chapter 3 (the kingpin strategy and Mexico's homicides): series, vintages, panel and event study."""
from __future__ import annotations

import warnings

import pytest

from analysis import verdicts as v
from analysis.chapters import kingpin as k
from analysis.data import load

warnings.filterwarnings("ignore", message=".*observations removed because of separation")
DEFAULTS = k.PARAMETERS.defaults()


def results(**params):
    return {r.claim_id: r for r in k.check_claims(**(DEFAULTS | params))}


def test_national_series_vintages_and_the_printed_figure():
    sesnsp = k.national("sesnsp-homicidio-doloso-victims", "latest")["value"]
    assert sesnsp[2018] == 33742 and sesnsp.idxmax() == 2019 and sesnsp.max() == 34723
    assert sesnsp.index.max() == 2024  # 2025 is partial and left out
    inegi = k.national("inegi-homicides", "latest")["value"]
    assert inegi[2018] == 36685 and inegi.idxmax() == 2020
    assert k.matches(33341) == ["sesnsp-homicidio-doloso-victims (2019-01-release, 2018)"]
    summary = k.series_summary(2000, 2024).set_index(["series", "vintage"])
    assert summary.loc[("sesnsp-homicidio-doloso-victims", "2019-01-release"), "2018"] == "33,341"
    assert summary.loc[("inegi-homicides", "definitive"), "peak year"] == 2020


def test_peak_claim_against_each_vintage():
    peak = results()["byers-mexico-homicide-peak-2018"]
    assert peak.recomputed == 33742 and peak.verdict == v.ACCURATE
    assert "peak year is 2019" in peak.reason and "2019-01-release" in peak.reason
    first = results(vintage="2019-01-release")["byers-mexico-homicide-peak-2018"]
    assert first.recomputed == 33341
    inegi = results(series="inegi-homicides")["byers-mexico-homicide-peak-2018"]
    assert inegi.recomputed == 36685 and inegi.verdict == v.ROUGHLY_RIGHT  # 10.03% above 33,341
    assert results(series="inegi-homicides", tolerance=0.15)["byers-mexico-homicide-peak-2018"].verdict == \
        v.ACCURATE


def test_sinaloa_before_and_after_el_chapo():
    chapo = results()["byers-el-chapo-violence"]
    assert chapo.recomputed == pytest.approx(1609 / 1211) and chapo.verdict == v.ACCURATE
    sinaloa = k.state_annual(k.SINALOA)
    assert sinaloa.loc[2018, "SESNSP (victims)"] > 0 and sinaloa["INEGI (occurrence)"].idxmax() == 2010


def test_panel_folds_new_municipalities_into_their_parents():
    panel = k.panel()
    assert panel["cve_mun"].nunique() == 2454
    assert panel[panel["year"] == 2018]["homicides"].sum() == 34400  # the file's 34,404 less 4 with no stated parent
    counts = load("municipal_month_homicides")
    assert counts["homicides"].sum() - panel["homicides"].sum() == 20
    assert not panel["population"].isna().any()
    population = k.population().set_index(["cve_mun", "year"])["population"]
    assert population[("25006", 2008)] == pytest.approx(
        population[("25006", 2006)] + (population[("25006", 2010)] - population[("25006", 2006)]) / 2)


def test_events_and_neighbours():
    events = k.events("captures-and-killings")
    assert len(events) == 16 and len(k.events("captures")) == 13
    assert events.set_index("cve_mun").loc["25006", "event_date"] == "2008-01-21"
    treated = events.set_index("cve_mun")["t"]
    assert len(k.neighbours(treated, 1)) == 87 and len(k.neighbours(treated, 2)) == 239
    assert not set(k.neighbours(treated, 1).index) & set(treated.index)
    raw = k.raw_counts("captures-and-killings").set_index("municipality")
    assert (raw.loc["25006", "12 months before"], raw.loc["25006", "12 months after"]) == (122, 401)


def test_kingpin_estimates_and_verdicts_depend_on_the_estimator():
    poisson = k.pooled_effects("poisson", "captures-and-killings", 1, 12, 6)
    assert poisson.loc["post_c", "estimate"] == pytest.approx(41.2, abs=0.1)
    assert poisson.loc["post_c", "low"] < 0 < poisson.loc["post_c", "high"]
    log_rate = k.pooled_effects("log-rate", "captures-and-killings", 1, 12, 6)
    assert log_rate.loc["post_c", "estimate"] == pytest.approx(86.7, abs=0.1)
    assert k.two_stage_effect("captures-and-killings", 1, 12, 6)["estimate"] == pytest.approx(88.3, abs=0.1)
    r = results()
    assert r["byers-kingpin-capture-homicide-effects"].verdict == v.OVERSTATED
    assert "includes the stated 80%" in r["byers-kingpin-capture-homicide-effects"].reason
    assert r["byers-kingpin-doubled-homicides"].recomputed == pytest.approx(1.412, abs=0.001)
    r = results(estimator="log-rate")
    assert r["byers-kingpin-capture-homicide-effects"].verdict == v.ACCURATE
    assert r["byers-kingpin-doubled-homicides"].verdict == v.ACCURATE


def test_event_study_has_a_reference_quarter_and_the_window():
    table = k.event_study("captures-and-killings", 1, 12, 24)
    capture = table[table["group"] == "capture municipality"].set_index("quarter")
    assert list(capture.index) == list(range(-4, 9))
    assert capture.loc[-1, "estimate"] == 0
    assert capture.loc[0, "estimate"] == pytest.approx(29.7, abs=0.1)


@pytest.mark.parametrize("values, message", [
    ({"series": "cdc"}, "parameter 'series'='cdc' is not allowed; allowed: one of sesnsp-homicidio-doloso-victims"),
    ({"neighbour_ring": 3}, "parameter 'neighbour_ring'=3 is not allowed; allowed: one of 1, 2"),
    ({"chapo_before_year": 2018, "chapo_after_year": 2016}, "parameter 'chapo_before_year'=2018 must be before"),
    ({"last_year": 2025}, "parameter 'last_year'=2025 is outside the data; allowed: between 2000 and 2024"),
])
def test_bad_parameters(values, message):
    with pytest.raises(ValueError) as error:
        k.PARAMETERS.validate(values)
    assert str(error.value).startswith(message)


def test_estimates_kept_on_disk_are_keyed_on_every_file_they_read(data_copy, monkeypatch, tmp_path):
    from analysis import memo
    from analysis.data import files_read
    monkeypatch.setattr(memo, "MEMO_DIR", tmp_path / "memo")
    args = ("captures-and-killings", 1, 12, 6)
    first = k.two_stage_effect.__wrapped__(*args)  # the disk memo, below the in-process cache
    assert len(list((tmp_path / "memo").glob("*.pkl"))) == 1
    read = {p.split("#")[0] for p in files_read() if p.startswith(str(data_copy.root))}
    declared = {str(data_copy.path(name)) for name in k.ESTIMATION_DATA}
    assert read - {str(data_copy.root / "datapackage.yaml")} <= declared  # nothing read that the key misses
    assert k.two_stage_effect.__wrapped__(*args).equals(first)  # read back, not refitted
    # a changed input is a new key: the regression runs again and a second result is stored
    data_copy.rewrite("kingpin_events", lambda text: text.replace("2009-12-16", "2009-12-17"))
    k.two_stage_effect.__wrapped__(*args)
    assert len(list((tmp_path / "memo").glob("*.pkl"))) == 2
