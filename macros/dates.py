"""EDTF dates at the precision the source gives: parsing, display and sorting.

This module accepts only the forms the site can show honestly and turns them into
reader-facing words. Those forms are checked against the calendar directly (the
full EDTF grammar costs about 13 ms a date); anything else goes to the `edtf`
package, whose verdict decides the error.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

MONTHS = (
    "January February March April May June July August September October November December"
).split()

# A calendar date at year, month or day precision, optionally qualified.
_POINT = r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[~?%])?"
_POINT_RE = re.compile(rf"^{_POINT}$")
ACCEPTED = "YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ (approximate) or ? (uncertain), or two of those joined by /"


def day_words(d: datetime.date) -> str:
    """A calendar day in the site's words: "3 December 2026"."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


class DateError(ValueError):
    """A string that is not an EDTF date the site accepts."""


@dataclass(frozen=True, order=False)
class Point:
    year: int
    month: int | None
    day: int | None
    qualifier: str

    def words(self, *, with_year: bool = True) -> str:
        parts = []
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None:
            parts.append(MONTHS[self.month - 1])
        if with_year:
            parts.append(str(self.year))
        text = " ".join(parts)
        if self.qualifier in ("~", "%"):
            text = f"c. {text}"
        if self.qualifier in ("?", "%"):
            text = f"{text} (uncertain)"
        return text

    def iso(self) -> str:
        """ISO 8601 at the point's own precision: "2019", "2019-07" or "2019-07-04"."""
        return f"{self.year:04d}" + (f"-{self.month:02d}" if self.month else "") + (f"-{self.day:02d}" if self.day else "")

    def key(self) -> tuple[int, int, int, int]:
        # Within a year, a year-only date sorts first; within a month, a month-only date.
        return (self.year, self.month or 0, self.day or 0, 0)


@dataclass(frozen=True)
class EDTF:
    """A validated EDTF string; `str()` gives it back unchanged."""

    text: str
    start: Point
    end: Point | None = None

    def __str__(self) -> str:
        return self.text

    @property
    def precision(self) -> str:
        p = self.start
        return "day" if p.day is not None else "month" if p.month is not None else "year"

    @property
    def year(self) -> int:
        return self.start.year

    def display(self) -> str:
        """Words at exactly the source's precision: "October 2018", "c. September 2014"."""
        if self.end is None:
            return self.start.words()
        same_year = self.start.year == self.end.year and not self.start.qualifier
        return f"between {self.start.words(with_year=not same_year)} and {self.end.words()}"

    def sort_key(self) -> tuple[int, int, int, int]:
        return self.start.key()

    def iso_hint(self) -> str:
        """The machine-readable form for `<time datetime>`: only the known part."""
        return self.start.iso()


def _calendar_form(text: str) -> bool:
    """The fast path: one or two of YYYY[-MM[-DD]][~?%]; False sends anything else to `edtf`.

    A date of this form must exist in the calendar, qualified or not (`2019-02-29~` does not)."""
    points = text.split("/")
    matches = [_POINT_RE.match(p) for p in points]
    if len(points) > 2 or not all(matches):
        return False
    for m in matches:
        try:
            datetime.date(int(m["y"]), int(m["m"] or 1), int(m["d"] or 1))
        except ValueError:
            raise DateError(f"{text!r} is not a valid EDTF date (impossible day or month, or wrong form); expected {ACCEPTED}") from None
    return True


def _point(text: str) -> Point:
    m = _POINT_RE.match(text)
    if not m:
        raise DateError(f"{text!r} is not a date; expected {ACCEPTED}")
    return Point(
        year=int(m["y"]),
        month=int(m["m"]) if m["m"] else None,
        day=int(m["d"]) if m["d"] else None,
        qualifier=m["q"] or "",
    )


def parse(value: object) -> EDTF:
    """Parse an EDTF value from YAML (a string, or a bare year YAML read as int)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError(f"expected an EDTF date string ({ACCEPTED}), got {type(value).__name__}")
    return _parse(str(value).strip())


@functools.lru_cache(maxsize=8192)
def _parse(text: str) -> EDTF:
    """Cached: thousands of events share a few hundred dates, and the full EDTF grammar is slow."""
    if not _calendar_form(text):
        from edtf import parse_edtf  # the full grammar, imported only for forms outside the fast path
        from edtf.parser.edtf_exceptions import EDTFParseException

        try:
            parse_edtf(text)
        except EDTFParseException:
            raise DateError(f"{text!r} is not a valid EDTF date (impossible day or month, or wrong form); expected {ACCEPTED}") from None
    start_text, _, end_text = text.partition("/")
    start = _point(start_text)
    end = _point(end_text) if end_text else None
    if end is not None and end.key() < start.key():
        raise DateError(f"{text!r}: the interval ends before it starts")
    return EDTF(text=text, start=start, end=end)
