"""Hypothesis's plugin hook: ``st.from_type(okrkit.Plan)`` draws from okrkit.strategies.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported (the
``hypothesis`` entry point in pyproject.toml), in every project where okrkit is
installed, whether its tests use okrkit or not. So the hook loads nothing: it
registers the types when the program first reads a public name from okrkit (at
once, if it already has), and each registration imports :mod:`okrkit.strategies`
only when a strategy is first asked for.
"""

from __future__ import annotations

import sys
from typing import Any


_STRATEGIES = {
    "Plan": "plans",
    "Objective": "objectives",
    "KeyResult": "key_results",
    "CheckIn": "checkins",
    "Period": "periods",
    "Amount": "amounts",
}


def _hypothesis_setup_hook() -> None:
    import okrkit  # noqa: PLC0415 - the package alone is cheap; its names load on use

    homes = {okrkit._HOMES[name] for name in _STRATEGIES}
    if any(home in sys.modules for home in homes):
        _register()
    else:
        okrkit._first_use.append(_register)


def _register() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - only Hypothesis calls this

    import okrkit  # noqa: PLC0415

    for type_name, function in _STRATEGIES.items():
        st.register_type_strategy(getattr(okrkit, type_name), _deferred(function))


def _deferred(function: str) -> Any:
    def resolve(_type: type) -> Any:
        from okrkit import strategies  # noqa: PLC0415 - on first use, not at Hypothesis import

        return getattr(strategies, function)()

    return resolve
