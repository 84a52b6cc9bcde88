"""Which network addresses a download may connect to, and connecting only to those.

A URL is fetched from whatever address its host resolves to, and a server's
redirect can point anywhere. Link-local addresses (169.254.0.0/16, fe80::/10)
are where cloud machines serve their own credentials (the metadata service at
169.254.169.254), so neither a URL in a feed nor a redirect may make nutgraf
read from them unless the user asks for it (``allow_link_local``). The same
goes for 0.0.0.0/8 ("this network", which reaches the local machine) and the
few metadata addresses outside the link-local range. Loopback and private
ranges stay allowed: people run local servers.

The host is resolved once, every address is checked, and the socket connects
to an address that was checked. There is no second lookup that a DNS server
could answer differently (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from index.readers.decoding import UnreadableError

__all__ = ["AddressRefused", "connect", "refusal", "resolve"]

_LINK_LOCAL = (ipaddress.ip_network("169.254.0.0/16"), ipaddress.ip_network("fe80::/10"))
_THIS_NETWORK = (ipaddress.ip_network("0.0.0.0/8"), ipaddress.ip_network("::/128"))
#: Cloud metadata services outside the link-local range (AWS over IPv6, Alibaba Cloud).
_METADATA = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),
        ipaddress.ip_address("fd00:ec2::254"),
        ipaddress.ip_address("100.100.100.200"),
    }
)

Address = tuple[int, tuple[Any, ...]]
"""A socket family and the socket address to connect to, as ``getaddrinfo`` gives them
(``(host, port)`` for IPv4, ``(host, port, flowinfo, scope_id)`` for IPv6)."""


class AddressRefused(UnreadableError):
    """The host is (or resolves to) an address that is not fetched without being asked."""


def refusal(address: str, host: str | None = None) -> str | None:
    """Why the IP ``address`` (text, as ``getaddrinfo`` gives it) is not fetched, or None.

    The reason is one phrase: "169.254.169.254 is a link-local address (cloud
    metadata)", or with the ``host`` name that resolved to it, "meta.test
    resolves to 169.254.169.254, a link-local address (cloud metadata)". IPv4
    addresses written in IPv6 (``::ffff:169.254.1.1``) are judged as the IPv4
    address they are.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None  # not an IP address (cannot happen for a resolved address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    metadata = ip in _METADATA
    if any(ip in net for net in _LINK_LOCAL):
        kind = "a link-local address (cloud metadata)" if metadata else "a link-local address"
    elif metadata:
        kind = "a cloud metadata address"
    elif any(ip in net for net in _THIS_NETWORK):
        kind = "not a host address ('this network', which reaches this machine)"
    else:
        return None
    if host is None or _same_address(host, ip):
        return f"{ip} is {kind}"
    return f"{host} resolves to {ip}, {kind}"


def _same_address(host: str, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    try:
        given = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(given, ipaddress.IPv6Address) and given.ipv4_mapped is not None:
        given = given.ipv4_mapped
    return given == ip


def resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to for a TCP connection; raises ``socket.gaierror``.

    Kept apart so that tests can stand in for DNS (there is no network in CI).
    """
    return [(info[0], info[4]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def connect(host: str, port: int, timeout: float, allow_link_local: bool = False) -> socket.socket:
    """A TCP socket connected to ``host``, after checking every address it resolves to.

    Raises :class:`AddressRefused` when any of the addresses is refused (see
    :func:`refusal`) and ``allow_link_local`` is false; ``socket.gaierror``
    when the host does not resolve; ``OSError`` (``TimeoutError``,
    ``ConnectionRefusedError`` ...) from the last address tried when none answers.
    """
    host = host.strip("[]")
    addresses = resolve(host, port)
    if not allow_link_local:
        for _, sockaddr in addresses:
            why = refusal(sockaddr[0], host)
            if why:
                raise AddressRefused(f"refused: {why}; pass --allow-link-local to fetch it")
    error: OSError = OSError(f"{host} resolves to no address")
    for family, sockaddr in addresses:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout)
            sock.connect(sockaddr)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError as err:
            sock.close()
            error = err
            continue
        return sock
    raise error
