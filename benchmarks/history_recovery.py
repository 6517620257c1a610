"""What okrkit.history recovers of the truth planted in simulated histories.

Run: python benchmarks/history_recovery.py [--seeds 200] [--threshold 0.05]

Not a timing: over the histories ``simulate(seed=0)`` … ``simulate(seed=N-1)``
(4 teams, 4 quarters, 8 owners of whom 4 are over-confident by 0.5, the
defaults), each owner's reliability term (10 bins, all four quarters ended) is
set against how the simulation made the owner. docs/history.md quotes the output.
"""

from __future__ import annotations

import argparse
import statistics

from okrkit.history import OwnerCalibration, calibration, simulate


def reliabilities(seeds: int) -> list[tuple[list[float], list[float]]]:
    """For each history: the calibrated owners' reliability terms, and the
    over-confident owners'."""
    out = []
    for seed in range(seeds):
        made = simulate(seed=seed)
        found = calibration(made.plans, as_of="2027-01-01")
        good, bad = [], []
        for group in found.groups:
            assert group.reliability is not None, group
            kind = made.truth.owner(group.name or "").calibration
            (good if kind is OwnerCalibration.CALIBRATED else bad).append(group.reliability)
        out.append((good, bad))
    return out


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f} %)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200, help="histories (default: 200)")
    parser.add_argument(
        "--threshold", type=float, default=0.05,
        help="flag an owner whose reliability is above this (default: 0.05)",
    )  # fmt: skip
    args = parser.parse_args()
    found = reliabilities(args.seeds)
    good = [value for calibrated, _ in found for value in calibrated]
    bad = [value for _, overconfident in found for value in overconfident]
    means = sum(statistics.mean(g) < statistics.mean(b) for g, b in found)
    pairs = sum(x < y for g, b in found for x in g for y in b)
    total = sum(len(g) * len(b) for g, b in found)
    print(f"calibration over {args.seeds} simulated histories (the defaults of simulate)")
    print(f"  median reliability: calibrated owners {statistics.median(good):.3f}, "
          f"over-confident owners {statistics.median(bad):.3f}")  # fmt: skip
    print(f"  histories where the calibrated owners' mean is lower: {share(means, len(found))}")
    print(f"  pairs where the calibrated owner's is lower: {share(pairs, total)}")
    flagged = sum(value > args.threshold for value in good)
    caught = sum(value > args.threshold for value in bad)
    print(f"  reliability above {args.threshold}: calibrated owners "
          f"{share(flagged, len(good))} (false positives), over-confident owners "
          f"{share(caught, len(bad))} (found)")  # fmt: skip


if __name__ == "__main__":
    main()
