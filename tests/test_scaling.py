"""Bounded time and memory on any input (issue: a 4 KB page must never hang the reader).

Each family of hostile input is built at two sizes, 8× apart. The larger must take
less than :data:`GROWTH` times the smaller (a quadratic step takes 64×, a linear one
8×; the bound leaves room for a noisy machine, never an absolute time), and reading
it must allocate less than :data:`MEMORY` bytes at its peak. A family that is refused
(a ``ReadError``) is timed all the same: refusing must be quick too.
"""

from __future__ import annotations

import contextlib
import time
import tracemalloc
from collections.abc import Callable

import attrs
import pytest

import gov_disclosure as gd

from conftest import EXAMPLES

SMALL = 8 * 1024
LARGE = 64 * 1024
GROWTH = 16
MEMORY = 200 * 1024 * 1024
HEAD = (
    "测试局2024年政府信息公开工作年度报告\n"
    "本报告所列数据的统计期限为2024年1月1日至2024年12月31日。\n"
)


def _fill(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def _own_markdown(size: int) -> str:
    report = gd.load(EXAMPLES / "zhongwei-justice-2024.toml")
    paragraph = _fill("政府信息公开。\n", size)
    return gd.render(attrs.evolve(report, preamble=(paragraph,)), "markdown")


#: Each family: the text at a given size (bytes, about).
FAMILIES: dict[str, Callable[[int], str]] = {
    "title then blank lines": lambda n: HEAD + "\n" * n + "一、总体情况\n正文。\n",
    "date-like tokens before the last line": lambda n: HEAD + _fill("2024年1月 ", n) + "\n落款",
    "markdown heading with trailing spaces": lambda n: "# " + HEAD + "## 一、总体情况" + " " * n,
    "agency name repeated in a paragraph": lambda n: HEAD + _fill("淮安市测试局、", n) + "\n",
    "unclosed ** in markdown": lambda n: "# " + HEAD + "\n**" + _fill("字 ", n) + "\n",
    "open brackets in a table row": lambda n: (
        HEAD + "二、主动公开政府信息情况\n规章 " + "（" * (n // 3) + " 0 0 0\n"
    ),
    "digit run inside a row label": lambda n: (
        HEAD + "二、主动公开政府信息情况\n规章" + "1" * n + "x 0 0 0\n"
    ),
    "markdown hard line breaks": lambda n: "# " + HEAD + _fill("文字\\\n", n),
    "spaces before the first text": lambda n: " " * n + HEAD,
    "html span grid": lambda n: (
        HEAD.replace("\n", "<br>")
        + "<table>"
        + _fill('<tr><td rowspan="9999" colspan="9999">1</td></tr>', n)
        + "</table>"
    ),
    "own markdown with many line breaks": _own_markdown,
    "crawler text glued digits": lambda n: (
        "标题: "
        + HEAD
        + "三、收到和处理政府信息公开申请情况 "
        + "一、本年新收政府信息公开申请数量"
        + "0" * n
    ),
    "one cell per line": lambda n: HEAD + "三、收到和处理政府信息公开申请情况\n" + _fill("0\n", n),
    "pipe lines": lambda n: HEAD + _fill("规章 | 0 | 0 | 0 |\n", n),
    "traditional characters": lambda n: HEAD + _fill("二、主動公開政府信息情況\n規章 0 0 0\n", n),
    "deep html nesting": lambda n: "<div>" * (n // 5) + HEAD + "</div>" * (n // 6),
}


def _seconds(text: str) -> float:
    """The best of three reads: one pause of a shared machine must not fail the bound."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with contextlib.suppress(gd.ReadError):
            gd.parse(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_reading_time_grows_linearly(family: str) -> None:
    make = FAMILIES[family]
    small, large = make(SMALL), make(LARGE)
    assert len(large) > 4 * len(small)
    base = max(_seconds(small), 0.002)  # below 2 ms the clock's noise is the measure
    assert _seconds(large) < GROWTH * base, family


@pytest.mark.parametrize(
    "family", ["html span grid", "crawler text glued digits", "own markdown with many line breaks"]
)
def test_reading_memory_is_bounded(family: str) -> None:
    text = FAMILIES[family](LARGE * 8)  # half a megabyte
    tracemalloc.start()
    try:
        with contextlib.suppress(gd.ReadError):
            gd.parse(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY, peak
