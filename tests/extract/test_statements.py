"""Quotation marks and statement rules on hand-built Docs: no model needed."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.extract.cues import according_to, document_owner, is_acronym, subject_of
from newsgraph.extract.entities import build_entities
from newsgraph.extract.quotes import find_quotes
from newsgraph.extract.records import Article
from newsgraph.extract.statements import extract_statements, is_cue, looks_like_title


def _texts(text: str) -> list[str]:
    quotes, _ = find_quotes(text)
    return [text[q.start : q.end] for q in quotes]


def test_straight_and_curly_marks_pair() -> None:
    assert _texts('"A," he said. “B.”') == ["A,", "B."]


def test_mixed_marks_and_nested_curly_quote() -> None:
    text = '"Unfortunately there were cases” with units but that “almost all” left," added X.'
    quotes, strays = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [
        "Unfortunately there were cases",
        "almost all",
    ]
    assert [text[s.mark] for s in strays] == ['"']


def test_curly_quote_nested_in_straight_quote_stays_inside() -> None:
    assert _texts('He said: "we saw “almost all” of them."') == ["we saw “almost all” of them."]


def test_apostrophes_are_not_quotes() -> None:
    assert _texts("The conscripts' mothers and Americans’ views, “he said.”") == ["he said."]


def test_single_marks_quote_only_where_no_apostrophe_can_stand() -> None:
    """Single marks as the primary quotation marks open before a capital after a space or
    a paragraph start, and close right after closing punctuation; apostrophes in "it's",
    "voters' views", "rock 'n' roll" and "the '90s" open and close nothing. A double-quoted
    stretch inside a single-quoted one is nested in it."""
    text = "'It's not about me,' the CEO claimed. 'When they said, \"Go,\" I went.'"
    assert _texts(text) == ["It's not about me,", 'When they said, "Go," I went.']
    assert _texts("The voters' views on rock 'n' roll in the '90s, he said.") == []
    assert _texts("It was a ‘grave moment’ for Europe.") == []


def test_unclosed_quote_closes_at_paragraph_end() -> None:
    text = "He said: “First part of it.\n“Second part.”"
    assert _texts(text) == ["First part of it.", "Second part."]
    quotes, _ = find_quotes(text)
    assert quotes[0].close_mark is None


WORDS = ["Igor", "Konashenkov", "said", "that", "troops", "had", "left", "."]
HEADS = [1, 2, 2, 6, 6, 6, 2, 2]
DEPS = ["compound", "nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"]
POS = ["PROPN", "PROPN", "VERB", "SCONJ", "NOUN", "AUX", "VERB", "PUNCT"]
TAGS = ["NNP", "NNP", "VBD", "IN", "NNS", "VBD", "VBN", "."]
LEMMAS = ["Igor", "Konashenkov", "say", "that", "troop", "have", "leave", "."]


def _doc(words=WORDS, heads=HEADS, deps=DEPS, pos=POS, tags=TAGS, lemmas=LEMMAS, ents=None):
    return Doc(
        Vocab(),
        words=words,
        spaces=[True] * (len(words) - 2) + [False, False],
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas,
        ents=ents or ["B-PERSON", "I-PERSON"] + ["O"] * (len(words) - 2),
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def test_reported_speech_drops_complementizer() -> None:
    doc = _doc()
    article = Article(id="t", text=doc.text, published=dt.date(2022, 3, 10))
    [statement] = extract_statements(doc, article, build_entities(doc))
    assert statement.text == "troops had left"
    assert article.text[statement.start : statement.end] == statement.text
    assert statement.kind == "indirect"
    assert statement.speaker.name == "Igor Konashenkov"
    assert statement.cue == "said"
    assert statement.date is None
    assert statement.date_basis == "publication"


def test_an_unnamed_speaker_is_kept_typed_as_a_group_and_pinned_on_no_one() -> None:
    words = ["Officials", "said", "that", "troops", "had", "left", "."]
    doc = _doc(
        words=words,
        heads=[1, 1, 5, 5, 5, 1, 1],
        deps=["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"],
        pos=["NOUN", "VERB", "SCONJ", "NOUN", "AUX", "VERB", "PUNCT"],
        tags=["NNS", "VBD", "IN", "NNS", "VBD", "VBN", "."],
        lemmas=["official", "say", "that", "troop", "have", "leave", "."],
        ents=["O"] * 7,
    )
    article = Article(id="t", text=doc.text, published=dt.date(2022, 3, 10))
    (statement,) = extract_statements(doc, article, build_entities(doc))
    assert (statement.speaker.name, statement.speaker.kind) == ("Officials", "unnamed-group")
    assert statement.speaker.source_type == "unnamed-group"
    assert statement.text == "troops had left"


def test_negated_cue_is_not_a_cue() -> None:
    words = ["He", "did", "not", "say", "it", "."]
    doc = _doc(
        words=words,
        heads=[3, 3, 3, 3, 3, 3],
        deps=["nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
        pos=["PRON", "AUX", "PART", "VERB", "PRON", "PUNCT"],
        tags=["PRP", "VBD", "RB", "VB", "PRP", "."],
        lemmas=["he", "do", "not", "say", "it", "."],
        ents=["O"] * 6,
    )
    assert not is_cue(doc[3])


@pytest.mark.parametrize("lemma", ["say", "tell", "admit", "insist", "warn", "accept"])
def test_speech_lemmas_are_cues(lemma: str) -> None:
    doc = _doc(lemmas=LEMMAS[:2] + [lemma] + LEMMAS[3:])
    assert is_cue(doc[2])


def test_two_apostrophes_are_a_double_mark() -> None:
    text = "''We will win,'' he said. It's ''fine.''"
    quotes, strays = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["We will win,", "fine."]
    assert [q.after for q in quotes] == [16, len(text)]
    assert strays == []


def test_single_apostrophes_stay_apostrophes() -> None:
    assert _texts("Voters' choice and Obama's plan, 'he said'") == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Meet the Press.", True),
        ("State of the Union", True),
        ("We are not terrorists.", False),
        ("I Agree", False),
        ("Honestly", False),
        ("Big time.", False),
    ],
)
def test_titles_of_shows_are_told_from_speech(text: str, title: bool) -> None:
    assert looks_like_title(text) is title


def test_relative_pronoun_speaker_is_its_antecedent() -> None:
    words = ["Sanders", ",", "who", "said", "that", "taxes", "will", "rise", ",", "won", "."]
    doc = Doc(
        Vocab(),
        words=words,
        spaces=[False, True, True, True, True, True, True, False, True, False, False],
        heads=[9, 0, 3, 0, 7, 7, 7, 3, 0, 9, 9],
        deps=["nsubj", "punct", "nsubj", "relcl", "mark", "nsubj", "aux", "ccomp", "punct",
              "ROOT", "punct"],
        pos=["PROPN", "PUNCT", "PRON", "VERB", "SCONJ", "NOUN", "AUX", "VERB", "PUNCT", "VERB",
             "PUNCT"],
        tags=["NNP", ",", "WP", "VBD", "IN", "NNS", "MD", "VB", ",", "VBD", "."],
        lemmas=["Sanders", ",", "who", "say", "that", "tax", "will", "rise", ",", "win", "."],
        ents=["B-PERSON"] + ["O"] * 10,
        sent_starts=[True] + [False] * 10,
    )  # fmt: skip
    assert subject_of(doc[3]) == doc[0]
    article = Article(id="t", text=doc.text, published=dt.date(2022, 3, 10))
    [statement] = extract_statements(doc, article, build_entities(doc))
    assert (statement.speaker.name, statement.text) == ("Sanders", "taxes will rise")


def test_according_to_a_named_poll_gives_the_poll_and_its_owner() -> None:
    words = ["According", "to", "a", "Gallup", "poll", ",", "voters", "are", "angry", "."]
    doc = Doc(
        Vocab(),
        words=words,
        spaces=[True, True, True, True, False, True, True, True, False, False],
        heads=[7, 0, 4, 4, 1, 7, 7, 7, 7, 7],
        deps=["prep", "prep", "det", "compound", "pobj", "punct", "nsubj", "ROOT", "acomp",
              "punct"],
        pos=["VERB", "ADP", "DET", "PROPN", "NOUN", "PUNCT", "NOUN", "AUX", "ADJ", "PUNCT"],
        tags=["VBG", "IN", "DT", "NNP", "NN", ",", "NNS", "VBP", "JJ", "."],
        lemmas=["accord", "to", "a", "Gallup", "poll", ",", "voter", "be", "angry", "."],
        ents=["O", "O", "O", "B-ORG", "O", "O", "O", "O", "O", "O"],
        sent_starts=[True] + [False] * 9,
    )  # fmt: skip
    source, tokens = according_to(doc[0])
    assert source.text == "poll"  # the document is the source, Gallup its owner
    assert [t.text for t in tokens if t.pos_ != "PUNCT"] == ["voters", "are", "angry"]
    assert document_owner(doc[4]) == doc[3]


def test_a_short_line_without_a_closing_mark_is_a_headline_not_reporting() -> None:
    """Related-story links and captions in the body ("Converse pauses ads, Bloomberg
    News reports") end without a full stop; a paragraph of reporting ends with one."""
    from newsgraph.extract.statements import _in_headline_line

    text = (
        "The mayor spoke on Monday.\n"
        "Converse pauses ads after uproar, Bloomberg News reports\n"
        "The council said it would vote, officials said.\n"
        "“We will vote,” she said”\n"
    )
    assert _in_headline_line(text, text.index("Bloomberg"))
    assert not _in_headline_line(text, text.index("council"))
    assert not _in_headline_line(text, text.index("We will"))


def _statement_texts(doc: Doc) -> list[tuple[str, str]]:
    article = Article(id="t", text=doc.text, published=None)
    return [(s.speaker.name, s.text) for s in extract_statements(doc, article, build_entities(doc))]


def test_a_that_clause_hung_on_a_time_noun_is_the_cue_content() -> None:
    """ "Doctors warned for decades that care was poor": the parser hangs the clause on
    "decades"; it is still what was warned."""
    words = ["Doctors", "warned", "for", "decades", "that", "care", "was", "poor", "."]
    doc = _doc(
        words=words,
        heads=[1, 1, 1, 2, 6, 6, 3, 6, 1],
        deps=["nsubj", "ROOT", "prep", "pobj", "mark", "nsubj", "acl", "acomp", "punct"],
        pos=["NOUN", "VERB", "ADP", "NOUN", "SCONJ", "NOUN", "AUX", "ADJ", "PUNCT"],
        tags=["NNS", "VBD", "IN", "NNS", "IN", "NN", "VBD", "JJ", "."],
        lemmas=["doctor", "warn", "for", "decade", "that", "care", "be", "poor", "."],
        ents=["O", "O", "O", "B-DATE", "O", "O", "O", "O", "O"],
    )
    assert _statement_texts(doc) == [("Doctors", "care was poor")]


def _fronted_doc(first: str) -> Doc:
    """ "<first> rate rose in May, the Bankers Association reported last week.", parsed as
    the small model does: "rose" a modifier, "rate" a second subject of "reported"."""
    words = [first, "rate", "rose", "in", "May", ",", "the", "Bankers", "Association",
             "reported", "last", "week", "."]  # fmt: skip
    return _doc(
        words=words,
        heads=[1, 9, 1, 2, 3, 9, 8, 8, 9, 9, 11, 9, 9],
        deps=[
            "det",
            "nsubj",
            "acl",
            "prep",
            "pobj",
            "punct",
            "det",
            "compound",
            "nsubj",
            "ROOT",
            "amod",
            "npadvmod",
            "punct",
        ],  # fmt: skip
        pos=[
            "DET",
            "NOUN",
            "VERB",
            "ADP",
            "PROPN",
            "PUNCT",
            "DET",
            "PROPN",
            "PROPN",
            "VERB",
            "ADJ",
            "NOUN",
            "PUNCT",
        ],  # fmt: skip
        tags=["DT", "NN", "VBD", "IN", "NNP", ",", "DT", "NNP", "NNP", "VBD", "JJ", "NN", "."],
        lemmas=[
            first.lower(),
            "rate",
            "rise",
            "in",
            "May",
            ",",
            "the",
            "Bankers",
            "Association",
            "report",
            "last",
            "week",
            ".",
        ],  # fmt: skip
        ents=["O"] * 6 + ["O", "B-ORG", "I-ORG"] + ["O"] * 4,
    )


def test_a_clause_before_a_closing_cue_is_its_content_even_when_misparsed() -> None:
    """ "The rate rose in May, the Bankers Association reported last week." reports the
    clause before the comma; "When rates rose, X reported" has no content clause."""
    assert _statement_texts(_fronted_doc("The")) == [
        ("Bankers Association", "The rate rose in May")
    ]
    assert _statement_texts(_fronted_doc("When")) == []


@pytest.mark.parametrize(("verb", "lemma", "owner"), [("provided", "provide", "Reuters"),
                                                     ("seen", "see", None)])  # fmt: skip
def test_a_participle_agent_owns_a_document_only_when_it_made_it(verb, lemma, owner) -> None:
    """ "data provided by Reuters" is Reuters' data; "an email seen by Reuters" is not
    Reuters' email (a holder, not the author)."""
    doc = Doc(
        Vocab(),
        words=["an", "email", verb, "by", "Reuters"],
        heads=[1, 1, 1, 2, 3],
        deps=["det", "ROOT", "acl", "agent", "pobj"],
        pos=["DET", "NOUN", "VERB", "ADP", "PROPN"],
        tags=["DT", "NN", "VBN", "IN", "NNP"],
        lemmas=["an", "email", lemma, "by", "Reuters"],
    )
    found = document_owner(doc[1])
    assert (found.text if found is not None else None) == owner


def test_a_that_clause_of_the_statement_the_cue_names_is_its_content() -> None:
    """ "Smith wrote in an opinion that votes ran afoul": the parser hangs the clause on
    "opinion"; it is what Smith wrote. ("Smith told lies that hurt" is no such clause.)"""
    words = ["Smith", "wrote", "in", "an", "opinion", "that", "votes", "ran", "afoul", "."]
    doc = _doc(
        words=words,
        heads=[1, 1, 1, 4, 2, 7, 7, 4, 7, 1],
        deps=["nsubj", "ROOT", "prep", "det", "pobj", "mark", "nsubj", "acl", "advmod", "punct"],
        pos=["PROPN", "VERB", "ADP", "DET", "NOUN", "SCONJ", "NOUN", "VERB", "ADV", "PUNCT"],
        tags=["NNP", "VBD", "IN", "DT", "NN", "IN", "NNS", "VBD", "RB", "."],
        lemmas=["Smith", "write", "in", "an", "opinion", "that", "vote", "run", "afoul", "."],
        ents=["B-PERSON"] + ["O"] * 9,
    )
    assert _statement_texts(doc) == [("Smith", "votes ran afoul")]


@pytest.mark.parametrize(("obj", "dep", "cue"), [("that", "ccomp", True), ("photo", "dobj", False)])
def test_shared_reports_speech_only_with_a_clause(obj, dep, cue) -> None:
    """ "Residents shared that they went hungry" reports speech; "shared a photo" does not."""
    words = ["Residents", "shared", obj, "."]
    doc = _doc(
        words=words,
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", dep, "punct"],
        pos=["NOUN", "VERB", "VERB" if dep == "ccomp" else "NOUN", "PUNCT"],
        tags=["NNS", "VBD", "VBD" if dep == "ccomp" else "NN", "."],
        lemmas=["resident", "share", obj, "."],
        ents=["O"] * 4,
    )
    assert is_cue(doc[1]) is cue


def test_research_out_of_an_institution_is_its_research() -> None:
    """ "research out of Sonoma State" is Sonoma State's: "out of" names where it comes from."""
    doc = Doc(
        Vocab(),
        words=["research", "out", "of", "Sonoma", "State"],
        heads=[0, 0, 1, 4, 2],
        deps=["ROOT", "prep", "prep", "compound", "pobj"],
        pos=["NOUN", "ADP", "ADP", "PROPN", "PROPN"],
    )
    found = document_owner(doc[0])
    assert found is not None and found.text == "State"


def test_a_closing_cue_joined_by_a_comma_alone_attributes_the_clause_before() -> None:
    """ "Sales fell sharply in May, the survey found." parsed as two coordinated clauses: a
    comma alone does not coordinate, so the clause before is what the survey found; with
    "and" ("..., and the survey found.") it is no content."""

    def doc(conjunction: bool) -> Doc:
        words = ["Sales", "fell", "sharply", "in", "May", ","] + (["and"] if conjunction else [])
        words += ["the", "survey", "found", "."]
        n = len(words)
        cue = n - 2
        heads = [1, 1, 1, 1, 3, 1] + ([1] if conjunction else []) + [cue - 1, cue, 1, 1]
        deps = ["nsubj", "ROOT", "advmod", "prep", "pobj", "punct"]
        deps += (["cc"] if conjunction else []) + ["det", "nsubj", "conj", "punct"]
        pos = ["NOUN", "VERB", "ADV", "ADP", "PROPN", "PUNCT"] + (["CCONJ"] if conjunction else [])
        pos += ["DET", "NOUN", "VERB", "PUNCT"]
        tags = ["NNS", "VBD", "RB", "IN", "NNP", ","] + (["CC"] if conjunction else [])
        tags += ["DT", "NN", "VBD", "."]
        lemmas = ["sale", "fall", "sharply", "in", "May", ","] + (["and"] if conjunction else [])
        lemmas += ["the", "survey", "find", "."]
        return _doc(words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
                    ents=["O"] * n)  # fmt: skip

    assert [text for _, text in _statement_texts(doc(False))] == ["Sales fell sharply in May"]
    assert _statement_texts(doc(True)) == []


def test_a_relative_clause_cue_reports_the_words_after_it() -> None:
    """ "a service that organizers said would unite the city": the relative pronoun was
    moved out of what organizers said; the statement is the words after the cue."""
    words = ["They", "held", "a", "service", "that", "organizers", "said", "would", "unite",
             "the", "city", "."]  # fmt: skip
    doc = _doc(
        words=words,
        heads=[1, 1, 3, 1, 8, 6, 3, 8, 6, 10, 8, 1],
        deps=[
            "nsubj",
            "ROOT",
            "det",
            "dobj",
            "nsubj",
            "nsubj",
            "relcl",
            "aux",
            "ccomp",
            "det",
            "dobj",
            "punct",
        ],  # fmt: skip
        pos=[
            "PRON",
            "VERB",
            "DET",
            "NOUN",
            "PRON",
            "NOUN",
            "VERB",
            "AUX",
            "VERB",
            "DET",
            "NOUN",
            "PUNCT",
        ],  # fmt: skip
        tags=["PRP", "VBD", "DT", "NN", "WDT", "NNS", "VBD", "MD", "VB", "DT", "NN", "."],
        lemmas=[
            "they",
            "hold",
            "a",
            "service",
            "that",
            "organizer",
            "say",
            "would",
            "unite",
            "the",
            "city",
            ".",
        ],  # fmt: skip
        ents=["O"] * 12,
    )
    assert _statement_texts(doc) == [("organizers", "would unite the city")]


@pytest.mark.parametrize(
    ("words", "index", "acronym"),
    [
        (["The", "risk", "is", "low", ",", "WHO", "said", "."], 5, True),
        (["WHO", "said", "it", "."], 0, True),
        (["a", "man", "who", "said", "it", "."], 2, False),
        (["WHO", "ARE", "THEY", "?"], 0, False),
        (["WHO", "ARE", "THEY", "?"], 1, False),
    ],
)
def test_a_word_in_capitals_after_lower_case_is_an_acronym_not_a_pronoun(words, index, acronym):
    """ "..., WHO said" is the World Health Organization: the pronoun is written in
    capitals only in a line of capitals ("WHO ARE THEY?")."""
    doc = Doc(Vocab(), words=words)
    assert is_acronym(doc[index]) is acronym


def _coordinated_doc(conjunction: str) -> Doc:
    """ "Acme {and|or} Zenith said that prices rose sharply ."."""
    return _doc(
        words=["Acme", conjunction, "Zenith", "said", "that", "prices", "rose", "sharply", "."],
        heads=[3, 0, 0, 3, 6, 6, 3, 6, 3],
        deps=["nsubj", "cc", "conj", "ROOT", "mark", "nsubj", "ccomp", "advmod", "punct"],
        pos=["PROPN", "CCONJ", "PROPN", "VERB", "SCONJ", "NOUN", "VERB", "ADV", "PUNCT"],
        tags=["NNP", "CC", "NNP", "VBD", "IN", "NNS", "VBD", "RB", "."],
        lemmas=["Acme", conjunction, "Zenith", "say", "that", "price", "rise", "sharply", "."],
        ents=["B-ORG", "O", "B-ORG", "O", "O", "O", "O", "O", "O"],
    )


@pytest.mark.parametrize(("conjunction", "co_speakers"), [("and", ["Zenith"]), ("or", [])])
def test_each_speaker_of_a_coordinated_subject_said_it(conjunction, co_speakers) -> None:
    """ "Acme and Zenith said that prices rose": each conjunct is an agent of "said", so
    Zenith is a speaker beside Acme; "Acme or Zenith said" names neither for sure."""
    doc = _coordinated_doc(conjunction)
    article = Article(id="t", text=doc.text, published=None)
    found = list(extract_statements(doc, article, build_entities(doc)))
    assert [(s.speaker.name, s.text) for s in found] == [("Acme", "prices rose sharply")]
    assert [e.name for e in found[0].co_speakers] == co_speakers


def test_bare_roles_coordinated_with_a_name_describe_that_one_person() -> None:
    """ "Activist and attorney Jane Doe said that prices rose sharply": roles without an article
    are titles of the one person named, not a second speaker."""
    doc = _doc(
        words=[
            "Activist",
            "and",
            "attorney",
            "Jane",
            "Doe",
            "said",
            "that",
            "prices",
            "rose",
            "sharply",
            ".",
        ],  # fmt: skip
        heads=[5, 0, 4, 4, 0, 5, 8, 8, 5, 8, 5],
        deps=[
            "nsubj",
            "cc",
            "compound",
            "compound",
            "conj",
            "ROOT",
            "mark",
            "nsubj",
            "ccomp",
            "advmod",
            "punct",
        ],  # fmt: skip
        pos=[
            "NOUN",
            "CCONJ",
            "NOUN",
            "PROPN",
            "PROPN",
            "VERB",
            "SCONJ",
            "NOUN",
            "VERB",
            "ADV",
            "PUNCT",
        ],  # fmt: skip
        tags=["NN", "CC", "NN", "NNP", "NNP", "VBD", "IN", "NNS", "VBD", "RB", "."],
        lemmas=[
            "activist",
            "and",
            "attorney",
            "Jane",
            "Doe",
            "say",
            "that",
            "price",
            "rise",
            "sharply",
            ".",
        ],  # fmt: skip
        ents=["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"],
    )
    article = Article(id="t", text=doc.text, published=None)
    found = list(extract_statements(doc, article, build_entities(doc)))
    assert [(s.speaker.name, s.co_speakers) for s in found] == [("Jane Doe", ())]


def _poll_doc(subject: str, tag: str, det: bool) -> Doc:
    """ "A Gallup poll was released. <subject> showed that voters are angry." """
    first = ["A", "Gallup", "poll", "was", "released", "."]
    second = (["The"] if det else []) + [subject, "showed", "that", "voters", "are", "angry", "."]
    n, s = len(first), 1 if det else 0
    heads = (
        [2, 2, 4, 4, 4, 4]
        + ([n + 1] if det else [])
        + [n + s + 1, n + s + 1, n + s + 4, n + s + 4, n + s + 1, n + s + 4, n + s + 1]
    )
    return Doc(
        English().vocab,  # with English lexical attributes ("The".lower_)
        words=first + second,
        spaces=[True, True, True, True, False, True] + [True] * (len(second) - 2) + [False, False],
        heads=heads,
        deps=["det", "compound", "nsubjpass", "auxpass", "ROOT", "punct"]
        + (["det"] if det else [])
        + ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "acomp", "punct"],
        pos=["DET", "PROPN", "NOUN", "AUX", "VERB", "PUNCT"]
        + (["DET"] if det else [])
        + ["NOUN", "VERB", "SCONJ", "NOUN", "AUX", "ADJ", "PUNCT"],
        tags=["DT", "NNP", "NN", "VBD", "VBN", "."]
        + (["DT"] if det else [])
        + [tag, "VBD", "IN", "NNS", "VBP", "JJ", "."],
        lemmas=["a", "Gallup", "poll", "be", "release", "."]
        + (["the"] if det else [])
        + ["poll", "show", "that", "voter", "be", "angry", "."],
        ents=["O", "B-ORG"] + ["O"] * (len(first) + len(second) - 2),
        sent_starts=[True] + [False] * (n - 1) + [True] + [False] * (len(second) - 1),
    )


def test_the_poll_is_the_poll_named_before_with_its_publisher() -> None:
    """ "The poll showed ..." refers to the poll the article named before ("a Gallup
    poll"): the statement is Gallup's, as the figures in its words are."""
    doc = _poll_doc("poll", "NN", det=True)
    article = Article(id="t", text=doc.text, published=None)
    [statement] = extract_statements(doc, article, build_entities(doc))
    assert statement.text == "voters are angry"
    assert (statement.speaker.name, statement.speaker.kind) == ("poll", "document")
    assert statement.speaker.source_name == "Gallup"
    assert statement.speaker.source_type == "named-organization"


def test_polls_in_general_are_no_poll_named_before() -> None:
    """ "Polls showed ..." (a plural with no determiner) speaks of polls in general, not
    of the Gallup poll named before: a document with no publisher."""
    doc = _poll_doc("Polls", "NNS", det=False)
    article = Article(id="t", text=doc.text, published=None)
    [statement] = extract_statements(doc, article, build_entities(doc))
    assert statement.speaker.kind == "document"
    assert statement.speaker.affiliation is None
    assert statement.speaker.source_type == "document"


@pytest.mark.parametrize(
    ("words", "cue"),
    [
        (["All", "told", ",", "people", "were", "hurt", "."], False),  # "in total"
        (["All", "told", "reporters", "people", "were", "hurt", "."], True),
    ],
)
def test_all_told_in_total_is_no_one_speaking(words: list[str], cue: bool) -> None:
    """The idiom "all told" (in total) is no cue, however the parser reads it; "all told
    reporters that ..." is one (the parser's worst reading: the clause as told's)."""
    doc = Doc(
        English().vocab,
        words=words,
        heads=[1, 1, 1 if words[2] != "," else 5, 5, 5, 1, 1],
        deps=["nsubj", "ROOT", "dobj" if words[2] != "," else "punct", "nsubjpass", "auxpass",
              "ccomp", "punct"],
        pos=["PRON", "VERB", "NOUN" if words[2] != "," else "PUNCT", "NOUN", "AUX", "VERB",
             "PUNCT"],
        lemmas=["all", "tell", words[2], "people", "be", "hurt", "."],
    )  # fmt: skip
    assert is_cue(doc[1]) is cue


@pytest.mark.parametrize(("noun", "tag", "speaker"), [("outbreak", "NN", 0), ("rebels", "NNS", 3)])
def test_a_verb_of_saying_hung_on_a_clause_takes_a_subject_that_agrees(noun, tag, speaker) -> None:
    """ "Officials believe the outbreak started and say they left": "say" hung on "started"
    cannot have "the outbreak" as subject (a present verb agrees in number), so the
    officials say it; "the rebels started and say" keeps the rebels."""
    words = ["Officials", "believe", "the", noun, "started", "and", "say", "they", "left", "."]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 1, 3, 4, 1, 4, 4, 8, 6, 1],
        deps=["nsubj", "ROOT", "det", "nsubj", "ccomp", "cc", "conj", "nsubj", "ccomp", "punct"],
        pos=["NOUN", "VERB", "DET", "NOUN", "VERB", "CCONJ", "VERB", "PRON", "VERB", "PUNCT"],
        tags=["NNS", "VBP", "DT", tag, "VBD", "CC", "VB", "PRP", "VBD", "."],
        lemmas=["official", "believe", "the", noun, "start", "and", "say", "they", "leave", "."],
    )
    assert subject_of(doc[6]) == doc[speaker]


def test_a_plural_proper_noun_that_speaks_is_a_people_not_a_person() -> None:
    """ "Black Minnesotans say ...": a plural proper noun names a people, an unnamed
    group, never one person the model forgot to tag."""
    words = ["Black", "Minnesotans", "say", "they", "left", "the", "city", "."]
    doc = Doc(
        English().vocab,
        words=words,
        heads=[1, 2, 2, 4, 2, 6, 4, 2],
        deps=["amod", "nsubj", "ROOT", "nsubj", "ccomp", "det", "dobj", "punct"],
        pos=["ADJ", "PROPN", "VERB", "PRON", "VERB", "DET", "NOUN", "PUNCT"],
        tags=["JJ", "NNPS", "VBP", "PRP", "VBD", "DT", "NN", "."],
        lemmas=["black", "Minnesotans", "say", "they", "leave", "the", "city", "."],
        ents=["B-NORP", "I-NORP", "O", "O", "O", "O", "O", "O"],
    )
    article = Article(id="t", text=doc.text, published=None)
    [statement] = extract_statements(doc, article, build_entities(doc))
    assert statement.speaker.kind == "unnamed-group"
    assert statement.speaker.name == "Black Minnesotans"


@pytest.mark.parametrize(
    ("comma", "source"),
    [(True, "data"), (False, None)],
)
def test_a_closing_per_sources_its_sentence_however_it_is_hung(comma: bool, source) -> None:
    """ "..., per data from TDCJ" closes the sentence it sources even when the parser hangs
    it on a noun; without the comma "per" is a rate ("fees per data request")."""
    words = (
        ["Prices", "rose", "in", "the", "city"]
        + ([","] if comma else [])
        + ["per", "data", "from", "TDCJ", "."]
    )
    c = 1 if comma else 0
    doc = Doc(
        English().vocab,
        words=words,
        heads=[1, 1, 1, 4, 2] + ([4] if comma else []) + [4, 5 + c, 6 + c, 7 + c, 1],
        deps=["nsubj", "ROOT", "prep", "det", "pobj"] + (["punct"] if comma else [])
        + ["prep", "pobj", "prep", "pobj", "punct"],
        pos=["NOUN", "VERB", "ADP", "DET", "NOUN"] + (["PUNCT"] if comma else [])
        + ["ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
        lemmas=["price", "rise", "in", "the", "city"] + ([","] if comma else [])
        + ["per", "datum", "from", "TDCJ", "."],
        ents=["O"] * (8 + c) + ["B-ORG", "O"],
    )  # fmt: skip
    found = according_to(doc[5 + c])
    assert (found[0].text if found else None) == source
    if found:
        assert [t.text for t in found[1] if not t.is_punct] == words[:5]


def test_a_closing_cue_hung_as_a_relative_clause_attributes_the_clause_before() -> None:
    """ "Troops have broad freedom, officials have said." with "said" hung on "freedom" as
    a relative clause: with no relative pronoun and set off by a comma, a subject and a
    verb of saying close the sentence and attribute the clause before; a true relative
    clause (", which officials have described") attributes nothing."""

    def doc(relative: bool) -> Doc:
        words = ["Troops", "have", "broad", "freedom", ","] + (["which"] if relative else [])
        words += ["officials", "have", "said" if not relative else "described", "."]
        n = len(words)
        cue = n - 2
        heads = [1, 1, 3, 1, 3] + ([cue] if relative else []) + [cue, cue, 3, 1]
        deps = ["nsubj", "ROOT", "amod", "dobj", "punct"] + (["dobj"] if relative else [])
        deps += ["nsubj", "aux", "relcl", "punct"]
        pos = ["NOUN", "VERB", "ADJ", "NOUN", "PUNCT"] + (["PRON"] if relative else [])
        pos += ["NOUN", "AUX", "VERB", "PUNCT"]
        tags = ["NNS", "VBP", "JJ", "NN", ","] + (["WDT"] if relative else [])
        tags += ["NNS", "VBP", "VBN", "."]
        lemmas = ["troop", "have", "broad", "freedom", ","] + (["which"] if relative else [])
        lemmas += ["official", "have", "say" if not relative else "describe", "."]
        return _doc(words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
                    ents=["O"] * n)  # fmt: skip

    assert _statement_texts(doc(False)) == [("officials", "Troops have broad freedom")]
    assert _statement_texts(doc(True)) == []


def test_a_name_with_an_appositive_before_a_subjectless_cue_is_its_speaker() -> None:
    """ "Ann Lee, an adviser focused on Korea, said prices rose" parsed with "Lee" the
    subject of "focused" and "focused" a clause of "said": a name set off by an
    appositive and a comma before the cue is the one speaking. Without the appositive the
    parse is left as it is."""

    def doc(appositive: bool) -> Doc:
        words = ["Ann", "Lee"] + ([",", "an", "adviser"] if appositive else [])
        words += ["focused", "on", "Korea", ",", "said", "prices", "rose", "."]
        k = 3 if appositive else 0
        heads = [1, 2 + k] + ([1, 4, 1] if appositive else [])
        heads += [6 + k, 2 + k, 3 + k, 6 + k, 6 + k, 8 + k, 6 + k, 6 + k]
        deps = ["compound", "nsubj"] + (["punct", "det", "appos"] if appositive else [])
        deps += ["ccomp", "prep", "pobj", "punct", "ROOT", "nsubj", "ccomp", "punct"]
        pos = ["PROPN", "PROPN"] + (["PUNCT", "DET", "NOUN"] if appositive else [])
        pos += ["VERB", "ADP", "PROPN", "PUNCT", "VERB", "NOUN", "VERB", "PUNCT"]
        tags = ["NNP", "NNP"] + ([",", "DT", "NN"] if appositive else [])
        tags += ["VBD", "IN", "NNP", ",", "VBD", "NNS", "VBD", "."]
        lemmas = [w.lower() for w in words]
        lemmas[words.index("said")] = "say"
        return _doc(words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
                    ents=["B-PERSON", "I-PERSON"] + ["O"] * (len(words) - 2))  # fmt: skip

    with_appositive = doc(True)
    found = subject_of(with_appositive[with_appositive.text.split().index("said")])
    assert found is not None and found.text == "Lee"
    bare = doc(False)
    assert subject_of(bare[6]) is None


def test_a_cue_set_inside_reported_words_with_a_quoted_fragment_is_a_mixed_statement() -> None:
    """ "But, Lopez says, it is “hotter inside”." : the cue interrupts the reported clause
    and the quotation is a fragment of it, so the statement is Lopez's, mixed (before,
    both passes left it to the other)."""
    words = ["But", ",", "Lopez", "says", ",", "it", "is", "“", "hotter", "inside", "”", "."]
    doc = Doc(
        Vocab(),
        words=words,
        spaces=[False, True, True, False, True, True, True, False, True, False, False, False],
        heads=[6, 3, 3, 6, 3, 6, 6, 8, 6, 8, 6, 6],
        deps=["cc", "punct", "nsubj", "parataxis", "punct", "nsubj", "ROOT", "punct", "acomp",
              "advmod", "punct", "punct"],
        pos=["CCONJ", "PUNCT", "PROPN", "VERB", "PUNCT", "PRON", "AUX", "PUNCT", "ADJ", "ADV",
             "PUNCT", "PUNCT"],
        tags=["CC", ",", "NNP", "VBZ", ",", "PRP", "VBZ", "``", "JJR", "RB", "''", "."],
        lemmas=["but", ",", "Lopez", "say", ",", "it", "be", "“", "hot", "inside", "”", "."],
        ents=["O", "O", "B-PERSON"] + ["O"] * 9,
        sent_starts=[True] + [False] * 11,
    )  # fmt: skip
    article = Article(id="t", text=doc.text, published=None)
    [statement] = extract_statements(doc, article, build_entities(doc))
    assert statement.speaker.name == "Lopez"
    assert statement.kind == "mixed"
    assert "hotter inside" in statement.text


def test_a_verb_that_reports_speech_through_its_preposition_needs_it() -> None:
    """ "Reyes pointed to a station residents cannot reach": what "to" carries is what
    Reyes cited; "Reyes pointed the camera at the crowd" (no "to") reports no words."""
    cited = _doc(
        words=["Reyes", "pointed", "to", "a", "station", "residents", "cannot", "reach", "."],
        heads=[1, 1, 1, 4, 2, 7, 7, 4, 1],
        deps=["nsubj", "ROOT", "prep", "det", "pobj", "nsubj", "aux", "relcl", "punct"],
        pos=["PROPN", "VERB", "ADP", "DET", "NOUN", "NOUN", "AUX", "VERB", "PUNCT"],
        tags=["NNP", "VBD", "IN", "DT", "NN", "NNS", "MD", "VB", "."],
        lemmas=["Reyes", "point", "to", "a", "station", "resident", "can", "reach", "."],
        ents=["B-PERSON"] + ["O"] * 8,
    )
    assert _statement_texts(cited) == [("Reyes", "to a station residents cannot reach")]
    pointed = _doc(
        words=["Reyes", "pointed", "the", "camera", "at", "the", "crowd", "."],
        heads=[1, 1, 3, 1, 1, 6, 4, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "punct"],
        pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
        tags=["NNP", "VBD", "DT", "NN", "IN", "DT", "NN", "."],
        lemmas=["Reyes", "point", "the", "camera", "at", "the", "crowd", "."],
        ents=["B-PERSON"] + ["O"] * 7,
    )
    assert _statement_texts(pointed) == []


def test_telling_someone_to_do_something_is_an_instruction_they_were_given() -> None:
    """ "Officials told residents to leave the area": "tell" with an infinitive is an
    instruction, a speech act; "Smith told the story of the escape" reports no words."""
    told_to = _doc(
        words=["Officials", "told", "residents", "to", "leave", "the", "area", "."],
        heads=[1, 1, 1, 4, 1, 6, 4, 1],
        deps=["nsubj", "ROOT", "dobj", "aux", "xcomp", "det", "dobj", "punct"],
        pos=["NOUN", "VERB", "NOUN", "PART", "VERB", "DET", "NOUN", "PUNCT"],
        tags=["NNS", "VBD", "NNS", "TO", "VB", "DT", "NN", "."],
        lemmas=["official", "tell", "resident", "to", "leave", "the", "area", "."],
        ents=["O"] * 8,
    )
    assert _statement_texts(told_to) == [("Officials", "residents to leave the area")]
    story = _doc(
        words=["Smith", "told", "the", "story", "of", "the", "escape", "."],
        heads=[1, 1, 3, 1, 3, 6, 4, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "punct"],
        pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
        tags=["NNP", "VBD", "DT", "NN", "IN", "DT", "NN", "."],
        lemmas=["Smith", "tell", "the", "story", "of", "the", "escape", "."],
        ents=["B-PERSON"] + ["O"] * 7,
    )
    assert _statement_texts(story) == []


def test_a_two_word_clause_with_a_subject_and_a_finite_verb_is_reported_speech() -> None:
    """ "Smith said he knew": short, but a whole clause; "Smith said so" reports none."""
    knew = _doc(
        words=["Smith", "said", "he", "knew", "."],
        heads=[1, 1, 3, 1, 1],
        deps=["nsubj", "ROOT", "nsubj", "ccomp", "punct"],
        pos=["PROPN", "VERB", "PRON", "VERB", "PUNCT"],
        tags=["NNP", "VBD", "PRP", "VBD", "."],
        lemmas=["Smith", "say", "he", "know", "."],
        ents=["B-PERSON"] + ["O"] * 4,
    )
    assert _statement_texts(knew) == [("Smith", "he knew")]
    so = _doc(
        words=["Smith", "said", "so", "."],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "advmod", "punct"],
        pos=["PROPN", "VERB", "ADV", "PUNCT"],
        tags=["NNP", "VBD", "RB", "."],
        lemmas=["Smith", "say", "so", "."],
        ents=["B-PERSON"] + ["O"] * 3,
    )
    assert _statement_texts(so) == []
