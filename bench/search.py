"""Full-text search at 100,000 articles: ``≤ 100 ms`` median for ``/search``.

``python bench/search.py ../shared/corpus/polnear/train/text --articles 300 --copies 100000``

1. Ingests ``--articles`` real articles into a fresh store in a temporary folder with the
   real pipeline (``newsgraph ingest``, which writes the search index with each batch) —
   or uses ``--store`` as it is.
2. Times a rebuild of the index from the store (:func:`newsgraph.search.sync.rebuild`),
   then reads the rows of every article back from the store and writes an index of
   ``--copies`` articles' worth of rows: the real rows replicated under new article ids
   (statements, figures and per-article sources renamed per copy; people and
   organisations shared across copies, as in a real corpus; each copy's publication
   date moved by whole weeks so that date ranges select part of the corpus). The index
   is marked as reflecting the store, so ``serve`` uses it as it is.
3. Times each search ``--repeat`` times in process (:meth:`SearchIndex.search`), then
   over HTTP against ``newsgraph serve`` on 127.0.0.1 (one server process), and prints the
   medians (``--json`` for a machine-readable record).

The copies' pages do not exist in the store (only the index holds them): the benchmark
times the search, not the pages it links to.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

from newsgraph.net import free_port
from newsgraph.search.index import Entry, SearchIndex, SearchQuery, match_expression
from newsgraph.search.sync import CLEAN, article_graphs, entries_from_store, rebuild, store_marker
from newsgraph.store import GraphStore

QUERIES: list[dict[str, str]] = [
    {"q": "president"},
    {"q": "people"},
    {"q": "the"},
    {"q": "Trump"},
    {"q": "tax plan"},
    {"q": "president", "source_type": "named-person", "from": "2017-01-01", "to": "2018-12-31"},
    {"q": "said", "publisher": "nyt"},
    {"q": "people", "speaker": "Donald Trump"},
    {"q": "campaign", "kind": "statement", "page": "3"},
    {"q": "elect*", "mode": "advanced"},
]


def newsgraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsgraph", *args]


NAMED = re.compile(r"^(?P<publisher>[a-z-]+)_(?P<published>\d{4}-\d{2}-\d{2})_")
"""PolNeAR's file names: ``breitbart_2015-11-11_the-ninth-circle….txt``."""


def ingest(corpus: Path, store: Path, articles: int) -> None:
    """Ingest the first ``articles`` files, as JSON Lines records that carry the publisher
    and the date their file names give (PolNeAR's texts have neither in them)."""
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[:articles]
    listing = store.parent / "articles.jsonl"
    with listing.open("w", encoding="utf-8") as out:
        for f in files:
            record = {"id": f.name, "text": f.read_text(encoding="utf-8")}
            if named := NAMED.match(f.name):
                record.update(named.groupdict())
            out.write(json.dumps(record) + "\n")
    subprocess.run(
        newsgraph("ingest", str(listing), "--store", str(store), "--no-progress", "--jobs", "1"),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def copy_of(entry: Entry, k: int) -> Entry:
    """Row ``entry`` of copy ``k``: its own article, statement and figure IRIs."""
    if k == 0:
        return entry
    suffix = f"-copy{k}"
    item = entry.item
    if entry.kind != "source" or "/source/" in item or "/role/" in item:
        item = item.replace("/statement/", "/statement/c").replace("/figure/", "/figure/c")
        item = f"{item}{suffix}"
    source = entry.source
    if "/source/" in source or "/role/" in source:
        source = f"{source}{suffix}"
    published = entry.published
    if published:
        day = dt.date.fromisoformat(published) + dt.timedelta(weeks=k % 520)
        published = day.isoformat()
    return replace(
        entry,
        item=item,
        source=source,
        article=f"{entry.article}{suffix}",
        article_id=f"{entry.article_id}{suffix}",
        published=published,
    )


def build_index(store: GraphStore, path: Path, copies: int) -> dict[str, float]:
    """Write ``copies`` articles' worth of the store's rows into the index at ``path``."""
    started = time.perf_counter()
    real = list(entries_from_store(store, article_graphs(store)))
    rows = sum(len(e) for _, e in real)
    path.unlink(missing_ok=True)
    index = SearchIndex(path)
    written = 0
    batch: dict[str, list[Entry]] = {}
    k = 0
    while written < copies:
        for graph, entries in real:
            if written >= copies:
                break
            copied = [copy_of(e, k) for e in entries]
            batch[copied[0].article if copied else f"{graph}-copy{k}"] = copied
            written += 1
            if len(batch) >= 2000:
                index.replace_articles(batch)
                batch.clear()
        k += 1
    index.replace_articles(batch)
    index.set_meta(state=CLEAN, copies=str(written), **store_marker(store))
    total = index.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    index.close()
    return {
        "real_articles": len(real),
        "real_rows": rows,
        "articles": written,
        "rows": total,
        "seconds": time.perf_counter() - started,
        "mb": path.stat().st_size / 1e6,
    }


def copies_in(path: Path) -> int | None:
    """The articles a benchmark index at ``path`` was built with (None: not one)."""
    if not path.is_file():
        return None
    index = SearchIndex(path, read_only=True)
    try:
        value = index.meta("copies")
    finally:
        index.close()
    return int(value) if value else None


def search_query(params: dict[str, str]) -> SearchQuery:
    return SearchQuery(
        params["q"],
        advanced=params.get("mode") == "advanced",
        speaker=params.get("speaker", ""),
        source_type=params.get("source_type", ""),
        kind=params.get("kind", ""),
        date_from=params.get("from", ""),
        date_to=params.get("to", ""),
        page=int(params.get("page", "1")),
    )


def in_process(path: Path, repeat: int) -> list[dict[str, object]]:
    index = SearchIndex(path, read_only=True)
    results = []
    for params in QUERIES:
        query = search_query(params)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            page = index.search(query)
            times.append(time.perf_counter() - started)
        matches = index.db.execute(
            "SELECT COUNT(*) FROM texts WHERE texts MATCH ?",
            (match_expression(query),),
        ).fetchone()[0]
        results.append(
            {
                "params": params,
                "median_ms": statistics.median(times) * 1000,
                "max_ms": max(times) * 1000,
                "hits": len(page.hits),
                "matches": matches,
                "ranked_among": page.ranked_among,
            }
        )
    index.close()
    return results


def over_http(store: Path, repeat: int) -> list[dict[str, object]]:
    port = free_port()
    env = {**os.environ, "NEWSGRAPH_PROCESSES": "1", "NEWSGRAPH_QUERY_WORKERS": "1"}
    server = subprocess.Popen(
        newsgraph("serve", "--store", str(store), "--port", str(port)),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        results = []
        connection.request("GET", "/search.json?q=warm")  # opens the index
        connection.getresponse().read()
        for params in QUERIES:
            for path in (f"/search.json?{urlencode(params)}", f"/search?{urlencode(params)}"):
                times = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    connection.request("GET", path)
                    response = connection.getresponse()
                    response.read()
                    times.append(time.perf_counter() - started)
                    if response.status != 200:
                        raise SystemExit(f"{path}: HTTP {response.status}")
                results.append({"path": path, "median_ms": statistics.median(times) * 1000})
        connection.close()
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="a folder of .txt articles")
    parser.add_argument("--store", type=Path, help="use this store (its index is rewritten)")
    parser.add_argument("--articles", type=int, default=300, help="real articles to ingest")
    parser.add_argument("--copies", type=int, default=100_000, help="articles in the index")
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--no-http", action="store_true", help="only the in-process timings")
    parser.add_argument(
        "--reuse", action="store_true", help="with --store: keep its index if built with --copies"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="newsgraph-bench-search-"))
    try:
        store_dir = args.store
        if store_dir is None:
            if args.corpus is None:
                parser.error("give a corpus folder or --store")
            store_dir = temp / "store"
            started = time.perf_counter()
            ingest(args.corpus, store_dir, args.articles)
            ingest_seconds = time.perf_counter() - started
        else:
            ingest_seconds = 0.0
        store = GraphStore(store_dir)
        started = time.perf_counter()
        rebuilt = rebuild(store, temp / "rebuilt.sqlite")
        rebuild_seconds = time.perf_counter() - started
        index = store_dir / "search.sqlite"
        if args.reuse and copies_in(index) == args.copies:
            built = {"reused": True, "articles": args.copies}
        else:
            built = build_index(store, index, args.copies)
        del store
        record: dict[str, object] = {
            "date": dt.date.today().isoformat(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
            "python": platform.python_version(),
            "sqlite": __import__("sqlite3").sqlite_version,
            "ingest_seconds": ingest_seconds,
            "rebuild": {"articles": rebuilt, "seconds": rebuild_seconds},
            "index": built,
            "in_process": in_process(store_dir / "search.sqlite", args.repeat),
        }
        if not args.no_http:
            record["http"] = over_http(store_dir, args.repeat)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    if args.json:
        print(json.dumps(record, indent=2))
        return 0
    b = record["index"]
    print(f"{record['date']} · {record['machine']} · SQLite {record['sqlite']}")
    if "rows" in b:  # type: ignore[operator]
        print(
            f"index: {b['articles']:,} articles ({b['real_articles']} real, replicated), "  # type: ignore[index]
            f"{b['rows']:,} rows, {b['mb']:.0f} MB, written in {b['seconds']:.0f} s"  # type: ignore[index]
        )
    r = record["rebuild"]
    print(f"rebuild from the store: {r['articles']} articles in {r['seconds']:.1f} s")  # type: ignore[index]
    print("in process (median / max ms, matches, hits):")
    for r in record["in_process"]:  # type: ignore[attr-defined]
        print(
            f"  {urlencode(r['params']):70} {r['median_ms']:7.1f} {r['max_ms']:7.1f} "
            f"{r['matches']:>9,} {r['hits']:>3}"
        )
    for r in record.get("http", []):  # type: ignore[attr-defined]
        print(f"  HTTP {r['path']:80} {r['median_ms']:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
