"""Each module imports only what the extra it belongs to installs: the core alone runs ``import workbench`` and the analytics.

Every third-party import of a module (at module level or inside a function) must come from a
distribution that the core dependencies, or the extra :data:`EXTRA_OF` names for the module,
install (their requirements followed through the installed metadata).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
#: The modules that need more than the core, by dotted prefix (the longest prefix wins).
EXTRA_OF = {
    "workbench.widgets": "lab",  # ipywidgets screens
    "workbench.exercises.button": "lab",
    "workbench.exercises.forms": "lab",
    "workbench.lesson_copies": "lab",  # writes the JupyterLab workspace that opens start-here
    "workbench.sessions": "superuser",  # executes and grades notebooks
    "workbench.site": "superuser",  # the demo site: nbclient and nbconvert
    "workbench.network.betweenness": "fast",  # igraph and networkit, when asked for
    "workbench.classroom": "hub",
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def closure(extra: str | None) -> frozenset[str]:
    """The distributions the core (and ``extra``) install, followed through installed metadata."""
    wanted = [Requirement(r) for r in PROJECT["dependencies"]]
    if extra:
        wanted += [Requirement(r) for r in PROJECT["optional-dependencies"][extra]]
    found: set[str] = set()
    while wanted:
        req = wanted.pop()
        name = canonical(req.name)
        if name == "workbench":
            for sub in req.extras:
                wanted += [Requirement(r) for r in PROJECT["optional-dependencies"][sub]]
            continue
        if name in found:
            continue
        found.add(name)
        try:
            requires = metadata.requires(req.name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            sub = Requirement(line)
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in ("", *req.extras)):
                wanted.append(sub)
    return frozenset(found)


def third_party_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "workbench"}


def extra_of(module: str) -> str | None:
    prefixes = [p for p in EXTRA_OF if module == p or module.startswith(p + ".")]
    return EXTRA_OF[max(prefixes, key=len)] if prefixes else None


MODULES = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
           for p in sorted((ROOT / "workbench").rglob("*.py"))}
PROVIDERS = metadata.packages_distributions()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_imports_only_what_its_extra_installs(module):
    extra = extra_of(module)
    allowed = closure(extra)
    missing = {name: PROVIDERS.get(name, ["(not installed)"]) for name in third_party_imports(MODULES[module])
               if not {canonical(d) for d in PROVIDERS.get(name, [])} & allowed}
    assert not missing, (f"{module} imports {sorted(missing)} (from {sorted({d for v in missing.values() for d in v})}), "
                         f"which the {'[' + extra + '] extra' if extra else 'core'} does not install: add it to "
                         "pyproject.toml or the module to EXTRA_OF")


def test_every_extra_named_here_exists_and_no_test_tool_reaches_a_trainee():
    extras = PROJECT["optional-dependencies"]
    assert set(EXTRA_OF.values()) - {"hub"} <= set(extras)
    for extra in ("lab", "superuser", "app"):
        assert not {"pytest", "playwright", "ruff", "hypothesis", "nbval"} & closure(extra), extra


def test_with_the_core_alone_every_core_module_imports_and_the_sample_company_loads():
    """In a Python where every distribution outside the core is hidden, the core modules import and work."""
    import json
    import subprocess
    import textwrap

    hidden = sorted({name for name, dists in PROVIDERS.items()
                     if not {canonical(d) for d in dists} & closure(None) and name.isidentifier()} - {"workbench"})
    core = sorted(m for m in MODULES if extra_of(m) is None and not m.endswith("__main__"))
    code = textwrap.dedent(f"""
        import importlib, importlib.abc, json, sys
        HIDDEN = set({hidden!r})
        class Hide(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in HIDDEN:
                    raise ModuleNotFoundError(f"No module named {{name!r}} (not in the core)", name=name)
        sys.meta_path.insert(0, Hide())
        failed = {{}}
        for module in {core!r}:
            try:
                importlib.import_module(module)
            except Exception as error:
                failed[module] = repr(error)
        import workbench as wb
        from workbench.crm.segments import rfm, segment_chart
        data = wb.start()
        print(json.dumps({{"failed": failed, "contacts": len(data.contacts), "rfm": len(segment_chart(rfm(data.orders, as_of=data.as_of)).data)}}))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert not found["failed"], found["failed"]
    assert found["contacts"] > 0 and found["rfm"] > 0


def pins(path: Path) -> dict[str, tuple[str, str]]:
    """``name: (version, the rest of the entry)`` for each ``name==version`` of a requirements file."""
    found, name = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9][\w.-]*)==(\S+)(.*)$", line)
        if match:
            name = canonical(match[1])
            found[name] = (match[2], match[3])
        elif name and line.startswith(" "):
            found[name] = (found[name][0], found[name][1] + line)
    return found


def declared(*extras: str) -> list[Requirement]:
    """The requirements of the core and of ``extras`` (references to the project's own extras left out)."""
    lines = PROJECT["dependencies"] + [r for extra in extras for r in PROJECT["optional-dependencies"][extra]]
    return [req for req in map(Requirement, lines) if canonical(req.name) != "workbench"]


def test_the_lock_pins_every_requirement_of_the_hub_and_image_with_hashes():
    locked = pins(ROOT / "requirements" / "lock.txt")
    for req in declared("lab", "superuser"):
        version, rest = locked.get(canonical(req.name), (None, ""))
        assert version is not None, f"requirements/lock.txt lacks {req.name}: run make lock"
        assert req.specifier.contains(version, prereleases=True), f"{req.name}=={version} is outside {req}: make lock"
    assert all("--hash=sha256:" in rest for _, rest in locked.values()), "every pin needs its hashes: make lock"


def test_the_lowest_constraints_pin_every_lower_bound_the_project_declares():
    lowest = pins(ROOT / "constraints" / "lowest.txt")
    for req in declared("lab", "superuser", "fast"):
        bound = next((s.version for s in req.specifier if s.operator == ">="), None)
        version, via = lowest.get(canonical(req.name), (None, ""))
        assert version is not None, f"constraints/lowest.txt lacks {req.name}: run make lock"
        others = [v for v in re.sub(r".*# via", "", via).split(",") if v.strip() and "workbench" not in v]
        # a pin above the bound is right only when another requirement needs the higher version
        assert Version(version) == Version(bound) or (req.specifier.contains(version, prereleases=True) and others), (
            f"{req.name}: constraints/lowest.txt has {version}, the declared lower bound is {bound}: run make lock")


def test_the_lowest_versions_subset_names_only_paths_that_exist():
    """``make test-lowest`` (which CI runs) fails on a missing path, so a moved test must move there too."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = re.search(r"^LOWEST_TESTS :=(.*?)(?<!\\)\n", makefile, re.M | re.S)
    assert block, "the Makefile has no LOWEST_TESTS list"
    paths = block.group(1).replace("\\\n", " ").split()
    assert len(paths) >= 10
    missing = [path for path in paths if not list(ROOT.glob(path))]
    assert not missing, f"LOWEST_TESTS in the Makefile names paths that do not exist: {missing}"
