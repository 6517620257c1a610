"""Numbers in statements are read whole or not at all.

A figure written in scientific notation, as a clock time, in hex or with
underscores, or with a unit word the structured parser refuses is either read as
the number written or kept as an ``unclear`` figure with ``statement-unclear``:
never as a piece of itself ("1" of "1e5") that the reading then trusts.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from okrkit import Amount, FigureRole, InvalidValueError, read_statement


def _unread(text: str) -> list[str]:
    """The figures of *text* kept as unclear, with no amount."""
    reading = read_statement(text)
    return [f.text for f in reading.figures if f.role is FigureRole.UNCLEAR and f.amount is None]


# --- scientific notation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "baseline", "target"),
    [
        ("Increase leads to 1.5e3 leads", None, Amount(1500, "lead")),
        ("Increase revenue from 1e5 USD to 4e5 USD", Amount(1e5, "USD"), Amount(4e5, "USD")),
        ("Increase revenue to $1e6", None, Amount(1e6, "USD")),
        ("Grow signups from 2E3 to 4E3 signups", Amount(2000, "signup"), Amount(4000, "signup")),
        ("Aumentar los clientes de 1,5e3 a 2e3 clientes", Amount(1500, "customer"),
         Amount(2000, "customer")),
    ],
)  # fmt: skip
def test_scientific_notation_reads_as_its_value(text, baseline, target) -> None:
    reading = read_statement(text)

    assert (reading.baseline, reading.target) == (baseline, target)
    assert "statement-unclear" not in reading.issues


def test_a_decrease_in_scientific_notation_is_no_wrong_direction() -> None:
    """1e3 ms → 5e2 ms goes down, as "Reduce" says: not 1 → 5."""
    reading = read_statement("Reduce latency from 1e3 ms to 5e2 ms")

    assert (reading.baseline, reading.target) == (
        Amount(1000, "millisecond"),
        Amount(500, "millisecond"),
    )
    assert reading.direction == "decrease"
    assert reading.issues == ()


@pytest.mark.parametrize(
    "text",
    [
        "Increase revenue from 1e400 USD to 400 USD",
        "Increase revenue from 1.5e-400 USD to 400 USD",
        "Aumentar los ingresos de 2,5E999 USD a 400 USD",
    ],
)
def test_a_power_of_ten_out_of_range_is_unclear_not_partly_read(text) -> None:
    """Past the largest float, or too small to hold (yet not zero): no baseline at all."""
    reading = read_statement(text)

    assert reading.baseline is None
    assert reading.target == Amount(400, "USD")
    assert "statement-unclear" in reading.issues
    assert len(_unread(text)) == 1


# --- clock times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Raise NPS from 12:30 to 40", "Cut wait time from 12:30 to 5 minutes"]
)
def test_a_time_of_day_is_no_baseline(text) -> None:
    reading = read_statement(text)

    assert reading.baseline is None
    assert _unread(text) == ["12:30"]
    assert "statement-unclear" in reading.issues


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Reduce average handle time to 2:30 min", Amount(2.5, "minute")),
        ("Bajar el tiempo de espera a 1:45 h", Amount(1.75, "hour")),
    ],
)
def test_minutes_and_seconds_with_a_unit_read_as_a_duration(text, target) -> None:
    """m:ss with a unit after it is minutes and seconds: 2:30 min is 150 s."""
    reading = read_statement(text)

    assert reading.target == target
    assert "statement-unclear" not in reading.issues


def test_a_clock_time_that_is_no_duration_is_unclear() -> None:
    """12:75 min has no 75th second of a minute; 1:02:03 min is not minutes and seconds."""
    for text in ("Reduce handle time to 12:75 min", "Reduce handle time to 1:02:03 min"):
        reading = read_statement(text)
        assert reading.target is None
        assert "statement-unclear" in reading.issues


def test_a_deadline_at_a_time_of_day_is_a_date() -> None:
    reading = read_statement("Publish the daily report by 12:30")

    assert [(f.text, f.role, f.amount) for f in reading.figures] == [
        ("12:30", FigureRole.DATE, None)
    ]
    assert "statement-unclear" not in reading.issues


# --- hex, octal and underscores ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("Grow signups from 0x10 to 0x20 signups", ["0x10", "0x20"]),
        ("Increase leads to 1_000 leads", ["1_000"]),
        ("Increase revenue to 0o17 USD", ["0o17"]),
    ],
)
def test_hex_and_underscores_are_no_amounts(text, unread) -> None:
    reading = read_statement(text)

    assert (reading.baseline, reading.target) == (None, None)
    assert "target-equals-baseline" not in reading.issues
    assert "statement-unclear" in reading.issues
    assert _unread(text) == unread


def test_a_baseline_before_a_figure_not_read_stays_a_baseline() -> None:
    """ "from 10 to 0x20": 10 is where it starts, not the target."""
    reading = read_statement("Increase leads from 10 to 0x20 leads")

    assert reading.target is None
    assert reading.baseline == Amount(10, "lead")
    assert "statement-unclear" in reading.issues


# --- unit words: the reader and Amount.parse agree ------------------------------------------


@pytest.mark.parametrize(
    "text", ["Increase revenue to 10 kUSD", "Grow leads from 10 to 20 Mlead", "Reach 3 MUSD in ARR"]
)
def test_a_count_or_currency_with_a_prefix_is_unclear_as_amount_parse_refuses_it(text) -> None:
    reading = read_statement(text)

    assert reading.target is None
    assert "statement-unclear" in reading.issues
    written = _unread(text)[0]
    with pytest.raises(InvalidValueError, match="write the whole number"):
        Amount.parse(written)


def test_a_multiplier_before_a_currency_sign_scales_the_number() -> None:
    """ "10 k€" as "10k€" and "10 k USD": ten thousand euros, not 10 of "k"."""
    assert read_statement("Increase revenue to 10 k€").target == Amount(10_000, "EUR")


@pytest.mark.parametrize("written", ["5 GB", "20 MB", "3 kW", "2 kg"])
def test_a_unit_symbol_keeps_its_capitals_as_amount_parse_does(written) -> None:
    """The reader does not fold "GB" to "gb": what the symbol means is for the unit
    words okrkit reads, the same for a statement and a structured field."""
    reading = read_statement(f"Increase capacity to {written}")

    assert reading.target == Amount.parse(written)


@pytest.mark.parametrize("written", ["10 Mg", "5 Ml", "200 Ms", "3 Mm", "2000 Cal", "4 KG"])
def test_a_symbol_in_a_case_that_changes_its_size_is_not_read(written) -> None:
    """ "5 Ml" is no 5 ml: a structured field refuses it, and the reader keeps it as
    a figure it could not read, never a thousand-millionth of what was meant."""
    with pytest.raises(InvalidValueError, match="capitals change"):
        Amount.parse(written)
    reading = read_statement(f"Increase capacity to {written}")

    assert reading.target is None
    assert "statement-unclear" in reading.issues


# --- the law -------------------------------------------------------------------------------


def _spanish(text: str) -> str:
    return text.replace(".", ",")


@given(
    x=st.floats(min_value=0, allow_nan=False, allow_infinity=False),
    style=st.sampled_from([repr, "{:e}".format, "{:.3E}".format, "{:f}".format, str]),
    lang=st.sampled_from(["en", "es"]),
)
@example(x=1.125, style=repr, lang="en")  # three digits after the mark: the contract's thousands
@example(x=1.5e-300, style="{:.3E}".format, lang="es")
@example(x=1.7976931348623157e308, style="{:f}".format, lang="en")
@settings(max_examples=300)
def test_a_number_in_any_notation_is_read_as_written_or_said_unclear(x, style, lang) -> None:
    """For any finite number written plainly or with a power of ten, the reader reads
    that number or says it is unsure: statement-unclear, or ambiguous-number where the
    contract reads "1.125" as thousands. Never another number in silence."""
    written = style(x)
    value = float(written)
    if lang == "en":
        text = f"Increase the quality score to {written}"
    else:
        text = f"Aumentar la puntuación de calidad a {_spanish(written)}"
    reading = read_statement(text, lang=lang)

    if {"statement-unclear", "ambiguous-number"} & set(reading.issues):
        return
    assert reading.target is not None
    assert reading.target.value == value
    assert all(f.amount is None or math.isfinite(f.amount.value) for f in reading.figures)
