"""Bounded reads: a plan comes from a regular file or standard input, never more
than a size limit, so a FIFO, a device or an endless stream cannot hang or
exhaust the reader (file-format.md, Safety). Statements read line by line are
bounded too, each line and all of them together."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from okrkit._plural import plural
from okrkit.exceptions import InvalidTypeError, InvalidValueError, PlanFileError, Problem


__all__ = [
    "MAX_BYTES",
    "MAX_LINE_BYTES",
    "max_bytes_of",
    "read_file",
    "read_file_status",
    "read_lines",
    "read_stream",
    "write_file",
]

_MIB = 1024 * 1024
_CHUNK = _MIB

MAX_BYTES = 64 * _MIB
"""The most bytes a plan file may hold unless the caller allows more."""

MAX_LINE_BYTES = 64 * 1024
"""The most bytes one line of statements may hold: far more than a statement needs
(the reader reads the first 2,000 characters of one)."""

_STREAM = "; to read a stream, pass - and give it on standard input"
_KINDS = (
    (stat.S_ISDIR, "a directory", ""),
    (stat.S_ISFIFO, "a named pipe (FIFO)", _STREAM),
    (stat.S_ISCHR, "a character device", _STREAM),
    (stat.S_ISBLK, "a block device", ""),
    (stat.S_ISSOCK, "a socket", ""),
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
    return read_file_status(path, max_bytes=max_bytes)[0]


def read_file_status(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES
) -> tuple[bytes, os.stat_result]:
    """:func:`read_file`, and the status of the very file read (who owns it, who
    may write to it), taken from the open file, not from its name again."""
    name = str(path)
    try:
        return _read_regular(path, name, max_bytes)
    except PlanFileError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        message = getattr(exc, "strerror", None) or exc
        raise PlanFileError([Problem(f"cannot read the file: {message}", file=name)]) from None


def _read_regular(
    path: str | os.PathLike[str], name: str, max_bytes: int
) -> tuple[bytes, os.stat_result]:
    _refuse_unless_regular(os.stat(path), name, max_bytes)
    # O_NONBLOCK: should the path be swapped for a FIFO after the check above,
    # opening it returns at once instead of waiting for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb") as handle:
        info = os.fstat(handle.fileno())
        _refuse_unless_regular(info, name, max_bytes)
        return _bounded(handle.read, name, max_bytes), info


def _refuse_unless_regular(info: os.stat_result, name: str, max_bytes: int) -> None:
    kind = _kind(info.st_mode)
    if kind is not None:
        raise PlanFileError([Problem(f"expected a regular file, got {kind}", file=name)])
    if info.st_size > max_bytes:
        raise _too_big(name, max_bytes)


def write_file(
    path: str | os.PathLike[str], text: str, *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Write *text* as UTF-8 to *path*, a regular file (made if missing): never to
    a FIFO, a device or a directory, where a write would wait for a reader or go
    nowhere a user meant, and never over one of *inputs*, the files the text was
    made from. A file swapped for a FIFO after the check is opened without waiting
    and refused."""
    name = str(path)
    try:
        for source in inputs:
            if _same_file(path, source):
                raise _refused_write(name, "it is a file this command reads; write to another file")
        with contextlib.suppress(FileNotFoundError):
            _refuse_to_write(os.stat(path), name)
        flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with open(os.open(path, flags, 0o666), "wb") as handle:
            _refuse_to_write(os.fstat(handle.fileno()), name)
            handle.truncate()
            handle.write(text.encode("utf-8"))
    except PlanFileError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a NUL or a lone surrogate in the name
        reason = getattr(exc, "strerror", None) or str(exc)
        raise PlanFileError([Problem(f"cannot write the file: {reason}", file=name)]) from None


def _same_file(path: str | os.PathLike[str], other: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(path, other)
    except (OSError, ValueError):  # one of them is missing (or no name a system holds)
        return False


def _refuse_to_write(info: os.stat_result, name: str) -> None:
    kind = _kind(info.st_mode, reading=False)
    if kind is not None:
        raise _refused_write(name, f"expected a regular file to write to, got {kind}")


def _refused_write(name: str, why: str) -> PlanFileError:
    return PlanFileError([Problem(f"cannot write the file: {why}", file=name)])


def read_stream(stream: BinaryIO, *, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of *stream* (standard input) up to its end, at most *max_bytes*."""
    try:
        return _bounded(stream.read, name, max_bytes)
    except OSError as exc:
        raise PlanFileError(
            [Problem(f"cannot read the input: {exc.strerror or exc}", file=name)]
        ) from None


def read_lines(
    stream: BinaryIO, *, name: str, max_bytes: int = MAX_BYTES, max_line: int = MAX_LINE_BYTES
) -> Iterator[str]:
    """The lines of *stream* (standard input) as UTF-8 text without their line
    breaks (LF, CRLF or CR), one at a time as they arrive: each at most *max_line*
    bytes, all of them together at most *max_bytes*."""
    size = number = 0
    while True:
        try:
            raw = stream.readline(max_line + 2)  # the line, and a CRLF after it
        except OSError as exc:
            raise PlanFileError(
                [Problem(f"cannot read the input: {exc.strerror or exc}", file=name)]
            ) from None
        if not raw:
            return
        number += 1
        size += len(raw)
        if size > max_bytes:
            raise _too_big(name, max_bytes, "input")
        body = raw.removesuffix(b"\n").removesuffix(b"\r")
        if len(body) > max_line:
            most = plural(max_line, "# byte|# bytes", number=f"{max_line:,}")
            found = f"expected a line of at most {most} (one statement), got more"
            raise PlanFileError([Problem(found, file=name, line=number)])
        try:
            text = body.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            found = "expected UTF-8 text, found bytes that are not"
            raise PlanFileError([Problem(found, file=name, line=number)]) from None
        yield from text.split("\r")


def _kind(mode: int, *, reading: bool = True) -> str | None:
    """What a file that is not a regular file is (and, *reading*, how to read a
    stream instead), or None for a regular file."""
    for test, kind, instead in _KINDS:
        if test(mode):
            return kind + instead if reading else kind
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


def _too_big(name: str, max_bytes: int, what: str = "a plan") -> PlanFileError:
    limit = (
        f"{max_bytes // _MIB:,} MiB"
        if max_bytes % _MIB == 0
        else plural(max_bytes, "# byte|# bytes", number=f"{max_bytes:,}")
    )
    return PlanFileError(
        [
            Problem(
                f"expected {what} of at most {limit}, got more; "
                "allow more with max_bytes= (--max-bytes on the command line)",
                file=name,
            )
        ]
    )
