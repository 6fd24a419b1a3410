"""Prompt text lives in ``prompts/`` as plain files; this loads them by name so code never embeds prompts."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

_NAME = re.compile(r"[a-z0-9_]+\.(?:txt|jsonl)")


@cache
def load_prompt(name: str) -> str:
    """The text of ``prompts/<name>``; names are plain file names, never paths."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"bad prompt name {name!r}: expected a plain file name like 'system.txt'")
    path = resources.files("prompts").joinpath(name)
    if not path.is_file():
        raise FileNotFoundError(f"prompt {name!r} not found in the prompts package")
    return path.read_text(encoding="utf-8").strip()


def load_examples(name: str) -> list[dict]:
    """Few-shot examples: one JSON object per non-empty line of ``prompts/<name>`` (a .jsonl file)."""
    examples = []
    for number, line in enumerate(load_prompt(name).splitlines(), 1):
        if line.strip():
            try:
                examples.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"prompts/{name} line {number}: {exc}") from exc
    return examples
