"""``python -m graph.cli``: the credgraph command."""

import sys

from . import main

sys.exit(main())
