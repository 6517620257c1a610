"""How forecasts made part-way through each window fare beside pacing and the
owners' confidence, on simulated histories.

Run: python benchmarks/history_backtest.py [--seeds 100]

Not a timing. For each setting below, the histories ``simulate(seed=0)`` …
``simulate(seed=N-1)`` (4 teams, 4 quarters: 64 key results each, with the
defaults of simulate unless the setting says otherwise) are backtested together
with ``okrkit.history.backtest(..., as_of="2027-01-01")``: every key result is cut
at the setting's share of its window and forecast from the check-ins before the
cut. docs/history.md quotes the output.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from okrkit.history import Backtest, BacktestCase, Forecaster, Simulation, backtest, simulate
from okrkit.history import OwnerCalibration as Kind


AS_OF = "2027-01-01"
OTHERS = (Forecaster.PACING, Forecaster.PACE_SHARE, Forecaster.CONFIDENCE)


def figure(value: float | None) -> str:
    return "—" if value is None else f"{value + 0.0:.3f}"


def difference(result: Backtest, other: Forecaster) -> str:
    row = result.row(other)
    if row.difference is None:
        return "not enough data"
    return f"{figure(row.difference)} ({figure(row.low)} to {figure(row.high)})"


def table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]


def pooled(simulations: Sequence[Simulation], **options: Any) -> Backtest:
    return backtest([plan for made in simulations for plan in made.plans], as_of=AS_OF, **options)


def by_owner(
    simulations: Sequence[Simulation], result: Backtest, kind: Kind
) -> Callable[[BacktestCase], bool]:
    """Whether a case's owner was made *kind* (each history has its own owners)."""
    per_plan = [made for made in simulations for _plan in made.plans]
    return lambda case: per_plan[case.plan].truth.owner(case.owner or "").calibration is kind


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=int, default=100, help="histories (default: 100)")
    args = parser.parse_args()
    seeds = range(args.seeds)
    histories = [simulate(seed=seed) for seed in seeds]
    settings: list[tuple[str, list[Simulation], dict[str, Any]]] = [
        ("cut 0.5, increments (defaults)", histories, {}),
        ("cut 0.33", histories, {"cut": 0.33}),
        ("cut 0.75", histories, {"cut": 0.75}),
        ("method trend", histories, {"method": "trend"}),
        ("method bootstrap", histories, {"method": "bootstrap"}),
        ("every owner calibrated", [simulate(seed=s, overconfident=0) for s in seeds], {}),
        ("every owner over-confident", [simulate(seed=s, overconfident=8) for s in seeds], {}),
    ]
    briers = [["setting", "key results", "forecast", "pacing", "pace share", "confidence"]]
    gaps = [["setting", *(f"forecast − {other.value.replace('_', ' ')}" for other in OTHERS)]]
    default: Backtest | None = None
    for name, simulations, options in settings:
        result = pooled(simulations, **options)
        default = default or result
        briers.append(
            [name, str(result.compared)]
            + [figure(result.row(forecaster).brier) for forecaster in Forecaster]
        )
        gaps.append([name, *(difference(result, other) for other in OTHERS)])
    assert default is not None
    print(f"backtest over {args.seeds} simulated histories (seeds 0 to {args.seeds - 1}), "
          f"as of {AS_OF}")  # fmt: skip
    print("\nBrier score (lower is better; 0.25 is saying 50 % every time)\n")
    print("\n".join(table(briers)))
    print("\nforecast's Brier minus the other's on the same key results")
    print("(95 % paired bootstrap interval)\n")
    print("\n".join(table(gaps)))
    print("\nthe defaults, by how the owner of the key result states confidence\n")
    rows = [["owners", "key results", "forecast", "confidence", "forecast − confidence"]]
    for kind in Kind:
        keep = by_owner(histories, default, kind)
        cases = [case for case in default.cases if keep(case)]
        part = pooled_cases(default, cases)
        row = part.row(Forecaster.CONFIDENCE)
        rows.append([kind.value, str(row.key_results), figure(row.forecast_brier),
                     figure(row.brier), difference(part, Forecaster.CONFIDENCE)])  # fmt: skip
    print("\n".join(table(rows)))


def pooled_cases(result: Backtest, cases: Sequence[BacktestCase]) -> Backtest:
    """*result* with only *cases*, its rows worked out again from them."""
    from okrkit._history._backtest import scored_rows

    rows = scored_rows(cases, result.min_key_results, result.seed, result.resamples)
    return Backtest(result.as_of, result.cut, result.method, result.seed, result.resamples,
                    result.min_key_results, rows, tuple(cases), len(cases))  # fmt: skip


if __name__ == "__main__":
    main()
