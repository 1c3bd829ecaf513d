"""MkDocs hooks: the site's own build steps that are not macros.

- Under `mkdocs serve`, tell the macros so, so that a data error shows as a banner on
  every page and the server keeps going (under `mkdocs build` it fails the build).
- Add one timeline page per year that has events, so no page grows with the whole
  timeline. The years come from the event file names (the contract puts the date
  first), so the pages exist even while the data has an error to show.
- After each build, the site's post-build steps (macros/engines.py `post_build`).

Loaded by file path (MkDocs `hooks:`), and imported by macros/engines.py for the engines that run no hooks.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

LIVE_ENV = "EXPLAINER_LIVE_PREVIEW"
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
    return files


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
