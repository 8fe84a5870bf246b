"""Benchmark: a folder of 1,000 data files exported as one dataset (target < 5 s on one core).

CPU time is printed beside wall time: on a shared machine it is the honest "one core"
figure. Writes 1,000 generated data files (every table present, random figures, some
blank and "/") into a temporary folder, then times ``gd.write_records`` of the
folder into CSV, JSON lines and Parquet: each file loaded, checked and flattened.

    PYTHONPATH=src python benchmarks/bench_export.py [--files 1000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import gov_disclosure as gd

from bench_data import generated_data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(2024)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for index in range(args.files):
            suffix = ".toml" if index % 2 else ".json"
            gd.dump(gd.from_dict(generated_data(rng)), folder / f"report-{index:04d}{suffix}")
        files = sorted(p for p in folder.iterdir() if p.suffix in (".toml", ".json"))
        for out in ("reports.csv", "reports.jsonl", "reports.parquet"):
            start, cpu = time.perf_counter(), time.process_time()
            rows = gd.write_records(files, folder / out)
            seconds = time.perf_counter() - start
            cpu = time.process_time() - cpu
            size = (folder / out).stat().st_size
            print(
                f"{out:16} {rows:5} files in {seconds:5.2f} s wall, {cpu:5.2f} s CPU "
                f"({cpu / rows * 1000:.2f} ms CPU per file, {size:,} bytes; target < 5 s)"
            )


if __name__ == "__main__":
    main()
