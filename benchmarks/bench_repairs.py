"""Repair suggestions: time per report with errors, and how often the best repair is the true one.

Draws consistent reports (tables 三 and 四 from their parts, the balance solved
per column), puts one or two slips into cells that are not totals (a mistyped
digit, two swapped digits, a figure moved into the neighbouring column, or an
arbitrary change), and asks :func:`gov_disclosure.repairs` to find them.

    PYTHONPATH=src python benchmarks/bench_repairs.py [--reports 400] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

import attrs

import gov_disclosure as gd
from gov_disclosure import _form
from gov_disclosure._form import PART_CELLS
from gov_disclosure._repairs import repairs

from bench_data import generated_data

_COLUMNS = [f.name for f in attrs.fields(gd.ApplicantRow)][:-1]
_PARTS = ("upheld", "corrected", "other", "pending")


def _count(rng: random.Random) -> int:
    return rng.choice((0, 0, 0, rng.randint(0, 9), rng.randint(0, 99), rng.randint(0, 2000)))


def consistent_report(rng: random.Random) -> gd.Report:
    """A report whose every arithmetic rule holds."""
    rows: dict[str, Any] = {}
    for path, _ in gd.Applications().outcome_rows():
        group, _, name = path.rpartition(".")
        row = gd.ApplicantRow.from_parts(*(_count(rng) for _ in _COLUMNS))
        if group:
            rows.setdefault(group, {})[name] = row
        else:
            rows[path] = row
    rows["carried_forward"] = gd.ApplicantRow.from_parts(*(_count(rng) for _ in _COLUMNS))
    hints = {"withheld": gd.Withheld, "unavailable": gd.Unavailable}
    hints |= {"not_processed": gd.NotProcessed, "other_handling": gd.OtherHandling}
    for group, cls in hints.items():
        rows[group] = cls(**rows[group])
    table = gd.Applications(**rows).with_totals()
    received, carried = [], []
    for column in _COLUMNS:
        needed = (
            getattr(table.outcome_total, column).number
            + getattr(table.carried_forward, column).number
        )
        new = rng.randint(0, needed)
        received.append(new)
        carried.append(needed - new)
    table = attrs.evolve(
        table,
        received=gd.ApplicantRow.from_parts(*received),
        carried_over=gd.ApplicantRow.from_parts(*carried),
    )
    groups = [gd.ReviewOutcomes.from_parts(*(_count(rng) for _ in _PARTS)) for _ in range(3)]
    return gd.Report(
        gd.Agency("测试机关"),
        2024,
        applications=table,
        review_litigation=gd.ReviewLitigation(*groups),
    )


def slip(rng: random.Random, value: int, neighbour: int | None) -> int:
    """A slipped figure for *value*: digit, transposition, neighbour's figure or arbitrary."""
    kind = rng.choice(("digit", "transposition", "shift", "arbitrary"))
    text = str(value)
    if kind == "transposition" and len(text) >= 2:
        k = rng.randrange(len(text) - 1)
        swapped = text[:k] + text[k + 1] + text[k] + text[k + 2 :]
        if swapped != text:
            return int(swapped)
    if kind == "shift" and neighbour is not None and neighbour != value:
        return neighbour
    if kind in ("digit", "transposition", "shift"):
        k = rng.randrange(len(text))
        digit = rng.choice([d for d in "0123456789" if d != text[k]])
        return int(text[:k] + digit + text[k + 1 :])
    return rng.choice([n for n in range(max(0, value - 50), value + 51) if n != value])


def _neighbour(report: gd.Report, path: str) -> int | None:
    head, _, column = path.rpartition(".")
    columns = [*_COLUMNS, "total"] if head.startswith("applications") else [*_PARTS, "total"]
    index = columns.index(column)
    cell = _form.get(report, f"{head}.{columns[index + 1]}")
    return None if cell.value is None else int(cell.value)


def slipped(rng: random.Random, report: gd.Report, count: int) -> tuple[gd.Report, dict[str, int]]:
    """*report* with *count* slips in different rows and columns, and the true values."""
    while True:
        paths = rng.sample(PART_CELLS, count)
        rows = {p.rpartition(".")[0] for p in paths}
        columns = {p.rpartition(".")[2] for p in paths}
        if len(rows) == count and len(columns) == count:
            break
    truth: dict[str, int] = {}
    for path in paths:
        value = _form.get(report, path).number
        truth[path] = int(value)
        report = _form.replace(report, path, gd.Count(slip(rng, value, _neighbour(report, path))))
    return report, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for count in (1, 2):
        unique_true = among_best = found_any = single = 0
        seconds = 0.0
        slowest = 0.0
        for _ in range(args.reports):
            report, truth = slipped(rng, consistent_report(rng), count)
            start = time.perf_counter()
            found = repairs(report)
            elapsed = time.perf_counter() - start
            seconds += elapsed
            slowest = max(slowest, elapsed)
            true = [r for r in found if {c.path: c.value for c in r.changes} == truth]
            found_any += bool(found)
            among_best += bool(true)
            unique_true += bool(found) and found[0] in true
            single += len(found) == 1
        n = args.reports
        print(
            f"{count} slip(s), {n} reports: {seconds / n * 1000:.2f} ms per report "
            f"(slowest {slowest * 1000:.2f} ms); best repair is the true one "
            f"{unique_true}/{n} ({unique_true / n:.0%}); true one among the smallest "
            f"{among_best}/{n} ({among_best / n:.0%}); only one smallest repair {single}/{n}; "
            f"some repair found {found_any}/{n}"
        )
    messy(args.reports, rng)


def messy(reports: int, rng: random.Random) -> None:
    """Time on reports whose every rule may break (random figures): mostly "needs a person"."""
    drawn = [gd.from_dict(generated_data(rng)) for _ in range(reports)]
    start = time.perf_counter()
    needs_person = sum(not repairs(report) for report in drawn)
    seconds = time.perf_counter() - start
    print(
        f"random figures, {reports} reports: {seconds / reports * 1000:.2f} ms per report; "
        f"{needs_person} need a person"
    )


if __name__ == "__main__":
    main()
