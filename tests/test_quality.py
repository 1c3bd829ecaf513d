"""Site-wide checks with real tools: links, the workflow, the editor schemas, reproducible builds."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

from macros import schema

from .conftest import FIXTURE, ROOT, build, copy_project

BIN = Path(sys.executable).parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_no_broken_internal_links_or_anchors(built_site: Path) -> None:
    result = run(str(BIN / "lychee"), "--offline", "--no-progress", "--include-fragments", "--index-files", "index.html",
                 "--root-dir", str(built_site), str(built_site / "**" / "*.html"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 Errors" in result.stdout + result.stderr


def test_workflow_passes_zizmor_and_the_github_schema() -> None:
    workflows = [str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml")]
    assert workflows
    z = run(str(BIN / "zizmor"), "--offline", "--no-progress", *workflows)
    assert z.returncode == 0 and "No findings" in z.stdout + z.stderr, z.stdout + z.stderr
    s = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows)
    assert s.returncode == 0, s.stdout + s.stderr


def test_workflow_deploys_only_from_main_after_the_checks() -> None:
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text()
    assert "permissions: {}" in text and "needs: test" in text
    assert "if: github.event_name == 'push' && github.ref == 'refs/heads/main'" in text
    for line in text.splitlines():
        if "uses:" in line:
            ref = line.split("@", 1)[1].split()[0]
            assert len(ref) == 40, f"action not pinned to a commit: {line.strip()}"


def test_committed_schemas_are_up_to_date() -> None:
    assert schema.stale(ROOT / "schemas") == [], "run `make schema` and commit schemas/"


def test_data_files_validate_against_the_committed_schemas() -> None:
    for name in ("sources", "disputes", "people", "glossary", "links", "figures"):
        r = run(str(BIN / "check-jsonschema"), "--schemafile", str(ROOT / "schemas" / f"{name}.schema.json"),
                str(ROOT / "data" / f"{name}.yml"))
        assert r.returncode == 0, r.stdout + r.stderr


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path: Path, archive: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE / "data")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first, second = tmp_path / "one", tmp_path / "two"
    assert build(project, first, env).returncode == 0
    os.utime(project / "data" / "sources.yml")  # a fresh checkout has fresh file times
    assert build(project, second, env).returncode == 0
    cmp = filecmp.dircmp(first, second)
    differing: list[str] = []

    def walk(c: filecmp.dircmp, prefix: str = "") -> None:
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        differing.extend(prefix + f for f in mismatch + errors + c.left_only + c.right_only)
        for name, sub in c.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(cmp)
    assert differing == []
