"""Benchmark: a folder of 1,000 data files exported as one dataset (target < 5 s on one core).

CPU time is printed beside wall time: on a shared machine it is the honest "one core"
figure. Writes 1,000 generated data files (every table present, random figures, some
blank and "/") into a temporary folder, then times ``gd.write_records`` of the
folder into CSV, JSON lines and Parquet: each file loaded, checked and flattened.
Then times the command, ``gov-disclosure export FOLDER -o reports.csv`` (and
``.jsonl``, ``.parquet``) in a fresh process, start-up included, with ``--jobs 1``
(one core) and ``--jobs 2``; the CPU time is that of the command and its workers.

    PYTHONPATH=src python benchmarks/bench_export.py [--files 1000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import gov_disclosure as gd

from bench_data import write_data_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_data_files(folder, args.files, seed=2024)
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
        print()
        for jobs in ("1", "2"):
            for out in ("reports.csv", "reports.jsonl", "reports.parquet"):
                command(folder, out, jobs, args.files)


def command(folder: Path, out: str, jobs: str, files: int) -> None:
    """Time ``gov-disclosure export FOLDER -o OUT --jobs JOBS`` in a fresh process."""
    argv = [sys.executable, "-m", "gov_disclosure.cli", "export", str(folder)]
    argv += ["-o", str(folder / f"cli-{out}"), "--jobs", jobs, "-q"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, env={**os.environ, "PYTHONPATH": _source()})
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    (folder / f"cli-{out}").unlink()
    print(
        f"export -o {out:16} --jobs {jobs}: {files:5} files in {seconds:5.2f} s wall, "
        f"{cpu:5.2f} s CPU (start-up included; target < 5 s on one core)"
    )


def _source() -> str:
    """The PYTHONPATH of this run, so that the command runs the same checkout."""
    import gov_disclosure

    return str(Path(gov_disclosure.__file__).resolve().parent.parent)


if __name__ == "__main__":
    main()
