"""Print the book to PDF from the built site with Debian's Chromium: the whole book as one PDF, and for
each chapter a student handout (the chapter without its solutions) and an answer key (its exercises with
their solutions and the numbers they quote), under the names ``analysis.site.downloads`` gives.

Each page is printed as a reader would print it (``book/_static/print.css``: solutions and hidden code
shown without "Click to show", no navigation, sidebars or buttons, code wrapped at the margin), on US
Letter, with the page's title and number in the footer; a handout is marked for print.css to drop the
solutions, and an answer key keeps only the chapter's title and exercises. The pages are printed in
parallel, a browser per core, and only those whose page, the site's static files or this module changed since they
were last printed (``_build/.pdf_inputs.json``); the book is every page of the table of contents,
printed once each and merged with pypdf, with a bookmark for each. Links to another page point at the
published site when ``html.baseurl`` is set in ``_config.yml`` and are plain text otherwise (a path on
the build machine means nothing in a PDF); links to the web stay.

Chromium is found as the browser tests find it (``BSN_CHROMIUM``, else ``chromium`` on the PATH, else
/usr/bin/chromium). Without it the build says so in one line and leaves the PDFs out; with
``BSN_REQUIRE_BROWSER=1``, as in CI, a missing browser fails the build.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from pathlib import Path

import yaml

from analysis.core.book import BUILD, CHAPTERS, REPO_ROOT, toc_pages
from analysis.site import downloads
from analysis.site.editions import current

CHROMIUM = os.environ.get("BSN_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
HTML = BUILD / "html"
PARTS = BUILD / ".pdf_parts"  # each page of the book printed alone, merged into the book
RECORD = BUILD / ".pdf_inputs.json"  # for each PDF: the digest of what it was printed from, and its title
KINDS = {"book": "", "handout": "Student handout", "answer-key": "Answer key"}  # the label under the title
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
FOOTER = ('<div style="font-size:8px;color:#444;width:100%;margin:0 16mm;display:flex;'
          'justify-content:space-between"><span class="title"></span>'
          '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')
# Run in the page before printing: links, the kind of document, the title the footer shows.
PREPARE = r"""({kind, label, root, baseurl}) => {
  for (const a of document.querySelectorAll('a[href]')) {
    if (!a.href.startsWith('file:')) continue;
    if (baseurl && a.href.startsWith(root)) a.href = baseurl + a.href.slice(root.length);
    else a.removeAttribute('href');
  }
  const h1 = document.querySelector('#jb-print-docs-body > h1');  // the title as the theme prints it
  const title = h1.textContent.trim();
  if (kind === 'handout') document.documentElement.classList.add('bsn-handout');
  if (kind === 'answer-key') {
    const exercises = document.querySelector('.solution').closest('article.bd-article > section > section');
    const top = exercises.parentElement;
    for (const child of [...top.children]) if (child !== exercises) child.remove();
    document.getElementById('jb-print-toc').remove();  // the contents of the whole chapter
  }
  if (label) {
    const note = document.createElement('p');
    note.append(Object.assign(document.createElement('strong'), {textContent: label}));
    h1.after(note);
  }
  document.title = label ? `${title}: ${label.split(',')[0].toLowerCase()}` : title;
  return title;
}"""


class PrintError(RuntimeError):
    """The PDFs could not be printed; the message's first line is the cause (the build reports it so)."""


def chapter_slugs() -> list[str]:
    """The chapters in the table of contents, in reading order."""
    return [Path(name).name for name in toc_pages() if Path(name).parent.name == "chapters" and Path(name).name in CHAPTERS]


def jobs() -> list[tuple[Path, str, str]]:
    """Every PDF to print: (where it goes, the page it is printed from, its kind)."""
    parts = [(PARTS / f"{name.replace('/', '--')}.pdf", name, "book") for name in toc_pages()]
    chapters = [(HTML / path(slug), f"book/chapters/{slug}", kind) for slug in chapter_slugs()
                for kind, path in (("handout", downloads.handout_pdf), ("answer-key", downloads.answer_key_pdf))]
    return parts + chapters


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def page_content(html: bytes) -> bytes:
    """A page as its PDF depends on it: without the cache-busting suffixes of the files it links (``?v=``,
    ``?digest=``), which Sphinx adds on a later build but not on a clean one, so that every page of a clean
    build would otherwise be printed again by the next build; those files' content is digested on its own."""
    return re.sub(rb"\?(?:v|digest)=[0-9a-f]+(?=[\"'])", b"", html)


def _static_digest() -> bytes:
    """The site's styles, scripts and images the pages load, and this module (how they are printed)."""
    files = sorted(p for p in (HTML / "_static").rglob("*") if p.is_file())
    return _digest(Path(__file__).read_bytes(), *(f"{p.relative_to(HTML)}\0".encode() + p.read_bytes() for p in files)).encode()


def _baseurl() -> str:
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    baseurl = (config.get("html") or {}).get("baseurl") or ""
    return baseurl.rstrip("/") + "/" if baseurl else ""


def chromium_missing() -> str | None:
    """Why the PDFs cannot be printed here, or None."""
    if Path(CHROMIUM).is_file():
        return None
    return f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set BSN_CHROMIUM)"


def write() -> str:
    """Print what changed and merge the book; return what was done, for the build's summary line."""
    missing = chromium_missing()
    if missing:
        if os.environ.get("BSN_REQUIRE_BROWSER") == "1":
            raise PrintError(f"printing the PDFs: {missing}; required (BSN_REQUIRE_BROWSER=1)")
        print(f"PDFs skipped: {missing}; the pages' links to them lead nowhere", flush=True)
        return "PDFs skipped (no Chromium)"
    record = json.loads(RECORD.read_text()) if RECORD.is_file() else {}
    static, baseurl = _static_digest(), _baseurl()
    todo = []
    for out, name, kind in jobs():
        page = HTML / f"{name}.html"
        if not page.is_file():
            raise PrintError(f"printing the PDFs: {page.relative_to(REPO_ROOT)} was not built")
        digest = _digest(page_content(page.read_bytes()), static, kind.encode(), baseurl.encode())
        key = str(out.relative_to(BUILD))
        if not out.is_file() or record.get(key, {}).get("digest") != digest:
            todo.append((out, page, kind, key, digest))
    start = time.perf_counter()
    if todo:
        record.update(_print_in_parallel(todo, baseurl))
    book = HTML / downloads.book_pdf()
    if todo or not book.is_file():
        _merge_book(book, record)
    expected = {book} | {out for out, _, kind in jobs() if kind != "book"}
    for stale in (HTML / "pdf").glob("*.pdf"):  # e.g. the book of an earlier edition
        if stale not in expected:
            stale.unlink()
    RECORD.write_text(json.dumps(record, indent=1, sort_keys=True))
    return f"{len(todo)} page(s) printed to PDF in {time.perf_counter() - start:.1f} s" if todo else "PDFs up to date"


def _print_in_parallel(todo: list, baseurl: str) -> dict:
    """Print across the cores, one browser per process, each taking every n-th page (the pages' costs are
    mixed that way); return the record entries of what was printed."""
    workers = min(len(todo), os.cpu_count() or 1)
    if workers == 1:
        return _print(todo, baseurl)
    from concurrent.futures import ProcessPoolExecutor
    printed = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for done in pool.map(_print, [todo[i::workers] for i in range(workers)], [baseurl] * workers):
            printed.update(done)
    return printed


def _print(todo: list, baseurl: str) -> dict:
    from playwright.sync_api import sync_playwright
    record = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        try:
            context = browser.new_context()
            context.route(re.compile(r"^https?://"), lambda route: route.abort())  # the build needs no network
            page = context.new_page()
            page.emulate_media(media="print")
            for out, source, kind, key, digest in todo:
                try:
                    page.goto(source.as_uri(), wait_until="load")
                    title = page.evaluate(PREPARE, {"kind": kind, "label": KINDS[kind] and f"{KINDS[kind]}, edition {current()[0]}",
                                                    "root": HTML.as_uri() + "/", "baseurl": baseurl})
                    out.parent.mkdir(parents=True, exist_ok=True)
                    page.pdf(path=str(out), format="Letter", margin=MARGIN, print_background=True,
                             display_header_footer=True, header_template="<span></span>", footer_template=FOOTER)
                except Exception as error:
                    cause = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                    raise PrintError(f"printing {source.relative_to(REPO_ROOT)} as {kind}: {cause}") from error
                record[key] = {"digest": digest, "title": title}
        finally:
            browser.close()
    return record


def _merge_book(book: Path, record: dict) -> None:
    """The book: every page in reading order, each a bookmark with its title."""
    from pypdf import PdfWriter
    writer = PdfWriter()
    for out, _, kind in jobs():
        if kind == "book":
            writer.append(str(out), outline_item=record[str(out.relative_to(BUILD))]["title"])
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    writer.add_metadata({"/Title": f"{config['title']}, edition {current()[0]}"})
    book.parent.mkdir(parents=True, exist_ok=True)
    with book.open("wb") as file:
        writer.write(file)
