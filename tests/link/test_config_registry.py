"""Settings from defaults, environment and flags; cross-article identity of people."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from fixtures.paths import ROOT
from sample_data import KONASHENKOV, PUTIN, article_a, statement

from newsgraph.config import Settings
from newsgraph.errors import ConfigError
from newsgraph.extract.records import Article, Entity, Extraction
from newsgraph.link.registry import EntityRegistry

README = ROOT / "README.md"


def test_environment_overrides_defaults_and_flags_override_both() -> None:
    env = {
        "NEWSGRAPH_STORE": "/data/ng",
        "NEWSGRAPH_PORT": "9001",
        "NEWSGRAPH_BASE_IRI": "https://x.org/id",
    }
    settings = Settings.from_env(env, port=9002)
    assert settings.store == Path("/data/ng")
    assert settings.port == 9002
    assert settings.base_iri == "https://x.org/id/"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NEWSGRAPH_PORT": "eighty"}, "NEWSGRAPH_PORT must be a whole number"),
        ({"NEWSGRAPH_PORT": "70000"}, "port must be between"),
        ({"NEWSGRAPH_BASE_IRI": "example.org"}, "base_iri must be an http"),
    ],
)
def test_bad_settings_name_the_setting(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for field in dataclasses.fields(Settings):
        assert f"NEWSGRAPH_{field.name.upper()}" in readme, field.name


def _only_putin(name: str) -> Extraction:
    text = f"{name} said that all was well."
    article = Article(id="p.txt", text=text, published=dt.date(2022, 3, 10))
    speaker = Entity(name=name, kind="person")
    return Extraction(article, (statement(text, "all was well", speaker),), (), (speaker,))


def test_a_one_word_name_takes_the_one_full_name_that_ends_with_it() -> None:
    registry = EntityRegistry()
    registry.admit(article_a())
    extraction, merges = registry.admit(_only_putin("Putin"))
    assert extraction.statements[0].speaker.name == "Vladimir Putin"
    assert "Putin" in extraction.statements[0].speaker.aliases
    assert merges == []


def test_a_short_name_seen_first_is_merged_when_the_full_name_arrives() -> None:
    registry = EntityRegistry()
    first, merges = registry.admit(_only_putin("Putin"))
    assert first.statements[0].speaker.name == "Putin" and merges == []
    _, merges = registry.admit(article_a())
    assert merges == [("Putin", "Vladimir Putin")]


def test_short_names_of_any_case_merge_once_into_the_full_name() -> None:
    """Short names are found by their lower-cased form (not by scanning every short name
    known, which made ingest quadratic in the corpus): each form is merged, and only once."""
    registry = EntityRegistry()
    registry.admit(_only_putin("PUTIN"))
    registry.admit(_only_putin("Putin"))
    _, merges = registry.admit(article_a())
    assert merges == [("PUTIN", "Vladimir Putin"), ("Putin", "Vladimir Putin")]
    _, again = registry.admit(article_a())
    assert again == []


def test_an_ambiguous_short_name_is_never_guessed() -> None:
    registry = EntityRegistry(["Anna Smith", "John Smith"])
    assert registry.canonical_person("Smith") == "Smith"


def test_organisation_names_lose_a_leading_article() -> None:
    org = Entity(name="the Defense Ministry", kind="org")
    assert EntityRegistry().canonical(org).name == "Defense Ministry"
    assert EntityRegistry().canonical(KONASHENKOV) == KONASHENKOV
    assert EntityRegistry().canonical(PUTIN) == PUTIN
