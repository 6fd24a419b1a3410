"""Planner accuracy and latency on a request file (default benchmarks/requests_dev.yaml).

Exact match means: the same op types in the same order with the same key arguments. Query text is
compared after lower-casing and dropping articles, words like "scenes"/"shots" and plural "s"; durations
within a second; relative lengths and speeds by direction (shorter/longer, slower/faster) and clip
references by their numbers, inversion and matched word. A request marked ``refusal: true`` must come
back with a refusal and no ops.

A miss is not always harm: each is counted as a wrong edit (the chat would make a version from a wrong
reading), asked (the chat would ask about a partial or guessed reading before acting) or no edit (a
refusal, or nothing understood and said so). ``asked_when_right`` counts right readings the chat would
still confirm first.

A request in another language is planned for films that speak it (the writers label an unquoted dialogue
topic in the request's language: "lavoro", "den Krieg"): the context names that language, and a dialogue
query is compared by the words searched in it (``Query.words_in``), its function words dropped.

Usage: python benchmarks/bench_planner.py [--backends rules,llamacpp,auto] [--limit N]
       [--requests benchmarks/requests_heldout.yaml] [--model PATH.gguf]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.plan.language import detect_language, reads_as_english  # noqa: E402
from assistant.plan.schema import EditPlan  # noqa: E402
from assistant.planning.base import Planner, PlannerContext  # noqa: E402
from assistant.planning.factory import AutoPlanner, make_planner, plan_turn  # noqa: E402
from assistant.planning.llm.base import plan_to_json  # noqa: E402
from index.dialogue_store import function_words  # noqa: E402

REQUESTS = Path(__file__).with_name("requests_dev.yaml")
RESULTS = Path(__file__).with_name("results")
_DROP = {
    "the",
    "a",
    "an",
    "scene",
    "scenes",
    "shot",
    "shots",
    "clip",
    "clips",
    "part",
    "parts",
    "bit",
    "bits",
    "moment",
    "moments",
    "sequence",
    "sequences",
    "one",
    "ones",
}


def _text(value: str | None, drop: frozenset[str] | set[str] = _DROP) -> str:
    words = [w.rstrip("s") for w in re.findall(r"[\w']+", (value or "").lower()) if w not in drop]
    return " ".join(words)


def _valid(plan: EditPlan) -> bool:
    """Whether ``plan`` passes the schema again (an unchecked one counts as invalid, never stops the run)."""
    try:
        return EditPlan.model_validate(plan.model_dump()) == plan
    except ValueError:
        return False


def film_languages(text: str) -> tuple[str, ...]:
    """The languages the films of a request speak in this benchmark: the request's own, if not English."""
    language = detect_language(text)
    return () if reads_as_english(language) else (language,)


def _query_key(query: dict, language: str | None) -> tuple:
    kind = query.get("kind", "auto")
    if kind != "dialogue" or not language:
        return (_text(query.get("text")), kind)
    said = {lang: words for lang, words in query.get("spoken_as") or ()}.get(language, query.get("text"))
    return (_text(said, _DROP | function_words(language)), kind)


def _direction(value: float | None) -> int:
    return 0 if value is None or abs(value - 1) < 1e-6 else (1 if value > 1 else -1)


def _ref_key(ref: dict | None) -> tuple:
    ref = ref or {}
    # clips by the people on them ("the scenes with Thom") match an annotation naming them as words
    said = " ".join(filter(None, [ref.get("matching"), *(ref.get("people") or ())])) or None
    return (tuple(ref.get("indices") or ()), _text(said), bool(ref.get("invert")))


def op_key(op: dict, language: str | None = None) -> tuple:
    """The parts of an operation that decide whether two plans do the same edit (a dialogue query in the
    films' ``language`` when it is not English)."""
    kind = op["op"]
    if kind == "best":
        query = op.get("query") or {}
        return (kind, _text(query.get("text")), op.get("count"), round(op.get("seconds") or 0))
    if kind == "move":
        return (kind, *_query_key(op["query"], language), op["to"])
    if kind == "remove" and op.get("spare"):  # "... except the last one": which of the matches stay
        return (kind, *_query_key(op["query"], language), tuple(op["spare"]))
    if "query" in op:
        return (kind, *_query_key(op["query"], language))
    if kind == "limit_duration":
        seconds, change = op.get("seconds"), op.get("change")
        return (kind, round(seconds) if seconds is not None else None, _direction(op.get("factor")),
                round(change) if change is not None else None)
    if kind == "speed":
        return (kind, _direction(op["factor"]), _ref_key(op.get("target")))
    if kind == "trim_cut":
        # a share to two places: "the last third" is 0.3333 written, 1/3 read
        amount = (round(float(op["seconds"]), 1) if op.get("seconds") is not None
                  else ("share", round(float(op["share"]), 2)))
        return (kind, amount, op.get("side", "end"), bool(op.get("keep")))
    if kind in ("trim", "trim_to", "extend"):  # seconds, or a factor of the clip's own length
        seconds = op.get("seconds")
        amount = ("x", round(float(op["factor"]), 2)) if seconds is None else round(float(seconds), 1)
        return (kind, amount, op.get("side", "both"), _ref_key(op.get("target")))
    if kind == "transition":  # between every two clips, or into the clips named
        return (kind, op["kind"], _ref_key(op["into"]) if op.get("into") else None)
    if kind == "volume":  # muted / a level / louder or quieter, for which clips
        level = op.get("level")
        return (kind, round(level, 2) if level is not None else _direction(op.get("factor")),
                _ref_key(op.get("target")))
    if kind == "fade":
        return (kind, op.get("at", "both"), round(float(op.get("seconds", 1.0)), 1))
    if kind == "title":
        return (kind, op["text"].strip().lower())
    if kind in ("undo", "redo"):
        return (kind, op.get("steps", 1))
    if kind == "order":
        return (kind, op["by"])
    if kind in ("remove_clip", "keep_clip", "swap_clips"):
        return (kind, _ref_key(op["ref"]))
    if kind in ("remove_line", "keep_lines"):
        return (kind, tuple(op.get("lines") or ()), op.get("clip"), bool(op.get("every")))
    if kind == "move_clip":
        return (kind, _ref_key(op["ref"]), op.get("to"), op.get("before"), op.get("after"))
    if kind in ("blur", "unblur"):  # whose faces, and in which clips (None: the whole cut)
        people = tuple(sorted(p.lower() for p in op.get("people") or ()))
        return (kind, op.get("target"), people, bool(op.get("exclusive")),
                _ref_key(op["clips"]) if op.get("clips") else None)
    if kind == "reframe":
        return (kind, op["aspect"])
    if kind == "like":
        return (kind, _text(op["text"]), op.get("liked", True))
    return (kind,)


def _near(a: object, b: object) -> bool:
    """``a`` and ``b`` (parts of two op keys) alike up to a search's wording: words shared by at least half of
    the shorter one ("city traffic" ~ "traffic b roll"), everything else equal."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_near(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, str) and isinstance(b, str) and a != b:
        mine, theirs = set(a.split()), set(b.split())
        return bool(mine and theirs) and len(mine & theirs) >= max(1, min(len(mine), len(theirs)) / 2)
    return a == b


def plan_matches(expected: dict, plan: EditPlan, language: str | None = None, loose: bool = False) -> bool:
    """Whether ``plan`` does the edit ``expected`` annotates; ``loose`` lets a search's words differ (a
    diagnostic of how many misses are wording only: the accuracy reported is the strict one)."""
    if expected.get("refusal"):
        return bool(plan.refusal) and not plan.ops
    want = EditPlan.model_validate({"ops": expected["ops"]})
    said = [op_key(o.model_dump(), language) for o in want.ops]
    got = [op_key(o.model_dump(), language) for o in plan.ops]
    return _near(tuple(said), tuple(got)) if loose else said == got


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_backend(name: str, planner: Planner, items: list[dict]) -> dict:
    latencies, correct, valid, misses, answered_by, wording_only = [], 0, 0, [], {}, 0
    outcomes = {"wrong_edit": 0, "asked": 0, "no_edit": 0, "asked_when_right": 0}
    for item in items:
        start = time.perf_counter()
        languages = film_languages(item["text"])
        result = plan_turn(item["text"], PlannerContext(film_languages=languages), planner)
        language = languages[0] if languages else None
        ok = plan_matches(item, result.plan, language)
        wording_only += not ok and plan_matches(item, result.plan, language, loose=True)
        if name != "rules":  # LLM runs are slow; show progress as it goes
            print(
                f"  {name} {(time.perf_counter() - start):6.1f} s {'ok  ' if ok else 'MISS'} "
                f"{item['text']!r} [{result.backend}]",

                flush=True,
            )
        latencies.append((time.perf_counter() - start) * 1000)
        valid += _valid(result.plan)
        answered_by[result.backend] = answered_by.get(result.backend, 0) + 1
        asks = result.to_confirm
        if ok:
            correct += 1
            outcomes["asked_when_right"] += asks
        else:
            outcomes["no_edit" if not result.plan.ops or result.plan.refusal else "asked" if asks
                     else "wrong_edit"] += 1
            misses.append(
                {
                    "text": item["text"],
                    "got": json.loads(plan_to_json(result.plan)),
                    "backend": result.backend,
                    "note": result.note,
                }
            )
    return {
        "backend": name,
        "requests": len(items),
        "accuracy": correct / len(items),
        "valid": valid / len(items),
        # How the chat meets a miss: a version made from a wrong reading (the harm to avoid), a question
        # about a partial or guessed reading, or no edit (a refusal, or nothing understood and said so).
        **{outcome: count / len(items) for outcome, count in outcomes.items()},
        # misses that do the annotated edit with other words for a search ("city traffic" for "traffic
        # b-roll"): a diagnostic, counted inside the misses above, never added to the accuracy
        "wording_only": wording_only / len(items),
        "p50_ms": statistics.median(latencies),
        "p95_ms": _percentile(latencies, 0.95),
        "answered_by": answered_by,
        "misses": misses,
    }


def _planner(name: str, model: str | None, core: int | None = None, few_shot: int | None = None) -> Planner:
    if name == "rules":
        return make_planner("rules")
    if model is None:
        from tests.fixture_models import qwen_coder_gguf

        model = str(qwen_coder_gguf())
    llm = make_planner("llamacpp", model=model)
    if core is not None:
        llm.core = core  # type: ignore[attr-defined]
    llm.few_shot = few_shot  # type: ignore[attr-defined]
    return llm if name == "llamacpp" else AutoPlanner(llm)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="rules,llamacpp,auto")
    parser.add_argument("--limit", type=int, default=None, help="only the first N requests")
    parser.add_argument("--requests", type=Path, default=REQUESTS, help="YAML file of requests and plans")
    parser.add_argument("--model", default=None, help="GGUF for llamacpp/auto (default: the 0.5B fixture)")
    parser.add_argument("--core", type=int, default=None,
                        help="fixed examples in the cached prompt prefix (default: the backend's, 40)")
    parser.add_argument("--few-shot", type=int, default=None, help="nearest examples per request (default 8)")
    args = parser.parse_args(argv)
    items = yaml.safe_load(args.requests.read_text())[: args.limit]
    report = []
    for name in args.backends.split(","):
        planner = _planner(name, args.model, args.core, args.few_shot)
        if name != "rules":
            # as the app does at start (ui/services.py): every fixed prompt prefix read before the first
            # request (planning, translation, replies in the user's language), so the first request in another
            # language does not pay ~20-30 s for the translation prefix
            warm = getattr(planner, "warm", None)
            if callable(warm):
                warm()
            plan_turn("warm up the prompt cache", PlannerContext(), planner)
        result = run_backend(name, planner, items)
        report.append(result)
        print(
            f"{name:9} accuracy {result['accuracy']:.1%}  wrong edits {result['wrong_edit']:.1%}  "
            f"asked {result['asked']:.1%}  no edit {result['no_edit']:.1%}  valid {result['valid']:.0%}  "
            f"(misses by wording only {result['wording_only']:.1%})  "
            f"p50 {result['p50_ms']:.1f} ms  p95 {result['p95_ms']:.1f} ms  by {result['answered_by']}",
            flush=True,
        )

        for miss in result["misses"]:
            print(f"   miss: {miss['text']!r} -> {json.dumps(miss['got'])} [{miss['backend']}]")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_planner-{args.requests.stem}.json"
    out.write_text(json.dumps(report, indent=2))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
