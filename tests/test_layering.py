"""The package layout is the architecture: each subpackage is a layer, and a module imports
only from its own layer and the layers below it (lazy imports inside functions and imports
for type checking count too). The data flows checklist and answers (model) -> scoring and
risk (analysis) -> reports, with the walk, training and the commands on top."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "privacycheck"

# Lowest first. A module may import its own layer and any layer before it in this list.
LAYERS = ("files", "model", "analysis", "reports", "walk", "training", "commands", "cli")
ROOT_MODULES = {"__init__", "__main__", "cli", "errors"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(name: str) -> int:
    """The rank (index in LAYERS) of a privacycheck module, or of a name imported from one
    (`privacycheck.reports.render.render`); -1 for the version and the errors module."""
    parts = name.split(".")
    if len(parts) == 1 or parts[1] in ("__init__", "__version__", "errors"):
        return -1
    if parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    if parts[1] == "__main__":
        return LAYERS.index("cli")
    raise AssertionError(f"{name}: in no layer; put it in one of the subpackages {LAYERS[:-1]}")


def imported(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, module) for every privacycheck module that `source` imports, anywhere in it."""
    found: list[tuple[int, str]] = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from privacycheck.reports import render` imports privacycheck.reports.render
            found += [(node.lineno, f"{target}.{a.name}") for a in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "privacycheck"]


def violations(files: dict[str, str]) -> list[str]:
    """Every import that reaches up a layer, as 'path:line: module imports target'."""
    out = []
    for path, source in files.items():
        file = PACKAGE.parent / path
        module = module_name(file)
        own = layer_of(module)
        for line, name in imported(source, module, file.name == "__init__.py"):
            if layer_of(name) > own:
                out.append(f"{path}:{line}: {module} imports {name}")
    return out


def package_sources() -> dict[str, str]:
    return {str(p.relative_to(PACKAGE.parent)): p.read_text(encoding="utf-8")
            for p in sorted(PACKAGE.rglob("*.py"))}


def test_no_module_imports_a_layer_above_its_own() -> None:
    assert violations(package_sources()) == []


@pytest.mark.parametrize(("path", "source", "caught"), [
    ("privacycheck/model/answers.py", "from privacycheck.reports.render import render\n", True),
    ("privacycheck/analysis/scoring.py", "def f():\n    from privacycheck.walk import prompts\n", True),
    ("privacycheck/reports/summary.py",
     "if TYPE_CHECKING:\n    from privacycheck.training.scenario import Scenario\n", True),
    ("privacycheck/commands/train.py", "from privacycheck.cli import main\n", True),
    ("privacycheck/files/atomic.py", "import privacycheck.model.answers\n", True),
    ("privacycheck/reports/render.py", "from privacycheck.analysis import scoring\n", False),
    ("privacycheck/walk/walk.py", "from privacycheck.reports.summary import show_report\n", False),
    ("privacycheck/files/cache.py", "from privacycheck import __version__\n", False),
    ("privacycheck/model/checklist.py", "from privacycheck.errors import PrivacycheckError\n", False),
    ("privacycheck/cli.py", "from privacycheck.commands import print_error\n", False),
])
def test_the_check_catches_an_upward_import(path: str, source: str, caught: bool) -> None:
    assert bool(violations({path: source})) is caught


def test_every_module_is_in_a_layer() -> None:
    """A new module goes into the subpackage for what it is, not back into a flat folder."""
    root = {p.stem for p in PACKAGE.glob("*.py")}
    assert root == ROOT_MODULES
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == set(LAYERS) - {"cli"}
    for path in PACKAGE.rglob("*.py"):
        layer_of(module_name(path))  # raises for a module in no layer


@pytest.mark.parametrize("layer", [name for name in LAYERS if name != "cli"])
def test_each_layer_says_what_it_holds_and_imports_nothing_itself(layer: str) -> None:
    """Importing one module of a layer must not load the rest of it (start-up stays light),
    and the docstring tells a newcomer what belongs there and what it may import."""
    tree = ast.parse((PACKAGE / layer / "__init__.py").read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring and "may import" in docstring.lower()
    modules = {p.stem for p in (PACKAGE / layer).glob("*.py")} - {"__init__"}
    unnamed = [m for m in sorted(modules) if not re.search(rf"\b{m}\b", docstring)]
    assert unnamed == [], f"privacycheck/{layer}/__init__.py does not say what these are for"
    top_level_imports = [n for n in tree.body if isinstance(n, ast.Import)
                         or isinstance(n, ast.ImportFrom) and n.module != "__future__"]
    assert top_level_imports == []


def test_errors_imports_nothing_from_privacycheck() -> None:
    """Every layer raises PrivacycheckError, so its module must depend on none of them."""
    source = (PACKAGE / "errors.py").read_text(encoding="utf-8")
    assert imported(source, "privacycheck.errors", False) == []


def test_commands_only_parse_options_and_call_the_layers_below() -> None:
    """A command checks its options and calls one function: what it shows, renders, asks or
    writes lives in the layers below, so no command imports a library for that itself."""
    allowed = {"__future__", "argparse", "os", "sys", "pathlib", "typing", "collections.abc"}
    for path in sorted((PACKAGE / "commands").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        outside = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                outside |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level:
                outside.add(node.module or "")
        outside = {name for name in outside if name.split(".")[0] != "privacycheck"}
        assert outside <= allowed, f"{path.name} imports {sorted(outside - allowed)}"


def import_graph(files: dict[str, str]) -> dict[str, set[str]]:
    """Module -> the privacycheck modules it imports (anywhere in it), modules only."""
    modules = {module_name(PACKAGE.parent / path) for path in files}
    graph: dict[str, set[str]] = {}
    for path, source in files.items():
        file = PACKAGE.parent / path
        module = module_name(file)
        targets = set()
        for _line, name in imported(source, module, file.name == "__init__.py"):
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name.count(".") >= 2 and name != module:  # a module, not a subpackage
                targets.add(name)
        graph[module] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle, each once, as the modules on it (Tarjan's strongly connected parts)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_cycles_finds_an_import_circle() -> None:
    graph = {"privacycheck.reports.a": {"privacycheck.reports.b"}, "privacycheck.reports.b": {"privacycheck.reports.a"}}
    assert cycles(graph) == [["privacycheck.reports.a", "privacycheck.reports.b"]]


def test_report_modules_import_each_other_in_one_direction_only() -> None:
    """No circle of imports among the report modules (report_context, report_data, plan_csv,
    risk_context once imported each other round)."""
    graph = import_graph(package_sources())
    assert [c for c in cycles(graph) if any(m.startswith("privacycheck.reports.") for m in c)] == []
