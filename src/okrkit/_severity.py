"""How much a finding matters."""

from __future__ import annotations

from enum import StrEnum

from okrkit._repr import value_repr


__all__ = ["Severity"]


class Severity(StrEnum):
    """How much a finding matters; ``error`` findings make ``okrkit check`` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __repr__(self) -> str:
        return value_repr(self)


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
