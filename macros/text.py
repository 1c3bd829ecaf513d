"""Safe text and citations for rendered pages.

Everything that comes from a data file passes through `esc` before it lands in
markdown or HTML, so it can never become markup. Citations become footnotes
(Material shows a footnote's text as a tooltip), numbered per page.
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
    notes: dict[tuple[str, str], int] = field(default_factory=dict)

    def url(self, target: str) -> str:
        """A link to another page's markdown file, relative to this page (MkDocs checks it)."""
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(self.src_uri) or ".") if path else ""
        return f"{rel}#{anchor}" if anchor else rel

    def ref(self, c: Citation) -> str:
        key = (c.source, " ".join(c.quote.split()))
        if key not in self.notes:
            self.notes[key] = len(self.notes) + 1
        return f"[^c{self.notes[key]}]"

    def refs(self, citations: list[Citation]) -> str:
        return "".join(self.ref(c) for c in citations)

    def claim(self, claim: Claim) -> str:
        return esc(claim.text) + self.refs(claim.sources)

    def footnotes(self) -> str:
        """Footnote definitions for every citation used on the page, in order of first use."""
        lines = []
        for (sid, quote), n in sorted(self.notes.items(), key=lambda kv: kv[1]):
            src = self.site.sources[sid]
            lines.append(
                f"[^c{n}]: “{esc(quote)}” — [{esc(src.title)}]({self.url('sources.md#' + sid)}), "
                f"*{esc(src.container_title)}*, {esc(src.issued.display())}."
            )
        return "\n\n".join(lines)

    def edit_link(self, data_path: str) -> str:
        """A link to the data file an editor would change, when the repository is known."""
        if not self.edit_base:
            return ""
        return f'[Edit]({self.edit_base.rstrip("/")}/{data_path}){{ .edit-data title="Edit {esc(data_path)} on GitHub" }}'


def time_tag(date) -> str:
    return f'<time datetime="{date.iso_hint()}">{esc(date.display())}</time>'
