"""What went wrong with a download, as one line a person can act on.

urllib3, http.client, ssl and the socket layer each raise their own
exceptions, often one wrapped in another ("Connection broken:
IncompleteRead(...)"). :func:`describe` unwraps them and names the failure in
words, with numbers where they help ("the download was cut short: 120 of 5,000
bytes"). Text that comes from the server is cut to one short line.
"""

from __future__ import annotations

import http.client
import socket
import ssl

from urllib3 import exceptions as u3

__all__ = ["describe", "one_line"]


def one_line(text: str, limit: int = 120) -> str:
    """``text`` with its whitespace (newlines too) collapsed, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _cause(err: BaseException) -> BaseException:
    """The innermost exception that says what happened (urllib3 wraps the real one)."""
    for _ in range(5):
        inner: BaseException | None = None
        if isinstance(err, u3.ProtocolError | u3.SSLError | u3.DecodeError):
            inner = next((a for a in err.args if isinstance(a, BaseException)), None)
        inner = inner or err.__cause__
        if inner is None or isinstance(err, u3.IncompleteRead | u3.InvalidChunkLength):
            return err
        err = inner
    return err


def _malformed(detail: str) -> str:
    return f"the server's response was malformed ({detail})"


def describe(err: BaseException, host: str, timeout: float) -> str:
    """One line saying why fetching from ``host`` failed with ``err``.

    ``timeout`` is the per-wait timeout in seconds, named when one ran out.
    """
    outer, err = err, _cause(err)
    if isinstance(err, u3.IncompleteRead):
        total = err.partial + err.expected
        return f"the download was cut short: {err.partial:,} of {total:,} bytes"
    if isinstance(err, u3.InvalidChunkLength):
        return _malformed("a chunk of the body has no valid length")
    if isinstance(err, http.client.IncompleteRead):
        return "the download was cut short (the connection closed in the middle of a chunk)"
    if isinstance(outer, u3.ProtocolError) and "ended prematurely" in str(outer):
        return "the download was cut short (the connection closed before the last chunk)"
    if isinstance(outer, u3.DecodeError) or isinstance(err, u3.DecodeError):
        return "the server's compressed data is damaged"
    if isinstance(err, socket.gaierror):
        return f"cannot resolve host {one_line(host, 80)!r}"
    if isinstance(err, TimeoutError | u3.TimeoutError):
        return f"timed out (nothing from the server for {timeout:g} s)"
    if isinstance(err, ConnectionRefusedError):
        return f"connection to {one_line(host, 80)!r} refused"
    if isinstance(err, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(err, ConnectionResetError):
        return "the server reset the connection"
    if isinstance(err, http.client.LineTooLong):
        return _malformed("a line longer than 64 KB")
    if isinstance(err, http.client.UnknownProtocol):
        return _malformed("not HTTP/1.x")
    if isinstance(err, http.client.BadStatusLine):
        return _malformed("a bad status line")
    if isinstance(err, http.client.HTTPException) and "headers" in str(err):
        return _malformed("too many headers")
    if isinstance(err, u3.InvalidHeader) and "Content-Length" in str(err):
        return _malformed("conflicting Content-Length values")
    if isinstance(err, http.client.HTTPException | u3.ProtocolError):
        return _malformed(one_line(str(err) or type(err).__name__, 80))
    if isinstance(err, ssl.SSLCertVerificationError):
        return f"TLS certificate not accepted ({one_line(err.verify_message or str(err), 80)})"
    if isinstance(err, ssl.SSLError | u3.SSLError | ssl.CertificateError):
        return f"TLS error ({one_line(getattr(err, 'reason', None) or str(err), 80)})"
    if isinstance(err, UnicodeError):
        return f"not a valid URL (the host name {one_line(host, 80)!r} cannot be encoded)"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    detail = one_line(str(err), 100)
    return f"could not be fetched ({type(err).__name__}{': ' + detail if detail else ''})"
