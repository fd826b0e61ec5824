"""The package's layering, read from its source: what a learner's kernel runs never reaches the
grader or the authoring tools, there is no import cycle, and no function grows past one screen.

These rules are what make the tree readable: a reviewer can trust the folder a module sits in.
"""
import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "beyond_borders"
MAX_FUNCTION_LINES = 60

# Subpackages a learner's kernel imports, and those only the instructor or a maintainer runs.
LEARNER_SIDE = {"data", "render", "views", "checks", "content"}
TOOLS_SIDE = {"grading", "authoring", "publish", "classroom"}
# Who may import whom (lower layers never import higher ones).
ALLOWED = {
    "data": set(),
    "content": {"data"},
    "render": {"data"},
    "checks": {"data", "render"},  # where the entity names are; the answer options' style
    "views": {"data", "render", "content"},
    "jupyter": set(),
    "authoring": {"jupyter", "checks"},
    "grading": {"checks", "jupyter"},
    "publish": {"data", "render", "views", "content"},  # the static site draws what views draw
    "classroom": {"data", "render", "views", "content"},  # role cards print what decision points draw
}


def modules():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


KNOWN = {name for name, _path in modules()}


def imports_of(name, path):
    """Every beyond_borders module a file imports, at module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("beyond_borders"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.startswith("beyond_borders"):
                for a in node.names:  # `from pkg import submodule` names the submodule
                    found.add(f"{mod}.{a.name}" if f"{mod}.{a.name}" in KNOWN else mod)
    # A module's own packages are imported with it by Python itself: they are not edges.
    return {m for m in found if m in KNOWN and m != name and not name.startswith(m + ".")}


def layer(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else None


GRAPH = {name: imports_of(name, path) for name, path in modules()}


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if layer(n) in ALLOWED))
def test_each_module_imports_only_from_allowed_layers(name):
    own = layer(name)
    bad = sorted(m for m in GRAPH[name]
                 if layer(m) not in (None, own) and layer(m) not in ALLOWED[own])
    assert not bad, f"{name} ({own}) imports {bad}; {own} may use only {sorted(ALLOWED[own])}"


def test_learner_side_never_reaches_the_grader_or_the_authoring_tools():
    reached, todo = set(), [n for n in GRAPH if layer(n) in LEARNER_SIDE]
    while todo:
        n = todo.pop()
        for m in GRAPH.get(n, ()):
            if m not in reached:
                reached.add(m)
                todo.append(m)
    assert not {m for m in reached if layer(m) in TOOLS_SIDE}


def test_the_package_has_no_import_cycle():
    state, stack = {}, []

    def visit(n):
        state[n] = "open"
        stack.append(n)
        for m in sorted(GRAPH.get(n, ())):
            if m == "beyond_borders" or n == "beyond_borders":
                continue  # the facade re-exports lazily; every module may use it for data
            if state.get(m) == "open":
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(m):] + [m]))
            if m not in state:
                visit(m)
        stack.pop()
        state[n] = "done"

    for n in sorted(GRAPH):
        if n not in state:
            visit(n)


def test_no_function_is_longer_than_one_screen():
    long = []
    for name, path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {n} lines")
    assert not long, "split these functions:\n" + "\n".join(long)


def test_test_infrastructure_is_not_in_the_package():
    """The browser-test plumbing (Chromium and its flags) lives in tests/support, not in the wheel."""
    assert not (SRC / "labserver.py").exists()
    for _name, path in modules():
        text = path.read_text(encoding="utf-8")
        assert "chromium" not in text.lower() and "--disable-gpu" not in text, path
