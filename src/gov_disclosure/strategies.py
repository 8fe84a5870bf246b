"""Hypothesis strategies for reports, valid by construction, for the tests of tools built on
this library (portals, CMS plugins, evaluation platforms) and of the library itself.

Needs hypothesis: ``pip install "gov_disclosure[strategies]"``.

- :func:`reports` draws reports: consistent (every arithmetic rule holds) or
  not, with every table or some absent, with plain or hostile text;
- :func:`cells` draws one cell: a number, maybe with a note, blank or ``/``;
- :func:`data_files` draws the text of a data file (TOML or JSON) of a report.

>>> from hypothesis import given
>>> import gov_disclosure as gd
>>> from gov_disclosure import strategies
>>> @given(strategies.reports())
... def test_consistent(report):
...     assert not [f for f in gd.check(report) if f.severity == "error"]

The building blocks (``valid_reports``, ``printable_reports``, ``any_reports``,
``count_cells`` …) are public too: the library's own tests use them. For round trips,
``one_hostile_field`` puts any text (``HOSTILE_SAMPLES``, ``TRAP_SAMPLES``) in one field of
a printable report; ``html_carries`` and ``text_carries`` tell whether HTML, and Markdown
and text, can carry a report, the latter through ``TEXT_FAMILIES``: one filter per family
of text those formats cannot tell apart, each saying why.
"""

from __future__ import annotations

import datetime
import typing
from decimal import Decimal
from typing import Any, Literal, TypeVar

import attrs

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - the extra is missing
    msg = 'gov_disclosure.strategies needs hypothesis: pip install "gov_disclosure[strategies]"'
    raise ImportError(msg) from exc

import gov_disclosure as gd

__all__ = ["HOSTILE_SAMPLES", "cells", "data_files", "reports"]

T = TypeVar("T")

#: Text of every kind, hostile included: markup, table pipes, newlines, emoji.
HOSTILE_SAMPLES = (
    "<script>alert('x')</script>",
    "A & B < C > D \"E\" 'F'",
    "a | b || c",
    "第一行\n第二行\r\n第三行",
    "😀🇨🇳 emoji",
    "`code` *em* _u_ [link](x) # head",
    "\\ backslash \t tab",
    "全角（）：，、“引号”",
)

notes = st.one_of(
    st.none(), st.sampled_from(("其中修订16件", "含自然失效29件")), st.text(max_size=20)
)

texts = st.one_of(
    st.text(min_size=1, max_size=80).filter(str.strip), st.sampled_from(HOSTILE_SAMPLES)
)
"""Any text with something besides white space, hostile samples included."""

long_texts = st.integers(1, 10_000).map(lambda n: ("政务公开" * (n // 4 + 1))[:n])

paragraphs = st.lists(st.one_of(texts, long_texts), max_size=3).map(tuple)


def _small_counts() -> st.SearchStrategy[int]:
    return st.one_of(st.integers(0, 30), st.integers(0, 10**7))


def count_cells(numbers: st.SearchStrategy[int] | None = None) -> st.SearchStrategy[gd.Count]:
    """A count cell: a number (maybe with a note), blank, or "/"."""
    numbers = numbers if numbers is not None else _small_counts()
    return st.one_of(
        numbers.map(gd.Count),
        st.builds(lambda n, note: gd.Count(n, note=note), numbers, notes),
        st.builds(lambda note: gd.Count(note=note), notes),
        st.builds(lambda note: gd.Count(not_applicable=True, note=note), notes),
    )


amounts = st.builds(
    lambda digits, places: Decimal(digits).scaleb(-places),
    st.integers(0, 10**12),
    st.integers(0, 4),
)
"""Non-negative decimals with 0–4 places, as amounts are printed."""


def amount_cells() -> st.SearchStrategy[gd.Amount]:
    return st.one_of(
        amounts.map(gd.Amount),
        st.builds(lambda a, note: gd.Amount(a, note=note), amounts, notes),
        st.builds(lambda note: gd.Amount(note=note), notes),
        st.just(gd.Amount(not_applicable=True)),
    )


def _cells_of(cls: type[T], cells: st.SearchStrategy[Any]) -> st.SearchStrategy[T]:
    return st.builds(cls, **{f.name: cells for f in attrs.fields(cls)})  # type: ignore[arg-type]


def _rows_of(cls: type[T], rows: st.SearchStrategy[gd.ApplicantRow]) -> st.SearchStrategy[T]:
    return st.builds(cls, **{f.name: rows for f in attrs.fields(cls)})  # type: ignore[arg-type]


# --- tables as published: anything goes ------------------------------------------------


def _active_disclosures(
    counts: st.SearchStrategy[gd.Count], amounts: st.SearchStrategy[gd.Amount]
) -> st.SearchStrategy[gd.ActiveDisclosure]:
    """Table 二 with every count cell drawn from *counts* and the amount from *amounts*."""
    return st.builds(
        gd.ActiveDisclosure,
        regulations=_cells_of(gd.DocumentCounts, counts),
        normative_documents=_cells_of(gd.DocumentCounts, counts),
        licensing=counts,
        penalties=counts,
        coercive_measures=counts,
        fees=amounts,
    )


active_disclosures = _active_disclosures(count_cells(), amount_cells())

applicant_rows = _cells_of(gd.ApplicantRow, count_cells())


def _applications(
    rows: st.SearchStrategy[gd.ApplicantRow], *, leave_out: tuple[str, ...] = ()
) -> st.SearchStrategy[gd.Applications]:
    """Table 三 with every row drawn from *rows* (groups of rows included)."""
    hints = typing.get_type_hints(gd.Applications)
    return st.builds(
        gd.Applications,
        **{
            name: rows if tp is gd.ApplicantRow else _rows_of(tp, rows)
            for name, tp in hints.items()
            if name not in leave_out
        },
    )


applications = _applications(applicant_rows)

review_outcomes = _cells_of(gd.ReviewOutcomes, count_cells())
review_litigations = st.builds(
    gd.ReviewLitigation, review_outcomes, review_outcomes, review_outcomes
)


# --- tables whose rules hold -------------------------------------------------------------


def _part_cells() -> st.SearchStrategy[gd.Count]:
    """Parts of a valid table: mostly numbers, sometimes blank or "/" (which count as 0)."""
    return st.one_of(
        st.integers(0, 50).map(gd.Count),
        st.integers(0, 10**6).map(gd.Count),
        st.just(gd.Count()),
        st.just(gd.Count(not_applicable=True)),
    )


_part_rows = st.lists(_part_cells(), min_size=6, max_size=6).map(
    lambda parts: gd.ApplicantRow.from_parts(*parts)
)


@st.composite
def valid_applications(draw: st.DrawFn) -> gd.Applications:
    """Table 三 with every rule holding: totals computed, balance solved per column."""
    parts = _applications(_part_rows, leave_out=("received", "carried_over", "outcome_total"))
    table = draw(parts).with_totals()
    received, carried_over = [], []
    for outcome, forward in zip(
        table.outcome_total.parts, table.carried_forward.parts, strict=True
    ):
        needed = outcome.number + forward.number
        new = draw(st.integers(0, needed))
        received.append(new)
        carried_over.append(needed - new)
    return attrs.evolve(
        table,
        received=gd.ApplicantRow.from_parts(*received),
        carried_over=gd.ApplicantRow.from_parts(*carried_over),
    )


_valid_groups = st.lists(_part_cells(), min_size=4, max_size=4).map(
    lambda parts: gd.ReviewOutcomes.from_parts(*parts)
)
valid_review_litigations = st.builds(
    gd.ReviewLitigation, _valid_groups, _valid_groups, _valid_groups
)


# --- narrative, agency, report ----------------------------------------------------------------


subsections = st.builds(
    gd.Subsection,
    heading=texts,
    paragraphs=paragraphs,
    topic=st.one_of(st.none(), st.sampled_from(sorted(gd.OVERVIEW_TOPICS))),
)
narratives = st.builds(
    gd.Narrative, paragraphs=paragraphs, subsections=st.lists(subsections, max_size=3).map(tuple)
)
processing_fees = st.builds(
    gd.ProcessingFees,
    notices=count_cells(),
    notified=amount_cells(),
    collected=amount_cells(),
    paragraphs=paragraphs,
)
other_matters = st.builds(
    gd.OtherMatters,
    paragraphs=paragraphs,
    subsections=st.lists(subsections, max_size=2).map(tuple),
    processing_fees=st.one_of(st.none(), processing_fees),
)

optional_texts = st.one_of(st.none(), texts)
agencies = st.builds(
    gd.Agency,
    name=texts,
    kind=st.sampled_from((None, "department", "government")),
    address=optional_texts,
    postcode=st.one_of(st.none(), st.from_regex(r"\A[0-9]{6}\Z")),
    phone=optional_texts,
    email=optional_texts,
    website=optional_texts,
)
years = st.integers(2008, 2100)


def _report(
    active: st.SearchStrategy[gd.ActiveDisclosure],
    apps: st.SearchStrategy[gd.Applications],
    review: st.SearchStrategy[gd.ReviewLitigation],
    *,
    complete: bool = False,
    text: bool = True,
) -> st.SearchStrategy[gd.Report]:
    def maybe(table: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
        return table if complete else st.one_of(st.none(), table)

    if not text:  # tables only: fast to draw and to shrink
        return st.builds(
            gd.Report,
            agency=st.just(gd.Agency("测试机关")),
            year=years,
            active_disclosure=maybe(active),
            applications=maybe(apps),
            review_litigation=maybe(review),
        )
    return st.builds(
        gd.Report,
        agency=agencies,
        year=years,
        title=optional_texts,
        published=st.one_of(
            st.none(), st.dates(datetime.date(2009, 1, 1), datetime.date(2101, 12, 31))
        ),
        preamble=paragraphs,
        overview=narratives,
        active_disclosure=maybe(active),
        applications=maybe(apps),
        review_litigation=maybe(review),
        problems=narratives,
        other_matters=other_matters,
        closing=paragraphs,
    )


def any_reports() -> st.SearchStrategy[gd.Report]:
    """Any report as a document could state it: wrong totals, blanks, "/", notes, absent tables,
    hostile text."""
    return _report(active_disclosures, applications, review_litigations)


def valid_reports(*, complete: bool = False, text: bool = True) -> st.SearchStrategy[gd.Report]:
    """Reports whose every arithmetic rule holds.

    With *complete*, all three tables are present; without *text*, the report
    states tables only (no narrative), which is quicker to draw and shrink.
    """
    return _report(
        active_disclosures,
        valid_applications(),
        valid_review_litigations,
        complete=complete,
        text=text,
    )


# --- printable reports: what a renderer prints, a reader reads back exactly ------------------
#
# Reading a printed report back recognises its structure by the conventions of
# report text: paragraphs end a sentence (。), headings carry no 。, closing
# paragraphs speak of 联系, the agency's name ends like an organ's (局, 人民政府 …),
# a blank cell carries no note (printed as "（note）" it would read as a label).
# These strategies draw reports that keep those conventions, hostile characters
# for the codecs included.

#: Characters of prose that can spell none of the words the reader looks for
#: (联系, 地址：, 主动公开, 依申请, 平台, 监督, 保障, 信息管理, 信息处理费 …).
_PROSE = (
    "本年我单位全面推进务公开工作加强规范建设落实制度完善流程"
    "提升质量水平效能深化改革创新方式渠道内容"
)
_ASCII = "abcXYZ0189<>&|*_#[]`\\~!-+.:/'\""
_prose_chars = st.sampled_from(_PROSE + _ASCII + "“”《》、，")
_words = st.text(_prose_chars, min_size=1, max_size=40)


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    text = "本" + draw(_words)
    if draw(st.booleans()):
        text += "\n" + draw(_words)
    return text + "。"


prose = _sentence()
prose_paragraphs = st.lists(prose, max_size=3).map(tuple)
_heading_words = st.text(st.sampled_from(_PROSE), min_size=1, max_size=20)
_notes = st.one_of(st.none(), st.text(st.sampled_from(_PROSE + "abc123"), max_size=10))


def _printable_counts() -> st.SearchStrategy[gd.Count]:
    numbers = st.one_of(st.integers(0, 50), st.integers(0, 10**9))
    return st.one_of(
        numbers.map(gd.Count),
        st.builds(lambda n, note: gd.Count(n, note=note), numbers, _notes),
        st.just(gd.Count()),
        st.builds(lambda note: gd.Count(not_applicable=True, note=note), _notes),
    )


def _printable_amounts() -> st.SearchStrategy[gd.Amount]:
    return st.one_of(
        amounts.map(gd.Amount),
        st.builds(lambda a, note: gd.Amount(a, note=note), amounts, _notes),
        st.just(gd.Amount()),
        st.just(gd.Amount(not_applicable=True)),
    )


_printable_rows = _cells_of(gd.ApplicantRow, _printable_counts())
printable_tables = (
    _active_disclosures(_printable_counts(), _printable_amounts()),
    _applications(_printable_rows),
    st.builds(
        gd.ReviewLitigation,
        *[_cells_of(gd.ReviewOutcomes, _printable_counts())] * 3,
    ),
)

#: Words that make the reader take a subsection of 总体情况 for each standard topic.
_TOPIC_WORDS = {
    "active_disclosure": "主动公开",
    "requests": "依申请公开",
    "information_management": "政府信息管理",
    "platforms": "平台建设",
    "oversight": "监督保障",
}


@st.composite
def _overview_subsection(draw: st.DrawFn) -> gd.Subsection:
    topic = draw(st.sampled_from([None, *sorted(_TOPIC_WORDS)]))
    heading = draw(_heading_words) + ("" if topic is None else _TOPIC_WORDS[topic] + "情况")
    return gd.Subsection(heading, draw(prose_paragraphs), topic)


_subsection = st.builds(gd.Subsection, _heading_words, prose_paragraphs)


def printable_reports() -> st.SearchStrategy[gd.Report]:
    """Reports a renderer prints and a reader reads back equal (see the note above)."""
    return _printable(printable_tables, partial=True)


@st.composite
def _printable(draw: st.DrawFn, tables: tuple[Any, Any, Any], *, partial: bool) -> gd.Report:
    def table(strategy: st.SearchStrategy[T]) -> T | None:
        return draw(st.one_of(st.none(), strategy)) if partial else draw(strategy)

    suffix = draw(st.sampled_from(["局", "委员会", "人民政府", "办公室"]))
    name = draw(st.text(st.sampled_from(_PROSE), min_size=2, max_size=10)) + suffix
    kind = "government" if name.endswith("人民政府") else "department"
    year = draw(years)
    closing = draw(st.lists(prose.map(lambda p: "如有意见请联系" + p), max_size=2).map(tuple))
    contact: dict[str, str] = {}
    if not closing:
        fields = {
            "address": st.text(st.sampled_from(_PROSE), min_size=1, max_size=12).map(
                lambda a: a + "路1号"
            ),
            "postcode": st.from_regex(r"\A[0-9]{6}\Z"),
            "phone": st.from_regex(r"\A0[0-9]{3}-[0-9]{7}\Z"),
            "email": st.from_regex(r"\A[a-z]{1,8}@[a-z]{1,8}\.cn\Z"),
            "website": st.from_regex(r"\Ahttps://www\.[a-z]{1,8}\.gov\.cn/\Z"),
        }
        for field, strategy in fields.items():
            if draw(st.booleans()):
                contact[field] = draw(strategy)
    title = draw(
        st.one_of(
            st.none(),
            _heading_words.map(lambda w: f"{name}{year}年政府信息公开工作年度报告（{w}）"),
        )
    )
    fees = st.builds(
        gd.ProcessingFees,
        notices=_printable_counts(),
        notified=_printable_amounts(),
        collected=_printable_amounts(),
        paragraphs=prose_paragraphs,
    )
    return gd.Report(
        agency=gd.Agency(name, kind, **contact),  # type: ignore[arg-type]
        year=year,
        title=title,
        published=draw(st.one_of(st.none(), st.dates(datetime.date(2009, 1, 1)))),
        preamble=draw(prose_paragraphs),
        overview=gd.Narrative(
            draw(prose_paragraphs), draw(st.lists(_overview_subsection(), max_size=3))
        ),
        active_disclosure=table(tables[0]),
        applications=table(tables[1]),
        review_litigation=table(tables[2]),
        problems=gd.Narrative(draw(prose_paragraphs), draw(st.lists(_subsection, max_size=2))),
        other_matters=gd.OtherMatters(
            draw(prose_paragraphs),
            draw(st.lists(_subsection, max_size=2)),
            draw(st.one_of(st.none(), fees)),
        ),
        closing=closing,
    )


# --- the public strategies -------------------------------------------------------------------


def cells(
    kind: Literal["count", "amount"] = "count", *, numbers: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[gd.Cell[Any]]:
    """One cell: a number (maybe with a note), blank, or ``/``.

    *kind* ``"count"`` draws whole numbers (from *numbers* when given),
    ``"amount"`` non-negative decimals with up to 4 places.
    """
    if kind == "amount":
        return amount_cells()
    return count_cells(numbers)


def reports(
    consistent: bool = True, partial: bool = False, hostile_text: bool = False
) -> st.SearchStrategy[gd.Report]:
    """Reports of every shape the format allows.

    consistent
        Every arithmetic rule holds (totals computed from the parts, the
        balance of table 三 solved column by column); blank and ``/`` parts
        count 0. Otherwise totals may be anything, as in a published report.
    partial
        Tables may be absent (``None``). Otherwise all three are present.
    hostile_text
        Text fields hold anything: markup, table pipes, newlines, emoji, very
        long runs. Otherwise text follows report-writing conventions, so that
        a rendered report reads back equal.
    """
    if consistent:
        tables: tuple[Any, Any, Any] = (
            active_disclosures,
            valid_applications(),
            valid_review_litigations,
        )
    else:
        tables = (active_disclosures, applications, review_litigations)
    if hostile_text:
        return _report(*tables, complete=not partial)
    return _printable(tables, partial=partial)


def data_files(
    fmt: Literal["toml", "json"] = "toml",
    *,
    consistent: bool = True,
    partial: bool = False,
    hostile_text: bool = False,
) -> st.SearchStrategy[str]:
    """The text of a data file (``fmt``: ``toml`` or ``json``) holding a drawn report.

    The report is drawn by :func:`reports` with the same options; the text is
    what :func:`gov_disclosure.dumps` writes, so ``gd.loads(text, fmt)`` gives
    it back.
    """
    return reports(consistent, partial, hostile_text).map(lambda report: gd.dumps(report, fmt))


# --- one hostile field: printable reports with one text field drawn from anything ----------------

#: The text fields :func:`one_hostile_field` puts hostile text in, by where they are printed.
HOSTILE_FIELDS: tuple[str, ...] = (
    "title",
    "agency.name",
    "agency.address",
    "agency.phone",
    "agency.email",
    "agency.website",
    "preamble",
    "overview.paragraphs",
    "overview.subsection.heading",
    "overview.subsection.paragraphs",
    "problems.paragraphs",
    "other_matters.paragraphs",
    "other_matters.processing_fees.paragraphs",
    "closing",
    "note",
)


#: Text that reads like something else in a report: a section or subsection heading, a date
#: line, contact details, a URL, white space where text is trimmed.
TRAP_SAMPLES: tuple[str, ...] = (
    "三、收到和处理政府信息公开申请情况",
    "六、其他需要报告的事项",
    "（一）主动公开情况",
    "2024年1月20日",
    "如对本报告有疑问，请与本局联系",
    "详见https://www.example.gov.cn/。",
    "0951-5012345转8001",
    "银川市，金凤区1号",
    "  前后有空白  ",
    "中间 有  空白",
    "发出收费通知件数：3；实际收取金额（元）：0。",
    "某某局",
)


def _with_paragraph(paragraphs: tuple[str, ...], text: str, at: int) -> tuple[str, ...]:
    at = min(at, len(paragraphs))
    return (*paragraphs[:at], text, *paragraphs[at:])


def with_hostile_field(report: gd.Report, field: str, text: str, at: int = 0) -> gd.Report:
    """*report* with *text* put in *field* (one of :data:`HOSTILE_FIELDS`; a paragraph is
    inserted at index *at*). A contact field is printed only in the contact sentence, so the
    report's closing is emptied; a note goes on the 行政许可 cell of table 二."""
    evolve = attrs.evolve
    if field == "title":
        return evolve(report, title=text)
    if field.startswith("agency."):
        agency = evolve(report.agency, **{field.partition(".")[2]: text})
        closing = report.closing if field == "agency.name" else ()
        return evolve(report, agency=agency, closing=closing)
    if field in ("preamble", "closing"):
        return evolve(report, **{field: _with_paragraph(getattr(report, field), text, at)})
    if field == "note":
        table = report.active_disclosure or gd.ActiveDisclosure()
        return evolve(report, active_disclosure=evolve(table, licensing=gd.Count(5, note=text)))
    part_name, _, rest = field.partition(".")
    part = getattr(report, part_name)
    if rest == "paragraphs":
        return evolve(
            report,
            **{part_name: evolve(part, paragraphs=_with_paragraph(part.paragraphs, text, at))},
        )
    if rest == "processing_fees.paragraphs":
        fees = part.processing_fees or gd.ProcessingFees()
        fees = evolve(fees, paragraphs=_with_paragraph(fees.paragraphs, text, at))
        return evolve(report, other_matters=evolve(part, processing_fees=fees))
    if rest == "subsection.heading":
        sub = gd.Subsection(text, ("本年工作平稳推进。",))
    else:
        sub = gd.Subsection("本年工作情况", (text,))
    subsections = (*part.subsections[:at], sub, *part.subsections[at:])
    return evolve(report, **{part_name: evolve(part, subsections=subsections)})


@st.composite
def one_hostile_field(
    draw: st.DrawFn, fields: tuple[str, ...] = HOSTILE_FIELDS
) -> tuple[str, gd.Report]:
    """A printable report with one text field (of *fields*) drawn from any text, hostile
    samples included; with the field's name."""
    report = draw(printable_reports())
    field = draw(st.sampled_from(fields))
    hostile = st.one_of(texts, st.sampled_from(TRAP_SAMPLES))
    text = draw(st.text(min_size=0, max_size=40) if field == "note" else hostile)
    return field, with_hostile_field(report, field, text, draw(st.integers(0, 3)))


# --- what a format cannot carry: each family kept out of the round-trip property by name --------


def report_texts(report: gd.Report) -> list[str]:
    """Every text of *report*: names, details, title, paragraphs, headings, notes."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                walk(getattr(value, field.name))

    walk(report)
    return found


def html_carries(report: gd.Report) -> bool:
    """Whether HTML can carry every character of *report*: all but U+0000, which every HTML
    parser reads as U+FFFD, written raw or as ``&#0;`` (the one character a page cannot hold)."""
    return not any("\x00" in text for text in report_texts(report))


# Markdown and plain text mark less than HTML: what a reader of them (a person too) cannot tell
# apart is kept out of their round-trip property, one family per filter, each saying why (the
# reader's guide, docs/guide/evaluator.md, lists them too).


def title_names_the_report(report: gd.Report) -> bool:
    """Markdown and text state the year only in the title: a stated title names the year's
    report (``2024年`` … ``政府信息公开`` … ``年度报告``), or the year is lost."""
    title = report.title
    if title is None:
        return True
    return f"{report.year}年" in title and "政府信息公开" in title and "年度报告" in title


def title_unspaced(report: gd.Report) -> bool:
    """A title is read with its white space removed (a PDF's text layer spaces words out:
    ``2024 年``), so a stated title holds none."""
    from gov_disclosure.readers._normalize import squeeze

    return report.title is None or report.title == squeeze(report.title)


def kind_as_named(report: gd.Report) -> bool:
    """Markdown and text do not print the agency's kind: it is read from the name
    (人民政府 a government, else a department), with a finding."""
    from gov_disclosure.readers._identity import kind_of

    return report.agency.kind == kind_of(report.agency.name)


def signature_apart(report: gd.Report) -> bool:
    """Text tells its 落款 from the last paragraph by indentation: with no paragraph at all, a
    name that does not end like an organ's (局, 委员会, 人民政府 …) reads as a paragraph of 六."""
    from gov_disclosure._outline import Paragraph, outline
    from gov_disclosure.readers._identity import is_name

    if is_name(report.agency.name):
        return True
    return any(isinstance(block, Paragraph) for block in outline(report))


def closing_apart(report: gd.Report) -> bool:
    """No heading parts the closing from section 六: the closing is the run of paragraphs at the
    end that speak of contact (联系, 疑问, 地址： …), so each closing paragraph does, and the
    paragraph of 六 just before it does not."""
    from gov_disclosure._outline import Paragraph, contact_sentence, outline
    from gov_disclosure.readers._narrative import is_contact

    if not all(map(is_contact, report.closing)):
        return False
    blocks = outline(report)
    closing = len(report.closing) or (contact_sentence(report) is not None)
    before = blocks[len(blocks) - 2 - closing]  # the signature ends the outline
    return not (isinstance(before, Paragraph) and is_contact(before.text))


def details_as_stated(report: gd.Report) -> bool:
    """The agency's details are printed only in the contact sentence made when the report has
    no closing; otherwise they are read from what the preamble and the closing state
    (``地址：``, ``电话：``, a URL …), as a person reads them, and must be just those."""
    from gov_disclosure._outline import CONTACT_FIELDS
    from gov_disclosure.readers._narrative import contact

    agency = report.agency
    details = {name: value for name in CONTACT_FIELDS if (value := getattr(agency, name))}
    stated = contact([*report.preamble, *report.closing])
    if report.closing:
        return stated == details
    return bool(details) or not stated


def preamble_apart(report: gd.Report) -> bool:
    """A preamble paragraph that is only a date reads as the date under the title; one of the
    first two that is only an organ's name, as the agency printed under the title."""
    from gov_disclosure.readers._identity import date_of, is_name

    return not any(
        date_of(text) is not None or (index < 2 and is_name(text.strip()))
        for index, text in enumerate(report.preamble)
    )


def subsection_headings_plain(report: gd.Report) -> bool:
    """Markdown and text print neither a subsection's topic nor where its heading's own words
    begin: a heading is read after its ordinal (``（一）``) with white space trimmed, so it holds
    no ordinal of its own and no white space at either end, ends no sentence (。) and, in
    总体情况, has the topic its words tell (主动公开, 依申请, 平台 …)."""
    from gov_disclosure.readers._narrative import is_subsection, topic_of

    def plain(sub: gd.Subsection, topics: bool) -> bool:
        heading = sub.heading
        return (
            heading == heading.strip()
            and not heading.endswith("。")
            and not is_subsection(heading)
            and (not topics or sub.topic == topic_of(heading))
        )

    return all(plain(sub, True) for sub in report.overview.subsections) and all(
        plain(sub, False)
        for part in (report.problems, report.other_matters)
        for sub in part.subsections
    )


def fees_paragraphs_plain(report: gd.Report) -> bool:
    """The 信息处理费 figures are printed as a sentence of labels (``发出收费通知件数：3；…``):
    a paragraph of that part that names one of the labels reads as that sentence."""
    fees = report.other_matters.processing_fees
    if fees is None:
        return True
    labels = [f.metadata["label"] for f in attrs.fields(gd.ProcessingFees) if "label" in f.metadata]
    labels = [text for text in labels if text != "段落"]
    return not any(text in paragraph for paragraph in fees.paragraphs for text in labels)


#: The families that Markdown and plain text cannot carry, each a filter with its reason.
TEXT_FAMILIES = (
    title_names_the_report,
    title_unspaced,
    kind_as_named,
    signature_apart,
    closing_apart,
    details_as_stated,
    preamble_apart,
    subsection_headings_plain,
    fees_paragraphs_plain,
)


def text_carries(report: gd.Report) -> bool:
    """Whether Markdown and text can carry *report*: it is in none of :data:`TEXT_FAMILIES`."""
    return all(family(report) for family in TEXT_FAMILIES)
