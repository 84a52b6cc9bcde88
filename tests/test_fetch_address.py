"""Link-local and cloud metadata addresses are not fetched unless the user asks,
however they are reached: written in the URL, through a host name, a redirect,
or a DNS answer that changes between the check and the connection.

Host names are resolved by a stand-in for DNS; nothing reaches the network.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.readers import address
from index.readers.decoding import UnreadableError
from index.readers.fetch import fetch_url
from tests.conftest import CliResult
from tests.rawhttp import RawServer, response, serving
from tests.test_fetch import PAGE

METADATA_REFUSED = (
    "refused: 169.254.169.254 is a link-local address (cloud metadata); "
    "pass --allow-link-local to fetch it"
)


@pytest.fixture
def server() -> Iterator[RawServer]:
    with serving() as srv:
        srv.routes["/page.html"] = response(body=PAGE, headers={"Content-Type": "text/html"})
        yield srv


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Fake DNS: ``dns[name]`` lists the answers to successive lookups of ``name``
    (the last one repeats); other names resolve as usual (IP literals only here)."""
    answers: dict[str, list[str]] = {}
    real = address.resolve

    def resolve(host: str, port: int) -> list[address.Address]:
        if host not in answers:
            return real(host, port)
        ips = answers[host]
        ip = ips.pop(0) if len(ips) > 1 else ips[0]
        family = socket.AF_INET6 if ":" in ip else socket.AF_INET
        return [(family, (ip, port))]

    monkeypatch.setattr(address, "resolve", resolve)
    return answers


def fail(url: str, **kw: object) -> str:
    with pytest.raises(UnreadableError) as info:
        fetch_url(url, **{"timeout": 5, **kw})  # type: ignore[arg-type]
    return str(info.value)


@pytest.mark.parametrize(
    "ip",
    [
        "169.254.169.254",
        "169.254.0.1",
        "fe80::1",
        "fe80::1%lo",
        "febf::1",
        "::ffff:169.254.169.254",
        "0.0.0.0",
        "0.1.2.3",
        "::",
        "fd00:ec2::254",
        "100.100.100.200",
    ],
)
def test_link_local_and_metadata_addresses_are_refused(ip: str) -> None:
    assert address.refusal(ip) is not None


@pytest.mark.parametrize(
    "ip", ["127.0.0.1", "::1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "fd12::1", "8.8.8.8"]
)
def test_loopback_private_and_public_addresses_are_allowed(ip: str) -> None:
    assert address.refusal(ip) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", METADATA_REFUSED),
        ("http://[::ffff:169.254.169.254]/", METADATA_REFUSED),
        ("http://[::ffff:a9fe:a9fe]/", METADATA_REFUSED),
        ("http://2852039166/", "refused: 2852039166 resolves to 169.254.169.254, a link-local"),
        ("http://[fe80::1]:8080/", "refused: fe80::1 is a link-local address; pass"),
        ("http://0.0.0.0:8080/", "refused: 0.0.0.0 is not a host address"),
    ],
)
def test_a_refused_address_in_the_url_is_a_skip(url: str, reason: str) -> None:
    assert fail(url).startswith(reason)


def test_a_host_name_that_resolves_to_metadata_is_refused(dns: dict[str, list[str]]) -> None:
    dns["metadata.test"] = ["169.254.169.254"]
    assert fail("http://metadata.test/latest") == (
        "refused: metadata.test resolves to 169.254.169.254, a link-local address "
        "(cloud metadata); pass --allow-link-local to fetch it"
    )


@pytest.mark.parametrize("location", ["http://169.254.169.254/latest", "http://metadata.test/"])
def test_a_redirect_to_metadata_is_refused(
    server: RawServer, dns: dict[str, list[str]], location: str
) -> None:
    dns["metadata.test"] = ["169.254.169.254"]
    server.routes["/go"] = response("302 Found", headers={"Location": location})
    assert fail(server.url + "/go").startswith("refused: ")


def test_the_address_checked_is_the_address_connected_to(
    server: RawServer, dns: dict[str, list[str]]
) -> None:
    """DNS rebinding: an answer that changes between a check and a connection
    must not get through; each connection uses the one answer it checked."""
    dns["rebind.test"] = ["169.254.169.254", "127.0.0.1"]
    assert fail(f"http://rebind.test:{server.port}/page.html").startswith("refused: rebind.test")
    assert server.requests == []
    dns["turn.test"] = ["127.0.0.1", "169.254.169.254"]
    src = fetch_url(f"http://turn.test:{server.port}/page.html")
    assert src.read() == PAGE
    assert [path for path, _ in server.requests] == ["/page.html"]


@pytest.fixture
def loopback_is_link_local(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count 127.0.0.0/8 as link-local, so that the flag can be tried on a local server."""
    nets = (*address._LINK_LOCAL, ipaddress.ip_network("127.0.0.0/8"))
    monkeypatch.setattr(address, "_LINK_LOCAL", nets)


@pytest.mark.usefixtures("loopback_is_link_local")
def test_allow_link_local_fetches_them(server: RawServer) -> None:
    assert fail(server.url + "/page.html").startswith("refused: 127.0.0.1 is a link-local")
    src = fetch_url(server.url + "/page.html", allow_link_local=True)
    assert src.read() == PAGE


@pytest.mark.usefixtures("loopback_is_link_local")
def test_the_cli_flag_reaches_the_fetch(
    cli: Callable[..., CliResult], server: RawServer, tmp_path: Path
) -> None:
    lib = str(tmp_path / "lib")
    url = server.url + "/page.html"
    refused = cli("add", "--library", lib, url)
    assert refused.code == 1
    assert "pass --allow-link-local to fetch it" in refused.out
    added = cli("add", "--library", lib, "--allow-link-local", url)
    assert added.code == 0
    assert "Harbour reopens after storm" in added.out


def test_read_takes_the_flag_too() -> None:
    from cli.main import build_parser

    args = build_parser().parse_args(["read", "--allow-link-local", "http://x/"])
    assert args.allow_link_local is True
