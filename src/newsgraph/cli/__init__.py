"""The ``newsgraph`` command line: ingest, serve, query, export, extract, evaluate, load.

Every command takes ``--store PATH`` (default ``newsgraph-data``, or ``NEWSGRAPH_STORE``),
or ``--store http://host:port`` to use a SPARQL 1.1 server instead (:mod:`newsgraph.store.remote`).
Errors are printed as one line naming what was wrong, with exit status 1 (2 for usage).
:mod:`~newsgraph.cli.parser` holds the arguments, :mod:`~newsgraph.cli.commands` what each
command does.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from newsgraph.cli.parser import build_parser
from newsgraph.config import Settings
from newsgraph.errors import NewsgraphError

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env(
            store=args.store,
            base_iri=args.base_iri,
            model=getattr(args, "model", None),
            host=getattr(args, "host", None),
            port=getattr(args, "port", None),
            jobs=getattr(args, "jobs", None),
            dask=getattr(args, "dask", None),
            dask_workers=getattr(args, "dask_workers", None),
            query_timeout=getattr(args, "query_timeout", None),
            query_memory=getattr(args, "query_memory", None),
            query_workers=getattr(args, "query_workers", None),
            query_cache_mb=getattr(args, "query_cache_mb", None),
            processes=getattr(args, "processes", None),
        )
        return int(args.run(args, settings) or 0)
    except NewsgraphError as exc:
        print(f"newsgraph: error: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stderr.close()
        return 0
