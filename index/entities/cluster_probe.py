"""Is there a Dask scheduler at this address? Asked before a client is made.

``distributed.Client(address, timeout=T)`` bounds the TCP connect only: a port that
accepts but never answers in Dask's protocol (the scheduler's own dashboard, 8787, or
any HTTP server) keeps it waiting for good, and one that answers something else (an
HTTP ``400 Bad Request``) is read as a frame length of exabytes (numpy's MemoryError),
after which the half-made client spends 20 s closing in its finaliser. So an add asks
first, in three steps under one overall deadline, and says in one line which step
failed:

1. the TLS settings, for ``tls://`` (Dask's ``distributed.comm.tls.*`` configuration:
   without a CA file and a client certificate Dask makes no TLS context at all);
2. a plain TCP connection to the host and port ("cannot reach");
3. Dask's handshake and an ``identity`` call, which a scheduler answers with
   ``{"type": "Scheduler", ...}`` ("did not answer as", "is not a Dask scheduler").
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any
from urllib.parse import urlsplit

from index.model import ClusterError

__all__ = ["TLS_SETTINGS", "probe"]

#: What Dask needs for a ``tls://`` client, as configuration keys and environment variables.
TLS_SETTINGS = (
    "distributed.comm.tls.ca-file and distributed.comm.tls.client.cert/.key "
    "(or DASK_DISTRIBUTED__COMM__TLS__CA_FILE, DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT "
    "and DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY)"
)


def probe(address: str, timeout: float) -> dict[str, Any]:
    """Ask ``address`` (checked ``tcp://HOST:PORT`` or ``tls://HOST:PORT``) whether it is a
    Dask scheduler, within ``timeout`` seconds in all; returns the connection arguments
    for Dask (``security``: a ``distributed.security.Security``).

    Raises :class:`~index.model.ClusterError` with one line when the TLS settings are
    missing or unusable, the port cannot be reached, nothing answers in Dask's protocol
    in time, or something other than a scheduler answers."""
    from distributed.security import Security

    security = Security()  # type: ignore[no-untyped-call]
    connection_args: dict[str, Any] = {}
    if address.startswith("tls://"):
        try:
            connection_args = security.get_connection_args("client")  # type: ignore[no-untyped-call]
        except (OSError, ValueError) as err:
            reason = " ".join(str(err).split())[:200] or type(err).__name__
            raise ClusterError(f"the TLS settings for {address} are unusable ({reason})") from None
        if connection_args.get("ssl_context") is None:
            raise ClusterError(
                f"{address} needs TLS settings, and none are set: give Dask's {TLS_SETTINGS}"
            )
    try:
        asyncio.run(_ask(address, timeout, connection_args))
    except ClusterError:
        raise
    except BaseException as err:  # MemoryError included: a foreign reply read as a frame
        if isinstance(err, KeyboardInterrupt | SystemExit):
            raise
        raise ClusterError(
            f"{address} is not a Dask scheduler (it answered something else)"
        ) from None
    return {"security": security}


async def _ask(address: str, timeout: float, connection_args: dict[str, Any]) -> None:
    from distributed.comm.core import connect

    parts = urlsplit(address)
    deadline = time.monotonic() + timeout
    try:
        _reader, writer = await asyncio.wait_for(
            asyncio.open_connection(parts.hostname, parts.port), timeout
        )
    except (OSError, TimeoutError) as err:
        reason = " ".join(str(err).split())[:200] or f"no answer within {timeout:.0f} s"
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({reason})") from None
    writer.close()
    with contextlib.suppress(Exception):
        await writer.wait_closed()
    left = max(0.1, deadline - time.monotonic())
    comm = None
    try:
        async with asyncio.timeout(left):
            # Dask's own limit later than ours, so that ours says what happened.
            comm = await connect(  # type: ignore[no-untyped-call]
                address, timeout=left + 5, **connection_args
            )
            await comm.write({"op": "identity", "reply": True})
            answer = await comm.read()
    except TimeoutError:
        raise ClusterError(
            f"{address} did not answer as a Dask scheduler within {timeout:.0f} s "
            "(a scheduler listens on 8786 by default; 8787 is its dashboard)"
        ) from None
    finally:
        if comm is not None:
            with contextlib.suppress(Exception):
                comm.abort()
    if not isinstance(answer, dict) or answer.get("type") != "Scheduler":
        raise ClusterError(f"{address} is not a Dask scheduler (it answered something else)")
