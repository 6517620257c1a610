"""Counts that arrive at random: drawing them, and the exact chance of reaching a total.

The simulated histories count calls, deals, posts and referrals. A count over a
week is Poisson; the deals a known number of calls bring are binomial. Both are
drawn here from one :class:`random.Random`, and the chance that such counts
reach a number is worked out exactly (to floating-point precision), with the
standard library only.
"""

from __future__ import annotations

import math
import random


__all__ = ["at_least", "binomial", "poisson", "poisson_at_least"]

_PIECE = 500.0
"""A Poisson mean above this is drawn as a sum of pieces, so ``exp(-mean)`` never
underflows."""

_TINY = 1e-300
_STEPS = 100_000
"""The most terms a series or a continued fraction is given: they converge in
a few hundred for the means okrkit draws."""


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson count with this *mean*, by inversion (one uniform draw per piece)."""
    count = 0
    while mean > 0:
        piece = min(mean, _PIECE)
        mean -= piece
        draw = rng.random()
        term = math.exp(-piece)
        total, found = term, 0
        while draw > total and term > 0:
            found += 1
            term *= piece / found
            total += term
        count += found
    return count


def binomial(rng: random.Random, trials: int, chance: float) -> int:
    """How many of *trials* succeed, each with this *chance*."""
    return sum(rng.random() < chance for _ in range(trials))


def _lower_gamma(a: float, x: float) -> float:
    """The regularized lower incomplete gamma function P(a, x), for a > 0, x > 0:
    a series below a + 1, a continued fraction (Lentz) above."""
    scale = math.exp(a * math.log(x) - x - math.lgamma(a))
    if x < a + 1:
        term = total = 1.0 / a
        n = a
        for _ in range(_STEPS):
            n += 1
            term *= x / n
            total += term
            if term < total * 1e-17:
                break
        return min(1.0, total * scale)
    b = x + 1 - a
    c = 1 / _TINY
    d = 1 / b
    fraction = d
    for i in range(1, _STEPS):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + an / c
        c = _TINY if abs(c) < _TINY else c
        d = 1 / d
        step = d * c
        fraction *= step
        if abs(step - 1) < 1e-16:
            break
    return max(0.0, 1.0 - scale * fraction)


def poisson_at_least(needed: int, mean: float) -> float:
    """P(X ≥ *needed*) for X Poisson with this *mean*."""
    if needed <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    return _lower_gamma(float(needed), mean)


def at_least(needed: int, trials: int, chance: float, mean: float) -> float:
    """P(B + X ≥ *needed*), B binomial (*trials*, *chance*) and X Poisson (*mean*),
    independent: the binomial's terms within 12 standard deviations of its mean
    (the rest weigh less than 1e-30), each times the Poisson's tail."""
    if needed <= 0:
        return 1.0
    if trials == 0 or chance <= 0:
        return poisson_at_least(needed, mean)
    if chance >= 1:
        return poisson_at_least(needed - trials, mean)
    centre = trials * chance
    reach = 12 * math.sqrt(centre * (1 - chance)) + 1
    low, high = max(0, math.floor(centre - reach)), min(trials, math.ceil(centre + reach))
    log_p, log_q = math.log(chance), math.log1p(-chance)
    whole = math.lgamma(trials + 1)
    total = 0.0
    for successes in range(low, high + 1):
        weight = math.exp(
            whole
            - math.lgamma(successes + 1)
            - math.lgamma(trials - successes + 1)
            + successes * log_p
            + (trials - successes) * log_q
        )
        total += weight * poisson_at_least(needed - successes, mean)
    return min(1.0, max(0.0, total))
