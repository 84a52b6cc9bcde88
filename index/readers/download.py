"""One HTTP request and its answer, through urllib3, under a deadline and the address policy.

urllib3 rather than the standard library's urllib: it reads chunked bodies,
decodes gzip and deflate a bounded piece at a time (a gzip bomb never sits in
memory beyond the size limit), raises when a body is shorter than its
Content-Length, and leaves redirects to the caller, so that each hop's scheme
and address are checked (see :mod:`index.readers.fetch`). It is already
installed with trafilatura.

Two things are added around it. Connections go through
:func:`index.readers.address.connect`, which resolves the host once and
connects only to an address it has checked. And the deadline: the timeout of
a socket bounds each wait, not the whole download, so a timer shuts down the
download's sockets when its deadline passes, which ends whatever read is
waiting. Every error becomes one line (:mod:`index.readers.fetch_error`).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Any

from urllib3 import BaseHTTPResponse
from urllib3.connection import HTTPConnection, HTTPSConnection

from index.readers import address
from index.readers.decoding import UnreadableError
from index.readers.fetch_error import describe, one_line
from index.readers.inflate import Inflater

if TYPE_CHECKING:
    from index.readers.fetch import Target

__all__ = ["Reply", "Session"]

_AGENT = "nutgraf/0.1 (+terminal news reader)"
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Reply:
    """A server's answer: the status, and the body only for a 2xx answer."""

    status: int
    reason: str = ""
    location: str | None = None
    body: bytes = b""
    content_type: str | None = None


class _Clock:
    """The deadline of one download, and the sockets to shut down when it passes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        # Duplicates of the download's sockets: shutting one down ends reads on the
        # original (also once TLS has taken it over), and closing it leaves the original.
        self._watched: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def reason(self) -> str:
        return f"took longer than {self.seconds:g} s, gave up"

    def remaining(self) -> float:
        """Seconds left; raises :class:`UnreadableError` when there are none."""
        left = self.end - time.monotonic()
        if self.expired or left <= 0:
            raise UnreadableError(self.reason)
        return left

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the deadline passes (at once if it has)."""
        with self._lock:
            dup = sock.dup()
            self._watched.append(dup)
            if self.expired:
                _shutdown(dup)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._watched:
                _shutdown(sock)

    def stop(self) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._watched:
                sock.close()
            self._watched.clear()


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the server or by us
        sock.shutdown(socket.SHUT_RDWR)


def _raw_response(
    opened: list[http.client.HTTPResponse], sock: socket.socket, *args: Any, **kw: Any
) -> http.client.HTTPResponse:
    response = http.client.HTTPResponse(sock, *args, **kw)
    opened.append(response)
    return response


class _ThroughSession:
    """Connects through the session (address policy, deadline); mixed into urllib3's
    HTTP and HTTPS connections."""

    _dns_host: str
    port: int
    response_class: Any

    def __init__(self, host: str, port: int, *, session: Session) -> None:
        super().__init__(host, port, timeout=session.timeout)  # type: ignore[call-arg]
        self._session = session
        # http.client's response is remembered so that it can be closed even when
        # urllib3 fails to wrap it (it raises on conflicting Content-Length values
        # and would leave the socket open).
        self.response_class = partial(_raw_response, session.opened)

    def _new_conn(self) -> socket.socket:
        return self._session.connect(self._dns_host, self.port)


class _Connection(_ThroughSession, HTTPConnection):
    """An HTTP connection through the session."""


class _TLSConnection(_ThroughSession, HTTPSConnection):
    """An HTTPS connection through the session."""


class Session:
    """The requests of one download (the first and its redirects), sharing one deadline.

    ``timeout`` (seconds) bounds each connect and each wait for bytes;
    ``deadline`` (seconds) the whole session. Use it as a context manager.
    """

    def __init__(self, timeout: float, deadline: float, allow_link_local: bool) -> None:
        self.timeout = timeout
        self.deadline = deadline
        self.allow_link_local = allow_link_local
        self._clock: _Clock | None = None
        #: http.client's responses of the current request, closed after it (see _Connection).
        self.opened: list[http.client.HTTPResponse] = []

    def __enter__(self) -> Session:
        self._clock = _Clock(self.deadline)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._clock is not None:
            self._clock.stop()

    @property
    def clock(self) -> _Clock:
        """The session's deadline; raises RuntimeError outside its ``with`` block."""
        if self._clock is None:
            raise RuntimeError("Session used outside its 'with' block")
        return self._clock

    def connect(self, host: str, port: int) -> socket.socket:
        """A socket connected to an allowed address of ``host``, watched by the deadline."""
        timeout = min(self.timeout, self.clock.remaining())
        sock = address.connect(host, port, timeout, self.allow_link_local)
        self.clock.watch(sock)
        return sock

    def get(self, target: Target, max_bytes: int) -> Reply:
        """GET ``target``: its status and headers, and its body (at most ``max_bytes``
        decoded) when the status is 2xx. Raises :class:`UnreadableError` and nothing else."""
        try:
            return self._get(target, max_bytes)
        except UnreadableError:
            if self.clock.expired:
                raise UnreadableError(self.clock.reason) from None
            raise
        except Exception as err:  # whatever the HTTP stack raises is this URL's failure alone
            if self.clock.expired:
                raise UnreadableError(self.clock.reason) from None
            raise UnreadableError(describe(err, target.host, self.timeout)) from None

    def _get(self, target: Target, max_bytes: int) -> Reply:
        self.clock.remaining()
        kind = _TLSConnection if target.scheme == "https" else _Connection
        conn = kind(target.host, target.port, session=self)
        headers = {"User-Agent": _AGENT, "Accept": "*/*", "Accept-Encoding": "gzip, deflate"}
        if target.authorization:
            headers["Authorization"] = target.authorization
        try:
            conn.request("GET", target.request_uri, headers=headers, preload_content=False)
            response = conn.getresponse()
            try:
                return self._reply(response, max_bytes)
            finally:
                response.close()
        finally:
            conn.close()
            for raw in self.opened:
                raw.close()
            self.opened.clear()

    def _reply(self, response: BaseHTTPResponse, max_bytes: int) -> Reply:
        status, reason = response.status, one_line(response.reason or "", 60)
        location = response.headers.get("Location")
        if not 200 <= status < 300:
            return Reply(status, reason, one_line(location, 1 << 16) if location else None)
        limit = max_bytes / 1024 / 1024
        inflater = Inflater(
            response.headers.get("Content-Encoding", ""),
            max_bytes,
            lambda: UnreadableError(
                f"larger than the {limit:g} MB size limit (raise it with --max-size)"
            ),
        )
        chunks: list[bytes] = []
        for chunk in response.stream(_CHUNK, decode_content=False):
            chunks.append(inflater.feed(chunk))
            self.clock.remaining()
        inflater.finish()
        self.clock.remaining()  # a connection shut by the deadline looks like a finished body
        content_type = response.headers.get("Content-Type")
        return Reply(
            status,
            reason,
            body=b"".join(chunks),
            content_type=one_line(content_type, 200) if content_type else None,
        )
