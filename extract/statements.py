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

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.dates import (
    Occasion,
    SpeechEvent,
    date_occasions,
    find_time_expression,
)
from newsgraph.extract.entities import EntityIndex, headline_end, speaker_span
from newsgraph.extract.lexicon import (
    ACCORDING_TO_SOURCE_BLOCKLIST,
    FRAGMENT_VERBS,
    QUICK_SEQUENCE_ADVERBS,
    QUOTE_MARKS,
    SPEECH_EVENT_NOUNS,
    SPEECH_VERBS,
    SPEECH_VERBS_NEEDING_PARTICLE,
    TITLE_WORDS,
)
from newsgraph.extract.quotes import Quote, find_quotes
from newsgraph.extract.records import Article, Entity, Statement, StatementKind

_CLAUSAL = {"advcl", "conj", "relcl", "ccomp", "parataxis", "csubj", "xcomp", "acl", "pcomp"}
_TRIM = " \t\n,;:—–-"


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


def is_cue(token: Token) -> bool:
    """Tell whether a token is a speech verb that can introduce a statement."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or lemma not in SPEECH_VERBS:
        return False
    particle = SPEECH_VERBS_NEEDING_PARTICLE.get(lemma)
    if particle and not any(c.dep_ == "prt" and c.text.lower() == particle for c in token.children):
        return False
    if token.dep_ in ("amod", "acl") or any(c.dep_ == "neg" for c in token.children):
        return False
    return not any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _subject_before(cue: Token) -> Token | None:
    """A proper name right before a subject-less cue, appositive allowed (a misparse:
    "..., Scott D. Berrier, Director of the Agency, claimed that ...")."""
    for candidate in reversed(cue.doc[max(0, cue.i - 25) : cue.i]):
        if candidate.pos_ != "PROPN" or candidate.dep_ == "compound":
            continue
        subtree = {t.i for t in candidate.subtree}
        if all(i in subtree for i in range(candidate.i + 1, cue.i)):
            return candidate
    return None


def _subject(cue: Token) -> Token | None:
    """The speaker's head token: the cue's subject, or that of the verb it hangs on."""
    token = cue
    for _ in range(4):
        subjects = [
            c for c in token.children if c.dep_ in ("nsubj", "csubj") and _same_paragraph(c, cue)
        ]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - cue.i))
        if token.dep_ == "ROOT":
            return _subject_before(token)
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head.head
        elif token.dep_ in ("conj", "xcomp", "advcl") and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
        else:
            return None
    return None


def _span_trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        end -= 1
    if end > start and text[end - 1] in QUOTE_MARKS:
        end -= 1
        while end > start and text[end - 1] in ", ":
            end -= 1
    elif end > start and text[end - 1] in ".!?" and not _inside_quote_end(text, end):
        end -= 1
    return start, end


def _inside_quote_end(text: str, end: int) -> bool:
    return end < len(text) and text[end] in QUOTE_MARKS


def _same_paragraph(a: Token, b: Token) -> bool:
    low, high = sorted((a.idx, b.idx))
    return "\n" not in a.doc.text[low:high]


def _clause_tokens(clause: Token) -> list[Token]:
    tokens = sorted(clause.subtree, key=lambda t: t.i)
    first = tokens[0] if tokens else None
    complementizer = first is not None and first.text.lower() in ("that", "whether")
    if complementizer and first.dep_ not in ("nsubj", "nsubjpass", "det", "dobj"):
        tokens = tokens[1:]
    return tokens


def _trailing_modifiers(cue: Token, clause: Token) -> list[Token]:
    """Words after a content clause that the parser hung on the cue ("said X is
    “peanuts,” compared to ..."); stops at another cue or a clause with its own subject."""
    extra: list[Token] = []
    for child in cue.rights:
        if child.i <= clause.i or child.pos_ == "PUNCT" or not _same_paragraph(child, cue):
            continue
        if is_cue(child) or any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            break
        if child.dep_ in ("cc", "conj"):
            break
        extra.extend(child.subtree)
    return extra


def _misparsed_complement(cue: Token) -> Token | None:
    """A "that"-clause parsed as a relative clause of the cue's object ("reassured the
    mothers that ...", "admitted for the first time that ...")."""
    for child in cue.children:
        if child.dep_ not in ("dobj", "prep", "npadvmod", "dative"):
            continue
        for token in child.subtree:
            marks = [c for c in token.children if c.dep_ == "mark" and c.text.lower() == "that"]
            if token.dep_ == "relcl" and marks and marks[0].i < token.i:
                return token
    return None


def _content_tokens(cue: Token) -> list[Token] | None:
    """The content clause of a cue, or None when it has none."""
    ccomps = [c for c in cue.children if c.dep_ == "ccomp" and _same_paragraph(c, cue)]
    ccomps = [
        c for c in ccomps if all(_same_paragraph(t, cue) for t in (c.left_edge, c.right_edge))
    ]
    if ccomps:
        after = [c for c in ccomps if c.i > cue.i]
        tokens = _clause_tokens((after or ccomps)[0])
        if after:
            tokens += _trailing_modifiers(cue, after[0])
        return sorted(tokens, key=lambda t: t.i)
    misparsed = _misparsed_complement(cue)
    if misparsed is not None:
        return _clause_tokens(misparsed)
    if cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX"):
        head = cue.head
        tokens = [t for t in head.subtree if t.pos_ != "PUNCT" or t.i < max(head.subtree).i]
        after = [t for t in tokens if t.i > max(x.i for x in cue.subtree)]
        if not any(t.pos_ != "PUNCT" for t in after):
            tokens = [t for t in tokens if t.i < min(x.i for x in cue.subtree)]
        return sorted(tokens, key=lambda t: t.i)
    return None


def _according_to(token: Token) -> tuple[Token, list[Token]] | None:
    """The source and content of "according to X, ..." at ``token`` ("according")."""
    if token.text.lower() != "according":
        return None
    to = next((c for c in token.children if c.text.lower() == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if source is None or source.text.lower() in ACCORDING_TO_SOURCE_BLOCKLIST:
        return None
    if source.lemma_.lower() in ACCORDING_TO_SOURCE_BLOCKLIST:
        return None
    clause = token.head
    outside = set(t.i for t in token.subtree)
    tokens = [t for t in clause.subtree if t.i not in outside]
    return source, sorted(tokens, key=lambda t: t.i)


class _Extractor:
    def __init__(self, doc: Doc, article: Article, entities: EntityIndex) -> None:
        self.doc, self.article, self.entities = doc, article, entities
        self.text = doc.text
        self.body_start = headline_end(doc)
        self.quotes, _ = find_quotes(self.text)
        self.quotes = [q for q in self.quotes if q.open_mark >= self.body_start]
        self.used: set[Quote] = set()
        self.drafts: list[_Draft] = []

    def _quote_at(self, offset: int) -> Quote | None:
        for quote in self.quotes:
            end = quote.close_mark if quote.close_mark is not None else quote.end
            if quote.open_mark <= offset <= end:
                return quote
        return None

    def _speaker(self, head: Token) -> tuple[Entity, int, str] | None:
        span = speaker_span(head)
        group = self.entities.resolve_group(span)
        if group is None:
            return None
        return self.entities._entity(group), group, span.text

    def _add(self, speaker, start, end, kind, cue, cue_text, content) -> None:
        start, end = _span_trim(self.text, start, end)
        if end - start < 2:
            return
        entity, group, mention = speaker
        self.drafts.append(_Draft(entity, group, start, end, kind, cue, cue_text, mention, content))

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
        if cue.idx >= start and cue.idx < end and inside:
            return  # a cue inside quoted matter: left to the quote pass
        first = inside[0] if inside else None
        if first is not None and first.open_mark <= start <= first.start:
            self.used.add(first)
            self._add(speaker, first.start, first.end, "direct", cue, cue_text, content)
            rest = (first.close_mark or first.end) + 1
            inside = inside[1:]
            if end - rest > 3 and any(c.isalpha() for c in self.text[rest:end]):
                kind = "mixed" if inside else "indirect"
                self.used.update(inside)
                self._add(speaker, rest, end, kind, cue, cue_text, content)
            return
        self.used.update(inside)
        self._add(speaker, start, end, "mixed" if inside else "indirect", cue, cue_text, content)

    def reported_speech(self) -> None:
        for token in self.doc:
            if token.idx < self.body_start or self._quote_at(token.idx):
                continue
            according = _according_to(token)
            if according is not None:
                source, tokens = according
                speaker = self._speaker(source)
                words = [t for t in tokens if t.pos_ != "PUNCT"]
                clause = any(t.pos_ in ("VERB", "AUX") for t in tokens)
                if speaker and len(words) >= 3 and clause:
                    self._emit_content(token, "according to", speaker, tokens)
                continue
            if not is_cue(token):
                continue
            tokens = _content_tokens(token)
            if not tokens or not any(t.pos_ in ("VERB", "AUX") for t in tokens):
                continue
            wh_question = tokens[0].tag_ in ("WDT", "WP", "WRB") and tokens[0].i > token.i
            if wh_question or len(tokens) < 3:
                continue
            if any(is_cue(t) and t.head == token and t.i < token.i and _subject(t) for t in tokens):
                continue  # "X said, Y reported": the inner cue speaks
            subject = _subject(token)
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
            other_end = other.close_mark if other.close_mark is not None else other.end
            if other_end < quote.open_mark and other_end >= left:
                left = other_end + 1
        for i in range(quote.open_mark - 1, left - 1, -1):
            if _sentence_end(text, i):
                left = i + 1
                break
        close = quote.close_mark if quote.close_mark is not None else quote.end
        right = para_end
        for other in self.quotes:
            if other.open_mark > close and other.open_mark < right:
                right = other.open_mark
        for i in range(close + 1, right):
            if _sentence_end(text, i):
                right = i + 1
                break
        return left, right

    def _cue_near(self, start: int, end: int, after: bool) -> Token | None:
        span = _char_span(self.doc, start, end)
        if span is None:
            return None
        cues = [t for t in span if is_cue(t) or t.text.lower() == "according"]
        if not cues:
            return None
        return cues[0] if after else cues[-1]

    def quotations(self) -> None:
        for quote in self.quotes:
            if quote in self.used or self._inside_draft(quote):
                continue
            left, right = self._sentence_bounds(quote)
            close = quote.close_mark if quote.close_mark is not None else quote.end
            cue = self._cue_near(close + 1, right, after=True)
            if cue is not None and self._verb_between(close, cue):
                cue = None
            before = self.text[left : quote.open_mark]
            if cue is None and before.strip():
                cue = self._cue_near(left, quote.open_mark, after=False)
                if cue is not None and self._words_between(cue, quote.open_mark):
                    cue = None
            if cue is not None:
                rest = self.text[close + 1 : right].strip(" \t\n.,;:—–-!?")
                after = cue.idx > close
                kind: StatementKind = "direct" if after or not rest else "fragment"
                self._attach(quote, cue, kind)
                continue
            fragment_cue = self._fragment_cue(quote)
            if fragment_cue is not None:
                self._attach(quote, fragment_cue, "fragment")
                continue
            if not before.strip(" \t\n.,;:—–-") and not self.text[close + 1 : right].strip(
                " \t\n.,;:—–-"
            ):
                self._continue(quote)

    def _verb_between(self, offset: int, cue: Token) -> bool:
        """True when another verb stands between a quote's end and a later cue."""
        return any(
            t.idx > offset and t.pos_ == "VERB" for t in self.doc[max(0, cue.i - 30) : cue.i]
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
        for _ in range(4):
            token = token.head
            if token.lemma_.lower() in FRAGMENT_VERBS and token.pos_ == "VERB":
                return token
            if token.dep_ == "ROOT":
                break
        return None

    def _attach(self, quote: Quote, cue: Token, kind: StatementKind) -> None:
        if cue.text.lower() == "according":
            found = _according_to(cue)
            subject = found[0] if found else None
            cue_text = "according to"
        else:
            subject, cue_text = _subject(cue), cue.text
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
        if between.count("\n") > 2 or len(between) > 400 or self._other_quote(last, quote):
            return
        speaker = (last.speaker, last.group, None)
        self.used.add(quote)
        self._add(speaker, quote.start, quote.end, "direct", None, None, set())

    def _other_quote(self, last: _Draft, quote: Quote) -> bool:
        return any(
            q is not quote and q not in self.used and last.end <= q.open_mark < quote.open_mark
            for q in self.quotes
        )

    def _inside_draft(self, quote: Quote) -> bool:
        return any(d.start <= quote.start and quote.end <= d.end + 1 for d in self.drafts)


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
    if end <= start or start >= len(doc.text):
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


def _clause_text(doc: Doc, cue: Token | None, content: set[int]) -> str:
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
    return " ".join(t.text for t in words if t.text not in QUOTE_MARKS)


def _occasion(doc: Doc, draft: _Draft, sentence_index: dict[int, int]) -> Occasion:
    cue = draft.cue
    position = cue.idx if cue is not None else draft.start
    token = _char_span(doc, position, position + 1)
    sent_start = token.sent.start if token is not None else 0
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
        speaker=draft.group,
        position=position,
        sentence=sentence_index.get(sent_start, 0),
        paragraph=doc.text.count("\n", 0, position),
        clause_text=_clause_text(doc, cue, draft.content),
        continuation=cue is None,
        pluperfect=had,
        perfect_or_present=has or present,
        main_clause=main and (verb is None or verb.dep_ != "advcl"),
        quick=bool(adverbs & QUICK_SEQUENCE_ADVERBS),
    )


def _speech_events(doc: Doc, article: Article, entities: EntityIndex, cues: set[int]):
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
    drafts = sorted(extractor.drafts, key=lambda d: (d.start, d.end))
    sentence_index = {s.start: i for i, s in enumerate(doc.sents)}
    occasions = [_occasion(doc, d, sentence_index) for d in drafts]
    cue_tokens = {d.cue.i for d in drafts if d.cue is not None}
    events, days = _speech_events(doc, article, entities, cue_tokens)
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
        )
        yield replace(statement, date=dating.date, date_basis=dating.basis, date_text=dating.text)
