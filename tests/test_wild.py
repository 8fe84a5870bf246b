"""The reports of ../shared/wild, in the layouts reports are found in, read cell for cell.

Each source reads to exactly its expected figures: no wrong figure, no figure
missed, and every cell that ``ambiguous_in_source`` says cannot be read from the
text left blank with a ``READ-CELL-AMBIGUOUS`` finding. An excerpt (``partial``)
is read with the agency and year a caller would give; a full report must find
them itself, and its arithmetic findings are its ``known_violations``.
"""

from __future__ import annotations

import json
from pathlib import Path

import gov_disclosure as gd

from conftest import UNNAMED_AGENCY, ambiguous_cells, read_cells, score_cells


def _read(folder: Path) -> tuple[gd.ReadResult, dict[str, object]]:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    (source,) = sorted(folder.glob("source.*"))
    if expected.get("partial"):
        agency = expected["agency"] or UNNAMED_AGENCY
        return gd.read(source, agency=agency, year=expected["year"]), expected
    return gd.read(source), expected


def test_every_cell_reads_to_its_printed_figure(wild: Path) -> None:
    result, _ = _read(wild)
    counts = score_cells(read_cells(result.report), wild)
    assert counts["wrong"] == 0, counts
    assert counts["missed"] == 0, counts


def test_ambiguous_digit_runs_are_blank_and_reported(wild: Path) -> None:
    result, _ = _read(wild)
    ambiguous = ambiguous_cells(wild)
    cells = read_cells(result.report)
    assert all(cells[path] is None for path in ambiguous)
    reported = {f.path for f in result.findings if f.code == "READ-CELL-AMBIGUOUS"}
    for path in ambiguous:
        assert path.rpartition(".")[0] in reported or path in reported, path


def test_full_reports_name_themselves_and_break_only_their_known_rules(wild: Path) -> None:
    result, expected = _read(wild)
    if expected.get("partial"):
        assert result.report.year == expected["year"]
        return
    report = result.report
    assert report.year == expected["year"]
    assert report.agency.name == expected["agency"]
    errors = sorted(
        (f.code, f.path, f.printed, f.computed) for f in gd.check(report) if f.severity == "error"
    )
    violations = expected["known_violations"]
    assert isinstance(violations, list)
    assert errors == sorted((v["code"], v["cell"], v["printed"], v["computed"]) for v in violations)
    assert not [f for f in result.findings if f.severity == "error"]
