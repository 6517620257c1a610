"""A downstream application's tests, written the way its authors would: they ask
Hypothesis for okrkit values by type and test their own code with them.

The "application" here is a small team dashboard built on okrkit's public API.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from collections import defaultdict
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import okrkit


@dataclass
class Row:
    objectives: int = 0
    key_results: int = 0
    scores: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def mean(self) -> float:
        return sum(self.scores) / len(self.scores)


def dashboard(plan: okrkit.Plan, today: dt.date) -> dict[str, Row]:
    """Per owner: objectives, key results, mean score and the errors to fix."""
    card = okrkit.score(plan, as_of=today)
    report = okrkit.check(plan, as_of=today)
    rows: dict[str, Row] = defaultdict(Row)
    owners = {o.key: o.owner or "(nobody)" for o in plan.objectives}
    for objective, scored in zip(plan.objectives, card.objectives, strict=True):
        row = rows[owners[objective.key]]
        row.objectives += 1
        row.key_results += len(objective.key_results)
        row.scores.append(scored.score)
    for finding in report.errors:
        owner = owners.get(finding.where.split("/")[0])
        if owner is not None:
            rows[owner].errors += 1
    return dict(rows)


RELAXED = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RELAXED
@given(st.from_type(okrkit.Plan), st.data())
def test_dashboard_counts_every_key_result(plan: okrkit.Plan, data: st.DataObject) -> None:
    assert plan.period is not None
    today = data.draw(st.dates(plan.period.start, plan.period.end))
    board = dashboard(plan, today)

    assert sum(row.key_results for row in board.values()) == sum(
        len(o.key_results) for o in plan.objectives
    )
    assert all(0.0 <= row.mean <= 1.0 for row in board.values())
    assert all(row.errors == 0 for row in board.values())


@RELAXED
@given(st.from_type(okrkit.Plan))
def test_the_app_stores_plans_as_json_and_in_a_cache(plan: okrkit.Plan) -> None:
    """The app keeps plans as JSON files and pickles them into its cache."""
    text = okrkit.dumps(plan, format="json")

    assert json.loads(text)["okrkit"] == 1
    assert okrkit.loads(text, format="json") == plan
    assert pickle.loads(pickle.dumps(plan)) == plan


@RELAXED
@given(st.from_type(okrkit.KeyResult), st.from_type(okrkit.Objective))
def test_the_app_adds_a_key_result(item: okrkit.KeyResult, objective: okrkit.Objective) -> None:
    """Adding a key result makes a new objective and leaves the old one as it was."""
    grown = objective.measured_by(item)

    assert grown.key_results[-1] == item
    assert len(grown.key_results) == len(objective.key_results) + 1
    assert grown is not objective
