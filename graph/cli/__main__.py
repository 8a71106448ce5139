"""``python -m credgraph.cli``: the credgraph command."""

import sys

from . import main

sys.exit(main())
