"""Scoring tables of 1 to 20 million check-ins: okrkit.tables.score_tables on DuckDB,
beside a hand-written DuckDB query of the same arithmetic (the limit), and the
object path (from_tables, then okrkit.score per plan).

Run: python benchmarks/tables_scale.py [--sizes 1,2,5,10,20] [--objects 1,2]

The data is okrkit's Parquet folder (okrkit export's six files), made with
pyarrow straight from eight template plans, each copied as many times as the
size needs with its own key, tenant, values, confidences and milestones: 400
check-ins a plan (4 objectives × 4 key results × 25 weekly check-ins; every
direction, a rate per week, a population share measured in percent, milestones
paced by confidence, decreases without a baseline, three objectives aligned),
so 20 million check-ins are 50,000 plans. The folders stay in --data (default
/tmp/okrkit-tables-scale) for the next run.

Each measurement runs in a fresh interpreter, which reports its seconds (the
call alone, best of --repeat) and its peak memory (VmHWM on Linux: ru_maxrss
would carry over the high-water mark of the parent it was forked from). The hand-written
query reads the same files and answers the same three tables; at the smallest
size the script checks that both answer the same figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


AS_OF = dt.date(2026, 4, 15)
PER_PLAN = 400
TEMPLATES = 8


# --- the data ---------------------------------------------------------------------------


def template_plan(number: int) -> Any:
    """Template plan *number*: 4 objectives × 4 key results × 25 weekly check-ins."""
    import okrkit
    from okrkit import Amount, CheckIn, KeyResult, Objective

    weeks = [dt.date(2026, 1, 5) + dt.timedelta(days=7 * week) for week in range(25)]

    def history(values: list[float], unit: str | None, *, sure: bool = False) -> tuple:
        return tuple(
            CheckIn(day, Amount(value, unit), confidence=0.7 if sure else None)
            for day, value in zip(weeks, values, strict=True)
        )

    def rising(start: float, step: float) -> list[float]:
        return [start + step * week for week in range(25)]

    shift = number * 3.0
    items = [
        KeyResult(id="leads", metric="leads", direction="increase",
                  baseline=Amount(100 + shift, "lead"), target=Amount(400 + shift, "lead"),
                  checkins=history(rising(100 + shift, 9), "lead", sure=True)),
        KeyResult(id="deals", metric="deals", direction="increase",
                  target=Amount(170, "deal"), checkins=history(rising(0, 5), "deal")),
        KeyResult(id="cycle", metric="sales cycle", direction="decrease",
                  baseline=Amount(60, "day"), target=Amount(30 + number, "day"),
                  checkins=history(rising(60, -1.1), "day")),
        KeyResult(id="churn", metric="churn", direction="decrease",
                  target=Amount(3, "percent"), checkins=history(rising(6, -0.1), "percent")),
        KeyResult(id="calls", metric="calls", direction="at_least", per="week",
                  target=Amount(20 + number, "call"), nature="activity",
                  checkins=history(rising(12, 0.6), "call")),
        KeyResult(id="p90", metric="response time", direction="at_most",
                  target=Amount(200, "millisecond"), share=Amount(90, "percent"),
                  checkins=history([85.0 + week % 10 for week in range(25)], "percent")),
        KeyResult(id="tickets", metric="open tickets", direction="at_most", strict=True,
                  target=Amount(50, "ticket"), checkins=history(rising(70, -1.5), "ticket")),
        KeyResult(id="portal", direction="achieve", statement="Launch the partner portal",
                  checkins=history([0.0] * 25, None, sure=True)),
    ]  # fmt: skip
    objectives = []
    for index in range(4):
        chosen = [items[(index * 4 + k + number) % len(items)] for k in range(4)]
        objectives.append(
            Objective(
                f"Objective {index}",
                id=f"o{index}",
                owner=f"team-{index}",
                parent=None if index == 0 else ("o1" if index == 3 else "o0"),
                weight=float(1 + index % 2),
                key_results=tuple(
                    kr.with_id(f"{kr.id}-{k}").weighted(float(1 + (k + number) % 3))
                    for k, kr in enumerate(chosen)
                ),
            )
        )
    return okrkit.plan(f"Template {number}", period="2026-H1").with_objectives(*objectives)


def make_data(folder: Path, checkins: int, seed: int = 14) -> None:
    """okrkit's Parquet folder of *checkins* check-ins (PER_PLAN a plan)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from okrkit.tables import PlanTables, to_tables, write_parquet

    rng = np.random.default_rng(seed)
    plans = checkins // PER_PLAN
    templates = to_tables({f"t{n}": template_plan(n) for n in range(TEMPLATES)})
    chosen = np.arange(plans) % TEMPLATES
    keys = pa.array([f"plan-{n:06d}" for n in range(plans)])
    tenants = pa.array([f"tenant-{n % 100:03d}" for n in range(plans)])
    made = {}
    for name, table in templates.items():
        per = table.num_rows // TEMPLATES
        if per == 0:
            made[name] = table
            continue
        rows = (chosen[:, None] * per + np.arange(per)[None, :]).ravel()
        copy = table.take(pa.array(rows))
        owner = np.repeat(np.arange(plans), per)
        copy = copy.set_column(0, "plan", keys.take(pa.array(owner)))
        copy = copy.set_column(1, "tenant", tenants.take(pa.array(owner)))
        made[name] = copy
    checkin_table = made["checkins"]
    noise = rng.uniform(0.6, 1.4, checkin_table.num_rows)
    value = pc.multiply(checkin_table.column("value"), pa.array(noise))
    share = checkin_table.column("measured_share")
    value = pc.if_else(share, pc.min_element_wise(value, 100.0), value)
    sure = rng.choice([np.nan, 0.2, 0.5, 0.7, 0.9], checkin_table.num_rows)
    confidence = pa.array(sure, from_pandas=True)
    for column, values in (("value", value), ("written_value", value), ("confidence", confidence)):
        at = checkin_table.schema.get_field_index(column)
        checkin_table = checkin_table.set_column(at, column, values)
    made["checkins"] = checkin_table
    key_results = made["key_results"]
    done = pc.and_(
        pc.equal(key_results.column("direction"), "achieve"),
        pa.array(rng.random(key_results.num_rows) < 0.3),
    )
    at = key_results.schema.get_field_index("done")
    made["key_results"] = key_results.set_column(at, "done", done)
    write_parquet(PlanTables(**made), folder, overwrite=True)


# --- the limit: one hand-written DuckDB query of the same arithmetic -----------------------

HAND_SQL = """
CREATE OR REPLACE TEMP TABLE krs AS
WITH latest AS (
    SELECT plan, objective_index, key_result_index,
        arg_max(value, k) FILTER (NOT measured_share) AS a,
        max(date) FILTER (NOT measured_share) AS a_day,
        arg_min(value, k) FILTER (NOT measured_share) AS first,
        arg_max(value, k) FILTER (measured_share) AS m,
        max(date) FILTER (measured_share) AS m_day,
        arg_max(confidence, k) FILTER (confidence IS NOT NULL) AS sure
    FROM (SELECT *, (date - DATE '1970-01-01')::BIGINT * 2147483648 + checkin_index AS k
        FROM read_parquet('{folder}/checkins.parquet'))
    WHERE date <= DATE '{as_of}' AND value IS NOT NULL
    GROUP BY ALL
), k AS (
    SELECT k.*, l.*, t.*,
        l.m_day > coalesce(l.a_day, DATE '0001-01-01') AS by_share,
        coalesce(k.share, 100) AS wanted,
        CASE WHEN k.direction = 'decrease' AND k.baseline IS NULL
            THEN greatest(l.first, k.target) ELSE coalesce(k.baseline, 0) END AS s,
        least(1, greatest(0, (DATE '{as_of}' - k.window_start)
            / (k.window_end - k.window_start + 1))) AS expected
    FROM read_parquet('{folder}/key_results.parquet') k
    JOIN read_parquet('{folder}/plans.parquet') t USING (plan)
    LEFT JOIN latest l USING (plan, objective_index, key_result_index)
), p AS (
    SELECT *, CASE
        WHEN direction = 'achieve' THEN done::DOUBLE
        WHEN by_share AND direction IN ('at_least', 'at_most') THEN (m >= wanted - 1e-9)::DOUBLE
        WHEN by_share THEN least(1e12, m / wanted)
        WHEN a IS NULL OR target IS NULL THEN 0
        WHEN direction = 'at_least' THEN IF(strict, a > target, a >= target)::DOUBLE
        WHEN direction = 'at_most' THEN IF(strict, a < target, a <= target)::DOUBLE
        WHEN s = target THEN IF(direction = 'decrease', a <= target, a >= target)::DOUBLE
        ELSE greatest(-1e12, least(1e12, (a - s) / (target - s))) END AS progress
    FROM k
), kr AS (
    SELECT *, greatest(0, least(1, progress)) AS score,
        a_day IS NOT NULL OR (direction <> 'achieve' AND m_day IS NOT NULL) AS seen
    FROM p
)
    SELECT plan, tenant, objective_index, objective, key_result_index, key_result,
        progress, score, expected, weight, CASE
        WHEN DATE '{as_of}' < window_start THEN 'not_started'
        WHEN DATE '{as_of}' > window_end THEN IF(score >= 1 - 1e-9, 'achieved', 'missed')
        WHEN direction = 'achieve' THEN CASE WHEN done THEN 'achieved'
            WHEN NOT seen THEN 'not_started'
            WHEN coalesce(sure, 0.5) >= green_from - 1e-9 THEN 'on_track'
            WHEN coalesce(sure, 0.5) >= yellow_from - 1e-9 THEN 'at_risk' ELSE 'off_track' END
        WHEN NOT seen THEN 'not_started'
        WHEN direction IN ('at_least', 'at_most')
            THEN IF(score >= 1 - 1e-9, 'on_track', 'off_track')
        WHEN score >= 1 - 1e-9 THEN 'achieved'
        WHEN progress - expected >= at_risk_gap - 1e-9 THEN 'on_track'
        WHEN progress - expected >= off_track_gap - 1e-9 THEN 'at_risk'
        ELSE 'off_track' END AS status,
        green_from, yellow_from
    FROM kr;
CREATE OR REPLACE TEMP TABLE objectives AS
    SELECT o.plan, o.objective_index, o.weight,
        coalesce(sum(k.score * k.weight) / nullif(sum(k.weight), 0), avg(k.score), 0) AS score,
        sum(k.expected * k.weight) / nullif(sum(k.weight), 0) AS expected,
        CASE WHEN count(k.status) = 0 THEN 'not_started'
            WHEN min(k.status) = max(k.status) THEN min(k.status)
            WHEN bool_or(k.status = 'missed') THEN 'missed'
            WHEN bool_or(k.status = 'off_track') THEN 'off_track'
            WHEN bool_or(k.status = 'at_risk') THEN 'at_risk' ELSE 'on_track' END AS status
    FROM read_parquet('{folder}/objectives.parquet') o
    LEFT JOIN krs k USING (plan, objective_index)
    GROUP BY ALL;
"""

HAND_ANSWERS = {
    "key_results": "SELECT * EXCLUDE (weight, green_from, yellow_from) FROM krs",
    "objectives": "SELECT * FROM objectives",
    "plans": """SELECT plan, coalesce(sum(score * weight) / nullif(sum(weight), 0), avg(score), 0)
        AS score FROM objectives GROUP BY plan""",
}


def hand_answers(connection: Any, folder: object) -> dict[str, Any]:
    """The hand-written query's three answers, as Arrow tables."""
    connection.execute(HAND_SQL.format(folder=folder, as_of=AS_OF))
    return {name: connection.sql(sql).to_arrow_table() for name, sql in HAND_ANSWERS.items()}


# --- measurements, each in a fresh interpreter ---------------------------------------------


def measure(kind: str, folder: str, repeat: int) -> dict[str, float]:
    """Run in a child process: the best seconds of *repeat* runs (and of each part
    a run reports), and peak memory."""
    import resource

    best: dict[str, float] = {}
    rows = 0
    for _ in range(repeat):
        parts: dict[str, float] = {}
        start = time.perf_counter()
        rows = RUNS[kind](folder, parts)
        parts["seconds"] = time.perf_counter() - start
        for name, seconds in parts.items():
            best[name] = min(best.get(name, math.inf), seconds)
    return {**best, "peak_mib": peak_mib(resource), "rows": rows}


def peak_mib(resource: Any) -> float:
    """This process's peak resident memory, in MiB: Linux's VmHWM, which starts
    afresh at exec (ru_maxrss keeps the high-water mark of the forked parent)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024


def run_score_tables(folder: str, parts: dict[str, float], *, rollup: bool = False) -> int:
    from okrkit.tables import score_tables

    scores = score_tables(folder, as_of=AS_OF, rollup=rollup)
    return int(scores.key_results.num_rows)


def run_hand(folder: str, parts: dict[str, float]) -> int:
    import duckdb

    return int(hand_answers(duckdb.connect(), folder)["key_results"].num_rows)


def run_objects(folder: str, parts: dict[str, float]) -> int:
    """read_parquet and from_tables (parts: ``rebuild``), then okrkit.score per plan
    with every score object made (``score``)."""
    import okrkit
    from okrkit.tables import from_tables, read_parquet

    start = time.perf_counter()
    plans = from_tables(read_parquet(folder))
    parts["rebuild"] = time.perf_counter() - start
    start = time.perf_counter()
    for plan in plans.values():
        okrkit.score(plan, as_of=AS_OF).objectives  # noqa: B018 - make every score object
    parts["score"] = time.perf_counter() - start
    return len(plans)


SPARK: Any = None


def run_spark(folder: str, parts: dict[str, float]) -> int:
    """score_tables on a local Spark (two cores; started before the timing), the
    answers fetched as Arrow. The peak memory is the Python process's only."""
    global SPARK  # noqa: PLW0603 - one session for the repeats
    if SPARK is None:
        from pyspark.sql import SparkSession

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        SPARK = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", "6g")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate()
        )
        SPARK.sparkContext.setLogLevel("ERROR")
        parts.clear()  # the session's start is not scoring
    from okrkit.tables import score_tables

    start = time.perf_counter()
    scores = score_tables(folder, as_of=AS_OF, engine=SPARK)
    answers = [table.toArrow() for _name, table in scores.items()]
    parts["spark"] = time.perf_counter() - start
    return int(answers[2].num_rows)


RUNS = {
    "score_tables": run_score_tables,
    "score_tables_rollup": lambda folder, parts: run_score_tables(folder, parts, rollup=True),
    "hand_sql": run_hand,
    "objects": run_objects,
    "spark": run_spark,
}


def child(kind: str, folder: Path, repeat: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--folder", str(folder),
         "--repeat", str(repeat)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def same_answers(folder: Path) -> None:
    """score_tables and the hand-written query answer the same figures."""
    import duckdb

    from okrkit.tables import score_tables

    scores = score_tables(folder, as_of=AS_OF)
    for name, hand in hand_answers(duckdb.connect(), folder).items():
        ours = getattr(scores, name).to_pylist()
        assert len(ours) == hand.num_rows, name
        keys = ("plan", "objective_index", "key_result_index")
        index = {tuple(row.get(k) for k in keys): row for row in ours}
        for row in hand.to_pylist():
            mine = index[tuple(row.get(k) for k in keys)]
            for column in ("score", "progress", "expected", "status"):
                if column in row:
                    a, b = row[column], mine[column]
                    same = a == b or (
                        isinstance(a, float) and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
                    )
                    assert same, (name, column, row, mine)


def exponent(sizes: list[float], seconds: list[float]) -> float:
    """The slope of log(seconds) over log(size): 1 for linear growth."""
    xs = [math.log(size) for size in sizes]
    ys = [math.log(value) for value in seconds]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    top = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return top / sum((x - mean_x) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,5,10,20", help="millions of check-ins")
    parser.add_argument("--objects", default="1,2,5", help="sizes for the object path too")
    parser.add_argument("--spark", default="", help="sizes for a local Spark too (pyspark, Java)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", default="/tmp/okrkit-tables-scale")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(measure(options.child, options.folder, options.repeat)))
        return
    sizes = [float(size) for size in options.sizes.split(",")]
    with_objects = {float(size) for size in options.objects.split(",") if size}
    with_spark = {float(size) for size in options.spark.split(",") if size}
    rows = []
    for size in sizes:
        folder = Path(options.data) / f"{size:g}M"
        if not (folder / "checkins.parquet").exists():
            subprocess.run(
                [sys.executable, "-c",
                 f"import sys; sys.path.insert(0, {os.path.dirname(__file__)!r}); "
                 f"import tables_scale as t; from pathlib import Path; "
                 f"t.make_data(Path({str(folder)!r}), {int(size * 1e6)})"],
                check=True,
            )  # fmt: skip
        if size == sizes[0]:
            same_answers(folder)
        found = {kind: child(kind, folder, options.repeat) for kind in
                 ("score_tables", "hand_sql", "score_tables_rollup")}  # fmt: skip
        if size in with_objects:
            found["objects"] = child("objects", folder, 1)
        if size in with_spark:
            found["spark"] = child("spark", folder, options.repeat)
        rows.append((size, found))
        print(json.dumps({"size_millions": size, **found}), flush=True)
    report(rows)


def report(rows: list[tuple[float, dict[str, dict[str, float]]]]) -> None:
    print()
    print(
        "| check-ins | plans | score_tables | peak | hand-written SQL | peak | ratio "
        "| with roll-up | object path (rebuild + score) | peak | Spark local[2] |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, found in rows:
        ours, hand, up = found["score_tables"], found["hand_sql"], found["score_tables_rollup"]
        objects, spark = found.get("objects"), found.get("spark")
        seen = "— | —"
        if objects:
            seen = (
                f"{objects['seconds']:.1f} s ({objects['rebuild']:.1f} + {objects['score']:.1f})"
                f" | {objects['peak_mib']:,.0f} MiB"
            )
        on_spark = f"{spark['spark']:.1f} s" if spark else "—"
        print(
            f"| {size:g} M | {int(size * 1e6 / PER_PLAN):,} | {ours['seconds']:.2f} s "
            f"| {ours['peak_mib']:,.0f} MiB | {hand['seconds']:.2f} s "
            f"| {hand['peak_mib']:,.0f} MiB | {ours['seconds'] / hand['seconds']:.2f} "
            f"| {up['seconds']:.2f} s | {seen} | {on_spark} |"
        )
    sizes = [size for size, _found in rows]
    if len(sizes) < 2:
        return
    print()
    for kind in ("score_tables", "hand_sql", "score_tables_rollup"):
        seconds = [found[kind]["seconds"] for _size, found in rows]
        steps = ", ".join(
            f"{exponent(sizes[i : i + 2], seconds[i : i + 2]):.2f}" for i in range(len(sizes) - 1)
        )
        print(f"growth exponent, {kind}: {exponent(sizes, seconds):.2f} (size to size: {steps})")


if __name__ == "__main__":
    main()
