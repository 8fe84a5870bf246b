"""Shared fixtures: the reference material in ../shared, skipped with a reason when absent."""

from __future__ import annotations

import json
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


def corpus_dirs() -> list[Path]:
    """The corpus reports, or [] when ../shared is not beside this checkout."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if (p / "expected.json").is_file())


def corpus_params() -> Any:
    """Parametrize over the corpus; one skipped case with the reason when it is absent."""
    dirs = corpus_dirs()
    if not dirs:
        reason = f"the shared corpus is not at {CORPUS} (clone it beside this checkout)"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-corpus")]
    return [pytest.param(d, id=d.name) for d in dirs]


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
