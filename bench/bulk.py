"""``newsgraph load`` against pyoxigraph's ``bulk_load`` on the same file.

``python bench/bulk.py FILE.nq`` loads the file twice into new stores in a temporary
folder (beside ``--tmp``): once with ``Store.bulk_load`` alone, once with ``newsgraph load``
(a subprocess: the bulk load into a new store, the derived data, the swap and the
snapshot), and prints both rates and their ratio (the target: at least 0.5).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--tmp", type=Path, default=None, help="where the stores are made")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from pyoxigraph import Store

    folder = Path(tempfile.mkdtemp(prefix="bulk-", dir=args.tmp))
    try:
        started = time.perf_counter()
        store = Store(str(folder / "bulk"))
        store.bulk_load(path=str(args.file), base_iri=args.file.resolve().as_uri())
        store.flush()
        bulk = time.perf_counter() - started
        quads = len(store)
        del store
        newsgraph = Path(sys.executable).with_name("newsgraph")
        started = time.perf_counter()
        done = subprocess.run(
            [str(newsgraph), "load", "--store", str(folder / "load"), str(args.file)],
            capture_output=True,
            text=True,
            check=False,
        )
        load = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(done.stderr)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    record = {
        "file": str(args.file),
        "quads": quads,
        "bulk_load_seconds": round(bulk, 1),
        "load_seconds": round(load, 1),
        "bulk_load_quads_per_s": round(quads / bulk),
        "load_quads_per_s": round(quads / load),
        "ratio": round(bulk / load, 2),
        "load_output": done.stdout.strip(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    if args.json:
        print(json.dumps(record))
    else:
        print(
            f"pyoxigraph bulk_load   {bulk:8.1f} s  {quads / bulk:10,.0f} quads/s ({quads:,} quads)"
        )
        print(
            f"newsgraph load         {load:8.1f} s  {quads / load:10,.0f} quads/s  "
            f"ratio {bulk / load:.2f} of bulk_load (limit 0.5)"
        )
        print(f"  {record['load_output']}")
        print(f"  load average {record['load_average']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
