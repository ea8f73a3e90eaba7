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
from dataclasses import dataclass

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
_RELATIVE = re.compile(r"\b(?P<word>" + "|".join(RELATIVE_DAY_OFFSETS) + r")\b", re.IGNORECASE)
_CONTEXT = re.compile(
    r"\b(?P<phrase>" + "|".join(re.escape(p) for p in CONTEXT_DAY_OFFSETS) + r")\b",
    re.IGNORECASE,
)
_OTHER_OCCASION_PATTERNS = (
    rf"\b{_MONTH}(?:\s+of)?,?\s+(?:19|20)\d\d\b",  # "March of 2025": a month, not a day
    r"\b(?:since|until|till)\b",  # relative to another event, not its day
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
    match = _WEEKDAY.search(text)
    if match:
        weekday = WEEKDAYS.index(match["weekday"].lower())
        day = weekday_on_or_before(weekday, published) if published else None
        return TimeExpression(match.group(0), day)
    match = _RELATIVE.search(text)
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
    """The narrative sentence's number: it also dates its subject's words in the sentence
    right after it, the first of the next paragraph ("On Saturday, X assailed her. // '…,'
    X said.")."""
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


def date_occasions(
    occasions: list[Occasion],
    published: dt.date | None,
    events: Sequence[SpeechEvent | Turn] = (),
    day_mentions: Sequence[tuple[int, dt.date]] = (),
) -> list[Dating]:
    """Give each statement the day its words were spoken, or None when unsupported.

    A time expression in the cue's clause dates it (``explicit``). Otherwise a date
    carries forward through one speech event (``context``): the same speaker's last
    statement or dated speech event, until another speaker's statement comes between
    (a flashback in "had said" does not count) or a shared occasion (a debate, a hearing)
    that dates everyone speaking in it until a statement names another day or occasion.
    Nothing carries into a statement whose clause gives a vague time ("last week", "at
    that time", "since ..."), names an undated occasion of its own ("said in a
    statement"), reports in "has said"/"says", or in "had said" from a present occasion.
    A speaker's quoted words (direct or mixed) keep the day of that speaker's last
    explicitly dated words across other voices, as an interview's do, until the speaker
    names another time or occasion or the narration dates another act; not a bare "he
    said" right after another voice, whose pronoun points to that voice.
    A "quickly said" takes the previous statement's day; a new speaker in the sentence
    right after an explicitly dated statement in the same paragraph shares its occasion.
    A date is carried backward only to the news day: a later "X said Friday" does not date
    X's earlier words, which may come from another occasion, unless Friday is the day the
    lede gives the news (see :func:`_carry_back_to_news_day`), or a dated speech noun
    points back to them ("X made the remarks on Tuesday", see
    :func:`_date_back_by_definite_event`).

    Args:
        occasions: The statements, in document order.
        published: The publication date.
        events: Dated speech events, in document order.
        day_mentions: Every resolved day in the text with its offset, for "the day before".
    """
    anchor = _anchor(occasions, published, events)
    results: list[Dating] = []
    last_by_speaker: dict[int, tuple[Dating, bool]] = {}
    scene: Dating | None = None
    participants: set[int] = set()
    """The speakers of the last dated speech event ("X and Y held a meeting on Monday"):
    a change of speaker between them does not end the occasion."""
    history: dict[int, Dating] = {}
    """Each speaker's last dated occasion, kept across changes of speaker."""
    event_index = 0
    founds: list[TimeExpression | None] = []
    interviews: dict[int, Dating] = {}
    """Each speaker's dated interview, while the speaker names no other time or occasion."""
    unnamed: tuple[Dating, SpeechEvent] | None = None
    """The last narrative day whose subject is unnamed ("one poll worker", "other
    contenders"): it dates the speakers that follow in its paragraph."""
    narrated: dict[int, tuple[Dating, SpeechEvent, int]] = {}
    """A narrative sentence's day for its subject, its paragraph and position."""
    spoken: dict[int, Dating] = {}
    """Each speaker's explicitly dated words ("X said Tuesday"): their later quoted words
    keep that day across other voices, until the speaker names another time or occasion,
    or the narration dates another act (a :class:`Turn`)."""
    news_day = next((e.date for e in events if isinstance(e, SpeechEvent) and e.lede), None)
    for i, occasion in enumerate(occasions):
        staged: set[int] = set()  # speakers of speech events since the last statement
        while event_index < len(events) and events[event_index].position < occasion.position:
            event = events[event_index]
            event_index += 1
            if isinstance(event, Turn):
                for speaker in list(spoken):
                    if speaker not in event.speakers:
                        del spoken[speaker]
                if event.entry:
                    last_by_speaker, history, interviews, narrated = {}, {}, {}, {}
                    unnamed = None
                    scene, participants = None, set()
                continue
            dated = Dating(event.date, "context", event.text)
            if event.paragraph is not None:
                for speaker in event.speakers:
                    narrated[speaker] = (dated, event, event.position)
                    kept = last_by_speaker.get(speaker)
                    if (
                        event.date == news_day
                        and kept is not None
                        and kept[0].date not in (None, event.date)
                    ):
                        # "But X on Thursday went on the attack": the narration brings
                        # the subject back to the news day, ending an older day it carried.
                        del last_by_speaker[speaker]
                if not event.speakers:
                    unnamed = (dated, event)
                continue
            for speaker in event.speakers:
                last_by_speaker[speaker] = (dated, False)
                history[speaker] = dated
                staged.add(speaker)
            scene = dated if event.shared else None
            participants = set(event.speakers)
        context_day = next(
            (day for offset, day in reversed(day_mentions) if offset < occasion.position), anchor
        )
        found = find_time_expression(occasion.clause_text, published, context_day)
        founds.append(found)
        previous = results[-1] if results else None
        before = occasions[i - 1] if i else None
        sentence_speakers = _speakers_of_sentence(occasions, i - 1)
        if (
            before is not None
            and occasion.speaker not in sentence_speakers
            and scene is None
            and not occasion.quick
            and not before.pluperfect
            and not ({occasion.speaker} | sentence_speakers) <= participants
        ):
            # A change of speaker ends the other speakers' occasions outside a shared scene;
            # not one a speech event set after the last statement ("X's announcement
            # Sunday that ... X criticized ...").
            participants = set()
            last_by_speaker = {
                k: v for k, v in last_by_speaker.items() if k in sentence_speakers or k in staged
            }
        dating = Dating(None)
        quoted_only = False  # a day that dates quotes only, and so carries to nothing else
        if found is not None and found.date is not None:
            basis: DateBasis = "context" if found.relative_to_context else "explicit"
            dating = Dating(found.date, basis, found.text)
        elif _news_day_occasion(occasion, before, found, last_by_speaker, news_day):
            dating = Dating(news_day, "context", last_by_speaker[occasion.speaker][0].text)
        elif found is not None or occasion.perfect_or_present or occasion.own_occasion:
            dating = Dating(None)
        elif occasion.continuation and previous is not None:
            dating = Dating(
                previous.date, "context" if previous.date else "publication", previous.text
            )
        else:
            carried = last_by_speaker.get(occasion.speaker)
            earlier = history.get(occasion.speaker)
            if carried and carried[0].date and (not occasion.pluperfect or carried[1]):
                dating = Dating(carried[0].date, "context", carried[0].text)
            elif (
                occasion.speaker in narrated
                and (
                    narrated[occasion.speaker][1].paragraph == occasion.paragraph
                    or narrated[occasion.speaker][1].sentence == occasion.sentence - 1
                    or _within_reach(narrated[occasion.speaker][1].sentence, occasion.sentence)
                )
                and _plain(occasion)
                and all(
                    other.speaker == occasion.speaker or not other.main_clause
                    for other in occasions[:i]
                    if other.position > narrated[occasion.speaker][2]
                )
            ):
                dating = narrated[occasion.speaker][0]
            elif (
                unnamed is not None
                and unnamed[1].paragraph == occasion.paragraph
                and _plain(occasion)
            ):
                # "Late Monday, one poll worker was more cautious. X, a nurse, said",
                # "As the two camps sparred Thursday, other contenders weighed in.
                # X said … Y called …": the scene's unnamed actors are named as the
                # speakers that follow in its paragraph.
                dating = unnamed[0]
            elif occasion.speaker in interviews and _plain(occasion) and occasion.quoted:
                dating = interviews[occasion.speaker]
                quoted_only = True
            elif (
                occasion.speaker in spoken
                and _plain(occasion)
                and occasion.quoted
                and not (
                    occasion.pronoun and before is not None and before.speaker != occasion.speaker
                )
            ):
                # "X said Tuesday ... Y said ... '…,' X said": X's quotes keep the day
                # across other voices; a bare "he said" after another voice is that voice's.
                dating = spoken[occasion.speaker]
                quoted_only = True
            elif (
                carried is None
                and before is not None
                and previous is not None
                and previous.date
                and before.occasion_noun in _BRIEFINGS
                and occasion.sentence - before.sentence == 1
                and _plain(occasion)
            ):
                # "… the officials said in the agency's briefing. '…,' said Dr. X": the
                # next voice quoted is one more speaker at the same briefing.
                dating = Dating(previous.date, "context", previous.text)
                interviews[occasion.speaker] = dating
            elif occasion.refers_back and earlier is not None:
                dating = Dating(earlier.date, "context", earlier.text)
            elif scene is not None and not occasion.pluperfect:
                dating = scene
            elif (
                occasion.quick
                and previous is not None
                and previous.date
                or (
                    carried is None
                    and before is not None
                    and previous is not None
                    and previous.date
                    and previous.basis == "explicit"
                    and before.paragraph == occasion.paragraph
                    and occasion.sentence - before.sentence == 1
                    and not occasion.pluperfect
                )
            ):
                dating = Dating(previous.date, "context", previous.text)
        results.append(dating)
        if found is not None or occasion.own_occasion or occasion.refers_back:
            interviews.pop(occasion.speaker, None)  # the speaker names a time or an occasion
            spoken.pop(occasion.speaker, None)
            if dating.basis == "explicit" and _plain(occasion):
                spoken[occasion.speaker] = Dating(dating.date, "context", dating.text)
            if dating.date is not None and occasion.occasion_noun in _CONVERSATIONS:
                interviews[occasion.speaker] = Dating(dating.date, "context", dating.text)
        blocked = (found is not None and found.date is None) or (
            occasion.own_occasion and dating.date is None
        )
        if scene is not None and occasion.main_clause and not occasion.continuation:
            scene = None if blocked or dating.date not in (None, scene.date) else scene
        if quoted_only or (not occasion.main_clause and dating.basis == "explicit"):
            continue  # "After suggesting on Wednesday that ..., X said": a side occasion
        if dating.date is not None or blocked or occasion.speaker not in last_by_speaker:
            last_by_speaker[occasion.speaker] = (dating, occasion.pluperfect)
        if dating.date is not None and not occasion.pluperfect:
            history[occasion.speaker] = dating
    _date_by_later_mention(occasions, results, founds)
    _date_before_a_day_before(occasions, results, founds, day_mentions)
    for event in events:
        if isinstance(event, SpeechEvent) and event.definite:
            _date_back_by_definite_event(occasions, results, founds, event, day_mentions)
    if news_day is not None:
        _carry_back_to_news_day(occasions, results, founds, news_day)
    return results


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
            there = occasions[j]
            if (
                results[j].date is None
                and founds[j] is None
                and not (there.pluperfect or there.perfect_or_present)
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
        if here.pluperfect or here.perfect_or_present or here.position < last_day:
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
        if results[i].date is not None or founds[i] is not None or not _plain(here):
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


def _plain(occasion: Occasion) -> bool:
    """A simple-past act of saying in a main clause, with no occasion of its own."""
    return (
        occasion.main_clause
        and not occasion.pluperfect
        and not occasion.perfect_or_present
        and not occasion.own_occasion
    )
