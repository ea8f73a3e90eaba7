"""The ``newsgraph`` command line's arguments: one function per command.

Every command takes ``--store`` and ``--base-iri`` (:func:`_common`); a command's function
adds its own arguments and the function that runs it (:mod:`newsgraph.cli.commands`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph import __version__
from newsgraph.cli.commands import (
    cmd_evaluate,
    cmd_export,
    cmd_extract,
    cmd_ingest,
    cmd_load,
    cmd_query,
    cmd_search_index,
    cmd_serve,
)
from newsgraph.config import DEFAULT_BASE_IRI, store_location

if TYPE_CHECKING:  # argparse's own (private) name for the subcommands' parser
    Subcommands = argparse._SubParsersAction[argparse.ArgumentParser]


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command."""
    parser = argparse.ArgumentParser(
        prog="newsgraph",
        description="Read news articles into an RDF knowledge graph and serve it over SPARQL.",
    )
    parser.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    common = _common()
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_ingest, _serve, _query, _export, _extract, _evaluate, _search_index, _load):
        add(sub, common)
    return parser


def _common() -> argparse.ArgumentParser:
    """The options every command takes."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store",
        type=store_location,
        help="the store's folder, or the http(s):// URL of a SPARQL 1.1 server "
        "(default: newsgraph-data, env NEWSGRAPH_STORE)",
    )
    common.add_argument(
        "--base-iri",
        help=f"base of minted IRIs (default: {DEFAULT_BASE_IRI}, env NEWSGRAPH_BASE_IRI)",
    )
    return common


def _ingest(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("ingest", parents=[common], help="read articles into the store")
    p.add_argument("paths", nargs="+", type=Path, help="files or folders (.txt, .html, .jsonl)")
    _model_options(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--verbose", "-v", action="store_true", help="print a line as each article is stored"
    )
    p.add_argument(
        "--dask",
        nargs="?",
        const="local",
        metavar="ADDRESS",
        help="extract and write on a Dask cluster: a scheduler's address (tcp://host:8786), "
        "or none for a local cluster; needs --store http://... (env NEWSGRAPH_DASK)",
    )
    p.add_argument(
        "--dask-workers",
        type=int,
        metavar="N",
        help="worker processes of a local Dask cluster (default: one per core, "
        "env NEWSGRAPH_DASK_WORKERS)",
    )
    p.set_defaults(run=cmd_ingest)


def _serve(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[common], help="serve the store over HTTP")
    p.add_argument("--host", help="address to listen on (default 127.0.0.1, env NEWSGRAPH_HOST)")
    p.add_argument("--port", type=int, help="port (default 8000, env NEWSGRAPH_PORT)")
    p.add_argument(
        "--query-timeout",
        type=float,
        metavar="SECONDS",
        help="time limit of a user query (default 10, env NEWSGRAPH_QUERY_TIMEOUT)",
    )
    p.add_argument(
        "--query-memory",
        type=int,
        metavar="MB",
        help="memory cap of each query process (default 1024, env NEWSGRAPH_QUERY_MEMORY)",
    )
    p.add_argument(
        "--query-workers",
        type=int,
        metavar="N",
        help="query processes; 0 = in the server, no limits "
        "(default 4, env NEWSGRAPH_QUERY_WORKERS)",
    )
    p.add_argument(
        "--query-cache-mb",
        type=int,
        metavar="MB",
        help="MB of results each server process keeps for the current snapshot; 0 = off "
        "(default 64, env NEWSGRAPH_QUERY_CACHE_MB)",
    )
    p.add_argument(
        "--processes",
        type=int,
        metavar="N",
        help="server processes sharing the port; 0 = one per core (default 0, env "
        "NEWSGRAPH_PROCESSES)",
    )
    p.set_defaults(run=cmd_serve)


def _query(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("query", parents=[common], help="run a canned query or a .rq file")
    p.add_argument("query", help="a canned query's name (see --list) or a .rq file")
    p.add_argument(
        "--param", "-p", action="append", default=[], metavar="K=V", help="a parameter value"
    )
    p.add_argument(
        "--format", "-f", default="table", choices=["table", "json", "csv", "tsv", "xml"]
    )
    p.set_defaults(run=cmd_query)


def _export(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help="write the store (or a graph) as RDF")
    p.add_argument(
        "--format",
        "-f",
        default=None,
        choices=["turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml"],
        help="default: trig for the whole store, turtle for one graph",
    )
    p.add_argument("--graph", help="one graph's IRI (an article's IRI), or an article id")
    p.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    p.set_defaults(run=cmd_export)


def _extract(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("extract", parents=[common], help="print an article's triples as Turtle")
    p.add_argument("file", type=Path)
    _model_options(p)
    p.set_defaults(run=cmd_extract)


def _evaluate(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "evaluate",
        parents=[common],
        help="score extraction against gold files",
        description="Score extraction against gold files in the seeds-gold format "
        "(GOLD_DIR ARTICLES_DIR), against a PolNeAR split's speech-verb attributions "
        "(--polnear SPLIT_DIR), or against the journalistic-sourcing benchmark "
        "(--sourcing DIR: articles.jsonl and gold/N.csv).",
    )
    p.add_argument("gold_dir", type=Path, nargs="?", help="folder of gold .json files")
    p.add_argument(
        "articles_dir",
        type=Path,
        nargs="?",
        help="folder of the articles they annotate, or a JSON Lines file of them",
    )
    p.add_argument("--polnear", type=Path, metavar="SPLIT_DIR", help="a PolNeAR split folder")
    p.add_argument(
        "--all-speech",
        action="store_true",
        help="with --polnear: require every speech attribution (speech acts and unnamed "
        "sources too; unnamed sources are not scored for the speaker)",
    )
    p.add_argument(
        "--sourcing",
        type=Path,
        metavar="DIR",
        help="a journalistic-sourcing benchmark folder (articles.jsonl, gold/N.csv)",
    )
    p.add_argument(
        "--part",
        choices=["dev", "held-out", "all"],
        help="which articles to score: with --sourcing (default dev) every fifth story by "
        "number is held-out; with GOLD_DIR (default all) every fifth gold file by name; "
        "held-out is only ever reported in aggregate",
    )
    p.add_argument(
        "--limit", type=int, help="score only the first N articles (--polnear, --sourcing)"
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="list misses and false positives (--sourcing: of dev articles only)",
    )
    _model_options(p)
    p.set_defaults(run=cmd_evaluate)


def _search_index(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "search-index",
        parents=[common],
        help="rebuild the full-text search index from the store",
        description="Rebuild the full-text search index (/search) from what the store holds. "
        "ingest keeps it in step by itself and serve rebuilds it, in the background, when it "
        "is missing or stale (after a load, or an ingest that did not finish); --check only "
        "says whether it is.",
    )
    p.add_argument("--check", action="store_true", help="say whether it is stale; rebuild nothing")
    p.set_defaults(run=cmd_search_index)


def _load(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("load", parents=[common], help="import RDF files as they are")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--graph", help="graph IRI for triple formats (default: the default graph)")
    p.set_defaults(run=cmd_load)


def _model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="spaCy model package (env NEWSGRAPH_MODEL)")
    p.add_argument(
        "--jobs", "-j", type=int, help="parsing processes; 0 = one per core (env NEWSGRAPH_JOBS)"
    )
