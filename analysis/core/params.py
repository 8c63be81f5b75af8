"""Parameter declarations for the chapters, and their validation.

Each chapter declares its parameters once (name, type, default, allowed values, meaning, and a
short grid of sensible alternatives); the notebook's validation, the error messages, the
documentation and the ledger's robustness check all read that declaration.
papermill never checks parameters itself, so the notebooks call :meth:`Parameters.from_namespace`.
"""
from __future__ import annotations

import math
import types
from dataclasses import dataclass, field
from typing import Any, Callable

from analysis.core.data import derived

TYPE_NAMES = {int: "an integer", float: "a number", str: "a string", bool: "true or false", dict: "a mapping",
              list: "a list"}
# names IPython puts in a notebook's namespace that are not parameters
_NOTEBOOK_NAMES = {"In", "Out", "get_ipython", "exit", "quit", "open"}


def _resolve(value: Any) -> Any:
    """A default, a bound or a list of choices, read from the data when it is a function."""
    return _read_from_data(value) if callable(value) else value


@derived
def _read_from_data(read: Callable[[], Any]) -> Any:
    return read()


@dataclass(frozen=True)
class Param:
    name: str
    type: type
    # a value, or a function reading it from the data when the default is a figure the data hold (a reported
    # figure): the notebook's parameter cell then holds a copy, which tests/test_notebooks.py checks against it
    default: Any
    meaning: str
    choices: tuple | Callable[[], tuple] | None = None  # for a list: the values its items may take
    minimum: Any = None        # a number, or a function returning one (for example the first year in the data)
    maximum: Any = None
    exclusive: bool = False    # bounds themselves not allowed
    range_note: str = ""       # where the bounds come from, e.g. "the fiscal years the staffing data cover"
    check: Callable[[Any], None] | None = None  # further checks (for mappings), raising ValueError
    grid: tuple = ()           # sensible alternatives to the default, to re-grade verdicts under (analysis.site.robustness)

    def default_value(self) -> Any:
        """The default, read from the data when ``default`` is a function."""
        return _resolve(self.default)

    def bounds(self) -> tuple[Any, Any]:
        return _resolve(self.minimum), _resolve(self.maximum)

    def options(self) -> tuple | None:
        """The allowed values, read from the data when ``choices`` is a function."""
        return _resolve(self.choices)

    def allowed(self) -> str:
        """The allowed values in words, for error messages and documentation."""
        if self.type is list:
            return "a list of distinct values from: " + ", ".join(map(str, self.options()))
        if self.choices:
            return "one of " + ", ".join(map(str, self.options()))
        if self.type is dict:
            return f"a mapping like {self.default_value()}"
        low, high = self.bounds()
        note = f" ({self.range_note})" if self.range_note else ""
        if low is not None and high is not None:
            return f"{'strictly ' if self.exclusive else ''}between {low} and {high}{note}"
        if low is not None:
            return f"{'above' if self.exclusive else 'at least'} {low}"
        if high is not None:
            return f"{'below' if self.exclusive else 'at most'} {high}"
        return TYPE_NAMES[self.type]

    def validate(self, value: Any) -> Any:
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, self.type) or (self.type is not bool and isinstance(value, bool)):
            raise ValueError(f"parameter {self.name!r} must be {TYPE_NAMES[self.type]}, "
                             f"got {type(value).__name__} {value!r}; allowed: {self.allowed()}")
        if self.type is list:
            self._validate_items(value)
        elif self.choices is not None and value not in self.options():
            raise ValueError(f"parameter {self.name!r}={value!r} is not allowed; allowed: {self.allowed()}")
        self._validate_finite(value)
        if self.check is not None:
            self.check(value)
        low, high = self.bounds()
        below = low is not None and (value <= low if self.exclusive else value < low)
        above = high is not None and (value >= high if self.exclusive else value > high)
        if below or above:
            where = "outside the data" if self.range_note else "out of range"
            raise ValueError(f"parameter {self.name!r}={value!r} is {where}; allowed: {self.allowed()}")
        return value

    def _validate_finite(self, value: Any) -> None:
        """No NaN or infinity, however deep in a mapping: ``-p tolerance=nan`` and YAML's ``.nan`` and ``.inf``
        parse as floats, and every comparison with NaN is false, so the bounds and checks would let it through."""
        found = _non_finite(value)
        if found is not None:
            place, number = found
            allowed = f"finite numbers in {self.allowed()}" if place else self.allowed()
            raise ValueError(f"parameter {self.name!r}{''.join(f'[{key!r}]' for key in place)}={number!r} "
                             f"is not a finite number; allowed: {allowed}")

    def _validate_items(self, items: list) -> None:
        """A list parameter: every item allowed, none twice (an item named twice is a typo, not a weight)."""
        unknown = [item for item in items if item not in self.options()]
        if unknown:
            raise ValueError(f"parameter {self.name!r} has unknown value(s) {', '.join(map(repr, unknown))}; "
                             f"allowed: {self.allowed()}")
        repeated = sorted({item for item in items if items.count(item) > 1})
        if repeated:
            raise ValueError(f"parameter {self.name!r} names {', '.join(map(repr, repeated))} more than once; "
                             f"allowed: {self.allowed()}")


@dataclass(frozen=True)
class Parameters:
    """A chapter's parameters, with checks that involve several of them."""
    params: tuple[Param, ...]
    checks: tuple[Callable[[dict], None], ...] = field(default=())

    def names(self) -> list[str]:
        return [p.name for p in self.params]

    def defaults(self) -> dict:
        return {p.name: p.default_value() for p in self.params}

    def validate(self, values: dict) -> dict:
        """Defaults overridden by ``values``, each checked; raises ValueError naming the parameter."""
        unknown = [name for name in values if name not in self.names()]
        if unknown:
            raise ValueError(f"unknown parameter {unknown[0]!r}; allowed parameters: {', '.join(self.names())}")
        merged = self.defaults() | values
        checked = {p.name: p.validate(merged[p.name]) for p in self.params}
        for check in self.checks:
            check(checked)
        return checked

    def from_namespace(self, namespace: dict) -> dict:
        """Validate the variables a notebook's parameter cells defined (papermill's included)."""
        values = {
            name: value for name, value in namespace.items()
            if not name.startswith("_") and name not in _NOTEBOOK_NAMES
            and not isinstance(value, (types.ModuleType, types.FunctionType, type))
        }
        return self.validate(values)


def _non_finite(value: Any, place: tuple = ()) -> tuple[tuple, float] | None:
    """Where the first NaN or infinity is in ``value`` (keys and indexes down to it), and the number itself."""
    if isinstance(value, float):
        return None if math.isfinite(value) else (place, value)
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _non_finite(item, place + (key,))
        if found is not None:
            return found
    return None


def start_before_end(start: str, end: str) -> Callable[[dict], None]:
    """A check that one year parameter comes before another."""
    def check(values: dict) -> None:
        if values[start] >= values[end]:
            raise ValueError(f"parameter {start!r}={values[start]} must be before {end!r}={values[end]}")
    return check
