"""Data problems, reported as one line each: `path:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass


UNREADABLE = ("(file)", "(yaml)")  # the fields of a problem that leaves a whole file unread


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    field: str
    message: str

    @property
    def root_cause(self) -> bool:
        """A problem that can set off others (an unreadable file, a changed or missing archive text): listed first."""
        return self.field in (*UNREADABLE, "(front matter)", "(folder)") or self.field.endswith(".sha256")

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}"


class DataErrors(Exception):
    """Raised once, with every problem found, so an editor can fix them all in one go."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (not p.root_cause, p.path, p.line or 0, p.field, p.message))
        super().__init__(self.summary())

    def summary(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the data"
        return head + ":\n" + "\n".join(str(p) for p in self.problems)
