"""Who reports a figure: the speaker of the statement it sits in, a source named in its
sentence, or a source carried from context.

:func:`attribute` sets each figure's ``source`` and ``attribution``: "quote" (inside a
statement: its speaker, or inside the complement of the statement's verb of saying past
its quoted words), "explicit" ("according to X", "X said", "a report by X"),
"context" (a survey or report named in the sentence before, carried along a run of
numbers in the paragraph; a headline figure takes the source of the same number in the
body), or "none".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import lexicon as lx
from newsgraph.extract.amounts import Quantity
from newsgraph.extract.figure_runs import (
    Runs,
    cited_by_preposition,
    cue_token,
    is_headline,
    poll_author,
)
from newsgraph.extract.paragraphs import doc_text
from newsgraph.extract.records import Attribution, Entity, Figure, Statement
from newsgraph.extract.source_names import (
    Author,
    author_of,
    document_author,
    document_authors,
    resolve_first,
    source_spans,
)

if TYPE_CHECKING:
    from newsgraph.extract.entities import EntityIndex


@dataclass(frozen=True)
class Found:
    """A figure being built: the quantity, its record and what the parse says about it."""

    quantity: Quantity
    figure: Figure
    noun: str | None
    """The counted noun as written, for an elliptical number after it ("a further 38")."""
    line: int
    """The line (paragraph) of the text the figure is on."""
    from_document: bool = False
    """The source is the author of a report, survey or study the sentence cites."""
    carries: bool = True
    """The source may be carried on to the figures after it (not a plan's or a memo's
    one-off claim: only data, reports, polls and reporters start a run)."""


def attribute(
    doc: Doc,
    found: list[Found],
    statements: Sequence[Statement],
    entities: EntityIndex,
) -> None:
    """Set each figure's source: quote, explicit, context, or none."""
    authors = document_authors(doc, entities)
    runs = Runs(doc, found, statements, entities, authors)
    for k, item in enumerate(found):
        figure, quantity = item.figure, item.quantity
        core_start = doc[quantity.core_start].idx
        core_end = doc[quantity.core_end - 1].idx + len(doc[quantity.core_end - 1].text)
        statement = next(
            (s for s in statements if s.start <= core_start and core_end <= s.end), None
        )
        sentence = doc.char_span(figure.sentence_start, figure.sentence_end, "expand")
        source: Entity | None = None
        attribution: Attribution = "none"
        document, carries = False, True
        if statement is not None:
            source, attribution = _issuer(doc, statement, authors), "quote"
        elif sentence is not None:
            source, document = _sentence_source(sentence, quantity, entities, authors)
            attribution = "explicit"
            if source is not None and source.kind == "document" and not document:
                carries = False  # 'Initial business plans forecast ...'

        if source is None and sentence is not None:
            source, attribution = _continued_quote_speaker(sentence, statements), "quote"
        if source is None and sentence is not None:
            source, attribution = _cue_complement_speaker(doc, quantity, statements), "quote"
        if source is None and sentence is not None and runs.may_carry(k):
            context = _context_source(doc, found, k, sentence, entities)
            source, attribution = runs.unless_personal(k, context), "context"
        if source is None and sentence is not None:
            source, attribution = runs.source(k), "context"
        if source is not None:
            figure = replace(figure, source=source, attribution=attribution)
            found[k] = replace(item, figure=figure, from_document=document, carries=carries)
    runs.name_after(found)
    _carry_into_headlines(doc, found)


def _issuer(doc: Doc, statement: Statement, authors: Sequence[Author]) -> Entity:
    """The speaker of a statement, or for a document named without its author ("The poll
    shows ...") the author named with it earlier ("a new Harbour College poll"), as a cited
    document's figures are its author's."""
    speaker = statement.speaker
    if speaker.kind != "document" or speaker.affiliation is not None:
        return speaker
    sentence = doc.char_span(statement.sentence_start, statement.sentence_end, "expand")
    nouns = [t for t in sentence or () if t.lemma_.lower() in lx.DATA_SOURCE_NOUNS]
    named = [t for t in nouns if t.pos_ == "NOUN" and t.text.lower() in speaker.name.lower()]
    author = document_author(named[0], authors) or poll_author(named[0], authors) if named else None
    return author if author is not None else speaker


def _continued_quote_speaker(sentence: Span, statements: Sequence[Statement]) -> Entity | None:
    """The speaker of a quotation running on into this sentence.

    News style reopens a long quotation at each sentence or paragraph without closing it
    ('"Career sexism is ... industry.') and closes it only at its end ('... it is 60p."').
    A sentence that opens with a quotation mark and never closes it, or closes one it never
    opened, continues the latest statement before it (within two paragraphs); a sentence
    wholly in quotation marks continues a statement whose cue ends just before it.
    """
    text = sentence.text.strip()
    before = doc_text(sentence.doc)[max(sentence.start_char - 2, 0) : sentence.start_char]
    if len(before) == 2 and before[1] in lx.OPENING_QUOTE_MARKS and before[0].isspace():
        text = before[1] + text  # the parse left the opening mark on the sentence before
    marks = [c for c in text if c in lx.QUOTE_MARKS]
    opens = text[:1] in lx.OPENING_QUOTE_MARKS
    closes = text[-1:] in lx.CLOSING_QUOTE_MARKS
    whole = opens and closes and len(marks) == 2
    if len(marks) != 1 and not whole:
        return None
    if not (opens or closes):
        return None
    earlier = [s for s in statements if s.start < sentence.start_char]
    if not earlier:
        return None
    latest = max(earlier, key=lambda s: s.start)
    between = doc_text(sentence.doc)[latest.end : sentence.start_char]
    if whole:  # an uncued quotation right after a cued one: '"A," X said. "B."'
        return latest.speaker if len(between) < 80 and "\n" not in between else None
    return latest.speaker if between.count("\n\n") <= 1 and len(between) < 1500 else None


CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "attr", "oprd"})
"""The dependents of a verb of saying that hold what is said ("urged them to vote in 15
places", "cite concerns with the 160-unit plan"), not who says it, to whom, or what else
the speaker does ("and deployed 600 troops")."""


def _cue_complement_speaker(
    doc: Doc, quantity: Quantity, statements: Sequence[Statement]
) -> Entity | None:
    """The speaker of a statement whose cue verb's complement holds the figure.

    What is reported reaches as far as the complement of the verb of saying, even where
    the statement's words were cut shorter ('His administration urged Republicans to
    "nationalize" voting in at least 15 places': the 15 places are what was urged). A
    figure in the speaker's own phrase ('Ten attorneys general asked ...', 'Foley, director
    of a 30,000 square-foot shelter, said'), or in what else the speaker did ('... and
    deployed 600 troops'), is the article's.
    """
    core = doc[quantity.core_end - 1]
    for statement in statements:
        if not statement.sentence_start <= core.idx < statement.sentence_end:
            continue
        cue = cue_token(doc, statement)
        if cue is None:
            continue
        for child in cue.children:
            if child.dep_ in CONTENT_DEPS and core in child.subtree:
                return statement.speaker
    return None


def _context_source(
    doc: Doc, found: list[Found], k: int, sentence: Span, entities: EntityIndex
) -> Entity | None:
    """A source carried to a run of numbers: from a document named in the previous
    sentence ('a survey by X suggests ...'), and on along the following sentences of the
    paragraph while each has figures."""
    item = found[k]
    for previous in reversed(found[:k]):
        gap = doc_text(doc)[previous.figure.sentence_end : item.figure.sentence_start]
        if previous.line != item.line:
            break
        if gap.strip():
            if _one_sentence(gap) and _reporting_org(previous):
                return previous.figure.source  # 'The NAO said ... . Finally, ... . £550m ...'
            break
        if previous.figure.attribution == "context" or previous.from_document:
            return previous.figure.source
    before = sentence.start - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0:
        return None
    previous_sentence = doc[before].sent
    return _document_source(previous_sentence, entities)


def _one_sentence(gap: str) -> bool:
    """Whether the text between two sentences is a single sentence without quotation."""
    ends = re.findall(r"[.!?](?:\s|$)", gap.strip())
    return len(ends) == 1 and not any(c in lx.QUOTE_MARKS for c in gap)


def _reporting_org(item: Found) -> bool:
    """An organisation named as the figure's reporter (not a speaker quoted)."""
    source = item.figure.source
    return source is not None and source.kind == "org" and item.figure.attribution != "quote"


def _document_source(sentence: Span, entities: EntityIndex) -> Entity | None:
    """The named author of a survey, report or study the sentence cites."""
    for token in sentence:
        if token.lemma_.lower() not in lx.DATA_SOURCE_NOUNS:
            continue
        cited = token.dep_ == "nsubj" and token.head.lemma_.lower() in lx.FIGURE_SOURCE_VERBS
        cited = cited or (token.dep_ == "pobj" and token.head.head.lower_ == "according")
        if not cited:
            continue
        entity = resolve_first(source_spans(token), entities)
        if entity is not None:
            return entity
    return None


def _carry_into_headlines(doc: Doc, found: list[Found]) -> None:
    """A figure on a headline line takes the source of the same number in the body."""
    for k, item in enumerate(found):
        if item.figure.source is not None or not is_headline(item.figure.sentence):
            continue
        for later in found[k + 1 :]:
            if later.line != item.line and _same_numbers(item.figure, later.figure):
                if later.figure.source is not None and not is_headline(later.figure.sentence):
                    figure = replace(item.figure, source=later.figure.source, attribution="context")
                    found[k] = replace(item, figure=figure)
                break


def _same_numbers(a: Figure, b: Figure) -> bool:
    pairs = [(a.value, b.value), (a.low, b.low), (a.high, b.high)]
    if all(x is None for x, _ in pairs):
        return False
    return all(x == y or (x and y and abs(x - y) <= 0.005 * abs(x)) for x, y in pairs)


_TRAILING_CUE_DEPS = ("punct", "advmod", "prep", "npadvmod", "agent", "nsubj")


def _sentence_source(
    sentence: Span, quantity: Quantity, entities: EntityIndex, authors: Sequence[Author]
) -> tuple[Entity | None, bool]:
    """A source named in the figure's sentence: 'according to X', 'X said', 'X reported'.

    Returns the source and whether it is the author of a cited document ('a report by X
    says', or 'the report said' after X's report was named).
    """
    core = sentence.doc[quantity.core_end - 1]
    candidates: list[tuple[int, Span]] = []
    documents: list[Token] = []
    clause = next((t for t in core.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if clause is not None:  # "the poll surveyed 1,166 adults": a document's own clause
        for subject in _subjects(clause, sentence):
            if _is_document(subject) and core not in subject.subtree:
                documents.append(subject)
    for token in sentence:
        if _according_to(token, core):
            for obj in (c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"):
                candidates.extend((0, span) for span in source_spans(obj))
                documents.append(obj)
        if cited_by_preposition(token) and _on_clause_of(token, core):  # "in the latest poll"
            spans = [s for s in source_spans(token) if not s.start <= core.i < s.end]
            candidates.extend((2, span) for span in spans)
            documents.append(token)
            continue
        if (
            _is_document(token)
            and token != core
            and (core in token.subtree or _content_of(token, core))
        ):
            spans = [s for s in source_spans(token) if not s.start <= core.i < s.end]
            candidates.extend((1, span) for span in spans)  # "X's forecast of 3%"
            if spans or not _handled(token, core):
                documents.append(token)  # "the poll, conducted ..., surveyed 1,166 adults"
        if _describes_as(token, core):  # "X described the hospital as five times older"
            for subject in _subjects(token, sentence):
                if core not in subject.subtree and not subject.like_num:
                    candidates.extend((1, span) for span in source_spans(subject))
            continue
        if not _verbal(token) or token.lemma_.lower() not in lx.FIGURE_SOURCE_VERBS:
            continue
        if _reflexive(token):  # "they found themselves complaining about ...": no finding
            continue
        governs = _governs(token, core)
        trailing = (
            token.i > core.i
            and token.dep_ in ("ROOT", "conj", "parataxis")
            and all(c.dep_ in _TRAILING_CUE_DEPS for c in token.rights)
        )
        if not (governs or trailing):
            continue
        rank = 1 if governs else 2
        subjects = _subjects(token, sentence)
        if not subjects and _is_participle_clause(token):
            subjects = _subjects(_main_verb(token), sentence)  # 'Reporting ..., X made ...'
        for subject in subjects:
            if core in subject.subtree or subject.like_num or _share_of_people(subject):
                continue
            if _polled(subject):  # 'Economists polled by Reuters expect ...': themselves
                group = entities.add_unnamed(subject)
                if group is not None:
                    return entities._entity(group), False
            candidates.extend((rank, span) for span in source_spans(subject))
            documents.append(subject)
    ranked = [span for _, span in sorted(candidates, key=lambda c: c[0])]
    source = resolve_first(ranked, entities)
    cited = [t for t in documents if t.lemma_.lower() in lx.DATA_SOURCE_NOUNS]
    if source is None and cited:
        author = author_of(cited[0], authors) or poll_author(cited[0], authors)
        if author is None:  # "new government data showed ...": the document itself
            group = entities.add_unnamed(cited[0])
            author = entities._entity(group) if group is not None else None
        return author, True
    other = [t for t in documents if _reporting_document(t)]
    if source is None and other:  # 'Initial business plans forecast ...': not a data source
        group = entities.add_unnamed(other[0])
        return (entities._entity(group) if group is not None else None), False
    return source, bool(cited) and source is not None


SHARE_NOUNS = lx.PERCENT_WORDS | frozenset(lx.FRACTION_WORDS) | {"majority", "minority", "share"}
"""Nouns of a part of a group ("59 percent of prisoners", "half of respondents")."""


def _share_of_people(subject: Token) -> bool:
    """'Fifty-nine percent of prisoners reported being assaulted, compared to just 4.4% of
    ...': a share of a group who report is a study's finding (its respondents), not the
    source of another figure in the sentence."""
    return subject.lower_ in SHARE_NOUNS or subject.lemma_.lower() in SHARE_NOUNS


def _handled(document: Token, core: Token) -> bool:
    """'examining the records of all 32,000 people who died': a document without a named
    author that someone acts on (the object of a verb that reports nothing) is what they
    handle, not a source cited for the figure in it; unless the figure is in the claim the
    document carries ('would not discuss reports that the party repaid £500,000')."""
    claims = [c for c in document.children if c.dep_ in ("acl", "relcl", "ccomp")]
    if any(core in c.subtree for c in claims):
        return False
    verb = document.head
    if document.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    return (
        document.dep_ in ("dobj", "pobj")
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() not in lx.FIGURE_SOURCE_VERBS
    )


REFLEXIVE_PRONOUNS = frozenset(
    {"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves",
     "themselves", "oneself"}
)  # fmt: skip


def _reflexive(verb: Token) -> bool:
    """'They found themselves complaining', 'she showed herself ready': a verb of finding
    or showing with a reflexive object tells where its subject ended up, not a finding."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
        objects += [c for c in clause.children if c.dep_ == "nsubj"]  # the parse's reading
    return any(o.lower_ in REFLEXIVE_PRONOUNS for o in objects)


DESCRIBING_VERBS = frozenset({"describe", "characterize", "characterise", "portray", "depict"})
"""Verbs by which a subject gives its own account of something 'as' what it is."""


def _describes_as(verb: Token, core: Token) -> bool:
    """'X described the hospital as nearly five times older ...': the figure is in what
    the subject says the thing is, the subject's account."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in DESCRIBING_VERBS:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "as" and core in c.subtree for c in verb.children)


def _according_to(token: Token, core: Token) -> bool:
    """'according to X' on the figure: its clause holds the figure ('Output rose 0.9%,
    according to X'), not a relative clause beside it ('a rise that, according to X,
    showed ...')."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return False
    clause = token.head
    return clause.dep_ not in ("relcl", "acl") or core in clause.subtree


def _reporting_document(subject: Token) -> bool:
    """'Initial business plans forecast a quarter of a million students', 'the memo
    estimates ...': any document that is the subject of a verb of reporting is cited."""
    return (
        subject.dep_ == "nsubj"
        and subject.pos_ == "NOUN"
        and subject.lemma_.lower() in lx.DOCUMENT_NOUNS
        and subject.head.lemma_.lower() in lx.FIGURE_SOURCE_VERBS
    )


POLLING_VERBS = frozenset({"poll", "survey", "ask", "interview", "question", "canvass"})


def _polled(subject: Token) -> bool:
    """'Economists polled by Reuters', 'analysts surveyed by Bloomberg': people asked by an
    organisation give their own answers; the organisation only asked."""
    return any(
        c.dep_ == "acl" and c.lemma_.lower() in POLLING_VERBS and c.tag_ == "VBN"
        for c in subject.children
    )


def _content_of(document: Token, core: Token) -> bool:
    """'the institute's predictions that Labour will need to cover an £11bn gap': a 'that'
    clause written right after a document noun is its content, even where the parse hangs
    it on the sentence's verb."""
    doc = document.doc
    if document.i + 1 >= len(doc) or doc[document.i + 1].lower_ != "that":
        return False
    mark = doc[document.i + 1]
    return mark.dep_ == "mark" and core in mark.head.subtree


def _on_clause_of(document: Token, core: Token) -> bool:
    """The clause a cited document's preposition hangs on holds the figure ('In the
    poll, 42% backed the mayor'), and is not a relative clause beside it."""
    clause = next((t for t in document.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if clause is not None and clause.lemma_.lower() in ("base", "judge"):
        clause = clause.head  # 'based on the survey, ...': the clause it modifies
    if clause is None or clause.dep_ in ("relcl", "acl") and core not in clause.subtree:
        return False
    return core in clause.subtree and core not in document.subtree


def _is_document(token: Token) -> bool:
    return (
        token.pos_ == "NOUN" and token.lemma_.lower() in lx.DATA_SOURCE_NOUNS and not _verbal(token)
    )


def _verbal(token: Token) -> bool:
    """A verb, or a word tagged a noun that the parse gives a subject and a clause ('Thad
    estimates he's been ...', 'the department reports show'): a verb misread."""
    if token.pos_ == "VERB":
        return True
    deps = {c.dep_ for c in token.children}
    return token.pos_ == "NOUN" and "nsubj" in deps and "ccomp" in deps


INFERENCE_VERBS = frozenset({"suggest", "indicate", "show", "imply", "signal", "mean"})
"""Verbs of what a fact implies: as a participle after a clause ("The town has 240 adults,
suggesting a cost of $1,200") their subject is that clause's fact, not its subject."""


def _is_participle_clause(verb: Token) -> bool:
    """'Reporting its results, ...', '... by forecasting growth of 3%': a subjectless -ing
    clause whose subject is the main verb's. An inference ('..., suggesting ...') is the
    main clause's fact speaking, and reports nothing of its subject's."""
    if verb.lemma_.lower() in INFERENCE_VERBS:
        return False
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "pcomp", "xcomp")


def _main_verb(verb: Token) -> Token:
    """The nearest verb above a participle clause ('surprised' above 'by forecasting')."""
    return next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), verb.head)


def _governs(verb: Token, core: Token) -> bool:
    """Whether a source verb's clause holds the figure.

    A participle clause ('Reporting its results, the airline made £75m') reports its main
    clause; 'add' and 'count' report only their clausal complement ('he added that ...'),
    not their object ('shares added 5%').
    """
    if _is_participle_clause(verb) and core not in verb.subtree:
        return core in _main_verb(verb).subtree
    if verb.lemma_.lower() in lx.CLAUSE_ONLY_SOURCE_VERBS:
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
        return any(core in c.subtree for c in clauses)
    return core in verb.subtree


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
    i = verb.i - 1
    while i > sentence.start and verb.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1  # 'British Airways has blamed ...'
    before = verb.doc[i]
    if before.pos_ in ("PROPN", "NOUN") and before.i in inside:
        return [before]
    return []
