"""Load every data file once, validate it, and return the whole site's data.

All problems are collected and raised together as DataErrors, so nothing is
rendered from data that failed any check.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import ceilings as ceiling_checks
from . import yamlio
from .archive import Archive
from .errors import UNREADABLE, DataErrors, Problem
from .models import FILES, MAX_BODY, Citation, Dispute, Event, EventMeta, Figure, Link, Person, Source, Term

EVENT_NAME = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
OWNER = {"sources": "source", "disputes": "dispute", "people": "person", "glossary": "term", "links": "link", "figures": "figure"}
_BODY_FORBIDDEN = re.compile(r"<\s*[a-zA-Z!/?]|\{\{|\{%|\{#|%\}|\}\}|[\[\]{}]|^\s{0,3}#", re.MULTILINE)
_BODY_SUSPECT = re.compile(r"[<{}\[\]#]")  # in every match of the above: most bodies have none, and this scan is 8x faster


@dataclass
class Cited:
    """A citation and where it stands: the file, the entry and the field."""

    citation: Citation
    path: str
    line: int | None  # of the quote
    source_line: int | None
    owner: str  # "event:<id>", "dispute:<id>", "person:<id>", "term:<id>", "figure:<id>", "link:<n>"
    field: str


@dataclass
class Site:
    sources: dict[str, Source]
    disputes: dict[str, Dispute]
    people: dict[str, Person]
    terms: dict[str, Term]
    links: list[Link]
    figures: dict[str, Figure]
    events: list[Event]
    citations: list[Cited]
    verified: bool
    archive_folder: Path
    archive_hashes: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # "event:<id>" etc. -> data file path
    _by_id: dict[str, Event] = field(default_factory=dict, repr=False)
    _years: dict[int, list[Event]] = field(default_factory=dict, repr=False)

    def by_year(self) -> dict[int, list[Event]]:
        """The events of each year, in order, built once per build."""
        if sum(map(len, self._years.values())) != len(self.events):
            self._years = {}
            for e in self.events:
                self._years.setdefault(e.date.year, []).append(e)
        return self._years

    def event(self, event_id: str) -> Event:
        if len(self._by_id) != len(self.events):
            self._by_id = {e.id: e for e in self.events}
        return self._by_id[event_id]


_PARSED = "explainer_parsed_events"  # a module outside the package, so it outlives the package's re-import


def _parsed_events() -> dict[tuple[str, int, int], tuple[Event, Any]]:
    """Event files read by an earlier build in this process (`mkdocs serve`), by path, mtime and size:
    a rebuild re-reads only the files that changed. Dropped when the code, and so its classes, changed."""
    holder = sys.modules.setdefault(_PARSED, types.ModuleType(_PARSED))
    if getattr(holder, "citation_class", None) is not Citation:
        holder.events, holder.citation_class = {}, Citation
    return holder.events


def walk_citations(value: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Citation]]:
    """Every Citation inside a model, with its location (using YAML field names)."""
    if isinstance(value, Citation):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from walk_citations(getattr(value, name), (*loc, info.alias or name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from walk_citations(item, (*loc, i))


def _field_name(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(entry)"


def _message(err: dict[str, Any]) -> str:
    msg = err["msg"].removeprefix("Value error, ")
    kind = err["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see the contributing guide for the allowed fields)"
    if kind == "literal_error":
        return msg.replace("Input should be", "expected one of")
    if kind == "string_pattern_mismatch" and "a-z0-9" in msg:
        return "expected an id of lowercase letters, digits and single hyphens"
    if kind == "too_short" and "at least 1 item" in msg:
        return "expected at least one item"
    return msg[0].lower() + msg[1:] if msg else kind


class _Reader:
    """Collects problems while reading; one instance per load."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def add(self, path: Path | str, line: int | None, fld: str, message: str) -> None:
        self.problems.append(Problem(path if isinstance(path, str) else self.rel(path), line, fld, message))

    def text(self, path: Path) -> str | None:
        try:
            raw = path.read_bytes()
        except OSError as e:
            self.add(path, None, "(file)", f"cannot read: {e.strerror}")
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            self.add(path, line, "(file)", "not UTF-8 text; save the file with UTF-8 encoding")
            return None
        return text.removeprefix("\ufeff")

    def yaml(self, path: Path, text: str, first_line: int = 1) -> Any:
        try:
            return yamlio.load(text, first_line)
        except yamlio.YAMLProblem as e:
            self.add(path, e.line, "(yaml)", str(e))
            return None

    def model(self, path: Path, data: Any, model: type[BaseModel], prefix: tuple[Any, ...] = (), root_data: Any = None) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as e:
            for err in e.errors():
                loc = (*prefix, *err["loc"])
                line = yamlio.line_of(root_data if root_data is not None else data, loc)
                self.add(path, line, _field_name(tuple(err["loc"])), _message(err))
            return None


def _load_list(r: _Reader, name: str) -> tuple[list[tuple[Any, int | None, Any]], Any]:
    """Entries of data/<name>.yml as (model or None, line, raw), and the raw list for line look-ups."""
    model, _ = FILES[name]
    path = r.root / "data" / f"{name}.yml"
    if not path.is_file():
        r.add(f"data/{name}.yml", None, "(file)", "missing: every site needs this data file")
        return [], None
    text = r.text(path)
    if text is None:
        return [], None
    data = r.yaml(path, text)
    if data is None:
        if text.strip() and not text.lstrip().startswith("#"):
            return [], None
        data = yamlio.LinedList()
        data.lines = []
    if not isinstance(data, list):
        r.add(path, 1, "(file)", f"expected a list of entries (each starting with '- '), got {type(data).__name__}")
        return [], None
    out = []
    for i, entry in enumerate(data):
        line = data.lines[i] if isinstance(data, yamlio.LinedList) else None
        if not isinstance(entry, dict):
            r.add(path, line, f"entry {i + 1}", "expected a mapping of field: value")
            out.append((None, line, entry))
            continue
        out.append((r.model(path, entry, model, (i,), data), line, entry))
    return out, data


def _load_event(r: _Reader, path: Path) -> tuple[Event, Any] | None:
    """The event and its front matter as read (with line numbers), or None after reporting why not."""
    stem = path.stem
    m = EVENT_NAME.match(stem)
    if not m:
        r.add(path, None, "(file name)", "expected YYYY[-MM[-DD]]-short-slug.md in lowercase, e.g. 2019-05-23-kono-kang-paris.md")
        return None
    text = r.text(path)
    if text is None:
        return None
    try:
        fm, body, body_line = yamlio.split_front_matter(text)
    except yamlio.YAMLProblem as e:
        r.add(path, e.line, "(front matter)", str(e))
        return None
    data = r.yaml(path, fm, first_line=1)
    if data is None:
        if fm.strip():
            return None
        r.add(path, 2, "(front matter)", "empty front matter; expected date, title, disputes and sources")
        return None
    if not isinstance(data, dict):
        r.add(path, 2, "(front matter)", "expected field: value lines between the '---' lines")
        return None
    meta = r.model(path, data, EventMeta)
    ok = meta is not None
    body = body.strip("\n")
    bad = _BODY_FORBIDDEN.search(body) if _BODY_SUSPECT.search(body) else None
    if not body.strip():
        r.add(path, body_line, "(body)", "empty; write 1-3 short paragraphs in your own words after the front matter")
        ok = False
    elif bad:
        line = body_line + body[: bad.start()].count("\n") + 1
        r.add(path, line, "(body)", f"found {bad.group().strip()!r}: the body is plain prose (no HTML, headings, links, brackets or {{{{ }}}})")
        ok = False
    elif len(body) > MAX_BODY:
        r.add(path, body_line, "(body)", f"{len(body)} characters; keep the body under {MAX_BODY} (1-3 short paragraphs)")
        ok = False
    elif len([p for p in re.split(r"\n\s*\n", body) if p.strip()]) > 3:
        r.add(path, body_line, "(body)", "more than 3 paragraphs; keep it to 1-3 short paragraphs")
        ok = False
    if not ok or meta is None:
        return None
    if m.group(1) != meta.date.iso_hint():
        r.add(path, yamlio.line_of(data, ("date",)), "date",
              f"the file name starts with {m.group(1)} but date is {meta.date}; rename the file to start with {meta.date.iso_hint()}")
        return None
    return Event.model_construct(**meta.__dict__, id=stem, body=body), data


def load_site(root: Path, archive: Archive | None, ceilings: bool = True) -> Site:
    """Read and check everything under root/data; raise DataErrors listing every problem.

    `ceilings=False` skips the copyright ceilings (share, stretch, copied prose), for reports
    that measure how far the data is over them."""
    with _no_collection():
        return _load_site(root, archive, ceilings)


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """Loading makes many small objects and no garbage cycles: the collector's passes over the growing heap
    only slow it (by about a sixth at 5,000 events). Reference counting still frees what is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_site(root: Path, archive: Archive | None, ceilings: bool) -> Site:
    r = _Reader(root)
    if not (root / "data").is_dir():
        raise DataErrors([Problem("data", None, "(folder)", "missing: expected the data/ folder with the site's data files")])

    loaded = {name: _load_list(r, name) for name in FILES}
    entries = {name: loaded[name][0] for name in FILES}
    raw_lists = {name: loaded[name][1] for name in FILES}
    files: dict[str, str] = {}
    located: dict[str, dict[str, tuple[Any, int | None]]] = {}
    for name, (_, has_id) in FILES.items():
        path = f"data/{name}.yml"
        seen: dict[str, tuple[Any, int | None]] = {}
        for i, (model, line, _raw) in enumerate(entries[name]):
            if model is None:
                continue
            key = model.id if has_id else str(i + 1)
            if key in seen:
                r.add(path, line, "id", f"duplicate id {key!r} (first on line {seen[key][1]})")
                continue
            seen[key] = (model, line)
            files[f"{name}:{key}"] = path
        located[name] = seen

    events: list[Event] = []
    raw_events: dict[str, Any] = {}
    slugs: dict[str, str] = {}
    event_dir = root / "data" / "events"
    event_entries: list[os.DirEntry[str]] = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError), os.scandir(event_dir) as listing:
        event_entries = sorted(listing, key=lambda entry: entry.name)
    if not event_entries:
        r.add("data/events", None, "(folder)", "no event files; add at least one data/events/YYYY-MM-DD-slug.md")
    parsed = _parsed_events()
    still = {}
    for entry in event_entries:
        path = event_dir / entry.name
        if not entry.name.endswith(".md") or not entry.is_file():
            r.add(path, None, "(file name)", "only .md event files belong in data/events/")
            continue
        stat = entry.stat()
        key = (entry.path, stat.st_mtime_ns, stat.st_size)
        loaded_event = parsed.get(key) or _load_event(r, path)
        if loaded_event is not None:
            still[key] = loaded_event
            event, raw_events[loaded_event[0].id] = loaded_event
            slug = EVENT_NAME.match(event.id).group(2)
            if slug in slugs:
                r.add(path, None, "(file name)", f"duplicate event: {slugs[slug]}.md has the same slug {slug!r}; merge them or rename one")
                continue
            slugs[slug] = event.id
            events.append(event)
            files[f"event:{event.id}"] = f"data/events/{entry.name}"

    parsed.clear()
    parsed.update(still)

    sources = {k: v[0] for k, v in located["sources"].items()}
    disputes = {k: v[0] for k, v in located["disputes"].items()}
    people = {k: v[0] for k, v in located["people"].items()}
    terms = {k: v[0] for k, v in located["glossary"].items()}
    figures = {k: v[0] for k, v in located["figures"].items()}
    links = [v[0] for v in located["links"].values()]

    # Cross-references, each reported at its own line; none against a file that could not be read,
    # whose own error is the one to fix first.
    unreadable = {p.path.removeprefix("data/") for p in r.problems if p.field in UNREADABLE}
    invalid = {f"{name}.yml": {raw.get("id") for model, _, raw in entries[name] if model is None and isinstance(raw, dict)}
               for name in FILES}

    def excused(ident: str, what: str) -> bool:
        """An id missing only because its file or entry is already reported as broken."""
        return what in unreadable or ident in invalid.get(what, ())

    def check_ids(path: str, raw: Any, loc: tuple[Any, ...], ids: list[str] | str, known: dict[str, Any], what: str,
                  label: str | None = None) -> None:
        """`label` names a list file's entry (its id) in place of its index; a str `ids` is a single-id field."""
        for j, ident in enumerate([ids] if isinstance(ids, str) else ids):
            if ident not in known and not excused(ident, what):
                where = loc if isinstance(ids, str) else (*loc, j)
                shown = (label, *where[1:]) if label else where
                hint = f"one of {', '.join(sorted(known))}" if len(known) <= 8 else f"an id from data/{what}"
                r.add(path, yamlio.line_of(raw, where), _field_name(shown), f"unknown id {ident!r}; expected {hint}")

    for name in ("disputes", "glossary", "figures", "links"):
        path = f"data/{name}.yml"
        raws = raw_lists[name]
        for i, (model, _line, _raw) in enumerate(entries[name]):
            if model is None:
                continue
            label = getattr(model, "id", None) or f"link {i + 1}"
            if name == "disputes":
                check_ids(path, raws, (i, "related"), model.related, disputes, "disputes.yml", label)
                check_ids(path, raws, (i, "contested_terms"), model.contested_terms, terms, "glossary.yml", label)
            elif name == "links":
                for fld in ("cause", "effect"):
                    check_ids(path, raws, (i, fld), getattr(model, fld), disputes, "disputes.yml", label)
            else:
                check_ids(path, raws, (i, "disputes"), model.disputes, disputes, "disputes.yml", label)

    # Citations: known source, and (when the archive is here) a verbatim quote.
    cited: list[Cited] = []
    for name, (_, has_id) in FILES.items():
        path = f"data/{name}.yml"
        raws = raw_lists[name]
        for i, (model, _line, _raw) in enumerate(entries[name]):
            if model is None:
                continue
            owner = f"{OWNER[name]}:{model.id if has_id else i + 1}"
            for loc, c in walk_citations(model, (i,)):
                cited.append(Cited(c, path, yamlio.line_of(raws, (*loc, "quote")), yamlio.line_of(raws, (*loc, "source")),
                                   owner, _field_name(loc[1:])))
    for event in events:
        path = files[f"event:{event.id}"]
        raw = raw_events[event.id]
        check_ids(path, raw, ("disputes",), event.disputes, disputes, "disputes.yml")
        check_ids(path, raw, ("people",), event.people, people, "people.yml")
        # An event's citations are all in its `sources` list (a test holds EventMeta to that): read directly,
        # without the generic walk, since thousands of events each carry several.
        for i, (c, as_read) in enumerate(zip(event.sources, raw["sources"])):
            cited.append(Cited(c, path, as_read.lines["quote"], as_read.lines["source"], f"event:{event.id}", f"sources.{i}"))

    archive = archive or Archive(root / "archive")
    verified = archive.present
    for c in cited:
        sid = c.citation.source
        if sid not in sources:
            if excused(sid, "sources.yml"):
                continue
            r.add(c.path, c.source_line, f"{c.field}.source", f"unknown source id {sid!r}; expected one of {', '.join(sorted(sources))}")
            continue
        if not verified:
            continue
        quote_problem = _check_quote(archive, sources[sid], c.citation.quote)
        if quote_problem:
            r.add(c.path, c.line, f"{c.field}.quote", quote_problem)

    if verified:
        for sid, src in sources.items():
            problem = _check_archive(archive, src)
            if problem:
                r.add("data/sources.yml", located["sources"][sid][1], f"{sid}.sha256", problem)

    events.sort(key=lambda e: (e.date.sort_key(), e.id))
    site = Site(
        sources=sources, disputes=disputes, people=people, terms=terms, links=links, figures=figures,
        events=events, citations=cited, verified=verified, archive_folder=archive.folder,
        archive_hashes=dict(archive.hashes), files=files,
    )
    if verified and ceilings and not r.problems:
        articles = {sid: archive.article(sid) for sid in sources}
        quotes = project_quotes(root, site) + ceiling_checks.prose_quotes(site, articles)
        r.problems += ceiling_checks.problems(
            ceiling_checks.measure(articles, quotes),
            {sid: line for sid, (_, line) in located["sources"].items()})
        r.problems += ceiling_checks.echo_problems(site, articles)
    if r.problems:
        raise DataErrors(r.problems)
    return site


def project_quotes(root: Path | None, site: Site) -> list[ceiling_checks.Quoted]:
    """Every quote the project publishes: the data's citations and (given the root) the pages' worked examples."""
    return [ceiling_checks.Quoted(c.citation.source, c.citation.quote, c.path, c.line, f"{c.field}.quote")
            for c in site.citations] + (ceiling_checks.doc_quotes(root) if root else [])


def _check_archive(archive: Archive, source: Source) -> str | None:
    try:
        archive.read(source.id)
    except FileNotFoundError:
        return f"no archived text at {archive.path(source.id)}; every source needs its text in the archive"
    except (OSError, UnicodeDecodeError) as e:
        return f"cannot read the archived text {archive.path(source.id)}: {e}"
    actual = archive.hashes[source.id]
    if actual != source.sha256:
        return f"the archived text's SHA-256 is {actual}, not the recorded one: the text changed; re-check its quotes, then update sha256"
    return None


def _check_quote(archive: Archive, source: Source, quote: str) -> str | None:
    try:
        found = archive.contains(source.id, quote)
    except (OSError, UnicodeDecodeError):
        return None  # reported once, against the source, by _check_archive
    if not found:
        return f"not found verbatim in the archived text of {source.id}: {quote!r}"
    return None
