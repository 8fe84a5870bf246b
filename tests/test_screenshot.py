"""tools/screenshot.py: the example rendered as a page and photographed by headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

SCRIPT = ROOT / "tools" / "screenshot.py"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _run_tool(output: Path) -> None:
    """tools/screenshot.py on the example, writing *output* (a .png or a .pdf)."""
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(EXAMPLES / "zhongwei-justice-2024.toml"), str(output)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="chromium is not installed (apt-get install chromium) so no screenshot can be taken",
)
def test_screenshot_of_the_example_is_a_png(tmp_path: Path) -> None:
    output = tmp_path / "example.png"
    _run_tool(output)
    data = output.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 3000)
    assert len(data) > 50_000  # a page of text and tables, not a blank image


@pytest.mark.skipif(
    shutil.which("chromium") is None or shutil.which("pdftotext") is None,
    reason="chromium and pdftotext (poppler-utils) are needed to print the page",
)
def test_the_printed_page_is_a4_with_table_three_on_one_page(tmp_path: Path) -> None:
    output = tmp_path / "printed.pdf"
    _run_tool(output)
    info = subprocess.run(["pdfinfo", str(output)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info.stdout)
    text = subprocess.run(
        ["pdftotext", str(output), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    (first,) = [i for i, page in enumerate(pages) if "（一）予以公开" in page]
    assert "四、结转下年度继续办理" in pages[first]  # table 三 on one page
    assert "三、收到和处理政府信息公开申请情况" in pages[first]  # with its heading
    # The page before table 三 is not left half empty: table 二 may break, table 三 not.
    assert len(pages[first - 1].split("\n")) > 15


def test_screenshot_without_chromium_says_so(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(EXAMPLES / "zhongwei-justice-2024.toml"), "x.png"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
        # No chromium on this PATH; the package found as in this run (installed, or PYTHONPATH).
        env={"PATH": str(tmp_path), "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert result.returncode == 1
    assert "chromium is not on the PATH" in result.stderr
    assert not (tmp_path / "x.png").exists()
