"""Reading published reports: the corpus cell for cell, reading findings, and bad input."""

from __future__ import annotations

import datetime
import importlib.util
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import _form

from conftest import EXAMPLES, corpus_params, expected_report_data

HAS_PYPDF = importlib.util.find_spec("pypdf") is not None

#: Agency names the source states differently from expected.json, and why. The reader
#: holds the report as stated, so these are read as printed.
AGENCY_AS_STATED = {
    # The report only ever calls itself 上海市科委 / 市科委 (科学技术委员会 is never printed).
    "shanghai-stc-2024": "上海市科委",
    # The OCR'd source prints 沐阳县 throughout (expected.json notes the misreading).
    "shuyang-county-gov-2025": "沐阳县人民政府",
}


def sources(folder: Path) -> list[Path]:
    found = [p for p in sorted(folder.iterdir()) if p.stem == "source" and p.suffix != ".pdf"]
    pdf = folder / "source.pdf"
    if pdf.exists() and HAS_PYPDF:
        found.append(pdf)
    return found


def table_cells(report: gd.Report) -> dict[str, Any]:
    return {
        path: (_form.get(report, path) if getattr(report, info.table) is not None else None)
        for path, info in gd.CELLS.items()
        if info.table != "other_matters"
    }


@pytest.mark.parametrize("folder", corpus_params())
def test_corpus_reads_to_exactly_its_expected_figures(folder: Path) -> None:
    data, violations = expected_report_data(folder)
    expected = gd.from_dict(data)
    for source in sources(folder):
        result = gd.read(source)
        report = result.report
        assert report.year == expected.year, source
        agency = AGENCY_AS_STATED.get(folder.name, expected.agency.name)
        assert report.agency.name == agency, source
        got, want = table_cells(report), table_cells(expected)
        wrong = {path: (got[path], want[path]) for path in want if got[path] != want[path]}
        assert wrong == {}, source
        errors = sorted(
            (f.code, f.path, f.printed, f.computed)
            for f in gd.check(report)
            if f.severity == "error"
        )
        assert errors == sorted(
            (v["code"], v["cell"], v["printed"], v["computed"]) for v in violations
        )
        assert not [f for f in result.findings if f.severity == "error"], source


@pytest.mark.parametrize("folder", corpus_params())
def test_rows_in_the_2019_format_are_reported_not_mapped(folder: Path) -> None:
    import json

    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    nonstandard = expected["applications"].get("nonstandard_rows", {})
    for source in sources(folder):
        old = [f for f in gd.read(source).findings if f.code == "FORMAT-2019"]
        assert len(old) == len(nonstandard)
        for finding, (label, values) in zip(old, nonstandard.items(), strict=True):
            assert finding.message.startswith(label)
            assert " ".join(str(v) for v in values) in finding.message
            assert finding.excerpt is not None


def test_known_variants_are_reported() -> None:
    folder = Path(__file__).parent.parent.parent / "shared" / "corpus" / "hongze-district-gov-2024"
    if not folder.is_dir():
        pytest.skip("the shared corpus is not beside this checkout")
    findings = gd.read(folder / "source.txt").findings
    (variant,) = [f for f in findings if f.code == "READ-LABEL-VARIANT"]
    assert variant.path == "applications.withheld.prohibited_by_law"
    assert "2.其他法律行政止公开" in variant.message


# --- small documents, each showing one reading rule -------------------------------------------

HEAD = "测试局\n2024年政府信息公开工作年度报告\n"
T2 = """二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 {regulations}
行政规范性文件 1 0 5
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 12
"""


def read_text(text: str) -> gd.ReadResult:
    return gd.parse(text, "text")


def test_cell_forms_in_a_text_layer() -> None:
    result = read_text(HEAD + T2.format(regulations="/ — ３"))
    table = result.report.active_disclosure
    assert table is not None
    assert table.regulations == gd.DocumentCounts(gd.Count.na(), gd.Count.na(), gd.Count(3))
    assert table.licensing == gd.Count(12)
    dash = [f for f in result.findings if f.code == "READ-DASH"]
    assert [f.path for f in dash] == ["active_disclosure.regulations.repealed"]
    missing = {f.path for f in result.findings if f.code == "READ-ROW-MISSING"}
    assert missing == {
        "active_disclosure.penalties",
        "active_disclosure.coercive_measures",
        "active_disclosure.fees",
    }


def test_notes_are_kept_beside_their_number() -> None:
    result = read_text(HEAD + T2.format(regulations="0 22（其中修订16件） 3"))
    table = result.report.active_disclosure
    assert table is not None
    assert table.regulations.repealed == gd.Count(22, note="其中修订16件")


@pytest.mark.parametrize(
    ("printed", "code"),
    [("0 -2 3", "CELL-NEGATIVE"), ("0 2.5 3", "CELL-NOT-INTEGER")],
)
def test_impossible_numbers_are_reported_not_held(printed: str, code: str) -> None:
    result = read_text(HEAD + T2.format(regulations=printed))
    table = result.report.active_disclosure
    assert table is not None
    assert table.regulations.repealed == gd.Count()
    (found,) = [f for f in result.findings if f.code == code]
    assert found.severity == "error"
    assert found.path == "active_disclosure.regulations.repealed"


def test_table_two_in_the_2019_format_is_not_mapped() -> None:
    old = T2.replace(
        "本年制发件数 本年废止件数 现行有效件数", "本年新制作数量 本年新公开数量 对外公开总数量"
    )
    result = read_text(HEAD + old.format(regulations="0 0 0"))
    assert result.report.active_disclosure is None
    (found,) = [f for f in result.findings if f.code == "FORMAT-2019"]
    assert "本年新制作数量" in found.message


T3_ROW = "{label} {values}\n"


def table_three(rows: dict[str, str]) -> str:
    from gov_disclosure._layout import LAYOUTS

    lines = ["三、收到和处理政府信息公开申请情况"]
    for row in LAYOUTS["applications"].data_rows:
        values = rows.get(row.path, "0 0 0 0 0 0 0")
        lines.append(f"{row.labels[-1]} {values}")
    return "\n".join(lines) + "\n"


def test_split_digits_are_joined_when_the_row_then_adds_up() -> None:
    text = HEAD + table_three({"applications.granted": "1 2 0 0 0 0 0 12"})
    result = read_text(text)
    applications = result.report.applications
    assert applications is not None
    assert applications.granted == gd.ApplicantRow(12, 0, 0, 0, 0, 0, 12)
    (found,) = [f for f in result.findings if f.code == "READ-SPLIT-DIGITS"]
    assert found.path == "applications.granted.natural_person"


def test_a_row_with_too_many_values_is_not_guessed() -> None:
    result = read_text(HEAD + table_three({"applications.granted": "1 2 3 4 5 6 7 8 9"}))
    applications = result.report.applications
    assert applications is not None
    assert applications.granted == gd.ApplicantRow()
    assert [f.path for f in result.findings if f.code == "READ-ROW-UNREADABLE"] == [
        "applications.granted"
    ]


def test_a_truncated_table_reads_what_is_there() -> None:
    text = HEAD + table_three({}).split("（四）无法提供")[0].rsplit("\n", 2)[0]
    result = read_text(text)
    applications = result.report.applications
    assert applications is not None
    assert applications.received.total == gd.Count(0)
    missing = [f.path for f in result.findings if f.code == "READ-ROW-MISSING"]
    assert "applications.carried_forward" in missing
    assert "applications.received" not in missing


def test_traditional_characters_are_recognised() -> None:
    text = HEAD + "二、主動公開政府信息情況\n規章 0 0 0\n行政規範性文件 1 0 5\n"
    table = read_text(text).report.active_disclosure
    assert table is not None
    assert table.normative_documents == gd.DocumentCounts(1, 0, 5)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("", "the input is empty"),
        ("   \n\t\n", "the input is empty"),
        ("一份普通的通知。\n请各单位遵照执行。", "no title naming a 政府信息公开工作年度报告"),
        (b"\x00\x01\x02binary\xff\xfe" * 50, "binary data"),
        ("测试局政府信息公开工作年度报告\n没有年份。", "report year"),
    ],
)
def test_inputs_that_are_no_report(data: str | bytes, message: str) -> None:
    with pytest.raises(gd.ReadError, match=message):
        gd.parse(data)


def test_huge_input_is_refused(tmp_path: Path) -> None:
    from gov_disclosure.readers._api import MAX_BYTES

    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(MAX_BYTES + 1)
    with pytest.raises(gd.ReadError, match="more than"):
        gd.read(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(gd.ReadError, match="No such file"):
        gd.read(tmp_path / "absent.html")


@pytest.mark.skipif(not HAS_PYPDF, reason="pypdf is not installed (the pdf extra)")
def test_scanned_pdf_says_so() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(gd.ReadError, match="no text layer"):
        gd.parse(buffer.getvalue())


@pytest.mark.skipif(not HAS_PYPDF, reason="pypdf is not installed (the pdf extra)")
def test_damaged_pdf() -> None:
    with pytest.raises(gd.ReadError, match="not a readable PDF"):
        gd.parse(b"%PDF-1.7\n" + b"garbage" * 100)


def test_gbk_html_page() -> None:
    page = (
        "<html><head><meta charset='gbk'></head><body><h1>测试局2024年政府信息公开工作年度报告</h1>"
        "<p>一、总体情况</p><p>正文。</p></body></html>"
    )
    report = gd.parse(page.encode("gbk")).report
    assert report.agency.name == "测试局"
    assert report.overview.paragraphs == ("正文。",)


# --- fuzz: any input gives a report or a ReadError -------------------------------------------


def _samples() -> list[str]:
    """Documents to mutate: a PDF-like text layer, and the example in every rendered format."""
    example = gd.load(EXAMPLES / "zhongwei-justice-2024.toml")
    return [
        HEAD + T2.format(regulations="0 0 0") + table_three({}),
        gd.render(example, "markdown"),
        gd.render(example, "html", standalone=True),
        gd.render(example, "text"),
        gd.render(example, "text", layout="tsv"),
    ]


#: The longest one fuzz example may take: every reading step is linear, and no example is
#: larger than some 30 KB (a generous bound on a loaded machine, not a speed target).
FUZZ_DEADLINE = timedelta(seconds=3)


def _hostile() -> st.SearchStrategy[str | bytes]:
    """The families that escaped the library's errors (issue: bounded time and memory)."""
    html = gd.render(gd.load(EXAMPLES / "zhongwei-justice-2024.toml"), "html", standalone=True)
    charsets = st.sampled_from(["x-unknown-42", "base64", "rot13", "idna", "utf-7", "zlib"])
    return st.one_of(
        charsets.map(lambda name: html.replace("utf-8", name, 1).encode("utf-8")),
        st.integers(16, 5000).map(lambda n: HEAD + T2.format(regulations="9" * n + " 0 0")),
        st.integers(250, 400).map(lambda n: "<div>" * n + HEAD + "</div>" * n),
        st.integers(100, 100_000).map(
            lambda n: HEAD + f'<table><tr><td rowspan="{n}" colspan="{n}">规章</td></tr></table>'
        ),
    )


def _mutations() -> st.SearchStrategy[str]:
    """A sample with a stretch cut out, another inserted, or lines shuffled about."""

    def mutate(text: str, start: int, length: int, insert: str) -> str:
        start %= len(text) + 1
        return text[:start] + insert + text[start + length :]

    def shuffle(text: str, order: list[int]) -> str:
        lines = text.splitlines()
        return "\n".join(lines[i % len(lines)] for i in order)

    samples = st.sampled_from(_samples())
    return st.one_of(
        st.builds(
            mutate, samples, st.integers(0, 20_000), st.integers(0, 500), st.text(max_size=50)
        ),
        st.builds(shuffle, samples, st.lists(st.integers(0, 400), max_size=200)),
    )


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=FUZZ_DEADLINE)
@given(
    st.one_of(st.text(), st.binary(), _mutations(), _hostile()),
    st.sampled_from([None, "text", "markdown", "html"]),
)
def test_fuzz_never_crashes(data: str | bytes, fmt: Any) -> None:
    try:
        result = gd.parse(data, fmt)
    except gd.ReadError:
        return
    assert isinstance(result.report, gd.Report)
    gd.check(result.report)


def test_check_findings_can_be_located_in_the_source() -> None:
    text = HEAD + table_three({"applications.granted": "1 0 0 0 0 0 2"})
    result = read_text(text)
    located = result.located(gd.check(result.report))
    (row_total,) = [f for f in located if f.code == "T3-ROW-TOTAL"]
    granted_line = next(n for n, line in enumerate(text.splitlines(), 1) if "予以公开" in line)
    assert row_total.line == granted_line
    assert result.lines["applications.received"] == granted_line - 2


@pytest.mark.parametrize(
    ("printed", "path"),
    [
        ("5.属于三类内容事务信息", "applications.withheld.internal_affairs"),
        ("2.其他法律行政止公开", "applications.withheld.prohibited_by_law"),
        (
            "（二）部分公开（区分处理的，只计这一情况，不计其他情形）",
            "applications.partially_granted",
        ),
        (
            "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
            "applications.other_handling.no_correction",
        ),
        ("（三）不予公開 1．屬於國家秘密", "applications.withheld.state_secret"),
    ],
)
def test_label_variants_of_the_spec_are_recognised(printed: str, path: str) -> None:
    from gov_disclosure._layout import LAYOUTS

    lines = ["三、收到和处理政府信息公开申请情况"]
    for row in LAYOUTS["applications"].data_rows:
        label = printed if row.path == path else row.labels[-1]
        values = "7 0 0 0 0 0 7" if row.path == path else "0 0 0 0 0 0 0"
        lines.append(f"{label} {values}")
    result = read_text(HEAD + "\n".join(lines) + "\n")
    assert result.report.applications is not None
    row_read = _form.get(result.report, path)
    assert row_read.total == gd.Count(7)
    assert not [f for f in result.findings if f.code == "READ-ROW-MISSING"]


# --- only the library's errors escape (issue: bounded time and memory) --------------------------


def test_an_unknown_or_non_text_charset_is_a_read_error() -> None:
    html = gd.render(gd.load(EXAMPLES / "zhongwei-justice-2024.toml"), "html", standalone=True)
    for name in ("x-unknown-42", "base64", "punycode"):
        with pytest.raises(gd.ReadError, match="charset"):
            gd.parse(html.replace("utf-8", name, 1).encode("utf-8"))
    assert gd.parse(html.replace("utf-8", "gbk", 1).encode("utf-8")).report.year == 2024


def test_undecodable_bytes_are_a_read_error() -> None:
    with pytest.raises(gd.ReadError, match="neither UTF-8 nor GB18030"):
        gd.parse(b"<p>" + bytes(range(0x80, 0x100)) * 40)


def test_a_figure_too_long_to_be_a_count_is_unreadable_not_a_number() -> None:
    result = read_text(HEAD + T2.format(regulations="9" * 5000 + " 0 0"))
    table = result.report.active_disclosure
    assert table is not None
    assert table.regulations.issued == gd.Count()
    assert "READ-CELL-UNREADABLE" in {f.code for f in result.findings}
    gd.check(result.report)
    gd.dumps(result.report, "toml")


@pytest.mark.skipif(not HAS_PYPDF, reason="pypdf is not installed (the pdf extra)")
@pytest.mark.parametrize("error", [NotImplementedError("filter"), RecursionError(), KeyError("x")])
def test_any_error_of_the_pdf_library_is_a_read_error(
    monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    import pypdf

    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(pypdf, "PdfReader", broken)
    with pytest.raises(gd.ReadError, match="not a readable PDF"):
        gd.parse(b"%PDF-1.7\n%%EOF\n")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_is_read_with_the_same_cap() -> None:
    with pytest.raises(gd.ReadError, match="more than"):
        gd.read("/dev/zero")


def test_text_past_the_parsers_depth_is_reported() -> None:
    page = "<p>" + HEAD + "</p>" + "<div>" * 300 + "深处的文字" + "</div>" * 300
    result = gd.parse(page, agency="测试局", year=2024)
    assert "READ-TEXT-DROPPED" in {f.code for f in result.findings}


def test_spans_past_the_bound_are_cut_and_reported() -> None:
    from gov_disclosure.readers.html import MAX_SPAN

    big = MAX_SPAN * 1000
    page = (
        HEAD.replace("\n", "<br>") + f'<table><tr><td rowspan="{big}" colspan="{big}">x</td></tr>'
    )
    result = gd.parse(page + "<tr><td>1</td></tr></table>", "html")
    (dropped,) = [f for f in result.findings if f.code == "READ-TEXT-DROPPED"]
    assert str(MAX_SPAN) in dropped.message


def test_a_result_unpacks_into_the_report_and_its_findings_with_their_types() -> None:
    import pickle
    from typing import assert_type

    result = read_text(HEAD + T2.format(regulations="0 0 0"))
    report, findings = result
    assert_type(report, gd.Report)
    assert_type(findings, tuple[gd.Finding, ...])
    assert report is result.report
    assert findings == result.findings
    assert result.format == "text"
    assert pickle.loads(pickle.dumps(result)) == result
    with pytest.raises(AttributeError, match="immutable"):
        result.format = "html"


def test_a_text_that_starts_with_an_angle_bracket_is_text() -> None:
    result = gd.parse("<测试局>\n" + HEAD + T2.format(regulations="0 0 0"))
    assert result.format == "text"
    assert gd.parse("<p>" + HEAD + "</p>").format == "html"


def test_an_excerpt_reads_with_the_agency_and_year_given() -> None:
    excerpt = T2.format(regulations="1 0 2")
    with pytest.raises(gd.NotAReportError, match="pass year="):
        gd.parse(excerpt)
    result = gd.parse(excerpt, agency="测试局", year=2023)
    assert (result.report.agency.name, result.report.year) == ("测试局", 2023)
    table = result.report.active_disclosure
    assert table is not None
    assert table.regulations == gd.DocumentCounts(gd.Count(1), gd.Count(0), gd.Count(2))


def test_the_year_and_agency_of_an_untitled_source_are_read_with_notes() -> None:
    text = (
        "本报告所列数据的统计期限为2023年1月1日至2023年12月31日。如对本报告有疑问，"
        "请与测试县交通运输局办公室联系。\n" + T2.format(regulations="0 0 0")
    )
    result = gd.parse(text)
    assert (result.report.agency.name, result.report.year) == ("测试县交通运输局", 2023)
    codes = [f.code for f in result.findings]
    assert "READ-YEAR-INFERRED" in codes
    assert "READ-AGENCY-INFERRED" in codes


def test_a_section_that_prints_labels_but_no_figures_is_an_error() -> None:
    text = HEAD + "二、主动公开政府信息情况\n规章 行政规范性文件 行政许可 行政处罚\n"
    result = read_text(text)
    (unread,) = [f for f in result.findings if f.code == "READ-TABLE-UNREAD"]
    assert unread.severity == "error"
    assert unread.path == "active_disclosure"


def test_glued_digits_are_split_only_when_certain() -> None:
    text = HEAD + "二、主动公开政府信息情况\n规章000行政规范性文件2023第二十条第（五）项行政许可3\n"
    result = read_text(text)
    table = result.report.active_disclosure
    assert table is not None
    assert table.regulations == gd.DocumentCounts(gd.Count(0), gd.Count(0), gd.Count(0))
    assert table.normative_documents == gd.DocumentCounts(gd.Count(), gd.Count(), gd.Count())
    assert table.licensing == gd.Count(3)
    (ambiguous,) = [f for f in result.findings if f.code == "READ-CELL-AMBIGUOUS"]
    assert ambiguous.path == "active_disclosure.normative_documents"
    assert "2023" in ambiguous.message


def test_a_run_on_line_gives_its_subsections_and_its_signature() -> None:
    import layouts

    report = attrs.evolve(
        gd.load(EXAMPLES / "zhongwei-justice-2024.toml"), published=datetime.date(2025, 1, 15)
    )
    text = layouts.space_joined(gd.render(report, "text", layout="tsv"))
    assert "\n" not in text.rstrip().rsplit("=\n", 1)[1]  # the report on one line
    read, _ = gd.parse(text.encode("utf-8"), source="page.txt")
    headings = [sub.heading for sub in read.overview.subsections]
    assert len(headings) == len(report.overview.subsections) == 5
    for heading, original in zip(headings, report.overview.subsections, strict=True):
        assert heading.startswith(original.heading)  # the words after it run on: no mark ends it
    assert (read.agency.name, read.published) == ("中卫市司法局", datetime.date(2025, 1, 15))
    from gov_disclosure.strategies import report_texts

    assert "2025年1月15日" not in " ".join(report_texts(read))


def test_a_signature_that_misprints_the_name_is_not_taken_over_the_title() -> None:
    report = attrs.evolve(
        gd.load(EXAMPLES / "zhongwei-justice-2024.toml"), published=datetime.date(2025, 1, 15)
    )
    text = gd.render(report, "text", layout="tsv")
    head, signed, tail = text.rpartition("中卫市司法局\n2025年1月15日")
    assert signed
    read, findings = gd.parse(head + "中卫市司去局\n2025年1月15日" + tail, source="r.txt")
    assert read.agency.name == "中卫市司法局"
    (named,) = [f for f in findings if f.code == "READ-AGENCY-NAME"]
    assert "中卫市司去局" in named.message
