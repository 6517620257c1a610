"""Writing your own checker rules.

A rule is a function of a :class:`Context` that yields :class:`Hit` values,
registered with :func:`rule`; it then runs, reports and is configured exactly
like a built-in rule.
"""

from okrkit._rules import (
    Context,
    Hit,
    Place,
    Rule,
    register_rule,
    registered_rules,
    rule,
    unregister_rule,
)


__all__ = [
    "Context",
    "Hit",
    "Place",
    "Rule",
    "register_rule",
    "registered_rules",
    "rule",
    "unregister_rule",
]
