"""The same tree built by the other engines: the macros as Zensical loads them, then whole builds."""

from __future__ import annotations

import html
import importlib.util
import posixpath
import re
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from .conftest import EDIT_BASE, FIXTURE, ROOT

ENGINES = ["properdocs", "zensical"]
MARKER = re.compile(r'<sup id="fnref\d*:(c\d+)">')
NOTE = re.compile(r'<li id="fn:(c\d+)">')
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
LINK = re.compile(r'<a\b([^>]*)>')
HREF = re.compile(r'\bhref="([^"]*)"')


@pytest.fixture
def zensical_define_env(archive: Path):
    """macros/__init__.py loaded the way Zensical 0.0.73 loads it: by file path, not registered, no package;
    the package's modules and sys.path are put back afterwards, so the other tests keep theirs."""

    def ours() -> list[str]:
        return [m for m in sys.modules if m == "macros" or m.startswith("macros.")]

    modules, path = {m: sys.modules.pop(m) for m in ours()}, list(sys.path)
    # As in a fresh Zensical process: no package imported, and nothing put the project root on the path.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT]

    def define_env(page: str, project: Path = FIXTURE) -> SimpleNamespace:
        spec = importlib.util.spec_from_file_location("macros", ROOT / "macros" / "__init__.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        env = SimpleNamespace(page=SimpleNamespace(path=page, meta={}), conf={"extra": {}}, project_dir=str(project), macros={})
        env.macro = lambda fn, name: env.macros.__setitem__(name, fn)
        module.define_env(env)
        return env

    yield define_env
    for name in ours():
        del sys.modules[name]
    sys.modules.update(modules)
    sys.path[:] = path


def test_under_zensical_each_page_gets_its_own_notes_and_the_data_is_loaded_once(zensical_define_env) -> None:
    first, second = zensical_define_env("disputes/forced-labour.md"), zensical_define_env("index.md")
    assert first.explainer is not second.explainer and first.explainer.site is second.explainer.site
    one = first.macros["dispute"]("forced-labour")
    assert "[^c1]:" in one and "](../sources.md#" in one, "links are relative to the page's own path"
    assert "[^c1]:" in second.macros["home"](), "the next page numbers its notes from 1 again"


def test_under_zensical_an_edited_data_file_is_loaded_again(zensical_define_env, tmp_path: Path) -> None:
    from .conftest import copy_project

    project = copy_project(tmp_path / "project", FIXTURE / "data")
    before = zensical_define_env("people.md", project).explainer.site
    people = project / "data" / "people.yml"
    people.write_text(people.read_text().replace("name: Chung Eui-yong", "name: Chung Eui-yong (edited)"))
    after = zensical_define_env("people.md", project)
    assert after.explainer.site is not before and "Chung Eui-yong (edited)" in after.macros["people"]()


def test_the_zensical_stage_has_the_year_pages_mkdocs_generates(tmp_path: Path) -> None:
    from macros.engines import LINKED, stage
    from macros.hooks import event_years, year_page

    config = stage(ROOT, tmp_path / "stage")
    years = event_years(ROOT)
    assert years and config.read_text().replace("  - macros.engines\n", "", 1) == (ROOT / "mkdocs.yml").read_text()
    for year in years:
        assert (config.parent / f"docs/timeline/{year}.md").read_text() == year_page(year)
    assert all((config.parent / name).resolve() == ROOT / name for name in LINKED)
    assert stage(ROOT, tmp_path / "stage") == config, "staging again starts afresh"


@pytest.fixture(scope="session", params=ENGINES)
def engine_site(request: pytest.FixtureRequest, archive: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The real site built by another engine, as `make build ENGINE=…` builds it."""
    from macros.engines import BuildError, build

    out, work = tmp_path_factory.mktemp(request.param), tmp_path_factory.mktemp(f"{request.param}-stage")
    try:
        build(request.param, out / "site", stage_dir=work / "stage", env={"EDIT_BASE": EDIT_BASE}, capture=True)
    except BuildError as e:
        pytest.fail(str(e))
    return request.param, out / "site"


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


def test_every_page_of_the_mkdocs_build_is_built(engine_site: tuple[str, Path], built_site: Path) -> None:
    engine, site = engine_site
    missing = sorted(set(pages(built_site)) - set(pages(site)))
    assert not missing, f"{engine}: {len(missing)} page(s) MkDocs builds are missing: {', '.join(missing)}"


def test_every_citation_has_its_footnote_as_under_mkdocs(engine_site: tuple[str, Path], built_site: Path) -> None:
    engine, site = engine_site
    for page in pages(built_site):
        theirs, ours = (built_site / page).read_text(encoding="utf-8"), (site / page).read_text(encoding="utf-8")
        notes = NOTE.findall(ours)
        unresolved = sorted(set(MARKER.findall(ours)) - set(notes)) + re.findall(r"\[\^c\d+\]", ours)  # left as text
        assert not unresolved, f"{engine}: {page}: citations without a footnote: {', '.join(unresolved)}"
        expected = len(NOTE.findall(theirs))
        assert len(notes) == expected, f"{engine}: {page}: {len(notes)} footnotes, MkDocs has {expected}"
        assert MARKER.findall(ours) == MARKER.findall(theirs), f"{engine}: {page}: footnote markers differ from MkDocs"


def test_the_post_build_steps_ran(engine_site: tuple[str, Path], built_site: Path) -> None:
    engine, site = engine_site
    manifest = site / "verification.json"
    assert manifest.is_file(), f"{engine}: no verification.json"
    assert manifest.read_text(encoding="utf-8") == (built_site / "verification.json").read_text(encoding="utf-8"), \
        f"{engine}: verification.json differs from MkDocs'"
    assert (site / "pagefind" / "pagefind-entry.json").is_file(), f"{engine}: no Pagefind index"
    published = sorted(str(p.relative_to(built_site)) for p in (built_site / "downloads").iterdir()) + ["feed.xml"]
    for name in published:
        assert (site / name).is_file(), f"{engine}: no {name}"
        assert (site / name).read_bytes() == (built_site / name).read_bytes(), f"{engine}: {name} differs from MkDocs'"


HEAD_PARTS = {
    "description": re.compile(r'<meta name="description" content="([^"]*)"'),
    "JSON-LD": re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S),
    "Cite this page": re.compile(r'<code class="language-json" id="cite-csl">(.*?)</code>', re.S),
}


def test_every_page_has_the_head_and_citation_it_has_under_mkdocs(engine_site: tuple[str, Path], built_site: Path) -> None:
    engine, site = engine_site
    for page in pages(built_site):
        theirs, ours = (built_site / page).read_text(encoding="utf-8"), (site / page).read_text(encoding="utf-8")
        for what, pattern in HEAD_PARTS.items():
            # Zensical's templates escape differently (&quot; for &#34;, &#x2f; for /): compare the text they stand for.
            assert [html.unescape(x) for x in pattern.findall(ours)] == [html.unescape(x) for x in pattern.findall(theirs)], \
                f"{engine}: {page}: the {what} differs from MkDocs'"


def test_a_data_error_fails_the_zensical_build_as_it_fails_mkdocs(archive: Path, tmp_path: Path) -> None:
    from macros.engines import BuildError, build

    from .conftest import copy_project

    project = copy_project(tmp_path / "project", FIXTURE / "data")
    event = project / "data/events/2021-05-05-chung-motegi-london.md"
    event.write_text(event.read_text().replace('date: "2021-05-05"', 'date: "2021-02-30"'))
    problem = "2021-05-05-chung-motegi-london.md:2: date: '2021-02-30' is not a valid EDTF date"
    with pytest.raises(BuildError, match=re.escape(problem)) as failed:
        build("zensical", tmp_path / "site", project, capture=True)
    assert str(failed.value).count(problem) <= 2, "the problem is logged once (and summed up once), not once per page"
    assert not (tmp_path / "site").exists()


def links(site: Path, page: str) -> Counter[str]:
    """The links of a page's content, each as the site file (and anchor) it leads to, or as written if external.
    The page's own edit button is left out: Zensical 0.0.73 has no way to set a page's edit_url (README)."""
    body = ARTICLE.search((site / page).read_text(encoding="utf-8"))
    found: Counter[str] = Counter()
    for attrs in LINK.findall(body.group(1) if body else ""):
        if "md-content__button" in attrs or not (m := HREF.search(attrs)):
            continue
        href = m.group(1)
        path, _, anchor = href.partition("#")
        if re.match(r"[a-z]+:", href) or not path:
            found[href if path or not anchor else f"{page}#{anchor}"] += 1
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        target = target if target.endswith(".html") else posixpath.normpath(f"{target}/index.html")
        found[target + (f"#{anchor}" if anchor else "")] += 1
    return found


def test_every_link_and_term_leads_where_it_leads_under_mkdocs(engine_site: tuple[str, Path], built_site: Path) -> None:
    """Links written into raw HTML (terms, diagrams) included: Zensical rewrites those, MkDocs does not."""
    engine, site = engine_site
    for page in pages(built_site):
        ours, theirs = links(site, page), links(built_site, page)
        missing, extra = sorted((theirs - ours).elements()), sorted((ours - theirs).elements())
        assert not missing and not extra, f"{engine}: {page}: links missing {missing[:5]}, links extra {extra[:5]}"
