"""A message quotes a short excerpt of what it is about, never a whole value.

A plan file may hold a token of a megabyte in any field. Whatever okrkit says
about it, the problem, its hint in either language, or a finding, quotes at
most :data:`okrkit.exceptions.EXCERPT` characters of it, so the output of
``okrkit check`` stays small whatever the file holds.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from okrkit._cli import main
from okrkit._files._calendar import CALENDAR
from okrkit._files._keys import (
    CADENCE,
    CHECKIN,
    INITIATIVE,
    KEY_RESULT,
    LINK,
    METRIC_TYPE,
    OBJECTIVE,
    PLAN,
    POLICY,
)
from okrkit._policy import Thresholds
from okrkit.exceptions import EXCERPT


SIZE = 50_000
"""How long a hostile token is: far past what any message may quote."""

MOST_OUTPUT = 4_096
"""The most characters ``okrkit check`` may print about one hostile field."""


# Each section of a plan, and a plan with the token at a key of it, in block style
# so that any plain token (one starting with ">" or "|" too) stays one scalar.
def _plan(section: str, key: str, token: str) -> str:
    plan = {"title": "T", "period": "2026-Q1"}
    calendar: dict[str, str] = {}
    cadence: dict[str, str] = {}
    policy: dict[str, str] = {}
    thresholds: dict[str, str] = {}
    objective = {"id": "o", "title": "Grow", "owner": "ana"}
    kr = {"id": "k", "metric": "leads", "direction": "increase", "owner": "ana",
          "baseline": "10 lead", "target": "20 lead"}  # fmt: skip
    metric_type: dict[str, str] = {}
    checkin = {"date": "2026-01-10", "value": "12 lead"}
    initiative = {"title": "Call"}
    link = {"from": "o/k", "to": "o"}
    chosen = {
        "plan": plan, "calendar": calendar, "cadence": cadence, "policy": policy,
        "thresholds": thresholds, "objective": objective, "key_result": kr,
        "metric_type": metric_type, "checkin": checkin, "initiative": initiative, "link": link,
    }[section]  # fmt: skip
    chosen[key] = token
    if section == "metric_type":
        metric_type.setdefault("name", "x")

    def block(mapping: dict[str, str], indent: int) -> str:
        pad = " " * indent
        return "".join(f"{pad}{name}:\n{pad}  {value}\n" for name, value in mapping.items())

    text = "okrkit: 1\n" + block(plan, 0)
    for name, part in (("calendar", calendar), ("cadence", cadence)):
        if part:
            text += f"{name}:\n" + block(part, 2)
    if policy or thresholds:
        text += "policy:\n" + block(policy, 2)
        if thresholds:
            text += "  thresholds:\n" + block(thresholds, 4)
    text += "objectives:\n  -\n" + block(objective, 4) + "    key_results:\n      -\n"
    text += block(kr, 8)
    if metric_type:
        text += "        type:\n" + block(metric_type, 10)
    text += "        initiatives:\n          -\n" + block(initiative, 12)
    text += "        checkins:\n          -\n" + block(checkin, 12)
    return text + "links:\n  -\n" + block(link, 4)


_SECTIONS = {
    "plan": PLAN, "calendar": CALENDAR, "cadence": CADENCE, "policy": POLICY,
    "objective": OBJECTIVE, "key_result": KEY_RESULT, "metric_type": METRIC_TYPE,
    "checkin": CHECKIN, "initiative": INITIATIVE, "link": LINK,
}  # fmt: skip
FIELDS = sorted(
    [(section, key) for section, keys in _SECTIONS.items() for key in keys if key != "okrkit"]
    + [("thresholds", field.name) for field in attrs.fields(Thresholds)]
)
"""Every key a plan file has, by the section it is in."""


def _digits(size: int) -> str:
    return ("1234567890" * (size // 10 + 1))[:size]


# Hostile shapes: each is text and digits that a reader, or a hint, may repeat.
SHAPES = {
    "digits": _digits,
    "tiny": lambda n: "0." + "0" * n + "1",
    "tiny exponent": lambda n: _digits(n) + "e-400",
    "huge exponent": lambda n: _digits(n) + "e400",
    "leading zero": lambda n: "0" + _digits(n),
    "grouped": lambda n: "1" + ",000" * (n // 4) + " lead",
    "decimal comma": lambda n: _digits(n) + ",5 lead",
    "underscores": lambda n: "1_" * (n // 2) + "1",
    "currency sign": lambda n: "£" + _digits(n),
    "sign after": lambda n: _digits(n) + "$",
    "multiplier": lambda n: _digits(n) + "k lead",
    "bound": lambda n: _digits(n) + "+ lead",
    "multiple": lambda n: _digits(n) + "x",
    "two ways, long unit": lambda n: "30.000 " + "a" * n,
    "hex": lambda n: "0x" + "f" * n,
    "octal": lambda n: "0o" + "7" * n,
    "word": lambda n: "x" * n,
    "tagged int": lambda n: "!!int " + _digits(n),
    "tagged float": lambda n: "!!float " + _digits(n) + "x",
    "tagged bool": lambda n: "!!bool " + _digits(n),
    "tagged null": lambda n: "!!null " + "x" * n,
    "quoted tiny": lambda n: '"0.' + "0" * n + '1 lead"',
    "period": lambda n: "2026-Q" + _digits(n),
    "date": lambda n: "2026-01-" + _digits(n),
}


def _check_output(text: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(["check", "--isolated", "--as-of", "2026-02-01", str(path)])
    return out.getvalue() + err.getvalue()


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from(FIELDS),
    shape=st.sampled_from(sorted(SHAPES)),
    size=st.integers(MOST_OUTPUT, SIZE),
)
def test_check_says_little_about_a_huge_token_in_any_field(
    field: tuple[str, str], shape: str, size: int
) -> None:
    section, key = field
    output = _check_output(_plan(section, key, SHAPES[shape](size)))
    assert len(output) < MOST_OUTPUT, output[:600]


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize(
    "field", [("key_result", "target"), ("key_result", "statement"), ("objective", "title")]
)
def test_the_fields_read_for_numbers_say_little_about_each_shape(
    field: tuple[str, str], shape: str
) -> None:
    output = _check_output(_plan(*field, SHAPES[shape](SIZE)))
    assert len(output) < MOST_OUTPUT, output[:600]


def test_a_tagged_int_of_a_million_digits_is_quoted_short() -> None:
    text = _plan("key_result", "target", "!!int " + "1" * 1_000_000)
    with pytest.raises(okrkit.PlanFileError) as info:
        okrkit.loads(text)
    message = str(info.value)
    assert len(message) < 200
    assert f"'{'1' * (EXCERPT - 1)}…' is not a valid !!int" in message


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_number_too_close_to_zero_is_quoted_short_in_its_hint(lang: str) -> None:
    tiny = "0." + "0" * 1_000_000 + "1"
    text = _plan("key_result", "target", tiny).replace("title:\n  T\n", f"lang:\n  {lang}\n")
    with pytest.raises(okrkit.PlanFileError) as info:
        okrkit.loads(text)
    (problem,) = info.value.problems
    assert len(problem.message) < 300
    assert "…" in problem.message.partition(";")[2]  # the hint, not only the "got" part


def test_a_leading_zero_past_the_digits_python_reads_is_a_problem_not_a_crash() -> None:
    text = _plan("key_result", "weight", "0" + "7" * 10_000)
    with pytest.raises(okrkit.PlanFileError, match="without a leading zero"):
        okrkit.loads(text)


def test_a_statement_with_many_loose_figures_names_a_few() -> None:
    statement = "Increase leads from 10 lead to 20 lead " + " ".join(["7"] * 300)
    plan = okrkit.loads(_plan("key_result", "statement", f'"{statement}"'))
    report = okrkit.check(plan, as_of="2026-02-01", select=["statement-unclear"])
    (finding,) = report.findings
    assert finding.message.endswith("'7', '7', '7', '7', '7', …")
