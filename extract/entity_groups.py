"""The store of one article's entities: groups of names and the mentions of each.

A group is one real-world person, organisation, office holder, unnamed source or document
while the article is read; a mention is a character range of the text that names it.
:class:`EntityGroups` records them (:meth:`~EntityGroups.add` finds the group a new name
belongs to: "Putin" after "Vladimir Putin", "CDC" after "Centers for Disease Control")
and answers the lookups the resolution of mentions is built on (groups of a kind, the
nearest mention before a point). :class:`~newsgraph.extract.entity_index.EntityIndex`
adds the resolution itself; :func:`~newsgraph.extract.entities.build_entities` fills it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from newsgraph.extract.name_forms import (
    DETERMINERS,
    EDGE_PUNCTUATION,
    TITLE_ABBREVIATIONS,
    norm_word,
    same_org,
    spells,
    surname_of,
)
from newsgraph.extract.records import Entity, EntityKind


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
        words = {norm_word(w) for w in re.findall(r"[\w.’']+", text)} - DETERMINERS
        return words | {TITLE_ABBREVIATIONS[w] for w in words if w in TITLE_ABBREVIATIONS}

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


class EntityGroups:
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

    def kind_of(self, group: int) -> EntityKind:
        return self._groups[group].kind

    def _by_kind(self, kind: EntityKind) -> list[int]:
        return [i for i, g in enumerate(self._groups) if g.kind == kind]

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

    def add_mention(self, group: int, start: int, end: int) -> None:
        """Record a mention of a known group that adds no form of its name."""
        self._mentions.append(_Mention(start, end, group))

    def _nearest(self, before: int, groups: Iterable[int]) -> int | None:
        """Of ``groups``, the one mentioned last before the offset ``before``; with none
        mentioned before it, the one mentioned first (or the lowest number)."""
        allowed = set(groups)
        best, best_end = None, -1
        for mention in self._mentions:
            if mention.group in allowed and mention.end <= before and mention.end > best_end:
                best, best_end = mention.group, mention.end
        if best is None and allowed:
            firsts = [m for m in self._mentions if m.group in allowed]
            best = min(firsts, key=lambda m: m.start).group if firsts else min(allowed)
        return best

    def _near(self, group: int, span: Span, distance: int) -> bool:
        """True when ``group`` is mentioned at most ``distance`` characters before ``span``."""
        return any(
            m.group == group and 0 <= span.start_char - m.end <= distance for m in self._mentions
        )

    def _org_named(self, name: str) -> int | None:
        for i in self._by_kind("org"):
            if any(
                same_org(name, form) for form in self._groups[i].forms + self._groups[i].aliases
            ):
                return i
        return None
