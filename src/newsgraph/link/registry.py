"""Cross-article identity: one name (and so one IRI) per real-world person.

Within an article, extraction already names each person by the fullest form the article
uses. Across articles, an article that only ever says "Putin" must still land on the
person other articles call "Vladimir Putin". The registry knows every person name in the
store and maps a one-word name to the one full name that ends with it; when it is not
unique, the short name stays as it is (never a guess between two people).

>>> reg = EntityRegistry(["Vladimir Putin", "Dmitry Peskov"])
>>> reg.canonical_person("Putin"), reg.canonical_person("Peskov"), reg.canonical_person("Biden")
('Vladimir Putin', 'Dmitry Peskov', 'Biden')
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable

from newsgraph.extract.records import Entity, Extraction

_LEADING_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)


class EntityRegistry:
    """The person names known so far, indexed by their last word."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._full_by_last: dict[str, set[str]] = defaultdict(set)
        self._short: dict[str, set[str]] = defaultdict(set)  # one-word names by lower case
        for name in names:
            self._remember(name)

    def _remember(self, name: str) -> None:
        words = name.split()
        if len(words) >= 2:
            self._full_by_last[words[-1].lower()].add(name)
        elif words:
            self._short[name.lower()].add(name)

    def canonical_person(self, name: str) -> str:
        """The full name a one-word name stands for, when exactly one is known."""
        words = name.split()
        if len(words) != 1:
            return name
        candidates = self._full_by_last.get(words[0].lower(), set())
        return next(iter(candidates)) if len(candidates) == 1 else name

    def canonical(self, entity: Entity) -> Entity:
        """The entity under its cross-article name (the article's form kept as an alias)."""
        if entity.kind == "person":
            name = self.canonical_person(entity.name)
        elif entity.kind == "org":
            name = _LEADING_ARTICLE.sub("", entity.name).strip() or entity.name
        else:
            return entity
        if name == entity.name:
            return entity
        aliases = tuple(dict.fromkeys((*entity.aliases, entity.name)))
        return dataclasses.replace(entity, name=name, aliases=aliases)

    def admit(self, extraction: Extraction) -> tuple[Extraction, list[tuple[str, str]]]:
        """Canonicalise an extraction's entities and learn its names.

        Returns:
            The extraction with canonical names, and the merges the store must make:
            ``(short name, full name)`` pairs for one-word names stored earlier that this
            article's full names now explain.
        """
        mapping: dict[Entity, Entity] = {}

        def canon(entity: Entity) -> Entity:
            if entity not in mapping:
                mapping[entity] = self.canonical(entity)
            return mapping[entity]

        statements = tuple(
            dataclasses.replace(s, speaker=canon(s.speaker)) for s in extraction.statements
        )
        figures = tuple(
            dataclasses.replace(f, source=canon(f.source)) if f.source is not None else f
            for f in extraction.figures
        )
        entities = tuple(canon(e) for e in extraction.entities)
        merges: list[tuple[str, str]] = []
        for entity in dict.fromkeys((*mapping.values(), *entities)):  # in order: deterministic
            if entity.kind != "person":
                continue
            words = entity.name.split()
            if len(words) >= 2:
                last = words[-1].lower()
                stale = sorted(self._short.get(last, ()))
                self._remember(entity.name)
                if stale and len(self._full_by_last[last]) == 1:
                    merges += [(short, entity.name) for short in stale]
                    del self._short[last]
            else:
                self._remember(entity.name)
        updated = dataclasses.replace(
            extraction, statements=statements, figures=figures, entities=entities
        )
        return updated, merges
