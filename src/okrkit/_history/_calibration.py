"""How well owners' confidence foretold what happened: the Brier score, its
decomposition and a reliability curve.

Every check-in that states a confidence, dated inside its key result's window,
is a forecast that the key result will be achieved. Once the window has ended
(``as_of`` after its last day), the forecast has an outcome: 1 when okrkit
scores the key result 1 as of the window's last day (the contract's
``achieved``), else 0. Forecasts are put into bins (ten equal bins of [0, 1] by
default, or one per distinct value), and for N forecasts f with outcomes o, bin
k holding n_k of them, with mean forecast f̄_k and observed frequency ō_k, and
ō the base rate:

- Brier = Σ (f − o)² / N
- reliability = Σ n_k (f̄_k − ō_k)² / N (0 for perfect calibration)
- resolution = Σ n_k (ō_k − ō)² / N (how far the bins' outcomes stand from the base rate)
- uncertainty = ō (1 − ō)
- within bins = Σ (f − f̄_k)² / N − 2 Σ (f − f̄_k)(o − ō_k) / N

and Brier = reliability − resolution + uncertainty + within bins, exactly. With
one bin per distinct value the last term is 0 (Murphy's decomposition); with
fixed bins it is what the bins' width hides.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any

import attrs

from okrkit._escape import json_dumps
from okrkit._fields import json_indent, member, of_type, text, to_date, tuple_of, whole
from okrkit._model import Plan, key_result_window
from okrkit._period_words import check_lang
from okrkit._repr import fields_repr, value_repr
from okrkit._score import achieved_on
from okrkit.exceptions import InvalidTypeError, InvalidValueError, NotFoundError


__all__ = [
    "Calibration",
    "CalibrationGroup",
    "GroupStatus",
    "Grouping",
    "ReliabilityBin",
    "StatedConfidence",
    "calibration",
]

DISTINCT = "distinct"
"""``bins="distinct"``: one bin per distinct forecast value."""

_EDGE = 1e-9
"""A forecast this close below a bin's edge is on the edge (0.3 × 10 is 2.9999…)."""


class Grouping(StrEnum):
    """Whose forecasts are pooled: each owner's (the key result's owner, else its
    objective's), each team's (the objective's owner) or each plan's."""

    OWNER = "owner"
    TEAM = "team"
    PLAN = "plan"

    def __repr__(self) -> str:
        return value_repr(self)


class GroupStatus(StrEnum):
    """Whether a group had enough forecasts to be measured."""

    MEASURED = "measured"
    NOT_ENOUGH_DATA = "not_enough_data"

    def __repr__(self) -> str:
        return value_repr(self)


@attrs.frozen(repr=False)
class StatedConfidence:
    """One forecast: a check-in's confidence, and whether its key result was achieved.

    ``plan`` is the plan's index in the history; ``objective`` and ``key_result``
    are ids; ``owner`` is the key result's owner, else its objective's; ``team``
    is the objective's owner."""

    plan: int
    objective: str
    key_result: str
    owner: str | None
    team: str | None
    date: dt.date
    confidence: float
    achieved: bool

    def __repr__(self) -> str:
        return fields_repr(self)

    def to_dict(self) -> dict[str, Any]:
        return {"plan": self.plan, "objective": self.objective, "key_result": self.key_result,
                "owner": self.owner, "team": self.team, "date": self.date.isoformat(),
                "confidence": self.confidence, "achieved": self.achieved}  # fmt: skip


@attrs.frozen(repr=False)
class ReliabilityBin:
    """One bin of the reliability curve: forecasts from ``lower`` to ``upper``
    (``upper`` included only in the last bin), how many, their mean, and how often
    their key results were achieved (``None`` for an empty bin)."""

    lower: float
    upper: float
    count: int
    mean_forecast: float | None
    observed: float | None

    def __repr__(self) -> str:
        return fields_repr(self)

    def to_dict(self) -> dict[str, Any]:
        return {"lower": self.lower, "upper": self.upper, "count": self.count,
                "mean_forecast": self.mean_forecast, "observed": self.observed}  # fmt: skip


@attrs.frozen(repr=False)
class CalibrationGroup:
    """The calibration of one group's forecasts (``name`` ``None``: no owner named).

    Below the minimum counts the group is ``not_enough_data``: its counts are
    kept, its figures are ``None`` and its curve is empty."""

    name: str | None
    status: GroupStatus
    forecasts: int
    key_results: int
    base_rate: float | None = None
    mean_forecast: float | None = None
    brier: float | None = None
    reliability: float | None = None
    resolution: float | None = None
    uncertainty: float | None = None
    within_bins: float | None = None
    curve: tuple[ReliabilityBin, ...] = ()

    def __repr__(self) -> str:
        return fields_repr(self, positional=("name", "status"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "status": self.status.value, "forecasts": self.forecasts,
            "key_results": self.key_results, "base_rate": self.base_rate,
            "mean_forecast": self.mean_forecast, "brier": self.brier,
            "reliability": self.reliability, "resolution": self.resolution,
            "uncertainty": self.uncertainty, "within_bins": self.within_bins,
            "curve": [b.to_dict() for b in self.curve],
        }  # fmt: skip


@attrs.frozen(repr=False)
class Calibration:
    """Confidence against outcomes, as of a date, for all forecasts (``overall``)
    and for each group (``groups``, by name; the group without a name last).

    ``ended`` counts the key results whose window had ended with at least one
    forecast; ``open`` those with a stated confidence whose window had not ended
    (left out: no outcome yet); ``no_period`` those with a stated confidence but no
    period, hence no window (left out too)."""

    as_of: dt.date
    by: Grouping
    bins: int | str
    min_forecasts: int
    min_key_results: int
    overall: CalibrationGroup
    groups: tuple[CalibrationGroup, ...]
    forecasts: tuple[StatedConfidence, ...] = attrs.field(repr=False)
    ended: int = 0
    open: int = 0
    no_period: int = 0
    plans: tuple[str, ...] = ()
    """A name for each plan: the names given, else its title, else its period,
    numbered when two are alike."""
    lang: str = "en"
    """The language of its views (text, Markdown, HTML)."""

    def __repr__(self) -> str:
        return (
            f"<Calibration as of {self.as_of.isoformat()} by {self.by.value}: "
            f"{self.overall.forecasts} forecasts, {len(self.groups)} groups>"
        )

    def group(self, name: str | None) -> CalibrationGroup:
        """The group called *name* (``None``: the forecasts with no owner); a
        :class:`~okrkit.exceptions.NotFoundError` (also a ``KeyError``) when none is."""
        if name is not None:
            of_type("Calibration.group(name)", name, str, "a group's name")
        for found in self.groups:
            if found.name == name:
                return found
        raise NotFoundError("Calibration.group(name)", name, "the name of a group")

    def to_dict(self) -> dict[str, Any]:
        """The calibration as ``okrkit calibration --format json`` writes it."""
        return {
            "as_of": self.as_of.isoformat(), "by": self.by.value, "bins": self.bins,
            "min_forecasts": self.min_forecasts, "min_key_results": self.min_key_results,
            "key_results": {"ended": self.ended, "open": self.open,
                            "no_period": self.no_period},
            "overall": self.overall.to_dict(),
            "groups": [g.to_dict() for g in self.groups],
        }  # fmt: skip

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as one JSON document (*indent*: None, or 0 to 8 spaces)."""
        return json_dumps(self.to_dict(), indent=json_indent("Calibration.to_json(indent)", indent))

    def to_text(self) -> str:
        """The calibration as ``okrkit calibration`` prints it, in its language."""
        from okrkit._history_views import calibration_text  # noqa: PLC0415 - views sit outside

        return calibration_text(self)

    def to_markdown(self, *, level: int = 1) -> str:
        """The calibration as a Markdown section headed at *level* (1 to 6)."""
        from okrkit._history_views import calibration_markdown  # noqa: PLC0415

        depth = whole("Calibration.to_markdown(level)", level, minimum=1, maximum=6)
        return calibration_markdown(self, level=depth)

    def to_svg(self, group: CalibrationGroup | str | None = None) -> str:
        """A reliability diagram as SVG (all forecasts, or a group given by itself or
        by name); empty for a group that was not measured. In a notebook:
        ``IPython.display.SVG(result.to_svg())``."""
        from okrkit._history_views import reliability_svg  # noqa: PLC0415

        if isinstance(group, str):
            group = self.group(group)
        elif group is not None:
            of_type("Calibration.to_svg(group)", group, CalibrationGroup, "a group or its name")
        return reliability_svg(self, group)

    def _repr_html_(self) -> str:
        """A rich view for notebooks: the table and the diagram (it never raises)."""
        from okrkit._notebook import html_for  # noqa: PLC0415 - rendering sits outside

        return html_for(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """The text view for IPython."""
        from okrkit._notebook import text_for  # noqa: PLC0415 - rendering sits outside

        printer.text(text_for(self))


# --- the figures -------------------------------------------------------------------------------


def _bin_of(forecast: float, bins: int) -> int:
    return min(bins - 1, math.floor(forecast * bins + _EDGE))


_Pairs = list[tuple[float, bool]]
"""Forecasts and their outcomes."""


def _binned(
    pairs: Sequence[tuple[float, bool]], bins: int | str
) -> list[tuple[float, float, _Pairs]]:
    """The bins as (lower, upper, the pairs in it), in order of their forecasts."""
    if bins == DISTINCT:
        values: dict[float, _Pairs] = {}
        for pair in pairs:
            values.setdefault(pair[0], []).append(pair)
        return [(value, value, values[value]) for value in sorted(values)]
    assert isinstance(bins, int)
    held: list[_Pairs] = [[] for _ in range(bins)]
    for pair in pairs:
        held[_bin_of(pair[0], bins)].append(pair)
    return [(lower, upper, held[index]) for index, (lower, upper) in enumerate(bin_edges(bins))]


@attrs.frozen
class BinTotals:
    """What the figures need of one bin: its edges, how many forecasts, their mean,
    how often they came true, and the spread Σ (f − f̄) ² and co-spread
    Σ (f − f̄)(o − ō) of its forecasts around those (``mean`` and ``observed`` are
    ``None`` in an empty bin). Objects and queries both reduce forecasts to these."""

    lower: float
    upper: float
    count: int
    mean: float | None = None
    observed: float | None = None
    spread: float = 0.0
    covariance: float = 0.0


def bin_edges(bins: int) -> list[tuple[float, float]]:
    """The edges of *bins* equal bins of [0, 1], as the curve shows them."""
    return [(index / bins, (index + 1) / bins) for index in range(bins)]


def _totals(lower: float, upper: float, held: _Pairs, distinct: bool) -> BinTotals:
    size = len(held)
    if not size:
        return BinTotals(lower, upper, 0)
    mean = lower if distinct else math.fsum(f for f, _o in held) / size
    observed = sum(o for _f, o in held) / size
    return BinTotals(
        lower, upper, size, mean, observed,
        math.fsum((f - mean) ** 2 for f, _o in held),
        math.fsum((f - mean) * (o - observed) for f, o in held),
    )  # fmt: skip


def figures_of(
    bins: Sequence[BinTotals], *, count: int, achieved: int, forecast_sum: float, error_sum: float
) -> dict[str, Any]:
    """The Brier score (*error_sum* is Σ (f − o)²), its decomposition and the curve
    of *count* forecasts, *achieved* of which came true, from their bins."""
    base = achieved / count
    held = [piece for piece in bins if piece.count]
    reliability = [b.count * (b.mean - b.observed) ** 2 for b in held]  # type: ignore[operator]
    resolution = [b.count * (b.observed - base) ** 2 for b in held]  # type: ignore[operator]
    return {
        "base_rate": base,
        "mean_forecast": forecast_sum / count,
        "brier": error_sum / count,
        "reliability": math.fsum(reliability) / count,
        "resolution": math.fsum(resolution) / count,
        "uncertainty": base * (1 - base),
        "within_bins": (
            math.fsum(b.spread for b in held) - 2 * math.fsum(b.covariance for b in held)
        ) / count,
        "curve": tuple(
            ReliabilityBin(b.lower, b.upper, b.count, b.mean, b.observed) for b in bins
        ),
    }  # fmt: skip


def _figures(pairs: Sequence[tuple[float, bool]], bins: int | str) -> dict[str, Any]:
    """The Brier score, its decomposition and the curve of *pairs* (forecast, outcome)."""
    totals = [
        _totals(lower, upper, held, bins == DISTINCT) for lower, upper, held in _binned(pairs, bins)
    ]
    return figures_of(
        totals, count=len(pairs), achieved=sum(o for _f, o in pairs),
        forecast_sum=math.fsum(f for f, _o in pairs),
        error_sum=math.fsum((f - o) ** 2 for f, o in pairs),
    )  # fmt: skip


def group_of(
    name: str | None,
    counts: tuple[int, int],
    least: tuple[int, int],
    figures: Callable[[], dict[str, Any]],
) -> CalibrationGroup:
    """The group *name* of *counts* (forecasts, key results): measured by
    *figures* when it has at least *least* of each, else ``not_enough_data``."""
    forecasts, key_results = counts
    if forecasts < least[0] or key_results < least[1] or not forecasts:
        return CalibrationGroup(name, GroupStatus.NOT_ENOUGH_DATA, forecasts, key_results)
    return CalibrationGroup(name, GroupStatus.MEASURED, forecasts, key_results, **figures())


def _group(
    name: str | None,
    forecasts: Sequence[StatedConfidence],
    bins: int | str,
    min_forecasts: int,
    min_key_results: int,
) -> CalibrationGroup:
    key_results = len({(f.plan, f.objective, f.key_result) for f in forecasts})
    return group_of(
        name, (len(forecasts), key_results), (min_forecasts, min_key_results),
        lambda: _figures([(f.confidence, f.achieved) for f in forecasts], bins),
    )  # fmt: skip


# --- reading the history ---------------------------------------------------------------------


def history_plans(name: str, value: object) -> tuple[Plan, ...]:
    """The plans of a history: a sequence of plans, in order, or one plan."""
    if isinstance(value, Plan):
        return (value,)
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidTypeError(name, value, "a Plan or a sequence of Plans, in order")
    return tuple(of_type(f"{name}[{i}]", plan, Plan, "a Plan") for i, plan in enumerate(value))


def _bins(name: str, value: object) -> int | str:
    if value == DISTINCT and isinstance(value, str):
        return DISTINCT
    if isinstance(value, str):
        raise InvalidValueError(
            f"{name}(bins)", value, 'a whole number from 1 to 100, or "distinct"'
        )
    return whole(f"{name}(bins)", value, minimum=1, maximum=100)


@attrs.frozen
class Settings:
    """A calibration's arguments, each checked and named after its function."""

    as_of: dt.date
    by: Grouping
    bins: int | str
    min_forecasts: int
    min_key_results: int

    @classmethod
    def checked(
        cls, name: str, as_of: object, by: object, bins: object, least: object, fewest: object
    ) -> Settings:
        return cls(
            to_date(f"{name}(as_of)", as_of),
            member(f"{name}(by)", by, Grouping),
            _bins(name, bins),
            whole(f"{name}(min_forecasts)", least, minimum=1, maximum=10**9),
            whole(f"{name}(min_key_results)", fewest, minimum=1, maximum=10**9),
        )

    @property
    def least(self) -> tuple[int, int]:
        """The fewest forecasts and key results a group is measured with."""
        return self.min_forecasts, self.min_key_results


def ordered_names(names: Iterable[str | None], by: Grouping) -> list[str | None]:
    """The groups' names in the order a calibration lists them: plans as given,
    owners and teams by name (the one without a name last)."""
    order = list(names)
    if by is not Grouping.PLAN:
        order.sort(key=lambda name: (name is None, name or ""))
    return order


def plan_names(plans: Sequence[Plan], given: object = None) -> tuple[str, ...]:
    """A name for each plan: the one *given*, else its title, else its period, else
    ``plan``; a name two plans share gets the plan's place in the history (``Sales #2``)."""
    if given is None:
        names = [
            plan.title or (str(plan.period) if plan.period is not None else "plan")
            for plan in plans
        ]
    else:
        names = [
            text("calibration(names)", name) for name in tuple_of("calibration(names)", given, str)
        ]
        if len(names) != len(plans):
            raise InvalidValueError(
                "calibration(names)", given, f"one name for each of the {len(plans)} plans"
            )
    return tuple(
        f"{name} #{index + 1}" if names.count(name) > 1 else name
        for index, name in enumerate(names)
    )


def stated_confidences(
    plans: Sequence[Plan], as_of: dt.date
) -> tuple[list[StatedConfidence], int, int, int]:
    """Every forecast of *plans* whose window has ended by *as_of*, with its
    outcome, in plan order; and how many key results with a stated confidence
    had ended, were still open, and had no period."""
    found: list[StatedConfidence] = []
    ended = still_open = no_period = 0
    for index, plan in enumerate(plans):
        for objective in plan.objectives:
            period = plan.period_of(objective)
            keys = objective.key_result_keys()
            for item, key in zip(objective.key_results, keys, strict=True):
                stated = [(c.date, c.confidence) for c in item.checkins if c.confidence is not None]
                if not stated:
                    continue
                if period is None:
                    no_period += 1
                    continue
                start, end = key_result_window(item, period)
                if end >= as_of:
                    still_open += 1
                    continue
                inside = sorted((day, sure) for day, sure in stated if start <= day <= end)
                if not inside:
                    continue
                ended += 1
                achieved = achieved_on(item, end)
                owner = item.owner or objective.owner
                found += [
                    StatedConfidence(index, objective.key, key, owner, objective.owner, day, sure,
                                     achieved)
                    for day, sure in inside
                ]  # fmt: skip
    return found, ended, still_open, no_period


def calibration(
    plans: Plan | Iterable[Plan],
    *,
    as_of: dt.date | str,
    by: Grouping | str = Grouping.OWNER,
    bins: int | str = 10,
    min_forecasts: int = 30,
    min_key_results: int = 5,
    names: Sequence[str] | None = None,
    lang: str | None = None,
) -> Calibration:
    """How well the confidence stated at check-ins foretold whether key results
    were achieved, over a history of *plans* (in order), as of a date.

    Args:
        as_of: The date "today" is (or ISO date text): key results whose window
            ended before it count.
        by: Group the forecasts by ``owner``, ``team`` or ``plan``.
        bins: How many equal bins of [0, 1] the reliability curve and the
            decomposition use, or ``"distinct"`` for one per distinct forecast.
        min_forecasts: A group with fewer forecasts is ``not_enough_data``.
        min_key_results: So is a group whose forecasts are about fewer key
            results (the forecasts of one key result share one outcome).
        names: A name for each plan (its file, say) for ``by="plan"``; by
            default its title, else its period.
        lang: ``en`` or ``es`` for the result's views; by default the first
            plan's ``lang``, else English.
    """
    history = history_plans("calibration(plans)", plans)
    chosen = Settings.checked("calibration", as_of, by, bins, min_forecasts, min_key_results)
    names = plan_names(history, names)
    language = check_lang((history[0].lang if history else None) or "en" if lang is None else lang)
    forecasts, ended, still_open, no_period = stated_confidences(history, chosen.as_of)
    pooled: dict[str | None, list[StatedConfidence]] = {}
    for forecast in forecasts:
        if chosen.by is Grouping.OWNER:
            key = forecast.owner
        elif chosen.by is Grouping.TEAM:
            key = forecast.team
        else:
            key = names[forecast.plan]
        pooled.setdefault(key, []).append(forecast)
    binning, least, fewest = chosen.bins, chosen.min_forecasts, chosen.min_key_results
    return Calibration(
        chosen.as_of, chosen.by, binning, least, fewest,
        _group(None, forecasts, binning, least, fewest),
        tuple(_group(name, pooled[name], binning, least, fewest)
              for name in ordered_names(pooled, chosen.by)),
        tuple(forecasts), ended, still_open, no_period, names, language,
    )  # fmt: skip
