"""The editor commands: check, new-event, coverage."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURE, ROOT


def cli(root: Path, *args: str, archive: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    if archive:
        env["SOURCES_ARCHIVE"] = str(archive)
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    return tmp_path


def test_check_reports_ok_with_counts(project: Path, archive: Path) -> None:
    result = cli(project, "check", archive=archive)
    assert result.returncode == 0
    assert result.stdout.startswith("OK: 2 events,") and "all quotes verified" in result.stdout


def test_check_without_archive_says_so_and_can_require_it(project: Path, tmp_path: Path) -> None:
    result = cli(project, "check", archive=tmp_path / "nowhere")
    assert result.returncode == 0 and "quotes NOT verified" in result.stdout
    assert cli(project, "check", "--require-archive", archive=tmp_path / "nowhere").returncode == 1


def test_new_event_scaffold_then_fill_in(project: Path, archive: Path) -> None:
    made = cli(project, "new-event", "--date", "2021-02", "--title", "Chung takes office!", "--source", "hankyoreh-2021-05-06",
               "--dispute", "forced-labour")
    assert made.returncode == 0, made.stderr
    path = project / "data" / "events" / "2021-02-chung-takes-office.md"
    assert path.is_file()
    failing = cli(project, "check", archive=archive)
    assert failing.returncode == 1
    assert "data/events/2021-02-chung-takes-office.md:9: sources.0.quote: not found verbatim" in failing.stdout
    path.write_text(path.read_text().replace("PASTE THE EXACT PASSAGE FROM THE ARTICLE HERE",
                                             "Chung, who became Minister of Foreign Affairs in early February"))
    assert cli(project, "check", archive=archive).returncode == 0
    again = cli(project, "new-event", "--date", "2021-02", "--title", "Chung takes office", "--source", "x")
    assert again.returncode == 1 and "exists already" in again.stderr


def test_new_event_refuses_a_bad_date(project: Path) -> None:
    result = cli(project, "new-event", "--date", "2021-02-30", "--title", "x", "--source", "y")
    assert result.returncode == 2 and "not a valid EDTF date" in result.stderr


def test_coverage_prints_numbers(project: Path, archive: Path) -> None:
    result = cli(project, "coverage", archive=archive)
    assert result.returncode == 0, result.stderr
    assert "hankyoreh-2021-05-06" in result.stdout and "quarters" in result.stdout
    assert "forced-labour" in result.stdout and "(sources silent on: South Korea)" in result.stdout
