"""Figures: numbers reported as claims about the world, with what they count and who says so.

:func:`extract_figures` takes the quantities :mod:`newsgraph.extract.amounts` reads from the
tokens, drops what is not a claim (dates, times, ages, ranks, numbers in names, lengths of
periods, targets, phone numbers, conversions in parentheses), reads what is counted from
the parse, and attributes each figure: to the speaker of the statement holding it
("quote"), to a source named in its sentence ("explicit"), or to a source carried from the
paragraph or, for a headline, from the body ("context").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import lexicon as lx
from newsgraph.extract.amounts import Quantity, find_quantities, is_date_or_time, is_year
from newsgraph.extract.counted import (
    attachment,
    counted_noun,
    is_time_unit,
    lemma,
    what_is_counted,
)
from newsgraph.extract.figure_hedges import carry_hedges, own_hedge
from newsgraph.extract.figure_sources import Found, attribute
from newsgraph.extract.paragraphs import doc_text
from newsgraph.extract.records import Article, Figure, Statement

if TYPE_CHECKING:
    from newsgraph.extract.entities import EntityIndex

_MAX_TEXT_TOKENS = 14


def extract_figures(
    doc: Doc, article: Article, statements: Sequence[Statement], entities: EntityIndex
) -> Iterable[Figure]:
    """Yield the figures of one article in document order.

    Args:
        doc: The parsed article (``doc.text`` is ``article.text`` with boilerplate blanked).
        article: The article; offsets are offsets into ``article.text``.
        statements: The article's statements; a figure inside one takes its speaker.
        entities: Resolves a source mention ("the ministry", "he") to the article's entity.

    Yields:
        One :class:`Figure` per reported number, with exact character offsets.
    """
    line_starts = [0] + [m.end() for m in re.finditer("\n", doc_text(doc))]
    found: list[Found] = []
    for quantity in find_quantities(doc):
        if _not_a_figure(doc, quantity, found):
            continue
        line = bisect_right(line_starts, doc[quantity.start].idx) - 1
        previous = found[-1] if found and _same_sentence(doc, found[-1], quantity) else None
        found.append(_build(doc, article, quantity, previous, line))
    attribute(doc, found, statements, entities)
    carry_hedges(doc, found, statements)
    yield from (item.figure for item in found)


# --- what is not a figure -------------------------------------------------------------------


def _not_a_figure(doc: Doc, quantity: Quantity, found: Sequence[Found]) -> bool:
    """Tell whether a quantity is a date, time, age, rank, name, period, target or phone."""
    core = doc[quantity.core_start : quantity.core_end]
    first = core[0]
    has_unit = quantity.unit is not None
    if any(is_date_or_time(t.text) for t in core) or _is_day_or_clock(doc, quantity):
        return True
    if not has_unit and _is_score(doc, quantity):
        return True
    if (
        not has_unit
        and _is_hyphen_compound(doc, quantity)
        and not _is_measure_compound(doc, quantity)
    ):
        return True
    if not has_unit and core.text in lx.EMERGENCY_NUMBERS and not quantity.qualifier:
        return True  # 'call 911', '911 responders': the service's name
    if not has_unit and len(core) == 1 and is_year(first.text):
        return True
    if not has_unit and _is_year_range(doc, quantity):
        return True
    if not has_unit and _entity_says_not_a_figure(core):
        return True
    if _is_age(doc, quantity) or _is_family(doc, quantity) or _is_name_or_rank(doc, quantity):
        return True
    if not has_unit and (_is_period(doc, quantity) or _is_elliptical_period(doc, quantity)):
        return True
    noun = counted_noun(doc, quantity, attachment(doc, quantity))
    if not has_unit and noun is not None and is_time_unit(noun):
        return True
    if _is_phone_number(doc, quantity) or _is_conversion(doc, quantity, found):
        return True
    if _is_vague_word_number(doc, quantity):
        return True
    return _is_target(doc, quantity)


def _is_year_range(doc: Doc, quantity: Quantity) -> bool:
    """'its 1972–2025 average', 'from 2019-2020': a span of years, not an amount."""
    low, high = quantity.low, quantity.high
    if quantity.value is not None or low is None or high is None:
        return False
    return all(e == int(e) and is_year(str(int(e))) for e in (low, high))


def _is_day_or_clock(doc: Doc, quantity: Quantity) -> bool:
    """'11 September', 'March 5', '1200 GMT', '10 am'."""
    if quantity.unit is not None:
        return False
    before = doc[quantity.start - 1].lower_ if quantity.start > 0 else ""
    after = doc[quantity.end].lower_ if quantity.end < len(doc) else ""
    return before in lx.MONTH_NAMES or after in lx.MONTH_NAMES or after in lx.TIME_WORDS


def _is_hyphen_compound(doc: Doc, quantity: Quantity) -> bool:
    """'one-off', 'two-year', 'a 10-point lead': the number is part of a compound word."""
    end = quantity.end
    if end + 1 >= len(doc) or doc[end].text not in ("-", "–"):
        return False
    return doc[end - 1].whitespace_ == "" and doc[end].whitespace_ == ""


def _is_measure_compound(doc: Doc, quantity: Quantity) -> bool:
    """'the 8,849-metre peak', 'an eight-bed unit', 'a four-point drop': a hyphenated
    number with a unit of measure is a measure, not a name or a period."""
    unit_at = quantity.end + 1
    if unit_at >= len(doc):
        return False
    unit = doc[unit_at].lower_
    if unit.endswith("s") and unit[:-1] in lx.MEASURE_COMPOUND_UNITS:
        unit = unit[:-1]
    if unit in lx.MEASURE_COMPOUND_UNITS:
        return True
    following = doc[unit_at + 1].lemma_.lower() if unit_at + 1 < len(doc) else ""
    return unit == "point" and following in lx.POINT_CHANGE_NOUNS


def _is_score(doc: Doc, quantity: Quantity) -> bool:
    """A score or vote ('a 2-1 decision'): digits joined by a dash that made no range."""
    start, end = quantity.core_start, quantity.core_end
    if start > 1 and doc[start - 1].text in ("-", "–") and doc[start - 2].text.isdigit():
        return doc[start - 2].whitespace_ == "" and doc[start - 1].whitespace_ == ""
    if end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].text.isdigit():
        return doc[end - 1].whitespace_ == "" and doc[end].whitespace_ == ""
    return False


def _entity_says_not_a_figure(core: Span) -> bool:
    labels = {t.ent_type_ for t in core}
    return bool(labels & lx.NON_FIGURE_ENTITY_LABELS) and not labels & {"CARDINAL", "MONEY"}


def _is_age(doc: Doc, quantity: Quantity) -> bool:
    """'aged 45', 'age of 45', '22-year-old', 'was only 22' (a bare number after a person)."""
    start, end = quantity.core_start, quantity.core_end
    before = doc[start - 1].lower_ if start > 0 else ""
    before2 = doc[start - 2].lower_ if start > 1 else ""
    after = " ".join(t.lower_ for t in doc[end : end + 4])
    if before in lx.AGE_CUES or (before == "of" and before2 in lx.AGE_CUES):
        return True
    if re.match(r"^(?:-\s*)?years?\s*(?:-\s*)?old\b|^years? of age\b", after):
        return True
    last = doc[end - 1]
    if quantity.unit or (quantity.qualifier and quantity.qualifier.lower() not in ("only", "just")):
        return False
    head = last.head
    if last.dep_ in ("attr", "acomp") and head.lemma_ == "be" and not _counted_children(last):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return any(s.ent_type_ == "PERSON" or s.pos_ in ("PRON", "PROPN") for s in subjects)
    return before == "," and doc[start - 2].ent_type_ == "PERSON" and after.startswith(",")


FAMILY_NOUNS = frozenset(
    {"mother", "father", "parent", "mum", "mom", "dad", "grandmother", "grandfather",
     "grandparent", "grandma", "grandpa"}
)  # fmt: skip
"""Nouns of a person's family role, whose number ('a mother of two') describes them."""


def _is_family(doc: Doc, quantity: Quantity) -> bool:
    """'a mother of two', 'a father of three sons': like an age, the size of a person's
    family describes the person; it is not a figure the news reports."""
    start = quantity.start
    if quantity.unit is not None or start < 2 or doc[start - 1].lower_ != "of":
        return False
    return doc[start - 2].lemma_.lower() in FAMILY_NOUNS


def _counted_children(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("prep", "nummod") and c.i > token.i]


def _is_name_or_rank(doc: Doc, quantity: Quantity) -> bool:
    """Numbers in names, labels and rankings: 'FTSE 100', 'Chapter 11', 'No 10', 'top 10',
    'the 10 largest shareholders'."""
    first = doc[quantity.core_start]
    if quantity.unit is not None:
        return False
    if quantity.end < len(doc) and doc[quantity.end].tag_ == "JJS":
        return True
    if quantity.end < len(doc) and doc[quantity.end].lower_ == "times":
        return False  # 'administering Narcan 79 times': a count of occurrences, no name
    if quantity.core_start > 0:
        prev = doc[quantity.core_start - 1]
        if prev.lower_ in lx.RANK_CUES:
            return True
        named = prev.is_title or (prev.is_upper and len(prev.text) > 1)
        if named and prev.pos_ == "PROPN" and not prev.is_sent_start:
            return True
        if prev.is_title and first.head == prev:
            return True
    labels = {t.ent_type_ for t in doc[quantity.core_start : quantity.core_end]}
    return bool(labels & lx.NAME_ENTITY_LABELS)


def _is_period(doc: Doc, quantity: Quantity) -> bool:
    """Lengths of periods ('within 12 months', 'two weeks after'), unless measured."""
    last = doc[quantity.core_end - 1]
    noun = doc[quantity.end] if quantity.end < len(doc) else None
    if noun is None or not is_time_unit(noun):
        if not (is_time_unit(last.head) and last.dep_ == "nummod"):
            return False
        noun = last.head
    context = {lemma(t) for t in noun.ancestors} | {
        lemma(t) for t in doc[max(quantity.start - 4, 0) : quantity.start]
    }
    return not context & lx.MEASURED_DURATION_NOUNS


def _is_elliptical_period(doc: Doc, quantity: Quantity) -> bool:
    """'six months' paid leave - and six unpaid': a bare number after a period's length,
    with nothing of its own to count, is another length of the same unit."""
    if counted_noun(doc, quantity, attachment(doc, quantity)) is not None:
        return False
    nxt = doc[quantity.end] if quantity.end < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        return False
    window = doc[max(quantity.start - 8, doc[quantity.start].sent.start) : quantity.start]
    for token in reversed(window):
        if token.like_num:
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            return following is not None and is_time_unit(following)
    return False


def _is_phone_number(doc: Doc, quantity: Quantity) -> bool:
    first, last = doc[quantity.core_start], doc[quantity.core_end - 1]
    if first.text.startswith("0") and len(first.text) > 1 and "." not in first.text:
        return True
    if quantity.unit or not (first.text.isdigit() and last.text.isdigit()):
        return False
    nxt = doc[quantity.end] if quantity.end < len(doc) else None
    prev = doc[quantity.start - 1] if quantity.start > 0 else None
    return any(t is not None and t.text.isdigit() for t in (nxt, prev))


def _is_conversion(doc: Doc, quantity: Quantity, found: Sequence[Found]) -> bool:
    """A currency amount in parentheses right after another amount: '$1.13bn (£600m)',
    and each further one in the same parentheses: '£5.7bn ($10.7bn; 8.2bn euros)'; or a
    measure after a hyphenated measure: 'the 8,849-metre (29,032ft) peak'."""
    if not found or "percent" in (quantity.unit, found[-1].figure.unit):
        return False  # 'nearly half (49%)' restates a share; it converts nothing
    opening = found[-1].quantity.end
    if quantity.unit is None:  # '8,849-metre (29,032ft)': skip the hyphen and the unit
        if not _is_measure_compound(doc, found[-1].quantity):
            return False
        opening += 2
    if opening >= quantity.start or doc[opening].text != "(":
        return False
    return not any(t.text == ")" for t in doc[opening : quantity.start])


def _is_vague_word_number(doc: Doc, quantity: Quantity) -> bool:
    """'one of them', 'the two nations', 'one day': word numbers that are not claims."""
    first = doc[quantity.core_start]
    if any(c.isdigit() for c in first.text):
        return False
    if quantity.unit or quantity.ratio:
        return False
    single = quantity.core_end - quantity.core_start == 1
    qualifier = (quantity.qualifier or "").lower()
    if first.lower_ == "one" and single and " " not in qualifier:
        return True  # 'one of them', 'over one sentence' (but 'at least one')
    if qualifier and qualifier != "only":
        return False
    prev = doc[quantity.start - 1].lower_ if quantity.start > 0 else ""
    return prev in ("the", "these", "those", "its", "their", "his", "her", "our", "both", "all")


def _is_target(doc: Doc, quantity: Quantity) -> bool:
    last = doc[quantity.core_end - 1]
    chain = [last.head, *last.head.ancestors][:4]
    return any(t.lemma_.lower() in lx.POLICY_TARGET_NOUNS for t in chain)


# --- building the record --------------------------------------------------------------------


def _clipped_sentence(doc: Doc, quantity: Quantity) -> Span:
    """The sentence holding the quantity, clipped to its line (headlines lack full stops)."""
    sent = doc[quantity.start].sent
    start, end = sent.start, sent.end
    for i in range(quantity.start - 1, sent.start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            start = i + 1
            break
    for i in range(quantity.end - 1, sent.end):
        if "\n" in doc[i].text or (i > quantity.end - 1 and "\n" in doc[i - 1].whitespace_):
            end = i
            break
    span = doc[start:end]
    while len(span) > 1 and span[-1].is_space:
        span = span[:-1]
    return span


def _same_sentence(doc: Doc, item: Found, quantity: Quantity) -> bool:
    return item.figure.sentence_start <= doc[quantity.start].idx < item.figure.sentence_end


def _build(
    doc: Doc, article: Article, quantity: Quantity, previous: Found | None, line: int
) -> Found:
    """The figure record for a quantity, without its source yet.

    ``previous`` is the figure before it in the same sentence: 'a further 38' borrows its
    counted noun, and 'from $639m' with nothing of its own borrows what it counts.
    """
    sentence = _clipped_sentence(doc, quantity)
    what, noun, last = what_is_counted(doc, quantity, previous.noun if previous else None)
    if what is None and previous is not None and previous.figure.unit == quantity.unit:
        attach = attachment(doc, quantity)
        if (
            attach.dep_ in ("conj", "appos")
            or (attach.dep_ == "pobj" and attach.head.lower_ in ("from", "to", "than", "against"))
            or (attach.dep_ == "dobj" and attach.head.lemma_.lower() == "have")
        ):  # '42% support, while Jones has 37%': the same measure
            what = previous.figure.what
    last = min(last, sentence.end - 1, quantity.start + _MAX_TEXT_TOKENS)
    while last > quantity.end - 1 and doc[last].is_punct:
        last -= 1
    start_char = doc[quantity.start].idx
    end_char = doc[last].idx + len(doc[last].text)
    figure = Figure(
        text=article.text[start_char:end_char],
        start=start_char,
        end=end_char,
        value=quantity.value,
        low=quantity.low,
        high=quantity.high,
        unit=quantity.unit,
        what=what,
        qualifier=quantity.qualifier,
        hedge=own_hedge(doc, quantity, sentence),
        sentence=article.text[sentence.start_char : sentence.end_char],
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
    )
    return Found(quantity, figure, noun, line)
