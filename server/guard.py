"""What a user query may not do: reach the network, or be too large.

pyoxigraph runs ``SERVICE`` clauses as real HTTP requests (even ``SILENT`` ones) and has no
switch to turn them off, so a query holding the ``SERVICE`` keyword is refused before it
runs. The check reads the query the way SPARQL's grammar splits it into tokens — IRIs,
strings, comments, variables, and names with their ``\\``-escapes (``ex:a\\#b`` is one
name, not a name and a comment) — and looks for a name token ``SERVICE`` in any letter
case. It reads the text both as sent and with ``\\u``/``\\U`` escapes decoded, and refuses
when either reading finds the keyword, so no spelling can hide it. It is conservative: a
prefixed name with ``.SERVICE`` inside (``ex:a.service``) is refused too. The query
workers also run without a network where the system allows it
(:mod:`newsgraph.server.worker`): the check is the first wall, not the only one.

``LOAD`` and the other updates never reach pyoxigraph's ``update()``: the server only ever
calls ``query()``, and ``FROM`` / ``FROM NAMED`` name graphs in the store (pyoxigraph
fetches nothing for them).

>>> uses_service("SELECT * { service <http://e/> { ?s ?p ?o } }")
True
>>> uses_service('SELECT * { ?service ex:SERVICE "SERVICE" } # SERVICE')
False
>>> uses_service("SELECT * { ?s ex:a\\\\# ?o . SERVICE <http://e/> { ?s ?p ?o } }")
True
"""

from __future__ import annotations

import re

from newsgraph.sparql.tokens import TOKEN

MAX_QUERY_BYTES = 100_000
"""The longest query accepted, in bytes of UTF-8 (a longer one gets 413)."""

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def decode_escapes(text: str) -> str:
    """``\\u0053`` and ``\\U00000053`` escapes decoded (invalid code points left as they are)."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group(0)

    return _ESCAPE.sub(char, text)


def names(sparql: str) -> list[str]:
    """The name tokens of a query (keywords, prefixed names, function names), in order.

    >>> names('PREFIX ex: <http://e/> SELECT ?s { ?s ex:p "x y" } # z')
    ['PREFIX', 'ex:', 'SELECT', 'ex:p']
    """
    return [m.group("name") for m in TOKEN.finditer(sparql) if m.lastgroup == "name"]


def uses_service(sparql: str) -> bool:
    """True when the query, read either with or without its escapes decoded, has the
    ``SERVICE`` keyword outside strings, IRIs and comments."""
    for text in (sparql, decode_escapes(sparql)):
        for name in names(text):
            if any(part.upper() == "SERVICE" for part in name.split(".")):
                return True
    return False
