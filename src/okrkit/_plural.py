"""Words that agree with a count, in English and Spanish: ``1 key result``,
``3 key results``, ``1 seguimiento``, ``0 seguimientos``.

Every message that puts a number next to a noun or a verb says both forms once,
``"# key result|# key results"``, and :func:`plural` picks one; rule templates do
the same with a format spec, ``{count:# day|# days}`` (see ``okrkit._rules``).
"""

from __future__ import annotations

from okrkit.exceptions import InvalidValueError


__all__ = ["plural"]


def plural(count: float, forms: str, *, number: str | None = None) -> str:
    """The form of *forms* (one and many, split by ``|``) that agrees with *count*,
    each ``#`` in it replaced by *number*, the count as written (``str(count)``
    unless given, such as ``1,048,576`` or ``1,5``).

    One (``1``, ``-1``, ``1.0``) takes the first form; any other count, zero and
    fractions included, the second: English and Spanish agree on that.
    """
    one, bar, many = forms.partition("|")
    if not bar or "|" in many:
        raise InvalidValueError(
            "plural(forms)", forms, "two forms split by one '|', like '# day|# days'"
        )
    form = one if abs(count) == 1 else many
    return form.replace("#", str(count) if number is None else number)
