"""Parameter validation: every bad value is refused with a message naming it and what is allowed."""
from __future__ import annotations

import types

import pytest
import yaml

from analysis import chapters
from analysis.chapters import budgets
from analysis.core.params import Param, Parameters

P = budgets.PARAMETERS


def test_defaults_pass_and_ints_become_floats_for_float_parameters():
    assert P.validate({}) == {"start_year": 1993, "end_year": 2010, "deflator": "cpi-u",
                              "tolerance": 0.10, "agents_first_fy": 2001, "allow_secondary": True}
    assert P.validate({"tolerance": 0})["tolerance"] == 0.0


BAD = [
    ({"start_yr": 1994}, "unknown parameter 'start_yr'; allowed parameters: start_year, end_year, deflator, "
                         "tolerance, agents_first_fy, allow_secondary"),
    ({"start_year": "1994"}, "parameter 'start_year' must be an integer, got str '1994'"),
    ({"start_year": 1994.0}, "parameter 'start_year' must be an integer, got float 1994.0"),
    ({"allow_secondary": 1}, "parameter 'allow_secondary' must be true or false, got int 1"),
    ({"start_year": 1980}, "parameter 'start_year'=1980 is outside the data; allowed: between 1992 and 2019 "
                           "(the fiscal years the Border Patrol staffing data cover)"),
    ({"end_year": 2031}, "parameter 'end_year'=2031 is outside the data; allowed: between 1992 and 2019"),
    ({"start_year": 2000, "end_year": 1999}, "parameter 'start_year'=2000 must be before 'end_year'=1999"),
    ({"start_year": 2003}, "parameter 'start_year'=2003 must be before 2001, the end of the essay's 'tripled'"),
    ({"tolerance": -0.1}, "parameter 'tolerance'=-0.1 is out of range; allowed: between 0.0 and 1.0"),
    ({"deflator": "ppi"}, "parameter 'deflator'='ppi' is not allowed; allowed: one of cpi-u, gdp"),
]


@pytest.mark.parametrize("values, message", BAD, ids=[m.split(";")[0][:40] for _, m in BAD])
def test_bad_values_are_refused_with_a_named_cause(values, message):
    with pytest.raises(ValueError) as error:
        P.validate(values)
    assert str(error.value).startswith(message)


def test_notebook_namespace_ignores_modules_functions_and_ipython_names():
    namespace = {"start_year": 1994, "In": [], "Out": {}, "get_ipython": print, "_": None,
                 "types": types, "helper": lambda: 1}
    assert P.from_namespace(namespace)["start_year"] == 1994
    with pytest.raises(ValueError, match="unknown parameter 'colour'"):
        P.from_namespace({**namespace, "colour": "red"})


def test_bounds_may_come_from_a_function():
    years = Parameters((Param("year", int, 2000, "a year", minimum=lambda: 1990, maximum=lambda: 2005),))
    assert years.validate({"year": 2005}) == {"year": 2005}
    with pytest.raises(ValueError, match="between 1990 and 2005"):
        years.validate({"year": 2006})


def test_a_default_may_be_read_from_the_data():
    """A default that is a figure the data hold is a function reading it, never a typed copy."""
    figure = Parameters((Param("seized", float, lambda: 41e6, "a reported figure", minimum=0.0),))
    assert figure.defaults() == {"seized": 41e6}
    assert figure.validate({}) == {"seized": 41e6}
    assert figure.params[0].default_value() == 41e6


RATINGS = "{terrorism: {harm: .inf, probability: 1, feasibility: 2}, guns-drugs-money: {harm: 3, probability: 3, " \
          "feasibility: 3}, unauthorized migration: {harm: 1, probability: 3, feasibility: 2}}"
NON_FINITE = [  # (chapter, the parameter as -p or a YAML file gives it, the message)
    ("budgets", {"tolerance": float("nan")},
     "parameter 'tolerance'=nan is not a finite number; allowed: between 0.0 and 1.0"),
    ("guns_money", {"seized_usd": float("inf")},
     "parameter 'seized_usd'=inf is not a finite number; allowed: at least 0.0"),
    ("guns_money", {"flow_high_usd": float("-inf")},
     "parameter 'flow_high_usd'=-inf is not a finite number; allowed: above 0.0"),
    ("watchlist", {"fee_low_usd": float("inf")},
     "parameter 'fee_low_usd'=inf is not a finite number; allowed: at least 0.0"),
    ("guns_money", "weights: {harm: .nan, probability: 1.0, feasibility: 1.0}",
     "parameter 'weights'['harm']=nan is not a finite number; allowed: finite numbers in a mapping like "
     "{'harm': 1.0, 'probability': 1.0, 'feasibility': 1.0}"),
    ("guns_money", f"ratings: {RATINGS}",
     "parameter 'ratings'['terrorism']['harm']=inf is not a finite number; allowed: finite numbers in a mapping like "
     "{'terrorism': {'harm': 3, 'probability': 1, 'feasibility': 2}, 'guns-drugs-money': {'harm': 3, 'probability': 3, "
     "'feasibility': 3}, 'unauthorized migration': {'harm': 1, 'probability': 3, 'feasibility': 2}}"),
    ("border_index", "weights: {crime_governance: .nan, international_agreements: .nan}",
     "parameter 'weights'['crime_governance']=nan is not a finite number; allowed: finite numbers in a mapping like "
     "{'crime_governance': 0.5, 'international_agreements': 0.5}"),
    ("border_index", "year_tolerance: .inf", "parameter 'year_tolerance'=inf is not a finite number; allowed: between "
                                             "0.0 and 50.0"),
]


@pytest.mark.parametrize("slug, values, message", NON_FINITE, ids=[m.split(" is")[0] for *_, m in NON_FINITE])
def test_nan_and_infinity_are_refused_wherever_they_hide(slug, values, message):
    """NaN compares false with every bound, so without this check it would pass them all."""
    values = yaml.safe_load(values) if isinstance(values, str) else values
    with pytest.raises(ValueError) as error:
        chapters.module(slug).PARAMETERS.validate(values)
    assert str(error.value) == message
