"""What a name is, as text and as tokens: its clean form, its parts (titles, given name,
surname, suffixes), its shape (a person's or an organisation's), and when two names name
one body (an acronym that spells a name, organisation keys). Rules over strings and spaCy
tokens, used by :mod:`newsgraph.extract.entities` to build an article's entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from newsgraph.extract.given_names import given_name_gender
from newsgraph.extract.lexicon import (
    DOCUMENT_NOUNS,
    ORG_NAME_ENDINGS,
    ORG_NOUNS,
    PERSON_ROLE_NOUNS,
    TITLE_FUNCTION_WORDS,
    TITLE_WORDS,
)
from newsgraph.extract.sources import person_noun

POSSESSIVE = re.compile(r"[’']s?$")

DETERMINERS = {"the", "a", "an", "this", "that"}


TITLE_ABBREVIATIONS: dict[str, str] = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
    "lt": "lieutenant", "col": "colonel", "capt": "captain", "adm": "admiral",
    "sgt": "sergeant", "cmdr": "commander", "prof": "professor", "rev": "reverend",
    "brig": "brigadier", "pres": "president", "supt": "superintendent", "atty": "attorney",
    "amb": "ambassador", "sec": "secretary", "insp": "inspector", "det": "detective",
}  # fmt: skip
"""Abbreviated titles and the role noun each stands for: "Gov. Ron DeSantis" is who "the
governor" names later."""


def norm_word(word: str) -> str:
    return word.lower().strip(".").replace("’", "'")


def is_title_word(token: Token) -> bool:
    capitalised = token.text[:1].isupper() or token.text.istitle()
    return norm_word(token.text) in TITLE_WORDS and capitalised


EDGE_PUNCTUATION = " \t\n\"'“”‘’«»„,;:()[]—–-"


def clean_name(text: str) -> str:
    """Strip a possessive ending and surrounding determiners from a name; a name ends
    where a parenthesis opens ("Virginia Department of Health (VDH": the short name that
    follows is another form of it, not part of it).

    >>> clean_name("the Virginia Department of Health (VDH")
    'Virginia Department of Health'
    """
    if " (" in text and not text.lstrip().startswith("("):
        text = text[: text.index(" (")]
    text = POSSESSIVE.sub("", text.strip()) if re.search(r"[’']s$", text.strip()) else text
    words = text.strip().split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words).strip(" ,()")


def spells(acronym: str, name: str) -> bool:
    """True when ``acronym`` (capitals, dots allowed) spells the initials of ``name``'s
    words, with or without its short function words.

    >>> spells("CDC", "Centers for Disease Control and Prevention")
    True
    >>> spells("TDCJ", "Texas Department of Criminal Justice")
    True
    >>> spells("ACLU", "American Civil Liberties Union"), spells("BBC", "the Big Bad Wolf")
    (True, False)
    """
    letters = acronym.replace(".", "")
    if not (2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", name)
    if len(words) < 2:
        return False
    every = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if w.lower() not in TITLE_FUNCTION_WORDS).upper()
    capitals = "".join(w[0] for w in words if w[0].isupper())
    if letters in (every, content, capitals):
        return True
    # a last word left out of the letters ("CDC", Centers for Disease Control and Prevention)
    return len(letters) >= 3 and len(content) == len(letters) + 1 and content.startswith(letters)


def org_key(name: str) -> str:
    """A comparable key for an organisation name: "Russia's Ministry of Defense" and
    "the defence ministry" both give "defense ministry".

    >>> org_key("Russia’s Ministry of Defence")
    'defense ministry'
    """
    words = norm_word(name).replace("defence", "defense").split()
    words = [w for w in words if w not in DETERMINERS]
    owners = [i for i, w in enumerate(words) if w.endswith("'s")]
    if owners:
        words = words[owners[-1] + 1 :]
    if "of" in words:
        cut = words.index("of")
        words = words[cut + 1 :] + words[:cut]
    return " ".join(words)


def same_org(a: str, b: str) -> bool:
    """True when two organisation names of one article name the same body."""
    key_a, key_b = org_key(a), org_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    short, long = sorted((key_a, key_b), key=len)
    return len(short.split()) >= 2 and long.endswith(" " + short)


NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v"}


def surname_of(name: str) -> str:
    """The family name of a person's name: its last word, skipping a generational suffix.

    >>> surname_of("Raymond Debates III"), surname_of("Carl Folsom Jr."), surname_of("Xi")
    ('debates', 'folsom', 'xi')
    """
    words = [w.strip(",") for w in name.split()]
    while len(words) > 1 and norm_word(words[-1]) in NAME_SUFFIXES:
        words = words[:-1]
    return norm_word(words[-1]) if words else ""


def split_titles(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split leading title words ("Lt Gen", "President") off a name's tokens."""
    cut = 0
    while cut < len(tokens) - 1 and is_title_word(tokens[cut]):
        cut += 1
    return tokens[:cut], tokens[cut:]


def prefix_tokens(name_tokens: list[Token]) -> list[Token]:
    """Modifier tokens written before a name in the same noun phrase."""
    doc = name_tokens[0].doc
    first = name_tokens[0].i
    head = name_tokens[-1]
    prefix: list[Token] = []
    i = first - 1
    while i >= 0:
        token = doc[i]
        in_phrase = token.dep_ in ("compound", "amod", "nmod", "poss", "case", "punct", "det")
        if token.text in (",", "—", "(") or not in_phrase:
            break
        if not (
            token.head == head or token.head.i >= first or token.head.i in {p.i for p in prefix}
        ):
            break
        prefix.insert(0, token)
        i -= 1
    while prefix and prefix[0].text.lower() in DETERMINERS:
        prefix = prefix[1:]
    return prefix


def appositive_role(head: Token) -> str | None:
    """An appositive role after a name ("Scott Berrier, Director of the Agency")."""
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            tokens = list(child.subtree)
            if norm_word(child.text) in PERSON_ROLE_NOUNS:
                return clean_name(head.doc[tokens[0].i : tokens[-1].i + 1].text)
    if head.dep_ == "appos" and head.head.i < head.i:
        governor = head.head
        if norm_word(governor.text) in PERSON_ROLE_NOUNS:
            tokens = [t for t in governor.subtree if t.i < head.left_edge.i and t.text != ","]
            start = min(t.i for t in tokens)
            end = max(t.i for t in tokens)
            return clean_name(head.doc[start : end + 1].text)
    return None


def person_appositive(head: Token) -> bool:
    """True when an appositive after a name says it is a person: a noun naming people ("X,
    a lawyer for the union", "X, director of ...") or an age ("X, 52,")."""
    for child in head.children:
        if child.i <= head.i or child.dep_ not in ("appos", "amod", "npadvmod", "nummod"):
            continue
        if child.like_num and child.i == head.i + 2 and head.doc[head.i + 1].text == ",":
            return True
        comma = head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == ","
        if child.dep_ == "appos" and comma and person_noun(child.lemma_.lower()):
            return True  # not "Zillow Home Loans senior economist Kara Ng": her employer
    return False


def org_shaped(tokens: list[Token]) -> bool:
    """True for a name shaped like an organisation's: it ends in a word organisations'
    names end in ("Global", "Association", "Magazine") or holds an acronym ("KSDK")."""
    if norm_word(tokens[-1].text) in ORG_NAME_ENDINGS:
        return True
    return any(
        len(t.text) >= 2
        and t.text.isupper()
        and t.text.isalpha()
        and t.text not in ROMAN_NUMERALS
        and not is_initials(tokens, t)
        for t in tokens
    )


def is_initials(tokens: list[Token], token: Token) -> bool:
    """True for two capitals that open a person's name ("JD Vance", "KD Hoffner"): initials
    before a surname written in small letters, not an acronym."""
    return (
        len(token.text) == 2
        and token is tokens[0]
        and len(tokens) == 2
        and tokens[1].text.istitle()
        and tokens[1].ent_type_ == "PERSON"
    )


PLACE_PREFIXES = {"st", "saint", "ste", "mt", "mount", "fort", "ft"}
"""Words that open a place's name and are also titles ("St. Louis", "Mount Sinai")."""

ROMAN_NUMERALS = {"II", "III", "IV", "VI", "VII", "VIII", "JR", "SR"}


def named_as_person(tokens: list[Token]) -> bool:
    """True when the words around a name say it names a person: a noun of people right
    before it ("County spokesperson Neetu Balram") or a noun of people it stands in
    apposition to ("the group's founder, Ale Del Pinal")."""
    doc = tokens[0].doc
    last = tokens[-1]
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if before is not None and before.pos_ == "NOUN" and person_noun(before.lemma_.lower()):
        return True
    return (
        last.dep_ == "appos" and last.head.pos_ == "NOUN" and person_noun(last.head.lemma_.lower())
    )


def given_name_first(tokens: list[Token]) -> bool:
    """True for a name of two or three capitalised words that opens with a given name
    (:func:`given_name_gender`: "Amanda Hernandez"), holds no word of organisations'
    names and is not shaped like one."""
    if not 2 <= len(tokens) <= 3 or given_name_gender(tokens[0].text) is None:
        return False
    if not all(re.fullmatch(r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*", t.text) for t in tokens):
        return False
    words = {norm_word(t.text) for t in tokens}
    return not (words & (ORG_NOUNS | ORG_NAME_ENDINGS | DOCUMENT_NOUNS)) and not org_shaped(tokens)


def looks_like_person(tokens: list[Token], label: str) -> bool:
    joiners = ("-", "–", "'", "’")  # "Keitt-Barnes", "O'Neill"
    if not tokens or any(
        t.pos_ not in ("PROPN",) and not t.text.istitle() and t.text not in joiners for t in tokens
    ):
        return False
    if any(norm_word(t.text) in ORG_NOUNS for t in tokens):
        return False
    return label == "PERSON" or len(tokens) >= 2


def name_pieces(span: Span) -> Iterable[list[Token]]:
    """Split an entity span at commas and conjunctions ("the Ministry, Igor Konashenkov").

    An organisation's name keeps a conjunction that joins the capitalised words after its
    "of" or "for" ("Centers for Disease Control and Prevention", "Department of Corrections
    and Rehabilitation"): they name what the body is for, not a second body.
    """
    piece: list[Token] = []
    for token in span:
        inner = (
            span.label_ == "ORG"
            and token.dep_ == "cc"
            and token.text.lower() in ("and", "&")
            and (token.text == "&" or any(t.lower_ in ("of", "for") for t in piece[1:]))
            and token.i + 1 < span.end
            and span.doc[token.i + 1].text[:1].isupper()
            and span.doc[token.i + 1].ent_iob_ != "B"
        )
        if inner:
            piece.append(token)
            continue
        if token.text in (",", ";") or token.dep_ == "cc":
            if piece:
                yield piece
            piece = []
        elif (
            token.tag_ == "POS"
            and token.i + 1 < span.end
            and (span.label_ == "PERSON" or not span.doc[token.i + 1].text[:1].isupper())
        ):
            # "Masvalo’s van" tagged as one person, "the Trevor Project’s 2021" as one
            # organisation: the name ends at its owner (an organisation's name may go on
            # in capitals past a possessive: "McDonald's Corporation")
            break
        elif token.tag_ != "POS":
            piece.append(token)
    if piece:
        yield piece
