"""The layouts reports are found in, made from any rendered report (issue: reading the wild).

Each family takes this library's tab-separated text render (``gd.render(r, "text",
layout="tsv")``), whose table rows are explicit, and prints it as reports are found
in the wild (see the evaluator guide, "Layout families"): pipe-separated lines,
one cell per line or per paragraph, a PDF text layer (wrapped labels, a page footer
inside a table), a crawler text run on in one line with its cells joined by spaces
or glued, and a traditional-character mirror. :func:`html_cms` turns the HTML render
into a CMS article. :func:`table_reports` generates reports whose table rows add up
(the arithmetic a certain split of glued digits relies on), with blank, ``/`` and
noted cells among the figures.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import _form

from conftest import EXAMPLES

Item = str | tuple[str, ...]
"""A line of text, or a table row's cells."""

_T3_GRID = 10  # table 三 in the tsv render: three label columns and seven values
_T3_LABEL_COLUMNS = 3
_VALUE = re.compile(r"(?:\d+(?:\.\d+)?|/)(?:（其中\d+件）)?")
_WRAP = 12  # a label longer than this wraps onto two lines in the PDF family
_FOOTER_AFTER = 8  # the PDF family's page footer falls after this many rows of table 三
_CRAWLER_HEADER = (
    "标题: {title}\n发布时间: 2025-01-20 09:30\n发布机构: \n栏目: 政府信息公开年报\n"
    "原文链接: https://www.example.gov.cn/zfxxgk/nb/t20250120_1.htm\n"
    "==================== 正文 ====================\n"
)


def items(tsv: str) -> list[Item]:
    """The tsv render as lines and rows."""
    return [tuple(line.split("\t")) if "\t" in line else line for line in tsv.splitlines()]


def _present(cells: tuple[str, ...]) -> list[str]:
    return [cell for cell in cells if cell.strip()]


def tab_separated(tsv: str) -> str:
    """The tsv render itself: what agencies paste from Word."""
    return tsv


def pipe_lines(tsv: str) -> str:
    """``规章 | 0 | 0 | 0 |``: a web-to-text converter's rows, no Markdown delimiter row, one
    cell per table cell (a spanned label once), blank cells kept."""
    out = []
    for item in items(tsv):
        if isinstance(item, str):
            out.append(item)
            continue
        cells = list(item)
        if not any(cell.strip() and not _VALUE.fullmatch(cell) for cell in cells):
            out.append("| " + " | ".join(cells) + " |")  # 四's values: framed, every place kept
            continue
        if len(cells) == _T3_GRID:  # table 三: label columns, then the seven values
            cells = [c for c in cells[:_T3_LABEL_COLUMNS] if c.strip()] + cells[_T3_LABEL_COLUMNS:]
        while cells and not cells[0].strip():
            cells.pop(0)
        out.append(" | ".join(cells) + " |" if cells else "|")
    return "\n".join(out) + "\n"


def cell_per_line(tsv: str, *, blank: bool = False) -> str:
    """Every non-empty cell on its own line (or paragraph, with *blank*)."""
    out: list[str] = []
    for item in items(tsv):
        out += [item] if isinstance(item, str) else _present(item)
    return ("\n\n" if blank else "\n").join(line for line in out if line.strip()) + "\n"


def cell_per_paragraph(tsv: str) -> str:
    """Every non-empty cell its own paragraph, blank lines between."""
    return cell_per_line(tsv, blank=True)


def pdf_text_layer(tsv: str) -> str:
    """A PDF's text layer: ``label n n n`` lines, long labels wrapped onto the line before,
    a page footer (``- 2 -``) inside table 三."""
    out: list[str] = []
    rows = 0
    for item in items(tsv):
        if isinstance(item, str):
            out.append(item)
            continue
        cells = _present(item)
        labels = [c for c in cells if not _VALUE.fullmatch(c)]
        values = cells[len(labels) :] if cells[: len(labels)] == labels else []
        label = "".join(labels)
        if not values:
            out.append(" ".join(cells))
            continue
        if len(label) > _WRAP:
            out.append(label[: len(label) // 2])
            label = label[len(label) // 2 :]
        out.append(" ".join([label, *values]) if label else " ".join(values))
        rows += 1
        if rows == _FOOTER_AFTER:
            out.append("- 2 -")
    return "\n".join(out) + "\n"


def _run_on(tsv: str, joiner: str) -> str:
    body: list[str] = []
    title = ""
    for item in items(tsv):
        if isinstance(item, str):
            if item.strip():
                title = title or item.strip()
                body.append(item.strip())
        else:
            body.append(joiner.join(_present(item)))
    parts = [body[0]]
    for previous, text in itertools.pairwise(body):
        glued = joiner == "" and _is_row(previous) and _is_row(text)
        parts.append(text if glued else " " + text)
    return _CRAWLER_HEADER.format(title=title) + "".join(parts)


def _is_row(text: str) -> bool:
    return bool(re.search(r"\d$", text)) or bool(re.match(r"^\d", text))


def space_joined(tsv: str) -> str:
    """A crawler text: a metadata header, then the report on one line, cells joined by spaces."""
    return _run_on(tsv, " ")


def glued(tsv: str) -> str:
    """A crawler text whose table cells are glued together (``规章000行政规范性文件303``)."""
    return _run_on(tsv, "")


def traditional(text: str) -> str:
    """A portal's traditional-character mirror of a page."""
    import opencc

    converted: str = opencc.OpenCC("s2t").convert(text)
    return converted


def html_cms(report: gd.Report) -> str:
    """A CMS article: the title in a ``div`` outside the body, headings as
    ``<p><span>…&nbsp;</span></p>``, table 三 split into two ``<table>``s, navigation
    around it."""
    html = gd.render(report, "html")
    html = html.replace('<article class="gov-disclosure" lang="zh-CN">', '<div class="TRS_Editor">')
    html = html.replace("</article>", "</div>")
    html = re.sub(r"<h1>(.*?)</h1>\n", "", html, count=1)
    html = re.sub(r"<h[23]>(.*?)</h[23]>", r"<p><span>\1&nbsp;</span></p>", html)
    # table 三 split in two <table>s before its last row, as a page break leaves it
    html = html.replace(
        '<tr><th scope="row" colspan="3">四、结转',
        '</tbody></table>\n<table><tbody><tr><th scope="row" colspan="3">四、结转',
        1,
    )
    nav = "<table><tr><td><a href='/'>首页</a></td><td>政务公开</td></tr></table>"
    return (
        f"<html><body>{nav}<div class='article_title'>{report.title}</div>"
        f"{html}<div class='footer'>主办单位：某某市人民政府办公室</div></body></html>"
    )


#: The text families, each from the tsv render; exact (lossless) families first.
TEXT_FAMILIES: dict[str, Callable[[str], str]] = {
    "tab-separated": tab_separated,
    "pipe-lines": pipe_lines,
    "cell-per-line": cell_per_line,
    "cell-per-paragraph": cell_per_paragraph,
    "pdf-text-layer": pdf_text_layer,
    "crawler-space-joined": space_joined,
    "crawler-glued": glued,
    "traditional-pipe-lines": lambda tsv: traditional(pipe_lines(tsv)),
    "mixture-pdf-traditional": lambda tsv: traditional(pdf_text_layer(tsv)),
}
#: Families whose table rows keep every cell's place: they read back exactly.
EXACT = frozenset({"tab-separated", "pipe-lines", "traditional-pipe-lines", "html-cms"})


# --- reports -------------------------------------------------------------------------------------


def _count_cells(blanks: bool) -> st.SearchStrategy[gd.Count]:
    number = st.integers(0, 30) | st.integers(0, 5000)
    kinds = [
        number.map(gd.Count),
        st.just(gd.Count.na()),
        st.builds(lambda n, k: gd.Count(n, note=f"其中{k}件"), number, st.integers(0, 9)),
    ]
    return st.one_of(*kinds, st.just(gd.Count())) if blanks else st.one_of(*kinds)


def _rows() -> list[tuple[str, ...]]:
    from gov_disclosure._layout import LAYOUTS

    return [tuple(info.path for info in row.cells) for row in LAYOUTS["applications"].data_rows]


def _groups() -> list[tuple[str, ...]]:
    from gov_disclosure._layout import LAYOUTS

    cells = [info.path for row in LAYOUTS["review_litigation"].data_rows for info in row.cells]
    return [tuple(cells[i : i + 5]) for i in range(0, len(cells), 5)]


@st.composite
def table_reports(draw: Any, *, blanks: bool = True) -> gd.Report:
    """The example report with generated tables: every row of 三 and group of 四 adds up to
    its 总计 (a blank or ``/`` part counts 0), any cell may be ``/`` or noted, and blank
    with *blanks*.

    Without *blanks*, for the families that print no trace of a blank cell (one cell per
    line, a text layer, a crawler text): there a blank cell and a glued number look the
    same, and the certain split of glued digits assumes every cell printed (the format
    asks for 0, not a blank, where there is none).
    """
    report = gd.load(EXAMPLES / "zhongwei-justice-2024.toml")
    values: dict[str, Any] = {}
    for row in [*_rows(), *_groups()]:
        parts = [draw(_count_cells(blanks)) for _ in row[:-1]]
        total = gd.Count(sum(cell.value or 0 for cell in parts))
        if blanks and draw(st.integers(0, 4)) == 0:
            total = gd.Count()
        values |= dict(zip(row, [*parts, total], strict=True))
    for path, info in gd.CELLS.items():
        if info.table != "active_disclosure":
            continue
        if info.kind == "amount":
            cents = draw(st.integers(0, 10_000_000))
            blank = blanks and cents % 7 == 0
            values[path] = gd.Amount() if blank else gd.Amount(Decimal(cents) / 100)
        else:
            values[path] = draw(_count_cells(blanks))
    for path, cell in values.items():
        report = _form.replace(report, path, cell)
    return report
