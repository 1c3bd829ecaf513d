"""MkDocs hooks: the site's own build steps that are not macros.

- Under `mkdocs serve`, tell the macros so, so that a data error shows as a banner on
  every page and the server keeps going (under `mkdocs build` it fails the build).
- Add one timeline page per year that has events, so no page grows with the whole
  timeline. The years come from the event file names (the contract puts the date
  first), so the pages exist even while the data has an error to show.
- Under `mkdocs serve`, a page whose markdown (after the macros) is the same as in the last build
  keeps the HTML it was rendered to: after one edit, only the pages it changed are rendered again.
- After each build, the site's post-build steps (macros/engines.py `post_build`).

Loaded by file path (MkDocs `hooks:`), and imported by macros/engines.py for the engines that run no hooks.
"""

from __future__ import annotations

import os
import re
import sys
import types
from pathlib import Path

LIVE_ENV = "EXPLAINER_LIVE_PREVIEW"
_RENDERED = "explainer_rendered_pages"  # a module outside the package: `serve` reloads this file at every build
YEAR = re.compile(r"^(\d{4})(?:-\d{2}){0,2}-[a-z0-9-]+\.md$")


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        os.environ[LIVE_ENV] = "1"
    else:
        os.environ.pop(LIVE_ENV, None)


def event_years(project_dir: Path) -> list[int]:
    folder = project_dir / "data" / "events"
    names = (p.name for p in folder.iterdir()) if folder.is_dir() else ()
    return sorted({int(m.group(1)) for n in names if (m := YEAR.match(n))})


def year_page(year: int) -> str:
    """The markdown of a year's timeline page, `timeline/<year>.md`, for every engine."""
    return f"---\ntitle: Timeline, {year}\nedit: data/events\n---\n\n# Events of {year}\n\n{{{{ timeline_year({year}) }}}}\n"


def on_files(files, config):
    from mkdocs.structure.files import File, InclusionLevel

    for year in event_years(Path(config.config_file_path).parent):
        files.append(File.generated(config, f"timeline/{year}.md", inclusion=InclusionLevel.NOT_IN_NAV, content=year_page(year)))
    # What a page's HTML depends on besides its own markdown: the files links resolve against, the Markdown setup.
    _rendered().build = (tuple(sorted(f.src_uri for f in files)), repr(config["markdown_extensions"]), repr(config["mdx_configs"]))
    return files


def _rendered() -> types.ModuleType:
    holder = sys.modules.setdefault(_RENDERED, types.ModuleType(_RENDERED))
    if not hasattr(holder, "pages"):
        holder.pages = {}
    return holder


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Under `mkdocs serve`, let the page reuse its last rendering when nothing it is made from changed.
    This hook runs after the macros plugin, so the markdown it sees is the page's final markdown."""
    if os.environ.get(LIVE_ENV):
        page.render = _reusing_render(page, page.render)
    return markdown


def _reusing_render(page, render):
    """Page.render, remembered by the page's markdown and the build's files and Markdown setup. It restores
    what MkDocs' own render sets: the HTML, the table of contents, the title, and the anchors for validation."""
    holder = _rendered()

    def reuse(config, files) -> None:
        key = (page.markdown, holder.build)
        hit = holder.pages.get(page.file.src_uri)
        if hit is not None and hit[0] == key:
            page.content, page.toc, page._title_from_render, page.present_anchor_ids, links = hit[1]
            page.links_to_anchors = None if links is None else {files.get_file_from_path(uri): a for uri, a in links.items()}
            return
        render(config, files)
        links = getattr(page, "links_to_anchors", None)
        holder.pages[page.file.src_uri] = (key, (page.content, page.toc, page._title_from_render, page.present_anchor_ids,
                                                  None if links is None else {f.src_uri: a for f, a in links.items()}))

    return reuse


def pagefind_command(site_dir: str) -> list[str]:
    """Pagefind over the pages' own content: no navigation, notes, permalinks or filter controls."""
    return [sys.executable, "-m", "pagefind", "--site", site_dir, "--root-selector", "article.md-content__inner",
            "--exclude-selectors", ".footnote, .headerlink, .year-nav, .timeline-filter, .md-source-file, .cite-page", "--silent"]


def on_post_build(config) -> None:
    """The site's post-build steps, the same for every engine (the Pagefind index, verification.json)."""
    import importlib

    from mkdocs.exceptions import PluginError

    root = str(Path(config.config_file_path).parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    engines = importlib.import_module("macros.engines")
    try:
        engines.post_build(Path(config.site_dir), Path(root), config.site_url or "", config.site_name)
    except engines.BuildError as e:
        raise PluginError(str(e)) from None
