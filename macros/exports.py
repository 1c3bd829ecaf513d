"""The site's data as downloads: events (JSON and CSV), positions, links, and sources as CSL-JSON.

Each download has a model here, so its JSON Schema is generated like the data files'
(`make schema`), and each is built from the same loaded `Site` that built the pages;
the tests turn every download back into the site's models and compare.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from .dates import EDTF, Point
from .load import Site
from .models import Author, Citation, EventKind, Link, OtherPosition, Positions, Slug
from .text import address, event_address

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class EventRecord(Record):
    """One event, as the timeline shows it."""

    id: Slug = Field(description="The event's id: its file name without the date and the extension.")
    date: str = Field(description="The date as EDTF, at exactly the precision the source gives.")
    start: str = Field(description="The first calendar day the date can mean (YYYY-MM-DD), for sorting and filtering.")
    end: str = Field(description="The last calendar day the date can mean (YYYY-MM-DD).")
    precision: Literal["year", "month", "day"] = Field(description="How precise the date's start is: year, month or day.")
    title: str = Field(description="A short headline in the site's words.")
    disputes: list[Slug] = Field(description="Ids of the disputes it belongs to (see positions.json); none for general diplomacy.")
    people: list[Slug] = Field(description="Ids of the people involved, as on the People page.")
    kind: EventKind = Field(description=f"What kind of event it was: {', '.join(get_args(EventKind))}.")
    date_note: str | None = Field(default=None, description="How the date was worked out, when it was.")
    summary: str = Field(description="The event in the site's own words (markdown).")
    url: str = Field(description="The event's entry on the site.")
    sources: list[Citation] = Field(description="The passages the event rests on: a source id and its exact words.")


class DisputePositions(Record):
    """Each side's stated position on one dispute, every statement with its passages."""

    dispute: Slug
    title: str
    url: str
    positions: Positions
    other_positions: list[OtherPosition]


class CslDate(Record):
    """A CSL-JSON date-variable, structured form."""

    date_parts: list[list[int]] = Field(alias="date-parts", min_length=1, max_length=2)
    circa: bool | None = None
    edtf: str = Field(description="The same date as EDTF, as the site records it.")


class CslItem(Record):
    """One source as a CSL-JSON item (the fields of the CSL 1.0 input schema this site uses)."""

    id: Slug
    type: Literal["article-newspaper", "article-magazine", "article", "webpage", "report"]
    title: str
    container_title: str = Field(alias="container-title")
    author: list[Author] | None = None
    issued: CslDate
    language: str
    URL: str | None = None
    note: str | None = None
    custom: dict[str, str] = Field(description="sha256: the archived text every quote was checked against.")


EVENT_COLUMNS = ["id", "date", "start", "end", "precision", "title", "disputes", "people", "kind",
                 "date_note", "url", "sources", "summary"]
"""events.csv: list columns are joined with "; "; `sources` holds the citations as a JSON array."""


def _first_day(p: Point) -> str:
    return f"{p.year:04d}-{p.month or 1:02d}-{p.day or 1:02d}"


def _last_day(p: Point) -> str:
    month = p.month or 12
    return f"{p.year:04d}-{month:02d}-{p.day or calendar.monthrange(p.year, month)[1]:02d}"


def date_range(d: EDTF) -> tuple[str, str]:
    """The calendar days a date at its precision spans: "2019-07" is 2019-07-01 to 2019-07-31."""
    return _first_day(d.start), _last_day(d.end or d.start)


def events(site: Site, base: str) -> list[EventRecord]:
    out = []
    for e in site.events:
        start, end = date_range(e.date)
        out.append(EventRecord.model_construct(  # from data already validated; the tests validate the output
            id=e.id, date=str(e.date), start=start, end=end, precision=e.date.precision, title=e.title,
            disputes=list(e.disputes), people=list(e.people), kind=e.kind, date_note=e.date_note,
            summary=e.body, url=event_address(base, e), sources=list(e.sources),
        ))
    return out


def events_csv(rows: list[dict[str, Any]]) -> str:
    """events.csv from events.json's entries (as dumped): list columns joined, citations as a JSON array."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EVENT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, "disputes": "; ".join(r["disputes"]), "people": "; ".join(r["people"]),
                         "date_note": r.get("date_note") or "", "sources": json.dumps(r["sources"], ensure_ascii=False)})
    return buf.getvalue()


def positions(site: Site, base: str) -> list[DisputePositions]:
    return [DisputePositions(dispute=d.id, title=d.title, url=address(base, f"disputes/{d.id}.md"), positions=d.positions,
                             other_positions=list(d.other_positions)) for d in site.disputes.values()]


def csl_date(d: EDTF) -> CslDate:
    parts = [[p.year, *([p.month] if p.month else []), *([p.day] if p.day else [])] for p in filter(None, (d.start, d.end))]
    circa = any(p.qualifier for p in filter(None, (d.start, d.end))) or None
    return CslDate(date_parts=parts, circa=circa, edtf=str(d))


def sources(site: Site) -> list[CslItem]:
    return [CslItem(id=s.id, type=s.type, title=s.title, container_title=s.container_title, author=list(s.author) or None,
                    issued=csl_date(s.issued), language=s.language, URL=s.URL, note=s.note,
                    custom={"sha256": site.archive_hashes.get(s.id, s.sha256)})
            for s in sorted(site.sources.values(), key=lambda s: s.issued.sort_key())]


def _dump(records: list[BaseModel]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json", by_alias=True, exclude_none=True) for r in records]


def _json(rows: list[dict[str, Any]]) -> str:
    """A JSON array with one entry per line: readable, diffable, and written by json's C encoder (an indent
    would switch it to the pure-Python one, several times slower at thousands of events)."""
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n"


DOWNLOADS: dict[str, tuple[str, type[BaseModel] | None]] = {
    "events.json": ("Every event: EDTF date with sortable start and end, disputes, people, summary, page and citations.", EventRecord),
    "events.csv": ("The same events, one row per event, for spreadsheets.", None),
    "positions.json": ("Japan's, South Korea's and others' stated positions on each dispute, each statement with its passages.", DisputePositions),
    "links.json": ("The cause-and-effect links between disputes, each as a source states it.", Link),
    "sources.csl.json": ("The sources as CSL-JSON, for Zotero and other reference managers.", CslItem),
}
"""File name under downloads/ -> what it holds, and the model of each entry (its schema: <name>.schema.json)."""


def csv_schema() -> dict[str, Any]:
    """events.csv's columns as a Frictionless Table Schema, from the same field descriptions as events.json's."""
    fields = EventRecord.model_fields
    kinds = {"start": "date", "end": "date", "sources": "array", "disputes": "string", "people": "string"}
    return {"fields": [{"name": c, "type": kinds.get(c, "string"), "description": fields[c].description or ""}
                       for c in EVENT_COLUMNS], "primaryKey": ["id"]}


def package(site: Site, base: str, title: str, coverage: str, version: str, sizes: dict[str, int]) -> str:
    """datapackage.json (the Frictionless Data Package descriptor): what the downloads are, how current,
    under which licence, so a reader of the files alone still knows what they hold."""
    formats = {".json": ("json", "application/json"), ".csv": ("csv", "text/csv")}
    resources = []
    for name, (what, model) in DOWNLOADS.items():
        fmt, media = formats[name[name.rindex("."):]]
        resources.append({"name": name.rsplit(".", 1)[0].replace(".", "-"), "path": name, "format": fmt, "mediatype": media,
                          "encoding": "utf-8", "bytes": sizes[name], "description": what,
                          "schema": f"{name.removesuffix('.json')}.schema.json" if model else csv_schema()})
    descriptor = {
        "name": "japan-south-korea-disputes", "title": title, "version": version, "homepage": f"{base}data/",
        "description": f"Events, positions and sources of the Japan–South Korea disputes. {coverage}",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": LICENCE_URL}],
        "sources": [{"title": s.title, "publisher": s.container_title} for s in site.sources.values()],
        "resources": resources,
    }
    return json.dumps(descriptor, indent=1, ensure_ascii=False) + "\n"


def files(site: Site, base: str, title: str = "", coverage: str = "", version: str = "") -> dict[str, str]:
    """Every download's file name and content, built from the data that built the pages."""
    rows = _dump(events(site, base))
    out = {
        "events.json": _json(rows),
        "events.csv": events_csv(rows),
        "positions.json": _json(_dump(positions(site, base))),
        "links.json": _json(_dump(site.links)),
        "sources.csl.json": _json(_dump(sources(site))),
    }
    sizes = {name: len(text.encode("utf-8")) for name, text in out.items()}
    out["datapackage.json"] = package(site, base, title, coverage, version, sizes)
    return out
