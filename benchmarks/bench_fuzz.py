"""Benchmark: fuzzing the reader, inputs per second and what became of them.

Mutates the sources of ../shared/corpus and ../shared/wild and this library's own
renders of the example (a stretch cut out, random text or bytes inserted, lines
shuffled, an unknown charset declared, a figure lengthened past 15 digits), reads
each with ``gd.parse`` and counts the outcomes: read, refused with the library's
``ReadError``, or anything else (which must stay 0), and the slowest input.

    python benchmarks/bench_fuzz.py [inputs] [seed]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import gov_disclosure as gd

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def samples() -> list[bytes]:
    found = [
        path.read_bytes()
        for folder in ("corpus", "wild")
        for path in sorted((SHARED / folder).glob("*/source.*"))
        if path.suffix != ".pdf"
    ]
    example = gd.load(ROOT / "examples" / "zhongwei-justice-2024.toml")
    found.append(gd.render(example, "markdown").encode("utf-8"))
    found.append(gd.render(example, "html", standalone=True).encode("utf-8"))
    found.append(gd.render(example, "text").encode("utf-8"))
    return found


def mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    at = rng.randrange(len(data) + 1)
    if kind == 0:
        return data[:at] + data[at + rng.randrange(2000) :]
    if kind == 1:
        return data[:at] + rng.randbytes(rng.randrange(200)) + data[at:]
    if kind == 2:
        lines = data.splitlines()
        rng.shuffle(lines)
        return b"\n".join(lines[: rng.randrange(1, len(lines) + 1)])
    if kind == 3:
        return b'<meta charset="x-' + str(rng.random()).encode() + b'">' + data
    if kind == 4:
        return data[:at] + b"9" * rng.randrange(16, 6000) + data[at:]
    text = "".join(chr(rng.randrange(0x20, 0x9FFF)) for _ in range(rng.randrange(500)))
    return data[:at] + text.encode("utf-8", "replace") + data[at:]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    sources = samples()
    outcomes = {"read": 0, "refused": 0, "other": 0}
    slowest = (0.0, "")
    start = time.perf_counter()
    for _ in range(count):
        data = mutate(rng.choice(sources), rng)
        began = time.perf_counter()
        try:
            gd.parse(data)
            outcomes["read"] += 1
        except gd.ReadError:
            outcomes["refused"] += 1
        except Exception as exc:
            outcomes["other"] += 1
            print(f"  {type(exc).__name__}: {exc}"[:160])
        took = time.perf_counter() - began
        slowest = max(slowest, (took, f"{len(data):,} bytes"))
    seconds = time.perf_counter() - start
    print(f"{count} inputs in {seconds:.1f} s: {count / seconds:.0f} inputs/s")
    print(", ".join(f"{name} {n}" for name, n in outcomes.items()))
    print(f"slowest input: {slowest[0] * 1000:.0f} ms ({slowest[1]})")


if __name__ == "__main__":
    main()
