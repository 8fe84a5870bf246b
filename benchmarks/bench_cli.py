"""Benchmark: ``gov-disclosure check`` over many generated data files (issues 9 and 13).

Part 1 writes 1,000 data files (half TOML, half JSON) with random figures into a
temporary folder, then times ``gov-disclosure check <folder>`` with ``--jobs 1``
and ``--jobs 2``, in the text and the JSON format (each run a fresh process, so
start-up is included). Target: under 5 s with one process.

Part 2 (``--memory``) checks 1,000 and then 20,000 files (the 1,000 written
again under new names) and prints, for the command's **main process** alone,
its peak resident memory and the time to the first result. Target: the peak
memory the same within 10% for both counts (the folder is walked lazily and a
bounded number of files is in flight), and the first result at once.

Run it against another checkout to compare (``PYTHONPATH=../main/src``)::

    python benchmarks/bench_cli.py [count] [--memory]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_data import write_data_files


def copy_files(source: Path, folder: Path, count: int) -> None:
    """*count* files in *folder*, copies of those in *source* under new names."""
    originals = sorted(source.iterdir())
    for index in range(count):
        original = originals[index % len(originals)]
        shutil.copyfile(original, folder / f"report-{index:05}{original.suffix}")


#: Runs the command in this process and writes its exit status and its own peak resident
#: memory (ru_maxrss of RUSAGE_SELF, KiB: the main process alone, not its workers) to argv[1].
_MEASURE = (
    "import resource, sys\n"
    "from gov_disclosure.cli import main\n"
    "status = main(sys.argv[2:])\n"
    "sys.stdout.flush()\n"
    "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "open(sys.argv[1], 'w').write(f'{status} {peak}')\n"
)


def run(folder: Path, *options: str) -> tuple[float, float, float]:
    """Wall time (s), time to the first result (s) and the peak memory (MiB) of the command's
    main process, for ``check <folder> --format json <options>``."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as measured:
        command = [sys.executable, "-c", _MEASURE, measured.name]
        command += ["check", str(folder), "--format", "json", "--quiet", *options]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        start = time.perf_counter()
        with subprocess.Popen(command, stdout=subprocess.PIPE, env=env) as process:
            assert process.stdout is not None
            process.stdout.readline()  # {"files": [
            process.stdout.readline()  # the first file's result
            first = time.perf_counter() - start
            for _ in process.stdout:
                pass
        elapsed = time.perf_counter() - start
        status, peak = map(int, Path(measured.name).read_text().split())
    if status not in (0, 1):
        sys.exit(f"check failed with status {status}")
    return elapsed, first, peak / 1024


def _options() -> list[tuple[str, ...]]:
    """The variants to time: --jobs 1 and 2; with the time budget off too, where it exists."""
    variants: list[tuple[str, ...]] = [("--jobs", "1"), ("--jobs", "2")]
    help_text = subprocess.run(
        [sys.executable, "-m", "gov_disclosure.cli", "check", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "--timeout" in help_text:
        variants.append(("--jobs", "1", "--timeout", "0"))
    return variants


def speed(count: int) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_data_files(folder, count)
        print(f"{count} data files, {sum(p.stat().st_size for p in folder.iterdir()):,} bytes")
        for fmt in ("text", "json"):
            for jobs in (1, 2):
                command = [sys.executable, "-m", "gov_disclosure.cli", "check", str(folder)]
                command += ["--format", fmt, "--jobs", str(jobs), "--quiet"]
                start = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
                elapsed = time.perf_counter() - start
                print(f"--format {fmt:4} --jobs {jobs}: {elapsed:6.2f} s")
    print("target: 1,000 files in under 5 s with --jobs 1")


def memory() -> dict[str, float]:
    """Print the figures; return the peak memory ratio of 20,000 to 1,000 files per variant."""
    ratios: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as name:
        source = Path(name) / "source"
        source.mkdir()
        write_data_files(source, 1000)
        peaks: dict[tuple[str, ...], list[float]] = {}
        for count in (1000, 20000):
            folder = Path(name) / f"n{count}"
            folder.mkdir()
            copy_files(source, folder, count)
            for options in _options():
                elapsed, first, peak = run(folder, *options)
                peaks.setdefault(options, []).append(peak)
                shown = " ".join(options)
                print(
                    f"{count:6,} files {shown:27}: {elapsed:7.2f} s, first result after "
                    f"{first:5.2f} s, main process peak {peak:5.1f} MiB"
                )
            shutil.rmtree(folder)
        for options, (small, large) in peaks.items():
            ratios[" ".join(options)] = large / small
            print(f"{' '.join(options):27}: 20,000 / 1,000 files peak memory {large / small:.2f}×")
    print("target: the same peak memory within 10% (≤ 1.10×), the first result at once")
    return ratios


def main() -> None:
    numbers = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    if "--memory" in sys.argv:
        memory()
    else:
        speed(int(numbers[0]) if numbers else 1000)


if __name__ == "__main__":
    main()
