"""Bounded reads: a plan comes from a regular file or standard input, never more
than a size limit, so a FIFO, a device or an endless stream cannot hang or
exhaust the reader (file-format.md, Safety)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from typing import BinaryIO

from okrkit.exceptions import InvalidTypeError, InvalidValueError, PlanFileError, Problem


__all__ = ["MAX_BYTES", "max_bytes_of", "read_file", "read_stream"]

_MIB = 1024 * 1024
_CHUNK = _MIB

MAX_BYTES = 64 * _MIB
"""The most bytes a plan file may hold unless the caller allows more."""

_STREAM = "; to read a stream, pass - and give it on standard input"
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)" + _STREAM),
    (stat.S_ISCHR, "a character device" + _STREAM),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def max_bytes_of(value: object, field: str) -> int:
    """*value* as a size limit: a whole number of bytes ≥ 1."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field, value, "a whole number of bytes, like 67108864")
    if value < 1:
        raise InvalidValueError(field, value, "a whole number of bytes ≥ 1")
    return value


def read_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file (a symbolic link is followed), at most *max_bytes*.

    Anything else (a directory, a FIFO, a device) is refused before it is read;
    a file that turns out larger than the limit is refused after at most
    *max_bytes* + 1 bytes are read."""
    name = str(path)
    try:
        return _read_regular(path, name, max_bytes)
    except PlanFileError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        message = getattr(exc, "strerror", None) or exc
        raise PlanFileError([Problem(f"cannot read the file: {message}", file=name)]) from None


def _read_regular(path: str | os.PathLike[str], name: str, max_bytes: int) -> bytes:
    _refuse_unless_regular(os.stat(path), name, max_bytes)
    # O_NONBLOCK: should the path be swapped for a FIFO after the check above,
    # opening it returns at once instead of waiting for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb") as handle:
        _refuse_unless_regular(os.fstat(handle.fileno()), name, max_bytes)
        return _bounded(handle.read, name, max_bytes)


def _refuse_unless_regular(info: os.stat_result, name: str, max_bytes: int) -> None:
    kind = _kind(info.st_mode)
    if kind is not None:
        raise PlanFileError([Problem(f"expected a regular file, got {kind}", file=name)])
    if info.st_size > max_bytes:
        raise _too_big(name, max_bytes)


def read_stream(stream: BinaryIO, *, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of *stream* (standard input) up to its end, at most *max_bytes*."""
    try:
        return _bounded(stream.read, name, max_bytes)
    except OSError as exc:
        raise PlanFileError(
            [Problem(f"cannot read the input: {exc.strerror or exc}", file=name)]
        ) from None


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, or None for a regular file."""
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) else "something that is not a regular file"


def _bounded(read: Callable[[int], bytes], name: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise _too_big(name, max_bytes)


def _too_big(name: str, max_bytes: int) -> PlanFileError:
    limit = f"{max_bytes // _MIB:,} MiB" if max_bytes % _MIB == 0 else f"{max_bytes:,} bytes"
    return PlanFileError(
        [
            Problem(
                f"expected a plan of at most {limit}, got more; "
                "allow more with max_bytes= (--max-bytes on the command line)",
                file=name,
            )
        ]
    )
