"""Look at a Word rendering: a report (or a ``.docx``) to PDF with LibreOffice, then to PNG pages.

To check the ``.docx`` as it prints (page, margins, fonts, merged cells, page
numbers), compare each page with a published report::

    python tools/docx_preview.py examples/zhongwei-justice-2024.toml preview/
    python tools/docx_preview.py examples/zhongwei-justice-2024.docx preview/ --dpi 80

writes ``preview/<name>.pdf`` and ``preview/<name>-1.png`` … one PNG per page, and
prints their paths. A ``.toml``/``.json`` data file is rendered first
(``gd.render(report, "docx")``). Needs LibreOffice (Debian ``libreoffice-writer``)
and ``pdftoppm`` (``poppler-utils``) on the PATH; CJK fonts such as
``fonts-noto-cjk`` stand in for 仿宋, 黑体 and 楷体 where those are not installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import gov_disclosure as gd
from gov_disclosure.renderers import render

#: Seconds LibreOffice may take to convert one document.
TIMEOUT = 180
#: Free fonts that stand in for the fonts of the official format, for fontconfig: the
#: Noto CJK fonts of Debian's ``fonts-noto-cjk`` (serif for 仿宋/宋体/楷体/小标宋, sans for 黑体).
STAND_INS = {
    "仿宋_GB2312": "Noto Serif CJK SC",
    "仿宋": "Noto Serif CJK SC",
    "楷体_GB2312": "Noto Serif CJK SC",
    "楷体": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC",
    "宋体": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
}


def _fontconfig(folder: Path) -> Path:
    """A fontconfig file: the system's, plus the stand-ins (else any CJK font, often Japanese)."""
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family><prefer><family>{font}</family>'
        "</prefer></alias>"
        for name, font in STAND_INS.items()
    )
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{aliases}</fontconfig>',
        encoding="utf-8",
    )
    return config


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(
            f"{name} is not on the PATH: install it with 'apt-get install {package}'"
        )
    return found


def to_pdf(docx: Path, folder: Path) -> Path:
    """*docx* converted to ``folder/<stem>.pdf`` by headless LibreOffice."""
    office = _tool("soffice", "libreoffice-writer")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gd-office-") as profile:
        command = [
            office,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ]
        env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig(Path(profile)))}
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False, env=env
        )
    pdf = folder / f"{docx.stem}.pdf"
    if not pdf.is_file():
        raise RuntimeError(f"LibreOffice made no PDF (exit {result.returncode}):\n{result.stderr}")
    return pdf


def to_png(pdf: Path, *, dpi: int = 60) -> list[Path]:
    """Each page of *pdf* as ``<stem>-N.png`` beside it (``pdftoppm``)."""
    pdftoppm = _tool("pdftoppm", "poppler-utils")
    prefix = pdf.with_suffix("")
    for old in pdf.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    command = [pdftoppm, "-r", str(dpi), "-png", str(pdf), str(prefix)]
    subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=True)
    pages = pdf.parent.glob(f"{prefix.name}-*.png")
    return sorted(pages, key=lambda p: int(p.stem.rpartition("-")[2]))


def preview(source: Path, folder: Path, *, dpi: int = 60) -> tuple[Path, list[Path]]:
    """*source* (``.docx``, or a data file rendered to one) as a PDF and PNG pages in *folder*."""
    folder.mkdir(parents=True, exist_ok=True)
    if source.suffix.lower() == ".docx":
        docx = source
    else:
        docx = folder / f"{source.stem}.docx"
        docx.write_bytes(render(gd.load(source), "docx"))
    pdf = to_pdf(docx.resolve(), folder.resolve())
    return pdf, to_png(pdf, dpi=dpi)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``docx_preview.py SOURCE FOLDER [--dpi N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help=".docx file, or report data file (.toml/.json)")
    parser.add_argument("folder", type=Path, help="folder for the PDF and the PNG pages")
    parser.add_argument("--dpi", type=int, default=60, help="resolution of the PNG pages")
    args = parser.parse_args(argv)
    try:
        pdf, pages = preview(args.source, args.folder, dpi=args.dpi)
    except (FileNotFoundError, RuntimeError, ImportError, gd.DataError) as exc:
        print(f"docx_preview: {exc}", file=sys.stderr)
        return 1
    except subprocess.SubprocessError as exc:
        print(f"docx_preview: {exc}", file=sys.stderr)
        return 1
    for path in (pdf, *pages):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
