"""What a reader sees, in Debian's headless Chromium driven by Playwright.

Screenshots of every page go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from macros.archive import Archive, archive_dir
from macros.load import load_site

from .conftest import ROOT, build, copy_project, serving

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
PAGES = ["", "disputes/forced-labour/", "disputes/comfort-women/", "disputes/export-controls/",
         "disputes/fukushima-water/", "disputes/gsomia/", "timeline/", "timeline/2020/", "people/", "glossary/",
         "figures/", "sources/", "data/", "about/", "contributing/", "search/"]


@pytest.fixture(scope="module")
def browser() -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.foreign = []  # type: ignore[attr-defined]
    host = urlparse(site_url).netloc

    def watch(request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != host:
            pg.foreign.append(request.url)  # type: ignore[attr-defined]

    pg.on("request", watch)
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    yield pg
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_and_self_contained(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{path.strip('/').replace('/', '_') or 'home'}.png"), full_page=True)
    results = Axe().run(page)
    violations = results.response["violations"]
    assert not violations, results.generate_report()
    assert page.foreign == [], f"requests to other hosts: {page.foreign}"  # type: ignore[attr-defined]
    assert page.errors == [], f"script errors: {page.errors}"  # type: ignore[attr-defined]


def test_footnote_tooltip_shows_the_quote_and_source(page: Page, site_url: str) -> None:
    page.goto(site_url + "disputes/forced-labour/")
    ref = page.locator("sup a.footnote-ref, a.footnote-ref").first
    target = ref.get_attribute("href").lstrip("#")
    expected = page.locator(f'li[id="{target}"]').inner_text().split("—")[0].strip().strip("“”")
    ref.hover()
    tooltip = page.locator(".md-tooltip2").filter(has_text=expected[:40]).first
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert expected[:40] in text and "—" in text


def test_a_note_with_several_passages_shows_them_all_in_its_tooltip(page: Page, site_url: str) -> None:
    page.goto(site_url + "disputes/forced-labour/")
    notes = page.locator("div.footnote li").filter(has=page.locator("p:nth-of-type(2)"))
    assert notes.count() > 0, "expected a statement resting on more than one passage"
    note = notes.first
    passages = [p.split("—")[0].strip().strip("“”")[:30] for p in note.locator("p").all_inner_texts()]
    ref = page.locator(f'a.footnote-ref[href="#{note.get_attribute("id")}"]').first
    ref.scroll_into_view_if_needed()
    ref.hover()
    tooltip = page.locator(".md-tooltip2").filter(has_text=passages[0]).first
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert all(p in text for p in passages), f"tooltip lacks a passage: {text}"
    page.wait_for_timeout(500)  # let the tooltip finish fading in before the screenshot
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tooltip-several-passages.png"))


@pytest.mark.parametrize("path", ["timeline/", "timeline/2020/"])
def test_timeline_filter_shows_only_the_chosen_dispute(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    form = page.locator("form.timeline-filter")
    form.wait_for(state="visible")
    items = page.locator(".md-content [data-disputes]")
    total = items.count()
    chosen = page.locator('.md-content [data-disputes~="forced-labour"]').count()
    assert 0 < chosen < total
    for box in page.locator("form.timeline-filter input[type=checkbox]").all():
        if box.get_attribute("value") != "forced-labour":
            box.uncheck()
    assert page.locator(".md-content [data-disputes]:visible").count() == chosen
    assert page.locator(".filter__status").inner_text() == f"Showing {chosen} of {total} events."
    page.locator('input[value="general"]').check()
    assert page.locator(".md-content [data-disputes]:visible").count() >= chosen


@pytest.mark.parametrize(("query", "finds"), [("Kono", "people/#taro-kono"), ("Madrid", "timeline/2022/#"),
                                              ("sexual slavery", "glossary/")])
def test_search_finds_events_people_and_terms_by_name(page: Page, site_url: str, query: str, finds: str) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="Search").first.click()
    box = page.get_by_role("searchbox").or_(page.locator(".pagefind-ui__search-input")).first
    box.wait_for(state="visible")
    box.press_sequentially(query)
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10000)
    links = [a.get_attribute("href") or "" for a in page.locator(".pagefind-ui__result a").all()]
    assert any(finds in link for link in links), f"searching {query!r} did not find {finds}: {links}"
    results = Axe().run(page)
    assert not results.response["violations"], results.generate_report()
    assert page.foreign == [], f"requests to other hosts: {page.foreign}"  # type: ignore[attr-defined]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("A", "BUTTON", "INPUT")


def test_search_from_the_address_runs_the_query(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=Kono")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10000)
    assert page.locator(".pagefind-ui__result").count() > 0


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_home_says_how_current_it_is_on_the_first_screen(browser: Browser, site_url: str, size: tuple[int, int]) -> None:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, is_mobile=size[0] < 500)
    pg = context.new_page()
    pg.goto(site_url)
    box = pg.locator("p.coverage").bounding_box()
    assert box and box["y"] + box["height"] <= size[1], "the coverage window is below the first screen"
    ARTIFACTS.mkdir(exist_ok=True)
    for path in ("", "disputes/forced-labour/", "timeline/", "timeline/2021/"):
        pg.goto(site_url + path)
        pg.screenshot(path=str(ARTIFACTS / f"{size[0]}px_{path.strip('/').replace('/', '_') or 'home'}.png"), full_page=True)
    context.close()


def test_a_filtered_timeline_is_linkable_and_works_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "timeline/?disputes=gsomia")
    page.locator("form.timeline-filter").wait_for(state="visible")
    gsomia = page.locator('.md-content [data-disputes~="gsomia"]').count()
    assert page.locator(".md-content [data-disputes]:visible").count() == gsomia
    assert page.locator('input[value="gsomia"]').is_checked() and not page.locator('input[value="forced-labour"]').is_checked()
    page.locator('input[value="gsomia"]').focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert "disputes=" in page.url and "gsomia" in page.url
    shown = page.locator(".md-content [data-disputes]:visible").count()
    assert shown > gsomia, "the box reached by keyboard did not add its events"
    page.goto(page.url)
    assert page.locator(".md-content [data-disputes]:visible").count() == shown, "the address does not restore the view"


@pytest.mark.parametrize("how", ["hover", "focus"])
def test_a_terms_first_use_explains_it_on_hover_and_focus(page: Page, site_url: str, how: str) -> None:
    page.goto(site_url + "disputes/comfort-women/")
    term = page.locator('a.term[href$="glossary/#comfort-women"]')
    assert term.count() == 1
    if how == "hover":
        term.hover()
    else:
        term.focus()
    tip = page.locator(".md-tooltip2").filter(has_text="Contested term").first
    tip.wait_for(state="visible", timeout=5000)
    assert "Japanese sources" in tip.inner_text() and "South Korean sources" in tip.inner_text()


def test_overview_marks_lead_to_their_events_by_mouse_and_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "timeline/")
    marks = page.locator("svg.chart--lanes a[href*='/#']")
    assert marks.count() >= 60
    for i in (0, marks.count() // 2, marks.count() - 1):
        page.goto(site_url + "timeline/")
        mark = page.locator("svg.chart--lanes a[href*='/#']").nth(i)
        target = mark.get_attribute("href").split("#", 1)[1]
        if i % 2:
            mark.focus()
            page.keyboard.press("Enter")
        else:
            mark.click()
        page.wait_for_url(f"**#{target}")
        assert page.locator(f'article[id="{target}"]').is_visible()


def test_every_arrow_of_the_links_diagram_leads_to_its_cited_statement(page: Page, site_url: str) -> None:
    page.goto(site_url)
    arrows = page.locator("svg.chart--links a.links__arrow")
    assert arrows.count() >= 3
    for i in range(arrows.count()):
        page.goto(site_url)
        arrow = page.locator("svg.chart--links a.links__arrow").nth(i)
        target = arrow.get_attribute("href")
        arrow.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("h => location.hash === h", arg=target)
        assert page.locator(f"li{target}").is_visible()


@pytest.mark.parametrize("path", ["", "disputes/forced-labour/", "disputes/gsomia/", "timeline/"])
def test_dark_palette_is_accessible_too(browser: Browser, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    pg = context.new_page()
    pg.goto(site_url + path)
    pg.wait_for_load_state("networkidle")
    assert pg.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"dark_{path.strip('/').replace('/', '_') or 'home'}.png"), full_page=True)
    results = Axe().run(pg)
    assert not results.response["violations"], results.generate_report()
    context.close()


def test_a_dispute_prints_in_a_few_pages_with_its_notes(page: Page, site_url: str) -> None:
    import re

    page.goto(site_url + "disputes/forced-labour/")
    page.emulate_media(media="print")
    assert not page.locator("header.md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    notes = page.locator("div.footnote li")
    assert notes.count() > 10 and notes.last.is_visible() and "—" in notes.first.inner_text()
    assert page.locator("section.position--japan").is_visible() and page.locator("section.position--south-korea").is_visible()
    pdf = page.pdf(format="A4")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "print_forced-labour.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages <= 8, f"the forced-labour page prints on {pages} pages"


def test_dispute_page_on_a_phone_shows_both_positions(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    pg.goto(site_url + "disputes/comfort-women/")
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "phone_comfort-women.png"), full_page=True)
    assert pg.locator("section.position--japan").is_visible()
    assert pg.locator("section.position--south-korea").is_visible()
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    context.close()


def test_cite_this_page_copies_the_citation_and_its_csl_json(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    pg.goto(site_url + "disputes/gsomia/")
    pg.get_by_text("Cite this page").click()
    pg.get_by_role("button", name="Copy the CSL-JSON").click()
    expect(pg.locator(".cite-page__status")).to_have_text("Copied.")
    item = json.loads(pg.evaluate("navigator.clipboard.readText()"))[0]
    assert item["title"] == "The military-intelligence sharing pact (GSOMIA)" and item["URL"].endswith("/disputes/gsomia/")
    pg.get_by_role("button", name="Copy the citation").focus()
    pg.keyboard.press("Enter")
    text = pg.evaluate("navigator.clipboard.readText()")
    assert text.startswith("“The military-intelligence sharing pact (GSOMIA).”") and "Last updated" in text
    context.close()


@pytest.fixture(scope="module")
def large_site_url(archive: Path, tmp_path_factory: pytest.TempPathFactory):
    """The site with its events cloned to 600 (as `make bench` makes them): too many for the overview to mark
    each or the timeline page to list them, so it shows a bar per year and links the years."""
    from .bench import add_synthetic_events

    work = tmp_path_factory.mktemp("large")
    project = copy_project(work / "project")
    assert add_synthetic_events(project, 600) == 600
    result = build(project, work / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serving(work / "site") as url:
        yield url, project


def test_a_long_timeline_overview_is_readable_and_its_filter_counts_every_event(page: Page, large_site_url) -> None:
    url, project = large_site_url
    site = load_site(project, Archive(archive_dir(project)))
    page.goto(url + "timeline/")
    page.wait_for_load_state("networkidle")
    chart = page.locator("svg.chart--overview")
    assert chart.bounding_box()["height"] >= 150, "the overview keeps a readable height"
    status = page.locator(".filter__status")
    assert status.inner_text() == "Showing 600 of 600 events."
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "timeline_600_events.png"), full_page=False)
    results = Axe().run(page)
    assert not results.response["violations"], results.generate_report()
    for box in page.locator("form.timeline-filter input[type=checkbox]").all():
        if box.get_attribute("value") != "gsomia":
            box.uncheck()
    about = [e for e in site.events if "gsomia" in e.disputes]
    assert status.inner_text() == f"Showing {len(about)} of 600 events."
    years = {e.date.year for e in about}
    shown = [int(h.get_attribute("id").removeprefix("year-")) for h in page.locator(".md-content h2[id^='year-']:visible").all()]
    assert set(shown) == years
    assert page.errors == []  # type: ignore[attr-defined]
    assert [u for u in page.foreign if not u.startswith(url)] == []  # type: ignore[attr-defined]  # served apart
