"""How much of each source the site uses, and what each dispute page has: a report in numbers.

A source counts as used "throughout" when quotes come from every quarter of it,
not just its opening paragraphs.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .archive import Archive, normalise
from .load import Site


@dataclass
class SourceCoverage:
    source: str
    citations: int
    passages: int
    paragraphs: int
    cited_paragraphs: int
    quarters: tuple[int, int, int, int]  # cited paragraphs in each quarter of the article
    quoted_share: float  # fraction of the article's characters that appear in some quote on the site
    longest_run: int  # words in the longest stretch of the article that overlapping quotes reproduce


@dataclass
class DisputeCoverage:
    dispute: str
    events: int
    japan: int
    south_korea: int
    others: int
    facts: int
    gaps: int


def sources(site: Site, archive: Archive) -> list[SourceCoverage]:
    out = []
    for sid in site.sources:
        raw = archive.path(sid).read_text(encoding="utf-8")
        paras = [normalise(p) for p in raw.splitlines() if p.strip()]
        starts, offset = [], 0
        for p in paras:
            starts.append(offset)
            offset += len(p) + 1
        text = " ".join(paras)
        quotes = {normalise(c.citation.quote) for c in site.citations if c.citation.source == sid}
        hit = set()
        covered = bytearray(len(text))
        for q in quotes:
            at = text.find(q)
            while at >= 0:
                hit.update(range(bisect.bisect_right(starts, at) - 1, bisect.bisect_right(starts, at + len(q) - 1)))
                covered[at:at + len(q)] = b"\x01" * len(q)
                at = text.find(q, at + 1)
        n = len(paras)
        quarters = tuple(sum(1 for i in hit if min(3, 4 * i // max(n, 1)) == k) for k in range(4))
        runs = [len(run.split()) for run in _runs(text, covered)]
        out.append(SourceCoverage(sid, sum(c.citation.source == sid for c in site.citations), len(quotes), n, len(hit),
                                  quarters, sum(covered) / max(len(text), 1), max(runs, default=0)))
    return out


def _runs(text: str, covered: bytearray) -> list[str]:
    """The stretches of text that quotes cover without a break."""
    runs, start = [], None
    for i, flag in enumerate([*covered, 0]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append(text[start:i])
            start = None
    return runs


def disputes(site: Site) -> list[DisputeCoverage]:
    return [
        DisputeCoverage(d.id, sum(d.id in e.disputes for e in site.events), len(d.positions.japan),
                        len(d.positions.south_korea), sum(len(o.claims) for o in d.other_positions), len(d.facts), len(d.gaps))
        for d in site.disputes.values()
    ]


def report(site: Site, archive: Archive) -> str:
    lines = ["Sources: citations, distinct passages, paragraphs cited (of all), cited paragraphs per quarter,",
             "         share of the article quoted on the site, longest stretch reproduced by overlapping quotes"]
    for s in sources(site, archive):
        pct = 100 * s.cited_paragraphs / max(s.paragraphs, 1)
        lines.append(f"  {s.source:28} {s.citations:4} citations {s.passages:4} passages "
                     f"{s.cited_paragraphs:3}/{s.paragraphs:<3} paragraphs ({pct:3.0f}%)  quarters {'/'.join(map(str, s.quarters))}  "
                     f"quoted {100 * s.quoted_share:3.0f}%  longest run {s.longest_run} words")
    lines.append("Disputes: events, position claims (Japan / South Korea / others), key facts, gaps")
    for d in disputes(site):
        silent = [side for side, n in (("Japan", d.japan), ("South Korea", d.south_korea)) if n == 0]
        note = f"  (sources silent on: {', '.join(silent)})" if silent else ""
        lines.append(f"  {d.dispute:18} {d.events:3} events  positions {d.japan}/{d.south_korea}/{d.others}  "
                     f"{d.facts:2} facts  {d.gaps:2} gaps{note}")
    lines.append(f"Totals: {len(site.events)} events, {len(site.citations)} citations, {len(site.people)} people, "
                 f"{len(site.terms)} glossary terms, {len(site.links)} links, {len(site.figures)} figures")
    return "\n".join(lines)
