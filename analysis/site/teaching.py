"""The "For teachers" page: each chapter in the table of contents, in reading order, with what it
checks, the essays it draws on, its prerequisites and the time it needs; and what a reader takes away
from the site: the book's source archive, the whole book as a PDF, and each chapter's student handout
and answer key (``analysis.site.downloads`` names them).

Everything is read from the chapters themselves (``analysis.chapters``, each module's docstring,
``TIME_NEEDED`` and ``PREREQUISITES``), so a new chapter appears here once it is in ``_toc.yml``.
"""
from __future__ import annotations

from html import escape

from analysis import chapters
from analysis.core.book import toc_notebooks
from analysis.core.claims import essays, registry
from analysis.site.downloads import answer_key_pdf, archive_name, book_pdf, handout_pdf

def summary(module) -> str:
    """A chapter's one-line summary: the paragraph after the first line of its module docstring."""
    paragraphs = [p for p in (module.__doc__ or "").strip().split("\n\n") if p.strip()]
    if len(paragraphs) < 2:
        raise ValueError(f"{module.__name__}: the docstring needs a second paragraph summarising the chapter")
    return " ".join(paragraphs[1].split())


def written_chapters() -> list[str]:
    """The chapters with a module and a notebook in the table of contents, in reading order."""
    in_toc = [p.stem for p in toc_notebooks() if p.parent.name == "chapters"]
    return [slug for slug in in_toc if slug in list(chapters.CHAPTERS)]


def chapter_guide() -> list[dict]:
    """One row per chapter: title, page, summary, essays, number of claims, prerequisites, time."""
    rows = []
    for slug in written_chapters():
        module = chapters.module(slug)
        claims = [c for c in registry().values() if c.chapter == slug]
        essay_keys = dict.fromkeys(c.essay for c in claims)
        rows.append({"slug": slug, "title": chapters.CHAPTERS[slug], "page": f"chapters/{slug}.html",
                     "summary": summary(module), "essays": [essays()[e]["short"] for e in essay_keys],
                     "claims": len(claims), "prerequisites": module.PREREQUISITES,
                     "time_needed": module.TIME_NEEDED, "handout": handout_pdf(slug),
                     "answer_key": answer_key_pdf(slug)})
    return rows


def guide_html(rows: list[dict]) -> str:
    """The guide as a numbered list in reading order; each title links to its chapter."""
    items = "".join(
        f'<li><p><a href="{escape(r["page"])}"><strong>{escape(r["title"])}</strong></a></p>'
        f'<p>{escape(r["summary"])}</p>'
        f'<p><em>Essays:</em> {escape("; ".join(r["essays"]))} \u00b7 <em>Claims:</em> {r["claims"]} \u00b7 '
        f'<em>Time needed:</em> {escape(r["time_needed"])}</p>'
        f'<p><em>Prerequisites:</em> {escape(r["prerequisites"])}</p>'
        f'<p><a href="../{escape(r["handout"])}">Student handout (PDF)</a> \u00b7 '
        f'<a href="../{escape(r["answer_key"])}">Answer key (PDF)</a></p></li>'
        for r in rows)
    return f'<ol class="teachers-guide">{items}</ol>'


def page_values(rows: list[dict]) -> dict:
    """Numbers and names the page's prose cites (glued, never typed)."""
    return {"n_chapters": len(rows), "first_chapter": rows[0]["title"] if rows else "none",
            "first_chapter_time": rows[0]["time_needed"] if rows else "none"}


def book_pdf_html() -> str:
    """The whole book's PDF, as the teachers page links it (the page sits one folder below the root)."""
    return f'<a href="../{escape(book_pdf())}"><code>{escape(book_pdf().rsplit("/", 1)[-1])}</code></a>'


def chapter_downloads_html(slug: str) -> str:
    """A chapter page's block on what to take away: its handout and answer key, and how to run its
    notebook (the page's download button), which imports the book's ``analysis`` package and reads its
    data, so it runs only inside the book's source. Chapter pages sit two folders below the root."""
    root = "../../"
    return (
        '<div class="admonition note bsn-downloads"><p class="admonition-title">Handouts and the notebook</p>'
        f'<p><a href="{root}{escape(handout_pdf(slug))}">Student handout</a> (the chapter and its exercises, '
        f'without solutions) \u00b7 <a href="{root}{escape(answer_key_pdf(slug))}">Answer key</a> (the '
        f'solutions, with their numbers) \u00b7 <a href="{root}{escape(book_pdf())}">The whole book</a>; all PDF.</p>'
        "<p>The download button at the top of this page offers this chapter's notebook. It imports the book's "
        "<code>analysis</code> package and reads its data, so it runs inside the book's source: download "
        f'<a href="{root}{escape(archive_name())}" download><code>{escape(archive_name())}</code></a>, unpack '
        "it (<code>tar -xzf</code>), run <code>make book</code> in the folder it makes (which sets up "
        "<code>.venv</code>, the only download), then open "
        f"<code>book/chapters/{escape(slug)}.ipynb</code> with the <code>.venv</code> environment, for "
        "example in JupyterLab (<code>.venv/bin/pip install jupyterlab</code>, then <code>.venv/bin/jupyter "
        f'lab</code>). <a href="../teachers.html#running-a-chapter-on-your-own-computer">For teachers</a> '
        "says more.</p></div>")
