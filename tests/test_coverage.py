"""The content covers every article throughout, and every dispute page is complete or says why not."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import coverage
from macros.archive import Archive
from macros.models import MAX_QUOTE_WORDS
from macros.load import Site, load_site

from .conftest import ROOT


@pytest.fixture(scope="module")
def site(archive: Path) -> Site:
    return load_site(ROOT, Archive(archive))


def test_every_article_is_used_throughout(site: Site, archive: Path) -> None:
    report = coverage.sources(site, Archive(archive))
    assert {s.source for s in report} == set(site.sources)
    for s in report:
        assert s.passages >= 12, f"{s.source}: only {s.passages} distinct passages cited"
        assert all(q > 0 for q in s.quarters), f"{s.source}: no passage cited from some quarter {s.quarters}"
        assert s.cited_paragraphs / s.paragraphs >= 0.4, f"{s.source}: {s.cited_paragraphs}/{s.paragraphs} paragraphs cited"


def test_every_dispute_has_positions_or_names_the_gap(site: Site) -> None:
    for d in coverage.disputes(site):
        dispute = site.disputes[d.dispute]
        if d.japan == 0 or d.south_korea == 0:
            assert dispute.gaps, f"{d.dispute}: a side is silent but no gap is recorded"
        assert d.japan + d.south_korea + d.others > 0, f"{d.dispute}: no position at all"


def test_every_event_is_tagged_and_dated_honestly(site: Site) -> None:
    assert len(site.events) >= 40
    for e in site.events:
        assert e.date.year <= 2022, f"{e.id}: later than every source"
    people_in_events = {p for e in site.events for p in e.people}
    assert people_in_events <= set(site.people)


def test_the_connections_the_sources_state_are_there(site: Site) -> None:
    pairs = {(lk.cause, lk.effect) for lk in site.links}
    assert ("forced-labour", "export-controls") in pairs
    assert ("forced-labour", "gsomia") in pairs or ("export-controls", "gsomia") in pairs


def test_no_stretch_of_an_article_is_reproduced_beyond_the_quote_limit(site: Site, archive: Path) -> None:
    """Overlapping or adjacent quotes must not add up to a passage longer than one quote may be."""
    for s in coverage.sources(site, Archive(archive)):
        assert s.longest_run <= MAX_QUOTE_WORDS, f"{s.source}: quotes together reproduce {s.longest_run} consecutive words"
