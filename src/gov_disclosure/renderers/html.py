"""The report as HTML: a fragment to paste into a CMS, or a complete print-friendly page.

The fragment is one ``<article class="gov-disclosure" lang="zh-CN">`` element,
each block on lines of its own inside it and no ``<style>``: the CMS styles it,
through the class names below (:attr:`HtmlRenderer.stylesheet` is a stylesheet
scoped to them, to add to a CMS's own). The page (``standalone=True``) is a
whole document — ``<!doctype html>``, ``<html lang="zh-CN">``, ``<meta
charset="utf-8">``, a restrictive Content-Security-Policy ``<meta>`` (:data:`CSP`:
no scripts, styles inline only), ``<title>`` — holding that stylesheet and the
same article.

* Title ``<h1>``; section headings ``<h2>``; subsection headings ``<h3>``;
  paragraphs ``<p>``; the signature ``<div class="gd-signature">`` with a
  ``<p>`` per line (right-aligned by the stylesheet).
* Tables exactly as the form, each in a ``<div class="gd-table-wrap">`` (on a
  phone the table scrolls sideways in it instead of being clipped):
  ``<table class="gd-table gd-<name>">`` (``name``
  the table's attribute with ``-`` for ``_``: ``gd-applications``), a
  ``<caption>`` with the section heading (hidden on screen by the stylesheet:
  the heading above says it), a ``<thead>`` with the layout's header rows if
  it has any (table 二 has none: its item headers run through the body), then
  a ``<tbody>``. Header and label cells are ``<th scope=…>``, figures ``<td>``;
  ``rowspan`` and ``colspan`` appear only when greater than 1. The
  ``三、本年度办理结果`` cell has the class ``gd-vertical`` (written top to
  bottom by the stylesheet), the note heading table 三 the class ``gd-note``.
  Each row is one line, indented.

The stylesheet prints on A4: tables 三 and 四 are each kept on one page (they
fit), table 二 may break between rows (its rows never split), so no
half-empty page is left before a long table. On a screen narrower than a
table (a phone), tables 三 and 四 keep a readable width and scroll sideways in
their ``gd-table-wrap``.

All text — titles, headings, paragraphs, labels, cells, the page title — goes
through :func:`~gov_disclosure._escape.escape_html` (a newline as ``<br>``,
control characters as ``&#N;``), so user text can never open a tag.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

import attrs

from .._cell import Cell
from .._escape import escape_html, escape_text
from .._form import BALANCE_NOTE, OUTCOMES_HEADER, SECTIONS
from .._layout import GridCell, TableLayout
from .._model import Narrative, OtherMatters, ProcessingFees, Report
from .._outline import (
    CONTACT_FIELDS,
    Block,
    Heading,
    Paragraph,
    Signature,
    TableBlock,
    Title,
    cell_text,
    contact_sentence,
    fees_sentence,
    outline,
)
from ._common import BlockRenderer, Getter, cell_getter, per_table

#: Class of the article that holds a report.
ARTICLE_CLASS: Final = "gov-disclosure"
#: Classes of a table, of the signature and of the two special cells of table 三.
TABLE_CLASS: Final = "gd-table"
#: Class of the ``<div>`` around each table: on a narrow screen the table scrolls in it.
WRAP_CLASS: Final = "gd-table-wrap"
SIGNATURE_CLASS: Final = "gd-signature"
VERTICAL_CLASS: Final = "gd-vertical"
NOTE_CLASS: Final = "gd-note"
_CELL_CLASSES: Final = {OUTCOMES_HEADER: VERTICAL_CLASS, BALANCE_NOTE: NOTE_CLASS}
#: Classes of the blocks whose part of the report their place does not tell: the 信息处理费
#: subsection's heading and its figures sentence, the closing paragraphs, the generated
#: contact sentence.
FEES_CLASS: Final = "gd-fees"
FEES_FIGURES_CLASS: Final = "gd-fees-figures"
CLOSING_CLASS: Final = "gd-closing"
CONTACT_CLASS: Final = "gd-contact"
#: Prefix of the data attributes that state what the printed text does not: the year, the
#: agency's kind and contact details (``data-gd-year`` … on the article), the stated title
#: (``data-gd-title`` on ``<h1>``), a subsection's topic (``data-gd-topic`` on ``<h3>``), the
#: 信息处理费 cells (``data-gd-notices`` … on their sentence). Values are written with
#: :func:`~gov_disclosure._escape.escape_text` (one line, exactly reversible).
DATA_PREFIX: Final = "data-gd-"
_HEADING_TAGS: Final = {1: "h2", 2: "h3"}
#: The page's Content-Security-Policy: nothing loads or runs — no script, no frame, no
#: form, no external style or font — but the page's own ``<style>`` (agencies paste the
#: page into CMSs, where a policy is the last guard against text that became markup).
CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

STYLESHEET: Final = """\
@page { size: A4; margin: 25mm 20mm; }
.gov-disclosure {
  max-width: 52em; margin: 0 auto; padding: 1.5em 1em; color: #000; background: #fff;
  font: 16px/1.75 "FangSong", "STFangsong", "FangSong_GB2312", "SimSun", "Songti SC",
    "Noto Serif CJK SC", "Source Han Serif SC", serif;
}
.gov-disclosure h1 {
  margin: 0.5em 0 1em; text-align: center; font-size: 1.75em; line-height: 1.4;
  font-family: "FZXiaoBiaoSong-B05S", "STZhongsong", "SimSun", "Songti SC",
    "Noto Serif CJK SC", "Source Han Serif SC", serif;
}
.gov-disclosure h2 {
  margin: 1.2em 0 0.5em; text-indent: 2em; font-size: 1em; font-weight: normal;
  font-family: "SimHei", "Heiti SC", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC",
    sans-serif;
}
.gov-disclosure h3 {
  margin: 0.8em 0 0.4em; text-indent: 2em; font-size: 1em; font-weight: normal;
  font-family: "KaiTi", "STKaiti", "Kaiti SC", "AR PL UKai CN", "Noto Serif CJK SC", serif;
}
.gov-disclosure h2, .gov-disclosure h3 { break-after: avoid; page-break-after: avoid; }
.gov-disclosure p { margin: 0.4em 0; text-indent: 2em; text-align: justify; }
.gov-disclosure .gd-signature { margin-top: 2em; }
.gov-disclosure .gd-signature p { margin: 0; text-indent: 0; text-align: right; }
.gov-disclosure .gd-table-wrap {
  margin: 0.8em 0 1.2em; overflow-x: auto; -webkit-overflow-scrolling: touch;
}
.gov-disclosure table {
  width: 100%; margin: 0; border-collapse: collapse; font-size: 14px; line-height: 1.45;
}
.gov-disclosure .gd-applications, .gov-disclosure .gd-review-litigation {
  min-width: 40em; break-inside: avoid; page-break-inside: avoid;
}
.gov-disclosure caption {
  height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
.gov-disclosure th, .gov-disclosure td {
  padding: 0.3em 0.4em; border: 1px solid #000; vertical-align: middle;
}
.gov-disclosure th { font-weight: normal; text-align: center; }
.gov-disclosure th[scope="row"] { text-align: left; }
.gov-disclosure td { text-align: center; font-variant-numeric: tabular-nums; }
.gov-disclosure tr { break-inside: avoid; page-break-inside: avoid; }
.gov-disclosure th[scope="rowgroup"] { white-space: nowrap; }
.gov-disclosure th.gd-note { font-size: 0.9em; }
.gov-disclosure .gd-applications td { width: 8.5%; }
.gov-disclosure .gd-review-litigation { table-layout: fixed; }
.gov-disclosure .gd-review-litigation th, .gov-disclosure .gd-review-litigation td {
  padding: 0.3em 0.5em;
}
.gov-disclosure th.gd-vertical {
  width: 1.5em; writing-mode: vertical-rl; text-orientation: upright; letter-spacing: 0.3em;
}
@media print {
  .gov-disclosure { max-width: none; padding: 0; font-size: 16pt; }
  .gov-disclosure .gd-table-wrap { overflow: visible; }
  .gov-disclosure .gd-applications, .gov-disclosure .gd-review-litigation { min-width: 0; }
  .gov-disclosure h1 { font-size: 22pt; }
  .gov-disclosure table { font-size: 9pt; line-height: 1.3; }
  .gov-disclosure th, .gov-disclosure td { padding: 0.2em 0.3em; }
  .gov-disclosure .gd-applications td { width: 7%; }
}
"""


def _open(cell: GridCell) -> str:
    tag = "td" if cell.role == "data" else "th"
    attributes = ""
    if cell.scope is not None:
        attributes += f' scope="{escape_html(cell.scope)}"'
    if cell.rowspan > 1:
        attributes += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attributes += f' colspan="{cell.colspan}"'
    if (css := _CELL_CLASSES.get(cell.text)) is not None and cell.role != "data":
        attributes += f' class="{escape_html(css)}"'
    return f"<{tag}{attributes}>"


@attrs.frozen
class _Template:
    """A table's markup with a gap for each figure: ``pieces[0]`` figure ``pieces[1]`` …"""

    pieces: tuple[str, ...]
    getters: tuple[Getter, ...]

    def fill(self, table: Any) -> str:
        out = [self.pieces[0]]
        for getter, piece in zip(self.getters, self.pieces[1:], strict=True):
            out += (escape_html(cell_text(getter(table))), piece)
        return "".join(out)


@per_table
def _template(layout: TableLayout) -> _Template:
    pieces: list[str] = []
    getters: list[Getter] = []
    text = [
        f'<div class="{WRAP_CLASS}">\n',
        f'<table class="{TABLE_CLASS} gd-{layout.name.replace("_", "-")}">\n',
        f"  <caption>{escape_html(layout.caption)}</caption>\n",
    ]
    groups = (
        ("thead", layout.grid[: layout.header_rows]),
        ("tbody", layout.grid[layout.header_rows :]),
    )
    for section, rows in groups:
        if not rows:
            continue
        text.append(f"  <{section}>\n")
        for row in rows:
            text.append("    <tr>")
            for cell in row:
                text.append(_open(cell))
                if cell.path is None:
                    text.append(escape_html(cell.text))
                else:
                    pieces.append("".join(text))
                    text = []
                    getters.append(cell_getter(cell.path))
                text.append("</td>" if cell.role == "data" else "</th>")
            text.append("</tr>\n")
        text.append(f"  </{section}>\n")
    text.append("</table>\n</div>")
    pieces.append("".join(text))
    return _Template(tuple(pieces), tuple(getters))


@attrs.frozen
class HtmlRenderer(BlockRenderer):
    """Renders a report as HTML: the tables as the official form, merged cells and all.

    With ``standalone=False`` (the default) the result is an ``<article>`` to
    paste into a page; with ``standalone=True`` a complete page with a
    print-friendly stylesheet (A4, borders on every cell, CJK fonts).
    """

    standalone: bool = attrs.field(
        default=False, kw_only=True, validator=attrs.validators.instance_of(bool)
    )

    #: The stylesheet of the standalone page, every rule scoped to ``.gov-disclosure``.
    stylesheet: ClassVar[str] = STYLESHEET

    def render(self, report: Report) -> str:
        """The whole report: the blocks of its outline, each marked with its part of the
        report where its place does not tell it (see :func:`_marks`)."""
        blocks = outline(report)
        marks = _marks(report, len(blocks))
        rendered = [_marked(self.block(block), marks.get(i, "")) for i, block in enumerate(blocks)]
        return self._document(blocks, rendered, _article_data(report))

    def title(self, block: Title) -> str:
        """``<h1>``."""
        return f"<h1>{escape_html(block.text)}</h1>"

    def heading(self, block: Heading) -> str:
        """``<h2>`` for a section, ``<h3>`` for a subsection."""
        tag = _HEADING_TAGS[block.level]
        return f"<{tag}>{escape_html(block.text)}</{tag}>"

    def paragraph(self, block: Paragraph) -> str:
        """``<p>``."""
        return f"<p>{escape_html(block.text)}</p>"

    def table(self, block: TableBlock) -> str:
        """The table's grid: caption, head rows, body rows, spans, scopes."""
        return _template(block.layout).fill(block.table)

    def signature(self, block: Signature) -> str:
        """``<div class="gd-signature">`` with one ``<p>`` per line."""
        lines = "".join(f"<p>{escape_html(line)}</p>\n" for line in block.lines)
        return f'<div class="{SIGNATURE_CLASS}">\n{lines}</div>'

    def document(self, blocks: list[Block], rendered: list[str]) -> str:
        """The article, or the whole page around it."""
        return self._document(blocks, rendered, "")

    def _document(self, blocks: list[Block], rendered: list[str], data: str) -> str:
        body = "\n".join(rendered)
        article = f'<article class="{ARTICLE_CLASS}" lang="zh-CN"{data}>\n{body}\n</article>\n'
        if not self.standalone:
            return article
        title = next(block.text for block in blocks if isinstance(block, Title))
        return (
            "<!doctype html>\n"
            '<html lang="zh-CN">\n'
            "<head>\n"
            '<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape_html(' '.join(title.split()))}</title>\n"
            f"<style>\n{self.stylesheet}</style>\n"
            "</head>\n"
            "<body>\n"
            f"{article}"
            "</body>\n"
            "</html>\n"
        )


def _data(name: str, value: str) -> str:
    return f' {DATA_PREFIX}{name}="{escape_html(escape_text(value))}"'


def _article_data(report: Report) -> str:
    """The article's data attributes: the year, the agency's kind and contact details."""
    agency = report.agency
    data = _data("year", str(report.year))
    if agency.kind is not None:
        data += _data("kind", agency.kind)
    for name in CONTACT_FIELDS:
        if (value := getattr(agency, name)) is not None:
            data += _data(name, value)
    return data


def _marked(html: str, attributes: str) -> str:
    """*html* with *attributes* added to its first tag."""
    if not attributes:
        return html
    end = html.index(">")
    return html[:end] + attributes + html[end:]


def _class(name: str) -> str:
    return f' class="{name}"'


def _marks(report: Report, count: int) -> dict[int, str]:
    """The attributes of each block of the report's outline (by index) that its place in the
    outline does not tell apart: the stated title, subsection topics, the 信息处理费 heading
    and figures, the closing paragraphs or the contact sentence.

    Follows :func:`gov_disclosure._outline.outline` block by block.
    """
    marks: dict[int, str] = {}
    if report.title is not None:
        marks[0] = _data("title", report.title)
    at = 1 + len(report.preamble)
    for section in SECTIONS:
        at += 1  # the section's heading
        part = getattr(report, section.name)
        if not isinstance(part, Narrative):
            at += part is not None
            continue
        at += len(part.paragraphs)
        for sub in part.subsections:
            if sub.topic is not None:
                marks[at] = _data("topic", sub.topic)
            at += 1 + len(sub.paragraphs)
        if isinstance(part, OtherMatters) and part.processing_fees is not None:
            fees = part.processing_fees
            marks[at] = _class(FEES_CLASS)
            at += 1 + len(fees.paragraphs)
            if fees_sentence(fees) is not None:
                marks[at] = _class(FEES_FIGURES_CLASS) + _fees_data(fees)
                at += 1
    for index in range(at, count - 1):  # the closing, up to the signature
        marks[index] = _class(CLOSING_CLASS)
    if not report.closing and contact_sentence(report) is not None:
        marks[at] = _class(CONTACT_CLASS)
    return marks


def _fees_data(fees: ProcessingFees) -> str:
    cells = {name: getattr(fees, name) for name in ("notices", "notified", "collected")}
    return "".join(_data(name, cell_text(cell)) for name, cell in cells.items() if cell != Cell())
