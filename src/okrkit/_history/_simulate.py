"""Simulated histories with planted truth: plans whose causes and owners are known.

The model (every figure a keyword of :func:`simulate`):

- Each of ``teams`` teams (``team-1``…) has one objective per quarter, owned by
  the team, with four key results, each a count that starts at 0 every quarter:
  ``team-1-calls`` and ``team-1-posts`` (activities), ``team-1-revenue`` and
  ``team-1-referrals`` (outcomes). Two people own
  them: one the activities, one the outcomes.
- A quarter is cut into weeks from its first day (the last one shorter). In a
  week of *d* days a team makes Poisson(λ·d/7) calls, λ being ``calls`` times a
  factor drawn for that team and quarter, uniform in 1 ± ``spread``; posts and
  referrals come the same way, each with its own rate and factor.
- **The planted causal link**: each call becomes a deal ``lag`` weeks later with
  chance ``conversion`` (binomial), and Poisson(``background``·d/7) deals come
  from nothing the team did. Revenue is deals times ``deal_size`` USD. Calls go
  on across quarters, so the first weeks of a quarter close the calls of the
  last weeks of the one before.
- **The null link**: referrals arrive independently of posts, though the plan
  links posts to referrals, ``because`` of a stated reason, as it links calls to
  revenue.
- **A common trend** (``trend``, none by default): every rate of every team in
  week *w* of a quarter of *n* weeks is multiplied by 1 + ``trend``·(2*w*/(*n* − 1)
  − 1), rising from 1 − ``trend`` to 1 + ``trend`` (an end-of-quarter push). It
  is a common cause: posts and referrals then both rise through each quarter,
  week by week, though neither moves the other, which is the trap a test of a
  link must not fall into.
- **Targets** are set at the start of each quarter ``z`` standard deviations
  above the expected total, ``z`` uniform in ±``stretch``, so some are reached
  and some are not.
- **Confidence**: every weekly check-in but the last (the value at the window's
  end, when nothing is left to foresee) states the owner's confidence. The
  *true probability* is the exact chance, under this model, that the key result
  reaches its target by the end of the quarter, given everything seen so far
  (the team's counts to date and its rates). A well-calibrated owner states it;
  an over-confident one states p + ``overconfidence``·(1 − p), closing that
  share of the gap to certainty. Both say it in whole percent.

Every draw comes from one :class:`random.Random` seeded with ``seed``, in a
fixed order, so the same keywords give the same history.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import attrs

from okrkit._amount import Amount
from okrkit._fields import checked, finite, member, of_type, whole
from okrkit._history._counts import at_least, binomial, poisson, poisson_at_least
from okrkit._model import CheckIn, Direction, KeyResult, Link, Nature, Objective, Plan
from okrkit._period import Calendar, Period
from okrkit._repr import fields_repr, value_repr
from okrkit.exceptions import InvalidTypeError, InvalidValueError, NotFoundError


__all__ = [
    "OwnerCalibration",
    "PlantedConfidence",
    "PlantedLink",
    "PlantedOwner",
    "PlantedTruth",
    "Simulation",
    "SimulationSettings",
    "simulate",
]

WEEK = 7


class OwnerCalibration(StrEnum):
    """How an owner's stated confidence relates to the true probability."""

    CALIBRATED = "calibrated"
    OVERCONFIDENT = "overconfident"

    def __repr__(self) -> str:
        return value_repr(self)


# --- the settings ----------------------------------------------------------------------------


def _count(maximum: int, minimum: int = 1) -> Callable[[str], Callable[[object], int]]:
    """A converter factory for a whole-number setting from *minimum* to *maximum*."""

    def factory(name: str) -> Callable[[object], int]:
        return functools.partial(whole, name, minimum=minimum, maximum=maximum)

    return factory


def _figure(maximum: float, minimum: float = 0) -> Callable[[str], Callable[[object], float]]:
    """A converter factory for a number setting from *minimum* to *maximum*."""
    return functools.partial(finite, minimum=minimum, maximum=maximum)


_NAMED = "simulate({field})"
"""How errors name a setting: as the keyword of :func:`simulate`."""


_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def _first_quarter(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError("simulate(first_quarter)", value, 'a quarter like "2026-Q1"')
    if not _QUARTER.fullmatch(value.strip()):
        raise InvalidValueError("simulate(first_quarter)", value, 'a quarter like "2026-Q1"')
    return value.strip()


MAX_SEED = 2**64 - 1
"""Seeds run from 0 to this: ``random.Random`` reads -1 as 1, and a seed of
thousands of digits would have no repr."""


def _overconfident(value: object) -> int | None:
    return (
        None if value is None else whole("simulate(overconfident)", value, minimum=0, maximum=200)
    )


@attrs.frozen(repr=False, kw_only=True)
class SimulationSettings:
    """The keywords of :func:`simulate`, checked. Each is bounded: a team's quarter
    takes a few milliseconds at the defaults and about a second at the largest
    rates (1,000 calls, posts and referrals a week, a lag of 6 weeks)."""

    teams: int = checked(_count(100), default=4, label=_NAMED)
    quarters: int = checked(_count(40), default=4, label=_NAMED)
    first_quarter: str = attrs.field(default="2026-Q1", converter=_first_quarter)
    lag: int = checked(_count(6, minimum=0), default=2, label=_NAMED)
    """Weeks from a call to the deal it may bring."""
    conversion: float = checked(_figure(1), default=0.1, label=_NAMED)
    """The chance a call becomes a deal: the planted effect (0 plants none)."""
    background: float = checked(_figure(1000), default=1.0, label=_NAMED)
    """Deals a week that come from no call: noise on the causal link."""
    calls: float = checked(_figure(1000), default=40.0, label=_NAMED)
    """Mean calls a week."""
    posts: float = checked(_figure(1000), default=5.0, label=_NAMED)
    """Mean posts a week."""
    referrals: float = checked(_figure(1000), default=3.0, label=_NAMED)
    """Mean referrals a week, whatever the posts."""
    deal_size: float = checked(_figure(1e9, minimum=1), default=5000.0, label=_NAMED)
    """USD a deal brings."""
    spread: float = checked(_figure(0.9), default=0.25, label=_NAMED)
    """Each team-quarter's rates are the means times a factor in 1 ± spread."""
    stretch: float = checked(_figure(5), default=1.5, label=_NAMED)
    """Targets lie up to this many standard deviations from the expected total."""
    overconfident: int | None = attrs.field(default=None, converter=_overconfident)
    """How many owners are over-confident (drawn at random); half of them, rounded
    down, by default."""
    overconfidence: float = checked(_figure(1), default=0.5, label=_NAMED)
    """The share of the gap to certainty an over-confident owner adds."""
    trend: float = checked(_figure(0.9), default=0.0, label=_NAMED)
    """A push every rate shares: from 1 − trend times the rate in a quarter's first
    week to 1 + trend times it in its last (0: none)."""
    seed: int = checked(_count(MAX_SEED, minimum=0), default=0, label=_NAMED)

    def __attrs_post_init__(self) -> None:
        if self.overconfident is not None and self.overconfident > 2 * self.teams:
            raise InvalidValueError(
                "simulate(overconfident)",
                self.overconfident,
                f"at most the number of owners, 2 per team: {2 * self.teams}",
            )

    def __repr__(self) -> str:
        return fields_repr(self)

    @property
    def overconfident_count(self) -> int:
        """How many owners are over-confident."""
        return self.teams if self.overconfident is None else self.overconfident


# --- the truth ---------------------------------------------------------------------------------


@attrs.frozen(repr=False)
class PlantedLink:
    """A link every quarter's plan states, and whether the model made it causal.

    For the causal link, ``lag`` is the weeks from an activity's change to the
    outcome's, and ``slope`` the expected change of the outcome per unit of the
    activity (USD of revenue per call); both are ``None`` for a null link."""

    from_: str
    to: str
    causal: bool
    lag: int | None = None
    slope: float | None = None

    def __repr__(self) -> str:
        return fields_repr(self, positional=("from_", "to", "causal"))

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.from_, "to": self.to, "causal": self.causal, "lag": self.lag,
                "slope": self.slope}  # fmt: skip


@attrs.frozen(repr=False)
class PlantedOwner:
    """An owner of key results, and how their confidence was made."""

    name: str
    team: str
    calibration: OwnerCalibration
    overconfidence: float = 0.0

    def __repr__(self) -> str:
        return fields_repr(self, positional=("name", "team", "calibration"))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "team": self.team, "calibration": self.calibration.value,
                "overconfidence": self.overconfidence}  # fmt: skip


@attrs.frozen(repr=False)
class PlantedConfidence:
    """One check-in's stated confidence and the true probability behind it.

    ``plan`` is the plan's index in :attr:`Simulation.plans`, ``key_result`` the
    key result's id (``team-1-calls``); ``achieved`` says whether the key result reached its
    target at the end of that quarter."""

    plan: int
    key_result: str
    owner: str
    date: dt.date
    confidence: float
    probability: float
    achieved: bool

    def __repr__(self) -> str:
        return fields_repr(self)

    def to_dict(self) -> dict[str, Any]:
        return {"plan": self.plan, "key_result": self.key_result, "owner": self.owner,
                "date": self.date.isoformat(), "confidence": self.confidence,
                "probability": self.probability, "achieved": self.achieved}  # fmt: skip


@attrs.frozen(repr=False)
class PlantedTruth:
    """What the methods should recover: the links, the owners, each confidence."""

    links: tuple[PlantedLink, ...]
    owners: tuple[PlantedOwner, ...]
    confidences: tuple[PlantedConfidence, ...]

    def __repr__(self) -> str:
        return (
            f"<PlantedTruth: {len(self.links)} links, {len(self.owners)} owners, "
            f"{len(self.confidences)} confidences>"
        )

    def owner(self, name: str) -> PlantedOwner:
        """The owner named *name*; a :class:`~okrkit.exceptions.NotFoundError` when none is."""
        of_type("PlantedTruth.owner(name)", name, str, "an owner's name")
        for found in self.owners:
            if found.name == name:
                return found
        raise NotFoundError("PlantedTruth.owner(name)", name, "the name of a simulated owner")

    def owners_who_are(self, calibration: OwnerCalibration | str) -> tuple[str, ...]:
        """The names of the owners calibrated this way."""
        wanted = member("PlantedTruth.owners_who_are(calibration)", calibration, OwnerCalibration)
        return tuple(o.name for o in self.owners if o.calibration is wanted)

    def to_dict(self) -> dict[str, Any]:
        return {
            "links": [link.to_dict() for link in self.links],
            "owners": [owner.to_dict() for owner in self.owners],
            "confidences": [c.to_dict() for c in self.confidences],
        }


@attrs.frozen(repr=False)
class Simulation:
    """A simulated history: one plan per quarter, in order, and the truth planted in it."""

    settings: SimulationSettings
    plans: tuple[Plan, ...]
    truth: PlantedTruth

    def __repr__(self) -> str:
        inner = fields_repr(self.settings).removeprefix("SimulationSettings(")
        return f"okrkit.history.simulate({inner}"


# --- the model -----------------------------------------------------------------------------------


def _weeks(period: Period) -> list[tuple[dt.date, int]]:
    """The end day and length of each week of *period*, from its first day; the
    last week ends with the period."""
    out = []
    day = period.start
    while day <= period.end:
        end = min(day + dt.timedelta(days=WEEK - 1), period.end)
        out.append((end, (end - day).days + 1))
        day = end + dt.timedelta(days=1)
    return out


def _periods(first: str, count: int) -> list[Period]:
    found = _QUARTER.fullmatch(first)
    assert found is not None
    year, quarter = int(found.group(1)), int(found.group(2)) - 1
    calendar = Calendar()
    out = []
    for index in range(quarter, quarter + count):
        out.append(calendar.period(f"{year + index // 4}-Q{index % 4 + 1}"))
    return out


@attrs.define
class _Series:
    """A count over one quarter: its weekly increments, target and chances."""

    target: int
    rates: list[float]  # the mean of each week's count
    counts: list[int] = attrs.field(factory=list)

    def chance(self, week: int) -> float:
        """P(reaching the target) after *week* (0-based) is seen."""
        return poisson_at_least(self.target - sum(self.counts[: week + 1]),
                                math.fsum(self.rates[week + 1:]))  # fmt: skip


@attrs.define
class _Deals:
    """Deals over one quarter: they come from the calls ``lag`` weeks before."""

    target: int
    calls: list[int]  # every call of the team so far, across quarters
    first: int  # the index in *calls* of this quarter's first week
    call_rates: list[float]
    noise: list[float]
    conversion: float
    lag: int
    counts: list[int] = attrs.field(factory=list)

    def remaining(self, week: int) -> tuple[int, float]:
        """After *week* (0-based; -1 before the quarter): the known calls whose
        deals are still to come this quarter, and the mean of the other deals."""
        last = len(self.call_rates) - self.lag  # calls from this week on close next quarter
        seen = self.first + min(week + 1, last)
        known = sum(self.calls[self.first + week + 1 - self.lag : seen])
        unknown = math.fsum(self.call_rates[week + 1 : max(week + 1, last)])
        return known, unknown * self.conversion + math.fsum(self.noise[week + 1 :])

    def chance(self, week: int) -> float:
        known, mean = self.remaining(week)
        needed = self.target - sum(self.counts[: week + 1])
        return at_least(needed, known, self.conversion, mean)


def _push(trend: float, weeks: int) -> list[float]:
    """What the common trend multiplies each week's rates by."""
    if weeks < 2:
        return [1.0] * weeks
    return [1 + trend * (2 * week / (weeks - 1) - 1) for week in range(weeks)]


def _target(rng: random.Random, mean: float, variance: float, stretch: float) -> int:
    return max(1, round(mean + rng.uniform(-stretch, stretch) * math.sqrt(variance)))


def _stated(probability: float, overconfidence: float) -> float:
    """What an owner says: the probability, or more, in whole percent."""
    return round(probability + overconfidence * (1 - probability), 2)


@attrs.frozen
class _Team:
    name: str
    activities: PlantedOwner
    outcomes: PlantedOwner


def _people(settings: SimulationSettings, rng: random.Random) -> list[_Team]:
    people = 2 * settings.teams
    bold = set(rng.sample(range(people), settings.overconfident_count))
    owners = [
        PlantedOwner(
            f"owner-{index + 1}",
            f"team-{index // 2 + 1}",
            OwnerCalibration.OVERCONFIDENT if index in bold else OwnerCalibration.CALIBRATED,
            settings.overconfidence if index in bold else 0.0,
        )
        for index in range(people)
    ]
    return [
        _Team(f"team-{number + 1}", owners[2 * number], owners[2 * number + 1])
        for number in range(settings.teams)
    ]


_KEY_RESULTS = (
    ("calls", "sales calls", "call", Nature.ACTIVITY),
    ("revenue", "revenue", "USD", Nature.OUTCOME),
    ("posts", "social media posts", "post", Nature.ACTIVITY),
    ("referrals", "referrals", "referral", Nature.OUTCOME),
)
_BECAUSE = {
    "calls": "calls open conversations that close as deals some weeks later",
    "posts": "posts keep us in customers' minds, so they refer others to us",
}


def _quarter_of(
    settings: SimulationSettings,
    rng: random.Random,
    weeks: list[tuple[dt.date, int]],
    calls: list[int],
) -> tuple[_Series, _Deals, _Series, _Series]:
    """Draw one team's quarter: its rates, targets and weekly counts. *calls*
    holds the team's calls so far and gets this quarter's."""
    spread, stretch = settings.spread, settings.stretch
    factors = [rng.uniform(1 - spread, 1 + spread) for _ in range(3)]
    push = _push(settings.trend, len(weeks))
    days = [length for _end, length in weeks]
    call_rates, post_rates, referral_rates = (
        [mean * factor * length / WEEK * more for length, more in zip(days, push, strict=True)]
        for mean, factor in zip((settings.calls, settings.posts, settings.referrals), factors,
                                strict=True)
    )  # fmt: skip
    noise = [settings.background * length / WEEK * more
             for length, more in zip(days, push, strict=True)]  # fmt: skip
    total_calls = math.fsum(call_rates)
    call_series = _Series(_target(rng, total_calls, total_calls, stretch), call_rates)
    deals = _Deals(0, calls, len(calls), call_rates, noise, settings.conversion, settings.lag)
    known, mean = deals.remaining(-1)
    chance = settings.conversion
    deals.target = _target(rng, known * chance + mean, known * chance * (1 - chance) + mean,
                           stretch)  # fmt: skip
    posts = _Series(_target(rng, math.fsum(post_rates), math.fsum(post_rates), stretch),
                    post_rates)  # fmt: skip
    referrals = _Series(
        _target(rng, math.fsum(referral_rates), math.fsum(referral_rates), stretch),
        referral_rates,
    )
    for week in range(len(weeks)):
        calls.append(poisson(rng, call_rates[week]))
        call_series.counts.append(calls[-1])
        converted = calls[len(calls) - 1 - settings.lag]
        deals.counts.append(binomial(rng, converted, chance) + poisson(rng, noise[week]))
        posts.counts.append(poisson(rng, post_rates[week]))
        referrals.counts.append(poisson(rng, referral_rates[week]))
    return call_series, deals, posts, referrals


def _key_result(
    key: str,
    series: _Series | _Deals,
    weeks: list[tuple[dt.date, int]],
    owner: PlantedOwner,
    scale: float,
    unit: str,
    metric: str,
    nature: Nature,
    made: list[PlantedConfidence],
    plan: int,
) -> KeyResult:
    achieved = sum(series.counts) >= series.target
    checkins = []
    total = 0
    for week, (day, _days) in enumerate(weeks):
        total += series.counts[week]
        confidence = None
        if week < len(weeks) - 1:
            probability = series.chance(week)
            confidence = _stated(probability, owner.overconfidence)
            made.append(PlantedConfidence(plan, key, owner.name, day, confidence,
                                          probability, achieved))  # fmt: skip
        checkins.append(CheckIn(day, Amount(total * scale, unit), confidence=confidence))
    return KeyResult(
        id=key, metric=metric, direction=Direction.INCREASE,
        target=Amount(series.target * scale, unit), nature=nature, owner=owner.name,
        checkins=tuple(checkins),
    )  # fmt: skip


def _history(settings: SimulationSettings) -> tuple[tuple[Plan, ...], PlantedTruth]:
    """Draw every team's quarters, then gather them into one plan per quarter."""
    rng = random.Random(settings.seed)
    teams = _people(settings, rng)
    periods = _periods(settings.first_quarter, settings.quarters)
    objectives: list[list[Objective]] = [[] for _ in periods]
    confidences: list[PlantedConfidence] = []
    for team in teams:
        first_rate = settings.calls * rng.uniform(1 - settings.spread, 1 + settings.spread)
        calls = [poisson(rng, first_rate) for _ in range(settings.lag)]  # before the history
        for index, period in enumerate(periods):
            weeks = _weeks(period)
            drawn: tuple[_Series | _Deals, ...] = _quarter_of(settings, rng, weeks, calls)
            items = []
            for series, (key, metric, unit, nature) in zip(drawn, _KEY_RESULTS, strict=True):
                owner = team.activities if nature is Nature.ACTIVITY else team.outcomes
                scale = settings.deal_size if key == "revenue" else 1.0
                items.append(_key_result(f"{team.name}-{key}", series, weeks, owner, scale, unit,
                                         metric, nature, confidences, index))  # fmt: skip
            title = "Win more customers in our region"
            objectives[index].append(
                Objective(title, id=team.name, owner=team.name, key_results=tuple(items))
            )
    links = [
        Link(f"{team.name}-{source}", f"{team.name}-{target}", because=_BECAUSE[source])
        for team in teams
        for source, target in (("calls", "revenue"), ("posts", "referrals"))
    ]
    plans = tuple(
        Plan(f"Sales {period.label}", period=period, objectives=tuple(made), links=tuple(links),
             cadence="weekly", lang="en")
        for period, made in zip(periods, objectives, strict=True)
    )  # fmt: skip
    planted = []
    for link in links:
        causal = settings.conversion > 0 and link.from_.endswith("-calls")
        planted.append(
            PlantedLink(link.from_, link.to, True, settings.lag,
                        settings.conversion * settings.deal_size)
            if causal else PlantedLink(link.from_, link.to, False)
        )  # fmt: skip
    owners = [owner for team in teams for owner in (team.activities, team.outcomes)]
    return plans, PlantedTruth(tuple(planted), tuple(owners), tuple(confidences))


def simulate(
    *,
    teams: int = 4,
    quarters: int = 4,
    first_quarter: str = "2026-Q1",
    lag: int = 2,
    conversion: float = 0.1,
    background: float = 1.0,
    calls: float = 40.0,
    posts: float = 5.0,
    referrals: float = 3.0,
    deal_size: float = 5000.0,
    spread: float = 0.25,
    stretch: float = 1.5,
    overconfident: int | None = None,
    overconfidence: float = 0.5,
    trend: float = 0.0,
    seed: int = 0,
) -> Simulation:
    """A history of *quarters* plans of *teams* teams, with weekly check-ins and
    confidences, made by the model the module describes, and the truth planted in
    it. The same keywords (and *seed*) always give the same simulation."""
    settings = SimulationSettings(
        teams=teams, quarters=quarters, first_quarter=first_quarter, lag=lag,
        conversion=conversion, background=background, calls=calls, posts=posts,
        referrals=referrals, deal_size=deal_size, spread=spread, stretch=stretch,
        overconfident=overconfident, overconfidence=overconfidence, trend=trend, seed=seed,
    )  # fmt: skip
    return Simulation(settings, *_history(settings))
