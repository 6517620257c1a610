"""Reading key-result statements and objective titles, in English and Spanish.

>>> from okrkit.text import read_statement
>>> reading = read_statement("Reducir el ciclo de venta de 35 días a 26 días")
>>> reading.direction, reading.baseline, reading.target
(Direction.DECREASE, Amount(35, 'day'), Amount(26, 'day'))
"""

from okrkit._reading import Evidence, Figure, FigureRole, ObjectiveReading, Reading, StatementKind
from okrkit._text import (
    Lexicon,
    quantity_kind,
    read_objective,
    read_statement,
    reading_to_dict,
)


__all__ = [
    "Evidence",
    "Figure",
    "FigureRole",
    "Lexicon",
    "ObjectiveReading",
    "Reading",
    "StatementKind",
    "quantity_kind",
    "read_objective",
    "read_statement",
    "reading_to_dict",
]
