"""The domain model: plans, objectives, key results, check-ins, initiatives, links.

Every class is frozen and slotted, every collection a tuple. Each fluent method
returns a new value built with :func:`attrs.evolve`, so validation runs again and
nothing changes in place. Broken invariants (a negative weight, a confidence of
3, a date that does not exist) raise here; methodology problems are left to the
checker, which reports them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from okrkit._amount import Amount, optional_amount
from okrkit._cadence import Cadence
from okrkit._calendars import is_calendar
from okrkit._fields import (
    boolean,
    currency_code,
    field_of,
    id_reference,
    identifier,
    member,
    number,
    of_type,
    optional_date,
    optional_member,
    optional_number,
    optional_text,
    rule_ids,
    text,
    to_date,
    tuple_of,
)
from okrkit._metric import MetricType
from okrkit._period import Calendar, Period, calendar_of
from okrkit._policy import Policy
from okrkit._repr import fields_repr, value_repr
from okrkit.exceptions import InvalidTypeError, InvalidValueError, NotFoundError, PeriodError


if TYPE_CHECKING:
    from okrkit._calendars import AnyCalendar
    from okrkit._findings import Report
    from okrkit._score import Scorecard


__all__ = [
    "CONFIDENCE_RANGE",
    "WEIGHT_MINIMUM",
    "CheckIn",
    "CheckIns",
    "Commitment",
    "Direction",
    "Initiative",
    "KeyResult",
    "Link",
    "Nature",
    "Objective",
    "Per",
    "Plan",
    "key_result_window",
    "reference",
    "slugify",
    "trusted",
    "trusted_checkin",
]

T = TypeVar("T")


class Direction(StrEnum):
    """How a key result is read: which way its number must move, or hold."""

    INCREASE = "increase"
    DECREASE = "decrease"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ACHIEVE = "achieve"

    def __repr__(self) -> str:
        return value_repr(self)


class Nature(StrEnum):
    """Outcome (*logro*: not fully in the team's hands) or activity (*gestión*)."""

    OUTCOME = "outcome"
    ACTIVITY = "activity"

    def __repr__(self) -> str:
        return value_repr(self)


class Commitment(StrEnum):
    """Committed objectives are expected to reach 1.0; aspirational ones 0.6–0.7."""

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"

    def __repr__(self) -> str:
        return value_repr(self)


class Per(StrEnum):
    """The period a rate target counts over (``20 calls per week``)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    def __repr__(self) -> str:
        return value_repr(self)


_SLUG_DROP = r"[^a-z0-9]+"


def slugify(words: str, *, limit: int = 40) -> str:
    """A readable id from text: ``"Reducir el ciclo de venta"`` → ``reducir-el-ciclo-de-venta``."""
    plain = unicodedata.normalize("NFKD", words.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    slug = re.sub(_SLUG_DROP, "-", plain).strip("-")
    if len(slug) > limit:
        cut = slug[:limit]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


def _period_or_none(name: str, value: object) -> Period | None:
    if value is None or isinstance(value, Period):
        return value
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        try:
            return Calendar().period(value)
        except PeriodError as exc:
            raise InvalidValueError(name, value, exc.expected) from None
    raise InvalidTypeError(name, value, 'a Period or a label like "2026-Q1"')


# --- check-ins, initiatives, links ---------------------------------------------


def _checkin_date(value: object) -> dt.date:
    return to_date("CheckIn.date", value)


def _checkin_value(value: object) -> Amount:
    return Amount.coerce(value, field="CheckIn.value")


CONFIDENCE_RANGE = (0.0, 1.0)
"""What a check-in's confidence may be: how sure its owner is, from 0 to 1."""
WEIGHT_MINIMUM = 0.0
"""The least weight of an objective or a key result."""


def _checkin_confidence(value: object) -> float | None:
    low, high = CONFIDENCE_RANGE
    return optional_number("CheckIn.confidence", value, minimum=low, maximum=high)


def _checkin_note(value: object) -> str | None:
    return optional_text("CheckIn.note", value)


def _checkin_source(value: object) -> str | None:
    return optional_text("CheckIn.source", value)


@attrs.frozen(repr=False)
class CheckIn:
    """A measured value on a date, with how confident the owner is of reaching the target."""

    date: dt.date = attrs.field(converter=_checkin_date)
    value: Amount = attrs.field(converter=_checkin_value)
    confidence: float | None = attrs.field(
        default=None,
        converter=_checkin_confidence,
        kw_only=True,
    )
    note: str | None = attrs.field(
        default=None,
        converter=_checkin_note,
        kw_only=True,
    )
    source: str | None = attrs.field(
        default=None,
        converter=_checkin_source,
        kw_only=True,
    )

    def __repr__(self) -> str:
        return fields_repr(self, positional=("date", "value"))


_FIELDS: dict[type, tuple[tuple[str, str, object], ...]] = {}
"""Each class :func:`trusted` has made: its fields' names, aliases and defaults."""


def trusted(cls: type[T], **fields: Any) -> T:
    """A *cls* of *fields* that a reader has already checked, each in the form the
    value holds it (what the field's converter gives back: stripped text or None, a
    member of the enum, an Amount, a tuple), so none is checked again; a field not
    given takes its default. The public constructors check every value."""
    spec = _FIELDS.get(cls)
    if spec is None:
        spec = _FIELDS[cls] = _fields_of(cls)
    made = object.__new__(cls)
    for name, alias, default in spec:
        value = fields.pop(alias, default)
        if value is attrs.NOTHING:
            raise TypeError(f"trusted({cls.__name__}) needs {alias}=")
        object.__setattr__(made, name, value)
    if fields:
        raise TypeError(f"{cls.__name__} has no field {next(iter(fields))!r}")
    return made


def _fields_of(cls: Any) -> tuple[tuple[str, str, object], ...]:
    """Each field's name, alias and default (:data:`attrs.NOTHING` if it has none)."""
    spec = []
    for field in attrs.fields(cls):
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"trusted({cls.__name__}): {field.name} has a factory")
        spec.append((field.name, field.alias or field.name, field.default))
    return tuple(spec)


Columns = tuple[
    tuple[dt.date, ...],
    tuple[Amount, ...],
    tuple[float | None, ...],
    tuple[str | None, ...],
    tuple[str | None, ...],
]
"""Check-ins as columns: their dates, values, confidences, notes and sources."""


class CheckIns:
    """A key result's check-ins, kept as :data:`Columns` or as CheckIn values.

    Scoring and the rules read check-ins as time series, so a plan file's are kept
    as columns, each :class:`CheckIn` made only when :attr:`KeyResult.checkins` is
    first read; check-ins given as CheckIn values are kept so, their columns made
    when first read. Either way two are equal when their CheckIn values are."""

    __slots__ = ("_columns", "_items")

    def __init__(
        self, items: tuple[CheckIn, ...] | None = None, *, columns: Columns | None = None
    ) -> None:
        self._items = items
        self._columns = columns

    @property
    def items(self) -> tuple[CheckIn, ...]:
        if self._items is None:
            assert self._columns is not None
            self._items = tuple(map(trusted_checkin, *self._columns))
        return self._items

    @property
    def columns(self) -> Columns:
        if self._columns is None:
            items = self.items
            self._columns = (
                tuple(c.date for c in items),
                tuple(c.value for c in items),
                tuple(c.confidence for c in items),
                tuple(c.note for c in items),
                tuple(c.source for c in items),
            )
        return self._columns

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return self.columns[0]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckIns):
            return NotImplemented
        return self is other or self.items == other.items

    def __hash__(self) -> int:
        return hash(self.items)

    def __repr__(self) -> str:
        return value_repr(self.items)

    def __reduce__(self) -> tuple[Any, ...]:
        return (CheckIns, (self.items,))


def trusted_checkin(
    date: dt.date,
    value: Amount,
    confidence: float | None,
    note: str | None = None,
    source: str | None = None,
) -> CheckIn:
    """A check-in of values a reader has already checked (a real date, an Amount, a
    confidence in 0..1 or None, stripped text or None), without checking them
    again: :func:`trusted` for the values made most often."""
    made = object.__new__(CheckIn)
    _set = object.__setattr__
    _set(made, "date", date)
    _set(made, "value", value)
    _set(made, "confidence", confidence)
    _set(made, "note", note)
    _set(made, "source", source)
    return made


NO_CHECKINS = CheckIns(())


def _by_date(checkin: CheckIn) -> dt.date:
    return checkin.date


def _checkin(value: object) -> CheckIn:
    raise InvalidTypeError("KeyResult.checkins", value, "CheckIn values")


def _initiative_title(value: object) -> str:
    return text("Initiative.title", value)


def _initiative_owner(value: object) -> str | None:
    return optional_text("Initiative.owner", value)


@attrs.frozen(repr=False)
class Initiative:
    """Work planned to move a key result. It is never scored: the key result is."""

    title: str = attrs.field(converter=_initiative_title)
    owner: str | None = attrs.field(
        default=None,
        converter=_initiative_owner,
        kw_only=True,
    )
    done: bool = attrs.field(default=False, kw_only=True, validator=boolean)

    def __repr__(self) -> str:
        return fields_repr(self, positional=("title",))


def _initiative(value: object) -> Initiative:
    if isinstance(value, str):
        return Initiative(value)
    raise InvalidTypeError("KeyResult.initiatives", value, "Initiative values or text")


def _link_from(value: object) -> str:
    return id_reference("Link.from_", value)


def _link_to(value: object) -> str:
    return id_reference("Link.to", value)


def _link_because(value: object) -> str | None:
    return optional_text("Link.because", value)


@attrs.frozen(repr=False)
class Link:
    """A causality edge: reaching ``from_`` should move ``to``, ``because`` of a stated reason.

    Both ends are ids of key results or objectives (``objective-id/kr-id`` where a
    bare id would be ambiguous).
    """

    from_: str = attrs.field(converter=_link_from)
    to: str = attrs.field(converter=_link_to)
    because: str | None = attrs.field(
        default=None,
        converter=_link_because,
        kw_only=True,
    )

    def __repr__(self) -> str:
        return fields_repr(self, positional=("from_", "to"))


# --- key results -------------------------------------------------------------------


def _optional_cadence(name: str, value: object) -> Cadence | None:
    if value is None or isinstance(value, Cadence):
        return value
    if isinstance(value, str):
        return Cadence(value)
    raise InvalidTypeError(name, value, 'a Cadence or "weekly" | "biweekly" | "monthly"')


def _keyresult_statement(value: object) -> str | None:
    return optional_text("KeyResult.statement", value)


def _keyresult_id(value: object) -> str | None:
    return identifier("KeyResult.id", value)


def _keyresult_metric(value: object) -> str | None:
    return optional_text("KeyResult.metric", value)


def _keyresult_direction(value: object) -> Direction | None:
    return optional_member("KeyResult.direction", value, Direction)


def _keyresult_baseline(value: object) -> Amount | None:
    return optional_amount("KeyResult.baseline", value)


def _keyresult_target(value: object) -> Amount | None:
    return optional_amount("KeyResult.target", value)


def _keyresult_change(value: object) -> Amount | None:
    return optional_amount("KeyResult.change", value)


def _keyresult_per(value: object) -> Per | None:
    return optional_member("KeyResult.per", value, Per)


def _keyresult_share(value: object) -> Amount | None:
    return optional_amount("KeyResult.share", value)


def _keyresult_nature(value: object) -> Nature | None:
    return optional_member("KeyResult.nature", value, Nature)


def _keyresult_deadline(value: object) -> dt.date | None:
    return optional_date("KeyResult.deadline", value)


def _keyresult_weight(value: object) -> float:
    return number("KeyResult.weight", value, minimum=WEIGHT_MINIMUM)


def _keyresult_owner(value: object) -> str | None:
    return optional_text("KeyResult.owner", value)


def _keyresult_cadence(value: object) -> Cadence | None:
    return _optional_cadence("KeyResult.cadence", value)


def _keyresult_checkins(value: object) -> CheckIns:
    if type(value) is CheckIns:
        return value
    return CheckIns(tuple_of("KeyResult.checkins", value, CheckIn, _checkin))


def _keyresult_initiatives(value: object) -> tuple[Initiative, ...]:
    return tuple_of("KeyResult.initiatives", value, Initiative, _initiative)


def _keyresult_ignore(value: object) -> tuple[str, ...]:
    return rule_ids("KeyResult.ignore", value)


@attrs.frozen(repr=False)
class KeyResult:
    """A measurable result: at the period's end anyone can say whether it was met.

    A key result may be written as a ``statement`` ("Reducir el ciclo de venta de
    35 días a 26 días"), as structured fields, or both; fields given explicitly
    win over what is read from the statement.
    """

    statement: str | None = attrs.field(
        default=None,
        converter=_keyresult_statement,
    )
    id: str | None = attrs.field(
        default=None,
        converter=_keyresult_id,
        kw_only=True,
    )
    metric: str | None = attrs.field(
        default=None,
        converter=_keyresult_metric,
        kw_only=True,
    )
    direction: Direction | None = attrs.field(
        default=None,
        converter=_keyresult_direction,
        kw_only=True,
    )
    baseline: Amount | None = attrs.field(
        default=None,
        converter=_keyresult_baseline,
        kw_only=True,
    )
    target: Amount | None = attrs.field(
        default=None,
        converter=_keyresult_target,
        kw_only=True,
    )
    change: Amount | None = attrs.field(
        default=None,
        converter=_keyresult_change,
        kw_only=True,
    )
    per: Per | None = attrs.field(
        default=None,
        converter=_keyresult_per,
        kw_only=True,
    )
    share: Amount | None = attrs.field(
        default=None,
        converter=_keyresult_share,
        kw_only=True,
    )
    nature: Nature | None = attrs.field(
        default=None,
        converter=_keyresult_nature,
        kw_only=True,
    )
    deadline: dt.date | None = attrs.field(
        default=None,
        converter=_keyresult_deadline,
        kw_only=True,
    )
    weight: float = attrs.field(
        default=1.0,
        converter=_keyresult_weight,
        kw_only=True,
    )
    owner: str | None = attrs.field(
        default=None,
        converter=_keyresult_owner,
        kw_only=True,
    )
    done: bool = attrs.field(default=False, validator=boolean, kw_only=True)
    strict: bool = attrs.field(default=False, validator=boolean, kw_only=True)
    metric_type: MetricType | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(field_of(MetricType, "a MetricType")),
        kw_only=True,
    )
    _checkins: CheckIns = attrs.field(
        default=NO_CHECKINS,
        converter=_keyresult_checkins,
        kw_only=True,
        alias="checkins",
    )
    """The check-ins (:attr:`checkins`), kept as :class:`CheckIns`: a plan file's as columns."""
    initiatives: tuple[Initiative, ...] = attrs.field(
        default=(),
        converter=_keyresult_initiatives,
        kw_only=True,
    )
    ignore: tuple[str, ...] = attrs.field(
        default=(),
        converter=_keyresult_ignore,
        kw_only=True,
    )
    cadence: Cadence | None = attrs.field(default=None, converter=_keyresult_cadence, kw_only=True)
    """How often this key result is checked in (the plan's cadence otherwise)."""
    reading: Any = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    """What the statement reader found in ``statement`` (set by :func:`okrkit.kr`
    and the plan loaders); it explains the fields but is not part of equality."""
    _derived: Any = attrs.field(default=None, init=False, eq=False, repr=False, hash=False)
    """Numbers worked out from this value once (the key result in one unit); a new
    value, made by any fluent method, starts without them."""

    def __repr__(self) -> str:
        return fields_repr(self, positional=("statement",) if self.statement else ())

    def _repr_html_(self) -> str:
        """A rich view for notebooks (it never raises)."""
        from okrkit._notebook import html_for  # noqa: PLC0415 - rendering sits outside

        return html_for(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """A short readable text for IPython (the repr rebuilds the value)."""
        from okrkit._notebook import text_for  # noqa: PLC0415 - rendering sits outside

        printer.text(text_for(self))

    @property
    def checkins(self) -> tuple[CheckIn, ...]:
        """The check-ins, in the order written."""
        return self._checkins.items

    # -- names ---------------------------------------------------------------

    @property
    def key(self) -> str:
        """The id, or one derived from the metric or statement."""
        if self.id is not None:
            return self.id
        source = self.metric or self.statement or ""
        return slugify(source) or "kr"

    # -- fluent building -----------------------------------------------------

    def with_id(self, id: str) -> KeyResult:
        """The same key result with an explicit id."""
        return attrs.evolve(self, id=id)

    def measuring(self, metric: str) -> KeyResult:
        """The same key result, naming what it measures."""
        return attrs.evolve(self, metric=metric)

    def owned_by(self, owner: str) -> KeyResult:
        return attrs.evolve(self, owner=owner)

    def weighted(self, weight: float) -> KeyResult:
        """The weight of this key result in its objective's score (default 1)."""
        return attrs.evolve(self, weight=weight)

    def due(self, deadline: dt.date | str) -> KeyResult:
        """A deadline inside the objective's period; pacing runs up to it."""
        return attrs.evolve(self, deadline=deadline)

    def starting_at(self, baseline: Amount | str | float) -> KeyResult:
        """The value the key result starts from."""
        return attrs.evolve(self, baseline=Amount.coerce(baseline, field="KeyResult.baseline"))

    def as_activity(self) -> KeyResult:
        """Mark it as work the team controls (*gestión*, *hacer*)."""
        return attrs.evolve(self, nature=Nature.ACTIVITY)

    def as_outcome(self) -> KeyResult:
        """Mark it as a result the team does not fully control (*logro*)."""
        return attrs.evolve(self, nature=Nature.OUTCOME)

    def of_type(self, metric_type: MetricType) -> KeyResult:
        """Say what kind of number this is, with its valid range and polarity."""
        return attrs.evolve(self, metric_type=metric_type)

    def completed(self, done: bool = True) -> KeyResult:
        """Mark a milestone (``achieve``) key result as done, or not."""
        return attrs.evolve(self, done=done)

    def checked_in(
        self,
        date: dt.date | str,
        value: Amount | str | float,
        *,
        confidence: float | None = None,
        note: str | None = None,
        source: str | None = None,
    ) -> KeyResult:
        """The same key result with one more check-in."""
        entry = CheckIn(date, value, confidence=confidence, note=note, source=source)
        return attrs.evolve(self, checkins=(*self.checkins, entry))

    def with_initiatives(self, *initiatives: Initiative | str) -> KeyResult:
        """Add the work planned behind the key result (never scored)."""
        return attrs.evolve(self, initiatives=(*self.initiatives, *initiatives))

    def ignoring(self, *rules: str) -> KeyResult:
        """Silence checker rules for this key result only."""
        return attrs.evolve(self, ignore=(*self.ignore, *rules))

    def checked_in_every(self, cadence: Cadence | str) -> KeyResult:
        """The rhythm of check-ins promised for this key result ("weekly")."""
        return attrs.evolve(self, cadence=cadence)

    def drives(self, other: KeyResult | Objective | str, *, because: str | None = None) -> Link:
        """A causality link: reaching this key result should move *other*."""
        return Link(self.key, reference("Link.to", other), because=because)

    # -- history ---------------------------------------------------------------

    def history(self, *, until: dt.date | str | None = None) -> tuple[CheckIn, ...]:
        """The check-ins in date order, up to *until* (a date or ISO date text,
        included) when given."""
        last = optional_date("KeyResult.history(until)", until)
        ordered = sorted(self.checkins, key=_by_date)
        if last is None:
            return tuple(ordered)
        return tuple(c for c in ordered if c.date <= last)

    def checkin_as_of(self, date: dt.date | str) -> CheckIn | None:
        """The latest check-in at or before *date* (or ISO date text), or ``None``."""
        found = self.history(until=to_date("KeyResult.checkin_as_of(date)", date))
        return found[-1] if found else None


def reference(name: str, item: KeyResult | Objective | str) -> str:
    """What a link's end names: a key result's or objective's key, or an id."""
    if isinstance(item, (KeyResult, Objective)):
        return item.key
    if isinstance(item, str):
        return item
    raise InvalidTypeError(name, item, "a KeyResult, an Objective or an id")


def _key_result(value: object) -> KeyResult:
    hint = "KeyResult values; build one from a sentence with okrkit.kr('...')"
    raise InvalidTypeError("Objective.key_results", value, hint)


# --- objectives --------------------------------------------------------------------


def key_result_window(item: KeyResult, period: Period) -> tuple[dt.date, dt.date]:
    """The dates a key result is measured over, both included: its objective's
    *period* from the start to the key result's deadline, or to the period's end."""
    end = item.deadline if item.deadline is not None else period.end
    return period.start, max(end, period.start)


def _objective_title(value: object) -> str:
    return text("Objective.title", value)


def _objective_id(value: object) -> str | None:
    return identifier("Objective.id", value)


def _objective_owner(value: object) -> str | None:
    return optional_text("Objective.owner", value)


def _objective_period(value: object) -> Period | None:
    return _period_or_none("Objective.period", value)


def _objective_commitment(value: object) -> Commitment:
    return member("Objective.commitment", value, Commitment)


def _objective_parent(value: object) -> str | None:
    return identifier("Objective.parent", value)


def _objective_weight(value: object) -> float:
    return number("Objective.weight", value, minimum=WEIGHT_MINIMUM)


def _objective_key_results(value: object) -> tuple[KeyResult, ...]:
    return tuple_of("Objective.key_results", value, KeyResult, _key_result)


def _objective_ignore(value: object) -> tuple[str, ...]:
    return rule_ids("Objective.ignore", value)


@attrs.frozen(repr=False)
class Objective:
    """One qualitative, inspiring sentence, time-boxed and owned by a person or a team."""

    title: str = attrs.field(converter=_objective_title)
    id: str | None = attrs.field(
        default=None,
        converter=_objective_id,
        kw_only=True,
    )
    owner: str | None = attrs.field(
        default=None,
        converter=_objective_owner,
        kw_only=True,
    )
    period: Period | None = attrs.field(
        default=None,
        converter=_objective_period,
        kw_only=True,
    )
    commitment: Commitment = attrs.field(
        default=Commitment.COMMITTED,
        converter=_objective_commitment,
        kw_only=True,
    )
    parent: str | None = attrs.field(
        default=None,
        converter=_objective_parent,
        kw_only=True,
    )
    weight: float = attrs.field(
        default=1.0,
        converter=_objective_weight,
        kw_only=True,
    )
    key_results: tuple[KeyResult, ...] = attrs.field(
        default=(),
        converter=_objective_key_results,
        kw_only=True,
    )
    ignore: tuple[str, ...] = attrs.field(
        default=(),
        converter=_objective_ignore,
        kw_only=True,
    )
    reading: Any = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    """What the text reader found in the title (a number, a business-as-usual verb)."""

    def __repr__(self) -> str:
        return fields_repr(self, positional=("title",))

    def _repr_html_(self) -> str:
        """A rich view for notebooks (it never raises)."""
        from okrkit._notebook import html_for  # noqa: PLC0415 - rendering sits outside

        return html_for(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """A short readable text for IPython (the repr rebuilds the value)."""
        from okrkit._notebook import text_for  # noqa: PLC0415 - rendering sits outside

        printer.text(text_for(self))

    @property
    def key(self) -> str:
        """The id, or one derived from the title."""
        return self.id if self.id is not None else (slugify(self.title) or "objective")

    def key_result_keys(self) -> tuple[str, ...]:
        """The key of each key result, made unique inside this objective."""
        seen: dict[str, int] = {}
        keys = []
        for item in self.key_results:
            key = item.key
            if item.id is None and key in seen:
                seen[key] += 1
                key = f"{key}-{seen[key]}"
            else:
                seen.setdefault(key, 1)
            keys.append(key)
        return tuple(keys)

    # -- fluent building -----------------------------------------------------

    def with_id(self, id: str) -> Objective:
        return attrs.evolve(self, id=id)

    def owned_by(self, owner: str) -> Objective:
        """The person or team who owns the objective."""
        return attrs.evolve(self, owner=owner)

    def during(self, period: Period | str, *, calendar: AnyCalendar | None = None) -> Objective:
        """The time box: a :class:`Period` or a label such as ``"2026-Q1"``."""
        reader = calendar_of("Objective.during(calendar)", calendar)
        if isinstance(period, str):
            try:
                period = reader.period(period)
            except PeriodError as exc:
                raise InvalidValueError("Objective.period", period, exc.expected) from None
        return attrs.evolve(self, period=period)

    def measured_by(self, *key_results: KeyResult) -> Objective:
        """Add key results (the order is kept)."""
        return attrs.evolve(self, key_results=(*self.key_results, *key_results))

    def aligned_to(self, parent: Objective | str) -> Objective:
        """The objective this one contributes to (by id)."""
        ref = parent.key if isinstance(parent, Objective) else parent
        return attrs.evolve(self, parent=ref)

    def weighted(self, weight: float) -> Objective:
        return attrs.evolve(self, weight=weight)

    def committed(self) -> Objective:
        """Expected to reach 1.0: the team adjusts to deliver it."""
        return attrs.evolve(self, commitment=Commitment.COMMITTED)

    def aspirational(self) -> Objective:
        """A stretch: 0.6–0.7 reads as success."""
        return attrs.evolve(self, commitment=Commitment.ASPIRATIONAL)

    def ignoring(self, *rules: str) -> Objective:
        """Silence checker rules for this objective and its key results."""
        return attrs.evolve(self, ignore=(*self.ignore, *rules))

    def drives(self, other: Objective | KeyResult | str, *, because: str | None = None) -> Link:
        """A causality link from this objective to another objective or key result."""
        return Link(self.key, reference("Link.to", other), because=because)


def _objective(value: object) -> Objective:
    raise InvalidTypeError("Plan.objectives", value, "Objective values")


def _link(value: object) -> Link:
    raise InvalidTypeError("Plan.links", value, "Link values")


def _lang(value: object) -> str | None:
    if value is None:
        return None
    if value not in ("en", "es"):
        raise InvalidValueError("Plan.lang", value, "en | es")
    return str(value)


def _currency(value: object) -> str:
    return currency_code("Plan.currency", value)


DocumentPath = tuple[str | int, ...]
"""A place in a plan document: ``("objectives", 0, "key_results", 1)``."""


class KnownLines:
    """Lines found already (a YAML reader keeps them as it reads): a Source's *find*."""

    __slots__ = ("found",)

    def __init__(self, found: dict[DocumentPath, int]) -> None:
        self.found = found

    def __call__(self, paths: list[DocumentPath]) -> dict[DocumentPath, int]:
        found = self.found
        return {path: found[path] for path in paths if path in found}


@attrs.frozen
class Source:
    """Where a plan was read from: the file, and the line of each place in it
    (``"meta-q1"``, ``"meta-q1/ciclo"``, ``"links[0]"``).

    Lines are found when first asked, and only those asked: *find* takes document
    paths and gives the line of each one it finds in the text. Loading a large plan
    and scoring it finds no line; checking it finds the lines of the places that
    have something to say."""

    file: str | None = None
    places: tuple[tuple[str, DocumentPath], ...] = ()
    """Each objective, key result and link read, in document order: the name a
    finding gives it and its place in the document."""
    rule_ids: tuple[tuple[str, str, int], ...] = ()
    """The line of each rule id the plan's ``policy:`` names, as ``(setting, id,
    line)`` (``("select", "missing-owner", 6)``): an id that names no rule is only
    found when the plan is checked, with the plugins loaded."""
    find: Callable[[list[DocumentPath]], dict[DocumentPath, int]] = attrs.field(
        factory=lambda: KnownLines({}), kw_only=True, eq=False, repr=False
    )
    """What finds the line of document paths (it holds the text, to read it again)."""

    @functools.cached_property
    def _name_at(self) -> dict[DocumentPath, str]:
        return {path: name for name, path in self.places}

    @functools.cached_property
    def _paths_named(self) -> dict[str, list[DocumentPath]]:
        named: dict[str, list[DocumentPath]] = {}
        for name, path in self.places:
            named.setdefault(name, []).append(path)
        return named

    @functools.cached_property
    def _known(self) -> dict[DocumentPath, int | None]:
        return {}  # the line of each path looked for (None: not in the text)

    def _lines_at(self, paths: list[DocumentPath]) -> dict[DocumentPath, int | None]:
        known = self._known
        new = [path for path in dict.fromkeys(paths) if path not in known]
        if new:
            found = self.find(new)
            for path in new:
                known[path] = found.get(path)
        return known

    @property
    def lines(self) -> tuple[tuple[str, int], ...]:
        """The line of every place found in the text, in document order."""
        known = self._lines_at([path for _name, path in self.places])
        return tuple((name, line) for name, path in self.places if (line := known[path]))

    @property
    def paths(self) -> tuple[DocumentPath, ...]:
        """The place in the document of each of :attr:`lines`, in the same order."""
        known = self._lines_at([path for _name, path in self.places])
        return tuple(path for _name, path in self.places if known[path])

    def line(self, where: str, path: DocumentPath = ()) -> int | None:
        """The line of the place named *where*; its *path* in the document picks
        the right one when two places share a name (two objectives titled alike)."""
        return self.lines_of([(where, path)])[0]

    def lines_of(self, asked: list[tuple[str, DocumentPath]]) -> list[int | None]:
        """:meth:`line` of each ``(where, path)``, the text read once for them all."""
        name_at = self._name_at
        direct = [path if name_at.get(path) == where else None for where, path in asked]
        known = self._lines_at([path for path in direct if path is not None])
        out = [None if path is None else known[path] for path in direct]
        missing = {where for (where, _path), line in zip(asked, out, strict=True) if line is None}
        if missing:  # else the last place of that name found in the text
            named = self._paths_named
            known = self._lines_at([p for where in missing for p in named.get(where, ())])
            last = {name: known[path] for name, path in self.places if known.get(path)}
            out = [
                last.get(where) if line is None else line
                for (where, _path), line in zip(asked, out, strict=True)
            ]
        return out

    def rule_line(self, setting: str, rule: str) -> int | None:
        """The line where the plan's ``policy:`` names *rule* under *setting*."""
        for named_in, named, line in self.rule_ids:
            if named_in == setting and named == rule:
                return line
        return None


# --- plans -------------------------------------------------------------------------


def _plan_title(value: object) -> str | None:
    return optional_text("Plan.title", value)


def _plan_period(value: object) -> Period | None:
    return _period_or_none("Plan.period", value)


def _plan_objectives(value: object) -> tuple[Objective, ...]:
    return tuple_of("Plan.objectives", value, Objective, _objective)


def _plan_links(value: object) -> tuple[Link, ...]:
    return tuple_of("Plan.links", value, Link, _link)


def _plan_cadence(value: object) -> Cadence | None:
    return _optional_cadence("Plan.cadence", value)


def _plan_policy(value: object) -> Policy | None:
    if value is None:
        return None
    policy = Policy.coerce(value, field="Plan.policy")
    if policy.plugins:
        raise InvalidValueError(
            "Plan.policy",
            policy.plugins,
            "a policy without plugins: a plan is data and never makes okrkit import code; "
            "pass plugins to check(policy=...) or list them in pyproject.toml",
        )
    return policy


@attrs.frozen(repr=False)
class Plan:
    """A set of objectives with their key results, and the links between them."""

    title: str | None = attrs.field(default=None, converter=_plan_title)
    period: Period | None = attrs.field(
        default=None,
        converter=_plan_period,
        kw_only=True,
    )
    currency: str = attrs.field(default="USD", converter=_currency, kw_only=True)
    lang: str | None = attrs.field(default=None, converter=_lang, kw_only=True)
    calendar: AnyCalendar = attrs.field(
        factory=Calendar,
        validator=is_calendar,
        kw_only=True,
    )
    objectives: tuple[Objective, ...] = attrs.field(
        default=(),
        converter=_plan_objectives,
        kw_only=True,
    )
    links: tuple[Link, ...] = attrs.field(
        default=(),
        converter=_plan_links,
        kw_only=True,
    )
    policy: Policy | None = attrs.field(default=None, converter=_plan_policy, kw_only=True)
    """The plan's own checker settings (``policy:`` in a plan file, or a preset's
    name), if any; never plugins, which come from the caller (a plan is data: it
    never makes okrkit import code)."""
    cadence: Cadence | None = attrs.field(default=None, converter=_plan_cadence, kw_only=True)
    """How often key results are checked in, unless one says otherwise."""
    source: Source | None = attrs.field(
        default=None, eq=False, repr=False, kw_only=True, hash=False
    )
    """Where the plan was read from, so findings can name a line; not part of equality."""
    _read: Any = attrs.field(default=None, init=False, eq=False, repr=False, hash=False)
    """This plan with every statement and title read (kept by the statement reader,
    so checking the same plan again reads nothing); a new value starts without it."""

    def __repr__(self) -> str:
        return fields_repr(self, positional=("title",) if self.title else ())

    def _repr_html_(self) -> str:
        """A rich view for notebooks (it never raises)."""
        from okrkit._notebook import html_for  # noqa: PLC0415 - rendering sits outside

        return html_for(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """A short readable text for IPython (the repr rebuilds the value)."""
        from okrkit._notebook import text_for  # noqa: PLC0415 - rendering sits outside

        printer.text(text_for(self))

    # -- fluent building -----------------------------------------------------

    def during(self, period: Period | str) -> Plan:
        """The default period of every objective that names none."""
        if isinstance(period, str):
            try:
                period = self.calendar.period(period)
            except PeriodError as exc:
                raise InvalidValueError("Plan.period", period, exc.expected) from None
        return attrs.evolve(self, period=period)

    def with_objectives(self, *objectives: Objective) -> Plan:
        """Add objectives (the order is kept)."""
        return attrs.evolve(self, objectives=(*self.objectives, *objectives))

    def linked(self, *links: Link) -> Plan:
        """Add causality links (see :meth:`KeyResult.drives`)."""
        return attrs.evolve(self, links=(*self.links, *links))

    def with_currency(self, code: str) -> Plan:
        """What ``$`` means in statements (``USD`` by default)."""
        return attrs.evolve(self, currency=code)

    def in_language(self, lang: str) -> Plan:
        """The language of statements when detection is unsure, and of messages."""
        return attrs.evolve(self, lang=lang)

    def with_calendar(self, calendar: AnyCalendar) -> Plan:
        """The calendar that names the plan's periods (fiscal, retail or cycles)."""
        return attrs.evolve(self, calendar=calendar)

    def checked_in_every(self, cadence: Cadence | str) -> Plan:
        """The rhythm of check-ins the team promised ("weekly", "biweekly", "monthly")."""
        return attrs.evolve(self, cadence=cadence)

    def with_policy(self, policy: Policy | str) -> Plan:
        """The plan's own checker settings (or a preset's name), written with it to files."""
        return attrs.evolve(self, policy=policy)

    # -- reading ---------------------------------------------------------------

    def objective(self, id: str) -> Objective:
        """The objective with this id (or derived key); a :class:`~okrkit.exceptions.NotFoundError`
        (also a ``KeyError``) when there is none."""
        of_type("Plan.objective(id)", id, str, "an objective's id")
        for item in self.objectives:
            if item.key == id:
                return item
        raise NotFoundError("Plan.objective(id)", id, "the id of an objective in the plan")

    def key_result(self, ref: str) -> KeyResult:
        """The key result with this id, or ``objective-id/kr-id``; a
        :class:`~okrkit.exceptions.NotFoundError` (also a ``KeyError``) when there is none."""
        of_type("Plan.key_result(ref)", ref, str, "a key result's id or objective-id/kr-id")
        for objective, keys in ((o, o.key_result_keys()) for o in self.objectives):
            for key, item in zip(keys, objective.key_results, strict=True):
                if ref in (key, f"{objective.key}/{key}"):
                    return item
        raise NotFoundError(
            "Plan.key_result(ref)", ref, "the id of a key result in the plan, or objective-id/kr-id"
        )

    def iter_key_results(self) -> Iterator[tuple[Objective, KeyResult]]:
        """Every key result with its objective, in plan order."""
        for objective in self.objectives:
            for item in objective.key_results:
                yield objective, item

    def period_of(self, objective: Objective) -> Period | None:
        """The objective's period, or the plan's default."""
        if type(objective) is not Objective:
            of_type("Plan.period_of(objective)", objective, Objective, "an Objective")
        return objective.period or self.period

    def to_frame(self, **options: Any) -> Any:
        """A pandas DataFrame of the plan; see :func:`okrkit.to_frame`."""
        from okrkit._frames import to_frame  # noqa: PLC0415 - an optional extra, outside

        return to_frame(self, **options)

    @classmethod
    def from_frame(cls, frame: Any, **options: Any) -> Plan:
        """A plan from frames written by :meth:`to_frame`; see :func:`okrkit.from_frame`."""
        from okrkit._frames import from_frame  # noqa: PLC0415 - an optional extra, outside

        return from_frame(frame, **options)

    # -- checking and scoring (delegated; the model itself stays free of them) ---

    def check(self, **options: Any) -> Report:
        """Run every rule; the same as :func:`okrkit.check` (``plan.check(as_of=...)``)."""
        from okrkit._api import check  # noqa: PLC0415 - the checker sits outside the model

        return check(self, **options)

    def score(self, **options: Any) -> Scorecard:
        """Score every key result, objective and the plan; the same as
        :func:`okrkit.score` (``plan.score(as_of=...)``)."""
        from okrkit._api import score  # noqa: PLC0415 - scoring sits outside the model

        return score(self, **options)
