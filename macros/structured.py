"""What machines read in a page's head: a description, and schema.org JSON-LD for dispute
and timeline pages (events with their dates at the source's precision, and the news
articles they rest on)."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from .dates import EDTF
from .load import Site
from .models import Citation, Event, Source
from .text import address, event_address

CONTEXT = "https://schema.org"


def _dates(d: EDTF, start: str, end: str) -> dict[str, str]:
    """schema.org dates carry no "about" or "uncertain": a qualified date is left out rather than overstated."""
    points = [p for p in (d.start, d.end) if p is not None]
    if any(p.qualifier for p in points):
        return {}
    out = {start: d.start.iso()}
    if d.end is not None:
        out[end] = d.end.iso()
    return out


def news_article(s: Source, base: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": address(base, f"sources.md#{s.id}"),
        "headline": s.title,
        "publisher": {"@type": "Organization", "name": s.container_title},
        "inLanguage": s.language,
        **({"datePublished": s.issued.start.iso()} if s.issued.end is None and not s.issued.start.qualifier else {}),
    }
    if s.author:
        item["author"] = [{"@type": "Person", "familyName": a.family, "givenName": a.given} for a in s.author]
    if s.URL:
        item["url"] = s.URL
    return item


def _articles(site: Site, citations: list[Citation], base: str) -> list[dict[str, Any]]:
    return [news_article(site.sources[sid], base) for sid in dict.fromkeys(c.source for c in citations)]


def _refs(citations: list[Citation], base: str) -> list[dict[str, str]]:
    """The articles by reference: each is described once in the page's graph, however many events cite it."""
    return [{"@id": address(base, f"sources.md#{sid}")} for sid in dict.fromkeys(c.source for c in citations)]


def _dispute_ref(site: Site, dispute_id: str, base: str) -> dict[str, str]:
    return {"@type": "Thing", "@id": _dispute_id(base, dispute_id), "name": site.disputes[dispute_id].title,
            "url": address(base, f"disputes/{dispute_id}.md")}


def _dispute_id(base: str, dispute_id: str) -> str:
    """The dispute itself, as the thing its page and its events are about (not the page)."""
    return address(base, f"disputes/{dispute_id}.md#dispute")


def event(site: Site, e: Event, base: str) -> dict[str, Any]:
    url = event_address(base, e)
    return {
        "@type": "Event",
        "@id": url,
        "name": e.title,
        "url": url,
        **_dates(e.date, "startDate", "endDate"),
        "description": description(e.body, 160),  # a pointer to the entry, not a second copy of it
        "about": [{"@id": _dispute_id(base, d)} for d in e.disputes],
        "subjectOf": _refs(e.sources, base),
    }


def _page(url: str, title: str, description: str, base: str, site_name: str) -> dict[str, Any]:
    return {"@type": "WebPage", "@id": url, "url": url, "name": title, "description": description,
            "inLanguage": "en", "isPartOf": {"@type": "WebSite", "@id": base, "name": site_name, "url": base}}


def dispute_page(site: Site, dispute_id: str, base: str, site_name: str) -> dict[str, Any]:
    d = site.disputes[dispute_id]
    url = address(base, f"disputes/{d.id}.md")
    # Its events are described on their year pages; listing them here too would grow the page with the timeline.
    events = [e for e in site.events if d.id in e.disputes]
    cited = [c.citation for c in site.citations if c.owner == f"dispute:{d.id}"]
    page = _page(url, d.title, description(d.summary.text), base, site_name)
    page["about"] = _dispute_ref(site, d.id, base)
    page["citation"] = _articles(site, cited + [c for e in events for c in e.sources], base)
    return {"@context": CONTEXT, "@graph": [page]}


def year_page(site: Site, year: int, base: str, site_name: str) -> dict[str, Any]:
    events = site.by_year().get(year, [])
    url = address(base, f"timeline/{year}.md")
    page = _page(url, f"Timeline, {year}", year_description(site, year), base, site_name)
    cited = [c for e in events for c in e.sources]
    page["citation"] = _articles(site, cited, base)
    disputes = [_dispute_ref(site, d, base) for d in dict.fromkeys(d for e in events for d in e.disputes)]
    return {"@context": CONTEXT, "@graph": [page, *disputes, *(event(site, e, base) for e in events)]}


def script(data: dict[str, Any]) -> str:
    """JSON for a <script> element: no "</" can close it early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def description(text: str, limit: int = 300) -> str:
    """A meta description: the text's whole sentences up to about `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > 0 else limit - 1].rstrip(",;:") + "…"


def year_description(site: Site, year: int) -> str:
    events = site.by_year().get(year, [])
    n = len(events)
    return description(f"{n} event{'s' if n != 1 else ''} of {year} in the Japan–South Korea disputes, each with "
                       f"the news passages it rests on: {'; '.join(e.title for e in events)}.")


def page_citation(title: str, site_name: str, base: str, path: str, updated: datetime.date) -> str:
    """"Cite this page" as CSL-JSON: a webpage of the site (at `path` under `base`), issued when it or its data last changed."""
    item = {"id": path.strip("/").replace("/", "-") or "home",
            "type": "webpage", "title": title, "container-title": site_name, "URL": base + path, "language": "en",
            "issued": {"date-parts": [[updated.year, updated.month, updated.day]]}}
    # One field a line; the date's parts on one line, as people write them.
    return re.sub(r"\[\s*([\d,\s]+?)\s*\]", lambda m: "[" + ", ".join(m[1].replace(",", " ").split()) + "]",
                  json.dumps([item], indent=1, ensure_ascii=False))
