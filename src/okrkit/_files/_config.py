"""Checker settings from ``pyproject.toml`` (``[tool.okrkit]``), found like ruff's.

::

    [tool.okrkit]
    preset = "strict"
    ignore = ["objective-has-number"]

    [tool.okrkit.severities]
    too-few-key-results = "info"

    [tool.okrkit.thresholds]
    stale_after_days = 7

A ``pyproject.toml`` found by looking up from a plan may name ``plugins``,
modules okrkit imports, so it is used only when it is trustworthy in the sense
git gives ``safe.directory``: see :func:`distrust`. One that cannot be read is
refused rather than passed over: it may hold the table.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from typing import Any

from okrkit._fields import file_path
from okrkit._files._convert import PlanReader
from okrkit._files._numbers import toml_float
from okrkit._files._source import read_file_status
from okrkit._policy import Policy
from okrkit.exceptions import PlanFileError, Problem


__all__ = ["distrust", "find_pyproject", "load_policy"]


def find_pyproject(start: str | os.PathLike[str]) -> tuple[str, Any] | None:
    """The nearest ``pyproject.toml`` with a ``[tool.okrkit]`` table, from *start*
    up, and the table.

    Raises :class:`~okrkit.exceptions.PlanFileError` for a ``pyproject.toml`` on
    the way that cannot be read as TOML (it may hold the table; ruff refuses it
    too), and for the one found if it is not to be trusted (:func:`distrust`).
    """
    try:
        here = os.path.realpath(start)
        if stat.S_ISREG(os.stat(here).st_mode):
            here = os.path.dirname(here)
    except (FileNotFoundError, NotADirectoryError):
        pass  # nothing there (yet): the folders above it are looked in
    except (OSError, ValueError):  # a name this system cannot hold (too long, a NUL)
        return None
    for folder in _up_from(here):
        candidate = os.path.join(folder, "pyproject.toml")
        try:
            os.stat(candidate)
        except (FileNotFoundError, NotADirectoryError):
            continue  # none here: look further up
        except (OSError, ValueError):
            pass  # something is there: reading it says what is wrong
        data, info = _read_toml(candidate)
        table = _okrkit_table(data)
        if table is None:
            continue
        try:
            why = distrust(info, os.stat(folder))
        except OSError as exc:  # the folder went away as it was read
            why = f"its folder cannot be examined ({exc.strerror or exc})"
        if why is not None:
            message = f"not trusted: {why}, and its [tool.okrkit] may name modules to import; "
            raise PlanFileError([Problem(message + _TRUST_HOW, file=str(candidate))])
        return candidate, table
    return None


def _up_from(folder: str) -> Iterator[str]:
    """*folder* (an absolute path) and every folder above it, up to the root."""
    while True:
        yield folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


_TRUST_HOW = (
    "to use it anyway, name it with --config (load_policy(path) in Python), "
    "or go without it with --isolated"
)


def distrust(file: os.stat_result, folder: os.stat_result) -> str | None:
    """Why a ``pyproject.toml`` found by looking up is not to be trusted, from its
    status and its folder's; ``None`` when it is.

    It is trusted when it and the folder it is in are owned by the user running
    okrkit or by root, and no one else may change them: neither every user, nor a
    group other than the user's own (the one Debian and Ubuntu give each user).
    A folder that everyone may write to is trusted with the sticky bit, as
    ``/tmp`` has, where no one may replace another's file. Where files have no
    owners (Windows), every file is trusted.
    """
    if not hasattr(os, "getuid"):
        return None
    return _not_yours("it", file) or _not_yours("its folder", folder, sticky_ok=True)


def _not_yours(what: str, status: os.stat_result, *, sticky_ok: bool = False) -> str | None:
    if status.st_uid not in (os.getuid(), 0):
        return f"{what} is owned by {_user(status.st_uid)}, not by you or root"
    if sticky_ok and status.st_mode & stat.S_ISVTX:
        return None  # like /tmp: no one may replace a file of someone else's
    if status.st_mode & stat.S_IWOTH:
        return f"every user may change {what}"
    if status.st_mode & stat.S_IWGRP and status.st_gid != os.getgid():
        return f"the group {_group(status.st_gid)} may change {what}"
    return None


def _user(uid: int) -> str:
    try:
        import pwd  # noqa: PLC0415 - POSIX only

        return f"user {pwd.getpwuid(uid).pw_name!r} ({uid})"
    except (ImportError, KeyError):
        return f"user {uid}"


def _group(gid: int) -> str:
    try:
        import grp  # noqa: PLC0415 - POSIX only

        return f"{grp.getgrgid(gid).gr_name!r} ({gid})"
    except (ImportError, KeyError):
        return str(gid)


def _read_toml(path: str | os.PathLike[str]) -> tuple[dict[str, Any], os.stat_result]:
    """The TOML document in *path* and the file's status; a located error when it
    cannot be read (not a regular file, not UTF-8, not TOML)."""
    import tomllib  # noqa: PLC0415 - only a pyproject.toml found needs it

    name = str(path)
    raw, info = read_file_status(path)
    try:
        return tomllib.loads(raw.decode("utf-8"), parse_float=toml_float), info
    except UnicodeDecodeError:
        raise PlanFileError([Problem("expected UTF-8 text", file=name)]) from None
    except tomllib.TOMLDecodeError as exc:
        raise PlanFileError([Problem(f"not valid TOML: {exc}", file=name)]) from None


def _okrkit_table(data: dict[str, Any]) -> Any:
    tool = data.get("tool")
    return tool.get("okrkit") if isinstance(tool, dict) else None


def load_policy(
    path: str | os.PathLike[str] | None = None, *, start: str | os.PathLike[str] = "."
) -> Policy:
    """The policy in *path*'s ``[tool.okrkit]`` (or the nearest one from *start*
    up, if it is to be trusted); the default policy when there is none.

    A file named with *path* is the caller's choice and is used as it is; one
    found from *start* must pass :func:`distrust`. The rule ids it names must be
    rules' (its ``plugins`` loaded first): an unknown one raises
    :class:`~okrkit.exceptions.UnknownRuleError` with the nearest id.
    """
    if path is None:
        found = find_pyproject(file_path("load_policy(start)", start))
    else:
        from pathlib import Path  # noqa: PLC0415 - its name, as messages show it

        named = str(Path(file_path("load_policy(path)", path)))
        found = named, _okrkit_table(_read_toml(named)[0])
    if found is None or found[1] is None:
        return Policy()
    name, table = found
    reader = PlanReader()  # a number or flag reads as it does in a plan's policy:
    policy = reader.policy(table, path=("tool", "okrkit"), plugins=True)
    if reader.problems or policy is None:
        raise PlanFileError(
            [
                Problem(found.message, file=name, path=".".join(map(str, found.path)))
                for found in reader.problems
            ]
        )
    if policy.select or policy.ignore or policy.severities:
        # The rules load only for a table that names some: load_policy stays cheap.
        from okrkit._rules import refuse_unknown_policy_rules  # noqa: PLC0415

        refuse_unknown_policy_rules(policy, source="[tool.okrkit] {field}", file=name)
    return policy
