"""Quotation marks: find the quoted stretches of a text, however the marks are written.

Straight (``"``) and curly (``“ ”``) double marks are both read, mixed freely (a quote may
open with ``"`` and close with ``”``). A mark's role is told from its neighbours, so an odd
number of marks never makes the whole text unreadable. Two typed apostrophes (``''``), the
typewriter and wire-archive form of a double mark, count as one double mark. Single marks
double as apostrophes ("Americans’", "conscripts'"): they open and close a quotation only
where an apostrophe cannot stand (:func:`_single_quotes`). A quote never runs past its
paragraph:
one still open at the end of a paragraph closes there (the BBC style of reopening each
paragraph of a long quotation, and plain typing slips, both end up this way).
"""

from __future__ import annotations

import re
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
    close_width: int = 1
    """Characters in the closing mark (2 for ``''``)."""

    @property
    def after(self) -> int:
        """Offset just past the closing mark (``end`` when the paragraph ended first)."""
        return self.end if self.close_mark is None else self.close_mark + self.close_width


@dataclass(frozen=True)
class StrayClose:
    """A closing mark with no opening mark before it in its paragraph."""

    mark: int


TYPED_DOUBLE_MARK = "''"
"""Two apostrophes standing for a double quotation mark."""


_ANY_MARK = re.compile(
    re.escape(TYPED_DOUBLE_MARK) + "|[" + "".join(re.escape(m) for m in sorted(QUOTE_MARKS)) + "]"
)
"""Where :func:`mark_width` is not 0: the scan of an article jumps from mark to mark."""


def mark_width(text: str, i: int) -> int:
    """The length of the quotation mark starting at ``i`` (0 when there is none).

    >>> mark_width("''Yes,'' he said", 0), mark_width("it's", 2), mark_width('"A"', 0)
    (2, 0, 1)
    """
    if text.startswith(TYPED_DOUBLE_MARK, i):
        return 2
    return 1 if i < len(text) and text[i] in QUOTE_MARKS else 0


def mark_width_before(text: str, end: int) -> int:
    """The length of a quotation mark ending just before ``end`` (0 when there is none)."""
    if end >= 2 and text[end - 2 : end] == TYPED_DOUBLE_MARK:
        return 2
    return 1 if end >= 1 and text[end - 1] in QUOTE_MARKS else 0


def is_mark_token(text: str) -> bool:
    """True when a token is a quotation mark (``"``, ``“``, ``''`` ...)."""
    return text in QUOTE_MARKS or text in (TYPED_DOUBLE_MARK, "``")


def _looks_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return before.isspace() or before in "([{—–-:/" or before in OPENING_QUOTE_MARKS


def _looks_closing(text: str, i: int, width: int = 1) -> bool:
    after = text[i + width] if i + width < len(text) else " "
    return after.isspace() or after in ".,;:!?)]}—–-…" or after in CLOSING_QUOTE_MARKS


def _role(text: str, i: int, width: int = 1) -> str:
    """Tell whether the mark at ``i`` opens, closes, or could do either."""
    char = text[i]
    if width == 1 and char in OPENING_QUOTE_MARKS and char not in CLOSING_QUOTE_MARKS:
        return "open"
    if width == 1 and char in CLOSING_QUOTE_MARKS and char not in OPENING_QUOTE_MARKS:
        return "close"
    opening, closing = _looks_opening(text, i), _looks_closing(text, i, width)
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
        depth, open_at, open_width = 0, -1, 1
        i = para_start
        while i < para_end:
            found = _ANY_MARK.search(text, i)
            if found is None or found.start() >= para_end:
                break
            i = found.start()
            width = mark_width(text, i)
            role = _role(text, i, width)
            if depth == 0:
                if role == "close":
                    strays.append(StrayClose(i))
                else:
                    depth, open_at, open_width = 1, i, width
            elif role == "open":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    start, end = _trim(text, open_at + open_width, i)
                    if end > start:
                        quotes.append(Quote(start, end, open_at, i, width))
            i += width
        if depth > 0:
            start, end = _trim(text, open_at + open_width, para_end)
            if end > start:
                quotes.append(Quote(start, end, open_at, None))
    singles = _single_quotes(text, quotes)
    if singles:  # a double-quoted stretch inside a single-quoted one is nested in it
        quotes = [q for q in quotes if not _nested_in(q, singles)]
        quotes = sorted(quotes + singles, key=lambda q: q.open_mark)
    return quotes, strays


def _nested_in(quote: Quote, others: list[Quote]) -> bool:
    return any(o.open_mark < quote.open_mark < o.after for o in others)


SINGLE_MARKS = "'‘’"
"""Single quotation marks, which also write the apostrophe."""
_SINGLE_MARK = re.compile(f"[{SINGLE_MARKS}]")


def _single_quotes(text: str, doubles: list[Quote]) -> list[Quote]:
    """Quotations set in single marks as the primary marks ("'It's not about me,' the CEO
    claimed."), outside any double-quoted stretch.

    A single mark opens a quotation only where no apostrophe can stand: at the start of a
    paragraph or after a space, a dash or a colon, before a capital letter ("'It's", not
    "'n'" or "the '90s"); it closes one only right after a sentence's or clause's closing
    punctuation and before a space or the paragraph's end (",' Garg said"), where an
    apostrophe never stands ("voters' views", "it's"). An opening mark with no closing mark
    in its paragraph opens nothing.
    """
    inside = [(q.open_mark, q.after) for q in doubles]
    found: list[Quote] = []
    for para_start, para_end in _paragraphs(text):
        open_at = -1
        for mark in _SINGLE_MARK.finditer(text, para_start, para_end):
            i = mark.start()
            if any(a <= i < b for a, b in inside):
                continue
            before = text[i - 1] if i > para_start else " "
            after = text[i + 1] if i + 1 < para_end else " "
            if open_at < 0:
                if (before.isspace() or before in "—–:(") and after.isupper():
                    open_at = i
            elif before in ",.!?…" and (after.isspace() or after in ")—–"):
                start, end = _trim(text, open_at + 1, i)
                if end > start:
                    found.append(Quote(start, end, open_at, i, 1))
                open_at = -1
    return found
