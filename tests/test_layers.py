"""Layers import one way only: 1 data types → 2 pure logic → 3 I/O → 4 front ends.

A module may import modules of its own layer or lower ones, never higher. The imports are
read with ``ast`` from every module under capexwatch/ (lazy imports inside functions and
``TYPE_CHECKING`` blocks count too). A new module must be given a layer in LAYERS below.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "capexwatch"

NAMES = {1: "data types", 2: "pure logic", 3: "I/O", 4: "front ends"}
LAYERS = {
    # 1: data types, errors and settings; they import nothing of capexwatch above them.
    "capexwatch.models": 1,
    "capexwatch.errors": 1,
    "capexwatch.settings": 1,
    # 2: pure logic: str/values in, values out; no files, network or database.
    "capexwatch.parse": 2,
    "capexwatch.entities": 2,
    "capexwatch.extract": 2,
    "capexwatch.cues": 2,
    "capexwatch.text": 2,
    "capexwatch.tables": 2,
    "capexwatch.normalize": 2,
    "capexwatch.fx": 2,
    "capexwatch.reconcile": 2,
    "capexwatch.filingcheck": 2,
    # 3: I/O: files, network, the database.
    "capexwatch.ingest": 3,
    "capexwatch.fetch": 3,  # reading URLs (imported lazily by ingest)
    "capexwatch.filings": 3,
    "capexwatch.store": 3,
    "capexwatch.migrations": 3,
    "capexwatch.queries": 3,
    "capexwatch.rates": 3,
    "capexwatch.compare": 3,
    "capexwatch.report": 3,
    # 4: front ends, and the package root that re-exports the public API of every layer.
    "capexwatch": 4,
    "capexwatch.__main__": 4,
    "capexwatch.cli": 4,
    "capexwatch.web": 4,
    "capexwatch.runner": 4,
}
# Libraries that do I/O or belong to a front end: pure layers (1, 2) do not import them.
IMPURE = {"duckdb", "httpx", "requests", "urllib.request", "socket", "subprocess", "sqlite3", "trafilatura",
          "click", "fastapi", "uvicorn", "jinja2", "dask", "tqdm", "currency_converter", "playwright"}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # a capexwatch module, or a third-party module name
    line: int


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def read_imports(module: str, source: str, *, is_package: bool, known: set[str]) -> list[Import]:
    """Every import in ``source``, with relative imports resolved against ``module``."""
    found = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from . import cli` and `from .web import app` import submodules where they exist.
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append(Import(module, sub if sub in known else target, node.lineno))
    return found


def layer_of(module: str) -> int | None:
    """The layer of a capexwatch module: its own entry, or its package's (the root only by itself)."""
    parts = module.split(".")
    for end in range(len(parts), 1, -1):
        layer = LAYERS.get(".".join(parts[:end]))
        if layer is not None:
            return layer
    return LAYERS.get(module) if module == "capexwatch" else None


def upward_imports(imports: list[Import]) -> list[str]:
    """Readable descriptions of the imports that go from a lower layer to a higher one."""
    out = []
    for imp in imports:
        if imp.target != "capexwatch" and not imp.target.startswith("capexwatch."):
            continue
        have, want = layer_of(imp.module), layer_of(imp.target)
        if have is None or want is None or want <= have:
            continue
        out.append(f"{imp.module} (layer {have}, {NAMES[have]}) imports {imp.target} "
                   f"(layer {want}, {NAMES[want]}) on line {imp.line}")
    return out


def package_modules() -> dict[str, Path]:
    return {module_name(path, PACKAGE): path for path in sorted(PACKAGE.rglob("*.py"))}


def package_imports() -> list[Import]:
    modules = package_modules()
    known = set(modules)
    imports = []
    for module, path in modules.items():
        imports += read_imports(module, path.read_text(encoding="utf-8"), is_package=path.name == "__init__.py",
                                known=known)
    return imports


# -- the package -----------------------------------------------------------------------
def test_every_module_has_a_layer() -> None:
    missing = sorted(m for m in package_modules() if layer_of(m) is None)
    assert not missing, f"give these modules a layer in tests/test_layers.py LAYERS: {missing}"


def test_every_imported_capexwatch_module_has_a_layer() -> None:
    unknown = sorted({f"{i.module} imports {i.target} (line {i.line})" for i in package_imports()
                      if i.target.startswith("capexwatch") and layer_of(i.target) is None})
    assert not unknown, "imports of modules without a layer:\n" + "\n".join(unknown)


def test_layers_import_one_way_only() -> None:
    violations = upward_imports(package_imports())
    assert not violations, "imports against the layers (1 → 2 → 3 → 4 only):\n" + "\n".join(violations)


def test_pure_layers_import_no_io_or_front_end_library() -> None:
    bad = []
    for imp in package_imports():
        top = imp.target.split(".")[0]
        if layer_of(imp.module) in (1, 2) and (top in IMPURE or imp.target in IMPURE):
            bad.append(f"{imp.module} (layer {layer_of(imp.module)}) imports {imp.target} on line {imp.line}")
    assert not bad, "pure modules doing I/O:\n" + "\n".join(bad)


def test_the_checker_sees_the_packages_real_imports() -> None:
    """Guard against a checker that silently finds nothing."""
    pairs = {(i.module, i.target) for i in package_imports()}
    assert ("capexwatch.store", "capexwatch.migrations") in pairs
    assert ("capexwatch.store", "capexwatch.extract") in pairs
    assert ("capexwatch.extract", "capexwatch.parse.dates") in pairs
    assert ("capexwatch.cli", "capexwatch.cli.core") in pairs
    assert ("capexwatch.__main__", "capexwatch.cli") in pairs


# -- the checker itself ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("module", "source", "is_package", "expected"),
    [
        ("capexwatch.extract", "from .store import Store", False,
         ["capexwatch.extract (layer 2, pure logic) imports capexwatch.store (layer 3, I/O) on line 1"]),
        ("capexwatch.models", "\n\nimport capexwatch.parse.figures", False,
         ["capexwatch.models (layer 1, data types) imports capexwatch.parse.figures (layer 2, pure logic) on line 3"]),
        ("capexwatch.parse.figures", "def f():\n    from ..cli import core", False,
         ["capexwatch.parse.figures (layer 2, pure logic) imports capexwatch.cli.core (layer 4, front ends) on line 2"]),
        ("capexwatch.store", "from capexwatch import Fact", False,
         ["capexwatch.store (layer 3, I/O) imports capexwatch (layer 4, front ends) on line 1"]),
        ("capexwatch.parse", "from . import figures\nfrom ..models import Fact", True, []),
        ("capexwatch.cli.core", "from ..store import Store\nfrom ..models import Fact", False, []),
        ("capexwatch.store", "from .migrations import apply_migrations\nimport duckdb", False, []),
    ],
    ids=["pure-imports-io", "models-imports-parse", "lazy-import-of-cli", "root-from-io",
         "package-relative", "front-end-down", "same-layer"],
)
def test_checker_reports_upward_imports(module: str, source: str, is_package: bool, expected: list[str]) -> None:
    known = {"capexwatch.parse.figures", "capexwatch.cli.core"}
    assert upward_imports(read_imports(module, source, is_package=is_package, known=known)) == expected
