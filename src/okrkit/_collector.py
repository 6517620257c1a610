"""Pausing Python's cyclic garbage collector while okrkit builds a large plan.

Reading and checking a plan make hundreds of thousands of objects and no garbage
cycle; the collector, run again and again as they pile up, walks every one of them
each time (a third to a half of the time on a plan of thousands of objectives).
Reference counting frees what is dropped meanwhile; only cycles wait for the end.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off inside the block, and on again after it unless it
    was off before (a caller that turned it off keeps it off)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
