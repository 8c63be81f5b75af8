"""The package's layers import only downward: core, then chapters, then site, then tools, then __main__;
and no modules import each other in a cycle."""
from __future__ import annotations

import ast
from pathlib import Path

from analysis.core.book import REPO_ROOT

PACKAGE = REPO_ROOT / "analysis"
LAYERS = ("core", "chapters", "site", "tools", "__main__")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(name: str) -> int:
    """The layer of a module of the package (the package's own ``__init__`` is below everything)."""
    parts = name.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 else -1


def imports(source: str) -> set[str]:
    """The package's modules a source imports, anywhere in it (inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "analysis"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "analysis":
            found |= {_submodule(node.module, a.name) for a in node.names}
    return found


def _submodule(package: str, name: str) -> str:
    """``from package import name``: the module ``package.name`` when there is one, else ``package``."""
    child = f"{package}.{name}"
    is_module = package == "analysis" or any(
        (PACKAGE.parent / child.replace(".", "/")).with_suffix(s).exists() for s in (".py", ""))
    return child if is_module else package


def upward_imports(name: str, source: str) -> list[str]:
    return sorted(target for target in imports(source) if layer(target) > layer(name))


MODULES = {module_name(p): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def test_the_checker_sees_an_import_from_a_layer_above():
    assert upward_imports("analysis.core.claims", "from analysis.chapters import budgets") == [
        "analysis.chapters.budgets"]
    assert upward_imports("analysis.site.ledger", "def f():\n    from analysis.tools import build\n") == \
        ["analysis.tools.build"]
    assert upward_imports("analysis.core.claims", "from analysis import chapters") == ["analysis.chapters"]
    assert upward_imports("analysis.tools.build", "from analysis.core.book import REPO_ROOT") == []


def test_every_module_belongs_to_a_layer():
    assert all(name == "analysis" or name.split(".")[1] in LAYERS for name in MODULES), sorted(MODULES)


def test_no_module_imports_from_a_layer_above_its_own():
    found = {name: upward_imports(name, source) for name, source in MODULES.items()}
    assert not {name: targets for name, targets in found.items() if targets}


def test_no_import_cycles():
    graph = {name: {t for t in imports(source) if t in MODULES and t != name} for name, source in MODULES.items()}
    done, path = set(), []

    def visit(name):
        if name in path:
            raise AssertionError(f"import cycle: {' -> '.join(path[path.index(name):] + [name])}")
        if name in done:
            return
        path.append(name)
        for target in sorted(graph[name]):
            visit(target)
        path.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)
