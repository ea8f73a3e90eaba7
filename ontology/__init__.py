"""The newsgraph ontology: its files and every term the code uses, declared once.

Each constant is the full IRI of a term declared in ``newsgraph.ttl``; a test fails if code
or a canned query uses a term of the ``ng:`` namespace that the ontology does not declare.

>>> STATEMENT
'https://newsgraph.example/ns#Statement'
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

NS = "https://newsgraph.example/ns#"
ONTOLOGY_IRI = "https://newsgraph.example/ns"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES: dict[str, str] = {
    "ng": NS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "schema": SCHEMA,
    "prov": PROV,
    "dcterms": DCTERMS,
}
"""The prefixes of every export and predefined for every query."""

# Classes
ARTICLE = NS + "Article"
SOURCE = NS + "Source"
PERSON = NS + "Person"
ORGANIZATION = NS + "Organization"
ROLE = NS + "Role"
UNNAMED_SOURCE = NS + "UnnamedSource"
UNNAMED_PERSON = NS + "UnnamedPerson"
UNNAMED_GROUP = NS + "UnnamedGroup"
ANONYMOUS_SOURCE = NS + "AnonymousSource"
DOCUMENT = NS + "Document"
STATEMENT = NS + "Statement"
CLAIM = NS + "Claim"
CLAIM_DENIAL = NS + "ClaimDenial"
FIGURE = NS + "Figure"
DATE_BASIS = NS + "DateBasis"
EXPLICIT_DATE = NS + "ExplicitDate"
CONTEXT_DATE = NS + "ContextDate"
PUBLICATION_DATE = NS + "PublicationDate"

# Article
TITLE = NS + "title"
PUBLISHER = NS + "publisher"
PUBLISHED = NS + "published"
IDENTIFIER = NS + "identifier"
URL = NS + "url"

# Statements and figures
TEXT = NS + "text"
REPORTED_IN = NS + "reportedIn"
SENTENCE = NS + "sentence"
START_CHAR = NS + "startChar"
END_CHAR = NS + "endChar"
SAID_BY = NS + "saidBy"
ALSO_SAID_BY = NS + "alsoSaidBy"
DIRECT = NS + "direct"
STATEMENT_KIND = NS + "statementKind"
SAID_ON = NS + "saidOn"
DATE_BASIS_PROP = NS + "dateBasis"
DATE_TEXT = NS + "dateText"
CUE = NS + "cue"
SPEAKER_MENTION = NS + "speakerMention"
CLAIM_PROP = NS + "claim"
FIRST_REPORT = NS + "firstReport"
NEGATED = NS + "negated"
KEYWORD = NS + "keyword"
DENIES = NS + "denies"
DENIED_WORD = NS + "deniedWord"
DENIAL = NS + "denial"
DENIED_CLAIM = NS + "deniedClaim"
SHARED_TERM = NS + "sharedTerm"
VALUE = NS + "value"
LOW = NS + "low"
HIGH = NS + "high"
QUALIFIER = NS + "qualifier"
HEDGE = NS + "hedge"
COUNTS = NS + "counts"
UNIT = NS + "unit"
REPORTED_BY = NS + "reportedBy"
ATTRIBUTION = NS + "attribution"

# Sources
HONORIFIC = NS + "honorific"
ROLE_PROP = NS + "role"
SOURCE_TYPE = NS + "sourceType"
DESCRIPTION = NS + "description"
AFFILIATION = NS + "affiliation"
ISSUED_BY = NS + "issuedBy"

# Derived data (newsgraph.store.derived): recomputed at ingest and load, never extracted
NAME_KEY = NS + "nameKey"
SAID_COUNT = NS + "saidCount"
REPORTED_COUNT = NS + "reportedCount"
SAID_IN_KEY = NS + "saidInKey"
REPORTED_IN_KEY = NS + "reportedInKey"
STATEMENT_COUNT = NS + "statementCount"
FIGURE_COUNT = NS + "figureCount"
ATTRIBUTION_COUNT = NS + "attributionCount"
ARTICLE_COUNT = NS + "articleCount"
PERSON_COUNT = NS + "personCount"
SOURCE_COUNT = NS + "sourceCount"
QUAD_COUNT = NS + "quadCount"
STATEMENT_TOTAL = NS + "statementTotal"
FIGURE_TOTAL = NS + "figureTotal"
REPORT_COUNT = NS + "reportCount"
OUTLET_COUNT = NS + "outletCount"
FIRST_PUBLISHED = NS + "firstPublished"
DENIAL_PUBLISHED = NS + "denialPublished"
ARTICLE_KEY = NS + "articleKey"
STATEMENTS_KEY = NS + "statementsKey"
FIGURES_KEY = NS + "figuresKey"
ATTRIBUTIONS_KEY = NS + "attributionsKey"
LIST_RANK = NS + "listRank"
STATEMENT_DAY = NS + "statementDay"
FIGURE_WORD = NS + "figureWord"
SOURCE_TYPES = (
    "named-person",
    "named-organization",
    "document",
    "unnamed-group",
    "unnamed-person",
    "anonymous",
)
"""The values of ``ng:sourceType``: the journalistic-sourcing benchmark's six kinds."""


def typed_attributions_key(source_type: str) -> str:
    """The property whose value is an article's ``ng:articleKey`` when some attribution
    in it has a source of ``source_type`` (one of :data:`SOURCE_TYPES`): the attributions
    list filtered by type pages through it.

    >>> typed_attributions_key("unnamed-group")
    'https://newsgraph.example/ns#unnamedGroupAttributionsKey'
    """
    head, *rest = source_type.split("-")
    return NS + head + "".join(word.title() for word in rest) + "AttributionsKey"


# Terms of other vocabularies the data uses
RDF_TYPE = RDF + "type"
RDFS_LABEL = RDFS + "label"
SKOS_ALT_LABEL = SKOS + "altLabel"
SKOS_PREF_LABEL = SKOS + "prefLabel"

_HERE = files(__name__)


def ontology_path() -> Path:
    """The path of ``newsgraph.ttl`` (installed with the package)."""
    return Path(str(_HERE.joinpath("newsgraph.ttl")))


def shapes_path() -> Path:
    """The path of ``shapes.ttl``, the SHACL shapes the data must conform to."""
    return Path(str(_HERE.joinpath("shapes.ttl")))


def declared_terms() -> set[str]:
    """The IRIs of every term of the ``ng:`` namespace the ontology declares."""
    import rdflib  # slow to import (a second): only the tests and checks ask for this

    graph = rdflib.Graph().parse(ontology_path(), format="turtle")
    return {str(s) for s in graph.subjects(rdflib.RDF.type, None) if str(s).startswith(NS)}
