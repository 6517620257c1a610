"""The built-in rules, registered on import in the order of the rule reference:
structure, time-boxing, measurability, objectives, causality."""

import importlib


FAMILIES = ("structure", "timebox", "measurability", "objectives", "causality")

for _family in FAMILIES:
    importlib.import_module(f"okrkit._rules_builtin.{_family}")

__all__ = ["FAMILIES"]
