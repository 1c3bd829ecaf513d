"""Renderers on the fixture data, without MkDocs."""

from __future__ import annotations

import re

import pytest

from macros import pages
from macros.archive import Archive
from macros.dates import parse
from macros.load import Site, load_site
from macros.text import Ctx, esc

from .conftest import FIXTURE


@pytest.fixture(scope="module")
def site(archive) -> Site:
    return load_site(FIXTURE, Archive(archive))


def test_footnotes_are_numbered_per_page_and_reused(site: Site) -> None:
    ctx = Ctx(site, "disputes/forced-labour.md")
    md = pages.dispute(ctx, "forced-labour")
    refs = re.findall(r"\[\^c(\d+)\]", md)
    assert refs and set(map(int, refs)) == set(range(1, len(ctx.notes) + 1))
    notes = ctx.footnotes()
    assert notes.count("[^c") == len(ctx.notes)
    assert "](../sources.md#hankyoreh-2021-05-06)" in notes


def test_silent_side_is_said_plainly(site: Site) -> None:
    md = pages.dispute(Ctx(site, "disputes/forced-labour.md"), "forced-labour")
    assert "The sources are silent" in md and "a stated position of South Korea" in md
    assert "Japan&#39;s government holds" in md or "Japan's government holds" in md


def test_links_are_relative_to_the_page(site: Site) -> None:
    assert Ctx(site, "disputes/gsomia.md").url("timeline.md#x") == "../timeline.md#x"
    assert Ctx(site, "index.md").url("disputes/gsomia.md") == "disputes/gsomia.md"


def test_links_in_raw_html_are_final_addresses_unless_the_engine_rewrites_them(site: Site) -> None:
    assert Ctx(site, "timeline.md").href("timeline/2021.md#x") == "2021/#x"
    assert Ctx(site, "disputes/gsomia.md").href("glossary.md#t") == "../../glossary/#t"
    assert Ctx(site, "disputes/gsomia.md").href("disputes/gsomia.md") == "./"
    assert Ctx(site, "index.md").href("disputes/gsomia.md") == "disputes/gsomia/"
    assert Ctx(site, "disputes/gsomia.md", source_links=True).href("glossary.md#t") == "../glossary.md#t"


def test_timeline_groups_by_year_and_tags_disputes(site: Site) -> None:
    md = pages.timeline(Ctx(site, "timeline.md"))
    assert "## 2020 { #year-2020 }" in md and "## 2021 { #year-2021 }" in md
    assert "(timeline/2021.md)" in md and "(timeline/2021.md#2021-05-05-chung-motegi-london)" in md
    assert 'data-disputes="general"' in md
    year = pages.timeline_year(Ctx(site, "timeline/2021.md"), 2021)
    assert 'id="2021-05-05-chung-motegi-london" data-disputes="forced-labour fukushima-water"' in year
    assert '<time datetime="2021-05-05">5 May 2021</time>' in year
    assert "[← 2020](2020.md)" in year and "[All years](../timeline.md)" in year
    assert "munich" not in year


def test_long_lists_of_events_count_them_by_year(site: Site) -> None:
    events = [site.events[0]] * (pages.LIST_LIMIT + 1)
    md = pages.event_list(Ctx(site, "people.md"), events)
    assert f"{pages.LIST_LIMIT + 1} events, by year: [2020](timeline/2020.md) ({pages.LIST_LIMIT + 1})" in md
    assert md.count("](timeline/2020.md#") == 5


def test_escape_neutralises_html_and_markdown() -> None:
    out = esc('<script>alert("x")</script> [link](javascript:x) *b* {{ x }}')
    assert "<" not in out and ">" not in out and '"' not in out
    assert not re.search(r"[\[\]*{}]", out)


def test_every_renderer_runs(site: Site) -> None:
    for render in (pages.home, pages.timeline, pages.people, pages.glossary, pages.figures, pages.sources):
        assert render(Ctx(site, "x.md")).strip()
    assert "No events are recorded for 1900" in pages.timeline_year(Ctx(site, "timeline/1900.md"), 1900)


def test_a_statement_with_several_passages_gets_one_note_listing_each_in_order(site: Site) -> None:
    from macros.models import Citation, Claim

    first = Citation(source="hankyoreh-2021-05-06", quote="The first meeting in 15 months")
    second = Citation(source="hankyoreh-2021-05-06", quote="The two sides only reconfirmed their differences")
    ctx = Ctx(site, "disputes/forced-labour.md")
    md = ctx.claim(Claim(text="They met and disagreed.", sources=[first, second]))
    assert re.findall(r"\[\^c\d+\]", md) == ["[^c1]"]
    assert ctx.claim(Claim(text="The same again.", sources=[first, second])).endswith("[^c1]")
    assert ctx.claim(Claim(text="Only the meeting.", sources=[first])).endswith("[^c2]")
    notes = ctx.footnotes()
    (note_one,) = [n for n in notes.split("\n\n[^") if n.lstrip("[^").startswith("c1]")]
    assert note_one.index("The first meeting") < note_one.index("only reconfirmed")
    assert "” · “" in note_one and note_one.count("](../sources.md#hankyoreh-2021-05-06)") == 1, "one source named once"


def test_the_coverage_window_moves_when_an_editor_adds_a_newer_source(site: Site) -> None:
    from macros.load import Site as SiteData

    before = pages.coverage_window(Ctx(site, "index.md"))
    assert "Nothing later is covered" in before
    newer = next(iter(site.sources.values())).model_copy(update={"id": "newer-2025", "issued": parse("2025-01")})
    grown = SiteData(**{**site.__dict__, "sources": {**site.sources, "newer-2025": newer}})
    after = pages.coverage_window(Ctx(grown, "index.md"))
    assert '<time datetime="2025-01">January 2025</time>' in after and after != before


def test_gloss_explains_a_terms_first_use_in_prose_only(site: Site) -> None:
    from macros.text import gloss

    term = next(t for t in site.terms.values())
    marked = Site(**{**site.__dict__, "terms": {term.id: term.model_copy(update={"matches": ["forced labour"]})}})
    md = "# Forced labour\n\n[Forced labour](x.md) and `forced labour`.\n\nWhy forced labour matters; forced labour again."
    out = gloss(Ctx(marked, "disputes/forced-labour.md"), md)
    assert out.count('class="term"') == 1
    assert out.startswith("# Forced labour\n\n[Forced labour](x.md) and `forced labour`.")
    assert f'Why <a class="term" href="../../glossary/#{term.id}" title="' in out and out.endswith("; forced labour again.")


def test_gloss_finds_the_same_lines_as_its_pattern_whatever_the_case_or_letters(site: Site) -> None:
    """The lines to look at are found with str.find in the lowercased page; the pattern's own scan, where
    lowercasing could mislead (a dotted capital I lengthens the text; a long s is an s to the pattern, not to lower()),
    must agree with the linking either way."""
    from macros.text import _lines_matching, _terms_pattern, gloss

    term = next(t for t in site.terms.values())
    marked = Site(**{**site.__dict__, "terms": {term.id: term.model_copy(update={"matches": ["export controls", "Kaesong"]})}})
    phrases = ["export controls", "Kaesong"]
    pattern = _terms_pattern((tuple(phrases),))
    for md in ("Intro.\n\nEXPORT CONTROLS and Export controls.\nexport controlsx and kaesong.",
               "\u0130stanbul.\n\nThe \u212aaesong zone.\nExport Controls.",
               "No term here.\nexportcontrols."):
        expected = {md[: m.start()].count("\n") for m in pattern.finditer(md)}
        assert expected <= _lines_matching(pattern, md, phrases)
        out = gloss(Ctx(marked, "index.md"), md)
        linked = re.findall(r'<a class="term"[^>]*>([^<]*)</a>', out)
        assert linked == ([pattern.search(md).group()] if expected else [])
    assert "\u212aaesong</a>" in gloss(Ctx(marked, "index.md"), "\u0130.\nThe \u212aaesong zone.")
    assert "Kae\u017fong</a>" in gloss(Ctx(marked, "index.md"), "The Kae\u017fong zone."), "a long s is an s to the pattern"


def test_each_macro_call_carries_the_definitions_of_the_notes_it_numbered(site: Site) -> None:
    """No step after the macros is needed for the notes (Zensical has none): every marker's definition is in
    the output of the call that first used it, and no definition is written twice on a page."""
    from macros.adapter import State

    state = State(site=site)
    state.start_page("disputes/forced-labour.md")
    macros = state.macros()
    first, second = macros["dispute"]("forced-labour"), macros["home"]()
    seen: list[str] = []
    for out in (first, second):
        used = [m for m in dict.fromkeys(re.findall(r"\[\^(c\d+)\](?!:)", out)) if m not in seen]
        assert used and re.findall(r"^\[\^(c\d+)\]:", out, re.M) == used, "a call defines the notes it used first, in order"
        seen += used
    assert len(re.findall(r"^\[\^c\d+\]:", first + second, re.M)) == len(state.ctx.notes)
    assert state.finish_page(first + second).count("[^c1]:") == 1, "finishing the page adds no notes"


def test_gloss_leaves_footnote_definitions_alone(site: Site) -> None:
    from macros.text import gloss

    term = next(t for t in site.terms.values())
    marked = Site(**{**site.__dict__, "terms": {term.id: term.model_copy(update={"matches": ["forced labour"]})}})
    md = "[^c1]: “forced labour” — a source.\n\n    “forced labour” — another source.\n\nThen forced labour, in prose."
    out = gloss(Ctx(marked, "disputes/forced-labour.md"), md)
    assert out.count('class="term"') == 1 and out.startswith(md.rsplit("\n\n", 1)[0])


def test_a_timeline_too_long_to_mark_each_event_counts_them_per_year_by_dispute(site: Site) -> None:
    """Past MARKS_LIMIT events the overview is a bar per year, split by dispute; past the list limit the
    years are linked, not listed, and each link says how many of its events are about which disputes, for
    the filter to count them."""
    from macros import charts
    from macros.dates import parse

    n = max(pages.MARKS_LIMIT, 10 * pages.LIST_LIMIT) // len(site.events) + 1
    events = [e.model_copy(update={"id": f"{e.id}-{k}", "date": parse(str(1900 + 3 * k))}) for k in range(n) for e in site.events]
    big = Site(**{**site.__dict__, "events": sorted(events, key=lambda e: e.date.sort_key()), "_years": {}, "_by_id": {}})
    md = pages.timeline(Ctx(big, "timeline.md"))
    chart = md[md.index("<svg"):md.index("</svg>")]
    rows = pages._rows(big)
    per_row_year = {(d or "", e.date.year) for e in events for d in (e.disputes or [""])}
    assert chart.count("<rect") == len(per_row_year)
    assert f"{1900} to {1900 + 3 * (n - 1)}" in chart and 'role="img"' in chart
    assert md.count('<span class="chart__key"') == len(rows)
    tallies = re.findall(r'data-tally="([^"]*)">\[', md)
    counted = [int(part.rsplit(":", 1)[1]) for tally in tallies for part in tally.split("|")]
    assert len(tallies) == len(big.by_year()) and sum(counted) == len(events)
    assert "<li data-disputes" not in md
    assert charts._step(97, 5) == 20 and charts._step(8.5, 1) == 10
