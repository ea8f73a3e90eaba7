"""Statement dates on invented sentences through the real model.

Each row states one rule: a day dates a statement only when it belongs to the act of
saying, a date carries through one occasion and stops at a change of speaker or scene,
and nothing dates words the text gives no day for. Publication: Thursday 10 March 2022.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.extract.entities import build_entities
from newsgraph.extract.occasions import clause_text
from newsgraph.extract.records import Article
from newsgraph.extract.statements import extract_statements

pytestmark = pytest.mark.model

PUBLISHED = dt.date(2022, 3, 10)  # a Thursday
MON, TUE, WED = dt.date(2022, 3, 7), dt.date(2022, 3, 8), dt.date(2022, 3, 9)


def _dates(nlp, text: str, published: dt.date | None = PUBLISHED):
    doc = nlp(text)
    article = Article(id="t", text=text, published=published)
    found = list(extract_statements(doc, article, build_entities(doc)))
    return [(s.text, s.date if s.date_basis != "publication" else None) for s in found]


def _date_of(found, words: str):
    matches = [date for text, date in found if words in text]
    assert matches, f"no statement containing {words!r} in {found}"
    return matches[0]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        # A day inside the speaker's phrase names another event.
        (
            "One of the divers involved in Wednesday's rescue told reporters that the "
            "tunnel was narrow.",
            "the tunnel was narrow",
            None,
        ),
        # A subjectless participle shares the time of the verb it modifies.
        (
            "Anna Lindqvist pushed back on the claims on Tuesday, saying that the plan was sound.",
            "the plan was sound",
            TUE,
        ),
        (
            "The campaign of Mark Olsen sent an email on Monday morning saying that the "
            "poll was wrong.",
            "the poll was wrong",
            MON,
        ),
        # A future event in the content is no speech date.
        (
            "Anna Lindqvist said the vote would be held on Wednesday.",
            "the vote would be held",
            None,
        ),
        # "according to X" hangs on the content's verb.
        (
            "The minister will speak on Tuesday about the budget, according to Paul Berger.",
            "about the budget",
            None,
        ),
        # Another event: "after", "since".
        (
            "Paul Berger said after the Tuesday vote that the bill was dead.",
            "the bill was dead",
            None,
        ),
        # The day on the cue dates it.
        ("In an interview on Wednesday, Paul Berger said the bill was dead.", "dead", WED),
    ],
)
def test_a_day_dates_only_the_act_of_saying(nlp, text, words, expected) -> None:
    assert _date_of(_dates(nlp, text), words) == expected


def test_a_video_posted_on_a_day_dates_no_one(nlp) -> None:
    text = (
        "A video that was leaked on Wednesday showed the crowd. "
        '"It was chaos," said Maria Costa, who lives nearby.'
    )
    assert _date_of(_dates(nlp, text), "It was chaos") is None


def test_a_date_carries_through_one_interview_and_stops_at_a_new_speaker(nlp) -> None:
    """Reported words after another voice are undated; the speaker's quotes keep the day
    of the speaker's explicitly dated words across other voices."""
    text = (
        "Anna Lindqvist said on Tuesday that the plan was sound.\n\n"
        '"We will go ahead," she said. "Nothing has changed."\n\n'
        '"It is a mistake," said Paul Berger, a critic.\n\n'
        "Lindqvist said the budget was fixed.\n\n"
        '"We are ready," Lindqvist said.'
    )
    found = _dates(nlp, text)
    assert _date_of(found, "We will go ahead") == TUE
    assert _date_of(found, "Nothing has changed") == TUE
    assert _date_of(found, "It is a mistake") is None
    assert _date_of(found, "the budget was fixed") is None
    assert _date_of(found, "We are ready") == TUE


def test_a_day_the_narration_gives_another_act_ends_the_kept_day(nlp) -> None:
    text = (
        "Anna Lindqvist said on Tuesday that the plan was sound.\n\n"
        '"It is a mistake," said Paul Berger, a critic.\n\n'
        "The company of Paul Berger opened a new factory on Wednesday.\n\n"
        '"We are ready," Lindqvist said.'
    )
    found = _dates(nlp, text)
    assert _date_of(found, "the plan was sound") == TUE
    assert _date_of(found, "We are ready") is None


def test_a_statement_of_its_own_is_another_occasion(nlp) -> None:
    text = (
        "Anna Lindqvist said on Tuesday that the plan was sound.\n"
        '"The talks are over," Lindqvist said in a statement.'
    )
    assert _date_of(_dates(nlp, text), "The talks are over") is None


def test_a_lede_dates_its_subjects_statements(nlp) -> None:
    text = (
        "Senator Anna Lindqvist took a swing at her rival on Wednesday in a clash over "
        "taxes.\n"
        '"He has no plan," Lindqvist said.'
    )
    assert _date_of(_dates(nlp, text), "He has no plan") == WED


def test_letters_sent_on_a_day_date_what_their_sender_says_next(nlp) -> None:
    text = (
        "Senator Paul Berger sent letters on Monday to the agency.\n"
        "Berger said the answer was troubling."
    )
    assert _date_of(_dates(nlp, text), "the answer was troubling") == MON


def test_relative_days_need_a_publication_date(nlp) -> None:
    found = _dates(nlp, "Anna Lindqvist said on Tuesday that the plan was sound.", None)
    assert _date_of(found, "the plan was sound") is None


def test_a_debate_in_the_lede_dates_everyone_speaking_in_it(nlp) -> None:
    text = (
        "Rivals pull their punches.\n\n"
        "On Wednesday night, the four candidates took the debate stage in Miami and "
        "traded few insults.\n"
        '"I cannot believe how civil it is," Paul Berger said.\n'
        '"We agree on trade," said Anna Lindqvist.'
    )
    found = _dates(nlp, text)
    assert _date_of(found, "how civil it is") == WED
    assert _date_of(found, "We agree on trade") == WED


@pytest.mark.parametrize(
    "text",
    [
        "Appearing before supporters on Wednesday morning, Anna Lindqvist said that the "
        "count was not over.",
        "When asked about the count on Wednesday, Anna Lindqvist said that it was not over.",
    ],
)
def test_a_clause_staging_the_saying_dates_it(nlp, text) -> None:
    assert _date_of(_dates(nlp, text), "not over") == WED


def test_an_occasion_named_again_in_the_next_sentence_is_the_same(nlp) -> None:
    """ "delivered during an afternoon radio interview. ... X said in an interview" names
    the interview just mentioned, not a new, undated one."""
    text = (
        "Anna Lindqvist received the endorsement of Governor Paul Berger on Wednesday.\n\n"
        "The endorsement was delivered during an afternoon radio interview.\n\n"
        '"I will vote for her," Berger said in an interview with a local host.'
    )
    assert _date_of(_dates(nlp, text), "I will vote for her") == WED


def test_a_note_to_staff_is_an_occasion_of_its_own(nlp) -> None:
    text = (
        "Paul Berger said on Tuesday that the network was doing well.\n\n"
        "In a subsequent note to staff, Berger said the channel would change."
    )
    assert _date_of(_dates(nlp, text), "the channel would change") is None


def test_words_of_a_speaker_later_given_the_news_day_take_it(nlp) -> None:
    """The lede gives the news day; a minister's later "said Tuesday" places the minister at
    that news occasion, so the minister's earlier undated words take it, across another
    voice. Another speaker's undated words do not."""
    text = (
        "The government of Norland on Tuesday banned imports of coal.\n\n"
        "Minister Karl Brandt said the ban would start in June.\n\n"
        "Opposition leader Eva Holm said the ban was a mistake.\n\n"
        "Brandt said Tuesday that the mines would close by 2030."
    )
    found = _dates(nlp, text)
    assert _date_of(found, "the ban would start in June") == TUE
    assert _date_of(found, "the mines would close") == TUE
    assert _date_of(found, "the ban was a mistake") is None


def test_the_dated_statement_named_again_dates_the_first_mention(nlp) -> None:
    text = (
        '"The talks are over," Karl Brandt said in a statement.\n\n'
        "Brandt said in the Wednesday statement that he would recall the envoy."
    )
    found = _dates(nlp, text)
    assert _date_of(found, "The talks are over") == WED
    assert _date_of(found, "he would recall the envoy") == WED


def test_an_interview_right_after_news_day_words_is_that_days(nlp) -> None:
    text = (
        "The race between Anna Lindqvist and Karl Brandt entered a new phase on Wednesday.\n\n"
        "Lindqvist said Wednesday that she had called Brandt.\n\n"
        '"We need to join together," Lindqvist said in an interview with the Herald.'
    )
    assert _date_of(_dates(nlp, text), "We need to join together") == WED


def test_remarks_on_a_day_by_a_person_who_posted_date_the_post(nlp) -> None:
    """In "remarks on Monday by X, who posted: ..." the remarks are the post, so the post
    takes their day, and X's next words carry it."""
    text = (
        "Her speech echoed similar remarks on Monday evening by the Norland foreign minister, "
        'Karl Brandt, who posted on social media: "This is a grave moment for Europe."\n\n'
        'Brandt added: "We cannot forget our history."'
    )
    found = _dates(nlp, text)
    assert _date_of(found, "This is a grave moment") == MON
    assert _date_of(found, "We cannot forget our history") == MON


def test_a_conjoined_cue_shares_the_appearance_staging_the_first(nlp) -> None:
    """In "Appearing before supporters Monday, X said ... but added, '...'" both cues are
    one appearance, also when the parser hangs "added" on the content's verb ("was")."""
    doc = nlp(
        "Appearing before cheering supporters Monday morning at the party office, Anna "
        'Lindqvist said it was too early to celebrate but added, "I think you all know '
        'the results."'
    )
    added = next(t for t in doc if t.text == "added")
    assert "Monday" in clause_text(doc, added, set())


def test_a_narrative_day_dates_the_words_quoted_right_after(nlp) -> None:
    text = (
        "Karl Brandt on Monday played down the idea of a deal with the unions. "
        '"There never was a deal," he said.\n\n'
        '"The talks go on," Anna Lindqvist said.'
    )
    found = _dates(nlp, text)
    assert _date_of(found, "There never was a deal") == MON
    assert _date_of(found, "The talks go on") is None


def test_an_interviews_quotes_keep_its_day_across_other_voices(nlp) -> None:
    text = (
        '"The talks are over," Karl Brandt said in an interview Tuesday.\n\n'
        '"He is wrong," Anna Lindqvist said.\n\n'
        '"We have to treat the unions fairly," Brandt said.'
    )
    found = _dates(nlp, text)
    assert _date_of(found, "We have to treat the unions fairly") == TUE
    assert _date_of(found, "He is wrong") is None


def test_a_named_owners_briefing_is_a_known_occasion(nlp) -> None:
    """A speech noun with a named owner ("the agency's first briefing") is definite, like
    "the briefing": it points back to the speaker's dated occasion, not a new one."""
    text = (
        "The passengers are encouraged to stay, officials with the agency said Wednesday. "
        'Staff are working to "find the best place for them," the officials said in the '
        "agency's first briefing since the outbreak began."
    )
    assert _date_of(_dates(nlp, text), "Staff are working") == WED


def test_a_day_right_after_a_closing_quotation_belongs_to_its_cue(nlp) -> None:
    """'tweeted, "Thank you Norland! #Brandt2026" on Tuesday afternoon.': the day after the
    quotation dates the tweet, even where the parser splits the sentence at the "!"."""
    text = (
        "Karl Brandt, who also campaigned in the state this week, tweeted, "
        '"Thank you Norland! #Brandt2026" on Tuesday afternoon. His tweet included a picture.'
    )
    assert _date_of(_dates(nlp, text), "Thank you Norland") == TUE


def test_a_relative_clause_staging_a_call_dates_its_noun_and_a_days_call_its_cue(nlp) -> None:
    """ "X, who endorsed Y during a conference call Tuesday morning" stages X's call (the
    relative pronoun stands for X); "told reporters during Tuesday's conference call"
    gives the call's day to its cue."""
    text = (
        "The approach has won over Jane Weller, who came out and endorsed Smith during a "
        "conference call with reporters Tuesday morning.\n\n"
        '"She has been the only candidate to reach out," Weller said.\n\n'
        '"Her response has been fast," Amanda Ruiz told reporters during Tuesday\'s '
        "conference call."
    )
    found = _dates(nlp, text)
    assert _date_of(found, "the only candidate") == TUE
    assert _date_of(found, "Her response has been fast") == TUE


def test_a_narrative_day_stands_when_a_cue_hangs_below_the_main_verb(nlp) -> None:
    """ "X took his daughter there on Sunday to explain who Y was." narrates X's act on
    Sunday (the day sits on the verb's adverb "there"; the cue "explain" hangs below the
    main verb): X's words quoted right after it take Sunday."""
    text = (
        "A memorial has grown outside the museum.\n\n"
        "Tom Vries took his daughter there on Monday to explain to her who the boxer was.\n\n"
        'He said: "He was strong and kind."'
    )
    found = _dates(nlp, text)
    assert _date_of(found, "He was strong and kind") == MON


def test_remarks_made_on_a_day_date_the_words_quoted_before(nlp) -> None:
    """ "X made the remarks on Tuesday" after X's quotes points back to them."""
    text = (
        '"We will not back down," Senator Mary Oakes said.\n\n'
        '"This is our fight," she said.\n\n'
        "Oakes made the remarks on Tuesday at a rally in Ohio."
    )
    found = _dates(nlp, text)
    assert _date_of(found, "We will not back down") == TUE
    assert _date_of(found, "This is our fight") == TUE


def test_a_live_blog_entry_keeps_no_day_from_the_entry_before(pipeline) -> None:
    """The production pipeline splits lines, so "___." and "9:40 p.m." stand alone."""
    text = (
        "Karl Brandt said on Tuesday that the count was fair.\n\n"
        "___.\n\n"
        "9:40 p.m.\n\n"
        '"We won the state," Brandt said.'
    )
    found = _dates(pipeline, text)
    assert _date_of(found, "the count was fair") == TUE
    assert _date_of(found, "We won the state") is None


def test_a_present_tense_narration_gives_no_past_day(nlp) -> None:
    """ "X is highlighting his win on Monday" tells what X does now; Monday is the win's
    day, not the day of X's words quoted after it."""
    text = (
        "Karl Brandt is highlighting his win over Paul Berger on Monday.\n\n"
        '"We are the only campaign that can beat him," Brandt said.'
    )
    found = _dates(nlp, text)
    assert _date_of(found, "the only campaign") is None


def test_an_indefinite_actor_of_a_dated_scene_is_the_next_speaker(nlp) -> None:
    """ "Late Monday, one poll worker was more cautious. X, a nurse, said ...": the
    story introduces someone on a day and names them as the next sentence's speaker. A
    bare noun subject ("Concerns rose Monday") introduces no one."""
    text = (
        "Late Monday, as the crowd sang, one poll worker was more cautious. "
        "Lena Marsh, a doctor, said she was elated but still feared the army.\n\n"
        "Concerns rose Monday over claims of late ballots. "
        '"Their vote did not count," said Omar Lidell, an observer.'
    )
    found = _dates(nlp, text)
    assert _date_of(found, "she was elated") == MON
    assert _date_of(found, "Their vote did not count") is None


def test_a_scene_of_the_same_time_dates_the_named_actors_after_it(nlp) -> None:
    """ "As the rivals argued Tuesday, other candidates entered the dispute." sets a
    scene on Tuesday ("as" gives the clause's time to the verb it hangs on); the speakers
    the paragraph then names are its actors."""
    text = (
        "As the rivals argued Tuesday, other candidates entered the dispute. "
        "Senator Rita Paulsen said the tax plan would help no one. "
        'Former governor Mike Hallam called the program "worse than nothing."'
    )
    found = _dates(nlp, text)
    assert _date_of(found, "the tax plan would help no one") == TUE
    assert _date_of(found, "worse than nothing") == TUE


def test_a_speech_noun_issued_on_a_day_dates_its_words(nlp) -> None:
    """ "wrote in a letter dated Tuesday", "In a statement released Monday, X said": the
    participle gives the day the words were issued."""
    text = (
        '"We will comply," Karl Brandt wrote in a letter dated Tuesday and filed in court.\n\n'
        "In a statement released Monday, Anna Lindqvist said the plan was sound."
    )
    found = _dates(nlp, text)
    assert _date_of(found, "We will comply") == TUE
    assert _date_of(found, "the plan was sound") == MON


@pytest.mark.parametrize(
    ("between", "expected"),
    [
        # A narrated exchange at a vague other time: the quote after it is that exchange's.
        ("At a town hall earlier this month, Keller was asked about taxes.", None),
        # A narrated appearance named as new, with no day: likewise.
        ("Keller explained her view in an appearance on a radio show.", None),
        # Background narration stages no exchange: the quote keeps Tuesday.
        ("Keller has long opposed new taxes.", TUE),
    ],
)
def test_a_narrated_new_exchange_ends_the_speakers_day(nlp, between, expected) -> None:
    text = (
        'Maria Keller said on Tuesday that the budget was fair. "We will pass it," Keller '
        f'said.\n\n{between}\n\n"We will not raise them," Keller said.'
    )
    found = _dates(nlp, text)
    assert _date_of(found, "We will pass it") == TUE
    assert _date_of(found, "We will not raise them") == expected


def test_written_words_after_a_debate_are_not_dated_by_it(nlp) -> None:
    """A debate's day dates its speakers; a blogger's tweet about it was not spoken there."""
    text = (
        "The rivals faced each other at a debate on Tuesday night.\n\nAnna Berg said the "
        "plan was weak.\n\nTom Lund said the plan was strong.\n\nMark Voss, a blogger, "
        "tweeted that the debate was dull."
    )
    found = _dates(nlp, text)
    assert _date_of(found, "the plan was strong") == TUE
    assert _date_of(found, "the debate was dull") is None


@pytest.mark.parametrize(
    ("verb", "expected"),
    [
        ("will air", None),  # a debate still to come: no one has spoken at it
        ("aired", PUBLISHED),  # one held: it dates everyone shown speaking after it
    ],
)
def test_a_coming_occasion_dates_no_one(nlp, verb, expected) -> None:
    text = (
        f"The debate on Thursday night {verb} on a business network.\n\n"
        '"The plan is weak," Anna Berg said.'
    )
    assert _date_of(_dates(nlp, text), "The plan is weak") == expected


def test_another_voice_nested_in_a_staging_sentence_leaves_its_day(nlp) -> None:
    """A rally's day stages its speaker's words even when the sentence cites others ("a
    report in which aides said ..."): that nested voice does not end the occasion."""
    found = _dates(
        nlp,
        "During a rally Tuesday night in Springfield, Mark Olsen remarked upon a report in "
        "which aides said the mayor could resign. \u201cThat is a scandal,\u201d Olsen said.",
    )
    assert _date_of(found, "That is a scandal") == TUE


def test_a_day_naming_a_rally_dates_its_speakers_next_words(nlp) -> None:
    """ "during a Tuesday rally": the day is the rally's, an occasion of speech."""
    found = _dates(
        nlp,
        "Mark Olsen coined the phrase during a Tuesday rally in Springfield.\n\n"
        "\u201cWe will win this state,\u201d he said.",
    )
    assert _date_of(found, "We will win this state") == TUE


def test_a_later_narrative_day_ends_the_speakers_older_day(nlp) -> None:
    """The story moves its speaker on to a later day: the words after it are not the
    earlier rally's."""
    found = _dates(
        nlp,
        "During a rally Tuesday night in Springfield, Mark Olsen remarked upon a report in "
        "which aides said the mayor could resign. \u201cThat is a scandal,\u201d Olsen said.\n\n"
        "Olsen took to the radio early Wednesday to continue his attack on the mayor. "
        "\u201cHe has to go,\u201d Olsen said.",
    )
    assert _date_of(found, "He has to go") == WED


def test_the_person_questioned_in_a_published_interview_speaks_in_it(nlp) -> None:
    """An interview published on a day dates the words of the person questioned in it, not
    only those of the paper that published it."""
    found = _dates(
        nlp,
        "Anna Lindqvist was asked about the lawsuit during an interview published Monday by "
        "the Daily Courier.\n\n\u201cI do not think the lawsuit should go ahead,\u201d "
        "Lindqvist said.",
    )
    assert _date_of(found, "I do not think the lawsuit") == MON


def test_a_relative_clause_in_the_staging_phrase_names_its_nouns_act(nlp) -> None:
    """ "which holds a caucus on Saturday" tells of the state, not of the speech."""
    found = _dates(
        nlp,
        "In a victory speech from Ohio -- which holds a caucus on Saturday -- Mark Olsen "
        "claimed momentum and argued he is a stronger candidate than his rival.",
    )
    assert _date_of(found, "he is a stronger candidate") is None


def test_at_the_hearing_goes_back_to_the_dated_hearing(nlp) -> None:
    """A side remark with a vague time ends a shared scene; "said at the hearing" points
    back to it, and the scene resumes for the speakers after."""
    found = _dates(
        nlp,
        "Members of both parties avoided a fight at a hearing on Wednesday.\n\n"
        "Anna Lindqvist said last month that she would attend.\n\n"
        "Mark Olsen said at the hearing that the bank had failed its customers.\n\n"
        "Tom Reed said that the rules had been clear for years.",
    )
    assert _date_of(found, "the bank had failed") == WED
    assert _date_of(found, "the rules had been clear") == WED
    assert _date_of(found, "she would attend") is None


def test_a_side_remark_of_the_subject_keeps_the_staging_sentences_day(nlp) -> None:
    """ "X, who said last week that ..., issued a statement Tuesday saying": the side remark
    has its own vague time; the statement's day still dates the words it issued."""
    found = _dates(
        nlp,
        "Mark Olsen, who said last week that the judge was biased, issued a statement "
        "Tuesday saying, \u201cI respect the court.\u201d He added that he was only asking "
        "questions.",
    )
    assert _date_of(found, "I respect the court") == TUE
    assert _date_of(found, "the judge was biased") is None


def test_a_joint_news_conference_dates_each_member_speaking_next(nlp) -> None:
    """Several people holding a dated press conference: each of them then speaks there, not
    only the first voice after it."""
    found = _dates(
        nlp,
        "At a press conference on Tuesday, families of the victims urged the senator to "
        "apologize.\n\nAnna Lindqvist, whose son died in the attack, said that the senator "
        "had ignored her letters.\n\nTom Reed, who lost his daughter, said that the law had "
        "failed them.",
    )
    assert _date_of(found, "the senator had ignored her letters") == TUE
    assert _date_of(found, "the law had failed them") == TUE


def test_the_story_back_on_a_joint_scenes_day_resumes_it(nlp) -> None:
    """Another day's words end the press conference's scene; a speaker quoted on its day
    again brings the story back to it, for the speakers after."""
    found = _dates(
        nlp,
        "At a press conference on Tuesday, families of the victims urged the senator to "
        "apologize.\n\nThe senator said on Monday that he would not apologize.\n\n"
        "Anna Lindqvist said on Tuesday that she was angry.\n\n"
        "Tom Reed said that the senator had ignored them.",
    )
    assert _date_of(found, "the senator had ignored them") == TUE
    assert _date_of(found, "he would not apologize") == MON


@pytest.mark.parametrize(
    ("staging", "expected"),
    [
        # "after" places the act relative to the debate: the debate's day is another event's
        ("After Tuesday's debate, the rivals flew north to three small towns.", None),
        # the debate itself staged: its day dates everyone shown speaking in it
        ("At Tuesday's debate, the rivals traded barbs over the plan.", TUE),
    ],
)
def test_a_day_on_a_debate_named_after_another_preposition_dates_no_one(
    nlp, staging, expected
) -> None:
    """A day on a speech noun that "after", "before" or "since" governs names another
    event: the words that follow were not spoken there."""
    found = _dates(nlp, f'{staging}\n\n"Those are very small towns," Anna Berg said.')
    assert _date_of(found, "Those are very small towns") == expected


def test_words_said_after_a_dated_debate_are_not_said_at_it(nlp) -> None:
    """ "said ... after the debate" places the saying at another occasion: it neither goes
    back to the debate's day nor lets the debate's day carry on to the speakers after."""
    found = _dates(
        nlp,
        "At Tuesday's debate, the rivals traded barbs over the plan.\n\n"
        "Anna Berg said after the debate that the support was steady.\n\n"
        '"Nothing changed," Berg said.',
    )
    assert _date_of(found, "the support was steady") is None
    assert _date_of(found, "Nothing changed") is None


def test_a_show_named_today_is_no_day(nlp) -> None:
    """A capitalised "Today" inside a sentence names a show or a paper, not the day: a
    visit to NBC's "Today" stages no dated occasion."""
    found = _dates(
        nlp,
        "Anna Berg visited NBC\u2019s \u201cToday\u201d to discuss her plan.\n\n"
        '"The plan is sound," Berg said.',
    )
    assert _date_of(found, "The plan is sound") is None


@pytest.mark.parametrize(
    ("staging", "expected"),
    [
        # a debate named inside a noun phrase: a topic, not the scene the story is set in
        ("Mark Olsen's attack on the mayor in a debate on Tuesday convinced many voters.", None),
        # a debate a verb stages: it dates everyone shown speaking in it
        ("Mark Olsen attacked the mayor in a debate on Tuesday.", TUE),
    ],
)
def test_a_debate_named_only_inside_a_noun_phrase_is_no_shared_scene(
    nlp, staging, expected
) -> None:
    found = _dates(nlp, f'{staging}\n\n"It was a disgrace," Anna Berg said.')
    assert _date_of(found, "It was a disgrace") == expected


@pytest.mark.parametrize(
    ("rally", "expected"),
    [
        ("a planned rally on Saturday", None),  # still to come: no words spoken there yet
        ("a rally on Tuesday", TUE),  # held: the day of the speaker's words there
    ],
)
def test_a_speech_occasion_still_to_come_dates_no_words(nlp, rally, expected) -> None:
    found = _dates(nlp, f"Anna Berg announced {rally} in Springfield, saying the plan was sound.")
    assert _date_of(found, "the plan was sound") == expected
