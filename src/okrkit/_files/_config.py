"""Checker settings from ``pyproject.toml`` (``[tool.okrkit]``), found like ruff's.

::

    [tool.okrkit]
    preset = "strict"
    ignore = ["objective-has-number"]

    [tool.okrkit.severities]
    too-few-key-results = "info"

    [tool.okrkit.thresholds]
    stale_after_days = 7
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from okrkit._fields import file_path
from okrkit._files._source import read_file
from okrkit._policy import Policy
from okrkit.exceptions import OkrkitError, PlanFileError, Problem


__all__ = ["find_pyproject", "load_policy"]


def find_pyproject(start: str | os.PathLike[str]) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.okrkit]`` table, from *start* up."""
    try:
        here = Path(start).resolve()
        if here.is_file():
            here = here.parent
    except (OSError, ValueError):  # a name this system cannot hold (too long, a NUL)
        return None
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        try:
            data = tomllib.loads(read_file(candidate).decode("utf-8"))
        except (PlanFileError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # no such file, or none that can be read: look further up
        if isinstance(data.get("tool"), dict) and "okrkit" in data["tool"]:
            return candidate
    return None


def load_policy(
    path: str | os.PathLike[str] | None = None, *, start: str | os.PathLike[str] = "."
) -> Policy:
    """The policy in *path*'s ``[tool.okrkit]`` (or the nearest one from *start*
    up); the default policy when there is none.

    The rule ids it names must be rules' (its ``plugins`` loaded first): an unknown
    one raises :class:`~okrkit.exceptions.UnknownRuleError` with the nearest id.
    """
    if path is None:
        found = find_pyproject(file_path("load_policy(start)", start))
    else:
        found = Path(file_path("load_policy(path)", path))
    if found is None:
        return Policy()
    name = str(found)
    try:
        data = tomllib.loads(read_file(found).decode("utf-8"))
    except UnicodeDecodeError:
        raise PlanFileError([Problem("expected UTF-8 text", file=name)]) from None
    except tomllib.TOMLDecodeError as exc:
        raise PlanFileError([Problem(f"not valid TOML: {exc}", file=name)]) from None
    tool = data.get("tool")
    table = tool.get("okrkit") if isinstance(tool, dict) else None
    if table is None:
        return Policy()
    try:
        policy = Policy.from_mapping(table)
    except OkrkitError as exc:
        raise PlanFileError([Problem(f"[tool.okrkit]: {exc}", file=name)]) from None
    if policy.select or policy.ignore or policy.severities:
        # The rules load only for a table that names some: load_policy stays cheap.
        from okrkit._rules import refuse_unknown_policy_rules  # noqa: PLC0415

        refuse_unknown_policy_rules(policy, source="[tool.okrkit] {field}", file=name)
    return policy
