"""The built site as readers get it: links resolve offline, and every page works in a real browser.

The browser tests drive Debian's Chromium through Playwright (Playwright's own browser download is
not available here). Without Chromium they are skipped with the reason shown in pytest's summary;
with ``BSN_REQUIRE_BROWSER=1`` (as in CI) a missing browser is a failure.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import shutil
import threading
from html import unescape
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from analysis.core.book import toc_notebooks
from analysis.core.claims import registry
from analysis.core.data import REPO_ROOT

ARTIFACTS = REPO_ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("BSN_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
TOC_PAGES = ["book/intro", "book/bibliography"] + [str(p.relative_to(REPO_ROOT).with_suffix("")) for p in toc_notebooks()]


class Links(HTMLParser):
    """The ids a page defines and the local links it makes."""

    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_no_broken_internal_link_or_anchor(built_book):
    html = built_book / "_build" / "html"
    pages = {p: parse(p) for p in html.rglob("*.html") if "_static" not in p.parts}  # _static holds templates
    broken = []
    for path, links in pages.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(html)} -> {link} (no such file)")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(html)} -> {link} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_every_toc_page_was_built(built_book):
    for name in TOC_PAGES:
        assert (built_book / "_build" / "html" / f"{name}.html").is_file(), name


def test_ledger_downloads_hold_the_ledger_the_page_shows(built_book):
    html = built_book / "_build" / "html"
    page = html / "book" / "ledger.html"
    assert sorted(link for link in parse(page).links if link.endswith(("ledger.json", "ledger.csv"))) == [
        "../ledger.csv", "../ledger.json"]
    shown = {claim_id: unescape(verdict) for claim_id, verdict in re.findall(
        r'<tr id="ledger-([^"]+)">.*?<span class="verdict">([^<]*)</span>', page.read_text(encoding="utf-8"))}
    records = json.loads((html / "ledger.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((html / "ledger.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in records] == [r["id"] for r in rows] == list(registry()) == list(shown)
    assert {r["id"]: r["verdict"] for r in records} == {r["id"]: r["verdict"] for r in rows} == shown
    staffing = next(r for r in records if r["id"] == "heyman-bp-growth-1993-2001")
    assert staffing["robustness"] == "depends on tolerance (0.05: overstated)"


@pytest.fixture(scope="module")
def site(built_book):
    """The built site served on localhost."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(built_book / "_build" / "html"))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        reason = f"browser tests skipped: Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("BSN_REQUIRE_BROWSER") == "1":
            pytest.fail(reason.replace("skipped", "required (BSN_REQUIRE_BROWSER=1)"))
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()


def open_page(browser, url: str):
    """A page with its console errors and failed requests recorded."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    return page, problems


@pytest.mark.parametrize("name", TOC_PAGES)
def test_page_loads_cleanly_with_images_that_have_alt_text(browser, site, name):
    page, problems = open_page(browser, urljoin(site, f"{name}.html"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name.replace('/', '_')}.png"), full_page=True)
    assert not problems, "\n".join(problems)
    images = page.eval_on_selector_all("main img", "els => els.map(e => [e.src, e.naturalWidth, e.alt])")
    for src, width, alt in images:
        assert width > 0, f"{src} did not load"
        # Sphinx falls back to the file name when a figure has no :alt:, which describes nothing
        assert alt.strip() and not re.search(r"\.(png|svg|jpe?g|gif)$", alt), f"{src} has no alt text ({alt!r})"
    if name == "book/chapters/budgets":  # its two figures (the header's launch buttons have logos too)
        assert page.locator("article.bd-article img").count() == 2
    page.close()


def test_ledger_shows_every_claim_and_its_links_resolve(browser, site):
    page, problems = open_page(browser, urljoin(site, "book/ledger.html"))
    rows = page.locator("tr[id^='ledger-']")
    assert rows.count() == len(registry())
    links = page.eval_on_selector_all("tr[id^='ledger-'] a", "els => els.map(e => e.href)")
    assert links
    downloads = page.eval_on_selector_all("a[download]", "els => els.map(e => e.href)")
    assert sorted(urlsplit(link).path for link in downloads) == ["/ledger.csv", "/ledger.json"]
    for link in downloads:
        assert page.request.get(link).ok, link
    by_page: dict[str, set[str]] = {}  # each linked page, loaded once, with the anchors linked on it
    for link in links:
        parts = urlsplit(link)
        by_page.setdefault(parts._replace(fragment="").geturl(), set()).add(parts.fragment)
    for url, fragments in sorted(by_page.items()):
        target, target_problems = open_page(browser, url)
        assert not target_problems, url
        ids = target.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
        assert not [f"{url}#{f}" for f in sorted(fragments - {""}) if ids.count(f) != 1]  # each anchor once
        target.close()
    assert not problems
    page.close()


def test_site_search_finds_border_patrol(browser, site):
    page, problems = open_page(browser, urljoin(site, "search.html?q=Border+Patrol"))
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    results = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(e => e.href)")
    assert any(re.search(r"chapters/budgets\.html", r) for r in results), results
    assert not problems
    page.close()


@pytest.mark.parametrize("name", [n for n in TOC_PAGES if n.startswith("book/chapters/")])
def test_exercise_solutions_stay_hidden_until_opened(browser, site, name):
    page, problems = open_page(browser, urljoin(site, f"{name}.html"))
    solutions = page.locator("div.solution.dropdown")
    assert solutions.count() >= 2 and solutions.count() == page.locator("div.exercise").count()
    for i in range(solutions.count()):
        assert not solutions.nth(i).locator("section").first.is_visible(), f"solution {i + 1} is shown"
    first = solutions.first
    first.locator(".admonition-title").click()
    body = first.locator("section").first
    body.wait_for(state="visible", timeout=5000)
    assert re.search(r"\d", body.inner_text())  # its glued numbers rendered
    assert not problems
    page.close()
