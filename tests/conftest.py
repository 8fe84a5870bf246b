"""Shared fixtures: the reference material in ../shared, skipped with a reason when absent."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seeds" / "000_78e6df255e575ba0.txt"

#: Keys of a corpus expected.json that describe the source, not the report.
CORPUS_EXTRA_KEYS = ("source", "layout", "notes", "known_violations")


def source_env() -> dict[str, str]:
    """The environment of a child process that runs this checkout's code: its ``src`` first
    on ``PYTHONPATH`` (whatever is installed), the rest of the environment as it is."""
    paths = [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def _report_dirs(root: Path) -> list[Path]:
    """The report folders (those with an expected.json) of *root*, or [] where it is absent."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "expected.json").is_file())


def _params(dirs: list[Path], reason: str, missing_id: str) -> Any:
    """Parametrize over *dirs*; one skipped case with *reason* when there are none."""
    if not dirs:
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id=missing_id)]
    return [pytest.param(d, id=d.name) for d in dirs]


def corpus_dirs() -> list[Path]:
    """The corpus reports, or [] when ../shared is not beside this checkout."""
    return _report_dirs(CORPUS)


def corpus_params() -> Any:
    """Parametrize over the corpus; one skipped case with the reason when it is absent."""
    reason = f"the shared corpus is not at {CORPUS} (clone it beside this checkout)"
    return _params(corpus_dirs(), reason, "no-corpus")


def expected_report_data(folder: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A corpus expected.json as a data-file dict, and its known violations.

    The file's extra keys (source, layout, notes, known_violations and
    applications.nonstandard_rows) are not part of the data file and are dropped;
    its ``agency`` string becomes ``{"name": …}`` (or the report is skipped if unnamed).
    """
    data = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    violations = data["known_violations"]
    for key in CORPUS_EXTRA_KEYS:
        data.pop(key)
    data["applications"].pop("nonstandard_rows", None)
    data["agency"] = {"name": data["agency"]}
    return data, violations


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed report is not at {SEED} (clone ../shared beside this checkout)")
    return SEED.read_text(encoding="utf-8")


# --- the reports of ../shared/wild ------------------------------------------------------------

WILD = SHARED / "wild"
#: Stands in for an agency that an excerpt does not name (expected.json gives ``null``).
UNNAMED_AGENCY = "未具名机关"


def wild_dirs() -> list[Path]:
    """The wild reports, or [] when ../shared is not beside this checkout."""
    return _report_dirs(WILD)


def wild_params() -> Any:
    """Parametrize over ../shared/wild; one skipped case with the reason when it is absent."""
    reason = f"the shared wild reports are not at {WILD} (clone ../shared beside this checkout)"
    return _params(wild_dirs(), reason, "no-wild")


@pytest.fixture(params=wild_params())
def wild(request: pytest.FixtureRequest) -> Path:
    """A folder of ../shared/wild (its source and expected.json)."""
    folder: Path = request.param
    return folder


def expected_cells(folder: Path) -> dict[str, Any]:
    """The table cells an expected.json gives, by data path, as model values.

    A count is an int, an amount a Decimal, a blank ``None``, ``"/"`` the string.
    Cells of a table that the source does not print at all are ``None``.
    """
    from decimal import Decimal

    import gov_disclosure as gd

    data = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    cells: dict[str, Any] = {}
    for path, info in gd.CELLS.items():
        if info.table == "other_matters":
            continue
        value: Any = data
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None and info.kind == "amount" and value != "/":
            value = Decimal(value)
        cells[path] = value
    return cells


def ambiguous_cells(folder: Path) -> set[str]:
    """The cells that expected.json's ``ambiguous_in_source`` says cannot be read from the text."""
    import gov_disclosure as gd

    data = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    entries = data.get("ambiguous_in_source") or []
    if isinstance(entries, dict):
        entries = [entries]
    found: set[str] = set()
    for entry in entries:
        for pattern in entry["cells"]:
            prefix = pattern.removesuffix("*")
            found |= {
                p for p in gd.CELLS if p == pattern or (pattern != prefix and p.startswith(prefix))
            }
    return found


def read_cells(report: Any) -> dict[str, Any]:
    """A read report's table cells by data path: the number, ``"/"``, or ``None`` (blank)."""
    import gov_disclosure as gd
    from gov_disclosure import _form

    cells: dict[str, Any] = {}
    for path, info in gd.CELLS.items():
        if info.table == "other_matters":
            continue
        if getattr(report, info.table) is None:
            cells[path] = None
            continue
        cell = _form.get(report, path)
        cells[path] = "/" if cell.not_applicable else cell.value
    return cells


def score_cells(got: dict[str, Any], folder: Path) -> dict[str, int]:
    """How the cells read from a source compare with its expected.json.

    ``right``: the printed figure; ``blank``: blank where the source prints none (or the
    excerpt is cut); ``ambiguous_blank``: blank where ``ambiguous_in_source`` says no
    reading is certain; ``missed``: blank where a figure is printed; ``wrong``: any other
    figure than the printed one, an ambiguous cell guessed included.
    """
    want = expected_cells(folder)
    ambiguous = ambiguous_cells(folder)
    counts = dict.fromkeys(("right", "blank", "ambiguous_blank", "missed", "wrong"), 0)
    for path, value in want.items():
        read = got.get(path)
        if path in ambiguous:
            counts["ambiguous_blank" if read is None else "wrong"] += 1
        elif read == value:
            counts["right" if value is not None else "blank"] += 1
        elif read is None:
            counts["missed"] += 1
        else:
            counts["wrong"] += 1
    return counts
