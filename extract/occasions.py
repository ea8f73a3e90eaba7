"""What dating needs to know about each statement: its cue's clause, tense and place.

:func:`occasion` turns a drafted statement into a :class:`~newsgraph.extract.dates.Occasion`
(the words of the cue's clause with the content left out, "had said" or "says", the
sentence and paragraph), and :func:`speech_events` finds sentences that date an occasion of
speech without being statements themselves ("The admission came on Wednesday from X").
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from newsgraph.extract.dates import Occasion, SpeechEvent, find_time_expression
from newsgraph.extract.entities import EntityIndex, speaker_span
from newsgraph.extract.lexicon import QUICK_SEQUENCE_ADVERBS, SPEECH_EVENT_NOUNS
from newsgraph.extract.paragraphs import doc_text
from newsgraph.extract.quotes import is_mark_token
from newsgraph.extract.records import Article

_CLAUSAL = {"advcl", "conj", "relcl", "ccomp", "parataxis", "csubj", "xcomp", "acl", "pcomp"}


def clause_text(doc: Doc, cue: Token | None, content: set[int]) -> str:
    """The words of a cue's clause (content, quotes and other clauses left out)."""
    if cue is None:
        return ""
    anchor = cue.head.head if cue.dep_ == "pcomp" else cue
    if cue.text.lower() == "according":
        anchor = cue.head
    skip = set(content)
    for child in anchor.children:
        if child.dep_ in _CLAUSAL and cue not in child.subtree:
            skip.update(t.i for t in child.subtree)
    words = [t for t in anchor.subtree if t.i not in skip]
    if anchor.dep_ == "conj":
        for child in anchor.head.children:
            if child.dep_ in ("prep", "npadvmod", "advmod", "tmod"):
                words.extend(child.subtree)
    words.sort(key=lambda t: t.i)
    return " ".join(t.text for t in words if not is_mark_token(t.text))


def occasion(
    doc: Doc,
    cue: Token | None,
    start: int,
    speaker: int,
    content: set[int],
    sentence_index: dict[int, int],
) -> Occasion:
    """The dating facts of one statement.

    Args:
        doc: The parsed article.
        cue: The statement's cue token, or None for an uncued continuation quote.
        start: The statement's start offset (its position when uncued).
        speaker: The speaker's entity group.
        content: Token indices of the content, left out of the cue's clause.
        sentence_index: Sentence number by the index of each sentence's first token.
    """
    position = cue.idx if cue is not None else start
    sent_start = _sentence_start(doc, position)
    verb = cue if cue is not None and cue.text.lower() != "according" else None
    auxes = [c for c in verb.children if c.dep_ == "aux"] if verb is not None else []
    had = any(a.text.lower() in ("had", "'d") for a in auxes)
    has = any(a.text.lower() in ("has", "have", "'s", "'ve") for a in auxes)
    present = verb is not None and verb.tag_ in ("VBZ", "VBP")
    adverbs = (
        {c.text.lower() for c in verb.children if c.dep_ == "advmod"} if verb is not None else set()
    )
    main = verb is None or verb.dep_ in ("ROOT", "conj", "parataxis") or verb.head.dep_ == "ROOT"
    return Occasion(
        speaker=speaker,
        position=position,
        sentence=sentence_index.get(sent_start, 0),
        paragraph=doc_text(doc).count("\n", 0, position),
        clause_text=clause_text(doc, cue, content),
        continuation=cue is None,
        pluperfect=had,
        perfect_or_present=has or present,
        main_clause=main and (verb is None or verb.dep_ != "advcl"),
        quick=bool(adverbs & QUICK_SEQUENCE_ADVERBS),
    )


def _sentence_start(doc: Doc, offset: int) -> int:
    """The index of the first token of the sentence holding ``offset``."""
    span = doc.char_span(offset, min(offset + 1, len(doc_text(doc))), alignment_mode="expand")
    return span.sent.start if span is not None and len(span) else 0


def speech_events(
    doc: Doc, article: Article, entities: EntityIndex, cues: set[int]
) -> tuple[list[SpeechEvent], list[tuple[int, dt.date]]]:
    """Sentences that date an occasion of speech without being a statement themselves."""
    events, days = [], []
    for sent in doc.sents:
        found = find_time_expression(sent.text, article.published)
        if found is None or found.date is None or found.relative_to_context:
            continue
        days.append((sent.start_char, found.date))
        if any(t.i in cues for t in sent):
            continue
        if not any(t.lemma_.lower() in SPEECH_EVENT_NOUNS for t in sent):
            continue
        groups = []
        for token in sent:
            if token.pos_ == "PROPN" and token.dep_ not in ("compound",):
                group = entities.resolve_group(speaker_span(token))
                if group is not None:
                    groups.append(group)
        if groups:
            events.append(SpeechEvent(tuple(groups), sent.start_char, found.date, found.text))
    return events, days
