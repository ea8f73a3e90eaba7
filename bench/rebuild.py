"""How long a rebuild of the search index from a store takes.

``python bench/rebuild.py /work/scale/10k [--sparql]``

Rebuilds the index of the store in a folder (opened read-only; the store is not changed)
into a temporary file, as ``newsgraph serve`` or ``newsgraph search-index`` does: the
article graphs read straight from the store's indexes (``entries_by_pattern``) — or with
``--sparql`` as a remote store is read (``entries_by_sparql``), for comparison — and
prints the articles, seconds, articles a second and the machine's load average.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from newsgraph.search import sync as search_sync
from newsgraph.store import GraphStore


class _BySparql:
    """The store as a remote store is read: only by SPARQL queries."""

    def __init__(self, store: GraphStore) -> None:
        self.query, self.graphs = store.query, store.graphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a store's folder (newsgraph ingest or load)")
    parser.add_argument("--sparql", action="store_true", help="read it by SPARQL instead")
    args = parser.parse_args()
    store = GraphStore(args.store, read_only=True)
    source = _BySparql(store) if args.sparql else store
    with tempfile.TemporaryDirectory() as temp:
        started = time.perf_counter()
        articles = search_sync.rebuild(source, Path(temp) / "search.sqlite")
        seconds = time.perf_counter() - started
    record = {
        "store": str(args.store),
        "read": "sparql" if args.sparql else "indexes",
        "articles": articles,
        "seconds": round(seconds, 1),
        "articles_per_second": round(articles / max(seconds, 1e-9)),
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }
    print(json.dumps(record))


if __name__ == "__main__":
    main()
