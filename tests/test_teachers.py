"""For teachers and for machines: each chapter's learning goals and exercises, the teachers page, the
download and launch buttons, and the schema.org ClaimReview records each chapter page carries."""
from __future__ import annotations

import json
import re
import types
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
import yaml

from analysis.site import downloads, notebook, teaching
from analysis import chapters
from analysis.chapters import budgets
from analysis.core.claims import claim, essays, registry
from analysis.core.data import REPO_ROOT

CHAPTERS = teaching.written_chapters()


def test_the_guide_lists_every_written_chapter_in_reading_order():
    rows = teaching.chapter_guide()
    assert [r["slug"] for r in rows] == ["budgets", "guns_money", "kingpin", "watchlist", "border_index"]
    first = rows[0]
    assert first["title"] == "Border Patrol vs ports of entry: budgets and staffing"
    assert first["page"] == "chapters/budgets.html" and first["time_needed"] == "about an hour"
    assert first["summary"].startswith("Recomputes the essay's staffing and budget claims")
    assert first["claims"] == 15 and first["essays"] == ["Heyman (2011)", "World Politics Review (2019)"]
    assert rows[3]["essays"] == ["Byers and Warner (2024)", "Sluys (2023)", "World Politics Review (2019)"]
    assert teaching.page_values(rows) == {"n_chapters": 5, "first_chapter": first["title"],
                                          "first_chapter_time": "about an hour"}


@pytest.mark.parametrize("slug", CHAPTERS)
def test_each_chapter_states_its_prerequisites_and_time_in_words(slug):
    module = chapters.module(slug)
    for text in (module.TIME_NEEDED, module.PREREQUISITES, teaching.summary(module)):
        assert text.strip()
    assert not re.search(r"\d", module.TIME_NEEDED + module.PREREQUISITES)  # shown in prose: words only
    goals = nbformat.read(REPO_ROOT / "book" / "chapters" / f"{slug}.ipynb", as_version=4).cells[0].source
    assert "Learning goals" in goals
    assert goals.index("{glue:text}`prerequisites`") < goals.index("{glue:text}`time_needed`") < goals.index("\n:::\n")


def test_a_docstring_without_a_summary_is_refused():
    module = types.ModuleType("analysis.chapters.x", "Chapter: only a title.")
    with pytest.raises(ValueError, match="analysis.chapters.x: the docstring needs a second paragraph"):
        teaching.summary(module)


EXERCISE = re.compile(r"^:::\{exercise\}\n:label: ([\w-]+)\n(.*?)^:::$", re.M | re.S)
SOLUTION = re.compile(r"^:::\{solution\} ([\w-]+)\n:class: dropdown\n(.*?)^:::$", re.M | re.S)


@pytest.mark.parametrize("slug", CHAPTERS)
def test_each_chapter_ends_with_exercises_and_hidden_solutions(slug):
    last = nbformat.read(REPO_ROOT / "book" / "chapters" / f"{slug}.ipynb", as_version=4).cells[-1].source
    assert last.startswith("## Exercises\n")
    exercises, solutions = EXERCISE.findall(last), dict(SOLUTION.findall(last))
    assert 2 <= len(exercises) <= 4
    assert [label for label, _ in exercises] == list(solutions)  # each exercise has its solution, in order
    assert all(label.startswith(slug.replace("_", "-") + "-ex-") for label, _ in exercises)
    # at least one asks to change a parameter, re-run, and explain the verdict
    parameters = chapters.module(slug).PARAMETERS.names()
    assert any("re-run" in text and any(f"`{p}" in text for p in parameters) for _, text in exercises)



@pytest.mark.parametrize("slug", CHAPTERS)
def test_each_chapter_ends_with_discussion_questions_that_need_no_code(slug):
    last = nbformat.read(REPO_ROOT / "book" / "chapters" / f"{slug}.ipynb", as_version=4).cells[-1].source
    exercises, _, discussion = last.partition("\n### Discussion\n")
    assert discussion and EXERCISE.search(exercises), "the exercises come first, then the discussion"
    questions = re.findall(r"^- (.+)$", discussion, re.M)
    assert 2 <= len(questions) <= 3 and all(q.endswith("?") for q in questions), questions
    assert not [q for q in questions if "`" in q or "re-run" in q], "a discussion question needs no code"

def test_a_scenario_glues_the_rerun_and_names_the_verdicts_that_moved():
    params = budgets.PARAMETERS.defaults()
    results = budgets.check_claims(**params)
    values = notebook.scenario("ex", budgets, params, results, tolerance=0.05)
    assert values["ex.changed"] == ("Border Patrol budget, 1993 to 2010 (roughly right \u2192 overstated); "
                                    "Border Patrol build-up, 1993 to 2001 (roughly right \u2192 overstated); "
                                    "Border Patrol build-up since 2005 (accurate \u2192 roughly right)")
    assert values["ex.tolerance"] == 0.05
    assert values["ex.heyman-bp-staffing-1993-2010.recomputed"] == "5.10-fold"
    later = notebook.scenario("ex", budgets, params, results, values=True, start_year=1994)
    assert later["ex.changed"] == "Border Patrol staff, 1993 to 2010 (accurate \u2192 roughly right)"  # short of five
    assert later["ex.heyman-bp-staffing-1993-2010.recomputed"] == "4.80-fold"
    assert later["ex.prices_cpi_u"] == "1.48-fold"


# --- ClaimReview ---------------------------------------------------------------------------------------

def test_review_urls_are_page_relative_without_a_base_url_and_absolute_with_one():
    assert notebook.review_url("heyman-fence-cost", "guns_money", None) == "guns_money.html#heyman-fence-cost"
    assert (notebook.review_url("heyman-fence-cost", "guns_money", "https://example.org/bsn/")
            == "https://example.org/bsn/book/chapters/guns_money.html#heyman-fence-cost")
    result = budgets.check_claims(**budgets.PARAMETERS.defaults())[:1]
    graph = notebook.claim_reviews(result, {"title": "T", "html": {"baseurl": "https://example.org/bsn"}})["@graph"]
    assert graph[0]["url"] == "https://example.org/bsn/book/chapters/budgets.html#heyman-bp-staffing-1993-2010"
    assert graph[0]["author"] == {"@type": "Organization", "name": "T"}


def test_essay_authors_are_people_or_the_publication_when_unsigned():
    assert notebook.essay_authors(essays()["byers2024"]) == [{"@type": "Person", "name": "Andrew Byers"},
                                                             {"@type": "Person", "name": "Kelsey Warner"}]
    assert len(notebook.essay_authors(essays()["caune2024"])) == 6
    assert notebook.essay_authors(essays()["wpr2019"]) == [{"@type": "Organization", "name": "World Politics Review"}]


class Page(HTMLParser):
    """A built page's JSON-LD scripts, element ids and links."""

    def __init__(self, path: Path):
        super().__init__()
        self.scripts, self.ids, self.links, self._in_json = [], set(), [], False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in_json = tag == "script" and attrs.get("type") == "application/ld+json"
        if self._in_json:
            self.scripts.append("")
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        self._in_json = False if tag == "script" else self._in_json

    def handle_data(self, data):
        if self._in_json:
            self.scripts[-1] += data


def config(root: Path) -> dict:
    return yaml.safe_load((root / "_config.yml").read_text())


@pytest.mark.parametrize("slug", CHAPTERS)
def test_each_chapter_page_reviews_every_claim_it_checks(built_book, slug):
    html = built_book / "_build" / "html"
    page = Page(html / "book" / "chapters" / f"{slug}.html")
    assert len(page.scripts) == 1
    document = json.loads(page.scripts[0])
    assert document["@context"] == "https://schema.org"
    reviews = {urlsplit(r["url"]).fragment: r for r in document["@graph"]}
    ledger = {row["id"]: row for row in json.loads((html / "ledger.json").read_text())}
    checked = [c for c in registry().values() if c.chapter == slug and c.status == "checked"]
    assert sorted(reviews) == sorted(c.id for c in checked) and len(document["@graph"]) == len(checked)
    title, baseurl = config(built_book)["title"], (config(built_book).get("html") or {}).get("baseurl")
    for c in checked:
        review, essay = reviews[c.id], essays()[claim(c.id).essay]
        assert review["@type"] == "ClaimReview"
        assert review["url"] == notebook.review_url(c.id, slug, baseurl)
        assert c.id in page.ids  # the anchor the url points to is on the page
        assert review["claimReviewed"] == c.claim
        assert review["author"] == {"@type": "Organization", "name": title}
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["datePublished"] == essay["date"]
        assert [a["name"] for a in item["author"]] == [a["name"] for a in notebook.essay_authors(essay)]
        assert item["appearance"]["headline"] == essay["title"]
        assert item["appearance"]["publisher"]["name"] == essay["publisher"]
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["alternateName"] == ledger[c.id]["verdict"]
        assert rating["ratingExplanation"] == ledger[c.id]["reason"]


# --- download and launch buttons -----------------------------------------------------------------------

@pytest.mark.parametrize("slug", CHAPTERS)
def test_each_chapter_offers_its_source_notebook_for_download(built_book, slug):
    page_path = built_book / "_build" / "html" / "book" / "chapters" / f"{slug}.html"
    downloads = [link for link in Page(page_path).links if "_sources/" in link]
    assert downloads == [f"../../_sources/book/chapters/{slug}.ipynb"]
    offered = (page_path.parent / downloads[0]).resolve()
    assert offered.read_bytes() == (built_book / "book" / "chapters" / f"{slug}.ipynb").read_bytes()


@pytest.mark.parametrize("slug", CHAPTERS)
def test_each_chapter_links_its_handouts_and_says_how_to_run_its_notebook_from_the_archive(built_book, slug):
    page_path = built_book / "_build" / "html" / "book" / "chapters" / f"{slug}.html"
    page = Page(page_path)
    offered = [downloads.handout_pdf(slug), downloads.answer_key_pdf(slug), downloads.book_pdf(), downloads.archive_name()]
    assert [f"../../{name}" for name in offered] == [link for link in page.links if link.endswith((".pdf", ".tar.gz"))]
    note = re.sub(r"<[^>]+>", "", page_path.read_text(encoding="utf-8").split('class="admonition note bsn-downloads"')[1])
    assert "imports the book's analysis package" in note and "run make book in the folder it makes" in note
    assert f"open book/chapters/{slug}.ipynb with the .venv environment" in note


def test_the_teachers_page_links_every_handout_answer_key_and_the_book(built_book):
    links = Page(built_book / "_build" / "html" / "book" / "teachers.html").links
    expected = [f(slug) for slug in CHAPTERS for f in (downloads.handout_pdf, downloads.answer_key_pdf)] + [downloads.book_pdf()]
    assert [link for link in links if link.endswith(".pdf")] == [f"../{name}" for name in expected]


@pytest.mark.parametrize("slug", CHAPTERS)
def test_launch_links_open_the_notebook_from_the_configured_repository(built_book, slug):
    settings = config(built_book)
    repository, branch = settings["repository"]["url"].rstrip("/"), settings["repository"]["branch"]
    launch = settings["launch_buttons"]
    owner_and_name = urlsplit(repository).path.strip("/")
    notebook_path = f"book/chapters/{slug}.ipynb"
    links = [link for link in Page(built_book / "_build" / "html" / "book" / "chapters" / f"{slug}.html").links
             if link.startswith((launch["binderhub_url"], launch["colab_url"]))]
    assert links == [
        f"{launch['binderhub_url']}/v2/gh/{owner_and_name}/{branch}?urlpath=lab/tree/{notebook_path}",
        f"{launch['colab_url']}/github/{owner_and_name}/blob/{branch}/{notebook_path}",
    ]
    assert repository == "https://github.com/" + owner_and_name and not launch["thebe"]
