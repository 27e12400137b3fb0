"""The import contract in pyproject.toml covers the whole package: a module that sits in no
layer would escape `lint-imports` unchecked."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import grimp

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _layer_modules() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    (layers,) = [c["layers"] for c in config["contracts"] if c["type"] == "layers"]
    return [name for layer in layers for name in re.split(r"[\s|:]+", layer) if name]


def _covered(module: str, layer_modules: list[str]) -> int:
    return sum(module == m or module.startswith(f"{m}.") for m in layer_modules)


def test_every_module_sits_in_exactly_one_layer() -> None:
    graph = grimp.build_graph("murmur")
    layer_modules = _layer_modules()
    # Packages that only hold layers (murmur, murmur.api, murmur.notes, …) are containers.
    containers = {m for m in graph.modules if any(n.startswith(f"{m}.") for n in layer_modules)}

    unplaced = sorted(
        m for m in graph.modules if m not in containers and _covered(m, layer_modules) != 1
    )

    assert unplaced == []


def test_container_packages_import_nothing() -> None:
    """An ``__init__`` above the layers (``murmur.notes``) would be a way round them."""
    graph = grimp.build_graph("murmur")
    layer_modules = _layer_modules()
    containers = {m for m in graph.modules if any(n.startswith(f"{m}.") for n in layer_modules)}

    importing = {
        m: graph.find_modules_directly_imported_by(m)
        for m in containers
        if m != "murmur" and graph.find_modules_directly_imported_by(m)
    }

    assert importing == {}
