"""Benchmark: the measures of start-up, memory and scale-out, side by side in one run.

Runs ``bench_startup.py``, the memory part of ``bench_cli.py`` and ``bench_scale.py``
(each prints its own figures), then one table of the measures against their targets:

- ``gov-disclosure check`` on the example against ``python -c "import json"`` (≤ 4×);
- load + check of the example as JSON against ``json.loads`` (≤ 5×), and as TOML
  against the standard library's TOML parse alone (≤ 1×);
- the peak memory of the command's main process checking 20,000 files against 1,000
  (the same within 10%);
- a Dask ``LocalCluster`` of two processes against ``--jobs 2`` on 2,000 files (the
  cluster's cost per file; no target). Skipped without the ``dask`` extra.

It takes a few minutes (20,000 files are checked three times).

    PYTHONPATH=src python benchmarks/bench_targets.py
"""

from __future__ import annotations

import importlib.util

import bench_cli
import bench_startup


def _verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "not met"


def main() -> None:
    print("== start-up (bench_startup.py)")
    startup = bench_startup.main()
    print("\n== memory (bench_cli.py --memory)")
    memory = bench_cli.memory()
    cluster: dict[int, float] = {}
    if importlib.util.find_spec("distributed") is not None:
        import bench_scale

        print("\n== scale-out (bench_scale.py)")
        cluster = bench_scale.main()
    rows = [
        ("gov-disclosure check example.toml / import json", startup["command"], "x", 4.0),
        ("gd.loads + gd.check, JSON / json.loads", startup["json"], "x", 5.0),
        ("gd.loads + gd.check, TOML / tomllib.loads", startup["toml"], "x", 1.0),
        *(
            (f"peak memory, 20,000 / 1,000 files, {options}", ratio, "x", 1.10)
            for options, ratio in memory.items()
        ),
    ]
    print("\n== the measures against their targets")
    for name, value, unit, limit in rows:
        print(f"{name:58} {value:6.2f}{unit}  target <= {limit:g}{unit}: {_verdict(value, limit)}")
    for chunk, extra in cluster.items():
        name = f"Dask LocalCluster vs --jobs 2, tasks of {chunk} files"
        print(f"{name:58} {extra:+6.2f} ms per file")
    if not cluster:
        print("Dask LocalCluster: not measured (pip install 'gov_disclosure[dask]')")


if __name__ == "__main__":
    main()
