"""Figure rules on hand-built spaCy Docs: no model, parses written out by hand."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc, Span

from newsgraph.extract.figures import extract_figures
from newsgraph.extract.records import Article, Entity, Figure, Statement

_VOCAB = English().vocab

Row = tuple[str, int, str, str, str]
"""word, head index, dep, coarse POS, fine tag (lemma = lowercased word unless in _LEMMAS)."""

_LEMMAS = {"conscripts": "conscript", "reported": "report", "said": "say", "are": "be",
           "were": "be", "been": "be", "have": "have", "troops": "troop", "died": "die",
           "prisoners": "prisoner", "months": "month", "voters": "voter", "identified":
           "identify", "killed": "kill", "figures": "figure", "added": "add", "had": "have",
           "fell": "fall", "went": "go", "jobs": "job"}  # fmt: skip


def parsed(rows: Sequence[Row], ents: Sequence[tuple[int, int, str]] = ()) -> Doc:
    """A parsed Doc; a row whose word ends in a space glues nothing, else tokens are spaced."""
    words = [r[0] for r in rows]
    spaces = [not w.isspace() and i + 1 < len(rows) for i, w in enumerate(words)]
    for i in range(len(words) - 1):
        if words[i + 1].isspace() or words[i + 1] in ("%", ",", ".", "'s"):
            spaces[i] = False
    iob = ["O"] * len(words)
    for start, end, label in ents:
        iob[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=[_LEMMAS.get(w.lower(), w.lower()) for w in words],
        ents=iob,
    )


def plain(text: str) -> Doc:
    """An unparsed Doc (one sentence, every token its own head) split on spaces."""
    words = text.split(" ")
    return Doc(_VOCAB, words=words, sent_starts=[True] + [False] * (len(words) - 1))


class FakeIndex:
    """Resolves mentions by their text without a leading 'the'."""

    def __init__(self, **names: Entity) -> None:
        self.names = {key.lower(): value for key, value in names.items()}

    def resolve(self, span: Span) -> Entity | None:
        text = span.text.lower().removeprefix("the ")
        return self.names.get(text.replace(" ", "_"))


def figures(doc: Doc, statements: Sequence[Statement] = (), **names: Entity) -> list[Figure]:
    article = Article(id="t", text=doc.text)
    return list(extract_figures(doc, article, statements, FakeIndex(**names)))


BBC = Entity(name="BBC", kind="org")
MINISTRY = Entity(name="Ministry of Defence", kind="org")

MISSING = [
    ("At", 1, "advmod", "ADV", "RB"),
    ("least", 2, "advmod", "ADJ", "JJS"),
    ("81", 3, "nummod", "NUM", "CD"),
    ("conscripts", 5, "nsubj", "NOUN", "NNS"),
    ("are", 5, "aux", "AUX", "VBP"),
    ("missing", 5, "ROOT", "VERB", "VBG"),
]


def test_bound_what_and_trailing_source() -> None:
    doc = parsed(
        [
            *MISSING,
            (",", 9, "punct", "PUNCT", ","),
            ("the", 8, "det", "DET", "DT"),
            ("BBC", 9, "nsubj", "PROPN", "NNP"),
            ("reported", 5, "conj", "VERB", "VBD"),
            (".", 5, "punct", "PUNCT", "."),
        ],
        ents=[(8, 9, "ORG")],
    )
    [figure] = figures(doc, bbc=BBC)
    assert (figure.value, figure.low, figure.high, figure.unit) == (81, 81, None, None)
    assert figure.qualifier == "At least"
    assert figure.what == "conscripts missing"
    assert figure.text == "At least 81 conscripts are missing"
    assert doc.text[figure.start : figure.end] == figure.text
    assert (figure.source, figure.attribution) == (BBC, "explicit")


def test_elliptical_number_borrows_the_noun_of_the_figure_before() -> None:
    doc = parsed(
        [
            *MISSING,
            ("and", 5, "cc", "CCONJ", "CC"),
            ("a", 9, "det", "DET", "DT"),
            ("further", 9, "amod", "ADJ", "JJ"),
            ("38", 12, "nsubjpass", "NUM", "CD"),
            ("have", 12, "aux", "AUX", "VBP"),
            ("been", 12, "auxpass", "AUX", "VBN"),
            ("identified", 5, "conj", "VERB", "VBN"),
            ("as", 12, "prep", "ADP", "IN"),
            ("prisoners", 13, "pobj", "NOUN", "NNS"),
            (".", 5, "punct", "PUNCT", "."),
        ]
    )
    first, second = figures(doc)
    assert first.what == "conscripts missing"
    assert (second.value, second.low, second.qualifier) == (38, None, "a further")
    assert second.what == "conscripts identified as prisoners"
    assert second.text == "a further 38 have been identified as prisoners"
    assert second.source is None and second.attribution == "none"


def test_according_to_percent_of() -> None:
    doc = parsed(
        [
            ("According", 9, "prep", "VERB", "VBG"),
            ("to", 0, "prep", "ADP", "IN"),
            ("the", 3, "det", "DET", "DT"),
            ("ONS", 1, "pobj", "PROPN", "NNP"),
            (",", 9, "punct", "PUNCT", ","),
            ("46", 6, "nummod", "NUM", "CD"),
            ("%", 9, "nsubj", "NOUN", "NN"),
            ("of", 6, "prep", "ADP", "IN"),
            ("voters", 7, "pobj", "NOUN", "NNS"),
            ("backed", 9, "ROOT", "VERB", "VBD"),
            ("it", 9, "dobj", "PRON", "PRP"),
            (".", 9, "punct", "PUNCT", "."),
        ],
        ents=[(2, 4, "ORG")],
    )
    [figure] = figures(doc)  # the index does not know the ONS: a named entity stands in
    # a share says of whom and what they did
    assert (figure.value, figure.unit, figure.what) == (46, "percent", "voters who backed it")
    assert figure.text == "46% of voters backed it"
    assert figure.source == Entity(name="ONS", kind="org")
    assert figure.attribution == "explicit"


HEADLINE_AND_BODY = [
    ("Around", 1, "quantmod", "ADP", "IN"),
    ("2,000", 2, "nummod", "NUM", "CD"),
    ("troops", 2, "ROOT", "NOUN", "NNS"),
    ("killed", 2, "acl", "VERB", "VBN"),
    ("\n\n", 3, "dep", "SPACE", "_SP"),
    ("The", 6, "det", "DET", "DT"),
    ("ministry", 7, "nsubj", "NOUN", "NN"),
    ("said", 7, "ROOT", "VERB", "VBD"),
    ("around", 9, "quantmod", "ADP", "IN"),
    ("2,000", 10, "nummod", "NUM", "CD"),
    ("troops", 13, "nsubj", "NOUN", "NNS"),
    ("may", 13, "aux", "AUX", "MD"),
    ("have", 13, "aux", "AUX", "VB"),
    ("died", 7, "ccomp", "VERB", "VBN"),
    (".", 7, "punct", "PUNCT", "."),
]


def test_headline_takes_the_source_of_the_same_number_in_the_body() -> None:
    headline, body = figures(parsed(HEADLINE_AND_BODY), ministry=MINISTRY)
    assert (body.source, body.attribution) == (MINISTRY, "explicit")
    assert body.hedge == "may have"
    assert body.what == "troops died"
    assert (headline.source, headline.attribution) == (MINISTRY, "context")
    assert headline.text == "Around 2,000 troops killed"
    assert headline.sentence == "Around 2,000 troops killed"
    assert headline.qualifier == "Around" and headline.low is None and headline.high is None


def test_figure_inside_a_statement_takes_its_speaker() -> None:
    doc = plain("Only four people were left alive out of a company .")
    speaker = Entity(name="Lyudmila Narusova", kind="person")
    statement = Statement(
        speaker=speaker,
        text=doc.text,
        start=0,
        end=len(doc.text),
        kind="direct",
        sentence=doc.text,
        sentence_start=0,
        sentence_end=len(doc.text),
    )
    [figure] = figures(doc, [statement])
    assert figure.value == 4
    assert (figure.source, figure.attribution) == (speaker, "quote")


@pytest.mark.parametrize(
    "text",
    [
        "He was aged 45 .",
        "a 22 - year - old man",
        "results for 2004 were weak",
        "within 12 months of the vote",
        "on 11 September they met",
        "a 2-1 decision",
        "call 0800 123 456 now",
        "one of the units",
        "the two nations",
        "at 1200 GMT",
        "a one-off gain",
        "the 21st century",
    ],
)
def test_not_figures(text: str) -> None:
    assert figures(plain(text)) == []


def test_name_numbers_are_not_figures() -> None:
    doc = Doc(
        _VOCAB,
        words=["shares", "in", "the", "FTSE", "100", "index"],
        pos=["NOUN", "ADP", "DET", "PROPN", "NUM", "NOUN"],
        sent_starts=[True, False, False, False, False, False],
    )
    assert figures(doc) == []


def test_conversion_in_parentheses_keeps_only_the_first_amount() -> None:
    found = figures(plain("profit rose 76% to $1.13bn (£600m) in the year"))
    assert [(f.value, f.unit) for f in found] == [(76, "percent"), (1.13e9, "USD")]


def test_ranges_and_bounds() -> None:
    found = figures(plain("between 5 and 7 jobs , nearly 2,000–4,000 troops , over £5.5bn"))
    assert [(f.value, f.low, f.high, f.unit) for f in found] == [
        (None, 5, 7, None),
        (None, 2000, 4000, None),
        (5.5e9, 5.5e9, None, "GBP"),
    ]
