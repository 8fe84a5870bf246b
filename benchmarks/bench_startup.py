"""Benchmark: start-up, import cost, and load + check of one data file (issue 13).

Prints, side by side in one run:

- ``python -X importtime -c "import gov_disclosure"``: the total, the heaviest
  packages, and whether readers, renderers, tabulate, lxml or babel were imported;
- the wall time of ``gov-disclosure check examples/zhongwei-justice-2024.toml``
  against ``python -c "import json"`` (target <= 4x);
- load + check of the example as JSON against ``json.loads`` of the same text
  (target <= 5x), and as TOML against the stdlib TOML parse alone (target <= 1x);
- the TOML parsers side by side: stdlib ``tomllib`` and ``tomli`` (when installed),
  both with ``parse_float=Decimal``.

    PYTHONPATH=src python benchmarks/bench_startup.py
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tomllib
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import gov_disclosure as gd

from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "zhongwei-justice-2024.toml"
LAZY = ("gov_disclosure.readers", "gov_disclosure.renderers", "tabulate", "lxml", "babel")
RUNS = 21
#: What the installed ``gov-disclosure`` script runs (``python -m`` would add runpy's imports).
CONSOLE_SCRIPT = "import sys; from gov_disclosure.cli import main; sys.exit(main())"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


def _compile_sources() -> None:
    """Write the bytecode of every module first, as an install does.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (some shells and containers), a
    module edited since its last ``.pyc`` would be compiled from source on every
    run, and the figures would time the compiler, not the start-up.
    """
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")],
        env={**_env(), "PYTHONDONTWRITEBYTECODE": ""},
        check=True,
    )


def import_times() -> tuple[int, dict[str, int], list[str]]:
    """Total µs of ``import gov_disclosure``, self-µs per top-level package, lazy ones loaded."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import gov_disclosure"],
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
    )
    total = 0
    by_package: dict[str, int] = defaultdict(int)
    modules: list[str] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        module = name.strip()
        modules.append(module)
        by_package[module.split(".")[0]] += int(own)
        if module == "gov_disclosure":
            total = int(cumulative)
    loaded = [m for m in LAZY if any(x == m or x.startswith(m + ".") for x in modules)]
    return total, dict(by_package), loaded


def walls(commands: list[list[str]]) -> list[tuple[float, float]]:
    """The median wall time and CPU time (user + system) of running each command, after a
    warm-up.

    The commands take turns, one run each per round, so that a change of load on a
    shared machine weighs on all of them alike. CPU time is the steadier figure: it
    does not count the time a process waited for a core.
    """
    env = _env()
    for args in commands:
        subprocess.run(args, capture_output=True, env=env, check=False)
    samples: list[tuple[list[float], list[float]]] = [([], []) for _ in commands]
    for _ in range(RUNS):
        for args, (wall_times, cpu_times) in zip(commands, samples, strict=True):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(args, capture_output=True, env=env, check=False)
            wall_times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(statistics.median(w), statistics.median(c)) for w, c in samples]


def main() -> dict[str, float]:
    """Print the figures; return the three ratios the targets are about."""
    _compile_sources()
    total, by_package, loaded = import_times()
    print(f"import gov_disclosure (-X importtime)   {total / 1000:8.1f} ms")
    for package, micros in sorted(by_package.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {package:36} {micros / 1000:8.1f} ms self")
    print(f"  loaded of {', '.join(LAZY)}: {', '.join(loaded) or 'none'}")

    code = f"import gov_disclosure as gd; gd.check(gd.load({str(EXAMPLE)!r}))"
    (
        (baseline, baseline_cpu),
        (importing, importing_cpu),
        (command, command_cpu),
        (library, library_cpu),
    ) = walls(
        [
            [sys.executable, "-c", "import json"],
            [sys.executable, "-c", "import gov_disclosure"],
            [sys.executable, "-c", CONSOLE_SCRIPT, "check", str(EXAMPLE)],
            [sys.executable, "-c", code],
        ]
    )
    print("                                        wall ms  CPU ms")
    print(f'python -c "import json"               {baseline * 1e3:7.1f} {baseline_cpu * 1e3:7.1f}')
    print(
        f'python -c "import gov_disclosure"     {importing * 1e3:7.1f} {importing_cpu * 1e3:7.1f}'
        f"  = {importing / baseline:.1f}x / {importing_cpu / baseline_cpu:.1f}x"
    )
    print(
        f"gov-disclosure check example.toml     {command * 1e3:7.1f} {command_cpu * 1e3:7.1f}"
        f"  = {command / baseline:.1f}x / {command_cpu / baseline_cpu:.1f}x (target <= 4x)"
    )
    print(
        f"python -c gd.check(gd.load(example))  {library * 1e3:7.1f} {library_cpu * 1e3:7.1f}"
        f"  = {library / baseline:.1f}x / {library_cpu / baseline_cpu:.1f}x (the command's floor)"
    )

    toml_text = EXAMPLE.read_text(encoding="utf-8")
    json_text = gd.dumps(gd.loads(toml_text, "toml"), "json")
    repeat = 300
    json_base = median_seconds(lambda: json.loads(json_text), repeat)
    json_both = median_seconds(lambda: gd.check(gd.loads(json_text, "json")), repeat)
    stdlib = median_seconds(lambda: tomllib.loads(toml_text, parse_float=Decimal), repeat)
    toml_both = median_seconds(lambda: gd.check(gd.loads(toml_text, "toml")), repeat)
    print(f"json.loads (example as JSON)           {json_base * 1e6:8.1f} µs  (baseline)")
    print(
        f"gd.loads + gd.check (JSON)             {json_both * 1e6:8.1f} µs  "
        f"= {json_both / json_base:.1f}x (target <= 5x)"
    )
    print(f"tomllib.loads (stdlib, the example)    {stdlib * 1e6:8.1f} µs  (baseline)")
    try:
        import tomli
    except ImportError:
        print("tomli.loads                            not installed")
    else:
        fast = median_seconds(lambda: tomli.loads(toml_text, parse_float=Decimal), repeat)
        print(
            f"tomli.loads {getattr(tomli, '__version__', '?'):8}                   "
            f"{fast * 1e6:8.1f} µs  = {fast / stdlib:.2f}x tomllib"
        )
    print(
        f"gd.loads + gd.check (TOML)             {toml_both * 1e6:8.1f} µs  "
        f"= {toml_both / stdlib:.2f}x tomllib (target <= 1x)"
    )
    return {
        "command": command / baseline,
        "json": json_both / json_base,
        "toml": toml_both / stdlib,
    }


if __name__ == "__main__":
    main()
