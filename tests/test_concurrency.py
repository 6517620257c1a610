"""Many threads at once give what one thread gives: building, reading, checking and
scoring plans, with one shared unit registry made on first use."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

from hypothesis import HealthCheck, given, settings

import okrkit
from okrkit import strategies as okst


# Run in a fresh interpreter, so the unit registry, the word lists and the rules
# are all first used by many threads at the same moment.
FIRST_USE = textwrap.dedent(
    """
    import datetime as dt, sys, threading
    import okrkit
    from okrkit import increase, reduce, at_least, achieve, objective, plan

    AS_OF = dt.date(2026, 2, 15)

    def build(n):
        items = [
            reduce("ciclo de venta", from_=f"{30 + n % 7} day", to="26 day")
                .checked_in("2026-01-20", f"{700 + n} hour")
                .checked_in("2026-02-10", f"{29 + n % 3} day", confidence=0.6),
            increase("almacenamiento", from_="1.2 GB", to="1.5 GB")
                .checked_in("2026-02-01", f"{1300 + n} MB"),
            at_least("llamadas", "20 call/week")
                .checked_in("2026-02-09", f"{15 + n % 9} call/week"),
            okrkit.kr(f"Generar {100 + n} leads calificados por trimestre"),
            achieve("Lanzar el portal de socios", done=n % 2 == 0),
        ]
        goal = objective("Que los clientes nos elijan primero", id=f"o{n}").owned_by(f"t{n}")
        made = plan("p", period="2026-Q1").with_objectives(goal.measured_by(*items))
        text = okrkit.dumps(made, format="yaml")
        loaded = okrkit.loads(text)
        return "\\n".join([
            okrkit.check(loaded, as_of=AS_OF).to_json(),
            okrkit.score(loaded, as_of=AS_OF).to_json(),
            str(okrkit.units.convert(okrkit.Amount(3 + n, "week"), "day")),
            repr(okrkit.read_statement(f"Reducir el churn mensual de {n % 9 + 5} % a 3 %")),
        ])

    THREADS = 16
    start = threading.Barrier(THREADS)
    results = [None] * THREADS

    def work(i):
        start.wait()
        results[i] = [build(i * 3 + k) for k in range(3)]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    alone = [[build(i * 3 + k) for k in range(3)] for i in range(THREADS)]
    assert results == alone, "threads and one thread disagree"
    print("same")
    """
)


def test_first_use_from_many_threads_gives_one_threads_results() -> None:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_USE], check=False, capture_output=True, text=True, timeout=240
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "same"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(okst.plans(max_objectives=4))
def test_checking_and_scoring_one_plan_from_many_threads(plan: okrkit.Plan) -> None:
    """The same plan, checked and scored by eight threads at once, gives equal answers."""
    assert plan.period is not None
    as_of = plan.period.start + (plan.period.end - plan.period.start) / 2

    def work(_: int) -> tuple[str, str]:
        return (
            okrkit.check(plan, as_of=as_of).to_json(),
            okrkit.score(plan, as_of=as_of).to_json(),
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(work, range(16)))

    assert answers == [work(0)] * 16
