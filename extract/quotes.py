"""Quotation marks: find the quoted stretches of a text, however the marks are written.

Straight (``"``) and curly (``“ ”``) double marks are both read, mixed freely (a quote may
open with ``"`` and close with ``”``). A mark's role is told from its neighbours, so an odd
number of marks never makes the whole text unreadable. Single marks are left alone: they
double as apostrophes ("Americans’", "conscripts'"). A quote never runs past its paragraph:
one still open at the end of a paragraph closes there (the BBC style of reopening each
paragraph of a long quotation, and plain typing slips, both end up this way).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.extract.lexicon import CLOSING_QUOTE_MARKS, OPENING_QUOTE_MARKS, QUOTE_MARKS


@dataclass(frozen=True)
class Quote:
    """One quoted stretch: ``start``/``end`` enclose the words, marks excluded."""

    start: int
    end: int
    open_mark: int
    """Offset of the opening mark."""
    close_mark: int | None
    """Offset of the closing mark, or None when the paragraph ended first."""


@dataclass(frozen=True)
class StrayClose:
    """A closing mark with no opening mark before it in its paragraph."""

    mark: int


def _looks_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return before.isspace() or before in "([{—–-:/" or before in OPENING_QUOTE_MARKS


def _looks_closing(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return after.isspace() or after in ".,;:!?)]}—–-…" or after in CLOSING_QUOTE_MARKS


def _role(text: str, i: int) -> str:
    """Tell whether the mark at ``i`` opens, closes, or could do either."""
    char = text[i]
    if char in OPENING_QUOTE_MARKS and char not in CLOSING_QUOTE_MARKS:
        return "open"
    if char in CLOSING_QUOTE_MARKS and char not in OPENING_QUOTE_MARKS:
        return "close"
    opening, closing = _looks_opening(text, i), _looks_closing(text, i)
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    return "either"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def find_quotes(text: str) -> tuple[list[Quote], list[StrayClose]]:
    """Find the outermost quoted stretches and the stray closing marks of ``text``.

    Args:
        text: The (masked) article text.

    Returns:
        The quotes in text order and the closing marks that had nothing to close.

    >>> quotes, stray = find_quotes('"A," he said, “and “B” too”.')
    >>> [(q.start, q.end) for q in quotes]
    [(1, 3), (15, 26)]
    """
    quotes: list[Quote] = []
    strays: list[StrayClose] = []
    for para_start, para_end in _paragraphs(text):
        depth, open_at = 0, -1
        for i in range(para_start, para_end):
            if text[i] not in QUOTE_MARKS:
                continue
            role = _role(text, i)
            if depth == 0:
                if role == "close":
                    strays.append(StrayClose(i))
                else:
                    depth, open_at = 1, i
            elif role == "open":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    start, end = _trim(text, open_at + 1, i)
                    if end > start:
                        quotes.append(Quote(start, end, open_at, i))
        if depth > 0:
            start, end = _trim(text, open_at + 1, para_end)
            if end > start:
                quotes.append(Quote(start, end, open_at, None))
    return quotes, strays


def strip_trailing_comma(text: str, start: int, end: int) -> int:
    """Drop a comma (and space) that ends a quote just before its closing mark."""
    while end > start and (text[end - 1] == "," or text[end - 1].isspace()):
        end -= 1
    return end
