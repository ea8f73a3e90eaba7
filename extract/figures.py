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
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import lexicon as lx
from newsgraph.extract.amounts import Quantity, find_quantities, is_date_or_time, is_year
from newsgraph.extract.records import Article, Entity, Figure, Statement

if TYPE_CHECKING:
    from newsgraph.extract.entities import EntityIndex

_MAX_TEXT_TOKENS = 14
_SENTENCE_END = re.compile(r"[.!?:\"”’')]\s*$")


@dataclass(frozen=True)
class _Found:
    """A figure being built: the quantity, its tokens and what the parse says about it."""

    quantity: Quantity
    figure: Figure
    noun: str | None
    line: int


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
    line_starts = [0] + [m.end() for m in re.finditer("\n", doc.text)]
    found: list[_Found] = []
    for quantity in find_quantities(doc):
        if _not_a_figure(doc, quantity, found):
            continue
        line = bisect_right(line_starts, doc[quantity.start].idx) - 1
        previous = found[-1] if found and _same_sentence(doc, found[-1], quantity) else None
        found.append(_build(doc, article, quantity, previous, line))
    _attribute(doc, found, statements, entities)
    yield from (item.figure for item in found)


# --- what is not a figure -------------------------------------------------------------------


def _not_a_figure(doc: Doc, quantity: Quantity, found: Sequence[_Found]) -> bool:
    """Tell whether a quantity is a date, time, age, rank, name, period, target or phone."""
    core = doc[quantity.core_start : quantity.core_end]
    first = core[0]
    has_unit = quantity.unit is not None
    if any(is_date_or_time(t.text) for t in core) or _is_day_or_clock(doc, quantity):
        return True
    if not has_unit and (_is_hyphen_compound(doc, quantity) or _is_score(doc, quantity)):
        return True
    if not has_unit and len(core) == 1 and is_year(first.text):
        return True
    if not has_unit and _entity_says_not_a_figure(core):
        return True
    if _is_age(doc, quantity) or _is_name_or_rank(doc, quantity):
        return True
    if not has_unit and _is_period(doc, quantity):
        return True
    noun = _counted_noun(doc, quantity, _attachment(doc, quantity))
    if not has_unit and noun is not None and _is_time_unit(noun):
        return True
    if _is_phone_number(doc, quantity) or _is_conversion(doc, quantity, found):
        return True
    if _is_vague_word_number(doc, quantity):
        return True
    return _is_target(doc, quantity)


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
    if noun is None or not _is_time_unit(noun):
        if not (_is_time_unit(last.head) and last.dep_ == "nummod"):
            return False
        noun = last.head
    context = {_lemma(t) for t in noun.ancestors} | {
        _lemma(t) for t in doc[max(quantity.start - 4, 0) : quantity.start]
    }
    return not context & lx.MEASURED_DURATION_NOUNS


def _lemma(token: Token) -> str:
    """The lowercased lemma, or the lowercased word where the Doc has no lemmas."""
    return token.lemma_.lower() or token.lower_


def _is_time_unit(token: Token) -> bool:
    lemma = _lemma(token)
    return lemma in lx.TIME_UNIT_NOUNS or lemma.removesuffix("s") in lx.TIME_UNIT_NOUNS


def _is_phone_number(doc: Doc, quantity: Quantity) -> bool:
    first, last = doc[quantity.core_start], doc[quantity.core_end - 1]
    if first.text.startswith("0") and len(first.text) > 1 and "." not in first.text:
        return True
    if quantity.unit or not (first.text.isdigit() and last.text.isdigit()):
        return False
    nxt = doc[quantity.end] if quantity.end < len(doc) else None
    prev = doc[quantity.start - 1] if quantity.start > 0 else None
    return any(t is not None and t.text.isdigit() for t in (nxt, prev))


def _is_conversion(doc: Doc, quantity: Quantity, found: Sequence[_Found]) -> bool:
    """A currency amount in parentheses right after another amount: '$1.13bn (£600m)'."""
    if quantity.unit is None or quantity.start == 0 or doc[quantity.start - 1].text != "(":
        return False
    return bool(found) and found[-1].quantity.end == quantity.start - 1


def _is_vague_word_number(doc: Doc, quantity: Quantity) -> bool:
    """'one of them', 'the two nations', 'one day': word numbers that are not claims."""
    first = doc[quantity.core_start]
    if any(c.isdigit() for c in first.text):
        return False
    if quantity.unit or quantity.ratio or (quantity.qualifier and quantity.qualifier != "only"):
        return False
    if first.lower_ == "one" and quantity.core_end - quantity.core_start == 1:
        return True
    prev = doc[quantity.start - 1].lower_ if quantity.start > 0 else ""
    return prev in ("the", "these", "those", "its", "their", "his", "her", "our", "both", "all")


def _is_target(doc: Doc, quantity: Quantity) -> bool:
    last = doc[quantity.core_end - 1]
    chain = [last.head, *last.head.ancestors][:4]
    return any(t.lemma_.lower() in lx.POLICY_TARGET_NOUNS for t in chain)


# --- what is counted ------------------------------------------------------------------------

_MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod", "punct", "poss", "case", "nummod")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_FINITE_OR_PARTICIPLE = ("VBD", "VBN", "VBG")


def _attachment(doc: Doc, quantity: Quantity) -> Token:
    """The token through which the quantity hangs in the parse."""
    inside = range(quantity.start, quantity.end)
    outside = [t for t in doc[quantity.start : quantity.end] if t.head.i not in inside]
    return outside[-1] if outside else doc[quantity.end - 1]


def _counted_noun(doc: Doc, quantity: Quantity, attach: Token) -> Token | None:
    """The noun the number counts: '81 [conscripts]', '46 percent of [voters]'."""
    inside = range(quantity.start, quantity.end)
    for token in doc[quantity.start : quantity.end]:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i not in inside:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                    return objects[0]
    head = attach.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
        head = head.head
    if (
        attach.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos")
        and head.pos_ in ("NOUN", "PROPN")
        and head.i >= quantity.end
        and not _is_time_unit(head)
    ):
        return head
    if attach.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head if quantity.unit else None
    return None


def _noun_phrase(doc: Doc, noun: Token, quantity: Quantity) -> list[Token]:
    """The noun with the modifiers written between the number and it."""
    lo = quantity.end if noun.i >= quantity.end else noun.left_edge.i
    closing = [t.i for t in doc[lo : noun.i] if t.text == ")"]
    lo = closing[-1] + 1 if closing else lo
    words = [t for t in doc[lo : noun.i] if t.head.i >= lo and t.dep_ in _MODIFIER_DEPS]
    words = [t for t in words if t.pos_ not in ("DET", "PUNCT", "SYM", "NUM")]
    return [*words, noun]


def _join(tokens: Sequence[Token]) -> str:
    """Words as written: adjacent tokens keep their own spacing ('pre-tax profit')."""
    parts: list[str] = []
    for k, token in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        glue = token.whitespace_ if nxt is not None and nxt.i == token.i + 1 else " "
        parts.append(token.text + (glue if nxt is not None else ""))
    return "".join(parts)


def _predicate(subject: Token) -> list[Token]:
    """What happened to the counted thing: 'killed', 'are missing', 'identified as prisoners'."""
    participles = [c for c in subject.rights if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")]
    if participles:
        return [participles[0]]
    head = subject.head
    if subject.dep_ in _SUBJECT_DEPS and head.pos_ in ("VERB", "AUX"):
        if head.lemma_ == "be":
            complements = [c for c in head.children if c.dep_ in ("acomp", "attr")]
            return complements[:1]
        if head.tag_ in _FINITE_OR_PARTICIPLE:
            as_phrase = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "as"]
            objects = [c for c in as_phrase[0].children if c.dep_ == "pobj"] if as_phrase else []
            return [head, as_phrase[0], objects[0]] if objects else [head]
    if subject.dep_ == "dobj" and head.tag_ in ("VBD", "VBN"):
        return [head]
    if subject.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        event = head.head
        participle = lx.PARTICIPLE_OF_EVENT_NOUN.get(event.lemma_.lower())
        return [event] if participle else []
    return []


def _changed_subject(attach: Token) -> tuple[list[Token], Token | None]:
    """For 'profits jumped 76%' and 'sales rose to $11bn': the subject phrase and the verb."""
    verb = attach.head
    if attach.dep_ == "pobj" and verb.pos_ == "ADP":
        verb = verb.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() in lx.FIGURE_SOURCE_VERBS:
        return [], None
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.pos_ != "PRON"]
    if not subjects or subjects[0].is_ancestor(attach) or subjects[0] == attach:
        return [], None
    subject = subjects[0]
    modifiers = [c for c in subject.lefts if c.dep_ in ("amod", "compound")]
    return [*modifiers, subject], verb


def _what(
    doc: Doc, quantity: Quantity, previous_noun: str | None
) -> tuple[str | None, str | None, int]:
    """What is counted, the counted noun's text (for ellipsis), and the last text token."""
    attach = _attachment(doc, quantity)
    last = quantity.end - 1
    if doc[last].text.endswith(".") and len(doc[last].text) > 1:
        return None, None, last  # '£532m.' ends its sentence
    noun = _counted_noun(doc, quantity, attach)
    if noun is not None:
        phrase = _noun_phrase(doc, noun, quantity)
        predicate = _predicate(noun)
        words = _join(phrase).split(" ") + [_event_word(t) for t in predicate]
        last = max([last, noun.i, *(t.i for t in predicate if t.i - noun.i <= 6)])
        return " ".join(words), noun.text, last
    if quantity.unit is None and previous_noun and attach.dep_ in (*_SUBJECT_DEPS, "dobj"):
        predicate = _predicate(attach)
        last = max([last, *(t.i for t in predicate if t.i - attach.i <= 8)])
        return " ".join([previous_noun, _join(predicate)]).strip(), previous_noun, last
    phrase, verb = _changed_subject(attach)
    if verb is not None:
        return f"{_join(phrase)} {verb.text}", None, last
    return None, None, last


def _event_word(token: Token) -> str:
    return lx.PARTICIPLE_OF_EVENT_NOUN.get(token.lemma_.lower(), token.text)


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


def _same_sentence(doc: Doc, item: _Found, quantity: Quantity) -> bool:
    return item.figure.sentence_start <= doc[quantity.start].idx < item.figure.sentence_end


def _build(
    doc: Doc, article: Article, quantity: Quantity, previous: _Found | None, line: int
) -> _Found:
    """The figure record for a quantity, without its source yet.

    ``previous`` is the figure before it in the same sentence: 'a further 38' borrows its
    counted noun, and 'from $639m' with nothing of its own borrows what it counts.
    """
    sentence = _clipped_sentence(doc, quantity)
    what, noun, last = _what(doc, quantity, previous.noun if previous else None)
    if what is None and previous is not None and previous.figure.unit == quantity.unit:
        attach = _attachment(doc, quantity)
        if attach.dep_ in ("conj", "appos") or (
            attach.dep_ == "pobj" and attach.head.lower_ in ("from", "to", "than", "against")
        ):
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
        hedge=_hedge(doc, quantity, sentence),
        sentence=article.text[sentence.start_char : sentence.end_char],
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
    )
    return _Found(quantity, figure, noun, line)


def _hedge(doc: Doc, quantity: Quantity, sentence: Span) -> str | None:
    """A hedge on the figure: in its qualifier, on its governing verb, or in its sentence."""
    if quantity.qualifier and "estimated" in quantity.qualifier.lower():
        return "estimated"
    lowered = sentence.text.lower()
    for phrase in lx.HEDGE_WORDS:
        if " " in phrase and not phrase.endswith(" have") and phrase in lowered:
            return phrase
    ancestors = doc[quantity.core_end - 1].ancestors
    verb = next((t for t in ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    words = [c for c in verb.children if c.dep_ in ("aux", "advmod", "auxpass")]
    texts = [c.lower_ for c in sorted(words, key=lambda t: t.i)]
    joined = " ".join(texts)
    for phrase in lx.HEDGE_WORDS:
        if re.search(rf"\b{re.escape(phrase)}\b", joined):
            return phrase
    if verb.lemma_.lower() in ("estimate", "believe", "think") and verb.tag_ == "VBN":
        return verb.text
    return None


# --- who reports it -------------------------------------------------------------------------


def _attribute(
    doc: Doc,
    found: list[_Found],
    statements: Sequence[Statement],
    entities: EntityIndex,
) -> None:
    """Set each figure's source: quote, explicit, context, or none."""
    for k, item in enumerate(found):
        figure, quantity = item.figure, item.quantity
        core_start = doc[quantity.core_start].idx
        core_end = doc[quantity.core_end - 1].idx + len(doc[quantity.core_end - 1].text)
        statement = next(
            (s for s in statements if s.start <= core_start and core_end <= s.end), None
        )
        sentence = doc.char_span(figure.sentence_start, figure.sentence_end, "expand")
        source: Entity | None = None
        if statement is not None:
            source, attribution = statement.speaker, "quote"
        elif sentence is not None:
            source, attribution = _sentence_source(sentence, quantity, entities), "explicit"
        if source is None and sentence is not None:
            source, attribution = _context_source(doc, found, k, sentence, entities), "context"
        if source is not None:
            found[k] = replace(item, figure=replace(figure, source=source, attribution=attribution))
    _carry_into_headlines(doc, found)


def _context_source(
    doc: Doc, found: list[_Found], k: int, sentence: Span, entities: EntityIndex
) -> Entity | None:
    """A source carried to a run of numbers: from a document named in the previous
    sentence ('a survey by X suggests ...'), and on along the following sentences of the
    paragraph while each has figures."""
    item = found[k]
    for previous in reversed(found[:k]):
        gap = doc.text[previous.figure.sentence_end : item.figure.sentence_start]
        if previous.line != item.line or gap.strip():
            break
        if previous.figure.attribution == "context":
            return previous.figure.source
    before = sentence.start - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0:
        return None
    previous_sentence = doc[before].sent
    return _document_source(previous_sentence, entities)


def _document_source(sentence: Span, entities: EntityIndex) -> Entity | None:
    """The named author of a survey, report or study the sentence cites."""
    for token in sentence:
        if token.lemma_.lower() not in lx.DATA_SOURCE_NOUNS:
            continue
        cited = token.dep_ == "nsubj" and token.head.lemma_.lower() in lx.FIGURE_SOURCE_VERBS
        cited = cited or (token.dep_ == "pobj" and token.head.head.lower_ == "according")
        if not cited:
            continue
        for span in _source_spans(token):
            entity = entities.resolve(span) or _named_entity(span)
            if entity is not None:
                return entity
    return None


def _carry_into_headlines(doc: Doc, found: list[_Found]) -> None:
    """A figure on a headline line takes the source of the same number in the body."""
    for k, item in enumerate(found):
        if item.figure.source is not None or not _is_headline(item.figure.sentence):
            continue
        for later in found[k + 1 :]:
            if later.line != item.line and _same_numbers(item.figure, later.figure):
                if later.figure.source is not None and not _is_headline(later.figure.sentence):
                    figure = replace(item.figure, source=later.figure.source, attribution="context")
                    found[k] = replace(item, figure=figure)
                break


def _is_headline(sentence: str) -> bool:
    words = sentence.split()
    return 0 < len(words) <= 20 and not _SENTENCE_END.search(sentence)


def _same_numbers(a: Figure, b: Figure) -> bool:
    pairs = [(a.value, b.value), (a.low, b.low), (a.high, b.high)]
    if all(x is None for x, _ in pairs):
        return False
    return all(x == y or (x and y and abs(x - y) <= 0.005 * abs(x)) for x, y in pairs)


_TRAILING_CUE_DEPS = ("punct", "advmod", "prep", "npadvmod", "agent", "nsubj")


def _sentence_source(sentence: Span, quantity: Quantity, entities: EntityIndex) -> Entity | None:
    """A source named in the figure's sentence: 'according to X', 'X said', 'X reported'."""
    core = sentence.doc[quantity.core_end - 1]
    candidates: list[tuple[int, Span]] = []
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end:
            for obj in (c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"):
                candidates.extend((0, span) for span in _source_spans(obj))
        if token.pos_ != "VERB" or token.lemma_.lower() not in lx.FIGURE_SOURCE_VERBS:
            continue
        governs = core in token.subtree
        trailing = (
            token.i > core.i
            and token.dep_ in ("ROOT", "conj", "parataxis")
            and all(c.dep_ in _TRAILING_CUE_DEPS for c in token.rights)
        )
        if not (governs or trailing):
            continue
        rank = 1 if governs else 2
        for subject in _subjects(token, sentence):
            if core in subject.subtree or subject.like_num:
                continue
            candidates.extend((rank, span) for span in _source_spans(subject))
    for _, span in sorted(candidates, key=lambda c: c[0]):
        entity = entities.resolve(span) or _named_entity(span)
        if entity is not None:
            return entity
    return None


def _subjects(verb: Token, sentence: Span) -> list[Token]:
    """The verb's subject or passive agent inside the sentence; failing that, the name or
    noun phrase written just before it (the parse may have joined a headline to the sentence).
    """
    inside = range(sentence.start, sentence.end)
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i in inside]
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        subjects.extend(o for o in agent.children if o.dep_ == "pobj" and o.i in inside)
    if subjects or verb.i == sentence.start:
        return subjects
    before = verb.doc[verb.i - 1]
    if before.pos_ in ("PROPN", "NOUN") and before.i in inside:
        return [before]
    return []


def _source_spans(head: Token) -> list[Span]:
    """Mention spans for a source phrase, most specific first.

    'a report by The Washington Post' gives the Post; 'figures from the ONS' gives the ONS;
    'the spokesman of the ministry' gives 'the spokesman' and the whole phrase.
    """
    doc = head.doc
    spans: list[Span] = []
    if head.lemma_.lower() in lx.DATA_SOURCE_NOUNS:
        for prep in (c for c in head.children if c.dep_ in ("prep", "agent")):
            if prep.lower_ in ("by", "from", "of"):
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    spans.extend(_source_spans(obj))
        owners = [c for c in head.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"]
        spans.extend(doc[o.left_edge.i : o.i + 1] for o in owners)
        return spans
    spans.append(doc[head.left_edge.i : head.i + 1])
    if head.right_edge.i > head.i:
        spans.append(doc[head.left_edge.i : head.right_edge.i + 1])
    return spans


def _named_entity(span: Span) -> Entity | None:
    """An entity for a named source the index does not know ('the Associated Press')."""
    for ent in span.ents:
        if ent.label_ in ("ORG", "PERSON") and len(ent.text) > 1:
            name = re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE)
            name = re.sub(r"'s$|’s$", "", name)
            return Entity(name=name, kind="person" if ent.label_ == "PERSON" else "org")
    return None
