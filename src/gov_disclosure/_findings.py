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

__all__ = [
    "RULES",
    "Finding",
    "Number",
    "Rule",
    "Severity",
    "finding",
    "shown_number",
]

Severity = Literal["error", "warning", "info"]
"""How grave a finding is: an ``error`` breaks a rule of the format (``gov-disclosure check``
exits 1); a ``warning`` is something to look at; ``info`` tells how a report was read."""
RuleKind = Literal["arithmetic", "cell", "cross-year", "structure", "narrative", "reading"]
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
    the source text a reader found it on, when known, and ``excerpt`` the
    source text it is about.
    """

    code: str
    severity: Severity
    path: str
    message: str
    cells: tuple[str, ...] = ()
    printed: Number | None = None
    computed: Number | None = None
    line: int | None = None
    excerpt: str | None = None

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


#: Figures longer than this many digits are shortened in messages (no report counts
#: that many applications, and Python refuses to print ints past 4,300 digits).
MAX_SHOWN_DIGITS: Final = 15


def shown_number(value: Number) -> str:
    """A figure as a message prints it; one past :data:`MAX_SHOWN_DIGITS` digits is shortened."""
    limit = 10**MAX_SHOWN_DIGITS
    if -limit < value < limit:
        return str(value)
    digits = Decimal(value).adjusted() + 1
    return f"（{digits} 位数）"


def finding(
    code: str,
    path: str,
    message: str,
    *,
    cells: tuple[str, ...] = (),
    printed: Number | None = None,
    computed: Number | None = None,
    line: int | None = None,
    excerpt: str | None = None,
) -> Finding:
    """A finding of a catalogue rule, with the rule's severity: the one constructor that
    checks and readers share."""
    severity = RULES[code].severity
    return Finding(code, severity, path, message, cells, printed, computed, line, excerpt)


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
        "应填数字处为空白",
        'cell is a number or "/" (not blank)',
        "A cell printed blank where the format expects a number. Sums count it as 0.",
    ),
    Rule(
        "CELL-NOT-APPLICABLE",
        "cell",
        "info",
        "单元格为“/”（不适用）",
        'cell is "/"',
        'A cell printed "/" (not applicable: 规章 for a body that cannot make 规章, say). '
        "Not a mistake of the author's; sums count it as 0.",
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
        "overview, problems and other_matters state some text; every subsection has paragraphs",
        "条例第五十条 fixes the content of the report: nothing may be omitted. A subsection "
        "with a heading and no paragraphs is empty too.",
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
    Rule(
        "NARRATIVE-TABLE",
        "narrative",
        "warning",
        "正文数字与表格不一致",
        "a figure the narrative states == the cells it restates (收到…申请 N 件 → 一 or 一+二, "
        "上年结转 → 二, 办结 → （七）总计, 行政复议 N 件 → 行政复议·总计 …)",
        "The narrative restates a figure of the tables and disagrees with it. Only wording "
        "that pins down the cell is compared; figures of a sub-unit or another year are not. "
        "The finding quotes the sentence (excerpt) and names the cell.",
    ),
    Rule(
        "FORMAT-2019",
        "reading",
        "warning",
        "表格为2019年（试行）格式",
        "2019-only columns or rows (本年新制作数量, 其他对外管理服务事项, 政府集中采购, "
        "an undivided （六）其他处理 …)",
        "A table, or a row, printed in the superseded 2019 format (国办公开办函〔2019〕60号). "
        "It is never mapped onto 2021 cells: those stay blank and the finding quotes what "
        "was printed.",
    ),
    Rule(
        "READ-ROW-MISSING",
        "reading",
        "warning",
        "未找到表格行",
        "every row of the table is printed",
        "A row of the form was not found in the source; its cells are blank.",
    ),
    Rule(
        "READ-ROW-SHORT",
        "reading",
        "warning",
        "表格行数值不足",
        "a row prints one value per column",
        "A table row of the source (its cells parted by the format) prints fewer values "
        "than the table has columns. Read by position from the first column; the missing "
        "ones are blank. A line of text with too few values is READ-CELL-AMBIGUOUS instead: "
        "which cells are blank cannot be told.",
    ),
    Rule(
        "READ-ROW-UNREADABLE",
        "reading",
        "error",
        "表格行无法读取",
        "a row prints one value per column",
        "A row prints more values than the table has columns, and no split number explains "
        "it. Its cells are left blank.",
    ),
    Rule(
        "READ-ROW-NONSTANDARD",
        "reading",
        "warning",
        "表格中有格式外的行",
        "rows are those of the 2021 form",
        "A printed row that is no row of the 2021 form (a subtotal, an added row). Not read "
        "into the report; the finding quotes it.",
    ),
    Rule(
        "READ-SPLIT-DIGITS",
        "reading",
        "warning",
        "数字疑被拆分",
        "n values for n-1 columns, and one join makes the row add up",
        "A number printed across two cells (``1 2`` for ``12``, seen in PDF text layers); "
        "joined because exactly one join makes the row's parts add up to its 总计.",
    ),
    Rule(
        "READ-CELL-UNREADABLE",
        "reading",
        "warning",
        "单元格无法读取",
        'cell is a number, blank, "/" or a dash',
        "A cell whose text is no number (``约5``, ``1O``). Read as blank.",
    ),
    Rule(
        "READ-DASH",
        "reading",
        "info",
        "单元格印作横线",
        '"—" read as "/"',
        'A cell printed as a dash (—, －, -) is read as "/" (not applicable).',
    ),
    Rule(
        "READ-LABEL-VARIANT",
        "reading",
        "info",
        "标签与官方格式不一致",
        "labels are printed as in the format",
        "A row or heading recognised through a known variant or misprint (规范性文件 for "
        "行政规范性文件, 2.其他法律行政止公开 …) or a close match; the finding says what "
        "was printed.",
    ),
    Rule(
        "READ-SECTION-NONSTANDARD",
        "reading",
        "info",
        "章节标题不在规定格式中",
        "level-one headings are the six of the format",
        "A level-one heading that is none of the six sections of the format; its text is "
        "kept as a subsection of the section it appears in.",
    ),
    Rule(
        "READ-TEXT-UNPLACED",
        "reading",
        "info",
        "表格区域中的零散文字",
        "text in a table section belongs to the table",
        "Text printed among a table's rows that belongs to no row (a stray number, a "
        "remark); quoted in the finding, not read into the report.",
    ),
    Rule(
        "READ-AGENCY-NAME",
        "reading",
        "info",
        "机关名称按正文补全",
        "the title names the agency in full",
        "The title prints a shortened agency name (洪泽区人民政府) that the text gives in full "
        "(淮安市洪泽区人民政府); the full name is used and the finding says so.",
    ),
    Rule(
        "READ-SECTION-MISSING",
        "reading",
        "info",
        "缺少章节标题",
        "each section is printed under its heading",
        "A section printed without its heading (五 after table 四, say); the text where it "
        "belongs is read as that section and the finding says so.",
    ),
    Rule(
        "READ-AGENCY-KIND",
        "reading",
        "info",
        "机关类型按名称推定",
        "agency.kind from the name: 人民政府 → government, otherwise department",
        "A published report does not print whether its agency is a people's government or "
        "a department; the reader tells from the name, for the deadline check "
        "(PUBLISHED-LATE), and says so.",
    ),
    Rule(
        "READ-CELL-AMBIGUOUS",
        "reading",
        "warning",
        "数字粘连无法确定拆分",
        "a digit run is split into cells only when exactly one split fits",
        "Figures printed without separators (``2023`` for three cells, or six values for "
        "seven cells) that more than one split, or none, would fit: the cells are left blank "
        "and the finding names them and quotes the printed text. A wrong figure is worse "
        "than a blank.",
    ),
    Rule(
        "READ-GLUED-DIGITS",
        "reading",
        "info",
        "粘连数字按唯一拆分读取",
        "the cell count and the row's 总计 admit exactly one split",
        "Figures printed without separators (``0000000``, ``2600000 26``), split in the only "
        "way that gives the row its number of cells, no number with a leading zero, and "
        "(table 三 and 四) parts adding up to the printed 总计.",
    ),
    Rule(
        "READ-TABLE-UNREAD",
        "reading",
        "error",
        "表格无法读取",
        "a table whose labels are printed is read",
        "The source prints a table's labels, but the reader could place none of its figures: "
        "the table is missing from the report. Never a silent empty.",
    ),
    Rule(
        "READ-YEAR-INFERRED",
        "reading",
        "info",
        "年度按统计期限读取",
        "the title states the year",
        "No title states the report year; it is read from the statistics period "
        "(统计期限为2024年1月1日至2024年12月31日).",
    ),
    Rule(
        "READ-AGENCY-INFERRED",
        "reading",
        "info",
        "机关名称按落款或联系方式读取",
        "the title names the agency",
        "No title names the agency; it is read from the 落款 at the end, or from the "
        "contact sentence (请与……联系).",
    ),
    Rule(
        "READ-TRADITIONAL",
        "reading",
        "info",
        "繁体字按简体读取",
        "the report is printed in simplified characters",
        "A traditional-character mirror page (繁體): read after conversion to simplified "
        "characters (OpenCC's table), so the report holds the simplified text.",
    ),
    Rule(
        "READ-TEXT-DROPPED",
        "reading",
        "warning",
        "部分文字未能读取",
        "all of the source is read",
        "Part of the source was not read: HTML nested deeper than the parser's limit, a "
        "figure too long to be a count. The finding says where.",
    ),
)
