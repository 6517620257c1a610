"""Every error okrkit raises.

All of them derive from :class:`OkrkitError` and from the builtin that fits
(``ValueError`` or ``TypeError``), so callers can catch either. They pickle,
and their message says what was expected and what was found.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from okrkit._escape import file_name, terminal


__all__ = [
    "InvalidTypeError",
    "InvalidValueError",
    "NotFoundError",
    "OkrkitError",
    "OptionalDependencyError",
    "PeriodError",
    "PlanFileError",
    "PluginError",
    "Problem",
    "UnitError",
    "UnknownRuleError",
]

_PLAIN = (str, int, float, bool, type(None))


def _portable(value: object) -> object:
    """Keep plain values as they are and everything else as its repr, so errors pickle."""
    if isinstance(value, _PLAIN):
        return value
    return repr(value)


EXCERPT = 40
"""The most characters of a value a message quotes."""


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """*text*, or its first characters and an ellipsis: a message quotes a short
    excerpt of what it is about, never a whole value (a megabyte title, or a
    secret that a path named as a plan points at)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(value: object) -> str:
    if isinstance(value, str):
        return repr(excerpt(value))
    try:
        text = repr(value)
    except Exception:
        text = _unshowable(value)
    return excerpt(text)


def _unshowable(value: object) -> str:
    """What stands for a value whose repr fails: an int with more digits than Python
    turns into text (``10**5000``), or an object whose ``__repr__`` raises."""
    if isinstance(value, int):
        return f"<an integer of more than {sys.get_int_max_str_digits():,} digits>"
    return f"<a {type(value).__name__} that cannot be shown>"


def _restore(cls: type[OkrkitError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class OkrkitError(Exception):
    """The root of every error okrkit raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild with the same message and attributes; values that may not pickle
        # (an arbitrary object given by the caller) travel as their repr.
        state = {key: _portable(value) if key == "value" else value
                 for key, value in self.__dict__.items()}  # fmt: skip
        return (_restore, (type(self), self.args, state))


class InvalidValueError(OkrkitError, ValueError):
    """A value breaks an invariant of the model: the object is not built.

    Attributes:
        field: The field, as ``Class.field``.
        value: The value that was given.
        expected: What the field accepts.
        hint: How to write this value so that it is accepted, when that is clear.
        hint_es: The same hint in Spanish, where there is one (a plan with
            ``lang: es`` shows it).
    """

    def __init__(
        self,
        field: str,
        value: object,
        expected: str,
        *,
        hint: str | None = None,
        hint_es: str | None = None,
    ) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.hint = hint
        self.hint_es = hint_es
        told = f"; {hint}" if hint else ""
        super().__init__(f"{field}: expected {expected}, got {_shown(value)}{told}")


class NotFoundError(InvalidValueError, KeyError):
    """An id or reference that names nothing where it is looked up (also a
    ``KeyError``, as a lookup by key that misses is in Python)."""

    def __str__(self) -> str:
        return Exception.__str__(self)  # KeyError's own would quote the message


class InvalidTypeError(OkrkitError, TypeError):
    """A value of the wrong type was given for a field."""

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        kind = type(value).__name__
        super().__init__(f"{field}: expected {expected}, got {_shown(value)} ({kind})")


class PeriodError(OkrkitError, ValueError):
    """Text that names no period okrkit knows, or a range that cannot exist."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"period {excerpt(text)!r}: {reason}")

    @property
    def expected(self) -> str:
        """The reason, worded to follow "expected" in a field's message."""
        if self.reason.startswith("expected "):
            return self.reason.removeprefix("expected ")
        return f"a period ({self.reason})"


class UnitError(OkrkitError, ValueError):
    """A unit that cannot be read, or two units that do not convert."""

    def __init__(self, unit: str, reason: str) -> None:
        self.unit = unit
        self.reason = reason
        super().__init__(f"unit {_shown(unit)}: {reason}")


class UnknownRuleError(OkrkitError, ValueError):
    """A rule id that no rule has, given where rule ids are named (``--select``, a
    policy, ``[tool.okrkit]``, ``ignore:``): a typo must not switch a check off.

    Attributes:
        rule: The id given.
        source: Where it was given (``--select``, ``Policy.severities``, …).
        nearest: The known id closest to it, or ``None`` when none is close.
        file: The file it was given in, when known.
        line: The line, when known.
        detail: The message without the file and line.
        more: The other unknown ids refused with this one, one error each: every
            typo is reported at once (:attr:`each` gives them all).
    """

    def __init__(
        self,
        rule: str,
        source: str,
        nearest: str | None,
        *,
        file: str | None = None,
        line: int | None = None,
        lang: str = "en",
    ) -> None:
        self.rule = rule
        self.source = source
        self.nearest = nearest
        self.file = file
        self.line = line
        self.more: tuple[UnknownRuleError, ...] = ()
        place = ""
        if file is not None:
            shown = file_name(file)
            place = f"{shown}:{line}: " if line is not None else f"{shown}: "
        if lang == "es":
            hint = f"¿quisiste decir {nearest!r}?" if nearest else "ninguna regla se le parece"
            text = (
                f"id de regla desconocido {_shown(rule)} en {source}: {hint} "
                "(okrkit rules las lista)"
            )
        else:
            hint = f"did you mean {nearest!r}?" if nearest else "no rule has a similar id"
            text = f"unknown rule id {_shown(rule)} in {source}: {hint} (okrkit rules lists them)"
        self.detail = text
        super().__init__(place + text)

    @classmethod
    def of(cls, errors: Sequence[UnknownRuleError]) -> UnknownRuleError:
        """One error for several unknown ids: the first, with the others in
        :attr:`more`, and a message of one line for each."""
        first, *others = errors
        every = cls.__new__(cls)
        every.__dict__.update(first.__dict__)
        every.more = tuple(others)
        every.args = ("\n".join(str(error) for error in errors),)
        return every

    @property
    def each(self) -> tuple[UnknownRuleError, ...]:
        """Every unknown id refused, one error each (this one first)."""
        if not self.more:
            return (self,)
        first = UnknownRuleError.__new__(UnknownRuleError)
        first.__dict__.update(self.__dict__)
        first.more = ()
        first.args = (self.args[0].partition("\n")[0],)
        return (first, *self.more)


class PluginError(OkrkitError, ImportError):
    """A module of custom rules (a policy's ``plugins`` or an ``okrkit.rules``
    entry point) could not be imported."""

    def __init__(self, module: str, reason: str) -> None:
        self.module = module
        self.reason = reason
        super().__init__(f"rules module {module!r} could not be loaded: {reason}")


class OptionalDependencyError(OkrkitError, ImportError):
    """A feature needs a package that is an optional extra of okrkit.

    The message says what installs it wherever okrkit came from: the package
    itself always; the extra from a checkout (``'.[pandas]'``) or from a package
    index that serves okrkit (``'okrkit[pandas]'``)."""

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        name = extra.partition("[")[2].rstrip("]") or package
        super().__init__(
            f"this needs {package}, which is not installed: python -m pip install {package} "
            f"(or okrkit's {name} extra: python -m pip install '.[{name}]' in a checkout of "
            f"okrkit, python -m pip install '{extra}' from an index that serves okrkit)"
        )


class Problem:
    """One problem in a plan file: where it is and what was expected there."""

    __slots__ = ("column", "file", "line", "message", "path")

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str = "",
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path

    def _text(self) -> str:
        place = file_name(self.file) if self.file else "<plan>"
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        subject = f"{self.path}: " if self.path else ""
        return f"{place}: {subject}{self.message}"

    def __str__(self) -> str:
        """Where and what, for people: a control character the file put in a key,
        a value or its name shows as its escape (``\\x1b``) and never acts."""
        return terminal(self._text())

    def __repr__(self) -> str:
        return (
            f"Problem({self.message!r}, file={self.file!r}, line={self.line!r}, "
            f"column={self.column!r}, path={self.path!r})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._text() == other._text()

    def __hash__(self) -> int:
        return hash(self._text())

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _make_problem,
            (self.message, self.file, self.line, self.column, self.path),
        )


def _make_problem(
    message: str, file: str | None, line: int | None, column: int | None, path: str
) -> Problem:
    return Problem(message, file=file, line=line, column=column, path=path)


class PlanFileError(OkrkitError, ValueError):
    """A file that cannot be read as a plan, with every problem found in it.

    Attributes:
        problems: Each problem, located at file, line and column where known.
    """

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "the plan cannot be read")
