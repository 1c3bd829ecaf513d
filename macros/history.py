"""When each file last changed, from git: the reproducible "last updated" of pages and feed entries.

One `git log` pass for the whole tree. Uncommitted edits do not count, so the same
commit always builds the same dates; without git history, every date falls back to
the build's date (SOURCE_DATE_EPOCH when set, as `make build` sets it).
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path


def build_date() -> datetime.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.datetime.now(datetime.timezone.utc).date()


def last_changed(root: Path) -> dict[str, datetime.date]:
    """Path (relative to the repository's top, as git names it) -> the date of the last commit that changed it."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if out.returncode != 0:
        return {}
    changed: dict[str, datetime.date] = {}
    when = None
    for line in out.stdout.splitlines():
        if line.startswith("\0"):
            when = datetime.date.fromisoformat(line[1:])
        elif line and when is not None:
            changed.setdefault(line, when)
    return changed


class History:
    """Dates of the last change to a file or to anything under a folder."""

    def __init__(self, root: Path):
        self.changed = last_changed(root)
        self.fallback = build_date()
        self._prefix = _git_prefix(root)

    def date(self, *paths: str) -> datetime.date:
        """The latest change to any of these paths, relative to the project: files, or prefixes ending in "*"."""
        dates = []
        for p in paths:
            full = self._prefix + p
            if full.endswith("*"):
                dates += [d for name, d in self.changed.items() if name.startswith(full[:-1])]
            elif full in self.changed:
                dates.append(self.changed[full])
        return max(dates) if dates else self.fallback


def _git_prefix(root: Path) -> str:
    """The project's folder inside its repository ("" at the top), since git names paths from the top."""
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""
