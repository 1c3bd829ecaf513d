"""The Atom feed: one entry per event, newest first, so readers can follow the timeline."""

from __future__ import annotations

import datetime

from feedgen.feed import FeedGenerator

from .history import History
from .load import Site
from .text import event_address

FEED = "feed.xml"
FEED_LIMIT = 100  # the newest events: readers poll a feed often; all events are in downloads/events.json


def _midnight(d: datetime.date) -> datetime.datetime:
    return datetime.datetime(d.year, d.month, d.day, tzinfo=datetime.timezone.utc)


def atom(site: Site, base: str, title: str, subtitle: str, history: History) -> bytes:
    """Entries are dated by the last commit that changed their event file (Atom's `updated`), not by
    the event's own date, which is often only a year or a month; that date is in the entry's title."""
    fg = FeedGenerator()
    fg.id(base)
    fg.title(title)
    fg.subtitle(subtitle)
    fg.author(name=f"The editors of {title}", uri=base)
    fg.link(href=base, rel="alternate", type="text/html")
    fg.link(href=base + FEED, rel="self", type="application/atom+xml")
    fg.language("en")
    fg.generator("feedgen")
    newest = sorted(site.events, key=lambda e: (e.date.sort_key(), e.id), reverse=True)[:FEED_LIMIT]
    dates = {e.id: history.date(site.files[f"event:{e.id}"]) for e in newest}
    fg.updated(_midnight(max(dates.values(), default=history.fallback)))
    for e in newest:
        url = event_address(base, e)
        entry = fg.add_entry(order="append")
        entry.id(url)
        when = e.date.display()
        entry.title(f"{when[0].upper()}{when[1:]}: {e.title}")
        entry.link(href=url, rel="alternate", type="text/html")
        entry.updated(_midnight(dates[e.id]))
        entry.summary(" ".join(e.body.split()))
        for d in e.disputes:
            entry.category(term=d, label=site.disputes[d].title, scheme=f"{base}disputes/")
    return fg.atom_str(pretty=True)
