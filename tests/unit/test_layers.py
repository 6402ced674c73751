"""Imports run one way: each package imports only packages in the layers below it.

The order is written once, here. A failure names the file and line of the import that runs up
(or sideways between two packages of the same layer), or the modules of a circular import.
Imports inside functions and under `if TYPE_CHECKING:` count: they are dependencies too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Highest first. A package may import its own modules and any package in a LOWER layer.
LAYERS: list[set[str]] = [
    {"assistant"},  # the Chainlit layer: entry, chat, commands UI, web routes, data layer
    {"tools"},  # one module per agent tool, thin adapters over workflows
    {"workflows", "migrations"},  # use cases: database + engine + model calls
    {"engine", "llm", "db"},  # pure decisions | model client | storage
    {"prompts"},  # prompt templates and their strict renderer (the model client renders some)
    {"documents"},  # resume and letter models, formats, importers, renderers
    {"core"},  # settings, errors, secrets, passwords, mail
]
# Harnesses on top of everything: they may import any layer, and no layer imports them.
HARNESSES = {"evals", "tests", "bench"}
RANK = {package: len(LAYERS) - i for i, layer in enumerate(LAYERS) for package in layer}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every absolute or relative import in the file."""
    found = []
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(
        ".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from package import module` depends on that module too.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def layered_files() -> list[Path]:
    return sorted(p for package in RANK for p in (ROOT / package).rglob("*.py")
                  if ".venv" not in p.parts)


def test_every_package_is_in_a_layer() -> None:
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages - set(RANK) - HARNESSES == set(), "add the new top-level package to LAYERS"


def test_no_import_runs_up_or_sideways() -> None:
    wrong = []
    for path in layered_files():
        own = path.relative_to(ROOT).parts[0]
        seen = set()
        for line, module in imports(path):
            if line in seen:
                continue  # one message per import statement
            seen.add(line)
            target = module.split(".")[0]
            if target in HARNESSES:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports the harness {module}")
            elif target in RANK and target != own and RANK[target] >= RANK[own]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module} "
                             f"({own} may only import layers below it)")
    assert wrong == [], "\n".join(wrong)


def test_tools_never_import_chainlit() -> None:
    wrong = [f"{path.relative_to(ROOT)}:{line} imports {module}"
             for path in sorted((ROOT / "tools").rglob("*.py"))
             for line, module in imports(path) if module.split(".")[0] == "chainlit"]
    assert wrong == [], "\n".join(wrong)


def test_no_circular_import_between_modules() -> None:
    """Module-level imports only: an import inside a function runs after both modules loaded."""
    known = {module_name(p): p for p in layered_files()}
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import | ast.ImportFrom) and not getattr(node, "level", 0):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [
                    node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
                # A module importing its own package's __init__ is not a cycle: Python has run
                # that __init__ before the module anyway.
                graph[name] |= {n for n in names
                                if n in known and n != name and not name.startswith(n + ".")}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == [], "circular imports:\n" + "\n".join(cycles)
