"""What a statement is about and whether it denies it: keywords and negation.

These two annotations let newsgraph match the same claim reported by several outlets
(in different translations) and find statements that contradict each other. Both are
read from the parse of the statement's own words, so they need no model of the world.

>>> from spacy.tokens import Doc
>>> from spacy.vocab import Vocab
>>> words = ["Conscripts", "will", "not", "participate", "."]
>>> doc = Doc(Vocab(), words=words, spaces=[True, True, True, False, False],
...           pos=["NOUN", "AUX", "PART", "VERB", "PUNCT"],
...           deps=["nsubj", "aux", "neg", "ROOT", "punct"],
...           heads=[3, 3, 3, 3, 3], lemmas=["conscript", "will", "not", "participate", "."])
>>> keywords(doc[0:4]), is_negated(doc[0:4], cue="said")
(('conscript', 'participate'), True)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.lexicon import (
    DENIAL_CUES,
    NEGATING_VERBS,
    NEGATING_WORDS,
    NON_TOPIC_LEMMAS,
)
from newsgraph.extract.records import Statement

_TOPIC_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}
_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


def keywords(span: Span) -> tuple[str, ...]:
    """Lemmas of the content words of ``span``, lower case, first occurrence order."""
    seen: dict[str, None] = {}
    for token in span:
        if token.pos_ not in _TOPIC_POS or token.is_stop or not _WORD.match(token.text):
            continue
        lemma = (token.lemma_ or token.text).lower()
        if len(lemma) > 1 and lemma not in NON_TOPIC_LEMMAS:
            seen.setdefault(lemma, None)
    return tuple(seen)


def is_negated(span: Span, *, cue: str | None) -> bool:
    """True when the words deny their content: a denial cue, a negated verb, a negating
    determiner or adverb ("no plans", "never"), or a verb that keeps its object from
    happening ("to prevent sending")."""
    if cue and _cue_lemma(cue) in DENIAL_CUES:
        return True
    return bool(_negated_heads(span))


def denied_terms(span: Span) -> tuple[str, ...]:
    """The lemmas of what is denied: each negated word and the nouns it governs."""
    terms: dict[str, None] = {}
    for head in _negated_heads(span):
        for token in (head, *_arguments(head)):
            lemma = (token.lemma_ or token.text).lower()
            if token.pos_ in _TOPIC_POS and lemma not in NON_TOPIC_LEMMAS and _WORD.match(lemma):
                terms.setdefault(lemma, None)
    return tuple(terms)


def denied_words(span: Span) -> tuple[str, ...]:
    """The lemmas of the negated words alone."""
    lemmas = ((h.lemma_ or h.text).lower() for h in _negated_heads(span))
    return tuple(dict.fromkeys(x for x in lemmas if x not in NON_TOPIC_LEMMAS and _WORD.match(x)))


def _negated_heads(span: Span) -> list[Token]:
    heads = []
    for token in span:
        if token.dep_ == "neg" or (
            token.lower_ in NEGATING_WORDS and token.dep_ in ("det", "advmod", "nsubj", "dobj")
        ):
            head = token.head
            # "do not and will not participate": the negated auxiliary's verb is meant
            if head.pos_ == "AUX" and head.dep_ in ("aux", "ROOT") and head.head != head:
                head = head.head
            heads.append(head)
        elif (token.lemma_ or token.text).lower() in NEGATING_VERBS:
            heads += [c for c in token.children if c.dep_ in ("xcomp", "pcomp", "dobj", "ccomp")]
            heads += [
                g
                for c in token.children
                if c.dep_ == "prep"
                for g in c.children
                if g.pos_ == "VERB"
            ]
    return [h for h in heads if span.start <= h.i < span.end]


def _arguments(head: Token) -> list[Token]:
    """The nouns a word governs: its subject, object, and objects of its prepositions,
    following conjunctions ("conscripts or reservists")."""
    found = []
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj"):
            found.append(child)
        elif child.dep_ == "prep":
            found += [g for g in child.children if g.dep_ == "pobj"]
    for token in list(found):
        found += [c for c in token.conjuncts if c.pos_ in ("NOUN", "PROPN")]
    if head.dep_ in ("xcomp", "ccomp", "conj") and not any(
        t.dep_ in ("nsubj", "nsubjpass") for t in found
    ):
        found += [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [t for t in found if t.pos_ in ("NOUN", "PROPN")]


def _cue_lemma(cue: str) -> str:
    word = cue.split()[0].lower() if cue.split() else ""
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + replacement
            if stem in DENIAL_CUES:
                return stem
            if stem + "e" in DENIAL_CUES:
                return stem + "e"
    return word


def annotate(doc: Doc, statements: Iterable[Statement]) -> list[Statement]:
    """The statements with their ``keywords`` and ``negated`` set from the parse."""
    annotated = []
    for statement in statements:
        span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
        if span is None:
            annotated.append(statement)
            continue
        annotated.append(
            dataclasses.replace(
                statement,
                keywords=keywords(span),
                negated=is_negated(span, cue=statement.cue),
                denies=denied_terms(span),
                denied_words=denied_words(span),
            )
        )
    return annotated
