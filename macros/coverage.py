"""How much of each source the site uses, and what each dispute page has: a report in numbers.

A source counts as used "throughout" when quotes come from every quarter of it,
not just its opening paragraphs; how much of it is quoted is measured by `ceilings`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import ceilings
from .archive import Archive
from .load import Site, project_quotes

_STATEMENT = re.compile(r"\.?sources\.\d+$")


@dataclass
class SourceCoverage:
    source: str
    citations: int
    passages: int
    paragraphs: int
    cited_paragraphs: int
    quarters: tuple[int, int, int, int]  # cited paragraphs in each quarter of the article
    usage: ceilings.Usage  # words quoted across the project, and the longest merged stretch

    @property
    def quoted_share(self) -> float:
        return self.usage.share

    @property
    def longest_run(self) -> int:
        return self.usage.longest.words if self.usage.longest else 0


@dataclass
class DisputeCoverage:
    dispute: str
    events: int
    japan: int
    south_korea: int
    others: int
    facts: int
    gaps: int


def sources(site: Site, archive: Archive, root: Path | None = None) -> list[SourceCoverage]:
    """Per source; with `root`, the pages' worked examples count too, as they do for the ceilings."""
    articles = {sid: archive.article(sid) for sid in site.sources}
    usage = ceilings.measure(articles, project_quotes(root, site) + ceilings.prose_quotes(site, articles))
    out = []
    for sid, article in articles.items():
        n = len(article.paragraph_starts)
        spans = [span for c in site.citations if c.citation.source == sid for span in article.spans(c.citation.quote)]
        hit = {p for a, b in spans for p in range(article.paragraph_of(a) - 1, article.paragraph_of(b))}
        quarters = tuple(sum(1 for i in hit if min(3, 4 * i // max(n, 1)) == k) for k in range(4))
        distinct = {" ".join(c.citation.quote.split()) for c in site.citations if c.citation.source == sid}
        out.append(SourceCoverage(sid, sum(c.citation.source == sid for c in site.citations), len(distinct), n, len(hit),
                                  quarters, usage[sid]))
    return out


def statements(site: Site) -> Counter[int]:
    """How many passages each cited statement rests on, as {passages: statements}."""
    per: Counter[tuple[str, str]] = Counter((c.owner, _STATEMENT.sub("", c.field)) for c in site.citations)
    return Counter(per.values())


def disputes(site: Site) -> list[DisputeCoverage]:
    return [
        DisputeCoverage(d.id, sum(d.id in e.disputes for e in site.events), len(d.positions.japan),
                        len(d.positions.south_korea), sum(len(o.claims) for o in d.other_positions), len(d.facts), len(d.gaps))
        for d in site.disputes.values()
    ]


def report(site: Site, archive: Archive, root: Path | None = None) -> str:
    lines = [f"Sources: share of the article's words quoted anywhere in the project (ceiling {100 * ceilings.MAX_SHARE:.0f}%), "
             f"the longest stretch of consecutive quoted words (ceiling {ceilings.MAX_STRETCH}) and where it is;",
             "         citations, distinct passages, paragraphs cited (of all), cited paragraphs per quarter"]
    for s in sources(site, archive, root):
        u, pct = s.usage, 100 * s.cited_paragraphs / max(s.paragraphs, 1)
        where = f"{u.longest.where()} in {', '.join(u.longest.files)}" if u.longest else "-"
        lines.append(f"  {s.source:24} quoted {100 * s.quoted_share:4.1f}% ({u.quoted}/{u.words} words)  "
                     f"longest {s.longest_run} words, {where}")
        lines.append(f"  {'':24} {s.citations} citations, {s.passages} passages, "
                     f"{s.cited_paragraphs}/{s.paragraphs} paragraphs ({pct:.0f}%), quarters {'/'.join(map(str, s.quarters))}")
    per = statements(site)
    total = sum(per.values())
    spread = ", ".join(f"{per[n]} on {n}" for n in sorted(per))
    lines.append(f"Statements: {total} cited, {sum(n * k for n, k in per.items()) / max(total, 1):.2f} passages each on average "
                 f"({spread} passage{'s' if len(per) > 1 else ''})")
    lines.append("Disputes: events, position claims (Japan / South Korea / others), key facts, gaps")
    for d in disputes(site):
        silent = [side for side, n in (("Japan", d.japan), ("South Korea", d.south_korea)) if n == 0]
        note = f"  (sources silent on: {', '.join(silent)})" if silent else ""
        lines.append(f"  {d.dispute:18} {d.events:3} events  positions {d.japan}/{d.south_korea}/{d.others}  "
                     f"{d.facts:2} facts  {d.gaps:2} gaps{note}")
    lines.append(f"Totals: {len(site.events)} events, {len(site.citations)} citations, {len(site.people)} people, "
                 f"{len(site.terms)} glossary terms, {len(site.links)} links, {len(site.figures)} figures")
    return "\n".join(lines)
