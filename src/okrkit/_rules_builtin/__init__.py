"""The built-in rules, registered on import (see rules.md for the list)."""

from okrkit._rules_builtin import causality, structure, timebox


__all__ = ["causality", "structure", "timebox"]
