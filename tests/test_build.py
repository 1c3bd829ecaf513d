"""The real site, built with `mkdocs build --strict`, checked page by page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from macros.adapter import quote_digest
from macros.archive import Archive, normalise
from macros.load import Site, load_site
from macros.models import MAX_QUOTE_WORDS

from .conftest import EDIT_BASE, ROOT

NOTE = re.compile(r'<li id="fn:(c\d+)">(.*?)</li>', re.S)
PASSAGE = re.compile(r'<p>“(.*?)” — <a href="(?:[./]*sources/|\./)#([a-z0-9-]+)">', re.S)  # “a” · “b” — one source
MARKER = re.compile(r'<sup id="fnref\d*:(c\d+)">')
EVENT_ARTICLE = re.compile(r'<article\b[^>]*\bclass="event"[^>]*>')
# A canonical or alternate <link> names an address without loading it; any other element with a full URL would load it.
EXTERNAL_RESOURCE = re.compile(r'<(?:script|img|iframe|source|video|audio|link(?![^>]*\brel="(?:canonical|alternate)"))\b'
                               r'[^>]*\b(?:src|href)="(?:https?:)?//', re.I)


@pytest.fixture(scope="module")
def site(archive: Path) -> Site:
    return load_site(ROOT, Archive(archive))


def page(built: Path, path: str) -> str:
    return (built / path / "index.html").read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def footnotes(doc: str) -> list[tuple[str, str, str]]:
    """Every passage of every note on a page, as (note, quote, source id)."""
    return [(n, html.unescape(q), sid) for n, body in NOTE.findall(doc) for quotes, sid in PASSAGE.findall(body)
            for q in quotes.split("” · “")]


def test_build_uses_the_archive(site: Site) -> None:
    assert site.verified, "the build test must verify quotes"


@pytest.mark.parametrize("dispute_id", ["forced-labour", "comfort-women", "export-controls", "fukushima-water", "gsomia"])
def test_dispute_page(built_site: Path, site: Site, archive: Path, dispute_id: str) -> None:
    doc = page(built_site, f"disputes/{dispute_id}")
    d = site.disputes[dispute_id]
    assert f"<h1" in doc and text_of(re.search(r"<h1[^>]*>(.*?)</h1>", doc, re.S).group(1)).startswith(d.title)
    for cls, label, claims in (("japan", "Japan", d.positions.japan), ("south-korea", "South Korea", d.positions.south_korea)):
        section = re.search(rf'<section class="position position--{cls}">(.*?)</section>', doc, re.S)
        assert section, f"{label}'s position is missing"
        body = section.group(1)
        if claims:
            assert body.count('class="footnote-ref"') >= len(claims), f"{label}'s position claims are not all cited"
        else:
            assert "The sources are silent" in body
    events = [e for e in site.events if dispute_id in e.disputes]
    timeline = doc.split('id="timeline"', 1)[1]
    for e in events:
        assert f'timeline/{e.date.year}/#{e.id}"' in timeline, f"{e.id} missing from the {dispute_id} timeline"
    assert 'id="sources"' in doc
    notes = footnotes(doc)
    assert notes and len({n for n, _, _ in notes}) == doc.count('<li id="fn:')
    for _n, quote, sid in notes:
        assert normalise(quote) in Archive(archive).read(sid), f"footnote quote not in {sid}: {quote}"
        assert len(quote.split()) <= MAX_QUOTE_WORDS


def test_every_footnote_on_every_page_is_verified(built_site: Path, archive: Path) -> None:
    a = Archive(archive)
    total = 0
    for path in built_site.rglob("*.html"):
        doc = path.read_text(encoding="utf-8")
        notes = footnotes(doc)
        assert len({n for n, _, _ in notes}) == doc.count('<li id="fn:'), f"unparsed footnotes in {path}"
        for _n, quote, sid in notes:
            assert normalise(quote) in a.read(sid), f"{path}: {quote!r} not in {sid}"
        total += len(notes)
    assert total > 0


def test_every_statement_has_one_marker_and_markers_never_run_together(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        doc = path.read_text(encoding="utf-8")
        assert not re.search(r"</sup>\s*<sup", doc), f"{path}: footnote markers run together"
        first_use = list(dict.fromkeys(MARKER.findall(doc)))
        assert first_use == [f"c{i}" for i in range(1, len(first_use) + 1)], f"{path}: notes not numbered in order"


def test_lists_of_events_link_to_them_without_citations_of_their_own(built_site: Path, site: Site) -> None:
    people = page(built_site, "people")
    for block in re.findall(r"<p><strong>Appears in:</strong></p>\s*<ul>(.*?)</ul>", people, re.S):
        assert "footnote-ref" not in block
    sources = page(built_site, "sources")
    lists = re.findall(r"<p><strong>Events that cite it:</strong></p>\s*<ul>(.*?)</ul>", sources, re.S)
    assert len(lists) == len(site.sources) and not any("footnote-ref" in b for b in lists)
    for e in site.events:
        assert any(f"timeline/{e.date.year}/#{e.id}" in b for b in lists), f"the sources page does not list {e.id}"
    for d in site.disputes:
        timeline = page(built_site, f"disputes/{d}").split('id="timeline"', 1)[1].split("<h2", 1)[0]
        assert "footnote-ref" not in timeline


def test_timeline_lists_every_event_once_on_its_years_page(built_site: Path, site: Site) -> None:
    index = page(built_site, "timeline")
    assert "<svg" in index and 'aria-labelledby="overview-title overview-desc"' in index
    years = sorted({e.date.year for e in site.events})
    articles = {}
    for year in years:
        assert f'href="{year}/"' in index, f"the timeline does not link {year}"
        articles[year] = EVENT_ARTICLE.findall(page(built_site, f"timeline/{year}"))
    for e in site.events:
        assert sum(f'id="{e.id}"' in tag for tag in articles[e.date.year]) == 1, e.id
        assert f'href="{e.date.year}/#{e.id}"' in index, f"the timeline does not link {e.id}"
    assert sum(len(a) for a in articles.values()) == len(site.events)


def test_home_has_a_card_per_dispute_and_the_connections(built_site: Path, site: Site) -> None:
    doc = (built_site / "index.html").read_text(encoding="utf-8")
    for d in site.disputes.values():
        assert f'href="disputes/{d.id}/"' in doc
    assert 'id="connections"' in doc and doc.count('class="link"') == len(site.links)


def test_sources_page_lists_every_source_with_what_cites_it(built_site: Path, site: Site) -> None:
    doc = page(built_site, "sources")
    for s in site.sources.values():
        assert f'id="{s.id}"' in doc and s.sha256 in doc
    assert "Quotes verified" in doc


def test_people_and_glossary_have_every_entry(built_site: Path, site: Site) -> None:
    people, glossary = page(built_site, "people"), page(built_site, "glossary")
    assert all(f'id="{p}"' in people for p in site.people)
    assert all(f'id="{t}"' in glossary for t in site.terms)


def test_nothing_is_loaded_from_another_host(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        found = EXTERNAL_RESOURCE.search(path.read_text(encoding="utf-8"))
        assert not found, f"{path} loads {found.group(0)}"
    css = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_no_raw_template_or_unescaped_data_leaks(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        doc = re.sub(r"<code>.*?</code>", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert "{{" not in doc and "{%" not in doc, f"unrendered template syntax in {path}"
        assert "&amp;#" not in doc, f"double-escaped text in {path}"
        assert "Macro Rendering Error" not in doc


def test_edit_links_point_at_the_data_an_editor_changes(built_site: Path, site: Site) -> None:
    dispute = page(built_site, "disputes/gsomia")
    assert f'href="{EDIT_BASE}/data/disputes.yml" title="Edit this page"' in dispute
    assert f'href="{EDIT_BASE}/data/people.yml" title="Edit this page"' in page(built_site, "people")
    assert f'href="{EDIT_BASE}/docs/about.md" title="Edit this page"' in page(built_site, "about")
    for e in site.events:
        year_page = page(built_site, f"timeline/{e.date.year}")
        assert f'href="{EDIT_BASE}/{site.files["event:" + e.id]}"' in year_page, f"no edit link for {e.id}"


def test_build_records_which_archived_texts_verified_which_quotes(built_site: Path, site: Site) -> None:
    import json

    manifest = json.loads((built_site / "verification.json").read_text(encoding="utf-8"))
    assert manifest["verified"] is True
    for sid, src in site.sources.items():
        assert manifest["sources"][sid]["sha256"] == src.sha256
    for sid in site.sources:
        digests = {quote_digest(c.citation.quote) for c in site.citations if c.citation.source == sid}
        assert digests == set(manifest["sources"][sid]["quotes"])
    published = (built_site / "verification.json").read_text(encoding="utf-8")
    long_enough = [c.citation.quote for c in site.citations if len(c.citation.quote.split()) >= 3]  # "72" is in a digest
    assert not any(q in published for q in long_enough), "the manifest must not republish quotes"


def test_how_current_the_site_is_shows_where_readers_decide_and_follows_the_data(built_site: Path, site: Site) -> None:
    dates = sorted(site.sources.values(), key=lambda s: s.issued.sort_key())
    first, last, latest = dates[0].issued, dates[-1].issued, site.events[-1].date
    window = (f'published between <time datetime="{first.iso_hint()}">{first.display()}</time> and '
              f'<time datetime="{last.iso_hint()}">{last.display()}</time>; the latest event they record is dated '
              f'<time datetime="{latest.iso_hint()}">{html.escape(latest.display())}</time>')
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert window in home and home.index(window) < home.index('class="grid cards'), "the home page opens with it"
    timeline = page(built_site, "timeline")
    assert window in timeline.split('id="coverage"', 1)[1], "the timeline ends with it"
    for d in site.disputes:
        box = page(built_site, f"disputes/{d}").split("Where it stands", 1)[1].split("</div>", 1)[0]
        assert 'class="coverage"' in box and "Nothing later is covered" in box, f"{d}: no coverage in Where it stands"


def test_the_links_are_drawn_and_every_arrow_and_box_leads_somewhere(built_site: Path, site: Site) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg class="chart chart--links".*?</svg>', home, re.S).group(0)
    assert 'aria-labelledby="links-title links-desc"' in svg and "<desc" in svg
    arrows = re.findall(r'<a href="#(link-\d+)" class="links__arrow">', svg)
    assert sorted(arrows) == sorted(f"link-{n}" for n in range(1, len(site.links) + 1))
    assert all(f'id="{a}"' in home for a in arrows), "an arrow leads to no statement"
    for href in re.findall(r'<a href="([^"#]+)" class="links__node', svg):
        assert (built_site / href / "index.html").is_file(), f"a box links to {href}, which does not exist"
    for d in site.disputes:
        doc = page(built_site, f"disputes/{d}")
        touching = [lk for lk in site.links if d in (lk.cause, lk.effect)]
        drawn = re.search(r'<svg class="chart chart--links".*?</svg>', doc, re.S)
        assert bool(drawn) == bool(touching), f"{d}: its neighbourhood diagram is {'missing' if touching else 'extra'}"
        if drawn:
            assert len(re.findall(r'class="links__arrow"', drawn.group(0))) == len(touching)
            for href in re.findall(r'<a href="([^"#]+)" class="links__node', drawn.group(0)):
                assert (built_site / "disputes" / d / href / "index.html").resolve().is_file(), f"{d}: box links to {href}"


def test_the_overview_draws_every_event_as_a_mark_linking_to_it(built_site: Path, site: Site) -> None:
    svg = re.search(r'<svg class="chart chart--lanes".*?</svg>', page(built_site, "timeline"), re.S).group(0)
    for e in site.events:
        lanes = len(e.disputes) or 1
        marks = re.findall(rf'<a href="{e.date.year}/#{re.escape(e.id)}"><title>(.*?)</title>(<circle|<rect)', svg)
        assert len(marks) == lanes, f"{e.id}: {len(marks)} marks for {lanes} lanes"
        precise = e.date.end is None and e.date.start.day is not None and not e.date.start.qualifier
        assert all(shape == ("<circle" if precise else "<rect") for _, shape in marks), f"{e.id}: wrong kind of mark"


def test_the_first_use_of_a_term_on_a_page_explains_it_and_links_its_entry(built_site: Path, site: Site) -> None:
    glossary = page(built_site, "glossary")
    assert 'class="term"' not in glossary
    seen = 0
    for path in built_site.rglob("index.html"):
        doc = path.read_text(encoding="utf-8")
        terms = re.findall(r'<a class="term" href="[./]*glossary/#([a-z0-9-]+)" title="([^"]+)">', doc)
        ids = [t for t, _ in terms]
        assert len(ids) == len(set(ids)), f"{path}: a term explained twice"
        for region in re.findall(r"<(?:form|nav|svg|h[1-6])\b.*?</(?:form|nav|svg|h[1-6])>", doc, re.S):
            assert 'class="term"' not in region, f"{path}: a term link inside a control, heading or drawing"
        for tid, tip in terms:
            term = site.terms[tid]
            assert f'id="{tid}"' in glossary and html.unescape(tip).startswith("Contested term." if term.contested else term.definition.text[:20])
        seen += len(ids)
    assert seen > 10
    comfort = page(built_site, "disputes/comfort-women")
    assert re.search(r'<a class="term" href="../../glossary/#comfort-women" title="Contested term\.[^"]*Japanese sources: [^"]*South Korean sources: ', comfort)
