"""Word documents (``.docx``): the document's paragraphs and tables as simple HTML.

:func:`docx_html` turns ``word/document.xml`` into an HTML page that the HTML
front-end reads like any other: each paragraph a ``<p>`` (or ``<h1>`` … for
title and heading styles), each table a ``<table>`` whose merged cells keep
their spans — ``w:gridSpan`` as ``colspan``, a run of ``w:vMerge`` cells as
``rowspan`` — so every figure keeps its row and column. Line breaks
(``w:br``) become ``<br>``; tabs stay tabs; deleted text and field codes are
left out; a text box is read as paragraphs after the paragraph it is anchored
in, a table nested in a cell as lines of the cell.

A document written by this library (:mod:`gov_disclosure.renderers.docx`: its
paragraph styles ``GDTitle``, ``GDHeading1`` …) becomes the HTML renderer's own
``<article class="gov-disclosure">`` markup, which the HTML front-end reads
exactly; the title's two lines are one title again, and a carriage return
(``w:cr``) is a carriage return.

Only the standard library's :mod:`zipfile` and lxml are used: reading a
``.docx`` needs no extra. The document part is read only up to
:data:`MAX_DOCUMENT_XML` bytes (a zip bomb is refused, not inflated).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Final

import attrs
from lxml import etree

from .._errors import ReadError
from .._escape import escape_html

__all__ = ["MAX_DOCUMENT_XML", "OLE_MAGIC", "docx_html", "is_docx", "is_legacy_doc"]

#: The largest ``word/document.xml`` read (uncompressed). A 100-page report is about 2 MB.
MAX_DOCUMENT_XML: Final = 32 * 1024 * 1024
#: The largest ``w:gridSpan`` honoured (the widest form table has 15 columns).
MAX_GRID_SPAN: Final = 64
#: The start of an OLE compound file: a legacy Word ``.doc`` (or ``.xls`` …).
OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Markup compatibility: Word writes a text box twice, the second copy in ``mc:Fallback``.
_MC_FALLBACK: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCUMENT: Final = "word/document.xml"
_STYLES: Final = "word/styles.xml"
#: This library's paragraph styles, and the HTML each becomes.
_OWN_STYLES: Final = {
    "GDTitle": "h1",
    "GDHeading1": "h2",
    "GDHeading2": "h3",
    "GDBody": "p",
    "GDSignature": "signature",
}
#: Elements whose runs are part of a paragraph's text (others — text boxes, deleted
#: text, field instructions, footnote references — are not).
_INLINE: Final = frozenset(
    f"{_W}{name}"
    for name in "r hyperlink ins smartTag sdt sdtContent fldSimple customXml moveTo dir bdo".split()
)


def is_docx(data: bytes) -> bool:
    """Whether *data* is a zip holding ``word/document.xml`` (a Word document)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            package.getinfo(_DOCUMENT)
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError):
        return False
    return True


def is_legacy_doc(data: bytes) -> bool:
    """Whether *data* is an OLE compound file, as a Word 97–2003 ``.doc`` is."""
    return data.startswith(OLE_MAGIC)


def _read_part(package: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_DOCUMENT_XML:
        raise ReadError(f"{name} is {info.file_size:,} bytes, more than {MAX_DOCUMENT_XML:,}")
    with package.open(info) as part:
        data = part.read(MAX_DOCUMENT_XML + 1)
    if len(data) > MAX_DOCUMENT_XML:
        raise ReadError(f"{name} is more than {MAX_DOCUMENT_XML:,} bytes")
    return data


def _parse_xml(data: bytes, name: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"not a readable .docx: {name}: {exc}") from None


@attrs.frozen
class _Style:
    name: str
    outline: int | None


@attrs.define
class _Cell:
    """A table cell as read: its text and spans (``rowspan`` grows with each vMerge below)."""

    text: str
    colspan: int
    rowspan: int = 1


def _styles(data: bytes | None) -> dict[str, _Style]:
    if data is None:
        return {}
    styles = {}
    for style in _parse_xml(data, _STYLES).iter(f"{_W}style"):
        style_id = style.get(f"{_W}styleId")
        if style_id is None:
            continue
        name = style.find(f"{_W}name")
        level = style.find(f"{_W}pPr/{_W}outlineLvl")
        styles[style_id] = _Style(
            (name.get(f"{_W}val") or "" if name is not None else "").lower(),
            _level(level.get(f"{_W}val") if level is not None else None),
        )
    return styles


def _level(value: str | None) -> int | None:
    if value is None or not value.isdigit():
        return None
    level = int(value)
    return level if level < 9 else None  # 9 is "body text"


def _val(element: etree._Element, path: str) -> str | None:
    found = element.find(path)
    if found is None:
        return None
    value: str | None = found.get(f"{_W}val")
    return "" if value is None else value


def _runs_text(element: etree._Element, own: bool) -> Iterator[str]:
    """The text of a paragraph (or of an inline element in it), in document order."""
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag == f"{_W}tab":
            yield "\t"
        elif tag == f"{_W}br":
            yield "\n"
        elif tag == f"{_W}cr":
            yield "\r" if own else "\n"
        elif tag in (f"{_W}noBreakHyphen",):
            yield "-"
        elif tag in _INLINE:
            yield from _runs_text(child, own)


def _paragraph_text(paragraph: etree._Element, own: bool) -> str:
    return "".join(_runs_text(paragraph, own))


class _Writer:
    """The HTML of one document, block by block."""

    def __init__(self, styles: dict[str, _Style], own: bool) -> None:
        self.styles = styles
        self.own = own
        self.out: list[str] = []
        self.title: list[str] = []
        self.signature: list[str] = []

    def _flush(self, keep: str | None = None) -> None:
        if self.title and keep != "h1":
            self.out.append(f"<h1>{escape_html(''.join(self.title))}</h1>")
            self.title = []
        if self.signature and keep != "signature":
            lines = "".join(f"<p>{escape_html(line)}</p>" for line in self.signature)
            self.out.append(f'<div class="gd-signature">{lines}</div>')
            self.signature = []

    def _kind(self, paragraph: etree._Element) -> str:
        style_id = _val(paragraph, f"{_W}pPr/{_W}pStyle") or ""
        if self.own:
            return _OWN_STYLES.get(style_id, "p")
        style = self.styles.get(style_id)
        level = _level(_val(paragraph, f"{_W}pPr/{_W}outlineLvl"))
        name = style.name if style is not None else style_id.lower()
        if name == "title":
            return "h1"
        if level is None and style is not None:
            level = style.outline
        if level is None and name.startswith("heading ") and name[8:].isdigit():
            level = int(name[8:]) - 1
        return "p" if level is None else f"h{min(level + 2, 6)}"

    def paragraph(self, paragraph: etree._Element) -> None:
        self._paragraph(paragraph)
        for box in _text_boxes(paragraph):  # a title or a note set in a text box
            self.body(box)

    def _paragraph(self, paragraph: etree._Element) -> None:
        text = _paragraph_text(paragraph, self.own)
        if not text:
            return
        kind = self._kind(paragraph)
        self._flush(keep=kind)
        if kind == "h1" and self.own:
            self.title.append(text)
        elif kind == "signature":
            self.signature.append(text)
        else:
            self.out.append(f"<{kind}>{escape_html(text)}</{kind}>")

    def table(self, table: etree._Element) -> None:
        self._flush()
        rows: list[list[_Cell]] = []
        merges: dict[int, _Cell] = {}  # column → the cell a vMerge run continues
        for tr in _children(table, "tr"):
            row: list[_Cell] = []
            column = _span(_val(tr, f"{_W}trPr/{_W}gridBefore"), default=0)
            for tc in _children(tr, "tc"):
                span = _span(_val(tc, f"{_W}tcPr/{_W}gridSpan"))
                merge = _val(tc, f"{_W}tcPr/{_W}vMerge")
                if merge in ("", "continue") and column in merges:
                    merges[column].rowspan += 1
                else:
                    # Every paragraph of the cell, those of a table nested in it included.
                    paragraphs = _outside_fallbacks(tc.iter(f"{_W}p"))
                    text = "\n".join(_paragraph_text(p, self.own) for p in paragraphs)
                    cell = _Cell(text, span)
                    row.append(cell)
                    for covered in range(column, column + span):
                        merges.pop(covered, None)
                    if merge == "restart":
                        merges[column] = cell
                column += span
            rows.append(row)
        html = ["<table>"]
        for row in rows:
            html.append("<tr>")
            for cell in row:
                spans = f' colspan="{cell.colspan}"' if cell.colspan != 1 else ""
                spans += f' rowspan="{cell.rowspan}"' if cell.rowspan != 1 else ""
                html.append(f"<td{spans}>{escape_html(cell.text)}</td>")
            html.append("</tr>")
        html.append("</table>")
        self.out.append("".join(html))

    def body(self, element: etree._Element) -> None:
        for child in element:
            if child.tag == f"{_W}p":
                self.paragraph(child)
            elif child.tag == f"{_W}tbl":
                self.table(child)
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                self.body(child)

    def html(self) -> str:
        self._flush()
        body = "\n".join(self.out)
        if self.own:
            return (
                '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"></head><body>\n'
                f'<article class="gov-disclosure" lang="zh-CN">\n{body}\n</article>\n'
                "</body></html>\n"
            )
        head = '<!doctype html>\n<html><head><meta charset="utf-8"></head><body>\n'
        return f"{head}{body}\n</body></html>\n"


def _outside_fallbacks(elements: Iterator[etree._Element]) -> Iterator[etree._Element]:
    """*elements* but those in an ``mc:Fallback`` (a second copy of a text box)."""
    for element in elements:
        if not any(a.tag == _MC_FALLBACK for a in element.iterancestors()):
            yield element


def _text_boxes(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The contents of the text boxes anchored in *paragraph*, each once."""
    return _outside_fallbacks(paragraph.iter(f"{_W}txbxContent"))


def _children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    """The *name* children of *element*, looking through content controls (``w:sdt``)."""
    for child in element:
        if child.tag == f"{_W}{name}":
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _children(child, name)


def _span(value: str | None, default: int = 1) -> int:
    if value is None or not value.isdigit():
        return default
    return max(default, min(int(value), MAX_GRID_SPAN))


def docx_html(data: bytes) -> str:
    """The paragraphs and tables of a ``.docx`` as simple HTML, merged cells as spans.

    Raises :class:`~gov_disclosure.ReadError` when *data* is not a readable
    Word document.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            document = _read_part(package, _DOCUMENT)
            styles = _read_part(package, _STYLES)
    except ReadError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ReadError(f"not a readable .docx: {exc}") from None
    except (NotImplementedError, RuntimeError) as exc:  # unsupported compression, encryption
        raise ReadError(f"not a readable .docx: {exc}") from None
    if document is None:
        raise ReadError("not a Word document: the .docx has no word/document.xml")
    root = _parse_xml(document, _DOCUMENT)
    body = root.find(f"{_W}body")
    if body is None:
        raise ReadError("not a Word document: word/document.xml has no body")
    style_map = _styles(styles)
    own = "GDTitle" in style_map and any(
        _val(p, f"{_W}pPr/{_W}pStyle") == "GDTitle" for p in body.iter(f"{_W}p")
    )
    writer = _Writer(style_map, own)
    writer.body(body)
    return writer.html()
