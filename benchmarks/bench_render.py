"""Benchmark: rendering the example report in every format (issue: renderers).

Prints the median time of one render of ``examples/zhongwei-justice-2024.toml``
(loaded once) in each format. Target: under 2 ms per format.

    python benchmarks/bench_render.py
"""

from __future__ import annotations

import functools
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import gov_disclosure as gd
from gov_disclosure.renderers import HtmlRenderer, MarkdownRenderer, TextRenderer
from gov_disclosure.renderers._common import Renderer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "zhongwei-justice-2024.toml"
TARGET = 2e-3

RENDERERS: dict[str, Renderer] = {
    "markdown": MarkdownRenderer(),
    "html fragment": HtmlRenderer(),
    "html page": HtmlRenderer(standalone=True),
    "text aligned": TextRenderer(),
    "text tsv": TextRenderer(layout="tsv"),
}


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up: the per-table templates are built on first use
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
