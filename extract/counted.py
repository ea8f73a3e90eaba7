"""What a figure counts: the counted noun and what happened to it, read from the parse.

"81 [conscripts] are [missing]" gives "conscripts missing"; "46 percent of [voters]" gives
"voters"; "[profits] [jumped] 76%" gives "profits jumped"; "a further 38 have been
identified as prisoners" borrows the noun of the figure before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsgraph.extract import lexicon as lx
from newsgraph.extract.amounts import Quantity


def lemma(token: Token) -> str:
    """The lowercased lemma, or the lowercased word where the Doc has no lemmas."""
    return token.lemma_.lower() or token.lower_


def is_time_unit(token: Token) -> bool:
    """Tell whether a token names a unit of time ("months", "week", "hours")."""
    word = lemma(token)
    return word in lx.TIME_UNIT_NOUNS or word.removesuffix("s") in lx.TIME_UNIT_NOUNS


_MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod", "punct", "poss", "case", "nummod")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_FINITE_OR_PARTICIPLE = ("VBD", "VBN", "VBG")


def attachment(doc: Doc, quantity: Quantity) -> Token:
    """The token through which the quantity hangs in the parse."""
    inside = range(quantity.start, quantity.end)
    outside = [t for t in doc[quantity.start : quantity.end] if t.head.i not in inside]
    return outside[-1] if outside else doc[quantity.end - 1]


def counted_noun(doc: Doc, quantity: Quantity, attach: Token) -> Token | None:
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
        and not is_time_unit(head)
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


def join_words(tokens: Sequence[Token]) -> str:
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


def what_is_counted(
    doc: Doc, quantity: Quantity, previous_noun: str | None
) -> tuple[str | None, str | None, int]:
    """What is counted, the counted noun's text (for ellipsis), and the last text token."""
    attach = attachment(doc, quantity)
    last = quantity.end - 1
    if doc[last].text.endswith(".") and len(doc[last].text) > 1:
        return None, None, last  # '£532m.' ends its sentence
    noun = counted_noun(doc, quantity, attach)
    if noun is not None:
        phrase = _noun_phrase(doc, noun, quantity)
        predicate = _predicate(noun)
        words = join_words(phrase).split(" ") + [_event_word(t) for t in predicate]
        last = max([last, noun.i, *(t.i for t in predicate if t.i - noun.i <= 6)])
        return " ".join(words), noun.text, last
    if quantity.unit is None and previous_noun and attach.dep_ in (*_SUBJECT_DEPS, "dobj"):
        predicate = _predicate(attach)
        last = max([last, *(t.i for t in predicate if t.i - attach.i <= 8)])
        return " ".join([previous_noun, join_words(predicate)]).strip(), previous_noun, last
    phrase, verb = _changed_subject(attach)
    if verb is not None:
        return f"{join_words(phrase)} {verb.text}", None, last
    return None, None, last


def _event_word(token: Token) -> str:
    return lx.PARTICIPLE_OF_EVENT_NOUN.get(token.lemma_.lower(), token.text)
