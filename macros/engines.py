"""The site built by MkDocs, ProperDocs or Zensical, with the same post-build steps.

MkDocs and ProperDocs run the tree as it is (macros plugin, `hooks:`). Zensical runs the macros
but no MkDocs hooks and no page hook after the macros, so it builds a staged copy
(`.build/zensical/`) that already holds the generated year pages and lists this module as a
Markdown extension (the page's finishing step), and the post-build steps run after it here.

    python -m macros.engines ENGINE [SITE_DIR]      # what `make build ENGINE=…` runs
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .archive import archive_dir
from .errors import DataErrors
from .hooks import LIVE_ENV, event_years, pagefind_command, year_page

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "properdocs", "zensical")
STAGE = Path(".build") / "zensical"
LINKED = ("data", "macros", "overrides")  # read in place; only docs/ gains files
EXTENSION = "macros.engines"  # this module, as the staged config names it (not __name__: it may run as __main__)


class BuildError(Exception):
    """An engine or a post-build step failed; the message names which and says why."""


def stage(root: Path, dest: Path) -> Path:
    """A project folder for Zensical: docs/ plus the year pages `on_files` adds under MkDocs, the other
    folders linked, and mkdocs.yml with this module added as a Markdown extension. Returns the config file."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(root / "docs", dest / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "docs" / "timeline").mkdir(exist_ok=True)
    for year in event_years(root):
        (dest / "docs" / "timeline" / f"{year}.md").write_text(year_page(year), encoding="utf-8")
    for name in LINKED:
        (dest / name).symlink_to((root / name).resolve(), target_is_directory=True)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if "\nmarkdown_extensions:\n" not in config:
        raise BuildError("mkdocs.yml has no markdown_extensions list to add the page's finishing step to")
    config = config.replace("\nmarkdown_extensions:\n", f"\nmarkdown_extensions:\n  - {EXTENSION}\n", 1)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest / "mkdocs.yml"


class _FinishPage(Preprocessor):
    """What on_post_page_macros does to the markdown under MkDocs (State.finish_page: term glossing), run right
    after Zensical's macros preprocessor (priority 35) on the page that define_env set up (`page.explainer`)."""

    def run(self, lines: list[str]) -> list[str]:
        context = self.md.preprocessors["rendering_context"] if "rendering_context" in self.md.preprocessors else None
        page = getattr(context, "page", None)
        state = getattr(page, "explainer", None)
        if state is None:
            return lines
        markdown = state.finish_page("\n".join(lines))
        # Zensical reads the page's metadata after rendering: the head's description, JSON-LD and "Cite this page".
        page.meta.update(state.page_meta(page.path, page.meta, markdown, page.url))
        return markdown.split("\n")


class FinishPageExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_FinishPage(md), "explainer_finish_page", 34)


def makeExtension(**kwargs) -> FinishPageExtension:
    return FinishPageExtension(**kwargs)


def site_config(root: Path) -> tuple[str, str]:
    """site_url and site_name as mkdocs.yml gives them (with its !ENV tags resolved), for engines
    whose configuration the post-build steps cannot read."""
    from mkdocs.utils.yaml import yaml_load

    with (root / "mkdocs.yml").open(encoding="utf-8") as f:
        config = yaml_load(f)
    return str(config.get("site_url") or ""), str(config.get("site_name") or "")


def post_build(site_dir: Path, root: Path = ROOT, site_url: str = "", site_name: str = "") -> None:
    """The site's steps after any engine built the pages: what the build publishes besides pages
    (verification.json, the downloads, the feed: State.publish), then the Pagefind index.
    The one place they are called from (the MkDocs hook and the Zensical build both come here)."""
    from . import adapter

    try:
        # The data the pages were rendered from: loaded once per process while nothing changed.
        adapter.State.build(root, None, site_url, site_name).publish(site_dir)
    except DataErrors:
        if not os.environ.get(LIVE_ENV):  # `mkdocs serve` shows the problems on every page instead
            raise
    result = subprocess.run(pagefind_command(str(site_dir)), capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"pagefind could not index the site: {(result.stderr or result.stdout).strip()}")


def _run(engine: str, command: list[str], cwd: Path, env: dict[str, str], capture: bool) -> None:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=capture, text=True)
    if result.returncode != 0:
        raise BuildError(f"{engine} build failed ({result.returncode})\n{result.stdout or ''}{result.stderr or ''}")


def build(engine: str, site_dir: Path, root: Path = ROOT, *, stage_dir: Path | None = None,
          env: dict[str, str] | None = None, capture: bool = False) -> None:
    """Build the site into site_dir with one engine, strict, the post-build steps included. The archive is
    passed on as an absolute path: the staged project is elsewhere than the root it is relative to."""
    site_dir = site_dir.resolve()
    env = {**os.environ, **(env or {}), "NO_MKDOCS_2_WARNING": "1"}
    env["SOURCES_ARCHIVE"] = str(archive_dir(root))
    if engine in ("mkdocs", "properdocs"):  # their hooks run post_build
        # -f: ProperDocs 1.6.7 reads mkdocs.yml only as a "legacy" fallback name, with a notice, unless it is named.
        command = [sys.executable, "-m", engine, "build", "--strict", "-f", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)]
        _run(engine, command, root, env, capture)
        return
    if engine != "zensical":
        raise BuildError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    config = stage(root, stage_dir or root / STAGE)
    # --clean: no page from Zensical's cache, so every build renders (and verifies) every page.
    _run(engine, [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config)], config.parent, env, capture)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.move(config.parent / "site", site_dir)  # Zensical writes only inside its project folder
    post_build(site_dir, root, *site_config(root))


def main(argv: list[str]) -> int:
    engine = argv[0] if argv else "mkdocs"
    site_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "site"
    started = time.monotonic()
    try:
        build(engine, site_dir)
    except (BuildError, DataErrors) as e:
        print(e, file=sys.stderr)
        return 1
    print(f"Built with {engine} into {site_dir} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
