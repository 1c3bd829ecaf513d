"""mkdocs-macros adapter: hands the plain-Python renderers to the pages.

Everything here is glue. The logic lives in the submodules, which are re-imported
on every build so that `mkdocs serve` picks up edits to macros/ without a restart.
MkDocs and ProperDocs (mkdocs-macros) call define_env once per build, then the page hooks;
Zensical loads this file by path and calls define_env for every page, with env.page set.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.explainer")
LIVE_ENV = "EXPLAINER_LIVE_PREVIEW"  # set by macros/hooks.py under `mkdocs serve`
DUMP_ENV = "EXPLAINER_DUMP_MARKDOWN"  # the benchmark's folder for each page's rendered markdown


def _code_version() -> tuple[tuple[str, int], ...]:
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in Path(__file__).parent.glob("*.py")))


def _fresh(name: str):
    """The logic, re-imported when a file of macros/ changed, so `mkdocs serve` picks up code edits;
    otherwise the loaded code, and what it keeps between builds, is reused."""
    version, full = _code_version(), f"{__name__}.{name}"
    if getattr(sys.modules.get(full), "_code_version", None) == version:
        return sys.modules[full]
    root = str(Path(__file__).parent.parent)
    if root not in sys.path:  # loaded by file path (Zensical): the package is importable from the project root
        sys.path.insert(0, root)
    for mod in [m for m in sys.modules if m.startswith(__name__ + ".")]:
        del sys.modules[mod]
    module = importlib.import_module(full)
    module._code_version = version
    return module


def define_env(env) -> None:
    adapter = _fresh("adapter")
    from mkdocs.exceptions import PluginError

    root = Path(env.project_dir)
    page = getattr(env, "page", None)  # mkdocs-macros: none yet, or the last build's (a MkDocs Page, with .file)
    per_page = page is not None and not hasattr(page, "file")  # Zensical: define_env for each page, no page hooks
    edit_base = env.conf.get("extra", {}).get("edit_base") or None
    try:
        state = adapter.State.build(root, edit_base, env.conf.get("site_url") or "", env.conf.get("site_name") or "")
    except adapter.DataErrors as e:
        if not getattr(e, "reported", False):  # under Zensical, said on the first page, not again on every page
            for p in e.problems:
                log.error(str(p))
            e.reported = per_page
        if not os.environ.get(LIVE_ENV):
            raise PluginError(e.summary()) from None
        state = adapter.State.broken(e, edit_base)
    if state.site and not state.site.verified:
        log.info("Quotes were NOT verified: no source archive at %s (set SOURCES_ARCHIVE).", adapter.archive_folder(root))
    if per_page:  # this page's own context
        # Finished by macros/engines.py's Markdown extension; Zensical rewrites links in raw HTML, so give it sources.
        state = page.explainer = state.for_page(page.path, source_links=True)
    state.register(env)
    # Drop the package too, so the next `serve` rebuild re-executes this file as well.
    sys.modules.pop(__name__, None)


def on_pre_page_macros(env) -> None:
    env.explainer.start_page(env.page.file.src_uri)


def on_post_page_macros(env) -> None:
    state = env.explainer
    env.markdown = state.finish_page(env.markdown)
    env.page.edit_url = state.edit_url(env.page.file.src_uri, env.page.meta)
    env.page.meta.update(state.page_meta(env.page.file.src_uri, env.page.meta, env.markdown, env.page.url))
    dump = os.environ.get(DUMP_ENV)
    if dump:
        target = Path(dump) / env.page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(env.markdown, encoding="utf-8")
