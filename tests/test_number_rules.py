"""One set of rules for a number written in a file: a plan's fields, its policy
and ``[tool.okrkit]`` refuse the same numbers, with the same words."""

from __future__ import annotations

import json
from pathlib import Path

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


# --- policies: a plan's and [tool.okrkit] --------------------------------------------------

REFUSED_THRESHOLDS = [
    ("1e-400", "so close to 0 that it would read as 0", "1e-400"),
    ("30.000", "if the point groups thousands", "30.000"),
    ("2.5e-324", "would read as 5e-324", "2.5e-324"),
]


def _plan_with_policy(policy: str) -> str:
    return _plan("20 lead").replace("objectives:", f"policy:\n{policy}objectives:")


@pytest.mark.parametrize(("written", "said", "_toml"), REFUSED_THRESHOLDS)
def test_a_plans_threshold_is_read_by_the_rules_of_any_number(
    written: str, said: str, _toml: str
) -> None:
    text = _plan_with_policy(f"  thresholds: {{stale_after_days: {written}}}\n")
    with pytest.raises(PlanFileError) as info:
        okrkit.loads(text)
    (problem,) = info.value.problems
    assert said in problem.message
    assert problem.path == "stale_after_days"


@pytest.mark.parametrize(("_yaml", "said", "written"), REFUSED_THRESHOLDS)
def test_tool_okrkit_refuses_the_numbers_a_plan_refuses(
    tmp_path: Path, _yaml: str, said: str, written: str
) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(f"[tool.okrkit.thresholds]\nstale_after_days = {written}\n")
    with pytest.raises(PlanFileError) as info:
        okrkit.load_policy(config)
    (problem,) = info.value.problems
    assert said in problem.message
    assert problem.path == "tool.okrkit.thresholds.stale_after_days"


def test_a_boolean_threshold_is_said_as_the_file_writes_it(tmp_path: Path) -> None:
    text = _plan_with_policy("  thresholds: {yellow_from: true}\n  strict: 0x1\n")
    with pytest.raises(PlanFileError) as info:
        okrkit.loads(text)
    said = [(problem.path, problem.message) for problem in info.value.problems]
    assert said == [
        ("yellow_from", "expected a number, got true"),
        ("strict", "expected true or false, got 0x1"),
    ]
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.okrkit.thresholds]\nyellow_from = true\n")
    with pytest.raises(PlanFileError, match=r"expected a number, got true$"):
        okrkit.load_policy(config)


def test_tool_okrkit_reads_what_it_read_before(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[tool.okrkit]\nstrict = true\nselect = ["missing-owner"]\nplugins = []\n'
        "[tool.okrkit.thresholds]\nstale_after_days = 7\nyellow_from = 0.3\n"
        '[tool.okrkit.severities]\nmissing-owner = "info"\n'
    )
    policy = okrkit.load_policy(config)
    assert policy.strict
    assert policy.select == ("missing-owner",)
    assert policy.thresholds.stale_after_days == 7
    assert policy.thresholds.yellow_from == 0.3
    assert policy.severities == (("missing-owner", "info"),)


def test_tool_okrkit_names_an_unknown_key_with_the_nearest(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.okrkit]\nselct = ["missing-owner"]\n')
    with pytest.raises(PlanFileError, match="did you mean 'select'"):
        okrkit.load_policy(config)
