"""Small inline SVG charts: no script, no third-party library, text alternatives built in.

Each chart is an image (`role="img"`) whose <title> and <desc> say what it shows;
the same numbers are always in a table or list next to it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from .load import Site
from .models import Event, Figure
from .text import esc

PALETTE = ["#1f5fa8", "#b3261e", "#2e7d32", "#6a1b9a", "#a35200", "#00695c"]


def _frac_year(key: tuple[int, int, int, int]) -> float:
    year, month, day, _ = key
    return year + ((month or 6.5) - 1) / 12 + ((day or 15) - 1) / 365


def _legend(labels: list[str]) -> str:
    """The colour of each series or row, in PALETTE's order, named."""
    keys = "".join(f'<li><span class="chart__key" style="background:{PALETTE[i % len(PALETTE)]}"></span>{esc(label)}</li>'
                   for i, label in enumerate(labels))
    return f'<ul class="chart__legend">{keys}</ul>'


def _step(span: float, most: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... that cuts `span` into at most `most` parts."""
    power = 1
    while True:
        for s in (1, 2, 5):
            if span / (s * power) <= most:
                return s * power
        power *= 10


def timeline_histogram(site: Site, rows: list[tuple[str, str]]) -> str:
    """Events per year on a continuous time axis, each year's bar stacked by row (id, label; "" as id means
    events with no dispute): the overview once there are too many events for a mark each. An event about
    two disputes counts in both. A legend names the colours; the description gives every count."""
    if not site.events:
        return ""
    counts: Counter[tuple[str, int]] = Counter()
    for e in site.events:
        for row in e.disputes or [""]:
            counts[(row, e.date.year)] += 1
    first, last = min(y for _, y in counts), max(y for _, y in counts)
    years = range(first, last + 1)
    totals = {y: sum(counts[(rid, y)] for rid, _ in rows) for y in years}
    peak = max(totals.values())
    left, right, top, bottom, width, height = 40, 12, 12, 30, 680, 200
    column = (width - left - right) / len(years)
    plot = height - top - bottom
    sy = lambda v: height - bottom - v / peak * plot  # noqa: E731
    parts = [
        f'<svg class="chart chart--overview" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        'aria-labelledby="overview-title overview-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="overview-title">Events per year, {first} to {last}, by dispute</title>',
    ]
    desc = []
    for rid, label in rows:
        per_year = [f"{y}: {counts[(rid, y)]}" for y in years if counts[(rid, y)]]
        desc.append(f"{label}: " + (", ".join(per_year) if per_year else "no events"))
    parts.append(f'<desc id="overview-desc">{esc("; ".join(desc))}.</desc>')
    step = _step(peak, 5)
    for v in range(0, peak + 1, step):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{sy(v):.1f}" y2="{sy(v):.1f}" class="chart__rule"/>')
        parts.append(f'<text x="{left - 6}" y="{sy(v) + 4:.1f}" text-anchor="end" class="chart__axis">{v}</text>')
    every = _step(40 / column, 1)  # years between labels: at least 40px apart
    for i, y in enumerate(years):
        x = left + i * column
        base = height - bottom
        for r, (rid, _) in enumerate(rows):
            if n := counts[(rid, y)]:
                h = n / peak * plot
                base -= h
                parts.append(f'<rect x="{x + 0.15 * column:.2f}" y="{base:.2f}" width="{0.7 * column:.2f}" height="{h:.2f}" '
                             f'fill="{PALETTE[r % len(PALETTE)]}"/>')
        if y % every == 0:
            parts.append(f'<line x1="{x + column / 2:.1f}" x2="{x + column / 2:.1f}" y1="{height - bottom}" y2="{height - bottom + 4}" '
                         'class="chart__rule"/>')
            parts.append(f'<text x="{x + column / 2:.1f}" y="{height - 10}" text-anchor="middle" class="chart__axis">{y}</text>')
    parts.append("</svg>")
    return "".join(parts) + _legend([label for _, label in rows])


def line_chart(figure: Figure) -> str:
    """A line per series with two or more points; "" when nothing in the figure is a trend."""
    series = [s for s in figure.series if len(s.points) >= 2]
    if not series:
        return ""
    xs = [_frac_year(p.date.sort_key()) for s in series for p in s.points]
    values = [p.value for s in series for p in s.points]
    x0, x1 = min(xs) - 0.3, max(xs) + 0.3
    y1 = 100.0 if "per cent" in figure.unit and max(values) <= 100 else max(values) * 1.15
    left, right, top, bottom, width, height = 48, 16, 16, 34, 560, 240
    sx = lambda x: left + (x - x0) / (x1 - x0) * (width - left - right)  # noqa: E731
    sy = lambda v: height - bottom - v / y1 * (height - top - bottom)  # noqa: E731
    title_id = f"chart-{figure.id}"
    summary = "; ".join(
        f"{s.label}: " + ", ".join(f"{p.date.display()} {p.value:g}" for p in s.points) for s in series
    )
    parts = [
        f'<svg class="chart chart--line" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{title_id}-t {title_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}-t">{esc(figure.title)} ({esc(figure.unit)})</title>',
        f'<desc id="{title_id}-d">{esc(summary)}</desc>',
    ]
    for tick in range(0, 5):
        v = y1 * tick / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{sy(v):.1f}" y2="{sy(v):.1f}" class="chart__rule"/>')
        parts.append(f'<text x="{left - 6}" y="{sy(v) + 4:.1f}" text-anchor="end" class="chart__axis">{v:g}</text>')
    for year in range(int(x0), int(x1) + 1):
        middle = (max(year, x0) + min(year + 1, x1)) / 2  # the middle of the part of the year in view
        parts.append(f'<text x="{sx(middle):.1f}" y="{height - 12}" text-anchor="middle" class="chart__axis">{year}</text>')
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        pts = sorted(s.points, key=lambda p: p.date.sort_key())
        coords = [(sx(_frac_year(p.date.sort_key())), sy(p.value)) for p in pts]
        parts.append(
            f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in coords)}" fill="none" '
            f'stroke="{colour}" stroke-width="2.5" class="chart__line"/>'
        )
        for (x, y), p in zip(coords, pts, strict=True):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>')
            parts.append(f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" class="chart__value">{p.value:g}</text>')
    parts.append("</svg>")
    return "".join(parts) + _legend([s.label for s in series])


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _edge(cx: float, cy: float, tx: float, ty: float, w: float, h: float) -> tuple[float, float]:
    """Where the line from a box's centre towards (tx, ty) leaves the box."""
    dx, dy = tx - cx, ty - cy
    scale = min((w / 2) / abs(dx) if dx else math.inf, (h / 2) / abs(dy) if dy else math.inf)
    return cx + dx * scale, cy + dy * scale


def connections_diagram(titles: dict[str, str], links: list[tuple[int, str, str, str]],
                        node_href: Callable[[str], str], focus: str | None = None) -> str:
    """Disputes as boxes on a circle, one labelled arrow per cause-and-effect link.

    `links` holds (number, cause, effect, label); each arrow links to `#link-<number>`, the cited
    statement in the list beside the diagram, and each box to its dispute's page.
    """
    ids = [i for i in titles if focus is None or i == focus or any(focus in (c, e) and i in (c, e) for _, c, e, _ in links)]
    if len(ids) < 2 or not links:
        return ""
    w, h, cx, cy = 190, 62, 330, 220
    r = 160 if len(ids) > 2 else 120
    pos = {}
    for k, i in enumerate(ids):
        angle = -math.pi / 2 + 2 * math.pi * k / len(ids)
        pos[i] = (cx + 1.25 * r * math.cos(angle), cy + r * math.sin(angle))
    x0, x1 = min(x for x, _ in pos.values()) - w / 2 - 12, max(x for x, _ in pos.values()) + w / 2 + 12
    y0, y1 = min(y for _, y in pos.values()) - h / 2 - 12, max(y for _, y in pos.values()) + h / 2 + 12
    parts = [
        f'<svg class="chart chart--links" viewBox="{x0:.0f} {y0:.0f} {x1 - x0:.0f} {y1 - y0:.0f}" width="{x1 - x0:.0f}" '
        f'height="{y1 - y0:.0f}" role="group" aria-labelledby="links-title links-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="links-title">How the disputes connect, as the sources tell it</title>',
        '<desc id="links-desc">' + esc("; ".join(f"{titles[c]} led to {titles[e]} ({label})" for _, c, e, label in links)) + ".</desc>",
        '<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="links__head"/></marker></defs>',
    ]
    for n, c, e, label in links:
        (x1, y1), (x2, y2) = pos[c], pos[e]
        sx, sy = _edge(x1, y1, x2, y2, w + 8, h + 8)
        ex, ey = _edge(x2, y2, x1, y1, w + 16, h + 16)
        mx, my = (sx + ex) / 2, (sy + ey) / 2
        parts.append(
            f'<a href="#link-{n}" class="links__arrow"><title>{esc(titles[c])} led to {esc(titles[e])}: {esc(label)}</title>'
            f'<line x1="{sx:.0f}" y1="{sy:.0f}" x2="{ex:.0f}" y2="{ey:.0f}" marker-end="url(#arrowhead)"/>'
            f'<rect x="{mx - 4.3 * len(label) - 6:.0f}" y="{my - 12:.0f}" width="{8.6 * len(label) + 12:.0f}" height="22" rx="4"/>'
            f'<text x="{mx:.0f}" y="{my + 4:.0f}" text-anchor="middle">{esc(label)}</text></a>'
        )
    for i in ids:
        x, y = pos[i]
        lines = _wrap(titles[i], 24)
        box = max(h, 16 * len(lines) + 14)
        top = y - 8 * (len(lines) - 1) + 4
        text = "".join(f'<tspan x="{x:.0f}" y="{top + 16 * k:.0f}">{esc(line)}</tspan>' for k, line in enumerate(lines))
        cls = "links__node links__node--focus" if i == focus else "links__node"
        parts.append(f'<a href="{node_href(i)}" class="{cls}"><rect x="{x - w / 2:.0f}" y="{y - box / 2:.0f}" '
                     f'width="{w}" height="{box:.0f}" rx="8"/><text text-anchor="middle">{text}</text></a>')
    parts.append("</svg>")
    return "".join(parts)


def _within_year(key: tuple[int, int, int, int], end: bool) -> float:
    """Where a date falls within its year, 0 to 1: a month or a year is a stretch, a day a point."""
    _, month, day, _ = key
    if not month:
        return 1.0 if end else 0.0
    if not day:
        return month / 12 if end else (month - 1) / 12
    return (month - 1) / 12 + (day - 0.5) / 372


def timeline_lanes(site: Site, rows: list[tuple[str, str]], event_href: Callable[[Event], str],
                   year_href: Callable[[int], str]) -> str:
    """One lane per dispute, one mark per event linking to it: a dot for a day, a bar for a month, a year,
    an approximate date or an interval. Only years with events get a column; dashed lines mark gaps."""
    years = sorted({e.date.year for e in site.events})
    col, lane, top, left = 54, 46, 30, 8
    column = {y: left + col * i for i, y in enumerate(years)}
    width, height = left + col * len(years) + 8, top + lane * len(rows) + 6
    parts = [
        f'<svg class="chart chart--lanes" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" '
        'aria-labelledby="overview-title overview-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="overview-title">Every event, by dispute and date</title>',
    ]
    desc = []
    for rid, label in rows:
        n = sum(1 for e in site.events if rid in e.disputes or (not rid and not e.disputes))
        desc.append(f"{label}: {n} event{'s' if n != 1 else ''}")
    parts.append(f'<desc id="overview-desc">{esc("; ".join(desc))}. Each mark links to its event.</desc>')
    for i, y in enumerate(years):
        x = column[y] + col / 2
        parts.append(f'<a href="{year_href(y)}" aria-label="Events of {y}"><text x="{x:.0f}" y="18" '
                     f'text-anchor="middle" class="chart__axis">{y}</text></a>')
        if i and years[i - 1] != y - 1:
            parts.append(f'<line x1="{column[y]}" x2="{column[y]}" y1="6" y2="{height - 2}" class="chart__gap"/>')
    for r, (rid, label) in enumerate(rows):
        y0 = top + lane * r
        cy = y0 + 32
        parts.append(f'<text x="{left}" y="{y0 + 14}" class="chart__label">{esc(label)}</text>')
        parts.append(f'<line x1="{left}" x2="{width - 8}" y1="{cy}" y2="{cy}" class="chart__rule"/>')
        colour = PALETTE[r % len(PALETTE)]
        for e in site.events:
            if not (rid in e.disputes or (not rid and not e.disputes)):
                continue
            start, end = e.date.start, e.date.end or e.date.start
            x1 = column[start.year] + col * _within_year(start.key(), end=False)
            x2 = column.get(end.year, column[start.year]) + col * _within_year(end.key(), end=True) if end.year in column \
                else column[start.year] + col
            mark_title = f"<title>{esc(e.date.display())}: {esc(e.title)}</title>"
            if e.date.end is None and start.day is not None and not start.qualifier:
                shape = f'<circle cx="{x1:.1f}" cy="{cy}" r="5" fill="{colour}" class="chart__mark"/>'
            else:
                shape = (f'<rect x="{x1:.1f}" y="{cy - 5}" width="{max(x2 - x1, 4):.1f}" height="10" rx="3" '
                         f'fill="{colour}" class="chart__mark chart__mark--span"/>')
            parts.append(f'<a href="{event_href(e)}">{mark_title}{shape}</a>')
    parts.append("</svg>")
    return "".join(parts)
