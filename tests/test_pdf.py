"""The PDFs the build prints (analysis/tools/pdf.py): the whole book, and each chapter's student handout
and answer key, as a teacher downloads them from the built site.

Text is compared as pypdf extracts it in layout mode (in reading order), with Unicode compatibility
forms folded (the "ﬁ" ligature is "fi") and every space and line break taken out, since the PDF breaks
lines where the page does; each page's last line, the footer (title, page number), is left out.
Expected text is never typed here: solutions and exercises come from the built pages, the numbers the
solutions quote from the values the executed notebooks glued, the code from the notebooks.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from analysis.core.book import toc_pages
from analysis.site import downloads, notebook
from analysis.tools import pdf

SLUGS = pdf.chapter_slugs()
SOLUTION_GLUE = re.compile(r"^:::\{solution\} [\w-]+\n.*?^:::$", re.M | re.S)
GLUE_KEY = re.compile(r"\{glue(?::\w+)?\}`([^`]+)`")
STUBS = ("Click to show", "Click to hide", "Show code cell source", "Hide code cell source")


@pytest.fixture(scope="module")
def site(built_book) -> Path:
    """The built site, its PDFs printed (Chromium is required as the browser tests require it)."""
    missing = pdf.chromium_missing()
    if missing:
        if os.environ.get("BSN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"PDF tests: {missing}; required (BSN_REQUIRE_BROWSER=1)")
        pytest.skip(f"PDF tests skipped: {missing}")
    return built_book / "_build" / "html"


QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")  # Sphinx curls the quotes a glued value keeps straight


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(QUOTES))


@lru_cache(maxsize=None)
def pages(path: Path) -> tuple[str, ...]:
    """Each page's text in reading order, without its footer line."""
    from pypdf import PdfReader
    texts = []
    for page in PdfReader(path).pages:
        lines = [line for line in page.extract_text(extraction_mode="layout").splitlines() if line.strip()]
        texts.append("\n".join(lines[:-1]))
    return tuple(texts)


def text(path: Path) -> str:
    """The whole document's text, squeezed (see the module's docstring)."""
    return squeezed("".join(pages(path)))


class Blocks(HTMLParser):
    """The text of each exercise and each solution on a built chapter page, as readers see it (the
    admonition title, "Exercise 1", left out), and all the page's text outside the solutions."""

    def __init__(self, path: Path):
        super().__init__()
        self.blocks, self._open, self._depth, self._title = {"exercise": [], "solution": []}, None, 0, False
        self.outside = ""
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._open is None and tag == "div" and {"exercise", "solution"} & set(classes):
            self._open = "exercise" if "exercise" in classes else "solution"
            self.blocks[self._open].append("")
            self._depth = 0
        if self._open is not None and tag == "div":
            self._depth += 1
        self._title = self._title or "admonition-title" in classes

    def handle_endtag(self, tag):
        if self._open is not None and tag == "div":
            self._depth -= 1
            if self._depth == 0:
                self._open = None
        if tag == "p":
            self._title = False

    def handle_data(self, data):
        if self._open is not None and not self._title:
            self.blocks[self._open][-1] += data
        if self._open != "solution":
            self.outside += data


def sentences(block: str) -> list[str]:
    """A block's sentences long enough to be its own (short ones, "Verdicts that changed:", could recur)."""
    return [s for s in re.split(r"(?<=[.:;?])\s+", " ".join(block.split())) if len(s) >= 40]


def chapter_blocks(site: Path, slug: str) -> Blocks:
    return Blocks(site / "book" / "chapters" / f"{slug}.html")


def executed_notebook(site: Path, page: str) -> Path:
    """Where the build keeps a page's executed notebook (its record in ``_build/.notebook_inputs.json``)."""
    build = site.parent
    record = json.loads((build / ".notebook_inputs.json").read_text())[f"{page}.ipynb"]
    return build / ".jupyter_cache" / "executed" / record["cache"] / "base.ipynb"


def book_parts(site: Path) -> list[Path]:
    return [site.parent / ".pdf_parts" / f"{name.replace('/', '--')}.pdf" for name in toc_pages()]


# --- sizes --------------------------------------------------------------------------------------------

def test_page_counts_are_sane_and_the_book_holds_every_page_in_order(site):
    from pypdf import PdfReader
    handouts = {slug: len(PdfReader(site / downloads.handout_pdf(slug)).pages) for slug in SLUGS}
    keys = {slug: len(PdfReader(site / downloads.answer_key_pdf(slug)).pages) for slug in SLUGS}
    book = PdfReader(site / downloads.book_pdf())
    parts = [len(PdfReader(part).pages) for part in book_parts(site)]
    assert all(5 <= n <= 40 for n in handouts.values()), handouts
    assert all(1 <= n <= 6 and n < handouts[slug] for slug, n in keys.items()), keys  # only the exercises
    assert len(book.pages) == sum(parts) and 100 <= len(book.pages) <= 400
    # a chapter in the book is its handout with the solutions shown: never shorter
    chapters = dict(zip(toc_pages(), parts))
    assert all(chapters[f"book/chapters/{slug}"] >= handouts[slug] for slug in SLUGS)
    # one bookmark per page of the table of contents, in reading order, at its first sheet, named by its title
    outline = [(squeezed(item.title), book.get_destination_page_number(item)) for item in book.outline]
    assert [start for _, start in outline] == [sum(parts[:i]) for i in range(len(parts))]
    for (title, _), part in zip(outline, book_parts(site), strict=True):
        assert title and squeezed(pages(part)[0]).startswith(title), (title, part.name)


# --- handouts and answer keys -------------------------------------------------------------------------

@pytest.mark.parametrize("slug", SLUGS)
def test_the_handout_has_every_exercise_and_no_solution(site, slug):
    handout, key = text(site / downloads.handout_pdf(slug)), text(site / downloads.answer_key_pdf(slug))
    page = chapter_blocks(site, slug)
    blocks, outside = page.blocks, squeezed(page.outside)
    assert blocks["exercise"] and len(blocks["exercise"]) == len(blocks["solution"])
    for exercise in blocks["exercise"]:
        assert squeezed(exercise) in handout and squeezed(exercise) in key
    # each solution's own sentences (a solution may quote a claim's reason that the chapter prints too)
    own = [[s for s in sentences(block) if squeezed(s) not in outside] for block in blocks["solution"]]
    assert all(own), own
    assert all(squeezed(s) in key for block in own for s in block)  # so their absence below means something
    assert [s for block in own for s in block if squeezed(s) in handout] == []
    assert "Solutionto" not in handout and "Studenthandout" in handout and "Answerkey" in key


@pytest.mark.parametrize("slug", SLUGS)
def test_the_answer_key_quotes_every_number_its_solutions_compute(site, slug):
    source = (Path(site.parent.parent) / "book" / "chapters" / f"{slug}.ipynb")
    solutions = "\n".join(SOLUTION_GLUE.findall(nbformat.read(source, as_version=4).cells[-1].source))
    keys = list(dict.fromkeys(GLUE_KEY.findall(solutions)))
    glued = notebook.glued(executed_notebook(site, f"book/chapters/{slug}"))
    values = {k: glued[k] for k in keys}
    assert any(re.search(r"\d", v) for v in values.values()), values  # the solutions quote computed numbers
    answer_key = text(site / downloads.answer_key_pdf(slug))
    assert {k: v for k, v in values.items() if squeezed(v) not in answer_key} == {}
    # and it is the answer key, not the chapter: no claim section, no code
    assert "Theclaimsataglance" not in answer_key and "fromanalysis" not in answer_key


# --- what print must not show -------------------------------------------------------------------------

def every_pdf(site: Path) -> list[Path]:
    """The handouts, the answer keys, and the book's pages as printed before merging (the book is them
    page for page: see the page-count test)."""
    return book_parts(site) + [site / f(slug) for slug in SLUGS for f in (downloads.handout_pdf, downloads.answer_key_pdf)]


def test_no_toggle_stub_buttons_or_navigation_in_any_pdf(site):
    found = {path.name: [stub for stub in STUBS if squeezed(stub) in text(path)] for path in every_pdf(site)}
    assert {name: stubs for name, stubs in found.items() if stubs} == {}
    # the theme's skip link, search shortcut, download menu, back-to-top button and footer; the chapters' links
    chrome = ("Skiptomaincontent", "Ctrl+K", "PrinttoPDF", "Backtotop", "BytheBorderSecurity", "Handoutsandthenotebook")
    assert {path.name: [c for c in chrome if c in text(path)] for path in every_pdf(site)
            if any(c in text(path) for c in chrome)} == {}


@pytest.mark.parametrize("slug", SLUGS)
def test_no_code_line_is_cut_at_the_margin(site, slug):
    """Every line of every code cell the page shows appears whole in the handout and in the book.

    Printed as the site's pages scroll, a long line (a parameter with its comment) is cut at the margin
    and its end is missing from the PDF: for example budgets' ``agents_first_fy`` line, printed without
    book/_static/print.css, stops at "hiring more ag". Wrapped, every character is there.
    """
    cells = nbformat.read(Path(site.parent.parent) / "book" / "chapters" / f"{slug}.ipynb", as_version=4).cells
    shown = [c for c in cells if c.cell_type == "code"
             and not {"remove-input", "remove-cell"} & set(c.metadata.get("tags", []))]
    lines = [line for cell in shown for line in cell.source.splitlines() if line.strip()]
    assert len(lines) >= 5
    for document in (site / downloads.handout_pdf(slug), site.parent / ".pdf_parts" / f"book--chapters--{slug}.pdf"):
        printed = text(document)
        assert [line for line in lines if squeezed(line) not in printed] == [], document.name


# --- without Chromium ---------------------------------------------------------------------------------

def test_without_chromium_the_build_says_so_in_one_line_or_fails_when_required(monkeypatch, capsys, tmp_path):
    absent = tmp_path / "no-chromium"
    monkeypatch.setattr(pdf, "CHROMIUM", str(absent))
    monkeypatch.delenv("BSN_REQUIRE_BROWSER", raising=False)
    assert pdf.write() == "PDFs skipped (no Chromium)"
    assert capsys.readouterr().out == (f"PDFs skipped: Chromium not found at {absent} (apt-get install chromium, "
                                       "or set BSN_CHROMIUM); the pages' links to them lead nowhere\n")
    monkeypatch.setenv("BSN_REQUIRE_BROWSER", "1")
    with pytest.raises(pdf.PrintError, match=r"^printing the PDFs: Chromium not found at .*; required \(BSN_REQUIRE_BROWSER=1\)$"):
        pdf.write()


def test_each_chapter_has_a_handout_and_an_answer_key_named_apart():
    names = [f(slug) for slug in SLUGS for f in (downloads.handout_pdf, downloads.answer_key_pdf)]
    assert SLUGS == ["budgets", "guns_money", "kingpin", "watchlist", "border_index"]
    assert len(set(names)) == len(names) and downloads.book_pdf() not in names
    assert downloads.book_pdf() == f"pdf/border-security-by-the-numbers-{pdf.current()[0]}.pdf"


def test_a_page_is_printed_again_when_its_text_changes_not_its_links_cache_suffixes():
    page = (b'<link rel="stylesheet" href="../_static/book.css?v=d43195cf" />'
            b'<script src="../_static/scripts/bootstrap.js?digest=55c26ed414f5f8a31ebb"></script><p>5.10-fold</p>')
    clean_build = page.replace(b"?v=d43195cf", b"")  # Sphinx leaves some suffixes out on a clean build
    assert pdf.page_content(page) == pdf.page_content(clean_build)
    assert pdf.page_content(page) != pdf.page_content(page.replace(b"5.10-fold", b"4.97-fold"))
    assert pdf.page_content(b"<p>?v=d43195cf is text</p>") == b"<p>?v=d43195cf is text</p>"
