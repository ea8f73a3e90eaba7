"""Resolving a mention of one article to the entity it names.

:meth:`EntityIndex.resolve` maps a later mention (a surname, "the spokesman", "the
ministry", a pronoun) back to the entity the article named; sources without a name ("a
spokesperson", "the poll", "analysts") and speakers the model did not tag ("China claims")
get groups of their own, tied to the organisation they speak for. The groups are kept by
:class:`~newsgraph.extract.entity_groups.EntityGroups`; pronouns are resolved by
:class:`~newsgraph.extract.pronouns.PronounResolution`.
"""

from __future__ import annotations

import calendar
import re

from spacy.tokens import Span, Token

from newsgraph.extract.lexicon import (
    DOCUMENT_NOUNS,
    GENERIC_ORG_NOUNS,
    LEADER_NOUNS,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    SPOKESPERSON_NOUNS,
    TITLE_WORDS,
)
from newsgraph.extract.mention_spans import affiliation_span
from newsgraph.extract.name_forms import clean_name, norm_word, spells
from newsgraph.extract.pronouns import SPEAKER_PRONOUNS, PronounResolution
from newsgraph.extract.records import Entity
from newsgraph.extract.source_names import (
    Author,
    document_author,
    document_authors,
    source_spans,
)
from newsgraph.extract.sources import Described, describe_source

SPOKESPERSON_WINDOW = 400
"""How far back (characters) an unaffiliated spokesperson looks for the organisation they
speak for."""
LEADER_WINDOW = 1500
"""How far back (characters) a leader noun ("the Russian president") looks for its person."""


class EntityIndex(PronounResolution):
    """The entities of one article and their mentions, in text order, and the resolution
    of a mention to its entity."""

    _authors: list[Author] | None = None
    """The documents the article names with their authors (read when first needed)."""

    def mentions(self, group: int, token: Token) -> bool:
        """True when ``token`` lies in a recorded mention of ``group``, or is a "he"/"she"
        that agrees with a person group."""
        if token.lower_ in PERSON_PRONOUNS | {"his", "her"}:
            return self._groups[group].kind == "person" and self.agrees_known(group, token.lower_)
        return any(m.group == group and m.start <= token.idx < m.end for m in self._mentions)

    def add_unnamed(self, head: Token) -> int | None:
        """The group of the unnamed source, document or anonymous source whose head is
        ``head`` (:func:`~newsgraph.extract.sources.describe_source`), created when new;
        None when the phrase is not a source."""
        found = describe_source(head)
        if found is None:
            return None
        earlier = self._same_document(head, found) if found.kind == "document" else None
        if found.kind == "unnamed-person":
            earlier = self._same_person(head, found)
            if earlier is not None:  # "the official" after "an official familiar with ..."
                self.add_mention(earlier, found.start, found.end)
                return earlier
        if earlier is not None:  # "the poll" after "a new poll from Reuters/Ipsos"
            self.add_mention(earlier, found.start, found.end)
            self._issued_by_author(earlier, head)
            return earlier
        group = self.add(found.kind, found.description, found.start, found.end)
        if found.kind == "document" and found.affiliation is None:
            self._issued_by_author(group, head)
        if found.affiliation is not None and self._groups[group].affiliation is None:
            span = affiliation_span(found.affiliation)
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

    def _issued_by_author(self, group: int, head: Token) -> None:
        """A document named without its author ("The poll showed ...", "Data provided by
        the county show ...") is the one of its kind the article named with its author
        before ("a new Reuters/Ipsos poll"), or is named with it in a way the phrase's own
        owner does not show: its statements are that author's, as its figures are
        (:func:`~newsgraph.extract.source_names.document_author`)."""
        if self._groups[group].affiliation is not None:
            return
        if self._authors is None:
            self._authors = document_authors(self.doc, self)
        author = document_author(head, self._authors)
        if author is None or author.kind not in ("org", "person"):
            return
        owner = self._find_group(author.kind, author.name)
        if owner is None:
            named = next(a for a in self._authors if a.entity == author)
            spans = source_spans(self.doc[named.token])
            start, end = (spans[0].start_char, spans[0].end_char) if spans else (0, 0)
            owner = self.add(author.kind, author.name, start, end)
        if owner == group:
            return
        self._cache.clear()
        self._groups[group].affiliation = owner
        self._groups[group].represents = True

    def _same_person(self, head: Token, found: Described) -> int | None:
        """The unnamed or anonymous person a bare definite description refers back to:
        "the official" is the latest one the article described with that noun ("a
        Canadian official familiar with the discussions"), within a few paragraphs."""
        definite = any(c.dep_ == "det" and c.text.lower() == "the" for c in head.children)
        bare = all(c.dep_ == "det" for c in head.children)  # "the official", nothing more
        if not (definite and bare) or found.affiliation is not None:
            return None
        noun = head.lemma_.lower()
        people = [
            i
            for i in self._by_kind("unnamed-person") + self._by_kind("anonymous")
            if noun in {w.lower() for w in re.findall(r"\w+", self._groups[i].name)}
        ]
        found_group = self._nearest_before(found.start, people)
        if found_group is None or not self._near(found_group, head.doc[head.i : head.i + 1], 1500):
            return None
        return found_group

    def _nearest_before(self, before: int, groups: list[int]) -> int | None:
        """Of ``groups``, the one mentioned last before ``before``, or None."""
        best, best_end = None, -1
        for mention in self._mentions:
            if mention.group in groups and best_end < mention.end <= before:
                best, best_end = mention.group, mention.end
        return best

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
        # "August said": a date does not speak, a name does (but no one is named Saturday:
        # "Warren on Saturday said" parsed with the day as subject)
        untyped = not root.ent_type_ or (
            root.ent_type_ in ("DATE", "TIME") and root.text not in calendar.day_name
        )
        if untyped and len(span) <= 3 and person_shaped:
            return self.add("person", name, span.start_char, span.end_char)
        return None

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
        if root.text.lower() in SPEAKER_PRONOUNS:
            return self.resolve_pronoun(span)
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
            if key in forms or any(spells(clean_name(span.text), f) for f in group.forms):
                exact.append(i)  # the name, or an acronym that spells it ("WHO")
            elif (
                head
                and any(head in f.split() for f in forms)
                or not head
                and any(_within(key, f) or (_within(f, key) and len(f) > 3) for f in forms)
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
        if head in SPOKESPERSON_NOUNS:
            return None  # a spokesperson is someone the article called one, or unnamed
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


def _within(part: str, name: str) -> bool:
    """True when ``part`` is ``name`` or a run of its whole words ("North Korea" is not in
    "North Korean Supreme Leader")."""
    return f" {part} " in f" {name} "


def spoken_for(role: str) -> str | None:
    """The organisation named in a spokesperson role, or None for another role.

    >>> spoken_for("spokesman of the Ministry of Defense")
    'Ministry of Defense'
    >>> spoken_for("Defense Ministry spokesman")
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
