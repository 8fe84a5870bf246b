"""The checks: every arithmetic rule, the structure rules, cross-year rules and the corpus."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import _form
from gov_disclosure._findings import shown_number
from gov_disclosure.strategies import valid_reports

from conftest import corpus_params, expected_report_data

big = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_COLUMNS = [f.name for f in attrs.fields(gd.ApplicantRow)]
_OUTCOME_ROWS = {path for path, _ in gd.Applications().outcome_rows()}
_BALANCE_ROWS = {"received", "carried_over", "outcome_total", "carried_forward"}


def errors(report: gd.Report) -> list[gd.Finding]:
    return [f for f in gd.check(report) if f.severity == "error"]


def rules_of(path: str) -> set[tuple[str, str]]:
    """(code, reported path) of every arithmetic rule a cell takes part in, from the spec."""
    table, _, rest = path.partition(".")
    if table == "review_litigation":
        group = rest.split(".")[0]
        return {("T4-TOTAL", f"review_litigation.{group}.total")}
    if table != "applications":
        return set()
    row, _, column = rest.rpartition(".")
    found = {("T3-ROW-TOTAL", f"applications.{row}.total")}
    if row in _OUTCOME_ROWS or row == "outcome_total":
        found.add(("T3-OUTCOME-TOTAL", f"applications.outcome_total.{column}"))
    if row in _BALANCE_ROWS:
        found.add(("T3-BALANCE", f"applications.carried_forward.{column}"))
    return found


# --- properties ----------------------------------------------------------------------------


@big
@given(valid_reports(text=False))
def test_a_valid_report_has_no_error(report: gd.Report) -> None:
    assert errors(report) == []


@big
@given(
    valid_reports(complete=True, text=False),
    st.sampled_from([p for p, info in gd.CELLS.items() if info.table != "other_matters"]),
    st.integers(1, 1000),
    st.booleans(),
)
def test_one_altered_cell_breaks_exactly_its_rules(
    report: gd.Report, path: str, delta: int, down: bool
) -> None:
    cell = _form.get(report, path)
    number = cell.number
    if gd.CELLS[path].kind == "amount":  # a blank or "/" amount counts as 0, still a Decimal
        number = Decimal(number)
    if down and number >= delta:
        delta = -delta
    altered = _form.replace(report, path, gd.Cell(number + delta))
    before = set(gd.check(report))
    after = set(gd.check(altered))
    replaced = {"CELL-BLANK", "CELL-NOT-APPLICABLE"}
    assert before - after <= {f for f in before if f.code in replaced and f.path == path}
    new = after - before
    assert {(f.code, f.path) for f in new if f.code != "CELL-BLANK"} == rules_of(path)
    for finding in new:
        assert path in finding.cells
        assert finding.severity == "error"
        assert finding.difference != 0


@big
@given(valid_reports(complete=True, text=False))
def test_from_parts_fills_every_total(report: gd.Report) -> None:
    assert report.applications is not None
    assert report.review_litigation is not None
    cleared = attrs.evolve(
        report,
        applications=attrs.evolve(report.applications, outcome_total=gd.ApplicantRow()),
        review_litigation=gd.ReviewLitigation(
            *(attrs.evolve(g, total=gd.Count()) for _, g in report.review_litigation.groups())
        ),
    )
    assert cleared.with_totals() == report


# --- each rule on a hand-made table ------------------------------------------------------------


def report_with(**tables: object) -> gd.Report:
    return gd.Report(gd.Agency("测试机关"), 2024, **tables)  # type: ignore[arg-type]


def test_outcome_total_message_names_the_official_labels() -> None:
    table = gd.Applications.from_parts(
        received=gd.ApplicantRow(12),
        granted=gd.ApplicantRow(12),
        carried_forward=gd.ApplicantRow(0),
    )
    wrong = attrs.evolve(table, outcome_total=attrs.evolve(table.outcome_total, natural_person=11))
    found = [f for f in errors(report_with(applications=wrong)) if f.code == "T3-OUTCOME-TOTAL"]
    assert len(found) == 1
    finding = found[0]
    assert finding.message == "（七）总计·自然人：应为 12，表中为 11"
    assert finding.path == "applications.outcome_total.natural_person"
    assert (finding.printed, finding.computed, finding.difference) == (11, 12, -1)
    assert len(finding.cells) == 22
    assert finding.rule.title == "表三（七）总计等于各项办理结果之和"


def test_blank_total_is_reported_as_blank() -> None:
    table = gd.Applications.from_parts(
        received=gd.ApplicantRow(1), granted=gd.ApplicantRow(1), carried_forward=gd.ApplicantRow(0)
    )
    table = attrs.evolve(table, received=attrs.evolve(table.received, total=None))
    found = {f.code: f for f in errors(report_with(applications=table))}
    row = found["T3-ROW-TOTAL"]
    assert row.message == "一、本年新收政府信息公开申请数量·总计：应为 1，表中为空白"
    assert (row.printed, row.computed, row.difference) == (None, 1, -1)
    balance = found["T3-BALANCE"]
    assert (balance.path, balance.printed, balance.computed) == (
        "applications.carried_forward.total",
        1,
        0,
    )


def test_review_total() -> None:
    table = gd.ReviewLitigation(review=gd.ReviewOutcomes(10, 1, 0, 0, 0))
    (finding,) = errors(report_with(review_litigation=table))
    assert finding.message == "行政复议·总计：应为 11，表中为 0"


def test_blank_cells_are_warnings_and_slash_cells_info() -> None:
    table = gd.ActiveDisclosure(regulations=gd.DocumentCounts("/", None, 0))
    found = [
        f
        for f in gd.check(report_with(active_disclosure=table))
        if f.code in ("CELL-BLANK", "CELL-NOT-APPLICABLE")
    ]
    assert [(f.code, f.severity, f.message) for f in found[:2]] == [
        ("CELL-NOT-APPLICABLE", "info", "规章·本年制发件数：“/”（不适用），计为 0"),
        ("CELL-BLANK", "warning", "规章·本年废止件数：空白，计为 0"),
    ]
    assert all(f.severity == "warning" for f in found[1:])
    assert len(found) == 9  # every cell but the 0


def test_a_slash_counts_zero() -> None:
    table = gd.ReviewLitigation(review=gd.ReviewOutcomes(2, "/", 1, 0, 3))
    assert errors(report_with(review_litigation=table)) == []


def test_a_subsection_without_paragraphs_is_empty() -> None:
    problems = gd.Narrative(
        subsections=[gd.Subsection("存在的问题", ["有问题。"]), gd.Subsection("改进情况")]
    )
    report = attrs.evolve(report_with(), problems=problems)
    (found,) = [f for f in gd.check(report) if f.code == "SECTION-EMPTY"][2:]
    assert (found.severity, found.path) == ("warning", "problems.subsections.1")
    assert found.message == "五、存在的主要问题及改进情况·改进情况：小节只有标题，没有内容"


def test_a_huge_figure_is_refused_and_never_printed_whole() -> None:
    """The model refuses a count of more than 15 digits, so no finding meets one; the message
    helpers still never print past Python's int-to-string limit."""
    with pytest.raises(gd.DataError, match="at most 15 digits"):
        gd.ReviewOutcomes(10**5000, 0, 0, 0, 1)
    assert shown_number(10**5000) == "（5001 位数）"
    assert shown_number(123) == "123"


def test_structure_rules() -> None:
    report = report_with()
    codes = [(f.code, f.path) for f in gd.check(report)]
    assert codes == [
        ("TABLE-MISSING", "active_disclosure"),
        ("TABLE-MISSING", "applications"),
        ("TABLE-MISSING", "review_litigation"),
        ("SECTION-EMPTY", "overview"),
        ("SECTION-EMPTY", "problems"),
        ("SECTION-EMPTY", "other_matters"),
    ]


def test_overview_topics() -> None:
    overview = gd.Narrative(subsections=[gd.Subsection("主动公开情况", topic="active_disclosure")])
    report = attrs.evolve(report_with(), overview=overview)
    missing = [f.message for f in gd.check(report) if f.code == "OVERVIEW-TOPIC-MISSING"]
    assert len(missing) == 4
    assert missing[0] == "一、总体情况：没有标明为“依申请公开”的小节"


@pytest.mark.parametrize(
    ("kind", "published", "late"),
    [
        ("department", datetime.date(2025, 1, 31), False),
        ("department", datetime.date(2025, 2, 1), True),
        ("government", datetime.date(2025, 3, 31), False),
        ("government", datetime.date(2025, 4, 1), True),
        (None, datetime.date(2026, 1, 1), False),
    ],
)
def test_deadline(kind: str | None, published: datetime.date, late: bool) -> None:
    report = gd.Report(gd.Agency("x", kind=kind), 2024, published=published)  # type: ignore[arg-type]
    assert any(f.code == "PUBLISHED-LATE" for f in gd.check(report)) is late


def test_rule_catalogue() -> None:
    assert list(gd.RULES)[:4] == ["T3-BALANCE", "T3-ROW-TOTAL", "T3-OUTCOME-TOTAL", "T4-TOTAL"]
    for code, rule in gd.RULES.items():
        assert rule.code == code
        assert rule.severity in ("error", "warning", "info")
        assert rule.title
        assert rule.formula
        assert rule.description


# --- two years ------------------------------------------------------------------------------------


def _year(year: int, carried_over: int, carried_forward: int, in_force: int) -> gd.Report:
    return gd.Report(
        gd.Agency("x"),
        year,
        active_disclosure=gd.ActiveDisclosure(
            normative_documents=gd.DocumentCounts(2, 1, in_force)
        ),
        applications=gd.Applications(
            carried_over=gd.ApplicantRow.from_parts(carried_over),
            carried_forward=gd.ApplicantRow.from_parts(carried_forward),
        ),
    )


def test_cross_year_rules_hold() -> None:
    assert gd.check_years(_year(2023, 0, 3, 10), _year(2024, 3, 0, 11)) == []


def test_cross_year_carry_and_in_force() -> None:
    found = gd.check_years(_year(2023, 0, 3, 10), _year(2024, 2, 0, 12))
    carry = [f for f in found if f.code == "CROSS-YEAR-CARRY"]
    assert [(f.path, f.printed, f.computed) for f in carry] == [
        ("applications.carried_over.natural_person", 2, 3),
        ("applications.carried_over.total", 2, 3),
    ]
    assert carry[0].message == (
        "二、上年结转政府信息公开申请数量·自然人：应为 3"
        "（2023年报告的四、结转下年度继续办理·自然人），表中为 2"
    )
    assert "previous.applications.carried_forward.natural_person" in carry[0].cells
    (in_force,) = [f for f in found if f.code == "CROSS-YEAR-IN-FORCE"]
    assert in_force.message == (
        "行政规范性文件·现行有效件数：按2023年 10 + 本年制发 2 − 本年废止 1 应为 11，表中为 12"
    )
    assert all(f.severity == "warning" for f in found)


def test_cross_year_needs_consecutive_years() -> None:
    with pytest.raises(ValueError, match=r"'previous\.year' must be 2023: 2022"):
        gd.check_years(_year(2022, 0, 0, 0), _year(2024, 0, 0, 0))


# --- the corpus: as published, errors included -------------------------------------------------


@pytest.mark.parametrize("folder", corpus_params())
def test_corpus_figures_give_exactly_the_known_violations(folder: Path) -> None:
    data, violations = expected_report_data(folder)
    found = sorted((f.code, f.path, f.printed, f.computed) for f in errors(gd.from_dict(data)))
    expected = sorted((v["code"], v["cell"], v["printed"], v["computed"]) for v in violations)
    assert found == expected


def test_one_cell_two_broken_rules_one_story() -> None:
    table = gd.Applications.from_parts(
        received=gd.ApplicantRow.from_parts(4, 1), granted=gd.ApplicantRow.from_parts(4, 1)
    )
    report = report_with(applications=table)
    report = _form.replace(report, "applications.outcome_total.total", gd.Count(7))
    report = _form.replace(report, "applications.outcome_total.natural_person", gd.Count(5))
    told = [f for f in errors(report) if f.path == "applications.outcome_total.total"]
    assert [f.code for f in told] == ["T3-ROW-TOTAL", "T3-OUTCOME-TOTAL"]
    for finding in told:  # each names the other rule's value and the likelier culprit
        assert "两条规则不能同时由改这一格满足" in finding.message
        assert "最可能的错误：（七）总计·自然人 表中为 5，应为 4" in finding.message
    assert "按表三（七）总计等于各项办理结果之和应为 5" in told[0].message
    assert "按表三行总计等于各类申请人之和应为 6" in told[1].message
