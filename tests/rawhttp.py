"""A tiny HTTP server on 127.0.0.1 that answers with exactly the bytes a test gives it.

Well-behaved servers (``http.server``) cannot send a truncated chunked body,
101 headers or a broken status line, so this one writes raw bytes. Each route
is either the whole answer (sent, then the connection closed) or a function
that writes to the socket itself (to trickle bytes). It runs in daemon threads,
every socket has a timeout, and :meth:`RawServer.stop` ends it, so no test can
hang on it.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Writer = Callable[[socket.socket, threading.Event], None]
Route = bytes | Writer


def response(
    status: str = "200 OK",
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    length: bool = True,
) -> bytes:
    """An HTTP/1.1 answer as bytes; Content-Length is added unless ``length`` is false."""
    lines = [f"HTTP/1.1 {status}"]
    all_headers = dict(headers or {})
    if length and "Content-Length" not in all_headers:
        all_headers["Content-Length"] = str(len(body))
    all_headers.setdefault("Connection", "close")
    lines += [f"{k}: {v}" for k, v in all_headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class Trickle:
    """A route that sends ``head`` then one ``byte`` every ``every`` seconds, for at most
    ``limit`` seconds (so that a client without a deadline still finishes, wrongly).

    ``hung_up`` is set when the client closed the connection before the end.
    """

    def __init__(
        self, head: bytes, byte: bytes = b"x", every: float = 0.05, limit: float = 10.0
    ) -> None:
        self.head, self.byte, self.every, self.limit = head, byte, every, limit
        self.hung_up = threading.Event()

    def __call__(self, conn: socket.socket, stop: threading.Event) -> None:
        try:
            conn.sendall(self.head)
            for _ in range(int(self.limit / self.every)):
                if stop.wait(self.every):
                    return
                conn.sendall(self.byte)
        except OSError:
            self.hung_up.set()


class RawServer:
    """Serves ``routes`` (path -> answer) and records each request's head."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.tls = tls
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            if self.tls:
                conn = self.tls.wrap_socket(conn, server_side=True)
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 65536:
                data = conn.recv(4096)
                if not data:
                    return
                head += data
            lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
            path = lines[0].split(" ")[1]
            fields = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
            self.requests.append((path, {k.lower(): v for k, v in fields.items()}))
            route = self.routes.get(path, response("404 Not Found", b"not here"))
            if isinstance(route, bytes):
                conn.sendall(route)
            else:
                route(conn, self._stop)
        except OSError:
            pass  # the client hung up (a deadline, a size limit, a refused certificate)
        finally:
            conn.close()

    def stop(self) -> None:
        self._stop.set()
        self._accepting.join(5)
        self._listener.close()
        for thread in self._threads:
            thread.join(5)


@contextmanager
def serving(tls: ssl.SSLContext | None = None) -> Iterator[RawServer]:
    """A :class:`RawServer` (HTTPS with ``tls``) for the duration of the block."""
    server = RawServer(tls)
    try:
        yield server
    finally:
        server.stop()
