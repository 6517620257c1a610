"""HTML pieces the report page and the notebook views share: colours, escaping
and badges."""

from __future__ import annotations

from okrkit._escape import html as escape


__all__ = ["GRADE_COLOURS", "STATUS_COLOURS", "badge", "escape"]

GRADE_COLOURS = {"red": "#c0392b", "yellow": "#d4a017", "green": "#2e8b57"}
STATUS_COLOURS = {
    "on_track": "#2e8b57", "achieved": "#2e8b57", "at_risk": "#d4a017",
    "off_track": "#c0392b", "missed": "#c0392b", "not_started": "#7f8c8d",
}  # fmt: skip


def badge(text: str, colour: str) -> str:
    """A small coloured label (a grade, a status)."""
    return f'<span class="badge" style="background:{colour}">{escape(text)}</span>'
