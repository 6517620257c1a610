"""``python -m okrkit`` runs the command line.

For ``-m``, Python puts the current folder first on ``sys.path``. okrkit takes it
off again, as ``python -P`` would, so that the folder a check happens to run in
never supplies a module: not a rule plugin that ``[tool.okrkit]`` names, nor one
okrkit imports as it goes (the ``okrkit`` command never had the folder there).
"""

import os
import sys


if not sys.flags.safe_path and sys.path and sys.path[0] == os.getcwd():
    del sys.path[0]

from okrkit._cli import main  # after the current folder is off the path


sys.exit(main())
