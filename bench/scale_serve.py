"""Every page and saved query over HTTP at several store sizes, beside Oxigraph's server.

``python bench/scale_serve.py --stores 1k=/work/scale/1k 10k=/work/scale/10k
100k=/work/scale/100k --runs 5 --out serve.json --plot serve.svg`` starts, for
each store, ``newsgraph serve`` (its result cache off, so every request is evaluated) and
``oxigraph serve-read-only --union-default-graph`` on the same snapshot, then times over
HTTP the median of ``--runs`` requests (after one not counted) of:

- every HTML page: the home page, the saved queries' list, each saved query's page, the
  page of the most quoted speaker and of the newest article, and ``/search`` when the
  server has it (skipped cleanly when it answers 404);
- every saved query's default call as JSON, and the calls people make with parameters
  they pick: the most quoted speaker, the source of most figures, the widest date range,
  the most reported claim, the first article;
- beside each saved query, Oxigraph's own server running the query text of ``--old-ref``
  (the queries of commit 1989a07: whole lists, unpaged) with the same parameters, stopped
  at ``--timeout`` seconds.

Stores are built with ``bench/replicate.py``. The machine's load average is recorded with
each store's figures: other jobs on the cores make every figure pessimistic.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from serve import free_port, wait_until_up  # noqa: E402

JSON_RESULTS = "application/sparql-results+json"


def get(url: str, accept: str, timeout: float) -> tuple[int, float, bytes]:
    """The status of a GET, its seconds (the whole body read) and its body; status 0 for
    no answer in time."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    started = time.perf_counter()
    body = b""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    except (TimeoutError, urllib.error.URLError, OSError):
        status = 0
    return status, time.perf_counter() - started, body


def row_count(body: bytes) -> int | None:
    """The rows of a JSON answer (SPARQL results' bindings, or search results), so that a
    fast empty answer shows as such; None for other bodies (pages, RDF)."""
    try:
        found = json.loads(body)
    except ValueError:
        return None
    if not isinstance(found, dict):
        return None
    results = found.get("results")
    if isinstance(results, dict) and isinstance(results.get("bindings"), list):
        return len(results["bindings"])
    return len(results) if isinstance(results, list) else None


def timed(url: str, accept: str, runs: int, timeout: float) -> dict[str, Any]:
    """One request not counted, then the median of ``runs`` (fewer when one is slow)."""
    status, first, body = get(url, accept, timeout)
    if status != 200:
        return {"status": status, "ms": None, "first_ms": round(first * 1000, 1)}
    times = []
    for _ in range(runs if first < 5 else 1):
        status, seconds, _ = get(url, accept, timeout)
        times.append(seconds)
    return {
        "status": status,
        "ms": round(statistics.median(times) * 1000, 1),
        "first_ms": round(first * 1000, 1),
        "rows": row_count(body),
    }


def picks(store: Path, base: str) -> dict[str, str]:
    """The parameters people pick, read from the store's derived data."""
    from newsgraph.store import SnapshotStore
    from newsgraph.store.derived import entities_graph, stats_graph
    from newsgraph.store.rdf import Minter

    s = SnapshotStore(store)
    minter = Minter(base)

    def first(sparql: str) -> Any:
        rows = list(s.query(sparql))
        return rows[0] if rows else None

    ent, stats = entities_graph(minter), stats_graph(minter)
    speaker = first(
        f"SELECT ?x ?name WHERE {{ GRAPH {ent} {{ ?x ng:saidCount ?n ; skos:prefLabel ?name ; "
        "a ng:Person } } ORDER BY DESC(?n) LIMIT 1"
    )
    source = first(
        "SELECT ?x (COUNT(?f) AS ?n) WHERE { ?f ng:reportedBy ?x . "
        f"FILTER (STRSTARTS(STR(?x), '{minter.base}person/') || "
        f"STRSTARTS(STR(?x), '{minter.base}org/')) }} GROUP BY ?x ORDER BY DESC(?n) LIMIT 1"
    )
    source_name = (
        first(f"SELECT ?name WHERE {{ GRAPH {ent} {{ {source['x']} skos:prefLabel ?name }} }}")
        if source
        else None
    )
    days = first(
        f"SELECT (MIN(?d) AS ?from) (MAX(?d) AS ?to) "
        f"WHERE {{ GRAPH {stats} {{ ?s ng:statementDay ?d }} }}"
    )
    claim = first("SELECT ?c WHERE { ?c ng:listRank 1 ; ng:reportCount ?n }")
    article = first(
        "SELECT ?a ?id WHERE { "
        "{ SELECT ?a WHERE { ?a ng:articleKey ?k } ORDER BY DESC(?k) LIMIT 1 } "
        "?a ng:identifier ?id }"
    )
    found = {
        "person": speaker["name"].value if speaker else "",
        "person_iri": speaker["x"].value if speaker else "",
        "source": source_name["name"].value if source_name else "",
        "from": days["from"].value if days and days["from"] else "",
        "to": days["to"].value if days and days["to"] else "",
        "claim": claim["c"].value if claim else "",
        "article_iri": article["a"].value if article else "",
        "article": article["id"].value if article else "",
    }
    return found


def targets(base: str, chosen: dict[str, str], word: str) -> list[dict[str, Any]]:
    """What is timed: (name, path, accept, saved query and its parameters or None)."""
    from newsgraph.queries import load_queries

    items: list[dict[str, Any]] = []

    def add(
        name: str, path: str, accept: str, query: str | None = None, params: dict | None = None
    ) -> None:
        items.append(
            {"name": name, "path": path, "accept": accept, "query": query, "params": params or {}}
        )

    add("page: / (home)", "/", "text/html")
    add("page: /queries", "/queries", "text/html")
    for name, query in load_queries().items():
        defaults = {p.name: p.default for p in query.parameters if p.default}
        params = dict(defaults)
        if name == "claim-reports":
            params = {"claim": chosen["claim"]}
        add(f"page: {name}", f"/queries/{name}?{urlencode(params)}", "text/html")
        add(
            f"json: {name}", f"/queries/{name}.json?{urlencode(params)}", JSON_RESULTS, name, params
        )
    picked = {
        "statements-by-person": {"person": chosen["person"]},
        "figures-by-source": {"source": chosen["source"]},
        "timeline": {"from": chosen["from"], "to": chosen["to"]},
        "attributions": {"sourceType": "anonymous"},
        "sourcing": {"article": chosen["article"]},
    }
    for name, params in picked.items():
        label = ", ".join(f"{k}={v}" for k, v in params.items())
        add(
            f"json: {name} ({label})",
            f"/queries/{name}.json?{urlencode(params)}",
            JSON_RESULTS,
            name,
            params,
        )
        add(f"page: {name} ({label})", f"/queries/{name}?{urlencode(params)}", "text/html")
    for iri, what in (
        (chosen["person_iri"], "most quoted speaker"),
        (chosen["article_iri"], "newest article"),
    ):
        if iri.startswith(base):
            add(f"page: {what}", "/" + quote(iri[len(base) :]), "text/html")
    add(
        "export: newest article (Turtle)",
        f"/export?{urlencode({'article': chosen['article']})}",
        "text/turtle",
    )
    add("search (HTML)", f"/search?{urlencode({'q': word})}", "text/html")
    add("search (JSON)", f"/search.json?{urlencode({'q': word})}", "application/json")
    return items


def old_text(ref: str, name: str) -> str | None:
    """A saved query's text at ``ref`` (None when it did not exist)."""
    done = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{ref}:queries/{name}.rq"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout if done.returncode == 0 else None


def oxigraph_call(ref: str, name: str, params: dict[str, str]) -> str | None:
    """The old query text with its parameters bound (a VALUES row, as a remote store does)."""
    from newsgraph.queries import parse_query
    from newsgraph.sparql.prebind import inject_values

    text = old_text(ref, name)
    if text is None:
        return None
    query = parse_query(name, text)
    try:
        bound = query.bind(
            {k: v for k, v in params.items() if k in {p.name for p in query.parameters}}
        )
    except Exception:  # noqa: BLE001 (an old query without this parameter: not compared)
        return None
    from newsgraph.ontology import PREFIXES

    prefixes = "".join(
        f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if f"PREFIX {p}:" not in text
    )
    return prefixes + inject_values(text, bound)


def measure(label: str, store: Path, args: argparse.Namespace) -> dict[str, Any]:
    from newsgraph.store import open_for_serving

    snapshot = open_for_serving(store).current()
    chosen = picks(store, args.base_iri)
    ng_port, ox_port = free_port(), free_port()
    logs = tempfile.TemporaryFile()  # noqa: SIM115
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "NEWSGRAPH_BASE_IRI": args.base_iri}
    servers = [
        subprocess.Popen(
            [
                str(bin_dir / "newsgraph"),
                "serve",
                "--store",
                str(store),
                "--host",
                "127.0.0.1",
                "--port",
                str(ng_port),
                "--query-cache-mb",
                "0",
            ],
            stdout=logs,
            stderr=logs,
            env=env,
        )
    ]
    ox = None
    if not args.no_oxigraph:
        servers.append(
            subprocess.Popen(
                [
                    str(bin_dir / "oxigraph"),
                    "serve-read-only",
                    "--location",
                    str(snapshot),
                    "--bind",
                    f"127.0.0.1:{ox_port}",
                    "--union-default-graph",
                    "--timeout-s",
                    str(int(args.timeout)),
                ],
                stdout=logs,
                stderr=logs,
            )
        )
        ox = f"http://127.0.0.1:{ox_port}"
    ng = f"http://127.0.0.1:{ng_port}"
    rows = []
    try:
        wait_until_up(f"{ng}/sparql?query={quote('ASK {}')}", servers[0], seconds=120)
        if ox:
            wait_until_up(f"{ox}/query?query={quote('ASK {}')}", servers[1], seconds=120)
        load = os.getloadavg()
        for item in targets(args.base_iri, chosen, args.word):
            result = timed(ng + item["path"], item["accept"], args.runs, args.timeout)
            if item["name"].startswith("search") and result["status"] == 404:
                continue  # no /search on this server (another branch's)
            row = {"name": item["name"], "path": item["path"], **result}
            if ox and item["query"]:
                text = oxigraph_call(args.old_ref, item["query"], item["params"])
                if text is not None:
                    old = timed(
                        f"{ox}/query?{urlencode({'query': text})}",
                        JSON_RESULTS,
                        args.ox_runs,
                        args.timeout,
                    )
                    row["oxigraph_old_ms"] = old["ms"]
                    row["oxigraph_status"] = old["status"]
            rows.append(row)
            shown = (
                f"{row['ms']:>9.1f}"
                if row["ms"] is not None
                else f"{'status ' + str(row['status']):>9}"
            )
            old_ms = row.get("oxigraph_old_ms")
            old_shown = (
                f"{old_ms:>9.1f}"
                if old_ms is not None
                else (
                    ""
                    if "oxigraph_status" not in row
                    else f"{'>' + str(int(args.timeout)) + ' s':>9}"
                )
            )
            counted = "" if row.get("rows") is None else f" ({row['rows']} rows)"
            print(f"{label:>5} {row['name'][:62]:<62} {shown}{counted} {old_shown}", flush=True)
    finally:
        for process in servers:
            process.terminate()
        for process in servers:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    from newsgraph.store import SnapshotStore

    quads = len(SnapshotStore(store).oxigraph)
    return {
        "label": label,
        "store": str(store),
        "quads": quads,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": [round(x, 2) for x in load],
        "picks": chosen,
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stores", nargs="+", required=True, help="LABEL=PATH, e.g. 10k=/data/10k")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ox-runs", type=int, default=1, help="timed runs of each old query")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--old-ref", default="1989a07", help="the git ref of the old query texts")
    parser.add_argument("--word", default="president", help="the common word searched for")
    parser.add_argument("--base-iri", default="https://newsgraph.example/id/")
    parser.add_argument("--no-oxigraph", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--plot", type=Path)
    args = parser.parse_args(argv)
    records = json.loads(args.out.read_text()) if args.out and args.out.exists() else []
    for spec in args.stores:
        label, _, path = spec.partition("=")
        print(
            f"# {label}: {path}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
            f"{os.cpu_count()} cores, load {os.getloadavg()}",
            flush=True,
        )
        record = measure(label, Path(path), args)
        records = [r for r in records if r["label"] != label] + [record]
        if args.out:
            args.out.write_text(json.dumps(records, indent=1))
    if args.plot:
        from plot import serving_svg

        args.plot.write_text(serving_svg(records))
    return 0


if __name__ == "__main__":
    sys.exit(main())
