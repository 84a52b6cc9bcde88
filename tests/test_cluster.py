"""``nutgraf add --cluster``: entity analysis on a real Dask cluster (issue 16, item 5).

One ``distributed.LocalCluster`` on loopback (two worker processes of one thread) serves
the module; the same 60 BBC records are added locally and through the cluster into two
libraries, which must hold the same articles, entities and index. The failures (a
malformed address, a scheduler that does not answer, workers with other versions, a
cluster lost mid-add) end in one line, and reading never imports Dask.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from index.entities import cluster as cluster_module
from index.entities.cluster import ClusterPool, check_address
from index.library import Library
from index.model import LOADING_MODEL, ClusterError, ClusterLost
from tests.conftest import CORPORA, CliResult, needs_corpora
from tests.test_import_hygiene import modules_after

pytestmark = pytest.mark.xdist_group("cluster")

BBC = CORPORA / "news" / "bbc.jsonl"
QUERIES = (
    "profit",
    "oil prices",
    'org:"Time Warner"',
    "person:Greenspan",
    "place:India",
    '"interest rates"',
    "econom*",
)


def _analysed_on(scheduler: Any) -> list[int]:
    """A counter (a one-item list) of the analysis tasks ``scheduler`` saw finish."""
    from distributed.diagnostics.plugin import SchedulerPlugin

    done = [0]

    class Count(SchedulerPlugin):  # type: ignore[misc]
        name = "count-analyse"

        def transition(self, key: Any, start: str, finish: str, *args: Any, **kw: Any) -> None:
            if finish == "memory" and str(key).startswith("analyse-"):
                done[0] += 1

    scheduler.add_plugin(Count())
    return done


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[Any]:
    """A Dask scheduler with two worker processes (one thread each) on 127.0.0.1."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address=":0",
    ) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "bbc60.jsonl"
    with BBC.open(encoding="utf-8") as f:
        path.write_text("".join(next(f) for _ in range(60)), encoding="utf-8")
    return path


@contextmanager
def _added(folder: Path, corpus: Path, cluster: str | None = None) -> Iterator[Library]:
    lib = Library.open(folder, create=True)
    try:
        with lib.writer() as writer:
            report = writer.add([str(corpus)], cluster=cluster)
        assert report.complete and len(report.added) == 60
        yield lib
    finally:
        lib.close()


def _count(folder: Path) -> int:
    lib = Library.open(folder)
    try:
        return lib.count()
    finally:
        lib.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


@pytest.mark.slow
@needs_corpora("news", "bbc.jsonl")
def test_a_cluster_add_makes_the_library_a_local_add_makes(
    dask_cluster: Any, corpus: Path, tmp_path: Path
) -> None:
    address = dask_cluster.scheduler_address
    analysed = _analysed_on(dask_cluster.scheduler)
    with _added(tmp_path / "local", corpus) as local:
        assert analysed == [0]
        with _added(tmp_path / "remote", corpus, cluster=address) as remote:
            # 60 texts in chunks of 8 (four chunks per worker thread): all on the cluster.
            assert analysed == [8]
            _same_library(local, remote)


def _same_library(local: Library, remote: Library) -> None:
    ids = sorted(a.id for a in local.articles(limit=1000))
    assert ids == sorted(a.id for a in remote.articles(limit=1000))
    assert len(ids) == 60
    found = 0
    for article_id in ids:
        # Names, kinds, labels, aliases and every mention with its offsets.
        assert remote.entities(article_id) == local.entities(article_id), article_id
        found += len(local.entities(article_id))
    assert found > 300  # the pass did run
    for query in QUERIES:
        here, there = local.search(query), remote.search(query)
        assert here.total > 0, query
        assert [(h.id, h.snippet, h.matches) for h in there.hits] == [
            (h.id, h.snippet, h.matches) for h in here.hits
        ], query
    assert remote.mentions("Greenspan") == local.mentions("Greenspan")


@pytest.mark.slow
def test_the_cluster_gets_the_work_in_chunks_for_every_worker_in_order(
    dask_cluster: Any,
) -> None:
    texts = [f"Tony Blair met Gordon Brown in London on day {i}. He left." for i in range(24)]
    with ClusterPool(dask_cluster.scheduler_address) as pool:
        assert pool.workers == 2
        job = pool.submit(texts)
        assert len(job) == 8  # 24 texts, four chunks per worker thread
        results = pool.collect(job)
    assert len(results) == 24
    for i, (spans, starts) in enumerate(results):
        assert any(texts[i][a:b] == "Tony Blair" for a, b, _ in spans)
        assert any(texts[i][a:b] == "London" for a, b, _ in spans)
        assert starts == [texts[i].index("He")]


@pytest.mark.slow
def test_a_worker_killed_mid_work_loses_nothing(dask_cluster: Any) -> None:
    texts = [f"Gordon Brown met Tony Blair in Leeds on day {i}." for i in range(40)]
    with ClusterPool(dask_cluster.scheduler_address) as pool:
        job = pool.submit(texts)
        pids = pool._client.run(os.getpid)
        os.kill(sorted(pids.values())[0], signal.SIGKILL)  # its nanny starts another
        results = pool.collect(job)
        pool._client.wait_for_workers(2, timeout=60)
    names = [
        sorted(t[a:b] for a, b, _ in spans) for t, (spans, _) in zip(texts, results, strict=True)
    ]
    assert names == [["Gordon Brown", "Leeds", "Tony Blair", f"day {i}"] for i in range(40)]


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1:8786",
        "http://127.0.0.1:8786",
        "tcp://127.0.0.1",
        "tcp://:8786",
        "tcp://host:99999",
        "tcp://host:port",
        "tcp://host:8786/path",
        "",
    ],
)
def test_a_malformed_address_is_one_line_and_the_library_is_untouched(
    address: str, cli: Callable[..., CliResult], tmp_path: Path, corpus: Path
) -> None:
    folder = tmp_path / "lib"
    result = cli("add", "--library", str(folder), "--cluster", address, str(corpus))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nutgraf: --cluster: "), result.err
    assert "tcp://HOST:PORT" in lines[0]
    assert "Traceback" not in result.err
    assert not folder.exists()  # not even made


def test_good_addresses_are_taken_as_given() -> None:
    assert check_address("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert check_address("tls://sched.example.org:8786/") == "tls://sched.example.org:8786"
    assert check_address("tcp://[::1]:8786") == "tcp://[::1]:8786"
    with pytest.raises(ClusterError):
        check_address("tcp://host:0")


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line_naming_it_and_nothing_is_written(
    cli: Callable[..., CliResult],
    seeded_copy: Path,
    corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 2.0)
    address = f"tcp://127.0.0.1:{_free_port()}"
    before = _count(seeded_copy)
    result = cli("add", "--library", str(seeded_copy), "--cluster", address, str(corpus))
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith(f"nutgraf: cannot reach the Dask scheduler at {address}")
    assert _count(seeded_copy) == before
    fresh = seeded_copy.parent / "fresh"
    result = cli("add", "--library", str(fresh), "--cluster", address, str(corpus))
    assert result.code == 1 and "cannot reach the Dask scheduler" in result.err
    assert not fresh.exists()  # checked before the library is made


@pytest.mark.slow
def test_workers_with_other_versions_are_refused_before_any_work(
    dask_cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    address = dask_cluster.scheduler_address
    here = cluster_module.versions_here()
    other = {**here, "nutgraf": "0.0.1"}
    monkeypatch.setattr(cluster_module, "versions_here", lambda: other)
    with pytest.raises(ClusterError, match=r"has nutgraf .*this add has 0\.0\.1"):
        ClusterPool(address)
    missing = {**here, "no-such-nutgraf-model": "1.0"}
    monkeypatch.setattr(cluster_module, "versions_here", lambda: missing)
    with pytest.raises(ClusterError, match="does not have no-such-nutgraf-model"):
        ClusterPool(address)


@pytest.mark.slow
def test_a_cluster_add_stopped_by_ctrl_c_leaves_no_work_on_the_cluster(
    dask_cluster: Any, corpus: Path, tmp_path: Path
) -> None:
    lib = Library.open(tmp_path / "lib", create=True)

    def interrupt(progress: Any) -> None:
        if progress.current in (LOADING_MODEL, "analysing entities"):
            raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt), lib.writer() as writer:
            writer.add([str(corpus)], cluster=dask_cluster.scheduler_address, progress=interrupt)
        assert lib.count() == 0
    finally:
        lib.close()
    scheduler = dask_cluster.scheduler
    deadline = time.monotonic() + 10
    while scheduler.tasks and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not scheduler.tasks


@pytest.mark.slow
def test_a_lost_cluster_stops_the_work_with_one_line() -> None:
    from distributed import LocalCluster

    texts = ["Gordon Brown spoke in Leeds."] * 4
    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address=":0",
    ) as small:
        pool = ClusterPool(small.scheduler_address, lost_after=2)
        first = pool.submit(texts)
        assert len(pool.collect(first)) == 4
        small.scale(0)  # every worker leaves, the scheduler stays
        deadline = time.monotonic() + 10
        while small.scheduler.workers and time.monotonic() < deadline:
            time.sleep(0.1)
        job = pool.submit(texts)
        with pytest.raises(ClusterLost, match=r"lost the Dask cluster at tcp://127\.0\.0\.1"):
            pool.collect(job)
        pool.close()


@pytest.mark.slow
def test_the_cli_says_a_lost_cluster_in_one_line_and_keeps_finished_batches(
    cli: Callable[..., CliResult],
    seeded_copy: Path,
    corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def lost(self: Any, address: str) -> None:
        raise ClusterLost(f"lost the Dask cluster at {address} (no worker for 60 s)")

    import index.library

    monkeypatch.setattr(index.library, "check_cluster", lambda address: None)  # it was there
    monkeypatch.setattr(ClusterPool, "__init__", lost)
    result = cli("add", "--library", str(seeded_copy), "--cluster", "tcp://h:1", str(corpus))
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        "nutgraf: lost the Dask cluster at tcp://h:1 (no worker for 60 s): kept 0 new "
        "articles; run the same command again to continue"
    ]


@pytest.mark.slow
def test_reading_and_the_reader_never_import_dask(seeded_copy: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(seeded_copy, copy)
    loaded = modules_after(
        f"""
        import asyncio, contextlib, io
        from cli.main import main
        from index.library import Library
        from tui.app import NutgrafApp

        with contextlib.redirect_stdout(io.StringIO()):
            for args in (["list"], ["search", "ballistic"], ["entities"], ["show", "0"]):
                main([*args, "--library", {str(copy)!r}])

        async def run():
            app = NutgrafApp(Library.open({str(seeded_copy)!r}))
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.press("/", *"ballistic", "enter")
                await app.workers.wait_for_complete()
                await pilot.pause(0.3)
                assert app.reader.article is not None

        asyncio.run(run())
        """
    )
    assert "textual" in loaded and "index.library" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("distributed", "dask")}


@contextmanager
def _server(answer: bytes | None) -> Iterator[int]:
    """A TCP server on 127.0.0.1 that is not Dask: it sends ``answer`` to whatever it is
    sent and closes, or (``None``) accepts and says nothing. Yields its port."""
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            held.append(conn)
            if answer is not None:
                conn.settimeout(2)
                with contextlib.suppress(OSError):
                    conn.recv(4096)
                    conn.sendall(answer)
                conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


HTTP_400 = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 11\r\nConnection: close\r\n\r\nBad Request"


def _one_line(result: CliResult) -> str:
    assert "Traceback" not in result.err and "__del__" not in result.err, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


@pytest.mark.slow
def test_a_server_answering_something_else_is_not_a_scheduler_and_nothing_is_made(
    cli: Callable[..., CliResult], corpus: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "lib"
    with _server(HTTP_400) as port:
        address = f"tcp://127.0.0.1:{port}"
        result = cli("add", "--library", str(folder), "--cluster", address, str(corpus))
    assert result.code == 1
    line = _one_line(result)
    assert line == f"nutgraf: {address} is not a Dask scheduler (it answered something else)"
    assert not folder.exists()


@pytest.mark.slow
def test_a_port_that_never_answers_fails_within_the_limit_and_nothing_is_made(
    cli: Callable[..., CliResult],
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 2.0)
    folder = tmp_path / "lib"
    with _server(None) as port:
        address = f"tcp://127.0.0.1:{port}"
        result = cli("add", "--library", str(folder), "--cluster", address, str(corpus))
    assert result.code == 1
    assert _one_line(result).startswith(
        f"nutgraf: {address} did not answer as a Dask scheduler within 2 s"
    )
    assert not folder.exists()


@pytest.mark.slow
def test_tls_without_its_settings_names_what_is_missing(
    cli: Callable[..., CliResult],
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in list(os.environ):
        if name.startswith("DASK_DISTRIBUTED__COMM__TLS"):
            monkeypatch.delenv(name)
    folder = tmp_path / "lib"
    address = f"tls://127.0.0.1:{_free_port()}"
    result = cli("add", "--library", str(folder), "--cluster", address, str(corpus))
    assert result.code == 1
    line = _one_line(result)
    assert line.startswith(f"nutgraf: {address} needs TLS settings, and none are set")
    assert "DASK_DISTRIBUTED__COMM__TLS__CA_FILE" in line
    assert not folder.exists()


def test_a_user_name_in_the_address_is_named_as_the_problem(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    result = cli(
        "add",
        "--library",
        str(tmp_path / "lib"),
        "--cluster",
        "tcp://user@127.0.0.1:8786",
        "x.jsonl",
    )
    assert result.code == 2
    assert _one_line(result).endswith("(a user name is not allowed)")
