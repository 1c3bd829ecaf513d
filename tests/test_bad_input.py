"""The bad-input corpus: each case is the valid fixture with exactly one defect.

Every case must make `python -m macros check` exit non-zero with a one-line
message naming the file and the field, and never print a Python traceback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from macros.archive import Article

from .conftest import FIXTURE, build, copy_project

EVENT = "data/events/2021-05-05-chung-motegi-london.md"
OTHER_EVENT = "data/events/2020-02-15-munich-meeting.md"
SCRIPT = "<script>alert(1)</script>"


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Path, Path], None]  # (project root, archive folder)
    path: str  # the file the message must name
    field: str  # the field the message must name
    says: str = ""  # a phrase the message must contain


def edit(rel: str, old: str, new: str, count: int = 1) -> Callable[[Path, Path], None]:
    def mutate(root: Path, _archive: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return mutate


def write(rel: str, content: str | bytes) -> Callable[[Path, Path], None]:
    def mutate(root: Path, _archive: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return mutate


def rename(old: str, new: str) -> Callable[[Path, Path], None]:
    return lambda root, _a: (root / old).rename(root / new)


def in_archive(fn: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    return lambda _root, archive: fn(archive)


def quoting(*windows: tuple[int, int], name: str = "data/events/2021-05-06-quoted-event.md") -> Callable[[Path, Path], None]:
    """A new event citing the Hankyoreh article by word windows (first word, word count) of its archived text."""
    def mutate(root: Path, archive: Path) -> None:
        words = Article((archive / "hankyoreh-2021-05-06.txt").read_text(encoding="utf-8")).text.split()
        quotes = "".join(f"  - source: hankyoreh-2021-05-06\n    quote: {json.dumps(' '.join(words[a:a + n]))}\n"
                         for a, n in windows)
        (root / name).write_text(f'---\ndate: "2021-05-06"\ntitle: An event that quotes too much\ndisputes: []\n'
                                 f"sources:\n{quotes}---\nA summary in the editor's own words.\n", encoding="utf-8")
    return mutate


QUOTED = "data/events/2021-05-06-quoted-event.md"


def quoted_in_body(root: Path, archive: Path) -> None:
    """An event whose own prose quotes 35 consecutive words of the article: quote marks do not make it a citation."""
    words = Article((archive / "hankyoreh-2021-05-06.txt").read_text(encoding="utf-8")).text.split()
    start = next(i for i in range(len(words)) if not any(c in " ".join(words[i:i + 35]) for c in '"“”[]{}<>#'))
    (root / QUOTED).write_text(
        '---\ndate: "2021-05-06"\ntitle: An event that quotes in its body\ndisputes: []\nsources:\n'
        '  - source: hankyoreh-2021-05-06\n    quote: "The first meeting in 15 months"\n---\n'
        f'The paper wrote "{" ".join(words[start:start + 35])}".\n', encoding="utf-8")


def empty_data(root: Path, _archive: Path) -> None:
    shutil.rmtree(root / "data")
    (root / "data").mkdir()


CASES = [
    Case("malformed YAML", edit("data/sources.yml", "title: S. Korea", 'title: "S. Korea'), "data/sources.yml", "(yaml)", "invalid YAML"),
    Case("front matter never closed", write(EVENT, '---\ndate: "2021-05-05"\ntitle: No closing line\n'), EVENT, "(front matter)"),
    Case("no front matter", write(EVENT, "Just a paragraph.\n"), EVENT, "(front matter)", "must start with a line '---'"),
    Case("tab indentation", edit("data/people.yml", "  name: Chung", "\tname: Chung"), "data/people.yml", "(yaml)", "invalid YAML"),
    Case("duplicate key", edit(EVENT, "kind: meeting\n", "kind: meeting\nkind: talks\n"), EVENT, "(yaml)", "duplicate key 'kind'"),
    Case("unknown field in an event", edit(EVENT, "kind: meeting", "kind: meeting\nsummary: extra"), EVENT, "summary", "unknown field"),
    Case("unknown field in a list file", edit("data/people.yml", "  name: Chung", "  nickname: C\n  name: Chung"), "data/people.yml", "nickname", "unknown field"),
    Case("missing title", edit(EVENT, "title: Chung and Motegi meet in London\n", ""), EVENT, "title", "required field is missing"),
    Case("missing sources", edit(OTHER_EVENT, "sources:\n  - source: hankyoreh-2021-05-06\n    quote: since the Munich Security Conference on Feb. 15, 2020\n", ""), OTHER_EVENT, "sources", "required field is missing"),
    Case("empty sources list", edit(OTHER_EVENT, "sources:\n  - source: hankyoreh-2021-05-06\n    quote: since the Munich Security Conference on Feb. 15, 2020\n", "sources: []\n"), OTHER_EVENT, "sources", "at least one"),
    Case("wrong type: disputes as text", edit(EVENT, "disputes: [forced-labour, fukushima-water]", "disputes: forced-labour"), EVENT, "disputes", "valid list"),
    Case("wrong type: figure value", edit("data/figures.yml", "value: 15", "value: fifteen"), "data/figures.yml", "value", "number"),
    Case("wrong type: contested", edit("data/glossary.yml", "contested: true", "contested: maybe"), "data/glossary.yml", "contested", "boolean"),
    Case("unknown dispute id", edit(EVENT, "[forced-labour, fukushima-water]", "[forced-labor]"), EVENT, "disputes.0", "unknown id 'forced-labor'"),
    Case("unknown source id", edit(OTHER_EVENT, "source: hankyoreh-2021-05-06", "source: hankyoreh-2021"), OTHER_EVENT, "sources.0.source", "unknown source id"),
    Case("unknown person id", edit(EVENT, "people: [chung-eui-yong]", "people: [chung-eui-young]"), EVENT, "people.0", "unknown id 'chung-eui-young'"),
    Case("unknown related dispute", edit("data/disputes.yml", "related: [fukushima-water]", "related: [fukushima]"), "data/disputes.yml", "related.0", "unknown id"),
    Case("unknown glossary id", edit("data/disputes.yml", "contested_terms: [forced-labour]", "contested_terms: [forced-labor]"), "data/disputes.yml", "contested_terms.0", "unknown id"),
    Case("unknown dispute in a link", edit("data/links.yml", "effect: fukushima-water", "effect: fukushima"), "data/links.yml", "effect", "unknown id"),
    Case("duplicate event (same slug)", write("data/events/2021-05-chung-motegi-london.md",
         (FIXTURE / EVENT).read_text().replace('date: "2021-05-05"', 'date: "2021-05"')), "data/events/2021-05-chung-motegi-london.md", "(file name)", "duplicate event"),
    Case("duplicate id", edit("data/people.yml", "- id: chung-eui-yong", "- id: chung-eui-yong\n  name: Twin\n  role:\n    text: x\n    sources:\n      - source: hankyoreh-2021-05-06\n        quote: Chung\n- id: chung-eui-yong", 1), "data/people.yml", "id", "duplicate id"),
    Case("impossible date", edit(EVENT, '"2021-05-05"', '"2021-02-30"'), EVENT, "date", "not a valid EDTF date"),
    Case("impossible month", edit("data/figures.yml", '"2021-05-05"', '"2019-13"'), "data/figures.yml", "date", "not a valid EDTF date"),
    Case("date in another format", edit(EVENT, '"2021-05-05"', '"05/05/2021"'), EVENT, "date", "not a valid EDTF date"),
    Case("date disagrees with the file name", edit(EVENT, '"2021-05-05"', '"2021-05-06"'), EVENT, "date", "rename the file"),
    Case("file name not lowercase", rename(EVENT, "data/events/2021-05-05-Chung-London.md"), "data/events/2021-05-05-Chung-London.md", "(file name)"),
    Case("file name without a date", rename(EVENT, "data/events/chung-london.md"), "data/events/chung-london.md", "(file name)"),
    Case("stray file in events", write("data/events/notes.txt", "todo"), "data/events/notes.txt", "(file name)"),
    Case("quote not in the source", edit(EVENT, "awkward mood", "cheerful mood"), EVENT, "sources.0.quote", "not found verbatim"),
    Case("quote over 25 words", quoting((200, 26)), QUOTED, "sources.0.quote", "quote is 26 words; quotes may be at most 25 words"),
    Case("source over 25% quoted", quoting(*((a, 20) for a in range(100, 1100, 40))), "data/sources.yml",
         "hankyoreh-2021-05-06.quoted", "at most 25%"),
    Case("quoted stretch over 30 words", quoting((300, 20), (320, 15)), QUOTED, "sources.0.quote",
         "join into a stretch of 35 consecutive words"),
    Case("long quotation in a body", quoted_in_body, QUOTED, "(body)", "join into a stretch of 35 consecutive words"),
    Case("copied prose", edit(OTHER_EVENT, "The two foreign ministers met at the Munich Security Conference.",
                              "The first meeting in 15 months between the foreign ministers of South Korea and Japan took place."),
         OTHER_EVENT, "(body)", "consecutive words are copied from hankyoreh-2021-05-06"),
    Case("empty quote", edit(OTHER_EVENT, "quote: since the Munich Security Conference on Feb. 15, 2020", 'quote: ""'), OTHER_EVENT, "sources.0.quote", "at least 1 character"),
    Case("archive text changed", in_archive(lambda a: (a / "hankyoreh-2021-05-06.txt").write_text("changed")), "data/sources.yml", "hankyoreh-2021-05-06.sha256", "the text changed"),
    Case("archive file missing", in_archive(lambda a: (a / "hankyoreh-2021-05-06.txt").unlink()), "data/sources.yml", "hankyoreh-2021-05-06.sha256", "no archived text"),
    Case("non-UTF-8 event", write(OTHER_EVENT, (FIXTURE / OTHER_EVENT).read_text().replace("Munich Security", "M\u00fcnich Security").encode("latin-1")), OTHER_EVENT, "(file)", "not UTF-8"),
    Case("non-UTF-8 data file", write("data/glossary.yml", (FIXTURE / "data/glossary.yml").read_bytes() + b"# \xff\xfe\n"), "data/glossary.yml", "(file)", "not UTF-8"),
    Case("stray {{ in a body", edit(OTHER_EVENT, "met at the Munich", "met {{ at }} the Munich"), OTHER_EVENT, "(body)", "'{{'"),
    Case("{% in a text field", edit("data/disputes.yml", "text: Unresolved.", "text: Unresolved {% if x %}."), "data/disputes.yml", "status.text", "plain text"),
    Case("HTML in a body", edit(OTHER_EVENT, "The two foreign", "<b>The</b> two foreign"), OTHER_EVENT, "(body)", "plain prose"),
    Case("markdown link in a body", edit(OTHER_EVENT, "Munich Security Conference.\n", "Munich [Security](http://x) Conference.\n"), OTHER_EVENT, "(body)", "plain prose"),
    Case("heading in a body", edit(OTHER_EVENT, "The two foreign", "# The two foreign"), OTHER_EVENT, "(body)", "plain prose"),
    Case("empty body", edit(OTHER_EVENT, "The two foreign ministers met at the Munich Security Conference.\n", ""), OTHER_EVENT, "(body)", "empty"),
    Case("four paragraphs", edit(OTHER_EVENT, "Conference.\n", "Conference.\n\nTwo.\n\nThree.\n\nFour.\n"), OTHER_EVENT, "(body)", "more than 3 paragraphs"),
    Case("extremely long title", edit(EVENT, "title: Chung and Motegi meet in London", "title: " + "Long " * 3000), EVENT, "title", "at most 600 characters"),
    Case("extremely long body", edit(OTHER_EVENT, "The two foreign", "word " * 3000 + "The two foreign"), OTHER_EVENT, "(body)", "characters"),
    Case("contested term without wordings", edit("data/glossary.yml", "  wordings:\n    - side: south-korea\n      wording: forced labor mobilization\n      sources:\n        - source: hankyoreh-2021-05-06\n          quote: compensation for forced labor mobilization\n", ""), "data/glossary.yml", "(entry)", "contested term needs"),
    Case("list file is a mapping", write("data/links.yml", "cause: forced-labour\n"), "data/links.yml", "(file)", "expected a list"),
    Case("missing data file", lambda root, _a: (root / "data/figures.yml").unlink(), "data/figures.yml", "(file)", "missing"),
    Case("empty data folder", empty_data, "data/disputes.yml", "(file)", "missing"),
    Case("unknown kind", edit(EVENT, "kind: meeting", "kind: summit"), EVENT, "kind", "expected one of"),
    Case("bad source sha256", edit("data/sources.yml", "sha256: 1916", "sha256: XYZ"), "data/sources.yml", "sha256", "pattern"),
]


def text_fields(data: object, loc: tuple = ()):
    """Every free-text leaf of a parsed data file: where HTML must be refused."""
    skip = {"id", "source", "date", "side", "type", "kind", "sha256", "language", "country", "cause", "effect",
            "issued", "URL", "disputes", "people", "related", "contested_terms", "value", "contested", "quote"}
    if isinstance(data, dict):
        for k, v in data.items():
            if k not in skip:
                yield from text_fields(v, (*loc, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from text_fields(v, (*loc, i))
    elif isinstance(data, str):
        yield loc, data


def html_cases() -> list[Case]:
    """HTML and script in every text field of every list file, and in every quote."""
    cases = []
    for name in ("sources", "disputes", "people", "glossary", "links", "figures"):
        rel = f"data/{name}.yml"
        text = (FIXTURE / rel).read_text(encoding="utf-8")
        seen = set()
        for loc, value in text_fields(yaml.safe_load(text)):
            if value in seen or text.count(value) != 1:
                continue
            seen.add(value)
            field = loc[-1] if isinstance(loc[-1], str) else loc[-2]
            cases.append(Case(f"HTML in {rel} {'.'.join(map(str, loc))}", edit(rel, value, f"{SCRIPT} {value}"), rel, str(field), "plain text"))
    cases.append(Case("HTML in a quote", edit(OTHER_EVENT, "quote: since", f"quote: {SCRIPT} since"), OTHER_EVENT, "sources.0.quote", "plain text"))
    cases.append(Case("HTML in an event title", edit(OTHER_EVENT, "title: Foreign", f"title: {SCRIPT} Foreign"), OTHER_EVENT, "title", "plain text"))
    cases.append(Case("HTML in a date note", edit(EVENT, "date_note: The", f"date_note: {SCRIPT} The"), EVENT, "date_note", "plain text"))
    return cases


ALL = CASES + html_cases()


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30 and len(html_cases()) >= 20


@pytest.fixture
def project(tmp_path: Path, archive: Path) -> tuple[Path, Path]:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "data", root / "data")
    arch = tmp_path / "archive"
    shutil.copytree(archive, arch)
    return root, arch


def check(root: Path, arch: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros", "--root", str(root), "check"],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent,
        env={**os.environ, "SOURCES_ARCHIVE": str(arch)},
    )


def test_the_fixture_itself_is_valid(project: tuple[Path, Path]) -> None:
    result = check(*project)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("case", ALL, ids=[c.name for c in ALL])
def test_bad_input_is_refused_with_a_clear_message(project: tuple[Path, Path], case: Case) -> None:
    root, arch = project
    case.mutate(root, arch)
    result = check(root, arch)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    lines = [line for line in result.stdout.splitlines() if line.startswith(case.path + ":")]
    assert lines, f"no message names {case.path}:\n{output}"
    matching = [line for line in lines if re.search(rf"(^|[:. ]){re.escape(case.field)}(:|\.| )", line) and case.says in line]
    assert matching, f"no message names field {case.field!r} saying {case.says!r}:\n{output}"
    assert result.stdout.startswith(case.path + ":"), f"the first message should be the defect itself, not a knock-on:\n{output}"


def test_bad_data_fails_the_build_without_writing_a_site(tmp_path: Path, archive: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE / "data")
    edit(EVENT, '"2021-05-05"', '"2021-02-30"')(project, archive)
    out = tmp_path / "site"
    result = build(project, out)
    assert result.returncode != 0
    assert "2021-05-05-chung-motegi-london.md:2: date: '2021-02-30' is not a valid EDTF date" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not out.exists() or not any(out.iterdir()), "a half-built site was written"
