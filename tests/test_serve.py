"""`mkdocs serve` picks up edits to data/ and macros/ without a restart, and survives a bad file."""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import FIXTURE, copy_project

EVENT = "data/events/2021-05-05-chung-motegi-london.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, predicate, what: str, proc: subprocess.Popen, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"mkdocs serve died while waiting for {what}"
        page = fetch(url)
        if page and predicate(page):
            return page
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(tmp_path: Path, archive: Path):
    project = copy_project(tmp_path / "project", FIXTURE / "data")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCES_ARCHIVE": str(archive)},
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url + "timeline/", lambda p: "Chung and Motegi meet in London" in p, "the first build", proc)
        yield project, url, proc, tmp_path / "serve.log"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def test_serve_reloads_data_and_code_and_survives_a_bad_file(served) -> None:
    project, url, proc, log = served
    event = project / EVENT
    good = event.read_text()

    event.write_text(good.replace("Chung and Motegi meet in London", "Chung and Motegi hold talks in London"))
    wait_for(url + "timeline/", lambda p: "Chung and Motegi hold talks in London" in p, "the edited event", proc)

    pages_py = project / "macros" / "pages.py"
    pages_py.write_text(pages_py.read_text().replace('Where it stands', 'Where it stands today'))
    wait_for(url + "disputes/forced-labour/", lambda p: "Where it stands today" in p, "the edited macro", proc)

    event.write_text(good.replace("date: \"2021-05-05\"", "date: \"2021-02-30\""))
    page = wait_for(url + "timeline/", lambda p: "problem(s)" in p, "the error banner", proc)
    assert "2021-05-05-chung-motegi-london.md:2: date:" in html.unescape(page)
    assert "is not a valid EDTF date" in log.read_text()
    assert "Traceback" not in log.read_text()

    event.write_text(good)
    wait_for(url + "timeline/", lambda p: "problem(s)" not in p and "Chung and Motegi meet in London" in p, "recovery", proc)


def test_following_the_guide_a_new_source_and_event_appear_live(served) -> None:
    """An editor adds the guide's example source, an event citing it, and edits a person, with the server running."""
    from .test_guide import merge, yaml_example

    project, url, proc, _log = served
    merge(project, "sources.yml", yaml_example("container-title"))
    (project / "data/events/2022-yoon-campaign-promise.md").write_text(
        '---\ndate: "2022"\ntitle: Yoon Suk-yeol campaigns to improve ties\ndisputes: [forced-labour]\npeople: []\nkind: election\n'
        "sources:\n  - source: ft-2022-06\n    quote: campaigned on a promise to improve ties\n---\n"
        "Yoon Suk-yeol campaigned on a promise to improve relations with Japan.\n", encoding="utf-8")
    for page in ("disputes/forced-labour/", "timeline/", "timeline/2022/", "sources/"):
        wait_for(url + page, lambda p: "Yoon Suk-yeol campaigns to improve ties" in p, f"the new event on {page}", proc)
    sources = fetch(url + "sources/")
    assert "Japan and South Korea seek a relationship reset" in html.unescape(sources)

    people = project / "data/people.yml"
    people.write_text(people.read_text().replace("name: Chung Eui-yong", "name: Chung Eui-yong (edited)"))
    wait_for(url + "people/", lambda p: "Chung Eui-yong (edited)" in p, "the edited person", proc)


def test_a_serve_rebuild_that_reuses_unchanged_pages_builds_what_a_fresh_build_builds(archive: Path, tmp_path: Path) -> None:
    """Under serve, pages whose markdown did not change keep their last rendering: the result must be the same site."""
    project = copy_project(tmp_path / "project", FIXTURE / "data")
    script = f"""
import os, sys
os.environ["EXPLAINER_LIVE_PREVIEW"] = "1"
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build
def once(out):
    config = load_config("mkdocs.yml", site_dir=out)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
once({str(tmp_path / "first")!r})
event = Path({EVENT!r})
event.write_text(event.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
once({str(tmp_path / "served")!r})
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    fresh = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "fresh")], cwd=project,
                           capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert fresh.returncode == 0, fresh.stderr
    pages = sorted(p.relative_to(tmp_path / "fresh") for p in (tmp_path / "fresh").rglob("*.html"))
    assert "Edited" in (tmp_path / "served" / "timeline" / "2021" / "index.html").read_text(encoding="utf-8")
    for page in pages:
        served = (tmp_path / "served" / page).read_text(encoding="utf-8")
        # The only difference allowed: serve's pages carry the live-reload script.
        served = served.replace(re.search(r"<script>[^<]*livereload[^<]*</script>", served)[0], "") if "livereload" in served else served
        assert served == (tmp_path / "fresh" / page).read_text(encoding="utf-8"), f"{page}: differs from a fresh build"
