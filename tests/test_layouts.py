"""Generalisation by construction: every layout family reads back to the same figures.

The families of :mod:`layouts` are made from generated reports (``/`` and noted
cells among the figures). A family whose rows keep every cell's place (tab-separated,
pipe lines, a CMS page) reads back exactly, blank cells included. A family that prints
no trace of a blank cell (one cell per line, a PDF text layer, a crawler text joined by
spaces or glued) is given reports without blank cells (see ``table_reports``); it may
leave a row blank, but then says so (``READ-CELL-AMBIGUOUS``, or the row's or table's
reading finding): it never prints a figure other than the one printed.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from layouts import EXACT, TEXT_FAMILIES, html_cms, table_reports

from conftest import read_cells

#: Generated reports per family: each reads in some 50 ms, ten families.
_EXAMPLES = 5
#: Findings that say a row (or cell) was left blank because its figures could not be placed.
_UNPLACED = frozenset(
    {
        "READ-CELL-AMBIGUOUS",
        "READ-ROW-MISSING",
        "READ-ROW-UNREADABLE",
        "READ-CELL-UNREADABLE",
        "READ-TABLE-UNREAD",
    }
)


def _check(original: gd.Report, result: gd.ReadResult, family: str) -> None:
    want, got = read_cells(original), read_cells(result.report)
    told = {f.path for f in result.findings if f.code in _UNPLACED}
    for path, value in want.items():
        if got[path] == value:
            continue
        assert family not in EXACT, (family, path, got[path], value)
        assert got[path] is None, (family, path, got[path], value)  # blank, never another figure
        row = path.rpartition(".")[0]
        table = path.partition(".")[0]
        assert told & {path, row, table}, (family, path, value)


@pytest.mark.parametrize("family", sorted(TEXT_FAMILIES))
@settings(
    max_examples=_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_text_family_reads_back_to_the_same_figures(family: str, data: st.DataObject) -> None:
    report = data.draw(table_reports(blanks=family in EXACT))
    text = TEXT_FAMILIES[family](gd.render(report, "text", layout="tsv"))
    _check(report, gd.parse(text), family)


@settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=table_reports())
def test_a_cms_page_reads_back_to_the_same_figures(report: gd.Report) -> None:
    _check(report, gd.parse(html_cms(report)), "html-cms")


def test_the_example_reads_back_exactly_from_every_family() -> None:
    from conftest import EXAMPLES

    report = gd.load(EXAMPLES / "zhongwei-justice-2024.toml")
    tsv = gd.render(report, "text", layout="tsv")
    texts: dict[str, Any] = {name: make(tsv) for name, make in TEXT_FAMILIES.items()}
    texts["html-cms"] = html_cms(report)
    for name, text in texts.items():
        result = gd.parse(text)
        assert read_cells(result.report) == read_cells(report), name
        assert result.report.year == report.year, name
        assert result.report.agency.name == report.agency.name, name
