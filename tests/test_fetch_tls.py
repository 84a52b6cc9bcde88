"""HTTPS goes through the same checks as HTTP: certificates are verified, and the
deadline still ends a download once TLS has taken the socket over.

The server's certificate is made with the ``openssl`` command for 127.0.0.1 and
trusted through ``SSL_CERT_FILE`` for the tests that need it to be.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.readers.decoding import UnreadableError
from index.readers.fetch import fetch_url
from tests.rawhttp import RawServer, Trickle, response, serving
from tests.test_fetch import PAGE

pytestmark = [
    pytest.mark.slow,  # HTTPS servers, and the openssl command
    pytest.mark.skipif(not shutil.which("openssl"), reason="needs the openssl command"),
]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


@pytest.fixture
def https(certificate: tuple[Path, Path]) -> Iterator[RawServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    with serving(context) as srv:
        srv.routes["/page.html"] = response(body=PAGE, headers={"Content-Type": "text/html"})
        yield srv


def test_an_unknown_certificate_is_refused(https: RawServer) -> None:
    with pytest.raises(UnreadableError, match=r"^TLS certificate not accepted \(self.signed"):
        fetch_url(https.url + "/page.html", timeout=5)


def test_a_trusted_certificate_is_fetched(
    https: RawServer, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    src = fetch_url(https.url + "/page.html", timeout=5)
    assert src.read() == PAGE
    assert src.url == https.url + "/page.html"


def test_the_deadline_ends_a_trickle_over_tls(
    https: RawServer, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    https.routes["/slow"] = slow = Trickle(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
    with pytest.raises(UnreadableError, match=r"^took longer than 1 s, gave up$"):
        fetch_url(https.url + "/slow", timeout=5, deadline=1)
    assert slow.hung_up.wait(5)


def test_the_deadline_ends_a_stalled_handshake() -> None:
    """A server that takes the TLS hello and never answers: nutgraf leaves at the
    deadline (1 s), before its per-wait timeout (10 s) and before the server gives up (3 s)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)
    left = threading.Event()

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(3)
            try:
                while conn.recv(4096):
                    pass
                left.set()
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        url = f"https://127.0.0.1:{listener.getsockname()[1]}/"
        with pytest.raises(UnreadableError, match=r"^took longer than 1 s, gave up$"):
            fetch_url(url, timeout=10, deadline=1)
        assert left.wait(5)
    finally:
        thread.join(10)
        listener.close()
