"""Who and when: the title, the report year, the agency, the 落款, crawler metadata.

A report names itself in its title (``中卫市司法局2024年政府信息公开工作年度报告``);
an excerpt or a page without its title does not. Then the year is read from the
statistics period (``统计期限为2024年1月1日至2024年12月31日``) and the agency from
the 落款 or the contact sentence, each with an info finding, unless the caller gives
them (``agency=``, ``year=``). A crawler text may put the title, the publication
time and the page's address in ``标题:`` / ``发布时间:`` lines before the report.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Final

import attrs

from .._errors import NotAReportError
from .._findings import Finding, finding
from .._model import AgencyKind
from .._validators import MAX_YEAR, MIN_YEAR
from ..formatting import parse_date
from ._blocks import Block, Line
from ._normalize import HEADING_LENGTH, PUNCTUATION, SECTION_ORDINAL, simplified, squeeze

__all__ = [
    "agency_of",
    "date_of",
    "is_name",
    "kind_of",
    "metadata",
    "signature",
    "title",
    "year_of",
]

#: Blocks searched for the title (a title comes first, after a page's header at most).
TITLE_SCAN: Final = 60
#: The longest title (characters, spaces removed): a longer line is text that names one.
TITLE_LENGTH: Final = 80
#: How far into a run-on line a title is looked for.
_RUN_ON_TITLE_SCAN: Final = 600
_TITLE_PART: Final = 30  # longest line taken as the first half of a title broken over lines
_PERIOD_SCAN: Final = 40  # blocks searched for the statistics period
_PREFIX_CHARS: Final = 12  # the longest place prefix looked for before an agency's name
_META_SCAN: Final = 20  # lines searched for crawler metadata
_META_MIN: Final = 2  # metadata lines that make a crawler header
_YEAR: Final = re.compile(r"(\d{4})\s*年")
_TITLE_AGENCY: Final = (
    re.compile(r"^(?P<agency>.+?)\d{4}年"),  # 中卫市司法局2024年政府信息公开工作年度报告
    re.compile(r"^\d{4}年度?(?P<agency>.+?)政府信息公开"),  # 2024年上海市科委政府信息公开…
)
_PERIOD_YEAR: Final = re.compile(r"统计[^。]{0,20}?(\d{4})\s*年\s*1\s*月\s*1\s*日")
_ORGAN: Final = re.compile(
    r"(政府|局|委员会|委|办公室|办|厅|院|中心|所|站|部|处|街道办事处|街道|镇|乡|公司|会|馆|署|社|团|队)$"
)
#: A 落款 after a line's last sentence: the organ's name, then the date, at the line's end.
_SIGNED_TAIL: Final = re.compile(
    r"(?<=[。！？”」])\s*(?P<name>[^\s。！？，；：、]{2,40}?)\s*"
    r"(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$"
)
_PLACE: Final = re.compile(r"(?:[\u4e00-\u9fff]{1,7}?(?:自治区|自治州|省|市|区|县|州|盟|旗))+")
_META: Final = re.compile(
    r"^\s*(?P<name>标题|发布时间|发布日期|成文日期|文号|发文字号|发布机构|来源|栏目|原文链接|"
    r"本地目录|索引号|主题分类|所属机构)\s*[:：]\s*(?P<value>.{0,300})$"
)
#: A portal's page chrome printed after a run-on title: source, time, share buttons.
_CHROME: Final = re.compile(
    r"^\s*(?:(?:来源|时间|发布时间|作者|字号|浏览次数|点击数|相关链接)[:：][^\s:：]*\s*"
    r"|\d{1,2}:\d{2}(?::\d{2})?\s*|-->\s*"
    r"|(?:微信|微博|QQ空间|全真版|文字版|文件下载|打印|关闭|分享到|分享)\s*)+"
)
_META_RULE: Final = re.compile(r"^\s*[=＝\-—]{3}")
_CONTACT_AGENCY: Final = re.compile(
    r"(?:请与|请联系)(?P<agency>[\u4e00-\u9fff]{2,40}?)(?:办公室|政务公开办公室)?联系"
)


@attrs.frozen
class Metadata:
    """What a crawler's header says about the page: its title and publication date."""

    title: str | None = None
    published: datetime.date | None = None


def _is_title(text: str) -> bool:
    plain = simplified(text)
    return "政府信息公开" in plain and "年度报告" in plain


def _is_complete_title(text: str) -> bool:
    """A title naming the report, its year and something besides (the agency)."""
    plain = simplified(text)
    return _is_title(plain) and any(p.match(plain) for p in _TITLE_AGENCY)


def title(blocks: Sequence[Block], meta: Metadata) -> tuple[list[Block], str | None]:
    """The blocks after the title, and the title (spaces removed), or ``None`` if none.

    A title broken over lines (the agency's name above ``2023 年政府信息公开工作
    年度报告``) is joined with the short lines just before it. A crawler text may hold
    the title only in its ``标题:`` line, or run it on with the text after it on one
    line: there it is cut out (what comes before it, a breadcrumb, is dropped, and so is
    the page chrome right after it: 来源, 时间, share buttons).
    """
    for index, block in enumerate(blocks[:TITLE_SCAN]):
        if not isinstance(block, Line) or "年度报告" not in simplified(block.text):
            continue
        text = squeeze(block.text)
        if len(text) > TITLE_LENGTH:
            continue
        back = index - 1
        while back >= 0 and not _is_complete_title(text):
            previous = blocks[back]
            if not isinstance(previous, Line):
                break
            prior = squeeze(previous.text)
            if not prior or len(prior) > _TITLE_PART or PUNCTUATION.search(prior):
                break
            text = prior + text
            back -= 1
        if _is_title(text):
            return list(blocks[index + 1 :]), text
    for index, block in enumerate(blocks[:TITLE_SCAN]):
        if isinstance(block, Line) and (cut := _run_on_title(block.text, meta.title)):
            start, end = cut
            rest = _CHROME.sub("", block.text[end:], count=1)
            after = Line(rest.strip(), block.line, blank_before=True)
            return [after, *blocks[index + 1 :]], squeeze(block.text[start:end])
    return list(blocks), meta.title


def _run_on_title(text: str, known: str | None) -> tuple[int, int] | None:
    """Where a title stands in a line that runs on past it: ``(start, end)``, or ``None``."""
    head = text[:_RUN_ON_TITLE_SCAN]
    if known and (at := head.find(known)) >= 0:
        return at, at + len(known)
    at = head.find("年度报告")
    if at < 0:
        return None
    end = at + len("年度报告")
    start = max(head.rfind(" ", 0, at), head.rfind("\u3000", 0, at)) + 1
    return (start, end) if _is_complete_title(head[start:end]) else None


def metadata(blocks: Sequence[Block]) -> tuple[list[Block], Metadata]:
    """Crawler metadata before the report (``标题:``, ``发布时间:``, ``原文链接:`` …), taken off.

    At least :data:`_META_MIN` such lines among the first :data:`_META_SCAN` make a
    header; it ends at its last line, or at a rule (``==== 正文 ====``) that follows.
    """
    found: dict[str, str] = {}
    end = 0
    for index, block in enumerate(blocks[:_META_SCAN]):
        if not isinstance(block, Line):
            break
        if match := _META.match(simplified(block.text)):
            found.setdefault(match["name"], match["value"].strip())
            end = index + 1
        elif found and _META_RULE.match(block.text):
            end = index + 1
            break
    if len(found) < _META_MIN:
        return list(blocks), Metadata()
    published = None
    for name in ("发布时间", "发布日期", "成文日期"):
        if found.get(name) and (date := date_of(found[name][:11].strip())) is not None:
            published = date
            break
    return list(blocks[end:]), Metadata(squeeze(found.get("标题", "")) or None, published)


def year_of(
    title: str | None,
    body: Sequence[Block],
    given: int | None,
    findings: list[Finding],
    *,
    sections_found: bool = True,
) -> int:
    """The report year: as given, from the title, or from the statistics period. A source
    with neither a title nor a section of the report is no report; one with sections is an
    excerpt, and the error says to give the year."""
    if given is not None:
        return given
    if title and (match := _YEAR.search(simplified(title))) and _plausible(int(match[1])):
        return int(match[1])
    match = _PERIOD_YEAR.search(simplified(joined(body[:_PERIOD_SCAN])))
    if match and _plausible(int(match[1])):
        message = f"标题未写明年度，按统计期限读作{match[1]}年"
        findings.append(finding("READ-YEAR-INFERRED", "year", message))
        return int(match[1])
    if title is None and not sections_found:
        raise NotAReportError("no title naming a 政府信息公开工作年度报告 was found")
    if title is None:
        raise NotAReportError(
            "no title naming a 政府信息公开工作年度报告 was found, nor a statistics period: "
            "for an excerpt, pass year= and agency= (--year, --agency)"
        )
    raise NotAReportError(
        "the report year was found neither in the title nor in the statistics period: "
        "pass year= (--year)"
    )


def _plausible(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def joined(blocks: Sequence[Block]) -> str:
    return "".join(b.text for b in blocks if isinstance(b, Line))


def agency_of(
    title: str | None, signed: str | None, body: Sequence[Block], given: str | None
) -> tuple[str, list[Finding]]:
    """The agency: as given, as signed at the end, from the title (with the text's place
    prefix), or from the contact sentence (请与……联系)."""
    if given is not None:
        return given, []
    titled = _title_agency(title)
    if signed is not None:
        if title is None:
            message = f"标题未写明机关，按落款读作“{signed}”"
            return signed, [finding("READ-AGENCY-INFERRED", "agency.name", message)]
        if titled is None or not _ORGAN.search(titled) or _same_agency(titled, signed):
            return signed, []
        text = joined(body)  # they differ (a misprint in one): the name the text uses more
        if text.count(titled) > text.count(signed):
            message = f"机关名称按标题及正文读作“{titled}”（落款印作“{signed}”）"
            return titled, [finding("READ-AGENCY-NAME", "agency.name", message)]
        message = f"机关名称按落款读作“{signed}”（标题印作“{titled}”）"
        return signed, [finding("READ-AGENCY-NAME", "agency.name", message)]
    if titled is not None:
        name = titled
        full = _full_name(name, joined(body))
        if full == name:
            return name, []
        message = f"机关名称按正文读作“{full}”（标题印作“{name}”）"
        return full, [finding("READ-AGENCY-NAME", "agency.name", message)]
    for contact in _CONTACT_AGENCY.finditer(simplified(joined(body))):
        name = contact["agency"]
        if _ORGAN.search(name):
            message = f"标题未写明机关，按联系方式读作“{name}”"
            return name, [finding("READ-AGENCY-INFERRED", "agency.name", message)]
    where = f"in the title {title!r}" if title else "in a title"
    raise NotAReportError(
        f"the agency is named neither {where} nor below the report: pass agency= (--agency)"
    )


def _title_agency(title: str | None) -> str | None:
    """The agency a title names before its year (``中卫市司法局2024年…``), if it names one."""
    plain = simplified(title or "")
    match = next((m for p in _TITLE_AGENCY if (m := p.match(plain))), None)
    return None if match is None else match["agency"]


def _same_agency(titled: str, signed: str) -> bool:
    """Whether two names are one agency's: the same, or one the other with a place prefix."""
    a, b = squeeze(simplified(titled)), squeeze(simplified(signed))
    return a.endswith(b) or b.endswith(a)


def kind_of(name: str) -> AgencyKind:
    """A people's government (人民政府) publishes by 31 March, its departments by 31 January."""
    return "government" if simplified(name).endswith("人民政府") else "department"


def _full_name(name: str, text: str) -> str:
    """*name* with the place prefix the text gives it where it names the agency in full.

    The title may print ``洪泽区人民政府`` where the text writes
    ``淮安市洪泽区人民政府``: the place prefix (ending in 省, 市, 区, 县 …) printed
    before the most mentions is added; a prefix seen once is not trusted. Each mention
    is looked at once (the place names ending right before it), so the time is linear
    in the mentions.
    """
    text = simplified(text)
    shared: dict[str, int] = {}
    for mention in re.finditer(re.escape(name), text):
        before = text[max(0, mention.start() - _PREFIX_CHARS) : mention.start()]
        for start in range(len(before)):
            if _PLACE.fullmatch(before[start:]):
                shared[before[start:]] = shared.get(before[start:], 0) + 1
    shared = {prefix: count for prefix, count in shared.items() if count > 1}
    if not shared:
        return name
    return max(shared, key=lambda prefix: (shared[prefix], len(prefix))) + name


def _signed_tail(text: str) -> tuple[str, str, datetime.date] | None:
    """A 落款 run on after the last sentence of a line (``…开展。 某某局 2022年1月13日``):
    the text before it, the name and the date; ``None`` when the line ends otherwise."""
    match = _SIGNED_TAIL.search(text)
    if match is None or not is_name(match["name"]):
        return None
    before, date = text[: match.start()].rstrip(), date_of(match["date"])
    if date is None or not before:
        return None
    return before, match["name"], date


def is_name(text: str) -> bool:
    """A line that can only be an organ's name (a 落款): short, unpunctuated, an organ's ending."""
    return (
        0 < len(text) <= HEADING_LENGTH
        and not PUNCTUATION.search(text)
        and bool(_ORGAN.search(text))
        and not SECTION_ORDINAL.match(text)
    )


def date_of(text: str) -> datetime.date | None:
    try:
        return parse_date(text.strip().strip("()（）"))
    except ValueError:
        return None


def signature(
    body: list[Block],
) -> tuple[list[Block], tuple[str | None, datetime.date | None]]:
    """The 落款 at the end (the agency's name, the date), taken off the body: the lines the
    source marks as its 落款 (``Line.signature``), else a name and a date after the last
    sentence of the last line, else a date line and a name line."""
    lines = [i for i, b in enumerate(body) if isinstance(b, Line) and b.text.strip()]
    marked = [i for i in lines[-2:] if body[i].signature]  # type: ignore[union-attr]
    if marked and marked[-1] == lines[-1] and marked == list(range(marked[0], len(body))):
        texts = [body[i].text for i in marked]  # type: ignore[union-attr]
        if len(texts) == 2 and (date := date_of(texts[1])) is not None:
            return body[: marked[0]], (texts[0], date)
        if len(texts) == 1 and date_of(texts[0]) is None:
            return body[: marked[0]], (texts[0], None)
    last = body[lines[-1]] if lines else None
    if isinstance(last, Line) and (tail := _signed_tail(last.text)) is not None:
        before, signed, signed_on = tail  # run on at the end of a line (a crawler text)
        return [*body[: lines[-1]], attrs.evolve(last, text=before)], (signed, signed_on)
    end, name, date = len(body), None, None
    if lines and (date := date_of(body[lines[-1]].text)) is not None:  # type: ignore[union-attr]
        end = lines.pop()
    if lines and is_name(text := body[lines[-1]].text.strip()):  # type: ignore[union-attr]
        end, name = lines[-1], text
    return body[:end], (name, date)
