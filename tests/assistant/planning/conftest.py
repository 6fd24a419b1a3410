"""Fixtures shared by the planner tests."""

from __future__ import annotations

import pytest

from tests.fixture_models import FixtureModelMissing, qwen_coder_gguf


@pytest.fixture(scope="module")
def qwen_planner():
    """The llama.cpp planner on the Qwen2.5-Coder-0.5B fixture (skipped without the extra or the wheel)."""
    pytest.importorskip("llama_cpp", reason="the llamacpp extra (llama-cpp-python) is not installed")
    try:
        path = qwen_coder_gguf()
    except FixtureModelMissing as exc:
        pytest.skip(f"fixture model wheel not installed: {exc}")
    from assistant.planning.llm.llamacpp import LlamaCppPlanner

    # The 0.5B fixture keeps the 2 nearest examples after the core ones: without them it read "make it
    # vertical for my phone" with a cast as blurs. The 1.5B model the product defaults to reads as well
    # without them, 2 s faster (``FEW_SHOT_AFTER_CORE``; part 52 in benchmarks/results-notes.md).
    return LlamaCppPlanner(str(path), few_shot=2)
