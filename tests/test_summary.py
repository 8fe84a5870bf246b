"""The summary page of a folder's checks: a sortable table and inline SVG charts."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import gov_disclosure as gd
from gov_disclosure._summary import summary_html

from conftest import EXAMPLES

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NS = "{http://www.w3.org/1999/xhtml}"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _reports() -> list[object]:
    bad = gd.Report(
        gd.Agency(HOSTILE),
        2024,
        review_litigation=gd.ReviewLitigation(review=gd.ReviewOutcomes(10, 1, 0, 0, 0)),
    )
    good = gd.Report.template(gd.Agency("某某局"), 2023)
    return [bad, good, EXAMPLES / "zhongwei-justice-2024.toml", Path("missing.toml")]


def test_the_page_has_the_table_charts_and_escapes_every_text() -> None:
    html5lib = pytest.importorskip("html5lib")
    page = summary_html(_reports())
    tree = html5lib.parse(page)
    scripts = tree.findall(f".//{NS}script")
    assert len(scripts) == 1  # the sorting script only: the agency's <script> is text
    assert not [e for e in tree.iter() if "onerror" in e.attrib]
    assert not tree.findall(f".//{NS}img")
    rows = tree.findall(f".//{NS}tbody/{NS}tr")
    assert len(rows) == 4
    cells = ["".join(td.itertext()) for td in rows[0]]
    assert cells[:4] == [HOSTILE, "2024", "1", str(cells[3])]
    assert cells[4].startswith("T4-TOTAL 行政复议·总计：应为 11")
    assert "".join(rows[3][2].itertext()) == "无法读取"
    svgs = tree.findall(".//{http://www.w3.org/2000/svg}svg")
    assert len(svgs) == 3
    assert "报告按错误数分布" in page
    assert "全部报告的申请办理结果" in page


def test_the_csp_allows_only_the_inline_script_by_its_hash() -> None:
    page = summary_html(_reports())
    (script,) = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    assert f"script-src 'sha256-{digest}'" in csp.group(1)
    assert "default-src 'none'" in csp.group(1)
    assert "http" not in csp.group(1)
    assert not re.search(r'(src|href)="https?:', page)  # nothing loaded from elsewhere


def test_the_outcome_chart_adds_up_the_folder() -> None:
    table = gd.Applications.from_parts(
        received=gd.ApplicantRow.from_parts(7), granted=gd.ApplicantRow.from_parts(7)
    )
    reports = [gd.Report(gd.Agency("甲局"), 2024, applications=table)] * 3
    page = summary_html(reports)
    assert re.search(r"<title>予以公开：21</title>", page)


@pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="chromium is not installed (apt-get install chromium) so no screenshot can be taken",
)
def test_screenshot_of_the_summary_is_a_png(tmp_path: Path) -> None:
    page = tmp_path / "summary.html"
    page.write_text(summary_html(_reports()), encoding="utf-8")
    output = tmp_path / "summary.png"
    chromium = shutil.which("chromium")
    assert chromium is not None
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={output}",
        "--window-size=1200,1400",
        page.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    data = output.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1200, 1400)
    assert len(data) > 30_000  # text, a table and charts, not a blank page


def test_links_are_relative_to_the_page(tmp_path: Path) -> None:
    source = tmp_path / "reports" / "甲 局.toml"
    source.parent.mkdir()
    gd.dump(gd.Report.template(gd.Agency("甲局"), 2024), source)
    page = summary_html([source], base=tmp_path / "out")
    assert 'href="../reports/%E7%94%B2%20%E5%B1%80.toml"' in page
    assert f'href="{source.as_uri()}"' in summary_html([source])
