"""Downloading ``http(s)://`` inputs so they can be read like files.

The HTTP itself is urllib3's (see :mod:`index.readers.download`); what is
nutgraf's own is the policy around it:

* every failure is one line a person can act on, for that URL alone ("not a
  valid URL (port 'abc' is not a number)", "HTTP 404 Not Found", "the server's
  response was malformed (too many headers)"); nothing but
  :class:`~index.readers.decoding.UnreadableError` leaves :func:`fetch_url`;
* only ``http`` and ``https``, also after a redirect, and at most
  ``max_redirects`` redirects, each followed here so that each is checked;
* one deadline for the whole download (connecting, every read, every
  redirect) on top of the timeout for each read: a server that trickles a byte
  at a time cannot keep ``add`` waiting;
* link-local and cloud metadata addresses are refused unless allowed
  (:mod:`index.readers.address`);
* credentials in the URL (``http://user:pw@host/``) go to that host only, as
  HTTP basic auth; the password is never shown nor stored: the origin and url
  kept are ``http://user@host/``.

urllib3 is imported when the first URL is fetched, not when this module is.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, replace
from urllib.parse import unquote, urljoin

from index.readers.base import DEFAULT_MAX_BYTES, Input
from index.readers.decoding import UnreadableError

__all__ = [
    "DEADLINE_S",
    "MAX_REDIRECTS",
    "TIMEOUT_S",
    "Target",
    "fetch_url",
    "is_url",
    "parse_target",
    "redact_url",
]

#: Longest wait for any one step (connecting, or the next bytes of the answer).
TIMEOUT_S = 20.0
#: Longest a whole download may take, redirects included.
DEADLINE_S = 60.0
MAX_REDIRECTS = 10

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?([^\"';,\s]+)", re.I)


def is_url(text: str) -> bool:
    """True for ``http://`` and ``https://`` addresses."""
    return text.lower().startswith(("http://", "https://"))


def _split_netloc(url: str) -> tuple[str, str, str] | None:
    """``(scheme://, netloc, rest)`` of a URL with an authority, else None."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return None
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    return scheme + sep, rest[:cut], rest[cut:]


def redact_url(url: str) -> str:
    """``url`` without its password: ``http://user:pw@host/`` -> ``http://user@host/``.

    Never raises, whatever ``url`` is: it is how a URL is shown and stored.
    """
    parts = _split_netloc(url)
    if parts is None:
        return url
    head, netloc, tail = parts
    userinfo, at, hostport = netloc.rpartition("@")
    if not at:
        return url
    user = userinfo.split(":", 1)[0]
    return f"{head}{user + '@' if user else ''}{hostport}{tail}"


class BadURL(ValueError):
    """A URL that cannot be fetched; ``str(err)`` says what is wrong with it."""


class NotFetched(BadURL):
    """A URL whose scheme is not http or https; ``scheme`` is the scheme."""

    def __init__(self, scheme: str) -> None:
        super().__init__(f"a {_short(scheme, 20)}: URL, which is not fetched")
        self.scheme = scheme


@dataclass(frozen=True, slots=True)
class Target:
    """One URL to request, taken apart and normalised (IDNA host, percent-encoded path)."""

    scheme: str
    host: str
    port: int
    request_uri: str
    url: str
    """The whole URL as shown and stored: with the user name, never the password."""
    plain_url: str
    """The URL without any user name or password (what redirects are resolved against)."""
    authorization: str | None = None
    """The ``Authorization`` header value for the credentials in the URL, if any."""

    def same_origin(self, other: Target) -> bool:
        """True when ``other`` is the same scheme, host and port (where credentials may go)."""
        return (self.scheme, self.host, self.port) == (other.scheme, other.host, other.port)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _host_and_port(hostport: str, default_port: int) -> tuple[str, int]:
    if hostport.startswith("["):
        host, closed, after = hostport[1:].partition("]")
        if not closed:
            raise BadURL("an IPv6 address without its closing ']'")
        if after and not after.startswith(":"):
            raise BadURL(f"unexpected {_short(after)!r} after the IPv6 address")
        port_text = after[1:]
    else:
        if "[" in hostport or "]" in hostport:
            raise BadURL("a '[' or ']' outside an IPv6 address")
        host, _, port_text = hostport.partition(":")
    if not host:
        raise BadURL("no host")
    if " " in host:
        raise BadURL(f"the host {_short(host)!r} contains a space")
    if not port_text:
        return host, default_port
    if not (port_text.isascii() and port_text.isdigit()):
        raise BadURL(f"port {_short(port_text)!r} is not a number")
    port = int(port_text)
    if not 0 < port < 65536:
        raise BadURL(f"port {_short(port_text)} is not between 1 and 65535")
    return host, port


def parse_target(url: str) -> Target:
    """Take ``url`` apart for a request; raise :class:`BadURL` saying what is wrong with it.

    :class:`NotFetched` when it is a URL of another scheme (``ftp:``, ``file:``).
    """
    if _CONTROL.search(url):
        raise BadURL("it contains a control character")
    try:
        url.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes from the command line (surrogate escapes)
        raise BadURL("it contains bytes that are not UTF-8 text") from None
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if scheme not in ("http", "https"):
        raise NotFetched(scheme) if scheme else BadURL("no scheme (http:// or https://)")
    parts = _split_netloc(url)
    if parts is None:
        raise BadURL("no host")
    _, netloc, tail = parts
    userinfo, at, hostport = netloc.rpartition("@")
    default_port = 443 if scheme == "https" else 80
    _, port = _host_and_port(hostport, default_port)  # checked here for a clear reason

    from urllib3.util.url import parse_url  # imported here: urllib3 takes 0.1 s to import

    try:
        parsed = parse_url(f"{scheme}://{hostport}{tail}")
    except ValueError as err:  # LocationParseError, or a host IDNA cannot encode
        detail = str(err).removeprefix("Failed to parse: ") or type(err).__name__
        raise BadURL(" ".join(_short(detail, 100).split())) from None
    if not parsed.host:
        raise BadURL("no host")
    normal = parsed._replace(port=None if port == default_port else port)
    user, _, password = userinfo.partition(":")
    authorization = None
    if at:
        secret = f"{unquote(user)}:{unquote(password)}".encode()
        authorization = "Basic " + base64.b64encode(secret).decode("ascii")
    return Target(
        scheme=scheme,
        host=parsed.host.strip("[]"),
        port=port,
        request_uri=parsed.request_uri,
        url=normal._replace(auth=user or None).url,
        plain_url=normal.url,
        authorization=authorization,
    )


def _charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    match = _CHARSET.search(content_type or "")
    return match.group(1)[:40] if match else None


def _redirect(target: Target, location: str | None, status: int) -> Target:
    if not location:
        raise UnreadableError(f"HTTP {status} redirect without a Location to go to")
    try:
        joined = urljoin(target.plain_url, location.strip())
    except ValueError:  # urljoin refuses what it cannot split ("http://[::1/")
        joined = location.strip()
    try:
        new = parse_target(joined)
    except NotFetched as err:
        raise UnreadableError(f"redirected to {err}") from None
    except BadURL as err:
        raise UnreadableError(f"redirected to an invalid URL ({err})") from None
    if new.authorization is None and target.authorization and new.same_origin(target):
        return replace(new, authorization=target.authorization)
    return new


def fetch_url(
    url: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    timeout: float = TIMEOUT_S,
    deadline: float = DEADLINE_S,
    allow_link_local: bool = False,
    max_redirects: int = MAX_REDIRECTS,
) -> Input:
    """Download ``url`` and return it as an :class:`Input` of the decoded body.

    ``timeout`` (seconds) bounds each connect and each wait for more bytes;
    ``deadline`` (seconds) the whole download, redirects included;
    ``max_bytes`` the decoded body. The input's origin is ``url`` and its url
    the final one, both without a password (see :func:`redact_url`). Raises
    :class:`UnreadableError` with a one-line reason, and nothing else.
    """
    try:
        target = parse_target(url)
    except BadURL as err:
        raise UnreadableError(f"not a valid URL ({err})") from None

    from index.readers.download import Session  # imported here: it imports urllib3

    with Session(timeout, deadline, allow_link_local) as session:
        for _ in range(max_redirects + 1):
            reply = session.get(target, max_bytes)
            if reply.status in _REDIRECTS:
                target = _redirect(target, reply.location, reply.status)
                continue
            if not 200 <= reply.status < 300:
                raise UnreadableError(f"HTTP {reply.status} {reply.reason}".rstrip())
            name = target.request_uri.split("?", 1)[0].rsplit("/", 1)[-1] or target.host
            return Input.from_bytes(
                redact_url(url),
                name,
                reply.body,
                url=target.url,
                content_type=reply.content_type,
                max_bytes=max_bytes,
                charset=_charset(reply.content_type),
            )
    raise UnreadableError(f"more than {max_redirects} redirects, gave up")
