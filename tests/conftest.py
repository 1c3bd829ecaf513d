"""Shared fixtures: the source archive (always required here), built sites, a local server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid"
MKDOCS = [sys.executable, "-m", "mkdocs"]
EDIT_BASE = "https://github.com/explainer-tests/site/edit/main"  # what the workflow sets from the repository


def _archive() -> Path:
    configured = os.environ.get("SOURCES_ARCHIVE")
    return (ROOT / configured).resolve() if configured else ROOT / "archive"


@pytest.fixture(scope="session")
def archive() -> Path:
    """The test suite always verifies quotes: a missing archive is a failure, not a skip."""
    folder = _archive()
    if not folder.is_dir():
        pytest.fail(f"no source archive at {folder}: set SOURCES_ARCHIVE (CI uses ../shared/sources)")
    os.environ["SOURCES_ARCHIVE"] = str(folder)
    return folder


def build(project: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(out)],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """A throwaway copy of the site (code, pages, config) with the given data folder."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest)
    for name in ("docs", "macros", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data or ROOT / "data", dest / "data")
    return dest


@pytest.fixture(scope="session")
def built_site(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out, {"EDIT_BASE": EDIT_BASE})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """A built site served on a free local port, for as long as the block runs: its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    with serving(built_site) as url:
        yield url
