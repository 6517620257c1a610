"""``python -m okrkit`` runs the command line.

For ``-m``, Python puts the current folder first on ``sys.path`` and imports
``runpy`` and the ``okrkit`` package (with the standard modules they use) before
this module runs: a ``re.py`` or ``typing.py`` in that folder is imported then,
and nothing here can undo it (docs/configuration.md says to run ``okrkit`` or
``python -P -m okrkit`` where that matters). What is imported from here on is
looked for without the folder, as ``python -P`` would: a rule plugin that
``[tool.okrkit]`` names is never taken from it, as with the ``okrkit`` command.
"""

import os
import sys


if not sys.flags.safe_path and sys.path and sys.path[0] == os.getcwd():
    del sys.path[0]

from okrkit._cli import run  # after the current folder is off the path


run()
