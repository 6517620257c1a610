"""Whether history bears out the links a plan states: does progress on a link's
``from`` lead progress on its ``to``?

The method, step by step (the reasons and the limits are in docs/history.md):

1. **Series.** Each link, in each plan of the history, gives two series of
   weekly changes of progress on one grid, each detrended (see
   :mod:`okrkit._history._weekly`): a *segment*.
2. **Matching.** A link recurs: in every quarter's plan, and in other teams'
   objectives under other ids. ``match="metric"`` (the default) pools the links
   whose ends measure the same things: a key result's ``metric``, else its id;
   an objective's id; compared without case or repeated spaces.
   ``match="id"`` pools only links between the same ``objective/kr`` ids.
3. **Lagged association.** For each lag L of 1 to ``max_lag`` weeks: the pooled
   within-segment correlation r of ``from``'s change in week t with ``to``'s in
   week t + L. Each segment's pairs are centred and scaled on their own (a
   team's size or a quarter's level says nothing about the link), then pooled,
   so r is the mean of the segments' correlations weighed by their pairs.
4. **Uncertainty.** Fisher's z with an effective sample size: n = (pairs − 2 ×
   segments) / f. Each segment's line spent two figures; f = 1 + 2 Σ ρ_from(k)
   ρ_to(k), k = 1…4, at least 1, is Bartlett's factor, ρ each series' own
   autocorrelation pooled over segments: check-ins a fortnight or a month apart,
   interpolated to weeks, make neighbouring weeks alike, and alike weeks carry
   less than their number says. The interval is tanh(atanh r ± q / √(n − 3)),
   q the normal quantile for ``level`` shared among the m lags tested
   (Bonferroni: each lag at 1 − (1 − level) / m).
5. **Verdict.** A lag is tested when it has at least ``min_pairs`` pairs from at
   least ``min_periods`` periods (and n > 3); with none, ``not_enough_data``.
   The lag reported is the one whose interval lies highest: ``supported`` when
   its lower end is above 0, else ``not_supported``, which means no evidence for
   the link, not evidence against it.

Nothing here is random: the same history always gives the same figures.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from statistics import NormalDist
from typing import Any

import attrs

from okrkit._escape import json_dumps
from okrkit._fields import json_indent, member, number, of_type, to_date, whole
from okrkit._history._calibration import history_plans
from okrkit._history._weekly import (
    MIN_CHANGES,
    WEEK,
    Weekly,
    detrended,
    grid,
    key_result_progress,
    objective_progress,
    on_grid,
    weekly,
)
from okrkit._model import Link, Plan
from okrkit._period_words import check_lang
from okrkit._policy import Policy
from okrkit._reading import current_reading
from okrkit._repr import fields_repr, value_repr
from okrkit._rules import Context, Place
from okrkit.exceptions import NotFoundError


__all__ = [
    "CausalityEvidence", "LagEstimate", "LinkEvidence", "Match", "Verdict", "evidence",
    "link_key",
]  # fmt: skip

BARTLETT_LAGS = 4
"""How many of the series' own autocorrelations Bartlett's factor sums (a month)."""

_SEGMENT_PAIRS = 3
"""A segment with fewer pairs at a lag has no correlation of its own there."""

_EDGE = 1 - 1e-12
"""A correlation of ±1 is read as this, so its Fisher z is finite."""


class Verdict(StrEnum):
    """What history says about a link."""

    SUPPORTED = "supported"
    NOT_SUPPORTED = "not_supported"
    NOT_ENOUGH_DATA = "not_enough_data"

    def __repr__(self) -> str:
        return value_repr(self)


class Match(StrEnum):
    """How the same link is recognised in other plans: by what its ends measure
    (``metric``) or by their ids (``id``)."""

    METRIC = "metric"
    ID = "id"

    def __repr__(self) -> str:
        return value_repr(self)


@attrs.frozen(repr=False)
class LagEstimate:
    """The association at one lag: the pooled correlation, its interval (at the
    level shared among the lags tested; ``None`` for a lag not tested), the pairs
    and periods behind it, and the effective sample size the interval used."""

    lag: int
    estimate: float | None
    interval: tuple[float, float] | None
    pairs: int
    periods: int
    effective: float

    def __repr__(self) -> str:
        return fields_repr(self, positional=("lag",))

    @property
    def tested(self) -> bool:
        """Whether the lag had enough data to be tested."""
        return self.interval is not None

    def to_dict(self) -> dict[str, Any]:
        return {"lag": self.lag, "estimate": self.estimate,
                "interval": None if self.interval is None else list(self.interval),
                "pairs": self.pairs, "periods": self.periods,
                "effective": self.effective}  # fmt: skip


@attrs.frozen(repr=False)
class LinkEvidence:
    """What the history says about one link, pooled over the plans and teams that
    state it.

    ``estimate`` and ``interval`` are the pooled correlation at ``lag`` (weeks from
    a change of ``from`` to the change of ``to``) and its interval; ``None`` with
    ``not_enough_data``. ``pairs`` counts the weekly changes paired at that lag
    (at lag 1 when none was tested), ``periods`` and ``teams`` the distinct
    periods and teams (objective owners) they came from, ``links`` the links
    pooled (one per plan and team); ``lags`` has every lag."""

    from_: str
    to: str
    verdict: Verdict
    estimate: float | None
    interval: tuple[float, float] | None
    lag: int | None
    pairs: int
    periods: int
    teams: int
    links: int
    lags: tuple[LagEstimate, ...] = ()
    key: tuple[str, str] = attrs.field(default=("", ""), repr=False, eq=False)
    """What the ends are matched by (see :class:`Match`)."""

    def __repr__(self) -> str:
        return fields_repr(self, positional=("from_", "to", "verdict"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.from_, "to": self.to, "verdict": self.verdict.value,
            "estimate": self.estimate,
            "interval": None if self.interval is None else list(self.interval),
            "lag": self.lag, "pairs": self.pairs, "periods": self.periods,
            "teams": self.teams, "links": self.links,
            "lags": [lag.to_dict() for lag in self.lags],
        }  # fmt: skip


@attrs.frozen(repr=False)
class CausalityEvidence:
    """The evidence for every link of a history, as of a date, in the order the
    links first appear; iterate over it for each :class:`LinkEvidence`."""

    as_of: dt.date
    match: Match
    min_pairs: int
    min_periods: int
    max_lag: int
    level: float
    links: tuple[LinkEvidence, ...]
    lang: str = "en"
    """The language of its views (text, Markdown)."""

    def __repr__(self) -> str:
        counts = dict.fromkeys(Verdict, 0)
        for found in self.links:
            counts[found.verdict] += 1
        said = ", ".join(f"{count} {verdict.value}" for verdict, count in counts.items())
        return f"<CausalityEvidence as of {self.as_of.isoformat()} by {self.match.value}: {said}>"

    def __iter__(self) -> Iterator[LinkEvidence]:
        return iter(self.links)

    def __len__(self) -> int:
        return len(self.links)

    def link(self, from_: str, to: str) -> LinkEvidence:
        """The evidence for the link from *from_* to *to*, named as in the results
        (case and repeated spaces aside); a
        :class:`~okrkit.exceptions.NotFoundError` when there is none."""
        name = "CausalityEvidence.link"
        wanted = (folded(of_type(f"{name}(from_)", from_, str, "a link's from")),
                  folded(of_type(f"{name}(to)", to, str, "a link's to")))  # fmt: skip
        for found in self.links:
            if found.key == wanted:
                return found
        raise NotFoundError(
            "CausalityEvidence.link(from_, to)", f"{from_} → {to}", "a link of the history"
        )

    def for_link(self, plan: Plan, link: Link) -> LinkEvidence | None:
        """The evidence for *link* of *plan* (a plan of the history or another one,
        matched the same way); ``None`` when its ends name nothing or the history
        never states it."""
        of_type("CausalityEvidence.for_link(plan)", plan, Plan, "a Plan")
        of_type("CausalityEvidence.for_link(link)", link, Link, "a Link")
        key = link_key(_context(plan), link, self.match)
        return next((found for found in self.links if found.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        """The evidence as ``okrkit evidence --format json`` writes it."""
        return {
            "as_of": self.as_of.isoformat(), "match": self.match.value,
            "min_pairs": self.min_pairs, "min_periods": self.min_periods,
            "max_lag": self.max_lag, "level": self.level,
            "links": [found.to_dict() for found in self.links],
        }  # fmt: skip

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as one JSON document (*indent*: None, or 0 to 8 spaces)."""
        return json_dumps(
            self.to_dict(), indent=json_indent("CausalityEvidence.to_json(indent)", indent)
        )

    def to_text(self) -> str:
        """The evidence as ``okrkit evidence`` prints it, in its language."""
        from okrkit._evidence_views import evidence_text  # noqa: PLC0415 - views sit outside

        return evidence_text(self)

    def to_markdown(self, *, level: int = 1) -> str:
        """The evidence as a Markdown section headed at *level* (1 to 6)."""
        from okrkit._evidence_views import evidence_markdown  # noqa: PLC0415

        depth = whole("CausalityEvidence.to_markdown(level)", level, minimum=1, maximum=6)
        return evidence_markdown(self, level=depth)


# --- the links of a plan -----------------------------------------------------------------------


def folded(name: str) -> str:
    """A name as links are matched by it: without case or repeated spaces."""
    return " ".join(name.casefold().split())


def _context(plan: Plan) -> Context:
    """A context for *plan*: its references resolve link ends as the rules do."""
    return Context(plan, policy=Policy(), as_of=None)


@attrs.frozen
class _Ends:
    """A link's two ends in a plan, and the names they are matched and shown by."""

    start: Place
    end: Place
    names: tuple[str, str]
    key: tuple[str, str]

    @classmethod
    def of(cls, ctx: Context, link: Link, match: Match) -> _Ends | None:
        refs = ctx.references()
        start, end = refs.find(link.from_), refs.find(link.to)
        if start is None or end is None or start == end:
            return None
        names = (_name(ctx, start, match), _name(ctx, end, match))
        return cls(start, end, names, (folded(names[0]), folded(names[1])))


def link_key(ctx: Context, link: Link, match: Match) -> tuple[str, str] | None:
    """What *link* of the plan *ctx* checks is matched by across plans (the
    :attr:`LinkEvidence.key` of its evidence); ``None`` when its ends name nothing."""
    ends = _Ends.of(ctx, link, match)
    return None if ends is None else ends.key


def _name(ctx: Context, place: Place, match: Match) -> str:
    assert place.objective is not None
    objective = ctx.plan.objectives[place.objective]
    if place.key_result is None:
        return end_name(objective.key, None, None, match)
    item = objective.key_results[place.key_result]
    reading = current_reading(item)
    metric = item.metric or (reading.metric if reading is not None else None)
    return end_name(objective.key, ctx.kr_key(place.objective, place.key_result), metric, match)


def end_name(objective: str, key_result: str | None, metric: str | None, match: Match) -> str:
    """What a link's end is shown and matched by: an objective's key; a key
    result's *metric* (``match="metric"``, when it names one), else its
    ``objective/kr`` path."""
    if key_result is None:
        return objective
    if match is Match.METRIC and metric:
        return metric.strip()
    return f"{objective}/{key_result}"


@attrs.frozen
class _Segment:
    """One link in one plan: its two series of detrended weekly changes."""

    changes: tuple[Weekly, Weekly]
    period: object
    team: str


def _values(
    ctx: Context, place: Place, other: Place, dates: list[dt.date], as_of: dt.date
) -> Weekly:
    """The progress of the key result or objective at *place* on *dates* (an
    objective without the key result at *other*)."""
    assert place.objective is not None
    plan = ctx.plan
    objective = plan.objectives[place.objective]
    if place.key_result is None:
        leave = other.key_result if other.objective == place.objective else None
        return objective_progress(
            plan, objective, as_of, dates, leave=-1 if leave is None else leave
        )
    item = objective.key_results[place.key_result]
    return on_grid(key_result_progress(plan, objective, item, as_of), dates)


def _dates(ctx: Context, ends: _Ends, as_of: dt.date) -> tuple[list[dt.date], object]:
    """The weekly grid of a link in a plan, and the period the segment counts
    for: the weeks of its ``from``'s period; without a period, weeks from the
    first check-in of either end's objective, and no period (the plan stands
    for one)."""
    plan = ctx.plan
    assert ends.start.objective is not None
    period = plan.period_of(plan.objectives[ends.start.objective])
    if period is not None:
        return grid(period.start, min(period.end, as_of)), period
    days = [
        checkin.date
        for place in (ends.start, ends.end)
        for item in plan.objectives[place.objective or 0].key_results
        for checkin in item.checkins
        if checkin.date <= as_of
    ]
    if not days:
        return [], None
    return grid(min(days) - dt.timedelta(days=WEEK - 1), max(days)), None


def _segment(ctx: Context, index: int, ends: _Ends, as_of: dt.date) -> _Segment:
    plan = ctx.plan
    dates, period = _dates(ctx, ends, as_of)
    changes = (
        detrended(weekly(_values(ctx, ends.start, ends.end, dates, as_of))),
        detrended(weekly(_values(ctx, ends.end, ends.start, dates, as_of))),
    )
    objective = plan.objectives[ends.start.objective or 0]
    return _Segment(changes, ("plan", index) if period is None else period,
                    objective.owner or objective.key)  # fmt: skip


@attrs.define
class _Group:
    names: tuple[str, str]
    key: tuple[str, str]
    links: int = 0
    segments: list[_Segment] = attrs.field(factory=list)


def _groups(plans: tuple[Plan, ...], as_of: dt.date, match: Match) -> list[_Group]:
    groups: dict[tuple[str, str], _Group] = {}
    for index, plan in enumerate(plans):
        if not plan.links:
            continue
        ctx = _context(plan)
        for link in plan.links:
            ends = _Ends.of(ctx, link, match)
            if ends is None:
                continue
            group = groups.setdefault(ends.key, _Group(ends.names, ends.key))
            group.links += 1
            group.segments.append(_segment(ctx, index, ends, as_of))
    return list(groups.values())


# --- the figures ----------------------------------------------------------------------------


def _scaled(pairs: list[tuple[float, float]]) -> list[tuple[float, float]] | None:
    """*pairs* centred and scaled so each side's squares sum to their count;
    ``None`` when too few, or when a side never moves."""
    count = len(pairs)
    if count < _SEGMENT_PAIRS:
        return None
    mean_x = math.fsum(x for x, _y in pairs) / count
    mean_y = math.fsum(y for _x, y in pairs) / count
    spread_x = math.sqrt(math.fsum((x - mean_x) ** 2 for x, _y in pairs) / count)
    spread_y = math.sqrt(math.fsum((y - mean_y) ** 2 for _x, y in pairs) / count)
    if not spread_x or not spread_y:
        return None
    return [((x - mean_x) / spread_x, (y - mean_y) / spread_y) for x, y in pairs]


def _lagged(segment: _Segment, lag: int) -> list[tuple[float, float]] | None:
    xs, ys = segment.changes
    pairs = [(x, y) for x, y in zip(xs, ys[lag:], strict=False) if x is not None and y is not None]
    return _scaled(pairs)


def _autocorrelation(series: Iterable[Weekly], lag: int) -> float:
    """The lag-*lag* autocorrelation of detrended series, pooled, beyond what
    detrending makes by itself.

    Taking a line away from white noise leaves residuals e that lean against each
    other: E[e_t e_s] = −σ² h_ts, h_ts = 1/n + (t − t̄)(s − t̄)/Σ(t − t̄)², the
    line's hat matrix. Fisher's z already pays for that (two figures a segment),
    so that expected part, with σ² estimated as Σe²/(n − 2), is added back."""
    above: list[float] = []
    below: list[float] = []
    for values in series:
        weeks = [week for week, value in enumerate(values) if value is not None]
        if len(weeks) < MIN_CHANGES:
            continue
        squares = math.fsum(values[week] ** 2 for week in weeks)  # type: ignore[operator]
        below.append(squares)
        mean = math.fsum(weeks) / len(weeks)
        spread = math.fsum((week - mean) ** 2 for week in weeks)
        variance = squares / (len(weeks) - 2)
        for week in weeks:
            after, later = values[week], values[week + lag] if week + lag < len(values) else None
            if after is None or later is None:
                continue
            lean = 1 / len(weeks) + (week - mean) * (week + lag - mean) / spread
            above.append(after * later + variance * lean)
    return autocorrelation_of(math.fsum(above), math.fsum(below))


def autocorrelation_of(above: float, below: float) -> float:
    """A pooled autocorrelation from its sums: Σ e_t e_(t+k) with the hat
    correction (*above*), over Σ e² (*below*); 0 when nothing moved."""
    return above / below if below > 0 else 0.0


def bartlett_of(autocorrelations: Iterable[tuple[float, float]]) -> float:
    """How many times fewer the independent pairs are than the pairs, at least 1,
    from each lag's autocorrelations of the two series (k = 1 to 4)."""
    return max(1.0, 1 + 2 * math.fsum(start * end for start, end in autocorrelations))


def _bartlett(segments: list[_Segment]) -> float:
    starts = [segment.changes[0] for segment in segments]
    ends = [segment.changes[1] for segment in segments]
    return bartlett_of(
        (_autocorrelation(starts, k), _autocorrelation(ends, k))
        for k in range(1, BARTLETT_LAGS + 1)
    )


@attrs.frozen
class Settings:
    """The evidence's arguments, each checked and named after its function."""

    min_pairs: int
    min_periods: int
    max_lag: int
    level: float
    match: Match

    @classmethod
    def checked(
        cls, name: str, min_pairs: object, min_periods: object, max_lag: object,
        level: object, match: object,
    ) -> Settings:  # fmt: skip
        return cls(
            whole(f"{name}(min_pairs)", min_pairs, minimum=4, maximum=10**9),
            whole(f"{name}(min_periods)", min_periods, minimum=1, maximum=10**6),
            whole(f"{name}(max_lag)", max_lag, minimum=1, maximum=26),
            number(f"{name}(level)", level, minimum=0.5, maximum=0.9999),
            member(f"{name}(match)", match, Match),
        )


@attrs.frozen
class LagTotals:
    """What one lag's figures need: Σ x·y over the pooled pairs (each segment's
    centred and scaled), how many pairs, from how many segments, and how many
    distinct periods and teams those came from. Objects and queries both reduce
    a link's segments to these."""

    lag: int
    products: float
    pairs: int
    segments: int
    periods: int
    teams: int


def _at_lag(segments: list[_Segment], lag: int) -> LagTotals:
    """The lag's pooled sums and counts."""
    pooled: list[tuple[float, float]] = []
    periods: set[object] = set()
    teams: set[str] = set()
    used = 0
    for segment in segments:
        pairs = _lagged(segment, lag)
        if pairs is None:
            continue
        pooled += pairs
        periods.add(segment.period)
        teams.add(segment.team)
        used += 1
    products = math.fsum(x * y for x, y in pooled)
    return LagTotals(lag, products, len(pooled), used, len(periods), len(teams))


def _judged(group: _Group, settings: Settings) -> LinkEvidence:
    factor = _bartlett(group.segments) if group.segments else 1.0
    totals = [_at_lag(group.segments, lag) for lag in range(1, settings.max_lag + 1)]
    return judged(group.names, group.key, group.links, totals, factor, settings)


def judged(
    names: tuple[str, str], key: tuple[str, str], links: int, totals: Sequence[LagTotals],
    factor: float, settings: Settings,
) -> LinkEvidence:  # fmt: skip
    """A link's evidence from each lag's totals and Bartlett's *factor*: the
    correlations, their intervals and the verdict."""
    found = [
        (
            LagEstimate(
                lag.lag, lag.products / lag.pairs if lag.pairs else None, None, lag.pairs,
                lag.periods, max(0.0, (lag.pairs - 2 * lag.segments) / factor),
            ),
            lag.teams,
        )
        for lag in totals
    ]  # fmt: skip
    testable = [
        index
        for index, (lag, _teams) in enumerate(found)
        if lag.estimate is not None and lag.pairs >= settings.min_pairs
        and lag.periods >= settings.min_periods and lag.effective > 3
    ]  # fmt: skip
    lags = [lag for lag, _teams in found]
    if testable:
        share = (1 - settings.level) / len(testable)
        quantile = NormalDist().inv_cdf(1 - share / 2)
        for index in testable:
            lag = lags[index]
            assert lag.estimate is not None
            centre = math.atanh(max(-_EDGE, min(_EDGE, lag.estimate)))
            half = quantile / math.sqrt(lag.effective - 3)
            interval = (math.tanh(centre - half), math.tanh(centre + half))
            lags[index] = attrs.evolve(lag, interval=interval)
    if not testable:
        first, teams = lags[0], found[0][1]
        return LinkEvidence(*names, Verdict.NOT_ENOUGH_DATA, None, None, None, first.pairs,
                            first.periods, teams, links, tuple(lags), key)  # fmt: skip
    best = max(testable, key=lambda index: (lags[index].interval or (0, 0))[0])
    chosen = lags[best]
    assert chosen.interval is not None
    verdict = Verdict.SUPPORTED if chosen.interval[0] > 0 else Verdict.NOT_SUPPORTED
    return LinkEvidence(*names, verdict, chosen.estimate, chosen.interval, chosen.lag,
                        chosen.pairs, chosen.periods, found[best][1], links,
                        tuple(lags), key)  # fmt: skip


def evidence(
    plans: Plan | Iterable[Plan],
    *,
    as_of: dt.date | str,
    match: Match | str = Match.METRIC,
    min_pairs: int = 30,
    min_periods: int = 2,
    max_lag: int = 4,
    level: float = 0.95,
    lang: str | None = None,
) -> CausalityEvidence:
    """Test each link of a history of *plans* (in order) against its check-ins: does
    progress on the link's ``from`` lead progress on its ``to``, weeks later?

    Args:
        as_of: The date "today" is (or ISO date text): later check-ins are not read.
        match: Pool the links whose ends measure the same ``metric`` (default),
            or only those between the same ``id``\\ s.
        min_pairs: A lag with fewer paired weekly changes is not tested.
        min_periods: Nor one whose pairs come from fewer periods.
        max_lag: The longest lead tested, in weeks (1 to 26).
        level: The confidence level of the intervals, shared among the lags tested.
        lang: ``en`` or ``es`` for the result's views; by default the first
            plan's ``lang``, else English.
    """
    history = history_plans("evidence(plans)", plans)
    day = to_date("evidence(as_of)", as_of)
    settings = Settings.checked("evidence", min_pairs, min_periods, max_lag, level, match)
    language = check_lang((history[0].lang if history else None) or "en" if lang is None else lang)
    found = tuple(_judged(group, settings) for group in _groups(history, day, settings.match))
    return CausalityEvidence(day, settings.match, settings.min_pairs, settings.min_periods,
                             settings.max_lag, settings.level, found, language)  # fmt: skip
