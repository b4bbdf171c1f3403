"""The package's layers, as ARCHITECTURE.md draws them, hold in the code.

Every `sahel_analysis` import is read from the source with `ast`, at module
level and inside functions alike, so a late import cannot hide a cycle or an
upward dependency.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sahel_analysis"

# Bottom to top. A module may import from its own layer or any layer below it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", ("errors", "package_data", "atomic")),
    ("text", ("text",)),
    ("repair", ("repair",)),
    ("corpus", ("corpus",)),
    ("extract", ("extract",)),
    ("coding", ("coding",)),
    ("analysis", ("analysis",)),
    ("figures", ("figures",)),
    ("export", ("export",)),
    ("report", ("report",)),
    ("interface", ("cli", "__init__")),
)
MAX_MODULE_LINES = 600

# Debts being paid off (issue 13). Each entry is removed when its module is split;
# the tests fail if an entry is no longer needed, so the list can only shrink.
OVERSIZED: frozenset[str] = frozenset()
UPWARD: frozenset[tuple[str, str]] = frozenset()
# Packages whose modules still share private names among themselves.
PRIVATE_CROSSING: frozenset[str] = frozenset()
DOC_ID_LITERALS: frozenset[str] = frozenset()
# Modules that import inside functions. Only the command line and the package's face may, to keep
# each command's start cheap (each such import carries a comment saying why).
LATE_IMPORTS: frozenset[str] = frozenset({"cli", "__init__"})


def module_name(path: Path) -> str:
    """`repair/lines.py` -> `repair.lines`; a package's `__init__.py` -> the package."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    for index, (_, tops) in enumerate(LAYERS):
        if top in tops:
            return index
    raise AssertionError(f"module {module} belongs to no layer: add it to LAYERS and ARCHITECTURE.md")


def _resolve(current: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    is_package = modules()[current].name == "__init__.py"
    base = current.split(".") if current != "__init__" else []
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return "sahel_analysis." + ".".join([*base, *([node.module] if node.module else [])]).strip(".")


@cache
def imports() -> tuple[tuple[str, str, str], ...]:
    """(importer, imported module, imported name or '') for every package import, anywhere in a file."""
    known = modules()
    found = []
    for name, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("sahel_analysis."):
                        found.append((name, alias.name.removeprefix("sahel_analysis."), ""))
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(name, node)
                if target != "sahel_analysis" and not target.startswith("sahel_analysis."):
                    continue
                target = target.removeprefix("sahel_analysis").lstrip(".") or "__init__"
                for alias in node.names:
                    sub = f"{target}.{alias.name}" if target != "__init__" else alias.name
                    if sub in known:
                        found.append((name, sub, ""))
                    else:
                        found.append((name, target, alias.name))
    return tuple(found)


def test_every_module_belongs_to_a_layer():
    """Each module's top-level package is named in LAYERS (and so in ARCHITECTURE.md)."""
    for name in modules():
        layer_of(name)


def test_no_module_imports_from_a_layer_above_it():
    """Imports point down or sideways within a layer, never up, counting imports inside functions."""
    upward = {
        (importer, imported) for importer, imported, _ in imports() if layer_of(imported) > layer_of(importer)
    }
    assert upward <= UPWARD, sorted(upward - UPWARD)
    assert not UPWARD - upward, f"no longer needed in UPWARD: {sorted(UPWARD - upward)}"


def test_the_import_graph_has_no_cycle():
    """No two modules import each other, directly or round a loop, function-level imports included."""
    graph = nx.DiGraph((a, b) for a, b, _ in imports() if a != b)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, cycles[:5]


def test_private_names_do_not_cross_modules():
    """What one module shares with another is public in it (no leading underscore)."""
    crossing = {
        (importer, f"{imported}.{name}".rstrip("."))
        for importer, imported, name in imports()
        if (name.startswith("_") and not name.startswith("__")) or imported.split(".")[-1].startswith("_")
    }
    excused = {c for c in crossing if any(c[0].startswith(p + ".") for p in PRIVATE_CROSSING)}
    assert crossing <= excused, sorted(crossing - excused)
    still = {p for p in PRIVATE_CROSSING if any(c[0].startswith(p + ".") for c in crossing)}
    assert still == PRIVATE_CROSSING, (
        f"no longer needed in PRIVATE_CROSSING: {sorted(PRIVATE_CROSSING - still)}"
    )


def test_no_library_module_is_over_the_size_limit():
    """Modules stay short enough to hold one concept (about 600 lines)."""
    over = {
        name
        for name, path in modules().items()
        if len(path.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES
    }
    assert over <= OVERSIZED, sorted(over - OVERSIZED)
    assert not OVERSIZED - over, f"no longer oversized: {sorted(OVERSIZED - over)}"


DOC_ID_RE = re.compile(r"\d{3}")


@pytest.mark.parametrize("name", sorted(modules()))
def test_library_code_names_no_document(name):
    """No document id appears as a literal in library code: what belongs to one document is data."""
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    literals = {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and id(n) not in docstrings
        and DOC_ID_RE.fullmatch(n.value)
    }
    if name in DOC_ID_LITERALS:
        assert literals, f"{name} no longer names a document: remove it from DOC_ID_LITERALS"
    else:
        assert not literals, f"{name} names document(s) {sorted(literals)}"


def test_imports_sit_at_module_top():
    """Imports are at module top, where a reader (and the cycle check) sees them; only the CLI defers any."""
    late = set()
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                isinstance(node, ast.Import | ast.ImportFrom) for node in ast.walk(func)
            ):
                late.add(name)
    assert late <= LATE_IMPORTS, sorted(late - LATE_IMPORTS)
    assert not LATE_IMPORTS - late, f"no longer needed in LATE_IMPORTS: {sorted(LATE_IMPORTS - late)}"


def _readme_module_table() -> tuple[str, str]:
    text = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    start = text.index("### Library modules")
    return text[start : text.index("\n## ", start)], (PACKAGE.parents[1] / "ARCHITECTURE.md").read_text(
        encoding="utf-8"
    )


def test_the_readme_module_table_names_every_module():
    """A newcomer finds every module in the README's table, under its layer."""
    table, _ = _readme_module_table()
    named = set(re.findall(r"`([a-z_]+)/?`", table))
    missing = {
        name
        for name in modules()
        if name != "__init__" and name.split(".")[-1] not in named and not name.endswith("__init__")
    }
    packages = {name.split(".")[0] for name in modules() if "." in name}
    assert not missing - packages, sorted(missing - packages)


def test_architecture_md_names_every_layer():
    """ARCHITECTURE.md draws every layer the test enforces."""
    _, architecture = _readme_module_table()
    for layer, tops in LAYERS:
        assert layer in architecture, layer
        for top in tops:
            assert top.strip("_") in architecture, top


def test_no_source_file_is_ignored_by_git():
    """Every module is tracked: an ignore rule that catches a source file breaks a fresh clone."""
    root = PACKAGE.parents[1]
    if not (root / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    paths = [
        str(p.relative_to(root)) for p in PACKAGE.rglob("*") if p.suffix in {".py", ".yaml", ".json", ".css"}
    ]
    result = subprocess.run(["git", "check-ignore", *paths], cwd=root, capture_output=True, text=True)
    assert not result.stdout.strip(), result.stdout


@pytest.mark.parametrize("name", sorted(modules()))
def test_library_text_does_not_name_a_seed(name):
    """Not even a docstring or a comment names a seed: examples use ids no corpus is built around."""
    from conftest import SEEDS

    pattern = re.compile(rf"(?<![\w,.])({'|'.join(SEEDS)})(?!\d)")
    hits = pattern.findall(modules()[name].read_text(encoding="utf-8"))
    assert not hits, f"{name} names seed(s) {sorted(set(hits))}"
