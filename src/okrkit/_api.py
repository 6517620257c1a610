"""The façade that wires the layers together: check a plan.

Rules only see the model; this module prepares a plan for them and applies
the policy and language the caller asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from okrkit._fields import flag, of_type, optional_date, optional_flag
from okrkit._findings import Report
from okrkit._model import Plan
from okrkit._period_words import check_lang
from okrkit._policy import Policy, rule_list, selected_rules
from okrkit._rules import (
    load_plugins,
    refuse_all,
    run_rules,
    unknown_policy_rules,
    unknown_rules,
)
from okrkit._text import read_plan
from okrkit.exceptions import InvalidValueError, UnknownRuleError


if TYPE_CHECKING:
    from okrkit._score import Scorecard


__all__ = ["check", "score"]


def check(
    plan: Plan,
    *,
    as_of: dt.date | str | None = None,
    policy: Policy | str | None = None,
    lang: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    strict: bool | None = None,
    history: Plan | Iterable[Plan] | None = None,
) -> Report:
    """Run every rule the policy enables on *plan* and return the findings.

    Args:
        as_of: The date "today" is (or ISO date text), for rules about time
            (stale check-ins).
        policy: Thresholds and severities, or a preset's name (``"default"``,
            ``"strict"``); :class:`Policy` defaults otherwise. The settings of the
            plan's own ``policy`` that differ from the defaults are applied on top.
        lang: ``en`` or ``es`` for messages; by default the plan's ``lang``, else English.
        select: Run only these rule ids.
        ignore: Skip these rule ids.
        strict: Report warnings as errors.
        history: Plans of past periods, in order: the rules that need them
            (``link-not-supported-by-history``) run on them too. None by
            default, and then those rules find nothing.

    Raises:
        UnknownRuleError: A rule id (in *select*, *ignore*, a policy or an
            ``ignore:`` of the plan) that no rule has: a typo never turns a check off.
    """
    plan = of_type("check(plan)", plan, Plan, "a Plan")
    day = optional_date("as_of", as_of)
    language = check_lang(plan.lang or "en" if lang is None else lang)
    given = None if policy is None else Policy.coerce(policy, field="check(policy)")
    chosen = _with_plan_policy(plan, given).with_options(
        strict=optional_flag("check(strict)", strict),
        select=selected_rules("check(select)", select),
        ignore=rule_list("check(ignore)", ignore),
    )
    past = () if history is None else _history("check(history)", history)
    unknown = _unknown_rules(plan, given, chosen, language)
    try:
        report = run_rules(read_plan(plan), policy=chosen, as_of=day, lang=language, history=past)
    except UnknownRuleError as exc:  # an ignore: of the plan: said with the others
        unknown += exc.each
    refuse_all(unknown)
    return report


def _history(name: str, value: object) -> tuple[Plan, ...]:
    from okrkit._history._calibration import history_plans  # noqa: PLC0415 - only when given

    return history_plans(name, value)


def _with_plan_policy(plan: Plan, given: Policy | None) -> Policy:
    """*given* (else the defaults) with the settings of the plan's own ``policy:``
    that differ from the defaults laid on top: what check and score both apply."""
    chosen = Policy() if given is None else given
    if plan.policy is not None:
        chosen = Policy.from_mapping(plan.policy.to_mapping(), base=chosen)
    return chosen


def _unknown_rules(
    plan: Plan, given: Policy | None, chosen: Policy, lang: str
) -> list[UnknownRuleError]:
    """Every rule id named by the caller's policy, the plan's policy and the
    ``select``/``ignore`` arguments that no rule has, once every plugin is loaded."""
    load_plugins(chosen.plugins)
    unknown = []
    if given is not None:
        unknown += unknown_policy_rules(given, source="Policy.{field}", lang=lang)
    if plan.policy is not None:
        where = "the plan's policy: {field}" if lang == "en" else "la policy: {field} del plan"
        source = plan.source
        unknown += unknown_policy_rules(
            plan.policy,
            source=where,
            lang=lang,
            file=source.file if source is not None else None,
            line_of=source.rule_line if source is not None else None,
        )
    # What is left unknown in the policy checked now came from check()'s arguments.
    named = {error.rule for error in unknown}
    for ids, source_name in ((chosen.select or (), "select"), (chosen.ignore, "ignore")):
        left = [rule for rule in ids if rule not in named]
        unknown += unknown_rules(left, source=f"check({source_name}=...)", lang=lang)
    return unknown


def score(
    plan: Plan,
    *,
    as_of: dt.date | str,
    policy: Policy | str | None = None,
    rollup: bool = False,
    forecasts: bool = False,
    lang: str | None = None,
) -> Scorecard:
    """Progress, score, expected progress and status of every key result and
    objective, and the plan's score, as of a date ("today" is always passed in).

    Args:
        as_of: The date to score as of (or ISO date text); later check-ins are ignored.
        policy: Pacing and grade thresholds, or a preset's name (the defaults
            otherwise); the plan's own policy is applied on top, as :func:`check`
            does.
        rollup: Weigh aligned child objectives into their parents' scores.
        forecasts: Add each key result's trend (:class:`~okrkit.Forecast`).
        lang: ``en`` or ``es`` for the scorecard's views (notebook table, text);
            by default the plan's ``lang``, else English, as :func:`check` does.
    """
    from okrkit._score import score_plan  # noqa: PLC0415 - checking a plan scores nothing

    plan = of_type("score(plan)", plan, Plan, "a Plan")
    day = optional_date("as_of", as_of)
    if day is None:
        raise InvalidValueError("score(as_of)", as_of, "the date to score as of, like 2026-02-15")
    given = None if policy is None else Policy.coerce(policy, field="score(policy)")
    chosen = _with_plan_policy(plan, given)
    rollup, forecasts = flag("score(rollup)", rollup), flag("score(forecasts)", forecasts)
    language = check_lang(plan.lang or "en" if lang is None else lang)
    return score_plan(
        plan, as_of=day, policy=chosen, rollup=rollup, forecasts=forecasts, lang=language
    )
