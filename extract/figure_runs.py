"""Runs of figures from one source, for figures whose own sentence names none.

A poll, a report, a data release or an organisation reporting numbers reports the figures
that follow it, in the next sentences and paragraphs, until another source takes over or
the topic changes. The source may be cited in a sentence without a number of its own
("The Reuters/Ipsos poll was conducted online over four days.", "The decline in output,
reported by the Federal Reserve on Friday, ..."), and a quoted commentator's paragraph in
between does not end the run. The topic has changed when more than
:data:`RUN_PARAGRAPHS` paragraphs pass without a figure, of prose or of other named
sources speaking. A sum of money stated in passing inside a run of other measures takes
no source from it, and does not end it; nor does a figure in a sentence where another
source speaks ("Ten attorneys general also asked ..."), which is the article's.

A poll's findings are its respondents' answers: a percentage of people who say, think or
back something ("32% of employed Americans said ...", "38 percent of respondents") is the
finding of the poll, survey or study named last before it, however far back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import lexicon as lx
from newsgraph.extract.paragraphs import doc_text
from newsgraph.extract.records import Entity, Figure, Statement
from newsgraph.extract.source_names import Author, author_of, resolve_first, source_spans
from newsgraph.extract.sources import person_noun

if TYPE_CHECKING:
    from newsgraph.extract.entities import EntityIndex
    from newsgraph.extract.figure_sources import Found

RUN_PARAGRAPHS = 2
"""Paragraphs without a figure (prose, or named sources speaking) after which a run of
figures from one source has ended (the topic has changed)."""
RUN_CHARS = 3000
"""Characters after which a run of figures has ended, whatever lies between."""
_SENTENCE_END = re.compile(r"[.!?:\"”’')]\s*$")

POLL_NOUNS = frozenset(
    {"poll", "polling", "survey", "study", "assessment", "questionnaire", "census", "research"}
)
"""Documents whose numbers are their respondents' answers."""

RELEASE_VERBS = frozenset(
    {"report", "release", "publish", "compile", "collect", "conduct", "issue", "post", "show",
     "track", "monitor", "count", "tally", "survey", "poll", "analyze", "analyse"}
)  # fmt: skip
"""Verbs by which an organisation puts out numbers ("reported by the Federal Reserve")."""

CONDUCT_VERBS = frozenset(
    {"conduct", "carry", "release", "publish", "send", "provide", "share", "supply"}
)
"""Verbs whose object is a document put out ("to conduct this assessment", "the health
department sent Street Spirit data on emergency calls")."""

OWN_VERBS = frozenset(
    {"include", "cover", "ask", "interview", "sample", "measure", "involve", "have", "give",
     "put", "paint", "mark", "rank", "compare", "examine", "analyze", "analyse", "look"}
)  # fmt: skip
"""Verbs by which a document's own contents are told ("the poll included 1,166 adults",
"the survey asked", "the data paint a picture"), not what happened to it ("the study
comes as ...", "reports of overdoses increased")."""

ANSWER_VERBS = frozenset(
    {"say", "think", "believe", "want", "support", "approve", "disapprove", "oppose", "back",
     "favor", "favour", "prefer", "agree", "disagree", "plan", "expect", "feel", "consider",
     "rate", "view", "identify", "report", "describe", "worry", "fear", "trust", "accept",
     "name", "choose", "intend", "add", "tell"}
)  # fmt: skip
"""Verbs of respondents' answers ("41% said", "a further 10% would accept")."""

RESPONDENT_NOUNS = frozenset(
    {"respondent", "response", "voter", "adult", "american", "resident", "people", "person",
     "participant", "interviewee", "household", "parent", "worker", "employee", "consumer",
     "citizen", "member", "supporter", "republican", "democrat", "independent", "student",
     "user", "customer", "patient", "mover", "likely", "registered", "briton", "canadian"}
)  # fmt: skip
"""Who a poll's percentages are of ("percent of respondents", "of registered voters")."""


@dataclass(frozen=True)
class Anchor:
    """A document or a reporting organisation a sentence cites, with or without a figure of
    its own ("The poll was conducted online", "The decline, reported by the Federal
    Reserve, ...")."""

    token: int
    """The document noun or the organisation's head token."""
    end: int
    """Where its sentence ends (a character offset)."""
    line: int
    document: bool
    """A poll, survey or study (its respondents' numbers are its findings)."""
    new: bool = True
    """Named afresh ("a new poll", "the Reuters/Ipsos poll", "data from the ONS"), not
    referred back to ("the poll", "its index"): only a new source takes over a run."""
    according: bool = False
    """Cited by 'according to' ('The city is split evenly, according to census data')."""


def is_headline(sentence: str) -> bool:
    """A short line without a sentence's closing punctuation."""
    words = sentence.split()
    return 0 < len(words) <= 20 and not _SENTENCE_END.search(sentence)


class Runs:
    """Sources carried along runs of figures in one article."""

    def __init__(
        self,
        doc: Doc,
        found: Sequence[Found],
        statements: Sequence[Statement],
        entities: EntityIndex,
        authors: Sequence[Author],
    ) -> None:
        self.doc, self.found, self.entities, self.authors = doc, found, entities, authors
        self.text = text = doc_text(doc)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.anchors = list(_anchors(doc, self._line))
        self._quiet = _quiet_lines(text, found, statements, self._line)
        self.statements = statements
        self._resolved: dict[int, Entity | None] = {}
        self._aside: set[int] = set()
        """Figures the article states in passing inside a run, which do not end it."""

    def _line(self, char: int) -> int:
        return bisect_right(self._line_starts, char) - 1

    def source(self, k: int) -> Entity | None:
        """The source the run holding figure ``k`` carries to it, if any. A headline's
        figure takes none: a headline opens a story of its own (and takes the source of
        the same number in the body, if any)."""
        if not self.may_carry(k):
            return None
        return self.unless_personal(k, self._run(k) or self._poll_finding(k))

    def may_carry(self, k: int) -> bool:
        """Whether figure ``k`` may take a source from context at all: not a headline's, a
        share price's, or one whose own clause has a reporter ('the ministry estimated that
        ...': someone else took over)."""
        figure = self.found[k].figure
        if is_headline(figure.sentence) or market_price(figure):
            return False
        if _about_a_measure(self.doc, self.found[k]):
            return False
        return not _own_reporter(self.doc, self.found[k])

    def unless_personal(self, k: int, source: Entity | None) -> Entity | None:
        """``source`` carried to figure ``k``, unless the figure tells what a person did or
        has ('Soo used to pay $15'): a person's own doings are not a release's finding; nor
        is a sum of money after a source whose figures were all other measures ('65% of job
        movers ...', then 'gas prices edge closer to $4.50'): the article states a price of
        its own background in passing, and the run goes on past it; so is a figure in an
        aside (', which accounts for about 9% of the economy,'). A poll's percentages of a
        person ('she leads 51 percent to 33 percent', 'Baines has 37 percent') are its
        measure of them, not their doings."""
        if source is None:
            return None
        if self._other_speaks(k, source):
            self._aside.add(k)
            return None
        measured = self.found[k].figure.unit == "percent" and self._from_poll(k, source)
        if source.kind != "person" and _personal(self.doc, self.found[k]) and not measured:
            return None
        if _in_aside(self.doc, self.found[k]):
            self._aside.add(k)
            return None
        given = [f for f in self.found[:k] if _same_source(f.figure.source, source)]
        if _money(self.found[k].figure) and given and not any(_money(f.figure) for f in given):
            self._aside.add(k)
            return None
        return source

    def _from_poll(self, k: int, source: Entity) -> bool:
        """The source carried to figure ``k`` is a poll's or a survey's: the last document
        or reporter cited before the figure that stands for it is a poll."""
        start = self.found[k].figure.sentence_start
        for anchor in reversed([a for a in self.anchors if self.doc[a.token].idx < start]):
            if _same_source(self._entity(anchor), source):
                return anchor.document
        return False

    def _other_speaks(self, k: int, source: Entity) -> bool:
        """Another source speaks in the figure's sentence ('Ten attorneys general also
        asked the SEC ...', after a court document's numbers): it takes over there, and the
        figure outside its words is the article's. Respondents answering the run's own
        document ('more than 1,000 respondents told the survey') do not take over."""
        start = self.found[k].figure.start
        for statement in self.statements:
            if not statement.sentence_start <= start < statement.sentence_end:
                continue
            if _same_source(statement.speaker, source):
                continue
            cue = cue_token(self.doc, statement)
            if cue is not None and _addressed_to_document(cue):
                continue
            return True
        return False

    def _run(self, k: int) -> Entity | None:
        item = self.found[k]
        start = item.figure.sentence_start
        before = [a for a in self.anchors if a.end <= start or self._earlier_in(a, item)]
        anchor = before[-1] if before else None
        for j in range(k - 1, -1, -1):
            previous = self.found[j]
            if j in self._aside:
                continue
            if anchor is not None and anchor.end > previous.figure.sentence_start:
                if anchor.new:
                    break  # a source cited after the last figure takes over
                anchor = None  # 'the poll' again: the run goes on, or it starts here
                if (source := self._continued(previous, item)) is not None:
                    return source
                anchor = before[-1]
                break
            if self._quiet_between(previous.line, item.line) > RUN_PARAGRAPHS:
                return None
            if self._speaker_goes_on(previous, item):
                return previous.figure.source
            if previous.figure.attribution == "quote" and not _reporting(previous):
                continue  # a person quoted: their numbers are theirs, the run goes on
            return self._continued(previous, item)
        if anchor is None or start - anchor.end > RUN_CHARS:
            return None
        if anchor.according and anchor.line != item.line and not self._has_figure(anchor):
            return None  # it was cited for its sentence's own claim, which had no number
        if self._quiet_between(anchor.line, item.line) > RUN_PARAGRAPHS:
            return None
        return self._entity(anchor)

    def _speaker_goes_on(self, previous: Found, item: Found) -> bool:
        """A person's figures run on into the next sentence of the same paragraph ('...,
        he said. And more than a dozen states have none.'); beyond it, a person's run ends."""
        source = previous.figure.source
        if source is None or _reporting(previous) or previous.line != item.line:
            return False
        if previous.figure.attribution not in ("quote", "explicit"):
            return False
        if previous.figure.sentence_start == item.figure.sentence_start:
            return False
        gap = self.text[previous.figure.sentence_end : item.figure.sentence_start]
        return not gap.strip() and not _contrast(item.figure.sentence)

    def _earlier_in(self, anchor: Anchor, item: Found) -> bool:
        """The anchor is in the figure's sentence, before it ('To conduct this survey, we
        sent ..., followed by 25 interviews')."""
        first = self.doc[item.quantity.start]
        return anchor.token < first.i and self.doc[anchor.token].sent == first.sent

    def name_after(self, found: list[Found]) -> None:
        """A source named after its figures: a sentence that refers back to them ("The
        numbers are likely an underestimate, as the fire department's reports showed
        ...") gives its source to the unsourced figures of the sentences just before it
        in its paragraph."""
        for anchor in self.anchors:
            token = self.doc[anchor.token]
            if not anchor.new or not _refers_back_to_numbers(token.sent):
                continue
            entity = None
            sentence_start = boundary = token.sent.start_char
            for k in range(len(found) - 1, -1, -1):
                item = found[k]
                if item.figure.sentence_start >= sentence_start:
                    continue
                if item.line not in (anchor.line, anchor.line - 1):
                    break  # the paragraph it closes, or the one it opens after
                if item.figure.attribution != "none" or market_price(item.figure):
                    break
                gap = self.text[item.figure.sentence_end : max(boundary, item.figure.sentence_end)]
                if _SENTENCE_ENDS.search(gap):
                    break  # a sentence without a figure in between
                entity = entity or self._entity(anchor)
                if entity is None:
                    break
                figure = replace(item.figure, source=entity, attribution="context")
                found[k] = replace(item, figure=figure)
                boundary = item.figure.sentence_start

    def _continued(self, previous: Found, item: Found) -> Entity | None:
        """The source of a reported figure before, carried on to this one."""
        if not _reporting(previous) or previous.figure.attribution == "none":
            return None
        if self._quiet_between(previous.line, item.line) > RUN_PARAGRAPHS:
            return None
        if item.figure.sentence_start - previous.figure.sentence_end > RUN_CHARS:
            return None
        return previous.figure.source

    def _poll_finding(self, k: int) -> Entity | None:
        """The poll, survey or study named last before a respondents' figure."""
        item = self.found[k]
        if not _is_answer_share(self.doc, item):
            return None
        polls = [a for a in self.anchors if a.document and a.end <= item.figure.sentence_start]
        for anchor in reversed(polls):
            entity = self._entity(anchor)
            if entity is not None:
                return entity
        return None

    def _has_figure(self, anchor: Anchor) -> bool:
        sentence = self.doc[anchor.token].sent
        return any(
            sentence.start_char <= f.figure.sentence_start < sentence.end_char for f in self.found
        )

    def _quiet_between(self, first: int, last: int) -> int:
        return sum(1 for line in range(first + 1, last) if line in self._quiet)

    def _entity(self, anchor: Anchor) -> Entity | None:
        if anchor.token not in self._resolved:
            self._resolved[anchor.token] = _anchor_entity(
                self.doc[anchor.token], self.entities, self.authors
            )
        return self._resolved[anchor.token]


CONTRAST_OPENERS = frozenset(
    {"still", "however", "nonetheless", "nevertheless", "meanwhile", "separately"}
)
"""Words opening a sentence that answers the one before ('Still, 140,000 patients waited
...'): the writer, not the speaker just quoted, is talking."""


def _contrast(sentence: str) -> bool:
    first = re.match(r"\W*(\w+)", sentence)
    return first is not None and first.group(1).lower() in CONTRAST_OPENERS


def cue_token(doc: Doc, statement: Statement) -> Token | None:
    """The statement's verb of saying, as a token of its sentence (the nearest one of the
    cue's text to the statement's words)."""
    if not statement.cue:
        return None
    sentence = doc.char_span(statement.sentence_start, statement.sentence_end, "expand")
    cues = [
        t
        for t in sentence or ()
        if t.pos_ == "VERB"
        and t.text.lower() == statement.cue.lower()
        and not statement.start <= t.idx < statement.end
    ]
    return min(cues, key=lambda t: abs(t.idx - statement.start), default=None)


def _addressed_to_document(cue: Token) -> bool:
    """'told the survey', 'said in the questionnaire': words given to a document, a poll's
    respondents answering it."""
    for child in cue.children:
        nouns = [child] if child.dep_ in ("dative", "dobj") else []
        if child.dep_ == "prep":
            nouns = [c for c in child.children if c.dep_ == "pobj"]
        if any(n.lemma_.lower() in lx.DATA_SOURCE_NOUNS for n in nouns):
            return True
    return False


def _money(figure: Figure) -> bool:
    """A sum of money ('$4.50', '£75m', '40 pence')."""
    return figure.unit in lx.CURRENCY_CODES or figure.unit in lx.SUBUNIT_WORDS.values()


def _same_source(a: Entity | None, b: Entity) -> bool:
    """The same source, or a document and its author ('a new Monster study' and Monster)."""
    if a is None:
        return False
    names = {a.source_name, a.affiliation.name if a.affiliation else a.name}
    return bool(names & {b.source_name, b.affiliation.name if b.affiliation else b.name})


_MARKET = re.compile(r"\b(?:shares|stocks?|share price|stock price)\b", re.IGNORECASE)


def market_price(figure: Figure) -> bool:
    """A share price or its move ('Allied Domecq shares rose 4%', 'closed up four pence'):
    the market's public record, which the article states itself, not a report's finding."""
    before = figure.sentence[: figure.end - figure.sentence_start]
    return bool(_MARKET.search(before))


_SENTENCE_ENDS = re.compile(r"[.!?][\"'”’)]*\s+\S")
_BACK_NOUNS = frozenset({"number", "figure", "data", "datum", "statistic", "count", "tally"})


def _refers_back_to_numbers(sentence: Span) -> bool:
    """'The numbers are likely an underestimate, as ...', 'These figures come from ...':
    the subject is a definite mention of numbers already given."""
    for token in sentence:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.lemma_.lower() not in _BACK_NOUNS:
            continue
        determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
        if determiners and determiners[0] in ("the", "these", "this", "those"):
            return True
    return False


def _personal(doc: Doc, item: Found) -> bool:
    """The figure tells what a person did or has ('Soo used to pay $15 for a refill', 'Now
    he pays $24'): its clause's subject is a named person or a personal pronoun."""
    subject = _actor(doc, item)
    return subject is not None and (
        subject.ent_type_ == "PERSON" or subject.lower_ in _PERSONAL_PRONOUNS
    )


def _actor(doc: Doc, item: Found) -> Token | None:
    """The subject of the clause the figure is in, when the figure is not in it."""
    core = doc[item.quantity.core_end - 1]
    verb = next((t for t in core.ancestors if t.pos_ in ("VERB", "AUX")), None)
    while verb is not None:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return None if core in subjects[0].subtree else subjects[0]
        if verb.dep_ not in ("xcomp", "advcl", "conj"):
            return None
        verb = verb.head
    return None


def _in_aside(doc: Doc, item: Found) -> bool:
    """The figure is in a non-restrictive relative clause (', which accounts for about 9%
    of the economy,'): an aside describing a noun, the article's background, not a finding
    of the run."""
    core = doc[item.quantity.core_end - 1]
    for verb in core.ancestors:
        if verb.dep_ == "relcl":
            first = verb.left_edge
            return first.lower_ in ("which", "who") and first.i > 0 and doc[first.i - 1].text == ","
    return False


_PERSONAL_PRONOUNS = frozenset({"he", "she"})  # "we" and "I" may be the reporting outlet


def _own_reporter(doc: Doc, item: Found) -> bool:
    """The figure's own clause is reported by someone the rules could not name ('The
    ministry estimated that 12,000 homes were damaged'): a run does not carry over it. A
    document ('the study found') or 'it' may be the run's own source and does not count."""
    core = doc[item.quantity.core_end - 1]
    verbs = lx.FIGURE_SOURCE_VERBS - lx.CLAUSE_ONLY_SOURCE_VERBS
    for verb in (t for t in core.ancestors if t.pos_ == "VERB" and t.lemma_.lower() in verbs):
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            if core in subject.subtree:
                continue  # '32% of employed Americans said': the respondents' answer
            if subject.pos_ == "PROPN" or _reporter_noun(subject):
                return True
    return False


def _about_a_measure(doc: Doc, item: Found) -> bool:
    """'The plan would build 12,000 homes', 'the bill caps rents at 5%': a figure whose
    clause has a plan, bill, law or deal as its subject tells what that measure does or
    would do, not a finding of the data or poll before it."""
    subject = _actor(doc, item)
    if subject is None or subject.pos_ != "NOUN" or _is_answer_share(doc, item):
        return False  # '... policies hit a low, with 38 percent of respondents saying ...'
    return subject.lemma_.lower() in MEASURE_NOUNS


MEASURE_NOUNS = frozenset(
    {"plan", "bill", "law", "deal", "budget", "policy", "proposal", "agreement", "contract",
     "regulation", "rule", "amendment", "measure", "scheme", "program", "programme",
     "legislation", "ordinance", "treaty", "package"}
)  # fmt: skip
"""Measures that do things to numbers ('the plan would build 12,000 homes')."""


def _reporter_noun(token: Token) -> bool:
    """A noun for people or an organisation ('the ministry', 'officials'), which can
    report; not a document ('the study', the run's own) nor a thing ('an incident shows')."""
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in lx.ORG_NOUNS or person_noun(lemma))


def _reporting(item: Found) -> bool:
    """A figure reported by a document or an organisation, which can start a run."""
    source = item.figure.source
    if source is None or not item.carries:
        return False
    return item.from_document or source.kind in ("org", "document")


def _anchors(doc: Doc, line_of: Callable[[int], int]) -> Iterator[Anchor]:
    """Documents cited as subjects or after 'according to', and organisations that report,
    release or publish numbers, in text order."""
    for token in doc:
        document = token.pos_ == "NOUN" and token.lemma_.lower() in lx.DATA_SOURCE_NOUNS
        if document and _cited(token) and not _none_of(token):
            poll = token.lemma_.lower() in POLL_NOUNS
            line = line_of(token.idx)
            according = token.dep_ == "pobj" and token.head.head.lower_ == "according"
            yield Anchor(token.i, token.sent.end_char, line, poll, _named_afresh(token), according)
        elif _releasing_org(token) or _misread_document(token):
            yield Anchor(token.i, token.sent.end_char, line_of(token.idx), False)


def _none_of(document: Token) -> bool:
    """'virtually no market research was carried out': a document said not to exist
    reports nothing."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in document.children)


def _releasing_org(token: Token) -> bool:
    return token.ent_type_ == "ORG" and token.pos_ == "PROPN" and _releases(token)


def _misread_document(token: Token) -> bool:
    """'the notes in Berkeley Fire Department reports show': a plural document noun after
    its publisher's name, read as a verb, right before a verb of showing."""
    doc = token.doc
    if token.pos_ != "VERB" or token.lemma_.lower() not in lx.DATA_SOURCE_NOUNS:
        return False
    if token.i + 1 >= len(doc) or token.i == 0 or doc[token.i - 1].ent_type_ != "ORG":
        return False
    after = doc[token.i + 1]  # two finite verbs do not stand side by side
    return after.pos_ == "VERB" and after.lemma_.lower() in lx.FIGURE_SOURCE_VERBS


def _named_afresh(document: Token) -> bool:
    """'a new poll', 'new data', 'the Reuters/Ipsos poll', 'figures from the ONS' - not
    'the poll' or 'its index', which refer back to one named before."""
    if source_spans(document):
        owners = [c for c in document.children if c.dep_ == "poss"]
        return not all(c.lower_ in ("its", "their") for c in owners) or not owners
    determiners = [c.lower_ for c in document.children if c.dep_ in ("det", "poss")]
    return not determiners or determiners[0] in ("a", "an", "another")


def _cited(token: Token) -> bool:
    """'The poll was conducted', 'the study found', 'according to the survey', 'to
    conduct this assessment', 'the notes in the department's reports show' (not 'said
    Ada Quill in a report', the parse hanging the report on the speaker: where she spoke)."""
    if token.dep_ == "nsubjpass":
        return True  # 'the poll was conducted online', 'the report was published'
    if token.dep_ == "nsubj":  # 'the study found', 'the survey included 1,000 adults'
        return token.head.lemma_.lower() in lx.FIGURE_SOURCE_VERBS | RELEASE_VERBS | OWN_VERBS
    if token.dep_ == "dobj" and token.head.lemma_.lower() in CONDUCT_VERBS:
        return True
    if token.dep_ == "pobj" and token.head.head.lower_ == "according":
        return True
    if cited_by_preposition(token) and not _medium(token):
        return True
    phrase = token
    while phrase.dep_ in ("pobj", "prep"):  # up a chain of prepositional phrases
        phrase = phrase.head
    shows = phrase.head.pos_ == "VERB" and phrase.head.lemma_.lower() in lx.FIGURE_SOURCE_VERBS
    speaker = phrase.pos_ == "PROPN" or person_noun(phrase.lemma_.lower())
    return phrase is not token and phrase.dep_ == "nsubj" and shows and not speaker


CITING_PREPOSITIONS = {"per": None, "in": None, "on": "base", "by": "judge", "from": "judge"}
"""Prepositions by which a clause cites the document its numbers come from ("per state
data", "in the latest poll", "based on the survey", "judging by the census"), with the
participle a preposition needs to cite (None: it cites on its own)."""


def cited_by_preposition(document: Token) -> bool:
    """A document cited by a preposition on a clause: 'In the latest Harbour College poll,
    42% backed the mayor', 'per state data', 'based on the survey', 'judging by the census'
    ('the poll's findings', 'the survey results': the document they are of). Not a
    preposition on another noun ('the rise in the index', '$5 per gallon'), but one on the
    number itself ('42% in a new poll')."""
    if document.pos_ != "NOUN" or document.lemma_.lower() not in lx.DATA_SOURCE_NOUNS:
        return False
    phrase = document
    if document.dep_ in ("poss", "compound") and document.head.lemma_.lower() in _RESULT_NOUNS:
        phrase = document.head
    preposition = phrase.head
    if phrase.dep_ != "pobj" or preposition.lower_ not in CITING_PREPOSITIONS:
        return False
    needed = CITING_PREPOSITIONS[preposition.lower_]
    clause = preposition.head
    if needed is not None:
        return clause.lemma_.lower() == needed and clause.pos_ == "VERB"
    if preposition.lower_ == "per":
        return True  # 'per state data': a rate is never per a document
    if clause.pos_ == "NOUN" and document.lemma_.lower() in POLL_NOUNS:
        return any(c.dep_ == "nummod" for c in clause.children)  # '42% in a new poll'
    return clause.pos_ in ("VERB", "AUX")


def _medium(document: Token) -> bool:
    """'said Davila in a report to the council', 'Brown said in his pre-budget review':
    the document is where someone said what they said (the speaker is the source), not
    one cited for the numbers after it."""
    verb = next((t for t in document.ancestors if t.pos_ == "VERB"), None)
    return verb is not None and verb.lemma_.lower() in lx.FIGURE_SOURCE_VERBS


_RESULT_NOUNS = frozenset({"finding", "result", "number", "figure"})
"""What a document gives ("the poll's findings", "the survey results")."""


def _releases(token: Token) -> bool:
    """'reported by the Federal Reserve', 'the Census Bureau released': an organisation
    that puts out numbers (the head of its name)."""
    if token.head.ent_type_ == "ORG" and token.head.i != token.i and token.dep_ != "appos":
        return False  # not the head of the name
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "agent":
        verb = verb.head
        if verb.lemma_.lower() in ("poll", "survey"):
            return False  # 'economists polled by Reuters' report, not Reuters
    elif token.dep_ != "nsubj":
        return False
    return verb.pos_ == "VERB" and verb.lemma_.lower() in RELEASE_VERBS


def poll_author(document: Token, authors: Sequence[Author]) -> Entity | None:
    """'A new Lakeview University poll shows ... The survey of 812 voters was conducted
    ...': a poll, survey or study referred back to ('the survey', 'this study') without an
    author of its own is the one of those named last before it, whichever of the words
    named it (they are one kind of document)."""
    if document.lemma_.lower() not in POLL_NOUNS:
        return None
    determiners = [c.lower_ for c in document.children if c.dep_ in ("det", "poss")]
    if not determiners or determiners[0] not in ("the", "this", "that", "its"):
        return None
    earlier = [a for a in authors if a.token < document.i and a.noun in POLL_NOUNS]
    return earlier[-1].entity if earlier else None


def _anchor_entity(token: Token, entities: EntityIndex, authors: Sequence[Author]) -> Entity | None:
    """Who an anchor stands for: a document's author where it is given, else the document."""
    if token.pos_ == "PROPN":
        entity = resolve_first(source_spans(token), entities)
        return entity if entity is not None and entity.kind == "org" else None
    if token.pos_ == "VERB":  # a document misread as a verb: its publisher's name before it
        names = [e for e in token.doc.ents if e.end == token.i and e.label_ == "ORG"]
        return resolve_first(names, entities)
    spans = source_spans(token)
    verb = token.head
    if token.dep_ == "dobj" and verb.lemma_.lower() in CONDUCT_VERBS:  # 'X sent us data'
        spans = [s for c in verb.children if c.dep_ == "nsubj" for s in source_spans(c)] + spans
    entity = resolve_first(spans, entities) if spans else None
    if entity is None:
        entity = author_of(token, authors) or poll_author(token, authors)
    if entity is None:
        group = entities.add_unnamed(token)
        entity = entities._entity(group) if group is not None else None
    return entity


def _is_answer_share(doc: Doc, item: Found) -> bool:
    """A share of respondents: a percentage of people ('38 percent of respondents'), or a
    percentage that says, thinks or backs something ('23% said', '10% would accept')."""
    if item.figure.unit != "percent":
        return False
    quantity = item.quantity
    last = doc[quantity.core_end - 1]
    phrase = last.head if last.dep_ == "nummod" else last
    for child in phrase.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                if obj.lemma_.lower() in RESPONDENT_NOUNS or obj.lower_ in RESPONDENT_NOUNS:
                    return True
    if phrase.dep_ in ("nsubj", "nsubjpass") or last.dep_ in ("nsubj", "nsubjpass"):
        verb = phrase.head if phrase.dep_ in ("nsubj", "nsubjpass") else last.head
        return verb.lemma_.lower() in ANSWER_VERBS
    return False


def _quiet_lines(
    text: str,
    found: Sequence[Found],
    statements: Sequence[Statement],
    line_of: Callable[[int], int],
) -> set[int]:
    """Paragraphs with no figure, of prose or of what a named person or organisation says:
    each one moves the topic on. A paragraph of an unnamed source's words ('the author
    found', 'a spokeswoman said') does not: it may be the run's own source speaking."""
    busy = {item.line for item in found}
    for statement in statements:
        if statement.speaker.kind not in ("person", "org", "group"):
            busy.update(range(line_of(statement.start), line_of(max(statement.end - 1, 0)) + 1))
    quiet = set()
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if stripped and number not in busy and not is_headline(stripped):
            quiet.add(number)
    return quiet
