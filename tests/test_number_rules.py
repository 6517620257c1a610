"""One set of rules for a number written in a file: a plan's fields, its policy
and ``[tool.okrkit]`` refuse the same numbers, with the same words."""

from __future__ import annotations

import json

import pytest

import okrkit
from okrkit import Amount, InvalidValueError, PlanFileError


def _plan(target: str) -> str:
    return (
        "okrkit: 1\nperiod: 2026-Q1\nobjectives:\n  - id: o\n    title: Grow\n"
        "    owner: ana\n    key_results:\n      - id: k\n        metric: leads\n"
        f"        direction: increase\n        target: {target}\n"
    )


def _problem(text: str, format: str = "yaml") -> str:
    with pytest.raises(PlanFileError) as info:
        okrkit.loads(text, format=format)  # type: ignore[arg-type]
    (problem,) = info.value.problems
    return problem.message


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("0x10", "a number in decimal"),
        ("!!int 0x10", "a number in decimal"),
        ("!!float 0x10", "a number in decimal"),
        ("!!float 0o17", "a number in decimal"),
        ("!!float 0010", "a number without a leading zero"),
    ],
)
def test_a_tagged_float_in_another_base_is_refused_as_a_bare_one(
    written: str, expected: str
) -> None:
    assert f"expected {expected}, got" in _problem(_plan(written))


@pytest.mark.parametrize("written", ["!!float 1", "!!float -5", "!!float +7"])
def test_a_tagged_float_of_a_decimal_whole_number_is_still_read(written: str) -> None:
    plan = okrkit.loads(_plan(written))
    assert plan.objectives[0].key_results[0].target == Amount(float(written.split()[1]))


SUBNORMAL = ["2.5e-324", "1.00000000000000001e-310", "-3.33333e-320", "7e-324"]
"""Numbers a float holds only as a nearby subnormal: none reads back as written."""


@pytest.mark.parametrize("written", SUBNORMAL)
def test_a_number_below_a_floats_full_precision_is_refused_in_yaml(written: str) -> None:
    message = _problem(_plan(written))
    assert "expected a number a float can hold" in message
    read = repr(float(written))
    assert f"{written} is so close to 0 that it would read as {read}" in message


@pytest.mark.parametrize("written", SUBNORMAL)
def test_a_number_below_a_floats_full_precision_is_refused_in_json_and_toml(
    written: str,
) -> None:
    plan = {"okrkit": 1, "objectives": [{"id": "o", "title": "G", "key_results": [
        {"id": "k", "metric": "leads", "target": "TARGET"}]}]}  # fmt: skip
    as_json = json.dumps(plan).replace('"TARGET"', written)
    assert "a number a float can hold" in _problem(as_json, "json")
    as_toml = (
        'okrkit = 1\n[[objectives]]\nid = "o"\ntitle = "G"\n[[objectives.key_results]]\n'
        f'id = "k"\nmetric = "leads"\ntarget = {written}\n'
    )
    assert "a number a float can hold" in _problem(as_toml, "toml")


@pytest.mark.parametrize("written", SUBNORMAL)
def test_a_quantity_below_a_floats_full_precision_is_refused(written: str) -> None:
    with pytest.raises(InvalidValueError, match="a number a float can hold"):
        Amount.parse(f"{written} lead")


@pytest.mark.parametrize("written", ["2.2250738585072014e-308", "1e-310", "5e-324", "-5e-324"])
def test_a_number_near_0_that_reads_back_as_written_is_read(written: str) -> None:
    plan = okrkit.loads(_plan(written))
    assert plan.objectives[0].key_results[0].target == Amount(float(written))


def test_a_number_that_reads_as_zero_says_so_still() -> None:
    assert "2e-324 is so close to 0 that it would read as 0" in _problem(_plan("2e-324"))
