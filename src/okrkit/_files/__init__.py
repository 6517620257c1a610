"""Plan files: YAML, JSON and TOML, read and written (file-format.md).

The names load on first use, so reading a policy from ``pyproject.toml``
(``_files._config``) does not import the YAML reader and the statement reader.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any


if TYPE_CHECKING:
    from okrkit._files._io import FORMATS, dump, dumps, format_of, load, loads

__all__ = ["FORMATS", "dump", "dumps", "format_of", "load", "loads"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("okrkit._files._io"), name)
    raise AttributeError(f"module 'okrkit._files' has no attribute {name!r}")
