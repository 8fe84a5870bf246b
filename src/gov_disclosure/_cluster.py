"""Checking many files on a Dask cluster, with the results of a local run in its order.

``gov-disclosure check FOLDER --scheduler ADDRESS`` and :func:`check_files` send the
per-file work (:func:`._batch.check_file`) to the workers of a ``dask.distributed``
cluster, a few files per task, and give back the results in the order of the files.
At most *window* tasks are out at once: the main process keeps only the results that
came back before the ones ahead of them, so its memory does not grow with the number of
files, and a folder is walked only as far as the work has got.

The workers read the files themselves. A local path must name the same file on every
worker (a shared file system mounted at the same place); an fsspec URL
(``s3://bucket/reports/``) is read on the worker through fsspec, which must be installed
there with the protocol's package (s3fs for ``s3://``).

dask.distributed is the optional extra ``dask``; fsspec is needed only for URLs. Neither
is imported before it is used.
"""

from __future__ import annotations

import itertools
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

if TYPE_CHECKING:
    from distributed import Client

    from ._batch import FileResult, Target

# _batch (which imports the readers) is imported on first use: importing this module, as
# ``import gov_disclosure`` does, costs nothing.

__all__ = [
    "DASK_MISSING",
    "RemoteFile",
    "check_files",
    "check_targets",
    "targets",
    "walk_targets",
]

T = TypeVar("T")

#: The message when dask.distributed is not installed.
DASK_MISSING: Final = (
    "checking on a Dask cluster needs dask.distributed, the 'dask' extra: "
    "pip install 'gov_disclosure[dask]'"
)
_FSSPEC_MISSING: Final = (
    "reading {url} needs fsspec (in the dask extra) and the package of its protocol: "
    "pip install 'gov_disclosure[dask]' s3fs (for s3://)"
)
#: Files checked by one task at most: enough to make the scheduler's cost per task small.
DEFAULT_CHUNK: Final = 32


@attrs.frozen
class RemoteFile:
    """A file named by an fsspec URL (``s3://bucket/a.toml``), read by the worker checking it."""

    url: str
    named: bool = True
    agency: str | None = None
    year: int | None = None


def _is_url(name: str) -> bool:
    return "://" in name or "::" in name


def _fsspec(url: str) -> Any:
    try:
        import fsspec
    except ImportError as exc:
        raise ImportError(_FSSPEC_MISSING.format(url=url)) from exc
    return fsspec


def _checked(suffix: str) -> bool:
    from ._batch import DATA_SUFFIXES, REPORT_SUFFIXES

    return suffix.lower() in DATA_SUFFIXES | REPORT_SUFFIXES


def _walk_url(fs: Any, folder: str) -> Iterator[str]:
    """The files under *folder* of an fsspec file system, sorted per directory, depth first:
    the order of ``sorted(Path(folder).rglob("*"))`` for a local folder."""
    entries = sorted(fs.ls(folder, detail=True), key=lambda e: str(e["name"]).rstrip("/"))
    for entry in entries:
        name = str(entry["name"]).rstrip("/")
        if name == folder.rstrip("/"):
            continue
        if entry["type"] == "directory":
            yield from _walk_url(fs, name)
        elif _checked(PurePosixPath(name).suffix):
            yield name


def _url_targets(url: str) -> Iterator[RemoteFile]:
    fs, root = _fsspec(url).core.url_to_fs(url)
    if fs.isdir(root):
        for path in _walk_url(fs, root):
            yield RemoteFile(fs.unstrip_protocol(path), named=False)
    else:
        yield RemoteFile(url)


def _exists(name: str) -> bool:
    if not _is_url(name):
        return Path(name).exists()
    fs, root = _fsspec(name).core.url_to_fs(name)
    return bool(fs.exists(root))


def targets(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Target | RemoteFile]:
    """The files to check for *paths*, in the order of a local run: each file named, and the
    data files and reports found in each folder named (recursively, sorted).

    Raises :class:`FileNotFoundError` naming every path that does not exist, before any file
    is yielded.
    """
    names = [os.fspath(path) for path in paths]
    missing = [name for name in names if not _exists(name)]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    return _targets(names)


def _targets(names: list[str]) -> Iterator[Target | RemoteFile]:
    # A folder without any report, or one that cannot be listed, is a warning.
    return walk_targets(names, missing=_warn, warn=_warn)


def _warn(line: str) -> None:
    warnings.warn(line, stacklevel=4)


def walk_targets(
    names: Iterable[str],
    *,
    missing: Callable[[str], None],
    warn: Callable[[str], None],
    stdin: Callable[[], bytes] | None = None,
) -> Iterator[Target | RemoteFile]:
    """The files of *names* as :func:`._batch.walk` finds them, lazily (a local folder is
    listed one directory at a time, sorted), and an fsspec URL's files as :class:`RemoteFile`.
    """
    from ._batch import walk

    for name in names:
        if _is_url(name):
            yield from _url_targets(name)
        else:
            yield from walk([name], missing=missing, warn=warn, stdin=stdin)


def _check_remote(item: RemoteFile, keep_report: bool) -> FileResult:
    """Check a file named by a URL: fetched to a scratch folder under its own name, checked
    there, and its result named by the URL."""
    import tempfile

    from ._batch import DATA_SUFFIXES, FileResult, Target, check_file, describe

    address = next((part for part in item.url.split("::") if "://" in part), item.url)
    name = PurePosixPath(address.partition("://")[2].partition("?")[0]).name or "file"
    try:
        with _fsspec(item.url).open(item.url, "rb") as source:
            data = source.read()
    except Exception as exc:  # missing fsspec on this worker, no such object, no access …
        kind = "data" if Path(name).suffix.lower() in DATA_SUFFIXES else "published"
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else describe(exc)
        return FileResult(item.url, kind, problems=(reason,))
    with tempfile.TemporaryDirectory(prefix="gov-disclosure-") as folder:
        local = Path(folder) / name
        local.write_bytes(data)
        target = Target(local, named=item.named, agency=item.agency, year=item.year)
        result = check_file(target, keep_report=keep_report)
    return attrs.evolve(result, file=item.url)


def _check_chunk(
    items: list[Target | RemoteFile], keep_report: bool, finish: Callable[[FileResult], T]
) -> list[T]:
    """The task a worker runs: ``finish(result)`` of each file of a chunk. Whatever one file
    does, it becomes that file's problem line, as in a local run."""
    from ._batch import check_file, finished

    done: list[T] = []
    for item in items:
        try:
            if isinstance(item, RemoteFile):
                result = _check_remote(item, keep_report)
            else:
                result = check_file(item, keep_report=keep_report)
        except Exception as exc:
            result = _failed(item, exc)
        done.append(finished(result, finish))
    return done


def _failed(item: Target | RemoteFile, exc: BaseException) -> FileResult:
    """The result of a file whose check raised, or whose task the cluster lost."""
    from ._batch import DATA_SUFFIXES, FileResult, unexpected

    name = item.url if isinstance(item, RemoteFile) else item.name
    suffix = PurePosixPath(name.partition("?")[0]).suffix.lower()
    kind = "data" if suffix in DATA_SUFFIXES else "published"
    return FileResult(name, kind, problems=(unexpected(exc),))


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ImportError(DASK_MISSING) from exc
    return distributed


def check_targets(
    items: Iterable[Target | RemoteFile],
    finish: Callable[[FileResult], T],
    *,
    client: Client | str,
    keep_reports: bool = False,
    chunk: int = DEFAULT_CHUNK,
    window: int | None = None,
) -> Iterator[T]:
    """``finish(result)`` of every file, checked on a Dask cluster, yielded in the order of
    *items*: what :func:`._batch.check_targets` gives, with the work on the cluster.

    *client* is a ``distributed.Client`` or the address of a scheduler
    (``tcp://10.0.0.5:8786``), connected to for this run and closed after it. *items* are
    taken lazily into tasks of 1, 2, 4 … and at most *chunk* files; at most *window* tasks
    (default: two per worker thread) are submitted and not yet yielded. *finish* runs on
    the worker (a module-level function, to be pickled), so that only what it returns
    comes back.

    Raises :class:`ImportError` naming the ``dask`` extra when dask.distributed is not
    installed, and :class:`ConnectionError` naming the address when no scheduler answers.
    """
    if chunk < 1:
        raise ValueError(f"'chunk' must be >= 1: {chunk}")
    if window is not None and window < 1:
        raise ValueError(f"'window' must be >= 1: {window}")
    distributed = _distributed()
    if isinstance(client, str):
        try:
            session = distributed.Client(client, set_as_default=False)
        except OSError as exc:
            raise ConnectionError(f"{client}: no Dask scheduler answers there ({exc})") from exc
        return _closing(
            session, _run(session, distributed, iter(items), finish, keep_reports, chunk, window)
        )
    return _run(client, distributed, iter(items), finish, keep_reports, chunk, window)


def _closing(client: Any, results: Iterator[T]) -> Iterator[T]:
    """*results*, then the client closed (also when the caller stops early)."""
    try:
        yield from results
    finally:
        client.close()


def _run(
    client: Any,
    distributed: Any,
    items: Iterator[Target | RemoteFile],
    finish: Callable[[FileResult], T],
    keep_reports: bool,
    chunk: int,
    window: int | None,
) -> Iterator[T]:
    if window is None:
        window = max(2, 2 * sum(client.nthreads().values()))
    pending = distributed.as_completed(loop=client.loop)
    # submitted, not yet back: future key → index, future, its files
    out: dict[str, tuple[int, Any, list[Target | RemoteFile]]] = {}
    ready: dict[int, list[T]] = {}  # back before the ones ahead of them
    submitted = yielded = 0

    def submit() -> bool:
        nonlocal submitted
        # The first tasks are small, so that a few files are spread over the workers too.
        batch = list(itertools.islice(items, min(chunk, 1 << min(submitted, 20))))
        if not batch:
            return False
        future = client.submit(_check_chunk, batch, keep_reports, finish, pure=False)
        out[future.key] = (submitted, future, batch)
        pending.add(future)
        submitted += 1
        return True

    try:
        while submitted - yielded < window and submit():
            pass
        for future in pending:
            index, _, batch = out.pop(future.key)
            try:
                ready[index] = future.result()
            except Exception as exc:  # the task was lost: a worker died, or it could not run
                from ._batch import finished

                ready[index] = [finished(_failed(item, exc), finish) for item in batch]
            future.release()
            while yielded in ready:
                yield from ready.pop(yielded)
                yielded += 1
                if submitted - yielded < window:
                    submit()
    finally:
        if out:
            client.cancel([future for _, future, _ in out.values()])


def check_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    client: Client | str | None = None,
    keep_reports: bool = False,
    chunk: int = DEFAULT_CHUNK,
    window: int | None = None,
) -> Iterator[FileResult]:
    """Check data files and published reports, on a Dask cluster when given one: the result
    of each file, in the order of a local run.

    *paths* are files and folders (searched recursively for data files and reports), local
    or fsspec URLs (``s3://bucket/reports/``). *client* is a ``distributed.Client``, or a
    scheduler's address (``tcp://10.0.0.5:8786``); ``None`` checks in this process. The
    results, findings and order are those of ``gov-disclosure check`` on the same paths.
    *keep_reports* keeps each report in its result (``result.report``). On a cluster, at
    most *window* tasks of *chunk* files are out at once (see ``docs/guide/cluster.md``).

    Raises :class:`FileNotFoundError` naming every path that does not exist, and
    :class:`ImportError` naming the ``dask`` extra when a client is given without it.
    """
    from ._batch import unchanged

    items = targets(paths)
    if client is None:
        return (_check_local(item, keep_reports) for item in items)
    return check_targets(
        items, unchanged, client=client, keep_reports=keep_reports, chunk=chunk, window=window
    )


def _check_local(item: Target | RemoteFile, keep_report: bool) -> FileResult:
    from ._batch import check_file

    if isinstance(item, RemoteFile):
        return _check_remote(item, keep_report)
    return check_file(item, keep_report=keep_report)
