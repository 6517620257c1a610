"""Units: the caller's registry, currencies and counted nouns kept apart, conversions cached."""

from __future__ import annotations

import subprocess
import sys

import pint
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import okrkit._cli
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
    """import okrkit builds no registry and imports no pint, nor does reading a
    duration (okrkit's table has them); a physical unit of another kind does."""
    code = (
        "import sys, okrkit\n"
        "assert 'pint' not in sys.modules, 'pint imported'\n"
        "okrkit.objective('x').during('2026-Q1')\n"
        "assert 'pint' not in sys.modules, 'pint imported by the DSL'\n"
        "import okrkit.units\n"
        "okrkit.units.unit_info('day')\n"
        "assert 'pint' not in sys.modules, 'pint imported for a duration'\n"
        "okrkit.units.unit_info('km')\n"
        "assert 'pint' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unit_text_is_checked_before_pint_reads_it(ureg, monkeypatch) -> None:
    """A unit past 64 characters, or outside the unit syntax, is refused; pint's parser
    never reads unit text at all: okrkit hands pint the names it chose."""
    seen: list[str] = []
    parse = ureg.parse_units
    monkeypatch.setattr(ureg, "parse_units", lambda text, *a, **k: seen.append(text) or parse(text))

    for text in ("x" * 40_000, "lead; import os", "5,000 USD", "(m/s)"):
        with pytest.raises(UnitError) as info:
            unit_info(text, ureg)

        assert len(str(info.value)) < 300
    assert seen == []
    assert unit_info("y" * 64, ureg).kind is UnitKind.COUNT
    assert unit_info("km/hour", ureg).canonical == "kilometer / hour"
    assert seen == []


def test_public_unit_functions_refuse_bad_unit_text(ureg) -> None:
    """convert() and unit_info() refuse a unit that is not text, or too long, with okrkit errors."""
    with pytest.raises(UnitError, match="at most 64 characters"):
        convert(Amount(1, "day"), "h" * 65, ureg=ureg)
    with pytest.raises(okrkit.InvalidTypeError, match="unit text"):
        unit_info(35, ureg)  # type: ignore[arg-type]


# --- what a word of a unit is: the same answer whatever was read before ---------------

TYPO_PLAN = """\
okrkit: 1
period: 2026-Q1
objectives:
  - id: crecer
    title: Grow
    owner: ana
    key_results:
      - {id: k, metric: m, direction: increase, baseline: 1 call, target: 10 callss}
"""


def test_a_doubled_plural_is_a_noun_of_its_own_not_a_crash(tmp_path, capsys) -> None:
    """A doubled plural next to its noun (callss, call) is a unit mismatch found by
    check; no KeyError escapes."""
    plan = okrkit.loads(TYPO_PLAN)

    found = okrkit.check(plan, as_of="2026-02-15")

    assert [f.rule for f in found.findings if f.severity == "error"] == ["unit-mismatch"]
    assert unit_info("callss").canonical == "callss"
    assert unit_info("calls").canonical == "call"
    path = tmp_path / "typo.yaml"
    path.write_text(TYPO_PLAN, encoding="utf-8")
    assert okrkit._cli.main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "unit-mismatch" in out
    assert "Traceback" not in out + err


def test_a_plan_reads_the_same_in_a_fresh_process_and_after_other_plans() -> None:
    """What a unit means never depends on the plans read before it in the process."""
    check = "import okrkit, sys; print(okrkit.check(okrkit.loads(sys.stdin.read())).to_json())"
    fresh = subprocess.run(
        [sys.executable, "-c", check], input=TYPO_PLAN, capture_output=True, text=True, check=True
    ).stdout.strip()
    for earlier in ("1 call", "3 calls", "2 leads", "5 leadss", "4 callss", "1 mcall"):
        okrkit.check(okrkit.loads(TYPO_PLAN.replace("1 call,", f"{earlier},")))

    assert okrkit.check(okrkit.loads(TYPO_PLAN)).to_json() == fresh


_NOUNS = ("call", "lead", "ticket", "widget", "siniestro", "gadget")
_FORMS = (
    "{n}", "{n}s", "{n}ss", "{n}es", "m{n}", "k{n}", "{n}/week", "{n}s/week", "USD/{n}",
    "{n}_count",
)  # fmt: skip
_WORDS = sorted({form.format(n=noun) for noun in _NOUNS for form in _FORMS})


def _meaning(text: str, ureg: pint.UnitRegistry) -> object:
    try:
        return unit_info(text, ureg)
    except UnitError as error:
        return str(error)


_REFERENCE: dict[str, object] = {}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), min_size=2, max_size=10))
def test_a_word_means_the_same_in_any_order(ureg, words: list[str]) -> None:
    """Counted nouns, their plurals, typos and prefixed forms read in any order, in a
    registry of their own, mean what they mean in a registry that read them otherwise."""
    fresh = pint.UnitRegistry()
    okrkit.units.define_units(fresh)

    seen = [_meaning(word, fresh) for word in words]

    for word, meaning in zip(words, seen, strict=True):
        expected = _REFERENCE.setdefault(word, _meaning(word, ureg))
        assert meaning == expected, word


# --- what okrkit reads as a unit, and what it refuses before pint -------------------


@pytest.mark.parametrize(
    ("text", "canonical", "kind", "per"),
    [
        ("units", "unit", UnitKind.COUNT, None),
        ("apps", "app", UnitKind.COUNT, None),
        ("mo", "month", UnitKind.DURATION, None),
        ("call/mo", "call", UnitKind.COUNT, "month"),
        ("kilos", "kilogram", UnitKind.OTHER, None),
        ("GB", "gigabyte", UnitKind.OTHER, None),
        ("kWh", "kilowatt_hour", UnitKind.OTHER, None),
        ("USD/user", "USD / user", UnitKind.OTHER, None),
        ("m^3", "meter ** 3", UnitKind.OTHER, None),
        ("km²", "kilometer ** 2", UnitKind.OTHER, None),
    ],
)
def test_nouns_and_physical_units_okrkit_reads(ureg, text, canonical, kind, per) -> None:
    """Plurals of common nouns are counts (not pint's micro-nit), "mo" is a month,
    and the physical units okrkit reads keep pint's meaning."""
    info = unit_info(text, ureg)

    assert (info.canonical, info.kind, info.per) == (canonical, kind, per)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("M USD", "write the whole number"),
        ("k USD", "write the whole number"),
        ("MM", "write the whole number"),
        ("mil USD", "a thousand in Spanish, a million in English"),
        ("Mlead", "takes no prefix"),
        ("klead", "takes no prefix"),
        ("kUSD", "takes no prefix"),
        ("megacalls", "takes no prefix"),
        ("km**999", "a power is 1 to 3"),
        ("m**200", "a power is 1 to 3"),
        ("USD h", "a currency or a count stands alone"),
        ("lead*call", "a currency or a count stands alone"),
        ("USD^2", "a currency or a count stands alone"),
        ("quarter", "a quarter is a period"),
        ("call per week", "write a rate with /"),
        ("m²^2", "write one power, like m\\^2"),
        ("m⁴", "a power is 1 to 3"),
    ],
)
def test_text_pint_would_misread_is_refused_before_pint(ureg, monkeypatch, text, said) -> None:
    """Multipliers, prefixed counts and currencies, products with a currency or a count,
    powers past 3 and period words are refused, and pint is never asked about them."""
    monkeypatch.setattr(ureg, "parse_unit_name", lambda *a, **k: pytest.fail("pint asked"))
    monkeypatch.setattr(ureg, "get_name", lambda *a, **k: pytest.fail("pint asked"))

    with pytest.raises(UnitError, match=said):
        unit_info(text, ureg)


@pytest.mark.parametrize("text", ["c", "G", "A", "x"])
def test_a_unit_of_one_letter_is_refused(ureg, text) -> None:
    """A letter that is none of okrkit's symbols (pint's speed of light, gauss, ampere)
    is neither that unit nor a count: it is refused with how to name a count."""
    with pytest.raises(UnitError, match=r"with a word|a multiple"):
        unit_info(text, ureg)


def test_powers_out_of_range_are_refused_not_reported_as_mismatches() -> None:
    """km**999 against m**999 was 0 and m**200 against km**200 "did not convert"."""
    item = okrkit.increase("area", to="10 km**2").with_id("k").checked_in("2026-01-10", "5 m^2")

    assert okrkit.units.convert(Amount(1, "km**2"), "m^2") == Amount(1e6, "m^2")
    with pytest.raises(okrkit.InvalidValueError, match="a power is 1 to 3"):
        item.checked_in("2026-01-20", "5 m**200")


def test_data_sizes_convert_among_themselves_only(ureg) -> None:
    """pint counts bytes as plain numbers; okrkit never turns megabytes into percent."""
    assert convert(Amount(1500, "MB"), "GB", ureg=ureg) == Amount(1.5, "GB")
    with pytest.raises(UnitError):
        convert(Amount(15, "MB"), "%", ureg=ureg)


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(r"°?[^\W\d_]\w{0,8}", fullmatch=True),
    st.sampled_from(["{w}", "{w}/week", "{w} m", "k{w}", "{w}^2", "USD/{w}", "{w}s"]),
)
def test_any_unit_an_amount_holds_is_read_or_refused_with_a_unit_error(ureg, word, form) -> None:
    """Whatever word a unit is made of, reading it gives an answer or a UnitError:
    never pint's own error, a KeyError or a definition half made."""
    text = form.format(w=word)
    try:
        Amount(1, text)
    except okrkit.InvalidValueError:
        return
    try:
        info = unit_info(text, ureg)
    except UnitError:
        return
    assert unit_info(text, ureg) == info
