"""Render a report data file as a standalone HTML page and take a headless Chromium screenshot.

To look at the HTML rendering as a person would (merged cells, the vertical
label, borders, CJK fonts)::

    python tools/screenshot.py examples/zhongwei-justice-2024.toml out.png
    python tools/screenshot.py examples/zhongwei-justice-2024.toml phone.png --width 390
    python tools/screenshot.py examples/zhongwei-justice-2024.toml printed.pdf

An output ending in ``.pdf`` is the page as Chromium prints it (the stylesheet's
``@media print``: A4), to check the page breaks.

Needs Debian's ``chromium`` on the PATH (``apt-get install chromium``; CJK
fonts such as ``fonts-noto-cjk`` make the text readable).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import gov_disclosure as gd
from gov_disclosure.renderers import render

#: Flags that keep headless Chromium quiet, offline and free of any profile of the user's.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def screenshot(source: Path, output: Path, *, width: int = 1200, height: int = 3000) -> Path:
    """Render *source* (a ``.toml``/``.json`` report) as a page, save a screenshot as *output*.

    A PNG of the window (*width* × *height*), or the printed page if *output* ends in ``.pdf``.
    """
    chromium = shutil.which("chromium")
    if chromium is None:
        raise FileNotFoundError(
            "chromium is not on the PATH: install it with 'apt-get install chromium'"
        )
    page = render(gd.load(source), "html", standalone=True)
    with tempfile.TemporaryDirectory(prefix="gd-screenshot-") as folder:
        html_file = Path(folder) / "report.html"
        html_file.write_text(page, encoding="utf-8")
        profile = Path(folder) / "profile"
        output = output.resolve()
        output.unlink(missing_ok=True)
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            *(
                ("--no-pdf-header-footer", f"--print-to-pdf={output}")
                if output.suffix.lower() == ".pdf"
                else (f"--screenshot={output}", f"--window-size={width},{height}")
            ),
            html_file.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if not output.is_file() or output.stat().st_size == 0:
        raise RuntimeError(
            f"chromium made no screenshot (exit {result.returncode}):\n{result.stderr}"
        )
    return output


def main(argv: list[str] | None = None) -> int:
    """Command line: ``screenshot.py DATA_FILE OUTPUT_PNG [--width W] [--height H]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="report data file (.toml or .json)")
    parser.add_argument("output", type=Path, help="PNG file to write (or .pdf: the printed page)")
    parser.add_argument("--width", type=int, default=1200, help="window width in pixels")
    parser.add_argument("--height", type=int, default=3000, help="window height in pixels")
    args = parser.parse_args(argv)
    try:
        path = screenshot(args.source, args.output, width=args.width, height=args.height)
    except (FileNotFoundError, RuntimeError, gd.DataError) as exc:
        print(f"screenshot: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
