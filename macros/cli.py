"""Command-line tools for editors: check the data, start an event file, report coverage."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .archive import Archive, archive_dir
from .dates import DateError, parse
from .errors import DataErrors
from .load import load_site

ROOT = Path(__file__).resolve().parent.parent


def check(root: Path, require_archive: bool) -> int:
    """Validate all data without building; print every problem as path:line: field: message."""
    archive = Archive(archive_dir(root))
    try:
        site = load_site(root, archive)
    except DataErrors as e:
        for p in e.problems:
            print(p)
        print(f"{len(e.problems)} problem(s) found.", file=sys.stderr)
        return 1
    verified = f"all quotes verified against {archive.folder}" if site.verified else (
        f"quotes NOT verified: no archive at {archive.folder} (set SOURCES_ARCHIVE)")
    print(f"OK: {len(site.events)} events, {len(site.citations)} citations, {len(site.sources)} sources; {verified}.")
    if require_archive and not site.verified:
        print("error: --require-archive was given but the archive is missing.", file=sys.stderr)
        return 1
    return 0


def new_event(root: Path, date: str, title: str, source: str, disputes: list[str]) -> int:
    """Create data/events/<date>-<slug>.md with the front matter filled in."""
    try:
        when = parse(date)
    except DateError as e:
        print(f"error: --date: {e}", file=sys.stderr)
        return 2
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower()))[:60].strip("-")
    if not slug:
        print("error: --title: needs some letters or digits", file=sys.stderr)
        return 2
    path = root / "data" / "events" / f"{when.iso_hint()}-{slug}.md"
    if path.exists():
        print(f"error: {path.relative_to(root)} exists already", file=sys.stderr)
        return 1
    title_yaml = title.replace('"', '\\"')
    path.write_text(
        "---\n"
        f'date: "{when}"\n'
        f'title: "{title_yaml}"\n'
        f"disputes: [{', '.join(disputes)}]\n"
        "people: []\n"
        "kind: other\n"
        "sources:\n"
        f"  - source: {source}\n"
        '    quote: "PASTE THE EXACT PASSAGE FROM THE ARTICLE HERE"\n'
        "---\n"
        "Write one to three short paragraphs in your own neutral words: what happened, and why it matters.\n",
        encoding="utf-8",
    )
    print(f"created {path.relative_to(root)}: fill in the quote, people and kind, then run the check.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this repository)")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="validate every data file and quote; exit 1 on any problem")
    c.add_argument("--require-archive", action="store_true", help="fail when the source archive is missing")
    n = sub.add_parser("new-event", help="create a correctly named event file to fill in")
    n.add_argument("--date", required=True, help='EDTF date at the source\'s precision, e.g. 2019-05-23 or 2018-10')
    n.add_argument("--title", required=True)
    n.add_argument("--source", required=True, help="a source id from data/sources.yml")
    n.add_argument("--dispute", action="append", default=[], help="a dispute id (repeatable)")
    sub.add_parser("coverage", help="print how much of each source is cited, and each dispute's positions and gaps")
    s = sub.add_parser("schema", help="write the JSON Schemas in schemas/ from the models")
    s.add_argument("--check", action="store_true", help="only report schemas that are out of date")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root, args.require_archive)
    if args.command == "coverage":
        return print_coverage(root)
    if args.command == "schema":
        return write_schemas(root / "schemas", args.check)
    return new_event(root, args.date, args.title, args.source, args.dispute)


def print_coverage(root: Path) -> int:
    from . import coverage  # here, not above: the check, run after every edit, does without it and the exports

    archive = Archive(archive_dir(root))
    if not archive.present:
        print(f"error: coverage needs the source archive (none at {archive.folder}; set SOURCES_ARCHIVE)", file=sys.stderr)
        return 1
    try:
        site = load_site(root, archive, ceilings=False)
    except DataErrors as e:
        print(e.summary(), file=sys.stderr)
        return 1
    print(coverage.report(site, archive, root))
    return 0


def write_schemas(folder: Path, check_only: bool) -> int:
    from . import schema

    if check_only:
        out_of_date = schema.stale(folder)
        for name in out_of_date:
            print(f"schemas/{name}: out of date; run `make schema`")
        return 1 if out_of_date else 0
    for name in schema.write(folder):
        print(f"wrote schemas/{name}")
    return 0
