"""okrkit.strategies: what they promise downstream projects, checked by drawing."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import okrkit
from okrkit import Direction, Nature, Severity
from okrkit import strategies as okst


SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestPlans:
    @SLOW
    @given(okst.plans())
    def test_default_plans_pass_the_checker(self, plan: okrkit.Plan) -> None:
        """With the defaults, the checker has no error or warning to give."""
        found = [f for f in okrkit.check(plan) if f.severity is not Severity.INFO]

        assert found == []

    @SLOW
    @given(okst.plans(max_objectives=3))
    def test_plans_survive_every_format(self, plan: okrkit.Plan) -> None:
        for fmt in ("yaml", "json", "toml"):
            assert okrkit.loads(okrkit.dumps(plan, format=fmt), format=fmt) == plan

    @SLOW
    @given(okst.plans(min_objectives=2, max_objectives=2, min_key_results=4, max_key_results=4))
    def test_sizes(self, plan: okrkit.Plan) -> None:
        assert len(plan.objectives) == 2
        assert all(len(o.key_results) == 4 for o in plan.objectives)

    @SLOW
    @given(okst.plans(languages=["es"], directions=["decrease"], links=False, aligned=False))
    def test_language_and_direction(self, plan: okrkit.Plan) -> None:
        """One language throughout; every outcome in the direction asked; no links."""
        assert plan.lang == "es"
        assert plan.links == ()
        assert all(o.parent is None for o in plan.objectives)
        for _objective, item in plan.iter_key_results():
            assert item.reading is not None
            assert item.reading.lang == "es"
            if item.nature is Nature.OUTCOME:
                assert item.direction is Direction.DECREASE

    @SLOW
    @given(okst.plans(), st.data())
    def test_scores_lie_in_bounds(self, plan: okrkit.Plan, data: st.DataObject) -> None:
        """Scored on any day of the period, every score lies in 0..1."""
        assert plan.period is not None
        day = data.draw(st.dates(plan.period.start, plan.period.end))
        card = okrkit.score(plan, as_of=day)

        assert 0.0 <= card.score <= 1.0
        assert all(0.0 <= k.score <= 1.0 for o in card for k in o.key_results)


class TestParts:
    @SLOW
    @given(okst.key_results(directions=["at_most"], activities=False))
    def test_key_results(self, item: okrkit.KeyResult) -> None:
        assert item.direction is Direction.AT_MOST
        assert item.target is not None
        assert item.baseline is not None
        assert item.target.value < item.baseline.value

    @SLOW
    @given(okst.objectives(min_key_results=1, max_key_results=2))
    def test_objectives(self, objective: okrkit.Objective) -> None:
        assert objective.period is not None
        assert 1 <= len(objective.key_results) <= 2
        assert objective.key_results[0].nature is Nature.OUTCOME
        assert not any(ch.isdigit() for ch in objective.title)

    @given(okst.periods(kinds=["month"]))
    def test_periods(self, period: okrkit.Period) -> None:
        assert period.start.day == 1
        assert period.start.month == period.end.month

    @given(st.data())
    def test_checkins_stay_in_their_window(self, data: st.DataObject) -> None:
        window = okrkit.Calendar().quarter(2026, 2)
        checkin = data.draw(okst.checkins(within=window, unit="call", low=5, high=9))

        assert window.start <= checkin.date <= window.end
        assert 5 <= checkin.value.value <= 9
        assert checkin.value.unit == "call"

    @given(okst.amounts(units=["USD"]))
    def test_amounts(self, amount: okrkit.Amount) -> None:
        assert amount.unit == "USD"


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (lambda: okst.plans(languages=["fr"]), "languages"),
        (lambda: okst.plans(directions=["sideways"]), "directions"),
        (lambda: okst.plans(min_objectives=3, max_objectives=2), "min_objectives/max_objectives"),
        (lambda: okst.periods(kinds=["week"]), "kinds"),
        (lambda: okst.checkins(low=5, high=1), "low/high"),
    ],
)
def test_wrong_arguments_are_named_at_once(make, named: str) -> None:
    """A wrong argument raises when the strategy is made, naming it."""
    with pytest.raises(okrkit.InvalidValueError, match=named):
        make()


def test_importing_hypothesis_loads_neither_the_model_nor_the_strategies() -> None:
    """The plugin hook waits for the first public name; strategies load on first use."""
    code = (
        "import sys, hypothesis\n"
        "assert 'okrkit._model' not in sys.modules, 'model loaded'\n"
        "assert 'okrkit.strategies' not in sys.modules, 'strategies loaded'\n"
        "from hypothesis import strategies as st\n"
        "import okrkit\n"
        "assert isinstance(st.from_type(okrkit.Plan).example(), okrkit.Plan)\n"
        "assert 'okrkit.strategies' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_types_loaded_before_hypothesis_are_registered_at_once() -> None:
    """A program that used okrkit before importing Hypothesis still gets its strategies."""
    code = (
        "import okrkit\n"
        "amount_type = okrkit.Amount\n"
        "from hypothesis import strategies as st\n"
        "assert isinstance(st.from_type(okrkit.KeyResult).example(), okrkit.KeyResult)\n"
        "assert isinstance(st.from_type(amount_type).example(), amount_type)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@settings(max_examples=20, deadline=None)
@given(okst.plans(min_objectives=1, max_objectives=1, min_key_results=0, max_key_results=0))
def test_objectives_may_have_no_key_results(plan: okrkit.Plan) -> None:
    """The smallest sizes asked for are drawn, links and all, not an error."""
    assert plan.objectives[0].key_results == ()
