"""What each ``newsgraph`` command does (its arguments: :mod:`newsgraph.cli.parser`).

Every command takes ``--store PATH`` (default ``newsgraph-data``, or ``NEWSGRAPH_STORE``),
or ``--store http://host:port`` to use a SPARQL 1.1 server instead (:mod:`newsgraph.store.remote`).
Errors are printed as one line naming what was wrong, with exit status 1 (2 for usage).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pyoxigraph import NamedNode, QueryBoolean, QueryTriples, RdfFormat, serialize

from newsgraph.config import Settings, is_url
from newsgraph.errors import BadRequest, NewsgraphError
from newsgraph.evaluate.gold import evaluate
from newsgraph.evaluate.polnear import evaluate_polnear
from newsgraph.evaluate.report import Report
from newsgraph.evaluate.sourcing import SourcingReport, evaluate_sourcing
from newsgraph.extract.readers import ReadFailure, read_file
from newsgraph.extract.records import Article
from newsgraph.ingest.chunks import expand_inputs
from newsgraph.ontology import PREFIXES
from newsgraph.queries import get_query, load_queries, parse_query
from newsgraph.search.sync import (
    IndexWriter,
    ensure_index,
    ensure_index_in_background,
    index_path,
    mark_stale,
    stale_reason,
)
from newsgraph.sparql.results import (
    format_table,
    graph_format,
    result_format,
    rows,
    write_solutions,
    write_triples,
)
from newsgraph.store import GraphStore, Store, open_for_serving, open_store, publish_snapshot
from newsgraph.store.derived import refresh
from newsgraph.store.loader import bulk_load_new, load_files
from newsgraph.store.rdf import Minter, extraction_to_quads

if TYPE_CHECKING:
    from spacy.language import Language

# spaCy (newsgraph.extract.pipeline, newsgraph.ingest) and Flask (newsgraph.server) are
# imported by the commands that need them: every other command starts without loading them.


def _load_nlp(settings: Settings) -> Language:
    from newsgraph.extract.pipeline import ModelNotFound, load_nlp  # spaCy: start-up time

    try:
        return load_nlp(settings.model)
    except ModelNotFound as exc:
        raise NewsgraphError(str(exc)) from exc


def _model_name(settings: Settings) -> str:
    from newsgraph.extract.pipeline import ModelNotFound, require_model  # spaCy: start-up

    try:
        require_model(settings.model)
    except ModelNotFound as exc:
        raise NewsgraphError(str(exc)) from exc
    return settings.model


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from newsgraph.ingest.local import ingest  # spaCy: start-up time of other commands

    paths = expand_inputs(args.paths)  # quoted glob patterns, as the shell would expand them
    progress = not args.no_progress and sys.stderr.isatty()
    on_failure = lambda message: print(f"failed: {message}", file=sys.stderr, flush=True)  # noqa: E731
    if settings.dask:
        from newsgraph.ingest.distributed import ingest_distributed  # spaCy, Dask: start-up

        _model_name(settings)
        report = ingest_distributed(
            paths,
            settings,
            scheduler=None if settings.dask == "local" else settings.dask,
            workers=settings.dask_workers,
            progress=progress,
            on_failure=on_failure,
            on_stored=_print_stored_origin if args.verbose else None,
        )
    else:
        store = open_store(settings)
        # one process loads the model here; several load it each (by name) in their workers
        nlp = _load_nlp(settings) if settings.jobs == 1 else _model_name(settings)
        report = ingest(
            paths,
            store,
            nlp,
            Minter(settings.base_iri),
            jobs=settings.jobs,
            batch_size=settings.batch_size,
            progress=progress,
            on_failure=on_failure,
            on_stored=_print_stored if args.verbose else None,
            on_warning=_print_warning,
            on_refused=_print_refused,
            search=IndexWriter(index_path(settings), store, say=_print_warning),
        )
    if settings.dask:  # the distributed ingest reports its refusals and warnings at the end
        for refused in report.refused:
            _print_refused(refused)
        for warning in report.warnings:
            _print_warning(warning)
        if report.warning_count > len(report.warnings):
            print(
                f"warning: and {report.warning_count - len(report.warnings)} more", file=sys.stderr
            )
    print(f"{report.summary()} (store: {settings.store})")
    return 1 if (report.failures or report.refused) and not report.articles else 0


def _print_warning(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


def _print_refused(message: str) -> None:
    print(f"error: {message}", file=sys.stderr, flush=True)


def _print_stored(article: Article, triples: int) -> None:
    _print_stored_origin(article.origin, triples)


def _print_stored_origin(origin: str, triples: int) -> None:
    print(f"stored: {origin} ({triples} triples)", file=sys.stderr, flush=True)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from newsgraph.server import serve  # Flask: only serve needs the server

    if isinstance(settings.store, str):
        ensure_index_in_background(settings)
    elif settings.store.is_dir():  # else serve says why
        # the snapshot the server reads is published before the index builder takes the
        # store's lock (the builder keeps ingests out while it reads the store)
        open_for_serving(settings.store)
        ensure_index_in_background(settings)
    serve(settings)
    return 0


def cmd_search_index(args: argparse.Namespace, settings: Settings) -> int:

    if args.check:
        reason = stale_reason(open_store(settings, mode="read"), index_path(settings))
        print(f"stale: {reason}" if reason else f"up to date: {index_path(settings)}")
        return 1 if reason else 0
    ensure_index(settings, force=True, say=print)
    return 0


def _parse_params(pairs: Sequence[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise BadRequest(f"--param takes KEY=VALUE, got {pair!r}")
        values[key] = value
    return values


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:

    path = Path(args.query)
    if path.suffix == ".rq" and path.is_file():
        query = parse_query(path.stem, path.read_text(encoding="utf-8"))
    else:
        query = get_query(load_queries(), args.query)
    substitutions = query.bind(_parse_params(args.param))
    store = open_store(settings, mode="read")
    try:
        result = store.query(query.whole(), substitutions=substitutions)  # every row
    except SyntaxError as exc:
        raise BadRequest(f"query {query.name!r} is not valid SPARQL: {exc}") from exc
    if isinstance(result, QueryTriples):  # CONSTRUCT or DESCRIBE: a graph, as Turtle
        write_triples(result, RdfFormat.TURTLE, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return 0
    if args.format == "table":
        if isinstance(result, QueryBoolean):
            print(bool(result))
            return 0
        names, table = rows(result)
        print(format_table(names, table))
        print(f"({len(table)} rows)")
        return 0
    write_solutions(result, result_format(args.format), sys.stdout.buffer)
    sys.stdout.buffer.flush()
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:

    store = open_store(settings, mode="read")
    graph = None
    if args.graph:
        iri = (
            args.graph
            if "://" in args.graph
            else Minter(settings.base_iri).article(args.graph).value
        )
        graph = NamedNode(iri)
        if not store.has_graph(graph):
            raise NewsgraphError(f"no graph {iri} in the store at {settings.store}", status=404)
    fmt = graph_format(args.format or ("turtle" if graph is not None else "trig"))
    if graph is None and not fmt.supports_datasets:
        print(
            "note: writing the union of all graphs (use --format trig to keep them apart)",
            file=sys.stderr,
        )
    if args.output:
        with args.output.open("wb") as out:
            store.export(out, fmt, graph)
    else:
        store.export(sys.stdout.buffer, fmt, graph)
        sys.stdout.buffer.flush()
    return 0


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:

    from newsgraph.extract.pipeline import extract_article  # spaCy: start-up time

    if not args.file.is_file():
        raise NewsgraphError(f"{args.file}: no such file")
    items = list(read_file(args.file))
    failures = [item for item in items if isinstance(item, ReadFailure)]
    for failure in failures:
        print(f"failed: {failure}", file=sys.stderr)
    articles = [item for item in items if not isinstance(item, ReadFailure)]
    if not articles:
        return 1
    nlp = _load_nlp(settings)
    minter = Minter(settings.base_iri)
    triples = []
    for article in articles:
        _, quads = extraction_to_quads(extract_article(nlp, article), minter)
        triples += [q.triple for q in quads]
    serialize(triples, sys.stdout.buffer, RdfFormat.TURTLE, prefixes=dict(PREFIXES))
    sys.stdout.buffer.flush()
    return 1 if failures else 0


def cmd_evaluate(args: argparse.Namespace, settings: Settings) -> int:
    from newsgraph.extract.pipeline import extract_article  # spaCy: start-up time

    if args.polnear is not None and args.sourcing is not None:
        raise BadRequest("evaluate takes --polnear or --sourcing, not both")
    if args.part is not None and args.polnear is not None:
        raise BadRequest("--part goes with --sourcing DIR or GOLD_DIR ARTICLES")
    if args.all_speech and args.polnear is None:
        raise BadRequest("--all-speech goes with --polnear SPLIT_DIR")
    part: Literal["dev", "held-out", "all"] = args.part or (
        "dev" if args.sourcing is not None else "all"
    )
    if args.verbose and part == "held-out":
        raise BadRequest(
            "--verbose lists dev articles only: the held-out part is reported in aggregate "
            "(drop --verbose, or use --part dev)"
        )
    if args.sourcing is not None:
        folders = [args.sourcing]
    elif args.polnear is not None:
        folders = [args.polnear]
    elif args.gold_dir is not None and args.articles_dir is not None:
        folders = [args.gold_dir, args.articles_dir]
    else:
        raise BadRequest(
            "evaluate needs GOLD_DIR ARTICLES_DIR, --polnear SPLIT_DIR or --sourcing DIR"
        )
    for folder in folders:
        jsonl = folder is args.articles_dir and folder.suffix in (".jsonl", ".ndjson")
        if not (folder.is_file() if jsonl else folder.is_dir()):
            raise NewsgraphError(f"{folder}: no such {'file' if jsonl else 'folder'}")
    if args.sourcing is not None:
        for needed in (args.sourcing / "articles.jsonl", args.sourcing / "gold"):
            if not needed.exists():
                raise NewsgraphError(f"{needed}: not found (a sourcing folder holds both)")
    nlp = _load_nlp(settings)
    report: SourcingReport | Report
    if args.sourcing is not None:
        report = evaluate_sourcing(
            args.sourcing, lambda a: extract_article(nlp, a), part=part, limit=args.limit
        )
    elif args.polnear is not None:
        report = evaluate_polnear(
            args.polnear,
            lambda a: extract_article(nlp, a),
            limit=args.limit,
            all_speech=args.all_speech,
        )
    else:
        report = evaluate(
            args.gold_dir, args.articles_dir, lambda a: extract_article(nlp, a), part=part
        )
    if args.json:
        print(json.dumps(report.to_dict(verbose=args.verbose), indent=2))
    else:
        print(report.format_table(verbose=args.verbose))
    return 0


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:

    minter = Minter(settings.base_iri)
    started = time.perf_counter()
    path = Path(settings.store)
    derived = [0.0]

    def derive(store: Store) -> None:
        begun = time.perf_counter()
        refresh(
            store, minter
        )  # the derived data: names, counts, list keys (newsgraph.store.derived)
        derived[0] = time.perf_counter() - begun

    mark_stale(index_path(settings))  # rebuilt by the next serve or search-index
    if not is_url(settings.store) and _is_empty_store(path):
        count = bulk_load_new(path, args.files, graph=args.graph, derive=derive)
        publish_snapshot(GraphStore(path))
        how = " (bulk-loaded into a new store)"
    else:
        store = open_store(settings)
        count = load_files(store, args.files, graph=args.graph)
        derive(store)
        if isinstance(store, GraphStore) and store.path is not None:  # readers see it
            publish_snapshot(store)
        how = ""
    seconds = time.perf_counter() - started
    print(
        f"loaded {count} quads from {len(args.files)} files{how} in {seconds:.1f} s "
        f"({count / max(seconds, 1e-9):,.0f} quads/s, of which {derived[0]:.1f} s computing "
        f"the derived data; store: {settings.store})"
    )
    return 0


def _is_empty_store(path: Path) -> bool:
    """Whether ``path`` is missing or an embedded store holding no quads."""

    if not path.exists():
        return True
    if not path.is_dir():
        return False
    store = GraphStore(path)
    empty = store.count() == 0
    del store
    return empty
