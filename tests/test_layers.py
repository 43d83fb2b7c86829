"""The folders are the layers: each module imports only the layers its package's ``__init__`` docstring allows, and a
public name means one thing across the package."""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest

from samen_refer.cli.app import COMMANDS

PACKAGE: Final = Path(__file__).parent.parent / "samen_refer"

# layer -> the other layers it may import, as the __init__ docstrings say. The first part of a module's name below
# samen_refer is its layer; ``samen_refer`` itself holds only the version.
MAY_IMPORT: Final[dict[str, frozenset[str]]] = {
    "samen_refer": frozenset(),
    "problem": frozenset({"i18n"}),  # the bottom, with i18n: problems are told in the user's language
    "i18n": frozenset(),
    "format": frozenset({"problem"}),
    "engine": frozenset({"format", "problem", "i18n"}),
    "checks": frozenset({"format", "engine", "problem", "i18n"}),
    "render": frozenset({"format", "engine", "checks", "problem", "i18n"}),
    "cli": frozenset({"samen_refer", "format", "engine", "checks", "render", "problem", "i18n"}),
    "__main__": frozenset({"cli"}),
}
# modules that may import more than their layer, and why
BEYOND: Final[dict[str, frozenset[str]]] = {
    # the maintainers' tool that collects the texts of every layer for the catalogues
    "samen_refer.i18n.catalogues": frozenset(MAY_IMPORT) - {"i18n"},
}

# Public names defined in more than one module, and why. A command's function is named after its command (see
# app.COMMANDS and the ``@...command(...)`` decorators): it is left out without being listed here.
SHARED_NAMES: Final[dict[str, str]] = {
    "main": "the entry point of a module run with python -m",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield module_name(path), ast.parse(path.read_text(encoding="utf-8"))


def is_module(name: str) -> bool:
    path = PACKAGE.parent / Path(*name.split("."))
    return path.is_dir() or path.with_suffix(".py").is_file()


def imported(module: str, tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, module) of every import of the package, also inside functions and under ``if TYPE_CHECKING:``."""
    package = module.split(".") if (PACKAGE.parent / Path(*module.split("."))).is_dir() else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative to the module's package
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            for alias in node.names:  # `from samen_refer import cli` imports the command line, not the package
                whole = f"{base}.{alias.name}"
                yield node.lineno, whole if is_module(whole) else base


def leaks(module: str, tree: ast.Module) -> list[str]:
    """The imports of ``module`` that its layer may not make, as ``module:line: imports name``."""
    own = layer(module)
    allowed = MAY_IMPORT[own] | BEYOND.get(module, frozenset()) | {own}
    return [
        f"{module}:{line}: imports {name}"
        for line, name in imported(module, tree)
        if name.split(".")[0] == "samen_refer" and layer(name) not in allowed
    ]


def test_every_layer_is_in_the_table() -> None:
    assert {layer(module) for module, _ in modules()} == set(MAY_IMPORT)


def test_no_layer_imports_a_layer_it_may_not() -> None:
    assert [leak for module, tree in modules() for leak in leaks(module, tree)] == []


@pytest.mark.parametrize(
    ("module", "source", "found"),
    [
        ("samen_refer.engine.x", "from samen_refer.format.pathway import Pathway", []),
        ("samen_refer.engine.x", "def f():\n    from samen_refer.render.handout import words", ["render"]),
        ("samen_refer.format.x", "if TYPE_CHECKING:\n    from samen_refer.engine.route import Outcome", ["engine"]),
        ("samen_refer.format.x", "import samen_refer.checks.load", ["checks"]),
        ("samen_refer.render.x", "from samen_refer import cli", ["cli"]),
        ("samen_refer.engine.x", "from ..render import show", ["render"]),
        ("samen_refer.cli.x", "from samen_refer import __version__", []),
        ("samen_refer.i18n.catalogues", "from samen_refer.cli.app import make_app", []),
    ],
)
def test_a_leak_is_found_wherever_the_import_stands(module: str, source: str, found: list[str]) -> None:
    assert [leak.rsplit(" ", 1)[1].split(".")[1] for leak in leaks(module, ast.parse(source))] == found


def public_names(tree: ast.Module) -> Iterator[str]:
    """The public names a module defines at its top level (imports are not definitions)."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            command = any(
                isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr == "command"
                for d in node.decorator_list
            )
            names = [] if command else [node.name]
        elif isinstance(node, ast.Assign):
            names = [target.id for target in node.targets if isinstance(target, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        else:
            names = []
        yield from (name for name in names if not name.startswith("_"))


def test_a_public_name_means_one_thing_across_the_package() -> None:
    commands = {(f"samen_refer.cli.{module}", function) for module, function in COMMANDS.values()}
    where: defaultdict[str, list[str]] = defaultdict(list)
    for module, tree in modules():
        for name in public_names(tree):
            if (module, name) not in commands:
                where[name].append(module)
    assert {name: found for name, found in where.items() if len(found) > 1 and name not in SHARED_NAMES} == {}


def test_every_shared_name_is_still_shared() -> None:
    where: defaultdict[str, set[str]] = defaultdict(set)
    for module, tree in modules():
        for name in public_names(tree):
            where[name].add(module)
    assert [name for name in SHARED_NAMES if len(where[name]) < 2] == []


def test_a_name_the_package_defines_is_not_imported_from_elsewhere() -> None:
    """Like Rich's ``Text`` beside the format's texts: a module reading ``Text`` should not have to ask which."""
    defined: defaultdict[str, set[str]] = defaultdict(set)
    trees = dict(modules())
    for module, tree in trees.items():
        for name in public_names(tree):
            defined[name].add(module)
    elsewhere = [
        f"{module}:{node.lineno}: {alias.asname or alias.name} from {node.module}"
        for module, tree in trees.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
        for alias in node.names
        if (alias.asname or alias.name) in defined and node.module not in defined[alias.asname or alias.name]
    ]
    assert elsewhere == []


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another, round a circle (strongly connected, more than one module), as
    one circle through them: ``[a, b, a]``."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in sorted(graph.get(module, ())):
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            group = stack[stack.index(module) :]
            del stack[stack.index(module) :]
            if len(group) > 1:
                found.append(circle(graph, set(group)))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return found


def circle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A way round a group of modules that import one another, from its first module back to it."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        module = queue.pop(0)
        for other in sorted(graph[module] & group):
            if other == start:
                return [*paths[module], start]
            if other not in paths:
                paths[other] = [*paths[module], other]
                queue.append(other)
    raise AssertionError(group)


def import_graph() -> dict[str, set[str]]:
    """Which of the package's modules each module imports, wherever the import stands (in a function, under ``if
    TYPE_CHECKING:``): a lazy import put off for start-up time still makes an arrow."""
    trees = dict(modules())
    return {
        module: {name for _, name in imported(module, tree) if name in trees and name != module}
        for module, tree in trees.items()
    }


def test_no_modules_import_each_other_round_a_circle() -> None:
    """Arrows only point down (style.md, 15): when two modules need each other, the shared part is a third below."""
    assert cycles(import_graph()) == []


@pytest.mark.parametrize(
    ("graph", "found"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"a"}}, [["a", "b", "a"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c", "a"]]),
        ({"a": {"b", "c"}, "b": set(), "c": {"d"}, "d": {"c"}}, [["c", "d", "c"]]),
        ({"a": {"a"}}, []),  # a module is not a circle by itself: import_graph leaves a module's own name out
    ],
)
def test_a_circle_is_found_however_long(graph: dict[str, set[str]], found: list[list[str]]) -> None:
    assert cycles(graph) == found


def test_the_graph_sees_imports_inside_functions() -> None:
    graph = import_graph()
    assert "samen_refer.engine.behaviour" in graph["samen_refer.cli.diff"]  # imported when the command runs
    assert "samen_refer.engine.advice" in graph["samen_refer.render.report"]  # under TYPE_CHECKING
