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
    assert list(ranks.index[:4]) == ["FIN", "EST", "LTU", "USA"]
    assert (ranks["USA"], ranks["MEX"], ranks["SLV"]) == (4, 15, 18)


def test_only_complete_indicators_enter(result):
    cov = result.coverage.set_index("key")
    assert cov.at["att_party", "in the index"] == "no"
    assert cov.at["att_party", "countries with a value"] == 3  # El Salvador, Guatemala (parties), the US (not)
    assert "no value for 15 of 18 countries" in cov.at["att_party", "why not"]
    assert [i.key for i in result.indicators if i.family == "international_agreements"] == ["international_cooperation"]


def test_treaty_status_only_where_a_source_states_it():
    assert indicators.att_status("SLV", 2023) == 1.0  # ratified 2014
    assert math.isnan(indicators.att_status("GTM", 2015))  # ratified in 2016; no source states its status in 2015
    assert indicators.att_status("USA", 2023) == 0.0  # signed 2013, revoked 2019, never ratified
    assert math.isnan(indicators.att_status("USA", 2014))  # a signature alone says nothing about ratification
    assert math.isnan(indicators.att_status("MEX", 2023))  # signature seen, ratification not
    assert math.isnan(indicators.att_status("FIN", 2023))


def test_monte_carlo_ranks_are_identical_for_the_same_seed(result):
    again = method.compute(**DEFAULTS)
    pd.testing.assert_frame_equal(again.random, result.random)
    other = method.compute(**{**DEFAULTS, "seed": DEFAULTS["seed"] + 1})
    assert not other.random.equals(result.random)
    assert result.random.shape == (10000, 18)
    assert set(result.random.loc[0]) <= set(range(1, 19))


def test_robust_and_weight_dependent_conclusions(result):
    s = result.summary
    assert s.at["FIN", "P(top third)"] == 1 and s.at["MEX", "P(bottom third)"] == 1
    assert s.at["USA", "conclusion"] == "robustly in the top third"
    assert s.at["MEX", "conclusion"] == "robustly in the bottom third"
    assert s.at["CAN", "conclusion"] == "depends on the weights"
    assert 0.5 < s.at["CAN", "P(top third)"] < 0.8


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


def test_unficyp_is_misdated_by_ten_years():
    [r] = bi.check_claims(**DEFAULTS)
    assert essay_figures.unficyp_year() == 1964
    assert DEFAULTS["year_tolerance"] == 0.0  # "est. 1974": one year, unhedged
    [check] = r.checks
    assert (r.claim_id, check.stated, check.recomputed, check.verdict, r.verdict) == (
        "caune-unficyp-established-1974", "est. 1974", 1964.0, "misdated", "misdated")
    assert check.tier == "official" and "resolution 186 (1964)" in check.source
    assert "10 years later, year tolerance 0)" in r.reason
    for tolerance in (1.0, 2.0, 5.0, 9.0):  # the grid's alternatives and beyond: still misdated, no "roughly right"
        [lenient] = bi.check_claims(**{**DEFAULTS, "year_tolerance": tolerance})
        assert lenient.verdict == "misdated", tolerance


def _unficyp_with_record(record: int, tolerance: float):
    """The chapter's UNFICYP claim graded as the chapter grades it, against a record year of our choosing."""
    from unittest import mock
    with mock.patch.object(essay_figures, "unficyp_founding", return_value=pd.Timestamp(f"{record}-03-04")):
        [r] = bi.check_claims(**{**DEFAULTS, "year_tolerance": tolerance})
    return r


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
    values = bi.chapter_values(**DEFAULTS)
    assert (values["unficyp_year"], values["year_tolerance"], values["year_tolerance_grid"]) == (1964, "0", "1 and 2")
    assert bi.index_for(**DEFAULTS) is bi.index_for(**dict(DEFAULTS))  # computed once per set of parameters
    assert {"alt_normalization", "gov_only_top", "cyprus_rank"} <= set(bi.exercise_values(**DEFAULTS))


def test_the_comparison_year_is_the_essays_present():
    from analysis.core.claims import present
    assert DEFAULTS["year"] == present("caune2024") == 2023


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
