"""Safe text and citations for rendered pages.

Everything that comes from a data file passes through `esc` before it lands in
markdown or HTML, so it can never become markup. A statement's citations become one
footnote (Material shows its text as a tooltip) listing each passage with its source,
so markers never run together; notes are numbered per page in order of first use.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field

from .load import Site
from .models import Citation, Claim, Event, Term

_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"} | {c: f"&#{ord(c)};" for c in "\\`*_{}[]|~^#!+"}
)


def esc(text: str) -> str:
    """Escape for HTML text and double-quoted attributes, and neutralise markdown syntax, in one pass."""
    return " ".join(str(text).split()).translate(_ESCAPES)


@dataclass
class Ctx:
    """What a renderer needs for one page: the data, where the page is, its footnotes."""

    site: Site
    src_uri: str = "index.md"
    edit_base: str | None = None
    base: str = ""  # the site's full address, for links that leave the site (feeds, downloads' own URLs)
    notes: dict[tuple[tuple[str, str], ...], int] = field(default_factory=dict)
    written: int = 0  # notes whose definitions a macro's output already carries
    source_links: bool = False  # the engine rewrites links in raw HTML (Zensical)

    def url(self, target: str) -> str:
        """A link to another page's markdown file, relative to this page (MkDocs checks it)."""
        path, _, anchor = target.partition("#")
        rel = _relpath(path, posixpath.dirname(self.src_uri) or ".") if path else ""
        return f"{rel}#{anchor}" if anchor else rel

    def href(self, target: str) -> str:
        """A link for raw HTML (a term, an SVG link). MkDocs leaves those as written, so: the final address,
        directory URLs, relative to this page's. Zensical rewrites them as it does markdown links, so: `url`."""
        if self.source_links:
            return self.url(target)
        path, _, anchor = target.partition("#")
        rel = _relpath(_final(path) or ".", _final(self.src_uri) or ".") + "/" if path else ""
        return rel + (f"#{anchor}" if anchor else "")

    def asset(self, path: str) -> str:
        """A link to a file the build writes (not a page), for raw HTML: relative to this page's address,
        or to its source file where the engine rewrites such links (as `href`)."""
        return _relpath(path, (posixpath.dirname(self.src_uri) if self.source_links else _final(self.src_uri)) or ".")

    def cite(self, citations: list[Citation]) -> str:
        """One footnote marker for a statement, whatever the number of passages it rests on."""
        key = tuple(dict.fromkeys((c.source, " ".join(c.quote.split())) for c in citations))
        if not key:
            return ""
        if key not in self.notes:
            self.notes[key] = len(self.notes) + 1
        return f"[^c{self.notes[key]}]"

    def claim(self, claim: Claim) -> str:
        return esc(claim.text) + self.cite(claim.sources)

    def footnotes(self, after: int = 0) -> str:
        """Footnote definitions for every statement cited on the page (numbered above `after`), in order of
        first use; passages of the same source that follow each other share its name."""
        notes = []
        for key, n in sorted(self.notes.items(), key=lambda kv: kv[1]):
            if n <= after:
                continue
            groups: list[tuple[str, list[str]]] = []
            for sid, quote in key:
                if groups and groups[-1][0] == sid:
                    groups[-1][1].append(quote)
                else:
                    groups.append((sid, [quote]))
            notes.append(f"[^c{n}]: " + "\n\n    ".join(self._passages(sid, quotes) for sid, quotes in groups))
        return "\n\n".join(notes)

    def new_footnotes(self) -> str:
        """The definitions of the notes numbered since the last call: each macro's output ends with them, so
        the page needs no step after its macros (Zensical has none) and Python-Markdown collects them anywhere."""
        notes, self.written = self.footnotes(after=self.written), len(self.notes)
        return notes

    def _passages(self, sid: str, quotes: list[str]) -> str:
        src = self.site.sources[sid]
        return (" · ".join(f"“{esc(q)}”" for q in quotes) + f" — [{esc(src.title)}]({self.url('sources.md#' + sid)}), "
                f"*{esc(src.container_title)}*, {esc(src.issued.display())}.")

    def edit_link(self, data_path: str) -> str:
        """A link to the data file an editor would change, when the repository is known."""
        if not self.edit_base:
            return ""
        return f'[Edit]({self.edit_base.rstrip("/")}/{data_path}){{ .edit-data title="Edit {esc(data_path)} on GitHub" }}'


@functools.lru_cache(maxsize=4096)
def _relpath(path: str, start: str) -> str:
    """posixpath.relpath, remembered: a year page links the same few pages thousands of times."""
    return posixpath.relpath(path, start)


def _final(path: str) -> str:
    """Where a page's markdown file is published (directory URLs), relative to the site: "" for the home page."""
    return path[: -len("index.md")] if path.endswith("index.md") else path.removesuffix(".md") + "/"


def address(base: str, target: str) -> str:
    """The full URL on the published site (`base` is site_url) of a page's markdown file, with its anchor."""
    path, _, anchor = target.partition("#")
    return base + _final(path) + (f"#{anchor}" if anchor else "")


def event_page(e: Event) -> str:
    """Where an event's entry, with its citations, lives: its year's timeline page."""
    return f"timeline/{e.date.year}.md"


def event_address(base: str, e: Event) -> str:
    """The full URL of an event's entry, for the downloads, the feed and the structured data."""
    return address(base, f"{event_page(e)}#{e.id}")


def time_tag(date) -> str:
    return f'<time datetime="{date.iso_hint()}">{esc(date.display())}</time>'


_PROTECTED = re.compile(r"(<[^>]*>|\[\^[^\]]*\]|\[[^\]]*\]\([^)]*\)|`[^`]*`|\{[^}]*\})")
_SKIPPED_LINE = re.compile(r"^\s*(#|\[\^|\||```|!!!|<h[1-6])")
_CONTROLS = re.compile(r"<(svg|form|fieldset|label|nav|button|select)\b")  # no link inside a control or a drawing


def term_tip(term: Term, site: Site) -> str:
    """The one-line explanation a term's first use carries: its definition, and both sides' wordings if contested."""
    tip = term.definition.text
    if term.contested:
        by_side = {}
        for w in term.wordings:
            by_side.setdefault(w.side, []).append(w.wording)
        named = {"japan": "Japanese sources", "south-korea": "South Korean sources"}
        sides = "; ".join(f"{named[s]}: {', '.join(by_side[s])}" for s in ("japan", "south-korea") if s in by_side)
        tip = f"Contested term. {tip}" + (f" Wordings: {sides}." if sides else "")
    return tip


@functools.lru_cache(maxsize=8)
def _terms_pattern(phrases: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    """One pattern for all the terms' phrases, a named group per term: each piece of text is scanned once.
    The look-ahead for the phrases' first letters lets most places fail at once (half the time of the bare pattern)."""
    groups = "|".join(f"(?P<t{i}>{'|'.join(re.escape(p) for p in ps)})" for i, ps in enumerate(phrases))
    firsts = "".join(sorted({c for ps in phrases for p in ps for c in (p[:1].lower(), p[:1].upper())}))
    return re.compile(rf"(?=[{re.escape(firsts)}])\b(?:{groups})\b", re.I)


_FOLDED = "\u0131\u017f"  # dotless i and long s: IGNORECASE matches them to i and s, lower() keeps them


def _lines_matching(pattern: re.Pattern[str], text: str, phrases: list[str]) -> set[int]:
    """The (0-based) numbers of the lines where the pattern may match. Each phrase is looked for with str.find
    in the lowercased text, several times faster than the pattern's own scan of a long page: it finds every
    place the pattern matches (and some it does not, which the pattern then turns down). Where lowercasing
    could mislead, the pattern scans."""
    low = text.lower()
    if len(low) == len(text) and all(p.isascii() for p in phrases) and not any(c in text for c in _FOLDED):
        places = []
        for phrase in {p.lower() for p in phrases}:
            at = low.find(phrase)
            while at >= 0:
                places.append(at)
                at = low.find(phrase, at + 1)
        places.sort()
    else:
        places = [m.start() for m in pattern.finditer(text)]
    lines, line, at = set(), 0, 0
    for place in places:
        line += text.count("\n", at, place)
        at = place
        lines.add(line)
    return lines


def gloss(ctx: Ctx, markdown: str) -> str:
    """Link the first use on the page of each glossary term to its entry, its explanation as the link's title
    (Material shows it as a tooltip on hover and focus). Headings, links, notes, tags and code are left alone."""
    terms = [t for t in ctx.site.terms.values() if t.matches]
    if not terms:
        return markdown
    pattern = _terms_pattern(tuple(tuple(t.matches) for t in terms))
    pending = set(range(len(terms)))
    hits = _lines_matching(pattern, markdown, [p for t in terms for p in t.matches])  # most lines hold no term
    lines, fenced, note = markdown.split("\n"), False, False
    for n in range(max(hits, default=-1) + 1):  # no line after the last hit has a term to link
        if not pending:
            break
        line = lines[n]
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if line.strip():  # a note's definition runs on over its indented lines
            note = line.startswith("[^") or (note and line.startswith("    "))
        if n not in hits or fenced or note or _SKIPPED_LINE.match(line) or _CONTROLS.search(line):
            continue
        parts = _PROTECTED.split(line)
        for i in range(0, len(parts), 2):
            text, at, pieces = parts[i], 0, []
            for m in pattern.finditer(text):
                k = int(m.lastgroup[1:])
                if k not in pending:
                    continue
                term = terms[k]
                tip = esc(term_tip(term, ctx.site))
                pieces += [text[at:m.start()], f'<a class="term" href="{ctx.href("glossary.md#" + term.id)}" title="{tip}">'
                           f"{m.group()}</a>"]
                at = m.end()
                pending.discard(k)
            parts[i] = "".join(pieces) + text[at:]
        lines[n] = "".join(parts)
    return "\n".join(lines)
