"""Where a series of check-ins may stand at its deadline: a predictive
distribution, its median and interval, and the chance it lands on the target's
side.

A series is a list of (day, value) points in day order, the days counted from
the window's first day. Three methods, each with its assumptions:

- ``increments`` (the default): the value moves by steps whose mean and variance
  grow with the days between check-ins (a random walk with a drift), as a running
  total of calls or revenue does. With m steps d_i over g_i days (G in all), the
  drift is μ = Σ d_i / G and the spread σ² = Σ (d_i − μ g_i)² / g_i / (m − 1).
  From the latest value y_n, h days before the deadline, the value there is
  y_n + μ h, give or take σ √(h (1 + h / G)): the steps still to come and the
  drift's own uncertainty. It follows Student's t with m − 1 degrees of freedom.
- ``trend``: a straight line fitted by least squares (the line of the trend
  forecast), the values scattered around it independently. The value at the
  deadline x is the line's, give or take s √(1 + 1/n + (x − x̄)² / Sxx), with
  Student's t on n − 2 degrees of freedom: the classic prediction interval.
- ``bootstrap``: the increments' model without the normal law: the steps seen,
  standardized, are drawn again with replacement (``resamples`` times, from
  ``random.Random(seed)``), once to redo the drift and once for the steps to come.
- ``pooled``: the increments' model, learning from the key result's earlier
  windows too (``past``: each a series of its own, in the same unit). The spread
  is pooled: σ² = (S + Σ S_j) / (m − 1 + Σ (m_j − 1)), S being a window's sum of
  squared standardized steps, on as many degrees of freedom. The drift gets an
  empirical-Bayes prior: its mean μ₀ is the mean of the k earlier drifts, and
  how much drifts differ from window to window, τ², is their variance (the
  current one's included) less what sampling alone explains (σ²/G of each),
  never below 0. The prior's own variance is P = τ² + (τ² + mean σ²/G_j) / k; the
  drift is then μ = μ₀ + w (μ̂ − μ₀), w = P / (P + σ²/G), known to within
  V = w σ²/G. The value at the deadline is y_n + μ h, give or take
  √(σ² h + V h²), with Student's t on the pooled degrees of freedom. With no
  earlier window it is ``increments``.

Every method needs :data:`MIN_POINTS` points. Values are divided by their
largest magnitude before any arithmetic, so a series in hours and the same in
days give the same probability, and no square overflows.
"""

from __future__ import annotations

import itertools
import math
import random
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum

import attrs

from okrkit._history._student import student_cdf, student_quantile
from okrkit._repr import fields_repr, value_repr


__all__ = [
    "DEFAULT_LEVEL",
    "DEFAULT_RESAMPLES",
    "MIN_POINTS",
    "ForecastMethod",
    "Predictive",
    "ProbabilityStatus",
    "predictive",
    "quantile",
]

MIN_POINTS = 4
"""The fewest points (the baseline counts as one) a probability is given from:
three steps, so the spread is estimated on at least two degrees of freedom."""
DEFAULT_LEVEL = 0.8
"""The interval's default level: four chances in five of holding the value."""
DEFAULT_RESAMPLES = 2000
_LARGEST = sys.float_info.max


class ForecastMethod(StrEnum):
    """How the value at the deadline is foreseen (see :mod:`okrkit.history`)."""

    INCREMENTS = "increments"
    TREND = "trend"
    BOOTSTRAP = "bootstrap"
    POOLED = "pooled"

    def __repr__(self) -> str:
        return value_repr(self)


class ProbabilityStatus(StrEnum):
    """Whether a forecast has a probability, and if not, why not."""

    ESTIMATED = "estimated"
    NOT_ENOUGH_DATA = "not_enough_data"
    """Fewer check-ins in the window than :data:`MIN_POINTS`."""
    MILESTONE = "milestone"
    """An ``achieve`` key result: done or not, it has no series to extend."""
    NO_TARGET = "no_target"
    """No target (or none in the key result's unit): nothing to reach."""
    NOT_FINITE = "not_finite"
    """The check-ins give no finite figure (values near the largest float)."""

    def __repr__(self) -> str:
        return value_repr(self)


@attrs.frozen(repr=False)
class Predictive:
    """The value at the deadline: its median, an interval holding it with the
    chance asked, and the probability that it reaches the target."""

    median: float
    low: float
    high: float
    probability: float

    def __repr__(self) -> str:
        return fields_repr(self)


def _steps(points: Sequence[tuple[float, float]]) -> tuple[list[float], list[float], float]:
    """The steps between points, their lengths in days, and the drift per day."""
    steps = [b[1] - a[1] for a, b in itertools.pairwise(points)]
    days = [b[0] - a[0] for a, b in itertools.pairwise(points)]
    return steps, days, (points[-1][1] - points[0][1]) / (points[-1][0] - points[0][0])


def _increments(points: Sequence[tuple[float, float]], end: float) -> tuple[float, float, float]:
    """The increments' centre, scale and degrees of freedom at day *end*."""
    drift, total, spread, freedom = _spread(points)
    variance = spread / freedom
    ahead = end - points[-1][0]
    return (
        points[-1][1] + drift * ahead,
        math.sqrt(variance * ahead * (1.0 + ahead / total)),
        float(freedom),
    )


def _spread(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, int]:
    """A window's drift per day, its days, its sum of squared standardized steps,
    and its degrees of freedom."""
    steps, days, drift = _steps(points)
    spread = math.fsum((d - drift * g) ** 2 / g for d, g in zip(steps, days, strict=True))
    return drift, points[-1][0] - points[0][0], spread, len(steps) - 1


def _pooled(
    points: Sequence[tuple[float, float]],
    end: float,
    past: Sequence[Sequence[tuple[float, float]]],
) -> tuple[float, float, float]:
    """The pooled increments' centre, scale and degrees of freedom at day *end*."""
    if not past:
        return _increments(points, end)
    drift, total, spread, freedom = _spread(points)
    earlier = [_spread(window) for window in past]
    freedom += sum(window[3] for window in earlier)
    variance = (spread + math.fsum(window[2] for window in earlier)) / freedom
    drifts = [window[0] for window in earlier]
    prior = math.fsum(drifts) / len(drifts)
    noise = math.fsum(variance / window[1] for window in earlier) / len(earlier)
    everyone = [drift, *drifts]
    middle = math.fsum(everyone) / len(everyone)
    between = math.fsum((d - middle) ** 2 for d in everyone) / (len(everyone) - 1)
    among = max(0.0, between - (noise * len(earlier) + variance / total) / len(everyone))
    doubt = among + (among + noise) / len(earlier)
    sampling = variance / total
    weight = doubt / (doubt + sampling) if doubt + sampling > 0 else 1.0
    ahead = end - points[-1][0]
    return (
        points[-1][1] + (prior + weight * (drift - prior)) * ahead,
        math.sqrt(variance * ahead + weight * sampling * ahead * ahead),
        float(freedom),
    )


def _trend(points: Sequence[tuple[float, float]], end: float) -> tuple[float, float, float]:
    """The least-squares line's centre, scale and degrees of freedom at day *end*."""
    count = len(points)
    mean_x = math.fsum(x for x, _ in points) / count
    mean_y = math.fsum(y for _, y in points) / count
    sxx = math.fsum((x - mean_x) ** 2 for x, _ in points)
    slope = math.fsum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    residuals = math.fsum((y - mean_y - slope * (x - mean_x)) ** 2 for x, y in points)
    variance = residuals / (count - 2)
    centre = mean_y + slope * (end - mean_x)
    return (
        centre,
        math.sqrt(variance * (1.0 + 1.0 / count + (end - mean_x) ** 2 / sxx)),
        float(count - 2),
    )


def quantile(ordered: Sequence[float], share: float) -> float:
    """The *share* quantile of sorted values, interpolated between neighbours."""
    place = share * (len(ordered) - 1)
    below = math.floor(place)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (place - below)


def _bootstrap(
    points: Sequence[tuple[float, float]],
    end: float,
    threshold: float,
    rising: bool,
    level: float,
    seed: int,
    resamples: int,
) -> tuple[float, float, float, float]:
    """Median, interval and probability from the steps drawn again."""
    steps, days, drift = _steps(points)
    count = len(steps)
    inflate = math.sqrt(count / (count - 1))  # the drift was fitted to these steps
    shocks = [(d - drift * g) / math.sqrt(g) * inflate for d, g in zip(steps, days, strict=True)]
    roots = [math.sqrt(g) for g in days]
    total = points[-1][0] - points[0][0]
    ahead = end - points[-1][0]
    pieces = max(1, min(50, round(ahead / (total / count))))  # steps to come, at most 50
    piece = math.sqrt(ahead / pieces)
    rng = random.Random(seed)
    latest = points[-1][1]
    values = []
    for _ in range(resamples):
        redone = drift + math.fsum(map(float.__mul__, rng.choices(shocks, k=count), roots)) / total
        values.append(latest + redone * ahead + math.fsum(rng.choices(shocks, k=pieces)) * piece)
    values.sort()
    reached = sum(v >= threshold for v in values) if rising else sum(v <= threshold for v in values)
    tail = (1.0 - level) / 2.0
    return (
        quantile(values, 0.5),
        quantile(values, tail),
        quantile(values, 1.0 - tail),
        reached / resamples,
    )


def predictive(
    points: Sequence[tuple[float, float]],
    end: float,
    *,
    threshold: float,
    rising: bool,
    met: Callable[[float], bool],
    method: ForecastMethod = ForecastMethod.INCREMENTS,
    level: float = DEFAULT_LEVEL,
    seed: int = 0,
    resamples: int = DEFAULT_RESAMPLES,
    past: Sequence[Sequence[tuple[float, float]]] = (),
) -> Predictive | None:
    """The value at day *end* of a series of at least :data:`MIN_POINTS` points
    with strictly rising days; ``None`` when a figure would not be finite.
    *past* holds the earlier windows the ``pooled`` method learns from (each as
    a series is: at least :data:`MIN_POINTS` points, strictly rising days).

    *threshold* and *rising* say which side reaches the target (at or above it,
    or at or below it); *met* is the exact test for a value known for sure
    (no day left, or a series without scatter), so a strict bound stays strict.
    """
    scale = max(abs(y) for _, y in points)
    scale = max(scale, abs(threshold)) or 1.0
    anchor = points[-1][1]
    series = [(x, y / scale - anchor / scale) for x, y in points]
    goal = threshold / scale - anchor / scale
    if end <= points[-1][0]:  # no day left: the latest value is the value at the deadline
        centre, spread, freedom = 0.0, 0.0, 1.0
    elif method is ForecastMethod.TREND:
        centre, spread, freedom = _trend(series, end)
    elif method is ForecastMethod.POOLED:
        earlier = [[(x, y / scale) for x, y in window] for window in past]
        centre, spread, freedom = _pooled(series, end, earlier)
    else:
        centre, spread, freedom = _increments(series, end)
    if method is ForecastMethod.BOOTSTRAP and spread > 0:
        median, low, high, probability = _bootstrap(
            series, end, goal, rising, level, seed, resamples
        )
    elif spread > 0:
        cut = student_cdf((goal - centre) / spread, freedom)
        probability = 1.0 - cut if rising else cut
        reach = student_quantile(0.5 + level / 2.0, freedom) * spread
        median, low, high = centre, centre - reach, centre + reach
    else:
        median = low = high = centre
        probability = 1.0 if met(_back(centre, anchor, scale)) else 0.0
    figures = (median, low, high, probability)
    if not all(math.isfinite(figure) for figure in figures):
        return None
    return Predictive(
        _back(median, anchor, scale),
        _back(low, anchor, scale),
        _back(high, anchor, scale),
        min(1.0, max(0.0, probability)),
    )


def _back(value: float, anchor: float, scale: float) -> float:
    """A scaled value in the series' own unit again, kept within the finite floats."""
    if value == 0.0:
        return anchor
    found = anchor + value * scale
    if math.isinf(found) or math.isnan(found):
        return math.copysign(_LARGEST, value)
    return found
