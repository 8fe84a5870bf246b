"""Repair suggestions: the fewest printed cells whose change makes the arithmetic rules hold."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import _form
from gov_disclosure._form import PART_CELLS
from gov_disclosure._repairs import explain, repair_lines, repair_summary
from gov_disclosure.strategies import valid_reports

big = settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], max_examples=60
)


def _row(path: str) -> str:
    return path.rpartition(".")[0]


def _column(path: str) -> str:
    return path.rpartition(".")[2]


def _changed(report: gd.Report, path: str, delta: int, down: bool) -> tuple[gd.Report, int]:
    number = int(_form.get(report, path).number)
    if down and number >= delta:
        delta = -delta
    return _form.replace(report, path, gd.Count(number + delta)), number


@big
@given(
    valid_reports(complete=True, text=False),
    st.sampled_from(PART_CELLS),
    st.integers(1, 1000),
    st.booleans(),
)
def test_a_single_slip_is_restored(report: gd.Report, path: str, delta: int, down: bool) -> None:
    assert gd.repairs(report) == []
    slipped, true = _changed(report, path, delta, down)
    found = gd.repairs(slipped)
    assert found, "a one-cell slip has a one-cell repair"
    assert {len(r.changes) for r in found} == {1}
    assert (path, true) in {(r.changes[0].path, r.changes[0].value) for r in found}
    for repair in found:  # each listed repair makes every rule hold
        (change,) = repair.changes
        fixed = _form.replace(slipped, change.path, gd.Count(change.value))
        assert not [f for f in gd.check(fixed) if f.severity == "error"]


@big
@given(
    valid_reports(complete=True, text=False),
    st.lists(st.sampled_from(PART_CELLS), min_size=2, max_size=2, unique_by=(_row, _column)),
    st.lists(st.integers(1, 1000), min_size=2, max_size=2),
    st.booleans(),
)
def test_two_slips_in_different_rows_and_columns_are_restored(
    report: gd.Report, paths: list[str], deltas: list[int], down: bool
) -> None:
    truth = {}
    for path, delta in zip(paths, deltas, strict=True):
        report, truth[path] = _changed(report, path, delta, down)
    found = gd.repairs(report)
    assert found
    assert truth in [{c.path: c.value for c in r.changes} for r in found]
    assert {len(r.changes) for r in found} == {2}


def _report(**tables: object) -> gd.Report:
    return gd.Report(gd.Agency("测试局"), 2024, **tables)  # type: ignore[arg-type]


def test_a_total_is_preferred_to_a_part_and_the_line_names_the_cell() -> None:
    table = gd.ReviewLitigation(review=gd.ReviewOutcomes(10, 1, 0, 0, 0))
    report = _report(review_litigation=table)
    (repair,) = gd.repairs(report)
    assert repair.rules == ("T4-TOTAL",)
    assert [(c.path, c.printed, c.value, c.slip) for c in repair.changes] == [
        ("review_litigation.review.total", gd.Count(0), 11, "total")
    ]
    assert repair_lines(report) == ["最可能的错误：行政复议·总计 表中为 0，应为 11"]


def test_equally_small_repairs_are_all_listed_best_first() -> None:
    # 13 + 40 + 0 + 0 printed with 总计 71: any of the five cells could be wrong
    table = gd.ReviewLitigation(review=gd.ReviewOutcomes(13, 40, 0, 0, 71))
    found = gd.repairs(_report(review_litigation=table))
    assert [str(r) for r in found] == [
        "行政复议·结果维持 表中为 13，应为 31",  # two digits swapped
        "行政复议·总计 表中为 71，应为 53",  # a total against intact parts
        "行政复议·结果纠正 表中为 40，应为 58",
        "行政复议·其他结果 表中为 0，应为 18",
        "行政复议·尚未审结 表中为 0，应为 18",
    ]
    assert [r.changes[0].slip for r in found][:3] == ["transposition", "total", "arbitrary"]


def test_the_example_line() -> None:
    table = gd.Applications.from_parts(
        received=gd.ApplicantRow.from_parts(4),
        withheld=gd.Withheld(three_safeties_one_stability=gd.ApplicantRow.from_parts(4)),
    )
    path = "applications.withheld.three_safeties_one_stability.natural_person"
    report = _form.replace(_report(applications=table), path, gd.Count(5))
    assert repair_lines(report) == [
        "最可能的错误：（三）不予公开·3.危及“三安全一稳定”·自然人 表中为 5，应为 4"
    ]


def test_a_neighbour_column_shift_is_found_as_one_repair() -> None:
    table = gd.Applications.from_parts(
        received=gd.ApplicantRow.from_parts(3, 0),
        granted=gd.ApplicantRow.from_parts(3, 0),
    )
    report = _form.replace(_report(applications=table), "applications.granted.natural_person", 0)
    report = _form.replace(report, "applications.granted.commercial", gd.Count(3))
    best = gd.repairs(report)[0]
    assert [(c.path, c.value, c.slip) for c in best.changes] == [
        ("applications.granted.natural_person", 3, "digit"),
        ("applications.granted.commercial", 0, "shift"),
    ]


def test_a_report_no_small_change_explains_needs_a_person() -> None:
    groups = [gd.ReviewOutcomes(1, 0, 0, 0, 2)] * 3
    report = _report(review_litigation=gd.ReviewLitigation(*groups))
    assert gd.repairs(report) == []
    summary = repair_summary(report)
    assert summary["status"] == "needs-person"
    assert summary["repairs"] == []
    (line,) = repair_lines(report)
    assert "需人工核对" in line


def test_a_consistent_report_has_nothing_to_repair() -> None:
    report = gd.Report.template(gd.Agency("测试局"), 2024)
    assert gd.repairs(report) == []
    assert repair_lines(report) == []
    assert repair_summary(report) == {"status": "consistent", "best": None, "repairs": []}


def test_the_summary_is_json() -> None:
    table = gd.ReviewLitigation(review=gd.ReviewOutcomes("/", 1, 0, 0, 2))
    summary = repair_summary(_report(review_litigation=table))
    assert json.loads(json.dumps(summary, ensure_ascii=False)) == summary
    assert summary["status"] == "repaired"
    printed = {c["path"]: c["printed"] for r in summary["repairs"] for c in r["changes"]}
    assert printed["review_litigation.review.upheld"] == "/"
    assert summary["best"] == "最可能的错误：行政复议·总计 表中为 2，应为 1"


def test_an_absent_table_is_not_repaired() -> None:
    table = gd.ReviewLitigation(review=gd.ReviewOutcomes(1, 0, 0, 0, 0))
    found = gd.repairs(_report(review_litigation=table))
    assert [r.paths for r in found] == [
        ("review_litigation.review.total",),
        ("review_litigation.review.upheld",),
    ]


def test_explain_gives_the_lines_and_the_data_from_one_search() -> None:
    table = gd.ReviewLitigation(review=gd.ReviewOutcomes(13, 40, 0, 0, 71))
    report = _report(review_litigation=table)
    lines, data = explain(report, limit=2)
    assert lines == [
        "最可能的错误：行政复议·结果维持 表中为 13，应为 31",
        "同样少的改动：行政复议·总计 表中为 71，应为 53",
        "另有 3 种同样少的改动",
    ]
    assert data == repair_summary(report)
    assert len(data["repairs"]) == 5
