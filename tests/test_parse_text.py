"""``okrkit parse`` as text: the metric and every figure with its role, then the
reader's decisions, with nothing in the statement acting on the terminal."""

from __future__ import annotations

import json

import pytest

from okrkit import Amount, Direction, Figure, Nature, Per, Reading, StatementKind
from okrkit._cli import main
from okrkit._render_text import reading_text


def parse(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["parse", *args]) == 0
    return capsys.readouterr().out


def test_the_metric_and_each_figure_with_its_role(capsys: pytest.CaptureFixture[str]) -> None:
    printed = parse(capsys, "Reducir el ciclo de venta de 35 días a 26 días").splitlines()

    assert printed[:7] == [
        "'Reducir el ciclo de venta de 35 días a 26 días' (es)",
        "  metric: 'ciclo de venta'",
        "  kind: metric, nature: outcome, direction: decrease",
        "  figures:",
        "    baseline = 35 day ← '35 días'",
        "    target = 26 day ← '26 días'",
        "  issues: none",
    ]
    assert printed[7] == "  decisions:"
    assert "    direction = decrease: the verb" in printed


def test_every_part_of_a_reading_is_shown() -> None:
    """A reading with no metric, a rate, a baseline in words and a figure with no role."""
    reading = Reading(
        "Grow calls 20% per week vs last quarter (3x)",
        "en",
        StatementKind.METRIC,
        nature=Nature.ACTIVITY,
        direction=Direction.INCREASE,
        change=Amount(20, "percent"),
        per=Per.WEEK,
        issues=("missing-baseline", "statement-unclear"),
        baseline_ref="last quarter",
        figures=(
            Figure("20%", Amount(20, "percent"), "change"),
            Figure("3x", Amount(3), "unclear"),
        ),
    )

    assert reading_text(reading) == (
        "'Grow calls 20% per week vs last quarter (3x)' (en)\n"
        "  metric: none found\n"
        "  kind: metric, nature: activity, direction: increase\n"
        "  per: week\n"
        "  baseline named in words: 'last quarter'\n"
        "  figures:\n"
        "    change = 20 percent ← '20%'\n"
        "    unclear = 3 ← '3x'\n"
        "  issues: missing-baseline, statement-unclear\n"
    )


def test_a_vague_statement_says_it_has_no_figures(capsys: pytest.CaptureFixture[str]) -> None:
    printed = parse(capsys, "Improve customer satisfaction").splitlines()

    assert "  kind: vague" in printed
    assert "  figures: none" in printed
    assert "  issues: not-measurable" in printed


@pytest.mark.parametrize(
    "hostile", ["Grow ARR to $3M \x1b]52;c;ZXZpbA==\x07", "Grow ARR \u202eto $3M", "Grow\rARR"]
)
def test_control_characters_in_a_statement_are_shown_not_sent(
    capsys: pytest.CaptureFixture[str], hostile: str
) -> None:
    printed = parse(capsys, hostile)

    assert all(ch == "\n" or ch.isprintable() for ch in printed), printed
    assert printed.count("\n") == len(printed.splitlines())


def test_a_figure_or_a_baseline_in_words_cannot_act_either() -> None:
    """Every piece that comes from the statement is escaped, not only its first line."""
    reading = Reading(
        "x",
        "en",
        StatementKind.METRIC,
        metric="ventas\x1b[2J",
        baseline_ref="last\u200bquarter\n",
        figures=(Figure("5\x1b[31m%", Amount(5, "percent"), "unclear"),),
    )

    printed = reading_text(reading)

    assert "\x1b" not in printed
    assert "\u200b" not in printed
    assert "'ventas\\x1b[2J'" in printed
    assert "← '5\\x1b[31m%'" in printed
    assert len(printed.splitlines()) == 7


def test_json_keeps_the_figures_and_the_baseline_in_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    (line,) = parse(
        capsys, "Increase signups by 20% compared to last quarter", "--format", "json"
    ).splitlines()

    read = json.loads(line)

    assert read["baseline_ref"] == "last quarter"
    assert read["figures"] == [
        {"text": "20%", "value": 20, "unit": "percent", "kind": "percent", "role": "change"}
    ]
