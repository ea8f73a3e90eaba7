"""Who reports a figure and hedges across sentences, on hand-built Docs (no model)."""

from __future__ import annotations

from spacy.tokens import Doc
from test_figures import _VOCAB, figures, parsed, plain

from newsgraph.extract.records import Entity, Statement

MINISTRY = Entity(name="Ministry of Defence", kind="org")
HE = Entity(name="Scott Berrier", kind="person")


def _statement(doc: Doc, part: str, speaker: Entity) -> Statement:
    start = doc.text.index(part)
    return Statement(
        speaker=speaker,
        text=part,
        start=start,
        end=start + len(part),
        kind="indirect",
        sentence=part,
        sentence_start=start,
        sentence_end=start + len(part),
    )


LOW_CONFIDENCE = [
    ("The", 1, "det", "DET", "DT"),
    ("ministry", 2, "nsubj", "NOUN", "NN"),
    ("said", 2, "ROOT", "VERB", "VBD"),
    ("200", 4, "nummod", "NUM", "CD"),
    ("troops", 5, "nsubj", "NOUN", "NNS"),
    ("died", 2, "ccomp", "VERB", "VBD"),
    (".", 2, "punct", "PUNCT", "."),
    ("He", 8, "nsubj", "PRON", "PRP"),
    ("had", 8, "ROOT", "VERB", "VBD"),
    ("low", 10, "amod", "ADJ", "JJ"),
    ("confidence", 8, "dobj", "NOUN", "NN"),
    ("in", 10, "prep", "ADP", "IN"),
    ("the", 13, "det", "DET", "DT"),
    ("figures", 11, "pobj", "NOUN", "NNS"),
    (".", 8, "punct", "PUNCT", "."),
]


def test_a_hedge_on_the_figures_applies_to_the_sentence_before() -> None:
    doc = parsed(LOW_CONFIDENCE)
    statements = [
        _statement(doc, "200 troops died", MINISTRY),
        _statement(doc, "had low confidence in the figures", HE),
    ]
    [figure] = figures(doc, statements)
    assert (figure.value, figure.source) == (200, MINISTRY)
    assert figure.hedge == "low confidence"


def test_a_hedge_without_a_mention_of_the_figures_stays_in_its_sentence() -> None:
    rows = [
        *LOW_CONFIDENCE[:12],
        ("the", 13, "det", "DET", "DT"),
        ("plan", 11, "pobj", "NOUN", "NN"),
    ]
    [figure] = figures(parsed([*rows, (".", 8, "punct", "PUNCT", ".")]))
    assert figure.hedge is None


def test_added_reports_only_its_clause_not_its_object() -> None:
    moved = parsed(
        [
            ("Daiwa", 1, "nsubj", "PROPN", "NNP"),
            ("added", 1, "ROOT", "VERB", "VBD"),
            ("5.3", 3, "nummod", "NUM", "CD"),
            ("%", 1, "dobj", "NOUN", "NN"),
            (".", 1, "punct", "PUNCT", "."),
        ],
        ents=[(0, 1, "ORG")],
    )
    [figure] = figures(moved)
    assert figure.source is None and figure.attribution == "none"
    reported = parsed(
        [
            ("He", 1, "nsubj", "PRON", "PRP"),
            ("added", 1, "ROOT", "VERB", "VBD"),
            ("that", 4, "mark", "SCONJ", "IN"),
            ("sales", 4, "nsubj", "NOUN", "NNS"),
            ("fell", 1, "ccomp", "VERB", "VBD"),
            ("5", 6, "nummod", "NUM", "CD"),
            ("%", 4, "npadvmod", "NOUN", "NN"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    [figure] = figures(reported, he=HE)
    assert (figure.source, figure.attribution) == (HE, "explicit")


COMPANY = [
    ("Acme", 1, "nsubj", "PROPN", "NNP"),
    ("fell", 1, "ROOT", "VERB", "VBD"),
    (".", 1, "punct", "PUNCT", "."),
    ("The", 4, "det", "DET", "DT"),
    ("company", 5, "nsubj", "NOUN", "NN"),
    ("said", 5, "ROOT", "VERB", "VBD"),
    ("200", 7, "nummod", "NUM", "CD"),
    ("jobs", 8, "nsubj", "NOUN", "NNS"),
    ("went", 5, "ccomp", "VERB", "VBD"),
    (".", 5, "punct", "PUNCT", "."),
]


def test_the_company_is_the_company_named_before() -> None:
    [figure] = figures(parsed(COMPANY, ents=[(0, 1, "ORG")]))
    assert (figure.value, figure.source) == (200, Entity(name="Acme", kind="org"))
    assert figure.attribution == "explicit"


def test_the_company_with_no_company_named_before_is_no_source() -> None:
    [figure] = figures(parsed(COMPANY))
    assert figure.source is None


def test_a_quotation_running_on_takes_the_speaker_before() -> None:
    words = ["Acme", "said", "it", "was", "fine", ".", '"', "Sales", "fell", "5", "%", "."]
    spaces = [True] * 5 + [False, True, True, True, True, False, False]
    starts = [True] + [False] * 5 + [True] + [False] * 5
    doc = Doc(_VOCAB, words=words, spaces=spaces, sent_starts=starts)
    speaker = Entity(name="Acme", kind="org")
    [figure] = figures(doc, [_statement(doc, "it was fine", speaker)])
    assert (figure.value, figure.source, figure.attribution) == (5, speaker, "quote")


def test_every_conversion_in_the_parentheses_is_left_out() -> None:
    found = figures(plain("worth £5.7bn ( $10.7bn ; 8.2bn euros ) in all"))
    assert [(f.value, f.unit) for f in found] == [(5.7e9, "GBP")]


def test_one_after_a_preposition_is_not_a_figure() -> None:
    assert figures(plain("lost in the furore over one sentence")) == []


def test_a_reporting_verb_misread_as_a_noun_still_reports() -> None:
    """'Oskar estimates he saw 12 rescues' with 'estimates' tagged a plural noun: a word
    the parse gives a subject and a clause is a verb, not a document."""
    doc = parsed(
        [
            ("Oskar", 1, "nsubj", "PROPN", "NNP"),
            ("estimates", 1, "ROOT", "NOUN", "NNS"),
            ("he", 3, "nsubj", "PRON", "PRP"),
            ("saw", 1, "ccomp", "VERB", "VBD"),
            ("12", 5, "nummod", "NUM", "CD"),
            ("rescues", 3, "dobj", "NOUN", "NNS"),
            (".", 1, "punct", "PUNCT", "."),
        ],
        ents=[(0, 1, "PERSON")],
    )
    doc[1].lemma_ = "estimate"
    oskar = Entity(name="Oskar Lind", kind="person")
    [figure] = figures(doc, oskar=oskar)
    assert (figure.value, figure.source, figure.attribution) == (12, oskar, "explicit")
