"""The runtime package's import graph, read from the source (ast), lazy imports inside functions
included: nothing in ``analyzer`` imports the training code, and no two modules import each other,
directly or round a longer circle."""
from __future__ import annotations

import ast
from pathlib import Path

import analyzer

PACKAGE = Path(analyzer.__file__).resolve().parent  # the installed package when CI tests the wheel
MODULES = {path.stem: path for path in PACKAGE.glob("*.py")}
TRAINING_ONLY = {"train", "corpus", "spin"}  # modules that moved to training/


def imported_names(tree: ast.AST) -> set[str]:
    """Absolute dotted names of everything ``tree`` imports, wherever the import statement is;
    ``from X import y`` yields ``X.y`` (``y`` may be a module or a name in ``X``)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ("analyzer" if node.level else "") + ("." if node.level and node.module else "")
            base += node.module or ""
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def analyzer_imports(name: str) -> set[str]:
    """The ``analyzer`` modules that module ``name`` imports (the package itself excluded)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found = set()
    for dotted in imported_names(tree):
        parts = dotted.split(".")
        if parts[0] == "analyzer" and len(parts) > 1 and parts[1] in MODULES and parts[1] != name:
            found.add(parts[1])
    return found


def test_every_module_is_read():
    assert {"pipeline", "cli", "copydetect", "library", "fingerprint"} <= set(MODULES)
    assert not TRAINING_ONLY & set(MODULES), "training code is back inside the runtime package"


def test_no_runtime_module_imports_training_code():
    offenders = []
    for name, path in sorted(MODULES.items()):
        for dotted in imported_names(ast.parse(path.read_text(encoding="utf-8"))):
            parts = dotted.split(".")
            if parts[0] == "training" or (parts[0] == "analyzer" and len(parts) > 1 and parts[1] in TRAINING_ONLY):
                offenders.append(f"{name}.py imports {dotted}")
    assert offenders == []


def test_the_package_init_imports_its_modules_only_lazily():
    """Every module may read ``analyzer.__version__`` because ``__init__`` imports no module at load
    time (``Analyzer``, ``analyze`` and ``Report`` are fetched on first use): the package is
    therefore left out of the circle search below."""
    tree = ast.parse(MODULES["__init__"].read_text(encoding="utf-8"))
    top_level = ast.Module(body=[n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))], type_ignores=[])
    assert imported_names(top_level) == set()


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_circle_search_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_among_runtime_modules():
    graph = {name: analyzer_imports(name) for name in MODULES if name != "__init__"}
    assert graph["copydetect"] >= {"library", "fingerprint"} and "copydetect" not in graph["library"]
    assert circles(graph) == []
