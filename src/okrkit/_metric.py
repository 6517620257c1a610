"""Metric types: what kind of number a key result measures.

A metric type knows its valid range and whether higher or lower is better, so a
rule can tell a target of 120 % or an NPS of 140 from a good one. Built-in
types cover money, time, percentages, counts, rates and scores on a scale;
users define their own with :class:`MetricType` and :func:`register_metric_type`.
"""

from __future__ import annotations

import threading
from enum import StrEnum

import attrs

from okrkit._amount import unit_text
from okrkit._fields import (
    flag,
    number,
    of_type,
    optional_member,
    optional_number,
    optional_text,
    text,
)
from okrkit._repr import fields_repr, value_repr
from okrkit.exceptions import InvalidValueError


__all__ = [
    "CSAT",
    "NPS",
    "MetricKind",
    "MetricType",
    "Polarity",
    "count",
    "currency",
    "duration",
    "metric_type",
    "percentage",
    "rate",
    "register_metric_type",
    "scale",
]


class Polarity(StrEnum):
    """Which way is better for a metric."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"

    def __repr__(self) -> str:
        return value_repr(self)


class MetricKind(StrEnum):
    """The broad family of a metric; rules and the statement reader use it."""

    CURRENCY = "currency"
    DURATION = "duration"
    PERCENTAGE = "percentage"
    COUNT = "count"
    RATE = "rate"
    SCORE = "score"
    NUMBER = "number"

    def __repr__(self) -> str:
        return value_repr(self)


def _check_range(instance: MetricType, attribute: object, value: float | None) -> None:
    low, high = instance.minimum, instance.maximum
    if low is not None and high is not None and low >= high:
        raise InvalidValueError("MetricType.maximum", high, f"a number above the minimum {low:g}")


def _metrictype_name(value: object) -> str:
    return text("MetricType.name", value)


def _metrictype_kind(value: object) -> MetricKind:
    return optional_member("MetricType.kind", value, MetricKind) or MetricKind.NUMBER


def _metrictype_minimum(value: object) -> float | None:
    return optional_number("MetricType.minimum", value)


def _metrictype_maximum(value: object) -> float | None:
    return optional_number("MetricType.maximum", value)


def _metrictype_polarity(value: object) -> Polarity | None:
    return optional_member("MetricType.polarity", value, Polarity)


def _metrictype_per(value: object) -> str | None:
    return optional_text("MetricType.per", value)


def _metrictype_unit(value: object) -> str | None:
    return unit_text("MetricType.unit", value)


@attrs.frozen(repr=False)
class MetricType:
    """A kind of measurement with its valid range and polarity.

    ``unit`` is the unit values are written in (``"USD"``, ``"day"``,
    ``"percent"``, ``"call"``); ``None`` leaves it to the key result.
    """

    name: str = attrs.field(converter=_metrictype_name)
    kind: MetricKind = attrs.field(default=MetricKind.NUMBER, converter=_metrictype_kind)
    unit: str | None = attrs.field(default=None, converter=_metrictype_unit)
    minimum: float | None = attrs.field(
        default=None,
        converter=_metrictype_minimum,
    )
    maximum: float | None = attrs.field(
        default=None,
        converter=_metrictype_maximum,
        validator=_check_range,
    )
    polarity: Polarity | None = attrs.field(
        default=None,
        converter=_metrictype_polarity,
    )
    per: str | None = attrs.field(default=None, converter=_metrictype_per)

    def contains(self, value: float) -> bool:
        """Whether *value* lies in the valid range (inclusive)."""
        value = number("MetricType.contains(value)", value)
        if self.minimum is not None and value < self.minimum:
            return False
        return not (self.maximum is not None and value > self.maximum)

    def __repr__(self) -> str:
        return fields_repr(self, positional=("name",))


def currency(code: str = "USD") -> MetricType:
    """Money in the ISO currency *code*; never negative by default."""
    code = text("currency(code)", code)
    return MetricType(
        f"currency:{code}", MetricKind.CURRENCY, unit=code, minimum=0,
        polarity=Polarity.HIGHER_IS_BETTER,
    )  # fmt: skip


def duration(unit: str = "day", *, polarity: Polarity | str | None = None) -> MetricType:
    """A length of time, such as a sales cycle or a response time."""
    unit = text("duration(unit)", unit)
    return MetricType(
        f"duration:{unit}", MetricKind.DURATION, unit=unit, minimum=0, polarity=polarity
    )


def percentage(*, polarity: Polarity | str | None = None) -> MetricType:
    """A share of a whole, written 0–100 %."""
    return MetricType(
        "percentage", MetricKind.PERCENTAGE, unit="percent", minimum=0, maximum=100,
        polarity=polarity,
    )  # fmt: skip


def count(noun: str = "count") -> MetricType:
    """A count of something (calls, leads, deals): whole, never negative."""
    noun = text("count(noun)", noun)
    return MetricType(
        f"count:{noun}", MetricKind.COUNT, unit=noun, minimum=0,
        polarity=Polarity.HIGHER_IS_BETTER,
    )  # fmt: skip


def rate(noun: str, per: str) -> MetricType:
    """A count per period: ``rate("call", "week")``."""
    noun, per = text("rate(noun)", noun), text("rate(per)", per)
    return MetricType(
        f"rate:{noun}/{per}", MetricKind.RATE, unit=noun, minimum=0,
        polarity=Polarity.HIGHER_IS_BETTER, per=per,
    )  # fmt: skip


def scale(
    name: str,
    minimum: float,
    maximum: float,
    *,
    polarity: Polarity | str = Polarity.HIGHER_IS_BETTER,
) -> MetricType:
    """A score on a bounded scale, such as NPS (−100..100) or CSAT (1..5)."""
    return MetricType(name, MetricKind.SCORE, minimum=minimum, maximum=maximum, polarity=polarity)


NPS = scale("nps", -100, 100)
"""Net promoter score, −100 to 100."""

CSAT = scale("csat", 1, 5)
"""Customer satisfaction on a 1 to 5 scale."""

_lock = threading.Lock()
_named: dict[str, MetricType] = {
    "nps": NPS,
    "csat": CSAT,
    "percentage": percentage(),
    "currency": currency("USD"),
    "duration": duration("day"),
    "count": count(),
    "number": MetricType("number"),
}


def register_metric_type(metric: MetricType, *, replace: bool = False) -> MetricType:
    """Make *metric* available by name (in plan files: ``type: <name>``)."""
    of_type("register_metric_type(metric)", metric, MetricType, "a MetricType")
    flag("register_metric_type(replace)", replace)
    with _lock:
        if metric.name in _named and not replace and _named[metric.name] != metric:
            raise InvalidValueError(
                "register_metric_type(metric)",
                metric.name,
                "a name not already registered (pass replace=True to redefine it)",
            )
        _named[metric.name] = metric
    return metric


def metric_type(name: str) -> MetricType:
    """The registered metric type called *name*."""
    name = text("metric_type(name)", name)
    with _lock:
        found = _named.get(name)
        known = ", ".join(sorted(_named))
    if found is None:
        raise InvalidValueError("metric type", name, f"one of {known}, or a registered type")
    return found
