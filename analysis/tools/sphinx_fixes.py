"""A Sphinx extension mending what Jupyter Book 1's stack gets wrong in the browser.

sphinx-thebe 0.3.1 registers its inline configuration script twice under Sphinx 7, so every page
raised "Identifier 'THEBE_JS_URL' has already been declared" (caught by the browser tests); the copies
differ only in a filename of None or "", so scripts are compared by filename text and attributes.

Sphinx's search quotes a snippet of each page's whole text, hidden exercise solutions included;
book/_static/search-snippets.js (deferred, so it runs after searchtools.js) leaves them out.
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


def setup(app):
    app.connect("html-page-context", _unique_scripts, priority=900)
    app.add_js_file("search-snippets.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
