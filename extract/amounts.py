"""Reading numbers as written in news: digits, words, scale words, fractions and ranges.

The string helpers read one token or a short list of words; :func:`find_quantities` groups
a parsed Doc's tokens into quantities with their bound, unit and currency.
:mod:`newsgraph.extract.figures` decides which quantities are figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.extract.lexicon import (
    APPROXIMATE_QUALIFIERS,
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    FRACTION_WORDS,
    HIGH_BOUNDS,
    LOW_BOUNDS,
    NUMBER_WORDS,
    SCALE_WORDS,
    SUBUNIT_WORDS,
)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SUFFIXES = "|".join(sorted((w for w in SCALE_WORDS if len(w) <= 3), key=len, reverse=True))
_NUMERAL = re.compile(
    rf"^(?P<cur>US\$|[£$€¥₽₹₴])?(?P<num>{_DIGITS})(?:(?P<suffix>{_SUFFIXES}|pc|p|%)\.?)?$",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"^(?P<cur>[£$€¥])?(?P<low>{_DIGITS})(?P<s1>{_SUFFIXES}|%)?[-–—]"
    rf"(?P<cur2>[£$€¥])?(?P<high>{_DIGITS})(?P<s2>{_SUFFIXES})?$",
    re.IGNORECASE,
)
_DATE_OR_TIME = re.compile(
    r"^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}(?::\d{2})?(?:am|pm)?|\d{1,2}\.\d{2}(?:am|pm)"
    r"|\d{1,2}(?:am|pm)"
    r"|\d+(?:st|nd|rd|th)|'\d{2}|\d{4}s|\d{2}s)$",
    re.IGNORECASE,
)


def numeral_value(text: str) -> float | None:
    """The value of one token written in digits, with any scale suffix applied.

    >>> numeral_value("5.5bn"), numeral_value("464,000"), numeral_value("$2m")
    (5500000000.0, 464000.0, 2000000.0)
    >>> numeral_value("G8") is None
    True
    """
    match = _NUMERAL.match(text)
    if not match:
        return None
    value = float(match["num"].replace(",", ""))
    suffix = (match["suffix"] or "").lower()
    if suffix == "p":
        return value  # pence, kept as written
    return value * SCALE_WORDS.get(suffix, 1.0)


def numeral_parts(text: str) -> tuple[str | None, str | None]:
    """The currency sign and the suffix ("bn", "%", "pc") glued to a digits token."""
    match = _NUMERAL.match(text)
    if not match:
        return None, None
    currency = CURRENCY_SYMBOLS.get((match["cur"] or "").lower())
    return currency, (match["suffix"] or "").lower() or None


def range_values(text: str) -> tuple[float, float] | None:
    """Low and high of a range written as one token ("2,000–4,000", "5-7bn").

    A scale suffix on the high end only applies to both ends ("5-7bn" is 5e9 to 7e9).

    >>> range_values("2,000–4,000")
    (2000.0, 4000.0)
    >>> range_values("5-7bn")
    (5000000000.0, 7000000000.0)
    >>> range_values("2-1") is None
    True
    >>> range_values("3.75%-4.00")  # the rate range '3.75%-4.00%'
    (3.75, 4.0)
    """
    match = _RANGE.match(text)
    if not match or _DATE_OR_TIME.match(text):
        return None
    high_scale = SCALE_WORDS.get((match["s2"] or "").lower(), 1.0)
    low_scale = SCALE_WORDS.get((match["s1"] or "").lower(), high_scale)
    if match["s1"] == "%":  # '3.75%-4.00%': the sign written on both ends
        low_scale = high_scale
    low = float(match["low"].replace(",", "")) * low_scale
    high = float(match["high"].replace(",", "")) * high_scale
    return (low, high) if low < high else None  # "2-1" is a score, not a range


def is_date_or_time(text: str) -> bool:
    """Tell whether a token is a date, a time, an ordinal or a decade written in digits.

    >>> [is_date_or_time(t) for t in ("23.8.2024", "15:34", "2.30pm", "21st", "1990s", "14.27")]
    [True, True, True, True, True, False]
    """
    return bool(_DATE_OR_TIME.match(text))


def is_year(text: str) -> bool:
    """Tell whether a bare digits token reads as a year (1800-2099, no comma).

    >>> is_year("2004"), is_year("2,004"), is_year("464")
    (True, False, False)
    """
    return text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2099


def word_value(word: str) -> float | None:
    """The value of a single number word or digits token, without fractions.

    >>> word_value("forty-one"), word_value("Eight"), word_value("million")
    (41.0, 8.0, 1000000.0)
    """
    lowered = word.lower()
    if lowered in NUMBER_WORDS:
        return float(NUMBER_WORDS[lowered])
    if lowered in SCALE_WORDS and len(lowered) > 3:
        return SCALE_WORDS[lowered]
    if "-" in lowered:
        parts = lowered.split("-")
        if all(p in NUMBER_WORDS for p in parts):
            return float(sum(NUMBER_WORDS[p] for p in parts))
    return numeral_value(word)


def words_value(words: Sequence[str]) -> float | None:
    """The value of a number written over several words.

    Handles compounds ("forty one", "two hundred thousand"), scale words after digits
    ("1.2 billion"), and fractions ("two thirds", "a quarter of a million").

    >>> words_value(["Forty", "-", "one"]), words_value(["2", "million"])
    (41.0, 2000000.0)
    >>> words_value(["a", "quarter", "of", "a", "million"])
    250000.0
    >>> round(words_value(["two", "thirds"]), 4)
    0.6667
    """
    tokens = [_scale_key(w) for w in words if w not in ("-", "and")]
    if not tokens:
        return None
    fraction_at = next((i for i, w in enumerate(tokens) if w in FRACTION_WORDS), None)
    if fraction_at is not None:
        head = tokens[:fraction_at]
        numerator = 1.0 if head in ([], ["a"], ["an"], ["one"]) else _compound_value(head)
        if numerator is None:
            return None
        value = numerator * FRACTION_WORDS[tokens[fraction_at]]
        rest = [w for w in tokens[fraction_at + 1 :] if w not in ("of", "a", "an")]
        if rest:
            scale = _compound_value(rest)
            if scale is None:
                return None
            value *= scale
        return value
    if tokens[0] in ("a", "an") and len(tokens) > 1:
        tokens = ["one", *tokens[1:]]
    return _compound_value(tokens)


def _scale_key(word: str) -> str:
    """Lowercase a word, dropping an abbreviation's full stop ("m." -> "m")."""
    lowered = word.lower()
    return lowered[:-1] if len(lowered) > 1 and lowered.endswith(".") else lowered


def _compound_value(tokens: Sequence[str]) -> float | None:
    """Add up number words and multiply by scale words, left to right."""
    total = 0.0
    current: float | None = None
    for token in tokens:
        scale = SCALE_WORDS.get(token)
        if scale is not None and (current is not None or len(token) > 3):
            base = 1.0 if current is None else current
            if scale == 100:
                current = base * scale
            else:
                total += base * scale
                current = None
            continue
        value = word_value(token)
        if value is None:
            return None
        current = value if current is None else current + value
    return total + (current or 0.0)


@dataclass(frozen=True)
class Quantity:
    """A number as written in a Doc, with the bound, unit and currency read around it.

    Token indices are Doc indices; ``start``/``end`` cover the qualifier, the currency
    sign and the unit, ``core_start``/``core_end`` only the number (or the range).
    """

    start: int
    end: int
    core_start: int
    core_end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    ratio: bool = False
    """True for "eight out of 10" and "one in five" (the value is the numerator)."""


_DASHES = ("-", "–", "—")
_PERCENT_SIGNS = ("%", "percent", "pc")
_RANGE_OPENERS = ("a", "an", "of", "at", "between", "around", "about", "roughly")
"""Words before "X% to Y%" that make it a range ("a 2% to 3% rise"), not a change
("rose 0.1% to 5.2%")."""
_ARTICLES = ("a", "an")


def find_quantities(doc: Doc) -> Iterator[Quantity]:
    """Yield every number written in ``doc``, in order, with bound, unit and currency.

    Nothing is filtered here: dates, ages and names come out too (as plain numbers).
    """
    i = 0
    while i < len(doc):
        core = _core_at(doc, i)
        if core is None:
            i += 1
            continue
        quantity = _quantity(doc, core)
        yield quantity
        i = max(quantity.end, i + 1)


def _core_at(doc: Doc, i: int) -> tuple[int, int] | None:
    """The token range of a number starting at token ``i``, or None."""
    token = doc[i]
    lower = token.lower_
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if lower in _ARTICLES:
        if (nxt in SCALE_WORDS and len(nxt) > 3) or (nxt in FRACTION_WORDS and nxt != "half"):
            return i, _extend_core(doc, i, i + 1)
        return None
    if lower == "half" and nxt in _ARTICLES and _scale_follows(doc, i + 1):
        return i, _extend_core(doc, i, i + 1)  # "half a trillion dollars"
    if lower == "half" and _half_of_something(doc, i):
        return i, i + 1
    if not _is_number_token(token) or (lower in SCALE_WORDS and len(lower) > 3):
        return None
    return i, _extend_core(doc, i, i)


_HALF_OWNERS = ("of", "the", "its", "their", "his", "her", "our", "these", "those", "all")
_HALF_CUES = ("by", "to", "about", "nearly", "almost", "roughly", "approximately", "around",
              "over", "than", "just", "some", "fully", "barely", "only")  # fmt: skip
_HALF_PERIODS = ("first", "second", "last", "latter", "other", "one", "and", "a", "an")


def _half_of_something(doc: Doc, i: int) -> bool:
    """'half of the responses', 'about half its support', 'fell by half': a share, not a
    part of a period ('the first half of the year', 'half an hour', 'two and a half')."""
    prev = doc[i - 1].lower_ if i > 0 else ""
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if prev in _HALF_PERIODS or nxt in ("-", "time", "term", "year", "hour", "day", "century"):
        return False
    after = doc[i + 2 : i + 5]
    if nxt in _HALF_OWNERS and any(_is_period_word(t.lower_) for t in after):
        return False  # 'half of the year', 'half the time'
    return nxt in _HALF_OWNERS or prev in _HALF_CUES


def _is_period_word(word: str) -> bool:
    return word.rstrip("s") in ("year", "month", "week", "day", "hour", "decade", "century",
                                "time", "season", "term", "century", "minute")  # fmt: skip


def _is_number_token(token: Token) -> bool:
    return word_value(token.text) is not None or range_values(token.text) is not None


def _extend_core(doc: Doc, start: int, last: int) -> int:
    """Extend a number rightwards over number words, scale words and fractions."""
    j = last + 1
    while j < len(doc):
        token, prev = doc[j], doc[j - 1]
        lower = _scale_key(token.text)
        glued = prev.whitespace_ == ""
        word_before = doc[j - 2].lower_ if prev.lower_ == "-" else prev.lower_
        is_word = word_before in NUMBER_WORDS or word_before in FRACTION_WORDS
        hyphen_between_words = (
            lower == "-"
            and glued
            and token.whitespace_ == ""
            and prev.lower_ in NUMBER_WORDS
            and j + 1 < len(doc)
            and doc[j + 1].lower_ in NUMBER_WORDS
        )
        if (
            (lower in SCALE_WORDS and (len(lower) > 3 or glued))
            or (lower in FRACTION_WORDS and lower != "half" and _numeric_word(prev))
            or hyphen_between_words
            or (lower in NUMBER_WORDS and is_word and word_before not in FRACTION_WORDS)
        ):
            j += 1
        elif lower == "of" and prev.lower_ in FRACTION_WORDS and _scale_follows(doc, j + 1):
            j += 2 if doc[j + 1].lower_ in _ARTICLES else 1
        else:
            break
    return j


def _numeric_word(token: Token) -> bool:
    return token.lower_ in NUMBER_WORDS or token.lower_ in _ARTICLES


def _scale_follows(doc: Doc, j: int) -> bool:
    if j < len(doc) and doc[j].lower_ in _ARTICLES:
        j += 1
    return j < len(doc) and doc[j].lower_ in SCALE_WORDS and len(doc[j].lower_) > 3


def _core_value(doc: Doc, start: int, end: int) -> tuple[float | None, float | None]:
    """The value of a core, or the two ends of a one-token range."""
    if end - start == 1 and (both := range_values(doc[start].text)) is not None:
        return both
    value = words_value([t.text for t in doc[start:end]])
    return value, None


def _quantity(doc: Doc, core: tuple[int, int]) -> Quantity:
    start, end = core
    value, high = _core_value(doc, start, end)
    low = value if high is not None else None
    value = None if high is not None else value
    between = ratio = False
    second = _range_tail(doc, start, end)
    if second is not None:
        (s2, end), joiner = second
        high_value, _ = _core_value(doc, s2, end)
        low, high, value = _scaled_low(value, high_value), high_value, None
        between = doc[joiner].lower_ == "and"
    elif (denominator := _ratio_tail(doc, end, value)) is not None:
        end, ratio = denominator, True
    currency, first = _currency_before(doc, start)
    core_end = end
    unit, end = _unit_after(doc, end, currency)
    qualifier: str | None
    if between:
        qualifier, first = doc[first - 1].text, first - 1
    else:
        qualifier, first = _qualifier_before(doc, first)
    if value is not None and qualifier is not None:
        if qualifier.lower() in LOW_BOUNDS:
            low = value
        elif qualifier.lower() in HIGH_BOUNDS:
            high = value
    value, low, high = (None if v is None else float(f"{v:.12g}") for v in (value, low, high))
    return Quantity(first, end, core[0], core_end, value, low, high, unit, qualifier, ratio)


def _scaled_low(low: float | None, high: float | None) -> float | None:
    """Apply the high end's scale to a bare low end ("5-7 million" -> 5e6)."""
    if low is None or high is None or low == 0:
        return low
    for scale in (1e12, 1e9, 1e6, 1e3):
        if low < high / 1000 and low * scale <= high:
            return low * scale
    return low


def _range_tail(doc: Doc, start: int, end: int) -> tuple[tuple[int, int], int] | None:
    """The second number of "X-Y", "X to Y" or "between X and Y", and the joiner index.

    A unit may be written on both ends ("3% to 3.5%", "between 150 euros and 300 euros"),
    with a conversion after the first ("between 250 euros (£173) and 600 euros").
    """
    if doc[start].lower_ == "half":
        return None  # 'fell by half to 33': a share, then where it fell to
    core_end = end
    unit = _unit_word(doc, end)
    if unit is not None:
        end += 1
        if end < len(doc) and doc[end].text == "(":
            close = next(
                (j for j in range(end, min(end + 8, len(doc))) if doc[j].text == ")"), None
            )
            if close is None:
                return None
            end = close + 1
    if end >= len(doc) - 1:
        return None
    joiner = doc[end]
    after = end + 1
    if doc[after].text in CURRENCY_SYMBOLS or doc[after].lower_ in CURRENCY_SYMBOLS:
        after += 1
    if after >= len(doc) or not _is_number_token(doc[after]):
        return None
    first_value, _ = _core_value(doc, start, core_end)
    second = (after, _extend_core(doc, after, after))
    if unit is not None and _unit_word(doc, second[1]) != unit:
        return None
    second_value, _ = _core_value(doc, *second)
    if first_value is None or second_value is None or second_value <= first_value:
        return None
    dash = joiner.text in _DASHES and doc[end - 1].whitespace_ == "" and joiner.whitespace_ == ""
    lead = _currency_before(doc, start)[1]
    before = doc[lead - 1].lower_ if lead > 0 else ""
    to_range = joiner.lower_ == "to" and (
        doc[end - 1].dep_ == "quantmod" or (unit is not None and before in _RANGE_OPENERS)
    )
    if before == "from":
        return None  # "from A to B" is two figures
    between = joiner.lower_ == "and" and before == "between"
    return (second, end) if dash or to_range or between else None


def _unit_word(doc: Doc, i: int) -> str | None:
    """The unit written as its own token at ``i`` ("%", "percent", "euros"), normalised."""
    if i >= len(doc):
        return None
    lower = doc[i].lower_
    if lower in _PERCENT_SIGNS:
        return "percent"
    return CURRENCY_WORDS.get(lower)


def _ratio_tail(doc: Doc, end: int, numerator: float | None = None) -> int | None:
    """The end of "out of 10" / "in five" / "in 8" after a numerator, or None.

    In figures "in" takes a denominator only when it is larger than the numerator and
    not a year ("1 in 8 shifts", not "1 in 2021" nor "won 3 in 2"), nor a period ("5 in
    10 minutes")."""
    j = end
    if j + 2 < len(doc) and doc[j].lower_ == "out" and doc[j + 1].lower_ == "of":
        j += 2
    elif j + 1 < len(doc) and doc[j].lower_ == "in":
        after = doc[j + 1]
        if after.lower_ not in NUMBER_WORDS and not _denominator(after, numerator):
            return None
        j += 1
    else:
        return None
    if not _is_number_token(doc[j]):
        return None
    following = doc[j + 1] if j + 1 < len(doc) else None
    if following is not None and _period(following):
        return None
    return _extend_core(doc, j, j)


_PERIOD_NOUNS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})
"""Nouns after which 'in N' is a length of time ('5 in 10 minutes'), not a denominator."""


def _period(token: Token) -> bool:
    return (token.lemma_ or token.lower_).lower() in _PERIOD_NOUNS or (
        token.lower_.endswith("s") and token.lower_[:-1] in _PERIOD_NOUNS
    )


def _denominator(token: Token, numerator: float | None) -> bool:
    """A whole number in figures larger than a whole-number numerator, and not a year."""
    if numerator is None or numerator != int(numerator) or not token.text.isdigit():
        return False
    number = int(token.text)
    return numerator < number and not 1800 <= number <= 2100


def _currency_before(doc: Doc, start: int) -> tuple[str | None, int]:
    """The currency of a sign or code just before the number, and the new start."""
    currency, _ = numeral_parts(doc[start].text)
    if currency:
        return currency, start
    if start > 0:
        prev = doc[start - 1]
        if prev.lower_ in CURRENCY_SYMBOLS:
            return CURRENCY_SYMBOLS[prev.lower_], start - 1
        if prev.text in CURRENCY_CODES:
            return prev.text, start - 1
        if prev.text == "$" and start > 1 and doc[start - 2].text in ("US", "A", "C", "HK"):
            code = {"US": "USD", "A": "AUD", "C": "CAD", "HK": "HKD"}[doc[start - 2].text]
            return code, start - 2
    return None, start


def _unit_after(doc: Doc, end: int, currency: str | None) -> tuple[str | None, int]:
    """The unit written after the number ("%", "percent", "roubles") and the new end."""
    _, suffix = numeral_parts(doc[end - 1].text)
    if suffix in ("%", "pc"):
        return "percent", end
    if suffix == "p":
        return SUBUNIT_WORDS["p"], end
    words = [t.lower_ for t in doc[end : end + 2]]
    if words[:1] in (["%"], ["percent"], ["pc"]):
        return "percent", end + 1
    if words == ["per", "cent"]:
        return "percent", end + 2
    if words[:1] == ["percentage"] and words[1:2] in (["point"], ["points"]):
        return "percentage point", end + 2
    if currency:
        return currency, end
    if words[:1] and words[0] in CURRENCY_WORDS:
        return CURRENCY_WORDS[words[0]], end + 1
    if words[:1] and words[0] in SUBUNIT_WORDS and words[0] != "p":
        return SUBUNIT_WORDS[words[0]], end + 1
    if end < len(doc) and doc[end].text in CURRENCY_CODES:
        return doc[end].text, end + 1
    return None, end


_QUALIFIERS_BY_LENGTH: dict[int, frozenset[str]] = {
    n: frozenset(p for p in (*LOW_BOUNDS, *HIGH_BOUNDS, *APPROXIMATE_QUALIFIERS)
                 if p.count(" ") + 1 == n)
    for n in {p.count(" ") + 1 for p in (*LOW_BOUNDS, *HIGH_BOUNDS, *APPROXIMATE_QUALIFIERS)}
}  # fmt: skip
"""The bound and approximation phrases by their number of words (every number of an
article is looked up here: one set lookup per length, not one comparison per phrase)."""


def _qualifier_before(doc: Doc, start: int) -> tuple[str | None, int]:
    """The longest bound or approximation phrase ending just before ``start``."""
    words: list[str] = []
    longest: tuple[str | None, int] = (None, start)
    for n in range(1, min(max(_QUALIFIERS_BY_LENGTH), start) + 1):
        words.insert(0, doc[start - n].lower_)
        if " ".join(words) in _QUALIFIERS_BY_LENGTH.get(n, ()):
            longest = (doc[start - n : start].text, start - n)
    return longest
