"""Runs of figures from one source (a poll, report, data release or reporting
organisation), through the real model and the real entity index (invented sentences)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.extract.figure_runs import _named_afresh
from newsgraph.extract.pipeline import extract_doc, prepare_text
from newsgraph.extract.records import Article, Figure

pytestmark = pytest.mark.model


def figures(nlp: Language, text: str) -> list[Figure]:
    article = Article(id="t", text=text)
    return list(extract_doc(nlp(prepare_text(text)), article).figures)


def sources(found: list[Figure]) -> list[tuple[float | None, str | None]]:
    """Each figure's value and the name a reader gives its source (a document issued by an
    organisation counts as that organisation, as in the sourcing benchmark)."""
    return [(f.value, f.source.source_name if f.source else None) for f in found]


def test_a_poll_cited_without_a_number_reports_the_figures_after_it(pipeline: Language) -> None:
    text = (
        "The Harbour Institute poll was conducted online over five days. It included "
        "responses from 1,240 adults. It had a margin of error of 3 percentage points."
    )
    found = figures(pipeline, text)
    assert [f.value for f in found] == [1240, 3]
    assert all(f.source is not None and "Harbour" in f.source.name for f in found)
    assert {f.attribution for f in found} == {"context"}


def test_a_release_reported_by_an_organisation_carries_past_a_quotation(
    pipeline: Language,
) -> None:
    text = (
        "The fall in exports, reported by the Statistics Office on Monday, was the first "
        "this year.\n"
        '"We expect a rebound in the spring," said Jane Mbeki, an economist at Lakeview Bank.\n'
        "Shipments of machinery dropped 4.2% last month. Car exports fell 1.1%."
    )
    assert sources(figures(pipeline, text)) == [
        (4.2, "Statistics Office"),
        (1.1, "Statistics Office"),
    ]


def test_respondents_shares_are_the_findings_of_the_last_poll(pipeline: Language) -> None:
    text = (
        "A new survey by Pollwise found that 61% of voters back the plan.\n"
        "The plan would rebuild the harbour wall and widen the coast road.\n"
        "Work would start next spring if the council agrees.\n"
        "The council meets on Thursday.\n"
        "Asked about the cost, 38 percent of respondents said the plan was too expensive."
    )
    found = figures(pipeline, text)
    assert [f.value for f in found] == [61, 38]
    assert all(f.source is not None and "Pollwise" in f.source.name for f in found)
    assert found[1].attribution == "context"


def test_paragraphs_of_prose_without_figures_end_a_run(pipeline: Language) -> None:
    text = (
        "Data from the Port Authority showed container volumes fell 3% in May.\n"
        "The harbour was built in the nineteenth century.\n"
        "Its cranes were replaced after the storm.\n"
        "The old warehouses have become flats and cafes.\n"
        "The ferry to the island costs $40 for a car."
    )
    found = sources(figures(pipeline, text))
    assert found[0] == (3, "Port Authority")
    assert found[-1] == (40, None)


def test_according_to_in_a_relative_clause_does_not_source_the_figure(
    pipeline: Language,
) -> None:
    text = (
        "Output rose 0.9% in August, a modest increase that, according to some economists, "
        "showed the tariffs had not worked."
    )
    [figure] = figures(pipeline, text)
    assert figure.source is None and figure.attribution == "none"


def test_a_headline_figure_does_not_continue_the_run_before_it(pipeline: Language) -> None:
    text = (
        "According to a report by the Harbour Gazette, the port handled 5,000 ships.\n"
        "Over 300 ferries cancelled in storm\n"
        "The storm forced the cancellation of more than 300 ferries, harbour master John Ode "
        "said."
    )
    assert sources(figures(pipeline, text))[1:] == [(300, "John Ode"), (300, "John Ode")]


@pytest.mark.parametrize(
    ("sentence", "afresh"),
    [
        ("A new poll shows gains.", True),
        ("The Gallup poll shows gains.", True),
        ("Figures from the ONS show gains.", True),
        ("The poll shows gains.", False),
        ("Its index shows gains.", False),
    ],
)
def test_a_document_named_afresh_or_referred_back_to(
    pipeline: Language, sentence: str, afresh: bool
) -> None:
    doc = pipeline(sentence)
    noun = next(t for t in doc if t.lemma_.lower() in ("poll", "figure", "index"))
    assert _named_afresh(noun) is afresh


def test_data_provided_by_an_organisation_is_its_data(pipeline: Language) -> None:
    text = (
        "Data provided by the Harbour Authority show a 4% fall in freight between 2024 and "
        "2025. That data comes from the 30 ports that counted their cargo last year."
    )
    found = sources(figures(pipeline, text))
    assert found == [(4, "Harbour Authority"), (30, "Harbour Authority")]


def test_a_survey_conducted_earlier_in_the_sentence_reports_its_counts(
    pipeline: Language,
) -> None:
    text = (
        "To conduct this survey, we sent a text message to our readers, followed by 25 "
        "phone interviews. Fifty-nine percent of responses included rent."
    )
    found = figures(pipeline, text)
    assert [f.value for f in found] == [25, 59]
    assert all(f.source is not None and f.source.name.endswith("survey") for f in found)


def test_a_persons_figures_run_on_into_the_next_sentence_only(pipeline: Language) -> None:
    text = (
        "Fewer than 2% of the staff are nurses, Joseph Kalt said. And more than a dozen "
        "wards have no nurse at all.\n"
        "The hospital has 40 beds."
    )
    assert sources(figures(pipeline, text)) == [
        (2, "Joseph Kalt"),
        (12, "Joseph Kalt"),
        (40, None),
    ]


def test_a_share_price_is_not_a_reports_finding(pipeline: Language) -> None:
    text = (
        "A report by the Harbour Gazette says the brewer made a profit of $90m.\n"
        "Brewer shares in London rose 4% on the news."
    )
    profit, shares = figures(pipeline, text)
    assert profit.source is not None and "Harbour Gazette" in profit.source.name
    assert (shares.value, shares.source, shares.attribution) == (4, None, "none")


def test_an_organisation_tracking_numbers_takes_over_the_run(pipeline: Language) -> None:
    text = (
        "The Treasury said revenue reached $90bn last year.\n"
        "The Harbour Policy Center has been tracking tariff revenue since 2025. The "
        "government has collected about $210bn in tariffs this year."
    )
    assert sources(figures(pipeline, text))[-1] == (210e9, "Harbour Policy Center")


def test_people_polled_by_an_organisation_are_not_the_organisations_release(
    pipeline: Language,
) -> None:
    text = (
        "Housing starts rose 5.2% in July, the Census Bureau said. Economists polled by "
        "Reuters had estimated a rate of 1.35 million.\n"
        "Permits rose 2.5% last month."
    )
    assert sources(figures(pipeline, text))[-1] == (2.5, "Census Bureau")


def test_a_document_that_something_happened_to_is_not_cited(pipeline: Language) -> None:
    text = "Reports of evictions have increased since the spring. The council has 45 members."
    assert sources(figures(pipeline, text)) == [(45, None)]


def test_a_source_named_after_the_numbers_it_refers_back_to(pipeline: Language) -> None:
    text = (
        "Harbor City averaged about 70 fires per month, compared with 58 a year earlier.\n"
        "The numbers are likely an underestimate, as Harbor City Fire Department reports "
        "showed only encampment fires."
    )
    assert sources(figures(pipeline, text)) == [
        (70, "Harbor City Fire Department"),
        (58, "Harbor City Fire Department"),
    ]


def test_a_later_source_without_a_reference_back_leaves_figures_alone(
    pipeline: Language,
) -> None:
    text = (
        "Harbor City averaged about 70 fires per month.\n"
        "Firefighters are stretched, as Harbor City Fire Department reports showed."
    )
    assert sources(figures(pipeline, text)) == [(70, None)]


def test_someone_else_reporting_the_figure_ends_the_run(pipeline: Language) -> None:
    # the rules cannot name 'the ministry', but it reports this figure, not the ONS
    text = (
        "Figures from the ONS show inflation fell to 2.1%.\n"
        "The ministry estimated that 12,000 homes were damaged."
    )
    assert sources(figures(pipeline, text))[-1] == (12000, None)


def test_a_persons_own_doings_are_not_a_reports_finding(pipeline: Language) -> None:
    text = (
        "Harbor City Fire Department reports showed 99 fires in March.\n"
        "Derrick Mensah heats his tent with propane. Now he pays $24 for a refill."
    )
    fires, refill = figures(pipeline, text)
    assert fires.source is not None and "Harbor City Fire Department" in fires.source.name
    assert (refill.value, refill.source) == (24, None)


def test_a_poll_named_again_without_its_author_is_its_authors(pipeline: Language) -> None:
    text = (
        "A new Harbour College poll released on Tuesday gives Governor Smith an edge.\n"
        "The poll shows Smith with 42 percent support among likely voters, while Jones has "
        "37 percent."
    )
    assert sources(figures(pipeline, text)) == [(42, "Harbour College"), (37, "Harbour College")]


def test_an_inference_after_a_clause_names_no_source(pipeline: Language) -> None:
    # "suggesting" takes the clause's fact as its subject: the town reports nothing
    text = "The town of Wexbury has roughly 24,000 adults, suggesting a cost of $1.2 million."
    assert [s for _, s in sources(figures(pipeline, text))] == [None, None]
    # a participle of reporting does take the main clause's subject
    text = "Reporting its results on Monday, Harbour Freight made a profit of $75 million."
    assert sources(figures(pipeline, text)) == [(75e6, "Harbour Freight")]


def test_a_price_stated_in_passing_takes_no_source_from_a_run_of_other_measures(
    pipeline: Language,
) -> None:
    text = (
        "A new study from the Harbour Institute found that 61% of commuters want shorter "
        "trips. Another 17% are looking for remote roles.\n"
        "The study comes as ferry fares edge closer to $9.50 a trip.\n"
        "Shipments of machinery dropped 4.2% last month."
    )
    found = sources(figures(pipeline, text))
    assert found[2] == (9.5, None)  # the article's own background price
    assert found[3][1] is not None and "Harbour" in found[3][1]  # the run goes on past it


def test_a_run_that_has_given_sums_of_money_carries_onto_more_of_them(
    pipeline: Language,
) -> None:
    text = (
        "The Statistics Office reported that exports fell 3% to $4.1 billion in May.\n"
        "Imports were worth $5.2 billion."
    )
    assert sources(figures(pipeline, text))[-1] == (5.2e9, "Statistics Office")


def test_paragraphs_of_other_named_sources_speaking_end_a_run(pipeline: Language) -> None:
    text = (
        "The fall in exports, reported by the Statistics Office on Monday, was 4.2%.\n"
        '"We expect a rebound in the spring," said Jane Mbeki, an economist at Lakeview Bank.\n'
        '"The harbour strike hurt everyone," said Tom Okafor of Riverside Capital.\n'
        "Demand will pick up once the cranes are repaired, Okafor added.\n"
        "Inflation rose at an annual rate of 3.4% in August."
    )
    found = sources(figures(pipeline, text))
    assert found[0] == (4.2, "Statistics Office")
    assert found[-1] == (3.4, None)  # three paragraphs of others speaking: the topic moved on


def test_what_a_person_describes_something_as_is_their_account(pipeline: Language) -> None:
    text = (
        "Marta Quill, director of the county clinic, described the old ward as a "
        '"crumbling shell" that is nearly five times older than the average hospital.'
    )
    assert sources(figures(pipeline, text)) == [(5, "Marta Quill")]


def test_a_document_cited_for_a_claim_without_numbers_reports_only_its_paragraph(
    pipeline: Language,
) -> None:
    claim = (
        "The town is now split evenly between renters and owners, according to the latest "
        "census data."
    )
    same = sources(figures(pipeline, claim + " Some 4,000 renters live in flats."))
    assert same[0][1] is not None and "census" in same[0][1]
    later = claim + (
        "\nThe tenants' union was formed last year by a group of neighbours.\n"
        "About 70 people came to its first meeting."
    )
    assert sources(figures(pipeline, later)) == [(70, None)]  # the article's own count


def test_a_figure_in_an_aside_is_the_articles_and_the_run_goes_on_past_it(
    pipeline: Language,
) -> None:
    text = (
        "The fall in output, reported by the Statistics Office on Monday, was the first this "
        "year. Mining output dropped 2.1% last month. Fishing, which accounts for about 9% "
        "of the economy, grew 0.4%. Forestry output fell 1.3%."
    )
    found = sources(figures(pipeline, text))
    assert found[0] == (2.1, "Statistics Office")
    assert (9, None) in found  # the aside describing the sector
    assert found[-1] == (1.3, "Statistics Office")


def test_a_document_misread_as_a_verb_before_show_still_anchors_a_run(
    pipeline: Language,
) -> None:
    # the parse reads "reports" as a verb; two finite verbs cannot stand side by side
    text = (
        "In Wexbury, the most common fire calls are survival-related fires — those used for "
        "cooking and warming — the notes in Wexbury Fire Department reports show. Warming "
        "fires almost doubled to 35 during the first winter."
    )
    assert sources(figures(pipeline, text)) == [(35, "Wexbury Fire Department")]


def test_another_source_speaking_in_the_sentence_takes_over_from_a_run(
    pipeline: Language,
) -> None:
    """A run does not carry a document's source onto a figure in a sentence where another
    source speaks: the count of the speakers is the article's (and the run goes on)."""
    text = (
        "A court filing showed that the mayor holds stakes worth $40 million in three "
        "firms.\n"
        "Twelve council members on Tuesday also asked the state auditor to review the "
        "contracts.\n"
        "The filing listed a further stake worth $2 million."
    )
    found = sources(figures(pipeline, text))
    assert (12, None) in found
    assert found[-1] == (2_000_000, "court filing")


def test_respondents_answering_the_survey_do_not_take_over_its_run(pipeline: Language) -> None:
    text = (
        "A new study from the jobs site Hireline found that 58% of job seekers want "
        "shorter commutes. And a commute can decide a move, more than 2,000 respondents "
        "told the survey."
    )
    first, second = figures(pipeline, text)
    assert first.source is not None and second.source == first.source
    assert "Hireline" in first.source.name


def test_what_a_verb_of_saying_governs_is_the_speakers_even_past_the_quoted_words(
    pipeline: Language,
) -> None:
    """The complement of the cue is what was said ('urged ... to "nationalize" voting in 15
    places'), even where the statement's words stop at the quotation."""
    text = 'Senator Ada Quill has urged Republicans to "nationalize" voting in at least 15 places.'
    assert sources(figures(pipeline, text)) == [(15, "Ada Quill")]


def test_the_speakers_own_phrase_and_other_doings_are_the_articles(pipeline: Language) -> None:
    """A figure describing the speaker ('Quill, who chairs a 30-member panel') or telling
    what else the speaker did ('... and deployed 600 guard members') is not what was said."""
    described = "Ada Quill, who chairs a 30-member panel, said the repairs would cost $5 million."
    assert sources(figures(pipeline, described)) == [(30, None), (5_000_000, "Ada Quill")]
    did = (
        "Governor Ada Quill requested aid from the federal government and deployed 600 guard "
        "members to the city."
    )
    assert sources(figures(pipeline, did)) == [(600, None)]


def test_a_document_someone_works_on_is_not_cited_for_the_figure_in_it(
    pipeline: Language,
) -> None:
    """'examining the records of 12,000 people': the records are what is examined, and the
    people counted are not their author; a document carrying a claim ('reports the council
    repaid £500,000') still cites it."""
    text = (
        "Dr Ada Quill is assembling a three-year report, examining the records of all "
        "approximately 12,000 people who died in Harbour County during that time."
    )
    assert sources(figures(pipeline, text)) == [(12_000, None)]
    claim = "He would not discuss reports the council repaid £500,000 to the developer."
    assert sources(figures(pipeline, claim)) == [(500_000, "reports")]


AGREEMENT_TEXTS = [
    'Rates will rise to 4.5% by June, Ada Quill, an economist at Harbour Bank, said. "We '
    'expect 200,000 fewer sales," she added.',
    "A spokeswoman for Lakeview Council said 1,200 homes were damaged in the storm.",
    "According to a new report by the Harbour Institute, 38% of tenants pay more than half "
    "of their income in rent.",
    "The Harbour Trade Ministry told reporters that exports fell 3.2% in May.",
]


@pytest.mark.parametrize("text", AGREEMENT_TEXTS)
def test_a_figure_inside_a_statements_words_carries_its_speaker(
    pipeline: Language, text: str
) -> None:
    """The figure and the statement it sits in never disagree about who said it (the
    `attributions` query lists both)."""
    article = Article(id="t", text=text)
    extraction = extract_doc(pipeline(prepare_text(text)), article)
    inside = [
        (f, s)
        for f in extraction.figures
        for s in extraction.statements
        if s.start <= f.start < s.end
    ]
    assert inside
    for figure, statement in inside:
        assert figure.source == statement.speaker, (figure.text, statement.text)


CITED_BY_PREPOSITION = [
    ("In the latest Harbour College poll, 42% of voters backed the mayor.", "Harbour College"),
    ("The mayor leads with 42% in a new Harbour College poll.", "Harbour College"),
    ("About 15% of prisons have no air conditioning at all, per state data.", "state data"),
    ("Based on the survey's findings, the Greens would win 12% of the vote.", "survey"),
]


@pytest.mark.parametrize(("text", "source"), CITED_BY_PREPOSITION)
def test_a_document_cited_by_a_preposition_on_the_clause_reports_its_figure(
    pipeline: Language, text: str, source: str
) -> None:
    """'In the latest poll', 'per state data', 'based on the survey's findings' cite the
    document the clause's numbers come from, like 'according to'."""
    found = figures(pipeline, text)
    assert found and all(f.source is not None for f in found)
    assert {f.source.source_name for f in found if f.source} == {source}


def test_a_document_a_speaker_said_something_in_starts_no_run(pipeline: Language) -> None:
    """'said Davila in a report to the council': the report is where she spoke, not a
    source cited for the numbers of the next paragraph; nor is a rate 'per' a thing."""
    text = (
        '"We must act," said Ada Quill in a report to the council last year.\n'
        "Fires increased 14% in the city during the first year of the pandemic.\n"
        "Diesel cost $4 per gallon in the state."
    )
    assert sources(figures(pipeline, text)) == [(14, None), (4, None)]


def test_a_polls_percentages_of_a_candidate_are_its_findings(pipeline: Language) -> None:
    """'she leads 51 percent to 33 percent' after a poll is the poll's measure of her, not
    something she did (which a run does not carry to: 'Now he pays $24')."""
    text = (
        "A new Lakeview University poll shows Ada Quill ahead in the race for mayor.\n"
        "Quill's lead is largest among older voters, where she leads 51 percent to 33 "
        "percent. Tom Baines leads among voters under 30, 45 percent to 38 percent."
    )
    found = figures(pipeline, text)
    assert [f.value for f in found] == [51, 33, 45, 38]
    assert {f.source.source_name if f.source else None for f in found} == {"Lakeview University"}


def test_the_survey_after_a_poll_is_that_poll(pipeline: Language) -> None:
    """'the survey', 'the study' after 'a new Lakeview University poll' refer back to it:
    its figures are the pollster's, not those of a document named by its own figure."""
    text = (
        "A new Lakeview University poll shows Mayor Ada Quill ahead of her challenger.\n"
        "The survey of 812 likely voters was conducted by phone from Sept. 3 to 7.\n"
        "The study found 12% of voters had not decided."
    )
    assert sources(figures(pipeline, text)) == [
        (812, "Lakeview University"),
        (12, "Lakeview University"),
    ]


def test_a_that_clause_after_a_document_is_its_content(pipeline: Language) -> None:
    """'the institute's predictions that ... a £40m gap': the clause written right after
    the document noun is what the document says, even where the parse hangs it on the
    sentence's verb ('pointed')."""
    text = (
        "Ms Quill pointed to the Institute for Harbour Studies' predictions that the "
        "council will need to raise taxes to cover a £40m gap."
    )
    assert sources(figures(pipeline, text)) == [(40_000_000, "Institute for Harbour Studies")]


def test_data_an_organisation_sent_anchors_a_run_of_its_figures(pipeline: Language) -> None:
    """'The health department sent the Courier data on ...': the sender put the data out
    (the recipient did not), and the figures after it are the department's."""
    text = (
        "On average, paramedics respond to about six overdoses a day.\n"
        "The Harbour County health department sent the Courier data on emergency calls "
        "from 2019 to 2021. Lakeview accounts for more calls than any other town, roughly "
        "half of the county's total.\n"
    )
    assert sources(figures(pipeline, text)) == [
        (6, None),
        (0.5, "Harbour County health department"),
    ]


def test_a_plan_reports_its_own_forecast_and_starts_no_run(pipeline: Language) -> None:
    """'Initial business plans forecast 250,000 students': any document that is the
    subject of a verb of reporting is cited, but only data, reports and polls report the
    figures after them; and 'no market research was carried out' cites nothing."""
    text = (
        "The Harbour Audit Office found the project had failed. Initial business plans "
        "forecast 250,000 students joining within a decade, bringing in at least £110m in "
        "profit.\n\n"
        "But virtually no market research was carried out and just £4.2m was spent on "
        "marketing. Some £14m went on developing the technology.\n"
    )
    assert sources(figures(pipeline, text)) == [
        (250_000, "Initial business plans"),
        (110_000_000, "Initial business plans"),
        (4_200_000, None),
        (14_000_000, None),
    ]


def test_people_polled_by_an_organisation_give_their_own_figures(pipeline: Language) -> None:
    """'Economists polled by Reuters expect growth of 0.3%': the economists' expectation;
    the organisation only asked them."""
    found = figures(pipeline, "Economists polled by Reuters expect growth of 0.3%.")
    assert [(f.value, f.source.kind if f.source else None) for f in found] == [
        (0.3, "unnamed-group")
    ]


def test_a_sentence_answering_the_speaker_is_not_theirs(pipeline: Language) -> None:
    """A person's figures run on into the next sentence ('..., he said. And 12 states have
    none.'), but not into one that answers them ('Still, 140,000 patients waited ...'):
    there the writer is talking."""
    text = (
        '"We are seeing real progress," Mr Baines said, adding that 1.2 million more '
        "appointments had been delivered. Still, 140,000 patients waited over 12 hours in "
        "A&E last month.\n"
    )
    assert [s for _, s in sources(figures(pipeline, text))] == ["Baines", None]


def test_what_a_plan_would_do_is_not_the_last_releases_finding(pipeline: Language) -> None:
    """'The plan would build 12,000 homes' after the statistics office's figures tells
    what the plan does, not a finding of the figures before it."""
    text = (
        "Figures from the Harbour Statistics Office show house prices in the region rose "
        "4.1% last year.\n"
        "The plan would build 12,000 homes over ten years.\n"
    )
    assert sources(figures(pipeline, text)) == [
        (4.1, "Harbour Statistics Office"),
        (12_000, None),
    ]
