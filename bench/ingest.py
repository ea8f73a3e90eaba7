"""Ingest against its limits, side by side in one run.

``python bench/ingest.py ../shared/corpus/bbc`` measures, on the same texts:

1. **spaCy alone**: the model package loaded, then ``nlp.pipe(texts, n_process=jobs)``
   with every result consumed — the limit for extraction.
2. **newsgraph ingest**: :func:`newsgraph.ingest.local.ingest` end to end (read the files,
   parse and extract in ``jobs`` processes, map to RDF, write each article's graph,
   link claims, flush) into a fresh on-disk store.
3. **bulk load**: pyoxigraph's ``bulk_load`` of the very quads that ingest wrote (dumped
   as N-Quads) into another fresh store — the limit for loading — beside the rate of
   ingest's own store writes (timed inside ingest).

It prints each figure and the ratio to its limit (``--json`` for a machine-readable
record). Words are whitespace-separated words of the article texts. Nothing is fetched
from the network; the stores live in a temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.extract.boilerplate import mask_boilerplate
from newsgraph.extract.pipeline import DEFAULT_MODEL
from newsgraph.extract.readers import ReadFailure, read_paths


def read_texts(paths: list[Path], limit: int | None) -> list[str]:
    texts = []
    for item in read_paths(paths):
        if isinstance(item, ReadFailure):
            continue
        texts.append(mask_boilerplate(item.text))
        if limit is not None and len(texts) >= limit:
            break
    return texts


def bare_spacy(texts: list[str], model: str, jobs: int, batch_size: int) -> float:
    """Seconds for spaCy alone: load the model, pipe every text, consume every Doc."""
    import spacy

    start = time.perf_counter()
    nlp = spacy.load(model)
    for _doc in nlp.pipe(texts, n_process=jobs, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def newsgraph_ingest(
    paths: list[Path], store_dir: Path, model: str, jobs: int, batch_size: int, limit: int | None
) -> tuple[float, object]:
    """Seconds for ``newsgraph ingest`` of the same articles into a fresh store."""
    from newsgraph.ingest.local import ingest
    from newsgraph.store import GraphStore
    from newsgraph.store.rdf import Minter

    sources = paths if limit is None else _first_files(paths, limit)
    start = time.perf_counter()
    store = GraphStore(store_dir)
    report = ingest(
        sources,
        store,
        model if jobs > 1 else _load(model),
        Minter("https://newsgraph.example/id/"),
        jobs=jobs,
        batch_size=batch_size,
        progress=False,
        publish=False,
    )
    seconds = time.perf_counter() - start
    return seconds, (store, report)


def _load(model: str):  # type: ignore[no-untyped-def]
    from newsgraph.extract.pipeline import load_nlp

    return load_nlp(model)


def _first_files(paths: list[Path], limit: int) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        files.extend(f for f in found if f.suffix in (".txt", ".html", ".htm", ".jsonl"))
    return files[:limit]


def bulk_load(store, folder: Path) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Seconds for pyoxigraph's bulk_load of the store's quads into a fresh store."""
    from pyoxigraph import RdfFormat, Store

    dump = io.BytesIO()
    store.oxigraph.dump(dump, RdfFormat.N_QUADS)
    data = dump.getvalue()
    target = Store(str(folder))
    start = time.perf_counter()
    target.bulk_load(data, RdfFormat.N_QUADS)
    target.flush()
    seconds = time.perf_counter() - start
    return seconds, len(target)


def machine() -> str:
    return f"{platform.node()} {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders of articles")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--model", default=os.environ.get("NEWSGRAPH_MODEL", DEFAULT_MODEL))
    parser.add_argument("--json", action="store_true", help="print one JSON record")
    args = parser.parse_args(argv)
    for path in args.paths:
        if not path.exists():
            parser.error(f"no such file or folder: {path}")

    texts = read_texts(args.paths, args.limit)
    if not texts:
        parser.error("no articles found under the given paths")
    words = sum(len(t.split()) for t in texts)
    workdir = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    try:
        spacy_s = bare_spacy(texts, args.model, args.jobs, args.batch_size)
        ingest_s, (store, report) = newsgraph_ingest(
            args.paths, workdir / "store", args.model, args.jobs, args.batch_size, args.limit
        )
        bulk_s, bulk_quads = bulk_load(store, workdir / "bulk")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    timings = report.timings  # type: ignore[attr-defined]
    record = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine(),
        "articles": len(texts),
        "words": words,
        "jobs": args.jobs,
        "spacy_seconds": round(spacy_s, 2),
        "spacy_words_per_s": round(words / spacy_s),
        "ingest_seconds": round(ingest_s, 2),
        "ingest_words_per_s": round(words / ingest_s),
        "ingest_articles_per_s": round(report.articles / ingest_s, 1),  # type: ignore[attr-defined]
        "ingest_vs_spacy": round(spacy_s / ingest_s, 3),
        "triples": report.triples,  # type: ignore[attr-defined]
        "store_write_seconds": round(timings["store"], 2),
        "store_triples_per_s": round(report.triples / max(timings["store"], 1e-9)),  # type: ignore[attr-defined]
        "bulk_load_seconds": round(bulk_s, 3),
        "bulk_load_quads": bulk_quads,
        "bulk_load_triples_per_s": round(bulk_quads / max(bulk_s, 1e-9)),
        "failed": len(report.failures),  # type: ignore[attr-defined]
    }
    record["store_vs_bulk_load"] = round(
        record["store_triples_per_s"] / max(record["bulk_load_triples_per_s"], 1), 3
    )
    if args.json:
        print(json.dumps(record))
        return 0
    print(f"# ingest benchmark, {record['date']}, {record['machine']}")
    print(f"articles {len(texts)}, words {words}, jobs {args.jobs}")
    print(f"spaCy nlp.pipe alone   {spacy_s:8.1f} s  {record['spacy_words_per_s']:>8} words/s")
    print(
        f"newsgraph ingest       {ingest_s:8.1f} s  {record['ingest_words_per_s']:>8} words/s"
        f"  {record['ingest_articles_per_s']} articles/s"
        f"  ratio {record['ingest_vs_spacy']:.2f} of spaCy alone"
    )
    print(
        f"ingest's store writes  {timings['store']:8.2f} s  "
        f"{record['store_triples_per_s']:>8} triples/s ({report.triples} triples)"  # type: ignore[attr-defined]
    )
    print(
        f"pyoxigraph bulk_load   {bulk_s:8.2f} s  {record['bulk_load_triples_per_s']:>8} triples/s"
        f"  ratio {record['store_vs_bulk_load']:.2f} (ingest's writes / bulk_load)"
    )
    if record["failed"]:
        print(f"failed articles: {record['failed']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
