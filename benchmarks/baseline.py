"""The same work as okrkit's load, check and score, in plain Python: json, dicts,
floats and dates, nothing else. The benchmark runner compares okrkit with these.

Each function does what okrkit does for the plans ``orgplan.py`` makes (no
statements; counts, money and durations; weekly check-ins; links; alignment), so
the ratio measures okrkit's overhead, not extra features:

- ``load``: json.loads, every quantity text split into a float and its unit
  text, every date parsed, the plan's period turned into dates;
- ``resolve``: one key result in its own unit (a table of unit factors stands in
  for pint), its check-ins as day numbers and floats in date order;
- ``check``: the rules' comparisons (structure, ids and references, periods and
  windows, check-in dates and staleness, measurability, units, titles,
  causality with a cycle search, links) counted, not worded;
- ``score``: progress, score, pace, confidence and status per key result, the
  weighted mean and worst status per objective, the plan's mean.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from typing import Any


FACTORS = {("hour", "day"): 1 / 24, ("day", "hour"): 24.0, ("minute", "day"): 1 / 1440}
RATE_WORDS = {"retention", "conversion", "churn", "margin", "share", "tasa", "cuota"}
NUMBER_WORDS = {"one", "two", "three", "ten", "hundred", "uno", "dos", "tres", "diez", "cien"}
BAU_WORDS = {"maintain", "keep", "continue", "mantener", "seguir", "continuar"}
_DIGIT = re.compile(r"\d")


def _period(text: str) -> tuple[dt.date, dt.date]:
    year, quarter = int(text[:4]), int(text[-1])
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


def _amount(text: Any) -> tuple[float, str | None] | None:
    if text is None:
        return None
    if not isinstance(text, str):
        return float(text), None
    number, _, unit = text.partition(" ")
    return float(number), unit or None


def _day(value: str | dt.date) -> dt.date:
    """A date as JSON writes it (text), or as YAML and TOML read it (a date)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _checkin(data: dict[str, Any]) -> tuple[dt.date, float, str | None, float | None]:
    number, unit = _amount(data["value"]) or (0.0, None)
    return _day(data["date"]), number, unit, data.get("confidence")


def load(text: str) -> dict[str, Any]:
    return rows(json.loads(text))


def rows(data: dict[str, Any]) -> dict[str, Any]:
    """The plan's plain rows from a decoded document (JSON, YAML or TOML)."""
    period = _period(data["period"]) if data.get("period") else None
    objectives = []
    for objective in data["objectives"]:
        items = []
        for kr in objective.get("key_results", ()):
            items.append(
                {
                    "id": kr.get("id"), "metric": kr.get("metric"),
                    "direction": kr.get("direction"), "nature": kr.get("nature"),
                    "per": kr.get("per"), "weight": float(kr.get("weight", 1)),
                    "baseline": _amount(kr.get("baseline")), "target": _amount(kr.get("target")),
                    "change": _amount(kr.get("change")), "share": _amount(kr.get("share")),
                    "deadline": _day(kr["deadline"]) if "deadline" in kr else None,
                    "done": kr.get("done", False),
                    "checkins": [_checkin(c) for c in kr.get("checkins", ())],
                }
            )  # fmt: skip
        objectives.append(
            {
                "id": objective.get("id"), "title": objective["title"],
                "owner": objective.get("owner"), "parent": objective.get("parent"),
                "period": _period(objective["period"]) if "period" in objective else period,
                "weight": float(objective.get("weight", 1)), "items": items,
            }
        )  # fmt: skip
    return {"period": period, "objectives": objectives, "links": data.get("links", [])}


def resolve(kr: dict[str, Any]) -> dict[str, Any]:
    """Cached on the key result, as okrkit caches its resolution."""
    done = kr.get("_resolved")
    if done is not None:
        return done  # type: ignore[no-any-return]
    unit = (kr["target"] or kr["baseline"] or (None, None))[1]
    mismatches = 0

    def value(amount: tuple[float, str | None] | None) -> float | None:
        nonlocal mismatches
        if amount is None:
            return None
        if amount[1] is None or amount[1] == unit:
            return amount[0]
        factor = FACTORS.get((amount[1], unit))  # type: ignore[arg-type]
        if factor is None:
            mismatches += 1
            return None
        return amount[0] * factor

    pairs = []
    confident = []
    for day, number, written, confidence in kr["checkins"]:
        ordinal = day.toordinal()
        converted = value((number, written))
        if converted is not None:
            pairs.append((ordinal, converted))
        if confidence is not None:
            confident.append((ordinal, confidence))
    pairs.sort(key=lambda pair: pair[0])
    confident.sort(key=lambda pair: pair[0])
    direction = kr["direction"]
    baseline, target = value(kr["baseline"]), value(kr["target"])
    if direction is None and target is not None:
        direction = "decrease" if baseline is not None and target < baseline else "increase"
    done = kr["_resolved"] = {
        "unit": unit, "direction": direction, "baseline": baseline, "target": target,
        "days": [d for d, _ in pairs], "values": [v for _, v in pairs],
        "confidence_days": [d for d, _ in confident], "confidences": [c for _, c in confident],
        "mismatches": mismatches,
    }  # fmt: skip
    return done


def check(plan: dict[str, Any], as_of: dt.date) -> int:
    found = 0
    objectives = plan["objectives"]
    ids: set[str] = set()
    targets: dict[str, tuple[int, int]] = {}
    bare: dict[str, list[tuple[int, int]]] = {}
    owners: dict[tuple[str | None, Any], int] = {}
    for oi, objective in enumerate(objectives):
        found += objective["owner"] is None
        found += not objective["items"]
        found += not 3 <= len(objective["items"]) <= 5
        found += objective["id"] in ids
        ids.add(objective["id"])
        targets.setdefault(objective["id"], (oi, -1))
        key = (objective["owner"], objective["period"])
        owners[key] = owners.get(key, 0) + 1
        period = objective["period"]
        found += period is None
        if period is not None:
            days = (period[1] - period[0]).days
            found += days > 366
            found += days < 28
        title = objective["title"]
        words = title.lower().split()
        found += bool(_DIGIT.search(title)) or any(w in NUMBER_WORDS for w in words)
        found += bool(words) and words[0] in BAU_WORDS
        found += bool(objective["items"]) and all(
            kr["nature"] == "activity" for kr in objective["items"]
        )
        for ki, kr in enumerate(objective["items"]):
            kid = kr["id"] or str(ki + 1)
            found += kr["id"] in ids
            ids.add(kr["id"])
            targets.setdefault(f"{objective['id']}/{kid}", (oi, ki))
            bare.setdefault(kid, []).append((oi, ki))
    found += sum(1 for count in owners.values() if count > 5)
    ambiguous = set()
    for kid, places in bare.items():
        if kid in targets:
            continue
        if len(places) == 1:
            targets[kid] = places[0]
        else:
            ambiguous.add(kid)
    edges: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for oi, objective in enumerate(objectives):
        edges[(oi, -1)] = []
        parent = objective["parent"]
        if parent is not None:
            place = targets.get(parent)
            found += place is None or place[1] != -1
            if place is not None and place[1] == -1:
                edges[(oi, -1)].append(place)
                theirs, own = objectives[place[0]]["period"], objective["period"]
                if theirs and own:
                    found += not (theirs[0] <= own[0] and own[1] <= theirs[1])
    driving = set()
    for link in plan["links"]:
        start, end = targets.get(link["from"]), targets.get(link["to"])
        found += start is None and link["from"] not in ambiguous
        found += end is None and link["to"] not in ambiguous
        found += link["from"] in ambiguous or link["to"] in ambiguous
        found += not link.get("because")
        if start is None or end is None:
            continue
        for node in (start, end):
            if node not in edges:
                edges[node] = [(node[0], -1)]
        edges[start].append(end)
        if start[1] >= 0 and (
            end[1] < 0 or objectives[end[0]]["items"][end[1]]["nature"] != "activity"
        ):
            driving.add(start)
    found += _has_cycle(edges)
    for oi, objective in enumerate(objectives):
        period = objective["period"]
        for ki, kr in enumerate(objective["items"]):
            found += kr["nature"] == "activity" and (oi, ki) not in driving
            resolved = resolve(kr)
            found += resolved["mismatches"] > 0
            direction, baseline, target = (
                resolved["direction"], resolved["baseline"], resolved["target"]
            )  # fmt: skip
            found += target is None and direction != "achieve"
            found += kr["change"] is not None and baseline is None
            if baseline is not None and target is not None:
                found += target == baseline
                found += direction == "increase" and target < baseline
                found += direction == "decrease" and target > baseline
            percent = resolved["unit"] == "percent" and target is not None
            found += percent and not 0 <= target <= 100
            metric = (kr["metric"] or "").lower()
            found += kr["change"] is not None and any(w in metric for w in RATE_WORDS)
            if period is None:
                continue
            end = kr["deadline"] or period[1]
            found += not period[0] <= end <= period[1]
            outside = [c[0] for c in kr["checkins"] if not period[0] <= c[0] <= end]
            found += bool(outside)
            if period[0] <= as_of <= end and not (direction == "achieve" and kr["done"]):
                seen = [c[0] for c in kr["checkins"] if c[0] <= as_of]
                last = max(seen) if seen else period[0]
                found += (as_of - last).days > 14
    return found


def _has_cycle(edges: dict[tuple[int, int], list[tuple[int, int]]]) -> bool:
    """Depth-first search with three colours, iterative: a grey node met again
    closes a cycle."""
    colour: dict[tuple[int, int], int] = {}  # missing: white, 1: grey, 2: black
    for root in edges:
        if root in colour:
            continue
        colour[root] = 1
        stack = [(root, iter(edges.get(root, ())))]
        while stack:
            node, targets = stack[-1]
            for target in targets:
                state = colour.get(target)
                if state == 1:
                    return True
                if state is None:
                    colour[target] = 1
                    stack.append((target, iter(edges.get(target, ()))))
                    break
            else:
                colour[node] = 2
                stack.pop()
    return False


def score(plan: dict[str, Any], as_of: dt.date) -> tuple[float, list[Any]]:
    """The plan's score, and each objective's figures with its key results' figures."""
    day = as_of.toordinal()
    total = weights = 0.0
    figures = []
    for objective in plan["objectives"]:
        period = objective["period"]
        weighted = weight_sum = 0.0
        worst = 0
        rows = []
        for kr in objective["items"]:
            resolved = resolve(kr)
            index = bisect.bisect_right(resolved["days"], day) - 1
            actual = resolved["values"][index] if index >= 0 else None
            at = bisect.bisect_right(resolved["confidence_days"], day) - 1
            confidence = resolved["confidences"][at] if at >= 0 else None
            direction, target = resolved["direction"], resolved["target"]
            baseline = resolved["baseline"]
            if direction == "decrease" and baseline is None and resolved["values"]:
                baseline = resolved["values"][0]
            start = baseline or 0.0
            if direction == "achieve":
                progress = 1.0 if kr["done"] else 0.0
            elif actual is None or target is None:
                progress = 0.0
            elif direction == "at_least":
                progress = 1.0 if actual >= target else 0.0
            elif direction == "at_most":
                progress = 1.0 if actual <= target else 0.0
            elif direction == "decrease":
                progress = (start - actual) / (start - target) if start != target else 0.0
            else:
                progress = (actual - start) / (target - start) if target != start else 0.0
            clamped = min(1.0, max(0.0, progress))
            expected = None
            if period is not None:
                end = kr["deadline"] or period[1]
                gone = (as_of - period[0]).days / ((end - period[0]).days + 1)
                expected = min(1.0, max(0.0, gone))
            sure = 0.5 if confidence is None else confidence
            if actual is None:
                status = 0  # not started
            elif clamped >= 1.0:
                status = 0  # achieved
            elif direction == "achieve":
                status = 0 if sure >= 0.7 else (1 if sure >= 0.4 else 2)
            else:
                gap = progress - (expected or 0.0)
                status = 0 if gap >= -0.1 else (1 if gap >= -0.25 else 2)
            worst = max(worst, status)
            weighted += clamped * kr["weight"]
            weight_sum += kr["weight"]
            rows.append((kr["id"], progress, clamped, expected, status, actual, confidence))
        mean = weighted / weight_sum if weight_sum else 0.0
        figures.append((objective["id"], mean, worst, rows))
        total += mean * objective["weight"]
        weights += objective["weight"]
    return (total / weights if weights else 0.0), figures
