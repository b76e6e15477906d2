"""The house's rules, read from the source: packages form layers, and no import runs upwards.

Every import counts, also one inside a function or under TYPE_CHECKING: a reader who trusts the
layers must not be surprised by a line in the middle of a module. ARCHITECTURE.md explains the
order; this test holds the code to it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "inbox_agent"

# From the bottom up. A module may import its own layer's and any lower layer's modules; the
# top-level modules form the core (ordered among themselves by CORE).
LAYERS = (
    "core",
    "config",
    "vocabulary",
    "mail",
    "testing",
    "reading",
    "store",
    "dossier",
    "commands",
    "letters",
    "triage",
    "register",
    "run",
    "cli",
)
CORE = ("records", "models", "durations", "files", "shipped")
# Narrower than the layers allow: who may be imported at all.
ONLY = {
    # The store is handed due times and references; it knows files and value types only.
    "store": {"core"},
    "config": {"core"},
    # The dossier's rules are pure: no adapter, no file, no disk.
    "dossier": {"core", "config", "vocabulary", "reading"},
}
NO_FILES = {"dossier"}  # packages that may not import inbox_agent.files (disk I/O)


def layer_of(module: str) -> str:
    """`inbox_agent.dossier.record` → `dossier`; `inbox_agent.models` → `core`."""
    parts = module.split(".")
    if len(parts) == 2 and parts[1] in CORE or module == "inbox_agent":
        return "core"
    if len(parts) == 2 and parts[1] in {"__main__"}:
        return "cli"
    return parts[1]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """Every inbox_agent module this file imports, wherever the import stands."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.level:
                raise AssertionError(f"{path}:{node.lineno}: relative import")
            if node.module == "inbox_agent" or node.module.startswith("inbox_agent."):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    target = PACKAGE.parent / full.replace(".", "/")
                    is_module = target.with_suffix(".py").exists() or target.is_dir()
                    found.append((node.lineno, full if is_module else node.module))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name)
                for alias in node.names
                if alias.name.startswith("inbox_agent")
            ]
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_package_is_a_known_layer() -> None:
    """A new package must be given its place in the layers before it can be used."""
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(LAYERS) - {"core"}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    """Imports run downwards or within a layer, never up, and the narrow rules hold."""
    here = module_name(path)
    mine = layer_of(here)
    wrong = []
    for line, target in imports(path):
        theirs = layer_of(target)
        if LAYERS.index(theirs) > LAYERS.index(mine):
            wrong.append(f"line {line}: {target} is in layer {theirs}, above {mine}")
        elif mine in ONLY and theirs != mine and theirs not in ONLY[mine]:
            wrong.append(f"line {line}: {mine} may import only {sorted(ONLY[mine])}: {target}")
        elif mine in NO_FILES and target == "inbox_agent.files":
            wrong.append(f"line {line}: {mine} does no file I/O: {target}")
        elif mine == "core" and theirs == "core" and here != "inbox_agent":
            mine_at, theirs_at = CORE.index(here.split(".")[1]), CORE.index(target.split(".")[1])
            if theirs_at > mine_at:
                wrong.append(f"line {line}: {target} comes after {here} in the core")
    assert [] == wrong


def test_no_import_cycle_between_modules() -> None:
    """Modules import each other in one direction only, even inside a layer."""
    graph = {module_name(p): {t for _, t in imports(p)} for p in SOURCES}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in done:
            return
        if module in visiting:
            raise AssertionError(" → ".join(visiting[visiting.index(module) :] + [module]))
        visiting.append(module)
        for target in sorted(graph.get(module, ())):
            visit(target)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)


def test_the_top_level_holds_the_core_and_the_packages_only() -> None:
    """A newcomer finds everything else in a package named after its concept."""
    modules = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert ["__init__", "__main__", *sorted(CORE)] == modules


@pytest.mark.parametrize("layer", [name for name in LAYERS if name != "core"])
def test_every_package_says_what_it_owns_and_may_import(layer: str) -> None:
    """The package docstring is the first thing a reader sees: one paragraph, and the rule."""
    doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text()))
    assert doc is not None and "import" in doc.lower(), f"{layer}/__init__.py"
