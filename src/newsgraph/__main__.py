"""``python -m newsgraph`` runs the CLI."""

from newsgraph.cli import main

raise SystemExit(main())
