"""Masking of boilerplate: newsletter, donation and masthead lines, photo captions.

Boilerplate is not removed but blanked with spaces, so character offsets into the
article text stay valid for everything extracted from the rest.
"""

from __future__ import annotations

import re

_STRONG_PATTERNS = [
    # phrases no news sentence uses: boilerplate at any length
    r"\bsign up (?:for|to|now|here|today)\b.*\bnewsletter\b",
    r"\b(?:our|free|weekly|daily) (?:\w+ )?newsletter\b",
    r"\bin your (?:mailbox|inbox)\b",
    r"\bsubscribers agree\b",
    r"\b(?:make|your) (?:a )?donation\b|\bdonate (?:now|today|here)\b",
    r"\bevery contribution\b",
    r"\bnot ready to support\b",
    r"\bremind me later\b",
    r"\(photo by\b",
    r"\bphoto:\s",
    r"\bvia (?:getty images|ap|afp|reuters)\b",
]
_SHORT_LINE_PATTERNS = [
    # cues that news text may also use: boilerplate only on a short line of its own
    r"^sign up\b|\bsign up (?:for|to|now|here|today)\b",
    r"^start your day with\b",
    r"\bnewsletter\b",
    r"^subscribe\b|\bsubscribe (?:now|today|here)\b",
    r"\bprivacy policy\b",
    r"\bsupport (?:us|today|the\b.*!)",
    r"\bdear readers\b",
    r"\bthank you for (?:standing|reading|supporting)\b",
    r"\bwe need your help\b",
    r"\bmessage from\b.*:$",
    r"^(?:once|monthly|annual|continue|read more|latest news|source link|preview)$",
    r"\bpaiment methods\b|\bpayment methods\b",
    r"^comments are closed\.?$",
    r"^\d[\d.,]*k? followers\b",  # an author box: "440 followers · 583 following"
    # mastheads and staff lists
    r"\bmasthead\b",
    r"^[A-Z][\w&,' -]{2,60}:$",
    # photo captions and credits
    r"^(?:handout|topshot|file photo)\s*[-–—]",
    r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)* / [A-Z][\w ]+$",
    r"^(?:keystone|sda|ap|afp|reuters|tass|dpa)$",
]
SHORT_LINE = 160
"""The longest line (characters) the weaker patterns may blank: a news paragraph about
subscribers or donations is longer than a sign-up button."""


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_STRONG = _compile(_STRONG_PATTERNS)
_SHORT = _compile(_SHORT_LINE_PATTERNS)

# A line that opens a footer (appeal, masthead): it and everything after it is boilerplate.
# A blogging platform's footer opens with its comments or its recommendations.
_FOOTER_START = re.compile(
    r"^(?:dear readers,?|a message from\b.*:|masthead\b.*"
    r"|responses \(\d+\)|recommended from \w+)$",
    re.IGNORECASE,
)


def is_boilerplate(line: str) -> bool:
    """Tell whether one line (a paragraph) is boilerplate.

    >>> is_boilerplate("Sign up for our free weekly newsletter")
    True
    >>> is_boilerplate('"We will win," he said.')
    False
    >>> is_boilerplate("AOL lost 464,000 subscribers in the fourth quarter.")
    False
    >>> is_boilerplate("The company said donations to its charity arm rose as it tried to "
    ...                "sign up new customers.")
    False
    """
    stripped = line.strip()
    if not stripped:
        return False
    if _STRONG.search(stripped) or (
        stripped.startswith(("HANDOUT", "TOPSHOT")) and len(stripped) > SHORT_LINE
    ):
        return True
    return len(stripped) <= SHORT_LINE and bool(_SHORT.search(stripped))


def mask_boilerplate(text: str) -> str:
    """Blank every boilerplate line with spaces; the result has the same length.

    >>> mask_boilerplate("Real news.\\nSign up for the Morning Memo newsletter\\nMore.")
    'Real news.\\n                                       \\nMore.'
    >>> mask_boilerplate("Real news.\\n440 followers · 9 following\\nResponses (1)\\n27K 450")
    'Real news.\\n                           \\n             \\n       '
    """
    masked: list[str] = []
    in_footer = False
    for line in text.split("\n"):
        in_footer = in_footer or bool(_FOOTER_START.match(line.strip()))
        masked.append(" " * len(line) if in_footer or is_boilerplate(line) else line)
    return "\n".join(masked)
