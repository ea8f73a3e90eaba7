"""Segmentation and tokenization repairs on hand-built Docs: no model needed."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from newsgraph.extract.paragraphs import join_hyphenated_names


def _doc(words: list[str], spaces: list[bool], ents: list[str]) -> Doc:
    return Doc(English().vocab, words=words, spaces=spaces, ents=ents)


def test_a_hyphenated_given_name_is_one_proper_noun_inside_the_persons_name() -> None:
    """ "Kim Min-seok said": the tokenizer splits "Min-seok" and the model tags only "Kim
    Min"; joined, the person's name is whole and ends in a proper noun."""
    doc = _doc(
        ["Kim", "Min", "-", "seok", "said", "so", "."],
        [True, False, False, True, True, False, False],
        ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"],
    )
    join_hyphenated_names(doc)
    assert [t.text for t in doc] == ["Kim", "Min-seok", "said", "so", "."]
    assert doc[1].pos_ == "PROPN" and doc[1].tag_ == "NNP"
    assert [(e.text, e.label_) for e in doc.ents] == [("Kim Min-seok", "PERSON")]
    assert doc.text == "Kim Min-seok said so."


def test_hyphenated_words_outside_a_persons_name_stay_apart() -> None:
    """ "the Israel-Hamas war" (places) and "then-Prime Minister" (a lower-case first word)
    are no names of a person; a hyphen with a space ("Kim - and") joins nothing."""
    doc = _doc(
        ["the", "Israel", "-", "Hamas", "war", "then", "-", "Prime", "Minister", "Kim", "-",
         "and"],
        [True, False, False, True, True, False, False, True, True, True, True, False],
        ["O", "B-GPE", "O", "B-ORG", "O", "O", "O", "O", "O", "B-PERSON", "O", "O"],
    )  # fmt: skip
    join_hyphenated_names(doc)
    assert len(doc) == 12
