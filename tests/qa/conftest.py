"""One real assistant over the demo corpus for the whole folder (model load + demo index take seconds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DEMO_SET = Path(__file__).resolve().parents[2] / "eval" / "sets" / "demo.jsonl"


@pytest.fixture(scope="session")
def assistant():
    from citeqa.qa.assistant import Assistant

    return Assistant.open()


@pytest.fixture(scope="session")
def demo_rows() -> list[dict]:
    return [json.loads(line) for line in DEMO_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
