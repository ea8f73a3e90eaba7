"""The scale curve: ingest time, store size and query latency as the store grows.

``python bench/scale.py --sizes 1000 10000 100000 --store /data/scale ../shared/corpus/bbc
../shared/corpus/polnear`` reads the articles under the given folders, and grows one store
in steps to each size: the articles are taken in turn, copy after copy, each copy under
new identifiers (``c<copy>-<id>``) so that every article is a new graph. Each step is
written as a JSON Lines file and ingested with ``newsgraph ingest`` (a subprocess, so the
time is the command's own, start-up and claim linking included). After each step it
records the step's time and rate, the store's size on disk and in quads, the process
tree's peak RSS, and the median latency (of 5 runs) of each canned query and of the
analyst queries of ``bench/queries.py`` run in process on the store.

It prints a table and, with ``--out FILE.json``, writes the records; ``--plot FILE.svg``
draws the curve (see docs/benchmarks.md). A step already in ``--out`` is skipped, so a
long run can be resumed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from rss import run_measured  # noqa: E402

from queries import ANALYST_QUERIES, canned_queries  # noqa: E402


def articles(paths: list[Path]) -> list[dict[str, str]]:
    """The corpus as JSON Lines records (read once; the texts are small)."""
    from newsgraph.extract.readers import ReadFailure, read_paths

    records = []
    for item in read_paths(paths):
        if isinstance(item, ReadFailure):
            continue
        origin = Path(item.origin)
        if origin.stem.upper() == "README":
            continue
        # folder and name, not the name alone: corpora reuse names (bbc/<section>/001.txt)
        record = {"id": f"{origin.parent.name}-{origin.name}", "text": item.text}
        if item.published is not None:
            record["published"] = item.published.isoformat()
        if item.publisher:
            record["publisher"] = item.publisher
        if item.title:
            record["title"] = item.title
        records.append(record)
    return records


def copies(records: list[dict[str, str]]) -> Iterator[dict[str, str]]:
    """Every record, copy after copy, each copy under new identifiers."""
    for copy in itertools.count():
        for record in records:
            yield {**record, "id": f"c{copy}-{record['id']}"}


def store_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def query_latency(store_dir: Path, runs: int = 5, limit: float = 300.0) -> dict[str, float | None]:
    """Median seconds of each canned and analyst query, in process, on a snapshot.

    Each query runs in a process of its own, stopped after ``limit`` seconds (its figure is
    then None: pyoxigraph cannot interrupt a query in process); a query slower than a
    second is run once only."""
    import multiprocessing

    from newsgraph.store import open_for_serving

    store = open_for_serving(store_dir)
    names = [n for n, _, _, _ in canned_queries(store)] + [n for n, _, _ in ANALYST_QUERIES]
    del store
    timings: dict[str, float | None] = {}
    context = multiprocessing.get_context("spawn")
    for name in names:
        with context.Pool(1) as pool:
            pending = pool.apply_async(_time_one, (str(store_dir), name, runs))
            try:
                timings[name] = pending.get(timeout=limit)
            except multiprocessing.TimeoutError:
                timings[name] = None
                pool.terminate()
        shown = "over the limit" if timings[name] is None else f"{timings[name] * 1000:.1f} ms"
        print(f"  {name}: {shown}", flush=True)
    return timings


def _time_one(store_dir: str, name: str, runs: int) -> float:
    from pyoxigraph import QueryBoolean

    from newsgraph.store import open_for_serving

    store = open_for_serving(Path(store_dir))
    queries = {n: (q, s) for n, q, s, _ in canned_queries(store)}
    queries.update({n: (q, s) for n, q, s in ANALYST_QUERIES})
    sparql, subs = queries[name]
    seconds: list[float] = []
    while len(seconds) < runs and sum(seconds) < 1.0:
        start = time.perf_counter()
        result = store.query(sparql, substitutions=subs)
        if not isinstance(result, QueryBoolean):
            for _row in result:
                pass
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def _ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="folders or files of articles")
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
    parser.add_argument("--store", type=Path, required=True, help="the store to grow")
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--out", type=Path, help="JSON file of the records (resumable)")
    parser.add_argument("--plot", type=Path, help="SVG file of the curve")
    parser.add_argument(
        "--query-limit", type=float, default=300.0, help="seconds before a query is stopped"
    )
    parser.add_argument(
        "--progress-log", type=Path, help="show ingest's progress bar in this file (tail -f)"
    )
    parser.add_argument(
        "--requery",
        action="store_true",
        help="time the queries again on the store as it is, for the last step in --out",
    )
    args = parser.parse_args(argv)
    records = articles(args.paths)
    if not records:
        parser.error("no articles under the given paths")
    done = json.loads(args.out.read_text()) if args.out and args.out.exists() else []
    have = max((r["articles"] for r in done), default=0)
    if args.requery:
        if not done:
            parser.error("--requery needs a step in --out")
        done[-1]["query_ms"] = {
            k: _ms(v) for k, v in query_latency(args.store, limit=args.query_limit).items()
        }
        done[-1]["query_date"] = time.strftime("%Y-%m-%d %H:%M")
        args.out.write_text(json.dumps(done, indent=1))
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    stream = itertools.islice(copies(records), have, None)
    for size in sorted(args.sizes):
        if size <= have:
            continue
        with tempfile.TemporaryDirectory(prefix="newsgraph-scale-") as tmp:
            step = Path(tmp) / f"step-{size}.jsonl"
            with step.open("w", encoding="utf-8") as out:
                for record in itertools.islice(stream, size - have):
                    out.write(json.dumps(record) + "\n")
            command = [newsgraph, "ingest", str(step), "--store", str(args.store)]
            command += ["--jobs", str(args.jobs)]
            if args.progress_log is None:
                seconds, peak, completed = run_measured([*command, "--no-progress"])
            else:
                with args.progress_log.open("a", encoding="utf-8") as log:
                    seconds, peak, completed = run_measured(command, stderr=log)
        if completed.returncode != 0:
            print((completed.stderr or "")[-2000:] or f"see {args.progress_log}", file=sys.stderr)
            return 1
        from newsgraph.store import GraphStore

        quads = len(GraphStore(args.store, read_only=True).oxigraph)
        record = {
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "articles": size,
            "step_articles": size - have,
            "step_seconds": round(seconds, 1),
            "step_articles_per_s": round((size - have) / seconds, 1),
            "peak_rss_mb": round(peak / 2**20),
            "quads": quads,
            "store_mb": round(store_size(args.store) / 2**20, 1),
            "query_ms": {
                k: _ms(v) for k, v in query_latency(args.store, limit=args.query_limit).items()
            },
        }
        record["ingest_seconds_total"] = round(
            sum(r["step_seconds"] for r in done) + record["step_seconds"], 1
        )
        done.append(record)
        have = size
        if args.out:
            args.out.write_text(json.dumps(done, indent=1))
        slowest = max(record["query_ms"].items(), key=lambda kv: kv[1] or float("inf"))
        print(
            f"{size:>7} articles  step {record['step_seconds']:>8} s "
            f"({record['step_articles_per_s']} articles/s)  {quads:>9} quads  "
            f"{record['store_mb']:>8} MB  peak RSS {record['peak_rss_mb']} MB  "
            f"slowest query {slowest[0]} {slowest[1]} ms",
            flush=True,
        )
    if args.plot and done:
        from plot import scale_svg

        args.plot.write_text(scale_svg(done), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
