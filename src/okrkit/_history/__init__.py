"""Learning from a history of plans: simulated histories with planted truth and
the calibration of owners' confidence (the public names are in
:mod:`okrkit.history`)."""
