"""``import gov_disclosure`` loads the model, data files and checks only (issue 13, item 1).

Readers, renderers, layouts, tabulate, lxml and babel load on first use through the
package's module ``__getattr__`` (PEP 562); the public API is unchanged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import gov_disclosure as gd

from conftest import EXAMPLES

SRC = Path(gd.__file__).resolve().parent.parent
LAZY = ("gov_disclosure.readers", "gov_disclosure.renderers", "tabulate", "lxml", "babel")


def _modules_after(code: str) -> list[str]:
    """The modules loaded in a fresh interpreter after running *code*."""
    program = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC), "PATH": ""},
    )
    return list(json.loads(done.stdout.splitlines()[-1]))


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


def test_import_loads_no_reader_renderer_or_their_libraries() -> None:
    modules = _modules_after("import gov_disclosure")
    assert _loaded(modules, LAZY) == []
    assert "gov_disclosure._checks" in modules
    assert "gov_disclosure._files" in modules


def test_loading_and_checking_a_data_file_loads_none_of_them_nor_cattrs() -> None:
    example = EXAMPLES / "zhongwei-justice-2024.toml"
    code = f"import gov_disclosure as gd\nassert gd.check(gd.load({str(example)!r})) == []"
    assert _loaded(_modules_after(code), (*LAZY, "cattrs")) == []


def test_checking_one_data_file_on_the_command_line_starts_no_worker() -> None:
    example = EXAMPLES / "zhongwei-justice-2024.toml"
    code = f"from gov_disclosure.cli import main\nassert main(['check', {str(example)!r}]) == 0"
    modules = _modules_after(code)
    assert _loaded(modules, (*LAZY, "cattrs", "multiprocessing", "tempfile", "shutil")) == []


def test_cattrs_loads_when_a_converter_is_asked_for() -> None:
    modules = _modules_after("import gov_disclosure as gd\ngd.make_converter()")
    assert _loaded(modules, ("cattrs",)) == ["cattrs"]


def test_the_lazy_names_load_on_first_use() -> None:
    modules = _modules_after("import gov_disclosure as gd\ngd.render")
    loaded = _loaded(modules, LAZY)
    assert "gov_disclosure.renderers" in loaded
    assert "gov_disclosure.readers" not in loaded
    modules = _modules_after("from gov_disclosure import parse")
    assert "gov_disclosure.readers" in modules


def test_public_names_are_the_same_objects_as_before() -> None:
    from gov_disclosure import _layout, _outline, readers, renderers

    assert gd.render is renderers.render
    assert gd.HtmlRenderer is renderers.HtmlRenderer
    assert gd.read is readers.read
    assert gd.ReadResult is readers.ReadResult
    assert gd.LAYOUTS is _layout.LAYOUTS
    assert gd.cell_text is _outline.cell_text


def test_all_is_complete_and_listed_by_dir() -> None:
    assert len(set(gd.__all__)) == len(gd.__all__)
    for name in gd.__all__:
        assert getattr(gd, name) is not None
    assert set(gd.__all__) <= set(dir(gd))
    public = {
        name
        for name in dir(gd)
        if not name.startswith("_") and not isinstance(getattr(gd, name), type(sys))
    }
    assert public == set(gd.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        gd.no_such_name  # type: ignore[attr-defined]  # noqa: B018
