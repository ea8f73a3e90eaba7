"""Figures from real sentences parsed by the real model (parse-dependent, kept few)."""

from __future__ import annotations

import json

import pytest
from fixtures.paths import SEEDS, SHARED
from spacy.language import Language

from newsgraph.extract.boilerplate import mask_boilerplate
from newsgraph.extract.entities import build_entities
from newsgraph.extract.figures import extract_figures
from newsgraph.extract.records import Article, Figure

pytestmark = pytest.mark.model


def run(nlp: Language, text: str) -> list[Figure]:
    """The figures of ``text`` with no statements found (so sources come from the figure
    rules alone), resolved by the real entity index."""
    article = Article(id="t", text=text)
    doc = nlp(mask_boilerplate(text))
    return list(extract_figures(doc, article, (), build_entities(doc)))


@pytest.mark.parametrize(
    ("sentence", "value", "low", "high", "unit", "what"),
    [
        (
            "The firm said it cut 1,200 jobs last year.",
            1200,
            None,
            None,
            None,
            "jobs cut last year",
        ),
        ("Nearly 300 miners are missing after the blast.", 300, None, 300, None, "miners missing"),
        ("Shares rose 4.5% on Monday.", 4.5, None, None, "percent", "Shares rose"),
        ("The bank lost £2.3bn in 2008.", 2.3e9, None, None, "GBP", None),
        (
            "More than 40 percent of voters backed the plan.",
            40,
            40,
            None,
            "percent",
            "voters who backed the plan",
        ),
        ("Between 5,000 and 8,000 homes were flooded.", None, 5000, 8000, None, "homes flooded"),
        ("The deal is worth 12bn roubles.", 12e9, None, None, "RUB", None),
        ("Two thirds of staff voted to strike.", 2 / 3, None, None, None, "staff"),
    ],
)
def test_real_sentences(
    nlp: Language,
    sentence: str,
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str | None,
    what: str | None,
) -> None:
    [figure] = run(nlp, sentence)
    assert (figure.value, figure.low, figure.high) == pytest.approx((value, low, high))
    assert figure.unit == unit
    if what is not None:
        assert figure.what == what


@pytest.mark.parametrize(
    "sentence",
    [
        "The 45-year-old was arrested two weeks after the attack.",
        "He will serve one year in the army from 1 March.",
        "The FTSE 100 closed at 10:30 on 3 May 2005.",
        "She was only 19, her family said.",
        "The company filed for Chapter 11 protection in 2002.",
        # an emergency number names a service
        "Nobody called 911 when the man collapsed.",
        # a span of years, a period's half and a half hour are not amounts
        "Output is below its 1972–2025 average.",
        "Sales rose in the first half of the year.",
        "He waited half an hour for the bus.",
        # a number-unit compound of time or a plan's parts stay out
        "They signed a two-year deal on a three-point plan.",
        # like an age, the size of a person's family describes the person
        '"We lost the shop," said Ama Boateng, a mother of two sons.',
        "A father of three, he drives the night bus.",
    ],
)
def test_real_non_figures(nlp: Language, sentence: str) -> None:
    assert run(nlp, sentence) == []


def test_named_source_at_the_end_of_the_sentence(nlp: Language) -> None:
    [figure] = run(nlp, "At least 12 people were injured in the crash, Reuters reported.")
    assert figure.value == 12 and figure.low == 12
    assert figure.source is not None and figure.source.name == "Reuters"
    assert figure.attribution == "explicit"


def test_survey_carries_to_the_next_sentence(nlp: Language) -> None:
    text = (
        "A survey by Gallup suggests voters are unhappy. Some 61% say the economy is getting worse."
    )
    [figure] = run(nlp, text)
    assert figure.value == 61
    assert figure.source is not None and figure.source.name == "Gallup"
    assert figure.attribution == "context"


@pytest.mark.corpus
def test_seed_figures_recall(nlp: Language) -> None:
    """Every required gold figure of the seeds is found (value and overlapping text)."""
    gold_dir = SHARED / "eval" / "seeds-gold"
    if not gold_dir.is_dir():
        pytest.skip(f"no gold annotations at {gold_dir}")
    missed = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        text = (SEEDS / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        found = run(nlp, text)
        for gold in json.loads(gold_path.read_text(encoding="utf-8"))["figures"]:
            if gold.get("optional"):
                continue
            start = text.find(gold["text"])
            end = start + len(gold["text"])
            numbers = (gold["value"], gold["low"], gold["high"])
            if not any(
                f.start < end
                and start < f.end
                and any(g is not None and g == pytest.approx(p, rel=0.005)
                        for g, p in zip(numbers, (f.value, f.low, f.high), strict=True))
                for f in found
            ):  # fmt: skip
                missed.append((gold_path.stem, gold["text"]))
    assert missed == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Barclays posted a pre-tax profit of £3.4bn for the year.", "Barclays"),
        ("Shell has been fined $120m. The company said it made a profit of $18bn.", "Shell"),
        ("Daiwa shares added 5.3% to 740 yen.", None),
        (
            "In his speech, Mr Brown surprised analysts by forecasting growth of between 3% "
            "and 3.5%.",
            "Brown",
        ),
    ],
)
def test_who_reports_the_last_figure(nlp: Language, text: str, source: str | None) -> None:
    figure = run(nlp, text)[-1]
    assert (figure.source.name if figure.source else None) == source


def test_a_report_named_in_the_next_sentence_is_the_source(nlp: Language) -> None:
    text = (
        "Wheat output rose 12% last year, a report says. The joint report from the World "
        "Bank and the International Monetary Fund said exports fell 3%."
    )
    found = run(nlp, text)
    assert [(f.value, f.source.name if f.source else None) for f in found] == [
        (12, "World Bank"),
        (3, "World Bank"),
    ]


def test_low_confidence_in_the_figures_hedges_the_sentence_before(nlp: Language) -> None:
    text = (
        "The Pentagon said about 7,000 soldiers had died. However, a general said he had "
        "low confidence in the figures."
    )
    [figure] = run(nlp, text)
    assert figure.value == 7000 and figure.hedge == "low confidence"
    [figure] = run(nlp, text.replace("had died", "may have died"))
    assert figure.hedge == "may have; low confidence"
    assert figure.source is not None and figure.source.name == "Pentagon"


def test_percent_ranges_pence_and_conversions(nlp: Language) -> None:
    found = run(nlp, "The firm expects a 2% to 3% rise in sales this year.")
    assert [(f.value, f.low, f.high, f.unit) for f in found] == [(None, 2, 3, "percent")]
    found = run(nlp, "Its shares closed up four pence at 274.5 pence.")
    assert [(f.value, f.unit) for f in found] == [(4, "pence"), (274.5, "pence")]
    found = run(nlp, "The group is worth £5.7bn ($10.7bn; 8.2bn euros), analysts say.")
    assert [(f.value, f.unit) for f in found] == [(5.7e9, "GBP")]
    # an ISO code of a smaller currency is a currency too, and its conversion is dropped
    found = run(nlp, "In all, MWK 6.2 billion (USD 3.5 million) was raised.")
    assert [(f.value, f.unit) for f in found] == [(6.2e9, "MWK")]


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        # shares in words: 'half of', 'by half', 'about half its'
        ("Roughly half of the responses came from Oakland.", [0.5]),
        ("Cooking fires fell by about half to 33.", [0.5, 33]),
        ("The party lost about half its support.", [0.5]),
        # a share restated in parentheses is two figures, not a conversion
        ("Nearly half (49%) of workers said so.", [0.5, 49]),
        # dozens count twelves
        ("About two dozen people moved and more than a dozen states agreed.", [24, 12]),
        ("Roughly half a dozen objects were seen.", [6]),
        # 'N times' counts occurrences or a multiple, not a period
        ("The tent caught fire three times.", [3]),
        # ... also right after a name (not 'Chapter 11'): 'administering Narcan 79 times'
        ("Medics reported administering Narcan 79 times in 2020.", [79]),
        # a hyphenated number with a unit of measure is a measure; its conversion is not
        ("The 8,849-metre (29,032ft) peak is the highest.", [8849]),
        ("The hospital has an eight-bed intensive care unit.", [8]),
        ("Polling showed a four-point drop.", [4]),
    ],
)
def test_real_figures_in_words_and_compounds(
    nlp: Language, sentence: str, values: list[float]
) -> None:
    assert [f.value for f in run(nlp, sentence)] == pytest.approx(values)
