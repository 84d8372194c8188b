"""The house rules of the package, read from its source: no import circle, no module over 600 lines.

Every import counts, at module level or inside a function: ``import a.b``, ``from a import b``
(an edge to the module ``a.b`` when there is one, else to ``a``) and relative imports alike.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "workbench"
MOST_LINES = 600

def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that module ``name`` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out |= {sub} if sub in known else ({target} if target in known else set())
    out.discard(name)
    return out


def circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = counter
                    counter += 1
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph[step]))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(group)
    return found


@pytest.fixture(scope="module")
def graph():
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_circles_are_found():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_function_level_and_relative_imports_count(graph):
    assert "workbench.exercises.button" in graph["workbench.widgets.practice.crm"]  # a module-level import
    assert "workbench.exercises.forms" in graph["workbench.exercises.check"]  # inside unusable()


def test_no_import_circle_between_modules(graph):
    assert not circles(graph), "import circles: break each one (move what both sides need into a third module)"


def test_no_module_over_600_lines():
    lengths = {path.relative_to(PACKAGE.parent).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
               for path in modules().values()}
    long = {name: n for name, n in lengths.items() if n > MOST_LINES}
    assert not long, f"split these modules, one concept each: {long}"


def test_the_practice_crm_store_knows_nothing_of_its_screens(graph):
    store = {name: deps for name, deps in graph.items() if name.startswith("workbench.practice")}
    assert not {name for name, deps in store.items() if any(d.startswith("workbench.widgets") for d in deps)}


def test_the_architecture_page_names_every_room():
    page = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    rooms = sorted(name for name, path in modules().items() if path.name == "__init__.py" and "." in name
                   and name.count(".") <= 2 and not name.startswith("workbench.exercises.checks."))
    missing = [room for room in rooms if f"`{room}`" not in page]
    assert not missing, f"docs/architecture.md does not describe {missing}: add a row for each"


def test_tests_mirror_the_package():
    tests = PACKAGE.parent / "tests"
    rooms = {path.relative_to(tests).parts[0] for path in tests.glob("*/test_*.py")}
    strays = rooms - {"browser", "hostile", "deploy"} - {path.name for path in PACKAGE.iterdir() if path.is_dir()}
    assert not strays, f"tests/{sorted(strays)} name no room of the package: move them to tests/<room>/"
