"""The simulated histories: deterministic, ordinary plans, and a truth that is true."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import pickle
import random
import re
import statistics
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
import okrkit.history
from okrkit._history._counts import at_least, binomial, poisson, poisson_at_least
from okrkit.exceptions import InvalidTypeError, InvalidValueError, NotFoundError
from okrkit.history import OwnerCalibration, simulate


SMALL = {"teams": 2, "quarters": 2}


# --- determinism -----------------------------------------------------------------------------


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**64 - 1),
    teams=st.integers(min_value=1, max_value=3),
    quarters=st.integers(min_value=1, max_value=2),
    lag=st.integers(min_value=0, max_value=6),
)
def test_the_same_keywords_give_the_same_history(
    seed: int, teams: int, quarters: int, lag: int
) -> None:
    first = simulate(teams=teams, quarters=quarters, lag=lag, seed=seed)
    again = simulate(teams=teams, quarters=quarters, lag=lag, seed=seed)

    assert first == again
    assert okrkit.dumps(first.plans[-1], format="json") == okrkit.dumps(
        again.plans[-1], format="json"
    )
    assert first.truth.to_dict() == again.truth.to_dict()


def test_another_seed_gives_another_history() -> None:
    assert simulate(seed=1, **SMALL).plans != simulate(seed=2, **SMALL).plans


def test_the_repr_rebuilds_the_simulation() -> None:
    made = simulate(teams=2, quarters=1, lag=3, conversion=0.2, seed=11)

    rebuilt = "okrkit.history.simulate(teams=2, quarters=1, lag=3, conversion=0.2, seed=11)"
    assert repr(made) == rebuilt
    assert eval(repr(made), {"okrkit": okrkit}) == made


def test_a_simulation_pickles() -> None:
    made = simulate(seed=3, **SMALL)

    assert pickle.loads(pickle.dumps(made)) == made


# --- ordinary plans -----------------------------------------------------------------------------


@settings(max_examples=10, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10**6),
    teams=st.integers(min_value=1, max_value=5),
    lag=st.integers(min_value=0, max_value=6),
    conversion=st.sampled_from([0.0, 0.05, 1.0]),
    background=st.sampled_from([0.0, 2.0]),
    stretch=st.sampled_from([0.0, 5.0]),
)
def test_every_plan_passes_the_checker_without_a_finding(
    seed: int, teams: int, lag: int, conversion: float, background: float, stretch: float
) -> None:
    """No error, and no warning or info either, before, during and after each quarter."""
    made = simulate(teams=teams, quarters=2, first_quarter="2025-Q4", lag=lag,
                    conversion=conversion, background=background, stretch=stretch,
                    seed=seed)  # fmt: skip
    for plan in made.plans:
        period = plan.period
        assert period is not None
        for day in (period.start, period.start + dt.timedelta(days=40), period.end,
                    period.end + dt.timedelta(days=30)):  # fmt: skip
            report = okrkit.check(plan, as_of=day)
            assert not list(report), (plan.title, day, report.to_text())


def test_the_plans_are_consecutive_quarters_with_weekly_check_ins() -> None:
    made = simulate(teams=3, quarters=5, first_quarter="2026-Q3", seed=5)

    assert [str(p.period) for p in made.plans] == [
        "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3",
    ]  # fmt: skip
    for plan in made.plans:
        assert plan.period is not None
        assert [o.owner for o in plan.objectives] == ["team-1", "team-2", "team-3"]
        for _objective, item in plan.iter_key_results():
            dates = [c.date for c in item.checkins]
            assert dates[0] == plan.period.start + dt.timedelta(days=6)
            assert dates[-1] == plan.period.end
            assert all(b - a == dt.timedelta(days=7) for a, b in itertools.pairwise(dates[:-1]))
            assert item.checkins[-1].confidence is None  # the window's end: nothing to foresee
            assert all(c.confidence is not None for c in item.checkins[:-1])
            values = [c.value.value for c in item.checkins]
            assert values == sorted(values)  # counts only grow
            assert item.owner is not None


def test_each_plan_links_activities_to_outcomes_with_a_reason() -> None:
    plan = simulate(seed=2, **SMALL).plans[0]

    natures = {item.id: item.nature for _o, item in plan.iter_key_results()}
    assert {(link.from_, link.to) for link in plan.links} == {
        ("team-1-calls", "team-1-revenue"), ("team-1-posts", "team-1-referrals"),
        ("team-2-calls", "team-2-revenue"), ("team-2-posts", "team-2-referrals"),
    }  # fmt: skip
    for link in plan.links:
        assert link.because
        assert natures[link.from_] is okrkit.Nature.ACTIVITY
        assert natures[link.to] is okrkit.Nature.OUTCOME


def test_a_plan_file_keeps_the_simulated_plan() -> None:
    for plan in simulate(seed=4, **SMALL).plans:
        for fmt in ("yaml", "json", "toml"):
            assert okrkit.loads(okrkit.dumps(plan, format=fmt), format=fmt) == plan


# --- the truth --------------------------------------------------------------------------------


def test_the_truth_names_one_causal_and_one_null_link_per_team() -> None:
    truth = simulate(lag=3, conversion=0.2, deal_size=1000, seed=1, **SMALL).truth

    causal = [link for link in truth.links if link.causal]
    null = [link for link in truth.links if not link.causal]
    assert [(link.from_, link.lag, link.slope) for link in causal] == [
        ("team-1-calls", 3, 200.0), ("team-2-calls", 3, 200.0),
    ]  # fmt: skip
    assert [link.from_ for link in null] == ["team-1-posts", "team-2-posts"]
    assert all(link.lag is None and link.slope is None for link in null)


def test_no_conversion_plants_no_causal_link() -> None:
    truth = simulate(conversion=0, seed=1, **SMALL).truth

    assert not any(link.causal for link in truth.links)


@pytest.mark.parametrize(("overconfident", "expected"), [(None, 2), (0, 0), (4, 4), (1, 1)])
def test_owners_are_over_confident_as_asked(overconfident: int | None, expected: int) -> None:
    truth = simulate(overconfident=overconfident, seed=9, **SMALL).truth

    bold = truth.owners_who_are("overconfident")
    assert len(bold) == expected
    assert len(truth.owners_who_are(OwnerCalibration.CALIBRATED)) == 4 - expected
    assert [o.name for o in truth.owners] == ["owner-1", "owner-2", "owner-3", "owner-4"]
    assert truth.owner("owner-3").team == "team-2"


def test_an_owner_the_truth_lacks_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        simulate(seed=1, **SMALL).truth.owner("owner-99")


def test_each_confidence_is_the_probability_or_more_as_the_owner_is() -> None:
    made = simulate(overconfidence=0.4, seed=8, **SMALL)
    truth = made.truth

    assert truth.confidences
    for planted in truth.confidences:
        owner = truth.owner(planted.owner)
        if owner.calibration is OwnerCalibration.CALIBRATED:
            assert planted.confidence == round(planted.probability, 2)
        else:
            bolder = planted.probability + 0.4 * (1 - planted.probability)
            assert planted.confidence == round(bolder, 2)


def test_the_truth_holds_every_stated_confidence_of_the_plans() -> None:
    made = simulate(seed=6, **SMALL)

    stated = sorted(
        (index, item.id, item.owner, c.date, c.confidence)
        for index, plan in enumerate(made.plans)
        for _o, item in plan.iter_key_results()
        for c in item.checkins
        if c.confidence is not None
    )
    planted = sorted(
        (c.plan, c.key_result, c.owner, c.date, c.confidence) for c in made.truth.confidences
    )
    assert stated == planted


def test_achieved_is_what_okrkit_scores_at_the_window_end() -> None:
    made = simulate(seed=12, teams=3, quarters=2)
    achieved = {(c.plan, c.key_result): c.achieved for c in made.truth.confidences}

    for index, plan in enumerate(made.plans):
        assert plan.period is not None
        card = okrkit.score(plan, as_of=plan.period.end)
        for objective in card:
            for item in objective.key_results:
                assert achieved[(index, item.id)] == (item.score >= 1.0)
    assert 0 < statistics.mean(achieved.values()) < 1  # targets are reached, and missed


@pytest.mark.parametrize(("trend", "seeds"), [(0.0, 40), (0.8, 20)])
def test_the_true_probability_is_a_probability_the_history_bears_out(
    trend: float, seeds: int
) -> None:
    """Over many histories, the first-week probabilities match how often the
    targets were reached (within four standard errors), with a common trend too."""
    gaps = []
    for seed in range(seeds):
        first: dict[tuple[int, str], float] = {}
        achieved: dict[tuple[int, str], bool] = {}
        made = simulate(seed=seed, teams=4, quarters=2, trend=trend)
        for planted in made.truth.confidences:
            first.setdefault((planted.plan, planted.key_result), planted.probability)
            achieved[(planted.plan, planted.key_result)] = planted.achieved
        gaps += [achieved[key] - chance for key, chance in first.items()]

    error = statistics.stdev(gaps) / math.sqrt(len(gaps))
    assert abs(statistics.mean(gaps)) < 4 * error


def _weekly_counts(plan: okrkit.Plan, key: str) -> list[float]:
    """A key result's count each week (its check-ins are running totals)."""
    values = [0.0] + [c.value.value for c in plan.key_result(key).checkins]
    return [after - before for before, after in itertools.pairwise(values)]


@pytest.mark.parametrize(("trend", "rising"), [(0.0, False), (0.6, True)])
def test_a_common_trend_makes_posts_and_referrals_rise_through_each_quarter(
    trend: float, rising: bool
) -> None:
    """The trend is a common cause: both ends of the null link rise week by week
    (the last four weeks against the first four, over many team-quarters), and
    the truth still says neither moves the other."""
    made = simulate(teams=10, quarters=4, trend=trend, seed=3)
    for kind in ("posts", "referrals"):
        rises = []
        for plan in made.plans:
            for team in range(1, 11):
                counts = _weekly_counts(plan, f"team-{team}-{kind}")[:13]
                rises.append(sum(counts[-4:]) - sum(counts[:4]))
        error = statistics.stdev(rises) / math.sqrt(len(rises))
        assert (statistics.mean(rises) > 4 * error) is rising, (kind, statistics.mean(rises))
    assert not any(link.causal for link in made.truth.links if link.from_.endswith("-posts"))


# --- the counts' arithmetic ------------------------------------------------------------------


def _poisson_pmf(count: int, mean: float) -> float:
    return math.exp(count * math.log(mean) - mean - math.lgamma(count + 1))


@pytest.mark.parametrize("mean", [0.3, 3.0, 20.0, 60.5, 400.0])
@pytest.mark.parametrize("needed", [1, 2, 5, 20, 70, 380, 420])
def test_the_poisson_tail_is_the_sum_of_its_terms(needed: int, mean: float) -> None:
    terms = math.fsum(_poisson_pmf(k, mean) for k in range(needed, needed + 4000))

    assert poisson_at_least(needed, mean) == pytest.approx(terms, rel=1e-9, abs=1e-15)


@pytest.mark.parametrize(
    ("needed", "trials", "chance", "mean"),
    [(10, 30, 0.2, 4.0), (3, 5, 0.5, 0.0), (50, 100, 0.3, 20.0), (1, 0, 0.1, 0.5),
     (400, 1000, 0.4, 3.0), (0, 4, 0.5, 1.0), (7, 6, 1.0, 1.5)],
)  # fmt: skip
def test_deals_from_known_calls_and_the_rest_add_up_exactly(
    needed: int, trials: int, chance: float, mean: float
) -> None:
    exact = math.fsum(
        math.comb(trials, k) * chance**k * (1 - chance) ** (trials - k)
        * poisson_at_least(needed - k, mean)
        for k in range(trials + 1)
    )  # fmt: skip

    assert at_least(needed, trials, chance, mean) == pytest.approx(exact, rel=1e-9, abs=1e-15)


def test_draws_have_the_mean_they_are_drawn_with() -> None:
    rng = random.Random(3)
    small = [poisson(rng, 3.5) for _ in range(20_000)]
    large = [poisson(rng, 1200.0) for _ in range(400)]  # drawn in pieces
    coins = [binomial(rng, 50, 0.2) for _ in range(4000)]

    assert statistics.mean(small) == pytest.approx(3.5, abs=4 * math.sqrt(3.5 / 20_000))
    assert statistics.mean(large) == pytest.approx(1200, abs=4 * math.sqrt(1200 / 400))
    assert statistics.mean(coins) == pytest.approx(10, abs=4 * math.sqrt(8 / 4000))
    assert poisson(rng, 0.0) == 0


# --- wrong keywords ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keywords", "error", "named"),
    [({"teams": 0}, InvalidValueError, "simulate(teams)"),
     ({"teams": 2.0}, InvalidTypeError, "simulate(teams)"),
     ({"quarters": 41}, InvalidValueError, "simulate(quarters)"),
     ({"first_quarter": "2026-Q5"}, InvalidValueError, "simulate(first_quarter)"),
     ({"first_quarter": 2026}, InvalidTypeError, "simulate(first_quarter)"),
     ({"lag": -1}, InvalidValueError, "simulate(lag)"),
     ({"conversion": 1.5}, InvalidValueError, "simulate(conversion)"),
     ({"calls": math.nan}, InvalidValueError, "simulate(calls)"),
     ({"overconfident": 9, "teams": 4}, InvalidValueError, "simulate(overconfident)"),
     ({"trend": 0.95}, InvalidValueError, "simulate(trend)"),
     ({"trend": "0.5"}, InvalidTypeError, "simulate(trend)"),
     ({"seed": "7"}, InvalidTypeError, "simulate(seed)"),
     ({"seed": -1}, InvalidValueError, "simulate(seed)"),
     ({"seed": 2**64}, InvalidValueError, "simulate(seed)"),
     ({"seed": True}, InvalidTypeError, "simulate(seed)")],
)  # fmt: skip
def test_a_wrong_keyword_is_refused_by_name(
    keywords: dict[str, object], error: type[Exception], named: str
) -> None:
    with pytest.raises(error, match=re.escape(named)):
        simulate(**keywords)  # type: ignore[arg-type]


def test_the_example_history_is_what_the_simulation_makes() -> None:
    """examples/history/ holds simulate(teams=2, quarters=4, seed=1), one file a quarter."""
    folder = Path(__file__).parent.parent / "examples" / "history"
    made = simulate(teams=2, quarters=4, seed=1)

    files = sorted(folder.glob("*.yaml"))
    assert [path.name for path in files] == [f"sales-{p.period}.yaml" for p in made.plans]
    assert [okrkit.load(path) for path in files] == list(made.plans)
