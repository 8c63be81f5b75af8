"""The names of what a reader downloads from the site: the book's source archive
(``analysis.tools.archive`` writes it), the whole book as a PDF, and each chapter's student handout and
answer key (``analysis.tools.pdf`` prints them). Paths are from the site's root; the archive and the
book carry the edition in their names.

Kept apart from the pages' modules so that the build imports it without the chapters (and pandas).
"""
from __future__ import annotations

from analysis.site.editions import current

STEM = "border-security-by-the-numbers"  # the downloads' names start with it


def archive_name() -> str:
    """The book's source archive on the site (``analysis.tools.archive`` writes it), with the edition."""
    return f"{STEM}-{current()[0]}.tar.gz"


def book_pdf() -> str:
    """The whole book as one PDF, its path from the site's root (``analysis.tools.pdf`` prints it)."""
    return f"pdf/{STEM}-{current()[0]}.pdf"


def handout_pdf(slug: str) -> str:
    """A chapter's student handout: the chapter with its exercises and without their solutions."""
    return f"pdf/{slug}-handout.pdf"


def answer_key_pdf(slug: str) -> str:
    """A chapter's answer key: its exercises with their solutions, the computed numbers in them."""
    return f"pdf/{slug}-answer-key.pdf"
