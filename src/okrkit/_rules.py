"""The rule engine: what a rule is, how rules are registered, and how they run.

A rule is a function of a :class:`Context` that yields :class:`Hit` values, plus
an id, a default severity and its messages in English and Spanish. Built-in and
user rules are registered the same way (:func:`rule`) and configured the same
way (:class:`~okrkit.Policy`).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from okrkit._amount import Amount, amount_for_people, number_for_people
from okrkit._fields import (
    field_of,
    flag,
    function,
    member,
    of_type,
    optional_date,
    optional_text,
    text,
    tuple_of,
)
from okrkit._findings import Finding, Report
from okrkit._model import KeyResult, Objective, Plan, key_result_window
from okrkit._period import Period
from okrkit._period_words import check_lang
from okrkit._plural import plural
from okrkit._policy import Policy
from okrkit._resolve import Resolved, resolve
from okrkit._severity import Severity
from okrkit.exceptions import (
    InvalidTypeError,
    InvalidValueError,
    PluginError,
    UnknownRuleError,
    excerpt,
)


__all__ = [
    "Context",
    "Hit",
    "Place",
    "Rule",
    "load_plugins",
    "refuse_all",
    "refuse_unknown_policy_rules",
    "registered_rules",
    "rule",
    "run_rules",
    "some_of",
    "unknown_policy_rules",
    "unknown_rules",
]

T = TypeVar("T")


def some_of(items: Sequence[str], *, most: int = 5, quote: Callable[[str], str] = str) -> str:
    """The first *most* of *items*, each quoted short (:func:`~okrkit.exceptions.excerpt`)
    and joined by commas, then ``…`` when there are more: what a finding quotes of
    a list the plan may make as long as it likes."""
    shown = ", ".join(quote(excerpt(item)) for item in items[:most])
    return shown + (", …" if len(items) > most else "")


@attrs.frozen
class Place:
    """Where a finding is: the plan, an objective, a key result or a link (by index)."""

    objective: int | None = None
    key_result: int | None = None
    link: int | None = None

    def __attrs_post_init__(self) -> None:
        for name in ("objective", "key_result", "link"):
            value = getattr(self, name)
            if value is None or (type(value) is int and value >= 0):
                continue
            expected = "an index (a whole number ≥ 0)"
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidTypeError(f"Place.{name}", value, expected)
            raise InvalidValueError(f"Place.{name}", value, expected)


def _params(instance: object, attribute: object, value: Mapping[str, Any]) -> None:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("Hit.params", value, "a mapping of names to values")


def _ceiling(value: object) -> Severity | None:
    return None if value is None else member("Hit.ceiling", value, Severity)


@attrs.frozen
class Hit:
    """A rule's raw finding: the place and the values its message needs.

    ``ceiling`` is the gravest severity this finding may have, below the rule's
    own when a case is milder (see :meth:`at_most`)."""

    place: Place = attrs.field(validator=field_of(Place, "a Place"))
    params: Mapping[str, Any] = attrs.field(factory=dict, validator=_params)
    ceiling: Severity | None = attrs.field(default=None, converter=_ceiling, kw_only=True)

    def at_most(self, severity: Severity | str) -> Hit:
        """This hit, reported at *severity* at most: ``ctx.hit(place).at_most("warning")``
        is a warning where the rule's severity is an error (``--strict`` still makes
        it an error; a policy that lowers the rule to info lowers it too)."""
        return attrs.evolve(self, ceiling=member("Hit.at_most(severity)", severity, Severity))


def _at(name: str, items: Sequence[T], index: object, what: str) -> T:
    """``items[index]``, for an index that must be one of theirs (never one counted
    from the end)."""
    if type(index) is int and 0 <= index < len(items):
        return items[index]
    if isinstance(index, bool) or not isinstance(index, int):
        raise InvalidTypeError(name, index, "an index (a whole number ≥ 0)")
    if not 0 <= index < len(items):
        raise InvalidValueError(name, index, f"the index of {what}")
    return items[index]


_OBJECTIVE = "an objective of the plan"


def _messages(name: str, value: object) -> dict[str, str]:
    if isinstance(value, str):
        value = {"en": value}
    if not isinstance(value, Mapping) or "en" not in value:
        raise InvalidValueError(name, value, "a mapping with at least an 'en' text")
    for lang, words in value.items():
        if not isinstance(lang, str):
            raise InvalidTypeError(name, lang, "texts by language code, like en and es")
        if not isinstance(words, str):
            raise InvalidTypeError(f"{name}[{lang!r}]", words, "text")
    return dict(value)


def _rule_id(value: object) -> str:
    return text("Rule.id", value)


def _rule_severity(value: object) -> Severity:
    return member("Rule.severity", value, Severity)


def _rule_message(value: object) -> dict[str, str]:
    return _messages("Rule.message", value)


def _rule_hint(value: object) -> dict[str, str]:
    return _messages("Rule.hint", value)


def _rule_why(value: object) -> dict[str, str]:
    return _messages("Rule.why", value or {"en": ""})  # optional: the reference shows none


def _rule_check(
    instance: Rule, attribute: object, value: Callable[[Context], Iterable[Hit]]
) -> None:
    function("Rule.check", value)


def _rule_category(value: object) -> str:
    return text("Rule.category", value)


def _rule_example(value: object) -> str | None:
    return optional_text("Rule.example", value)


def _rule_thresholds(value: object) -> tuple[str, ...]:
    return tuple_of("Rule.thresholds", value, str)


def _rule_needs_history(value: object) -> bool:
    return flag("Rule.needs_history", value)


@attrs.frozen(eq=False)
class Rule:
    """A check of the plan, with its id, default severity and messages.

    ``message`` and ``hint`` map a language (``en``, ``es``) to a template
    formatted with the hit's params; ``why`` says what the rule protects.
    """

    id: str = attrs.field(converter=_rule_id)
    severity: Severity = attrs.field(converter=_rule_severity)
    check: Callable[[Context], Iterable[Hit]] = attrs.field(validator=_rule_check)
    message: dict[str, str] = attrs.field(converter=_rule_message)
    hint: dict[str, str] = attrs.field(converter=_rule_hint)
    why: dict[str, str] = attrs.field(factory=dict, converter=_rule_why)
    category: str = attrs.field(default="custom", converter=_rule_category)
    example: str | None = attrs.field(default=None, converter=_rule_example)
    """A plan (YAML) where the rule fires, shown in the rule reference."""
    thresholds: tuple[str, ...] = attrs.field(default=(), converter=_rule_thresholds)
    """The :class:`~okrkit.Thresholds` the rule compares against."""
    needs_history: bool = attrs.field(default=False, converter=_rule_needs_history, kw_only=True)
    """The rule reads the plans of past periods (:attr:`Context.history`): it finds
    nothing unless check is given them (``okrkit check --history``)."""

    def text(self, kind: str, lang: str, params: Mapping[str, Any]) -> str:
        """The ``message`` or ``hint`` (*kind*) in *lang* (else English), filled in."""
        if kind not in ("message", "hint"):
            raise InvalidValueError("Rule.text(kind)", kind, "message | hint")
        if not isinstance(params, Mapping):
            raise InvalidTypeError("Rule.text(params)", params, "a mapping of names to values")
        table: dict[str, str] = getattr(self, kind)
        language = check_lang(lang)
        template = table.get(language) or table["en"]
        try:
            return template.format(
                **{name: _said(value, language) for name, value in params.items()}
            )
        except (KeyError, IndexError, ValueError, TypeError, AttributeError):
            return template


class _Said:
    """A number or an amount in a message, said in the message's language: ``{value}``
    gives ``1.234,5 días`` in Spanish; a format spec (``{value:.1f}``), ``!r`` and
    attributes still see the value itself. A spec of two forms split by ``|`` says
    the one that agrees with a number, ``#`` standing for it: ``{days:# day|# days}``
    gives ``1 day`` or ``3 days``, ``{count:does|do}`` a verb alone."""

    __slots__ = ("text", "value")

    def __init__(self, value: float | Amount, text: str) -> None:
        self.value = value
        self.text = text

    def __format__(self, spec: str) -> str:
        if "|" in spec and not isinstance(self.value, Amount):
            return plural(self.value, spec, number=self.text)
        return format(self.value, spec) if spec else self.text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return repr(self.value)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.value, name)


def _said(value: object, lang: str) -> object:
    """*value* as a message shows it: floats and amounts in *lang*'s number marks and
    unit words (up to six decimals, a power of ten past fifteen digits), whole numbers
    as they are; any other value as given."""
    if isinstance(value, Amount):
        return _Said(value, amount_for_people(value, lang, decimals=6))
    if isinstance(value, float):
        return _Said(value, number_for_people(value, lang, decimals=6))
    if isinstance(value, int) and not isinstance(value, bool):
        return _Said(value, str(value))
    return value


_lock = threading.Lock()
_registry: dict[str, Rule] = {}


def rule(
    id: str,
    *,
    severity: Severity | str,
    message: Mapping[str, str] | str,
    hint: Mapping[str, str] | str,
    why: Mapping[str, str] | str | None = None,
    category: str = "custom",
    example: str | None = None,
    thresholds: tuple[str, ...] = (),
    replace: bool = False,
    needs_history: bool = False,
) -> Callable[[Callable[[Context], Iterable[Hit]]], Callable[[Context], Iterable[Hit]]]:
    """Register a function as a checker rule.

    The function takes a :class:`Context` and yields its hits::

        @okrkit.rule("kr-has-owner", severity="warning",
                     message={"en": "{where} has no owner", "es": "{where} no tiene dueño"},
                     hint={"en": "add owner:", "es": "añade owner:"})
        def kr_has_owner(ctx):
            for place, _objective, kr in ctx.key_results():
                if kr.owner is None:
                    yield ctx.hit(place)
    """

    # Made now, so a wrong argument is refused here rather than where the function is.
    made = Rule(id, severity, _not_yet, message, hint, why, category, example, thresholds,
                needs_history=needs_history)  # fmt: skip
    flag("rule(replace)", replace)

    def register(check: Callable[[Context], Iterable[Hit]]) -> Callable[[Context], Iterable[Hit]]:
        register_rule(attrs.evolve(made, check=check), replace=replace)
        return check

    return register


def _not_yet(ctx: Context) -> Iterable[Hit]:
    """The check of a rule whose function is not decorated yet."""
    return ()


def register_rule(made: Rule, *, replace: bool = False) -> Rule:
    """Add a :class:`Rule` to the checker; its id must be new unless *replace*."""
    of_type("register_rule(made)", made, Rule, "a Rule")
    flag("register_rule(replace)", replace)
    with _lock:
        if made.id in _registry and not replace:
            raise InvalidValueError(
                "rule id", made.id, "an id no other rule has (pass replace=True to replace it)"
            )
        _registry[made.id] = made
    return made


def unregister_rule(id: str) -> None:
    """Remove a rule added with :func:`rule` or :func:`register_rule`."""
    of_type("unregister_rule(id)", id, str, "a rule id")
    with _lock:
        _registry.pop(id, None)


def registered_rules() -> tuple[Rule, ...]:
    """Every rule the checker knows, built-in ones first, in registration order."""
    _load_builtins()
    with _lock:
        return tuple(_registry.values())


_builtins_loaded = False
ENTRY_POINT_GROUP = "okrkit.rules"
"""Packages list modules of rules under this entry point group to have them loaded."""


_loading = threading.RLock()


def _load_builtins() -> None:
    """Import the built-in rules and the entry points' once; other threads wait
    until the rules are all registered, then see them all."""
    global _builtins_loaded  # noqa: PLW0603 - a one-time import of the rule modules
    if _builtins_loaded:
        return
    with _loading:
        if _builtins_loaded:
            return
        from okrkit import _rules_builtin  # noqa: F401, PLC0415 - registers on import

        if _may_declare_rules():
            from importlib.metadata import entry_points  # noqa: PLC0415 - only when needed

            for point in entry_points(group=ENTRY_POINT_GROUP):
                try:
                    point.load()
                except Exception as exc:
                    raise PluginError(point.value, f"{type(exc).__name__}: {exc}") from None
        _builtins_loaded = True


def _may_declare_rules() -> bool:
    """Whether an installed distribution may declare rules under
    :data:`ENTRY_POINT_GROUP`, without importing ``importlib.metadata`` (slow to
    import and to scan): false only when every place it would look is a folder
    whose ``entry_points.txt`` files never name the group; anything else it
    might read (a zip file, an egg, a finder of distributions of another kind)
    counts as a yes, and ``importlib.metadata`` answers as before."""
    from importlib.machinery import PathFinder  # noqa: PLC0415 - already imported at start

    for finder in sys.meta_path:
        if finder is not PathFinder and hasattr(finder, "find_distributions"):
            return True
    group = ENTRY_POINT_GROUP.encode()
    for entry in sys.path:
        if not isinstance(entry, str):
            return True
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except NotADirectoryError:  # a zip file on the path
            return True
        except (OSError, ValueError):  # not there, or not a path
            continue
        for name in names:
            lowered = name.lower()
            if lowered.endswith(".egg"):
                return True
            if lowered.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(folder, name, "entry_points.txt"), "rb") as stream:
                        if group in stream.read():
                            return True
                except OSError:
                    continue
    return False


def load_plugins(modules: Iterable[str]) -> None:
    """Import the modules a policy names, so the rules they register run."""
    import importlib  # noqa: PLC0415

    for module in modules:
        try:
            importlib.import_module(module)
        except Exception as exc:
            raise PluginError(module, f"{type(exc).__name__}: {exc}") from None


# --- rule ids given by people ------------------------------------------------------


def refuse_all(unknown: Sequence[UnknownRuleError]) -> None:
    """Raise one :class:`~okrkit.exceptions.UnknownRuleError` for every id in
    *unknown*, if there is any: a user fixes every typo at once."""
    if unknown:  # in the order of the file's lines, where they are known
        raise UnknownRuleError.of(sorted(unknown, key=lambda error: error.line or 0))


def unknown_rules(
    ids: Iterable[str],
    *,
    source: str,
    lang: str = "en",
    file: str | None = None,
    line_of: Callable[[str], int | None] = lambda _: None,
) -> list[UnknownRuleError]:
    """An error for each id in *ids* that no rule has, with the known id nearest
    to it and its line (*line_of* the id), once each."""
    known = {made.id for made in registered_rules()}
    errors = []
    seen: set[str] = set()
    for given in ids:
        if given in known or given in seen:
            continue
        seen.add(given)
        nearest = _nearest(given, known)
        errors.append(
            UnknownRuleError(given, source, nearest, file=file, line=line_of(given), lang=lang)
        )
    return errors


def _nearest(given: str, known: Iterable[str]) -> str | None:
    """The known id closest to *given*, whatever the case of either: ids are
    matched exactly, but ``MISSING-OWNER`` is still a typo of ``missing-owner``."""
    import difflib  # noqa: PLC0415 - only a typo needs it

    by_folded = {rule.casefold(): rule for rule in sorted(known)}
    close = difflib.get_close_matches(given.casefold(), list(by_folded), n=1)
    return by_folded[close[0]] if close else None


def refuse_unknown_policy_rules(
    policy: Policy,
    *,
    source: str,
    lang: str = "en",
    file: str | None = None,
    line_of: Callable[[str, str], int | None] | None = None,
    plugins: Iterable[str] | None = None,
) -> None:
    """Raise one :class:`~okrkit.exceptions.UnknownRuleError` for the ids a policy
    names (``select``, ``ignore``, ``severities``) that no rule has, once *plugins*
    (by default the policy's own) are loaded; *source* is a template with
    ``{field}``, like ``"[tool.okrkit] {field}"``, and *line_of* gives the line
    where a setting names an id, when it is known."""
    load_plugins(policy.plugins if plugins is None else plugins)
    refuse_all(unknown_policy_rules(policy, source=source, lang=lang, file=file, line_of=line_of))


def unknown_policy_rules(
    policy: Policy,
    *,
    source: str,
    lang: str = "en",
    file: str | None = None,
    line_of: Callable[[str, str], int | None] | None = None,
) -> list[UnknownRuleError]:
    """An error for each id a policy names that no rule has (its plugins loaded)."""
    named = (
        ("select", policy.select or ()),
        ("ignore", policy.ignore),
        ("severities", [rule for rule, _level in policy.severities]),
    )
    errors = []
    for field, ids in named:
        errors += unknown_rules(
            ids,
            source=source.format(field=field),
            lang=lang,
            file=file,
            line_of=lambda rule: None if line_of is None else line_of(field, rule),  # noqa: B023
        )
    return errors


def _refuse_unknown_ignores(ctx: Context, lang: str) -> None:
    """The ``ignore:`` lists of the plan's objectives and key results name rules."""
    source = ctx.plan.source
    file = source.file if source is not None else None
    objective_list, kr_list = _IGNORE_LISTS["es" if lang == "es" else "en"]
    places: list[tuple[Place, tuple[str, ...], str]] = [
        (place, objective.ignore, objective_list)
        for place, objective in ctx.objectives()
        if objective.ignore
    ]
    places += [
        (place, item.ignore, kr_list)
        for place, _objective, item in ctx.key_results()
        if item.ignore
    ]
    wheres = [ctx.where(place) for place, _ids, _what in places]
    lines: list[int | None] = [None] * len(places)
    if source is not None and places:  # the text is read once, for them all
        lines = source.lines_of([(where, ()) for where in wheres])
    errors = []
    for (_place, ids, what), where, line in zip(places, wheres, lines, strict=True):
        errors += unknown_rules(
            ids,
            source=f"{what} {where}",
            lang=lang,
            file=file,
            line_of=lambda _, line=line: line,  # type: ignore[misc]
        )
    refuse_all(errors)


_IGNORE_LISTS = {
    "en": ("the ignore list of objective", "the ignore list of key result"),
    "es": ("la lista ignore del objetivo", "la lista ignore del resultado clave"),
}


# --- the context rules see -----------------------------------------------------------


class Context:
    """What a rule sees: the plan, the policy's thresholds, ``as_of``, and helpers
    that name places and resolve references the same way for every rule."""

    def __init__(
        self,
        plan: Plan,
        *,
        policy: Policy | str,
        as_of: dt.date | str | None,
        history: Iterable[Plan] = (),
    ) -> None:
        self.plan = plan = of_type("Context(plan)", plan, Plan, "a Plan")
        self.policy = policy = Policy.coerce(policy, field="Context(policy)")
        self.thresholds = policy.thresholds
        self.as_of = optional_date("as_of", as_of)
        self.history: tuple[Plan, ...] = tuple_of("Context(history)", history, Plan)
        """The plans of past periods check was given, in order (none by default):
        what rules that need history (``needs_history=True``) read."""
        self._kr_keys = [o.key_result_keys() for o in plan.objectives]
        self._cache: dict[str, Any] = {}
        self._objective_places: list[tuple[Place, Objective]] | None = None
        self._kr_places: list[tuple[Place, Objective, KeyResult]] | None = None

    def resolved(self, place: Place) -> Resolved:
        """The key result at *place* in one unit, as floats (worked out once and kept
        on the key result, so checking and scoring share it)."""
        return resolve(self._key_result_at("Context.resolved(place)", place))

    def period(self, objective: int) -> Period | None:
        """The objective's period, or the plan's."""
        return self.plan.period_of(
            _at("Context.period(objective)", self.plan.objectives, objective, _OBJECTIVE)
        )

    def window(self, place: Place) -> tuple[dt.date, dt.date] | None:
        """A key result's window: its objective's period start to its deadline, or
        to the period's end (both included)."""
        item = self._key_result_at("Context.window(place)", place)
        period = self.plan.period_of(self.plan.objectives[place.objective or 0])
        if period is None:
            return None
        return key_result_window(item, period)

    def _key_result_at(self, name: str, place: object) -> KeyResult:
        """The key result at *place*, which must be one of the plan's."""
        if type(place) is Place:  # its indices are whole numbers ≥ 0: Place checks them
            at, key_result = place.objective, place.key_result
            if at is not None and key_result is not None:
                try:
                    return self.plan.objectives[at].key_results[key_result]
                except IndexError:
                    pass
        place = of_type(name, place, Place, "a Place")
        if place.key_result is None:
            raise InvalidValueError(name, place, "the Place of a key result")
        objective = _at(name, self.plan.objectives, place.objective, _OBJECTIVE)
        return _at(name, objective.key_results, place.key_result, "a key result of the objective")

    # -- places ------------------------------------------------------------------

    def hit(self, place: Place, **params: Any) -> Hit:
        """A hit at *place*; *params* fill the rule's message and hint."""
        return Hit(place, params)

    def objectives(self) -> Iterator[tuple[Place, Objective]]:
        """Every objective with its place, in plan order."""
        places = self._objective_places
        if places is None:
            places = self._objective_places = [
                (Place(objective=index), objective)
                for index, objective in enumerate(self.plan.objectives)
            ]
        return iter(places)

    def key_results(self) -> Iterator[tuple[Place, Objective, KeyResult]]:
        """Every key result with its place and objective, in plan order (the places
        are made once per check, so rules that walk the plan share them)."""
        places = self._kr_places
        if places is None:
            places = self._kr_places = [
                (Place(objective=oi, key_result=ki), objective, item)
                for oi, objective in enumerate(self.plan.objectives)
                for ki, item in enumerate(objective.key_results)
            ]
        return iter(places)

    def where(self, place: Place) -> str:
        """``""``, ``objective-id``, ``objective-id/kr-id`` or ``links[3]``."""
        name = "Context.where(place)"
        of_type(name, place, Place, "a Place")
        if place.link is not None:
            _at(name, self.plan.links, place.link, "a link of the plan")
            return f"links[{place.link}]"
        if place.objective is None:
            return ""
        objective = _at(name, self.plan.objectives, place.objective, _OBJECTIVE)
        if place.key_result is None:
            return objective.key
        self._key_result_at(name, place)
        return f"{objective.key}/{self._kr_keys[place.objective][place.key_result]}"

    def kr_key(self, objective: int, key_result: int) -> str:
        """The key result's id, or the key derived for it when it has none."""
        keys = _at("Context.kr_key(objective)", self._kr_keys, objective, "an objective")
        return _at("Context.kr_key(key_result)", keys, key_result, "a key result of the objective")

    def memo(self, name: str, compute: Callable[[], Any]) -> Any:
        """Compute a value once per check (shared by the rules that need it)."""
        if of_type("Context.memo(name)", name, str, "a name") not in self._cache:
            self._cache[name] = function("Context.memo(compute)", compute)()
        return self._cache[name]

    # -- references ------------------------------------------------------------------

    def references(self) -> References:
        """Every id and ``objective/kr`` path a link or parent may name (made once)."""
        found: References = self.memo("references", lambda: References(self))
        return found

    def suppressed(self, rule_id: str, place: Place) -> bool:
        """Whether the objective or key result at *place* says ``ignore: [rule_id]``."""
        of_type("Context.suppressed(rule_id)", rule_id, str, "a rule id")
        of_type("Context.suppressed(place)", place, Place, "a Place")
        if place.objective is None:
            return False
        objective = _at(
            "Context.suppressed(place)", self.plan.objectives, place.objective, _OBJECTIVE
        )
        if rule_id in objective.ignore:
            return True
        if place.key_result is not None:
            return rule_id in self._key_result_at("Context.suppressed(place)", place).ignore
        return False


class References:
    """Every id a link or parent may name, and what it names.

    Objectives are named by their key; key results by ``objective/kr`` and, when
    unique in the plan, by their bare key.
    """

    def __init__(self, ctx: Context) -> None:
        self.targets: dict[str, Place] = {}
        self.ambiguous: set[str] = set()
        bare: dict[str, list[Place]] = {}
        for place, objective in ctx.objectives():
            self.targets.setdefault(objective.key, place)
        for place, objective, _item in ctx.key_results():
            assert place.objective is not None
            assert place.key_result is not None
            key = ctx.kr_key(place.objective, place.key_result)
            self.targets.setdefault(f"{objective.key}/{key}", place)
            bare.setdefault(key, []).append(place)
        for key, places in bare.items():
            if key in self.targets:
                continue
            if len(places) == 1:
                self.targets[key] = places[0]
            else:
                self.ambiguous.add(key)

    def find(self, ref: str) -> Place | None:
        """The place *ref* names, or None when it names nothing (or two things)."""
        return self.targets.get(ref)

    def parent_of(self, objective: Objective) -> int | None:
        """The index of the objective that *objective*'s ``parent`` names; None when
        it has no parent or the parent names no objective (a key result is none)."""
        if objective.parent is None:
            return None
        found = self.targets.get(objective.parent)
        if found is None or found.key_result is not None:
            return None
        return found.objective


# --- running --------------------------------------------------------------------------


def run_rules(
    plan: Plan,
    *,
    policy: Policy,
    as_of: dt.date | None,
    lang: str,
    history: tuple[Plan, ...] = (),
) -> Report:
    """Run every rule the policy enables and collect the findings, in plan order;
    the rules that need *history* find nothing without it."""
    load_plugins(policy.plugins)
    ctx = Context(plan, policy=policy, as_of=as_of, history=history)
    _refuse_unknown_ignores(ctx, lang)
    source = plan.source
    found_here: list[tuple[tuple[int, int, int, int], Place, Rule, Severity, str, dict[str, Any]]]
    found_here = []
    for made in registered_rules():
        severity = policy.severity_of(made.id, made.severity)
        if severity is None:
            continue
        for found in made.check(ctx):
            if ctx.suppressed(made.id, found.place):
                continue
            where = ctx.where(found.place)
            params = {"where": where or "plan", **found.params}
            level = severity
            if found.ceiling is not None:  # the rule is on, so this is a severity too
                level = policy.severity_of(made.id, made.severity, at_most=found.ceiling) or level
            found_here.append((_order(found.place), found.place, made, level, where, params))
    found_here.sort(key=lambda item: item[0])
    lines: list[int | None] = [None] * len(found_here)
    if source is not None:  # the text is read once, for the places that have findings
        lines = source.lines_of(
            [(where, _document_path(place)) for _o, place, _r, _l, where, _p in found_here]
        )
    findings = (
        Finding(
            made.id,
            level,
            where,
            made.text("message", lang, params),
            made.text("hint", lang, params),
            line=line,
            file=source.file if source is not None else None,
        )
        for (_order, _place, made, level, where, params), line in zip(
            found_here, lines, strict=True
        )
    )
    return Report(findings, lang=lang)


def _document_path(place: Place) -> tuple[str | int, ...]:
    """Where a place is in a plan document (``("objectives", 0, "key_results", 1)``)."""
    if place.link is not None:
        return ("links", place.link)
    if place.objective is None:
        return ()
    if place.key_result is None:
        return ("objectives", place.objective)
    return ("objectives", place.objective, "key_results", place.key_result)


def _order(place: Place) -> tuple[int, int, int, int]:
    if place.link is not None:
        return (2, place.link, 0, 0)
    if place.objective is None:
        return (0, 0, 0, 0)
    return (1, place.objective, -1 if place.key_result is None else place.key_result, 0)
