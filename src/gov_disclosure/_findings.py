"""Findings and the catalogue of rules that produce them.

The catalogue is data: docs, the command line and other tools list it from
:data:`RULES` instead of copying it. Checks (:mod:`._checks`) and readers
produce :class:`Finding` objects whose ``code`` is a key of :data:`RULES`.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType
from typing import Final, Literal

import attrs

Severity = Literal["error", "warning", "info"]
RuleKind = Literal["arithmetic", "cell", "cross-year", "structure", "reading"]
Number = int | Decimal


@attrs.frozen
class Rule:
    """One rule of the catalogue."""

    code: str
    """Stable identifier, e.g. ``T3-BALANCE``."""
    kind: RuleKind
    severity: Severity
    title: str
    """Short Chinese title, e.g. ``表三勾稽关系``."""
    formula: str
    """The rule in data names, or what it looks for."""
    description: str
    """What the rule means and why, in English."""


@attrs.frozen
class Finding:
    """Something a check or a reader found, named by its place in the report.

    ``path`` is the data path of the cell (or part) the finding reports on;
    ``cells`` lists every cell the rule involves. ``printed`` is what the
    report states, ``computed`` what the rule expects (``None`` where the rule
    compares no numbers or the printed cell is blank). ``line`` is the line of
    the source text a reader found it on, when known.
    """

    code: str
    severity: Severity
    path: str
    message: str
    cells: tuple[str, ...] = ()
    printed: Number | None = None
    computed: Number | None = None
    line: int | None = None

    @property
    def difference(self) -> Number | None:
        """``printed − computed`` (a blank printed value counts as 0), or ``None``."""
        if self.computed is None:
            return None
        return (self.printed or 0) - self.computed

    @property
    def rule(self) -> Rule:
        """The catalogue entry of this finding's code."""
        return RULES[self.code]

    def __str__(self) -> str:
        return f"{self.severity} {self.code} {self.path}: {self.message}"


def _rules(*rules: Rule) -> MappingProxyType[str, Rule]:
    return MappingProxyType({rule.code: rule for rule in rules})


_ROW = "natural_person + commercial + research + social_welfare + legal_services + other"

#: Every rule the library knows, by code, in catalogue order.
RULES: Final[MappingProxyType[str, Rule]] = _rules(
    Rule(
        "T3-BALANCE",
        "arithmetic",
        "error",
        "表三勾稽关系：第一项加第二项之和等于第三项加第四项之和",
        "received[c] + carried_over[c] == outcome_total[c] + carried_forward[c], for each column c",
        "Applications received this year plus those carried over must equal those handled "
        "plus those carried forward, in every column. The rule is printed in the table's "
        "own note. Reported on carried_forward[c]: printed is the right side as printed, "
        "computed the left side.",
    ),
    Rule(
        "T3-ROW-TOTAL",
        "arithmetic",
        "error",
        "表三行总计等于各类申请人之和",
        f"row.total == {_ROW}, for each of the 25 rows",
        "The 总计 column of table 三 adds up the six applicant columns; there is no "
        "subtotal for 法人或其他组织.",
    ),
    Rule(
        "T3-OUTCOME-TOTAL",
        "arithmetic",
        "error",
        "表三（七）总计等于各项办理结果之和",
        "outcome_total[c] == granted[c] + partially_granted[c] + Σ withheld[c] (8) "
        "+ Σ unavailable[c] (3) + Σ not_processed[c] (5) + Σ other_handling[c] (3), "
        "for each column c",
        "（七）总计 adds up the 21 outcome rows （一） to （六）.",
    ),
    Rule(
        "T4-TOTAL",
        "arithmetic",
        "error",
        "表四总计等于各项结果之和",
        "g.total == g.upheld + g.corrected + g.other + g.pending, for g in review, "
        "litigation_direct, litigation_after_review",
        "Each group of table 四 (行政复议, 未经复议直接起诉, 复议后起诉) totals its four "
        "outcomes. There is no grand total for 行政诉讼.",
    ),
    Rule(
        "CELL-NEGATIVE",
        "cell",
        "error",
        "数值为负",
        "cell >= 0",
        "A count or amount below 0. Refused when data is loaded (a report never holds "
        "one); readers report it as a reading finding.",
    ),
    Rule(
        "CELL-NOT-INTEGER",
        "cell",
        "error",
        "件数不是整数",
        "count is a whole number",
        "A count with a fraction. Refused when data is loaded; readers report it.",
    ),
    Rule(
        "CELL-BLANK",
        "cell",
        "warning",
        "应填数字处为空白或“/”",
        'cell is a number (not blank, not "/")',
        'A cell printed blank or "/" where the format expects a number. Sums count it as 0.',
    ),
    Rule(
        "CROSS-YEAR-CARRY",
        "cross-year",
        "warning",
        "上年结转等于上一年度结转下年度",
        "Y.carried_over[c] == (Y-1).carried_forward[c], for each column c",
        "What one year carries forward, the next year carries over (same agency).",
    ),
    Rule(
        "CROSS-YEAR-IN-FORCE",
        "cross-year",
        "warning",
        "现行有效件数与上年衔接",
        "Y.in_force == (Y-1).in_force + Y.issued − Y.repealed, for regulations and "
        "normative_documents",
        "Documents in force follow from last year's count and this year's issues and "
        "repeals. Approximate: revisions and expiry blur it, hence a warning.",
    ),
    Rule(
        "TABLE-MISSING",
        "structure",
        "warning",
        "缺少统计表",
        "active_disclosure, applications and review_litigation are present",
        "The format requires tables 二, 三 and 四; the report holds no data for this one.",
    ),
    Rule(
        "SECTION-EMPTY",
        "structure",
        "warning",
        "章节无内容",
        "overview, problems and other_matters state some text",
        "条例第五十条 fixes the content of the report: nothing may be omitted.",
    ),
    Rule(
        "OVERVIEW-TOPIC-MISSING",
        "structure",
        "warning",
        "总体情况缺少规定内容",
        "overview.subsections cover active_disclosure, requests, information_management, "
        "platforms and oversight",
        "The format expects 总体情况 to cover 主动公开, 依申请公开, 政府信息管理, "
        "政府信息公开平台建设 and 监督保障. Checked when 总体情况 has subsections.",
    ),
    Rule(
        "PUBLISHED-LATE",
        "structure",
        "warning",
        "发布晚于法定期限",
        "published <= Y+1-01-31 (department) or Y+1-03-31 (government)",
        "条例第四十九条: a department publishes by 31 January, a people's government by "
        "31 March of the following year. Checked when agency.kind and published are known.",
    ),
)
