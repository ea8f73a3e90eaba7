"""Time expressions resolved to days, against the publication date or a date in context.

Only expressions that name one day resolve: a weekday (its most recent occurrence on or
before publication), "yesterday"/"today", a month and day, an ISO date, and "the day
before"-style phrases relative to a date the text has already established. Vague ones
("last week", "at that time", "earlier", a month alone) resolve to nothing and say so, so
that callers can stop a date carrying over from an unrelated sentence. Nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsgraph.extract.lexicon import (
    CONTEXT_DAY_OFFSETS,
    MONTHS,
    RELATIVE_DAY_OFFSETS,
    VAGUE_TIME_PATTERNS,
    WEEKDAYS,
)
from newsgraph.extract.records import DateBasis

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b{_YEAR}", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_WEEKDAY = re.compile(r"\b(?:on\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_INDEFINITE_DAY = re.compile(r"\b(?:one|every|each|any|some|another)\s+$", re.IGNORECASE)
"""What makes a weekday after it no one day: "one Sunday in 2001", "every Monday" (not
"a Sunday rally", the day of one rally)."""
_RELATIVE = re.compile(r"\b(?P<word>" + "|".join(RELATIVE_DAY_OFFSETS) + r")\b", re.IGNORECASE)
_CONTEXT = re.compile(
    r"\b(?P<phrase>" + "|".join(re.escape(p) for p in CONTEXT_DAY_OFFSETS) + r")\b",
    re.IGNORECASE,
)
_OTHER_OCCASION_PATTERNS = (
    rf"\b{_MONTH}(?:\s+of)?,?\s+(?:19|20)\d\d\b",  # "March of 2025": a month, not a day
    r"\b(?:since|until|till)\b",  # relative to another event, not its day
    # "last January", "early March": a month, no day ("May" only as a name, not "may be")
    r"\b(?:last|this|next|early|late)\s+(?:"
    + "|".join("(?-i:May)" if m == "may" else m for m in MONTHS)
    + r")\b\.?(?!\s*\d)",
    r"\b(?:19|20)\d\d\s+(?:autobiography|memoir|book|interview|speech|letter|article|column|"
    r"op-ed|essay|statement|testimony)\b",  # "wrote in his 1990 autobiography": a year, no day
)
_VAGUE = re.compile(
    "|".join(f"(?:{p})" for p in VAGUE_TIME_PATTERNS + _OTHER_OCCASION_PATTERNS), re.IGNORECASE
)


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in a stretch of text.

    ``date`` is None for a vague expression or one that cannot be resolved.
    """

    text: str
    date: dt.date | None
    vague: bool = False
    relative_to_context: bool = False


def _with_year(month: int, day: int, year: int | None, published: dt.date | None):
    """Build a date; without a year, the occurrence of the day nearest to publication.

    Words reported as said lie in the past, so a year-less day resolves toward the past
    only when its nearest occurrence is past: "said on Dec. 28" in a January article is
    last December; "the Nov. 8 election" in an October article is a future day, never
    pushed a year back, and dates nothing.
    """
    if year is not None:
        return _safe_date(year, month, day)
    if published is None:
        return None
    occurrences = [_safe_date(published.year + k, month, day) for k in (-1, 0, 1)]
    valid = [d for d in occurrences if d is not None]
    if not valid:
        return None
    nearest = min(valid, key=lambda d: abs((d - published).days))
    return nearest if nearest <= published else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def weekday_on_or_before(weekday: int, published: dt.date) -> dt.date:
    """The most recent day with ``weekday`` (0 = Monday) on or before ``published``.

    >>> weekday_on_or_before(2, dt.date(2022, 3, 10))
    datetime.date(2022, 3, 9)
    """
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def find_time_expression(
    text: str, published: dt.date | None, context_date: dt.date | None = None
) -> TimeExpression | None:
    """Find the day a stretch of text (a cue's clause) refers to.

    Args:
        text: The words governing the cue (the content of the statement left out).
        published: The article's publication date, for relative days.
        context_date: A day already established in the text, for "the day before".

    Returns:
        The first day-naming expression, else a vague one (``date`` None), else None.

    >>> find_time_expression("Konashenkov said on Wednesday", dt.date(2022, 3, 10)).date
    datetime.date(2022, 3, 9)
    >>> find_time_expression("she said last week", dt.date(2022, 3, 10)).vague
    True
    >>> find_time_expression("ahead of the April 2 vote", dt.date(2022, 3, 10)).date is None
    True
    """
    coming = None  # a day after publication: another event, never a date of saying
    for pattern in (_ISO, _MONTH_DAY, _DAY_MONTH):
        match = pattern.search(text)
        if match:
            month = match["month"]
            month_number = int(month) if month.isdigit() else MONTHS[month.lower()]
            year = int(match["year"]) if match["year"] else None
            day = _with_year(month_number, int(match["day"]), year, published)
            if day is not None:
                return TimeExpression(match.group(0), day)
            if published is not None and _safe_date(published.year, month_number, 1):
                coming = coming or match.group(0)
    match = _CONTEXT.search(text)
    if match:
        offset = CONTEXT_DAY_OFFSETS[match["phrase"].lower()]
        day = context_date + dt.timedelta(days=offset) if context_date else None
        return TimeExpression(match.group(0), day, relative_to_context=True)
    weekdays = list(_WEEKDAY.finditer(text))
    match = next((m for m in weekdays if not _INDEFINITE_DAY.search(text, 0, m.start())), None)
    if match:
        weekday = WEEKDAYS.index(match["weekday"].lower())
        day = weekday_on_or_before(weekday, published) if published else None
        return TimeExpression(match.group(0), day)
    if weekdays:  # "One Sunday in late 2001", "every Monday": no one day
        return TimeExpression(weekdays[0].group(0), None, vague=True)
    match = next((m for m in _RELATIVE.finditer(text) if not _a_name(m, text)), None)
    if match:
        offset = RELATIVE_DAY_OFFSETS[match["word"].lower()]
        day = published + dt.timedelta(days=offset) if published else None
        return TimeExpression(match.group(0), day)
    if coming is not None:
        return TimeExpression(coming, None, vague=True)
    match = _VAGUE.search(text)
    if match:
        return TimeExpression(match.group(0), None, vague=True)
    return None


def _a_name(match: re.Match[str], text: str) -> bool:
    """A capitalised "Today" or "TODAY" inside the text is a name (the newspaper "USA
    TODAY", the "Today" show), not the day: the day word is capitalised only where a
    sentence starts."""
    word = match["word"]
    return word[0].isupper() and text[: match.start()].strip(" \"'“‘(") != ""


@dataclass(frozen=True)
class Occasion:
    """What dating needs to know about one statement, in document order."""

    speaker: int
    """The speaker's entity group (same number = same speaker)."""
    position: int
    """Character offset of the statement's cue (or its start when uncued)."""
    sentence: int
    paragraph: int
    clause_text: str
    """The words of the cue's clause, content and quotes left out ("" when uncued)."""
    continuation: bool = False
    pluperfect: bool = False
    """The cue is "had said": the words predate the current narrative."""
    perfect_or_present: bool = False
    """The cue is "has said" or "says", or an example of a kind ("such as when X called"):
    no single occasion."""
    main_clause: bool = True
    quick: bool = False
    """The clause places the words right after the previous statement ("quickly said")."""
    own_occasion: bool = False
    """The clause names an occasion of its own ("said in a statement", "in an interview"):
    without a day there, the words belong to no dated occasion the text has set."""
    refers_back: bool = False
    """The clause points back to an occasion already named ("said in the interview"): the
    speaker's last dated occasion, even after other speakers have spoken."""
    occasion_noun: str | None = None
    """The speech noun naming the occasion ("statement" in "said in a statement")."""
    quoted: bool = False
    """The statement quotes the speaker's words (direct or mixed)."""
    pronoun: bool = False
    """The cue names its speaker by a pronoun only ("he said")."""
    written: bool = False
    """The cue gives written words ("tweeted", "wrote", "posted")."""
    cited: bool = False
    """The cue cites a source ("according to X"): a source for what is told, not a voice
    shown speaking at an occasion."""
    joint: bool = False
    """Several speakers hold the clause's occasion together ("At a press conference on
    Friday, families of the victims urged"): a day on it dates each of them speaking next,
    like a debate."""


def _within_reach(told: int | None, here: int) -> bool:
    """Whether a sentence ``here`` is within the reach of a narrative day told in sentence
    ``told`` (None: not known)."""
    return told is not None and here - told <= _NARRATIVE_REACH


@dataclass(frozen=True)
class Dating:
    """The day of one statement and where it comes from."""

    date: dt.date | None
    basis: DateBasis = "publication"
    text: str | None = None


@dataclass(frozen=True)
class SpeechEvent:
    """A non-statement sentence dating an occasion of speech ("the admission came from X
    on Wednesday")."""

    speakers: tuple[int, ...]
    position: int
    date: dt.date
    text: str
    shared: bool = False
    """An occasion where several people speak (a debate, a hearing): it dates every
    speaker's undated statements until the scene changes."""
    lede: bool = False
    """The news occasion the lede dates ("The U.K. on Tuesday banned trade")."""
    paragraph: int | None = None
    """Set for a narrative sentence ("Cruz on Friday played down the idea."): it dates only
    its subject's words that follow it in this paragraph or within a few sentences, with no
    other speaker's main-clause words between."""
    sentence: int | None = None
    """The sentence's number. A narrative sentence also dates its subject's words in the
    sentence right after it, the first of the next paragraph ("On Saturday, X assailed her.
    // '…,' X said."). Another voice nested in the sentence staging an occasion does not
    end it ("At a rally Tuesday, X cited a story in which aides said Y. '…,' X said.")."""
    noun: str | None = None
    """The lemma of the speech noun naming the occasion ("hearing"), if one does."""
    definite: bool = False
    """The speech noun points back ("The disclosures by X on Tuesday came as ...", "X made
    the remarks on Tuesday"): the event also dates its speakers' words given just before."""


@dataclass(frozen=True)
class Turn:
    """A day the narration gives to an act outside anyone's words ("Y's campaign
    posted a clip Thursday afternoon"): the story turns to another scene, so the other
    speakers' quotes no longer keep their day across voices (see ``spoken`` in
    :func:`date_occasions`)."""

    position: int
    speakers: tuple[int, ...]
    """The act's subjects, whose own scene it is."""
    entry: bool = False
    """The line starts a live blog's next entry ("___", "9:40 p.m."): every occasion ends."""
    scene: bool = False
    """The narration stages another exchange for its subjects without a day ("At a town
    hall earlier this month, X was asked ...", "X explained it in an appearance on a Sunday
    show"): only the day their own words carried ends; others' are untouched."""


def _anchor(occasions, published, events) -> dt.date | None:
    """The article's news day: the most often given explicit day (the latest on a tie)."""
    days = [event.date for event in events if isinstance(event, SpeechEvent)]
    for occasion in occasions:
        found = find_time_expression(occasion.clause_text, published)
        if found is not None and found.date is not None and not found.relative_to_context:
            days.append(found.date)
    if not days:
        return None
    return max(set(days), key=lambda day: (days.count(day), day))


def _speakers_of_sentence(occasions: list[Occasion], last: int) -> set[int]:
    """The speakers of the statements in the sentence of ``occasions[last]`` up to it: a
    sentence is one stretch of narration, so a change of speaker is counted between
    sentences."""
    speakers: set[int] = set()
    index = last
    place = (occasions[last].sentence, occasions[last].paragraph) if last >= 0 else None
    while index >= 0 and (occasions[index].sentence, occasions[index].paragraph) == place:
        speakers.add(occasions[index].speaker)
        index -= 1
    return speakers


@dataclass
class _Memory:
    """What a reading of the statements remembers from one statement to the next."""

    news_day: dt.date | None
    """The day the lede gives the news, if it gives one."""
    last_by_speaker: dict[int, tuple[Dating, bool]] = field(default_factory=dict)
    """Each speaker's current occasion (and whether it was told in "had said"): it ends at a
    change of speaker."""
    scene: Dating | None = None
    """A shared occasion (a debate, a hearing) dating everyone speaking in it."""
    participants: set[int] = field(default_factory=set)
    """The speakers of the last dated speech event ("X and Y held a meeting on Monday"):
    a change of speaker between them does not end the occasion."""
    history: dict[int, Dating] = field(default_factory=dict)
    """Each speaker's last dated occasion, kept across changes of speaker."""
    interviews: dict[int, Dating] = field(default_factory=dict)
    """Each speaker's dated interview, while the speaker names no other time or occasion."""
    unnamed: tuple[Dating, SpeechEvent] | None = None
    """The last narrative day whose subject is unnamed ("one poll worker", "other
    contenders"): it dates the speakers that follow in its paragraph."""
    narrated: dict[int, tuple[Dating, SpeechEvent, int]] = field(default_factory=dict)
    """A narrative sentence's day for its subject, its paragraph and position."""
    scenes: dict[str, Dating] = field(default_factory=dict)
    """Each dated shared scene by its noun ("hearing"): "said at the hearing" goes back to
    it after a side remark has ended it."""
    staged: tuple[int | None, tuple[int, ...]] = (None, ())
    """The sentence of the last dated speech event and its speakers: a voice nested in that
    sentence does not end their occasion."""
    spoken: dict[int, Dating] = field(default_factory=dict)
    """Each speaker's explicitly dated words ("X said Tuesday"): their later quoted words
    keep that day across other voices, until the speaker names another time or occasion,
    or the narration dates another act (a :class:`Turn`)."""


def date_occasions(
    occasions: list[Occasion],
    published: dt.date | None,
    events: Sequence[SpeechEvent | Turn] = (),
    day_mentions: Sequence[tuple[int, dt.date]] = (),
) -> list[Dating]:
    """Give each statement the day its words were spoken, or None when unsupported.

    The statements are read in document order, in four steps each:

    1. :func:`_read_events` takes in the narration told since the last statement: days
       given to other acts (:func:`_read_turn`), narrative sentences
       (:func:`_read_narrative_day`) and dated speech events (:func:`_read_speech_event`).
    2. :func:`_end_at_change_of_speaker`: another speaker's words end the occasions of the
       speakers before, outside a shared scene.
    3. :func:`_date_statement`: a time expression in the cue's clause dates it
       (``explicit``); otherwise a day is carried (``context``) by the first rule of
       :func:`_carried_day` that applies, or the statement stays undated.
    4. :func:`_remember` keeps what the statement tells for the ones after it.

    Then the few backward rules run, each where English points back:
    :func:`_date_by_later_mention`, :func:`_date_before_a_day_before`,
    :func:`_date_back_by_definite_event` and :func:`_carry_back_to_news_day`.

    Args:
        occasions: The statements, in document order.
        published: The publication date.
        events: Dated speech events, in document order.
        day_mentions: Every resolved day in the text with its offset, for "the day before".
    """
    anchor = _anchor(occasions, published, events)
    news_day = next((e.date for e in events if isinstance(e, SpeechEvent) and e.lede), None)
    memory = _Memory(news_day)
    results: list[Dating] = []
    founds: list[TimeExpression | None] = []
    event_index = 0
    for i, occasion in enumerate(occasions):
        event_index, staged = _read_events(memory, events, event_index, occasion.position)
        context_day = next(
            (day for offset, day in reversed(day_mentions) if offset < occasion.position), anchor
        )
        found = find_time_expression(occasion.clause_text, published, context_day)
        founds.append(found)
        _end_at_change_of_speaker(memory, occasions, i, staged)
        dating, quoted_only = _date_statement(memory, occasions, i, found, results)
        results.append(dating)
        _remember(memory, occasion, found, dating, quoted_only)
    _date_by_later_mention(occasions, results, founds)
    _date_before_a_day_before(occasions, results, founds, day_mentions)
    for event in events:
        if isinstance(event, SpeechEvent) and event.definite:
            _date_back_by_definite_event(occasions, results, founds, event, day_mentions)
    if news_day is not None:
        _carry_back_to_news_day(occasions, results, founds, news_day)
    return results


def _read_events(
    memory: _Memory, events: Sequence[SpeechEvent | Turn], index: int, position: int
) -> tuple[int, set[int]]:
    """Take in the narration told before a statement at ``position``, from ``events[index]``
    on. Returns the index of the first event not read, and the speakers of the speech
    events read (a change of speaker does not end an occasion set since the last
    statement)."""
    staged: set[int] = set()
    while index < len(events) and events[index].position < position:
        event = events[index]
        index += 1
        if isinstance(event, Turn):
            _read_turn(memory, event)
        elif event.paragraph is not None:
            _read_narrative_day(memory, event)
        else:
            _read_speech_event(memory, event)
            staged.update(event.speakers)
    return index, staged


def _read_turn(memory: _Memory, turn: Turn) -> None:
    """The narration gives a day to an act outside anyone's words ("Y's campaign posted a
    clip Thursday afternoon"): the story turns to another scene, so other speakers' quotes
    no longer keep their day across voices. A live blog's next entry ("___", "9:40 p.m.")
    ends every occasion."""
    if turn.scene:  # "At a town hall earlier this month, X was asked": X's new exchange
        for speaker in turn.speakers:
            memory.last_by_speaker.pop(speaker, None)
            memory.spoken.pop(speaker, None)
            memory.interviews.pop(speaker, None)
            memory.narrated.pop(speaker, None)
        return
    for speaker in list(memory.spoken):
        if speaker not in turn.speakers:
            del memory.spoken[speaker]
    if turn.entry:
        memory.last_by_speaker, memory.history = {}, {}
        memory.interviews, memory.narrated = {}, {}
        memory.unnamed = None
        memory.scene, memory.participants, memory.scenes = None, set(), {}


def _read_narrative_day(memory: _Memory, event: SpeechEvent) -> None:
    """A narrative sentence gives its subject a day ("X on Friday played down the idea",
    "On Wednesday, some backers urged him ..."): it is kept for the subject's words that
    follow, or for the speakers named next when the subject is unnamed. A sentence that
    brings its subject back to the lede's news day ("But X on Thursday went on the
    attack") or moves the subject on to a later day ("At a rally Tuesday night, X said …
    X took to Twitter early Wednesday") ends an older day the subject's words carried; a
    story told back to an earlier day between them does not."""
    dated = Dating(event.date, "context", event.text)
    for speaker in event.speakers:
        memory.narrated[speaker] = (dated, event, event.position)
        kept = memory.last_by_speaker.get(speaker)
        if kept is None or kept[0].date is None or kept[0].date == event.date:
            continue
        if event.date == memory.news_day or event.date > kept[0].date:
            del memory.last_by_speaker[speaker]
    if not event.speakers:
        memory.unnamed = (dated, event)


def _read_speech_event(memory: _Memory, event: SpeechEvent) -> None:
    """A dated occasion of speech told outside a statement ("the admission came from X on
    Wednesday", "In Tuesday's debate, ..."): its speakers' next words are that occasion's;
    a shared one (a debate, a hearing) dates everyone speaking in it."""
    dated = Dating(event.date, "context", event.text)
    for speaker in event.speakers:
        memory.last_by_speaker[speaker] = (dated, False)
        memory.history[speaker] = dated
    memory.scene = dated if event.shared else None
    if event.shared and event.noun is not None:
        memory.scenes[event.noun] = dated
    memory.participants = set(event.speakers)
    memory.staged = (event.sentence, event.speakers)


def _end_at_change_of_speaker(
    memory: _Memory, occasions: list[Occasion], i: int, staged: set[int]
) -> None:
    """Another speaker's words end the occasions of the speakers before: a new voice is a
    new occasion unless the text says otherwise. Not inside a shared scene, not after
    "quickly", not after a flashback in "had said", not between the participants of one
    dated speech event, and not for an occasion a speech event set since the last statement
    ("X's announcement Sunday that ... X criticized ...")."""
    occasion = occasions[i]
    before = occasions[i - 1] if i else None
    sentence_speakers = _speakers_of_sentence(occasions, i - 1)
    if (
        before is not None
        and occasion.speaker not in sentence_speakers
        and memory.scene is None
        and not occasion.quick
        and not before.pluperfect
        and not ({occasion.speaker} | sentence_speakers) <= memory.participants
    ):
        memory.participants = set()
        nested_in, speakers = memory.staged
        if nested_in is not None and before.sentence == nested_in:
            staged = staged | set(speakers)  # the other voice spoke inside the staging sentence
        memory.last_by_speaker = {
            k: v for k, v in memory.last_by_speaker.items() if k in sentence_speakers or k in staged
        }


def _date_statement(
    memory: _Memory,
    occasions: list[Occasion],
    i: int,
    found: TimeExpression | None,
    results: list[Dating],
) -> tuple[Dating, bool]:
    """The day of ``occasions[i]``, and whether it dates its quotes only (and so carries on
    to nothing else).

    A day in the cue's clause dates the words ("X said Tuesday"). An undated interview
    right after the speaker's news-day words is that day's (:func:`_news_day_occasion`).
    A vague time ("last week", "since ..."), "has said"/"says", or an undated occasion of
    its own ("said in a statement") gives no day. A continuation of the previous statement
    shares its day. Otherwise a day may be carried (:func:`_carried_day`)."""
    occasion = occasions[i]
    previous = results[-1] if results else None
    before = occasions[i - 1] if i else None
    if found is not None and found.date is not None:
        basis: DateBasis = "context" if found.relative_to_context else "explicit"
        return Dating(found.date, basis, found.text), False
    if _news_day_occasion(occasion, before, found, memory.last_by_speaker, memory.news_day):
        text = memory.last_by_speaker[occasion.speaker][0].text
        return Dating(memory.news_day, "context", text), False
    if found is not None or occasion.perfect_or_present or occasion.own_occasion:
        return Dating(None), False
    if occasion.continuation and previous is not None:
        basis = "context" if previous.date else "publication"
        return Dating(previous.date, basis, previous.text), False
    return _carried_day(memory, occasions, i, previous)


def _carried_day(
    memory: _Memory, occasions: list[Occasion], i: int, previous: Dating | None
) -> tuple[Dating, bool]:
    """The day carried to an undated statement, by the first of these that applies (and
    whether it dates its quotes only):

    1. the speaker's current occasion (not into "had said" from a present one);
    2. a narrative day given to the speaker (:func:`_narrative_day_reaches`);
    3. a scene with an unnamed actor, whose speakers follow (:func:`_named_actor`);
    4. the speaker's dated interview, for quoted words;
    5. the speaker's explicitly dated words, for quoted words (:func:`_keeps_spoken_day`);
    6. a briefing the previous voice spoke at (:func:`_next_voice_at_briefing`);
    7. "said at the hearing": the dated shared scene of that noun, which resumes;
       "said in the interview": the speaker's last dated occasion;
    8. a shared scene (a debate, a hearing);
    9. "quickly said", or the next sentence after an explicitly dated statement in the
       same paragraph (:func:`_shares_previous_occasion`).
    """
    occasion = occasions[i]
    before = occasions[i - 1] if i else None
    carried = memory.last_by_speaker.get(occasion.speaker)
    earlier = memory.history.get(occasion.speaker)
    if carried and carried[0].date and (not occasion.pluperfect or carried[1]):
        return Dating(carried[0].date, "context", carried[0].text), False
    if _narrative_day_reaches(memory, occasions, i):
        return memory.narrated[occasion.speaker][0], False
    if _named_actor(memory, occasion):
        assert memory.unnamed is not None
        return memory.unnamed[0], False
    if occasion.speaker in memory.interviews and _plain(occasion) and occasion.quoted:
        return memory.interviews[occasion.speaker], True
    if _keeps_spoken_day(memory, occasion, before):
        return memory.spoken[occasion.speaker], True
    if _next_voice_at_briefing(occasion, before, previous, carried):
        assert previous is not None
        dating = Dating(previous.date, "context", previous.text)
        memory.interviews[occasion.speaker] = dating
        return dating, False
    if occasion.refers_back and occasion.occasion_noun in memory.scenes:
        memory.scene = memory.scenes[occasion.occasion_noun]  # "said at the hearing"
        return memory.scene, False
    if occasion.refers_back and earlier is not None:
        return Dating(earlier.date, "context", earlier.text), False
    if memory.scene is not None and _shown_speaking(occasion):
        return memory.scene, False
    if _shares_previous_occasion(occasion, before, previous, carried):
        assert previous is not None
        return Dating(previous.date, "context", previous.text), False
    return Dating(None), False


def _narrative_day_reaches(memory: _Memory, occasions: list[Occasion], i: int) -> bool:
    """A narrative day ("X on Friday played down the idea.") dates its subject's plain words
    in its paragraph, in the sentence right after it, or within a few sentences, when only
    the subject's words or others' nested words come between."""
    occasion = occasions[i]
    if occasion.speaker not in memory.narrated:
        return False
    _, event, told = memory.narrated[occasion.speaker]
    return (
        (
            event.paragraph == occasion.paragraph
            or event.sentence == occasion.sentence - 1
            or _within_reach(event.sentence, occasion.sentence)
        )
        and _plain(occasion)
        and all(
            other.speaker == occasion.speaker or not other.main_clause
            for other in occasions[:i]
            if other.position > told
        )
    )


def _named_actor(memory: _Memory, occasion: Occasion) -> bool:
    """ "Late Monday, one poll worker was more cautious. X, a nurse, said", "As the two
    camps sparred Thursday, other contenders weighed in. X said ... Y called ...": a
    dated scene's unnamed actors are named as the speakers that follow in its paragraph."""
    return (
        memory.unnamed is not None
        and memory.unnamed[1].paragraph == occasion.paragraph
        and _plain(occasion)
    )


def _keeps_spoken_day(memory: _Memory, occasion: Occasion, before: Occasion | None) -> bool:
    """ "X said Tuesday ... Y said ... '…,' X said": X's quotes keep the day across other
    voices, as a story interleaves reactions with one set of remarks. Not a bare "he said"
    right after another voice: the pronoun points to that voice."""
    return (
        occasion.speaker in memory.spoken
        and _plain(occasion)
        and occasion.quoted
        and not (occasion.pronoun and before is not None and before.speaker != occasion.speaker)
    )


def _next_voice_at_briefing(
    occasion: Occasion,
    before: Occasion | None,
    previous: Dating | None,
    carried: tuple[Dating, bool] | None,
) -> bool:
    """ "... the officials said in the agency's briefing. '…,' said Dr. X": the next voice
    quoted, in the sentence right after, is one more speaker at the same briefing."""
    return (
        carried is None
        and before is not None
        and previous is not None
        and bool(previous.date)
        and before.occasion_noun in _BRIEFINGS
        and occasion.sentence - before.sentence == 1
        and _plain(occasion)
    )


def _shown_speaking(occasion: Occasion) -> bool:
    """A shared scene (a debate, a hearing) dates the voices shown speaking in it: not words
    told back in "had said", not words tweeted or written about it, and not a source cited
    for a fact ("according to the Bureau of Labor Statistics")."""
    return not occasion.pluperfect and not occasion.written and not occasion.cited


def _shares_previous_occasion(
    occasion: Occasion,
    before: Occasion | None,
    previous: Dating | None,
    carried: tuple[Dating, bool] | None,
) -> bool:
    """ "Y quickly said" takes the previous statement's day; so do a new speaker's quoted
    words in the sentence right after an explicitly dated statement in the same paragraph
    ("X said Tuesday .... Y, standing beside him, said ..."): one more voice at the same
    occasion. Not a cited source ("According to some on Twitter, ..."), and not a
    paraphrase whose speaker is only a pronoun ("He announced a program ..."): the pronoun
    points to someone the story brought in before, in another thread."""
    if occasion.quick and previous is not None and previous.date:
        return True
    return (
        carried is None
        and before is not None
        and previous is not None
        and bool(previous.date)
        and previous.basis == "explicit"
        and before.paragraph == occasion.paragraph
        and occasion.sentence - before.sentence == 1
        and not occasion.pluperfect
        and (occasion.quoted or not occasion.pronoun)
        and not occasion.cited
    )


def _remember(
    memory: _Memory,
    occasion: Occasion,
    found: TimeExpression | None,
    dating: Dating,
    quoted_only: bool,
) -> None:
    """Keep what a dated statement tells for the statements after it. A time or an occasion
    the speaker names ends the speaker's kept interview and spoken day; an explicit day
    starts a new spoken day, a dated conversation a new interview. A vague time or an
    undated occasion of its own ends a shared scene, as does another day. A day that dates
    quotes only, or a side occasion ("After suggesting on Wednesday that ..., X said"),
    carries to nothing else."""
    if occasion.perfect_or_present and occasion.quoted and not occasion.continuation:
        memory.spoken.pop(occasion.speaker, None)  # "'…,' X tells the crowd": another occasion
    if found is not None or occasion.own_occasion or occasion.refers_back:
        memory.interviews.pop(occasion.speaker, None)
        memory.spoken.pop(occasion.speaker, None)
        if dating.basis == "explicit" and _plain(occasion):
            memory.spoken[occasion.speaker] = Dating(dating.date, "context", dating.text)
        if dating.date is not None and occasion.occasion_noun in _CONVERSATIONS:
            memory.interviews[occasion.speaker] = Dating(dating.date, "context", dating.text)
    blocked = (found is not None and found.date is None) or (
        occasion.own_occasion and dating.date is None
    )
    scene = memory.scene
    if scene is not None and occasion.main_clause and not occasion.continuation:
        memory.scene = None if blocked or dating.date not in (None, scene.date) else scene
    if occasion.joint and dating.basis == "explicit" and dating.date is not None:
        memory.scene = Dating(dating.date, "context", dating.text)  # a joint news conference
        if occasion.occasion_noun is not None:
            memory.scenes[occasion.occasion_noun] = memory.scene
    elif dating.basis == "explicit" and occasion.main_clause and memory.scene is None:
        # "X said Friday": the story is back on the day of a shared scene it left
        back = [d for d in memory.scenes.values() if d.date == dating.date]
        memory.scene = back[-1] if back else None
    if quoted_only or (not occasion.main_clause and dating.basis == "explicit"):
        return
    if dating.date is not None or blocked or occasion.speaker not in memory.last_by_speaker:
        memory.last_by_speaker[occasion.speaker] = (dating, occasion.pluperfect)
    if dating.date is not None and not occasion.pluperfect:
        memory.history[occasion.speaker] = dating


def _date_before_a_day_before(
    occasions: list[Occasion],
    results: list[Dating],
    founds: list[TimeExpression | None],
    day_mentions: Sequence[tuple[int, dt.date]],
) -> None:
    """ "The agency conceded ... said its spokesman in a video message. The day before,
    the president had promised ...": a clause opening with a day relative to the story's day
    looks back to what was just told, so the undated words told before it, with no day
    mentioned anywhere before, were spoken on that day (the news day it is counted from)."""
    for i, here in enumerate(occasions):
        found, day = founds[i], results[i].date
        if found is None or not found.relative_to_context or day is None:
            continue
        if not here.clause_text.lower().startswith(found.text.lower()):
            continue  # "said the day before": the day of the words, not of the story
        if any(offset < here.position for offset, _ in day_mentions):
            continue  # counted from a day the text gives: that day's words carry it already
        reference = day - dt.timedelta(days=CONTEXT_DAY_OFFSETS[found.text.lower()])
        for j in range(i):
            cued = _cued(occasions, j)
            if (
                results[j].date is None
                and founds[j] is None
                and not (cued.pluperfect or cued.perfect_or_present)
            ):
                results[j] = Dating(reference, "context", found.text)
        break


def _date_back_by_definite_event(
    occasions: list[Occasion],
    results: list[Dating],
    founds: list[TimeExpression | None],
    event: SpeechEvent,
    day_mentions: Sequence[tuple[int, dt.date]],
) -> None:
    """A dated speech noun that points back ("The disclosures by the agency and the ministry on
    Tuesday came as ...", "X made the remarks on Tuesday") dates its speakers' undated words
    given just before it: back to the first words of another speaker or of a named time or
    occasion, within the paragraph before, with no other day mentioned between."""
    last_day = max((o for o, _ in day_mentions if o < event.position), default=-1)
    for i in range(len(occasions) - 1, -1, -1):
        here = occasions[i]
        if here.position >= event.position:
            continue
        if here.speaker not in event.speakers:
            break
        if founds[i] is not None or here.own_occasion or results[i].date is not None:
            break
        cued = _cued(occasions, i)
        if cued.pluperfect or cued.perfect_or_present or here.position < last_day:
            break
        results[i] = Dating(event.date, "context", event.text)


def _carry_back_to_news_day(
    occasions: list[Occasion],
    results: list[Dating],
    founds: list[TimeExpression | None],
    news_day: dt.date,
) -> None:
    """Date a speaker's undated words by the news day when that speaker's next dated words
    are explicitly given the day the lede gives the news (``The U.K. on Tuesday banned
    trade ... X said ... Sa'ar condemned ... X said Tuesday that ...``): the speaker spoke
    at the news occasion, and the story reports it in parts, other voices between.
    Not across the speaker's own occasion, another time, a flashback or "says"."""
    for i in range(len(occasions)):
        here = occasions[i]
        if results[i].date is not None or founds[i] is not None:
            continue
        if not _plain(here) or not _plain(_cued(occasions, i)):
            continue
        for j in range(i + 1, len(occasions)):
            there = occasions[j]
            if there.speaker != here.speaker:
                continue
            if founds[j] is not None:
                if results[j].basis == "explicit" and _plain(there) and results[j].date == news_day:
                    results[i] = Dating(news_day, "context", results[j].text)
                break
            if not _plain(there) and not there.continuation:
                break


_NARRATIVE_REACH = 3
"""How many sentences a narrative day reaches when nothing but its subject's words and
nested words come between."""
_BRIEFINGS = frozenset({"briefing", "conference"})
"""Occasions where several people answer questions in turn."""
_CONVERSATIONS = frozenset(
    {"interview", "conversation", "call", "briefing", "conference", "discussion"}
)
"""Occasions where a speaker answers questions, often the reporter's own: unlike a document
("a statement", "a letter"), issued on a day of its own, one right after the speaker's
news-day words is part of that day's reporting."""


def _news_day_occasion(
    occasion: Occasion,
    before: Occasion | None,
    found: TimeExpression | None,
    last_by_speaker: dict[int, tuple[Dating, bool]],
    news_day: dt.date | None,
) -> bool:
    """An undated occasion of its own ("X said in an interview") right after the same
    speaker's words dated on the news day the lede gives ("Clinton said Wednesday ... she
    said in an interview"): the story tells what the speaker said that day, so the
    occasion is that day's."""
    if news_day is None or found is not None or occasion.occasion_noun not in _CONVERSATIONS:
        return False
    if not occasion.own_occasion:
        return False
    if occasion.pluperfect or occasion.perfect_or_present or before is None:
        return False
    carried = last_by_speaker.get(occasion.speaker)
    return (
        before.speaker == occasion.speaker and carried is not None and carried[0].date == news_day
    )


def _date_by_later_mention(
    occasions: list[Occasion], results: list[Dating], founds: list[TimeExpression | None]
) -> None:
    """An undated occasion of its own ("X said in a statement") takes the day the same
    speaker's later definite mention of that kind of occasion gives it ("X said in the
    Wednesday statement"): "the" points back to the one statement already named. Not when
    the speaker names another occasion of that kind, or gives another day, between."""
    for i, here in enumerate(occasions):
        if results[i].date is not None or founds[i] is not None or not here.own_occasion:
            continue
        for j in range(i + 1, len(occasions)):
            there = occasions[j]
            if there.speaker != here.speaker:
                continue
            if there.occasion_noun == here.occasion_noun and there.own_occasion:
                break  # another statement of the same kind
            if there.occasion_noun == here.occasion_noun and there.refers_back:
                if founds[j] is not None and results[j].basis == "explicit":
                    results[i] = Dating(results[j].date, "context", results[j].text)
                break
            if founds[j] is not None:
                break  # the speaker gives another time first


def _cued(occasions: list[Occasion], i: int) -> Occasion:
    """The statement whose cue governs ``occasions[i]``: a continuation quote ("'…,' he
    often says. '…'") is told under the cue before it, so it shares that cue's tense."""
    while i > 0 and occasions[i].continuation:
        i -= 1
    return occasions[i]


def _plain(occasion: Occasion) -> bool:
    """A simple-past act of saying in a main clause, with no occasion of its own."""
    return (
        occasion.main_clause
        and not occasion.pluperfect
        and not occasion.perfect_or_present
        and not occasion.own_occasion
    )
