"""Masking of boilerplate: newsletter, donation and masthead lines, photo captions.

Boilerplate is not removed but blanked with spaces, so character offsets into the
article text stay valid for everything extracted from the rest.
"""

from __future__ import annotations

import re

_LINE_PATTERNS = [
    # newsletters, sign-ups, subscriptions
    r"\bsign up\b",
    r"^start your day with\b",
    r"\bnewsletter\b",
    r"\bsubscribe(?:rs)?\b",
    r"\bin your (?:mailbox|inbox)\b",
    r"\bprivacy policy\b",
    # donations and appeals
    r"\bsupport (?:us|today|the\b.*!)",
    r"\bdonat(?:e|ion)s?\b",
    r"\bevery contribution\b",
    r"\bnot ready to support\b",
    r"\bremind me later\b",
    r"\bdear readers\b",
    r"\bthank you for (?:standing|reading|supporting)\b",
    r"\bwe need your help\b",
    r"\bmessage from\b.*:$",
    r"^(?:once|monthly|annual|continue|read more|latest news|source link|preview)$",
    r"\bpaiment methods\b|\bpayment methods\b",
    r"^comments are closed\.?$",
    # mastheads and staff lists
    r"\bmasthead\b",
    r"^[A-Z][\w&,' -]{2,60}:$",
    # photo captions and credits
    r"\(photo by\b",
    r"\bphoto:\s",
    r"\bvia (?:getty images|ap|afp|reuters)\b",
    r"^(?:handout|topshot|file photo)\s*[-–—]",
    r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)* / [A-Z][\w ]+$",
    r"^(?:keystone|sda|ap|afp|reuters|tass|dpa)$",
]
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _LINE_PATTERNS), re.IGNORECASE)

# A line that opens a footer (appeal, masthead): it and everything after it is boilerplate.
_FOOTER_START = re.compile(r"^(?:dear readers,?|a message from\b.*:|masthead\b.*)$", re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    """Tell whether one line (a paragraph) is boilerplate.

    >>> is_boilerplate("Sign up for our free weekly newsletter")
    True
    >>> is_boilerplate('"We will win," he said.')
    False
    """
    stripped = line.strip()
    return bool(stripped) and bool(_BOILERPLATE.search(stripped))


def mask_boilerplate(text: str) -> str:
    """Blank every boilerplate line with spaces; the result has the same length.

    >>> mask_boilerplate("Real news.\\nSign up for the Morning Memo newsletter\\nMore.")
    'Real news.\\n                                       \\nMore.'
    """
    masked: list[str] = []
    in_footer = False
    for line in text.split("\n"):
        in_footer = in_footer or bool(_FOOTER_START.match(line.strip()))
        masked.append(" " * len(line) if in_footer or is_boilerplate(line) else line)
    return "\n".join(masked)
