"""Time expressions and statement dating: pure rules, no model."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.extract.dates import (
    Occasion,
    SpeechEvent,
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
    ],
)
def test_vague_expressions_give_no_day(text: str) -> None:
    found = find_time_expression(text, THURSDAY)
    assert found is not None
    assert found.vague
    assert found.date is None


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


def test_speaker_single_explicit_day_fills_earlier_statement() -> None:
    datings = date_occasions(
        [
            _occasion(1, 1, "said the spokesman in a video message"),
            _occasion(1, 5, "Konashenkov claimed on Wednesday"),
            _occasion(1, 9, "he has said", perfect_or_present=True),
        ],
        THURSDAY,
    )
    assert datings[0].date == dt.date(2022, 3, 9)
    assert datings[2].date is None


def test_continuation_takes_previous_statement_date_even_none() -> None:
    datings = date_occasions(
        [_occasion(1, 1, "Narusova said last week"), _occasion(1, 2, continuation=True)],
        THURSDAY,
    )
    assert [d.date for d in datings] == [None, None]


def test_organisation_takes_its_spokespersons_one_day() -> None:
    occasions = [
        _occasion(7, 1, "The ministry admitted"),
        _occasion(3, 5, "Konashenkov claimed on Wednesday"),
        _occasion(8, 9, "The agency said"),
    ]
    datings = date_occasions(occasions, THURSDAY, spokespeople={3: 7})
    assert [d.date for d in datings] == [dt.date(2022, 3, 9), dt.date(2022, 3, 9), None]
    assert datings[0].basis == "context"


def test_organisation_with_two_dated_occasions_takes_neither() -> None:
    occasions = [
        _occasion(7, 1, "The ministry admitted"),
        _occasion(3, 5, "Konashenkov claimed on Wednesday"),
        _occasion(7, 9, "the ministry said on Monday"),
    ]
    datings = date_occasions(occasions, THURSDAY, spokespeople={3: 7})
    assert datings[0].date is None


def test_pluperfect_organisation_statement_takes_no_spokesperson_day() -> None:
    occasions = [
        _occasion(7, 1, "The ministry had admitted", pluperfect=True),
        _occasion(3, 5, "Konashenkov claimed on Wednesday"),
    ]
    datings = date_occasions(occasions, THURSDAY, spokespeople={3: 7})
    assert datings[0].date is None
