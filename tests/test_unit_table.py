"""Durations and percent read and converted without pint give pint's answers.

okrkit reads the units plans use most (durations, percent, and its own
currencies and counts) without building pint's registry, as long as pint is not
imported. These tests compare that path with pint's default registry on every
pair of durations, and the commands' output with and without it.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pint
import pytest

from okrkit import _units
from okrkit.units import UnitInfo


EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("**/*.yaml"))
DURATIONS = ("second", "minute", "hour", "day", "week", "month", "year")
OVER = ("second", "minute", "hour")
"""The durations a count is read over as a unit of time, not as a rate's period."""
WRITTEN = (  # unit texts as plans write them, each read by the table
    *DURATIONS, "días", "horas", "hrs", "semanas", "min", "sec", "percent", "%",
    "USD", "call", "lead/week", "USD/hour", "call/hour", "call/minute", "hour/week",
    "day/month", "hour/day", "percentage_point", "", "hour^2", "hour*day", "percent/hour",
    "%/day", "USD/hour^2", "hour/minute", "minute^3", "s", "sec/call", "hour**-1",
    "year/month", "percent*percent", "week^2/day", "minutos", "años", "meses", "pp",
)  # fmt: skip


@pytest.fixture(scope="module")
def default() -> pint.UnitRegistry:
    """pint's default registry, as the application registry is unless replaced."""
    return pint.UnitRegistry()


def by_table(text: str) -> UnitInfo:
    state = _units._RegistryState()
    found = _units._read_unit(text, None, state)
    assert isinstance(found, UnitInfo)
    _units._table_state.physical.update(state.physical)
    return found


def by_pint(text: str, ureg: pint.UnitRegistry) -> UnitInfo:
    return _units.unit_info(text, ureg)


@pytest.mark.parametrize("text", WRITTEN)
def test_the_table_reads_a_unit_as_pint_does(text: str, default: pint.UnitRegistry) -> None:
    """The same reading, or the same refusal (``USD/hour^2``, ``percent*percent``)."""
    mine = _units._read_unit(text, None, _units._RegistryState())
    theirs = _units._read_unit(text, default, _units._RegistryState())
    assert mine == theirs


@pytest.mark.parametrize(("first", "second"), list(itertools.permutations(DURATIONS, 2)))
def test_every_pair_of_durations_converts_as_pint_converts_it(
    first: str, second: str, default: pint.UnitRegistry
) -> None:
    pairs = [(first, second)]
    if {first, second} <= set(OVER):  # to the power -1 (a day or a week is a rate's period)
        pairs.append((f"call/{first}", f"call/{second}"))
    for source, target in pairs:
        mine = _units._factor(by_table(source), by_table(target), None)
        theirs = _units._factor(by_pint(source, default), by_pint(target, default), default)
        assert mine is not None
        assert mine == theirs
    scale = _units._factor(by_table(first), by_table(second), None)
    assert scale == (float(default.Quantity(1.0, first).to(second).magnitude), 0.0)


@pytest.mark.parametrize("text", ["km", "ms", "kWh", "°C", "Mbps", "km/hour"])
def test_what_the_table_does_not_hold_is_left_to_pint(
    text: str, default: pint.UnitRegistry
) -> None:
    """A length, a millisecond, energy, temperature, a data rate: pint reads them."""
    with pytest.raises(_units._NeedsPint):
        by_table(text)
    assert by_pint(text, default).dimension


def run(code: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


COMMANDS = """
import contextlib, io, json, sys
{first}
from okrkit._cli import main
out = {{}}
for path in {paths!r}:
    for command in ("check", "score", "report"):
        text = io.StringIO()
        with contextlib.redirect_stdout(text):
            main([command, path, "--as-of", "2026-02-15", "--lang", "en", "--isolated"])
        out[command + " " + path] = text.getvalue()
out["pint imported"] = "pint" in sys.modules
print(json.dumps(out))
"""


def test_the_commands_say_the_same_with_and_without_pint() -> None:
    """Every shipped example, checked, scored and reported: the same output when
    pint reads the units and when the table does; without pint imported
    beforehand, the examples never import it."""
    paths = [str(path) for path in EXAMPLES]
    without = run(COMMANDS.format(first="", paths=paths))
    with_pint = run(COMMANDS.format(first="import pint", paths=paths))
    assert without.pop("pint imported") is False
    assert with_pint.pop("pint imported") is True
    assert without == with_pint
    assert len(without) == 3 * len(paths)
