"""Benchmark: loading, checking and structuring reports (issue: model, data files, checks).

Prints median times. The target is relative, measured side by side in one run:
load + check of the example from JSON within 10x of reading the same file and
``json.loads`` of it (absolute times on shared machines are noisy).

It also counts the validator calls of structuring 1,000 generated reports (each
cell is validated once on its way in from a data file, issue 13), and parses
the same 1,000 reports as TOML with the standard library's ``tomllib`` and with
``tomli`` side by side.

    python benchmarks/bench_data.py
"""

from __future__ import annotations

import cProfile
import json
import pstats
import random
import tempfile
import time
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import gov_disclosure as gd

from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "zhongwei-justice-2024.toml"
COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other")


def generated_data(rng: random.Random) -> dict[str, Any]:
    """A report dict with every table present and random figures (some blank, some "/")."""

    def cell() -> Any:
        roll = rng.random()
        if roll < 0.05:
            return None
        if roll < 0.08:
            return "/"
        return rng.randint(0, 500)

    def row() -> dict[str, Any]:
        return {name: cell() for name in (*COLUMNS, "total")}

    applications: dict[str, Any] = {}
    for path in (path for path, _ in gd.Applications().rows()):
        group, _, name = path.rpartition(".")
        (applications.setdefault(group, {}) if group else applications)[name or path] = row()
    return {
        "agency": {"name": f"机关{rng.randint(1, 10**6)}"},
        "year": rng.randint(2021, 2025),
        "overview": {"paragraphs": ["总体情况段落。" * rng.randint(1, 20)]},
        "active_disclosure": {
            "regulations": {"issued": cell(), "repealed": cell(), "in_force": cell()},
            "normative_documents": {"issued": cell(), "repealed": cell(), "in_force": cell()},
            "licensing": cell(),
            "penalties": cell(),
            "coercive_measures": cell(),
            "fees": f"{rng.randint(0, 10**6)}.{rng.randint(0, 99):02d}",
        },
        "applications": applications,
        "review_litigation": {
            group: {k: cell() for k in ("upheld", "corrected", "other", "pending", "total")}
            for group in ("review", "litigation_direct", "litigation_after_review")
        },
    }


def write_data_files(folder: Path, count: int, *, seed: int = 2025) -> None:
    """*count* generated data files in *folder*, TOML and JSON in turn (``report-00000.json`` …)."""
    rng = random.Random(seed)
    for index in range(count):
        suffix = ".toml" if index % 2 else ".json"
        gd.dump(gd.from_dict(generated_data(rng)), folder / f"report-{index:05}{suffix}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "example.json"
        gd.dump(gd.load(EXAMPLE), path)
        size = path.stat().st_size

        def baseline() -> object:
            return json.loads(path.read_text(encoding="utf-8"))

        report = gd.load(path)
        base = median_seconds(baseline, 2000)
        load = median_seconds(lambda: gd.load(path), 2000)
        check = median_seconds(lambda: gd.check(report), 2000)
        both = median_seconds(lambda: gd.check(gd.load(path)), 2000)

    rng = random.Random(2024)
    data = [generated_data(rng) for _ in range(10_000)]
    start = time.perf_counter()
    for item in data:
        gd.from_dict(item)
    bulk = time.perf_counter() - start

    print(f"example: {EXAMPLE.name} as JSON, {size:,} bytes")
    print(f"read + json.loads          {base * 1e6:9.1f} µs  (baseline)")
    print(f"gd.load (JSON)             {load * 1e6:9.1f} µs")
    print(f"gd.check                   {check * 1e6:9.1f} µs")
    print(
        f"gd.load + gd.check         {both * 1e6:9.1f} µs  = {both / base:.1f}x baseline "
        f"(target <= 10x)"
    )
    print(f"from_dict x 10,000 reports {bulk:9.2f} s   = {bulk / 10_000 * 1e6:.1f} µs per report")
    validation_calls(data[:1000])
    toml_parsers(data[:1000])


def validation_calls(data: list[dict[str, Any]]) -> None:
    """Calls into the validators while structuring *data* (``from_dict``), counted by cProfile."""
    profile = cProfile.Profile()
    profile.runcall(lambda: [gd.from_dict(item) for item in data])
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    calls = sum(
        entry[1]  # primitive calls
        for (filename, _, _), entry in stats.items()
        if filename.endswith("_validators.py")
    )
    print(f"validator calls, from_dict x {len(data):,} {calls:9,d}")


def toml_parsers(data: list[dict[str, Any]]) -> None:
    """The same reports as TOML, parsed by tomllib and by tomli (when installed)."""
    texts = [gd.dumps(gd.from_dict(item), "toml") for item in data]
    parsers: list[tuple[str, Any]] = [("tomllib (stdlib)", tomllib)]
    try:
        import tomli
    except ImportError:
        print("tomli                      not installed")
    else:
        parsers.append((f"tomli {getattr(tomli, '__version__', '')}", tomli))
    timings = {}
    for name, parser in parsers:
        start = time.perf_counter()
        for text in texts:
            parser.loads(text, parse_float=Decimal)
        timings[name] = time.perf_counter() - start
    base = timings["tomllib (stdlib)"]
    for name, seconds in timings.items():
        print(
            f"{name:26} {seconds:9.2f} s   for {len(texts):,} files = {base / seconds:.2f}x "
            "the speed of tomllib"
        )
    start = time.perf_counter()
    for text in texts:
        gd.loads(text, "toml")
    print(f"gd.loads (TOML) x {len(texts):,}      {time.perf_counter() - start:9.2f} s")


if __name__ == "__main__":
    main()
