"""``python -m okrkit`` runs the command line."""

import sys

from okrkit._cli import main


sys.exit(main())
