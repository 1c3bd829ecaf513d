"""`python -m macros …`: the editor's commands (see `python -m macros --help`)."""

import sys

from .cli import main

sys.exit(main())
