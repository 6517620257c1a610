"""Scoring: progress, score, pacing and status, as the scoring contract states.

Per key result (s baseline, t target, a the latest check-in at or before as-of,
all in the key result's unit after :mod:`okrkit._resolve`):

==========  ====================================================================
increase    (a − s) / (t − s), with s = 0 when there is no baseline
decrease    (s − a) / (s − t); with no baseline, s is the first check-in
at_least    1 if a ≥ t else 0 (a > t when the key result is strict)
at_most     1 if a ≤ t else 0 (a < t when strict)
achieve     1 if done else 0
==========  ====================================================================

No check-in yet: progress 0. ``score = clamp(progress, 0, 1)``; the raw progress
is kept so over-achievement shows. A rate (``per``) is scored like any key result,
``a`` being the latest period's value. For a population share (``share``), a
check-in in percent is the measured share: a bound holds (progress 1) when the
measured share is at least the share asked, and a check-in in the key result's
own unit is the value at that share (the 90th-percentile response time, say),
compared with the bound as usual. Arithmetic is on plain floats.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from enum import StrEnum
from typing import Any

import attrs

from okrkit._amount import Amount
from okrkit._cadence import Cadence
from okrkit._model import Commitment, Direction, KeyResult, Objective, Plan
from okrkit._policy import Policy, Thresholds
from okrkit._repr import fields_repr, value_repr
from okrkit._resolve import Resolved, resolve


__all__ = [
    "Grade",
    "KeyResultScore",
    "ObjectiveScore",
    "Scorecard",
    "Status",
    "expected_progress",
    "raw_progress",
    "score_plan",
]

_EPSILON = 1e-9
"""Gaps this close to a threshold count as on it (0.1 is not exact in binary)."""


class Status(StrEnum):
    """Where a key result or objective stands as of a date."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_STARTED = "not_started"
    ACHIEVED = "achieved"
    MISSED = "missed"

    def __repr__(self) -> str:
        return value_repr(self)


class Grade(StrEnum):
    """The colour of a score: red below 0.4, yellow below 0.7, green from 0.7."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"

    def __repr__(self) -> str:
        return value_repr(self)


_SEVERITY = {Status.ON_TRACK: 0, Status.AT_RISK: 1, Status.OFF_TRACK: 2, Status.MISSED: 3}


def raw_progress(
    direction: Direction | None,
    baseline: float | None,
    target: float | None,
    actual: float | None,
    *,
    done: bool = False,
    strict: bool = False,
) -> float:
    """Progress toward the target (may pass 1 or fall below 0); see the module docs."""
    if direction is Direction.ACHIEVE:
        return 1.0 if done else 0.0
    if actual is None or target is None or direction is None:
        return 0.0
    if direction is Direction.AT_LEAST:
        return 1.0 if (actual > target if strict else actual >= target) else 0.0
    if direction is Direction.AT_MOST:
        return 1.0 if (actual < target if strict else actual <= target) else 0.0
    start = 0.0 if baseline is None else baseline
    span = target - start
    if direction is Direction.DECREASE:
        span = start - target
        if span == 0:
            return 1.0 if actual <= target else 0.0
        return (start - actual) / span
    if span == 0:
        return 1.0 if actual >= target else 0.0
    return (actual - start) / span


def expected_progress(as_of: dt.date, start: dt.date, end: dt.date) -> float:
    """The pacing target: the share of the window ``[start, end + 1 day)`` gone by."""
    total = (end - start).days + 1
    gone = (as_of - start).days
    return min(1.0, max(0.0, gone / total))


def grade_of(score: float, thresholds: Thresholds) -> Grade:
    if score >= thresholds.green_from - _EPSILON:
        return Grade.GREEN
    if score >= thresholds.yellow_from - _EPSILON:
        return Grade.YELLOW
    return Grade.RED


@attrs.frozen(repr=False)
class KeyResultScore:
    """A key result's figures as of a date."""

    id: str
    progress: float
    score: float
    expected: float | None
    status: Status
    value: Amount | None
    confidence: float | None = None
    window: tuple[dt.date, dt.date] | None = None
    forecast: Any = None
    """A :class:`~okrkit.Forecast` when asked for (``forecasts=True``)."""
    next_checkin: dt.date | None = None
    """When the next check-in is due, by the key result's or the plan's cadence."""

    def __repr__(self) -> str:
        return fields_repr(self)

    def to_dict(self) -> dict[str, Any]:
        value = None
        if self.value is not None:
            value = {"value": _plain(self.value.value), "unit": self.value.unit or ""}
        out = {
            "id": self.id,
            "progress": self.progress,
            "score": self.score,
            "expected": self.expected,
            "status": self.status.value,
            "value": value,
        }
        if self.forecast is not None:
            out["forecast"] = self.forecast.to_dict()
        if self.next_checkin is not None:
            out["next_checkin"] = self.next_checkin.isoformat()
        return out


@attrs.frozen(repr=False)
class ObjectiveScore:
    """An objective's figures: the weighted mean of its key results' scores."""

    id: str
    score: float
    grade: Grade
    status: Status
    expected: float | None
    commitment: Commitment
    key_results: tuple[KeyResultScore, ...]

    def __repr__(self) -> str:
        return fields_repr(self)

    @property
    def reads_well(self) -> bool:
        """Committed objectives are met at 1.0; aspirational ones read well from 0.6."""
        if self.commitment is Commitment.ASPIRATIONAL:
            return self.score >= 0.6 - _EPSILON
        return self.score >= 1.0 - _EPSILON

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": self.score,
            "grade": self.grade.value,
            "status": self.status.value,
            "expected": self.expected,
            "commitment": self.commitment.value,
            "key_results": [k.to_dict() for k in self.key_results],
        }


@attrs.frozen(repr=False)
class Scorecard:
    """A plan's scores as of a date: iterate its objectives, or render it."""

    as_of: dt.date
    score: float
    grade: Grade
    objectives: tuple[ObjectiveScore, ...]

    def __repr__(self) -> str:
        return f"<Scorecard as of {self.as_of.isoformat()}: {self.score:.2f} {self.grade.value}>"

    def _repr_html_(self) -> str:
        """A rich view for notebooks (it never raises)."""
        from okrkit._notebook import html_for  # noqa: PLC0415 - rendering sits outside

        return html_for(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """A short readable text for IPython (the repr rebuilds the value)."""
        from okrkit._notebook import text_for  # noqa: PLC0415 - rendering sits outside

        printer.text(text_for(self))

    def __iter__(self) -> Any:
        return iter(self.objectives)

    def objective(self, id: str) -> ObjectiveScore:
        for item in self.objectives:
            if item.id == id:
                return item
        raise KeyError(id)

    def key_result(self, ref: str) -> KeyResultScore:
        """A key result's score by ``objective-id/kr-id`` or its bare id."""
        for objective in self.objectives:
            for item in objective.key_results:
                if ref in (item.id, f"{objective.id}/{item.id}"):
                    return item
        raise KeyError(ref)

    def to_dict(self) -> dict[str, Any]:
        """The scores as ``okrkit score --format json`` writes them."""
        return {
            "as_of": self.as_of.isoformat(),
            "score": self.score,
            "objectives": [o.to_dict() for o in self.objectives],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _plain(value: float) -> float | int:
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


# --- scoring -----------------------------------------------------------------------------


def _latest(resolved: Resolved, as_of: dt.date) -> tuple[float | None, bool, dt.date | None]:
    """The latest value at or before *as_of*: (value, is a measured share, date)."""
    values = resolved.checkins
    index = bisect.bisect_right(values, (as_of, float("inf"))) - 1
    value = values[index] if index >= 0 else None
    shares = resolved.share_checkins
    share = None
    if shares:
        at = bisect.bisect_right(shares, (as_of, float("inf"))) - 1
        share = shares[at] if at >= 0 else None
    if share is not None and (value is None or share[0] > value[0]):
        return share[1], True, share[0]
    if value is None:
        return None, False, None
    return value[1], False, value[0]


def _progress(
    item: KeyResult, resolved: Resolved, as_of: dt.date
) -> tuple[float, float | None, bool]:
    """(raw progress, the value it used, whether there was a check-in by *as_of*)."""
    direction = resolved.direction
    if direction is Direction.ACHIEVE:
        seen = bool(resolved.checkins) and resolved.checkins[0][0] <= as_of
        return (1.0 if item.done else 0.0), None, seen
    actual, measured_share, _when = _latest(resolved, as_of)
    if actual is None:
        return 0.0, None, False
    if measured_share:
        wanted = resolved.share if resolved.share is not None else 100.0
        if direction in (Direction.AT_LEAST, Direction.AT_MOST):
            return (1.0 if actual >= wanted - _EPSILON else 0.0), None, True
        return (actual / wanted if wanted else 0.0), None, True
    baseline = resolved.baseline
    if direction is Direction.DECREASE and baseline is None and resolved.checkins:
        baseline = resolved.checkins[0][1]
    progress = raw_progress(
        direction, baseline, resolved.target, actual, done=item.done, strict=item.strict
    )
    return progress, actual, True


def _status(
    item: KeyResult,
    resolved: Resolved,
    progress: float,
    score: float,
    seen: bool,
    expected: float | None,
    window: tuple[dt.date, dt.date] | None,
    as_of: dt.date,
    thresholds: Thresholds,
    confidence: float | None,
) -> Status:
    direction = resolved.direction
    if window is not None:
        start, end = window
        if as_of < start:
            return Status.NOT_STARTED
        if as_of > end:
            return Status.ACHIEVED if score >= 1.0 - _EPSILON else Status.MISSED
    if direction is Direction.ACHIEVE:
        if item.done:
            return Status.ACHIEVED
        if not seen:
            return Status.NOT_STARTED
        sure = 0.5 if confidence is None else confidence
        if sure >= thresholds.green_from - _EPSILON:
            return Status.ON_TRACK
        if sure >= thresholds.yellow_from - _EPSILON:
            return Status.AT_RISK
        return Status.OFF_TRACK
    if not seen:
        return Status.NOT_STARTED
    if direction in (Direction.AT_LEAST, Direction.AT_MOST):
        return Status.ON_TRACK if score >= 1.0 - _EPSILON else Status.OFF_TRACK
    if score >= 1.0 - _EPSILON:
        return Status.ACHIEVED
    gap = progress - (expected if expected is not None else 0.0)
    if gap >= thresholds.at_risk_gap - _EPSILON:
        return Status.ON_TRACK
    if gap >= thresholds.off_track_gap - _EPSILON:
        return Status.AT_RISK
    return Status.OFF_TRACK


def _confidence(item: KeyResult, as_of: dt.date) -> float | None:
    """The confidence of the latest check-in at or before *as_of* that states one."""
    best: tuple[dt.date, float] | None = None
    for checkin in item.checkins:
        if (
            checkin.confidence is not None
            and checkin.date <= as_of
            and (best is None or checkin.date >= best[0])
        ):
            best = (checkin.date, checkin.confidence)
    return None if best is None else best[1]


def score_key_result(
    item: KeyResult,
    key: str,
    *,
    period: Any,
    as_of: dt.date,
    thresholds: Thresholds,
    ureg: Any = None,
    forecasts: bool = False,
    cadence: Cadence | None = None,
) -> KeyResultScore:
    """One key result's progress, score, expected progress and status."""
    resolved = resolve(item, ureg)
    window = None
    expected = None
    if period is not None:
        end = item.deadline if item.deadline is not None else period.end
        window = (period.start, max(end, period.start))
        expected = expected_progress(as_of, *window)
    progress, actual, seen = _progress(item, resolved, as_of)
    score = min(1.0, max(0.0, progress))
    confidence = _confidence(item, as_of) if item.checkins else None
    status = _status(
        item, resolved, progress, score, seen, expected, window, as_of, thresholds, confidence
    )
    value = Amount(actual, resolved.unit) if actual is not None else None
    trend = None
    if forecasts and window is not None:
        from okrkit._forecast import forecast_resolved  # noqa: PLC0415 - the two import each other

        trend = forecast_resolved(item, resolved, window=window, as_of=as_of)
    due = None
    rhythm = item.cadence or cadence
    if rhythm is not None and window is not None:
        last = item.checkin_as_of(as_of)
        due = rhythm.next_due(start=window[0], end=window[1], last=last.date if last else None)
    return KeyResultScore(
        key, progress, score, expected, status, value,
        confidence=confidence, window=window, forecast=trend, next_checkin=due,
    )  # fmt: skip


def _objective_status(statuses: list[Status]) -> Status:
    if not statuses:
        return Status.NOT_STARTED
    if all(s is statuses[0] for s in statuses):
        return statuses[0]
    ranked = [
        Status.ON_TRACK if s in (Status.ACHIEVED, Status.NOT_STARTED) else s for s in statuses
    ]
    return max(ranked, key=lambda s: _SEVERITY[s])


def _weighted(pairs: list[tuple[float, float]]) -> float:
    total = sum(w for _, w in pairs)
    if total > 0:
        return sum(v * w for v, w in pairs) / total
    return sum(v for v, _ in pairs) / len(pairs) if pairs else 0.0


def score_plan(
    plan: Plan,
    *,
    as_of: dt.date,
    policy: Policy | None = None,
    rollup: bool = False,
    forecasts: bool = False,
    ureg: Any = None,
) -> Scorecard:
    """Score every key result and objective of *plan*, and the plan, as of *as_of*.

    With *rollup*, an objective's score also weighs in the scores of the objectives
    aligned to it (their ``parent``), each with its objective weight, and the plan
    score counts only objectives with no parent in the plan.
    """
    thresholds = (policy or Policy()).thresholds
    if plan.policy is not None and policy is None:
        thresholds = plan.policy.thresholds
    scored: list[ObjectiveScore] = []
    for objective in plan.objectives:
        period = plan.period_of(objective)
        keys = objective.key_result_keys()
        items = tuple(
            score_key_result(
                kr,
                key,
                period=period,
                as_of=as_of,
                thresholds=thresholds,
                ureg=ureg,
                forecasts=forecasts,
                cadence=plan.cadence,
            )
            for kr, key in zip(objective.key_results, keys, strict=True)
        )
        scored.append(_objective_score(objective, items, [], thresholds))
    if rollup:
        scored = _rolled_up(plan, scored, thresholds)
    weights = [o.weight for o in plan.objectives]
    counted = list(range(len(scored)))
    if rollup:
        roots = _roots(plan)
        counted = [i for i in counted if i in roots]
    total = _weighted([(scored[i].score, weights[i]) for i in counted])
    return Scorecard(as_of, total, grade_of(total, thresholds), tuple(scored))


def _objective_score(
    objective: Objective,
    items: tuple[KeyResultScore, ...],
    children: list[tuple[ObjectiveScore, float]],
    thresholds: Thresholds,
) -> ObjectiveScore:
    weights = [kr.weight for kr in objective.key_results]
    pairs = [(k.score, w) for k, w in zip(items, weights, strict=True)]
    pairs += [(child.score, weight) for child, weight in children]
    score = _weighted(pairs)
    paced = [(k.expected, w) for k, w in zip(items, weights, strict=True) if k.expected is not None]
    expected = _weighted(paced) if paced else None
    statuses = [k.status for k in items] + [child.status for child, _ in children]
    return ObjectiveScore(
        objective.key,
        score,
        grade_of(score, thresholds),
        _objective_status(statuses),
        expected,
        objective.commitment,
        items,
    )


def _parents(plan: Plan) -> list[int | None]:
    index: dict[str, int] = {}
    for position, objective in enumerate(plan.objectives):
        index.setdefault(objective.key, position)
    return [
        index.get(o.parent) if o.parent is not None and index.get(o.parent) != i else None
        for i, o in enumerate(plan.objectives)
    ]


def _roots(plan: Plan) -> set[int]:
    return {i for i, parent in enumerate(_parents(plan)) if parent is None}


def _rolled_up(
    plan: Plan, scored: list[ObjectiveScore], thresholds: Thresholds
) -> list[ObjectiveScore]:
    """Objective scores with their aligned children's scores weighed in, deepest
    first. A cycle of parents is cut where it closes."""
    parents = _parents(plan)
    children: dict[int, list[int]] = {}
    for child, parent in enumerate(parents):
        if parent is not None:
            children.setdefault(parent, []).append(child)
    order: list[int] = []
    seen: set[int] = set()
    for root in range(len(scored)):
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(children.get(root, ())))]
        while stack:
            node, pending = stack[-1]
            for kid in pending:
                if kid not in seen:
                    seen.add(kid)
                    stack.append((kid, iter(children.get(kid, ()))))
                    break
            else:
                stack.pop()
                order.append(node)
    result: dict[int, ObjectiveScore] = {}
    for node in order:
        rolled = [
            (result[kid], plan.objectives[kid].weight)
            for kid in children.get(node, ())
            if kid in result
        ]
        result[node] = _objective_score(
            plan.objectives[node], scored[node].key_results, rolled, thresholds
        )
    return [result[i] for i in range(len(scored))]
