"""The state one build shares with its pages: loaded data, the page being rendered,
and the macros the markdown may call. Kept apart from `__init__` so it is tested
without MkDocs."""

from __future__ import annotations

import dataclasses
import gc
import html
import json
import os
import re
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import exports, pages, structured
from .archive import Archive, archive_dir, sha256
from .dates import day_words
from .errors import DataErrors
from .history import History
from .load import Site, load_site
from .text import Ctx, esc, gloss

YEAR_PAGE = re.compile(r"^timeline/(\d{4})\.md$")
DISPUTE_PAGE = re.compile(r"^disputes/([a-z0-9-]+)\.md$")

__all__ = ["DataErrors", "State", "archive_folder"]


def _base(site_url: str) -> str:
    return site_url.rstrip("/") + "/" if site_url else ""


def quote_digest(quote: str) -> str:
    return sha256(" ".join(quote.split()).encode("utf-8"))


def archive_folder(root: Path) -> Path:
    return archive_dir(root)


_LOADED = "explainer_loaded_site"  # a module outside the package, so it outlives the package's re-import


def inputs_version(root: Path) -> tuple:
    """What the loaded data depends on: every file of data/, macros/ and the archive, by path, mtime and size."""
    found = []
    for folder in (root / "data", root / "macros", archive_dir(root)):
        for dirpath, _dirs, names in os.walk(folder, followlinks=True):
            for name in names:
                if not name.endswith((".pyc", ".pyo")):
                    st = os.stat(os.path.join(dirpath, name))
                    found.append((os.path.join(dirpath, name), st.st_mtime_ns, st.st_size))
    return (str(root.resolve()), str(archive_dir(root)), *sorted(found))


def _holder() -> types.ModuleType:
    return sys.modules.setdefault(_LOADED, types.ModuleType(_LOADED))


def load_cached(root: Path) -> Site:
    """The site's data, loaded once while data/, macros/ and the archive are unchanged: Zensical runs
    define_env for every page, and the post-build steps need the same data after the pages. Problems
    found are kept too, so no page loads the data again to find them again."""
    holder = _holder()
    version = inputs_version(root)
    if getattr(holder, "version", None) != version:
        gc.unfreeze()
        collecting = gc.isenabled()
        gc.disable()  # until the data is frozen: else the first pass after loading walks all of it (0.06 s at 5,000)
        try:
            holder.loaded = load_site(root, Archive(archive_dir(root)))
        except DataErrors as e:
            holder.loaded = e
        else:
            holder.loaded.by_year()  # fill the lazy indexes now, so pages only ever read the shared data
            if holder.loaded.events:
                holder.loaded.event(holder.loaded.events[0].id)
            # The data lives as long as the build: frozen, it is left out of the collector's passes over the
            # rest of the build (Python-Markdown's many objects): 0.2-0.4 s of 8.4 at 5,000 events. Unfrozen
            # above before the next load, so under `mkdocs serve` an old build's objects can still be freed.
            gc.freeze()
        finally:
            if collecting:
                gc.enable()
        holder.version = version
    if isinstance(holder.loaded, DataErrors):
        raise holder.loaded
    return holder.loaded


@dataclass
class State:
    site: Site | None
    edit_base: str | None = None
    errors: DataErrors | None = None
    ctx: Ctx | None = field(default=None, repr=False)
    root: Path = Path(".")
    base: str = ""  # the site's address (site_url), ending in "/": feeds, downloads and structured data need full URLs
    site_name: str = ""
    _history: History | None = field(default=None, repr=False)
    source_links: bool = False  # links in raw HTML as source paths: the engine rewrites them (Zensical)

    @classmethod
    def build(cls, root: Path, edit_base: str | None = None, site_url: str = "", site_name: str = "") -> State:
        return cls(site=load_cached(root), edit_base=edit_base, root=root, base=_base(site_url), site_name=site_name)

    @classmethod
    def broken(cls, errors: DataErrors, edit_base: str | None = None) -> State:
        """Under `mkdocs serve`: keep serving, and show the problems on every page."""
        return cls(site=None, edit_base=edit_base, errors=errors)

    def start_page(self, src_uri: str) -> None:
        self.ctx = Ctx(self.site, src_uri, self.edit_base, base=self.base, source_links=self.source_links) if self.site else None

    def for_page(self, src_uri: str, source_links: bool = False) -> State:
        """A state of its own for one page, sharing the loaded data: for engines that set up macros per page."""
        page = dataclasses.replace(self, source_links=source_links)
        page.start_page(src_uri)
        return page

    @property
    def history(self) -> History:
        if self._history is None:
            # The project that holds this code (macros/ resolved: a staged build links it), so git dates are the repository's.
            self._history = History(Path(__file__).resolve().parent.parent)
        return self._history

    def downloads(self) -> dict[str, str]:
        """Built once for the data that was loaded: the Data page lists their sizes, and the post-build step
        (another State, the same loaded Site) writes them."""
        if self.site is None:
            return {}
        holder = _holder()
        key = (self.base, self.site_name)
        # The Site itself, compared by identity (not its id, which a new one may reuse; not ==, which compares all data).
        if getattr(holder, "downloads_site", None) is not self.site or holder.downloads_key != key:
            holder.downloads = exports.files(self.site, self.base, self.site_name, pages.window_text(self.site),
                                             self.history.date("data/*").isoformat())
            holder.downloads_site, holder.downloads_key = self.site, key
        return holder.downloads

    def page_meta(self, src_uri: str, meta: dict, markdown: str, url: str) -> dict[str, str]:
        """What the page's head and "Cite this page" need: a description, the last-updated date, JSON-LD,
        and the page's citation as CSL-JSON (its title as MkDocs takes it: front matter, else the first h1)."""
        out: dict[str, str] = {}
        paths = [f"docs/{src_uri}"]
        source = self.root / "docs" / src_uri
        year = int(m[1]) if (m := YEAR_PAGE.match(src_uri)) else None
        if year is not None:
            paths.append(f"data/events/{year}-*")
        elif source.is_file() and "{{" in source.read_text(encoding="utf-8"):  # the page shows data
            paths.append("data/*")
        updated = self.history.date(*paths)
        out["updated"] = updated.isoformat()
        out["updated_words"] = day_words(updated)
        h1 = re.search(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", markdown, re.MULTILINE)
        title = str(meta.get("title") or (h1[1] if h1 else self.site_name))
        out["cite_csl"] = structured.page_citation(html.unescape(title), self.site_name, self.base, url, updated)
        site = self.site
        description = meta.get("description")
        if site is not None:
            if year in site.by_year():
                description = description or structured.year_description(site, year)
                out["jsonld"] = structured.script(structured.year_page(site, year, self.base, self.site_name))
            elif (m := DISPUTE_PAGE.match(src_uri)) and m[1] in site.disputes:
                description = description or structured.description(site.disputes[m[1]].summary.text)
                out["jsonld"] = structured.script(structured.dispute_page(site, m[1], self.base, self.site_name))
        if description:
            # Material writes page.meta.description into the head as it is: escape it here, once.
            out["description"] = html.escape(" ".join(str(description).split()), quote=True)
        return out

    def finish_page(self, markdown: str) -> str:
        if self.errors:
            lines = "\n".join(f"    - {esc(str(p))}" for p in self.errors.problems)
            banner = (f'!!! failure "The data has {len(self.errors.problems)} problem(s); this preview is incomplete"\n'
                      f"    Fix these and save; the page reloads by itself.\n\n{lines}\n\n")
            return banner + markdown
        if self.ctx and self.ctx.src_uri != "glossary.md":
            markdown = gloss(self.ctx, markdown)
        return markdown

    def edit_url(self, src_uri: str, meta: dict) -> str | None:
        """The file an editor changes for this page: its data file (front matter `edit:`), else the page."""
        if not self.edit_base:
            return None
        return f"{self.edit_base.rstrip('/')}/{meta.get('edit') or 'docs/' + src_uri}"

    def _page(self, render: Callable[..., str]) -> Callable[..., str]:
        def macro(*args: str) -> str:
            if self.site is None or self.ctx is None:
                return ""
            out, notes = render(self.ctx, *args), self.ctx.new_footnotes()
            return f"{out}\n\n{notes}\n" if notes else out

        macro.__name__ = render.__name__
        macro.__doc__ = render.__doc__
        return macro

    def macros(self) -> dict[str, Callable[..., str]]:
        return {
            "home": self._page(pages.home),
            "coverage": self._page(pages.coverage),
            "dispute": self._page(pages.dispute),
            "timeline": self._page(pages.timeline),
            "timeline_year": self._page(pages.timeline_year),
            "people": self._page(pages.people),
            "glossary": self._page(pages.glossary),
            "figures": self._page(pages.figures),
            "sources": self._page(pages.sources),
            "count": self._page(lambda ctx, what: str(len(getattr(ctx.site, what)))),
            "downloads": self._page(lambda ctx: pages.downloads(ctx, self.downloads(), self.history.date("data/*"), self.site_name)),
        }

    def manifest(self) -> str:
        """Which archived text (by SHA-256) verified which quotes: published as verification.json.

        Quotes are listed by their SHA-256 (of the whitespace-normalised passage), never as text:
        all of a source's passages side by side would read as the article in fragments."""
        site = self.site
        if site is None:
            return ""
        quotes: dict[str, set[str]] = {sid: set() for sid in site.sources}
        for c in site.citations:
            quotes[c.citation.source].add(c.citation.quote)
        record = {
            "verified": site.verified,
            "quote_digest": "sha256 of the quote with runs of whitespace collapsed to one space",
            "sources": {
                sid: {"sha256": site.archive_hashes.get(sid, src.sha256), "quotes": sorted({quote_digest(q) for q in quotes[sid]})}
                for sid, src in sorted(site.sources.items())
            },
        }
        return json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True) + "\n"

    def publish(self, site_dir: Path) -> list[str]:
        """Write what the build publishes besides pages: verification.json, the downloads and their
        schemas, and the Atom feed. Returns the files written, relative to site_dir."""
        from . import feed, schema

        site = self.site
        if site is None:
            return []
        written = {"verification.json": self.manifest()}
        written |= {f"downloads/{name}": text for name, text in self.downloads().items()}
        written |= {name: schema.render(s) for name, s in schema.download_schemas().items()}
        subtitle = pages.window_text(site)
        for name, text in written.items():
            (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / name).write_text(text, encoding="utf-8")
        (site_dir / feed.FEED).write_bytes(feed.atom(site, self.base, self.site_name, subtitle, self.history))
        return [*written, feed.FEED]

    def register(self, env) -> None:
        for name, fn in self.macros().items():
            env.macro(fn, name)
        # On the plugin, not among its variables: mkdocs-macros serialises every variable to JSON at each build.
        env.explainer = self
