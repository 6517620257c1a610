"""Scoring: progress, score, pacing and status, as the scoring contract states.

Per key result (s baseline, t target, a the latest check-in at or before as-of,
all in the key result's unit after :mod:`okrkit._resolve`):

==========  ====================================================================
increase    (a − s) / (t − s), with s = 0 when there is no baseline
decrease    (s − a) / (s − t); with no baseline, s is the first check-in, or t
            when that is already at or below t (progress 1 at or below t, else 0)
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
import math
import operator
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any

import attrs

from okrkit._amount import Amount, plain_number, trusted_amount
from okrkit._cadence import Cadence
from okrkit._escape import json_dumps
from okrkit._fields import json_indent, of_type
from okrkit._model import Commitment, Direction, KeyResult, Objective, Plan, key_result_window
from okrkit._period_words import check_lang
from okrkit._policy import Policy, Thresholds
from okrkit._repr import fields_repr, value_repr
from okrkit._resolve import Resolved, resolve
from okrkit.exceptions import NotFoundError


__all__ = [
    "Grade",
    "KeyResultScore",
    "ObjectiveScore",
    "Scorecard",
    "Status",
    "achieved_on",
    "decrease_start",
    "expected_progress",
    "progress_as_of",
    "raw_progress",
    "score_plan",
    "span_fraction",
    "weighted_mean",
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


_FAR = 1e12
"""Progress beyond this is reported as this: only a tiny span against a huge
distance gets there (a target 1e-300 above a baseline, a check-in at 1e300)."""


def _bounded(progress: float) -> float:
    """*progress* within ±:data:`_FAR`, so every figure and JSON number is finite."""
    if progress > _FAR or progress < -_FAR:
        return math.copysign(_FAR, progress)
    return progress


def raw_progress(
    direction: Direction | None,
    baseline: float | None,
    target: float | None,
    actual: float | None,
    *,
    done: bool = False,
    strict: bool = False,
) -> float:
    """Progress toward the target (may pass 1 or fall below 0, never past ±1e12);
    see the module docs."""
    if direction is Direction.ACHIEVE:
        return 1.0 if done else 0.0
    if actual is None or target is None or direction is None:
        return 0.0
    if direction is Direction.AT_LEAST:
        return 1.0 if (actual > target if strict else actual >= target) else 0.0
    if direction is Direction.AT_MOST:
        return 1.0 if (actual < target if strict else actual <= target) else 0.0
    start = 0.0 if baseline is None else baseline
    if start == target:
        met = actual <= target if direction is Direction.DECREASE else actual >= target
        return 1.0 if met else 0.0
    return _bounded(span_fraction(actual, start, target))


def decrease_start(first: float, target: float | None) -> float:
    """Where a decrease without a baseline starts: its first check-in, or its target
    when that check-in already reached it. There is then no distance to cover, and
    progress is 1 at or below the target, 0 above it: a first value at or below the
    target must not make reaching the target score 0."""
    return first if target is None else max(first, target)


def span_fraction(value: float, start: float, end: float) -> float:
    """How far *value* is from *start* toward *end* (``start != end``), as a share
    of the span: (value − start) / (end − start).

    The differences of finite floats can overflow (−1e308 to 1e308 is a span of
    2e308); halved first, they cannot, so the answer stays right. It may still
    be infinite when the span is tiny and the distance huge.
    """
    span = end - start
    distance = value - start
    if math.isinf(span) or math.isinf(distance):
        return (value / 2 - start / 2) / (end / 2 - start / 2)
    return distance / span


def expected_progress(as_of: dt.date, start: dt.date, end: dt.date) -> float:
    """The pacing target: the share of the window ``[start, end + 1 day)`` gone by."""
    total = (end - start).days + 1
    gone = (as_of - start).days
    return min(1.0, max(0.0, gone / total))


def grade_of(score: float, thresholds: Thresholds) -> Grade:
    """The grade of *score* under the policy's thresholds."""
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
        """The key result's figures as ``okrkit score --format json`` writes them."""
        value = None
        if self.value is not None:
            value = {"value": plain_number(self.value.value), "unit": self.value.unit or ""}
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
        """The objective's figures and its key results', as JSON writes them."""
        return {
            "id": self.id,
            "score": self.score,
            "grade": self.grade.value,
            "status": self.status.value,
            "expected": self.expected,
            "commitment": self.commitment.value,
            "key_results": [k.to_dict() for k in self.key_results],
        }


class Scorecard:
    """A plan's scores as of a date: iterate its objectives, or render it.

    Immutable, like every okrkit value. :func:`okrkit.score` works out every figure
    at once; the :class:`ObjectiveScore` and :class:`KeyResultScore` objects are
    made the first time ``objectives`` is read, so a caller that wants only the
    plan's score does not pay for tens of thousands of them.

    ``lang`` is the language its views speak (a notebook's table, ``to_text``
    through ``okrkit score``): the plan's, unless :func:`okrkit.score` was told.
    """

    __slots__ = ("_build", "_objectives", "as_of", "grade", "lang", "score")

    as_of: dt.date
    score: float
    grade: Grade
    lang: str
    _objectives: tuple[ObjectiveScore, ...] | None
    _build: Callable[[], tuple[ObjectiveScore, ...]] | None

    def __init__(
        self,
        as_of: dt.date,
        score: float,
        grade: Grade,
        objectives: Iterable[ObjectiveScore] = (),
        *,
        lang: str = "en",
    ) -> None:
        _set = object.__setattr__
        _set(self, "as_of", as_of)
        _set(self, "score", score)
        _set(self, "grade", grade)
        _set(self, "lang", check_lang(lang))
        _set(self, "_objectives", tuple(objectives))
        _set(self, "_build", None)

    @classmethod
    def _deferred(
        cls, as_of: dt.date, score: float, grade: Grade,
        build: Callable[[], tuple[ObjectiveScore, ...]], lang: str,
    ) -> Scorecard:  # fmt: skip
        made = cls(as_of, score, grade, lang=lang)
        object.__setattr__(made, "_objectives", None)
        object.__setattr__(made, "_build", build)
        return made

    @property
    def objectives(self) -> tuple[ObjectiveScore, ...]:
        """Each objective's score, in plan order."""
        found = self._objectives
        if found is None:  # two threads may both build it: the results are equal
            assert self._build is not None
            found = self._build()
            object.__setattr__(self, "_objectives", found)
            object.__setattr__(self, "_build", None)
        return found

    def __setattr__(self, name: str, value: Any) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def _key(self) -> tuple[Any, ...]:
        return (self.as_of, self.score, self.grade, self.objectives, self.lang)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[Any, ...]:
        return (_scorecard, self._key())

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
        """An objective's score by its id; a :class:`~okrkit.exceptions.NotFoundError` (also a
        ``KeyError``) when there is none."""
        of_type("Scorecard.objective(id)", id, str, "an objective's id")
        for item in self.objectives:
            if item.id == id:
                return item
        raise NotFoundError("Scorecard.objective(id)", id, "the id of a scored objective")

    def key_result(self, ref: str) -> KeyResultScore:
        """A key result's score by ``objective-id/kr-id`` or its bare id; a
        :class:`~okrkit.exceptions.NotFoundError` (also a ``KeyError``) when there is none."""
        of_type("Scorecard.key_result(ref)", ref, str, "a key result's id or objective-id/kr-id")
        for objective in self.objectives:
            for item in objective.key_results:
                if ref in (item.id, f"{objective.id}/{item.id}"):
                    return item
        raise NotFoundError(
            "Scorecard.key_result(ref)", ref, "the id of a scored key result, or objective-id/kr-id"
        )

    def to_dict(self) -> dict[str, Any]:
        """The scores as ``okrkit score --format json`` writes them."""
        return {
            "as_of": self.as_of.isoformat(),
            "score": self.score,
            "objectives": [o.to_dict() for o in self.objectives],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """The scores as ``okrkit score --format json`` prints them (*indent*: None
        for one line, or 0 to 8 spaces)."""
        return json_dumps(self.to_dict(), indent=json_indent("Scorecard.to_json(indent)", indent))

    def to_text(self) -> str:
        """The scores as ``okrkit score`` prints them to a pipe, in the scorecard's language."""
        from okrkit._render_text import score_text  # noqa: PLC0415 - rendering sits outside

        return score_text(self, lang=self.lang, color=False)


# --- scoring -----------------------------------------------------------------------------


def _scorecard(
    as_of: dt.date, score: float, grade: Grade, objectives: tuple[ObjectiveScore, ...], lang: str
) -> Scorecard:
    """A scorecard unpickled: its language is keyword-only."""
    return Scorecard(as_of, score, grade, objectives, lang=lang)


def _latest(resolved: Resolved, day: dt.date) -> tuple[float | None, bool]:
    """The latest value at or before *day*: (value, is a measured share)."""
    days = resolved.days
    index = bisect.bisect_right(days, day) - 1
    share_days = resolved.share_days
    if share_days:
        at = bisect.bisect_right(share_days, day) - 1
        if at >= 0 and (index < 0 or share_days[at] > days[index]):
            return resolved.share_values[at], True
    if index < 0:
        return None, False
    return resolved.values[index], False


def _progress(
    item: KeyResult, resolved: Resolved, day: dt.date
) -> tuple[float, float | None, bool]:
    """(raw progress, the value it used, whether there was a check-in by *day*)."""
    direction = resolved.direction
    if direction is Direction.ACHIEVE:
        days = resolved.days
        seen = bool(days) and days[0] <= day
        return (1.0 if item.done else 0.0), None, seen
    actual, measured_share = _latest(resolved, day)
    if actual is None:
        return 0.0, None, False
    if measured_share:
        wanted = resolved.share if resolved.share is not None else 100.0
        if direction in (Direction.AT_LEAST, Direction.AT_MOST):
            return (1.0 if actual >= wanted - _EPSILON else 0.0), None, True
        return _bounded(actual / wanted if wanted else 0.0), None, True
    baseline = resolved.baseline
    if direction is Direction.DECREASE and baseline is None:
        baseline = decrease_start(resolved.values[0], resolved.target)
    progress = raw_progress(
        direction, baseline, resolved.target, actual, done=item.done, strict=item.strict
    )
    return progress, actual, True


def progress_as_of(item: KeyResult, resolved: Resolved, day: dt.date) -> float:
    """*item*'s raw progress as of *day*, as its score reads it (0 with no check-in)."""
    return _progress(item, resolved, day)[0]


def _status(
    item: KeyResult,
    direction: Direction | None,
    progress: float,
    score: float,
    seen: bool,
    expected: float | None,
    window: tuple[dt.date, dt.date] | None,
    as_of: dt.date,
    thresholds: Thresholds,
    confidence: float | None,
) -> Status:
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
    if direction is Direction.AT_LEAST or direction is Direction.AT_MOST:
        return Status.ON_TRACK if score >= 1.0 - _EPSILON else Status.OFF_TRACK
    if score >= 1.0 - _EPSILON:
        return Status.ACHIEVED
    gap = progress - (expected if expected is not None else 0.0)
    if gap >= thresholds.at_risk_gap - _EPSILON:
        return Status.ON_TRACK
    if gap >= thresholds.off_track_gap - _EPSILON:
        return Status.AT_RISK
    return Status.OFF_TRACK


def _clamped(progress: float) -> float:
    """The score of a progress: clamped to 0..1."""
    return 1.0 if progress >= 1.0 else (progress if progress > 0.0 else 0.0)


def achieved_on(item: KeyResult, day: dt.date, ureg: Any = None) -> bool:
    """Whether *item* scores 1 as of *day*, as :func:`score_plan` works it out (the
    contract's ``achieved`` once its window has ended), without scoring the rest of
    its plan."""
    progress, _actual, _seen = _progress(item, resolve(item, ureg), day)
    return _clamped(progress) >= 1.0 - _EPSILON


def _confidence(resolved: Resolved, day: dt.date) -> float | None:
    """The confidence of the latest check-in by *day* that states one."""
    index = bisect.bisect_right(resolved.confidence_days, day) - 1
    return resolved.confidences[index] if index >= 0 else None


_Row = tuple[
    str, float, float, "float | None", Status, "float | None", "str | None", "float | None",
    "tuple[dt.date, dt.date] | None", "dt.date | None",
]  # fmt: skip
"""A key result's figures: key, progress, score, expected, status, value, unit,
confidence, window, next check-in."""


def _row(
    item: KeyResult,
    key: str,
    resolved: Resolved,
    window: tuple[dt.date, dt.date] | None,
    expected: float | None,
    as_of: dt.date,
    thresholds: Thresholds,
    cadence: Cadence | None,
) -> _Row:
    progress, actual, seen = _progress(item, resolved, as_of)
    score = _clamped(progress)
    confidence = _confidence(resolved, as_of) if resolved.confidence_days else None
    status = _status(
        item, resolved.direction, progress, score, seen, expected, window, as_of, thresholds,
        confidence,
    )  # fmt: skip
    due = None
    rhythm = item.cadence or cadence
    if rhythm is not None and window is not None:
        last = item.checkin_as_of(as_of)
        due = rhythm.next_due(start=window[0], end=window[1], last=last.date if last else None)
    unit = resolved.rate_unit  # as people read it: call/week for 20 calls per week
    return (key, progress, score, expected, status, actual, unit, confidence, window, due)


def _key_result_score(row: _Row, forecast: Any = None) -> KeyResultScore:
    key, progress, score, expected, status, actual, unit, confidence, window, due = row
    return KeyResultScore(
        key, progress, score, expected, status,
        None if actual is None else trusted_amount(actual, unit),
        confidence=confidence, window=window, forecast=forecast, next_checkin=due,
    )  # fmt: skip


def _forecast(
    item: KeyResult, resolved: Resolved, window: tuple[dt.date, dt.date] | None, as_of: dt.date
) -> Any:
    if window is None:
        return None
    from okrkit._forecast import forecast_resolved  # noqa: PLC0415 - the two import each other

    return forecast_resolved(item, resolved, window=window, as_of=as_of)


_RANK = {
    Status.ON_TRACK: 0, Status.ACHIEVED: 0, Status.NOT_STARTED: 0, Status.AT_RISK: 1,
    Status.OFF_TRACK: 2, Status.MISSED: 3,
}  # fmt: skip
"""How bad a status is for its objective: achieved and not started count as on track."""


def _objective_status(statuses: list[Status]) -> Status:
    """All alike: that status; else the worst, achieved and not started counting as on track."""
    if not statuses:
        return Status.NOT_STARTED
    first = statuses[0]
    worst, rank = Status.ON_TRACK, 0
    alike = True
    for status in statuses:
        alike = alike and status is first
        if _RANK[status] > rank:
            worst, rank = status, _RANK[status]
    return first if alike else worst


_Figures = tuple[float, Grade, Status, "float | None"]
"""An objective's score, grade, status and expected progress."""


def _objective_figures(
    objective: Objective,
    rows: list[_Row],
    children: list[tuple[_Figures, float]],
    thresholds: Thresholds,
) -> _Figures:
    """The weighted mean of the key results' scores (and, rolled up, of the aligned
    objectives' scores, each with its weight); the mean pace; the worst status."""
    weights = [kr.weight for kr in objective.key_results]
    scores = [row[2] for row in rows]
    statuses = [row[4] for row in rows]
    paces: list[float] = []
    paced_weights: list[float] = []
    for row, weight in zip(rows, weights, strict=True):
        if row[3] is not None:
            paces.append(row[3])
            paced_weights.append(weight)
    expected = weighted_mean(paces, paced_weights)
    for (child, _grade, status, _expected), weight in children:
        scores.append(child)
        weights.append(weight)
        statuses.append(status)
    mean = weighted_mean(scores, weights)
    score = 0.0 if mean is None else mean
    return (score, grade_of(score, thresholds), _objective_status(statuses), expected)


def weighted_mean(values: Sequence[float], weights: Sequence[float]) -> float | None:
    """Σ wᵢ·vᵢ / Σ wᵢ; the plain mean when every weight is 0; None for no values.

    Weights far from 1 (near the largest float, whose sum overflows, or near the
    smallest, whose products vanish) are first taken relative to the largest.
    """
    if not values:
        return None
    largest = max(weights)
    if largest <= 0:
        return sum(values) / len(values)
    if not _PLAIN_WEIGHTS[0] <= largest <= _PLAIN_WEIGHTS[1]:
        weights = [weight / largest for weight in weights]
    weighted: float = sum(map(operator.mul, values, weights))
    return weighted / sum(weights)


_PLAIN_WEIGHTS = (1e-100, 1e100)
"""Weights up to this large are summed as they are: no plan has 1e200 of them."""


def score_plan(
    plan: Plan,
    *,
    as_of: dt.date,
    policy: Policy | None = None,
    rollup: bool = False,
    forecasts: bool = False,
    ureg: Any = None,
    lang: str = "en",
) -> Scorecard:
    """Score every key result and objective of *plan*, and the plan, as of *as_of*.

    With *rollup*, an objective's score also weighs in the scores of the objectives
    aligned to it (their ``parent``), each with its objective weight, and the plan
    score counts only objectives with no parent in the plan.

    Every figure is worked out here, on floats; the score objects are made when
    the scorecard's ``objectives`` are first read.
    """
    thresholds = (policy or Policy()).thresholds
    if plan.policy is not None and policy is None:
        thresholds = plan.policy.thresholds
    cadence = plan.cadence
    paces: dict[tuple[dt.date, dt.date], float] = {}  # expected progress, by window
    rows: list[list[_Row]] = []
    trends: list[list[Any]] = []
    figures: list[_Figures] = []
    for objective in plan.objectives:
        period = objective.period or plan.period
        made: list[_Row] = []
        foreseen: list[Any] = []
        for kr, key in zip(objective.key_results, objective.key_result_keys(), strict=True):
            window = expected = None
            if period is not None:
                window = key_result_window(kr, period)
                expected = paces.get(window)
                if expected is None:
                    expected = paces[window] = expected_progress(as_of, *window)
            resolved = resolve(kr, ureg)
            made.append(_row(kr, key, resolved, window, expected, as_of, thresholds, cadence))
            if forecasts:
                foreseen.append(_forecast(kr, resolved, window, as_of))
        rows.append(made)
        trends.append(foreseen)
        if not rollup:
            figures.append(_objective_figures(objective, made, [], thresholds))
    counted: Sequence[int] = range(len(plan.objectives))
    if rollup:
        figures = _rolled_up(plan, rows, thresholds)
        roots = _roots(plan)
        counted = [i for i in counted if i in roots]
    mean = (
        weighted_mean(
            [figures[index][0] for index in counted],
            [plan.objectives[index].weight for index in counted],
        )
        or 0.0
    )

    def build() -> tuple[ObjectiveScore, ...]:
        out = []
        for objective, made, foreseen, (score, grade, status, expected) in zip(
            plan.objectives, rows, trends, figures, strict=True
        ):
            items = (
                tuple(map(_key_result_score, made, foreseen))
                if forecasts
                else tuple(map(_key_result_score, made))
            )
            out.append(
                ObjectiveScore(
                    objective.key, score, grade, status, expected, objective.commitment, items
                )
            )
        return tuple(out)

    return Scorecard._deferred(as_of, mean, grade_of(mean, thresholds), build, lang)


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


def _rolled_up(plan: Plan, rows: list[list[_Row]], thresholds: Thresholds) -> list[_Figures]:
    """Objective figures with their aligned children's scores weighed in, deepest
    first. A cycle of parents is cut where it closes."""
    parents = _parents(plan)
    children: dict[int, list[int]] = {}
    for child, parent in enumerate(parents):
        if parent is not None:
            children.setdefault(parent, []).append(child)
    order: list[int] = []
    seen: set[int] = set()
    for root in range(len(rows)):
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
    result: dict[int, _Figures] = {}
    for node in order:
        rolled = [
            (result[kid], plan.objectives[kid].weight)
            for kid in children.get(node, ())
            if kid in result
        ]
        result[node] = _objective_figures(plan.objectives[node], rows[node], rolled, thresholds)
    return [result[i] for i in range(len(rows))]
