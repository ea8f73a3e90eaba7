"""What dating needs to know about each statement: its cue's clause, tense and place.

:func:`occasion` turns a drafted statement into a :class:`~newsgraph.extract.dates.Occasion`
(the words of the cue's clause with the content left out, "had said" or "says", the
sentence and paragraph), and :func:`speech_events` finds sentences that date an occasion of
speech without being statements themselves ("The admission came on Wednesday from X").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsgraph.extract.dates import Occasion, SpeechEvent, Turn, find_time_expression
from newsgraph.extract.entities import EntityIndex, speaker_span
from newsgraph.extract.lexicon import (
    MONTHS,
    QUICK_SEQUENCE_ADVERBS,
    SPEECH_EVENT_NOUNS,
    SPEECH_VERBS,
)
from newsgraph.extract.paragraphs import doc_text
from newsgraph.extract.quotes import is_mark_token
from newsgraph.extract.records import Article

_CLAUSAL = {"advcl", "conj", "relcl", "ccomp", "parataxis", "csubj", "xcomp", "acl", "pcomp"}


_NOUN_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "dative", "attr", "appos", "oprd", "expl"}
"""Dependents naming the speaker or the addressee: a day inside them ("one of the divers in
Friday's rescue told") names another event, not the act of saying."""
_OTHER_EVENT_PREPOSITIONS = {
    "after", "before", "since", "until", "till", "following", "ahead", "through", "by"
}  # fmt: skip
"""Prepositions that place the act of saying relative to another event ("since March 5",
"before the Nov. 8 election"): the day they carry is the other event's."""


_QUESTION_VERBS = frozenset(
    {"ask", "question", "press", "challenge", "interview", "speak", "appear", "address",
     "talk", "testify"}
)  # fmt: skip
"""Verbs of a clause that stages the saying itself: a question put to the speaker ("When
asked on Thursday, X said") or the speaker's appearance ("Appearing before supporters
Monday morning, X said", "Speaking on Friday, X said"). Their day dates the words."""


_ISSUING_VERBS = frozenset(
    {"date", "issue", "release", "publish", "send", "post", "deliver", "give", "make"}
)
"""Participles that give a speech noun the day its words were issued ("a letter dated
Tuesday", "a statement released Friday")."""


def clause_text(doc: Doc, cue: Token | None, content: set[int]) -> str:
    """The words of the act of saying: the cue's clause without its content, subordinate
    clauses, subject and addressee (which name people, not the occasion).

    Kept are the cue's own modifiers (``said on Tuesday``, ``In an interview Thursday``,
    ``told reporters yesterday``) and, for a speech noun in an argument ("in a statement
    Friday", "a letter dated Tuesday"), that noun's modifiers. A preposition that places the
    saying relative to another event ("after", "before", "since") is kept as its word alone,
    so that it still marks another occasion without lending its day.
    """
    if cue is None:
        return ""
    anchor = saying_head(cue)
    skip = set(content)
    for child in anchor.children:
        if cue in child.subtree:
            continue
        person = child.dep_ in _NOUN_ARGUMENTS and (
            not _speech_noun(child) or _still_to_come(child)
        )  # "noted a planned rally on Saturday": a coming occasion, not the saying's
        question = child.dep_ == "advcl" and child.lemma_.lower() in _QUESTION_VERBS
        if (child.dep_ in _CLAUSAL and not question) or person:
            skip.update(t.i for t in child.subtree)
        elif question:  # "When asked by X on Thursday, Y said": one exchange, one day
            skip.update(t.i for t in child.subtree if t.dep_ in _NOUN_ARGUMENTS)
        elif child.dep_ == "prep" and child.lower_ in _OTHER_EVENT_PREPOSITIONS:
            skip.update(t.i for t in child.subtree if t.i != child.i)
    for token in anchor.subtree:
        if token.i in skip or token.i == anchor.i:
            continue
        staging = token.head == anchor and token.lemma_.lower() in _QUESTION_VERBS
        staging = staging or (
            token.dep_ == "acl"
            and _speech_noun(token.head)
            and token.lemma_.lower() in _ISSUING_VERBS
        )  # "wrote in a letter dated Tuesday": the day the words were issued
        nested_clause = token.dep_ in _CLAUSAL and cue not in token.subtree and not staging
        if nested_clause or (token.dep_ == "poss" and not _speech_noun(token.head)):
            skip.update(t.i for t in token.subtree)
    words = [t for t in anchor.subtree if t.i not in skip]
    for noun in _authored_speech(anchor):
        for child in noun.children:
            if child.dep_ in ("prep", "npadvmod", "nmod") and child.lower_ not in (
                _OTHER_EVENT_PREPOSITIONS
            ):
                words.extend(t for t in child.subtree if t.i not in content)
    if anchor.dep_ == "conj":
        head = anchor.head
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in SPEECH_VERBS:
            head = head.head  # "said it was early but added": parsed onto the content's verb
        for child in head.children:
            if child.dep_ in ("prep", "npadvmod", "advmod", "tmod"):
                # not a relative clause inside it ("In a speech from Wyoming -- which holds
                # a caucus on Saturday -- X claimed ... and argued"): that is its noun's act
                relative = {t.i for r in child.subtree if r.dep_ == "relcl" for t in r.subtree}
                words.extend(t for t in child.subtree if t.i not in relative)
            elif child.dep_ == "advcl" and child.lemma_.lower() in _QUESTION_VERBS:
                # "Appearing before supporters Monday, X said ... but added": one appearance
                words.extend(t for t in child.subtree if t.dep_ not in _NOUN_ARGUMENTS)
    words = sorted(set(words), key=lambda t: t.i)
    return " ".join(t.text for t in words if not is_mark_token(t.text))


def _authored_speech(cue: Token) -> list[Token]:
    """The speech nouns whose author a relative-clause cue describes: "remarks on Sunday
    evening by the minister, who posted: ..." (the remarks are the posting, so their day is
    its day), also when the by-phrase hangs on the verb taking the remarks ("echoed
    remarks on Sunday by X, who posted")."""
    if cue.dep_ != "relcl":
        return []
    author = cue.head.head if cue.head.dep_ == "appos" else cue.head
    if author.dep_ != "pobj" or author.head.lower_ not in ("by", "from", "of"):
        return []
    holder = author.head.head
    if holder.pos_ in ("NOUN", "PROPN"):
        return [holder] if _speech_noun(holder) else []
    if holder.pos_ in ("VERB", "AUX"):
        return [c for c in holder.children if c.dep_ == "dobj" and _speech_noun(c)]
    return []


def _speech_noun(token: Token) -> bool:
    return token.lemma_.lower() in scene_nouns()


def saying_head(cue: Token) -> Token:
    """The verb whose clause holds the act of saying.

    Usually the cue itself (also "according to", whose head is the content's verb, not the
    saying: "according to X, he will speak Tuesday"). A participle cue without a subject of
    its own shares the subject and the time of the verb it modifies: "Rubio pushed back on
    Thursday, saying that ...", "sent an email on Friday saying that ...". Not when that
    verb's object is a recording, whose words may be anyone's ("tweeted a video Thursday,
    saying ...").
    """
    if cue.text.lower() == "according":
        return cue  # "according to X" hangs on the content's verb: its day is the content's
    if cue.dep_ == "pcomp" and cue.head.lower_ != "with":
        return cue.head.head  # "in announcing the plan on Tuesday, ..."; not "with X saying"
    if cue.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return cue
    head = cue.head
    if cue.dep_ == "acl" and head.dep_ in _NOUN_ARGUMENTS | {"pobj"} and _speech_noun(head):
        head = head.head.head if head.dep_ == "pobj" else head.head  # "an email ... saying"
    elif cue.dep_ not in ("advcl", "xcomp", "conj"):
        return cue
    recording = any(
        c.dep_ in _NOUN_ARGUMENTS and c.lemma_.lower() in RECORDING_NOUNS for c in head.children
    )
    if head.pos_ in ("VERB", "AUX") and not recording:
        return head
    return cue


RECORDING_NOUNS = frozenset({"video", "footage", "clip", "recording", "ad", "advertisement"})
"""Objects that carry other people's words: a participle after them may report the
recording's speakers, not the subject who posted it."""


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
    if verb is not None and verb.dep_ != "pcomp":
        verb = saying_head(verb)  # "pushed back on Thursday, saying": the act is "pushed back"
    auxes = [c for c in verb.children if c.dep_ == "aux"] if verb is not None else []
    had = any(a.text.lower() in ("had", "'d") for a in auxes)
    has = any(a.text.lower() in ("has", "have", "'s", "'ve") for a in auxes)
    present = verb is not None and (verb.tag_ in ("VBZ", "VBP") or _example_of_kind(verb))
    adverbs = (
        {c.text.lower() for c in verb.children if c.dep_ == "advmod"} if verb is not None else set()
    )
    named, noun = _named_occasion(doc, cue, content)
    main = verb is None or verb.dep_ in ("ROOT", "conj", "parataxis") or verb.head.dep_ == "ROOT"
    # "remarks by X, who posted": X's occasion
    main = main or (verb is not None and bool(_authored_speech(verb)))
    return Occasion(
        speaker=speaker,
        position=position,
        sentence=sentence_index.get(sent_start, 0),
        paragraph=doc_text(doc).count("\n", 0, position),
        clause_text=" ".join(
            filter(None, (clause_text(doc, cue, content), _trailing_day(doc, content)))
        ),
        continuation=cue is None,
        pluperfect=had,
        perfect_or_present=has or present,
        main_clause=main and (verb is None or verb.dep_ != "advcl"),
        quick=bool(adverbs & QUICK_SEQUENCE_ADVERBS),
        own_occasion=named == "new",
        refers_back=named == "back",
        occasion_noun=noun,
        quoted=_quoted(doc, content),
        pronoun=cue is not None
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for c in cue.children),
        written=cue is not None and cue.lemma_.lower() in _WRITTEN_VERBS,
        cited=cue is not None and cue.lower_ == "according",
        joint=noun in _JOINT_NOUNS and verb is not None and _several(verb),
    )


_JOINT_NOUNS = frozenset({"conference", "briefing"})
"""Occasions several speakers may hold together: "At a press conference on Friday, families
of the victims urged ..." is a joint news conference, where each member then speaks."""


def _several(verb: Token) -> bool:
    """The verb's subject is several people: a plural noun ("families", "lawmakers") or
    coordinated names ("Smith and Jones")."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and (c.tag_ in ("NNS", "NNPS") or bool(c.conjuncts))
        for c in verb.children
    )


_WRITTEN_VERBS = frozenset({"tweet", "post", "write", "email", "e-mail", "text", "blog"})
"""Cues of written words: a tweet or a post is not spoken in a debate hall or a hearing."""


_TRAILING_DAY = re.compile(
    r"^\s*(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s*[.;]",
    re.IGNORECASE,
)


def _trailing_day(doc: Doc, content: set[int]) -> str:
    """A day right after a closing quotation that ends the sentence ('tweeted, "Thank you!"
    on Friday afternoon.') belongs to the cue before the quotation, whatever the parser
    made of it."""
    if not content:
        return ""
    after = max(content) + 1
    while after < len(doc) and is_mark_token(doc[after].text):
        after += 1
    if after == max(content) + 1 or after >= len(doc):
        return ""  # no closing quotation mark
    match = _TRAILING_DAY.match(doc_text(doc)[doc[after].idx : doc[after].idx + 40])
    return match.group(0).strip(" .;") if match else ""


def _quoted(doc: Doc, content: set[int]) -> bool:
    """The content holds the speaker's own words in quotation marks (direct or mixed)."""
    if not content:
        return False
    first, last = min(content), max(content)
    near = range(max(first - 1, 0), min(last + 2, len(doc)))
    return any(is_mark_token(doc[i].text) for i in near)


def _named_occasion(
    doc: Doc, cue: Token | None, content: set[int]
) -> tuple[str | None, str | None]:
    """How the cue's clause names the occasion of saying, and the speech noun naming it:
    ``"new"`` for "said in a statement", "told X in an interview" (a speech noun without a
    definite determiner: an occasion of its own), ``"back"`` for "said in the interview"
    (one already named), else None."""
    if cue is None:
        return None, None
    anchor = saying_head(cue)
    nouns = scene_nouns()
    for token in anchor.subtree:
        if token.i in content or token.lemma_.lower() not in nouns or token.tag_ != "NN":
            continue  # a plural ("than in past debates") names no one occasion
        if token.dep_ not in ("pobj", "dobj", "npadvmod") or token.head.i in content:
            continue
        if token.dep_ == "pobj" and token.head.head != anchor:
            continue
        if _after_another_event(token):  # "said after the debate": at another occasion
            return "new", token.lemma_.lower()
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
        lemma = token.lemma_.lower()
        named_owner = any(c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") for c in token.children)
        definite = determiners & {"the", "that", "this", "those", "these"} or named_owner
        if definite or _just_named(token):  # "in the agency's first briefing": a known one
            return "back", lemma
        if not determiners & {"its", "his", "her", "their"}:
            return "new", lemma
    return None, None


def _example_of_kind(verb: Token) -> bool:
    """The saying is given as an instance of a kind, not as an occasion: "references, such as
    when X called him a moderate" (a when-clause hanging on a noun or a preposition)."""
    clause = verb.head if verb.dep_ == "conj" else verb
    when = any(c.dep_ == "advmod" and c.lower_ in ("when", "whenever") for c in clause.children)
    return when and clause.head.pos_ not in ("VERB", "AUX")


def _just_named(noun: Token) -> bool:
    """The same kind of occasion was named in the sentence before ("delivered during an
    afternoon radio interview. ... said in an interview with X"): the same occasion."""
    sent = noun.sent
    if sent.start == 0:
        return False
    previous = noun.doc[sent.start - 1].sent
    lemma = noun.lemma_.lower()
    return any(t.lemma_.lower() == lemma for t in previous)


def _sentence_start(doc: Doc, offset: int) -> int:
    """The index of the first token of the sentence holding ``offset``."""
    span = doc.char_span(offset, min(offset + 1, len(doc_text(doc))), alignment_mode="expand")
    return span.sent.start if span is not None and len(span) else 0


_SCENE_VERBS = frozenset(
    {"speak", "talk", "address", "appear", "testify", "grouse", "hold", "give", "issue",
     "send", "release", "publish", "post", "tweet", "meet", "debate", "brief", "make",
     "deliver", "offer"}
)  # fmt: skip
"""Lemmas of verbs that stage an occasion of speech ("spoke at a rally on Monday", "sent
letters Saturday", "held a news conference Tuesday"); those that need a speech noun as
their object or place ("hold", "give", "send", ...) count only with one."""
_SCENE_VERBS_ALONE = frozenset({"speak", "talk", "address", "testify", "grouse", "debate", "brief"})
SHARED_SCENE_NOUNS = frozenset({"debate", "forum", "hearing", "discussion", "panel", "town"})
"""Occasions where several people speak: a day given to one dates everyone shown speaking
in it until the scene changes."""
_TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "yesterday", "today", "tonight"}
)  # fmt: skip


_OWN_SCENE_NOUNS = frozenset(
    {"rally", "email", "e-mail", "meeting", "summit", "op-ed", "endorsement", "note", "memo",
     "call", "disclosure"}
)  # fmt: skip
"""Occasions that date the people named staging them, not everyone."""


def scene_nouns() -> frozenset[str]:
    """Nouns naming an occasion of speech. A video or a post may show anyone, so "a video
    leaked on Friday" does not date whoever speaks after it."""
    return (SPEECH_EVENT_NOUNS - {"video"}) | SHARED_SCENE_NOUNS | _OWN_SCENE_NOUNS


def _day_phrases(sent) -> list[Token]:
    """Head tokens of the phrases in a sentence that name a day."""
    heads = []
    for token in sent:
        lower = token.lower_.rstrip(".")
        is_day = lower in _TIME_WORDS or (
            lower in MONTHS and any(c.like_num for c in token.children)
        )
        if lower in ("today", "tonight") and token.text[0].isupper() and not token.is_sent_start:
            is_day = False  # NBC's "Today", USA TODAY: a name, not the day
        if not is_day:
            continue
        head = token
        nouns = scene_nouns()
        while head.dep_ in ("compound", "nummod", "amod", "nmod") and head.head != head:
            if head.head.lemma_.lower() in nouns:
                break  # "a Saturday rally", "a Sunday tweet": the day names the occasion
            head = head.head
        if head not in heads:
            heads.append(head)
    return heads


def _attachment(phrase: Token) -> tuple[Token | None, str | None]:
    """The word a day phrase modifies and the preposition between them."""
    if phrase.dep_ == "pobj":
        return phrase.head.head, phrase.head.lower_
    if phrase.dep_ in ("npadvmod", "tmod", "advmod", "nmod", "poss", "appos", "obl"):
        return phrase.head, None
    if phrase.dep_ in ("compound", "amod") and phrase.head.lemma_.lower() in scene_nouns():
        return phrase.head, None  # "during a Saturday rally": the rally's day
    return None, None


def _scene_of(head: Token) -> tuple[Token | None, Token | None]:
    """For the word a day modifies: (the speech noun of the occasion, the verb staging it)."""
    nouns = scene_nouns()
    if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in nouns:
        verb = head.head if head.dep_ in _NOUN_ARGUMENTS else None
        if head.dep_ == "pobj" and head.head.head.pos_ in ("VERB", "AUX"):
            verb = head.head.head
        return head, verb
    if head.pos_ not in ("VERB", "AUX"):
        return None, None
    lemma = head.lemma_.lower()
    for child in head.children:
        target = child
        if child.dep_ == "prep":
            target = next((g for g in child.children if g.dep_ == "pobj"), child)
        stages = lemma in _SCENE_VERBS or lemma in SPEECH_VERBS
        if stages and child.dep_ in _NOUN_ARGUMENTS | {"prep"} and target.lemma_.lower() in nouns:
            return target, head
    if (
        head.dep_ in ("relcl", "acl")
        and head.head.lemma_.lower() in nouns
        and lemma in _SCENE_VERBS
    ):
        return head.head, head
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lemma_.lower() in nouns:
        return subject, head  # "the admission came from X on Wednesday"
    if lemma in _SCENE_VERBS_ALONE:
        return None, head
    return None, None


LEDE_SENTENCES = 8
"""How many sentences from the top may hold the lede (a headline, a dateline or an
abstract line may come first). The first of them whose main verb carries a day is taken."""


def _lede_scene(
    doc: Doc, article: Article, entities: EntityIndex, cues: set[int]
) -> SpeechEvent | None:
    """The news occasion a lede dates: "The United Kingdom on Tuesday banned trade ...",
    "the two chief antagonists on Thursday night abandoned their strategy".

    A news story opens with what happened and when; the statements that follow report
    that occasion until the text names another (a statement, an interview, another day).
    Only a day on the lede's main verb counts, and only when the lede is not itself a
    statement (a statement's day dates its own speaker). The occasion is its subject's; when
    the lede stages a shared occasion ("took the debate stage"), everyone's.
    """
    for index, sent in enumerate(doc.sents):
        if index >= LEDE_SENTENCES:
            return None
        root = sent.root
        if root.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in root.children
        ):
            continue
        if _present_act(root) or _coming(root):
            continue
        if root.i in cues:
            return None  # the lede is a statement: its day dates its own speaker
        for phrase in _day_phrases(sent):
            head, preposition = _attachment(phrase)
            if head is None:  # a day phrase that modifies nothing in this sentence
                continue
            near = head == root or (
                head.head == root and head.dep_ in ("nsubj", "nsubjpass", "advcl", "ccomp")
            )  # "the two antagonists on Thursday night abandoned", parsed onto the subject
            if near and preposition in (None, "on"):
                text = doc[phrase.left_edge.i : phrase.right_edge.i + 1].text
                day = find_time_expression(text, article.published)
                if day is not None and day.date is not None and not day.relative_to_context:
                    groups = _groups(entities, _subjects(root) + _named_in_speech(root))
                    shared = any(t.lemma_.lower() in SHARED_SCENE_NOUNS for t in sent)
                    # Without a speaker it dates no one by itself, but still gives the
                    # news day (see dates.date_occasions).
                    return SpeechEvent(
                        tuple(groups), sent.start_char, day.date, day.text, shared, lede=True
                    )
    return None


def _present_act(verb: Token) -> bool:
    """The verb tells what is so now ("is touting his win on Feb. 1", "says", "has
    won"): a past day in its clause belongs to something else, not to this act."""
    if verb.tag_ == "VBZ":
        return True  # not VBP: the tagger gives it to past forms too ("allies dove")
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & {"is", "are", "am", "'s", "'re", "has", "have", "'ve"})


def _named_in_speech(verb: Token) -> list[Token]:
    """The people a verb's speech-noun object names as its authors: "received the
    endorsement of Gov. Mike Pence", "welcomed Smith's statement"."""
    found = []
    for child in verb.children:
        if child.dep_ not in ("dobj", "nsubjpass") or not _speech_noun(child):
            continue
        found += [c for c in child.children if c.dep_ == "poss"]
        found += [
            g
            for c in child.children
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "by")
            for g in c.children
            if g.dep_ == "pobj"
        ]
    return found


def _subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, with those of the verbs it is conjoined to."""
    found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not found and verb.dep_ == "conj":
        found = _subjects(verb.head)
    if verb.dep_ == "relcl" and any(t.tag_ in ("WP", "WDT") for t in found):
        found = [verb.head]  # "Weller, who endorsed Smith": the relative pronoun's noun
    return found + [c for s in found for c in s.children if c.dep_ == "conj"]


def _groups(entities: EntityIndex, tokens: list[Token]) -> list[int]:
    """The entity groups of speaker tokens, in order, without repeats."""
    groups: list[int] = []
    for token in tokens:
        if token.dep_ == "agent":
            token = next((g for g in token.children if g.dep_ == "pobj"), token)
        if token.pos_ in ("PROPN", "PRON", "NOUN"):
            group = entities.resolve_group(speaker_span(token))
            if group is not None and group not in groups:
                groups.append(group)
    return groups


def _questioned(noun: Token, verb: Token | None) -> list[Token]:
    """The person questioned in an interview the day is given to by a verb of its own
    ("X was asked about it during an interview published Monday by the Daily News"): the
    subject of the verb the interview hangs on speaks in it, not only its publisher."""
    if noun.lemma_.lower() not in ("interview", "conversation"):
        return []
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    if governor == verb or governor.pos_ not in ("VERB", "AUX"):
        return []
    return _subjects(governor)


def _definite(noun: Token) -> bool:
    """A speech noun pointing back to words already given: "the disclosures", "those
    remarks", "his comments" (not "a statement", nor "Smith's letter", which may be new)."""
    words = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
    return bool(words & {"the", "these", "those", "this", "that", "his", "her", "their", "its"})


_INDEFINITE = frozenset(
    {"a", "an", "one", "some", "several", "another", "other", "two", "three", "many"}
)


def _while_clause(head: Token, root: Token) -> bool:
    """ "As the two camps sparred Thursday, other contenders weighed in": a clause of the
    same time ("as", "while") gives its day to the verb it hangs on; not a comparison ("as
    he did on Tuesday")."""
    return (
        head.dep_ == "advcl"
        and head.head == root
        and head.lemma_.lower() != "do"
        and any(c.dep_ == "mark" and c.lower_ in ("as", "while") for c in head.children)
    )


def _introduced(subject: Token) -> bool:
    """An indefinite noun subject ("one poll worker", "some union members"): someone the
    story introduces and names next ("Late Monday, one poll worker was more cautious.
    X, a nurse, said ...")."""
    return subject.pos_ == "NOUN" and any(
        c.dep_ in ("det", "nummod", "amod") and c.lower_ in _INDEFINITE for c in subject.children
    )


def _narrative_day(sent, article: Article, entities: EntityIndex) -> SpeechEvent | None:
    """A narrative sentence whose subject acts on a day ("Cruz on Friday played down the
    idea of a deal."): it sets the occasion of that subject's words quoted right after it
    in the same paragraph ("'There never was a grand alliance,' he said"), and no others."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or _present_act(root) or _coming(root):
        return None
    for phrase in _day_phrases(sent):
        head, preposition = _attachment(phrase)
        if head is None:
            continue
        near = head == root or (
            head.head == root and head.dep_ in ("nsubj", "nsubjpass", "advmod")
        )  # "X took her there on Sunday": the day of the verb's adverb is the verb's
        near = near or _while_clause(head, root)
        if not near or preposition not in (None, "on"):
            continue
        text = sent.doc[phrase.left_edge.i : phrase.right_edge.i + 1].text
        day = find_time_expression(text, article.published)
        if day is None or day.date is None or day.relative_to_context:
            return None
        subjects = _subjects(root)
        groups = _groups(entities, subjects)
        unnamed = bool(subjects) and all(_introduced(s) for s in subjects)
        if not groups and not unnamed:
            return None
        paragraph = doc_text(sent.doc).count("\n", 0, sent.start_char)
        return SpeechEvent(tuple(groups), sent.start_char, day.date, day.text, paragraph=paragraph)
    return None


_PLANNING_VERBS = frozenset(
    {"plan", "intend", "expect", "hope", "want", "aim", "prepare", "schedule", "vow",
     "promise", "threaten"}
)  # fmt: skip


_COMING_MODIFIERS = frozenset({"planned", "upcoming", "scheduled", "coming", "next", "future"})


def _still_to_come(noun: Token) -> bool:
    """A speech noun modified as still to come ("a planned rally on Saturday", "the
    upcoming debate"): its day is a future occasion's, never the day of any words."""
    return any(c.dep_ == "amod" and c.lower_ in _COMING_MODIFIERS for c in noun.children)


def _after_another_event(noun: Token | None) -> bool:
    """The speech noun is placed relative to another act ("after Thursday's debate", "since
    Monday's hearing"): what follows was not said at it."""
    return (
        noun is not None and noun.dep_ == "pobj" and noun.head.lower_ in _OTHER_EVENT_PREPOSITIONS
    )


def _coming(verb: Token) -> bool:
    """The verb tells of an act still to come ("will air", "plans to protest at"): the
    occasion it stages has not been held, so no one has spoken at it yet."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _PLANNING_VERBS


def speech_events(
    doc: Doc, article: Article, entities: EntityIndex, cues: set[int]
) -> tuple[list[SpeechEvent | Turn], list[tuple[int, dt.date]]]:
    """Sentences that date an occasion of speech without being a statement themselves.

    The day must modify the occasion: a speech noun ("In a letter dated Tuesday", "at the
    debate on Thursday night") or a verb that stages one ("sent letters Saturday", "spoke
    at a rally on Monday"). A day on anything else ("a video leaked on Friday", "the Nov.
    8 election", "since March 5") names another event and dates no one. The speakers are
    the subject of the staging verb and the people named in the speech noun's phrase; a
    shared occasion (a debate, a hearing) dates everyone who speaks in it.
    """
    events, days = [], []
    lede = _lede_scene(doc, article, entities, cues)
    if lede is not None:
        events.append(lede)
    for index, sent in enumerate(doc.sents):
        found = find_time_expression(sent.text, article.published)
        if found is None or found.date is None or found.relative_to_context:
            continue
        days.append((sent.start_char, found.date))
        nested = any(t.i in cues for t in sent)
        if sent.root.i in cues:
            continue
        count = len(events)
        for phrase in _day_phrases(sent):
            if nested and (phrase.i in cues or any(a.i in cues for a in phrase.ancestors)):
                continue  # a day inside someone's words, or on their saying
            head, preposition = _attachment(phrase)
            if head is None or preposition in _OTHER_EVENT_PREPOSITIONS:
                continue
            noun, verb = _scene_of(head)
            if noun is None and verb is None:
                continue
            if _after_another_event(noun):
                continue  # "after Thursday's debate": the day of another event
            if verb is not None and _coming(verb):
                continue  # "plan to protest at Thursday's debate": no one has spoken there
            if nested and noun is not None and _definite(noun):
                continue  # "stood by his comment Monday that ...": words given right here
            text = doc[phrase.left_edge.i : phrase.right_edge.i + 1].text
            day = find_time_expression(text, article.published)
            if day is None or day.date is None or day.relative_to_context:
                continue
            people = []
            if verb is not None:
                people += _subjects(verb) + [c for c in verb.children if c.dep_ == "agent"]
                people += [
                    g
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ in ("from", "by")
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
            if noun is not None:
                named = [t for t in noun.subtree if t.dep_ in ("poss", "pobj", "compound")]
                people += named + [c for t in named for c in t.conjuncts]
                people += _questioned(noun, verb)
            groups = _groups(entities, people)
            # a debate named inside a noun phrase ("his remarks in a debate on Saturday
            # convinced many") is a topic; only one a verb stages is the story's scene
            shared = (
                noun is not None and noun.lemma_.lower() in SHARED_SCENE_NOUNS and verb is not None
            )
            if groups or shared:
                event = SpeechEvent(tuple(groups), sent.start_char, day.date, day.text, shared)
                definite = noun is not None and _definite(noun)
                lemma = noun.lemma_.lower() if noun is not None else None
                events.append(replace(event, definite=definite, sentence=index, noun=lemma))
            break
        # A sentence citing others' words is narration too: its subject's day is kept as a
        # narrative day as well, which the speaker's own side remark does not end ("X, who
        # said last week that ..., issued a statement Tuesday saying ...").
        narrate = len(events) == count or nested
        narrative = _narrative_day(sent, article, entities) if narrate else None
        if narrative is not None:
            events.append(replace(narrative, sentence=index))
    turns = _turns(doc, article, entities, cues)
    both: list[SpeechEvent | Turn] = [*turns, *events]
    ordered = sorted(both, key=lambda e: e.position)  # stable: turns first
    return ordered, days


_ENTRY_BREAK = re.compile(
    r"^\s*(?:_{2,}|-{3,}|\*{3,}|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)\s*\.?\s*$", re.IGNORECASE
)
"""A line that only breaks a live blog into entries: a rule ("___") or a clock time
("9:40 p.m.")."""


def _turns(doc: Doc, article: Article, entities: EntityIndex, cues: set[int]) -> list[Turn]:
    """Days the narration gives to an act outside anyone's words ("Y's campaign
    posted a clip Thursday afternoon", "But X on Thursday went on the attack"): a
    day under no cue, neither on a statement's saying nor in its content. Also the lines
    that start a live blog's next entry ("___", "9:40 p.m."), which turn to a new scene
    for everyone."""
    turns = []
    for sent in doc.sents:
        if _ENTRY_BREAK.match(sent.text):
            turns.append(Turn(sent.start_char, (), entry=True))  # a live blog's next entry
            continue
        root = sent.root
        dated = False
        for phrase in _day_phrases(sent):
            if phrase.i in cues or any(a.i in cues for a in phrase.ancestors):
                continue  # the day of someone's words, or inside them
            text = doc[phrase.left_edge.i : phrase.right_edge.i + 1].text
            day = find_time_expression(text, article.published)
            if day is not None and day.date is not None and not day.relative_to_context:
                actors = _subjects(root) if root.pos_ in ("VERB", "AUX") else []
                turns.append(Turn(sent.start_char, tuple(_groups(entities, actors))))
                dated = True
                break
        if not dated and not any(t.i in cues for t in sent) and _new_scene(sent, article):
            groups = _groups(entities, _subjects(root))
            if groups:
                turns.append(Turn(sent.start_char, tuple(groups), scene=True))
    return turns


_PLACE_PREPOSITIONS = frozenset({"in", "at", "during", "on"})


def _new_scene(sent, article: Article) -> bool:
    """A narrative sentence that stages another exchange for its subject without a day:
    a verb of speaking or of being questioned, at an occasion named as new ("X explained
    his reasoning in an appearance on a Sunday show") or at a vague other time ("At a town
    hall earlier this month, X was asked about ..."). The quotes after it are that
    exchange's, so the day the subject's words carried ends."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return False
    lemma = root.lemma_.lower()
    if lemma not in _QUESTION_VERBS and lemma not in SPEECH_VERBS:
        return False
    skip = {
        t.i
        for c in root.subtree
        if c != root and (c.dep_ in _CLAUSAL or c.dep_ in ("nsubj", "nsubjpass", "appos"))
        for t in c.subtree
    }
    own = [t for t in root.subtree if t.i not in skip]
    nouns = scene_nouns()
    for noun in own:
        if noun.dep_ != "pobj" or noun.head.lower_ not in _PLACE_PREPOSITIONS:
            continue
        names = {noun.lemma_.lower()} | {
            c.lemma_.lower() for c in noun.children if c.dep_ == "compound"
        }
        determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
        if noun.tag_ == "NN" and names & nouns and determiners <= {"a", "an"}:
            return True
    for child in root.children:  # a time of the act itself, not of a noun in it
        if child.dep_ in ("advmod", "npadvmod", "tmod") or (
            child.dep_ == "prep" and len(list(child.subtree)) <= 4
        ):
            text = " ".join(t.text for t in child.subtree)
            found = find_time_expression(text, article.published)
            if found is not None and found.date is None:
                return True
    return False
