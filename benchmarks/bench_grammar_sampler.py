"""Planner decoding speed: llama-cpp-python's grammar sampler against the grammar-checked greedy sampler.

Both contexts get the planner's real prompt (system prompt, core and nearest examples) for each request and
decode greedily under the plan grammar; the script reports the time per generated token after the first
(prompt evaluation excluded), the whole answer's time, and whether the two answers are identical (they
should be: the same pick, made with less work).

Usage: python -m benchmarks grammar_sampler [--model PATH.gguf] [--requests FILE] [--limit N] [--core N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.planning.base import PlannerContext  # noqa: E402
from assistant.planning.llm import greedy_grammar, llamacpp  # noqa: E402
from assistant.planning.llm.base import CORE_EXAMPLES, build_messages  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def _decode(llm: object, messages: list, grammar: object) -> tuple[str, float, int, float]:
    """(answer, seconds in all, tokens streamed, seconds after the first token)."""
    start = time.perf_counter()
    first, parts = None, []
    for chunk in llm.create_chat_completion(  # type: ignore[attr-defined]
        messages=messages, grammar=grammar, temperature=0.0, max_tokens=llamacpp.MAX_TOKENS, stream=True
    ):
        text = chunk["choices"][0]["delta"].get("content") or ""
        if text and first is None:
            first = time.perf_counter()
        parts.append(text)
    end = time.perf_counter()
    return "".join(parts), end - start, sum(1 for p in parts if p), end - (first or end)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="GGUF (default: the Qwen2.5-Coder-1.5B fixture)")
    parser.add_argument("--requests", type=Path, default=ROOT / "benchmarks" / "requests_dev.yaml")
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--core", type=int, default=CORE_EXAMPLES)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args(argv)
    from llama_cpp import Llama

    if args.model is None:
        from tests.fixture_models import qwen_coder_15b_gguf

        args.model = str(qwen_coder_15b_gguf())
    threads = args.threads or llamacpp.default_threads()
    options = {"model_path": args.model, "n_ctx": llamacpp.CONTEXT_TOKENS, "n_threads": threads,
               "n_threads_batch": threads, "n_batch": 512, "verbose": False, "seed": 0}
    samplers = {"llama_cpp": Llama(**options), "grammar_checked": greedy_grammar.llama_class()(**options)}
    grammar = llamacpp._grammar()
    items = yaml.safe_load(args.requests.read_text())[: args.limit]
    warm = build_messages("only the fights", PlannerContext(), None, args.core)
    for llm in samplers.values():
        _decode(llm, warm, grammar)  # the fixed prefix, evaluated once per context
    rows: dict[str, list] = {name: [] for name in samplers}
    same = 0
    for item in items:
        messages = build_messages(item["text"], PlannerContext(), None, args.core)
        answers = {}
        for name, llm in samplers.items():
            answer, total, tokens, after_first = _decode(llm, messages, grammar)
            answers[name] = answer
            rows[name].append((total, tokens, after_first))
        same += len(set(answers.values())) == 1
        print(f"  {' / '.join(f'{rows[n][-1][0]:5.2f} s' for n in samplers)}  {item['text'][:60]!r}",
              flush=True)
    report: dict = {"model": Path(args.model).name, "threads": threads, "requests": len(items),
                    "identical_answers": same}
    for name, values in rows.items():
        tokens = sum(max(0, n - 1) for _, n, _ in values)
        report[name] = {
            "ms_per_token_after_first": 1000 * sum(a for _, _, a in values) / max(1, tokens),
            "mean_s": statistics.mean(t for t, _, _ in values),
            "tokens": sum(n for _, n, _ in values),
        }
    base, checked = report["llama_cpp"], report["grammar_checked"]
    report["token_speedup"] = base["ms_per_token_after_first"] / checked["ms_per_token_after_first"]
    report["answer_speedup"] = base["mean_s"] / checked["mean_s"]
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench_grammar_sampler.json").write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
