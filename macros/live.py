"""MkDocs hook: tell the macros when they run under `mkdocs serve`.

There, a data error shows as a banner on every page and the server keeps going;
under `mkdocs build` the same error fails the build.
"""

import os

LIVE_ENV = "EXPLAINER_LIVE_PREVIEW"


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        os.environ[LIVE_ENV] = "1"
    else:
        os.environ.pop(LIVE_ENV, None)
