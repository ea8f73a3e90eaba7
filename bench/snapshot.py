"""Write what the code makes of a fixed input, so two commits can be compared byte for byte.

Ingests the seeds and the first 200 BBC articles (``../shared/corpus/bbc``, sorted by
path) into a fresh store with the command line (one parsing process, so nothing depends
on the order workers finish in), then writes to ``OUT``:

- ``store.nq``: every quad, as sorted N-Quads lines;
- ``query-NAME.tsv`` (or ``query-NAME-PARAM=VALUE.tsv`` for a query with a required
  parameter, once per value its ``enumerate_query`` offers, the first 20 by sort order):
  every row of every canned query (all pages: the query without its page window), each
  row one tab-separated line of N-Triples terms, sorted, under a header line of the
  variables.

A refactoring that changes no behaviour leaves every file the same::

    python bench/snapshot.py /tmp/before   # at the old commit
    python bench/snapshot.py /tmp/after    # at the new one
    diff -r /tmp/before /tmp/after && echo same

Only the public entry points are used (the ``newsgraph`` command, ``newsgraph.queries``,
``newsgraph.config`` and ``open_store``), so the script runs unchanged on both sides of a
move. Exits with status 2 and a message when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpus" / "bbc"
ARTICLES = 200
VALUES_PER_PARAMETER = 20


def _term(term: object) -> str:
    return "" if term is None else str(term)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (created; must be empty)")
    parser.add_argument("--articles", type=int, default=ARTICLES, help="BBC articles to ingest")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"snapshot: {BBC} is absent; it holds the articles to ingest", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    if any(args.out.iterdir()):
        print(f"snapshot: {args.out} is not empty", file=sys.stderr)
        return 2
    bbc = sorted(p for p in BBC.rglob("*.txt"))[: args.articles]
    newsgraph = Path(sys.executable).parent / "newsgraph"
    with tempfile.TemporaryDirectory(prefix="newsgraph-snapshot-") as tmp:
        store_path = Path(tmp) / "store"
        env = {**os.environ, "NEWSGRAPH_JOBS": "1"}
        subprocess.run(
            [str(newsgraph), "ingest", str(ROOT / "seeds"), *map(str, bbc)]
            + ["--store", str(store_path), "--no-progress"],
            check=True,
            env=env,
            cwd=tmp,
        )
        nquads = subprocess.run(
            [str(newsgraph), "export", "--format", "nquads", "--store", str(store_path)],
            check=True,
            env=env,
            cwd=tmp,
            capture_output=True,
        ).stdout
        lines = sorted(set(nquads.decode("utf-8").splitlines()))
        (args.out / "store.nq").write_text("\n".join(lines) + "\n", encoding="utf-8")
        written = _write_queries(store_path, args.out)
    print(f"snapshot: {len(lines)} quads and {written} query results in {args.out}")
    return 0


def _write_queries(store_path: Path, out: Path) -> int:
    from newsgraph.config import Settings
    from newsgraph.queries import load_queries
    from newsgraph.store import open_store

    store = open_store(Settings.from_env(store=store_path), mode="read")
    written = 0
    for name, query in sorted(load_queries().items()):
        required = [p for p in query.parameters if p.required and p.default is None]
        if not required:
            _write_rows(store, query, {}, out / f"query-{name}.tsv")
            written += 1
            continue
        # one required parameter per query today: run it for the values the store offers
        param = required[0]
        if param.enumerate_query is None:
            continue
        values = sorted(row[0].value for row in store.query(param.enumerate_query))
        values = values[:VALUES_PER_PARAMETER]
        for i, value in enumerate(values):
            _write_rows(store, query, {param.name: value}, out / f"query-{name}-{i:02d}.tsv")
            written += 1
    return written


def _write_rows(store: object, query: object, params: dict[str, str], path: Path) -> None:
    substitutions = query.bind(params)  # type: ignore[attr-defined]
    result = store.query(query.whole(), substitutions=substitutions)  # type: ignore[attr-defined]
    names = [v.value for v in result.variables]
    rows = sorted("\t".join(_term(row[n]) for n in names) for row in result)
    header = "\t".join(names) + ("\t" + repr(sorted(params.items())) if params else "")
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
