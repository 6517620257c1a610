"""Student's t distribution, with the standard library only: its distribution
function and its quantiles.

A forecast from few check-ins estimates the spread of the series from them,
so the value it predicts follows a t distribution rather than a normal one:
its tails are heavier the fewer the points. The distribution function comes
from the regularized incomplete beta function, worked out by its continued
fraction (DLMF 8.17.22) evaluated with Lentz's method; a quantile is found by
Newton's method on it, kept inside a bracket that halves when a step leaves it.
"""

from __future__ import annotations

import functools
import math
from statistics import NormalDist


__all__ = ["student_cdf", "student_quantile"]

_TINY = 1e-300
_STEPS = 1000
"""The most terms the continued fraction is given (it converges in a few dozen
for the degrees of freedom forecasts have)."""
_NORMAL = 1e7
"""From this many degrees of freedom on, the t distribution is the normal one
to well within float precision for the probabilities okrkit reports."""


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b), without its leading factor."""
    c = 1.0
    d = 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (_TINY if abs(d) < _TINY else d)
    value = d
    for m in range(1, _STEPS):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (_TINY if abs(d) < _TINY else d)
            c = 1.0 + numerator / c
            c = _TINY if abs(c) < _TINY else c
            value *= c * d
        if abs(c * d - 1.0) < 1e-16:
            break
    return value


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b), for a, b > 0."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):  # the fraction converges fast on this side
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, 1.0 - x) / b


def student_cdf(t: float, df: float) -> float:
    """P(T ≤ *t*) for T following Student's t with *df* > 0 degrees of freedom."""
    if math.isnan(t):
        return math.nan
    if math.isinf(t):
        return 1.0 if t > 0 else 0.0
    if df >= _NORMAL:
        return NormalDist().cdf(t)
    tail = 0.5 * _incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def _density(t: float, df: float) -> float:
    log = (
        math.lgamma((df + 1.0) / 2.0)
        - math.lgamma(df / 2.0)
        - 0.5 * math.log(df * math.pi)
        - (df + 1.0) / 2.0 * math.log1p(t * t / df)
    )
    return math.exp(log)


@functools.lru_cache(maxsize=256)
def student_quantile(p: float, df: float) -> float:
    """The *t* with P(T ≤ t) = *p* (0 < p < 1). Forecasts ask for the same few
    (level, degrees of freedom) again and again, so answers are kept."""
    if not 0.0 < p < 1.0:
        raise ValueError(f"a probability strictly between 0 and 1, got {p!r}")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -student_quantile(1.0 - p, df)
    if df >= _NORMAL:
        return NormalDist().inv_cdf(p)
    low, high = 0.0, 1.0
    while student_cdf(high, df) < p:  # heavy tails: widen until the bracket holds p
        low, high = high, high * 2.0
    guess = min(max(NormalDist().inv_cdf(p), low), high)
    for _ in range(200):
        gap = student_cdf(guess, df) - p
        if abs(gap) < 1e-15 or high - low < 1e-15 * high:
            break
        if gap > 0:
            high = guess
        else:
            low = guess
        step = guess - gap / _density(guess, df)
        guess = step if low < step < high else (low + high) / 2.0
    return guess
