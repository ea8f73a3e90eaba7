"""Statements: who said what, from quotation marks and from reported speech.

Two passes over a parsed article. The first reads speech cues (a verb such as "said",
"told", "admitted", or "according to") with a resolvable speaker and a content clause:
reported speech becomes ``indirect`` (``mixed`` when it holds a quoted fragment), and a
content clause that is exactly a quotation becomes ``direct``. The second pass gives the
quotations left over a speaker: a cue next to the quote in its sentence, a verb such as
"called" for a quoted phrase (``fragment``), or, for a quote standing alone, the speaker of
the statement just before (a continuation). Dates are assigned last (see
:func:`newsgraph.extract.dates.date_occasions`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.cues import (
    according_to,
    clause_tokens,
    content_tokens,
    is_acronym,
    is_cue,
    same_paragraph,
    subject_of,
)
from newsgraph.extract.dates import date_occasions
from newsgraph.extract.entities import EntityIndex, headline_end, speaker_span
from newsgraph.extract.lexicon import (
    DOCUMENT_CUE_VERBS,
    DOCUMENT_NOUNS,
    FRAGMENT_VERBS,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PREPOSITIONAL_SPEECH_ACTS,
    PRONOUN_OPENERS,
    QUOTE_CUE_VERBS,
    SPEECH_ACT_VERBS,
    SPEECH_EVENT_NOUNS,
    SPEECH_VERBS,
    STANCE_VERBS,
    TITLE_FUNCTION_WORDS,
    TITLE_WORDS,
    WH_CONTENT_VERBS,
)
from newsgraph.extract.occasions import occasion, speech_events
from newsgraph.extract.paragraphs import doc_text
from newsgraph.extract.quotes import Quote, find_quotes, mark_width, mark_width_before
from newsgraph.extract.records import Article, Entity, Statement, StatementKind

_TRIM = " \t\n,;:—–-"
SALIENT_PARAGRAPH_BREAKS = 4
"""Line breaks (two paragraphs, each with a blank line) across which "he" or "she" still
means the speaker of the statement before."""
SALIENT_CHARS = 1500
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


@dataclass
class _Draft:
    """A statement before dating."""

    speaker: Entity
    group: int
    start: int
    end: int
    kind: StatementKind
    cue: Token | None
    cue_text: str | None
    mention: str | None
    content: set[int]
    """Token indices of the content (left out of the cue's clause when dating)."""
    co_speakers: tuple[Entity, ...] = ()


class _Speaker(NamedTuple):
    """A resolved speaker: its entity, entity group, mention, and coordinated speakers."""

    entity: Entity
    group: int
    mention: str | None
    co_speakers: tuple[Entity, ...]


def _span_trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        end -= 1
    if end > start and mark_width_before(text, end):
        end -= mark_width_before(text, end)
        while end > start and text[end - 1] in ", ":
            end -= 1
    elif end > start and text[end - 1] in ".!?" and not _inside_quote_end(text, end):
        end -= 1
    return start, end


def _inside_quote_end(text: str, end: int) -> bool:
    return mark_width(text, end) > 0


class _Extractor:
    def __init__(self, doc: Doc, article: Article, entities: EntityIndex) -> None:
        self.doc, self.article, self.entities = doc, article, entities
        self.text = doc_text(doc)
        self.body_start = headline_end(doc)
        self.quotes, _ = find_quotes(self.text)
        self.quotes = [q for q in self.quotes if q.open_mark >= self.body_start]
        entities.quoted = [
            (q.open_mark, q.close_mark if q.close_mark is not None else q.end) for q in self.quotes
        ]
        self.used: set[Quote] = set()
        self.drafts: list[_Draft] = []

    def _quote_at(self, offset: int) -> Quote | None:
        for quote in self.quotes:
            end = quote.close_mark if quote.close_mark is not None else quote.end
            if quote.open_mark <= offset <= end:
                return quote
        return None

    def _speaker(self, head: Token, *, untagged: bool = True) -> _Speaker | None:
        """The speaker whose head is ``head``: a person or organisation the article names,
        else an unnamed source, a document or an anonymous source it describes, else (with
        ``untagged``) a name the model did not tag as a person or organisation; with the
        speakers coordinated with it (:meth:`_co_speakers`)."""
        named = _titled_name(head)
        if named is not None:  # "says activist and attorney Andrea Henson": one person
            found = self._one_speaker(named, untagged=untagged)
            return None if found is None else _Speaker(*found, ())
        found = self._one_speaker(head, untagged=untagged)
        if found is None:
            return None
        return _Speaker(*found, self._co_speakers(head, found, untagged=untagged))

    def _co_speakers(
        self, head: Token, speaker: tuple[Entity, int, str], *, untagged: bool
    ) -> tuple[Entity, ...]:
        """The others a coordinated subject names beside ``head`` ("OpenAI, Anthropic and
        Meta reported", "Britain and other countries voiced"): in English each conjunct of
        a subject joined by "and" is an agent of the verb, so each said it. None for
        "either ... or", "nor", or a pronoun subject."""
        if head.pos_ == "PRON" and not is_acronym(head):
            return ()
        # "the mayor and the president" described as one unnamed group: one joint speaker
        span, name = speaker_span(head), speaker[0].name.lower()
        conjuncts = [
            c
            for c in head.conjuncts
            if not span.start <= c.i < span.end
            and c.pos_ in ("PROPN", "NOUN")
            and c.text.lower() not in name
        ]
        joiners = [t for c in (head, *conjuncts) for t in c.children if t.dep_ in ("cc", "preconj")]
        if not conjuncts or any(
            t.text.lower() in ("or", "nor", "either", "neither") for t in joiners
        ):
            return ()
        seen, found = {speaker[1]}, []
        for conjunct in conjuncts:
            other = self._one_speaker(conjunct, untagged=untagged)
            if other is not None and other[1] not in seen:
                seen.add(other[1])
                found.append(other[0])
        return tuple(found)

    def _one_speaker(self, head: Token, *, untagged: bool) -> tuple[Entity, int, str] | None:
        if head.lemma_.lower() == "office":  # "the mayor's office said": its holder speaks
            holder = [c for c in head.children if c.dep_ == "poss" and c.ent_type_ == "PERSON"]
            head = holder[0] if holder else head
        span = speaker_span(head)
        if head.lower_ in PERSON_PRONOUNS:
            group = self._salient_person(span, head.lower_)
        elif head.pos_ == "NOUN" and head.lemma_.lower() in DOCUMENT_NOUNS:
            group = self.entities.add_unnamed(head)  # "a Gallup poll": the poll, by Gallup
        else:
            group = self.entities.resolve_group(span)
        if group is None:
            group = self.entities.add_unnamed(head)
        if group is None and untagged:
            group = self.entities.add_untagged(span)
        if group is None and untagged and head.pos_ != "PROPN" and is_acronym(head):
            # "WHO said" read as the pronoun: a word in capitals that speaks is a body's
            # acronym
            group = self.entities.add("org", head.text, head.idx, head.idx + len(head))
        if group is None:
            return None
        return self.entities._entity(group), group, span.text

    def _salient_person(self, span: Span, pronoun: str) -> int | None:
        """ "he"/"she", by salience and agreement rather than recency: the person who spoke
        in this sentence or the one before (the speaker of a passage stays its subject);
        else the person who is the subject of the sentence before
        (:meth:`EntityIndex.subject_person`); else the last speaker within two paragraphs;
        else the nearest person before it. Each must agree in gender, which is then
        learned."""
        before = [d for d in self.drafts if d.end <= span.start_char]
        last = None
        if before:
            latest = max(before, key=lambda d: d.end)
            between = self.text[latest.end : span.start_char]
            if (
                self.entities.kind_of(latest.group) == "person"
                and self.entities.agrees(latest.group, pronoun)
                and latest.group not in self.entities.bound_out(span)
                and between.count("\n") <= SALIENT_PARAGRAPH_BREAKS
                and len(between) <= SALIENT_CHARS
            ):
                last = latest
        sentence = span.doc[span.start].sent
        adjacent = last is not None and last.end >= _previous_sentence_start(sentence)
        group = last.group if last is not None and adjacent else None
        known = self.entities.gendered_in(sentence.start_char, span.start_char, pronoun)
        if known is not None and (group is None or not self.entities.agrees_known(group, pronoun)):
            group = known  # "in Councilwoman Julie Won's district, and she says"
        if group is None:
            group = self.entities.subject_person(span, pronoun)
        if group is None:
            # a person named in the pronoun's paragraph since the last statement is the
            # topic the pronoun continues ("Anderson's first stint ... “…,” he said")
            paragraph = self.text.rfind("\n", 0, span.start_char) + 1
            since = max(paragraph, last.end if last is not None else 0)
            group = self.entities.named_in(since, span.start_char, pronoun)
        if group is None and last is not None:
            group = last.group
        if group is None:
            group = self.entities.resolve_group(span)
        if group is not None:
            self.entities.learn_gender(group, pronoun)
        return group

    def _act(self, token: Token, *, document: bool = False) -> None:
        """A speech act or a stance attributed to its subject: "X criticized the ruling as
        ...", "X urged the board to ...", "X believes that ...". The content is what the
        verb governs after it: a clause, an infinitive, or (speech acts, and a document's
        cue with ``document``) an object."""
        lemma = token.lemma_.lower()
        carried = _carrying_preposition(token)  # "pointed to", "framed ... as"
        instruction = _instruction(token)  # "told residents to leave"
        act = lemma in SPEECH_ACT_VERBS or document or carried is not None or instruction
        stance = lemma in STANCE_VERBS
        if token.pos_ != "VERB" or not (act or stance) or token.dep_ in ("amod", "acl", "relcl"):
            return
        if any(c.dep_ in ("neg", "auxpass", "nsubjpass") for c in token.children):
            return
        clauses = ("ccomp", "xcomp") if stance else ("ccomp", "xcomp", "dobj", "prep", "dative")
        governed = [
            c
            for c in token.rights
            if (c.dep_ in clauses or c == carried)
            and same_paragraph(c, token)
            and not (c.dep_ == "prep" and c.lower_ in CIRCUMSTANCE_PREPOSITIONS and _no_clause(c))
            and (carried is None or c == carried or c.dep_ == "dobj" and _as(carried))
            and (not instruction or c.dep_ in ("dobj", "xcomp"))
        ]  # "Whittle reported from Portland": where it was done, not what was said
        if not governed:
            return
        tokens = sorted(
            (t for c in governed for t in _governed_tokens(c) if t.i > token.i),
            key=lambda t: t.i,
        )
        words = [t for t in tokens if not t.is_punct]
        if len(words) < 3 or any(is_cue(t) for t in tokens):
            return  # too short, or an inner cue speaks ("rejected it by saying that ...")
        first, last = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if any(first <= q.open_mark < last for q in self.quotes) or self._quote_at(first):
            return  # quoted words are left to the quotation passes
        subject = subject_of(token)
        if subject is None or subject.lower_ in ("i", "we", "you", "it", "this", "that"):
            return
        speaker = self._speaker(subject, untagged=False)  # "Moscow announced a war": an act
        if speaker is not None and (document or speaker[0].kind != "document"):
            self._emit_content(token, token.text, speaker, tokens)

    def _poll_speaker(self, subject: Token) -> _Speaker | None:
        """The poll whose respondents a share speaks for ("33 percent of respondents said
        ...", "A further 20% said ..."): the answers are the poll's findings, so the poll
        the article last reported on (a statement of a poll, survey or study before this
        one) is the source; None when the article has reported none."""
        polls = [
            d
            for d in self.drafts
            if d.end <= subject.idx
            and d.speaker.kind == "document"
            and any(w in d.speaker.name.lower() for w in POLL_WORDS)
        ]
        if not polls:
            return None
        poll = max(polls, key=lambda d: d.end)
        return _Speaker(poll.speaker, poll.group, subject.text, ())

    def _passive(self, token: Token) -> bool:
        """A verb of saying in the passive, whose agent is the speaker: "The outbreak has
        been declared an emergency by the WHO" (what was declared is the clause without
        its agent), "The decline, reported by the Federal Reserve on Friday, followed
        seven months of gains" (a participle on the subject: the main clause is what was
        reported). True when a statement was emitted."""
        lemma = token.lemma_.lower()
        if token.tag_ != "VBN" or lemma not in _PASSIVE_CUES:
            return False
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if agent is None or source is None or any(c.dep_ == "neg" for c in token.children):
            return False
        if source.lower_ in PERSON_PRONOUNS | {"it", "them", "us", "me", "you"}:
            return False
        outside = {t.i for t in agent.subtree}
        passive = {c.dep_ for c in token.children} & {"auxpass", "nsubjpass"}
        if passive and token.dep_ == "ROOT":
            tokens = [t for t in token.subtree if t.i not in outside]
        elif (
            token.dep_ == "acl"
            and token.head.dep_ in ("nsubj", "nsubjpass")
            and token.head.head.dep_ == "ROOT"
        ):
            outside = {t.i for t in token.subtree}
            tokens = [t for t in token.head.head.subtree if t.i not in outside]
        else:
            return False
        tokens = [t for t in tokens if same_paragraph(t, token)]
        words = [t for t in tokens if not t.is_punct]
        if len(words) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in tokens):
            return False
        if any(self._quote_at(t.idx) for t in tokens):
            return False  # quoted words are left to the quotation passes
        speaker = self._speaker(source)
        if speaker is None:
            return False
        self._emit_content(token, token.text, speaker, tokens)
        return True

    def _document_cue(self, token: Token) -> bool:
        """A verb saying what a document says ("the poll found that", "the agenda says")."""
        if token.pos_ != "VERB" or token.lemma_.lower() not in DOCUMENT_CUE_VERBS:
            return False
        if any(c.dep_ in ("neg", "auxpass", "nsubjpass") for c in token.children):
            return False
        subject = subject_of(token)
        if subject is None:
            return False
        if subject.lemma_.lower() in DOCUMENT_NOUNS:
            return True
        # "The Times found that ...", "researchers found homelessness dropped": a finding
        # reported as its finders' conclusion (a clause, never "found the body")
        return (
            token.lemma_.lower() == "find"
            and subject.lower_ not in ("i", "we", "you", "it", "they", "he", "she")
            and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)
        )

    def _add(self, speaker, start, end, kind, cue, cue_text, content) -> None:
        start, end = _span_trim(self.text, start, end)
        if end - start < 2:
            return
        entity, group, mention, co = speaker
        self.drafts.append(
            _Draft(entity, group, start, end, kind, cue, cue_text, mention, content, co)
        )

    def _emit_content(self, cue: Token, cue_text: str, speaker, tokens: list[Token]) -> None:
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        start, end = _span_trim(self.text, start, end)
        if start >= end:
            return
        content = {t.i for t in tokens}
        around = [q for q in self.quotes if q.start <= start and end <= q.end + 1]
        if around:
            if cue.idx < around[0].open_mark or cue.idx > around[0].end:
                self.used.add(around[0])
                quote = around[0]
                self._add(speaker, quote.start, quote.end, "direct", cue, cue_text, content)
            return
        inside = [q for q in self.quotes if q.open_mark >= start - 1 and q.start < end]
        if cue.idx >= start and cue.idx < end and self._quote_pass_takes(cue, inside):
            return  # a cue inside quoted matter: left to the quote pass
        first = inside[0] if inside else None
        if first is not None and first.open_mark <= start <= first.start:
            self.used.add(first)
            self._add(speaker, first.start, first.end, "direct", cue, cue_text, content)
            rest = first.after
            inside = inside[1:]
            if end - rest > 3 and any(c.isalpha() for c in self.text[rest:end]):
                kind = "mixed" if inside else "indirect"
                self.used.update(inside)
                self._add(speaker, rest, end, kind, cue, cue_text, content)
            return
        self.used.update(inside)
        self._add(speaker, start, end, "mixed" if inside else "indirect", cue, cue_text, content)

    def _quote_pass_takes(self, cue: Token, inside: list[Quote]) -> bool:
        """True when the quotations of content around its cue are left to the quotation
        pass: one before the cue ("“We will,” he said, “and we must.”"), or one right after
        it ("the company said, “…”"). A cue set in the middle of reported words ("But, she
        says, it is “even hotter inside”", "In one test, the company said, the model wrote
        “…”") has a clause of its own before the quotation: the quotation is a fragment of
        the reported words, and the statement is mixed."""
        if any(q.open_mark < cue.idx for q in inside):
            return True
        later = [q for q in inside if q.open_mark > cue.idx]
        return bool(later) and not self._words_between(cue, later[0].open_mark)

    def reported_speech(self) -> None:
        tokens: list[Token] | None
        for token in self.doc:
            if token.idx < self.body_start or self._quote_at(token.idx):
                continue
            according = according_to(token)
            if according is not None:
                source, tokens = according
                speaker = self._speaker(source)
                words = [t for t in tokens if t.pos_ != "PUNCT"]
                clause = any(t.pos_ in ("VERB", "AUX") for t in tokens)
                if speaker and len(words) >= 3 and clause and not _nested(tokens):
                    cue_text = "according to" if token.lower_ == "according" else token.text
                    self._emit_content(token, cue_text, speaker, tokens)
                continue
            if self._passive(token):
                continue
            if not is_cue(token) and not self._document_cue(token):
                self._act(token)
                continue
            tokens = content_tokens(token)
            if tokens is None and self._document_cue(token):
                self._act(token, document=True)  # "the reports showed only encampment fires"
                continue
            if not tokens or not any(t.pos_ in ("VERB", "AUX") for t in tokens):
                if token.lemma_.lower() in SPEECH_ACT_VERBS or _instruction(token):
                    self._act(token)  # "urged the board to reinstate the chief"
                continue
            wh_question = (
                tokens[0].tag_ in ("WDT", "WP", "WRB")
                and tokens[0].lower_ != "that"  # "said that broke him": a subject
                and tokens[0].i > token.i
                and token.lemma_.lower() not in WH_CONTENT_VERBS
            )
            if wh_question or len(tokens) < 3 and not _finite_clause(tokens):
                continue  # "said he knew": two words, but a whole clause
            if any(
                is_cue(t) and t.head == token and t.i < token.i and subject_of(t) for t in tokens
            ):
                continue  # "X said, Y reported": the inner cue speaks
            subject = subject_of(token)
            if subject is not None and _share_of_people(subject):
                speaker = self._poll_speaker(subject)  # "33 percent of respondents said"
            else:
                speaker = self._speaker(subject) if subject is not None else None
            if speaker is not None:
                self._emit_content(token, token.text, speaker, tokens)

    def _sentence_bounds(self, quote: Quote) -> tuple[int, int]:
        """The outside text around a quote, up to sentence ends and neighbouring quotes."""
        text = self.text
        para_start = text.rfind("\n", 0, quote.open_mark) + 1
        para_end = text.find("\n", quote.end)
        para_end = len(text) if para_end < 0 else para_end
        left = para_start
        for other in self.quotes:
            if other.after <= quote.open_mark and other.after > left:
                left = other.after
        for i in range(quote.open_mark - 1, left - 1, -1):
            if _sentence_end(text, i):
                left = i + 1
                break
        right = para_end
        for other in self.quotes:
            if other.open_mark >= quote.after and other.open_mark < right:
                right = other.open_mark
        for i in range(quote.after, right):
            if _sentence_end(text, i):
                right = i + 1
                break
        return left, right

    def _cue_near(self, start: int, end: int, after: bool) -> Token | None:
        span = _char_span(self.doc, start, end)
        if span is None:
            return None
        cues = [
            t
            for t in span
            if is_cue(t) or t.text.lower() == "according" or _quote_cue(t) or _as_put_it(t)
        ]
        if not cues:
            return None
        return cues[0] if after else cues[-1]

    def quotations(self) -> None:
        for quote in self.quotes:
            if quote in self.used or self._inside_draft(quote):
                continue
            if looks_like_title(self.text[quote.start : quote.end]):
                continue
            left, right = self._sentence_bounds(quote)
            close = quote.close_mark if quote.close_mark is not None else quote.end
            cue = self._cue_near(quote.after, right, after=True)
            if cue is not None and self._verb_between(close, cue):
                cue = None
            before = self.text[left : quote.open_mark]
            if cue is None and before.strip():
                cue = self._cue_near(left, quote.open_mark, after=False)
                if cue is not None and self._words_between(cue, quote.open_mark):
                    cue = None
            if cue is not None:
                rest = self.text[quote.after : right].strip(" \t\n.,;:—–-!?")
                after = cue.idx > close
                kind: StatementKind = "direct" if after or not rest else "fragment"
                self._attach(quote, cue, kind)
                continue
            fragment_cue = self._fragment_cue(quote)
            if fragment_cue is not None:
                self._attach(quote, fragment_cue, "fragment")
                continue
            alone = not self.text[quote.after : right].strip(" \t\n.,;:—–-")
            if alone and self._introduced(quote, left, before):
                continue
            if not before.strip(" \t\n.,;:—–-") and alone:
                self._continue(quote)

    def _introduced(self, quote: Quote, left: int, before: str) -> bool:
        """Attribute a quotation with no cue to the subject of the clause that introduces
        it, as English news does: a clause ending in a colon ("Reyes called ahead as we
        approached: “…”"), or the sentence just before it in its paragraph ("Reyes spoke
        low and fast. “…”") when that sentence reports no one's words. The subject must be
        a person, an organisation or an unnamed source (never a document or a thing)."""
        if before.strip():
            if not before.rstrip().endswith(":"):
                return False
            start, end = left, left + len(before.rstrip()) - 1
        else:
            paragraph = self.text.rfind("\n", 0, quote.open_mark) + 1
            if not self.text[paragraph : quote.open_mark].strip():
                return False  # the quotation opens its paragraph
            sentence = _char_span(self.doc, max(paragraph, left - 1), left)
            if sentence is None:
                return False
            start = max(paragraph, sentence[0].sent.start_char)
            end = left
            if any(start <= d.start < end or start < d.end <= end for d in self.drafts):
                return False  # someone's words are reported there: a run-on of theirs
        span = _char_span(self.doc, start, end)
        if span is None or any(self._quote_at(t.idx) for t in span if t.pos_ == "VERB"):
            return False
        verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT"]
        verbs += [t for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ != "ROOT"]
        for verb in verbs:
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
            if not subjects or any(c.dep_ == "neg" for c in verb.children):
                continue
            subject = subjects[0]
            if subject.lower_ in ("i", "we", "you", "it", "this", "that", "they", "there"):
                return False
            named = subject.pos_ == "PROPN" and subject.ent_type_ not in ("GPE", "LOC", "FAC")
            speaker = self._speaker(subject, untagged=named)  # "Reyes" untagged; no places
            if speaker is None or speaker.entity.kind == "document":
                return False
            self.used.add(quote)
            content = {t.i for t in _char_span(self.doc, quote.start, quote.end) or []}
            self._add(speaker, quote.start, quote.end, "direct", None, None, content)
            return True
        return False

    def _verb_between(self, offset: int, cue: Token) -> bool:
        """True when another verb stands between a quote's end and a later cue, other than
        one the cue completes ("“…,” he likes to say") or a participle describing a noun
        ("“…,” as the recently released Anderson told us")."""
        return any(
            t.idx > offset
            and t.pos_ == "VERB"
            and not (cue.head == t and cue.dep_ == "xcomp")
            and t.dep_ != "amod"
            for t in self.doc[max(0, cue.i - 30) : cue.i]
        )

    def _words_between(self, cue: Token, offset: int) -> bool:
        """True when a clause stands between a cue and a quote ("said he would 'x'")."""
        for token in self.doc[cue.i + 1 :]:
            if token.idx >= offset:
                return False
            if token.pos_ in ("VERB", "AUX") or token.dep_ == "mark":
                return True
        return False

    def _fragment_cue(self, quote: Quote) -> Token | None:
        span = _char_span(self.doc, quote.start, quote.end)
        if span is None:
            return None
        token = span.root
        # a speech act whose object holds the quotation ("praised a “historic win”",
        # "accused him of being a “gutless coward”"): the words quoted are the actor's (the
        # act pass leaves quoted words to this one); not a quoted term naming a thing ("the
        # “loss and damage” debate", "the “Akhmat” unit"): a noun's modifier, or one word
        words = [t for t in span if not t.is_punct]
        term = len(words) < 2 or span.root.dep_ in ("compound", "amod", "nmod", "poss")
        for _ in range(4):
            token = token.head
            lemma = token.lemma_.lower()
            if lemma in FRAGMENT_VERBS and token.pos_ == "VERB":
                return token  # "called it “a mess”"
            if lemma == "refer" and token.pos_ == "VERB" and _names_as(token, span.root):
                return token  # "referred to the ties as an “Axis of Upheaval”": naming
            active = not any(c.dep_ in ("neg", "auxpass", "nsubjpass") for c in token.children)
            if lemma in SPEECH_ACT_VERBS and token.pos_ == "VERB" and not term and active:
                return token
            if token.dep_ == "ROOT":
                break
        return None

    def _attach(self, quote: Quote, cue: Token, kind: StatementKind) -> None:
        if cue.text.lower() == "according":
            found = according_to(cue)
            subject = found[0] if found else None
            cue_text = "according to"
        else:
            subject, cue_text = subject_of(cue), cue.text
        close = quote.close_mark if quote.close_mark is not None else quote.end
        if subject is not None and quote.open_mark <= subject.idx < close < cue.idx:
            subject = _name_between(self.doc, close, cue)  # never a word of the quote itself
        if subject is None and cue.idx > close:
            subject = _inverted_subject(self.text, close, cue)
        speaker = self._speaker(subject) if subject is not None else None
        if speaker is None:
            return
        self.used.add(quote)
        content = {t.i for t in _char_span(self.doc, quote.start, quote.end) or []}
        self._add(speaker, quote.start, quote.end, kind, cue, cue_text, content)

    def _continue(self, quote: Quote) -> None:
        previous = [d for d in self.drafts if d.end <= quote.open_mark]
        if not previous:
            return
        last = max(previous, key=lambda d: d.end)
        between = self.text[last.end : quote.open_mark]
        near = between.count("\n") <= 2 and len(between) <= 400
        if not near and not self._about(last.group, quote.open_mark, between):
            return
        if self._other_quote(last, quote):
            return
        speaker = _Speaker(last.speaker, last.group, None, last.co_speakers)
        self.used.add(quote)
        self._add(speaker, quote.start, quote.end, "direct", None, None, set())

    def _about(self, group: int, offset: int, between: str) -> bool:
        """True when the paragraph just before ``offset`` names the person or body
        ``group`` (a passage about the last speaker: "Chiotha champions the debate.\n“…”"),
        within a few paragraphs of their last statement."""
        if between.count("\n") > RUN_ON_PARAGRAPHS or len(between) > RUN_ON_CHARS:
            return False
        end = self.text.rfind("\n", 0, offset)
        start = self.text.rfind("\n", 0, end) + 1 if end > 0 else 0
        if end <= start:
            return False
        span = _char_span(self.doc, start, end)
        return span is not None and any(
            self.entities.mentions(group, t) for t in span if t.pos_ in ("PROPN", "PRON")
        )

    def _other_quote(self, last: _Draft, quote: Quote) -> bool:
        """True when a quotation of its own (not a fragment of three words or fewer, such as
        "poor planning" or a heading's "Hell No") stands between the last statement and
        ``quote``: the run-on is broken."""
        return any(
            q is not quote
            and q not in self.used
            and last.end <= q.open_mark < quote.open_mark
            and len(self.text[q.start : q.end].split()) > FRAGMENT_WORDS
            for q in self.quotes
        )

    def _inside_draft(self, quote: Quote) -> bool:
        return any(d.start <= quote.start and quote.end <= d.end + 1 for d in self.drafts)


def _quote_cue(token: Token) -> bool:
    """A verb that attributes a quotation beside it to its subject ("she remembers", "one
    interviewee shared", "the notice read"): a verb with a subject, no negation, and no
    object or clause after it ("remembers the day" is no cue)."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in QUOTE_CUE_VERBS:
        return False
    deps = {c.dep_ for c in token.children}
    after = {c.dep_ for c in token.rights}  # the quotation before it may hang on it
    if deps & {"neg", "auxpass", "nsubjpass"} or after & {"dobj", "ccomp", "xcomp"}:
        return False
    return "nsubj" in deps and token.dep_ not in ("amod", "acl", "relcl")


def _titled_name(head: Token) -> Token | None:
    """The name a bare role noun is coordinated with ("activist and transgender woman Bamby
    Salcedo"): English drops the article before roles used as titles, so role nouns
    without a determiner joined to a person's name describe that one person."""
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ not in ("", "NORP"):
        return None  # "Activist" opening a sentence may be tagged a proper noun
    if head.lemma_.lower() in ORG_NOUNS or head.lower_ in ORG_NOUNS:
        return None  # "Police and Mayor John Smith said": a body and a person
    if head.tag_ not in ("NN", "NNP") or any(
        c.dep_ in ("det", "poss", "nummod", "compound") for c in head.children
    ):
        return None  # "residents and Smith", "the mayor and Smith": two speakers
    names = [
        c
        for c in head.conjuncts
        if c.i > head.i
        and c.pos_ == "PROPN"
        and any(t.pos_ == "NOUN" for t in c.lefts)  # "transgender woman Bamby Salcedo"
    ]
    return names[0] if len(names) == 1 and len(head.conjuncts) == 1 else None


def _names_as(verb: Token, quoted: Token) -> bool:
    """True when ``quoted`` lies in the "as" phrase of ``verb`` ("refer to X as “…”")."""
    # the parser may hang "as" on the object ("the ties ... as")
    return any(t.dep_ == "prep" and t.lower_ == "as" and quoted in t.subtree for t in verb.subtree)


def _as_put_it(token: Token) -> bool:
    """ "As photographer X put it, “…”": the idiom "as X put(s) it" quotes X's words."""
    return (
        token.lemma_.lower() == "put"
        and token.pos_ == "VERB"
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
    )


def _inverted_subject(text: str, close: int, cue: Token) -> Token | None:
    """The speaker after a cue that follows its quotation ("“Are they going to help us?”
    asked one community member"): English puts the subject after the verb in this order
    (quotative inversion), where the parser may read it as the object."""
    if text[close : cue.idx].strip(" \t,;:—–-.!?\"'”’") or cue.dep_ != "ROOT":
        return None  # words between the quotation and the cue: no inversion
    return next((c for c in cue.rights if c.dep_ in ("dobj", "dative", "attr")), None)


def _name_between(doc: Doc, start: int, cue: Token) -> Token | None:
    """The head of the first person's or organisation's name between a quotation's end and
    its cue ("“…,” Bernard Yaros, an economist at Oxford Economics, said"), for a cue whose
    parsed subject lies inside the quotation."""
    for token in doc[max(0, cue.i - 20) : cue.i]:
        if token.idx > start and token.ent_type_ in ("PERSON", "ORG") and token.pos_ == "PROPN":
            end = token.i
            while end + 1 < cue.i and doc[end + 1].ent_iob_ == "I":
                end += 1
            return doc[end]
    return None


def _nested(tokens: list[Token]) -> bool:
    """True when reported content attributes words to someone else in turn ("according
    to a report, the admission came from X", "according to X, Y claimed that ..."): the
    inner speaker's statement is the one to keep."""
    return any(
        t.lemma_.lower() in SPEECH_EVENT_NOUNS or (is_cue(t) and subject_of(t) is not None)
        for t in tokens
    )


_PASSIVE_CUES = SPEECH_VERBS | SPEECH_ACT_VERBS
"""Verbs of saying whose passive names the speaker as its agent (:meth:`_Extractor._passive`)."""

POLL_WORDS = ("poll", "survey", "study", "questionnaire")
"""Words naming a poll in a document speaker's name ("a new poll from Reuters/Ipsos")."""

_SHARE_WORDS = frozenset({"percent", "%", "pc", "majority", "half", "third", "quarter"})


def _share_of_people(subject: Token) -> bool:
    """True for a subject that is a share of those asked ("33 percent of respondents",
    "A further 20%", "a majority of voters"), not a person or a body."""
    if subject.lower_ in _SHARE_WORDS:
        return True
    return subject.like_num and subject.pos_ == "NUM" and subject.ent_type_ == "PERCENT"


def _carrying_preposition(verb: Token) -> Token | None:
    """The preposition that carries what ``verb`` reports, for a verb that reports speech
    only through it ("pointed to", "framed ... as"; see
    ``PREPOSITIONAL_SPEECH_ACTS``); None for any other verb or without it."""
    word = PREPOSITIONAL_SPEECH_ACTS.get(verb.lemma_.lower())
    if word is None:
        return None
    return next((c for c in verb.rights if c.dep_ == "prep" and c.text.lower() == word), None)


def _finite_clause(tokens: list[Token]) -> bool:
    """True for words that make a whole clause, a subject and a finite verb ("he knew",
    "she agreed"), however short; "said so" or "said yes" are none."""
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in tokens) and any(
        t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tokens
    )


def _instruction(verb: Token) -> bool:
    """True for "tell" with an infinitive ("told markets to expect a short campaign",
    "told residents to leave"): an instruction, a speech act whose content is what the
    hearer was told to do; "told the story" or "told reporters" alone is not one."""
    return verb.lemma_.lower() == "tell" and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.text.lower() == "to" for a in c.children)
        for c in verb.children
    )


def _as(preposition: Token) -> bool:
    """True for "as" ("framed the cuts as ...": the object is part of what was said)."""
    return preposition.text.lower() == "as"


def _no_clause(phrase: Token) -> bool:
    """True when a phrase holds no verb ("from Portland, Maine"; not "in the letter that
    all directors resign", a clause the parser hung on the letter)."""
    return not any(t.pos_ in ("VERB", "AUX") for t in phrase.subtree)


def _governed_tokens(child: Token) -> list[Token]:
    """What a verb governs through ``child``: a clause without its "that", else the subtree."""
    if child.dep_ == "ccomp":
        return clause_tokens(child)
    return list(child.subtree)


def _previous_sentence_start(sentence: Span) -> int:
    """The character offset where the sentence before ``sentence`` starts (its own start
    for the first sentence)."""
    if sentence.start == 0:
        return sentence.start_char
    return sentence.doc[sentence.start - 1].sent.start_char


RUN_ON_PARAGRAPHS = 4
RUN_ON_CHARS = 1200
"""How far (line breaks, characters) a quotation paragraph with no cue may stand from its
speaker's last statement when the paragraph before it names the speaker."""
FRAGMENT_WORDS = 3
"""Quoted words up to this many are a fragment, not a quotation of their own."""

CIRCUMSTANCE_PREPOSITIONS = frozenset(
    {"from", "in", "at", "during", "after", "before", "since", "until", "near", "outside"}
)
"""Prepositions of place and time: a phrase they open after a speech act says where or
when it was done ("reported from Portland", "spoke in Paris"), never what was said."""

HEADLINE_WORDS = 25
"""The longest line (in words) read as a headline when it ends without a closing mark."""


def _in_headline_line(text: str, offset: int) -> bool:
    """True when ``offset`` lies in a line of its own that is short and ends without a
    sentence's closing mark: a headline, a related-stories link or a caption in the body
    ("Converse pauses ads after uproar, Bloomberg News reports"), not reporting."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : len(text) if end < 0 else end].strip()
    if not line or len(line.split()) > HEADLINE_WORDS:
        return False
    return not line.endswith((".", "!", "?", '"', "”", "’", "'", ")", ":", ";", "…"))


def looks_like_title(text: str) -> bool:
    """True for a quoted name of a work or show in title case ("Meet the Press", "State of
    the Union"): two to six words, each capitalised or a short function word.

    >>> looks_like_title("Meet the Press."), looks_like_title("We are not terrorists.")
    (True, False)
    """
    words = _WORD.findall(text)
    if not 2 <= len(words) <= 6 or text.rstrip().endswith(("!", "?", ",")):
        return False
    if not words[0][0].isupper() or words[0].lower() in PRONOUN_OPENERS:
        return False
    return all(w[0].isupper() or w.lower() in TITLE_FUNCTION_WORDS for w in words)


def _sentence_end(text: str, i: int) -> bool:
    """True when the character at ``i`` ends a sentence (not "Mr." or "D.")."""
    if text[i] not in ".!?" or (i + 1 < len(text) and not text[i + 1].isspace()):
        return False
    if text[i] != ".":
        return True
    word = text[:i].rsplit(None, 1)[-1] if text[:i].strip() else ""
    word = word.lstrip('"“(')
    return not (len(word) == 1 or "." in word or word.lower() in TITLE_WORDS)


def _char_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering ``[start, end)``, or None for an empty stretch."""
    if end <= start or start >= len(doc_text(doc)):
        return None
    try:
        return doc.char_span(start, end, alignment_mode="expand")
    except IndexError:
        return None


def _sentence_of(doc: Doc, start: int, end: int) -> tuple[int, int]:
    sents = [s for s in doc.sents if s.end_char > start and s.start_char < end]
    if not sents:
        return start, end
    return sents[0].start_char, sents[-1].end_char


def extract_statements(doc: Doc, article: Article, entities: EntityIndex) -> Iterator[Statement]:
    """Find the statements of an article, in document order.

    Args:
        doc: The parsed article (``doc.text`` is the masked ``article.text``).
        article: The article, for its publication date.
        entities: The article's entity index from :func:`build_entities`.

    Yields:
        Statements with exact offsets into ``article.text``.
    """
    extractor = _Extractor(doc, article, entities)
    extractor.reported_speech()
    extractor.quotations()
    text = doc_text(doc)
    drafts = sorted(
        (d for d in extractor.drafts if not _in_headline_line(text, d.start)),
        key=lambda d: (d.start, d.end),
    )
    sentence_index = {s.start: i for i, s in enumerate(doc.sents)}
    occasions = [occasion(doc, d.cue, d.start, d.group, d.content, sentence_index) for d in drafts]
    cue_tokens = {d.cue.i for d in drafts if d.cue is not None}
    events, days = speech_events(doc, article, entities, cue_tokens)
    datings = date_occasions(occasions, article.published, events, days)
    for draft, dating in zip(drafts, datings, strict=True):
        cue_start = draft.cue.idx if draft.cue is not None else draft.start
        sent_start, sent_end = _sentence_of(doc, min(draft.start, cue_start), draft.end)
        statement = Statement(
            speaker=draft.speaker,
            text=article.text[draft.start : draft.end],
            start=draft.start,
            end=draft.end,
            kind=draft.kind,
            sentence=article.text[sent_start:sent_end],
            sentence_start=sent_start,
            sentence_end=sent_end,
            cue=draft.cue_text,
            speaker_mention=draft.mention,
            co_speakers=draft.co_speakers,
        )
        yield replace(statement, date=dating.date, date_basis=dating.basis, date_text=dating.text)
