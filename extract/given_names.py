"""The gender a given name usually has: "Lisa" is a woman's name, "Craig" a man's.

Pronouns are resolved by agreement (:mod:`newsgraph.extract.pronouns`): "she" cannot be
Rodrigo Heng-Lehtinen or David Souter. An article rarely says so itself, so a person's
given name is read against name lists. The lists are Faker's person providers (MIT
licence, shipped in the package, read offline): the female and male first names of each
locale written in the Latin alphabet. A name found on a female list of one locale and a
male list of another ("Andrea", "Jordan", "Charlie", "Kim") has no gender here, and
neither has a name on no list. What an article says (an honorific, a gendered role) always
comes before this (see :meth:`PronounResolution._gender`).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache


def given_name_gender(word: str) -> str | None:
    """``"f"`` or ``"m"`` for a given name that lists give one gender only, else None.

    >>> given_name_gender("Lisa"), given_name_gender("Craig"), given_name_gender("Jordan")
    ('f', 'm', None)
    """
    return _genders().get(word.lower().strip(".’'"))


def _latin(name: str) -> bool:
    return bool(name) and all(c.isalpha() and ord(c) < 0x250 or c in "-'’" for c in name)


@cache
def _genders() -> dict[str, str]:
    """Every listed given name with its one gender (names on lists of both are left out)."""
    try:
        import faker.providers.person as people  # start-up time: read once, when first asked
    except ImportError as exc:  # a broken install, not a missing feature
        raise RuntimeError(
            "newsgraph needs the 'faker' package for its given-name lists: pip install faker"
        ) from exc
    female: set[str] = set()
    male: set[str] = set()
    for module in pkgutil.iter_modules(people.__path__):
        provider = importlib.import_module(f"{people.__name__}.{module.name}").Provider
        for attribute, names in (("first_names_female", female), ("first_names_male", male)):
            names.update(n.lower() for n in getattr(provider, attribute, ()) or () if _latin(n))
    found = dict.fromkeys(female - male, "f")
    found.update(dict.fromkeys(male - female, "m"))
    return found
