"""MkDocs hooks: the site's own build steps that are not macros.

- Under `mkdocs serve`, tell the macros so, so that a data error shows as a banner on
  every page and the server keeps going (under `mkdocs build` it fails the build).
- Add one timeline page per year that has events, so no page grows with the whole
  timeline. The years come from the event file names (the contract puts the date
  first), so the pages exist even while the data has an error to show.
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


def on_files(files, config):
    from mkdocs.structure.files import File, InclusionLevel

    for year in event_years(Path(config.config_file_path).parent):
        files.append(File.generated(
            config, f"timeline/{year}.md", inclusion=InclusionLevel.NOT_IN_NAV,
            content=f"---\ntitle: Timeline, {year}\nedit: data/events\n---\n\n# Events of {year}\n\n{{{{ timeline_year({year}) }}}}\n",
        ))
    return files


def pagefind_command(site_dir: str) -> list[str]:
    """Pagefind over the pages' own content: no navigation, notes, permalinks or filter controls."""
    return [sys.executable, "-m", "pagefind", "--site", site_dir, "--root-selector", "article.md-content__inner",
            "--exclude-selectors", ".footnote, .headerlink, .year-nav, .timeline-filter, .md-source-file, .cite-page", "--silent"]


def on_post_build(config) -> None:
    """Index the built pages with Pagefind: a static index in small chunks, so a reader's
    first search loads only the parts its words need, however large the site grows."""
    import subprocess

    from mkdocs.exceptions import PluginError

    result = subprocess.run(pagefind_command(config.site_dir), capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"pagefind could not index the site: {(result.stderr or result.stdout).strip()}")
