"""newsgraph: news articles in, a knowledge graph of who said what and who reports which
figure out, served over SPARQL.

One folder per question, each importing only from those listed before it
(docs/architecture.md draws the layers; tests/test_architecture.py holds them):

- :mod:`newsgraph.errors`, :mod:`newsgraph.config`, :mod:`newsgraph.ontology`: the kernel
  (one error type per status, the settings, the vocabulary);
- :mod:`newsgraph.sparql` (SPARQL as text) and :mod:`newsgraph.queries` (canned queries);
- :mod:`newsgraph.extract`: read articles and extract records (spaCy; no RDF, no web);
- :mod:`newsgraph.store`: records to RDF, every IRI minted (:mod:`newsgraph.store.rdf`),
  and the stores behind one protocol (embedded Oxigraph, a SPARQL server);
- :mod:`newsgraph.link`: across articles (one name per person, claims, denials);
- :mod:`newsgraph.search`: the full-text index beside the store;
- :mod:`newsgraph.ingest` (here or on a Dask cluster) and :mod:`newsgraph.evaluate`;
- :mod:`newsgraph.server`: the Flask app; :mod:`newsgraph.cli`: the command line.
"""

__version__ = "0.1.0"
