"""The published strategies: gov_disclosure.strategies."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

import gov_disclosure as gd
from gov_disclosure import strategies

quick = settings(
    max_examples=10, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def _errors(report: gd.Report) -> list[gd.Finding]:
    return [f for f in gd.check(report) if f.severity == "error"]


@quick
@given(strategies.reports())
def test_consistent_reports_have_every_table_and_no_error(report: gd.Report) -> None:
    assert report.applications is not None
    assert report.active_disclosure is not None
    assert report.review_litigation is not None
    assert _errors(report) == []


@quick
@given(strategies.reports(consistent=True, partial=True, hostile_text=True))
def test_partial_hostile_reports_are_still_consistent(report: gd.Report) -> None:
    assert _errors(report) == []


@quick
@given(strategies.reports(consistent=False))
def test_inconsistent_reports_are_reports(report: gd.Report) -> None:
    assert isinstance(report, gd.Report)
    assert report.applications is not None


@quick
@given(strategies.cells(), strategies.cells("amount"))
def test_cells(count: gd.Count, amount: gd.Amount) -> None:
    assert count.value is None or isinstance(count.value, int)
    assert amount.value is None or isinstance(amount.value, Decimal)


@quick
@given(strategies.data_files("toml"), strategies.data_files("json", consistent=False))
def test_data_files_load(toml_text: str, json_text: str) -> None:
    report = gd.loads(toml_text, "toml")
    assert _errors(report) == []
    assert gd.loads(json_text, "json").applications is not None


def test_the_testing_guide_example_runs() -> None:
    page = Path(__file__).resolve().parent.parent / "docs" / "guide" / "testing.md"
    (code,) = re.findall(r"^```python\n(.*?)^```", page.read_text(encoding="utf-8"), re.M | re.S)
    namespace: dict[str, Any] = {}
    exec(compile(code, str(page), "exec"), namespace)
    tests = [value for name, value in namespace.items() if name.startswith("test_")]
    assert len(tests) == 3
    for test in tests:
        settings(max_examples=5, suppress_health_check=list(HealthCheck))(test)()
