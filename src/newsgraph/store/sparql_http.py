"""Speaking HTTP to a SPARQL 1.1 server: its endpoints, requests, time limits and answers.

:class:`SparqlHttp` holds one pooled session (connections kept alive between requests)
and the server's three endpoints: the SPARQL 1.1 Protocol's query and update endpoints
and the Graph Store HTTP Protocol's. It sends one request at a time with a time limit,
turns every failure into a :class:`~newsgraph.errors.StoreError` naming the URL (with the
server's status and the start of its answer), and parses a query's answer with pyoxigraph
into the embedded store's types. What to send is decided by
:class:`~newsgraph.store.remote.RemoteStore`.
"""

from __future__ import annotations

import copy
import re
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import requests
from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    QueryResultsFormat,
    RdfFormat,
    Store,
    parse_query_results,
)

from newsgraph import __version__
from newsgraph.errors import StoreError
from newsgraph.store.base import QueryResult

DEFAULT_PATHS = {"query": "/query", "update": "/update", "gsp": "/store"}
"""The endpoints' paths under the store's URL when not set (those of Oxigraph's server)."""
ACCEPT_RESULTS = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.5, application/rdf+xml;q=0.4"
)
N_TRIPLES = "application/n-triples"
CONNECT_SECONDS = 10.0
"""The most any request waits for its connection to be accepted."""
EXCERPT_CHARS = 300
_CONSTRUCT_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


class StoreTimeout(StoreError):
    """The SPARQL server did not answer within the time limit."""


class SparqlHttp:
    """The endpoints of one SPARQL 1.1 server and a pooled HTTP session to them.

    Args:
        url: The server's base URL; the endpoints default to its :data:`DEFAULT_PATHS`.
        query_url: The SPARQL query endpoint, when not ``url + "/query"``.
        update_url: The SPARQL update endpoint, when not ``url + "/update"``.
        gsp_url: The Graph Store Protocol endpoint, when not ``url + "/store"``.
        timeout: Seconds each request may take.
        pool_size: Connections kept alive for reuse (one per concurrent request).
    """

    def __init__(
        self,
        url: str,
        *,
        query_url: str | None = None,
        update_url: str | None = None,
        gsp_url: str | None = None,
        timeout: float = 60.0,
        pool_size: int = 16,
    ) -> None:
        self.url = url.rstrip("/")
        self.query_url = query_url or self.url + DEFAULT_PATHS["query"]
        self.update_url = update_url or self.url + DEFAULT_PATHS["update"]
        self.gsp_url = gsp_url or self.url + DEFAULT_PATHS["gsp"]
        self.timeout = timeout
        self._stream = False
        self._open: list[requests.Response] = []
        self._session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=pool_size)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers["User-Agent"] = f"newsgraph/{__version__}"

    def streaming(self, timeout: float) -> SparqlHttp:
        """A handle sharing these connections whose query answers are parsed as they
        arrive, within ``timeout`` seconds per request; :meth:`release` ends them."""
        view = copy.copy(self)
        view._stream, view.timeout, view._open = True, timeout, []
        return view

    def release(self) -> None:
        """Close the answers of a :meth:`streaming` handle (a partly read one is cut)."""
        while self._open:
            self._open.pop().close()

    def close(self) -> None:
        """Close the pooled connections."""
        self.release()
        self._session.close()

    def query(self, form: list[tuple[str, str]]) -> QueryResult:
        """POST a query form (``query`` and the dataset's ``default-graph-uri`` /
        ``named-graph-uri``) and parse the answer.

        Raises:
            SyntaxError: the server refused the query as malformed (status 400).
            StoreError: the server cannot be reached, times out or fails.
        """
        response = self.send(
            "POST",
            self.query_url,
            what="the query failed",
            data=form,
            headers={"Accept": ACCEPT_RESULTS},
            stream=self._stream,
            syntax_status=400,
        )
        return self._result(response)

    def update(self, sparql: str) -> None:
        """POST one SPARQL 1.1 Update, URL-encoded (the protocol's most widely served
        form); servers apply each request as one operation."""
        self.send("POST", self.update_url, what="the update was refused", data={"update": sparql})

    def graph_url(self, graph: NamedNode | DefaultGraph) -> str:
        """The Graph Store Protocol's URL of one graph (indirect identification)."""
        join = "&" if "?" in self.gsp_url else "?"
        if isinstance(graph, DefaultGraph):
            return f"{self.gsp_url}{join}default"
        return f"{self.gsp_url}{join}graph={quote(graph.value, safe='')}"

    def send(
        self,
        method: str,
        url: str,
        *,
        what: str,
        ok: tuple[int, ...] = (),
        stream: bool = False,
        syntax_status: int | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        """One request; its failures as StoreError (SyntaxError for ``syntax_status``)."""
        timeout = (min(CONNECT_SECONDS, self.timeout), self.timeout)
        where = shown(url)
        try:
            response = self._session.request(method, url, timeout=timeout, stream=stream, **kwargs)
        except requests.exceptions.Timeout:
            raise StoreTimeout(
                f"{what}: the SPARQL server at {where} did not answer within {self.timeout:g} s"
            ) from None
        except requests.exceptions.ConnectionError as exc:
            text = re.sub(r"(access-token=)[^&\s'\"]*", r"\1***", str(exc))
            reason = "connection refused" if "refused" in text.lower() else text
            raise StoreError(
                f"{what}: cannot reach the SPARQL server at {where} ({reason}); is it running?"
            ) from None
        except requests.exceptions.RequestException as exc:
            raise StoreError(f"{what}: the request to {where} failed: {exc}") from None
        if response.status_code < 400 or response.status_code in ok:
            if stream:
                self._open.append(response)
            return response
        excerpt = _excerpt(response)
        if response.status_code == syntax_status:
            raise SyntaxError(f"{excerpt} (said {where})")
        raise StoreError(
            f"{what}: {where} answered {response.status_code} {response.reason}: {excerpt}"
        )

    def _result(self, response: requests.Response) -> QueryResult:
        media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if self._stream:
            response.raw.decode_content = True
            source: Any = response.raw
        else:
            source = response.content
        results_format = QueryResultsFormat.from_media_type(media) if media else None
        if results_format is not None:
            return parse_query_results(source, results_format)
        rdf_format = RdfFormat.from_media_type(media) if media else None
        if rdf_format is None:
            raise StoreError(
                f"{response.url} answered the query with {media or 'no content type'}, "
                "neither SPARQL results nor RDF"
            )
        graph = Store()  # in memory: gives the embedded store's QueryTriples back
        graph.load(source, format=rdf_format)
        return graph.query(_CONSTRUCT_ALL)


def shown(url: str) -> str:
    """A URL as messages show it: no password, no access token.

    >>> shown("http://user:secret@db:3030/ds/update?access-token=t0k&x=1")
    'http://db:3030/ds/update?access-token=***&x=1'
    """
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = re.sub(r"(access-token=)[^&]*", r"\1***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _excerpt(response: requests.Response) -> str:
    """The start of an error answer, on one line."""
    try:
        data = response.content[: EXCERPT_CHARS * 4]
    except requests.exceptions.RequestException:
        data = b""
    finally:
        response.close()
    body = " ".join(data.decode("utf-8", "replace").split())
    return (body[:EXCERPT_CHARS] + "…") if len(body) > EXCERPT_CHARS else body or "(no body)"
