"""Downloading ``http(s)://`` inputs so they can be read like files.

Only the standard library is used (no extra HTTP dependency). Every failure
becomes one line a person can act on: the host does not resolve, the server
said 404, the connection timed out.
"""

from __future__ import annotations

import socket
import ssl
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from index.decoding import UnreadableError
from index.readers.base import DEFAULT_MAX_BYTES, Input

__all__ = ["TIMEOUT_S", "fetch_url", "is_url"]

TIMEOUT_S = 20.0
_AGENT = "nutgraf/0.1 (+terminal news reader)"


def is_url(text: str) -> bool:
    """True for ``http://`` and ``https://`` addresses."""
    return text.lower().startswith(("http://", "https://"))


def _reason(err: BaseException, host: str) -> str:
    if isinstance(err, urllib.error.HTTPError):
        return f"HTTP {err.code} {err.reason}"
    if isinstance(err, urllib.error.URLError):
        err = err.reason if isinstance(err.reason, BaseException) else err
    if isinstance(err, socket.gaierror):
        return f"cannot resolve host {host!r}"
    if isinstance(err, TimeoutError | socket.timeout):
        return f"timed out after {TIMEOUT_S:g} s"
    if isinstance(err, ConnectionRefusedError):
        return f"connection to {host!r} refused"
    if isinstance(err, ssl.SSLError):
        return f"TLS error ({err.reason or err})"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return " ".join(str(err).split()) or type(err).__name__


def fetch_url(url: str, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = TIMEOUT_S) -> Input:
    """Download ``url`` and return it as an :class:`Input`; raise UnreadableError with a reason."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host:
        raise UnreadableError("not a valid URL (no host)")
    request = urllib.request.Request(url, headers={"User-Agent": _AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            final_url = response.geturl() or url
            content_type = response.headers.get("Content-Type")
    except (urllib.error.URLError, OSError, ValueError, ssl.SSLError) as err:
        if isinstance(err, urllib.error.HTTPError):
            err.close()  # an HTTP error carries the open response
        raise UnreadableError(_reason(err, host)) from None
    if len(data) > max_bytes:
        raise UnreadableError(f"larger than the {max_bytes / 1024 / 1024:g} MB size limit")
    name = parts.path.rsplit("/", 1)[-1] or host
    return Input.from_bytes(
        url, name, data, url=final_url, content_type=content_type, max_bytes=max_bytes
    )
