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
import threading
from html import unescape
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import urlopen

import numpy as np
import pytest

from analysis.core.book import toc_notebooks
from analysis.core.claims import essays, registry
from analysis.core.data import REPO_ROOT
from analysis.tools import pdf

ARTIFACTS = REPO_ROOT / "test-artifacts" / "screenshots"
# the first screen of each page; the whole length with BSN_FULL_SCREENSHOTS=1 (about 3 s more a page: a third
# of the browser tests' time, for pictures no test reads)
FULL_SCREENSHOTS = os.environ.get("BSN_FULL_SCREENSHOTS") == "1"
CHROMIUM = pdf.CHROMIUM  # the build prints the PDFs with the same browser
TOC_PAGES = list(dict.fromkeys(["book/intro", "book/bibliography"] + [str(p.relative_to(REPO_ROOT).with_suffix("")) for p in toc_notebooks()]))


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
    # without Chromium (and not required) the build leaves the PDFs out, and says so
    printed = not pdf.chromium_missing() or os.environ.get("BSN_REQUIRE_BROWSER") == "1"
    for path, links in pages.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:")) or (parts.path.endswith(".pdf") and not printed):
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
        r'<tr id="ledger-([^"]+)"[^>]*>.*?<span class="verdict verdict-[a-z-]+">([^<]*)</span>', page.read_text(encoding="utf-8"), re.S)}
    records = json.loads((html / "ledger.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((html / "ledger.csv").read_text(encoding="utf-8"))))
    # the CSV has a row per stated figure: its claims in order, each once
    assert [r["id"] for r in records] == list(dict.fromkeys(r["id"] for r in rows)) == list(registry()) == list(shown)
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


WIDTHS = {"desktop": 1366, "phone": 390}
AXE = REPO_ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
# Bytes a chapter page loads before images: about 2.5 MB with the theme's Font Awesome script; the
# target is half of that (book/_static/icons.js draws the theme's icons instead).
CHAPTER_WEIGHT_LIMIT = 1_250_000
WEIGHTS = REPO_ROOT / "test-artifacts" / "page-weights.json"
# Words in table cells drawn on more than one line (a hyphen, slash, dash or arrow may end a line).
BROKEN_WORDS = r"""sel => {
  const broken = [];
  for (const cell of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\s\-\/\u2013\u2014\u2192]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""
# What a page loaded, images apart: the page and every other resource it fetched, by size.
LOADED_BYTES = r"""() => [performance.getEntriesByType("navigation")[0], ...performance.getEntriesByType("resource")]
  .filter(e => e.initiatorType !== "img" && !/\.(png|svg|jpe?g|gif|webp)(\?|$)/.test(e.name))
  .reduce((sum, e) => sum + e.encodedBodySize, 0)"""


def open_page(browser, url: str, width: int = 1280, javascript: bool = True):
    """A page in a fresh context (no cache, so its weight is all it loads), with its console errors and
    failed requests recorded."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    page.on("close", lambda _: context.close())
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # a request the page dropped as it moved on (the root page's redirect leaving its icon unloaded) is not a
    # fault; a missing file still shows as its HTTP status below
    page.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") and r.resource_type != "document"
            else problems.append(f"failed request: {r.url} ({r.failure})"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    return page, problems


def axe_violations(page) -> list[str]:
    """axe-core's critical and serious violations on the page, one line each with where."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['impact']} {v['id']}: {v['help']} at {', '.join(str(n['target'][0]) for n in v['nodes'][:5])}"
            for v in violations if v["impact"] in ("critical", "serious")]


@pytest.fixture(scope="module")
def weights():
    """Each page's weight by width, written to test-artifacts/page-weights.json and printed (pytest -s)."""
    found = {}
    yield found
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    WEIGHTS.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    print("\nbytes loaded before images:\n" + "\n".join(f"  {k}: {v:,}" for k, v in sorted(found.items())))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", TOC_PAGES)
def test_page_is_clean_accessible_light_and_unbroken(browser, site, weights, name, width, record_property):
    """Each page once per width: a screenshot (``FULL_SCREENSHOTS``); no console error; images with alt text; axe-core finds no
    critical or serious violation; its weight (reported, and under the limit for a chapter); no word broken
    inside a table cell."""
    page, problems = open_page(browser, urljoin(site, f"{name}.html"), WIDTHS[width])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name.replace('/', '_')}-{width}.png"), full_page=FULL_SCREENSHOTS)
    assert not problems, "\n".join(problems)
    assert page.locator("main .output.stderr").count() == 0  # a library's warning is not for readers
    images = page.eval_on_selector_all("main img", "els => els.map(e => [e.src, e.naturalWidth, e.alt])")
    for src, natural_width, alt in images:
        assert natural_width > 0, f"{src} did not load"
        # Sphinx falls back to the file name when a figure has no :alt:, which describes nothing
        assert alt.strip() and not re.search(r"\.(png|svg|jpe?g|gif)$", alt), f"{src} has no alt text ({alt!r})"
    if name == "book/chapters/budgets":  # its two figures (the header's launch buttons have logos too)
        assert page.locator("article.bd-article img").count() == 2
    weight = page.evaluate(LOADED_BYTES)
    weights[f"{name} ({width})"] = weight
    record_property("bytes_before_images", weight)
    if name.startswith("book/chapters/"):
        assert weight <= CHAPTER_WEIGHT_LIMIT, f"{name} loads {weight:,} bytes before images"
    assert page.evaluate(BROKEN_WORDS, "main td, main th") == []
    assert axe_violations(page) == []
    page.close()


def test_root_page_has_a_title_and_a_language(browser, site):
    text = urlopen(site).read().decode()
    assert '<html lang="en">' in text and "<title>Border Security by the Numbers</title>" in text
    page, problems = open_page(browser, site)
    assert page.url.endswith("/book/intro.html")  # it sends the reader to the first page
    assert not problems
    page.close()


def ledger_state(page) -> dict:
    """The ledger as a reader sees it: the visible rows' ids and the count sentence."""
    return page.evaluate("""() => ({
      rows: [...document.querySelectorAll("tr[id^='ledger-']")].filter(r => !r.hidden).map(r => r.id.slice(7)),
      count: document.querySelector(".ledger-count").textContent})""")


def count_sentence(verdicts: list[str]) -> str:
    """The count by verdict as the ledger and the home page write it, in the scale's order."""
    from analysis.core.verdicts import VERDICTS
    parts = [f"{verdicts.count(v)} {v}" for v in VERDICTS if v in verdicts]
    return f"{len(verdicts)} claims" + (f": {', '.join(parts)}" if parts else "") + "."


@pytest.mark.parametrize("width", WIDTHS)
def test_ledger_filters_sorts_and_counts(browser, site, built_book, width):
    from analysis.core.verdicts import VERDICTS
    records = json.loads((built_book / "_build" / "html" / "ledger.json").read_text(encoding="utf-8"))
    page, problems = open_page(browser, urljoin(site, "book/ledger.html"), WIDTHS[width])
    everything = ledger_state(page)
    assert everything["rows"] == [r["id"] for r in records]
    assert everything["count"] == count_sentence([r["verdict"] for r in records])
    # filter: one essay, then one verdict within it; the count follows
    page.select_option("form.ledger-filters select[name=essay]", "heyman2011")
    page.select_option("form.ledger-filters select[name=verdict]", "accurate")
    state = ledger_state(page)
    wanted = [r["id"] for r in records if r["essay"] == "heyman2011" and r["verdict"] == "accurate"]
    assert state["rows"] == wanted and len(wanted) >= 2
    assert state["count"] == count_sentence(["accurate"] * len(wanted))
    page.select_option("form.ledger-filters select[name=verdict]", "")
    page.select_option("form.ledger-filters select[name=essay]", "")
    page.select_option("form.ledger-filters select[name=chapter]", "kingpin")
    kingpin = [r for r in records if r["chapter"] == "kingpin"]
    assert ledger_state(page) == {"rows": [r["id"] for r in kingpin],
                                  "count": count_sentence([r["verdict"] for r in kingpin])}
    page.select_option("form.ledger-filters select[name=chapter]", "")
    # sort: by the claim's text, Z to A, through the sort menu (on a phone the headings are the cards' labels)
    page.select_option("form.ledger-filters select[name=sort]", "claim descending")
    by_claim = sorted(records, key=lambda r: f"{r['title']} {r['claim']}".lower(), reverse=True)  # the cell: title, claim
    assert ledger_state(page)["rows"] == [r["id"] for r in by_claim]
    if width == "desktop":  # the column headings sort too: by verdict, from the scale's first to its last
        page.click("th[data-key=verdict] button")
        order = list(VERDICTS)
        assert ledger_state(page)["rows"] == [r["id"] for r in sorted(records, key=lambda r: order.index(r["verdict"]))]
        assert page.get_attribute("th[data-key=verdict]", "aria-sort") == "ascending"
    # a reason opens on its rest, its robustness (parameters by their meaning) and its sources
    reason = page.locator("tr[id='ledger-heyman-bp-growth-1993-2001'] details")
    assert not reason.locator("p.robustness").is_visible()
    reason.locator("summary").click()
    assert reason.locator("p.robustness").inner_text() == \
        "Depends on: relative difference within which a figure counts as accurate (0.05: overstated)."
    assert reason.locator("p.sources a").get_attribute("href") == "bibliography.html#bib-1-heyman2011"
    assert not problems
    page.close()


def test_ledger_without_javascript_is_the_whole_table(browser, site):
    page, problems = open_page(browser, urljoin(site, "book/ledger.html"), WIDTHS["phone"], javascript=False)
    assert page.locator("tr[id^='ledger-']").count() == len(registry())
    assert not page.locator("form.ledger-filters").is_visible()
    assert page.evaluate(BROKEN_WORDS, "main td, main th") == []
    page.close()


def test_home_page_findings_match_the_ledger(browser, site, built_book):
    from analysis.core.book import CHAPTERS
    from analysis.core.verdicts import FAILING
    records = json.loads((built_book / "_build" / "html" / "ledger.json").read_text(encoding="utf-8"))
    page, problems = open_page(browser, urljoin(site, "book/intro.html"), WIDTHS["desktop"])
    shown = page.evaluate("""() => [...document.querySelectorAll(".findings-essay")].map(s => ({
      essay: s.dataset.essay, counts: s.querySelector(".findings-counts").textContent,
      failing: [...s.querySelectorAll("li[data-claim]")].map(li => [li.dataset.claim, li.querySelector("a").getAttribute("href")]),
      chapters: [...s.querySelectorAll(".findings-chapters a")].map(a => a.getAttribute("href"))}))""")
    assert [s["essay"] for s in shown] == list(essays())
    for essay in shown:
        mine = [r for r in records if r["essay"] == essay["essay"]]
        assert essay["counts"] == count_sentence([r["verdict"] for r in mine])
        assert essay["failing"] == [[r["id"], f"chapters/{r['chapter']}.html#{r['id']}"]
                                    for r in mine if r["verdict"] in FAILING]
        assert essay["chapters"] == [f"chapters/{c}.html" for c in CHAPTERS if any(r["chapter"] == c for r in mine)]
    assert sum(len(s["failing"]) for s in shown) == sum(r["verdict"] in FAILING for r in records) > 0
    assert "to come" not in page.inner_text("main")
    assert not problems
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
    pages = {}
    for link in sorted(set(links)):
        address, _, fragment = link.partition("#")
        if address not in pages:  # one load per page; each anchor is looked up in it
            pages[address] = open_page(browser, address)
            assert not pages[address][1], address
        if fragment:
            assert pages[address][0].locator(f"[id='{fragment}']").count() == 1, link
    for target, _ in pages.values():
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


def test_search_snippets_leave_out_hidden_solutions(browser, site):
    """Search for a word only a hidden solution on the budgets page uses: the page is found (the index
    holds the whole page), but its snippet quotes none of the solution."""
    page, problems = open_page(browser, urljoin(site, "book/chapters/budgets.html"))
    solutions = " ".join(page.eval_on_selector_all("div.solution", "els => els.map(e => e.textContent)"))
    rest = page.evaluate("""() => { const main = document.querySelector('[role=main]').cloneNode(true);
      main.querySelectorAll('.solution').forEach(e => e.remove()); return main.textContent.toLowerCase(); }""")
    word = max((w for w in re.findall(r"[A-Za-z]{7,}", solutions) if w.lower() not in rest), key=len)
    page.goto(urljoin(site, f"search.html?q={word}"), wait_until="networkidle")
    page.wait_for_selector("#search-results ul.search li p.context", timeout=15000)
    snippets = page.eval_on_selector_all("#search-results ul.search li", "els => els.map(e => [e.querySelector('a').href, e.textContent])")
    budgets = [text for link, text in snippets if "chapters/budgets.html" in link]
    assert budgets and all(word.lower() not in text.lower() for text in budgets), (word, budgets)
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


CHAPTER_PAGES = [n for n in TOC_PAGES if n.startswith("book/chapters/")]


def test_figures_and_exercises_are_numbered_within_their_chapter(built_book):
    """A chapter handed out alone reads right: its figures are Figure N.1, N.2, ... and its exercises
    Exercise N.1, ..., N being the chapter's number (shown in its title)."""
    html = built_book / "_build" / "html"
    for number, name in enumerate(CHAPTER_PAGES, start=1):
        text = (html / f"{name}.html").read_text(encoding="utf-8")
        assert f'<h1><span class="section-number">{number}. </span>' in text, name
        for kind, div in (("Figure", "figure"), ("Exercise", "exercise")):
            shown = re.findall(rf'<span class="caption-number">{kind} ([\d.]+) </span>', text)
            assert shown and shown == [f"{number}.{i}" for i in range(1, len(shown) + 1)], (name, kind, shown)
        assert len(re.findall(r'<figure class="align-default" id="fig-', text)) == \
            len(re.findall(r'<span class="caption-number">Figure ', text))


def test_every_chapter_figure_links_its_data(built_book):
    html = built_book / "_build" / "html"
    for name in CHAPTER_PAGES:
        text = (html / f"{name}.html").read_text(encoding="utf-8")
        figures = re.findall(r'<figure class="[^"]*" id="(fig-[^"]+)">(.*?)</figure>', text, re.S)
        assert figures, name
        for key, body in figures:
            assert f'<a class="reference download figure-data" href="../../figure-data/{key}.csv" download>' \
                   f'Data (CSV)</a>' in body, (name, key)
            data = (html / "figure-data" / f"{key}.csv").read_text(encoding="utf-8")
            assert re.match(r"# Figure \d\.\d: .+\n# Source: .+\n# .+\n", data), (key, data[:300])


def plotted(fig) -> dict[tuple[str, str], list]:
    """A figure's marks straight from its artists, by kind and name (a mark's gid, else its legend label):
    points of lines and scatters as sorted (x, y) pairs, bar heights, heat-map cells."""
    import matplotlib.container as mcont
    marks: dict[tuple[str, str], list] = {}

    def name(artist):
        label = getattr(artist, "get_gid", lambda: None)() or artist.get_label() or ""
        return "" if label.startswith("_") else label
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            continue
        in_containers = {id(a) for c in ax.containers for a in (c.get_children() if hasattr(c, "get_children") else c)}
        for container in ax.containers:
            if isinstance(container, mcont.BarContainer):
                marks.setdefault(("bars", name(container)), []).extend(p.get_height() for p in container.patches)
            elif isinstance(container, mcont.ErrorbarContainer):  # its points (the bars' ends are checked in test_figure_data)
                line = container.lines[0]
                marks.setdefault(("points", name(container)), []).extend(zip(line.get_xdata(), line.get_ydata()))
        for line in ax.lines:
            if len(line.get_xdata()) and line.get_transform() is ax.transData and id(line) not in in_containers:
                marks.setdefault(("points", name(line)), []).extend(zip(line.get_xdata(), line.get_ydata()))
        for collection in ax.collections:
            kind = type(collection).__name__
            if kind == "PathCollection":
                marks.setdefault(("points", name(collection)), []).extend(map(tuple, collection.get_offsets()))
            elif kind == "QuadMesh":
                marks.setdefault(("cells", ""), []).extend(np.ma.filled(collection.get_array(), np.nan).ravel())
    return {k: v for k, v in marks.items() if v}


def same(a, b) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


@pytest.mark.parametrize("name", CHAPTER_PAGES)
def test_every_figure_csv_downloads_and_holds_the_plotted_values(browser, site, name):
    """Each figure's link downloads its CSV, whose rows give exactly the values of the figure's marks,
    compared with the chapter's figures recomputed here and read from matplotlib's artists."""
    import matplotlib
    matplotlib.use("Agg")
    import pandas as pd
    from analysis import chapters
    module = chapters.module(name.rsplit("/", 1)[-1])
    figures = module.figures(**module.PARAMETERS.defaults())
    page, problems = open_page(browser, urljoin(site, f"{name}.html"), WIDTHS["desktop"])
    links = page.locator("figure a.figure-data")
    assert links.count() == page.locator("article figure").count() == len(figures)
    for i in range(links.count()):
        with page.expect_download() as info:
            links.nth(i).click()
        download = info.value
        key = download.suggested_filename.removesuffix(".csv")
        text = Path(download.path()).read_text(encoding="utf-8")
        assert text.startswith("# Figure ") and "\n# Source: " in text, key
        frame = pd.read_csv(io.StringIO(text), comment="#", keep_default_na=False, dtype=str)
        for column in ("series", "y", "x_to", "value"):
            if column not in frame:
                frame[column] = ""
        marks = plotted(figures[key])
        assert marks, key
        for (kind, label), values in marks.items():
            rows = frame[frame["series"] == label]
            if kind == "cells":
                assert same(rows["value"].replace("", "nan").astype(float), values), (key, label)
            elif kind == "bars":
                assert same(rows["y"].astype(float), values), (key, label)
            else:  # points: the rows with a position on both axes, not spans or lines across the axes
                # (a gap in a line, y missing, reads like a line across the axes: both are left out)
                rows = rows[(rows["x_to"] == "") & (rows["value"] == "") & (rows["y"] != "")]
                values = [p for p in values if not np.isnan(float(p[1]))]
                # a coordinate the CSV gives as its tick's label (a country, an estimate) is compared by the other
                numeric = [c for c in ("x", "y") if pd.to_numeric(rows[c], errors="coerce").notna().all()]
                assert numeric, (key, label)
                ours = sorted(zip(*[pd.to_numeric(rows[c]).astype(float) for c in numeric]))
                theirs = sorted(tuple(float(p["xy".index(c)]) for c in numeric) for p in values)
                assert theirs and same(ours, theirs), (key, label, ours[:5], theirs[:5])
    assert not problems
    page.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_claim_review_records_take_no_room_in_either_theme(browser, site, theme):
    page, problems = open_page(browser, urljoin(site, "book/chapters/budgets.html"))
    page.evaluate(f"() => document.documentElement.dataset.theme = '{theme}'")
    records = page.evaluate("""() => [...document.querySelectorAll('script[type="application/ld+json"]')].map(s => {
      const cell = s.closest('div.cell'); const box = cell.getBoundingClientRect();
      return [JSON.parse(s.textContent)['@graph'].length, getComputedStyle(cell).display, box.height]; })""")
    assert len(records) == 1 and records[0][0] > 0  # the records are in the page, for machines
    assert records[0][1:] == ["none", 0]  # and take no room, so no pale bar shows
    assert not problems
    page.close()
