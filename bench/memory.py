"""Peak memory against corpus size: ingesting 10x more articles must not raise peak RSS by
more than ~10%.

``python bench/memory.py ../shared/corpus/bbc ../shared/corpus/polnear --small 1000`` runs
``newsgraph ingest`` (a subprocess, every core) twice into fresh stores: on ``--small``
articles and on ``--factor`` (10) times as many, and samples the resident
memory of the whole process tree (the command and its worker processes, summed) every
0.1 s. It prints both peaks and their ratio; the exit status is 1 when the ratio is above
``--limit`` (1.10). When the paths hold fewer articles than the large run needs, the
articles are taken again, each time under new names (so every one is a new graph).
The small run takes every ``--factor``-th article of the large run, so both runs have the
same mix of sources and lengths and differ only in how many articles they ingest
(``--sample head`` takes the first ``--small`` instead, as the runs before 2026-11-22 did:
with sorted folders that is one source's articles against all of them).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from rss import run_measured  # noqa: E402

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


def article_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        files += [f for f in found if f.suffix.lower() in SUFFIXES and f.stem.upper() != "README"]
    return files


def measure(files: list[Path], jobs: int) -> tuple[float, int]:
    """Seconds and peak tree RSS (bytes) of one ingest of ``files`` into a fresh store."""
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    with tempfile.TemporaryDirectory(prefix="newsgraph-memory-") as tmp:
        listing = Path(tmp) / "files"
        listing.mkdir()
        for index, source in enumerate(files):  # links keep every name distinct
            (listing / f"{index:06d}{source.suffix}").symlink_to(source.resolve())
        command = [newsgraph, "ingest", str(listing), "--store", str(Path(tmp) / "store")]
        command += ["--jobs", str(jobs), "--no-progress"]
        seconds, peak, done = run_measured(command)
    if done.returncode != 0:
        raise SystemExit(f"ingest failed:\n{done.stderr[-2000:]}")
    return seconds, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--small", type=int, default=220, help="articles in the small run")
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--limit", type=float, default=1.10)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--sample",
        choices=("stride", "head"),
        default="stride",
        help="the small run's articles: every FACTOR-th of the large run's (the same mix of "
        "sources and lengths; default) or its first SMALL (before 2026-11-22)",
    )
    args = parser.parse_args(argv)
    files = article_files(args.paths)
    large = args.small * args.factor
    if not files:
        parser.error("no articles under the paths")
    if len(files) < large:
        print(f"# {len(files)} articles, taken again under new names up to {large}")
        files = [files[i % len(files)] for i in range(large)]
    files = files[:large]
    small = files[:: args.factor][: args.small] if args.sample == "stride" else files[: args.small]
    small_s, small_peak = measure(small, args.jobs)
    large_s, large_peak = measure(files, args.jobs)
    ratio = large_peak / small_peak
    record = {
        "date": time.strftime("%Y-%m-%d"),
        "sample": args.sample,
        "cores": os.cpu_count(),
        "small_articles": args.small,
        "small_seconds": round(small_s, 1),
        "small_peak_mb": round(small_peak / 2**20),
        "large_articles": large,
        "large_seconds": round(large_s, 1),
        "large_peak_mb": round(large_peak / 2**20),
        "ratio": round(ratio, 3),
    }
    if args.json:
        print(json.dumps(record))
    else:
        print(f"# memory benchmark, {record['date']}, {record['cores']} cores")
        print(f"{args.small:>6} articles: peak RSS {record['small_peak_mb']} MB ({small_s:.0f} s)")
        print(f"{large:>6} articles: peak RSS {record['large_peak_mb']} MB ({large_s:.0f} s)")
        print(f"ratio {ratio:.3f} (limit {args.limit})")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
