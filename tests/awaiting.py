"""Rules whose reference examples wait for the statement reader (issue 12).

A rule that fires on what the reader puts in ``Reading.issues`` waits here until
the reader gives it (``ambiguous-number`` did, until the reader flagged "1,500" in a
Spanish statement). Each such case is a strict xfail, so it fails the day the
reader gets it right, and the rule is then taken off this list.
"""

from __future__ import annotations

from typing import Any

import pytest

from okrkit.rules import Rule


WAITING_FOR_THE_READER: frozenset[str] = frozenset()


def awaiting_the_reader(rule: Rule) -> Any:
    """*rule* as a test parameter, a strict xfail if its example waits for the reader."""
    if rule.id in WAITING_FOR_THE_READER:
        return pytest.param(rule, marks=pytest.mark.xfail(strict=True, reason="reader"))
    return rule
