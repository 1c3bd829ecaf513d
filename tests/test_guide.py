"""The contributing guide is exercised: every example in it is valid, and every error it explains is real.

An editor follows docs/contributing.md and nothing else, so each worked example
must pass `make check` as written, and each row of its error table must be what
the check actually prints for that mistake.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURE, ROOT
from .test_bad_input import check, edit, in_archive, quoting, rename, write
from .test_cli import cli

GUIDE = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^( *)```(\w+)\n(.*?)^\1```", re.S | re.M)
EXAMPLE_EVENT = "data/events/2021-05-05-chung-motegi-london.md"


def blocks(lang: str) -> list[str]:
    out = []
    for indent, language, body in BLOCK.findall(GUIDE):
        if language == lang:
            out.append("\n".join(line.removeprefix(indent) for line in body.splitlines()) + "\n")
    return out


def yaml_example(key: str) -> list[dict]:
    """The guide's YAML example whose entries carry `key` (e.g. `container-title` for a source)."""
    found = [yaml.safe_load(b) for b in blocks("yaml") if re.search(rf"^\s*-?\s*{re.escape(key)}:", b, re.M)]
    assert len(found) == 1, f"expected one YAML example with {key!r} in the guide"
    return found[0]


def merge(root: Path, file: str, entries: list[dict]) -> None:
    """Add the guide's entries to a data file, replacing any entry with the same id, as an editor would."""
    path = root / "data" / file
    current = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    ids = {e["id"] for e in entries if "id" in e}
    kept = [e for e in current if e.get("id") not in ids or "id" not in e]
    path.write_text(yaml.safe_dump(kept + entries, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, archive: Path) -> tuple[Path, Path]:
    """The fixture data plus every real source and person, with a private copy of the archive."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "data", root / "data")
    for name in ("sources.yml", "people.yml"):
        shutil.copy(ROOT / "data" / name, root / "data" / name)
    arch = tmp_path / "archive"
    shutil.copytree(archive, arch)
    return root, arch


def test_the_worked_example_event_passes_the_check(project: tuple[Path, Path]) -> None:
    root, arch = project
    (example,) = blocks("markdown")
    (root / EXAMPLE_EVENT).write_text(example, encoding="utf-8")
    result = check(root, arch)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("file", "key"), [
    ("sources.yml", "container-title"), ("people.yml", "says"), ("glossary.yml", "wordings"), ("links.yml", "cause"),
])
def test_every_yaml_example_passes_the_check(project: tuple[Path, Path], file: str, key: str) -> None:
    root, arch = project
    merge(root, file, yaml_example(key))
    result = check(root, arch)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_scaffold_command_in_the_guide_works(project: tuple[Path, Path]) -> None:
    root, _arch = project
    (line,) = [ln for b in blocks("sh") for ln in b.splitlines() if ln.startswith("make event ")]
    args = dict(arg.split("=", 1) for arg in shlex.split(line)[2:])
    before = set((root / "data" / "events").iterdir())
    made = cli(root, "new-event", "--date", args["date"], "--title", args["title"], "--source", args["source"])
    assert made.returncode == 0, made.stderr
    (new,) = set((root / "data" / "events").iterdir()) - before
    assert new.name.startswith(args["date"] + "-") and f"source: {args['source']}" in new.read_text()


def test_the_sample_error_line_is_what_the_check_prints(project: tuple[Path, Path]) -> None:
    root, arch = project
    (sample,) = [ln for b in blocks("text") for ln in b.splitlines() if ln.startswith("data/")]
    path, line, field, _ = sample.split(":", 3)
    quote = re.search(r"'(.*)'$", sample).group(1)
    (root / path).write_text(
        '---\ndate: "2019-05-23"\ntitle: Kono and Kang meet in Paris\ndisputes: []\npeople: []\nkind: meeting\n'
        f"sources:\n  - source: asahi-2019\n    quote: {quote}\n---\nThe two foreign ministers met in Paris.\n",
        encoding="utf-8")
    assert (root / path).read_text().splitlines()[int(line) - 1].strip().startswith(field.strip().split(".")[-1])
    result = check(root, arch)
    assert sample in result.stdout.splitlines(), result.stdout


Mutation = Callable[[Path, Path], None]


GOOD_QUOTE = "finally took place amid an awkward mood Wednesday."
LONG_QUOTE = "The first meeting in 15 months between the foreign ministers of South Korea and Japan finally took place amid an awkward mood Wednesday."
MISTAKES: dict[str, Mutation] = {
    "not found verbatim in the archived text of …": edit(EXAMPLE_EVENT, "awkward mood", "cheerful mood"),
    "quote is N words; quotes may be at most 25 words": edit(EXAMPLE_EVENT, f"quote: {GOOD_QUOTE}", f"quote: {LONG_QUOTE} {GOOD_QUOTE}"),
    "quotes of … join into a stretch of N consecutive words": quoting((300, 20), (320, 15)),
    "the project quotes …% of this article's N words (at most 25%)": quoting(*((a, 20) for a in range(100, 1100, 40))),
    "… consecutive words are copied from … without quote marks": edit(
        EXAMPLE_EVENT, "The two foreign ministers", "The first meeting in 15 months between the foreign ministers of South Korea and Japan"),
    "is not a valid EDTF date": edit(EXAMPLE_EVENT, '"2021-05-05"', '"05/05/2021"'),
    "the file name starts with … but date is …": edit(EXAMPLE_EVENT, '"2021-05-05"', '"2021-05-06"'),
    "expected YYYY[-MM[-DD]]-short-slug.md": rename(EXAMPLE_EVENT, "data/events/Chung Motegi London.md"),
    "unknown id '…'": edit(EXAMPLE_EVENT, "people: [chung-eui-yong]", "people: [chung-eui-young]"),
    "unknown field": edit(EXAMPLE_EVENT, "disputes:", "dispute:"),
    "required field is missing": edit(EXAMPLE_EVENT, "title: Chung and Motegi meet in London\n", ""),
    "must be plain text: no HTML tags …": edit(EXAMPLE_EVENT, "title: Chung and Motegi", "title: <b>Chung</b> and Motegi"),
    "found '…': the body is plain prose": edit(EXAMPLE_EVENT, "The two foreign ministers", "## The two foreign ministers"),
    "invalid YAML: …": edit(EXAMPLE_EVENT, "title: Chung", 'title: "Chung'),
    "duplicate key …": edit(EXAMPLE_EVENT, "kind: meeting\n", "kind: meeting\nkind: talks\n"),
    "not UTF-8 text": write(EXAMPLE_EVENT, (FIXTURE / EXAMPLE_EVENT).read_text().replace("London", "Lond\u00f3n").encode("latin-1")),
    "the archived text's SHA-256 is …": in_archive(lambda a: (a / "hankyoreh-2021-05-06.txt").write_text("changed")),
    "no archived text at …": in_archive(lambda a: (a / "hankyoreh-2021-05-06.txt").unlink()),
}


def error_table() -> list[str]:
    section = GUIDE.split("{ #errors }", 1)[1]
    return re.findall(r"^\| `(.+?)` \|", section, re.M)


def as_pattern(phrase: str) -> re.Pattern[str]:
    """The table's `…` (and the N of "N words") stand for whatever the message fills in."""
    return re.compile(".+?".join(re.escape(p) for p in phrase.replace(" N ", " … ").split("…")))


def test_every_row_of_the_error_table_has_a_case() -> None:
    assert error_table() == list(MISTAKES), "the guide's error table and the cases here must list the same messages"


@pytest.mark.parametrize("phrase", list(MISTAKES))
def test_each_explained_error_is_what_the_check_prints(project: tuple[Path, Path], phrase: str) -> None:
    root, arch = project
    MISTAKES[phrase](root, arch)
    result = check(root, arch)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert as_pattern(phrase).search(result.stdout + result.stderr), f"{phrase!r} not in:\n{result.stdout}{result.stderr}"
