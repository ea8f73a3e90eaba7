"""People and organisations of one article: building the entity index from a parsed Doc.

Names come from spaCy's entities, re-read with rules because the small model often gets
the label wrong ("Major General Igor Konashenkov" as ORG): titles are split off the name,
role phrases ("Defense Ministry spokesman", "Director of the ... Agency") are kept apart,
and the forms of one person's name are grouped by surname. The index
(:class:`~newsgraph.extract.entity_index.EntityIndex`) then maps a later mention (surname,
pronoun, "the spokesman", "the ministry") back to the entity the article named.

The entity modules, one question each: this one builds the index from a Doc;
``entity_groups`` keeps its groups and mentions; ``entity_index`` resolves a mention to
an entity; ``pronouns`` resolves pronouns (gender, agreement, salience);
``mention_spans`` finds the tokens of a mention; ``name_forms`` says what a name is.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.entity_index import EntityIndex, spoken_for
from newsgraph.extract.lexicon import (
    ATTRIBUTING_VERBS,
    GENERIC_ORG_NOUNS,
    HONORIFIC_GENDERS,
    HONORIFICS,
    ORG_NOUNS,
    PERSON_ROLE_NOUNS,
    SPEECH_VERBS,
    SPOKESPERSON_NOUNS,
)
from newsgraph.extract.mention_spans import compound_span, full_name, role_phrase, speaker_span
from newsgraph.extract.name_forms import (
    DETERMINERS,
    PLACE_PREFIXES,
    appositive_role,
    clean_name,
    given_name_first,
    is_title_word,
    looks_like_person,
    name_pieces,
    named_as_person,
    norm_word,
    org_shaped,
    person_appositive,
    prefix_tokens,
    split_titles,
)
from newsgraph.extract.paragraphs import doc_text

__all__ = ["EntityIndex", "build_entities", "headline_end", "speaker_span"]

_NAME_LABELS = {"PERSON", "ORG"}


def headline_end(doc: Doc) -> int:
    """Character offset where the body starts: after a first line that is a headline.

    A headline is a short first line without a full stop at its end.
    """
    text = doc_text(doc)
    stripped = text.lstrip()
    first_line = stripped.split("\n", 1)[0].strip()
    if not first_line or "\n" not in stripped:
        return 0
    if first_line.endswith((".", "!", "?", "”", '"')) or len(first_line.split()) > 25:
        return 0
    return text.index(first_line) + len(first_line)


def _add_name(
    index: EntityIndex,
    tokens: list[Token],
    label: str,
    surnames: set[str],
    appended: bool = False,
) -> None:
    """Record a name the model found (or a speaker it left untagged) as a person or an
    organisation, with the titles and roles written with it. ``surnames`` are the
    article's person surnames (:func:`_person_surnames`): a name ending in one is taken
    for a person's, whatever its label, unless it is shaped like an organisation's."""
    titles, name_tokens = split_titles(tokens)
    place = titles and all(norm_word(t.text) in PLACE_PREFIXES for t in titles)
    if place and name_tokens and org_shaped(name_tokens):
        titles, name_tokens = [], titles + name_tokens  # "St. Louis Magazine": no title
    while name_tokens and name_tokens[0].text.lower() in DETERMINERS:
        name_tokens = name_tokens[1:]
    if not name_tokens:
        return
    doc = name_tokens[0].doc
    span = doc[name_tokens[0].i : name_tokens[-1].i + 1]
    name = clean_name(span.text)
    if not name:
        return
    trusted = label == "PERSON" or titles or appended or norm_word(name_tokens[-1].text) in surnames
    if label == "ORG" and len(name_tokens) >= 2 and person_appositive(name_tokens[-1]):
        trusted = True  # "Tamara Keitt-Barnes, a tenant organizer": the model's ORG is wrong
    if label == "ORG" and given_name_first(name_tokens):
        trusted = True  # "Amanda Hernandez said": a given name and a surname
    if label == "ORG" and 2 <= len(name_tokens) <= 3 and named_as_person(name_tokens):
        trusted = True  # "County spokesperson Neetu Balram", "its founder, Ale Del Pinal"
    if trusted and org_shaped(name_tokens) and not titles:
        trusted = False  # "TWG Global", "KSDK": an organisation's name, whatever the label
        label = "ORG"
    if trusted and looks_like_person(name_tokens, "PERSON"):
        group = index.add("person", name, span.start_char, span.end_char)
        prefix = prefix_tokens(titles + name_tokens if titles else name_tokens)
        prefix = [t for t in prefix if t not in titles]
        more_titles: list[Token] = []
        rest = list(prefix)
        while rest and is_title_word(rest[-1]):
            more_titles.insert(0, rest.pop())
        title_text = " ".join(t.text for t in more_titles + titles)
        titles_clean = [title_text] if title_text else []
        honorific_free = [t for t in titles_clean if norm_word(t) not in HONORIFICS]
        roles = []
        if rest and any(norm_word(t.text) in PERSON_ROLE_NOUNS for t in rest):
            roles.append(clean_name(doc[rest[0].i : rest[-1].i + 1].text))
        appositive = appositive_role(name_tokens[-1])
        if appositive:
            roles.append(appositive)
        index.describe(group, titles=honorific_free, roles=roles)
        for title in more_titles + titles:
            index.set_gender(group, HONORIFIC_GENDERS.get(norm_word(title.text)))
        full = doc[(prefix or titles or name_tokens)[0].i : name_tokens[-1].i + 1].text
        if full != name:
            index.alias(group, clean_name(full), span.start_char, span.end_char)
    elif label == "ORG" or any(norm_word(t.text) in ORG_NOUNS for t in name_tokens):
        index.add("org", name, span.start_char, span.end_char)


def build_entities(doc: Doc) -> EntityIndex:
    """Find the people and organisations of an article and group their mentions.

    Args:
        doc: The parsed (masked) article.

    Returns:
        The article's entity index.
    """
    _join_cut_names(doc)
    index = EntityIndex(doc)
    body_start = headline_end(doc)
    labels = _majority_labels(doc, body_start)
    surnames = _person_surnames(doc)
    for ent in doc.ents:
        if ent.start_char < body_start or ent.label_ not in _NAME_LABELS | {"GPE"}:
            continue
        if _shouted_line(ent):
            continue
        for number, piece in enumerate(name_pieces(ent)):
            if ent.label_ == "GPE" and (len(piece) > 1 or not _known_surname(index, piece)):
                continue
            label = ent.label_
            if label == "PERSON" and labels.get(norm_word(ent.text)) == "ORG":
                label = "ORG"
            one_word = not any(t.whitespace_ for t in piece[:-1])  # "Keitt-Barnes" too
            if label == "ORG" and one_word and _known_surname(index, piece, first_names=True):
                label = "PERSON"  # "Debates said" after "Raymond Debates III": the person
            _add_name(index, piece, label, surnames, appended=number > 0)
    places = _place_names(doc, body_start)
    for token in doc:
        if token.idx < body_start or token.pos_ != "PROPN" or token.dep_ != "nsubj":
            continue
        cue = token.head.lemma_.lower()
        if token.ent_type_ in _NAME_LABELS or cue not in SPEECH_VERBS | ATTRIBUTING_VERBS:
            continue
        if token.tag_ == "NNPS":
            continue  # "Black Minnesotans say", "Missouri Republicans said": a people, no person
        span = compound_span(token)  # a speaker the model did not tag
        if index.resolve_group(span) is None:
            fuller = full_name(span) if len(span) == 1 else None
            if len(span) > 1 and _a_place(span, places, surnames):
                # "North Korea has pressed on": a place the article names as one elsewhere
                # speaks as its government, an organisation
                index.add("org", clean_name(span.text), span.start_char, span.end_char)
                continue
            if fuller is not None:  # "Salcedo says" and "Bamby Salcedo" elsewhere
                _add_name(index, list(fuller), "PERSON", surnames)
            _add_name(index, list(span), "PERSON" if len(span) > 1 else "", surnames)
    for token in doc:
        if token.idx < body_start or token.ent_type_ in _NAME_LABELS:
            continue
        found = role_phrase(token)
        if found is None:
            continue
        span, kind = found
        if kind == "role" and index.resolve_group(span) is not None:
            continue
        name = clean_name(span.text)
        if kind == "org" and any(t.ent_type_ == "ORG" for t in span) and index.resolve(span):
            continue
        owned = _place_body(index, token) if kind == "org" else None
        if owned is not None:  # "Texas’ prison agency": the Texas agency the article named
            index.add_mention(owned, span.start_char, span.end_char)
            continue
        group = index.add(kind, name, span.start_char, span.end_char)
        if kind == "role" and norm_word(token.text) in SPOKESPERSON_NOUNS:
            index.speaks_for(group, spoken_for(name), span)
    _bare_surnames(index, doc, body_start)
    return index


def _place_body(index: EntityIndex, token: Token) -> int | None:
    """The organisation a place's generic body stands for ("Texas’ prison agency", "the
    state's health department"): the one organisation the article named whose name holds
    the place's name and a word for a body ("Texas Department of Criminal Justice")."""
    if token.lemma_.lower() not in GENERIC_ORG_NOUNS:
        return None
    owners = [  # "Texas’" with its apostrophe parsed apart is an nmod
        c
        for c in token.children
        if c.dep_ in ("poss", "nmod") and c.ent_type_ in ("GPE", "LOC") and c.i < token.i
    ]
    if len(owners) != 1:
        return None
    place = norm_word(compound_span(owners[0]).text)
    found = [
        g
        for g in index._by_kind("org")
        if f" {place} " in f" {norm_word(index._groups[g].name)} "
        and norm_word(index._groups[g].name) != place
        and any(norm_word(w) in ORG_NOUNS for w in index._groups[g].name.split())
    ]
    return found[0] if len(found) == 1 else None


def _place_names(doc: Doc, body_start: int) -> set[str]:
    """The names the model tags as places (GPE, LOC) somewhere in the article's body."""
    return {
        norm_word(e.text)
        for e in doc.ents
        if e.start_char >= body_start and e.label_ in ("GPE", "LOC")
    }


def _a_place(span: Span, places: set[str], surnames: set[str]) -> bool:
    """True when an untagged speaker's name is a place's: the article tags the same name
    a place elsewhere, and nothing marks a person (no title or given name before it, not
    the surname of someone the article names as a person)."""
    key = norm_word(clean_name(span.text))
    if key not in places or norm_word(span[-1].text) in surnames:
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is None or not (is_title_word(before) or before.ent_type_ == "PERSON")


SHOUTED_WORDS = 4
"""Words in capitals from which an entity is a line in capitals (a cross-heading: "TRUMP
WARNS IRAN FIGHTING ISN'T OVER"), not a name."""


def _shouted_line(ent: Span) -> bool:
    """True for an entity of :data:`SHOUTED_WORDS` or more words all in capitals: a heading
    set in capitals inside the body, which the model takes for an organisation; names in
    capitals are acronyms, one or two words."""
    words = [t.text for t in ent if t.text[:1].isalpha()]
    return len(words) >= SHOUTED_WORDS and all(w.isupper() for w in words)


def _person_surnames(doc: Doc) -> set[str]:
    """The last words of the names the model tags as a person, but for names the article
    mostly calls an organisation (:func:`_majority_labels`). Read once per article (the
    names' entities do not change while the index is built)."""
    majority = _majority_labels(doc, 0)
    return {
        norm_word(e[-1].text)
        for e in doc.ents
        if e.label_ == "PERSON" and majority.get(norm_word(e.text), "PERSON") == "PERSON"
    }


def _bare_surnames(index: EntityIndex, doc: Doc, body_start: int) -> None:
    """Record as a mention of a person a lone proper noun that is the surname of exactly
    one person the article names in full, where the model tagged it as no person
    ("Masvalo’s van" untagged, "Salcedo is" tagged ORG after "Bamby Salcedo"): a pronoun
    after it can then continue that person."""
    people: dict[str, list[int]] = {}
    for group in index._by_kind("person"):
        if len(index._groups[group].name.split()) >= 2:
            people.setdefault(index._groups[group].surname, []).append(group)
    if not people:
        return
    recorded = {m.start for m in index._mentions}
    for token in doc:
        if token.idx < body_start or token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
            continue
        found = people.get(norm_word(token.text))
        if found is None or len(found) != 1 or token.idx in recorded:
            continue
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        if any(n.pos_ == "PROPN" or n.ent_iob_ == "I" for n in neighbours):
            continue  # part of a longer name ("Jones Act", "Smith & Wesson")
        if token.ent_iob_ == "I" or (token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I"):
            continue
        index.add_mention(found[0], token.idx, token.idx + len(token.text))


def _join_cut_names(doc: Doc) -> None:
    """Mend organisation names the model cut short, once per document: a name ending in
    "of", "for" or "and" runs on into the name right after it ("The US Centers for" +
    "Medicare & Medicaid Services"); a name whose last word modifies a capitalised noun
    right after it takes that noun ("Zillow Home" + "Loans")."""
    key = "newsgraph.joined_names"
    if doc.user_data.get(key):
        return
    doc.user_data[key] = True
    ents = list(doc.ents)
    mended, changed, i = [], False, 0
    while i < len(ents):
        ent = ents[i]
        following = ents[i + 1] if i + 1 < len(ents) else None
        if (
            ent.label_ == "ORG"
            and following is not None
            and following.label_ == "ORG"
            and following.start == ent.end
            and ent[-1].text.lower() in ("of", "for", "and", "&")
        ):
            mended.append(Span(doc, ent.start, following.end, label="ORG"))
            changed, i = True, i + 2
            continue
        last = ent[-1]
        if (
            ent.label_ == "ORG"
            and ent.end < len(doc)
            and last.dep_ == "compound"
            and last.head.i == ent.end
            and last.head.pos_ == "PROPN"
            and last.head.text[:1].isupper()
            and last.head.ent_type_ == ""
            and (following is None or following.start > ent.end)
        ):
            mended.append(Span(doc, ent.start, ent.end + 1, label="ORG"))
            changed = True
        else:
            mended.append(ent)
        i += 1
    if changed:
        doc.ents = mended


def _majority_labels(doc: Doc, body_start: int) -> dict[str, str]:
    """The label the model gives a one-word name most often in the article, for the names
    it tags both as a person and as an organisation ("OpenAI" seven times ORG, three times
    PERSON): one name is one kind of thing throughout an article. Ties, and surnames of
    a fuller person's name ("Garg" of "Vishal Garg"), are left to each mention. A one-word
    "person" the article writes as the maker of a poll or report is an organisation
    (:func:`_publishers`)."""
    key = f"newsgraph.majority_labels.{body_start}"
    if key in doc.user_data:
        return doc.user_data[key]
    votes: dict[str, Counter[str]] = {}
    surnames = set()
    for ent in doc.ents:
        if ent.start_char >= body_start and ent.label_ in _NAME_LABELS:
            votes.setdefault(norm_word(ent.text), Counter())[ent.label_] += 1
            if ent.label_ == "PERSON" and len(ent) > 1:
                surnames.add(norm_word(ent[-1].text))
    found = {}
    for name, counts in votes.items():
        (first, most), *rest = counts.most_common()
        if rest and most > rest[0][1] and len(name.split()) == 1 and name not in surnames:
            found[name] = first
    for name in (_publishers(doc, body_start) | _defined_acronyms(doc, body_start)) - surnames:
        found[name] = "ORG"
    doc.user_data[key] = found
    return found


def _defined_acronyms(doc: Doc, body_start: int) -> set[str]:
    """Short names in capitals an article defines in parentheses after a name
    ("Alternative für Deutschland (AfD)", "the National Center for Transgender Equality
    (NCTE)"): a body's initials; people are not given acronyms."""
    found = set()
    for token in doc[1:-1]:
        if token.idx < body_start or doc[token.i - 1].text != "(" or doc[token.i + 1].text != ")":
            continue
        capitals = sum(c.isupper() for c in token.text)
        if not (token.text.isalpha() and capitals >= 2 and token.text[0].isupper()):
            continue
        before = doc[token.i - 2] if token.i >= 2 else None
        if before is not None and before.pos_ == "PROPN":
            found.add(norm_word(token.text))
    return found


PUBLISHED_NOUNS = frozenset(
    {"poll", "polling", "survey", "data", "report", "reporting", "study", "analysis",
     "research", "index", "forecast", "projection", "estimate"}
)  # fmt: skip
"""Nouns of what a body publishes: a name written before one as its maker ("a Berkeleyside
report", "according to Ipsos polling") is a publisher."""


def _publishers(doc: Doc, body_start: int) -> set[str]:
    """One-word names the article writes as the maker of a poll, report or data ("Ipsos
    polling", "a Berkeleyside report", whatever the model tags that mention): when the model
    tags the name a person elsewhere, it is an organisation's all the same (a person's
    report is "Smith's report", or that of someone the article names in full)."""
    found = set()
    for token in doc:
        if token.idx < body_start or token.pos_ != "PROPN" or token.dep_ != "compound":
            continue
        head = token.head
        if head.i <= token.i or head.pos_ != "NOUN" or head.lemma_.lower() not in PUBLISHED_NOUNS:
            continue
        if any(
            c.dep_ == "compound" and c.pos_ == "PROPN" and c.i != token.i for c in head.children
        ):
            continue  # "a Harbour College poll": a longer name
        if any(c.dep_ == "compound" for c in token.children):
            continue
        found.add(norm_word(token.text))
    persons = {norm_word(e.text) for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
    return found & persons


def _known_surname(index: EntityIndex, piece: list[Token], first_names: bool = False) -> bool:
    key = norm_word("".join(t.text_with_ws for t in piece).strip())
    if any(g.kind == "person" and g.surname == key for g in index._groups):
        return True  # the surname of a fuller name ("Debates" of "Raymond Debates III")
    return first_names and len(piece) == 1 and index._by_first_name(key) is not None
