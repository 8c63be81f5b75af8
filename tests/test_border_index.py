"""The border-security index: real values recomputed by hand, seeded Monte Carlo, the UNFICYP verdict, bad input."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.chapters import border_index as bi
from analysis.chapters.border_index import essay_figures, indicators, method
from analysis.core.data import load
from analysis.core.params import Param
from conftest import chapter_output

DEFAULTS = bi.PARAMETERS.defaults()


@pytest.fixture(scope="module")
def result():
    return method.compute(**DEFAULTS)


def test_a_normalized_value_recomputed_by_hand(result):
    rl = load("wgi").query("year == 2023 and indicator == 'rl'").set_index("iso3")["estimate"]
    rl = rl[DEFAULTS["countries"]]
    assert (rl["FIN"], rl["HND"]) == (rl.max(), rl.min())  # Finland highest, Honduras lowest of the group
    by_hand = (1.327678 - -1.095008) / (1.967046 - -1.095008)  # the United States' rule of law, min-max
    assert result.normalized.at["USA", "rule_of_law"] == pytest.approx(by_hand, abs=1e-6)
    assert round(result.normalized.at["USA", "rule_of_law"], 2) == 0.79


def test_criminality_is_reversed_so_higher_is_better(result):
    crime = load("gitoc_oc_index").query("year == 2023 and indicator == 'criminality'").set_index("iso3")["score"]
    assert (crime["USA"], crime["MEX"], crime["FIN"]) == (5.67, 7.57, 2.98)
    assert result.normalized.at["MEX", "criminality"] == 0  # the most criminality of the group
    assert result.normalized.at["FIN", "criminality"] == 1


def test_index_and_ranks_with_equal_weights(result):
    s = result.scores
    families = ["crime_governance", "international_agreements"]
    assert s["index"].to_numpy() == pytest.approx(s[families].mean(axis=1).to_numpy())
    seven = [i.key for i in result.indicators if i.family == "crime_governance"]
    assert len(seven) == 7
    assert s.at["USA", "crime_governance"] == pytest.approx(result.normalized.loc["USA", seven].mean())
    ranks = result.summary["rank"]
    assert list(ranks.index[:5]) == ["FIN", "EST", "LTU", "LVA", "CAN"]
    assert (ranks["USA"], ranks["MEX"], ranks["GTM"]) == (11, 16, 18)


def test_the_treaty_indicator_enters_for_all_18(result):
    cov = result.coverage.set_index("key")
    assert cov.at["att_status", "in the index"] == "yes"
    assert cov.at["att_status", "countries with a value"] == 18
    assert [i.key for i in result.indicators if i.family == "international_agreements"] == [
        "international_cooperation", "att_status"]
    # the United States is the only non-party: min-max puts it at 0 on the treaty, everyone else but Greece at 1
    assert result.normalized["att_status"].to_dict() == {c: (0.0 if c == "USA" else 0.5 if c == "GRC" else 1.0)
                                                          for c in DEFAULTS["countries"]}
    # without the treaty (the index before the treaty data were complete) the United States ranks 4th, not 11th
    without = method.compute(**{**DEFAULTS, "leave_out": "att_status", "draws": 200})
    assert (without.summary.at["USA", "rank"], without.summary.at["MEX", "rank"]) == (4, 15)


def test_treaty_status_at_the_end_of_each_year():
    assert indicators.att_score("SLV", 2023) == 1.0  # ratified 2 April 2014 (UN table)
    assert indicators.att_state("GTM", 2015) == "signatory"  # signed 2013, ratified 2016
    assert indicators.att_score("GTM", 2015) == 0.5 and indicators.att_score("GTM", 2016) == 1.0
    assert indicators.att_score("USA", 2018) == 0.5  # signed 2013
    assert indicators.att_state("USA", 2023) == "not party"  # notified 18 July 2019 it will not become a party
    assert indicators.att_score("USA", 2023) == 0.0
    assert indicators.att_state("CAN", 2018) == "neither" and indicators.att_score("CAN", 2021) == 1.0  # acceded 2019
    assert indicators.att_state("LTU", 2014) == "party"  # a month-only date (December 2014) still places the year
    assert indicators.att_state("GRC", 2023) == "signatory"  # the last status on record; no deposit date found
    assert math.isnan(indicators.att_score("CYP", 2023))  # a country the data do not cover


def test_treaty_rows_are_official_where_a_un_record_exists():
    treaty = load("treaty_status").query("country != 'all'")
    assert treaty["iso3"].nunique() == 18
    assert set(treaty.query("tier == 'secondary'")["iso3"]) == {"CAN", "GTM", "HND", "LTU", "POL"}
    assert (treaty.query("event == 'signature'")["tier"] == "official").all()
    mexico = treaty.query("iso3 == 'MEX'").set_index("event")
    assert (mexico.at["ratification", "date"], mexico.at["ratification", "tier"]) == ("2013-09-25", "official")
    assert not treaty["read_from"].str.contains("latinospost|armscontrol").any()


def test_monte_carlo_ranks_are_identical_for_the_same_seed(result):
    again = method.compute(**DEFAULTS)
    pd.testing.assert_frame_equal(again.random, result.random)
    other = method.compute(**{**DEFAULTS, "seed": DEFAULTS["seed"] + 1})
    assert not other.random.equals(result.random)
    assert result.random.shape == (10000, 18)
    assert set(result.random.loc[0]) <= set(range(1, 19))


def test_robust_and_weight_dependent_conclusions(result):
    s = result.summary
    assert s.at["FIN", "P(top third)"] == 1 and s.at["GTM", "P(bottom third)"] == 1
    assert round(s.at["MEX", "P(bottom third)"], 2) == 0.90  # just at the 90% line of "robustly"
    assert s.at["USA", "conclusion"] == "depends on the weights"
    assert s.at["MEX", "conclusion"] == "robustly in the bottom third"
    assert s.at["CAN", "conclusion"] == "robustly in the top third"
    assert s.at["ESP", "conclusion"] == "depends on the weights"


def test_correlations_between_indicators(result):
    from analysis.chapters.border_index import uncertainty
    corr = uncertainty.correlations(result).set_index("indicator")
    assert corr.at["Rule of law (WGI)", "Control of corruption (WGI)"] == 0.97
    assert corr.at["International cooperation (GI-TOC)", "Arms Trade Treaty (party 1, signatory 0.5)"] == -0.28
    (hi_a, hi_b, hi), (lo_a, lo_b, lo) = uncertainty.extreme_pairs(result)
    assert (hi_a, hi_b, round(hi, 2)) == ("Rule of law (WGI)", "Control of corruption (WGI)", 0.97)
    assert lo_b.startswith("Arms Trade Treaty") and round(lo, 2) == -0.28


def test_uncertainty_beyond_the_weights():
    from analysis.chapters.border_index import uncertainty
    found = uncertainty.scenarios(DEFAULTS["countries"])
    assert len(found) == 4 * 2 * 10  # four methods, two editions, nine indicators left out in turn or none
    ranks = bi.all_inputs_ranks(**DEFAULTS)
    assert ranks.shape == (10000, 18)
    pd.testing.assert_frame_equal(ranks, uncertainty.global_ranks(DEFAULTS["countries"], 10000, DEFAULTS["seed"]))
    assert ranks["FIN"].eq(1).mean() > 0.95  # Finland first whatever the choices
    assert ranks["USA"].median() == 11 and ranks["USA"].quantile(0.05) == 4 and ranks["USA"].quantile(0.95) == 18
    assert round((ranks["MEX"] > 12).mean(), 2) == 0.84
    tables = bi.uncertainty_tables(**DEFAULTS)
    alone = tables["one_at_a_time"].set_index("alternative")
    assert alone.at["without Arms Trade Treaty (party 1, signatory 0.5)", "United States"] == 4
    assert alone.at["without International cooperation (GI-TOC)", "United States"] == 18
    assert alone.at["normalization rank", "United States"] == 8
    assert alone.at["Organized Crime Index edition 2021 (WGI of the same year)", "Mexico"] == 15
    assert "aggregation geometric (with normalization rank, which it needs)" in alone.index
    geometric = bi.uncertainty_tables(**{**DEFAULTS, "normalization": "rank", "aggregation": "geometric", "draws": 200})
    assert "normalization zscore (with aggregation arithmetic, which it needs)" in set(
        geometric["one_at_a_time"]["alternative"])


def test_wgi_redraw_moves_only_within_the_standard_errors():
    errors = indicators.wgi_errors(DEFAULTS["countries"], 2023)
    assert errors.at["USA", "rule_of_law"] == pytest.approx(
        load("wgi").query("iso3 == 'USA' and year == 2023 and indicator == 'rl'")["stddev"].iloc[0])
    assert (errors["criminality"] == 0).all()
    redrawn = method.compute(**{**DEFAULTS, "wgi_redraw": True, "draws": 200})
    moved = (redrawn.raw - method.compute(**{**DEFAULTS, "draws": 200}).raw).abs()
    assert (moved["criminality"] == 0).all() and (moved["rule_of_law"] > 0).all()
    assert (moved["rule_of_law"] < 5 * errors["rule_of_law"]).all()


def test_geometric_mean_by_hand():
    normalized = pd.DataFrame({"a": [1.0, 4.0], "b": [4.0, 1.0], "c": [2.0, 2.0]}, index=["X", "Y"])
    inds = [indicators.Indicator("a", "crime_governance", "", "wgi", "", True),
            indicators.Indicator("b", "crime_governance", "", "wgi", "", True),
            indicators.Indicator("c", "international_agreements", "", "gitoc", "", True)]
    out = method.scores(normalized, inds, {"crime_governance": 0.5, "international_agreements": 0.5}, "geometric")
    assert out.at["X", "crime_governance"] == pytest.approx(2.0)  # sqrt(1 * 4)
    assert out.at["X", "index"] == pytest.approx(2.0)
    arithmetic = method.scores(normalized, inds, {"crime_governance": 0.5, "international_agreements": 0.5}, "arithmetic")
    assert arithmetic.at["Y", "crime_governance"] == pytest.approx(2.5)


def _unficyp(**params):
    """The chapter's UNFICYP claim among its checked claims."""
    [r] = [r for r in bi.check_claims(**params) if r.claim_id == "caune-unficyp-established-1974"]
    return r


def test_unficyp_is_misdated_by_ten_years():
    r = _unficyp(**DEFAULTS)
    assert essay_figures.unficyp_year() == 1964
    assert DEFAULTS["year_tolerance"] == 0.0  # "est. 1974": one year, unhedged
    [check] = r.checks
    assert (r.claim_id, check.stated, check.recomputed, check.verdict, r.verdict) == (
        "caune-unficyp-established-1974", "est. 1974", 1964.0, "misdated", "misdated")
    assert check.tier == "official" and "resolution 186 (1964)" in check.source
    assert "10 years later, year tolerance 0)" in r.reason
    for tolerance in (1.0, 2.0, 5.0, 9.0):  # the grid's alternatives and beyond: still misdated, no "roughly right"
        lenient = _unficyp(**{**DEFAULTS, "year_tolerance": tolerance})
        assert lenient.verdict == "misdated", tolerance


def _unficyp_with_record(record: int, tolerance: float):
    """The chapter's UNFICYP claim graded as the chapter grades it, against a record year of our choosing."""
    from unittest import mock
    with mock.patch.object(essay_figures, "unficyp_founding", return_value=pd.Timestamp(f"{record}-03-04")):
        return _unficyp(**{**DEFAULTS, "year_tolerance": tolerance})


@pytest.mark.parametrize("record, tolerance, verdict", [
    (1964, 1.0, "misdated"),   # the stated 1974 against the record's 1964: ten years out
    (1974, 0.0, "accurate"),   # a record that agrees
    (1973, 0.0, "misdated"),   # one year out with no tolerance
    (1973, 1.0, "accurate"),   # one year out, exactly at a tolerance of one year
    (1975, 1.0, "accurate"),   # the same the other way
    (1972, 1.0, "misdated"),   # two years out, one beyond the tolerance
    (1972, 2.0, "accurate"),
])
def test_year_tolerance_boundary(record, tolerance, verdict):
    assert _unficyp_with_record(record, tolerance).verdict == verdict


def test_the_chapter_contract():
    from unittest import mock
    from analysis.core.claims import registry
    checked = [c.id for c in registry().values() if c.chapter == "border_index" and c.status == "checked"]
    with mock.patch.object(bi, "compute", side_effect=AssertionError("check_claims computed the index")):
        assert [r.claim_id for r in bi.check_claims(**DEFAULTS)] == checked  # checked claims only, no index
    assert set(chapter_output("border_index", "figures")) == {"fig-heatmap", "fig-ranks", "fig-over-time"}
    values = chapter_output("border_index", "chapter_values")
    assert (values["unficyp_year"], values["year_tolerance"], values["year_tolerance_grid"]) == (1964, "0", "1 and 2")
    assert bi.index_for(**DEFAULTS) is bi.index_for(**dict(DEFAULTS))  # computed once per set of parameters
    assert {"alt_normalization", "gov_only_top", "cyprus_rank"} <= set(bi.exercise_values(**DEFAULTS))


def test_the_comparison_year_is_the_essays_present():
    from analysis.core.claims import present
    assert DEFAULTS["year"] == present("caune2024") == 2023


def test_the_us_and_mexico_are_followed_from_heymans_present():
    from analysis.core.claims import present
    assert indicators.ESSAY_YEARS["heyman"] == present("heyman2011") == 2010
    values = chapter_output("border_index", "chapter_values")
    assert (values["heyman_present"], values["usa_wgi_heyman"], values["mex_wgi_heyman"]) == (2010, "+1.22", "-0.41")
    assert (values["usa_wgi_change"], values["mex_wgi_change"]) == ("-0.30", "-0.26")
    # from 2010 no US estimate moves beyond its margin (from 2011 political stability did); Mexico's corruption does
    assert values["usa_moved_since_heyman"] == "none of the four indicators"
    assert values["mex_moved_since_heyman"] == "control of corruption"
    # the single change that moves the most countries: leaving out the treaty (the only non-party, the US, drops)
    assert (values["most_moving_alternative"], values["most_moving_count"]) == (
        "without Arms Trade Treaty (party 1, signatory 0.5)", 15)
    assert (values["att_parties"], values["att_signatories"], values["att_not_party"]) == (16, "Greece", "United States")
    assert (values["att_official_events"], values["att_secondary_events"]) == (29, 5)


def test_us_and_mexico_over_time():
    family = indicators.wgi_family(["USA", "MEX"])
    assert round(family.at[2011, "USA"], 2) == 1.24 and round(family.at[2023, "MEX"], 2) == -0.66
    change = indicators.wgi_change("USA", 2011, 2023).set_index("indicator")
    assert change.at["Political stability, no violence (WGI)", "change"] == -0.56
    assert change["beyond the margin"].tolist() == ["no", "no", "no", "yes"]


@pytest.mark.parametrize("changes, message", [
    ({"countries": ["USA", "MEX", "XXX"]}, "parameter 'countries' has unknown value(s) 'XXX'; allowed: a list of"),
    ({"countries": ["USA", "MEX", "USA"]}, "parameter 'countries' names 'USA' more than once"),
    ({"countries": ["USA", "MEX"]}, "parameter 'countries' must list at least 3 countries to rank, got 2"),
    ({"normalization": "log"}, "parameter 'normalization'='log' is not allowed; allowed: one of minmax, zscore, rank"),
    ({"weights": {"crime_governance": 0.6, "international_agreements": 0.6}}, "parameter 'weights' must sum to 1"),
    ({"weights": {"crime_governance": 1.2, "international_agreements": -0.2}},
     "parameter 'weights' must be numbers of zero or more"),
    ({"weights": {"crime_governance": 1.0}}, "parameter 'weights' must weigh exactly crime_governance, "
                                              "international_agreements"),
    ({"aggregation": "geometric", "normalization": "zscore"},
     "parameter 'aggregation'='geometric' needs positive normalized values"),
    ({"year": 2020}, "parameter 'year'=2020 is not allowed; allowed: one of 2021, 2023"),
    ({"draws": 10}, "parameter 'draws'=10 is out of range; allowed: between 100 and 100000"),
])
def test_bad_parameters_are_refused_with_the_cause(changes, message):
    with pytest.raises(ValueError) as error:
        bi.PARAMETERS.validate(changes)
    assert message in str(error.value)


def test_a_list_parameter_names_what_is_allowed():
    param = Param("letters", list, ["a"], "some letters", choices=("a", "b"))
    assert param.validate(["b", "a"]) == ["b", "a"]
    with pytest.raises(ValueError, match=r"parameter 'letters' must be a list, got str 'a'"):
        param.validate("a")
    with pytest.raises(ValueError, match=r"unknown value\(s\) 'c'; allowed: a list of distinct values from: a, b"):
        param.validate(["a", "c"])


def test_geometric_with_rank_normalization_is_positive():
    r = method.compute(**{**DEFAULTS, "normalization": "rank", "aggregation": "geometric", "draws": 200})
    assert (r.normalized.to_numpy() >= 1).all()
    assert np.isfinite(r.scores["index"]).all()
    assert r.summary["rank"].min() == 1


def test_the_recomputed_year_is_printed_as_a_year():
    from analysis.site.notebook import result_values
    values = result_values(bi.check_claims(**DEFAULTS))
    assert values["caune-unficyp-established-1974.recomputed"] == "1964"


def test_the_robustness_grid_covers_more_than_the_weights():
    from analysis.site.robustness import variants
    found = variants("border_index", bi.PARAMETERS)
    tried = {(v.parameter, v.value) for v in found if v.values is not None}
    assert {("normalization", "zscore"), ("normalization", "rank"), ("year", 2021), ("wgi_redraw", True),
            ("leave_out", "att_status"), ("leave_out", "rule_of_law")} <= tried
    [geometric] = [v for v in found if v.parameter == "aggregation"]
    assert geometric.values is None and "needs positive normalized values" in geometric.skipped
    # the method choices move the index, never the chapter's checked claim (the founding year of UNFICYP)
    assert {r.verdict for v in found if v.values is not None for r in bi.check_claims(**v.values)
            if r.claim_id == "caune-unficyp-established-1974"} == {"misdated"}


@pytest.mark.slow  # imports scipy.stats, a second
def test_ranks_across_countries_are_scipys_with_ties_shared_or_first():
    from scipy.stats import rankdata
    from analysis.chapters.border_index.uncertainty import _rank
    rng = np.random.default_rng(1)
    tied = rng.integers(0, 3, (50, 18, 9)) / 2  # treaty states: 0, 0.5 or 1, ties everywhere
    for x in (tied, rng.standard_normal((50, 18, 9)), -rng.standard_normal((50, 18))):
        assert (_rank(x, ties="average") == rankdata(x, axis=1, method="average")).all()
        assert (_rank(x, ties="min") == rankdata(x, axis=1, method="min")).all()
    assert _rank(np.array([[3.0, 1.0, 3.0, 2.0]]), ties="average").tolist() == [[3.5, 1.0, 3.5, 2.0]]
    with pytest.raises(ValueError, match="a drawn value is NaN"):
        _rank(np.array([[1.0, np.nan]]), ties="min")
