"""The text against the tables: figures the narrative restates, compared with their cells.

A report's narrative often restates its tables ("共收到政府信息公开申请 95 件",
"上年结转 3 件", "办结 90 件", "行政复议 2 起", "产生行政许可 66 条"). This
module finds such statements and compares each with the cells it restates.

Precision comes first: a statement counts only when its wording pins down the
cell, and it is compared only when those cells are printed (a blank cell is the
checks' CELL-BLANK, not a disagreement). Subtleties the wording carries:

- "收到/受理 … N 件" is 一、本年新收 or, as many reports count it, 一 + 二; either
  agrees. With "（含上年结转 M 件）" it is 一 + 二 and M is 二.
- "办结 N 件", "答复 N 件" (opening a clause) is （七）总计.
- A clause about a sub-unit (an office other than the agency or one acting for
  it: "其中区教育局受理 …" is not the agency, "区政府办代表区政府受理" is) or about another year
  (2023 年…, 上年…, 同比…) is not the agency's figure of the year: not compared.

Every pattern is a bounded regular expression over one sentence, so the time
taken is linear in the text. Patterns are compiled on first use (:func:`_regex`):
compiling a class of Chinese characters costs about 0.3 ms, and a report's text
needs only the patterns whose keywords it holds.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from typing import Final

import attrs

from ._findings import Finding, finding, shown_number
from ._form import OUTCOME_ROWS, REVIEW_GROUPS, get, label
from ._model import Report
from .formatting import parse_chinese_numeral, parse_count

__all__ = ["Statement", "narrative_findings", "statements"]

#: Longest sentence looked at; past it a "sentence" is a table flattened into text, not read.
MAX_SENTENCE: Final = 400

_NUM: Final = r"(?P<n>\d[\d,，]{0,12}|[零〇一二两三四五六七八九十百千万]{1,8})"
#: What ends a sentence.
_STOP: Final = "[。！？；;!?\n]"
#: A figure with its unit: a numeral, at most three spaces, then the unit (``12 件``, ``十七件``).
_FIGURE: Final = r"[0-9０-９零〇一二两三四五六七八九十百千万]\s{0,3}[件条條起宗个個项項]"
_CLAUSE_BREAK: Final = "[，,：:（）()、]"
#: A few traditional characters of report wording, read as simplified.
_TRADITIONAL_CHARS: Final = "開請數條復議訟處結轉辦許複們據關"
_SIMPLIFIED: Final = str.maketrans(_TRADITIONAL_CHARS, "开请数条复议讼处结转办许复们据关")
_TRADITIONAL: Final = f"[{_TRADITIONAL_CHARS}]"
_OTHER_TIME: Final = r"上年(?!度?结转)|去年|上一年度(?!结转)|同比|较上|比上年|以来|累计"
_YEAR: Final = r"(\d{4})\s*年"
#: The agency speaking of itself (我局, 本机关, 全区 …): never a sub-unit.
_SELF: Final = r"[我本全](?:局|委|办|厅|署|机关|单位|部门|区|县|市|镇|乡|街道)"
#: A named office other than the agency: 区教育局, 县政府办公室, 某某街道 …
_ORGAN: Final = (
    r"[\u4e00-\u9fff]{1,8}?(?:局|委员会|办公室|政府办|中心|街道办事处|街道|镇政府|乡政府|公司)"
)


@functools.cache
def _regex(pattern: str) -> re.Pattern[str]:
    """*pattern*, compiled on its first use and kept."""
    return re.compile(pattern)


@attrs.frozen
class Statement:
    """A figure the narrative states, and the cells of the tables it restates."""

    sentence: str
    """The sentence as printed (white space kept)."""
    figure: int
    paths: tuple[str, ...]
    """The cells whose sum the figure restates."""
    table: int | None
    """What the tables print for them (``None`` when a cell is blank, ``/`` or its table absent)."""
    accepted: tuple[int, ...]
    """Every figure that agrees with the tables (ambiguous wording allows more than one)."""

    @property
    def agrees(self) -> bool | None:
        """Whether the figure agrees with the tables (``None`` when they print no figure)."""
        if self.table is None:
            return None
        return self.figure in self.accepted


def _number(text: str) -> int | None:
    try:
        return parse_count(text.replace("，", ","))
    except ValueError:
        pass
    try:
        return parse_chinese_numeral(text)
    except ValueError:
        return None


def _outcome_groups() -> dict[str, tuple[str, ...]]:
    """The 总计 paths of the outcome rows of each group of table 三 ((三) to (六)), from the
    model, in form order."""
    groups: dict[str, tuple[str, ...]] = {}
    for path in OUTCOME_ROWS:
        group, _, row = path.partition(".")
        if row:
            groups[group] = (*groups.get(group, ()), f"applications.{path}.total")
    return groups


_OUTCOME_GROUPS: Final = _outcome_groups()
_LITIGATION: Final = tuple(group for group in REVIEW_GROUPS if group.startswith("litigation"))
_RECEIVED: Final = "applications.received.total"
_CARRIED_OVER: Final = "applications.carried_over.total"


@attrs.frozen
class _Pattern:
    source: str
    """The regular expression, compiled on first use (:attr:`regex`)."""
    paths: tuple[str, ...]
    needs: str | None = None
    """A word the sentence, or the one before it, must hold (``申请``: the figures are
    applications)."""
    keyword: str = ""
    """A word every match holds: the sentence is searched only when it holds it."""

    @property
    def regex(self) -> re.Pattern[str]:
        return _regex(self.source)


def _p(pattern: str, *paths: str, needs: str | None = None, keyword: str | None = None) -> _Pattern:
    """A pattern; its keyword is the first of :data:`_KEYWORDS` it holds, unless given (a
    keyword only in an optional part would pass over sentences the pattern matches)."""
    if keyword is None:
        keyword = next(k for k in _KEYWORDS if k in pattern)
    return _Pattern(pattern.replace("NUM", _NUM), paths, needs, keyword)


#: The words a sentence is searched for, the most telling first (a pattern is compiled and
#: run only for a sentence that holds its word).
_KEYWORDS: Final = (
    "部分公开",
    "不予公开",
    "上年",
    "制发",
    "现行有效",
    "废止",
    "公开",
    "无法提供",
    "不予处理",
    "其他处理",
    "办结",
    "结转",
    "行政复议",
    "行政诉讼",
    "规范性文件",
    "规章",
    "行政许可",
    "行政处罚",
    "行政强制",
)


_UNIT: Final = r"\s*件"
_CASES: Final = r"\s*[件起宗个]"
_DECISIONS: Final = r"\s*[条件项个]"
_FILLER: Final = r"(?:案件)?(?:数量?|总数)?(?:共|为|共计|合计)?\s*"

_OUTCOME: Final = r"(?:答复)?(?:的)?\s*NUM" + _UNIT
_GRANTED: Final = "applications.granted.total"
_PARTIAL: Final = "applications.partially_granted.total"
_OUTCOME_TOTAL: Final = "applications.outcome_total.total"
_FORWARD: Final = "applications.carried_forward.total"
_NORMATIVE: Final = "active_disclosure.normative_documents"
_REGULATIONS: Final = "active_disclosure.regulations"

_PATTERNS: Final = (
    _p(r"(?<![不再])(?:予以公开|同意公开)" + _OUTCOME, _GRANTED, needs="申请"),
    _p(r"部分公开" + _OUTCOME, _PARTIAL, needs="申请"),
    _p(r"不予公开" + _OUTCOME, *_OUTCOME_GROUPS["withheld"], needs="申请"),
    _p(r"无法提供" + _OUTCOME, *_OUTCOME_GROUPS["unavailable"], needs="申请"),
    _p(r"不予处理" + _OUTCOME, *_OUTCOME_GROUPS["not_processed"], needs="申请"),
    _p(r"其他处理" + _OUTCOME, *_OUTCOME_GROUPS["other_handling"], needs="申请"),
    _p(
        r"(?:^|[，,、])\s*(?:共|已|均已|全部|依法)?(?:办结|答复)(?:了)?\s*NUM" + _UNIT,
        _OUTCOME_TOTAL,
        keyword="",
    ),
    _p(r"上年度?结转(?:的)?(?:政府信息公开)?(?:申请)?" + _FILLER + "NUM" + _UNIT, _CARRIED_OVER),
    _p(r"结转(?:至|到)?下一?年度?(?:继续办理)?(?:的)?(?:申请)?\s*NUM" + _UNIT, _FORWARD),
    _p(r"NUM" + _UNIT + r"(?:申请)?(?:顺延|结转)(?:到|至)下一?年度", _FORWARD, keyword="下"),
    _p(r"(?<!涉及)行政复议" + _FILLER + "NUM" + _CASES, "review_litigation.review.total"),
    _p(
        r"(?<!涉及)行政诉讼" + _FILLER + "NUM" + _CASES,
        *(f"review_litigation.{g}.total" for g in _LITIGATION),
    ),
    _p(r"制发(?:了)?(?:行政)?规范性文件" + _FILLER + "NUM" + _UNIT, f"{_NORMATIVE}.issued"),
    _p(r"现行有效(?:的)?(?:行政)?规范性文件" + _FILLER + "NUM" + _UNIT, f"{_NORMATIVE}.in_force"),
    _p(r"废止(?:了)?(?:行政)?规范性文件" + _FILLER + "NUM" + _UNIT, f"{_NORMATIVE}.repealed"),
    _p(
        r"规范性文件[^，。；]{0,12}，\s*(?:并|共)?废止(?:了)?\s*NUM" + _UNIT,
        f"{_NORMATIVE}.repealed",
    ),
    _p(r"制发(?:了)?规章" + _FILLER + "NUM" + _UNIT, f"{_REGULATIONS}.issued"),
    _p(r"现行有效(?:的)?规章" + _FILLER + "NUM" + _UNIT, f"{_REGULATIONS}.in_force"),
    _p(r"行政许可(?:决定)?" + _FILLER + "NUM" + _DECISIONS, "active_disclosure.licensing"),
    _p(r"行政处罚(?:决定)?" + _FILLER + "NUM" + _DECISIONS, "active_disclosure.penalties"),
    _p(
        r"行政强制(?:决定|措施)?" + _FILLER + "NUM" + _DECISIONS,
        "active_disclosure.coercive_measures",
    ),
)

#: "收到/受理 … 申请 … N 件", optionally "（含上年结转 M 件）".
_RECEIVED_RE: Final = (
    r"(?P<verb>收到|受理|新收|接收)(?P<mid>[^，。；,\d]{0,24}?)"
    + _NUM
    + _UNIT
    + r"(?:[（(]\s*含上年度?结转(?:申请)?\s*(?P<m>\d{1,12})\s*件)?"
)
#: Outcomes of the review and litigation cases after their total: "其中结果维持 72 件 …".
_REVIEW_PARTS: Final = (
    ("upheld", r"维持\s*" + _NUM),
    ("corrected", r"纠正\s*" + _NUM),
    ("other", r"其他(?:结果)?\s*" + _NUM),
    ("pending", r"尚未审结\s*" + _NUM),
)


def _narrative_text(report: Report) -> Iterator[str]:
    yield from report.preamble
    for name in ("overview", "problems", "other_matters"):
        section = getattr(report, name)
        yield from section.paragraphs
        for sub in section.subsections:
            yield from sub.paragraphs
    fees = report.other_matters.processing_fees
    if fees is not None:
        yield from fees.paragraphs


def _cell_sum(report: Report, paths: tuple[str, ...]) -> int | None:
    """The sum of the cells (blank and ``/`` count 0), or ``None`` when none prints a number."""
    total, printed = 0, False
    for path in paths:
        if getattr(report, path.partition(".")[0]) is None:
            return None
        cell = get(report, path)
        if cell.value is not None:
            total += cell.value
            printed = True
    return total if printed else None


def _foreign(sentence: str, start: int, report: Report, agency: str) -> bool:
    """Whether the clause before *start* speaks of another year or of a sub-unit."""
    before = sentence[:start]
    for match in _regex(_YEAR).finditer(before):
        if int(match.group(1)) != report.year:
            return True
    clause = _regex(_CLAUSE_BREAK).split(before)[-1]
    if _regex(_OTHER_TIME).search(clause):
        return True
    if "代表" in clause:
        return False
    clause = _regex(_SELF).sub("", clause)
    return any(organ.group(0) not in agency for organ in _regex(_ORGAN).finditer(clause))


def _figures(paragraph: str) -> list[int]:
    """Where a unit follows a numeral (``12 件``, ``十七件``), in text order."""
    return [match.end() - 1 for match in _regex(_FIGURE).finditer(paragraph)]


def _sentences_with_figures(paragraph: str) -> Iterator[tuple[str, str]]:
    """Each sentence of *paragraph* that holds a figure with its unit, with the sentence before
    it. A sentence longer than MAX_SENTENCE is passed over. Linear in the paragraph's length."""
    figures = _figures(paragraph)
    if not figures:
        return
    stops = [-1, *(m.start() for m in _regex(_STOP).finditer(paragraph)), len(paragraph)]
    end = -1
    for at in figures:
        if at < end:
            continue  # in the sentence just looked at
        index = bisect.bisect_left(stops, at)
        start, end = stops[index - 1] + 1, stops[index]
        if end - start <= MAX_SENTENCE:
            previous = stops[index - 2] + 1 if index > 1 else start
            yield paragraph[start:end], paragraph[previous:start][-MAX_SENTENCE:]


def statements(report: Report) -> list[Statement]:
    """Every statement of the narrative that restates cells of the tables, in text order."""
    found: list[Statement] = []
    agency = report.agency.name
    for paragraph in _narrative_text(report):
        traditional = _regex(_TRADITIONAL).search(paragraph) is not None
        for printed, previous in _sentences_with_figures(paragraph):
            sentence = printed.translate(_SIMPLIFIED) if traditional else printed
            context = (previous.translate(_SIMPLIFIED) if traditional else previous) + sentence
            found += _in_sentence(printed, sentence, context, report, agency)
    return found


def _in_sentence(
    printed: str, sentence: str, context: str, report: Report, agency: str
) -> Iterator[Statement]:
    """The statements of one sentence; *context* adds the sentence before it."""

    def make(figure: int, paths: tuple[str, ...], *alternatives: tuple[str, ...]) -> Statement:
        table = _cell_sum(report, paths)
        accepted = [] if table is None else [table]
        for other in alternatives:
            value = _cell_sum(report, other)
            if value is not None:
                accepted.append(value)
        return Statement(printed.strip(), figure, paths, table, tuple(accepted))

    for match in _regex(_RECEIVED_RE).finditer(sentence):
        mid = match.group("mid")
        figure = _number(match.group("n"))
        if figure is None or "申请" not in mid + sentence[match.end() : match.end() + 4]:
            continue
        if "公开" not in mid or _foreign(sentence, match.start(), report, agency):
            continue
        both = (_RECEIVED, _CARRIED_OVER)
        if match.group("m") is not None:
            yield make(figure, both)
        elif match.group("verb") == "新收":
            yield make(figure, (_RECEIVED,))
        else:
            yield make(figure, (_RECEIVED,), both)
    for pattern in _PATTERNS:
        if pattern.keyword not in sentence:
            continue
        if pattern.needs is not None and pattern.needs not in context:
            continue
        for match in pattern.regex.finditer(sentence):
            figure = _number(match.group("n"))
            if figure is None or _foreign(sentence, match.start("n"), report, agency):
                continue
            yield make(figure, pattern.paths)
            if pattern.paths[0].startswith("review_litigation."):
                yield from _review_parts(sentence[match.end() :], pattern.paths, make)


def _review_parts(
    rest: str, totals: tuple[str, ...], make: Callable[..., Statement]
) -> Iterator[Statement]:
    """The outcomes stated after a review or litigation total, up to the next total."""
    rest = _regex("行政复议|行政诉讼").split(rest, maxsplit=1)[0]
    for part, pattern in _REVIEW_PARTS:
        match = _regex(pattern).search(rest)
        figure = None if match is None else _number(match.group("n"))
        if figure is not None:
            yield make(figure, tuple(t.replace(".total", f".{part}") for t in totals))


def narrative_findings(report: Report) -> list[Finding]:
    """A ``NARRATIVE-TABLE`` warning for each statement the tables contradict."""
    findings = []
    for statement in statements(report):
        if statement.agrees is not False or statement.table is None:
            continue
        path = statement.paths[0]
        cells = " + ".join(label(p) for p in statement.paths)
        if len(statement.paths) > 2:
            cells = f"{label(path.rsplit('.', 2)[0])}（各项总计之和）"
        message = (
            f"正文“{statement.sentence}”称 {shown_number(statement.figure)}，"
            f"表中{cells}为 {shown_number(statement.table)}"
        )
        findings.append(
            finding(
                "NARRATIVE-TABLE",
                path,
                message,
                cells=statement.paths,
                printed=statement.figure,
                computed=statement.table,
                excerpt=statement.sentence,
            )
        )
    return findings
