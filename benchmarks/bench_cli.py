"""Benchmark: ``gov-disclosure check`` over 1,000 generated data files (issue: the command).

Writes 1,000 data files (half TOML, half JSON) with random figures into a
temporary folder, then times ``gov-disclosure check <folder> --format json``
with ``--jobs 1`` and ``--jobs 2``, in the text and the JSON format (each run a fresh process, so
start-up is included), with the peak memory of the command's main process
(each worker's is about the same). Target: under 5 s with one process.

    python benchmarks/bench_cli.py [count]
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import gov_disclosure as gd

from bench_data import generated_data


def write_files(folder: Path, count: int) -> None:
    rng = random.Random(2025)
    for index in range(count):
        report = gd.from_dict(generated_data(rng))
        suffix = ".toml" if index % 2 else ".json"
        gd.dump(report, folder / f"report-{index:04}{suffix}")


#: Runs a command and prints its peak resident memory (ru_maxrss of the child, in KiB).
_MEASURE = (
    "import resource, subprocess, sys;"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run(folder: Path, jobs: int, fmt: str) -> tuple[float, float]:
    """Wall time (s) and the peak memory (MiB) of the command's main process."""
    command = [sys.executable, "-m", "gov_disclosure.cli", "check", str(folder)]
    command += ["--format", fmt, "--jobs", str(jobs), "--quiet"]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - start
    status, peak = map(int, done.stdout.split())
    if status not in (0, 1):
        sys.exit(f"check failed with status {status}")
    return elapsed, peak / 1024


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_files(folder, count)
        print(f"{count} data files, {sum(p.stat().st_size for p in folder.iterdir()):,} bytes")
        for fmt in ("text", "json"):
            for jobs in (1, 2):
                elapsed, peak = run(folder, jobs, fmt)
                print(f"--format {fmt:4} --jobs {jobs}: {elapsed:6.2f} s, peak {peak:4.0f} MiB")
    print("target: 1,000 files in under 5 s with --jobs 1")


if __name__ == "__main__":
    main()
