"""How well a language model puts a dialogue search into a film's language (``ChatModelPlanner.say_in``).

Each entry gives the English words the planner writes, the film's language, the user's request when it
was in that language (``heard``), and stems a right answer contains. An answer is right when it contains
one of them (case-insensitive) and has at most two words more than the English: the word search scores a
line by the share of the query's words it has, so a copied sentence ("solo las partes donde mencionan el
museo") finds nothing. Reports accuracy and the time per call (the first evaluates the prompt).

Usage: python benchmarks/bench_say_in.py --model PATH.gguf [--requests benchmarks/say_in_dev.yaml]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.planning.base import PlannerError  # noqa: E402
from assistant.planning.factory import make_planner  # noqa: E402

REQUESTS = Path(__file__).with_name("say_in_dev.yaml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="a GGUF file for llama.cpp")
    parser.add_argument("--requests", type=Path, default=REQUESTS)
    args = parser.parse_args(argv)
    planner = make_planner("llamacpp", model=args.model)
    entries = yaml.safe_load(args.requests.read_text())
    right, times = 0, []
    for entry in entries:
        start = time.perf_counter()
        try:
            said = planner.say_in(  # type: ignore[attr-defined]
                entry["words"], entry["language"], entry.get("heard", ""))
        except PlannerError as exc:
            said = f"<no answer: {exc}>"
        times.append(time.perf_counter() - start)
        short = len(said.split()) <= len(entry["words"].split()) + 2  # a whole sentence drowns the word
        ok = short and any(stem in said.casefold() for stem in entry["accept"])
        right += ok
        mark = "ok " if ok else "BAD"
        print(f"{mark} {entry['language']}  {entry['words']!r} -> {said!r}  {times[-1]:.2f}s")
    later = times[1:] or times
    print(f"accuracy {right}/{len(entries)} = {100 * right / len(entries):.1f} %; "
          f"p50 {statistics.median(later):.2f} s, max {max(later):.2f} s (first call {times[0]:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
