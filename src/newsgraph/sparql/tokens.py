"""SPARQL text as tokens, for the few places that must read a query without parsing it:
the ``SERVICE`` guard of the endpoint and the ``VALUES`` injection of the remote store.

One pattern, so that both see the same tokens: comments, IRIs and strings (every quoting
form) are single tokens, so braces or keywords inside them are never mistaken for syntax.

>>> [m.lastgroup for m in TOKEN.finditer('ASK { ?s <x:y> "{" }') if m.lastgroup != "space"]
['name', 'other', 'var', 'iri', 'string', 'other']
"""

from __future__ import annotations

import re

_PN_ESCAPE = r"\\[_~.\-!$&'()*+,;=/?#@%]"
TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        | '''(?:[^'\\]|\\.|'(?!''))*'''
        | "(?:[^"\\\n\r]|\\.)*"
        | '(?:[^'\\\n\r]|\\.)*')
    | (?P<var>[?$][^\s{}()\[\],;.<>"'#=!&|*/+^-]*)
    | (?P<name>(?:[\w:]|ESC|%[0-9A-Fa-f]{2})(?:[\w.:\-\u00B7]|ESC|%[0-9A-Fa-f]{2})*)
    | (?P<other>.)
    """.replace("ESC", _PN_ESCAPE),
    re.VERBOSE | re.DOTALL,
)
"""One token per match; ``match.lastgroup`` names its kind."""
