"""Units: the caller's registry, currencies and counted nouns kept apart, conversions cached."""

from __future__ import annotations

import subprocess
import sys

import pint
import pytest

import okrkit.units
from okrkit import Amount, UnitError
from okrkit.units import UnitKind, convert, convert_factor, unit_info


@pytest.fixture(scope="module")
def ureg() -> pint.UnitRegistry:
    """A registry of the caller's own, as an application would pass it."""
    registry = pint.UnitRegistry()
    okrkit.units.define_units(registry)
    return registry


@pytest.mark.parametrize(
    ("text", "canonical", "kind", "per"),
    [
        ("day", "day", UnitKind.DURATION, None),
        ("días", "day", UnitKind.DURATION, None),
        (["5", "min"][1], "minute", UnitKind.DURATION, None),
        ("ms", "millisecond", UnitKind.DURATION, None),
        ("USD", "USD", UnitKind.CURRENCY, None),
        ("€", "EUR", UnitKind.CURRENCY, None),
        ("dólares", "USD", UnitKind.CURRENCY, None),
        ("percent", "percent", UnitKind.PERCENT, None),
        ("%", "percent", UnitKind.PERCENT, None),
        ("percentage_point", "percentage_point", UnitKind.POINTS, None),
        ("call/week", "call", UnitKind.COUNT, "week"),
        ("llamadas/semana", "call", UnitKind.COUNT, "week"),
        ("lead/quarter", "lead", UnitKind.COUNT, "quarter"),
        ("tickets", "ticket", UnitKind.COUNT, None),
        ("widgets", "widget", UnitKind.COUNT, None),
        (None, "", UnitKind.NUMBER, None),
        ("kg", "kilogram", UnitKind.OTHER, None),
    ],
)
def test_unit_text_is_read_once_into_a_canonical_unit(ureg, text, canonical, kind, per) -> None:
    """English, Spanish and symbol spellings read to okrkit's unit names."""
    info = unit_info(text, ureg)

    assert (canonical, kind, per) == (info.canonical, info.kind, info.per)


def test_quarter_never_reaches_pint(ureg) -> None:
    """A rate per quarter is a count and a period, never pint's quarter (a mass)."""
    info = unit_info("lead/quarter", ureg)

    assert "mass" not in info.dimension


def test_conversions(ureg) -> None:
    """Hours convert to days, rates per day to rates per week; nothing else crosses."""
    assert convert(Amount(36, "hour"), "day", ureg=ureg) == Amount(1.5, "day")
    assert convert(Amount(4, "call/day"), "call/week", ureg=ureg) == Amount(28, "call/week")
    assert convert(Amount(25, "percent"), "percent", ureg=ureg).value == 25


@pytest.mark.parametrize(
    ("source", "target"),
    [("call", "lead"), ("USD", "EUR"), ("day", "USD"), ("call/week", "call/month"), ("lead", "")],
)
def test_incompatible_units_never_convert(ureg, source: str, target: str) -> None:
    """Calls never add to leads, dollars never turn into euros, weeks never into months."""
    assert convert_factor(unit_info(source, ureg), unit_info(target, ureg), ureg) is None
    with pytest.raises(UnitError):
        convert(Amount(1, source), target, ureg=ureg)


def test_define_units_is_idempotent(ureg) -> None:
    """Defining okrkit's units again changes nothing and raises nothing."""
    okrkit.units.define_units(ureg)
    okrkit.units.define_units(ureg)

    assert str(ureg.Quantity(3, "call").units) == "call"


def test_the_callers_registry_is_used(ureg) -> None:
    """Quantities come from the registry the caller passed, so they mix with the caller's own."""
    made = okrkit.units.to_quantity(Amount(20, "call/week"), ureg=ureg)

    assert made + ureg.Quantity(1, "call/week") == ureg.Quantity(21, "call/week")


def test_unreadable_unit_text(ureg) -> None:
    """Unit text pint cannot read raises a UnitError that says what was expected."""
    with pytest.raises(UnitError, match="expected a unit like"):
        unit_info("$$ / /", ureg)


def test_rates_per_month_have_no_pint_quantity(ureg) -> None:
    """pint's month is an average, so a rate per month is not turned into a pint quantity."""
    with pytest.raises(UnitError, match="per month"):
        okrkit.units.to_quantity(Amount(3, "deal/month"), ureg=ureg)


def test_import_does_not_load_pint() -> None:
    """import okrkit builds no registry and imports no pint; a unit's first use does."""
    code = (
        "import sys, okrkit\n"
        "assert 'pint' not in sys.modules, 'pint imported'\n"
        "okrkit.objective('x').during('2026-Q1')\n"
        "assert 'pint' not in sys.modules, 'pint imported by the DSL'\n"
        "import okrkit.units\n"
        "okrkit.units.unit_info('day')\n"
        "assert 'pint' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unit_text_is_checked_before_pint_reads_it(ureg, monkeypatch) -> None:
    """A unit past 64 characters, or outside the unit syntax, never reaches pint's parser."""
    seen: list[str] = []
    parse = ureg.parse_units
    monkeypatch.setattr(ureg, "parse_units", lambda text, *a, **k: seen.append(text) or parse(text))

    for text in ("x" * 40_000, "lead; import os", "5,000 USD", "(m/s)"):
        with pytest.raises(UnitError) as info:
            unit_info(text, ureg)

        assert len(str(info.value)) < 300
    assert seen == []
    assert unit_info("y" * 64, ureg).kind is UnitKind.COUNT
    assert set(seen) == {"y" * 64}


def test_public_unit_functions_refuse_bad_unit_text(ureg) -> None:
    """convert() and unit_info() refuse a unit that is not text, or too long, with okrkit errors."""
    with pytest.raises(UnitError, match="at most 64 characters"):
        convert(Amount(1, "day"), "h" * 65, ureg=ureg)
    with pytest.raises(okrkit.InvalidTypeError, match="unit text"):
        unit_info(35, ureg)  # type: ignore[arg-type]
