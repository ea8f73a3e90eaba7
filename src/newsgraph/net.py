"""A free loopback port, for the servers that benchmarks, tools and tests start."""

from __future__ import annotations

import socket

LOOPBACK = "127.0.0.1"


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port on ``host`` that nothing listens on now, as the system picks one (another
    process may take it before it is used: callers wait for their server to answer)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])
