"""From blocks to a report: :func:`assemble` composes the parts that read it.

Shared by every front-end. What this library's renderers print (see
:mod:`.._outline`) is read back exactly; a published report is read as well
as its layout allows, and every guess the reader makes is a finding.

The jobs are in their own modules: crawler metadata, the title, the year and the
agency (:mod:`._identity`); the six sections and run-on lines (:mod:`._sections`);
the tables (:mod:`._tables`, and :mod:`._stream` for sources whose rows are no
rows); the narrative, the preamble and the closing (:mod:`._narrative`); section
六 and its fees (:mod:`._fees`). Findings are collected in one list, made with
the catalogue's one constructor (:func:`gov_disclosure._findings.finding`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Final

import attrs

from .._findings import Finding, finding
from .._form import SECTION_BY_NAME
from .._layout import LAYOUTS
from .._model import AGENCY_KINDS, Agency, Report
from .._outline import contact_sentence
from ._blocks import Block, Line
from ._fees import other_matters
from ._identity import agency_of, kind_of, metadata, signature, title, year_of
from ._labels import ROWS
from ._narrative import Flow, closing, contact, generated_contact, narrative_of, preamble
from ._normalize import squeeze
from ._sections import lines_of, sections, split_run_on, split_tail
from ._stream import Stream, StreamRead, read_stream
from ._tables import (
    TableRead,
    cell_at,
    clean_rows,
    filled,
    from_stream,
    read_active_disclosure,
    read_applications,
    read_review_litigation,
)

__all__ = [
    "assemble",
    "is_page_marker",
]

_PAGE_NUMBER: Final = re.compile(
    r"^\s*[-—－–]\s*\d+\s*[-—－–]\s*$|^\s*第\s*\d+\s*页(\s*共\s*\d+\s*页)?\s*$"
)
#: Row labels a section prints for its table to be there (one word may be the text's).
_LABELS_PRINTED: Final = 2
_TABLE_READERS: Final[dict[str, Callable[[Sequence[Block]], TableRead]]] = {
    "active_disclosure": read_active_disclosure,
    "applications": read_applications,
    "review_litigation": read_review_litigation,
}


def is_page_marker(text: str) -> bool:
    """A page number a PDF prints in its footer (``- 3 -``, ``第 3 页``)."""
    return bool(_PAGE_NUMBER.match(text))


def assemble(
    blocks: Sequence[Block], *, agency: str | None = None, year: int | None = None
) -> tuple[Report, list[Finding], dict[str, int]]:
    """The report the blocks state, the reading findings, and the source line of each
    table row read (by data path). *agency* and *year* are the caller's, for a source
    that does not state them."""
    blocks = [b for b in blocks if not (isinstance(b, Line) and is_page_marker(b.text))]
    findings: list[Finding] = []
    blocks, meta = metadata(blocks)
    blocks, printed_title = title(blocks, meta)
    body, (signed_name, signed_date) = signature(split_run_on(blocks))
    regions, preamble_lines = sections(body, findings)
    found = any(regions.values())
    report_year = year_of(printed_title, body, year, findings, sections_found=found)
    tables, lines = _tables(regions, findings)
    flow = Flow.of(body)
    intro, dated = preamble(preamble_lines, flow)
    six = lines_of(regions["other_matters"])
    ending, six = closing(six, flow)
    six_part, fee_findings = other_matters(six, flow)
    findings += fee_findings
    name, agency_findings = agency_of(printed_title, signed_name, body, agency)
    findings += agency_findings
    kind = kind_of(name)
    message = f"机关类型按名称“{name}”读作{AGENCY_KINDS[kind]}（{kind}），用于发布期限的检查"
    findings.append(finding("READ-AGENCY-KIND", "agency.kind", message))
    details = generated_contact(ending[0], name) if len(ending) == 1 else None
    if details is None:
        details = contact([*intro, *ending])
    report = Report(
        agency=Agency(name, kind, **details),
        year=report_year,
        published=signed_date or dated or meta.published,
        preamble=tuple(intro),
        overview=narrative_of(lines_of(regions["overview"]), flow, topics=True),
        problems=narrative_of(lines_of(regions["problems"]), flow),
        other_matters=six_part,
        closing=tuple(ending),
        **tables,
    )
    # the title is read without white space: the default title (of a name with spaces) is none
    if printed_title is not None and printed_title != squeeze(report.default_title):
        report = attrs.evolve(report, title=printed_title)
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
        table_blocks, tail = split_tail(regions[name])
        result = _read_table(name, read, table_blocks, regions[name])
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


def _read_table(
    name: str,
    read: Callable[[Sequence[Block]], TableRead],
    table_blocks: Sequence[Block],
    section: Sequence[Block],
) -> TableRead:
    """A table read by its rows; where rows are missing or broken, read as a stream too
    (:mod:`._stream`), and the reading that gives more rows in full is kept. A section that
    prints the table's labels but yields no figure is an error finding, never a silent
    empty."""
    result = read(table_blocks)
    rows = clean_rows(result, name)
    old_format = any(f.code == "FORMAT-2019" and f.path == name for f in result.findings)
    if rows < len(LAYOUTS[name].data_rows) and not old_format:
        stream = read_stream(section, name)
        if stream.rows > rows or (result.table is None and stream.cells):
            result = _merged(name, stream, result)
    if filled(result, name) == 0 and _prints_labels(section, name):
        heading = SECTION_BY_NAME[name].heading
        message = f"{heading}：原文印有表格的标签，但未能读出任何数字"
        line = next((b.line for b in section if b.line is not None), None)
        result = attrs.evolve(
            result,
            findings=[*result.findings, finding("READ-TABLE-UNREAD", name, message, line=line)],
        )
    return result


def _prints_labels(section: Sequence[Block], name: str) -> bool:
    """Whether a section prints at least :data:`_LABELS_PRINTED` of the table's row labels."""
    text_key = Stream.of(section).key
    return sum(1 for c in ROWS[name] if c.key in text_key) >= _LABELS_PRINTED


def _merged(name: str, stream: StreamRead, rows: TableRead) -> TableRead:
    """The stream's reading, with each row that is a table row of the source (its label
    and its cells, in their places) taken from the row reading instead: a blank cell
    keeps its place there, and a row cut short by an excerpt is read by position."""
    cells = dict(stream.cells)
    findings = list(stream.findings)
    lines = dict(stream.lines)
    for row in LAYOUTS[name].data_rows:
        if row.path not in rows.explicit:
            continue
        findings = [f for f in findings if not _about(f, row.path)]
        findings += [f for f in rows.findings if _about(f, row.path)]
        cells |= {info.path: cell_at(rows.table, info.path) for info in row.cells}
        if row.path in rows.lines:
            lines[row.path] = rows.lines[row.path]
    return attrs.evolve(from_stream(name, cells, findings), lines=lines)


def _about(found: Finding, path: str) -> bool:
    return found.path == path or found.path.startswith(path + ".")
