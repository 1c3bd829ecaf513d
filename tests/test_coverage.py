"""The content covers every article throughout, and every dispute page is complete or says why not."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from macros import ceilings, coverage
from macros.archive import Archive, Article, tokens
from macros.models import MAX_QUOTE_WORDS
from macros.load import Site, load_site

from .conftest import ROOT

ARTICLES = ["asahi-2019", "ft-2022-06", "hankyoreh-2021-05-06", "japan-times-2020-11-20", "korea-herald-2014-09-15"]


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


def test_every_article_is_cited_in_brief_anchors_within_the_ceilings(site: Site, archive: Path) -> None:
    for s in coverage.sources(site, Archive(archive), ROOT):
        assert s.quoted_share <= ceilings.MAX_SHARE, f"{s.source}: {100 * s.quoted_share:.1f}% of the article is quoted"
        assert s.longest_run <= ceilings.MAX_STRETCH, f"{s.source}: quotes together reproduce {s.longest_run} consecutive words"
    lengths = [len(c.citation.quote.split()) for c in site.citations]
    assert max(lengths) <= MAX_QUOTE_WORDS and sum(lengths) / len(lengths) <= 12, "quotes are excerpts, not anchors"


def test_no_file_in_the_repository_holds_a_long_stretch_of_an_article(archive: Path) -> None:
    """An independent count: whatever a file is (data, pages, tests, schemas), no run of an article over the stretch ceiling."""
    n = ceilings.MAX_STRETCH + 1
    grams = {sid: Article((archive / f"{sid}.txt").read_text(encoding="utf-8")).grams(n) for sid in ARTICLES}
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for rel in tracked:
        try:
            words = tokens((ROOT / rel).read_text(encoding="utf-8"))
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        for sid, g in grams.items():
            hit = next((i for i in range(len(words) - n + 1) if tuple(words[i:i + n]) in g), None)
            assert hit is None, f"{rel} holds {n}+ consecutive words of {sid}: {' '.join(words[hit:hit + n])}"


def test_copied_prose_is_found_as_a_look_at_every_run_would_find_it(archive: Path) -> None:
    """The copied-prose scan looks up a short run in every few words first; it must report exactly the runs
    that looking up every n-word run reports, on prose mixing copied stretches of every length with own words."""
    articles = {sid: Archive(archive).article(sid) for sid in ARTICLES}
    n = ceilings.MAX_ECHO + 1
    index = ceilings._GramIndex.of(articles, n)

    def every_run(prose: str) -> list[ceilings.Echo]:
        words, out, i = tokens(ceilings._QUOTED_IN_PROSE.sub(" | ", prose)), [], 0
        while i <= len(words) - n:
            sid = index.grams.get(tuple(words[i:i + n]))
            if sid is None:
                i += 1
                continue
            j = i + n
            while j < len(words) and index.grams.get(tuple(words[j - n + 1:j + 1])) == sid:
                j += 1
            out.append(ceilings.Echo(sid, j - i, " ".join(words[i:j])))
            i = j
        return out

    rng, found = random.Random(8), 0
    for _ in range(400):
        parts = []
        for _ in range(rng.randint(1, 4)):
            article = articles[rng.choice(ARTICLES)]
            start = rng.randrange(len(article.tokens))
            parts += [" ".join(article.tokens[start:start + rng.randint(3, 2 * n)]), rng.choice(["and", "", "we say", '"quoted words"'])]
        prose = " ".join(parts)
        assert ceilings._echoes(index, prose) == every_run(prose), prose
        found += len(every_run(prose))
    assert found > 100, "the prose made should hold many copied runs"
