"""Property: whatever text a data file holds, it lands in the page as text, never as markup.

Validation already refuses HTML in data; this checks the second line of defence.
Every free-text field of the fixture site is replaced by an arbitrary string
between two markers; every page is rendered to HTML as MkDocs would; between the
markers there must be no tag, and the text must read back exactly.
"""

from __future__ import annotations

import html
import re

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from macros import pages
from macros.archive import Archive
from macros.load import Site, load_site
from macros.text import Ctx

from .conftest import FIXTURE

START, END = "QQSTARTQQ", "QQENDQQ"
TEXT_FIELDS = {"title", "text", "quote", "name", "term", "wording", "party", "label", "unit", "note",
               "date_note", "container_title", "family", "given", "gaps"}
EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc", "pymdownx.details"]
NASTY = st.sampled_from(["<script>alert(1)</script>", "{{ x }}", "{% raw %}", "[x](javascript:alert(1))", "*b*", "_i_",
                         "`c`", "<!--", "-->", "&amp;", "&lt;", '"', "'", "|", "#", "[^c1]", "{ #id }", "\\", "<b>", "]]>",
                         "<svg onload=x>", "---", "!!! note", ":smile:", "~~s~~", "^s^", "+ item", "1. item"])
TEXT = st.lists(st.one_of(NASTY, st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=8)),
                min_size=1, max_size=6).map(" ".join).filter(lambda s: s.split())


def poison(value, text: str):
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            field = getattr(value, name)
            if name in TEXT_FIELDS and isinstance(field, str):
                update[name] = f"{START} {text} {END}"
            elif name == "gaps":
                update[name] = [f"{START} {text} {END}" for _ in field]
            elif isinstance(field, (BaseModel, list)):
                update[name] = poison(field, text)
        return value.model_copy(update=update)
    if isinstance(value, list):
        return [poison(v, text) for v in value]
    return value


@pytest.fixture(scope="module")
def clean(archive) -> Site:
    return load_site(FIXTURE, Archive(archive))


def poisoned(site: Site, text: str) -> Site:
    out = Site(**{**site.__dict__})
    out.sources = {k: poison(v, text) for k, v in site.sources.items()}
    out.disputes = {k: poison(v, text) for k, v in site.disputes.items()}
    out.people = {k: poison(v, text) for k, v in site.people.items()}
    out.terms = {k: poison(v, text) for k, v in site.terms.items()}
    out.figures = {k: poison(v, text) for k, v in site.figures.items()}
    out.links = [poison(v, text) for v in site.links]
    out.events = [poison(v, text) for v in site.events]
    return out


def render_all(site: Site) -> str:
    docs = []
    for src, render in [("index.md", pages.home), ("timeline.md", pages.timeline), ("people.md", pages.people),
                        ("glossary.md", pages.glossary), ("figures.md", pages.figures), ("sources.md", pages.sources)]:
        ctx = Ctx(site, src, "https://example.invalid/edit/main")
        docs.append(markdown.markdown(render(ctx) + "\n\n" + ctx.footnotes(), extensions=EXTENSIONS))
    for d in site.disputes:
        ctx = Ctx(site, f"disputes/{d}.md")
        docs.append(markdown.markdown(pages.dispute(ctx, d) + "\n\n" + ctx.footnotes(), extensions=EXTENSIONS))
    for year in sorted({e.date.year for e in site.events}):
        ctx = Ctx(site, f"timeline/{year}.md")
        docs.append(markdown.markdown(pages.timeline_year(ctx, year) + "\n\n" + ctx.footnotes(), extensions=EXTENSIONS))
    return "\n".join(docs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_data_text_never_becomes_markup(clean: Site, text: str) -> None:
    out = re.sub(r"</tspan><tspan[^>]*>", " ", render_all(poisoned(clean, text)))  # an SVG label wrapped over lines
    regions = re.findall(rf"{START}(.*?){END}", out, re.S)
    assert len(regions) > 20, "the markers did not reach the pages"
    expected = " ".join(text.split())
    for region in regions:
        assert "<" not in region, f"markup inside data text: {region!r}"
        assert html.unescape(region).strip() == expected
