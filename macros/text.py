"""Safe text and citations for rendered pages.

Everything that comes from a data file passes through `esc` before it lands in
markdown or HTML, so it can never become markup. A statement's citations become one
footnote (Material shows its text as a tooltip) listing each passage with its source,
so markers never run together; notes are numbered per page in order of first use.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from .load import Site
from .models import Citation, Claim

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
    notes: dict[tuple[tuple[str, str], ...], int] = field(default_factory=dict)

    def url(self, target: str) -> str:
        """A link to another page's markdown file, relative to this page (MkDocs checks it)."""
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(self.src_uri) or ".") if path else ""
        return f"{rel}#{anchor}" if anchor else rel

    def href(self, target: str) -> str:
        """A final address for raw HTML (an SVG link), which MkDocs does not rewrite: directory URLs."""
        path, _, anchor = self.url(target).partition("#")
        path = path[: -len("index.md")] if path.endswith("index.md") else path.removesuffix(".md") + "/"
        prefix = "" if posixpath.basename(self.src_uri) == "index.md" else "../"
        return prefix + path + (f"#{anchor}" if anchor else "")

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

    def footnotes(self) -> str:
        """Footnote definitions for every statement cited on the page, in order of first use; passages of
        the same source that follow each other share its name."""
        notes = []
        for key, n in sorted(self.notes.items(), key=lambda kv: kv[1]):
            groups: list[tuple[str, list[str]]] = []
            for sid, quote in key:
                if groups and groups[-1][0] == sid:
                    groups[-1][1].append(quote)
                else:
                    groups.append((sid, [quote]))
            notes.append(f"[^c{n}]: " + "\n\n    ".join(self._passages(sid, quotes) for sid, quotes in groups))
        return "\n\n".join(notes)

    def _passages(self, sid: str, quotes: list[str]) -> str:
        src = self.site.sources[sid]
        return (" · ".join(f"“{esc(q)}”" for q in quotes) + f" — [{esc(src.title)}]({self.url('sources.md#' + sid)}), "
                f"*{esc(src.container_title)}*, {esc(src.issued.display())}.")

    def edit_link(self, data_path: str) -> str:
        """A link to the data file an editor would change, when the repository is known."""
        if not self.edit_base:
            return ""
        return f'[Edit]({self.edit_base.rstrip("/")}/{data_path}){{ .edit-data title="Edit {esc(data_path)} on GitHub" }}'


def time_tag(date) -> str:
    return f'<time datetime="{date.iso_hint()}">{esc(date.display())}</time>'
