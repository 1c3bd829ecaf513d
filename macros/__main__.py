"""`python -m macros …`: the editor's commands (see `python -m macros --help`)."""

import gc
import os
import sys

from .cli import main

# A short run that makes no garbage cycles worth collecting: the collector's passes over the loaded
# data, and the interpreter's teardown freeing it object by object, each add about 0.05-0.1 s to a
# 5,000-event check, for memory the process hands back at exit anyway.
gc.disable()
code = main()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
