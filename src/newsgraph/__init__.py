"""newsgraph: news articles in, a knowledge graph of who said what and who reports which
figure out, served over SPARQL.

Subpackages: :mod:`newsgraph.extract` (reading and extraction, no web code),
:mod:`newsgraph.server` (the Flask app), :mod:`newsgraph.ontology` (the vocabulary),
:mod:`newsgraph.queries` (canned queries). Modules here: :mod:`newsgraph.cli`,
:mod:`newsgraph.config`, :mod:`newsgraph.store`, :mod:`newsgraph.ingest.local`.
"""

__version__ = "0.1.0"
