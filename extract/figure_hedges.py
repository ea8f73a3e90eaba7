"""Hedges on figures: in the figure's own sentence, or in a later sentence about "the figures".

A hedge is kept as written ("may have", "estimated", "low confidence"). The figure's own
sentence is read first (:func:`own_hedge`); then :func:`carry_hedges` applies a hedge that
a later sentence puts on "the figures", "the estimates" or "these numbers" ("he said he had
low confidence in the figures") to the figures that phrase refers back to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import lexicon as lx
from newsgraph.extract.amounts import Quantity
from newsgraph.extract.figure_sources import Found
from newsgraph.extract.paragraphs import doc_text
from newsgraph.extract.records import Entity, Statement

_MAX_SENTENCES_BACK = 3
_CLAUSE_POS = ("VERB", "AUX")


def own_hedge(doc: Doc, quantity: Quantity, sentence: Span) -> str | None:
    """A hedge on the figure: in its qualifier, on its governing verb, or in its sentence."""
    if quantity.qualifier and "estimated" in quantity.qualifier.lower():
        return "estimated"
    lowered = sentence.text.lower()
    for phrase in lx.HEDGE_WORDS:
        if " " in phrase and not phrase.endswith(" have") and phrase in lowered:
            return phrase
    ancestors = doc[quantity.core_end - 1].ancestors
    verb = next((t for t in ancestors if t.pos_ in _CLAUSE_POS), None)
    if verb is None:
        return None
    words = [c for c in verb.children if c.dep_ in ("aux", "advmod", "auxpass")]
    joined = " ".join(c.lower_ for c in sorted(words, key=lambda t: t.i))
    for phrase in lx.HEDGE_WORDS:
        if re.search(rf"\b{re.escape(phrase)}\b", joined):
            return phrase
    if verb.lemma_.lower() in ("estimate", "believe", "think") and verb.tag_ == "VBN":
        return verb.text
    return None


def carry_hedges(doc: Doc, found: list[Found], statements: Sequence[Statement]) -> None:
    """Put a hedge on "the figures" onto the earlier figures it refers back to.

    A sentence without figures of its own that hedges a definite reference to figures
    ("low confidence in the figures", "these numbers could not be verified") hedges the
    figures of the nearest earlier sentence of the same paragraph that has any (looking
    back at most three sentences). When those figures come from several sources, only the
    ones from the hedging speaker take the hedge. A figure with a hedge of its own keeps it
    and adds this one after a semicolon ("may have; low confidence").
    """
    for sentence in doc.sents:
        if any(sentence.start_char <= item.figure.start < sentence.end_char for item in found):
            continue
        hedge = referring_hedge(sentence)
        if hedge is None:
            continue
        targets = _referred_figures(doc, found, sentence)
        speaker = _speaker_of(sentence, statements)
        sources = {item.figure.source for item in targets}
        if len(sources) > 1 and speaker in sources:
            targets = [item for item in targets if item.figure.source == speaker]
        for item in targets:
            own = item.figure.hedge
            if own is None or hedge not in own:
                joined = hedge if own is None else f"{own}; {hedge}"
                k = found.index(item)
                found[k] = replace(item, figure=replace(item.figure, hedge=joined))


def referring_hedge(sentence: Span) -> str | None:
    """The hedge a sentence puts on a definite mention of figures, or None.

    The hedge phrase and "the figures" must sit in the same clause ("he had low confidence
    in the figures"; "the estimates could not be independently verified").
    """
    lowered = sentence.text.lower()
    for noun in sentence:
        if not _is_definite_figure_mention(noun):
            continue
        clause = _clause(noun)
        for phrase in lx.FIGURE_REFERENCE_HEDGES:
            for match in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
                span = sentence.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is not None and any(_clause(t) == clause for t in span):
                    return phrase
    return None


def _is_definite_figure_mention(token: Token) -> bool:
    """'the figures', 'these estimates', 'their numbers' (and no number of its own)."""
    if token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() not in lx.FIGURE_MENTIONS:
        return False
    determiners = [c for c in token.children if c.dep_ in ("det", "poss")]
    if not any(d.lower_ in lx.DEFINITE_DETERMINERS for d in determiners):
        return False
    return not any(t.like_num for t in token.subtree)


def _clause(token: Token) -> Token:
    """The nearest verb at or above a token: the clause it belongs to."""
    for candidate in (token, *token.ancestors):
        if candidate.pos_ in _CLAUSE_POS and candidate.dep_ != "aux":
            return candidate
    return token.sent.root


def _referred_figures(doc: Doc, found: Sequence[Found], sentence: Span) -> list[Found]:
    """The figures of the nearest earlier sentence in the paragraph that has figures."""
    start = sentence.start
    for _ in range(_MAX_SENTENCES_BACK):
        if start == 0:
            return []
        previous = doc[start - 1].sent
        if "\n" in doc_text(doc)[previous.end_char : sentence.start_char]:
            return []  # another paragraph
        holding = [
            item
            for item in found
            if previous.start_char <= item.figure.start < previous.end_char
            and "\n" not in doc_text(doc)[item.figure.start : sentence.start_char]
        ]
        if holding:
            return holding
        start = previous.start
    return []


def _speaker_of(sentence: Span, statements: Sequence[Statement]) -> Entity | None:
    """The speaker of a statement overlapping the sentence, if any."""
    for statement in statements:
        if statement.start < sentence.end_char and sentence.start_char < statement.end:
            return statement.speaker
    return None
