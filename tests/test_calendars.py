"""Retail and cycle calendars beside the Gregorian one: dates, labels, words and files."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
from collections.abc import Callable

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from okrkit import (
    Calendar,
    CycleCalendar,
    InvalidTypeError,
    InvalidValueError,
    Period,
    PeriodError,
    PlanFileError,
    RetailCalendar,
)
from okrkit._calendars import AnyCalendar
from strategies import calendars, cycle_calendars, gregorian_calendars, retail_calendars


D = dt.date
NRF = RetailCalendar()
SIX_WEEKS = CycleCalendar(D(2026, 1, 5), weeks=6)


def assert_tiles(parts: tuple[Period, ...], whole: Period) -> None:
    """*parts* follow one another with no gap or overlap and cover *whole* exactly."""
    assert parts, "no periods"
    assert parts[0].start == whole.start
    assert parts[-1].end == whole.end
    for before, after in itertools.pairwise(parts):
        assert before.stop == after.start
    assert sum(part.days for part in parts) == whole.days


def iso_year(year: int) -> Period:
    start = D.fromisocalendar(year, 1, 1)
    return Period(start, D.fromisocalendar(year + 1, 1, 1) - dt.timedelta(days=1))


class TestNrfCalendar:
    @pytest.mark.parametrize("year", [2012, 2017, 2023])
    def test_the_53_week_years(self, year: int) -> None:
        """FY2012, FY2017 and FY2023 of the NRF 4-5-4 calendar have 53 weeks."""
        assert NRF.weeks_in(year) == 53
        assert NRF.year(year).days == 371

    def test_the_years_between_have_52_weeks(self) -> None:
        """Between those, every NRF year has 52 weeks."""
        short = [y for y in range(2013, 2023) if y != 2017]

        assert {NRF.weeks_in(y) for y in short} == {52}

    @pytest.mark.parametrize(
        ("year", "start", "end"),
        [
            (2012, D(2012, 1, 29), D(2013, 2, 2)),
            (2017, D(2017, 1, 29), D(2018, 2, 3)),
            (2023, D(2023, 1, 29), D(2024, 2, 3)),
            (2024, D(2024, 2, 4), D(2025, 2, 1)),
            (2026, D(2026, 2, 1), D(2027, 1, 30)),
        ],
    )
    def test_year_dates(self, year: int, start: dt.date, end: dt.date) -> None:
        """A year runs Sunday to the Saturday nearest the end of January, named by its start."""
        period = NRF.period(f"FY{year}")

        assert (period.start, period.end) == (start, end)
        assert period.end.weekday() == 5

    def test_fy2023_quarters_and_periods(self) -> None:
        """In FY2023 the fourth quarter holds the extra week: 13, 13, 13 and 14 weeks."""
        quarters = NRF.periods(2023, "quarter")
        months = NRF.periods(2023, "month")

        assert [q.days // 7 for q in quarters] == [13, 13, 13, 14]
        assert [m.days // 7 for m in months] == [4, 5, 4] * 3 + [4, 5, 5]
        assert (months[-1].start, months[-1].end) == (D(2023, 12, 31), D(2024, 2, 3))
        assert_tiles(quarters, NRF.year(2023))
        assert_tiles(months, NRF.year(2023))

    def test_53rd_week_where_configured(self) -> None:
        """With week53=5 the fifth period gets the extra week, so the second quarter has 14."""
        calendar = RetailCalendar(week53=5)
        months = calendar.periods(2023, "month")

        assert [m.days // 7 for m in months] == [4, 5, 4, 4, 6, 4] + [4, 5, 4] * 2
        assert [q.days // 7 for q in calendar.periods(2023, "quarter")] == [13, 14, 13, 13]
        assert_tiles(months, calendar.year(2023))
        assert calendar.periods(2024, "month") == NRF.periods(2024, "month")

    @pytest.mark.parametrize(
        ("pattern", "weeks"), [("4-4-5", [4, 4, 5]), ("4-5-4", [4, 5, 4]), ("5-4-4", [5, 4, 4])]
    )
    def test_patterns(self, pattern: str, weeks: list[int]) -> None:
        """Each pattern gives the weeks of the three periods of every quarter."""
        calendar = RetailCalendar(pattern=pattern)

        assert [m.days // 7 for m in calendar.periods(2024, "month")] == weeks * 4

    def test_last_weekday_of_the_month_named_by_end(self) -> None:
        """The last Saturday of September, named by the end year: FY2023 has 53 weeks."""
        calendar = RetailCalendar(year_end_month=9, rule="last", named_by="end")

        assert calendar.year(2023) == Period(D(2022, 9, 25), D(2023, 9, 30))
        assert calendar.year(2024) == Period(D(2023, 10, 1), D(2024, 9, 28))

    def test_year_of_a_date(self) -> None:
        """New Year's Day 2024 lies in retail year FY2023."""
        assert NRF.year_of(D(2024, 1, 1)).label == "FY2023"
        assert NRF.year_of(D(2024, 2, 4)).label == "FY2024"

    def test_spanish_weekday_names(self) -> None:
        """A week end may be given in Spanish; it is kept in English."""
        assert RetailCalendar(week_ends_on="Sábado") == NRF


@given(retail_calendars(), st.integers(1950, 2100))
def test_retail_years_follow_one_another(calendar: RetailCalendar, year: int) -> None:
    """Retail years are 52 or 53 whole weeks, end on the week end, and leave no gap."""
    this, following = calendar.year(year), calendar.year(year + 1)

    assert this.days in (364, 371)
    assert this.stop == following.start
    assert this.end.strftime("%A").lower() == calendar.week_ends_on


@given(retail_calendars(), st.integers(1950, 2100))
def test_retail_years_end_by_the_rule(calendar: RetailCalendar, year: int) -> None:
    """A year ends within three days of its month's end (nearest) or in its last week (last),
    and is named by the year of that month (end) or of the month after it (start)."""
    end = calendar.year(year).end
    month_ends = [
        D(y, calendar.year_end_month, 1) + relativedelta(months=1, days=-1)
        for y in (end.year - 1, end.year)
    ]
    month_end = min(month_ends, key=lambda day: abs((day - end).days))
    if calendar.rule == "nearest":
        assert abs((end - month_end).days) <= 3
    else:
        assert 0 <= (month_end - end).days < 7
    starts_next_year = calendar.named_by == "start" and calendar.year_end_month < 12
    assert month_end.year == (year + 1 if starts_next_year else year)


@given(retail_calendars(), st.integers(1950, 2100))
def test_retail_53rd_week_lands_in_its_period(calendar: RetailCalendar, year: int) -> None:
    """Only the configured period is a week longer than the pattern says."""
    pattern = [int(part) for part in calendar.pattern.split("-")] * 4
    weeks = [m.days // 7 for m in calendar.periods(year, "month")]
    longer = [n for n, (got, base) in enumerate(zip(weeks, pattern, strict=True), 1) if got > base]

    assert longer == ([calendar.week53] if calendar.weeks_in(year) == 53 else [])


def expected_year(calendar: AnyCalendar, year: int, unit: str) -> Period:
    """The stretch of time that the periods of *unit* in *year* should cover."""
    if isinstance(calendar, RetailCalendar):
        return calendar.year(year)
    if unit == "week":
        return iso_year(year)
    if isinstance(calendar, Calendar):
        return calendar.fiscal_year(year)
    return Calendar().year(year)


@given(calendars(), st.integers(1950, 2100), st.data())
def test_periods_tile_their_year(calendar: AnyCalendar, year: int, data: st.DataObject) -> None:
    """For every calendar and unit, the periods of a year cover it with no gap or overlap."""
    unit = data.draw(st.sampled_from([u for u in calendar.units if u != "cycle"]))

    assert_tiles(calendar.periods(year, unit), expected_year(calendar, year, unit))


@given(gregorian_calendars(), st.integers(1950, 2100))
def test_every_unit_of_a_fiscal_year(calendar: Calendar, year: int) -> None:
    """A fiscal year has 1 year, 2 halves, 4 quarters and 12 months, in that order."""
    counts = {unit: len(calendar.periods(year, unit)) for unit in ("year", "half", "quarter")}

    assert counts == {"year": 1, "half": 2, "quarter": 4}
    assert len(calendar.periods(year, "month")) == 12


class TestCycles:
    def test_third_cycle(self) -> None:
        """Cycle 3 of six-week cycles from 2026-01-05 starts twelve weeks later."""
        third = SIX_WEEKS.period("C3")

        assert (third.start, third.end) == (D(2026, 3, 30), D(2026, 5, 10))
        assert third.label == "C3"

    def test_cycles_in_days(self) -> None:
        """A cycle length may be given in days."""
        calendar = CycleCalendar(D(2026, 1, 1), days=30)

        assert calendar.cycle(2) == Period(D(2026, 1, 31), D(2026, 3, 1))
        assert calendar.length == 30

    def test_cycle_of_a_date(self) -> None:
        """The cycle that holds a date, counting from the start."""
        assert SIX_WEEKS.cycle_of(D(2026, 2, 16)).label == "C2"
        assert SIX_WEEKS.cycle_of(D(2026, 2, 15)).label == "C1"
        with pytest.raises(PeriodError, match="cycles start on 2026-01-05"):
            SIX_WEEKS.cycle_of(D(2026, 1, 4))

    def test_cycles_of_a_year(self) -> None:
        """The cycles listed for a year are those that start in it, none before the start."""
        assert [c.label for c in SIX_WEEKS.periods(2026, "cycle")] == [
            f"C{n}" for n in range(1, 10)
        ]
        assert SIX_WEEKS.periods(2025, "cycle") == ()
        assert SIX_WEEKS.periods(2027, "cycle")[0].label == "C10"

    def test_gregorian_labels_still_read(self) -> None:
        """A plan on cycles can still name a quarter or a month."""
        assert SIX_WEEKS.period("2026-Q1") == Calendar().quarter(2026, 1)
        assert SIX_WEEKS.period("marzo de 2026") == Calendar().month(2026, 3)


@given(cycle_calendars(), st.integers(1, 500))
def test_cycles_tile_the_timeline(calendar: CycleCalendar, number: int) -> None:
    """Each cycle lasts the cycle length and the next one starts the day after it ends."""
    this, following = calendar.cycle(number), calendar.cycle(number + 1)

    assert this.days == following.days == calendar.length
    assert this.stop == following.start
    assert this.start == calendar.start + dt.timedelta(days=(number - 1) * calendar.length)
    assert calendar.cycle_of(this.end) == this


@given(cycle_calendars(), st.integers(1990, 2100))
def test_cycles_of_consecutive_years_join(calendar: CycleCalendar, year: int) -> None:
    """The last cycle listed for a year is followed by the first one listed for the next."""
    this, following = calendar.periods(year, "cycle"), calendar.periods(year + 1, "cycle")
    if this and following:
        assert this[-1].stop == following[0].start
    for cycle in this:
        assert cycle.start.year == year


class TestLabels:
    @pytest.mark.parametrize(
        ("text", "label"),
        [
            ("FY2026", "FY2026"),
            ("año fiscal 2026", "FY2026"),
            ("FY2026-Q2", "FY2026-Q2"),
            ("Q2 FY26", "FY2026-Q2"),
            ("T2 del año fiscal 2026", "FY2026-Q2"),
            ("FY2026-H2", "FY2026-H2"),
            ("FY2026-P05", "FY2026-P05"),
            ("FY26 P5", "FY2026-P05"),
            ("P5 FY2026", "FY2026-P05"),
            ("periodo 5 FY2026", "FY2026-P05"),
            ("período 5 del año fiscal 2026", "FY2026-P05"),
            ("retail period 5 of FY2026", "FY2026-P05"),
            ("FY2026-W12", "FY2026-W12"),
            ("W12 FY2026", "FY2026-W12"),
            ("semana 12 del año fiscal 2026", "FY2026-W12"),
            ("retail week 12 of FY2026", "FY2026-W12"),
        ],
    )
    def test_retail_labels(self, text: str, label: str) -> None:
        """English and Spanish forms of retail labels read to one canonical label."""
        assert NRF.period(text).label == label
        assert NRF.period(text) == NRF.period(label)

    def test_retail_week_dates(self) -> None:
        """Retail week 12 of FY2026 starts eleven weeks after the year does."""
        week = NRF.period("FY2026-W12")

        assert (week.start, week.end) == (D(2026, 4, 19), D(2026, 4, 25))

    @pytest.mark.parametrize(
        "text",
        ["2026-Q1", "2026-03", "2026-W05", "primer trimestre 2026", "2026-01-15..2026-04-14"],
    )
    def test_gregorian_labels_in_a_retail_calendar(self, text: str) -> None:
        """Labels without FY keep their Gregorian meaning in a retail calendar."""
        assert NRF.period(text) == Calendar().period(text)

    @pytest.mark.parametrize("text", ["C3", "c3", "Cycle 3", "ciclo 3", "C03"])
    def test_cycle_labels(self, text: str) -> None:
        """Cycles are read as C3, cycle 3 or ciclo 3."""
        assert SIX_WEEKS.period(text).label == "C3"

    def test_range_with_a_dash(self) -> None:
        """A range written with an en dash, as describe() writes it, reads too."""
        assert Calendar().period("2026-01-15 – 2026-04-14") == Period(
            D(2026, 1, 15), D(2026, 4, 14)
        )


@given(calendars(), st.integers(1950, 2100), st.data())
def test_labels_read_back(calendar: AnyCalendar, year: int, data: st.DataObject) -> None:
    """Every listed period's label reads back to the same dates and the same label."""
    unit = data.draw(st.sampled_from(calendar.units))
    for period in calendar.periods(year, unit):
        assert period.label is not None
        again = calendar.period(period.label)
        assert again == period
        assert again.label == period.label


@given(calendars(), st.integers(1950, 2100), st.sampled_from(["en", "es"]), st.data())
def test_descriptions_read_back(
    calendar: AnyCalendar, year: int, lang: str, data: st.DataObject
) -> None:
    """What describe() says about a period is a label the calendar reads to that period."""
    unit = data.draw(st.sampled_from(calendar.units))
    for period in calendar.periods(year, unit):
        assert calendar.period(calendar.describe(period, lang=lang)) == period


class TestDescribe:
    @pytest.mark.parametrize(
        ("calendar", "label", "english", "spanish"),
        [
            (Calendar(), "2026-Q1", "Q1 2026", "1.er trimestre de 2026"),
            (Calendar(), "2026-Q2", "Q2 2026", "2.º trimestre de 2026"),
            (Calendar(), "2026-H2", "H2 2026", "2.º semestre de 2026"),
            (Calendar(), "2026-01", "January 2026", "enero de 2026"),
            (Calendar(), "2026-W05", "week 5 of 2026", "semana 5 de 2026"),
            (Calendar(), "2026", "2026", "2026"),
            (Calendar(fiscal_year_start=4), "FY2027", "FY2027", "año fiscal 2027"),
            (Calendar(fiscal_year_start=4), "FY2027-Q2", "FY2027 Q2", "T2 del año fiscal 2027"),
            (Calendar(fiscal_year_start=4), "FY2027-H1", "FY2027 H1", "S1 del año fiscal 2027"),
            (NRF, "FY2026", "FY2026", "año fiscal 2026"),
            (NRF, "FY2026-Q2", "FY2026 Q2", "T2 del año fiscal 2026"),
            (NRF, "FY2026-P05", "retail period 5 of FY2026", "periodo 5 del año fiscal 2026"),
            (NRF, "FY2026-W12", "retail week 12 of FY2026", "semana 12 del año fiscal 2026"),
            (SIX_WEEKS, "C3", "cycle 3", "ciclo 3"),
            (SIX_WEEKS, "2026-03", "March 2026", "marzo de 2026"),
        ],
    )
    def test_named_periods(
        self, calendar: AnyCalendar, label: str, english: str, spanish: str
    ) -> None:
        """A period the calendar names is said by name in English and in Spanish."""
        period = calendar.period(label)

        assert calendar.describe(period) == english
        assert calendar.describe(period, lang="es") == spanish

    def test_ranges(self) -> None:
        """A period with no name is said as its dates, the same in both languages."""
        period = Calendar().period("2026-01-15..2026-04-14")

        assert Calendar().describe(period) == "2026-01-15 – 2026-04-14"
        assert NRF.describe(period, lang="es") == "2026-01-15 – 2026-04-14"

    def test_a_label_from_another_calendar_is_shown_as_dates(self) -> None:
        """A retail quarter described by the Gregorian calendar shows its dates, not its label."""
        quarter = NRF.quarter(2026, 1)

        assert Calendar().describe(quarter) == "2026-02-01 – 2026-05-02"
        assert quarter.describe(calendar=NRF) == "FY2026 Q1"

    def test_period_describe(self) -> None:
        """Period.describe() uses the Gregorian calendar unless told otherwise."""
        assert Period.parse("2026-03").describe(lang="es") == "marzo de 2026"

    def test_unknown_language(self) -> None:
        """Only English and Spanish are spoken."""
        with pytest.raises(InvalidValueError, match=r"lang: expected en \| es"):
            Calendar().describe(Period.parse("2026"), lang="fr")


class TestErrors:
    @pytest.mark.parametrize(
        ("calendar", "text", "reason"),
        [
            (NRF, "FY2026-P13", "12 periods"),
            (NRF, "FY2025-W53", "FY2025 has 52 retail weeks"),
            (NRF, "FY2026-W00", "52 retail weeks"),
            (NRF, "FY2026-Q5", "expected a period like FY2026"),
            (NRF, "P5", "expected a period like FY2026"),
            (SIX_WEEKS, "C0", "numbered from 1"),
            (SIX_WEEKS, "next cycle", "expected a period like C3"),
            (SIX_WEEKS, "C999999", r"outside 0001-01-01\.\.9999-12-31"),
        ],
    )
    def test_bad_labels(self, calendar: AnyCalendar, text: str, reason: str) -> None:
        """A label the calendar cannot name raises a PeriodError that says why."""
        with pytest.raises(PeriodError, match=reason):
            calendar.period(text)

    @pytest.mark.parametrize(
        ("make", "field"),
        [
            (lambda: RetailCalendar(pattern="4-4-4"), "RetailCalendar.pattern"),
            (lambda: RetailCalendar(year_end_month=13), "RetailCalendar.year_end_month"),
            (lambda: RetailCalendar(year_end_month=1.5), "RetailCalendar.year_end_month"),
            (lambda: RetailCalendar(week_ends_on="someday"), "RetailCalendar.week_ends_on"),
            (lambda: RetailCalendar(rule="closest"), "RetailCalendar.rule"),
            (lambda: RetailCalendar(named_by="middle"), "RetailCalendar.named_by"),
            (lambda: RetailCalendar(week53=13), "RetailCalendar.week53"),
            (lambda: RetailCalendar(week53=True), "RetailCalendar.week53"),
            (lambda: CycleCalendar(D(2026, 1, 5)), "CycleCalendar.weeks"),
            (lambda: CycleCalendar(D(2026, 1, 5), weeks=6, days=3), "CycleCalendar.days"),
            (lambda: CycleCalendar(D(2026, 1, 5), weeks=0), "CycleCalendar.weeks"),
            (lambda: CycleCalendar(D(2026, 1, 5), days=1.5), "CycleCalendar.days"),
            (lambda: CycleCalendar("2026-02-30", weeks=6), "CycleCalendar.start"),
            (lambda: NRF.periods(2026, "fortnight"), "RetailCalendar.periods unit"),
            (lambda: Calendar(fiscal_year_start=4).periods(2026, "week"), "Calendar.periods unit"),
            (lambda: okrkit.Plan(calendar="4-5-4"), "Plan.calendar"),
        ],
    )
    def test_bad_settings(self, make: Callable[[], object], field: str) -> None:
        """A bad setting is refused with an okrkit error that names the field."""
        with pytest.raises((InvalidValueError, InvalidTypeError)) as info:
            make()

        assert str(info.value).startswith(f"{field}: expected ")

    def test_retail_numbers_out_of_range(self) -> None:
        """Building a quarter or period a retail year does not have is refused."""
        with pytest.raises(PeriodError, match="4 quarters"):
            NRF.quarter(2026, 5)
        with pytest.raises(PeriodError, match="12 periods"):
            NRF.month(2026, 0)


class TestPlans:
    @pytest.mark.parametrize("calendar", [NRF, SIX_WEEKS, Calendar(fiscal_year_start=4)])
    def test_a_plan_uses_any_calendar(self, calendar: AnyCalendar) -> None:
        """A plan reads its period with its own calendar, whichever kind it is."""
        label = calendar.periods(2026, calendar.units[0])[0].label
        assert label is not None
        plan = okrkit.plan("p", calendar=calendar).during(label)

        assert plan.period == calendar.period(label)
        assert pickle.loads(pickle.dumps(plan)) == plan

    def test_reprs_rebuild_the_values(self) -> None:
        """The repr of each calendar, and of a period only it names, builds them again."""
        namespace = {name: getattr(okrkit, name) for name in okrkit.__all__}
        namespace["datetime"] = dt
        values = [
            RetailCalendar(pattern="4-4-5", week53=3),
            SIX_WEEKS,
            NRF.month(2026, 5),
            SIX_WEEKS.cycle(3),
        ]
        for value in values:
            assert eval(repr(value), namespace) == value
        assert repr(NRF.month(2026, 5)).endswith("label='FY2026-P05')")

    def test_retail_section(self) -> None:
        """A retail section with every setting written out reads into that calendar."""
        text = (
            "okrkit: 1\nperiod: FY2026-P05\ncalendar:\n  kind: retail\n  pattern: 4-4-5\n"
            "  year_end_month: 1\n  week_ends_on: saturday\n  rule: nearest\n"
            "  named_by: start\n  week53: last\nobjectives: []\n"
        )
        plan = okrkit.loads(text)

        assert plan.calendar == RetailCalendar(pattern="4-4-5")
        assert plan.period == RetailCalendar(pattern="4-4-5").month(2026, 5)

    @pytest.mark.parametrize(
        ("section", "calendar"),
        [
            ("{kind: cycle, start: 2026-01-05, weeks: 6}", SIX_WEEKS),
            ("{kind: cycle, start: 2026-01-05, days: 10}", CycleCalendar(D(2026, 1, 5), days=10)),
            ("{fiscal_year_start: 4}", Calendar(fiscal_year_start=4)),
            (
                "{kind: gregorian, fiscal_year_named_by: start}",
                Calendar(fiscal_year_named_by="start"),
            ),
            (
                "{kind: retail, week53: 5, week_ends_on: domingo}",
                RetailCalendar(week53=5, week_ends_on="sunday"),
            ),
        ],
    )
    def test_sections(self, section: str, calendar: AnyCalendar) -> None:
        """Each kind of calendar section reads into its calendar and is written back the same."""
        plan = okrkit.loads(f"okrkit: 1\ncalendar: {section}\nobjectives: []\n")

        assert plan.calendar == calendar
        for fmt in ("yaml", "json", "toml"):
            assert okrkit.loads(okrkit.dumps(plan, format=fmt), format=fmt) == plan

    @pytest.mark.parametrize(
        ("section", "expected"),
        [
            ("{kind: lunar}", '3:18: kind: expected gregorian | retail | cycle, got "lunar"'),
            ("{kind: retail, pattern: 4-6-3}", "pattern: expected 4-4-5 | 4-5-4 | 5-4-4"),
            ("{kind: retail, week53: 14}", "week53: expected last or a period number from 1 to 12"),
            ("{kind: retail, week_ends_on: funday}", "week_ends_on: expected a weekday"),
            ("{kind: retail, rule: closest}", 'rule: expected nearest | last, got "closest"'),
            ("{kind: retail, named_by: middle}", "named_by: expected start | end"),
            ("{kind: retail, year_end_month: 0}", "year_end_month: expected a number from 1 to 12"),
            ("{pattern: 4-5-4}", "pattern: a setting of a retail calendar: add kind: retail"),
            (
                "{kind: retail, fiscal_year_start: 4}",
                "a setting of a gregorian calendar, not of a retail one",
            ),
            ("{kind: retail, patern: 4-5-4}", "did you mean 'pattern'?"),
            ("{kind: cycle, weeks: 6}", "required: start"),
            ("{kind: cycle, start: 2026-01-05}", "required: weeks or days"),
            ("{kind: cycle, start: 2026-01-05, weeks: 6, days: 3}", "weeks or days, not both"),
            ("{kind: cycle, start: 2026-02-30, weeks: 6}", "start: expected a date that exists"),
            ("{kind: cycle, start: 2026-01-05, weeks: 0}", "weeks: expected a number ≥ 1"),
            ("{kind: cycle, start: 2026-01-05, days: 2.5}", "days: expected a whole number ≥ 1"),
            ("[retail]", "calendar: expected a mapping like {fiscal_year_start: 4}"),
        ],
    )
    def test_bad_sections(self, section: str, expected: str) -> None:
        """Each bad setting is reported at its line and column, saying what was expected."""
        with pytest.raises(PlanFileError) as info:
            okrkit.loads(f"okrkit: 1\ntitle: p\ncalendar: {section}\n", name="plan.yaml")
        found = "\n".join(str(p) for p in info.value.problems)

        assert expected in found
        assert "plan.yaml:3:" in found

    def test_a_period_the_calendar_does_not_name(self) -> None:
        """A retail label in a cycle plan is refused at its place."""
        text = (
            "okrkit: 1\ncalendar: {kind: cycle, start: 2026-01-05, days: 7}\nperiod: FY2026-P05\n"
        )
        with pytest.raises(PlanFileError, match=r"plan\.yaml:3:9: period: expected a period"):
            okrkit.loads(text, name="plan.yaml")
