"""``python -m cli``: the ``nutgraf`` command."""

import sys

from cli.main import main

sys.exit(main())
