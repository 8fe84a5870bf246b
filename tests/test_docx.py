"""The Word document: structure (python-docx), round trip through the reader, the example, the look.

A golden ``.docx`` would be binary noise, so the document is opened with
python-docx and compared with what it must hold: the merged-cell grid of each
table against the layout, the fonts (East Asian included) of the title, the
headings, the body and the tables, the page and its margins, the page numbers.
Reading it back with ``gd.parse`` gives the same report. When LibreOffice is
installed, the example is also converted to PDF and its pages checked.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import gov_disclosure as gd
from gov_disclosure._layout import LAYOUTS
from gov_disclosure._outline import TableBlock, cell_text, outline
from gov_disclosure.readers.docx import MAX_DOCUMENT_XML, OLE_MAGIC, docx_html
from gov_disclosure.renderers import DocxRenderer, render
from gov_disclosure.renderers import docx as docx_renderer
from gov_disclosure.renderers._common import grid_positions
from gov_disclosure.strategies import HOSTILE_SAMPLES, printable_reports
from gov_disclosure.strategies import any_reports as reports

from conftest import EXAMPLES, ROOT

docx = pytest.importorskip("docx", reason="python-docx is not installed: pip install python-docx")
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt  # noqa: E402

EXAMPLE = EXAMPLES / "zhongwei-justice-2024.toml"
EXAMPLE_DOCX = EXAMPLES / "zhongwei-justice-2024.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def example() -> gd.Report:
    return gd.load(EXAMPLE)


@pytest.fixture(scope="module")
def document(example: gd.Report) -> Any:
    return docx.Document(io.BytesIO(render(example, "docx")))


# --- the tables: the layout's grid, merged cells and all --------------------------------------


def _docx_grid(table: Any) -> list[tuple[int, int, int, int, str]]:
    """Each cell that starts in *table*: (row, column, rowspan, colspan, text)."""
    started: dict[tuple[int, int], list[Any]] = {}
    cells = []
    for r, tr in enumerate(table._tbl.tr_lst):
        column = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            if tc.vMerge == "continue":
                above = started[(r - 1, column)]
                above[2] += 1
                started[(r, column)] = above
            else:
                text = "\n".join(p.text for p in docx.table._Cell(tc, table).paragraphs)
                cell = [r, column, 1, span, text]
                cells.append(cell)
                started[(r, column)] = cell
            column += span
        assert column == len(table._tbl.tblGrid.gridCol_lst), f"row {r} does not fill the grid"
    return [tuple(c) for c in cells]


def _layout_grid(block: TableBlock) -> list[tuple[int, int, int, int, str]]:
    return [
        (
            r,
            column,
            cell.rowspan,
            cell.colspan,
            cell.text if cell.path is None else cell_text(block.cell(cell.path)),
        )
        for r, placed in enumerate(grid_positions(block.layout))
        for column, cell in placed
    ]


def _tables(report: gd.Report) -> list[TableBlock]:
    return [block for block in outline(report) if isinstance(block, TableBlock)]


def test_every_table_has_the_merged_cell_grid_of_its_layout(
    example: gd.Report, document: Any
) -> None:
    blocks = _tables(example)
    assert len(document.tables) == len(blocks) == 3
    for table, block in zip(document.tables, blocks, strict=True):
        assert _docx_grid(table) == _layout_grid(block)


def test_table_three_merges_as_the_form(document: Any) -> None:
    grid = {(r, c): (rs, cs, text) for r, c, rs, cs, text in _docx_grid(document.tables[1])}
    layout = LAYOUTS["applications"]
    assert grid[(0, 0)][:2] == (3, 3)  # the note cell over 3 × 3
    assert grid[(0, 3)] == (1, 7, "申请人情况")
    assert grid[(1, 4)] == (1, 5, "法人或其他组织")
    assert grid[(5, 0)] == (22, 1, "三、本年度办理结果")
    assert grid[(7, 1)] == (8, 1, "（三）不予公开")
    assert len(document.tables[1].rows) == len(layout.grid) == 28
    vertical = document.tables[1]._tbl.tr_lst[5].tc_lst[0]
    assert vertical.find(f"{W}tcPr/{W}textDirection").get(qn("w:val")) == "tbRlV"


def test_rows_of_headers_stay_with_the_row_after_them(document: Any) -> None:
    for table, layout in zip(document.tables, LAYOUTS.values(), strict=True):
        rows = table._tbl.tr_lst
        for tr, placed in zip(rows, grid_positions(layout), strict=True):
            if all(cell.role == "header" for _, cell in placed):
                assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p"))


def test_table_four_has_three_header_rows_that_repeat(document: Any) -> None:
    rows = document.tables[2]._tbl.tr_lst
    assert [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows] == [True] * 3 + [False]
    grid = _docx_grid(document.tables[2])
    assert grid[:2] == [(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼")]


def test_no_row_splits_and_table_three_stays_on_one_page(document: Any) -> None:
    for table in document.tables:
        for tr in table._tbl.tr_lst:
            assert tr.find(f"{W}trPr/{W}cantSplit") is not None
    rows = document.tables[1]._tbl.tr_lst
    for r, tr in enumerate(rows):
        kept = {p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p")}
        assert kept == {r < len(rows) - 1}, f"row {r}"
    header = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows]
    assert header == [True] * 3 + [False] * 25


def test_blank_slash_and_noted_cells_print_as_in_the_other_renderers() -> None:
    table = gd.Applications(
        received=gd.ApplicantRow(
            natural_person=gd.Count(3, note="其中2件"),
            commercial=gd.Count(not_applicable=True),
            research=gd.Count(),
        )
    )
    report = gd.Report(gd.Agency("某局"), 2024, applications=table)
    (table_xml,) = docx.Document(io.BytesIO(render(report, "docx"))).tables
    cells = {(r, c): text for r, c, _, _, text in _docx_grid(table_xml)}
    assert [cells[(3, c)] for c in range(3, 6)] == ["3（其中2件）", "/", ""]
    html = gd.render(report, "html")
    assert "<td>3（其中2件）</td><td>/</td><td></td>" in html


# --- the page, the fonts, the page numbers ---------------------------------------------------


def test_page_is_a4_with_the_margins_of_the_standard(document: Any) -> None:
    (section,) = document.sections
    measures = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    assert [round(m.mm, 1) for m in measures] == [210, 297, 37, 35, 28, 26]


def _east_asian(run: Any) -> str | None:
    """The East Asian font of a run (python-docx's ``Run`` or its ``w:r`` element)."""
    fonts = getattr(run, "_r", run).find(f"{W}rPr/{W}rFonts")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _paragraphs(document: Any, style: str) -> list[Any]:
    return [p for p in document.paragraphs if p.style.style_id == style]


@pytest.mark.parametrize(
    ("style", "font", "size"),
    [
        ("GDTitle", "方正小标宋简体", 22),
        ("GDHeading1", "黑体", 16),
        ("GDHeading2", "楷体_GB2312", 16),
        ("GDBody", "仿宋_GB2312", 16),
        ("GDSignature", "仿宋_GB2312", 16),
    ],
)
def test_fonts_of_title_headings_and_body(document: Any, style: str, font: str, size: int) -> None:
    paragraphs = _paragraphs(document, style)
    assert paragraphs
    runs = [run for p in paragraphs for run in p.runs]
    assert runs
    assert {_east_asian(run) for run in runs} == {font}
    assert {run.font.size for run in runs} == {Pt(size)}
    styled = document.styles[style.replace("GD", "GD ").replace("Heading", "Heading ")]
    assert styled.font.size == Pt(size)
    assert styled.element.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == font


def test_every_run_names_its_east_asian_font(document: Any) -> None:
    parts = [document.element, *(f._element for f in _footers(document))]
    runs = [r for part in parts for r in part.iter(f"{W}r")]
    assert len(runs) > 300
    for run in runs:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None, run.xml[:200]
        assert fonts.get(qn("w:eastAsia")), run.xml[:200]


def test_table_text_is_small_and_figures_centred(document: Any) -> None:
    for table in document.tables:
        for tc in table._tbl.iter(f"{W}tc"):
            for p in tc.iter(f"{W}p"):
                assert p.find(f"{W}pPr/{W}pStyle").get(qn("w:val")) == "GDTable"
            for run in tc.iter(f"{W}r"):
                assert _east_asian(run) == "宋体"
                assert run.find(f"{W}rPr/{W}sz").get(qn("w:val")) == "18"  # 小五, 9 pt
    figures = document.tables[1]._tbl.tr_lst[3].tc_lst[1:]
    assert {tc.find(f"{W}p/{W}pPr/{W}jc").get(qn("w:val")) for tc in figures} == {"center"}


def test_fonts_fall_back_where_missing() -> None:
    data = render(gd.Report(gd.Agency("某局"), 2024), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
    for font, fallback in (
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("方正小标宋简体", "宋体"),
    ):
        assert re.search(rf'w:name="{font}"><w:altName w:val="{fallback}"/>', table)


def test_body_layout_22_lines_indent_and_signature(document: Any) -> None:
    body = document.styles["GD Body"].paragraph_format
    assert body.line_spacing == Pt(28.95)  # 225 mm / 22 lines, rounded down
    assert body.first_line_indent == Pt(32)  # two characters of 16 pt
    title = document.styles["GD Title"].paragraph_format
    assert title.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    signature = _paragraphs(document, "GDSignature")
    assert [p.text for p in signature] == ["中卫市司法局"]  # the example states no date
    assert document.styles["GD Signature"].paragraph_format.alignment == (
        docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    )


def _footers(document: Any) -> Iterator[Any]:
    (section,) = document.sections
    yield section.footer
    yield section.even_page_footer


def test_page_numbers_odd_right_even_left(document: Any) -> None:
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = _footers(document)
    for footer, side in ((odd, "right"), (even, "left")):
        (paragraph,) = footer.paragraphs
        assert paragraph._p.find(f"{W}pPr/{W}jc").get(qn("w:val")) == side
        assert paragraph._p.find(f"{W}pPr/{W}ind").get(qn(f"w:{side}")) == "280"  # one 4号 char
        field = paragraph._p.find(f"{W}fldSimple")
        assert field.get(qn("w:instr")).strip() == "PAGE"
        text = "".join(t.text for t in paragraph._p.iter(f"{W}t"))
        assert text == "— 1 —"
        assert {run.font.size for run in paragraph.runs} == {Pt(14)}
        assert {_east_asian(r) for r in paragraph._p.iter(f"{W}r")} == {"宋体"}


def test_the_title_breaks_after_the_agency_name(example: gd.Report, document: Any) -> None:
    assert [p.text for p in _paragraphs(document, "GDTitle")] == [
        "中卫市司法局",
        "2024年政府信息公开工作年度报告",
    ]
    short = docx.Document(io.BytesIO(render(gd.Report(gd.Agency("某局"), 2024), "docx")))
    assert [p.text for p in _paragraphs(short, "GDTitle")] == ["某局2024年政府信息公开工作年度报告"]


# --- bytes: deterministic, safe ---------------------------------------------------------------


def test_the_same_report_gives_the_same_bytes(example: gd.Report, document: Any) -> None:
    assert render(example, "docx") == DocxRenderer().render(example)
    properties = document.core_properties
    assert properties.title == "中卫市司法局2024年政府信息公开工作年度报告"
    assert properties.author == "中卫市司法局"
    # No publication date: 1 January of the next year, never the time of rendering.
    assert str(properties.created) == str(properties.modified) == "2025-01-01 00:00:00+00:00"
    dated = gd.Report(gd.Agency("某局"), 2024, published=__import__("datetime").date(2025, 1, 20))
    opened = docx.Document(io.BytesIO(render(dated, "docx")))
    assert str(opened.core_properties.created.date()) == "2025-01-20"
    signature = [p.text for p in _paragraphs(opened, "GDSignature")]
    assert signature == ["某局", "2025年1月20日"]


def test_text_is_text_whatever_it_holds() -> None:
    hostile = "</w:t></w:r><w:r><w:t>x & y <b> \x01\x0b end"  # a lone surrogate is refused
    report = gd.Report(gd.Agency("某局"), 2024, preamble=(hostile, *HOSTILE_SAMPLES))
    opened = docx.Document(io.BytesIO(render(report, "docx")))
    texts = [p.text for p in _paragraphs(opened, "GDBody")]
    assert texts[0] == "</w:t></w:r><w:r><w:t>x & y <b> \ufffd\ufffd end"
    assert texts[1:] == [s.replace("\r\n", "\n\n") for s in HOSTILE_SAMPLES]  # w:cr reads "\n"


def test_without_python_docx_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    docx_renderer._package.cache_clear()
    monkeypatch.setitem(sys.modules, "docx", None)
    try:
        with pytest.raises(ImportError, match=r"pip install 'gov_disclosure\[docx\]'"):
            render(gd.Report(gd.Agency("某局"), 2024), "docx")
    finally:
        docx_renderer._package.cache_clear()


# --- reading it back -------------------------------------------------------------------------


def test_the_example_reads_back(example: gd.Report, tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(render(example, "docx"))
    result = gd.read(path)
    assert result.format == "docx"
    assert result.report == example
    assert [f.code for f in result.findings] == ["READ-AGENCY-KIND"]
    assert gd.parse(path.read_bytes()).report == example  # told from the content


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(report=printable_reports())
def test_generated_reports_read_back(report: gd.Report) -> None:
    assert gd.parse(render(report, "docx"), "docx").report == report


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports())
def test_any_report_renders_to_a_document_python_docx_opens(report: gd.Report) -> None:
    data = render(report, "docx")
    opened = docx.Document(io.BytesIO(data))
    assert len(opened.tables) == len(_tables(report))
    for table, block in zip(opened.tables, _tables(report), strict=True):
        assert [cell[:4] for cell in _docx_grid(table)] == [
            cell[:4] for cell in _layout_grid(block)
        ]


def _docx_of(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_document_s_merged_cells_become_spans() -> None:
    document = docx.Document()
    document.add_paragraph("某局2024年政府信息公开工作年度报告", style="Title")
    document.add_paragraph("一、总体情况", style="Heading 1")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "合并"
    table.cell(0, 2).text = "a"
    table.cell(2, 0).merge(table.cell(2, 2)).text = "整行"
    html = docx_html(_docx_of(document))
    assert "<h1>某局2024年政府信息公开工作年度报告</h1>" in html
    assert "<h2>一、总体情况</h2>" in html
    assert '<td colspan="2" rowspan="2">合并</td><td>a</td>' in html
    assert '<td colspan="3">整行</td>' in html
    assert 'class="gov-disclosure"' not in html  # not this library's own document


def _minimal_docx(body: str) -> bytes:
    """A .docx holding only word/document.xml with *body* (what the reader needs)."""
    namespaces = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "word/document.xml", f"<w:document {namespaces}><w:body>{body}</w:body></w:document>"
        )
    return buffer.getvalue()


def test_text_boxes_and_nested_tables_are_read_once() -> None:
    box = "<w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent>"
    body = (
        "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice><w:drawing>{box}</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "</w:tc></w:tr></w:tbl>"
    )
    html = docx_html(_minimal_docx(body))
    assert "<p>正文</p>\n<p>框中文字</p>" in html
    assert html.count("框中文字") == 1
    assert "<td>外<br>内</td>" in html


def test_a_word_document_without_the_library_s_styles_reads_the_same(example: gd.Report) -> None:
    data = render(example, "docx")
    stripped = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(stripped, "w") as out:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "word/document.xml":
                part = re.sub(rb'<w:pStyle w:val="GD[A-Za-z0-9]+"/>', b"", part)
            out.writestr(info, part)
    assert 'class="gov-disclosure"' not in docx_html(stripped.getvalue())
    assert gd.parse(stripped.getvalue()).report == example


def test_a_legacy_doc_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(OLE_MAGIC + b"\x00" * 600)
    with pytest.raises(gd.ReadError, match=r"save it as \.docx") as info:
        gd.read(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 not really a zip", "not a readable .docx"),
        (b"", "not a readable .docx"),
    ],
)
def test_a_broken_docx_is_a_read_error(data: bytes, message: str) -> None:
    with pytest.raises(gd.ReadError, match=message):
        gd.parse(data, "docx")


def test_a_zip_without_a_document_is_a_read_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/other.xml", "<x/>")
    with pytest.raises(gd.ReadError, match=r"no word/document\.xml"):
        gd.parse(buffer.getvalue(), "docx")


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b" " * (MAX_DOCUMENT_XML + 1))
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(gd.ReadError, match="more than"):
        gd.parse(buffer.getvalue())


# --- the example in examples/ ----------------------------------------------------------------


def _document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_the_example_docx_is_current(example: gd.Report) -> None:
    """examples/ holds the example as .docx; ``GOLDEN_UPDATE=1`` rewrites it.

    The document part (all of it this library's) is compared exactly; the rest
    comes from python-docx's template, which may change between its versions.
    """
    rendered = render(example, "docx")
    if __import__("os").environ.get("GOLDEN_UPDATE") == "1":
        EXAMPLE_DOCX.write_bytes(rendered)
    stored = EXAMPLE_DOCX.read_bytes()
    assert _document_xml(stored) == _document_xml(rendered)
    assert gd.read(EXAMPLE_DOCX).report == example


# --- the look: LibreOffice's PDF -------------------------------------------------------------

TOOL = ROOT / "tools" / "docx_preview.py"
needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (libreoffice-writer) and pdftoppm (poppler-utils) are not installed",
)


@needs_office
def test_the_example_prints_on_a4_with_table_three_on_one_page(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(TOOL), str(EXAMPLE_DOCX), str(tmp_path), "--dpi", "20"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "zhongwei-justice-2024.pdf"
    pages = sorted(tmp_path.glob("zhongwei-justice-2024-*.png"))
    assert len(pages) >= 5
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pages)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+595(\.\d+)? x 84[12]", info.stdout)  # A4 in points
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    by_page = text.split("\f")
    first = next(i for i, page in enumerate(by_page) if "（一）予以公开" in page)
    assert "四、结转下年度继续办理" in by_page[first]  # table 三 on one page
    assert "申请人情况" in by_page[first]
    numbers = [re.findall(r"—\s*(\d+)\s*—", page) for page in by_page if page.strip()]
    assert numbers == [[str(n)] for n in range(1, len(numbers) + 1)]
