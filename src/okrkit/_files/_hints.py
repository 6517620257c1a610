"""Help for someone who mistyped a key in a plan file."""

from __future__ import annotations

from collections.abc import Iterable


__all__ = ["did_you_mean"]


def did_you_mean(key: str, keys: Iterable[str], lang: str = "en") -> str:
    """``; did you mean 'owner'?`` (in Spanish for *lang* ``es``) when *key* is close
    to one of *keys*, else ``""``."""
    import difflib  # noqa: PLC0415 - only a typo needs it

    close = difflib.get_close_matches(key, list(keys), n=1)
    if not close:
        return ""
    return f"; ¿quisiste decir {close[0]!r}?" if lang == "es" else f"; did you mean {close[0]!r}?"
