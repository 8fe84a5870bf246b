"""Benchmark: checking on a Dask cluster against the local ``--jobs 2`` path (issue: scale out).

Writes 2,000 generated data files (half TOML, half JSON) into a temporary folder, then
checks them in this process, each file's result made JSON-ready where it was checked:

- the local path of ``gov-disclosure check --jobs 2`` (a pool of two processes);
- a Dask ``LocalCluster`` of two worker processes (one thread each), through
  :func:`gov_disclosure._cluster.check_targets`, with several files per task.

Both give the same results in the same order (checked). The difference of their wall
times per file is what the cluster costs; on a real cluster it buys more cores.

    python benchmarks/bench_scale.py [count]
"""

from __future__ import annotations

import functools
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from gov_disclosure import _batch, _cluster

from bench_data import EXAMPLE, write_data_files


def timed(run: Callable[[], Iterable[dict[str, Any]]]) -> tuple[float, list[dict[str, Any]]]:
    start = time.perf_counter()
    results = list(run())
    return time.perf_counter() - start, results


def warm() -> list[_batch.FileResult]:
    return [_batch.check_file(_batch.Target(EXAMPLE))]


def main(count: int = 2000) -> dict[int, float]:
    """Print the figures; return the cluster's extra time per file (ms) by task size."""
    from distributed import Client, LocalCluster

    extras: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_data_files(folder, count)
        targets, _ = _batch.collect([str(folder)])
        print(f"{count} data files, {sum(p.stat().st_size for p in folder.iterdir()):,} bytes")

        local, expected = timed(lambda: _batch.check_targets(targets, _batch.result_data, jobs=2))
        print(
            f"local --jobs 2:                    {local:6.2f} s, {local / count * 1e3:5.2f} ms/file"
        )

        start = time.perf_counter()
        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(warm)  # imports done, as in the pool's first tasks
            print(f"LocalCluster start (2 processes):  {time.perf_counter() - start:6.2f} s")
            for chunk in (1, 8, 32):
                run = functools.partial(
                    _cluster.check_targets, targets, _batch.result_data, client=client, chunk=chunk
                )
                wall, found = timed(run)
                if found != expected:
                    sys.exit(f"chunk={chunk}: the cluster's results differ from the local run's")
                extra = extras[chunk] = (wall - local) / count * 1e3
                print(
                    f"Dask LocalCluster, chunk={chunk:<3}       {wall:6.2f} s, "
                    f"{wall / count * 1e3:5.2f} ms/file ({extra:+.2f} ms/file against --jobs 2)"
                )
    print("same results, same order: yes")
    return extras


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
