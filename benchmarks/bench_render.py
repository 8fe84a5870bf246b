"""Benchmark: rendering the example report in every format (issue: renderers, Word output).

Prints the median time of one render of ``examples/zhongwei-justice-2024.toml``
(loaded once) in each format. Targets: under 2 ms per text format; the Word
document (``.docx``, needs python-docx) under 30 ms and within 20× of the HTML
page rendered in the same run.

    python benchmarks/bench_render.py
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import gov_disclosure as gd
from gov_disclosure.renderers import (
    DocxRenderer,
    HtmlRenderer,
    MarkdownRenderer,
    Renderer,
    TextRenderer,
)

from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "zhongwei-justice-2024.toml"
TARGET = 2e-3
DOCX_TARGET = 30e-3
DOCX_RATIO = 20

RENDERERS: dict[str, Renderer[Any]] = {
    "markdown": MarkdownRenderer(),
    "html fragment": HtmlRenderer(),
    "html page": HtmlRenderer(standalone=True),
    "text aligned": TextRenderer(),
    "text tsv": TextRenderer(layout="tsv"),
    "docx": DocxRenderer(),
}


def _size(output: str | bytes) -> int:
    return len(output.encode("utf-8") if isinstance(output, str) else output)


def main() -> None:
    report = gd.load(EXAMPLE)
    print(f"example: {EXAMPLE.name}, median of 1000 renders (200 for docx)")
    times: dict[str, float] = {}
    for name, renderer in RENDERERS.items():
        repeat = 200 if name == "docx" else 1000
        try:
            seconds = median_seconds(functools.partial(renderer.render, report), repeat)
        except ImportError as exc:
            print(f"{name:<15} skipped: {exc}")
            continue
        times[name] = seconds
        target = DOCX_TARGET if name == "docx" else TARGET
        verdict = "ok" if seconds < target else "SLOW"
        size = _size(renderer.render(report))
        print(
            f"{name:<15} {seconds * 1e3:7.3f} ms  {size:7,} bytes  "
            f"(target < {target * 1e3:g} ms) {verdict}"
        )
    if "docx" in times:
        ratio = times["docx"] / times["html page"]
        verdict = "ok" if ratio <= DOCX_RATIO else "SLOW"
        print(f"docx / html page: {ratio:.1f}x (target <= {DOCX_RATIO}x) {verdict}")


if __name__ == "__main__":
    main()
