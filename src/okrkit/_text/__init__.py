"""Reading key-result statements and objective titles, in English and Spanish."""

from okrkit._text._apply import READ_FIELDS, omitted_fields, read_key_result, read_plan
from okrkit._text._objective import read_objective
from okrkit._text._project import quantity_kind, reading_to_dict
from okrkit._text._statement import read_statement
from okrkit._text._words import Lexicon


__all__ = [
    "READ_FIELDS",
    "Lexicon",
    "omitted_fields",
    "quantity_kind",
    "read_key_result",
    "read_objective",
    "read_plan",
    "read_statement",
    "reading_to_dict",
]
