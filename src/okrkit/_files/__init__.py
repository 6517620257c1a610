"""Plan files: YAML, JSON and TOML, read and written (file-format.md)."""

from okrkit._files._io import FORMATS, dump, dumps, format_of, load, loads


__all__ = ["FORMATS", "dump", "dumps", "format_of", "load", "loads"]
