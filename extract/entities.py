"""People and organisations of one article, and the resolution of mentions to them.

Names come from spaCy's entities, re-read with rules because the small model often gets
the label wrong ("Major General Igor Konashenkov" as ORG): titles are split off the name,
role phrases ("Defense Ministry spokesman", "Director of the ... Agency") are kept apart,
and the forms of one person's name are grouped by surname. :meth:`EntityIndex.resolve`
then maps a later mention (surname, pronoun, "the spokesman", "the ministry") back to the
entity the article named.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.given_names import given_name_gender
from newsgraph.extract.lexicon import (
    ATTRIBUTING_VERBS,
    DOCUMENT_NOUNS,
    GENERIC_ORG_NOUNS,
    GROUP_PRONOUNS,
    HONORIFIC_GENDERS,
    HONORIFICS,
    LEADER_NOUNS,
    ORG_NOUNS,
    ORG_PRONOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    PRONOUN_GENDERS,
    SPEECH_VERBS,
    SPOKESPERSON_NOUNS,
    TITLE_WORDS,
    UNNAMED_SPEAKER_NOUNS,
)
from newsgraph.extract.name_forms import (
    DETERMINERS,
    EDGE_PUNCTUATION,
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
    same_org,
    spells,
    split_titles,
    surname_of,
)
from newsgraph.extract.paragraphs import doc_text
from newsgraph.extract.records import Entity, EntityKind
from newsgraph.extract.sources import Described, describe_source

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


SPOKESPERSON_WINDOW = 400
"""How far back (characters) an unaffiliated spokesperson looks for the organisation they
speak for."""
LEADER_WINDOW = 1500
"""How far back (characters) a leader noun ("the Russian president") looks for its person."""


@dataclass
class _Group:
    """One real-world entity while the article is read."""

    kind: EntityKind
    forms: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    affiliation: int | None = None
    """The group of the organisation an unnamed source speaks for, or a document's owner."""
    represents: bool = False
    """An unnamed source that speaks for its affiliation (a spokesperson)."""
    gender: str | None = None
    """"m" or "f" for a person, from an honorific ("Mrs.", "Queen")."""
    learned: str | None = None
    """"m" or "f" from the pronouns resolved to the person."""

    @property
    def name(self) -> str:
        return max(self.forms, key=lambda f: (len(f.split()), len(f)))

    @property
    def surname(self) -> str:
        return surname_of(self.name)

    @property
    def first_name(self) -> str | None:
        """The first word of a person's full name ("Xi" of "Xi Jinping", "Katie" of
        "Katie O'Bryant"), or None for a one-word name."""
        words = self.name.split()
        return norm_word(words[0]) if len(words) >= 2 and self.kind == "person" else None

    def keywords(self) -> set[str]:
        described = self.titles + self.roles + self.aliases
        text = " ".join(described + (self.forms if self.kind == "role" else []))
        return {norm_word(w) for w in re.findall(r"[\w.’']+", text)} - DETERMINERS

    def add(self, target: list[str], value: str) -> None:
        value = value.strip(EDGE_PUNCTUATION)
        if value and value not in target:
            target.append(value)

    def entity(self) -> Entity:
        name = self.name
        aliases = [f for f in self.forms + self.aliases if f != name]
        return Entity(
            name=name,
            kind=self.kind,
            aliases=tuple(dict.fromkeys(aliases)),
            titles=tuple(self.titles),
            roles=tuple(self.roles),
        )


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    group: int


class EntityIndex:
    """The entities of one article and their mentions, in text order."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._groups: list[_Group] = []
        self._mentions: list[_Mention] = []
        self._cache: dict[int, Entity] = {}
        self.quoted: list[tuple[int, int]] = []
        """Character ranges of quotations: a name inside one is the speaker's words, never
        the antecedent of the pronoun that attributes them ("“Jesus waits,” she said")."""

    def _in_quote(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    @property
    def entities(self) -> tuple[Entity, ...]:
        """One record per real-world person, organisation or office holder."""
        return tuple(self._entity(i) for i in range(len(self._groups)))

    def _entity(self, group: int) -> Entity:
        if group not in self._cache:
            entity = self._groups[group].entity()
            owner = self._groups[group].affiliation
            if owner is not None and owner != group:
                entity = dataclasses.replace(
                    entity,
                    affiliation=self._entity(owner),
                    represents=self._groups[group].represents,
                )
            self._cache[group] = entity
        return self._cache[group]

    def add_unnamed(self, head: Token) -> int | None:
        """The group of the unnamed source, document or anonymous source whose head is
        ``head`` (:func:`~newsgraph.extract.sources.describe_source`), created when new;
        None when the phrase is not a source."""
        found = describe_source(head)
        if found is None:
            return None
        earlier = self._same_document(head, found) if found.kind == "document" else None
        if earlier is not None:  # "the poll" after "a new poll from Reuters/Ipsos"
            self._mentions.append(_Mention(found.start, found.end, earlier))
            return earlier
        group = self.add(found.kind, found.description, found.start, found.end)
        if found.affiliation is not None and self._groups[group].affiliation is None:
            span = _affiliation_span(found.affiliation)
            owner = self.resolve_group(span) if "/" not in span.text else None
            if owner is None or self._groups[owner].kind not in ("org", "person"):
                name = clean_name(span.text)
                owner = self.add("org", name, span.start_char, span.end_char) if name else None
            self._cache.clear()
            self._groups[group].affiliation = owner
            self._groups[group].represents = found.represents
        elif norm_word(head.text) in SPOKESPERSON_NOUNS and self._groups[group].affiliation is None:
            # "Waymo is expanding ... A spokesperson said": a spokesperson is always
            # someone's; with none named, the organisation named just before
            span = head.doc[head.i : head.i + 1]
            orgs = [
                g
                for g in self._by_kind("org")
                if self._groups[g].name[:1].isupper() and self._near(g, span, SPOKESPERSON_WINDOW)
            ]
            owner = self._nearest(head.idx, orgs) if orgs else None
            if owner is not None:
                self._cache.clear()
                self._groups[group].affiliation = owner
                self._groups[group].represents = True
        return group

    def add_untagged(self, span: Span) -> int | None:
        """A named speaker the model did not tag as a person or organisation: a place
        that speaks is its government or institution ("China claims", "Britain voiced
        concern", "according to Bloomberg" tagged GPE), an organisation; a proper name the
        model left untagged is a person ("Mike-Mike said"). None for anything else."""
        root = span.root
        if root.pos_ != "PROPN" or not span.text[:1].isupper() or root.ent_type_ == "PERSON":
            return None
        name = clean_name(span.text)
        words = {t.lemma_.lower() for t in span} | {norm_word(t.text) for t in span}
        if not name or norm_word(name) in TITLE_WORDS or words & (ORG_NOUNS | DOCUMENT_NOUNS):
            return None  # "the 27th Amendment, which says", "the National Survey"
        if root.ent_type_ in ("GPE", "LOC", "FAC", "ORG") or (
            root.ent_type_ == "NORP" and root.tag_ == "NNP"
        ):
            return self.add("org", name, span.start_char, span.end_char)
        person_shaped = all(re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", t.text) for t in span)
        if not root.ent_type_ and len(span) <= 3 and person_shaped:
            return self.add("person", name, span.start_char, span.end_char)
        return None

    def mentions(self, group: int, token: Token) -> bool:
        """True when ``token`` lies in a recorded mention of ``group``, or is a "he"/"she"
        that agrees with a person group."""
        if token.lower_ in PERSON_PRONOUNS | {"his", "her"}:
            return self._groups[group].kind == "person" and self.agrees_known(group, token.lower_)
        return any(m.group == group and m.start <= token.idx < m.end for m in self._mentions)

    def speaks_for(self, group: int, org: str | None, span: Span) -> None:
        """Make an unnamed spokesperson ("the Sheriff's Office spokesperson") speak as the
        organisation named in their role, as news sourcing counts them."""
        name = clean_name(org or "")
        if not name or self._groups[group].affiliation is not None:
            return
        owner = self._org_named(name)
        if owner is None:
            owner = self.add("org", name, span.start_char, span.end_char)
        self._cache.clear()
        self._groups[group].affiliation = owner
        self._groups[group].represents = True

    def subject_person(self, span: Span, pronoun: str) -> int | None:
        """The person who is the grammatical subject of the sentence before ``span`` (or of
        its own sentence, before it) and agrees with ``pronoun``: a pronoun continues the
        subject, not the last name mentioned ("Mary Smith met John Brown. She said")."""
        doc = self.doc
        sentence = doc[span.start].sent
        previous = doc[sentence.start - 1].sent if sentence.start > 0 else None
        low = previous.start_char if previous is not None else sentence.start_char
        found = None
        for mention in self._mentions:
            if not (low <= mention.start and mention.end <= span.start_char):
                continue
            if self._groups[mention.group].kind != "person":
                continue
            if not self.agrees(mention.group, pronoun) or self._in_quote(mention.start):
                continue
            mentioned = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if mentioned is not None and _main_subject(mentioned.root):
                found = mention.group  # the latest subject wins
        return found

    def named_in(self, start: int, end: int, pronoun: str) -> int | None:
        """The person a pronoun most likely continues among those named between ``start``
        and ``end`` (its paragraph, after the last statement): one whose gender is known to
        agree over one merely not contradicting it, a subject or a subject's owner
        ("Anderson's first stint ... he said") over another role, then the latest."""
        doc = self.doc
        ranked = []
        for mention in self._mentions:
            if not (start <= mention.start and mention.end <= end):
                continue
            group = mention.group
            if self._groups[group].kind != "person" or not self.agrees(group, pronoun):
                continue
            if self._in_quote(mention.start):
                continue
            mentioned = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            root = mentioned.root if mentioned is not None else None
            subject = root is not None and (
                root.dep_ in ("nsubj", "nsubjpass")
                or root.dep_ == "poss"
                and root.head.dep_ in ("nsubj", "nsubjpass")
            )
            ranked.append((self.agrees_known(group, pronoun), subject, mention.start, group))
        return max(ranked)[3] if ranked else None

    def _plural_subject(self, span: Span) -> int | None:
        """ "they" continues the main-clause subject before it (in its own sentence, else
        the sentence before) when that subject can be "they": people described in the
        plural ("Lawyers for the teenagers sought ... because they said"), a coordination
        ("The board and tribal leaders contend ... They also said", "Patrick and Turner
        ... They say" gives the first named), or an organisation. A singular person
        subject is skipped: "they" is never one named person."""
        doc = self.doc
        sentence = doc[span.start].sent
        sentences = [doc[sentence.start : span.start]]
        if sentence.start > 0:
            sentences.append(doc[sentence.start - 1].sent)
        for tokens in sentences:
            subjects = [t for t in tokens if _main_subject(t) and t.i < span.start]
            if not subjects:
                continue
            subject = subjects[-1]
            if subject.lower_ in GROUP_PRONOUNS:
                continue
            coordinated = any(c.dep_ == "conj" for c in subject.children)
            group = next((m.group for m in self._mentions if m.start <= subject.idx < m.end), None)
            kind = self._groups[group].kind if group is not None else None
            if kind == "org" or (kind == "person" and coordinated):
                return group
            if kind is None and subject.pos_ in ("NOUN", "PRON", "DET", "ADJ"):
                found = describe_source(subject)
                if found is not None and found.kind in ("unnamed-group", "anonymous"):
                    return self.add_unnamed(subject)
            return None
        return None

    def _plural_subject_before(self, span: Span) -> int | None:
        """ "They" for the people who are the subject of the sentence before ("Analysts
        praised the deal. They said ..."), as an unnamed group."""
        sentence = self.doc[span.start].sent
        if sentence.start == 0:
            return None
        for token in self.doc[sentence.start - 1].sent:
            if token.dep_ == "nsubj" and token.pos_ == "NOUN":
                found = describe_source(token)
                if found is not None and found.kind == "unnamed-group":
                    return self.add_unnamed(token)
        return None

    def _same_document(self, head: Token, found: Described) -> int | None:
        """The document a definite description without an owner refers back to: the
        latest one before it named with the same noun ("the poll", "the report")."""
        definite = any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children
        )
        if not definite or found.affiliation is not None:
            return None
        noun = head.lemma_.lower()
        documents = [
            i
            for i in self._by_kind("document")
            if noun
            in {w.lower().rstrip("s") for w in self._groups[i].name.split()}
            | {w.lower() for w in self._groups[i].name.split()}
        ]
        return self._nearest(found.start, documents) if documents else None

    def kind_of(self, group: int) -> EntityKind:
        return self._groups[group].kind

    def set_gender(self, group: int, gender: str | None) -> None:
        """Record a person's gender told by a title ("Mrs.", "Queen")."""
        if gender and self._groups[group].gender is None:
            self._groups[group].gender = gender

    def learn_gender(self, group: int, pronoun: str) -> None:
        """Remember the gender a resolved "he" or "she" gives a person."""
        gender = PRONOUN_GENDERS.get(pronoun.lower())
        if gender and self._groups[group].kind == "person" and self._groups[group].learned is None:
            self._groups[group].learned = gender

    def agrees(self, group: int, pronoun: str) -> bool:
        """True unless the person's known gender contradicts the pronoun."""
        gender = PRONOUN_GENDERS.get(pronoun.lower())
        known = self._gender(group)
        return gender is None or known is None or known == gender

    def agrees_known(self, group: int, pronoun: str) -> bool:
        """True when the person's gender is known and is the pronoun's."""
        gender = PRONOUN_GENDERS.get(pronoun.lower())
        return gender is not None and self._gender(group) == gender

    def gendered_in(self, start: int, end: int, pronoun: str) -> int | None:
        """The one person mentioned between ``start`` and ``end`` (a pronoun's own sentence
        before it) whose known gender is the pronoun's, or None."""
        found = {
            m.group
            for m in self._mentions
            if start <= m.start
            and m.end <= end
            and self._groups[m.group].kind == "person"
            and self.agrees_known(m.group, pronoun)
            and not self._in_quote(m.start)
        }
        return found.pop() if len(found) == 1 else None

    def _gender(self, group: int) -> str | None:
        """A person's gender, from what tells it best: an honorific ("Mrs."), a gendered
        title or role ("spokeswoman for X", "City Councilwoman Julie Won"), the given name
        (:func:`given_name_gender`: "Lisa Matichak"), else the pronouns resolved to them."""
        found = self._groups[group]
        if found.gender is not None:
            return found.gender
        for title in found.titles + found.roles + found.aliases:
            genders = {HONORIFIC_GENDERS.get(norm_word(w)) for w in title.split()} - {None}
            if len(genders) == 1:
                return genders.pop()
        if found.kind == "person":
            words = found.name.split()
            if len(words) >= 2 and (gender := given_name_gender(words[0])) is not None:
                return gender
        return found.learned

    # -- building -------------------------------------------------------------------------

    def _by_first_name(self, word: str) -> int | None:
        """The one person of the article whose full name starts with ``word`` and whom no
        other person has as surname: "Xi" for "Xi Jinping" (family name first), "Katie"
        for "Katie O'Bryant" (a first name in a feature)."""
        people = self._by_kind("person")
        if any(self._groups[i].surname == word for i in people):
            return None
        found = [i for i in people if self._groups[i].first_name == word]
        return found[0] if len(found) == 1 else None

    def _find_group(self, kind: EntityKind, name: str) -> int | None:
        key = norm_word(name)
        if kind == "person" and len(key.split()) == 1:
            by_first = self._by_first_name(key)
            if by_first is not None and key != self._groups[by_first].surname:
                return by_first
        if kind == "person" and len(key.split()) >= 2:
            # "Xi" first, "Xi Jinping" later: the one-word person is this one
            first = key.split()[0]
            alone = [
                i
                for i in self._by_kind("person")
                if [norm_word(f) for f in self._groups[i].forms] == [first]
            ]
            if len(alone) == 1 and self._by_first_name(first) is None:
                return alone[0]
        for i, group in enumerate(self._groups):
            if group.kind != kind:
                continue
            forms = {norm_word(f) for f in group.forms + group.aliases}
            if key in forms:
                return i
            if kind == "org" and any(
                spells(name, form) or spells(form, name) for form in group.forms
            ):
                return i  # "CDC" and "Centers for Disease Control and Prevention"
            if kind == "org" and any(same_org(name, form) for form in group.forms):
                return i
            if kind == "person" and surname_of(key) == group.surname:
                first = key.split()[0]
                if len(key.split()) == 1 or all(
                    len(f.split()) == 1 or f.split()[0] == first for f in forms
                ):
                    return i
        return None

    def add(self, kind: EntityKind, name: str, start: int, end: int) -> int:
        """Record a mention of a named entity, creating its group when new."""
        self._cache.clear()
        found = self._find_group(kind, name)
        if found is None:
            self._groups.append(_Group(kind, forms=[name]))
            found = len(self._groups) - 1
        else:
            self._groups[found].add(self._groups[found].forms, name)
        self._mentions.append(_Mention(start, end, found))
        return found

    def describe(self, group: int, *, titles: Iterable[str] = (), roles: Iterable[str] = ()):
        """Attach titles and roles seen with a mention to its entity."""
        self._cache.clear()
        for title in titles:
            self._groups[group].add(self._groups[group].titles, title)
        for role in roles:
            self._groups[group].add(self._groups[group].roles, role)

    def alias(self, group: int, text: str, start: int, end: int) -> None:
        """Record another form (a role phrase) of an entity and its mention."""
        self._cache.clear()
        if norm_word(text) != norm_word(self._groups[group].name):
            self._groups[group].add(self._groups[group].aliases, text)
        self._mentions.append(_Mention(start, end, group))

    # -- resolving ------------------------------------------------------------------------

    def _nearest(self, before: int, groups: Iterable[int]) -> int | None:
        allowed = set(groups)
        best, best_end = None, -1
        for mention in self._mentions:
            if mention.group in allowed and mention.end <= before and mention.end > best_end:
                best, best_end = mention.group, mention.end
        if best is None and allowed:
            firsts = [m for m in self._mentions if m.group in allowed]
            best = min(firsts, key=lambda m: m.start).group if firsts else min(allowed)
        return best

    def spokespeople(self) -> dict[int, int]:
        """The organisation each spokesperson speaks for, as group numbers.

        A person whose role is "spokesman of the Ministry of Defense" or "Defense Ministry
        spokesman" speaks for the organisation of the article with that name.
        """
        found: dict[int, int] = {}
        for person in self._by_kind("person"):
            for role in self._groups[person].roles:
                org = _spoken_for(role)
                group = self._org_named(org) if org else None
                if group is not None:
                    found[person] = group
                    break
        return found

    def _org_named(self, name: str) -> int | None:
        for i in self._by_kind("org"):
            if any(
                same_org(name, form) for form in self._groups[i].forms + self._groups[i].aliases
            ):
                return i
        return None

    def _by_kind(self, kind: EntityKind) -> list[int]:
        return [i for i, g in enumerate(self._groups) if g.kind == kind]

    def resolve(self, span: Span) -> Entity | None:
        """Map a mention to the entity the article names with it, or None.

        Names and surnames match their entity; "he"/"she" the nearest person before;
        "it" the nearest organisation; role phrases ("the spokesman", "the Major General")
        the person described that way; organisation nouns ("the ministry") the named
        organisation with that noun.
        """
        group = self.resolve_group(span)
        return None if group is None else self._entity(group)

    def resolve_group(self, span: Span) -> int | None:
        """Like :meth:`resolve`, but returns the internal group number."""
        for mention in self._mentions:
            if mention.start == span.start_char and mention.end == span.end_char:
                return mention.group
        root = span.root
        lower = root.text.lower()
        if lower in PERSON_PRONOUNS:
            people = [g for g in self._by_kind("person") if self.agrees(g, lower)]
            return self._nearest(span.start_char, people)
        if lower in GROUP_PRONOUNS:  # a group or an organisation, never one named person
            subject = self._plural_subject(span)
            if subject is not None:
                return subject
            plural = self._by_kind("unnamed-group") + self._by_kind("group")
            found = self._nearest(span.start_char, plural + self._by_kind("org"))
            if found is not None and self._near(found, span, 600):
                return found
            return self._plural_subject_before(span)
        if lower in ORG_PRONOUNS:
            subject = self._subject_thing(span)
            if subject is not None:
                return subject
            orgs = self._by_kind("org")
            found = self._nearest(span.start_char, orgs)
            return found if found is not None and self._near(found, span, 400) else None
        name = clean_name(span.text)
        if not name:
            return None
        words = [norm_word(w) for w in name.split()]
        head = norm_word(root.text)
        titles_only = all(w in TITLE_WORDS for w in words)
        if (head in PERSON_ROLE_NOUNS and root.pos_ != "PROPN") or titles_only:
            return self._match_role(words, head, span)
        # A name or surname of a known person, or a known organisation name.
        if root.pos_ == "PROPN" or span.text[:1].isupper() and root.pos_ != "PRON":
            person = self._match_person(words, span)
            if person is not None:
                return person
            org = self._match_org(words, span)
            if org is not None:
                return org
        if head in PERSON_ROLE_NOUNS or head in TITLE_WORDS:
            return self._match_role(words, head, span)
        if head in ORG_NOUNS or root.lemma_.lower() in ORG_NOUNS:
            found = self._match_org(words, span, head=head)
            if found is not None or root.lemma_.lower() not in GENERIC_ORG_NOUNS:
                return found
        if root.lemma_.lower() in GENERIC_ORG_NOUNS and root.pos_ == "NOUN":
            # "the company", "the brand": the organisation named last, when near
            orgs = self._by_kind("org")
            found = self._nearest(span.start_char, orgs)
            return found if found is not None and self._near(found, span, LEADER_WINDOW) else None
        return None

    def _subject_thing(self, span: Span) -> int | None:
        """ "it" as a speaker continues the organisation or document that is the subject of
        a main clause before it, in its own sentence, else in the sentence before ("The UK
        banned trade in the West Bank, where it says ..." is the UK; "The email sent by an
        official briefs colleagues. It shows ..." is the email), not the last thing named."""
        doc = self.doc
        sentence = doc[span.start].sent
        sentences = [doc[sentence.start : span.start]]
        if sentence.start > 0:
            sentences.append(doc[sentence.start - 1].sent)
        for tokens in sentences:
            for token in reversed(list(tokens)):
                if not _main_subject(token) or token.lower_ in ORG_PRONOUNS:
                    continue
                for mention in self._mentions:
                    if mention.start <= token.idx < mention.end:
                        if self._groups[mention.group].kind in ("org", "document"):
                            return mention.group
                        break
                else:
                    if token.pos_ == "PROPN" and token.ent_type_ in ("GPE", "ORG"):
                        return self.add_untagged(_compound_span(token))  # "the UK ..., it says"
                    if token.pos_ == "NOUN" and token.lemma_.lower() in DOCUMENT_NOUNS:
                        found = self.add_unnamed(token)
                        if found is not None and self._groups[found].kind == "document":
                            return found
                break  # the latest main-clause subject decides
        return None

    def _near(self, group: int, span: Span, distance: int) -> bool:
        return any(
            m.group == group and 0 <= span.start_char - m.end <= distance for m in self._mentions
        )

    def _match_person(self, words: list[str], span: Span) -> int | None:
        content = [w for w in words if w not in TITLE_WORDS or w == words[-1]]
        if not content:
            return None
        key = " ".join(content)
        candidates = []
        for i in self._by_kind("person"):
            group = self._groups[i]
            forms = {norm_word(f) for f in group.forms + group.aliases}
            if key in forms or content[-1] == group.surname:
                candidates.append(i)
        if not candidates and len(content) == 1:
            by_first = self._by_first_name(content[0])
            candidates = [by_first] if by_first is not None else []
        return self._nearest(span.start_char, candidates) if candidates else None

    def _match_org(self, words: list[str], span: Span, head: str | None = None) -> int | None:
        key = " ".join(words)
        exact: list[int] = []
        partial: list[int] = []
        orgs = self._by_kind("org")
        for i in orgs + self._by_kind("role"):
            if i not in orgs and (exact or partial):
                break
            group = self._groups[i]
            forms = [norm_word(f) for f in group.forms + group.aliases]
            if key in forms:
                exact.append(i)
            elif (
                head
                and any(head in f.split() for f in forms)
                or not head
                and any(key in f or (f in key and len(f) > 3) for f in forms)
            ):
                partial.append(i)
        candidates = exact or partial
        return self._nearest(span.start_char, candidates) if candidates else None

    def _match_role(self, words: list[str], head: str, span: Span) -> int | None:
        scored = []
        for i in self._by_kind("person") + self._by_kind("role"):
            keywords = self._groups[i].keywords()
            if head in keywords:
                scored.append((len(keywords & set(words)), i))
        if scored:
            best = max(score for score, _ in scored)
            return self._nearest(span.start_char, [i for s, i in scored if s == best])
        definite = any(t.lower_ == "the" and t.dep_ == "det" for t in span.root.children)
        if head in LEADER_NOUNS or (definite and head in PERSON_ROLE_NOUNS):
            # "the minister" is someone the reader knows: the person just named
            return self._recent_undescribed_person(span, LEADER_WINDOW)
        return None

    def _recent_undescribed_person(self, span: Span, window: int) -> int | None:
        """The person mentioned last before ``span`` (within ``window`` characters) whose
        article gives them no role: "Putin ... The Russian president said" names Putin,
        but never someone the article calls a spokesman or a senator."""
        people = [
            i
            for i in self._by_kind("person")
            if not (self._groups[i].keywords() & PERSON_ROLE_NOUNS)
        ]
        found = self._nearest(span.start_char, people)
        if found is None or not self._near(found, span, window):
            return None
        return found


def _main_subject(token: Token) -> bool:
    """True for the subject of a main clause, not of a clause of time, condition or
    relation ("When Cyclone Jude was forecast, they left" has no main-clause person)."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.dep_ not in ("advcl", "relcl", "acl", "pcomp")


def _spoken_for(role: str) -> str | None:
    """The organisation named in a spokesperson role, or None for another role.

    >>> _spoken_for("spokesman of the Ministry of Defense")
    'Ministry of Defense'
    >>> _spoken_for("Defense Ministry spokesman")
    'Defense Ministry'
    """
    lower = role.lower()
    noun = next((n for n in sorted(SPOKESPERSON_NOUNS, key=len, reverse=True) if n in lower), None)
    if noun is None:
        return None
    at = lower.index(noun)
    before, after = role[:at].strip(), role[at + len(noun) :].strip()
    after = re.sub(r"^(?:of|for|at)\s+(?:the\s+)?", "", after, flags=re.IGNORECASE)
    return clean_name(after or before) or None


def _add_name(index: EntityIndex, tokens: list[Token], label: str, appended: bool = False) -> None:
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
    majority = _majority_labels(doc, 0)
    surnames = {
        norm_word(e[-1].text)
        for e in doc.ents
        if e.label_ == "PERSON" and majority.get(norm_word(e.text), "PERSON") == "PERSON"
    }
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


def _role_phrase(token: Token) -> tuple[Span, EntityKind] | None:
    """An identifiable office holder or organisation phrase headed by ``token``.

    "the region's governor", "governor of Yakutia", "the country's military",
    "the BBC's Russian-language service" qualify: a possessive, an of-phrase or a proper
    modifier makes them identifiable. Plural and indefinite phrases never do.
    """
    head = norm_word(token.text)
    lemma = token.lemma_.lower()
    if token.tag_ in ("NNS", "NNPS") or lemma in UNNAMED_SPEAKER_NOUNS:
        return None
    if any(
        c.dep_ == "det" and c.text.lower() in ("a", "an", "some", "any") for c in token.children
    ):
        return None
    kind: EntityKind
    if head in PERSON_ROLE_NOUNS:
        kind = "role"
    elif head in ORG_NOUNS or lemma in ORG_NOUNS:
        kind = "org"
    else:
        return None
    left = [c for c in token.lefts if c.dep_ in ("poss", "compound", "amod", "nmod", "det")]
    of_phrase = [
        c for c in token.rights if c.dep_ == "prep" and c.text.lower() == "of" and list(c.children)
    ]
    identifying = [c for c in left if c.dep_ == "poss" or c.pos_ == "PROPN" or c.ent_type_]
    if not identifying and not of_phrase:
        return None
    start = min([c.left_edge.i for c in left] + [token.i])
    end = max([c.right_edge.i for c in of_phrase] + [token.i])
    doc = token.doc
    while start < token.i and doc[start].text.lower() in DETERMINERS:
        start += 1
    return doc[start : end + 1], kind


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
    for ent in doc.ents:
        if ent.start_char < body_start or ent.label_ not in _NAME_LABELS | {"GPE"}:
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
            _add_name(index, piece, label, appended=number > 0)
    for token in doc:
        if token.idx < body_start or token.pos_ != "PROPN" or token.dep_ != "nsubj":
            continue
        cue = token.head.lemma_.lower()
        if token.ent_type_ in _NAME_LABELS or cue not in SPEECH_VERBS | ATTRIBUTING_VERBS:
            continue
        span = _compound_span(token)  # a speaker the model did not tag
        if index.resolve_group(span) is None:
            fuller = _full_name(span) if len(span) == 1 else None
            if fuller is not None:  # "Salcedo says" and "Bamby Salcedo" elsewhere
                _add_name(index, list(fuller), "PERSON")
            _add_name(index, list(span), "PERSON" if len(span) > 1 else "")
    for token in doc:
        if token.idx < body_start or token.ent_type_ in _NAME_LABELS:
            continue
        found = _role_phrase(token)
        if found is None:
            continue
        span, kind = found
        if kind == "role" and index.resolve_group(span) is not None:
            continue
        name = clean_name(span.text)
        if kind == "org" and any(t.ent_type_ == "ORG" for t in span) and index.resolve(span):
            continue
        group = index.add(kind, name, span.start_char, span.end_char)
        if kind == "role" and norm_word(token.text) in SPOKESPERSON_NOUNS:
            index.speaks_for(group, _spoken_for(name), span)
    _bare_surnames(index, doc, body_start)
    return index


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
        index._mentions.append(_Mention(token.idx, token.idx + len(token.text), found[0]))


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
    a fuller person's name ("Garg" of "Vishal Garg"), are left to each mention."""
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
    doc.user_data[key] = found
    return found


def _full_name(surname: Span) -> Span | None:
    """A fuller form of a one-word name in the same article: two or three proper nouns
    ending in that word ("Bamby Salcedo" for "Salcedo"), the first such."""
    word = surname[0].text
    for token in surname.doc:
        if token.text != word or token.i == surname.start or token.pos_ != "PROPN":
            continue
        start = token.i
        while start > 0 and surname.doc[start - 1].pos_ == "PROPN" and token.i - start < 2:
            start -= 1
        if start < token.i and all(t.text.istitle() for t in surname.doc[start : token.i]):
            return surname.doc[start : token.i + 1]
    return None


def _known_surname(index: EntityIndex, piece: list[Token], first_names: bool = False) -> bool:
    key = norm_word("".join(t.text_with_ws for t in piece).strip())
    if any(g.kind == "person" and g.surname == key for g in index._groups):
        return True  # the surname of a fuller name ("Debates" of "Raymond Debates III")
    return first_names and len(piece) == 1 and index._by_first_name(key) is not None


def speaker_span(token: Token) -> Span:
    """The mention span for a speaker whose head is ``token``.

    Prefers a name inside the phrase (the appositive "Igor Konashenkov" of "the spokesman
    of the Ministry of Defense, Igor Konashenkov"), else the noun phrase with its
    of-phrase, without relative clauses or trailing appositives.
    """
    doc = token.doc
    if token.pos_ != "PROPN":
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return _compound_span(child)
    if token.pos_ == "PROPN":
        return _compound_span(token)
    found = _role_phrase(token)
    if found is not None:
        return found[0]
    left = [c for c in token.lefts if c.dep_ in ("poss", "compound", "amod", "nmod", "det")]
    start = min([c.left_edge.i for c in left] + [token.i])
    return doc[start : token.i + 1]


def _joint_name(span: Span) -> Span:
    """A name widened over names joined to it by a slash with no spaces: the joint name of
    co-sponsors ("Reuters/Ipsos", "NPR/PBS NewsHour/Marist")."""
    doc = span.doc
    start, end = span.start, span.end
    while (
        start >= 2
        and doc[start - 1].text == "/"
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].text[:1].isupper()
    ):
        start -= 2
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].whitespace_:
            start -= 1
    while (
        end + 1 < len(doc)
        and doc[end].text == "/"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
    ):
        end += 2
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
    return doc[start:end]


def _compound_span(token: Token) -> Span:
    """A proper name with its compound and title modifiers ("Lt Gen Berrier")."""
    return _joint_name(_compound_name(token))


def _compound_name(token: Token) -> Span:
    doc = token.doc
    if token.ent_type_:
        start, end = token.i, token.i
        while start > 0 and doc[start - 1].ent_iob_ != "O" and doc[start].ent_iob_ == "I":
            start -= 1
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        span = doc[start : end + 1]
        pieces = [p for p in name_pieces(span) if token in p]
        if pieces:
            return doc[pieces[0][0].i : pieces[0][-1].i + 1]
        return span
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"]
    start = min([c.left_edge.i for c in left] + [token.i])
    return doc[start : token.i + 1]


def _affiliation_span(token: Token) -> Span:
    """The name of an affiliation: a proper name with its compounds, or an organisation
    phrase ("the ministry", "the country's military")."""
    if token.pos_ == "PROPN" or token.ent_type_:
        return _compound_span(token)
    found = _role_phrase(token)
    if found is not None:
        return found[0]
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "det")]
    start = min([c.i for c in left] + [token.i])
    return token.doc[start : token.i + 1]
