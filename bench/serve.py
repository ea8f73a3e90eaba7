"""Serving against its limit: newsgraph's HTTP server beside Oxigraph's own.

``python bench/serve.py --store newsgraph-data`` starts, on loopback, Oxigraph's own
server (``oxigraph serve-read-only --union-default-graph``, the ``oxigraph`` package's
binary) on the store's current snapshot and ``newsgraph serve`` on the same store, checks
that both give the same answer to each query, then measures each query on each server
with ``wrk`` (a C load generator, so the client is not the bottleneck):

- latency: p50 with one connection, ``--seconds`` long;
- throughput: requests/s with ``--connections`` (8) connections, ``--seconds`` long.

The queries are every canned query with its default parameters (run through newsgraph's
``/queries/<name>.json`` and, as the same self-contained SPARQL, through ``/sparql``) and
the analyst queries of ``bench/queries.py``; Oxigraph's server gets the same SPARQL text.
A canned query's JSON is capped at ``max_rows`` rows, so the text sent to both servers
for it carries ``LIMIT max_rows`` when it has no LIMIT of its own: both do the same
work. It prints a table with the ratios to Oxigraph (``--json`` for the records).

``--floor`` also runs the apps of ``bench/floor_app.py`` — a bare WSGI callable and a bare
Flask app, each running the query in the server process with nothing an endpoint needs —
under waitress (one process, as newsgraph's each) and, when installed, granian (two
processes): what the HTTP server and Flask alone cost beside Oxigraph's answer.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

from newsgraph.net import free_port

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from queries import ANALYST_QUERIES, canned_queries, self_contained  # noqa: E402

JSON_RESULTS = "application/sparql-results+json"


def floor_servers(snapshot: Path, logs: object) -> dict[str, tuple[subprocess.Popen[bytes], str]]:
    """Start the bare apps of floor_app.py: (process, URL) by label."""
    env = {**os.environ, "NEWSGRAPH_FLOOR_SNAPSHOT": str(snapshot), "PYTHONPATH": str(HERE)}
    granian = Path(sys.executable).with_name("granian")
    found = {}
    for app, name in (("wsgi", "WSGI"), ("flask_app", "Flask")):
        for server in ("waitress", "granian x2") if granian.exists() else ("waitress",):
            port = free_port()
            if server == "waitress":  # one process, as each of newsgraph's
                command = [sys.executable, "-m", "waitress", "--host=127.0.0.1"]
                command += [f"--port={port}", "--threads=4"]
            else:
                command = [str(granian), "--interface", "wsgi", "--host", "127.0.0.1"]
                command += ["--port", str(port), "--workers", "2", "--no-ws"]
            process = subprocess.Popen(
                [*command, f"floor_app:{app}"],
                env=env,
                cwd=HERE,
                stdout=logs,
                stderr=logs,  # type: ignore[arg-type]
            )
            found[f"floor: {name}, {server}"] = (process, f"http://127.0.0.1:{port}/query")
    return found


def wait_until_up(
    url: str, process: subprocess.Popen[bytes], seconds: float = 60, body: str | None = None
) -> None:
    """Wait until ``url`` answers a GET (or the POST of ``body``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited early ({process.returncode}): {url}")
        try:
            fetch(url, body, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer within {seconds:.0f} s: {url}")


def fetch(url: str, body: str | None = None, timeout: float = 120) -> bytes:
    """GET ``url``, or POST ``body`` to it as application/sparql-query."""
    data = body.encode("utf-8") if body is not None else None
    headers = {"Accept": JSON_RESULTS}
    if data is not None:
        headers["Content-Type"] = "application/sparql-query"
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def answer(body: bytes) -> object:
    """A comparable form of a JSON result: the boolean, or the rows as a sorted list."""
    data = json.loads(body)
    if "boolean" in data:
        return data["boolean"]
    rows = [
        tuple(sorted((k, v["value"]) for k, v in b.items() if not k.startswith("_")))
        for b in data["results"]["bindings"]
    ]
    return sorted(rows)


def wrk(url: str, connections: int, seconds: float, body: str | None = None) -> dict[str, float]:
    """Run wrk (a POST of ``body`` as application/sparql-query when given); requests/s,
    p50 latency in ms, and the count of non-2xx answers."""
    threads = min(connections, 2)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
    ]
    command += ["-H", f"Accept: {JSON_RESULTS}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if body is not None:
            script.write(
                'wrk.method = "POST"\n'
                'wrk.headers["Content-Type"] = "application/sparql-query"\n'
                f"wrk.body = [==[{body}]==]\n"  # a Lua long string: no escapes
            )
    command += ["-s", script.name, url]
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\b", out, re.M)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {
        "rps": rate,
        "p50_ms": float(p50.group(1)) * scale[p50.group(2)] if p50 else float("nan"),
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def with_limit(sparql: str, rows: int) -> str:
    """The query with ``LIMIT rows`` when it has no LIMIT of its own (a SELECT/CONSTRUCT)."""
    if re.search(r"\bLIMIT\s+\d+\s*(OFFSET\s+\d+\s*)?$", sparql.strip(), re.I):
        return sparql
    if re.match(r"\s*(PREFIX[^\n]*\n\s*)*ASK\b", sparql, re.I):
        return sparql
    return f"{sparql.rstrip()}\nLIMIT {rows}"


def workload(store_dir: Path, max_rows: int) -> list[dict[str, str]]:
    """Each query: its name, the SPARQL text for both servers, and newsgraph's canned path."""
    from newsgraph.store import open_for_serving

    store = open_for_serving(store_dir)
    items = []
    for name, sparql, subs, values in canned_queries(store):
        text = with_limit(self_contained(sparql, subs), max_rows)
        path = f"/queries/{name.split(': ', 1)[1]}.json"
        items.append({"name": name, "sparql": text, "canned": path + "?" + urlencode(values)})
    for name, sparql, subs in ANALYST_QUERIES:
        items.append({"name": name, "sparql": self_contained(sparql, subs), "canned": ""})
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a newsgraph store folder")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--only", help="only queries whose name contains one of these (a,b)")
    parser.add_argument("--json", type=Path, help="write the records to this file")
    parser.add_argument("--serve-args", default="", help="extra arguments for newsgraph serve")
    parser.add_argument(
        "--floor", action="store_true", help="also measure bare WSGI and Flask apps (floor_app.py)"
    )
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed (Debian: apt-get install wrk)")
    oxigraph = Path(sys.executable).with_name("oxigraph")
    if not oxigraph.exists():
        parser.error("Oxigraph's server is not installed (pip install 'newsgraph[bench]')")
    from newsgraph.store import open_for_serving

    snapshot = open_for_serving(args.store).current()
    max_rows = 1000
    items = workload(args.store, max_rows)
    if args.only:
        wanted = args.only.split(",")
        items = [i for i in items if any(w in i["name"] for w in wanted)]
    ox_port, ng_port = free_port(), free_port()
    env = {**os.environ, "NEWSGRAPH_MAX_ROWS": str(max_rows)}
    logs = tempfile.TemporaryFile()  # noqa: SIM115 (the servers write to it until the end)
    servers = [
        subprocess.Popen(
            [str(oxigraph), "serve-read-only", "--location", str(snapshot)]
            + ["--bind", f"127.0.0.1:{ox_port}", "--union-default-graph"],
            stdout=logs,
            stderr=logs,
        ),
        subprocess.Popen(
            [str(Path(sys.executable).with_name("newsgraph")), "serve", "--store", str(args.store)]
            + ["--host", "127.0.0.1", "--port", str(ng_port), *args.serve_args.split()],
            stdout=logs,
            stderr=logs,
            env=env,
        ),
    ]
    floors = floor_servers(snapshot, logs) if args.floor else {}
    servers += [process for process, _ in floors.values()]
    ox = f"http://127.0.0.1:{ox_port}"
    ng = f"http://127.0.0.1:{ng_port}"
    records = []
    try:
        wait_until_up(f"{ox}/query?query={quote('ASK {}')}", servers[0])
        wait_until_up(f"{ng}/sparql?query={quote('ASK {}')}", servers[1])
        for process, url in floors.values():
            wait_until_up(url, process, body="ASK {}")
        print(f"# serve benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores")
        print(f"# store {args.store} ({snapshot.name}); wrk {args.seconds:g} s per cell")
        header = f"{'query':<34} {'server':<22} {'p50 ms':>8} {'x':>5} {'req/s':>8} {'x':>5}"
        print(header)
        for item in items:
            body = item["sparql"]
            targets = {
                "oxigraph /query": (f"{ox}/query", body),
                "newsgraph /sparql": (f"{ng}/sparql", body),
            }
            if item["canned"]:
                targets["newsgraph canned"] = (ng + item["canned"], None)
            targets.update({label: (url, body) for label, (_, url) in floors.items()})
            expected = answer(fetch(*targets["oxigraph /query"]))
            for label, target in targets.items():
                if answer(fetch(*target)) != expected:
                    raise SystemExit(f"{item['name']}: {label} answers differently from Oxigraph")
            base: dict[str, float] = {}
            for label, (url, data) in targets.items():
                one = wrk(url, 1, args.seconds, data)
                many = wrk(url, args.connections, args.seconds, data)
                if not base:
                    base = {"p50_ms": one["p50_ms"], "rps": many["rps"]}
                record = {
                    "query": item["name"],
                    "server": label,
                    "p50_ms": one["p50_ms"],
                    "p50_ratio": round(one["p50_ms"] / base["p50_ms"], 2)
                    if base["p50_ms"]
                    else None,
                    "rps": many["rps"],
                    "rps_ratio": round(many["rps"] / base["rps"], 2) if base["rps"] else None,
                    "errors": one["non_2xx"] + many["non_2xx"],
                }
                records.append(record)
                ratios = [
                    f"{r:>5.2f}" if r is not None else "    -"
                    for r in (record["p50_ratio"], record["rps_ratio"])
                ]
                print(
                    f"{item['name'][:34]:<34} {label:<22} {record['p50_ms']:>8.2f} "
                    f"{ratios[0]} {record['rps']:>8.0f} {ratios[1]}"
                    + (" ERRORS" if record["errors"] else ""),
                    flush=True,
                )
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    if args.json:
        args.json.write_text(json.dumps(records, indent=1))
    return 1 if any(r["errors"] for r in records) else 0


if __name__ == "__main__":
    sys.exit(main())
