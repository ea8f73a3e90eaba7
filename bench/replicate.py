"""A store of any size for benchmarks, in minutes: real extracted articles, copied.

Three steps::

    # 1. PolNeAR's train and dev articles as JSON Lines, with their metadata
    python bench/replicate.py jsonl ../shared/corpus/polnear --out base.jsonl
    # 2. extract them once, the normal way, and export the store as N-Quads
    newsgraph ingest base.jsonl --store base && newsgraph export --store base -f nquads > base.nq
    # 3. N articles: the base's article graphs copied under new ids, then loaded
    python bench/replicate.py copy base.nq --articles 100000 --out 100k.nq
    newsgraph load --store 100k 100k.nq

A copy renames everything that belongs to one article: the article and its graph, its
statements, figures, unnamed sources and office holders, its claims and their graphs, its
denial links, and its identifier (``c<copy>-<id>``). People and organisations keep their
IRIs, so they are shared across copies as in a real corpus (a much-quoted speaker is
quoted in every copy). Derived graphs the load recomputes (see
:mod:`newsgraph.store.derived`) are left out of the copies.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

SPLITS = ("train", "dev")
"""PolNeAR's splits that may be read (never its test split)."""


def polnear_jsonl(root: Path, out: Path) -> int:
    """PolNeAR's train and dev articles as JSON Lines records with their title, publisher
    and publication date (from the corpus's ``metadata.tsv``)."""
    meta: dict[str, dict[str, str]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["compartment"] in SPLITS:
                meta[row["filename"]] = row
    written = 0
    with out.open("w", encoding="utf-8") as sink:
        for split in SPLITS:
            for path in sorted((root / split / "text").glob("*.txt")):
                info = meta.get(path.stem, {})
                record = {"id": path.name, "text": path.read_text(encoding="utf-8")}
                if info.get("publication_date"):
                    record["published"] = info["publication_date"]
                if info.get("publisher"):
                    record["publisher"] = info["publisher"]
                if info.get("title"):
                    record["title"] = info["title"]
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
    return written


PER_ARTICLE = ("article", "statement", "figure", "role", "source", "claim")
"""The IRI kinds whose next path segment is an article's key (newsgraph.store.rdf)."""


def copy_quads(nquads: Path, articles: int, out: Path, base: str) -> tuple[int, int]:
    """Write ``articles`` articles' worth of the base's quads, copy after copy.

    Returns (articles written, quads written)."""
    base = base if base.endswith("/") else base + "/"
    esc = re.escape(base)
    keyed = re.compile(rf"<{esc}({'|'.join(PER_ARTICLE)})/([^/>]+)")
    hashed = re.compile(rf"<{esc}(denial|graph/claims)/([^>]+)>")
    ident = re.compile(r'(<https://newsgraph\.example/ns#identifier> ")')
    derived = f"<{base}graph/derived/"
    article_graph = re.compile(rf"<{esc}article/([^>]+)> \.$")
    # Each article's quads, and the quads of the claims graphs (per speaker group).
    by_article: dict[str, list[str]] = {}
    shared: list[str] = []
    with nquads.open(encoding="utf-8") as handle:
        for line in handle:
            if derived in line:
                continue
            match = article_graph.search(line.rstrip("\n"))
            if match:
                by_article.setdefault(match.group(1), []).append(line)
            else:
                shared.append(line)
    keys = sorted(by_article)
    if not keys:
        raise SystemExit(f"{nquads}: no article graphs under {base}article/")
    written_quads = 0
    written_articles = 0
    with out.open("w", encoding="utf-8") as sink:
        copy = 0
        while written_articles < articles:
            tag = f"c{copy}-"
            last = min(len(keys), articles - written_articles)
            chosen = set(keys[:last])

            def rename(line: str, tag: str = tag) -> str:
                line = keyed.sub(lambda m: f"<{base}{m.group(1)}/{tag}{m.group(2)}", line)
                line = hashed.sub(lambda m: f"<{base}{m.group(1)}/{tag}{m.group(2)}>", line)
                return ident.sub(lambda m: m.group(1) + tag, line)

            chunk = []
            for key in keys[:last]:
                chunk.extend(rename(line) for line in by_article[key])
            if last == len(keys):
                chunk.extend(rename(line) for line in shared)
            else:  # a partial copy: only the claims of the articles it has
                chunk.extend(
                    rename(line)
                    for line in shared
                    if not _mentions_other(line, base, chosen, set(keys))
                )
            sink.writelines(chunk)
            written_quads += len(chunk)
            written_articles += last
            copy += 1
    return written_articles, written_quads


def _mentions_other(line: str, base: str, chosen: set[str], keys: set[str]) -> bool:
    """Whether a claims-graph quad names a statement of an article not in ``chosen``."""
    for kind in ("statement", "claim"):
        for match in re.finditer(rf"<{re.escape(base)}{kind}/([^/>]+)/", line):
            if match.group(1) in keys and match.group(1) not in chosen:
                return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    j = sub.add_parser("jsonl", help="PolNeAR train+dev as JSON Lines with metadata")
    j.add_argument("polnear", type=Path, help="the PolNeAR folder (metadata.tsv, train/, dev/)")
    j.add_argument("--out", type=Path, required=True)
    c = sub.add_parser("copy", help="copy a base store's N-Quads to N articles")
    c.add_argument("nquads", type=Path)
    c.add_argument("--articles", type=int, required=True)
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--base-iri", default="https://newsgraph.example/id/")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.command == "jsonl":
        n = polnear_jsonl(args.polnear, args.out)
        print(f"{n} articles -> {args.out}")
    else:
        n, quads = copy_quads(args.nquads, args.articles, args.out, args.base_iri)
        print(f"{n} articles, {quads} quads -> {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
