"""The report as a Word document (``.docx``) in the official document format, GB/T 9704-2012.

``DocxRenderer().render(report)`` (or ``gd.render(report, "docx")``) gives the
bytes of a ``.docx`` file. It needs python-docx, the optional ``docx`` extra
(``pip install 'gov_disclosure[docx]'``).

The page, the type and the spacing follow GB/T 9704-2012 《党政机关公文格式》 as
agencies format their annual reports; every measure is a named constant below
with the clause it comes from:

* A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (the 156 × 225 mm
  版心), fixed line spacing of 22 lines per page.
* Title in 2号 (22 pt) 方正小标宋简体, centred. Body in 3号 (16 pt) 仿宋_GB2312
  with a first-line indent of two characters; 一级标题 (``一、总体情况``) in 黑体,
  二级标题 (``（一）主动公开情况``) in 楷体_GB2312, indented like the body.
* The 落款 (the agency and the date) right-aligned, two characters from the
  right edge, one line below the text.
* Page numbers ``— 1 —`` in 4号 宋体, 7 mm below the text: odd pages on the
  right, even pages on the left, one character in from the edge.

Every run names its East Asian font (``w:eastAsia``) as well as its Latin ones,
and the document's font table gives each font its usual fallback (仿宋_GB2312 →
仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体), which Word uses where a font is
missing.

The three tables are the official form: the grid of :mod:`gov_disclosure._layout`
as the HTML renderer prints it, merged cells included (``w:gridSpan`` across,
``w:vMerge`` down), the ``三、本年度办理结果`` cell written top to bottom. Table
text is 小五 (9 pt) 宋体, figures centred; header rows repeat when a table
breaks, no row splits across pages, and table 三 is kept on one page. Cells
print as in every other renderer (:func:`~gov_disclosure._outline.cell_text`):
a figure, blank, ``/``, or a figure and its note.

Text is written as it is: a newline inside a paragraph or a cell is a line
break (``w:br``), a carriage return ``w:cr`` and a tab ``w:tab``, whitespace kept
(``xml:space="preserve"``). A character XML 1.0 cannot hold (a control
character other than these three, a lone surrogate, U+FFFE, U+FFFF) is written
as U+FFFD, the visible replacement character: a Word document has no way to
carry it.

Paragraph styles name each block, so a reader can tell them apart:
``GDTitle``, ``GDHeading1``, ``GDHeading2``, ``GDBody``, ``GDSignature`` and
``GDTable`` (table text) — :mod:`gov_disclosure.readers.docx` reads this
library's own documents back exactly through them.

The document's core properties are fixed by the report (title, the agency as
author, the publication date — or 1 January of the next year — as the created
and modified dates), and the zip entries carry a fixed timestamp, so the same
report always gives the same bytes.
"""

from __future__ import annotations

import datetime
import functools
import html
import io
import re
import zipfile
from collections.abc import Callable
from typing import Any, Final

import attrs

from .._form import OUTCOMES_HEADER
from .._layout import GridCell, TableLayout
from .._model import Report
from .._outline import Heading, Paragraph, Signature, TableBlock, Title, cell_text, outline
from ._common import Renderer, cell_getter, grid_positions, per_table

__all__ = ["DocxRenderer", "FontSpec", "docx_missing_message"]

#: Install hint when python-docx is missing.
INSTALL_HINT: Final = "pip install 'gov_disclosure[docx]'"


def docx_missing_message() -> str:
    """The error message when python-docx is not installed."""
    return f"rendering .docx needs python-docx (the 'docx' extra): {INSTALL_HINT}"


# --- GB/T 9704-2012: the page, the type and the spacing --------------------------------------

_TWIPS_PER_MM: Final = 1440 / 25.4
_TWIPS_PER_PT: Final = 20


def _mm(value: float) -> int:
    """Millimetres in twips (1/20 pt), the unit of page measures in WordprocessingML."""
    return round(value * _TWIPS_PER_MM)


@attrs.frozen
class FontSpec:
    """A typeface and its size: the East Asian font, its fallback, and the Latin font."""

    east_asian: str
    fallback: str | None
    size_pt: float
    latin: str | None = None
    """The Latin font (``None``: the East Asian one, as agencies set it)."""

    @property
    def half_points(self) -> int:
        """The size in half-points (``w:sz``)."""
        return round(self.size_pt * 2)


#: 5.1 公文用纸幅面尺寸: A4, 210 mm × 297 mm.
PAGE_WIDTH_MM: Final = 210
PAGE_HEIGHT_MM: Final = 297
#: 5.2.1 页边与版心尺寸: 天头（上白边）37 mm, 订口（左白边）28 mm, 版心 156 mm × 225 mm;
#: so 35 mm at the bottom and 26 mm on the right.
MARGIN_TOP_MM: Final = 37
MARGIN_LEFT_MM: Final = 28
TEXT_WIDTH_MM: Final = 156
TEXT_HEIGHT_MM: Final = 225
MARGIN_BOTTOM_MM: Final = PAGE_HEIGHT_MM - MARGIN_TOP_MM - TEXT_HEIGHT_MM
MARGIN_RIGHT_MM: Final = PAGE_WIDTH_MM - MARGIN_LEFT_MM - TEXT_WIDTH_MM
#: 5.2.3 行数和字数: 一般每面排22行，每行排28个字. The fixed line pitch is the 版心's
#: height over 22, rounded down so that the 22nd line fits (579 twips, 28.95 pt).
LINES_PER_PAGE: Final = 22
LINE_PITCH: Final = _mm(TEXT_HEIGHT_MM) // LINES_PER_PAGE
#: 5.2.2 字体和字号 and 7.3.3 正文: 3号 (16 pt) 仿宋体字, each paragraph indented two
#: characters (左空二字).
BODY_FONT: Final = FontSpec("仿宋_GB2312", "仿宋", 16)
INDENT_CHARS: Final = 2
#: 7.3.1 标题: 2号 (22 pt) 小标宋体字, centred (居中排布).
TITLE_FONT: Final = FontSpec("方正小标宋简体", "宋体", 22)
#: 7.3.1 标题: 回行时，要做到词意完整，排列对称: a title longer than a line (the 版心's
#: 156 mm hold 20 characters of 2号) is set as two lines, the agency's name on the first.
TITLE_CHARS_PER_LINE: Final = 20
#: 7.3.3 正文, 结构层次序数: 第一层（一、）用黑体字、第二层（（一））用楷体字, at the body's 3号.
HEADING1_FONT: Final = FontSpec("黑体", None, 16)
HEADING2_FONT: Final = FontSpec("楷体_GB2312", "楷体", 16)
#: 7.3.5.2 发文机关署名、成文日期: one line below the text (下空一行), two characters
#: from the right edge (右空二字).
SIGNATURE_RIGHT_CHARS: Final = 2
#: 7.5 页码: 4号 (14 pt) 半角宋体阿拉伯数字 between two 一字线 (``— 1 —``), the line 7 mm
#: below the 版心; 单页码居右空一字，双页码居左空一字.
PAGE_NUMBER_FONT: Final = FontSpec("宋体", None, 14, "宋体")
PAGE_NUMBER_GAP_MM: Final = 7
PAGE_NUMBER_DASH: Final = "—"
PAGE_NUMBER_INDENT_CHARS: Final = 1
#: Tables (no clause of the standard: the form's tables as agencies print them): 小五
#: (9 pt) 宋体 on a fixed 14 pt line, so that table 三's 28 rows fit on one page.
TABLE_FONT: Final = FontSpec("宋体", None, 9, "宋体")
TABLE_LINE_PT: Final = 14
TABLE_BORDER_EIGHTHS: Final = 4  # 0.5 pt lines
TABLE_CELL_MARGIN_MM: Final = 1

#: Column widths in mm of each table (summing to the 版心's 156 mm): labels wide, figures even.
COLUMN_WIDTHS_MM: Final[dict[str, tuple[float, ...]]] = {
    "active_disclosure": (60, 32, 32, 32),
    "applications": (8, 24, 44, 13, *(54 / 5,) * 5, 13),
    "review_litigation": (TEXT_WIDTH_MM / 15,) * 15,
}

# --- XML ---------------------------------------------------------------------------------

_W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Characters XML 1.0 cannot hold, written as U+FFFD.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS: Final = re.compile("([\n\r\t])")
_BREAK_XML: Final = {"\n": "<w:br/>", "\r": "<w:cr/>", "\t": "<w:tab/>"}


_PLAIN: Final = re.compile("[\n\r\t&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """*text* as the content of ``w:t`` elements and breaks, escaped for XML."""
    if _PLAIN.search(text) is None:  # the common case: nothing to escape or break
        return f'<w:t xml:space="preserve">{text}</w:t>'
    out = []
    for piece in _BREAKS.split(_NOT_XML.sub("\ufffd", text)):
        if piece in _BREAK_XML:
            out.append(_BREAK_XML[piece])
        elif piece:
            out.append(f'<w:t xml:space="preserve">{html.escape(piece, quote=False)}</w:t>')
    return "".join(out)


def _fonts(font: FontSpec) -> str:
    latin = html.escape(font.latin or font.east_asian)
    east = html.escape(font.east_asian)
    return (
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}"'
        ' w:hint="eastAsia"/>'
    )


def _rpr(font: FontSpec) -> str:
    """Run properties: the fonts (East Asian included) and the size."""
    size = font.half_points
    return f'<w:rPr>{_fonts(font)}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'


def _run(text: str, rpr: str) -> str:
    return f"<w:r>{rpr}{_xml_text(text)}</w:r>" if text else ""


_BODY_RPR: Final = _rpr(BODY_FONT)
_TITLE_RPR: Final = _rpr(TITLE_FONT)
_HEADING_RPR: Final = {1: _rpr(HEADING1_FONT), 2: _rpr(HEADING2_FONT)}
_TABLE_RPR: Final = _rpr(TABLE_FONT)
_KEEP: Final = "<w:keepNext/>"
_NO_SPACE_AFTER: Final = '<w:spacing w:after="0"/>'
#: Space above a heading that follows a table: half a line, so it does not touch the table.
_HALF_LINE_BEFORE: Final = f'<w:spacing w:before="{LINE_PITCH // 2}"/>'


def _paragraph(style: str, text: str, rpr: str, extra: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>{_run(text, rpr)}</w:p>'


# --- tables ------------------------------------------------------------------------------


def _column_widths(layout: TableLayout) -> tuple[int, ...]:
    widths = [_mm(w) for w in COLUMN_WIDTHS_MM[layout.name]]
    widths[-1] += _mm(TEXT_WIDTH_MM) - sum(widths)  # rounding goes to the last column
    return tuple(widths)


@attrs.frozen
class _TableTemplate:
    """A table's XML with a gap for each figure: ``pieces[0]`` figure ``pieces[1]`` …"""

    pieces: tuple[str, ...]
    getters: tuple[Callable[[Any], Any], ...]

    def fill(self, table: Any) -> str:
        out = [self.pieces[0]]
        for getter, piece in zip(self.getters, self.pieces[1:], strict=True):
            out += (_run(cell_text(getter(table)), _TABLE_RPR), piece)
        return "".join(out)


def _cell_open(cell: GridCell, width: int, merge: str, keep: bool) -> str:
    """A ``w:tc`` up to where its text goes: width, spans, alignment, direction."""
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.colspan > 1:
        props.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
    if merge:
        props.append(merge)
    if cell.text == OUTCOMES_HEADER and cell.role == "label":
        props.append('<w:textDirection w:val="tbRlV"/>')
    props.append('<w:vAlign w:val="center"/>')
    align = "left" if cell.role == "label" and cell.rowspan == 1 else "center"
    keep_next = _KEEP if keep else ""
    return (
        f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>"
        f'<w:p><w:pPr><w:pStyle w:val="GDTable"/>{keep_next}<w:jc w:val="{align}"/></w:pPr>'
    )


def _continuation(width: int, colspan: int, keep: bool) -> str:
    """The cell under a cell that spans rows: ``w:vMerge`` with no value, empty."""
    span = f'<w:gridSpan w:val="{colspan}"/>' if colspan > 1 else ""
    keep_next = _KEEP if keep else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}<w:vMerge/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="GDTable"/>{keep_next}</w:pPr></w:p></w:tc>'
    )


#: Tables kept on one page as a whole (each paragraph kept with the next): table 三, whose
#: rows read together. Tables 二 and 四 may break between rows, never right after a row of
#: headers (table 四's repeat on the next page); kept whole, they would chain with the
#: heading and table after them and leave half pages empty.
KEEP_TOGETHER: Final = frozenset({"applications"})


@per_table
def _table_template(layout: TableLayout) -> _TableTemplate:
    widths = _column_widths(layout)
    keep_together = layout.name in KEEP_TOGETHER
    border = f'w:val="single" w:sz="{TABLE_BORDER_EIGHTHS}" w:space="0" w:color="000000"'
    borders = "".join(
        f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margin = _mm(TABLE_CELL_MARGIN_MM)
    text = [
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    ]
    pieces: list[str] = []
    getters: list[Callable[[Any], Any]] = []
    # Cells spanning rows, by the row and column they cover below their first row.
    below: dict[tuple[int, int], GridCell] = {}
    positions = grid_positions(layout)
    last = len(positions) - 1
    for r, placed in enumerate(positions):
        headers_only = all(cell.role == "header" for _, cell in placed)
        keep = r < last and (keep_together or headers_only)
        header = r < layout.header_rows
        row_props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
        text.append(f"<w:tr><w:trPr>{row_props}</w:trPr>")
        starts = dict(placed)
        column = 0
        while column < layout.width:
            if (r, column) in below:
                spanning = below[(r, column)]
                width = sum(widths[column : column + spanning.colspan])
                text.append(_continuation(width, spanning.colspan, keep))
                column += spanning.colspan
                continue
            cell = starts[column]
            width = sum(widths[column : column + cell.colspan])
            merge = ""
            if cell.rowspan > 1:
                merge = '<w:vMerge w:val="restart"/>'
                for dr in range(1, cell.rowspan):
                    below[(r + dr, column)] = cell
            text.append(_cell_open(cell, width, merge, keep))
            if cell.path is None:
                text.append(_run(cell.text, _TABLE_RPR))
            else:
                pieces.append("".join(text))
                text = []
                getters.append(cell_getter(cell.path))
            text.append("</w:p></w:tc>")
            column += cell.colspan
        text.append("</w:tr>")
    text.append("</w:tbl>")
    pieces.append("".join(text))
    return _TableTemplate(tuple(pieces), tuple(getters))


# --- the package -------------------------------------------------------------------------


@attrs.frozen
class _Package:
    """The parts of the document that do not depend on the report, built once."""

    entries: tuple[tuple[str, bytes], ...]
    document_head: str
    document_tail: str


#: Timestamp of every zip entry: the same report gives the same bytes.
ZIP_TIMESTAMP: Final = (1980, 1, 1, 0, 0, 0)
#: Deflate level: 1 compresses the repetitive XML nearly as well as 6, in a third of the time.
ZIP_LEVEL: Final = 1
_DOCUMENT: Final = "word/document.xml"
_CORE: Final = "docProps/core.xml"
_FONT_TABLE: Final = "word/fontTable.xml"


def _style_xml(style_id: str, name: str, font: FontSpec, ppr: str, outline: int | None) -> str:
    level = "" if outline is None else f'<w:outlineLvl w:val="{outline}"/>'
    return (
        f'<w:style xmlns:w="{_W}" w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{ppr}{level}</w:pPr>{_rpr(font)}</w:style>"
    )


def _body_ppr(font: FontSpec, *, indent: bool = True) -> str:
    spacing = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
    if not indent:
        return spacing
    chars = INDENT_CHARS * 100
    first = INDENT_CHARS * font.half_points * 10
    return f'{spacing}<w:ind w:firstLineChars="{chars}" w:firstLine="{first}"/>'


def _styles() -> list[str]:
    one_line = LINE_PITCH
    signature_indent = SIGNATURE_RIGHT_CHARS * BODY_FONT.half_points * 10
    table_line = TABLE_LINE_PT * _TWIPS_PER_PT
    return [
        _style_xml(
            "GDTitle",
            "GD Title",
            TITLE_FONT,
            f'<w:keepNext/><w:spacing w:before="0" w:after="{one_line}" w:line="{LINE_PITCH}"'
            ' w:lineRule="exact"/><w:jc w:val="center"/>',
            None,
        ),
        _style_xml("GDHeading1", "GD Heading 1", HEADING1_FONT, _KEEP + _body_ppr(BODY_FONT), 0),
        _style_xml("GDHeading2", "GD Heading 2", HEADING2_FONT, _KEEP + _body_ppr(BODY_FONT), 1),
        _style_xml(
            "GDBody", "GD Body", BODY_FONT, _body_ppr(BODY_FONT) + '<w:jc w:val="both"/>', None
        ),
        _style_xml(
            "GDSignature",
            "GD Signature",
            BODY_FONT,
            f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
            f'<w:ind w:right="{signature_indent}" w:rightChars="{SIGNATURE_RIGHT_CHARS * 100}"/>'
            '<w:jc w:val="right"/>',
            None,
        ),
        _style_xml(
            "GDTable",
            "GD Table",
            TABLE_FONT,
            '<w:snapToGrid w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{table_line}" w:lineRule="exact"/>'
            '<w:ind w:firstLine="0" w:firstLineChars="0"/>',
            None,
        ),
        _style_xml(
            "GDPageNumber",
            "GD Page Number",
            PAGE_NUMBER_FONT,
            f'<w:spacing w:before="0" w:after="0" w:line="{PAGE_NUMBER_FONT.half_points * 10}"'
            ' w:lineRule="exact"/>',
            None,
        ),
    ]


def _page_number(odd: bool) -> str:
    """The footer paragraph: ``— PAGE —``, right (odd pages) or left (even), one character in."""
    indent = PAGE_NUMBER_INDENT_CHARS * PAGE_NUMBER_FONT.half_points * 10
    side, align = ("right", "right") if odd else ("left", "left")
    rpr = _rpr(PAGE_NUMBER_FONT)
    dash = PAGE_NUMBER_DASH
    return (
        f'<w:p xmlns:w="{_W}"><w:pPr><w:pStyle w:val="GDPageNumber"/>'
        f'<w:ind w:{side}="{indent}"/><w:jc w:val="{align}"/></w:pPr>'
        f'<w:r>{rpr}<w:t xml:space="preserve">{dash} </w:t></w:r>'
        f'<w:fldSimple w:instr=" PAGE "><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>'
        f'<w:r>{rpr}<w:t xml:space="preserve"> {dash}</w:t></w:r></w:p>'
    )


def _font_table(data: bytes) -> bytes:
    """The font table with each font used, and its fallback as ``w:altName``."""
    from lxml import etree

    root = etree.fromstring(data)
    fonts = (BODY_FONT, TITLE_FONT, HEADING1_FONT, HEADING2_FONT, PAGE_NUMBER_FONT, TABLE_FONT)
    seen = set()
    for font in fonts:
        if font.east_asian in seen:
            continue
        seen.add(font.east_asian)
        element = etree.SubElement(root, f"{{{_W}}}font", {f"{{{_W}}}name": font.east_asian})
        if font.fallback is not None:
            etree.SubElement(element, f"{{{_W}}}altName", {f"{{{_W}}}val": font.fallback})
        etree.SubElement(element, f"{{{_W}}}charset", {f"{{{_W}}}val": "86"})  # GB2312
        etree.SubElement(element, f"{{{_W}}}family", {f"{{{_W}}}val": "auto"})
        etree.SubElement(element, f"{{{_W}}}pitch", {f"{{{_W}}}val": "variable"})
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


#: Styles of python-docx's template that are kept (the rest, and the latent styles, go).
KEPT_STYLES: Final = frozenset(
    "Normal DefaultParagraphFont TableNormal NoList Header HeaderChar Footer FooterChar".split()
)
#: Parts of python-docx's template that are dropped: a Word 2010 copy of the styles, its
#: web settings, custom XML, and a thumbnail picture of a blank page.
DROPPED_PARTS: Final = frozenset({"stylesWithEffects", "webSettings", "customXml", "thumbnail"})


def _trim(document: Any, qn: Callable[[str], str]) -> None:
    """python-docx's template without what the document does not use (and smaller to zip)."""
    for part in (document.part, document.part.package):
        for rid, rel in list(part.rels.items()):
            if rel.reltype.rpartition("/")[2] in DROPPED_PARTS:
                del part.rels[rid]
    styles = document.styles.element
    for style in list(styles):
        if style.tag == qn("w:latentStyles") or (
            style.tag == qn("w:style") and style.get(qn("w:styleId")) not in KEPT_STYLES
        ):
            styles.remove(style)


@functools.cache
def _package() -> _Package:
    """python-docx's default document with the page, styles and footers of GB/T 9704-2012."""
    try:
        import docx
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn
        from docx.shared import Mm
    except ImportError:
        raise ImportError(docx_missing_message()) from None
    document = docx.Document()
    _trim(document, qn)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.gutter = 0
    # 7.5: the page number's line 7 mm below the 版心; Word measures from the page's edge
    # to the footer's last line, one line of 4号 high.
    number_line_mm = PAGE_NUMBER_FONT.size_pt * 25.4 / 72
    section.footer_distance = Mm(MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - number_line_mm)
    section.header_distance = Mm(15)
    document.settings.odd_and_even_pages_header_footer = True
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        container = footer._element
        for child in list(container):
            container.remove(child)
        container.append(parse_xml(_page_number(odd)))
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f'<w:docDefaults xmlns:w="{_W}"><w:rPrDefault>{_rpr(BODY_FONT)}'
            "</w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>"
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "</w:pPrDefault></w:docDefaults>"
        ),
    )
    normal = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    if normal is not None:
        rpr = normal.find(qn("w:rPr"))
        if rpr is not None:
            normal.remove(rpr)
        normal.append(parse_xml(_rpr(BODY_FONT).replace("<w:rPr>", f'<w:rPr xmlns:w="{_W}">')))
    for style in _styles():
        styles.append(parse_xml(style))
    buffer = io.BytesIO()
    document.save(buffer)
    entries = []
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == _FONT_TABLE:
                data = _font_table(data)
            entries.append((info.filename, data))
    xml = dict(entries)[_DOCUMENT].decode("utf-8")
    head, _, rest = xml.partition("<w:body>")
    tail = rest[rest.index("<w:sectPr") :]
    return _Package(tuple(entries), head + "<w:body>", tail)


def _core(report: Report, title: str) -> bytes:
    """``docProps/core.xml``: the title, the agency, and dates fixed by the report."""
    day = report.published or datetime.date(report.year + 1, 1, 1)
    stamp = f"{day.isoformat()}T00:00:00Z"
    creator = html.escape(_NOT_XML.sub("\ufffd", report.agency.name))
    title = html.escape(_NOT_XML.sub("\ufffd", " ".join(title.split())))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator>"
        f"<cp:lastModifiedBy>{creator}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _title_lines(title: str, name: str) -> tuple[str, ...]:
    """The title as one paragraph, or as two after the agency's *name* when it is too long.

    (A reader joins consecutive title paragraphs: the text is unchanged.)
    """
    if len(title) > TITLE_CHARS_PER_LINE and title.startswith(name) and len(title) > len(name):
        return (name, title[len(name) :])
    return (title,)


@attrs.frozen
class DocxRenderer(Renderer[bytes]):
    """Renders a report as a Word document (``.docx`` bytes) in the format of GB/T 9704-2012.

    Needs python-docx (``pip install 'gov_disclosure[docx]'``); without it,
    :meth:`render` raises :class:`ImportError` saying so.
    """

    def render(self, report: Report) -> bytes:
        """The ``.docx`` file's bytes."""
        package = _package()
        body: list[str] = []
        title = ""
        blocks = outline(report)
        for index, block in enumerate(blocks):
            if isinstance(block, Paragraph):
                body.append(_paragraph("GDBody", block.text, _BODY_RPR))
            elif isinstance(block, Heading):
                after_table = index > 0 and isinstance(blocks[index - 1], TableBlock)
                space = _HALF_LINE_BEFORE if after_table else ""
                style, rpr = f"GDHeading{block.level}", _HEADING_RPR[block.level]
                body.append(_paragraph(style, block.text, rpr, space))
            elif isinstance(block, TableBlock):
                body.append(_table_template(block.layout).fill(block.table))
                # A paragraph between tables and after the last (Word needs one before sectPr).
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                if not isinstance(following, Heading | Paragraph):
                    body.append('<w:p><w:pPr><w:pStyle w:val="GDBody"/></w:pPr></w:p>')
            elif isinstance(block, Title):
                title = block.text
                lines = _title_lines(title, report.agency.name)
                body += [
                    _paragraph("GDTitle", line, _TITLE_RPR, "" if last else _NO_SPACE_AFTER)
                    for last, line in ((i == len(lines) - 1, x) for i, x in enumerate(lines))
                ]
            elif isinstance(block, Signature):
                before = f'<w:spacing w:before="{LINE_PITCH}"/>'
                for number, line in enumerate(block.lines):
                    extra = before if number == 0 else ""
                    body.append(_paragraph("GDSignature", line, _BODY_RPR, extra))
        document = (package.document_head + "".join(body) + package.document_tail).encode()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for name, data in package.entries:
                if name == _DOCUMENT:
                    data = document
                elif name == _CORE:
                    data = _core(report, title)
                info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, data, compresslevel=ZIP_LEVEL)
        return buffer.getvalue()
