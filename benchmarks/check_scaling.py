"""How checking grows with a plan's size: plans of 1,000 to 10,000 objectives.

Run: python benchmarks/check_scaling.py

Each plan has three key results per objective with twelve weekly check-ins, links,
and alignment to company objectives. Prints seconds per check and microseconds per
objective (best of three); linear growth keeps the last column flat.
"""

from __future__ import annotations

import time

from orgplan import org_plan

import okrkit


def main() -> None:
    print(f"{'objectives':>10} {'key results':>12} {'seconds':>8} {'µs/objective':>13}")
    for size in (1_000, 2_000, 5_000, 10_000):
        plan = org_plan(size)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            report = okrkit.check(plan, as_of="2026-02-15")
            best = min(best, time.perf_counter() - start)
        krs = sum(len(o.key_results) for o in plan.objectives)
        per_objective = best * 1e6 / len(plan.objectives)
        print(
            f"{len(plan.objectives):>10,} {krs:>12,} {best:>8.2f} {per_objective:>13.0f}"
            f"   ({len(report)} findings)"
        )


if __name__ == "__main__":
    main()
