"""A bounded load test of a running newsgraph server on loopback.

``python bench/load.py http://127.0.0.1:8000/ --clients 32 --seconds 60`` runs that many
clients, each on its own keep-alive connection, sending a mix of canned queries (JSON, CSV,
pages) and SPARQL queries (GET and POST) for that long, then prints the count of requests
and errors, throughput and p50/p90/p99 latency, as text or ``--json``. Any status other
than 200, or a broken connection, counts as an error; the exit status is 1 when there was
one. Only loopback addresses are accepted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

SPARQL = [
    "SELECT ?name (COUNT(?s) AS ?n) WHERE { ?s ng:saidBy/rdfs:label ?name } "
    "GROUP BY ?name ORDER BY DESC(?n) LIMIT 10",
    "SELECT ?text ?date WHERE { ?s a ng:Statement ; ng:text ?text OPTIONAL { ?s ng:saidOn ?date } }"
    " LIMIT 50",
    "ASK { ?s a ng:Figure }",
    "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a ng:Person ; rdfs:label ?l } LIMIT 20",
]
CANNED = [
    "/queries/statements.json",
    "/queries/figures.json",
    "/queries/articles.csv",
    "/queries/timeline.json",
    "/queries",
    "/",
]
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors[error] = self.errors.get(error, 0) + 1


def requests(index: int) -> tuple[str, str, bytes | None, dict[str, str]]:
    """The ``index``-th request of the mix: half canned, half SPARQL (GET and POST)."""
    if index % 2 == 0:
        return "GET", CANNED[(index // 2) % len(CANNED)], None, {}
    query = SPARQL[(index // 2) % len(SPARQL)]
    if index % 4 == 1:
        return "GET", "/sparql?query=" + quote(query), None, {}
    body = query.encode("utf-8")
    return "POST", "/sparql", body, {"Content-Type": "application/sparql-query"}


def client(host: str, port: int, until: float, tally: Tally, offset: int) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    index = offset
    try:
        while time.monotonic() < until:
            method, path, body, headers = requests(index)
            index += 1
            started = time.monotonic()
            error = None
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    error = f"HTTP {response.status} on {method} {path[:60]}"
            except (OSError, http.client.HTTPException) as exc:
                error = f"{type(exc).__name__} on {method} {path[:60]}"
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
            tally.add(time.monotonic() - started, error)
    finally:
        connection.close()


def run(url: str, clients: int, seconds: float) -> dict[str, object]:
    """Load ``url`` with ``clients`` connections for ``seconds``; the measured numbers."""
    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise SystemExit(f"load.py only loads a server on loopback, not {parts.hostname}")
    tally = Tally()
    started = time.monotonic()
    until = started + seconds
    threads = [
        threading.Thread(target=client, args=(parts.hostname, parts.port or 80, until, tally, i))
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    elapsed = time.monotonic() - started
    latencies = sorted(tally.latencies)

    def pct(p: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "errors": sum(tally.errors.values()),
        "error_kinds": tally.errors,
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(0.50) if latencies else None,
        "p90_ms": pct(0.90) if latencies else None,
        "p99_ms": pct(0.99) if latencies else None,
        "mean_ms": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the server's base URL, e.g. http://127.0.0.1:8000/")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    numbers = run(args.url, args.clients, args.seconds)
    if args.json:
        print(json.dumps(numbers))
    else:
        print(
            f"{numbers['requests']} requests in {numbers['seconds']} s from "
            f"{numbers['clients']} clients: {numbers['throughput_rps']} req/s, "
            f"p50 {numbers['p50_ms']} ms, p90 {numbers['p90_ms']} ms, "
            f"p99 {numbers['p99_ms']} ms; {numbers['errors']} errors {numbers['error_kinds']}"
        )
    return 1 if numbers["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
