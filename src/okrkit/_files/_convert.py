"""Plan documents (plain data) to and from the model, as file-format.md says.

Reading collects every problem with the path where it was found, so the caller
can place each one at a line and column; nothing stops at the first problem.
Writing gives plain data that every format can carry (TOML has no null, so
absent fields are left out).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from okrkit._amount import Amount, plain_number
from okrkit._cadence import Cadence
from okrkit._fields import as_float, characters, id_reference, identifier, optional_text
from okrkit._files._calendar import calendar_data, read_calendar
from okrkit._files._hints import did_you_mean
from okrkit._files._keys import (
    CADENCE,
    CHECKIN,
    INITIATIVE,
    KEY_RESULT,
    LINK,
    METRIC_TYPE,
    OBJECTIVE,
    PLAN,
    POLICY,
    Key,
    Section,
    accepted,
    choices,
)
from okrkit._files._numbers import Number, Whole, bare_number_refusal
from okrkit._metric import MetricType, metric_type
from okrkit._model import (
    NO_CHECKINS,
    CheckIn,
    CheckIns,
    Commitment,
    Initiative,
    KeyResult,
    Link,
    Objective,
    Plan,
    trusted,
)
from okrkit._period import Calendar, Period
from okrkit._period_words import WEEKDAYS
from okrkit._plural import plural
from okrkit._policy import Policy
from okrkit._unit_words import Refusal
from okrkit.exceptions import EXCERPT, InvalidValueError, OkrkitError, PeriodError, excerpt


if TYPE_CHECKING:
    from okrkit._calendars import AnyCalendar


__all__ = ["FORMAT_VERSION", "Located", "PlanReader", "plan_to_data"]

FORMAT_VERSION = 1

T = TypeVar("T")

Path = tuple[str | int, ...]

_POLICY_AND_PLUGINS = dict.fromkeys((*POLICY, "plugins"))
"""The keys of ``[tool.okrkit]``: a plan's ``policy:`` keys, and ``plugins``."""

_READ_BY_CALLER = frozenset({"list", "version", "currency", "calendar", "policy"})
"""Keys whose value the caller reads itself: lists of mappings, and the plan's own."""

_DATE_VALUE_CONFIDENCE = frozenset({"date", "value", "confidence"})
"""The keys of most check-ins: read without the general reader when already known."""

_NUMBERS = (float, int)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_format_version(value: object) -> bool:
    """Whether *value* is the whole number 1, written plainly: not ``1.0`` nor
    ``!!float 1`` (floats), nor ``0x1`` or ``+1`` (YAML keeps how it was written)."""
    return (
        type(value) in (int, Whole)
        and value == FORMAT_VERSION
        and getattr(value, "source", str(FORMAT_VERSION)) == str(FORMAT_VERSION)
    )


def shown(value: object) -> str:
    """How a value from a file is quoted back in a message (never recursive)."""
    if isinstance(value, (Number, Whole)):
        source = value.source
        if len(source) <= EXCERPT:
            return source
        return f"{excerpt(source)} ({len(source):,} characters)"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = excerpt(value).encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates
        return '"' + text.replace('"', '\\"') + '"'
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("infinity" if value > 0 else "-infinity")
    if isinstance(value, (int, float)):
        return repr(value) if abs(value) < 1e30 else "a number that large"
    if isinstance(value, (list, tuple)):
        return plural(len(value), "a list of # item|a list of # items")
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return type(value).__name__


def _kind(value: object) -> str:
    """What a value is, quoting nothing of it."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


_A_PLAN = "a mapping with okrkit: 1 and objectives:"
_NO_PLUGINS = (
    "not allowed in a plan: a plan is data and never makes okrkit import code; "
    "list rule plugins in pyproject.toml's [tool.okrkit], or pass them to check()"
)
_NO_VERSION = "required: the format version, okrkit: 1 (without it, the file is not a plan)"


class Located:
    """A problem found at a path of the document."""

    __slots__ = ("at_key", "message", "path")

    def __init__(self, path: Path, message: str, *, at_key: bool = False) -> None:
        self.path = path
        self.message = message
        self.at_key = at_key


class PlanReader:
    """Reads plan documents into the model, collecting every problem."""

    def __init__(self) -> None:
        self.problems: list[Located] = []
        self.places: list[tuple[Path, int]] = []
        """For each objective, key result and link read: its path and the id() of
        the mapping it was read from (so a reader can find its line)."""
        self.policy_ids: list[tuple[Path, str, str]] = []
        """For each rule id the plan's ``policy:`` names: its path, the setting
        (``select``, ``ignore``, ``severities``) and the id."""
        # Values already read, by the text or number written: check-ins repeat the
        # same dates and units thousands of times, and dates and amounts are immutable.
        self._dates: dict[str, dt.date] = {}
        self._amounts: dict[str | float, Amount] = {}
        self.lang = "en"
        """The language of hints: a plan with ``lang: es`` gets them in Spanish."""

    # -- reporting ---------------------------------------------------------------

    def problem(self, path: Path, message: str, *, at_key: bool = False) -> None:
        """Record a problem at *path* (reading goes on, to report them all)."""
        self.problems.append(Located(path, message, at_key=at_key))

    def expected(
        self,
        path: Path,
        what: str,
        value: object,
        *,
        hint: str | None = None,
        hint_es: str | None = None,
    ) -> None:
        """Record that *path* should hold *what*, quoting what it holds (and how to fix
        it, in the plan's language when the hint is said in it)."""
        if self.lang == "es" and hint_es:
            hint = hint_es
        told = f"; {hint}" if hint else ""
        self.problem(path, f"expected {what}, got {shown(value)}{told}")

    def refused(self, path: Path, value: object, refusal: Refusal | None) -> bool:
        """Record *refusal* of *value* at *path*, if there is one; whether there was."""
        if refusal is None:
            return False
        self.expected(path, refusal.expected, value, hint=refusal.hint, hint_es=refusal.hint_es)
        return True

    def mapping(self, path: Path, value: object, keys: Mapping[str, object], what: str) -> bool:
        """Whether *value* is a mapping with only the keys of *keys* (a Section; unknown
        keys are problems)."""
        if type(value) is dict and value.keys() <= keys.keys():
            return True  # the common case, without an ABC check per key
        if not isinstance(value, Mapping):
            self.expected(path, what, value)
            return False
        for key in value:
            if key not in keys:
                self.problem(
                    (*path, key),
                    f"unknown key {excerpt(str(key))!r}{did_you_mean(str(key), keys, self.lang)} "
                    f"(expected one of: {', '.join(keys)})",
                    at_key=True,
                )
        return True

    # -- scalar fields -------------------------------------------------------------

    def text(self, path: Path, value: object, *, required: bool = False) -> str | None:
        """*value* as stripped text, or None (and a problem) when it is not text."""
        if value is None:
            if required:
                self.problem(path, "required: expected text")
            return None
        if isinstance(value, (Number, Whole)):
            return value.source
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.expected(path, "text", value)
            return None
        try:
            characters("text", value)
        except InvalidValueError:
            self.expected(path, "text without a lone surrogate like \\ud800", value)
            return None
        if required and not value.strip():
            self.problem(path, "expected non-empty text")
            return None
        return value

    def number(
        self, path: Path, value: object, *, minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:  # fmt: skip
        """*value* as a finite float within the bounds, or None and a problem."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.expected(path, "a number", value)
            return None
        if isinstance(value, (Number, Whole)) and self.refused(
            path, value, bare_number_refusal(value)
        ):
            return None
        number = as_float(value)
        if not math.isfinite(number):
            self.expected(path, "a finite number", value)
            return None
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            low = "" if minimum is None else f"{minimum:g}"
            high = "" if maximum is None else f"{maximum:g}"
            span = f"from {low} to {high}" if low and high else (f"≥ {low}" if low else f"≤ {high}")
            self.expected(path, f"a number {span}", value)
            return None
        return number

    def boolean(self, path: Path, value: object) -> bool | None:
        """*value* as true or false, or None and a problem."""
        if value is None:
            return None
        if not isinstance(value, bool):
            self.expected(path, "true or false", value)
            return None
        return value

    def date(self, path: Path, value: object) -> dt.date | None:
        """*value* as a date that exists (ISO text or a YAML date), or None and a problem."""
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            self.expected(path, "a date like 2026-03-31 (without a time)", value)
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            known = self._dates.get(value)
            if known is not None:
                return known
        if isinstance(value, str) and _DATE.match(value):
            try:
                day = self._dates[value] = dt.date.fromisoformat(value)
                return day
            except ValueError:
                self.expected(path, "a date that exists", value)
                return None
        self.expected(path, "a date like 2026-03-31", value)
        return None

    def amount(self, path: Path, value: object) -> Amount | None:
        """*value* as an Amount (``26 day`` or a bare number), or None and a problem."""
        if value is None:
            return None
        if isinstance(value, (Number, Whole)) and self.refused(
            path, value, bare_number_refusal(value)
        ):
            return None
        if isinstance(value, (str, float, int)) and not isinstance(value, bool):
            known = self._amounts.get(value)
            if known is not None:
                return known
            made = self._amount(path, value)
            if made is not None:
                self._amounts[value] = made
            return made
        return self._amount(path, value)

    def _amount(self, path: Path, value: object) -> Amount | None:
        if isinstance(value, bool):
            self.expected(path, 'a quantity like "26 day"', value)
            return None
        if isinstance(value, (int, float)):
            number = as_float(value)
            if not math.isfinite(number):
                self.expected(path, "a finite number", value)
                return None
            return Amount(number)
        if isinstance(value, str):
            try:
                made = Amount.parse(value)
            except InvalidValueError as exc:
                self.expected(path, exc.expected, value, hint=exc.hint, hint_es=exc.hint_es)
                return None
            return made
        self.expected(path, 'a quantity like "26 day"', value)
        return None

    def choice(self, path: Path, value: object, key: Key) -> Any:
        """*value* as one of *key*'s choices (a member of its enum, if it has one),
        or None and a problem listing them."""
        if value is None:
            return None
        found = accepted(key.choices).get(value) if isinstance(value, str) else None
        if found is None:
            self.expected(path, " | ".join(choices(key)), value)
        return found

    def fields(
        self, path: Path, value: Mapping[str, Any], keys: Section,
        calendar: AnyCalendar | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        """The model's fields from the keys of *value* that *keys* says how to read
        (every key but lists, which the caller reads); a required key that is
        missing, and every value that cannot be read, is a problem."""
        out: dict[str, Any] = {}
        for name in keys.required:
            if value.get(name) is None:
                if keys[name].reads == "text":
                    self.text((*path, name), None, required=True)
                else:
                    self.problem(path, f"required: {name}")
        for name, raw in value.items():
            key = keys.get(name)
            if key is None or raw is None or key.reads in _READ_BY_CALLER:
                continue  # an unknown key was reported when the mapping was checked
            where = (*path, name)
            read = key.reads
            made: Any
            if read == "amount":
                made = self.amount(where, raw)
            elif read == "date":
                made = self.date(where, raw)
            elif read == "number":
                made = self.number(where, raw, minimum=key.minimum, maximum=key.maximum)
            elif read == "text":  # as the model holds it: stripped, None when blank
                made = optional_text(name, self.text(where, raw, required=key.required))
            elif read == "identifier":
                made = self.identifier(where, raw)
            elif read == "reference":
                made = self.identifier(where, raw, reference=True)
            elif read == "choice":
                made = self.choice(where, raw, key)
            elif read == "boolean":
                made = self.boolean(where, raw)
            elif read == "period":
                made = self.period(where, raw, calendar or Calendar())
            elif read == "rule_ids":
                made = self.rule_ids(where, raw)
            elif read == "cadence":
                made = self.cadence(where, raw)
            else:
                made = self.metric_type(where, raw)
            if made is not None:
                out[key.field or name] = made
        return out

    def identifier(self, path: Path, value: object, *, reference: bool = False) -> str | None:
        """*value* as an id (no spaces or ``/``, at most 128 characters), or as what
        a link's end names (an id, or ``objective-id/kr-id``) if *reference*; or
        None and a problem."""
        text = self.text(path, value)
        if text is None:
            return None
        try:
            return (id_reference if reference else identifier)("id", text)
        except InvalidValueError as exc:
            self.expected(path, exc.expected, value, hint=exc.hint, hint_es=exc.hint_es)
            return None

    def period(self, path: Path, value: object, calendar: AnyCalendar) -> Period | None:
        """*value* as a period the plan's calendar names, or None and a problem."""
        if value is None:
            return None
        text = self.text(path, value)
        if text is None:
            return None
        try:
            return calendar.period(text)
        except PeriodError as exc:
            self.expected(path, exc.expected, value)
            return None

    def rule_ids(self, path: Path, value: object) -> tuple[str, ...]:
        """*value* (one id or a list) as a tuple of rule ids; bad entries are problems."""
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.expected(path, "a list of rule ids", value)
            return ()
        out = []
        for index, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                self.expected((*path, index), "a rule id like missing-owner", item)
        return tuple(out)

    def items(self, path: Path, value: object, what: str) -> list[Any]:
        """*value* as a list of *what* (empty when absent), or ``[]`` and a problem."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.expected(path, f"a list of {what}", value)
            return []
        return value

    def build(self, path: Path, make: Callable[[], T]) -> T | None:
        """Build a model value; a broken invariant becomes a problem here."""
        try:
            return make()
        except OkrkitError as exc:
            self.problem(path, str(exc))
            return None

    # -- the document -------------------------------------------------------------

    def policy(
        self, value: object, *, path: Path = ("policy",), plugins: bool = False
    ) -> Policy | None:
        """A ``policy:`` mapping (a plan's, or ``[tool.okrkit]`` at *path*), each
        problem at its key; ``plugins`` is refused unless *plugins* (a plan never
        names code to import). Thresholds and ``strict`` are read by the rules of
        every number and flag of a plan file. The place of every rule id it names is
        kept in :attr:`policy_ids`, for an id that turns out to name no rule."""
        keys: Mapping[str, object] = _POLICY_AND_PLUGINS if plugins else POLICY
        if not plugins and isinstance(value, Mapping) and "plugins" in value:
            self.problem((*path, "plugins"), _NO_PLUGINS, at_key=True)
            value = {key: item for key, item in value.items() if key != "plugins"}
        if not self.mapping(path, value, keys, "a mapping of policy settings"):
            return None
        assert isinstance(value, Mapping)
        ok = all(key in keys for key in value)
        # a key set to null is left out, as anywhere in a plan
        known = {key: item for key, item in value.items() if key in keys and item is not None}
        for key, item in known.items():
            if not self._policy_value((*path, key), key, item):
                ok = False
                continue
            try:
                Policy.from_mapping({key: item})
            except OkrkitError as exc:  # the key leads the message once, not twice
                message = str(exc).removeprefix(f"Policy.{key}: ").removeprefix(f"policy.{key}: ")
                self.problem((*path, key), message)
                ok = False
        if not ok:
            return None
        for field in ("select", "ignore"):
            ids = known.get(field)
            if isinstance(ids, str):  # rule ids separated by commas: placed at the text
                for rule in ids.split(","):
                    if rule.strip():
                        self.policy_ids.append(((*path, field), field, rule.strip()))
            elif isinstance(ids, list):
                for index, rule in enumerate(ids):
                    self.policy_ids.append(((*path, field, index), field, rule.strip()))
        for rule in known.get("severities") or {}:
            self.policy_ids.append(((*path, "severities", rule), "severities", rule))
        return self.build(path, lambda: Policy.from_mapping(known))

    def _policy_value(self, path: Path, key: str, value: object) -> bool:
        """Whether a policy setting's flag or numbers read as in any plan field."""
        if key == "strict":
            return self.boolean(path, value) is not None
        if key != "thresholds" or not isinstance(value, Mapping):
            return True
        figures = [(name, figure) for name, figure in value.items() if figure is not None]
        read = [self.number((*path, name), figure) for name, figure in figures]
        return None not in read

    def plan(self, data: object) -> Plan | None:
        """The document as a Plan, made of what could be read; the caller raises
        when :attr:`problems` is not empty."""
        if data is None:
            self.problem((), "the file is empty: expected a plan with okrkit: 1 and objectives:")
            return None
        if not isinstance(data, Mapping):  # not a plan at all: quote nothing of it
            self.problem((), f"expected {_A_PLAN}, got {_kind(data)}")
            return None
        version = data.get("okrkit")
        if version is None:  # nor is a mapping without the format version
            self.problem(("okrkit",), _NO_VERSION, at_key=True)
            return None
        if not _is_format_version(version):
            self.expected(("okrkit",), f"format version {FORMAT_VERSION}", version)
            return None
        if data.get("lang") == "es":
            self.lang = "es"
        self.mapping((), data, PLAN, _A_PLAN)
        calendar = self.calendar(("calendar",), data.get("calendar"))
        currency = self.text(("currency",), data.get("currency"))
        if currency is not None and not re.fullmatch(r"[A-Z]{3}", currency):
            self.expected(("currency",), "an ISO 4217 code like USD or EUR", currency)
            currency = None
        fields = self.fields((), data, PLAN, calendar)  # title, period, lang, cadence
        fields["calendar"] = calendar
        if currency is not None:
            fields["currency"] = currency
        if data.get("policy") is not None:
            policy = self.policy(data["policy"])
            if policy is not None:
                fields["policy"] = policy
        objectives = []
        for index, item in enumerate(
            self.items(("objectives",), data.get("objectives"), "objectives")
        ):
            objective = self.objective(("objectives", index), item, calendar)
            if objective is not None:
                objectives.append(objective)
        links = []
        for index, item in enumerate(self.items(("links",), data.get("links"), "links")):
            link = self.link(("links", index), item)
            if link is not None:
                links.append(link)
                self.places.append((("links", index), id(item)))
        built: Plan | None = self.build(
            (), lambda: Plan(**fields, objectives=tuple(objectives), links=tuple(links))
        )
        return built

    def calendar(self, path: Path, value: object) -> AnyCalendar:
        """The plan's calendar: Gregorian and fiscal, retail, or cycles (by ``kind``)."""
        return read_calendar(self, path, value)

    def objective(self, path: Path, value: object, calendar: AnyCalendar) -> Objective | None:
        """One objective mapping as an Objective, or None."""
        if not self.mapping(path, value, OBJECTIVE, "an objective (a mapping with title:)"):
            return None
        assert isinstance(value, Mapping)
        fields = self.fields(path, value, OBJECTIVE, calendar)
        key_results = []
        kr_values = self.items((*path, "key_results"), value.get("key_results"), "key results")
        for index, item in enumerate(kr_values):
            made = self.key_result((*path, "key_results", index), item)
            if made is not None:
                key_results.append(made)
        if "title" not in fields:
            return None
        self.places.append((path, id(value)))
        for index, item in enumerate(kr_values):
            self.places.append(((*path, "key_results", index), id(item)))
        return trusted(Objective, key_results=tuple(key_results), **fields)

    def key_result(self, path: Path, value: object) -> KeyResult | None:
        """One key-result mapping (or a bare statement) as a KeyResult, or None."""
        if isinstance(value, str):
            return self.build(path, lambda: KeyResult(value))
        if not self.mapping(path, value, KEY_RESULT, "a key result (a statement or a mapping)"):
            return None
        assert isinstance(value, Mapping)
        get = value.get
        fields = self.fields(path, value, KEY_RESULT)
        checkins = self.checkins((*path, "checkins"), get("checkins"))
        initiatives = []
        for index, item in enumerate(
            self.items((*path, "initiatives"), get("initiatives"), "initiatives")
        ):
            initiative = self.initiative((*path, "initiatives", index), item)
            if initiative is not None:
                initiatives.append(initiative)
        return trusted(KeyResult, checkins=checkins, initiatives=tuple(initiatives), **fields)

    def checkins(self, path: Path, value: object) -> CheckIns:
        """A key result's list of check-ins, as columns. Most check-ins hold a date and
        a value read before in this document, and no confidence or a plain number from
        0 to 1: those are taken as they are, without the general reader."""
        rows: list[tuple[Any, ...]] = []
        known_dates, known_amounts = self._dates, self._amounts
        for index, item in enumerate(self.items(path, value, "check-ins")):
            if type(item) is dict and item.keys() <= _DATE_VALUE_CONFIDENCE:
                day, sure = item.get("date"), item.get("confidence")
                amount: Any = item.get("value")
                if type(day) is str:
                    day = known_dates.get(day)
                # a Number or a Whole is judged by how it is written, in amount()
                amount = known_amounts.get(amount) if type(amount) in (str, *_NUMBERS) else None
                if (
                    type(day) is dt.date
                    and type(amount) is Amount
                    and (sure is None or (type(sure) in _NUMBERS and 0 <= sure <= 1))
                ):
                    rows.append((day, amount, None if sure is None else float(sure), None, None))
                    continue
            made = self.checkin((*path, index), item)
            if made is not None:
                rows.append((made.date, made.value, made.confidence, made.note, made.source))
        if not rows:
            return NO_CHECKINS
        dates, values, confidences, notes, sources = zip(*rows, strict=True)
        return CheckIns(columns=(dates, values, confidences, notes, sources))

    def checkin(self, path: Path, value: object) -> CheckIn | None:
        """One check-in mapping as a CheckIn, or None."""
        if not self.mapping(path, value, CHECKIN, "a check-in like {date: .., value: ..}"):
            return None
        assert isinstance(value, Mapping)
        fields = self.fields(path, value, CHECKIN)
        if "date" not in fields or "value" not in fields:
            return None
        return trusted(CheckIn, **fields)

    def initiative(self, path: Path, value: object) -> Initiative | None:
        """One initiative (text or mapping) as an Initiative, or None."""
        if isinstance(value, str):
            return self.build(path, lambda: Initiative(value))
        if not self.mapping(path, value, INITIATIVE, "an initiative (text or a mapping)"):
            return None
        assert isinstance(value, Mapping)
        fields = self.fields(path, value, INITIATIVE)
        if "title" not in fields:
            return None
        return trusted(Initiative, **fields)

    def link(self, path: Path, value: object) -> Link | None:
        """One link mapping as a Link, or None."""
        if not self.mapping(path, value, LINK, "a link like {from: .., to: .., because: ..}"):
            return None
        assert isinstance(value, Mapping)
        fields = self.fields(path, value, LINK)
        if "from_" not in fields or "to" not in fields:
            return None
        return trusted(Link, **fields)

    def cadence(self, path: Path, value: object) -> Cadence | None:
        """A cadence (``weekly`` or a mapping) as a Cadence, or None."""
        if value is None:
            return None
        if isinstance(value, str):
            value = {"every": value}
        if not self.mapping(path, value, CADENCE, "weekly | biweekly | monthly, or {every: ..}"):
            return None
        assert isinstance(value, Mapping)
        if self.refused((*path, "day"), value.get("day"), bare_number_refusal(value.get("day"))):
            return None
        return self.build(
            path,
            lambda: Cadence(value.get("every"), weekday=value.get("weekday"), day=value.get("day")),
        )

    def metric_type(self, path: Path, value: object) -> MetricType | None:
        """A metric type (a built-in name or a mapping) as a MetricType, or None."""
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return metric_type(value)
            except OkrkitError as exc:
                self.problem(path, str(exc))
                return None
        if not self.mapping(path, value, METRIC_TYPE, "a metric type name or mapping"):
            return None
        assert isinstance(value, Mapping)
        fields = self.fields(path, value, METRIC_TYPE)
        if "name" not in fields:
            return None
        return self.build(path, lambda: MetricType(**fields))


# --- writing -----------------------------------------------------------------------------


def _period_text(period: Period, calendar: AnyCalendar) -> str | int:
    if period.label:
        try:
            if calendar.period(period.label) == period:
                return period.label
        except PeriodError:
            pass
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def _amount_text(amount: Amount) -> str | float | int:
    if amount.unit is None:
        return plain_number(amount.value)
    return str(amount)


def plan_to_data(
    plan: Plan,
    *,
    flow: Callable[[dict[str, Any]], dict[str, Any]] = dict,
    date: Callable[[dt.date], Any] = lambda d: d,
    omit: Callable[[KeyResult], set[str]] = lambda kr: set(),
) -> dict[str, Any]:
    """Plain data for *plan*, in file-format.md's key order, without empty fields.

    *flow* marks small mappings (check-ins, links) for one-line output, *date*
    turns dates into what the format carries, and *omit* names key result fields
    to leave out because the statement says the same.
    """
    data: dict[str, Any] = {"okrkit": FORMAT_VERSION}
    if plan.title is not None:
        data["title"] = plan.title
    if plan.period is not None:
        data["period"] = _period_text(plan.period, plan.calendar)
    if plan.currency != "USD":
        data["currency"] = plan.currency
    if plan.lang is not None:
        data["lang"] = plan.lang
    calendar = calendar_data(plan.calendar, date)
    if calendar is not None:
        data["calendar"] = calendar
    if plan.cadence is not None:
        data["cadence"] = _cadence_data(plan.cadence)
    if plan.policy is not None:
        data["policy"] = plan.policy.to_mapping()
    data["objectives"] = [_objective_data(o, plan, flow, date, omit) for o in plan.objectives]
    if plan.links:
        data["links"] = [_link_data(link, flow) for link in plan.links]
    return data


def _objective_data(
    objective: Objective,
    plan: Plan,
    flow: Callable[[dict[str, Any]], dict[str, Any]],
    date: Callable[[dt.date], Any],
    omit: Callable[[KeyResult], set[str]],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if objective.id is not None:
        out["id"] = objective.id
    out["title"] = objective.title
    if objective.owner is not None:
        out["owner"] = objective.owner
    if objective.period is not None:
        out["period"] = _period_text(objective.period, plan.calendar)
    if objective.commitment is not Commitment.COMMITTED:
        out["commitment"] = objective.commitment.value
    if objective.parent is not None:
        out["parent"] = objective.parent
    if objective.weight != 1.0:
        out["weight"] = plain_number(objective.weight)
    if objective.ignore:
        out["ignore"] = list(objective.ignore)
    out["key_results"] = [_kr_data(kr, flow, date, omit(kr)) for kr in objective.key_results]
    return out


def _kr_data(
    kr: KeyResult,
    flow: Callable[[dict[str, Any]], dict[str, Any]],
    date: Callable[[dt.date], Any],
    omitted: set[str],
) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def put(name: str, value: Any) -> None:
        """Write *name* unless the statement already says it (it is in *omitted*)."""
        if name not in omitted:
            out[name] = value

    if kr.id is not None:
        out["id"] = kr.id
    if kr.statement is not None:
        out["statement"] = kr.statement
    if kr.metric is not None:
        put("metric", kr.metric)
    if kr.metric_type is not None:
        out["type"] = _type_data(kr.metric_type)
    if kr.direction is not None:
        put("direction", kr.direction.value)
    for name in ("baseline", "target", "change"):
        amount = getattr(kr, name)
        if amount is not None:
            put(name, _amount_text(amount))
    if kr.per is not None:
        put("per", kr.per.value)
    if kr.share is not None:
        put("share", _amount_text(kr.share))
    if kr.nature is not None:
        put("nature", kr.nature.value)
    if kr.deadline is not None:
        out["deadline"] = date(kr.deadline)
    if kr.weight != 1.0:
        out["weight"] = plain_number(kr.weight)
    if kr.owner is not None:
        out["owner"] = kr.owner
    if kr.done:
        out["done"] = True
    if kr.strict:
        out["strict"] = True
    if kr.cadence is not None:
        out["cadence"] = _cadence_data(kr.cadence)
    if kr.ignore:
        out["ignore"] = list(kr.ignore)
    if kr.initiatives:
        out["initiatives"] = [_initiative_data(i, flow) for i in kr.initiatives]
    if kr.checkins:
        out["checkins"] = [_checkin_data(c, flow, date) for c in kr.checkins]
    return out


def _cadence_data(cadence: Cadence) -> str | dict[str, Any]:
    if cadence.weekday is None and cadence.day is None:
        return cadence.every.value
    out: dict[str, Any] = {"every": cadence.every.value}
    if cadence.weekday is not None:
        out["weekday"] = WEEKDAYS[cadence.weekday]
    if cadence.day is not None:
        out["day"] = cadence.day
    return out


def _type_data(metric: MetricType) -> str | dict[str, Any]:
    try:
        if metric_type(metric.name) == metric:
            return metric.name
    except OkrkitError:
        pass
    out: dict[str, Any] = {"name": metric.name, "kind": metric.kind.value}
    if metric.unit is not None:
        out["unit"] = metric.unit
    if metric.minimum is not None:
        out["min"] = plain_number(metric.minimum)
    if metric.maximum is not None:
        out["max"] = plain_number(metric.maximum)
    if metric.polarity is not None:
        out["polarity"] = metric.polarity.value
    return out


def _checkin_data(
    checkin: CheckIn,
    flow: Callable[[dict[str, Any]], dict[str, Any]],
    date: Callable[[dt.date], Any],
) -> dict[str, Any]:
    out: dict[str, Any] = {"date": date(checkin.date), "value": _amount_text(checkin.value)}
    if checkin.confidence is not None:
        out["confidence"] = plain_number(checkin.confidence)
    if checkin.note is not None:
        out["note"] = checkin.note
    if checkin.source is not None:
        out["source"] = checkin.source
    return flow(out)


def _initiative_data(
    initiative: Initiative, flow: Callable[[dict[str, Any]], dict[str, Any]]
) -> str | dict[str, Any]:
    if initiative.owner is None and not initiative.done:
        return initiative.title
    out: dict[str, Any] = {"title": initiative.title}
    if initiative.owner is not None:
        out["owner"] = initiative.owner
    if initiative.done:
        out["done"] = True
    return flow(out)


def _link_data(link: Link, flow: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"from": link.from_, "to": link.to}
    if link.because is not None:
        out["because"] = link.because
    return flow(out)
