"""Entities of an article: name clean-up, organisation keys, resolution of mentions."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsgraph.extract.entities import build_entities
from newsgraph.extract.name_forms import clean_name, name_pieces, org_key, same_org


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Russia’s Ministry of Defence", "defense ministry"),
        ("the defense ministry", "defense ministry"),
        ("Russian Defense Ministry", "russian defense ministry"),
    ],
)
def test_org_key(name: str, key: str) -> None:
    assert org_key(name) == key


def test_same_org_matches_word_order_and_modifiers() -> None:
    assert same_org("Russia’s defense ministry", "Ministry of Defense")
    assert same_org("the Russian Defense Ministry", "Defense Ministry")
    assert not same_org("Defense Ministry", "Justice Ministry")


def test_clean_name_strips_possessive_and_determiner() -> None:
    assert clean_name("Putin’s") == "Putin"
    assert clean_name("the US Defense Department") == "US Defense Department"


def _hand_doc() -> Doc:
    words = ["Vladimir", "Putin", "spoke", ".", "Putin", "left", ".", "He", "said", "so", "."]
    return Doc(
        Vocab(),
        words=words,
        spaces=[True, True, False, True, True, False, True, True, True, False, False],
        heads=[1, 2, 2, 2, 5, 5, 5, 8, 8, 8, 8],
        deps=["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct", "nsubj", "ROOT",
              "advmod", "punct"],
        pos=["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT", "PRON", "VERB", "ADV",
             "PUNCT"],
        ents=["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O", "O", "O", "O", "O"],
        sent_starts=[True, False, False, False, True, False, False, True, False, False, False],
    )  # fmt: skip


def test_surname_and_pronoun_resolve_to_the_full_name() -> None:
    doc = _hand_doc()
    index = build_entities(doc)
    assert [e.name for e in index.entities] == ["Vladimir Putin"]
    assert index.entities[0].aliases == ("Putin",)
    assert index.resolve(doc[4:5]).name == "Vladimir Putin"
    assert index.resolve(doc[7:8]).name == "Vladimir Putin"


def _publisher_doc(compound: str) -> Doc:
    """ "Ipsos <compound> was released. Ipsos said prices rose." with the second "Ipsos"
    tagged a person, as the small model does."""
    words = ["Ipsos", compound, "was", "released", ".", "Ipsos", "said", "prices", "rose", "."]
    return Doc(
        Vocab(),
        words=words,
        spaces=[True, True, True, False, True, True, True, True, False, False],
        heads=[1, 3, 3, 3, 3, 6, 6, 8, 6, 6],
        deps=["compound", "nsubjpass", "auxpass", "ROOT", "punct", "nsubj", "ROOT", "nsubj",
              "ccomp", "punct"],
        pos=["PROPN", "NOUN", "AUX", "VERB", "PUNCT", "PROPN", "VERB", "NOUN", "VERB", "PUNCT"],
        lemmas=["Ipsos", compound, "be", "release", ".", "Ipsos", "say", "price", "rise", "."],
        ents=["B-NORP", "O", "O", "O", "O", "B-PERSON", "O", "O", "O", "O"],
        sent_starts=[True, False, False, False, False, True, False, False, False, False],
    )  # fmt: skip


def test_a_one_word_name_that_makes_polls_is_an_organisation() -> None:
    """A one-word name the article writes as the maker of a poll or report ("Ipsos
    polling") is an organisation, though the model tags another mention a person."""
    index = build_entities(_publisher_doc("polling"))
    assert [(e.name, e.kind) for e in index.entities] == [("Ipsos", "org")]


def test_a_one_word_name_before_another_noun_stays_a_person() -> None:
    index = build_entities(_publisher_doc("dog"))
    assert [(e.name, e.kind) for e in index.entities] == [("Ipsos", "person")]


@pytest.mark.model
def test_titles_and_roles_are_kept_apart_from_the_name(nlp) -> None:
    doc = nlp(
        "The admission came from Defense Ministry spokesman Major General Igor Konashenkov "
        "on Wednesday. The Major General accepted that some soldiers were captured."
    )
    index = build_entities(doc)
    [person] = [e for e in index.entities if e.kind == "person"]
    assert person.name == "Igor Konashenkov"
    assert person.titles == ("Major General",)
    assert person.roles == ("Defense Ministry spokesman",)
    major = next(t for t in doc if t.text == "Major" and t.i > 12)
    assert index.resolve(doc[major.i - 1 : major.i + 2]).name == "Igor Konashenkov"


@pytest.mark.model
def test_title_abbreviation_and_appositive_role(nlp) -> None:
    doc = nlp(
        "Lieutenant General Scott D. Berrier, Director of the Defence Intelligence Agency, "
        "spoke. However, Lt Gen Berrier said that he had low confidence in the figures."
    )
    index = build_entities(doc)
    berrier = index.resolve(doc.char_span(doc.text.index("Lt Gen"), doc.text.index(" said")))
    assert berrier.name == "Scott D. Berrier"
    assert "Director of the Defence Intelligence Agency" in berrier.roles


@pytest.mark.model
def test_the_ministry_and_org_sources_resolve(nlp) -> None:
    text = (
        "The ministry admitted it. The spokesman of the Ministry of Defense, Igor Konashenkov, "
        "spoke. The figures were reported by the BBC's Russian-language service."
    )
    doc = nlp(text)
    index = build_entities(doc)
    ministry = index.resolve(doc[0:2])
    assert ministry is not None
    assert ministry.kind == "org"
    assert "Ministry" in ministry.name
    start = text.index("the BBC")
    service = index.resolve(doc.char_span(start, text.index(" service") + len(" service")))
    assert service is not None
    assert service.kind == "org"
    assert "BBC" in service.name


@pytest.mark.model
def test_identifiable_office_holder_is_a_role_entity(nlp) -> None:
    text = (
        "Aleksandr Ivanov was killed, the region's governor said. He was brave, the governor said."
    )
    doc = nlp(text)
    index = build_entities(doc)
    start = text.rindex("the governor")
    governor = index.resolve(doc.char_span(start, start + len("the governor")))
    assert governor is not None
    assert governor.kind == "role"
    assert "governor" in governor.name


@pytest.mark.model
def test_a_leader_noun_names_the_person_named_just_before(nlp) -> None:
    text = (
        "Emmanuel Macron told reporters that taxes would stay. "
        "The French president said only the budget mattered."
    )
    doc = nlp(text)
    index = build_entities(doc)
    start = text.index("The French president")
    span = doc.char_span(start, start + len("The French president"))
    assert index.resolve(span).name == "Emmanuel Macron"


@pytest.mark.model
def test_a_leader_noun_never_takes_someone_with_another_role(nlp) -> None:
    text = (
        "The spokesman, Dmitry Peskov, said the talks had ended. "
        "The Russian president has not spoken since."
    )
    doc = nlp(text)
    index = build_entities(doc)
    start = text.index("The Russian president")
    span = doc.char_span(start, start + len("The Russian president"))
    resolved = index.resolve(span)
    assert resolved is None or resolved.name != "Dmitry Peskov"


@pytest.mark.model
def test_aliases_carry_no_quotation_marks(nlp) -> None:
    doc = nlp('"We will win," Konashenkov said. “It is over,” Konashenkov added.')
    for entity in build_entities(doc).entities:
        for form in (entity.name, *entity.aliases):
            assert not any(mark in form for mark in '"“”'), form


def test_surname_skips_a_generational_suffix() -> None:
    from newsgraph.extract.name_forms import surname_of

    assert surname_of("Raymond Debates III") == "debates"
    assert surname_of("Carl Folsom Jr.") == "folsom"
    assert surname_of("Smith") == "smith"


def _empty_index():
    from newsgraph.extract.entities import EntityIndex

    return EntityIndex(Doc(Vocab(), words=["x"]))


def test_a_suffixed_name_and_its_bare_surname_are_one_person() -> None:
    index = _empty_index()
    first = index.add("person", "Raymond Debates III", 0, 19)
    assert index.add("person", "Debates", 40, 47) == first


def test_a_first_word_alone_names_the_one_person_it_starts() -> None:
    """ "Xi" after "Xi Jinping" (family name first), "Katie" after "Katie Smith" (a feature's
    first-name reference), in either order; never when another person has it as surname."""
    index = _empty_index()
    xi = index.add("person", "Xi Jinping", 0, 10)
    assert index.add("person", "Xi", 20, 22) == xi
    index = _empty_index()
    katie = index.add("person", "Katie", 0, 5)
    assert index.add("person", "Katie Smith", 20, 31) == katie
    assert index.entities[katie].name == "Katie Smith"
    index = _empty_index()
    index.add("person", "Grace Tolth", 0, 11)
    tolth = index.add("person", "Tom Grace", 20, 29)
    assert index.add("person", "Grace", 40, 45) == tolth  # a surname wins over a first name


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Centers for Disease Control and Prevention said on Monday that cases rose.",
            "Centers for Disease Control and Prevention",
        ),
        (
            "The Department of Corrections and Rehabilitation said the prison was safe.",
            "Department of Corrections and Rehabilitation",
        ),
    ],
)
def test_an_organisation_name_keeps_the_and_after_its_of_or_for(nlp, text, name) -> None:
    names = [e.name for e in build_entities(nlp(text)).entities]
    assert name in names


def test_a_one_word_name_the_model_mostly_calls_an_organisation_is_one() -> None:
    """ "OpenAI" tagged ORG twice and PERSON once in an article is one organisation; a
    surname of a person's full name is left to each mention."""
    from newsgraph.extract.entities import _majority_labels

    words = ["OpenAI", "said", "so", ".", "OpenAI", "agreed", ".", "OpenAI", "left", "."]
    ents = ["B-ORG", "O", "O", "O", "B-ORG", "O", "O", "B-PERSON", "O", "O"]
    assert _majority_labels(Doc(Vocab(), words=words, ents=ents), 0) == {"openai": "ORG"}
    words = ["Sam", "OpenAI", "spoke", ".", *words]
    doc = Doc(Vocab(), words=words, ents=["B-PERSON", "I-PERSON", "O", "O", *ents])
    assert doc.ents[0].text == "Sam OpenAI"
    assert "openai" not in _majority_labels(doc, 0)


def test_two_capitals_before_a_surname_are_initials_not_an_acronym() -> None:
    """ "JD Vance" tagged PERSON is a person; "KSDK News" stays organisation-shaped."""
    from newsgraph.extract.name_forms import org_shaped

    doc = Doc(Vocab(), words=["JD", "Vance", "spoke"], ents=["B-PERSON", "I-PERSON", "O"])
    assert not org_shaped(list(doc[0:2]))
    doc = Doc(Vocab(), words=["KSDK", "News", "spoke"], ents=["B-ORG", "I-ORG", "O"])
    assert org_shaped(list(doc[0:2]))


def test_gender_comes_from_gendered_titles_and_roles() -> None:
    index = _empty_index()
    won = index.add("person", "Julie Won", 0, 9)
    index.alias(won, "City Councilwoman Julie Won", 0, 9)
    smith = index.add("person", "John Smith", 20, 30)
    index.describe(smith, roles=["spokesman for the ministry"])
    assert index.agrees_known(won, "she") and not index.agrees(won, "he")
    assert index.agrees_known(smith, "he")
    assert index.gendered_in(0, 40, "she") == won


def test_a_given_name_tells_a_gender_and_the_article_comes_first() -> None:
    """ "Lisa" is a woman's name and "Craig" a man's; a name on lists of both ("Jordan")
    tells nothing; a gendered role the article gives outweighs the name list."""
    from newsgraph.extract.given_names import given_name_gender

    assert (given_name_gender("Lisa"), given_name_gender("Craig")) == ("f", "m")
    assert given_name_gender("Jordan") is None and given_name_gender("Xqzt") is None
    index = _empty_index()
    lisa = index.add("person", "Lisa Matichak", 0, 13)
    rodrigo = index.add("person", "Rodrigo Heng", 20, 32)
    one_word = index.add("person", "Craig", 40, 45)
    assert index.agrees_known(lisa, "she") and not index.agrees(rodrigo, "she")
    assert index._gender(one_word) is None  # one word may be a surname ("Grant said")
    index.describe(rodrigo, roles=["spokeswoman for the council"])
    assert index.agrees_known(rodrigo, "she")


def test_a_pronoun_continues_the_person_its_paragraph_is_about() -> None:
    """Among the people named before a pronoun in its paragraph, one known to agree comes
    first, then a subject or a subject's owner, then the latest."""
    words = ["Anderson", "'s", "stint", "ended", ".", "Smith", "met", "Tom", "Baker", "."]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[2, 0, 3, 3, 3, 6, 6, 8, 6, 6],
        deps=["poss", "case", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "compound", "dobj",
              "punct"],
    )  # fmt: skip
    from newsgraph.extract.entities import EntityIndex

    index = EntityIndex(doc)
    anderson = index.add("person", "Anderson", doc[0].idx, doc[0].idx + 8)
    smith = index.add("person", "Smith", doc[5].idx, doc[5].idx + 5)
    tom = index.add("person", "Tom Baker", doc[7].idx, doc[8].idx + 5)
    end = len(doc.text)
    assert index.named_in(0, end, "he") == tom  # "Tom" is known to be a man's name
    assert index.named_in(0, end, "she") == smith  # a subject, the latest one
    assert index.named_in(0, doc[5].idx, "she") == anderson  # the subject's owner


def test_a_lone_surname_the_model_left_untagged_is_a_mention_of_its_person() -> None:
    """ "Masvalo’s van" after "Misty Masvalo" (the second "Masvalo" untagged) is a mention
    of her, so that a pronoun after it can continue her; "Masvalo Act" is another name."""
    words = ["Misty", "Masvalo", "spoke", ".", "Masvalo", "left", ".", "Masvalo", "Act", "."]
    doc = Doc(
        Vocab(),
        words=words,
        pos=["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN",
             "PUNCT"],
        ents=["B-PERSON", "I-PERSON"] + ["O"] * 8,
    )  # fmt: skip
    index = build_entities(doc)
    [misty] = [i for i, e in enumerate(index.entities) if e.name == "Misty Masvalo"]
    assert index.mentions(misty, doc[4])
    assert not index.mentions(misty, doc[7])


def test_an_organisation_name_cut_short_by_the_model_is_mended() -> None:
    """ "The US Centers for" + "Medicare & Medicaid Services" is one name; "Zillow Home"
    runs on into the noun it modifies ("Loans"); "&" never splits a company's name."""
    words = ["The", "US", "Centers", "for", "Medicare", "&", "Medicaid", "Services", "said",
             "so", ".", "Zillow", "Home", "Loans", "agreed", "."]  # fmt: skip
    doc = Doc(
        Vocab(),
        words=words,
        heads=[2, 2, 8, 2, 3, 4, 7, 4, 8, 8, 8, 13, 13, 14, 14, 14],
        deps=["det", "compound", "nsubj", "prep", "pobj", "cc", "compound", "conj", "ROOT",
              "advmod", "punct", "compound", "compound", "nsubj", "ROOT", "punct"],
        pos=["DET", "PROPN", "PROPN", "ADP", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "ADV",
             "PUNCT", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
        ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O",
              "O", "B-ORG", "I-ORG", "O", "O", "O"],
    )  # fmt: skip
    names = {e.name for e in build_entities(doc).entities}
    assert "US Centers for Medicare & Medicaid Services" in names
    assert "Zillow Home Loans" in names


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        (["Amanda", "Hernandez"], "person"),  # a given name and a surname, tagged ORG
        (["Amanda", "Foundation"], "org"),  # an organisation's word
        (["Jordan", "Hernandez"], "org"),  # a given name of both genders tells nothing
    ],
)
def test_a_name_opening_with_a_given_name_is_a_person_whatever_the_tag(words, kind) -> None:
    doc = Doc(
        Vocab(),
        words=[*words, "said", "so", "."],
        pos=["PROPN", "PROPN", "VERB", "ADV", "PUNCT"],
        ents=["B-ORG", "I-ORG", "O", "O", "O"],
    )
    assert [e.kind for e in build_entities(doc).entities] == [kind]


def test_a_county_and_a_saints_place_name_an_organisation() -> None:
    """ "Alameda County" tagged PERSON is a body; "St. Louis Magazine" keeps its "St.", which
    opens a place's name here, not a title."""
    words = ["Alameda", "County", "and", "St.", "Louis", "Magazine", "said", "so", "."]
    doc = Doc(
        Vocab(),
        words=words,
        pos=["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PROPN", "VERB", "ADV", "PUNCT"],
        ents=["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O"],
    )
    found = {(e.name, e.kind) for e in build_entities(doc).entities}
    assert found == {("Alameda County", "org"), ("St. Louis Magazine", "org")}


def test_a_name_beside_a_noun_of_people_is_a_person_whatever_the_tag() -> None:
    """ "County spokesperson Neetu Balram" tagged ORG names a person: the noun of people
    right before the name says so."""
    words = ["County", "spokesperson", "Neetu", "Balram", "said", "so", "."]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 3, 3, 4, 4, 4, 4],
        deps=["compound", "compound", "compound", "nsubj", "ROOT", "advmod", "punct"],
        pos=["PROPN", "NOUN", "PROPN", "PROPN", "VERB", "ADV", "PUNCT"],
        lemmas=["County", "spokesperson", "Neetu", "Balram", "say", "so", "."],
        ents=["O", "O", "B-ORG", "I-ORG", "O", "O", "O"],
    )
    people = [e.name for e in build_entities(doc).entities if e.kind == "person"]
    assert people == ["Neetu Balram"]


def test_a_person_name_ends_at_its_possessive() -> None:
    """ "Masvalo’s van" tagged as one PERSON span is the person Masvalo, not "Masvalo van"."""
    from newsgraph.extract.name_forms import name_pieces

    doc = Doc(
        Vocab(),
        words=["Masvalo", "’s", "van", "is", "tall"],
        tags=["NNP", "POS", "NN", "VBZ", "JJ"],
        ents=["B-PERSON", "I-PERSON", "I-PERSON", "O", "O"],
    )
    assert [[t.text for t in p] for p in name_pieces(doc.ents[0])] == [["Masvalo"]]


@pytest.mark.parametrize(
    ("words", "tags", "name"),
    [
        (["the", "Trevor", "Project", "’s", "2021", "survey"],
         ["DT", "NNP", "NNP", "POS", "CD", "NN"], "the Trevor Project"),
        (["the", "McDonald", "'s", "Corporation", "board"],
         ["DT", "NNP", "POS", "NNP", "NN"], "the McDonald Corporation"),
    ],
)  # fmt: skip
def test_an_organisations_name_ends_at_its_possessive_before_what_it_owns(
    words, tags, name
) -> None:
    """ "the Trevor Project's 2021 ..." tagged as one organisation: the year is what the
    Project owns, not its name; capitals may go on past a possessive in a name."""
    doc = Doc(Vocab(), words=words, tags=tags)
    doc.ents = [Span(doc, 0, len(words) - 1, label="ORG")]
    (piece,) = list(name_pieces(doc.ents[0]))
    assert " ".join(t.text for t in piece) == name


def test_a_name_matches_an_organisations_name_only_in_whole_words() -> None:
    """ "North Korea" is not a part of "North Korean Supreme Leader" (an organisation the
    model made of a title): a name is found in a longer name only as whole words."""
    words = ["The", "North", "Korean", "Supreme", "Leader", "spoke", ".", "North", "Korea",
             "left", ".", "The", "Supreme", "Leader", "left", "."]  # fmt: skip
    doc = Doc(
        Vocab(),
        words=words,
        pos=["DET", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN",
             "VERB", "PUNCT", "DET", "PROPN", "PROPN", "VERB", "PUNCT"],
        heads=[4, 4, 4, 4, 5, 5, 5, 8, 9, 9, 9, 13, 13, 14, 14, 14],
        deps=["det", "compound", "compound", "compound", "nsubj", "ROOT", "punct", "compound",
              "nsubj", "ROOT", "punct", "det", "compound", "nsubj", "ROOT", "punct"],
        ents=["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG"] + ["O"] * 11,
    )  # fmt: skip
    index = build_entities(doc)
    assert index.resolve(doc[7:9]) is None
    assert index.resolve(doc[12:14]).name == "North Korean Supreme Leader"


def test_a_heading_in_capitals_is_no_organisation() -> None:
    """A cross-heading set in capitals ("TRUMP WARNS IRAN TALKS FADE") that the model
    tags as an organisation is a line of the page, not a name; an acronym stays one."""
    words = ["TRUMP", "WARNS", "IRAN", "TALKS", "FADE", ".", "NATO", "said", "no", "."]
    doc = Doc(
        Vocab(),
        words=words,
        pos=["PROPN"] * 5 + ["PUNCT", "PROPN", "VERB", "INTJ", "PUNCT"],
        ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "O", "O", "O"],
    )
    assert [e.name for e in build_entities(doc).entities] == ["NATO"]


def _bound_doc() -> Doc:
    """ "Tom Baker left. He said getting Baker out mattered less." (hand-parsed)."""
    words = [
        "Tom",
        "Baker",
        "left",
        ".",
        "He",
        "said",
        "getting",
        "Baker",
        "out",
        "mattered",
        "less",
        ".",
    ]
    return Doc(
        Vocab(),
        words=words,
        spaces=[True, True, False, True, True, True, True, True, True, True, False, False],
        heads=[1, 2, 2, 2, 5, 5, 9, 6, 6, 5, 9, 5],
        deps=["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "csubj", "dobj", "prt",
              "ccomp", "advmod", "punct"],
        pos=["PROPN", "PROPN", "VERB", "PUNCT", "PRON", "VERB", "VERB", "PROPN", "ADP", "VERB",
             "ADV", "PUNCT"],
        sent_starts=[True, False, False, False, True] + [False] * 7,
    )  # fmt: skip


def test_a_subject_pronoun_never_stands_for_a_person_named_in_its_own_clause() -> None:
    """ "He said getting Baker out mattered less": "He" commands the rest of its clause, so
    it is not Baker, though Baker is the subject of the sentence before; with no one else,
    the pronoun stays unresolved."""
    from newsgraph.extract.entities import EntityIndex

    doc = _bound_doc()
    index = EntityIndex(doc)
    baker = index.add("person", "Tom Baker", doc[0].idx, doc[1].idx + 5)
    index.add_mention(baker, doc[7].idx, doc[7].idx + 5)
    he = doc[4:5]
    assert index.bound_out(he) == {baker}
    assert index.subject_person(he, "he") is None
    assert index.resolve_group(he) is None
    assert index.bound_out(doc[1:2]) == set()  # a name is no pronoun's clause


def test_a_name_in_quoted_words_is_never_the_antecedent_of_a_pronoun() -> None:
    """ "Ann Lee wept. “Jesus waits,” she said.": "Jesus" is her words, not who "she" is."""
    from newsgraph.extract.entities import EntityIndex

    words = ["Ann", "Lee", "wept", ".", "“", "Jesus", "waits", ",", "”", "she", "said", "."]
    doc = Doc(Vocab(), words=words)
    index = EntityIndex(doc)
    ann = index.add("person", "Ann Lee", doc[0].idx, doc[1].idx + 3)
    index.add("person", "Jesus", doc[5].idx, doc[5].idx + 5)
    index.quoted = [(doc[4].idx, doc[8].idx)]
    assert index.resolve_group(doc[9:10]) == ann


def test_an_abbreviated_title_is_the_role_it_abbreviates() -> None:
    """ "Gov. Ann Ray spoke. Tom Lee spoke. The governor said so.": "the governor" is the
    person titled "Gov.", not the person named last."""
    from newsgraph.extract.entities import EntityIndex

    words = [
        "Gov.",
        "Ann",
        "Ray",
        "spoke",
        ".",
        "Tom",
        "Lee",
        "spoke",
        ".",
        "The",
        "governor",
        "said",
        "so",
        ".",
    ]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[2, 2, 3, 3, 3, 6, 7, 7, 7, 10, 11, 11, 11, 11],
        deps=["compound", "compound", "nsubj", "ROOT", "punct", "compound", "nsubj", "ROOT",
              "punct", "det", "nsubj", "ROOT", "advmod", "punct"],
        pos=["PROPN", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT",
             "DET", "NOUN", "VERB", "ADV", "PUNCT"],
    )  # fmt: skip
    index = EntityIndex(doc)
    ray = index.add("person", "Ann Ray", doc[1].idx, doc[2].idx + 3)
    index.describe(ray, titles=["Gov."])
    index.add("person", "Tom Lee", doc[5].idx, doc[6].idx + 3)
    assert index.resolve_group(doc[9:11]) == ray


def _place_doc(first_label: str) -> Doc:
    """ "East Ruritania met Tom Ray . East Ruritania claims the islands ." with the first
    "East Ruritania" tagged ``first_label`` and the speaking one left untagged."""
    words = [
        "East",
        "Ruritania",
        "met",
        "Tom",
        "Ray",
        ".",
        "East",
        "Ruritania",
        "claims",
        "the",
        "islands",
        ".",
    ]
    return Doc(
        Vocab(),
        words=words,
        heads=[1, 2, 2, 4, 2, 2, 7, 8, 8, 10, 8, 8],
        deps=["compound", "nsubj", "ROOT", "compound", "dobj", "punct", "compound", "nsubj",
              "ROOT", "det", "dobj", "punct"],
        pos=["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "VERB",
             "DET", "NOUN", "PUNCT"],
        lemmas=["East", "Ruritania", "meet", "Tom", "Ray", ".", "East", "Ruritania", "claim",
                "the", "island", "."],
        ents=[f"B-{first_label}", f"I-{first_label}", "O", "B-PERSON", "I-PERSON", "O", "O",
              "O", "O", "O", "O", "O"],
        sent_starts=[True, False, False, False, False, False, True, False, False, False, False,
                     False],
    )  # fmt: skip


def test_an_untagged_speaker_the_article_tags_a_place_elsewhere_is_an_organisation() -> None:
    """A place that speaks ("North Korea has pressed on") is its government: when the model
    tags the same name a place elsewhere, the speaker of two words the model left untagged
    is an organisation, not a person."""
    doc = _place_doc("GPE")
    index = build_entities(doc)
    assert index.resolve(doc[6:8]).kind == "org"
    doc = _place_doc("NORP")  # never tagged a place: the name that speaks is a person's
    index = build_entities(doc)
    assert index.resolve(doc[6:8]).kind == "person"


def test_a_name_ends_where_a_parenthesis_opens() -> None:
    """ "Virginia Department of Health (VDH" (a span the model ran into the short name) is
    the department's name; a short name alone in parentheses is the short name."""
    assert clean_name("the Virginia Department of Health (VDH") == "Virginia Department of Health"
    assert clean_name("(WHO") == "WHO"


def test_an_acronym_names_the_organisation_it_spells() -> None:
    """ "WHO" (or "(WHO" as the parser cut it) resolves to the World Health Organization
    the article named."""
    from newsgraph.extract.entities import EntityIndex

    doc = Doc(
        Vocab(),
        words=["The", "World", "Health", "Organization", "(", "WHO", ")", "met"],
        heads=[3, 3, 3, 3, 5, 3, 5, 3],
        deps=["det", "compound", "compound", "ROOT", "punct", "appos", "punct", "dep"],
        pos=["DET", "PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB"],
    )
    index = EntityIndex(doc)
    who = index.add("org", "World Health Organization", doc[1].idx, doc[3].idx + 12)
    assert index.resolve_group(doc[5:6]) == who
    assert index.resolve_group(doc[4:6]) == who


def test_a_short_name_defined_in_parentheses_is_an_organisation() -> None:
    """ "Freedom Alliance (FrA) won. FrA said so." with the second "FrA" tagged a person:
    capitals defined in parentheses after a name are a body's initials."""
    words = ["Freedom", "Alliance", "(", "FrA", ")", "won", ".", "FrA", "said", "so", "."]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 5, 3, 1, 3, 5, 5, 8, 8, 8, 8],
        deps=["compound", "nsubj", "punct", "appos", "punct", "ROOT", "punct", "nsubj", "ROOT",
              "advmod", "punct"],
        pos=["PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "PUNCT", "PROPN", "VERB",
             "ADV", "PUNCT"],
        ents=["B-ORG", "I-ORG", "O", "O", "O", "O", "O", "B-PERSON", "O", "O", "O"],
        sent_starts=[True] + [False] * 6 + [True, False, False, False],
    )  # fmt: skip
    index = build_entities(doc)
    assert index.resolve(doc[7:8]).kind == "org"


def test_the_person_after_a_roles_of_phrase_holds_the_role() -> None:
    """ "The leader of Restore Party, Tom Ray, said": the parser hangs "Tom Ray" on
    "Party"; the speaker span is the person's name, not the role."""
    from newsgraph.extract.mention_spans import speaker_span

    words = ["The", "leader", "of", "Restore", "Party", ",", "Tom", "Ray", ",", "said", "so"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 9, 1, 4, 2, 4, 7, 4, 4, 9, 9],
        deps=["det", "nsubj", "prep", "compound", "pobj", "punct", "compound", "appos", "punct",
              "ROOT", "advmod"],
        pos=["DET", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB",
             "ADV"],
        ents=["O", "O", "O", "B-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O", "O", "O"],
    )  # fmt: skip
    assert speaker_span(doc[1]).text == "Tom Ray"


@pytest.mark.parametrize(("word", "kind"), [("August", "person"), ("Saturday", None)])
def test_a_name_tagged_a_date_that_speaks_is_a_person(word: str, kind: str | None) -> None:
    """ "August said" (a woman called August, tagged DATE by the model): a date does not
    speak, a name does; but no one is named after a weekday ("Warren on Saturday said"
    parsed with the day as subject)."""
    from newsgraph.extract.entities import EntityIndex

    doc = Doc(
        Vocab(),
        words=[word, "said", "so", "."],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "advmod", "punct"],
        pos=["PROPN", "VERB", "ADV", "PUNCT"],
        ents=["B-DATE", "O", "O", "O"],
    )
    index = EntityIndex(doc)
    group = index.add_untagged(doc[0:1])
    assert (index.kind_of(group) if group is not None else None) == kind


def test_the_articles_own_pronouns_tell_a_persons_gender() -> None:
    """ "Robin Lee spoke and her team cheered. Robin Lee left." — a sentence that names one
    person and then says "her" tells her gender; a sentence naming two people tells none."""
    from newsgraph.extract.entities import EntityIndex

    words = [
        "Robin",
        "Lee",
        "spoke",
        "and",
        "her",
        "team",
        "cheered",
        ".",
        "Robin",
        "Lee",
        "met",
        "Tom",
        "Ray",
        "and",
        "his",
        "aide",
        ".",
    ]
    doc = Doc(Vocab(), words=words, sent_starts=[True] + [False] * 7 + [True] + [False] * 8)
    index = EntityIndex(doc)
    lee = index.add("person", "Robin Lee", doc[0].idx, doc[1].idx + 3)
    index.add_mention(lee, doc[8].idx, doc[9].idx + 3)
    ray = index.add("person", "Tom Ray", doc[11].idx, doc[12].idx + 3)
    assert index.agrees_known(lee, "she") and not index.agrees(lee, "he")
    assert ray not in index._told_genders()


@pytest.mark.parametrize(("place_label", "is_variation"), [("GPE", True), ("ORG", False)])
def test_the_place_company_refers_back_and_names_no_organisation(
    place_label: str, is_variation: bool
) -> None:
    """ "the Menlo Park company" (only a place identifies it) is a writer's variation for
    the company named before, no organisation of its own; "the Acme Park company" (a
    name) is one."""
    from newsgraph.extract.mention_spans import role_phrase

    doc = Doc(
        Vocab(),
        words=["the", "Menlo", "Park", "company", "said"],
        heads=[3, 2, 3, 4, 4],
        deps=["det", "compound", "compound", "nsubj", "ROOT"],
        pos=["DET", "PROPN", "PROPN", "NOUN", "VERB"],
        lemmas=["the", "Menlo", "Park", "company", "say"],
        ents=["O", f"B-{place_label}", f"I-{place_label}", "O", "O"],
    )
    assert (role_phrase(doc[3]) is None) == is_variation


def test_a_place_and_the_work_of_its_body_name_an_organisation() -> None:
    """ "the Harbour County health department": a word naming what the body does makes it
    that place's own body (an organisation), not a variation for one named before."""
    from newsgraph.extract.mention_spans import role_phrase

    doc = Doc(
        Vocab(),
        words=["the", "Harbour", "County", "health", "department", "sent", "data"],
        heads=[4, 2, 4, 4, 5, 5, 5],
        deps=["det", "compound", "compound", "compound", "nsubj", "ROOT", "dobj"],
        pos=["DET", "PROPN", "PROPN", "NOUN", "NOUN", "VERB", "NOUN"],
        lemmas=["the", "Harbour", "County", "health", "department", "send", "data"],
        ents=["O", "B-GPE", "I-GPE", "O", "O", "O", "O"],
    )
    found = role_phrase(doc[4])
    assert found is not None
    assert (found[0].text, found[1]) == ("Harbour County health department", "org")


def test_a_places_generic_body_is_the_body_of_that_place_the_article_named() -> None:
    """ "Ruritania Department of Prisons met. Ruritania’s prison agency said so.": the
    place's agency is the department named before, not a new organisation."""
    words = [
        "Ruritania",
        "Department",
        "of",
        "Prisons",
        "met",
        ".",
        "Ruritania",
        "’s",
        "prison",
        "agency",
        "said",
        "so",
        ".",
    ]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 4, 1, 2, 4, 4, 9, 6, 9, 10, 10, 10, 10],
        deps=["compound", "nsubj", "prep", "pobj", "ROOT", "punct", "poss", "case", "compound",
              "nsubj", "ROOT", "advmod", "punct"],
        pos=["PROPN", "PROPN", "ADP", "PROPN", "VERB", "PUNCT", "PROPN", "PART", "NOUN", "NOUN",
             "VERB", "ADV", "PUNCT"],
        lemmas=["Ruritania", "Department", "of", "Prisons", "meet", ".", "Ruritania", "'s",
                "prison", "agency", "say", "so", "."],
        ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "B-GPE", "O", "O", "O", "O", "O",
              "O"],
        sent_starts=[True] + [False] * 5 + [True] + [False] * 6,
    )  # fmt: skip
    index = build_entities(doc)
    assert index.resolve(doc[6:10]).name == "Ruritania Department of Prisons"


@pytest.mark.parametrize(
    ("owner_label", "head", "represents"),
    [("NORP", "official", False), ("ORG", "official", True), ("NORP", "spokesperson", True)],
)
def test_an_official_of_a_country_speaks_for_no_one_body(
    owner_label: str, head: str, represents: bool
) -> None:
    """ "a Canadian official said": an official of a country may work for any of its
    bodies, so the source is an unnamed person, not the country; "an Acme official" and
    "a Canadian spokesperson" speak for whom they are attached to."""
    from newsgraph.extract.sources import describe_source

    doc = Doc(
        Vocab(),
        words=["a", "Canadian", head, "said"],
        heads=[2, 2, 3, 3],
        deps=["det", "amod" if owner_label == "NORP" else "compound", "nsubj", "ROOT"],
        pos=["DET", "ADJ" if owner_label == "NORP" else "PROPN", "NOUN", "VERB"],
        tags=["DT", "JJ" if owner_label == "NORP" else "NNP", "NN", "VBD"],
        lemmas=["a", "Canadian", head, "say"],
        ents=["O", f"B-{owner_label}", "O", "O"],
    )
    found = describe_source(doc[2])
    assert found is not None and found.kind == "unnamed-person"
    assert found.represents == represents


def test_the_official_continues_the_official_described_before() -> None:
    """ "An official familiar with the talks said so. The official added more.": "the
    official" is the anonymous source described before, not a new unnamed person."""
    from newsgraph.extract.entities import EntityIndex

    words = [
        "An",
        "official",
        "familiar",
        "with",
        "the",
        "talks",
        "said",
        "so",
        ".",
        "The",
        "official",
        "added",
        "more",
        ".",
    ]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 6, 1, 2, 5, 3, 6, 6, 6, 10, 11, 11, 11, 11],
        deps=["det", "nsubj", "amod", "prep", "det", "pobj", "ROOT", "advmod", "punct", "det",
              "nsubj", "ROOT", "dobj", "punct"],
        pos=["DET", "NOUN", "ADJ", "ADP", "DET", "NOUN", "VERB", "ADV", "PUNCT", "DET", "NOUN",
             "VERB", "NOUN", "PUNCT"],
        tags=["DT", "NN", "JJ", "IN", "DT", "NNS", "VBD", "RB", ".", "DT", "NN", "VBD", "JJR",
              "."],
        lemmas=["an", "official", "familiar", "with", "the", "talk", "say", "so", ".", "the",
                "official", "add", "more", "."],
        sent_starts=[True] + [False] * 8 + [True] + [False] * 4,
    )  # fmt: skip
    index = EntityIndex(doc)
    first = index.add_unnamed(doc[1])
    assert first is not None
    assert index.add_unnamed(doc[10]) == first
