"""tools/screenshot.py: the example rendered as a page and photographed by headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

SCRIPT = ROOT / "tools" / "screenshot.py"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="chromium is not installed (apt-get install chromium) so no screenshot can be taken",
)
def test_screenshot_of_the_example_is_a_png(tmp_path: Path) -> None:
    output = tmp_path / "example.png"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(EXAMPLES / "zhongwei-justice-2024.toml"), str(output)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = output.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 3000)
    assert len(data) > 50_000  # a page of text and tables, not a blank image


def test_screenshot_without_chromium_says_so(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(EXAMPLES / "zhongwei-justice-2024.toml"), "x.png"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
        env={"PATH": str(tmp_path)},
    )
    assert result.returncode == 1
    assert "chromium is not on the PATH" in result.stderr
    assert not (tmp_path / "x.png").exists()
