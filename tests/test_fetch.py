"""Fetching URLs: every failure is that URL's own one-line skip, and what a server
sends cannot hang, flood, mislead or redirect nutgraf where it should not go.

All servers here are on 127.0.0.1 (see :mod:`tests.rawhttp`); host names are
resolved by a stand-in for DNS, so nothing reaches the network.
"""

from __future__ import annotations

import base64
import gzip
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.article import Article
from index.model import Skip
from index.readers.base import Input
from index.readers.decoding import UnreadableError
from index.readers.dispatch import read_input
from index.readers.fetch import MAX_REDIRECTS, fetch_url, redact_url
from index.readers.sources import expand_sources
from tests.conftest import SEED_TITLE, SEEDS, CliResult, run_nutgraf
from tests.rawhttp import RawServer, Trickle, response, serving

PAGE = b"""<!DOCTYPE html><html><head><title>Harbour reopens after storm</title></head>
<body><article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened to fishing boats on Tuesday after a week of repairs to the sea wall,
the port authority said in a statement.</p>
<p>Crews worked through the weekend to replace the damaged stones before the spring tides.</p>
</article></body></html>"""


@pytest.fixture
def server() -> Iterator[RawServer]:
    with serving() as srv:
        yield srv


def fail(url: str, **kw: object) -> str:
    """The one-line reason fetching ``url`` fails with."""
    with pytest.raises(UnreadableError) as info:
        fetch_url(url, **{"timeout": 5, **kw})  # type: ignore[arg-type]
    reason = str(info.value)
    assert "\n" not in reason and len(reason) < 200
    return reason


def article_of(src: Input) -> Article:
    (article,) = [a for a in read_input(src) if isinstance(a, Article)]
    return article


# 1. One bad URL is one skip -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:abc/", "not a valid URL (port 'abc' is not a number)"),
        ("http://127.0.0.1:99999/", "not a valid URL (port 99999 is not between 1 and 65535)"),
        ("http://[::1/", "not a valid URL (an IPv6 address without its closing ']')"),
        ("http://exa mple.com/", "not a valid URL (the host 'exa mple.com' contains a space)"),
        ("http://example.com/a\x00b", "not a valid URL (it contains a control character)"),
        ("http://example.com/\r\nX-Evil: 1", "not a valid URL (it contains a control character)"),
        ("http:///story", "not a valid URL (no host)"),
        ("http://h\udcff/", "not a valid URL (it contains bytes that are not UTF-8 text)"),
    ],
)
def test_an_invalid_url_is_a_skip_with_the_reason(url: str, reason: str) -> None:
    assert fail(url) == reason


MALFORMED = {
    "/many-headers": (
        b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % n for n in range(101)) + b"\r\nhi",
        "the server's response was malformed (too many headers)",
    ),
    "/long-line": (
        b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\nhi",
        "the server's response was malformed (a line longer than 64 KB)",
    ),
    "/bad-status": (b"SPDY/9 banana\r\n\r\nhi", "the server's response was malformed"),
    "/silent": (b"", "the server closed the connection without answering"),
    "/truncated-chunk": (
        response(
            body=b"1000\r\n" + b"x" * 100, headers={"Transfer-Encoding": "chunked"}, length=False
        ),
        "the download was cut short",
    ),
    "/no-last-chunk": (
        response(body=b"5\r\nhello\r\n", headers={"Transfer-Encoding": "chunked"}, length=False),
        "the download was cut short",
    ),
    "/bad-chunk": (
        response(body=b"zz\r\nhello\r\n", headers={"Transfer-Encoding": "chunked"}, length=False),
        "the server's response was malformed (a chunk of the body has no valid length)",
    ),
    "/short": (
        response(body=b"x" * 120, headers={"Content-Length": "5000"}),
        "the download was cut short: 120 of 5,000 bytes",
    ),
    "/two-lengths": (
        response(body=b"hello", headers={"Content-Length": "5, 7"}),
        "the server's response was malformed (conflicting Content-Length values)",
    ),
}


@pytest.mark.parametrize("path", sorted(MALFORMED))
def test_a_malformed_or_short_response_is_a_skip(server: RawServer, path: str) -> None:
    raw, reason = MALFORMED[path]
    server.routes[path] = raw
    assert fail(server.url + path).startswith(reason)


def test_bad_urls_never_stop_the_batch(server: RawServer) -> None:
    server.routes["/page.html"] = response(body=PAGE, headers={"Content-Type": "text/html"})
    server.routes["/many-headers"] = MALFORMED["/many-headers"][0]
    names = [
        "http://127.0.0.1:abc/",
        server.url + "/many-headers",
        str(SEEDS),
        "http://[::1/",
        server.url + "/page.html",
    ]
    items = list(expand_sources(names))
    skipped = [i.where for i in items if isinstance(i, Skip)]
    assert skipped == [names[0], names[1], names[3]]
    got = [i for i in items if isinstance(i, Input)]
    assert [i.origin for i in got][-1] == server.url + "/page.html"
    assert len(got) == 2


def test_a_surprise_from_the_http_stack_is_still_a_skip(
    server: RawServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.readers import download

    def explode(*args: object) -> None:
        raise KeyError("something urllib3 never said it would raise")

    monkeypatch.setattr(download.Session, "_reply", explode)
    (skip,) = list(expand_sources([server.url + "/page"]))
    assert isinstance(skip, Skip)
    assert skip.reason.startswith("could not be fetched (KeyError: ")


@pytest.mark.parametrize("bad", ["http://127.0.0.1:abc/", "bad-status"])
def test_cli_add_keeps_the_seed_and_reports_the_url(
    cli: Callable[..., CliResult], server: RawServer, tmp_path: Path, bad: str
) -> None:
    server.routes["/bad-status"] = MALFORMED["/bad-status"][0]
    url = bad if bad.startswith("http") else f"{server.url}/{bad}"
    result = cli("add", "--library", str(tmp_path / "lib"), str(SEEDS), url)
    assert result.code == 1
    assert SEED_TITLE in result.out
    url_lines = [line for line in (result.out + result.err).splitlines() if url in line]
    assert len(url_lines) == 1 and (
        "not a valid URL" in url_lines[0] or "malformed" in url_lines[0]
    )
    assert "internal error" not in result.out + result.err
    assert "Traceback" not in result.out + result.err


@pytest.mark.slow
def test_a_real_nutgraf_process_adds_the_seed_and_skips_the_url(tmp_path: Path) -> None:
    result = run_nutgraf(
        "add", "--library", str(tmp_path / "lib"), str(SEEDS), "http://127.0.0.1:abc/"
    )
    assert result.code == 1
    assert SEED_TITLE in result.out
    assert "http://127.0.0.1:abc/: not a valid URL (port 'abc' is not a number)" in result.out
    assert "Traceback" not in result.err and "internal error" not in result.err


# 2. One deadline for the whole download ---------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n",  # the body trickles
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n",
        b"HTTP/1.1 200 OK\r\nX-Slow: ",  # the headers trickle
    ],
)
def test_a_server_trickling_bytes_is_given_up_on(server: RawServer, head: bytes) -> None:
    server.routes["/slow"] = slow = Trickle(head)
    assert fail(server.url + "/slow", deadline=1) == "took longer than 1 s, gave up"
    assert slow.hung_up.wait(5)  # nutgraf left; it did not wait for the server to stop


def test_the_deadline_covers_a_chain_of_redirects(server: RawServer) -> None:
    server.routes["/slow"] = slow = Trickle(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
    server.routes["/hop"] = response("302 Found", headers={"Location": "/slow"})
    assert fail(server.url + "/hop", deadline=1) == "took longer than 1 s, gave up"
    assert slow.hung_up.wait(5)


def test_a_silent_server_times_out_per_read(server: RawServer) -> None:
    server.routes["/mute"] = lambda conn, stop: stop.wait(10) and None
    assert fail(server.url + "/mute", timeout=0.3, deadline=30).startswith("timed out")  # type: ignore[arg-type]


# 3. Only http and https, and not endlessly ------------------------------------------


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("ftp://127.0.0.1/story.txt", "redirected to a ftp: URL, which is not fetched"),
        ("file:///etc/passwd", "redirected to a file: URL, which is not fetched"),
        ("gopher://x/", "redirected to a gopher: URL, which is not fetched"),
        ("x" * 3000 + ":y", "redirected to a xxxxxxxxxxxxxxxxxxx…: URL, which is not fetched"),
        ("http://127.0.0.1:abc/", "redirected to an invalid URL (port 'abc' is not a number)"),
        ("http://[::1/x", "redirected to an invalid URL (an IPv6 address without its closing ']')"),
    ],
)
def test_a_redirect_elsewhere_than_http_is_refused(
    server: RawServer, location: str, reason: str
) -> None:
    server.routes["/go"] = response("301 Moved Permanently", headers={"Location": location})
    assert fail(server.url + "/go") == reason


def test_redirects_are_followed_and_the_final_url_kept(server: RawServer) -> None:
    server.routes["/old"] = response("301 Moved", headers={"Location": "/mid"})
    server.routes["/mid"] = response("307 Temporary Redirect", headers={"Location": "new.html"})
    server.routes["/new.html"] = response(body=PAGE, headers={"Content-Type": "text/html"})
    src = fetch_url(server.url + "/old")
    assert src.origin == server.url + "/old"
    assert article_of(src).url == server.url + "/new.html"


def test_redirect_loops_end(server: RawServer) -> None:
    server.routes["/a"] = response("302 Found", headers={"Location": "/b"})
    server.routes["/b"] = response("302 Found", headers={"Location": "/a"})
    assert fail(server.url + "/a") == f"more than {MAX_REDIRECTS} redirects, gave up"
    assert len(server.requests) == MAX_REDIRECTS + 1
    assert fail(server.url + "/a", max_redirects=2) == "more than 2 redirects, gave up"


# 5. Compressed answers ----------------------------------------------------------------


def _twice_gzip(data: bytes) -> bytes:
    return gzip.compress(gzip.compress(data))


@pytest.mark.parametrize(
    ("coding", "pack"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send
    ],
)
@pytest.mark.parametrize("chunked", [False, True])
def test_compressed_pages_are_decoded(
    server: RawServer, coding: str, pack: Callable[[bytes], bytes], chunked: bool
) -> None:
    body = pack(PAGE)
    headers = {"Content-Type": "text/html", "Content-Encoding": coding}
    if chunked:
        headers["Transfer-Encoding"] = "chunked"
        body = (
            b"".join(
                b"%x\r\n%s\r\n" % (len(body[i : i + 50]), body[i : i + 50])
                for i in range(0, len(body), 50)
            )
            + b"0\r\n\r\n"
        )
    server.routes["/page"] = response(body=body, headers=headers, length=not chunked)
    src = fetch_url(server.url + "/page")
    assert src.read() == PAGE
    assert article_of(src).title == "Harbour reopens after storm"
    assert "gzip" in server.requests[0][1]["accept-encoding"]


def test_a_gzip_bomb_stops_at_the_size_limit_without_filling_memory(server: RawServer) -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)  # 64 MB in ~64 KB
    server.routes["/bomb"] = response(body=bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        reason = fail(server.url + "/bomb", max_bytes=1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reason == "larger than the 1 MB size limit (raise it with --max-size)"
    assert peak < 8 * 1024 * 1024


def test_the_size_limit_applies_to_the_decoded_bytes(server: RawServer) -> None:
    server.routes["/big"] = response(
        body=gzip.compress(b"word " * 100_000), headers={"Content-Encoding": "gzip"}
    )
    assert fail(server.url + "/big", max_bytes=100_000).startswith("larger than")
    assert len(fetch_url(server.url + "/big", max_bytes=500_000).read()) == 500_000


@pytest.mark.parametrize("coding", ["br", "compress", "gzip, snappy"])
def test_an_encoding_that_cannot_be_decoded_is_a_skip(server: RawServer, coding: str) -> None:
    server.routes["/x"] = response(body=b"\x1b\x00garbage", headers={"Content-Encoding": coding})
    assert "which cannot be decoded here" in fail(server.url + "/x")


@pytest.mark.parametrize(
    ("coding", "pack"),
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("gzip, gzip", _twice_gzip)],
)
def test_compressed_data_cut_short_is_a_skip_not_half_an_article(
    server: RawServer, coding: str, pack: Callable[[bytes], bytes]
) -> None:
    """The body ends early but its Content-Length matches what was sent: only the
    compressed stream can tell that it is incomplete (urllib3 stored half an article)."""
    server.routes["/cut"] = response(
        body=pack(PAGE)[:-30], headers={"Content-Type": "text/html", "Content-Encoding": coding}
    )
    assert fail(server.url + "/cut").startswith("the download was cut short")


def test_concatenated_gzip_members_are_read_whole(server: RawServer) -> None:
    half = len(PAGE) // 2
    body = gzip.compress(PAGE[:half]) + gzip.compress(PAGE[half:])
    server.routes["/two"] = response(body=body, headers={"Content-Encoding": "gzip"})
    assert fetch_url(server.url + "/two").read() == PAGE


def test_damaged_gzip_is_a_skip(server: RawServer) -> None:
    server.routes["/x"] = response(
        body=b"\x1f\x8b\x08garbage!", headers={"Content-Encoding": "gzip"}
    )
    assert fail(server.url + "/x") == "the server's compressed data is damaged"


# 8. Credentials in the URL --------------------------------------------------------------


def test_credentials_are_sent_as_basic_auth_and_never_kept(server: RawServer) -> None:
    server.routes["/private.html"] = response(body=PAGE, headers={"Content-Type": "text/html"})
    url = server.url.replace("http://", "http://ana:s3cr%40t@") + "/private.html"
    src = fetch_url(url)
    sent = server.requests[0][1]["authorization"]
    assert base64.b64decode(sent.removeprefix("Basic ")) == b"ana:s3cr@t"
    shown = server.url.replace("http://", "http://ana@") + "/private.html"
    assert src.origin == shown and article_of(src).url == shown
    assert "s3cr" not in repr(src)


def test_credentials_do_not_follow_a_redirect_to_another_host(server: RawServer) -> None:
    with serving() as other:
        other.routes["/page"] = response(body=PAGE, headers={"Content-Type": "text/html"})
        server.routes["/go"] = response("302 Found", headers={"Location": other.url + "/page"})
        fetch_url(server.url.replace("http://", "http://ana:pw@") + "/go")
        assert "authorization" in server.requests[0][1]
        assert "authorization" not in other.requests[0][1]


def test_a_refused_login_is_a_skip_without_the_password(server: RawServer) -> None:
    server.routes["/private"] = response("401 Unauthorized", b"no")
    url = server.url.replace("http://", "http://ana:hunter2@") + "/private"
    (skip,) = list(expand_sources([url]))
    assert isinstance(skip, Skip)
    assert skip.reason == "HTTP 401 Unauthorized"
    assert "hunter2" not in str(skip)
    (skip,) = list(expand_sources(["http://ana:hunter2@127.0.0.1:abc/"]))
    assert "hunter2" not in str(skip) and skip.where == "http://ana@127.0.0.1:abc/"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://u:p@h/x", "http://u@h/x"),
        ("https://:p@h:8/x?q=a@b", "https://h:8/x?q=a@b"),
        ("http://u@h/", "http://u@h/"),
        ("http://h/a@b", "http://h/a@b"),
        ("not a url", "not a url"),
    ],
)
def test_redact_url_removes_only_the_password(url: str, shown: str) -> None:
    assert redact_url(url) == shown
