"""Page renderers: each takes a Ctx and returns markdown for MkDocs to turn into HTML.

Data text always goes through `esc`; citations always through `ctx.ref`, so every
statement a renderer prints carries its footnote.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from . import charts, exports
from .dates import day_words
from .feed import FEED_LIMIT
from .load import Site
from .models import Claim, Dispute, Event, Figure
from .text import Ctx, esc, event_page, time_tag

COUNTRIES = {
    "japan": "Japan", "south-korea": "South Korea", "united-states": "United States",
    "north-korea": "North Korea", "china": "China", "russia": "Russia", None: "Analysts and others",
}
USED_BY = {"japan": "Japanese sources", "south-korea": "South Korean sources", "neutral": "Other sources", "other": "Other sources"}
GENERAL = ("", "General diplomacy")
LIST_LIMIT = 50  # events a list names one by one; past this it counts them by year and links each year's page


def _paragraphs(ctx: Ctx, claims: list[Claim]) -> str:
    return "\n\n".join(ctx.claim(c) for c in claims)


def _bullets(ctx: Ctx, claims: list[Claim]) -> str:
    return "\n".join(f"- {ctx.claim(c)}" for c in claims)


def _dispute_link(ctx: Ctx, d: Dispute) -> str:
    return f"[{esc(d.title)}]({ctx.url(f'disputes/{d.id}.md')})"


def _event_link(ctx: Ctx, e: Event) -> str:
    return f"[{esc(e.title)}]({ctx.url(event_page(e) + '#' + e.id)})"


def _events_of(site: Site, dispute_id: str) -> list[Event]:
    return [e for e in site.events if dispute_id in e.disputes]


def _silent(ctx: Ctx, what: str) -> str:
    return (
        f"!!! gap \"The sources are silent\"\n    None of this site's sources records {what}. "
        f"If you know a source that does, [add it]({ctx.url('contributing.md#add-a-source')})."
    )


# --- How current the site is ------------------------------------------------------


def _cited_by(site: Site, dispute_id: str, events: list[Event]) -> list[str]:
    """The source of each citation in a dispute's statements and its events, one entry per citation."""
    owners = {f"dispute:{dispute_id}"} | {f"event:{e.id}" for e in events}
    return [c.citation.source for c in site.citations if c.owner in owners]


def _sources_of(site: Site, dispute_id: str | None) -> list:
    """The sources a dispute's statements and events cite (all sources when no dispute is given)."""
    if dispute_id is None:
        return list(site.sources.values())
    return [site.sources[sid] for sid in dict.fromkeys(_cited_by(site, dispute_id, _events_of(site, dispute_id)))]


def window_text(site: Site, dispute_id: str | None = None, fmt=lambda d: d.display()) -> str:
    """What period the site can speak for, from its sources' dates and its latest event: never written by hand."""
    sources = sorted(_sources_of(site, dispute_id), key=lambda s: s.issued.sort_key())
    if not sources:
        return "No source covers this yet."
    first, last = sources[0].issued, sources[-1].issued
    events = _events_of(site, dispute_id) if dispute_id else site.events
    n = len(sources)
    what = "this dispute's" if dispute_id else "the site's"
    text = (f"{what[0].upper()}{what[1:]} {n} source{'s' if n != 1 else ''} "
            f"{'were' if n != 1 else 'was'} published {'between ' + fmt(first) + ' and ' if n > 1 else 'in '}"
            f"{fmt(last)}")
    if events:
        text += f"; the latest event {'it records' if dispute_id else 'they record'} is dated {fmt(events[-1].date)}"
    return text + ". Nothing later is covered until an editor adds a newer source."


def coverage_window(ctx: Ctx, dispute_id: str | None = None) -> str:
    return window_text(ctx.site, dispute_id, time_tag)


def coverage(ctx: Ctx) -> str:
    return f'<p class="coverage" markdown="span">**How current this is:** {coverage_window(ctx)}</p>'


# --- Home -------------------------------------------------------------------


def home(ctx: Ctx) -> str:
    site = ctx.site
    cards = []
    for d in site.disputes.values():
        events = _events_of(site, d.id)
        latest = (
            f"**Latest event:** {time_tag(events[-1].date)} — {_event_link(ctx, events[-1])}"
            if events else "**Latest event:** none recorded in the sources yet."
        )
        cards.append(
            f"-   ### {_dispute_link(ctx, d)}\n\n    {ctx.claim(d.summary)}\n\n"
            f"    **Status:** {ctx.claim(d.status)}\n\n    {latest}\n\n"
            f"    [{len(events)} event{'s' if len(events) != 1 else ''} · read the explainer]({ctx.url(f'disputes/{d.id}.md')})"
        )
    out = ['<div class="grid cards dispute-cards" markdown>', "", "\n\n".join(cards), "", "</div>", ""]
    out += ["## How the disputes connect { #connections }", "", connections(ctx)]
    return "\n".join(out)


def connections(ctx: Ctx, dispute_id: str | None = None) -> str:
    """The cause-and-effect links the sources state, optionally those touching one dispute: drawn as a
    diagram whose arrows lead to the cited statements listed below it (the list is the text version)."""
    site = ctx.site
    links = [(n, lk) for n, lk in enumerate(site.links, 1) if dispute_id in (None, lk.cause, lk.effect)]
    if not links:
        return "The sources state no cause-and-effect link between this dispute and another."
    diagram = charts.connections_diagram(
        {d.id: d.title for d in site.disputes.values()},
        [(n, lk.cause, lk.effect, lk.kind or "led to") for n, lk in links],
        lambda d: ctx.href(f"disputes/{d}.md"), focus=dispute_id)
    rows = []
    for n, lk in links:
        cause, effect = site.disputes[lk.cause], site.disputes[lk.effect]
        kind = f' <span class="link__kind">({esc(lk.kind)})</span>' if lk.kind else ""
        rows.append(
            f'<li class="link" id="link-{n}" markdown="span"><span class="link__pair" markdown="span">{_dispute_link(ctx, cause)} '
            f'<span class="link__arrow" aria-label="led to">→</span> {_dispute_link(ctx, effect)}{kind}</span> '
            f"{ctx.claim(lk.claim)}</li>"
        )
    figure = ('<figure class="links-diagram" tabindex="0" aria-label="Diagram of the links (scrolls sideways on small screens)">'
              f"{diagram}<figcaption>Each arrow leads to the statement, with its sources, in the list below.</figcaption></figure>\n\n"
              if diagram else "")
    return figure + '<ul class="links" markdown>\n' + "\n".join(rows) + "\n</ul>"


# --- One dispute --------------------------------------------------------------


def dispute(ctx: Ctx, dispute_id: str) -> str:
    site = ctx.site
    d = site.disputes[dispute_id]
    events = _events_of(site, d.id)
    out = [f"# {esc(d.title)}", "", f"!!! status \"Where it stands\"\n    {ctx.claim(d.status)}\n\n"
           f'    <span class="coverage">{coverage_window(ctx, d.id)}</span>', ""]
    out += ["## What it is about { #about }", "", _paragraphs(ctx, d.about), ""]

    out += ["## The two positions { #positions }", "",
            "Each government's position as the five articles report it (Japanese, South Korean and British papers, "
            "whichever reported it), every statement cited.", "",
            '<div class="grid positions" markdown>', ""]
    for side, label in (("japan", "Japan"), ("south_korea", "South Korea")):
        claims = getattr(d.positions, side)
        body = _bullets(ctx, claims) if claims else _silent(ctx, f"a stated position of {label} on this dispute")
        cls = side.replace("_", "-")
        out += [f'<section class="position position--{cls}" markdown>', "",
                f"### {label}'s position {{ #position-{cls} }}", "", body, "", "</section>", ""]
    out += ["</div>", ""]

    if d.other_positions:
        out += ["## Other voices { #other-voices }", ""]
        for op in d.other_positions:
            out += [f"**{esc(op.party)}**", "", _bullets(ctx, op.claims), ""]

    if d.facts:
        out += ["## Key facts { #facts }", "", _bullets(ctx, d.facts), ""]

    out += ["## What the sources do not say { #gaps }", ""]
    if d.gaps:
        out += ["\n".join(f"- {esc(g)}" for g in d.gaps), ""]
    out += [f"Know a source that fills a gap? [Add it]({ctx.url('contributing.md#add-a-source')}).", ""]

    terms = [site.terms[t] for t in d.contested_terms]
    if terms:
        out += ["## Contested terms { #terms }", "",
                "\n".join(f"- [{esc(t.term)}]({ctx.url('glossary.md#' + t.id)}): {ctx.claim(t.definition)}" for t in terms), ""]

    out += ["## How it connects { #connections }", "", connections(ctx, d.id), ""]
    if d.related:
        out += ["Related disputes: " + ", ".join(_dispute_link(ctx, site.disputes[r]) for r in d.related) + ".", ""]

    out += ["## Timeline { #timeline }", ""]
    out += [event_list(ctx, events) if events else "No dated events for this dispute are in the sources yet.", ""]

    people = _people_in(site, events)
    out += ["## People involved { #people }", ""]
    if people:
        out += ["\n".join(f"- [{esc(p.name)}]({ctx.url('people.md#' + p.id)}) — {ctx.claim(p.role)}" for p in people), ""]
    else:
        out += ["The sources name no one acting in this dispute's events.", ""]

    figs = [f for f in site.figures.values() if d.id in f.disputes]
    if figs:
        out += ["## Figures { #figures }", ""] + [figure(ctx, f, level=3) for f in figs]

    out += ["## Sources { #sources }", "", _sources_for(ctx, d.id, events), ""]
    out += [ctx.edit_link("data/disputes.yml")]
    return "\n".join(out)


def _people_in(site: Site, events: list[Event]):
    ids = {pid for e in events for pid in e.people}
    return sorted((site.people[i] for i in ids), key=lambda p: p.name)


def _sources_for(ctx: Ctx, dispute_id: str, events: list[Event]) -> str:
    site = ctx.site
    counts = Counter(_cited_by(site, dispute_id, events))
    if not counts:
        return "No source is cited for this dispute yet."
    rows = []
    for sid in sorted(counts, key=lambda s: site.sources[s].issued.sort_key()):
        s = site.sources[sid]
        rows.append(f"- [{esc(s.title)}]({ctx.url('sources.md#' + sid)}), *{esc(s.container_title)}*, "
                    f"{esc(s.issued.display())} — {counts[sid]} passage{'s' if counts[sid] != 1 else ''} cited")
    return "\n".join(rows)


def event_list(ctx: Ctx, events: list[Event]) -> str:
    """A compact dated list linking to each event's entry, where it is cited; by year once it grows long."""
    if len(events) <= LIST_LIMIT:
        return "\n".join(f"- {time_tag(e.date)} — {_event_link(ctx, e)}" for e in events)
    per_year: dict[int, int] = defaultdict(int)
    for e in events:
        per_year[e.date.year] += 1
    years = ", ".join(f"[{y}]({ctx.url(f'timeline/{y}.md')}) ({n})" for y, n in sorted(per_year.items()))
    latest = "\n".join(f"- {time_tag(e.date)} — {_event_link(ctx, e)}" for e in events[-5:])
    return f"{len(events)} events, by year: {years}.\n\nThe latest:\n\n{latest}"


# --- Timeline -------------------------------------------------------------------


def _filter(rows: list[tuple[str, str]]) -> list[str]:
    boxes = "".join(
        f'<label class="filter__option"><input type="checkbox" name="dispute" value="{rid or "general"}" checked> '
        f"{esc(label)}</label>"
        for rid, label in rows
    )
    return ['<form class="timeline-filter" aria-label="Filter the timeline">',
            f"<fieldset><legend>Show events about</legend>{boxes}</fieldset>",
            '<p class="filter__status" role="status" aria-live="polite"></p>',
            "</form>", ""]


def _rows(site: Site) -> list[tuple[str, str]]:
    return [(d.id, d.title) for d in site.disputes.values()] + [GENERAL]


MARKS_LIMIT = 400  # events the overview draws one by one; past this it counts them per year


def _overview(ctx: Ctx, rows: list[tuple[str, str]]) -> str:
    site = ctx.site
    if not site.events:
        return ""
    span = f"{len(site.events)} events from {site.events[0].date.year} to {site.events[-1].date.year}"
    if len(site.events) <= MARKS_LIMIT:
        chart = charts.timeline_lanes(site, rows, lambda e: ctx.href(f"{event_page(e)}#{e.id}"),
                                      lambda y: ctx.href(f"timeline/{y}.md"))
        caption = (f"{span}, one lane per dispute: a dot is an event with a known day, a bar one known only to the "
                   "month or year, approximately, or over a span. Select a mark for the event, a year for its page; "
                   "only years with events are shown, and dashed lines mark skipped years.")
    else:
        chart = charts.timeline_histogram(site, rows)
        caption = (f"{span}, counted by year, each year's bar split by dispute (an event about two disputes counts "
                   "in both); each year's events are linked below.")
    return f"{chart}<figcaption>{caption}</figcaption>"


def _filter_tags(e: Event) -> str:
    """What the timeline filter matches an event by: its disputes, or "general" when it has none."""
    return " ".join(e.disputes) or "general"


def _tags(events: list[Event]) -> str:
    return " ".join(dict.fromkeys(t for e in events for t in _filter_tags(e).split()))


def _tally(events: list[Event]) -> str:
    """How many of the events are about each set of disputes, as "a b:3|c:1": the filter counts from it."""
    sets = Counter(_filter_tags(e) for e in events)
    return "|".join(f"{k}:{n}" for k, n in sets.items())


def timeline(ctx: Ctx) -> str:
    """The way into the timeline: the overview, then each year with its events named and linked."""
    site = ctx.site
    rows = _rows(site)
    out = [*_filter(rows),
           '<figure class="overview" tabindex="0" aria-label="Overview of the events (scrolls sideways on small screens)" markdown="span">',
           _overview(ctx, rows), "</figure>", ""]
    named = len(site.events) <= 10 * LIST_LIMIT
    for year, events in site.by_year().items():
        n = f"{len(events)} event{'s' if len(events) != 1 else ''}"
        link = f"[{n} in {year}]({ctx.url(f'timeline/{year}.md')})"
        if not named:  # what the filter needs to count a year's events it does not list
            link = f'<span data-disputes="{_tags(events)}" data-tally="{_tally(events)}">{link}</span>'
        out += [f"## {year} {{ #year-{year} }}", "", link, ""]
        if named:
            out += ['<ul class="event-links" markdown>']
            out += [f'<li data-disputes="{_filter_tags(e)}" markdown="span">{time_tag(e.date)} — '
                    f"{_event_link(ctx, e)}</li>" for e in events]
            out += ["</ul>", ""]
    out += ["## How current this is { #coverage }", "", coverage_window(ctx), ""]
    return "\n".join(out)


def timeline_year(ctx: Ctx, year: int) -> str:
    """One year of the timeline: every event in full, with its citations."""
    site = ctx.site
    by_year = site.by_year()
    years = sorted(by_year)
    events = by_year.get(int(year), [])
    if not events:
        return f"No events are recorded for {year}. [Back to the timeline]({ctx.url('timeline.md')})."
    i = years.index(int(year))
    steps = [f"[← {years[i - 1]}]({ctx.url(f'timeline/{years[i - 1]}.md')})" if i else "",
             f"[All years]({ctx.url('timeline.md')})",
             f"[{years[i + 1]} →]({ctx.url(f'timeline/{years[i + 1]}.md')})" if i + 1 < len(years) else ""]
    links = " · ".join(x for x in steps if x)
    nav = f'<nav class="year-nav" aria-label="Years" markdown="span">{links}</nav>'
    bottom = f'<p class="year-nav" markdown="span">{links}</p>'  # one "Years" landmark per page
    out = [nav, "", *_filter(_rows(site))]
    for e in events:
        out += [event_entry(ctx, e), ""]
    out += [bottom]
    return "\n".join(out)


def event_entry(ctx: Ctx, e: Event) -> str:
    site = ctx.site
    tags = _filter_tags(e)
    meta = []
    if e.disputes:
        meta.append("Disputes: " + ", ".join(_dispute_link(ctx, site.disputes[d]) for d in e.disputes))
    if e.people:
        meta.append("People: " + ", ".join(f"[{esc(site.people[p].name)}]({ctx.url('people.md#' + p)})" for p in e.people))
    meta.append("Sources: " + ctx.cite(e.sources))
    edit = ctx.edit_link(site.files[f"event:{e.id}"])
    if edit:
        meta.append(edit)
    note = f'<p class="event__note" markdown="span">Date: {esc(e.date_note)}</p>\n' if e.date_note else ""
    return (
        f'<article class="event" id="{e.id}" data-disputes="{tags}" markdown>\n'
        f'<p class="event__date" markdown="span">{time_tag(e.date)} · {esc(e.kind.replace("-", " "))}</p>\n'
        f'<h2 class="event__title" markdown="span">{esc(e.title)}</h2>\n\n'
        f"{e.body}\n\n"
        f"{note}"
        f'<p class="event__meta" markdown="span">{" · ".join(meta)}</p>\n'
        "</article>"
    )


# --- People, glossary, figures, sources ---------------------------------------------


def people(ctx: Ctx) -> str:
    site = ctx.site
    by_country = defaultdict(list)
    for p in site.people.values():
        by_country[p.country].append(p)
    appears = defaultdict(list)
    for e in site.events:
        for pid in e.people:
            appears[pid].append(e)
    out = []
    for country, label in COUNTRIES.items():
        group = sorted(by_country.get(country, []), key=lambda p: p.name)
        if not group:
            continue
        out += [f"## {label} {{ #country-{country or 'other'} }}", ""]
        for p in group:
            out += [f"### {esc(p.name)} {{ #{p.id} }}", "", ctx.claim(p.role), ""]
            if appears[p.id]:
                out += ["**Appears in:**", "", event_list(ctx, appears[p.id]), ""]
            for c in p.says:
                out += [f"> “{esc(c.quote)}”{ctx.cite([c])}", ""]
    out.append(ctx.edit_link("data/people.yml"))
    return "\n".join(out)


def glossary(ctx: Ctx) -> str:
    site = ctx.site
    out = []
    for t in sorted(site.terms.values(), key=lambda t: t.term.lower().strip("'\"“”‘’")):
        badge = ' <span class="badge badge--contested">contested term</span>' if t.contested else ""
        out += [f"## {esc(t.term)} {{ #{t.id} }}", ""]
        out += [f'<p class="term__definition" markdown="span">{ctx.claim(t.definition)}{badge}</p>', ""]
        if t.wordings:
            out += ["| Used by | Wording | Sources |", "|---|---|---|"]
            out += [f"| {USED_BY[w.side]} | {esc(w.wording)} | {ctx.cite(w.sources)} |" for w in t.wordings]
            out += [""]
            sides = {w.side for w in t.wordings}
            if t.contested and not {"japan", "south-korea"} <= sides:
                missing = [USED_BY[s].lower() for s in ("japan", "south-korea") if s not in sides]
                out += [f"*No wording from {' or '.join(missing)} is recorded for this term.*", ""]
        if t.disputes:
            out += ["Disputes: " + ", ".join(_dispute_link(ctx, site.disputes[d]) for d in t.disputes), ""]
    out.append(ctx.edit_link("data/glossary.yml"))
    return "\n".join(out)


def figure(ctx: Ctx, f: Figure, level: int = 2) -> str:
    out = [f"{'#' * level} {esc(f.title)} {{ #figure-{f.id} }}", ""]
    if f.note:
        out += [esc(f.note), ""]
    points = [(s, p) for s in f.series for p in sorted(s.points, key=lambda p: p.date.sort_key())]
    notes = any(p.note for _, p in points)
    out += [f"| Series | Date | Value ({esc(f.unit)}) | Source |{' Note |' if notes else ''}",
            f"|---|---|--:|---|{'---|' if notes else ''}"]
    for s, p in points:
        note = f" {esc(p.note or '')} |" if notes else ""
        out.append(f"| {esc(s.label)} | {time_tag(p.date)} | {p.value:g} | {ctx.cite([p.source])} |{note}")
    chart = charts.line_chart(f)
    if chart:
        out += ["", f'<figure class="figure-chart" markdown="span">{chart}</figure>']
    return "\n".join(out) + "\n"


def figures(ctx: Ctx) -> str:
    return "\n".join(figure(ctx, f) for f in ctx.site.figures.values()) + "\n" + ctx.edit_link("data/figures.yml")


def sources(ctx: Ctx) -> str:
    site = ctx.site
    by_source: dict[str, list] = defaultdict(list)
    for c in site.citations:
        by_source[c.citation.source].append(c)
    out = []
    if site.verified:
        out += [f"!!! success \"Quotes verified\"\n    Every quoted passage on this site ({len(site.citations)} citations) "
                "was checked, when this site was built, against the archived text of its source, "
                "whose SHA-256 is listed below.", ""]
    else:
        out += ["!!! warning \"Quotes not verified in this build\"\n    This copy of the site was built without "
                "the source archive, so its quotes were not checked against the articles. "
                "The published site is always built with the archive.", ""]
    for s in sorted(site.sources.values(), key=lambda s: s.issued.sort_key()):
        # Family name first, as in a bibliography: it also keeps Korean and Japanese names in their own order.
        authors = "; ".join(f"{esc(a.family)}, {esc(a.given)}" for a in s.author) or "no byline in the text"
        cites = by_source[s.id]
        # In the timeline's order (a set's order changes from run to run, and same-date events would follow it).
        citing = {c.owner.split(":", 1)[1] for c in cites if c.owner.startswith("event:")}
        events = [e for e in site.events if e.id in citing]
        disputes = sorted({c.owner.split(":", 1)[1] for c in cites if c.owner.startswith("dispute:")})
        pages = [_dispute_link(ctx, site.disputes[d]) for d in disputes]
        for kind, label, target in (("person", "People", "people.md"), ("term", "Glossary", "glossary.md"),
                                    ("figure", "Figures", "figures.md"), ("link", "How the disputes connect", "index.md#connections")):
            if any(c.owner.startswith(kind + ":") for c in cites):
                pages.append(f"[{label}]({ctx.url(target)})")
        out += [
            f"## {esc(s.title)} {{ #{s.id} }}", "",
            f"- **Publisher:** {esc(s.container_title)}",
            f"- **Author:** {authors}",
            f"- **Issued:** {time_tag(s.issued)}",
            f"- **Language:** {esc(s.language)}",
            f"- **Id:** `{s.id}`",
            f"- **Archived text SHA-256:** <code class=\"hash\">{s.sha256}</code>",
        ]
        if s.URL:
            out.append(f"- **Address:** <{esc(s.URL)}>")
        if s.note:
            out.append(f"- **Note:** {esc(s.note)}")
        out += ["", f"**Cited {len(cites)} times** ({len({' '.join(c.citation.quote.split()) for c in cites})} distinct passages)"
                + (" on: " + ", ".join(pages) if pages else "") + ".", ""]
        if events:
            out += ["**Events that cite it:**", "", event_list(ctx, events), ""]
    out.append(ctx.edit_link("data/sources.yml"))
    return "\n".join(out)


# --- Data -------------------------------------------------------------------------


def _size(text: str) -> str:
    n = len(text.encode("utf-8"))
    return f"{n / 1000:.0f} kB" if n >= 10_000 else f"{n / 1000:.1f} kB"


def downloads(ctx: Ctx, files: dict[str, str], updated: datetime.date, site_name: str) -> str:
    """The Data page: every download with its size, entry count and schema, how current it is, how to cite it."""
    site = ctx.site
    counts = {"events.json": f"{len(site.events)} events", "events.csv": f"{len(site.events)} rows",
              "positions.json": f"{len(site.disputes)} disputes", "links.json": f"{len(site.links)} links",
              "sources.csl.json": f"{len(site.sources)} sources"}
    rows = ["| File | What it holds | Entries | Size | Schema |", "|---|---|---|---|---|"]
    for name, (what, model) in exports.DOWNLOADS.items():
        schema = (f'<a href="{ctx.asset("downloads/" + name.removesuffix(".json") + ".schema.json")}">JSON Schema</a>'
                  if model else "[columns below](#events-csv)")
        rows.append(f'| <a href="{ctx.asset("downloads/" + name)}" download>{name}</a> | {esc(what)} | {counts[name]} '
                    f"| {_size(files[name])} | {schema} |")
    fields = exports.EventRecord.model_fields
    columns = [f"- `{c}`: {esc(fields[c].description or '')}" for c in exports.EVENT_COLUMNS]
    version = day_words(updated)
    return "\n".join([
        "## Downloads { #downloads }", "",
        "Everything the pages show, as files to reuse. They are rebuilt with the site, from the same data "
        "files, every time it is published.", "",
        *rows, "",
        f"**How current this is:** {coverage_window(ctx)}", "",
        f'<a href="{ctx.asset("downloads/datapackage.json")}">datapackage.json</a> describes them all (a '
        '<a href="https://datapackage.org/">Data Package</a> descriptor: files, formats, schemas, licence, version), '
        "for tools that read one.", "",
        "## Follow new events { #feed }", "",
        f'The <a href="{ctx.asset("feed.xml")}">Atom feed</a> has one entry per event, newest first '
        f"(the {FEED_LIMIT} most recent; every event is in events.json), each filed under its disputes. "
        "Any feed reader can follow it.", "",
        "## The CSV columns { #events-csv }", "",
        "One row per event. Lists (disputes, people) are joined with “; ”; `sources` holds the event's "
        "citations as a JSON array of `{\"source\", \"quote\"}`, as in `events.json`.", "",
        *columns, "",
        "## How to cite the data { #cite }", "",
        f"> {esc(site_name)}. *Events, positions and sources of the Japan–South "
        f"Korea disputes* [data set], version of {version}. {esc(ctx.base)}data/", "",
        "Each page also has its own citation, at its foot.", "",
        "## Licence { #licence }", "",
        f"The site's own words and data (its summaries and statements, the way the data is organised, and these "
        f'downloads) may be reused under <a href="{exports.LICENCE_URL}">{exports.LICENCE}</a>: '
        "copy and adapt them, crediting this site. The quoted passages are not the site's: each is a few words of a "
        "news article, quoted so that a statement can be checked, and remains its publisher's.", "",
        f"Quotes were checked against the archived articles when this site was built: "
        f'<a href="{ctx.asset("verification.json")}">verification.json</a> lists each article\'s SHA-256 and a digest '
        "of every passage quoted from it.", "",
    ])

