"""Segmentation and tokenization repairs on hand-built Docs: no model needed."""

from __future__ import annotations

import spacy
from spacy.lang.en import English
from spacy.tokens import Doc

from newsgraph.extract.paragraphs import add_line_breaks, join_hyphenated_names


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


def test_an_abbreviated_title_before_a_name_keeps_its_full_stop() -> None:
    """ "police Det. Samuel Dukes testified": the tokenizer would split the full stop off
    "Det." and the parser end the sentence there, cutting the cue from its statement."""
    nlp = add_line_breaks(spacy.blank("en"))
    words = [t.text for t in nlp("Jackson police Det. Samuel Dukes and Sgt. Ann Roe said so.")]
    assert "Det." in words and "Sgt." in words
    assert words[-2:] == ["so", "."]  # a sentence's own full stop is still split off
