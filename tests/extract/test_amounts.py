"""Number reading: strings first, then token grouping on hand-built Docs (no model)."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from newsgraph.extract.amounts import (
    find_quantities,
    is_date_or_time,
    is_year,
    numeral_value,
    range_values,
    words_value,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("464,000", 464000),
        ("5.5bn", 5.5e9),
        ("260.75bn", 260.75e9),
        ("$2m", 2e6),
        ("£600m.", 6e8),
        ("1.13bn", 1.13e9),
        ("80p", 80),
        ("12", 12),
        ("G8", None),
        ("A321", None),
    ],
)
def test_numeral_value(text: str, expected: float | None) -> None:
    assert (
        numeral_value(text) == pytest.approx(expected) if expected else numeral_value(text) is None
    )


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Forty", "-", "one"], 41),
        (["forty-one"], 41),
        (["two", "thirds"], 2 / 3),
        (["a", "quarter", "of", "a", "million"], 250_000),
        (["2", "million"], 2e6),
        (["1.2", "billion"], 1.2e9),
        (["two", "hundred", "thousand"], 200_000),
        (["a", "million"], 1e6),
        (["Eight"], 8),
    ],
)
def test_words_value(words: list[str], expected: float) -> None:
    assert words_value(words) == pytest.approx(expected)


def test_range_values_reads_one_token_ranges() -> None:
    assert range_values("2,000–4,000") == (2000, 4000)
    assert range_values("2,000-4,000") == (2000, 4000)
    assert range_values("5-7bn") == (5e9, 7e9)
    assert range_values("2022-03-10") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23.8.2024", True),
        ("15:34", True),
        ("2.30pm", True),
        ("21st", True),
        ("1990s", True),
        ("46", False),
        ("14.27", False),
    ],
)
def test_is_date_or_time(text: str, expected: bool) -> None:
    assert is_date_or_time(text) is expected


def test_is_year() -> None:
    assert is_year("2004") and not is_year("2,004") and not is_year("464")


_VOCAB = English().vocab


def _doc(text: str) -> Doc:
    """A Doc split on spaces, with '£', '$' and '%' as tokens glued to their number."""
    words: list[str] = []
    spaces: list[bool] = []
    for chunk in text.split(" "):
        parts = [chunk]
        if chunk[:1] in "£$":
            parts = [chunk[0], chunk[1:]]
        elif chunk.endswith("%"):
            parts = [chunk[:-1], "%"]
        words.extend(parts)
        spaces.extend([False] * (len(parts) - 1) + [True])
    spaces[-1] = False
    return Doc(_VOCAB, words=words, spaces=spaces)


def _quantities(
    text: str,
) -> list[tuple[str, float | None, float | None, float | None, str | None]]:
    doc = _doc(text)
    return [
        (doc[q.start : q.end].text, q.value, q.low, q.high, q.unit) for q in find_quantities(doc)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Around 2,000-4,000 troops", [("Around 2,000-4,000", None, 2000, 4000, None)]),
        ("At least 81 conscripts", [("At least 81", 81, 81, None, None)]),
        ("nearly 5% of voters", [("nearly 5%", 5, None, 5, "percent")]),
        ("profits of £5.5bn rose", [("£5.5bn", 5.5e9, None, None, "GBP")]),
        ("some 260.75bn roubles", [("some 260.75bn roubles", 260.75e9, None, None, "RUB")]),
        ("added $2 million jobs", [("$2 million", 2e6, None, None, "USD")]),
        ("between 5 and 7 jobs", [("between 5 and 7", None, 5, 7, None)]),
        ("up 3 percentage points", [("3 percentage points", 3, None, None, "percentage point")]),
        ("Eight out of 10 people", [("Eight out of 10", 8, None, None, None)]),
        ("1 in 8 shifts", [("1 in 8", 1, None, None, None)]),  # a ratio in figures
        ("the 3.75%-4.00% range", [("3.75%-4.00%", None, 3.75, 4.0, "percent")]),
        ("1 in 2021", [("1", 1, None, None, None), ("2021", 2021, None, None, None)]),
        ("won 3 in 2 games", [("3", 3, None, None, None), ("2", 2, None, None, None)]),
        ("5 in 10 minutes", [("5", 5, None, None, None), ("10", 10, None, None, None)]),
        ("a quarter of a million people", [("a quarter of a million", 250_000, None, None, None)]),
        ("10 per cent", [("10 per cent", 10, None, None, "percent")]),
        ("closed at 274.5 pence", [("274.5 pence", 274.5, None, None, "pence")]),
        ("from 5 to 7 rises", [("5", 5, None, None, None), ("7", 7, None, None, None)]),
        ("a 2% to 3% rise", [("2% to 3%", None, 2, 3, "percent")]),
        ("between 3% and 3.5% growth", [("between 3% and 3.5%", None, 3, 3.5, "percent")]),
        (
            "rose 0.1% to 5.2%",
            [("0.1%", 0.1, None, None, "percent"), ("5.2%", 5.2, None, None, "percent")],
        ),
        ("closed up 80p", [("80p", 80, None, None, "pence")]),
        (
            "between 150 euros and 300 euros",
            [("between 150 euros and 300 euros", None, 150, 300, "EUR")],
        ),
        (
            "between 250 euros ( £173 ) and 600 euros",
            [("between 250 euros ( £173 ) and 600 euros", None, 250, 600, "EUR")],
        ),
        (
            "close to half a trillion dollars",
            [("close to half a trillion dollars", 5e11, None, 5e11, "USD")],
        ),
        ("cost 25 cents more", [("25 cents", 25, None, None, "cents")]),
    ],
)
def test_find_quantities(text: str, expected: list[tuple]) -> None:
    found = _quantities(text)
    assert [f[0] for f in found] == [e[0] for e in expected]
    for got, want in zip(found, expected, strict=True):
        assert got[1:4] == pytest.approx(want[1:4])
        assert got[4] == want[4]
