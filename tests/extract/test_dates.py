"""Time expressions and statement dating: pure rules, no model."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from newsgraph.extract.dates import (
    Occasion,
    SpeechEvent,
    Turn,
    date_occasions,
    find_time_expression,
    weekday_on_or_before,
)

THURSDAY = dt.date(2022, 3, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Konashenkov said on Wednesday", dt.date(2022, 3, 9)),
        ("Peskov said Thursday", dt.date(2022, 3, 10)),  # same day included
        ("she said on Friday", dt.date(2022, 3, 4)),
        ("he said yesterday", dt.date(2022, 3, 9)),
        ("he said today", dt.date(2022, 3, 10)),
        ("He also said on March 5", dt.date(2022, 3, 5)),
        ("he said on 5 March", dt.date(2022, 3, 5)),
        ("he said on Feb. 24", dt.date(2022, 2, 24)),
        ("he said on December 24", dt.date(2021, 12, 24)),  # would be after publication
        ("the statement of 2021-11-02", dt.date(2021, 11, 2)),
        ("said in the Wednesday statement", dt.date(2022, 3, 9)),
        ("Earlier on Tuesday, the department informed", dt.date(2022, 3, 8)),
        ("spoke during a Tuesday rally", dt.date(2022, 3, 8)),  # one rally's day
        ("he said last March 5", dt.date(2022, 3, 5)),  # a month with its day
    ],
)
def test_day_expressions_resolve_against_publication(text: str, expected: dt.date) -> None:
    found = find_time_expression(text, THURSDAY)
    assert found is not None
    assert found.date == expected


@pytest.mark.parametrize(
    "text",
    [
        "she said last week",
        "he said this week",
        "said last month",
        "At that time, Putin had said",
        "Earlier, Putin had denied",
        "he said in March",
        "At the beginning of his war, he had promised",
        "One Sunday in late 2001, she sat in her study",  # an indefinite weekday
        "he called every Monday",
        "Axelrod tweeted last January",  # a month named relative to now, no day
        "she said in early March",
    ],
)
def test_vague_expressions_give_no_day(text: str) -> None:
    found = find_time_expression(text, THURSDAY)
    assert found is not None
    assert found.vague
    assert found.date is None


def test_the_verb_may_after_last_is_no_month() -> None:
    """ "the last may be the best": a modal verb, not "last May"."""
    assert find_time_expression("the last may be the best", THURSDAY) is None


def test_no_expression_gives_none() -> None:
    assert find_time_expression("the ministry said in a statement", THURSDAY) is None


def test_relative_day_without_publication_is_not_guessed() -> None:
    assert find_time_expression("he said on Wednesday", None).date is None
    assert find_time_expression("he said yesterday", None).date is None


def test_explicit_year_needs_no_publication() -> None:
    assert find_time_expression("on March 5, 2021", None).date == dt.date(2021, 3, 5)


def test_the_day_before_is_relative_to_context() -> None:
    found = find_time_expression("The day before, Putin had said", THURSDAY, dt.date(2022, 3, 9))
    assert found.date == dt.date(2022, 3, 8)
    assert found.relative_to_context
    assert find_time_expression("The day before, he said", THURSDAY, None).date is None


def test_a_future_day_is_never_pushed_a_year_back() -> None:
    """In an article of 10 March 2022, "April 2" is a coming day: no date a past act could
    have. "Dec. 28" is the last one, in 2021."""
    assert find_time_expression("the April 2 election", THURSDAY).date is None
    assert find_time_expression("he said on Dec. 28", THURSDAY).date == dt.date(2021, 12, 28)
    assert find_time_expression("he said on March 10", THURSDAY).date == THURSDAY


def test_weekday_on_or_before() -> None:
    assert weekday_on_or_before(3, THURSDAY) == THURSDAY
    assert weekday_on_or_before(4, THURSDAY) == dt.date(2022, 3, 4)


def _occasion(speaker: int, position: int, clause: str = "", **flags) -> Occasion:
    return Occasion(
        speaker=speaker,
        position=position,
        sentence=flags.pop("sentence", position),
        paragraph=flags.pop("paragraph", position),
        clause_text=clause,
        **flags,
    )


def test_same_speaker_carries_the_date_forward() -> None:
    datings = date_occasions(
        [_occasion(1, 1, "Konashenkov said on Wednesday"), _occasion(1, 2, "he said")],
        THURSDAY,
    )
    assert [d.date for d in datings] == [dt.date(2022, 3, 9)] * 2
    assert [d.basis for d in datings] == ["explicit", "context"]


def test_vague_expression_and_pluperfect_stop_carrying() -> None:
    datings = date_occasions(
        [
            _occasion(1, 1, "Putin said on Wednesday"),
            _occasion(1, 2, "At that time , Putin had said", pluperfect=True),
            _occasion(2, 3, "Smith said on Monday"),
            _occasion(2, 4, "Smith had said", pluperfect=True),
        ],
        THURSDAY,
    )
    assert [d.date for d in datings] == [dt.date(2022, 3, 9), None, dt.date(2022, 3, 7), None]
    assert datings[1].basis == "publication"


def test_other_speaker_gets_no_date_from_another_paragraph() -> None:
    datings = date_occasions(
        [_occasion(1, 1, "X said on Wednesday"), _occasion(2, 2, "Y said")], THURSDAY
    )
    assert datings[1].date is None


def test_before_a_participle_keeps_the_occasion() -> None:
    datings = date_occasions(
        [_occasion(1, 1, "X said on Tuesday"), _occasion(1, 2, "cautioned , before predicting")],
        THURSDAY,
    )
    assert datings[1].date == dt.date(2022, 3, 8)


def test_quickly_said_shares_the_previous_day() -> None:
    datings = date_occasions(
        [_occasion(1, 1, "X said on Wednesday"), _occasion(2, 5, "Y quickly said", quick=True)],
        THURSDAY,
    )
    assert datings[1].date == dt.date(2022, 3, 9)


def test_speech_event_dates_its_speaker() -> None:
    event = SpeechEvent(speakers=(1,), position=0, date=dt.date(2022, 3, 9), text="Wednesday")
    datings = date_occasions([_occasion(1, 10, "The Major General accepted")], THURSDAY, [event])
    assert datings[0].date == dt.date(2022, 3, 9)
    assert datings[0].basis == "context"


def test_a_later_day_never_dates_earlier_words() -> None:
    """Dates carry forward only: "X claimed on Wednesday" says nothing about X's earlier
    undated words, which may come from another occasion."""
    datings = date_occasions(
        [
            _occasion(1, 1, "said the spokesman"),
            _occasion(1, 5, "Moreau claimed on Wednesday"),
            _occasion(1, 9, "he has said", perfect_or_present=True),
        ],
        THURSDAY,
    )
    assert [d.date for d in datings] == [None, dt.date(2022, 3, 9), None]


def test_a_change_of_speaker_ends_the_occasion() -> None:
    """X said Tuesday; Y said; X said (reported, no quotation): the last words may be from
    another occasion."""
    datings = date_occasions(
        [
            _occasion(1, 1, "X said on Tuesday"),
            _occasion(1, 2, "he said"),
            _occasion(2, 3, "Y said"),
            _occasion(1, 4, "X said"),
        ],
        THURSDAY,
    )
    assert [d.date for d in datings] == [dt.date(2022, 3, 8)] * 2 + [None, None]


def test_a_speaker_of_the_last_sentence_keeps_the_occasion() -> None:
    """A sentence is one stretch of narration: "X said Tuesday, and Y agreed. X added" —
    X spoke in the sentence just before, so the occasion goes on."""
    datings = date_occasions(
        [
            _occasion(1, 1, "X said on Tuesday", sentence=1, paragraph=1),
            _occasion(2, 2, "Y agreed", sentence=1, paragraph=1),
            _occasion(1, 3, "X added", sentence=2, paragraph=1),
        ],
        THURSDAY,
    )
    assert datings[2].date == dt.date(2022, 3, 8)


def test_a_flashback_in_had_said_does_not_end_the_occasion() -> None:
    datings = date_occasions(
        [
            _occasion(1, 1, "X said on Tuesday"),
            _occasion(2, 2, "Y had said", pluperfect=True),
            _occasion(1, 3, "X added"),
        ],
        THURSDAY,
    )
    assert [d.date for d in datings] == [dt.date(2022, 3, 8), None, dt.date(2022, 3, 8)]


def test_an_undated_occasion_of_its_own_takes_no_carried_day() -> None:
    """ "X said in a statement" names a new occasion: Tuesday's interview does not date it,
    nor what follows it."""
    datings = date_occasions(
        [
            _occasion(1, 1, "X said in an interview on Tuesday"),
            _occasion(1, 2, "X said in a statement", own_occasion=True),
            _occasion(1, 3, "he said"),
        ],
        THURSDAY,
    )
    assert [d.date for d in datings] == [dt.date(2022, 3, 8), None, None]


def test_a_shared_scene_dates_every_speaker_until_another_day() -> None:
    debate = SpeechEvent((), 0, dt.date(2022, 3, 10), "on Thursday night", shared=True)
    datings = date_occasions(
        [
            _occasion(1, 1, "Rubio said"),
            _occasion(2, 2, "Hart said"),
            _occasion(3, 3, "Kasich said on Monday"),
            _occasion(1, 4, "Rubio said"),
        ],
        THURSDAY,
        [debate],
    )
    assert [d.date for d in datings] == [THURSDAY, THURSDAY, dt.date(2022, 3, 7), None]
    assert [d.basis for d in datings][:2] == ["context", "context"]


def test_a_side_occasion_in_a_subordinate_clause_does_not_carry() -> None:
    """ "After suggesting on Wednesday that ..., X said": Wednesday dates the suggestion
    only; X's next words belong to the main narrative."""
    debate = SpeechEvent((), 0, THURSDAY, "Thursday", shared=True)
    datings = date_occasions(
        [
            _occasion(1, 1, "After suggesting on Wednesday", main_clause=False),
            _occasion(1, 2, "X said"),
        ],
        THURSDAY,
        [debate],
    )
    assert [d.date for d in datings] == [dt.date(2022, 3, 9), THURSDAY]


@pytest.mark.parametrize(
    "clause",
    ["X said before the election", "she has said since", "X said from March of 2025"],
)
def test_other_events_and_month_years_block_carrying(clause: str) -> None:
    """ "before the election", "since", a month of a year: another occasion, no carried day.
    (A bare "before predicting" orders two acts of one occasion and does not block.)"""
    datings = date_occasions(
        [_occasion(1, 1, "X said on Tuesday"), _occasion(1, 2, clause)], THURSDAY
    )
    assert datings[1].date is None


def test_continuation_takes_previous_statement_date_even_none() -> None:
    datings = date_occasions(
        [_occasion(1, 1, "Narusova said last week"), _occasion(1, 2, continuation=True)],
        THURSDAY,
    )
    assert [d.date for d in datings] == [None, None]


def test_a_speakers_words_take_the_news_day_their_later_words_are_given() -> None:
    """The lede dates the news ("The U.K. on Tuesday banned trade"); a speaker whose later
    words are explicitly given that day spoke at the news occasion, so the same speaker's
    earlier undated words take it, across other voices. Not words of their own occasion,
    a flashback, or a speaker whose later day is another one."""
    tuesday = dt.date(2022, 3, 8)
    lede = SpeechEvent((), 0, tuesday, "on Tuesday", lede=True)
    datings = date_occasions(
        [
            _occasion(1, 1, "Miliband said"),
            _occasion(1, 2, "Miliband said in a statement", own_occasion=True),
            _occasion(2, 3, "Saar said"),
            _occasion(1, 4, "he said"),
            _occasion(3, 5, "Smith said"),
            _occasion(1, 6, "Miliband said Tuesday"),
            _occasion(3, 7, "Smith said on Monday"),
        ],
        THURSDAY,
        [lede],
    )
    assert [d.date for d in datings] == [
        None,  # the statement of its own comes between: another occasion may be meant
        None,
        None,
        tuesday,
        None,  # Smith's later day is not the news day
        tuesday,
        dt.date(2022, 3, 7),
    ]
    assert datings[3].basis == "context"


def test_without_a_lede_day_nothing_is_carried_back() -> None:
    datings = date_occasions(
        [_occasion(1, 1, "Miliband said"), _occasion(1, 2, "Miliband said Tuesday")], THURSDAY
    )
    assert datings[0].date is None


def test_a_later_definite_mention_dates_an_earlier_statement_of_that_kind() -> None:
    """An undated occasion of its own ("X said in a statement") waits until the same speaker's
    "in the Wednesday statement" names its day; another statement of the same kind by
    that speaker in between breaks the link, and another speaker's mention never makes it."""
    statement = {"own_occasion": True, "occasion_noun": "statement"}
    back = {"refers_back": True, "occasion_noun": "statement"}
    datings = date_occasions(
        [
            _occasion(1, 1, "the ministry said in a statement", **statement),
            _occasion(2, 2, "Smith said last week"),
            _occasion(1, 3, "the ministry said in the Wednesday statement", **back),
            _occasion(3, 4, "Jones said in a statement", **statement),
            _occasion(3, 5, "Jones said in a statement", **statement),
            _occasion(3, 6, "Jones said in the Tuesday statement", **back),
            _occasion(4, 7, "Lee said in a statement", **statement),
            _occasion(1, 8, "the ministry said in the Wednesday statement", **back),
        ],
        THURSDAY,
    )
    assert [d.date for d in datings] == [
        dt.date(2022, 3, 9),
        None,
        dt.date(2022, 3, 9),
        None,  # the speaker named another statement before the dated one
        dt.date(2022, 3, 8),
        dt.date(2022, 3, 8),
        None,
        dt.date(2022, 3, 9),
    ]
    assert datings[0].basis == "context"


def test_an_interview_right_after_news_day_words_is_that_days() -> None:
    """The lede gives the news day; "X said Wednesday ... X said in an interview" right after
    it is that day's interview. A statement (a document issued on a day of its own), an
    interview after another speaker, or one after words of another day stays undated."""
    wednesday = dt.date(2022, 3, 9)
    lede = SpeechEvent((), 0, wednesday, "Wednesday", lede=True)
    interview = {"own_occasion": True, "occasion_noun": "interview"}
    datings = date_occasions(
        [
            _occasion(1, 1, "Clinton said Wednesday"),
            _occasion(1, 2, "she said in an interview", **interview),
            _occasion(1, 3, "Clinton said Wednesday"),
            _occasion(
                1, 4, "she said in a statement", own_occasion=True, occasion_noun="statement"
            ),
            _occasion(2, 5, "Reid said Tuesday"),
            _occasion(2, 6, "Reid said in an interview", **interview),
            _occasion(1, 7, "Clinton said Wednesday"),
            _occasion(3, 8, "Smith said"),
            _occasion(1, 9, "she said in an interview", **interview),
        ],
        THURSDAY,
        [lede],
    )
    assert [d.date for d in datings] == [
        wednesday,
        wednesday,
        wednesday,
        None,
        dt.date(2022, 3, 8),
        None,
        wednesday,
        None,
        None,
    ]
    assert datings[1].basis == "context"


def test_a_narrative_day_dates_its_subjects_words_after_it_in_the_paragraph() -> None:
    """A narrative sentence's day ("Cruz on Friday played down the idea.") dates its
    subject's words that follow in the same paragraph ("'No deal,' he said."): not another
    speaker's, not words in the next paragraph, not after another speaker has spoken."""
    friday = dt.date(2022, 3, 4)
    narrative = SpeechEvent((1,), 10, friday, "on Friday", paragraph=1)
    datings = date_occasions(
        [
            _occasion(1, 11, "he said", paragraph=1),
            _occasion(2, 12, "Lee said", paragraph=1),
            _occasion(1, 13, "he said", paragraph=1),
            _occasion(1, 14, "he said", paragraph=2),
        ],
        THURSDAY,
        [narrative],
    )
    assert [d.date for d in datings] == [friday, None, None, None]
    assert datings[0].basis == "context"


def test_an_interviews_quotes_keep_its_day_across_other_voices() -> None:
    """All of an interview's quotes take its day, also when other speakers' words come
    between; reported words (no quotation) do not, the quotes' day carries to nothing else,
    and once the speaker names another day, that day is the one kept."""
    tuesday = dt.date(2022, 3, 8)
    interview = {"own_occasion": True, "occasion_noun": "interview"}
    datings = date_occasions(
        [
            _occasion(1, 1, "Reid said in an interview Tuesday", **interview),
            _occasion(2, 2, "Smith said", quoted=True),
            _occasion(1, 3, "Reid said", quoted=True),
            _occasion(1, 4, "he said"),  # reported, not quoted
            _occasion(3, 5, "Lee said", quoted=True),
            _occasion(1, 6, "Reid said on Monday", quoted=True),
            _occasion(2, 7, "Smith said", quoted=True),
            _occasion(1, 8, "Reid said", quoted=True),
        ],
        THURSDAY,
    )
    assert [d.date for d in datings] == [
        tuesday, None, tuesday, None, None, dt.date(2022, 3, 7), None, dt.date(2022, 3, 7)
    ]  # fmt: skip
    assert datings[2].basis == "context"


def test_a_speakers_quotes_keep_their_explicit_day_across_other_voices() -> None:
    """'X said Tuesday ... Y said ... "…," X said': X's quoted words keep X's explicit day
    across other voices (a story interleaves reactions with one set of remarks). Reported
    words do not, nor a bare "he said" right after another voice (the pronoun points to
    that voice), nor anything after X names an occasion of X's own."""
    tuesday = dt.date(2022, 3, 8)
    datings = date_occasions(
        [
            _occasion(1, 1, "Miller said on Tuesday"),
            _occasion(2, 2, "Smith said", quoted=True),
            _occasion(1, 3, "Miller said", quoted=True),
            _occasion(2, 4, "Smith said", quoted=True),
            _occasion(1, 5, "Miller said"),  # reported: another occasion, maybe
            _occasion(2, 6, "Smith said", quoted=True),
            _occasion(1, 7, "he said", quoted=True, pronoun=True),  # after Smith: Smith's?
            _occasion(1, 8, "Miller said", quoted=True),
            _occasion(1, 9, "Miller said in a statement", own_occasion=True, quoted=True),
            _occasion(2, 10, "Smith said", quoted=True),
            _occasion(1, 11, "Miller said", quoted=True),
        ],
        THURSDAY,
    )
    assert [d.date for d in datings] == [
        tuesday, None, tuesday, None, None, None, None, tuesday, None, None, None
    ]  # fmt: skip
    assert datings[2].basis == "context"


def test_the_speakers_words_told_in_the_present_end_the_kept_day() -> None:
    """'X said Sunday on a show ... Y said ... "…," X tells the crowd ... "…," X said': X's
    words quoted at another occasion, told in the present ("tells the crowd"), end the day
    X's quotes kept across other voices; a reported background in the perfect ("X has
    championed ...") does not."""
    datings = date_occasions(
        [
            _occasion(1, 1, "Perez said Sunday"),
            _occasion(2, 2, "Smith said", quoted=True),
            _occasion(1, 3, "Perez tells the crowd", quoted=True, perfect_or_present=True),
            _occasion(2, 4, "Smith said", quoted=True),
            _occasion(1, 5, "Perez said", quoted=True),
        ],
        THURSDAY,
    )
    assert [d.date for d in datings] == [dt.date(2022, 3, 6), None, None, None, None]
    background = date_occasions(
        [
            _occasion(1, 1, "Bond said Sunday"),
            _occasion(2, 2, "Smith said", quoted=True),
            _occasion(1, 3, "Bond has championed", perfect_or_present=True),
            _occasion(1, 4, "Bond said", quoted=True),
        ],
        THURSDAY,
    )
    assert background[3].date == dt.date(2022, 3, 6)


def test_a_day_the_narration_gives_another_act_ends_the_kept_day() -> None:
    """'X said Tuesday. Y's campaign posted a video Wednesday. "…," X said': the story has
    turned to another dated scene, so X's later quote keeps no day; a turn whose actor is X
    does not end X's own day."""
    tuesday = dt.date(2022, 3, 8)
    occasions = [
        _occasion(1, 1, "Miller said on Tuesday"),
        _occasion(2, 2, "Smith said", quoted=True),
        _occasion(1, 5, "Miller said", quoted=True),
    ]
    other = date_occasions(occasions, THURSDAY, [Turn(position=3, speakers=(2,))])
    own = date_occasions(occasions, THURSDAY, [Turn(position=3, speakers=(1,))])
    assert other[2].date is None
    assert own[2].date == tuesday


def test_a_narrative_day_reaches_the_first_sentence_of_the_next_paragraph() -> None:
    """After "On Saturday, Sanders assailed her." and a paragraph break, the quote in the
    sentence right after takes its day; one more than a few sentences on does not."""
    saturday = dt.date(2022, 3, 5)
    narrative = SpeechEvent((1,), 10, saturday, "On Saturday", paragraph=1, sentence=4)
    datings = date_occasions(
        [
            _occasion(1, 11, "Sanders said", paragraph=2, sentence=5),
            _occasion(1, 12, "Sanders said", paragraph=4, sentence=7),
        ],
        THURSDAY,
        [narrative],
    )
    assert [d.date for d in datings] == [saturday, saturday]  # the second carries forward
    datings = date_occasions(
        [_occasion(1, 12, "Sanders said", paragraph=2, sentence=8)], THURSDAY, [narrative]
    )
    assert datings[0].date is None


def test_the_next_voice_after_a_dated_briefing_speaks_at_it() -> None:
    """A briefing has several speakers: the voice quoted in the sentence right after a
    dated one ("'...,' said Dr. Fitter") is one more speaker at it, and keeps its day for
    its later quotes across other voices. A voice a sentence later does not."""
    wednesday = dt.date(2022, 3, 9)
    briefing = {"refers_back": True, "occasion_noun": "briefing"}
    datings = date_occasions(
        [
            _occasion(1, 1, "officials said Wednesday", sentence=1),
            _occasion(1, 2, "the officials said in the briefing", sentence=2, **briefing),
            _occasion(2, 3, "said Fitter", sentence=3, quoted=True),
            _occasion(3, 4, "health officials say", sentence=4, perfect_or_present=True),
            _occasion(2, 5, "Fitter said", sentence=5, quoted=True),
            _occasion(1, 6, "the officials said in the briefing", sentence=6, **briefing),
            _occasion(4, 7, "Lee said", sentence=8, quoted=True),
        ],
        THURSDAY,
    )
    assert [d.date for d in datings] == [wednesday] * 3 + [None, wednesday, wednesday, None]


def test_a_public_discussions_quotes_keep_its_day_like_an_interviews() -> None:
    """A public discussion is questions and answers like an interview: the speaker's later
    quotes keep its day across another speaker's words."""
    thursday_talk = {"own_occasion": True, "occasion_noun": "discussion"}
    datings = date_occasions(
        [
            _occasion(1, 1, "Zucker said during a discussion Thursday", **thursday_talk),
            _occasion(2, 2, "Trump said", quoted=True),
            _occasion(1, 3, "Zucker said", quoted=True),
        ],
        THURSDAY,
    )
    assert [d.date for d in datings] == [THURSDAY, None, THURSDAY]


def test_a_lede_whose_day_phrase_modifies_nothing_dates_no_one_and_does_not_fail() -> None:
    # Regression: a day parsed as a verb's object ("launched Tuesday", dobj) has no
    # attachment; the lede search must skip it, not fail the whole article (16 BBC articles
    # failed extraction this way).
    import spacy
    from spacy.tokens import Doc

    from newsgraph.extract.occasions import _lede_scene
    from newsgraph.extract.records import Article

    words = ["Firms", "launched", "Tuesday", "."]
    doc = Doc(
        spacy.blank("en").vocab,  # English lexical attributes: the day is read by its lower case
        words=words,
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "punct"],
        pos=["NOUN", "VERB", "PROPN", "PUNCT"],
        sent_starts=[True, False, False, False],
    )
    article = Article(id="t", text=doc.text, published=dt.date(2024, 3, 7))
    assert _lede_scene(doc, article, None, set()) is None


def test_a_definite_speech_noun_with_a_day_dates_the_words_just_before_it() -> None:
    """ "'…,' X said. '…,' she said. X made the remarks on Tuesday": "the remarks" points
    back, so the event dates X's undated words before it, back to another speaker's words
    or X's dated words; not words in "has said", and not past another day mentioned."""
    tuesday = dt.date(2022, 3, 8)
    remarks = SpeechEvent(speakers=(1,), position=10, date=tuesday, text="on Tuesday")
    occasions = [
        _occasion(1, 1, "Oakes said on Monday"),
        _occasion(1, 2, "she has said", perfect_or_present=True),
        _occasion(1, 3, "Oakes said"),
        _occasion(2, 4, "Lund said"),
        _occasion(1, 5, "Oakes said"),
        _occasion(1, 6, "she said"),
    ]
    datings = date_occasions(occasions, THURSDAY, [replace(remarks, definite=True)])
    assert [d.date for d in datings] == [
        dt.date(2022, 3, 7), None, dt.date(2022, 3, 7), None, tuesday, tuesday
    ]  # fmt: skip
    assert datings[4].basis == "context"
    indefinite = date_occasions(occasions, THURSDAY, [remarks])
    assert [d.date for d in indefinite][4:] == [None, None]
    other_day = date_occasions(
        occasions, THURSDAY, [replace(remarks, definite=True)], day_mentions=[(6, THURSDAY)]
    )
    assert [d.date for d in other_day][4:] == [None, tuesday]


def test_a_live_blog_entry_ends_every_occasion() -> None:
    """A line starting a live blog's next entry ("___", "9:40 p.m.") is a new scene: the
    same speaker's words after it keep no day from the entry before."""
    occasions = [_occasion(1, 1, "Hart said on Tuesday"), _occasion(1, 5, "Hart said")]
    carried = date_occasions(occasions, THURSDAY)
    entry = date_occasions(occasions, THURSDAY, [Turn(position=3, speakers=(), entry=True)])
    assert carried[1].date == dt.date(2022, 3, 8)
    assert entry[1].date is None


def test_the_day_before_opening_a_clause_dates_the_words_told_before_it() -> None:
    """ "The agency conceded ... said its spokesman in a video message. The day before,
    the president had promised ...": "The day before" looks back from the story's day, so the
    words told before it were spoken that day. Not when the text gave a day before it, and
    not when the phrase is the words' own day ("he said the day before")."""
    occasions = [
        _occasion(1, 1, "The agency conceded"),
        _occasion(2, 2, "said the spokesman in a video message", own_occasion=True),
        _occasion(3, 3, "The day before , in a speech the president had promised", pluperfect=True),
        _occasion(2, 4, "Moreau claimed on Wednesday"),
        _occasion(2, 5, "Moreau claimed on Wednesday"),
    ]
    wednesday, tuesday = dt.date(2022, 3, 9), dt.date(2022, 3, 8)
    datings = date_occasions(occasions, THURSDAY)
    assert [d.date for d in datings[:3]] == [wednesday, wednesday, tuesday]
    assert datings[0].basis == "context"
    given = date_occasions(occasions, THURSDAY, day_mentions=[(0, THURSDAY)])
    assert [d.date for d in given[:2]] == [None, None]
    own = [*occasions[:2], _occasion(3, 3, "the president said the day before"), *occasions[3:]]
    assert [d.date for d in date_occasions(own, THURSDAY)[:2]] == [None, None]


def test_a_narrative_day_reaches_its_subjects_words_a_few_sentences_on() -> None:
    """ "On Saturday in the debate, Reyes declined to answer. But she did dispute the
    mayor's claim, which officials have repeated. '…,' Reyes said.":
    only nested words of others come between, so the quote takes Saturday; not when another
    speaker's main-clause words come between, nor further than a few sentences on."""
    saturday = dt.date(2022, 3, 5)
    narrative = SpeechEvent(
        speakers=(1,), position=1, date=saturday, text="Saturday", paragraph=1, sentence=1
    )
    nested = _occasion(2, 2, "officials have said", sentence=1, paragraph=1, main_clause=False)
    quote = _occasion(1, 5, "Reyes said", sentence=4, paragraph=5, quoted=True)
    assert date_occasions([nested, quote], THURSDAY, [narrative])[1].date == saturday
    other = _occasion(2, 3, "Lee said", sentence=3, paragraph=3)
    assert date_occasions([nested, other, quote], THURSDAY, [narrative])[2].date is None
    far = replace(quote, sentence=6)
    assert date_occasions([nested, far], THURSDAY, [narrative])[1].date is None


@pytest.mark.parametrize(
    ("words", "heads", "deps", "lemmas", "same_time"),
    [
        # "As they battled Monday , others jumped": the as-clause gives its day to "jumped"
        (
            ["As", "they", "battled", "Monday", ",", "others", "jumped"],
            [2, 2, 6, 2, 6, 6, 6],
            ["mark", "nsubj", "advcl", "npadvmod", "punct", "nsubj", "ROOT"],
            ["as", "they", "battle", "Monday", ",", "other", "jump"],
            True,
        ),
        # "He praised it , as he did Monday": a comparison, the earlier act's day
        (
            ["He", "praised", "it", ",", "as", "he", "did", "Monday"],
            [1, 1, 1, 1, 6, 6, 1, 6],
            ["nsubj", "ROOT", "dobj", "punct", "mark", "nsubj", "advcl", "npadvmod"],
            ["he", "praise", "it", ",", "as", "he", "do", "Monday"],
            False,
        ),
        # "Because they battled Monday , others jumped": a reason, not a time
        (
            ["Because", "they", "battled", "Monday", ",", "others", "jumped"],
            [2, 2, 6, 2, 6, 6, 6],
            ["mark", "nsubj", "advcl", "npadvmod", "punct", "nsubj", "ROOT"],
            ["because", "they", "battle", "Monday", ",", "other", "jump"],
            False,
        ),
    ],
)
def test_only_a_clause_of_the_same_time_lends_its_day(words, heads, deps, lemmas, same_time):
    import spacy
    from spacy.tokens import Doc

    from newsgraph.extract.occasions import _while_clause

    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
    clause = next(t for t in doc if t.dep_ == "advcl")
    assert _while_clause(clause, clause.head) is same_time


def test_a_speech_event_after_another_voice_is_not_ended_by_that_change() -> None:
    """ "Lee said … Ford's announcement Sunday that … Ford criticized …": the change of
    speaker from Lee ends Lee's occasion, not the one the event set for Ford since."""
    sunday = dt.date(2022, 3, 6)
    event = SpeechEvent(speakers=(1,), position=5, date=sunday, text="Sunday")
    datings = date_occasions(
        [_occasion(2, 1, "Lee said"), _occasion(1, 8, "Ford criticized")], THURSDAY, [event]
    )
    assert datings[1].date == sunday


def test_a_narrative_return_to_the_news_day_ends_an_older_carried_day() -> None:
    """The lede gives Thursday; Hart's words carry Tuesday's debate; "But Hart on Thursday
    went on the attack" brings him back to the news day, so his next quote is Thursday's.
    A later narrative day moves him on too; an earlier one (a story told back) does not end
    the carried day."""
    thursday, tuesday = THURSDAY, dt.date(2022, 3, 8)
    lede = SpeechEvent((1,), 0, thursday, "Thursday", lede=True)
    occasions = [
        _occasion(1, 2, "Hart said , calling Tuesday night's"),
        _occasion(1, 6, "Hart said", sentence=6, paragraph=6),
    ]
    back = SpeechEvent((1,), 4, thursday, "on Thursday", paragraph=6, sentence=5)
    assert date_occasions(occasions, THURSDAY, [lede, back])[1].date == thursday
    later = replace(back, date=dt.date(2022, 3, 9))
    assert date_occasions(occasions, THURSDAY, [lede, later])[1].date == dt.date(2022, 3, 9)
    earlier = replace(back, date=dt.date(2022, 3, 7))
    assert date_occasions(occasions, THURSDAY, [lede, earlier])[1].date == tuesday


def test_a_new_exchange_in_the_narration_ends_its_subjects_carried_day() -> None:
    """ "Miller said on Tuesday ... At a town hall earlier this month, Miller was asked ...
    '…,' Miller said": the narration stages another exchange for Miller without a day, so
    Miller's quote after it is that exchange's and keeps no day. A new exchange of another
    speaker's leaves Miller's day alone."""
    tuesday = dt.date(2022, 3, 8)
    occasions = [
        _occasion(1, 1, "Miller said on Tuesday"),
        _occasion(1, 5, "Miller said", quoted=True),
    ]
    own = date_occasions(occasions, THURSDAY, [Turn(position=3, speakers=(1,), scene=True)])
    other = date_occasions(occasions, THURSDAY, [Turn(position=3, speakers=(2,), scene=True)])
    assert own[1].date is None
    assert other[1].date == tuesday


def test_written_words_take_no_shared_scenes_day() -> None:
    """A debate dates everyone speaking in it, but "Voss tweeted" gives written words,
    which were not spoken in the debate hall."""
    debate = SpeechEvent((), 0, dt.date(2022, 3, 8), "on Tuesday night", shared=True)
    datings = date_occasions(
        [_occasion(1, 1, "Berg said"), _occasion(2, 2, "Voss tweeted", written=True)],
        THURSDAY,
        [debate],
    )
    assert [d.date for d in datings] == [dt.date(2022, 3, 8), None]


def test_a_cited_source_takes_no_shared_scenes_day() -> None:
    """A panel dates its members speaking in it; "according to the Bureau of Labor
    Statistics" cites a source for a fact, no voice on the panel."""
    panel = SpeechEvent((), 0, dt.date(2022, 3, 8), "on Tuesday", shared=True)
    datings = date_occasions(
        [_occasion(1, 1, "Berg argued"), _occasion(2, 2, "according to", cited=True)],
        THURSDAY,
        [panel],
    )
    assert [d.date for d in datings] == [dt.date(2022, 3, 8), None]


def test_a_quote_continuing_habitual_words_is_not_dated_back() -> None:
    """ "'…,' he often says. '…' … X made the remarks on Saturday": the second quote goes
    on under "says", habitual words with no one day, so the definite speech noun after it
    dates neither part."""
    saturday = dt.date(2022, 3, 5)
    remarks = SpeechEvent((1,), 10, saturday, "on Saturday", definite=True)
    occasions = [
        _occasion(2, 1, "Lund said"),
        _occasion(1, 2, "he often says", perfect_or_present=True),
        _occasion(1, 3, "", continuation=True),
    ]
    assert [d.date for d in date_occasions(occasions, THURSDAY, [remarks])] == [None] * 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the campaign told USA TODAY", None),  # a newspaper's name, not the day
        ("Kunin said in an interview with USA Today", None),
        ("she said on the Today show", None),
        ("he said today", THURSDAY),
        ("Today , he said", THURSDAY),  # capitalised where the clause starts
        ("he told USA TODAY on Monday", dt.date(2022, 3, 7)),
    ],
)
def test_a_capitalised_today_inside_a_clause_is_a_name(text, expected) -> None:
    found = find_time_expression(text, THURSDAY)
    assert (found.date if found is not None else None) == expected


@pytest.mark.parametrize(
    "text", ["Smith wrote in his 1990 autobiography", "she said in a 2015 interview"]
)
def test_a_work_dated_by_a_year_is_a_vague_time(text) -> None:
    """A year names no day: the clause gets no date and stops a carried one."""
    found = find_time_expression(text, dt.date(2022, 3, 10))
    assert found is not None and found.vague and found.date is None


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({}, dt.date(2022, 3, 9)),  # "Y, standing beside him, said ...": the same occasion
        ({"quoted": True, "pronoun": True}, dt.date(2022, 3, 9)),  # "'…,' he said"
        ({"pronoun": True}, None),  # "He announced a program ...": another thread
        ({"written": True}, dt.date(2022, 3, 9)),  # "'…,' Y tweeted": the same news
        ({"cited": True}, None),  # "According to some on Twitter, ...": a cited source
    ],
)
def test_a_new_voice_in_the_next_sentence_shares_a_dated_occasion_only_as_a_voice(
    flags, expected
) -> None:
    """The next sentence's new voice, after an explicitly dated statement in the same
    paragraph, is one more voice at that occasion; a cited source, or a paraphrase whose
    speaker is only a pronoun, is not."""
    datings = date_occasions(
        [
            _occasion(1, 1, "X said on Wednesday", sentence=1, paragraph=1),
            _occasion(2, 2, "said", sentence=2, paragraph=1, **flags),
        ],
        THURSDAY,
    )
    assert datings[1].date == expected
