"""Benchmark: rendering the example report in every format (issue: renderers).

Prints the median time of one render of ``examples/zhongwei-justice-2024.toml``
(loaded once) in each format. Target: under 2 ms per format.

    python benchmarks/bench_render.py
"""

from __future__ import annotations

import functools
from pathlib import Path

import gov_disclosure as gd
from gov_disclosure.renderers import HtmlRenderer, MarkdownRenderer, TextRenderer
from gov_disclosure.renderers._common import Renderer

from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "zhongwei-justice-2024.toml"
TARGET = 2e-3

RENDERERS: dict[str, Renderer[str]] = {
    "markdown": MarkdownRenderer(),
    "html fragment": HtmlRenderer(),
    "html page": HtmlRenderer(standalone=True),
    "text aligned": TextRenderer(),
    "text tsv": TextRenderer(layout="tsv"),
}


def main() -> None:
    report = gd.load(EXAMPLE)
    print(f"example: {EXAMPLE.name}, median of 1000 renders (target < {TARGET * 1e3:g} ms)")
    for name, renderer in RENDERERS.items():
        seconds = median_seconds(functools.partial(renderer.render, report), 1000)
        size = len(renderer.render(report).encode("utf-8"))
        verdict = "ok" if seconds < TARGET else "SLOW"
        print(f"{name:<15} {seconds * 1e3:7.3f} ms  {size:7,} bytes  {verdict}")


if __name__ == "__main__":
    main()
