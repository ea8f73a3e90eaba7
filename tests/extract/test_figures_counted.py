"""What a figure counts, readable and specific: a table of invented sentences through the
real model (parse-dependent, marked ``model``)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.extract.pipeline import extract_doc, prepare_text
from newsgraph.extract.records import Article

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "value", "what"),
    [
        # a measure named after the number keeps its complement
        ("The poll gives Smith 42 percent support for the candidate.", 42, "support for"),
        # 'a margin of error of 3 points' counts the margin of error, not 'error'
        ("The survey had a margin of error of three percentage points.", 3, "margin of error"),
        # ... also where the parse counts bare points and hangs them on 'error'
        ("It has a margin of error of 3 points.", 3, "margin of error"),
        ("She holds a lead of 8 points over her rival.", 8, "lead"),
        # 'times' counts how often the verb's event happened
        ("The tent caught fire three times last year.", 3, "tent caught fire"),
        ("Medics reported administering Narcan 79 times in 2020.", 79, "administering Narcan"),
        # a share's verb the parse reads as a preposition ('back') still says what they do
        ("Some 38 percent of voters back the incumbent.", 38, "voters who back the incumbent"),
        # a change says when
        ("The economy added 336,000 jobs in September.", 336000, "jobs added in September"),
        # a percentage says of whom, with their relative clause
        (
            "Some 46 percent of voters who back the incumbent think the economy is improving.",
            46,
            "voters who back the incumbent",
        ),
        # a share that is the subject of its clause says what its people said or did
        ("Sixteen percent said the conflict would end soon.", 16, "who said the conflict"),
        # the subject of a copula is what is measured
        ("The unemployment rate was 3.8 percent.", 3.8, "unemployment rate"),
        # a subjectless participle takes its main clause's subject
        ("Production of cars was unchanged after falling 0.4% in July.", 0.4, "Production"),
        ("Output of computers fell 1.4%, but was up 5.5% on the year.", 5.5, "Output of"),
        # a level 'on' or 'at' is the level of the noun phrase written before it
        ("A new poll puts Labour on 38 percent.", 38, "Labour"),
        ("The polls put the far-right Alliance on 39%, the Greens on 6%.", 39, "far-right"),
        ("Rent came first, then mental health support at 13 percent.", 13, "mental health"),
    ],
)
def test_what_is_counted(pipeline: Language, text: str, value: float, what: str) -> None:
    article = Article(id="t", text=text)
    found = extract_doc(pipeline(prepare_text(text)), article).figures
    figure = next(f for f in found if f.value == pytest.approx(value))
    assert figure.what is not None and figure.what.startswith(what)


def test_the_same_measure_for_a_rival_figure(pipeline: Language) -> None:
    text = "The poll gives Smith 42 percent support, while Jones has 37 percent."
    article = Article(id="t", text=text)
    found = extract_doc(pipeline(prepare_text(text)), article).figures
    assert [(f.value, f.what) for f in found] == [(42, "support"), (37, "support")]


def test_a_share_continues_the_people_of_the_figure_before(pipeline: Language) -> None:
    text = (
        "A study suggests that 65% of job seekers are changing their plans; 23% said they "
        "are looking for roles closer to home."
    )
    article = Article(id="t", text=text)
    found = extract_doc(pipeline(prepare_text(text)), article).figures
    assert [f.value for f in found] == [65, 23]
    assert found[1].what is not None and found[1].what.startswith("job seekers who said")
