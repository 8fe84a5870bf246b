"""From blocks to a report: title, agency, year, sections, narrative, tables, closing.

Shared by every front-end. What this library's renderers print (see
:mod:`.._outline`) is read back exactly; a published report is read as well
as its layout allows, and every guess the reader makes is a finding.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable, Sequence
from typing import Any, Final

import attrs

from .._errors import NotAReportError, ReadError
from .._findings import Finding
from .._form import SECTION_BY_NAME, label
from .._model import (
    AGENCY_KINDS,
    Agency,
    AgencyKind,
    Narrative,
    OtherMatters,
    ProcessingFees,
    Report,
    Subsection,
)
from .._outline import CONTACT_FIELDS, LABEL_SEPARATOR, PART_SEPARATOR, contact_sentence
from .._validators import MAX_YEAR, MIN_YEAR
from ..formatting import OrdinalKind, parse_date, split_ordinal
from ._blocks import Block, Line, Row
from ._labels import SECTION_CANDIDATES, best
from ._normalize import key, simplified, squeeze
from ._tables import (
    TableRead,
    figure_rows,
    finding,
    read_active_disclosure,
    read_applications,
    read_cell,
    read_review_litigation,
)

_TITLE_SCAN: Final = 60  # blocks searched for the title
_TITLE_PART: Final = 30  # longest line taken as the first half of a title broken over lines
_HEADING_LENGTH: Final = 40  # longest section heading
_YEAR: Final = re.compile(r"(\d{4})\s*年")
_TITLE_AGENCY: Final = (
    re.compile(r"^(?P<agency>.+?)\d{4}年"),  # 中卫市司法局2024年政府信息公开工作年度报告
    re.compile(r"^\d{4}年度?(?P<agency>.+?)政府信息公开"),  # 2024年上海市科委政府信息公开…
)
_PERIOD_YEAR: Final = re.compile(r"统计[^。]{0,20}?(\d{4})\s*年\s*1\s*月\s*1\s*日")
_SECTION_ORDINAL: Final = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
_SENTENCE_END: Final = "。！？!?；;：:"
_PUNCTUATION: Final = re.compile(r"[。，,；;！？!?：:《》“”\"]")
_ORGAN: Final = re.compile(
    r"(政府|局|委员会|委|办公室|办|厅|院|中心|所|站|部|处|街道办事处|街道|镇|乡|公司|会|馆|署|社|团|队)$"
)
_CONTACT: Final = re.compile(r"联系|疑问|地址[：:]|邮编|电话[：:]|电子邮箱|电子版")
_PLACE: Final = re.compile(r"(?:[\u4e00-\u9fff]{1,7}?(?:自治区|自治州|省|市|区|县|州|盟|旗))+")
_URL: Final = re.compile(r"https?://[^\s)）<>\"'，。；]+")
_PAGE_NUMBER: Final = re.compile(
    r"^\s*[-—－–]\s*\d+\s*[-—－–]\s*$|^\s*第\s*\d+\s*页(\s*共\s*\d+\s*页)?\s*$"
)
_CONTACT_PATTERNS: Final = {
    "address": re.compile(r"地址[：:]\s*([^；;，,）)\n]+)"),
    "postcode": re.compile(r"邮编[：:]\s*(\d{6})"),
    "phone": re.compile(r"电话[：:]\s*([0-9０-９\-—－–()（） ]+[0-9０-９])"),
    "email": re.compile(r"(?:电子邮箱|邮箱|电子信箱)[：:]\s*([\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)"),
    "website": re.compile(r"网址[：:]\s*([^；;，,）)\s]+)"),
}
#: Words that tell which standard topic of 总体情况 a subsection covers, tried in this order.
_TOPIC_WORDS: Final = (
    ("requests", ("依申请",)),
    ("platforms", ("平台",)),
    ("oversight", ("监督", "保障")),
    ("information_management", ("信息管理",)),
    ("active_disclosure", ("主动公开",)),
)
_FEES_KEY: Final = key(label("other_matters.processing_fees"))
_TABLE_READERS: Final[dict[str, Callable[[Sequence[Block]], TableRead]]] = {
    "active_disclosure": read_active_disclosure,
    "applications": read_applications,
    "review_litigation": read_review_litigation,
}


@attrs.frozen
class _Flow:
    """How the source lays out its text: paragraphs parted by blank lines or not, line width."""

    blank_mode: bool
    width: float

    @classmethod
    def of(cls, blocks: Sequence[Block]) -> _Flow:
        lines = [b for b in blocks if isinstance(b, Line) and b.text.strip()]
        widths = sorted(len(squeeze(line.text)) for line in lines)
        width = float(widths[int(len(widths) * 0.8)]) if widths else 0.0
        return cls(any(line.blank_before for line in lines), width)


def is_page_marker(text: str) -> bool:
    """A page number a PDF prints in its footer (``- 3 -``, ``第 3 页``)."""
    return bool(_PAGE_NUMBER.match(text))


def assemble(blocks: Sequence[Block]) -> tuple[Report, list[Finding], dict[str, int]]:
    """The report the blocks state, the reading findings, and the source line of each
    table row read (by data path)."""
    blocks = [b for b in blocks if not (isinstance(b, Line) and is_page_marker(b.text))]
    findings: list[Finding] = []
    start, title = _title(blocks)
    body, (signed_name, signed_date) = _signature(list(blocks[start:]))
    year = _year(title, body)
    regions, preamble_lines = _sections(body, findings)
    tables, lines = _tables(regions, findings)
    flow = _Flow.of(body)
    preamble, dated = _preamble(preamble_lines, flow)
    six = _lines(regions["other_matters"])
    closing, six = _closing(six, flow)
    other_matters, fee_findings = _other_matters(six, flow)
    findings += fee_findings
    name, agency_findings = _agency(title, signed_name, body)
    findings += agency_findings
    kind = _kind(name)
    message = f"机关类型按名称“{name}”读作{AGENCY_KINDS[kind]}（{kind}），用于发布期限的检查"
    findings.append(finding("READ-AGENCY-KIND", "agency.kind", message))
    report = Report(
        agency=Agency(name, kind, **_contact([*preamble, *closing])),
        year=year,
        published=signed_date or dated,
        preamble=tuple(preamble),
        overview=_narrative(_lines(regions["overview"]), flow, topics=True),
        problems=_narrative(_lines(regions["problems"]), flow),
        other_matters=other_matters,
        closing=tuple(closing),
        **tables,
    )
    if title != report.default_title:
        report = attrs.evolve(report, title=title)
    if list(report.closing) == [contact_sentence(report)]:
        report = attrs.evolve(report, closing=())  # the sentence made from the agency's details
    return report, findings, lines


def _tables(
    regions: dict[str, list[Block]], findings: list[Finding]
) -> tuple[dict[str, Any], dict[str, int]]:
    """The three tables, read from their sections, and the source lines of their rows.

    Text after a table's last row is no part of it: after table 四 with no
    五 heading to come, it is read as 五; elsewhere it is reported, unread.
    """
    tables: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for name, read in _TABLE_READERS.items():
        table_blocks, tail = _split_tail(regions[name])
        result = read(table_blocks)
        tables[name] = result.table
        findings += result.findings
        lines |= result.lines
        if tail and name == "review_litigation" and not regions["problems"]:
            regions["problems"] = list(tail)
            message = f"未找到“{SECTION_BY_NAME['problems'].heading}”标题，表四之后的文字按本节读取"
            findings.append(finding("READ-SECTION-MISSING", "problems", message, line=tail[0].line))
        elif tail:
            excerpt = "".join(line.text for line in tail)
            message = f"{SECTION_BY_NAME[name].heading}：表格之后的文字未读入：“{excerpt[:60]}”"
            findings.append(finding("READ-TEXT-UNPLACED", name, message, excerpt=excerpt))
    return tables, lines


# --- title, year, agency, signature ------------------------------------------------------------


def _is_title(text: str) -> bool:
    plain = simplified(text)
    return "政府信息公开" in plain and "年度报告" in plain


def _is_complete_title(text: str) -> bool:
    """A title naming the report, its year and something besides (the agency)."""
    plain = simplified(text)
    return _is_title(plain) and any(p.match(plain) for p in _TITLE_AGENCY)


def _title(blocks: Sequence[Block]) -> tuple[int, str]:
    """The index of the first block after the title, and the title (spaces removed).

    A title broken over lines (the agency's name above ``2023 年政府信息公开工作
    年度报告``) is joined with the short lines just before it.
    """
    for index, block in enumerate(blocks[:_TITLE_SCAN]):
        if not isinstance(block, Line) or "年度报告" not in simplified(squeeze(block.text)):
            continue
        title = squeeze(block.text)
        back = index - 1
        while back >= 0 and not _is_complete_title(title):
            previous = blocks[back]
            if not isinstance(previous, Line):
                break
            prior = squeeze(previous.text)
            if not prior or len(prior) > _TITLE_PART or _PUNCTUATION.search(prior):
                break
            title = prior + title
            back -= 1
        if _is_title(title):
            return index + 1, title
    raise NotAReportError("no title naming a 政府信息公开工作年度报告 was found")


def _year(title: str, body: Sequence[Block]) -> int:
    for pattern, text in ((_YEAR, title), (_PERIOD_YEAR, _joined(body[:40]))):
        match = pattern.search(simplified(text))
        if match and MIN_YEAR <= int(match[1]) <= MAX_YEAR:
            return int(match[1])
    raise ReadError("the report year was found neither in the title nor in the statistics period")


def _joined(blocks: Sequence[Block]) -> str:
    return "".join(b.text for b in blocks if isinstance(b, Line))


def _agency(title: str, signed: str | None, body: Sequence[Block]) -> tuple[str, list[Finding]]:
    """The agency: as signed at the end, or from the title (with the text's place prefix)."""
    if signed is not None:
        return signed, []
    plain = simplified(title)
    match = next((m for p in _TITLE_AGENCY if (m := p.match(plain))), None)
    if match is None:
        raise ReadError(f"the agency is named neither in the title {title!r} nor below the report")
    name = match["agency"]
    full = _full_name(name, _joined(body))
    if full == name:
        return name, []
    message = f"机关名称按正文读作“{full}”（标题印作“{name}”）"
    return full, [finding("READ-AGENCY-NAME", "agency.name", message)]


def _kind(name: str) -> AgencyKind:
    """A people's government (人民政府) publishes by 31 March, its departments by 31 January."""
    return "government" if simplified(name).endswith("人民政府") else "department"


def _full_name(name: str, text: str) -> str:
    """*name* with the place prefix the text gives it where it names the agency in full.

    The title may print ``洪泽区人民政府`` where the text writes
    ``淮安市洪泽区人民政府``: the place prefix (ending in 省, 市, 区, 县 …) shared
    by the most pairs of mentions is added; a prefix seen once is not trusted.
    """
    text = simplified(text)
    befores = [text[max(0, m.start() - 12) : m.start()] for m in re.finditer(re.escape(name), text)]
    shared: dict[str, int] = {}
    for index, first in enumerate(befores):
        for second in befores[index + 1 :]:
            common = os.path.commonprefix([first[::-1], second[::-1]])[::-1]  # noqa: RUF071
            while common and not _PLACE.fullmatch(common):
                common = common[1:]
            if common:
                shared[common] = shared.get(common, 0) + 1
    if not shared:
        return name
    return max(shared, key=lambda prefix: (shared[prefix], len(prefix))) + name


def _is_name(text: str) -> bool:
    """A line that can only be an organ's name (a 落款): short, unpunctuated, an organ's ending."""
    return (
        0 < len(text) <= _HEADING_LENGTH
        and not _PUNCTUATION.search(text)
        and bool(_ORGAN.search(text))
        and not _SECTION_ORDINAL.match(text)
    )


def _date(text: str) -> datetime.date | None:
    try:
        return parse_date(text.strip().strip("()（）"))
    except ValueError:
        return None


def _signature(
    body: list[Block],
) -> tuple[list[Block], tuple[str | None, datetime.date | None]]:
    """The 落款 at the end (the agency's name, the date), taken off the body."""
    lines = [i for i, b in enumerate(body) if isinstance(b, Line) and b.text.strip()]
    end, name, date = len(body), None, None
    if lines and (date := _date(body[lines[-1]].text)) is not None:  # type: ignore[union-attr]
        end = lines.pop()
    if lines and _is_name(text := body[lines[-1]].text.strip()):  # type: ignore[union-attr]
        end, name = lines[-1], text
    return body[:end], (name, date)


# --- sections ------------------------------------------------------------------------------------


def _section_heading(block: Line) -> tuple[str | None, bool] | None:
    """``(section, exact)`` when a line is a level-one heading (section ``None``: not one
    of the six); ``None`` when it is no heading."""
    text = block.text.strip()
    ordinal = bool(_SECTION_ORDINAL.match(text))
    if not ordinal and (block.heading is None or block.heading > 2):
        return None
    if len(squeeze(text)) > _HEADING_LENGTH or "。" in text.rstrip("。"):
        return None
    if figure_rows([block], min_values=1)[0]:
        return None  # 四、结转下年度继续办理 0 0 …: a row of table 三
    match = best(key(text), SECTION_CANDIDATES)
    if match is None:
        return (None, True) if ordinal else None
    return match.candidate.path, match.kind == "exact"


def _sections(
    body: Sequence[Block], findings: list[Finding]
) -> tuple[dict[str, list[Block]], list[Line]]:
    """The blocks of each section, and the lines before the first heading (the preamble).

    A heading repeated for the same section (``表二：主动公开…`` under
    ``二、主动公开…``) does not end it; a level-one heading outside the format
    stays inside the section it appears in, as a subsection.
    """
    regions: dict[str, list[Block]] = {name: [] for name in SECTION_BY_NAME}
    current: str | None = None
    preamble: list[Line] = []
    for block in body:
        heading = _section_heading(block) if isinstance(block, Line) else None
        if heading is not None and isinstance(block, Line):
            section, exact = heading
            if section is None and current in _TABLE_READERS:
                pass  # 一、本年新收… as a heading of its own: a label of the table
            elif section is None:
                findings.append(
                    finding(
                        "READ-SECTION-NONSTANDARD",
                        current or "overview",
                        f"标题“{block.text.strip()}”不是规定的章节，作为小节读取",
                        line=block.line,
                        excerpt=block.text,
                    )
                )
                block = attrs.evolve(block, heading=2)
            elif section != current and not regions[section]:
                if not exact:
                    message = (
                        f"章节标题印作“{block.text.strip()}”，"
                        f"按“{SECTION_BY_NAME[section].heading}”读取"
                    )
                    findings.append(
                        finding("READ-LABEL-VARIANT", section, message, line=block.line)
                    )
                current = section
                continue
            elif section == current:
                continue
        if current is None:
            if isinstance(block, Line):
                preamble.append(block)
        else:
            regions[current].append(block)
    return regions, preamble


def _split_tail(blocks: list[Block]) -> tuple[list[Block], list[Line]]:
    """A table section's blocks, and the text lines after its last row (text, not table)."""
    last = -1
    for index, block in enumerate(blocks):
        if isinstance(block, Row) or figure_rows([block], min_values=1)[0]:
            last = index
    tail = blocks[last + 1 :]
    lines = [b for b in tail if isinstance(b, Line)]
    if len(lines) != len(tail) or not any(_PUNCTUATION.search(line.text) for line in lines):
        return blocks, []  # header words after the figures (a PDF's scattered header) stay
    return blocks[: last + 1], lines


def _lines(blocks: Sequence[Block]) -> list[Line]:
    return [b for b in blocks if isinstance(b, Line)]


# --- narrative ---------------------------------------------------------------------------


def _paragraphs(lines: Sequence[Line], flow: _Flow) -> list[tuple[str, Line]]:
    """Lines joined into paragraphs, each with its first line.

    A heading, or a line starting with a subsection ordinal, begins a paragraph.
    Otherwise a paragraph ends after a line ending a sentence (。) that is
    shorter than the text around it (a PDF text layer wraps lines), or after a
    short line with no punctuation (a title such as ``收费情况``). A blank line
    ends a paragraph too, unless the text before it stops mid-sentence: a page
    break cut the paragraph.
    """
    paragraphs: list[tuple[str, Line]] = []
    current: list[str] = []
    first: Line | None = None

    def flush() -> None:
        nonlocal current, first
        if current and first is not None:
            paragraphs.append(("".join(current), first))
        current, first = [], None

    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if current and _breaks_before(current, line, text, flow):
            flush()
        first = first or line
        current.append(text)
        if line.heading is not None:
            flush()
    flush()
    return paragraphs


def _breaks_before(current: list[str], line: Line, text: str, flow: _Flow) -> bool:
    if line.heading is not None or _subsection(text):
        return True
    previous = current[-1]
    ends_sentence = previous[-1] in _SENTENCE_END
    if flow.blank_mode and line.blank_before:
        heading_alone = len(current) == 1 and _subsection(previous)
        return ends_sentence or heading_alone
    length = len(squeeze(previous))
    a_title = length <= 0.6 * flow.width and not _PUNCTUATION.search(previous)
    return (ends_sentence and length < 0.9 * flow.width) or a_title


def _subsection(text: str) -> bool:
    try:
        kind, _, _ = split_ordinal(text)
    except ValueError:
        return False
    return kind is OrdinalKind.SUBSECTION


def _split_heading(text: str) -> tuple[str, str]:
    """A subsection's first paragraph: its heading (no ordinal, no final 。) and the text after."""
    _, _, rest = split_ordinal(text)
    head, stop, tail = rest.partition("。")
    if stop and tail.strip():
        return head.strip(), tail.strip()
    return rest.removesuffix("。").strip(), ""


def _narrative(lines: Sequence[Line], flow: _Flow, *, topics: bool = False) -> Narrative:
    """Paragraphs and subsections (a line with ``（一）``, or a heading outside the format)."""
    intro: list[str] = []
    subsections: list[Subsection] = []
    heading: str | None = None
    texts: list[str] = []

    def close() -> None:
        if heading:
            subsections.append(
                Subsection(heading, tuple(texts), _topic(heading) if topics else None)
            )

    for text, line in _paragraphs(lines, flow):
        if _subsection(text) or (line.heading == 2 and _SECTION_ORDINAL.match(text)):
            close()
            heading, tail = _split_heading(text)
            texts = [tail] if tail else []
        else:
            (texts if heading else intro).append(text)
    close()
    return Narrative(tuple(intro), tuple(subsections))


def _topic(heading: str) -> str | None:
    text = simplified(heading)
    return next((topic for topic, words in _TOPIC_WORDS if any(w in text for w in words)), None)


def _other_matters(lines: Sequence[Line], flow: _Flow) -> tuple[OtherMatters, list[Finding]]:
    """Section 六; its last subsection becomes the 信息处理费 part when it is headed so."""
    narrative = _narrative(lines, flow)
    subsections = list(narrative.subsections)
    fees: ProcessingFees | None = None
    findings: list[Finding] = []
    if subsections and _FEES_KEY in key(subsections[-1].heading):
        fees, findings = _fees(subsections.pop().paragraphs)
    return OtherMatters(narrative.paragraphs, tuple(subsections), fees), findings


def _fees(paragraphs: Sequence[str]) -> tuple[ProcessingFees, list[Finding]]:
    """The 信息处理费 part: its paragraphs, and the figures of the sentence the renderers print
    (``发出收费通知件数：0；通知收费金额（元）：0；实际收取金额（元）：0。``)."""
    names = {
        f.metadata["label"]: f.name for f in attrs.fields(ProcessingFees) if f.name != "paragraphs"
    }
    texts = list(paragraphs)
    cells: dict[str, Any] = {}
    findings: list[Finding] = []
    if texts and texts[-1].endswith("。"):
        parts = [part.partition(LABEL_SEPARATOR) for part in texts[-1][:-1].split(PART_SEPARATOR)]
        if all(separator and name in names for name, separator, _ in parts):
            texts.pop()
            for name, _, value in parts:
                path = f"other_matters.processing_fees.{names[name]}"
                cells[names[name]], cell_findings = read_cell(value, path)
                findings += cell_findings
    return ProcessingFees(**cells, paragraphs=tuple(texts)), findings


# --- preamble, closing, contact ------------------------------------------------------------


def _preamble(lines: Sequence[Line], flow: _Flow) -> tuple[list[str], datetime.date | None]:
    """Preamble paragraphs, and a date printed under the title (``(2026年1月23日)``).

    The agency's name printed again under the title is no paragraph.
    """
    dated = None
    kept: list[Line] = []
    for index, line in enumerate(lines):
        text = line.text.strip()
        if (date := _date(text)) is not None:
            dated = date
        elif index > 1 or not _is_name(text):
            kept.append(line)
    return [text for text, _ in _paragraphs(kept, flow)], dated


def _closing(lines: list[Line], flow: _Flow) -> tuple[list[str], list[Line]]:
    """The contact paragraphs ending section 六, and the lines of 六 without them."""
    paragraphs = _paragraphs(lines, flow)
    count = 0
    for text, _ in reversed(paragraphs):
        if not _CONTACT.search(text) or _subsection(text):
            break
        count += 1
    if not count:
        return [], lines
    first = paragraphs[-count][1]
    return [text for text, _ in paragraphs[-count:]], lines[: lines.index(first)]


def _contact(paragraphs: Sequence[str]) -> dict[str, str]:
    """Contact details printed as ``地址：…``, ``邮编：…`` (spaced-out PDF text included)."""
    text = "".join(paragraphs)
    found: dict[str, str] = {}
    for name in CONTACT_FIELDS:
        pattern = _CONTACT_PATTERNS[name]
        if match := pattern.search(text) or pattern.search(squeeze(text)):
            found[name] = match[1].strip()
    if "website" not in found and (url := _URL.search(text)):
        found["website"] = url[0]
    return found
