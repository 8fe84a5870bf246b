"""The reader's modules say what their neighbours may use: each has an ``__all__``, and the
modules of the package import from each other only what it lists."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import gov_disclosure.readers

READERS = Path(gov_disclosure.readers.__file__).parent
MODULES = sorted(path.stem for path in READERS.glob("*.py") if path.stem != "__init__")


@pytest.mark.parametrize("name", MODULES)
def test_every_reader_module_lists_what_its_neighbours_may_use(name: str) -> None:
    module = importlib.import_module(f"gov_disclosure.readers.{name}")
    listed = module.__all__
    assert listed, name
    for exported in listed:
        assert hasattr(module, exported), f"{name}.__all__ names {exported!r}, which it lacks"


def test_reader_modules_import_from_each_other_only_what_is_listed() -> None:
    for path in READERS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module in MODULES:
                module = importlib.import_module(f"gov_disclosure.readers.{node.module}")
                for alias in node.names:
                    assert alias.name in module.__all__, f"{path.name}: {node.module}.{alias.name}"
