"""The checks: every rule of the catalogue that looks at a report as stated.

:func:`check` looks at one report, :func:`check_years` at two consecutive
years of the same agency. Both return findings and never change the report.
A blank or ``/`` cell counts as 0 in every sum, as the format's rules say.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Iterator
from typing import Any, Final

import attrs

from ._cell import Cell, Count
from ._findings import RULES, Finding, Number, finding, shown_number
from ._form import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    OUTCOME_ROWS,
    REVIEW_PARTS,
    SECTION_BY_NAME,
    TABLE_CELLS,
    get,
    label,
    table_cells,
    table_values,
)
from ._model import (
    OVERVIEW_TOPICS,
    Applications,
    DocumentCounts,
    Report,
    ReviewLitigation,
    sum_cells,
)
from ._narrative import narrative_findings

__all__ = [
    "check",
    "check_years",
]

_DEADLINES: Final = {"department": (1, 31), "government": (3, 31)}
#: The rows of table 三 that T3-BALANCE relates: 一 + 二 == （七） + 四.
_BALANCE: Final = ("received", "carried_over", "outcome_total", "carried_forward")


def _shown(cell: Cell[Any]) -> str:
    """How a printed cell reads in a message, after 表中为 or a label's colon."""
    if cell.not_applicable:
        return "“/”"
    return "空白" if cell.value is None else f" {shown_number(cell.value)}"


def _total_finding(
    code: str, path: str, total: Count, computed: Number, cells: tuple[str, ...]
) -> Finding:
    message = f"{label(path)}：应为 {shown_number(computed)}，表中为{_shown(total)}"
    return finding(code, path, message, cells=cells, printed=total.value, computed=computed)


# --- one report ------------------------------------------------------------------------


def check(report: Report) -> list[Finding]:
    """Every finding of the within-report rules, in form order.

    Arithmetic breaks are errors; blank cells, missing tables, empty sections
    and figures of the narrative that contradict the tables (NARRATIVE-TABLE)
    are warnings; ``/`` cells are info. The report itself is never changed.
    """
    findings: list[Finding] = []
    findings += _structure(report)
    if report.active_disclosure is not None:
        findings += _blank_cells(report.active_disclosure, "active_disclosure")
    if report.applications is not None:
        findings += _applications(report.applications)
        findings += _blank_cells(report.applications, "applications")
    if report.review_litigation is not None:
        findings += _review_litigation(report.review_litigation)
        findings += _blank_cells(report.review_litigation, "review_litigation")
    findings += narrative_findings(report)
    return _one_story(report, findings)


def _one_story(report: Report, findings: list[Finding]) -> list[Finding]:
    """Findings where two broken rules ask different values of one cell, told as one story.

    A cell that two broken rules report on (a row's 总计 that is also a column's
    total) would get two different "应为" values. Each such finding names the
    other rule's value, and the likelier culprit from the repair search.
    """
    wanted: dict[str, dict[str, Number]] = {}
    for found in findings:
        if found.rule.kind == "arithmetic" and found.computed is not None:
            cell = get(report, found.path)
            implied = cell.number + found.computed - (found.printed or 0)
            wanted.setdefault(found.path, {})[found.code] = implied
    conflicts = {path for path, values in wanted.items() if len(set(values.values())) > 1}
    if not conflicts:
        return findings
    from ._repairs import best_repair  # here: only a report whose totals break needs it

    best = best_repair(report)
    told = "改动一处或两处数字都不能解释，需人工核对"
    if best is not None:
        told = f"最可能的错误：{best}"
    result: list[Finding] = []
    for found in findings:
        if found.path in conflicts and found.code in wanted[found.path]:
            others = "、".join(
                f"按{RULES[code].title}应为 {shown_number(value)}"
                for code, value in wanted[found.path].items()
                if code != found.code
            )
            message = f"{found.message}（同一格{others}，两条规则不能同时由改这一格满足；{told}）"
            found = attrs.evolve(found, message=message)
        result.append(found)
    return result


#: Where each cell of table 三 is among its values, by path in the table (``received.total``).
_AT: Final = {
    info.path.removeprefix("applications."): index
    for index, info in enumerate(TABLE_CELLS["applications"])
}
_Values = Callable[[tuple[Any, ...]], tuple[int | None, ...]]


def _value_getter(*paths: str) -> _Values:
    """A getter of the values of some cells of table 三 (paths in the table) from all of them
    (:func:`table_values`), in the order given."""
    return operator.itemgetter(*(_AT[path] for path in paths))


#: Each row of table 三: its name, its six applicant cells, and where its 总计 is.
_ROWS: Final[tuple[tuple[str, _Values, int], ...]] = tuple(
    (row, _value_getter(*(f"{row}.{c}" for c in APPLICANT_COLUMNS[:-1])), _AT[f"{row}.total"])
    for row in APPLICATION_ROWS
)
#: Each column of table 三 (the six applicant kinds and 总计): its 21 outcome cells, and where
#: its cells of 一、本年新收, 二、上年结转, （七）总计 and 四、结转下年度继续办理 are.
_COLUMNS: Final[tuple[tuple[str, _Values, int, int, int, int], ...]] = tuple(
    (
        column,
        _value_getter(*(f"{row}.{column}" for row in OUTCOME_ROWS)),
        _AT[f"received.{column}"],
        _AT[f"carried_over.{column}"],
        _AT[f"outcome_total.{column}"],
        _AT[f"carried_forward.{column}"],
    )
    for column in APPLICANT_COLUMNS
)


def _applications(table: Applications) -> Iterator[Finding]:
    # The sums run over the cells' values, fetched at once (blank and / are None and count 0:
    # filter(None, …) leaves them out); a finding looks at the cells themselves.
    values = table_values(table, "applications")
    # T3-ROW-TOTAL: each row's 总计 is the sum of its six applicant columns.
    for row, parts, total in _ROWS:
        computed = sum(filter(None, parts(values)))
        if (values[total] or 0) != computed:
            prefix = f"applications.{row}."
            cells = tuple(prefix + column for column in APPLICANT_COLUMNS)
            stated = get(table, f"{row}.total")
            yield _total_finding("T3-ROW-TOTAL", prefix + "total", stated, computed, cells)
    for column, outcomes, received, carried_over, outcome_total, carried_forward in _COLUMNS:
        # T3-OUTCOME-TOTAL: （七）总计 is the sum of the 21 outcome rows.
        computed = sum(filter(None, outcomes(values)))
        stated = values[outcome_total] or 0
        if stated != computed:
            path = f"applications.outcome_total.{column}"
            cells = tuple(f"applications.{name}.{column}" for name in OUTCOME_ROWS)
            cell = get(table, f"outcome_total.{column}")
            yield _total_finding("T3-OUTCOME-TOTAL", path, cell, computed, (*cells, path))
        # T3-BALANCE: 一 + 二 == （七） + 四, column by column.
        left = (values[received] or 0) + (values[carried_over] or 0)
        right = stated + (values[carried_forward] or 0)
        if left != right:
            cells = tuple(f"applications.{name}.{column}" for name in _BALANCE)
            path = cells[-1]
            message = (
                f"{label(path)}：第三项加第四项之和应等于第一项加第二项之和 "
                f"{shown_number(left)}，表中为 {shown_number(right)}"
            )
            yield finding("T3-BALANCE", path, message, cells=cells, printed=right, computed=left)


def _review_litigation(table: ReviewLitigation) -> Iterator[Finding]:
    for name, group in table.groups():
        computed = sum_cells(group.parts)
        if group.total.number != computed:
            prefix = f"review_litigation.{name}."
            cells = tuple(prefix + part for part in (*REVIEW_PARTS, "total"))
            yield _total_finding("T4-TOTAL", prefix + "total", group.total, computed, cells)


def _blank_cells(table: Any, name: str) -> Iterator[Finding]:
    if None not in table_values(table, name):
        return  # every cell prints a number: the common case, at once
    for info, cell in table_cells(table, name):
        if cell.value is not None:
            continue
        if cell.not_applicable:
            message = f"{info.label}：“/”（不适用），计为 0"
            yield finding("CELL-NOT-APPLICABLE", info.path, message, cells=(info.path,))
        elif cell.value is None:
            message = f"{info.label}：空白，计为 0"
            yield finding("CELL-BLANK", info.path, message, cells=(info.path,))


def _structure(report: Report) -> Iterator[Finding]:
    for name in TABLE_CELLS:
        if getattr(report, name) is None:
            heading = SECTION_BY_NAME[name].heading
            yield finding("TABLE-MISSING", name, f"{heading}：报告中没有这张表的数据")
    for name in ("overview", "problems", "other_matters"):
        if getattr(report, name).is_empty:
            heading = SECTION_BY_NAME[name].heading
            yield finding("SECTION-EMPTY", name, f"{heading}：没有内容")
    for name in ("overview", "problems", "other_matters"):
        heading = SECTION_BY_NAME[name].heading
        for index, sub in enumerate(getattr(report, name).subsections):
            if not sub.paragraphs:
                path = f"{name}.subsections.{index}"
                message = f"{heading}·{sub.heading}：小节只有标题，没有内容"
                yield finding("SECTION-EMPTY", path, message)
    subsections = report.overview.subsections
    if subsections:
        covered = {sub.topic for sub in subsections}
        for key, topic in OVERVIEW_TOPICS.items():
            if key not in covered:
                message = f"一、总体情况：没有标明为“{topic}”的小节"
                yield finding("OVERVIEW-TOPIC-MISSING", "overview.subsections", message)
    yield from _deadline(report)


def _deadline(report: Report) -> Iterator[Finding]:
    kind, published = report.agency.kind, report.published
    if kind is None or published is None:
        return
    month, day = _DEADLINES[kind]
    deadline = datetime.date(report.year + 1, month, day)
    if published > deadline:
        message = (
            f"发布日期 {published.isoformat()} 晚于法定期限 {deadline.isoformat()}"
            f"（条例第四十九条）"
        )
        yield finding("PUBLISHED-LATE", "published", message)


# --- two consecutive years -----------------------------------------------------------------


def check_years(previous: Report, current: Report) -> list[Finding]:
    """Findings of the cross-year rules between two consecutive reports of one agency.

    Paths name cells of *current*; cells of *previous* in ``cells`` carry the
    prefix ``previous.``. Raises ``ValueError`` unless
    ``previous.year == current.year - 1``; that both reports come from the
    same agency is the caller's to know (names are often written differently).
    """
    if previous.year != current.year - 1:
        msg = f"'previous.year' must be {current.year - 1}: {previous.year}"
        raise ValueError(msg)
    findings: list[Finding] = []
    if previous.applications is not None and current.applications is not None:
        findings += _carry(previous.applications, current.applications, previous.year)
    if previous.active_disclosure is not None and current.active_disclosure is not None:
        for name in ("regulations", "normative_documents"):
            before = getattr(previous.active_disclosure, name)
            now = getattr(current.active_disclosure, name)
            findings += _in_force(name, before, now, previous.year)
    return findings


def _carry(previous: Applications, current: Applications, year: int) -> Iterator[Finding]:
    for column in APPLICANT_COLUMNS:
        forward = getattr(previous.carried_forward, column)
        over = getattr(current.carried_over, column)
        if over.number != forward.number:
            path = f"applications.carried_over.{column}"
            before = f"previous.applications.carried_forward.{column}"
            message = (
                f"{label(path)}：应为 {shown_number(forward.number)}"
                f"（{year}年报告的{label(before.removeprefix('previous.'))}），"
                f"表中为{_shown(over)}"
            )
            yield finding(
                "CROSS-YEAR-CARRY",
                path,
                message,
                cells=(before, path),
                printed=over.value,
                computed=forward.number,
            )


def _in_force(
    name: str, previous: DocumentCounts, current: DocumentCounts, year: int
) -> Iterator[Finding]:
    computed = previous.in_force.number + current.issued.number - current.repealed.number
    if current.in_force.number != computed:
        prefix = f"active_disclosure.{name}."
        path = prefix + "in_force"
        message = (
            f"{label(path)}：按{year}年 {shown_number(previous.in_force.number)} + 本年制发 "
            f"{shown_number(current.issued.number)} − 本年废止 "
            f"{shown_number(current.repealed.number)} 应为 {shown_number(computed)}，"
            f"表中为{_shown(current.in_force)}"
        )
        cells = (f"previous.{path}", prefix + "issued", prefix + "repealed", path)
        yield finding(
            "CROSS-YEAR-IN-FORCE",
            path,
            message,
            cells=cells,
            printed=current.in_force.value,
            computed=computed,
        )
