"""The real command on faulty input: no traceback, no file lost, no input changed (issue 9).

Each case runs ``python -m gov_disclosure.cli`` in a subprocess, as a user would.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gov_disclosure as gd

from conftest import EXAMPLES, source_env

EXAMPLE = EXAMPLES / "zhongwei-justice-2024.toml"
MINIMAL = 'year = 2024\n\n[agency]\nname = "测试局"\n'


def command(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it (PYTHONPATH passed through, the source tree first)."""
    done = subprocess.run(
        [sys.executable, "-m", "gov_disclosure.cli", *map(str, args)],
        capture_output=True,
        input=stdin,
        env=source_env(),
        timeout=120,
        check=False,
    )
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert "Traceback" not in out + err, err
    return subprocess.CompletedProcess(done.args, done.returncode, out, err)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under *folder* by its digest: what an input looked like."""
    return {
        os.fspath(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def pdf(stream: bytes, filter_name: str) -> bytes:
    """A well-formed one-page PDF whose content stream uses *filter_name*."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /%s >>\nstream\n" % (len(stream), filter_name.encode())
        + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    return out + b"startxref\n%d\n%%%%EOF\n" % xref


def bad_folder(folder: Path) -> list[str]:
    """Good reports around the bad files of issue 9; the names of the bad ones."""
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a-good.toml")
    (folder / "b-deep.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    digits = "9" * 5001
    (folder / "c-digits.json").write_text(
        f'{{"year": 2024, "agency": {{"name": "测试局"}}, "applications": '
        f'{{"received": {{"natural_person": {digits}}}}}}}',
        "utf-8",
    )
    (folder / "d-charset.html").write_bytes(
        b'<html><head><meta charset="punycode"></head><body><h1>2024</h1></body></html>'
    )
    (folder / "e-filter.pdf").write_bytes(pdf(b"BT /F1 12 Tf (2024) Tj ET", "FooDecode"))
    (folder / "f-broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n")
    shutil.copy(EXAMPLE, folder / "z-good.toml")
    return ["b-deep.json", "c-digits.json", "d-charset.html", "e-filter.pdf", "f-broken.pdf"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_bad_file_never_stops_the_run(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "reports"
    bad = bad_folder(folder)
    before = snapshot(folder)
    in_process = ["--timeout", "0"] if jobs == "1" else []  # the catch-all without workers
    done = command("check", folder, "--format", "json", "--jobs", jobs, *in_process)
    assert done.returncode == 2  # unreadable files: bad input
    files = json.loads(done.stdout)["files"]
    names = [Path(f["file"]).name for f in files]
    assert names == sorted(p.name for p in folder.iterdir())  # none lost, in order
    for result in files:
        if Path(result["file"]).name in bad:
            (problem,) = result["problems"]
            assert "\n" not in problem
        else:
            assert (result["agency"], result["problems"]) == ("中卫市司法局", [])
    if jobs == "1":
        assert snapshot(folder) == before
        return
    text = command("check", folder, "--jobs", jobs)
    assert text.stdout.count("中卫市司法局 2024年") == 2
    assert sorted(line.split(":")[0] for line in text.stderr.splitlines()[:-1]) == sorted(
        str(folder / name) for name in bad
    )
    assert "7 files: 0 with errors, 5 unreadable" in text.stderr
    assert snapshot(folder) == before


def test_data_files_checked_in_the_command_s_own_process_never_stop_it(tmp_path: Path) -> None:
    # With one job, data files are checked without a worker: what would crash a worker must be
    # a problem line here too (nesting past the recursion limit in JSON and in TOML).
    bad = {
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "deep-arrays.toml": "a = " + "[" * 100_000 + "]" * 100_000,
        "deep-tables.toml": "a = " + "{b = " * 50_000 + "1" + "}" * 50_000,
    }
    for name, text in bad.items():
        (tmp_path / name).write_text(text, "utf-8")
    done = command("check", *(tmp_path / name for name in bad), EXAMPLE)
    assert done.returncode == 2
    assert done.stdout.count("中卫市司法局 2024年: no findings") == 1
    for name in bad:
        assert f"{tmp_path / name}: " in done.stderr
    assert "4 files: 0 with errors, 3 unreadable" in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe (POSIX)")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_past_its_time_budget_is_an_error_line(tmp_path: Path, jobs: str) -> None:
    # Opening a named pipe that nobody writes to blocks for ever: a file that hangs.
    hang = tmp_path / "hangs.txt"
    os.mkfifo(hang)
    args = (EXAMPLE, hang, EXAMPLE, "--timeout", "2", "--jobs", jobs)  # room for a slow CI
    done = command("check", *args)
    assert done.returncode == 2
    assert done.stdout.count("中卫市司法局 2024年: no findings") == 2
    assert f"{hang}: stopped after 2 s (--timeout)" in done.stderr
    assert "3 files: 0 with errors, 1 unreadable" in done.stderr


def test_totals_on_the_smallest_data_file(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(MINIMAL, "utf-8")
    done = command("totals", path)
    assert done.returncode == 0, done.stderr
    assert path.read_text("utf-8") == MINIMAL
    assert gd.load(path) == gd.Report(gd.Agency("测试局"), 2024)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("render", "{md}", "-o", "{md}"), "is the input"),
        (("read", "{md}", "-o", "{md}"), "cannot write a .md file"),
        (("read", "{toml}"), "a data file, not a published report: check it with"),
        (("read", "{md}", "-o", "nodir/sub/out.toml"), "the folder nodir/sub does not exist"),
        (("read", "/dev/zero"), "more than 67,108,864"),
    ],
)
def test_refusals_are_one_line_and_change_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    if "/dev/zero" in args and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    files = {"md": tmp_path / "r.md", "toml": tmp_path / "r.toml"}
    files["md"].write_text(gd.render(gd.load(EXAMPLE), "markdown"), "utf-8")
    shutil.copy(EXAMPLE, files["toml"])
    before = snapshot(tmp_path)
    done = command(*(arg.format(**files) for arg in args))
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert snapshot(tmp_path) == before


def test_a_failure_of_the_command_itself_exits_3() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:  # standard output on a full disk
        done = subprocess.run(
            [sys.executable, "-m", "gov_disclosure.cli", "rules"],
            stdout=full,
            stderr=subprocess.PIPE,
            env=source_env(),
            check=False,
            timeout=60,
        )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 3
    assert err.splitlines() == [
        "gov-disclosure rules: failed (OSError: [Errno 28] No space left on device)"
    ]


def test_standard_input() -> None:
    checked = command("check", "-", stdin=EXAMPLE.read_bytes())
    assert (checked.returncode, checked.stdout) == (
        0,
        "<stdin> — 中卫市司法局 2024年: no findings\n",
    )
