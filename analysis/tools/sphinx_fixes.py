"""A Sphinx extension mending what Jupyter Book 1's stack gets wrong in the browser.

sphinx-thebe 0.3.1 registers its inline configuration script twice under Sphinx 7, so every page
raised "Identifier 'THEBE_JS_URL' has already been declared" (caught by the browser tests); the copies
differ only in a filename of None or "", so scripts are compared by filename text and attributes.

Sphinx's search quotes a snippet of each page's whole text, hidden exercise solutions included;
book/_static/search-snippets.js (deferred, so it runs after searchtools.js) leaves them out.

Two pieces of page markup fail axe-core's accessibility checks and are mended in each page's body:
myst-nb names a hidden cell's toggle "Toggle hidden content" while it reads "Show code cell source"
(a name must contain the visible text), and docutils gives the bibliography role="list" with
children that are not list items.

Every chapter figure offers its data: the notebook glue hands each figure's plotted values as CSV in
the glued output's metadata (``analysis.site.notebook.glue_figures``); here each is written to
``figure-data/<figure name>.csv`` in the site, headed by the figure's number and caption (which names
the units and the source), and linked at the end of the caption. A glued figure with data that no
figure of the same name shows is a warning, so the -W build fails.
"""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from analysis.core.plotting import FIGURE_DATA_KEY

FIGURE_DATA = "figure-data"  # the site's folder of figure data files


def _unique_scripts(app, pagename, templatename, context, doctree):
    seen, unique = set(), []
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", {})
        key = (str(getattr(script, "filename", script) or ""), tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


BODY_FIXES = {'<summary aria-label="Toggle hidden content">': "<summary>",
              '<div role="list" class="citation-list">': '<div class="citation-list">'}


def _accessible_body(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body:
        for wrong, right in BODY_FIXES.items():
            body = body.replace(wrong, right)
        context["body"] = body


def _glued_figure_data(app, docname: str) -> dict[str, str]:
    """The CSV each figure glued on the page carries, by glue key (myst-nb writes a page's glue data beside
    its executed notebook for steps like this one)."""
    from myst_nb.sphinx_ext import OUTPUT_FOLDER
    path = Path(app.outdir).parent / OUTPUT_FOLDER / f"{docname}.glue.json"
    if not path.is_file():
        return {}
    glued = json.loads(path.read_text(encoding="utf-8"))
    return {key: output["metadata"][FIGURE_DATA_KEY] for key, output in glued.items()
            if FIGURE_DATA_KEY in output.get("metadata", {})}


def figure_data_header(number: str, caption: str) -> str:
    """Comment lines before a figure's data: its number and caption, and the caption's source sentence."""
    caption = " ".join(caption.split())
    source = re.search(r"\bSources?: (.*)$", caption)
    lines = [f"# Figure {number}: {caption}" if number else f"# {caption}"]
    lines += [f"# Source: {source.group(1)}"] if source else []
    return "\n".join(lines) + "\n"


def _figure_data_links(app, doctree, docname):
    data = _glued_figure_data(app, docname)
    if not data:
        return
    numbers = app.env.toc_fignumbers.get(docname, {}).get("figure", {})
    for figure in doctree.findall(nodes.figure):
        key = next((name for name in figure["names"] if name in data), None)
        caption = next(iter(figure.findall(nodes.caption)), None)
        if key is None or caption is None:
            continue
        number = ".".join(map(str, numbers.get(figure["ids"][0], ()))) if figure["ids"] else ""
        target = Path(app.outdir) / FIGURE_DATA / f"{key}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(figure_data_header(number, caption.astext()) + data.pop(key), encoding="utf-8")
        uri = posixpath.relpath(f"{FIGURE_DATA}/{key}.csv", posixpath.dirname(docname) or ".")
        caption += [nodes.Text(" "), nodes.raw("", f'<a class="reference download figure-data" href="{uri}" download>'
                                                   f'Data (CSV)</a>', format="html")]
    for key in data:
        logging.getLogger(__name__).warning(f"{docname}: glued figure {key!r} carries data but no figure named "
                                            f"{key!r} shows it (give its glue:figure the :name: {key})")


def setup(app):
    import pybtex.plugin
    from analysis.site import bibliography
    pybtex.plugin.register_plugin("pybtex.style.formatting", "bsn", bibliography.Style)
    app.connect("doctree-resolved", _figure_data_links)
    app.connect("html-page-context", _unique_scripts, priority=900)
    app.connect("html-page-context", _accessible_body)
    app.add_js_file("search-snippets.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
