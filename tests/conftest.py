"""Shared fixtures: one embedder per test session (loading the model is the slow part)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

SHARED_DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"


@pytest.fixture(scope="session")
def embedder():
    from citeqa.config import Settings
    from citeqa.index.embedder import Embedder

    return Embedder(Settings().model_name)


@pytest.fixture(scope="session")
def demo_assistant(embedder):
    from citeqa.config import Settings
    from citeqa.corpus.demo import demo_corpus
    from citeqa.index.store import Index
    from citeqa.qa.assistant import Assistant

    settings = Settings()
    return Assistant(Index.build(demo_corpus(), settings, embedder), embedder, settings, label="demo corpus")


@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    if not SHARED_DATASETS.is_dir():
        pytest.skip("../shared/datasets is not present (a fresh clone has no ../shared)")
    return SHARED_DATASETS
