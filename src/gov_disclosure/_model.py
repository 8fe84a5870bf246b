"""The report as it is stated: frozen attrs classes for every part of the 2021 format.

Attribute names are the data names of the format reference (and so the keys of
a data file). The official label of every cell, row, column, group and section
is written once, in the ``metadata`` of its field here; everything else
(renderers, readers, messages, docs) reads it through :mod:`._form`.

The classes hold what a report states, errors included: nothing here checks
that totals add up (that is :func:`gov_disclosure.check`). The ``from_parts``
constructors compute totals for an author.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, Final, Literal, overload

import attrs

from . import _validators as v
from ._cell import Amount, Cell, Count

__all__ = [
    "AGENCY_KINDS",
    "COLUMN",
    "ITEM",
    "LABEL",
    "OVERVIEW_TOPICS",
    "PARENT",
    "SECTION",
    "TABLE_NAMES",
    "ActiveDisclosure",
    "Agency",
    "AgencyKind",
    "ApplicantRow",
    "Applications",
    "DocumentCounts",
    "Narrative",
    "NotProcessed",
    "OtherHandling",
    "OtherMatters",
    "ProcessingFees",
    "Report",
    "ReviewLitigation",
    "ReviewOutcomes",
    "Subsection",
    "TableName",
    "Unavailable",
    "Withheld",
    "sum_cells",
]

#: Key of the official label in a field's ``metadata``.
LABEL: Final = "label"
#: Key of the ordinal (1–6) of a report section in a field's ``metadata``.
SECTION: Final = "section"
#: Key of the 第二十条 item a table-二 entry belongs to.
ITEM: Final = "item"
#: Key of the column header of a single-figure table-二 entry.
COLUMN: Final = "column"
#: Key of the header that spans several table-四 groups (行政诉讼).
PARENT: Final = "parent"

AgencyKind = Literal["department", "government"]
AGENCY_KINDS: Final[dict[str, str]] = {
    "department": "政府部门",
    "government": "人民政府",
}

#: The five topics the format expects 总体情况 to cover (主动公开, 依申请公开, 政府信息管理,
#: 政府信息公开平台建设, 监督保障), by key.
OVERVIEW_TOPICS: Final[dict[str, str]] = {
    "active_disclosure": "主动公开",
    "requests": "依申请公开",
    "information_management": "政府信息管理",
    "platforms": "政府信息公开平台建设",
    "oversight": "监督保障",
}


#: The names of the three tables of a report (the attributes of :class:`Report` holding them).
TableName = Literal["active_disclosure", "applications", "review_litigation"]
TABLE_NAMES: Final[tuple[TableName, ...]] = (
    "active_disclosure",
    "applications",
    "review_litigation",
)


def _meta(label: str, **extra: Any) -> dict[str, Any]:
    return {LABEL: label, **extra}


# Fields with a converter are written out with ``attrs.field(...)`` in place, not
# through a helper: only then does mypy's attrs plugin give ``__init__`` the
# converter's argument type, so that ``ApplicantRow(natural_person=3)`` type-checks.


def _part_field(cls: type[Any], label: str, **extra: Any) -> Any:
    return attrs.field(factory=cls, validator=v.instance_of(cls), metadata=_meta(label, **extra))


def _optional_str_field(label: str) -> Any:
    return attrs.field(default=None, validator=v.optional_str(), metadata=_meta(label))


def sum_cells(cells: tuple[Cell[Any], ...]) -> int | Decimal:
    """The sum the format's rules use: blank and ``/`` count as 0."""
    total: int | Decimal = 0
    for cell in cells:
        if cell.value is not None:
            total += cell.value
    return total


def _computed_total(
    parts: tuple[Count, ...], stated: Count, where: str, *, recompute: bool = False
) -> Count:
    """The total of *parts*: blank when every part is blank or ``/``.

    A stated total must agree (``ValueError`` otherwise), unless *recompute*
    asks for it to be replaced. A note on the stated total is kept.
    """
    if all(p.value is None for p in parts):
        computed = v.BLANK
    else:
        computed = v.count_cell(int(sum_cells(parts)))
    if not recompute and stated.value is not None and stated.value != computed.value:
        msg = f"'{where}' is stated as {stated.value} but its parts add up to {computed.number}"
        raise ValueError(msg)
    if stated.note is not None:
        return attrs.evolve(computed, note=stated.note)
    return computed


def _zeroed(obj: Any) -> Any:
    """*obj* (a table, a group, a row) with its plain blank cells set to 0."""
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if isinstance(value, Cell):
            if value == v.BLANK:
                changes[field.name] = Decimal(0) if field.converter is v.to_amount else 0
        elif attrs.has(type(value)):
            changes[field.name] = _zeroed(value)
    return attrs.evolve(obj, **changes)


# --- agency ------------------------------------------------------------------


@attrs.frozen
class Agency:
    """The administrative organ that publishes the report, and how to reach it."""

    name: str = attrs.field(validator=v.non_empty_str(), metadata=_meta("机关名称"))
    kind: AgencyKind | None = attrs.field(
        default=None, validator=v.one_of(AGENCY_KINDS), metadata=_meta("机关类型")
    )
    address: str | None = _optional_str_field("地址")
    postcode: str | None = _optional_str_field("邮编")
    phone: str | None = _optional_str_field("电话")
    email: str | None = _optional_str_field("电子邮箱")
    website: str | None = _optional_str_field("网址")


# --- table 二: 主动公开政府信息情况 ----------------------------------------------


@attrs.frozen
class DocumentCounts:
    """A row of 第二十条第（一）项: documents issued, repealed and in force this year."""

    issued: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("本年制发件数")
    )
    repealed: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("本年废止件数")
    )
    in_force: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("现行有效件数")
    )


_ITEM_1 = "第二十条第（一）项"
_DECISIONS = "本年处理决定数量"


@attrs.frozen
class ActiveDisclosure:
    """Table 二: 主动公开政府信息情况 (10 cells)."""

    regulations: DocumentCounts = _part_field(DocumentCounts, "规章", item=_ITEM_1)
    normative_documents: DocumentCounts = _part_field(
        DocumentCounts, "行政规范性文件", item=_ITEM_1
    )
    licensing: Count = attrs.field(
        default=v.BLANK,
        converter=v.to_count,
        validator=v.count(),
        metadata=_meta("行政许可", item="第二十条第（五）项", column=_DECISIONS),
    )
    penalties: Count = attrs.field(
        default=v.BLANK,
        converter=v.to_count,
        validator=v.count(),
        metadata=_meta("行政处罚", item="第二十条第（六）项", column=_DECISIONS),
    )
    coercive_measures: Count = attrs.field(
        default=v.BLANK,
        converter=v.to_count,
        validator=v.count(),
        metadata=_meta("行政强制", item="第二十条第（六）项", column=_DECISIONS),
    )
    fees: Amount = attrs.field(
        default=v.BLANK,
        converter=v.to_amount,
        validator=v.amount(),
        metadata=_meta(
            "行政事业性收费", item="第二十条第（八）项", column="本年收费金额（单位：万元）"
        ),
    )


# --- table 三: 收到和处理政府信息公开申请情况 -----------------------------------


@attrs.frozen
class ApplicantRow:
    """A row of table 三: one figure per kind of applicant, and their 总计."""

    natural_person: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("自然人")
    )
    commercial: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("商业企业")
    )
    research: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("科研机构")
    )
    social_welfare: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("社会公益组织")
    )
    legal_services: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("法律服务机构")
    )
    other: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("其他")
    )
    total: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("总计")
    )

    @property
    def parts(self) -> tuple[Count, ...]:
        """The six applicant columns, without 总计."""
        return (
            self.natural_person,
            self.commercial,
            self.research,
            self.social_welfare,
            self.legal_services,
            self.other,
        )

    @classmethod
    def from_parts(
        cls,
        natural_person: v.CountInput = None,
        commercial: v.CountInput = None,
        research: v.CountInput = None,
        social_welfare: v.CountInput = None,
        legal_services: v.CountInput = None,
        other: v.CountInput = None,
    ) -> ApplicantRow:
        """A row whose 总计 is computed from its six parts."""
        row = cls(natural_person, commercial, research, social_welfare, legal_services, other)
        return row.with_total()

    def with_total(self, where: str = "total", *, recompute: bool = False) -> ApplicantRow:
        """This row with 总计 computed (a stated 总计 must agree, unless *recompute*)."""
        total = _computed_total(self.parts, self.total, where, recompute=recompute)
        return attrs.evolve(self, total=total)


def _row_field(label: str) -> Any:
    return _part_field(ApplicantRow, label)


@attrs.frozen
class Withheld:
    """（三）不予公开: the eight grounds."""

    state_secret: ApplicantRow = _row_field("1.属于国家秘密")
    prohibited_by_law: ApplicantRow = _row_field("2.其他法律行政法规禁止公开")
    three_safeties_one_stability: ApplicantRow = _row_field("3.危及“三安全一稳定”")
    third_party_rights: ApplicantRow = _row_field("4.保护第三方合法权益")
    internal_affairs: ApplicantRow = _row_field("5.属于三类内部事务信息")
    process_information: ApplicantRow = _row_field("6.属于四类过程性信息")
    enforcement_files: ApplicantRow = _row_field("7.属于行政执法案卷")
    inquiry_matters: ApplicantRow = _row_field("8.属于行政查询事项")


@attrs.frozen
class Unavailable:
    """（四）无法提供: the three grounds."""

    not_held: ApplicantRow = _row_field("1.本机关不掌握相关政府信息")
    needs_creation: ApplicantRow = _row_field("2.没有现成信息需要另行制作")
    unclear_after_correction: ApplicantRow = _row_field("3.补正后申请内容仍不明确")


@attrs.frozen
class NotProcessed:
    """（五）不予处理: the five grounds."""

    complaint_or_petition: ApplicantRow = _row_field("1.信访举报投诉类申请")
    repeated: ApplicantRow = _row_field("2.重复申请")
    publications: ApplicantRow = _row_field("3.要求提供公开出版物")
    excessive_requests: ApplicantRow = _row_field("4.无正当理由大量反复申请")
    confirmation_requests: ApplicantRow = _row_field("5.要求行政机关确认或重新出具已获取信息")


@attrs.frozen
class OtherHandling:
    """（六）其他处理: the three cases."""

    no_correction: ApplicantRow = _row_field(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    )
    unpaid_fees: ApplicantRow = _row_field(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    )
    other: ApplicantRow = _row_field("3.其他")


_OUTCOME_GROUPS: Final = ("withheld", "unavailable", "not_processed", "other_handling")


@attrs.frozen
class Applications:
    """Table 三: 收到和处理政府信息公开申请情况 (25 rows × 7 columns)."""

    received: ApplicantRow = _row_field("一、本年新收政府信息公开申请数量")
    carried_over: ApplicantRow = _row_field("二、上年结转政府信息公开申请数量")
    granted: ApplicantRow = _row_field("（一）予以公开")
    partially_granted: ApplicantRow = _row_field(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    withheld: Withheld = _part_field(Withheld, "（三）不予公开")
    unavailable: Unavailable = _part_field(Unavailable, "（四）无法提供")
    not_processed: NotProcessed = _part_field(NotProcessed, "（五）不予处理")
    other_handling: OtherHandling = _part_field(OtherHandling, "（六）其他处理")
    outcome_total: ApplicantRow = _row_field("（七）总计")
    carried_forward: ApplicantRow = _row_field("四、结转下年度继续办理")

    def outcome_rows(self) -> Iterator[tuple[str, ApplicantRow]]:
        """The 21 outcome rows that （七）总计 adds up, as ``(data path, row)`` in form order."""
        yield "granted", self.granted
        yield "partially_granted", self.partially_granted
        for group_name in _OUTCOME_GROUPS:
            group = getattr(self, group_name)
            for field in attrs.fields(type(group)):
                yield f"{group_name}.{field.name}", getattr(group, field.name)

    def rows(self) -> Iterator[tuple[str, ApplicantRow]]:
        """All 25 rows as ``(data path, row)`` in form order."""
        yield "received", self.received
        yield "carried_over", self.carried_over
        yield from self.outcome_rows()
        yield "outcome_total", self.outcome_total
        yield "carried_forward", self.carried_forward

    @classmethod
    def from_parts(cls, **rows: Any) -> Applications:
        """Table 三 with every row's 总计 and the （七）总计 row computed.

        Takes the same keyword arguments as the class; stated totals must agree.
        """
        return cls(**rows).with_totals()

    def with_totals(self, *, recompute: bool = False) -> Applications:
        """This table with every 总计 and the （七）总计 row computed from the parts.

        A stated total must agree with its parts, unless *recompute* replaces it.
        """
        changes: dict[str, Any] = {}
        for path, row in self.rows():
            if path == "outcome_total":
                continue
            complete = row.with_total(f"applications.{path}.total", recompute=recompute)
            group, _, name = path.rpartition(".")
            if group:
                changes.setdefault(group, {})[name] = complete
            else:
                changes[path] = complete
        for group in _OUTCOME_GROUPS:
            changes[group] = attrs.evolve(getattr(self, group), **changes[group])
        table = attrs.evolve(self, **changes)
        columns = {}
        outcome_rows = [row for _, row in table.outcome_rows()]
        for field in attrs.fields(ApplicantRow):
            columns[field.name] = _computed_total(
                tuple(getattr(row, field.name) for row in outcome_rows),
                getattr(self.outcome_total, field.name),
                f"applications.outcome_total.{field.name}",
                recompute=recompute,
            )
        return attrs.evolve(table, outcome_total=ApplicantRow(**columns))


# --- table 四: 政府信息公开行政复议、行政诉讼情况 ---------------------------------


@attrs.frozen
class ReviewOutcomes:
    """One group of table 四: outcomes of administrative review or litigation cases."""

    upheld: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("结果维持")
    )
    corrected: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("结果纠正")
    )
    other: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("其他结果")
    )
    pending: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("尚未审结")
    )
    total: Count = attrs.field(
        default=v.BLANK, converter=v.to_count, validator=v.count(), metadata=_meta("总计")
    )

    @property
    def parts(self) -> tuple[Count, ...]:
        """The four outcomes, without 总计."""
        return (self.upheld, self.corrected, self.other, self.pending)

    @classmethod
    def from_parts(
        cls,
        upheld: v.CountInput = None,
        corrected: v.CountInput = None,
        other: v.CountInput = None,
        pending: v.CountInput = None,
    ) -> ReviewOutcomes:
        """A group whose 总计 is computed from its four outcomes."""
        return cls(upheld, corrected, other, pending).with_total()

    def with_total(self, where: str = "total", *, recompute: bool = False) -> ReviewOutcomes:
        """This group with 总计 computed (a stated 总计 must agree, unless *recompute*)."""
        total = _computed_total(self.parts, self.total, where, recompute=recompute)
        return attrs.evolve(self, total=total)


_LITIGATION = "行政诉讼"


@attrs.frozen
class ReviewLitigation:
    """Table 四: 政府信息公开行政复议、行政诉讼情况 (15 cells in one row)."""

    review: ReviewOutcomes = _part_field(ReviewOutcomes, "行政复议")
    litigation_direct: ReviewOutcomes = _part_field(
        ReviewOutcomes, "未经复议直接起诉", parent=_LITIGATION
    )
    litigation_after_review: ReviewOutcomes = _part_field(
        ReviewOutcomes, "复议后起诉", parent=_LITIGATION
    )

    def groups(self) -> Iterator[tuple[str, ReviewOutcomes]]:
        """The three groups as ``(data path, group)`` in form order."""
        yield "review", self.review
        yield "litigation_direct", self.litigation_direct
        yield "litigation_after_review", self.litigation_after_review

    @classmethod
    def from_parts(cls, **groups: Any) -> ReviewLitigation:
        """Table 四 with each group's 总计 computed."""
        return cls(**groups).with_totals()

    def with_totals(self, *, recompute: bool = False) -> ReviewLitigation:
        """This table with each group's 总计 computed (a stated one must agree, unless
        *recompute*)."""
        return attrs.evolve(
            self,
            **{
                name: group.with_total(f"review_litigation.{name}.total", recompute=recompute)
                for name, group in self.groups()
            },
        )


# --- narrative sections ----------------------------------------------------------


@attrs.frozen
class Subsection:
    """A numbered part of a narrative section: its heading and paragraphs, in order.

    The heading is stored without its ordinal (``主动公开情况``, not
    ``（一）主动公开情况。``): renderers number subsections by position.
    ``topic`` says which standard topic of 总体情况 it covers, if any.
    """

    heading: str = attrs.field(validator=v.non_empty_str(), metadata=_meta("小标题"))
    paragraphs: tuple[str, ...] = attrs.field(
        default=(), converter=v.to_str_tuple, validator=v.str_tuple(), metadata=_meta("段落")
    )
    topic: str | None = attrs.field(
        default=None, validator=v.one_of(OVERVIEW_TOPICS), metadata=_meta("主题")
    )


def _to_subsections(value: Iterable[Subsection]) -> tuple[Subsection, ...]:
    return v.to_tuple(value)


@attrs.frozen
class Narrative:
    """A narrative section: paragraphs before the first subsection, then the subsections."""

    paragraphs: tuple[str, ...] = attrs.field(
        default=(), converter=v.to_str_tuple, validator=v.str_tuple(), metadata=_meta("段落")
    )
    subsections: tuple[Subsection, ...] = attrs.field(
        default=(),
        converter=_to_subsections,
        validator=v.instances_of(Subsection),
        metadata=_meta("小节"),
    )

    @property
    def is_empty(self) -> bool:
        """Whether the section states no text at all."""
        return not self.paragraphs and not self.subsections


@attrs.frozen
class ProcessingFees:
    """信息处理费 charged under 国办函〔2020〕109号, amounts in 元 (section 六).

    ``paragraphs`` keeps the agency's own words on the subject.
    """

    notices: Count = attrs.field(
        default=v.BLANK,
        converter=v.to_count,
        validator=v.count(),
        metadata=_meta("发出收费通知件数"),
    )
    notified: Amount = attrs.field(
        default=v.BLANK,
        converter=v.to_amount,
        validator=v.amount(),
        metadata=_meta("通知收费金额（元）"),
    )
    collected: Amount = attrs.field(
        default=v.BLANK,
        converter=v.to_amount,
        validator=v.amount(),
        metadata=_meta("实际收取金额（元）"),
    )
    paragraphs: tuple[str, ...] = attrs.field(
        default=(), converter=v.to_str_tuple, validator=v.str_tuple(), metadata=_meta("段落")
    )


@attrs.frozen
class OtherMatters(Narrative):
    """Section 六: free paragraphs and subsections, plus the structured 信息处理费 part."""

    processing_fees: ProcessingFees | None = attrs.field(
        default=None,
        validator=v.instance_of(ProcessingFees, optional=True),
        metadata=_meta("信息处理费收取情况"),
    )

    @property
    def is_empty(self) -> bool:
        """Whether the section states nothing at all."""
        return super().is_empty and self.processing_fees is None


# --- the report --------------------------------------------------------------------


def _section(cls: type[Any], label: str, number: int, *, optional: bool) -> Any:
    if optional:
        return attrs.field(
            default=None,
            validator=v.instance_of(cls, optional=True),
            metadata=_meta(label, section=number),
        )
    return attrs.field(
        factory=cls, validator=v.instance_of(cls), metadata=_meta(label, section=number)
    )


@attrs.frozen
class Report:
    """A 政府信息公开工作年度报告 in the 2021 format, exactly as stated.

    Only the agency and the year are required: a partly read published report
    is still a report, and a table it lacks is ``None`` (absent, not zero).
    Build one as published with ``Report(...)``, or from the parts with
    :meth:`from_parts`, which computes every 总计.
    """

    agency: Agency = attrs.field(validator=v.instance_of(Agency), metadata=_meta("机关"))
    year: int = attrs.field(validator=v.in_range(v.MIN_YEAR, v.MAX_YEAR), metadata=_meta("年度"))
    title: str | None = _optional_str_field("标题")
    published: datetime.date | None = attrs.field(
        default=None,
        validator=v.instance_of(datetime.date, optional=True),
        metadata=_meta("发布日期"),
    )
    preamble: tuple[str, ...] = attrs.field(
        default=(), converter=v.to_str_tuple, validator=v.str_tuple(), metadata=_meta("引言")
    )
    overview: Narrative = _section(Narrative, "总体情况", 1, optional=False)
    active_disclosure: ActiveDisclosure | None = _section(
        ActiveDisclosure, "主动公开政府信息情况", 2, optional=True
    )
    applications: Applications | None = _section(
        Applications, "收到和处理政府信息公开申请情况", 3, optional=True
    )
    review_litigation: ReviewLitigation | None = _section(
        ReviewLitigation, "政府信息公开行政复议、行政诉讼情况", 4, optional=True
    )
    problems: Narrative = _section(Narrative, "存在的主要问题及改进情况", 5, optional=False)
    other_matters: OtherMatters = _section(OtherMatters, "其他需要报告的事项", 6, optional=False)
    closing: tuple[str, ...] = attrs.field(
        default=(), converter=v.to_str_tuple, validator=v.str_tuple(), metadata=_meta("结尾")
    )

    @property
    def default_title(self) -> str:
        """The title the format prescribes: ``<机关名称><Y>年政府信息公开工作年度报告``."""
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    @classmethod
    def template(cls, agency: Agency, year: int) -> Report:
        """A report to fill in: every figure 0, 总体情况's five topics as subsections.

        Every arithmetic rule holds, so an author who changes parts and runs
        :meth:`with_totals` (or ``gov-disclosure fill``) keeps it consistent.
        """
        zero = v.count_cell(0)
        row = ApplicantRow(*(zero,) * len(attrs.fields(ApplicantRow)))
        groups: dict[str, Any] = {
            name: cls_(**{f.name: row for f in attrs.fields(cls_)})
            for name, cls_ in (
                ("withheld", Withheld),
                ("unavailable", Unavailable),
                ("not_processed", NotProcessed),
                ("other_handling", OtherHandling),
            )
        }
        rows: dict[str, Any] = {
            f.name: row for f in attrs.fields(Applications) if f.name not in groups
        }
        review = ReviewOutcomes(*(zero,) * len(attrs.fields(ReviewOutcomes)))
        documents = DocumentCounts(zero, zero, zero)
        return cls(
            agency=agency,
            year=year,
            overview=Narrative(
                subsections=[
                    Subsection(f"{topic}情况", topic=key) for key, topic in OVERVIEW_TOPICS.items()
                ]
            ),
            active_disclosure=ActiveDisclosure(documents, documents, zero, zero, zero, Decimal(0)),
            applications=Applications(**rows, **groups),
            review_litigation=ReviewLitigation(review, review, review),
            other_matters=OtherMatters(
                processing_fees=ProcessingFees(zero, Decimal(0), Decimal(0))
            ),
        )

    def blanks_as_zero(self) -> Report:
        """This report with every blank cell of its tables set to 0.

        For an author who gives only the figures that are not 0. A cell
        printed ``/`` or carrying a note is left as it is.
        """
        return attrs.evolve(
            self,
            **{
                name: _zeroed(getattr(self, name))
                for name in ("active_disclosure", "applications", "review_litigation")
                if getattr(self, name) is not None
            },
        )

    @overload
    def table(self, name: Literal["active_disclosure"]) -> ActiveDisclosure: ...
    @overload
    def table(self, name: Literal["applications"]) -> Applications: ...
    @overload
    def table(self, name: Literal["review_litigation"]) -> ReviewLitigation: ...
    @overload
    def table(self, name: TableName) -> ActiveDisclosure | Applications | ReviewLitigation: ...
    def table(self, name: TableName) -> ActiveDisclosure | Applications | ReviewLitigation:
        """One of the three tables, typed, for a report known to state it.

        ``report.table("applications")`` is ``report.applications`` with the
        type :class:`Applications` (never ``None``): use it on a report built by
        :meth:`from_parts` or :meth:`template`. A table the report does not state
        raises :class:`LookupError` naming it.
        """
        if name not in TABLE_NAMES:
            msg = f"no such table: {name!r} (one of {', '.join(TABLE_NAMES)})"
            raise LookupError(msg)
        found: ActiveDisclosure | Applications | ReviewLitigation | None = getattr(self, name)
        if found is None:
            msg = f"the report states no {name} table"
            raise LookupError(msg)
        return found

    @classmethod
    def from_parts(cls, **fields: Any) -> Report:
        """A report whose every 总计, （七）总计 and table-四 总计 is computed.

        Takes the same keyword arguments as the class. A total that is stated
        must agree with its parts (``ValueError`` otherwise); a blank one is filled.
        """
        return cls(**fields).with_totals()

    def with_totals(self, *, recompute: bool = False) -> Report:
        """This report with every total computed from its parts.

        A stated total must agree with its parts (``ValueError`` naming it
        otherwise); with *recompute*, stated totals are replaced instead.
        """
        applications, review = self.applications, self.review_litigation
        return attrs.evolve(
            self,
            applications=None
            if applications is None
            else applications.with_totals(recompute=recompute),
            review_litigation=None if review is None else review.with_totals(recompute=recompute),
        )
