"""How much of each article the project quotes, and the ceilings that keep quotes brief anchors.

Counted in words of the archived text, over every quote in the project: the data's
citations, words its prose puts in quote marks, the pages' worked examples, and so
everything generated from them. A word is quoted
when any quote covers it; overlapping and adjacent quotes merge into one stretch.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .archive import Article, tokens
from .errors import Problem

if TYPE_CHECKING:
    from .load import Site

MAX_SHARE = 0.25  # a quarter of an article, in scattered anchors, is citing it; more is republishing it in pieces
MAX_STRETCH = 30  # consecutive quoted words, merged across quotes: beyond this an anchor has become an excerpt
MAX_ECHO = 9  # consecutive words of an article the site's own prose may share outside quote marks: more is copying

_DOC_SOURCE = re.compile(r"^\s*-?\s*source:\s*([a-z0-9-]+)\s*$")
_DOC_QUOTE = re.compile(r"^\s*quote:\s*(.+?)\s*$")
_QUOTED_IN_PROSE = re.compile(r"[\"“][^\"“”]*[\"”]")


class Quoted(NamedTuple):
    """One quote somewhere in the project, and where it stands (a tuple: there is one per citation)."""

    source: str
    quote: str
    path: str
    line: int | None
    field: str


@dataclass
class Stretch:
    """A run of consecutive quoted words of one article."""

    first: int  # word index in the article, from 0
    last: int
    paragraph: int  # 1-based paragraph of the archived text where the stretch starts
    quotes: list[Quoted] = field(default_factory=list)

    @property
    def words(self) -> int:
        return self.last - self.first + 1

    @property
    def files(self) -> list[str]:
        return sorted({q.path for q in self.quotes})

    def where(self) -> str:
        return f"words {self.first + 1}-{self.last + 1} (paragraph {self.paragraph})"


@dataclass
class Usage:
    """What the project quotes of one article."""

    source: str
    words: int
    quoted: int
    longest: Stretch | None
    stretches: list[Stretch]
    by_file: dict[str, int]  # words of the article that each file's quotes cover

    @property
    def share(self) -> float:
        return self.quoted / max(self.words, 1)

    def over(self) -> list[Stretch]:
        return [s for s in self.stretches if s.words > MAX_STRETCH]


def measure(articles: dict[str, Article], quotes: Iterable[Quoted]) -> dict[str, Usage]:
    """Per source: quoted words, every merged stretch, and each file's part."""
    located: dict[str, list[tuple[int, int, Quoted]]] = defaultdict(list)
    for q in quotes:
        if q.source in articles:
            located[q.source] += [(a, b, q) for a, b in articles[q.source].spans(q.quote)]
    out = {}
    for sid, article in articles.items():
        covered = [False] * len(article.word_starts)
        per_file: dict[str, set[int]] = defaultdict(set)
        for a, b, q in located[sid]:
            covered[a:b + 1] = [True] * (b - a + 1)
            per_file[q.path].update(range(a, b + 1))
        stretches: list[Stretch] = []
        for a, b, q in sorted(located[sid], key=lambda t: (t[0], t[1])):
            if stretches and a <= stretches[-1].last + 1:
                stretches[-1].last = max(stretches[-1].last, b)
                stretches[-1].quotes.append(q)
            else:
                stretches.append(Stretch(a, b, article.paragraph_of(a), [q]))
        longest = max(stretches, key=lambda s: s.words, default=None)
        out[sid] = Usage(sid, len(covered), sum(covered), longest, stretches,
                         {p: len(w) for p, w in sorted(per_file.items(), key=lambda kv: -len(kv[1]))})
    return out


def problems(usage: dict[str, Usage], source_lines: dict[str, int | None]) -> list[Problem]:
    """One line per source over the share ceiling, and one per stretch over the stretch ceiling."""
    out = []
    for sid, u in usage.items():
        if u.share > MAX_SHARE:
            top = ", ".join(f"{p} ({n} words)" for p, n in list(u.by_file.items())[:4])
            out.append(Problem("data/sources.yml", source_lines.get(sid), f"{sid}.quoted",
                               f"the project quotes {100 * u.share:.1f}% of this article's {u.words} words "
                               f"(at most {100 * MAX_SHARE:.0f}%); cut quotes to brief anchors, most in: {top}"))
        for s in u.over():
            q = s.quotes[0]
            out.append(Problem(q.path, q.line, q.field,
                               f"quotes of {sid} join into a stretch of {s.words} consecutive words at {s.where()} "
                               f"(at most {MAX_STRETCH}); shorten or drop one of the quotes in: {', '.join(s.files)}"))
    return out


def doc_quotes(root: Path) -> list[Quoted]:
    """The `source:`/`quote:` pairs in the pages' worked examples (docs/**/*.md)."""
    out = []
    for path in sorted((root / "docs").rglob("*.md")):
        source = None
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if m := _DOC_SOURCE.match(line):
                source = m.group(1)
            elif (m := _DOC_QUOTE.match(line)) and source:
                out.append(Quoted(source, m.group(1).strip("\"'"), path.relative_to(root).as_posix(), n, "quote"))
    return out


@dataclass(frozen=True)
class Echo:
    """A run of an article's words found in the site's own prose."""

    source: str
    words: int
    text: str


_HEAD = 5  # words: the short runs looked up first, one in every n - _HEAD + 1 words, before the full n-word runs


@dataclass
class _GramIndex:
    """Every n-word run of every article, mapped to its source, and every _HEAD-word run (of any article):
    a prose run of n words can only be an article's where its _HEAD-word parts are."""

    n: int
    grams: dict[tuple[str, ...], str]
    heads: frozenset[tuple[str, ...]]

    @classmethod
    def of(cls, articles: dict[str, Article], n: int) -> _GramIndex:
        grams = {g: sid for sid, article in articles.items() for g in article.grams(n)}
        return cls(n, grams, frozenset(g for article in articles.values() for g in article.grams(min(_HEAD, n))))


def _echoes(index: _GramIndex, prose: str) -> list[Echo]:
    """Runs of at least n consecutive words that the prose (outside its quote marks) shares with an article.

    Every n-word run holds the _HEAD-word run that starts at the next multiple of `stride`: where no article
    has that one, no n-word run around it is an article's either, and the search moves past it. Most prose
    is the site's own, so most places are passed over after one short look-up."""
    words, n, grams, heads = tokens(_QUOTED_IN_PROSE.sub(" | ", prose)), index.n, index.grams, index.heads
    k = min(_HEAD, n)
    stride = n - k + 1
    out = []
    i = 0
    while i <= len(words) - n:
        head = -(-i // stride) * stride
        if tuple(words[head:head + k]) not in heads:
            i = head + 1
            continue
        sid = grams.get(tuple(words[i:i + n]))
        if sid is None:
            i += 1
            continue
        j = i + n
        while j < len(words) and grams.get(tuple(words[j - n + 1:j + 1])) == sid:
            j += 1
        out.append(Echo(sid, j - i, " ".join(words[i:j])))
        i = j
    return out


def prose(site: Site) -> Iterable[tuple[str, str, str]]:
    """The site's own words, as (file key, field, text): every statement, gap, title and event body."""
    for d in site.disputes.values():
        claims = [("summary", d.summary), ("status", d.status), *((f"about.{i}", c) for i, c in enumerate(d.about)),
                  *((f"positions.japan.{i}", c) for i, c in enumerate(d.positions.japan)),
                  *((f"positions.south-korea.{i}", c) for i, c in enumerate(d.positions.south_korea)),
                  *((f"other_positions.{i}.claims.{j}", c) for i, o in enumerate(d.other_positions) for j, c in enumerate(o.claims)),
                  *((f"facts.{i}", c) for i, c in enumerate(d.facts))]
        for fld, c in claims:
            yield f"disputes:{d.id}", f"{d.id}.{fld}", c.text
        for i, g in enumerate(d.gaps):
            yield f"disputes:{d.id}", f"{d.id}.gaps.{i}", g
    for p in site.people.values():
        yield f"people:{p.id}", f"{p.id}.role.text", p.role.text
    for t in site.terms.values():
        yield f"glossary:{t.id}", f"{t.id}.definition.text", t.definition.text
    for i, lk in enumerate(site.links, 1):
        yield f"links:{i}", f"link {i}.claim.text", lk.claim.text
    for f in site.figures.values():
        for fld, text in (("title", f.title), ("note", f.note)):
            if text:
                yield f"figures:{f.id}", f"{f.id}.{fld}", text
        for i, s in enumerate(f.series):
            for j, p in enumerate(s.points):
                if p.note:
                    yield f"figures:{f.id}", f"{f.id}.series.{i}.points.{j}.note", p.note
    for e in site.events:
        for fld, text in (("title", e.title), ("(body)", e.body), ("date_note", e.date_note)):
            if text:
                yield f"event:{e.id}", fld, text


def prose_quotes(site: Site, articles: dict[str, Article]) -> list[Quoted]:
    """Words the site's own prose puts in quote marks that stand verbatim in an article: quoted too, so they count."""
    out = []
    for key, fld, text in prose(site):
        for m in _QUOTED_IN_PROSE.finditer(text):
            quote = m.group(0)[1:-1].strip()
            if len(quote.split()) < 2:
                continue
            out += [Quoted(sid, quote, site.files.get(key, key), None, fld)
                    for sid, article in articles.items() if article.spans(quote)]
    return out


def echo_problems(site: Site, articles: dict[str, Article]) -> list[Problem]:
    out, index = [], _GramIndex.of(articles, MAX_ECHO + 1)
    for key, fld, text in prose(site):
        for e in _echoes(index, text):
            out.append(Problem(site.files.get(key, key), None, fld,
                               f"{e.words} consecutive words are copied from {e.source} without quote marks "
                               f"(at most {MAX_ECHO}): '{e.text}'; say it in your own words, or quote the few words that matter"))
    return out
