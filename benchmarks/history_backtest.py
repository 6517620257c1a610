"""How forecasts made part-way through each window fare beside pacing and the
owners' confidence, on simulated histories.

Run: python benchmarks/history_backtest.py [--seeds 100]

Not a timing. For each setting below, the histories ``simulate(seed=0)`` …
``simulate(seed=N-1)`` (4 teams, 4 quarters: 64 key results each, with the
defaults of simulate unless the setting says otherwise) are each backtested
with ``okrkit.history.backtest(simulation.plans, as_of="2027-01-01")`` (each
history is one organisation: the pooled forecast learns from its own earlier
quarters only), and the cases of all of them are scored together: every key
result is cut at the setting's share of its window and forecast from the
check-ins before the cut.

The column "true probability" is the Brier score of the exact chance the
simulator knew at the owner's latest check-in before the cut (what a perfectly
calibrated owner, who knows the team's true rates, states), on the key results
both it and the forecast foretold: no forecast can beat it in expectation.
docs/history.md quotes the output.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

import attrs

from okrkit._history._backtest import scored_rows
from okrkit.history import Backtest, BacktestCase, Forecaster, Simulation, backtest, simulate
from okrkit.history import OwnerCalibration as Kind


AS_OF = "2027-01-01"
OTHERS = (Forecaster.PACING, Forecaster.PACE_SHARE, Forecaster.CONFIDENCE)
Pairs = list[tuple[Simulation, BacktestCase]]


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


def scored(cases: Sequence[BacktestCase], like: Backtest) -> Backtest:
    """A backtest of *cases*, its rows worked out from them, with *like*'s options."""
    rows = scored_rows(cases, like.min_key_results, like.seed, like.resamples)
    return attrs.evolve(like, rows=rows, cases=tuple(cases), ended=len(cases), open=0,
                        no_period=0)  # fmt: skip


def pooled(simulations: Sequence[Simulation], **options: Any) -> tuple[Backtest, Pairs]:
    """Each history backtested on its own, the cases scored together; and each
    case with the simulation it comes from."""
    made = [(sim, backtest(sim.plans, as_of=AS_OF, **options)) for sim in simulations]
    pairs = [(sim, case) for sim, result in made for case in result.cases]
    return scored([case for _sim, case in pairs], made[0][1]), pairs


def truth(simulation: Simulation, case: BacktestCase) -> float | None:
    """The true probability behind the owner's latest confidence before the cut."""
    stated = [
        planted
        for planted in simulation.truth.confidences
        if planted.plan == case.plan and planted.key_result == case.key_result
        and planted.date < case.cut
    ]  # fmt: skip
    return max(stated, key=lambda planted: planted.date).probability if stated else None


def against_truth(result: Backtest, pairs: Pairs) -> Backtest:
    """*result* with the true probability in the place of the owners' confidence."""
    return scored([attrs.evolve(case, confidence=truth(sim, case)) for sim, case in pairs], result)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=int, default=100, help="histories (default: 100)")
    args = parser.parse_args()
    seeds = range(args.seeds)
    histories = [simulate(seed=seed) for seed in seeds]
    settings: list[tuple[str, list[Simulation], dict[str, Any]]] = [
        ("cut 0.5, pooled (defaults)", histories, {}),
        ("cut 0.33", histories, {"cut": 0.33}),
        ("cut 0.75", histories, {"cut": 0.75}),
        ("method increments", histories, {"method": "increments"}),
        ("method trend", histories, {"method": "trend"}),
        ("method bootstrap", histories, {"method": "bootstrap"}),
        ("every owner calibrated", [simulate(seed=s, overconfident=0) for s in seeds], {}),
        ("every owner over-confident", [simulate(seed=s, overconfident=8) for s in seeds], {}),
    ]
    briers = [["setting", "key results", "forecast", "pacing", "pace share", "confidence",
               "true probability"]]  # fmt: skip
    gaps = [["setting", *(f"forecast − {other.value.replace('_', ' ')}" for other in OTHERS),
             "forecast − true probability"]]  # fmt: skip
    default: tuple[Backtest, Pairs] | None = None
    for name, simulations, options in settings:
        result, pairs = pooled(simulations, **options)
        default = default or (result, pairs)
        known = against_truth(result, pairs)
        briers.append(
            [name, str(result.compared)]
            + [figure(result.row(forecaster).brier) for forecaster in Forecaster]
            + [figure(known.row(Forecaster.CONFIDENCE).brier)]
        )
        gaps.append([name, *(difference(result, other) for other in OTHERS),
                     difference(known, Forecaster.CONFIDENCE)])  # fmt: skip
    assert default is not None
    print(f"backtest over {args.seeds} simulated histories (seeds 0 to {args.seeds - 1}), "
          f"as of {AS_OF}")  # fmt: skip
    print("\nBrier score (lower is better; 0.25 is saying 50 % every time)\n")
    print("\n".join(table(briers)))
    print("\nforecast's Brier minus the other's on the same key results")
    print("(95 % paired bootstrap interval)\n")
    print("\n".join(table(gaps)))
    print("\nthe defaults, by how the owner of the key result states confidence\n")
    result, pairs = default
    rows = [["owners", "key results", "forecast", "confidence", "forecast − confidence"]]
    for kind in Kind:
        mine = scored(
            [case for sim, case in pairs if sim.truth.owner(case.owner or "").calibration is kind],
            result,
        )
        row = mine.row(Forecaster.CONFIDENCE)
        rows.append([kind.value, str(row.key_results), figure(row.forecast_brier),
                     figure(row.brier), difference(mine, Forecaster.CONFIDENCE)])  # fmt: skip
    print("\n".join(table(rows)))


if __name__ == "__main__":
    main()
