"""The model: invariants refused at construction, immutable fluent building, reprs, pickling."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from okrkit import (
    Amount,
    CheckIn,
    Direction,
    InvalidTypeError,
    InvalidValueError,
    KeyResult,
    Objective,
    OkrkitError,
    Period,
    Plan,
)
from strategies import key_results, raw_plans


class TestInvariants:
    @pytest.mark.parametrize(
        ("build", "field", "expected"),
        [
            (lambda: KeyResult(weight=-1), "KeyResult.weight", "a number ≥ 0"),
            (lambda: KeyResult(weight=float("nan")), "KeyResult.weight", "a finite number"),
            (lambda: CheckIn("2026-01-05", 3, confidence=3), "CheckIn.confidence", "from 0 to 1"),
            (lambda: CheckIn("2026-02-30", 3), "CheckIn.date", "a date that exists"),
            (lambda: KeyResult(direction="up"), "KeyResult.direction", "increase | decrease"),
            (lambda: Objective("x", commitment="maybe"), "Objective.commitment", "committed"),
            (lambda: Objective("   "), "Objective.title", "non-empty text"),
            (lambda: Objective("x", id="a b"), "Objective.id", "without spaces"),
            (lambda: Plan(currency="dollars"), "Plan.currency", "ISO 4217"),
            (lambda: Plan(lang="fr"), "Plan.lang", "en | es"),
            (lambda: Period("2026-03-01", "2026-02-01"), "Period.end", "on or after the start"),
            (lambda: Amount(float("inf"), "day"), "Amount.value", "a finite number"),
        ],
    )
    def test_broken_invariants_raise_naming_field_value_and_fix(self, build, field, expected):
        """A broken invariant raises at construction with the field, the value and what fits."""
        with pytest.raises(InvalidValueError) as info:
            build()

        assert info.value.field == field
        assert expected in str(info.value)
        assert str(info.value).startswith(f"{field}: expected")

    def test_wrong_types_raise_type_errors(self) -> None:
        """A value of the wrong type is a TypeError and an OkrkitError."""
        with pytest.raises(InvalidTypeError) as info:
            KeyResult(weight="heavy")

        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, OkrkitError)

    def test_datetimes_are_not_dates(self) -> None:
        """A datetime is refused where a calendar date is meant."""
        with pytest.raises(InvalidTypeError, match="without a time"):
            CheckIn(dt.datetime(2026, 1, 5, 12), 3)

    def test_strings_are_not_key_results(self) -> None:
        """Passing a sentence where a KeyResult is expected says how to build one."""
        with pytest.raises(InvalidTypeError, match=r"okrkit\.kr"):
            Objective("x").measured_by("Generar 170 leads")  # type: ignore[arg-type]

    def test_methodology_problems_are_not_invariants(self) -> None:
        """A key result whose units do not match is still built (the checker reports it)."""
        made = KeyResult(baseline="35 day", target="26 USD")

        assert made.target == Amount(26, "USD")

    @pytest.mark.parametrize(
        "error",
        [
            InvalidValueError("KeyResult.weight", -1, "a number ≥ 0"),
            InvalidTypeError("KeyResult.weight", object(), "a number"),
            okrkit.PeriodError("Q5", "no such quarter"),
            okrkit.UnitError("zz", "unknown"),
            okrkit.PlanFileError([okrkit.exceptions.Problem("bad", file="p.yaml", line=3)]),
        ],
    )
    def test_errors_pickle(self, error: Exception) -> None:
        """Every error survives pickling with its message."""
        copy = pickle.loads(pickle.dumps(error))

        assert type(copy) is type(error)
        assert str(copy) == str(error)


class TestFluentBuilding:
    def test_each_step_returns_a_new_value(self) -> None:
        """Fluent methods never change the value they are called on."""
        first = okrkit.objective("Crecer en la región")
        second = first.owned_by("ventas")

        assert first.owner is None
        assert second.owner == "ventas"
        assert first is not second

    def test_collections_are_tuples(self) -> None:
        """Key results, check-ins and links are kept as tuples."""
        made = okrkit.reduce("ciclo", from_="35 day", to="26 day").checked_in(
            "2026-01-31", "30 day"
        )
        objective = okrkit.objective("x").measured_by(made)

        assert isinstance(objective.key_results, tuple)
        assert isinstance(made.checkins, tuple)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            made.weight = 2  # type: ignore[misc]

    def test_plan_settings_are_fluent(self) -> None:
        """Language, calendar and policy are set by steps that each return a new plan."""
        plan = okrkit.plan("p")
        retail = okrkit.RetailCalendar(pattern="4-5-4")
        strict = okrkit.Policy.preset("strict")

        set_up = plan.in_language("es").with_calendar(retail).with_policy(strict)

        assert (set_up.lang, set_up.calendar, set_up.policy) == ("es", retail, strict)
        assert (plan.lang, plan.policy) != ("es", strict)
        with pytest.raises(InvalidValueError, match="lang"):
            plan.in_language("fr")

    def test_evolve_validates_again(self) -> None:
        """Changing a field through a fluent method runs the invariants again."""
        with pytest.raises(InvalidValueError):
            KeyResult().weighted(-2)

    @given(key_results())
    def test_repr_builds_an_equal_value(self, made: KeyResult) -> None:
        """The repr of a key result is Python that builds an equal key result."""
        namespace = {name: getattr(okrkit, name) for name in okrkit.__all__}
        namespace["datetime"] = dt

        assert made == eval(repr(made), namespace)

    @given(raw_plans())
    def test_plans_pickle(self, plan: Plan) -> None:
        """Any plan pickles and unpickles equal."""
        assert plan == pickle.loads(pickle.dumps(plan))

    def test_derived_keys(self) -> None:
        """Ids default to slugs of the title or the metric read from the statement, made unique."""
        objective = okrkit.objective("Lograr la Meta de Ventas!").measured_by(
            okrkit.kr("Generar 170 leads"), okrkit.kr("Generar 170 leads")
        )

        assert objective.key == "lograr-la-meta-de-ventas"
        assert objective.key_result_keys() == ("leads", "leads-2")

    def test_drives_makes_a_link(self) -> None:
        """An activity drives an outcome because of a stated reason."""
        calls = okrkit.increase("llamadas", to="20 call", per="week").with_id("llamadas")
        pipeline = okrkit.increase("pipeline", by="75%").with_id("pipeline")

        made = calls.drives(pipeline, because="Más llamadas abren oportunidades")

        assert made == okrkit.Link(
            "llamadas", "pipeline", because="Más llamadas abren oportunidades"
        )

    def test_lookups(self) -> None:
        """A plan finds objectives and key results by id or objective/kr."""
        made = okrkit.reduce("ciclo", to="26 day").with_id("ciclo")
        plan = okrkit.plan("p").with_objectives(okrkit.objective("x", id="o").measured_by(made))

        assert plan.key_result("ciclo") is made
        assert plan.key_result("o/ciclo") is made
        assert plan.objective("o").key_results == (made,)
        with pytest.raises(KeyError):
            plan.key_result("nope")

    def test_verbs_need_a_target_or_a_change(self) -> None:
        """increase() without to= or by= says what it needs."""
        with pytest.raises(InvalidValueError, match="to="):
            okrkit.increase("ventas")

    def test_verbs_set_the_direction(self) -> None:
        """Each verb sets the direction it names."""
        assert okrkit.increase("a", to=3).direction is Direction.INCREASE
        assert okrkit.reduce("a", to=3).direction is Direction.DECREASE
        assert okrkit.at_least("a", 3).direction is Direction.AT_LEAST
        assert okrkit.at_most("a", "5 min", share="90%").share == Amount(90, "percent")
        assert okrkit.achieve("Ganar el concurso").direction is Direction.ACHIEVE


class TestAmount:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("35 day", Amount(35, "day")),
            ("75%", Amount(75, "percent")),
            ("2600000 USD", Amount(2600000, "USD")),
            ("20 call/week", Amount(20, "call/week")),
            ("-1.5e3", Amount(-1500)),
            ("  4   percentage_point ", Amount(4, "percentage_point")),
        ],
    )
    def test_parse(self, text: str, expected: Amount) -> None:
        """Quantities are read as a number followed by a unit."""
        assert expected == Amount.parse(text)

    def test_text_with_a_lone_surrogate_is_refused(self) -> None:
        """Half a UTF-16 pair (what a JSON \\ud800 escape makes) fits in no file: refused."""
        with pytest.raises(InvalidValueError, match=r"Amount\.unit.*lone surrogate"):
            Amount(3, "ca\ud800ll")
        with pytest.raises(InvalidValueError, match=r"Objective\.title.*lone surrogate"):
            Objective("Crecer\udfff")

    def test_parse_refuses_words(self) -> None:
        """A quantity must start with a number."""
        with pytest.raises(InvalidValueError, match="a quantity like"):
            Amount.parse("veintiséis días")

    def test_str_reads_back(self) -> None:
        """str() of an amount parses back to the same amount."""
        for made in (Amount(35, "day"), Amount(0.1), Amount(1e20, "USD"), Amount(-3.25, "percent")):
            assert made == Amount.parse(str(made))


class TestQuantitySyntax:
    """A quantity is NUMBER UNIT; anything else is refused with the fix, never guessed at."""

    @pytest.mark.parametrize(
        ("text", "hint"),
        [
            ("5,000 USD", "write 5000 USD"),
            ("12,500,000 USD", "write 12500000 USD"),
            ("1,234.5 EUR", "write 1234.5 EUR"),
            ("1.234,5 EUR", "write 1234.5 EUR"),
            ("5 000 USD", "write 5000 USD"),
            ("5'000 CHF", "write 5000 CHF"),
            ("1_000 lead", "write 1000 lead"),
            ("10_00 lead", "write 1000 lead"),
            ("4,5 day", "write 4.5 day"),
            ("0x10 lead", "write the number in decimal: 16 lead"),
            ("0b101 lead", "write the number in decimal: 5 lead"),
            ("12:30", "a quantity is one number and a unit"),
            ("26day", "write the number, a space, then the unit"),
            ("10k USD", "write the whole number"),
            ("$5000", "write 5000 and the currency's ISO code"),
            ("USD 5000", "write 5000 USD"),
            ("€5000", "write 5000 EUR"),
            ("５ day", "write the number with the digits 0 to 9"),
        ],
    )
    def test_numbers_written_otherwise_are_refused_with_the_fix(self, text, hint) -> None:
        """Separators, other bases, times and glued words are refused, saying how to write them."""
        with pytest.raises(InvalidValueError) as info:
            Amount.parse(text, field="KeyResult.target")

        assert info.value.field == "KeyResult.target"
        assert info.value.value == text
        assert f"; {hint}" in str(info.value)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("+5 day", Amount(5, "day")),
            (".5 day", Amount(0.5, "day")),
            ("5. day", Amount(5, "day")),
            ("-2.5E2 USD", Amount(-250, "USD")),
            ("75 %", Amount(75, "percent")),
            ("5 €", Amount(5, "€")),
            ("4 percentage points", Amount(4, "percentage points")),
            ("35 días", Amount(35, "días")),
            ("3 meter / second", Amount(3, "meter / second")),
            ("2 m^2", Amount(2, "m^2")),
            ("9.8 meter / second ** 2", Amount(9.8, "meter / second ** 2")),
            ("60 1/minute", Amount(60, "1/minute")),
            ("21 °C", Amount(21, "°C")),
            ("7 unit_sold", Amount(7, "unit_sold")),
            ("12 p95", Amount(12, "p95")),
        ],
    )
    def test_plain_numbers_and_unit_names_are_read(self, text, expected) -> None:
        """Sign, decimal point, exponent, and units of names joined by spaces, / * ^ are read."""
        assert Amount.parse(text) == expected

    @pytest.mark.parametrize(
        ("unit", "said"),
        [
            ("x" * 65, "at most 64 characters"),
            ("o'clock", '"\'" cannot be part of a unit'),
            ("follow-up", '"-" cannot be part of a unit'),
            ("$", "the currency's ISO code"),
            ("2x", "a unit starts with a letter"),
            ("lead\x1b[31m", "cannot be part of a unit"),
        ],
    )
    def test_unit_text_outside_the_syntax_is_refused(self, unit, said) -> None:
        """An Amount's unit is a name of at most 64 characters, whichever way it is built."""
        with pytest.raises(InvalidValueError) as direct:
            Amount(3, unit)
        with pytest.raises(InvalidValueError) as parsed:
            Amount.parse(f"3 {unit}", field="CheckIn.value")

        assert direct.value.field == "Amount.unit"
        assert parsed.value.field == "CheckIn.value"
        assert said in str(direct.value)
        assert said in str(parsed.value)

    def test_a_unit_of_64_characters_is_kept(self) -> None:
        """64 characters is the longest unit, not one too many."""
        assert Amount(3, "x" * 64).unit == "x" * 64

    def test_the_dsl_names_the_field(self) -> None:
        """Through the DSL, a quantity written otherwise is refused naming the field."""
        with pytest.raises(InvalidValueError, match=r"KeyResult\.target.*write 5000 USD"):
            okrkit.increase("ventas", to="5,000 USD")
        with pytest.raises(InvalidValueError, match=r"KeyResult\.change.*write 7.5 %"):
            okrkit.increase("ventas", by="7,5 %")
        with pytest.raises(InvalidValueError, match=r"KeyResult\.baseline.*write 1000 lead"):
            okrkit.increase("leads", to="2000 lead").starting_at("1_000 lead")
        with pytest.raises(InvalidValueError, match=r"CheckIn\.value.*a quantity is one number"):
            okrkit.increase("leads", to="2000 lead").checked_in("2026-01-05", "12:30")

    def test_the_hint_pickles(self) -> None:
        """A refusal keeps its hint through pickling (errors travel between processes)."""
        with pytest.raises(InvalidValueError) as info:
            Amount.parse("5,000 USD")

        again = pickle.loads(pickle.dumps(info.value))

        assert str(again) == str(info.value)
        assert again.hint == info.value.hint == "write 5000 USD"

    @given(
        st.from_regex(r"[0-9]{1,6}", fullmatch=True),
        st.sampled_from([",", "_", ":", "'", "x", "/"]),
        st.from_regex(r"[0-9]{1,6}", fullmatch=True),
    )
    def test_digits_are_never_dropped(self, head, separator, tail) -> None:
        """Digits after a separator are never read as part of a unit, nor left out."""
        with pytest.raises(InvalidValueError):
            Amount.parse(f"{head}{separator}{tail} lead")

    @pytest.mark.parametrize(
        ("text", "hint"),
        [
            ("30.000 USD", "write 30000 USD if the point groups thousands, or 30.0 USD if it is"),
            ("1.500", "write 1500 if the point groups thousands, or 1.5 if it is a decimal"),
            ("2.250 day", "write 2250 day if the point groups thousands, or 2.25 day if"),
            ("2.125 lead", "write 2125 lead if the point groups thousands, or 2.1250 lead if"),
            ("-5.000 EUR", "write -5000 EUR if the point groups thousands, or -5.0 EUR if"),
        ],
    )
    def test_a_point_before_three_digits_reads_two_ways_and_is_refused(self, text, hint) -> None:
        """Thirty thousand to a Spanish reader, thirty to an English one: 30.000 is
        refused in every plan, with both ways to write what was meant."""
        with pytest.raises(InvalidValueError) as info:
            Amount.parse(text, field="CheckIn.value")

        assert f"; {hint}" in str(info.value)
        with pytest.raises(InvalidValueError, match=r"KeyResult\.target.*groups thousands"):
            okrkit.increase("ventas", to=text)

    @pytest.mark.parametrize(
        ("text", "value"),
        [("0.500 day", 0.5), ("30.0000 USD", 30), ("1000.000 USD", 1000), ("30.0 USD", 30),
         ("1.5e3 USD", 1500), ("12.25 USD", 12.25)],
    )  # fmt: skip
    def test_numbers_that_read_one_way_are_read(self, text, value) -> None:
        """A leading 0, four digits either side of the point, or an exponent: one reading."""
        assert Amount.parse(text).value == value

    @given(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([None, "USD"]))
    def test_str_never_writes_a_number_that_reads_two_ways(self, value, unit) -> None:
        """okrkit writes 2.125 as 2.1250, so what it writes it reads back."""
        made = Amount(value, unit)

        assert Amount.parse(str(made)) == made

    @pytest.mark.parametrize(
        ("text", "hint"),
        [
            ("1.2 M USD", "write the whole number: 1200000 USD"),
            ("100 k USD", "write the whole number: 100000 USD"),
            ("2.5 MM EUR", "write the whole number: 2500000 EUR"),
            ("3 millones USD", "write the whole number: 3000000 USD"),
            ("10 Mlead", "write the whole number: 10000000 lead"),
            ("5 kUSD/month", "write the whole number: 5000 USD/month"),
            ("10k USD", "write the whole number: 10000 USD"),
            ("1.2M USD", "write the whole number: 1200000 USD"),
            ("20 mil USD", "write the whole number: mil is a thousand in Spanish, a million"),
        ],
    )
    def test_a_multiplier_is_refused_with_the_whole_number(self, text, hint) -> None:
        """A multiplier is refused, with the whole number it stands for: 1.2 M USD is not
        1.2 molar dollars, nor 100 k USD Boltzmann's constant in dollars."""
        with pytest.raises(InvalidValueError) as info:
            Amount.parse(text)

        assert f"; {hint}" in str(info.value)

    @pytest.mark.parametrize("text", ["1.5e-400 lead", "1e-400", "-2E-999 USD", "0.1e-330 day"])
    def test_a_number_too_close_to_zero_for_a_float_is_refused(self, text) -> None:
        """1.5e-400 is not 0: it is out of a float's range, and refused, not read as 0."""
        with pytest.raises(InvalidValueError, match="a number a float can hold"):
            Amount.parse(text)

    @pytest.mark.parametrize("text", ["0 lead", "0.0e-400", "-0", "0e999 USD", "5e-324"])
    def test_zero_and_the_smallest_floats_are_read(self, text) -> None:
        """0 written any way is 0; the smallest float above 0 is itself."""
        assert Amount.parse(text).value == float(text.split()[0])

    @given(st.text(max_size=80))
    def test_any_text_is_read_or_refused(self, text) -> None:
        """Any text gives an amount whose str() reads back the same, or an InvalidValueError."""
        try:
            made = Amount.parse(text)
        except InvalidValueError:
            return
        assert Amount.parse(str(made)) == made
        assert made.unit is None or len(made.unit) <= 64
