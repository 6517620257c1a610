"""Learning from history: simulated histories with planted truth, how well
owners' confidence foretold what happened, probabilistic forecasts with
their backtest, and whether the links plans state are borne out by their
check-ins. See [history](history.md).

>>> import okrkit.history
>>> simulation = okrkit.history.simulate(teams=2, quarters=1, seed=7)
>>> len(simulation.plans), len(simulation.truth.owners)
(1, 4)
"""

from okrkit._history._backtest import (
    Backtest,
    BacktestCase,
    BacktestRow,
    Forecaster,
    backtest,
)
from okrkit._history._calibration import (
    Calibration,
    CalibrationGroup,
    Grouping,
    GroupStatus,
    ReliabilityBin,
    StatedConfidence,
    calibration,
)
from okrkit._history._evidence import (
    CausalityEvidence,
    LagEstimate,
    LinkEvidence,
    Match,
    Verdict,
    evidence,
)
from okrkit._history._forecasts import forecast
from okrkit._history._predictive import ForecastMethod, ProbabilityStatus
from okrkit._history._simulate import (
    OwnerCalibration,
    PlantedConfidence,
    PlantedLink,
    PlantedOwner,
    PlantedTruth,
    Simulation,
    SimulationSettings,
    simulate,
)


__all__ = [
    "Backtest",
    "BacktestCase",
    "BacktestRow",
    "Calibration",
    "CalibrationGroup",
    "CausalityEvidence",
    "ForecastMethod",
    "Forecaster",
    "GroupStatus",
    "Grouping",
    "LagEstimate",
    "LinkEvidence",
    "Match",
    "OwnerCalibration",
    "PlantedConfidence",
    "PlantedLink",
    "PlantedOwner",
    "PlantedTruth",
    "ProbabilityStatus",
    "ReliabilityBin",
    "Simulation",
    "SimulationSettings",
    "StatedConfidence",
    "Verdict",
    "backtest",
    "calibration",
    "evidence",
    "forecast",
    "simulate",
]
