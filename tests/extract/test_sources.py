"""Every kind of source, typed: unnamed people and groups, anonymous sources, documents,
with their affiliation; speech acts and stances; pronouns by salience; hard-wrapped text.

A table of invented sentences through the real model, and the RDF they become.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pyoxigraph import Store

from newsgraph import ontology as ng
from newsgraph.extract.name_forms import spells
from newsgraph.extract.paragraphs import unwrap_hard_breaks
from newsgraph.extract.pipeline import extract_article
from newsgraph.extract.records import Article
from newsgraph.store.rdf import Minter, extraction_to_quads

pytestmark = pytest.mark.model

BASE = "https://newsgraph.example/id/"

SOURCES = [
    # sentence, speaker's description or name, kind, source type, affiliation
    ("Analysts said the bank would cut rates.", "Analysts", "unnamed-group", "unnamed-group", None),
    (
        "Some farmers and lawyers told the paper that the process was unfair.",
        "Some farmers and lawyers",
        "unnamed-group",
        "unnamed-group",
        None,
    ),
    ("One resident said the water had been brown for weeks.", "One resident", "unnamed-person",
     "unnamed-person", None),
    (
        "A person familiar with the matter said the deal would close on Friday.",
        "person familiar with the matter",
        "anonymous",
        "anonymous",
        None,
    ),
    (
        "An official who spoke on condition of anonymity said the talks had stalled.",
        "official who spoke on condition of anonymity",
        "anonymous",
        "anonymous",
        None,
    ),
    (
        "About 50 members signed letters opposing the cuts, the meeting agenda said.",
        "meeting agenda",
        "document",
        "document",
        None,
    ),
    (
        "A spokeswoman for Hanover Re said the company would appeal.",
        "spokeswoman for Hanover Re",
        "unnamed-person",
        "named-organization",  # a spokesperson speaks as whom they speak for
        "Hanover Re",
    ),
    (
        "A new Gallup poll found that 42 percent of voters backed the plan.",
        "new Gallup poll",
        "document",
        "named-organization",  # a document issued by someone counts as its issuer
        "Gallup",
    ),
]  # fmt: skip


def statements(nlp, text: str):  # type: ignore[no-untyped-def]
    article = Article(id="t.txt", text=text, published=dt.date(2024, 5, 2))
    return extract_article(nlp, article).statements


@pytest.mark.parametrize(("text", "name", "kind", "source_type", "affiliation"), SOURCES)
def test_an_unnamed_source_is_typed_by_what_its_phrase_says(
    nlp, text: str, name: str, kind: str, source_type: str, affiliation: str | None
) -> None:  # type: ignore[no-untyped-def]
    (statement,) = statements(nlp, text)
    speaker = statement.speaker
    assert (speaker.name, speaker.kind, speaker.source_type) == (name, kind, source_type)
    assert (speaker.affiliation.name if speaker.affiliation else None) == affiliation


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Attorney General Kris Kobach criticized the ruling as an example of activism.",
            "Kris Kobach",
            "the ruling as an example of activism",
        ),
        ("Maria Lopez urged the board to reinstate the chief.", "Maria Lopez",
         "the board to reinstate the chief"),
        ("Prody Hazarika believes that the measure gives homeowners a voice.", "Prody Hazarika",
         "the measure gives homeowners a voice"),
        ("Unemployment fell to 4%, per data from the labor department.",
         "data from the labor department", "Unemployment fell to 4%"),
    ],
)  # fmt: skip
def test_speech_acts_stances_and_per_attribute_to_their_subject(
    nlp, text: str, speaker: str, content: str
) -> None:  # type: ignore[no-untyped-def]
    (statement,) = statements(nlp, text)
    assert (statement.speaker.name, statement.text) == (speaker, content)


def test_a_speech_act_whose_content_is_another_cue_gives_one_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Apti Alaudinov rejected the criticism by saying that Russia does not need them."
    (statement,) = statements(nlp, text)
    assert statement.text.startswith("Russia does not need")


def test_they_is_a_group_or_an_organisation_never_one_named_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "John Hale met the analysts on Monday. Analysts praised the deal. They said it would "
        "last for years."
    )
    found = {s.text: s.speaker for s in statements(nlp, text)}
    assert found["it would last for years"].kind == "unnamed-group"


def test_a_pronoun_follows_the_subject_and_the_gender_not_the_last_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mr. Adams debated Mrs. Clark on Tuesday. She said the plan would fail. "
        "Mary Lowe met John Brown. She said the talks went well."
    )
    found = {s.text: s.speaker.name for s in statements(nlp, text)}
    assert found == {"the plan would fail": "Clark", "the talks went well": "Mary Lowe"}


def test_an_acronym_is_the_organisation_it_spells(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Environmental Protection Agency issued a warning. The EPA said the risk to the "
        "public remained low."
    )
    (statement,) = statements(nlp, text)
    assert statement.speaker.name == "Environmental Protection Agency"
    assert spells("CDC", "Centers for Disease Control and Prevention")
    assert not spells("CDC", "Central Division")


def test_hard_wrapped_lines_are_one_sentence_and_offsets_hold(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The city council met on Monday evening to discuss the new budget for the coming\n"
        "year, which includes cuts to the library and to the parks department that many\n"
        "residents have opposed for months in letters and at public hearings held by the\n"
        "council members in the old town hall.\n"
        "Mayor Anna Weber said the cuts were painful but necessary to close a gap left by the\n"
        "fall in tax revenue since the factory closed, and that the council would review\n"
        "them again in the spring once the new figures from the state were in hand.\n"
        "The vote was delayed until the next meeting of the full council in two weeks.\n"
    )
    assert len(unwrap_hard_breaks(text)) == len(text)
    assert unwrap_hard_breaks(text).count("\n") == 3  # paragraph ends kept
    (statement,) = [s for s in statements(nlp, text) if s.speaker.name == "Anna Weber"]
    assert statement.text.endswith("the new figures from the state were in hand")
    assert statement.text == text[statement.start : statement.end]


def test_unnamed_sources_and_documents_are_nodes_of_their_article(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A spokeswoman for Hanover Re said the company would appeal. A new Gallup poll found "
        "that 42 percent of voters backed the plan."
    )
    article = Article(id="t.txt", text=text, published=dt.date(2024, 5, 2))
    _, quads = extraction_to_quads(extract_article(nlp, article), Minter(BASE))
    store = Store()
    store.extend(quads)
    rows = store.query(
        f"""SELECT ?s ?type ?description ?linked WHERE {{ GRAPH ?g {{
              ?s <{ng.SOURCE_TYPE}> ?type ; <{ng.DESCRIPTION}> ?description .
              OPTIONAL {{ ?s <{ng.AFFILIATION}>|<{ng.ISSUED_BY}> ?linked }} }} }}
            ORDER BY ?description"""
    )
    found = [
        (r["s"].value, r["type"].value, r["description"].value, r["linked"].value)
        for r in rows  # type: ignore[union-attr]
    ]
    assert found == [
        (f"{BASE}source/t.txt/new-gallup-poll", "named-organization", "new Gallup poll",
         f"{BASE}org/gallup"),
        (f"{BASE}source/t.txt/spokeswoman-for-hanover-re", "named-organization",
         "spokeswoman for Hanover Re", f"{BASE}org/hanover-re"),
    ]  # fmt: skip
    classes = {
        r["c"].value
        for r in store.query(f"SELECT ?c WHERE {{ GRAPH ?g {{ <{found[0][0]}> a ?c }} }}")  # type: ignore[union-attr]
    }
    assert classes == {ng.DOCUMENT, ng.SOURCE}


def figures(nlp, text: str):  # type: ignore[no-untyped-def]
    article = Article(id="t.txt", text=text, published=dt.date(2024, 5, 2))
    return extract_article(nlp, article).figures


def test_a_data_release_reports_the_run_of_figures_after_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Housing starts dropped 9.9% last month, the Census Bureau said on Tuesday.\n"
        "Homebuilding slid 15.7% year-on-year in July.\n"
        '"Prices are simply too high," said Jane Roe, an economist.\n'
        "Permits fell 12.4% in July.\n"
    )
    sources = {
        f.text: (f.source.name if f.source else None, f.attribution) for f in figures(nlp, text)
    }
    assert sources["9.9%"][0] == "Census Bureau"
    assert sources["15.7%"] == ("Census Bureau", "context")
    assert sources["12.4%"] == ("Census Bureau", "context")  # a quoted person does not end it


def test_a_quoted_persons_numbers_start_no_run(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"We sold 500 homes this spring," said Jane Roe.\nPrices rose 3% in June.\n'
    sources = {f.text: f.source for f in figures(nlp, text)}
    assert sources["3%"] is None


def test_a_document_without_an_author_is_a_figures_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The economy added 150,000 jobs in September, new government data showed on Friday."
    (figure,) = [f for f in figures(nlp, text) if "150,000" in f.text]
    assert figure.source is not None and figure.source.kind == "document"


def test_a_page_break_inside_a_sentence_is_joined() -> None:
    """Blank lines between a line ending in a small letter or comma and a line starting with
    a lower-case word are a converted PDF's page break, not a paragraph end."""
    text = "Ministers were unlikely to allow a base\n\non allied land, officials said.\n\nNext."
    joined = unwrap_hard_breaks(text)
    assert len(joined) == len(text)
    assert joined.count("\n") == 2
    assert "a base  on allied land" in joined


def test_a_heading_in_capitals_never_wraps_into_the_next_line() -> None:
    wide = "The council met on Monday evening to discuss the budget for the coming long\n"
    text = (
        wide * 6 + "COUNCIL WARNS OF CUTS AS THE BUDGET GAP GROWS AGAIN THIS YEAR IN TOWN\n"
        "Mayor Anna Weber said the cuts were painful.\n"
    )
    joined = unwrap_hard_breaks(text)
    assert "TOWN\nMayor" in joined
    assert joined.count("\n") == 2


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ("The city met. Democrats say the plan will fail.", "Democrats", "unnamed-group"),
        (
            "Palestinians and rights groups say it could destroy hopes for a state.",
            "Palestinians and rights groups",
            "unnamed-group",
        ),
        (
            "The city met. State data shows that the problem is not spread evenly.",
            "State data",
            "document",
        ),
        (
            "The city met. Polling shows voters consistently resisting the plan.",
            "Polling",
            "document",
        ),
    ],
)
def test_peoples_and_data_are_typed_sources(nlp, text, speaker, kind) -> None:  # type: ignore[no-untyped-def]
    """A plural nationality or party ("Democrats") is an unnamed group, never dropped;
    "data" (lemma "datum") and "polling" are documents."""
    (statement,) = statements(nlp, text)
    assert (statement.speaker.name, statement.speaker.kind) == (speaker, kind)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Irregular, a security firm, tested the models. An Irregular spokesperson told "
            "CNBC that the incident was related to the same issue.",
            "Irregular",
        ),
        (
            "Protester Maria Lopez was held for hours. The Travis County Sheriff's Office "
            "spokesperson said the delay occurred because of the volume of arrests.",
            "Travis County Sheriff's Office",
        ),
        (
            "Dana Cole was arrested on Friday and loaded into a van.\nThe Sheriffʼs Office "
            "spokesperson said the jail provided sweatshirts to women who requested them.",
            "Sheriffʼs Office",  # a modifier letter for the apostrophe: no possessive parsed
        ),
        (
            "We presented the TDCJ with a list of prisons. A spokesperson responded, "
            '"I don\'t have that information."',
            "TDCJ",
        ),
    ],
)
def test_an_unnamed_spokesperson_speaks_as_their_organisation(nlp, text, name) -> None:  # type: ignore[no-untyped-def]
    """Named in the role ("The Sheriff's Office spokesperson", never the person named just
    before, whom the article did not call a spokesperson), as a capitalised modifier
    the model calls a people ("an Irregular spokesperson"), or, with none named, the
    organisation named just before ("the TDCJ ... A spokesperson")."""
    (statement,) = statements(nlp, text)
    assert statement.speaker.source_name == name
    assert statement.speaker.source_type == "named-organization"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The city met on Monday. Notifications began in Asia before spreading to Europe, "
            "according to Bloomberg.",
            "Bloomberg",
        ),
        (
            "China claims democratically governed Taiwan as its own territory, and says it "
            "will use force.",
            "China",
        ),
    ],
)
def test_a_place_or_untagged_name_that_speaks_is_an_organisation(nlp, text, name) -> None:  # type: ignore[no-untyped-def]
    """A speaker the model tags as a place ("China claims", "according to Bloomberg"
    tagged GPE) is a named organisation, not dropped."""
    found = statements(nlp, text)
    assert found
    assert {(s.speaker.name, s.speaker.source_type) for s in found} == {
        (name, "named-organization")
    }


def test_an_untagged_document_title_is_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Judge Eric Bruggink wrote in an opinion that the votes run afoul of the 27th "
        "Amendment, which says pay cannot change until after an election."
    )
    assert "Amendment" not in {s.speaker.name for s in statements(nlp, text)}


@pytest.mark.model
def test_slash_joined_sponsors_are_one_joint_issuer(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "a Reuters/Ipsos poll" is issued by Reuters/Ipsos, not by Ipsos alone."""
    text = (
        "The city met. President Donald Trump has lost ground on immigration, a new "
        "Reuters/Ipsos poll found."
    )
    (statement,) = statements(nlp, text)
    assert statement.speaker.source_name == "Reuters/Ipsos"
    assert statement.speaker.source_type == "named-organization"


def test_a_statement_of_the_poll_named_before_and_its_figures_share_a_source(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "The poll showed that 40 percent ..." after "a new Harbour College poll": the
    statement and the figures in its words have one source, the poll's publisher."""
    text = (
        "A new Harbour College poll of 1,000 adults was completed on Tuesday.\n"
        "The poll showed that 40 percent of voters backed the plan, while 38 percent "
        "opposed it.\n"
    )
    extraction = extract_article(nlp, Article(id="t.txt", text=text))
    (statement,) = extraction.statements
    assert statement.speaker.kind == "document"
    assert statement.speaker.source_name == "Harbour College"
    inside = [f for f in extraction.figures if statement.start <= f.start < statement.end]
    assert inside
    assert {(f.source.source_name, f.source.source_type) for f in inside if f.source} == {
        ("Harbour College", "named-organization")
    }
