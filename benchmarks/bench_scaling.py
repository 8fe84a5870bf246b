"""Benchmark: reading time of hostile inputs at the sizes of the audit, and the largest read
in under a second.

The families are those of ``tests/test_scaling.py``. Each input is read by ``gd.parse``
in a child process with a time limit, so that a quadratic or cubic reader (an older
checkout, with ``PYTHONPATH`` pointing at its ``src``) is measured without hanging the
run. Prints, per family: the seconds at the size the audit measured, and the largest
size (doubling from 64 KB up to 32 MB) read in under one second.

    PYTHONPATH=src python benchmarks/bench_scaling.py [--limit SECONDS] [--no-largest]
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import gov_disclosure as gd

from test_scaling import FAMILIES  # the families live with their test

#: The size (bytes) at which the audit of the issue measured each family.
AUDIT_SIZES: dict[str, int] = {
    "title then blank lines": 4 * 1024,
    "date-like tokens before the last line": 10 * 1024,
    "markdown heading with trailing spaces": 64 * 1024,
    "agency name repeated in a paragraph": 108 * 1024,
    "unclosed ** in markdown": 128 * 1024,
    "open brackets in a table row": 32 * 1024,
    "digit run inside a row label": 16 * 1024,
    "markdown hard line breaks": 24 * 1024,
    "spaces before the first text": 20 * 1024,
    "html span grid": 114 * 1024,
    "own markdown with many line breaks": 225 * 1024,
}
LARGEST = 32 * 1024 * 1024


def _read(family: str, size: int, queue: multiprocessing.Queue[float]) -> None:
    text = FAMILIES[family](size)
    start = time.perf_counter()
    with contextlib.suppress(gd.ReadError):  # a refusal is timed too: it must be quick
        gd.parse(text)
    queue.put(time.perf_counter() - start)


def seconds(family: str, size: int, limit: float) -> float | None:
    """Seconds to read *family* at *size*, or ``None`` past *limit*."""
    queue: multiprocessing.Queue[float] = multiprocessing.Queue()
    child = multiprocessing.Process(target=_read, args=(family, size, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get() if not queue.empty() else None


def largest_under_a_second(family: str) -> int:
    size, best = 64 * 1024, 0
    while size <= LARGEST:
        taken = seconds(family, size, 5)
        if taken is None or taken >= 1:
            break
        best, size = size, size * 2
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=float, default=30, help="seconds before giving up")
    parser.add_argument("--no-largest", action="store_true", help="skip the largest-input search")
    args = parser.parse_args()
    with contextlib.suppress(gd.ReadError):  # the readers are imported once, before the children
        gd.parse(FAMILIES["pipe lines"](1024))
    print(f"{'family':42} {'size':>7} {'seconds':>9} {'largest < 1 s':>14}")
    for family in FAMILIES:
        size = AUDIT_SIZES.get(family, 64 * 1024)
        taken = seconds(family, size, args.limit)
        shown = f">{args.limit:g}" if taken is None else f"{taken:.3f}"
        largest = "" if args.no_largest else f"{largest_under_a_second(family) // 1024:,} KB"
        print(f"{family:42} {size // 1024:>5} KB {shown:>9} {largest:>14}")


if __name__ == "__main__":
    main()
