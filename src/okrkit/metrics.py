"""Metric types: built-in kinds of measurement, and a registry for your own.

>>> from okrkit.metrics import NPS, percentage
>>> NPS.contains(140)
False
>>> percentage().maximum
100.0
"""

from okrkit._metric import (
    CSAT,
    NPS,
    MetricKind,
    MetricType,
    Polarity,
    count,
    currency,
    duration,
    metric_type,
    percentage,
    rate,
    register_metric_type,
    scale,
)


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
