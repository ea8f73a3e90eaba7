"""``/openapi.json``: an OpenAPI 3 description of the canned queries, built from the files.

Each canned query becomes a ``GET /queries/{name}`` operation whose parameters are the
query's own (typed: IRI, string, integer, number, date; defaults and fixed ``enumerate``
values as ``default`` and ``enum``; values from the store as ``examples``), plus
``format`` and, for a paged query, ``page``. The SPARQL endpoint, the Graph Store read
side, the listing and the resource pages are described too, with the one error shape.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from newsgraph import __version__
from newsgraph.queries import CannedQuery, Parameter
from newsgraph.server.canned import MAX_PAGE, PAGE, RUN_FORMATS, suggestions
from newsgraph.server.context import json_response, state
from newsgraph.server.formats import (
    DATASET_FORMATS,
    GRAPH_FORMATS,
    SOLUTION_FORMATS,
    TRIPLE_FORMATS,
)
from newsgraph.server.search import openapi_path as search_path

bp = Blueprint("openapi", __name__)

OPENAPI_VERSION = "3.0.3"
_SCHEMAS = {
    "string": {"type": "string"},
    "iri": {"type": "string", "format": "uri"},
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "date": {"type": "string", "format": "date"},
}
ERROR = {"$ref": "#/components/responses/Error"}


@bp.get("/openapi.json")
def openapi() -> Response:
    return json_response(document(request.host_url.rstrip("/")))


def document(server_url: str) -> dict[str, Any]:
    """The whole OpenAPI document for a server at ``server_url``."""
    paths: dict[str, Any] = {
        "/sparql": sparql_path(),
        "/queries": {
            "get": {
                "operationId": "listQueries",
                "summary": "Every canned query with its parameters",
                "responses": {
                    "200": {
                        "description": "The canned queries",
                        "content": {"application/json": {}, "text/html": {}},
                    }
                },
            }
        },
        "/rdf-graphs": graph_store_path(),
        "/search": search_path(),
    }
    for query in state().queries.values():
        paths[f"/queries/{query.name}"] = {"get": operation(query)}
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "newsgraph",
            "version": __version__,
            "description": "Who said what and when, and who reports which figure, read from "
            "news articles: a read-only SPARQL endpoint and canned queries.",
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "status"],
                    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
                }
            },
            "responses": {
                "Error": {
                    "description": "What was wrong, in one shape (a page for browsers)",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
                        "text/html": {"schema": {"type": "string"}},
                    },
                }
            },
        },
    }


def operation(query: CannedQuery) -> dict[str, Any]:
    """The ``GET /queries/{name}`` operation of one canned query."""
    suggested = suggestions(query)
    parameters = [parameter(p, suggested.get(p.name, [])) for p in query.parameters]
    parameters.append(
        {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "The result format (also by a suffix such as .csv, or by Accept).",
            "schema": {"type": "string", "enum": [f.name for f in RUN_FORMATS]},
        }
    )
    parameters.append(
        {
            "name": "all",
            "in": "query",
            "required": False,
            "description": "With format=json: every row, streamed, instead of the first "
            "NEWSGRAPH_MAX_ROWS (CSV, TSV and XML always give every row).",
            "schema": {"type": "string", "enum": ["1", "true", "yes"]},
        }
    )
    if query.pagination is not None:
        parameters.append(
            {
                "name": PAGE,
                "in": "query",
                "required": False,
                "description": f"The page, {query.pagination} rows each; Link headers give "
                "the first, previous and next pages.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
            }
        )
    return {
        "operationId": "query_" + query.name.replace("-", "_"),
        "summary": query.summary or query.name,
        "description": query.description,
        "tags": list(query.tags),
        "parameters": parameters,
        "responses": {
            "200": {
                "description": "The result",
                "content": {f.media_type: {} for f in RUN_FORMATS},
            },
            "400": ERROR,
            "404": ERROR,
        },
    }


def parameter(param: Parameter, suggested: list[str]) -> dict[str, Any]:
    schema: dict[str, Any] = dict(_SCHEMAS[param.type])
    if param.choices:
        schema["enum"] = list(param.choices)
    if param.default is not None:
        schema["default"] = param.default
    if param.type == "string":
        schema["maxLength"] = 2000
    spec: dict[str, Any] = {
        "name": param.name,
        "in": "query",
        "required": param.required,
        "description": param.description,
        "schema": schema,
    }
    if suggested:
        spec["examples"] = {f"value{i}": {"value": v} for i, v in enumerate(suggested[:20])}
    return spec


def sparql_path() -> dict[str, Any]:
    media: dict[str, dict[str, Any]] = {
        f.media_type: {} for f in (*SOLUTION_FORMATS, *GRAPH_FORMATS)
    }
    dataset = [
        {
            "name": name,
            "in": "query",
            "required": False,
            "schema": {"type": "array", "items": {"type": "string", "format": "uri"}},
            "style": "form",
            "explode": True,
        }
        for name in ("default-graph-uri", "named-graph-uri")
    ]
    responses = {
        "200": {"description": "The result, by Accept", "content": media},
        "400": ERROR,
        "403": ERROR,
        "415": ERROR,
    }
    return {
        "get": {
            "operationId": "sparqlQuery",
            "summary": "SPARQL 1.1 query (without a query: the service description)",
            "parameters": [
                {"name": "query", "in": "query", "required": False, "schema": {"type": "string"}},
                *dataset,
            ],
            "responses": responses,
        },
        "post": {
            "operationId": "sparqlQueryPost",
            "summary": "SPARQL 1.1 query by POST (a form, or the query itself)",
            "parameters": dataset,
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-www-form-urlencoded": {
                        "schema": {
                            "type": "object",
                            "properties": {"query": {"type": "string"}},
                            "required": ["query"],
                        }
                    },
                    "application/sparql-query": {"schema": {"type": "string"}},
                },
            },
            "responses": responses,
        },
    }


def graph_store_path() -> dict[str, Any]:
    formats: dict[str, dict[str, Any]] = {
        f.media_type: {} for f in (*DATASET_FORMATS[:2], *TRIPLE_FORMATS)
    }
    return {
        "get": {
            "operationId": "graphStoreGet",
            "summary": "A graph (?graph=IRI), the default graph (?default) or the whole dataset",
            "parameters": [
                {
                    "name": "graph",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "format": "uri"},
                },
                {
                    "name": "default",
                    "in": "query",
                    "required": False,
                    "allowEmptyValue": True,
                    "schema": {"type": "string"},
                },
            ],
            "responses": {
                "200": {"description": "The graph", "content": formats},
                "400": ERROR,
                "404": ERROR,
            },
        }
    }
