"""Claim linking at scale: a whole relink, a relink after a small ingest, and the
``contradictions`` query that reads the denials linked.

``python bench/claims.py --store <store> --articles 16`` copies the store into a
temporary folder (the original is never written), then times on the copy:

- ``link_claims`` over every speaker (every claim and every denial recomputed);
- ``link_claims`` over the speakers of ``--articles`` articles picked at random (seeded),
  which is what an ingest of those articles runs at its end;
- the ``contradictions`` canned query, the whole list.

It prints each time and count; ``--json`` prints one JSON object instead.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import NamedNode

from newsgraph.config import Settings
from newsgraph.link.claims import link_claims
from newsgraph.queries import load_queries
from newsgraph.store import GraphStore
from newsgraph.store.rdf import Minter


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store written by ingest")
    parser.add_argument("--articles", type=int, default=16, help="articles of the small ingest")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.store.is_dir():
        parser.error(f"--store {args.store}: not a folder")
    minter = Minter(Settings.from_env().base_iri)
    record: dict[str, object] = {"date": time.strftime("%Y-%m-%d")}
    with tempfile.TemporaryDirectory(prefix="newsgraph-claims-") as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(args.store, copy)
        store = GraphStore(copy)
        record["quads"] = store.count()

        started = time.perf_counter()
        record["claims"] = link_claims(store, minter)
        record["relink_all_s"] = round(time.perf_counter() - started, 2)
        record["denials"] = sum(1 for _ in store.query(_DENIALS))

        articles = sorted(g.value for g in store.graphs() if "/article/" in g.value)
        picked = random.Random(args.seed).sample(articles, min(args.articles, len(articles)))
        speakers = set().union(*(store.speakers_in(NamedNode(g)) for g in picked))
        started = time.perf_counter()
        link_claims(store, minter, speakers)
        record["relink_small_s"] = round(time.perf_counter() - started, 2)
        record["small_articles"], record["small_speakers"] = len(picked), len(speakers)

        started = time.perf_counter()
        record["contradictions"] = sum(
            1 for _ in store.query(load_queries()["contradictions"].sparql)
        )
        record["contradictions_s"] = round(time.perf_counter() - started, 2)
        del store  # closed before its folder is removed
    if args.json:
        print(json.dumps(record))
    else:
        print(f"# claims benchmark, {record['date']}, {record['quads']:,} quads")
        print(
            f"relink every speaker: {record['claims']:,} claims, "
            f"{record['denials']:,} denials in {record['relink_all_s']} s"
        )
        print(
            f"relink after {record['small_articles']} articles "
            f"({record['small_speakers']} speakers): {record['relink_small_s']} s"
        )
        print(
            f"contradictions: {record['contradictions']:,} rows in {record['contradictions_s']} s"
        )
    return 0


_DENIALS = "SELECT ?d WHERE { ?d a ng:ClaimDenial }"


if __name__ == "__main__":
    sys.exit(main())
