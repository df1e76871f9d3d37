"""Every dashboard page in headless Chromium (Debian's `chromium`, driven by Playwright), as a user sees it.

Screenshots go to test-artifacts/web/. The tests skip with a message where chromium is not installed, except
under CI (`CI` set), where `.ci/run` installs it and a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from urllib.parse import urlencode

import pytest

from tests.web_support import ARTIFACTS, HOSTILE_ID, coded_db, empty_db, fetch, running_server

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs Debian's chromium for the browser tests")
        pytest.skip("chromium is not installed (apt-get install chromium): browser tests skipped")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def base():
    with running_server(coded_db()) as url:
        yield url


@pytest.fixture(scope="module")
def empty_base():
    with running_server(empty_db()) as url:
        yield url


class Tab:
    """A browser page that records script errors, dialogs and requests leaving localhost."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("dialog", self._dialog)
        self.context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), self._outside)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _outside(self, route) -> None:
        self.outside.append(route.request.url)
        route.abort()

    def open(self, path: str, **params):
        url = self.base + path + (f"?{urlencode(params)}" if params else "")
        response = self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return response

    def shot(self, name: str, full_page: bool = True) -> None:
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)

    def check_clean(self) -> None:
        """No script error, no dialog, nothing fetched from outside, and no injected script ran."""
        assert self.page.evaluate("window.__pwned === undefined"), self.page.evaluate("window.__pwned")
        assert self.errors == [] and self.dialogs == [] and self.outside == []

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser, base):
    opened = Tab(browser, base)
    yield opened
    opened.check_clean()
    opened.close()


@pytest.fixture
def empty_tab(browser, empty_base):
    opened = Tab(browser, empty_base)
    yield opened
    opened.check_clean()
    opened.close()


def test_events_page_lists_filters_and_opens_evidence(tab):
    tab.open("/")
    page = tab.page
    rows = page.locator("tr.event-row")
    assert rows.count() == 50
    assert "of 198" in page.locator(".pager").first.inner_text() or page.locator("a[rel=next]").count()
    tab.shot("events", full_page=False)
    page.fill("input[name=actor]", "KEN")
    page.select_option("select[name=quad]", "4")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "actor=KEN" in page.url and "since=" not in page.url
    assert 0 < rows.count() < 50
    assert all("KEN" in text for text in rows.all_inner_texts())
    rows.first.locator("a.evidence-link").click()
    page.wait_for_load_state("networkidle")
    # The event's sentence is marked where it was read: the article text, or the headline.
    marked = "#article {0}, #headline {0}".format
    assert page.locator(marked(".sentence")).count() >= 1
    assert page.locator(marked(".trigger")).count() == 1
    assert page.locator(marked(".source") + ", " + marked(".target")).count() >= 1
    assert page.locator(".trace .rule").inner_text().strip()
    assert "reported in 1 article" in page.locator(".trace .record").inner_text()
    trigger = page.locator(marked(".trigger")).inner_text()
    assert trigger in page.locator(marked(".sentence")).all_inner_texts()[0] + trigger
    tab.shot("evidence")


def test_an_event_coded_from_the_headline_is_marked_in_the_headline(tab, base):
    _, listed, _ = fetch(f"{base}/api/events?limit=500")
    from_title = [e for e in listed["items"] if e["sentence_index"] == -1]
    assert from_title, "the samples' titles carry events"
    event = from_title[0]
    tab.open("/evidence", doc=event["doc_id"], n=event["ordinal"])
    page = tab.page
    headline = page.locator("#headline")
    assert headline.inner_text() == event["sentence"]
    assert "".join(headline.locator(".sentence").all_inner_texts()) == event["sentence"]
    assert headline.locator(".trigger").inner_text() == event["trigger"]
    assert page.locator("#article .sentence, #article .trigger").count() == 0
    assert page.locator(".from-headline").is_visible()


def test_hostile_article_is_shown_as_text_everywhere(tab):
    page = tab.page
    tab.open("/", doc=HOSTILE_ID)
    assert page.locator("tr.event-row").count() >= 1
    assert page.locator("tr.event-row .outlet").first.inner_text() == "<i>Evil</i> Times"
    page.locator("a.evidence-link").first.click()
    page.wait_for_load_state("networkidle")
    article = page.locator("#article")
    text = article.inner_text()
    for literal in (
        "<script>window.__pwned = 'script in text'</script>",
        "<img src=x onerror=",
        '<a href="javascript:',
        "<b>bold?</b>",
        "&lt;escaped&gt;",
        "{{ 7*7 }}",
        "\u202ereversed\u202c",
        "\U0001f680",
        "e\u0301",
        "\u0645\u0631\u062d\u0628\u0627",
    ):
        assert literal in text, literal
    assert article.locator("script, img, a, b").count() == 0
    assert page.locator("h1.headline").inner_text().startswith("<b>Bold</b> headline <script>")
    assert page.locator("a.article-url").count() == 0  # a javascript: URL is not linked
    assert "javascript:" in page.locator(".article-url.unlinked").inner_text()
    assert page.title().startswith("Evidence")
    tab.shot("evidence-hostile")
    tab.open("/quotes", speaker="Zelensky")
    assert any("<script>" in t for t in page.locator(".quote-item .context").all_inner_texts())
    assert page.locator(".quote-item script").count() == 0
    for path in ("/dyads", "/map", "/alerts", "/actor?code=UKR"):
        tab.open(path)


def test_dyad_page_draws_both_directions(tab):
    page = tab.page
    tab.open("/dyads")
    assert page.locator("tr.dyad-row").count() >= 3
    tab.shot("dyads")
    tab.open("/dyad", a="KEN", b="KEN", interval="day")
    canvas = page.locator("canvas.series-chart").first
    canvas.wait_for()
    assert int(canvas.get_attribute("data-rendered")) >= 1
    assert (
        page.evaluate("Chart.getChart(document.querySelector('canvas.series-chart')).data.datasets.length")
        == 5
    )
    tab.shot("dyad")
    tab.open("/dyad", a="USA", b="ATA")
    assert page.locator(".empty").count() == 2
    assert "No dated events from USA to ATA" in page.locator(".empty").first.inner_text()


def test_actor_page_shows_partners_chart_and_quotes(tab):
    page = tab.page
    tab.open("/actor", code="RUS")
    assert page.locator("tr.partner-row").count() >= 1
    assert page.locator("#chart-actor").get_attribute("data-rendered")
    assert page.locator(".quote-item").count() >= 1 or "No quotes" in page.inner_text("main")
    tab.shot("actor")
    page.locator("tr.partner-row a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("Actor ")


def test_map_draws_country_shapes_counts_and_places(tab):
    page = tab.page
    tab.open("/map")
    page.wait_for_selector("#map[data-rendered]")
    assert page.locator("#map path.country").count() >= 170
    assert page.locator("#map path.has-events").count() >= 3
    assert page.locator("#map path.place").count() >= 1
    assert page.locator("tr.country-row").count() >= 3
    tab.shot("map")
    # click where a user would: the middle of a shaded country that is really under the pointer there
    point = page.evaluate("""() => {
        for (const path of document.querySelectorAll('#map path.has-events')) {
            const box = path.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            if (document.elementFromPoint(x, y) === path) return [x, y];
        }
        return null;
    }""")
    assert point, "no shaded country can be clicked in its middle"
    page.mouse.click(*point)
    page.wait_for_url(re.compile(r"country="))
    page.wait_for_load_state("networkidle")
    assert "country=" in page.url and page.locator("tr.event-row").count() >= 1


def test_quotes_page_shows_quotes_in_context(tab):
    page = tab.page
    tab.open("/quotes")
    items = page.locator(".quote-item")
    assert items.count() >= 10
    assert page.locator(".quote-item mark.quote").first.inner_text().strip()
    tab.shot("quotes", full_page=False)
    page.fill("input[name=about]", "RUS")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert 0 < items.count() and all("RUS" in t for t in page.locator(".quote-item .about").all_inner_texts())


def test_alerts_page_ranks_and_links_to_evidence(tab):
    page = tab.page
    tab.open("/alerts")
    rows = page.locator("tr.alert-row")
    assert rows.count() >= 1 or "No alerts" in page.inner_text("main")
    tab.shot("alerts")
    if rows.count():
        rows.first.locator("a.evidence-link").click()
        page.wait_for_load_state("networkidle")
        assert page.locator("tr.event-row").count() >= 1
        assert all(r.get_attribute("class").endswith("quad4") for r in page.locator("tr.event-row").all())


def test_api_docs_render_from_vendored_files(tab):
    page = tab.page
    tab.open("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert "/api/code" in page.inner_text(".swagger-ui")
    tab.shot("docs")


def test_bad_parameters_show_a_readable_error_page(tab):
    response = tab.open("/", since="next week", quad="9")
    assert response.status == 422
    text = tab.page.inner_text("main")
    assert "since: a date" in text and "quad: a QuadClass from 1 to 4" in text
    tab.shot("error-422")
    tab.errors.clear()  # the browser logs the 422 status itself


def test_empty_database_says_so_on_every_page(empty_tab):
    page = empty_tab.page
    for path, message, name in (
        ("/", "No events match", "empty-events"),
        ("/dyads", "No dyads", "empty-dyads"),
        ("/dyad?a=USA&b=RUS", "No dated events", "empty-dyad"),
        ("/actor?code=USA", "No events with a partner", "empty-actor"),
        ("/map", "No located events", "empty-map"),
        ("/quotes", "No quotes", "empty-quotes"),
        ("/alerts", "No alerts", "empty-alerts"),
    ):
        empty_tab.open(path)
        assert message in page.inner_text("main"), path
        empty_tab.shot(name)
    empty_tab.open("/map")
    page.wait_for_selector("#map[data-rendered]")
    assert (
        page.locator("#map path.country").count() >= 170 and page.locator("#map path.has-events").count() == 0
    )
