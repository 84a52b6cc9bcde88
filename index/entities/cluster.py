"""Entity analysis on a Dask distributed cluster (``nutgraf add --cluster tcp://HOST:8786``).

The expensive step of an add, the named-entity pass, runs on the workers of a Dask
scheduler (the ``distributed`` package) instead of this machine's worker processes;
everything else (language, sentences not found by the pass, resolution, index, store)
stays here and is the same as in a local add. Each worker runs the very function the
local workers run, :func:`index.entities.ner.analyse`, which loads the model once per
worker process (a module global, see :func:`index.entities.ner.load_model`).

``distributed`` is imported by :class:`ClusterPool` only, when an add is given a
cluster: opening, searching and reading a library never import it.

Before any work is sent, every worker is asked (``Client.run``, a call on each worker
that needs nothing of nutgraf) which nutgraf and which model it has; a worker without
them, or with other versions, makes the add refuse with one line. A worker that dies
mid-add has its tasks run again elsewhere by the scheduler (and each task is retried
:data:`RETRIES` times); a cluster lost altogether (the scheduler gone, or no worker for
:data:`LOST_AFTER` seconds) raises :class:`~index.model.ClusterLost`, which the add
treats like a Ctrl-C: the batches already committed are kept.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import logging
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import CancelledError
from typing import Any
from urllib.parse import urlsplit

from index.entities.cluster_probe import probe
from index.entities.ner import CHUNK_TEXTS, MODEL, Analysed, Job, analyse
from index.model import ClusterError, ClusterLost

__all__ = ["LOST_AFTER", "RETRIES", "ClusterPool", "check_address", "versions_here"]

#: Seconds to wait for the scheduler to answer when connecting.
CONNECT_TIMEOUT = 10.0
#: Seconds to wait for a first worker when the scheduler has none.
WORKERS_TIMEOUT = 10.0
#: Seconds without any worker, while work is waiting, after which the cluster counts as lost.
LOST_AFTER = 60.0
#: How often a task that raised is run again (a worker that dies is not counted: the
#: scheduler moves its tasks to another worker by itself).
RETRIES = 2
#: Seconds between looks at the cluster while waiting for a result.
POLL = 1.0
#: The distributions whose versions the workers must share with this process.
PACKAGES = ("nutgraf", MODEL.replace("_", "-"))

EXAMPLE = "tcp://HOST:8786"


def check_address(text: str) -> str:
    """``text`` if it is a scheduler address ``tcp://HOST:PORT`` or ``tls://HOST:PORT``
    (an IPv6 host in brackets); raises :class:`~index.model.ClusterError` with one line
    otherwise. The two schemes are those of Dask's ``distributed.comm`` (TCP, and TCP
    with TLS)."""
    shown = text if len(text) <= 80 else text[:77] + "..."
    bad = f"{shown!r} is not a Dask scheduler address; give tcp://HOST:PORT or tls://HOST:PORT"
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        raise ClusterError(f"{bad} (the port must be a number from 1 to 65535)") from None
    if parts.scheme not in ("tcp", "tls"):
        raise ClusterError(f"{bad} (e.g. {EXAMPLE})")
    if not parts.hostname:
        raise ClusterError(f"{bad} (the host is missing)")
    if not port:
        raise ClusterError(f"{bad} (the port is missing, e.g. {EXAMPLE})")
    if parts.username is not None or parts.password is not None:
        raise ClusterError(f"{bad} (a user name is not allowed)")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ClusterError(f"{bad} (nothing may follow the port)")
    return text.strip().rstrip("/")


def versions_here() -> dict[str, str]:
    """The versions of :data:`PACKAGES` in this process, by distribution name."""
    return {name: importlib.metadata.version(name) for name in PACKAGES}


def _version(name: str) -> str:
    """``name``'s version on a worker: sent by reference to the standard library, so it
    runs on a worker without nutgraf too."""
    return importlib.metadata.version(name)


class ClusterPool:
    """:class:`~index.entities.ner.NerPool`'s interface (submit, collect, parts, close,
    context manager) on a Dask scheduler's workers.

    Connecting raises :class:`~index.model.ClusterError` (one line naming the address)
    when the address is malformed, the scheduler does not answer within
    :data:`CONNECT_TIMEOUT` s, no worker joins within :data:`WORKERS_TIMEOUT` s, or a
    worker lacks nutgraf or the model or has other versions of them than this process.
    """

    def __init__(self, address: str, lost_after: float = LOST_AFTER) -> None:
        self.address = check_address(address)
        self.lost_after = lost_after
        self._futures: list[Any] = []
        self._quiet = _Quiet()
        self._client = self._connect()
        try:
            self._check_workers()
        except BaseException:
            self.close()
            raise

    def _connect(self) -> Any:
        from distributed import Client  # only an add given a cluster loads Dask

        self._quiet.__enter__()
        try:
            # The client's own timeout bounds the TCP connect only: ask first (bounded).
            arguments = probe(self.address, CONNECT_TIMEOUT)
            return Client(  # type: ignore[no-untyped-call]
                self.address, timeout=CONNECT_TIMEOUT, set_as_default=False, **arguments
            )
        except ClusterError:
            self._quiet.__exit__()
            raise
        except Exception as err:  # MemoryError included (a foreign reply read as a frame)
            self._quiet.__exit__()
            reason = " ".join(str(err).split()) or type(err).__name__
            raise ClusterError(
                f"cannot reach the Dask scheduler at {self.address} ({reason[:200]})"
            ) from None

    def _check_workers(self) -> None:
        client = self._client
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except TimeoutError:
            raise ClusterError(
                f"the Dask scheduler at {self.address} has no workers "
                f"(start some with: dask worker {self.address} --nthreads 1)"
            ) from None
        here = versions_here()
        for name, want in here.items():
            found = client.run(_version, name, on_error="return")
            for worker, got in sorted(found.items()):
                if isinstance(got, BaseException):
                    raise ClusterError(
                        f"worker {worker} of {self.address} does not have {name} "
                        f"(install {name}=={want} in the workers' environment)"
                    )
                if got != want:
                    raise ClusterError(
                        f"worker {worker} of {self.address} has {name} {got}, "
                        f"this add has {want}: install the same version on every worker"
                    )

    @property
    def workers(self) -> int:
        """The threads the cluster's workers run tasks in, now (at least 1)."""
        threads: dict[str, int] = self._client.nthreads()
        return max(1, sum(threads.values()))

    def submit(self, texts: Sequence[str]) -> Job:
        """Send ``texts`` to the workers in chunks (enough for every worker thread to have
        about four, at most :data:`~index.entities.ner.CHUNK_TEXTS` texts each);
        :meth:`collect` gives their results, in order."""
        if not texts:
            return []
        size = min(CHUNK_TEXTS, max(1, -(-len(texts) // (self.workers * 4))))
        chunks = [list(texts[i : i + size]) for i in range(0, len(texts), size)]
        try:
            futures = [
                self._client.submit(analyse, chunk, pure=False, retries=RETRIES) for chunk in chunks
            ]
        except (OSError, CancelledError) as err:
            raise self._lost(err) from None
        self._futures.extend(futures)
        return list(zip(chunks, futures, strict=True))

    def collect(self, job: Job) -> list[Analysed]:
        """Wait for submitted work and return the spans and sentences of every text, in
        order."""
        return [analysed for part in self.parts(job) for analysed in part]

    def parts(self, job: Job) -> Iterator[list[Analysed]]:
        """The spans and sentences of each submitted chunk of texts, in order, as each is
        done. Raises :class:`~index.model.ClusterLost` when the cluster is gone."""
        for _texts, future in job:
            result = self._result(future)
            with contextlib.suppress(ValueError):
                self._futures.remove(future)
            yield result

    def _result(self, future: Any) -> list[Analysed]:
        from distributed import KilledWorker

        alone_since: float | None = None
        while True:
            try:
                result: list[Analysed] = future.result(timeout=POLL)
                return result
            except TimeoutError:
                pass
            except (KilledWorker, CancelledError, OSError) as err:
                raise self._lost(err) from None
            if self._client.status not in ("running", "connecting"):
                raise self._lost(None)
            if self._client.nthreads():
                alone_since = None
            elif alone_since is None:
                alone_since = time.monotonic()
            elif time.monotonic() - alone_since > self.lost_after:
                raise self._lost(None, f"no worker for {self.lost_after:.0f} s")

    def _lost(self, err: BaseException | None, why: str = "") -> ClusterLost:
        from distributed import KilledWorker

        if isinstance(err, KilledWorker):
            why = "a task kept killing the workers it ran on"
        elif isinstance(err, CancelledError | OSError) or (err is None and not why):
            why = "the connection to the scheduler was lost"
        elif err is not None and not why:
            why = " ".join(str(err).split())[:200] or type(err).__name__
        detail = f" ({why})" if why else ""
        return ClusterLost(f"lost the Dask cluster at {self.address}{detail}")

    def close(self) -> None:
        """Cancel the work still out (on Ctrl-C, or a failure) and disconnect; the
        workers stay up for the next add."""
        client, self._client = getattr(self, "_client", None), None
        if client is None:
            return
        try:
            if self._futures:
                with contextlib.suppress(Exception):
                    client.cancel(self._futures, force=True)
                self._futures = []
            with contextlib.suppress(Exception):
                client.close(timeout=CONNECT_TIMEOUT)
        finally:
            self._quiet.__exit__()

    def __enter__(self) -> ClusterPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Quiet:
    """Dask's own log lines (a worker gone, a connection closed, with tracebacks) kept
    off the terminal while a client is open: the add says what matters in one line."""

    def __init__(self) -> None:
        self._levels: dict[str, int] | None = None

    def __enter__(self) -> None:
        if self._levels is None:
            # Dask's logging configuration gives some of its loggers levels of their own
            # (distributed.client, ...): each is quietened, not only the parent.
            known = list(logging.root.manager.loggerDict)
            names = [n for n in known if n.split(".")[0] in ("distributed", "tornado")]
            names += ["distributed", "tornado"]
            self._levels = {n: logging.getLogger(n).level for n in names}
            for name in names:
                logging.getLogger(name).setLevel(logging.CRITICAL + 1)

    def __exit__(self, *exc: object) -> None:
        if self._levels is not None:
            for name, level in self._levels.items():
                logging.getLogger(name).setLevel(level)
            self._levels = None
