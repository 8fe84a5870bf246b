"""Checking on a Dask cluster gives the results of a local run, in its order, in bounded memory.

A ``LocalCluster`` of two workers in this process stands for a real cluster; the files are
read by the workers from the paths given, or through fsspec from a URL.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import gov_disclosure as gd
from gov_disclosure import _batch, _cluster

from conftest import CORPUS, EXAMPLES

#: Why a test that needs a cluster is skipped where dask is absent; the tests of what
#: happens without dask (the error naming the extra) run everywhere.
NO_DASK = "dask.distributed is not installed (the dask extra: pip install -e '.[dask]')"


def needs(module: str) -> None:
    pytest.importorskip(module, reason=NO_DASK if module != "fsspec" else "fsspec is not installed")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    needs("distributed")
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        Client(cluster, set_as_default=False) as session,
    ):
        yield session


def local_run(*paths: Path) -> list[_batch.FileResult]:
    """What ``gov-disclosure check PATHS`` finds, one file after another in this process."""
    targets, missing = _batch.collect(str(path) for path in paths)
    assert not missing
    return [_batch.check_file(target) for target in targets]


def test_cluster_run_is_the_local_run_on_the_corpus(client: Any) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (clone it beside this checkout)")
    if importlib.util.find_spec("pypdf") is None:
        pytest.skip("reading PDF needs pypdf (the pdf extra)")
    expected = local_run(CORPUS, EXAMPLES)
    assert len(expected) > 10
    assert any(result.findings for result in expected)
    assert any(result.problems for result in expected)
    found = list(gd.check_files([CORPUS, EXAMPLES], client=client, chunk=2, window=3))
    assert found == expected
    assert [_batch.result_data(r) for r in found] == [_batch.result_data(r) for r in expected]


def test_without_a_client_the_files_are_checked_here() -> None:
    expected = local_run(EXAMPLES)
    assert list(gd.check_files([EXAMPLES])) == expected


def test_reports_are_kept_when_asked(client: Any) -> None:
    toml = EXAMPLES / "zhongwei-justice-2024.toml"
    (result,) = gd.check_files([toml], client=client, keep_reports=True)
    assert result.report == gd.load(toml)
    (result,) = gd.check_files([toml], client=client)
    assert result.report is None


def many(tmp_path: Path, count: int) -> Path:
    """A folder of *count* copies of the example data file, some of them broken."""
    folder = tmp_path / "many"
    folder.mkdir()
    text = (EXAMPLES / "zhongwei-justice-2024.toml").read_text(encoding="utf-8")
    for index in range(count):
        body = text.replace("year = 2024", "year = 20x4") if index % 7 == 3 else text
        (folder / f"{index:04}.toml").write_text(body, encoding="utf-8")
    return folder


def test_results_come_in_order_with_a_bounded_window(client: Any, tmp_path: Path) -> None:
    folder = many(tmp_path, 40)
    targets, _ = _batch.collect([str(folder)])
    taken: list[int] = []

    def lazily() -> Iterator[_batch.Target]:
        for target in targets:
            taken.append(1)
            yield target

    chunk, window = 3, 2
    results = _cluster.check_targets(
        lazily(), _batch.result_data, client=client, chunk=chunk, window=window
    )
    found = []
    for result in results:
        found.append(result)
        # never more than `window` chunks taken and not yet yielded (one refilled ahead)
        assert len(taken) - len(found) <= (window + 1) * chunk
    assert found == [_batch.result_data(_batch.check_file(t)) for t in targets]
    assert sum(bool(r["problems"]) for r in found) == 6


def test_a_scheduler_address_is_connected_to_for_the_run(client: Any, tmp_path: Path) -> None:
    folder = many(tmp_path, 5)
    targets, _ = _batch.collect([str(folder)])
    address = client.scheduler.address
    found = list(_cluster.check_targets(iter(targets), _batch.result_data, client=address))
    assert [r["file"] for r in found] == [str(t.path) for t in targets]


def test_files_are_read_from_an_fsspec_url(client: Any, tmp_path: Path) -> None:
    fsspec = pytest.importorskip("fsspec")
    local = tmp_path / "reports"
    (local / "2024").mkdir(parents=True)
    shutil.copy(EXAMPLES / "zhongwei-justice-2024.toml", local / "2024" / "a.toml")
    shutil.copy(EXAMPLES / "zhongwei-justice-2024.md", local / "b.md")
    (local / "README.md").write_text("# 说明\n\n这里是报告。\n", encoding="utf-8")
    (local / "broken.json").write_text('{"year": 2024', encoding="utf-8")
    (local / "notes.xlsx").write_bytes(b"not checked")
    memory = fsspec.filesystem("memory")
    for path in sorted(local.rglob("*")):
        if path.is_file():
            memory.pipe(f"/gd-test/{path.relative_to(local).as_posix()}", path.read_bytes())
    try:
        expected = local_run(local)
        for url in ("memory://gd-test", local.as_uri()):
            found = list(gd.check_files([url], client=client, chunk=1))
            names = [Path(r.file).name for r in found]
            assert names == ["a.toml", "README.md", "b.md", "broken.json"]
            assert [r.file.partition("://")[0] for r in found] == [url.partition("://")[0]] * 4
            strip = [{**_batch.result_data(r), "file": None} for r in found]
            assert strip == [{**_batch.result_data(r), "file": None} for r in expected]
        (named,) = gd.check_files(["memory://gd-test/README.md"])
        assert named.problems  # a file named is never passed over
        assert named.skipped is None
    finally:
        memory.rm("/gd-test", recursive=True)


def test_paths_that_do_not_exist_are_named_before_any_work(tmp_path: Path) -> None:
    needs("fsspec")
    with pytest.raises(FileNotFoundError, match=r"no such file or folder: .*nowhere, memory://"):
        gd.check_files([EXAMPLES, tmp_path / "nowhere", "memory://gd-test-nowhere/a.toml"])


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ImportError, match=r"gov_disclosure\[dask\]"):
        gd.check_files([EXAMPLES], client="tcp://127.0.0.1:8786")


@pytest.mark.parametrize(("chunk", "window"), [(0, None), (1, 0)])
def test_bad_chunk_or_window_is_refused(client: Any, chunk: int, window: int | None) -> None:
    with pytest.raises(ValueError, match="must be >= 1"):
        gd.check_files([EXAMPLES], client=client, chunk=chunk, window=window)


def test_a_scheduler_that_does_not_answer_is_named() -> None:
    needs("distributed")
    import dask

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(ConnectionError, match=r"^tcp://127\.0\.0\.1:9: no Dask scheduler"),
    ):
        gd.check_files([EXAMPLES], client="tcp://127.0.0.1:9")


def test_the_command_on_a_scheduler_prints_what_the_local_run_prints(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    needs("distributed")
    from distributed import LocalCluster

    from gov_disclosure.cli import main

    paths = [str(CORPUS)] if CORPUS.is_dir() else []
    if paths and importlib.util.find_spec("pypdf") is None:
        pytest.skip("reading PDF needs pypdf (the pdf extra)")
    paths += [str(EXAMPLES), str(many(tmp_path, 9))]
    runs = [
        ("check", *paths, "--format", "json"),
        ("check", *paths),
        ("check", *paths, "--years", "--errors-only"),
        ("export", *paths, "-o", "-", "--to", "jsonl"),
    ]
    local = []
    for args in runs:
        status = main(list(args))
        local.append((status, capsysbinary.readouterr()))
    with LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster:
        address = cluster.scheduler_address
        for args, (status, captured) in zip(runs, local, strict=True):
            assert main([*args, "--scheduler", address]) == status
            on_cluster = capsysbinary.readouterr()
            assert on_cluster.out == captured.out
            assert on_cluster.err == captured.err
        if importlib.util.find_spec("fsspec") is not None:  # the workers read a URL
            import fsspec

            memory = fsspec.filesystem("memory")
            memory.pipe(
                "/gd-cli/2024/a.toml", (EXAMPLES / "zhongwei-justice-2024.toml").read_bytes()
            )
            try:
                assert main(["check", "memory://gd-cli/", "--scheduler", address]) == 0
                out = capsysbinary.readouterr().out.decode("utf-8")
                assert out.endswith("/gd-cli/2024/a.toml — 中卫市司法局 2024年: no findings\n")
                assert out.startswith("memory://")
            finally:
                memory.rm("/gd-cli", recursive=True)
    assert local[0][0] == 2  # the broken copies
    assert b'"repairs": {"status": "repaired"' in local[0][1].out or not CORPUS.is_dir()
    assert len(local[3][1].out.splitlines()) > 9


def test_the_command_without_dask_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from gov_disclosure.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)
    for command in ("check", "export"):
        args = [command, str(EXAMPLES), "--scheduler", "tcp://127.0.0.1:8786"]
        if command == "export":
            args += ["-o", "-"]
        assert main(args) == 2
        (line,) = capsys.readouterr().err.splitlines()
        assert "gov_disclosure[dask]" in line
        assert line.startswith("--scheduler: ")


def _raise(result: _batch.FileResult) -> str:
    """A finish that fails on one file's findings (and not on the problem line that follows)."""
    if result.file.endswith("bad.toml") and not result.problems:
        raise RuntimeError("formatting failed")
    return f"{result.file}: {' '.join(result.problems)}".rstrip(": ")


def test_a_file_that_fails_on_a_worker_is_a_problem_line_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good.toml"
    bad = tmp_path / "bad.toml"
    for path in (good, bad):
        path.write_bytes((EXAMPLES / "zhongwei-justice-2024.toml").read_bytes())
    unknown = _cluster.RemoteFile("nosuchprotocol://bucket/x.toml")
    finished = _cluster._check_chunk(
        [_batch.Target(bad), unknown, _batch.Target(good)], False, _raise
    )
    assert finished[0] == f"{bad}: could not be processed (RuntimeError: formatting failed)"
    assert finished[1].startswith("nosuchprotocol://bucket/x.toml: ")
    assert finished[2] == str(good)
    results = _cluster._check_chunk([unknown], False, _batch.result_data)
    assert results[0]["problems"]  # the protocol fsspec does not know, said for that file
