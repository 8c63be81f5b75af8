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
"""
from __future__ import annotations


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


def setup(app):
    app.connect("html-page-context", _unique_scripts, priority=900)
    app.connect("html-page-context", _accessible_body)
    app.add_js_file("search-snippets.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
