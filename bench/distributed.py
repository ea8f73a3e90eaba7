"""Distributed ingest throughput: 1 vs 2 Dask workers, beside ``--jobs 1`` / ``--jobs 2``.

``python bench/distributed.py ../shared/corpus/bbc --articles 200`` takes the first
``--articles`` files (in name order, across the corpus's folders; linked into a temporary
folder under unique names, since BBC files of different sections share names) and runs,
each into a fresh ``oxigraph serve`` on 127.0.0.1:

1. ``newsgraph ingest SLICE --store URL --jobs 1`` and ``--jobs 2`` (one machine);
2. ``newsgraph ingest SLICE --store URL --dask --dask-workers 1`` and ``2`` (a local
   Dask cluster of worker processes; each loads the model and writes to the server).

Each figure is the wall time of the whole command (start-up, model loading and claim
linking included), as a user sees it; it prints articles/s for each, the 2-vs-1 ratio of
each mode, and the load average before each run (``--json`` for a record). Nothing is
fetched from the network; the servers' folders are removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgraph.net import free_port

RUNS = {
    "jobs 1": ["--jobs", "1"],
    "jobs 2": ["--jobs", "2"],
    "dask 1 worker": ["--dask", "local", "--dask-workers", "1"],
    "dask 2 workers": ["--dask", "local", "--dask-workers", "2"],
}
_SUMMARY = re.compile(r"ingested (\d+) articles: (\d+) statements, \d+ figures, (\d+) triples")


def slice_corpus(corpus: Path, count: int, folder: Path) -> int:
    """Link the first ``count`` article files of ``corpus`` into ``folder`` as
    ``section-name``; returns how many."""
    files = sorted(p for p in corpus.rglob("*.txt") if p.name.lower() != "readme.txt")
    for path in files[:count]:
        (folder / f"{path.parent.name}-{path.name}").symlink_to(path.resolve())
    return min(count, len(files))


@contextmanager
def oxigraph(location: Path) -> Iterator[str]:
    """``oxigraph serve`` on a free loopback port, stopped at the end."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or "oxigraph"
    port = free_port()
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"oxigraph serve did not start at {url}") from None
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def run_ingest(folder: Path, url: str, options: list[str]) -> dict[str, float]:
    """One ``newsgraph ingest`` command: its wall time and what it reported."""
    command = [sys.executable, "-m", "newsgraph", "ingest", str(folder), "--store", url]
    load = os.getloadavg()[0]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--no-progress", *options], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    match = _SUMMARY.search(done.stdout)
    if done.returncode != 0 or match is None:
        raise SystemExit(f"{' '.join(command + options)} failed:\n{done.stderr[-2000:]}")
    articles, statements, triples = (int(g) for g in match.groups())
    return {
        "seconds": round(seconds, 2),
        "articles": articles,
        "statements": statements,
        "triples": triples,
        "articles_per_s": round(articles / seconds, 2),
        "load_before": round(load, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder of .txt articles (walked)")
    parser.add_argument("--articles", type=int, default=200, help="articles to ingest")
    parser.add_argument("--only", choices=sorted(RUNS), action="append", help="runs to make")
    parser.add_argument("--json", action="store_true", help="print one JSON record")
    args = parser.parse_args(argv)
    record: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
    }
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        folder = Path(tmp) / "slice"
        folder.mkdir()
        record["corpus_articles"] = slice_corpus(args.corpus, args.articles, folder)
        for name in args.only or list(RUNS):
            with oxigraph(Path(tmp) / name.replace(" ", "-")) as url:
                record[name] = run_ingest(folder, url, RUNS[name])
            if not args.json:
                print(f"{name:>15}: {record[name]}", flush=True)
    for mode, one, two in (
        ("jobs", "jobs 1", "jobs 2"),
        ("dask", "dask 1 worker", "dask 2 workers"),
    ):
        if one in record and two in record:
            rate = record[two]["articles_per_s"] / record[one]["articles_per_s"]  # type: ignore[index]
            record[f"{mode}_2_vs_1"] = round(rate, 2)
    if args.json:
        print(json.dumps(record, indent=2))
    else:
        ratios = {k: v for k, v in record.items() if k.endswith("_2_vs_1")}
        print(f"{record['date']}, {record['machine']}: 2 vs 1 = {ratios}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
