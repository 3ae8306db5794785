"""The house rules that keep the code findable, checked from the source (ast), not by importing it.

- No import cycle among the project's modules (every import counts: top-level, inside functions,
  under TYPE_CHECKING), each named when found.
- Dependencies run one way: cli -> use cases -> domain (engine, plan, history, sources) -> base
  (profile, config, ...). spiders/ and reports/ build on the base and the domain; the domain uses
  spiders/ only through its plain data modules (the catalog, the item types, the username data).
- No Python file over 400 lines (tests and tools too); scanner/ keeps about a dozen top-level modules; each sub-package's
  __init__.py only says what it holds.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("scanner", "spiders", "reports")
MAX_LINES = 400
MAX_TOP_LEVEL_MODULES = 12

BASE = {"scanner", "scanner.config", "scanner.strict", "scanner.profile", "scanner.exitcodes", "scanner.lock",
        "scanner.words"}
DOMAIN = ("scanner.engine", "scanner.plan", "scanner.history", "scanner.sources")
CLI = ("scanner.cli", "scanner.app")      # the two front ends: the terminal and the local app
SPIDER_DATA = {"spiders.items", "spiders.catalog", "spiders.catalog.lookup", "spiders.usernames"}   # plain data types and their loaders
LAYER_NAMES = {0: "base", 1: "domain", 2: "use case", 3: "cli/app", 9: "spiders/reports"}


def module_files(root: Path, packages=PACKAGES) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under the packages."""
    out = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _targets(node: ast.AST, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    assert isinstance(node, ast.ImportFrom)
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    return [source] + [f"{source}.{alias.name}" for alias in node.names]


def import_graph(root: Path, packages=PACKAGES) -> dict[str, set[str]]:
    """Module -> the project modules it imports (the longest project module each import names)."""
    files = module_files(root, packages)
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in _targets(node, name, path.name == "__init__.py"):
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One concrete cycle (a -> b -> ... -> a) per strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph.get(v, ()):
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_cycle_in(group, graph) for group in groups]


def _cycle_in(group: set[str], graph: dict[str, set[str]]) -> list[str]:
    start = min(group)
    path, seen = [start], {start}
    while True:   # walk inside the group until a module repeats: that stretch is a cycle
        nxt = min(w for w in graph[path[-1]] if w in group)
        if nxt in seen:
            return path[path.index(nxt):] + [nxt]
        path.append(nxt)
        seen.add(nxt)


def layer(module: str) -> int:
    if module in BASE:
        return 0
    if module.startswith(DOMAIN):
        return 1
    if module.startswith(CLI):
        return 3
    if module.startswith("scanner."):
        return 2    # use cases: service, analyze, photos, reportdata, crawl, schedule, sandbox
    return 9        # spiders/, reports/


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    out = []
    for module in sorted(graph):
        for target in sorted(graph[module]):
            mine, theirs = layer(module), layer(target)
            if mine == 9:
                allowed = theirs in (0, 1, 9)
            elif theirs == 9:
                allowed = mine >= 2 or (mine == 1 and target in SPIDER_DATA)
            else:
                allowed = theirs <= mine
            if not allowed:
                out.append(f"{module} ({LAYER_NAMES[mine]}) imports {target} ({LAYER_NAMES[theirs]})")
    return out


GRAPH = import_graph(ROOT)


def test_the_graph_sees_the_whole_project():
    assert len(GRAPH) > 90
    assert "scanner.engine.matcher" in GRAPH["scanner.engine.items"]
    assert "scanner.service" in GRAPH["scanner.cli.scan"]          # a lazy import inside a command counts


def test_no_import_cycles():
    cycles = find_cycles(GRAPH)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_dependencies_run_one_way():
    assert layer_violations(GRAPH) == []


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_an_added_cycle_is_found_and_named(tmp_path):
    _write(tmp_path, {
        "scanner/__init__.py": "",
        "scanner/engine/__init__.py": '"""doc"""\n',
        "scanner/engine/a.py": "from scanner.engine.b import thing\n",
        "scanner/engine/b.py": "def f():\n    from . import c\n",
        "scanner/engine/c.py": "import scanner.engine.a as a\n",
        "scanner/engine/d.py": "from scanner.engine import a\n",
    })
    graph = import_graph(tmp_path, ("scanner",))
    assert find_cycles(graph) == [["scanner.engine.a", "scanner.engine.b", "scanner.engine.c", "scanner.engine.a"]]
    graph["scanner.engine.c"].clear()
    assert find_cycles(graph) == []


def test_an_upward_import_is_found(tmp_path):
    _write(tmp_path, {
        "scanner/__init__.py": "", "scanner/service.py": "", "scanner/engine/__init__.py": "",
        "scanner/engine/m.py": "from scanner.service import run_scan\nfrom spiders.settings import x\n",
        "spiders/__init__.py": "", "spiders/settings.py": "from scanner.cli import main\n",
        "spiders/catalog.py": "", "scanner/cli.py": "",
    })
    graph = import_graph(tmp_path)
    assert layer_violations(graph) == [
        "scanner.engine.m (domain) imports scanner.service (use case)",
        "scanner.engine.m (domain) imports spiders.settings (spiders/reports)",
        "spiders.settings (spiders/reports) imports scanner.cli (cli/app)",
    ]


ALL_PYTHON = sorted(p.relative_to(ROOT).as_posix() for folder in PACKAGES + ("tests", "tools", "benchmarks")
                    for p in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", ALL_PYTHON)
def test_no_module_over_400_lines(path):
    lines = len((ROOT / path).read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path}: {lines} lines (split it by job)"


def test_scanner_keeps_about_a_dozen_top_level_modules():
    top = sorted(p.name for p in (ROOT / "scanner").glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


@pytest.mark.parametrize("init", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "scanner").rglob("__init__.py")))
def test_each_scanner_package_says_what_it_holds_and_holds_no_code(init):
    tree = ast.parse((ROOT / init).read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{init}: say in a docstring what the package holds and may import"
    code = [n for n in tree.body[1:] if not (init == "scanner/__init__.py" and isinstance(n, ast.Assign))]
    assert code == [], f"{init}: keep code in named modules"
