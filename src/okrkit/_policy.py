"""Policies: the thresholds and severities the checker and scorer apply.

A policy is a value. ``Policy()`` is the ``default`` preset; ``Policy.preset("strict")``
raises every warning to an error. Thresholds are named after what they bound.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from okrkit._fields import (
    boolean,
    checked,
    field_of,
    finite,
    member,
    optional_flag,
    rule_ids,
    text,
)
from okrkit._repr import fields_repr
from okrkit._severity import Severity
from okrkit.exceptions import InvalidTypeError, InvalidValueError


__all__ = [
    "GAP_RANGE",
    "LEVELS",
    "POLICY_KEYS",
    "PRESETS",
    "SCORE_RANGE",
    "Policy",
    "Thresholds",
    "rule_list",
    "selected_rules",
]


def _whole_number(name: str) -> Callable[[object], int]:
    def convert(value: object) -> int:
        number = finite(name, minimum=0)(value)
        if not number.is_integer():
            raise InvalidValueError(name, value, "a whole number ≥ 0")
        return int(number)

    return convert


GAP_RANGE = (-1.0, 0.0)
"""What a pacing gap may be: progress behind the expected, from -1 to 0."""
SCORE_RANGE = (0.0, 1.0)
"""What a score threshold (``yellow_from``, ``green_from``) may be."""


def _gap(name: str) -> Callable[[object], float]:
    return finite(name, minimum=GAP_RANGE[0], maximum=GAP_RANGE[1])


def _fraction(name: str) -> Callable[[object], float]:
    return finite(name, minimum=SCORE_RANGE[0], maximum=SCORE_RANGE[1])


@attrs.frozen(repr=False)
class Thresholds:
    """Numbers the rules and the scorer compare against (defaults from the method)."""

    min_key_results: int = checked(_whole_number, default=3)
    max_key_results: int = checked(_whole_number, default=5)
    max_objectives_per_owner: int = checked(_whole_number, default=5)
    min_period_days: int = checked(_whole_number, default=28)
    max_period_days: int = checked(_whole_number, default=366)
    stale_after_days: int = checked(_whole_number, default=14)
    at_risk_gap: float = checked(_gap, default=-0.10)
    off_track_gap: float = checked(_gap, default=-0.25)
    yellow_from: float = checked(_fraction, default=0.4)
    green_from: float = checked(_fraction, default=0.7)

    def __attrs_post_init__(self) -> None:
        if self.min_key_results > self.max_key_results:
            raise InvalidValueError(
                "Thresholds.max_key_results",
                self.max_key_results,
                f"a number ≥ min_key_results ({self.min_key_results})",
            )
        if self.min_period_days > self.max_period_days:
            raise InvalidValueError(
                "Thresholds.max_period_days",
                self.max_period_days,
                f"a number ≥ min_period_days ({self.min_period_days})",
            )
        if self.off_track_gap > self.at_risk_gap:
            raise InvalidValueError(
                "Thresholds.off_track_gap",
                self.off_track_gap,
                f"a gap ≤ at_risk_gap ({self.at_risk_gap})",
            )
        if self.yellow_from > self.green_from:
            raise InvalidValueError(
                "Thresholds.green_from",
                self.green_from,
                f"a score ≥ yellow_from ({self.yellow_from})",
            )

    def __repr__(self) -> str:
        return fields_repr(self)


LEVELS = ("error", "warning", "info", "off")
"""What a policy may set a rule's severity to (``off`` switches it off)."""
PRESETS = ("default", "strict")


def _severities(value: object) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    if not isinstance(items, Iterable):
        raise InvalidTypeError("Policy.severities", value, "a mapping of rule id to severity")
    out = []
    for pair in items:
        try:
            rule, level = pair
        except (TypeError, ValueError):
            raise InvalidTypeError("Policy.severities", pair, "(rule id, severity) pairs") from None
        if not isinstance(rule, str):
            raise InvalidTypeError("Policy.severities", rule, "rule ids (text)")
        if level not in LEVELS:
            raise InvalidValueError(f"Policy.severities[{rule!r}]", level, " | ".join(LEVELS))
        out.append((rule, str(level)))
    return tuple(sorted(out))


def rule_list(name: str, value: object) -> tuple[str, ...] | None:
    """Rule ids from a list, or from text separated by commas; None stays None."""
    if value is None:
        return None
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    return rule_ids(name, value)


def selected_rules(name: str, value: object) -> tuple[str, ...] | None:
    """The rules a ``select`` runs, read as :func:`rule_list` reads them; None stays
    None (every rule). A selection of no rule at all (``[]``, ``""``, ``" , "``) is
    refused: it would run nothing and pass every plan."""
    chosen = rule_list(name, value)
    if chosen == ():
        raise InvalidValueError(
            name, value, "at least one rule id, like missing-owner", hint=_SELECT_NOTHING
        )
    return chosen


_SELECT_NOTHING = "leave select out to run every rule"


def _policy_ignore(value: object) -> tuple[str, ...]:
    return rule_list("Policy.ignore", value) or ()


def _policy_select(value: object) -> tuple[str, ...] | None:
    return selected_rules("Policy.select", value)


POLICY_KEYS = ("preset", "strict", "select", "ignore", "severities", "thresholds", "plugins")


def _plugin_list(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable):
        raise InvalidTypeError("Policy.plugins", value, "a list of module names")
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise InvalidValueError("Policy.plugins", item, "a module name like my_team.okr_rules")
        out.append(item.strip())
    return tuple(out)


@attrs.frozen(repr=False)
class Policy:
    """What the checker runs and how loud each rule is.

    Args:
        severities: Per rule id, ``error``, ``warning``, ``info`` or ``off``.
        select: Run only these rules (``None``: all).
        ignore: Never run these rules.
        strict: Report every warning as an error.
        thresholds: The numbers rules compare against.
    """

    name: str = attrs.field(default="default", kw_only=True, validator=field_of(str, "text"))
    severities: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_severities, kw_only=True
    )
    select: tuple[str, ...] | None = attrs.field(
        default=None,
        converter=_policy_select,
        kw_only=True,
    )
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_policy_ignore, kw_only=True)
    strict: bool = attrs.field(default=False, validator=boolean, kw_only=True)
    thresholds: Thresholds = attrs.field(
        factory=Thresholds, validator=field_of(Thresholds, "Thresholds"), kw_only=True
    )
    plugins: tuple[str, ...] = attrs.field(default=(), converter=_plugin_list, kw_only=True)
    """Modules to import before checking, so the rules they register run too."""

    def __repr__(self) -> str:
        return fields_repr(self)

    @classmethod
    def preset(cls, name: str) -> Policy:
        """A named preset: ``default`` (the method's defaults: 3–5 key results,
        periods of four weeks to a year) or ``strict`` (every warning an error)."""
        if name == "default":
            return cls()
        if name == "strict":
            return cls(name="strict", strict=True)
        raise InvalidValueError("Policy.preset(name)", name, " | ".join(PRESETS))

    @classmethod
    def coerce(cls, value: object, *, field: str = "policy") -> Policy:
        """A Policy, or the preset a name picks (``"default"``, ``"strict"``): what
        every ``policy=`` argument accepts."""
        if isinstance(value, Policy):
            return value
        expected = f"a Policy or a preset: {' | '.join(PRESETS)}"
        if not isinstance(value, str):
            raise InvalidTypeError(field, value, expected)
        if value not in PRESETS:
            raise InvalidValueError(field, value, expected)
        return cls.preset(value)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, base: Policy | None = None) -> Policy:
        """A policy from configuration (a plan's ``policy:`` or ``[tool.okrkit]``)::

            preset: strict
            select: [missing-owner, not-measurable]
            ignore: [objective-has-number]
            severities: {too-few-key-results: info}
            thresholds: {stale_after_days: 7}
            plugins: [my_package.okr_rules]

        Keys given override *base* (or the preset they name).
        """
        if not isinstance(data, Mapping):
            raise InvalidTypeError("policy", data, "a mapping of policy settings")
        unknown = [key for key in data if key not in POLICY_KEYS]
        if unknown:
            raise InvalidValueError(
                "policy", unknown[0], f"one of the keys {', '.join(POLICY_KEYS)}"
            )
        policy = cls() if base is None else cls.coerce(base, field="Policy.from_mapping(base)")
        if "preset" in data:
            preset = cls.preset(data["preset"])
            policy = attrs.evolve(preset, plugins=policy.plugins)
        thresholds = data.get("thresholds") or {}
        if not isinstance(thresholds, Mapping):
            raise InvalidTypeError("policy.thresholds", thresholds, "a mapping")
        severities = data.get("severities") or {}
        if not isinstance(severities, Mapping):
            raise InvalidTypeError("policy.severities", severities, "a mapping of rule to level")
        strict = data.get("strict")
        if strict is not None and not isinstance(strict, bool):
            raise InvalidTypeError("policy.strict", strict, "true or false")
        policy = policy.with_options(
            strict=strict,
            select=data.get("select"),
            ignore=data.get("ignore"),
            severities=severities,
            thresholds=thresholds,
        )
        if "plugins" in data:
            policy = attrs.evolve(policy, plugins=(*policy.plugins, *_plugin_list(data["plugins"])))
        return policy

    def to_mapping(self) -> dict[str, Any]:
        """The policy as configuration, leaving out what the default has."""
        out: dict[str, Any] = {}
        if self.name != "default":
            out["preset"] = self.name
        if self.strict and self.name != "strict":
            out["strict"] = True
        if self.select is not None:
            out["select"] = list(self.select)
        if self.ignore:
            out["ignore"] = list(self.ignore)
        if self.severities:
            out["severities"] = dict(self.severities)
        changed = {
            f.name: getattr(self.thresholds, f.name)
            for f in attrs.fields(Thresholds)
            if getattr(self.thresholds, f.name) != f.default
        }
        if changed:
            out["thresholds"] = changed
        if self.plugins:
            out["plugins"] = list(self.plugins)
        return out

    def severity_of(
        self, rule: str, default: Severity | str, *, at_most: Severity | str | None = None
    ) -> Severity | None:
        """The severity *rule* reports at (*default* unless the policy says
        otherwise), or ``None`` when it is switched off.

        *at_most* is the gravest severity one finding of the rule may have (a
        ``missing-baseline`` whose baseline is named in words is at most a
        warning); ``strict`` still makes that warning an error."""
        rule = text("Policy.severity_of(rule)", rule)
        default = member("Policy.severity_of(default)", default, Severity)
        if at_most is not None:
            at_most = member("Policy.severity_of(at_most)", at_most, Severity)
        if self.select is not None and rule not in self.select:
            return None
        if rule in self.ignore:
            return None
        level = dict(self.severities).get(rule, default.value)
        if level == "off":
            return None
        severity = Severity(level)
        if at_most is not None and severity.rank < at_most.rank:
            severity = at_most
        if self.strict and severity is Severity.WARNING:
            return Severity.ERROR
        return severity

    def with_options(
        self,
        *,
        strict: bool | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        severities: Mapping[str, str] | None = None,
        thresholds: Mapping[str, Any] | None = None,
    ) -> Policy:
        """A copy with more options applied on top (as the CLI's flags are)."""
        changes: dict[str, Any] = {}
        if optional_flag("Policy.with_options(strict)", strict) is not None:
            changes["strict"] = strict or self.strict
        if select is not None:
            changes["select"] = select
        if ignore is not None:
            changes["ignore"] = (*self.ignore, *_policy_ignore(ignore))
        if severities:
            if not isinstance(severities, Mapping):
                raise InvalidTypeError(
                    "Policy.with_options(severities)", severities, "a mapping of rule to level"
                )
            changes["severities"] = {**dict(self.severities), **severities}
        if thresholds:
            changes["thresholds"] = _with_thresholds(self.thresholds, thresholds)
        return attrs.evolve(self, **changes)


def _with_thresholds(base: Thresholds, changes: object) -> Thresholds:
    """*base* with the thresholds a mapping names changed; an unknown name is refused."""
    if not isinstance(changes, Mapping):
        raise InvalidTypeError("Policy.with_options(thresholds)", changes, "a mapping")
    known = [f.name for f in attrs.fields(Thresholds)]
    for key in changes:
        if key not in known:
            raise InvalidValueError("policy.thresholds", key, f"one of {', '.join(known)}")
    return attrs.evolve(base, **changes)
