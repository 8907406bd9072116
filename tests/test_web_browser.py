"""The dashboard in a real browser: Debian's chromium driven by Playwright, against a real server.

The server is uvicorn on 127.0.0.1 (a free port) in a background thread, over a DuckDB file
holding the seed articles and a hostile article (see tests/test_web.py). The tests click
overview → company → document, check that the charts are drawn (Chart.js instances with
data and non-blank canvas pixels), that hostile text is shown as text and never run
(any dialog fails the test), and save screenshots under test-artifacts/.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from test_web import EVIL, IMG, JS_URL, SCRIPT, build_database

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (run `make browser`)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from capexwatch.web.app import create_app

    path = tmp_path_factory.mktemp("browser") / "browser.duckdb"
    ids = build_database(path)
    app = create_app(path)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/conflicts.json", timeout=30).status_code == 200:  # reconciled, ready
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        pytest.fail("the server did not start")
    yield base, ids
    instance.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A page that fails the test on any dialog (alert, confirm...), page error or request off 127.0.0.1."""
    base, _ = server
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    problems: list[str] = []

    def on_dialog(dialog):
        problems.append(f"dialog: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("request", lambda request: None if request.url.startswith((base, "data:")) else
            problems.append(f"request off the server: {request.url}"))
    yield page
    context.close()
    assert problems == []


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def chart_state(page, selector: str) -> dict:
    """Chart.js's own view of the chart on a canvas, and whether the canvas has non-blank pixels."""
    return page.evaluate(
        """(selector) => {
            const canvas = document.querySelector(selector);
            const chart = Chart.getChart(canvas);
            const ctx = canvas.getContext("2d");
            const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
            const points = chart ? chart.data.datasets.reduce(
                (n, d) => n + d.data.filter(v => v !== null && v !== 0).length, 0) : 0;
            return {width: canvas.width, height: canvas.height, chart: !!chart, points: points,
                    labels: chart ? chart.data.labels : [], painted: painted};
        }""",
        selector,
    )


def test_overview_draws_the_region_chart(page, server):
    base, _ = server
    page.goto(base + "/")
    page.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('#region-chart'))")
    state = chart_state(page, "#region-chart")
    assert state["chart"] and state["width"] > 0 and state["height"] > 0
    assert state["points"] >= 2 and "2025" in state["labels"]
    assert state["painted"] > 1000  # bars, axes and legend were drawn
    assert page.locator("text=Largest spenders and plans").is_visible()
    shot(page, "overview")


def test_click_through_overview_company_document(page, server):
    base, _ = server
    page.goto(base + "/")
    page.locator("table.data a[href='/companies/Alibaba']").first.click()
    page.wait_for_url(base + "/companies/Alibaba")
    assert page.locator("h1").inner_text().startswith("Alibaba")
    page.wait_for_function("() => Chart.getChart(document.querySelector('#company-chart'))")
    state = chart_state(page, "#company-chart")
    assert state["chart"] and state["points"] >= 3 and state["painted"] > 1000
    shot(page, "company")

    page.locator("td.src a.source").first.click()
    page.wait_for_url("**/documents/*#fact-*")
    assert page.locator(".article-text a.hl").count() > 0
    fact_id = page.url.rsplit("#fact-", 1)[1]
    panel = page.locator("#fact-detail")
    assert panel.locator(f".fact-card[data-fact='{fact_id}']").count() == 1  # the linked fact is shown
    highlight = page.locator(".article-text a.hl").nth(0)
    highlight.click()
    assert panel.locator(".fact-card").count() >= 1
    assert "Company" in panel.inner_text()
    shot(page, "document")


def test_facts_search_filters_and_links_downloads(page, server):
    base, _ = server
    page.goto(base + "/facts")
    page.select_option("select[name=metric]", "capex_plan")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/facts?*metric=capex_plan*")
    rows = page.locator("table.facts tbody tr")
    assert rows.count() > 0
    assert all("Capex plan" in rows.nth(i).inner_text() for i in range(rows.count()))
    assert page.locator("a.button", has_text="CSV").get_attribute("href") == "/facts.csv?metric=capex_plan"
    shot(page, "facts")


def test_claims_and_conflicts_pages(page, server):
    base, _ = server
    page.goto(base + "/conflicts")
    assert page.locator("article.claim").count() >= 2
    assert page.locator("text=disagrees with").first.is_visible()
    shot(page, "conflicts")
    page.goto(base + "/claims")
    assert page.locator("article.claim").count() >= 3
    shot(page, "claims")


def test_api_docs_render_offline(page, server):
    base, _ = server
    page.goto(base + "/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock-summary-path", has_text="/facts.json").count() >= 1
    shot(page, "api")


def test_hostile_article_is_shown_as_text_and_never_runs(page, server):
    base, ids = server
    hostile = ids["hostile.txt"]
    evil = quote(EVIL, safe="")
    for url in ["/", f"/documents/{hostile}", f"/companies/{evil}", f"/facts?entity={evil}", "/claims", "/conflicts"]:
        page.goto(base + url)
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.querySelectorAll('img').length") == 0, url  # no injected <img>
        assert page.evaluate("() => window.__pwned === undefined"), url
    page.goto(f"{base}/documents/{hostile}")
    text = page.locator(".article-text").inner_text()
    assert SCRIPT in text and IMG in text and JS_URL in text  # the literal text is visible
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("h1").inner_text().startswith("Breaking " + SCRIPT)
    page.locator(".article-text a.hl").first.click()
    assert EVIL in page.locator("#fact-detail").inner_text()  # the panel shows it as text too
    shot(page, "hostile-document")

    page.goto(f"{base}/companies/{evil}")
    page.wait_for_function("() => Chart.getChart(document.querySelector('#company-chart'))")
    state = chart_state(page, "#company-chart")
    assert IMG in state["labels"] and state["painted"] > 1000  # a hostile label, drawn on the canvas
    assert page.locator("h1").inner_text().startswith(EVIL)
    shot(page, "hostile-company")
