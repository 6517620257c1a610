"""The unit words people write in OKRs: read as they mean them, the same way in the
DSL and in plan files, and without changing pint's registry."""

from __future__ import annotations

import json
import subprocess
import sys

import pint
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import okrkit
from okrkit import Amount, InvalidValueError, PlanFileError, UnitError
from okrkit._resolve import resolve
from okrkit._unit_words import singular
from okrkit.units import UnitKind, convert, convert_factor, unit_info


@pytest.fixture
def ureg() -> pint.UnitRegistry:
    """A registry of the caller's own, fresh for each test."""
    return pint.UnitRegistry()


# Words from real OKRs, and what each means: pint's dimension for a physical unit
# (as pint reads the word), a count of a noun, a currency, percent or points.
PHYSICAL_WORDS = {
    # time
    "days": "[time]", "Days": "[time]", "hours": "[time]", "Hours": "[time]", "hrs": "[time]",
    "hs": "[time]", "h": "[time]", "mins": "[time]", "minutes": "[time]", "secs": "[time]",
    "seconds": "[time]", "ms": "[time]", "milliseconds": "[time]", "weeks": "[time]",
    "wks": "[time]", "months": "[time]", "mos": "[time]", "years": "[time]", "yrs": "[time]",
    "días": "[time]", "horas": "[time]", "semanas": "[time]", "HOURS": "[time]",
    # length, area, volume
    "km": "[length]", "kms": "[length]", "kilometres": "[length]", "kilometers": "[length]",
    "miles": "[length]", "metres": "[length]", "metros": "[length]", "feet": "[length]",
    "m2": "[length] ** 2", "km2": "[length] ** 2", "m²": "[length] ** 2",
    "cm3": "[length] ** 3", "hectares": "[length] ** 2", "acres": "[length] ** 2",
    "gallons": "[length] ** 3", "liters": "[length] ** 3", "litres": "[length] ** 3",
    "litros": "[length] ** 3", "ml": "[length] ** 3",
    # mass
    "tons": "[mass]", "tonnes": "[mass]", "kg": "[mass]", "kgs": "[mass]", "kilos": "[mass]",
    "lbs": "[mass]", "grams": "[mass]",
    # data and data rates, frequency, speed
    "GB": "[information]", "MB": "[information]", "TB": "[information]",
    "Mbps": "[information] / [time]", "Gbps": "[information] / [time]",
    "kbps": "[information] / [time]", "rpm": "1 / [time]", "Hz": "1 / [time]",
    "MHz": "1 / [time]", "mph": "[length] / [time]", "kph": "[length] / [time]",
    # energy, power, temperature
    "kWh": "[length] ** 2 * [mass] / [time] ** 2", "MW": "[length] ** 2 * [mass] / [time] ** 3",
    "°C": "[temperature]", "ºC": "[temperature]", "Celsius": "[temperature]",
    "°F": "[temperature]",
}  # fmt: skip

COUNTED_WORDS = {
    "leads": "lead", "Leads": "lead", "MQLs": "MQL", "SQLs": "SQL", "MAU": "MAU",
    "MAUs": "MAU", "DAU": "DAU", "demos": "demo", "tickets": "ticket", "calls": "call",
    "llamadas": "call", "reuniones": "meeting", "deals": "deal", "signups": "signup",
    "customers": "customer", "NPS": "NPS", "KPIs": "KPI", "stories": "story",
    "opportunities": "opportunity", "boxes": "box", "matches": "match", "classes": "class",
    "status": "status", "bus": "bus", "buses": "bus", "analysis": "analysis",
    "analyses": "analysis", "movies": "movie", "series": "series", "points": "point",
    "pts": "point", "puntos": "point", "bugs": "bug", "PRs": "PR", "releases": "release",
    "business days": "business_day", "días hábiles": "business_day",
}  # fmt: skip

OTHER_WORDS = {
    "USD": ("USD", UnitKind.CURRENCY), "usd": ("USD", UnitKind.CURRENCY),
    "eur": ("EUR", UnitKind.CURRENCY), "€": ("EUR", UnitKind.CURRENCY),
    "dólares": ("USD", UnitKind.CURRENCY), "%": ("percent", UnitKind.PERCENT),
    "percent": ("percent", UnitKind.PERCENT), "pp": ("percentage_point", UnitKind.POINTS),
    "percentage points": ("percentage_point", UnitKind.POINTS),
}  # fmt: skip


@pytest.mark.parametrize(("word", "dimension"), PHYSICAL_WORDS.items())
def test_physical_unit_words_read_as_pint_reads_the_unit(ureg, word, dimension) -> None:
    """Plurals, abbreviations and capitals of physical units read as the unit; where
    pint reads the word itself as a unit of the same kind, okrkit agrees with it."""
    info = unit_info(word, ureg)

    assert info.dimension == dimension
    assert Amount.parse(f"5 {word}").unit == word
    try:
        pint_dimension = str(ureg.get_dimensionality(word))
    except (pint.errors.UndefinedUnitError, ValueError, AttributeError):
        return
    # pint counts data as plain numbers, reads bps as a baud and kilos as kiloseconds
    if "[information]" not in dimension and word != "kilos":
        assert pint_dimension == str(ureg.get_dimensionality(info.canonical))


@pytest.mark.parametrize(("word", "noun"), COUNTED_WORDS.items())
def test_counted_nouns_are_counts_of_their_singular(ureg, word, noun) -> None:
    """A counted noun, its plural, its capitalized form and an acronym (MAU, MQLs)
    are a count of one noun, never a unit pint happens to read (megaabsorbance,
    bushels, typographic points)."""
    info = unit_info(word, ureg)

    assert (info.canonical, info.kind, info.dimension) == (noun, UnitKind.COUNT, f"[{noun}]")


@pytest.mark.parametrize(("word", "expected"), OTHER_WORDS.items())
def test_currencies_percent_and_points(ureg, word, expected) -> None:
    """Currencies in any case, percent and percentage points."""
    info = unit_info(word, ureg)

    assert (info.canonical, info.kind) == expected


_REALISTIC = sorted({*PHYSICAL_WORDS, *COUNTED_WORDS, *OTHER_WORDS})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_REALISTIC),
    st.sampled_from(["{w}", "{w}/week", "{w}/month", "{w}/user", "{w}/user/month"]),
    st.sampled_from(["5", "12.5", "0", "-3"]),
)
def test_every_realistic_unit_word_reads_in_every_form(word, form, number) -> None:
    """Each realistic word, alone, as a rate, and over a user, is read: the quantity
    parses, and its unit has a meaning in the application registry."""
    text = form.format(w=word)
    made = Amount.parse(f"{number} {text}")
    info = unit_info(made.unit)

    assert info.kind is not UnitKind.NUMBER
    assert (info.per is not None) == form.endswith(("/week", "/month"))


# --- L2: points are a count, and pint's point stays a length --------------------------


def test_points_are_a_count_and_pints_point_is_untouched(ureg) -> None:
    """Story points and NPS points are counted; pts is the same; pint's own point (a
    typographic length) is neither redefined nor read."""
    assert unit_info("points", ureg) == unit_info("points", ureg)
    assert unit_info("pts", ureg).canonical == unit_info("puntos", ureg).canonical
    assert convert(Amount(3, "pts"), "points", ureg=ureg) == Amount(3, "points")
    with pytest.raises(UnitError):
        convert(Amount(3, "points"), "pp", ureg=ureg)

    assert str(ureg.get_dimensionality("point")) == "[length]"


# --- L4: compound units in any order; business days --------------------------------


def test_a_rate_period_reads_wherever_it_stands(ureg) -> None:
    """USD/month/user is USD/user/month: dollars per user, over a month."""
    first, second = unit_info("USD/month/user", ureg), unit_info("USD/user/month", ureg)

    assert (first.canonical, first.per) == (second.canonical, second.per) == ("USD / user", "month")
    assert convert_factor(first, second, ureg) == (1.0, 0.0)


def test_business_days_are_their_own_count(ureg) -> None:
    """2 business days is not 2 calendar days: a count of business days, which does
    not convert to days (how many a number of them spans depends on weekends)."""
    english, spanish = unit_info("business days", ureg), unit_info("días hábiles", ureg)

    assert english.canonical == spanish.canonical == "business_day"
    assert Amount.parse("2 business days").unit == "business days"
    assert convert_factor(english, unit_info("day", ureg), ureg) is None


# --- M7: singular forms that keep words ending in s ------------------------------------


@pytest.mark.parametrize(
    ("word", "noun"),
    [
        ("status", "status"), ("bus", "bus"), ("analysis", "analysis"), ("class", "class"),
        ("campus", "campus"), ("callss", "callss"), ("tickets", "ticket"), ("stories", "story"),
        ("movies", "movie"), ("boxes", "box"), ("matches", "match"), ("caches", "cache"),
        ("analyses", "analysis"), ("statuses", "status"), ("keys", "key"), ("courses", "course"),
        ("series", "series"), ("news", "news"), ("cases", "case"), ("ops", "ops"),
    ],
)  # fmt: skip
def test_singular_keeps_words_that_end_in_s(word, noun) -> None:
    """A trailing s is dropped only where it makes a plural."""
    assert singular(word) == noun


# --- L3: the DSL and the file reader accept the same unit texts --------------------

_WORDS = st.sampled_from(
    [*_REALISTIC, "points", "c", "x", "ppt", "kUSD", "M", "quarter", "per", "widgets", "Mlead"]
)
_UNIT_TEXTS = st.one_of(
    _WORDS,
    st.builds("{}/{}".format, _WORDS, _WORDS),
    st.builds("{} {}".format, _WORDS, _WORDS),
    st.from_regex(r"[A-Za-zº°µ][a-zA-Z0-9_]{0,6}(\^[0-9])?", fullmatch=True),
)


def _plan(target: str) -> str:
    """A JSON plan of one key result with *target*."""
    data = {
        "okrkit": 1,
        "period": "2026-Q1",
        "objectives": [
            {
                "id": "o",
                "title": "Grow",
                "owner": "ana",
                "key_results": [
                    {"id": "k", "metric": "m", "direction": "increase", "target": target}
                ],
            }
        ],
    }
    return json.dumps(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_UNIT_TEXTS, st.sampled_from(["5", "2.5", "0"]))
def test_the_dsl_and_plan_files_accept_the_same_quantities(unit, number) -> None:
    """Whatever Amount.parse (the DSL's reader) accepts, a plan file accepts with the
    same value and unit, and whatever one refuses the other refuses; what both accept
    has a meaning in the application registry."""
    text = f"{number} {unit}"
    try:
        made: Amount | None = Amount.parse(text)
    except InvalidValueError:
        made = None
    try:
        plan = okrkit.loads(_plan(text), format="json")
        read: Amount | None = plan.objectives[0].key_results[0].target
    except PlanFileError:
        read = None
    try:
        kr = okrkit.increase("m", to=text)
        built: Amount | None = kr.target
    except InvalidValueError:
        built = None

    assert made == read == built
    if made is not None and made.unit is not None:
        unit_info(made.unit)  # raises nothing


# --- S1: reading plans never changes pint's registry ---------------------------------


def test_reading_new_nouns_defines_nothing_in_the_registry(ureg) -> None:
    """Counted nouns and currencies live outside pint: a plan of new nouns, resolved
    and converted in the caller's registry, leaves it as it was."""
    before = len(ureg._units)
    items = [okrkit.increase(f"m{i}", to=f"5 wqz{i}x").with_id(f"k{i}") for i in range(50)]
    items.append(okrkit.increase("usd", to="5 USD/month/user").with_id("usd"))
    plan = okrkit.plan("p", period="2026-Q1").with_objectives(
        okrkit.objective("o", owner="a").measured_by(*items)
    )

    for kr in plan.objectives[0].key_results:
        resolve(kr, ureg)
        convert(kr.target, f"{kr.target.unit}", ureg=ureg)

    assert len(ureg._units) == before
    assert "wqz0x" not in ureg


def test_the_application_registry_does_not_grow_in_a_server_reading_plans() -> None:
    """In a fresh process, reading 5,000 new nouns and checking plans of them leaves
    the application registry with the units it had, and okrkit's caches bounded."""
    code = """
import pint, okrkit
from okrkit import _amount, _resolve, _unit_words, _units
from okrkit.units import unit_info
unit_info("day")
registry = pint.get_application_registry().get()
before = len(registry._units)
for index in range(5000):
    unit_info(okrkit.Amount.parse("5 noun%dxs" % index).unit)
_resolve._FACTORS_KEPT = 50  # the same bound, made small to reach it in a few plans
kr = "{id: k, metric: m, direction: increase, baseline: 1 noun%dx, target: 5 noun%dxs}"
plan = "okrkit: 1\\nperiod: 2026-Q1\\nobjectives: [{id: o, title: t, owner: a, key_results: [%s]}]"
for index in range(100):
    okrkit.check(okrkit.loads(plan % (kr % (index, index))))
state = _units._states[registry]
sizes = (state.read, state.factors, _unit_words._READINGS, _amount._UNIT_FORMS)
print(len(registry._units) - before, len(_resolve._FACTORS), *(len(size) for size in sizes))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    grown, factors, *sizes = (int(part) for part in done.stdout.split())

    assert grown == 0
    assert factors <= 50
    assert all(size <= 4096 for size in sizes), sizes


def test_to_quantity_defines_the_nouns_it_is_asked_for(ureg) -> None:
    """A pint quantity needs a unit, so to_quantity defines the noun it counts; a
    noun the registry has as a unit of its own (pint's point) is refused, not mixed up."""
    made = okrkit.units.to_quantity(Amount(3, "widgets/week"), ureg=ureg)

    assert made + ureg.Quantity(1, "widget/week") == ureg.Quantity(4, "widget/week")
    with pytest.raises(UnitError, match="a unit of its own named 'point'"):
        okrkit.units.to_quantity(Amount(3, "points"), ureg=ureg)


# --- N6: hints that say how to write what people mean, in English and Spanish ----------


@pytest.mark.parametrize(
    ("text", "english", "spanish"),
    [
        ("£5", "write 5 GBP", "escribe 5 GBP"),
        ("5 £", "write 5 GBP", "escribe 5 GBP"),
        ("5£", "write 5 GBP", "escribe 5 GBP"),
        ("5 millones de USD", "write the whole number: 5000000 USD",
         "escribe el número entero: 5000000 USD"),
        ("2 million of EUR", "write the whole number: 2000000 EUR",
         "escribe el número entero: 2000000 EUR"),
        ("50+", "write 50 with direction: at_least", "escribe 50 con direction: at_least"),
        ("50+ leads", "write 50 leads with direction: at_least",
         "escribe 50 leads con direction: at_least"),
        ("3×", "a multiple (3x) is not a quantity", "un múltiplo (3x) no es una cantidad"),
        ("3x", "a multiple (3x) is not a quantity", "un múltiplo (3x) no es una cantidad"),
        ("3 x", "a multiple (3x) is not a quantity", "un múltiplo (3x) no es una cantidad"),
        ("3x leads", "a multiple (3x) is not a quantity", "un múltiplo (3x) no es una cantidad"),
        ("S/ 500", "write 500 PEN", "escribe 500 PEN"),
        ("500 S/", "write 500 PEN", "escribe 500 PEN"),
        ("5 ppt", "write pp for percentage points", "escribe pp para puntos porcentuales"),
        ("5,000 USD", "write 5000 USD", "escribe 5000 USD"),
        ("40.000 USD", "write 40000 USD if the point groups thousands",
         "escribe 40000 USD si el punto agrupa miles"),
        ("10 Mlead", "write the whole number: 10000000 lead",
         "escribe el número entero: 10000000 lead"),
    ],
)  # fmt: skip
def test_a_refused_quantity_says_how_to_write_it_in_both_languages(text, english, spanish) -> None:
    """The hint names the fix: the ISO code for a sign, the whole number without "de",
    the direction for a bound, the statement or a change for a multiple, pp for ppt."""
    with pytest.raises(InvalidValueError) as info:
        Amount.parse(text)

    assert english in (info.value.hint or "")
    assert spanish in (info.value.hint_es or "")


def test_a_spanish_plan_gets_its_hints_in_spanish() -> None:
    """A plan with lang: es says how to fix a quantity in Spanish."""
    plan = _plan("50+ llamadas").replace('"okrkit": 1', '"okrkit": 1, "lang": "es"')
    with pytest.raises(PlanFileError) as info:
        okrkit.loads(plan, format="json")

    assert "escribe 50 llamadas con direction: at_least" in str(info.value)


# --- M1: bare numbers that read two ways ------------------------------------------------

_TARGET_YAML = """\
okrkit: 1
period: 2026-Q1
objectives:
  - id: o
    title: Grow
    owner: ana
    key_results:
      - id: k
        metric: m
        direction: increase
        target: {target}
"""
_TARGET_TOML = """\
okrkit = 1
period = "2026-Q1"

[[objectives]]
id = "o"
title = "Grow"
owner = "ana"

[[objectives.key_results]]
id = "k"
metric = "m"
direction = "increase"
target = {target}
"""


@pytest.mark.parametrize("template", [_TARGET_YAML, _TARGET_TOML])
@pytest.mark.parametrize("number", ["40.000", "1.500", "-2.125"])
def test_a_bare_number_that_reads_two_ways_is_refused_in_yaml_and_toml(template, number) -> None:
    """40.000 bare in YAML or TOML is forty thousand to a Spanish reader and forty to
    an English one: refused at its place with both ways to write it."""
    fmt = "toml" if template is _TARGET_TOML else "yaml"
    with pytest.raises(PlanFileError) as info:
        okrkit.loads(template.format(target=number), format=fmt)

    assert "if the point groups thousands" in str(info.value)
    assert "if it is a decimal point" in str(info.value)


@pytest.mark.parametrize("template", [_TARGET_YAML, _TARGET_TOML])
@pytest.mark.parametrize(("number", "value"), [("40.0", 40.0), ("40000", 40000), ("2.1250", 2.125)])
def test_bare_numbers_that_read_one_way_are_read(template, number, value) -> None:
    """40.0, 40000 and 2.1250 read one way and are read."""
    fmt = "toml" if template is _TARGET_TOML else "yaml"
    plan = okrkit.loads(template.format(target=number), format=fmt)

    assert plan.objectives[0].key_results[0].target == Amount(value)


def test_json_numbers_stay_as_json_defines_them() -> None:
    """In JSON, 40.000 is the number forty, as JSON says: programs write floats."""
    plan = okrkit.loads(_plan("5 lead").replace('"5 lead"', "40.000"), format="json")

    assert plan.objectives[0].key_results[0].target == Amount(40)


@given(st.integers(1, 999), st.integers(0, 999))
def test_okrkit_writes_such_numbers_so_they_read_back(whole, fraction) -> None:
    """A float like 2.125 is written 2.1250 in YAML and TOML, so a plan okrkit writes
    reads back equal."""
    value = float(f"{whole}.{fraction:03d}")
    item = okrkit.increase("m", to=value).with_id("k")
    plan = okrkit.plan("p", period="2026-Q1").with_objectives(
        okrkit.objective("o", owner="a").measured_by(item)
    )
    for fmt in ("yaml", "toml", "json"):
        assert okrkit.loads(okrkit.dumps(plan, format=fmt), format=fmt) == plan
