"""How many reports with one hostile text field read back equal, per output format.

Draws N printable reports (2,000 by default, the same ones on every run:
a fixed seed), puts hostile text in one field of each (N / 15 for
each of the 15 fields)
(:func:`gov_disclosure.strategies.one_hostile_field`), renders it in each
format, reads it back and counts equal reports; then the failures by field. HTML
is also measured on wholly hostile reports (``strategies.any_reports``).

    PYTHONPATH=src python benchmarks/bench_roundtrip.py [N]
"""

from __future__ import annotations

import collections
import sys
from collections.abc import Callable
from typing import Any, Literal

from hypothesis import HealthCheck, Phase, given, seed, settings

import gov_disclosure as gd
from gov_disclosure.strategies import (
    HOSTILE_FIELDS,
    any_reports,
    html_carries,
    one_hostile_field,
    text_carries,
)

#: The seed of every run: the same reports each time, whatever the code of this script.
SEED = 2026
FORMATS: dict[str, tuple[Literal["markdown", "html", "text"], dict[str, Any]]] = {
    "markdown": ("markdown", {}),
    "html": ("html", {}),
    "text": ("text", {}),
    "tsv": ("text", {"layout": "tsv"}),
}


def _reads_back(
    report: gd.Report, fmt: Literal["markdown", "html", "text"], options: dict[str, Any]
) -> bool:
    try:
        return gd.parse(gd.render(report, fmt, **options)).report == report
    except gd.ReadError:
        return False


def _in_no_family(report: gd.Report) -> bool:
    try:
        return text_carries(report) and html_carries(report)
    except ImportError:  # a version of the library before the families were named
        return False


def _run(n: int, strategy: Any, body: Callable[[Any], None]) -> None:
    decorate: Any = given(strategy)
    test = seed(SEED)(decorate(body))
    run: Callable[[], None] = settings(
        max_examples=n,
        derandomize=False,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )(test)
    run()


def main(n: int) -> None:
    equal: collections.Counter[str] = collections.Counter()
    failed: dict[str, collections.Counter[str]] = {name: collections.Counter() for name in FORMATS}
    unexplained: collections.Counter[str] = collections.Counter()  # outside the named families
    drawn = [0]

    def one(case: tuple[str, gd.Report]) -> None:
        field, report = case
        drawn[0] += 1
        for name, (fmt, options) in FORMATS.items():
            if _reads_back(report, fmt, options):
                equal[name] += 1
            else:
                failed[name][field] += 1
                unexplained[name] += _in_no_family(report)

    for field in HOSTILE_FIELDS:  # as many reports for each field
        _run(max(1, n // len(HOSTILE_FIELDS)), one_hostile_field((field,)), one)
    print(f"{drawn[0]} reports, one hostile text field each: read back equal")
    for name in FORMATS:
        print(f"  {name:9} {equal[name]:5} of {drawn[0]}")
    for name in FORMATS:
        worst = ", ".join(f"{field} {count}" for field, count in failed[name].most_common())
        print(f"  {name} failures by field: {worst or 'none'}")
    print(
        "  failures outside the named families (strategies.TEXT_FAMILIES): "
        + ", ".join(f"{name} {unexplained[name]}" for name in FORMATS)
    )

    hostile = collections.Counter[str]()

    def whole(report: gd.Report) -> None:
        carried = "carried" if html_carries(report) else "with U+0000"
        hostile[carried] += 1
        hostile[carried + " equal"] += _reads_back(report, "html", {})

    _run(n // 4, any_reports(), whole)
    print("html, wholly hostile reports (strategies.any_reports): read back equal")
    for kind in ("carried", "with U+0000"):
        print(f"  {kind:12} {hostile[kind + ' equal']} of {hostile[kind]}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
